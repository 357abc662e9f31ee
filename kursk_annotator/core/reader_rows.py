"""An article's annotations as the reader lists them: one plain tuple each, in text order.

Both the store's service (``AnnotationService.list_rows``) and the first look at a local
store (``core.first_look``) read them with this one query and this one assembly, so the
window keeps the rows it was shown first once the store is open for work.

The query asks the database neither to sort nor to join: SQLite sorts such wide rows
(quotes and notes included) in a temporary B-tree, which with the join to the analysts
took half of reading an article's 10,000 rows (35 ms against 17 here). The analysts'
names come from their small table, and the rows are put in text order here, by stable
sorts on single columns -- each run in C over rows the store hands back nearly in order.

A long, heavily annotated article is read in parts (``ui.article_state``): the rows
starting in its first screens (:data:`SQL_STARTING_IN`), shown with the text, then the
rest a part at a time once that first view is on screen. :data:`COUNTS_SQL` counts the whole
article meanwhile, so the counts shown never depend on how much has been read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

# (id, kind, start, end, analyst id, status, quote, note) of an article's live rows.
SQL = (
    "SELECT id, kind, start_offset, end_offset, analyst_id, status, quote, note "
    "FROM annotation WHERE article_id = ? AND deleted_at IS NULL"
)
# The same rows, those whose start lies in [?, ?) (code points).
SQL_STARTING_IN = SQL + " AND start_offset >= ? AND start_offset < ?"
# Live annotations per (kind, status): read from an index that holds all four columns.
COUNTS_SQL = (
    "SELECT kind, status, count(*) FROM annotation "
    "WHERE article_id = ? AND deleted_at IS NULL GROUP BY kind, status"
)
ANALYST_NAMES_SQL = "SELECT id, name FROM analyst"
# Past any offset a text can have: the upper bound of "from here to the end".
END_OF_TEXT = 2**31 - 1

_ID, _START, _END = itemgetter(0), itemgetter(2), itemgetter(3)

Row = tuple[int, str, int, int, str, str, str, str]


def assemble(
    batches: Iterable[Sequence[tuple[Any, ...]]],
    analyst_names: dict[int, str],
    make: Callable[[tuple], Any] | None = None,
) -> list[Any]:
    """The rows of ``batches`` (as :data:`SQL` reads them) with each analyst's name for
    its id, in text order: by start, then end, then id (how the reader files them).

    The rows share one string per kind, analyst and status (the driver makes a new one
    for each value: 16 MiB of copies at 100,000 rows). ``make`` turns each tuple into
    the caller's row type (``tuple.__new__`` of a named tuple, say) as it is read.
    """
    shared: dict[str, str] = {}
    same = shared.setdefault
    name_of = analyst_names.__getitem__
    out: list[Any] = []
    for batch in batches:
        if not batch:
            continue
        ids, kinds, starts, ends, analysts, statuses, quotes, notes = zip(*batch, strict=True)
        names = map(name_of, analysts)
        columns = zip(
            ids,
            map(same, kinds, kinds),
            starts,
            ends,
            names,
            map(same, statuses, statuses),
            quotes,
            notes,
            strict=True,
        )
        out.extend(map(make, columns) if make is not None else columns)
    # Stable sorts, least significant key first: (start, end, id), no key tuple per row.
    out.sort(key=_ID)
    out.sort(key=_END)
    out.sort(key=_START)
    return out
