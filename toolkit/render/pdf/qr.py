"""QR codes drawn as vector paths (reportlab's encoder, one compact path per code)."""
from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas


def draw_qr(c: Canvas, value: str, x: float, y: float, side: float) -> None:
    """Draw a QR code of ``value`` in the square (x, y, side) on a white background.

    Dark runs of a row become one rectangle, drawn in module units: a few kilobytes per
    code instead of one shape per module (the stock QrCodeWidget drawing).
    """
    widget = QrCodeWidget(value, barLevel="M")
    widget.qr.make()
    modules = widget.qr.modules
    count = len(modules)
    border = 2  # the white page around gives the rest of the quiet zone
    unit = side / (count + 2 * border)
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, side, side, stroke=0, fill=1)
    c.translate(x + border * unit, y + border * unit)
    c.scale(unit, unit)
    c.setFillColorRGB(0, 0, 0)
    path = c.beginPath()
    for r, row in enumerate(modules):
        top = count - r - 1
        start = None
        for col, dark in enumerate(list(row) + [False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(start, top, col - start, 1)
                start = None
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
