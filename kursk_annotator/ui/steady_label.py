"""Labels whose changes repaint the label alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class SteadyLabelHost(QWidget):
    """Holds ``label`` outside any layout and gives it all of its own room.

    A label in a layout asks that layout to run again on every ``setText``; in the status
    bar the request climbs to the main window, which lays out and repaints every panel a
    second time after each tag. Here the host keeps one size, so a new count repaints the
    label's rectangle and nothing else. The host stretches to the width it is given."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        # Opaque: a new count repaints the label alone, not the host, the status bar and
        # the main window behind it (four paints of the window's width at every tag).
        label.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = label.fontMetrics().height() + 4

    def sizeHint(self) -> QSize:
        return QSize(120, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self._height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)


class RichLabel(QLabel):
    """A word-wrapped rich-text label that remembers its height for a width.

    Qt lays rich text out again to answer ``heightForWidth``, and that repaints the label
    each time. A panel in a scroll area is asked its height for width by its layout and
    again by the scroll area, so every change elsewhere in the panel repainted its
    rich-text labels a second time, after the first paint. Here the answer is kept for
    the text, width and font it was computed for."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(text, parent, **kwargs)
        self.setWordWrap(True)
        self._heights: dict[tuple[str, int], int] = {}

    def heightForWidth(self, width: int) -> int:
        key = (self.text(), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 64:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)
