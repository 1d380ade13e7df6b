"""A portfolio report: several workshops scored one at a time, pooled over participants.

Memory stays bounded by the number of workshops, not of participants: each workshop is
scored, reduced to a summary row and to running sums (n, Σpre, Σpost, Σd, Σd²; the same per
group value), then dropped before the next one is read.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import ToolkitError
from ..i18n import _

MIN_GROUP = 5


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

    def stats(self) -> dict[str, Any]:
        """The matched-figures keys of the score contract that pooled sums allow."""
        from ..scoring.gain import hake_band

        out: dict[str, Any] = {"n": self.n, "pre_mean_pct": None, "post_mean_pct": None,
                               "mean_gain_pct": None, "gain_ci95": None,
                               "normalized_gain": None, "hake_band": None, "improved_pct": None,
                               "mastery_pre_pct": None, "mastery_post_pct": None, "t": None,
                               "p_t": None, "cohen_dz": None}
        if not self.n:
            return out
        n = self.n
        pre, post, mean = self.pre / n, self.post / n, self.d / n
        out.update(pre_mean_pct=pre, post_mean_pct=post, mean_gain_pct=mean,
                   improved_pct=self.improved / n * 100, mastery_pre_pct=self.pass_pre / n * 100,
                   mastery_post_pct=self.pass_post / n * 100)
        if pre < 100:
            out["normalized_gain"] = (post - pre) / (100 - pre)
            out["hake_band"] = hake_band(out["normalized_gain"])
        if n >= 2:
            var = max(0.0, (self.d2 - n * mean * mean) / (n - 1))
            sd = math.sqrt(var)
            if sd > 1e-12:
                from scipy import stats

                se = sd / math.sqrt(n)
                t = mean / se
                half = stats.t.ppf(0.975, n - 1) * se
                out.update(gain_ci95=[mean - half, mean + half], t=t,
                           p_t=float(2 * stats.t.sf(abs(t), n - 1)), cohen_dz=mean / sd)
        return out


@dataclass
class Pool:
    """Everything kept across workshops: summary rows and running sums."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    all: Sums = field(default_factory=Sums)
    groups: dict[str, dict[str | None, Sums]] = field(default_factory=dict)
    sex: Counter = field(default_factory=Counter)
    country: Counter = field(default_factory=Counter)
    people: int = 0
    unmatched: int = 0
    marks: set = field(default_factory=set)
    starts: list = field(default_factory=list)
    ends: list = field(default_factory=list)


def workshop_paths(items: Any) -> list[Any]:
    """Workshop files from paths, ids and folders (a folder gives its *.yaml, sorted)."""
    if items is None:
        return []
    if isinstance(items, (str, Path)) or not isinstance(items, Iterable):
        items = [items]
    out: list[Any] = []
    for item in items:
        if isinstance(item, (str, Path)) and Path(item).is_dir():
            found = sorted(p for p in Path(item).iterdir() if p.suffix in (".yaml", ".yml"))
            if not found:
                raise ToolkitError(_("{item}: this folder holds no workshop file (*.yaml). Give "
                                     "workshop files or a folder of them.").format(item=item))
            out += found
        else:
            out.append(item)
    return out


def portfolio_data(workshops: Any, *, group_by: Sequence[str] = ("sex",), match: str = "auto",
                   partial_credit: bool = False, lang: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Report data for several workshops: a row each and figures pooled over participants."""
    from ..scoring.breakdown import roster_value
    from ..scoring.run import run_scoring
    from ..i18n import document_language
    from .report import load, workshop_info

    paths = workshop_paths(workshops)
    if not paths:
        raise ToolkitError(_("A portfolio report needs workshops: give several workshop files, "
                             "ids, or a folder of workshop files."))
    pool = Pool()
    for done, item in enumerate(paths):
        ws = load(item)
        lang = document_language(ws.languages, lang)
        info = workshop_info(ws, lang)
        if ws.days:
            pool.starts.append(ws.days[0].date)
            pool.ends.append(ws.days[-1].date)
        row = {"id": ws.id, "title": info["title"], "dates": info["dates"], "n": 0,
               "pre_mean_pct": None, "post_mean_pct": None, "mean_gain_pct": None,
               "normalized_gain": None}
        files = ws.files
        if files.pre and files.post and Path(files.pre).exists() and Path(files.post).exists():
            result = run_scoring(workshop=ws, match=match, group_by=list(group_by),
                                 partial_credit=partial_credit)
            pool.marks.add(float(ws.tests.pass_mark))
            _add(pool, result, group_by, ws.tests.pass_mark, roster_value)
            m = result.matched
            if m is not None:
                row.update(n=m.n, pre_mean_pct=m.pre_mean_pct, post_mean_pct=m.post_mean_pct,
                           mean_gain_pct=m.mean_gain_pct, normalized_gain=m.normalized_gain)
            del result
        pool.rows.append(row)
        if progress:
            progress(done + 1, len(paths))
    return _data(pool, group_by, document_language((), lang))


def _add(pool: Pool, result: Any, group_by: Sequence[str], pass_mark: float,
         roster_value: Callable) -> None:
    linked = result.linked
    pool.unmatched += len(linked.pre_only) + len(linked.post_only)
    for person in linked.participants.values():
        pool.people += 1
        pool.sex[person.sex or ""] += 1
        pool.country[(person.country or "").strip()] += 1
    if result.pre is None or result.post is None:
        return
    pre, post = result.pre.pct, result.post.pct
    for pid in linked.matched_ids:
        a, b = float(pre[pid]), float(post[pid])
        pool.all.add(a, b, pass_mark)
        for column in group_by:
            value = roster_value(linked.participants.get(pid), column)
            pool.groups.setdefault(column, {}).setdefault(value, Sums()).add(a, b, pass_mark)


def _data(pool: Pool, group_by: Sequence[str], lang: str) -> dict[str, Any]:
    from ..i18n import format_date_range

    groups = {}
    for column in group_by:
        rows = []
        for value, sums in sorted(pool.groups.get(column, {}).items(),
                                  key=lambda kv: (kv[0] is None, kv[0] or "")):
            s = sums.stats()
            small = sums.n < MIN_GROUP
            rows.append({"value": value, "n": sums.n, "suppressed": small,
                         **{k: None if small else s[k] for k in
                            ("pre_mean_pct", "post_mean_pct", "mean_gain_pct", "improved_pct")}})
        groups[column] = rows
    dates = format_date_range(min(pool.starts), max(pool.ends), lang) if pool.starts else ""
    demo = None
    if pool.people:
        demo = {"n": pool.people,
                "sex": sorted(pool.sex.items(), key=lambda kv: (kv[0] == "", kv[0])),
                "country": sorted(pool.country.items(),
                                  key=lambda kv: (kv[0] == "", -kv[1], kv[0]))}
    count = len(pool.rows)
    from ..i18n import ngettext

    title = ngettext("{n} workshop", "{n} workshops", count, lang).format(n=count)
    return {"kind": "portfolio", "lang": lang, "workshop_id": "portfolio", "title": title,
            "project": "", "dates": dates, "place": "", "organisers": [], "partners": [],
            "funders": [],
            "pass_mark": sorted(pool.marks) if pool.marks else [70.0], "satisfaction": None,
            "demographics": demo,
            "workshops": pool.rows, "unmatched_count": pool.unmatched,
            "score": {"matched": pool.all.stats(), "groups": groups, "items": [],
                      "participants": {}}}
