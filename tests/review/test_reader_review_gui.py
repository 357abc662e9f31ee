"""Reviews seen from the reader: verdicts repaint it, the inspector shows them and the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from tests.ui.conftest import format_at

UNDERLINE = QTextCharFormat.UnderlineStyle

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


@pytest.fixture
def make_window(qtbot, scenario, tmp_path: Path):
    def make(analyst: str) -> MainWindow:
        scenario.ws.switch_analyst(analyst)
        window = MainWindow(scenario.ws, Settings.at(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.open_article(scenario.article_id)
        return window

    return make


def test_a_verdict_in_the_queue_repaints_the_open_article(qtbot, make_window, scenario) -> None:
    window = make_window("Mark Davies")
    place = scenario.o_place.id
    assert format_at(window, place).underlineStyle() == UNDERLINE.DashUnderline  # pending
    pending_fill = format_at(window, place).background().color()
    tools = window.review_tools
    tools.show_queue()
    queue = tools.dock.queue
    queue.select_row(queue.model.row_of(place))
    queue.table.setFocus()
    with qtbot.waitSignal(queue.changed):
        qtbot.keyClick(queue.table, Qt.Key.Key_A)
    assert window.state.annotations[place].status == "accepted"
    accepted = format_at(window, place)
    assert accepted.underlineStyle() == UNDERLINE.NoUnderline
    assert accepted.background().color() != pending_fill
    assert window.state.article.id == scenario.article_id
    # Rejected: gone from the reader and the table.
    figure = scenario.o_figure.id
    queue.select_row(queue.model.row_of(figure))
    queue.table.setFocus()
    with qtbot.waitSignal(queue.changed):
        qtbot.keyClick(queue.table, Qt.Key.Key_R)
    assert figure not in {a.id for a in window.state.visible_annotations()}
    assert window.annotations.model.row_of(figure) is None


def test_inspector_history_button_shows_the_selected_annotations_history(
    qtbot, make_window, scenario
) -> None:
    ws = scenario.ws
    ws.switch_analyst("Mark Davies")
    ws.reviews.review(scenario.o_figure.id, ws.analyst, "accept", "matches the source")
    window = make_window("Mark Davies")
    window.state.select(scenario.o_figure.id)
    inspector = window.inspector
    assert inspector.history_button.isEnabled()
    qtbot.mouseClick(inspector.history_button, Qt.MouseButton.LeftButton)
    dialog = window.review_tools.history
    assert dialog is not None and dialog.isVisible()
    assert dialog.annotation_id == scenario.o_figure.id
    entries = ws.history.for_entity("annotation", scenario.o_figure.id)
    model = dialog.model
    assert model.rowCount() == len(entries) >= 3
    actions = [model.index(r, model.ACTION).data() for r in range(model.rowCount())]
    assert {"Created", "Reviewed", "Status"} <= set(actions)
    assert "Mark Davies" in [model.index(r, model.WHO).data() for r in range(model.rowCount())]
    dialog.close()
    # Review -> Annotation History (Ctrl+H) shows the same for the selected annotation.
    window.state.select(scenario.o_place.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.review_tools.history.annotation_id == scenario.o_place.id
    # Nothing selected: nothing to show, and the button says so by being disabled.
    window.state.select(None)
    assert not inspector.history_button.isEnabled()


def test_inspector_shows_status_latest_verdict_and_requests_to_the_author(
    qtbot, make_window, scenario
) -> None:
    ws = scenario.ws
    ws.switch_analyst("Mark Davies")
    ws.reviews.review(scenario.o_place.id, ws.analyst, "request_changes", "which Sudzha?")
    ws.reviews.review(scenario.o_figure.id, ws.analyst, "accept", "matches the source")
    window = make_window("Mark Davies")
    inspector = window.inspector
    window.state.select(scenario.o_figure.id)
    assert "accepted" in inspector.title.text()
    assert "Mark Davies accepted" in inspector.review.text()
    assert "matches the source" in inspector.review.text()
    assert inspector.change_request.isHidden()
    window.state.select(scenario.m_place.id)
    assert inspector.review.text() == "Not reviewed yet."
    window.state.select(scenario.o_place.id)
    assert "changes requested" in inspector.title.text()
    assert inspector.change_request.isHidden()  # Mark is the reviewer, not the author
    window.close()

    author = make_window("Olena Kovalchuk")
    author.state.select(scenario.o_place.id)
    note = author.inspector.change_request
    assert not note.isHidden()
    assert "Mark Davies asked you for changes" in note.text()
    assert "which Sudzha?" in note.text()
    # Olena replies in the thread: the inspector shows the latest comment too.
    [request] = ws.reviews.thread(scenario.o_place.id)
    ws.switch_analyst("Olena Kovalchuk")
    ws.reviews.reply(scenario.o_place.id, ws.analyst, "the town in Kursk Oblast", request.id)
    author.reload_library()
    assert author.state.selected_id == scenario.o_place.id
    assert "the town in Kursk Oblast" in author.inspector.review.text()
    assert "Mark Davies requested changes" in author.inspector.review.text()
