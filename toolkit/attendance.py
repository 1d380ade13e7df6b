"""Half-day attendance sheets: who was present at which half-day of a workshop.

A sheet (XLSX or CSV, header in row 1) has an id column (``id``, ``code``,
``participant_code``, ``Code participant`` ...) and one column per half-day. Half-day headers
are read in French or English: "2019-04-10 AM", "10/04/2019 PM", "J1 matin",
"Jour 1 après-midi", "Day 1 AM", "D1 PM". Other columns (name, organisation ...) are ignored.

Rule for half-days held: every half-day column of the sheet counts as held, even one that is
blank for everybody (that column is reported as a Problem "empty-half-day" so that a half-day
which did not take place can be deleted from the sheet). Keeping the rule this simple makes a
participant's share easy to check by hand: present cells / half-day columns.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ColumnError, InputFileError, Problem
from .i18n import _

ID_HEADERS = ("id", "code", "participant_code", "code_participant", "participant_id",
              "id_participant", "participant", "code_du_participant")

PRESENT = frozenset({"1", "x", "p", "oui", "yes", "y", "present", "presente", "presents",
                     "✓", "✔", "v", "true", "vrai"})
ABSENT = frozenset({"", "0", "a", "absent", "absente", "non", "no", "n", "-", "–", "—",
                    "✗", "✘", "false", "faux"})

_MORNING = r"(?P<am>am|a\.m\.|matin|morning|mat|ma)"
_AFTERNOON = r"(?P<pm>pm|p\.m\.|apres[ -]?midi|afternoon|aprem|ap|soir|apm)"
_HALF = rf"(?:{_MORNING}|{_AFTERNOON})"
_DAY_PATTERNS = (
    re.compile(rf"^(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})[ _t]*(?:-\s*)?{_HALF}$"),
    re.compile(rf"^(?P<dmy>\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})[ _]*(?:-\s*)?{_HALF}$"),
    re.compile(rf"^(?:jour|day|j|d)[ _]*(?P<num>\d{{1,2}})[ _]*(?:-\s*)?{_HALF}$"),
)


@dataclass(frozen=True, order=True)
class HalfDay:
    """One half-day column: ``day`` is a date, or a day number (1 = first day)."""

    day: str  # ISO date "2019-04-10" or "day 1"; sortable within one sheet
    half: str  # "am" or "pm"
    header: str = ""

    def label(self) -> str:
        return self.header or f"{self.day} {self.half.upper()}"


@dataclass(frozen=True)
class Attendance:
    """Presence per participant id over the half-days of a sheet."""

    file: str
    id_column: str
    half_days: tuple[HalfDay, ...]
    present: dict[str, frozenset[str]]  # participant id -> headers of half-days present
    rows: dict[str, int]  # participant id -> spreadsheet row (header = 1)
    problems: tuple[Problem, ...] = ()

    @property
    def held(self) -> int:
        return len(self.half_days)

    def count(self, participant_id: str) -> int:
        """Half-days the participant was present (0 when not on the sheet)."""
        return len(self.present.get(participant_id, ()))


def normalise_key(text: object) -> str:
    """Lower-case ASCII with accents removed and runs of spaces/punctuation as one space."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.strip().lower())


def parse_half_day(header: str) -> HalfDay | None:
    """The half-day a column header names, or None when it names none."""
    key = normalise_key(header).replace("’", "'")
    for pattern in _DAY_PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        half = "am" if match.group("am") else "pm"
        groups = match.groupdict()
        try:
            if groups.get("iso"):
                day = dt.date.fromisoformat(_pad_iso(groups["iso"])).isoformat()
            elif groups.get("dmy"):
                d, m, y = re.split(r"[/.]", groups["dmy"])
                day = dt.date(int(y), int(m), int(d)).isoformat()
            else:
                day = f"day {int(groups['num']):02d}"
        except ValueError:
            return None
        return HalfDay(day, half, str(header).strip())
    return None


def _pad_iso(text: str) -> str:
    y, m, d = text.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


def parse_presence(value: object) -> bool | None:
    """True for present, False for absent, None when the cell is neither."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return {1: True, 0: False}.get(value)  # type: ignore[arg-type]
    raw = str(value).strip()
    key = normalise_key(raw)
    if raw and not key:  # only symbols: compare them as written
        key = raw
    if key.endswith(".0") and key[:-2] in ("0", "1"):
        key = key[:-2]
    if key in PRESENT:
        return True
    if key in ABSENT:
        return False
    return None


def cell_text(value: object) -> str:
    """A cell as text: Excel's 12.0 becomes "12", None becomes ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_attendance(path: str | Path) -> Attendance:
    """Read a half-day attendance sheet (XLSX or CSV; header in row 1)."""
    file = str(path)
    headers, rows, numbers = _read_rows(path)
    id_index = _find_id_column(file, headers)
    columns: list[tuple[int, HalfDay]] = []
    for index, header in enumerate(headers):
        if index != id_index and (half := parse_half_day(header)) is not None:
            columns.append((index, half))
    if not columns:
        raise ColumnError(
            _("{file}: no half-day column found (headers: {values}). Name one column per "
              "half-day, e.g. \"2019-04-10 AM\", \"J1 matin\", \"Jour 1 après-midi\" or \"Day 1 PM\".").format(
                file=file, values=', '.join(map(repr, headers))))
    seen: dict[HalfDay, str] = {}
    for _col, half in columns:
        key = HalfDay(half.day, half.half)
        if key in seen:
            raise ColumnError(_("{file}: columns \"{value}\" and \"{header}\" name the same "
                                "half-day. Keep one of them.").format(
                                  file=file, value=seen[key], header=half.header))
        seen[key] = half.header
    problems: list[Problem] = []
    present: dict[str, set[str]] = {}
    where: dict[str, int] = {}
    marked = {half.header: False for _, half in columns}
    for row, number in zip(rows, numbers):
        cells = [row[i] if i < len(row) else None for i in range(len(headers))]
        pid = cell_text(cells[id_index])
        if not pid:
            if any(cell_text(c) for c in cells):
                problems.append(Problem(file, number, headers[id_index], "missing-id",
                                        "no participant id: the row is ignored. Add the id."))
            continue
        if pid in where:
            problems.append(Problem(file, number, headers[id_index], "duplicate-id",
                                    f'"{pid}" is also in row {where[pid]}: presence of both '
                                    "rows is added up. Merge the rows."))
        where.setdefault(pid, number)
        days = present.setdefault(pid, set())
        for index, half in columns:
            state = parse_presence(cells[index])
            if state is None:
                problems.append(Problem(
                    file, number, half.header, "unknown-presence",
                    f'"{cell_text(cells[index])}" is neither present (1, x, P, oui, yes, '
                    "présent) nor absent (blank, 0, A, non, no): counted as absent. Fix the cell."))
            elif state:
                days.add(half.header)
                marked[half.header] = True
    for header, used in marked.items():
        if not used:
            problems.append(Problem(file, None, header, "empty-half-day",
                                    "nobody is marked present: the half-day still counts as "
                                    "held. Delete the column if it did not take place."))
    ordered = tuple(sorted((half for _, half in columns), key=lambda h: (h.day, h.half)))
    return Attendance(file=file, id_column=headers[id_index], half_days=ordered,
                      present={k: frozenset(v) for k, v in present.items()}, rows=where,
                      problems=tuple(problems))


def _find_id_column(file: str, headers: list[str]) -> int:
    for wanted in ID_HEADERS:
        for index, header in enumerate(headers):
            if re.sub(r"[^a-z0-9]+", "_", normalise_key(header)).strip("_") == wanted:
                return index
    raise ColumnError(
        _("{file}: no participant id column (headers: {values}). Add a column \"id\" (or \"code\", "
          "\"participant_code\", \"Code participant\") holding the ids of the roster.").format(
            file=file, values=', '.join(map(repr, headers))))


def _read_rows(path: str | Path) -> tuple[list[str], list[list[object]], list[int]]:
    """Header and data rows of the first sheet of an XLSX or a CSV, with row numbers.

    Kept behind one function so the shared table reader can replace it.
    """
    source = Path(path)
    if not source.is_file():
        raise InputFileError(_("{path}: file not found. Check the path of the attendance sheet.").format(
                                 path=path))
    suffix = source.suffix.lower()
    with source.open("rb") as handle:
        zipped = handle.read(2) == b"PK"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods") or zipped:
        # the shared reader refuses password-protected files, zip and XML bombs and
        # oversized sheets before parsing (openpyxl alone would inflate a zip bomb)
        from .responses.read import read_table

        if source.stat().st_size == 0:
            raise InputFileError(_("{path}: the file is empty. Put the headers in row 1.").format(
                                     path=path))
        table = read_table(source)
        rows = [list(r) for r in zip(*table.columns_raw)] if table.columns_raw else []
        return table.headers, rows, table.row_numbers
    if suffix in (".csv", ".txt"):
        raw = _read_csv(source)
    else:
        raise InputFileError(_("{path}: unknown file type {value}. Save the attendance sheet as "
                               ".xlsx or .csv.").format(path=path, value=suffix or '(none)'))
    if not raw:
        raise InputFileError(_("{path}: the file is empty. Put the headers in row 1.").format(
                                 path=path))
    headers = [cell_text(h) for h in raw[0]]
    rows, numbers = [], []
    for number, row in enumerate(raw[1:], start=2):
        if any(cell_text(c) for c in row):
            rows.append(list(row))
            numbers.append(number)
    return headers, rows, numbers


def _read_csv(source: Path) -> list[list[str]]:
    data = source.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV" on Windows
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
