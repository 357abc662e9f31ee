"""The append-only audit trail: who changed what, when, from what, to what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
) -> None:
    """Add a history entry inside the caller's transaction (so both land or neither).

    On a team store the database's triggers write the history (plain SQL is recorded
    too, by the login that made the change), so nothing is added here.
    """
    if session.info.get("history_by_triggers"):
        return
    session.add(
        HistoryEntry(
            entity=entity,
            entity_id=entity_id,
            action=action,
            analyst_id=analyst_id,
            at=utcnow(),
            before=before,
            after=after,
        )
    )


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
