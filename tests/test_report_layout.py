"""Issue 17 point 1, "done when" for the evaluation report: the demo's reports (French and
English) checked as printed with pdfplumber: no character below 7 pt outside the footer, no
page but the last under a third full, no page ending with a heading, a cover on page 1 and the
executive summary on page 2 whose findings are the score's own figures; one language per
document; the portfolio's headings, chart labels and references."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from toolkit.app import WorkshopSession, demo_source
from toolkit.i18n import format_number, format_pct
from toolkit.i18n.typography import typeset

MM = 72 / 25.4
FOOTER = 15 * MM  # the footer band (page numbers, place and dates), from the page's bottom
HEADER = 15 * MM  # the running header band, from the page's top
LANGS = ("fr", "en")


@pytest.fixture(scope="module")
def session():
    return WorkshopSession.open(str(demo_source()))


@pytest.fixture(scope="module")
def reports(session, tmp_path_factory):
    """The demo's reports, written as `workshop demo` writes them."""
    from toolkit.render.report import write_report_pdf

    out = tmp_path_factory.mktemp("report")
    return {lang: write_report_pdf(session.report_data(lang), out / f"report-{lang}.pdf")
            for lang in LANGS}


@pytest.fixture(scope="module")
def pages(reports):
    """Per language, per page: (height, chars) with pdfplumber's char dicts."""
    found = {}
    for lang, path in reports.items():
        with pdfplumber.open(path) as pdf:
            found[lang] = [(page.height, page.chars, page.extract_text() or "")
                           for page in pdf.pages]
    return found


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.mark.parametrize("lang", LANGS)
def test_no_character_below_7_pt_outside_the_footer(pages, lang):
    small = [(number, c["text"], round(c["size"], 2))
             for number, (height, chars, _) in enumerate(pages[lang], 1) for c in chars
             if c["size"] < 6.95 and c["top"] < height - FOOTER and c["text"].strip()]
    assert small == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_but_the_last_is_under_a_third_full(pages, lang):
    for number, (height, chars, _) in enumerate(pages[lang][:-1], 1):
        tops = [c["top"] for c in chars if HEADER < c["top"] < height - FOOTER]
        used = (max(tops) - min(tops)) / (height - HEADER - FOOTER) if tops else 0
        assert used > 1 / 3, (lang, number, round(used, 2))


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_ends_with_a_heading(pages, lang):
    for number, (height, chars, _) in enumerate(pages[lang], 1):
        body = [c for c in chars if HEADER < c["top"] < height - FOOTER and c["text"].strip()]
        lowest = max(c["top"] for c in body)
        last = [c for c in body if abs(c["top"] - lowest) < 1]
        heading = all("Bold" in c["fontname"] and c["size"] >= 10.4 for c in last)
        assert not heading, (lang, number, "".join(c["text"] for c in last))


@pytest.mark.parametrize("lang, words", [
    ("fr", ("RAPPORT D’ÉVALUATION", "Dakar, Sénégal", "du 10 au 13 avril 2019", "Organisé par",
            "Avec le financement de", "Financé par l’Union européenne", "Auteur", "Version")),
    ("en", ("EVALUATION REPORT", "Dakar, Senegal", "10–13 April 2019", "Organized by",
            "With funding from", "Funded by the European Union", "Author", "Version")),
])
def test_page_1_is_a_cover(pages, session, lang, words):
    ws = session.workshop
    cover = flat(pages[lang][0][2])
    for word in words:
        assert word in cover, word
    for org in ws.organisers + ws.funders:
        assert flat(org.name.get(lang)) in cover
    assert "Page 1" not in cover  # a cover has no footer
    assert ws.report.version in cover  # the workshop file's report: version


@pytest.mark.parametrize("lang", LANGS)
def test_page_2_is_the_executive_summary_with_the_scores_own_figures(pages, session, lang):
    result = session.score()
    m = result.matched
    text = flat(pages[lang][1][2])
    title, findings, recommendations = {
        "fr": ("Synthèse", "Principaux constats", "Recommandations"),
        "en": ("Executive summary", "Key findings", "Recommendations")}[lang]
    assert text.index(title) < text.index(findings) < text.index(recommendations)

    def pct(v):
        return flat(format_pct(v, lang))

    def signed(v):
        return "+" + flat(format_number(v, lang))

    lo, hi = m.gain_ci95
    sep = " à " if lang == "fr" else " to "
    assert (f"{pct(m.pre_mean_pct)} {'à' if lang == 'fr' else 'to'} {pct(m.post_mean_pct)} "
            f"({signed(m.mean_gain_pct)} points") in text
    assert f"{signed(lo)}{sep}{signed(hi)}" in text and f"n = {m.n} " in text
    lo, hi = result.intervals["mastery_post_pct_ci95"]
    assert pct(m.mastery_post_pct) in text and pct(m.mastery_pre_pct) in text
    assert flat(format_number(lo, lang)) in text and flat(format_number(hi, lang)) in text
    sat = session.satisfaction().to_dict()["overall"]
    assert f"{pct(sat['top2_pct'])}" in text and f"n = {sat['n_valid']} " in text
    # the weakest question of the post-test, by its number
    items = result.items
    low = min(range(len(items)), key=lambda i: (items[i].post.facility, i))
    assert f"Q{low + 1} ({pct(items[low].post.facility)})" in text
    # certificates by kind, from the certificate decision
    cert = session.report_data(lang).certificates
    assert cert is not None and cert.completion + cert.participation + cert.none == 30
    assert str(cert.completion) in text and str(cert.participation) in text
    # the organisers' recommendations from the workshop file
    for rec in session.workshop.recommendations:
        assert flat(rec.get(lang))[:60] in text


def test_without_attendance_sheet_the_report_says_so(tmp_path):
    import dataclasses

    from toolkit.render.report import render_report_pdf

    s = WorkshopSession.open(str(demo_source()))
    for lang, expected in (("fr", ("Présence : aucune feuille de présence n’a été fournie.",
                                   "la présence par demi-journée n’est pas rapportée",
                                   "Aucune décision d’attestation")),
                           ("en", ("Attendance: no attendance sheet was given.",
                                   "attendance per half-day is not reported",
                                   "No certificate decision"))):
        data = dataclasses.replace(s.report_data(lang), attendance=None, certificates=None)
        path = tmp_path / f"r-{lang}.pdf"
        path.write_bytes(render_report_pdf(data))
        with pdfplumber.open(path) as pdf:
            text = flat(" ".join(p.extract_text() or "" for p in pdf.pages[:4]))
        assert [e for e in expected if e not in text] == []


@pytest.mark.parametrize("lang, header", [("fr", "Gain (points)"), ("en", "Gain (points)")])
def test_the_per_participant_chart_heads_its_gain_column_beside_the_reliability_caveat(
        pages, lang, header):
    texts = [flat(p[2]) for p in pages[lang]]
    title = "Score de chaque participant" if lang == "fr" else "Each participant’s score"
    page = next(t for t in texts if title in t)
    after = page[page.index(title):]
    assert header in after and "n = 28" in after
    caveat = "la fiabilité du test est faible" if lang == "fr" else "reliability is low"
    assert caveat in page[:page.index(title)]


def test_without_recommendations_the_summary_says_what_to_write(tmp_path):
    import dataclasses

    from toolkit.render.report import render_report_pdf

    s = WorkshopSession.open(str(demo_source()))
    for lang, expected in (("fr", "Aucune recommandation n’a encore été rédigée"),
                           ("en", "No recommendation has been written yet")):
        data = dataclasses.replace(s.report_data(lang), recommendations=())
        path = tmp_path / f"r-{lang}.pdf"
        path.write_bytes(render_report_pdf(data))
        with pdfplumber.open(path) as pdf:
            text = flat(pdf.pages[1].extract_text())
        assert expected in text and "recommendations" in text


ENGLISH_ONLY = ("Net Promoter Score", "Top-2", "d_z", "% correct", "missing-identity",
                "Overall satisfaction", "Would you recommend", "Strongly agree", "Before",
                "Question texts", "Annex", "Key figures", "met my expectations")
FRENCH_ONLY = ("Satisfaction globale", "Recommanderiez-vous", "a répondu à mes attentes",
               "Les méthodes utilisées", "Avant", "Annexe", "Synthèse", "d_z", "Top-2",
               "missing-identity")


def test_one_language_per_document(pages):
    fr = flat(" ".join(p[2] for p in pages["fr"]))
    en = flat(" ".join(p[2] for p in pages["en"]))
    # quoted comments stay as written, marked with their language when it differs
    quoted = re.compile(r"[«“][^»”]*[»”]")
    def seen(words, text):
        return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]

    assert seen(ENGLISH_ONLY, quoted.sub("", fr)) == []
    assert seen(FRENCH_ONLY, quoted.sub("", en)) == []
    assert "« I would like a follow-up workshop on referral mechanisms. » (en anglais)" in fr
    assert "“La salle était trop froide à cause de la climatisation.” (in French)" in en


@pytest.mark.parametrize("lang", LANGS)
def test_charts_label_questions_by_number_and_the_annex_gives_the_full_texts(pages, session,
                                                                            lang):
    text = flat(" ".join(p[2] for p in pages[lang]))
    items = session.score().items
    for item in items:  # never by an id like mm-q1 outside the question-text annex
        assert len(re.findall(rf"(?<![\w-]){re.escape(item.id)}(?![\w-])", text)) == 1, item.id
    ws = session.workshop
    for number, item in enumerate(items, 1):
        full = flat(typeset(ws.questions[item.id].text.get(lang), lang))
        assert f"Q{number} {full[:40]}" in text
    assert "…" not in text.replace("(programme…", "").replace("(illustrative…", "")


@pytest.mark.parametrize("lang", LANGS)
def test_the_histogram_bins_are_unambiguous_and_its_totals_are_explained(pages, lang):
    text = flat(" ".join(p[2] for p in pages[lang]))
    assert "0–9 10–19 20–29" in text and "90–100" in text and "0–10 10–20" not in text
    assert ("29 pré-tests et 29 post-tests" if lang == "fr" else "29 pre-tests and 29 post-tests"
            ) in text


@pytest.mark.parametrize("lang, words", [
    ("fr", ("Les 2 ateliers", "Lomé, Togo, du 4 au 5 mars 2024 (n = 8)", "Ateliers : 2 ateliers")),
    ("en", ("The 2 workshops", "Lomé, Togo, 4–5 March 2024 (n = 8)", "Workshops: 2 workshops"))])
def test_the_portfolio_names_workshops_by_place_and_dates_and_cites_what_it_lists(
        tmp_path, lang, words):
    from conftest import DATA

    from toolkit.app.portfolio import write_portfolio
    from toolkit.app.report import workshop_info
    from toolkit.resolve import resolve_workshop

    folder = DATA / "report" / "portfolio"
    path = write_portfolio(str(folder), output=tmp_path / f"p-{lang}.pdf", lang=lang)
    with pdfplumber.open(path) as pdf:
        texts = [flat(page.extract_text() or "") for page in pdf.pages]
        sizes = [c["size"] for page in pdf.pages for c in page.chars
                 if c["top"] < page.height - FOOTER and c["text"].strip()]
    text = " ".join(texts)
    for word in words:
        assert word in text, word
    assert "ws-a" not in text and "ws-b" not in text  # never by the workshop's id
    # a reference list of the works the text cites, no more: the portfolio cites Hake only
    refs = text[text.rindex("Références" if lang == "fr" else "References"):]
    assert "Hake, R. R. (1998)" in refs
    assert [a for a in ("Cronbach, L.", "Holm, S.", "McNemar, Q.") if a in refs] == []
    assert min(sizes) >= 6.95
    organisers = workshop_info(resolve_workshop(str(folder / "ws-a.yaml")), lang)["organisers"]
    assert all(flat(o) in texts[0] for o in organisers)
    assert len(texts) <= 3  # cover, summary with key figures, workshops and annex
    with pdfplumber.open(path) as pdf:  # no mostly-empty page
        for number, page in enumerate(pdf.pages[:-1], 1):
            tops = [c["top"] for c in page.chars if HEADER < c["top"] < page.height - FOOTER]
            assert (max(tops) - min(tops)) / (page.height - HEADER - FOOTER) > 1 / 3, number


def test_recommendations_and_report_keys_are_in_the_workshop_file_and_its_schema(tmp_path):
    from toolkit.curriculum import load_workshop
    from toolkit.curriculum_keys import schema

    props = schema("workshop")["properties"]
    assert "recommendations" in props and set(props["report"]["properties"]) == {"author",
                                                                                 "version"}
    ws = load_workshop(str(demo_source()))
    assert len(ws.recommendations) == 3
    assert all(r.has("fr") and r.has("en") for r in ws.recommendations)
    # a wrong type is reported at its line, like every other key
    text = demo_source().read_text(encoding="utf-8").replace(
        'report:\n  version: "1.0"', "report:\n  version: \"1.0\"\n  colour: blue")
    bad = tmp_path / "workshops" / "dakar-2019.yaml"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8")
    from toolkit.errors import ToolkitError

    with pytest.raises(ToolkitError, match="colour"):
        load_workshop(str(bad))


def test_logos_from_the_workshop_file_are_on_the_cover_and_the_names_still_written(tmp_path):
    import dataclasses

    from PIL import Image

    from toolkit.render.report import render_report_pdf

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (0, 90, 160)).save(logo)
    s = WorkshopSession.open(str(demo_source()))
    data = s.report_data("en")
    data = dataclasses.replace(data, organiser_logos=(str(logo), "", ""),
                               funder_logos=("", str(logo)))
    path = tmp_path / "r.pdf"
    path.write_bytes(render_report_pdf(data))
    with pdfplumber.open(path) as pdf:
        cover = pdf.pages[0]
        text = flat(cover.extract_text())
        assert len(cover.images) == 2  # the organiser's and the second funder's
        assert all(flat(name) in text for name in data.organisers + data.funders)
        assert "Funded by the European Union" in text  # the EU's own mark, drawn


def test_a_long_table_never_leaves_a_single_row_on_either_side_of_a_page_break():
    from toolkit.render.pdf.report_kit import data_table
    from toolkit.render.pdf.theme import styles

    st = styles()
    rows = [[f"row {i}", str(i)] for i in range(12)]
    for height in range(30, 260, 4):
        table = data_table(["a", "b"], rows, st, widths=[200, 100])
        table.wrap(300, 1000)
        parts = table.split(300, height)
        for part in (p for p in parts if hasattr(p, "_cellvalues")):
            assert len(part._cellvalues) - 1 >= 3, height  # header + at least 3 rows


def test_an_attendance_sheet_not_there_yet_is_reported_as_not_given(tmp_path):
    s = WorkshopSession(str(demo_source()), attendance=str(tmp_path / "attendance.xlsx"))
    data = s.report_data("en")
    assert data.attendance is None and data.certificates is None
    assert data.demographics is not None and data.demographics.n == 30


def test_cover_author_version_and_date_come_from_the_workshop_file_and_the_day(monkeypatch):
    import dataclasses

    from toolkit.app.report import workshop_info
    from toolkit.curriculum import load_workshop
    from toolkit.model import ReportInfo, Text

    ws = load_workshop(str(demo_source()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1554854400")  # 10 April 2019, 00:00 UTC
    info = workshop_info(ws, "fr")
    assert info["author"] == "" and info["version"] == "1.0"  # "" = the organisers
    assert info["generated"].replace("\u202f", " ").replace("\u00a0", " ") == "10 avril 2019"
    assert workshop_info(ws, "en")["generated"] == "10 April 2019"
    ws = dataclasses.replace(ws, report=ReportInfo(Text.of({"fr": "Équipe OIM Dakar",
                                                            "en": "IOM Dakar team"}), ""))
    assert workshop_info(ws, "en")["author"] == "IOM Dakar team"
    assert workshop_info(ws, "en")["version"] == "1"
