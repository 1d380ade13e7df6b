"""Issue 14: figures that were silently wrong (Wilcoxon ties, Hake bands, intervals, flags).

Every figure is compared with a published value or with an independent reference
implementation (scipy) on the same data, never with a copy of our own formula.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as st

from toolkit.scoring.gain import hake_band, matched_stats, wilcoxon_p

# pingouin's docstring oracle (METHODS.md, reference 4): scipy wilcoxon(x, y) p = 0.2880859375
X = [20, 22, 19, 20, 22, 18, 24, 20, 19, 24, 26, 13]
Y = [38, 37, 33, 29, 14, 12, 20, 22, 17, 25, 26, 16]


@pytest.mark.parametrize("items", [40, 80, 100])
def test_wilcoxon_percent_scores_keep_the_published_p(items):
    # 22/40*100 = 55.00000000000001: float noise must not split the ties of the raw scores
    x = [v / items * 100 for v in X]
    y = [v / items * 100 for v in Y]
    assert wilcoxon_p(x, y) == pytest.approx(0.2880859375, rel=1e-9)


def _rounded_scipy(post, pre):
    d = np.round(np.asarray(post) - np.asarray(pre), 9)
    return st.wilcoxon(d, zero_method="wilcox").pvalue


@pytest.mark.parametrize("items", [6, 7, 40])
@pytest.mark.parametrize("n", [12, 30, 49, 60, 200])
def test_wilcoxon_percentages_of_k_items_match_scipy_on_rounded_gains(items, n):
    rng = np.random.default_rng(items * 1000 + n)
    pre_pts = rng.integers(0, items + 1, n)
    post_pts = np.clip(pre_pts + rng.integers(-2, 4, n), 0, items)
    pre, post = pre_pts / items * 100, post_pts / items * 100
    # the same p as on point totals (a percentage is a rescaling)
    expected = _rounded_scipy(post, pre)
    assert expected == pytest.approx(st.wilcoxon(post_pts - pre_pts, zero_method="wilcox").pvalue,
                                     rel=1e-12)
    got = wilcoxon_p(post, pre)
    assert got == pytest.approx(expected, rel=1e-9)
    assert matched_stats(pre, post).p_wilcoxon == pytest.approx(expected, rel=1e-9)
