"""Imported annotations that could not be anchored, for the reviewer to look at.

An orphan keeps its quote, context and the article it was made on; importing the same
file again after the article was imported (or corrected) anchors it and removes it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.exchange.orphans import Orphan, list_orphans
from kursk_annotator.core.records import iso
from kursk_annotator.ui.table_model import RowsTableModel
from kursk_annotator.ui.workspace_source import WorkspaceSource, workspace_of


class OrphansModel(RowsTableModel[Orphan]):
    KIND, QUOTE, REASON, ARTICLE, CREATOR, IMPORTED = range(6)
    HEADERS = ("Kind", "Quote", "Why", "Article", "By", "Imported (UTC)")

    def __init__(self) -> None:
        super().__init__()
        self._titles: dict[int, str] = {}

    def set_rows(self, rows: Iterable[Orphan], titles: dict[int, str] | None = None) -> None:
        with self.resetting():
            self._rows = list(rows)
            self._titles = dict(titles or {})

    def cell(self, o: Orphan, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            article = (
                self._titles.get(o.article_id, f"Article {o.article_id}")
                if o.article_id is not None
                else f"not in this store: {o.source}"
            )
            return (
                kinds.label(o.kind),
                " ".join(o.quote.split()),
                o.reason,
                article,
                o.creator or "—",
                (iso(o.imported_at) or "").replace("T", " ").rstrip("Z"),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.QUOTE:
            return f"…{o.prefix}[{o.quote}]{o.suffix}…" + (f"\n\nNote: {o.note}" if o.note else "")
        return None


class OrphansDialog(QDialog):
    def __init__(self, source: WorkspaceSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orphans_dialog")
        self.setWindowTitle("Orphaned Annotations")
        self.source = source
        self.model = OrphansModel()
        self.summary = QLabel(objectName="orphans_summary")
        self.summary.setWordWrap(True)
        self.table = QTableView(objectName="orphans_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            OrphansModel.QUOTE, QHeaderView.ResizeMode.Stretch
        )
        self.table.setAccessibleName("Orphaned annotations")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        ws = workspace_of(self.source)
        orphans = list_orphans(ws)
        self.model.set_rows(orphans, ws.articles.titles())
        self.summary.setText(
            f"{len(orphans)} imported annotation(s) could not be anchored. Import their "
            "file again once the article is here (or corrected) to anchor them."
            if orphans
            else "No orphans: every imported annotation is anchored."
        )
