"""The suggestion process: the same answers as in-process, survives its own death, ends."""

from __future__ import annotations

import os
import signal
import threading
from datetime import date
from pathlib import Path

import pytest

from kursk_annotator.core.suggest import Actor, suggest
from kursk_annotator.core.suggest.worker import (
    SuggestionsCancelled,
    SuggestionWorker,
    SuggestionWorkerError,
)

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "articles"
TEXT = (
    "KYIV, Feb 6 — The General Staff said on Wednesday that 1,200 soldiers were lost "
    "near Sudzha, while Sergei Shoigu claimed about 40 thousand troops had arrived."
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not reaped yet is a zombie: gone for every purpose here.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


@pytest.fixture
def worker():
    w = SuggestionWorker()
    yield w
    w.shutdown()


def _long_text() -> str:
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    return (corpus + "\n\n") * 20  # about 400 KB: seconds of work


def test_same_suggestions_as_in_process(worker):
    actors = (Actor("Sergei Shoigu", ("Shoigu",), "Russia"),)
    here = suggest(TEXT, article_date=date(2025, 2, 6), actors=actors)
    there = worker.compute(TEXT, article_date=date(2025, 2, 6), actors=actors)
    assert there == here and any(s.kind == "claim" for s in there)
    [pid] = worker.pids()
    assert pid != os.getpid()
    assert worker.compute("", article_date=None) == []
    assert worker.pids() == [pid]  # long-lived: the second article uses the same process


def test_a_dead_process_is_reported_and_replaced(worker):
    errors: list[BaseException] = []

    def run() -> None:
        try:
            worker.compute(_long_text())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    while not worker.pids():
        thread.join(0.01)
    [pid] = worker.pids()
    os.kill(pid, signal.SIGKILL)
    thread.join(60)
    assert len(errors) == 1 and isinstance(errors[0], SuggestionWorkerError)
    assert "stopped" in str(errors[0])
    # The next article starts a new process.
    assert [s.quote for s in worker.compute("Shelling hit Sudzha.") if s.kind == "place"] == [
        "Sudzha"
    ]
    assert worker.pids() and worker.pids() != [pid]


def test_cancelled_wait_and_shutdown_end_everything(worker):
    worker.compute("warm up")
    [pid] = worker.pids()
    asked = threading.Event()
    with pytest.raises(SuggestionsCancelled):
        worker.compute(_long_text(), cancelled=lambda: asked.set() or True)
    assert asked.is_set()
    worker.shutdown()  # even in the middle of the long article it may still be on
    assert not _alive(pid)
    with pytest.raises(SuggestionWorkerError):
        worker.compute("after shutdown")


def test_a_process_that_cannot_start_is_one_error():
    worker = SuggestionWorker(start_method="no-such-start-method")
    with pytest.raises(SuggestionWorkerError, match="could not start"):
        worker.compute("Shelling hit Sudzha.")
    worker.shutdown()
