"""Points per participant and item from the normalised answers table."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import ColumnError
from toolkit.model import AnswerKey, KeyItem
from toolkit.scoring.points import full_credit, item_points

KEY = AnswerKey((
    KeyItem("s", "s", "single", frozenset({"b"}), choices=(("a", ()), ("b", ()), ("c", ()))),
    KeyItem("tf", "tf", "true-false", frozenset({"false"})),
    KeyItem("m", "m", "multiple", frozenset({"x", "y", "z"}), points=3.0,
            choices=(("x", ()), ("y", ()), ("z", ()), ("w", ()))),
    KeyItem("n", "n", "number", frozenset({"90"}), tolerance=0.5),
))


def _answers(*rows):
    return pd.DataFrame(list(rows), columns=["s", "tf", "m", "n"],
                        index=[f"P{i}" for i in range(len(rows))], dtype=object)


@pytest.mark.parametrize("row, exact, partial", [
    (("b", "false", frozenset({"x", "y", "z"}), 90.0), [1, 1, 3, 1], [1, 1, 3, 1]),
    ((None, None, None, None), [0, 0, 0, 0], [0, 0, 0, 0]),
    (("a", "true", frozenset({"x", "y"}), 90.5), [0, 0, 0, 1], [0, 0, 2, 1]),
    (("?B.", "?vrai", frozenset({"x", "y", "w"}), 90.6), [0, 0, 0, 0], [0, 0, 1, 0]),
    (("b", "false", frozenset({"x", "w"}), 89.5), [1, 1, 0, 1], [1, 1, 0, 1]),
    (("b", "false", frozenset({"x", "y", "z", "w"}), "?quatre-vingt-dix"),
     [1, 1, 0, 0], [1, 1, 2, 0]),
    (("b", "false", frozenset(), float("nan")), [1, 1, 0, 0], [1, 1, 0, 0]),
])
def test_points_per_rule(row, exact, partial):
    answers = _answers(row)
    assert item_points(answers, KEY).iloc[0].tolist() == exact
    assert item_points(answers, KEY, partial_credit=True).iloc[0].tolist() == partial


def test_columns_in_key_order_and_index_kept():
    answers = _answers(("b", "false", None, 1.0), ("c", "true", None, None))[["n", "m", "tf", "s"]]
    points = item_points(answers, KEY)
    assert list(points.columns) == ["s", "tf", "m", "n"]
    assert list(points.index) == ["P0", "P1"]
    assert points.dtypes.unique().tolist() == [float]


def test_full_credit_needs_all_points():
    points = item_points(_answers(("b", "false", frozenset({"x", "y"}), 90.0)), KEY,
                         partial_credit=True)
    assert full_credit(points, KEY).iloc[0].tolist() == [True, True, False, True]


def test_missing_column_is_a_clear_error():
    with pytest.raises(ColumnError, match="no column for key item"):
        item_points(pd.DataFrame({"s": ["b"]}), KEY)
