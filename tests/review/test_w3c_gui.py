"""W3C exchange from the Review menu, and the orphans dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.orphans_dialog import OrphansModel
from kursk_annotator.ui.settings import Settings

from .conftest import TEXT, URL

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


def _window(qtbot, ws: Workspace, settings: Path):
    window = MainWindow(ws, Settings.at(settings))
    qtbot.addWidget(window)
    window.show()
    assert window.review_tools is not None  # installed with the store
    return window, window.review_tools


def test_export_then_import_into_an_edited_copy_lists_the_orphans(
    qtbot, qtmodeltester, scenario, tmp_path: Path
) -> None:
    window, tools = _window(qtbot, scenario.ws, tmp_path / "mine.ini")
    out = tmp_path / "shared.jsonld"
    assert tools.export_w3c(out) == 5
    assert window.statusBar().currentMessage() == f"Wrote 5 annotation(s) to {out}"

    other = Workspace(open_store(str(tmp_path / "colleague.sqlite")), "Colleague")
    # The colleague's copy of the article lost its last sentence (Sudzha and Berdin).
    other.articles.add(NewArticle(text=re.sub(r"Reports put .*\n", "", TEXT), url=URL))
    window2, tools2 = _window(qtbot, other, tmp_path / "theirs.ini")
    assert window2.annotations.model.rowCount() == 0
    reports = []
    assert tools2.import_w3c(out, reports.append) is not None  # runs in the background
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    report = reports[0]
    assert report is not None and (report.orphaned, report.anchored) == (2, 3)
    assert window2.annotations.model.rowCount() == 3  # the window shows what was anchored
    assert (
        window2.statusBar()
        .currentMessage()
        .startswith("Imported shared.jsonld: 3 anchored, 0 re-anchored, 2 orphaned")
    )
    dialog = tools2.orphans
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model, force_py=True)
    qtmodeltester.check(OrphansModel(), force_py=True)
    rows = [
        [dialog.model.index(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(3)]
        for r in range(dialog.model.rowCount())
    ]
    assert sorted(rows) == [
        ["Place", "Berdin", "quote not found"],
        ["Place", "Sudzha", "quote not found"],
    ]
    assert dialog.summary.text().startswith("2 imported annotation(s) could not be anchored")
    dialog.close()
    other.close()


def test_a_bad_file_shows_one_line_in_the_status_bar(qtbot, scenario, tmp_path: Path) -> None:
    window, tools = _window(qtbot, scenario.ws, tmp_path / "settings.ini")
    shown = window.annotations.model.rowCount()
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{", encoding="utf-8")
    reports = []
    tools.import_w3c(bad, reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    assert reports == [None]
    assert "is not JSON" in window.statusBar().currentMessage()
    assert window.annotations.model.rowCount() == shown
