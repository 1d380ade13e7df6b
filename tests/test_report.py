"""The evaluation report PDF: numbers as `workshop score --json` computes them, written the
local way; data protection; edge cases; determinism; embedded fonts only."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.i18n import format_number, format_pct
from toolkit.app import write_report

from conftest import DATA

KOBO = DATA / "samples" / "kobo"
REP = DATA / "report"
INPUTS = {"key": KOBO / "answer-key.csv", "pre": KOBO / "pre_xml.csv",
          "post": KOBO / "post_xml.csv", "participants": REP / "roster.csv"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d .-]{7,}\d")


def text_of(path) -> str:
    """The PDF's text with the no-break spaces made plain (French uses U+202F and U+00A0)."""
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[ \u00a0\u202f]+", " ", raw)


def plain(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


@pytest.fixture(scope="module")
def score_json() -> dict:
    args = ["score", "--key", str(INPUTS["key"]), "--pre", str(INPUTS["pre"]), "--post",
            str(INPUTS["post"]), "--participants", str(INPUTS["participants"]), "--json"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for lang in ("fr", "en"):
        paths[lang] = write_report(**INPUTS, group_by=["sex", "country"],
                                   satisfaction=REP / "satisfaction.csv",
                                   output=out / f"report-{lang}.pdf", lang=lang)
    return paths


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_numbers_equal_score_json(reports, score_json, lang):
    m = score_json["matched"]
    text = text_of(reports[lang])
    pct = lambda v: plain(format_pct(v, lang))  # noqa: E731
    expected = [
        f"{pct(m['pre_mean_pct'])} → {pct(m['post_mean_pct'])}",
        "+" + format_number(m["mean_gain_pct"], lang),
        format_number(m["normalized_gain"], lang, decimals=2),
        pct(m["improved_pct"]),
        f"{pct(m['mastery_pre_pct'])} → {pct(m['mastery_post_pct'])}",
    ]
    assert str(m["n"]) in text and all(e in text for e in expected), expected


@pytest.mark.parametrize("lang, figures", [
    # published by hand from the samples: 22 matched, 46.2 % -> 79.5 %, CI 22.4 to 44.3
    ("fr", ["46,2 % → 79,5 %", "+33,3 points (22,4 ; 44,3)", "0,62 (moyen)", "86,4 %",
            "p < 0,001 ; d = 1,35", "Chiffres clés", "Acquis (niveau 2 de Kirkpatrick)",
            "Annexe : méthode et données", "Femmes", "— (n < 5)"]),
    ("en", ["46.2% → 79.5%", "+33.3 points (22.4 to 44.3)", "0.62 (medium)", "86.4%",
            "p < 0.001; d = 1.35", "Key figures", "Learning (Kirkpatrick level 2)",
            "Annex: method and data", "Women", "— (n < 5)"]),
])
def test_report_key_figures_are_formatted_the_local_way(reports, lang, figures):
    text = text_of(reports[lang])
    assert [f for f in figures if f not in text] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_email_or_phone_anywhere_in_the_report(reports, lang):
    text = text_of(reports[lang])
    assert EMAIL.search(text) is None and PHONE.search(text) is None
    # the comments that held contact details are dropped, the others kept and escaped
    assert "Écrivez-moi" not in text and "Appelez-moi" not in text
    assert "Trop court & trop dense <vraiment>" in text


def test_report_lists_unmatched_participants_by_id(reports):
    text = text_of(reports["en"])
    assert "Pre-test only (2): DKR-05, DKR-18" in text
    assert "Duplicates (the latest submission counts) (1): DKR-12" in text


def test_report_bytes_are_identical_on_rerun(reports, tmp_path):
    again = write_report(**INPUTS, group_by=["sex", "country"],
                         satisfaction=REP / "satisfaction.csv",
                         output=tmp_path / "again.pdf", lang="fr")
    assert again.read_bytes() == reports["fr"].read_bytes()


def fonts_of(path) -> list[tuple[str, bool]]:
    """(BaseFont, embedded) for every font every page uses."""
    out = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out.append((str(font["/BaseFont"]),
                        any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return out


def test_report_uses_only_embedded_fonts_and_sets_metadata(reports):
    fonts = fonts_of(reports["fr"])
    assert fonts and all(embedded for _, embedded in fonts)
    assert b"/Helvetica" not in reports["fr"].read_bytes()
    meta = PdfReader(reports["en"]).metadata
    assert meta.title == "Evaluation report" and meta.subject and meta.author


@pytest.mark.parametrize("lang, present, absent", [
    ("fr", ["Seul le post-test a été passé (22 participants, score moyen 79,5 %)",
            "72,7 % atteignent le seuil de 70 %",
            "Aucune enquête de satisfaction n’a été fournie"],
     ["Score de chaque participant", "McNemar p"]),
    ("en", ["Only the post-test was taken (22 participants, mean score 79.5%)",
            "No satisfaction survey was given"], ["Each participant’s score"]),
])
def test_only_a_post_test_gives_per_test_figures(tmp_path, lang, present, absent):
    path = write_report(key=INPUTS["key"], post=INPUTS["post"],
                        participants=INPUTS["participants"], output=tmp_path / "r.pdf",
                        lang=lang)
    text = text_of(path)
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a in text] == []


@pytest.mark.parametrize("lang, small", [("fr", "n trop petit pour un test"),
                                          ("en", "n too small for a test")])
def test_three_matched_participants_give_descriptive_figures_only(tmp_path, lang, small):
    path = write_report(key=INPUTS["key"], pre=REP / "pre3.csv", post=REP / "post3.csv",
                        participants=INPUTS["participants"], output=tmp_path / "r.pdf",
                        lang=lang)
    text = text_of(path)
    assert small in text
    assert re.search(r"\bp [<=] ", text) is None  # no p-value anywhere
    assert "IC à 95" not in text and "95% CI" not in text
    assert "Discrim." not in text and "McNemar p" not in text


def test_a_group_of_one_person_is_suppressed(tmp_path):
    path = write_report(**{**INPUTS, "participants": REP / "roster-one-woman.csv"},
                        output=tmp_path / "r.pdf", lang="en")
    text = text_of(path)
    # issue 14.17: the men's row would give the woman's score away (total minus men)
    assert re.search(r"Women\s+1\s+— \(n < 5\)\s+Men\s+21\s+— \(hidden\)", text)
    assert "46.0%" not in text.split("Results by sex")[1].split("Groups of fewer")[0]


def test_data_values_are_escaped(tmp_path):
    from toolkit.render.pdf.report import render_report
    from toolkit.render.report import ReportData

    data = ReportData(kind="workshop", lang="en", title="Koffi & Fils <ONG>",
                      organisers=("A & B <C>",), pass_mark=70.0)
    path = tmp_path / "r.pdf"
    path.write_bytes(render_report(data))
    text = text_of(path)
    assert "Koffi & Fils <ONG>" in text and "A & B <C>" in text


def test_default_output_path_and_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["report", "--key", str(INPUTS["key"]), "--post", str(INPUTS["post"]), "--lang", "en"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.strip().replace("\\", "/") == "reports/report/evaluation-report-en.pdf"
    assert (tmp_path / "reports" / "report" / "evaluation-report-en.pdf").exists()


@pytest.mark.parametrize("args, message", [
    (["a.yaml", "b.yaml"], "Several WORKSHOPs make one report only with --portfolio."),
    (["--portfolio"], "--portfolio reads each workshop's own files"),
    (["--portfolio", "x.yaml", "--pre", "p.csv"], "without --pre"),
])
def test_cli_report_refuses_mixed_portfolio_arguments(args, message):
    result = CliRunner().invoke(main, ["report", *args])
    assert result.exit_code == 2 and message in result.output


def test_charts_are_vector_drawings_not_images(reports):
    for page in PdfReader(reports["en"]).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


@pytest.mark.parametrize("lang, lines", [
    ("fr", ["Satisfaits par sexe", "Taux net de recommandation", ": 43 (recommanderaient "
            "57,1 %, ne recommanderaient pas 14,3 %, n = 7)", "D’accord ou tout à fait d’accord"]),
    ("en", ["Satisfied by sex", "Net Promoter Score", ": 43 (recommend 57.1%, would not 14.3%, "
            "n = 7)", "Agree or strongly agree"]),
])
def test_satisfaction_section(reports, lang, lines):
    text = re.sub(r"\s+", " ", text_of(reports[lang]))
    assert [line for line in lines if line not in text] == []
    # 4 women and 3 men answered: both groups are counts only
    assert len(re.findall(r"— \(n < 5\)", text[text.find(lines[0]):])) >= 2


def test_session_ratings_from_a_repeat_group_sheet(tmp_path):
    path = write_report(key=INPUTS["key"], post=INPUTS["post"],
                        satisfaction=KOBO / "satisfaction_xml_groups.xlsx",
                        output=tmp_path / "r.pdf", lang="fr")
    text = re.sub(r"\s+", " ", text_of(path))
    assert "Appréciation de chaque séance" in text
    assert "s1 13 3,0 30,8 % s2 19 3,0 47,4 %" in text


@pytest.mark.parametrize("lang, expected", [
    # fieldtest: the note ended in a bare "26 of 26." that a donor could not read
    ("fr", "Commentaires cités : "), ("en", "Comments quoted: ")])
def test_comments_note_says_what_is_counted(reports, lang, expected):
    text = re.sub(r"\s+", " ", text_of(reports[lang]))
    assert re.search(re.escape(expected) + r"\d+ (sur|of) \d+\.", text)


def test_no_roster_gives_no_empty_group_table(tmp_path):
    # fieldtest: without --participants the score contract keeps "groups": {"sex": []} and
    # the report drew a "Results by sex" table with a header and no rows
    pdf = write_report(key=INPUTS["key"], pre=INPUTS["pre"], post=INPUTS["post"],
                       output=tmp_path / "r.pdf", lang="en")
    text = text_of(pdf)
    assert "No participant roster was given" in text
    assert "Results by sex" not in text


def _sentences(pdf) -> str:
    return re.sub(r"\s+", " ", text_of(pdf))


@pytest.mark.parametrize("lang, expected", [
    ("en", "4.2 points more (95% CI −44.0 to 52.3); the normalized gain (0.11) is low. The "
           "confidence interval includes 0: these data do not show that the scores changed."),
    ("fr", "soit 4,2 points de plus (IC à 95 % : −44,0 à 52,3) ; le gain normalisé (0,11) est "
           "faible. L’intervalle de confiance contient 0 : ces données ne permettent pas de "
           "conclure que les scores ont changé.")])
def test_a_gain_whose_interval_holds_zero_is_not_sold_as_a_gain(tmp_path, lang, expected):
    # fieldtest: "+4.2 points (-44.0 to 52.3)" was told to the donor like any other gain
    other = DATA / "samples" / "other"
    pdf = write_report(key=DATA / "keys" / "forms-quiz-key.csv",
                       pre=other / "google_forms_quiz_en.csv",
                       post=other / "google_forms_quiz_fr.csv", output=tmp_path / "r.pdf",
                       lang=lang)
    assert expected in _sentences(pdf)


def test_a_fall_is_said_as_points_less(tmp_path):
    # fieldtest: pre and post swapped gave "-33.3 points more"
    pdf = write_report(key=INPUTS["key"], pre=INPUTS["post"], post=INPUTS["pre"],
                       output=tmp_path / "r.pdf", lang="en")
    text = _sentences(pdf)
    assert "from a score of 79.5% to 46.2%, 33.3 points less (95% CI −44.3 to −22.4)" in text
    assert "points more" not in text
