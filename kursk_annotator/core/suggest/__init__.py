"""Suggestions: figures, places and claims the app proposes for the analyst to accept.

Qt-free, offline and deterministic: the same text and article date always give the same
suggestions. See :func:`suggest`.
"""

from kursk_annotator.core.suggest.claims import Actor
from kursk_annotator.core.suggest.engine import suggest
from kursk_annotator.core.suggest.model import SUGGESTION_KINDS, Suggestion

__all__ = ["SUGGESTION_KINDS", "Actor", "Suggestion", "suggest"]
