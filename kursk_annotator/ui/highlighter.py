"""Paints annotation highlights, one text block at a time, from a SpanIndex.

Overlaps stay distinguishable: text under several annotations gets the blend of their
kind colours, a deeper tint, and a dotted underline; the tooltip lists each of them.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kursk_annotator.ui.span_index import Span, SpanIndex
from kursk_annotator.ui.theme import HighlightColours


class AnnotationHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colours: HighlightColours) -> None:
        # Attach later: setDocument() would schedule a whole-document pass right away.
        super().__init__(None)
        self._target = document
        self.index: SpanIndex | None = None
        self._colours = colours
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}

    def set_colours(self, colours: HighlightColours) -> None:
        self._colours = colours
        self._formats.clear()
        if self.document() is not None:
            self.rehighlight()

    def set_index(self, index: SpanIndex | None) -> None:
        """Show the spans of ``index``, painting the whole document once, now."""
        self.index = index
        if self.document() is None:
            self.setDocument(self._target)
        self.rehighlight()

    def refresh_blocks(self, blocks: range) -> None:
        """Repaint only the blocks a change touched (adding one annotation, say)."""
        doc = self._target
        for number in blocks:
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def _format(self, kinds: tuple[str, ...]) -> QTextCharFormat:
        fmt = self._formats.get(kinds)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(self._colours.tint(kinds))
            if len(kinds) > 1:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(self._colours.strong(kinds[-1]))
            self._formats[kinds] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        if self.index is None:
            return
        block = self.currentBlock()
        spans = self.index.in_block(block.blockNumber())
        if not spans:
            return
        base = block.position()
        # UTF-16 units, as Qt counts them (len(text) would count code points).
        length = block.length()
        if len(spans) == 1:
            s = spans[0]
            lo, hi = max(s.start - base, 0), min(s.end - base, length)
            if hi > lo:
                self.setFormat(lo, hi - lo, self._format((s.kind,)))
            return
        self._paint_overlaps(spans, base, length)

    def _paint_overlaps(self, spans: list[Span], base: int, length: int) -> None:
        # Sweep over the boundaries: each elementary piece gets the kinds covering it.
        cuts = sorted(
            {0, length}
            | {min(max(s.start - base, 0), length) for s in spans}
            | {min(max(s.end - base, 0), length) for s in spans}
        )
        for lo, hi in pairwise(cuts):
            if hi <= lo:
                continue
            kinds = tuple(
                sorted(s.kind for s in spans if s.start - base <= lo and s.end - base >= hi)
            )
            if kinds:
                self.setFormat(lo, hi - lo, self._format(kinds))
