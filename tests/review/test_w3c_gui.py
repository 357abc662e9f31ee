"""W3C exchange from the Review menu, and the orphans dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.orphans_dialog import OrphansModel
from kursk_annotator.ui.review_tools import install_review_tools

from .conftest import TEXT, URL

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


def _window(qtbot, ws: Workspace):
    window = QMainWindow()
    qtbot.addWidget(window)
    changes: list[int] = []
    tools = install_review_tools(window, lambda: ws, lambda: changes.append(1))
    window.show()
    return window, tools, changes


def test_export_then_import_into_an_edited_copy_lists_the_orphans(
    qtbot, qtmodeltester, scenario, tmp_path: Path
) -> None:
    window, tools, _ = _window(qtbot, scenario.ws)
    out = tmp_path / "shared.jsonld"
    assert tools.export_w3c(out) == 5
    assert window.statusBar().currentMessage() == f"Wrote 5 annotation(s) to {out}"

    other = Workspace(open_store(str(tmp_path / "colleague.sqlite")), "Colleague")
    # The colleague's copy of the article lost its last sentence (Sudzha and Berdin).
    other.articles.add(NewArticle(text=re.sub(r"Reports put .*\n", "", TEXT), url=URL))
    window2, tools2, changes = _window(qtbot, other)
    reports = []
    assert tools2.import_w3c(out, reports.append) is not None  # runs in the background
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    report = reports[0]
    assert report is not None and (report.orphaned, report.anchored) == (2, 3)
    assert changes == [1]
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
    window, tools, changes = _window(qtbot, scenario.ws)
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{", encoding="utf-8")
    reports = []
    tools.import_w3c(bad, reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    assert reports == [None]
    assert "is not JSON" in window.statusBar().currentMessage()
    assert changes == []
