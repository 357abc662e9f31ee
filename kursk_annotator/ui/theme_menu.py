"""View -> Theme: Light, Dark or System, remembered (settings.THEME) and applied at once.

"System" follows the desktop's colour scheme where Qt can read one; a plain X11 session
reports none, so Dark is one click away instead of never.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.theme import THEMES, apply_palette


def theme_actions() -> list[ActionSpec]:
    """View -> Theme -> one checkable action per theme (one checked at a time)."""
    return [
        ActionSpec(
            f"theme_{theme}",
            text,
            "&View/&Theme",
            lambda w, _c, t=theme: choose_theme(t, w.settings),
            checkable=True,
            checked_when=lambda w, t=theme: saved_theme(w.settings) == t,
            group="theme",
            section="theme",
        )
        for theme, text in THEMES.items()
    ]


def saved_theme(settings: Settings) -> str:
    chosen = settings.get(keys.THEME)
    return chosen if chosen in THEMES else "system"


def apply_saved_theme(settings: Settings) -> None:
    """Apply the saved theme (unless it already is)."""
    chosen = saved_theme(settings)
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.property("kursk_theme") != chosen:
        apply_palette(app, chosen)


def choose_theme(theme: str, settings: Settings) -> None:
    settings.set(keys.THEME, theme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_palette(app, theme)
