"""A scroll area that resizes its widget only when the widget's size constraints change."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QScrollArea


class SteadyScrollArea(QScrollArea):
    """A QScrollArea (widget resizable) that skips the relayout a change inside its widget
    asks for when the widget's size constraints are what they were.

    Every layout pass inside the widget (a label's new text in the Inspector, at every new
    annotation) ends with a layout request to the scroll area, which then asks the widget
    its sizes again and lays out its scroll bars: about half a millisecond for nothing when
    the widget's height for the viewport's width has not changed."""

    _constraints: tuple | None = None

    def _current_constraints(self) -> tuple | None:
        widget = self.widget()
        if widget is None:
            return None
        policy = widget.sizePolicy()
        viewport, hint = self.viewport().size(), widget.minimumSizeHint()
        # What QScrollArea sizes the widget from: a narrower minimum than the viewport
        # (the longest word of a quote) comes to the viewport's width all the same.
        width = max(viewport.width(), hint.width())
        return (
            viewport,
            widget.minimumSize(),
            widget.maximumSize(),
            policy.horizontalPolicy(),
            policy.verticalPolicy(),
            width,
            hint.height(),
            widget.heightForWidth(width),
        )

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self.widgetResizable():
            constraints = self._current_constraints()
            if constraints is not None and constraints == self._constraints:
                return True
            handled = super().viewportEvent(event)
            self._constraints = self._current_constraints()
            return handled
        return super().viewportEvent(event)
