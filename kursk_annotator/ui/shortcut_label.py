"""The property naming an action in the Keyboard Shortcuts list (its own module: the list,
the declared actions and features that add actions all read it)."""

# The name an action goes by in the Keyboard Shortcuts list when its menu text says too
# little ("Claim" under Annotate > Change Kind To) or changes with use ("Undo Tag ...").
SHORTCUT_LABEL = "shortcut_label"
