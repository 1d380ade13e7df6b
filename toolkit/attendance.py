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

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ColumnError, Problem
from .headers import header_field
from .i18n import _
from .responses.read import read_table

PRESENT = frozenset({"1", "x", "p", "oui", "yes", "y", "present", "presente", "presents",
                     "✓", "✔", "v", "true", "vrai"})
ABSENT = frozenset({"", "0", "a", "absent", "absente", "non", "no", "n", "-", "–", "—",
                    "✗", "✘", "false", "faux"})

_MORNING = r"(?P<am>am|a\.m\.|matin|morning|mat|ma)"
_AFTERNOON = r"(?P<pm>pm|p\.m\.|apres[ -]?midi|afternoon|aprem|ap|soir|apm)"
_HALF = rf"(?:{_MORNING}|{_AFTERNOON})"
_SEP = r"[ _,]*(?:-\s*)?"
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1, "fevrier": 2, "fevr": 2, "fev": 2,
    "february": 2, "feb": 2, "mars": 3, "march": 3, "mar": 3, "avril": 4, "avr": 4, "april": 4,
    "apr": 4, "mai": 5, "may": 5, "juin": 6, "june": 6, "jun": 6, "juillet": 7, "juil": 7,
    "july": 7, "jul": 7, "aout": 8, "august": 8, "aug": 8, "septembre": 9, "sept": 9, "sep": 9,
    "september": 9, "octobre": 10, "oct": 10, "october": 10, "novembre": 11, "nov": 11,
    "november": 11, "decembre": 12, "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "lundi": 0, "lun": 0, "monday": 0, "mon": 0, "mardi": 1, "mar": 1, "tuesday": 1, "tue": 1,
    "tues": 1, "mercredi": 2, "mer": 2, "wednesday": 2, "wed": 2, "jeudi": 3, "jeu": 3,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "vendredi": 4, "ven": 4, "friday": 4,
    "fri": 4, "samedi": 5, "sam": 5, "saturday": 5, "sat": 5, "dimanche": 6, "dim": 6,
    "sunday": 6, "sun": 6,
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?)"
_HALF_AT_END = re.compile(rf"(?:^|[ _,-]){_HALF}$")
_DAY_PATTERNS = (
    re.compile(rf"^(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})[ _t]*(?:-\s*)?{_HALF}$"),
    # 16/03/2027, 16.03.27, 16-03-2027, 16/03 (the year from the workshop's dates)
    re.compile(rf"^(?:{_WEEKDAY}[ _,]*)?(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})"
               rf"(?:[/.-](?P<y>\d{{4}}|\d{{2}}))?{_SEP}{_HALF}$"),
    # 16 mars, 1er avril 2019, mardi 16 mars matin
    re.compile(rf"^(?:{_WEEKDAY}[ _,]*)?(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?[ _]*{_MONTH}"
               rf"(?:[ _]*(?P<y>\d{{4}}))?{_SEP}{_HALF}$"),
    # March 16, Tue March 16 2027
    re.compile(rf"^(?:{_WEEKDAY}[ _,]*)?{_MONTH}[ _]*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
               rf"(?:[ _,]*(?P<y>\d{{4}}))?{_SEP}{_HALF}$"),
    re.compile(rf"^(?:jour|day|j|d)[ _]*(?P<num>\d{{1,2}}){_SEP}{_HALF}$"),
    # Mardi matin, Tue PM (the date from the workshop's days)
    re.compile(rf"^{_WEEKDAY}{_SEP}{_HALF}$"),
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


def parse_half_day(header: str, days: Sequence[dt.date] = ()) -> HalfDay | None:
    """The half-day a column header names, or None when it names none.

    Read: "2019-04-10 AM", "10/04/2019 PM", "16/03 matin", "16 mars après-midi", "Tue PM",
    "Mardi matin", "J1 matin", "Jour 1 AM", "Day 2 afternoon". A date without its year and a
    weekday name take the date from ``days`` (the workshop's days); without them the column
    is still a half-day, keyed by what the header says.
    """
    key = normalise_key(header).replace("’", "'")
    for pattern in _DAY_PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        half = "am" if match.group("am") else "pm"
        day = _day_of(match.groupdict(), days)
        if day is None:
            return None
        return HalfDay(day, half, str(header).strip())
    return None


def _day_of(groups: dict[str, str | None], days: Sequence[dt.date]) -> str | None:
    """The sortable day key of a matched header: an ISO date, "day 01", or a partial key."""
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(_pad_iso(groups["iso"] or "")).isoformat()
        if groups.get("num"):
            return f"day {int(groups['num'] or 0):02d}"
        if groups.get("d"):
            day = int(groups["d"] or 0)
            month = (_MONTHS[groups["month"] or ""] if groups.get("month")
                     else int(groups["m"] or 0))
            year_text = groups.get("y")
            if year_text:
                year = int(year_text) + (2000 if len(year_text) == 2 else 0)
                return dt.date(year, month, day).isoformat()
            on_days = [d for d in days if (d.month, d.day) == (month, day)]
            if on_days:
                return on_days[0].isoformat()
            dt.date(2000, month, day)  # a day that exists in a leap year, or ValueError
            return f"--{month:02d}-{day:02d}"
    except ValueError:
        return None
    weekday = _WEEKDAYS.get(groups.get("weekday") or "")
    if weekday is None:
        return None
    matching = [d for d in days if d.weekday() == weekday]
    if len(matching) == 1:
        return matching[0].isoformat()
    if days and not matching:
        return None
    return f"weekday {weekday}"  # no workshop days given, or a weekday that repeats


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


def read_attendance(path: str | Path, *, days: Sequence[dt.date] = ()) -> Attendance:
    """Read a half-day attendance sheet (XLSX or CSV; header in row 1).

    ``days``: the workshop's days, so that headers such as "16/03 matin" or "Mardi matin"
    are read as the workshop's dates.
    """
    file = str(path)
    headers, rows, numbers = _read_rows(path)
    id_index = _find_id_column(file, headers)
    columns: list[tuple[int, HalfDay]] = []
    for index, header in enumerate(headers):
        if index == id_index:
            continue
        if (half := parse_half_day(header, days)) is not None:
            columns.append((index, half))
        elif _HALF_AT_END.search(normalise_key(header)):
            # looks like a half-day: ignoring it would change everyone's attendance share
            shown = ", ".join(f"{d:%d/%m/%Y}" for d in days)
            raise ColumnError(
                _("{file}: column \"{header}\" looks like a half-day but names no day of the "
                  "workshop{shown}. Write it like \"16/03 matin\", \"Mardi après-midi\" or "
                  "\"J1 matin\", or delete the column.").format(
                    file=file, header=header, shown=f" ({shown})" if shown else ""))
    if not columns:
        raise ColumnError(
            _("{file}: no half-day column found (headers: {values}). Name one column per "
              "half-day, e.g. \"16/03 matin\", \"2019-04-10 AM\", \"Mardi après-midi\", "
              "\"J1 matin\", \"Jour 1 après-midi\" or \"Day 1 PM\".").format(
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
                                        _("no participant id: the row is ignored. Add the id.")))
            continue
        if pid in where:
            problems.append(Problem(file, number, headers[id_index], "duplicate-id",
                                    _("\"{pid}\" is also in row {row}: presence of both "
                                      "rows is added up. Merge the rows.").format(
                                        pid=pid, row=where[pid])))
        where.setdefault(pid, number)
        halves = present.setdefault(pid, set())
        for index, half in columns:
            state = parse_presence(cells[index])
            if state is None:
                problems.append(Problem(
                    file, number, half.header, "unknown-presence",
                    _("\"{cell}\" is neither present (1, x, P, oui, yes, présent) nor "
                      "absent (blank, 0, A, non, no): counted as absent. Fix the cell.").format(
                        cell=cell_text(cells[index]))))
            elif state:
                halves.add(half.header)
                marked[half.header] = True
    for header, used in marked.items():
        if not used:
            problems.append(Problem(file, None, header, "empty-half-day",
                                    _("nobody is marked present: the half-day still counts as "
                                    "held. Delete the column if it did not take place.")))
    ordered = tuple(sorted((half for _, half in columns), key=lambda h: (h.day, h.half)))
    return Attendance(file=file, id_column=headers[id_index], half_days=ordered,
                      present={k: frozenset(v) for k, v in present.items()}, rows=where,
                      problems=tuple(problems))


def _find_id_column(file: str, headers: list[str]) -> int:
    for index, header in enumerate(headers):
        if header_field(header) == "id":
            return index
    raise ColumnError(
        _("{file}: no participant id column (headers: {values}). Add a column \"id\" (or \"code\", "
          "\"participant_code\", \"Code participant\") holding the ids of the roster.").format(
            file=file, values=', '.join(map(repr, headers))))


def _read_rows(path: str | Path) -> tuple[list[str], list[list[object]], list[int]]:
    """Header and data rows (cells as the reader gave them) with their row numbers."""
    table = read_table(path)
    rows = [list(r) for r in zip(*table.columns_raw)] if table.columns_raw else []
    return table.headers, rows, table.row_numbers
