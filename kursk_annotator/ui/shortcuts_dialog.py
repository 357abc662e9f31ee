"""Help -> Keyboard Shortcuts: every action of the window that has one, by menu.

Built each time it is opened from the window's declared actions (ui.actions), in
menu-bar order, so features declared later are there too. An action some feature put in
a menu without declaring it is still listed, under its menu, so no shortcut goes missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.ui.shortcut_label import SHORTCUT_LABEL

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow

# An action's name in the list when its menu text alone says too little ("Claim" in
# Annotate -> Change Kind To) or changes with use ("Undo Tag as Claim …").
OTHER = "Other"


@dataclass(frozen=True)
class Shortcut:
    menu: str
    label: str
    keys: str


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(k.toString(native) for k in action.shortcuts() if not k.isEmpty())


def _label(action: QAction, path: list[str]) -> str:
    own = action.property(SHORTCUT_LABEL)
    if own:
        return str(own)
    return " › ".join([*path, _clean(action.text())])


def collect_shortcuts(window: MainWindow) -> list[Shortcut]:
    """(menu, action, keys) for each action with a shortcut, in menu-bar order: the
    declared ones of each menu, then any undeclared one found in it; actions with a
    shortcut in no menu come last, under "Other"."""
    found: list[Shortcut] = []
    declared = window.action_set
    seen: set[QAction] = {declared[spec.id] for spec in declared}
    rows = declared.shortcut_rows()

    def walk(menu: QMenu, top: str, path: list[str]) -> None:
        for action in menu.actions():
            sub = action.menu()
            if sub is not None:
                walk(sub, top, [*path, _clean(sub.title())])
                continue
            if action in seen or action.isSeparator():
                continue
            seen.add(action)
            keys = _keys(action)
            if keys:
                found.append(Shortcut(top, _label(action, path), keys))

    for top_action in window.menuBar().actions():
        menu = top_action.menu()
        if menu is not None:
            top = _clean(menu.title())
            found += [Shortcut(m, label, keys) for m, label, keys in rows if m == top]
            walk(menu, top, [])
    found += [Shortcut(m, label, keys) for m, label, keys in rows if m == OTHER]
    for action in window.actions():
        if action not in seen and _keys(action) and action.isVisible():
            seen.add(action)
            found.append(Shortcut(OTHER, _label(action, []), _keys(action)))
    return found


class ShortcutsDialog(QDialog):
    """Non-modal, so it can stay open beside the window while the keys are learnt."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
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


def open_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Open (or bring back, brought up to date) the list of shortcuts."""
    dialog = window.findChild(ShortcutsDialog, "shortcuts_dialog")
    if dialog is None:
        dialog = ShortcutsDialog(window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
