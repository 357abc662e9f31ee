"""The reader: an article's text, read-only, with its annotations highlighted.

A QPlainTextEdit (11 ms for 1 MB here, where QTextEdit needs 141 ms to lay out) with a
block-wise highlighter. Every Qt position is converted to a code-point offset through
the article's Utf16Map, never by arithmetic of our own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from kursk_annotator.core import kinds
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState
from kursk_annotator.ui.highlighter import ViewportHighlighter
from kursk_annotator.ui.span_index import SpanIndex
from kursk_annotator.ui.theme import highlight_colours

BASE_POINT_SIZE = 12
MIN_ZOOM, MAX_ZOOM = -6, 16
READING_WIDTH_CHARS = 84  # a comfortable line length, centred in wide windows


def reading_font() -> QFont:
    font = QFont()
    font.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "Liberation Serif", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSize(BASE_POINT_SIZE)
    return font


class ReaderView(QPlainTextEdit):
    zoom_changed = Signal(int)

    def __init__(self, state: ArticleState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setReadOnly(True)
        # A visible caret, so text can be selected and tagged from the keyboard alone.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setObjectName("reader")
        self.setAccessibleName("Article text")
        self.setAccessibleDescription(
            "Select text and press C, F or P to tag it as claim, figure or place"
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMouseTracking(True)
        self.zoom = 0
        self.setFont(reading_font())
        self.document().setDocumentMargin(18)
        self.highlighter = ViewportHighlighter(self, highlight_colours(self.palette()))
        self.suggestion_overlay = None  # ui.suggestion_overlay, once the store is open
        self.index: SpanIndex | None = None
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._selection_extra: list[QTextEdit.ExtraSelection] = []
        state.loaded.connect(self._on_loaded)
        state.extended.connect(self._on_extended)
        state.added.connect(self._on_added)
        state.changed.connect(self._on_changed)
        state.removed.connect(self._on_removed)
        state.filter_changed.connect(self._rebuild_index)
        state.selected.connect(self._on_selected)
        self.cursorPositionChanged.connect(self._on_cursor_moved)

    # --- loading and incremental updates ------------------------------------------

    def _on_loaded(self) -> None:
        self._find_selections = []
        self._selection_extra = []
        self.setExtraSelections([])
        self.index = None  # the old article's spans must not answer for the new text
        index = self._build_index()
        self.highlighter.new_document(index)
        self.setPlainText(self.state.text)
        self.index = index

    def _build_index(self) -> SpanIndex:
        state = self.state
        index = SpanIndex(state.text, state.utf16)
        # The rows themselves are filed, in code points; each painted line converts its own.
        index.add_rows(state.visible_annotations())
        index.block_finder = self._block_number  # Qt knows its lines: none computed here
        return index

    def _on_extended(self, rows: list[AnnotationRow]) -> None:
        """The rows a long article's first view left out: filed, and the lines from the
        first of them on that hold highlights already are given theirs again."""
        if self.index is None or not rows:
            return
        self.index.add_rows(self.state.visible_of(rows))
        first = self.index.block_of(self.state.utf16.to_utf16(rows[0].start))
        self.highlighter.refresh_from(first)

    def _block_number(self, position: int) -> int:
        block = self.document().findBlock(position)
        return (block if block.isValid() else self.document().lastBlock()).blockNumber()

    def _rebuild_index(self) -> None:
        self.index = self._build_index()
        self.highlighter.set_index(self.index)
        self._on_selected(self.state.selected_annotation)

    def _on_added(self, info: AnnotationRow) -> None:
        if self.index is not None and self.state.visible(info):
            span = self.index.span_for(info.id, info.kind, info.start, info.end, info.status)
            blocks = self.index.add(span)
            self.highlighter.refresh_blocks(blocks)

    def _on_removed(self, info: AnnotationRow) -> None:
        if self.index is not None:
            self.highlighter.refresh_blocks(self.index.remove(info.id))

    def _on_changed(self, old: AnnotationRow, new: AnnotationRow) -> None:
        self._on_removed(old)
        self._on_added(new)

    def refresh_colours(self) -> None:
        self.highlighter.set_colours(highlight_colours(self.palette()))
        self._on_selected(self.state.selected_annotation)

    # --- positions -----------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self.state.utf16.from_utf16
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def annotations_at(self, utf16_position: int) -> list[AnnotationRow]:
        if self.index is None:
            return []
        anns = self.state.annotations
        return [
            anns[s.annotation_id] for s in self.index.at(utf16_position) if s.annotation_id in anns
        ]

    def annotations_at_point(self, point: QPoint) -> list[AnnotationRow]:
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        # cursorForPosition rounds to the nearest gap; ask for the character under the mouse.
        position = cursor.position() - (1 if point.x() < rect.x() else 0)
        return self.annotations_at(max(position, 0))

    def show_span(self, start: int, end: int) -> None:
        """Select code points start..end and scroll them into the middle of the view."""
        to_u16 = self.state.utf16.to_utf16
        cursor = QTextCursor(self.document())
        cursor.setPosition(to_u16(start))
        cursor.setPosition(to_u16(end), QTextCursor.MoveMode.KeepAnchor)
        self.blockSignals(True)
        self.setTextCursor(cursor)
        self.blockSignals(False)
        self.centerCursor()

    # --- selection of an annotation ------------------------------------------------

    def _on_cursor_moved(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        hits = self.annotations_at(cursor.position())
        self.state.select(hits[0].id if hits else None)

    def _on_selected(self, info: AnnotationRow | None) -> None:
        self._selection_extra = []
        if info is not None and self.index is not None and self.index.get(info.id):
            colours = highlight_colours(self.palette())
            fmt = QTextCharFormat()
            fmt.setBackground(colours.tint((info.kind, info.kind, info.kind)))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colours.strong(info.kind))
            fmt.setFontUnderline(True)
            sel = QTextEdit.ExtraSelection()
            sel.format = fmt
            to_u16 = self.state.utf16.to_utf16
            cursor = QTextCursor(self.document())
            cursor.setPosition(to_u16(info.start))
            cursor.setPosition(to_u16(info.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            self._selection_extra = [sel]
        self.setExtraSelections(self._find_selections + self._selection_extra)

    def set_find_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._find_selections = selections
        self.setExtraSelections(self._find_selections + self._selection_extra)

    # --- zoom, layout, tooltips ----------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        font = reading_font()
        font.setPointSize(BASE_POINT_SIZE + steps)
        # Margins first: the font change below lays the text out for the new width.
        self._centre_column(self.width(), QFontMetrics(font))
        self.setFont(font)
        if steps != self.zoom:
            self.zoom = steps
            self.zoom_changed.emit(steps)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Margins before the base class: it lays the text out for the viewport's new width.
        # (Viewport resizes arrive here too, with the viewport's size: use our own width.)
        self._centre_column(self.width(), self.fontMetrics())
        super().resizeEvent(event)

    def _centre_column(self, width: int, metrics: QFontMetrics) -> None:
        column = metrics.averageCharWidth() * READING_WIDTH_CHARS
        side = max(0, (width - self.verticalScrollBar().sizeHint().width() - column) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        try:
            self.highlighter.ensure_visible()
        finally:
            super().paintEvent(event)  # always: a paint event left half done crashes Qt
        if self.suggestion_overlay is not None:
            self.suggestion_overlay.paint(event.rect())  # outlines over the text, nothing stored

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Light <-> dark: highlights are mixed with the page colour, so recompute them.
            self.refresh_colours()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            hits = self.annotations_at_point(self.viewport().mapFrom(self, pos))
            if hits:
                QToolTip.showText(event.globalPos(), tooltip_html(hits), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def tooltip_html(annotations: list[AnnotationRow]) -> str:
    """All annotations under the mouse: kind, analyst, status, note."""
    from html import escape  # not needed for the first window

    rows = []
    for a in annotations:
        swatch = QColor(kinds.colour(a.kind)).name()
        note = f"<br><i>{escape(a.note)}</i>" if a.note else ""
        rows.append(
            f"<p><span style='color:{swatch}'>■</span> <b>{kinds.label(a.kind)}</b> "
            f"by {escape(a.analyst)} · {a.status.replace('_', ' ')}<br>"
            f"“{escape(a.quote[:120])}”{note}</p>"
        )
    return "".join(rows)
