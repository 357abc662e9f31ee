"""Edit an article's title, outlet, author, date, URL and language; show its provenance.

Saving goes through ``ArticleService.update_metadata`` (so it is recorded in the history)
and sends only the fields that changed. A problem (empty title, a date that is not a
date) is shown in the dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import iso
from kursk_annotator.core.workspace import Workspace

# (field, label, placeholder)
FIELDS = (
    ("title", "&Title:", "the article's headline"),
    ("outlet", "&Outlet:", "e.g. Reuters, Ukrainska Pravda, TASS"),
    ("author", "&Author:", ""),
    ("published", "&Date:", "YYYY-MM-DD"),
    ("url", "&URL:", "https://…"),
    ("language", "&Language:", "code, e.g. en, uk, ru"),
)


def _size(size: int | None) -> str:
    if size is None:
        return "–"
    if size < 1024:
        return f"{size} bytes"
    if size < 1048576:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"


class MetadataDialog(QDialog):
    """The article's editable metadata, and where its text came from (read-only)."""

    saved = Signal(int)

    def __init__(self, workspace: Workspace, article_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("metadata_dialog")
        self.workspace = workspace
        self.article_id = article_id
        article = workspace.articles.get(article_id)
        self.setWindowTitle(f"Article {article_id} — metadata")
        self._original = {
            "title": article.title,
            "outlet": article.outlet or "",
            "author": article.author or "",
            "published": iso(article.published) or "",
            "url": article.url or "",
            "language": article.language or "",
        }
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label, placeholder in FIELDS:
            edit = QLineEdit(self._original[name], objectName=f"meta_{name}")
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            edit.textChanged.connect(self._check)
            self.edits[name] = edit
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, edit)

        provenance = QGroupBox("Source (as imported)")
        facts = QFormLayout(provenance)
        digest = article.source_hash or ""
        for label, value in (
            ("File:", article.source_name or "–"),
            ("Format:", article.source_format or "–"),
            ("Size:", _size(article.source_size)),
            ("SHA-256:", f"{digest[:16]}…" if digest else "–"),
            ("Imported:", iso(article.imported_at) or "–"),
            ("Text changes:", article.normalisation or "–"),
        ):
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setToolTip(digest if label == "SHA-256:" else "")
            facts.addRow(label, shown)

        self.problem = QLabel(objectName="meta_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(provenance)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._check()

    def _values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored ones, as the service takes them."""
        changed: dict[str, Any] = {}
        for name, value in self._values().items():
            if value == self._original[name]:
                continue
            if name == "published":
                changed[name] = date.fromisoformat(value) if value else None
            elif name == "title":
                changed[name] = " ".join(value.split())
            else:
                changed[name] = value or None
        return changed

    def _problem(self) -> str:
        values = self._values()
        if not values["title"]:
            return "The title cannot be empty."
        if values["published"]:
            try:
                date.fromisoformat(values["published"])
            except ValueError:
                return "Write the date as YYYY-MM-DD, e.g. 2024-08-06."
        if len(values["language"]) > 16:
            return "Give the language as a short code such as en, uk or ru."
        return ""

    def _check(self) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def save(self) -> None:
        if self._problem():
            return
        changes = self.changes()
        if changes:
            try:
                self.workspace.articles.update_metadata(
                    self.article_id, self.workspace.analyst, **changes
                )
            except UserError as exc:
                self.problem.setText(str(exc))
                return
            self.saved.emit(self.article_id)
        self.accept()


def edit_article_metadata(
    parent: QWidget | None,
    workspace: Workspace,
    article_id: int,
    on_changed: Callable[[], None] | None = None,
) -> MetadataDialog:
    """Open the metadata dialog (window-modal, non-blocking); ``on_changed`` after a save."""
    dialog = MetadataDialog(workspace, article_id, parent)
    if on_changed is not None:
        dialog.saved.connect(lambda _id: on_changed())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
