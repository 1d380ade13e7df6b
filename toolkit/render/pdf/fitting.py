"""Fit a name into a box: shrink to a floor, then wrap onto two lines; never run off."""
from __future__ import annotations

from dataclasses import dataclass

from . import theme
from .theme import text_width as stringWidth  # measures Arabic script as it will be drawn

HARD_FLOOR = 5.0  # below this even two lines are unreadable; we then break inside words


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float
    font: str

    @property
    def widths(self) -> tuple[float, ...]:
        return tuple(stringWidth(line, self.font, self.size) for line in self.lines)

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * 1.15


def _two_lines(text: str) -> list[tuple[str, str]]:
    """Every way to cut ``text`` into two lines at a space or after a hyphen."""
    cuts = []
    for i, char in enumerate(text):
        if char == " ":
            cuts.append((text[:i].rstrip(), text[i + 1:].lstrip()))
        elif char == "-" and 0 < i < len(text) - 1:
            cuts.append((text[:i + 1], text[i + 1:]))
    return [c for c in cuts if c[0] and c[1]]


def fit_text(text: str, font: str, max_size: float, min_size: float, width: float,
             *, max_lines: int = 2, floor: float = HARD_FLOOR) -> Fitted:
    """Lines and size at which ``text`` fits ``width``: one line down to ``min_size``, then
    two balanced lines (as large as possible, not below ``floor``), then up to ``max_lines``
    lines at ``min_size``, then smaller, then cut inside words."""
    theme.register_fonts()
    text = " ".join(text.split())
    size = theme.fit_font_size(text, font, max_size, min_size, width)
    if stringWidth(text, font, size) <= width or not text:
        return Fitted((text,), size, font)
    if max_lines >= 2:
        cuts = _two_lines(text)
        if cuts:
            # the cut whose longer line is shortest looks best and allows the largest size
            first, second = min(cuts, key=lambda c: max(stringWidth(c[0], font, 10),
                                                        stringWidth(c[1], font, 10)))
            longest = max((first, second), key=lambda s: stringWidth(s, font, 10))
            size = theme.fit_font_size(longest, font, max_size, HARD_FLOOR, width)
            if stringWidth(longest, font, size) <= width and size >= floor:
                return Fitted((first, second), size, font)
        if max_lines > 2:
            lines = _greedy(text, font, min_size, width)
            if len(lines) <= max_lines and all(stringWidth(line, font, min_size) <= width
                                               for line in lines):
                return Fitted(tuple(lines), min_size, font)
        if cuts and floor > HARD_FLOOR and stringWidth(longest, font, size) <= width:
            return Fitted((first, second), size, font)  # smaller than asked, but whole words
    # a single unbreakable word too wide even at the hard floor: cut it by characters
    size, lines, line = HARD_FLOOR, [], ""
    for char in text:
        if stringWidth(line + char, font, size) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    lines.append(line)
    return Fitted(tuple(lines), size, font)  # nothing dropped, even if taller than planned


def _greedy(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` cut at spaces into as few lines as fit ``width`` at ``size``."""
    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line]


def draw_lines(canvas, fitted: Fitted, centre_x: float, top: float,
               colour=theme.INK) -> float:
    """Draw fitted lines centred under ``top``; return the y below the last line."""
    canvas.setFont(fitted.font, fitted.size)
    canvas.setFillColor(colour)
    y = top
    for line in fitted.lines:
        y -= fitted.size
        canvas.drawCentredString(centre_x, y, line)
        y -= fitted.size * 0.15
    return y


def canvas_pdf(info: theme.DocInfo, pagesize, draw_pages) -> bytes:
    """PDF bytes of pages drawn directly on a themed canvas (embedded fonts, invariant).

    ``draw_pages(canvas)`` draws and calls ``canvas.showPage()`` after each page.
    """
    import io

    theme.register_fonts()
    buffer = io.BytesIO()
    canvas_class = theme.make_canvas_class(info, pagesize, draw_frame=False)
    canvas = canvas_class(buffer, pagesize=pagesize)
    draw_pages(canvas)
    canvas.save()
    return buffer.getvalue()
