"""The compare view (figures, merged list, adopting) and the history dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kursk_annotator.ui.compare_view import AgreementModel, CompareModel, CompareView
from kursk_annotator.ui.history_dialog import HistoryDialog, HistoryModel
from kursk_annotator.ui.workspace_source import FixedWorkspace

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]
OLENA, MARK = "Olena Kovalchuk", "Mark Davies"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def view(qtbot, scenario) -> CompareView:
    scenario.ws.switch_analyst("Reviewer")
    widget = CompareView(FixedWorkspace(scenario.ws))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts reach the active window only
    widget.choose(scenario.article_id, OLENA, MARK)
    qtbot.waitUntil(lambda: not widget.computing)  # the agreement is computed off the GUI
    return widget


def _cell(model, row: int, column: int) -> str:
    return model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def test_compare_models_pass_the_model_tester(qtmodeltester, view) -> None:
    qtmodeltester.check(view.figures, force_py=True)
    qtmodeltester.check(view.rows, force_py=True)
    qtmodeltester.check(AgreementModel(), force_py=True)
    qtmodeltester.check(CompareModel(), force_py=True)


def test_compare_view_shows_figures_and_the_merged_list(view) -> None:
    # Olena: figure "about 40 thousand people", place Sudzha, the claim around the figure.
    # Mark: figure "40 thousand people" (inside Olena's), place Berdin.
    # Overlap, overall: matched 1 of A 3 / B 2 -> P = 1/2, R = 1/3, F1 = 2*1/(3+2) = 0.4
    overall = view.figures.rowCount() - 1
    assert _cell(view.figures, overall, 0) == "Overall"
    assert [_cell(view.figures, overall, c) for c in range(1, 9)] == [
        "3", "2", "0.00", "0.00", "0.00", "0.50", "0.33", "0.40",
    ]  # fmt: skip
    rows = [
        (_cell(view.rows, r, CompareModel.MATCH), _cell(view.rows, r, CompareModel.B_QUOTE))
        for r in range(view.rows.rowCount())
    ]
    assert rows == [
        ("Only A", ""),
        ("Both alike (overlap)", "40 thousand people"),
        ("Only A", ""),
        ("Only B", "Berdin"),
    ]
    assert "Both alike: 1" in view.summary.text() and "Only B: 1" in view.summary.text()


def test_adopting_one_side_accepts_it_and_rejects_the_other(qtbot, view, scenario) -> None:
    view.rows_view.selectRow(1)  # the two figures
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.rows_view, Qt.Key.Key_B, CTRL_ALT)
    ws = scenario.ws
    assert ws.annotations.get(scenario.m_figure.id).status == "accepted"
    assert ws.annotations.get(scenario.o_figure.id).status == "rejected"
    assert view.message.text().startswith(f"Adopted #{scenario.m_figure.id}")
    qtbot.waitUntil(lambda: not view.computing)
    assert view.message.text().startswith(f"Adopted #{scenario.m_figure.id}")
    view.rows_view.selectRow(3)  # only B: Berdin; nothing on A's side
    assert not view.adopt_a_button.isEnabled() and view.adopt_b_button.isEnabled()
    view.adopt_b_button.click()
    assert ws.annotations.get(scenario.m_place.id).status == "accepted"


def test_nobody_adopts_their_own_annotation(view, scenario) -> None:
    scenario.ws.switch_analyst(OLENA)
    view.rows_view.selectRow(1)
    assert not view.adopt("a")
    assert "is your own" in view.message.text()
    ws = scenario.ws
    assert ws.annotations.get(scenario.o_figure.id).status == "pending"
    assert ws.annotations.get(scenario.m_figure.id).status == "pending"


def test_it_opens_on_the_two_analysts_who_tagged_the_article(qtbot, scenario) -> None:
    """Not on the first two names (the reviewer, who tagged nothing here: all zeros)."""
    scenario.ws.switch_analyst("Aaron Reviewer")
    widget = CompareView(FixedWorkspace(scenario.ws))
    qtbot.addWidget(widget)
    widget.reload_choices(scenario.article_id)
    assert (widget.a_box.currentText(), widget.b_box.currentText()) == (OLENA, MARK)
    qtbot.waitUntil(lambda: not widget.computing)
    assert "Only B: 1" in widget.summary.text()


def test_same_analyst_twice_asks_for_two(view) -> None:
    view.choose(view.article_box.currentData(), OLENA, OLENA)
    assert view.rows.rowCount() == 0 and view.figures.rowCount() == 0
    assert view.message.text() == "Choose two different analysts."


def test_history_dialog_lists_every_change(qtbot, qtmodeltester, scenario) -> None:
    ws = scenario.ws
    ann = scenario.o_place
    ws.annotations.update(ann.id, scenario.olena, note="check spelling")
    ws.reviews.review(ann.id, scenario.mark, "reject", "not in this article")
    dialog = HistoryDialog(FixedWorkspace(ws), ann.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model, force_py=True)
    qtmodeltester.check(HistoryModel(), force_py=True)
    model = dialog.model
    table = [
        [_cell(model, r, c) for c in (HistoryModel.WHO, HistoryModel.ACTION, HistoryModel.CHANGE)]
        for r in range(model.rowCount())
    ]
    assert table[0][:2] == [OLENA, "Created"]
    assert table[1] == [OLENA, "Edited", "note: (empty) → check spelling"]
    assert table[2][:2] == [MARK, "Reviewed"] and "not in this article" in table[2][2]
    assert table[3] == [MARK, "Status", "status: pending → rejected"]
    assert "now rejected" in dialog.title.text()
    assert dialog.windowTitle() == f"History of annotation #{ann.id}"
