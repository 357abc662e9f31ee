"""The tagged places at a glance: what the map shows the moment it opens.

One lean query over the live place tags (six plain columns, no ORM objects, no history
or analysts joined) instead of reading every tag as an object and every text:
thousands of places read in tens of milliseconds. Counts here are
of the tags alone; :func:`core.places.index.build_index` adds what only the texts can
tell (untagged mentions, reports that name a place without tagging it, places named but
never tagged) and the map replaces these summaries with its records when it has them.

Keys, names, positions and conflicts follow the index's rules (the gazetteer resolves a
canonical name; positions more than :func:`conflict_km` apart conflict), so a marker
keeps its identity when the full record arrives.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from kursk_annotator.core.gazetteer import Gazetteer, Place
from kursk_annotator.core.models import Annotation
from kursk_annotator.core.places.index import (
    SHOWN_STATUSES,
    _gazetteer,
    conflict_km,
    distance_km,
)
from kursk_annotator.core.places.names import norm_name
from kursk_annotator.core.workspace import Workspace

_A = Annotation.__table__.c  # type: ignore[attr-defined]
_SETTLED_ORDER = ("changes_requested", "pending", "accepted")


@dataclass(slots=True)  # not frozen: thousands are made per opening, frozen inits are slow
class PlaceSummary:
    """A tagged place as the tags alone describe it (the map's first view).

    Attribute names match :class:`~core.places.index.PlaceRecord`, so the map shows
    either."""

    key: str
    name: str
    position: tuple[float, float] | None  # (latitude, longitude)
    conflict: bool
    status: str
    report_count: int  # articles with a tag of the place
    mention_count: int  # tagged spans
    tag_count: int


def _query(statuses: Sequence[str]) -> sa.Select:
    """The live place tags, six plain columns each, in text order (the order in which
    positions meet decides, as in the index, which one a tag joins).

    The attributes come back as the stored JSON text and are parsed here, once per
    distinct text: SQLite's JSON_EXTRACT of three keys (in the select, the grouping and
    the order of an aggregate) cost three times the whole read."""
    return (
        sa.select(
            _A.article_id,
            _A.start_offset,
            _A.end_offset,
            _A.status,
            _A.quote,
            sa.type_coerce(_A.attributes, sa.Text),
        )
        .where(_A.kind == "place", _A.status.in_(list(statuses)), _A.deleted_at.is_(None))
        .order_by(_A.article_id, _A.start_offset, _A.end_offset, _A.id)
    )


@dataclass(slots=True)
class _Place:
    name: str
    place: Place | None
    spellings: dict[str, int]
    positions: list[list[float]]  # [latitude, longitude, tags, from a tag (1) or not (0)]
    statuses: set[str]
    articles: set[int]
    spans: set[tuple[int, int, int]]
    tags: int = 0


# Canonical names already resolved: the gazetteer does not change within a process and a
# library's names repeat from one opening of the map to the next.
_RESOLVED: dict[tuple[int, str], tuple[str, str, Place | None]] = {}


def _resolve(gazetteer: Gazetteer | None, raw: str) -> tuple[str, str, Place | None]:
    """(the canonical name as tagged, the place's key, its gazetteer entry) for a tag's
    canonical name (or quote), keyed as the index keys it."""
    memo = (id(gazetteer), raw)
    found = _RESOLVED.get(memo)
    if found is None:
        if len(_RESOLVED) > 100_000:
            _RESOLVED.clear()
        name = " ".join(raw.split())
        place = gazetteer.resolve(name) if gazetteer is not None and name else None
        key = f"gazetteer:{place.id}" if place else norm_name(name)
        found = _RESOLVED[memo] = (name, key, place)
    return found


def _fields(text: str | dict | None) -> tuple[str, float | None, float | None]:
    """(canonical name, latitude, longitude) of a tag's attributes (as stored: JSON)."""
    try:
        attrs = json.loads(text) if isinstance(text, str) else (text or {})
        lat, lon = attrs.get("latitude"), attrs.get("longitude")
        return (
            attrs.get("canonical_name") or "",
            None if lat is None else float(lat),
            None if lon is None else float(lon),
        )
    except (ValueError, TypeError, AttributeError):  # damaged attributes: the quote
        return "", None, None


def _add_position(entry: _Place, lat: float, lon: float, tags: int, tagged: bool) -> None:
    """The index's rule: a position within the place's tolerance of one already given
    agrees with it; any other is kept apart (a conflict)."""
    limit = conflict_km(entry.place)
    for pos in entry.positions:
        if distance_km((pos[0], pos[1]), (lat, lon)) <= limit:
            if tagged and not pos[3]:
                pos[0], pos[1], pos[3] = lat, lon, 1
            pos[2] += tags
            return
    entry.positions.append([lat, lon, tags, 1 if tagged else 0])


def place_summaries(
    workspace: Workspace, statuses: Sequence[str] = SHOWN_STATUSES
) -> list[PlaceSummary]:
    """Every tagged place of the library from one aggregate query, most tagged first."""
    gazetteer = _gazetteer()
    places: dict[str, _Place] = {}
    parsed: dict[str, tuple[str, float | None, float | None]] = {}
    with workspace.store.session() as session:
        rows = session.execute(_query(statuses)).all()
    for article_id, start, end, status, quote, attributes in rows:
        if isinstance(attributes, str):  # SQLite: the stored text, parsed once per text
            fields = parsed.get(attributes)
            if fields is None:
                fields = parsed[attributes] = _fields(attributes)
        else:  # PostgreSQL's driver hands JSON over parsed
            fields = _fields(attributes)
        name, lat, lon = fields
        canonical, key, place = _resolve(gazetteer, name or quote)
        if not canonical:
            continue
        entry = places.get(key)
        if entry is None:
            entry = places[key] = _Place(canonical, place, {}, [], set(), set(), set())
        entry.spellings[canonical] = entry.spellings.get(canonical, 0) + 1
        entry.statuses.add(status)
        entry.articles.add(article_id)
        entry.spans.add((article_id, start, end))
        entry.tags += 1
        if lat is not None and lon is not None:
            if entry.positions:
                _add_position(entry, lat, lon, 1, True)
            else:  # the first position given: nothing to agree or disagree with
                entry.positions.append([lat, lon, 1, 1])
    out: list[PlaceSummary] = []
    for key, entry in places.items():
        place = entry.place
        if place is not None:
            _add_position(entry, place.latitude, place.longitude, 0, False)
        # One position, one spelling, one status is the common case: no search for it.
        positions = entry.positions
        if len(positions) > 1:
            best = max(positions, key=lambda p: (p[3], p[2]))
        else:
            best = positions[0] if positions else None
        if place is not None:
            name = place.canonical_name
        elif len(entry.spellings) == 1:
            name = entry.name
        else:  # the spelling most tags give (the first seen among equals)
            name = max(entry.spellings.items(), key=lambda item: item[1])[0]
        statuses = entry.statuses
        if len(statuses) == 1:
            (status,) = statuses
        else:
            status = next((s for s in _SETTLED_ORDER if s in statuses), "pending")
        out.append(
            PlaceSummary(
                key=key,
                name=name,
                position=(best[0], best[1]) if best else None,
                conflict=len(positions) > 1,
                status=status,
                report_count=len(entry.articles),
                mention_count=len(entry.spans),
                tag_count=entry.tags,
            )
        )
    out.sort(key=lambda p: (-p.mention_count, -p.report_count, p.name.casefold()))
    return out
