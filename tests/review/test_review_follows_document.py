"""Review where the text is: the queue drives the reader, the inspector and the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.review_queue import ReviewQueueModel
from kursk_annotator.ui.settings import Settings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

FILLER = "Shelling was reported overnight along the line of contact near the border.\n\n"
LONG_TEXT = FILLER * 60 + "Russian forces pressed on towards Pokrovsk in the Donetsk region.\n"
COMMENT = (
    "The article says Sudzha, but the General Staff bulletin of that day names the "
    "outskirts of Sudzha and the road to Makhnovka: keep the town, and add the road as a "
    "second place if you agree, so the briefing map shows both."
)


@pytest.fixture
def two_articles(scenario):
    ws = scenario.ws
    second = ws.articles.add(NewArticle(text=LONG_TEXT, title="Towards Pokrovsk", outlet="Wire"))
    pokrovsk = ws.annotations.create_from_quote(second.id, "place", "Pokrovsk", scenario.olena)
    return scenario, second.id, pokrovsk


@pytest.fixture
def open_window(qtbot, scenario, tmp_path: Path):
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


def click_row(qtbot, queue, annotation_id: int) -> None:
    row = queue.model.row_of(annotation_id)
    rect = queue.table.visualRect(queue.model.index(row, ReviewQueueModel.QUOTE))
    qtbot.mouseClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def assert_shown(window: MainWindow, annotation_id: int) -> None:
    """The reader shows the annotation's article, its span selected and in view, and the
    inspector and the library are on it too."""
    info = window.workspace.annotations.get(annotation_id)
    assert window.state.article.id == info.article_id
    assert window.library.current_id() == info.article_id
    assert window.library.list.selectionModel().isSelected(window.library.list.currentIndex())
    assert window.state.selected_id == annotation_id
    assert window.inspector.info is not None and window.inspector.info.id == annotation_id
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == info.quote
    assert window.reader.viewport().rect().contains(window.reader.cursorRect(cursor))


def test_queue_rows_and_verdicts_show_the_annotation_in_the_reader(
    qtbot, open_window, two_articles
) -> None:
    scenario, _second, pokrovsk = two_articles
    window = open_window("Mark Davies")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    queue = window.review_tools.dock.queue
    qtbot.waitUntil(queue.isVisible)
    assert_shown(window, queue.current().id)  # opening the queue shows its first row

    click_row(qtbot, queue, pokrovsk.id)  # below the fold of another article
    assert_shown(window, pokrovsk.id)
    assert window.reader_pane.title.text() == "Towards Pokrovsk"

    click_row(qtbot, queue, scenario.o_place.id)  # back to the first article
    assert_shown(window, scenario.o_place.id)
    queue.table.setFocus()
    with qtbot.waitSignal(queue.changed):
        qtbot.keyClick(queue.table, Qt.Key.Key_A)
    assert window.workspace.annotations.get(scenario.o_place.id).status == "accepted"
    following = queue.current()
    assert following is not None and following.id != scenario.o_place.id
    assert_shown(window, following.id)  # the next one, shown before any key acts on it
    assert queue.table.hasFocus()  # ready for the next verdict key

    # Keys pressed in the reader are not verdicts.
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_R)
    assert window.workspace.annotations.get(following.id).status == "pending"


def test_thread_shows_full_comments_with_who_and_when(qtbot, open_window, scenario) -> None:
    ws = scenario.ws
    ws.reviews.review(scenario.o_place.id, scenario.mark, "request_changes", COMMENT)
    ws.reviews.review(scenario.o_place.id, scenario.olena, "comment", "Done: added the road.")
    window = open_window("Mark Davies")
    window.review_tools.show_queue()
    queue = window.review_tools.dock.queue
    queue.status_box.setCurrentIndex(0)  # all statuses
    click_row(qtbot, queue, scenario.o_place.id)
    thread = queue.thread
    first = thread.topLevelItem(0)
    head, text = first.text(0).split("\n", 1)
    assert head.startswith("Mark Davies asked for changes · 20")  # who, what, when
    assert text == COMMENT  # in full
    reply = thread.itemBelow(first)
    assert reply.text(0).startswith("Olena Kovalchuk commented")
    line = thread.fontMetrics().height()
    # Wrapped over several lines, and the thread tall enough to show every entry.
    assert thread.visualItemRect(first).height() >= 3 * line
    assert thread.viewport().height() + 2 * thread.frameWidth() >= queue.thread_content_height()
    assert thread.verticalScrollBar().maximum() == 0


def test_requests_to_me_show_their_status_and_no_verdicts_on_own_work(
    qtbot, open_window, scenario
) -> None:
    ws = scenario.ws
    ws.reviews.review(scenario.o_place.id, scenario.mark, "request_changes", "which Sudzha?")
    window = open_window("Olena Kovalchuk")
    window.review_tools.show_queue()
    queue = window.review_tools.dock.queue
    qtbot.mouseClick(queue.mine_box, Qt.MouseButton.LeftButton)
    assert queue.mine_box.isChecked()
    assert queue.status_box.currentText() == "Changes requested"
    assert not queue.status_box.isEnabled()
    statuses = [queue.model.index(r, ReviewQueueModel.STATUS).data() for r in range(1)]
    assert queue.model.rowCount() == 1 and statuses == ["Changes requested"]
    assert_shown(window, scenario.o_place.id)
    # Her own annotation: no verdict buttons, and A does nothing to it.
    assert not queue.accept_button.isEnabled() and not queue.reject_button.isEnabled()
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_A)
    assert ws.annotations.get(scenario.o_place.id).status == "changes_requested"
    qtbot.mouseClick(queue.mine_box, Qt.MouseButton.LeftButton)
    assert queue.status_box.currentText() == "Pending" and queue.status_box.isEnabled()


def test_verdict_keys_are_in_the_review_menu_and_the_shortcuts_list(
    qtbot, open_window, scenario
) -> None:
    window = open_window("Mark Davies")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "shortcuts_dialog") is not None)
    rows = window.findChild(QDialog, "shortcuts_dialog").rows()
    listed = {label: keys for menu, label, keys in rows if menu == "Review"}
    assert listed["Review Queue › Accept"] == "A"
    assert listed["Review Queue › Reject"] == "R"
    assert listed["Review Queue › Request Changes"] == "Q"
    assert listed["Review Queue › Next in Queue"] == "N, J"
