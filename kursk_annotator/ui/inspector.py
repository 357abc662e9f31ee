"""The Inspector: the selected annotation's fields, with an editor per kind.

Each kind's form is built from its attribute model (``core.kinds``: label, text, number or
choice of each field), once the store is open, so a new kind or field needs no change here.

Each finished edit (Enter, leaving a field, choosing from a list, a pause in the note)
is stored at once through an undoable command; there is no Save button.

A suggestion chosen with N / Shift+N (``show_suggestion``) is shown in the same form with
the attributes it proposes, editable; nothing is stored until it is accepted (Enter,
here or in the reader), and then with what the form holds (``suggestion_attributes``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoStack
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

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo, iso
from kursk_annotator.core.suggest.model import Suggestion
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState
from kursk_annotator.ui.steady_label import RichLabel, WrappedLabelHost
from kursk_annotator.ui.theme import highlight_colours

NOTE_PAUSE_MS = 800
# Fields offered the names of known actors and measures while typing.
COMPLETED_ATTRIBUTES = ("attributed_to", "claimant", "counts")
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


def _show(label: QLabel, text: str) -> None:
    """Set a label's text only when it changes: setting it again, even to the same text,
    lays the Inspector out again and repaints it (twice, inside its scroll area)."""
    if label.text() != text:
        label.setText(text)


def _combo(name: str, editable: bool = False) -> QComboBox:
    box = QComboBox(accessibleName=name)
    box.addItem("")
    box.setEditable(editable)
    return box


class Inspector(QWidget):
    history_requested = Signal(int)  # the annotation whose history the user asked for
    dossier_requested = Signal(str)  # the place whose dossier the user asked for
    suggestion_accept_requested = Signal()  # Enter in a field, or Accept, on a suggestion
    suggestion_reject_requested = Signal()

    def __init__(self, state: ArticleState, undo: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.undo = undo
        self.info: AnnotationInfo | None = None
        self.suggestion: Suggestion | None = None  # shown instead of an annotation
        self._proposed: dict[str, Any] = {}
        self.setObjectName("inspector")

        # Rich text: each asks its height for a width once per text (ui/steady_label.py).
        self.title = RichLabel("No annotation selected")
        self.title.setAccessibleName("Selected annotation")
        self.quote = QLabel(wordWrap=True)
        self.quote.setAccessibleName("Quoted text")
        self.owner = QLabel(wordWrap=True)
        self.review = RichLabel(objectName="inspector_review")
        self.review.setAccessibleName("Latest review")
        self.review.setTextFormat(Qt.TextFormat.RichText)
        # The author's own annotation sent back by a reviewer: hard to miss.
        self.change_request = RichLabel(objectName="inspector_change_request")
        self.change_request.setAccessibleName("Changes requested from you")
        self.change_request.setTextFormat(Qt.TextFormat.RichText)
        self.change_request.hide()
        self.history_button = QPushButton("&History…", objectName="inspector_history")
        self.history_button.setAccessibleName("Show the annotation's history")
        self.history_button.setToolTip("Every edit, review and status change (Ctrl+H)")
        self.history_button.clicked.connect(self._history_clicked)
        self.dossier_button = QPushButton("Place &dossier…", objectName="inspector_dossier")
        self.dossier_button.setAccessibleName("Show the place's dossier")
        self.dossier_button.setToolTip("Every mention of this place across the library")
        self.dossier_button.clicked.connect(self._dossier_clicked)
        self.dossier_button.hide()
        self.accept_button = QPushButton("&Accept (Enter)", objectName="inspector_accept")
        self.accept_button.setAccessibleName("Accept the suggestion")
        self.accept_button.clicked.connect(self.suggestion_accept_requested)
        self.reject_button = QPushButton("&Reject (Backspace)", objectName="inspector_reject")
        self.reject_button.setAccessibleName("Reject the suggestion")
        self.reject_button.clicked.connect(self.suggestion_reject_requested)
        self.accept_button.hide()
        self.reject_button.hide()
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #CC3311")
        self.message.setAccessibleName("Inspector message")

        # kind -> attribute -> its editor; filled by build_forms() once the store is open.
        self._editors_by_kind: dict[str, dict[str, QLineEdit | QComboBox]] = {}
        # kind -> attribute -> the line under its editor saying what is wrong with it.
        self._reasons_by_kind: dict[str, dict[str, QLabel]] = {}
        self.problems: dict[str, str] = {}  # attribute -> reason, for the form shown now
        self._form_message = ""  # a problem of the whole form, shown in self.message
        # What _check_form showed last: the reasons under fields, the fields framed red.
        self._reasons_shown: list[QLabel] = []
        self._marked: list[QWidget] = []
        self._editable: bool | None = None  # whether the editors are enabled (None: mixed)
        self._page_of_kind: dict[str, int] = {}
        self.note = QPlainTextEdit(accessibleName="Note")
        self.note.setTabChangesFocus(True)
        # Four lines (it scrolls): in a short panel the room goes to the form above, where
        # a field's check and its reason must be seen as it is typed.
        self.note.setMaximumHeight(4 * self.note.fontMetrics().lineSpacing() + 14)

        # The interval a figure stands for, read from its words ("about 40 thousand").
        self.interval_hint = QLabel(wordWrap=True, objectName="inspector_interval")
        self.interval_hint.setAccessibleName("Interval the figure is compared as")
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        # Each new annotation's quote: the panel is laid out again only if it needs room.
        layout.addWidget(WrappedLabelHost(self.quote))
        layout.addWidget(self.owner)
        layout.addWidget(self.change_request)
        review_row = QHBoxLayout()
        review_row.addWidget(self.review, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.dossier_button)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        review_row.addLayout(buttons)
        layout.addLayout(review_row)
        # The figure form is long: it scrolls rather than squeezing the panels above it.
        self.fields_area = fields = QScrollArea(widgetResizable=True, objectName="inspector_fields")
        fields.setAccessibleName("Attributes of the annotation")
        fields.setFrameShape(QFrame.Shape.NoFrame)
        fields.setWidget(self.pages)
        # Five rows of the form at least: the panel scrolls (it sits in a scroll area)
        # before the form shrinks below what shows a field and the reason under it.
        fields.setMinimumHeight(5 * (QLineEdit().sizeHint().height() + 6))
        layout.addWidget(fields, 1)
        self.note_label = QLabel("Note")
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.message)

        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_PAUSE_MS)
        self._note_timer.timeout.connect(self._store_note)
        self.note.textChanged.connect(self._note_edited)
        self.note.installEventFilter(self)
        state.selected.connect(self.show_annotation)
        # Names offered for completion are read again with each article, not with each
        # annotation shown (two queries and three completers: a third of a new tag's time).
        state.loaded.connect(self.fill_completions)
        state.error.connect(self._show_error)
        self.show_annotation(None)

    def build_forms(self) -> None:
        """A form per kind from its attribute model (which loads with the store's libraries:
        called once the store is open). Kinds registered since the last call are added."""
        for kind in kinds.all_kinds():
            if kind.name not in self._editors_by_kind:
                self._add_form(kind)
        self.fill_completions()

    def fill_completions(self) -> None:
        """Actor and measure names (aliases too) offered while typing a speaker, claimant
        or measure; a name not listed is fine: it becomes a record on first use."""
        from PySide6.QtWidgets import QCompleter

        if self.state.workspace is None or not self._editors_by_kind:
            return  # no forms yet (made once the store is open): nothing to complete
        evidence = self.state.workspace.evidence
        actors = sorted(
            {n for a in evidence.actors() for n in (a.name, *a.aliases)}, key=str.casefold
        )
        measures = sorted(
            {n for m in evidence.measures() for n in (m.name, *m.aliases)}, key=str.casefold
        )
        for kind, attribute, names in (
            ("claim", "attributed_to", actors),
            ("figure", "claimant", actors),
            ("figure", "counts", measures),
        ):
            editor = self._editors_by_kind.get(kind, {}).get(attribute)
            if isinstance(editor, QLineEdit):
                completer = QCompleter(names, editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                editor.setCompleter(completer)

    def _add_form(self, kind: kinds.KindSpec) -> None:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        editors: dict[str, QLineEdit | QComboBox] = {}
        reasons: dict[str, QLabel] = {}
        for f in kind.fields():
            name = f"{kind.label} {f.label.lower()}"
            editor: QLineEdit | QComboBox
            if f.choices:
                editor = _combo(name, editable=f.widget == "open_choice")
                editor.addItems(list(f.choices))
                editor.activated.connect(lambda _i: self._store_attributes())
                if editor.isEditable():
                    editor.lineEdit().editingFinished.connect(self._store_attributes)
                if editor.isEditable():
                    editor.lineEdit().returnPressed.connect(self._return_pressed)
            else:
                editor = QLineEdit(accessibleName=name)
                editor.editingFinished.connect(self._store_attributes)
                editor.returnPressed.connect(self._return_pressed)
                # Checked as it is typed, as the metadata dialog does; stored when done.
                editor.textEdited.connect(lambda _t: self._check_form())
            if f.help:
                editor.setToolTip(f.help)
            editor.setEnabled(False)
            self._editable = None  # the forms' editors are no longer all alike
            reason = QLabel(wordWrap=True, objectName=f"reason_{kind.name}_{f.name}")
            reason.setAccessibleName(f"{f.label}: problem")
            reason.hide()
            # The reason right under its field, taking no room while there is none.
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor)
            column.addWidget(reason)
            form.addRow(f.label, cell)
            editors[f.name] = editor
            reasons[f.name] = reason
        if kind.name == "figure":
            form.addRow("", self.interval_hint)
        self._editors_by_kind[kind.name] = editors
        self._reasons_by_kind[kind.name] = reasons
        self._page_of_kind[kind.name] = self.pages.addWidget(page)

    def editor(self, kind: str, attribute: str) -> QLineEdit | QComboBox:
        """The widget editing ``attribute`` of annotations of ``kind``."""
        return self._editors_by_kind[kind][attribute]

    # --- showing -------------------------------------------------------------------

    def show_annotation(self, row: AnnotationRow | AnnotationInfo | None) -> None:
        self._leave_suggestion()
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
            _show(self.message, "")
        editable = info is not None and info.analyst == self.state.me
        if editable != self._editable:  # twenty fields: asked only when it changes
            for w in self._editors():
                w.setEnabled(editable)
            self._editable = editable
        self.history_button.setEnabled(info is not None)
        self.dossier_button.setVisible(info is not None and info.kind == "place")
        self._show_review(info)
        if info is None:
            _show(self.title, "No annotation selected")
            _show(self.quote, "")
            _show(self.owner, "Select a highlight or a row to see its fields.")
            self.pages.setCurrentIndex(0)
            self._set_note("")
            return
        colour = kinds.colour(info.kind)
        _show(
            self.title,
            f"<span style='color:{colour}'>■</span> <b>{escape(kinds.label(info.kind))}</b>"
            f" · {info.status.replace('_', ' ')}",
        )
        _show(self.quote, f"“{info.quote}”")
        _show(
            self.owner,
            f"by {info.analyst}"
            if editable
            else f"by {info.analyst}: only they can change it; you can review it.",
        )
        if info.kind not in self._page_of_kind:
            self.build_forms()  # a kind registered after the store opened
        # A kind this version does not know (from a newer store): no form, the note only.
        self.pages.setCurrentIndex(self._page_of_kind.get(info.kind, 0))
        for name, widget in self._editors_by_kind.get(info.kind, {}).items():
            if same and name in self.problems:
                continue  # what the analyst is correcting stays, with its reason
            self._fill(widget, info.attributes.get(name))
        self._show_interval(info.kind, info.attributes, info.quote)
        if not (self.note.hasFocus() and same):
            self._set_note(info.note)
        self._check_form()

    def show_suggestion(self, suggestion: Suggestion | None) -> None:
        """A suggestion not accepted yet: its kind and proposed attributes, editable.
        None goes back to the selected annotation (if any)."""
        if suggestion is None:
            if self.suggestion is not None:
                self.show_annotation(self.state.selected_annotation)
            return
        from kursk_annotator.core.suggest.service import annotation_attributes

        if self.info is not None:
            self.show_annotation(None)  # stores a note still being typed
        self.suggestion = suggestion
        self._proposed = annotation_attributes(suggestion)
        _show(self.message, "")
        if suggestion.kind not in self._page_of_kind:
            self.build_forms()
        spec = kinds.get(suggestion.kind)
        _show(
            self.title,
            f"<span style='color:{kinds.colour(suggestion.kind)}'>□</span> <b>Suggested "
            f"{escape(spec.label.lower())}</b> · not stored yet · confidence "
            f"{suggestion.confidence:.2f}",
        )
        _show(self.quote, f"“{' '.join(suggestion.quote.split())[:300]}”")
        _show(
            self.owner,
            "Check and edit the proposed fields; Enter accepts them as your pending "
            "annotation, Backspace in the text rejects the suggestion.",
        )
        _show(self.review, "")
        self.change_request.hide()
        self.history_button.setEnabled(False)
        self.dossier_button.hide()
        self.accept_button.show()
        self.reject_button.show()
        # No note before acceptance: the room goes to the proposed fields.
        self.note.hide()
        self.note_label.hide()
        self._set_note("")
        self.pages.setCurrentIndex(self._page_of_kind.get(suggestion.kind, 0))
        self._editable = None  # this form's editors only
        for name, widget in self._editors_by_kind.get(suggestion.kind, {}).items():
            widget.setEnabled(True)
            self._fill(widget, self._proposed.get(name))
        self._show_interval(suggestion.kind, self._proposed, suggestion.quote)
        self._check_form()

    def _leave_suggestion(self) -> None:
        if self.suggestion is None:
            return
        self.suggestion = None
        self._proposed = {}
        self.accept_button.hide()
        self.reject_button.hide()
        self.note.show()
        self.note_label.show()

    def suggestion_attributes(self) -> dict[str, Any]:
        """What the form holds for the suggestion shown; raises ``UserError`` (and marks
        the field) when something cannot be stored as it stands."""
        if self.suggestion is None:
            return {}
        problems = self._check_form()
        if problems:
            first = next(iter(problems.values()))
            raise UserError(f"the suggestion was not accepted: {first}")
        attrs, _ = self._collect(self.suggestion.kind)
        return attrs

    def _return_pressed(self) -> None:
        if self.suggestion is not None:
            self.suggestion_accept_requested.emit()

    def _show_interval(self, kind: str, attrs: dict[str, Any], quote: str) -> None:
        """The interval a figure is compared as ("about 40 thousand" -> 36,000-44,000)."""
        if kind != "figure":
            _show(self.interval_hint, "")
            return
        from kursk_annotator.core.evidence.labels import interval_words
        from kursk_annotator.core.evidence.quantities import interval_of, parse_quantity

        interval = interval_of(attrs)
        unit = str(attrs.get("unit") or "")
        if interval is None:
            read = parse_quantity(quote)
            interval = interval_of(read)
            unit = unit or str(read.get("unit") or "")
            prefix = "Read from the quote: "
        else:
            prefix = "Compared as " if "low" not in attrs and "high" not in attrs else "Set: "
        _show(
            self.interval_hint,
            prefix + interval_words(interval, unit)
            if interval
            else "No number read from the quote.",
        )

    def _show_review(self, info: AnnotationInfo | None) -> None:
        """The latest verdict (and a later comment), and a request for changes to the author."""
        self.change_request.hide()
        if info is None or self.state.workspace is None:
            _show(self.review, "")
            return
        cached = self.state.last_change
        if cached is info and info.version == 1:
            thread = []  # just created: nobody can have reviewed it yet (saves a query)
        else:
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
        _show(self.review, "<br>".join(lines) or "Not reviewed yet.")
        if info.status == "changes_requested" and info.analyst == self.state.me and verdicts:
            v = verdicts[-1]
            warning = highlight_colours(self.palette()).warning.name()
            self.change_request.setStyleSheet(
                f"QLabel {{ border: 2px solid {warning}; border-radius: 4px; padding: 6px; }}"
            )
            _show(
                self.change_request,
                f"<b>{escape(v.analyst)} asked you for changes</b>{_said(v.text, 300)}<br>"
                "Edit the annotation below, then reply in the Review queue (F8).",
            )
            self.change_request.show()

    def _dossier_clicked(self) -> None:
        if self.info is not None and self.info.kind == "place":
            name = self.info.attributes.get("canonical_name") or self.info.quote
            self.dossier_requested.emit(" ".join(str(name).split()))

    def _history_clicked(self) -> None:
        if self.info is not None:
            self.history_requested.emit(self.info.id)

    def _editors(self) -> list[QWidget]:
        every = [w for editors in self._editors_by_kind.values() for w in editors.values()]
        return [*every, self.note]

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
        note = self.note
        if note.toPlainText() == text:
            # The same text (every new tag's note is as empty as the last one's): setting
            # it again would repaint the editor for nothing. What setPlainText would do
            # is done here: the steps typed for the last annotation are forgotten (Ctrl+Z
            # in the note must not bring its text into this one), the caret goes first.
            note.document().clearUndoRedoStacks()
            cursor = note.textCursor()
            if cursor.position() or cursor.hasSelection():
                note.moveCursor(QTextCursor.MoveOperation.Start)
            return
        self.note.blockSignals(True)
        self.note.setPlainText(text)
        self.note.blockSignals(False)

    # --- storing -------------------------------------------------------------------

    def _collect(self, kind: str) -> tuple[dict[str, Any], dict[str, str]]:
        """The attributes as the form shows them, and what is wrong with them by field
        (a number that is not one, a value out of range; the whole set under "").
        Attributes the form does not show (from a newer version) are kept as they were."""
        spec = kinds.find(kind)
        editors = self._editors_by_kind.get(kind, {})
        if self.suggestion is not None:
            attrs: dict[str, Any] = dict(self._proposed)
        else:
            attrs = dict(self.info.attributes) if self.info is not None else {}
        problems: dict[str, str] = {}
        for f in spec.fields() if spec is not None else ():
            widget = editors.get(f.name)
            if widget is None:
                continue
            text = (
                widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            ).strip()
            if not f.is_number:
                attrs[f.name] = text or None
                continue
            try:
                attrs[f.name] = _number(text)
            except ValueError:
                problems[f.name] = f"“{text}” is not a number: write digits, e.g. 12000 or 51.7"
        attrs = {k: v for k, v in attrs.items() if v is not None}
        if not problems and spec is not None:
            from kursk_annotator.core.attributes import attribute_problems

            problems = attribute_problems(kind, attrs)
        return attrs, problems

    def _check_form(self) -> dict[str, str]:
        """Mark each field that cannot be stored as it stands, with the reason under it;
        flag a figure that has no number. Returns the problems."""
        info = self.info
        # Only what the last check showed is taken back: asking each of the forms' twenty
        # fields again was most of this check, made for every annotation shown.
        for reason in self._reasons_shown:
            reason.hide()
        for editor in self._marked:
            self._mark(editor, False)
        self._reasons_shown, self._marked = [], []
        self.problems = {}
        if self.suggestion is not None:
            kind = self.suggestion.kind
        elif info is None or info.analyst != self.state.me:
            return {}
        else:
            kind = info.kind
        attrs, problems = self._collect(kind)
        self.problems = problems
        editors = self._editors_by_kind.get(kind, {})
        reasons = self._reasons_by_kind.get(kind, {})
        for name, text in problems.items():
            if name in reasons:
                warning = highlight_colours(self.palette()).warning.name()
                text = text.replace("_", " ")
                reasons[name].setStyleSheet(f"color: {warning}")
                reasons[name].setText(text[:1].upper() + text[1:] + ".")
                reasons[name].show()
                self._reasons_shown.append(reasons[name])
                self._mark(editors[name], True, text)
                self._marked.append(editors[name])
                if editors[name].hasFocus():
                    # The reason under the field being typed in is brought into view once
                    # laid out (it was below the fold of a short panel).
                    QTimer.singleShot(0, self, partial(self._bring_into_view, reasons[name]))
        whole = problems.get("", "")
        if whole:
            _show(self.message, whole[:1].upper() + whole[1:] + ".")
        elif self._form_message and self.message.text() == self._form_message:
            _show(self.message, "")  # only what this check said, not a store error
        self._form_message = self.message.text() if whole else ""
        no_number = kind == "figure" and attrs.get("value") is None
        if no_number and "value" in reasons and "value" not in problems:
            # Not an error (it can be filled in later), but a figure is its number.
            reasons["value"].setStyleSheet("")
            reasons["value"].setText("⚠ No number yet: give the value, e.g. 12000.")
            reasons["value"].show()
            self._reasons_shown.append(reasons["value"])
        return problems

    def _bring_into_view(self, reason: QLabel) -> None:
        if reason.isVisible():
            self.fields_area.ensureWidgetVisible(reason, 0, 4)

    @staticmethod
    def _mark(editor: QWidget, invalid: bool, reason: str = "") -> None:
        if bool(editor.property("invalid")) == invalid:
            return
        editor.setProperty("invalid", invalid)
        colour = "#CC3311"
        editor.setStyleSheet(f"border: 2px solid {colour}; border-radius: 3px;" if invalid else "")
        editor.setAccessibleDescription(reason)

    def _store_attributes(self) -> None:
        info = self.info
        if info is None or info.analyst != self.state.me:
            return
        problems = self._check_form()
        if problems:
            return  # nothing stored, nothing reverted: the reason stays beside the field
        attrs, _ = self._collect(info.kind)
        if attrs == info.attributes:
            return
        _show(self.message, "")
        from kursk_annotator.ui.undo_commands import EditAnnotation

        self.undo.push(
            EditAnnotation(self.state, info, {"attributes": attrs}, f"Edit {info.kind} attributes")
        )
        if any(attrs.get(k) != info.attributes.get(k) for k in COMPLETED_ATTRIBUTES):
            self.fill_completions()  # a new speaker or measure is offered from now on

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
        _show(self.message, message)
