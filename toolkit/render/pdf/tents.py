"""Table tents: an A4 landscape sheet folded in two, the name on both faces."""
from __future__ import annotations

from reportlab.lib.units import mm

from ...i18n.typography import set_document_language
from ...model import Participant, Workshop
from ..labels import country_name, label, labels, names, text
from . import theme
from .fitting import Fitted, canvas_pdf, draw_lines, fit_text
from .signin import sort_roster

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
        "organisation": fit_text(org, theme.SANS, 16, 11, INNER_W, floor=11, max_lines=3),
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


def fold_symbol(canvas, x: float, y: float, size: float = 4 * mm) -> None:
    """A fold mark: a half-turn arrow over the fold line (a fold, not a cut: no scissors)."""
    canvas.saveState()
    canvas.setStrokeColor(theme.MUTED)
    canvas.setFillColor(theme.MUTED)
    canvas.setLineWidth(0.7)
    canvas.arc(x, y - size / 2, x + size, y + size / 2, startAng=180, extent=-180)
    tip = canvas.beginPath()  # arrow head at the arc's end, pointing down to the line
    tip.moveTo(x + size - 1.1 * mm, y + 0.4 * mm)
    tip.lineTo(x + size + 1.1 * mm, y + 0.4 * mm)
    tip.lineTo(x + size, y - 1.2 * mm)
    tip.close()
    canvas.drawPath(tip, stroke=0, fill=1)
    canvas.restoreState()


def fold_line(canvas, fold: str) -> None:
    """The fold line across the middle: dash-dot (the fold line of technical drawings), a
    fold mark at each end and the words 'Plier ici / Fold here'."""
    canvas.saveState()
    canvas.setStrokeColor(theme.MUTED)
    canvas.setLineWidth(0.5)
    canvas.setDash([6, 2, 1, 2])
    canvas.line(8 * mm, HALF, PAGE_W - 8 * mm, HALF)
    canvas.restoreState()
    fold_symbol(canvas, 9 * mm, HALF + 2.2 * mm)
    fold_symbol(canvas, PAGE_W - 13 * mm, HALF + 2.2 * mm)
    canvas.setFont(theme.SANS, 7)
    canvas.setFillColor(theme.MUTED)
    canvas.drawString(15 * mm, HALF + 1.5 * mm, fold)


def tents_pdf(ws: Workshop, people: tuple[Participant, ...], lang: str,
              langs: tuple[str, ...]) -> bytes:
    """One folded tent per participant, in the order given."""
    set_document_language(lang)
    fold = labels("fold", langs)
    people = tuple(sort_roster(tuple(people), lang))  # the order of the sign-in sheets

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
            fold_line(canvas, fold)
            canvas.showPage()

    title = label("tents", lang)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang, author=names(ws.organisers, lang, ws) or "workshop-toolkit")
    return canvas_pdf(info, theme.LANDSCAPE, draw)
