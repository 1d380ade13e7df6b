"""Issue 14: figures that were silently wrong (Wilcoxon ties, Hake bands, intervals, flags).

Every figure is compared with a published value or with an independent reference
implementation (scipy) on the same data, never with a copy of our own formula.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as st

from toolkit.scoring.gain import hake_band, matched_stats, wilcoxon_p

from conftest import SHARED

SHARED_REF = SHARED / "reference-data"

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


# ---------------------------------------------------------------- 15. Hake's bands

@pytest.mark.parametrize("g, band", [(-0.05, "loss"), (0.0, "low"), (0.2999, "low"),
                                     (0.3, "medium"), (0.69999999999, "high"), (0.7, "high"),
                                     (0.71, "high"), (0.5, "medium")])
def test_hake_bands_follow_hake_1998_exactly(g, band):
    # Hake (1998): low g < 0.3; medium 0.3 <= g < 0.7; high g >= 0.7; a negative g is a loss
    assert hake_band(g) == band


def test_exactly_0_70_is_high_and_a_fall_is_a_loss():
    assert matched_stats([50, 50], [85, 85]).hake_band == "high"  # (85-50)/50 = 0.70
    assert matched_stats([50, 60, 70], [40, 50, 60]).hake_band == "loss"


# ---------------------------------------------------------------- 18. intervals

@pytest.mark.parametrize("k, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score)
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718)])
def test_wilson_interval_against_newcombe_1998(k, n, low, high):
    from toolkit.scoring.intervals import wilson

    lo, hi = wilson(k, n)
    assert (round(lo / 100, 4), round(hi / 100, 4)) == (low, high)


def test_feldt_interval_closed_form_on_the_lsat_data(data_dir):
    # LSAT (Bock & Lieberman 1970): alpha 0.2950 on 1000 people, 5 items (METHODS.md ref. 2);
    # Feldt (1965): 1 - (1 - a) F(0.975; n-1, (n-1)(k-1)) .. 1 - (1 - a) F(0.025; ...)
    import csv

    from toolkit.scoring.intervals import feldt_alpha
    from toolkit.scoring.stats import cronbach_alpha

    rows = []
    with open(SHARED_REF / "bock_table.csv", newline="") as handle:
        for r in csv.DictReader(handle):
            rows += [[int(r[f"Q{i}"]) for i in range(1, 6)]] * int(r["Ob6"])
    alpha = cronbach_alpha(rows)
    assert round(alpha, 4) == 0.2950
    lo, hi = feldt_alpha(alpha, 1000, 5)
    f = st.f(999, 999 * 4)
    assert lo == pytest.approx(1 - (1 - 0.2950) * f.ppf(0.975), abs=2e-4)
    assert hi == pytest.approx(1 - (1 - 0.2950) * f.ppf(0.025), abs=2e-4)
    assert lo < alpha < hi


def test_dz_interval_inverts_the_noncentral_t_on_hciprepost(data_dir):
    # HCIprepost: published t = 2.9306 on 15 df, d_z = 0.732652 (METHODS.md ref. 3)
    from toolkit.scoring.intervals import dz_interval

    lo, hi = dz_interval(0.732652, 16)
    t = 2.9306
    # the interval's ends are the effects under which the observed t is at 97.5 % / 2.5 %
    assert st.nct(15, lo * 4).cdf(t) == pytest.approx(0.975, abs=1e-4)
    assert st.nct(15, hi * 4).cdf(t) == pytest.approx(0.025, abs=1e-4)
    assert 0 < lo < 0.732652 < hi


def test_score_json_gains_an_intervals_object_and_keeps_the_rest():
    import json

    from click.testing import CliRunner

    from toolkit.cli import main

    result = CliRunner().invoke(main, ["score", "dakar-2019", "--json"],
                                catch_exceptions=False)
    data = json.loads(result.stdout)
    iv = data["intervals"]
    counts = iv["counts"]
    m = data["matched"]
    assert counts["improved"] / counts["n"] * 100 == pytest.approx(m["improved_pct"])
    lo, hi = iv["improved_pct_ci95"]
    assert lo < m["improved_pct"] <= hi
    lo, hi = iv["cohen_dz_ci95"]
    assert lo < m["cohen_dz"] < hi
    for stage in ("pre", "post"):
        lo, hi = iv[f"alpha_{stage}_ci95"]
        assert lo < data[stage]["alpha"] < hi


# ---------------------------------------------------------------- 17. complementary suppression

@pytest.mark.parametrize("sizes, hidden", [
    ([4, 24], [True, True]),  # 4 women: the men's row would give them away with the total
    ([14, 16], [False, False]),
    ([1, 2, 20, 30], [True, True, True, False]),  # 1 + 2 < 5 together: a third is hidden
    ([3, 8, 20], [True, True, False]),
    ([0, 12, 20], [True, False, False]),  # an empty group has nothing to hide
    ([3, 4, 20], [True, True, False]),
])
def test_suppression_hides_the_complement(sizes, hidden):
    from toolkit.scoring.breakdown import suppression

    assert suppression(sizes) == hidden


def test_group_means_cannot_be_recovered_by_subtraction():
    from toolkit.model import Participant
    from toolkit.scoring.breakdown import group_rows

    roster = {f"P{i}": Participant(id=f"P{i}", family_name=f"N{i}", given_names="A", sex="F" if i < 4 else "M")
              for i in range(24)}
    pre = {pid: 40.0 + i for i, pid in enumerate(roster)}
    post = {pid: 70.0 + (i % 3) for i, pid in enumerate(roster)}
    rows = {r.value: r for r in group_rows("sex", roster, pre, post)}
    assert rows["F"].suppressed and rows["M"].suppressed
    assert rows["M"].pre_mean_pct is None and rows["M"].n == 20  # the count stays
