"""The application's non-code assets (icons, desktop entry, AppStream metadata, data).

Installed as the package ``kursk_annotator.resources`` (see ``setup.py``); code finds
files here through ``kursk_annotator.core.resources.resource_path(...)``, never by a path
of its own.
"""
