"""ScoreResult: everything `workshop score` computed, as the JSON contract and as text.

``to_dict()`` returns the contract of docs/score-contract.md (schema "workshop-toolkit/score/1")
with
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

from ..model import DEFAULT_PASS_MARK

if TYPE_CHECKING:
    import pandas as pd

    from ..responses.table import ImportResult, Linked

SCHEMA = "workshop-toolkit/score/1"
_EMPTY_TEST = {"n": 0, "mean_pct": None, "sd_pct": None, "median_pct": None, "alpha": None}


def _as_dict(series: pd.Series) -> dict[str, float]:
    """A Series as {index: value}, fast (pandas' own to_dict iterates element by element)."""
    return dict(zip(series.index.tolist(), series.to_numpy().tolist()))


# ---------------------------------------------------------------- the parts


@dataclass(frozen=True)
class ScoreSummary:
    """Figures for one test: percent scores, reliability, shape."""

    n: int
    k: int
    max_points: float
    mean_pct: float | None = None
    sd_pct: float | None = None
    median_pct: float | None = None
    alpha: float | None = None
    sem_pct: float | None = None  # standard error of measurement, in percentage points
    sem_points: float | None = None  # the same in points (Moodle's "standard error")
    error_ratio: float | None = None  # Moodle: 100 · √(1 − alpha)
    skewness: float | None = None
    kurtosis: float | None = None  # excess kurtosis, bias-corrected
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "mean_pct": self.mean_pct, "sd_pct": self.sd_pct,
                "median_pct": self.median_pct, "alpha": self.alpha, "k": self.k,
                "max_points": self.max_points, "sem_pct": self.sem_pct,
                "skewness": self.skewness, "kurtosis": self.kurtosis,
                "notes": list(self.notes)}


@dataclass(frozen=True)
class DistractorRow:
    """How often one option was chosen, overall and by score third."""

    option: str  # choice name; "" for blank, "?" for answers matching no choice
    correct: bool
    pct: float | None
    pct_low: float | None  # lowest third of total scores
    pct_middle: float | None
    pct_high: float | None
    option_rest_r: float | None  # key should be positive, distractors negative
    non_functioning: bool  # a distractor chosen by fewer than 5 %

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ItemStats:
    """Figures for one item of one test."""

    index: int
    n: int
    max_points: float
    facility: float | None = None  # mean points / max × 100 (= pct_correct)
    sd_pct: float | None = None  # sd of points / max × 100 (Moodle "sd" × 100)
    discrimination: float | None = None  # item-rest r
    discriminative_efficiency: float | None = None  # percent, Moodle
    alpha_if_deleted: float | None = None
    item_total_r: float | None = None
    effective_weight: float | None = None  # percent of the total's spread, Moodle
    # Moodle's intermediate figures (n − 1): cov(X, rest), var(X), var(rest), max cov
    covariance: float | None = None
    mark_variance: float | None = None
    rest_variance: float | None = None
    covariance_max: float | None = None
    distractors: tuple[DistractorRow, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "pct_correct": self.facility,
                "discrimination": self.discrimination, "facility": self.facility,
                "sd_pct": self.sd_pct,
                "discrimination_index": (None if self.discrimination is None
                                         else self.discrimination * 100),
                "discriminative_efficiency": self.discriminative_efficiency,
                "alpha_if_deleted": self.alpha_if_deleted, "item_total_r": self.item_total_r,
                "effective_weight": self.effective_weight,
                "distractors": [d.to_dict() for d in self.distractors],
                "notes": list(self.notes)}


@dataclass(frozen=True)
class MatchedStats:
    """Figures on participants who took both tests."""

    n: int
    pre_mean_pct: float | None = None
    post_mean_pct: float | None = None
    mean_gain_pct: float | None = None
    sd_gain_pct: float | None = None
    gain_ci95: tuple[float, float] | None = None
    normalized_gain: float | None = None
    hake_band: str | None = None
    mean_individual_gain: float | None = None
    n_left_out: int = 0
    marx_cummings_c: float | None = None
    improved_pct: float | None = None
    unchanged_pct: float | None = None
    declined_pct: float | None = None
    improved_of_could_pct: float | None = None
    t: float | None = None
    df: int | None = None
    p_t: float | None = None
    p_wilcoxon: float | None = None
    cohen_dz: float | None = None
    pass_mark: float = DEFAULT_PASS_MARK
    mastery_pre_pct: float | None = None
    mastery_post_pct: float | None = None
    rci_improved_pct: float | None = None
    rci_declined_pct: float | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["gain_ci95"] = list(self.gain_ci95) if self.gain_ci95 else None
        out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True)
class GroupRow:
    column: str
    value: str | None  # None: not given in the roster (or not in the roster)
    n: int  # matched participants (both tests), or takers when only one test was given
    n_pre: int
    n_post: int
    pre_mean_pct: float | None
    post_mean_pct: float | None
    mean_gain_pct: float | None
    improved_pct: float | None
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "n": self.n, "pre_mean_pct": self.pre_mean_pct,
                "post_mean_pct": self.post_mean_pct, "mean_gain_pct": self.mean_gain_pct,
                "improved_pct": self.improved_pct, "suppressed": self.suppressed,
                "n_pre": self.n_pre, "n_post": self.n_post}


@dataclass(frozen=True)
class ModuleScore:
    module: str
    items: tuple[str, ...]
    max_points: float
    pre_mean_pct: float | None
    post_mean_pct: float | None
    mean_gain_pct: float | None  # on matched participants
    alpha_pre: float | None
    alpha_post: float | None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["items"] = list(self.items)
        return out


@dataclass(frozen=True)
class ParticipantScore:
    """One participant's percent scores (by the id shown: never a name or an e-mail)."""

    id: str
    pre_pct: float | None
    post_pct: float | None
    gain: float | None


@dataclass(frozen=True)
class RowRef:
    """A row of an input file left out of the scores, and why."""

    file: str
    row: int | None
    code: str = ""
    reason: str = ""


@dataclass(frozen=True)
class DuplicateRef:
    """A submission not counted: the same participant submitted again (``kept_row``)."""

    id: str
    file: str
    row: int | None
    kept_row: int | None


@dataclass(frozen=True)
class LeftOut:
    """Every row not in the gain: rejected, duplicate, one test only, not in the roster."""

    rejected: tuple[RowRef, ...] = ()
    duplicates: tuple[DuplicateRef, ...] = ()
    pre_only: tuple[str, ...] = ()
    post_only: tuple[str, ...] = ()
    not_in_roster: tuple[RowRef, ...] = ()
    fuzzy: tuple[str, ...] = ()  # the roster entries matched by a close name, as shown


@dataclass(frozen=True)
class PooledScores:
    """Figures pooled over several workshops (a portfolio): what running sums allow.

    It answers the questions a renderer asks of a :class:`ScoreResult`, with nothing
    per participant, item or test.
    """

    matched: MatchedStats | None = None
    groups: dict[str, tuple[GroupRow, ...]] = field(default_factory=dict)
    items: tuple[ItemRow, ...] = ()
    modules: tuple[ModuleScore, ...] = ()
    notes: tuple[str, ...] = ()
    intervals: dict[str, Any] = field(default_factory=dict)  # none over running sums

    def summary(self, stage: str) -> ScoreSummary | None:
        return None

    def matching(self) -> list[dict[str, Any]]:
        return []

    def participant_scores(self) -> tuple[ParticipantScore, ...]:
        return ()

    def left_out(self) -> LeftOut:
        return LeftOut()


# ---------------------------------------------------------------- the whole


@dataclass(frozen=True)
class StageScores:
    """One scored test: its import, points, percent scores and statistics."""

    stage: str  # "pre" or "post"
    imported: ImportResult
    points: pd.DataFrame  # participants × key items
    pct: pd.Series  # percent score per participant id
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
    linked: Linked
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

    def summary(self, stage: str) -> ScoreSummary | None:
        """The figures of the "pre" or "post" test, None when it was not given."""
        test = self.pre if stage == "pre" else self.post if stage == "post" else None
        return test.summary if test is not None else None

    def participant_scores(self) -> tuple[ParticipantScore, ...]:
        """:meth:`per_participant` as typed rows (the same figures)."""
        return tuple(ParticipantScore(r["id"], r["pre_pct"], r["post_pct"], r["gain"])
                     for r in self.per_participant())

    def left_out(self) -> LeftOut:
        """Rows not counted in the gain, as the JSON's ``participants`` lists them."""
        linked = self.linked
        return LeftOut(
            rejected=tuple(RowRef(r["file"], r["row"], r["code"] or "", r["reason"])
                           for r in self.rejected()),
            duplicates=tuple(DuplicateRef(d["id"], d["file"], d["row"], d["kept_row"])
                             for d in self.duplicates()),
            pre_only=tuple(self.public(p) for p in linked.pre_only),
            post_only=tuple(self.public(p) for p in linked.post_only),
            not_in_roster=tuple(RowRef(p.file, p.row, p.code or "", p.message)
                                for p in linked.not_in_roster),
            fuzzy=tuple(str(f.matched_to) for f in linked.fuzzy_matches))

    def duplicates(self) -> list[dict[str, Any]]:
        out = []
        for test in (self.pre, self.post):
            if test is None:
                continue
            for dup in test.imported.duplicates:
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
    def tables(self) -> ScoreTables:
        """The result as pandas DataFrames, for analysts (figures as in ``to_dict()``).

        ``participants`` (id, pre_pct, post_pct, gain), ``items`` (one row per question,
        with the pre- and post-test figures side by side), ``groups`` (one row per group
        value of each --group-by column) and ``distractors`` (one row per question, test and
        option). Figures that cannot be computed are NaN here (None in the JSON).
        """
        import pandas as pd

        participants = pd.DataFrame(self.per_participant(), columns=list(PARTICIPANT_COLUMNS))
        items = []
        distractors = []
        for item in self.items:
            row: dict[str, Any] = {"id": item.id, "question": item.question, "type": item.type,
                                   "points": item.points, "module": item.module}
            for stage, stats in (("pre", item.pre), ("post", item.post)):
                for name in ITEM_FIGURES:
                    row[f"{stage}_{name}"] = getattr(stats, name) if stats else None
                row[f"{stage}_n"] = stats.n if stats else 0
                for d in stats.distractors if stats else ():
                    distractors.append({"item": item.id, "stage": stage, **d.to_dict()})
            row.update(mcnemar_p=item.mcnemar_p, mcnemar_p_holm=item.mcnemar_p_holm,
                       mcnemar_b=item.mcnemar_b, mcnemar_c=item.mcnemar_c)
            items.append(row)
        item_columns = ["id", "question", "type", "points", "module",
                        *(f"{s}_{n}" for s in ("pre", "post") for n in ("n", *ITEM_FIGURES)),
                        "mcnemar_p", "mcnemar_p_holm", "mcnemar_b", "mcnemar_c"]
        groups = [{"column": column, **row.to_dict()}
                  for column, rows in self.groups.items() for row in rows]
        return ScoreTables(
            participants=participants,
            items=pd.DataFrame(items, columns=item_columns),
            groups=pd.DataFrame(groups, columns=list(GROUP_COLUMNS)),
            distractors=pd.DataFrame(distractors, columns=list(DISTRACTOR_COLUMNS)))

    def to_text(self) -> str:
        """A short human summary for the terminal."""
        from .text import score_text

        return score_text(self)


PARTICIPANT_COLUMNS = ("id", "pre_pct", "post_pct", "gain")
ITEM_FIGURES = ("facility", "discrimination", "discriminative_efficiency", "alpha_if_deleted",
                "item_total_r", "sd_pct")
GROUP_COLUMNS = ("column", "value", "n", "pre_mean_pct", "post_mean_pct", "mean_gain_pct",
                 "improved_pct", "suppressed", "n_pre", "n_post")
DISTRACTOR_COLUMNS = ("item", "stage", "option", "correct", "pct", "pct_low", "pct_middle",
                      "pct_high", "option_rest_r", "non_functioning")


@dataclass(frozen=True)
class ScoreTables:
    """:meth:`ScoreResult.tables`: four DataFrames (also reachable as ``tables["items"]``)."""

    participants: pd.DataFrame
    items: pd.DataFrame
    groups: pd.DataFrame
    distractors: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in ("participants", "items", "groups", "distractors"):
            raise KeyError(name)
        return getattr(self, name)

    def as_dict(self) -> dict[str, pd.DataFrame]:
        return {"participants": self.participants, "items": self.items,
                "groups": self.groups, "distractors": self.distractors}
