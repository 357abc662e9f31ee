"""The review queue widget, driven by keyboard like a reviewer would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.review_queue import ReviewQueue, ReviewQueueModel
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.workspace_source import FixedWorkspace

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot pass size hints or raise windows; that says nothing
    # about these widgets.
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


@pytest.fixture
def queue(qtbot, scenario):
    scenario.ws.switch_analyst("Mark Davies")
    widget = ReviewQueue(FixedWorkspace(scenario.ws))
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.table.setFocus()
    return widget


def _quotes(widget: ReviewQueue) -> list[str]:
    return [widget.model.annotation(r).quote for r in range(widget.model.rowCount())]


def test_queue_model_passes_the_model_tester(qtmodeltester, queue) -> None:
    assert queue.model.rowCount() == 3
    qtmodeltester.check(queue.model, force_py=True)
    empty = ReviewQueueModel()
    qtmodeltester.check(empty, force_py=True)


def test_queue_lists_only_other_analysts_work_and_filters(queue, scenario) -> None:
    # Mark reviews: he sees Olena's three annotations, never his own.
    assert {queue.model.annotation(r).analyst for r in range(3)} == {"Olena Kovalchuk"}
    queue.kind_box.setCurrentIndex(queue.kind_box.findData("place"))
    assert _quotes(queue) == ["Sudzha"]
    queue.kind_box.setCurrentIndex(0)
    queue.analyst_box.setCurrentIndex(queue.analyst_box.findData("Mark Davies"))
    assert _quotes(queue) == []
    queue.analyst_box.setCurrentIndex(0)
    other = scenario.ws.articles.list()
    assert queue.article_box.count() == len(other) + 1


def test_keyboard_navigation_and_one_key_verdicts(qtbot, queue, scenario) -> None:
    first, second = _quotes(queue)[:2]
    assert queue.current().quote == first
    qtbot.keyClick(queue.table, Qt.Key.Key_N)
    assert queue.current().quote == second
    qtbot.keyClick(queue.table, Qt.Key.Key_P)
    assert queue.current().quote == first
    qtbot.keyClick(queue.table, Qt.Key.Key_J)
    target = queue.current()
    queue.comment.setText("agreed with the source")
    queue.table.setFocus()
    with qtbot.waitSignal(queue.changed):
        qtbot.keyClick(queue.table, Qt.Key.Key_A)
    info = scenario.ws.annotations.get(target.id)
    assert info.status == "accepted"
    [verdict] = scenario.ws.reviews.thread(target.id)
    assert (verdict.analyst, verdict.text) == ("Mark Davies", "agreed with the source")
    # It left the "Pending" queue; the comment box is empty for the next one.
    assert target.quote not in _quotes(queue) and queue.comment.text() == ""
    assert queue.current() is not None
    rejected = queue.current()
    qtbot.keyClick(queue.table, Qt.Key.Key_R)
    assert scenario.ws.annotations.get(rejected.id).status == "rejected"
    asked = queue.current()
    qtbot.keyClick(queue.table, Qt.Key.Key_Q)
    assert scenario.ws.annotations.get(asked.id).status == "changes_requested"
    assert _quotes(queue) == []
    assert "asked for changes" in queue.message.text()


def test_typing_a_comment_does_not_trigger_verdicts(qtbot, queue, scenario) -> None:
    target = queue.current()
    queue.comment.setFocus()
    qtbot.keyClicks(queue.comment, "Are these numbers right?")
    assert queue.comment.text() == "Are these numbers right?"
    assert scenario.ws.annotations.get(target.id).status == "pending"


def test_thread_with_replies_and_requests_to_the_author(qtbot, queue, scenario) -> None:
    target = queue.current()
    queue.comment.setText("Which General Staff report?")
    assert queue.give_verdict("request_changes")
    # Olena, the author, opens her requests and answers in the thread.
    scenario.ws.switch_analyst("Olena Kovalchuk")
    queue.mine_box.setChecked(True)
    assert [queue.model.annotation(r).id for r in range(queue.model.rowCount())] == [target.id]
    assert queue.thread.topLevelItemCount() == 1
    request = queue.thread.topLevelItem(0)
    head, said = request.text(0).split("\n")
    assert head.startswith("Mark Davies asked for changes · ")
    assert said == "Which General Staff report?"
    queue.thread.setCurrentItem(request)
    queue.reply.setText("The 6 February one")
    qtbot.keyClick(queue.reply, Qt.Key.Key_Return)
    request = queue.thread.topLevelItem(0)
    assert request.childCount() == 1
    head, said = request.child(0).text(0).split("\n")
    assert head.startswith("Olena Kovalchuk commented · ")
    assert said == "The 6 February one"
    [_, answer] = scenario.ws.reviews.thread(target.id)
    assert answer.parent_id == scenario.ws.reviews.thread(target.id)[0].id


def test_review_menu_installs_on_a_main_window(qtbot, scenario, tmp_path) -> None:
    scenario.ws.switch_analyst("Mark Davies")
    window = MainWindow(scenario.ws, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    tools = window.review_tools
    assert tools is not None  # installed with the store
    window.state.select(scenario.o_figure.id)
    menu = window.action_set.menu("&Review")
    assert [a.text() for a in menu.actions()] == [
        "Review &Queue",
        "&Requests for Changes to Me",
        "&Compare Analysts…",
        "Annotation &History…",
        "",
        "&Orphaned Annotations…",
        "&Import W3C Annotations…",
        "&Export W3C Annotations…",
        "",
        "Next in Queue",
        "Previous in Queue",
        "Accept",
        "Reject",
        "Request Changes",
    ]
    assert not tools.dock.isVisible()
    window.action_set["review_queue"].trigger()
    assert tools.dock.isVisible() and tools.dock.queue.model.rowCount() == 3
    queue = tools.dock.queue
    first = queue.current().id
    # The reader shows the queue's row.
    assert window.state.selected_id == first
    assert queue.give_verdict("accept")
    # The window's panels follow the verdict; the reader moves on to the next row.
    assert window.state.selected_id == queue.current().id != first
    window.state.select(scenario.o_figure.id)
    window.action_set["review_history"].trigger()
    assert tools.history is not None and tools.history.annotation_id == scenario.o_figure.id
    window.action_set["review_compare"].trigger()
    assert tools.compare is not None and tools.compare.isVisible()
    tools.compare.close()
    tools.history.close()


def test_verdict_on_ones_own_annotation_is_refused_in_the_queue(qtbot, queue, scenario) -> None:
    target = queue.current()
    queue.give_verdict("request_changes")
    scenario.ws.switch_analyst("Olena Kovalchuk")
    queue.mine_box.setChecked(True)  # her own annotation, waiting for her changes
    assert queue.current().id == target.id
    # The verdicts are off for her own work: the buttons and the A key.
    assert not queue.accept_button.isEnabled()
    assert "Your own annotation" in queue.accept_button.toolTip()
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_A)
    assert scenario.ws.annotations.get(target.id).status == "changes_requested"
    # The core refuses all the same, should a verdict get through another way.
    assert not queue.give_verdict("accept")
    assert queue.message.text() == (
        f"annotation {target.id} is your own: another analyst must review it"
    )
    assert scenario.ws.annotations.get(target.id).status == "changes_requested"


def test_queue_shows_its_first_page_before_its_count(qtbot, queue) -> None:
    """The rows come with the refresh; the count (an aggregate over every matching row,
    made off the GUI thread) follows and never holds the rows up."""
    queue.refresh()
    assert queue.model.rowCount() == 3  # the first page, shown at once
    assert queue.count_label.text() == ""  # the count is still coming
    qtbot.waitUntil(lambda: queue.count_label.text() == "3 to review")
    assert queue.count_task is None
