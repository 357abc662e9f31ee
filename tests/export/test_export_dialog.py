"""File -> Export Briefing...: the dialog, its background export, progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui import export_dialog
from kursk_annotator.ui.export_dialog import ExportBriefingDialog
from tests.export.reading import annotation_comments, open_docx, part_text

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform says so whenever a top-level window is shown.
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Documents the dialog asked the desktop to open (none is really opened in tests)."""
    calls: list[Path] = []

    def record(path: Path) -> bool:
        calls.append(path)
        return True

    monkeypatch.setattr(export_dialog, "open_document", record)
    return calls


@pytest.fixture
def dialog(qtbot: QtBot, sample_workspace: Workspace, tmp_path: Path) -> ExportBriefingDialog:
    widget = ExportBriefingDialog(sample_workspace)
    qtbot.addWidget(widget)
    widget.path.setText(str(tmp_path / "out" / "briefing.docx"))
    (tmp_path / "out").mkdir()
    widget.show()
    return widget


def test_the_dialog_offers_the_store_s_choices(dialog: ExportBriefingDialog) -> None:
    assert dialog.articles.count() == 5
    assert dialog.articles.item(0).text() == "[1] 2024 Kursk offensive"
    assert [dialog.analysts.item(i).text() for i in range(dialog.analysts.count())] == [
        "Mark Davies",
        "Olena Kovalchuk",
    ]
    assert list(dialog.kinds) == ["claim", "figure", "place"]
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == [
        "all",
        "accepted",
        "pending",
    ]


def test_export_runs_in_the_background_and_opens_the_result(
    qtbot: QtBot, dialog: ExportBriefingDialog, opened: list[Path], tmp_path: Path
) -> None:
    dialog.marking.setText("UNCLASSIFIED — FOR TRAINING")
    dialog.kinds["place"].setChecked(False)
    dialog.articles.item(4).setCheckState(Qt.CheckState.Unchecked)
    steps: list[tuple[int, int, str]] = []
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        dialog.export_button.click()
        assert dialog.progress is not None and dialog.progress.isVisible()
        assert not dialog.export_button.isEnabled()  # no second export meanwhile
        assert dialog.task is not None
        dialog.task.signals.progress.connect(lambda *step: steps.append(step))
    result = done.args[0]
    out = tmp_path / "out" / "briefing.docx"
    assert result.path == out and result.articles == 4
    assert steps and steps[-1][0] == steps[-1][1]  # the bar reached its end
    assert dialog.progress is None and dialog.result() == dialog.DialogCode.Accepted
    assert opened == [out]
    document = open_docx(out)
    assert part_text(document.sections[0].header._element) == "UNCLASSIFIED — FOR TRAINING"
    assert len(annotation_comments(document)) == result.annotations
    assert all(not c.paragraphs[0].text.startswith("Place") for c in document.comments)


def test_cancel_leaves_no_file(
    qtbot: QtBot, dialog: ExportBriefingDialog, opened: list[Path], tmp_path: Path
) -> None:
    # Hold the export back until Cancel has been pressed, so a fast machine cannot
    # finish it first: the pool gets one thread, busy until the user has cancelled.
    import threading

    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    release = threading.Event()
    pool.setMaxThreadCount(1)
    pool.start(lambda: release.wait(60))
    try:
        with qtbot.waitSignal(dialog.export_failed, timeout=60_000) as failed:
            dialog.export_button.click()
            # The user presses Cancel on the progress dialog.
            dialog.progress.findChild(QPushButton).click()
            release.set()
    finally:
        release.set()
        pool.waitForDone(60_000)
        pool.setMaxThreadCount(threads)
    assert failed.args == ["export cancelled: no file was written"]
    assert dialog.message.text() == "Export cancelled: no file was written"
    assert list((tmp_path / "out").iterdir()) == []
    assert opened == []
    assert dialog.isVisible() and dialog.export_button.isEnabled()  # ready to try again


def test_an_empty_choice_is_explained_without_exporting(
    dialog: ExportBriefingDialog, tmp_path: Path
) -> None:
    for box in dialog.kinds.values():
        box.setChecked(False)
    dialog.export_button.click()
    assert dialog.task is None
    assert dialog.message.text() == "Choose at least one kind"


def test_an_export_error_shows_one_line_in_the_dialog(
    qtbot: QtBot, dialog: ExportBriefingDialog, tmp_path: Path
) -> None:
    dialog.path.setText(str(tmp_path / "missing" / "b.docx"))
    dialog.export_button.click()
    assert dialog.task is None  # refused before any work starts
    assert dialog.message.text().startswith("Folder ")
    assert dialog.message.text().endswith("does not exist: create it or choose another")


def test_the_action_fits_the_real_main_window(
    qtbot: QtBot, sample_workspace: Workspace, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAction

    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.settings import Settings

    window = MainWindow(sample_workspace, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    action = window.action_set["export_briefing"]  # declared once the store is open
    texts = [a.text() for a in window.action_set.menu("&File").actions() if not a.isSeparator()]
    assert texts.index("Export &Briefing…") == len(texts) - 3  # above Export Table, Quit
    shortcuts = [
        a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    ]
    assert shortcuts.count(action.shortcut().toString()) == 1
    action.trigger()
    opened = window.findChild(ExportBriefingDialog)
    assert opened is not None and opened.isVisible()
    opened.reject()
