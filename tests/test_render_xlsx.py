"""The scores workbook: sheets, ids only, neutralised text, formats."""
from __future__ import annotations

import zipfile

from openpyxl import load_workbook
from scoring_helpers import answers_from_scores, binary_key, imported, linked, person

from toolkit.errors import Problem
from toolkit.model import AnswerKey, KeyItem
from toolkit.render.xlsx import write_scores_xlsx
from toolkit.scoring.run import score_linked


def _result():
    key = binary_key(3)
    key = AnswerKey((KeyItem("=q1", "=SUM(A1)", "single", frozenset({"a"})), *key.items[1:]))
    pre_scores = {f"P{i}": i % 4 for i in range(1, 8)}
    post_scores = {f"P{i}": min(3, i % 4 + 1) for i in range(2, 9)}
    pre = answers_from_scores(pre_scores, 3).rename(columns={"q1": "=q1"})
    post = answers_from_scores(post_scores, 3).rename(columns={"q1": "=q1"})
    bad = Problem("post.csv", 9, None, "missing-identity", "-no id")
    roster = {f"P{i}": person(f"P{i}", sex="F" if i < 7 else "M") for i in range(1, 9)}
    return score_linked(linked(imported("pre.csv", key, pre),
                               imported("post.csv", key, post, rejected=(bad,)), roster))


def test_workbook_sheets_and_cells(tmp_path):
    path = write_scores_xlsx(_result(), tmp_path / "out" / "scores.xlsx")
    assert path.exists() and not list(path.parent.glob("*.part"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", "Participants", "Items", "Groups", "Rejected",
                             "Duplicates", "Unmatched"]
    people = wb["Participants"]
    assert [c.value for c in people[1]] == ["Participant id", "Pre %", "Post %",
                                            "Gain (points)"]
    assert people["A2"].value == "P1" and people["B2"].number_format == '0.0" %"'
    assert people.freeze_panes == "B2" and people["A1"].font.bold
    everything = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)
    assert "@example.org" not in everything and "FamilyP1" not in everything
    items = wb["Items"]
    # text as typed (no apostrophe), typed as strings: a string cell never runs
    assert (items["A2"].value, items["B2"].value) == ("=q1", "=SUM(A1)")
    assert wb["Rejected"]["C2"].value == "-no id"
    assert {items["A2"].data_type, items["B2"].data_type, wb["Rejected"]["C2"].data_type} == {"s"}
    with zipfile.ZipFile(path) as book:
        assert not any(b"<f>" in book.read(n) or b"<f " in book.read(n)
                       for n in book.namelist() if n.startswith("xl/worksheets/"))
    unmatched = [[c.value for c in r] for r in wb["Unmatched"].iter_rows(min_row=2)]
    assert unmatched == [["P1", "pre-test"], ["P8", "post-test"]]
    groups = [[c.value for c in r] for r in wb["Groups"].iter_rows(min_row=2)]
    # the 5 women are hidden too: beside the total they would reveal the man (issue 14.17)
    assert [(g[1], g[2], g[7]) for g in groups] == [("F", 5, "yes"), ("M", 1, "yes")]
    assert groups[1][3] is None


def test_empty_sheets_say_so(tmp_path):
    key = binary_key(2)
    result = score_linked(linked(None, imported("post.csv", key,
                                                answers_from_scores({"A": 1, "B": 2}, 2))))
    wb = load_workbook(write_scores_xlsx(result, tmp_path / "scores.xlsx"))
    assert [wb[name]["A2"].value for name in ("Groups", "Rejected", "Duplicates", "Unmatched")] == [
        "No participant list (--participants) given: no groups.", "No row was rejected.",
        "No duplicate submission.", "Only one test given."]
    summary = [c.value for c in wb["Summary"]["A"]]
    assert "Only one test was given: no gain computed." in summary
    assert "Notes" in summary


def test_summary_counts_are_integers_and_scores_percents(tmp_path):
    # fieldtest: "Participants scored" showed 24.000 and the mean score 46.528 (no %)
    summary = load_workbook(write_scores_xlsx(_result(), tmp_path / "scores.xlsx"))["Summary"]
    formats = {summary.cell(r, 1).value: (summary.cell(r, 2).number_format,
                                          summary.cell(r, 3).number_format) for r in range(2, 7)}
    assert formats == {"Participants scored": ("0", "0"),
                       "Mean score %": ('0.0" %"', '0.0" %"'),
                       "Standard deviation (points of %)": ('0.0" %"', '0.0" %"'),
                       "Median score %": ('0.0" %"', '0.0" %"'),
                       "Cronbach’s alpha": ("0.000", "0.000")}


def test_gains_are_points_not_percents(tmp_path):
    # fieldtest: "Gain (points)" showed "33.3 %", read by a donor as a 33 % relative rise
    wb = load_workbook(write_scores_xlsx(_result(), tmp_path / "scores.xlsx"))
    assert wb["Participants"]["D1"].value == "Gain (points)"
    assert wb["Participants"]["D2"].number_format == "+0.0;-0.0;0.0"
    assert wb["Groups"]["F2"].number_format == "+0.0;-0.0;0.0"
    summary = {r[0].value: r[1].number_format for r in wb["Summary"].iter_rows() if r[0].value}
    assert summary["Mean gain (points)"] == summary["95 % CI low"] == "+0.0;-0.0;0.0"
