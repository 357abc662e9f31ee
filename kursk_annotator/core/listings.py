"""Listings read without the ORM: articles with their counts, one article, annotations.

A command that only lists (``articles``, ``show``, ``annotations``) need not define the
SQLModel table classes of ``core.models`` nor the attribute and evidence models: that
costs about a third of importing SQLModel itself, paid again by every command. These
reads name the columns through light ``sa.table`` clauses typed as the models declare
them (``tests/core/test_listings.py`` holds the two together) and return the same
records as the services, which call them for the same reads (one query each).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.driver_rows import iter_driver_rows
from kursk_annotator.core.errors import NotFoundError, UserError
from kursk_annotator.core.records import STATUSES, AnnotationInfo, ArticleInfo
from kursk_annotator.core.store import Store

ARTICLE = sa.table(
    "article",
    sa.column("id", sa.Integer),
    sa.column("uid", AutoString()),
    sa.column("title", AutoString()),
    sa.column("outlet", AutoString()),
    sa.column("author", AutoString()),
    sa.column("url", AutoString()),
    sa.column("published", sa.Date),
    sa.column("language", AutoString()),
    sa.column("text", sa.Text),
    sa.column("content_hash", AutoString()),
    sa.column("source_name", AutoString()),
    sa.column("source_format", AutoString()),
    sa.column("source_size", sa.Integer),
    sa.column("source_hash", AutoString()),
    sa.column("normalisation", AutoString()),
    sa.column("imported_at", UTCDateTime()),
)
ANALYST = sa.table("analyst", sa.column("id", sa.Integer), sa.column("name", AutoString()))
ANNOTATION = sa.table(
    "annotation",
    sa.column("id", sa.Integer),
    sa.column("uid", AutoString()),
    sa.column("article_id", sa.Integer),
    sa.column("kind", AutoString()),
    sa.column("start_offset", sa.Integer),
    sa.column("end_offset", sa.Integer),
    sa.column("quote", sa.Text),
    sa.column("prefix", AutoString()),
    sa.column("suffix", AutoString()),
    sa.column("note", sa.Text),
    sa.column("attributes", sa.JSON),
    sa.column("analyst_id", sa.Integer),
    sa.column("created_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
    sa.column("status", AutoString()),
    sa.column("version", sa.Integer),
    sa.column("deleted_at", UTCDateTime()),
)

_a = ARTICLE.c
_n = ANNOTATION.c
_an = ANALYST.c

# The columns of an AnnotationInfo, in its order.
ANNOTATION_COLUMNS = (
    _n.id,
    _n.uid,
    _n.article_id,
    _n.kind,
    _n.start_offset,
    _n.end_offset,
    _n.quote,
    _n.prefix,
    _n.suffix,
    _n.note,
    _n.attributes,
    _n.analyst_id,
    _an.name,
    _n.status,
    _n.version,
    _n.created_at,
    _n.updated_at,
    _n.deleted_at.is_not(None),
)


def list_articles(store: Store, light: bool = False) -> list[ArticleInfo]:
    """Every article by id (see ``ArticleService.list``)."""
    head = (_a.id, _a.uid, _a.title, _a.outlet, _a.author, _a.url, _a.published, _a.language)
    tail = () if light else (sa.func.length(_a.text), _a.source_name, _a.source_format)
    tail += () if light else (_a.imported_at,)
    with store.session() as session:
        rows = session.execute(sa.select(*head, *tail).order_by(_a.id)).all()
    if light:
        return [ArticleInfo(*row, None, None, None, None) for row in rows]
    per_article = kind_counts(store)
    zero = dict.fromkeys(kind_registry.names(), 0)
    return [ArticleInfo(*row, counts=per_article.get(row[0], dict(zero))) for row in rows]


def kind_counts(
    store: Store, article_ids: Iterable[int] | None = None
) -> dict[int, dict[str, int]]:
    """Live, not rejected annotations per kind of ``article_ids`` (None: every article)."""
    query = (
        sa.select(_n.article_id, _n.kind, sa.func.count())
        .where(_n.deleted_at.is_(None), _n.status != "rejected")
        .group_by(_n.article_id, _n.kind)
    )
    wanted = None if article_ids is None else sorted(set(article_ids))
    if wanted is not None:
        query = query.where(_n.article_id.in_(wanted))
    zero = dict.fromkeys(kind_registry.names(), 0)
    result: dict[int, dict[str, int]] = {i: dict(zero) for i in wanted or ()}
    with store.session() as session:
        for article_id, kind, count in session.execute(query):
            result.setdefault(article_id, dict(zero))[kind] = count
    return result


def article_row(store: Store, article_id: int, text: bool = True) -> sa.Row[Any]:
    """One article's stored columns (attributes named as ``Article``'s), or NotFoundError."""
    columns = [c for c in ARTICLE.c if text or c.name != "text"]
    with store.session() as session:
        row = session.execute(sa.select(*columns).where(_a.id == article_id)).first()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}: check its number")
    return row


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise UserError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def annotations_query(
    article_id: int | None = None,
    analysts: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    include_deleted: bool = False,
) -> sa.Select[Any]:
    """The annotations that pass the filters, as AnnotationInfo columns, in text order."""
    query = sa.select(*ANNOTATION_COLUMNS).join_from(ANNOTATION, ANALYST, _n.analyst_id == _an.id)
    if article_id is not None:
        query = query.where(_n.article_id == article_id)
    if analysts:
        query = query.where(_an.name.in_(list(analysts)))
    if kinds:
        query = query.where(_n.kind.in_([kind_registry.check_kind(k) for k in kinds]))
    if statuses:
        query = query.where(_n.status.in_([check_status(s) for s in statuses]))
    if not include_deleted:
        query = query.where(_n.deleted_at.is_(None))
    return query.order_by(_n.article_id, _n.start_offset, _n.end_offset, _n.id)


def stream_annotations(store: Store, **filters: Any) -> Iterator[AnnotationInfo]:
    """Annotations in text order, a batch at a time as consumed (see ``annotations_query``)."""
    query = annotations_query(**filters).execution_options(yield_per=2000)
    with store.session() as session:
        for row in session.execute(query):
            yield AnnotationInfo(*row)


@contextmanager
def snapshot(store: Store) -> Iterator[sa.Connection]:
    """A connection whose reads all see the store as it was at the first of them (a count
    and then the rows it counted agree, whatever other writers do meanwhile)."""
    with store.engine.connect() as con:
        if store.is_sqlite:
            con.exec_driver_sql("BEGIN")  # the driver opens no transaction for reads
        else:
            con = con.execution_options(isolation_level="REPEATABLE READ")
        try:
            yield con
        finally:
            con.rollback()


def count_annotations(con: sa.Connection, **filters: Any) -> int:
    """How many annotations :func:`annotations_query` gives for ``filters``."""
    query = annotations_query(**filters).order_by(None).subquery()
    return int(con.execute(sa.select(sa.func.count()).select_from(query)).scalar_one())


def annotations_in(con: sa.Connection, **filters: Any) -> Iterator[AnnotationInfo]:
    """:func:`stream_annotations` read on ``con`` (see :func:`snapshot`)."""
    query = annotations_query(**filters).execution_options(yield_per=2000)
    for row in con.execute(query):
        yield AnnotationInfo(*row)


def raw_annotation_rows(
    store: Store, batch: int = 2000, **filters: Any
) -> Iterator[tuple[Any, ...]]:
    """The rows of :func:`annotations_query` as the SQLite driver gives them, a batch at
    a time: attributes as their JSON text, times as stored text (see
    ``cli/json_stream.annotation_json``). SQLAlchemy's per-row result handling and the
    records built from it cost more than the query itself for a whole store.

    SQLite only (other stores: :func:`stream_annotations`). The filters are checked now,
    before any row is read.
    """
    if not store.is_sqlite:
        raise ValueError("raw_annotation_rows reads SQLite stores only")
    query = annotations_query(**filters)
    return iter_driver_rows(store, query, batch)
