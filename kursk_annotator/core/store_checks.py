"""Checks of a SQLite store file before it is used: can it be written, is it whole?

* The folder and the file must be writable: SQLite writes ``-wal`` and ``-shm`` files
  beside the store, so a read-only folder is reported as such (not as damage).
* A bounded integrity check (``PRAGMA quick_check``) runs on open only when the file
  changed since its last good check. What a good check saw (size and modification time
  of the file and its ``-wal``) is recorded in the user cache folder, so opening an
  unchanged store costs two ``stat`` calls and reading one small file. The store's own
  writes do not count as changes: the stamp is recorded again when the store is closed.
* Errors of the SQLite library are turned into one line that says what to do.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sqlite3
from pathlib import Path

from kursk_annotator.core.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"

CHECKS_FILE = "store-checks.json"
MAX_REMEMBERED = 50


def check_writable(path: Path) -> None:
    """Refuse a store that SQLite could not write, with the reason (folder or file)."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        verb = "holds" if path.exists() else "would hold"
        raise StoreError(
            f"the folder {folder} that {verb} the store is not writable (SQLite keeps "
            "its journal files beside the store): make the folder writable, or copy the "
            "store to a writable folder and open the copy",
            cli_hint="--db COPY",
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(
            f"the store {path} is read-only: make it writable (chmod u+w), or open a copy of it",
            cli_hint="--db COPY",
        )


def damaged(path: Path, detail: str) -> StoreError:
    # The commands name this store, so they can be pasted as they are (the app has no
    # window for recovery: it is the command line's).
    store = shlex.quote(str(path))
    return StoreError(
        f"the store {path} is damaged ({detail}): it was not changed; save what can be "
        f"read with 'kursk-annotator --db {store} recover RECOVERED.sqlite', or restore a "
        f"backup (list them with 'kursk-annotator --db {store} backups')"
    )


def _damage_found(answer: str) -> str:
    """What SQLite's integrity check found, in the words of its first finding (the
    report starts with a "*** in database main ***" banner that says nothing)."""
    for line in answer.splitlines():
        if line.strip() and not line.startswith("***"):
            return f"integrity check: {line.strip()}"
    return "integrity check failed"


def sqlite_error(path: Path | str, exc: BaseException) -> StoreError:
    """One line for an error of the SQLite library while using the store at ``path``."""
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"the store {path} is locked: another program has been writing to it for "
            "longer than Kursk Annotator waits (5 s); try again when it has finished"
        )
    if "full" in lowered or ("disk i/o" in lowered and _nearly_full(Path(path))):
        return StoreError(
            f"the disk holding the store {path} is full ({text}): free some space and "
            "try again; nothing was changed"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(
            f"the store {path} cannot be written ({text}): make the file and its folder "
            "writable, or open a copy of it",
            cli_hint="--db COPY",
        )
    if "malformed" in lowered or "not a database" in lowered:
        return damaged(Path(path), text)
    if "disk i/o" in lowered:
        return StoreError(
            f"the disk holding the store {path} failed to read or write ({text}): check "
            "the disk, then run 'kursk-annotator check'"
        )
    return StoreError(
        f"cannot use the store {path} ({text}): check the path and that you may write there"
    )


def _nearly_full(path: Path) -> bool:
    """SQLite reports a full disk as an I/O error when it cannot grow its shared memory."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        return False


# --- the record of good checks ------------------------------------------------------


def _checks_path() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("kursk-annotator", appauthor=False) / CHECKS_FILE


def stamp(path: Path) -> list[int]:
    """What changes when anyone writes the store: size and mtime of the file and -wal."""
    out: list[int] = []
    for part in (path, Path(f"{path}-wal")):
        try:
            st = part.stat()
            out += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [-1, -1]
    return out


def _read_checks() -> dict[str, list[int]]:
    try:
        data = json.loads(_checks_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def checked_unchanged(path: Path) -> bool:
    return _read_checks().get(str(path)) == stamp(path)


def remember_good(path: Path) -> None:
    """Record that ``path`` as it is now needs no new check (best effort, never fails)."""
    from kursk_annotator.core.atomic_file import write_text_atomic

    with contextlib.suppress(Exception):
        if not path.exists():
            return
        checks = _read_checks()
        checks.pop(str(path), None)
        checks[str(path)] = stamp(path)
        while len(checks) > MAX_REMEMBERED:  # oldest first: dicts keep insertion order
            checks.pop(next(iter(checks)))
        target = _checks_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(checks), durable=False)


def quick_check(con: sqlite3.Connection, path: Path) -> None:
    """Raise (damaged) unless SQLite's quick check of the open read-only ``con`` passes."""
    try:
        rows = con.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
    if rows != [("ok",)]:
        raise damaged(path, _damage_found(str(rows[0][0])) if rows else "no answer")


def sqlite_state(path: Path) -> tuple[bool, str | None]:
    """Inspect a SQLite file read-only: (has_any_tables, alembic revision or None).

    A file changed since its last good check is checked (``PRAGMA quick_check``) first;
    a damaged one is refused and left byte-for-byte as it was.
    """
    if path.is_dir():
        raise StoreError(
            f"{path} is a directory: give the path of a database file", cli_hint="--db FILE"
        )
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(
            f"cannot read the store {path} ({exc.strerror}): check its permissions"
        ) from None
    if header and header != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a SQLite database (corrupt or another kind of file): "
            "choose another file or restore it from a backup",
            cli_hint="--db FILE",
        )
    if not header:
        return False, None  # an empty file: a new store
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if not checked_unchanged(path):
                quick_check(con, path)
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise sqlite_error(path, exc) from None
    return bool(tables), revision
