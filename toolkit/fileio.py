"""Safe output: atomic writes, file names from user text, spreadsheet cells that cannot run."""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import IO, Iterator

from .errors import OutputError
from .i18n import _

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None,
                 newline: str | None = None) -> Iterator[IO]:
    """Write ``path`` through a temporary file in the same folder, renamed on success.

    An interrupted run leaves the previous file (or none), never a half-written one.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("Cannot create the folder {parent}: {strerror}. Choose another "
                            "output path with -o.").format(
                              parent=target.parent, strerror=exc.strerror)) from exc
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def safe_filename(text: str, *, default: str = "file", max_length: int = 80) -> str:
    """A file name made from user text: ASCII letters, digits, '-', '_' and '.', no path parts.

    "../../x" becomes "x"; an empty result becomes ``default``.
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    text = re.sub(r"\.{2,}", ".", text)
    return (text[:max_length].strip("._-") or default)


def neutralise_cell(value):
    """Make a text cell safe for Excel: a leading = + - @ tab or CR gets a quote before it.

    Numbers, dates and None pass unchanged; only strings can carry a formula.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def check_not_input(output: str | os.PathLike, inputs: list[str | os.PathLike]) -> None:
    """Refuse to write over one of the input files."""
    out = Path(output).resolve()
    for item in inputs:
        if item and Path(item).resolve() == out:
            raise OutputError(_("{output} is also an input file; it is never overwritten. Choose "
                                "another output path with -o.").format(output=output))


_FIXED_DATE = (2000, 1, 1, 0, 0, 0)


def save_workbook(workbook, path: str | os.PathLike) -> Path:
    """Save an openpyxl workbook atomically and deterministically.

    openpyxl stamps the save time into docProps/core.xml and into every zip entry; both are
    pinned here so the same content gives the same bytes (audits and tests compare files).
    """
    import io
    import zipfile

    import datetime

    fixed = datetime.datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    raw = io.BytesIO()
    workbook.save(raw)
    packed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)",
                              rb"\g<1>2000-01-01T00:00:00Z\2", data)
            entry = zipfile.ZipInfo(info.filename, _FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    write_bytes_atomic(path, packed.getvalue())
    return Path(path)
