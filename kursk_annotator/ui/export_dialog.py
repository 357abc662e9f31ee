"""File -> Export Briefing...: choose what goes in, then write the Word file off the GUI thread.

The export runs in a QThreadPool worker that never touches a widget: it reports
progress and its result through signals, which Qt delivers on the GUI thread. The
progress dialog's Cancel sets an event the exporter checks between articles and before
the final rename, so a cancelled export leaves no file behind.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPixmap
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
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.export.briefing_options import DEFAULT_TITLE, BriefingOptions
from kursk_annotator.core.palette import kind_colour
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.tasks import Task, TaskCancelled, run_task

if TYPE_CHECKING:  # the exporter (and python-docx) load when the first export starts
    from kursk_annotator.core.export.briefing_docx import ExportResult

STATUS_CHOICES = (
    ("All but rejected", "all"),
    ("Accepted only", "accepted"),
    ("Pending review (incl. changes requested)", "pending"),
)


def open_document(path: Path) -> bool:
    """Open ``path`` in the system's default application (Word, LibreOffice, ...)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _export_work(workspace: Workspace, options: BriefingOptions, path: Path):
    """The export as background work (``ui.tasks``): never touches a widget."""
    from kursk_annotator.core.export.briefing_docx import export_briefing

    def work(task: Task) -> ExportResult:
        return export_briefing(
            workspace, options, path, progress=task.progress, cancel=task.cancelled
        )

    return work


def _swatch(kind: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(kind_colour(kind)))
    return QIcon(pixmap)


def _checklist(items: list[tuple[str, object]]) -> QListWidget:
    widget = QListWidget()
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[object]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _set_all(widget: QListWidget, state: Qt.CheckState) -> None:
    for i in range(widget.count()):
        widget.item(i).setCheckState(state)


def default_output_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return base / f"briefing-{date.today().isoformat()}.docx"


class ExportBriefingDialog(QDialog):
    """Choose articles, kinds, status, analysts, title, marking and file; export."""

    exported = Signal(object)  # ExportResult, after the file is in place
    export_failed = Signal(str)  # the one-line message (also for a cancelled export)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Export Briefing")
        self.setObjectName("export_briefing_dialog")
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None

        self.title = QLineEdit(DEFAULT_TITLE)
        self.marking = QLineEdit()
        self.marking.setPlaceholderText("e.g. UNCLASSIFIED — FOR TRAINING (header and footer)")
        articles = workspace.articles.list(light=True)
        self.articles = _checklist([(f"[{a.id}] {a.title}", a.id) for a in articles])
        self.kinds = {}
        kinds_row = QHBoxLayout()
        for spec in kind_registry.all_kinds():
            kind, label = spec.name, spec.plural
            box = QCheckBox(label)
            box.setIcon(_swatch(kind))
            box.setChecked(True)
            self.kinds[kind] = box
            kinds_row.addWidget(box)
        kinds_row.addStretch(1)
        self.status = QComboBox()
        for label, value in STATUS_CHOICES:
            self.status.addItem(label, value)
        self.analysts = _checklist([(a.name, a.name) for a in workspace.analysts.all()])
        self.path = QLineEdit(str(default_output_path()))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.open_when_done = QCheckBox("Open the document when the export is done")
        self.open_when_done.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("export_message")

        select = QHBoxLayout()
        for text, state in (("All", Qt.CheckState.Checked), ("None", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=state: _set_all(self.articles, s))
            select.addWidget(button)
        select.addStretch(1)
        article_box = QVBoxLayout()
        article_box.addWidget(self.articles)
        article_box.addLayout(select)

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Marking:", self.marking)
        # A label with a buddy shows "&" as a mnemonic; rows holding a layout have none.
        articles_label = QLabel("&Articles:")
        articles_label.setBuddy(self.articles)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        self.analysts.setMaximumHeight(110)
        form.addRow(articles_label, article_box)
        form.addRow("Kinds:", kinds_row)
        form.addRow("&Status:", self.status)
        form.addRow("A&nalysts:", self.analysts)
        form.addRow(file_label, path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, 620)

    # --- choices -------------------------------------------------------------------

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export Briefing", self.path.text(), "Word documents (*.docx)"
        )
        if name:
            self.path.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def options(self) -> BriefingOptions:
        """The options the dialog shows, or a UserError naming an empty choice."""
        article_ids = _checked(self.articles)
        if not article_ids:
            raise UserError("choose at least one article")
        kinds = [k for k, box in self.kinds.items() if box.isChecked()]
        if not kinds:
            raise UserError("choose at least one kind")
        analysts = _checked(self.analysts)
        if self.analysts.count() and not analysts:
            raise UserError("choose at least one analyst")
        everything = len(article_ids) == self.articles.count()
        return BriefingOptions(
            article_ids=() if everything else tuple(int(i) for i in article_ids),  # type: ignore[call-overload]
            kinds=() if len(kinds) == len(self.kinds) else tuple(kinds),
            status=str(self.status.currentData()),
            analysts=() if len(analysts) == self.analysts.count() else tuple(map(str, analysts)),
            title=self.title.text(),
            marking=self.marking.text(),
            author=self.workspace.analyst_name,
        ).checked()

    # --- running -------------------------------------------------------------------

    def start_export(self) -> None:
        """Check the choices, then export on a pool thread behind a progress dialog."""
        if self.task is not None:
            return
        from kursk_annotator.core.export.briefing_docx import check_target

        try:
            options = self.options()
            if not self.path.text().strip():
                raise UserError("choose a file to write")
            path = check_target(self.path.text().strip())
        except UserError as exc:
            self._show_error(str(exc))
            return
        self.message.clear()
        self.export_button.setEnabled(False)
        self.progress = QProgressDialog("Preparing the briefing…", "Cancel", 0, 0, self)
        self.progress.setWindowTitle("Exporting briefing")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel_export)
        self.progress.show()
        self.task = run_task(
            _export_work(self.workspace, options, path),
            self._on_done,
            name="the export",
            progress=self._on_progress,
        )

    def cancel_export(self) -> None:
        """Ask the running export to stop (it stops at its next check)."""
        if self.task is not None:
            self.task.cancel()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling…")

    def _on_progress(self, done: int, total: int, label: str) -> None:
        progress = self.progress
        if progress is not None and not progress.wasCanceled():
            progress.setLabelText(label)
            progress.setMaximum(total)
            # Last: a window-modal QProgressDialog processes events inside setValue, which
            # may deliver the export's end and close this very dialog.
            progress.setValue(done)

    def _end_task(self) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, result: ExportResult | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            from kursk_annotator.core.export.briefing_docx import ExportCancelled

            cancelled = isinstance(error, ExportCancelled | TaskCancelled)
            if isinstance(error, UserError):
                message = str(error)
            else:  # one line, never a traceback in the user's face (the log has it)
                message = f"export failed: {type(error).__name__}: {error}"
            self._on_failed(message, cancelled)
            return
        self._on_finished(result)

    def _on_finished(self, result: ExportResult) -> None:
        self._end_task()
        self.message.setText(
            f"Wrote {result.path.name}: {result.annotations} annotations from "
            f"{result.articles} articles."
        )
        self.exported.emit(result)
        if self.open_when_done.isChecked() and not open_document(result.path):
            self._show_error(f"wrote {result.path}, but no application opens .docx files")
            return
        self.accept()

    def _on_failed(self, message: str, cancelled: bool) -> None:
        self._end_task()
        self._show_error(message, error=not cancelled)
        self.export_failed.emit(message)

    def _show_error(self, message: str, error: bool = True) -> None:
        self.message.setStyleSheet("color: #A50021;" if error else "")
        self.message.setText(message[:1].upper() + message[1:])

    def reject(self) -> None:
        if self.task is not None:  # closing while exporting cancels the export first
            self.cancel_export()
            return
        super().reject()


def export_actions() -> list[ActionSpec]:
    """File -> Export Briefing… (with Export Table, above Quit)."""
    return [
        ActionSpec(
            "export_briefing",
            "Export &Briefing…",
            "&File",
            lambda w, _c: open_export_dialog(w, w.workspace),
            ("Ctrl+Shift+E",),
            tip="Write the annotations and annotated texts as a Word briefing",
            section="export",
        )
    ]


def open_export_dialog(parent: QWidget, workspace: Workspace) -> ExportBriefingDialog:
    dialog = ExportBriefingDialog(workspace, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
