"""Gather what the comparison needs from a store, for the CLI, the views and the briefing."""

from __future__ import annotations

from collections.abc import Sequence

from kursk_annotator.core.evidence.claims import Speaker, claims_by_speaker
from kursk_annotator.core.evidence.comparison import ArticleRef, MeasureComparison, compare
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.workspace import Workspace

DEFAULT_STATUSES = ("pending", "accepted", "changes_requested")  # rejected ones aside


def article_refs(ws: Workspace) -> dict[int, ArticleRef]:
    return {a.id: ArticleRef(a.id, a.published, a.outlet, a.title) for a in ws.articles.list()}


def compare_annotations(
    ws: Workspace,
    annotations: Sequence[AnnotationInfo],
    articles: dict[int, ArticleRef] | None = None,
    band: float = DEFAULT_BAND,
) -> list[MeasureComparison]:
    return compare(
        [a for a in annotations if a.kind == "figure"],
        [a for a in annotations if a.kind == "claim"],
        articles if articles is not None else article_refs(ws),
        ws.evidence.actor_index(),
        ws.evidence.measure_index(),
        band,
    )


def figures_report(
    ws: Workspace,
    measure: str | None = None,
    article_id: int | None = None,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
    band: float = DEFAULT_BAND,
) -> list[MeasureComparison]:
    """Every measure compared across the store; ``measure`` keeps one, ``article_id`` the
    measures that article reports (compared with every other article)."""
    wanted = ws.evidence.measure(measure).name if measure else None
    if article_id is not None:
        ws.articles.get(article_id)
    found = ws.annotations.list(
        kinds=["figure", "claim"], statuses=list(statuses), analysts=list(analysts or []) or None
    )
    result = compare_annotations(ws, found, band=band)
    if wanted is not None:
        result = [c for c in result if c.measure == wanted]
    if article_id is not None:
        result = [c for c in result if any(r.article_id == article_id for r in c.reports)]
    return result


def speakers_report(
    ws: Workspace,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
) -> list[Speaker]:
    claims = ws.annotations.list(
        kinds=["claim"], statuses=list(statuses), analysts=list(analysts or []) or None
    )
    return claims_by_speaker(claims, article_refs(ws), ws.evidence.actor_index())
