"""Bulk: W3C import and ``bulk_create`` of many annotations, beside a floor.

    .venv/bin/python bench/bench_bulk.py [--quick] [--count N]

A store with 100 articles (about 9 KB each, from ``bench/large_store.py``'s corpus);
100,000 annotations spread over them (10,000 with --quick), each stored with its
"create" history entry.

- ``bulk_create``: ``AnnotationService.bulk_create`` per article, beside a floor that
  builds the same rows (quote, prefix, suffix sliced from the text) and writes them and
  their history with SQLAlchemy Core ``insert`` in one transaction;
- W3C import: the same annotations exported to a JSON-LD file (``core.exchange``), then
  imported into a copy of the store without them, beside a floor that parses the file
  (``json.load``) and writes the rows it describes with Core inserts in one transaction.

Times are CPU seconds of this process (user + system) around each step: on a machine
shared by many, they move far less with the load than wall time. Each is the median of
3 (1 with --quick), each side run on its own fresh copy of the store, alternated.
Target: within 2x the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from kursk_annotator.core.models import Annotation, HistoryEntry, new_uid, utcnow  # noqa: E402
from kursk_annotator.core.services.articles import NewArticle  # noqa: E402
from kursk_annotator.core.store import open_store  # noqa: E402
from kursk_annotator.core.workspace import Workspace  # noqa: E402

ARTICLES = 100
KINDS = ("claim", "figure", "place")


def cpu() -> float:
    times = os.times()
    return times.user + times.system


def make_store(path: Path) -> dict[int, str]:
    from large_store import _article_text, _corpus

    ws = Workspace(open_store(str(path)), "Bench Analyst")
    corpus = _corpus()
    texts = {}
    for n in range(1, ARTICLES + 1):
        text = _article_text(n, corpus)
        texts[ws.articles.add(NewArticle(text=text, title=f"Dispatch {n}")).id] = text
    ws.analyst  # noqa: B018 (stored now, not inside a timed step)
    ws.close()
    return texts


def items_for(texts: dict[int, str], count: int) -> dict[int, list[dict]]:
    per_article = count // len(texts)
    out = {}
    for article_id, text in texts.items():
        words = [m.span() for m in re.finditer(r"\w+", text)]
        step = max(1, (len(words) - 4) // per_article)
        spans = []
        for i in range(per_article):
            w = min(i * step, len(words) - 4)
            s, e = words[w][0], words[w + (i % 3)][1]
            spans.append({"kind": KINDS[i % 3], "start": s, "end": e, "note": ""})
        out[article_id] = spans
    return out


def floor_insert(db: Path, rows: list[dict], analyst_id: int) -> None:
    """Core inserts of the rows and their history in one transaction (the floor)."""
    store = open_store(str(db))
    now = utcnow()
    with store.engine.begin() as con:
        ids = con.execute(
            sa.insert(Annotation.__table__).returning(Annotation.__table__.c.id), rows
        )
        con.execute(
            sa.insert(HistoryEntry.__table__),
            [
                {
                    "entity": "annotation",
                    "entity_id": i,
                    "action": "create",
                    "analyst_id": analyst_id,
                    "at": now,
                    "before": None,
                    "after": {
                        "kind": r["kind"],
                        "start": r["start_offset"],
                        "end": r["end_offset"],
                        "quote": r["quote"],
                        "note": r["note"],
                        "attributes": r["attributes"],
                        "status": r["status"],
                    },
                }
                for i, r in zip(ids.scalars().all(), rows, strict=True)
            ],
        )
    store.close()


def row(article_id: int, text: str, kind: str, s: int, e: int, analyst_id: int, **extra) -> dict:
    now = extra.pop("now", None) or utcnow()
    return {
        "uid": extra.get("uid") or new_uid(),
        "article_id": article_id,
        "kind": kind,
        "start_offset": s,
        "end_offset": e,
        "quote": text[s:e],
        "prefix": text[max(0, s - 32) : s],
        "suffix": text[e : e + 32],
        "note": extra.get("note", ""),
        "attributes": extra.get("attributes") or {},
        "analyst_id": analyst_id,
        "created_at": now,
        "updated_at": now,
        "status": extra.get("status", "pending"),
        "version": 1,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--count", type=int, default=None)
    options = parser.parse_args()
    count = options.count or (10_000 if options.quick else 100_000)
    runs = 1 if options.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        template = tmp_path / "template.sqlite"
        texts = make_store(template)
        items = items_for(texts, count)
        total = sum(len(v) for v in items.values())

        def fresh(name: str) -> Path:
            target = tmp_path / name
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copyfile(template, target)
            return target

        # --- bulk_create beside its floor --------------------------------------------
        ours, floors = [], []
        for _ in range(runs):
            db = fresh("bulk.sqlite")
            ws = Workspace(open_store(str(db)), "Bench Analyst")
            analyst = ws.analyst
            start = cpu()
            for article_id, spans in items.items():
                ws.annotations.bulk_create(article_id, spans, analyst)
            ours.append(cpu() - start)
            ws.close()
            db = fresh("floor.sqlite")
            start = cpu()
            rows = [
                row(a, texts[a], i["kind"], i["start"], i["end"], analyst.id or 0)
                for a, spans in items.items()
                for i in spans
            ]
            floor_insert(db, rows, analyst.id or 0)
            floors.append(cpu() - start)
        emit(f"bulk_create_{total}", statistics.median(ours), "s", statistics.median(floors))
        emit(f"bulk_create_{total}_floor_core_insert", statistics.median(floors), "s")

        # --- W3C import beside its floor ---------------------------------------------
        from kursk_annotator.core.exchange.importer import import_annotations
        from kursk_annotator.core.exchange.w3c import export_annotations, write_annotations

        source = Workspace(open_store(str(db.with_name("bulk.sqlite"))), "Bench Analyst")
        jsonld = tmp_path / "annotations.jsonld"
        write_annotations(jsonld, export_annotations(source))
        source.close()
        ours, floors = [], []
        for _ in range(runs):
            db = fresh("import.sqlite")
            ws = Workspace(open_store(str(db)), "Bench Importer")
            ws.analyst  # noqa: B018
            start = cpu()
            report = import_annotations(ws, jsonld)
            ours.append(cpu() - start)
            ws.close()
            assert report.anchored == total, report
            db = fresh("import-floor.sqlite")
            start = cpu()
            data = json.loads(jsonld.read_text(encoding="utf-8"))
            by_hash = {}
            store = open_store(str(db))
            with store.engine.connect() as con:
                for i, h, t in con.exec_driver_sql("SELECT id, content_hash, text FROM article"):
                    by_hash[h] = (i, t)
            store.close()
            rows = []
            for item in data["first"]["items"]:
                target = item["target"]
                article_id, text = by_hash[target["kursk:contentHash"]]
                position = next(
                    s for s in target["selector"] if s["type"] == "TextPositionSelector"
                )
                rows.append(
                    row(
                        article_id,
                        text,
                        item["body"][0]["value"],
                        position["start"],
                        position["end"],
                        1,
                        uid=item["id"].rsplit(":", 1)[-1][:32],
                        attributes=item.get("kursk:attributes"),
                        status=item.get("kursk:status", "pending"),
                    )
                )
            floor_insert(db, rows, 1)
            floors.append(cpu() - start)
        emit(f"w3c_import_{total}", statistics.median(ours), "s", statistics.median(floors))
        emit(f"w3c_import_{total}_floor_parse_core_insert", statistics.median(floors), "s")
        emit(f"w3c_file_{total}_size", jsonld.stat().st_size / 1e6, "MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
