"""Background work (ui.tasks): the window keeps painting while a task runs; progress,
partial results and (result, error) arrive on the GUI thread; cancel stops the work."""

from __future__ import annotations

import threading

import pytest
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


def test_the_window_repaints_while_a_task_is_held(qtbot, window) -> None:
    release = threading.Event()
    seen: list[tuple[object, object]] = []
    threads: list[bool] = []

    def work(task):
        task.progress(1, 2, "half way")
        release.wait(60)  # held until the test has seen the window paint
        return "done"

    def done(result, error):
        threads.append(QThread.currentThread() is QApplication.instance().thread())
        seen.append((result, error))

    steps: list[tuple[int, int, str]] = []
    task = run_task(work, done, progress=lambda *step: steps.append(step))
    try:
        counter = PaintCounter()
        window.reader.viewport().installEventFilter(counter)
        qtbot.waitUntil(lambda: steps == [(1, 2, "half way")])
        for _ in range(3):  # the user scrolls and types meanwhile: each is painted
            before = counter.paints
            window.reader.viewport().update()
            qtbot.waitUntil(lambda before=before: counter.paints > before)
        assert task.running and seen == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [("done", None)] and threads == [True]


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
