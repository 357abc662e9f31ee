"""A year of work in one store: a generated store of articles, annotations, history, reviews.

    .venv/bin/python bench/large_store.py [--scale 1|10|100] [--out FILE]

Scale 1 is 10 articles and 2,000 annotations; scale 100 is the large store of the issue
"a year of work": 1,000 articles (about 9 KB of text each) and 200,000 annotations by 8
analysts, every annotation with its "create" history entry, one in four reviewed (a
verdict, its history entry and the status it sets), one in twenty edited once (an
"update" history entry). The schema is made by ``open_store`` (the real migrations); the
rows go in through SQLAlchemy Core ``insert`` in one transaction per table, so the large
store builds in seconds instead of the minutes the services' one-by-one path would take.

Stores are cached by scale in ``$KURSK_BENCH_CACHE`` (default: the system's temporary
folder) and rebuilt when the schema head or this generator changes; benchmarks copy
nothing and only read them, except where they say so (they then work on a copy).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = "1"
ARTICLES_PER_SCALE = 10
ANNOTATIONS_PER_ARTICLE = 200
ANALYSTS = (
    "Olena Kovalchuk",
    "Mark Reyes",
    "Ilse Brandt",
    "Tomasz Wrona",
    "Aiko Tanaka",
    "Samir Haddad",
    "Grace Okafor",
    "Pieter de Vries",
)
KINDS = ("claim", "figure", "place")
OUTLETS = ("Reuters", "BBC", "RFE/RL", "Kyiv Independent", "Meduza", "ISW", "AP", "DW")


def _corpus() -> list[str]:
    seeds = sorted((ROOT / "sample_data" / "articles").glob("*.txt"))
    return [p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in seeds]


def _article_text(n: int, corpus: list[str]) -> str:
    """About 9 KB: three of the sample articles, rotated, with a unique heading."""
    parts = [corpus[(n + i) % len(corpus)] for i in range(3)]
    return f"Dispatch {n} 🙂\n\n" + "\n\n".join(parts)


def _word_spans(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\w+", text)]


def cache_path(scale: int) -> Path:
    from kursk_annotator.core.store import head_revision

    folder = Path(os.environ.get("KURSK_BENCH_CACHE") or tempfile.gettempdir())
    return folder / f"kursk-large-{scale}x-{head_revision()}-g{GENERATOR_VERSION}.sqlite"


def build(path: Path, scale: int, seed: int = 14) -> dict[str, float]:
    """Write a store of ``scale`` x (10 articles, 2,000 annotations) at ``path``."""
    import sqlalchemy as sa

    from kursk_annotator.core.models import Analyst, Annotation, Article, HistoryEntry, Review
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.text import content_hash

    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    store = open_store(str(path))
    corpus = _corpus()
    n_articles = ARTICLES_PER_SCALE * scale
    base = datetime(2025, 1, 1, tzinfo=UTC)
    verdict_status = {
        "accept": "accepted",
        "reject": "rejected",
        "request_changes": "changes_requested",
    }
    with store.engine.begin() as con:
        con.execute(
            sa.insert(Analyst.__table__),
            [
                {
                    "name": name,
                    "initials": "".join(w[0] for w in name.split())[:8],
                    "colour": "#4477AA",
                    "created_at": base,
                }
                for name in ANALYSTS
            ],
        )
        analyst_ids = list(range(1, len(ANALYSTS) + 1))
        articles, texts = [], []
        for n in range(1, n_articles + 1):
            text = _article_text(n, corpus)
            texts.append(text)
            articles.append(
                {
                    "uid": f"{n:032x}",
                    "title": f"Dispatch {n}: {text.split(chr(10), 3)[2][:80]}",
                    "outlet": OUTLETS[n % len(OUTLETS)],
                    "author": None,
                    "url": f"https://example.org/dispatch/{n}",
                    "published": date(2025, 1, 1) + timedelta(days=n % 365),
                    "language": "en",
                    "text": text,
                    "content_hash": content_hash(text),
                    "source_name": f"dispatch-{n}.txt",
                    "source_format": "txt",
                    "imported_at": base + timedelta(minutes=n),
                }
            )
        con.execute(sa.insert(Article.__table__), articles)
        annotations, history, reviews = [], [], []
        ann_id = 0
        for article_id, text in enumerate(texts, start=1):
            words = _word_spans(text)
            step = max(1, (len(words) - 13) // ANNOTATIONS_PER_ARTICLE)
            for i in range(ANNOTATIONS_PER_ARTICLE):
                ann_id += 1
                w = min(i * step + rng.randrange(step), len(words) - 13)
                length = 12 if i % 10 == 9 else 1 + i % 3
                start, end = words[w][0], words[w + length - 1][1]
                kind = KINDS[i % 3]
                analyst = analyst_ids[(ann_id * 7 + article_id) % len(analyst_ids)]
                at = base + timedelta(seconds=ann_id * 60)
                quote = text[start:end]
                attrs: dict = {}
                if kind == "figure":
                    attrs = {"value": rng.randrange(1, 20000), "unit": "troops"}
                elif kind == "claim":
                    attrs = {"attributed_to": "General Staff", "side": "Ukraine"}
                status = "pending"
                version = 1
                snap = {
                    "kind": kind,
                    "start": start,
                    "end": end,
                    "quote": quote,
                    "note": "",
                    "attributes": attrs,
                    "status": "pending",
                }
                history.append(
                    {
                        "entity": "annotation",
                        "entity_id": ann_id,
                        "action": "create",
                        "analyst_id": analyst,
                        "at": at,
                        "before": None,
                        "after": snap,
                    }
                )
                note = ""
                if ann_id % 20 == 0:
                    note = "checked against the wire copy"
                    version += 1
                    history.append(
                        {
                            "entity": "annotation",
                            "entity_id": ann_id,
                            "action": "update",
                            "analyst_id": analyst,
                            "at": at + timedelta(minutes=5),
                            "before": snap,
                            "after": {**snap, "note": note},
                        }
                    )
                if ann_id % 4 == 0:
                    reviewer = analyst_ids[(analyst) % len(analyst_ids)]  # another analyst
                    verdict = ("accept", "reject", "request_changes")[ann_id // 4 % 3]
                    text_ = "" if verdict == "accept" else "see the other outlets"
                    reviews.append(
                        {
                            "annotation_id": ann_id,
                            "analyst_id": reviewer,
                            "verdict": verdict,
                            "text": text_,
                            "parent_id": None,
                            "created_at": at + timedelta(hours=1),
                        }
                    )
                    history.append(
                        {
                            "entity": "annotation",
                            "entity_id": ann_id,
                            "action": "review",
                            "analyst_id": reviewer,
                            "at": at + timedelta(hours=1),
                            "before": None,
                            "after": {"verdict": verdict, "text": text_},
                        }
                    )
                    status = verdict_status[verdict]
                    version += 1
                    history.append(
                        {
                            "entity": "annotation",
                            "entity_id": ann_id,
                            "action": "status",
                            "analyst_id": reviewer,
                            "at": at + timedelta(hours=1),
                            "before": {"status": "pending"},
                            "after": {"status": status},
                        }
                    )
                annotations.append(
                    {
                        "id": ann_id,
                        "uid": f"{ann_id:032x}",
                        "article_id": article_id,
                        "kind": kind,
                        "start_offset": start,
                        "end_offset": end,
                        "quote": quote,
                        "prefix": text[max(0, start - 32) : start],
                        "suffix": text[end : end + 32],
                        "note": note,
                        "attributes": attrs,
                        "analyst_id": analyst,
                        "created_at": at,
                        "updated_at": at,
                        "status": status,
                        "version": version,
                        "deleted_at": None,
                    }
                )
        built = time.perf_counter()
        con.execute(sa.insert(Annotation.__table__), annotations)
        con.execute(sa.insert(Review.__table__), reviews)
        con.execute(sa.insert(HistoryEntry.__table__), history)
    con_done = time.perf_counter()
    with store.engine.connect() as con:
        con.exec_driver_sql("ANALYZE")
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {
        "articles": n_articles,
        "annotations": len(annotations),
        "history": len(history),
        "reviews": len(reviews),
        "rows_built_s": built - started,
        "insert_s": con_done - built,
        "total_s": time.perf_counter() - started,
    }


def large_store(scale: int) -> Path:
    """The cached store for ``scale`` (built on first use)."""
    path = cache_path(scale)
    if not path.exists():
        tmp = path.with_name(path.name + ".building")
        build(tmp, scale)
        for suffix in ("-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        shutil.move(tmp, path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, choices=(1, 10, 100))
    parser.add_argument("--out", type=Path, help="write here (default: the cache)")
    args = parser.parse_args()
    out = args.out or cache_path(args.scale)
    stats = build(out, args.scale)
    print(json.dumps({"path": str(out), **{k: round(v, 3) for k, v in stats.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
