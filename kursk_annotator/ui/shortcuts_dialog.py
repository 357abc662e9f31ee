"""Help -> Keyboard Shortcuts: every action of the window that has one, by menu.

Built each time it is opened from the window's declared actions (ui.actions), in
menu-bar order, so features installed later are there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


@dataclass(frozen=True)
class Shortcut:
    menu: str
    label: str
    keys: str


def collect_shortcuts(window: MainWindow) -> list[Shortcut]:
    """(menu, action, keys) for each declared action with a shortcut, in menu-bar order."""
    return [Shortcut(*row) for row in window.action_set.shortcut_rows()]


class ShortcutsDialog(QDialog):
    """Non-modal, so it can stay open beside the window while the keys are learnt."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self._window = window
        self.tree = QTreeWidget(objectName="shortcuts_tree")
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(560, 680)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in collect_shortcuts(self._window):
            group = groups.get(shortcut.menu)
            if group is None:
                group = groups[shortcut.menu] = QTreeWidgetItem(self.tree, [shortcut.menu])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
            QTreeWidgetItem(group, [shortcut.label, shortcut.keys])
        self.tree.expandAll()

    def rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) as listed: what the user reads."""
        listed = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                listed.append((group.text(0), item.text(0), item.text(1)))
        return listed


def open_shortcuts(window: MainWindow) -> ShortcutsDialog:
    """Open (or bring back, brought up to date) the list of shortcuts."""
    dialog = window.findChild(ShortcutsDialog)
    if dialog is None:
        dialog = ShortcutsDialog(window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
