"""Reading: astral characters, selection sync, find, zoom, filters, tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.ui.article_state import ONLY_ME
from tests.ui.conftest import background_at, highlighted_text, select_text, settle, watching

EMOJI_TEXT = "Flags 🇺🇦🇷🇺 and 😀 first, then 𝐌𝐚𝐭𝐡: Sudzha was taken 🙂.\nSudzha again.\n"


def test_astral_characters_before_a_span_highlight_exactly_the_quote(qtbot, make_window, workspace):
    article = workspace.articles.add(NewArticle(text=EMOJI_TEXT, title="Emoji"))
    start = EMOJI_TEXT.index("Sudzha")
    workspace.annotations.create(article.id, "place", start, start + 6, workspace.analyst)
    window = make_window(workspace)
    window.open_article(article.id)
    assert highlighted_text(window) == ["Sudzha"]


def test_tagging_after_astral_characters_stores_the_selected_words(qtbot, make_window, workspace):
    article = workspace.articles.add(NewArticle(text=EMOJI_TEXT, title="Emoji"))
    window = make_window(workspace)
    window.open_article(article.id)
    select_text(window, "was taken")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    [ann] = workspace.annotations.list(article_id=article.id)
    assert ann.quote == "was taken"
    assert EMOJI_TEXT[ann.start : ann.end] == "was taken"
    assert highlighted_text(window) == ["was taken"]


def test_choosing_a_row_selects_the_span_in_the_reader(qtbot, sample_window):
    win = sample_window
    table = win.annotations.table
    index = win.annotations.model.index(3, 0)
    table.setCurrentIndex(index)
    info = win.state.selected_annotation
    assert info is not None
    cursor = win.reader.textCursor()
    utf16 = win.state.utf16
    assert (utf16.from_utf16(cursor.selectionStart()), utf16.from_utf16(cursor.selectionEnd())) == (
        info.start,
        info.end,
    )
    assert win.inspector.quote.text() == f"“{info.quote}”"


def test_moving_the_caret_into_a_span_selects_its_row(qtbot, sample_window):
    win = sample_window
    info = max(win.state.annotations.values(), key=lambda a: a.start)
    cursor = win.reader.textCursor()
    cursor.setPosition(win.state.utf16.to_utf16(info.start + 1))
    win.reader.setTextCursor(cursor)
    assert win.state.selected_annotation is not None
    assert win.state.selected_annotation.start <= info.start + 1 < info.end
    current = win.annotations.table.currentIndex()
    assert current.isValid()
    selected = win.annotations.table.currentIndex().row()
    assert win.annotations.model.annotation(selected).id == win.state.selected_id


def test_find_marks_every_match_and_steps_through_them(qtbot, window):
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "sudzha")
    assert len(window.reader.extraSelections()) == 2
    assert window.find_bar.count.text() == "1 of 2"
    first = window.reader.textCursor().selectionStart()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == "2 of 2"
    assert window.reader.textCursor().selectionStart() > first
    window.actions_by_name["find_previous"].trigger()
    assert window.find_bar.count.text() == "1 of 2"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.reader.extraSelections() == []


def test_find_reports_no_match(qtbot, window):
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar.field, "Belgorod")
    assert window.find_bar.count.text() == "no match"


def test_zoom_keys_change_the_reading_size(qtbot, window):
    size = window.reader.font().pointSize()
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSize() == size + 1
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSize() == size - 1


def test_header_shows_title_outlet_and_date(qtbot, sample_window):
    win = sample_window
    article = win.state.article
    assert win.reader_pane.title.text() == article.title
    if article.outlet:
        assert article.outlet in win.reader_pane.meta.text()


def test_hiding_a_kind_removes_its_highlights_and_rows(qtbot, window):
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    select_text(window, "12,000 North Korean soldiers")
    qtbot.keyClick(window.reader, Qt.Key.Key_F)
    figure_at = window.state.text.index("12,000")
    window.actions_by_name["show_figure"].trigger()  # View > Show Figures off
    assert background_at(window, figure_at) is None
    assert window.annotations.model.rowCount() == 1
    assert "1 hidden by filters" in window.counts_label.text()
    window.actions_by_name["show_figure"].trigger()
    assert background_at(window, figure_at) is not None
    assert window.annotations.model.rowCount() == 2


def test_only_mine_and_analyst_and_status_filters(qtbot, sample_window):
    win = sample_window
    total = win.annotations.model.rowCount()
    analysts = {a.analyst for a in win.state.annotations.values()}
    assert "Test Analyst" not in analysts and total > 0
    win.actions_by_name["only_mine"].trigger()
    assert win.state.filter.analyst == ONLY_ME
    assert win.annotations.model.rowCount() == 0
    assert highlighted_text(win) == []
    win.actions_by_name["only_mine"].trigger()
    name = sorted(analysts)[0]
    box = win.annotations.analyst_box
    box.setCurrentIndex(box.findData(name))
    box.activated.emit(box.currentIndex())
    rows = win.annotations.model.rowCount()
    assert 0 < rows == sum(1 for a in win.state.annotations.values() if a.analyst == name)
    status = win.annotations.status_box
    status.setCurrentIndex(status.findData("accepted"))
    status.activated.emit(status.currentIndex())
    expected = sum(
        1 for a in win.state.annotations.values() if a.analyst == name and a.status == "accepted"
    )
    assert win.annotations.model.rowCount() == expected


def test_tooltip_lists_kind_analyst_status_and_note(qtbot, sample_window):
    from kursk_annotator.ui.reader_view import tooltip_html

    win = sample_window
    ws = win.workspace
    other = next(iter(win.state.annotations.values()))
    ws.annotations.create(
        win.state.article.id, "claim", other.start, other.end, ws.analyst, note="check <source>"
    )
    win.reload_library()  # the hook for changes made outside the window
    info = next(a for a in win.state.annotations.values() if a.note)
    hits = win.reader.annotations_at(win.state.utf16.to_utf16(info.start))
    tip = tooltip_html(hits)
    assert info.analyst in tip and info.status.replace("_", " ") in tip
    from html import escape

    assert escape(info.note) in tip
    assert other.analyst in tip  # both annotations on that span are listed


def test_annotations_table_sorts_by_column_and_keeps_the_selection(qtbot, sample_window):
    win = sample_window
    model = win.annotations.model
    chosen = max(win.state.annotations.values(), key=lambda a: a.start)
    win.state.select(chosen.id)
    win.annotations.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # Analyst
    names = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    current = win.annotations.table.currentIndex()
    assert model.annotation(current.row()).id == chosen.id
    win.annotations.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    names = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_a_new_annotation_lands_in_the_sorted_order(qtbot, window):
    for quote, key in (("Sudzha", Qt.Key.Key_P), ("Kyiv", Qt.Key.Key_P)):
        select_text(window, quote)
        qtbot.keyClick(window.reader, key)
    window.annotations.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # Quote
    select_text(window, "ministry")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    model = window.annotations.model
    quotes = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert quotes == ["Kyiv", "ministry", "Sudzha"]
    row = window.annotations.table.currentIndex().row()
    assert model.annotation(row).quote == "ministry"


def test_find_after_an_astral_character_selects_the_match(qtbot, make_window, workspace):
    article = workspace.articles.add(NewArticle(text=EMOJI_TEXT, title="Emoji"))
    window = make_window(workspace)
    window.open_article(article.id)
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar.field, "was taken")
    assert window.find_bar.count.text() == "1 of 1"
    assert window.reader.selected_span() == (
        EMOJI_TEXT.index("was taken"),
        EMOJI_TEXT.index("was taken") + len("was taken"),
    )


def test_an_empty_store_explains_what_to_do(qtbot, make_window, workspace):
    window = make_window(workspace)
    assert window.reader_pane.title.text() == "No articles yet"
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    assert "Open an article first" in window.statusBar().currentMessage()
    assert window.counts_label.text() == "No article open"


def test_a_new_annotation_lands_in_descending_order_too(qtbot, window):
    for quote in ("Sudzha", "Kyiv"):
        select_text(window, quote)
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
    window.annotations.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # Quote
    select_text(window, "ministry")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    model = window.annotations.model
    assert [model.index(r, 1).data() for r in range(3)] == ["Sudzha", "ministry", "Kyiv"]


def test_a_long_article_after_a_short_one_is_painted_once(qtbot, make_window, workspace):
    """Opening a long article after a one-line note: the text is laid out and painted
    once, not a second time when the scroll bar appears and narrows the page."""
    long_text = "\n\n".join(f"Paragraph {i}: shelling near Sudzha again." for i in range(400))
    note = workspace.articles.add(NewArticle(text="A short note.", title="Note"))
    long = workspace.articles.add(NewArticle(text=long_text, title="Long"))
    window = make_window(workspace)
    window.open_article(note.id)
    settle()
    viewport = window.reader.viewport()
    width = viewport.width()
    with watching(viewport) as paints:
        window.open_article(long.id)
        settle()
    assert window.reader.verticalScrollBar().maximum() > 0  # it does scroll
    assert viewport.width() == width  # the page kept its width
    assert paints.count == 1
