"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QPlainTextEdit, QSplitter

from kursk_annotator import APP_NAME
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.workspace import Workspace, open_workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(APP_NAME)
        self.library = QListWidget()
        self.reader = QPlainTextEdit(readOnly=True)
        splitter = QSplitter()
        splitter.addWidget(self.library)
        splitter.addWidget(self.reader)
        self.setCentralWidget(splitter)
        self._articles = workspace.articles.list()
        for info in self._articles:
            self.library.addItem(info.title)
        self.library.currentRowChanged.connect(self._show)
        if self._articles:
            self.library.setCurrentRow(0)
        self.resize(1200, 800)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._articles):
            self.reader.setPlainText(self.workspace.articles.get(self._articles[row].id).text)


def run(db: str | None = None, analyst: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    try:
        workspace = open_workspace(db, analyst)
    except UserError as exc:
        print(f"kursk-annotator: error: {exc}", file=sys.stderr)
        return exc.exit_code
    window = MainWindow(workspace)
    window.show()
    return app.exec()
