"""Find in article (Ctrl+F): every match highlighted, next/previous, Escape closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from kursk_annotator.ui.reader_view import ReaderView

MAX_MARKED = 5000  # beyond this, marking every match costs more than it tells


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.matches: list[tuple[int, int]] = []  # code-point spans
        self.current = -1
        self._shown: tuple[int, int] | None = None  # the match last selected in the reader
        self.field = QLineEdit(placeholderText="Find in article")
        self.field.setAccessibleName("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName("Find result count")
        self.prev_button = QToolButton(text="▲", toolTip="Previous match (Shift+F3)")
        self.prev_button.setAccessibleName("Previous match")
        self.next_button = QToolButton(text="▼", toolTip="Next match (F3)")
        self.next_button.setAccessibleName("Next match")
        close = QToolButton(text="✕", toolTip="Close (Esc)")
        close.setAccessibleName("Close find bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        close.clicked.connect(self.close_bar)
        reader.state.loaded.connect(self._on_loaded)

    def _on_loaded(self) -> None:
        self._shown = None  # a match in the article before
        self.search(self.field.text())

    def open(self) -> None:
        self.show()
        cursor = self.reader.textCursor()
        if cursor.hasSelection() and "\u2029" not in cursor.selectedText():
            self.field.setText(cursor.selectedText())
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        self.field.clear()
        self.hide()
        self.reader.set_find_selections([])
        self.reader.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def search(self, needle: str) -> None:
        text = self.reader.state.text
        self.matches = []
        if needle:
            # Case-insensitive where lower-casing keeps every offset (casefold and some
            # letters such as "İ" change lengths); otherwise match the case exactly.
            haystack, lowered = text.lower(), needle.lower()
            if len(haystack) != len(text) or len(lowered) != len(needle):
                haystack, lowered = text, needle
            i = haystack.find(lowered)
            while i >= 0:
                self.matches.append((i, i + len(lowered)))
                i = haystack.find(lowered, i + len(lowered))
        self.current = -1
        self._mark()
        if self.matches:
            self._go(self._first_after_caret())
        elif needle:
            self._unselect_shown_match()

    def _unselect_shown_match(self) -> None:
        """No match: the match shown before is no longer selected in the reader.

        A selection the user made stays; the caret stays where the match began, so the
        next search goes on from there.
        """
        if self._shown is None:
            return
        cursor = self.reader.textCursor()
        to_u16 = self.reader.state.utf16.to_utf16
        start, end = self._shown
        self._shown = None
        if (cursor.selectionStart(), cursor.selectionEnd()) != (to_u16(start), to_u16(end)):
            return
        cursor.clearSelection()
        cursor.setPosition(to_u16(start))
        self.reader.blockSignals(True)  # as show_span: moving the caret selects nothing
        self.reader.setTextCursor(cursor)
        self.reader.blockSignals(False)

    def _first_after_caret(self) -> int:
        caret = self.reader.state.utf16.from_utf16(self.reader.textCursor().selectionStart())
        for i, (start, _end) in enumerate(self.matches):
            if start >= caret:
                return i
        return 0

    def _mark(self) -> None:
        dark = self.reader.palette().base().color().lightness() < 128
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#8a6d00" if dark else "#FFE45C"))
        fmt.setFontUnderline(True)
        current = QTextCharFormat(fmt)
        current.setBackground(QColor("#c05000" if dark else "#FF9F40"))
        to_u16 = self.reader.state.utf16.to_utf16
        doc = self.reader.document()
        selections = []
        for i, (start, end) in enumerate(self.matches[:MAX_MARKED]):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(to_u16(start))
            cursor.setPosition(to_u16(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = current if i == self.current else fmt
            selections.append(sel)
        self.reader.set_find_selections(selections)
        n = len(self.matches)
        if not self.field.text():
            self.count.clear()
        elif n == 0:
            self.count.setText("no match")
        else:
            self.count.setText(f"{self.current + 1 if self.current >= 0 else '–'} of {n}")

    def _go(self, i: int) -> None:
        if not self.matches:
            return
        self.current = i % len(self.matches)
        self._mark()
        self._shown = self.matches[self.current]
        self.reader.show_span(*self._shown)

    def next(self) -> None:
        self._go(self.current + 1)

    def previous(self) -> None:
        self._go(self.current - 1 if self.current >= 0 else -1)
