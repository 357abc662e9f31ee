"""File -> Export Table…: the annotations as CSV or XLSX, with the filters of the
``annotations`` command (article, kinds, status, analyst). The file's extension (or the
format chosen) decides the format; the file is written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import STATUSES
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.tasks import Task, run_task

FILE_FILTERS = "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"
STATUS_LABELS = {
    "pending": "Pending",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "changes_requested": "Changes requested",
}


class ExportTableDialog(QDialog):
    def __init__(
        self, workspace: Workspace, current_article: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_table_dialog")
        self.setWindowTitle("Export Table")
        self.workspace = workspace
        self.path = QLineEdit(objectName="table_path")
        self.path.setAccessibleName("File to write")
        self.path.setPlaceholderText("annotations.xlsx or annotations.csv")
        self.path.setText(str(Path.home() / "annotations.xlsx"))
        browse = QPushButton("&Browse…", objectName="table_browse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)

        self.article = QComboBox(objectName="table_article")
        self.article.setAccessibleName("Articles")
        self.article.addItem("All articles", None)
        for info in workspace.articles.list():
            title = info.title if len(info.title) <= 60 else info.title[:59] + "…"
            self.article.addItem(title, info.id)
        if current_article is not None:
            self.article.setCurrentIndex(max(self.article.findData(current_article), 0))
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds_row = QHBoxLayout()
        for spec in kinds.all_kinds():
            box = QCheckBox(spec.plural, objectName=f"table_kind_{spec.name}", checked=True)
            self.kind_boxes[spec.name] = box
            kinds_row.addWidget(box)
        kinds_row.addStretch(1)
        self.status = QComboBox(objectName="table_status")
        self.status.setAccessibleName("Review status")
        self.status.addItem("Every status", None)
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS.get(status, status), status)
        self.analyst = QComboBox(objectName="table_analyst")
        self.analyst.setAccessibleName("Analyst")
        self.analyst.addItem("Every analyst", None)
        for analyst in workspace.analysts.all():
            self.analyst.addItem(analyst.name, analyst.name)

        form = QFormLayout()
        form.addRow("&File:", where)
        form.addRow("&Articles:", self.article)
        form.addRow("Kinds:", kinds_row)
        form.addRow("&Status:", self.status)
        form.addRow("A&nalyst:", self.analyst)
        self.message = QLabel(objectName="table_message", wordWrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Export")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "One row per annotation with every attribute, its review status and the "
                "latest verdict. The file's extension chooses the format.",
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.written: int | None = None
        self.task: Task | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export Table", self.path.text(), FILE_FILTERS)
        if name:
            if not Path(name).suffix:
                name += ".xlsx"
            self.path.setText(name)

    def export(self) -> None:
        from kursk_annotator.core.export.table_export import TableFilter, export_table

        chosen = [k for k, box in self.kind_boxes.items() if box.isChecked()]
        if not chosen:
            self.message.setText("Choose at least one kind.")
            return
        status, analyst = self.status.currentData(), self.analyst.currentData()
        flt = TableFilter(
            article_id=self.article.currentData(),
            kinds=chosen if len(chosen) < len(self.kind_boxes) else (),
            statuses=(status,) if status else (),
            analysts=(analyst,) if analyst else (),
        )
        text = self.path.text().strip()
        if not text:
            self.message.setText("Give the file to write, ending in .xlsx or .csv.")
            return
        if self.task is not None:
            return  # already writing
        workspace, target = self.workspace, Path(text).expanduser()
        self.message.setText("Writing…")
        self.buttons.setEnabled(False)
        # Off the GUI thread: a library of many thousand annotations takes seconds.
        self.task = run_task(
            lambda _task: export_table(workspace, target, flt),
            lambda written, error: self._written(text, written, error),
            name="the table export",
            owner=self,
        )

    def _written(self, shown: str, written: int | None, error: BaseException | None) -> None:
        self.task = None
        self.buttons.setEnabled(True)
        if error is not None:
            self.message.setText(
                str(error)
                if isinstance(error, UserError)
                else f"The export failed: {type(error).__name__}: {error} (details in the log)"
            )
            return
        self.written = written
        parent = self.parentWidget()
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(f"Wrote {written:,} annotations to {shown}", 10000)
        self.accept()


def export_table_actions() -> list[ActionSpec]:
    """File -> Export Table… (beside Export Briefing)."""
    return [
        ActionSpec(
            "export_table",
            "Export &Table (CSV, Excel)…",
            "&File",
            lambda w, _c: open_export_table_dialog(
                w, w.workspace, w.state.article.id if w.state.article else None
            ),
            ("Ctrl+Shift+T",),
            tip="Write the annotations as a CSV or Excel table",
            section="export",
        )
    ]


def open_export_table_dialog(
    parent: QWidget, workspace: Workspace, article_id: int | None
) -> ExportTableDialog:
    dialog = ExportTableDialog(workspace, article_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
