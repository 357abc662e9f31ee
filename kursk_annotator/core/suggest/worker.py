"""Suggestions computed in a separate, long-lived process.

The suggesters are pure Python: run on a thread of the app they hold the GIL for seconds
on a long article and slow the GUI thread (opening a 1 MB article took twice as long
while the previous one's suggestions ran). In another process they compete for a core
at most, and the waiting thread releases the GIL.

    worker = SuggestionWorker()
    found = worker.compute(text, article_date=published, actors=actors)  # blocks
    worker.shutdown()

The process is started on first use ("spawn": a fresh interpreter, safe beside Qt's
threads, and it imports only the core), lowers its own priority, keeps the gazetteer
loaded between articles and ends when the process that started it ends. A process that
dies is replaced on the next call; the call it was running raises
:class:`SuggestionWorkerError`. Qt-free: the GUI calls :meth:`compute` from its one
background helper, the CLI computes in its own process and needs none of this.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import TYPE_CHECKING

from kursk_annotator.core.errors import UserError

if TYPE_CHECKING:
    from kursk_annotator.core.suggest.actor import Actor
    from kursk_annotator.core.suggest.model import Suggestion

log = logging.getLogger(__name__)

# How often a waiting caller looks whether it was cancelled, in seconds.
_POLL = 0.1
# Below the app: on a busy machine the reader's thread gets the core first.
_NICENESS = 5


class SuggestionWorkerError(UserError):
    """The suggestion process could not start or stopped while computing."""


class SuggestionsCancelled(UserError):
    """The caller stopped waiting (another article is shown)."""

    def __init__(self) -> None:
        super().__init__("suggestions were cancelled")


def _watch_parent(parent: int) -> None:
    """End this process once the app that started it is gone (killed, crashed)."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start(parent: int) -> None:
    """Runs once in the new process: lower priority, watch the app, load the gazetteer."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(_NICENESS)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from kursk_annotator.core.gazetteer import load_gazetteer

    load_gazetteer()  # cached in this process: every article after the first finds it loaded


def _compute(
    text: str,
    article_date: date | None,
    kinds: tuple[str, ...] | None,
    actors: tuple[Actor, ...],
) -> list[Suggestion]:
    from kursk_annotator.core.suggest.engine import suggest

    return suggest(text, article_date=article_date, kinds=kinds, actors=actors)


class SuggestionWorker:
    """One worker process, started on first use; thread-safe."""

    def __init__(self, start_method: str = "spawn") -> None:
        self.start_method = start_method
        self._executor: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _pool(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise SuggestionWorkerError("the suggestion process was shut down")
            if self._executor is None:
                try:
                    self._executor = cf.ProcessPoolExecutor(
                        max_workers=1,
                        mp_context=multiprocessing.get_context(self.start_method),
                        initializer=_start,
                        initargs=(os.getpid(),),
                    )
                except (ValueError, OSError) as exc:
                    raise SuggestionWorkerError(
                        f"the suggestion process could not start: {exc}"
                    ) from exc
            return self._executor

    def _discard(self, executor: cf.ProcessPoolExecutor) -> None:
        """Forget a broken pool: the next call starts a new process."""
        with self._lock:
            if self._executor is executor:
                self._executor = None
        with contextlib.suppress(Exception):
            executor.shutdown(wait=False, cancel_futures=True)

    def compute(
        self,
        text: str,
        *,
        article_date: date | None = None,
        kinds: Sequence[str] | None = None,
        actors: Sequence[Actor] = (),
        cancelled: Callable[[], bool] = lambda: False,
    ) -> list[Suggestion]:
        """``suggest()`` in the worker process; blocks until it answers (the GIL is free
        meanwhile). Raises :class:`SuggestionsCancelled` soon after ``cancelled()`` turns
        true, :class:`SuggestionWorkerError` when the process cannot start or dies."""
        executor = self._pool()
        try:
            future = executor.submit(
                _compute, text, article_date, tuple(kinds) if kinds else None, tuple(actors)
            )
        except (BrokenProcessPool, RuntimeError, OSError) as exc:
            self._discard(executor)
            raise SuggestionWorkerError(f"the suggestion process could not start: {exc}") from exc
        while True:
            try:
                return future.result(timeout=_POLL)
            except cf.TimeoutError:
                if cancelled():
                    future.cancel()  # not started yet: it never runs
                    raise SuggestionsCancelled() from None
            except BrokenProcessPool as exc:
                self._discard(executor)
                raise SuggestionWorkerError(
                    "the suggestion process stopped (it is restarted for the next article)"
                ) from exc

    def pids(self) -> list[int]:
        """The worker process's id, once started (tests, diagnostics)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid is not None]

    def shutdown(self) -> None:
        """End the process now, even in the middle of an article (the app is quitting)."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True
        if executor is None:
            return
        # The standard library waits for a running call to finish; a 1 MB article would
        # hold up quitting for seconds, so the process is ended first.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(2.0)
