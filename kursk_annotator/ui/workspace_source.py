"""Where a panel or dialog finds the workspace: the window's state, or one given once.

Review panels and dialogs read ``source.workspace`` when they act, so a store opened (or
a team store connected) after they were made is the one they use. The main window hands
them its :class:`~kursk_annotator.ui.article_state.ArticleState`; a dialog used on its
own (a test, a benchmark) is given a :class:`FixedWorkspace`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace


class WorkspaceSource(Protocol):
    @property
    def workspace(self) -> Workspace | None: ...


@dataclass(frozen=True)
class FixedWorkspace:
    """One workspace, for a panel or dialog used outside the main window."""

    workspace: Workspace


def workspace_of(source: WorkspaceSource) -> Workspace:
    """The source's workspace; the window opens its store before any panel acts."""
    workspace = source.workspace
    assert workspace is not None, "the store is not open yet"
    return workspace
