"""What the integrity check on open costs: opening an unchanged store (the last good check
is remembered, no check runs) and a store changed by another program (PRAGMA quick_check),
against bare SQLite opening the same file and reading one row.

Prints JSON lines (bench/metrics.py). ``--quick``: a smaller store.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.metrics import emit  # noqa: E402


def _fill(path: Path, annotations: int) -> None:
    from kursk_annotator.core.services.articles import NewArticle
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace

    ws = Workspace(open_store(str(path)), "Bench Analyst")
    text = "Ukrainian forces held positions near Sudzha. " * 2000
    article = ws.articles.add(NewArticle(text=text, title="Bench"))
    analyst_id = ws.analyst.id
    ws.close()
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO annotation (uid, article_id, kind, start_offset, end_offset, quote, "
            "prefix, suffix, note, attributes, analyst_id, created_at, updated_at, status, "
            "version) VALUES (?, ?, 'place', ?, ?, 'Sudzha', '', '', 'note', '{}', ?, "
            "'2025-01-01 00:00:00', '2025-01-01 00:00:00', 'pending', 1)",
            (
                (f"{i:032x}", article.id, i % 1000, i % 1000 + 6, analyst_id)
                for i in range(annotations)
            ),
        )
    con.close()


def _median_ms(action: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    annotations = 20_000 if options.quick else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        from kursk_annotator.core.store import open_store

        path = Path(tmp) / "bench.sqlite"
        _fill(path, annotations)
        open_store(str(path)).close()  # checked once: now remembered as good

        def bare() -> None:
            con = sqlite3.connect(path)
            con.execute("SELECT version_num FROM alembic_version").fetchone()
            con.close()

        def unchanged() -> None:
            open_store(str(path)).close()

        def changed() -> None:
            con = sqlite3.connect(path)
            with con:
                con.execute("UPDATE article SET title = title")
            con.close()
            open_store(str(path)).close()

        floor = _median_ms(bare, 7)
        emit("open_store_unchanged", _median_ms(unchanged, 7), "ms", floor)
        emit("open_store_changed_elsewhere_quick_check", _median_ms(changed, 5), "ms", floor)
        emit("store_size", path.stat().st_size / 1e6, "MB")
        emit("bare_sqlite_open_and_read", floor, "ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
