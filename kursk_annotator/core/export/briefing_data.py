"""The content of a briefing, gathered through the services and shaped for the reader.

Two analysts often tag the same span; the tables merge such duplicates (same article,
overlapping spans, same meaning) into one row naming both analysts, while the annotated
sources keep every annotation as its own comment. Figures are compared per measure by
the evidence model (claimant, as-of, interval): a change over time is never shown as a
disagreement, and one statement reported twice is one statement.

What is gathered up front is small whatever the store's size: the sources, the counts
(one SQL aggregate), the comparison of figures and claims (built from compact records)
and the places. The annotations themselves are read when the part of the document that
shows them is written (``briefing_reading``): an article's when its annotated text is
written, a kind's article by article for its table. Close the data (or use it as a
context manager) when the document is written: its reads share one read snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kursk_annotator.core.errors import NotFoundError, UserError
from kursk_annotator.core.evidence.claims import Speaker, claims_by_speaker
from kursk_annotator.core.evidence.comparison import ArticleRef, MeasureComparison, compare
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.export.briefing_reading import BriefingReader, Tally
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo, iso
from kursk_annotator.core.services.reviews import ReviewInfo
from kursk_annotator.core.workspace import Workspace


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
    """One source of the briefing: its number, what it has of each kind in the selection,
    and (read from the store each time they are asked for) its text and annotations."""

    source: Source
    counts: Counter[str] = field(default_factory=Counter)  # annotations of the selection
    reader: BriefingReader | None = field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def text(self) -> str:
        assert self.reader is not None
        return self.reader.text(self.source.article.id)

    @property
    def annotations(self) -> list[AnnotationInfo]:
        """The article's annotations in the selection, in text order (read now)."""
        if not self.count:
            return []
        assert self.reader is not None
        return self.reader.annotations(self.source.article.id)

    def of_kind(self, kind: str) -> list[AnnotationInfo]:
        """The article's annotations of ``kind`` in the selection, in text order."""
        if not self.counts.get(kind):
            return []
        assert self.reader is not None
        return self.reader.annotations(self.source.article.id, [kind])

    def threads(self, annotations: Iterable[AnnotationInfo]) -> dict[int, list[ReviewInfo]]:
        """The review threads of ``annotations`` (of this article): id -> entries."""
        if self.reader is None:
            return {}
        return self.reader.threads(self.source.article.id, [a.id for a in annotations])


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
    # The selection counted per article, kind, status and analyst: every count shown.
    tallies: list[Tally] = field(default_factory=list)
    reader: BriefingReader | None = field(default=None, repr=False, compare=False)
    _sources: dict[int, Source] = field(default_factory=dict, repr=False, compare=False)

    def __enter__(self) -> BriefingData:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the read snapshot the sections read from."""
        if self.reader is not None:
            self.reader.close()

    @property
    def annotations(self) -> Iterator[AnnotationInfo]:
        """Every annotation of the selection, article by article (read as it goes)."""
        for section in self.sections:
            yield from section.annotations

    def of_kind(self, kind: str) -> Iterator[tuple[Source, AnnotationInfo]]:
        """The annotations of ``kind`` with their sources, in source and text order, one
        article's read at a time."""
        for section in self.sections:
            for annotation in section.of_kind(kind):
                yield section.source, annotation

    @property
    def annotation_count(self) -> int:
        return sum(t.count for t in self.tallies)

    def counts_by_kind(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for t in self.tallies:
            counts[t.kind] += t.count
        return counts

    def counts_by_status(self) -> dict[str, Counter[str]]:
        """kind -> status -> annotations."""
        counts: dict[str, Counter[str]] = {}
        for t in self.tallies:
            counts.setdefault(t.kind, Counter())[t.status] += t.count
        return counts

    def analysts_of(self, kind: str) -> set[str]:
        """The names of the analysts who tagged ``kind`` in the selection."""
        return {t.analyst for t in self.tallies if t.kind == kind}

    def source_of(self, article_id: int) -> Source:
        if not self._sources:
            self._sources = {s.source.article.id: s.source for s in self.sections}
        return self._sources[article_id]

    def counts_by_source(self) -> list[tuple[Source, Counter[str]]]:
        return [(s.source, s.counts) for s in self.sections]


def gather_briefing(workspace: Workspace, options: BriefingOptions) -> BriefingData:
    """Read what the briefing needs up front, or raise a UserError naming what is missing.

    The data reads the sections' annotations later, on the same read snapshot: close it
    when done (``with gather_briefing(...) as data:``)."""
    options = options.checked()
    reader = BriefingReader(workspace.store, options.kinds, options.statuses, options.analysts)
    try:
        return _gather(workspace, options, reader)
    except BaseException:
        reader.close()
        raise


def _gather(workspace: Workspace, options: BriefingOptions, reader: BriefingReader) -> BriefingData:
    infos = reader.articles()
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
    chosen_ids = {info.id for info in chosen}
    tallies = [t for t in reader.tallies() if t.article_id in chosen_ids]
    per_article: dict[int, Counter[str]] = {}
    for t in tallies:
        per_article.setdefault(t.article_id, Counter())[t.kind] += t.count
    sections = [
        ArticleSection(Source(number, info), per_article.get(info.id, Counter()), reader)
        for number, info in enumerate(chosen, start=1)
    ]
    if not tallies:
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
        tallies=tallies,
        reader=reader,
    )
    refs = {
        a.id: ArticleRef(a.id, a.published, a.outlet, a.title) for a in infos if a.id in chosen_ids
    }
    # Figures and claims as compact records (no dates, notes or context): the comparison
    # holds every one of them at once.
    kinds = options.kinds_or_all
    scope = sorted(chosen_ids) if options.article_ids else None
    figures = reader.tags("figure", scope) if "figure" in kinds else []
    claims = reader.tags("claim", scope) if "claim" in kinds else []
    actors = workspace.evidence.actor_index()
    data.figures = compare(figures, claims, refs, actors, workspace.evidence.measure_index())
    del figures
    data.claims = claims_by_speaker(claims, refs, actors)
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
