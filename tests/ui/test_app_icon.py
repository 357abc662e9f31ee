"""The application icon on the main window and on the dialogs it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from kursk_annotator import APP_ID
from kursk_annotator.desktop_entry import ICON_SIZES
from kursk_annotator.ui.icons import app_icon


def test_main_window_and_its_dialogs_show_the_app_icon(qtbot, window):
    icon = app_icon()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    assert window.windowIcon().cacheKey() == icon.cacheKey()
    assert QApplication.instance().desktopFileName() == APP_ID

    qtbot.keyClick(window, Qt.Key.Key_F1)  # the keyboard shortcuts window
    qtbot.waitUntil(lambda: window.findChild(QDialog, "shortcuts_dialog") is not None)
    dialog = window.findChild(QDialog, "shortcuts_dialog")
    assert dialog.isVisible()
    assert dialog.windowIcon().cacheKey() == icon.cacheKey()
    assert not dialog.windowIcon().pixmap(16, 16).isNull()
