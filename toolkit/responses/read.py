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
import html
import io
import itertools
import re
import string
import zipfile
import zlib
from collections.abc import Iterable
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
ROW_CHUNK = 4096  # rows turned into columns at a time (_from_rows)
# Cell values a column may share between its rows (_add_columns): not bool or int, since
# True == 1 == 1.0 would make one stand for the other.
_SHAREABLE = frozenset({str, float, type(None), dt.datetime, dt.date, dt.time, dt.timedelta})

# calamine holds a sheet as one dense grid from A1 to its farthest cell, and the rows it gives
# are as wide: measured, a sheet costs 46-48 bytes a grid cell however empty (a 21 kB XLSX
# with one value at XFD1 and 1,500 rows grew the process by 1.13 GB). One value at
# XFD1048576 in a 2 kB file would ask for 800 GB. So a sheet may span at most MAX_CELLS
# (10,000,000 cells, 480 MB: under 600 MB with the values) and, above GRID_FLOOR cells, no
# more grid cells than its XML has bytes // CELL_COST: the grid then costs at most the XML's
# size, and the values (measured, 3.3 times the XML of a dense sheet) the rest of 4 times the
# file's decoded size. Every sheet's extent is checked in its XML before calamine reads it
# (_check_extent); its <dimension> tag is only a hint, since nothing makes it true.
CELL_COST = 48
MAX_CELLS = 10_000_000
GRID_FLOOR = 1_000_000  # 48 MB: any sheet may span this many cells, however small its file
# a formula cell written by a program, with no cached <v>alue: calamine reads it as blank
_UNSAVED_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*</c>')
# Below this a sheet is also searched for formulas with no saved value (a note, not a limit).
FULL_SCAN_SIZE = 16 * 1024 * 1024
# In a sheet of clean cell tags (Excel, LibreOffice, Kobo, openpyxl, Google and MS Forms) the
# references are the whole story. calamine also reads cells with no r (placed after the
# previous one: a hostile file can reach XFD1048576 that way), a prefix (x:c), other spacing
# or quotes, and a second r="..." (the last one wins); a tag that is not clean makes the sheet
# walked tag by tag as calamine walks it (_walk_extent).
# A clean tag, as every spreadsheet program writes it: <c r="B7" s="1" t="s"> (attributes in
# lower case, none named r, one space apart, in double quotes). As a regex that fails on the
# rest of a clean cell tag, after its column letters:
_CLEAN_CELL_REST = rb'[0-9]*+"(?: [a-qs-z][a-z]*+="[^"]*+")*+(?!/?>)'
# ... and as the end of a clean cell tag, after its reference's closing quote
_CLEAN_CELL_TAIL = rb'(?: [a-qs-z][a-z]*+="[^"]*+")*+/?>'
_UNCLEAN_CELL = re.compile(rb'<c(?: r="[A-Za-z]*+' + _CLEAN_CELL_REST + rb'|(?! r=")[\s/>])')
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_REF_COLUMNS = re.compile(rb'<c r="([A-Za-z]+)\d')
_REF_ROWS = re.compile(rb'<c r="[A-Za-z]*(\d+)"')
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])"
                  rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(rb"([^\s=/>\"']+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_LETTERS_DIGITS = re.compile(rb"\s*([A-Za-z]*)\s*(\d*)\s*")
# A cell holds 32,767 characters at most (under 200 kB of XML, escaped): no sheet XML runs
# this long without a '>'.
MAX_TAG = 1024 * 1024
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]{0,3}\d*:?([A-Z]{0,3})(\d+)"')

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
            types = set(map(type, raw))
            if types == {str}:  # text already (ids, times): as it is, in C
                cached = list(raw)
            elif bool in types and (int in types or float in types):  # True == 1 == 1.0
                cached = [cell_text(v) for v in raw]
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
        raise InputFileError(
            _("{name}: the file is empty (0 bytes). Export the survey again.").format(name=name))
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
    notes = ()
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
                      "If it is an ODK Central export, unzip it and give the main CSV file."
                      ).format(name=name))
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
                    _check_ods_extent(zf, info, name)
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


_ODS_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)"
                      rb"(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ODS_REPEATED = re.compile(rb"number-(?:rows|columns)-repeated\s*=\s*[\"']\s*(\d+)")
_ODS_NAME = re.compile(rb"(?:^|\s)(?:[\w.-]+:)?name\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _check_ods_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse an OpenDocument table whose cells would make calamine allocate a huge grid.

    An ODS file repeats a cell or a row with number-columns-repeated / number-rows-repeated,
    and calamine expands the repeats of cells that hold something: measured, a 1 kB file of
    10,000 repeated rows of 5,000 repeated cells grew the process by 3 GB. The extent of the
    cells with a value (or content) is counted here, tag by tag; the empty repeats that
    LibreOffice writes to the end of every sheet are not.
    """
    limit = _grid_limit(info)
    table, rows, cols, row, col, repeat, valued, tags = "", 0, 0, 0, 0, 1, False, 0
    for piece in _pieces(zf, info, name):
        for m in _ODS_TAG.finditer(piece):
            closing, element, attrs = m.groups()
            tags += 1
            if tags > 2 * limit:
                raise _too_many_tags(name, zf, info, limit, sheet=table)
            if element == b"table":
                if closing:
                    if rows * cols > limit:
                        corner = f"{_letters(cols)}{rows}"
                        raise _extent_error(name, zf, info, rows, cols, (corner, corner),
                                            sheet=table)
                else:
                    found = _ODS_NAME.search(attrs)
                    table = html.unescape((found.group(1) or found.group(2) or b"").decode(
                        "utf-8", "replace")) if found else ""
                    rows = cols = row = 0
            elif element == b"table-row":
                if not closing:
                    count = _ODS_REPEATED.search(attrs)
                    repeat, col, valued = int(count.group(1)) if count else 1, 0, False
                if closing or attrs.endswith(b"/"):
                    rows = max(rows, row + repeat) if valued else rows
                    row += repeat
            elif not closing:
                count = _ODS_REPEATED.search(attrs)
                span = int(count.group(1)) if count else 1
                if b"value-type" in attrs or not attrs.endswith(b"/"):
                    cols, valued = max(cols, col + span), True
                col += span


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


def _pieces(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str):
    """The member's XML in pieces of about 1 MB, each cut after a cell's end (or before a tag),
    so that no cell, tag or cell reference is split between two pieces."""
    rest = b""
    with zf.open(info) as member:
        while chunk := member.read(1 << 20):
            data = rest + chunk
            # after the last cell, else before the last "<" ("<" is never inside a tag)
            cut = data.rfind(b"</c>")
            cut = cut + 4 if cut >= 0 else max(data.rfind(b"<"), 0)
            piece, rest = data[:cut], data[cut:]
            if len(rest) > MAX_TAG:  # Excel's cells hold 32,767 characters at most
                raise InputFileError(
                    _("{name}, sheet \"{sheet}\": its XML runs for more than {size} kB without "
                      "closing a tag (a damaged or hostile file); it was not read. Save the "
                      "sheet again in Excel or LibreOffice, or export it as CSV.").format(
                        name=name, sheet=_sheet_name(zf, info), size=_number(MAX_TAG // 1024)))
            if piece:
                yield piece
    if rest:
        yield rest


def _column(letters: str) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _check_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                  start: bytes) -> list[str]:
    """Refuse a sheet whose farthest cell would make calamine allocate a huge dense grid.

    One pass over the sheet's XML. When every cell is written <c r="..."> (every spreadsheet
    program does), one regex per piece looks for a reference outside a box of at most the
    limit (the columns of the first rows, and as many rows as the limit leaves them); only if
    it finds one are the references read to get the real extent. A sheet with cells placed
    by calamine (no r="...", prefixed or odd tags) is walked tag by tag as calamine walks it.
    The <dimension> tag is a hint for the box, never trusted. Returns the cells that hold a
    formula with no saved result (sheets under FULL_SCAN_SIZE; they read as blank).
    """
    limit = _grid_limit(info)
    pieces = _pieces(zf, info, name)
    first = next(pieces, b"")
    cols = max([_column(c.decode()) for c in set(_REF_COLUMNS.findall(first))], default=1)
    dimension = _DIMENSION.search(start)
    if dimension:
        height, width = int(dimension.group(2)), _column(dimension.group(1).decode())
        if height * max(width, 1) <= limit:
            cols = max(cols, width)
    beyond = _beyond(limit // cols, cols)
    far = irregular = False
    formulas: list[str] = []
    for piece in itertools.chain((first,), pieces):
        irregular = irregular or _PREFIXED.search(piece) is not None
        if not far:
            found = beyond.search(piece)
            if found is not None:
                far = True
                irregular = irregular or _UNCLEAN_CELL.search(piece, found.start()) is not None
        elif not irregular:
            irregular = _UNCLEAN_CELL.search(piece) is not None
        if info.file_size <= FULL_SCAN_SIZE:
            if b"<f" in piece:
                formulas += [m.group(1).decode() for m in _UNSAVED_FORMULA.finditer(piece)]
        elif irregular:
            break
    if far or irregular:
        walk = _walk_extent if irregular else _ref_extent
        rows, cols, cells = walk(zf, info, name, limit)
        if rows * cols > limit:
            raise _extent_error(name, zf, info, rows, cols, cells)
    return formulas


def _char_class(chars: str) -> str:
    span = chars[0] + (f"-{chars[-1]}" if len(chars) > 1 else "")
    return f"[{span}{span.lower() if chars[0].isalpha() else ''}]"


def _not_greater(text: str, alphabet: str) -> list[str]:
    """Regex alternatives for the strings as long as ``text`` that do not sort after it."""
    out = []
    for i, ch in enumerate(text):
        lower = alphabet[:alphabet.index(ch)]
        if lower:
            rest = len(text) - i - 1
            out.append("".join(_char_class(c) for c in text[:i]) + _char_class(lower)
                       + (f"{_char_class(alphabet)}{{{rest}}}" if rest else ""))
    out.append("".join(_char_class(c) for c in text))
    return out


def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """A regex for any cell tag but a clean <c r="..."> inside the box of ``rows`` × ``cols``
    (calamine reads letters in either case, and leading zeros). A clean cell inside the box
    costs one failed negative lookahead: letters no later than the box's last column, digits
    no more than its last row, a quote, clean attributes and the tag's end. Anything else (a
    reference outside, no letters or no digits, odd attributes, a cell with no r) is flagged,
    then measured exactly by the callers."""
    letters, digits = _letters(cols), str(rows)
    col_ok = ([f"[A-Za-z]{{1,{len(letters) - 1}}}"] if len(letters) > 1 else []) \
        + _not_greater(letters, string.ascii_uppercase)
    row_ok = ([f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []) \
        + _not_greater(digits, string.digits)
    inside = f'(?:{"|".join(col_ok)})(?:{"|".join(row_ok)})"'.encode()
    return re.compile(b'<c(?: r="(?!' + inside + _CLEAN_CELL_TAIL + rb')|(?! r=")[\s/>])')


def _ref_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                limit: int) -> tuple[int, int, tuple[str, str]]:
    """(rows, columns, (cell farthest right, cell farthest down)) of a sheet whose cells are
    all written <c r="...">."""
    rows = cols = 0
    right = down = ""
    for piece in _pieces(zf, info, name):
        letters = max(_REF_COLUMNS.findall(piece), key=lambda s: (len(s), s.upper()),
                      default=b"")
        if letters and _column(letters.decode()) > cols:
            cols = _column(letters.decode())
            found = re.search(rb'<c r="' + letters + rb'(\d+)"', piece)
            right = _letters(cols) + (str(int(found.group(1))) if found else "")
        row = max(map(int, set(_REF_ROWS.findall(piece))), default=0)
        if row > rows:
            rows = row
            found = re.search(rb'<c r="([A-Za-z]+)0*' + str(row).encode() + rb'"', piece)
            down = (found.group(1).decode().upper() if found else "") + str(row)
    return rows, cols, (right, down)


def _walk_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                 limit: int) -> tuple[int, int, tuple[str, str]]:
    """(rows, columns, (cell farthest right, cell farthest down)) of any sheet, every <row>
    and <c> tag placed as calamine places them: a cell without r="..." goes after the previous
    cell of its row, a row without r="..." after the previous row. Refuses a sheet with more
    tags than ``limit`` twice (no sheet within the limit has): the work stays bounded."""
    row = col = rows = cols = tags = 0
    right = down = ""
    for piece in _pieces(zf, info, name):
        for m in _TAG.finditer(piece):
            closing, element, attrs = m.groups()
            tags += 1
            if tags > 2 * limit:
                raise _too_many_tags(name, zf, info, limit)
            if element == b"row":
                if not closing:
                    number = _LETTERS_DIGITS.fullmatch(_r_attribute(attrs) or b"")
                    if number and number.group(2):
                        row = int(number.group(2)) - 1
                if closing or attrs.endswith(b"/"):
                    row, col = row + 1, 0
                continue
            if closing:
                continue
            ref = _r_attribute(attrs)
            at = (row, col)
            if ref is not None:
                parts = _LETTERS_DIGITS.fullmatch(ref)
                if parts and parts.group(1) and parts.group(2):
                    at = (int(parts.group(2)) - 1, _column(parts.group(1).decode()) - 1)
                    col = at[1]
            col += 1
            if at[1] >= cols:
                cols, right = at[1] + 1, f"{_letters(at[1] + 1)}{at[0] + 1}"
            if at[0] >= rows:
                rows, down = at[0] + 1, f"{_letters(at[1] + 1)}{at[0] + 1}"
    return rows, cols, (right, down)


def _r_attribute(attrs: bytes) -> bytes | None:
    """The value of a tag's r attribute; of its last one if it has several (as calamine)."""
    if b"r" not in attrs:
        return None
    value = None
    for name, double, single in _ATTRIBUTE.findall(attrs):
        if name == b"r":
            value = double or single
    return value


def _too_many_tags(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo,
                   limit: int, sheet: str | None = None) -> InputFileError:
    return InputFileError(
        _("{name}, sheet \"{sheet}\": its XML holds more than {count} rows and cells, more "
          "than a sheet of this size may hold ({limit} cells); it was not read. Save the sheet "
          "again in Excel or LibreOffice, or export it as CSV.").format(
            name=name, sheet=_sheet_name(zf, info) if sheet is None else sheet,
            count=_number(2 * limit), limit=_number(limit)))


def _grid_limit(info: zipfile.ZipInfo) -> int:
    """How many grid cells (A1 to the farthest cell) a sheet of this XML size may span."""
    return min(MAX_CELLS, max(GRID_FLOOR, info.file_size // CELL_COST))


def _number(value: int) -> str:
    from ..i18n import format_number, get_language

    return format_number(value, get_language(), decimals=0)


def _sheet_name(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The name a person sees for the sheet stored in ``info`` (its part name if not found)."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error):
        return info.filename
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = dict(re.findall(rb'(\w+)\s*=\s*"([^"]*)"', tag))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[attrs.get(b"Id", b"")] = target if target.startswith("xl/") else "xl/" + target
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book):
        attrs = dict(re.findall(rb'([\w:]+)\s*=\s*"([^"]*)"', tag))
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
        if targets.get(rid) == info.filename:
            return html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
    return info.filename


def _extent_error(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, rows: int,
                  cols: int, cells: tuple[str, str], sheet: str | None = None) -> InputFileError:
    limit = _grid_limit(info)
    right, down = cells
    where = (_("cell {cell}").format(cell=right) if right == down or not down else
             _("cells {right} and {down}").format(right=right, down=down))
    over = (_("over the limit of {limit} cells").format(limit=_number(limit))
            if limit == MAX_CELLS else
            _("over the limit of {limit} cells for a sheet of {size} kB").format(
                limit=_number(limit), size=_number(-(-info.file_size // 1000))))
    return InputFileError(
        _("{name}, sheet \"{sheet}\": its cells reach row {rows} and column {cols} "
          "({where}), a grid of {grid} cells, {over}; reading it would take about {mb} MB of "
          "memory, so it was not read. If stray values sit far below or to the right of the "
          "data, delete those rows and columns; then save the sheet again in Excel or "
          "LibreOffice, or export it as CSV.").format(
            name=name, sheet=_sheet_name(zf, info) if sheet is None else sheet,
            rows=_number(rows), cols=_number(cols),
            where=where, grid=_number(rows * cols), over=over,
            mb=_number(rows * cols * CELL_COST // 1_000_000)))


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
                                   "{listing}. Give one of them by name or number (1 = first)."
                                   ).format(name=name, sheet=sheet, listing=listing))
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
            # Rows come one by one from calamine's grid (it gives them from row 1, and from the
            # sheet's first column: the columns before it are padded, as A1 is column 1).
            table = _from_rows(ws.iter_rows(), name, first_row=1,
                               pad=ws.start[1] if ws.start else 0)
            del ws  # the grid: before the next sheet is read
        except InputFileError:
            raise
        except Exception as exc:
            raise InputFileError(_("{name}, sheet \"{sheet_name}\": cannot be read ({exc}). Save "
                                   "the workbook again as XLSX and retry.").format(
                                     name=name, sheet_name=sheet_name, exc=exc)) from exc
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


def _from_rows(rows: Iterable[list[Any]], name: str, *, first_row: int,
               pad: int = 0) -> RawTable | None:
    """Turn reader rows into a RawTable: first non-blank row is the header.

    ``rows`` may be an iterator (a workbook's rows come one by one from calamine): they are
    turned into columns ROW_CHUNK rows at a time, never all held as lists of cells, and in a
    column the repeated values (answers, mostly) share one object. ``first_row`` is the
    spreadsheet row of the first of ``rows``; ``pad`` empty cells go before each row.
    """
    rows = iter(rows)
    if pad:
        rows = ([""] * pad + row for row in rows)
    head = list(itertools.islice(rows, 20))
    # The header is the first row about as wide as the widest of the first rows, so a title
    # line above it ("Liste des participants") is skipped.
    filled = [sum(1 for c in row if c is not None and c != "") for row in head]
    if not any(filled):
        return None
    widest = max(filled)
    start = next(i for i, f in enumerate(filled) if f and f >= max(1, widest // 2))
    headers = [cell_text(c).strip() for c in head[start]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    if width == 0:
        return None
    columns: list[list[Any]] = [[] for _ in range(width)]
    memos: list[dict[Any, Any] | None] = [{} for _ in range(width)]
    numbers: list[int] = []
    empty: list[int] = []
    blank: list[int] = []  # blank rows since the last row with data (trailing ones are dropped)
    beyond: list[int] = []
    body = itertools.chain(head[start + 1:], rows)
    del head
    number = first_row + start + 1  # spreadsheet row of the next body row
    while chunk := list(itertools.islice(body, ROW_CHUNK)):
        base, number = number, number + len(chunk)
        # any() is the fast path; rows it finds all-falsy (0.0, False, "") get the exact test
        keep = [i for i, row in enumerate(chunk)
                if any(row) or any(c is not None and c != "" for c in row)]
        if len(keep) != len(chunk):
            kept = set(keep)
            blank += [base + i for i in range(len(chunk)) if i not in kept]
            chunk = [chunk[i] for i in keep]
        if keep:  # the blank rows before this chunk's last row with data lie between data rows
            last = base + keep[-1]
            empty += [n for n in blank if n < last]
            blank = [n for n in blank if n > last]
        numbers += [base + i for i in keep]
        if any(len(r) != width for r in chunk):
            at = numbers[len(numbers) - len(chunk):]
            # often an unquoted delimiter that shifted the row: say so, never hide it
            beyond += [n for n, r in zip(at, chunk)
                       if any(c is not None and c != "" for c in r[width:])]
            chunk = [(list(r) + [""] * width)[:width] if len(r) != width else r for r in chunk]
        if chunk:
            _add_columns(columns, memos, chunk)
    notes: tuple[str, ...] = ()
    if beyond:
        shown = ", ".join(str(n) for n in beyond[:10]) + (" ..." if len(beyond) > 10 else "")
        notes = (_("{name}: row(s) {shown} have cells to the right of the last header "
                   "(\"{header}\"); those cells were ignored. Check these rows for an "
                   "unquoted comma or semicolon that shifted the answers.").format(
                     name=name, shown=shown, header=headers[-1]),)
    return RawTable(name, headers, [tuple(col) for col in columns], numbers, notes=notes,
                    empty_rows=tuple(empty))


def _add_columns(columns: list[list[Any]], memos: list[dict[Any, Any] | None],
                 rows: list[list[Any]]) -> None:
    """Append ``rows`` (all as wide as ``columns``) to the columns, one value object for each
    repeated value of a column. Booleans and integers are never shared (True == 1 == 1.0
    would merge them); a column of mostly distinct values (ids, times) stops using its memo."""
    for j, values in enumerate(zip(*rows)):
        memo = memos[j]
        if memo is None or not _SHAREABLE.issuperset(map(type, values)):
            columns[j].extend(values)
            continue
        before = len(memo)
        columns[j].extend(map(memo.setdefault, values, values))
        if len(memo) - before > len(values) // 2:
            memos[j] = None


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
        damaged = sorted({text.count("\n", 0, m.start()) + 1
                       for m in re.finditer("\x00", text)})
        shown = ", ".join(map(str, damaged[:10])) + (" ..." if len(damaged) > 10 else "")
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
    rows: list[list[str]] = []
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
