"""The window as a whole: persistence, library, status bar, menus, keyboard, dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QPlainTextEdit, QWidget

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.annotation_model import AnnotationTableModel
from kursk_annotator.ui.app import choose_analyst
from kursk_annotator.ui.dialogs import AnalystNameDialog
from kursk_annotator.ui.library import LibraryModel
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.theme import HighlightColours
from tests.ui.conftest import select_text


def test_layout_article_zoom_and_filters_survive_a_restart(
    qtbot, make_window, sample_workspace, settings_path
):
    win = make_window(sample_workspace)
    articles = [win.library.model.article(i) for i in range(1, 6)]
    chosen = next(a for a in articles if a is not None and a.id != win.state.article.id)
    win.library.select(chosen.id)
    assert win.state.article.id == chosen.id
    win.reader.set_zoom(3)
    win.actions_by_name["show_place"].trigger()
    win.inspector_dock.hide()
    win.library.set_sort("title")
    win.resize(760, 540)  # the offscreen screen is 800 x 800
    size = win.size()
    win.close()

    again = make_window(sample_workspace)
    assert again.state.article.id == chosen.id
    assert again.reader.zoom == 3
    assert again.state.filter.kinds == {"claim", "figure"}
    assert not again.actions_by_name["show_place"].isChecked()
    assert not again.inspector_dock.isVisible()
    assert again.library.sort_key() == "title"
    assert again.size() == size


def test_settings_of_the_wrong_type_read_as_defaults(settings_path):
    settings = Settings.at(settings_path)
    settings.q.setValue(keys.ZOOM.key, "huge")
    settings.q.setValue(keys.HIDDEN_KINDS.key, "{not json")
    assert settings.get(keys.ZOOM) == 0
    assert settings.get(keys.HIDDEN_KINDS) == []


def test_library_shows_counts_and_searches_title_outlet_and_text(qtbot, sample_window):
    win = sample_window
    lib = win.library
    assert lib.proxy.rowCount() == 5
    first = lib.proxy.index(0, 0).data()
    assert "claims" in first and "figures" in first and "places" in first
    lib.search.setText("Historica")
    lib.apply_search()
    assert lib.proxy.rowCount() == 1
    lib.search.setText("Budanov")  # only in an article's text
    lib.apply_search()
    assert lib.proxy.rowCount() >= 1
    lib.search.setText("no such words anywhere")
    lib.apply_search()
    assert lib.proxy.rowCount() == 0


def test_library_sorts_by_title(qtbot, sample_window):
    lib = sample_window.library
    lib.set_sort("title")
    titles = [lib.proxy.index(r, 0).data().split("\n")[0] for r in range(lib.proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_library_counts_follow_tagging(qtbot, window):
    select_text(window, "Kursk Oblast")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert window.counts_label.text().startswith("Claims: 0   Figures: 0   Places: 1")
    # The Library's row follows once tagging pauses.
    qtbot.waitUntil(lambda: "1 places" in window.library.proxy.index(0, 0).data())


def test_status_bar_shows_the_analyst(qtbot, window):
    assert window.analyst_label.text() == "Analyst: Test Analyst"


def test_item_models_pass_the_model_tester(qtmodeltester, sample_window):
    win = sample_window
    qtmodeltester.check(win.annotations.model)
    win.annotations.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(win.annotations.model)
    qtmodeltester.check(win.library.model)
    qtmodeltester.check(win.library.proxy)
    fresh = AnnotationTableModel()
    fresh.set_rows(list(win.state.annotations.values()))
    qtmodeltester.check(fresh)
    empty = LibraryModel()
    qtmodeltester.check(empty)


def test_every_action_is_in_a_menu_with_a_shortcut(qtbot, window):
    in_menus = set()

    def walk(menu):
        for action in menu.actions():
            if action.menu():
                walk(action.menu())
            else:
                in_menus.add(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    for name, action in window.actions_by_name.items():
        assert action in in_menus, name
    for dock in (window.library_dock, window.annotations_dock, window.inspector_dock):
        assert dock.toggleViewAction() in in_menus
        assert not dock.toggleViewAction().shortcut().isEmpty()
    # No key does two things in one place: window-wide keys are unique, and a key that
    # acts only inside one widget (A in the review queue, P in the reader) is unique there
    # and not also window-wide.
    local = Qt.ShortcutContext.WidgetWithChildrenShortcut
    scopes: dict[str, list[object]] = {}
    for a in in_menus:
        for key in a.shortcuts():
            if key.isEmpty():
                continue
            widgets = [w for w in a.associatedObjects() if isinstance(w, QWidget)]
            owner = [w for w in widgets if not isinstance(w, QMenu)]
            scope = owner[0] if a.shortcutContext() == local and owner else "window"
            scopes.setdefault(key.toString(), []).append(scope)
    for key, where in scopes.items():
        assert len(where) == len(set(where)), key
        assert "window" not in where or len(where) == 1, key


def test_file_menu_and_reload_are_there_for_other_features(qtbot, window):
    assert window.action_set.menu("&File").title() == "&File"
    window.workspace.annotations.create(
        window.state.article.id, "place", 0, 6, window.workspace.analyst
    )
    window.reload_library()
    assert window.annotations.model.rowCount() == 1


def test_interactive_widgets_have_accessible_names(qtbot, window):
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible():
            if widget.inherits("QScrollBar") or widget.inherits("QTabBar"):
                continue
            named = widget.accessibleName() or (
                widget.parent() and widget.parent().accessibleName()
            )
            assert named, f"{type(widget).__name__} {widget.objectName()} has no accessible name"


def test_keyboard_only_flow(qtbot, window):
    """Go to the reader, select a word with the keyboard, tag it, step to it, delete it."""
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl)
    assert window.focusWidget() is window.reader
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, ctrl)
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, ctrl | shift)  # "Sudzha "
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    [place] = window.workspace.annotations.list(article_id=window.state.article.id)
    assert place.quote == "Sudzha"
    qtbot.keyClick(window.reader, Qt.Key.Key_End, ctrl)
    window.state.select(None)
    qtbot.keyClick(window.reader, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.state.selected_id == place.id
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert window.workspace.annotations.list(article_id=window.state.article.id) == []
    qtbot.keyClick(window, Qt.Key.Key_3, ctrl)
    assert window.focusWidget() is window.annotations.table


def test_typing_c_in_a_text_field_types_instead_of_tagging(qtbot, window):
    select_text(window, "Kursk Oblast")
    window.library.search.setFocus()
    qtbot.keyClicks(window.library.search, "cfp")
    assert window.library.search.text() == "cfp"
    assert window.workspace.annotations.list(article_id=window.state.article.id) == []


def test_first_start_dialog_is_prefilled_and_needs_a_name(qtbot, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "okovalchuk")
    monkeypatch.delenv("KURSK_ANNOTATOR_ANALYST")
    from kursk_annotator.core.services.analysts import default_analyst_name

    dialog = AnalystNameDialog(default_analyst_name())
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "okovalchuk"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("   ")
    assert not ok.isEnabled() and "Type a name" in dialog.problem.text()
    dialog.name.setText("  Olena   Kovalchuk ")
    assert ok.isEnabled() and dialog.value() == "Olena Kovalchuk"


def test_the_name_is_asked_once_then_remembered(qtbot, monkeypatch, settings_path):
    monkeypatch.delenv("KURSK_ANNOTATOR_ANALYST")
    settings = Settings.at(settings_path)
    assert choose_analyst(None, settings, ask=False) is not None
    settings.set(keys.ANALYST_NAME, "Olena Kovalchuk")
    assert choose_analyst(None, settings) == "Olena Kovalchuk"
    assert choose_analyst("Mark Davies", settings) == "Mark Davies"


def test_preferences_change_the_analyst(qtbot, window, monkeypatch):
    from kursk_annotator.ui.dialogs import PreferencesDialog

    def fake_exec(dialog):
        dialog.name.setText("Olena Kovalchuk")
        dialog.snap.setChecked(False)
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", fake_exec)
    window.tagging.preferences()
    assert window.analyst_label.text() == "Analyst: Olena Kovalchuk"
    assert window.settings.get(keys.ANALYST_NAME) == "Olena Kovalchuk"
    assert window.settings.get(keys.SNAP_WHOLE_WORDS) is False
    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    [ann] = window.workspace.annotations.list(article_id=window.state.article.id)
    assert ann.analyst == "Olena Kovalchuk"


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(
    ("page", "text", "dark"), [("#ffffff", "#000000", False), ("#1d1f21", "#e8e8e8", True)]
)
def test_highlights_stay_readable_in_light_and_dark(page, text, dark):
    colours = HighlightColours(dark=dark, page=QColor(page))
    combos = [(k,) for k in kind_registry.names()]
    combos += [("claim", "figure"), ("claim", "figure", "place")]
    for kinds in combos:
        assert _contrast(colours.tint(kinds), QColor(text)) >= 4.5, kinds
    singles = {colours.tint((k,)).name() for k in kind_registry.names()}
    assert len(singles) == 3


def test_dark_system_scheme_gives_a_dark_reader(qtbot, window):
    from kursk_annotator.ui.theme import _dark_palette

    app = QApplication.instance()
    old = app.palette()
    try:
        app.setPalette(_dark_palette())
        qtbot.wait(1)
        assert window.reader.palette().base().color().lightness() < 128
        select_text(window, "Kyiv")
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
        assert window.reader.highlighter._colours.dark
    finally:
        app.setPalette(old)


def test_ten_thousand_void_qt_calls_do_not_crash(qtbot):
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand calls returning nothing."""
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("x" * 100)
    cursor = QTextCursor(edit.document())
    for i in range(10_000):
        cursor.setPosition(i % 100)
        edit.resize(200 + i % 7, 100)
    assert cursor.position() == 9_999 % 100
    assert QKeySequence("Ctrl+F").toString() == "Ctrl+F"


def test_palette_follows_the_system_scheme_both_ways(qtbot, monkeypatch):
    from kursk_annotator.ui import theme

    app = QApplication.instance()
    before = app.palette()
    hints = app.styleHints()
    try:
        monkeypatch.setattr(type(hints), "colorScheme", lambda _self: Qt.ColorScheme.Dark)
        assert theme.apply_palette(app) is True
        assert app.palette().base().color().lightness() < 128
        monkeypatch.setattr(type(hints), "colorScheme", lambda _self: Qt.ColorScheme.Light)
        assert theme.apply_palette(app) is False
        assert app.palette().base().color().lightness() > 128
    finally:
        app.setPalette(before)
        app.setProperty("kursk_dark_palette", False)


def test_keyboard_from_table_to_text(qtbot, sample_window):
    win = sample_window
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    table = win.annotations.table
    table.setCurrentIndex(win.annotations.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    row = win.state.selected_annotation
    assert row is not None
    assert win.reader.selected_span() == (row.start, row.end)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert win.focusWidget() is win.reader


def test_panels_hide_and_show_from_the_keyboard(qtbot, window):
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    assert window.inspector_dock.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_I, ctrl_alt)
    assert not window.inspector_dock.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_I, ctrl_alt)
    assert window.inspector_dock.isVisible()
