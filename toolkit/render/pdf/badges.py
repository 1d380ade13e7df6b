"""Name badges: eight 90 × 55 mm badges per A4 page, 6 mm apart, with crop marks.

Each badge has its own crop marks at its four corners, in the gap or the margin, so a page
with three badges has marks for three badges only. Names and organisations wrap onto more
lines rather than shrink below 8 pt. The bottom strip gives the role and the participant
code (the code the paper test asks for). Badges come in the order of the sign-in sheets.
"""
from __future__ import annotations

from reportlab.lib.units import mm

from ...i18n.typography import set_document_language
from ...model import Participant, Workshop
from ..labels import country_name, label, names, text
from . import theme
from .fitting import Fitted, canvas_pdf, draw_lines, fit_text
from .signin import sort_roster
from .words import word

BADGE_W, BADGE_H = 90 * mm, 55 * mm
COLS, ROWS = 2, 4
GAP = 6 * mm  # between badges: each is cut on its own lines
PAD = 5 * mm
BAND = 10 * mm
STRIP = 6.5 * mm  # bottom strip: role and participant code
INNER_W = BADGE_W - 2 * PAD
CUT = 3.5 * mm  # length of a crop mark
OFFSET = 1 * mm  # a crop mark starts this far from the corner
FLOOR = 8  # no badge text below this size (points)


def role(person: Participant, lang: str) -> str:
    """'Participante' / 'Participant' (by sex in French)."""
    key = {"F": "participant_f", "M": "participant_m"}.get(person.sex.upper(), "participant")
    return word(key, lang)


def badge_blocks(person: Participant, ws: Workshop, lang: str) -> dict[str, Fitted]:
    """What a badge prints, each fitted to the badge's inner width."""
    return {
        "title": fit_text(text(ws.title, lang, ws), theme.SANS_BOLD, 8.5, 7, INNER_W,
                          floor=7, max_lines=3),
        "given": fit_text(person.given_names.strip(), theme.SANS, 13, 10, INNER_W,
                          floor=FLOOR, max_lines=2),
        "family": fit_text(person.family_name.strip().upper(), theme.SANS_BOLD, 20, 13,
                           INNER_W, floor=11, max_lines=3),
        "organisation": fit_text(person.organisation.strip(), theme.SANS, 9.5, FLOOR, INNER_W,
                                 floor=FLOOR, max_lines=3),
        "country": fit_text(country_name(person.country, lang), theme.SANS, 9, FLOOR, INNER_W,
                            floor=FLOOR),
    }


def _origin(index: int, page_w: float, page_h: float) -> tuple[float, float]:
    col, row = index % COLS, index // COLS
    left = (page_w - COLS * BADGE_W - (COLS - 1) * GAP) / 2
    top = (page_h + ROWS * BADGE_H + (ROWS - 1) * GAP) / 2
    return left + col * (BADGE_W + GAP), top - row * (BADGE_H + GAP) - BADGE_H


def crop_marks(canvas, x: float, y: float) -> None:
    """Marks at the four corners of the badge at (x, y), outside it: where the cuts are."""
    canvas.setStrokeColor(theme.INK)
    canvas.setLineWidth(0.3)
    for cx in (x, x + BADGE_W):
        for cy in (y, y + BADGE_H):
            dx = -1 if cx == x else 1
            dy = -1 if cy == y else 1
            canvas.line(cx + dx * OFFSET, cy, cx + dx * (OFFSET + CUT), cy)
            canvas.line(cx, cy + dy * OFFSET, cx, cy + dy * (OFFSET + CUT))


def _badge(canvas, x: float, y: float, blocks: dict[str, Fitted], person: Participant,
           lang: str) -> None:
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
    gap = 1.6 * mm
    height = sum(b.height for b, _ in body) + gap * (len(body) - 1)
    room = BADGE_H - BAND - STRIP
    top = y + STRIP + (room + height) / 2
    for block, colour in body:
        top = draw_lines(canvas, block, centre, top, colour) - gap
    # bottom strip: role on the left, participant code on the right
    canvas.setFillColor(theme.SHADE)
    canvas.rect(x, y, BADGE_W, STRIP, stroke=0, fill=1)
    canvas.setFillColor(theme.ACCENT)
    canvas.rect(x, y + STRIP - 0.8 * mm, BADGE_W, 0.8 * mm, stroke=0, fill=1)
    canvas.setFillColor(theme.INK)
    canvas.setFont(theme.SANS_BOLD, 8.5)
    canvas.drawString(x + PAD, y + 2 * mm, role(person, lang).upper())
    canvas.setFont(theme.SANS, 8.5)
    canvas.drawRightString(x + BADGE_W - PAD, y + 2 * mm,
                           f"{word('code', lang)} {person.id}")


def badges_pdf(ws: Workshop, people: tuple[Participant, ...], lang: str) -> bytes:
    """The badges of every participant, in the order of the sign-in sheets."""
    set_document_language(lang)
    page_w, page_h = theme.PORTRAIT
    per_page = COLS * ROWS
    ordered = sort_roster(tuple(people), lang)

    def draw(canvas) -> None:
        for start in range(0, len(ordered), per_page):
            for i, person in enumerate(ordered[start:start + per_page]):
                x, y = _origin(i, page_w, page_h)
                _badge(canvas, x, y, badge_blocks(person, ws, lang), person, lang)
                crop_marks(canvas, x, y)
            canvas.showPage()

    title = label("badges", lang)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang, author=names(ws.organisers, lang, ws) or "workshop-toolkit")
    return canvas_pdf(info, theme.PORTRAIT, draw)
