"""Labels whose changes repaint the label alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
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


class WrappedLabelHost(QWidget):
    """Holds a word-wrapped ``label`` outside any layout, at the size its layout would
    give the label; that layout is asked to run again only when the label's sizes change.

    A label in a layout invalidates it on every ``setText``: each new annotation's quote
    laid the whole Inspector out again, then its scroll area (0.4 ms of a tag), though a
    quote of one line takes the room the last one took. Here the label's new text reaches
    this host alone, which compares what the layout asks of it (size hints, height for
    its width) with what they were, and updates its geometry only when they differ. The
    label stays shown; its text, font and style may change at any time."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        # Opaque, as SteadyLabelHost's: a new quote repaints the label alone, not this
        # host and the panel behind it too.
        label.setAutoFillBackground(True)
        self.setSizePolicy(label.sizePolicy())
        self._given: tuple | None = None  # the label's sizes when the layout last asked

    def _sizes(self) -> tuple:
        # What the layout of a panel of a given width (a scroll area's, a dock's) takes
        # from the label: its height for the width it has, and its minimum width (its
        # longest word) where that is more than it has. Not its preferred width (its
        # text's, up to 80 characters), which every new text changes and which sets
        # nothing there, nor a minimum within the room it has.
        label, width = self.label, self.width()
        minimum = label.minimumSizeHint()
        wider = minimum.width() if minimum.width() > width else 0
        return (label.heightForWidth(width), minimum.height(), wider)

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # The label's text, font or style changed (its updateGeometry comes here, as this
        # host has no layout): the layout around runs again only if its sizes changed.
        if event.type() == QEvent.Type.LayoutRequest:
            self._relayout_if_changed()
            return True
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._relayout_if_changed()  # a text set while hidden posted no request here
        super().showEvent(event)

    def _relayout_if_changed(self) -> None:
        sizes = self._sizes()
        if sizes != self._given:
            self._given = sizes
            self.updateGeometry()
