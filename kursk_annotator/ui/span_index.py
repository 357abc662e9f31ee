"""Where the visible annotations lie, indexed by text block (line) for fast repaint.

Qt asks for one block at a time, so each annotation is filed under every block it
touches; repaint and scroll cost then grows with the visible text, not with the number
of annotations in the article. Positions here are Qt (UTF-16) positions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from kursk_annotator.core.text import Utf16Map


class Span(NamedTuple):
    start: int  # UTF-16 position
    end: int
    kind: str
    annotation_id: int


class SpanIndex:
    def __init__(self, text: str, utf16: Utf16Map) -> None:
        self._map = utf16
        # UTF-16 position where each line (= QTextBlock) starts.
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.block_starts = [utf16.to_utf16(s) for s in starts]
        self._by_block: dict[int, list[Span]] = {}
        self._by_id: dict[int, Span] = {}

    def block_of(self, position: int) -> int:
        return bisect_right(self.block_starts, position) - 1

    def blocks_of(self, span: Span) -> range:
        return range(self.block_of(span.start), self.block_of(max(span.start, span.end - 1)) + 1)

    def span_for(self, annotation_id: int, kind: str, start: int, end: int) -> Span:
        """A span from code-point offsets (the one conversion point is Utf16Map)."""
        return Span(self._map.to_utf16(start), self._map.to_utf16(end), kind, annotation_id)

    def add(self, span: Span) -> range:
        self._by_id[span.annotation_id] = span
        by_block = self._by_block
        blocks = self.blocks_of(span)
        for b in blocks:
            lst = by_block.get(b)
            if lst is None:
                by_block[b] = [span]
            else:
                lst.append(span)
        return blocks

    def add_all(self, spans: Iterable[Span]) -> None:
        # The loop of add(), inlined: opening an article files 10,000 spans here.
        by_block, by_id, starts = self._by_block, self._by_id, self.block_starts
        for span in spans:
            by_id[span.annotation_id] = span
            first = bisect_right(starts, span.start) - 1
            last = bisect_right(starts, max(span.start, span.end - 1)) - 1
            for b in range(first, last + 1):
                lst = by_block.get(b)
                if lst is None:
                    by_block[b] = [span]
                else:
                    lst.append(span)

    def remove(self, annotation_id: int) -> range:
        span = self._by_id.pop(annotation_id, None)
        if span is None:
            return range(0)
        blocks = self.blocks_of(span)
        for b in blocks:
            lst = self._by_block.get(b, [])
            self._by_block[b] = [s for s in lst if s.annotation_id != annotation_id]
        return blocks

    def clear(self) -> None:
        self._by_block.clear()
        self._by_id.clear()

    def get(self, annotation_id: int) -> Span | None:
        return self._by_id.get(annotation_id)

    def in_block(self, block: int) -> list[Span]:
        return self._by_block.get(block, [])

    def at(self, position: int) -> list[Span]:
        """The spans covering UTF-16 ``position``, shortest first."""
        hits = [
            s
            for s in self._by_block.get(self.block_of(position), [])
            if s.start <= position < s.end
        ]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def __len__(self) -> int:
        return len(self._by_id)
