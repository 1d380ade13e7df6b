"""Portfolio report: several workshops, one row each, figures pooled over participants."""
from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import DATA
from toolkit.cli import main
from toolkit.app import portfolio_data
from toolkit.scoring.pooled import Sums

FOLDER = DATA / "report" / "portfolio"


def text_of(path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", raw)  # table cells come out one per line


def score(workshop) -> dict:
    result = CliRunner().invoke(main, ["score", str(workshop), "--json"],
                                catch_exceptions=False)
    return json.loads(result.stdout)["matched"]


def test_hci_prepost_pooled_sums_give_the_published_paired_t():
    # HCIprepost (Martinková & Hladká 2023): t = 2.9306, df = 15, p = 0.0103,
    # 95 % CI of the mean difference [0.6306, 3.9944] on a 20-point score.
    sums = Sums()
    with open(DATA / "reference" / "HCIprepost.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            sums.add(float(row["score.pre"]) * 5, float(row["score.post"]) * 5, 70)
    s = sums.stats()
    assert s["n"] == 16
    assert s["t"] == pytest.approx(2.9306, abs=5e-5)
    assert s["p_t"] == pytest.approx(0.0103, abs=5e-5)
    assert [v / 5 for v in s["gain_ci95"]] == pytest.approx([0.6306, 3.9944], abs=5e-5)
    assert s["normalized_gain"] == pytest.approx(0.246667, abs=1e-6)
    assert s["cohen_dz"] == pytest.approx(0.732652, abs=1e-6)


def test_portfolio_rows_and_pooled_figures_match_each_workshops_score(tmp_path):
    a, b = score(FOLDER / "ws-a.yaml"), score(FOLDER / "ws-b.yaml")
    out = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, ["report", str(FOLDER), "--portfolio", "--lang", "en",
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    text = text_of(out)
    n = a["n"] + b["n"]
    pooled_pre = (a["pre_mean_pct"] * a["n"] + b["pre_mean_pct"] * b["n"]) / n
    pooled_post = (a["post_mean_pct"] * a["n"] + b["post_mean_pct"] * b["n"]) / n
    assert "Workshop A & <test>" in text and "Workshop B" in text
    assert f"Pooled (all participants) {n} {pooled_pre:.1f}% {pooled_post:.1f}%" in text
    assert f"{a['pre_mean_pct']:.1f}% {a['post_mean_pct']:.1f}% +{a['mean_gain_pct']:.1f}" \
        in text
    assert f"{pooled_pre:.1f}% → {pooled_post:.1f}%" in text
    assert re.search(r"Results by sex Group n Mean before Mean after Gain \(points\) Improved "
                     r"Women 7 \d+\.\d% \d+\.\d% \+\d+\.\d \d+\.\d% Men 7 ", text)


def test_portfolio_keeps_summary_rows_only():
    seen = []
    data = portfolio_data([FOLDER / "ws-a.yaml", FOLDER / "ws-b.yaml"], lang="fr",
                          progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert [r.n for r in data.workshops] == [8, 6]
    assert data.score.participant_scores() == () and data.score.matched.n == 14
    assert data.title == "2 ateliers" and data.dates == "du 4 mars au 12 juin 2024"
