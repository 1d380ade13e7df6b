"""The participant handout: what each module teaches, without the test answers.

A cover (with the organisers' logos, the EU funding mark and disclaimer when the EU funds
the workshop), then per module its objectives, key messages, the session texts structured
(structure.blocks: a timeline as a table, checklists with tick boxes, lists), the module's
definitions once, as a list of terms, and its references.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer, Table, TableStyle

from ...i18n.typography import set_document_language
from ...model import Module, Reference, Workshop
from ..labels import label, text
from . import theme
from .agenda import colon
from .guide import FRAME_H, bullets, doc_info, doc_styles, module_intro, title_page
from .papertest import TickBox
from .structure import Block, blocks, fold, repeats_definitions
from .words import word

WIDTH = theme.PORTRAIT[0] - 2 * theme.MARGIN


def reference_line(ref: Reference, ws: Workshop, lang: str) -> str:
    """'Convention relating to the Status of Refugees, art. 33 (1951)'."""
    line = text(ref.title, lang, ws)
    for part in (ref.article, ref.publisher):  # each in the document's language
        if part:
            line += f", {text(part, lang, ws)}"
    if ref.year:
        line += f" ({ref.year})"
    return line


def _grid(rows: list, widths: list[float], st: theme.Styles, *, head: bool = False) -> Table:
    table = theme.SplitTable(rows, colWidths=widths, repeatRows=1 if head else 0, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), theme.SANS),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LINEBELOW", (0, 0), (-1, -1), 0.4, theme.RULE)]
    if head:
        style += [("BACKGROUND", (0, 0), (-1, 0), theme.PRIMARY)]
    table.setStyle(TableStyle(style))
    return table


def _boxes(items, st: theme.Styles) -> Table:
    """Items each with an empty square to tick."""
    rows = [[TickBox(3.2 * mm), theme.para(item, st.body)] for item in items]
    table = theme.SplitTable(rows, colWidths=[7 * mm, WIDTH - 7 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.SANS),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def render_block(block: Block, lang: str, st: theme.Styles) -> list:
    """Flowables of one structured block of a handout text."""
    if block.kind == "prose":
        return theme.paras(block.items[0], st.body)  # any length, in linear time
    if block.kind == "timeline":
        rows = [[theme.para(word("year", lang), st.cell_head),
                 theme.para(word("event", lang), st.cell_head)]]
        rows += [[theme.para(year, st.cell_bold), theme.para(event, st.cell)]
                 for year, event in block.items]
        return [_grid(rows, [16 * mm, WIDTH - 16 * mm], st, head=True), Spacer(1, 2 * mm)]
    if block.kind == "terms":
        return [term_list(block.items, st), Spacer(1, 2 * mm)]
    if block.kind == "checklist":
        return [_boxes(block.items, st), Spacer(1, 2 * mm)]
    return bullets(list(block.items), st, numbered=block.kind == "numbered")


def term_list(items, st: theme.Styles, sources=None) -> Table:
    """A list of terms: the term in bold on the left, its text (and source) on the right."""
    sources = sources or [""] * len(items)
    rows = []
    for (term, body), source in zip(items, sources):
        cell = [theme.para(body, st.cell)]
        if source:
            cell.append(theme.para(source, ParagraphStyle("src", parent=st.small,
                                                           fontSize=7.5, leading=9.5)))
        rows.append([theme.para(term, st.cell_bold), cell])
    return _grid(rows, [40 * mm, WIDTH - 40 * mm], st)


def _module(module: Module, ws: Workshop, lang: str, st: theme.Styles) -> list:
    story = module_intro(module, ws, lang, st, keys=("summary",))
    messages = [text(k, lang, ws) for s in module.sessions for k in s.key_messages]
    if messages:
        story += [theme.para(label("key_messages", lang), st.h2), *bullets(messages, st)]
    defined = {fold(text(d.term, lang, ws)) for d in module.definitions}
    texts = []
    for session in module.sessions:
        body = text(session.handout, lang, ws)
        if not body:
            continue
        found = blocks(body)
        if defined and repeats_definitions(found, defined):
            continue  # the same terms are in the definitions below: printed once
        texts.append((session, found))
    if texts:
        story.append(theme.para(label("handout_texts", lang), st.h2))
        for session, found in texts:
            parts = [part for block in found for part in render_block(block, lang, st)]
            # the session's title never ends a page: it goes with the start of its text
            story.append(theme.para(text(session.title, lang, ws), st.h3))
            theme.keep_after_headings(story, parts[:1])
            story += parts[1:]
    if module.definitions:
        items = [(text(d.term, lang, ws), text(d.text, lang, ws)) for d in module.definitions]
        sources = [f"{label('source', lang)}{colon(lang)}{text(d.source, lang, ws)}"
                   if d.source else ""
                   for d in module.definitions]
        story += [theme.para(label("definitions", lang), st.h2),
                  term_list(items, st, sources), Spacer(1, 2 * mm)]
    if module.references:
        story += [theme.para(label("references", lang), st.h2),
                  *bullets([reference_line(r, ws, lang) for r in module.references], st)]
    return story


def handout_pdf(ws: Workshop, lang: str) -> bytes:
    """The handout of every module of the workshop, in programme order."""
    from ...schedule import build_schedule
    from .guide import running

    set_document_language(lang)
    st = doc_styles()
    heading = label("handout", lang)
    schedule = build_schedule(ws)
    story = title_page(ws, lang, st, heading, disclaimer=True)
    for index, module in enumerate(ws.modules):
        if index:
            story.append(CondPageBreak(0.45 * FRAME_H))
        story += [running(module, schedule, ws, lang), *_module(module, ws, lang, st)]
    return theme.build_story(story, doc_info(ws, lang, heading))
