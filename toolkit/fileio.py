"""Safe output: atomic writes, file names from user text, spreadsheet cells that cannot run."""
from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from .errors import OutputError
from .i18n import _

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
                              | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)})
_WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
                              | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)})


PART_SUFFIX = ".part"
_STALE_AFTER = 24 * 3600  # seconds: a temporary file this old is left over, whoever made it
_OLD_STYLE_AFTER = 600  # a temporary file of an older version (no process id in its name)


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_target(path: str | os.PathLike) -> Path:
    """Where writing ``path`` really goes: the file a symbolic link points to (links kept)."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale_parts(target: str | os.PathLike) -> list[Path]:
    """Remove the temporary files an interrupted run left beside ``target``; return them.

    A temporary file is named ``.<name>.<pid>-<random>.part``: it is removed when its process
    is gone (or after a day, for one written from another computer to a shared folder).
    """
    target = Path(target)
    removed: list[Path] = []
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*{PART_SUFFIX}"))
    except OSError:
        return removed
    now = time.time()
    for part in candidates:
        middle = part.name[len(target.name) + 2:-len(PART_SUFFIX)]
        pid_text = middle.split("-", 1)[0]
        try:
            age = now - part.lstat().st_mtime
        except OSError:
            continue
        if pid_text.isdigit() and "-" in middle:
            stale = age > _STALE_AFTER or not _pid_alive(int(pid_text))
        else:
            stale = age > _OLD_STYLE_AFTER
        if stale:
            with contextlib.suppress(OSError):
                part.unlink()
                removed.append(part)
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None,
                 newline: str | None = None) -> Iterator[IO]:
    """Write ``path`` through a temporary file in the same folder, renamed on success.

    An interrupted run leaves the previous file (or none), never a half-written one; its
    temporary file is removed by the next write of the same file. A symbolic link is kept:
    the file it points to is replaced. The new file gets the mode of the file it replaces,
    or the usual mode for a new file (0666 less the umask).
    """
    target = write_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("Cannot create the folder {parent}: {strerror}. Choose another "
                            "output path with -o.").format(
                              parent=target.parent, strerror=exc.strerror)) from exc
    remove_stale_parts(target)
    try:
        mode_bits = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode_bits = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=PART_SUFFIX,
                               dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode_bits)
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

    "../../x" becomes "x"; an empty result becomes ``default``; a name Windows reserves
    (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with or without an extension) gets a leading "_".
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    text = re.sub(r"\.{2,}", ".", text)
    text = text[:max_length].strip("._-") or default
    if text.split(".", 1)[0].upper() in _WINDOWS_RESERVED:
        text = "_" + text  # CON, NUL, COM1...: Windows cannot open a file with these names
    return text


def neutralise_cell(value):
    """Make a CSV field safe for Excel: a leading = + - @ tab or CR gets a quote before it.

    For CSV only, where a spreadsheet program decides what a field is. XLSX cells are written
    as they are: save_workbook types every text cell as a string, which never runs.
    Numbers, dates and None pass unchanged; only strings can carry a formula.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def check_not_input(output: str | os.PathLike, inputs: Sequence[str | os.PathLike]) -> None:
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

    No cell of a workbook written here is a formula: openpyxl types a str starting with "="
    as one, so such cells are typed as strings. Text is written as it is (no apostrophe
    before "=", "+", "-" or "@"); a string cell is never evaluated by Excel or LibreOffice.
    """
    import datetime
    import io
    import zipfile

    for sheet in workbook.worksheets:
        # only the cells that exist, not a dense grid
        for cell in getattr(sheet, "_cells", {}).values():
            if cell.data_type == "f":
                cell.data_type = "s"  # "=1+1" typed by a participant is text
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
