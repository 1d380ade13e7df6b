"""Issue 17 (2): the EU emblem drawn to its official description, the funding statement and
the disclaimer in both languages, and which funders count as the European Union."""
from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader

from toolkit.model import Organisation, Text
from toolkit.render.pdf import theme, visibility as v


def test_twelve_upright_stars_on_a_circle_of_a_third_of_the_height():
    height = 30.0
    centres = v.star_centres(0, 0, height)
    assert len(centres) == 12
    cx, cy = 1.5 * height / 2, height / 2  # where the diagonals of the 3:2 rectangle cross
    for x, y in centres:
        assert math.isclose(math.hypot(x - cx, y - cy), height / 3)
    assert math.isclose(centres[0][0], cx) and centres[0][1] > cy  # a star at twelve o'clock
    angles = sorted(math.degrees(math.atan2(y - cy, x - cx)) % 360 for x, y in centres)
    assert all(math.isclose(b - a, 30, abs_tol=1e-9) for a, b in zip(angles, angles[1:]))


def test_a_star_has_five_points_on_one_eighteenth_of_the_height_one_point_up():
    height = 36.0
    points = v.star_points(10, 10, height / 18)
    outer = points[::2]
    assert len(outer) == 5
    for x, y in outer:
        assert math.isclose(math.hypot(x - 10, y - 10), height / 18)
    assert math.isclose(outer[0][0], 10) and outer[0][1] > 10  # upright
    # a regular star: inner corners at r * sin 18° / sin 54° (0.382 r)
    x, y = points[1]
    assert math.isclose(math.hypot(x - 10, y - 10), 2 * 0.381966 / 2 * 1.0 * height / 18,
                        rel_tol=1e-4)


def test_the_emblem_in_a_pdf_is_reflex_blue_and_yellow_vector():
    story = [v.EUEmblem(20 * v.mm), v.EUFundingMark("fr")]
    pdf = theme.build_story(story, theme.DocInfo(title="t"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert "0 .2 .6 rg" in content  # #003399
    assert "1 .8 0 rg" in content  # #FFCC00
    assert not page.images  # drawn, not an image
    assert "Financé par l’Union européenne" in page.extract_text()


@pytest.mark.parametrize("name, expected", [
    ({"fr": "Union européenne", "en": "European Union"}, True),
    ({"en": "the European Union"}, True), ({"fr": "UE"}, True), ({"en": "EU"}, True),
    ({"fr": "Union Européenne (UE)"}, True),
    ({"fr": "Délégation de l'Union européenne au Sénégal"}, False),  # not the funder's name
    ({"fr": "Union africaine"}, False), ({"fr": "Gouvernement du Royaume de Suède"}, False),
])
def test_which_funder_is_the_european_union(name, expected):
    assert v.is_eu(Organisation(Text.of(name))) is expected


def test_funding_statement_and_disclaimer_in_both_languages():
    assert v.funding_statement("fr") == "Financé par l’Union européenne"
    assert v.funding_statement("en") == "Funded by the European Union"
    en, fr = v.eu_disclaimer("en"), v.eu_disclaimer("fr")
    assert en == ("Funded by the European Union. Views and opinions expressed are however those "
                  "of the author(s) only and do not necessarily reflect those of the European "
                  "Union or the granting authority. Neither the European Union nor the granting "
                  "authority can be held responsible for them.")
    assert fr.startswith("Financé par l’Union européenne. Les points de vue et avis exprimés "
                         "n’engagent toutefois que leur(s) auteur(s)")
    assert fr.endswith("Ni l’Union européenne ni l’autorité chargée de l’octroi ne peuvent en "
                       "être tenues pour responsables.")
    named = v.eu_disclaimer("en", "the European Commission")
    assert "European Union or the European Commission." in named
