"""The participant handout: what each module teaches, without the test answers."""
from __future__ import annotations

from reportlab.platypus import PageBreak, Paragraph

from ...model import Module, Reference, Workshop
from ..labels import label, text
from . import theme
from .agenda import colon, cover
from .guide import bullets, doc_info, doc_styles, module_intro
from ...i18n.typography import set_document_language


def reference_line(ref: Reference, ws: Workshop, lang: str) -> str:
    """'Convention relating to the Status of Refugees, art. 33 (1951)'."""
    line = text(ref.title, lang, ws)
    if ref.article:
        line += f", {ref.article}"
    if ref.publisher:
        line += f", {ref.publisher}"
    if ref.year:
        line += f" ({ref.year})"
    return line


def _module(module: Module, ws: Workshop, lang: str, st: theme.Styles) -> list:
    story = module_intro(module, ws, lang, st, keys=("summary",))
    messages = [text(k, lang, ws) for s in module.sessions for k in s.key_messages]
    if messages:
        story += [theme.para(label("key_messages", lang), st.h2), *bullets(messages, st)]
    texts = [(s, text(s.handout, lang, ws)) for s in module.sessions if s.handout]
    if texts:
        story.append(theme.para(label("handout_texts", lang), st.h2))
        for session, body in texts:
            story += [theme.para(text(session.title, lang, ws), st.h3), theme.para(body, st.body)]
    if module.definitions:
        story.append(theme.para(label("definitions", lang), st.h2))
        for item in module.definitions:
            line = (f"<b>{theme.esc(text(item.term, lang, ws))}</b>{colon(lang)}"
                    f"{theme.esc(text(item.text, lang, ws))}")
            if item.source:
                line += (f" <font color='#5F6B76'>({theme.esc(label('source', lang))}"
                         f"{colon(lang)}{theme.esc(item.source)})</font>")
            story.append(Paragraph(line, st.body))
    if module.references:
        story += [theme.para(label("references", lang), st.h2),
                  *bullets([reference_line(r, ws, lang) for r in module.references], st)]
    return story


def handout_pdf(ws: Workshop, lang: str) -> bytes:
    """The handout of every module of the workshop, in programme order."""
    set_document_language(lang)
    st = doc_styles()
    heading = label("handout", lang)
    story = cover(ws, lang, st, heading)
    for index, module in enumerate(ws.modules):
        if index:
            story.append(PageBreak())
        story += _module(module, ws, lang, st)
    return theme.build_story(story, doc_info(ws, lang, heading))
