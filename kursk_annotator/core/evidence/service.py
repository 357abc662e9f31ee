"""Gather what the comparison needs from a store, for the CLI, the views and the briefing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kursk_annotator.core.evidence.claims import Speaker, claims_by_speaker
from kursk_annotator.core.evidence.comparison import (
    ArticleRef,
    MeasureComparison,
    build_reports,
    compare,
    compare_measure,
    without_cycle_collection,
)
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND
from kursk_annotator.core.evidence.reading import read_articles, read_figure_index, read_tags
from kursk_annotator.core.evidence.registry import NameIndex
from kursk_annotator.core.evidence.reports import ReportBuilder
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.workspace import Workspace

DEFAULT_STATUSES = ("pending", "accepted", "changes_requested")  # rejected ones aside


def article_refs(ws: Workspace) -> dict[int, ArticleRef]:
    return read_articles(ws.store)


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
    tags = read_tags(ws.store, statuses=list(statuses), analysts=list(analysts or []) or None)
    result = compare(
        [t for t in tags if t.kind == "figure"],
        [t for t in tags if t.kind == "claim"],
        read_articles(ws.store),
        ws.evidence.actor_index(),
        ws.evidence.measure_index(),
        band,
    )
    if wanted is not None:
        result = [c for c in result if c.measure == wanted]
    if article_id is not None:
        result = [c for c in result if any(r.article_id == article_id for r in c.reports)]
    return result


@dataclass(slots=True)
class FiguresOverview:
    """What the Figures view shows first: every measure's name, and the first one (in
    about the order of ``figures_report``) compared. ``figures_report`` gives the rest."""

    measures: list[str | None]
    first: MeasureComparison | None
    titles: dict[int, str]


def figures_overview(
    ws: Workspace,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
    band: float = DEFAULT_BAND,
) -> FiguresOverview:
    """The measures, ordered by the claimants given and figures tagged (what comparing
    them would count), and the first measure's figures read and compared: a fraction of
    the store read, so the view opens at once whatever the library's size."""
    with without_cycle_collection():  # 10,000 rows read, no cycle among them
        return _figures_overview(ws, list(statuses), list(analysts or []) or None, band)


def _figures_overview(
    ws: Workspace, statuses: list[str], analysts: list[str] | None, band: float
) -> FiguresOverview:
    index = read_figure_index(ws.store, statuses, analysts)
    measures = ws.evidence.measure_index()
    keys = ReportBuilder((), {}, NameIndex([]), measures).measure_key
    tally: dict[str, tuple[str | None, list[int], set[Any], set[int]]] = {}
    for i, article, counts, claimant in index:
        key, norm = keys(counts)
        entry = tally.get(norm)
        if entry is None:
            entry = tally[norm] = (key, [], set(), set())
        entry[1].append(i)
        entry[2].add(claimant if claimant else article)  # no claimant: its article's
        entry[3].add(article)
    order = sorted(
        tally.values(),
        key=lambda e: (e[0] is None, -len(e[2]), -len(e[1]), (e[0] or "").casefold()),
    )
    articles = read_articles(ws.store)
    first = None
    if order:
        key, ids, _claimants, where = order[0]
        unnamed = tally.get("", (None, [], set(), set()))[1] if key is not None else []
        figures = read_tags(ws.store, ["figure"], statuses, analysts, ids=ids + unnamed)
        claims = read_tags(ws.store, ["claim"], statuses, analysts, article_ids=sorted(where))
        built = build_reports(figures, claims, articles, ws.evidence.actor_index(), measures, band)
        if key in built:
            first = compare_measure(built[key])
    return FiguresOverview([e[0] for e in order], first, {a.id: a.title for a in articles.values()})


def speakers_report(
    ws: Workspace,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
) -> list[Speaker]:
    claims = read_tags(
        ws.store, kinds=["claim"], statuses=list(statuses), analysts=list(analysts or []) or None
    )
    return claims_by_speaker(claims, article_refs(ws), ws.evidence.actor_index())
