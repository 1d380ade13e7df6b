"""Read any spreadsheet (XLSX, XLS, ODS, CSV) as a table of text, safely: the one reader.

Every input goes through here: survey exports, answer keys, XLSForms, rosters, attendance
sheets, satisfaction surveys and registries (``read_table`` for one sheet, ``read_tables`` for
every sheet), so they share the size limits, the checks and the error messages.

Every cell comes back as text: typed numbers lose their ``.0`` (ids keep what the file shows),
dates become ISO text. Files are checked before parsing: password-protected workbooks, zip
bombs and XML entity declarations are refused with a message that says what to do.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from ..i18n import _

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
# A tiny member may compress 1000:1 harmlessly; only big members are held to MAX_RATIO.
RATIO_MIN_SIZE = 1024 * 1024
# A workshop export has tens to thousands of rows; far more means the wrong file, and reading
# it whole would take gigabytes, so it is refused before it is turned into Python objects.
MAX_ROWS = 100_000

# calamine holds a sheet as one dense grid from A1 to its farthest cell, and the rows it gives
# are as wide: measured, a sheet costs 46-48 bytes a grid cell however empty (a 21 kB XLSX
# with one value at XFD1 and 1,500 rows grew the process by 1.13 GB). One value at
# XFD1048576 in a 2 kB file would ask for 800 GB. So a sheet may span at most MAX_CELLS
# (10,000,000 cells, 480 MB: under 600 MB with the values) and, above GRID_FLOOR cells, no
# more grid cells than its XML has bytes // CELL_COST: the grid then costs at most the XML's
# size, and the values (measured, 3.3 times the XML of a dense sheet) the rest of 4 times the
# file's decoded size. A sparse sheet with stray cells far away is refused before calamine
# reads it.
CELL_COST = 48
MAX_CELLS = 10_000_000
GRID_FLOOR = 1_000_000  # 48 MB: any sheet may span this many cells, however small its file
# row 10,000+ or column CW (101)+: below both, the grid is under GRID_FLOOR, no scan needed
_FAR_REF = re.compile(rb'r="(?:[A-Z]{0,3}\d{5}|[A-Z]{3}\d|C[W-Z]\d|[D-Z][A-Z]\d)')
_REF = re.compile(rb'<(?:c|row)\s[^>]*?\br="([A-Z]{0,3})(\d+)"')
# a formula cell written by a program, with no cached <v>alue: calamine reads it as blank
_UNSAVED_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*</c>')
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]{0,3}\d*:?([A-Z]{0,3})(\d+)"')
# Below this a sheet is scanned whole (~40 ms at most); above it only its <dimension> is
# read, so big exports do not pay a second full pass (benchmarks/bench_import.py).
FULL_SCAN_SIZE = 16 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
DELIMITERS = (";", ",", "\t")
PROLOG_LIMIT = 64 * 1024  # an XML part whose root element starts later is refused
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Text files with these names are documents, not tables: refused rather than read as CSV.
NOT_TABLES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".png",
                        ".jpg", ".jpeg", ".gif", ".json", ".yaml", ".yml", ".xml", ".html",
                        ".htm", ".md", ".zip"})


@dataclass
class RawTable:
    """A sheet as text: headers, rows (padded to the header width) and their row numbers."""

    file: str
    headers: list[str]
    columns_raw: list[tuple[Any, ...]]  # one tuple per column, cells as the reader gave them
    row_numbers: list[int]  # spreadsheet row of each data row (header = row 1)
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    encoding: str | None = None
    delimiter: str | None = None
    notes: tuple[str, ...] = ()
    empty_rows: tuple[int, ...] = ()  # blank rows between data rows, skipped (not trailing)
    _text: dict[int, list[str]] = field(default_factory=dict, repr=False)

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(self.row_numbers)

    def column(self, index: int) -> list[str]:
        """Column ``index`` as text (cached; converted once per distinct value)."""
        cached = self._text.get(index)
        if cached is None:
            raw = self.columns_raw[index]
            if set(map(type, raw)) == {str}:  # text already (ids, times): as it is, in C
                cached = list(raw)
            else:
                memo = {v: cell_text(v) for v in set(raw)}
                cached = [memo[v] for v in raw]
            self._text[index] = cached
        return cached

    @property
    def rows(self) -> list[list[str]]:
        """Every row as a list of text cells (builds all columns: for tests and small files)."""
        cols = [self.column(j) for j in range(len(self.headers))]
        return [list(r) for r in zip(*cols)] if cols else [[] for _ in self.row_numbers]

    def drop_rows(self, positions: set[int]) -> None:
        """Remove data rows by position (e.g. a Kobo HXL hashtag row)."""
        keep = [i for i in range(self.n_rows) if i not in positions]
        self.columns_raw = [tuple(col[i] for i in keep) for col in self.columns_raw]
        self.row_numbers = [self.row_numbers[i] for i in keep]
        self._text.clear()


def cell_text(value: Any) -> str:
    """One cell as the text a person sees: 15.0 -> "15", dates -> ISO, None -> ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.microsecond:
            return value.isoformat(timespec="milliseconds")
        return value.isoformat() if (value.hour or value.minute or value.second) else \
            value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def read_table(path: str | Path, *, sheet: str | int | None = None) -> RawTable:
    """Read the first sheet with data (or ``sheet``) of a spreadsheet or CSV file as text.

    The one reader of every input (survey exports, answer keys, XLSForms, rosters, attendance
    sheets, satisfaction surveys, registries): the same size limits, bomb checks and messages.
    """
    return _read(path, sheet, every=False)[0]


def read_tables(path: str | Path) -> tuple[RawTable, ...]:
    """Every sheet with data of a workbook, in order (a CSV file is one table).

    The first table is the one ``read_table`` gives; the others are e.g. the repeat-group
    sheets of a Kobo export. A sheet with headers but no rows is left out.
    """
    return _read(path, None, every=True)


def _read(path: str | Path, sheet: str | int | None, *, every: bool) -> tuple[RawTable, ...]:
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputFileError(_("{name}: file not found. Check the path and the file name.").format(
                                 name=name))
    if p.is_dir():
        raise InputFileError(_("{name}: this is a folder, not a file. Give the path of the "
                               "exported spreadsheet (XLSX, XLS, ODS or CSV).").format(
                                 name=name))
    with p.open("rb") as fh:
        head = fh.read(8)
    if p.stat().st_size == 0:
        raise InputFileError(_("{name}: the file is empty (0 bytes). Export the survey "
                               "again.").format(
                                 name=name))
    if head.startswith(OLE2):
        data = p.read_bytes()
        if ENCRYPTED in data:
            raise InputFileError(
                _("{name}: the workbook is password-protected, so it cannot be read. Remove the "
                  "password in Excel (File > Info > Protect Workbook > Encrypt with Password, "
                  "clear it) and export or save it again.").format(name=name))
        return _read_workbook(p, name, sheet, every=every)
    if head.startswith(b"PK"):
        notes = _check_zip(p, name)
        tables = _read_workbook(p, name, sheet, every=every)
        tables[0].notes = notes + tables[0].notes
        return tables
    if p.stat().st_size > MAX_UNCOMPRESSED:
        raise InputFileError(
            _("{name}: the file is {value} MB, over the {value2} MB limit for a survey export. "
              "Export only this workshop's submissions, or split the file.").format(
                name=name, value=p.stat().st_size // (1024 * 1024),
                value2=MAX_UNCOMPRESSED // (1024 * 1024)))
    data = p.read_bytes()
    if not _looks_like_text(data):
        raise InputFileError(
            _("{name}: this is not a spreadsheet or a CSV file (unknown binary content). Export "
              "the survey as XLSX or CSV and try again.").format(name=name))
    notes: tuple[str, ...] = ()
    suffix = p.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        notes = (_("{name} is named {suffix} but is a text (CSV) file: it was read as CSV.").format(
                     name=name, suffix=suffix),)
    elif suffix in NOT_TABLES:
        raise InputFileError(
            _("{name}: unknown file type {suffix} (a table is read from .xlsx, .xls, .ods or "
              ".csv). Save the file as XLSX or CSV and give that file.").format(
                name=name, suffix=suffix))
    holder = [data]
    del data  # _read_csv drops the bytes once decoded: a large CSV is never held twice
    table = _read_csv(holder, name)
    table.notes = notes + table.notes
    return (table,)


def check_workbook(path: str | Path) -> None:
    """Refuse a password-protected workbook, a zip bomb or a DTD before another reader opens it.

    For the files read with openpyxl (certificate registry): openpyxl would inflate a bomb.
    """
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE2):
        raise InputFileError(
            _("{path}: this is a password-protected or old-format (.xls) workbook, which cannot "
              "be read here. Save it in Excel as .xlsx without a password and try again.").format(
                path=path))
    if head.startswith(b"PK"):
        _check_zip(p, str(path))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(sample):
        return True
    # a stray NUL byte or two is damage inside a text file (handled like one further down),
    # many of them mean binary content
    return sample.count(0) <= max(1, len(sample) // 256)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL (UTF-16 text saved without BOM)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return None
    if odd.count(0) == len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) == len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _check_zip(p: Path, name: str) -> tuple[str, ...]:
    formulas: list[str] = []
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise InputFileError(
                    _("{name}: the workbook would expand to {value} MB, over the {value2} MB "
                      "limit (a damaged or hostile file). Export only the data you need, or "
                      "split it into smaller files.").format(
                        name=name, value=total // (1024 * 1024),
                        value2=MAX_UNCOMPRESSED // (1024 * 1024)))
            for info in infos:
                if info.file_size > RATIO_MIN_SIZE and \
                        info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise InputFileError(
                        _("{name}: the part {filename} is compressed more than {MAX_RATIO}:1 (a "
                          "zip bomb, or a damaged file); it was not opened. Export the survey "
                          "again from its source.").format(
                            name=name, filename=info.filename, MAX_RATIO=MAX_RATIO))
            if "xl/workbook.xml" not in names and "content.xml" not in names \
                    and "xl/workbook.bin" not in names:
                raise InputFileError(
                    _("{name}: this is a ZIP archive but not a spreadsheet (no workbook inside). "
                      "If it is an ODK Central export, unzip it and give the main CSV "
                      "file.").format(
                        name=name))
            for info in infos:
                if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                    with zf.open(info) as member:
                        start = member.read(PROLOG_LIMIT)
                    if _declares_entities(start):
                        raise InputFileError(
                            _("{name}: the part {filename} declares XML entities, which "
                              "spreadsheet programs never write (an XML bomb, or a tampered "
                              "file); it was not opened. Export the survey again from its "
                              "source.").format(name=name, filename=info.filename))
                if info.filename.startswith("xl/worksheets/") and \
                        info.filename.endswith(".xml"):
                    formulas += _check_extent(zf, info, name, start)
                elif info.filename == "content.xml":  # OpenDocument (.ods)
                    formulas += _ods_unsaved_formulas(zf, info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError,
            ValueError, RuntimeError) as exc:
        # a corrupt deflate stream raises zlib.error, an unknown method NotImplementedError,
        # an offset past the end OSError (EINVAL on seek), an "encrypted" flag RuntimeError
        raise InputFileError(_("{name}: the file is damaged ({exc}). Export it again.").format(
                                 name=name, exc=exc)) from exc
    if not formulas:
        return ()
    shown = ", ".join(formulas[:10]) + (" ..." if len(formulas) > 10 else "")
    return (_("{name}: cell(s) {shown} hold a formula with no saved result (the file was "
              "written by a program, not saved by a spreadsheet program), so they read as "
              "blank and score 0. Open the file in Excel or LibreOffice and save it, or type "
              "the values.").format(name=name, shown=shown),)


_ODS_FORMULA_CELL = re.compile(rb"<table:table-cell\b[^>]*\btable:formula=[^>]*>")
_ODS_VALUE = re.compile(rb"\boffice:(?:value|string-value|boolean-value|date-value|"
                        rb"time-value)=")


def _ods_unsaved_formulas(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str]:
    """OpenDocument formula cells with no saved value (they read as blank), counted."""
    count, end_of_last, offset, tail = 0, -1, 0, b""
    with zf.open(info) as member:
        while chunk := member.read(1 << 20):
            data = tail + chunk
            base = offset - len(tail)
            for match in _ODS_FORMULA_CELL.finditer(data):
                at = base + match.end()
                if at <= end_of_last:  # seen in the previous chunk's overlap
                    continue
                end_of_last = at
                tag = match.group(0)
                if not _ODS_VALUE.search(tag):
                    count += 1
            offset += len(chunk)
            tail = data[-4096:]
    return [_("{count} formula cell(s) of the sheet").format(count=count)] if count else []


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 1 << 20):
    """The member's bytes in chunks that overlap by 32 bytes (no cell reference is cut)."""
    tail = b""
    with zf.open(info) as member:
        while chunk := member.read(size):
            yield tail + chunk
            tail = chunk[-32:]


def _column(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col


def _check_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                  start: bytes) -> list[str]:
    """Refuse a sheet whose farthest cell would make calamine allocate a huge dense grid.

    A quick pass looks for any reference at row 100,000+ or column CA+; only then is every
    reference read to find the extent (ordinary exports never pay for that pass). Returns the
    cells that hold a formula with no saved result (they read as blank).
    """
    if info.file_size > FULL_SCAN_SIZE:
        # A big sheet: its <dimension> (Excel, Kobo and MS Forms write one) stands for the
        # scan. Not closed: a big sheet with no or a false dimension and one far cell.
        dimension = _DIMENSION.search(start)
        if dimension:
            rows, cols = int(dimension.group(2)), _column(dimension.group(1).decode())
            far = dimension.group(1).decode() + dimension.group(2).decode()
            if rows * max(cols, 1) > _grid_limit(info):
                raise _extent_error(name, info, rows, cols, far)
        return []
    far_away, formulas = False, []
    for chunk in _chunks(zf, info):
        far_away = far_away or _FAR_REF.search(chunk) is not None
        if b"<f" in chunk:
            formulas += [m.group(1).decode() for m in _UNSAVED_FORMULA.finditer(chunk)
                         if m.group(1).decode() not in formulas[-3:]]  # chunks overlap
    if not far_away:
        return formulas
    rows = cols = 0
    far = ""
    for chunk in _chunks(zf, info):
        for m in _REF.finditer(chunk):
            row, letters = int(m.group(2)), m.group(1).decode()
            col = _column(letters)
            if row > rows or col > cols:
                rows, cols = max(rows, row), max(cols, col)
                far = f"{letters}{row}" if letters else far
    if rows * max(cols, 1) > _grid_limit(info):
        raise _extent_error(name, info, rows, cols, far or str(rows))
    return formulas


def _grid_limit(info: zipfile.ZipInfo) -> int:
    """How many grid cells (A1 to the farthest cell) a sheet of this XML size may span."""
    return min(MAX_CELLS, max(GRID_FLOOR, info.file_size // CELL_COST))


def _extent_error(name: str, info: zipfile.ZipInfo, rows: int, cols: int,
                  far: str) -> InputFileError:
    limit = _grid_limit(info)
    why = (_("the limit of {MAX_CELLS:,}").format(MAX_CELLS=MAX_CELLS) if limit == MAX_CELLS else
           _("the limit of {limit:,} for a sheet of {size:,} kB").format(
               limit=limit, size=info.file_size // 1000))
    return InputFileError(
        _("{name}: the sheet {filename} reaches row {rows:,} and column {cols:,} (cell "
          "{far}), a grid of {cells:,} cells, over {why}; reading it would use about "
          "{memory:,} MB of memory. If a stray value sits far below or to the right of the "
          "data, delete those rows and columns in Excel and save again.").format(
            name=name, filename=info.filename, rows=rows, cols=cols, far=far,
            cells=rows * max(cols, 1), why=why,
            memory=rows * max(cols, 1) * CELL_COST // 1_000_000))


def _declares_entities(start: bytes) -> bool:
    """True when an XML part has a DOCTYPE/ENTITY before its root element (or no root soon).

    calamine does not expand entities (it fails on them), but a workbook with a DTD is never
    legitimate, so it is refused before any parser sees it. Comments and processing
    instructions are skipped as wholes: a "<a" inside a comment is not the root element.
    """
    pos = 0
    while True:
        lt = start.find(b"<", pos)
        if lt < 0:
            return len(start) >= PROLOG_LIMIT
        if start.startswith(b"<!--", lt):
            end = start.find(b"-->", lt + 4)
            if end < 0:
                return True
            pos = end + 3
        elif start.startswith(b"<?", lt):
            end = start.find(b"?>", lt + 2)
            if end < 0:
                return True
            pos = end + 2
        else:  # "<!" before the root is a DOCTYPE (or ENTITY) declaration
            return start.startswith(b"<!", lt)


def _read_workbook(p: Path, name: str, sheet: str | int | None, *,
                   every: bool = False) -> tuple[RawTable, ...]:
    import python_calamine as pc

    try:
        try:
            wb = pc.CalamineWorkbook.from_path(str(p))
        except Exception as first:  # from_path trusts the extension; a renamed one is sniffed
            try:
                with p.open("rb") as fh:
                    wb = pc.CalamineWorkbook.from_filelike(fh)
            except Exception:
                raise first from None  # what the reader said of the file as named is clearer
    except Exception as exc:  # calamine raises its own types for corrupt files
        raise InputFileError(_("{name}: the workbook cannot be read ({exc}). Open it in a "
                               "spreadsheet program, save it as XLSX and try again.").format(
                                 name=name, exc=exc)) from exc
    sheets = tuple(wb.sheet_names)
    listing = ", ".join(f'"{s}"' for s in sheets)
    if sheet is not None:
        chosen = _pick_sheet(sheets, sheet)
        if chosen is None:
            raise InputFileError(_("{name}: there is no sheet \"{sheet}\". The sheets are: "
                                   "{listing}. Give one of them by name or number (1 = "
                                   "first).").format(
                                     name=name, sheet=sheet, listing=listing))
        candidates = [chosen]
    else:
        candidates = list(sheets)
    found: list[RawTable] = []
    for sheet_name in candidates:
        try:
            ws = wb.get_sheet_by_name(sheet_name)
            if ws.height > MAX_ROWS + 1:
                raise _too_many_rows(_('{name}, sheet "{sheet}"').format(
                    name=name, sheet=sheet_name), f"{ws.height - 1:,}")
            data = ws.to_python(skip_empty_area=False)
        except InputFileError:
            raise
        except Exception as exc:
            raise InputFileError(_("{name}, sheet \"{sheet_name}\": cannot be read ({exc}). Save "
                                   "the workbook again as XLSX and retry.").format(
                                     name=name, sheet_name=sheet_name, exc=exc)) from exc
        first_row = ws.start[0] if ws.start else 0
        table = _from_rows(data, name, first_row=first_row + 1)
        if table is not None and (table.n_rows or sheet is not None):
            table.sheet, table.sheets = sheet_name, sheets
            found.append(table)
            if not every:
                break
    if found:
        return tuple(found)
    raise InputFileError(_("{name}: no sheet has data (sheets: {listing}). Check that you "
                           "exported the submissions, not an empty form.").format(
                             name=name, listing=listing))


def _pick_sheet(sheets: tuple[str, ...], sheet: str | int) -> str | None:
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()
                                  and sheet not in sheets):
        i = int(sheet) - 1
        return sheets[i] if 0 <= i < len(sheets) else None
    if sheet in sheets:
        return sheet
    lowered = {s.casefold(): s for s in sheets}
    return lowered.get(str(sheet).strip().casefold())


def _from_rows(data: list[list[Any]], name: str, *, first_row: int) -> RawTable | None:
    """Turn reader rows into a RawTable: first non-blank row is the header."""
    # The header is the first row about as wide as the widest of the first rows, so a title
    # line above it ("Liste des participants") is skipped.
    filled = [sum(1 for c in row if c is not None and c != "") for row in data[:20]]
    if not any(filled):
        return None
    widest = max(filled)
    start = next(i for i, f in enumerate(filled) if f and f >= max(1, widest // 2))
    headers = [cell_text(c).strip() for c in data[start]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    if width == 0:
        return None
    body = data[start + 1:]
    numbers = [first_row + start + 1 + i for i in range(len(body))]
    # any() is the fast path; rows it finds all-falsy (0.0, False, "") get the exact test
    keep = [i for i, row in enumerate(body)
            if any(row) or any(c is not None and c != "" for c in row)]
    empty: tuple[int, ...] = ()
    if len(keep) != len(body):
        kept = set(keep)
        empty = tuple(numbers[i] for i in range(keep[-1] if keep else 0) if i not in kept)
        body = [body[i] for i in keep]
        numbers = [numbers[i] for i in keep]
    notes: tuple[str, ...] = ()
    if any(len(r) != width for r in body):
        beyond = [n for n, r in zip(numbers, body)
                  if any(c is not None and c != "" for c in r[width:])]
        if beyond:  # often an unquoted delimiter that shifted the row: say so, never hide it
            shown = ", ".join(str(n) for n in beyond[:10]) + (" ..." if len(beyond) > 10 else "")
            notes = (_("{name}: row(s) {shown} have cells to the right of the last header "
                       "(\"{header}\"); those cells were ignored. Check these rows for an "
                       "unquoted comma or semicolon that shifted the answers.").format(
                         name=name, shown=shown, header=headers[-1]),)
        body = [(list(r) + [""] * width)[:width] if len(r) != width else r for r in body]
    columns = list(zip(*body)) if body else [() for _ in range(width)]
    return RawTable(name, headers, columns, numbers, notes=notes, empty_rows=empty)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    bare = _utf16_without_bom(data[:4096])
    if bare:
        return data.decode(bare, errors="replace"), bare
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _lines(text: str):
    """The lines of ``text`` with their endings, one at a time (no copy of the whole text)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


def _read_csv(holder: list[bytes], name: str) -> RawTable:
    text, encoding = _decode(holder.pop())
    notes: list[str] = []
    if "\r" in text and "\n" not in text:  # old Mac line endings
        text = text.replace("\r", "\n")
    if "\x00" in text:  # wherever it is, a NUL spoils one cell, not the file
        rows = sorted({text.count("\n", 0, m.start()) + 1
                       for m in re.finditer("\x00", text)})
        shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
        notes.append(_("{name}: line(s) {shown} hold a NUL character (the file was damaged on "
                       "the way); it was removed. Check the answers on these lines.").format(
                         name=name, shown=shown))
        text = text.replace("\x00", "")
    first_line_end = text.find("\n")
    first = text[: first_line_end if first_line_end >= 0 else len(text)].strip()
    offset = 0
    delimiter = None
    if first.lower().startswith("sep=") and len(first) <= 6:
        delimiter = first[4:5] or ";"
        text = text[first_line_end + 1:] if first_line_end >= 0 else ""
        offset = 1
    if not text.strip():
        raise InputFileError(_("{name}: the file has no header row (it is empty). Export the "
                               "survey again.").format(name=name))
    if delimiter is None:
        delimiter = _sniff(text)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise _too_many_rows(name, _("more than {limit:,}").format(limit=MAX_ROWS))
    except csv.Error as exc:
        raise InputFileError(_("{name}, line {value}: the CSV cannot be read ({exc}). Check the "
                               "quotes on that line.").format(
                                 name=name, value=reader.line_num + offset, exc=exc)) from exc
    if rows and any("\n" in cell or "\r" in cell for cell in rows[-1]):
        _check_closed_quotes(text, name, delimiter, len(rows))
    # Spreadsheet row numbers count records, not physical lines (a quoted field may hold
    # newlines), so number them by record: header = row 1.
    table = _from_rows(rows, name, first_row=1)
    if table is None:
        raise InputFileError(_("{name}: the file has no header row (it is empty). Export the "
                               "survey again.").format(name=name))
    table.encoding, table.delimiter = encoding, delimiter
    table.notes = tuple(notes) + table.notes
    return table


def _too_many_rows(where: str, count: str) -> InputFileError:
    return InputFileError(
        _("{where}: {count} data rows, over the limit of {MAX_ROWS:,} for one survey export "
          "(it was not read, to keep memory in bounds). Check that this is the right file; "
          "export only this workshop's submissions, or split it into smaller files.").format(
            where=where, count=count, MAX_ROWS=MAX_ROWS))


def _check_closed_quotes(text: str, name: str, delimiter: str, records: int) -> None:
    """Refuse a CSV whose last quote is never closed: the rest of the file would be one cell.

    Only the last record can have swallowed the rest, so only then is the file parsed again,
    strictly.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _record in reader:
            pass
    except csv.Error:
        raise InputFileError(
            _("{name}, row {records}: a quote (\") opened in this row is never closed, so "
              "everything after it would be read as one cell. Close the quote (or remove it) "
              "in that row and try again.").format(name=name, records=records)) from None


def _sniff(text: str) -> str:
    """The delimiter that splits the first records into the most fields, consistently."""
    sample = text[:65536]
    best, best_score = ",", (False, 1)
    for delim in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
        try:
            records = [r for _, r in zip(range(20), reader) if r]
        except csv.Error:
            continue
        if len(records) > 1 and records[-1] and len(records[-1]) < len(records[0]):
            records = records[:-1]  # the sample may cut the last record short
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = all(len(r) == width for r in records)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delim, score
    return best
