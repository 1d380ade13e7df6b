"""The facilitator guide: every module's sessions with timing, steps and the test answers."""
from __future__ import annotations

import dataclasses

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from ...i18n import format_date, format_number, format_time
from ...model import Module, Question, Session, Workshop
from ...schedule import Schedule
from ..labels import label, method_label, text
from . import theme
from .agenda import colon, cover
from ...i18n.typography import set_document_language

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


def field(name: str, value: str, lang: str, st: theme.Styles):
    """'<b>Label</b> : value' as one paragraph."""
    return Paragraph(f"<b>{theme.esc(name)}</b>{colon(lang)}{theme.esc(value)}", st.body)


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
    head = [theme.para(text(session.title, lang, ws), st.h2),
            field(label("timing", lang), _timing(session, schedule, lang), lang, st),
            field(label("method", lang), method_label(session.method, lang), lang, st)]
    if slot is not None and slot.facilitator:
        head.append(field(label("facilitator", lang), slot.facilitator, lang, st))
    story = [KeepTogether(head)]
    served = [text(objectives[o].text, lang, ws) for o in session.objectives if o in objectives]
    for key, items, numbered in (("objectives", served, False),
                                 ("steps", [text(s, lang, ws) for s in session.steps], True),
                                 ("key_messages", [text(k, lang, ws)
                                                   for k in session.key_messages], False)):
        if items:
            story += [theme.para(label(key, lang), st.h3), *bullets(items, st, numbered=numbered)]
    if session.facilitator_notes:
        width = theme.PORTRAIT[0] - 2 * theme.MARGIN
        story += [theme.para(label("notes", lang), st.h3),
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
        story.append(KeepTogether(block))
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
    heading = label("guide", lang)
    story = cover(ws, lang, st, heading)
    for index, module in enumerate(ws.modules):
        if index:
            story.append(PageBreak())
        story += module_intro(module, ws, lang, st)
        for session in module.sessions:
            story += _session(module, session, schedule, ws, lang, st)
        story += _questions(module, ws, lang, st)
    return theme.build_story(story, doc_info(ws, lang, heading))


def doc_info(ws: Workshop, lang: str, heading: str) -> theme.DocInfo:
    """Metadata and running header/footer of a materials document."""
    from ...i18n import format_date_range

    return theme.DocInfo(
        title=f"{heading} \u2014 {text(ws.title, lang, ws)}", subject=heading, lang=lang,
        header=f"{text(ws.title, lang, ws)} \u00b7 {heading}",
        footer=", ".join(p for p in (text(ws.city, lang, ws),
                                     format_date_range(ws.start, ws.end, lang)) if p),
        page_label=label("page", lang))
