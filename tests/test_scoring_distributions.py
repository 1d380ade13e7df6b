"""distributions.py against closed forms, exact binomial sums and scipy (the oracle it replaces)."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from toolkit.scoring.distributions import bdtr_half, betainc, ndtr, stdtr, stdtrit


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
