"""The facilitator guide: a cover, contents, the programme at a glance, then every module's
sessions with timing, steps and the test answers; the running header names module and day.

Page-break discipline: every heading and the fields under a session's title keep with what
follows (keepWithNext chains), a question never splits, and a module starts on a new page
only when less than half a page is left, so no page holds a stray question.
"""
from __future__ import annotations

import dataclasses

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...i18n import format_date, format_date_range, format_number, format_time
from ...i18n.typography import set_document_language
from ...model import Module, Question, Session, Workshop
from ...schedule import Schedule
from ..labels import country_name, label, method_label, names, text
from . import theme
from .agenda import colon, day_table
from .visibility import identity_block
from .words import word

CHECK = "\u2713"  # ✓, in DejaVu Sans


def doc_styles() -> theme.Styles:
    """The theme's styles with headings kept on the page of what follows them."""
    st = theme.styles()
    return dataclasses.replace(st, **{
        name: ParagraphStyle(f"{name}-kwn", parent=getattr(st, name), keepWithNext=1)
        for name in ("h1", "h2", "h3")})


def boxed(flowable, width: float) -> Table:
    """A shaded box with an accent bar on the left: facilitator notes stand out."""
    box = Table([[flowable]], colWidths=[width])
    box.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.SANS),
        ("BACKGROUND", (0, 0), (-1, -1), theme.SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, theme.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return box


def bullets(items: list[str], st: theme.Styles, *, numbered: bool = False) -> list:
    """Escaped list items as bullet (or numbered) paragraphs."""
    return [Paragraph(theme.esc(item), st.bullet,
                      bulletText=f"{i}." if numbered else "\u2022")
            for i, item in enumerate(items, start=1) if item]


def field(name: str, value: str, lang: str, st: theme.Styles, *, keep: bool = False):
    """'<b>Label</b> : value' as one paragraph (kept with what follows with ``keep``)."""
    style = ParagraphStyle("field-kwn", parent=st.body, keepWithNext=1) if keep else st.body
    return Paragraph(f"<b>{theme.esc(name)}</b>{colon(lang)}{theme.esc(value)}", style)


def title_page(ws: Workshop, lang: str, st: theme.Styles, heading: str, *,
               disclaimer: bool = True) -> list:
    """A cover page: project, title, document, dates and place, the organisations behind
    the workshop (logos, EU funding mark, disclaimer), then a page break."""
    width = theme.PORTRAIT[0] - 2 * theme.MARGIN
    place = ", ".join(p for p in (text(ws.venue, lang, ws), text(ws.city, lang, ws),
                                  country_name(ws.country, lang)) if p)
    big = ParagraphStyle("cover-title", parent=st.title, fontSize=24, leading=30,
                         spaceAfter=10)
    doc = ParagraphStyle("cover-doc", parent=st.h1, fontSize=17, leading=22,
                         textColor=theme.ACCENT, spaceBefore=0, spaceAfter=12)
    story: list = [Spacer(1, 28 * mm)]
    if text(ws.project, lang, ws):
        story.append(theme.para(text(ws.project, lang, ws).upper(), st.small))
    story += [theme.para(text(ws.title, lang, ws), big), theme.para(heading, doc),
              theme.para(format_date_range(ws.start, ws.end, lang), st.subtitle)]
    if place:
        story.append(theme.para(place, st.body))
    rule = Table([[""]], colWidths=[width], rowHeights=[2])
    rule.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.SANS),
                              ("LINEABOVE", (0, 0), (-1, 0), 1.2, theme.ACCENT)]))
    bottom = [rule, Spacer(1, 4 * mm), *identity_block(ws, lang, width, st,
                                                      disclaimer=disclaimer)]
    # the organisations sit at the foot of the cover, as on a printed report
    used = sum(_height(f, width) for f in story + bottom)
    story += [Spacer(1, max(12 * mm, FRAME_H - used - 2 * mm)), *bottom, PageBreak()]
    return story


def _height(flowable, width: float) -> float:
    return (flowable.wrap(width, FRAME_H)[1] + flowable.getSpaceBefore() +
            flowable.getSpaceAfter())


def module_days(module: Module, schedule: Schedule, ws: Workshop, lang: str) -> str:
    """'Jour 2' or 'Jours 1–2' (the days the module's sessions are scheduled on)."""
    days = sorted({slot.day_index + 1 for session in module.sessions
                   for slot in schedule.session_slots(session.id)})
    if not days:
        return ""
    word_ = label("day", lang)
    if len(days) == 1:
        when = format_date(ws.days[days[0] - 1].date, lang, weekday=True)
        return f"{word_} {days[0]} ({when})"
    plural = {"fr": "Jours", "en": "Days"}.get(lang, word_)
    return f"{plural} {days[0]}\u2013{days[-1]}"


def running(module: Module, schedule: Schedule, ws: Workshop, lang: str) -> theme.RunningHeader:
    """The running header of a module's pages: module and day."""
    parts = [f"{label('module', lang)}{colon(lang)}{text(module.title, lang, ws)}",
             module_days(module, schedule, ws, lang)]
    return theme.RunningHeader(" \u00b7 ".join(p for p in parts if p))


def glance(ws: Workshop, schedule: Schedule, lang: str, st: theme.Styles) -> list:
    """The programme at a glance: each day's timetable, compact, each kept on one page."""
    width = theme.PORTRAIT[0] - 2 * theme.MARGIN
    compact = dataclasses.replace(st, cell=ParagraphStyle("gl-cell", parent=st.cell,
                                                          fontSize=7.5, leading=9),
                                  cell_bold=ParagraphStyle("gl-bold", parent=st.cell_bold,
                                                           fontSize=7.5, leading=9),
                                  cell_head=ParagraphStyle("gl-head", parent=st.cell_head,
                                                           fontSize=7.5, leading=9))
    named = any(slot.facilitator for slot in schedule.slots)
    story: list = [theme.TocEntry(0, word("glance", lang)),
                   theme.para(word("glance", lang), st.h1)]
    days = []
    for index, day in enumerate(ws.days):
        when = format_date(day.date, lang, weekday=True)
        title = f"{label('day', lang)} {index + 1} \u00b7 {when}"
        table = day_table(ws, schedule, index, lang, compact, width, facilitators=named)
        table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1.2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2)]))
        days.append([theme.para(title, st.h3), table, Spacer(1, 1.5 * mm)])
    # One page when the days fit; else as many days on each page, never a day alone.
    room = FRAME_H - 12 * mm
    heights = [sum(f.wrap(width, FRAME_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in day) for day in days]
    per_page = len(days) if sum(heights) <= room else max(1, (len(days) + 1) // 2)
    for index, block in enumerate(days):
        if index and index % per_page == 0:
            story.append(PageBreak())
        if index == 0:
            theme.keep_after_headings(story, block)
        else:
            story.append(KeepTogether(block))
    return story


def _timing(session: Session, schedule: Schedule, lang: str) -> str:
    slots = schedule.session_slots(session.id)
    if not slots:
        return f"{label('not_scheduled', lang)} \u00b7 {session.minutes} {label('minutes', lang)}"
    parts = []
    for slot in slots:
        when = format_date(slot.date, lang, weekday=True)
        parts.append(f"{label('day', lang)} {slot.day_index + 1}, {when}, "
                     f"{format_time(slot.start, lang)}\u2013{format_time(slot.end, lang)}")
    return f"{'; '.join(parts)} \u00b7 {session.minutes} {label('minutes', lang)}"


def _session(module: Module, session: Session, schedule: Schedule, ws: Workshop, lang: str,
             st: theme.Styles) -> list:
    objectives = {o.id: o for o in module.objectives}
    slot = next(iter(schedule.session_slots(session.id)), None)
    title = text(session.title, lang, ws)
    # A chain of keepWithNext: title and fields always go with the first lines below them.
    story = [theme.TocEntry(1, title), theme.para(title, st.h2),
             field(label("timing", lang), _timing(session, schedule, lang), lang, st,
                   keep=True),
             field(label("method", lang), method_label(session.method, lang), lang, st,
                   keep=True)]
    if slot is not None and slot.facilitator:
        story.append(field(label("facilitator", lang), slot.facilitator, lang, st, keep=True))
    served = [text(objectives[o].text, lang, ws) for o in session.objectives if o in objectives]
    for key, items, numbered in (("objectives", served, False),
                                 ("steps", [text(s, lang, ws) for s in session.steps], True),
                                 ("key_messages", [text(k, lang, ws)
                                                   for k in session.key_messages], False)):
        if items:
            story += [theme.para(label(key, lang), st.h3), *bullets(items, st, numbered=numbered)]
    if session.facilitator_notes:
        width = theme.PORTRAIT[0] - 2 * theme.MARGIN
        story += [theme.para(word("notes", lang), st.h3),
                  boxed(theme.para(text(session.facilitator_notes, lang, ws), st.body), width),
                  Spacer(1, 2 * mm)]
    if session.materials:
        story += [theme.para(label("materials", lang), st.h3),
                  *bullets([text(m, lang, ws) for m in session.materials], st)]
    return story


def _answer_lines(question: Question, ws: Workshop, lang: str) -> list[tuple[str, bool]]:
    if question.type == "number":
        value = format_number(question.answer, lang, decimals=0 if question.answer is not None
                              and float(question.answer).is_integer() else 2)
        if question.tolerance:
            value += f" (\u00b1 {format_number(question.tolerance, lang, decimals=2)})"
        return [(f"{label('answer', lang)}{colon(lang)}{value}", True)]
    lettered = question.type in ("single", "multiple")
    return [((f"{choice.id}) " if lettered else "") + text(choice.text, lang, ws), choice.correct)
            for choice in question.choices]


def _questions(module: Module, ws: Workshop, lang: str, st: theme.Styles) -> list:
    objectives = {o.id for o in module.objectives}
    questions = [q for q in module.questions if q.objective in objectives]
    if not questions:
        return []
    story = [theme.para(label("questions", lang), st.h2)]
    for number, question in enumerate(questions, start=1):
        block = [Paragraph(f"<b>{number}. {theme.esc(text(question.text, lang, ws))}</b> "
                           f"<font color='#5F6B76' size='8'>({theme.esc(question.id)}, "
                           f"{theme.esc(label('objective', lang).lower())} "
                           f"{theme.esc(question.objective)})</font>", st.body)]
        for line, correct in _answer_lines(question, ws, lang):
            if correct:
                block.append(Paragraph(f"<b>{theme.esc(line)}</b> \u2014 "
                                       f"<font color='#0B4F8A'>{theme.esc(label('correct', lang))}"
                                       "</font>", st.bullet, bulletText=CHECK))
            else:
                block.append(Paragraph(theme.esc(line), st.bullet, bulletText="\u25cb"))
        if question.explanation:
            block.append(Paragraph(f"<i>{theme.esc(label('explanation', lang))}{colon(lang)}"
                                   f"{theme.esc(text(question.explanation, lang, ws))}</i>",
                                   st.note))
        block.append(Spacer(1, 2 * mm))
        theme.keep_after_headings(story, block)  # the first goes with the heading above
    return story


def module_intro(module: Module, ws: Workshop, lang: str, st: theme.Styles,
                 keys=("summary", "audience", "prerequisites")) -> list:
    """Module title, its descriptive fields and its objectives."""
    story = [theme.para(f"{label('module', lang)}{colon(lang)}{text(module.title, lang, ws)}",
                        st.h1)]
    for key in keys:
        value = getattr(module, key)
        if value:
            story.append(field(label(key, lang), text(value, lang, ws), lang, st))
    if module.objectives:
        story += [theme.para(label("objectives", lang), st.h3),
                  *bullets([text(o.text, lang, ws) for o in module.objectives], st)]
    return story


def guide_pdf(ws: Workshop, schedule: Schedule, lang: str) -> bytes:
    """The facilitator guide of every module of the workshop, in programme order."""
    set_document_language(lang)
    st = doc_styles()
    heading = word("guide", lang)
    story = title_page(ws, lang, st, heading, disclaimer=True)
    story += [theme.para(word("contents", lang), st.h1), theme.table_of_contents(st),
              PageBreak()]
    story += glance(ws, schedule, lang, st)
    for module in ws.modules:
        story += [PageBreak() if module is ws.modules[0] else CondPageBreak(0.5 * FRAME_H),
                  running(module, schedule, ws, lang),
                  theme.TocEntry(0, f"{label('module', lang)}{colon(lang)}"
                                    f"{text(module.title, lang, ws)}")]
        story += module_intro(module, ws, lang, st)
        for session in module.sessions:
            story += _session(module, session, schedule, ws, lang, st)
        story += _questions(module, ws, lang, st)
    return theme.build_story(story, doc_info(ws, lang, heading))


FRAME_H = theme.PORTRAIT[1] - 36 * mm


def authors(ws: Workshop, lang: str) -> str:
    """The PDF author of a workshop's documents: its organisers (else the toolkit)."""
    return names(ws.organisers, lang, ws) or "workshop-toolkit"


def doc_info(ws: Workshop, lang: str, heading: str) -> theme.DocInfo:
    """Metadata and running header/footer of a materials document."""
    return theme.DocInfo(
        title=f"{heading} \u2014 {text(ws.title, lang, ws)}", subject=heading, lang=lang,
        author=authors(ws, lang), header=heading, cover=True,
        footer=", ".join(p for p in (text(ws.city, lang, ws),
                                     format_date_range(ws.start, ws.end, lang)) if p),
        page_label=label("page", lang))
