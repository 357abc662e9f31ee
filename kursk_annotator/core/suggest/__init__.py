"""Suggestions: figures, places and claims the app proposes for the analyst to accept.

Qt-free, offline and deterministic: the same text and article date always give the same
suggestions. See :func:`suggest`. The suggesters (their patterns take a moment to
compile) load on first use of ``suggest`` or ``Actor``; ``Suggestion`` costs nothing.
"""

from __future__ import annotations

from typing import Any

from kursk_annotator.core.suggest.model import SUGGESTION_KINDS, Suggestion

__all__ = ["SUGGESTION_KINDS", "Actor", "Suggestion", "suggest"]


def __getattr__(name: str) -> Any:
    if name == "suggest":
        from kursk_annotator.core.suggest.engine import suggest

        return suggest
    if name == "Actor":
        from kursk_annotator.core.suggest.actor import Actor

        return Actor
    raise AttributeError(name)
