"""Every action of the main window, each in a menu with its shortcut, plus the toolbar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from kursk_annotator import APP_NAME, __version__
from kursk_annotator.core import kinds
from kursk_annotator.ui.actions import SHORTCUT_LABEL
from kursk_annotator.ui.article_state import STATUS_CHOICES
from kursk_annotator.ui.legend import Legend

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.shortcuts_dialog import ShortcutsDialog


@dataclass
class Menus:
    actions: dict[str, QAction]
    file_menu: QMenu
    view_menu: QMenu


def swatch(kind: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(kinds.colour(kind)))
    return QIcon(pixmap)


def show_kind_shortcut(number: int, key: str) -> str:
    """Alt+1..3 for the first three kinds; Alt+4..8 and Alt+0 choose statuses, so any
    further kind is shown and hidden with Alt+Shift+its key."""
    return f"Alt+{number}" if number <= 3 else f"Alt+Shift+{key}"


def build_menus(win: MainWindow) -> Menus:
    actions: dict[str, QAction] = {}
    tagging = win.tagging

    def act(name, text, slot, shortcut=None, checkable=False, tip=None, context=None) -> QAction:
        action = QAction(text, win)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if context is not None:
            action.setShortcutContext(context)
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        actions[name] = action
        win.addAction(action)
        return action

    bar = win.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.setObjectName("file_menu")
    file_menu.addAction(
        act(
            "connect_team",
            "&Connect to Team Store…",
            lambda: _connect_team(win),
            "Ctrl+Shift+O",
        )
    )
    file_menu.addAction(act("reload", "&Reload Library", win.reload_library, "F5"))
    file_menu.addSeparator()
    file_menu.addAction(act("quit", "&Quit", win.close, "Ctrl+Q"))

    edit = bar.addMenu("&Edit")
    undo = win.undo_stack.createUndoAction(win, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = win.undo_stack.createRedoAction(win, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    actions["undo"], actions["redo"] = undo, redo
    undo.setProperty(SHORTCUT_LABEL, "Undo")  # their texts change with every edit
    redo.setProperty(SHORTCUT_LABEL, "Redo")
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    edit.addAction(
        act(
            "copy",
            "&Copy",
            win.reader.copy,
            QKeySequence.StandardKey.Copy,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
    )
    edit.addAction(act("find", "&Find in Article…", lambda: win.find_bar.open(), "Ctrl+F"))
    edit.addAction(act("find_next", "Find &Next", lambda: win.find_bar.next(), "F3"))
    edit.addAction(
        act("find_previous", "Find &Previous", lambda: win.find_bar.previous(), "Shift+F3")
    )
    edit.addSeparator()
    edit.addAction(act("preferences", "Pr&eferences…", tagging.preferences, "Ctrl+,"))

    tag = bar.addMenu("&Annotate")
    local = Qt.ShortcutContext.WidgetWithChildrenShortcut
    for spec in kinds.all_kinds():
        kind = spec.name
        action = act(
            f"tag_{kind}",
            f"Tag as {spec.label}",
            lambda _c=False, k=kind: tagging.tag(k),
            spec.key,
            tip=f"Tag the selected text as a {spec.label.lower()}",
            context=local,
        )
        action.setIcon(swatch(kind))
        win.reader.addAction(action)
        tag.addAction(action)
    tag.addSeparator()
    change = tag.addMenu("Change &Kind To")
    for spec in kinds.all_kinds():
        action = act(
            f"kind_{spec.name}",
            spec.label,
            lambda _c=False, k=spec.name: tagging.change_kind(k),
            f"Ctrl+Shift+{spec.key}",
        )
        action.setProperty(SHORTCUT_LABEL, f"Change kind to {spec.label}")
        change.addAction(action)
    delete = act(
        "delete",
        "&Delete Annotation",
        tagging.delete_selected,
        QKeySequence.StandardKey.Delete,
        context=local,
    )
    win.reader.addAction(delete)
    win.annotations.table.addAction(delete)
    tag.addAction(delete)
    tag.addSeparator()
    tag.addAction(act("next_annotation", "&Next Annotation", lambda: tagging.step(1), "Alt+Down"))
    tag.addAction(
        act("previous_annotation", "&Previous Annotation", lambda: tagging.step(-1), "Alt+Up")
    )

    view = bar.addMenu("&View")
    view.setObjectName("view_menu")
    for number, spec in enumerate(kinds.all_kinds(), start=1):
        view.addAction(
            act(
                f"show_{spec.name}",
                f"Show {spec.plural}",
                lambda checked, k=spec.name: tagging.set_kind_shown(k, checked),
                show_kind_shortcut(number, spec.key),
                checkable=True,
            )
        )
    view.addAction(
        act(
            "only_mine",
            "Only &My Annotations",
            tagging.set_only_mine,
            "Ctrl+Shift+M",
            checkable=True,
        )
    )
    statuses = view.addMenu("&Statuses Shown")
    statuses.setObjectName("status_menu")
    group = QActionGroup(win)
    # Alt+0 back to the default; Alt+4..8: pending, accepted, changes requested, rejected, all.
    for (value, label), key in zip(STATUS_CHOICES, "084567", strict=True):
        action = act(
            f"status_{value or 'default'}",
            label,
            lambda _c=False, v=value: tagging.set_status_shown(v),
            f"Alt+{key}",
            checkable=True,
        )
        group.addAction(action)
        statuses.addAction(action)
    view.addSeparator()
    view.addAction(
        act("zoom_in", "Zoom &In", lambda: win.reader.set_zoom(win.reader.zoom + 1), "Ctrl+=")
    )
    actions["zoom_in"].setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
    view.addAction(
        act("zoom_out", "Zoom &Out", lambda: win.reader.set_zoom(win.reader.zoom - 1), "Ctrl+-")
    )
    view.addAction(act("zoom_reset", "&Reset Zoom", lambda: win.reader.set_zoom(0), "Ctrl+0"))
    view.addSeparator()
    for name, text, widget, key in (
        ("focus_library", "Go to &Library", win.library.search, "Ctrl+1"),
        ("focus_reader", "Go to &Reader", win.reader, "Ctrl+2"),
        ("focus_annotations", "Go to &Annotations", win.annotations.table, "Ctrl+3"),
        ("focus_inspector", "Go to &Inspector", win.inspector.note, "Ctrl+4"),
    ):
        view.addAction(act(name, text, lambda _c=False, w=widget: win.focus(w), key))
    view.addSeparator()
    panels = view.addMenu("&Panels")
    for dock, key in (
        (win.library_dock, "Ctrl+Alt+L"),
        (win.annotations_dock, "Ctrl+Alt+N"),
        (win.inspector_dock, "Ctrl+Alt+I"),
    ):
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(key))
        win.addAction(toggle)  # the shortcut works while the menu is closed
        panels.addAction(toggle)

    help_menu = bar.addMenu("&Help")
    help_menu.setObjectName("help_menu")  # other menus go before it
    help_menu.addAction(act("shortcuts", "&Keyboard Shortcuts", lambda: show_shortcuts(win), "F1"))
    help_menu.addAction(
        act(
            "about",
            f"&About {APP_NAME}",
            lambda: QMessageBox.about(
                win,
                APP_NAME,
                f"{APP_NAME} {__version__}\nTag claims, figures and places in news "
                "articles, review them, brief in Word.",
            ),
        )
    )

    toolbar = QToolBar("Tagging", win, objectName="tagging_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for spec in kinds.all_kinds():
        toolbar.addAction(actions[f"tag_{spec.name}"])
    toolbar.addSeparator()
    toolbar.addAction(actions["delete"])
    # Toolbar buttons with fixed labels: the menu actions' texts change with every edit
    # ("Undo Tag claim ..."), and a button changing width lays out the whole window.
    for name, label, stack_slot, can, text_changed in (
        (
            "toolbar_undo",
            "Undo",
            win.undo_stack.undo,
            win.undo_stack.canUndoChanged,
            win.undo_stack.undoTextChanged,
        ),
        (
            "toolbar_redo",
            "Redo",
            win.undo_stack.redo,
            win.undo_stack.canRedoChanged,
            win.undo_stack.redoTextChanged,
        ),
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
    win.tagging.sync_filter_actions()
    return Menus(actions=actions, file_menu=file_menu, view_menu=view)


def show_shortcuts(win: MainWindow) -> ShortcutsDialog:
    """Every shortcut of the window as it is now, features added later included."""
    from kursk_annotator.ui.shortcuts_dialog import open_shortcuts  # loaded on first use

    return open_shortcuts(win)


def _connect_team(win) -> None:
    from kursk_annotator.ui.team_connect import connect_to_team_store  # on first use

    connect_to_team_store(win)
