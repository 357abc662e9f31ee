"""Canonical places across the library, from the place tags and the texts themselves.

A place's key is its gazetteer entry when the shared gazetteer (``core.gazetteer``) knows
its canonical name, else that name (or the quote), normalised. Its mentions are every
tagged span plus every untagged occurrence of one of its names in any text (the
gazetteer's spellings and case forms, and the spellings analysts tagged), so a place
named 25 times and tagged twice counts 25 mentions. Coordinates given for one place that
lie more than :data:`CONFLICT_KM` apart are all kept and flagged as a conflict, never
averaged or silently dropped.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.gazetteer import Gazetteer, Place, load_gazetteer
from kursk_annotator.core.places.names import (
    NameMatcher,
    names_an_event,
    norm_name,
    spelled_variants,
)
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo
from kursk_annotator.core.workspace import Workspace

CONFLICT_KM = 2.0
SHOWN_STATUSES = ("pending", "accepted", "changes_requested")


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class CoordinateSource:
    """One position given for a place, and who gave it."""

    latitude: float
    longitude: float
    origin: str  # "tag" or "gazetteer"
    annotation_ids: list[int] = field(default_factory=list)
    analysts: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "origin": self.origin,
            "annotations": list(self.annotation_ids),
            "analysts": sorted(set(self.analysts)),
        }


@dataclass(slots=True)
class Mention:
    article_id: int
    start: int
    end: int
    text: str
    annotation_ids: list[int] = field(default_factory=list)  # empty: named, not tagged


@dataclass(slots=True)
class PlaceRecord:
    key: str
    name: str
    variants: set[str] = field(default_factory=set)
    coordinates: list[CoordinateSource] = field(default_factory=list)
    tags: list[AnnotationInfo] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None  # the gazetteer's entry, when it knows the place

    @property
    def position(self) -> tuple[float, float] | None:
        """(latitude, longitude) the map uses: the one most tags give (tags over the
        gazetteer); the others stay in ``coordinates`` and set ``conflict``."""
        if not self.coordinates:
            return None
        best = max(
            self.coordinates,
            key=lambda c: (c.origin == "tag", len(c.annotation_ids)),
        )
        return best.latitude, best.longitude

    @property
    def conflict(self) -> bool:
        return len(self.coordinates) > 1

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    @property
    def article_ids(self) -> list[int]:
        return sorted({m.article_id for m in self.mentions} | {t.article_id for t in self.tags})

    @property
    def report_count(self) -> int:
        """Articles that mention the place: each article is one report."""
        return len(self.article_ids)

    @property
    def status(self) -> str:
        """The review state of the place's tags, the least settled first."""
        statuses = {t.status for t in self.tags}
        for status in ("changes_requested", "pending", "accepted"):
            if status in statuses:
                return status
        return "untagged"

    def as_json(self) -> dict[str, Any]:
        pos = self.position
        return {
            "name": self.name,
            "latitude": pos[0] if pos else None,
            "longitude": pos[1] if pos else None,
            "coordinate_conflict": self.conflict,
            "coordinates": [c.as_json() for c in self.coordinates],
            "mentions": self.mention_count,
            "tagged_mentions": sum(1 for m in self.mentions if m.annotation_ids),
            "reports": self.report_count,
            "articles": self.article_ids,
            "tags": len(self.tags),
            "status": self.status,
            "variants": sorted(self.variants - {self.name}),
            "gazetteer_id": self.place.id if self.place else None,
            "feature_type": self.place.feature_type if self.place else None,
        }


def conflict_km(place: Place | None) -> float:
    """How far apart two positions of one place may lie before they disagree: an oblast's
    "centre" is a matter of taste within tens of kilometres, a village's is not."""
    if place is None:
        return CONFLICT_KM
    return {"region": 75.0, "district": 20.0}.get(place.feature_type, CONFLICT_KM)


def _add_coordinate(
    record: PlaceRecord, lat: float, lon: float, tag: AnnotationInfo | None
) -> None:
    limit = conflict_km(record.place)
    for c in record.coordinates:
        if distance_km((c.latitude, c.longitude), (lat, lon)) <= limit:
            if tag is not None:
                if c.origin != "tag":  # a tag confirms the gazetteer: keep the tag's value
                    c.origin, c.latitude, c.longitude = "tag", lat, lon
                c.annotation_ids.append(tag.id)
                c.analysts.append(tag.analyst)
            return
    record.coordinates.append(
        CoordinateSource(
            lat,
            lon,
            "tag" if tag else "gazetteer",
            [tag.id] if tag else [],
            [tag.analyst] if tag else [],
        )
    )


@dataclass(slots=True)
class PlaceIndex:
    places: list[PlaceRecord]
    articles: dict[int, ArticleInfo]
    gazetteer: Gazetteer | None = None

    def find(self, name: str) -> PlaceRecord | None:
        """The place called ``name``: its name, a spelling seen in the texts, or any name
        the gazetteer knows for it ("Суджа", "Kursk region")."""
        wanted = norm_name(name)
        for record in self.places:
            if record.key == wanted or norm_name(record.name) == wanted:
                return record
        for record in self.places:
            if wanted in {norm_name(v) for v in record.variants}:
                return record
        if self.gazetteer is not None:
            place = self.gazetteer.resolve(name)
            if place is not None:
                for record in self.places:
                    if record.place is not None and record.place.id == place.id:
                        return record
        return None

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        names = [p.name for p in self.places]
        found = process.extract(name, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [n for n, _score, _i in found]


def article_texts(workspace: Workspace, article_ids: Sequence[int]) -> dict[int, str]:
    """The texts of many articles in one query (one query per article costs more than
    the search in them)."""
    import sqlalchemy as sa

    from kursk_annotator.core.models import Article

    table = Article.__table__  # type: ignore[attr-defined]
    texts: dict[int, str] = {}
    ids = list(article_ids)
    with workspace.store.session() as session:
        for chunk in range(0, len(ids), 500):
            query = sa.select(table.c.id, table.c.text).where(
                table.c.id.in_(ids[chunk : chunk + 500])
            )
            texts.update((row[0], row[1]) for row in session.execute(query))
    return texts


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _gazetteer() -> Gazetteer | None:
    try:
        return load_gazetteer()
    except UserError:  # a damaged install: places from the tags alone still work
        return None


def build_index(
    workspace: Workspace,
    article_ids: Sequence[int] | None = None,
    statuses: Sequence[str] = SHOWN_STATUSES,
    analysts: Sequence[str] | None = None,
    untagged: bool = True,
) -> PlaceIndex:
    """Every canonical place in the chosen articles (default: the whole library).

    Tagged places first: a tag's canonical name is resolved in the gazetteer, so "Kursk
    region" and "Kursk Oblast" are one place. With ``untagged``, places the gazetteer
    finds in the texts that nobody tagged are listed too (status ``untagged``); names
    that could mean several places are not turned into places of their own.
    """
    gazetteer = _gazetteer()
    infos = {a.id: a for a in workspace.articles.list()}
    chosen = [i for i in (article_ids or infos) if i in infos]
    wanted = set(chosen)
    tags = [
        t
        for t in workspace.annotations.list(
            kinds=["place"], statuses=list(statuses), analysts=list(analysts) if analysts else None
        )
        if t.article_id in wanted
    ]
    records: dict[str, PlaceRecord] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for tag in tags:
        canonical = tag.attributes.get("canonical_name") or " ".join(tag.quote.split())
        place = gazetteer.resolve(canonical) if gazetteer else None
        key = f"gazetteer:{place.id}" if place else norm_name(canonical)
        record = records.setdefault(key, PlaceRecord(key, canonical, place=place))
        spellings[key][canonical] += 1
        record.tags.append(tag)
        record.variants |= spelled_variants(canonical) | {" ".join(tag.quote.split())}
        lat, lon = tag.attributes.get("latitude"), tag.attributes.get("longitude")
        if lat is not None and lon is not None:
            _add_coordinate(record, float(lat), float(lon), tag)
    for key, record in records.items():
        record.name = (
            record.place.canonical_name if record.place else (spellings[key].most_common(1)[0][0])
        )
        if record.place is not None:
            _add_coordinate(record, record.place.latitude, record.place.longitude, None)
    # Spellings analysts tagged that the gazetteer may not know ("Sumy and Kharkiv regions").
    matcher = NameMatcher((v, r.key) for r in records.values() for v in r.variants)
    tagged: dict[int, dict[tuple[int, int, str], list[int]]] = defaultdict(dict)
    for r in records.values():
        for t in r.tags:
            tagged[t.article_id].setdefault((t.start, t.end, r.key), []).append(t.id)
    texts = article_texts(workspace, chosen)
    for article_id in chosen:
        text = texts[article_id]
        taken: list[tuple[int, int]] = []

        for (start, end, key), ids in sorted(tagged.get(article_id, {}).items()):
            records[key].mentions.append(Mention(article_id, start, end, text[start:end], ids))
            taken.append((start, end))
        found: list[tuple[int, int, str]] = []
        for m in gazetteer.find_mentions(text) if gazetteer else ():
            if _overlaps(taken, m.start, m.end) or names_an_event(text, m.end):
                continue
            key = f"gazetteer:{m.place.id}"
            if key not in records:
                if not untagged or m.ambiguous:
                    continue
                records[key] = PlaceRecord(key, m.place.canonical_name, place=m.place)
                _add_coordinate(records[key], m.place.latitude, m.place.longitude, None)
            found.append((m.start, m.end, key))
            taken.append((m.start, m.end))
        for start, end, key in matcher.find(text):
            if not _overlaps(taken, start, end) and not names_an_event(text, end):
                found.append((start, end, key))
                taken.append((start, end))
        for start, end, key in found:
            records[key].mentions.append(Mention(article_id, start, end, text[start:end]))
            records[key].variants.add(" ".join(text[start:end].split()))
    for record in records.values():
        record.mentions.sort(key=lambda m: (m.article_id, m.start))
    places = sorted(
        records.values(),
        key=lambda r: (not r.tags, -r.mention_count, -r.report_count, r.name.casefold()),
    )
    return PlaceIndex(places, infos, gazetteer)


def newest_first(info: ArticleInfo | None) -> tuple[bool, int]:
    """Sort key that puts the newest article first and undated ones last."""
    if info is None or info.published is None:
        return (True, 0)
    return (False, -info.published.toordinal())
