"""Reader speed: open a long, heavily annotated article, tag one span, scroll, memory.

    .venv/bin/python bench/bench_reader.py [--quick | --large]

Builds a store in a temporary folder: one article of about 1 MB of text (the sample
articles repeated, with an emoji every few thousand characters so the UTF-16 mapping
does real work) carrying 10,000 annotations stored with ``bulk_create`` (claims, figures
and places, one in ten crossing its neighbours). ``--quick``: 100 KB and 1,000;
``--large``: 10 MB and 100,000 (3 runs each).

Times, offscreen, medians (9 opens, 36 adds and undos, 54 page scrolls; --quick: 3, 12, 18),
each beside a baseline measured in the same run:
- open: MainWindow.open_article (read from the store, text, highlights, table) until
  every row is read, the event loop is idle and the view has painted, beside the same
  reader widget taking the same plain text with no highlights;
- open, first view: the same opens until the article's first view has been painted and
  the rest of its rows begin to be read (an article with more than ``SPLIT_ABOVE``
  annotations is read in parts, ``ui/article_state.py``), beside the same plain text;
  and the longest part of the rest read in one turn of the event loop (how long the
  window may not answer meanwhile);
- add: select a span and tag it (stored, highlighted, listed), beside a bare
  ``AnnotationService.create`` of the same kind of span;
- undo of an add, beside a bare ``AnnotationService.delete``;
- scroll: one page down plus a repaint on the annotated article, beside the same on the
  plain text;
- open and scroll again with suggestions off (every kind hidden in the Suggest menu),
  alternating with the opens above: with them on, the article's suggestions are being
  computed (in the suggestion process) while the reader opens and scrolls;
- add and undo again with suggestions off;
- peak RSS of this process with the article open.
Open, add and undo are also given in CPU time of the GUI thread (``_gui_cpu``), which
the load on the machine moves far less than wall time.
Prints one JSON line per metric: {"metric", "value", "unit", "baseline", "ratio"}.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kursk_annotator.core.services.articles import NewArticle  # noqa: E402
from kursk_annotator.core.store import open_store  # noqa: E402
from kursk_annotator.core.workspace import Workspace  # noqa: E402

KINDS = ("claim", "figure", "place")


def make_text(size: int) -> str:
    seeds = sorted((ROOT / "sample_data" / "articles").glob("*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    parts, total, n = [], 0, 0
    while total < size:
        n += 1
        chunk = f"Part {n} 🙂\n\n{corpus}\n\n"
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)[:size]


def make_spans(text: str, count: int) -> list[dict]:
    words = [m.span() for m in re.finditer(r"\w+", text)]
    step = max(1, len(words) // count)
    spans = []
    for i in range(count):
        w = min(i * step, len(words) - 4)
        length = 12 if i % 10 == 9 else 1 + i % 3  # one in ten is a long, crossing claim
        end_word = min(w + length - 1, len(words) - 1)
        spans.append({"kind": KINDS[i % 3], "start": words[w][0], "end": words[end_word][1]})
    return spans


def idle(app: QApplication) -> None:
    app.processEvents()
    app.processEvents()


def read_fully(window, app: QApplication) -> None:
    """Until every row of the open article is read (a long one is read in parts, one per
    turn of the event loop, once its first view is painted)."""
    while not window.state.complete_now:
        app.processEvents()


def timed(action, app: QApplication, cpu: list[float] | None = None) -> float:
    """Wall milliseconds of ``action`` until the event loop is idle; with ``cpu``, the
    GUI thread's CPU milliseconds are appended to it."""
    c, t = time.thread_time(), time.perf_counter()
    action()
    idle(app)
    if cpu is not None:
        cpu.append((time.thread_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000


def peak_of_reader(db: str) -> int:
    """Peak memory (Linux) of a process that only opens the long article, as the app would:
    window shown, store attached, article opened and painted, its suggestions computed
    and shown (up to a minute), one page scrolled. Printed in MiB on the last line."""
    from kursk_annotator.ui.app import application, freeze_long_lived
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.settings import Settings
    from kursk_annotator.ui.suggestion_tools import shutdown_worker

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(None, Settings.at(Path(tmp) / "settings.ini"))
        window.resize(1400, 900)
        window.show()
        idle(app)
        ws = Workspace(open_store(db), "Bench Analyst")
        window.attach_workspace(ws)
        freeze_long_lived()
        if window.state.article is None or window.state.article.id != 1:
            window.open_article(1)  # (the library's first article opens by itself)
        window.reader.viewport().repaint()
        read_fully(window, app)
        done = time.perf_counter() + 60
        while window.suggestion_tools.computing and time.perf_counter() < done:
            app.processEvents()
            time.sleep(0.01)
        idle(app)
        bar = window.reader.verticalScrollBar()
        bar.setValue(bar.pageStep())
        window.reader.viewport().repaint()
        idle(app)
        QThreadPool.globalInstance().waitForDone()
        window.close()
        ws.close()
    shutdown_worker()
    # VmHWM, not ru_maxrss: Linux carries a parent's peak into ru_maxrss across fork and
    # exec, so this process would report the bench's own peak.
    status = Path("/proc/self/status").read_text()
    print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100 KB / 1,000 annotations")
    parser.add_argument("--large", action="store_true", help="10 MB / 100,000 annotations")
    parser.add_argument("--build", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--peak", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    size, count, runs = (100_000, 1_000, 3) if args.quick else (1_000_000, 10_000, 9)
    if args.large:
        size, count, runs = 10_000_000, 100_000, 3

    from kursk_annotator.ui.app import application, freeze_long_lived
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.settings import Settings

    if args.build:  # the child process below: store the article and its annotations
        ws = Workspace(open_store(args.build), "Bench Analyst")
        text = make_text(size)
        big = ws.articles.add(NewArticle(text=text, title="Long article")).id
        ws.articles.add(NewArticle(text="A short note about Sudzha.", title="Short"))
        t = time.perf_counter()
        ws.annotations.bulk_create(big, make_spans(text, count), ws.analyst)
        emit(f"store_{count}_annotations", (time.perf_counter() - t) * 1000, "ms")
        ws.close()
        return 0

    if args.peak:  # a child process: the reader alone opens the article, as the app does
        return peak_of_reader(args.peak)

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        # Stored by another process, so this one's peak memory is the reader's alone.
        db = str(Path(tmp) / "bench.sqlite")
        flags = ["--quick"] if args.quick else ["--large"] if args.large else []
        subprocess.run([sys.executable, __file__, *flags, "--build", db], check=True)
        ws = Workspace(open_store(db), "Bench Analyst")
        text = make_text(size)
        big, small = 1, 2

        # As the app does it: the window is shown first, then the store attached (docks
        # that the first start leaves hidden, the Figures view's among them, stay hidden).
        window = MainWindow(None, Settings.at(Path(tmp) / "settings.ini"))
        window.resize(1400, 900)
        window.show()
        idle(app)
        window.attach_workspace(ws)
        freeze_long_lived()
        pool = QThreadPool.globalInstance()
        idle(app)
        label = f"{size // 1000}kB_{count}"

        def plain() -> None:
            window.reader.highlighter.new_document(None)  # the same widget, no highlights
            window.reader.setPlainText(text)
            window.reader.viewport().repaint()

        def open_big() -> None:
            opened.append(time.perf_counter())
            window.open_article(big)
            window.reader.viewport().repaint()
            read_fully(window, app)

        # When the rest of the rows begins to be read, the first view is on screen; each
        # part of the rest is read in one turn of the event loop.
        opened: list[float] = []
        first_views: dict[bool, list[float]] = {True: [], False: []}
        longest_parts: list[float] = []
        read_part = window.state._read_rest

        def timed_part(*args, **kwargs) -> None:
            start = time.perf_counter()
            if opened:
                first_views[on_now[0]].append((start - opened.pop()) * 1000)
                longest_parts.append(0.0)
            read_part(*args, **kwargs)
            longest_parts[-1] = max(longest_parts[-1], (time.perf_counter() - start) * 1000)

        window.state._read_rest = timed_part
        on_now = [False]

        def suggestions(on: bool) -> None:
            # All kinds hidden: the app computes no suggestions (Suggest menu).
            for kind in ("figure", "place", "claim"):
                window.suggestion_tools.show_kind(kind, on)

        # Suggestions on (as the app runs) and off, alternating in the same run: each
        # open also starts the article's suggestions, which run while the next opens.
        opens, opens_off, plains = [], [], []
        opens_cpu, opens_off_cpu, plains_cpu = [], [], []
        for _ in range(runs):
            for on, into, into_cpu in ((False, opens_off, opens_off_cpu), (True, opens, opens_cpu)):
                suggestions(on)
                on_now[0] = on
                window.open_article(small)
                idle(app)
                pool.waitForDone()  # no background work of the last step left
                plains.append(timed(plain, app, plains_cpu))
                window.open_article(small)
                idle(app)
                pool.waitForDone()
                into.append(timed(open_big, app, into_cpu))
        emit(f"open_{label}_highlighted", statistics.median(opens), "ms", statistics.median(plains))
        emit(
            f"open_{label}_suggestions_off",
            statistics.median(opens_off),
            "ms",
            statistics.median(plains),
        )
        emit(f"open_{label}_plain_text_same_widget", statistics.median(plains), "ms")
        if first_views[True]:  # (an article of SPLIT_ABOVE annotations or fewer: one part)
            for on, tag in ((True, ""), (False, "_suggestions_off")):
                emit(
                    f"open_{label}_first_view{tag}",
                    statistics.median(first_views[on]),
                    "ms",
                    statistics.median(plains),
                )
            emit(f"open_{label}_longest_part_of_the_rest", statistics.median(longest_parts), "ms")
        base_cpu = statistics.median(plains_cpu)
        emit(f"open_{label}_highlighted_gui_cpu", statistics.median(opens_cpu), "ms", base_cpu)
        emit(
            f"open_{label}_suggestions_off_gui_cpu",
            statistics.median(opens_off_cpu),
            "ms",
            base_cpu,
        )
        assert len(window.state.annotations) == count

        # Add one annotation: select words, press C (stored, highlighted, listed); then
        # undo each; with suggestions on (as the app runs), then off.
        words = [m.span() for m in re.finditer(r"\w+ \w+", text[: size // 2])]
        to_u16 = window.state.utf16.to_utf16

        def add_and_undo(tag: str, first: int) -> None:
            adds, creates, undos, deletes = [], [], [], []
            adds_cpu, creates_cpu, undos_cpu, deletes_cpu = [], [], [], []
            made = []
            for i in range(first, first + runs * 4):
                s, e = words[(i * 997) % len(words)]
                cursor = window.reader.textCursor()
                cursor.setPosition(to_u16(s))
                cursor.setPosition(to_u16(e), QTextCursor.MoveMode.KeepAnchor)
                window.reader.setTextCursor(cursor)
                idle(app)  # the selection is on screen before the user presses C
                adds.append(timed(lambda: window.tagging.tag("claim"), app, adds_cpu))
                s2, e2 = words[(i * 991 + 7) % len(words)]

                def create(s2: int = s2, e2: int = e2) -> None:
                    made.append(ws.annotations.create(big, "claim", s2, e2, ws.analyst).id)

                creates.append(timed(create, app, creates_cpu))
            for _ in range(runs * 4):
                undos.append(timed(window.undo_stack.undo, app, undos_cpu))
            for annotation_id in made:  # what undoing an add does, as a bare service call
                delete = lambda a=annotation_id: ws.annotations.delete(a, ws.analyst)  # noqa: E731
                deletes.append(timed(delete, app, deletes_cpu))
            med = statistics.median
            emit(f"add_one_annotation_{label}{tag}", med(adds), "ms", med(creates))
            emit(f"add_one_annotation_{label}{tag}_gui_cpu", med(adds_cpu), "ms", med(creates_cpu))
            emit(f"add_one_annotation_service_only{tag}", med(creates), "ms")
            emit(f"undo_one_annotation_{label}{tag}", med(undos), "ms", med(deletes))
            emit(
                f"undo_one_annotation_{label}{tag}_gui_cpu", med(undos_cpu), "ms", med(deletes_cpu)
            )

        suggestions(True)
        add_and_undo("", 0)
        suggestions(False)
        add_and_undo("_suggestions_off", runs * 4)

        # Scrolling: one page down plus a repaint; work should follow the visible text.
        def scroll_times(pages: int) -> list[float]:
            bar = window.reader.verticalScrollBar()
            bar.setValue(0)
            idle(app)
            out = []
            for _ in range(pages):

                def step() -> None:
                    bar.setValue(bar.value() + bar.pageStep())
                    window.reader.viewport().repaint()

                out.append(timed(step, app))
            return out

        window.open_article(big)
        read_fully(window, app)
        idle(app)
        annotated = scroll_times(runs * 6)  # while the article's suggestions are computed
        suggestions(False)
        window.open_article(big)
        read_fully(window, app)
        idle(app)
        annotated_off = scroll_times(runs * 6)
        plain()
        idle(app)
        bare = scroll_times(runs * 6)
        emit(f"scroll_page_{label}", statistics.median(annotated), "ms", statistics.median(bare))
        emit(
            f"scroll_page_{label}_suggestions_off",
            statistics.median(annotated_off),
            "ms",
            statistics.median(bare),
        )
        suggestions(True)
        window.open_article(big)
        read_fully(window, app)
        idle(app)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        emit(f"peak_rss_{label}_open", rss_mb, "MB")  # the bench's own text copy included
        peak = subprocess.run(
            [sys.executable, __file__, *flags, "--peak", db], check=True, capture_output=True
        )
        emit(f"peak_rss_{label}_reader_alone", float(peak.stdout.split()[-1]), "MiB")
        pool.waitForDone()  # nothing left running on the store before it is closed
        idle(app)
        window.close()
        ws.close()
    from kursk_annotator.ui.suggestion_tools import shutdown_worker

    shutdown_worker()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
