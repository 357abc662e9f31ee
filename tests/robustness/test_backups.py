"""Routine backups: a daily copy (the last seven kept), listed, and restored only when
no other process has the store open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kursk_annotator.core.backups import (
    KEEP,
    backup_due,
    list_backups,
    start_routine_backup,
    take_backup,
)
from kursk_annotator.core.store import open_store
from tests.robustness.conftest import Run


def _titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        rows = [r[0] for r in con.execute("SELECT title FROM article ORDER BY id")]
    con.close()
    return rows


def test_routine_backup_runs_in_background_when_due_and_keeps_the_last_seven(
    sample_db: Path,
) -> None:
    open_store(str(sample_db)).close()
    assert backup_due(sample_db)
    thread = start_routine_backup(sample_db)
    assert thread is not None
    thread.join(60)
    first = list_backups(sample_db)
    assert len(first) == 1 and _titles(first[0].path) == _titles(sample_db)
    assert not backup_due(sample_db)  # the next one only after a day
    assert backup_due(sample_db, now=datetime.now(UTC) + timedelta(days=1, seconds=1))
    for _ in range(KEEP + 2):
        take_backup(sample_db)
    kept = list_backups(sample_db)
    assert len(kept) == KEEP
    assert first[0].path not in {b.path for b in kept}  # the oldest went first


def test_backups_lists_and_restore_puts_a_backup_back(sample_db: Path, cli: Run) -> None:
    cli("backups", "--now", db=sample_db)
    listed = cli("backups", "--json", db=sample_db)
    import json

    backups = json.loads(listed.stdout)
    assert len(backups) == 1 and set(backups[0]) == {"path", "taken", "size"}
    original = _titles(sample_db)
    with sqlite3.connect(sample_db) as con:
        con.execute("UPDATE article SET title = 'Changed after the backup' WHERE id = 1")
    con.close()
    assert _titles(sample_db) != original
    result = cli("restore", backups[0]["path"], db=sample_db)
    assert "restored" in result.stdout
    assert _titles(sample_db) == original
    # The state before the restore was kept, so the restore lost nothing either.
    before = [b for b in list_backups(sample_db) if "before-restore" in b.path.name]
    assert len(before) == 1 and _titles(before[0].path)[0] == "Changed after the backup"
    open_store(str(sample_db)).close()  # opens normally afterwards


HOLDER = """
import sys, time
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.core.store import open_store
ws = Workspace(open_store(sys.argv[1]), "Holder")
ws.articles.list()
print("open", flush=True)
time.sleep(60)
"""


def test_restore_is_refused_while_another_process_has_the_store_open(
    sample_db: Path, cli: Run
) -> None:
    cli("backups", "--now", db=sample_db)
    backup = list_backups(sample_db)[0].path
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(sample_db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        before = sample_db.read_bytes()
        result = cli("restore", str(backup), db=sample_db, ok=False)
        assert "open in another window or command" in result.stderr
        assert sample_db.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
