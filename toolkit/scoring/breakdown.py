"""Disaggregation by roster column, and sub-scores by module or objective.

Groups follow docs/statistics.md, "Disaggregation": every people-level figure by sex and by any
other
roster column; groups of fewer than 5 people show counts only (percentages None,
``suppressed`` True). Since the overall figures are published too, one hidden group could be
recovered by subtraction (total minus the other rows): as statistical offices do (secondary,
or complementary, suppression), further groups are hidden, smallest first, until the hidden
groups are at least two and hold at least 5 people together (see :func:`suppression`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import ColumnError
from ..headers import header_field
from ..i18n import _
from ..model import MIN_GROUP, AnswerKey, Participant
from .result import GroupRow, ModuleScore
from .stats import _num, cronbach_alpha

_ATTRIBUTES = ("sex", "country", "organisation", "function")


def _attribute(column: str) -> str:
    """'pays' -> 'country', 'Sexe' -> 'sex' (the roster's own header words); else casefolded."""
    wanted = column.strip().casefold()
    field = header_field(column)
    return field if field in _ATTRIBUTES else wanted


def group_column(column: str) -> str:
    """The contract's name of a --group-by column: 'pays' -> 'country'; others as given."""
    wanted = _attribute(column)
    return wanted if wanted in _ATTRIBUTES else column.strip()


def roster_value(person: Participant | None, column: str) -> str | None:
    """A participant's value in a roster column (attribute or extra column), None if blank."""
    if person is None:
        return None
    wanted = _attribute(column)
    if wanted in _ATTRIBUTES:
        value = getattr(person, wanted)
    else:
        value = next((v for k, v in person.extra if k.strip().casefold() == wanted), "")
    value = str(value or "").strip()
    return value or None


def check_group_columns(columns: Iterable[str], roster: Mapping[str, Participant]) -> None:
    """Refuse a --group-by column that no roster entry has (with the columns there are)."""
    known = set(_ATTRIBUTES) | {k.strip().casefold() for p in roster.values() for k, _ in p.extra}
    unknown = [c for c in columns if _attribute(c) not in known]
    if unknown and roster:
        raise ColumnError(
            _("The roster has no column {values} to group by. Use one of: {values2} (--group-by "
              "sex,country).").format(
                values=', '.join(repr(c) for c in unknown), values2=', '.join(sorted(known))))


def suppression(sizes: Sequence[int], minimum: int = MIN_GROUP) -> list[bool]:
    """Which groups to hide: those under ``minimum`` and enough others to stop subtraction.

    Primary: every group with 0 < n < minimum. Secondary: while the hidden groups are fewer
    than two, or hold fewer than ``minimum`` people together, the smallest shown group is
    hidden too (a single hidden group, or a hidden pair of 1 + 2 people, would follow from
    the total and the other rows). Empty groups (n = 0) have nothing to hide.
    """
    hidden = [0 < n < minimum for n in sizes]
    if not any(hidden):
        return [n < minimum for n in sizes]
    shown = sorted((n, i) for i, n in enumerate(sizes) if not hidden[i] and n > 0)
    while shown and (sum(hidden) < 2 or sum(n for n, h in zip(sizes, hidden) if h) < minimum):
        hidden[shown.pop(0)[1]] = True
    return [h or n < minimum for h, n in zip(hidden, sizes)]


def group_rows(column: str, roster: Mapping[str, Participant],
               pre: Mapping[str, float] | None, post: Mapping[str, float] | None) -> list[GroupRow]:
    """One row per value of ``column``: counts and mean scores, suppressed when n < 5."""
    ids = list(dict.fromkeys([*(pre or {}), *(post or {})]))
    by_value: dict[str | None, list[str]] = {}
    for pid in ids:
        by_value.setdefault(roster_value(roster.get(pid), column), []).append(pid)
    rows = []
    values = sorted(by_value, key=lambda v: (v is None, v or ""))
    if pre is not None and post is not None:  # people who took both tests
        sizes = [sum(1 for p in by_value[v] if p in pre and p in post) for v in values]
    else:
        sizes = [sum(1 for p in by_value[v] if pre is not None and p in pre) +
                 sum(1 for p in by_value[v] if post is not None and p in post) for v in values]
    hide = dict(zip(values, suppression(sizes)))
    for value in values:
        members = by_value[value]
        took_pre = [p for p in members if pre is not None and p in pre]
        took_post = [p for p in members if post is not None and p in post]
        both = [p for p in took_pre if post is not None and p in post]
        if pre is not None and post is not None:
            n = len(both)
            pre_scores = [pre[p] for p in both]
            post_scores = [post[p] for p in both]
        else:
            n = len(took_pre) + len(took_post)
            pre_scores = [pre[p] for p in took_pre] if pre is not None else []
            post_scores = [post[p] for p in took_post] if post is not None else []
        suppressed = hide[value]
        gains = np.array(post_scores) - np.array(pre_scores) if both else np.array([])
        rows.append(GroupRow(
            column, value, n, len(took_pre), len(took_post),
            None if suppressed or not pre_scores else _num(np.mean(pre_scores)),
            None if suppressed or not post_scores else _num(np.mean(post_scores)),
            None if suppressed or not len(gains) else _num(gains.mean()),
            None if suppressed or not len(gains) else _num((gains > 1e-9).mean() * 100),
            suppressed))
    return rows


def module_scores(keys: Sequence[AnswerKey | None], points: Sequence[Any],
                  matched: Sequence[str], *, by: str = "module") -> list[ModuleScore]:
    """Sub-scores by ``KeyItem.module`` (or ``by="objective"``) for pre and post (points:
    DataFrames or None)."""
    modules: dict[str, dict[str, float]] = {}
    for key in keys:
        for item in key.items if key else ():
            if getattr(item, by):
                modules.setdefault(getattr(item, by), {})[item.id] = item.points
    out = []
    for module, items in modules.items():
        pct: list[Any] = []  # per stage: each person's percent (a Series), None without it
        alphas: list[float | None] = []
        for frame in points:
            cols = [c for c in items if frame is not None and c in frame.columns]
            if not cols:
                pct.append(None)
                alphas.append(None)
                continue
            top = sum(items[c] for c in cols)
            pct.append(frame[cols].sum(axis=1) / top * 100)
            alphas.append(cronbach_alpha(frame[cols].to_numpy()))
        pre, post = pct
        gain = None
        if pre is not None and post is not None and matched:
            gain = _num((post.loc[list(matched)] - pre.loc[list(matched)]).mean())
        out.append(ModuleScore(
            module, tuple(items), float(sum(items.values())),
            _num(pre.mean()) if pre is not None and len(pre) else None,
            _num(post.mean()) if post is not None and len(post) else None,
            gain, alphas[0], alphas[1]))
    return out
