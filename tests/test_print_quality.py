"""Issue 17, "done when" for the materials: the bundled Dakar example's agenda, guides,
handouts, sign-in sheets, badges, table tents and paper tests (both languages), checked in
the PDFs as printed: no character below 7 pt outside the footer, no page but the last under
a third full, no page ending with a heading, metadata tagged the same way everywhere."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.app import demo_source
from toolkit.curriculum import load_workshop

MM = 72 / 25.4
FOOTER = 15 * MM  # the footer band (page numbers, place and dates)
HEADER = 15 * MM
FLOWING = ("agenda", "facilitator-guide", "handout", "sign-in-sheets", "test-paper")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict[str, Path]:
    from toolkit.render.agenda import write_agenda
    from toolkit.render.materials import write_materials
    from toolkit.render.testform import write_test_form
    from toolkit.responses import read_roster

    ws = load_workshop(str(demo_source()))
    out = tmp_path_factory.mktemp("print")
    paths: list[Path] = []
    for lang in ws.languages:
        paths += write_agenda(ws, output=out / f"agenda-{lang}.pdf", lang=lang)
        paths += write_materials(ws, outdir=out / lang, lang=lang,
                                 participants=read_roster(ws.files.participants))
        for stage in ("pre", "post"):
            paths += write_test_form(ws, stage=stage, lang=lang,
                                     pdf=out / f"{stage}-test-paper-{lang}.pdf")
    return {f"{p.parent.name}/{p.name}": p for p in paths if p.suffix == ".pdf"}


def runs(path: Path) -> list[list[tuple]]:
    """Per page: (text, x, y, size, font) of every text run, in device space."""
    pages = []
    for page in PdfReader(path).pages:
        found: list[tuple] = []

        def visit(text, cm, tm, font, size, found=found):
            if not text.strip():
                return
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append((text.strip(), x, y, size * math.hypot(c, d), name))
        page.extract_text(visitor_text=visit)
        pages.append((float(page.mediabox.height), found))
    return pages


def test_the_demo_materials_are_all_there(demo):
    names = {name.split("/")[-1] for name in demo}
    for expected in ("agenda-fr.pdf", "agenda-en.pdf", "facilitator-guide-fr.pdf",
                     "facilitator-guide-en.pdf", "handout-fr.pdf", "handout-en.pdf",
                     "sign-in-sheets.pdf", "badges.pdf", "table-tents.pdf",
                     "pre-test-paper-fr.pdf", "pre-test-paper-en.pdf", "post-test-paper-en.pdf"):
        assert expected in names, expected


def test_no_character_below_7_pt_outside_the_footer(demo):
    small = []
    for name, path in demo.items():
        for number, (_, found) in enumerate(runs(path), start=1):
            small += [(name, number, text, round(size, 2)) for text, _, y, size, _ in found
                      if size < 6.95 and y > FOOTER]
    assert small == []


@pytest.mark.parametrize("kind", FLOWING)
def test_no_page_but_the_last_is_under_a_third_full(demo, kind):
    checked = 0
    for name, path in demo.items():
        if kind not in name:
            continue
        pages = runs(path)
        for number, (height, found) in enumerate(pages[:-1], start=1):
            ys = [y for _, _, y, _, _ in found if FOOTER < y < height - HEADER]
            used = (max(ys) - min(ys)) / (height - HEADER - FOOTER) if ys else 0
            assert used > 1 / 3, (name, number, round(used, 2))
            checked += 1
    assert checked


@pytest.mark.parametrize("kind", FLOWING)
def test_no_page_ends_with_a_heading(demo, kind):
    checked = 0
    for name, path in demo.items():
        if kind not in name:
            continue
        for number, (height, found) in enumerate(runs(path), start=1):
            body = [r for r in found if FOOTER < r[2] < height - HEADER]
            if not body:
                continue
            lowest = min(r[2] for r in body)
            last = [r for r in body if abs(r[2] - lowest) < 1]
            heading = all("Bold" in r[4] and r[3] >= 10.4 for r in last)
            assert not heading, (name, number, [r[0] for r in last])
            checked += 1
    assert checked


def test_metadata_is_tagged_the_same_way_everywhere(demo):
    ws = load_workshop(str(demo_source()))
    for name, path in demo.items():
        reader = PdfReader(path)
        lang = "en" if name.endswith("-en.pdf") or name.startswith("en/") else "fr"
        organisers = ", ".join(o.name.get(lang, ws.languages) for o in ws.organisers)
        meta = reader.metadata
        assert meta.title and ws.title.get(lang, ws.languages)[:20] in meta.title, name
        assert meta.author == organisers, (name, meta.author)
        assert str(reader.trailer["/Root"]["/Lang"]) == lang, name


def test_the_guide_starts_with_a_cover_contents_and_the_programme_at_a_glance(demo):
    reader = PdfReader(demo["fr/facilitator-guide-fr.pdf"])
    cover, contents, glance = (" ".join(reader.pages[i].extract_text().split())
                               for i in range(3))
    assert "Guide de l’animateur" in cover and "Financé par l’Union européenne" in cover
    assert "Ni l’Union européenne ni l’autorité chargée de l’octroi" in cover
    assert "Page 1" not in cover  # a cover has no footer
    assert "Sommaire" in contents and "Le programme en un coup d’œil" in contents
    assert "Module : Migrations mixtes" in contents or "Module : Les mouvements" in contents
    assert "Le programme en un coup d’œil" in glance and "Jour 1" in glance
    # the running header names module and day on the module pages
    later = " ".join(reader.pages[5].extract_text().split())
    assert "Module :" in later and "Jour " in later
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "facilitateur" not in text.lower()  # one term in French: animateur


def test_handout_prints_each_definition_once_and_the_timeline_as_a_table(demo):
    reader = PdfReader(demo["fr/handout-fr.pdf"])
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    # "Demandeur d'asile" is defined in the module's definitions; the session text that
    # repeated it is not printed a second time
    assert text.count("Demandeur d'asile") + text.count("Demandeur d’asile") == 1
    assert "Année Texte ou événement 1951 Convention relative au statut des réfugiés" in text
    assert "Financé par l’Union européenne. Les points de vue et avis exprimés" in text
