"""Window actions are declared once (ui.actions): menus, toolbar, context menu and the
Keyboard Shortcuts list are built from the declarations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.shortcuts_dialog import collect_shortcuts


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
