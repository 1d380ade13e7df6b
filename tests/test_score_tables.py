"""ScoreResult.tables(): the result as DataFrames, agreeing with the JSON contract."""
from __future__ import annotations

import math

import pytest

from conftest import DATA, ROOT

KOBO = DATA / "samples" / "kobo"


@pytest.fixture(scope="module")
def demo():
    from toolkit.app import Session

    result = Session.open(ROOT / "curricula" / "workshops" / "dakar-2019.yaml").score()
    return result, result.tables(), result.to_dict()


def same(a, b) -> bool:
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    return a == pytest.approx(b, rel=0, abs=0)


def test_four_tables_with_their_columns(demo):
    _, tables, _ = demo
    assert list(tables.as_dict()) == ["participants", "items", "groups", "distractors"]
    assert list(tables.participants.columns) == ["id", "pre_pct", "post_pct", "gain"]
    assert list(tables.groups.columns)[:3] == ["column", "value", "n"]
    assert {"pre_facility", "post_facility", "pre_discrimination", "mcnemar_p_holm"} <= set(
        tables.items.columns)
    assert list(tables.distractors.columns)[:4] == ["item", "stage", "option", "correct"]
    assert tables["items"] is tables.items
    with pytest.raises(KeyError):
        tables["nope"]


def test_participants_agree_with_the_contract(demo):
    _, tables, data = demo
    rows = data["per_participant"]
    assert len(tables.participants) == len(rows) == 30
    for (_, row), expected in zip(tables.participants.iterrows(), rows):
        assert row["id"] == expected["id"]
        for column in ("pre_pct", "post_pct", "gain"):
            assert same(row[column], expected[column]), (expected, column)


def test_items_agree_with_the_contract(demo):
    _, tables, data = demo
    assert len(tables.items) == len(data["items"]) == 20
    for (_, row), item in zip(tables.items.iterrows(), data["items"]):
        assert row["id"] == item["id"] and row["module"] == item["module"]
        for stage in ("pre", "post"):
            assert row[f"{stage}_n"] == item[stage]["n"]
            assert same(row[f"{stage}_facility"], item[stage]["pct_correct"])
            assert same(row[f"{stage}_discrimination"], item[stage]["discrimination"])
        assert same(row["mcnemar_p_holm"], item["mcnemar_p_holm"])


def test_groups_and_distractors_agree_with_the_contract(demo):
    _, tables, data = demo
    groups = [(column, g) for column, rows in data["groups"].items() for g in rows]
    assert len(tables.groups) == len(groups) == 2  # sex: F and M
    for (_, row), (column, g) in zip(tables.groups.iterrows(), groups):
        assert (row["column"], row["value"], row["n"]) == (column, g["value"], g["n"])
        assert same(row["mean_gain_pct"], g["mean_gain_pct"])
    expected = [(i["id"], stage, d) for i in data["items"] for stage in ("pre", "post")
                for d in i[stage]["distractors"]]
    assert len(tables.distractors) == len(expected) > 0
    for (_, row), (item, stage, d) in zip(tables.distractors.iterrows(), expected):
        assert (row["item"], row["stage"], row["option"]) == (item, stage, d["option"])
        assert bool(row["correct"]) is d["correct"] and same(row["pct"], d["pct"])


def test_one_test_alone_gives_empty_groups_and_nan_for_the_other_test():
    from toolkit.app import ScoreOptions, Session

    result = Session(options=ScoreOptions(key=str(KOBO / "answer-key.csv"),
                                          post=str(KOBO / "post_xml.csv"))).score()
    tables = result.tables()
    assert len(tables.groups) == 0 and list(tables.groups.columns)[0] == "column"
    assert tables.participants["pre_pct"].isna().all()
    assert (tables.items["pre_n"] == 0).all() and tables.items["pre_facility"].isna().all()
