"""Suggestions drawn over the reader: outlined, unfilled spans in their kind's colour.

Nothing is stored and the highlighter is not touched: the outlines are painted on the
reader's viewport after the text, and only for the lines in view (found by bisect), so
the reader costs what it cost without suggestions. The current suggestion is drawn
with a thicker, solid line; the others dashed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from kursk_annotator.core import kinds
from kursk_annotator.core.suggest.model import Suggestion
from kursk_annotator.ui.article_state import ArticleState

# The longest span looked back for when finding what reaches into the first visible line.
_LONGEST = 4000


def _start_of(s: Suggestion) -> int:
    return s.start


def overlapping(
    items: Sequence[Suggestion], longest: int, kind: str, start: int, end: int
) -> list[Suggestion]:
    """Those of ``items`` (in text order, none longer than ``longest`` code points) of
    ``kind`` that overlap code points start..end."""
    lo = bisect.bisect_left(items, start - longest, key=_start_of)
    hi = bisect.bisect_left(items, end, lo, key=_start_of)
    return [s for s in items[lo:hi] if s.kind == kind and s.end > start]


class SuggestionOverlay:
    def __init__(self, reader: QPlainTextEdit, state: ArticleState) -> None:
        self.reader = reader
        self.state = state
        self.items: list[Suggestion] = []
        self._u16: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._longest = 0  # code points of the longest item: how far back one may start
        self.hidden_kinds: set[str] = set()
        self.current: int | None = None  # index into items

    # --- content -------------------------------------------------------------------

    def set_items(self, items: Sequence[Suggestion]) -> None:
        """Show ``items`` (any order); the current one is kept when still there."""
        keep = self.items[self.current].key if self.current is not None else None
        self.items = sorted(items, key=lambda s: (s.start, s.end, s.kind))
        self._longest = max((s.end - s.start for s in self.items), default=0)
        to_u16 = self.state.utf16.to_utf16
        self._u16 = [(to_u16(s.start), to_u16(s.end)) for s in self.items]
        self._starts = [a for a, _b in self._u16]
        keys = [s.key for s in self.items]
        self.current = keys.index(keep) if keep in keys else None
        self.reader.viewport().update()

    def clear(self) -> None:
        self.items, self._u16, self._starts, self.current = [], [], [], None
        self._longest = 0
        self.reader.viewport().update()

    def shown(self, index: int) -> bool:
        return self.items[index].kind not in self.hidden_kinds

    def shown_items(self, kind: str | None = None) -> list[Suggestion]:
        return [
            s
            for s in self.items
            if s.kind not in self.hidden_kinds and (kind is None or s.kind == kind)
        ]

    @property
    def current_item(self) -> Suggestion | None:
        return self.items[self.current] if self.current is not None else None

    def step(self, direction: int, from_u16: int) -> Suggestion | None:
        """Make the next (1) or previous (-1) shown suggestion current: after the current
        one, or after the caret when none is."""
        order = [i for i in range(len(self.items)) if self.shown(i)]
        if not order:
            self.current = None
            return None
        if self.current is not None and self.current in order:
            position = order.index(self.current) + direction
        elif direction > 0:
            position = bisect.bisect_left([self._starts[i] for i in order], from_u16)
        else:
            position = bisect.bisect_left([self._starts[i] for i in order], from_u16) - 1
        self.current = order[position % len(order)]
        self.reader.viewport().update()
        return self.items[self.current]

    def overlapping(self, kind: str, start: int, end: int) -> list[Suggestion]:
        """The suggestions of ``kind`` over any of code points start..end, found by
        bisection (items are in text order): tagging a span looks at its neighbours,
        not at every suggestion of a long article."""
        items = self.items
        return overlapping(items, self._longest, kind, start, end)

    def holds(self, suggestion: Suggestion) -> bool:
        return self._index(suggestion) is not None

    def _index(self, suggestion: Suggestion) -> int | None:
        key = suggestion.key
        i = bisect.bisect_left(self.items, suggestion.start, key=_start_of)
        while i < len(self.items) and self.items[i].start == suggestion.start:
            if self.items[i].key == key:
                return i
            i += 1
        return None

    def add(self, suggestions: Sequence[Suggestion]) -> None:
        """Show a few more (an undone tag's hidden ones), each put in its place in text
        order and only its lines repainted: no sort of the whole list."""
        to_u16 = self.state.utf16.to_utf16
        order = lambda s: (s.start, s.end, s.kind)  # noqa: E731
        for suggestion in suggestions:
            if self.holds(suggestion):
                continue
            index = bisect.bisect_right(self.items, order(suggestion), key=order)
            span = (to_u16(suggestion.start), to_u16(suggestion.end))
            self.items.insert(index, suggestion)
            self._u16.insert(index, span)
            self._starts.insert(index, span[0])
            self._longest = max(self._longest, suggestion.end - suggestion.start)
            if self.current is not None and self.current >= index:
                self.current += 1  # the same suggestion stays current
            self._update_text(*span)

    def remove(self, suggestion: Suggestion) -> None:
        """Drop one suggestion (accepted or rejected); the next one becomes current."""
        index = self._index(suggestion)
        if index is None:
            return
        start, end = self._u16[index]
        del self.items[index], self._u16[index], self._starts[index]
        if not self.items:
            self.current = None
        elif self.current is not None:
            self.current = min(index, len(self.items) - 1)
            if not self.shown(self.current):
                self.current = None
            self.reader.viewport().update()  # another outline may be drawn as current
            return
        self._update_text(start, end)

    def _update_text(self, start: int, end: int) -> None:
        """Repaint the lines of UTF-16 positions start..end that are in view, only those
        (a whole reader's repaint costs more than the rest of a tag)."""
        reader, viewport = self.reader, self.reader.viewport()
        doc = reader.document()
        first, last = doc.findBlock(start), doc.findBlock(max(start, end - 1))
        if not first.isValid() or not last.isValid():
            viewport.update()
            return
        offset = reader.contentOffset()
        top = reader.blockBoundingGeometry(first).translated(offset).top()
        bottom = reader.blockBoundingGeometry(last).translated(offset).bottom()
        if bottom >= 0 and top <= viewport.height():
            # A pixel either side: the outline is drawn around the text.
            viewport.update(QRect(0, int(top) - 2, viewport.width(), int(bottom - top) + 4))

    # --- painting ------------------------------------------------------------------

    def paint(self, area: QRect | None = None) -> None:
        """Outline the suggestions in view; with ``area`` (the paint event's rectangle)
        only those on the lines it crosses: a tag repaints one paragraph, not the page."""
        if not self.items:
            return
        reader = self.reader
        viewport = reader.viewport()
        block = reader.firstVisibleBlock()
        if not block.isValid():
            return
        offset = reader.contentOffset()
        height = viewport.height()
        above, below = (-1, height) if area is None else (area.top() - 4, area.bottom() + 4)
        below = min(below, height)
        blocks = []
        while block.isValid():
            geometry = reader.blockBoundingGeometry(block).translated(offset)
            top = geometry.top()
            if top > below:
                break
            if geometry.bottom() >= above:
                blocks.append((block, top))
            block = block.next()
        if not blocks:
            return
        first = blocks[0][0].position()
        last = blocks[-1][0].position() + blocks[-1][0].length()
        lo = bisect.bisect_left(self._starts, first - _LONGEST)
        hi = bisect.bisect_left(self._starts, last)
        painter = QPainter(viewport)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            for index in range(lo, hi):
                start, end = self._u16[index]
                if end <= first or not self.shown(index):
                    continue
                current = index == self.current
                pen = QPen(QColor(kinds.colour(self.items[index].kind)).darker(130))
                pen.setWidthF(2.5 if current else 1.3)
                pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in self._rects(blocks, start, end):
                    painter.drawRoundedRect(rect, 3, 3)
        finally:
            painter.end()

    def _rects(self, blocks, start: int, end: int) -> list[QRectF]:
        rects = []
        offset_x = self.reader.contentOffset().x()
        for block, top in blocks:
            b_start = block.position()
            b_end = b_start + block.length() - 1
            if b_end < start or b_start >= end:
                continue
            layout = block.layout()
            origin = layout.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                l_start = b_start + line.textStart()
                l_end = l_start + line.textLength()
                a, b = max(start, l_start), min(end, l_end)
                if a >= b:
                    continue
                x1 = line.cursorToX(a - b_start)[0]
                x2 = line.cursorToX(b - b_start)[0]
                rects.append(
                    QRectF(
                        offset_x + origin.x() + min(x1, x2) - 1,
                        top + origin.y() + line.y(),
                        abs(x2 - x1) + 2,
                        line.height(),
                    )
                )
        return rects
