"""What the comparison reads of a store, in one query per table, through the driver.

The Figures view and ``figures`` compare every figure and claim of the library: reading
them as full annotation records through SQLAlchemy's result handling cost several times
the comparison itself on 10,000 figures. The comparison needs nine columns of each
annotation and four of each article; they are read here as the database driver returns
them (the JSON attributes parsed once), in the order ``AnnotationService.list`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from kursk_annotator.core.driver_rows import driver_rows
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.reports import ArticleRef
from kursk_annotator.core.models import STATUSES, Analyst, Annotation, Article
from kursk_annotator.core.store import Store

_A = Annotation.__table__.c  # type: ignore[attr-defined]
_AN = Analyst.__table__.c  # type: ignore[attr-defined]
_AR = Article.__table__.c  # type: ignore[attr-defined]


@dataclass(slots=True)
class Tag:
    """An annotation as the comparison reads it (the fields it shares with
    ``AnnotationInfo``, under the same names)."""

    id: int
    article_id: int
    kind: str
    start: int
    end: int
    quote: str
    attributes: dict[str, Any]
    analyst: str
    status: str


def read_tags(
    store: Store,
    kinds: Sequence[str] = ("figure", "claim"),
    statuses: Sequence[str] | None = None,
    analysts: Sequence[str] | None = None,
    ids: Sequence[int] | None = None,
    article_ids: Sequence[int] | None = None,
    measures: Sequence[Any] | None = None,
) -> list[Tag]:
    """Live annotations of ``kinds`` in text order (article, start, end, id); with
    ``ids`` or ``article_ids``, only those annotations or those of these articles; with
    ``measures``, only figures whose measure is tagged with one of these names (as
    ``read_measure_counts`` gives them: None for none)."""
    query = (
        sa.select(
            _A.id,
            _A.article_id,
            _A.kind,
            _A.start_offset,
            _A.end_offset,
            _A.quote,
            _A.attributes,
            _AN.name,
            _A.status,
        )
        .join_from(Annotation, Analyst, _A.analyst_id == _AN.id)
        .where(_A.deleted_at.is_(None), _A.kind.in_(list(kinds)))
    )
    query = _filtered(query, statuses, analysts)
    if ids is not None:
        query = query.where(_A.id.in_(sorted(set(ids))))
    if article_ids is not None:
        query = query.where(_A.article_id.in_(sorted(set(article_ids))))
    if measures is not None:
        query = query.where(_named(_attribute(store, "counts"), measures))
    query = query.order_by(_A.article_id, _A.start_offset, _A.end_offset, _A.id)
    loads = json.loads
    return [
        Tag(i, article, kind, start, end, quote,
            loads(attrs) if type(attrs) is str else attrs or {}, analyst, status)
        for i, article, kind, start, end, quote, attrs, analyst, status in driver_rows(store, query)
    ]  # fmt: skip


def _filtered(query: Any, statuses: Sequence[str] | None, analysts: Sequence[str] | None) -> Any:
    if statuses:
        for status in statuses:
            if status not in STATUSES:
                raise UserError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        query = query.where(_A.status.in_(list(statuses)))
    if analysts:
        query = query.where(_AN.name.in_(list(analysts)))
    return query


def _attribute(store: Store, name: str) -> Any:
    """An attribute's text in SQL, its path written out (the driver is given no JSON path
    parameter to convert): SQLite's json_extract, PostgreSQL's ->>."""
    if store.engine.dialect.name == "postgresql":
        return _A.attributes.op("->>")(sa.literal_column(f"'{name}'"))
    return sa.func.json_extract(_A.attributes, sa.literal_column(f"'$.{name}'"))


def _named(measure: Any, names: Sequence[Any]) -> Any:
    """The measure expression is one of ``names`` (None: not tagged)."""
    given = sorted({n for n in names if n is not None}, key=str)
    clauses = [measure.in_(given)] if given else []
    if len(given) < len(names) or not names:
        clauses.append(measure.is_(None))
    return sa.or_(*clauses)


def _claimant_key(store: Store) -> Any:
    """Who a figure counts for when ordering the measures: its claimant as given, else
    its article (each article's unattributed figures one claimant, as the comparison's
    default of the outlet makes them), as text that no claimant's name starts with."""
    article = sa.literal("\x1farticle ") + sa.cast(_A.article_id, sa.String)
    return sa.func.coalesce(sa.func.nullif(_attribute(store, "claimant"), ""), article)


def _figures(query: Any, statuses: Sequence[str] | None, analysts: Sequence[str] | None) -> Any:
    query = query.where(_A.kind == "figure", _A.deleted_at.is_(None))
    if analysts:
        query = query.join_from(Annotation, Analyst, _A.analyst_id == _AN.id)
    return _filtered(query, statuses, analysts)


def read_measure_counts(
    store: Store,
    statuses: Sequence[str] | None = None,
    analysts: Sequence[str] | None = None,
) -> list[tuple[Any, int, int]]:
    """(measure as tagged, live figures, distinct claimants) per measure name as tagged:
    counted by the database from the index on measure and claimant (migration 0010,
    SQLite), without reading a figure."""
    measure = _attribute(store, "counts")
    query = sa.select(
        measure, sa.func.count(), sa.func.count(sa.distinct(_claimant_key(store)))
    ).group_by(measure)
    return driver_rows(store, _figures(query, statuses, analysts))


def read_measure_claimants(
    store: Store,
    names: Sequence[Any],
    statuses: Sequence[str] | None = None,
    analysts: Sequence[str] | None = None,
) -> list[Any]:
    """The distinct claimants (as ``read_measure_counts`` counts them) of the figures
    whose measure is tagged with one of ``names``: for a measure tagged under several
    names, whose claimant counts cannot be added."""
    query = sa.select(_claimant_key(store)).distinct()
    query = query.where(_named(_attribute(store, "counts"), names))
    return [row[0] for row in driver_rows(store, _figures(query, statuses, analysts))]


def read_articles(store: Store) -> dict[int, ArticleRef]:
    """Every article's id, date, outlet and title."""
    query = sa.select(_AR.id, _AR.published, _AR.outlet, _AR.title).order_by(_AR.id)
    out = {}
    for i, published, outlet, title in driver_rows(store, query):
        if isinstance(published, str):  # SQLite keeps dates as ISO text
            published = date.fromisoformat(published[:10])
        out[i] = ArticleRef(i, published, outlet, title)
    return out
