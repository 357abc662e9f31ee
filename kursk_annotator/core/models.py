"""The tables of the annotation store (SQLModel over SQLAlchemy).

Times are timezone-aware UTC datetimes (SQLModel's UTCDateTime column type).
Offsets are Python code-point offsets into ``Article.text``.
Changing a table here needs an Alembic revision in ``core/migrations/versions``; a test
compares the migrated schema with these models.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from kursk_annotator.core.records import STATUSES  # noqa: F401 (kept here too)

VERDICTS = ("accept", "reject", "request_changes", "comment")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


class Analyst(SQLModel, table=True):
    __tablename__ = "analyst"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    initials: str = Field(max_length=8)
    colour: str = Field(max_length=9, default="#4477AA")
    created_at: datetime = Field(default_factory=utcnow)
    # On a team (PostgreSQL) store: the database login that is this analyst, and when
    # that login was disabled. Unused on a single-user SQLite store.
    login: str | None = Field(default=None, max_length=63, unique=True)
    disabled_at: datetime | None = None


class Article(SQLModel, table=True):
    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=32, unique=True)
    title: str = Field(max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    language: str | None = Field(default=None, max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64, unique=True)
    source_name: str | None = Field(default=None, max_length=500)
    source_format: str | None = Field(default=None, max_length=16)
    source_size: int | None = None
    source_hash: str | None = Field(default=None, max_length=64)
    normalisation: str | None = Field(default=None, max_length=300)
    imported_at: datetime = Field(default_factory=utcnow)


class Annotation(SQLModel, table=True):
    __tablename__ = "annotation"
    __table_args__ = (
        # No CHECK on kind: kinds are declared in core.kinds and checked by the services.
        CheckConstraint(
            "start_offset >= 0 AND end_offset > start_offset", name="ck_annotation_span"
        ),
        CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected', 'changes_requested')",
            name="ck_annotation_status",
        ),
        # Covers the per-article counts of live, not rejected annotations (0008).
        Index("ix_annotation_article_kind_status", "article_id", "kind", "status", "deleted_at"),
        # An article's rows by where they start: a long article is read a part at a time
        # (0011); every lookup by article uses it too.
        Index("ix_annotation_article_start", "article_id", "start_offset"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=32, unique=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    start_offset: int
    end_offset: int
    quote: str = Field(sa_column=Column(Text, nullable=False))
    prefix: str = Field(default="", max_length=64)
    suffix: str = Field(default="", max_length=64)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    analyst_id: int = Field(foreign_key="analyst.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="pending", max_length=20, index=True)
    version: int = Field(default=1)
    deleted_at: datetime | None = None


class Review(SQLModel, table=True):
    """A verdict on an annotation, or a comment in its thread (``parent_id`` for replies)."""

    __tablename__ = "review"
    __table_args__ = (
        CheckConstraint(
            "verdict IN ('accept', 'reject', 'request_changes', 'comment')",
            name="ck_review_verdict",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    annotation_id: int = Field(foreign_key="annotation.id", index=True, ondelete="CASCADE")
    analyst_id: int = Field(foreign_key="analyst.id")
    verdict: str = Field(default="comment", max_length=20)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    parent_id: int | None = Field(default=None, foreign_key="review.id")
    created_at: datetime = Field(default_factory=utcnow)


class HistoryEntry(SQLModel, table=True):
    """One change, append-only: triggers refuse UPDATE and DELETE on this table."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)  # "annotation", "article", "analyst"
    entity_id: int
    action: str = Field(max_length=20)  # create, update, delete, restore, review, ...
    analyst_id: int | None = Field(default=None, foreign_key="analyst.id")
    at: datetime = Field(default_factory=utcnow)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class SuggestionRejection(SQLModel, table=True):
    """A suggestion an analyst rejected in an article: not proposed to them again.

    The quote is kept so a rejection can be recognised after the text's offsets move.
    """

    __tablename__ = "suggestion_rejection"
    __table_args__ = (
        UniqueConstraint(
            "article_id", "analyst_id", "kind", "start_offset", "end_offset",
            name="uq_suggestion_rejection",
        ),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    analyst_id: int = Field(foreign_key="analyst.id")
    kind: str = Field(max_length=16)
    start_offset: int
    end_offset: int
    quote: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
