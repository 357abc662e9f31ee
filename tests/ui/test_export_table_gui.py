"""File -> Export Table: the chosen annotations as an Excel table, by keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kursk_annotator.core.export.table_export import build_table
from kursk_annotator.ui.export_table_dialog import ExportTableDialog


def read_xlsx(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_file_export_table_writes_the_chosen_annotations(
    qtbot, make_window, sample_workspace, tmp_path: Path
) -> None:
    window = make_window(sample_workspace)
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(ExportTableDialog) is not None)
    dialog = window.findChild(ExportTableDialog)
    assert dialog.article.currentData() == window.state.article.id  # the article being read
    dialog.article.setCurrentIndex(0)  # all articles
    qtbot.mouseClick(dialog.kind_boxes["place"], Qt.MouseButton.LeftButton)
    out = tmp_path / "chosen.xlsx"
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    # Written in the background; the window says so when it is done.
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage(), timeout=60_000)
    rows = read_xlsx(out)
    expected = build_table(sample_workspace)
    kinds_column = expected.columns.index("kind")
    wanted = [r[0] for r in expected.rows if r[kinds_column] != "place"]
    assert [r["id"] for r in rows] == wanted and wanted
    assert not QApplication.activeModalWidget()


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_file_that_cannot_be_written_is_said_in_the_dialog(
    qtbot, make_window, sample_workspace, tmp_path: Path
) -> None:
    window = make_window(sample_workspace)
    window.action_set["export_table"].trigger()
    dialog = window.findChild(ExportTableDialog)
    out = tmp_path / "missing folder" / "table.xlsx"
    dialog.path.setText(str(out))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60_000)
    assert "missing folder" in dialog.message.text() and dialog.isVisible()
    assert dialog.buttons.isEnabled() and not out.exists()
    dialog.reject()
