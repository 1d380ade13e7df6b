"""scoring/pooled.py: a pool of one workshop gives that workshop's own matched figures."""
from __future__ import annotations

import pytest

from conftest import DATA

KOBO = DATA / "samples" / "kobo"


def test_pooled_sums_of_one_workshop_equal_its_matched_stats():
    from toolkit.scoring.pooled import POOLED_KEYS, Pool
    from toolkit.scoring.run import run_scoring

    result = run_scoring(key=KOBO / "answer-key.csv", pre=KOBO / "pre_xml.csv",
                         post=KOBO / "post_xml.csv", participants=DATA / "report" / "roster.csv")
    pool = Pool()
    pool.add(result, ["sex"], 70.0)
    pooled, own = pool.all.matched(70.0), result.matched
    assert own is not None and pooled.n == own.n == 22
    for key in POOLED_KEYS:
        a, b = getattr(pooled, key), getattr(own, key)
        if isinstance(b, tuple):
            assert a == pytest.approx(b, abs=1e-9), key
        elif isinstance(b, float):
            assert a == pytest.approx(b, abs=1e-9), key
        else:
            assert a == b, key
    # the same groups as the workshop's own table, by the same suppression rule
    own_rows = {r.value: r for r in result.groups["sex"]}
    for row in pool.group_rows("sex"):
        assert row.n == own_rows[row.value].n and row.suppressed == own_rows[row.value].suppressed
        if not row.suppressed:
            assert row.mean_gain_pct == pytest.approx(own_rows[row.value].mean_gain_pct)


def test_an_empty_pool_has_no_figures():
    from toolkit.scoring.pooled import Sums

    empty = Sums().matched()
    assert empty.n == 0 and empty.mean_gain_pct is None and empty.t is None
    one = Sums()
    one.add(40.0, 60.0, 70.0)
    assert one.matched().mean_gain_pct == 20.0 and one.matched().t is None  # no sd with n = 1
