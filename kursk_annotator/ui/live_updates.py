"""A team store's window follows colleagues' work as it is stored.

The database's triggers notify every change; a timer polls the listener (five times a
second), and a change by someone else re-reads the library, the open article and the
review queue through the same path as any outside change: only the differences reach
the views, so the reading place and the selection stay. A lost connection shows a
banner, blocks edits with a clear message, and the listener reconnects by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from kursk_annotator.core.team.live import ChangeListener

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow

POLL_MS = 200
BLOCKED = (
    "Not connected to the team store: edits are blocked until the connection is back "
    "(reconnecting by itself)."
)


class LiveUpdates(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        workspace = window.workspace
        self.me = workspace.analyst.id
        self.listener = ChangeListener(workspace.store.engine.url)
        self.banner = QLabel(objectName="connection_banner")
        self.banner.setAccessibleName("Connection to the team store")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #8a1c1c; color: white; padding: 6px 24px; font-weight: bold; }"
        )
        self.banner.hide()
        window.reader_pane.layout().insertWidget(0, self.banner)
        self.changes_seen = 0
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.listener.poll()  # connect now: changes from here on are seen
        self.timer.start()

    def poll(self) -> None:
        was_up = self.listener.connected
        changes, back = self.listener.poll()
        if not self.listener.connected:
            if was_up or self.banner.isHidden():
                self._lost()
            return
        others = [c for c in changes if c.get("analyst_id") != self.me]
        if back:
            self._back()
        elif others:
            self.changes_seen += len(others)
            self.window.reload_library()

    def _lost(self) -> None:
        self.banner.setText(
            "Connection to the team store lost — reconnecting… Edits are blocked until it is "
            "back; colleagues' changes will show then."
        )
        self.banner.show()
        self.window.state.blocked = BLOCKED

    def _back(self) -> None:
        self.banner.hide()
        self.window.state.blocked = None
        self.window.reload_library()  # what colleagues did meanwhile
        self.window.statusBar().showMessage("Connected to the team store again.", 5000)

    def stop(self) -> None:
        self.timer.stop()
        self.listener.close()
