"""Analysts: the people who annotate and review, each with initials and a colour."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from kursk_annotator.core.analyst_name import ENV_ANALYST, default_analyst_name  # noqa: F401
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import Analyst
from kursk_annotator.core.names import check_confusable, normalise_name
from kursk_annotator.core.store import Store

# Paul Tol's "bright" scheme: distinguishable for colour-blind readers.
ANALYST_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")


def initials_for(name: str) -> str:
    parts = [p for p in name.replace(".", " ").replace("_", " ").split() if p]
    if len(parts) >= 2:
        return (parts[0][0] + parts[-1][0]).upper()
    return name[:2].upper() if name else "?"


class AnalystService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def ensure(self, name: str, initials: str | None = None, colour: str | None = None) -> Analyst:
        """The analyst called ``name``, created on first use."""
        name = normalise_name(name, "analyst name")
        with self.store.session() as session:
            existing = session.exec(select(Analyst).where(Analyst.name == name)).first()
            if existing:
                return existing
            # A new name must not pass for someone else's in tables and briefings.
            check_confusable(name, session.exec(select(Analyst.name)).all(), "analyst name")
            count = len(session.exec(select(Analyst.id)).all())
            analyst = Analyst(
                name=name,
                initials=(initials or initials_for(name))[:8],
                colour=colour or ANALYST_COLOURS[count % len(ANALYST_COLOURS)],
            )
            session.add(analyst)
            try:
                session.commit()
            except IntegrityError:  # created meanwhile by another process
                session.rollback()
                return session.exec(select(Analyst).where(Analyst.name == name)).one()
            session.refresh(analyst)
            return analyst

    def find(self, name: str) -> Analyst:
        name = normalise_name(name, "analyst name")
        with self.store.session() as session:
            analyst = session.exec(select(Analyst).where(Analyst.name == name)).first()
        if analyst is None:
            raise UserError(f"no analyst called {name!r}: check the spelling of the name")
        return analyst

    def all(self) -> list[Analyst]:
        with self.store.session() as session:
            return list(session.exec(select(Analyst).order_by(col(Analyst.name))).all())
