"""The main window's actions, each declared once: id, text, keys, menu, when it is enabled.

Menus, the toolbar, the reader's context menu and the Keyboard Shortcuts list (F1) are all
built from these declarations (:class:`ActionSet`), so an action added here appears in
each place it belongs, with one shortcut, and nothing looks an action up by its text.
Features installed later (import, export, review, map, suggestions...) declare theirs the
same way and hand them to ``window.action_set.add()``; where an action goes in its menu
is said by its ``section`` (:data:`SECTIONS`), not by the order features are installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from kursk_annotator.core import kinds

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


Key = str | QKeySequence.StandardKey | QKeySequence
Run = Callable[["MainWindow", bool], object]
When = Callable[["MainWindow"], bool]

# The menu bar, in this order (a menu not listed goes before Help).
MENUS = ("&File", "&Edit", "&Annotate", "S&uggest", "&View", "&Review", "&Help")
# The order of the sections of a menu, separated by lines; a section not listed here
# goes after the listed ones, in the order its first action was declared.
SECTIONS: dict[str, tuple[str, ...]] = {
    "&File": ("import", "store", "library", "export", "quit"),
    "&View": ("filter", "zoom", "focus", "panels", "evidence", "map", "theme"),
    "&Review": ("queue", "exchange", "queue_keys"),
}
# Scopes of single-key shortcuts the window itself has (features add theirs).
WINDOW_SCOPES = ("reader", "table")


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
    # must not fire while typing a note): "reader", "table", or a scope a feature added
    # with its actions ("review_queue"). Without it the shortcut works in the whole window.
    local_to: tuple[str, ...] = ()
    enabled_when: When | None = None
    checked_when: When | None = None  # a checkable action's state when it is built
    listed_as: str = ""  # its name in the Keyboard Shortcuts list, when the text says too little
    icon_kind: str = ""  # a swatch of this kind's colour
    toolbar: bool = False
    context: str = ""  # in the reader's context menu: "" no, "top", or a submenu title
    context_rank: int = 0  # order there (stable within a rank): Copy comes last
    # An action made elsewhere (undo/redo by the undo stack, a dock's toggle, a widget's
    # own keys): placed and listed from this declaration, but run by its maker.
    make: Callable[[MainWindow], QAction] | None = None


def swatch(kind: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(kinds.colour(kind)))
    return QIcon(pixmap)


def show_kind_shortcut(number: int, key: str) -> str:
    """Alt+1..3 for the first three kinds; Alt+4..8 and Alt+0 choose statuses, so any
    further kind is shown and hidden with Alt+Shift+its key."""
    return f"Alt+{number}" if number <= 3 else f"Alt+Shift+{key}"


@dataclass
class _Entry:
    rank: tuple[int, int]  # (section's place in the menu, declaration order)
    section: str
    action: QAction


@dataclass
class ActionSet:
    """The built actions of one window: menus, toolbar, context menu and shortcuts list."""

    window: MainWindow
    specs: dict[str, ActionSpec] = field(default_factory=dict)
    actions: dict[str, QAction] = field(default_factory=dict)
    menus: dict[str, QMenu] = field(default_factory=dict)
    groups: dict[str, QActionGroup] = field(default_factory=dict)
    scopes: dict[str, QWidget] = field(default_factory=dict)
    _entries: dict[str, list[_Entry]] = field(default_factory=dict)
    _sections: dict[str, list[str]] = field(default_factory=dict)
    _separators: dict[tuple[str, str], QAction] = field(default_factory=dict)

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
        # Submenus belong to the window, not to their menu: a menu rebuilt (clear())
        # deletes what it owns.
        made = QMenu(title, self.window if parent_path else self.window.menuBar())
        made.setObjectName(_object_name(path))
        self.menus[path] = made
        if not parent_path:
            self._insert_top_menu(title, made)
        return made

    def _insert_top_menu(self, title: str, made: QMenu) -> None:
        bar: QMenuBar = self.window.menuBar()
        later = [
            m.menuAction()
            for t, m in self.menus.items()
            if "/" not in t and m is not made and _menu_rank(t) > _menu_rank(title)
        ]
        if later:
            bar.insertMenu(min(later, key=lambda a: bar.actions().index(a)), made)
        else:
            bar.addMenu(made)

    # --- building -------------------------------------------------------------------

    def add(
        self, specs: Sequence[ActionSpec], scopes: dict[str, QWidget] | None = None
    ) -> list[QAction]:
        """Build and place these actions (features call this once they are installed);
        ``scopes`` names the feature's widgets its single-key shortcuts are local to."""
        for name, widget in (scopes or {}).items():
            if self.scopes.setdefault(name, widget) is not widget:
                raise ValueError(f"shortcut scope {name!r} is declared twice")
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
        if spec.icon_kind:
            action.setIcon(swatch(spec.icon_kind))
        if spec.make is None:
            action.setCheckable(spec.checkable)
            if spec.checked_when is not None:
                action.setChecked(bool(spec.checked_when(win)))
            action.triggered.connect(lambda checked=False, s=spec: s.run(self.window, checked))
        if spec.group:
            group = self.groups.get(spec.group) or self.groups.setdefault(
                spec.group, QActionGroup(win)
            )
            group.addAction(action)
        if spec.local_to:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for name in spec.local_to:
                self._scope(name).addAction(action)
        else:
            win.addAction(action)  # the shortcut works while the menus are closed
        if spec.enabled_when is not None:
            action.setEnabled(bool(spec.enabled_when(win)))
        if spec.menu:
            parent, _, _title = spec.menu.rpartition("/")
            if parent and spec.menu not in self.menus:
                # The submenu's place in its parent: the section of its first action.
                self._place(parent, spec.section, self.menu(spec.menu).menuAction())
            self._place(spec.menu, spec.section, action)
        self.specs[spec.id] = spec
        self.actions[spec.id] = action
        return action

    def _place(self, path: str, section: str, action: QAction) -> None:
        """Put ``action`` in its section of the menu at ``path`` and lay the menu out
        again: sections in their declared order, a separator between two."""
        seen = self._sections.setdefault(path, [])
        if section not in seen:
            seen.append(section)
        order = SECTIONS.get(path, ())
        rank = order.index(section) if section in order else len(order) + seen.index(section)
        entries = self._entries.setdefault(path, [])
        entries.append(_Entry((rank, len(entries)), section, action))
        entries.sort(key=lambda e: e.rank)
        menu = self.menu(path)
        # Laid out again by removing and adding (clear() would delete the separators and
        # invalidate actions made by Qt, such as Undo); a section keeps its separator.
        for old in menu.actions():
            menu.removeAction(old)
        last = None
        for entry in entries:
            if last is not None and entry.section != last:
                menu.addAction(self._separator(path, entry.section))
            last = entry.section
            menu.addAction(entry.action)

    def _separator(self, path: str, section: str) -> QAction:
        found = self._separators.get((path, section))
        if found is None:
            found = self._separators[(path, section)] = QAction(self.menu(path))
            found.setSeparator(True)
        return found

    def _scope(self, name: str) -> QWidget:
        if name in WINDOW_SCOPES and name not in self.scopes:
            win = self.window
            self.scopes.update(reader=win.reader, table=win.annotations.table)
        return self.scopes[name]  # a KeyError names a scope nobody declared

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

    def update_checked(self) -> None:
        """Check each action as its ``checked_when`` says, without running it (the
        filter changed elsewhere: the map, the table, saved settings)."""
        for spec in self.specs.values():
            if spec.checked_when is not None:
                action = self.actions[spec.id]
                action.blockSignals(True)
                action.setChecked(bool(spec.checked_when(self.window)))
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
    """ "&View/&Theme" -> "theme_menu": the menu's own title."""
    return _clean(path.rpartition("/")[2]).lower().replace(" ", "_") + "_menu"


def _menu_rank(title: str) -> int:
    return MENUS.index(title) if title in MENUS else MENUS.index("&Help") - 1


def _is_article_open(win: MainWindow) -> bool:
    return win.state.article is not None


def _annotation_selected(win: MainWindow) -> bool:
    return win.state.selected_annotation is not None


def window_actions() -> list[ActionSpec]:
    """Every action of the main window itself (features add theirs when installed)."""
    from kursk_annotator import APP_NAME
    from kursk_annotator.ui.article_state import ONLY_ME, STATUS_CHOICES

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
                checked_when=lambda w, k=spec.name: k in w.state.filter.kinds,
                section="filter",
            )
        )
    specs.append(
        ActionSpec("only_mine", "Only &My Annotations", "&View",
                   lambda w, checked: w.tagging.set_only_mine(checked), ("Ctrl+Shift+M",),
                   checkable=True, section="filter",
                   checked_when=lambda w: w.state.filter.analyst == ONLY_ME)
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
                checked_when=lambda w, v=value: w.state.filter.status == v,
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
