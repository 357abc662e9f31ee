"""One small QUndoCommand per user edit, each calling the core services.

Undo of a create is a soft delete and its redo a restore, so an undone annotation keeps
its id and history. A command whose service call fails reports the one-line message
and makes itself obsolete, so the undo stack never holds a change that did not happen.

Every step carries the version of the annotation it was made from (the version shown
when the edit was made, then the version each step left behind). When the store holds
a newer version (another window, a colleague's verdict, a plain-SQL change), nothing is
overwritten silently: changes to other fields are merged, and a change to the same
field goes to ``ArticleState.resolve_conflict`` (the conflict dialog) to keep mine,
take theirs, or merge the note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import ConflictError, UserError
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState

KEEP_MINE, TAKE_THEIRS, MERGE_NOTE = "mine", "theirs", "merge"  # as in conflict_dialog
# A step: (expected version, the fields it sets) -> the stored record.
Step = Callable[[int | None, dict[str, Any]], AnnotationInfo]


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value(info: AnnotationInfo, field: str) -> Any:
    return {"start": info.start, "end": info.end}.get(field, getattr(info, field, None))


class _ServiceCommand(QUndoCommand):
    def __init__(self, state: ArticleState, label: str) -> None:
        super().__init__(label)
        self.state = state
        self.failed: str | None = None
        self.annotation_id: int | None = None
        self.version: int | None = None  # the version the next step is made from

    @property
    def ws(self):
        return self.state.workspace

    def _fail(self, message: str) -> None:
        self.failed = message
        self.setObsolete(True)
        self.state.error.emit(message)

    def _run(
        self,
        step: Step,
        wanted: dict[str, Any],
        based_on: dict[str, Any] | None,
    ) -> None:
        """Run ``step(expected_version, wanted)``; on a conflict merge or ask."""
        try:
            info = step(self.version, wanted)
        except ConflictError as exc:
            info = self._after_conflict(step, wanted, based_on, exc)
            if info is None:
                return
        except UserError as exc:
            self._fail(str(exc))
            return
        self.version = info.version
        self.state.apply(info)
        if not info.deleted:
            self.state.select(info.id)  # show what was just done, undone or redone

    def _after_conflict(
        self,
        step: Step,
        wanted: dict[str, Any],
        based_on: dict[str, Any] | None,
        exc: ConflictError,
    ) -> AnnotationInfo | None:
        assert self.annotation_id is not None
        try:
            theirs = self.ws.annotations.get(self.annotation_id)
        except UserError as err:
            self._fail(str(err))
            return None
        clash = based_on is None or any(
            _value(theirs, f) != v and _value(theirs, f) != wanted.get(f)
            for f, v in based_on.items()
        )
        choice: tuple[str, str | None] | None = (KEEP_MINE, None)
        if clash:
            resolver = self.state.resolve_conflict
            choice = resolver(self.text(), wanted, theirs) if resolver else None
        if choice is None:
            self.state.apply(theirs)  # the views show what is stored, not the lost edit
            self._fail(str(exc))
            return None
        decision, merged_note = choice
        if decision == TAKE_THEIRS:
            self.setObsolete(True)
            self.state.apply(theirs)
            self.state.error.emit(f"Kept the newer version of annotation {theirs.id}.")
            return None
        if decision == MERGE_NOTE and merged_note is not None:
            wanted = {**wanted, "note": merged_note}
        try:  # made from the newer version now: only a further change conflicts again
            info = step(theirs.version, wanted)
        except UserError as err:
            self._fail(str(err))
            return None
        self._rebase(theirs, wanted)
        return info

    def _rebase(self, theirs: AnnotationInfo, stored: dict[str, Any]) -> None:
        """The step was stored over ``theirs``: undo returns to that, not to older values."""

    def redo(self) -> None:
        if self.state.blocked:
            self._fail(self.state.blocked)
            return
        self._do()

    def undo(self) -> None:
        if self.state.blocked:
            self._fail(self.state.blocked)
            return
        self._undo()

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateAnnotation(_ServiceCommand):
    def __init__(
        self,
        state: ArticleState,
        article_id: int,
        kind: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
    ) -> None:
        quote = state.text[start:end]
        super().__init__(state, f"Tag {kinds.label(kind).lower()} “{_short(quote)}”")
        self.args = (article_id, kind, start, end)
        self.attributes = attributes

    def _do(self) -> None:
        if self.annotation_id is None:
            try:
                article_id, kind, start, end = self.args
                info = self.ws.annotations.create(
                    article_id, kind, start, end, self.ws.analyst, attributes=self.attributes
                )
            except UserError as exc:
                self._fail(str(exc))
                return
            self.annotation_id, self.version = info.id, info.version
            self.state.apply(info)
            self.state.select(info.id)
            return
        self._run(self._restore, {"deleted": False}, None)

    def _undo(self) -> None:
        self._run(self._delete, {"deleted": True}, None)

    def _restore(self, version: int | None, _wanted: dict[str, Any]) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.restore(self.annotation_id, self.ws.analyst, version)

    def _delete(self, version: int | None, _wanted: dict[str, Any]) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.delete(self.annotation_id, self.ws.analyst, version)


class DeleteAnnotation(_ServiceCommand):
    def __init__(
        self, state: ArticleState, info: AnnotationRow | AnnotationInfo, version: int | None = None
    ) -> None:
        super().__init__(state, f"Delete {info.kind} “{_short(info.quote)}”")
        self.annotation_id = info.id
        if version is None:
            # A table row carries no version: the one stored as the delete is made.
            version = (
                getattr(info, "version", None) or state.workspace.annotations.get(info.id).version
            )
        self.version = version

    def _do(self) -> None:
        self._run(self._delete, {"deleted": True}, None)

    def _undo(self) -> None:
        self._run(self._restore, {"deleted": False}, None)

    def _restore(self, version: int | None, _wanted: dict[str, Any]) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.restore(self.annotation_id, self.ws.analyst, version)

    def _delete(self, version: int | None, _wanted: dict[str, Any]) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.delete(self.annotation_id, self.ws.analyst, version)


class EditAnnotation(_ServiceCommand):
    """Change some fields (kind, note, attributes); undo puts the old values back."""

    def __init__(
        self,
        state: ArticleState,
        info: AnnotationInfo,
        changes: dict[str, Any],
        label: str | None = None,
    ) -> None:
        super().__init__(state, label or f"Edit {info.kind} “{_short(info.quote)}”")
        self.annotation_id = info.id
        self.version = info.version  # the version the edit was made from
        self.after = dict(changes)
        self._forward = True
        self.before = {k: _value(info, k) for k in changes}
        if "kind" in changes and "attributes" not in changes:
            # Changing kind drops the old kind's attributes: undo must bring them back.
            self.before["attributes"] = info.attributes

    def _update(self, version: int | None, wanted: dict[str, Any]) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.update(
            self.annotation_id, self.ws.analyst, expected_version=version, **wanted
        )

    def _do(self) -> None:
        self._forward = True
        self._run(self._update, self.after, self.before)

    def _undo(self) -> None:
        self._forward = False
        self._run(self._update, self.before, self.after)

    def _rebase(self, theirs: AnnotationInfo, stored: dict[str, Any]) -> None:
        replaced = {k: _value(theirs, k) for k in self.before}
        if self._forward:
            self.before, self.after = replaced, dict(stored)
        else:
            self.after, self.before = replaced, dict(stored)
