"""A label whose text changes repaint the label alone."""

from __future__ import annotations

from PySide6.QtCore import QSize
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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = label.fontMetrics().height() + 4

    def sizeHint(self) -> QSize:
        return QSize(120, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self._height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)
