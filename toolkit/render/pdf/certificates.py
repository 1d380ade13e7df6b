"""Certificate PDFs: A4 landscape, one page per person, French, English or both.

Speed and memory: everything that is the same on every page (frame, organisers, title,
workshop, signatories) is drawn once into a PDF form XObject per certificate type; a page
then holds only the name, the code and the QR code (one path in module units). Each page's
stream is compressed as soon as the page is finished. reportlab still keeps every finished
page object until ``save`` (about 5 KB per certificate), so memory grows slowly with the
count; see benchmarks/bench_certificates.py. The canvas is drawn directly, without platypus.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ...errors import OutputError
from ...fileio import atomic_write, safe_filename, write_bytes_atomic
from ...i18n import N_, _, country_name, format_date, format_date_range, gettext, ngettext
from ...i18n.typography import set_document_language, typeset
from ...model import Participant, Text, Workshop
from .compact import CompressingCanvas
from .fitting import draw_lines, fit_text
from .qr import draw_qr
from .theme import (
    ACCENT,
    INK,
    LANDSCAPE,
    MUTED,
    PRIMARY,
    RULE,
    SANS,
    SANS_BOLD,
    SANS_ITALIC,
    SERIF,
    SERIF_BOLD,
    SHADE,
    esc,
    fit_font_size,
    font_for,
    register_fonts,
)
from .theme import text_width as stringWidth  # measures Arabic script as it will be drawn
from .visibility import draw_eu_funding_mark, has_logo, is_eu

W, H = LANDSCAPE
NAME_MAX, NAME_MIN, NAME_TWO_LINES_MIN = 34.0, 22.0, 16.0
NAME_TWO_LINES_MAX = 20.0  # two lines must stay clear of "is awarded to" above
NAME_WIDTH = W - 70 * mm

# The fixed words (English msgids; the catalogue gives the other languages).
TITLES = {"participation": N_("CERTIFICATE OF PARTICIPATION"),
          "completion": N_("CERTIFICATE OF COMPLETION")}
AWARDED = N_("is awarded to")
FOR = {"participation": N_("for taking part in the workshop"),
       "completion": N_("for successfully completing the workshop")}
FUNDED = N_("With financial support from:")
ALSO = N_("Also supported by:")
VERIFY = N_("{word}: {url}")  # "Verify: https://…", "Vérifier / Verify : https://…"
VERIFY_WORD = N_("Verify")
CODE = N_("Verification code")
COMPLETED = N_("COMPLETED")  # the seal of a certificate of completion
DONE_AT = N_("{city}, {date}")


@dataclass(frozen=True)
class Certificate:
    participant: Participant
    type: str  # participation | completion
    code: str


def qr_value(workshop: Workshop, code: str) -> str:
    """What the QR code holds: the verify URL, else '<code> <workshop id>'."""
    template = workshop.certificates.verify_url
    return template.replace("{code}", code) if template else f"{code} {workshop.id}"


def languages_for(workshop: Workshop, lang: str | None) -> tuple[str, ...]:
    """('fr',), ('en',) or ('fr', 'en') (French main, English below) for a --lang value."""
    if lang in ("fr", "en"):
        return (lang,)
    if lang == "both" or {"fr", "en"} <= set(workshop.languages):
        return ("fr", "en")
    first = workshop.languages[0] if workshop.languages else "fr"
    return (first if first in ("fr", "en") else "fr",)


class _Page:
    """Draws certificates of one workshop on a canvas; static parts as one form per type."""

    def __init__(self, workshop: Workshop, langs: tuple[str, ...], hours: int,
                 date: _dt.date | None = None):
        self.ws = workshop
        self.langs = langs
        self.hours = hours
        self.date = date or workshop.end  # "Fait à Dakar, le ...": the last day by default
        self.forms: set[str] = set()

    def text(self, value, lang: str) -> str:
        return typeset(Text.of(value).get(lang, self.ws.languages), lang)

    def names(self, value) -> str:
        """A name in each language of the certificate ("OIM / IOM" on the bilingual one, a
        proper name once when it is the same in every language)."""
        shown = dict.fromkeys(self.text(value, lang) for lang in self.langs)
        return " / ".join(shown)

    # ---------------------------------------------------------------- static parts
    def form(self, canvas: Canvas, kind: str) -> str:
        name = f"certificate-{kind}"
        if name not in self.forms:
            canvas.beginForm(name, lowerx=0, lowery=0, upperx=W, uppery=H)
            self._frame(canvas)
            self._header(canvas)
            self._titles(canvas, kind)
            self._workshop(canvas, kind)
            self._footer(canvas)
            if kind == "completion":
                self._seal(canvas)
            canvas.endForm()
            self.forms.add(name)
        return name

    def _frame(self, c: Canvas) -> None:
        c.saveState()
        c.setStrokeColor(PRIMARY)
        c.setLineWidth(2.2)
        c.rect(10 * mm, 10 * mm, W - 20 * mm, H - 20 * mm)
        c.setLineWidth(0.6)
        c.rect(12.5 * mm, 12.5 * mm, W - 25 * mm, H - 25 * mm)
        # A subtle accent band across the top, inside the frame.
        c.setFillColor(SHADE)
        c.rect(12.5 * mm + 0.3, H - 12.5 * mm - 5 * mm, W - 25 * mm - 0.6, 5 * mm, stroke=0,
               fill=1)
        c.setFillColor(ACCENT)
        c.rect(12.5 * mm + 0.3, H - 12.5 * mm - 5.8 * mm, W - 25 * mm - 0.6, 0.8 * mm,
               stroke=0, fill=1)
        # Small accent squares on the inner corners.
        for x, y in ((12.5, 12.5), (W / mm - 12.5, 12.5), (12.5, H / mm - 12.5),
                     (W / mm - 12.5, H / mm - 12.5)):
            c.rect((x - 1.6) * mm, (y - 1.6) * mm, 3.2 * mm, 3.2 * mm, stroke=0, fill=1)
        c.restoreState()

    def _header(self, c: Canvas) -> None:
        """Organisers' and partners' logos in a row; those without a logo named in one clean
        line (8 pt at least, two lines at most) instead of text in empty logo slots."""
        orgs = self.ws.organisers + self.ws.partners
        if not orgs:
            return
        top = H - 24 * mm
        logos = [org for org in orgs if org.logo and Path(org.logo).is_file()]
        plain = [self.names(org.name) for org in orgs
                 if not (org.logo and Path(org.logo).is_file())]
        if logos:
            slot = (W - 60 * mm) / len(logos)
            for i, org in enumerate(logos):
                cx = 30 * mm + slot * (i + 0.5)
                c.drawImage(org.logo, cx - slot / 2 + 2 * mm, top - 12 * mm, slot - 4 * mm,
                            14 * mm, preserveAspectRatio=True, anchor="c", mask="auto")
            top -= 15 * mm
        if plain:
            fitted = fit_text("  \u00b7  ".join(plain), SANS_BOLD, 9.5, 8, W - 70 * mm,
                              floor=8, max_lines=2)
            draw_lines(c, fitted, W / 2, top + (1 if len(fitted.lines) > 1 else -2) * mm,
                       colour=PRIMARY)

    def _titles(self, c: Canvas, kind: str) -> None:
        main, *other = self.langs
        title = gettext(TITLES[kind], main)
        c.setFillColor(PRIMARY)
        size = fit_font_size(title, SERIF_BOLD, 30, 18, W - 60 * mm - 1.2 * len(title))
        c.setFont(SERIF_BOLD, size)
        # One language: no English lines under the title, so the block sits a little lower.
        y = H - (55 if other else 60) * mm
        _spaced(c, W / 2, y, title, SERIF_BOLD, size, 1.2)
        if other:
            c.setFont(SANS, 11)
            c.setFillColor(MUTED)
            _spaced(c, W / 2, y - 7.5 * mm, gettext(TITLES[kind], other[0]), SANS, 11, 1.5)
            y -= 7.5 * mm
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(W / 2 - 28 * mm, y - 5 * mm, W / 2 + 28 * mm, y - 5 * mm)
        y -= 14 * mm
        c.setFont(SERIF, 13)
        c.setFillColor(INK)
        c.drawCentredString(W / 2, y, gettext(AWARDED, main))
        if other:
            c.setFont(SANS_ITALIC, 9)
            c.setFillColor(MUTED)
            c.drawCentredString(W / 2, y - 4.8 * mm, gettext(AWARDED, other[0]))

    def _workshop(self, c: Canvas, kind: str) -> None:
        main, *other = self.langs
        width = W - 100 * mm  # clear of the seal on the left
        title = self.text(self.ws.title, main)
        p = _fitted_paragraph(title, SERIF_BOLD, PRIMARY, (16, 15, 14, 13, 12, 11, 10), width)
        q = None
        if other and self.ws.title.get(other[0], self.ws.languages) != title:
            q = _fitted_paragraph(self.text(self.ws.title, other[0]), SANS_ITALIC, MUTED,
                                  (9.5, 9, 8.5, 8), width)
        block = (4.8 * mm if other else 0) + 4 * mm + p.height + (1 * mm + q.height if q else 0) \
            + (11.5 if other else 7) * mm
        # A long title pushes the block up into the space under the name, never down
        # into the signatures.
        y = H - 116 * mm + min(8 * mm, max(0.0, 62 * mm - (H - 116 * mm - block)))
        c.setFont(SERIF, 13)
        c.setFillColor(INK)
        c.drawCentredString(W / 2, y, gettext(FOR[kind], main))
        if other:
            c.setFont(SANS_ITALIC, 9)
            c.setFillColor(MUTED)
            c.drawCentredString(W / 2, y - 4.8 * mm, gettext(FOR[kind], other[0]))
            y -= 4.8 * mm
        y -= 4 * mm + p.height
        p.drawOn(c, (W - width) / 2, y)
        if q is not None:
            y -= 1 * mm + q.height
            q.drawOn(c, (W - width) / 2, y)
        c.setFont(SANS, 10.5)
        c.setFillColor(INK)
        c.drawCentredString(W / 2, y - 7 * mm, self._details(main))
        if other:
            c.setFont(SANS_ITALIC, 8.5)
            c.setFillColor(MUTED)
            c.drawCentredString(W / 2, y - 11.5 * mm, self._details(other[0]))

    def _details(self, lang: str) -> str:
        parts = []
        place = self._place(lang)
        when = format_date_range(self.ws.start, self.ws.end, lang)
        parts.append(f"{place}, {when}" if place else when)
        if self.hours > 0:
            parts.append(ngettext("{n} hour of training", "{n} hours of training", self.hours,
                                  lang).format(n=self.hours))
        return "  ·  ".join(parts)

    def _place(self, lang: str) -> str:
        city = self.text(self.ws.city, lang)
        country = country_name(self.ws.country, lang)
        if city and country:
            # TRANSLATORS: a place on a certificate; French "Dakar (Sénégal)".
            return gettext("{city}, {country}", lang).format(city=city, country=country)
        return city or country

    def _footer(self, c: Canvas) -> None:
        main, *other = self.langs
        signatories = self.ws.certificates.signatories
        if signatories:
            # Centred on the page, between the place/funders block and the QR code.
            if len(signatories) <= 2:
                slot, centre = 72 * mm, W / 2
            else:  # use the whole band between the place/funders block and the QR code
                slot, centre = (W - 135 * mm) / len(signatories), (80 * mm + W - 55 * mm) / 2
            left = centre - slot * len(signatories) / 2
            line_y = 40 * mm
            for i, person in enumerate(signatories):
                cx = left + slot * (i + 0.5)
                if person.signature and Path(person.signature).is_file():
                    c.drawImage(person.signature, cx - slot / 2 + 4 * mm, line_y + 1 * mm,
                                slot - 8 * mm, 12 * mm, preserveAspectRatio=True, anchor="c",
                                mask="auto")
                c.setStrokeColor(RULE)
                c.setLineWidth(0.6)
                c.line(cx - slot / 2 + 6 * mm, line_y, cx + slot / 2 - 6 * mm, line_y)
                c.setFillColor(INK)
                # a name is the same in every language; a placeholder ([Nom], [Name]) is not
                name = " / ".join(dict.fromkeys(self.text(person.name, lang)
                                                for lang in self.langs))
                size = fit_font_size(name, SANS_BOLD, 9.5, 7, slot - 6 * mm)
                c.setFont(SANS_BOLD, size)
                c.drawCentredString(cx, line_y - 4.5 * mm, name)
                roles: list[str] = []  # the role in each language, each wording once
                for lang in self.langs:
                    role = self.text(person.role, lang)
                    organisation = self.text(person.organisation, lang)
                    if organisation:
                        role = f"{role}, {organisation}" if role else organisation
                    if role and role not in roles:
                        roles.append(role)
                c.setFillColor(MUTED)
                for index, role in enumerate(roles):
                    c.setFont(SANS_ITALIC if index else SANS,
                              fit_font_size(role, SANS, 7 if index else 8, 6, slot - 4 * mm))
                    c.drawCentredString(cx, line_y - (8.5 + 3.2 * index) * mm, role)
        c.setFont(SANS, 8.5)
        c.setFillColor(INK)
        for index, lang in enumerate(self.langs):  # every line in each language
            city = self.text(self.ws.city, lang)
            done = gettext(DONE_AT, lang).format(city=city, date=format_date(self.date, lang)) \
                if city else format_date(self.date, lang)
            if index:
                c.setFont(SANS_ITALIC, 7.5)
                c.setFillColor(MUTED)
            c.drawString(22 * mm, (48 - 3.6 * index) * mm, done)
        # the EU as a vector emblem and statement, unless the file gives its own image
        eu = [f for f in self.ws.funders if is_eu(f) and not has_logo(f)]
        others = [f for f in self.ws.funders if f not in eu]
        logos = [f.logo for f in others if f.logo and Path(f.logo).is_file()]
        funders = [self.names(f.name) for f in others
                   if not (f.logo and Path(f.logo).is_file())]
        top = 35 * mm + 8
        if eu:
            # the EU emblem with its funding statement, as the EU's visibility rules ask
            draw_eu_funding_mark(c, 22 * mm, 36 * mm, 7 * mm, self.langs, size=7.5)
            top = 33 * mm
        if logos:
            # Funders' logos in one row (as donors' visibility rules ask), names of the others
            # below them.
            slot = min(25 * mm, 60 * mm / len(logos))
            for i, logo in enumerate(logos):
                c.drawImage(logo, 22 * mm + i * slot, top - 10 * mm, slot - 2 * mm, 9 * mm,
                            preserveAspectRatio=True, anchor="sw", mask="auto")
            top -= 11 * mm
        if (logos or funders) and not eu:
            c.setFont(SANS, 7.5)
            c.setFillColor(MUTED)
            funded = " / ".join(gettext(FUNDED, lang) for lang in self.langs)
            c.setFont(SANS, fit_font_size(funded, SANS, 7.5, 5.5, 60 * mm))
            c.drawString(22 * mm, 39 * mm, funded)
        elif funders:
            also = " / ".join(gettext(ALSO, lang) for lang in self.langs)
            c.setFont(SANS, fit_font_size(also, SANS, 7.5, 5.5, 60 * mm))
            c.setFillColor(MUTED)
            top -= 7.5
            c.drawString(22 * mm, top + 1, also)
            top -= 1.5
        if funders:
            # One funder a line while three or fewer fit; otherwise all the names run on,
            # word-wrapped, in four lines at most: no funder is left out, and nothing runs
            # into the signatures.
            width = 60 * mm
            sizes = [fit_font_size(name, SANS_BOLD, 8, 7, width) for name in funders]
            if len(funders) <= 3 and all(stringWidth(name, SANS_BOLD, size) <= width
                                         for name, size in zip(funders, sizes)):
                blocks = [([name], size) for name, size in zip(funders, sizes)]
            else:
                joined = " · ".join(funders)
                size = next((z / 2 for z in range(14, 9, -1)
                             if len(simpleSplit(joined, SANS_BOLD, z / 2, width)) <= 4), 5.0)
                blocks = [(simpleSplit(joined, SANS_BOLD, size, width), size)]
            y = top
            c.setFillColor(INK)
            for lines, size in blocks:
                c.setFont(SANS_BOLD, size)
                for line in lines:
                    y -= size * 1.15
                    c.drawString(22 * mm, y, line)
                y -= 0.6 * mm

    def _seal(self, c: Canvas) -> None:
        """A rosette on certificates of completion: they are told apart at a glance."""
        import math

        cx, cy, outer, inner = 38 * mm, 67 * mm, 11 * mm, 9.8 * mm
        c.saveState()
        c.setFillColor(ACCENT)
        path = c.beginPath()
        points = 36
        for i in range(2 * points):
            r = outer if i % 2 == 0 else inner
            angle = math.pi * i / points
            x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
            path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
        c.setStrokeColorRGB(1, 1, 1)
        c.setLineWidth(0.8)
        c.circle(cx, cy, 8.1 * mm, stroke=1, fill=0)
        c.setFillColorRGB(1, 1, 1)
        main = self.langs[0]
        word = gettext(COMPLETED, main)
        c.setFont(SANS_BOLD, fit_font_size(word, SANS_BOLD, 6.5, 4.5, 13 * mm))
        c.drawCentredString(cx, cy - 1 * mm, word)
        c.setFont(SANS, 7)
        c.drawCentredString(cx, cy + 2.8 * mm, "★ ★ ★")
        c.drawCentredString(cx, cy - 4.8 * mm, str(self.ws.end.year))
        c.restoreState()

    # ---------------------------------------------------------------- one page
    def draw(self, c: Canvas, cert: Certificate) -> None:
        c.doForm(self.form(c, cert.type))
        # N'Guessan as typed in the roster is printed N’Guessan (typography, not spelling)
        self._name(c, typeset(cert.participant.full_name, self.langs[0]))
        self._code(c, cert.code)
        c.showPage()

    def _name(self, c: Canvas, name: str) -> None:
        c.setFillColor(INK)
        base = H - 98 * mm
        size = fit_font_size(name, SERIF_BOLD, NAME_MAX, NAME_MIN, NAME_WIDTH)
        if stringWidth(name, SERIF_BOLD, size) <= NAME_WIDTH:
            c.setFont(SERIF_BOLD, size)
            c.drawCentredString(W / 2, base, name)
            return
        first, second = _split_name(name)
        size = min(fit_font_size(first, SERIF_BOLD, NAME_TWO_LINES_MAX, NAME_TWO_LINES_MIN,
                                 NAME_WIDTH),
                   fit_font_size(second, SERIF_BOLD, NAME_TWO_LINES_MAX, NAME_TWO_LINES_MIN,
                                 NAME_WIDTH))
        widest = max(stringWidth(first, SERIF_BOLD, size), stringWidth(second, SERIF_BOLD, size))
        if widest > NAME_WIDTH:  # one very long word: shrink further rather than overflow
            size *= NAME_WIDTH / widest
        c.setFont(SERIF_BOLD, size)
        # the second line sits where a one-line name sits: the same space below every name
        c.drawCentredString(W / 2, base + size * 1.08, first)
        c.drawCentredString(W / 2, base, second)

    def _code(self, c: Canvas, code: str) -> None:
        main = self.langs[0]
        side = 27 * mm
        x, y = W - 22 * mm - side, 24 * mm
        draw_qr(c, qr_value(self.ws, code), x, y, side)
        c.setFillColor(MUTED)
        c.setFont(SANS, 6.5)
        for index, lang in enumerate(self.langs):
            c.drawCentredString(x + side / 2, y - (3.2 + 2.6 * index) * mm, gettext(CODE, lang))
        c.setFillColor(INK)
        c.setFont(SANS_BOLD, 9)
        c.drawCentredString(x + side / 2, y - (7 + 2.6 * (len(self.langs) - 1)) * mm, code)
        url = self.ws.certificates.verify_url
        if url:
            c.setFont(SANS, 7)
            c.setFillColor(MUTED)
            c.drawCentredString(W / 2, 17.5 * mm, gettext(VERIFY, main).format(
                word=" / ".join(gettext(VERIFY_WORD, lang) for lang in self.langs),
                url=url.replace("{code}", code)))


def _spaced(c: Canvas, cx: float, y: float, text: str, font: str, size: float,
            spacing: float) -> None:
    """Centred text with letter spacing (for capitals titles)."""
    width = stringWidth(text, font, size) + spacing * (len(text) - 1)
    t = c.beginText(cx - width / 2, y)
    t.setFont(font, size)
    t.setCharSpace(spacing)
    t.textOut(text)
    t.setCharSpace(0)  # Tc stays in the graphics state otherwise
    c.drawText(t)


def _fitted_paragraph(text: str, font: str, colour, sizes, width: float) -> Paragraph:
    """A centred paragraph at the largest of ``sizes`` that keeps it to two lines."""
    for size in sizes:
        style = ParagraphStyle("cert-text", fontName=font_for(text, font), fontSize=size,
                               leading=size * 1.22,
                               textColor=colour, alignment=TA_CENTER)
        p = Paragraph(esc(text), style)
        p.wrap(width, 80 * mm)
        if len(p.blPara.lines) <= 2:
            break
    return p


def _split_name(name: str) -> tuple[str, str]:
    words = name.split()
    if len(words) < 2:
        half = len(name) // 2
        return name[:half] + "-", name[half:]
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) -
                                                        len(" ".join(words[i:]))))
    return " ".join(words[:best]), " ".join(words[best:])


def _canvas(target, workshop: Workshop, langs: tuple[str, ...]) -> Canvas:
    register_fonts()
    c = CompressingCanvas(target, pagesize=LANDSCAPE, invariant=1, initialFontName=SANS,
               initialFontSize=10, pageCompression=1, lang=langs[0])
    title = workshop.title.get(langs[0], workshop.languages)
    c.setTitle(gettext("Certificates – {title}", langs[0]).format(title=title))
    c.setAuthor(", ".join(o.name.get(langs[0], workshop.languages)
                          for o in workshop.organisers) or "workshop-toolkit")
    c.setSubject(" / ".join(gettext(N_("Certificates"), lang) for lang in langs))
    c.setCreator("workshop-toolkit")
    c.setProducer("workshop-toolkit (reportlab)")
    return c


def image_problems(workshop: Workshop) -> list[str]:
    """Every logo and signature image that is named, present, and cannot be drawn."""
    from ...images import image_problem

    named = [(o.logo, "logo") for o in workshop.organisers + workshop.partners +
             workshop.funders] + [(s.signature, "signature")
                                  for s in workshop.certificates.signatories]
    problems = []
    for path, what in named:
        if not path or not Path(path).is_file():
            continue  # a missing image is left out (validate warns about it)
        problem = image_problem(path)
        if problem:
            problems.append(_("{path}: the {what} image {problem}, or remove it from the "
                              "workshop file. No certificate was issued.").format(
                                path=path, what=what, problem=problem))
    return problems


def check_renderable(workshop: Workshop, kinds: Sequence[str], *, lang: str | None = None,
                     date: _dt.date | None = None) -> None:
    """Draw one certificate of each kind in memory: raises before anything is written."""
    from ...errors import InputFileError

    problems = image_problems(workshop)
    if problems:
        raise InputFileError(" ".join(problems))
    langs = languages_for(workshop, lang)
    from ...hours import learning_hours

    page = _Page(workshop, langs, learning_hours(workshop), date)
    c = _canvas(io.BytesIO(), workshop, langs)
    for kind in dict.fromkeys(kinds):
        page.draw(c, Certificate(Participant(id="P", given_names="Awa", family_name="Ndiaye"),
                                 kind, "CHECK-0000-0000"))
    c.save()


def render_certificates(workshop: Workshop,
                        certificates: Sequence[tuple[Participant, str, str]], *,
                        output: str | Path, split: str | Path | None = None,
                        lang: str | None = None, hours: int | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        date: _dt.date | None = None) -> Path:
    """Write one merged PDF (one page per certificate) and, with ``split``, one per person.

    ``date`` is the date printed ("Fait à ..., le ..."); the workshop's last day by default.
    """
    set_document_language(None)  # several languages: each text is typeset in its own
    from ...hours import learning_hours  # ceremonies, tests and evaluation are not training

    langs = languages_for(workshop, lang)
    page = _Page(workshop, langs, learning_hours(workshop) if hours is None else hours, date)
    items = [Certificate(p, kind, code) for p, kind, code in certificates]
    total = len(items) * (2 if split else 1)
    with atomic_write(output, "wb") as handle:
        c = _canvas(handle, workshop, langs)
        for done, cert in enumerate(items, start=1):
            page.draw(c, cert)
            if progress:
                progress(done, total)
        if not items:
            c.showPage()
        c.save()
    if split:
        _write_split(workshop, langs, page, items, Path(split), output, progress,
                     len(items), total)
    return Path(output)


MANIFEST = ".workshop-split.json"


def _write_split(workshop, langs, page, items, folder: Path, merged, progress, done, total):
    """One PDF per person and a ZIP of them, made only from a finished set.

    The folder keeps a hidden list of the files written there (``.workshop-split.json``).
    Before the first file is written, the old ZIP is removed and the list grows to hold the
    new names too; at the end the files of the old set that are not in the new one (a revoked
    certificate, say) are removed, the ZIP is written, and the list is the new set. A run
    interrupted anywhere therefore leaves no ZIP with an outdated certificate, and the next
    run removes what the interrupted one left.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("Cannot create the folder {folder}: {strerror}. Choose another "
                            "folder with --split.").format(folder=folder,
                                                           strerror=exc.strerror)) from exc
    zip_name = safe_filename(Path(merged).stem, default="certificates") + ".zip"
    names: dict[str, Certificate] = {}
    for cert in items:
        base = safe_filename(cert.participant.id, default="participant")
        name, n = f"{base}.pdf", 2
        while name in names or name == zip_name:  # two ids that reduce to the same name
            name, n = f"{base}-{n}.pdf", n + 1
        names[name] = cert
    previous = _read_manifest(folder, zip_name)
    _write_manifest(folder, zip_name, previous | set(names))
    (folder / zip_name).unlink(missing_ok=True)
    written: dict[str, bytes] = {}
    for name, cert in names.items():
        buffer = io.BytesIO()
        c = _canvas(buffer, workshop, langs)
        _Page(workshop, langs, page.hours, page.date).draw(c, cert)  # forms: one per canvas
        c.save()
        written[name] = buffer.getvalue()
        target = (folder / name).resolve()
        if target.parent != folder.resolve():  # safe_filename already prevents this
            raise OutputError(_("{name}: refused, it would be written outside {folder}.").format(
                                  name=name, folder=folder))
        write_bytes_atomic(folder / name, written[name])
        done += 1
        if progress:
            progress(done, total)
    for stale in sorted(previous - set(names)):
        (folder / stale).unlink(missing_ok=True)  # names checked by _read_manifest
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(written):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, written[name])
    write_bytes_atomic(folder / zip_name, archive.getvalue())
    _write_manifest(folder, zip_name, set(names))


def _read_manifest(folder: Path, zip_name: str) -> set[str]:
    """The per-person files an earlier run wrote (its list, else its ZIP's contents)."""
    names: set[str] = set()
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        names.update(str(n) for n in data.get(zip_name, []))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        with zipfile.ZipFile(folder / zip_name) as zf:
            names.update(zf.namelist())
    except (OSError, zipfile.BadZipFile):
        pass
    return {n for n in names if n.endswith(".pdf") and Path(n).name == n}


def _write_manifest(folder: Path, zip_name: str, names: set[str]) -> None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[zip_name] = sorted(names)
    write_bytes_atomic(folder / MANIFEST, json.dumps(data, indent=1).encode("utf-8"))
