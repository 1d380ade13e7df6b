"""ScoreResult from linked imports: the JSON contract of DESIGN.md §6, groups, edge cases."""
from __future__ import annotations

import csv
import json

import pytest
from scoring_helpers import answers_from_scores, binary_key, imported, linked, person

from toolkit.errors import ColumnError, Problem, ToolkitError
from toolkit.responses.table import Duplicate
from toolkit.scoring.run import run_scoring, score_linked

CONTRACT_TEST = {"n", "mean_pct", "sd_pct", "median_pct", "alpha"}
CONTRACT_MATCHED = {"n", "pre_mean_pct", "post_mean_pct", "mean_gain_pct", "gain_ci95",
                    "normalized_gain", "improved_pct", "unchanged_pct", "declined_pct", "t",
                    "p_t", "p_wilcoxon", "cohen_dz"}
CONTRACT_ITEM = {"id", "question", "type", "points", "pre", "post", "mcnemar_p"}
CONTRACT_GROUP = {"value", "n", "pre_mean_pct", "post_mean_pct", "mean_gain_pct", "suppressed"}


@pytest.fixture
def hci(data_dir):
    """HCIprepost as 20 one-point items: a score of s means the first s items right."""
    with open(data_dir / "reference" / "HCIprepost.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    key = binary_key(20, module_split=10)
    pre = {f"P{int(r['id']):02d}": int(r["score.pre"]) for r in rows}
    post = {f"P{int(r['id']):02d}": int(r["score.post"]) for r in rows}
    roster = {pid: person(pid, sex="F" if i % 2 else "M", country="SN" if i < 12 else "ML")
              for i, pid in enumerate(pre)}
    return linked(imported("pre.csv", key, answers_from_scores(pre, 20)),
                  imported("post.csv", key, answers_from_scores(post, 20)), roster)


def test_contract_keys_and_published_gain(hci):
    data = score_linked(hci, group_by=["sex"]).to_dict()
    json.dumps(data, allow_nan=False)
    assert data["schema"] == "workshop-toolkit/score/1"
    assert CONTRACT_TEST <= set(data["pre"]) and CONTRACT_TEST <= set(data["post"])
    assert CONTRACT_MATCHED <= set(data["matched"])
    assert {"pre_only", "post_only", "fuzzy_matches", "duplicates", "rejected"} <= set(
        data["participants"])
    assert all(CONTRACT_ITEM <= set(item) for item in data["items"])
    assert all({"n", "pct_correct", "discrimination"} <= set(item["pre"])
               for item in data["items"])
    assert all(CONTRACT_GROUP <= set(row) for row in data["groups"]["sex"])
    m = data["matched"]
    # HCIprepost published (R t.test; Martinková & Hladká 2023), CI on the 0-20 scale
    assert (round(m["t"], 4), m["df"], round(m["p_t"], 4)) == (2.9306, 15, 0.0103)
    assert [round(v / 5, 4) for v in m["gain_ci95"]] == [0.6306, 3.9944]
    assert round(m["normalized_gain"], 6) == 0.246667
    assert round(m["mean_individual_gain"], 6) == 0.234452
    assert round(m["marx_cummings_c"], 6) == 0.253110
    assert round(m["cohen_dz"], 6) == 0.732652
    assert m["n"] == 16 and data["pre"]["n"] == 16


def test_groups_counts_and_suppression(hci):
    data = score_linked(hci, group_by=["sex", "country"]).to_dict()
    sex = {row["value"]: row for row in data["groups"]["sex"]}
    assert {v: r["n"] for v, r in sex.items()} == {"F": 8, "M": 8}
    assert not sex["F"]["suppressed"] and sex["F"]["mean_gain_pct"] is not None
    country = {row["value"]: row for row in data["groups"]["country"]}
    assert country["ML"]["n"] == 4 and country["ML"]["suppressed"]
    assert (country["ML"]["pre_mean_pct"], country["ML"]["mean_gain_pct"],
            country["ML"]["improved_pct"]) == (None, None, None)


def test_unknown_group_column_is_an_error(hci):
    with pytest.raises(ColumnError, match="no column 'region'"):
        score_linked(hci, group_by=["region"])


def test_modules_and_items(hci):
    result = score_linked(hci)
    data = result.to_dict()
    assert [m["module"] for m in data["modules"]] == ["m1", "m2"]
    assert len(data["items"]) == 20
    first = data["items"][0]
    # item 1 is right for everyone with score >= 1: all 16 pre and post
    assert first["pre"]["pct_correct"] == 100.0 and first["pre"]["discrimination"] is None
    assert first["mcnemar_p"] == 1.0
    assert [p["id"] for p in data["per_participant"]][:2] == ["P01", "P02"]
    assert data["per_participant"][0] == {"id": "P01", "pre_pct": 10.0, "post_pct": 45.0,
                                          "gain": 35.0}


def test_one_test_only_has_null_matched():
    key = binary_key(4)
    one = linked(imported("post.csv", key, answers_from_scores({"A": 1, "B": 3, "C": 4}, 4)),
                 None)
    one = linked(None, one.pre)
    data = score_linked(one).to_dict()
    json.dumps(data, allow_nan=False)
    assert data["matched"] is None
    assert data["pre"] == {"n": 0, "mean_pct": None, "sd_pct": None, "median_pct": None,
                           "alpha": None}
    assert data["post"]["n"] == 3 and data["post"]["mean_pct"] == pytest.approx(200 / 3)
    assert data["items"][0]["mcnemar_p"] is None
    assert data["groups"] == {"sex": []}


@pytest.mark.parametrize("pre, post", [
    ({"A": 2}, {"A": 3}),  # n = 1
    ({"A": 2, "B": 2, "C": 2}, {"A": 2, "B": 2, "C": 2}),  # all equal
    ({"A": 4, "B": 4, "C": 3}, {"A": 4, "B": 4, "C": 4}),  # pre = 100 %
    ({"A": 0, "B": 0}, {"C": 4}),  # nobody matched
    ({}, {}),  # every row rejected
])
def test_edge_cases_serialise(pre, post):
    key = binary_key(4)
    result = score_linked(linked(imported("pre.csv", key, answers_from_scores(pre, 4)),
                                 imported("post.csv", key, answers_from_scores(post, 4))))
    json.dumps(result.to_dict(), allow_nan=False)
    assert result.notes
    assert result.to_text()


def test_rows_duplicates_and_privacy():
    key = binary_key(3)
    dup = Duplicate("post.csv", 5, "ana@example.org", 3)
    bad = Problem("post.csv", 7, None, "missing-identity", "no participant id, e-mail or name")
    pre = imported("pre.csv", key, answers_from_scores({"ana@example.org": 1}, 3),
                   match_by="email")
    post = imported("post.csv", key, answers_from_scores({"ana@example.org": 2,
                                                          "bob@example.org": 3}, 3),
                    match_by="email", rejected=(bad,), duplicates=(dup,))
    result = score_linked(linked(pre, post))
    data = result.to_dict()
    text = json.dumps(data) + result.to_text()
    assert "@" not in text
    assert data["participants"]["post_only"] == ["post.csv row 3"]
    assert data["participants"]["duplicates"] == [
        {"file": "post.csv", "row": 5, "id": "post.csv row 3", "kept_row": 3}]
    assert data["participants"]["rejected"] == [
        {"file": "post.csv", "row": 7, "reason": "no participant id, e-mail or name",
         "code": "missing-identity"}]
    assert "post.csv, row 7" in result.to_text()


def test_text_summary(hci):
    text = score_linked(hci).to_text()
    assert "Matched: n = 16, mean 53.1 % -> 64.7 %" in text
    assert "Normalized gain: 0.25 (low)" in text
    assert "Weakest items (post-test): q19 (0 %), q20 (0 %), q18 (12 %)" in text
    assert "By sex: F: n = 8" in text


def test_run_scoring_needs_a_test():
    with pytest.raises(ToolkitError, match="--pre FILE and/or --post FILE"):
        run_scoring(key="key.csv")
