"""Issue 17 (6): the typeface, chosen on measurement. Noto Sans is narrower than DejaVu Sans
(so tables wrap less) and every glyph the documents need is there, checked in the files."""
from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from toolkit.render.pdf import theme
from toolkit.render.pdf.shaping import visual

FRENCH = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
          "àâäæçéèêëîïôœùûüÿÀÂÄÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’‘“”–—…€°%&/()[]:;,.!?'\"\u00a0\u202f")
WEST_AFRICAN = "ŋŊɓƁɗƊƴƳɛƐɔƆɲƝ"
ARABIC_LETTERS = "".join(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0640, 0x064B)))
SYMBOLS = "✓○□→≤≥★•·×±"
SAMPLE = ("Organisation internationale pour les migrations (OIM) — Réseau des organisations de "
          "la société civile pour la protection des migrants en Afrique de l'Ouest")


@pytest.mark.parametrize("font", [theme.SANS, theme.SANS_BOLD, theme.SANS_ITALIC, theme.SERIF,
                                  theme.SERIF_BOLD])
def test_every_needed_letter_is_in_the_main_face(font):
    main, *_ = theme._FONT_FILES[font]
    glyphs = TTFontFile(str(theme.FONT_DIR / main)).charToGlyph
    missing = [c for c in FRENCH + WEST_AFRICAN if ord(c) not in glyphs]
    assert missing == [], (main, missing)


@pytest.mark.parametrize("font", [theme.SANS, theme.SANS_BOLD, theme.SANS_ITALIC, theme.SERIF,
                                  theme.SERIF_BOLD])
def test_arabic_and_symbols_come_from_a_fallback_that_has_them(font):
    theme.register_fonts()
    drawn = getFont(font)
    shaped = {ch for a in ARABIC_LETTERS for b in ARABIC_LETTERS
              for ch in visual(f"{a}{b}{a} {a}") if not ch.isspace()}
    for char in sorted(shaped) + list(SYMBOLS):
        index = drawn.face_index(char)
        face = drawn.face if index < 0 else drawn.fallbacks[index].font.face
        assert ord(char) in face.charToGlyph, (font, hex(ord(char)))


def test_noto_sans_sets_narrower_than_dejavu_sans():
    """Measured: the same French text is about 6 % narrower in Noto Sans (regular; bold
    more), enough that long organisation names wrap a line less in tables."""
    theme.register_fonts()
    dejavu = TTFont("DejaVuSans-measure", str(theme.FONT_DIR / "DejaVuSans.ttf"))
    noto = stringWidth(SAMPLE, theme.SANS, 10)
    ratio = noto / dejavu.stringWidth(SAMPLE, 10)
    assert 0.85 < ratio < 0.95, ratio
    bold = TTFont("DejaVuSansBold-measure", str(theme.FONT_DIR / "DejaVuSans-Bold.ttf"))
    assert stringWidth(SAMPLE, theme.SANS_BOLD, 10) < bold.stringWidth(SAMPLE, 10) * 0.95


def test_fallback_widths_add_up_per_face():
    theme.register_fonts()
    font = getFont(theme.SANS)
    text = "Koffi ✓ " + visual("محمد")
    by_run = sum((font.fallbacks[i].font if i >= 0 else TTFont(
        "NotoSans-measure", str(theme.FONT_DIR / "NotoSans-Regular.ttf"))).stringWidth(run, 9)
        for i, run in font.runs(text))
    assert abs(font.stringWidth(text, 9) - by_run) < 1e-6
    # the space after the check mark stays in the symbol face's run
    assert [i for i, _ in font.runs(text)] == [-1, 1, 0]
