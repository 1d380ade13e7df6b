"""One look for every PDF: fonts, colours, paragraph styles, page frame, metadata.

All text is drawn with embedded DejaVu TrueType fonts (they cover French and the West African
Latin letters ŋ ɓ ɗ ƴ ɛ ɔ ɲ and capitals); no base-14 font is ever used, including the canvas'
initial font. Arabic-script text is shaped (shaping.visual) where it enters a Paragraph (esc)
or is drawn on a canvas (ShapingCanvas), and set in DejaVu Sans, which has the Arabic forms.
Documents are built with ``invariant=1`` so the same input gives the same bytes.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from ...fileio import write_bytes_atomic
from ...i18n.typography import for_document, set_document_language  # noqa: F401
from .shaping import has_rtl, visual

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

SANS = "WTSans"
SANS_BOLD = "WTSans-Bold"
SANS_ITALIC = "WTSans-Oblique"
SERIF = "WTSerif"
SERIF_BOLD = "WTSerif-Bold"

_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
}

# Colours: a deep blue and a warm accent; all readable when printed in grey scale.
PRIMARY = colors.HexColor("#0B4F8A")
ACCENT = colors.HexColor("#D98E04")
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#B8C4CE")
SHADE = colors.HexColor("#E8EEF3")
SHADE_DARK = colors.HexColor("#C9D6E2")

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 18 * mm

# DejaVu Serif and Sans Oblique have no Arabic letters: Arabic-script text is set in the
# Sans face of the same weight instead.
_ARABIC_FALLBACK = {SERIF: SANS, SERIF_BOLD: SANS_BOLD, SANS_ITALIC: SANS}

_registered = False


def register_fonts() -> None:
    """Register the bundled TrueType fonts with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD)
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF,
                                  boldItalic=SERIF_BOLD)
    _registered = True


def esc(value: object) -> str:
    """Escape a data value for a reportlab Paragraph: '&', '<', '>' print literally, Arabic
    script is shaped for display, and the document's typography applies (toolkit.i18n)."""
    return for_document(escape(visual("" if value is None else str(value))), markup=True)


def font_for(text: str, font: str) -> str:
    """The theme font to draw ``text`` in: ``font``, or its Sans sibling for Arabic script."""
    return _ARABIC_FALLBACK.get(font, font) if has_rtl(text) else font


def text_width(text: str, font: str, size: float) -> float:
    """The width ``text`` takes once drawn (shaped, in the font it will be drawn in)."""
    register_fonts()
    return pdfmetrics.stringWidth(visual(text), font_for(text, font), size)


class ShapingCanvas:
    """Canvas mixin: drawString and its centred/right forms shape Arabic-script text and
    set it in a font that has the letters; other text is drawn exactly as before."""

    def _shaped(self, draw, x, y, text, *args, **kwargs) -> None:
        text = for_document(text)
        if not has_rtl(text):
            return draw(x, y, text, *args, **kwargs)
        font = self._fontname
        fallback = font_for(text, font)
        if fallback != font:
            self.setFont(fallback, self._fontsize, self._leading)
        draw(x, y, visual(text), *args, **kwargs)
        if fallback != font:
            self.setFont(font, self._fontsize, self._leading)

    def drawString(self, x, y, text, *args, **kwargs):
        self._shaped(super().drawString, x, y, text, *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):
        self._shaped(super().drawCentredString, x, y, text, *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        self._shaped(super().drawRightString, x, y, text, *args, **kwargs)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    bullet: ParagraphStyle
    centered: ParagraphStyle
    note: ParagraphStyle


def styles() -> Styles:
    """The paragraph styles shared by every document."""
    register_fonts()
    # bulletFontName too: reportlab draws bullets in un-embedded Helvetica by default.
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=4, bulletFontName=SANS)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=20, leading=25,
                             textColor=PRIMARY, spaceAfter=6),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=12, leading=16,
                                textColor=MUTED, spaceAfter=10),
        h1=ParagraphStyle("h1", parent=base, fontName=SANS_BOLD, fontSize=15, leading=19,
                          textColor=PRIMARY, spaceBefore=8, spaceAfter=6),
        h2=ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=12, leading=15,
                          textColor=PRIMARY, spaceBefore=8, spaceAfter=4),
        h3=ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=10.5, leading=13,
                          spaceBefore=6, spaceAfter=3),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=base, fontName=SANS_BOLD, fontSize=8.5,
                                 leading=10.5, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", parent=base, fontName=SANS_BOLD, fontSize=8.5,
                                 leading=10.5, textColor=colors.white, spaceAfter=0),
        bullet=ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2,
                              spaceAfter=2),
        centered=ParagraphStyle("centered", parent=base, alignment=TA_CENTER),
        note=ParagraphStyle("note", parent=base, fontName=SANS_ITALIC, fontSize=8.5,
                            leading=11, textColor=MUTED),
    )


def para(text: object, style: ParagraphStyle, *, bullet: str | None = None) -> Paragraph:
    """A Paragraph of plain data text (escaped, Arabic shaped; newlines kept)."""
    raw = "" if text is None else str(text)
    if has_rtl(raw):
        font = font_for(raw, style.fontName)
        if font != style.fontName:
            style = ParagraphStyle(f"{style.name}-arabic", parent=style, fontName=font)
        return _ShapedParagraph(raw, style, bullet)
    return Paragraph(esc(raw).replace("\n", "<br/>"), style, bullet)


class _ShapedParagraph(Paragraph):
    """Data text with Arabic script, broken into lines in reading order before each line is
    shaped: shaping first would put the end of a wrapped right-to-left value on top."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        # reportlab's split() makes the two halves with frags (lines already shaped)
        self._raw = text if frags is None else None
        self._bullet = bulletText
        self._width = None
        markup = "<br/>".join(esc(line) for line in text.split("\n")) if frags is None \
            else text
        super().__init__(markup, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth, availHeight):
        width = availWidth - self.style.leftIndent - self.style.rightIndent
        if self._raw is not None and width != self._width:
            self._width = width
            lines = [line for part in self._raw.split("\n")
                     for line in _break(part, self.style.fontName, self.style.fontSize,
                                        width - 0.01)]
            Paragraph.__init__(self, "<br/>".join(esc(line) for line in lines), self.style,
                               self._bullet)
        return super().wrap(availWidth, availHeight)


def _break(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` cut at spaces into lines no wider than ``width`` once shaped."""
    lines, current = [], ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current]


@dataclass(frozen=True)
class DocInfo:
    """PDF metadata and the running header/footer text."""

    title: str
    author: str = "workshop-toolkit"
    subject: str = ""
    lang: str = "fr"
    header: str = ""  # left of the running header (e.g. the workshop title)
    footer: str = ""  # left of the footer (e.g. "Dakar, 10–13 April 2019")
    page_label: str = "Page"  # "Page" / "Page" ; rendered "Page 3 / 12"


def make_canvas_class(info: DocInfo, pagesize, draw_frame: bool = True):
    """A Canvas subclass that draws header and footer with 'Page X / Y' on every page."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(ShapingCanvas, Canvas):
        def __init__(self, *args, **kwargs):
            # Never let reportlab fall back to un-embedded Helvetica.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []
            self.setTitle(info.title)
            self.setAuthor(info.author)
            self.setSubject(info.subject)
            self.setCreator("workshop-toolkit")
            self.setProducer("workshop-toolkit (reportlab)")
            try:
                self.setLang(info.lang)
            except AttributeError:  # older reportlab
                pass

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                if draw_frame:
                    self._draw_frame(total)
                super().showPage()
            super().save()

        def _draw_frame(self, total: int) -> None:
            width, height = pagesize
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if info.header:
                self.setFont(SANS, 7.5)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, height - 11 * mm, info.header[:150])
                self.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
            self.line(MARGIN, 12.5 * mm, width - MARGIN, 12.5 * mm)
            self.setFont(SANS, 7.5)
            self.setFillColor(MUTED)
            if info.footer:
                self.drawString(MARGIN, 8.5 * mm, info.footer[:150])
            self.drawRightString(width - MARGIN, 8.5 * mm,
                                 f"{info.page_label} {self._pageNumber} / {total}")
            self.restoreState()

    return NumberedCanvas


def build_story(story: list, info: DocInfo, *, pagesize=PORTRAIT, margins: float = MARGIN,
                top: float | None = None, bottom: float | None = None) -> bytes:
    """Lay out a platypus story on A4 pages with the standard frame; return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=pagesize, leftMargin=margins, rightMargin=margins,
                          topMargin=top if top is not None else 18 * mm,
                          bottomMargin=bottom if bottom is not None else 18 * mm,
                          title=info.title, author=info.author, subject=info.subject,
                          creator="workshop-toolkit", invariant=1, lang=info.lang,
                          initialFontName=SANS, initialFontSize=9)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    doc.build(story, canvasmaker=make_canvas_class(info, pagesize))
    return buffer.getvalue()


def save_pdf(data: bytes, path: str | os.PathLike) -> Path:
    """Write PDF bytes atomically and return the path."""
    write_bytes_atomic(path, data)
    return Path(path)


def fit_font_size(text: str, font: str, max_size: float, min_size: float, width: float) -> float:
    """The largest size from max_size down to min_size at which ``text`` fits ``width``.

    Returns ``min_size`` when even that is too wide (the caller then wraps the text).
    """
    register_fonts()
    size = max_size
    while size > min_size and text_width(text, font, size) > width:
        size -= 0.5
    return max(size, min_size)
