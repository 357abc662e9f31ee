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

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from kursk_annotator.core.errors import StoreError

ENV_DB = "KURSK_ANNOTATOR_DB"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


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


@dataclass
class Store:
    """An open, migrated store: an engine plus a session factory."""

    url: str
    engine: Engine
    is_default: bool = False
    created: bool = False
    backups: list[Path] = field(default_factory=list)
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


def _sqlite_state(path: Path) -> tuple[bool, str | None]:
    """Inspect a SQLite file read-only: (has_any_tables, alembic revision or None)."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory: give the path of a database file with --db")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a SQLite database (corrupt or another kind of file): "
            "choose another file with --db or restore it from a backup"
        )
    if not header:
        return False, None  # an empty file: a new store
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
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
        raise StoreError(
            f"cannot read database {path} ({exc}): the file is damaged; "
            "restore it from a backup or choose another file with --db"
        ) from None
    return bool(tables), revision


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


def _backup_sqlite(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}-{revision}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # consistent even with a WAL beside the file
    finally:
        dst.close()
        src.close()
    return target


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a process crash; only power loss may drop the
    # last commits, and never corrupts the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            engine = sa.create_engine(url, connect_args={"check_same_thread": False})
            sa.event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        # A host that never answers must not hang the command.
        connect_args = {} if "connect_timeout" in url else {"connect_timeout": 10}
        return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
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
    backups: list[Path] = []
    created = False
    sqlite_path: Path | None = None
    if url.startswith("sqlite:///"):
        sqlite_path = Path(url.removeprefix("sqlite:///"))
        if is_default:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        elif not sqlite_path.parent.is_dir():
            raise StoreError(
                f"folder {sqlite_path.parent} does not exist: create it or choose another --db path"
            )
        if sqlite_path.exists():
            has_tables, revision = _sqlite_state(sqlite_path)
            needs_migration = _check_revision(str(sqlite_path), has_tables, revision)
            created = revision is None
            if needs_migration and revision is not None:
                backups.append(_backup_sqlite(sqlite_path, revision))
        else:
            created = True
    engine = _make_engine(url)
    team = False
    try:
        if sqlite_path is None:  # a server: only 'team init/upgrade' change its schema
            with engine.begin() as connection:
                from kursk_annotator.core.team.schema import check_server_schema

                check_server_schema(connection)
                team = True
        else:
            _upgrade_sqlite(engine)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        if sqlite_path is None:
            from kursk_annotator.core.team.schema import server_error

            raise server_error(engine.url, exc) from None
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreError(
            f"cannot open database {sqlite_path} ({reason}): check the path or URL, "
            "that the server is running and that you may write there"
        ) from None
    return Store(
        url=url,
        engine=engine,
        is_default=is_default,
        created=created,
        backups=backups,
        team=team,
    )
