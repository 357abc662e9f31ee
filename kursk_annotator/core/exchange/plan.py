"""The parsed annotations of one file -> the rows to store: the one place deciding what an
import adds.

For each annotation: a duplicate (its uid is stored already, or came earlier in the file)
is counted and skipped; one whose article we have is re-anchored in that article's text
and becomes an annotation row (an earlier orphan of it is promoted); one that cannot be
anchored, or whose article we lack, becomes an orphan row. Nothing is written here: the
batch goes to ``ImportService.store_batch`` (one transaction).

An import cannot forge: the importer is the author of every annotation it adds, and each
starts pending at version 1. A file's ``creator`` and ``kursk:status`` are claims anyone can
write, so they are kept as provenance in the import's history entry instead.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kursk_annotator.core.anchoring import selector_for
from kursk_annotator.core.exchange.orphans import (
    REASON_AMBIGUOUS,
    REASON_NOT_FOUND,
    REASON_UNKNOWN_ARTICLE,
)
from kursk_annotator.core.exchange.parse import ParsedAnnotation
from kursk_annotator.core.exchange.reanchor import reanchor
from kursk_annotator.core.exchange.w3c import URN_UUID, uid_from_iri
from kursk_annotator.core.models import utcnow
from kursk_annotator.core.services.imports import ArticleKeys, ImportBatch


@dataclass
class ImportReport:
    anchored: int = 0  # at their stored position
    reanchored: int = 0  # found by quote or fuzzy match elsewhere
    orphaned: int = 0  # kept aside: quote not found, or article unknown
    duplicates: int = 0  # already in this store (same uid)
    unknown_articles: Counter[str] = field(default_factory=Counter)  # source -> annotations
    invalid: list[str] = field(default_factory=list)  # one line per unreadable annotation
    methods: Counter[str] = field(default_factory=Counter)  # how each one anchored

    def as_json(self) -> dict[str, Any]:
        return {
            "anchored": self.anchored,
            "reanchored": self.reanchored,
            "orphaned": self.orphaned,
            "duplicates": self.duplicates,
            "unknown_articles": dict(self.unknown_articles),
            "invalid": list(self.invalid),
            "methods": dict(self.methods),
        }


@dataclass(frozen=True, slots=True)
class StoreState:
    """What the store holds that an import must know: articles, annotation and orphan uids."""

    articles: ArticleKeys
    annotation_uids: set[str]
    orphan_uids: set[str]


def find_article(articles: ArticleKeys, p: ParsedAnnotation) -> int | None:
    """Our article a target names: by its uid, else content hash, else URL."""
    if p.source.lower().startswith(URN_UUID):
        found = articles.by_uid.get(uid_from_iri(p.source))
        if found is not None:
            return found
    if p.content_hash and p.content_hash in articles.by_hash:
        return articles.by_hash[p.content_hash]
    return articles.by_url.get(p.source)


def plan_rows(
    parsed: Iterable[ParsedAnnotation],
    state: StoreState,
    article_text: Any,
    importer: str,
    report: ImportReport,
) -> ImportBatch:
    """The rows one file adds (see the module docstring); counts go into ``report``.

    ``article_text(article_id)`` returns an article's stored text; ``importer`` is the
    name of who imports (the author of everything imported).
    """
    batch = ImportBatch()
    seen = set(state.annotation_uids)
    orphaned = set(state.orphan_uids)
    now = utcnow()
    for p in parsed:
        if p.uid in seen:
            report.duplicates += 1
            continue
        # Foreign files may name the creator by a long IRI: keep what fits.
        creator = " ".join(p.creator.split())[:120] if p.creator else importer
        article_id = find_article(state.articles, p)
        if article_id is None:
            report.unknown_articles[p.source] += 1
            _orphan(batch, p, None, REASON_UNKNOWN_ARTICLE, creator, orphaned, report)
            continue
        text = article_text(article_id)
        reason = REASON_NOT_FOUND
        if p.selector is not None:
            anchor = reanchor(text, p.selector)
            if anchor.reason == "ambiguous":
                reason = REASON_AMBIGUOUS
            span = (anchor.start, anchor.end) if anchor.anchored else None
            method = anchor.method
        else:
            start, end = p.position_only or (0, 0)
            span = (start, end) if end <= len(text) else None
            method = "position" if span else "orphan"
        report.methods[method] += 1
        if span is None:
            _orphan(batch, p, article_id, reason, creator, orphaned, report)
            continue
        sel = selector_for(text, *span)
        batch.annotations.append(
            {
                "uid": p.uid,
                "article_id": article_id,
                "kind": p.kind,
                "start_offset": sel.start,
                "end_offset": sel.end,
                "quote": sel.quote,
                "prefix": sel.prefix,
                "suffix": sel.suffix,
                "note": p.note,
                "attributes": p.attributes,
                "status": "pending",
                "version": 1,
                "created_at": p.created or now,
                "updated_at": p.modified or p.created or now,
                # Not columns: recorded in the import's history entry.
                "provenance": {
                    "anchored": method,
                    "author": importer,
                    "creator": creator,
                    "status_in_file": p.status,
                },
            }
        )
        if p.uid in orphaned:  # it anchors now: it is no longer an orphan
            batch.anchored_orphans.append(p.uid)
            orphaned.discard(p.uid)
        seen.add(p.uid)
        if method == "position":
            report.anchored += 1
        else:
            report.reanchored += 1
    return batch


def _orphan(
    batch: ImportBatch,
    p: ParsedAnnotation,
    article_id: int | None,
    reason: str,
    creator: str,
    orphaned: set[str],
    report: ImportReport,
) -> None:
    if p.uid in orphaned:  # kept aside by an earlier import (or earlier in this file)
        report.duplicates += 1
        return
    orphaned.add(p.uid)
    sel = p.selector
    start, end = (sel.start, sel.end) if sel else (p.position_only or (None, None))
    batch.orphans.append(
        {
            "uid": p.uid,
            "article_id": article_id,
            "source": p.source[:2000],
            "reason": reason,
            "kind": p.kind,
            "start_offset": start if start is not None and start >= 0 else None,
            "end_offset": end if end is not None and end >= 0 else None,
            "quote": sel.quote if sel else "",
            "prefix": sel.prefix if sel else "",
            "suffix": sel.suffix if sel else "",
            "note": p.note,
            "creator": creator,
            # The annotation as it was imported, to re-import it faithfully later.
            "payload": json.loads(json.dumps(p.raw)),
        }
    )
    report.orphaned += 1
