"""The verification block of a printed form: a QR code and the 12-character code beside it.

Drawn in the bottom right corner, below the form's content (forms keep 20 mm free at the foot);
reportlab draws the QR code itself. See app/services/paper_code.py for what the code binds.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.io.pdf_common import FONT_NAME, MARGIN, PAGE_WIDTH

SIZE = 18 * mm
BOTTOM = 2 * mm


def draw_paper_mark(c: Canvas, mark: Any) -> None:
    """Draw ``mark`` (a PaperMark: ``code``, ``payload``, ``label``); nothing when it is None."""
    if mark is None:
        return
    widget = QrCodeWidget(mark.payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(SIZE, SIZE, transform=[SIZE / (x1 - x0), 0, 0, SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    left = PAGE_WIDTH - MARGIN - SIZE + 4 * mm  # the QR code's own quiet zone reaches the margin
    renderPDF.draw(drawing, c, left, BOTTOM)
    c.saveState()
    c.setFont(FONT_NAME, 8)
    c.drawRightString(left - 1 * mm, BOTTOM + 10 * mm, f"{mark.label}核验码")
    c.setFont(FONT_NAME, 10)
    c.drawRightString(left - 1 * mm, BOTTOM + 5 * mm, mark.code)
    if getattr(mark, "fingerprint", ""):
        c.setFont(FONT_NAME, 8)
        text = f"本机签名密钥指纹：{mark.fingerprint}（对方登记密钥文件时核对）"
        c.drawString(MARGIN, BOTTOM + 5 * mm, text)
    c.restoreState()
