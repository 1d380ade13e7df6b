"""`workshop score` on the Kobo samples: --json equals run_scoring(...).to_dict(), XLSX written.

Needs the importer (toolkit.responses: read_key, read_responses, link_results) from the
`responses` branch.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.scoring.run import run_scoring

KOBO = "samples/kobo"


def test_score_json_parity_and_counts(data_dir, tmp_path):
    key, pre, post = (str(data_dir / KOBO / name)
                      for name in ("answer-key.csv", "pre_xml.csv", "post_xml.csv"))
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post,
                                       "--json", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = json.loads(json.dumps(run_scoring(key=key, pre=pre, post=post).to_dict(),
                                     allow_nan=False))
    assert data == expected
    assert out.exists()
    # 24 pre rows; 23 post rows of which DKR-12 twice (the later "end" counts), DKR-05 and
    # DKR-18 missed the post-test, "dkr-08" is DKR-08 typed in lower case.
    assert (data["pre"]["n"], data["post"]["n"], data["matched"]["n"]) == (24, 22, 22)
    assert data["participants"]["pre_only"] == ["DKR-05", "DKR-18"]
    assert data["participants"]["post_only"] == []
    assert data["participants"]["duplicates"] == [
        {"file": post, "row": 12, "id": "DKR-12", "kept_row": 24}]
    scores = {p["id"]: p for p in data["per_participant"]}
    # DKR-01 by hand against answer-key.csv: pre k1 k3 k5 k6 right (4/6), post k3 k4 k5 (3/6)
    assert (round(scores["DKR-01"]["pre_pct"], 9), round(scores["DKR-01"]["post_pct"], 9)) == (
        round(400 / 6, 9), 50.0)
    assert scores["DKR-12"]["post_pct"] == 100.0
    assert [item["id"] for item in data["items"]] == ["k1", "k2", "k3", "k4", "k5", "k6"]


def test_score_text_summary(data_dir):
    key, pre, post = (str(data_dir / KOBO / name)
                      for name in ("answer-key.csv", "pre_xml.csv", "post_xml.csv"))
    result = CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert "Matched: n = 22" in result.output
    assert "Pre-test only: DKR-05, DKR-18" in result.output
    # fieldtest: "p = < 0.001" read as a typo to a donor; the relation is part of the value
    assert "paired t p < 0.001, Wilcoxon p < 0.001" in result.output
    assert "= <" not in result.output


def test_score_without_tests_is_exit_1(data_dir):
    result = CliRunner().invoke(main, ["score", "--key", str(data_dir / KOBO / "answer-key.csv")])
    assert result.exit_code == 1
    assert "--pre FILE and/or --post FILE" in result.output


def test_same_export_as_pre_and_post_is_an_error(data_dir, tmp_path):
    # fieldtest: the same file twice gave "gain 0.0 points" and exit 0
    key, pre = str(data_dir / KOBO / "answer-key.csv"), data_dir / KOBO / "pre_xml.csv"
    copy = tmp_path / "pré test (copie).csv"
    copy.write_bytes(pre.read_bytes())
    for post, expected in ((str(pre), f"Error: {pre}: this file was given as both --pre and "
                            "--post, so every gain would be 0."),
                           (str(copy), f"Error: {copy} (--post) has exactly the same content "
                            f"as {pre} (--pre), so every gain would be 0.")):
        result = CliRunner().invoke(main, ["score", "--key", key, "--pre", str(pre),
                                           "--post", post])
        assert result.exit_code == 1
        assert result.output.startswith(expected)
        assert "Traceback" not in result.output


def test_swapped_pre_and_post_are_flagged(data_dir):
    key, pre, post = (str(data_dir / KOBO / name)
                      for name in ("answer-key.csv", "pre_xml.csv", "post_xml.csv"))
    result = CliRunner().invoke(main, ["score", "--key", key, "--pre", post, "--post", pre],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert ("Note: Most participants scored lower on the post-test than on the pre-test: "
            "check that --pre and --post are not swapped.") in result.output
    straight = CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post],
                                  catch_exceptions=False)
    assert "swapped" not in straight.output


def test_output_over_an_input_is_refused(data_dir, tmp_path):
    # fieldtest: `score ... -o pre.csv` replaced the pre-test export with the workbook
    pre = tmp_path / "pre.csv"
    pre.write_bytes((data_dir / KOBO / "pre_xml.csv").read_bytes())
    before = pre.read_bytes()
    key = tmp_path / "key.csv"  # copies: a regression must not overwrite tests/data
    key.write_bytes((data_dir / KOBO / "answer-key.csv").read_bytes())
    for target in (pre, key):
        result = CliRunner().invoke(main, ["score", "--key", str(key), "--pre", str(pre),
                                           "-o", str(target)])
        assert result.exit_code == 1
        assert f"Error: {target} is also an input file; it is never overwritten." in result.output
    assert pre.read_bytes() == before


def test_id_column_that_repeats_its_values_is_refused(data_dir):
    # fieldtest: --id-column org_type scored 5 "participants" and called 37 rows duplicates
    key, pre, post = (str(data_dir / KOBO / name)
                      for name in ("answer-key.csv", "pre_xml.csv", "post_xml.csv"))
    result = CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post,
                                       "--id-column", "org_type"])
    assert result.exit_code == 1
    assert result.output == (
        f'Error: {pre}: the column "org_type" given with --id-column holds only 5 different '
        "values in 24 rows (GOV, NGO, OTHER, UN, UNION), so it is not a participant code. Give "
        "the column that holds one code per participant, or leave out --id-column to let the "
        "import find it.\n")
    fine = CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post,
                                     "--id-column", "participant_code"], catch_exceptions=False)
    assert fine.exit_code == 0 and "Matched: n = 22" in fine.output


def test_summary_lists_answers_that_match_no_choice(data_dir, tmp_path):
    # fieldtest: odd answers (scored 0) were only in --json; the facilitator never saw them
    rows = (data_dir / KOBO / "post_xml.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(";")
    cells = rows[3].split(";")
    cells[header.index('"k1"')] = '"e"'
    rows[3] = ";".join(cells)
    post = tmp_path / "post.csv"
    post.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "score", "--key", str(data_dir / KOBO / "answer-key.csv"),
        "--form", str(data_dir / KOBO / "xlsform_posttest.xlsx"), "--post", str(post)],
        catch_exceptions=False)
    assert (f'Answers that match no choice (scored 0): 1\n  {post}, column "k1": "e" matches '
            "no choice of k1 (a, b, c, dk) in row 4; it scores 0.") in result.output
