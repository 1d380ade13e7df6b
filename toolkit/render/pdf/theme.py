"""One look for every PDF: fonts, colours, paragraph styles, page frame, metadata.

Typeface: Noto Sans for text and Noto Serif for certificates' titles and names (both embedded
TrueType). They cover French and the West African Latin letters ŋ ɓ ɗ ƴ ɛ ɔ ɲ and capitals,
and set about 6 % narrower than DejaVu Sans (bold more), so tables wrap less
(tests/test_typeface.py measures both). Characters Noto Sans lacks come from fallback faces at the
font level
(fonts.FallbackTTFont): Arabic letters from Noto Naskh Arabic, the symbols ✓ ○ □ → ≤ ≥ ★
from DejaVu Sans. Arabic-script text is shaped (shaping.visual) where it enters a Paragraph
(esc) or is drawn on a canvas (ShapingCanvas). No base-14 font is ever used, including the
canvas' initial font. Documents are built with ``invariant=1`` so the same input gives the
same bytes.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table

from ...fileio import write_bytes_atomic
from ...i18n.typography import for_document, set_document_language  # noqa: F401
from .shaping import has_rtl, visual

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"


def _keep_narrow_no_break_spaces() -> None:
    """reportlab (5.x) lists U+202F NARROW NO-BREAK SPACE among the spaces it breaks lines at,
    so a French line could begin with "»", ";", "%" or ":"; it already keeps U+00A0. Take
    U+202F out of its list of breaking spaces (module globals read at each call)."""
    import reportlab.platypus.paragraph as paragraph

    if "\u202f" in paragraph._wsc:
        paragraph._wsc = paragraph._wsc.replace("\u202f", "")
        pattern = re.escape(paragraph._wsc)
        paragraph._wsc_re_split = re.compile(f"[{pattern}]+").split
        paragraph._wsc_end_search = re.compile(f"[{pattern}]+$").search


_keep_narrow_no_break_spaces()


SANS = "WTSans"
SANS_BOLD = "WTSans-Bold"
SANS_ITALIC = "WTSans-Oblique"
SERIF = "WTSerif"
SERIF_BOLD = "WTSerif-Bold"

_FONT_FILES = {  # name: (file, Arabic fallback, symbols fallback)
    SANS: ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "DejaVuSans.ttf"),
    SANS_BOLD: ("NotoSans-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "DejaVuSans-Bold.ttf"),
    SANS_ITALIC: ("NotoSans-Italic.ttf", "NotoNaskhArabic-Regular.ttf", "DejaVuSans.ttf"),
    SERIF: ("NotoSerif-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "DejaVuSans.ttf"),
    SERIF_BOLD: ("NotoSerif-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "DejaVuSans-Bold.ttf"),
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

_registered = False


def register_fonts() -> None:
    """Register the bundled TrueType fonts with reportlab (once per process)."""
    global _registered
    if _registered:
        return

    from .fonts import ARABIC, FallbackTTFont, LazyFace

    faces: dict[str, LazyFace] = {}

    def face(filename: str) -> LazyFace:
        # fallbacks are read only when a document needs them (Arabic, a symbol)
        if filename not in faces:
            hint = (lambda c: c.isspace() or bool(ARABIC.match(c))) if "Arabic" in filename \
                else None
            faces[filename] = LazyFace(f"WTFallback-{Path(filename).stem}",
                                       str(FONT_DIR / filename), hint)
        return faces[filename]

    for name, (filename, *fallbacks) in _FONT_FILES.items():
        pdfmetrics.registerFont(FallbackTTFont(name, str(FONT_DIR / filename),
                                               tuple(face(f) for f in fallbacks)))
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
    """The theme font to draw ``text`` in: ``font`` itself, since every theme font finds
    Arabic letters in its fallback face (kept for callers that ask)."""
    return font


def text_width(text: str, font: str, size: float) -> float:
    """The width ``text`` takes once drawn (shaped, in the font it will be drawn in)."""
    register_fonts()
    return pdfmetrics.stringWidth(visual(text), font_for(text, font), size)


class ShapingCanvas:
    """Canvas mixin: drawString and its centred/right forms shape Arabic-script text and
    set it in a font that has the letters; other text is drawn exactly as before."""

    if TYPE_CHECKING:  # given by the reportlab Canvas this class is mixed into
        _fontname: str
        _fontsize: float
        _leading: float

        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
            ...

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


# reportlab wraps the whole rest of a paragraph again at every page it splits, so a paragraph
# of n characters costs n² (1.1 MB of handout text took 162 s); pieces of at most this many
# characters keep the time linear in the text's length
_PIECE = 3000
_SENTENCE_END = re.compile(r"[.?!…][»)]?[\s\u00a0\u202f]+(?=[A-ZÀ-ÖØ-Þ«])")


def paras(text: object, style: ParagraphStyle) -> list[Paragraph]:
    """Paragraphs of a data text of any length that read as one ``para(text, style)``.

    A text longer than _PIECE characters is cut after a line break, else after a sentence,
    else at a space; the pieces are set without space between them, so the only trace of a
    cut is a line that ends early after a sentence.
    """
    raw = "" if text is None else str(text)
    pieces = _pieces(raw, _PIECE)
    if len(pieces) == 1:
        return [para(raw, style)]
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-next", parent=first, spaceBefore=0,
                            firstLineIndent=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0, firstLineIndent=0)
    styles = [first] + [middle] * (len(pieces) - 2) + [last]
    return [para(piece, piece_style) for piece, piece_style in zip(pieces, styles)]


def _pieces(text: str, limit: int) -> list[str]:
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1  # after the line break, which the cut replaces
        if cut <= limit // 2:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends and ends[-1] > limit // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = limit  # one word of 3,000 characters: cut inside it
        pieces.append(text[start:start + cut].rstrip())
        start += cut
    return pieces + [text[start:]]


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
    cover: bool = False  # the first page is a cover: no header or footer on it


def make_canvas_class(info: DocInfo, pagesize, draw_frame: bool = True):
    """A Canvas subclass that draws header and footer with 'Page X / Y' on every page."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(ShapingCanvas, Canvas):
        def __init__(self, *args, **kwargs):
            # Never let reportlab fall back to un-embedded Helvetica.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
            kwargs["invariant"] = 1
            kwargs.setdefault("lang", info.lang)  # /Lang in the catalogue, canvas-drawn too
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []
            self.setTitle(info.title)
            self.setAuthor(info.author)
            self.setSubject(info.subject)
            self.setCreator("workshop-toolkit")
            self.setProducer("workshop-toolkit (reportlab)")
            with contextlib.suppress(AttributeError):  # older reportlab
                self.setLang(info.lang)

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.pop("_running_header", None)  # not left over from a later page
                self.__dict__.update(state)
                if draw_frame and not (info.cover and self._pageNumber == 1):
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
                room = width - 2 * MARGIN
                running = self.__dict__.get("_running_header")
                if running:  # set by RunningHeader flowables: e.g. module and day
                    self.drawRightString(width - MARGIN, height - 11 * mm,
                                         _fit_line(running, SANS, 7.5, room * 0.45))
                    room *= 0.53
                self.drawString(MARGIN, height - 11 * mm,
                                _fit_line(info.header, SANS, 7.5, room))
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


class RunningHeader(Flowable):
    """Invisible: from the page it is drawn on, the running header's right part reads
    ``text`` (e.g. « Module : Protection des migrants · Jour 3 »); a cover has none."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        self.canv._running_header = self.text


def keep_after_headings(story: list, block: list) -> None:
    """Append ``block`` as one KeepTogether, with the headings that end ``story`` inside it.

    reportlab's keepWithNext does not reach into a following KeepTogether (its _ktAllow
    refuses containers), so a heading before a kept block could end a page; this moves
    such headings (and the invisible markers between them) into the block."""
    from reportlab.platypus import KeepTogether

    moved: list = []
    while story and (getattr(story[-1], "getKeepWithNext", lambda: 0)() or
                     isinstance(story[-1], (RunningHeader, TocEntry))):
        moved.insert(0, story.pop())
    story.append(KeepTogether(moved + list(block)))


class TocEntry(Flowable):
    """Invisible: a line of the table of contents (level, text) at the page it lands on."""

    def __init__(self, level: int, text: str):
        super().__init__()
        self.level, self.text = level, text
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        pass


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, TocEntry):
            # typeset like the heading it points to (l'atelier -> l’atelier)
            self.notify("TOCEntry", (flowable.level, for_document(escape(flowable.text),
                                                                  markup=True), self.page))


def table_of_contents(st: Styles):
    """A table of contents filled from the story's TocEntry markers (two levels)."""
    from reportlab.platypus import TableStyle
    from reportlab.platypus.tableofcontents import TableOfContents

    toc = TableOfContents(dotsMinLevel=0)
    # the table's own font (empty cells) must not default to un-embedded Helvetica
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    toc.levelStyles = [
        ParagraphStyle("toc1", parent=st.body, fontName=SANS_BOLD, fontSize=10.5, leading=14,
                       leftIndent=0, firstLineIndent=0, spaceBefore=5, textColor=PRIMARY),
        ParagraphStyle("toc2", parent=st.body, fontSize=9, leading=12, leftIndent=12,
                       firstLineIndent=0, spaceAfter=0),
    ]
    return toc
def _fit_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with "…" so that it fits ``width`` points (a long title in a running
    header would otherwise run off the page). What follows the last " · " (the document's
    name, e.g. "Title · Participant handout") is kept; the words before it are cut."""
    if text_width(text, font, size) <= width:
        return text
    head, sep, tail = text.rpartition(" \u00b7 ")
    if not sep:
        head, tail = text, ""
    words = head.split(" ")
    while words:
        line = " ".join(words).rstrip(" ,;:\u00b7\u2014") + "\u2026" + (sep + tail if sep else "")
        if text_width(line, font, size) <= width or len(words) == 1:
            return line
        words.pop()
    return text


def build_story(story: list, info: DocInfo, *, pagesize=PORTRAIT, margins: float = MARGIN,
                top: float | None = None, bottom: float | None = None) -> bytes:
    """Lay out a platypus story on A4 pages with the standard frame; return the PDF bytes.

    A story holding a table of contents is laid out until its page numbers settle."""
    from reportlab.platypus.tableofcontents import TableOfContents

    register_fonts()
    buffer = io.BytesIO()
    doc = _Doc(buffer, pagesize=pagesize, leftMargin=margins, rightMargin=margins,
                          topMargin=top if top is not None else 18 * mm,
                          bottomMargin=bottom if bottom is not None else 18 * mm,
                          title=info.title, author=info.author, subject=info.subject,
                          creator="workshop-toolkit", invariant=1, lang=info.lang,
                          initialFontName=SANS, initialFontSize=9)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    if any(isinstance(item, TableOfContents) for item in story):
        doc.multiBuild(story, canvasmaker=make_canvas_class(info, pagesize))
    else:
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


class SplitTable(Table):
    """A Table that splits across pages only where at least ``min_rows`` body rows stay on
    each side (no single row alone under a repeated header), and never after row index
    ``tail`` (so the rows after it stay with the ones before, e.g. a sign-in sheet's
    facilitators with its last participants). Both hold for every later split too (reportlab
    forgets ``rowSplitRange`` on the second part)."""

    def __init__(self, data, *args, min_rows: int = 2, tail: int | None = None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.min_rows, self.tail = min_rows, tail
        self._set_range()

    def _head(self) -> int:
        repeat = self.repeatRows
        return repeat if isinstance(repeat, int) else max(repeat) + 1

    def _set_range(self) -> None:
        rows = len(self._cellvalues)
        lo = self._head() + self.min_rows
        hi = rows - self.min_rows if self.tail is None else min(self.tail, rows - self.min_rows)
        self._rowSplitRange = (lo, hi) if lo <= hi else None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and isinstance(parts[1], SplitTable):
            moved = len(parts[0]._cellvalues) - self._head()  # body rows left behind
            parts[1].min_rows = self.min_rows
            parts[1].tail = None if self.tail is None else self.tail - moved
            parts[1]._set_range()
            # a split held back by the range leaves room below: the rest still starts on
            # the next page, not under the first part
            from reportlab.platypus import PageBreak

            return [parts[0], PageBreak(), parts[1]]
        return parts
