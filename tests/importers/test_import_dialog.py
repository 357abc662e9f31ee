"""The import GUI: File -> Import... off the GUI thread, drop, clipboard, metadata dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.article_state import ArticleState
from kursk_annotator.ui.import_dialog import (
    ImportJob,
    ImportSummaryDialog,
    import_files,
    install_drop_import,
    new_article_from_clipboard,
)
from kursk_annotator.ui.metadata_dialog import MetadataDialog
from tests.importers.builders import make_docx, make_encrypted_pdf, make_pdf, write

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot pass size hints to a window system it does not have.
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TEXT = "Ukrainian forces held about 1,300 sq km of Kursk Oblast at the peak.\n"


@pytest.fixture
def window(qtbot) -> QMainWindow:
    win = QMainWindow()
    win.menuBar().addMenu("&File").addAction("&Quit")
    qtbot.addWidget(win)
    win.show()
    return win


def some_files(tmp_path: Path) -> list[Path]:
    return [
        write(tmp_path / "good.txt", TEXT),
        write(tmp_path / "report.docx", make_docx(["Fighting near Sudzha and Berdin."])),
        write(tmp_path / "update.pdf", make_pdf([["Makhnovka was shelled overnight."]])),
        write(tmp_path / "locked.pdf", make_encrypted_pdf([["Secret."]])),
        write(tmp_path / "junk.txt", bytes(range(256)) * 4),
        write(tmp_path / "again.txt", TEXT),
    ]


def titles(workspace: Workspace) -> list[str]:
    return [a.title for a in workspace.articles.list()]


def test_import_runs_off_thread_and_summarises(qtbot, window, workspace, tmp_path) -> None:
    done = []
    job = import_files(window, workspace, some_files(tmp_path), done.append)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    summary = done[0]
    assert summary.headline() == "3 imported, 1 duplicate, 2 failed"
    assert len(workspace.articles.list()) == 3
    dialog = job.summary_dialog
    assert isinstance(dialog, ImportSummaryDialog) and dialog.isVisible()
    assert dialog.headline.text() == "3 imported, 1 duplicate, 2 failed."
    rows = dialog.rows()
    # Problems first, each with its reason.
    assert rows[0][:2] == ("locked.pdf", "failed") and "encrypted" in rows[0][2]
    assert rows[1][:2] == ("junk.txt", "failed") and "binary" in rows[1][2]
    assert rows[2] == ("again.txt", "duplicate", "same text as article 1: not imported again")
    assert {r[0] for r in rows[3:]} == {"good.txt", "report.docx", "update.pdf"}
    dialog.close()


def test_reading_happens_on_a_worker_thread(qtbot, workspace, tmp_path) -> None:
    import threading

    from PySide6.QtCore import QThreadPool

    job = ImportJob(workspace, [write(tmp_path / "a.txt", TEXT)])
    threads = []
    # The pool's one thread is held until the test listens to what the reader hands over.
    pool = QThreadPool.globalInstance()
    most, release = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    pool.start(lambda: release.wait(60))
    try:
        with qtbot.waitSignal(job.finished, timeout=60_000):
            job.start()
            job.task.signals.item.connect(
                lambda *_: threads.append(QThread.currentThread()),
                Qt.ConnectionType.DirectConnection,
            )
            release.set()
    finally:
        release.set()
        pool.waitForDone(60_000)
        pool.setMaxThreadCount(most)
    assert threads and threads[0] is not QApplication.instance().thread()
    assert titles(workspace) == [
        "Ukrainian forces held about 1,300 sq km of Kursk Oblast at the peak."
    ]


def test_cancel_stops_after_the_current_file(qtbot, workspace, tmp_path) -> None:
    paths = [write(tmp_path / f"n{i}.txt", f"Note {i} about Sudzha.") for i in range(20)]
    job = ImportJob(workspace, paths)
    job.progress.connect(lambda *_: job.cancel())
    with qtbot.waitSignal(job.finished, timeout=60_000) as finished:
        job.start()
    summary = finished.args[0]
    assert len(summary.imported) == 1
    assert summary.cancelled == 19
    assert "19 not imported (cancelled)" in summary.headline()
    assert len(workspace.articles.list()) == 1


def test_progress_dialog_cancel_button(qtbot, window, workspace, tmp_path) -> None:
    paths = [write(tmp_path / f"n{i}.txt", f"Note {i} about Berdin.") for i in range(10)]
    job = import_files(window, workspace, paths)
    cancel = job.progress_dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()  # the user presses Cancel at once
    with qtbot.waitSignal(job.finished, timeout=60_000) as finished:
        pass
    summary = finished.args[0]
    # Files read before the click are not stored: nothing arrives after Cancel.
    assert summary.headline() == "0 imported, 0 duplicates, 0 failed, 10 not imported (cancelled)"
    assert workspace.articles.list() == []
    job.summary_dialog.close()


def drag_event(kind, files: list[Path], target):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = kind(
        QPointF(10, 10) if kind is QDropEvent else QPointF(10, 10).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


def test_dropped_files_are_imported(qtbot, window, workspace, tmp_path) -> None:
    changed = []
    drop = install_drop_import(window, ArticleState(workspace), changed.append)
    files = [write(tmp_path / "a.txt", TEXT), write(tmp_path / "b.docx", make_docx(["Berdin."]))]
    assert drag_event(QDragEnterEvent, files, window).isAccepted()
    drag_event(QDropEvent, files, window)
    with qtbot.waitSignal(drop.last_job.finished, timeout=60_000):
        pass
    assert [summary.headline() for summary in changed] == ["2 imported, 0 duplicates, 0 failed"]
    assert len(workspace.articles.list()) == 2
    drop.last_job.summary_dialog.close()


def test_drag_without_files_is_ignored(qtbot, window, workspace) -> None:
    install_drop_import(window, ArticleState(workspace))
    mime = QMimeData()
    mime.setText("just text")
    event = QDragEnterEvent(
        QPointF(5, 5).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.ignore()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()


def test_clipboard_html_becomes_an_article_and_opens_metadata(qtbot, window, workspace) -> None:
    mime = QMimeData()
    mime.setHtml("<p>Бои у <b>Суджи</b> продолжаются.</p><script>evil()</script>")
    mime.setText("Бои у Суджи продолжаются.")
    QGuiApplication.clipboard().setMimeData(mime)
    changed, opened = [], []
    shown = new_article_from_clipboard(window, workspace, lambda: changed.append(1), opened.append)
    assert isinstance(shown, MetadataDialog) and shown.isVisible()
    article = workspace.articles.get(opened[0])
    assert article.text == "Бои у Суджи продолжаются."
    assert article.source_format == "clipboard-html"
    shown.edits["title"].setText("Fighting at Sudzha")
    shown.edits["outlet"].setText("RIA")
    shown.save()
    assert workspace.articles.get(opened[0]).title == "Fighting at Sudzha"
    assert len(changed) == 2  # once when added, once when the metadata was saved


def test_clipboard_duplicate_and_empty(qtbot, window, workspace) -> None:
    workspace.articles.add(NewArticle(text=TEXT))
    QGuiApplication.clipboard().setText(TEXT)
    box = new_article_from_clipboard(window, workspace)
    assert isinstance(box, QMessageBox) and "same text as article 1" in box.text()
    box.close()
    QGuiApplication.clipboard().setText("   ")
    box = new_article_from_clipboard(window, workspace)
    assert "clipboard is empty" in box.text()
    box.close()
    assert len(workspace.articles.list()) == 1


def test_metadata_dialog_edits_through_the_service(qtbot, workspace) -> None:
    article = workspace.articles.add(NewArticle(text=TEXT, title="Old title", outlet="BBC"))
    dialog = MetadataDialog(workspace, article.id)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    dialog.edits["published"].setText("6 August")
    assert not save.isEnabled() and "YYYY-MM-DD" in dialog.problem.text()
    dialog.edits["published"].setText("2024-08-06")
    dialog.edits["title"].setText("   ")
    assert not save.isEnabled() and "title" in dialog.problem.text()
    dialog.edits["title"].setText("Ukraine enters Kursk")
    dialog.edits["outlet"].setText("")
    dialog.edits["url"].setText("https://example.com/kursk")
    dialog.edits["language"].setText("en")
    assert dialog.changes() == {
        "title": "Ukraine enters Kursk",
        "outlet": None,
        "published": date(2024, 8, 6),
        "url": "https://example.com/kursk",
        "language": "en",
    }
    with qtbot.waitSignal(dialog.saved):
        save.click()
    stored = workspace.articles.get(article.id)
    assert (stored.title, stored.outlet, stored.published, stored.url, stored.language) == (
        "Ukraine enters Kursk",
        None,
        date(2024, 8, 6),
        "https://example.com/kursk",
        "en",
    )
    history = workspace.history.for_entity("article", article.id)
    assert history[-1].after["title"] == "Ukraine enters Kursk"


def test_metadata_dialog_shows_provenance(qtbot, workspace, tmp_path) -> None:
    from kursk_annotator.core.importers.batch import import_file

    outcome = import_file(workspace, write(tmp_path / "cable.txt", "Суджа.".encode("cp1251")))
    dialog = MetadataDialog(workspace, outcome.article_id)
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(type(dialog.problem))]
    assert "cable.txt" in labels
    assert any("windows-1251" in text for text in labels)


def test_wired_into_the_main_window(qtbot, workspace, tmp_path) -> None:
    """The one call the main window makes: files dropped on it show up and open."""
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.settings import Settings

    win = MainWindow(workspace, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    assert win.features is not None  # installed by the window once its store is open
    drop = win.features.drop_import
    file_menu = win.action_set.menu("&File")
    names = [a.objectName() for a in file_menu.actions()]
    assert names[:3] == ["import_files", "import_clipboard", "edit_metadata"]
    assert file_menu.actions()[3].isSeparator()
    files = [write(tmp_path / "update.pdf", make_pdf([["Makhnovka was shelled overnight."]]))]
    assert drag_event(QDragEnterEvent, files, win).isAccepted()
    drag_event(QDropEvent, files, win)
    with qtbot.waitSignal(drop.last_job.finished, timeout=60_000):
        pass
    drop.last_job.summary_dialog.close()
    assert win.library.current_id() == 1
    assert win.state.text == "Makhnovka was shelled overnight."
    win.action_set["edit_metadata"].trigger()
    (dialog,) = win.findChildren(MetadataDialog)
    dialog.edits["title"].setText("Makhnovka shelled")
    dialog.save()
    assert win.library.model.article(1).title == "Makhnovka shelled"
    dialog.close()
    QGuiApplication.clipboard().setText("A pasted note about Makhnovka.")
    win.action_set["import_clipboard"].trigger()  # stored, listed and opened
    assert win.state.text == "A pasted note about Makhnovka."
    for opened in win.findChildren(MetadataDialog):
        opened.close()
