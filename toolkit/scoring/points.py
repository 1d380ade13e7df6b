"""Points earned per participant and item, from the normalised answers table.

Scoring rules (the answers table is described in toolkit/responses/table.py):

* a blank answer (``None``/NaN) scores 0; an unknown answer (text starting with "?") scores 0;
* single and true-false: full points when the choice name is one of the key's answers;
* multiple: full points only for the exact set of correct choices. With ``partial_credit``
  the score is ``points × max(0, (correct chosen − wrong chosen) / number of correct)``,
  so choosing every option earns nothing and one wrong tick cancels one right tick;
* number: full points when ``|value − answer| <= tolerance`` (plus a float rounding margin
  of 1e-9 × max(1, |answer|), so 0.1 + 0.2 counts as 0.3).

Each column is scored by mapping its *distinct* values (pandas.factorize), so 20,000 rows of
the same few answers cost a few dictionary look-ups, not 20,000 Python calls.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..errors import ColumnError
from ..i18n import _
from ..model import AnswerKey, KeyItem
from ..responses.table import UNKNOWN_PREFIX

if TYPE_CHECKING:
    import pandas as pd


def item_points(answers: pd.DataFrame, key: AnswerKey, *,
                partial_credit: bool = False) -> pd.DataFrame:
    """Points earned (floats) per participant (rows) and key item (columns, in key order)."""
    import numpy as np
    import pandas as pd

    missing = [item.id for item in key.items if item.id not in answers.columns]
    if missing:
        raise ColumnError(
            _("The answers table has no column for key item(s) {values}. Check that the answer "
              "key matches the test export.").format(values=', '.join(missing)))
    out = np.zeros((len(answers), len(key.items)), dtype=float)
    for j, (item, (codes, uniques)) in enumerate(zip(key.items, factorize_answers(answers, key))):
        out[:, j] = column_points(codes, uniques, item, partial_credit=partial_credit)
    return pd.DataFrame(out, index=answers.index, columns=[item.id for item in key.items])


def factorize_answers(answers: pd.DataFrame, key: AnswerKey) -> list[tuple[Any, Any]]:
    """(codes, distinct values) of each key item's column; code -1 is a blank."""
    import pandas as pd

    return [pd.factorize(answers[item.id].to_numpy(dtype=object), use_na_sentinel=True)
            for item in key.items]


def column_points(codes: Any, uniques: Any, item: KeyItem, *,
                  partial_credit: bool = False) -> Any:
    """Points of one factorized column: each distinct answer scored once."""
    import numpy as np

    # one extra slot at the end so that code -1 (blank) picks 0 points
    table = np.array([score_answer(value, item, partial_credit=partial_credit)
                      for value in uniques] + [0.0])
    return table[codes]


def score_answer(value: Any, item: KeyItem, *, partial_credit: bool = False) -> float:
    """Points earned by one normalised answer to one key item."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0
    if isinstance(value, str) and value.startswith(UNKNOWN_PREFIX):
        return 0.0
    if item.type == "number":
        return item.points if _number_right(value, item) else 0.0
    if item.type == "multiple":
        chosen = value if isinstance(value, frozenset) else frozenset([str(value)])
        if chosen == item.answers:
            return float(item.points)
        if not partial_credit or not item.answers:
            return 0.0
        right = len(chosen & item.answers)
        wrong = len(chosen - item.answers)
        return float(item.points) * max(0.0, (right - wrong) / len(item.answers))
    if isinstance(value, frozenset):  # a multi-select cell on a single question
        return float(item.points) if len(value) == 1 and value <= item.answers else 0.0
    return float(item.points) if str(value) in item.answers else 0.0


def _number_right(value: Any, item: KeyItem) -> bool:
    try:
        given = float(value)
        target = float(next(iter(item.answers)))
    except (TypeError, ValueError, StopIteration):
        return False
    if math.isnan(given):
        return False
    margin = item.tolerance + 1e-9 * max(1.0, abs(target))
    return abs(given - target) <= margin


def full_credit(points: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """True where a participant earned the item's full points (used for McNemar)."""
    import numpy as np

    maxima = np.array([item.points for item in key.items], dtype=float)
    return points >= maxima - 1e-9
