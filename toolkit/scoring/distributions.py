"""Normal, Student's t and binomial (p = ½) distribution functions in plain Python (math).

Scoring needs four figures of scipy.special (ndtr, stdtr, stdtrit, bdtr); importing it costs
0.15–0.2 s (scipy.special pulls in its array-API layer), more than all the statistics of a
20,000-participant test. These give the same values as scipy to ~1e-12 relative up to tens of
thousands of degrees of freedom or pairs (the error grows like 1e-16 × df: 1e-11 at the
importer's 100,000-row limit); tests/test_scoring_distributions.py checks them against
closed forms, exact sums and scipy.

The regularized incomplete beta I_x(a, b) is the continued fraction of Numerical Recipes
(modified Lentz); its prefactor x^a (1-x)^b / (a B(a, b)) is taken in Stirling form with the
error terms of lgamma split off, so that large a and b (tens of thousands of discordant
pairs) lose no precision to cancellation.
"""
from __future__ import annotations

import math

from ..i18n import _

_LN_SQRT_2PI = 0.5 * math.log(2 * math.pi)
_TINY = 1e-300
_EPS = 1e-16
_MAX_ITER = 100_000


def ndtr(x: float) -> float:
    """Standard normal CDF at x (as scipy.special.ndtr)."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _stirlerr(z: float) -> float:
    """lgamma(z) - ((z - ½) ln z - z + ½ ln 2π): small for large z, so computed apart."""
    if z < 16.0:
        return math.lgamma(z) - ((z - 0.5) * math.log(z) - z + _LN_SQRT_2PI)
    z2 = 1.0 / (z * z)
    # the asymptotic series; at z >= 16 its next term is below 1e-17 relative
    return (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680
            - z2 / 1188)))) / z


def _log_prefactor(a: float, b: float, x: float, y: float) -> float:
    """ln(x^a y^b / B(a, b)), y = 1 - x given separately for precision."""
    s = a + b
    return (a * math.log(x * s / a) + b * math.log(y * s / b)
            + 0.5 * math.log(a * b / s) - _LN_SQRT_2PI
            + _stirlerr(s) - _stirlerr(a) - _stirlerr(b))


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction of I_x(a, b) (converges fast for x < (a + 1) / (a + b + 2))."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_ITER):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        step = d * c
        h *= step
        if abs(step - 1.0) < _EPS:
            return h
    raise ArithmeticError(_("incomplete beta did not converge (a={a}, b={b}, x={x})").format(
                              a=a, b=b, x=x))


def betainc(a: float, b: float, x: float, y: float | None = None) -> float:
    """Regularized incomplete beta I_x(a, b); ``y`` = 1 - x when known more exactly."""
    y = 1.0 - x if y is None else y
    if math.isnan(x) or math.isnan(y) or math.isnan(a) or math.isnan(b):
        return math.nan  # as scipy; the continued fraction would never converge
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - betainc(b, a, y, x)
    return math.exp(_log_prefactor(a, b, x, y)) * _beta_cf(a, b, x) / a


def stdtr(df: float, t: float) -> float:
    """Student's t CDF with ``df`` degrees of freedom at t (as scipy.special.stdtr)."""
    if t == 0.0 or math.isnan(t):
        return 0.5 if t == 0.0 else math.nan
    if math.isinf(t):
        return 0.0 if t < 0 else 1.0
    tt = t * t
    tail = 0.5 * betainc(0.5 * df, 0.5, df / (df + tt), tt / (df + tt))
    return tail if t < 0 else 1.0 - tail


def _t_density(df: float, t: float) -> float:
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_c - (df + 1) / 2 * math.log1p(t * t / df))


def stdtrit(df: float, p: float) -> float:
    """The t with stdtr(df, t) = p (as scipy.special.stdtrit), 0 < p < 1."""
    if math.isnan(p) or math.isnan(df):
        return math.nan
    if not 0.0 < p < 1.0:
        raise ValueError(_("p must be in (0, 1), not {p}").format(p=p))
    if p < 0.5:
        return -stdtrit(df, 1.0 - p)
    if p == 0.5:
        return 0.0
    q = 1.0 - p  # exact for p >= ½; the upper tail is solved for, keeping its precision
    lo, hi = 0.0, 1.0
    while stdtr(df, -hi) > q:  # bracket the root
        lo, hi = hi, hi * 2.0
    t = 0.5 * (lo + hi)
    for _step in range(200):
        f = q - stdtr(df, -t)  # increasing in t
        if f > 0:
            hi = t
        else:
            lo = t
        new = t - f / _t_density(df, t)
        if not lo < new < hi:  # Newton left the bracket: bisect instead
            new = 0.5 * (lo + hi)
        if abs(new - t) <= 4e-16 * abs(new) or hi - lo <= 4e-16 * hi:
            return new
        t = new
    return t


def bdtr_half(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, ½) (as scipy.special.bdtr(k, n, 0.5))."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return betainc(n - k, k + 1.0, 0.5, 0.5)
