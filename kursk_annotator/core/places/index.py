"""Canonical places across the library, from the place tags and the texts themselves.

A place's key is its canonical name (else its quote), normalised. Its mentions are every
tagged span plus every untagged occurrence of one of its names in any text, so a place
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

from kursk_annotator.core.places.names import (
    NameMatcher,
    gazetteer_variants,
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
        }


def _add_coordinate(record: PlaceRecord, lat: float, lon: float, tag: AnnotationInfo | None):
    for c in record.coordinates:
        if distance_km((c.latitude, c.longitude), (lat, lon)) <= CONFLICT_KM:
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

    def find(self, name: str) -> PlaceRecord | None:
        wanted = norm_name(name)
        for record in self.places:
            if record.key == wanted:
                return record
        for record in self.places:
            if wanted in {norm_name(v) for v in record.variants}:
                return record
        return None

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        names = [p.name for p in self.places]
        found = process.extract(name, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [n for n, _score, _i in found]


def build_index(
    workspace: Workspace,
    article_ids: Sequence[int] | None = None,
    statuses: Sequence[str] = SHOWN_STATUSES,
    analysts: Sequence[str] | None = None,
) -> PlaceIndex:
    """Every canonical place in the chosen articles (default: the whole library)."""
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
        key = norm_name(canonical)
        record = records.setdefault(key, PlaceRecord(key, canonical))
        spellings[key][canonical] += 1
        record.tags.append(tag)
        record.variants |= spelled_variants(canonical) | {" ".join(tag.quote.split())}
        lat, lon = tag.attributes.get("latitude"), tag.attributes.get("longitude")
        if lat is not None and lon is not None:
            _add_coordinate(record, float(lat), float(lon), tag)
    for key, record in records.items():
        record.name = spellings[key].most_common(1)[0][0]
        names, position = gazetteer_variants(record.name)
        record.variants |= names
        if position is not None:
            _add_coordinate(record, position[0], position[1], None)
    matcher = NameMatcher((v, r.key) for r in records.values() for v in r.variants)
    tagged: dict[int, dict[tuple[int, int, str], list[int]]] = defaultdict(dict)
    for r in records.values():
        for t in r.tags:
            tagged[t.article_id].setdefault((t.start, t.end, r.key), []).append(t.id)
    for article_id in chosen:
        text = workspace.annotations.article_text(article_id)
        spans = sorted(tagged.get(article_id, {}).items())
        for (start, end, key), ids in spans:
            records[key].mentions.append(Mention(article_id, start, end, text[start:end], ids))
        for start, end, key in matcher.find(text):
            if any(s < end and start < e for (s, e, _k), _ids in spans):
                continue  # the tag already says what this span is
            records[key].mentions.append(Mention(article_id, start, end, text[start:end]))
    places = sorted(
        records.values(), key=lambda r: (-r.mention_count, -r.report_count, r.name.casefold())
    )
    return PlaceIndex(places, infos)


def newest_first(info: ArticleInfo | None) -> tuple[bool, int]:
    """Sort key that puts the newest article first and undated ones last."""
    if info is None or info.published is None:
        return (True, 0)
    return (False, -info.published.toordinal())
