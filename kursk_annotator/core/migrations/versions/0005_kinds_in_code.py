"""Kinds are declared in code (core.kinds): the database no longer lists them.

The services check every kind against the registry before anything is stored, so a kind
added to the registry is stored without a schema change.

Revision ID: 0005_kinds_in_code
Revises: 0004_team_logins
Create Date: 2026-11-28
"""

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0005_kinds_in_code"
down_revision: str | None = "0004_team_logins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KIND_CHECK = re.compile(r"\s*CONSTRAINT ck_annotation_kind CHECK \(kind IN \([^)]*\)\),?")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint("ck_annotation_kind", "annotation", type_="check")
        return
    # SQLite cannot drop a constraint; copying the table (Alembic's batch mode) would drop
    # and recreate the table the reviews and history point to. Removing a CHECK clause
    # changes nothing on disk, so SQLite documents editing the stored schema for exactly
    # this (https://sqlite.org/lang_altertable.html, "otheralter").
    raw = bind.connection.driver_connection
    (sql,) = raw.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='annotation'")
    sql = sql[0] if isinstance(sql, tuple) else sql
    new_sql = _KIND_CHECK.sub("", sql, count=1)
    if new_sql == sql:
        return  # already without it
    (version,) = raw.execute("PRAGMA schema_version").fetchone()
    raw.execute("PRAGMA writable_schema=ON")
    raw.execute(
        "UPDATE sqlite_master SET sql=? WHERE type='table' AND name='annotation'", (new_sql,)
    )
    raw.execute(f"PRAGMA schema_version={int(version) + 1}")
    raw.execute("PRAGMA writable_schema=OFF")


def downgrade() -> None:
    # The old constraint would refuse kinds added since; it is not put back.
    pass
