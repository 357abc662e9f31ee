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
    qtbot.waitUntil(lambda: out.exists())
    rows = read_xlsx(out)
    expected = build_table(sample_workspace)
    kinds_column = expected.columns.index("kind")
    wanted = [r[0] for r in expected.rows if r[kinds_column] != "place"]
    assert [r["id"] for r in rows] == wanted and wanted
    assert "Wrote" in window.statusBar().currentMessage()
    assert not QApplication.activeModalWidget()
