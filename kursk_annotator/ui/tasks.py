"""One way to run work off the GUI thread: progress, cancel, and (result, error) back on
the GUI thread.

    run_task(lambda task: import_annotations(ws, path), done, owner=window)

``work(task)`` runs on a ``QThreadPool`` thread. It may call ``task.progress(done, total,
text)``, hand over results as they come with ``task.deliver(item)`` (``on_item(item)`` runs
on the GUI thread, in order), and should check ``task.cancelled`` between steps (or pass it
on as a cancel callback); it must never touch a widget. When it ends, ``done(result, error)``
runs on the GUI thread with exactly one of the two set (Picard's convention): ``error`` is
the exception the work raised, a :class:`TaskCancelled` when it stopped on request. A
``UserError`` is for the user to read; anything else is a defect and is logged with its
traceback before ``done`` gets it.

The signals object is created on the GUI thread, so Qt queues every emission from the
worker to the GUI thread. The pool is handed a plain callable, so no QRunnable is deleted
by C++ while Python still holds it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, SignalInstance

from kursk_annotator.core.errors import UserError

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]
Progress = Callable[[int, int, str], None]


class TaskCancelled(UserError):
    """The user stopped the task."""

    def __init__(self, what: str = "the task") -> None:
        super().__init__(f"{what} was cancelled")


class _Signals(QObject):
    progress = Signal(int, int, str)
    item = Signal(object)  # a partial result, delivered in order
    finished = Signal(object, object)  # result, error


class Task:
    """A running piece of work: what the worker sees, and what the GUI holds."""

    def __init__(self, name: str, owner: QObject | None = None) -> None:
        self.name = name
        self._cancel = threading.Event()
        self._finished = threading.Event()
        # Made on the GUI thread, so its slots run there; a child of the owner, so it is
        # deleted with it and nothing is delivered to a closed window.
        self.signals = _Signals(owner)

    # --- for the worker ----------------------------------------------------------------

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise TaskCancelled when the user asked to stop (call between steps)."""
        if self._cancel.is_set():
            raise TaskCancelled(self.name)

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._emit(lambda s: s.progress, done, total, text)

    def deliver(self, item: Any) -> None:
        """Hand a partial result to the GUI thread (``on_item``), before ``done``."""
        self._emit(lambda s: s.item, item)

    def _emit(self, signal: Callable[[_Signals], SignalInstance], *args: Any) -> None:
        """Emit unless the signals object is gone: its owner was deleted (a closed
        dialog) or the application is shutting down. Nobody is left to hear it then."""
        signals = self.signals
        if not shiboken6.isValid(signals):
            return
        # Deleted on the GUI thread between the check and the emit: the same case.
        with contextlib.suppress(RuntimeError):
            signal(signals).emit(*args)

    # --- for the GUI -------------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return not self._finished.is_set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the worker has ended (not until ``done`` ran): tests and shutdown."""
        return self._finished.wait(seconds)


_running: set[Task] = set()  # kept alive until their result has been delivered


def run_task(
    work: Callable[[Task], Any],
    done: Done,
    *,
    name: str = "the task",
    progress: Progress | None = None,
    on_item: Callable[[Any], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``work(task)`` on a pool thread; ``done(result, error)`` on the GUI thread.

    With an ``owner`` (the dialog or view showing the result), nothing is delivered once
    it has been deleted: a closed window never receives a late result, and the task is
    asked to stop (``task.cancelled()`` turns true)."""
    task = Task(name, owner)
    if owner is not None:  # a closed window's work is not worth finishing
        owner.destroyed.connect(task.cancel)
    if progress is not None:
        task.signals.progress.connect(progress)
    if on_item is not None:
        task.signals.item.connect(
            lambda item: on_item(item) if owner is None or shiboken6.isValid(owner) else None
        )

    def deliver(result: Any, error: BaseException | None) -> None:
        _running.discard(task)
        if owner is None or shiboken6.isValid(owner):
            done(result, error)

    task.signals.finished.connect(deliver)

    def body() -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = work(task)
            if task.cancelled():
                error, result = TaskCancelled(name), None
        except UserError as exc:
            error = exc
        except BaseException as exc:  # a defect: keep its traceback in the log
            log.exception("%s failed", name)
            error = exc
        finally:
            task._finished.set()
        if not shiboken6.isValid(task.signals):
            _running.discard(task)  # no delivery will come to release it
            log.debug("%s ended after its owner was deleted", name)
        task._emit(lambda s: s.finished, result, error)

    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(body)
    return task


class BackgroundRefresh:
    """One view's refresh off the GUI thread: ``run(work, show)`` computes on a pool thread
    and calls ``show(result)`` on the GUI thread. Asks made while one runs collapse into a
    single run afterwards, with the newest arguments, so a burst of edits costs two runs.
    A failed refresh is logged and leaves the view as it was."""

    def __init__(self, owner: QObject, name: str) -> None:
        self.owner = owner
        self.name = name
        self.task: Task | None = None
        self._next: tuple[Callable[[Task], Any], Callable[[Any], None]] | None = None

    def run(self, work: Callable[[Task], Any], show: Callable[[Any], None]) -> None:
        if self.task is not None and self.task.running:
            self._next = (work, show)
            return

        def done(result: Any, error: BaseException | None) -> None:
            self.task = None
            if error is None:
                show(result)
            else:
                log.warning("%s failed: %s", self.name, error)
            if self._next is not None:
                again, self._next = self._next, None
                self.run(*again)

        self.task = run_task(work, done, name=self.name, owner=self.owner)
