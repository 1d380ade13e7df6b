"""write_materials: the five documents, their text, privacy, fit, fonts and determinism."""
from __future__ import annotations

import sys
import types

import pytest
from pypdf import PdfReader

from materials_data import LONG_NAME, dakar_workshop, roster
from test_agenda import font_names
from toolkit.model import Participant
from toolkit.render.materials import write_materials
from toolkit.render.pdf import badges, tents
from toolkit.render.pdf.fitting import HARD_FLOOR, fit_text
from reportlab.pdfbase.pdfmetrics import stringWidth

from toolkit.render.pdf.theme import SANS_BOLD

ORGANISERS = "Organisation internationale pour les migrations (OIM)"
ALL = ["facilitator-guide-fr.pdf", "handout-fr.pdf", "sign-in-sheets.pdf", "badges.pdf",
       "table-tents.pdf"]


def flat(path) -> str:
    """The PDF's text with every run of white space made one space (wrapped cells join)."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("materials")
    return {p.name: p for p in write_materials(dakar_workshop(), outdir=out,
                                               participants=roster())}


def test_file_names_are_fixed(written):
    assert sorted(written) == sorted(ALL)


def test_every_font_is_embedded(written):
    for name, path in written.items():
        fonts = font_names(path)
        assert fonts and all(embedded for _, embedded in fonts), (name, fonts)


def test_metadata(written):
    reader = PdfReader(written["facilitator-guide-fr.pdf"])
    assert reader.metadata.title == ("Guide de l\u2019animateur \u2014 Migrations mixtes et "
                                     "protection des migrants")
    assert reader.metadata.author == ORGANISERS  # the organisers, as on every document
    assert reader.metadata.subject == "Guide de l\u2019animateur"
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_same_input_gives_the_same_bytes(written, tmp_path):
    again = write_materials(dakar_workshop(), outdir=tmp_path, participants=roster())
    assert {p.name: p.read_bytes() for p in again} == {n: p.read_bytes()
                                                        for n, p in written.items()}


def test_guide_has_timing_steps_and_marked_answers(written):
    text = flat(written["facilitator-guide-fr.pdf"])
    for expected in ["Guide de l’animateur", "Module : Protection des migrants",
                     "Quand : Jour 1, mercredi 10 avril 2019, 10h30–12h00 · 90 min",
                     "Méthode : Étude de cas", "Animation : Awa Ndiaye",
                     "1. 10 min : présenter les trois éléments de la traite.",
                     "Messages clés", "Notes pour l’animateur",
                     "Insistez sur le consentement « sans effet ».", "Trois fiches de cas",
                     "✓ b) Le but d’exploitation — bonne réponse", "○ a) La frontière",
                     "✓ Faux — bonne réponse",
                     "Explication : Le but d’exploitation est propre à la traite.",
                     "Étude de cas : Koffi Mensah & Fils <ONG Espoir>",
                     "Animation : Ƴero Ɓaldé Ŋom"]:
        assert expected in text, expected


def test_handout_has_content_but_no_answers(written):
    text = flat(written["handout-fr.pdf"])
    for expected in ["Document du participant", "Les bases de la protection des migrants",
                     "Distinguer la traite du trafic illicite de migrants.",
                     "Le trafic est un crime contre l’État",
                     "La traite suppose un acte, un moyen et un but",
                     "Non-refoulement Interdiction de renvoyer",
                     "Source : Convention de 1951, art. 33",
                     "Convention relative au statut des réfugiés, art. 33 (1951)"]:
        assert expected in text, expected
    for secret in ["bonne réponse", "Explication", "Quel élément distingue", "Insistez"]:
        assert secret not in text


def test_sign_in_sheets(written):
    reader = PdfReader(written["sign-in-sheets.pdf"])
    # day 1 takes two pages: the last names go with the facilitators' rows
    first_day = " ".join(" ".join(p.extract_text() for p in reader.pages[:2]).split())
    assert "Jour 2" not in first_day
    for expected in ["Feuille de présence / Attendance sheet · Jour 1", "Projet MIGRAFRIQUE",
                     "Hôtel Ngor Diarama", "mercredi 10 avril 2019 / Wednesday 10 April 2019",
                     "Union européenne, Suède", "N° / No.", "Nom et prénom / Name",
                     "Sexe / Sex", "Fonction / Function", "Pays / Country",
                     "Signature matin / Signature morning",
                     "Koffi Mensah & Fils <ONG Espoir>", "ŊOM Ƴero Ɓaldé",
                     "N’écrivez ni adresse e-mail ni numéro de téléphone",
                     "Do not write any e-mail address"]:
        assert expected in first_day, expected
    # by country name, then family name; then five numbered rows for walk-ins
    order = [first_day.index(n) for n in ("DIALLO Mamadou", "TRAORÉ Aminata", "BA Oumar",
                                          "ŊOM Ƴero Ɓaldé", "KPODAR", "MENSAH Koffi")]
    assert order == sorted(order)
    text = flat(written["sign-in-sheets.pdf"])
    assert "samedi 13 avril 2019" in text and "Animateurs et animatrices / Facilitators" in text
    assert "Liste certifiée exacte par" in text
    assert "Awa Ndiaye" in text
    assert "11 Protection des données" not in text  # the notice is above the table


@pytest.mark.parametrize("name", ALL)
def test_no_email_or_phone_anywhere(written, name):
    text = flat(written[name])
    for person in roster():
        for secret in (person.email, person.phone):
            if secret:
                assert secret not in text
    assert "@" not in text


def test_badges_print_every_name_exactly(written):
    text = flat(written["badges.pdf"])
    for person in roster():
        assert f"{person.given_names} {person.family_name.upper()}" in text
        assert person.organisation.replace("'", "\u2019") in text  # French typography
    assert LONG_NAME.split(" Kpodar")[0] in text
    assert "Migrations mixtes et protection des migrants" in text


def _runs(path):
    """(page, text, x, y, a) of every text run; a < 0 for text turned upside down."""
    runs = []
    for number, page in enumerate(PdfReader(path).pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                a = cm[0] * tm[0] + cm[2] * tm[1]
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                runs.append((number, text.strip(), x, y, a))
        page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("name", ["badges.pdf", "table-tents.pdf", "sign-in-sheets.pdf"])
def test_text_starts_inside_the_page(written, name):
    width, height = PdfReader(written[name]).pages[0].mediabox.upper_right
    runs = _runs(written[name])
    assert runs
    assert all(0 <= x <= float(width) and 0 <= y <= float(height) for _, _, x, y, _ in runs)


def test_tents_show_the_name_twice_one_copy_upside_down(written):
    runs = [r for r in _runs(written["table-tents.pdf"]) if r[1] == "MENSAH"]
    assert len({r[0] for r in runs}) == 1  # both faces on one sheet
    assert sorted(a > 0 for *_, a in runs) == [False, True]
    assert len(PdfReader(written["table-tents.pdf"]).pages) == len(roster())


@pytest.mark.parametrize("person", roster() + (
    Participant("X", "Wolde" * 14, "Ab" * 40, organisation="O" * 120),), ids=lambda p: p.id)
def test_badge_and_tent_text_fits_its_box(person):
    ws = dakar_workshop()
    for blocks, width in ((badges.badge_blocks(person, ws, "fr"), badges.INNER_W),
                          (tents.tent_blocks(person, ws, "fr"), tents.INNER_W)):
        for key, fitted in blocks.items():
            assert all(w <= width + 0.01 for w in fitted.widths), (key, fitted)
    printed = badges.badge_blocks(person, ws, "fr")
    for key, source in (("family", person.family_name.upper()), ("given", person.given_names),
                        ("organisation", person.organisation)):
        assert "".join(printed[key].lines).replace(" ", "") == source.replace(" ", "")
    assert sum(f.height for f in badges.badge_blocks(person, ws, "fr").values()) < badges.BADGE_H


@pytest.mark.parametrize("text, lines, shrunk", [
    ("BA", 1, False),  # short: full size
    ("KPODAR-TCHÉDRÉSSOU", 1, True),  # just too wide: a little smaller
    ("KPODAR-TCHÉDRÉ ÉPOUSE", 1, True),  # shrinks on one line, above the floor
    ("KPODAR-TCHÉDRÉ ÉPOUSE ABALO-KOSSIVI DOSU", 2, True),  # floor reached: two lines
])
def test_fit_text_shrinks_then_wraps(text, lines, shrunk):
    fitted = fit_text(text, SANS_BOLD, 22, 13, badges.INNER_W)
    assert len(fitted.lines) == lines
    assert (fitted.size < 22) == shrunk and fitted.size >= 13
    assert " ".join(fitted.lines).replace("- ", "-") == text
    assert max(fitted.widths) <= badges.INNER_W
    # the largest size that fits: half a point more would not
    if shrunk:
        widths = [stringWidth(line, SANS_BOLD, fitted.size + 0.5) for line in fitted.lines]
        assert max(widths) > badges.INNER_W


def test_fit_text_cuts_an_unbreakable_word_rather_than_overflow():
    fitted = fit_text("W" * 80, SANS_BOLD, 22, 13, badges.INNER_W)
    assert fitted.size == HARD_FLOOR and "".join(fitted.lines) == "W" * 80
    assert max(fitted.widths) <= badges.INNER_W


def test_without_a_roster_only_blank_sheets(tmp_path):
    paths = write_materials(dakar_workshop(), outdir=tmp_path)
    assert [p.name for p in paths] == ["facilitator-guide-fr.pdf", "handout-fr.pdf",
                                       "sign-in-sheets.pdf"]
    text = flat(tmp_path / "sign-in-sheets.pdf")
    assert " 20 " in text and "MENSAH" not in text
    assert not (tmp_path / "badges.pdf").exists()


def test_english_only_when_asked(tmp_path):
    paths = write_materials(dakar_workshop(), outdir=tmp_path, lang="en", participants=roster())
    assert [p.name for p in paths][:2] == ["facilitator-guide-en.pdf", "handout-en.pdf"]
    text = flat(tmp_path / "sign-in-sheets.pdf")
    assert "Attendance sheet · Day 1" in text and "Feuille" not in text
    assert "✓ False — correct answer" in flat(tmp_path / "facilitator-guide-en.pdf")


def test_roster_file_is_read_with_read_roster(tmp_path, monkeypatch):
    import toolkit.responses as responses

    seen = []
    monkeypatch.setattr(responses, "read_roster", lambda path: seen.append(path) or roster(),
                        raising=False)
    roster_file = tmp_path / "roster.xlsx"
    # the application layer reads the roster; write_materials takes Participants only
    from toolkit.app import ScoreOptions, Session

    session = Session(dakar_workshop(), ScoreOptions(participants=str(roster_file)))
    paths = session.materials(tmp_path / "out")
    assert seen == [str(roster_file)] and len(paths) == 5
    with pytest.raises(TypeError):
        write_materials(dakar_workshop(), outdir=tmp_path / "x", participants=str(roster_file))


def test_cli_materials(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import main

    fake = types.ModuleType("toolkit.curriculum")
    fake.load_workshop = lambda ref: dakar_workshop()
    monkeypatch.setitem(sys.modules, "toolkit.curriculum", fake)
    # Documents default to the interface language when the workshop has it (French here).
    result = CliRunner().invoke(main, ["materials", "x.yaml", "-o", str(tmp_path)],
                                catch_exceptions=False, env={"WORKSHOP_LANG": "fr"})
    assert result.exit_code == 0
    assert result.output.split() == [str(tmp_path / n) for n in ALL[:3]]


def test_sign_in_order_ignores_accents_in_country_and_family_names():
    """Issue 4 (sign-in sheets sorted by country then name): Bénin before Burkina Faso."""
    from toolkit.render.pdf.signin import sort_roster

    people = (Participant("P1", "Zongo", "Issa", country="BF"),
              Participant("P2", "Houénou", "Gildas", country="BJ"),
              Participant("P3", "Agossou", "Florence", country="BJ"),
              Participant("P4", "Éla", "Marie", country="CI"),
              Participant("P5", "Yao", "Serge", country="CI"),
              Participant("P6", "Ebah", "Paul", country="CI"))
    for lang, countries in (("fr", ["Bénin", "Burkina Faso"]), ("en", ["Benin", "Burkina Faso"])):
        ordered = [p.id for p in sort_roster(people, lang)]
        assert ordered == ["P3", "P2", "P1", "P6", "P4", "P5"], (lang, countries)


def test_badges_gap_crop_marks_role_code_and_order(written):
    """Issue 17: a gap between badges, marks only at existing badges' corners, role and
    participant code on each, 8 pt at least, the sign-in sheets' order."""
    from toolkit.render.pdf.signin import sort_roster

    ws = dakar_workshop()
    x0, y0 = badges._origin(0, *badges.theme.PORTRAIT)
    x1, _ = badges._origin(1, *badges.theme.PORTRAIT)
    _, y2 = badges._origin(2, *badges.theme.PORTRAIT)
    assert x1 - (x0 + badges.BADGE_W) >= 5 * badges.mm  # a gap to cut in
    assert y0 - (y2 + badges.BADGE_H) >= 5 * badges.mm
    runs = _runs(written["badges.pdf"])
    text = " ".join(r[1] for r in runs)
    for person in roster():
        assert f"Code {person.id}" in text
    assert "PARTICIPANTE" in text and "PARTICIPANT " in text + " "
    order = [r[1] for r in runs if r[1] in {p.family_name.upper() for p in roster()}]
    assert order == [p.family_name.upper() for p in sort_roster(roster(), "fr")
                     if p.family_name.upper() in order]
    for person in roster() + (Participant("X", "Kpodar", "Ama", organisation="Association des "
                              "femmes migrantes de retour et des familles de disparus en mer "
                              "de la région de Thiès"),):
        for key, fitted in badges.badge_blocks(person, ws, "fr").items():
            if key != "title":
                assert fitted.size >= 8, (key, fitted)


def test_badge_crop_marks_only_where_badges_are():
    from reportlab.pdfgen.canvas import Canvas
    import io

    class Recorder(Canvas):
        lines: list = []

        def line(self, x1, y1, x2, y2):
            self.lines.append((x1, y1, x2, y2))

    canvas = Recorder(io.BytesIO())
    x, y = badges._origin(0, *badges.theme.PORTRAIT)
    badges.crop_marks(canvas, x, y)
    assert len(canvas.lines) == 8  # two per corner
    for x1, y1, x2, y2 in canvas.lines:  # outside the badge, within CUT + OFFSET of a corner
        assert not (x < min(x1, x2) < x + badges.BADGE_W and y < min(y1, y2) < y + badges.BADGE_H)


def test_tents_fold_line_has_no_scissors(written):
    text = flat(written["table-tents.pdf"])
    assert "\u2702" not in text and "Plier ici / Fold here" in text


def test_logos_from_the_workshop_file_on_covers_and_sheets(tmp_path):
    """Issue 17 (2): organisers' logos on the guide, handout and agenda covers and on the
    sign-in sheets; the EU, named as a funder, as its drawn emblem with the statement."""
    import dataclasses

    from PIL import Image

    from toolkit.model import Organisation, Text
    from toolkit.render.agenda import write_agenda

    logo = tmp_path / "oim.png"
    Image.new("RGB", (300, 120), (0, 90, 160)).save(logo)
    ws = dataclasses.replace(dakar_workshop(), organisers=(
        Organisation(Text.of({"fr": "OIM", "en": "IOM"}), logo=str(logo)),))
    written = {p.name: p for p in write_materials(ws, outdir=tmp_path / "m",
                                                  participants=roster())}
    [agenda] = write_agenda(ws, output=tmp_path / "agenda.pdf", lang="fr")
    for path, page in ((written["facilitator-guide-fr.pdf"], 0), (written["handout-fr.pdf"], 0),
                       (written["sign-in-sheets.pdf"], 0), (agenda, 0)):
        reader = PdfReader(path)
        assert len(reader.pages[page].images) == 1, path.name
        assert "Financé par l’Union européenne" in reader.pages[page].extract_text()
    # an organisation without a logo is named instead
    assert "Organisé par : OIM" not in flat(written["facilitator-guide-fr.pdf"])
    plain = write_materials(dakar_workshop(), outdir=tmp_path / "p")
    assert "Organisé par : Organisation internationale pour les migrations" in flat(plain[0])
