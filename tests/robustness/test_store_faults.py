"""Damaged, read-only, locked, full and old stores: refused or handled with one line,
and never changed by the refusal."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from kursk_annotator.core import store_checks
from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.store import _alembic_config, head_revision, open_store
from tests.robustness.conftest import Run, cli_env


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_one_page(path: Path, table: str | None = None) -> None:
    """Overwrite one page (in the middle of the file, or a leaf of ``table``), as a bad
    sector or a stray write would."""
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = path.stat().st_size // page_size
        page = pages // 2 + 1
        if table is not None:
            page = con.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' LIMIT 1", (table,)
            ).fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (page - 1))
        fh.write(bytes([0xA5]) * page_size)


def test_store_with_one_page_overwritten_is_refused_and_left_byte_identical(
    sample_db: Path, cli: Run
) -> None:
    _damage_one_page(sample_db)
    before = _digest(sample_db)
    with pytest.raises(StoreError, match="is damaged"):
        open_store(str(sample_db))
    result = cli("articles", db=sample_db, ok=False)
    assert result.returncode == 3 and "is damaged" in result.stderr
    # What was found, in words, and commands that name this store (pasted as they are).
    assert "***" not in result.stderr and "integrity check: " in result.stderr
    assert f"'kursk-annotator --db {sample_db} recover RECOVERED.sqlite'" in result.stderr
    assert _digest(sample_db) == before


def test_good_check_is_remembered_and_a_changed_file_is_checked_again(sample_db: Path) -> None:
    store = open_store(str(sample_db))
    store.close()
    assert store_checks.checked_unchanged(sample_db)
    with sqlite3.connect(sample_db) as con:  # another program writes to it
        con.execute("UPDATE article SET title = 'changed elsewhere' WHERE id = 1")
    con.close()
    assert not store_checks.checked_unchanged(sample_db)
    open_store(str(sample_db)).close()
    assert store_checks.checked_unchanged(sample_db)


def test_check_command_reports_ok_or_the_damage(sample_db: Path, cli: Run) -> None:
    assert "ok" in cli("check", db=sample_db).stdout
    _damage_one_page(sample_db)
    before = _digest(sample_db)
    result = cli("check", db=sample_db, ok=None)
    assert result.returncode == 3
    assert "damaged" in result.stdout + result.stderr
    assert _digest(sample_db) == before


def test_recover_writes_a_new_store_from_what_can_be_read(
    sample_db: Path, tmp_path: Path, cli: Run
) -> None:
    with sqlite3.connect(sample_db) as con:
        articles = con.execute("SELECT count(*) FROM article").fetchone()[0]
        annotations = con.execute("SELECT count(*) FROM annotation").fetchone()[0]
    con.close()
    _damage_one_page(sample_db, "annotation")
    before = _digest(sample_db)
    out = tmp_path / "recovered.sqlite"
    result = cli("recover", str(out), db=sample_db)
    assert "recovered" in result.stdout
    assert _digest(sample_db) == before
    assert not list(tmp_path.glob(".recovered.sqlite.*"))
    store = open_store(str(out))  # a whole, current store
    with store.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        kept = con.exec_driver_sql("SELECT count(*) FROM article").scalar()
        kept_annotations = con.exec_driver_sql("SELECT count(*) FROM annotation").scalar()
    store.close()
    assert kept == articles  # untouched tables come through whole
    assert 0 < kept_annotations < annotations  # the damaged page's rows are gone, no more
    again = cli("recover", str(out), db=sample_db, ok=False)  # never overwrites a store
    assert "exists" in again.stderr


def test_store_in_read_only_folder_is_one_line_not_damage(
    sample_db: Path, tmp_path: Path, read_only, cli: Run
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copyfile(sample_db, folder / "store.sqlite")
    read_only(folder)
    before = _digest(folder / "store.sqlite")
    result = cli("articles", db=folder / "store.sqlite", ok=False)
    assert "not writable" in result.stderr and "damaged" not in result.stderr
    assert result.returncode == 3
    assert _digest(folder / "store.sqlite") == before


def test_read_only_store_file_is_one_line(sample_db: Path, read_only, cli: Run) -> None:
    """The file alone is read-only (a read-only bind mount of it: root ignores chmod)."""
    before = _digest(sample_db)
    read_only(sample_db)
    result = cli("articles", db=sample_db, ok=False)
    assert "is read-only" in result.stderr and result.returncode == 3
    assert _digest(sample_db) == before


LOCK_HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_store_locked_past_the_busy_timeout_says_it_waits_then_one_line(
    sample_db: Path, cli: Run
) -> None:
    open_store(str(sample_db)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(sample_db), "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = cli(
            "--analyst",
            "Waiting Analyst",
            "annotate",
            "1",
            "--kind",
            "place",
            "--start",
            "0",
            "--end",
            "3",
            db=sample_db,
            ok=False,
        )
    finally:
        holder.kill()
        holder.wait()
    assert "waiting for the store" in result.stderr
    assert "is locked" in result.stderr.splitlines()[-1]
    assert result.returncode == 3


def _old_store(path: Path) -> Path:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as con:
        command.upgrade(_alembic_config(con), "0001_initial")
        con.exec_driver_sql(
            "INSERT INTO analyst (name, initials, colour, created_at) "
            "VALUES ('Old Analyst', 'OA', '#4477AA', '2025-01-01 00:00:00')"
        )
    engine.dispose()
    return path


OPENER = """
import sys
from kursk_annotator.core.store import open_store
store = open_store(sys.argv[1])
print(len(store.backups), flush=True)
store.close()
"""


def test_three_processes_opening_an_old_store_at_once_all_succeed(tmp_path: Path) -> None:
    db = _old_store(tmp_path / "old.sqlite")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [r[1] for r in results]
    assert sorted(int(r[0]) for r in results) == [0, 0, 1]  # one migrated, with one backup
    assert len(list(tmp_path.glob("old.backup-*.sqlite"))) == 1
    with sqlite3.connect(db) as con:
        assert (
            con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )
    con.close()


def _fill(disk: Path, leave: int) -> None:
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_migration_on_a_full_disk_leaves_no_backup_and_the_old_store(
    tmp_path: Path, tiny_disk, cli: Run
) -> None:
    disk = tiny_disk(2048)
    db = _old_store(disk / "old.sqlite")
    before = _digest(db)
    _fill(disk, 8 * 1024)  # too little for the backup copy
    result = cli("articles", db=db, ok=False)
    assert "full" in result.stderr
    assert _digest(db) == before
    assert sorted(p.name for p in disk.iterdir() if p.name != "filler") in (
        ["old.sqlite"],
        ["old.sqlite", "old.sqlite.lock"],
    )


def test_migration_failing_after_the_backup_leaves_the_store_unmigrated(
    tmp_path: Path, tiny_disk, cli: Run
) -> None:
    disk = tiny_disk(2048)
    db = _old_store(disk / "old.sqlite")
    _fill(disk, db.stat().st_size + 12 * 1024)  # room for the backup, not the migration
    result = cli("articles", db=db, ok=None)
    (disk / "filler").unlink()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        names = [r[0] for r in con.execute("SELECT name FROM analyst")]
    con.close()
    assert names == ["Old Analyst"]
    if result.returncode == 0:  # the migration fitted after all: then it is complete
        assert revision == head_revision()
    else:
        assert "full" in result.stderr and revision == "0001_initial"
    for backup in disk.glob("old.backup-*"):
        assert backup.stat().st_size > 0


def test_old_store_in_read_only_folder_is_one_line(tmp_path: Path, read_only, cli: Run) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = _old_store(folder / "old.sqlite")
    before = _digest(db)
    read_only(folder)
    result = cli("articles", db=db, ok=False)
    assert "not writable" in result.stderr
    assert _digest(db) == before


def test_a_commands_own_writes_need_no_new_check(sample_db: Path, cli: Run) -> None:
    cli(
        "--analyst",
        "Writer",
        "annotate",
        "1",
        "--kind",
        "place",
        "--start",
        "0",
        "--end",
        "3",
        db=sample_db,
    )
    assert store_checks.checked_unchanged(sample_db)  # recorded when the command ended


CREATOR = """
import sys
from kursk_annotator.core.store import open_store
store = open_store(sys.argv[1])
print(int(store.created), flush=True)
store.close()
"""


def test_three_processes_creating_a_new_store_at_once(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CREATOR, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [r[1] for r in results]
    assert sorted(int(r[0]) for r in results) == [0, 0, 1]  # one created it
