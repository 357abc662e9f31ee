"""What the app does with an error nobody caught: log it and tell the user where the log is.

Without a hook, PySide6 prints the traceback to a terminal the analyst usually does not
have, and the app carries on in an unknown state or vanishes. The hook writes the full
traceback to the log file and shows one dialog saying what happened and where the log is
(for a report), once per burst of errors rather than once per repaint of a broken widget.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kursk_annotator import APP_NAME

log = logging.getLogger("kursk_annotator.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class CrashReporter:
    """The installed ``sys.excepthook``; ``dialog`` is the one on screen, if any."""

    def __init__(
        self,
        log_file: Path | None,
        parent: Callable[[], QWidget | None],
        log_later: Callable[[], Path | None] | None = None,
    ) -> None:
        self.log_file = log_file
        self.parent = parent
        # Opens the log file when it is not open yet (the app opens it once data shows):
        # an error before that is written to it all the same.
        self.log_later = log_later
        self.dialog: QMessageBox | None = None
        self.previous: ExceptHook = sys.excepthook

    def open_log(self) -> None:
        """The log file opened (once), if it was left for later."""
        if self.log_later is not None:
            log_later, self.log_later = self.log_later, None
            self.log_file = log_later()

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        self.open_log()
        log.critical("unexpected error", exc_info=(kind, error, tb))
        if QApplication.instance() is None:
            self.previous(kind, error, tb)
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog for a burst of errors; every one is in the log
        where = (
            f"The details are in the log file:\n{self.log_file}"
            if self.log_file
            else "The log file could not be written; start from a terminal to see details."
        )
        box = QMessageBox(self.parent())
        box.setObjectName("crash_dialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME}: unexpected error")
        box.setText(f"Something went wrong: {kind.__name__}: {error}")
        box.setInformativeText(
            f"{where}\n\nYour annotations are stored as you make them; save your current "
            "note elsewhere if you were typing one, then restart the app if it misbehaves."
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = box
        box.open()  # not exec(): the hook must not start a nested event loop

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous


def install_crash_reporter(
    log_file: Path | None,
    parent: Callable[[], QWidget | None] = lambda: None,
    log_later: Callable[[], Path | None] | None = None,
) -> CrashReporter:
    reporter = CrashReporter(log_file, parent, log_later)
    sys.excepthook = reporter
    return reporter
