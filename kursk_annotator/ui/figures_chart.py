"""A small chart of one measure's series: each report's interval against its as-of date.

Time runs left to right (the as-of window as a horizontal extent), value bottom to top
(the interval as a vertical bar; an open upper end as an arrow). Claimants have their own
colour, so a change over time reads as a path and a disagreement as bars side by side.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")
MIN_BAR = 6.0  # px: a one-day report must still be seen and hovered


_ROUND = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def value_axis_top(highest: float) -> float:
    """The value axis's top: the first round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
    times a power of ten) at least a tenth above the highest value, so the label reads as
    a scale (15,000), not as a figure of the series (14,520)."""
    wanted = max(highest, 1.0) * 1.1
    power = 10.0 ** math.floor(math.log10(wanted))
    return next(step * power for step in _ROUND if step * power >= wanted)


def time_axis(points: list[tuple[int, int, float, float | None, str]]) -> tuple[float, float]:
    """The days the chart spans: every report's window with a margin on each side, so the
    first and last reports are drawn whole instead of against the frame."""
    t0 = min(p[0] for p in points)
    t1 = max(p[1] for p in points) + 1
    margin = max((t1 - t0) * 0.06, 1.0)
    return t0 - margin, t1 + margin


def bar_extent(left: float, right: float) -> tuple[float, float]:
    """A report's horizontal extent, widened about its middle to at least ``MIN_BAR``."""
    if right - left >= MIN_BAR:
        return left, right
    mid = (left + right) / 2
    return mid - MIN_BAR / 2, mid + MIN_BAR / 2


class SeriesChart(QWidget):
    """Paints ``points``: (start ordinal, end ordinal, low, high or None, claimant)."""

    def __init__(self) -> None:
        super().__init__(objectName="figures_chart")
        self.setAccessibleName("Series of the measure over time")
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.points: list[tuple[int, int, float, float | None, str]] = []
        self.unit = ""

    def set_points(
        self, points: list[tuple[int, int, float, float | None, str]], unit: str
    ) -> None:
        self.points, self.unit = points, unit
        self.setToolTip(
            "\n".join(
                f"{c}: {low:,.0f}–{'∞' if high is None else f'{high:,.0f}'} {unit}"
                for _s, _e, low, high, c in points
            )
        )
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(46, 8, -10, -18)
        text = self.palette().color(self.foregroundRole())
        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No dated figures to draw")
            return
        t0, t1 = time_axis(self.points)
        lows = [p[2] for p in self.points]
        highs = [p[3] if p[3] is not None else p[2] * 1.2 for p in self.points]
        v0, v1 = 0.0, value_axis_top(max(max(highs), max(lows)))
        painter.drawText(
            QRectF(0, area.top() - 6, 44, 14), Qt.AlignmentFlag.AlignRight, f"{v1:,.0f}"
        )
        painter.drawText(QRectF(0, area.bottom() - 8, 44, 14), Qt.AlignmentFlag.AlignRight, "0")
        # The dates of the earliest and the latest report, under the ends of the axis.
        first = date.fromordinal(min(p[0] for p in self.points))
        last = date.fromordinal(max(p[1] for p in self.points))
        painter.drawText(
            QRectF(area.left(), area.bottom() + 2, 120, 14),
            Qt.AlignmentFlag.AlignLeft,
            f"{first:%d %b %Y}",
        )
        painter.drawText(
            QRectF(area.right() - 120, area.bottom() + 2, 120, 14),
            Qt.AlignmentFlag.AlignRight,
            f"{last:%d %b %Y}",
        )
        claimants = list(dict.fromkeys(p[4] for p in self.points))

        def x(t: float) -> float:
            return area.left() + (t - t0) / max(t1 - t0, 1) * area.width()

        def y(v: float) -> float:
            return area.bottom() - (v - v0) / (v1 - v0) * area.height()

        for start, end, low, high, claimant in self.points:
            colour = QColor(PALETTE[claimants.index(claimant) % len(PALETTE)])
            left, right = bar_extent(x(start), x(end + 1))
            top = y(high if high is not None else v1)
            rect = QRectF(left, top, right - left, max(y(low) - top, 2))
            fill = QColor(colour)
            fill.setAlpha(90)
            painter.fillRect(rect, fill)
            painter.setPen(QPen(colour, 1.5))
            painter.drawRect(rect)
            if high is None:  # open upward: "over 1,000"
                mid = (left + right) / 2
                painter.drawLine(QPointF(mid, top + 8), QPointF(mid, top))
        painter.end()
