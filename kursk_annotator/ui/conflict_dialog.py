"""Shown when an edit meets a newer version of the same annotation: both versions side
by side, and the analyst keeps theirs, takes the newer one, or merges the note."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.records import AnnotationInfo

KEEP_MINE, TAKE_THEIRS, MERGE_NOTE = "mine", "theirs", "merge"
FIELDS = (
    ("kind", "Kind"),
    ("note", "Note"),
    ("attributes", "Details"),
    ("deleted", "Deleted"),
    ("status", "Review status"),
)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def merged_note(theirs: str, mine: str) -> str:
    """Both notes, theirs first; one of them when it already holds the other."""
    if mine in theirs:
        return theirs
    if theirs in mine:
        return mine
    return f"{theirs}\n\n{mine}"


class ConflictDialog(QDialog):
    def __init__(
        self, label: str, mine: dict[str, Any], theirs: AnnotationInfo, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle("Changed meanwhile")
        self.choice: tuple[str, str | None] | None = None
        intro = QLabel(
            f"“{label}” was made from an older version of this annotation. The store now "
            f"holds version {theirs.version} (updated {theirs.updated:%Y-%m-%d %H:%M} UTC). "
            "Nothing has been overwritten: choose which to keep."
        )
        intro.setWordWrap(True)
        rows = [(key, title) for key, title in FIELDS if key in mine or key in ("note", "status")]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("conflict_table")
        self.table.setHorizontalHeaderLabels(["Yours", f"Newer (version {theirs.version})"])
        self.table.setVerticalHeaderLabels([title for _, title in rows])
        for r, (key, _title) in enumerate(rows):
            newer = getattr(theirs, key, None)
            yours = mine.get(key, newer)
            for c, value in enumerate((yours, newer)):
                item = QTableWidgetItem(_shown(value))
                if yours != newer:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.merged = QPlainTextEdit(self)
        self.merged.setObjectName("merged_note")
        self.merged.setAccessibleName("Merged note")
        can_merge = "note" in mine and mine["note"] != theirs.note
        self.merged.setPlainText(merged_note(theirs.note, mine.get("note", "")))
        self.merged.setVisible(can_merge)
        buttons = QDialogButtonBox(self)
        self.keep = QPushButton("Keep mine", objectName="keep_mine")
        self.take = QPushButton("Take the newer one", objectName="take_theirs")
        self.merge = QPushButton("Merge the notes", objectName="merge_note")
        self.merge.setVisible(can_merge)
        for button in (self.keep, self.take, self.merge):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.merge.clicked.connect(lambda: self._choose(MERGE_NOTE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        if can_merge:
            layout.addWidget(QLabel("Merged note (edit before merging):"))
        layout.addWidget(self.merged)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _choose(self, choice: str) -> None:
        note = self.merged.toPlainText() if choice == MERGE_NOTE else None
        self.choice = (choice, note)
        self.accept()


def ask_conflict(
    parent: QWidget | None, label: str, mine: dict[str, Any], theirs: AnnotationInfo
) -> tuple[str, str | None] | None:
    """Show the dialog; None when it was closed without a choice (nothing is changed)."""
    dialog = ConflictDialog(label, mine, theirs, parent)
    dialog.exec()
    return dialog.choice
