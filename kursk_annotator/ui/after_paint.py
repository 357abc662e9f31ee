"""Run something once a widget has been painted: the start-up's steps wait for the
previous one to reach the screen before taking the GUI thread again."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, right after ``widget`` is next painted (or after
    ``fallback_ms`` if it never is, say on a minimised start)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int = 1000):
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        # Timers bound to this object: a widget deleted first takes them with it.
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._fire)  # once this paint has reached the screen
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        widget, self._widget = self._widget, None
        if widget is not None:
            with contextlib.suppress(RuntimeError):  # the widget is gone
                widget.removeEventFilter(self)  # a Python filter costs every event
        if callback is not None:
            self.deleteLater()  # done: not one more child of the widget per use
            callback()
