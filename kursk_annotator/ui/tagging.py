"""What the user does to annotations: tag, delete, change kind, filter, move between them.

Each change goes through an undoable command (ui.undo_commands) that calls the core
services, so it is stored at once and Ctrl+Z takes it back. Those commands and the text
helpers are loaded on the first change, not before the first window is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QMessageBox

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.article_state import ONLY_ME, AnnotationFilter, AnnotationRow

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


class Tagging:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.state = window.state

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    # --- creating, deleting, changing --------------------------------------------------

    def tag(self, kind: str) -> AnnotationRow | None:
        state, reader = self.state, self.window.reader
        if state.article is None:
            self._say("Open an article first: choose one in the Library.")
            return None
        span = reader.selected_span()
        if span is None:
            self._say(f"Select some text first, then press {kinds.get(kind).key} to tag it.")
            return None
        from kursk_annotator.core.anchoring import snap_span
        from kursk_annotator.core.attributes import prefill  # pydantic: after the first window
        from kursk_annotator.ui.undo_commands import CreateAnnotation

        whole_words = self.window.settings.get(keys.SNAP_WHOLE_WORDS)
        start, end = snap_span(state.text, *span, whole_words=whole_words)
        if end <= start:
            self._say("The selection holds only spaces or punctuation: select words to tag.")
            return None
        quote = state.text[start:end]
        command = CreateAnnotation(state, state.article.id, kind, start, end, prefill(kind, quote))
        self.window.undo_stack.push(command)
        if command.failed or command.annotation_id is None:
            return None
        info = state.annotations.get(command.annotation_id)
        if info is not None:
            # Drop the text selection so the new highlight shows; the caret stays inside it.
            cursor = reader.textCursor()
            cursor.setPosition(state.utf16.to_utf16(end))
            reader.blockSignals(True)
            reader.setTextCursor(cursor)
            reader.blockSignals(False)
            state.select(info.id)
            if not state.visible(info):
                self._say(f"Tagged as {kind}; the current filters hide it.")
        return info

    def _own_selected(self, verb: str) -> AnnotationRow | None:
        info = self.state.selected_annotation
        if info is None:
            self._say(f"Select an annotation to {verb}: click a highlight or a row.")
            return None
        if info.analyst != self.state.me:
            self._say(f"This annotation belongs to {info.analyst}: only they can {verb} it.")
            return None
        return info

    def delete_selected(self) -> None:
        info = self._own_selected("delete")
        if info is not None:
            from kursk_annotator.ui.undo_commands import DeleteAnnotation

            self.window.undo_stack.push(DeleteAnnotation(self.state, info))

    def change_kind(self, kind: str) -> None:
        info = self._own_selected("change")
        if info is None or info.kind == kind:
            return
        from kursk_annotator.core.attributes import prefill
        from kursk_annotator.ui.undo_commands import EditAnnotation

        label = f"Change {info.kind} to {kind}"
        changes = {"kind": kind, "attributes": prefill(kind, info.quote)}
        try:
            full = self.state.workspace.annotations.get(info.id)  # its attributes, for undo
        except UserError as exc:
            self._say(str(exc))
            return
        self.window.undo_stack.push(EditAnnotation(self.state, full, changes, label))

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) visible annotation in text order."""
        self.state.complete()  # a long article's every row, not only its first view's
        shown = sorted(self.state.visible_annotations(), key=lambda a: (a.start, a.end, a.id))
        if not shown:
            self._say("No annotations shown in this article.")
            return
        current = self.state.selected_annotation
        if current is None:
            caret = self.state.utf16.from_utf16(self.window.reader.textCursor().position())
            after = [a for a in shown if a.start >= caret]
            target = (after[0] if after else shown[0]) if direction > 0 else shown[-1]
        else:
            key = (current.start, current.end, current.id)
            order = [(a.start, a.end, a.id) for a in shown]
            i = order.index(key) if key in order else -1
            target = shown[(i + direction) % len(shown)]
        self.state.select(target.id)
        self.window.reader.show_span(target.start, target.end)

    # --- filters ---------------------------------------------------------------------

    def set_kind_shown(self, kind: str, shown: bool) -> None:
        flt = self.state.filter
        kinds = set(flt.kinds) | {kind} if shown else set(flt.kinds) - {kind}
        self.state.set_filter(
            AnnotationFilter(kinds, flt.analyst, flt.status, flt.only, flt.only_label)
        )

    def set_only_mine(self, only_mine: bool) -> None:
        flt = self.state.filter
        self.state.set_filter(
            AnnotationFilter(
                set(flt.kinds),
                ONLY_ME if only_mine else "",
                flt.status,
                flt.only,
                flt.only_label,
            )
        )

    def set_status_shown(self, status: str) -> None:
        """ "" every status but rejected (the default), ALL_STATUSES, or one status."""
        flt = self.state.filter
        self.state.set_filter(
            AnnotationFilter(set(flt.kinds), flt.analyst, status, flt.only, flt.only_label)
        )

    def sync_filter_actions(self) -> None:
        """The View menu's checks follow the filter, however it was changed."""
        self.window.action_set.update_checked()

    # --- menus and dialogs -------------------------------------------------------------

    def context_menu(self, pos: QPoint) -> None:
        reader = self.window.reader
        if not reader.textCursor().hasSelection():
            hits = reader.annotations_at_point(pos)
            if hits:
                self.state.select(hits[0].id)
        menu = self.build_context_menu()
        menu.exec(reader.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        """The reader's context menu, from the declared actions (ui.actions)."""
        self.window.action_set.update_enabled()
        return self.window.action_set.context_menu(self.window.reader)

    def preferences(self) -> None:
        from kursk_annotator.ui.dialogs import PreferencesDialog

        win = self.window
        dialog = PreferencesDialog(
            win.workspace.analyst_name, win.settings.get(keys.SNAP_WHOLE_WORDS), win
        )
        if not dialog.exec():
            return
        win.settings.set(keys.SNAP_WHOLE_WORDS, dialog.snap.isChecked())
        name = dialog.analyst_name()
        if name and name != win.workspace.analyst_name:
            try:
                win.workspace.switch_analyst(name)
            except UserError as exc:
                QMessageBox.warning(win, "Preferences", str(exc))
                return
            win.settings.set(keys.ANALYST_NAME, name)
            win.show_analyst()
            win.annotations.fill_analysts()
            # Ownership decides what may be edited: show it for the new name.
            win.state.filter_changed.emit()
            win.inspector.show_annotation(win.state.selected_annotation)
