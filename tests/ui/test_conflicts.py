"""Edits and undo carry the version they were made from: a newer version of the same
field opens the conflict dialog (keep mine, take theirs, merge the note); a newer change
to another field is merged; nothing is overwritten silently."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.ui.conftest import select_text


@pytest.fixture
def other(workspace: Workspace) -> Iterator[Workspace]:
    """The same analyst's second window (or process) on the same store."""
    ws = Workspace(open_store(str(workspace.store.path)), "Test Analyst")
    yield ws
    ws.close()


def answer(button: str | None, seen: list[str]) -> None:
    """Press a button of the conflict dialog once it shows (None: close it)."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "conflict_dialog"
        table = dialog.findChild(object, "conflict_table")
        seen.extend(table.item(r, c).text() for r in range(table.rowCount()) for c in (0, 1))
        if button is None:
            dialog.reject()
        else:
            dialog.findChild(QPushButton, button).click()

    QTimer.singleShot(0, press)


def _tag_and_write_note(qtbot, window, other: Workspace, theirs: str, mine: str):
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    place = window.state.selected_annotation
    shown = window.inspector.info
    other.annotations.update(place.id, other.analyst, expected_version=shown.version, note=theirs)
    insp = window.inspector
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, mine)
    return place


def test_merge_the_notes(qtbot, window, other) -> None:
    seen: list[str] = []
    place = _tag_and_write_note(qtbot, window, other, "capital of Ukraine", "source: Reuters")
    answer("merge_note", seen)
    window.reader.setFocus()  # leaving the note stores it
    assert "source: Reuters" in seen and "capital of Ukraine" in seen  # both versions shown
    stored = window.workspace.annotations.get(place.id)
    assert stored.note == "capital of Ukraine\n\nsource: Reuters" and stored.version == 3
    assert window.inspector.note.toPlainText() == stored.note
    window.undo_stack.undo()  # undo of the merge: back to the version it was made from
    assert window.workspace.annotations.get(place.id).note == "capital of Ukraine"


def test_take_the_newer_one(qtbot, window, other) -> None:
    place = _tag_and_write_note(qtbot, window, other, "theirs", "mine")
    answer("take_theirs", [])
    window.reader.setFocus()
    stored = window.workspace.annotations.get(place.id)
    assert (stored.note, stored.version) == ("theirs", 2)
    assert window.inspector.note.toPlainText() == "theirs"
    assert window.undo_stack.count() == 1  # only the tagging: the edit was dropped


def test_keep_mine(qtbot, window, other) -> None:
    place = _tag_and_write_note(qtbot, window, other, "theirs", "mine")
    answer("keep_mine", [])
    window.reader.setFocus()
    stored = window.workspace.annotations.get(place.id)
    assert (stored.note, stored.version) == ("mine", 3)


def test_closing_the_dialog_changes_nothing(qtbot, window, other) -> None:
    place = _tag_and_write_note(qtbot, window, other, "theirs", "mine")
    answer(None, [])
    window.reader.setFocus()
    assert window.workspace.annotations.get(place.id).note == "theirs"
    assert "changed meanwhile" in window.statusBar().currentMessage()


def test_undo_over_a_newer_change_of_another_field_merges(qtbot, window, other) -> None:
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    place = window.state.selected_annotation
    insp = window.inspector
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, "capital")
    window.reader.setFocus()
    version = window.workspace.annotations.get(place.id).version
    other.annotations.update(
        place.id,
        other.analyst,
        expected_version=version,
        attributes={"latitude": 50.45, "longitude": 30.52},
    )
    window.undo_stack.undo()  # the note goes back; the other window's coordinates stay
    stored = window.workspace.annotations.get(place.id)
    assert stored.note == "" and stored.attributes == {"latitude": 50.45, "longitude": 30.52}
    assert stored.version == version + 2


def test_undo_of_a_delete_after_a_newer_change_asks(qtbot, window, other) -> None:
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    place = window.state.selected_annotation
    window.tagging.delete_selected()
    deleted = window.workspace.annotations.get(place.id)
    assert deleted.deleted
    other.annotations.restore(place.id, other.analyst)
    other.annotations.update(place.id, other.analyst, note="restored elsewhere")
    answer("take_theirs", [])
    window.undo_stack.undo()
    stored = window.workspace.annotations.get(place.id)
    assert stored.note == "restored elsewhere" and not stored.deleted
