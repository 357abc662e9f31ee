"""Comparison of figures (issue 10): 10,000 figures over 200 measures, target <= 200 ms.

    .venv/bin/python bench/bench_evidence.py [--figures 10000] [--measures 200] [--quick]
    .venv/bin/python bench/run.py evidence

Times ``core.evidence.comparison.compare`` on 10,000 figure annotations of 100 articles,
200 measures and 50 claimants (with as-of dates, intervals, two analysts tagging some
spans, and 2,000 claims whose speakers may enclose figures), median of 5. The floor in
the same run: sorting the same annotations by (measure, as-of, article, start), the
least any comparison per measure and time must do. A second metric times the whole
``figures`` report through a real SQLite store (reading every annotation, the articles,
actors and measures, then comparing). Prints one JSON line per metric.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kursk_annotator.core.evidence.comparison import ArticleRef, compare
from kursk_annotator.core.evidence.registry import NameIndex
from kursk_annotator.core.records import AnnotationInfo

TARGET_MS = 200.0
QUALIFIERS = (None, "approximately", "over", "up to", None)


def make_annotations(figures: int, measures: int) -> tuple[list, list, dict[int, ArticleRef]]:
    now = datetime.now(UTC)
    articles = {
        n: ArticleRef(n, date(2024, 8, 1) + timedelta(days=2 * n), f"Outlet {n % 12}")
        for n in range(1, 101)
    }
    out, claims = [], []
    for i in range(figures):
        article = 1 + i % 100
        start = 40 * (i // 100)
        value = 1000 + (i * 37) % 5000
        attrs = {
            "value": value,
            "unit": "km²" if i % 4 == 0 else "troops",
            "counts": f"measure {i % measures}",
            "claimant": f"claimant {(i // measures + i) % 50}",  # several per measure
        }
        if QUALIFIERS[i % 5]:
            attrs["qualifier"] = QUALIFIERS[i % 5]
        if i % 3:
            attrs["as_of"] = f"2024-{1 + i % 12:02d}"
        analyst = "Olena Kovalchuk" if i % 7 else "Mark Davies"
        out.append(
            AnnotationInfo(
                i + 1,
                f"u{i}",
                article,
                "figure",
                start,
                start + 12,
                f"{value:,} troops",
                "",
                "",
                "",
                attrs,
                1,
                analyst,
                "pending",
                1,
                now,
                now,
            )
        )
    for j in range(figures // 5):
        article = 1 + j % 100
        start = 40 * (j % 100)
        claims.append(
            AnnotationInfo(
                figures + j + 1,
                f"c{j}",
                article,
                "claim",
                start,
                start + 80,
                "said",
                "",
                "",
                "",
                {"attributed_to": f"speaker {j % 40}"},
                1,
                "Olena Kovalchuk",
                "pending",
                1,
                now,
                now,
            )
        )
    return out, claims, articles


def median_ms(fn, runs: int = 5, clock=time.perf_counter) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = clock()
        fn()
        times.append((clock() - t0) * 1000)
    return statistics.median(times)


def emit_load() -> None:
    """The machine's load when the run started: other work inflates wall times."""
    emit("load average over the last minute (2 cores)", os.getloadavg()[0], "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-gui", action="store_true", help="skip the Figures view")
    args = parser.parse_args()
    if args.quick:
        args.figures, args.measures = 1000, 20
    figures, claims, articles = make_annotations(args.figures, args.measures)
    actors, measures = NameIndex([]), NameIndex([])

    def floor() -> None:
        sorted(
            figures,
            key=lambda a: (
                a.attributes["counts"],
                a.attributes.get("as_of", ""),
                a.article_id,
                a.start,
            ),
        )

    def run() -> None:
        compare(figures, claims, articles, actors, measures)

    emit_load()
    result = compare(figures, claims, articles, actors, measures)
    verdicts = sum(len(c.verdicts) for c in result)
    base = median_ms(floor)
    emit(
        f"compare {args.figures:,} figures over {args.measures} measures "
        f"({verdicts} verdicts; target <= {TARGET_MS:.0f} ms)",
        median_ms(run),
        "ms",
        base,
    )
    # CPU time of this process: what a busy machine's other work does not add.
    emit(
        "compare, CPU time (floor: the sort, CPU time)",
        median_ms(run, clock=time.process_time),
        "ms",
        median_ms(floor, clock=time.process_time),
    )
    with tempfile.TemporaryDirectory() as folder:
        from kursk_annotator.core.evidence.service import figures_report
        from kursk_annotator.core.services.articles import NewArticle
        from kursk_annotator.core.store import open_store
        from kursk_annotator.core.workspace import Workspace

        ws = Workspace(open_store(str(Path(folder) / "bench.sqlite")), "Bench Analyst")
        text = "x" * (40 * 100 + 200)
        for n in range(1, 101):
            ws.articles.add(
                NewArticle(
                    text=f"{n} {text}",
                    title=f"Article {n}",
                    outlet=f"Outlet {n % 12}",
                    published=articles[n].published,
                )
            )
        for n in range(1, 101):
            items = [
                {"kind": a.kind, "start": a.start, "end": a.end, "attributes": a.attributes}
                for a in figures + claims
                if a.article_id == n
            ]
            ws.annotations.bulk_create(n, items, ws.analyst)
        from kursk_annotator.core.evidence.reading import read_tags

        emit(
            f"figures report from the store: {args.figures:,} figures read and compared "
            "(floor: the one query reading them)",
            median_ms(lambda: figures_report(ws), runs=3),
            "ms",
            median_ms(lambda: read_tags(ws.store), runs=3),
        )
        if not args.no_gui:
            emit_view(ws)
        ws.close()
    return 0


def emit_view(ws) -> None:  # type: ignore[no-untyped-def]
    """The Figures view opened on the store: a new panel shown and refreshed, timed until
    its measures are listed and the first measure's reports are shown and painted (the
    panel's ``shown`` signal, emitted once the reports' table has been painted), then
    until every measure is compared (``compared``). Each panel is closed only after its
    work has finished. Floor: the one query reading the figures and claims it compares."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kursk_annotator.core.evidence.reading import read_tags
    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.figures_view import FiguresPanel

    app = QApplication.instance() or QApplication([])
    state = ArticleState(ws)
    opened, compared, cpu, rows = [], [], [], []

    def wait(signal) -> None:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()

    for _ in range(5):
        panel = FiguresPanel(state)
        panel.resize(700, 800)
        times: dict[str, float] = {}
        panel.shown.connect(lambda t=times: t.setdefault("shown", time.perf_counter()))
        panel.compared.connect(lambda t=times: t.setdefault("compared", time.perf_counter()))
        c0, t0 = time.process_time(), time.perf_counter()
        panel.show()
        panel.refresh()
        wait(panel.shown)
        app.processEvents()  # the first measure's rows painted
        cpu.append((time.process_time() - c0) * 1000)
        opened.append((time.perf_counter() - t0) * 1000)
        rows.append(panel.model.rowCount())
        if "compared" not in times:
            wait(panel.compared)
        compared.append((times["compared"] - t0) * 1000)
        panel.close()
        panel.deleteLater()
        app.processEvents()
    measures = len(panel.comparisons)
    reading = median_ms(lambda: read_tags(ws.store), runs=5)
    reading_cpu = median_ms(lambda: read_tags(ws.store), runs=5, clock=time.process_time)
    emit(
        f"Figures view opened on the store: {measures} measures listed, the first one's "
        f"{rows[-1]} reports shown (median of 5; target <= 100 ms)",
        statistics.median(opened),
        "ms",
        reading,
    )
    emit(
        "Figures view opened, CPU time of the process (floor: the query, CPU time)",
        statistics.median(cpu),
        "ms",
        reading_cpu,
    )
    emit(
        "Figures view: every measure compared and listed (median of 5)",
        statistics.median(compared),
        "ms",
        reading,
    )


if __name__ == "__main__":
    raise SystemExit(main())
