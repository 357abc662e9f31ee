"""Plain read-only views of stored rows, as the UI, the CLI and exports use them.

Reading these through SQLAlchemy Core (not ORM objects) keeps opening an article with
10,000 annotations fast; ``as_json`` is the documented, stable JSON shape of the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# The review statuses an annotation can have (the database checks them too).
STATUSES = ("pending", "accepted", "rejected", "changes_requested")


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class AnnotationInfo:
    id: int
    uid: str
    article_id: int
    kind: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    attributes: dict[str, Any]
    analyst_id: int
    analyst: str
    status: str
    version: int
    created: datetime
    updated: datetime
    deleted: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "article_id": self.article_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "note": self.note,
            "attributes": self.attributes,
            "analyst": self.analyst,
            "status": self.status,
            "version": self.version,
            "created": iso(self.created),
            "updated": iso(self.updated),
        }


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """An article's metadata, without its text, plus annotation counts per kind.

    A light listing (``ArticleService.list(light=True)``) leaves ``length``,
    ``source_name``, ``source_format`` and ``imported_at`` as None and the counts empty.
    """

    id: int
    uid: str
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    language: str | None
    length: int | None
    source_name: str | None
    source_format: str | None
    imported_at: datetime | None
    counts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "url": self.url,
            "published": iso(self.published),
            "language": self.language,
            "length": self.length,
            "source_name": self.source_name,
            "source_format": self.source_format,
            "imported_at": iso(self.imported_at),
            "annotations": dict(self.counts),
        }
