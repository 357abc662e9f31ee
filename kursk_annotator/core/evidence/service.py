"""Gather what the comparison needs from a store, for the CLI, the views and the briefing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kursk_annotator.core.cycle_collection import without_cycle_collection
from kursk_annotator.core.evidence.claims import Speaker, claims_by_speaker
from kursk_annotator.core.evidence.comparison import (
    ArticleRef,
    MeasureComparison,
    build_reports,
    compare,
    compare_measure,
)
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND
from kursk_annotator.core.evidence.reading import (
    Tag,
    read_articles,
    read_measure_claimants,
    read_measure_counts,
    read_tags,
)
from kursk_annotator.core.evidence.registry import ActorInfo, MeasureInfo, NameIndex
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
    about the order of ``figures_report``) compared. ``compare_listed`` compares any
    other listed measure alone; ``figures_report`` gives them all."""

    measures: list[str | None]
    first: MeasureComparison | None
    titles: dict[int, str]
    names: dict[str | None, list[Any]] = field(default_factory=dict)  # as tagged
    unnamed: list[Any] = field(default_factory=list)  # names that name no measure
    articles: dict[int, ArticleRef] = field(default_factory=dict)
    # The records names resolve through, read once for every measure compared alone.
    actors: NameIndex[ActorInfo] = field(default_factory=lambda: NameIndex([]))
    measure_records: NameIndex[MeasureInfo] = field(default_factory=lambda: NameIndex([]))


def figures_overview(
    ws: Workspace,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
    band: float = DEFAULT_BAND,
) -> FiguresOverview:
    """The measures, ordered by the claimants given and figures tagged (what comparing
    them would count), and the first measure compared. The database counts the figures
    per measure; only the first measure's figures are read: the view opens at once
    whatever the library's size."""
    statuses, analysts = list(statuses), list(analysts or []) or None
    with without_cycle_collection():
        overview = _measure_list(ws, statuses, analysts)
        if overview.measures:
            overview.first = compare_listed(
                ws, overview, overview.measures[0], statuses, analysts, band
            )
        return overview


def _measure_list(
    ws: Workspace, statuses: list[str], analysts: list[str] | None
) -> FiguresOverview:
    measures = ws.evidence.measure_index()
    keys = ReportBuilder((), {}, NameIndex([]), measures).measure_key
    # norm -> [measure, names as tagged, figures, claimants]
    tally: dict[str, list[Any]] = {}
    for name, figures, claimants in read_measure_counts(ws.store, statuses, analysts):
        key, norm = keys(name)
        entry = tally.get(norm)
        if entry is None:
            tally[norm] = [key, [name], figures, claimants]
        else:  # one measure tagged under several names: its claimants counted again below
            entry[1].append(name)
            entry[2] += figures
    for entry in tally.values():
        if len(entry[1]) > 1:
            entry[3] = len(set(read_measure_claimants(ws.store, entry[1], statuses, analysts)))
    order = sorted(
        tally.values(), key=lambda e: (e[0] is None, -e[3], -e[2], (e[0] or "").casefold())
    )
    articles = read_articles(ws.store)
    return FiguresOverview(
        [e[0] for e in order],
        None,
        {a.id: a.title for a in articles.values()},
        {e[0]: e[1] for e in order},
        tally[""][1] if "" in tally else [],
        articles,
        ws.evidence.actor_index(),
        measures,
    )


def compare_listed(
    ws: Workspace,
    overview: FiguresOverview,
    measure: str | None,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
    band: float = DEFAULT_BAND,
) -> MeasureComparison | None:
    """One listed measure compared alone, exactly as ``figures_report`` compares it: its
    figures, and where a figure leaves the measure out, every figure of that article
    (it joins the one named figure its span overlaps); claims only of the articles
    where a figure names no claimant (the speaker of a claim around it is the one)."""
    names = overview.names.get(measure)
    if names is None:
        return None
    store, statuses, analysts = ws.store, list(statuses), list(analysts or []) or None

    def figures_of(**where: Any) -> list[Tag]:
        return read_tags(store, ["figure"], statuses, analysts, **where)

    figures = figures_of(measures=names)
    loose: Sequence[Tag] = figures if measure is None else []
    if measure is not None and overview.unnamed:
        where = {f.article_id for f in figures}
        loose = figures_of(measures=overview.unnamed, article_ids=where) if where else []
    if loose:
        touched = {t.article_id for t in loose}
        figures = [f for f in figures if f.article_id not in touched]
        figures += figures_of(article_ids=touched)
        figures.sort(key=lambda t: (t.article_id, t.start, t.end, t.id))  # as read at once
    unattributed = {f.article_id for f in figures if not f.attributes.get("claimant")}
    claims = (
        read_tags(store, ["claim"], statuses, analysts, article_ids=unattributed)
        if unattributed
        else []
    )
    with without_cycle_collection():
        built = build_reports(
            figures, claims, overview.articles, overview.actors, overview.measure_records, band
        )
        return compare_measure(built[measure]) if measure in built else None


def speakers_report(
    ws: Workspace,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    analysts: Sequence[str] | None = None,
) -> list[Speaker]:
    claims = read_tags(
        ws.store, kinds=["claim"], statuses=list(statuses), analysts=list(analysts or []) or None
    )
    return claims_by_speaker(claims, article_refs(ws), ws.evidence.actor_index())
