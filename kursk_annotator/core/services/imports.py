"""Storing an exchange file: many annotations and orphans in one transaction.

The W3C importer (``core.exchange``) decides what to store (an :class:`ImportBatch`);
this service stores it with the rules every write keeps: kinds, attributes and statuses
checked, a history entry per annotation written by the one history function, all in one
transaction, so a failure leaves the store as it was.
Rows go in as SQLAlchemy Core inserts: building an ORM object and committing per row
costs about 1.9 ms each (100,000 annotations: minutes instead of seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kursk_annotator.core.attributes import validate_attributes
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.registry import ensure_references_many
from kursk_annotator.core.exchange.orphans import Orphan
from kursk_annotator.core.kinds import check_kind
from kursk_annotator.core.models import STATUSES, Analyst, Annotation, Article, utcnow
from kursk_annotator.core.services import history
from kursk_annotator.core.store import Store

_A = Annotation.__table__.c  # type: ignore[attr-defined]
_AR = Article.__table__.c  # type: ignore[attr-defined]
_O = Orphan.__table__.c  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ArticleKeys:
    """Our articles, findable by uid, content hash and URL (what a W3C target names)."""

    by_uid: dict[str, int]
    by_hash: dict[str, int]
    by_url: dict[str, int]


@dataclass
class ImportBatch:
    """What one file adds, as column values.

    ``annotations``: uid, article_id, kind, start_offset, end_offset, quote, prefix, suffix,
    note, attributes, status, version, created_at, updated_at, and ``provenance`` (where it
    came from and how it anchored: added to its history entry, not a column);
    ``orphans``: the Orphan table's columns;
    ``anchored_orphans``: uids of orphans of earlier imports that anchor now.
    """

    annotations: list[dict[str, Any]] = field(default_factory=list)
    orphans: list[dict[str, Any]] = field(default_factory=list)
    anchored_orphans: list[str] = field(default_factory=list)


class ImportService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- what is there -------------------------------------------------------------

    def article_keys(self) -> ArticleKeys:
        with self.store.session() as session:
            rows = session.execute(sa.select(_AR.id, _AR.uid, _AR.url, _AR.content_hash)).all()
        return ArticleKeys(
            by_uid={uid: i for i, uid, _, _ in rows},
            by_hash={h: i for i, _, _, h in rows},
            by_url={url: i for i, _, url, _ in rows if url},
        )

    def annotation_uids(self) -> set[str]:
        with self.store.session() as session:
            return set(session.execute(sa.select(_A.uid)).scalars())

    def orphan_uids(self) -> set[str]:
        with self.store.session() as session:
            return set(session.execute(sa.select(_O.uid)).scalars())

    # --- storing -------------------------------------------------------------------

    def store_batch(self, batch: ImportBatch, importer: Analyst) -> None:
        """Store the batch in one transaction, every annotation authored by ``importer``."""
        now = utcnow()
        annotations = [_checked(row) for row in batch.annotations]
        with self.store.transaction() as session:
            if batch.anchored_orphans:
                session.execute(
                    sa.delete(Orphan.__table__).where(_O.uid.in_(batch.anchored_orphans))  # type: ignore[arg-type]
                )
            if annotations:
                # The actors and measures the annotations name, created on first use (or
                # reused through their names and aliases) as when they are tagged by hand.
                ensure_references_many(session, [(r["kind"], r["attributes"]) for r in annotations])
                values = [
                    {k: v for k, v in row.items() if k != "provenance"}
                    | {"analyst_id": importer.id}
                    for row in annotations
                ]
                # Each new id is matched to its row by the row's uid (unique), not by the
                # order RETURNING hands them back in: asking SQLAlchemy for that order made
                # it insert the rows one statement each on SQLite (a third of an import).
                inserted = session.execute(
                    sa.insert(Annotation.__table__).returning(_A.id, _A.uid),  # type: ignore[arg-type]
                    values,
                )
                id_of = {uid: annotation_id for annotation_id, uid in inserted}
                history.write(
                    session,
                    [
                        history.entry(
                            "annotation",
                            id_of[row["uid"]],
                            "import",
                            importer.id,
                            after=history.annotation_state(row) | row["provenance"],
                            at=now,
                        )
                        for row in annotations
                    ],
                    # Where a row came from no database trigger can know: written on a
                    # team store too.
                    provenance=True,
                )
            if batch.orphans:
                session.execute(
                    sa.insert(Orphan.__table__),  # type: ignore[arg-type]
                    [{"imported_at": now} | row for row in batch.orphans],
                )


def _checked(row: dict[str, Any]) -> dict[str, Any]:
    """The row with kind, attributes and status checked as every other write checks them."""
    if row.get("status") not in STATUSES:
        raise UserError(f"unknown status {row.get('status')!r}: use one of {', '.join(STATUSES)}")
    kind = check_kind(row["kind"])
    return row | {"attributes": validate_attributes(kind, row.get("attributes"))}
