"""Test and item statistics (classical test theory), on numpy arrays of points.

Conventions (docs/statistics.md): sample variances (n − 1); percent score = points / max
points × 100; Cronbach's alpha is never clipped (it may be negative) and is None when
var(T) = 0 or k < 2; the item discrimination is the item-rest Pearson correlation (Moodle's
"discrimination index" / 100); the discriminative efficiency is Moodle's 100·cov/covmax with
covmax taken from the item and rest vectors each sorted ascending.

Every figure that cannot be computed is None and a sentence in ``notes`` says why: never NaN.
Pre/post (matched) statistics live in gain.py.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..i18n import _
from ..model import KeyItem
from ..responses.table import UNKNOWN_PREFIX
from .result import DistractorRow, ItemStats, ScoreSummary

_EPS = 1e-12
NON_FUNCTIONING_PCT = 5.0


def _num(value: Any) -> float | None:
    """A finite float or None (numpy scalars and NaN in, plain floats out)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _matrix(points: Any) -> np.ndarray:
    x = np.asarray(points, dtype=float)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    return x


def cronbach_alpha(points: Any) -> float | None:
    """Cronbach's alpha (= KR-20 for 0/1 items); None when k < 2, n < 2 or var(T) = 0."""
    x = _matrix(points)
    n, k = x.shape
    if k < 2 or n < 2:
        return None
    var_total = x.sum(axis=1).var(ddof=1)
    if var_total <= _EPS:
        return None
    return _num(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / var_total))


def describe_test(points: Any, max_points: Sequence[float]) -> ScoreSummary:
    """Percent-score figures and reliability of one test (points: participants × items)."""
    x = _matrix(points)
    n, k = x.shape
    maxima = np.asarray(max_points, dtype=float).reshape(-1)
    top = float(maxima.sum())
    notes: list[str] = []
    if n == 0:
        return ScoreSummary(0, k, top, notes=(_("No participant: no figure computed."),))
    if top <= 0:
        return ScoreSummary(n, k, top, notes=(_("The test has no points to earn."),))
    total = x.sum(axis=1)
    pct = total / top * 100
    mean, median = _num(pct.mean()), _num(np.median(pct))
    sd = sd_points = alpha = sem_pct = sem_points = error_ratio = skew = kurt = None
    if n < 2:
        notes.append(_("Only one participant: no standard deviation, alpha or shape."))
    else:
        sd = _num(pct.std(ddof=1))
        sd_points = _num(total.std(ddof=1))
        alpha = cronbach_alpha(x)
        if alpha is None:
            notes.append(_("Alpha not computed: fewer than 2 items.") if k < 2 else
                         _("Alpha not computed: every participant has the same total score."))
        else:
            if alpha < 0:
                notes.append(_("Alpha is negative: the items do not measure one thing together "
                             "(or the test is too short); it is reported as computed."))
            error_ratio = _num(100 * math.sqrt(1 - alpha))
            if sd is not None and sd_points is not None:  # finite whenever alpha is
                sem_points = _num(sd_points * math.sqrt(1 - alpha))
                sem_pct = _num(sd * math.sqrt(1 - alpha))
        skew, kurt = _shape(pct, notes)
    return ScoreSummary(n, k, top, mean, sd, median, alpha, sem_pct, sem_points, error_ratio,
                     skew, kurt, tuple(notes))


def _shape(pct: np.ndarray, notes: list[str]) -> tuple[float | None, float | None]:
    """Bias-corrected skewness G1 and excess kurtosis G2 (= scipy ``bias=False``, Excel)."""
    n = len(pct)
    centred = pct - pct.mean()
    m2 = float((centred ** 2).mean())
    if m2 <= _EPS:
        notes.append(_("Skewness and kurtosis not computed: all scores are equal."))
        return None, None
    m3 = float((centred ** 3).mean())
    m4 = float((centred ** 4).mean())
    skew = kurt = None
    if n >= 3:
        skew = _num(m3 / m2 ** 1.5 * math.sqrt(n * (n - 1)) / (n - 2))
    if n >= 4:
        kurt = _num((n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * (m4 / m2 ** 2 - 3) + 6))
    if skew is None or kurt is None:
        notes.append(_("Skewness needs 3 participants and kurtosis 4."))
    return skew, kurt


def _col_dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Column-wise sum of products, without an n × k temporary."""
    return np.einsum("ij,ij->j", a, b)


def _ratio(num: float, den: float) -> float | None:
    return _num(num / den) if den > _EPS else None


def describe_items(points: Any, max_points: Sequence[float]) -> list[ItemStats]:
    """Facility, discrimination, efficiency, alpha-if-deleted of every item (columns)."""
    x = _matrix(points)
    n, k = x.shape
    maxima = np.asarray(max_points, dtype=float).reshape(-1)
    if n == 0:
        return [ItemStats(i, 0, float(maxima[i]), notes=("No participant.",)) for i in range(k)]
    total = x.sum(axis=1)
    means = x.mean(axis=0)
    if n < 2:
        return [ItemStats(i, n, float(maxima[i]), facility=_ratio(means[i] * 100, maxima[i]),
                          notes=(_("Only one participant: no spread, no correlation."),))
                for i in range(k)]
    # Two n × k temporaries only (centred items and centred rest scores), reduced with einsum:
    # each fresh n × k array costs page faults, and there were ten of them.
    x_c = x - means
    total_c = total - total.mean()
    rest_c = total_c[:, None] - x_c  # rest score R = T - X, centred
    cov_rest = _col_dot(x_c, rest_c) / (n - 1)
    var_x = _col_dot(x_c, x_c) / (n - 1)
    var_rest = _col_dot(rest_c, rest_c) / (n - 1)
    # cov(X, T) = cov(X, R) + var(X): no need for a second pass over the matrix
    cov_total = cov_rest + var_x
    var_total = np.full(k, total.var(ddof=1))
    # covmax pairs each column sorted ascending; sorting centred columns keeps them centred
    x_c.sort(axis=0)
    rest_c.sort(axis=0)
    cov_max = _col_dot(x_c, rest_c) / (n - 1)
    sum_var = var_x.sum()
    # Moodle's effective weight: sqrt(cov(X, T)) over the sum of those of the items whose
    # covariance is not negative; an item with a negative one has none.
    roots = np.sqrt(np.clip(cov_total, 0, None))
    roots_sum = roots[cov_total >= 0].sum()
    result = []
    for i in range(k):
        notes: list[str] = []
        if var_x[i] <= _EPS:
            notes.append(_("Everyone scored the same on this item: no discrimination."))
        elif var_rest[i] <= _EPS:
            notes.append(_("The rest of the test does not vary: no discrimination."))
        disc = (_ratio(cov_rest[i], math.sqrt(var_x[i] * var_rest[i]))
                if var_x[i] > _EPS and var_rest[i] > _EPS else None)
        item_total = (_ratio(cov_total[i], math.sqrt(var_x[i] * var_total[i]))
                      if var_x[i] > _EPS and var_total[i] > _EPS else None)
        efficiency = (_ratio(100 * cov_rest[i], cov_max[i])
                      if var_x[i] > _EPS and var_rest[i] > _EPS else None)
        if k - 1 >= 2 and var_rest[i] > _EPS:
            without = _num((k - 1) / (k - 2) * (1 - (sum_var - var_x[i]) / var_rest[i]))
        else:
            without = None
            notes.append(_("Alpha without this item needs 3 items and varying rest scores."))
        result.append(ItemStats(
            i, n, float(maxima[i]), facility=_ratio(means[i] * 100, maxima[i]),
            sd_pct=_ratio(math.sqrt(var_x[i]) * 100, maxima[i]), discrimination=disc,
            discriminative_efficiency=efficiency, alpha_if_deleted=without,
            item_total_r=item_total,
            effective_weight=(_ratio(100 * roots[i], roots_sum) if cov_total[i] >= 0 else None),
            covariance=_num(cov_rest[i]), mark_variance=_num(var_x[i]),
            rest_variance=_num(var_rest[i]), covariance_max=_num(cov_max[i]),
            notes=tuple(notes)))
    return result


def distractor_table(values: Sequence[Any], item: KeyItem, total: Any, rest: Any, *,
                     order: Any = None, factorized: tuple[Any, Any] | None = None
                     ) -> tuple[DistractorRow, ...]:
    """Share choosing each option (overall, by score third) and option-rest correlation."""
    import pandas as pd

    if item.type == "number":
        return ()
    total = np.asarray(total, dtype=float)
    rest = np.asarray(rest, dtype=float)
    n = len(total)
    codes, uniques = factorized or pd.factorize(np.asarray(values, dtype=object),
                                                use_na_sentinel=True)
    options = [name for name, _ in item.choices] or sorted(
        {o for u in uniques for o in (u if isinstance(u, frozenset) else [u])
         if isinstance(o, str) and not o.startswith(UNKNOWN_PREFIX)})
    for answer in sorted(item.answers):
        if answer not in options:
            options.append(answer)
    if order is None:  # participants by ascending total; pass it in when scoring many items
        order = np.argsort(total, kind="stable")
    thirds = np.array_split(np.asarray(order), 3) if n else [np.array([], int)] * 3
    rest_c = rest - rest.mean() if n else rest
    rest_ss = float((rest_c * rest_c).sum()) if n else 0.0
    # Counts per distinct answer (slot 0 = blank), then per option through a 0/1 membership
    # matrix: a few bincounts per item instead of one pass over all rows per option.
    slots = np.asarray(codes) + 1
    size = len(uniques) + 1
    overall = np.bincount(slots, minlength=size).astype(float)
    by_third = [np.bincount(slots[t], minlength=size).astype(float) for t in thirds]
    rest_by = np.bincount(slots, weights=rest_c, minlength=size) if n else np.zeros(size)
    labels = [*options, "", UNKNOWN_PREFIX]
    member = np.zeros((size, len(labels)))
    for j, u in enumerate(uniques, start=1):
        for col, option in enumerate(options):
            member[j, col] = _has(u, option)
        member[j, -1] = isinstance(u, str) and u.startswith(UNKNOWN_PREFIX)
    member[0, -2] = 1.0  # blank
    chosen = overall @ member
    third_chosen = [counts @ member for counts in by_third]
    cross = rest_by @ member
    rows = []
    for col, option in enumerate(labels):
        if option in ("", UNKNOWN_PREFIX) and not chosen[col]:
            continue
        correct = option in item.answers
        pct = _num(chosen[col] / n * 100) if n else None
        parts = [_num(tc[col] / len(t) * 100) if len(t) else None
                 for tc, t in zip(third_chosen, thirds)]
        r = None
        if n >= 2 and rest_ss > _EPS:
            p = chosen[col] / n
            share_ss = n * p * (1 - p)  # sum of squares of a centred 0/1 vector
            if share_ss > _EPS:
                r = _num(cross[col] / math.sqrt(share_ss * rest_ss))
        functioning = correct or option in ("", UNKNOWN_PREFIX) or pct is None or \
            pct >= NON_FUNCTIONING_PCT
        rows.append(DistractorRow(option, correct, pct, parts[0], parts[1], parts[2], r,
                                  not functioning))
    return tuple(rows)


def _has(value: Any, option: str) -> bool:
    if isinstance(value, frozenset):
        return option in value
    return value == option


def r_critical(n: int, confidence: float = 0.95) -> float | None:
    """The smallest |r| that a correlation over n people shows beyond chance (two-sided).

    r_crit = t / √(t² + n − 2), t the Student quantile on n − 2 df: below it (in absolute
    value) an item-rest correlation is noise, e.g. ±0.37 for n = 29. None when n < 4.
    """
    if n < 4:
        return None
    from .distributions import stdtrit

    t = stdtrit(n - 2, 1 - (1 - confidence) / 2)
    return t / math.sqrt(t * t + n - 2)
