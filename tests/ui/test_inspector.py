"""The Inspector stores each edit at once, undoably, and explains bad input in one line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import select_text, settle, watching


def tag(qtbot, window, quote: str, key: Qt.Key):
    select_text(window, quote)
    qtbot.keyClick(window.reader, key)
    return window.state.selected_annotation


def stored(window, annotation_id: int):
    return window.workspace.annotations.get(annotation_id)


def test_claim_fields_are_stored_as_they_are_edited(qtbot, window):
    claim = tag(qtbot, window, "The ministry said 12,000", Qt.Key.Key_C)
    insp = window.inspector
    assert insp.pages.currentIndex() == 1 and insp.editor("claim", "attributed_to").isEnabled()
    insp.editor("claim", "attributed_to").setFocus()
    qtbot.keyClicks(insp.editor("claim", "attributed_to"), "Russian Defence Ministry")
    qtbot.keyClick(insp.editor("claim", "attributed_to"), Qt.Key.Key_Return)
    assert stored(window, claim.id).attributes == {"attributed_to": "Russian Defence Ministry"}
    credibility = insp.editor("claim", "credibility")
    credibility.setCurrentIndex(credibility.findText("doubtful"))
    credibility.activated.emit(credibility.currentIndex())
    assert stored(window, claim.id).attributes["credibility"] == "doubtful"
    window.undo_stack.undo()
    assert "credibility" not in stored(window, claim.id).attributes
    assert insp.editor("claim", "credibility").currentText() == ""


def test_note_is_stored_when_leaving_it_and_is_undoable(qtbot, window):
    place = tag(qtbot, window, "Kyiv", Qt.Key.Key_P)
    insp = window.inspector
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, "capital")
    window.reader.setFocus()  # leaving the note stores it
    assert stored(window, place.id).note == "capital"
    assert window.annotations.model.index(0, 4).data() == "capital"
    window.undo_stack.undo()
    assert stored(window, place.id).note == ""
    assert insp.note.toPlainText() == ""


def test_figure_value_must_be_a_number(qtbot, window):
    figure = tag(qtbot, window, "1,300 sq km", Qt.Key.Key_F)
    before = stored(window, figure.id).attributes
    insp = window.inspector
    insp.editor("figure", "value").setText("lots")
    insp.editor("figure", "value").editingFinished.emit()
    assert insp.problems == {"value": "“lots” is not a number: write digits, e.g. 12000 or 51.7"}
    assert stored(window, figure.id).attributes == before


def test_a_range_below_its_value_is_refused_with_the_services_message(qtbot, window):
    figure = tag(qtbot, window, "12,000 North Korean soldiers", Qt.Key.Key_F)
    insp = window.inspector
    insp.editor("figure", "value_max").setText("100")
    insp.editor("figure", "value_max").editingFinished.emit()
    assert insp.problems == {"value_max": "value_max must not be below value"}
    shown = insp.findChild(type(insp.message), "reason_figure_value_max")
    assert shown.isVisible() and shown.text() == "Value max must not be below value."
    assert "value_max" not in stored(window, figure.id).attributes
    assert window.undo_stack.count() == 1  # only the tagging; the refused edit left nothing


def test_place_coordinates(qtbot, window):
    place = tag(qtbot, window, "Sudzha", Qt.Key.Key_P)
    insp = window.inspector
    assert insp.pages.currentIndex() == 3
    insp.editor("place", "latitude").setText("51.19")
    insp.editor("place", "longitude").setText("35.27")
    insp.editor("place", "longitude").editingFinished.emit()
    assert stored(window, place.id).attributes == {"latitude": 51.19, "longitude": 35.27}


def test_other_analysts_annotations_are_read_only(qtbot, sample_window):
    win = sample_window
    theirs = next(a for a in win.state.annotations.values() if a.analyst != "Test Analyst")
    win.state.select(theirs.id)
    insp = win.inspector
    assert not insp.note.isEnabled()
    assert "only they can change it" in insp.owner.text()


def test_a_new_tag_paints_the_new_quote_once_and_nothing_else(qtbot, window):
    """Showing the new annotation must not paint the Inspector's rich-text labels a second
    time (its scroll area asks its height again), nor the panel behind the new quote."""
    from PySide6.QtWidgets import QApplication

    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    QApplication.processEvents()
    insp = window.inspector
    watched = (insp, insp.title, insp.review, insp.owner, insp.quote.parentWidget(), insp.quote)
    with watching(*watched) as paints:
        select_text(window, "Kyiv")
        QApplication.processEvents()
        paints.clear()
        qtbot.keyClick(window.reader, Qt.Key.Key_C)
        settle()
    assert insp.quote.text() == "“Kyiv”"
    assert paints.widgets == [insp.quote]


def test_the_inspector_still_grows_and_scrolls_for_a_long_quote(qtbot, window):
    """Its scroll area skips relayouts that change nothing; one that does must happen."""
    from PySide6.QtWidgets import QApplication

    window.resize(1000, 700)
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    QApplication.processEvents()
    scroll = window.inspector.parentWidget().parentWidget()
    height = window.inspector.height()
    select_text(window, "The ministry said 12,000 North Korean soldiers were deployed near Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    window.inspector.quote.setText("“" + "a long quote " * 400 + "”")  # many lines
    for _ in range(3):
        QApplication.processEvents()
    assert window.inspector.height() > height
    assert window.inspector.height() >= window.inspector.heightForWidth(window.inspector.width())
    assert scroll.verticalScrollBar().maximum() > 0


def test_a_new_tag_with_the_same_empty_note_does_not_repaint_the_note(qtbot, window):
    """Every new tag's note is as empty as the last one's: the note editor, which shows
    nothing new, is not painted again."""
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    settle()
    note = window.inspector.note
    with watching(note.viewport()) as paints:
        select_text(window, "Kyiv")
        settle()
        paints.clear()
        qtbot.keyClick(window.reader, Qt.Key.Key_C)
        settle()
    assert window.inspector.quote.text() == "“Kyiv”"
    assert note.toPlainText() == ""
    assert paints.count == 0


def test_what_was_typed_in_one_note_cannot_be_undone_into_the_next(qtbot, window):
    """The note shown for another annotation starts with no undo steps, even when its
    text is the same as what the last note's editor held."""
    first = tag(qtbot, window, "Kursk Oblast", Qt.Key.Key_C)
    insp = window.inspector
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, "x")
    qtbot.keyClick(insp.note, Qt.Key.Key_Backspace)  # empty again, with two steps to undo
    assert insp.note.document().isUndoAvailable()
    window.reader.setFocus()
    second = tag(qtbot, window, "Kyiv", Qt.Key.Key_P)
    assert second.id != first.id and insp.info.id == second.id
    assert insp.note.toPlainText() == ""
    assert not insp.note.document().isUndoAvailable()
    insp.note.setFocus()
    qtbot.keyClick(insp.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert insp.note.toPlainText() == ""


def test_the_caret_starts_at_the_beginning_of_the_next_note(qtbot, window):
    first = tag(qtbot, window, "Kursk Oblast", Qt.Key.Key_C)
    insp = window.inspector
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, "capital")
    window.reader.setFocus()  # stored
    second = tag(qtbot, window, "Kyiv", Qt.Key.Key_P)
    insp.note.setFocus()
    qtbot.keyClicks(insp.note, "capital")
    window.reader.setFocus()
    insp.note.moveCursor(QTextCursor.MoveOperation.End)
    assert insp.note.textCursor().position() == len("capital")
    window.state.select(first.id)  # the same text, another annotation
    assert insp.info.id == first.id and insp.note.toPlainText() == "capital"
    assert insp.note.textCursor().position() == 0
    assert not insp.note.document().isUndoAvailable()
    assert second.id != first.id


def test_a_new_quote_of_one_line_does_not_lay_the_inspector_out_again(qtbot, window):
    """The last quote took one line, so does the new one: the Inspector keeps its layout
    (its scroll area is not asked either), and the quote label shows the new text."""
    from PySide6.QtCore import QEvent

    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    settle()
    scroll = window.inspector.parentWidget().parentWidget()
    with watching(
        window.inspector, scroll.viewport(), types=(QEvent.Type.LayoutRequest,)
    ) as requests:
        select_text(window, "Kyiv")
        settle()
        requests.clear()
        qtbot.keyClick(window.reader, Qt.Key.Key_C)
        settle()
    quote = window.inspector.quote
    assert quote.text() == "“Kyiv”"
    assert quote.height() == quote.heightForWidth(quote.width())
    assert requests.count == 0


def test_a_longer_quote_gets_its_lines_even_when_set_while_hidden(qtbot, window):
    """A quote needing more lines makes room for them, whether the Inspector is shown
    when it changes or shown afterwards."""
    window.resize(1000, 700)
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    settle()
    quote = window.inspector.quote
    one_line = quote.height()
    select_text(window, "The ministry said 12,000 North Korean soldiers were deployed near Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    settle()
    assert quote.height() > one_line
    assert quote.height() == quote.heightForWidth(quote.width())
    window.inspector_dock.hide()
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    select_text(window, "About 1,300 sq km were held, according to Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    window.inspector.quote.setText("“" + "a long quote " * 40 + "”")
    window.inspector_dock.show()
    settle()
    assert quote.height() > one_line
    assert quote.height() == quote.heightForWidth(quote.width())
    quote.setText("“" + "x" * 300 + "”")  # one word wider than the panel: it widens
    settle()
    assert quote.width() >= quote.minimumSizeHint().width() > 1000
    quote.setText("“Kyiv”")  # and narrows again
    settle()
    assert window.inspector.width() < 1000
    assert quote.height() == quote.heightForWidth(quote.width())
