"""The main window's menus and toolbar, built from the declared actions (ui.actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from kursk_annotator.ui.actions import ActionSet, window_actions
from kursk_annotator.ui.legend import Legend
from kursk_annotator.ui.theme_menu import theme_actions

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


def build_menus(win: MainWindow) -> ActionSet:
    """Every declared action in its menu, the tagging toolbar, the legend."""
    actions = ActionSet(win)
    actions.add([*window_actions(), *theme_actions()])
    toolbar = QToolBar("Tagging", win, objectName="tagging_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar_actions = actions.toolbar_actions()
    for action in toolbar_actions[:-1]:
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addAction(toolbar_actions[-1])  # Delete Annotation, after the kinds
    # Toolbar buttons with fixed labels: the menu actions' texts change with every edit
    # ("Undo Tag claim ..."), and a button changing width lays out the whole window.
    stack = win.undo_stack
    for name, label, stack_slot, can, text_changed in (
        ("toolbar_undo", "Undo", stack.undo, stack.canUndoChanged, stack.undoTextChanged),
        ("toolbar_redo", "Redo", stack.redo, stack.canRedoChanged, stack.redoTextChanged),
    ):
        button = QAction(label, win, objectName=name)
        button.setEnabled(False)
        button.triggered.connect(stack_slot)
        can.connect(button.setEnabled)
        text_changed.connect(
            lambda text, b=button, word=label: b.setToolTip(f"{word} {text}" if text else word)
        )
        toolbar.addAction(button)
    toolbar.addSeparator()
    toolbar.addWidget(Legend())
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return actions
