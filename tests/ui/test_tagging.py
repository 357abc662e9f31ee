"""Tagging spans by keyboard, toolbar and context menu; undo and redo; delete; change kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from tests.ui.conftest import background_at, highlighted_text, select_text, settle, watching


def stored(window, **filters):
    return window.workspace.annotations.list(article_id=window.state.article.id, **filters)


def test_keyboard_c_tags_the_selection_as_a_claim(qtbot, window):
    select_text(window, "The ministry said 12,000 North Korean soldiers were deployed")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    [claim] = stored(window)
    assert (claim.kind, claim.quote, claim.analyst) == (
        "claim",
        "The ministry said 12,000 North Korean soldiers were deployed",
        "Test Analyst",
    )
    assert "The ministry said 12,000 North Korean soldiers were deployed" in highlighted_text(
        window
    )
    assert window.annotations.model.rowCount() == 1
    assert window.inspector.quote.text() == f"“{claim.quote}”"
    # The selection is dropped so the new highlight shows; the annotation stays selected.
    assert not window.reader.textCursor().hasSelection()
    assert window.state.selected_id == claim.id


def test_selection_snaps_to_whole_words_and_trims_punctuation(qtbot, window):
    select_text(window, "in Kursk Obl")  # ends mid-word
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    select_text(window, " Kyiv.\n")  # spaces and a full stop around the word
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert [a.quote for a in stored(window)] == ["in Kursk Oblast", "Kyiv"]


def test_whole_word_snapping_can_be_turned_off(qtbot, window):
    from kursk_annotator.ui import settings as keys

    window.settings.set(keys.SNAP_WHOLE_WORDS, False)
    select_text(window, "Sudzh")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert [a.quote for a in stored(window)] == ["Sudzh"]


def test_new_figure_is_prefilled_from_its_quote(qtbot, window):
    select_text(window, "12,000 North Korean soldiers")
    qtbot.keyClick(window.reader, Qt.Key.Key_F)
    [figure] = stored(window)
    assert figure.attributes["value"] == 12000
    assert window.inspector.editor("figure", "value").text() == "12000"


def test_toolbar_button_tags_as_figure(qtbot, window):
    toolbar = window.findChild(QToolBar, "tagging_toolbar")
    button = toolbar.widgetForAction(window.actions_by_name["tag_figure"])
    select_text(window, "1,300 sq km")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [(a.kind, a.quote) for a in stored(window)] == [("figure", "1,300 sq km")]


def test_context_menu_tags_and_changes_kind(qtbot, window):
    select_text(window, "Kursk Oblast")
    menu = window.tagging.build_context_menu()
    [place] = [a for a in menu.actions() if a.text() == "Tag as Place"]
    place.trigger()
    [ann] = stored(window)
    assert ann.kind == "place"
    menu = window.tagging.build_context_menu()
    [change] = [a for a in menu.actions() if a.text() == "Change kind to"]
    [to_claim] = [a for a in change.menu().actions() if a.text() == "Claim"]
    to_claim.trigger()
    assert stored(window)[0].kind == "claim"
    assert window.annotations.model.annotation(0).kind == "claim"
    window.undo_stack.undo()
    assert stored(window)[0].kind == "place"


def test_without_selection_tagging_explains_what_to_do(qtbot, window):
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    assert stored(window) == []
    assert "Select some text first" in window.statusBar().currentMessage()


def test_undo_soft_deletes_and_redo_restores_the_same_annotation(qtbot, window):
    select_text(window, "Sudzha", occurrence=2)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    [ann] = stored(window)
    position = window.state.text.index("Sudzha", 10)
    assert background_at(window, position) is not None
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == []
    [deleted] = stored(window, include_deleted=True)
    assert deleted.id == ann.id and deleted.deleted
    assert background_at(window, position) is None
    assert window.annotations.model.rowCount() == 0
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [a.id for a in stored(window)] == [ann.id]
    assert background_at(window, position) is not None


def test_undoing_a_tag_selects_nothing_not_its_neighbour(qtbot, window):
    """The undone tag's row was the table's current row; its neighbour must not become
    the selected annotation (read from the store, shown in the inspector and reader)."""
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    select_text(window, "Sudzha", occurrence=2)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    neighbour, new = (a.id for a in stored(window))
    assert window.state.selected_id == new
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.id for a in stored(window)] == [neighbour]
    assert window.state.selected_id is None
    assert window.inspector.info is None
    assert window.inspector.title.text() == "No annotation selected"
    assert not window.annotations.table.selectionModel().hasSelection()


def test_a_row_that_moves_in_the_sorted_table_stays_selected(qtbot, window):
    """Sorted by kind, a change of kind moves the row: the annotation stays the selected
    one, not the row that took its place."""
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    select_text(window, "Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    moved = window.state.selected_id
    window.annotations.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    window.tagging.change_kind("place")
    assert window.state.selected_id == moved
    assert window.inspector.info.id == moved and window.inspector.info.kind == "place"
    current = window.annotations.table.currentIndex()
    assert window.annotations.model.annotation(current.row()).id == moved


def test_delete_key_removes_the_selected_annotation_and_undo_brings_it_back(qtbot, window):
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.state.selected_annotation is not None
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.undo_stack.undoText().startswith("Delete place")
    window.actions_by_name["undo"].trigger()
    assert [a.quote for a in stored(window)] == ["Kyiv"]


def test_others_annotations_cannot_be_deleted(qtbot, sample_window):
    win = sample_window
    theirs = next(a for a in win.state.annotations.values() if a.analyst != "Test Analyst")
    win.state.select(theirs.id)
    win.tagging.delete_selected()
    assert theirs.id in win.state.annotations
    assert f"belongs to {theirs.analyst}" in win.statusBar().currentMessage()
    assert win.undo_stack.count() == 0


def test_overlapping_spans_are_blended_and_listed_together(qtbot, window):
    select_text(window, "12,000 North Korean soldiers")
    qtbot.keyClick(window.reader, Qt.Key.Key_F)
    select_text(window, "The ministry said 12,000 North Korean soldiers were deployed")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    text = window.state.text
    only_claim = text.index("ministry")
    both = text.index("North")
    from kursk_annotator.ui.highlighter import span_style
    from kursk_annotator.ui.span_index import Span

    figure_alone = span_style([Span(0, 1, "figure", 0, "pending")])
    only_figure_colour = window.reader.highlighter.format_for(figure_alone).background().color()
    claim_colour = background_at(window, only_claim)
    overlap_colour = background_at(window, both)
    assert claim_colour is not None and overlap_colour is not None
    assert overlap_colour not in (claim_colour, only_figure_colour.name())
    hits = window.reader.annotations_at(both)
    assert sorted(a.kind for a in hits) == ["claim", "figure"]
    from kursk_annotator.ui.reader_view import tooltip_html

    tip = tooltip_html(hits)
    assert "Claim" in tip and "Figure" in tip and "Test Analyst" in tip


def test_undo_of_an_edit_in_another_article_goes_to_that_article(qtbot, window, workspace):
    from kursk_annotator.core.services.articles import NewArticle

    first = window.state.article.id
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    other = workspace.articles.add(NewArticle(text="Another report about Sudzha.", title="B"))
    window.library.reload()
    window.open_article(other.id)
    window.undo_stack.undo()
    assert window.state.article.id == first
    assert workspace.annotations.list(article_id=first) == []
    window.undo_stack.redo()
    assert [a.quote for a in stored(window)] == ["Kyiv"]
    assert window.state.selected_annotation.quote == "Kyiv"


def test_a_new_tag_is_listed_selected_and_counted_everywhere_then_undone(qtbot, sample_window):
    """In an article with many rows, the new tag's row is selected and scrolled into the
    table, the status bar and the Library count it; undo takes all of it back."""
    import re

    from kursk_annotator.ui.annotation_model import ID_ROLE

    win = sample_window
    counts = win.workspace.articles.counts()
    win.open_article(max(counts, key=lambda i: sum(counts[i].values())))  # the longest list
    table = win.annotations.table
    before = win.state.counts()["claim"]
    rows = win.annotations.model.rowCount()
    assert rows > 20  # more than the table shows at once
    last_word = list(re.finditer(r"\w{4,}", win.state.text))[-1].group()
    select_text(win, last_word, occurrence=win.state.text.count(last_word))
    qtbot.keyClick(win.reader, Qt.Key.Key_C)
    new = win.state.selected_annotation
    assert new is not None and new.quote == last_word and new.kind == "claim"
    qtbot.wait(20)  # the event loop turns: the table scrolls to the row, panels repaint
    current = table.selectionModel().currentIndex()
    assert current.data(ID_ROLE) == new.id
    assert table.selectionModel().isRowSelected(current.row(), current.parent())
    assert table.viewport().rect().intersects(table.visualRect(current))  # in view
    assert win.annotations.model.rowCount() == rows + 1
    assert f"Claims: {before + 1}" in win.counts_label.text()
    # The Library's row follows once tagging pauses.
    library = win.library.list
    qtbot.waitUntil(lambda: f"{before + 1} claims" in library.currentIndex().data())
    win.undo_stack.undo()
    qtbot.wait(20)
    assert win.annotations.model.rowCount() == rows
    assert new.id not in win.state.annotations
    assert f"Claims: {before}" in win.counts_label.text()
    qtbot.waitUntil(lambda: f"{before} claims" in library.currentIndex().data())


def test_a_new_tag_does_not_lay_out_the_whole_window_again(qtbot, window):
    """The counts in the status bar and the Undo button's tooltip change with every tag;
    neither may make the main window lay out (and repaint every panel) a second time."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    select_text(window, "12,000 North Korean soldiers")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)  # the first tag enables Undo: a new size
    QApplication.processEvents()
    counts = window.counts_label.text()
    with watching(window, types=(QEvent.Type.LayoutRequest,)) as watcher:
        select_text(window, "Kursk Oblast")
        qtbot.wait(50)
        watcher.clear()
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
        settle()
    assert window.counts_label.text() != counts  # the counts did change
    assert (
        "Kursk Oblast"
        in window.findChild(QToolBar, "tagging_toolbar")
        .widgetForAction(window.findChild(QAction, "toolbar_undo"))
        .toolTip()
    )
    assert watcher.count == 0


def test_a_new_tag_repaints_the_counts_not_the_status_bar_behind_them(qtbot, window):
    """The counts change with every tag: their label is repainted, the status bar and
    the window behind it are not."""
    select_text(window, "12,000 North Korean soldiers")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)  # the first tag enables Undo
    select_text(window, "Kursk Oblast")
    settle()
    counts = window.counts_label.text()
    bar = window.statusBar()
    with watching(bar, window.counts_label) as paints:
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
        settle()
    assert window.counts_label.text() != counts
    assert window.counts_label in paints.widgets
    assert bar not in paints.widgets
