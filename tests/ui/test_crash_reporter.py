"""An error nobody caught is logged with its traceback and shown in a dialog that gives
the log's path, instead of the app dying silently."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kursk_annotator.logs import configure_logging
from kursk_annotator.ui.crash import install_crash_reporter


@pytest.mark.qt_no_exception_capture  # the app's own hook is what is tested
def test_an_uncaught_error_in_a_slot_is_logged_and_shown(qtbot, window, tmp_path) -> None:
    log_file = configure_logging()
    assert log_file is not None and log_file.is_relative_to(tmp_path.parent.parent)
    reporter = install_crash_reporter(log_file, parent=lambda: window)
    try:

        def broken_slot() -> None:
            {}["no such key"]

        QTimer.singleShot(0, broken_slot)  # raised inside Qt's event loop
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        dialog = reporter.dialog
        assert isinstance(dialog, QMessageBox) and dialog.parent() is window
        assert "KeyError" in dialog.text() and "'no such key'" in dialog.text()
        assert str(log_file) in dialog.informativeText()
        for handler in logging.getLogger("kursk_annotator").handlers:
            handler.flush()
        logged = log_file.read_text(encoding="utf-8")
        assert "unexpected error" in logged and "in broken_slot" in logged
        # A second error while the dialog is open is logged, not shown again.
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: log_file.read_text(encoding="utf-8").count("in broken_slot") == 2)
        assert (
            len(
                [
                    w
                    for w in QApplication.topLevelWidgets()
                    if w.objectName() == "crash_dialog" and w.isVisible()
                ]
            )
            == 1
        )
        dialog.accept()
        qtbot.waitUntil(lambda: reporter.dialog is None)
        assert window.isVisible()  # the app carries on
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter


@pytest.mark.qt_no_exception_capture
def test_an_error_before_the_log_file_is_open_opens_it_and_is_logged(qtbot, window) -> None:
    """The app opens its log file once the data shows; an error before that opens it
    first, so the traceback is in the file the dialog names."""
    opened: list[bool] = []

    def open_log():
        opened.append(True)
        return configure_logging()

    reporter = install_crash_reporter(None, parent=lambda: window, log_later=open_log)
    try:
        QTimer.singleShot(0, lambda: {}["early"])
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        assert opened == [True] and reporter.log_file is not None
        assert str(reporter.log_file) in reporter.dialog.informativeText()
        for handler in logging.getLogger("kursk_annotator").handlers:
            handler.flush()
        assert "'early'" in reporter.log_file.read_text(encoding="utf-8")
        reporter.open_log()  # once only
        assert opened == [True]
        reporter.dialog.accept()
    finally:
        reporter.uninstall()
