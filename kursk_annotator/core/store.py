"""Open the annotation store: resolve the location, check it, migrate it, connect.

The default store is a SQLite file in the platform's user-data directory; ``--db`` or
``KURSK_ANNOTATOR_DB`` name another file or any SQLAlchemy URL (PostgreSQL for teams).

Opening is careful with the user's data. The file is first inspected read-only; a file
that is not a SQLite database, a database of another program, or one written by a newer
version of Kursk Annotator is refused with a one-line message and left byte-for-byte
untouched. Before a migration changes an existing SQLite file, a backup copy is taken
next to it.
"""

from __future__ import annotations

import atexit
import logging
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from kursk_annotator.core import store_checks, values
from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.schema_version import (  # noqa: F401  (imported from here too)
    MIGRATIONS_DIR,
    _alembic_config,
    _check_revision,
    _known_revisions,
    head_revision,
    revision_graph,
)
from kursk_annotator.core.store_lock import lock_path, migration_lock

log = logging.getLogger(__name__)

ENV_DB = "KURSK_ANNOTATOR_DB"
SQLITE_MAGIC = store_checks.SQLITE_MAGIC


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("kursk-annotator", appauthor=False) / "annotations.sqlite"


def resolve_db_url(target: str | None) -> tuple[str, bool]:
    """Return (SQLAlchemy URL, is_default) for ``--db``, the environment, or the default."""
    if target is not None and not target.strip():
        raise StoreError("--db is empty: give a database file path or URL, or leave --db out")
    target = target or os.environ.get(ENV_DB) or None
    if target is None:
        return f"sqlite:///{default_db_path()}", True
    if "://" in target:
        try:
            make_url(target)
        except (ArgumentError, ValueError):
            raise StoreError(
                f"cannot read database URL {target!r}: give a file path or a URL such as "
                "postgresql+psycopg://user:password@host/dbname"
            ) from None
        return target, False
    return f"sqlite:///{Path(target).expanduser().resolve()}", False


@dataclass(eq=False)  # hashable by identity (kept in a WeakSet)
class Store:
    """An open, migrated store: an engine plus a session factory."""

    url: str
    engine: Engine
    is_default: bool = False
    created: bool = False
    backups: list[Path] = field(default_factory=list)
    # Called once (from a watcher thread) when a write waits for another writer's lock.
    on_wait: Callable[[], None] | None = None
    # A team store (PostgreSQL with the rights of core/team/security.py): identity is the
    # database login and history is written by the database's triggers.
    team: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        database = self.engine.url.database
        return Path(database) if self.is_sqlite and database else None

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False, info={"history_by_triggers": self.team})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        with self.session() as session, session.begin():
            yield session

    def describe(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None:
            # Our own writes do not call for a new check on the next open.
            store_checks.remember_good(self.path)


_sqlite_state = store_checks.sqlite_state  # read-only: is it whole, which schema


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A copy of the store before a migration, complete or not there at all."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}-{revision}{path.suffix or '.sqlite'}")
    copy_sqlite(path, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a store with SQLite's online backup API (consistent even with a WAL beside
    it and writers at work) into ``target``, atomically: a full disk or a kill leaves
    no partial copy."""
    from kursk_annotator.core.atomic_file import atomic_path

    try:
        with atomic_path(target) as temp:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
    except sqlite3.Error as exc:
        raise store_checks.sqlite_error(target, exc) from None


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a process crash; only power loss may drop the
    # last commits, and never corrupts the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _server_refusal(context: sa.engine.ExceptionContext) -> None:
    """A team store's refusal (row-level security) or a connection lost mid-command
    becomes one line (StoreError) for every caller, GUI and CLI alike."""
    if context.is_pre_ping:  # the pool is testing a connection: let it recover
        return
    from kursk_annotator.core.team.schema import database_refusal

    exc = context.sqlalchemy_exception
    if exc is None:
        return
    refusal = database_refusal(exc)
    if refusal is None and context.connection is None and context.engine is not None:
        from kursk_annotator.core.team.schema import server_error

        refusal = server_error(context.engine.url, exc)  # type: ignore[arg-type]
    if refusal is not None:
        raise refusal


def _make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            engine = sa.create_engine(url, connect_args={"check_same_thread": False})
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        else:
            # A host that never answers must not hang the command.
            connect_args = {} if "connect_timeout" in url else {"connect_timeout": 10}
            engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
            sa.event.listen(engine, "handle_error", _server_refusal)
        # Both stores accept and refuse the same values (lengths, NUL, integer range).
        values.install(engine)
        return engine
    except (NoSuchModuleError, ModuleNotFoundError, ImportError) as exc:
        driver = make_url(url).drivername
        hint = (
            "pip install 'kursk-annotator[postgres]'"
            if driver.startswith("postgresql")
            else "install the Python driver for that database, or use SQLite or PostgreSQL"
        )
        raise StoreError(f"no database driver for {driver} ({exc}): {hint}") from None


def _upgrade_sqlite(engine: Engine) -> None:
    """Migrate with foreign keys off, as SQLite asks: a batch migration copies a table
    (analyst, annotation, ...) and drops the old one, which other rows refer to. The keys
    are checked before the migration commits, then switched on again."""
    from alembic import command  # only when a migration is due (0.1-0.2 s to import)

    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # no-op inside a transaction
        connection.commit()
        try:
            with connection.begin():
                command.upgrade(_alembic_config(connection), "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(
                        f"migrating left {len(broken)} broken reference(s) in table "
                        f"{broken[0][0]}: the database was not changed; report this"
                    )
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def open_store(target: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store named by ``target``."""
    url, is_default = resolve_db_url(target)
    if not url.startswith("sqlite:///"):
        return _open_server(url, is_default)
    sqlite_path = Path(url.removeprefix("sqlite:///"))
    if is_default:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    elif not sqlite_path.parent.is_dir():
        raise StoreError(
            f"folder {sqlite_path.parent} does not exist: create it or choose another path",
            cli_hint="--db FILE",
        )
    store_checks.check_writable(sqlite_path)
    backups: list[Path] = []
    revision: str | None = None
    if sqlite_path.exists():
        has_tables, revision = _sqlite_state(sqlite_path)
        if has_tables and revision is None and lock_path(sqlite_path).exists():
            # Tables without a revision beside a migration lock: perhaps a store another
            # process is creating right now. Judged again under the lock, once it is done.
            needs_migration = True
        else:
            needs_migration = _check_revision(str(sqlite_path), has_tables, revision)
    else:
        needs_migration = True
    created = revision is None
    engine = _make_engine(url)
    try:
        if needs_migration:
            # One process migrates; the others wait here, then find the store current.
            with migration_lock(sqlite_path):
                has_tables, revision = (
                    _sqlite_state(sqlite_path) if sqlite_path.exists() else (False, None)
                )
                created = revision is None  # another process may have created it meanwhile
                if _check_revision(str(sqlite_path), has_tables, revision):
                    if revision is not None:
                        backups.append(_backup_sqlite(sqlite_path, revision))
                    _upgrade_sqlite(engine)
        else:
            with engine.connect():
                pass  # fail here, with one line, rather than at the first query
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise store_checks.sqlite_error(sqlite_path, exc) from None
    store_checks.remember_good(sqlite_path)
    log.info("opened %s%s", sqlite_path, f"; backed up to {backups[0]}" if backups else "")
    store = Store(url=url, engine=engine, is_default=is_default, created=created, backups=backups)
    _watch_for_waits(store)
    _OPEN_STORES.add(store)
    return store


# Stores still open when the process ends are closed then, so a command that ends without
# closing still records its own writes as checked (weakly held: tests open thousands).
_OPEN_STORES: weakref.WeakSet[Store] = weakref.WeakSet()


@atexit.register
def _close_open_stores() -> None:
    for store in list(_OPEN_STORES):
        store.close()


def _open_server(url: str, is_default: bool) -> Store:
    engine = _make_engine(url)
    try:
        with engine.begin() as connection:
            # A server: only 'team init/upgrade' change its schema.
            from kursk_annotator.core.team.schema import check_server_schema

            check_server_schema(connection)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        from kursk_annotator.core.team.schema import server_error

        raise server_error(engine.url, exc) from None
    log.info("opened %s", engine.url.render_as_string(hide_password=True))
    return Store(url=url, engine=engine, is_default=is_default, team=True)


# A write that has not finished after this long is waiting for another writer's lock.
WAIT_NOTICE_SECONDS = 1.0


def _watch_for_waits(store: Store) -> None:
    """Call ``store.on_wait`` once when a write waits for the lock of another process.

    SQLite waits up to its busy timeout (5 s) for another writer; a command that seems to
    hang should say why. One watcher thread per store, started on the first write.
    """
    import threading
    import time

    state: dict[str, float | bool | None] = {"since": None, "told": False, "thread": False}

    def watch() -> None:
        while True:
            time.sleep(0.25)
            since = state["since"]
            if (
                isinstance(since, float)
                and not state["told"]
                and time.monotonic() - since > WAIT_NOTICE_SECONDS
                and store.on_wait is not None
            ):
                state["told"] = True
                store.on_wait()

    writes = ("INSERT", "UPDATE", "DELETE", "BEGIN", "CREATE", "DROP", "ALTER")

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip()[:6].upper().startswith(writes):
            if not state["thread"]:
                state["thread"] = True
                threading.Thread(target=watch, name="store-wait", daemon=True).start()
            state["since"] = time.monotonic()

    def after(*_args: object) -> None:
        state["since"] = None

    sa.event.listen(store.engine, "before_cursor_execute", before)
    sa.event.listen(store.engine, "after_cursor_execute", after)
    sa.event.listen(store.engine, "handle_error", after)
    sa.event.listen(store.engine, "commit", lambda _c: after())
