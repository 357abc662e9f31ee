"""Actors and measures: free-text speakers and "counts" become managed records.

Every distinct speaker (``attributed_to`` of claims, ``claimant`` of figures) and every
article outlet becomes an actor; every distinct ``counts`` of figures a measure, with the
dimension and canonical unit of its figures' most common unit. Spellings that differ
only slightly ("Russian Defence Ministry" / "Russian Defense Ministry") become one
record with the others as aliases. Annotations are not changed: their names resolve
through the records, so nothing is lost.

Revision ID: 0007_actors_measures
Revises: 0006_suggestion_rejections
Create Date: 2026-11-28
"""

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007_actors_measures"
down_revision: str | None = "0006_suggestion_rejections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the unit dimensions this revision was written with.
_DIMENSIONS = {
    "km²": "area", "sq mi": "area", "ha": "area", "km": "length", "mi": "length",
    "m": "length", "people": "people", "troops": "people", "officers": "people",
    "prisoners": "people", "vehicles": "equipment", "tanks": "equipment",
    "systems": "equipment", "drones": "equipment", "%": "share", "h": "duration",
    "days": "duration", "settlements": "other count", "villages": "other count",
}  # fmt: skip


def _norm(name: object) -> str:
    text = " ".join(str(name or "").replace("’", "'").split()).casefold().strip(" .'\"")
    return text.removeprefix("the ")


def _group(spellings: Counter[str], threshold: float = 90) -> list[list[str]]:
    """Spellings grouped by near-identical keys; each group's most used spelling first."""
    from rapidfuzz import fuzz

    groups: list[list[str]] = []
    keys: list[str] = []
    for name, _count in spellings.most_common():
        key = _norm(name)
        for i, other in enumerate(keys):
            if key == other or fuzz.ratio(key, other) >= threshold:
                groups[i].append(name)
                break
        else:
            groups.append([name])
            keys.append(key)
    return groups


def _aliases(group: list[str]) -> list[str]:
    seen = {_norm(group[0])}
    out = []
    for name in group[1:]:
        if _norm(name) not in seen:
            seen.add(_norm(name))
            out.append(name)
    return out


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("side", sa.String(length=80), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=True),
        sa.Column("grade", sa.String(length=1), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "grade IS NULL OR grade IN ('A','B','C','D','E','F')", name="ck_actor_grade"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    _fill()


def _fill() -> None:
    bind = op.get_bind()
    speakers: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: Counter[str] = Counter()
    measures: Counter[str] = Counter()
    units: dict[str, Counter[str]] = defaultdict(Counter)
    rows = bind.execute(sa.text("SELECT kind, attributes FROM annotation")).all()
    for kind, raw in rows:
        attrs = json.loads(raw) if isinstance(raw, str) else (raw or {})
        for key in ("attributed_to", "claimant"):
            name = " ".join(str(attrs.get(key) or "").split())
            if name:
                speakers[name] += 1
                if attrs.get("side"):
                    sides[_norm(name)][attrs["side"]] += 1
        counts = " ".join(str(attrs.get("counts") or "").split())
        if kind == "figure" and counts:
            measures[counts] += 1
            if attrs.get("unit"):
                units[_norm(counts)][attrs["unit"]] += 1
    for (outlet,) in bind.execute(sa.text("SELECT outlet FROM article WHERE outlet IS NOT NULL")):
        if outlet.strip():
            outlets[" ".join(outlet.split())] += 1
    now = datetime.now(UTC)
    actor = sa.table(
        "actor",
        sa.column("name"), sa.column("aliases", sa.JSON), sa.column("side"),
        sa.column("type"), sa.column("created_at", sa.DateTime(timezone=True)),
    )  # fmt: skip
    taken: set[str] = set()
    actor_rows = []
    for group in _group(outlets):
        taken.update(_norm(n) for n in group)
        actor_rows.append(
            {"name": group[0], "aliases": _aliases(group), "side": None, "type": "media",
             "created_at": now}
        )  # fmt: skip
    for group in _group(speakers):
        if any(_norm(n) in taken for n in group):
            continue
        side: Counter[str] = Counter()
        for name in group:
            side.update(sides[_norm(name)])
        actor_rows.append(
            {"name": group[0], "aliases": _aliases(group),
             "side": side.most_common(1)[0][0] if side else None, "type": None,
             "created_at": now}
        )  # fmt: skip
    if actor_rows:
        op.bulk_insert(actor, actor_rows)
    measure = sa.table(
        "measure",
        sa.column("name"), sa.column("aliases", sa.JSON), sa.column("dimension"),
        sa.column("unit"), sa.column("created_at", sa.DateTime(timezone=True)),
    )  # fmt: skip
    measure_rows = []
    # Measures only group when their names match: "deployed to Kursk" and "deployed to
    # Russia" are different things even though they read alike.
    for group in _group(measures, threshold=101):
        unit_counts: Counter[str] = Counter()
        for name in group:
            unit_counts.update(units[_norm(name)])
        unit = unit_counts.most_common(1)[0][0] if unit_counts else ""
        measure_rows.append(
            {"name": group[0], "aliases": _aliases(group),
             "dimension": _DIMENSIONS.get(unit, "other count"), "unit": unit,
             "created_at": now}
        )  # fmt: skip
    if measure_rows:
        op.bulk_insert(measure, measure_rows)


def downgrade() -> None:
    op.drop_table("measure")
    op.drop_table("actor")
