"""The application's non-code assets (icons, desktop entry, AppStream metadata, data).

Installed as the package ``kursk_annotator.resources`` (see ``pyproject.toml``); code finds
files here through ``kursk_annotator.assets.resource(...)``, never by a path of its own.
"""
