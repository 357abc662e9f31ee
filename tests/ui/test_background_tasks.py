"""Background work (ui.tasks): the window keeps painting while a task runs; progress,
partial results and (result, error) arrive on the GUI thread; cancel stops the work."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QThread
from PySide6.QtWidgets import QApplication

from kursk_annotator.core.errors import UserError
from kursk_annotator.ui.tasks import TaskCancelled, run_task


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _repaints_while_held(qtbot, window, pool=None) -> tuple[bool, list, list]:
    """Run a task held until the window has been repainted three times (as when the
    user scrolls and types meanwhile); whether it was, the (result, error) delivered and
    on which thread ``done`` ran."""
    gui = QApplication.instance().thread()
    release = threading.Event()
    seen: list[tuple[object, object]] = []
    threads: list[bool] = []

    def work(task):
        task.progress(1, 2, "half way")
        if QThread.currentThread() is gui:
            return "done"  # holding it here would freeze the window (and this test)
        release.wait(60)  # held until the test has seen the window paint
        return "done"

    def done(result, error):
        threads.append(QThread.currentThread() is gui)
        seen.append((result, error))

    steps: list[tuple[int, int, str]] = []
    task = run_task(work, done, progress=lambda *step: steps.append(step), pool=pool)
    painted_while_held = True
    try:
        counter = PaintCounter()
        window.reader.viewport().installEventFilter(counter)
        qtbot.waitUntil(lambda: steps == [(1, 2, "half way")])
        for _ in range(3):
            before = counter.paints
            window.reader.viewport().update()
            qtbot.waitUntil(lambda before=before: counter.paints > before)
            painted_while_held = painted_while_held and task.running and seen == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(seen))
    return painted_while_held, seen, threads


def test_the_window_repaints_while_a_task_is_held(qtbot, window) -> None:
    painted, seen, threads = _repaints_while_held(qtbot, window)
    assert painted
    assert seen == [("done", None)] and threads == [True]


class GuiThreadPool:
    """A pool that runs the work at once on the calling (GUI) thread: the defect the
    test above must catch."""

    def start(self, body) -> None:
        body()


def test_the_repaint_check_fails_when_the_work_runs_on_the_gui_thread(qtbot, window) -> None:
    painted, seen, _threads = _repaints_while_held(qtbot, window, pool=GuiThreadPool())
    assert not painted and seen == [("done", None)]


def test_errors_come_back_as_the_second_value(qtbot) -> None:
    seen = []

    def refused(_task):
        raise UserError("that file is not JSON: check it")

    run_task(refused, lambda *r: seen.append(r))
    qtbot.waitUntil(lambda: bool(seen))
    result, error = seen[0]
    assert result is None and isinstance(error, UserError)
    assert str(error) == "that file is not JSON: check it"


def test_a_defect_is_logged_and_delivered(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    seen = []
    run_task(lambda _t: 1 / 0, lambda *r: seen.append(r), name="the comparison")
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0][1], ZeroDivisionError)
    assert "the comparison failed" in caplog.text and "ZeroDivisionError" in caplog.text


def test_cancel_stops_between_steps_and_keeps_what_was_delivered(qtbot) -> None:
    started, release = threading.Event(), threading.Event()
    items: list[int] = []
    seen = []

    def work(task):
        for i in range(100):
            task.check()
            task.deliver(i)
            if i == 2:
                started.set()
                release.wait(60)
        return "finished"

    task = run_task(work, lambda *r: seen.append(r), name="the import", on_item=items.append)
    assert started.wait(60)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(seen))
    result, error = seen[0]
    assert result is None and isinstance(error, TaskCancelled)
    assert str(error) == "the import was cancelled"
    assert items == [0, 1, 2]


def test_a_task_whose_owner_is_deleted_ends_quietly(qtbot, monkeypatch, caplog) -> None:
    """A dialog or view closed (deleted) while its task runs: the task is asked to stop,
    its result goes nowhere, and nothing reaches the crash hook or the log as an error."""
    from PySide6.QtWidgets import QWidget

    crashes: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _k, error, _t: crashes.append(error))
    monkeypatch.setattr("threading.excepthook", lambda a: crashes.append(a.exc_value))
    owner = QWidget()
    started, release = threading.Event(), threading.Event()
    seen: list[object] = []
    stopped: list[bool] = []

    def work(task):
        started.set()
        release.wait(60)
        stopped.append(task.cancelled())
        task.progress(1, 1, "late")  # nobody is left to hear these
        task.deliver("late")
        return "late"

    task = run_task(
        work,
        lambda *r: seen.append(r),
        name="the comparison",
        owner=owner,
        progress=lambda *p: seen.append(p),
        on_item=seen.append,
    )
    assert started.wait(60)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    release.set()
    assert task.wait(60)
    qtbot.wait(50)  # anything queued for the GUI thread would arrive now
    assert stopped == [True]
    assert seen == [] and crashes == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
