"""A grouped bar chart painted with QPainter (QtCharts is a 150 MB add-on we do not ship).

Categories run along the x axis (years, statuses, units); each series is one bar per category
(plans) in its own colour with a legend. Values are Decimal or int and are shown as given;
floats are used only to place pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

Number = Decimal | int
# Distinguishable on screen and in greyscale print-outs, in this order.
PALETTE = ("#3b6fb6", "#e08a2e", "#4f9a5a", "#c2413b", "#7a5aa6", "#8c6d4f", "#d66fae", "#6f7782")
EMPTY_TEXT = QT_TRANSLATE_NOOP("BarChart", "暂无数据")
MAX_BAR = 70.0


def nice_ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values (1, 2, 2.5, 5 × 10ⁿ steps) covering [low, high], zero included.

    ``integer`` keeps the steps whole, so counts of claims never get a 0.2 tick.
    """
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1, 2, 2.5, 5, 10)]
    if integer:
        steps = [st for st in steps if st >= 1 and st == int(st)] or [1]
    step = next((st for st in steps if st >= raw), steps[-1])
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def tick_text(value: float, step: float) -> str:
    """A tick with as many decimals as the step needs (2.5 steps keep their .5)."""
    exponent = Decimal(str(round(step, 10))).normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{value:,.{places}f}"


def value_text(value: Number) -> str:
    return f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"


def two_lines(text: str, fm: QFontMetricsF, width: float) -> tuple[str, str]:
    """Split a category name over two lines of ``width``, the second elided (unit names run long)."""
    if fm.horizontalAdvance(text) <= width:
        return text, ""
    cut = len(text)
    while cut > 1 and fm.horizontalAdvance(text[:cut]) > width:
        cut -= 1
    return text[:cut], fm.elidedText(text[cut:], Qt.TextElideMode.ElideRight, width)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.y_label = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, list[Number]]] = []
        self._bars: list[tuple[QRectF, str]] = []  # painted bars and their tooltips
        self.setMinimumSize(320, 220)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(480, 320)

    def set_data(
        self,
        title: str,
        y_label: str,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[Number]]],
    ) -> None:
        self.title, self.y_label = title, y_label
        self.categories = list(categories)
        self.series = [(name, list(values)) for name, values in series]
        self.update()

    @property
    def empty(self) -> bool:
        return not self.categories or not any(values for _, values in self.series)

    def save_png(self, path: str | Path) -> bool:
        """The chart as it is on screen (or at its current size offscreen) as a PNG."""
        return self.grab().save(str(path), "PNG")

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        self._bars = []
        base = QFont(self.font())
        title_font = QFont(base)
        title_font.setBold(True)
        title_font.setPointSizeF(base.pointSizeF() * 1.15)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        fm, tfm, sfm = QFontMetricsF(base), QFontMetricsF(title_font), QFontMetricsF(small)
        area = QRectF(self.rect()).adjusted(10, 8, -12, -8)

        p.setFont(title_font)
        p.setPen(QColor("#222222"))
        title_rect = QRectF(area.left(), area.top(), area.width(), tfm.height())
        p.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignCenter,
            tfm.elidedText(self.title, Qt.TextElideMode.ElideRight, area.width()),
        )
        area.setTop(title_rect.bottom() + 6)
        if self.empty:
            p.setFont(base)
            p.setPen(QColor("#888888"))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr(EMPTY_TEXT))
            p.end()
            return
        if len(self.series) > 1:
            area.setTop(self._paint_legend(p, small, sfm, area) + 6)

        values = [float(v) for _, vals in self.series for v in vals]
        whole = all(isinstance(v, int) for _, vals in self.series for v in vals)
        ticks = nice_ticks(min(values), max(values), integer=whole)
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
        labels = [tick_text(t, step) for t in ticks]
        p.setFont(small)
        p.setPen(QColor("#555555"))
        p.drawText(
            QRectF(area.left(), area.top(), area.width(), sfm.height()),
            Qt.AlignmentFlag.AlignLeft,
            self.y_label,
        )
        area.setTop(area.top() + sfm.height() + 4)
        axis_w = max(sfm.horizontalAdvance(t) for t in labels) + 8
        cat_h = fm.height() * 2 + 4  # two lines for long category names
        plot = QRectF(area.left() + axis_w, area.top() + sfm.height(), area.width() - axis_w, 0)
        plot.setBottom(area.bottom() - cat_h)
        if plot.height() < 20 or plot.width() < 20:
            p.end()
            return
        lo, hi = ticks[0], ticks[-1]

        def y_of(v: float) -> float:
            return plot.bottom() - (v - lo) / (hi - lo) * plot.height()

        for t, text in zip(ticks, labels, strict=True):
            y = y_of(t)
            p.setPen(QPen(QColor("#e4e4e4") if t else QColor("#888888"), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#555555"))
            p.drawText(
                QRectF(area.left(), y - sfm.height() / 2, axis_w - 6, sfm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        self._paint_bars(p, plot, y_of, fm, small, sfm)
        p.end()

    def _paint_legend(self, p: QPainter, font: QFont, fm: QFontMetricsF, area: QRectF) -> float:
        """Colour swatches and names, wrapped over as many lines as needed; returns the bottom."""
        p.setFont(font)
        x, y, line = area.left(), area.top(), fm.height()
        for i, (name, _values) in enumerate(self.series):
            width = line + 4 + fm.horizontalAdvance(name) + 14
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + line + 2
            p.fillRect(QRectF(x, y + 2, line - 4, line - 4), QColor(PALETTE[i % len(PALETTE)]))
            p.setPen(QColor("#333333"))
            p.drawText(QPointF(x + line, y + fm.ascent()), name)
            x += width
        return y + line

    def _paint_bars(
        self,
        p: QPainter,
        plot: QRectF,
        y_of: Callable[[float], float],
        fm: QFontMetricsF,
        small: QFont,
        sfm: QFontMetricsF,
    ) -> None:
        n_series = len(self.series)
        slot = plot.width() / len(self.categories)
        bar = min(slot * 0.8 / n_series, MAX_BAR)  # one year alone is a bar, not a wall
        group = bar * n_series
        zero = y_of(0.0)
        for c, category in enumerate(self.categories):
            left = plot.left() + c * slot + (slot - group) / 2
            for s, (name, values) in enumerate(self.series):
                value = values[c] if c < len(values) else 0
                top = y_of(float(value))
                rect = QRectF(left + s * bar + 1, min(top, zero), max(bar - 2, 1), abs(zero - top))
                p.fillRect(rect, QColor(PALETTE[s % len(PALETTE)]))
                tip = (
                    f"{category} · {name}：{value_text(value)}"
                    if n_series > 1
                    else f"{category}：{value_text(value)}"
                )
                self._bars.append((rect, tip))
                text = value_text(value)
                if sfm.horizontalAdvance(text) <= bar + 6 or n_series == 1:
                    p.setFont(small)
                    p.setPen(QColor("#333333"))
                    above = QRectF(
                        rect.center().x() - slot / 2, rect.top() - sfm.height() - 1, slot, sfm.height()
                    )
                    p.drawText(
                        above,
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        sfm.elidedText(text, Qt.TextElideMode.ElideRight, max(bar + 6, slot)),
                    )
            p.setFont(self.font())
            p.setPen(QColor("#333333"))
            first, second = two_lines(category, fm, slot - 4)
            for k, line in enumerate((first, second)):
                p.drawText(
                    QRectF(
                        plot.left() + c * slot + 2, plot.bottom() + 3 + k * fm.height(), slot - 4, fm.height()
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    line,
                )

    def event(self, e: QEvent) -> bool:
        # Hovering a bar tells its exact figure: labels may be elided when bars are narrow.
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = QPointF(e.pos())
            tip = next((t for r, t in self._bars if r.adjusted(-2, -4, 2, 0).contains(pos)), "")
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)
