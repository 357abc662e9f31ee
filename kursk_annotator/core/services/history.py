"""The append-only audit trail: who changed what, when, from what, to what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from kursk_annotator.core.models import Analyst, HistoryEntry, utcnow
from kursk_annotator.core.records import iso
from kursk_annotator.core.store import Store


def record(
    session: Session,
    entity: str,
    entity_id: int,
    action: str,
    analyst_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    provenance: bool = False,
) -> None:
    """Add a history entry inside the caller's transaction (so both land or neither).

    On a team store the database's triggers write the history (plain SQL is recorded
    too, by the login that made the change), so nothing is added here, except
    ``provenance``: where a row came from, which no trigger can know (an import's file
    and original creator), recorded as the importer's own entry.
    """
    write(session, [entry(entity, entity_id, action, analyst_id, before, after)], provenance)


def annotation_state(row: Any) -> dict[str, Any]:
    """What a history entry records of an annotation, from an Annotation or a mapping of
    its column values: one shape for creating, editing, importing and restoring."""
    get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
    return {
        "kind": get("kind"),
        "start": get("start_offset"),
        "end": get("end_offset"),
        "quote": get("quote"),
        "note": get("note"),
        "attributes": get("attributes"),
        "status": get("status"),
    }


def entry(
    entity: str,
    entity_id: int,
    action: str,
    analyst_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """One history row's values (written by :func:`write`)."""
    return {
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "analyst_id": analyst_id,
        "at": at or utcnow(),
        "before": before,
        "after": after,
    }


def write(session: Session, entries: Sequence[dict[str, Any]], provenance: bool = False) -> None:
    """The one function that writes history: entries made by :func:`entry`, one Core
    insert in the caller's transaction (the change and its record land together or not
    at all). On a team store the database's triggers write the history, so only
    ``provenance`` entries (see :func:`record`) are written here."""
    if not entries or (session.info.get("history_by_triggers") and not provenance):
        return
    session.execute(sa.insert(HistoryEntry.__table__), list(entries))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class HistoryItem:
    id: int
    entity: str
    entity_id: int
    action: str
    analyst: str | None
    at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "action": self.action,
            "analyst": self.analyst,
            "at": iso(self.at),
            "before": self.before,
            "after": self.after,
        }


class HistoryService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_entity(self, entity: str, entity_id: int) -> list[HistoryItem]:
        with self.store.session() as session:
            rows = session.exec(
                select(HistoryEntry, Analyst.name)
                .join(Analyst, col(HistoryEntry.analyst_id) == col(Analyst.id), isouter=True)
                .where(HistoryEntry.entity == entity, HistoryEntry.entity_id == entity_id)
                .order_by(col(HistoryEntry.id))
            ).all()
        return [
            HistoryItem(h.id or 0, h.entity, h.entity_id, h.action, name, h.at, h.before, h.after)
            for h, name in rows
        ]
