"""Routine backups of a SQLite store: daily copies, the last seven kept, and restore.

Copies are taken with SQLite's online backup API (consistent while the app writes) into
``<user data>/backups/<store name>-<path hash>/<store name>-<UTC time>.sqlite``, each
written atomically. The app takes one in the background after start when the newest is
older than a day; ``kursk-annotator backups`` lists them (``--now`` takes one) and
``kursk-annotator restore FILE`` puts one back, refused while another process has the
store open. Before a restore the current state is itself backed up, so a restore never
loses anything either.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kursk_annotator.core import store_checks
from kursk_annotator.core.errors import StoreError, UserError

log = logging.getLogger(__name__)

KEEP = 7
EVERY = timedelta(days=1)
_STAMP = re.compile(r"-(\d{8}T\d{6}(?:\d{6})?Z)(?:-[a-z-]+)?\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    size: int

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "taken": self.taken.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "size": self.size,
        }


def backup_folder(store_path: Path) -> Path:
    from platformdirs import user_data_path

    key = hashlib.sha256(str(store_path.resolve()).encode("utf-8", "surrogateescape"))
    name = f"{store_path.stem}-{key.hexdigest()[:8]}"
    return user_data_path("kursk-annotator", appauthor=False) / "backups" / name


def list_backups(store_path: Path) -> list[Backup]:
    """The store's backups, newest first."""
    folder = backup_folder(store_path)
    found = []
    for path in folder.glob("*.sqlite") if folder.is_dir() else []:
        match = _STAMP.search(path.name)
        if not match:
            continue
        stamp = match.group(1)
        fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
        taken = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
        found.append(Backup(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def backup_due(store_path: Path, now: datetime | None = None) -> bool:
    backups = list_backups(store_path)
    return not backups or (now or datetime.now(UTC)) - backups[0].taken >= EVERY


def take_backup(store_path: Path, label: str = "") -> Backup:
    """Copy the store now (atomically) and keep only the newest ``KEEP`` routine copies."""
    from kursk_annotator.core.store import copy_sqlite

    folder = backup_folder(store_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the backup folder {folder}: {exc.strerror}") from None
    now = datetime.now(UTC)
    suffix = f"-{label}" if label else ""
    target = folder / f"{store_path.stem}-{now.strftime('%Y%m%dT%H%M%S%fZ')}{suffix}.sqlite"
    copy_sqlite(store_path, target)
    routine = [b for b in list_backups(store_path) if "-before-" not in b.path.name]
    for old in routine[KEEP:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, now, target.stat().st_size)


def routine_backup(store_path: Path) -> Backup | None:
    """Take a backup if the newest is older than a day; errors are logged, not raised."""
    try:
        if backup_due(store_path):
            return take_backup(store_path)
    except Exception:  # a failed routine backup must never disturb the user's work
        log.exception("routine backup of %s failed", store_path)
    return None


def start_routine_backup(store_path: Path | None) -> threading.Thread | None:
    """Run :func:`routine_backup` on a background thread (for the app after start)."""
    if store_path is None or not store_path.exists():
        return None
    thread = threading.Thread(
        target=routine_backup, args=(store_path,), name="routine-backup", daemon=True
    )
    thread.start()
    return thread


def _check_backup_file(path: Path) -> None:
    from kursk_annotator.core.store import _check_revision

    if not path.is_file():
        raise UserError(f"{path} does not exist: see 'kursk-annotator backups'")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            store_checks.quick_check(con, path)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            row = (
                con.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} is not a readable store ({exc}): choose another backup") from None
    _check_revision(str(path), bool(tables), row[0] if row else None)


def restore_backup(store_path: Path, backup: Path) -> Backup:
    """Replace the store's content with ``backup``'s; returns the copy taken just before.

    Refused while any other connection has the store open: SQLite lets a connection
    leave WAL mode only when it is the only one, which is exactly the test needed.
    """
    _check_backup_file(backup)
    store_checks.check_writable(store_path)
    con = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    try:
        try:
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlite3.OperationalError:
            mode = "busy"
        if mode != "delete":
            raise StoreError(
                f"the store {store_path} is open in another window or command: close it "
                "and run restore again"
            )
        before = take_backup(store_path, "before-restore")
        src = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
        try:
            src.backup(con)  # in one transaction of the store's journal: all or nothing
        finally:
            src.close()
        con.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise store_checks.sqlite_error(store_path, exc) from None
    finally:
        con.close()
    store_checks.remember_good(store_path)
    return before
