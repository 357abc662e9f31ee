"""One rule for what a store keeps, so SQLite and PostgreSQL accept and refuse the same.

SQLite stores almost anything: strings longer than their declared length, NUL
characters, integers of 64 bits, NaN in JSON text. PostgreSQL refuses each of these, in
the middle of a transaction and with a driver error. So every INSERT and UPDATE of the
app's tables is checked here first (an engine event sees the ORM's and Core's writes
alike), and a value no store could keep is refused with one line, on both stores.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kursk_annotator.core.errors import UserError

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
MAX_JSON_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")


def _what(table: str, column: str) -> str:
    return f"{table} {column.replace('_', ' ')}"


def check_text(value: str, what: str, max_length: int | None = None) -> None:
    if "\x00" in value:
        raise UserError(
            f"the {what} contains a NUL character (\\0), which no store keeps: remove it"
        )
    if not value.isascii() and _SURROGATE.search(value):  # ASCII has no surrogates
        raise UserError(
            f"the {what} is not valid Unicode (it holds a lone surrogate, perhaps from "
            "bytes that were not UTF-8): correct the text"
        )
    if max_length is not None and len(value) > max_length:
        raise UserError(
            f"the {what} is {len(value):,} characters long, more than the {max_length:,} a "
            "store keeps: shorten it"
        )


def check_integer(value: int, what: str, big: bool = False) -> None:
    low, high = (BIGINT_MIN, BIGINT_MAX) if big else (INT_MIN, INT_MAX)
    if not low <= value <= high:
        raise UserError(
            f"the {what} {value} is outside the range a store keeps ({low:,} to {high:,}): "
            "give a smaller number"
        )


def check_json(value: Any, what: str, depth: int = 0) -> None:
    """Strings, numbers and nesting inside a JSON value (attributes, history)."""
    if depth > MAX_JSON_DEPTH:
        raise UserError(f"the {what} is nested more than {MAX_JSON_DEPTH} levels deep: flatten it")
    if isinstance(value, str):
        check_text(value, what)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        check_integer(value, what, big=True)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise UserError(f"the {what} holds {value}, which is not a number a store keeps")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_text(str(key), what)
            check_json(item, what, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_json(item, what, depth + 1)


# Per table, per column key: (is JSON, what it is called, its length, is a BigInteger).
_Column = tuple[bool, str, int | None, bool]
_columns_of: weakref.WeakKeyDictionary[sa.Table, dict[str, _Column]] = weakref.WeakKeyDictionary()


def _columns(table: sa.Table) -> dict[str, _Column]:
    """What check_row needs of each column, read from the table once: each write was
    looking every column up and naming it again (a fifth of storing a new tag)."""
    columns = _columns_of.get(table)
    if columns is None:
        columns = _columns_of[table] = {
            column.key: (
                isinstance(column.type, sa.JSON),
                _what(table.name, column.name),
                getattr(column.type, "length", None),
                isinstance(column.type, sa.BigInteger),
            )
            for column in table.c
        }
    return columns


def check_row(table: sa.Table, row: Mapping[str, Any]) -> None:
    """Refuse a row (column key -> value) that one of the stores could not keep."""
    columns = _columns(table)
    for key, value in row.items():
        if value is None:
            continue
        column = columns.get(key)
        if column is None:
            continue
        is_json, what, length, big = column
        if is_json:
            check_json(value, what)
        elif isinstance(value, str):
            check_text(value, what, length)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            check_integer(value, what, big=big)
        elif isinstance(value, float) and not math.isfinite(value):
            raise UserError(f"the {what} is {value}, which is not a number a store keeps")


def _before_execute(
    _conn: sa.Connection,
    clause: Any,
    multiparams: Any,
    params: Mapping[str, Any] | None,
    _options: Any,
) -> None:
    if not isinstance(clause, (sa.Insert, sa.Update)) or not isinstance(clause.table, sa.Table):
        return
    table = clause.table
    if params:
        check_row(table, params)
    for batch in multiparams or ():
        rows = batch if isinstance(batch, (list, tuple)) else [batch]
        for row in rows:
            if isinstance(row, Mapping):
                check_row(table, row)
    values = getattr(clause, "_values", None)  # insert(...).values(...) holds its own
    if values:
        plain = {
            getattr(k, "key", k): getattr(v, "value", None)
            for k, v in values.items()
            if isinstance(getattr(v, "value", None), (str, int, float, dict, list))
        }
        check_row(table, plain)


def install(engine: Engine) -> None:
    """Check every INSERT and UPDATE through ``engine`` before it reaches the database."""
    sa.event.listen(engine, "before_execute", _before_execute)
