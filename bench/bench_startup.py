"""Start to first window: the app with the sample store beside a bare PySide6 window.

    .venv/bin/python bench/bench_startup.py [--quick] [--app-wide-probe]

Each run is a fresh process, timed from its launch until its main window has painted
once (the process reports the wall-clock time of that first paint, then quits):
``kursk-annotator --db SAMPLES`` through the real command-line entry point, and a bare
``QMainWindow`` script, alternated in the same run. Settings and user folders point into
a temporary directory. Median of 7 runs each (3 with --quick).
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
                print("FIRST_PAINT", time.time(), flush=True)
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


def time_process(code: str, args: list[str], env: dict[str, str]) -> float:
    """Milliseconds from launching the process to its first painted main window."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    painted = next(
        float(line.split()[1])
        for line in done.stdout.splitlines()
        if line.startswith("FIRST_PAINT")
    )
    return (painted - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--app-wide-probe",
        action="store_true",
        help="watch every object's events until the first paint (the probe used before)",
    )
    options = parser.parse_args()
    runs = 3 if options.quick else 7
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
        db = str(home / "samples.sqlite")
        subprocess.run(
            [sys.executable, "-m", "kursk_annotator", "--db", db, "load-samples"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        args = ["--db", db, "--analyst", "Bench Analyst"]
        time_process(app_code, args, env)  # warm the OS file cache for both
        time_process(bare_code, [], env)
        app_ms, bare_ms = [], []
        for _ in range(runs):
            bare_ms.append(time_process(bare_code, [], env))
            app_ms.append(time_process(app_code, args, env))
        bare = statistics.median(bare_ms)
        emit("start_to_first_window_samples", statistics.median(app_ms), "ms", bare)
        emit("start_to_first_window_bare_pyside6", bare, "ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
