"""An annotation's history: every edit, review and status change, with who and when."""

from __future__ import annotations

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

from kursk_annotator.core.change_summary import describe_change
from kursk_annotator.core.records import iso
from kursk_annotator.core.services.history import HistoryItem
from kursk_annotator.ui.table_model import RowsTableModel
from kursk_annotator.ui.workspace_source import WorkspaceSource, workspace_of

ACTION_LABELS = {
    "create": "Created",
    "update": "Edited",
    "delete": "Deleted",
    "restore": "Restored",
    "review": "Reviewed",
    "status": "Status",
    "import": "Imported",
}


class HistoryModel(RowsTableModel[HistoryItem]):
    WHEN, WHO, ACTION, CHANGE = range(4)
    HEADERS = ("When (UTC)", "Who", "What", "Change")

    def cell(self, item: HistoryItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                (iso(item.at) or "").replace("T", " ").rstrip("Z"),
                item.analyst or "—",
                ACTION_LABELS.get(item.action, item.action),
                # Every changed field in full, one per line: old → new.
                describe_change(item.before, item.after, separator="\n"),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None


class HistoryDialog(QDialog):
    def __init__(
        self,
        source: WorkspaceSource,
        annotation_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.source = source
        self.annotation_id = annotation_id
        self.model = HistoryModel()
        self.title = QLabel(objectName="history_title")
        self.title.setWordWrap(True)
        self.table = QTableView(objectName="history_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HistoryModel.CHANGE, QHeaderView.ResizeMode.Stretch)
        for column in (HistoryModel.WHEN, HistoryModel.WHO, HistoryModel.ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Annotation history")
        self.table.setWordWrap(True)  # long notes and quotes wrap; rows grow to fit
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.refresh()

    def refresh(self) -> None:
        ws = workspace_of(self.source)
        info = ws.annotations.get(self.annotation_id)
        quote = " ".join(info.quote.split())
        quote = quote if len(quote) <= 80 else quote[:79] + "…"
        self.setWindowTitle(f"History of annotation #{info.id}")
        self.title.setText(
            f"#{info.id} {info.kind} by {info.analyst}, now {info.status.replace('_', ' ')}: "
            f"“{quote}”"
        )
        self.model.set_rows(ws.history.for_entity("annotation", self.annotation_id))
        self.table.resizeRowsToContents()
