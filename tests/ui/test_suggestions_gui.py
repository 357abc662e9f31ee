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
    inspector = window.inspector
    assert inspector.suggestion == first and "Suggested place" in inspector.title.text()
    assert inspector.editor("place", "canonical_name").text() == "Sudzha"
    assert inspector.editor("place", "latitude").text().startswith("51.19")
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    [stored] = _mine(window)
    assert (stored.kind, stored.quote, stored.status) == ("place", "Sudzha", "pending")
    assert abs(stored.attributes["latitude"] - 51.2) < 0.05
    assert first.key not in {s.key for s in tools.overlay.items}
    # Ctrl+Z takes the acceptance back, like any tag, and the suggestion is proposed again.
    window.undo_stack.undo()
    assert _mine(window) == []
    assert first.key in {s.key for s in tools.overlay.items}


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


def _next_of_kind(qtbot, window, kind):
    tools = _ready(qtbot, window)
    window.reader.setFocus()
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    window.reader.setTextCursor(cursor)
    for _ in range(len(tools.overlay.items)):
        qtbot.keyClick(window.reader, Qt.Key.Key_N)
        if tools.overlay.current_item.kind == kind:
            return tools.overlay.current_item
    raise AssertionError(f"no suggested {kind}")


def _retype(qtbot, editor, text):
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_inspector_shows_a_suggested_figure_and_stores_what_was_edited(qtbot, window):
    figure = _next_of_kind(qtbot, window, "figure")
    inspector = window.inspector
    assert figure.quote == "12,000 North Korean soldiers"
    assert "Suggested figure" in inspector.title.text() and "not stored" in inspector.title.text()
    assert inspector.editor("figure", "value").text() == "12000"
    assert inspector.editor("figure", "counts").text() == "North Korean soldiers"
    assert inspector.editor("figure", "claimant").text() == "ministry"
    assert inspector.editor("figure", "value").isEnabled()
    assert inspector.accept_button.isVisible()
    assert not inspector.note.isVisible()  # no note before acceptance
    # Edit two fields, then Enter in the field accepts with the edited values.
    _retype(qtbot, inspector.editor("figure", "value"), "11000")
    assert _mine(window) == []  # editing a suggestion stores nothing
    _retype(qtbot, inspector.editor("figure", "claimant"), "Ministry of Defence")
    qtbot.keyClick(inspector.editor("figure", "claimant"), Qt.Key.Key_Return)
    [stored] = _mine(window)
    assert stored.kind == "figure" and stored.quote == figure.quote
    assert stored.attributes["value"] == 11000
    assert stored.attributes["claimant"] == "Ministry of Defence"
    assert stored.attributes["counts"] == "North Korean soldiers"


def test_enter_in_the_reader_accepts_the_inspector_edits_of_a_claim(qtbot, window):
    claim = _next_of_kind(qtbot, window, "claim")
    inspector = window.inspector
    assert inspector.editor("claim", "attributed_to").text() == claim.attributes["attributed_to"]
    _retype(qtbot, inspector.editor("claim", "attributed_to"), "Russian Defence Ministry")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    [stored] = _mine(window)
    assert stored.kind == "claim"
    assert stored.attributes["attributed_to"] == "Russian Defence Ministry"


def test_a_value_that_is_not_a_number_is_not_accepted(qtbot, window):
    _next_of_kind(qtbot, window, "figure")
    inspector = window.inspector
    _retype(qtbot, inspector.editor("figure", "value"), "twelve-ish")
    qtbot.keyClick(inspector.editor("figure", "value"), Qt.Key.Key_Return)
    assert _mine(window) == []
    assert "not a number" in window.statusBar().currentMessage()
    assert inspector.suggestion is not None  # still shown, to be corrected


def test_selecting_an_annotation_leaves_the_suggestion(qtbot, window):
    _next_of_kind(qtbot, window, "place")
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    inspector = window.inspector
    assert inspector.suggestion is None
    assert inspector.info is not None and inspector.info.quote == "Kursk Oblast"
    assert not inspector.accept_button.isVisible() and inspector.note.isVisible()


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


def _long_article(window) -> int:
    from pathlib import Path

    from kursk_annotator.core.services.articles import NewArticle

    folder = Path(__file__).resolve().parents[2] / "sample_data" / "articles"
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    text = (corpus + "\n\n") * 20  # about 400 KB: seconds of suggestion work
    article_id = window.workspace.articles.add(NewArticle(text=text, title="Long")).id
    window.reload_library()
    return article_id


def test_reader_scrolls_and_repaints_while_a_long_article_is_computed(qtbot, window):
    import os

    from PySide6.QtCore import QEvent, QObject

    tools = _ready(qtbot, window)
    long_id = _long_article(window)

    class Paints(QObject):
        count = 0

        def eventFilter(self, _obj, event):
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    paints = Paints()
    window.reader.viewport().installEventFilter(paints)
    window.open_article(long_id)
    assert tools.computing
    bar = window.reader.verticalScrollBar()
    pages = 0
    while tools.computing and pages < 200:
        bar.setValue(bar.value() + bar.pageStep())  # the user pages down ...
        qtbot.wait(20)  # ... and the window repaints
        pages += 1
    painted = Paints.count
    # The reader moved and painted page after page before the suggestions arrived: they
    # were computed by another process, not by a thread holding this one's interpreter.
    assert pages >= 5 and bar.value() > 0 and painted >= 5
    assert tools.worker_pids() and os.getpid() not in tools.worker_pids()
    qtbot.waitUntil(lambda: not tools.computing, timeout=60000)
    assert len(tools.overlay.items) > 100


def test_a_suggestion_process_that_dies_is_reported_and_the_app_goes_on(qtbot, window):
    import os
    import signal

    tools = _ready(qtbot, window)
    first = window.state.article.id
    window.open_article(_long_article(window))
    qtbot.waitUntil(lambda: bool(tools.worker_pids()), timeout=20000)
    for pid in tools.worker_pids():
        os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not tools.computing, timeout=60000)
    assert "Suggestions could not be computed" in window.statusBar().currentMessage()
    assert tools.overlay.items == []
    # The next article gets its suggestions from a new process.
    window.open_article(first)
    _ready(qtbot, window)
    assert any(s.quote == "Sudzha" for s in tools.overlay.items)


def test_a_text_over_the_limit_gets_no_suggestions_and_says_so(qtbot, window, monkeypatch) -> None:
    from kursk_annotator.ui import suggestion_tools

    tools = _ready(qtbot, window)
    monkeypatch.setattr(suggestion_tools, "SUGGEST_LIMIT", len(window.state.text) - 1)
    window.open_article(window.state.article.id)
    assert not tools.computing and tools.overlay.items == []
    assert "No suggestions for this article" in window.statusBar().currentMessage()
    monkeypatch.setattr(suggestion_tools, "SUGGEST_LIMIT", len(window.state.text))
    window.open_article(window.state.article.id)
    assert _ready(qtbot, window).overlay.items  # at the limit: computed as before


def _on_screen(window):
    """The reader as the window shows it now (its backing store, after whatever partial
    repaints were made), and the rectangle of code points start..end within it."""
    reader = window.reader
    area = reader.viewport().rect()
    area.moveTopLeft(reader.viewport().mapTo(window, area.topLeft()))
    return window.screen().grabWindow(window.winId()).toImage().copy(area)


def _text_rect(window, start: int, end: int):
    from PySide6.QtCore import QRect

    reader, to_u16 = window.reader, window.state.utf16.to_utf16
    cursor = reader.textCursor()
    cursor.setPosition(to_u16(start))
    first = reader.cursorRect(cursor)
    cursor.setPosition(to_u16(end))
    last = reader.cursorRect(cursor)
    return QRect(first.topLeft(), last.bottomRight()).normalized().adjusted(-4, -3, 4, 3)


def test_a_tag_over_a_suggestion_leaves_no_stale_outline_and_undo_brings_it_back(qtbot, window):
    """After tagging over a suggestion, what is on screen is what a full repaint draws
    (the outline gone, the highlight there, another suggestion's outline untouched), and
    undo brings the outline back the same way. (Which lines the tag repaints is not
    checked here: the highlighter repaints the changed paragraph whatever the overlay
    asks.)"""
    from PySide6.QtWidgets import QApplication

    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)  # a caret that does not blink between two pictures
    try:
        _tag_and_undo_over_a_suggestion(qtbot, window)
    finally:
        QApplication.setCursorFlashTime(flash)


def _tag_and_undo_over_a_suggestion(qtbot, window):
    tools = _ready(qtbot, window)
    viewport = window.reader.viewport()
    viewport.repaint()
    suggested = next(s for s in tools.overlay.items if s.kind == "place" and s.quote == "Sudzha")
    other = next(s for s in tools.overlay.items if s.start > suggested.end + 40)
    here = _text_rect(window, suggested.start, suggested.end)
    there = _text_rect(window, other.start, other.end)
    before = _on_screen(window)

    select_text(window, "Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    qtbot.wait(50)  # the repaints the tag asked for are done
    tagged = _on_screen(window)
    viewport.repaint()
    assert tagged == _on_screen(window)  # nothing stale: as a full repaint draws it
    assert tagged.copy(here) != before.copy(here)  # highlighted, its outline gone
    assert tagged.copy(there) == before.copy(there)  # another suggestion's outline stays

    window.undo_stack.undo()
    qtbot.wait(50)
    undone = _on_screen(window)
    viewport.repaint()
    assert suggested.key in {s.key for s in tools.overlay.items}
    assert undone == _on_screen(window)
    assert undone.copy(here) != tagged.copy(here)  # outlined again, not highlighted
