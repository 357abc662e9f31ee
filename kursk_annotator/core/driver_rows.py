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

# Queries kept for the life of the app (module constants with named ``bindparam``s),
# compiled once per dialect: (the query itself, so its id stays its own; SQL; names of
# the positional parameters, or None when the driver takes them by name).
_COMPILED: dict[tuple[int, str], tuple[Any, str, tuple[str, ...] | None]] = {}


def _compiled_once(query: Any, dialect: Any) -> tuple[str, tuple[str, ...] | None]:
    key = (id(query), dialect.name)
    hit = _COMPILED.get(key)
    if hit is None:
        compiled = query.compile(dialect=dialect)
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        hit = _COMPILED[key] = (query, str(compiled), order)
    return hit[1], hit[2]


@contextmanager
def _executed(store: Store, query: Any, bound: dict[str, Any] | None = None) -> Iterator[Any]:
    """A driver cursor that has run ``query`` (IN lists expanded when compiled); with
    ``bound``, ``query`` is a constant compiled once and ``bound`` gives its parameters."""
    with store.engine.connect() as con:
        params: Any
        if bound is not None:
            sql, order = _compiled_once(query, con.dialect)
            params = bound if order is None else tuple(bound[name] for name in order)
        else:
            compiled = query.compile(
                dialect=con.dialect, compile_kwargs={"render_postcompile": True}
            )
            sql, params = str(compiled), compiled.params
            if compiled.positional:
                params = tuple(params[name] for name in compiled.positiontup or ())
        cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            yield cursor
        finally:
            cursor.close()


def driver_rows(
    store: Store, query: Any, bound: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """Every row of ``query`` at once. A query built once for the life of the app (a
    module constant) is compiled once when its parameters come as ``bound``: compiling
    was a fifth of reading an article's 10,000 rows for the reader."""
    with _executed(store, query, bound) as cursor:
        return cursor.fetchall()


def iter_driver_rows(store: Store, query: Any, batch: int) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query``, fetched ``batch`` at a time."""
    with _executed(store, query) as cursor:
        while rows := cursor.fetchmany(batch):
            yield from rows


def driver_batches(
    store: Store, query: Any, bound: dict[str, Any], batch: int
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a constant ``query`` (compiled once, as :func:`driver_rows` with
    ``bound``), ``batch`` at a time: a whole result is never held twice over."""
    with _executed(store, query, bound) as cursor:
        while rows := cursor.fetchmany(batch):
            yield rows
