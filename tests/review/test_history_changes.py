"""History shows only what changed, in full, old → new: the History window and `history`."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kursk_annotator.core.change_summary import describe_change
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings

from .conftest import run_cli

LONG_NAME = "Volodymyr Zelensky, President of Ukraine, in his nightly video address"

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_a_change_of_one_attribute_reads_as_that_attribute_only() -> None:
    before = {"note": "", "attributes": {"attributed_to": LONG_NAME, "side": "Ukraine"}}
    after = {"note": "", "attributes": {"attributed_to": LONG_NAME, "side": "Russia"}}
    assert describe_change(before, after) == "side: Ukraine → Russia"
    created = describe_change(None, {"kind": "place", "note": "", "attributes": {}})
    assert created == "kind: place"  # empty fields of a new annotation are left out


def test_history_window_shows_the_edit_made_in_the_inspector(qtbot, scenario, tmp_path: Path):
    ws = scenario.ws
    claim = scenario.o_claim
    ws.annotations.update(
        claim.id, scenario.olena, attributes={**claim.attributes, "attributed_to": LONG_NAME}
    )
    ws.switch_analyst("Olena Kovalchuk")
    window = MainWindow(ws, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_article(scenario.article_id)
    window.state.select(claim.id)
    side = window.inspector.editor("claim", "side").lineEdit()
    side.setFocus()
    side.selectAll()
    qtbot.keyClicks(side, "Russia")
    qtbot.keyClick(side, Qt.Key.Key_Return)
    assert ws.annotations.get(claim.id).attributes["side"] == "Russia"

    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.review_tools.history
    model = dialog.model
    changes = [model.index(r, model.CHANGE).data() for r in range(model.rowCount())]
    assert changes[-1] == "side: Ukraine → Russia"
    assert changes[-2] == f"attributed to: General Staff → {LONG_NAME}"  # in full
    # One line per changed field, and the row is tall enough to show them all.
    first = changes[0].splitlines()
    assert "kind: claim" in first and "side: Ukraine" in first
    assert dialog.table.rowHeight(0) >= len(first) * dialog.table.fontMetrics().height()


def test_history_command_prints_each_changed_field_in_full(scenario) -> None:
    ws = scenario.ws
    note = (
        "Checked against the General Staff bulletin of 6 February 2025, which gives the same figure"
    )
    ws.annotations.update(scenario.o_figure.id, scenario.olena, note=note)
    out = run_cli(ws.store.path, "history", str(scenario.o_figure.id)).stdout.splitlines()
    assert out[-1].endswith(f"update   note: General Staff figure → {note}")
    created = [line for line in out if " create " in line]
    assert len(created) == 1 and created[0].endswith("kind: figure")
    assert any(line.strip() == "qualifier: approximately" for line in out)
