"""An article's annotations as the reader lists them: one plain tuple each, in text order.

Both the store's service (``AnnotationService.list_rows``) and the first look at a local
store (``core.first_look``) read them with this one query and this one assembly, so the
window keeps the rows it was shown first once the store is open for work.

The query asks the database neither to sort nor to join: SQLite sorts such wide rows
(quotes and notes included) in a temporary B-tree, which with the join to the analysts
took half of reading an article's 10,000 rows (35 ms against 17 here). The analysts'
names come from their small table, and the rows are put in text order here, by stable
sorts on single columns -- each run in C over rows the store hands back nearly in order.
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
ANALYST_NAMES_SQL = "SELECT id, name FROM analyst"

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
