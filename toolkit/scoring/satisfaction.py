"""Satisfaction surveys (Kirkpatrick level 1): Likert items, NPS, comments, by sex.

Per Likert item: the distribution 1..5, n valid (missing answers are out of the denominator),
median, mean and top-2-box % = (n4 + n5) / n valid. NPS = %(9–10) − %(0–6) on a 0–10 item
(a "recommander"/"recommend" header with values 0–10 or "10" in the header). Open comments come from
free-text columns, with e-mails and phone numbers masked; name, e-mail and phone columns are
never read into the result. "% satisfied" is disaggregated by a sex column of the file, or by
the roster's sex through a participant-code column; groups of fewer than 5 are suppressed.
"""
from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputFileError, Problem
from ..headers import sex_of
from ..i18n import _
from ..model import Participant
from .breakdown import MIN_GROUP
from .likert import column_role, fold, likert_value, scrub
from .stats import _num

if TYPE_CHECKING:
    from ..responses.read import RawTable

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
    overall: LikertItem | None = None  # the overall-satisfaction question, when there is one

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "n_responses": self.n_responses,
                "satisfied_pct": self.satisfied_pct,
                "overall": self.overall.to_dict() if self.overall else None,
                "n_pooled_answers": sum(i.n_valid for i in self.items),
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
    from ..responses.read import read_tables

    first, *others = read_tables(path)
    headers, rows, numbers = list(first.headers), first.rows, list(first.row_numbers)
    name = str(path)
    columns = list(zip(*rows)) if rows else [() for _ in headers]
    multi_parents = {h.rsplit("/", 1)[0] for h in headers if "/" in h}
    items: list[LikertItem] = []
    comments: list[Comment] = []
    problems: list[Problem] = []
    notes: list[str] = []
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
                notes.append(_("{name}, column \"{header}\": numbers outside 1-5, not read as "
                               "a satisfaction scale (an NPS item needs \"recommend\" or "
                               "\"recommander\" in its header).").format(name=name, header=header))
                continue
            item = _likert(header, values)
            items.append(item)
            likert_cols.append((header, values))
            problems.extend(
                Problem(name, numbers[i], header, "unknown-likert-label",
                        _("\"{value}\" is not on the 1-5 scale; it was left out. Use a scale "
                          "label or a number 1-5.").format(value=cells[i]))
                for i, v in enumerate(values) if v == "?")
        elif texts and (role == "comment" or _free_text(texts)):
            comments.extend(Comment(header, numbers[i], scrub(str(c).strip()))
                            for i, c in enumerate(cells) if str(c).strip())
    if not items and nps is None:
        notes.append(_("{name}: no column answered on a 1-5 scale or 0-10 was found.").format(
                         name=name))
    groups = {}
    sexes = _sexes(sex_col, id_col, participants)
    if sexes is not None:
        groups["sex"] = _groups(sexes, likert_cols)
    elif participants:
        notes.append(_("No sex column and no participant-code column to join the roster on: "
                     "satisfaction is not disaggregated by sex."))
    pooled = [v for _, values in likert_cols for v in values if isinstance(v, int)]
    return SatisfactionResult(
        name, len(rows), tuple(items), nps, tuple(comments), groups,
        _num(sum(v >= 4 for v in pooled) / len(pooled) * 100) if pooled else None,
        sessions=_session_ratings(others, _choice_labels(form) if form else {}),
        problems=tuple(problems), notes=tuple(notes), overall=overall_item(items))


# Headers of the question on the workshop as a whole (folded: no case, accents, apostrophes)
_OVERALL = ("satisfaction globale", "satisfaction generale", "overall satisfaction",
            "satisfaction d'ensemble", "globalement", "dans l'ensemble", "overall",
            "satisfaction with the workshop as a whole", "en general")


def overall_item(items: list[LikertItem] | tuple[LikertItem, ...]) -> LikertItem | None:
    """The overall-satisfaction item ("Satisfaction globale…", "Overall satisfaction…").

    Its top-2-box share is the figure to read as "% satisfied"; the share pooled over every
    statement mixes questions on different things and is named as such.
    """
    for item in items:
        folded = fold(item.column)
        if any(word in folded for word in _OVERALL):
            return item
    return None


def _choice_labels(form: str | Path) -> dict[str, str]:
    """Choice name -> first label, from the choices sheet of an XLSForm."""
    from ..responses.read import read_table

    try:
        sheet = read_table(form, sheet="choices")
    except InputFileError as exc:
        raise InputFileError(_("{error} Give the XLSForm of the satisfaction survey with "
                               "--form.").format(error=exc)) from exc
    headers = [fold(h) for h in sheet.headers]
    if "name" not in headers:
        return {}
    label = next((i for i, h in enumerate(headers) if h.startswith("label")), None)
    if label is None:
        return {}
    names, labels = sheet.column(headers.index("name")), sheet.column(label)
    return {n.strip(): t.strip() for n, t in zip(names, labels) if n.strip() and t.strip()}


def _session_ratings(sheets: list[RawTable],
                     labels: Mapping[str, str]) -> tuple[LikertItem, ...]:
    """Ratings per session from a repeat-group sheet (Kobo: a second sheet, one row per rating).

    The sheet needs one column on the 1-5 scale and one text column naming the session.
    """
    out: list[LikertItem] = []
    for sheet in sheets:
        headers = sheet.headers
        columns = [sheet.column(j) for j in range(len(headers))]
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
    return sex_of(fold(cell)) or None


def _groups(sexes: list[str | None], likert_cols) -> tuple[SatisfiedGroup, ...]:
    from .breakdown import suppression

    out = []
    order = sorted(set(sexes), key=lambda v: (v is None, v or ""))
    hide = dict(zip(order, suppression([sexes.count(v) for v in order], MIN_GROUP)))
    for value in order:
        rows = [i for i, s in enumerate(sexes) if s == value]
        answers = [values[i] for _, values in likert_cols for i in rows
                   if isinstance(values[i], int)]
        suppressed = hide[value]
        pct = None if suppressed or not answers else \
            _num(sum(a >= 4 for a in answers) / len(answers) * 100)
        out.append(SatisfiedGroup(value, len(rows), pct, suppressed))
    return tuple(out)
