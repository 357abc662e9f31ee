"""A first look at a local store: its library and an article, read with ``sqlite3`` alone.

Opening a store for work imports SQLAlchemy, SQLModel and pydantic and defines the
tables' classes: about 0.7 s on a quiet 2-core machine, more than everything the window
then does to show the data. The desktop app shows the library and the first article
from a first look instead, right after its window has painted, and opens the store for
work (:func:`core.workspace.open_workspace`) once that data is on screen.

The first look makes the same checks as opening does, before anything is read: the
folder and the file writable, the file a SQLite database, whole (``PRAGMA quick_check``
when it changed since its last good check) and of a schema this version knows. A store
it cannot vouch for this way (a server, a new store, the default store while the sample
corpus is still being loaded, a migration due, a name not yet among the analysts) gets no
first look: :func:`first_look` returns None and the app opens it the usual way, which
explains any refusal in one line as before.

It reads only: the connection is read-only, and the rows are those the services return
(``ArticleService.list(light=True)`` and ``counts``, ``AnnotationService.article_text``,
``list_rows`` and ``kind_status_counts``, the analysts' names), so the window keeps them
when the store is open.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core import reader_rows, store_checks
from kursk_annotator.core.analyst_name import default_analyst_name
from kursk_annotator.core.errors import NotFoundError, StoreError
from kursk_annotator.core.names import normalise_name
from kursk_annotator.core.records import ArticleInfo
from kursk_annotator.core.schema_version import _check_revision

ENV_DB = "KURSK_ANNOTATOR_DB"  # core.store.ENV_DB, spelled here to keep SQLAlchemy out


class StillOpening(StoreError, AttributeError):
    """What a first look cannot do (write, search, read records): asked for in the moment
    before the store is open for work, it is one line, not a crash; an ``AttributeError``
    too, so ``hasattr`` and ``getattr(..., default)`` answer as for a missing attribute."""


class AnalystName(NamedTuple):
    """What a list of analysts shows (``AnalystService.all`` gives the stored records)."""

    name: str


class _LocalFile(NamedTuple):
    """What the window asks of ``workspace.store`` before the store is open for work."""

    path: Path
    team: bool = False
    is_sqlite: bool = True


# What each service of the first look answers itself; the rest goes to the open store.
_READS = {
    "articles": frozenset({"list", "counts"}),
    "annotations": frozenset({"article_text", "list_rows", "kind_status_counts"}),
    "analysts": frozenset({"all"}),
}


class _Service:
    """``articles``, ``annotations`` or ``analysts`` of a first look: the reads above from
    the look, anything else (a write, a search) from the store opened for work."""

    __slots__ = ("_look", "_name")

    def __init__(self, look: FirstLook, name: str) -> None:
        self._look = look
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        if attr in _READS[self._name]:
            return getattr(self._look, attr)
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(getattr(self._look.for_work(f"{self._name}.{attr}"), self._name), attr)


class FirstLook:
    """The read-only part of a :class:`~kursk_annotator.core.workspace.Workspace` that
    shows a store: ``articles``, ``annotations`` and ``analysts`` answer its reads.

    Anything else asked of it (a tag, a verdict, a search) needs the store opened for
    work: with ``open_for_work`` set (the app sets it while the store opens beside the
    window), it is asked for that workspace, waits for it if need be, and is answered
    by it; without, it raises :class:`StillOpening`.
    """

    def __init__(self, path: Path, analyst_name: str) -> None:
        self.store = _LocalFile(path)
        self.analyst_name = analyst_name
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.articles = _Service(self, "articles")
        self.annotations = _Service(self, "annotations")
        self.analysts = _Service(self, "analysts")
        # Returns the workspace opened for work (waiting for it), or raises its error.
        self.open_for_work: Callable[[], Any] | None = None

    def close(self) -> None:
        self._con.close()

    def for_work(self, what: str) -> Any:
        """The store opened for work, for ``what`` a first look cannot answer."""
        if self.open_for_work is None:
            raise StillOpening(
                f"the store is still opening ({what} is not available yet): try again in a moment"
            )
        return self.open_for_work()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.for_work(name), name)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise store_checks.sqlite_error(self.store.path, exc) from None

    # --- as ArticleService ------------------------------------------------------------

    def list(self, light: bool = True) -> list[ArticleInfo]:
        """Every article by id, as ``ArticleService.list(light=True)`` gives them."""
        rows = self._rows(
            "SELECT id, uid, title, outlet, author, url, published, language "
            "FROM article ORDER BY id"
        )
        return [ArticleInfo(*row[:6], _day(row[6]), row[7], None, None, None, None) for row in rows]

    def counts(self, article_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
        """Live, not rejected annotations per kind (as ``ArticleService.counts``)."""
        wanted = None if article_ids is None else sorted(set(article_ids))
        sql = (
            "SELECT article_id, kind, count(*) FROM annotation "
            "WHERE deleted_at IS NULL AND status != 'rejected'"
        )
        if wanted is not None:
            sql += f" AND article_id IN ({','.join('?' * len(wanted))})"
        sql += " GROUP BY article_id, kind"
        zero = dict.fromkeys(kind_registry.names(), 0)
        result: dict[int, dict[str, int]] = {i: dict(zero) for i in wanted or ()}
        for article_id, kind, count in self._rows(sql, wanted or ()):
            result.setdefault(article_id, dict(zero))[kind] = count
        return result

    # --- as AnnotationService ---------------------------------------------------------

    def article_text(self, article_id: int) -> str:
        rows = self._rows("SELECT text FROM article WHERE id = ?", (article_id,))
        if not rows or rows[0][0] is None:
            raise NotFoundError(f"no article with id {article_id}: check its number")
        return rows[0][0]

    def list_rows(
        self,
        article_id: int,
        make: Callable[[tuple], Any] | None = None,
        starts_in: tuple[int, int] | None = None,
    ) -> list[tuple[int, str, int, int, str, str, str, str]]:
        """An article's live annotations in text order (as ``AnnotationService.list_rows``:
        one string per kind, analyst and status; ``make`` builds the caller's rows)."""
        names = dict(self._rows(reader_rows.ANALYST_NAMES_SQL))
        if starts_in is None:
            rows = self._rows(reader_rows.SQL, (article_id,))
        else:
            rows = self._rows(reader_rows.SQL_STARTING_IN, (article_id, *starts_in))
        return reader_rows.assemble([rows], names, make)

    def kind_status_counts(self, article_id: int) -> dict[tuple[str, str], int]:
        """Live annotations per (kind, status), as ``AnnotationService.kind_status_counts``."""
        rows = self._rows(reader_rows.COUNTS_SQL, (article_id,))
        return {(kind, status): n for kind, status, n in rows}

    # --- as AnalystService ------------------------------------------------------------

    def all(self) -> list[AnalystName]:
        return [AnalystName(n) for (n,) in self._rows("SELECT name FROM analyst ORDER BY name")]


def default_db_path() -> Path:
    """``core.store.default_db_path()`` (a test holds them together), without SQLAlchemy."""
    from platformdirs import user_data_path

    return user_data_path("kursk-annotator", appauthor=False) / "annotations.sqlite"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def first_look(target: str | None, analyst: str | None) -> FirstLook | None:
    """A first look at the SQLite store ``target`` (``--db``), or None where the store
    must be opened the usual way first (see the module's notes).

    Raises StoreError, before anything is read, for a store that opening would refuse:
    damaged, not a SQLite database, written by a newer version.
    """
    target = target or os.environ.get(ENV_DB) or None
    if target is not None and ("://" in target or not target.strip()):
        return None  # a server, or an empty --db (opening explains it)
    path = default_db_path() if target is None else Path(target).expanduser().resolve()
    if not path.is_file() or path.stat().st_size == 0:
        return None  # a new store: created and migrated by opening
    if path.with_name(path.name + ".samples-pending").exists():
        return None  # a first start cut short: opening finishes loading the samples
    store_checks.check_writable(path)
    has_tables, revision = store_checks.sqlite_state(path)
    if _check_revision(str(path), has_tables, revision):
        return None  # a migration is due: opening takes a backup and migrates
    store_checks.remember_good(path)  # checked now: opening it next need not check again
    name = normalise_name(default_analyst_name(analyst), "analyst name")
    look = FirstLook(path, name)
    try:
        known = look._rows("SELECT 1 FROM analyst WHERE name = ?", (name,))
    except StoreError:
        look.close()
        raise
    if not known:
        look.close()  # a new analyst's name is checked (and stored) by opening
        return None
    return look
