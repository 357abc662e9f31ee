"""Suggestions drawn over the reader: outlined, unfilled spans in their kind's colour.

Nothing is stored and the highlighter is not touched: the outlines are painted on the
reader's viewport after the text, and only for the lines in view (found by bisect), so
the reader costs what it cost without suggestions. The current suggestion is drawn
with a thicker, solid line; the others dashed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from kursk_annotator.core import kinds
from kursk_annotator.core.suggest.model import Suggestion
from kursk_annotator.ui.article_state import ArticleState

# The longest span looked back for when finding what reaches into the first visible line.
_LONGEST = 4000


class SuggestionOverlay:
    def __init__(self, reader: QPlainTextEdit, state: ArticleState) -> None:
        self.reader = reader
        self.state = state
        self.items: list[Suggestion] = []
        self._u16: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self.hidden_kinds: set[str] = set()
        self.current: int | None = None  # index into items

    # --- content -------------------------------------------------------------------

    def set_items(self, items: Sequence[Suggestion]) -> None:
        """Show ``items`` (any order); the current one is kept when still there."""
        keep = self.items[self.current].key if self.current is not None else None
        self.items = sorted(items, key=lambda s: (s.start, s.end, s.kind))
        to_u16 = self.state.utf16.to_utf16
        self._u16 = [(to_u16(s.start), to_u16(s.end)) for s in self.items]
        self._starts = [a for a, _b in self._u16]
        keys = [s.key for s in self.items]
        self.current = keys.index(keep) if keep in keys else None
        self.reader.viewport().update()

    def clear(self) -> None:
        self.items, self._u16, self._starts, self.current = [], [], [], None
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

    def remove(self, suggestion: Suggestion) -> None:
        """Drop one suggestion (accepted or rejected); the next one becomes current."""
        keys = [s.key for s in self.items]
        if suggestion.key not in keys:
            return
        index = keys.index(suggestion.key)
        del self.items[index], self._u16[index], self._starts[index]
        if not self.items:
            self.current = None
        elif self.current is not None:
            self.current = min(index, len(self.items) - 1)
            if not self.shown(self.current):
                self.current = None
        self.reader.viewport().update()

    # --- painting ------------------------------------------------------------------

    def paint(self) -> None:
        if not self.items:
            return
        reader = self.reader
        viewport = reader.viewport()
        block = reader.firstVisibleBlock()
        if not block.isValid():
            return
        offset = reader.contentOffset()
        height = viewport.height()
        first = block.position()
        last = first
        blocks = []
        while block.isValid():
            top = reader.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            blocks.append((block, top))
            last = block.position() + block.length()
            block = block.next()
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
