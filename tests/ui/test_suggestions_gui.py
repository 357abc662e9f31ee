"""Suggestions in the reader, driven with the real keys: N, Shift+N, Enter, Backspace."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import select_text


def _ready(qtbot, window):
    tools = window.suggestion_tools
    qtbot.waitUntil(lambda: not tools.computing and bool(tools.overlay.items), timeout=20000)
    return tools


def _mine(window, **filters):
    return window.workspace.annotations.list(article_id=window.state.article.id, **filters)


def test_suggestions_are_outlined_not_stored(qtbot, window):
    tools = _ready(qtbot, window)
    quotes = {(s.kind, s.quote) for s in tools.overlay.items}
    assert ("place", "Sudzha") in quotes
    assert ("figure", "12,000 North Korean soldiers") in quotes
    assert any(k == "claim" for k, _q in quotes)
    assert _mine(window) == []  # nothing stored until accepted
    window.reader.viewport().repaint()  # painting the outlines raises nothing


def test_n_enter_accepts_with_proposed_attributes(qtbot, window):
    tools = _ready(qtbot, window)
    window.reader.setFocus()
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    window.reader.setTextCursor(cursor)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    first = tools.overlay.current_item
    assert first is not None and first.start == 0  # "Sudzha" at the very start
    assert window.suggestion_tools.panel.fields["canonical_name"].text() == "Sudzha"
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    [stored] = _mine(window)
    assert (stored.kind, stored.quote, stored.status) == ("place", "Sudzha", "pending")
    assert abs(stored.attributes["latitude"] - 51.2) < 0.05
    assert first.key not in {s.key for s in tools.overlay.items}
    # Ctrl+Z takes the acceptance back, like any tag.
    window.undo_stack.undo()
    assert _mine(window) == []


def test_shift_n_goes_back_and_backspace_rejects_for_good(qtbot, window, make_window):
    tools = _ready(qtbot, window)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    second = tools.overlay.current_item
    qtbot.keyClick(window.reader, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert tools.overlay.current_item != second
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert tools.overlay.current_item == second
    qtbot.keyClick(window.reader, Qt.Key.Key_Backspace)
    assert second.key not in {s.key for s in tools.overlay.items}
    assert _mine(window) == []
    # Remembered: opening the article again does not propose it.
    window.open_article(window.state.article.id)
    tools = _ready(qtbot, window)
    assert second.key not in {s.key for s in tools.overlay.items}


def test_edited_attribute_is_what_gets_stored(qtbot, window):
    tools = _ready(qtbot, window)
    figure = next(i for i, s in enumerate(tools.overlay.items) if s.kind == "figure")
    tools.overlay.current = figure
    tools.panel.show_suggestion(tools.overlay.current_item)
    tools.panel.fields["value"].setText("11000")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    [stored] = _mine(window)
    assert stored.attributes["value"] == 11000


def test_kind_toggle_and_accept_all_of_a_kind(qtbot, window):
    tools = _ready(qtbot, window)
    tools.actions["suggest_show_place"].trigger()  # hide places
    assert all(s.kind != "place" for s in tools.overlay.shown_items())
    assert tools.accept_all("place", confirm=False) == 0  # hidden ones are not accepted
    tools.actions["suggest_show_place"].trigger()
    places = len(tools.overlay.shown_items("place"))
    assert tools.accept_all("place", confirm=False) == places
    assert len(_mine(window, kinds=["place"])) == places
    assert tools.overlay.shown_items("place") == []


def test_tag_all_occurrences_in_article(qtbot, window):
    _ready(qtbot, window)
    select_text(window, "Sudzha", occurrence=1)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.suggestion_tools.tag_all_in_article() == 1
    assert [a.quote for a in _mine(window, kinds=["place"])] == ["Sudzha", "Sudzha"]


def test_tag_all_occurrences_across_the_library(qtbot, window):
    from kursk_annotator.core.services.articles import NewArticle

    ws = window.workspace
    other = ws.articles.add(NewArticle(text="Shelling hit Sudzha again.", title="Second"))
    _ready(qtbot, window)
    select_text(window, "Sudzha", occurrence=1)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    tools = window.suggestion_tools
    found = tools.library_occurrences("place", "Sudzha")
    assert sorted(len(spans) for _a, spans in found) == [1, 1]
    assert tools.tag_all_in_library(confirm=False) == 2
    assert [a.quote for a in ws.annotations.list(article_id=other.id)] == ["Sudzha"]
    assert len(_mine(window, kinds=["place"])) == 2


def test_tagging_by_hand_hides_the_suggestion_it_covers(qtbot, window):
    tools = _ready(qtbot, window)
    suggested = next(s for s in tools.overlay.items if s.kind == "place" and s.quote == "Sudzha")
    others = len(tools.overlay.items)
    select_text(window, "Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert [a.quote for a in _mine(window)] == ["Sudzha"]
    assert suggested.key not in {s.key for s in tools.overlay.items}
    assert len(tools.overlay.items) == others - 1  # the other suggestions stay
