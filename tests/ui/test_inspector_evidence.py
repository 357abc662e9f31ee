"""The Inspector's evidence fields: measure, claimant and as-of with completion, and the
interval read from the quote; fields it does not show (a statement link) are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import select_text


def _tag_figure(qtbot, window, quote: str):
    select_text(window, quote)
    qtbot.keyClick(window.reader, Qt.Key.Key_F)
    return window.state.selected_annotation


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_figure_evidence_fields_are_stored_and_undoable(qtbot, window):
    figure = _tag_figure(qtbot, window, "About 1,300 sq km")
    insp = window.inspector
    assert insp.interval_hint.text() == "Compared as 1,170–1,430 km²"
    _type(qtbot, insp.editor("figure", "counts"), "territory held by Ukraine")
    _type(qtbot, insp.editor("figure", "claimant"), "Kyiv")
    _type(qtbot, insp.editor("figure", "as_of"), "2024-08")
    attrs = window.workspace.annotations.get(figure.id).attributes
    assert (attrs["counts"], attrs["claimant"], attrs["as_of"]) == (
        "territory held by Ukraine", "Kyiv", "2024-08",
    )  # fmt: skip
    # New names are records now, offered for completion next time.
    assert window.workspace.evidence.actor_index().get("Kyiv") is not None
    insp.fill_completions()
    assert "Kyiv" in insp.editor("figure", "claimant").completer().model().stringList()
    _type(qtbot, insp.editor("figure", "low"), "1200")
    _type(qtbot, insp.editor("figure", "high"), "1300")
    assert insp.interval_hint.text() == "Set: 1,200–1,300 km²"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert "low" not in window.workspace.annotations.get(figure.id).attributes


def test_bad_as_of_is_refused_in_one_line(qtbot, window):
    figure = _tag_figure(qtbot, window, "12,000 North Korean soldiers")
    before = window.workspace.annotations.get(figure.id).attributes
    _type(qtbot, window.inspector.editor("figure", "as_of"), "2025-02-30")
    reason = window.inspector.findChild(QLabel, "reason_figure_as_of")
    assert "not a real date" in reason.text()
    assert window.workspace.annotations.get(figure.id).attributes == before


def test_attributes_without_a_field_are_kept(qtbot, window):
    figure = _tag_figure(qtbot, window, "12,000 North Korean soldiers")
    ws = window.workspace
    attrs = ws.annotations.get(figure.id).attributes
    ws.annotations.update(figure.id, ws.analyst, attributes={**attrs, "statement": "s1"})
    window.reload_library()  # the store changed behind the window's back
    window.state.select(figure.id)
    assert window.inspector.info.attributes["statement"] == "s1"
    _type(qtbot, window.inspector.editor("figure", "claimant"), "the ministry")
    attrs = ws.annotations.get(figure.id).attributes
    assert attrs["statement"] == "s1" and attrs["claimant"] == "the ministry"
