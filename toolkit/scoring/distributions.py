"""Normal, Student's t, F, noncentral t and binomial (p = ½) distributions in plain Python.

Scoring needs a few figures of scipy.special (ndtr, stdtr, stdtrit, bdtr, and for the 95 %
intervals fdtri and nctdtrinc); importing it costs 0.2–0.4 s (scipy.special pulls in its
array-API layer), more than all the statistics of a 20,000-participant test. These give the
same values as scipy to ~1e-12 relative up to tens of thousands of degrees of freedom or
pairs (the error grows like 1e-16 × df: 1e-11 at the importer's 100,000-row limit);
tests/test_scoring_distributions.py checks them against closed forms, exact sums and scipy.
Where scipy's own inverse of the noncentral t stops short (extreme t on few degrees of
freedom), the test judges by the definition: the CDF at the returned noncentrality.

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


def _solve(f, lo: float, hi: float, *, rel: float = 1e-14, ftol: float = 0.0,
           f_lo: float | None = None, f_hi: float | None = None) -> float:
    """The root of a continuous ``f`` with f(lo) and f(hi) of opposite signs (Illinois
    regula falsi: a secant step, halving the kept end's weight when one end is kept twice,
    so it converges superlinearly and never leaves the bracket). ``f_lo`` and ``f_hi`` are
    f(lo) and f(hi) when the caller has them; it stops when |f| <= ``ftol`` (for an f that is
    a probability: near 1e-12 the rounding of a long series is all that is left)."""
    f_lo = f(lo) if f_lo is None else f_lo
    f_hi = f(hi) if f_hi is None else f_hi
    if f_lo == 0.0:
        return lo
    if f_hi == 0.0:
        return hi
    side = 0
    for _step in range(300):
        mid = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        if not lo < mid < hi:
            mid = 0.5 * (lo + hi)
        f_mid = f(mid)
        if abs(f_mid) <= ftol or hi - lo <= rel * max(abs(lo), abs(hi), 1e-300):
            return mid
        if (f_mid > 0) == (f_hi > 0):
            hi, f_hi = mid, f_mid
            if side == 1:
                f_lo *= 0.5
            side = 1
        else:
            lo, f_lo = mid, f_mid
            if side == -1:
                f_hi *= 0.5
            side = -1
    return 0.5 * (lo + hi)


def ndtri(p: float) -> float:
    """The z with ndtr(z) = p (as scipy.special.ndtri), 0 < p < 1."""
    if not 0.0 < p < 1.0:
        raise ValueError(_("p must be in (0, 1), not {p}").format(p=p))
    if p > 0.5:
        return -ndtri(1.0 - p)
    lo = -1.0
    while ndtr(lo) > p:  # ndtr(-38) is 0: reached for any p a float can hold
        lo *= 2.0
    return _solve(lambda z: ndtr(z) - p, lo, 0.0)


def fdtri(dfn: float, dfd: float, p: float) -> float:
    """The F with P(F(dfn, dfd) <= F) = p (as scipy.special.fdtri), 0 < p < 1.

    Solves I_x(dfn/2, dfd/2) = p for x, then F = dfd x / (dfn (1 - x))."""
    if not 0.0 < p < 1.0:
        raise ValueError(_("p must be in (0, 1), not {p}").format(p=p))
    a, b = 0.5 * dfn, 0.5 * dfd
    x = _solve(lambda v: betainc(a, b, v, 1.0 - v) - p, 0.0, 1.0, rel=1e-15)
    return dfd * x / (dfn * (1.0 - x))


MAX_T = 1000.0  # nctdtrinc's own series up to here: at most 0.3 s (4 df), ~0.1 s (many df)


def nctdtr(df: float, nc: float, t: float) -> float:
    """Noncentral t CDF at t with ``df`` degrees of freedom and noncentrality ``nc`` (as
    scipy.special.nctdtr).

    Lenth's series (Applied Statistics algorithm AS 243, 1989),
    Φ(−δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)] with x = t² / (t² + ν), summed
    from the Poisson mode outwards in both directions with the incomplete-beta recurrences
    (Benton & Krishnamoorthy 2003), so that a large noncentrality (d_z √n for thousands of
    participants) neither underflows nor needs thousands of incomplete betas.
    """
    if math.isnan(t) or math.isnan(nc) or math.isnan(df):
        return math.nan
    if t < 0:
        return 1.0 - nctdtr(df, -nc, -t)
    if math.isinf(t):
        return 1.0
    if t == 0.0:
        return ndtr(-nc)
    tt = t * t
    x, y = tt / (tt + df), df / (tt + df)
    b = 0.5 * df
    lam = 0.5 * nc * nc
    mode = int(lam)
    log_lam = math.log(lam) if lam > 0 else 0.0
    p_mode = math.exp(-lam + mode * log_lam - math.lgamma(mode + 1.0))
    q_mode = (nc / math.sqrt(2.0)) * math.exp(-lam + mode * log_lam - math.lgamma(mode + 1.5))

    def g(a: float) -> float:  # I_x(a, b) - I_x(a + 1, b)
        return math.exp(_log_prefactor(a, b, x, y)) / a

    ip_mode, iq_mode = betainc(mode + 0.5, b, x, y), betainc(mode + 1.0, b, x, y)
    gp_mode, gq_mode = g(mode + 0.5), g(mode + 1.0)
    total = 0.0
    # from the mode upwards
    pj, qj, ip, iq, gp, gq = p_mode, q_mode, ip_mode, iq_mode, gp_mode, gq_mode
    j = mode
    while True:
        total += pj * ip + qj * iq
        ap, aq = j + 0.5, j + 1.0
        ip, iq = ip - gp, iq - gq
        gp *= x * (ap + b) / (ap + 1.0)
        gq *= x * (aq + b) / (aq + 1.0)
        j += 1
        pj *= lam / j
        qj *= lam / (j + 0.5)
        ratio = lam / (j + 1.0)
        if j > mode + 1 and (pj + abs(qj)) < 1e-17 * (1.0 - ratio) or j > mode + 1_000_000:
            break
    # from the mode downwards
    pj, qj, ip, iq, gp, gq = p_mode, q_mode, ip_mode, iq_mode, gp_mode, gq_mode
    j = mode
    while j > 0:
        j -= 1
        ap, aq = j + 0.5, j + 1.0
        gp *= (ap + 1.0) / (x * (ap + b))
        gq *= (aq + 1.0) / (x * (aq + b))
        ip, iq = ip + gp, iq + gq
        pj *= (j + 1.0) / lam
        qj *= (j + 1.5) / lam
        total += pj * ip + qj * iq
        if pj + abs(qj) < 1e-17 * (1.0 - j / lam):
            break
    return min(1.0, max(0.0, ndtr(-nc) + 0.5 * total))


def nctdtrinc(df: float, p: float, t: float) -> float:
    """The noncentrality δ with nctdtr(df, δ, t) = p (as scipy.special.nctdtrinc).

    The series costs about 12 δ steps; beyond |t| = MAX_T (d_z √n: d_z = 3 on 100,000 pairs is
    950, so only a test where nearly every gain is the same goes there) scipy answers instead.
    """
    if not 0.0 < p < 1.0:
        raise ValueError(_("p must be in (0, 1), not {p}").format(p=p))
    if abs(t) > MAX_T:
        from scipy.special import nctdtrinc as scipy_nctdtrinc

        return float(scipy_nctdtrinc(df, p, t))
    # the normal approximation of P(T <= t) gives the start, good to a few hundredths of its
    # spread for any df above a handful; the bracket widens until it holds the root
    spread = math.sqrt(1.0 + t * t / (2.0 * df))
    guess = t * (1.0 - 1.0 / (4.0 * df)) - ndtri(p) * spread

    def f(d: float) -> float:  # decreasing in δ
        return nctdtr(df, d, t) - p

    step = 0.05 * spread
    lo, hi = guess - step, guess + step
    f_lo, f_hi = f(lo), f(hi)
    while f_lo < 0:
        step *= 4.0
        lo, hi, f_hi = lo - step, lo, f_lo
        f_lo = f(lo)
    while f_hi > 0:
        step *= 4.0
        lo, hi, f_lo = hi, hi + step, f_hi
        f_hi = f(hi)
    return _solve(f, lo, hi, rel=1e-13, ftol=1e-12, f_lo=f_lo, f_hi=f_hi)
