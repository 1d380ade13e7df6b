"""Satisfaction surveys (Kirkpatrick level 1): Likert items, NPS, comments, by sex.

Per Likert item: the distribution 1..5, n valid (missing answers are out of the denominator),
median, mean and top-2-box % = (n4 + n5) / n valid. NPS = %(9–10) − %(0–6) on a 0–10 item
(a "recommander"/"recommend" header with values 0–10 or "10" in the header). Open comments come from
free-text columns, with e-mails and phone numbers masked; name, e-mail and phone columns are
never read into the result. "% satisfied" is disaggregated by a sex column of the file, or by
the roster's sex through a participant-code column; groups of fewer than 5 are suppressed.
"""
from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import InputFileError, Problem
from ..i18n import _
from ..model import Participant
from .breakdown import MIN_GROUP
from .likert import column_role, fold, likert_value, scrub
from .stats import _num

MIN_LIKERT_SHARE = 0.8  # of the non-missing cells, to call a column a Likert item


@dataclass(frozen=True)
class LikertItem:
    column: str
    n_valid: int
    n_missing: int
    counts: tuple[int, int, int, int, int]  # answers 1..5
    median: float | None
    mean: float | None
    top2_pct: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "n_valid": self.n_valid, "n_missing": self.n_missing,
                "counts": {str(i + 1): c for i, c in enumerate(self.counts)},
                "median": self.median, "mean": self.mean, "top2_pct": self.top2_pct}


@dataclass(frozen=True)
class NpsItem:
    column: str
    n_valid: int
    promoters_pct: float | None
    passives_pct: float | None
    detractors_pct: float | None
    nps: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Comment:
    column: str
    row: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SatisfiedGroup:
    value: str | None
    n: int  # respondents
    satisfied_pct: float | None  # top-2 share of all their valid Likert answers
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SatisfactionResult:
    file: str
    n_responses: int
    items: tuple[LikertItem, ...]
    nps: NpsItem | None
    comments: tuple[Comment, ...]
    groups: dict[str, tuple[SatisfiedGroup, ...]] = field(default_factory=dict)
    satisfied_pct: float | None = None  # top-2 share over every valid Likert answer
    sessions: tuple[LikertItem, ...] = ()  # ratings by session, from a repeat-group sheet
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "n_responses": self.n_responses,
                "satisfied_pct": self.satisfied_pct,
                "items": [i.to_dict() for i in self.items],
                "sessions": [i.to_dict() for i in self.sessions],
                "nps": self.nps.to_dict() if self.nps else None,
                "comments": [c.to_dict() for c in self.comments],
                "groups": {k: [g.to_dict() for g in v] for k, v in self.groups.items()},
                "problems": [{"file": p.file, "row": p.row, "column": p.column,
                              "code": p.code, "message": p.message} for p in self.problems],
                "notes": list(self.notes)}


def read_satisfaction(path: str | Path, *,
                      participants: Mapping[str, Participant] | None = None,
                      form: str | Path | None = None) -> SatisfactionResult:
    """Read a satisfaction survey export (Kobo, Google/MS Forms, Excel) and summarise it.

    ``participants`` (id -> Participant) gives sex through a participant-code column;
    ``form`` (the XLSForm) turns choice names such as "s1" into their labels.
    """
    headers, rows, numbers = _read_rows(path)
    name = str(path)
    columns = list(zip(*rows)) if rows else [() for _ in headers]
    multi_parents = {h.rsplit("/", 1)[0] for h in headers if "/" in h}
    items, comments, problems, notes = [], [], [], []
    nps = None
    sex_col = id_col = None
    likert_cols: list[tuple[str, list[Any]]] = []
    for header, cells in zip(headers, columns):
        role = column_role(header)
        if role in ("meta", "identity") or not header.strip():
            continue
        if role == "sex":
            sex_col = sex_col or cells
            continue
        if role == "id":
            id_col = id_col or cells
            continue
        parent = header.rsplit("/", 1)[0] if "/" in header else None
        if header in multi_parents or (parent is not None and parent in headers):
            continue  # select_multiple summary or its 0/1 columns: not a scale
        values = [likert_value(c) for c in cells]
        given = [v for v in values if v is not None]
        numbers_only = [v for v in given if isinstance(v, int)]
        texts = [c for c in cells if str(c).strip()]
        if given and len(numbers_only) >= MIN_LIKERT_SHARE * len(given):
            top = max(numbers_only)
            ten_point = top > 5 or min(numbers_only) == 0 or "10" in header
            # NPS needs the "recommend" question on a 0-10 scale; "Je recommanderais cet
            # atelier" answered on agree labels stays a Likert item
            if role == "recommend" and ten_point:
                nps = nps or _nps(header, numbers_only)
                continue
            if top > 5 or min(numbers_only) == 0:
                notes.append(f'{name}, column "{header}": numbers outside 1-5, not read as a '
                             "satisfaction scale (an NPS item needs \"recommend\" or "
                             "\"recommander\" in its header).")
                continue
            item = _likert(header, values)
            items.append(item)
            likert_cols.append((header, values))
            problems.extend(
                Problem(name, numbers[i], header, "unknown-likert-label",
                        f'"{cells[i]}" is not on the 1-5 scale; it was left out. Use a '
                        "scale label or a number 1-5.")
                for i, v in enumerate(values) if v == "?")
        elif texts and (role == "comment" or _free_text(texts)):
            comments.extend(Comment(header, numbers[i], scrub(str(c).strip()))
                            for i, c in enumerate(cells) if str(c).strip())
    if not items and nps is None:
        notes.append(f"{name}: no column answered on a 1-5 scale or 0-10 was found.")
    groups = {}
    sexes = _sexes(sex_col, id_col, participants)
    if sexes is not None:
        groups["sex"] = _groups(sexes, likert_cols)
    elif participants:
        notes.append("No sex column and no participant-code column to join the roster on: "
                     "satisfaction is not disaggregated by sex.")
    pooled = [v for _, values in likert_cols for v in values if isinstance(v, int)]
    return SatisfactionResult(
        name, len(rows), tuple(items), nps, tuple(comments), groups,
        _num(sum(v >= 4 for v in pooled) / len(pooled) * 100) if pooled else None,
        sessions=_session_ratings(path, _choice_labels(form) if form else {}),
        problems=tuple(problems), notes=tuple(notes))


def _choice_labels(form: str | Path) -> dict[str, str]:
    """Choice name -> first label, from the choices sheet of an XLSForm."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(form))
        grid = book.get_sheet_by_name("choices").to_python()
    except Exception as exc:  # calamine raises its own error types
        raise InputFileError(_("{form}: no readable \"choices\" sheet ({exc}). Give the XLSForm of "
                               "the satisfaction survey with --form.").format(
                                 form=form, exc=exc)) from exc
    headers = [fold(_text(h)) for h in grid[0]] if grid else []
    if "name" not in headers:
        return {}
    name = headers.index("name")
    label = next((i for i, h in enumerate(headers) if h.startswith("label")), None)
    if label is None:
        return {}
    return {_text(r[name]).strip(): _text(r[label]).strip() for r in grid[1:]
            if len(r) > max(name, label) and _text(r[name]).strip() and _text(r[label]).strip()}


def _session_ratings(path: str | Path, labels: Mapping[str, str]) -> tuple[LikertItem, ...]:
    """Ratings per session from a repeat-group sheet (Kobo: a second sheet, one row per rating).

    The sheet needs one column on the 1-5 scale and one text column naming the session.
    """
    out: list[LikertItem] = []
    for headers, rows in _other_sheets(path):
        columns = list(zip(*rows)) if rows else []
        scale = label = None
        for header, cells in zip(headers, columns):
            if column_role(header) in ("meta", "identity", "id") or header.startswith("_"):
                continue
            values = [likert_value(c) for c in cells]
            given = [v for v in values if v is not None]
            if scale is None and given and all(isinstance(v, int) and 1 <= v <= 5
                                               for v in given):
                scale = values
            elif label is None and any(str(c).strip() for c in cells):
                label = [labels.get(str(c).strip(), str(c).strip()) for c in cells]
        if scale is None or label is None:
            continue
        for session in sorted(set(label) - {""}):
            out.append(_likert(session, [v for v, s in zip(scale, label) if s == session]))
    return tuple(out)


def _other_sheets(path: str | Path) -> list[tuple[list[str], list[list[str]]]]:
    """Headers and rows of every sheet after the first (XLSX/ODS/XLS only)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".ods"):
        return []
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [book.get_sheet_by_name(n).to_python() for n in book.sheet_names[1:]]
    except Exception:  # the first sheet was read already; a bad extra sheet is not fatal
        return []
    out = []
    for grid in sheets:
        if len(grid) < 2:
            continue
        headers = [_text(h).strip() for h in grid[0]]
        out.append((headers, [[_text(c) for c in row] for row in grid[1:]
                              if any(_text(c).strip() for c in row)]))
    return out


def _likert(header: str, values: list[Any]) -> LikertItem:
    valid = [v for v in values if isinstance(v, int)]
    counts = tuple(valid.count(k) for k in range(1, 6))
    n = len(valid)
    return LikertItem(header, n, len(values) - n, counts,  # type: ignore[arg-type]
                      _num(statistics.median(valid)) if n else None,
                      _num(sum(valid) / n) if n else None,
                      _num((counts[3] + counts[4]) / n * 100) if n else None)


def _nps(header: str, values: list[int]) -> NpsItem:
    n = len(values)
    if not n:
        return NpsItem(header, 0, None, None, None, None)
    pro = sum(v >= 9 for v in values) / n * 100
    det = sum(v <= 6 for v in values) / n * 100
    return NpsItem(header, n, _num(pro), _num(100 - pro - det), _num(det), _num(pro - det))


def _free_text(texts: list[str]) -> bool:
    """Mostly distinct, sentence-like answers (not a select_one of a few labels)."""
    distinct = len(set(texts)) / len(texts)
    mean_len = sum(len(t) for t in texts) / len(texts)
    return distinct >= 0.5 and mean_len >= 15


def _sexes(sex_col, id_col, participants) -> list[str | None] | None:
    if sex_col is not None:
        return [_sex(c) for c in sex_col]
    if id_col is not None and participants:
        roster = {pid.strip().upper(): p for pid, p in participants.items()}
        return [_sex(roster[c.strip().upper()].sex) if c.strip().upper() in roster else None
                for c in id_col]
    return None


def _sex(cell: str) -> str | None:
    text = fold(cell)
    if text in ("f", "femme", "female", "feminin", "woman", "w"):
        return "F"
    if text in ("m", "h", "homme", "male", "masculin", "man"):
        return "M"
    return None


def _groups(sexes: list[str | None], likert_cols) -> tuple[SatisfiedGroup, ...]:
    out = []
    for value in sorted(set(sexes), key=lambda v: (v is None, v or "")):
        rows = [i for i, s in enumerate(sexes) if s == value]
        answers = [values[i] for _, values in likert_cols for i in rows
                   if isinstance(values[i], int)]
        suppressed = len(rows) < MIN_GROUP
        pct = None if suppressed or not answers else \
            _num(sum(a >= 4 for a in answers) / len(answers) * 100)
        out.append(SatisfiedGroup(value, len(rows), pct, suppressed))
    return tuple(out)


def _read_rows(path: str | Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Headers, rows of text and their spreadsheet row numbers (header = row 1)."""
    try:
        from ..responses.read import read_table
    except ImportError:  # the importer's reader not merged yet: a small private one
        return _fallback_rows(Path(path))
    table = read_table(path)
    return list(table.headers), [list(r) for r in table.rows], list(table.row_numbers)


def _fallback_rows(p: Path) -> tuple[list[str], list[list[str]], list[int]]:
    if not p.is_file():
        raise InputFileError(_("{p}: file not found. Check the path and the file name.").format(
                                 p=p))
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        try:
            data = CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
        except Exception as exc:  # calamine raises its own error types
            raise InputFileError(_("{p}: cannot be read as a spreadsheet ({exc}). Export the "
                                   "survey again as XLSX or CSV.").format(p=p, exc=exc)) from exc
        grid = [[_text(c) for c in row] for row in data]
    else:
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        first = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first.count)
        grid = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not grid:
        raise InputFileError(_("{p}: the file is empty. Export the survey again.").format(p=p))
    headers = [h.strip() for h in grid[0]]
    width = len(headers)
    rows, numbers = [], []
    for number, row in enumerate(grid[1:], start=2):
        if any(str(c).strip() for c in row):
            rows.append((list(row) + [""] * width)[:width])
            numbers.append(number)
    return headers, rows, numbers


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
