"""The main window's actions, each declared once: id, text, keys, menu, when it is enabled.

Menus, the toolbar, the reader's context menu and the Keyboard Shortcuts list (F1) are all
built from these declarations (:class:`ActionSet`), so an action added here appears in
each place it belongs, with one shortcut, and nothing looks an action up by its text.
Features installed later (import, export, review, map...) declare theirs the same way and
hand them to ``window.actions.add()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from kursk_annotator.core import kinds
from kursk_annotator.ui.shortcut_label import SHORTCUT_LABEL

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


Key = str | QKeySequence.StandardKey
Run = Callable[["MainWindow", bool], object]
When = Callable[["MainWindow"], bool]

# The menu bar, in this order; a feature's menu (Review) goes before Help.
MENUS = ("&File", "&Edit", "&Annotate", "&View", "&Review", "&Help")
# Object names other modules find menus by (features add to File and View).
MENU_NAMES = {"&View/&Statuses Shown": "status_menu"}


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window."""

    id: str  # unique in the window; also the QAction's objectName
    text: str
    menu: str  # "&View" or a submenu path "&View/&Statuses Shown"; "" for none
    run: Run  # (window, checked)
    keys: tuple[Key, ...] = ()
    tip: str = ""
    checkable: bool = False
    group: str = ""  # actions sharing a group are exclusive (one checked)
    section: str = ""  # a separator goes between sections of a menu
    # Only while the focus is in these widgets of the window (single-key shortcuts that
    # must not fire while typing a note): "reader", "table".
    local_to: tuple[str, ...] = ()
    enabled_when: When | None = None
    listed_as: str = ""  # its name in the Keyboard Shortcuts list, when the text says too little
    icon_kind: str = ""  # a swatch of this kind's colour
    toolbar: bool = False
    context: str = ""  # in the reader's context menu: "" no, "top", or a submenu title
    context_rank: int = 0  # order there (stable within a rank): Copy comes last
    make: Callable[[MainWindow], QAction] | None = None  # an action Qt makes (undo/redo)


def swatch(kind: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(kinds.colour(kind)))
    return QIcon(pixmap)


def show_kind_shortcut(number: int, key: str) -> str:
    """Alt+1..3 for the first three kinds; Alt+4..8 and Alt+0 choose statuses, so any
    further kind is shown and hidden with Alt+Shift+its key."""
    return f"Alt+{number}" if number <= 3 else f"Alt+Shift+{key}"


@dataclass
class ActionSet:
    """The built actions of one window: menus, toolbar, context menu and shortcuts list."""

    window: MainWindow
    specs: dict[str, ActionSpec] = field(default_factory=dict)
    actions: dict[str, QAction] = field(default_factory=dict)
    menus: dict[str, QMenu] = field(default_factory=dict)
    groups: dict[str, QActionGroup] = field(default_factory=dict)
    _sections: dict[str, str] = field(default_factory=dict)

    # --- reading --------------------------------------------------------------------

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]  # a KeyError names an undeclared id

    def __iter__(self) -> Iterator[ActionSpec]:
        return iter(self.specs.values())

    def items(self) -> Iterator[tuple[str, QAction]]:
        return iter(self.actions.items())

    def menu(self, path: str) -> QMenu:
        """The menu at ``path`` ("&View" or "&View/&Panels"), made on first use."""
        found = self.menus.get(path)
        if found is not None:
            return found
        parent_path, _, title = path.rpartition("/")
        made = self.menu(parent_path).addMenu(title) if parent_path else self._top_menu(title)
        made.setObjectName(MENU_NAMES.get(path) or _object_name(path))
        self.menus[path] = made
        return made

    def _top_menu(self, title: str) -> QMenu:
        bar: QMenuBar = self.window.menuBar()
        made = QMenu(title, bar)
        order = MENUS.index(title) if title in MENUS else len(MENUS) - 1
        later = [
            m.menuAction()
            for t, m in self.menus.items()
            if "/" not in t and (MENUS.index(t) if t in MENUS else len(MENUS) - 1) > order
        ]
        if later:
            bar.insertMenu(later[0], made)
        else:
            bar.addMenu(made)
        return made

    # --- building -------------------------------------------------------------------

    def add(self, specs: Sequence[ActionSpec]) -> list[QAction]:
        """Build and place these actions (features call this once they are installed)."""
        return [self._build(spec) for spec in specs]

    def _build(self, spec: ActionSpec) -> QAction:
        if spec.id in self.specs:
            raise ValueError(f"action {spec.id!r} is declared twice")
        win = self.window
        action = spec.make(win) if spec.make is not None else QAction(spec.text, win)
        action.setObjectName(spec.id)
        if spec.keys:
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
        if spec.tip:
            action.setStatusTip(spec.tip)
        if spec.listed_as:
            action.setProperty(SHORTCUT_LABEL, spec.listed_as)
        if spec.icon_kind:
            action.setIcon(swatch(spec.icon_kind))
        if spec.make is None:
            action.setCheckable(spec.checkable)
            action.triggered.connect(lambda checked=False, s=spec: s.run(self.window, checked))
        if spec.group:
            group = self.groups.get(spec.group) or self.groups.setdefault(
                spec.group, QActionGroup(win)
            )
            group.addAction(action)
        if spec.local_to:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for name in spec.local_to:
                self._widget(name).addAction(action)
        win.addAction(action)  # the shortcut works while the menus are closed
        if spec.menu:
            parent, _, _title = spec.menu.rpartition("/")
            if parent and spec.menu not in self.menus:
                self._section(parent, spec.section)  # the submenu's place in its parent
            self._section(spec.menu, spec.section)
            self.menu(spec.menu).addAction(action)
        self.specs[spec.id] = spec
        self.actions[spec.id] = action
        return action

    def _section(self, path: str, section: str) -> None:
        """A separator in the menu at ``path`` when ``section`` starts a new group."""
        last = self._sections.get(path)
        if last is not None and last != section:
            self.menu(path).addSeparator()
        self._sections[path] = section

    def _widget(self, name: str) -> QWidget:
        win = self.window
        return {"reader": win.reader, "table": win.annotations.table}[name]

    def toolbar_actions(self) -> list[QAction]:
        return [self.actions[s.id] for s in self.specs.values() if s.toolbar]

    def context_menu(self, parent: QWidget) -> QMenu:
        """The reader's context menu: the declared entries, submenus where declared."""
        menu = QMenu(parent)
        subs: dict[str, QMenu] = {}
        last = None
        entries = sorted(
            (s for s in self.specs.values() if s.context), key=lambda s: s.context_rank
        )
        for spec in entries:
            if last is not None and spec.section != last:
                menu.addSeparator()
            last = spec.section
            action = self.actions[spec.id]
            if spec.context == "top":
                menu.addAction(action)
                continue
            sub = subs.get(spec.context)
            if sub is None:
                sub = subs[spec.context] = menu.addMenu(spec.context)
            sub.addAction(action)
        for sub in subs.values():
            sub.setEnabled(any(a.isEnabled() for a in sub.actions()))
        return menu

    def update_enabled(self) -> None:
        """Enable each action as its ``enabled_when`` says (called as the state changes)."""
        for spec in self.specs.values():
            if spec.enabled_when is not None:
                self.actions[spec.id].setEnabled(bool(spec.enabled_when(self.window)))

    def set_checked(self, action_id: str, checked: bool) -> None:
        """Show a state without running the action (the filter changed elsewhere)."""
        action = self.actions[action_id]
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)

    # --- the Keyboard Shortcuts list -------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every declared action with keys, in menu-bar order,
        then the panels' toggles (View > Panels)."""
        native = QKeySequence.SequenceFormat.NativeText
        rows: list[tuple[str, str, str, int, int]] = []
        for n, spec in enumerate(self.specs.values()):
            action = self.actions[spec.id]
            keys = ", ".join(k.toString(native) for k in action.shortcuts() if not k.isEmpty())
            if not keys:
                continue
            top, *sub = spec.menu.split("/") if spec.menu else ["Other"]
            label = spec.listed_as or " › ".join([*(_clean(s) for s in sub), _clean(spec.text)])
            order = MENUS.index(top) if top in MENUS else len(MENUS)
            rows.append((_clean(top), label, keys, order, n))
        rows.sort(key=lambda r: (r[3], r[4]))
        return [(menu, label, keys) for menu, label, keys, _o, _n in rows]


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _object_name(path: str) -> str:
    return _clean(path).lower().replace(" ", "_").replace("/", "__") + "_menu"


def _is_article_open(win: MainWindow) -> bool:
    return win.state.article is not None


def _annotation_selected(win: MainWindow) -> bool:
    return win.state.selected_annotation is not None


def window_actions() -> list[ActionSpec]:
    """Every action of the main window itself (features add theirs when installed)."""
    from kursk_annotator import APP_NAME
    from kursk_annotator.ui.article_state import STATUS_CHOICES

    def reader(win: MainWindow) -> Any:
        return win.reader

    specs: list[ActionSpec] = [
        ActionSpec("connect_team", "&Connect to Team Store…", "&File",
                   lambda w, _c: connect_team(w), ("Ctrl+Shift+O",), section="store"),
        ActionSpec("reload", "&Reload Library", "&File", lambda w, _c: w.reload_library(),
                   ("F5",), section="library"),
        ActionSpec("quit", "&Quit", "&File", lambda w, _c: w.close(), ("Ctrl+Q",),
                   section="quit"),
        ActionSpec("undo", "&Undo", "&Edit", lambda w, _c: None,
                   (QKeySequence.StandardKey.Undo,), listed_as="Undo",
                   make=lambda w: w.undo_stack.createUndoAction(w, "&Undo")),
        ActionSpec("redo", "&Redo", "&Edit", lambda w, _c: None, ("Ctrl+Shift+Z", "Ctrl+Y"),
                   listed_as="Redo", make=lambda w: w.undo_stack.createRedoAction(w, "&Redo")),
        ActionSpec("copy", "&Copy", "&Edit", lambda w, _c: reader(w).copy(),
                   (QKeySequence.StandardKey.Copy,), section="text", local_to=("reader",),
                   context="top", context_rank=1),
        ActionSpec("find", "&Find in Article…", "&Edit", lambda w, _c: w.find_bar.open(),
                   ("Ctrl+F",), section="text", enabled_when=_is_article_open),
        ActionSpec("find_next", "Find &Next", "&Edit", lambda w, _c: w.find_bar.next(),
                   ("F3",), section="text", enabled_when=_is_article_open),
        ActionSpec("find_previous", "Find &Previous", "&Edit",
                   lambda w, _c: w.find_bar.previous(), ("Shift+F3",), section="text",
                   enabled_when=_is_article_open),
        ActionSpec("preferences", "Pr&eferences…", "&Edit",
                   lambda w, _c: w.tagging.preferences(), ("Ctrl+,",), section="settings"),
    ]  # fmt: skip
    for spec in kinds.all_kinds():
        specs.append(
            ActionSpec(
                f"tag_{spec.name}",
                f"Tag as {spec.label}",
                "&Annotate",
                lambda w, _c, k=spec.name: w.tagging.tag(k),
                (spec.key,),
                tip=f"Tag the selected text as a {spec.label.lower()}",
                section="tag",
                local_to=("reader",),
                icon_kind=spec.name,
                toolbar=True,
                context="top",
            )
        )
    for spec in kinds.all_kinds():
        specs.append(
            ActionSpec(
                f"kind_{spec.name}",
                spec.label,
                "&Annotate/Change &Kind To",
                lambda w, _c, k=spec.name: w.tagging.change_kind(k),
                (f"Ctrl+Shift+{spec.key}",),
                section="change",
                listed_as=f"Change kind to {spec.label}",
                # Enabled with any selection: for another analyst's annotation it says why
                # it cannot be changed, rather than greying out without a word.
                enabled_when=_annotation_selected,
                context="Change kind to",
            )
        )
    specs += [
        ActionSpec("delete", "&Delete Annotation", "&Annotate",
                   lambda w, _c: w.tagging.delete_selected(),
                   (QKeySequence.StandardKey.Delete,), section="change",
                   local_to=("reader", "table"), toolbar=True, context="top"),
        ActionSpec("next_annotation", "&Next Annotation", "&Annotate",
                   lambda w, _c: w.tagging.step(1), ("Alt+Down",), section="move"),
        ActionSpec("previous_annotation", "&Previous Annotation", "&Annotate",
                   lambda w, _c: w.tagging.step(-1), ("Alt+Up",), section="move"),
    ]  # fmt: skip
    for number, spec in enumerate(kinds.all_kinds(), start=1):
        specs.append(
            ActionSpec(
                f"show_{spec.name}",
                f"Show {spec.plural}",
                "&View",
                lambda w, checked, k=spec.name: w.tagging.set_kind_shown(k, checked),
                (show_kind_shortcut(number, spec.key),),
                checkable=True,
                section="filter",
            )
        )
    specs.append(
        ActionSpec("only_mine", "Only &My Annotations", "&View",
                   lambda w, checked: w.tagging.set_only_mine(checked), ("Ctrl+Shift+M",),
                   checkable=True, section="filter")
    )  # fmt: skip
    # Alt+0 back to the default; Alt+4..8: pending, accepted, changes requested, rejected, all.
    for (value, label), key in zip(STATUS_CHOICES, "084567", strict=True):
        specs.append(
            ActionSpec(
                f"status_{value or 'default'}",
                label,
                "&View/&Statuses Shown",
                lambda w, _c, v=value: w.tagging.set_status_shown(v),
                (f"Alt+{key}",),
                checkable=True,
                group="statuses",
                section="filter",
            )
        )
    specs += [
        ActionSpec("zoom_in", "Zoom &In", "&View", lambda w, _c: reader(w).set_zoom(
            reader(w).zoom + 1), ("Ctrl+=", "Ctrl++"), section="zoom"),
        ActionSpec("zoom_out", "Zoom &Out", "&View", lambda w, _c: reader(w).set_zoom(
            reader(w).zoom - 1), ("Ctrl+-",), section="zoom"),
        ActionSpec("zoom_reset", "&Reset Zoom", "&View", lambda w, _c: reader(w).set_zoom(0),
                   ("Ctrl+0",), section="zoom"),
        ActionSpec("focus_library", "Go to &Library", "&View",
                   lambda w, _c: w.focus(w.library.search), ("Ctrl+1",), section="focus"),
        ActionSpec("focus_reader", "Go to &Reader", "&View", lambda w, _c: w.focus(w.reader),
                   ("Ctrl+2",), section="focus"),
        ActionSpec("focus_annotations", "Go to &Annotations", "&View",
                   lambda w, _c: w.focus(w.annotations.table), ("Ctrl+3",), section="focus"),
        ActionSpec("focus_inspector", "Go to &Inspector", "&View",
                   lambda w, _c: w.focus(w.inspector.note), ("Ctrl+4",), section="focus"),
    ]  # fmt: skip
    for dock_id, text, key, toggle in (
        ("library", "Library", "Ctrl+Alt+L", lambda w: w.library_dock.toggleViewAction()),
        (
            "annotations",
            "Annotations",
            "Ctrl+Alt+N",
            lambda w: w.annotations_dock.toggleViewAction(),
        ),
        ("inspector", "Inspector", "Ctrl+Alt+I", lambda w: w.inspector_dock.toggleViewAction()),
    ):
        specs.append(
            ActionSpec(
                f"panel_{dock_id}",
                text,
                "&View/&Panels",
                lambda w, _c: None,  # the dock's own toggle shows and hides it
                (key,),
                section="panels",
                make=toggle,
            )
        )
    specs += [
        ActionSpec("shortcuts", "&Keyboard Shortcuts", "&Help",
                   lambda w, _c: show_shortcuts(w), ("F1",)),
        ActionSpec("about", f"&About {APP_NAME}", "&Help", lambda w, _c: show_about(w)),
    ]  # fmt: skip
    return specs


def show_shortcuts(win: MainWindow) -> Any:
    """Every shortcut of the window as it is now, features added later included."""
    from kursk_annotator.ui.shortcuts_dialog import open_shortcuts  # loaded on first use

    return open_shortcuts(win)


def connect_team(win: MainWindow) -> None:
    from kursk_annotator.ui.team_connect import connect_to_team_store  # on first use

    connect_to_team_store(win)


def show_about(win: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from kursk_annotator import APP_NAME, __version__

    QMessageBox.about(
        win,
        APP_NAME,
        f"{APP_NAME} {__version__}\nTag claims, figures and places in news "
        "articles, review them, brief in Word.",
    )
