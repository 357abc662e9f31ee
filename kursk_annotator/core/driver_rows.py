"""Rows of a SQLAlchemy query as the database driver returns them.

Where a whole article or library is read (the reader's rows, the comparison's figures,
``--json`` of every annotation), SQLAlchemy's per-row result handling costs more than
the query itself. These columns need no conversion, so the driver's own tuples are used.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kursk_annotator.core.store import Store


@contextmanager
def _executed(store: Store, query: Any) -> Iterator[Any]:
    """A driver cursor that has run ``query`` (IN lists expanded when compiled)."""
    with store.engine.connect() as con:
        compiled = query.compile(dialect=con.dialect, compile_kwargs={"render_postcompile": True})
        params: Any = compiled.params
        if compiled.positional:
            params = tuple(params[name] for name in compiled.positiontup or ())
        cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled), params)
            yield cursor
        finally:
            cursor.close()


def driver_rows(store: Store, query: Any) -> list[tuple[Any, ...]]:
    """Every row of ``query`` at once."""
    with _executed(store, query) as cursor:
        return cursor.fetchall()


def iter_driver_rows(store: Store, query: Any, batch: int) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query``, fetched ``batch`` at a time."""
    with _executed(store, query) as cursor:
        while rows := cursor.fetchmany(batch):
            yield from rows
