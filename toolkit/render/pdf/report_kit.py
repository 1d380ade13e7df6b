"""Small building blocks shared by the report's sections: number formats, safe text, tables."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...i18n import format_number, format_p, format_pct
from .theme import INK, PRIMARY, RULE, SANS, SHADE, SplitTable, Styles, esc, para

MIN_N_TESTS = 5  # below this many matched people: descriptive figures only, no p or CI
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d .-]{7,}\d(?!\w)")


def has_contact(text: str) -> bool:
    """True when ``text`` holds something that looks like an e-mail address or phone number."""
    return bool(_EMAIL.search(text) or _PHONE.search(text) or "[e-mail]" in text
                or "[phone]" in text)


def mask(value: object) -> str:
    """Data text with any e-mail address or phone number replaced by '…' (for chart labels)."""
    text = "" if value is None else str(value)
    return _PHONE.sub("…", _EMAIL.sub("…", text))


def safe(value: object) -> str:
    """Escaped data text with any e-mail address or phone number masked (for Paragraphs)."""
    return esc(mask(value))


@dataclass(frozen=True)
class Fmt:
    """Numbers the local way for one language."""

    lang: str

    def pct(self, value: float | None, decimals: int = 1) -> str:
        return format_pct(value, self.lang, decimals=decimals)

    def num(self, value: float | None, decimals: int = 1) -> str:
        return format_number(value, self.lang, decimals=decimals)

    def signed(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return self.num(None)
        text = self.num(value, decimals)
        return ("+" + text) if value > 0 else text.replace("-", "−")

    def p(self, value: float | None) -> str:
        return format_p(value, self.lang)

    def p_eq(self, value: float | None) -> str:
        """'p = 0,012' / 'p < 0,001'."""
        text = format_p(value, self.lang)
        return f"p {text}" if text.startswith("<") else f"p = {text}"

    def ratio(self, value: float | None, decimals: int = 2) -> str:
        return format_number(value, self.lang, decimals=decimals).replace("-", "\u2212")


def heading(text: str, style: Any, *, space_needed: float = 120) -> list:
    """A heading that never sits alone at the bottom of a page."""
    return [CondPageBreak(space_needed), Paragraph(text, style)]


def block(*flowables: Any) -> KeepTogether:
    return KeepTogether(list(flowables))


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]], st: Styles, *,
               widths: Sequence[float], bold_last: bool = False,
               valign: str = "MIDDLE") -> Table:
    """A table with a dark header row; cells are already-escaped markup strings."""
    head = [Paragraph(h, st.cell_head) for h in header]
    body = [[c if not isinstance(c, str) else Paragraph(c, st.cell) for c in row]
            for row in rows]
    # never a single row alone on either side of a page break (under a repeated header)
    table = SplitTable([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT",
                       min_rows=3 if len(body) >= 6 else 2)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # the Table's own default is Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in range(2, len(body) + 1, 2):
        style.append(("BACKGROUND", (0, i), (-1, i), SHADE))
    if bold_last and body:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    table.setStyle(TableStyle(style))
    return table


def key_box(rows: Sequence[tuple[str, str]], st: Styles, *, width: float) -> Table:
    """The framed key-figures box: label on the left, the figure in bold on the right."""
    body = [[Paragraph(label, st.cell), Paragraph(value, st.cell_bold)] for label, value in rows]
    table = Table(body, colWidths=[width * 0.56, width * 0.44], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BOX", (0, 0), (-1, -1), 1.2, PRIMARY),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def question_numbers(items: Sequence[Any]) -> dict[str, int]:
    """Each test question's number in the report (1, 2 ...), in the score's order: charts and
    tables name questions by number, the annex gives each number's full text."""
    return {item.id: number for number, item in enumerate(items, 1)}


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)


def bullet(markup: str, st: Styles) -> Paragraph:
    """A bulleted paragraph whose bullet is drawn in the embedded font (not Helvetica)."""
    style = ParagraphStyle("report-bullet", parent=st.bullet, bulletFontName=SANS)
    return Paragraph(markup, style, bulletText="•")


def text_bullet(text: str, st: Styles) -> Paragraph:
    """``bullet`` of plain data text: escaped, and Arabic script shaped line by line."""
    style = ParagraphStyle("report-bullet", parent=st.bullet, bulletFontName=SANS)
    return para(text, style, bullet="•")


def mark_text(data: Any, f: Fmt) -> str:
    """'70 %', or '60–70 %' when a portfolio's workshops set different pass marks."""
    mark = data.pass_mark
    marks = list(mark) if isinstance(mark, (tuple, list)) else [mark]
    if min(marks) == max(marks):
        return f.pct(marks[0], 0)
    return f"{f.num(min(marks), 0)}–{f.pct(max(marks), 0)}"
