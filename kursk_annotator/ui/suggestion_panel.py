"""The current suggestion's attributes before acceptance, editable.

A form per kind built from the kind's attribute model (like the Inspector's), filled
with what the suggestion proposes; Accept stores what the form holds, Reject remembers
the rejection. Shown as a tab beside the Inspector.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.suggest.model import Suggestion


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SuggestionPanel(QWidget):
    accept_requested = Signal()
    reject_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestion_panel")
        self.suggestion: Suggestion | None = None
        self.heading = QLabel(objectName="suggestion_heading", wordWrap=True)
        self.quote = QLabel(objectName="suggestion_quote", wordWrap=True)
        self.form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.accept_button = QPushButton("&Accept (Enter)", objectName="suggestion_accept")
        self.reject_button = QPushButton("&Reject (Backspace)", objectName="suggestion_reject")
        self.accept_button.setAccessibleName("Accept suggestion")
        self.reject_button.setAccessibleName("Reject suggestion")
        self.accept_button.clicked.connect(self.accept_requested)
        self.reject_button.clicked.connect(self.reject_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_suggestion(None)

    def show_suggestion(self, suggestion: Suggestion | None) -> None:
        from kursk_annotator.core.suggest.service import annotation_attributes

        self.suggestion = suggestion
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        enabled = suggestion is not None
        self.accept_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)
        if suggestion is None:
            self.heading.setText("No suggestion chosen: press N in the text for the next one.")
            self.quote.setText("")
            return
        spec = kinds.get(suggestion.kind)
        self.heading.setText(
            f"<b>Suggested {spec.label.lower()}</b> · confidence {suggestion.confidence:.2f}"
        )
        self.quote.setText(f"“{' '.join(suggestion.quote.split())[:300]}”")
        proposed = annotation_attributes(suggestion)
        for f in spec.fields():
            edit = QLineEdit(_text(proposed.get(f.name)), objectName=f"suggest_{f.name}")
            edit.setAccessibleName(f.label)
            edit.returnPressed.connect(self.accept_requested)
            self.fields[f.name] = edit
            self.form.addRow(f.label, edit)

    def attributes(self) -> dict[str, Any]:
        """What the form holds, checked by the kind's model (raises UserError)."""
        from kursk_annotator.core.attributes import validate_attributes

        if self.suggestion is None:
            return {}
        spec = kinds.get(self.suggestion.kind)
        numbers = {f.name for f in spec.fields() if f.is_number}
        out: dict[str, Any] = {}
        for name, edit in self.fields.items():
            text = edit.text().strip()
            if not text:
                continue
            if name in numbers:
                try:
                    value = float(text.replace(",", ""))
                except ValueError:
                    raise UserError(f"{name} must be a number, not {text!r}") from None
                out[name] = int(value) if value.is_integer() else value
            else:
                out[name] = text
        return validate_attributes(self.suggestion.kind, out)
