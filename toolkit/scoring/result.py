"""ScoreResult: everything `workshop score` computed, as the JSON contract and as text.

``to_dict()`` returns the contract of docs/score-contract.md (schema "workshop-toolkit/score/1") with
every key present, None for figures that cannot be computed, unrounded floats. A test that
was not given has ``{"n": 0, ...: None}``; ``matched`` is None unless both tests were given.

Extra keys beyond the contract:

* ``pre``/``post``: ``k``, ``max_points``, ``sem_pct``, ``skewness``, ``kurtosis``, ``notes``;
* ``matched``: ``sd_gain_pct``, ``df``, ``hake_band`` (low/medium/high),
  ``mean_individual_gain`` and ``n_left_out`` (pre = 100 %), ``marx_cummings_c``,
  ``improved_of_could_pct`` (among pre < 100 %), ``pass_mark``, ``mastery_pre_pct``,
  ``mastery_post_pct``, ``rci_improved_pct``, ``rci_declined_pct``, ``notes``;
* ``items[]``: ``module``; in ``pre``/``post``: ``facility`` (= pct_correct), ``sd_pct``,
  ``discrimination_index`` (Moodle, × 100), ``discriminative_efficiency``,
  ``alpha_if_deleted``, ``item_total_r``, ``distractors`` (option, correct, pct, pct_low,
  pct_middle, pct_high, option_rest_r, non_functioning), ``notes``; ``mcnemar_p_holm``
  (Holm-adjusted across items), ``mcnemar_b`` (right→wrong), ``mcnemar_c`` (wrong→right);
  "right" means the item's full points (with partial credit, a part-right answer is wrong);
* ``participants``: ``not_in_roster`` (file, row, reason), ``warnings`` (file, row,
  column, code, message);
* ``groups.<column>[]``: ``improved_pct``, ``n_pre``, ``n_post``;
* ``per_participant``: [{id, pre_pct, post_pct, gain}] (ids only, never names or e-mails);
* ``modules``: sub-scores by module [{module, items, max_points, pre_mean_pct,
  post_mean_pct, mean_gain_pct, alpha_pre, alpha_post}];
* ``objectives``: the same by objective ({objective, items, ...}), when the key (a
  workshop's question bank) names each question's objective;
* ``notes``: why figures are missing, plainly;
* ``intervals``: 95 % confidence intervals, apart so that every other key keeps its value
  (scoring/intervals.py): ``alpha_pre_ci95``/``alpha_post_ci95`` (Feldt), and with both
  tests ``improved_pct_ci95``, ``improved_of_could_pct_ci95``, ``mastery_pre_pct_ci95``,
  ``mastery_post_pct_ci95``, ``rci_improved_pct_ci95`` (Wilson), ``cohen_dz_ci95``
  (noncentral t), ``counts`` (the numerators and denominators of those shares),
  ``confidence`` and ``method``;
* ``matching``: [{stage, file (base name), by (id/email/name), fuzzy_matches}], how each
  file's rows were matched to people (the report's method annex prints it).

Participant identifiers: the roster id, or the export's id column. When participants were
matched by e-mail or name (no id anywhere), they are shown as "<file> row <n>" so that no
e-mail or name reaches a report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .breakdown import GroupRow, ModuleScore
from .gain import MatchedStats
from .stats import ItemStats, ScoreSummary

if TYPE_CHECKING:
    import pandas as pd

    from ..responses.table import ImportResult, Linked

SCHEMA = "workshop-toolkit/score/1"
_EMPTY_TEST = {"n": 0, "mean_pct": None, "sd_pct": None, "median_pct": None, "alpha": None}


def _as_dict(series: "pd.Series") -> dict[str, float]:
    """A Series as {index: value}, fast (pandas' own to_dict iterates element by element)."""
    return dict(zip(series.index.tolist(), series.to_numpy().tolist()))


@dataclass(frozen=True)
class StageScores:
    """One scored test: its import, points, percent scores and statistics."""

    stage: str  # "pre" or "post"
    imported: "ImportResult"
    points: "pd.DataFrame"  # participants × key items
    pct: "pd.Series"  # percent score per participant id
    summary: ScoreSummary
    items: tuple[ItemStats, ...]


@dataclass(frozen=True)
class ItemRow:
    id: str
    question: str
    type: str
    points: float
    module: str
    pre: ItemStats | None
    post: ItemStats | None
    mcnemar_p: float | None
    mcnemar_p_holm: float | None
    mcnemar_b: int | None
    mcnemar_c: int | None

    def to_dict(self) -> dict[str, Any]:
        empty = {"n": 0, "pct_correct": None, "discrimination": None}
        return {"id": self.id, "question": self.question, "type": self.type,
                "points": self.points, "module": self.module,
                "pre": self.pre.to_dict() if self.pre else empty,
                "post": self.post.to_dict() if self.post else empty,
                "mcnemar_p": self.mcnemar_p, "mcnemar_p_holm": self.mcnemar_p_holm,
                "mcnemar_b": self.mcnemar_b, "mcnemar_c": self.mcnemar_c}


@dataclass(frozen=True)
class ScoreResult:
    """The outcome of scoring a pre- and/or post-test."""

    pre: StageScores | None
    post: StageScores | None
    linked: "Linked"
    matched: MatchedStats | None
    items: tuple[ItemRow, ...]
    groups: dict[str, tuple[GroupRow, ...]] = field(default_factory=dict)
    modules: tuple[ModuleScore, ...] = ()
    public_ids: dict[str, str] = field(default_factory=dict)  # participant key -> shown id
    notes: tuple[str, ...] = ()
    objectives: tuple[ModuleScore, ...] = ()  # sub-scores by objective (workshop keys)
    intervals: dict[str, Any] = field(default_factory=dict)  # 95 % CIs (scoring/intervals.py)

    def public(self, pid: str) -> str:
        """The identifier shown for a participant (never an e-mail or a name)."""
        return self.public_ids.get(pid, pid)

    def per_participant(self) -> list[dict[str, Any]]:
        pre = _as_dict(self.pre.pct) if self.pre else {}
        post = _as_dict(self.post.pct) if self.post else {}
        shown = self.public_ids
        if pre.keys() == post.keys() and list(pre) == list(post):
            # everyone took both tests, listed in the same order (the usual case): one zip
            return [{"id": shown.get(pid, pid), "pre_pct": float(a), "post_pct": float(b),
                     "gain": float(b - a)} for pid, a, b in zip(pre, pre.values(), post.values())]
        rows = []
        for pid in dict.fromkeys([*pre, *post]):
            a, b = pre.get(pid), post.get(pid)
            rows.append({"id": shown.get(pid, pid), "pre_pct": None if a is None else float(a),
                         "post_pct": None if b is None else float(b),
                         "gain": float(b - a) if a is not None and b is not None else None})
        return rows

    def duplicates(self) -> list[dict[str, Any]]:
        out = []
        for test in (self.pre, self.post):
            for dup in test.imported.duplicates if test else ():
                item = dup.to_dict()
                item["id"] = self.public(dup.id) if test.imported.match_by == "id" else \
                    f"{Path(dup.file).name} row {dup.kept_row}"  # no folder of the local disk
                out.append(item)
        return out

    def rejected(self) -> list[dict[str, Any]]:
        return [{"file": p.file, "row": p.row, "reason": p.message, "code": p.code}
                for test in (self.pre, self.post) if test for p in test.imported.rejected]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of docs/score-contract.md (plus the documented extra keys)."""
        linked = self.linked
        return {
            "schema": SCHEMA,
            "pre": self.pre.summary.to_dict() if self.pre else dict(_EMPTY_TEST),
            "post": self.post.summary.to_dict() if self.post else dict(_EMPTY_TEST),
            "matched": self.matched.to_dict() if self.matched else None,
            "items": [item.to_dict() for item in self.items],
            "participants": {
                "pre_only": [self.public(p) for p in linked.pre_only],
                "post_only": [self.public(p) for p in linked.post_only],
                "fuzzy_matches": [f.to_dict() for f in linked.fuzzy_matches],
                "duplicates": self.duplicates(),
                "rejected": self.rejected(),
                "not_in_roster": [{"file": p.file, "row": p.row, "reason": p.message}
                                  for p in linked.not_in_roster],
                "warnings": [{"file": p.file, "row": p.row, "column": p.column,
                              "code": p.code, "message": p.message}
                             for t in (self.pre, self.post) if t for p in t.imported.warnings],
            },
            "groups": {column: [row.to_dict() for row in rows]
                       for column, rows in self.groups.items()},
            "per_participant": self.per_participant(),
            "modules": [m.to_dict() for m in self.modules],
            "objectives": [{"objective": o.module, **{k: v for k, v in o.to_dict().items()
                                                      if k != "module"}}
                           for o in self.objectives],
            "notes": list(self.notes),
            "intervals": self.intervals or None,
            "matching": self.matching(),
        }

    def matching(self) -> list[dict[str, Any]]:
        """How each file's rows were matched to people: by id, e-mail or name (file base name)."""
        linked = self.linked
        fuzzy = len(linked.fuzzy_matches)
        return [{"stage": name, "file": Path(imported.file).name, "by": imported.match_by,
                 "fuzzy_matches": fuzzy if name == "post" or linked.post is None else 0}
                for name, imported in (("pre", linked.pre), ("post", linked.post))
                if imported is not None]

    def to_text(self) -> str:
        """A short human summary for the terminal."""
        from .text import score_text

        return score_text(self)
