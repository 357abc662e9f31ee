"""Which schema a store has and which this version needs: Alembic's configuration, the
head revision, and the check that refuses foreign and newer databases.

Used by ``core.store`` (SQLite) and ``core.team`` (a server) alike; it imports neither.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from kursk_annotator.core.errors import StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _check_revision(where: str, has_tables: bool, revision: str | None) -> bool:
    """Raise for foreign or newer databases; return True when a migration is needed."""
    if revision is None:
        if has_tables:
            raise StoreError(
                f"{where} holds tables but is not a Kursk Annotator store: "
                "choose another database with --db"
            )
        return True
    if revision not in _known_revisions():
        raise StoreError(
            f"{where} was written by a newer version of Kursk Annotator (schema {revision}): "
            "upgrade Kursk Annotator to open it; the database was not changed"
        )
    return revision != head_revision()
