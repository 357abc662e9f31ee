"""Fixtures for the reader workspace: real windows over real stores, private settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings

TEXT = (
    "Sudzha is in Kursk Oblast.\n"
    "The ministry said 12,000 North Korean soldiers were deployed near Sudzha.\n"
    "\n"
    "About 1,300 sq km were held, according to Kyiv.\n"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns that it cannot pass size hints to (or raise
    # windows in) a window system it does not have; that says nothing about this application.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Callable[[Workspace], MainWindow]:
    def make(workspace: Workspace) -> MainWindow:
        window = MainWindow(workspace, Settings.at(settings_path))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        # Shortcuts (C, F, P, Delete...) only reach the active window.
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def article_id(workspace: Workspace) -> int:
    article = workspace.articles.add(NewArticle(text=TEXT, title="Sudzha report", outlet="Wire"))
    assert article.id is not None
    return article.id


@pytest.fixture
def window(make_window, workspace: Workspace, article_id: int) -> MainWindow:
    win = make_window(workspace)
    win.open_article(article_id)
    return win


@pytest.fixture
def sample_window(make_window, sample_workspace: Workspace) -> MainWindow:
    return make_window(sample_workspace)


def select_text(window: MainWindow, quote: str, occurrence: int = 1) -> None:
    """Select ``quote`` in the reader as a user would (Qt positions via the Utf16Map)."""
    text = window.state.text
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    to_u16 = window.state.utf16.to_utf16
    cursor = window.reader.textCursor()
    cursor.setPosition(to_u16(start))
    cursor.setPosition(to_u16(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()


def background_at(window: MainWindow, utf16_position: int):
    """The highlight colour painted at a Qt position, or None when unhighlighted."""
    window.reader.viewport().repaint()  # highlights are computed for what is painted
    block = window.reader.document().findBlock(utf16_position)
    offset = utf16_position - block.position()
    for rng in block.layout().formats():
        if rng.start <= offset < rng.start + rng.length:
            brush = rng.format.background()
            return brush.color().name() if brush.style() != 0 else None
    return None


def highlighted_text(window: MainWindow) -> list[str]:
    """Each highlighted run of the document, as text (what a user sees marked)."""
    window.reader.viewport().repaint()  # highlights are computed for what is painted
    runs = []
    block = window.reader.document().firstBlock()
    while block.isValid():
        # Qt's ranges count UTF-16 units; Python strings count code points.
        units = block.text().encode("utf-16-le")
        for rng in block.layout().formats():
            runs.append(units[2 * rng.start : 2 * (rng.start + rng.length)].decode("utf-16-le"))
        block = block.next()
    return runs


def format_at(window: MainWindow, annotation_id: int) -> QTextCharFormat | None:
    """The format the reader paints on the first character of an annotation (None: none)."""
    window.reader.viewport().repaint()  # formats are computed for what is painted
    row = window.state.annotations[annotation_id]
    position = window.state.utf16.to_utf16(row.start)
    block = window.reader.document().findBlock(position)
    for rng in block.layout().formats():
        if rng.start <= position - block.position() < rng.start + rng.length:
            return QTextCharFormat(rng.format)  # a copy: the range goes with the list
    return None


def settle(turns: int = 3) -> None:
    """Let queued events (layouts, paints) run, as the event loop would."""
    for _ in range(turns):
        QApplication.processEvents()


class EventLog(QObject):
    """The events of some types that reached the widgets watched, in order: what a test
    of repaints and relayouts counts (see :func:`watching`)."""

    def __init__(self, types: tuple[QEvent.Type, ...]) -> None:
        super().__init__()
        self.types = frozenset(types)
        self.widgets: list[QObject] = []  # the widget each event reached
        self.rects: list[QRect] = []  # the rectangle of each paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.types:
            self.widgets.append(watched)
            if event.type() == QEvent.Type.Paint:
                self.rects.append(event.rect())
        return False

    @property
    def count(self) -> int:
        return len(self.widgets)

    def clear(self) -> None:
        self.widgets.clear()
        self.rects.clear()


@contextmanager
def watching(
    *widgets: QObject, types: tuple[QEvent.Type, ...] = (QEvent.Type.Paint,)
) -> Iterator[EventLog]:
    """The events of ``types`` (paints by default) that reach ``widgets`` meanwhile."""
    log = EventLog(types)
    for widget in widgets:
        widget.installEventFilter(log)
    try:
        yield log
    finally:
        for widget in widgets:
            widget.removeEventFilter(log)
