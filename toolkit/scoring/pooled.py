"""Figures pooled over several workshops (a portfolio), from running sums.

Memory stays bounded by the number of workshops, not of participants: each workshop's
ScoreResult is reduced to running sums (n, Σpre, Σpost, Σd, Σd²; the same per group value)
by :meth:`Pool.add`, then dropped before the next workshop is scored. The statistics reuse
gain.py's own functions (:func:`~toolkit.scoring.gain.paired_t`, ``hake_band``), so a pooled
t or confidence interval is computed exactly as a single workshop's.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import DEFAULT_PASS_MARK
from .breakdown import MIN_GROUP, roster_value
from .gain import hake_band, paired_t
from .result import GroupRow, MatchedStats, ScoreResult

# the matched-figures keys a pooled row can give (the others need every participant's scores)
POOLED_KEYS = ("n", "pre_mean_pct", "post_mean_pct", "mean_gain_pct", "gain_ci95",
               "normalized_gain", "hake_band", "improved_pct", "mastery_pre_pct",
               "mastery_post_pct", "t", "p_t", "cohen_dz")


@dataclass
class Sums:
    """Running sums of paired percent scores."""

    n: int = 0
    pre: float = 0.0
    post: float = 0.0
    d: float = 0.0
    d2: float = 0.0
    improved: int = 0
    pass_pre: int = 0
    pass_post: int = 0

    def add(self, a: float, b: float, pass_mark: float) -> None:
        diff = b - a
        self.n += 1
        self.pre += a
        self.post += b
        self.d += diff
        self.d2 += diff * diff
        self.improved += diff > 1e-9
        self.pass_pre += a >= pass_mark
        self.pass_post += b >= pass_mark

    def matched(self, pass_mark: float = DEFAULT_PASS_MARK) -> MatchedStats:
        """The matched figures the sums allow (the others stay None)."""
        if not self.n:
            return MatchedStats(0, pass_mark=pass_mark)
        n = self.n
        pre, post, mean = self.pre / n, self.post / n, self.d / n
        out: dict[str, Any] = dict(
            pre_mean_pct=pre, post_mean_pct=post, mean_gain_pct=mean,
            improved_pct=self.improved / n * 100, mastery_pre_pct=self.pass_pre / n * 100,
            mastery_post_pct=self.pass_post / n * 100)
        if pre < 100:
            out["normalized_gain"] = (post - pre) / (100 - pre)
            out["hake_band"] = hake_band(out["normalized_gain"])
        if n >= 2:
            var = max(0.0, (self.d2 - n * mean * mean) / (n - 1))
            sd = math.sqrt(var)
            if sd > 1e-12:
                out.update(paired_t(mean, sd, n), cohen_dz=mean / sd)
        return MatchedStats(n, pass_mark=pass_mark, **out)

    def stats(self) -> dict[str, Any]:
        """:meth:`matched` as the score contract's keys that pooled sums allow."""
        figures = self.matched().to_dict()
        return {key: figures[key] for key in POOLED_KEYS}


@dataclass
class Pool:
    """Everything kept across workshops: running sums, counts, pass marks."""

    all: Sums = field(default_factory=Sums)
    groups: dict[str, dict[str | None, Sums]] = field(default_factory=dict)
    sex: Counter = field(default_factory=Counter)
    country: Counter = field(default_factory=Counter)
    people: int = 0
    unmatched: int = 0
    marks: set = field(default_factory=set)

    def add(self, result: ScoreResult, group_by: Sequence[str], pass_mark: float) -> None:
        """Add one workshop's scored participants (its roster counts, its matched pairs)."""
        linked = result.linked
        self.marks.add(float(pass_mark))
        self.unmatched += len(linked.pre_only) + len(linked.post_only)
        for person in linked.participants.values():
            self.people += 1
            self.sex[person.sex or ""] += 1
            self.country[(person.country or "").strip()] += 1
        if result.pre is None or result.post is None:
            return
        pre, post = result.pre.pct, result.post.pct
        for pid in linked.matched_ids:
            a, b = float(pre[pid]), float(post[pid])
            self.all.add(a, b, pass_mark)
            for column in group_by:
                value = roster_value(linked.participants.get(pid), column)
                self.groups.setdefault(column, {}).setdefault(value, Sums()).add(a, b,
                                                                                 pass_mark)

    def group_rows(self, column: str) -> tuple[GroupRow, ...]:
        """One row per value; groups of fewer than MIN_GROUP people show the count only."""
        rows = []
        for value, sums in sorted(self.groups.get(column, {}).items(),
                                  key=lambda kv: (kv[0] is None, kv[0] or "")):
            s = sums.matched()
            small = sums.n < MIN_GROUP
            rows.append(GroupRow(column, value, sums.n, sums.n, sums.n,
                                 None if small else s.pre_mean_pct,
                                 None if small else s.post_mean_pct,
                                 None if small else s.mean_gain_pct,
                                 None if small else s.improved_pct, small))
        return tuple(rows)
