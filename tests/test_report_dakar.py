"""The report on the bundled Dakar 2019 demo: its figures are those of `workshop score --json`."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT
from toolkit.cli import main
from toolkit.i18n import format_number, format_pct

WORKSHOP = ROOT / "curricula" / "workshops" / "dakar-2019.yaml"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d .-]{7,}\d")


def text_of(path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[ \u00a0\u202f]+", " ", raw)


@pytest.fixture(scope="module")
def matched() -> dict:
    result = CliRunner().invoke(main, ["score", str(WORKSHOP), "--json"], catch_exceptions=False)
    return json.loads(result.stdout)["matched"]


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("dakar")
    found = {}
    for lang in ("fr", "en"):
        pdf = out / f"{lang}.pdf"
        args = ["report", str(WORKSHOP), "--lang", lang, "-o", str(pdf)]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0
        found[lang] = text_of(pdf)
    return found


@pytest.mark.parametrize("lang, facts", [
    ("fr", ["du 10 au 13 avril 2019", "Dakar", "Chiffres clés", "Satisfaction (niveau 1"]),
    ("en", ["10–13 April 2019", "Dakar", "Key figures", "Satisfaction (Kirkpatrick level 1)"]),
])
def test_dakar_report_figures_equal_score_json(texts, matched, lang, facts):
    text = texts[lang]
    pct = lambda v: format_pct(v, lang).replace("\u202f", " ")  # noqa: E731
    assert matched["n"] >= 5
    expected = [f"{pct(matched['pre_mean_pct'])} → {pct(matched['post_mean_pct'])}",
                "+" + format_number(matched["mean_gain_pct"], lang) + " points",
                format_number(matched["normalized_gain"], lang, decimals=2) + " (",
                f"{matched['n']} participants", *facts]
    assert [e for e in expected if e not in text] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dakar_report_holds_no_email_or_phone(texts, lang):
    assert EMAIL.search(texts[lang]) is None and PHONE.search(texts[lang]) is None


@pytest.mark.parametrize("lang, joined", [
    # fieldtest: the French cover joined organisers with an English "; "
    ("fr", "Union européenne ; Gouvernement"), ("en", "European Union; Government")])
def test_cover_lists_are_joined_the_local_way(texts, lang, joined):
    assert joined in texts[lang]


def test_each_dakar_report_prints_the_fixed_texts_of_its_own_language_only(texts):
    """No fixed text of the French report in the English one, and the other way round (the
    workshop's data, names and quoted comments aside)."""
    from toolkit.i18n import gettext
    from toolkit.render.pdf.report_text import _T

    def flat(text: str) -> str:
        return " ".join(re.sub(r"[\u00a0\u202f]", " ", text).split())

    fr_text, en_text = flat(texts["fr"]), flat(texts["en"])
    english_in_fr, french_in_en = [], []
    for msgid in _T.values():
        for english in (msgid if isinstance(msgid, tuple) else (msgid,)):
            french = gettext(english, "fr")
            if french == english or "{" in english or len(english) < 12:
                continue
            if flat(english) in fr_text:
                english_in_fr.append(english)
            if flat(french) in en_text:
                french_in_en.append(french)
    assert english_in_fr == [] and french_in_en == []
    assert "missing-identity" not in fr_text and "identité manquante" in fr_text
    assert "identity missing" in en_text
    assert "Sénégal" not in en_text.replace("OIM Sénégal", "")  # country names from CLDR
