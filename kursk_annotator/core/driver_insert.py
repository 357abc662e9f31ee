"""One row inserted by its SQL string, compiled once: the cheap way to store a tag.

Tagging a span stores two rows (the annotation and its history entry). Through
SQLAlchemy's Core ``execute`` each costs about 0.3 ms of Python before the database is
reached (a cache key, the compiled statement's parameters, a result object), a third
of the whole add in the reader. Here the INSERT is compiled once per dialect and run
with ``exec_driver_sql``: the transaction, the pool, the cursor events (the store's
wait notice) and the wrapping of driver errors stay SQLAlchemy's; only the statement
building is skipped. Values are converted by the column types' own bind processors
and checked by :func:`core.values.check_row`, as every other write is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from kursk_annotator.core.values import check_row


class DriverInsert:
    """``INSERT INTO table (columns...)`` for one dialect, optionally handing back ``id``."""

    def __init__(
        self, table: sa.Table, columns: Sequence[str], dialect: Any, returning_id: bool
    ) -> None:
        self.table = table
        statement: Any = sa.insert(table).values({k: sa.bindparam(k) for k in columns})
        if returning_id:
            statement = statement.returning(table.c.id)
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        order = compiled.positiontup if compiled.positional else None
        if order is None or sorted(order) != sorted(columns):
            raise ValueError(f"{dialect.name}: not a positional INSERT of {columns}")
        types = {key: table.c[key].type.dialect_impl(dialect) for key in order}
        # (column, bind processor) in parameter order, and each column's result processor.
        self._convert: tuple[tuple[str, Callable[[Any], Any] | None], ...] = tuple(
            (key, types[key].bind_processor(dialect)) for key in order
        )
        self._bind = dict(self._convert)
        self._back: dict[str, Callable[[Any], Any] | None] = {
            key: types[key].result_processor(dialect, None) for key in order
        }

    def run(self, connection: sa.Connection, row: Mapping[str, Any]) -> Any:
        """Insert ``row`` (column key -> value); with ``returning_id``, the new row's id."""
        check_row(self.table, row)
        params = tuple(
            row[key] if convert is None or row[key] is None else convert(row[key])
            for key, convert in self._convert
        )
        result = connection.exec_driver_sql(self.sql, params)
        return result.scalar_one() if result.returns_rows else None

    def as_read(self, key: str, value: Any) -> Any:
        """``value`` of column ``key`` as reading the stored row would give it back (a
        date as the column's type reads it, JSON as a new dict)."""
        convert, back = self._bind[key], self._back[key]
        stored = value if convert is None or value is None else convert(value)
        return stored if back is None or stored is None else back(stored)
