"""95 % confidence intervals for the figures a donor reads as a share or an effect.

* a share k/n (improved, mastery): Wilson's score interval (Wilson 1927; Newcombe 1998,
  method 3), which stays inside 0–100 % and is sound for small n and shares near 0 or 100;
* Cronbach's alpha: Feldt's interval (Feldt 1965; Feldt, Woodruff & Salih 1987):
  1 − (1 − alpha)·F(1 − γ/2; n − 1, (n − 1)(k − 1)) to 1 − (1 − alpha)·F(γ/2; …);
* Cohen's d_z: the exact interval through the noncentral t (Steiger & Fouladi 1997): the
  noncentrality parameters whose t distribution puts the observed t at its 97.5th and 2.5th
  percentiles, divided by √n.

Each function returns (low, high) or None when the interval cannot be computed. The F and
noncentral t quantiles come from ``distributions`` (plain Python, checked against scipy).
"""
from __future__ import annotations

import math

from .stats import _num

Z_975 = 1.959963984540054  # the standard normal quantile at 0.975


def wilson(k: int, n: int, *, z: float = Z_975) -> tuple[float, float] | None:
    """Wilson score interval of the share k/n, in percent (0–100); None when n = 0."""
    if n <= 0:
        return None
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if k <= 0 else max(0.0, centre - half)  # exact ends for 0 % and 100 %
    high = 1.0 if k >= n else min(1.0, centre + half)
    return low * 100, high * 100


def feldt_alpha(alpha: float | None, n: int, k: int,
                confidence: float = 0.95) -> tuple[float, float] | None:
    """Feldt's interval for Cronbach's alpha on n people and k items (never clipped)."""
    if alpha is None or n < 3 or k < 2:
        return None
    from .distributions import fdtri

    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - confidence) / 2
    low = 1 - (1 - alpha) * float(fdtri(df1, df2, 1 - tail))
    high = 1 - (1 - alpha) * float(fdtri(df1, df2, tail))
    lo, hi = _num(low), _num(high)
    return (lo, hi) if lo is not None and hi is not None else None


def dz_interval(dz: float | None, n: int,
                confidence: float = 0.95) -> tuple[float, float] | None:
    """Exact interval of Cohen's d_z = t/√n from the noncentral t with n − 1 df."""
    if dz is None or n < 2:
        return None
    from .distributions import nctdtrinc

    t = dz * math.sqrt(n)
    df = n - 1
    tail = (1 - confidence) / 2
    low = _num(nctdtrinc(df, 1 - tail, t))
    high = _num(nctdtrinc(df, tail, t))
    if low is None or high is None:
        return None
    return low / math.sqrt(n), high / math.sqrt(n)


def _wilson_list(k: int, n: int) -> list[float] | None:
    found = wilson(k, n)
    return list(found) if found else None


def score_intervals(pre_pct, post_pct, *, pass_mark: float, sem_pre_pct: float | None,
                    cohen_dz: float | None, alphas: dict[str, tuple[float | None, int, int]]
                    ) -> dict:
    """The ``intervals`` object of the score JSON (all 95 %, shares in percent).

    ``pre_pct``/``post_pct``: matched percent scores (same order), or None without both
    tests; ``alphas``: stage -> (alpha, n, k). Counts are given beside each share so that a
    reader sees what it is a share of.
    """
    import numpy as np

    from .gain import _TIE, RCI_CRITICAL, rounded_gains

    out: dict = {"confidence": 0.95, "method": {
        "shares": "Wilson score interval", "alpha": "Feldt (1965)",
        "cohen_dz": "noncentral t (Steiger & Fouladi 1997)"}}
    for stage in ("pre", "post"):
        alpha, n, k = alphas.get(stage, (None, 0, 0))
        out[f"alpha_{stage}_ci95"] = _as_list(feldt_alpha(alpha, n, k))
    if pre_pct is None or post_pct is None or len(pre_pct) == 0:
        return out
    pre = np.asarray(pre_pct, dtype=float)
    post = np.asarray(post_pct, dtype=float)
    d = rounded_gains(post - pre)
    n = len(d)
    could = pre < 100 - _TIE
    counts = {"n": n, "improved": int((d > 0).sum()), "could_improve": int(could.sum()),
              "improved_of_could": int((d[could] > 0).sum()),
              "mastery_pre": int((pre >= pass_mark - _TIE).sum()),
              "mastery_post": int((post >= pass_mark - _TIE).sum())}
    out["counts"] = counts
    out["improved_pct_ci95"] = _wilson_list(counts["improved"], n)
    out["improved_of_could_pct_ci95"] = _wilson_list(counts["improved_of_could"],
                                                     counts["could_improve"])
    out["mastery_pre_pct_ci95"] = _wilson_list(counts["mastery_pre"], n)
    out["mastery_post_pct_ci95"] = _wilson_list(counts["mastery_post"], n)
    if sem_pre_pct is not None and sem_pre_pct > 0:
        reliable = int((d / math.sqrt(2 * sem_pre_pct ** 2) > RCI_CRITICAL).sum())
        counts["rci_improved"] = reliable
        out["rci_improved_pct_ci95"] = _wilson_list(reliable, n)
    else:
        out["rci_improved_pct_ci95"] = None
    out["cohen_dz_ci95"] = _as_list(dz_interval(cohen_dz, n))
    return out


def _as_list(pair: tuple[float, float] | None) -> list[float] | None:
    return list(pair) if pair else None
