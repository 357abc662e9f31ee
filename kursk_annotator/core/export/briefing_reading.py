"""What a briefing reads of the store, part by part, all in one read snapshot.

A briefing of 1,000 articles and 100,000 annotations used to read every annotation as a
full record before writing anything (116 MiB at 66,700 annotations). Here each part of
the document reads what it shows when it is written: the counts of the cover and the
summary as one SQL aggregate, an article's annotations and their review threads when its
annotated text is written, a kind's annotations article by article for its table. The
evidence comparison (Key figures, Claims) reads figures and claims as compact records
(``evidence.reading.Tag``: nine columns, no dates, notes or context).

Every read goes through one connection holding a read snapshot (``listings.snapshot``):
the summary's counts, the tables and the annotated texts agree with each other whatever
other analysts change while the export runs.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kursk_annotator.core.errors import NotFoundError
from kursk_annotator.core.evidence.reading import Tag
from kursk_annotator.core.listings import (
    ANALYST,
    ANNOTATION,
    ANNOTATION_COLUMNS,
    ARTICLE,
    check_status,
    snapshot,
)
from kursk_annotator.core.models import Review
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo
from kursk_annotator.core.services.reviews import ReviewInfo
from kursk_annotator.core.store import Store

_n = ANNOTATION.c
_an = ANALYST.c
_a = ARTICLE.c
_R = Review.__table__  # type: ignore[attr-defined]
_r = _R.c


@dataclass(frozen=True, slots=True)
class Tally:
    """How many annotations of the selection one article has of one kind, status and
    analyst (a row of the aggregate every count of the briefing is summed from)."""

    article_id: int
    kind: str
    status: str
    analyst: str
    count: int


class BriefingReader:
    """Reads for one briefing on one snapshot; :meth:`close` ends the snapshot."""

    def __init__(
        self,
        store: Store,
        kinds: Sequence[str] = (),
        statuses: Sequence[str] = (),
        analysts: Sequence[str] = (),
    ) -> None:
        self.kinds = list(kinds)
        self.statuses = [check_status(s) for s in statuses]
        self.analysts = list(analysts)
        self._stack = contextlib.ExitStack()
        self.con: sa.Connection = self._stack.enter_context(snapshot(store))

    def close(self) -> None:
        self._stack.close()

    def _filtered(self, query: sa.Select[Any], kinds: Sequence[str] | None = None) -> Any:
        """``query`` (joined to the analyst) limited to the briefing's selection."""
        query = query.where(_n.deleted_at.is_(None))
        kinds = self.kinds if kinds is None else kinds
        if kinds:
            query = query.where(_n.kind.in_(list(kinds)))
        if self.statuses:
            query = query.where(_n.status.in_(self.statuses))
        if self.analysts:
            query = query.where(_an.name.in_(self.analysts))
        return query

    def articles(self) -> list[ArticleInfo]:
        """Every article by id, with what a briefing shows of it (no text, no counts)."""
        query = sa.select(
            _a.id, _a.uid, _a.title, _a.outlet, _a.author, _a.url, _a.published, _a.language,
            _a.source_name,
        ).order_by(_a.id)  # fmt: skip
        return [ArticleInfo(*row[:8], None, row[8], None, None) for row in self.con.execute(query)]

    def tallies(self) -> list[Tally]:
        """The selection counted per article, kind, status and analyst (one aggregate)."""
        query = sa.select(_n.article_id, _n.kind, _n.status, _an.name, sa.func.count()).join_from(
            ANNOTATION, ANALYST, _n.analyst_id == _an.id
        )
        query = self._filtered(query).group_by(_n.article_id, _n.kind, _n.status, _an.name)
        return [Tally(*row) for row in self.con.execute(query)]

    def text(self, article_id: int) -> str:
        text = self.con.execute(sa.select(_a.text).where(_a.id == article_id)).scalar()
        if text is None:
            raise NotFoundError(f"no article with id {article_id}: check its number")
        return text

    def annotations(
        self, article_id: int, kinds: Sequence[str] | None = None
    ) -> list[AnnotationInfo]:
        """One article's annotations of the selection (or of ``kinds``), in text order."""
        query = sa.select(*ANNOTATION_COLUMNS).join_from(
            ANNOTATION, ANALYST, _n.analyst_id == _an.id
        )
        query = self._filtered(query.where(_n.article_id == article_id), kinds)
        query = query.order_by(_n.start_offset, _n.end_offset, _n.id)
        return [AnnotationInfo(*row) for row in self.con.execute(query)]

    def threads(self, article_id: int, ids: Sequence[int]) -> dict[int, list[ReviewInfo]]:
        """The review threads of the annotations ``ids`` of one article: id -> entries in
        the order they were written (as ``ReviewService.threads``)."""
        if not ids:
            return {}
        wanted = set(ids)
        query = (
            sa.select(
                _r.id, _r.annotation_id, _an.name, _r.verdict, _r.text, _r.parent_id,
                _r.created_at,
            )
            .join_from(_R, ANNOTATION, _r.annotation_id == _n.id)
            .join(ANALYST, _r.analyst_id == _an.id)
            .where(_n.article_id == article_id)
            .order_by(_r.id)
        )  # fmt: skip
        found: dict[int, list[ReviewInfo]] = defaultdict(list)
        for row in self.con.execute(query):
            if row[1] in wanted:
                found[row[1]].append(ReviewInfo(*row))
        return dict(found)

    def tags(self, kind: str, article_ids: Sequence[int] | None = None) -> list[Tag]:
        """The selection's annotations of ``kind`` as the evidence comparison reads them,
        in text order; with ``article_ids``, only those of these articles."""
        query = sa.select(
            _n.id, _n.article_id, _n.kind, _n.start_offset, _n.end_offset, _n.quote,
            _n.attributes, _an.name, _n.status,
        ).join_from(ANNOTATION, ANALYST, _n.analyst_id == _an.id)  # fmt: skip
        query = self._filtered(query, [kind]).order_by(
            _n.article_id, _n.start_offset, _n.end_offset, _n.id
        )
        return [
            Tag(*row[:6], row[6] or {}, *row[7:]) for row in self._in_articles(query, article_ids)
        ]

    def _in_articles(self, query: Any, article_ids: Sequence[int] | None) -> Iterator[Any]:
        """The rows of ``query`` (in article order), only of ``article_ids`` when given:
        a few hundred ids at a time (SQLite's limit on bound parameters)."""
        if article_ids is None:
            yield from self.con.execute(query)
            return
        ids = sorted(set(article_ids))
        for i in range(0, len(ids), 500):
            yield from self.con.execute(query.where(_n.article_id.in_(ids[i : i + 500])))
