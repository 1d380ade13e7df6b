"""Name badges: eight 90 × 55 mm badges per A4 page, with cut marks."""
from __future__ import annotations

from reportlab.lib.units import mm

from ...model import Participant, Workshop
from ..labels import country_name, label, text
from . import theme
from .fitting import Fitted, canvas_pdf, draw_lines, fit_text
from ...i18n.typography import set_document_language

BADGE_W, BADGE_H = 90 * mm, 55 * mm
COLS, ROWS = 2, 4
PAD = 5 * mm
BAND = 11 * mm
INNER_W = BADGE_W - 2 * PAD
CUT = 4 * mm  # length of a cut mark, drawn outside the badges


def badge_blocks(person: Participant, ws: Workshop, lang: str) -> dict[str, Fitted]:
    """What a badge prints, each fitted to the badge's inner width."""
    return {
        "title": fit_text(text(ws.title, lang, ws), theme.SANS_BOLD, 8.5, 6.5, INNER_W),
        "given": fit_text(person.given_names.strip(), theme.SANS, 13, 9, INNER_W),
        "family": fit_text(person.family_name.strip().upper(), theme.SANS_BOLD, 22, 13,
                           INNER_W),
        "organisation": fit_text(person.organisation.strip(), theme.SANS, 9.5, 7, INNER_W),
        "country": fit_text(country_name(person.country, lang), theme.SANS, 9, 7, INNER_W),
    }


def _origin(index: int, page_w: float, page_h: float) -> tuple[float, float]:
    col, row = index % COLS, index // COLS
    left = (page_w - COLS * BADGE_W) / 2
    top = (page_h + ROWS * BADGE_H) / 2
    return left + col * BADGE_W, top - (row + 1) * BADGE_H


def _cut_marks(canvas, page_w: float, page_h: float) -> None:
    left = (page_w - COLS * BADGE_W) / 2
    bottom = (page_h - ROWS * BADGE_H) / 2
    right, top = left + COLS * BADGE_W, bottom + ROWS * BADGE_H
    canvas.setStrokeColor(theme.INK)
    canvas.setLineWidth(0.4)
    for i in range(COLS + 1):
        x = left + i * BADGE_W
        canvas.line(x, top + 1 * mm, x, top + 1 * mm + CUT)
        canvas.line(x, bottom - 1 * mm, x, bottom - 1 * mm - CUT)
    for j in range(ROWS + 1):
        y = bottom + j * BADGE_H
        canvas.line(left - 1 * mm, y, left - 1 * mm - CUT, y)
        canvas.line(right + 1 * mm, y, right + 1 * mm + CUT, y)


def _badge(canvas, x: float, y: float, blocks: dict[str, Fitted]) -> None:
    canvas.setStrokeColor(theme.RULE)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, BADGE_W, BADGE_H, stroke=1, fill=0)
    canvas.setFillColor(theme.PRIMARY)
    canvas.rect(x, y + BADGE_H - BAND, BADGE_W, BAND, stroke=0, fill=1)
    centre = x + BADGE_W / 2
    title = blocks["title"]
    draw_lines(canvas, title, centre, y + BADGE_H - (BAND - title.height) / 2,
               colour=theme.colors.white)
    colours = {"given": theme.INK, "family": theme.PRIMARY, "organisation": theme.INK,
               "country": theme.MUTED}
    body = [(blocks[k], colour) for k, colour in colours.items() if blocks[k].lines != ("",)]
    gap = 2.2 * mm
    height = sum(b.height for b, _ in body) + gap * (len(body) - 1)
    top = y + (BADGE_H - BAND - 3 * mm + height) / 2 + 1.5 * mm
    for block, colour in body:
        top = draw_lines(canvas, block, centre, top, colour) - gap
    canvas.setFillColor(theme.ACCENT)
    canvas.rect(x, y, BADGE_W, 1.5 * mm, stroke=0, fill=1)


def badges_pdf(ws: Workshop, people: tuple[Participant, ...], lang: str) -> bytes:
    """The badges of every participant, in the order given."""
    set_document_language(lang)
    page_w, page_h = theme.PORTRAIT
    per_page = COLS * ROWS

    def draw(canvas) -> None:
        for start in range(0, len(people), per_page):
            for i, person in enumerate(people[start:start + per_page]):
                _badge(canvas, *_origin(i, page_w, page_h), badge_blocks(person, ws, lang))
            _cut_marks(canvas, page_w, page_h)
            canvas.showPage()

    title = label("badges", lang)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang)
    return canvas_pdf(info, theme.PORTRAIT, draw)
