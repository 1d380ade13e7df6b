"""Table tents: an A4 landscape sheet folded in two, the name on both faces."""
from __future__ import annotations

from reportlab.lib.units import mm

from ...model import Participant, Workshop
from ..labels import country_name, label, labels, text
from . import theme
from .fitting import Fitted, canvas_pdf, draw_lines, fit_text
from ...i18n.typography import set_document_language

PAGE_W, PAGE_H = theme.LANDSCAPE
HALF = PAGE_H / 2
SIDE = 20 * mm
INNER_W = PAGE_W - 2 * SIDE


def tent_blocks(person: Participant, ws: Workshop, lang: str) -> dict[str, Fitted]:
    """What one face prints, each fitted to the face's width."""
    org = ", ".join(p for p in (person.organisation.strip(),
                                country_name(person.country, lang)) if p)
    return {
        "given": fit_text(person.given_names.strip(), theme.SANS, 30, 18, INNER_W),
        "family": fit_text(person.family_name.strip().upper(), theme.SANS_BOLD, 56, 30,
                           INNER_W),
        "organisation": fit_text(org, theme.SANS, 16, 11, INNER_W),
        "title": fit_text(text(ws.title, lang, ws), theme.SANS, 9, 7, INNER_W),
    }


def _face(canvas, blocks: dict[str, Fitted]) -> None:
    """One face in the lower half of the page, upright."""
    centre = PAGE_W / 2
    colours = {"given": theme.INK, "family": theme.PRIMARY, "organisation": theme.MUTED}
    body = [(blocks[k], colour) for k, colour in colours.items() if blocks[k].lines != ("",)]
    gap = 4 * mm
    height = sum(b.height for b, _ in body) + gap * (len(body) - 1)
    top = (HALF + height) / 2 + 6 * mm
    for block, colour in body:
        top = draw_lines(canvas, block, centre, top, colour) - gap
    draw_lines(canvas, blocks["title"], centre, 14 * mm, theme.MUTED)
    canvas.setFillColor(theme.ACCENT)
    canvas.rect(SIDE, 8 * mm, INNER_W, 1.2 * mm, stroke=0, fill=1)


def tents_pdf(ws: Workshop, people: tuple[Participant, ...], lang: str,
              langs: tuple[str, ...]) -> bytes:
    """One folded tent per participant, in the order given."""
    set_document_language(lang)
    fold = labels("fold", langs)

    def draw(canvas) -> None:
        for person in people:
            blocks = tent_blocks(person, ws, lang)
            _face(canvas, blocks)
            canvas.saveState()
            # The top face is read from the other side of the table: turned half a circle.
            canvas.translate(PAGE_W, PAGE_H)
            canvas.rotate(180)
            _face(canvas, blocks)
            canvas.restoreState()
            canvas.setStrokeColor(theme.MUTED)
            canvas.setLineWidth(0.5)
            canvas.setDash(4, 3)
            canvas.line(8 * mm, HALF, PAGE_W - 8 * mm, HALF)
            canvas.setDash()
            canvas.setFont(theme.SANS, 7)
            canvas.setFillColor(theme.MUTED)
            canvas.drawString(8 * mm, HALF + 1.5 * mm, f"\u2702 {fold}")
            canvas.showPage()

    title = label("tents", lang)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang)
    return canvas_pdf(info, theme.LANDSCAPE, draw)
