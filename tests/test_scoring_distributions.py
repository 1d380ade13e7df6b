"""distributions.py against closed forms, exact binomial sums and scipy (the oracle it replaces)."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from toolkit.scoring.distributions import (
    bdtr_half,
    betainc,
    fdtri,
    nctdtr,
    nctdtrinc,
    ndtr,
    ndtri,
    stdtr,
    stdtrit,
)


@pytest.mark.parametrize("x", [-8.0, -3.0, -1.959963984540054, -0.5, 0.0, 0.3, 2.0, 6.0])
def test_ndtr_is_scipys(x):
    from scipy import special

    assert ndtr(x) == pytest.approx(float(special.ndtr(x)), rel=1e-13)


@pytest.mark.parametrize("t", [-50.0, -3.0, -1.0, -1e-6, 0.0, 0.25, 2.0, 40.0])
def test_stdtr_closed_forms(t):
    # df = 1 is Cauchy, df = 2 has F(t) = ½ + t / (2 √(2 + t²))
    assert stdtr(1, t) == pytest.approx(0.5 + math.atan(t) / math.pi, rel=1e-13)
    assert stdtr(2, t) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), rel=1e-13)


@pytest.mark.parametrize("df", [3, 5, 15, 29, 100, 999, 19_999, 100_000])
@pytest.mark.parametrize("t", [-30.0, -6.0, -2.9306, -1.0, 0.7, 2.5, 9.0])
def test_stdtr_is_scipys(df, t):
    from scipy import special

    assert stdtr(df, t) == pytest.approx(float(special.stdtr(df, t)), rel=1e-10)


@pytest.mark.parametrize("df", [1, 2, 4, 15, 30, 1_000, 19_999])
@pytest.mark.parametrize("p", [0.025, 0.6, 0.95, 0.975, 0.999, 0.9999999])
def test_stdtrit_is_scipys_and_inverts(df, p):
    from scipy import special

    t = stdtrit(df, p)
    assert t == pytest.approx(float(special.stdtrit(df, p)), rel=1e-10)
    assert stdtr(df, t) == pytest.approx(p, rel=1e-13)


def test_stdtrit_published_quantiles():
    # Student's t table, two-sided 95 %
    assert [round(stdtrit(df, 0.975), 3) for df in (1, 2, 5, 10, 30)] == [
        12.706, 4.303, 2.571, 2.228, 2.042]


@pytest.mark.parametrize("n", [1, 2, 7, 20, 48, 215, 1_000])
def test_bdtr_half_is_the_exact_sum(n):
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        exact = Fraction(sum(math.comb(n, i) for i in range(k + 1)), 2 ** n)
        assert bdtr_half(k, n) == pytest.approx(float(exact), rel=1e-12)


@pytest.mark.parametrize("k, n", [(2_500, 6_000), (19_225, 40_000), (9_990, 20_000),
                                  (4_000, 8_001)])
def test_bdtr_half_large_n_is_scipys(k, n):
    from scipy import stats

    assert bdtr_half(k, n) == pytest.approx(float(stats.binom.cdf(k, n, 0.5)), rel=1e-10)


def test_betainc_edges():
    assert betainc(2.0, 3.0, 0.0) == 0.0 and betainc(2.0, 3.0, 1.0) == 1.0
    # I_x(1, 1) = x and I_x(a, 1) = x^a
    assert betainc(1.0, 1.0, 0.3) == pytest.approx(0.3, rel=1e-14)
    assert betainc(4.0, 1.0, 0.6) == pytest.approx(0.6 ** 4, rel=1e-13)
    with pytest.raises(ValueError):
        stdtrit(5, 1.0)


def test_not_a_number_and_infinity_do_not_hang():
    assert math.isnan(stdtr(10, math.nan)) and math.isnan(betainc(2.0, 3.0, math.nan))
    assert math.isnan(stdtrit(10, math.nan))
    assert stdtr(10, -math.inf) == 0.0 and stdtr(10, math.inf) == 1.0


# ---- the F and noncentral t of the 95 % intervals (Feldt's alpha, Cohen's d_z)


@pytest.mark.parametrize("p", [1e-12, 0.001, 0.025, 0.3, 0.5, 0.975, 0.999999])
def test_ndtri_inverts_ndtr(p):
    from scipy import special

    z = ndtri(p)
    assert z == pytest.approx(float(special.ndtri(p)), rel=1e-12)
    assert ndtr(z) == pytest.approx(p, rel=1e-12)


@pytest.mark.parametrize("dfd", [1, 4, 30, 3_996, 779_961])
@pytest.mark.parametrize("p", [0.001, 0.025, 0.5, 0.975, 0.999])
def test_fdtri_closed_form_for_two_numerator_df(dfd, p):
    # F(2, d): P(F <= f) = 1 - (1 + 2f/d)^(-d/2), so f = (d/2)((1 - p)^(-2/d) - 1)
    expected = dfd / 2 * math.expm1(-2 / dfd * math.log1p(-p))
    assert fdtri(2, dfd, p) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("df", [1, 7, 999, 19_999])
def test_fdtri_median_of_equal_df_is_one(df):
    assert fdtri(df, df, 0.5) == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("dfn", [1, 4, 15, 999, 19_999])
@pytest.mark.parametrize("dfd", [2, 30, 3_996, 779_961])
@pytest.mark.parametrize("p", [1e-6, 0.025, 0.5, 0.975])
def test_fdtri_is_scipys(dfn, dfd, p):
    from scipy import special

    assert fdtri(dfn, dfd, p) == pytest.approx(float(special.fdtri(dfn, dfd, p)), rel=1e-9)


@pytest.mark.parametrize("df", [3, 15, 1_000])
@pytest.mark.parametrize("t", [-40.0, -2.0, 0.0, 0.4, 2.9306, 60.0])
def test_nctdtr_without_noncentrality_is_students_t(df, t):
    assert nctdtr(df, 0.0, t) == pytest.approx(stdtr(df, t), abs=1e-14)


@pytest.mark.parametrize("df", [3, 15, 99, 999, 19_999])
@pytest.mark.parametrize("nc", [-40.0, -3.0, -0.5, 0.7, 2.9, 10.0, 60.0, 141.0])
@pytest.mark.parametrize("t", [-50.0, -2.0, -0.3, 0.4, 2.9306, 8.0, 60.0, 141.0, 300.0])
def test_nctdtr_is_scipys(df, nc, t):
    from scipy import special

    expected = float(special.nctdtr(df, nc, t))
    if math.isnan(expected):  # scipy gives up far in the lower tail (t well below nc)
        assert t < 0 < nc and nctdtr(df, nc, t) < 1e-15
    else:
        assert nctdtr(df, nc, t) == pytest.approx(expected, abs=1e-11)


@pytest.mark.parametrize("df", [4, 15, 999, 19_999])
@pytest.mark.parametrize("t", [-30.0, -2.0, 0.5, 2.9306, 70.7, 1000.0, 5000.0])
@pytest.mark.parametrize("p", [0.025, 0.975])
def test_nctdtrinc_puts_t_at_the_quantile(df, t, p):
    from scipy import special, stats

    nc = nctdtrinc(df, p, t)
    # the definition, with scipy's distribution as the judge; scipy's own inverse stops
    # short at extreme t on few df (t = 70.7 on 4 df: 118.0395, where its cdf is 0.0249976)
    if abs(t) <= 1000:  # beyond, scipy itself answers (see nctdtrinc)
        assert float(stats.nct(df, nc).cdf(t)) == pytest.approx(p, abs=1e-9)
    assert nc == pytest.approx(float(special.nctdtrinc(df, p, t)), rel=2e-4, abs=1e-8)


def test_scoring_a_big_file_does_not_import_scipy(tmp_path):
    """Above 50 pairs nothing of the scoring needs scipy (importing scipy.special costs more
    than the statistics of 20,000 participants): checked in a fresh interpreter."""
    import subprocess
    import sys

    rows = ["participant_code,q1,q2,q3"]
    pre = [f"P{i:03d},{'a' if i % 3 else 'b'},{'b' if i % 2 else 'a'},c" for i in range(80)]
    post = [f"P{i:03d},a,{'b' if i % 5 else 'a'},{'c' if i % 4 else 'd'}" for i in range(80)]
    (tmp_path / "pre.csv").write_text("\n".join(rows + pre) + "\n", encoding="utf-8")
    (tmp_path / "post.csv").write_text("\n".join(rows + post) + "\n", encoding="utf-8")
    (tmp_path / "key.csv").write_text("question,answer,type\nq1,a,single\nq2,b,single\n"
                                      "q3,c,single\n", encoding="utf-8")
    code = ("import sys, json\n"
            "from toolkit.scoring.run import run_scoring\n"
            f"d = run_scoring(key={str(tmp_path / 'key.csv')!r}, pre={str(tmp_path / 'pre.csv')!r},"
            f" post={str(tmp_path / 'post.csv')!r}).to_dict()\n"
            "iv = d['intervals']\n"
            "print(json.dumps([d['matched']['n'], iv is not None,"
            " sorted(m for m in sys.modules if m.split('.')[0] == 'scipy')]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    import json

    n, has_intervals, scipy_modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert n == 80 and has_intervals
    assert scipy_modules == []
