"""Is an image file one the PDFs can draw? (logos, signatures)"""
from __future__ import annotations

from pathlib import Path

from .i18n import _


def image_problem(path: str | Path) -> str | None:
    """Why the image at ``path`` cannot be drawn, or None when it decodes whole.

    The whole file is decoded, so a truncated PNG or JPEG is caught, not only a text file
    with an image's name.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
    except UnidentifiedImageError:
        return _("is not an image (give a PNG or JPEG file)")
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or damaged data
        return _("is damaged ({value}); export it again as PNG").format(
                   value=str(exc).strip() or type(exc).__name__)
    except Image.DecompressionBombError:
        return _("is too large (more than 89 million pixels); give a smaller image")
    return None
