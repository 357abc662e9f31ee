"""Paints annotation highlights into the text blocks the reader is about to show.

Formats are computed only for blocks that come into view (and kept: Qt holds them in
each block's layout), so opening an article costs what its first screen costs, and
scrolling costs what the newly shown lines cost -- not the number of annotations in the
article. Measured in bench/bench_reader.py against a QSyntaxHighlighter doing every
block up front (about 60 ms more on 1 MB / 10,000 annotations).

Review status shows in the drawing, not in colour alone (see ``span_style``): accepted
annotations get a solid fill; pending ones a lighter fill with a dashed underline; those
with changes requested a wavy underline in a warning colour; rejected ones (shown only
when a filter asks for them) struck-out grey text. Overlaps stay distinguishable: text
under several annotations gets the blend of their kind colours and a deeper tint (and a
dotted underline when nothing pending draws its own); the tooltip lists each of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from kursk_annotator.ui.span_index import Span, SpanIndex
from kursk_annotator.ui.theme import HighlightColours


class SpanStyle(NamedTuple):
    """How one piece of text under annotations is drawn (the format cache's key)."""

    kinds: tuple[str, ...]  # sorted, one entry per annotation covering the piece
    solid: bool  # an accepted annotation covers it: full fill, else a lighter one
    line: str  # "" none, "dash" pending, "wave" changes requested, "dot" overlap
    line_kind: str  # whose colour a dashed or dotted line takes
    struck: bool  # only rejected annotations cover it


def span_style(spans: list[Span]) -> SpanStyle:
    """The style of text covered by ``spans`` (at least one)."""
    live = [s for s in spans if s.status != "rejected"]
    struck = not live
    covering = live or spans
    kinds = tuple(sorted(s.kind for s in covering))
    statuses = {s.status for s in covering}
    pending = [s.kind for s in covering if s.status == "pending"]
    line, line_kind = "", ""
    if "changes_requested" in statuses:
        line = "wave"
    elif pending:
        line, line_kind = "dash", max(pending)
    elif len(kinds) > 1:
        line, line_kind = "dot", kinds[-1]
    return SpanStyle(kinds, "accepted" in statuses, line, line_kind, struck)


def char_format(colours: HighlightColours, style: SpanStyle) -> QTextCharFormat:
    """The character format of ``style`` (the reader and the legend draw with it)."""
    fmt = QTextCharFormat()
    if style.struck:
        fmt.setFontStrikeOut(True)
        fmt.setForeground(colours.muted_text)
        return fmt
    tint = colours.tint if style.solid else colours.light_tint
    fmt.setBackground(tint(style.kinds))
    underline = QTextCharFormat.UnderlineStyle
    if style.line == "wave":
        fmt.setUnderlineStyle(underline.WaveUnderline)
        fmt.setUnderlineColor(colours.warning)
    elif style.line:
        dashed = style.line == "dash"
        fmt.setUnderlineStyle(underline.DashUnderline if dashed else underline.DotLine)
        fmt.setUnderlineColor(colours.line(style.line_kind))
    return fmt


class ViewportHighlighter:
    def __init__(self, view: QPlainTextEdit, colours: HighlightColours) -> None:
        self.view = view
        self.index: SpanIndex | None = None
        self._colours = colours
        self._formats: dict[SpanStyle, QTextCharFormat] = {}
        self._done: set[int] = set()  # block numbers whose formats are up to date
        self._painted: set[int] = set()  # block numbers holding formats now

    # --- what to show -----------------------------------------------------------------

    def new_document(self, index: SpanIndex | None) -> None:
        """The view got a new text: nothing is painted in its fresh blocks yet."""
        self.index = index
        self._done.clear()
        self._painted.clear()

    def set_index(self, index: SpanIndex | None) -> None:
        """Other spans (a filter changed): forget every block's formats."""
        doc = self.view.document()
        for number in self._painted:
            block = doc.findBlockByNumber(number)
            if block.isValid():
                block.layout().clearFormats()
        self.new_document(index)
        self.view.viewport().update()

    def set_colours(self, colours: HighlightColours) -> None:
        self._colours = colours
        self._formats.clear()
        self.set_index(self.index)

    def refresh_blocks(self, blocks: Iterable[int]) -> None:
        """Repaint only the blocks a change touched (adding one annotation, say).

        Only their rectangles are repainted: a whole reader's repaint is most of an
        edit's cost on a large screen. Blocks out of view get their formats when shown.
        """
        view = self.view
        doc = view.document()
        offset = view.contentOffset()
        viewport = view.viewport()
        height = viewport.height()
        for number in blocks:
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            if number in self._done:
                self._apply(block)
            rect = view.blockBoundingGeometry(block).translated(offset)
            if rect.bottom() >= 0 and rect.top() <= height:
                viewport.update(rect.toAlignedRect().adjusted(0, 0, viewport.width(), 0))

    def refresh_from(self, first: int) -> None:
        """Rows filed from block ``first`` on: the blocks there with formats get new ones."""
        self.refresh_blocks(sorted(n for n in self._done if n >= first))

    # --- painting -----------------------------------------------------------------------

    def ensure_visible(self) -> None:
        """Give the blocks now in view their formats (called before each paint)."""
        if self.index is None:
            return
        view = self.view
        bottom = view.viewport().height()
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        done = self._done
        while block.isValid():
            if block.blockNumber() not in done:
                self._apply(block)
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.bottom() > bottom:
                break
            block = block.next()

    def _apply(self, block: QTextBlock) -> None:
        number = block.blockNumber()
        self._done.add(number)
        position = block.position()
        length = block.length()
        index = self.index
        spans = index.in_range(position, position + length) if index is not None else []
        if not spans:
            if number in self._painted:
                block.layout().clearFormats()
                self._painted.discard(number)
            return
        ranges = self._ranges(spans, position, length)
        block.layout().setFormats(ranges)
        self._painted.add(number)

    def format_for(self, style: SpanStyle) -> QTextCharFormat:
        fmt = self._formats.get(style)
        if fmt is None:
            fmt = self._formats[style] = char_format(self._colours, style)
        return fmt

    def _ranges(self, spans: list[Span], base: int, length: int) -> list[QTextLayout.FormatRange]:
        """Format ranges of one block; ``length`` counts UTF-16 units, as Qt does."""
        # Sweep over the boundaries: each elementary piece gets the spans covering it.
        cuts = sorted(
            {0, length}
            | {min(max(s.start - base, 0), length) for s in spans}
            | {min(max(s.end - base, 0), length) for s in spans}
        )
        ranges = []
        for lo, hi in pairwise(cuts):
            covering = [s for s in spans if s.start - base <= lo and s.end - base >= hi]
            if covering and hi > lo:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = lo, hi - lo, self.format_for(span_style(covering))
                ranges.append(r)
        return ranges
