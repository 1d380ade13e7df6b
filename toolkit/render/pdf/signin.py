"""Daily sign-in sheets (A4 landscape): who came, signed morning and afternoon.

No e-mail or phone number is ever printed: the sheet passes from hand to hand.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from ...i18n import format_date
from ...model import Participant, Workshop
from ...responses.text import strip_accents
from ...schedule import Schedule
from ..labels import country_name, label, labels, names, text
from . import theme

WALK_IN_ROWS = 5
BLANK_SHEET_ROWS = 20  # rows of a sheet printed before the roster is known
FACILITATOR_ROWS = 2  # blank lines for facilitators not in the programme
COLUMNS = (("no", 11), ("name", 50), ("sex", 14), ("organisation", 46), ("function", 34),
           ("country", 25), ("sign_morning", 40), ("sign_afternoon", 40))  # mm; ~261 total
ROW_PAD = 8  # points above and below: a one-line row is ~9 mm, room to sign


def sort_roster(people: tuple[Participant, ...], lang: str) -> list[Participant]:
    """Participants by country name, then family and given names (case and accents aside)."""
    def key(text: str) -> str:
        return strip_accents(text).casefold()

    # accents aside, so Bénin comes before Burkina Faso and Élise files with the E's
    return sorted(people, key=lambda p: (key(country_name(p.country, lang)),
                                         key(p.family_name), key(p.given_names), p.id))


def day_line(ws: Workshop, day_index: int, langs: tuple[str, ...]) -> str:
    """'Jour 1 · mercredi 10 avril 2019 / Wednesday 10 April 2019'."""
    day = ws.days[day_index]
    date = " / ".join(dict.fromkeys(format_date(day.date, code, weekday=True)
                                    for code in langs))
    return f"{label('day', langs[0])} {day_index + 1} \u00b7 {date}"


def _header(ws: Workshop, day_index: int, langs: tuple[str, ...], st: theme.Styles) -> Table:
    lang = langs[0]
    pairs = [("project", text(ws.project, lang, ws)), ("activity", text(ws.title, lang, ws)),
             ("venue", text(ws.venue, lang, ws)), ("city", text(ws.city, lang, ws)),
             ("date", day_line(ws, day_index, langs)),
             ("funders", names(ws.funders, lang, ws))]
    cells = [[theme.para(labels(key, langs), st.cell_bold), theme.para(value, st.cell)]
             for key, value in pairs]
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[40 * mm, 90 * mm, 40 * mm, 91 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("BOX", (0, 0), (-1, -1), 0.5, theme.RULE),
        ("BACKGROUND", (0, 0), (0, -1), theme.SHADE),
        ("BACKGROUND", (2, 0), (2, -1), theme.SHADE),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, theme.RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _people_table(people: list[Participant], langs: tuple[str, ...], day_line: str,
                  st: theme.Styles) -> Table:
    lang = langs[0]
    # The day is repeated above the columns on every page: loose pages stay attributable.
    rows = [[theme.para(day_line, st.cell_bold)] + [""] * (len(COLUMNS) - 1),
            [theme.para(labels(key, langs), st.cell_head) for key, _ in COLUMNS]]
    for number, person in enumerate(people, start=1):
        rows.append([theme.para(number, st.cell), theme.para(person.badge_name, st.cell_bold),
                     theme.para(person.sex, st.cell), theme.para(person.organisation, st.cell),
                     theme.para(person.function, st.cell),
                     theme.para(country_name(person.country, lang), st.cell), "", ""])
    blanks = WALK_IN_ROWS if people else BLANK_SHEET_ROWS
    for number in range(len(people) + 1, len(people) + blanks + 1):
        rows.append([theme.para(number, st.cell)] + [""] * (len(COLUMNS) - 1))
    # Heights grow with wrapped names instead of being fixed: nothing overprints.
    table = Table(rows, colWidths=[w * mm for _, w in COLUMNS], repeatRows=2)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), theme.SHADE_DARK),
        ("BACKGROUND", (0, 1), (-1, 1), theme.PRIMARY),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.RULE),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("VALIGN", (0, 2), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 2), (-1, -1), ROW_PAD),
        ("BOTTOMPADDING", (0, 2), (-1, -1), ROW_PAD),
        ("ROWBACKGROUNDS", (0, 2), (-1, -1), [theme.colors.white, theme.SHADE]),
    ]))
    return table


def _facilitators(schedule: Schedule, day_index: int, ws: Workshop, langs: tuple[str, ...],
                  st: theme.Styles) -> list:
    lang = langs[0]
    seen: dict[str, list[str]] = {}
    for slot in schedule.day_slots(day_index):
        if slot.facilitator:
            seen.setdefault(slot.facilitator, []).append(text(slot.title, lang, ws))
    head = [theme.para(labels(k, langs), st.cell_head)
            for k in ("name", "session", "signature")]
    rows = [head] + [[theme.para(name, st.cell), theme.para("; ".join(titles), st.cell), ""]
                     for name, titles in seen.items()]
    rows += [["", "", ""] for _ in range(FACILITATOR_ROWS)]
    table = Table(rows, colWidths=[70 * mm, 131 * mm, 60 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PAD),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PAD),
        ("BACKGROUND", (0, 0), (-1, 0), theme.MUTED),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return [Spacer(1, 3 * mm),
            KeepTogether([theme.para(labels("facilitators", langs), st.h3), table])]


def signin_pdf(ws: Workshop, schedule: Schedule, people: tuple[Participant, ...],
               langs: tuple[str, ...]) -> bytes:
    """One sheet (one or more pages) per day of the workshop."""
    st = theme.styles()
    lang = langs[0]
    theme.set_document_language(lang)
    keeper = names(ws.organisers, lang, ws) or text(ws.title, lang, ws)
    ordered = sort_roster(people, lang)
    story: list = []
    for index in range(len(ws.days)):
        if index:
            story.append(PageBreak())
        story += [Paragraph(f"{theme.esc(labels('signin', langs))} \u00b7 "
                            f"{theme.esc(label('day', lang))} {index + 1}", st.h1),
                  _header(ws, index, langs, st), Spacer(1, 2 * mm)]
        # The notice comes before the table, where people read it before they write.
        for code in dict.fromkeys(langs):
            keeper_l = names(ws.organisers, code, ws) or keeper
            story.append(theme.para(label("privacy", code).format(keeper=keeper_l), st.small))
        story += [Spacer(1, 1 * mm),
                  _people_table(ordered, langs, day_line(ws, index, langs), st)]
        story += _facilitators(schedule, index, ws, langs, st)
    title = labels("signin", langs)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang, header=text(ws.title, lang, ws),
                         footer=text(ws.city, lang, ws), page_label=label("page", lang))
    return theme.build_story(story, info, pagesize=theme.LANDSCAPE, margins=18 * mm)
