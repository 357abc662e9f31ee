"""File -> Import..., drag and drop, and New Article from Clipboard.

Files are read on a worker thread (``ui.tasks``: PDF and HTML extraction can take a
while) and each result is stored on the GUI thread, one small transaction per file, so the
store is only ever used from one thread. A progress dialog can cancel between files; a summary lists
what was imported, what was a duplicate, and what failed and why.

The main window wires all of it with one call to :func:`add_import_actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
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
from kursk_annotator.ui.metadata_dialog import edit_article_metadata
from kursk_annotator.ui.tasks import Task, TaskCancelled, run_task

WorkspaceGetter = Callable[[], Workspace]
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

    def __init__(self, window: QWidget, workspace_getter: WorkspaceGetter, on_done: OnDone | None):
        super().__init__(window)
        self.window = window
        self.workspace_getter = workspace_getter
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
                self.last_job = import_files(
                    self.window, self.workspace_getter(), files, self.on_done
                )
                return True
        return super().eventFilter(watched, event)


def install_drop_import(
    window: QWidget, workspace_getter: WorkspaceGetter, on_done: OnDone | None = None
) -> DropImporter:
    """Let files dropped on ``window`` be imported; ``on_done(summary)`` afterwards."""
    window.setAcceptDrops(True)
    importer = DropImporter(window, workspace_getter, on_done)
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


@dataclass
class ImportActions:
    import_files: QAction
    from_clipboard: QAction
    edit_metadata: QAction
    drop: DropImporter


def add_import_actions(
    window: QWidget,
    file_menu: QMenu,
    workspace_getter: WorkspaceGetter,
    on_changed: OnChanged,
    current_article: Callable[[], int | None] | None = None,
    open_article: Callable[[int], None] | None = None,
) -> ImportActions:
    """Add Import..., New Article from Clipboard and Article Metadata... at the top of
    ``file_menu``, and accept files dropped on ``window``.

    ``on_changed`` is called after articles were added or edited (e.g. reload the
    library); ``current_article`` names the article whose metadata to edit;
    ``open_article`` shows an article (the first one imported, or the pasted one).
    """

    def after_import(summary: ImportSummary) -> None:
        if summary.imported or summary.duplicates:
            on_changed()
        if open_article is not None and summary.imported:
            open_article(summary.imported[0].article_id)  # type: ignore[arg-type]

    def run_import() -> None:
        choose_and_import(window, workspace_getter(), after_import)

    def run_clipboard() -> None:
        new_article_from_clipboard(window, workspace_getter(), on_changed, open_article)

    def run_metadata() -> None:
        article_id = current_article() if current_article is not None else None
        if article_id is not None:
            edit_article_metadata(window, workspace_getter(), article_id, on_changed)

    def action(name: str, text: str, slot: Callable[[], None], shortcut: str, tip: str) -> QAction:
        made = QAction(text, window)
        made.setObjectName(name)
        made.setShortcut(QKeySequence(shortcut))
        made.setStatusTip(tip)
        made.triggered.connect(lambda _checked=False: slot())
        window.addAction(made)
        return made

    importing = action(
        "import_files",
        "&Import…",
        run_import,
        "Ctrl+I",
        "Import articles from text, web page, Word or PDF files",
    )
    clipboard = action(
        "import_clipboard",
        "New Article from &Clipboard",
        run_clipboard,
        "Ctrl+Shift+V",
        "Make an article of the text or HTML on the clipboard",
    )
    metadata = action(
        "edit_metadata",
        "Article &Metadata…",
        run_metadata,
        "Ctrl+Shift+I",
        "Edit the title, outlet, author, date, URL and language of the current article",
    )
    metadata.setEnabled(current_article is not None)
    first = file_menu.actions()[0] if file_menu.actions() else None
    for made in (importing, clipboard, metadata):
        file_menu.insertAction(first, made)
    if first is not None:
        file_menu.insertSeparator(first)
    drop = install_drop_import(window, workspace_getter, after_import)
    return ImportActions(importing, clipboard, metadata, drop)
