"""The inspector checks fields as they are typed and says what is wrong beside the field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import select_text


def tag(qtbot, window, quote: str, key: Qt.Key):
    select_text(window, quote)
    qtbot.keyClick(window.reader, key)
    return window.state.selected_annotation


def type_into(qtbot, editor, text: str) -> None:
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def reason(window, kind: str, field: str):
    return window.inspector.findChild(type(window.inspector.message), f"reason_{kind}_{field}")


def test_a_word_in_value_is_marked_with_its_reason_and_kept_for_correction(qtbot, window):
    figure = tag(qtbot, window, "12,000 North Korean soldiers", Qt.Key.Key_F)
    stored = window.workspace.annotations.get(figure.id).attributes
    value = window.inspector.editor("figure", "value")
    type_into(qtbot, value, "two")
    # Marked while typing, before anything is stored.
    assert value.property("invalid") is True
    assert reason(window, "figure", "value").isVisible()
    assert reason(window, "figure", "value").text() == (
        "“two” is not a number: write digits, e.g. 12000 or 51.7."
    )
    qtbot.keyClick(value, Qt.Key.Key_Tab)  # leaving the field: not stored, not reverted
    assert window.workspace.annotations.get(figure.id).attributes == stored
    assert value.text() == "two"
    assert window.undo_stack.count() == 1  # the tagging only

    type_into(qtbot, value, "2")
    assert not value.property("invalid")
    assert not reason(window, "figure", "value").isVisible()
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert window.workspace.annotations.get(figure.id).attributes["value"] == 2


def test_latitude_is_checked_for_a_number_and_its_range(qtbot, window):
    place = tag(qtbot, window, "Sudzha", Qt.Key.Key_P)
    latitude = window.inspector.editor("place", "latitude")
    type_into(qtbot, latitude, "abc")
    assert latitude.property("invalid") is True
    assert reason(window, "place", "latitude").text().startswith("“abc” is not a number")
    type_into(qtbot, latitude, "95")
    assert reason(window, "place", "latitude").text() == (
        "Latitude must be between -90 and 90 (decimal degrees)."
    )
    type_into(qtbot, latitude, "51.19")
    longitude = window.inspector.editor("place", "longitude")
    type_into(qtbot, longitude, "35.27")
    qtbot.keyClick(longitude, Qt.Key.Key_Return)
    assert not latitude.property("invalid") and not longitude.property("invalid")
    stored = window.workspace.annotations.get(place.id).attributes
    assert stored == {"latitude": 51.19, "longitude": 35.27}


def test_a_figure_without_a_number_is_flagged(qtbot, window):
    figure = tag(qtbot, window, "North Korean soldiers", Qt.Key.Key_F)
    assert window.workspace.annotations.get(figure.id).attributes.get("value") is None
    flag = reason(window, "figure", "value")
    assert flag.isVisible() and flag.text() == "⚠ No number yet: give the value, e.g. 12000."
    value = window.inspector.editor("figure", "value")
    assert not value.property("invalid")  # a flag, not an error: it can come later
    type_into(qtbot, value, "12000")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert not flag.isVisible()


def test_marks_and_flags_go_when_another_annotation_is_shown(qtbot, window):
    """What the check showed for one annotation (a field framed red with its reason, a
    figure's missing number) is not left on the form when another one is shown."""
    place = tag(qtbot, window, "Sudzha", Qt.Key.Key_P)
    figure = tag(qtbot, window, "North Korean soldiers", Qt.Key.Key_F)
    flag = reason(window, "figure", "value")
    assert flag.isVisible()
    value = window.inspector.editor("figure", "value")
    type_into(qtbot, value, "two")
    assert value.property("invalid") is True
    window.state.select(place.id)
    assert window.inspector.info.id == place.id
    assert not flag.isVisible() and not value.property("invalid")
    assert value.accessibleDescription() == ""
    latitude = window.inspector.editor("place", "latitude")
    type_into(qtbot, latitude, "95")
    assert latitude.property("invalid") is True
    window.state.select(figure.id)
    assert not latitude.property("invalid")
    assert not reason(window, "place", "latitude").isVisible()
    assert flag.isVisible()  # the figure still has no number


def test_fields_are_editable_only_on_ones_own_annotations(qtbot, sample_window):
    """The fields follow whose annotation is shown, however many are shown in a row."""
    win = sample_window
    win.open_article(win.workspace.articles.list()[0].id)
    theirs = [a for a in win.state.annotations.values() if a.analyst != win.state.me]
    assert theirs
    words = win.state.text.split()
    mine = [tag(qtbot, win, words[0], Qt.Key.Key_C), tag(qtbot, win, words[1], Qt.Key.Key_P)]
    insp = win.inspector
    for row in [*theirs[:2], *mine[:2], *theirs[:1]]:
        win.state.select(row.id)
        editable = row.analyst == win.state.me
        kind_editors = insp._editors_by_kind[row.kind].values()
        assert all(e.isEnabled() == editable for e in kind_editors)
        assert insp.note.isEnabled() == editable


def test_the_reason_under_the_field_being_typed_is_in_view_in_a_short_panel(qtbot, window):
    """At 1400 x 900 with the docks tabbed, the form shows three rows: the reason under
    Value, below the fold, was not seen while typing."""
    figure = tag(qtbot, window, "12,000 North Korean soldiers", Qt.Key.Key_F)
    assert figure is not None
    area = window.inspector.fields_area
    area.setFixedHeight(90)  # what a short panel leaves the form
    value = window.inspector.editor("figure", "value")
    type_into(qtbot, value, "two")
    said = reason(window, "figure", "value")
    assert said.isVisible()

    def in_view() -> bool:
        top = said.mapTo(area.viewport(), said.rect().topLeft()).y()
        return top >= 0 and top + said.height() <= area.viewport().height()

    qtbot.waitUntil(in_view, timeout=2000)
