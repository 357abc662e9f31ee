"""Suggestions for a stored article: what is still open, accepting and rejecting.

A suggestion is open for an analyst until they accept it (it becomes their pending
annotation, with the proposed attributes) or reject it (remembered in
``suggestion_rejection`` for that article and analyst). A span the analyst already
tagged with the same kind is not proposed again. The GUI and the CLI both go through
:class:`SuggestionService`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import Analyst, Annotation, SuggestionRejection
from kursk_annotator.core.services.annotations import AnnotationService
from kursk_annotator.core.store import Store
from kursk_annotator.core.suggest.model import SUGGESTION_KINDS, Suggestion

if TYPE_CHECKING:
    from kursk_annotator.core.suggest.actor import Actor

# Suggestion attribute -> annotation attribute, where the names differ.
_RENAMED = {"measure": ("measure", "counts")}


def check_suggestion_kinds(wanted: Iterable[str] | None) -> list[str]:
    """The kinds asked for, each one that suggestions exist for."""
    if wanted is None:
        return list(SUGGESTION_KINDS)
    out = []
    for kind in wanted:
        if kind not in SUGGESTION_KINDS:
            raise UserError(
                f"no suggestions for kind {kind!r}: use one of {', '.join(SUGGESTION_KINDS)}"
            )
        out.append(kind)
    return out


def annotation_attributes(suggestion: Suggestion) -> dict[str, Any]:
    """The suggestion's attributes that the kind's annotation model stores."""
    fields = set(kinds.get(suggestion.kind).model().model_fields)
    out: dict[str, Any] = {}
    for key, value in suggestion.attributes.items():
        for name in _RENAMED.get(key, (key,)):
            if name in fields:
                out[name] = value
                break
    return out


class _SpanCover:
    """Spans sorted by start with the running maximum of their ends: whether any overlaps
    [start, end) is one bisect, so filtering n suggestions against m tags is n log m."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        reach = -1
        for _, b in ordered:
            reach = max(reach, b)
            self.max_end.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect.bisect_left(self.starts, end) - 1  # spans starting before ``end``
        return last >= 0 and self.max_end[last] > start


class SuggestionService:
    def __init__(self, store: Store, annotations: AnnotationService) -> None:
        self.store = store
        self.annotations = annotations

    def actors(self) -> list[Actor]:
        """The store's actors (names, aliases, side): claims' speakers are matched to them."""
        from kursk_annotator.core.evidence.registry import EvidenceRegistry
        from kursk_annotator.core.suggest.actor import Actor

        return [
            Actor(a.name, tuple(a.aliases), a.side) for a in EvidenceRegistry(self.store).actors()
        ]

    def compute(self, article_id: int, kinds_: Iterable[str] | None = None) -> list[Suggestion]:
        """Every suggestion for the article's text, before rejections and tags."""
        from kursk_annotator.core.models import Article
        from kursk_annotator.core.suggest.engine import suggest

        wanted = check_suggestion_kinds(kinds_)
        with self.store.session() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise UserError(f"no article with id {article_id}: list them with 'articles'")
            text, published = article.text, article.published
        return suggest(text, article_date=published, kinds=wanted, actors=self.actors())

    def open_for(
        self, article_id: int, analyst: Analyst, kinds_: Iterable[str] | None = None
    ) -> list[Suggestion]:
        """Suggestions the analyst has neither rejected nor already tagged."""
        return self.filter_open(article_id, analyst, self.compute(article_id, kinds_))

    def filter_open(
        self, article_id: int, analyst: Analyst, found: Sequence[Suggestion]
    ) -> list[Suggestion]:
        rejected = self.rejected(article_id, analyst)
        tagged: dict[str, list[tuple[int, int]]] = {}
        if analyst.id is not None:
            with self.store.session() as session:
                rows = session.execute(
                    sa.select(Annotation.kind, Annotation.start_offset, Annotation.end_offset)
                    .where(Annotation.article_id == article_id)
                    .where(Annotation.analyst_id == analyst.id)
                    .where(Annotation.deleted_at.is_(None))  # type: ignore[union-attr]
                )
                for kind, start, end in rows:
                    tagged.setdefault(kind, []).append((start, end))
        covered = {kind: _SpanCover(spans) for kind, spans in tagged.items()}
        out = []
        for s in found:
            if s.key in rejected:
                continue
            cover = covered.get(s.kind)
            if cover is not None and cover.overlaps(s.start, s.end):
                continue
            out.append(s)
        return out

    def rejected(self, article_id: int, analyst: Analyst) -> set[tuple[str, int, int]]:
        if analyst.id is None:
            return set()
        with self.store.session() as session:
            rows = session.execute(
                sa.select(
                    SuggestionRejection.kind,
                    SuggestionRejection.start_offset,
                    SuggestionRejection.end_offset,
                )
                .where(SuggestionRejection.article_id == article_id)
                .where(SuggestionRejection.analyst_id == analyst.id)
            )
            return {(k, s, e) for k, s, e in rows}

    def reject(self, article_id: int, analyst: Analyst, suggestion: Suggestion) -> None:
        """Remember that ``analyst`` rejected ``suggestion`` in this article."""
        if suggestion.key in self.rejected(article_id, analyst):
            return
        with self.store.transaction() as session:
            session.add(
                SuggestionRejection(
                    article_id=article_id,
                    analyst_id=analyst.id or 0,
                    kind=suggestion.kind,
                    start_offset=suggestion.start,
                    end_offset=suggestion.end,
                    quote=suggestion.quote,
                )
            )

    def forget_rejections(self, article_id: int, analyst: Analyst) -> int:
        """Propose everything again in this article; how many rejections were dropped."""
        with self.store.transaction() as session:
            result = session.execute(
                sa.delete(SuggestionRejection)
                .where(SuggestionRejection.article_id == article_id)
                .where(SuggestionRejection.analyst_id == analyst.id)
            )
            return int(result.rowcount or 0)

    def accept(
        self,
        article_id: int,
        analyst: Analyst,
        suggestions: Sequence[Suggestion],
        attributes: dict[str, Any] | None = None,
    ) -> int:
        """Store the suggestions as the analyst's pending annotations, in one
        transaction; ``attributes`` (one suggestion: edited in the inspector) replace
        the proposed ones. Returns how many were stored."""
        items = []
        for s in suggestions:
            proposed = annotation_attributes(s) if attributes is None else attributes
            items.append(
                {
                    "kind": s.kind,
                    "start": s.start,
                    "end": s.end,
                    "attributes": proposed,
                    "note": "",
                    "status": "pending",
                }
            )
        return self.annotations.bulk_create(article_id, items, analyst)
