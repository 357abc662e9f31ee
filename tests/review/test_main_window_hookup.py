"""The review tools installed on the application's real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


def test_tools_fit_the_real_main_window(qtbot, scenario, tmp_path: Path) -> None:
    scenario.ws.switch_analyst("Mark Davies")
    window = MainWindow(scenario.ws, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    # The window installs the review tools itself once its store is open.
    tools = window.review_tools
    assert tools is not None
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # No shortcut of the review tools is taken by the window's own actions.
    shortcuts = [
        a.shortcut().toString()
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    ]
    assert len(shortcuts) == len(set(shortcuts)), sorted(shortcuts)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert tools.dock.isVisible() and tools.dock.queue.model.rowCount() == 3
    queue = tools.dock.queue
    queue.table.doubleClicked.emit(queue.table.currentIndex())
    assert window.state.selected_id == queue.current().id
    assert tools.current_annotation_id() == queue.current().id
