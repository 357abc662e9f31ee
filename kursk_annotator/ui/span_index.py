"""Where the visible annotations lie, found per text block (line) for fast repaint.

Spans are kept sorted by start; the spans of one block are found by bisecting for the
block's range, widened by the longest span, so opening an article costs one pass to
build the list and each painted block a lookup -- repaint and scroll work grows with the
visible text, not with the number of annotations. The few very long spans (whole
paragraphs and more) are kept aside and checked for every block, so they cannot widen
every lookup. Positions here are Qt (UTF-16) positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import partial
from operator import itemgetter, methodcaller, sub
from typing import NamedTuple

from kursk_annotator.core.text import Utf16Map

LONG_SPAN = 4096  # UTF-16 units; longer spans go to the short list checked everywhere


class Span(NamedTuple):
    start: int  # UTF-16 position
    end: int
    kind: str
    annotation_id: int
    status: str = "accepted"  # review status: decides how the span is drawn


# Made by C-level calls in bulk: ``tuple.__new__`` is what ``Span._make`` calls, less
# the Python frame around it (20,000 of those were a fifth of an article's opening).
_new_span = partial(tuple.__new__, Span)
_START, _END, _ID = itemgetter(0), itemgetter(1), itemgetter(3)
_START_OF_ROW = itemgetter(2)
_NEWLINE = re.compile("\n")
_END_OF_MATCH = methodcaller("end")


class SpanIndex:
    def __init__(self, text: str, utf16: Utf16Map) -> None:
        self._map = utf16
        # UTF-16 position where each line (= QTextBlock) starts: after each newline, found
        # and read in C (no Python call per line, no copy of the text's lines).
        starts = [0, *map(_END_OF_MATCH, _NEWLINE.finditer(text))]
        self.block_starts = utf16.to_utf16_sorted(starts)
        self._starts: list[int] = []  # span starts, ascending
        self._spans: list[Span] = []  # in the same order
        self._long: list[Span] = []
        self._max_len = 0  # of the spans in _spans
        self._by_id: dict[int, Span] = {}

    def block_of(self, position: int) -> int:
        return bisect_right(self.block_starts, position) - 1

    def blocks_of(self, span: Span) -> range:
        return range(self.block_of(span.start), self.block_of(max(span.start, span.end - 1)) + 1)

    def _block_range(self, block: int) -> tuple[int, int]:
        starts = self.block_starts
        end = starts[block + 1] if block + 1 < len(starts) else 1 << 62
        return starts[block], end

    def spans_for(self, rows: Iterable[tuple[int, str, int, int, str]]) -> list[Span]:
        """Spans of ``(id, kind, start, end, status)`` rows (code-point offsets).

        Converted to UTF-16 in one pass over the starts (``Utf16Map.to_utf16_sorted``)
        and the ends mapped in C (``Utf16Map.to_utf16_all``); the spans are built by
        ``map`` over ``zip``: no Python-level call per span (10,000 spans: a few ms).
        """
        rows = sorted(rows, key=_START_OF_ROW)  # already in order: one linear pass
        if not rows:
            return []
        ids, kinds, starts, ends, statuses = zip(*rows, strict=True)
        starts16 = self._map.to_utf16_sorted(list(starts))
        ends16 = self._map.to_utf16_all(list(ends))
        return list(map(_new_span, zip(starts16, ends16, kinds, ids, statuses, strict=True)))

    def span_for(
        self, annotation_id: int, kind: str, start: int, end: int, status: str = "accepted"
    ) -> Span:
        """A span from code-point offsets (the one conversion point is Utf16Map)."""
        to_u16 = self._map.to_utf16
        return Span(to_u16(start), to_u16(end), kind, annotation_id, status)

    def add(self, span: Span) -> range:
        self._by_id[span.annotation_id] = span
        length = span.end - span.start
        if length > LONG_SPAN:
            self._long.append(span)
        else:
            i = bisect_right(self._starts, span.start)
            self._starts.insert(i, span.start)
            self._spans.insert(i, span)
            self._max_len = max(self._max_len, length)
        return self.blocks_of(span)

    def add_all(self, spans: Iterable[Span]) -> None:
        """File many spans at once (opening an article: one sort, no per-span insert)."""
        new = list(spans)
        if not new:
            return
        self._by_id.update(zip(map(_ID, new), new, strict=True))
        lengths = list(map(sub, map(_END, new), map(_START, new)))
        longest = max(lengths)
        short = new
        if longest > LONG_SPAN:  # rare: whole paragraphs and more
            short = [s for s, n in zip(new, lengths, strict=True) if n <= LONG_SPAN]
            self._long.extend(s for s, n in zip(new, lengths, strict=True) if n > LONG_SPAN)
            longest = max((s.end - s.start for s in short), default=0)
        merged = self._spans + short if self._spans else short
        merged.sort()  # by start first; already in order when read from the store
        self._spans = merged
        self._starts = list(map(_START, merged))
        self._max_len = max(self._max_len, longest)

    def remove(self, annotation_id: int) -> range:
        span = self._by_id.pop(annotation_id, None)
        if span is None:
            return range(0)
        if span.end - span.start > LONG_SPAN:
            self._long.remove(span)
        else:
            i = bisect_left(self._starts, span.start)
            while self._spans[i].annotation_id != annotation_id:
                i += 1
            del self._starts[i]
            del self._spans[i]
        return self.blocks_of(span)

    def clear(self) -> None:
        self._starts.clear()
        self._spans.clear()
        self._long.clear()
        self._by_id.clear()
        self._max_len = 0

    def get(self, annotation_id: int) -> Span | None:
        return self._by_id.get(annotation_id)

    def in_block(self, block: int) -> list[Span]:
        """The spans that touch text block ``block``."""
        if not 0 <= block < len(self.block_starts):
            return []  # not a line of this index's text
        first, end = self._block_range(block)
        lo = bisect_left(self._starts, first - self._max_len)
        hi = bisect_left(self._starts, end)
        found = [s for s in self._spans[lo:hi] if s.end > first]
        if self._long:
            found.extend(s for s in self._long if s.start < end and s.end > first)
        return found

    def at(self, position: int) -> list[Span]:
        """The spans covering UTF-16 ``position``, shortest first."""
        hits = [s for s in self.in_block(self.block_of(position)) if s.start <= position < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def __len__(self) -> int:
        return len(self._by_id)
