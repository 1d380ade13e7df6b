"""Daily sign-in sheets (A4 landscape): who came, signed morning and afternoon.

No e-mail or phone number is ever printed: the sheet passes from hand to hand.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from ...i18n import format_date
from ...model import Participant, Workshop
from ...plaintext import strip_accents
from ...schedule import Schedule
from ..labels import country_name, label, labels, names, text
from . import theme
from .visibility import all_marks, logo_strip
from .words import words

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


def _facilitator_names(schedule: Schedule, day_index: int, ws: Workshop,
                       lang: str) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for slot in schedule.day_slots(day_index):
        if slot.facilitator:
            seen.setdefault(slot.facilitator, []).append(text(slot.title, lang, ws))
    return seen


def _people_table(people: list[Participant], langs: tuple[str, ...], day_line: str,
                  st: theme.Styles, facilitators: dict[str, list[str]] | None = None,
                  blanks: int | None = None) -> Table:
    """One table for the day: participants, walk-in rows, then the facilitators' rows and
    the organiser's certification, which never go to a page of their own (the table may
    split only where at least two participant rows stay on each side, and never inside the
    facilitators' block)."""
    lang = langs[0]
    n = len(COLUMNS)
    # The day is repeated above the columns on every page: loose pages stay attributable.
    rows = [[theme.para(day_line, st.cell_bold)] + [""] * (n - 1),
            [theme.para(labels(key, langs), st.cell_head) for key, _ in COLUMNS]]
    for number, person in enumerate(people, start=1):
        rows.append([theme.para(number, st.cell), theme.para(person.badge_name, st.cell_bold),
                     theme.para(person.sex, st.cell), theme.para(person.organisation, st.cell),
                     theme.para(person.function, st.cell),
                     theme.para(country_name(person.country, lang), st.cell), "", ""])
    if blanks is None:
        blanks = WALK_IN_ROWS if people else BLANK_SHEET_ROWS
    for number in range(len(people) + 1, len(people) + blanks + 1):
        rows.append([theme.para(number, st.cell)] + [""] * (n - 1))
    last_person = len(rows) - 1
    # facilitators: name over columns 0-1, sessions over 2-5, signature over 6-7
    block = [[theme.para(words("facilitators", langs), st.cell_head)] + [""] * (n - 1)]
    block.append([theme.para(labels("name", langs), st.cell_bold), "",
                  theme.para(labels("session", langs), st.cell_bold), "", "", "",
                  theme.para(labels("signature", langs), st.cell_bold), ""])
    for name, titles in (facilitators or {}).items():
        block.append([theme.para(name, st.cell), "", theme.para("; ".join(titles), st.cell),
                      "", "", "", "", ""])
    block += [[""] * n for _ in range(FACILITATOR_ROWS)]
    block.append([theme.para(words("certified", langs), st.cell)] + [""] * (n - 1))
    first_block = len(rows)
    rows += block
    # Heights grow with wrapped names instead of being fixed: nothing overprints.
    # the last page of the day holds at least two named participants (blank sheet: rows)
    table = theme.SplitTable(rows, colWidths=[w * mm for _, w in COLUMNS], repeatRows=2,
                             tail=max(4, len(people) if people else last_person - 1))
    style = [
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), theme.SHADE_DARK),
        ("BACKGROUND", (0, 1), (-1, 1), theme.PRIMARY),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.RULE),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("VALIGN", (0, 2), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 2), (-1, -1), ROW_PAD),
        ("BOTTOMPADDING", (0, 2), (-1, -1), ROW_PAD),
        ("ROWBACKGROUNDS", (0, 2), (-1, last_person), [theme.colors.white, theme.SHADE]),
        ("SPAN", (0, first_block), (-1, first_block)),
        ("BACKGROUND", (0, first_block), (-1, first_block), theme.MUTED),
        ("TOPPADDING", (0, first_block), (-1, first_block + 1), 3),
        ("BOTTOMPADDING", (0, first_block), (-1, first_block + 1), 3),
        ("LINEABOVE", (0, first_block), (-1, first_block), 1.2, theme.INK),
        ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
        ("VALIGN", (0, len(rows) - 1), (-1, len(rows) - 1), "TOP"),
        ("TOPPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 3),
        ("BOTTOMPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 14 * mm),
    ]
    for row in range(first_block + 1, len(rows) - 1):
        style += [("SPAN", (0, row), (1, row)), ("SPAN", (2, row), (5, row)),
                  ("SPAN", (6, row), (7, row))]
    table.setStyle(TableStyle(style))
    return table


FRAME = (theme.LANDSCAPE[0] - 36 * mm, theme.LANDSCAPE[1] - 36 * mm)


def _pages(head: list, table: Table) -> int:
    """How many pages the day's sheet takes (the head above the table on the first)."""
    width, height = FRAME
    avail = height - sum(item.wrap(width, height)[1] + item.getSpaceBefore() +
                         item.getSpaceAfter() for item in head)
    pages, rest = 1, table
    while True:
        rest.wrap(width, avail)
        if rest._height <= avail:
            return pages
        parts = [part for part in rest.split(width, avail) if isinstance(part, Table)]
        if len(parts) < 2:  # nothing fits here: the whole table starts on the next page
            pages, avail = pages + 1, height
            continue
        pages, rest, avail = pages + 1, parts[1], height


def _walk_ins(head: list, table, named: bool) -> int | None:
    """As many walk-in rows (up to WALK_IN_ROWS) as fit without adding a page: the
    facilitators' rows then share the last page with participants, never a page alone."""
    if not named:
        return None
    fewest = _pages(head, table(0))
    return next(n for n in range(WALK_IN_ROWS, -1, -1) if n == 0 or
                _pages(head, table(n)) == fewest)


def _title_line(title, marks: list) -> Table:
    """The sheet's title on the left, the logos and the EU funding mark on the right."""
    if not marks:
        return title
    strip = logo_strip(marks, 0)
    width = sum(m.width for m in marks) + 6 * mm * len(marks)
    line = Table([[title, strip]], colWidths=[261 * mm - width, width])
    line.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.SANS),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return line


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
        start = len(story)
        title = Paragraph(f"{theme.esc(labels('signin', langs))} \u00b7 "
                          f"{theme.esc(label('day', lang))} {index + 1}", st.h1)
        story += [_title_line(title, all_marks(ws, lang)), _header(ws, index, langs, st),
                  Spacer(1, 2 * mm)]
        # The notice comes before the table, where people read it before they write.
        for code in dict.fromkeys(langs):
            keeper_l = names(ws.organisers, code, ws) or keeper
            story.append(theme.para(label("privacy", code).format(keeper=keeper_l), st.small))
        head = story[start:] + [Spacer(1, 1 * mm)]
        facilitators = _facilitator_names(schedule, index, ws, lang)

        def table(blanks: int | None = None, index=index, facilitators=facilitators):
            return _people_table(ordered, langs, day_line(ws, index, langs), st,
                                 facilitators, blanks)

        story += [Spacer(1, 1 * mm), table(_walk_ins(head, table, bool(ordered)))]
    title = labels("signin", langs)
    info = theme.DocInfo(title=f"{title} \u2014 {text(ws.title, lang, ws)}", subject=title,
                         lang=lang, author=names(ws.organisers, lang, ws) or "workshop-toolkit",
                         header=text(ws.title, lang, ws),
                         footer=text(ws.city, lang, ws), page_label=label("page", lang))
    return theme.build_story(story, info, pagesize=theme.LANDSCAPE, margins=18 * mm)
