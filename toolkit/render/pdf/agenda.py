"""The agenda PDF: a cover block, then one timetable per day."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...i18n import format_date, format_date_range, format_time, gettext
from ...i18n.typography import set_document_language
from ...model import Workshop
from ...schedule import Schedule, Slot
from ..labels import country_name, label, method_label, names, text
from . import theme
from .visibility import identity_block

COLUMNS = (26 * mm, None, 34 * mm, 38 * mm)  # time, session (the rest), method, facilitator


def cover(ws: Workshop, lang: str, st: theme.Styles, heading: str) -> list:
    """Title, dates, place and the organisations behind the workshop."""
    place = ", ".join(p for p in (text(ws.venue, lang, ws), text(ws.city, lang, ws),
                                  country_name(ws.country, lang)) if p)
    story = [para_or_none(text(ws.project, lang, ws), st.small),
             theme.para(text(ws.title, lang, ws), st.title),
             theme.para(heading, st.h2),
             theme.para(format_date_range(ws.start, ws.end, lang), st.subtitle),
             theme.para(place, st.body)]
    # organisers' and partners' logos (or one line of names), the EU funding mark, funders
    story += identity_block(ws, lang, theme.PORTRAIT[0] - 2 * theme.MARGIN, st,
                            disclaimer=False)
    story.append(Spacer(1, 4 * mm))
    return [item for item in story if item is not None]


def colon(lang: str) -> str:
    """': ' in English, ' : ' with a no-break space in French (from the catalogue)."""
    # TRANSLATORS: between a label and its value ("Venue: Dakar"); French " : ".
    return gettext(": ", lang)


def para_or_none(value: str, style):
    return theme.para(value, style) if value else None


def _time(slot: Slot, lang: str) -> str:
    return f"{format_time(slot.start, lang)}\u2013{format_time(slot.end, lang)}"


def day_table(ws: Workshop, schedule: Schedule, index: int, lang: str, st: theme.Styles,
              width: float, *, facilitators: bool = True) -> Table:
    """The timetable of one day: time, session, method (and facilitator when any is named).

    A module's name heads its run of sessions once instead of repeating on every row.
    """
    keys = ("time", "session", "method", "facilitator")[:4 if facilitators else 3]
    columns = COLUMNS[:len(keys)]
    rows = [[theme.para(label(k, lang), st.cell_head) for k in keys]]
    shaded, module_rows = [], []
    module_style = ParagraphStyle("module", parent=st.cell_bold, textColor=theme.PRIMARY)
    modules = {m.id: m for m in ws.modules}
    current = None
    for slot in schedule.day_slots(index):
        title = text(slot.title, lang, ws)
        blank = [""] * (len(keys) - 2)
        if slot.kind in ("break", "free"):  # free time is shown as such, never a blank hole
            shaded.append(len(rows))
            rows.append([theme.para(_time(slot, lang), st.cell),
                         Paragraph(f"<i>{theme.esc(title)}</i>", st.cell), *blank])
            continue
        module = modules.get(slot.module_id)
        if module is not None and slot.module_id != current:
            module_rows.append(len(rows))
            rows.append([theme.para(f"{label('module', lang)}{colon(lang)}"
                                    f"{text(module.title, lang, ws)}", module_style), "", *blank])
        current = slot.module_id
        row = [theme.para(_time(slot, lang), st.cell),
               Paragraph(f"<b>{theme.esc(title)}</b>", st.cell),
               theme.para(method_label(slot.method, lang), st.cell)]
        if facilitators:
            row.append(theme.para(slot.facilitator, st.cell))
        rows.append(row)
    fixed = sum(w for w in columns if w)
    widths = [w or width - fixed for w in columns]
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        # Empty string cells are drawn in the table's own font: never the base-14 default.
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("BACKGROUND", (0, 0), (-1, 0), theme.PRIMARY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, theme.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for at in shaded:
        style += [("BACKGROUND", (0, at), (-1, at), theme.SHADE),
                  ("SPAN", (1, at), (-1, at))]
    for at in module_rows:
        style += [("SPAN", (0, at), (-1, at)), ("TOPPADDING", (0, at), (-1, at), 6),
                  ("LINEBELOW", (0, at), (-1, at), 0.8, theme.ACCENT)]
    table.setStyle(TableStyle(style))
    return table


def agenda_pdf(ws: Workshop, schedule: Schedule, lang: str) -> bytes:
    """The agenda of a workshop as PDF bytes."""
    set_document_language(lang)
    st = theme.styles()
    width = theme.PORTRAIT[0] - 2 * theme.MARGIN
    heading = label("agenda", lang)
    story = cover(ws, lang, st, heading)
    named = any(slot.facilitator for slot in schedule.slots)
    for index, day in enumerate(ws.days):
        when = format_date(day.date, lang, weekday=True)
        title = f"{label('day', lang)} {index + 1} \u00b7 {when}"
        if day.title:
            title += f" \u2014 {text(day.title, lang, ws)}"
        story.append(KeepTogether([theme.para(title, st.h2),
                                   day_table(ws, schedule, index, lang, st, width,
                                             facilitators=named),
                                   Spacer(1, 3 * mm)]))
    info = theme.DocInfo(
        title=f"{heading} \u2014 {text(ws.title, lang, ws)}", subject=heading, lang=lang,
        author=names(ws.organisers, lang, ws) or "workshop-toolkit",
        header=text(ws.title, lang, ws),
        footer=", ".join(p for p in (text(ws.city, lang, ws),
                                     format_date_range(ws.start, ws.end, lang)) if p),
        page_label=label("page", lang))
    return theme.build_story(story, info)
