"""The pre- or post-test on paper: header, a box for code and name, instructions, questions.

Every choice carries a letter (A, B, C, ...) so answers can be typed in as letters and scored
with the letters key (render/testform.py), whose rows follow the question numbers. Round
boxes ask for one answer, square boxes for several. Questions never split across pages. No
answers and no internal question ids are printed; an end line closes the test.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...i18n import N_, document_language, format_date, format_number, gettext
from ...i18n.typography import set_document_language
from ...i18n.typography import typeset as _typeset
from ...model import Question, Workshop
from ...stages import (
    STAGE_TITLES,
    TF_CHOICES,
    choice_name,
    is_plain_true_false,
    letters,
    xlsform_names,
)
from .theme import (
    INK,
    MARGIN,
    MUTED,
    PORTRAIT,
    PRIMARY,
    RULE,
    SANS,
    SHADE,
    DocInfo,
    build_story,
    esc,
    para,
    styles,
)

_T = {  # English msgids; the catalogue gives the other languages
    "code": N_("Participant code"),
    "name": N_("Name"),
    "instructions": N_("Instructions"),
    "single": N_("○ Round boxes: tick the one correct answer."),
    "multiple": N_("□ Square boxes: tick every correct answer (one or more)."),
    "true-false": N_("True / False: tick True or False."),
    "number": N_("Number: write your answer in figures in the box."),
    "general": N_("Answer on your own, without notes. If you do not know, leave the question "
                  "blank. You will use the same code for the pre-test and the post-test."),
    "several": N_("(select all that apply)"),
    "answer": N_("Answer:"),
    "points": N_("{n} pt"),
    "points_plural": N_("{n} pts"),
    "page": N_("Page"),
    "questions": N_("{n} questions"),
    "end": N_("End of the test. Check that your participant code is written at the top of "
              "the first page, then hand in your sheet. Thank you!"),
}


_MUTED_HEX = "#" + MUTED.hexval()[2:]


def typeset(text: str, lang: str) -> str:
    """The language's typography (toolkit.i18n.typography), so that no « ? ! : ; » starts a
    line in French."""
    return _typeset(text, lang)


class TickBox(Flowable):
    """An empty round (one answer) or square (several answers) box to tick."""

    def __init__(self, size: float = 3.6 * mm, round_: bool = False):
        super().__init__()
        self.size, self.round = size, round_
        # A little taller than drawn, so that the box sits on the first text line's baseline.
        self.width, self.height = size, size + 1.2

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        if self.round:
            canvas.circle(self.size / 2, self.size / 2, self.size / 2, stroke=1, fill=0)
        else:
            canvas.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def render_paper_test(ws: Workshop, questions: tuple[Question, ...], *, stage: str,
                      lang: str | None = None) -> bytes:
    """The printable test as PDF bytes, in ``lang`` (default: the workshop's first language)."""
    langs = tuple(ws.languages) or ("fr",)
    lang = document_language(langs, lang)
    set_document_language(lang)
    fallback = (lang, *langs)

    def t(key: str, **fmt) -> str:
        text = gettext(_T[key], lang)
        return typeset(text.format(**fmt) if fmt else text, lang)

    st = styles()
    question_style = ParagraphStyle("question", parent=st.body, fontSize=10.5, leading=14)
    choice_style = ParagraphStyle("choice", parent=st.body, fontSize=10, leading=13,
                                  spaceAfter=0)
    title = typeset(ws.title.get(lang, fallback=fallback), lang)
    stage_title = STAGE_TITLES[stage].get(lang, fallback=("en", "fr"))
    day = ws.start if stage == "pre" else ws.end
    where = ws.city.get(lang, fallback=fallback)
    dated = ", ".join(p for p in (where, format_date(day, lang)) if p)
    width = PORTRAIT[0] - 2 * MARGIN

    story: list = [
        para(title, st.title),
        Paragraph(f"<b>{esc(stage_title)}</b> — {esc(dated)} — "
                  f"{esc(t('questions', n=len(questions)))}", st.subtitle),
        _identity_box(t("code"), t("name"), width, st),
        Spacer(1, 5 * mm),
        _instructions(questions, t, width, st),
        Spacer(1, 6 * mm),
    ]
    show_points = any(q.points != 1 for q in questions)
    names = xlsform_names(questions)
    for number, question in enumerate(questions, 1):
        story.append(_question_block(number, question, names[question.id], lang, fallback, t,
                                     width, question_style, choice_style, show_points))
    end = ParagraphStyle("end", parent=st.body, fontName=st.cell_bold.fontName,
                         alignment=TA_CENTER, textColor=PRIMARY, spaceBefore=4)
    story.append(_end_line(Paragraph(esc(t("end")), end), width))
    organisers = ", ".join(o.name.get(lang, fallback=fallback) for o in ws.organisers)
    info = DocInfo(title=f"{title} — {stage_title}", subject=stage_title, lang=lang,
                   author=organisers or "workshop-toolkit",
                   header=f"{title} — {stage_title}", footer=dated, page_label=t("page"))
    return build_story(story, info)


def _end_line(paragraph, width: float) -> Table:
    """The test's last line, between rules: nobody wonders whether a page is missing."""
    table = Table([[paragraph]], colWidths=[width])
    table.setStyle(_style([("LINEABOVE", (0, 0), (-1, 0), 1, PRIMARY),
                           ("LINEBELOW", (0, -1), (-1, -1), 1, PRIMARY),
                           ("TOPPADDING", (0, 0), (-1, -1), 6),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return table


def _points(value: float, lang: str) -> str:
    return str(int(value)) if float(value).is_integer() else format_number(value, lang)


def _style(commands: list) -> TableStyle:
    # Empty string cells are drawn with the table's font: never let it default to Helvetica.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def _identity_box(code_label: str, name_label: str, width: float, st) -> Table:
    label = st.cell_bold
    table = Table([[para(code_label, label), "", ""], [para(name_label, label), "", ""]],
                  colWidths=[38 * mm, 55 * mm, width - 93 * mm],
                  rowHeights=[11 * mm, 11 * mm])
    table.setStyle(_style([
        ("BOX", (1, 0), (1, 0), 1, INK),
        ("BOX", (1, 1), (2, 1), 1, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]))
    return table


def _instructions(questions, t, width: float, st) -> Table:
    kinds = {q.type for q in questions}
    lines = [para(t("general"), st.cell)]
    lines += [para(t(kind), st.cell) for kind in ("single", "multiple", "true-false", "number")
              if kind in kinds]
    rows = [[para(t("instructions"), st.cell_bold)]] + [[line] for line in lines]
    table = Table(rows, colWidths=[width])
    table.setStyle(_style([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2, PRIMARY),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return table


def _question_block(number: int, question: Question, name: str, lang: str,
                    fallback: tuple[str, ...],
                    t, width: float, q_style: ParagraphStyle, c_style: ParagraphStyle,
                    show_points: bool) -> KeepTogether:
    text = esc(typeset(question.text.get(lang, fallback=fallback), lang))
    if question.type == "multiple":
        text += f' <font color="{_MUTED_HEX}">{esc(t("several"))}</font>'
    if show_points:
        key = "points" if question.points <= 1 else "points_plural"
        points = t(key, n=_points(question.points, lang))
        text += f' <font color="{_MUTED_HEX}">[{esc(points)}]</font>'
    # No internal id in the participant's margin: typists go by the question numbers,
    # which the letters key's rows follow.
    head = Table([[Paragraph(f"<b>{number}.</b>", q_style), Paragraph(text, q_style)]],
                 colWidths=[9 * mm, width - 9 * mm])
    head.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    parts: list = [head]
    if question.type == "number":
        answer = Table([["", para(t("answer"), c_style), ""]],
                       colWidths=[9 * mm, 24 * mm, 45 * mm], rowHeights=[10 * mm],
                       hAlign="LEFT")
        answer.setStyle(_style([("BOX", (2, 0), (2, 0), 1, INK),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        parts.append(answer)
    else:
        if is_plain_true_false(question):
            labels = dict(TF_CHOICES)
            choices = [(c.id, labels[choice_name(c.id)]) for c in question.choices]
        else:
            choices = [(c.id, c.text) for c in question.choices]
        round_ = question.type != "multiple"
        rows = [["", TickBox(round_=round_), Paragraph(f"<b>{letter}</b>", c_style),
                 para(typeset(text.get(lang, fallback=fallback), lang), c_style)]
                for letter, (_, text) in zip(letters(len(choices)), choices)]
        table = Table(rows, colWidths=[9 * mm, 7 * mm, 6 * mm, width - 22 * mm], hAlign="LEFT")
        table.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
        parts.append(table)
    rule = Table([[""]], colWidths=[width], rowHeights=[4 * mm])
    rule.setStyle(_style([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]))
    parts += [rule, Spacer(1, 3 * mm)]
    return KeepTogether(parts)
