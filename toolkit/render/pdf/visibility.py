"""Funder visibility: organisers' and funders' logos, and the European Union's emblem,
funding statement and disclaimer on every document of an EU-funded workshop.

The EU emblem is drawn as vector graphics from its official geometric description (a blue
rectangle 1.5 times as wide as high; twelve upright five-pointed gold stars on an invisible
circle whose radius is a third of the height, centred where the diagonals cross; each star's
points on a circle of radius one eighteenth of the height; Reflex Blue #003399, Yellow
#FFCC00), so nothing is fetched or shipped as an image. The funding statement stands beside
the emblem and is never separated from it; the disclaimer is the one of the EU's 2021-2027
visibility rules, with "the granting authority" when the workshop file names none.

Use from any document (the evaluation report too):

* ``eu_funded(ws)`` - is one of the funders the European Union?
* ``EUEmblem(height)`` - the emblem as a platypus Flowable; ``draw_eu_emblem(canvas, x, y,
  height)`` on a canvas;
* ``EUFundingMark(lang, height)`` - emblem and "Funded by the European Union" side by side;
* ``funding_statement(lang)``, ``eu_disclaimer(lang)`` - the texts;
* ``identity_block(ws, lang, width, st)`` - for covers: organisers' logos (or a deliberate
  text line), the EU mark, the other funders' logos or names, and the disclaimer.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ...i18n import N_, gettext
from ...model import Organisation, Workshop
from . import theme

EU_BLUE = colors.HexColor("#003399")  # Pantone Reflex Blue
EU_YELLOW = colors.HexColor("#FFCC00")  # Pantone Yellow

# English msgids; the catalogue gives the other languages (French adds its own "de").
_STATEMENT = N_("Funded by the European Union")
_DISCLAIMER = N_("Funded by the European Union. Views and opinions expressed are however those "
                 "of the author(s) only and do not necessarily reflect those of the European "
                 "Union or {authority}. Neither the European Union nor the granting authority "
                 "can be held responsible for them.")
_AUTHORITY = N_("the granting authority")

_EU_NAMES = re.compile(r"^(the\s+)?(european\s+union|union\s+europ[ée]enne|eu|ue)"
                       r"(\s*\((eu|ue)\))?$", re.IGNORECASE)


def is_eu(org: Organisation) -> bool:
    """True when the organisation is the European Union (by its name in any language)."""
    return any(_EU_NAMES.match(" ".join(value.split())) for _, value in org.name.values)


def eu_funded(ws: Workshop) -> bool:
    """True when one of the workshop's funders is the European Union."""
    return any(is_eu(org) for org in ws.funders)


def has_logo(org: Organisation) -> bool:
    return bool(org.logo) and Path(org.logo).is_file()


def funding_statement(lang: str) -> str:
    """'Funded by the European Union' / 'Financé par l’Union européenne'."""
    return gettext(_STATEMENT, lang)


def eu_disclaimer(lang: str, authority: str = "") -> str:
    """The standard disclaimer of EU-funded publications (2021-2027 visibility rules)."""
    return gettext(_DISCLAIMER, lang).format(authority=authority or gettext(_AUTHORITY, lang))


def star_points(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    """The ten corners of an upright five-pointed star whose points lie on ``radius``."""
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(54))
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        angle = math.radians(90 + 36 * i)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def star_centres(x: float, y: float, height: float) -> list[tuple[float, float]]:
    """The centres of the twelve stars of an emblem whose lower-left corner is (x, y)."""
    cx, cy, ring = x + height * 0.75, y + height / 2, height / 3
    return [(cx + ring * math.cos(math.radians(90 - 30 * k)),
             cy + ring * math.sin(math.radians(90 - 30 * k))) for k in range(12)]


def draw_eu_emblem(canvas, x: float, y: float, height: float) -> None:
    """The EU emblem, ``height`` high and 1.5 × ``height`` wide, lower-left corner at (x, y)."""
    canvas.saveState()
    canvas.setFillColor(EU_BLUE)
    canvas.rect(x, y, height * 1.5, height, stroke=0, fill=1)
    canvas.setFillColor(EU_YELLOW)
    for cx, cy in star_centres(x, y, height):
        path = canvas.beginPath()
        for i, (px, py) in enumerate(star_points(cx, cy, height / 18)):
            path.moveTo(px, py) if i == 0 else path.lineTo(px, py)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class EUEmblem(Flowable):
    """The EU emblem as a Flowable (vector)."""

    def __init__(self, height: float = 12 * mm):
        super().__init__()
        self.width, self.height = height * 1.5, height

    def draw(self) -> None:
        draw_eu_emblem(self.canv, 0, 0, self.height)


class EUFundingMark(Flowable):
    """The emblem with the funding statement beside it, in one piece (they are never
    separated): the statement in the theme's sans, black, vertically centred."""

    def __init__(self, lang: str | Sequence[str], height: float = 11 * mm,
                 size: float | None = None):
        super().__init__()
        langs = (lang,) if isinstance(lang, str) else tuple(lang)
        self.lang = langs[0]
        self.size = size or max(7.5, min(11.0, height / mm * 0.95))
        # a bilingual document says it in each of its languages, one line each
        self.lines = [funding_statement(one) for one in langs]
        self.text = " / ".join(self.lines)
        self.emblem_h = height
        self.width = height * 1.5 + 2.5 * mm + max(
            theme.text_width(line, theme.SANS_BOLD, self.size) for line in self.lines)
        self.height = height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self) -> None:
        draw_eu_emblem(self.canv, 0, 0, self.emblem_h)
        self.canv.setFont(theme.SANS_BOLD, self.size)
        self.canv.setFillColor(theme.INK)
        leading = self.size * 1.15
        top = self.emblem_h / 2 + leading * (len(self.lines) - 1) / 2 - self.size * 0.35
        for index, line in enumerate(self.lines):
            self.canv.drawString(self.emblem_h * 1.5 + 2.5 * mm, top - index * leading, line)


def draw_eu_funding_mark(canvas, x: float, y: float, height: float, lang: str | Sequence[str],
                         size: float | None = None) -> float:
    """Emblem and statement on a canvas from (x, y); returns the width used."""
    mark = EUFundingMark(lang, height, size)
    mark.canv = canvas
    canvas.saveState()
    canvas.translate(x, y)
    mark.draw()
    canvas.restoreState()
    del mark.canv
    return mark.width


class Logo(Flowable):
    """An organisation's logo image, scaled to fit ``width`` × ``height``, aspect kept."""

    def __init__(self, path: str, width: float, height: float):
        super().__init__()
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(path).getSize()
        scale = min(width / iw, height / ih)
        self.path, self.width, self.height = path, iw * scale, ih * scale

    def draw(self) -> None:
        self.canv.drawImage(self.path, 0, 0, self.width, self.height, mask="auto")


def logo_strip(items: list[Flowable], width: float, gap: float = 6 * mm) -> Table:
    """Logos (and marks) side by side, left-aligned, vertically centred."""
    table = Table([items], colWidths=[item.width + gap for item in items], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.SANS),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def funder_marks(ws: Workshop, lang: str, height: float = 11 * mm) -> tuple[list, list[str]]:
    """(Flowables: the EU mark and the funders' logos; names of funders without a logo)."""
    marks: list = []
    names: list[str] = []
    for org in ws.funders:
        if is_eu(org) and not has_logo(org):  # the file's own image of the EU mark wins
            marks.append(EUFundingMark(lang, height))
        elif has_logo(org):
            marks.append(Logo(org.logo, 40 * mm, height))
        else:
            names.append(org.name.get(lang, ws.languages))
    return marks, names


def all_marks(ws: Workshop, lang: str, height: float = 9 * mm) -> list:
    """Every logo the workshop file gives (organisers, partners, funders) and the EU funding
    mark, for a document's header line."""
    logos: list = [Logo(o.logo, 35 * mm, height) for o in ws.organisers + ws.partners
                   if has_logo(o)]
    return logos + funder_marks(ws, lang, height)[0]


def identity_block(ws: Workshop, lang: str, width: float, st: theme.Styles, *,
                   disclaimer: bool = True) -> list:
    """The organisations behind a document, for its cover: organisers' and partners' logos
    (those without a logo named in one text line), then the EU funding mark and the other
    funders' logos or names, then the EU disclaimer (publications only)."""
    from ..labels import label

    colon = gettext(": ", lang)
    story: list = []
    for key, orgs in (("organisers", ws.organisers), ("partners", ws.partners)):
        if not orgs:
            continue
        logos = [Logo(o.logo, 45 * mm, 14 * mm) for o in orgs if has_logo(o)]
        if logos:
            story += [logo_strip(logos, width), Spacer(1, 2 * mm)]
        plain = [o.name.get(lang, ws.languages) for o in orgs if not has_logo(o)]
        if plain:
            story.append(Paragraph(f"<b>{theme.esc(label(key, lang))}</b>{colon}"
                                   f"{theme.esc(', '.join(plain))}", st.body))
    marks, names = funder_marks(ws, lang)
    if marks:
        story += [Spacer(1, 2 * mm), logo_strip(marks, width, gap=8 * mm), Spacer(1, 2 * mm)]
    if names:
        story.append(Paragraph(f"<b>{theme.esc(label('funders', lang))}</b>{colon}"
                               f"{theme.esc(', '.join(names))}", st.body))
    if disclaimer and eu_funded(ws):
        story.append(Paragraph(theme.esc(eu_disclaimer(lang)), st.small))
    return story
