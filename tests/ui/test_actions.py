"""Window actions are declared once (ui.actions): menus, toolbar, context menu and the
Keyboard Shortcuts list are built from the declarations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.shortcuts_dialog import collect_shortcuts, open_shortcuts


def test_a_feature_declares_an_action_and_it_appears_everywhere(qtbot, window) -> None:
    ran: list[bool] = []
    window.action_set.add(
        [
            ActionSpec(
                "count_words",
                "Count &Words",
                "&Annotate",
                lambda _w, checked: ran.append(checked),
                ("Ctrl+Alt+W",),
                section="tools",
                context="top",
            )
        ]
    )
    annotate = window.action_set.menu("&Annotate")
    assert "Count &Words" in [a.text() for a in annotate.actions()]
    assert annotate.actions()[-2].isSeparator()  # its own section
    rows = [(s.menu, s.label, s.keys) for s in collect_shortcuts(window)]
    assert ("Annotate", "Count Words", "Ctrl+Alt+W") in rows
    assert "Count &Words" in [a.text() for a in window.tagging.build_context_menu().actions()]
    qtbot.keyClick(window.reader, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # fmt: skip
    assert ran == [False]


def test_an_id_is_declared_once(window) -> None:
    with pytest.raises(ValueError, match="declared twice"):
        window.action_set.add([ActionSpec("delete", "Again", "&Edit", lambda _w, _c: None)])
    with pytest.raises(KeyError):
        window.action_set["no_such_action"]


def test_find_is_enabled_once_an_article_is_open(qtbot, make_window, workspace) -> None:
    window = make_window(workspace)  # no article in the store
    assert not window.action_set["find"].isEnabled()
    from kursk_annotator.core.services.articles import NewArticle

    article = workspace.articles.add(NewArticle(text="Sudzha is quiet.", title="Note"))
    window.reload_library()
    window.open_article(article.id)
    assert window.action_set["find"].isEnabled()


def test_the_toolbar_holds_the_declared_tagging_actions(window) -> None:
    toolbar = window.findChild(QToolBar, "tagging_toolbar")
    ids = [a.objectName() for a in toolbar.actions() if a.objectName()]
    assert ids[:4] == ["tag_claim", "tag_figure", "tag_place", "delete"]


def _menu_places(window) -> dict[object, list[str]]:
    """Each action in the menu bar (submenus walked) and the menu paths it is in."""
    found: dict[object, list[str]] = {}

    def walk(menu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path}/{action.menu().title()}")
            elif not action.isSeparator():
                found.setdefault(action, []).append(path)

    for top in window.menuBar().actions():
        walk(top.menu(), top.menu().title())
    return found


def test_every_declared_action_is_in_its_menu_and_the_f1_list_once(qtbot, window) -> None:
    """Every feature installed with the store included: import, export, review, map,
    figures, suggestions, themes. Nothing is in a menu without a declaration."""
    assert window.features is not None
    declared = window.action_set
    places = _menu_places(window)
    native = QKeySequence.SequenceFormat.NativeText
    expected_rows = []
    for spec in declared:
        action = declared[spec.id]
        assert places.get(action) == [spec.menu], spec.id  # in its menu, once
        keys = ", ".join(QKeySequence(k).toString(native) for k in spec.keys)
        assert ", ".join(k.toString(native) for k in action.shortcuts()) == keys, spec.id
        if keys:
            expected_rows.append((spec.menu.split("/")[0].replace("&", ""), keys))
    assert set(places) == {declared[spec.id] for spec in declared}  # nothing undeclared
    for feature in ("import_files", "export_briefing", "export_table", "review_queue",
                    "queue_accept", "action_map", "view_figures_dock", "suggest_next",
                    "theme_dark"):  # fmt: skip
        assert feature in declared.specs
    dialog = open_shortcuts(window)
    listed = dialog.rows()
    dialog.close()
    assert sorted((menu, keys) for menu, _label, keys in listed) == sorted(expected_rows)
    assert len({label for _m, label, _k in listed}) == len(listed)  # each named apart


def test_no_key_does_two_things_in_one_place(window) -> None:
    """A window-wide key is unique in the window; a key local to one widget (N in the
    reader, A in the review queue) is unique there and not also window-wide."""
    scopes: dict[str, list[str]] = {}
    for spec in window.action_set:
        for key in window.action_set[spec.id].shortcuts():
            for scope in spec.local_to or ("window",):
                scopes.setdefault(key.toString(), []).append(scope)
    clashes = {
        key: where
        for key, where in scopes.items()
        if len(where) != len(set(where)) or ("window" in where and len(where) > 1)
    }
    assert clashes == {}
    assert {"reader", "table", "review_queue"} <= set(window.action_set.scopes)
