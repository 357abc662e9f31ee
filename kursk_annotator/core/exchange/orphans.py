"""Imported annotations that could not be anchored: kept aside, never dropped.

A W3C import that cannot find an annotation's quote in our copy of the article (or does
not have the article at all) stores it here with the full selector, so a reviewer can
list it, and so importing the same file again once the article is there anchors it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from kursk_annotator.core.models import utcnow
from kursk_annotator.core.records import iso

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

REASON_NOT_FOUND = "quote not found"
REASON_UNKNOWN_ARTICLE = "unknown article"
REASON_AMBIGUOUS = "ambiguous"  # the quote occurs several times and nothing tells which


class Orphan(SQLModel, table=True):
    __tablename__ = "orphan"

    id: int | None = Field(default=None, primary_key=True)
    # The annotation's own uid: a second import of the same file finds it here.
    uid: str = Field(max_length=32, unique=True)
    # None when we do not have the article; ``source`` still says which one it was.
    article_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="CASCADE"
    )
    source: str = Field(max_length=2000)
    reason: str = Field(max_length=40)
    kind: str = Field(max_length=16)
    start_offset: int | None = None
    end_offset: int | None = None
    quote: str = Field(sa_column=Column(Text, nullable=False))
    prefix: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    suffix: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    creator: str | None = Field(default=None, max_length=120)
    # The annotation as it was imported (W3C JSON-LD), to re-import it faithfully later.
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow)


def list_orphans(ws: Workspace, article_id: int | None = None) -> list[Orphan]:
    """The orphans a reviewer should look at, oldest import first."""
    with ws.store.session() as session:
        query = sa.select(Orphan).order_by(Orphan.__table__.c.id)  # type: ignore[attr-defined]
        if article_id is not None:
            query = query.where(Orphan.__table__.c.article_id == article_id)  # type: ignore[attr-defined]
        return list(session.execute(query).scalars())


def orphan_json(orphan: Orphan) -> dict[str, Any]:
    """An orphan as ``orphans --json`` prints it."""
    return {
        "id": orphan.id,
        "uid": orphan.uid,
        "article_id": orphan.article_id,
        "source": orphan.source,
        "reason": orphan.reason,
        "kind": orphan.kind,
        "start": orphan.start_offset,
        "end": orphan.end_offset,
        "quote": orphan.quote,
        "prefix": orphan.prefix,
        "suffix": orphan.suffix,
        "note": orphan.note,
        "creator": orphan.creator,
        "imported": iso(orphan.imported_at),
    }
