"""Help -> Keyboard Shortcuts lists the whole window; Find lets go of a match it lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.shortcuts_dialog import ShortcutsDialog

pytestmark = pytest.mark.gui


def _open_shortcuts(qtbot, window) -> ShortcutsDialog:
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog, "shortcuts_dialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_f1_lists_the_features_added_after_the_window_by_menu(qtbot, window):
    dialog = _open_shortcuts(qtbot, window)
    rows = dialog.rows()
    for expected in (
        ("File", "Import", "Ctrl+I"),
        ("File", "New Article from Clipboard", "Ctrl+Shift+V"),
        ("File", "Article Metadata", "Ctrl+Shift+I"),
        ("File", "Export Briefing", "Ctrl+Shift+E"),
        ("Review", "Review Queue", "F8"),
        ("Review", "Compare Analysts", "Ctrl+Alt+C"),
        ("Review", "Annotation History", "Ctrl+H"),
        ("Annotate", "Change kind to Claim", "Ctrl+Shift+C"),
        ("Annotate", "Change kind to Figure", "Ctrl+Shift+F"),
        ("Annotate", "Change kind to Place", "Ctrl+Shift+P"),
        ("Edit", "Undo", "Ctrl+Z"),
        ("Help", "Keyboard Shortcuts", "F1"),
        ("Suggest", "Next Suggestion", "N"),
        ("Suggest", "Reject Suggestion", "Backspace"),
    ):
        assert expected in rows, expected
    # Nothing is listed as a bare kind name, and menus come in menu-bar order.
    assert not [r for r in rows if r[1] in ("Claim", "Figure", "Place")]
    menus = [r[0] for r in rows]
    assert sorted(set(menus), key=menus.index) == [
        "File", "Edit", "Annotate", "Suggest", "View", "Review", "Help",
    ]  # fmt: skip


def test_f1_lists_every_shortcut_in_the_menus(qtbot, window):
    in_menus: set[QAction] = set()

    def walk(menu):
        for action in menu.actions():
            if action.menu():
                walk(action.menu())
            elif not action.shortcut().isEmpty():
                in_menus.add(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    native = QKeySequence.SequenceFormat.NativeText
    listed = {keys for _menu, _label, keys in _open_shortcuts(qtbot, window).rows()}
    for action in in_menus:
        assert any(action.shortcut().toString(native) in keys.split(", ") for keys in listed), (
            action.text()
        )


def test_f1_again_shows_actions_added_since(qtbot, window):
    _open_shortcuts(qtbot, window).close()
    window.action_set.add(
        [ActionSpec("late", "&Late Feature", "&File", lambda _w, _c: None, ("Ctrl+Alt+J",))]
    )
    rows = _open_shortcuts(qtbot, window).rows()
    assert ("File", "Late Feature", "Ctrl+Alt+J") in rows


def test_no_match_lets_go_of_the_previous_match(qtbot, window):
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar.field, "sudzha")
    cursor = window.reader.textCursor()
    assert cursor.selectedText().lower() == "sudzha"
    start = cursor.selectionStart()
    qtbot.keyClicks(window.find_bar.field, "xyz")
    assert window.find_bar.count.text() == "no match"
    cursor = window.reader.textCursor()
    assert not cursor.hasSelection()
    assert cursor.position() == start  # the next search goes on from there
    assert window.reader.extraSelections() == []
    # Back to a match: it is found and selected again.
    for _ in range(3):
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Backspace)
    assert window.find_bar.count.text() == "1 of 2"
    assert window.reader.textCursor().selectedText().lower() == "sudzha"


def test_no_match_keeps_a_selection_the_user_made(qtbot, window):
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar.field, "Belgorod")
    assert window.find_bar.count.text() == "no match"
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(6, cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    qtbot.keyClicks(window.find_bar.field, "x")
    assert window.reader.textCursor().selectedText() == "Sudzha"
