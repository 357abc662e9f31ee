"""A year of work in one store: start-up and every panel at 1x, 10x and 100x.

    .venv/bin/python bench/bench_large_store.py [--quick]

The stores come from ``bench/large_store.py`` (scale 1: 10 articles / 2,000 annotations;
10x; 100x: 1,000 articles / 200,000 annotations with history and reviews), cached in
the temporary folder after the first build.

- ``start_to_data_shown_<N>x``: a fresh process, from launch until the main window has
  painted with the store's data in it (library filled, first article shown, the review
  tools installed), beside the same for the sample store (the baseline), alternated in
  the same run; median of 5 (3 with --quick).
- In one process, per scale (median of 7): the library reloaded and painted, the review
  queue's first page shown and painted, its next page (scrolling down), its count (made
  on a pool thread: the GUI thread's CPU is what the window pays), and
  opening an article (text, highlights, annotation table) painted, each in wall time
  and in the CPU time of the GUI thread (``_cpu``). A growth line per panel gives the
  exponent k of time ~ size^k from 1x to 100x (0: flat; 1: linear).

Prints one JSON line per metric: {"metric", "value", "unit", "baseline", "ratio"}.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from large_store import large_store  # noqa: E402

# Time the process to the first paint of the main window that shows the store's data:
# attach_workspace() is what the app runs once the store is open; the window is then
# repainted at once (all of it, docks included) and the time taken.
PROBE = """
import sys, time
from kursk_annotator.ui import main_window
original = main_window.MainWindow.attach_workspace
def attach_and_report(self, workspace):
    began = time.time()
    original(self, workspace)
    self.repaint()
    now = time.time()
    print("DATA_SHOWN", now, now - began, self.library.model.rowCount(), flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.instance().quit()
main_window.MainWindow.attach_workspace = attach_and_report
from kursk_annotator.cli import main
main(sys.argv[1:])
"""


def time_start(db: str, env: dict[str, str]) -> tuple[float, float]:
    """(launch to data shown, store open to data shown), in milliseconds."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", db, "--analyst", "Bench Analyst"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("DATA_SHOWN"))
    fields = line.split()
    return (float(fields[1]) - start) * 1000, float(fields[2]) * 1000


def exponent(small: float, large: float, factor: float) -> float:
    return math.log(max(large, 1e-6) / max(small, 1e-6)) / math.log(factor)


def start_up(scales: list[int], runs: int, home: Path) -> None:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules cached
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(ROOT),
    )
    samples = str(home / "samples.sqlite")
    subprocess.run(
        [sys.executable, "-m", "kursk_annotator", "--db", samples, "load-samples"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stores = {s: str(large_store(s)) for s in scales}
    for db in (samples, *stores.values()):
        time_start(db, env)  # warm the OS file cache and the compiled modules
    names = ["samples", *(str(s) for s in scales)]
    dbs = dict(zip(names, (samples, *stores.values()), strict=True))
    launch: dict[str, list[float]] = {n: [] for n in names}
    opened: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(runs):
        for name in names:  # alternated: each store meets the same load
            total, after_open = time_start(dbs[name], env)
            launch[name].append(total)
            opened[name].append(after_open)
    for label, times in (("start_to_data_shown", launch), ("store_open_to_data_shown", opened)):
        base = statistics.median(times["samples"])
        emit(f"{label}_samples", base, "ms")
        medians = {s: statistics.median(times[str(s)]) for s in scales}
        for s in scales:
            emit(f"{label}_{s}x", medians[s], "ms", base)
        if len(scales) > 1:
            lo, hi = scales[0], scales[-1]
            emit(f"{label}_growth_exponent", exponent(medians[lo], medians[hi], hi / lo), "k")


def _actions(library, queue, state, reader, table, middle) -> list[tuple[str, Callable]]:
    """What each panel does, ending with the paint of what it shows."""
    from PySide6.QtWidgets import QApplication

    def reload_library() -> None:
        library.reload()
        library.list.repaint()

    def queue_first_page() -> None:
        queue.refresh()
        queue.table.repaint()

    def queue_next_page() -> None:
        queue.model.fetchMore()
        queue.table.scrollToBottom()
        queue.table.repaint()

    def queue_count() -> None:
        # Counted on a pool thread: from the start to the count shown.
        queue._count_timer.stop()
        queue._show_count()
        while queue.count_task is not None:
            queue.count_task.wait(0.001)
            QApplication.processEvents()

    def open_article() -> None:
        state.load(middle)
        reader.viewport().repaint()
        table.table.viewport().repaint()

    return [
        ("library_reload", reload_library),
        ("review_queue_first_page", queue_first_page),
        ("review_queue_next_page", queue_next_page),
        ("review_queue_count", queue_count),
        ("open_article", open_article),
    ]


def panels(scales: list[int], runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from kursk_annotator.core.workspace import open_workspace
    from kursk_annotator.ui.annotation_table import AnnotationPanel
    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.library import LibraryPanel
    from kursk_annotator.ui.main_window import ReaderPane
    from kursk_annotator.ui.reader_view import ReaderView
    from kursk_annotator.ui.review_queue import ReviewQueue
    from kursk_annotator.ui.workspace_source import FixedWorkspace

    app = QApplication.instance() or QApplication([])
    results: dict[str, dict[int, float]] = {}

    def record(name: str, scale: int, samples: list[tuple[float, float]]) -> None:
        value = statistics.median(wall for wall, _cpu in samples)
        results.setdefault(name, {})[scale] = value
        emit(f"{name}_{scale}x", value, "ms")
        cpu = statistics.median(cpu for _wall, cpu in samples)
        results.setdefault(f"{name}_cpu", {})[scale] = cpu
        emit(f"{name}_{scale}x_cpu", cpu, "ms")

    def timed(action) -> tuple[float, float]:
        """Wall and CPU milliseconds (this thread's: the load moves it far less)."""
        app.processEvents()
        start, cpu = time.perf_counter(), time.thread_time()
        action()
        return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000

    for scale in scales:
        ws = open_workspace(str(large_store(scale)), "Bench Analyst")
        library = LibraryPanel(ws)
        library.resize(300, 800)
        library.show()
        queue = ReviewQueue(FixedWorkspace(ws))
        queue.resize(900, 700)
        queue.show()
        state = ArticleState(ws)
        reader = ReaderView(state)
        pane = ReaderPane(reader)
        pane.resize(900, 800)
        pane.show()
        table = AnnotationPanel(state)
        table.attach()
        table.resize(600, 800)
        table.show()
        app.processEvents()
        middle = ws.articles.list(light=True)[len(ws.articles.titles()) // 2]

        for name, action in _actions(library, queue, state, reader, table, middle):
            action()  # warm
            record(name, scale, [timed(action) for _ in range(runs)])
        for widget in (library, queue, pane, table):
            widget.close()
        ws.close()
    if len(scales) > 1:
        lo, hi = scales[0], scales[-1]
        for name, by_scale in results.items():
            emit(f"{name}_growth_exponent", exponent(by_scale[lo], by_scale[hi], hi / lo), "k")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1x and 10x only, fewer runs")
    parser.add_argument("--only", choices=("start", "panels"), help="one half of the benchmark")
    options = parser.parse_args()
    scales = [1, 10] if options.quick else [1, 10, 100]
    if options.only != "start":
        panels(scales, 3 if options.quick else 7)
    if options.only != "panels":
        with tempfile.TemporaryDirectory() as tmp:
            start_up(scales, 3 if options.quick else 5, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
