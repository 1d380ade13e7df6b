"""Vector charts for the evaluation report (reportlab.graphics), readable in black and white.

Every chart labels its axes and prints its values; pre and post differ by shape and fill
(open light marks before, solid dark marks after), not by hue alone, so a grey-scale print
keeps them apart. Every String names the embedded font explicitly (never Helvetica).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .theme import INK, MUTED, PRIMARY, RULE, SANS, SANS_BOLD, for_document, register_fonts

PRE_FILL = colors.HexColor("#D5DDE5")  # light: "before"
POST_FILL = PRIMARY  # dark: "after"
# Likert 1..5: dark / light on each side, a pale neutral; luminance differs at every step.
LIKERT_FILLS = (colors.HexColor("#7A2E0E"), colors.HexColor("#E3A77F"),
                colors.HexColor("#E6E6E6"), colors.HexColor("#8DB3D9"), PRIMARY)
LIKERT_TEXT = (colors.white, INK, INK, INK, colors.white)

Fmt = Callable[[float], str]


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose renderer starts in the embedded font (reportlab's default is Helvetica)."""
    d = Drawing(width, height)
    d.initialFontName = SANS
    d.initialFontSize = 7
    return d


def _text(x: float, y: float, text: str, *, size: float = 7, bold: bool = False,
          anchor: str = "start", color=INK) -> String:
    return String(x, y, for_document(text), fontName=SANS_BOLD if bold else SANS, fontSize=size,
                  textAnchor=anchor, fillColor=color)


def _x_axis(d: Drawing, x0: float, x1: float, y: float, label: str, *, top: float,
            ticks: Sequence[int] = (0, 20, 40, 60, 80, 100)) -> None:
    """A 0–100 axis along the bottom with light vertical grid lines up to ``top``."""
    for t in ticks:
        x = x0 + (x1 - x0) * t / 100
        d.add(Line(x, y, x, top, strokeColor=RULE, strokeWidth=0.4))
        d.add(_text(x, y - 9, str(t), anchor="middle", color=MUTED))
    d.add(Line(x0, y, x1, y, strokeColor=INK, strokeWidth=0.6))
    d.add(_text((x0 + x1) / 2, y - 19, label, anchor="middle", color=MUTED))


def _legend(d: Drawing, x: float, y: float, entries: Sequence[tuple[str, str, object]]) -> None:
    """Legend entries (kind 'open'/'solid'/'box', label, fill) laid out left to right."""
    for kind, label, fill in entries:
        if kind == "open":
            d.add(Circle(x + 3, y + 3, 3, fillColor=colors.white, strokeColor=INK,
                         strokeWidth=0.8))
        elif kind == "solid":
            d.add(Circle(x + 3, y + 3, 3, fillColor=POST_FILL, strokeColor=POST_FILL))
        else:
            d.add(Rect(x, y, 8, 7, fillColor=fill, strokeColor=INK, strokeWidth=0.4))
        d.add(_text(x + 11, y + 0.5, label))
        x += 11 + stringWidth(label, SANS, 7) + 14


def dumbbell(rows: Sequence[tuple[str, float, float]], *, width: float, fmt: Fmt,
             axis_label: str, pre_label: str, post_label: str, gain_label: str) -> Drawing:
    """Each participant's pre → post score on one line (id, pre %, post %), in the order given;
    the gain in points in a right-hand column headed ``gain_label``."""
    register_fonts()
    label_w, value_w, row_h = 62, 58, 11
    top_pad, bottom_pad = 18, 30
    height = top_pad + bottom_pad + row_h * len(rows)
    d = _drawing(width, height)
    x0, x1 = label_w, width - value_w
    _x_axis(d, x0, x1, bottom_pad, axis_label, top=height - top_pad + 2)
    for i, (pid, a, b) in enumerate(rows):
        y = height - top_pad - row_h * (i + 0.5)
        xa, xb = x0 + (x1 - x0) * a / 100, x0 + (x1 - x0) * b / 100
        d.add(_text(x0 - 7, y - 2.5, pid[:16], anchor="end"))  # clear of a dot at 0
        d.add(Line(xa, y, xb, y, strokeColor=MUTED, strokeWidth=1.2))
        if abs(xb - xa) > 1.5:  # an arrow head shows the direction in grey scale too
            sign = 1 if xb > xa else -1
            d.add(Polygon([xb - sign * 7, y - 2.2, xb - sign * 4, y, xb - sign * 7, y + 2.2],
                          fillColor=MUTED, strokeColor=MUTED, strokeWidth=0.1))
        d.add(Circle(xa, y, 2.8, fillColor=colors.white, strokeColor=INK, strokeWidth=0.8))
        d.add(Circle(xb, y, 2.8, fillColor=POST_FILL, strokeColor=POST_FILL))
        gain = b - a
        d.add(_text(width - 2, y - 2.5, ("+" if gain > 0 else "") + fmt(gain), anchor="end",
                    color=INK if gain >= 0 else MUTED))
    _legend(d, x0, height - 11, [("open", pre_label, None), ("solid", post_label, None)])
    d.add(_text(width - 2, height - 10.5, gain_label, anchor="end", bold=True))
    return d


def histogram(pre: Sequence[float] | None, post: Sequence[float] | None, *, width: float,
              pre_label: str, post_label: str, x_label: str, y_label: str) -> Drawing:
    """Counts of scores in ten 10-point bands, pre and post side by side, counts printed."""
    register_fonts()
    height = 150
    left, bottom, top = 34, 34, 30
    d = _drawing(width, height)
    series = [(s, fill) for s, fill in ((pre, PRE_FILL), (post, POST_FILL)) if s is not None]
    counts = [[0] * 10 for _ in series]
    for k, (values, _) in enumerate(series):
        for v in values:  # 0–9, 10–19 ... 90–100 (100 joins the last band)
            counts[k][min(int(round(v, 6) // 10), 9)] += 1
    peak = max([1] + [c for row in counts for c in row])
    plot_w, plot_h = width - left - 6, height - bottom - top
    band = plot_w / 10
    bar = (band - 6) / max(1, len(series))
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=INK, strokeWidth=0.6))
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=INK, strokeWidth=0.6))
    for b in range(10):
        x = left + band * b + 3
        for k, (_, fill) in enumerate(series):
            c = counts[k][b]
            h = plot_h * c / peak
            d.add(Rect(x + k * bar, bottom, bar, h, fillColor=fill, strokeColor=INK,
                       strokeWidth=0.4))
            if c:
                d.add(_text(x + k * bar + bar / 2, bottom + h + 2, str(c), anchor="middle"))
        top_of_band = b * 10 + (10 if b == 9 else 9)
        d.add(_text(left + band * b + band / 2, bottom - 9, f"{b * 10}–{top_of_band}",
                    anchor="middle", color=MUTED))
    d.add(_text(left + plot_w / 2, bottom - 20, x_label, anchor="middle", color=MUTED))
    # the count axis is named above it, horizontally (rotated text reads badly and small)
    d.add(_text(2, bottom + plot_h + 6, y_label, color=MUTED))
    entries = [("box", lbl, fill) for lbl, (s, fill) in
               zip((pre_label, post_label), ((pre, PRE_FILL), (post, POST_FILL))) if s is not None]
    _legend(d, left, height - 12, entries)
    return d


def paired_bars(rows: Sequence[tuple[str, float | None, float | None]], *, width: float,
                fmt: Fmt, axis_label: str, pre_label: str, post_label: str,
                label_width: float = 70) -> Drawing:
    """Horizontal bars per row (label, pre %, post %), 0–100, values printed at the bar ends."""
    register_fonts()
    has_pre = any(r[1] is not None for r in rows)
    has_post = any(r[2] is not None for r in rows)
    bar_h = 8
    per_row = max(bar_h * (int(has_pre) + int(has_post)) + 5, 20)
    top_pad, bottom_pad = 18, 30
    height = top_pad + bottom_pad + per_row * len(rows)
    d = _drawing(width, height)
    x0, x1 = label_width, width - 40
    _x_axis(d, x0, x1, bottom_pad, axis_label, top=height - top_pad + 2)
    for i, (label, a, b) in enumerate(rows):
        y = height - top_pad - per_row * i - 3.5
        lines = _wrap(label, max(8, int(label_width / 3.6)), max_lines=2)
        for j, line in enumerate(lines):
            d.add(_text(x0 - 4, y - per_row / 2 + 1 + 4 * (len(lines) - 1) - 8 * j, line,
                        anchor="end"))
        for value, fill, present in ((a, PRE_FILL, has_pre), (b, POST_FILL, has_post)):
            if not present:
                continue
            y -= bar_h
            if value is not None:
                w = (x1 - x0) * value / 100
                d.add(Rect(x0, y, w, bar_h - 1, fillColor=fill, strokeColor=INK,
                           strokeWidth=0.4))
                d.add(_text(x0 + w + 3, y + 0.5, fmt(value)))
    entries = [e for e, present in ((("box", pre_label, PRE_FILL), has_pre),
                                    (("box", post_label, POST_FILL), has_post)) if present]
    _legend(d, x0, height - 11, entries)
    return d


def diverging_likert(rows: Sequence[tuple[str, Sequence[int]]], *, width: float,
                     scale_labels: Sequence[str], fmt: Fmt, axis_label: str) -> Drawing:
    """A diverging stacked bar per item: 1–2 left of zero, 3 centred on it, 4–5 right."""
    register_fonts()
    label_w, row_h, bar_h = 190, 30, 14
    top_pad, bottom_pad = 10, 62
    height = top_pad + bottom_pad + row_h * len(rows)
    d = _drawing(width, height)
    x0, x1 = label_w, width - 6
    centre = (x0 + x1) / 2
    scale = (x1 - x0) / 200  # points per percent: 100 % either side of zero
    for t in (-100, -50, 0, 50, 100):
        x = centre + t * scale
        d.add(Line(x, bottom_pad, x, height - top_pad, strokeColor=INK if t == 0 else RULE,
                   strokeWidth=0.8 if t == 0 else 0.4))
        d.add(_text(x, bottom_pad - 9, f"{abs(t)}", anchor="middle", color=MUTED))
    d.add(_text(centre, bottom_pad - 19, axis_label, anchor="middle", color=MUTED))
    for i, (label, counts) in enumerate(rows):
        total = sum(counts)
        y = height - top_pad - row_h * (i + 1) + (row_h - bar_h) / 2
        lines = _wrap(label, 46)
        for j, line in enumerate(lines):
            d.add(_text(x0 - 5, y + bar_h / 2 - 2.5 + 4 * (len(lines) - 1) - 8 * j, line,
                        anchor="end"))
        if not total:
            continue
        pct = [c / total * 100 for c in counts]
        start = centre - (pct[0] + pct[1] + pct[2] / 2) * scale
        for k in range(5):
            w = pct[k] * scale
            if w <= 0:
                continue
            d.add(Rect(start, y, w, bar_h, fillColor=LIKERT_FILLS[k], strokeColor=INK,
                       strokeWidth=0.3))
            if w >= 20:
                d.add(_text(start + w / 2, y + 4.5, fmt(pct[k]), anchor="middle",
                            color=LIKERT_TEXT[k]))
            start += w
    _likert_legend(d, x0 - label_w + 4, 8, width - 8, scale_labels)
    return d


def _likert_legend(d: Drawing, x: float, y: float, right: float,
                   labels: Sequence[str]) -> None:
    """The five scale labels, wrapping to a second line when they do not fit."""
    cursor, line = x, 0
    for k, label in enumerate(labels):
        w = 11 + stringWidth(label, SANS, 7) + 12
        if cursor + w > right and cursor > x:
            cursor, line = x, line + 1
        yy = y + 12 - 11 * line
        d.add(Rect(cursor, yy, 8, 7, fillColor=LIKERT_FILLS[k], strokeColor=INK,
                   strokeWidth=0.4))
        d.add(_text(cursor + 11, yy + 0.5, label))
        cursor += w


def _wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """``text`` in lines of about ``width`` characters, never cut inside a word: past
    ``max_lines`` lines, the last one shown ends with "…" after a whole word."""
    # split at plain spaces only: "n = 29" joined by no-break spaces stays on one line
    words, lines, line = [w for w in text.split(" ") if w.strip()], [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += "…"
    return lines or [""]
