"""Start to first window: the app with the sample store beside a bare PySide6 window.

    .venv/bin/python bench/bench_startup.py [--quick] [--runs N] [--app-wide-probe]
        [--against OTHER_SOURCE_TREE]

Each run is a fresh process, timed from its launch until its main window has painted
once (the process reports the wall-clock time of that first paint, then quits):
``kursk-annotator --db SAMPLES`` through the real command-line entry point, and a bare
``QMainWindow`` script, alternated in the same run. Settings and user folders point into
a temporary directory. Median of 7 runs each (3 with --quick). Each figure also as
``..._cpu``: the CPU time of the process at that paint (user + system), which the
machine's other work moves less. ``--against TREE`` launches a second source tree (say
a checkout of main) alternated with this one: its figures carry the prefix ``old_``.
Target: the app within 2x the bare window. Prints one JSON line per metric:
{"metric", "value", "unit", "baseline", "ratio"}.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]

# Quit once the first main window has painted; shared by both programs so they are
# measured to the same point. The probe watches the whole application only until the
# main window exists, then that window alone: a Python filter on the application sees
# every event of every widget, and the first time it is handed an object of a class
# PySide6 does not expose (the text control inside a QPlainTextEdit) PySide6 sets up
# every class it has, enums and all (40-75 ms here). No user pays that; the bare window,
# having no such widget, does not pay it either. --app-wide-probe keeps the application
# filter to the end (the probe used until 2026-11-24), for comparison.
PRELUDE = """
import sys, time
APP_WIDE = {app_wide}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if isinstance(obj, QMainWindow) and not hasattr(self, "window") and not APP_WIDE:
            self.window = obj
            QApplication.instance().removeEventFilter(self)
            obj.installEventFilter(self)
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            if not hasattr(self, "seen"):
                self.seen = True
                print("FIRST_PAINT", time.time(), time.process_time(), flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv)
watcher = FirstPaint()
app.installEventFilter(watcher)
"""

BARE = (
    PRELUDE
    + """
window = QMainWindow()
window.resize(1440, 900)
window.show()
app.exec()
"""
)

APP = (
    PRELUDE
    + """
from kursk_annotator.cli import main
main(sys.argv[1:])
"""
)


def time_process(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from launching the process to its first painted main window, wall
    and the process's CPU time."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    painted, cpu = next(
        (float(line.split()[1]), float(line.split()[2]))
        for line in done.stdout.splitlines()
        if line.startswith("FIRST_PAINT")
    )
    return (painted - start) * 1000, cpu * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--app-wide-probe",
        action="store_true",
        help="watch every object's events until the first paint (the probe used before)",
    )
    parser.add_argument("--runs", type=int, help="launches of each program (default 7)")
    parser.add_argument(
        "--against", metavar="TREE", help="also start another source tree, alternated"
    )
    options = parser.parse_args()
    runs = options.runs or (3 if options.quick else 7)
    app_wide = str(options.app_wide_probe)
    bare_code, app_code = (c.replace("{app_wide}", app_wide) for c in (BARE, APP))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # As installed for users: compiled modules are cached (this machine's shells set
        # PYTHONDONTWRITEBYTECODE, which would recompile every module on every start).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            PYTHONPATH=str(ROOT),
        )
        trees = {"": env}
        if options.against:
            trees["old_"] = {**env, "PYTHONPATH": str(Path(options.against).resolve())}
        dbs = {}
        for prefix, tree_env in trees.items():
            # Each tree's own sample store (an older tree may not open a newer schema).
            dbs[prefix] = str(home / f"{prefix}samples.sqlite")
            subprocess.run(
                [sys.executable, "-m", "kursk_annotator", "--db", dbs[prefix], "load-samples"],
                env=tree_env,
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=tmp,
            )
        args = {p: ["--db", db, "--analyst", "Bench Analyst"] for p, db in dbs.items()}
        for prefix, tree_env in trees.items():  # warm the OS file cache for each
            time_process(app_code, args[prefix], tree_env)
        time_process(bare_code, [], env)
        bare_ms: list[tuple[float, float]] = []
        app_ms: dict[str, list[tuple[float, float]]] = {p: [] for p in trees}
        for _ in range(runs):
            bare_ms.append(time_process(bare_code, [], env))
            for prefix, tree_env in trees.items():
                app_ms[prefix].append(time_process(app_code, args[prefix], tree_env))
        bare = statistics.median(w for w, _c in bare_ms)
        bare_cpu = statistics.median(c for _w, c in bare_ms)
        for prefix, times in app_ms.items():
            wall = statistics.median(w for w, _c in times)
            cpu = statistics.median(c for _w, c in times)
            emit(f"{prefix}start_to_first_window_samples", wall, "ms", bare)
            emit(f"{prefix}start_to_first_window_samples_cpu", cpu, "ms", bare_cpu)
        emit("start_to_first_window_bare_pyside6", bare, "ms")
        emit("start_to_first_window_bare_pyside6_cpu", bare_cpu, "ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
