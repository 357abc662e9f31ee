"""The main window's menus and toolbar, built from the declared actions (ui.actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

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
        toolbar.addAction(button)
        # The tooltip goes on the button, not the action: any change to an action resets
        # its tool button's icon, which lays out the toolbar and then the whole window,
        # a second full repaint after every tag.
        text_changed.connect(_TooltipFollower(toolbar.widgetForAction(button), label).follow)
    toolbar.addSeparator()
    toolbar.addWidget(Legend())
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return actions


class _TooltipFollower(QObject):
    """Sets "Undo <what>" on a tool button. The undo stack can outlive the window's
    widgets and still emit while they are taken down, so a gone button is skipped."""

    def __init__(self, button: QWidget, word: str) -> None:
        super().__init__(button)
        self._button, self._word = button, word

    @Slot(str)
    def follow(self, text: str) -> None:
        if not shiboken6.isValid(self._button):  # the window is being taken down
            return
        self._button.setToolTip(f"{self._word} {text}" if text else self._word)
