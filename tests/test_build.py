"""End to end: `workshop demo` builds every output, the outputs are valid and agree."""
from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from toolkit.cli import main

EXPECTED = [
    "agenda-fr.pdf", "agenda-en.pdf", "agenda.ics", "agenda.xlsx",
    "materials/fr/facilitator-guide-fr.pdf", "materials/fr/handout-fr.pdf",
    "materials/fr/sign-in-sheets.pdf", "materials/fr/badges.pdf", "materials/fr/table-tents.pdf",
    "materials/en/facilitator-guide-en.pdf", "materials/en/handout-en.pdf",
    "test-forms/pre-test-xlsform.xlsx", "test-forms/post-test-xlsform.xlsx",
    "test-forms/pre-test-paper-fr.pdf", "test-forms/pre-test-key.csv",
    "scores.xlsx", "evaluation-report-fr.pdf", "evaluation-report-en.pdf",
    "certificates.pdf", "certificate-registry.csv", "certificates/certificates.zip",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result


def test_demo_writes_every_output(demo):
    out, result = demo
    missing = [name for name in EXPECTED if not (out / name).is_file()]
    assert missing == []
    assert "Written into" in result.stdout
    assert "skipped" not in result.stdout  # the demo's files allow every output


def test_every_pdf_opens_and_has_pages(demo):
    out, _ = demo
    for pdf in out.rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf


def test_agenda_shows_the_four_days_in_both_languages(demo):
    out, _ = demo
    fr = "".join(p.extract_text() for p in PdfReader(out / "agenda-fr.pdf").pages)
    en = "".join(p.extract_text() for p in PdfReader(out / "agenda-en.pdf").pages)
    for day in ("mercredi 10 avril 2019", "jeudi 11 avril 2019", "vendredi 12 avril 2019",
                "samedi 13 avril 2019"):
        assert day in fr
    assert "Wednesday 10 April 2019" in en and "Saturday 13 April 2019" in en


def test_calendar_and_xlsform_are_valid(demo):
    from icalendar import Calendar
    from pyxform.xls2xform import convert

    out, _ = demo
    calendar = Calendar.from_ical((out / "agenda.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) > 10
    for stage in ("pre", "post"):
        convert(xlsform=str(out / "test-forms" / f"{stage}-test-xlsform.xlsx"), warnings=[],
                validate=False)


def test_scores_workbook_and_report_agree_with_score_json(demo):
    out, _ = demo
    book = load_workbook(out / "scores.xlsx", read_only=True)
    assert {"Summary", "Participants", "Items", "Groups", "Rejected", "Duplicates",
            "Unmatched"} <= set(book.sheetnames)
    score = CliRunner().invoke(main, ["score", "dakar-2019", "--json"], catch_exceptions=False)
    data = json.loads(score.stdout)
    matched = data["matched"]["n"]
    report = "".join(p.extract_text() for p in PdfReader(out / "evaluation-report-en.pdf").pages)
    assert re.search(rf"\b{matched}\b", report)
    assert f"{data['matched']['pre_mean_pct']:.1f}%" in report
    assert f"{data['matched']['post_mean_pct']:.1f}%" in report


def test_certificates_match_the_eligible_list(demo):
    out, _ = demo
    result = CliRunner().invoke(main, ["certificates", "dakar-2019", "--json",
                                       "-o", str(out / "again.pdf"),
                                       "--registry", str(out / "certificate-registry.csv")],
                                catch_exceptions=False)
    people = json.loads(result.stdout)
    eligible = people["participants"]
    awarded = {p["id"] for p in eligible if p["type"] != "none"}
    # Hand count from surveys/generate_demo.py: DKR-14 attends 4/8 half-days and DKR-30 5/8,
    # both under the 75 % threshold; everyone else gets a certificate.
    assert awarded == {f"DKR-{i:02d}" for i in range(1, 30)} - {"DKR-14"}
    with open(out / "certificate-registry.csv", encoding="utf-8-sig", newline="") as handle:
        registered = {row["participant_id"] for row in csv.DictReader(handle)}
    assert registered == awarded  # the second run issued no new code to anyone
    assert len(PdfReader(out / "certificates.pdf").pages) == len(awarded)
