"""Load the sample corpus and annotation set (``sample_data/``) into a store.

Idempotent: articles are matched by content hash and annotations by
(article, analyst, kind, span), so loading twice adds nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kursk_annotator.core.anchoring import find_quote
from kursk_annotator.core.errors import DuplicateError, UserError
from kursk_annotator.core.evidence.registry import EvidenceRegistry
from kursk_annotator.core.services.analysts import AnalystService
from kursk_annotator.core.services.annotations import AnnotationService
from kursk_annotator.core.services.articles import ArticleService, NewArticle
from kursk_annotator.core.services.reviews import ReviewService
from kursk_annotator.core.store import Store
from kursk_annotator.core.text import bytes_hash

ENV_SAMPLES = "KURSK_ANNOTATOR_SAMPLES"


def samples_dir() -> Path:
    configured = os.environ.get(ENV_SAMPLES)
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parents[2] / "sample_data")
    for path in candidates:
        if (path / "articles.json").is_file():
            return path
    raise UserError(
        "sample data not found: run from a source checkout or set "
        f"{ENV_SAMPLES} to the sample_data folder"
    )


@dataclass
class SampleReport:
    articles_added: int = 0
    articles_present: int = 0
    annotations_added: int = 0
    annotations_present: int = 0
    reviews_added: int = 0


class _Services:
    """The services the samples go through (the workspace loads samples: not imported)."""

    def __init__(self, store: Store) -> None:
        self.articles = ArticleService(store)
        self.analysts = AnalystService(store)
        self.annotations = AnnotationService(store)
        self.reviews = ReviewService(store, self.annotations)
        self.evidence = EvidenceRegistry(store)


def load_samples(store: Store, folder: Path | None = None) -> SampleReport:
    folder = folder or samples_dir()
    ws = _Services(store)
    report = SampleReport()
    meta = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    data = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    ids: dict[str, int] = {}
    for item in meta["articles"]:
        raw = (folder / item["file"]).read_bytes()
        new = NewArticle(
            text=raw.decode("utf-8"),
            title=item["title"],
            outlet=item.get("outlet"),
            url=item.get("url"),
            published=date.fromisoformat(item["published"]) if item.get("published") else None,
            language=item.get("language"),
            source_name=Path(item["file"]).name,
            source_format="txt",
            source_size=len(raw),
            source_hash=bytes_hash(raw),
        )
        try:
            ids[item["key"]] = ws.articles.add(new).id or 0
            report.articles_added += 1
        except DuplicateError as dup:
            ids[item["key"]] = dup.existing_id
            report.articles_present += 1
    analysts = {
        a["name"]: ws.analysts.ensure(a["name"], a.get("initials"), a.get("colour"))
        for a in data["analysts"]
    }
    # Actors and measures first, with their aliases and grades, so that the annotations'
    # names resolve to them instead of starting records of their own.
    for actor in data.get("actors", []):
        ws.evidence.ensure_actor(
            actor["name"],
            aliases=actor.get("aliases", []),
            side=actor.get("side"),
            type=actor.get("type"),
            grade=actor.get("grade"),
        )
    for measure in data.get("measures", []):
        ws.evidence.ensure_measure(
            measure["name"],
            aliases=measure.get("aliases", []),
            dimension=measure.get("dimension"),
            unit=measure.get("unit") or None,
        )
    existing = {
        (a.article_id, a.analyst, a.kind, a.start, a.end)
        for a in ws.annotations.list(include_deleted=True)
    }
    for item in data["annotations"]:
        article_id = ids[item["article"]]
        author = analysts[item["analyst"]]
        start, end = find_quote(
            ws.annotations.article_text(article_id), item["quote"], item.get("occurrence", 1)
        )
        key = (article_id, author.name, item["kind"], start, end)
        if key in existing:
            report.annotations_present += 1
            continue
        created = ws.annotations.create(
            article_id,
            item["kind"],
            start,
            end,
            author,
            note=item.get("note", ""),
            attributes=item.get("attributes"),
        )
        existing.add(key)
        report.annotations_added += 1
        if review := item.get("review"):
            ws.reviews.review(
                created.id, analysts[review["by"]], review["verdict"], review.get("text", "")
            )
            report.reviews_added += 1
    return report
