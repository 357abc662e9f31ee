"""``check`` and ``recover``: the full integrity check of a SQLite store, and a new store
built from whatever rows of a damaged one can still be read.

Both open the store read-only and never change it (not even its journal files when they
can be avoided); ``recover`` writes its result atomically to a file that did not exist.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kursk_annotator.core.errors import StoreError, UserError

# How many problems ``check`` lists at most (a badly damaged file has thousands).
MAX_PROBLEMS = 20


def sqlite_file(target: str | None) -> Path:
    """The SQLite file named by --db (or the default); a server URL is refused."""
    from kursk_annotator.core.store import resolve_db_url

    url, _ = resolve_db_url(target)
    if not url.startswith("sqlite:///"):
        raise UserError(
            "this works on SQLite store files; a PostgreSQL server checks and backs up its "
            "own databases (ask its administrator)"
        )
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        raise StoreError(f"there is no store at {path}: check --db")
    return path


def _read_only(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return con
    except sqlite3.DatabaseError:
        # immutable: reads the file alone, creates nothing beside it
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def check_store(path: Path) -> list[str]:
    """Problems found by SQLite's full integrity and foreign-key checks (empty if none)."""
    con = _read_only(path)
    try:
        try:
            rows = con.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        if not problems:
            try:
                for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
                    problems.append(f"{table} row {rowid} refers to a missing {parent}")
                    if len(problems) >= MAX_PROBLEMS:
                        break
            except sqlite3.DatabaseError as exc:
                problems.append(str(exc))
        return problems
    finally:
        con.close()


@dataclass
class RecoverReport:
    output: Path
    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)  # rows read but not storable
    unreadable: list[str] = field(default_factory=list)  # tables with damaged parts

    def summary(self) -> str:
        kept = ", ".join(f"{t} {n}" for t, n in self.kept.items())
        line = f"recovered into {self.output}: {kept}"
        if any(self.lost.values()):
            line += "; left out (refer to lost rows): " + ", ".join(
                f"{t} {n}" for t, n in self.lost.items() if n
            )
        if self.unreadable:
            line += "; damaged parts skipped in: " + ", ".join(self.unreadable)
        return line + "; the original store was not changed"


def _rows(
    con: sqlite3.Connection, table: str, columns: list[str], report: RecoverReport
) -> Iterator[tuple[Any, ...]]:
    """Every readable row of ``table`` in rowid order, jumping over damaged pages."""
    names = ", ".join(f'"{c}"' for c in columns)
    last = 0  # rowids of our tables start at 1
    while True:
        try:
            for row in con.execute(
                f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid', (last,)
            ):
                last = row[0]
                yield row[1:]
            return
        except sqlite3.DatabaseError:
            if table not in report.unreadable:
                report.unreadable.append(table)
            step = 1
            while step < 2**40:  # find where the table can be read again
                try:
                    con.execute(
                        f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1',
                        (last + step,),
                    ).fetchall()
                    break
                except sqlite3.DatabaseError:
                    step *= 2
            else:
                return
            last += step


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def recover_store(source: Path, output: Path) -> RecoverReport:
    """Write a new, current store at ``output`` holding every readable row of ``source``."""
    from sqlmodel import SQLModel

    from kursk_annotator.core import models  # noqa: F401  (registers the tables)
    from kursk_annotator.core.atomic_file import atomic_path
    from kursk_annotator.core.exchange import orphans  # noqa: F401
    from kursk_annotator.core.store import open_store

    output = output.expanduser().resolve()
    if output.exists():
        raise UserError(f"{output} exists: recover into a new file name")
    if output == source.resolve():
        raise UserError("recover into a new file, never over the damaged store")
    if not output.parent.is_dir():
        raise UserError(f"folder {output.parent} does not exist: create it or choose another")
    report = RecoverReport(output)
    src = _read_only(source)
    try:
        try:
            src.execute("SELECT name FROM sqlite_master").fetchall()
        except sqlite3.DatabaseError:
            raise StoreError(
                f"the list of tables of {source} is damaged, so nothing can be read from it: "
                "restore a backup (see 'kursk-annotator backups')"
            ) from None
        with atomic_path(output) as temp:
            open_store(str(temp)).close()  # an empty store at the current schema
            dst = sqlite3.connect(temp, isolation_level=None)
            try:
                dst.execute("PRAGMA foreign_keys=OFF")
                dst.execute("BEGIN")
                present: dict[str, set[object]] = {}
                for table in SQLModel.metadata.sorted_tables:
                    _copy_table(src, dst, table, present, report)
                dst.execute("COMMIT")
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
    finally:
        src.close()
    return report


def _copy_table(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    table: Any,
    present: dict[str, set[object]],
    report: RecoverReport,
) -> None:
    """Copy one table's readable rows; a row whose parent row was lost is left out (or,
    where the reference is optional, kept without it)."""
    source_columns = set(_columns(src, table.name))
    columns = [c.name for c in table.columns if c.name in source_columns]
    kept = lost = 0
    ids: set[object] = set()
    if columns:
        fks = [
            (columns.index(fk.parent.name), fk.column.table.name, fk.parent.nullable)
            for fk in table.foreign_keys
            if fk.parent.name in columns
        ]
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        insert = f'INSERT OR IGNORE INTO "{table.name}" ({quoted}) VALUES ({marks})'
        for row in _rows(src, table.name, columns, report):
            values = list(row)
            ok = True
            for index, parent, nullable in fks:
                if values[index] is not None and values[index] not in present.get(parent, set()):
                    if nullable:
                        values[index] = None
                    else:
                        ok = False
            if ok:
                try:
                    dst.execute(insert, values)
                except sqlite3.DatabaseError:
                    ok = False
            if ok:
                kept += 1
                if "id" in columns:
                    ids.add(values[columns.index("id")])
            else:
                lost += 1
    present[table.name] = ids
    report.kept[table.name] = kept
    report.lost[table.name] = lost
