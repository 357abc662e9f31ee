"""Properties of the window's actions that other modules read."""

from __future__ import annotations

# The name an action goes by in the Keyboard Shortcuts list when its menu text says too
# little ("Claim" under Annotate > Change Kind To) or changes with use ("Undo Tag ...").
SHORTCUT_LABEL = "shortcut_label"
