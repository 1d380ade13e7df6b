"""The satisfaction survey on paper: the same questions as its XLSForm, boxes to tick.

Typed into Excel with the question names as headers (or the labels), it is read back by the
satisfaction reader like a KoboToolbox export: scale answers as 1–5, the recommendation 0–10.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from ...i18n import format_date_range
from ...model import Text, Workshop
from ...survey_forms import SurveyQuestion
from .papertest import (
    TickBox,
    _style,  # tables in the embedded font, never Helvetica
    typeset,
)
from .theme import (
    INK,
    MARGIN,
    MUTED,
    PORTRAIT,
    PRIMARY,
    RULE,
    SHADE,
    DocInfo,
    build_story,
    esc,
    para,
    styles,
)

_T = {
    "title": {"fr": "Questionnaire de satisfaction", "en": "Satisfaction survey"},
    "intro": {"fr": "Vos réponses sont anonymes si vous ne donnez pas votre code. Cochez une "
                    "case par ligne. Merci de votre aide pour améliorer nos ateliers.",
              "en": "Your answers are anonymous unless you give your code. Tick one box per "
                    "line. Thank you for helping us improve our workshops."},
    "code": {"fr": "Code participant (facultatif)", "en": "Participant code (optional)"},
    "scale": {"fr": "Cochez une case par ligne", "en": "Tick one box per line"},
    "end": {"fr": "Fin du questionnaire. Merci !", "en": "End of the survey. Thank you!"},
    "page": {"fr": "Page", "en": "Page"},
}


def render_satisfaction_form(ws: Workshop, questions: Sequence[SurveyQuestion], *,
                             lang: str) -> bytes:
    """The printable satisfaction survey as PDF bytes, in ``lang``."""
    fallback = (lang, *ws.languages, "en", "fr")

    def t(key: str) -> str:
        return typeset(Text.of(_T[key]).get(lang, fallback=("en",)), lang)

    def label(text: Text) -> str:
        return typeset(text.get(lang, fallback=fallback), lang)

    st = styles()
    small = ParagraphStyle("small", parent=st.cell, fontSize=8, leading=10, alignment=1)
    body = ParagraphStyle("q", parent=st.body, fontSize=10, leading=13)
    width = PORTRAIT[0] - 2 * MARGIN
    title = label(ws.title)
    dates = format_date_range(ws.start, ws.end, lang)
    place = ws.city.get(lang, fallback=fallback)
    story: list = [para(title, st.title),
                   Paragraph(f"<b>{esc(t('title'))}</b> — {esc(place)}, {esc(dates)}",
                             st.subtitle),
                   para(t("intro"), st.body), Spacer(1, 4 * mm)]
    scales: dict[str, list[SurveyQuestion]] = {}
    for question in questions:
        if question.kind in ("satisfied", "agree"):
            scales.setdefault(question.kind, []).append(question)
    done: set[str] = set()
    for question in questions:
        kind = question.kind
        if kind == "code":
            box = Table([[para(label(question.label), st.cell_bold), ""]],
                        colWidths=[70 * mm, 50 * mm], rowHeights=[10 * mm], hAlign="LEFT")
            box.setStyle(_style([("BOX", (1, 0), (1, 0), 1, INK),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (0, 0), 0)]))
            story += [box, Spacer(1, 3 * mm)]
        elif kind == "sex":
            cells: list = [para(label(question.label), st.cell_bold)]
            for _, choice in question.choices:
                cells += [TickBox(round_=True), para(label(choice), st.cell)]
            row = Table([cells], colWidths=[70 * mm, 7 * mm, 25 * mm, 7 * mm, 25 * mm],
                        hAlign="LEFT")
            row.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (0, 0), 0)]))
            story += [row, Spacer(1, 5 * mm)]
        elif kind in scales and kind not in done:
            done.add(kind)
            story += [_scale_table(scales[kind], label, width, st, small), Spacer(1, 5 * mm)]
        elif kind == "recommend":
            numbers = [Paragraph(str(n), small) for n in range(11)]
            boxes = [TickBox(round_=False) for _ in range(11)]
            grid = Table([numbers, boxes], colWidths=[(width - 4 * mm) / 11] * 11)
            grid.setStyle(_style([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            hint = Paragraph(esc(label(question.hint)), ParagraphStyle(
                "hint", parent=st.cell, fontSize=8.5, textColor=MUTED))
            story.append(KeepTogether([para(label(question.label), body), hint, grid,
                                       Spacer(1, 5 * mm)]))
        elif kind == "comments":
            lines = Table([[""] for _ in range(5)], colWidths=[width], rowHeights=[8 * mm] * 5)
            lines.setStyle(_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
            hint = Paragraph(esc(label(question.hint)), ParagraphStyle(
                "hint2", parent=st.cell, fontSize=8.5, textColor=MUTED))
            story.append(KeepTogether([para(label(question.label), body), hint, lines,
                                       Spacer(1, 5 * mm), para(t("end"), st.cell_bold)]))
    info = DocInfo(title=f"{title} — {t('title')}", subject=t("title"), lang=lang,
                   header=f"{title} — {t('title')}", footer=f"{place}, {dates}",
                   page_label=t("page"))
    return build_story(story, info)


def _scale_table(questions: list[SurveyQuestion], label, width: float, st,
                 small: ParagraphStyle) -> Table:
    choices = questions[0].choices
    first = width - 5 * 22 * mm
    header = [Paragraph("", st.cell)] + [para(label(text), small) for _, text in choices]
    rows = [header] + [[para(label(q.label), st.cell)] + [TickBox(round_=True)
                                                          for _ in choices]
                       for q in questions]
    table = Table(rows, colWidths=[first] + [22 * mm] * len(choices), repeatRows=1)
    table.setStyle(_style([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 1, PRIMARY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]))
    return table
