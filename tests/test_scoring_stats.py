"""Test and item statistics against published values (../shared/METHODS.md, "Reference values")."""
from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from hypothesis.extra.numpy import arrays

from toolkit.model import KeyItem
from toolkit.scoring.gain import matched_stats
from toolkit.scoring.stats import (cronbach_alpha, describe_items, describe_test,
                                   distractor_table)

REF = "reference"


def _rows(data_dir, name):
    with open(data_dir / REF / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def moodle(data_dir):
    rows = _rows(data_dir, "moodle_results00.csv")
    marks = np.array([[float(r[f"slots.{s}.mark"]) for s in range(1, 8)] for r in rows])
    expected = _rows(data_dir, "moodle_qstats00.csv")
    return marks, expected


@pytest.fixture
def lsat(data_dir):
    rows = _rows(data_dir, "bock_table.csv")
    patterns = np.array([[int(r[f"Q{i}"]) for i in range(1, 6)] for r in rows])
    counts = np.array([int(r["Ob6"]) for r in rows])
    return np.repeat(patterns, counts, axis=0)


# Moodle's question maxima are 1 mark each: the marks in results00 are fractions of 1
# (0.8, 0.5, 0.3333333), and the quiz total is their sum out of 7.
MOODLE_MAX = [1.0] * 7


def test_moodle_quiz_level(moodle):
    marks, _ = moodle
    s = describe_test(marks, MOODLE_MAX)
    to_marks = 7 / 100
    got = {"mean": s.mean_pct * to_marks, "median": s.median_pct * to_marks,
           "sd": s.sd_pct * to_marks, "skewness": s.skewness, "kurtosis": s.kurtosis,
           "cic": s.alpha * 100, "error_ratio": s.error_ratio, "standard_error": s.sem_points}
    expected = {"mean": 4.617333332, "median": 4.5, "sd": 0.8117265554,
                "skewness": -0.092502502, "kurtosis": -0.7073968557, "cic": -87.2230935542,
                "error_ratio": 136.8294900795, "standard_error": 1.1106813066}
    assert got == pytest.approx(expected, rel=1e-5)


def test_moodle_negative_alpha_is_not_clipped(moodle):
    marks, _ = moodle
    assert cronbach_alpha(marks) == pytest.approx(-0.872230935542, rel=1e-5)
    assert any("negative" in note for note in describe_test(marks, MOODLE_MAX).notes)


def test_moodle_question_level(moodle):
    marks, expected = moodle
    items = describe_items(marks, MOODLE_MAX)
    got = [{"facility": it.facility / 100, "sd": it.sd_pct / 100,
            "discriminationindex": it.discrimination * 100,
            "discriminativeefficiency": it.discriminative_efficiency} for it in items]
    want = [{name: float(row[name]) for name in
             ("facility", "sd", "discriminationindex", "discriminativeefficiency")}
            for row in expected]
    assert len(got) == 7
    for g, w in zip(got, want):
        assert g == pytest.approx(w, rel=1e-5)


def test_lsat_ltm_descript(lsat):
    test = describe_test(lsat, [1] * 5)
    items = describe_items(lsat, [1] * 5)
    assert len(lsat) == 1000
    assert round(test.alpha, 4) == 0.2950
    assert [round(it.facility / 100, 3) for it in items] == [0.924, 0.709, 0.553, 0.763, 0.870]
    assert [round(it.alpha_if_deleted, 4) for it in items] == [
        0.2754, 0.2376, 0.2168, 0.2459, 0.2663]
    assert [round(it.discrimination, 4) for it in items] == [
        0.1128, 0.1532, 0.1728, 0.1444, 0.1216]
    assert [round(it.item_total_r, 4) for it in items] == [
        0.3620, 0.5668, 0.6184, 0.5344, 0.4354]


def _finite_or_none(obj):
    """Every number in a nested structure is finite; serialises without NaN."""
    json.dumps(obj, allow_nan=False)
    return True


@pytest.mark.parametrize("points, why", [
    (np.array([[1.0, 0.0, 1.0]]), "one participant"),
    (np.array([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]), "all scores equal"),
    (np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 1.0]]),
     "first item right for everyone"),
    (np.zeros((0, 3)), "nobody"),
    (np.array([[1.0], [0.0], [1.0]]), "one item"),
])
def test_edge_cases_give_none_not_nan(points, why):
    test = describe_test(points, [1.0] * points.shape[1])
    items = describe_items(points, [1.0] * points.shape[1])
    data = {"test": test.to_dict(), "items": [it.to_dict() for it in items]}
    assert _finite_or_none(data), why
    if points.shape[0] < 2 or points.shape[1] < 2 or np.ptp(points.sum(axis=1)) == 0:
        assert test.alpha is None and test.notes


def test_item_everyone_right_has_no_discrimination():
    points = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    first = describe_items(points, [1.0] * 3)[0]
    assert (first.facility, first.discrimination, first.discriminative_efficiency) == (
        100.0, None, None)
    assert first.notes


def test_distractor_table_shares_and_flags():
    item = KeyItem(id="q", question="q", type="single", answers=frozenset({"a"}),
                   choices=(("a", ()), ("b", ()), ("c", ()), ("d", ())))
    # 20 people: 10 choose the key (high scorers), 9 choose b, 1 chooses c, nobody d
    values = ["a"] * 10 + ["b"] * 9 + ["c"]
    total = np.arange(20, 0, -1, dtype=float)
    rest = total - np.array([1.0] * 10 + [0.0] * 10)
    rows = {r.option: r for r in distractor_table(values, item, total, rest)}
    assert [rows[o].pct for o in "abcd"] == [50.0, 45.0, 5.0, 0.0]
    assert [rows[o].non_functioning for o in "abcd"] == [False, False, False, True]
    assert rows["a"].option_rest_r > 0 > rows["b"].option_rest_r
    assert rows["a"].pct_high == 100.0 and rows["a"].pct_low == 0.0
    assert rows["d"].option_rest_r is None
    assert not math.isnan(rows["c"].option_rest_r)


@settings(max_examples=150, deadline=None)
@given(arrays(float, hs.tuples(hs.integers(0, 7), hs.integers(1, 5)),
              elements=hs.sampled_from([0.0, 0.5, 1.0])))
def test_any_small_matrix_serialises_without_nan(points):
    maxima = [1.0] * points.shape[1]
    data = {"test": describe_test(points, maxima).to_dict(),
            "items": [it.to_dict() for it in describe_items(points, maxima)]}
    json.dumps(data, allow_nan=False)
    pct = points.sum(axis=1) / points.shape[1] * 100
    json.dumps(matched_stats(pct, pct[::-1], sem_pre_pct=1.0).to_dict(), allow_nan=False)
