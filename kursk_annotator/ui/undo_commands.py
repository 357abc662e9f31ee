"""One small QUndoCommand per user edit, each calling the core services.

Undo of a create is a soft delete and its redo a restore, so an undone annotation keeps
its id and history. A command whose service call fails reports the one-line message
and makes itself obsolete, so the undo stack never holds a change that did not happen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _ServiceCommand(QUndoCommand):
    def __init__(self, state: ArticleState, label: str) -> None:
        super().__init__(label)
        self.state = state
        self.failed: str | None = None

    @property
    def ws(self):
        return self.state.workspace

    def _run(self, action: Any) -> None:
        try:
            info = action()
        except UserError as exc:
            self.failed = str(exc)
            self.setObsolete(True)
            self.state.error.emit(self.failed)
            return
        self.state.apply(info)
        if not info.deleted:
            self.state.select(info.id)  # show what was just done, undone or redone

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _do(self) -> AnnotationInfo:
        raise NotImplementedError

    def _undo(self) -> AnnotationInfo:
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
        self.annotation_id: int | None = None

    def _do(self) -> AnnotationInfo:
        if self.annotation_id is None:
            article_id, kind, start, end = self.args
            info = self.ws.annotations.create(
                article_id, kind, start, end, self.ws.analyst, attributes=self.attributes
            )
            self.annotation_id = info.id
            return info
        return self.ws.annotations.restore(self.annotation_id, self.ws.analyst)

    def _undo(self) -> AnnotationInfo:
        assert self.annotation_id is not None
        return self.ws.annotations.delete(self.annotation_id, self.ws.analyst)


class DeleteAnnotation(_ServiceCommand):
    def __init__(self, state: ArticleState, info: AnnotationRow | AnnotationInfo) -> None:
        super().__init__(state, f"Delete {info.kind} “{_short(info.quote)}”")
        self.annotation_id = info.id

    def _do(self) -> AnnotationInfo:
        return self.ws.annotations.delete(self.annotation_id, self.ws.analyst)

    def _undo(self) -> AnnotationInfo:
        return self.ws.annotations.restore(self.annotation_id, self.ws.analyst)


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
        self.after = dict(changes)
        self.before = {k: getattr(info, k) for k in changes}
        if "kind" in changes and "attributes" not in changes:
            # Changing kind drops the old kind's attributes: undo must bring them back.
            self.before["attributes"] = info.attributes

    def _do(self) -> AnnotationInfo:
        return self.ws.annotations.update(self.annotation_id, self.ws.analyst, **self.after)

    def _undo(self) -> AnnotationInfo:
        return self.ws.annotations.update(self.annotation_id, self.ws.analyst, **self.before)
