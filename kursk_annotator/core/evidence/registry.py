"""Actors and measures: list, create on first use, merge, rename, grade.

Names in annotations resolve to records through a record's name or aliases; merging A
into B makes A's name and aliases B's aliases, so every annotation that named A now
resolves to B and none is rewritten. Every change writes a history entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, select

from kursk_annotator.core.driver_rows import driver_rows
from kursk_annotator.core.errors import NotFoundError, UserError
from kursk_annotator.core.evidence.models import ACTOR_TYPES, GRADES, Actor, Measure, norm_name
from kursk_annotator.core.evidence.units import DIMENSIONS, check_unit_fits, dimension_of
from kursk_annotator.core.models import Analyst
from kursk_annotator.core.names import check_confusable, normalise_name
from kursk_annotator.core.services import history
from kursk_annotator.core.store import Store


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: int
    name: str
    aliases: tuple[str, ...]
    side: str | None
    type: str | None
    grade: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "side": self.side,
            "type": self.type,
            "grade": self.grade,
        }


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: int
    name: str
    aliases: tuple[str, ...]
    dimension: str
    unit: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "dimension": self.dimension,
            "unit": self.unit,
        }


def _actor_info(row: Actor) -> ActorInfo:
    return ActorInfo(row.id or 0, row.name, tuple(row.aliases or ()), row.side, row.type, row.grade)


def _measure_info(row: Measure) -> MeasureInfo:
    return MeasureInfo(row.id or 0, row.name, tuple(row.aliases or ()), row.dimension, row.unit)


T = TypeVar("T", ActorInfo, MeasureInfo)


class NameIndex(Generic[T]):
    """Records by every name and alias they answer to (matched by ``norm_name``)."""

    def __init__(self, records: list[T]) -> None:
        self.records = records
        self._by: dict[str, T] = {}
        for record in records:
            for name in (record.name, *record.aliases):
                self._by.setdefault(norm_name(name), record)

    def get(self, name: str | None) -> T | None:
        return self._by.get(norm_name(name)) if name else None


def _aliases(stored: Any) -> tuple[str, ...]:
    """A record's aliases as the driver gives them: JSON text (SQLite) or a list."""
    if type(stored) is str:
        return () if stored == "[]" else tuple(json.loads(stored) or ())
    return tuple(stored or ())


def _find(session: Session, table: type[Actor] | type[Measure], name: str) -> Any:
    key = norm_name(name)
    if not key:
        return None
    for row in session.exec(select(table)).all():
        if norm_name(row.name) == key or any(norm_name(a) == key for a in row.aliases or ()):
            return row
    return None


def _clean_name(name: str, what: str) -> str:
    # NFC, no controls, bidi overrides or zero-width characters (core/names.py).
    return normalise_name(name or "", f"{what} name", max_length=200)


def _new_actor_name(name: str, known: Iterable[str]) -> str:
    """A new actor's name, refused if it looks like a known actor name or alias."""
    name = _clean_name(name, "actor")
    check_confusable(name, known, "actor name")
    return name


def ensure_references(session: Session, kind: str, attrs: dict[str, Any]) -> None:
    """Create the actors and measure an annotation names (first use), inside its
    transaction, and refuse a figure's unit of another dimension than its measure's."""
    ensure_references_many(session, [(kind, attrs)])


def names_records(kind: str, attrs: dict[str, Any]) -> bool:
    """Whether an annotation's attributes name an actor or a measure (records that
    ``ensure_references`` makes on first use)."""
    return bool(
        attrs.get("attributed_to")
        or attrs.get("claimant")
        or (kind == "figure" and attrs.get("counts"))
    )


def ensure_references_many(session: Session, items: list[tuple[str, dict[str, Any]]]) -> None:
    """``ensure_references`` for many annotations, reading the records once."""
    if not any(names_records(kind, attrs) for kind, attrs in items):
        return  # nothing named (most tags as first made): no records to read
    actors: dict[str, Actor] = {}
    for row in session.exec(select(Actor)).all():
        for name in (row.name, *(row.aliases or ())):
            actors.setdefault(norm_name(name), row)
    measures: dict[str, Measure] = {}
    for row in session.exec(select(Measure)).all():
        for name in (row.name, *(row.aliases or ())):
            measures.setdefault(norm_name(name), row)
    for kind, attrs in items:
        for key in ("attributed_to", "claimant"):
            name = attrs.get(key)
            if name and norm_name(name) not in actors:
                side = attrs.get("side") if key == "attributed_to" else None
                known = {n for row in actors.values() for n in (row.name, *(row.aliases or ()))}
                actor = Actor(name=_new_actor_name(name, known), side=side)
                session.add(actor)
                actors[norm_name(name)] = actor
        measure_name = attrs.get("counts") if kind == "figure" else None
        if not measure_name:
            continue
        unit = attrs.get("unit")
        found = measures.get(norm_name(measure_name))
        if found is None:
            dimension = dimension_of(unit) or "other count"
            found = Measure(
                name=_clean_name(measure_name, "measure"), dimension=dimension, unit=unit or ""
            )
            session.add(found)
            measures[norm_name(measure_name)] = found
        else:
            check_unit_fits(unit, found.dimension, found.name)
    session.flush()


class EvidenceRegistry:
    """The actors and measures of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- reading -------------------------------------------------------------------

    # Read as plain rows, not ORM objects: the Figures view and every comparison read
    # them, and building objects cost more than the query (30 ms for 50 actors).

    # Through the driver, the aliases parsed only when there are any: SQLAlchemy's JSON
    # handling of 250 rows cost as much as the Figures view's first query.

    def actors(self) -> list[ActorInfo]:
        c = Actor.__table__.c  # type: ignore[attr-defined]
        query = sa.select(c.id, c.name, c.aliases, c.side, c.type, c.grade)
        found = [
            ActorInfo(i, n, _aliases(a), s, t, g)
            for i, n, a, s, t, g in driver_rows(self.store, query)
        ]
        return sorted(found, key=lambda a: a.name.casefold())

    def measures(self) -> list[MeasureInfo]:
        c = Measure.__table__.c  # type: ignore[attr-defined]
        query = sa.select(c.id, c.name, c.aliases, c.dimension, c.unit)
        found = [
            MeasureInfo(i, n, _aliases(a), d, u) for i, n, a, d, u in driver_rows(self.store, query)
        ]
        return sorted(found, key=lambda m: m.name.casefold())

    def actor_index(self) -> NameIndex[ActorInfo]:
        return NameIndex(self.actors())

    def measure_index(self) -> NameIndex[MeasureInfo]:
        return NameIndex(self.measures())

    def actor(self, name: str) -> ActorInfo:
        found = self.actor_index().get(name)
        if found is None:
            raise NotFoundError(f"no actor called {name!r}: list them with 'actors'")
        return found

    def measure(self, name: str) -> MeasureInfo:
        found = self.measure_index().get(name)
        if found is None:
            raise NotFoundError(f"no measure called {name!r}: list them with 'measures'")
        return found

    def check_actor_or_outlet(self, name: str) -> None:
        """Raise NotFoundError unless ``name`` is an actor or an article's outlet."""
        if self.actor_index().get(name) is not None:
            return
        from kursk_annotator.core.models import Article

        with self.store.session() as session:
            outlets = session.execute(sa.select(Article.__table__.c.outlet).distinct()).scalars()  # type: ignore[attr-defined]
            if any(o and norm_name(o) == norm_name(name) for o in outlets):
                return
        raise NotFoundError(f"no actor or outlet called {name!r}: list them with 'actors'")

    def check_references(self, kind: str, attrs: dict[str, Any]) -> None:
        """Refuse, without writing, a figure whose unit does not fit its measure."""
        if kind != "figure" or not attrs.get("counts"):
            return
        measure = self.measure_index().get(attrs["counts"])
        if measure is not None:
            check_unit_fits(attrs.get("unit"), measure.dimension, measure.name)

    # --- changing ------------------------------------------------------------------

    def ensure_actor(
        self,
        name: str,
        *,
        aliases: list[str] | tuple[str, ...] = (),
        side: str | None = None,
        type: str | None = None,
        grade: str | None = None,
        analyst: Analyst | None = None,
    ) -> ActorInfo:
        """The actor answering to ``name`` (created when new); given fields are set."""
        name = _clean_name(name, "actor")
        if type is not None and type not in ACTOR_TYPES:
            raise UserError(f"unknown actor type {type!r}: use one of {', '.join(ACTOR_TYPES)}")
        grade = check_grade(grade) if grade is not None else None
        with self.store.transaction() as session:
            row = _find(session, Actor, name)
            before = None
            if row is None:
                known = [
                    n
                    for r in session.exec(select(Actor)).all()
                    for n in (r.name, *(r.aliases or ()))
                ]
                row = Actor(name=_new_actor_name(name, known))
                session.add(row)
            else:
                before = _actor_info(row).as_json()
            for alias in aliases:
                other = _find(session, Actor, alias)
                if other is not None and other is not row:
                    raise UserError(
                        f"alias {alias!r} already names actor {other.name!r}: "
                        "merge the two actors instead"
                    )
                if norm_name(alias) not in {norm_name(a) for a in [row.name, *row.aliases]}:
                    row.aliases = [*row.aliases, alias]
            row.side = side if side is not None else row.side
            row.type = type if type is not None else row.type
            row.grade = grade if grade is not None else row.grade
            session.flush()
            info = _actor_info(row)
            if before != info.as_json():
                history.record(
                    session, "actor", info.id, "create" if before is None else "update",
                    analyst.id if analyst else None, before, info.as_json(),
                )  # fmt: skip
        return info

    def ensure_measure(
        self,
        name: str,
        *,
        aliases: list[str] | tuple[str, ...] = (),
        dimension: str | None = None,
        unit: str | None = None,
        analyst: Analyst | None = None,
    ) -> MeasureInfo:
        name = _clean_name(name, "measure")
        if dimension is not None and dimension not in DIMENSIONS:
            raise UserError(f"unknown dimension {dimension!r}: use one of {', '.join(DIMENSIONS)}")
        if unit and dimension:
            check_unit_fits(unit, dimension, name)
        with self.store.transaction() as session:
            row = _find(session, Measure, name)
            before = None
            if row is None:
                row = Measure(
                    name=name,
                    dimension=dimension or dimension_of(unit) or "other count",
                    unit=unit or "",
                )
                session.add(row)
            else:
                before = _measure_info(row).as_json()
                if dimension:
                    row.dimension = dimension
                if unit:
                    row.unit = unit
            for alias in aliases:
                other = _find(session, Measure, alias)
                if other is not None and other is not row:
                    raise UserError(
                        f"alias {alias!r} already names measure {other.name!r}: "
                        "merge the two measures instead"
                    )
                if norm_name(alias) not in {norm_name(a) for a in [row.name, *row.aliases]}:
                    row.aliases = [*row.aliases, alias]
            session.flush()
            info = _measure_info(row)
            if before != info.as_json():
                history.record(
                    session, "measure", info.id, "create" if before is None else "update",
                    analyst.id if analyst else None, before, info.as_json(),
                )  # fmt: skip
        return info

    def grade(self, name: str, grade: str, analyst: Analyst | None = None) -> ActorInfo:
        """Set an actor's (or outlet's) source-reliability grade A-F."""
        grade = check_grade(grade)
        with self.store.transaction() as session:
            row = _find(session, Actor, name) or _outlet_actor(session, name)
            if row is None:
                raise NotFoundError(f"no actor or outlet called {name!r}: list them with 'actors'")
            before = _actor_info(row).as_json()
            row.grade = grade
            session.flush()
            info = _actor_info(row)
            history.record(
                session, "actor", info.id, "grade", analyst.id if analyst else None,
                before, info.as_json(),
            )  # fmt: skip
        return info

    def merge_actors(self, source: str, target: str, analyst: Analyst | None = None) -> ActorInfo:
        """Merge actor ``source`` into ``target``: its names become ``target``'s aliases."""
        return self._merge(Actor, "actor", source, target, analyst)  # type: ignore[return-value]

    def merge_measures(
        self, source: str, target: str, analyst: Analyst | None = None
    ) -> MeasureInfo:
        return self._merge(Measure, "measure", source, target, analyst)  # type: ignore[return-value]

    def _merge(
        self,
        table: type[Actor] | type[Measure],
        what: str,
        source: str,
        target: str,
        analyst: Analyst | None,
    ) -> ActorInfo | MeasureInfo:
        as_info = _actor_info if table is Actor else _measure_info
        with self.store.transaction() as session:
            src = _find(session, table, source)
            dst = _find(session, table, target)
            for name, row in ((source, src), (target, dst)):
                if row is None:
                    raise NotFoundError(f"no {what} called {name!r}: list them with '{what}s'")
            if src.id == dst.id:
                raise UserError(
                    f"{source!r} and {target!r} are the same {what} ({dst.name}): "
                    f"name two different {what}s to merge"
                )
            if table is Measure and src.dimension != dst.dimension:
                raise UserError(
                    f"measure {src.name!r} counts {src.dimension} but {dst.name!r} counts "
                    f"{dst.dimension}: only measures of one dimension can be merged"
                )
            before = {"source": as_info(src).as_json(), "target": as_info(dst).as_json()}
            known = {norm_name(n) for n in [dst.name, *dst.aliases]}
            added = [n for n in [src.name, *src.aliases] if norm_name(n) not in known]
            dst.aliases = [*dst.aliases, *added]
            if table is Actor:
                dst.side = dst.side or src.side
                dst.type = dst.type or src.type
                dst.grade = dst.grade or src.grade
            session.delete(src)
            session.flush()
            info = as_info(dst)
            history.record(
                session, what, info.id, "merge", analyst.id if analyst else None,
                before, info.as_json(),
            )  # fmt: skip
        return info

    def rename_actor(self, old: str, new: str, analyst: Analyst | None = None) -> ActorInfo:
        """Give an actor a new name; the old one stays as an alias."""
        new = _clean_name(new, "actor")
        with self.store.transaction() as session:
            row = _find(session, Actor, old)
            if row is None:
                raise NotFoundError(f"no actor called {old!r}: list them with 'actors'")
            other = _find(session, Actor, new)
            if other is not None and other.id != row.id:
                raise UserError(f"{new!r} already names actor {other.name!r}: merge instead")
            before = _actor_info(row).as_json()
            aliases = [a for a in row.aliases if norm_name(a) != norm_name(new)]
            if norm_name(row.name) != norm_name(new):
                aliases.append(row.name)
            row.name, row.aliases = new, aliases
            session.flush()
            info = _actor_info(row)
            history.record(
                session, "actor", info.id, "rename", analyst.id if analyst else None,
                before, info.as_json(),
            )  # fmt: skip
        return info


def _outlet_actor(session: Session, name: str) -> Actor | None:
    """An article's outlet becomes an actor (type media) when it is first graded."""
    from kursk_annotator.core.models import Article

    key = norm_name(name)
    for (outlet,) in session.execute(sa.select(Article.__table__.c.outlet).distinct()):  # type: ignore[attr-defined]
        if outlet and norm_name(outlet) == key:
            row = Actor(name=" ".join(outlet.split()), type="media")
            session.add(row)
            session.flush()
            return row
    return None


def check_grade(grade: str) -> str:
    value = (grade or "").strip().upper()
    if value not in GRADES:
        raise UserError(
            f"unknown reliability grade {grade!r}: use A-F "
            "(A completely reliable ... E unreliable, F cannot be judged)"
        )
    return value


def count_rows(store: Store) -> tuple[int, int]:
    with store.session() as session:
        actors = session.execute(sa.select(sa.func.count()).select_from(Actor)).scalar_one()
        measures = session.execute(sa.select(sa.func.count()).select_from(Measure)).scalar_one()
    return actors, measures
