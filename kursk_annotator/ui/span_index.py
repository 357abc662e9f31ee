"""Where the visible annotations lie, found per text block (line) for fast repaint.

Opening an article files its rows as they are, in code points: the index keeps the
rows themselves (sorted by start, as the store lists them) and a list of their starts,
and converts to Qt's UTF-16 positions only the spans of a line being painted. No span
object is made and no offset converted at open, so opening costs a pass over the rows
(about 1 ms for 10,000) and each painted line a lookup -- repaint and scroll work grows
with the visible text, not with the number of annotations.

The spans of a line are found by bisecting the starts for the line's range, widened by
the longest span; the few very long spans (whole paragraphs and more) are kept aside and
checked for every line, so they cannot widen every lookup. What the index answers is in
Qt (UTF-16) positions: :class:`Span`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import partial
from operator import itemgetter, le, methodcaller, sub
from typing import Any, NamedTuple

from kursk_annotator.core.text import Utf16Map

LONG_SPAN = 4096  # code points; longer spans go to the short list checked everywhere


class Span(NamedTuple):
    start: int  # UTF-16 position
    end: int
    kind: str
    annotation_id: int
    status: str = "accepted"  # review status: decides how the span is drawn


# An entry of the index is any tuple laid out as an ``AnnotationRow``: id, kind, start,
# end (code points) at 0-3 and status at 5. Rows read from the store are filed as they
# are; a span added later is filed as such a tuple (``_entry``).
_ID, _START, _END = itemgetter(0), itemgetter(2), itemgetter(3)
_new_span = partial(tuple.__new__, Span)
_NEWLINE = re.compile("\n")
_END_OF_MATCH = methodcaller("end")
Entry = Sequence[Any]


def _ascending(values: list[int]) -> bool:
    return all(map(le, values, values[1:]))  # in C: no Python call per value


def _entry(annotation_id: int, kind: str, start: int, end: int, status: str) -> tuple:
    return (annotation_id, kind, start, end, None, status)


class SpanIndex:
    def __init__(self, text: str, utf16: Utf16Map) -> None:
        self._map = utf16
        self._text = text  # the article's own string (no copy): line starts when asked
        self._block_starts: list[int] | None = None
        self._starts: list[int] = []  # entry starts (code points), ascending
        self._entries: list[Entry] = []  # in the same order
        self._long: list[Entry] = []
        self._max_len = 0  # of the entries in _entries, code points
        self._ids: dict[int, Entry] | None = None  # made on the first lookup by id
        # Position (UTF-16) -> block number, from the document showing the text when
        # there is one (the reader's): the line starts need not be computed then.
        self.block_finder: Any = None

    # --- lines -----------------------------------------------------------------------

    @property
    def block_starts(self) -> list[int]:
        """UTF-16 position where each line (= QTextBlock) starts, computed on first use:
        after each newline, found and read in C (no Python call per line, no copy)."""
        if self._block_starts is None:
            starts = [0, *map(_END_OF_MATCH, _NEWLINE.finditer(self._text))]
            self._block_starts = self._map.to_utf16_sorted(starts)
        return self._block_starts

    def block_of(self, position: int) -> int:
        if self.block_finder is not None:
            return self.block_finder(position)
        return bisect_right(self.block_starts, position) - 1

    def blocks_of(self, span: Span) -> range:
        return range(self.block_of(span.start), self.block_of(max(span.start, span.end - 1)) + 1)

    # --- filing --------------------------------------------------------------------

    def spans_for(self, rows: Iterable[tuple[int, str, int, int, str]]) -> list[Span]:
        """Spans (UTF-16) of ``(id, kind, start, end, status)`` rows (code points)."""
        rows = list(rows)
        if not rows:
            return []
        ids, kinds, starts, ends, statuses = zip(*rows, strict=True)
        starts16 = self._map.to_utf16_all(list(starts))
        ends16 = self._map.to_utf16_all(list(ends))
        return list(map(_new_span, zip(starts16, ends16, kinds, ids, statuses, strict=True)))

    def span_for(
        self, annotation_id: int, kind: str, start: int, end: int, status: str = "accepted"
    ) -> Span:
        """A span from code-point offsets (the one conversion point is Utf16Map)."""
        to_u16 = self._map.to_utf16
        return Span(to_u16(start), to_u16(end), kind, annotation_id, status)

    def _span(self, entry: Entry) -> Span:
        to_u16 = self._map.to_utf16
        return Span(to_u16(entry[2]), to_u16(entry[3]), entry[1], entry[0], entry[5])

    def _entry_of(self, span: Span) -> tuple:
        from_u16 = self._map.from_utf16
        return _entry(
            span.annotation_id, span.kind, from_u16(span.start), from_u16(span.end), span.status
        )

    def add(self, span: Span) -> range:
        """File one span (UTF-16); the lines to repaint are returned."""
        entry = self._entry_of(span)
        if self._ids is not None:
            self._ids[span.annotation_id] = entry
        length = entry[3] - entry[2]
        if length > LONG_SPAN:
            self._long.append(entry)
        else:
            i = bisect_right(self._starts, entry[2])
            self._starts.insert(i, entry[2])
            self._entries.insert(i, entry)
            self._max_len = max(self._max_len, length)
        return self.blocks_of(span)

    def add_all(self, spans: Iterable[Span]) -> None:
        """File many spans (UTF-16) at once."""
        self.add_rows(sorted(map(self._entry_of, spans), key=_START))

    def add_rows(self, rows: Sequence[Entry]) -> None:
        """File an article's rows (``AnnotationRow`` layout, code points) as they are.

        Rows read from the store come in text order: the sort below is one linear pass.
        Everything here runs in C (itemgetter, map, sort): no Python call per row.
        """
        if not rows:
            return
        self._ids = None
        lengths = list(map(sub, map(_END, rows), map(_START, rows)))
        longest = max(lengths)
        short = list(rows)
        if longest > LONG_SPAN:  # rare: whole paragraphs and more
            short = [r for r, n in zip(rows, lengths, strict=True) if n <= LONG_SPAN]
            self._long.extend(r for r, n in zip(rows, lengths, strict=True) if n > LONG_SPAN)
            longest = max((r[3] - r[2] for r in short), default=0)
        starts = list(map(_START, short))
        if self._entries and starts and starts[0] >= self._starts[-1] and _ascending(starts):
            # A long article's next part, after every row filed: appended, no pass over
            # the rows filed before.
            self._entries.extend(short)
            self._starts.extend(starts)
        else:
            merged = self._entries + short if self._entries else short
            merged.sort(key=_START)  # stable: the store's order (start, end, id) within a start
            self._entries = merged
            self._starts = list(map(_START, merged))
        self._max_len = max(self._max_len, longest)

    def _by_id(self) -> dict[int, Entry]:
        if self._ids is None:
            every = self._entries + self._long
            self._ids = dict(zip(map(_ID, every), every, strict=True))
        return self._ids

    def remove(self, annotation_id: int) -> range:
        entry = self._by_id().pop(annotation_id, None)
        if entry is None:
            return range(0)
        if entry[3] - entry[2] > LONG_SPAN:
            self._long.remove(entry)
        else:
            i = bisect_left(self._starts, entry[2])
            while self._entries[i][0] != annotation_id:
                i += 1
            del self._starts[i]
            del self._entries[i]
        return self.blocks_of(self._span(entry))

    def clear(self) -> None:
        self._starts.clear()
        self._entries.clear()
        self._long.clear()
        self._ids = None
        self._max_len = 0

    def get(self, annotation_id: int) -> Span | None:
        entry = self._by_id().get(annotation_id)
        return self._span(entry) if entry is not None else None

    # --- lookups -------------------------------------------------------------------

    def _touching(self, first: int, end: int) -> list[Entry]:
        """Entries overlapping code points ``first``..``end`` (a line's range)."""
        lo = bisect_left(self._starts, first - self._max_len)
        hi = bisect_left(self._starts, end)
        found = [e for e in self._entries[lo:hi] if e[3] > first]
        if self._long:
            found.extend(e for e in self._long if e[2] < end and e[3] > first)
        return found

    def in_range(self, first: int, end: int) -> list[Span]:
        """The spans that touch UTF-16 positions ``first``..``end`` (a painted line: its
        position and position + length), converted to UTF-16 for that line alone."""
        from_u16 = self._map.from_utf16
        return list(map(self._span, self._touching(from_u16(first), from_u16(end))))

    def in_block(self, block: int) -> list[Span]:
        """The spans that touch text block ``block``."""
        starts = self.block_starts
        if not 0 <= block < len(starts):
            return []  # not a line of this index's text
        end = starts[block + 1] if block + 1 < len(starts) else 1 << 62
        return self.in_range(starts[block], end)

    def at(self, position: int) -> list[Span]:
        """The spans covering UTF-16 ``position``, shortest first."""
        # A position inside a surrogate pair rounds down to its character, which the
        # spans covering that position cover too.
        point = self._map.from_utf16(position)
        hits = list(map(self._span, self._touching(point, point + 1)))
        return sorted(hits, key=lambda s: (s.end - s.start, s.start, s.kind, s.annotation_id))

    def __len__(self) -> int:
        return len(self._entries) + len(self._long)
