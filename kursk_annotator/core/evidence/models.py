"""Actors (speakers, claimants, outlets) and measures (what figures count) as records.

Annotations keep the name an analyst typed (``attributed_to``, ``claimant``, ``counts``);
a name resolves to its record through the record's name or any of its aliases, so a
merge or a rename never has to touch an annotation and loses none.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field, SQLModel

from kursk_annotator.core.models import utcnow

ACTOR_TYPES = ("government", "military", "intelligence", "media", "blogger", "analyst", "other")
# The Admiralty (NATO) source-reliability scale.
GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


class Actor(SQLModel, table=True):
    __tablename__ = "actor"
    __table_args__ = (
        CheckConstraint(
            "grade IS NULL OR grade IN ('A','B','C','D','E','F')", name="ck_actor_grade"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    side: str | None = Field(default=None, max_length=80)
    type: str | None = Field(default=None, max_length=20)
    grade: str | None = Field(default=None, max_length=1)
    created_at: datetime = Field(default_factory=utcnow)


class Measure(SQLModel, table=True):
    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    dimension: str = Field(default="other count", max_length=20)
    unit: str = Field(default="", max_length=40)
    created_at: datetime = Field(default_factory=utcnow)


def norm_name(name: Any) -> str:
    """The key names are matched by: case, spacing, quotes and a leading "the" ignored."""
    return _norm(name) if isinstance(name, str) else _norm(str(name or ""))


@lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    text = " ".join(name.replace("’", "'").split()).casefold().strip(" .'\"")
    return text.removeprefix("the ")
