"""Opening an up-to-date store reads its schema version without Alembic; the migration
names it reads from the files are Alembic's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from kursk_annotator.core.store import _alembic_config, head_revision, revision_graph


def test_revisions_read_from_the_files_are_alembics() -> None:
    script = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == script.get_current_head()
    assert set(revision_graph()) == {r.revision for r in script.walk_revisions()}
    for rev in script.walk_revisions():
        assert set(revision_graph()[rev.revision]) == set(rev._normalized_down_revisions)


def test_up_to_date_store_opens_without_importing_alembic(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    code = (
        "import sys\n"
        "from kursk_annotator.core.store import open_store\n"
        "store = open_store(sys.argv[1]); store.close()\n"
        "print('alembic' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "True"  # a new store is made by the migrations
    again = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "False"


def test_a_store_with_annotations_migrates_and_keeps_them(tmp_path: Path) -> None:
    """Batch migrations rebuild tables others point at (analyst): foreign keys must not
    stop them, and stay enforced afterwards."""
    import sqlite3

    from alembic import command
    from sqlalchemy import create_engine

    from kursk_annotator.core.store import open_store

    db = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as con:
        command.upgrade(_alembic_config(con), "0003_orphans")
        con.exec_driver_sql("INSERT INTO analyst (id, name, initials, colour, created_at) "
                            "VALUES (1, 'Olena', 'OK', '#4477AA', '2025-01-01')")  # fmt: skip
        con.exec_driver_sql(
            "INSERT INTO article (id, uid, title, text, content_hash, imported_at) "
            "VALUES (1, 'a1', 'T', 'Sudzha text', 'h1', '2025-01-01')"
        )
        con.exec_driver_sql(
            "INSERT INTO annotation (id, uid, article_id, kind, start_offset, end_offset, quote,"
            " prefix, suffix, note, attributes, analyst_id, created_at, updated_at, status,"
            " version) VALUES (1, 'n1', 1, 'place', 0, 6, 'Sudzha', '', ' text', '', '{}', 1,"
            " '2025-01-01', '2025-01-01', 'pending', 1)"
        )
    engine.dispose()
    store = open_store(str(db))
    try:
        assert store.backups, "a backup is taken before the migration"
        with store.engine.connect() as con:
            assert con.exec_driver_sql("SELECT quote FROM annotation").scalar() == "Sudzha"
            assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                head_revision()
            )
            assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
