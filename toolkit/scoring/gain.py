"""Pre/post statistics on matched participants: gains, tests, effect size, McNemar, RCI.

Percent scores in, figures out; None (with a note) whenever a figure cannot be computed.
Formulas and the published values they are tested against: docs/statistics.md, "Before and after".

* normalized gain (Hake): (mean post − mean pre) / (100 − mean pre), bands of Hake (1998,
  Am. J. Phys. 66, 64–74): low g < 0.3, medium 0.3 ≤ g < 0.7, high g ≥ 0.7; a negative g is
  a loss, not a "low" gain;
* average individual gain: mean of (post − pre)/(100 − pre) over those with pre < 100
  (``n_left_out`` counts the others);
* normalized change c (Marx & Cummings 2007): (post − pre)/(100 − pre) when post > pre,
  (post − pre)/pre when post < pre, 0 when equal; participants with pre = post = 0 or 100
  are dropped;
* Cohen's d_z = mean(d) / sd(d) (not pingouin's d_av);
* reliable change (Jacobson & Truax): RCI = d / √(2·SEM²), SEM of the pre-test.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..i18n import _
from ..model import DEFAULT_PASS_MARK
from .distributions import bdtr_half, ndtr, stdtr, stdtrit
from .result import MatchedStats
from .stats import _num

_TIE = 1e-9  # percent scores from different maxima may differ by float rounding only
RCI_CRITICAL = 1.96


def hake_band(gain: float | None) -> str | None:
    """Hake's (1998) band: 'low' (g < 0.3), 'medium' (0.3 ≤ g < 0.7), 'high' (g ≥ 0.7).

    A negative g is a 'loss'. Compared with a 1e-9 tolerance, so that a g of 0.7 computed
    as 0.69999999999 is high, as on paper.
    """
    if gain is None:
        return None
    if gain < -_TIE:
        return "loss"
    return "low" if gain < 0.3 - _TIE else "high" if gain >= 0.7 - _TIE else "medium"


def matched_stats(pre: Sequence[float], post: Sequence[float], *,
                  pass_mark: float = DEFAULT_PASS_MARK,
                  sem_pre_pct: float | None = None) -> MatchedStats:
    """Gain figures for paired percent scores (same participant order in pre and post)."""
    pre_a = np.asarray(pre, dtype=float)
    post_a = np.asarray(post, dtype=float)
    n = len(pre_a)
    if n == 0:
        return MatchedStats(0, pass_mark=pass_mark,
                            notes=(_("No participant took both tests: no gain computed."),))
    notes: list[str] = []
    d = post_a - pre_a
    d[np.abs(d) < _TIE] = 0.0
    pre_mean, post_mean = float(pre_a.mean()), float(post_a.mean())
    gain = _num(d.mean())
    normalized = _num((post_mean - pre_mean) / (100 - pre_mean)) if pre_mean < 100 - _TIE else None
    if normalized is None:
        notes.append(_("Normalized gain not computed: the mean pre-test score is 100 %."))
    could = pre_a < 100 - _TIE
    individual = _num(np.mean(d[could] / (100 - pre_a[could]))) if could.any() else None
    out: dict[str, Any] = dict(
        pre_mean_pct=_num(pre_mean), post_mean_pct=_num(post_mean), mean_gain_pct=gain,
        normalized_gain=normalized, hake_band=hake_band(normalized),
        mean_individual_gain=individual, n_left_out=int((~could).sum()),
        marx_cummings_c=_marx_cummings(pre_a, post_a, d),
        improved_pct=_num((d > 0).mean() * 100), unchanged_pct=_num((d == 0).mean() * 100),
        declined_pct=_num((d < 0).mean() * 100),
        improved_of_could_pct=_num((d[could] > 0).mean() * 100) if could.any() else None,
        mastery_pre_pct=_num((pre_a >= pass_mark - _TIE).mean() * 100),
        mastery_post_pct=_num((post_a >= pass_mark - _TIE).mean() * 100))
    if n < 2:
        notes.append(_("Only one matched participant: no confidence interval or test."))
        return MatchedStats(n, pass_mark=pass_mark, notes=tuple(notes), **out)
    sd = float(d.std(ddof=1))
    out["sd_gain_pct"] = _num(sd)
    out["df"] = n - 1
    if sd <= _TIE:
        notes.append(_("Every participant changed by the same amount: no t-test, interval or "
                     "effect size."))
    else:
        out.update(_paired_t(post_a, pre_a))
        out["cohen_dz"] = _num(d.mean() / sd)
    out["p_wilcoxon"] = wilcoxon_p(post_a, pre_a, notes)
    if sem_pre_pct is not None and sem_pre_pct > 0:
        rci = d / math.sqrt(2 * sem_pre_pct ** 2)
        out["rci_improved_pct"] = _num((rci > RCI_CRITICAL).mean() * 100)
        out["rci_declined_pct"] = _num((rci < -RCI_CRITICAL).mean() * 100)
    else:
        notes.append(_("Reliable change not computed: no standard error of measurement for the "
                     "pre-test (its alpha is unavailable or not positive)."))
    return MatchedStats(n, pass_mark=pass_mark, notes=tuple(notes), **out)


def _paired_t(post: np.ndarray, pre: np.ndarray) -> dict[str, Any]:
    """Paired t-test, as ``scipy.stats.ttest_rel(post, pre)`` and its confidence_interval().

    Computed with distributions.py (Student's t in plain Python) so that scoring does not pay
    for importing scipy; tested against R's t.test on HCIprepost.
    """
    d = post - pre
    return paired_t(float(d.mean()), float(d.std(ddof=1)), len(d))


def paired_t(mean: float, sd: float, n: int) -> dict[str, Any]:
    """t, two-sided p and the 95 % CI of a mean difference from its mean, sd (n − 1) and n.

    Used on arrays (above) and on running sums (pooled.py: a portfolio of workshops).
    """
    se = sd / math.sqrt(n)
    t = mean / se
    df = n - 1
    half = stdtrit(df, 0.975) * se
    return {"t": _num(t), "p_t": _num(2 * stdtr(df, -abs(t))),
            "gain_ci95": (mean - half, mean + half)}


def _marx_cummings(pre: np.ndarray, post: np.ndarray, d: np.ndarray) -> float | None:
    keep = ~(((pre <= _TIE) & (post <= _TIE)) | ((pre >= 100 - _TIE) & (post >= 100 - _TIE)))
    if not keep.any():
        return None
    pre, d = pre[keep], d[keep]
    c = np.zeros(len(d))
    up, down = d > 0, d < 0
    c[up] = d[up] / (100 - pre[up])
    c[down] = d[down] / pre[down]
    return _num(c.mean())


def rounded_gains(d: np.ndarray) -> np.ndarray:
    """Gains rounded to 1e-9 points, so that equal point totals give equal (tied) gains.

    Percent scores carry float noise (22/40·100 = 55.00000000000001): without rounding,
    15.000000000000007 and 15.0 are ranked apart, which changes the tie correction and can
    switch scipy between its exact and normal methods. Rounding to 1e-9 keeps every real
    difference (a percentage of a test of up to 10⁶ points) and merges only the noise.
    """
    out = np.round(np.asarray(d, dtype=float), 9)
    out[np.abs(out) < _TIE] = 0.0
    return out + 0.0  # no negative zero


def wilcoxon_p(post: Sequence[float] | np.ndarray, pre: Sequence[float] | np.ndarray,
               notes: list[str] | None = None) -> float | None:
    """Wilcoxon signed-rank p, ``scipy.stats.wilcoxon(post, pre, zero_method="wilcox")``.

    Above 50 pairs scipy uses the normal approximation with tie correction; it is computed
    here with distributions.ndtr (same figures, no scipy import for big files). Both paths
    rank the gains rounded to 1e-9 (:func:`rounded_gains`), as if ranking point totals.
    """
    post_a, pre_a = np.asarray(post, dtype=float), np.asarray(pre, dtype=float)
    d = rounded_gains(post_a - pre_a)
    if not np.any(d != 0):
        if notes is not None:
            notes.append(_("Wilcoxon test not computed: no participant's score changed."))
        return None
    if len(d) > 50:
        return _wilcoxon_normal(d)
    from scipy import stats as st

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            p = _num(st.wilcoxon(d, zero_method="wilcox").pvalue)
        except ValueError:
            p = None
    if p is None and notes is not None:
        notes.append(_("Wilcoxon test not computed: too few participants whose score changed."))
    return p


def _wilcoxon_normal(d: np.ndarray) -> float | None:
    """Two-sided p of the signed-rank statistic, normal approximation, zeros dropped."""
    d = d[d != 0]
    n = len(d)
    magnitude = np.abs(d)
    order = np.argsort(magnitude, kind="stable")
    ranks = np.empty(n)
    sorted_mag = magnitude[order]
    # average ranks over ties: group equal magnitudes
    starts = np.flatnonzero(np.r_[True, sorted_mag[1:] != sorted_mag[:-1]])
    ends = np.r_[starts[1:], n]
    average = (starts + ends + 1) / 2.0  # 1-based ranks
    ranks[order] = np.repeat(average, ends - starts)
    ties = (ends - starts).astype(float)
    r_plus = float(ranks[d > 0].sum())
    mean = n * (n + 1) / 4
    var = (n * (n + 1) * (2 * n + 1) - float((ties ** 3 - ties).sum()) / 2) / 24
    if var <= 0:
        return None
    z = (r_plus - mean) / math.sqrt(var)
    return _num(2 * ndtr(-abs(z)))


def mcnemar_p(b: int, c: int) -> float:
    """Exact McNemar p on discordant pairs (b: right→wrong, c: wrong→right); 1.0 if none.

    min(1, 2·Binom(min(b, c); b + c, ½)), which is
    ``scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue`` (the binomial is symmetric).
    """
    return _mcnemar(np.array([b]), np.array([c]))[0]


def _mcnemar(b: np.ndarray, c: np.ndarray) -> list[float]:
    return [1.0 if bi + ci == 0 else min(1.0, 2 * bdtr_half(min(bi, ci), bi + ci))
            for bi, ci in zip(b.tolist(), c.tolist())]


def mcnemar_items(pre_right: Any, post_right: Any) -> list[float]:
    """Exact McNemar p per item (columns) from matched 0/1 'full credit' matrices."""
    pre_r = np.asarray(pre_right, dtype=bool)
    post_r = np.asarray(post_right, dtype=bool)
    if pre_r.ndim == 1:
        pre_r, post_r = pre_r.reshape(-1, 1), post_r.reshape(-1, 1)
    return _mcnemar((pre_r & ~post_r).sum(axis=0), (~pre_r & post_r).sum(axis=0))


def holm(pvalues: Sequence[float | None]) -> list[float | None]:
    """Holm step-down adjusted p-values (None entries kept, not counted in the family)."""
    present = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    m = len(present)
    out: list[float | None] = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(present)):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = running
    return out
