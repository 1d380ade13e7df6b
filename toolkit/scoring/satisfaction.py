"""Satisfaction surveys (Kirkpatrick level 1): Likert items, NPS, comments, by sex.

Per Likert item: the distribution 1..5, n valid (missing answers are out of the denominator),
median, mean and top-2-box % = (n4 + n5) / n valid. NPS = %(9–10) − %(0–6) on a 0–10 item
(found by a "recommander"/"recommend" header, or values above 5). Open comments come from
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
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "n_responses": self.n_responses,
                "satisfied_pct": self.satisfied_pct,
                "items": [i.to_dict() for i in self.items],
                "nps": self.nps.to_dict() if self.nps else None,
                "comments": [c.to_dict() for c in self.comments],
                "groups": {k: [g.to_dict() for g in v] for k, v in self.groups.items()},
                "problems": [{"file": p.file, "row": p.row, "column": p.column,
                              "code": p.code, "message": p.message} for p in self.problems],
                "notes": list(self.notes)}


def read_satisfaction(path: str | Path, *,
                      participants: Mapping[str, Participant] | None = None
                      ) -> SatisfactionResult:
    """Read a satisfaction survey export (Kobo, Google/MS Forms, Excel) and summarise it."""
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
            if role == "recommend" or top > 5 or min(numbers_only) == 0:
                nps = nps or _nps(header, numbers_only)
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
        tuple(problems), tuple(notes))


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
        raise InputFileError(f"{p}: file not found. Check the path and the file name.")
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        try:
            data = CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
        except Exception as exc:  # calamine raises its own error types
            raise InputFileError(f"{p}: cannot be read as a spreadsheet ({exc}). Export the "
                                 "survey again as XLSX or CSV.") from exc
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
        raise InputFileError(f"{p}: the file is empty. Export the survey again.")
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
