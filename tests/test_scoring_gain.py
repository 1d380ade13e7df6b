"""Pre/post statistics against published values (HCIprepost, pingouin oracles)."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from toolkit.scoring.gain import (hake_band, holm, matched_stats, mcnemar_items, mcnemar_p,
                                  wilcoxon_p)


@pytest.fixture
def hci(data_dir):
    with open(data_dir / "reference" / "HCIprepost.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # scores out of 20 -> percent
    return ([float(r["score.pre"]) * 5 for r in rows], [float(r["score.post"]) * 5 for r in rows])


def test_hci_prepost_published(hci):
    pre, post = hci
    m = matched_stats(pre, post)
    lo, hi = m.gain_ci95
    got = {"t": m.t, "df": m.df, "p": m.p_t, "ci_low_0_20": lo / 5, "ci_high_0_20": hi / 5,
           "hake": m.normalized_gain, "individual": m.mean_individual_gain,
           "c": m.marx_cummings_c, "dz": m.cohen_dz}
    # R t.test prints 4 decimals; the derived figures have 6
    assert {k: round(v, 4) for k, v in got.items() if k in ("t", "p", "ci_low_0_20",
                                                            "ci_high_0_20")} == {
        "t": 2.9306, "p": 0.0103, "ci_low_0_20": 0.6306, "ci_high_0_20": 3.9944}
    assert got["df"] == 15
    assert {k: round(got[k], 6) for k in ("hake", "individual", "c", "dz")} == {
        "hake": 0.246667, "individual": 0.234452, "c": 0.253110, "dz": 0.732652}
    assert m.hake_band == "low" and m.n_left_out == 0


def test_mcnemar_pingouin_oracle():
    # [[20, 40], [8, 12]]: b = 40 (right -> wrong), c = 8 (wrong -> right)
    assert mcnemar_p(40, 8) == pytest.approx(3.3052667e-06, rel=1e-7)
    assert mcnemar_p(0, 0) == 1.0


def test_mcnemar_items_counts_discordant_pairs():
    pre = [[1]] * 20 + [[1]] * 40 + [[0]] * 8 + [[0]] * 12
    post = [[1]] * 20 + [[0]] * 40 + [[1]] * 8 + [[0]] * 12
    assert mcnemar_items(pre, post) == [pytest.approx(3.3052667e-06, rel=1e-7)]


def test_wilcoxon_pingouin_oracle():
    x = [20, 22, 19, 20, 22, 18, 24, 20, 19, 24, 26, 13]
    y = [38, 37, 33, 29, 14, 12, 20, 22, 17, 25, 26, 16]
    assert wilcoxon_p(x, y) == 0.2880859375


def test_holm_step_down():
    # Holm (1979): sorted p × (m, m-1, ...), made monotone, capped at 1
    assert holm([0.01, 0.04, 0.03, None, 0.005]) == pytest.approx(
        [0.03, 0.06, 0.06, None, 0.02])
    assert holm([0.5, 0.9]) == [1.0, 1.0]


@pytest.mark.parametrize("gain, band", [(0.29, "low"), (0.3, "medium"), (0.7, "high"),
                                        (0.71, "high"), (None, None)])
def test_hake_bands(gain, band):
    # Hake (1998): high is g >= 0.7 (this test pinned 0.7 as "medium", issue 14.15)
    assert hake_band(gain) == band


@pytest.mark.parametrize("pre, post", [
    ([50.0], [70.0]),  # n = 1
    ([50.0, 60.0, 70.0], [60.0, 70.0, 80.0]),  # identical gains: sd(d) = 0
    ([40.0, 60.0], [40.0, 60.0]),  # no change at all
    ([100.0, 100.0, 80.0], [100.0, 90.0, 100.0]),  # pre = 100 %
    ([100.0, 100.0], [100.0, 100.0]),  # mean pre 100 %
    ([0.0, 0.0, 50.0], [0.0, 50.0, 25.0]),  # pre = post = 0
    ([], []),
])
def test_edge_cases_never_nan(pre, post):
    m = matched_stats(pre, post, sem_pre_pct=None)
    json.dumps(m.to_dict(), allow_nan=False)
    if len(pre) < 2:
        assert m.t is None and m.gain_ci95 is None and m.notes


def test_pre_100_left_out_of_individual_gain():
    m = matched_stats([100.0, 100.0, 80.0], [100.0, 90.0, 100.0], sem_pre_pct=5.0)
    assert (m.n_left_out, m.mean_individual_gain) == (2, 1.0)
    # c: (100,100) dropped; (100 -> 90) = -10/100; (80 -> 100) = 20/20
    assert m.marx_cummings_c == pytest.approx((-0.1 + 1.0) / 2)
    assert m.improved_of_could_pct == 100.0
    assert m.normalized_gain == pytest.approx((96.6666666667 - 93.3333333333) / 6.6666666667)
    # RCI with SEM 5: d / sqrt(50) = 20 / 7.07 > 1.96 for one, -10/7.07 = -1.41 for none
    assert (m.rci_improved_pct, m.rci_declined_pct) == (pytest.approx(100 / 3), 0.0)


def test_all_unchanged_wilcoxon_none():
    m = matched_stats([40.0, 60.0], [40.0, 60.0])
    assert m.p_wilcoxon is None and m.t is None and m.unchanged_pct == 100.0


@pytest.mark.parametrize("n", [51, 400])
def test_wilcoxon_large_n_is_scipys_pinned_call(n):
    # Above 50 pairs the p is computed without importing scipy.stats; the oracle is the call
    # METHODS.md pins, on scores with many ties and zeros (percent of a 10-item test).
    from scipy import stats as st

    rng = np.random.default_rng(7)
    pre = rng.integers(0, 11, n) * 10.0
    post = np.clip(pre + rng.integers(-2, 4, n) * 10.0, 0, 100)
    expected = st.wilcoxon(post, pre, zero_method="wilcox").pvalue
    assert wilcoxon_p(post, pre) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("b, c", [(40, 8), (3, 3), (0, 5), (120, 95), (1, 0)])
def test_mcnemar_is_binomtest(b, c):
    from scipy import stats as st

    assert mcnemar_p(b, c) == pytest.approx(st.binomtest(min(b, c), b + c, 0.5).pvalue,
                                            rel=1e-9)
