"""View -> Theme: Light, Dark or System, remembered (settings.THEME) and applied at once.

"System" follows the desktop's colour scheme where Qt can read one; a plain X11 session
reports none, so Dark is one click away instead of never.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.theme import THEMES, apply_palette


def add_theme_menu(view_menu: QMenu, settings: Settings) -> dict[str, QAction]:
    """The Theme submenu, with the saved theme checked and applied; its actions by theme."""
    menu = view_menu.addMenu("&Theme")
    menu.setObjectName("theme_menu")
    group = QActionGroup(menu)
    chosen = settings.get(keys.THEME)
    chosen = chosen if chosen in THEMES else "system"
    actions: dict[str, QAction] = {}
    for theme, text in THEMES.items():
        action = QAction(text, menu, objectName=f"theme_{theme}", checkable=True)
        action.setChecked(theme == chosen)
        action.triggered.connect(lambda _c=False, t=theme: choose_theme(t, settings))
        group.addAction(action)
        menu.addAction(action)
        actions[theme] = action
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.property("kursk_theme") != chosen:
        apply_palette(app, chosen)
    return actions


def choose_theme(theme: str, settings: Settings) -> None:
    settings.set(keys.THEME, theme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_palette(app, theme)
