"""The Inspector: the selected annotation's fields, with an editor per kind.

Each finished edit (Enter, leaving a field, choosing from a list, a pause in the note)
is stored at once through an undoable command; there is no Save button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo, iso
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState
from kursk_annotator.ui.theme import KIND_COLOURS, KIND_LABELS, highlight_colours

NOTE_PAUSE_MS = 800
VERDICT_WORDS = {
    "accept": "accepted",
    "reject": "rejected",
    "request_changes": "requested changes",
    "comment": "commented",
}


def _when(value: Any) -> str:
    return (iso(value) or "")[:16].replace("T", " ")


def escape(text: str) -> str:
    from html import escape as html_escape  # loaded with the first annotation shown

    return html_escape(text)


def _said(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f": “{escape(text)}”" if text else ""


def _number(text: str) -> int | float | None:
    text = text.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    value = float(text)  # ValueError is reported by the caller
    return int(value) if value.is_integer() and "." not in text else value


# Every attribute some kind's form edits: clearing one of these fields removes it.
_FORM_FIELDS = frozenset(
    {
        "attributed_to", "side", "credibility", "as_of", "value", "value_max", "unit",
        "counts", "qualifier", "claimant", "low", "high", "canonical_name", "latitude",
        "longitude",
    }
)  # fmt: skip


def _combo(name: str, editable: bool = False) -> QComboBox:
    box = QComboBox(accessibleName=name)
    box.addItem("")
    box.setEditable(editable)
    return box


class Inspector(QWidget):
    history_requested = Signal(int)  # the annotation whose history the user asked for

    def __init__(self, state: ArticleState, undo: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.undo = undo
        self.info: AnnotationInfo | None = None
        self.setObjectName("inspector")

        self.title = QLabel("No annotation selected", wordWrap=True)
        self.title.setAccessibleName("Selected annotation")
        self.quote = QLabel(wordWrap=True)
        self.quote.setAccessibleName("Quoted text")
        self.owner = QLabel(wordWrap=True)
        self.review = QLabel(wordWrap=True, objectName="inspector_review")
        self.review.setAccessibleName("Latest review")
        self.review.setTextFormat(Qt.TextFormat.RichText)
        # The author's own annotation sent back by a reviewer: hard to miss.
        self.change_request = QLabel(wordWrap=True, objectName="inspector_change_request")
        self.change_request.setAccessibleName("Changes requested from you")
        self.change_request.setTextFormat(Qt.TextFormat.RichText)
        self.change_request.hide()
        self.history_button = QPushButton("&History…", objectName="inspector_history")
        self.history_button.setAccessibleName("Show the annotation's history")
        self.history_button.setToolTip("Every edit, review and status change (Ctrl+H)")
        self.history_button.clicked.connect(self._history_clicked)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #CC3311")
        self.message.setAccessibleName("Inspector message")

        self.attributed_to = QLineEdit(accessibleName="Claim attributed to")
        self.side = _combo("Claim side or stance", editable=True)
        self.credibility = _combo("Claim credibility")
        self.value = QLineEdit(accessibleName="Figure value")
        self.value_max = QLineEdit(accessibleName="Figure upper value of a range")
        self.unit = QLineEdit(accessibleName="Figure unit")
        self.counts = QLineEdit(accessibleName="What the figure counts (its measure)")
        self.qualifier = _combo("Figure qualifier")
        # Evidence: who claims the figure, when it holds, the interval its words allow.
        self.claimant = QLineEdit(accessibleName="Who claims the figure")
        self.claimant.setPlaceholderText("the speaker of an enclosing claim, else the outlet")
        self.as_of = QLineEdit(accessibleName="Figure holds as of")
        self.as_of.setPlaceholderText("the article's date (YYYY-MM-DD, YYYY-MM, START/END)")
        self.claim_as_of = QLineEdit(accessibleName="Claim made on")
        self.claim_as_of.setPlaceholderText("the article's date (YYYY-MM-DD, YYYY-MM, START/END)")
        self.low = QLineEdit(accessibleName="Interval low")
        self.high = QLineEdit(accessibleName="Interval high")
        self.high.setPlaceholderText("no upper bound")
        self.interval_hint = QLabel(wordWrap=True, objectName="inspector_interval")
        self.interval_hint.setAccessibleName("Interval read from the quote")
        self.figure_credibility = _combo("Figure credibility")
        interval_row = QWidget()
        interval_layout = QHBoxLayout(interval_row)
        interval_layout.setContentsMargins(0, 0, 0, 0)
        interval_layout.addWidget(self.low)
        interval_layout.addWidget(QLabel("to"))
        interval_layout.addWidget(self.high)
        self.canonical_name = QLineEdit(accessibleName="Place canonical name")
        self.latitude = QLineEdit(accessibleName="Place latitude")
        self.longitude = QLineEdit(accessibleName="Place longitude")
        self.note = QPlainTextEdit(accessibleName="Note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(120)

        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())
        for rows in (
            (
                ("Attributed to", self.attributed_to),
                ("Side", self.side),
                ("Credibility", self.credibility),
                ("Said on", self.claim_as_of),
            ),
            (
                ("Measure", self.counts),
                ("Claimant", self.claimant),
                ("As of", self.as_of),
                ("Value", self.value),
                ("Up to", self.value_max),
                ("Unit", self.unit),
                ("Qualifier", self.qualifier),
                ("Interval", interval_row),
                ("", self.interval_hint),
                ("Credibility", self.figure_credibility),
            ),
            (
                ("Canonical name", self.canonical_name),
                ("Latitude", self.latitude),
                ("Longitude", self.longitude),
            ),
        ):
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            for label, widget in rows:
                form.addRow(label, widget)
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addWidget(self.owner)
        layout.addWidget(self.change_request)
        review_row = QHBoxLayout()
        review_row.addWidget(self.review, 1)
        review_row.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(review_row)
        # The figure form is long: it scrolls rather than squeezing the panels above it.
        fields = QScrollArea(widgetResizable=True, objectName="inspector_fields")
        fields.setFrameShape(QFrame.Shape.NoFrame)
        fields.setWidget(self.pages)
        fields.setMinimumHeight(90)
        layout.addWidget(fields, 1)
        layout.addWidget(QLabel("Note"))
        layout.addWidget(self.note)
        layout.addWidget(self.message)

        for edit in (
            self.attributed_to,
            self.value,
            self.value_max,
            self.unit,
            self.counts,
            self.claimant,
            self.as_of,
            self.claim_as_of,
            self.low,
            self.high,
            self.canonical_name,
            self.latitude,
            self.longitude,
        ):
            edit.editingFinished.connect(self._store_attributes)
        for box in (self.side, self.credibility, self.qualifier, self.figure_credibility):
            box.activated.connect(lambda _i: self._store_attributes())
        self.side.lineEdit().editingFinished.connect(self._store_attributes)
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_PAUSE_MS)
        self._note_timer.timeout.connect(self._store_note)
        self.note.textChanged.connect(self._note_edited)
        self.note.installEventFilter(self)
        state.selected.connect(self.show_annotation)
        state.error.connect(self._show_error)
        self.show_annotation(None)

    def fill_choices(self) -> None:
        """The lists of sides, credibility levels and qualifiers (loaded with the store)."""
        from kursk_annotator.core.attributes import CREDIBILITY, QUALIFIERS, SIDES

        for box, items in (
            (self.side, SIDES),
            (self.credibility, CREDIBILITY),
            (self.figure_credibility, CREDIBILITY),
            (self.qualifier, QUALIFIERS),
        ):
            if box.count() == 1:
                box.addItems(list(items))
        self.fill_completions()

    def fill_completions(self) -> None:
        """Actor and measure names (aliases too) for completion; a new name is created on
        first use, so typing one that is not listed is fine."""
        from PySide6.QtWidgets import QCompleter

        if self.state.workspace is None:
            return
        evidence = self.state.workspace.evidence
        actors = sorted(
            {n for a in evidence.actors() for n in (a.name, *a.aliases)}, key=str.casefold
        )
        measures = sorted(
            {n for m in evidence.measures() for n in (m.name, *m.aliases)}, key=str.casefold
        )
        for edit, names in (
            (self.attributed_to, actors),
            (self.claimant, actors),
            (self.counts, measures),
        ):
            completer = QCompleter(names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)

    # --- showing -------------------------------------------------------------------

    def show_annotation(self, row: AnnotationRow | AnnotationInfo | None) -> None:
        if self.info is not None and (row is None or row.id != self.info.id):
            self._store_note()  # leaving an annotation keeps what was typed
        info = None
        cached = self.state.last_change
        if cached is not None and row is not None and cached.id == row.id:
            info = cached  # just stored: no need to read it back
        elif row is not None:
            try:
                info = self.state.workspace.annotations.get(row.id)  # with attributes
            except UserError as exc:
                self._show_error(str(exc))
        same = info is not None and self.info is not None and info.id == self.info.id
        self.info = info
        if not same:
            self.message.clear()
        editable = info is not None and info.analyst == self.state.me
        for w in self._editors():
            w.setEnabled(editable)
        self.history_button.setEnabled(info is not None)
        self._show_review(info)
        if info is None:
            self.title.setText("No annotation selected")
            self.quote.clear()
            self.owner.setText("Select a highlight or a row to see its fields.")
            self.pages.setCurrentIndex(0)
            self._set_note("")
            return
        colour = KIND_COLOURS.get(info.kind, "#999")
        self.title.setText(
            f"<span style='color:{colour}'>■</span> <b>{KIND_LABELS[info.kind]}</b>"
            f" · {info.status.replace('_', ' ')}"
        )
        self.quote.setText(f"“{info.quote}”")
        self.owner.setText(
            f"by {info.analyst}"
            if editable
            else f"by {info.analyst}: only they can change it; you can review it."
        )
        attrs = info.attributes
        self.pages.setCurrentIndex(1 + ("claim", "figure", "place").index(info.kind))
        self._fill(self.attributed_to, attrs.get("attributed_to"))
        self._fill(self.side, attrs.get("side"))
        self._fill(self.credibility, attrs.get("credibility"))
        self._fill(self.value, attrs.get("value"))
        self._fill(self.value_max, attrs.get("value_max"))
        self._fill(self.unit, attrs.get("unit"))
        self._fill(self.counts, attrs.get("counts"))
        self._fill(self.qualifier, attrs.get("qualifier"))
        self._fill(self.claimant, attrs.get("claimant"))
        self._fill(self.as_of, attrs.get("as_of") if info.kind == "figure" else None)
        self._fill(self.claim_as_of, attrs.get("as_of") if info.kind == "claim" else None)
        self._fill(self.low, attrs.get("low"))
        self._fill(self.high, attrs.get("high"))
        self._fill(
            self.figure_credibility, attrs.get("credibility") if info.kind == "figure" else None
        )
        self._show_interval(info)
        self._fill(self.canonical_name, attrs.get("canonical_name"))
        self._fill(self.latitude, attrs.get("latitude"))
        self._fill(self.longitude, attrs.get("longitude"))
        if not (self.note.hasFocus() and same):
            self._set_note(info.note)

    def _show_interval(self, info: AnnotationInfo) -> None:
        """The interval the figure stands for, in words ("about 40 thousand" -> 36,000-44,000)."""
        if info.kind != "figure":
            self.interval_hint.clear()
            return
        from kursk_annotator.core.evidence.labels import interval_words
        from kursk_annotator.core.evidence.quantities import interval_of, parse_quantity

        attrs = info.attributes
        interval = interval_of(attrs)
        unit = str(attrs.get("unit") or "")
        if interval is None:
            read = parse_quantity(info.quote)
            interval = interval_of(read)
            unit = unit or str(read.get("unit") or "")
            prefix = "Read from the quote: "
        else:
            prefix = "Compared as " if "low" not in attrs and "high" not in attrs else "Set: "
        self.interval_hint.setText(
            prefix + interval_words(interval, unit)
            if interval
            else "No number read from the quote."
        )
        self.low.setPlaceholderText(f"{interval.low:g}" if interval else "")

    def _show_review(self, info: AnnotationInfo | None) -> None:
        """The latest verdict (and a later comment), and a request for changes to the author."""
        self.change_request.hide()
        if info is None or self.state.workspace is None:
            self.review.clear()
            return
        thread = self.state.workspace.reviews.thread(info.id)
        verdicts = [r for r in thread if r.verdict != "comment"]
        lines = []
        if verdicts:
            v = verdicts[-1]
            lines.append(
                f"Latest review: <b>{escape(v.analyst)} {VERDICT_WORDS[v.verdict]}</b>"
                f" ({_when(v.created)}){_said(v.text)}"
            )
        if thread and thread[-1].verdict == "comment":
            c = thread[-1]
            lines.append(f"Latest comment: {escape(c.analyst)} ({_when(c.created)}){_said(c.text)}")
        self.review.setText("<br>".join(lines) or "Not reviewed yet.")
        if info.status == "changes_requested" and info.analyst == self.state.me and verdicts:
            v = verdicts[-1]
            warning = highlight_colours(self.palette()).warning.name()
            self.change_request.setStyleSheet(
                f"QLabel {{ border: 2px solid {warning}; border-radius: 4px; padding: 6px; }}"
            )
            self.change_request.setText(
                f"<b>{escape(v.analyst)} asked you for changes</b>{_said(v.text, 300)}<br>"
                "Edit the annotation below, then reply in the Review queue (F8)."
            )
            self.change_request.show()

    def _history_clicked(self) -> None:
        if self.info is not None:
            self.history_requested.emit(self.info.id)

    def _editors(self) -> list[QWidget]:
        return [
            self.attributed_to,
            self.side,
            self.credibility,
            self.value,
            self.value_max,
            self.unit,
            self.counts,
            self.qualifier,
            self.claimant,
            self.as_of,
            self.claim_as_of,
            self.low,
            self.high,
            self.figure_credibility,
            self.canonical_name,
            self.latitude,
            self.longitude,
            self.note,
        ]

    @staticmethod
    def _fill(widget: QWidget, value: Any) -> None:
        text = "" if value is None else str(value)
        widget.blockSignals(True)
        if isinstance(widget, QComboBox):
            widget.setCurrentText(text) if widget.isEditable() else widget.setCurrentIndex(
                max(widget.findText(text), 0)
            )
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(text)
        widget.blockSignals(False)

    def _set_note(self, text: str) -> None:
        self.note.blockSignals(True)
        self.note.setPlainText(text)
        self.note.blockSignals(False)

    # --- storing -------------------------------------------------------------------

    def _collect(self, kind: str) -> dict[str, Any]:
        def text(w: QLineEdit | QComboBox) -> str | None:
            value = (w.currentText() if isinstance(w, QComboBox) else w.text()).strip()
            return value or None

        if kind == "claim":
            attrs: dict[str, Any] = {
                "attributed_to": text(self.attributed_to),
                "side": text(self.side),
                "credibility": text(self.credibility),
                "as_of": text(self.claim_as_of),
            }
        elif kind == "figure":
            attrs = {
                "value": _number(self.value.text()),
                "value_max": _number(self.value_max.text()),
                "unit": text(self.unit),
                "counts": text(self.counts),
                "qualifier": text(self.qualifier),
                "claimant": text(self.claimant),
                "as_of": text(self.as_of),
                "low": _number(self.low.text()),
                "high": _number(self.high.text()),
                "credibility": text(self.figure_credibility),
            }
        else:
            attrs = {
                "canonical_name": text(self.canonical_name),
                "latitude": _number(self.latitude.text()),
                "longitude": _number(self.longitude.text()),
            }
        kept = {  # attributes with no field here (a statement link...) stay as they are
            k: v
            for k, v in (self.info.attributes if self.info is not None else {}).items()
            if k not in attrs and k not in _FORM_FIELDS
        }
        return {**kept, **{k: v for k, v in attrs.items() if v is not None}}

    def _store_attributes(self) -> None:
        info = self.info
        if info is None or info.analyst != self.state.me:
            return
        try:
            attrs = self._collect(info.kind)
        except ValueError:
            self.message.setText(
                "Numbers only in value, range, interval and coordinates (e.g. 12000 or 51.7)."
            )
            return
        if attrs == info.attributes:
            return
        self.message.clear()
        from kursk_annotator.ui.undo_commands import EditAnnotation

        self.undo.push(
            EditAnnotation(self.state, info, {"attributes": attrs}, f"Edit {info.kind} attributes")
        )

    def _note_edited(self) -> None:
        self._note_timer.start()

    def _store_note(self) -> None:
        self._note_timer.stop()
        info = self.info
        if info is None or info.analyst != self.state.me:
            return
        note = self.note.toPlainText()
        if note != info.note:
            from kursk_annotator.ui.undo_commands import EditAnnotation

            self.undo.push(EditAnnotation(self.state, info, {"note": note}, "Edit note"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self._store_note()
        return super().eventFilter(watched, event)

    def _show_error(self, message: str) -> None:
        self.message.setText(message)
