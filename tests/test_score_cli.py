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


def test_score_without_tests_is_exit_1(data_dir):
    result = CliRunner().invoke(main, ["score", "--key", str(data_dir / KOBO / "answer-key.csv")])
    assert result.exit_code == 1
    assert "--pre FILE and/or --post FILE" in result.output
