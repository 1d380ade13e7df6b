"""Arabic-script names: shaped (joined forms), right to left, in fonts that have the letters."""
from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

from certificates_fixtures import make_workshop, person
from materials_data import dakar_workshop
from test_agenda import font_names
from toolkit.model import Participant
from toolkit.render.materials import write_materials
from toolkit.render.pdf import theme
from toolkit.render.pdf.certificates import render_certificates
from toolkit.render.pdf.shaping import has_rtl, visual

NAME = "محمد الأمين ولد سيدي"
# what a reader of Arabic sees, letter by letter from the right: the contextual forms
# (initial, medial, final, isolated) and the lam-alef ligature U+FEF7
SHAPED = ("\uFEE3\uFEA4\uFEE4\uFEAA \uFE8D\uFEF7\uFEE3\uFEF4\uFEE6 "
          "\uFEED\uFEDF\uFEAA \uFEB3\uFEF4\uFEAA\uFEF1")
# the letters of Arabic (and tatweel); not the rarer U+063B–U+063F, which DejaVu lacks
ARABIC_LETTERS = "".join(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0640, 0x064B)))


def logical(extracted: str) -> str:
    """Extracted presentation forms back to the letters typed (pypdf already reorders)."""
    return unicodedata.normalize("NFKC", extracted)


@pytest.mark.parametrize("text", [
    "", "Aminata Diallo", "Ƴero Ɓaldé Ŋom", "Koffi Mensah & Fils <ONG Espoir>",
    "« 10 avril 2019 » — œuvre ŊƁƊƳƐƆƝ", "Marie-Françoise Akouavi Adjoa",
])
def test_text_without_rtl_letters_is_returned_as_it_is(text):
    assert not has_rtl(text)
    assert visual(text) is text


def test_an_arabic_name_is_shaped_and_in_visual_order():
    assert visual(NAME) == SHAPED[::-1]  # drawn left to right: the last letter first
    assert unicodedata.normalize("NFKC", visual(NAME)[::-1]) == NAME


def test_mixed_latin_and_arabic_keeps_the_latin_readable_and_first():
    shown = visual("Mohamed Lemine — محمد الأمين")
    assert shown.startswith("Mohamed Lemine — ")
    assert shown[len("Mohamed Lemine — "):] == SHAPED[:10][::-1]


def test_allah_is_spelled_out_not_a_ligature_the_font_lacks():
    # arabic-reshaper's default writes U+FDF2, which DejaVu Sans has not
    assert "\uFDF2" not in visual("عبد الله")
    assert unicodedata.normalize("NFKC", visual("عبد الله")[::-1]) == "عبد الله"


@pytest.mark.parametrize("font", ["NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"])
def test_the_arabic_fonts_have_every_shaped_arabic_letter(font):
    glyphs = TTFontFile(str(theme.FONT_DIR / font)).charToGlyph
    for a in ARABIC_LETTERS:
        for b in ARABIC_LETTERS:  # every letter alone, initial, medial and final
            for char in visual(f"{a}{b}{a} {a}"):
                assert ord(char) in glyphs, (font, hex(ord(char)), a + b + a)


@pytest.mark.parametrize("font", [theme.SERIF_BOLD, theme.SERIF, theme.SANS_ITALIC,
                                  theme.SANS_BOLD, theme.SANS])
def test_arabic_is_drawn_from_a_fallback_face_latin_from_the_font_asked(font):
    from reportlab.pdfbase.pdfmetrics import getFont

    theme.register_fonts()
    main, *_ = theme._FONT_FILES[font]
    glyphs = TTFontFile(str(theme.FONT_DIR / main)).charToGlyph
    assert ord(SHAPED[0]) not in glyphs  # why the fallback exists
    drawn = getFont(font)
    runs = drawn.runs("Ƴero — " + SHAPED)
    assert runs[0] == (-1, "Ƴero — ") and runs[1][0] >= 0  # the Arabic in one run
    assert runs[1][1] == SHAPED
    assert "Arabic" in drawn.fallbacks[runs[1][0]].font.face.name.decode()
    assert theme.font_for(NAME, font) == font


def test_escaping_and_width_use_the_shaped_text():
    assert theme.esc("Koffi Mensah & Fils <ONG Espoir>") == \
        "Koffi Mensah &amp; Fils &lt;ONG Espoir&gt;"
    assert theme.esc(f"{NAME} & <x>") == visual(f"{NAME} & <x>").replace("&", "&amp;") \
        .replace("<", "&lt;").replace(">", "&gt;")
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert theme.text_width(NAME, theme.SERIF_BOLD, 20) == \
        stringWidth(SHAPED, theme.SERIF_BOLD, 20) > 0
    para = theme.para(NAME, theme.styles().title)
    assert para.style.fontName == theme.SANS_BOLD


def test_a_certificate_with_an_arabic_name(tmp_path):
    out = tmp_path / "c.pdf"
    people = [person("P09", "محمد الأمين", "ولد سيدي"),
              person("P10", "Mohamed Lemine —", "محمد الأمين")]
    render_certificates(make_workshop(), [(p, "completion", f"EX24-000{i}")
                                          for i, p in enumerate(people)], output=out)
    pages = [page.extract_text().splitlines() for page in PdfReader(out).pages]
    assert SHAPED in pages[0] and logical(SHAPED) == NAME
    assert "Mohamed Lemine — " + SHAPED[:10] in pages[1]
    fonts = font_names(out)
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_badges_tents_and_sign_in_sheets_with_an_arabic_name(tmp_path):
    people = (Participant("P009", "ولد سيدي", "محمد الأمين", "M", "جمعية عبد الله للتنمية",
                          "منسق", "MR"),
              Participant("P001", "Mensah", "Koffi", "M", "Koffi Mensah & Fils <ONG Espoir>",
                          "Directeur", "TG"))
    written = {p.name: p for p in write_materials(dakar_workshop(), outdir=tmp_path,
                                                  participants=people)}
    for name in ("badges.pdf", "table-tents.pdf", "sign-in-sheets.pdf"):
        text = PdfReader(written[name]).pages[0].extract_text()
        lines = [logical(line).strip() for line in text.splitlines()]
        assert "محمد الأمين" in lines or "ولد سيدي محمد الأمين" in lines, (name, lines)
        assert any("جمعية عبد الله للتنمية" in line for line in lines), (name, lines)
        assert "\uFEE3\uFEA4\uFEE4\uFEAA" in text  # joined: initial, medial, medial, final
        fonts = font_names(written[name])
        assert fonts and all(embedded for _, embedded in fonts), (name, fonts)
    badge = PdfReader(written["badges.pdf"]).pages[0].extract_text().splitlines()
    assert "\uFEED\uFEDF\uFEAA \uFEB3\uFEF4\uFEAA\uFEF1" in badge  # the family name line


def test_a_wrapped_arabic_value_reads_from_the_top_line(tmp_path):
    org = "الجمعية الموريتانية لحقوق الإنسان ومكافحة الهجرة غير النظامية في نواذيبو"
    people = (Participant("P009", "ولد سيدي", "محمد الأمين", "M", org, "منسق", "MR"),)
    written = write_materials(dakar_workshop(), outdir=tmp_path, participants=people)
    sheet = next(p for p in written if p.name == "sign-in-sheets.pdf")
    lines = [logical(line).strip() for line in
             PdfReader(sheet).pages[0].extract_text().splitlines()]
    start = next(i for i, line in enumerate(lines) if line and org.startswith(line))
    wrapped = []
    for line in lines[start:]:
        if not org.startswith(" ".join(wrapped + [line])):
            break
        wrapped.append(line)
    assert len(wrapped) > 1 and " ".join(wrapped) == org, lines


def test_para_of_latin_text_is_a_plain_paragraph():
    p = theme.para("Koffi Mensah & Fils <ONG Espoir>\nLomé", theme.styles().cell)
    assert type(p) is theme.Paragraph
    assert p.text == "Koffi Mensah &amp; Fils &lt;ONG Espoir&gt;<br/>Lomé"


def test_a_long_arabic_comment_in_the_report_wraps_in_reading_order():
    from toolkit.render.pdf.report_annex import comments_block
    from toolkit.render.pdf.report_kit import Fmt

    comment = ("كانت الورشة مفيدة جدا وتعلمنا الكثير عن حماية المهاجرين واللاجئين "
               "ونتمنى أن تنظم دورات أخرى في نواكشوط ونواذيبو للعاملين في الجمعيات")
    flowables = comments_block([{"text": comment}, {"text": comment}, {"text": "Très utile"}],
                               theme.styles(), Fmt("fr"))
    pdf = theme.build_story(flowables, theme.DocInfo(title="t"))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    lines = [logical(line).strip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if "كانت" in line)
    assert len([w for w in lines[first].split() if has_rtl(w)]) < len(comment.split())  # wraps
    joined = " ".join(lines[first:first + 2])
    # the first line holds the start of the comment, the second its last word
    assert "كانت الورشة مفيدة" in lines[first] and "الجمعيات" not in lines[first], lines
    assert "الجمعيات" in joined, lines
    assert "« Très utile »" in " ".join(lines).replace("\u00a0", " ")


def test_brackets_and_quotes_are_mirrored_in_right_to_left_text():
    # python-bidi's Rust get_display leaves them as typed: "(×2)" would print ")2×("
    meem = "\uFEE3\uFEA4\uFEE4\uFEAA"[::-1]
    assert visual("محمد (×2)") == "(2×) " + meem
    assert visual("(محمد)") == f"({meem})"
    assert visual("« محمد »") == f"« {meem} »"
