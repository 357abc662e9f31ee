"""Which schema a store has and which this version needs: Alembic's configuration, the
head revision, and the check that refuses foreign and newer databases.

Used by ``core.store`` (SQLite) and ``core.team`` (a server) alike; it imports neither.
The revisions are read from the migration files, so an up-to-date store opens without
importing Alembic.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kursk_annotator.core.errors import StoreError

if TYPE_CHECKING:  # Alembic (about 0.1-0.2 s to import) loads only when a migration runs
    import sqlalchemy as sa
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _alembic_config(connection: sa.Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)


@cache
def revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the revisions it follows, read from the files.

    The same answer as Alembic's ScriptDirectory (a test holds them together) without
    importing Alembic: opening a store that is up to date needs only these names.
    """
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        down = ast.literal_eval(found.get("down_revision", "None"))
        downs = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        graph[ast.literal_eval(found["revision"])] = downs
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {d for downs in graph.values() for d in downs}
    assert len(heads) == 1, f"the migrations have {len(heads)} heads: {sorted(heads)}"
    return heads.pop()


def _known_revisions() -> set[str]:
    return set(revision_graph())


def _check_revision(where: str, has_tables: bool, revision: str | None) -> bool:
    """Raise for foreign or newer databases; return True when a migration is needed."""
    if revision is None:
        if has_tables:
            raise StoreError(
                f"{where} holds tables but is not a Kursk Annotator store: choose another database",
                cli_hint="--db FILE",
            )
        return True
    if revision not in _known_revisions():
        raise StoreError(
            f"{where} was written by a newer version of Kursk Annotator (schema {revision}): "
            "upgrade Kursk Annotator to open it; the database was not changed"
        )
    return revision != head_revision()
