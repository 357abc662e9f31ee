"""The content of a briefing, gathered through the services and shaped for the reader.

Two analysts often tag the same span; the tables merge such duplicates (same article,
overlapping spans, same meaning) into one row naming both analysts, while the annotated
sources keep every annotation as its own comment. Figures are compared per measure by
the evidence model (claimant, as-of, interval): a change over time is never shown as a
disagreement, and one statement reported twice is one statement.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kursk_annotator.core.errors import NotFoundError, UserError
from kursk_annotator.core.evidence.claims import Speaker, claims_by_speaker
from kursk_annotator.core.evidence.comparison import ArticleRef, MeasureComparison, compare
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo, iso
from kursk_annotator.core.workspace import Workspace

_STATUS_RANK = {"accepted": 0, "pending": 1, "changes_requested": 2, "rejected": 3}
QUALIFIER_MARKS = {
    "approximately": "~",
    "over": ">",
    "under": "<",
    "at least": "≥",
    "up to": "≤",
    "exact": "",
}


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    article: ArticleInfo

    @property
    def bookmark(self) -> str:
        return f"source_{self.number}"

    @property
    def outlet(self) -> str | None:
        return self.article.outlet

    @property
    def label(self) -> str:
        """ "Outlet: title", or the title alone when the outlet is not known."""
        title = " ".join(self.article.title.split())
        return f"{self.outlet}: {title}" if self.outlet else title

    @property
    def date(self) -> str:
        return iso(self.article.published) or "n.d."

    @property
    def ref(self) -> str:
        return f"[{self.number}]"


@dataclass(slots=True)
class ArticleSection:
    source: Source
    text: str
    annotations: list[AnnotationInfo]


@dataclass(slots=True)
class PlaceRow:
    name: str
    mentions: int  # in the texts of the selected sources, tagged or not
    sources: list[Source]
    coordinates: tuple[float, float] | None
    number: int | None = None  # its number on the map page (places with coordinates)
    conflict: bool = False  # sources give positions too far apart to be one
    details: Any = None  # briefing_places.PlaceDetails


@dataclass(slots=True)
class BriefingData:
    options: BriefingOptions
    created: datetime
    sections: list[ArticleSection]
    initials: dict[str, str]
    articles_in_store: int
    analysts_in_store: list[str]
    # Key figures and Claims are built on the comparison (core.evidence), never on
    # identical free text: who claims a figure, as of when, one statement or many.
    figures: list[MeasureComparison] = field(default_factory=list)
    claims: list[Speaker] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    # annotation id -> its review thread (verdicts and comments), for the Word comments
    threads: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def annotations(self) -> Iterable[AnnotationInfo]:
        for section in self.sections:
            yield from section.annotations

    @property
    def annotation_count(self) -> int:
        return sum(len(s.annotations) for s in self.sections)

    def counts_by_kind(self) -> Counter[str]:
        return Counter(a.kind for a in self.annotations)

    def source_of(self, article_id: int) -> Source:
        return next(s.source for s in self.sections if s.source.article.id == article_id)

    def counts_by_source(self) -> list[tuple[Source, Counter[str]]]:
        return [(s.source, Counter(a.kind for a in s.annotations)) for s in self.sections]


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def value_label(attrs: dict[str, object]) -> str:
    low = format_number(attrs.get("value"))  # type: ignore[arg-type]
    high = format_number(attrs.get("value_max"))  # type: ignore[arg-type]
    return f"{low}–{high}" if low and high else low


def gather_briefing(workspace: Workspace, options: BriefingOptions) -> BriefingData:
    """Read everything the briefing needs, or raise a UserError naming what is missing."""
    options = options.checked()
    infos = workspace.articles.list()
    if not infos:
        raise UserError("nothing to export: there are no articles yet (import some first)")
    by_id = {a.id: a for a in infos}
    for article_id in options.article_ids:
        if article_id not in by_id:
            raise NotFoundError(f"no article with id {article_id}: check its number")
    known = workspace.analysts.all()
    initials = {a.name: a.initials for a in known}
    for name in options.analysts:
        if name not in initials:
            raise UserError(f"no analyst called {name!r}: check the spelling of the name")
    chosen = [by_id[i] for i in sorted(options.article_ids)] if options.article_ids else infos
    found = workspace.annotations.list(
        kinds=list(options.kinds) or None,
        statuses=list(options.statuses),
        analysts=list(options.analysts) or None,
    )
    per_article: dict[int, list[AnnotationInfo]] = defaultdict(list)
    for annotation in found:
        per_article[annotation.article_id].append(annotation)
    sections = [
        ArticleSection(
            Source(number, info),
            workspace.annotations.article_text(info.id),
            per_article.get(info.id, []),
        )
        for number, info in enumerate(chosen, start=1)
    ]
    if not any(s.annotations for s in sections):
        raise UserError(
            "nothing to export: no annotations match the selection "
            f"({_describe(options)}): choose more articles, kinds, statuses or analysts"
        )
    data = BriefingData(
        options=options,
        created=datetime.now(UTC),
        sections=sections,
        initials=initials,
        articles_in_store=len(infos),
        analysts_in_store=[a.name for a in known],
    )
    data.threads = workspace.reviews.threads(a.id for a in data.annotations)
    chosen_ids = {s.source.article.id for s in sections}
    in_scope = [a for a in found if a.article_id in chosen_ids]
    refs = {
        a.id: ArticleRef(a.id, a.published, a.outlet, a.title) for a in infos if a.id in chosen_ids
    }
    actors = workspace.evidence.actor_index()
    data.figures = [
        c
        for c in compare(
            [a for a in in_scope if a.kind == "figure"],
            [a for a in in_scope if a.kind == "claim"],
            refs,
            actors,
            workspace.evidence.measure_index(),
        )
    ]
    data.claims = claims_by_speaker([a for a in in_scope if a.kind == "claim"], refs, actors)
    # data.places: filled by the caller from core.export.briefing_places (which builds on
    # this module, so it cannot be imported from here without a cycle).
    return data


def _describe(options: BriefingOptions) -> str:
    parts = [
        f"{len(options.article_ids)} article(s)" if options.article_ids else "all articles",
        "kinds " + ", ".join(options.kinds_or_all),
        "status " + options.status,
    ]
    if options.analysts:
        parts.append("analysts " + ", ".join(options.analysts))
    return "; ".join(parts)


def _clusters(
    data: BriefingData, kind: str, key: Callable[[AnnotationInfo], Hashable]
) -> list[tuple[Source, list[AnnotationInfo]]]:
    """Annotations of ``kind`` per article, with the same key and overlapping spans merged."""
    out: list[tuple[Source, list[AnnotationInfo]]] = []
    for section in data.sections:
        by_key: dict[Hashable, list[AnnotationInfo]] = defaultdict(list)
        for a in section.annotations:  # already in text order
            if a.kind == kind:
                by_key[key(a)].append(a)
        for items in by_key.values():
            cluster: list[AnnotationInfo] = []
            end = -1
            for a in items:
                if cluster and a.start >= end:
                    out.append((section.source, cluster))
                    cluster = []
                end = max(end, a.end) if cluster else a.end
                cluster.append(a)
            if cluster:
                out.append((section.source, cluster))
    return out


def _best(cluster: list[AnnotationInfo]) -> AnnotationInfo:
    """The annotation a merged row shows: the most settled, then the most complete."""
    return min(cluster, key=lambda a: (_STATUS_RANK.get(a.status, 9), -len(a.attributes), a.id))


def _analysts(cluster: list[AnnotationInfo], initials: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({initials.get(a.analyst, a.analyst) for a in cluster}))


def _norm(value: object) -> str:
    return " ".join(str(value).split()).casefold() if value else ""
