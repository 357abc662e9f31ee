"""The PySide6 desktop interface: widgets, item models, undo commands, dialogs.

Everything here calls the core services; nothing here is imported by the core.
"""
