"""QualCoder beside our reader: the same text and spans opened in both, alternately.

    nice .venv/bin/python bench/bench_qualcoder.py [--quick] [--runs N]
        [--qualcoder DIR] [--qualcoder-python PATH]

QualCoder is not part of this project and is not installed with it: point the script at
an unpacked QualCoder source tree (``DIR/qualcoder/code_text.py``; release 3.5, the last
one whose coding view imports no AI stack) and at a Python that has QualCoder's own
requirements (PyQt6 ...). Defaults: ``$KURSK_QUALCODER`` or /work/qualcoder-3.5, and
``$KURSK_QUALCODER_PYTHON`` or /work/qc-venv/bin/python. When either is missing, one JSON
line says the benchmark was skipped and why, and the script exits 0. How to set them up
is in bench/RESULTS.md ("QualCoder side by side").

The text and spans are bench_reader.py's: about 1 MB of the sample articles with an
emoji every few thousand characters and 10,000 spans (claims, figures, places, one in ten
crossing its neighbours); ``--quick``: 100 KB and 1,000. Our store is built by
bench_reader.py's own builder. The QualCoder project is made by QualCoder's own
"new project" (its save dialog answered by this harness), then the two texts, three
codes and the codings are written with the SQL QualCoder itself uses to import a text,
add a code and mark a coding (positions in UTF-16 units, as its ``mark`` stores them).

QualCoder runs unmodified, in its own Python, offscreen, with a temporary HOME (its
settings folder) and its start-up check for a newer release pointed at a closed local
port (it fails at once and QualCoder carries on, as it does offline). The harness does
what ``qualcoder.__main__.gui`` does (application, fonts, stylesheet, translations, the
main window), opens the project with ``MainWindow.open_project`` and the coding view
with ``MainWindow.text_coding`` (Coding > Code text), then times what a click on the
file in the coding view's file list does: ``DialogCodeText.file_selection_changed`` ->
``load_file`` (text set, codings read, highlighted, overlaps underlined) until the event
loop is idle and the text view has painted. That is the moment timed for our reader
(``MainWindow.open_article`` until idle and painted, as bench_reader.py times it). Each
side first opens a short second text, so every timed open replaces one text by another.

The two alternate in one run (QualCoder, ours with suggestions on, ours with them off,
then again), so the machine's load falls on both. Medians of ``--runs`` (1 at full size,
where one QualCoder open takes minutes of CPU; 3 with ``--quick``); each round's figures
are also printed as the round ends. Wall time and the GUI thread's CPU time are given;
the ratio is QualCoder / ours. Prints one JSON line per metric, like every bench/ script.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_QUALCODER = "/work/qualcoder-3.5"
DEFAULT_QUALCODER_PYTHON = "/work/qc-venv/bin/python"
TAG = "QCBENCH "  # marks the child's answers among QualCoder's own prints
BIG, SMALL = "Long article", "Short"
SHORT_TEXT = "A short note about Sudzha."
# Three of QualCoder's own code colours (qualcoder.color_selector.colors).
CODE_COLORS = {"claim": "#F5A9A9", "figure": "#F7BE81", "place": "#F4FA58"}


# ---------------------------------------------------------------- QualCoder's side


def _answer(**fields: object) -> None:
    print(TAG + json.dumps(fields), flush=True)


def _utf16_positions(text: str):
    """Code-point offset -> UTF-16 offset (what Qt's cursor, and so QualCoder, counts)."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    return lambda i: i + bisect.bisect_left(astral, i)


def qualcoder_child(data_path: str, project_parent: str) -> int:
    """Run in QualCoder's Python: make the project, then open the text on request."""
    import gettext

    import qualcoder.__main__ as qc  # creates ~/.qualcoder (a temporary HOME here)
    from PyQt6 import QtCore, QtGui, QtWidgets

    data = json.loads(Path(data_path).read_text(encoding="utf-8"))

    # As qualcoder.__main__.gui() sets up, without entering its event loop.
    gettext.translation(
        domain="default", localedir=os.path.join(qc.path, "locale"), fallback=True
    ).install()
    qual_app = qc.App()
    app = QtWidgets.QApplication([sys.argv[0]])
    fonts = Path(qc.path) / "GUI" / "NotoSans-hinted"
    QtGui.QFontDatabase.addApplicationFont(str(fonts / "NotoSans-Regular.ttf"))
    QtGui.QFontDatabase.addApplicationFont(str(fonts / "NotoSans-Bold.ttf"))
    app.setStyleSheet(qual_app.merge_settings_with_default_stylesheet(qual_app.load_settings()))
    window = qc.MainWindow(qual_app)
    window.resize(1400, 900)

    def idle() -> None:
        app.processEvents()
        app.processEvents()

    def no_dialog(exception_type, value, tb) -> None:
        # QualCoder's own hook shows a modal box, which would wait forever offscreen.
        import traceback

        traceback.print_exception(exception_type, value, tb)
        _answer(error=f"{exception_type.__name__}: {value}")
        os._exit(3)

    sys.excepthook = no_dialog

    # Project > Create New Project; the save dialog answered with a path.
    project = os.path.join(project_parent, "bench")
    dialog = QtWidgets.QFileDialog
    dialog.getSaveFileName = staticmethod(lambda *a, **k: (project, ""))
    t = time.perf_counter()
    window.new_project()
    project += ".qda"
    if window.app.conn is None:
        _answer(error="QualCoder did not create its project")
        return 3
    settings = window.app.settings
    owner, now = settings["codername"], "2026-11-29 00:00:00"
    cur = window.app.conn.cursor()
    for name, text in ((BIG, data["text"]), (SMALL, SHORT_TEXT)):  # as manage_files imports
        cur.execute(
            "insert into source(name,fulltext,mediapath,memo,owner,date) values(?,?,?,?,?,?)",
            (name, text, None, "", owner, now),
        )
    cur.execute("select id from source where name=?", (BIG,))
    fid = cur.fetchone()[0]
    cids = {}
    for kind, color in CODE_COLORS.items():  # as DialogCodeText.add_code
        cur.execute(
            "insert into code_name (name,memo,owner,date,catid,color) values(?,?,?,?,?,?)",
            (kind, "", owner, now, None, color),
        )
        cids[kind] = cur.lastrowid
    text, u16 = data["text"], _utf16_positions(data["text"])
    rows = [
        (cids[s["kind"]], fid, text[s["start"] : s["end"]], u16(s["start"]), u16(s["end"]),
         owner, "", now, None)
        for s in data["spans"]
    ]  # fmt: skip
    cur.executemany(  # as DialogCodeText.mark
        "insert into code_text (cid,fid,seltext,pos0,pos1,owner,memo,date,important)"
        " values(?,?,?,?,?,?,?,?,?)",
        rows,
    )
    window.app.conn.commit()
    stored = cur.execute("select count(*) from code_text").fetchone()[0]
    build_ms = (time.perf_counter() - t) * 1000

    # Project > Open Project (its checks, vacuum), then Coding > Code text.
    window.open_project(project)
    idle()
    t, c = time.perf_counter(), time.thread_time()
    window.text_coding()
    idle()
    view_ms, view_cpu = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
    contents = window.ui.tab_coding.layout()
    coding = contents.itemAt(contents.count() - 1).widget()
    sys.excepthook = no_dialog  # DialogCodeText installs QualCoder's hook again
    row_of = {f["name"]: i for i, f in enumerate(coding.filenames)}
    files = coding.ui.listWidget
    _answer(ready=True, build_ms=build_ms, stored=stored, view_ms=view_ms, view_cpu_ms=view_cpu)

    def highlighted(position: int) -> bool:
        cursor = QtGui.QTextCursor(coding.ui.textEdit.document())
        cursor.setPosition(position + 1)
        return cursor.charFormat().background().style() != QtCore.Qt.BrushStyle.NoBrush

    for line in sys.stdin:
        if line.strip() != "open":
            break
        files.setCurrentRow(row_of[SMALL])  # a click on the short text
        idle()
        t, c, p = time.perf_counter(), time.thread_time(), time.process_time()
        files.setCurrentRow(row_of[BIG])  # a click on the long one: load_file
        coding.ui.textEdit.viewport().repaint()
        idle()
        wall, cpu = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
        process_cpu = (time.process_time() - p) * 1000  # all of QualCoder's threads
        shown = coding.code_text
        _answer(
            wall_ms=wall,
            cpu_ms=cpu,
            process_cpu_ms=process_cpu,
            codings=len(shown),
            text_chars=len(coding.ui.textEdit.toPlainText()),
            first_highlighted=bool(shown) and highlighted(min(x["pos0"] for x in shown)),
            last_highlighted=bool(shown) and highlighted(max(x["pos0"] for x in shown)),
        )
    window.app.conn.close()
    return 0


# ---------------------------------------------------------------- our side


def skipped(why: str) -> int:
    print(json.dumps({"metric": "qualcoder_open", "skipped": why}), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 KB / 1,000 spans")
    parser.add_argument(
        "--runs", type=int, help="opens on each side (1; --quick: 3): QualCoder's take minutes"
    )
    parser.add_argument(
        "--qualcoder",
        default=os.environ.get("KURSK_QUALCODER", DEFAULT_QUALCODER),
        help="QualCoder's source tree (holding qualcoder/code_text.py)",
    )
    parser.add_argument(
        "--qualcoder-python",
        default=os.environ.get("KURSK_QUALCODER_PYTHON", DEFAULT_QUALCODER_PYTHON),
        help="a Python with QualCoder's requirements installed",
    )
    parser.add_argument("--child", nargs=2, metavar=("DATA", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return qualcoder_child(*args.child)

    source = Path(args.qualcoder)
    python = Path(args.qualcoder_python)
    if not (source / "qualcoder" / "code_text.py").is_file():
        return skipped(f"no QualCoder source at {source} (--qualcoder or $KURSK_QUALCODER)")
    if not os.access(python, os.X_OK):
        return skipped(
            f"no Python for QualCoder at {python} (--qualcoder-python or $KURSK_QUALCODER_PYTHON)"
        )
    probe = subprocess.run(
        [str(python), "-c", "import PyQt6.QtWidgets"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return skipped(f"{python} cannot import PyQt6: install QualCoder's requirements into it")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import bench_reader as reader  # the same text, spans and store builder

    size, count = (100_000, 1_000) if args.quick else (1_000_000, 10_000)
    runs = args.runs or (3 if args.quick else 1)
    label = f"{size // 1000}kB_{count}"
    from metrics import emit
    from PySide6.QtCore import QThreadPool

    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui.app import application, freeze_long_lived
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.settings import Settings
    from kursk_annotator.ui.suggestion_tools import shutdown_worker

    emit("load_average_1min_at_start", os.getloadavg()[0], "load")
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        text = reader.make_text(size)
        spans = reader.make_spans(text, count)
        data = tmp_path / "spans.json"
        data.write_text(json.dumps({"text": text, "spans": spans}), encoding="utf-8")
        home = tmp_path / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
        env.update(
            HOME=str(home),
            PYTHONPATH=str(source),
            QT_QPA_PLATFORM="offscreen",
            # QualCoder asks GitHub for its latest release when its window opens: sent to a
            # closed port here, the request fails at once, as offline.
            https_proxy="http://127.0.0.1:9",
            HTTPS_PROXY="http://127.0.0.1:9",
        )
        child = subprocess.Popen(
            [str(python), __file__, "--child", str(data), str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=str(tmp_path),
        )

        def ask(command: str | None) -> dict:
            if command is not None:
                child.stdin.write(command + "\n")
                child.stdin.flush()
            for line in child.stdout:
                if line.startswith(TAG):
                    answer = json.loads(line[len(TAG) :])
                    if "error" in answer:
                        raise SystemExit(f"bench_qualcoder: QualCoder failed: {answer['error']}")
                    return answer
            raise SystemExit(f"bench_qualcoder: QualCoder ended (status {child.wait()})")

        ready = ask(None)
        # Our store, built by bench_reader.py's builder in its own process.
        db = str(tmp_path / "bench.sqlite")
        flags = ["--quick"] if args.quick else []
        subprocess.run(
            [sys.executable, str(BENCH / "bench_reader.py"), *flags, "--build", db],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ws = Workspace(open_store(db), "Bench Analyst")
        window = MainWindow(None, Settings.at(tmp_path / "settings.ini"))
        window.resize(1400, 900)
        window.show()
        reader.idle(app)
        window.attach_workspace(ws)
        freeze_long_lived()
        pool = QThreadPool.globalInstance()
        reader.idle(app)
        big, small = 1, 2  # as bench_reader.py stores them

        def ours(on: bool, walls: list[float], cpus: list[float]) -> None:
            for kind in ("figure", "place", "claim"):
                window.suggestion_tools.show_kind(kind, on)
            window.open_article(small)
            reader.idle(app)
            pool.waitForDone()  # no background work of the last step left

            def open_big() -> None:
                window.open_article(big)
                window.reader.viewport().repaint()

            walls.append(reader.timed(open_big, app, cpus))
            assert len(window.state.annotations) == count

        qc_wall, qc_cpu, on_wall, on_cpu, off_wall, off_cpu = [], [], [], [], [], []
        opened = {}
        for run in range(1, runs + 1):
            opened = ask("open")
            qc_wall.append(opened["wall_ms"])
            qc_cpu.append(opened["cpu_ms"])
            ours(True, on_wall, on_cpu)
            ours(False, off_wall, off_cpu)
            # Each round as it ends: a QualCoder open of 1 MB takes minutes.
            emit(f"qualcoder_open_{label}_run{run}", qc_wall[-1], "ms", on_wall[-1])
            emit(f"qualcoder_open_{label}_run{run}_gui_cpu", qc_cpu[-1], "ms", on_cpu[-1])
            emit(f"qualcoder_open_{label}_run{run}_process_cpu", opened["process_cpu_ms"], "ms")
            emit(f"load_average_1min_after_run{run}", os.getloadavg()[0], "load")
        child.stdin.write("quit\n")
        child.stdin.close()
        child.wait(timeout=120)

        med = statistics.median
        emit(f"qualcoder_open_{label}", med(qc_wall), "ms", med(on_wall))
        emit(f"qualcoder_open_{label}_gui_cpu", med(qc_cpu), "ms", med(on_cpu))
        emit(f"qualcoder_open_{label}_vs_suggestions_off", med(qc_wall), "ms", med(off_wall))
        emit(f"qualcoder_open_{label}_gui_cpu_vs_suggestions_off", med(qc_cpu), "ms", med(off_cpu))
        emit(f"reader_open_{label}_highlighted", med(on_wall), "ms")
        emit(f"reader_open_{label}_suggestions_off", med(off_wall), "ms")
        emit(f"qualcoder_open_{label}_slowest", max(qc_wall), "ms", max(on_wall + off_wall))
        emit(f"qualcoder_coding_view_{label}", ready["view_ms"], "ms")
        emit(f"qualcoder_codings_stored_{label}", ready["stored"], "codings")
        emit(f"qualcoder_codings_shown_{label}", opened["codings"], "codings")
        both = opened["first_highlighted"] and opened["last_highlighted"]
        emit(f"qualcoder_first_and_last_coding_highlighted_{label}", float(both), "bool")
        emit("load_average_1min_at_end", os.getloadavg()[0], "load")
        pool.waitForDone()
        reader.idle(app)
        window.close()
        ws.close()
    shutdown_worker()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
