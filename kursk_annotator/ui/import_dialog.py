"""File -> Import..., drag and drop, and New Article from Clipboard.

Files are read on a worker thread (``ui.tasks``: PDF and HTML extraction can take a
while) and each result is stored on the GUI thread, one small transaction per file, so the
store is only ever used from one thread. A progress dialog can cancel between files; a summary lists
what was imported, what was a duplicate, and what failed and why.

Its actions are declared in :func:`import_actions`; :func:`install_import` adds them to
the main window and accepts files dropped on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import supported_extensions
from kursk_annotator.core.importers.batch import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    ImportOutcome,
    ImportSummary,
    read_one,
    store_one,
)
from kursk_annotator.core.importers.clipboard import MIME_HTML, MIME_TEXT, read_clipboard
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.metadata_dialog import edit_article_metadata
from kursk_annotator.ui.tasks import Task, TaskCancelled, run_task

if TYPE_CHECKING:
    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.main_window import MainWindow

OnChanged = Callable[[], None]
OnDone = Callable[[ImportSummary], None]

FILE_FILTER = (
    f"Articles ({' '.join('*' + ext for ext in supported_extensions())});;"
    "Web pages (*.html *.htm *.xhtml);;Word documents (*.docx);;PDF documents (*.pdf);;"
    "Text and Markdown (*.txt *.text *.md *.markdown);;All files (*)"
)


class ImportJob(QObject):
    """One import of many files: reads off the GUI thread (``ui.tasks``), stores each file
    on it as it arrives, then summarises."""

    progress = Signal(int, int, str)  # files done, total, name of the file just done
    finished = Signal(object)  # ImportSummary

    def __init__(
        self,
        workspace: Workspace,
        paths: Sequence[str | Path],
        parent: QObject | None = None,
        max_bytes: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.paths = [Path(p) for p in paths]
        self.outcomes: list[ImportOutcome] = []
        self.summary: ImportSummary | None = None
        self.max_bytes = max_bytes
        self.task: Task | None = None
        # Shown by import_files(): the progress while reading, the summary after.
        self.progress_dialog: QProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None

    def start(self) -> None:
        paths, max_bytes = list(self.paths), self.max_bytes

        def read_all(task: Task) -> None:  # on the worker: reads, never touches the store
            for path in paths:
                if task.cancelled():
                    return
                task.deliver((str(path), read_one(path, max_bytes)))

        self.task = run_task(read_all, self._finish, name="the import", on_item=self._store)

    def cancel(self) -> None:
        """Stop after the file being read now; what was stored stays stored."""
        if self.task is not None:
            self.task.cancel()

    @property
    def running(self) -> bool:
        return self.summary is None

    def _store(self, item: tuple[str, object]) -> None:
        name, result = item
        if self.task is not None and self.task.cancelled():
            return  # read after the user cancelled: not stored
        outcome = store_one(self.workspace, name, result)  # type: ignore[arg-type]
        self.outcomes.append(outcome)
        self.progress.emit(len(self.outcomes), len(self.paths), Path(name).name)

    def _finish(self, _result: object, error: BaseException | None) -> None:
        if error is not None and not isinstance(error, TaskCancelled):
            # Reading never raises (each file's error is its outcome): a defect, logged.
            name = f"{type(error).__name__}: {error}"
            self.outcomes.append(ImportOutcome(file="(import)", result=FAILED, reason=name))
        self.summary = ImportSummary(
            list(self.outcomes), cancelled=len(self.paths) - len(self.outcomes)
        )
        self.finished.emit(self.summary)


class ImportSummaryDialog(QDialog):
    """What happened to each file: imported, duplicate, or failed with the reason."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_summary")
        self.setWindowTitle("Import finished")
        self.headline = QLabel(summary.headline().capitalize() + ".", objectName="headline")
        self.table = QTreeWidget(objectName="import_results")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["File", "Result", "Details"])
        self.table.setAccessibleName("Import results")
        order = {FAILED: 0, DUPLICATE: 1, IMPORTED: 2}  # problems first: they need action
        for outcome in sorted(summary.outcomes, key=lambda o: order[o.result]):
            if outcome.result == IMPORTED:
                details = f"article {outcome.article_id}: {outcome.title}"
            elif outcome.result == DUPLICATE:
                details = f"same text as article {outcome.article_id}: not imported again"
            else:
                details = outcome.reason or ""
            item = QTreeWidgetItem([Path(outcome.file).name, outcome.result, details])
            item.setToolTip(0, outcome.file)
            item.setToolTip(2, details)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def rows(self) -> list[tuple[str, str, str]]:
        return [
            tuple(self.table.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc]
            for i in range(self.table.topLevelItemCount())
        ]


def import_files(
    parent: QWidget,
    workspace: Workspace,
    paths: Sequence[str | Path],
    on_done: Callable[[ImportSummary], None] | None = None,
    max_bytes: int | None = None,
) -> ImportJob:
    """Import ``paths`` with a cancellable progress dialog, then show the summary."""
    job = ImportJob(workspace, paths, parent, max_bytes)
    progress = QProgressDialog("Reading files…", "Cancel", 0, len(job.paths), parent)
    progress.setObjectName("import_progress")
    progress.setWindowTitle("Importing")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # a quick import never flashes a dialog
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(job.cancel)
    job.progress_dialog = progress

    def advance(done: int, total: int, name: str) -> None:
        progress.setValue(done)
        progress.setLabelText(f"Imported {done} of {total} files (last: {name})")

    def finish(summary: ImportSummary) -> None:
        progress.close()
        progress.deleteLater()
        dialog = ImportSummaryDialog(summary, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        job.summary_dialog = dialog
        dialog.open()
        if on_done is not None:
            on_done(summary)
        job.deleteLater()

    job.progress.connect(advance)
    job.finished.connect(finish)
    job.start()
    return job


def choose_and_import(
    parent: QWidget, workspace: Workspace, on_done: Callable[[ImportSummary], None] | None = None
) -> ImportJob | None:
    """File -> Import...: pick several files, then import them."""
    paths, _filter = QFileDialog.getOpenFileNames(parent, "Import articles", "", FILE_FILTER)
    if not paths:
        return None
    return import_files(parent, workspace, paths, on_done)


class DropImporter(QObject):
    """Event filter: files dropped on the window are imported like File -> Import..."""

    def __init__(self, window: QWidget, state: ArticleState, on_done: OnDone | None):
        super().__init__(window)
        self.window = window
        self.state = state  # its workspace is the store the files go into
        self.on_done = on_done
        self.last_job: ImportJob | None = None

    @staticmethod
    def local_files(event: QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.local_files(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            files = self.local_files(event)  # type: ignore[arg-type]
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                workspace = self.state.workspace
                if workspace is None:
                    return True  # dropped before the store was open: nowhere to put them
                self.last_job = import_files(self.window, workspace, files, self.on_done)
                return True
        return super().eventFilter(watched, event)


def install_drop_import(
    window: QWidget, state: ArticleState, on_done: OnDone | None = None
) -> DropImporter:
    """Let files dropped on ``window`` be imported into ``state``'s workspace;
    ``on_done(summary)`` afterwards."""
    window.setAcceptDrops(True)
    importer = DropImporter(window, state, on_done)
    window.installEventFilter(importer)
    return importer


def new_article_from_clipboard(
    parent: QWidget,
    workspace: Workspace,
    on_changed: OnChanged | None = None,
    open_article: Callable[[int], None] | None = None,
) -> QDialog:
    """Store the clipboard's HTML (preferred) or plain text as a new article.

    On success the metadata dialog opens, since pasted text has no title, outlet or
    date yet; a duplicate or a refusal is explained in a message box. Returns the dialog
    or message box shown.
    """
    mime = QGuiApplication.clipboard().mimeData()
    if mime is not None and mime.hasHtml() and mime.html().strip():
        content, kind = mime.html(), MIME_HTML
    elif mime is not None and mime.hasText():
        content, kind = mime.text(), MIME_TEXT
    else:
        content, kind = "", MIME_TEXT
    read: NewArticle | UserError
    try:
        read = read_clipboard(content, kind)
    except UserError as exc:  # reported below, like a refused file
        read = exc
    except Exception as exc:  # the clipboard's content, not the app, is at fault
        read = UserError(f"could not read the clipboard ({type(exc).__name__})")
    outcome = store_one(workspace, "clipboard", read)
    if outcome.result == IMPORTED and outcome.article_id is not None:
        if on_changed is not None:
            on_changed()
        if open_article is not None:
            open_article(outcome.article_id)
        return edit_article_metadata(parent, workspace, outcome.article_id, on_changed)
    if outcome.result == DUPLICATE:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Already in the library",
            f"The clipboard holds the same text as article {outcome.article_id}; "
            "it was not added again.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        if open_article is not None and outcome.article_id is not None:
            open_article(outcome.article_id)
    else:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Nothing to import",
            f"No article made from the clipboard: {outcome.reason}.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
    box.setObjectName("clipboard_result")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def import_actions() -> list[ActionSpec]:
    """File -> Import…, New Article from Clipboard and Article Metadata…, at the top."""
    return [
        ActionSpec("import_files", "&Import…", "&File",
                   lambda w, _c: choose_and_import(w, w.workspace, lambda s: imported(w, s)),
                   ("Ctrl+I",), tip="Import articles from text, web page, Word or PDF files",
                   section="import"),
        ActionSpec("import_clipboard", "New Article from &Clipboard", "&File",
                   lambda w, _c: new_article_from_clipboard(
                       w, w.workspace, w.reload_library, w.open_article),
                   ("Ctrl+Shift+V",),
                   tip="Make an article of the text or HTML on the clipboard",
                   section="import"),
        ActionSpec("edit_metadata", "Article &Metadata…", "&File",
                   lambda w, _c: edit_metadata(w), ("Ctrl+Shift+I",),
                   tip="Edit the title, outlet, author, date, URL and language of the "
                   "current article",
                   section="import", enabled_when=lambda w: w.state.article is not None),
    ]  # fmt: skip


def install_import(window: MainWindow) -> DropImporter:
    """The import actions in the File menu, and files dropped on the window imported."""
    window.action_set.add(import_actions())
    return install_drop_import(window, window.state, lambda summary: imported(window, summary))


def imported(window: MainWindow, summary: ImportSummary) -> None:
    """After an import: the library re-read, the first new article opened."""
    if summary.imported or summary.duplicates:
        window.reload_library()
    if summary.imported and summary.imported[0].article_id is not None:
        window.open_article(summary.imported[0].article_id)


def edit_metadata(window: MainWindow) -> QDialog | None:
    article = window.state.article
    if article is None:
        return None
    return edit_article_metadata(window, window.workspace, article.id, window.reload_library)
