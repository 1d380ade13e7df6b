"""Plain-text helpers with no dependency, shared by the readers and the renderers."""
from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """Text without combining accents (é -> e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
