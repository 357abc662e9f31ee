"""The legend in the toolbar: kind colours and review statuses, drawn as the reader draws them.

Each sample word is painted with the highlighter's own character format (a QLabel's rich
text knows no dashed or wavy underlines), so the legend cannot drift from the reader, and
it is painted again when the palette turns light or dark.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kursk_annotator.core import kinds
from kursk_annotator.ui.highlighter import SpanStyle, char_format
from kursk_annotator.ui.theme import HighlightColours, highlight_colours


# (label, style, what it means): the tooltip and the accessible text spell it out.
def samples() -> tuple[tuple[str, SpanStyle, str], ...]:
    """One sample per kind (as registered now), then the review statuses."""
    return (
        *(
            (k.label, SpanStyle((k.name,), True, "", "", False), f"{k.label} (accepted)")
            for k in kinds.all_kinds()
        ),
        *STATUS_SAMPLES,
    )


STATUS_SAMPLES: tuple[tuple[str, SpanStyle, str], ...] = (
    ("pending", SpanStyle(("figure",), False, "dash", "figure", False), "lighter, dashed: pending"),
    (
        "changes requested",
        SpanStyle(("figure",), False, "wave", "", False),
        "wavy red/orange underline: a reviewer requested changes",
    ),
    (
        "overlap",
        SpanStyle(("claim", "figure"), True, "dot", "figure", False),
        "blended, deeper colour: overlapping annotations",
    ),
    (
        "rejected",
        SpanStyle(("claim",), False, "", "", True),
        "struck out: rejected (hidden by default)",
    ),
)


def sample_pixmap(widget: QWidget, text: str, fmt: QTextCharFormat) -> QPixmap:
    """``text`` in the widget's font, drawn with ``fmt`` as the reader would draw it."""
    layout = QTextLayout(f" {text} ", widget.font())
    rng = QTextLayout.FormatRange()
    rng.start, rng.length, rng.format = 0, len(text) + 2, fmt
    layout.setFormats([rng])
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    ratio = widget.devicePixelRatioF()
    width, height = int(line.naturalTextWidth()) + 2, int(line.height()) + 3
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(widget.palette().color(widget.foregroundRole()))
    layout.draw(painter, QPointF(0, 1))
    painter.end()
    return pixmap


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.entries = samples()
        self.setAccessibleName(
            "Legend: " + "; ".join(meaning for _label, _style, meaning in self.entries)
        )
        self.setToolTip("<br>".join(meaning for _label, _style, meaning in self.entries))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.setSpacing(4)
        row.addWidget(QLabel("Legend:"))
        self.samples: list[QLabel] = []
        for label, _style, meaning in self.entries:
            sample = QLabel(objectName=f"legend_{label.replace(' ', '_').lower()}")
            sample.setAccessibleName(meaning)
            self.samples.append(sample)
            row.addWidget(sample)
        self.repaint_samples()

    def colours(self) -> HighlightColours:
        return highlight_colours(self.palette())

    def repaint_samples(self) -> None:
        colours = self.colours()
        for sample, (label, style, _meaning) in zip(self.samples, self.entries, strict=True):
            sample.setPixmap(sample_pixmap(self, label, char_format(colours, style)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.repaint_samples()
