"""A year of work in one store: start-up and every panel at 1x, 10x and 100x.

    .venv/bin/python bench/bench_large_store.py [--quick] [--only start|panels]
        [--against OTHER_SOURCE_TREE]

The stores come from ``bench/large_store.py`` (scale 1: 10 articles / 2,000 annotations;
10x; 100x: 1,000 articles / 200,000 annotations with history and reviews), cached in
the temporary folder after the first build.

- Start-up, a fresh process through the real command line (``--db X --analyst Y``) per
  launch, each store alternated with the sample store (the baseline) so that each meets
  the same load; median of 5 (3 with --quick):

  - ``start_to_data_shown_<N>x``: from launch until **data shown**, the first paint of
    the reader's text area at which the library lists the store's articles and the
    reader holds the first article (its text, highlights and annotation table);
  - ``store_open_to_data_shown_<N>x``: from the store being open (checked, and its data
    readable: ``MainWindow.attach_workspace`` is called) to data shown;
  - ``start_to_tools_ready_<N>x``: from launch until the review, map, figures and
    suggestion tools are installed (``workspace_attached``), which the app does once
    the data has been painted.

  - ``first_paint_to_data_shown_<N>x``: from the window's first paint (empty, before
    the store is read) to data shown: what the analyst waits for after seeing the app.
  - ``longest_stall_after_data_shown_<N>x``: from data shown to tools ready, the longest
    time the GUI thread did not get back to its event loop (a 10 ms timer's longest gap
    between two ticks): how long input and paints waited at worst meanwhile.

  Each also as ``..._cpu``: the CPU time the process used to that point (user + system,
  all its threads), which the machine's other work moves far less than the wall time.
  ``--against TREE`` launches a second source tree (say a ``git worktree`` of main)
  alternated with this one on the same stores: its figures carry the prefix ``old_``.
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

# What "data shown" is: the first paint of the reader's text area at which the library
# lists the store's articles and the reader holds the first article's text and
# annotations (the table is filled by then, in the same call). "Store open": the start of
# MainWindow.attach_workspace, when the store has been checked and can be read.
# "Ready": the review, map, figures and suggestion tools installed (workspace_attached),
# which the app does after the data is painted; the process quits then.
PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from kursk_annotator.ui import main_window
marks = {}
original = main_window.MainWindow.attach_workspace

# A 10 ms timer on the GUI thread from data shown on: the longest wait between two
# ticks is the longest the window left input and paints waiting meanwhile.
class Stalls(QObject):

    def __init__(self, window):
        super().__init__(window)
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self):
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

class DataPainted(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.reader.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        w = self.window
        if (
            event.type() == QEvent.Type.Paint
            and "data" not in marks
            and w.library.model.rowCount() > 0
            and w.state.article is not None
            and w.reader.document().characterCount() > 1
        ):
            marks["data"] = time.time()
            print("DATA_SHOWN", marks["data"], marks["data"] - marks["open"],
                  time.process_time() - marks["open_cpu"], time.process_time(),
                  marks["data"] - marks["paint"][0], time.process_time() - marks["paint"][1],
                  w.library.model.rowCount(), len(w.state.annotations), flush=True)
            w._stalls = Stalls(w)
        return False

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = (time.time(), time.process_time())
        return False

made = main_window.MainWindow.__init__

def make_and_watch(self, *args, **kwargs):
    made(self, *args, **kwargs)
    self._first_paint = FirstPaint(self)
    self.installEventFilter(self._first_paint)

main_window.MainWindow.__init__ = make_and_watch

def attach_and_watch(self, workspace, *args, **kwargs):
    marks.setdefault("open", time.time())
    marks.setdefault("open_cpu", time.process_time())
    if not hasattr(self, "_probe"):
        self._probe = DataPainted(self)
        self.workspace_attached.connect(lambda _w: ready(self))
    original(self, workspace, *args, **kwargs)

def ready(window):
    window._stalls.tick()  # what the last step held counts too (not this repaint)
    window.repaint()
    now = time.time()
    print("READY", now, time.process_time(), flush=True)
    print("STALL", window._stalls.longest, flush=True)
    QApplication.instance().quit()

main_window.MainWindow.attach_workspace = attach_and_watch
from kursk_annotator.cli import main
main(sys.argv[1:])
"""


def time_start(db: str, env: dict[str, str]) -> tuple[float, ...]:
    """Launch to data shown, store open to data shown, launch to ready (wall, ms); the
    same in CPU time of the process (user + system, ms: the load moves it less); then
    first paint to data shown, wall and CPU; then the longest stall of the GUI thread
    from data shown to ready (ms)."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", db, "--analyst", "Bench Analyst"],
        env=env,
        cwd=env["HOME"],  # "-c" puts the working folder first on the path: not a tree
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = {x.split()[0]: x.split()[1:] for x in done.stdout.splitlines() if x[:1].isupper()}
    data, ready = lines["DATA_SHOWN"], lines["READY"]
    wall = (float(data[0]) - start, float(data[1]), float(ready[0]) - start)
    wall = tuple(x * 1000 for x in wall)
    cpu = (float(data[3]) * 1000, float(data[2]) * 1000, float(ready[1]) * 1000)
    after_paint = (float(data[4]) * 1000, float(data[5]) * 1000)
    stall = (float(lines["STALL"][0]) * 1000,)
    return wall + cpu + after_paint + stall


def exponent(small: float, large: float, factor: float) -> float:
    return math.log(max(large, 1e-6) / max(small, 1e-6)) / math.log(factor)


def start_up(scales: list[int], runs: int, home: Path, against: str | None = None) -> None:
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
    trees = {"": env}
    if against:
        trees["old_"] = {**env, "PYTHONPATH": str(Path(against).resolve())}
        for db in (samples, *stores.values()):
            time_start(db, trees["old_"])
    names = ["samples", *(str(s) for s in scales)]
    dbs = dict(zip(names, (samples, *stores.values()), strict=True))
    # (tree prefix, figure) -> store name -> times
    times: dict[tuple[str, str], dict[str, list[float]]] = {}
    figures = ("start_to_data_shown", "store_open_to_data_shown", "start_to_tools_ready")
    figures += tuple(f"{f}_cpu" for f in figures)
    figures += ("first_paint_to_data_shown", "first_paint_to_data_shown_cpu")
    figures += ("longest_stall_after_data_shown",)
    for _ in range(runs):
        for name in names:  # alternated: each store (and tree) meets the same load
            for prefix, tree_env in trees.items():
                measured = time_start(dbs[name], tree_env)
                for figure, value in zip(figures, measured, strict=True):
                    times.setdefault((prefix, figure), {}).setdefault(name, []).append(value)
    for (prefix, label), by_store in times.items():
        base = statistics.median(by_store["samples"])
        emit(f"{prefix}{label}_samples", base, "ms")
        medians = {s: statistics.median(by_store[str(s)]) for s in scales}
        for s in scales:
            emit(f"{prefix}{label}_{s}x", medians[s], "ms", base)
        if len(scales) > 1:
            lo, hi = scales[0], scales[-1]
            growth = exponent(medians[lo], medians[hi], hi / lo)
            emit(f"{prefix}{label}_growth_exponent", growth, "k")


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
    parser.add_argument(
        "--scales", help="comma-separated store scales (default 1,10,100; --quick 1,10)"
    )
    parser.add_argument(
        "--against", metavar="TREE", help="also start another source tree, alternated"
    )
    options = parser.parse_args()
    scales = [1, 10] if options.quick else [1, 10, 100]
    if options.scales:
        scales = [int(x) for x in options.scales.split(",")]
    if options.only != "start":
        panels(scales, 3 if options.quick else 7)
    if options.only != "panels":
        with tempfile.TemporaryDirectory() as tmp:
            start_up(scales, 3 if options.quick else 5, Path(tmp), options.against)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
