"""Colours: light/dark application palettes and the per-kind highlight colours.

Kind colours are the ones the Word briefing uses (core.kinds: Paul Tol's "light"
scheme, distinguishable with the common forms of colour blindness). Highlights mix them
with the page colour, so text keeps its contrast on a light and on a dark page alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from kursk_annotator.core.palette import kind_colour

__all__ = ["HighlightColours", "apply_palette", "is_dark"]


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    s = share_of_a
    return QColor(
        round(a.red() * s + b.red() * (1 - s)),
        round(a.green() * s + b.green() * (1 - s)),
        round(a.blue() * s + b.blue() * (1 - s)),
    )


@dataclass(frozen=True)
class HighlightColours:
    dark: bool
    page: QColor

    def strong(self, kind: str) -> QColor:
        return QColor(kind_colour(kind))

    def line(self, kind: str) -> QColor:
        """Underlines in the kind's colour: Tol's light colours, darkened on a light page
        (a pale cyan line on white is invisible)."""
        strong = self.strong(kind)
        return strong if self.dark else _mix(strong, QColor("#000000"), 0.55)

    @property
    def warning(self) -> QColor:
        """Changes requested: Tol's vibrant red on a light page, its orange on a dark one."""
        return QColor("#EE7733" if self.dark else "#CC3311")

    @property
    def muted_text(self) -> QColor:
        """Rejected annotations, when a filter shows them: greyed, struck-out text."""
        return QColor("#9A9A9A" if self.dark else "#6E6E6E")

    def tint(self, kinds: tuple[str, ...]) -> QColor:
        """Background for text covered by annotations of ``kinds`` (one entry each)."""
        base = self.strong(kinds[0])
        for i, kind in enumerate(kinds[1:], start=2):
            base = _mix(base, self.strong(kind), (i - 1) / i)
        # Deeper tint where more annotations overlap, capped so text stays readable.
        # On a dark page light text needs a darker tint: 4.5:1 contrast at most depths.
        first, step, cap = (0.30, 0.04, 0.38) if self.dark else (0.55, 0.16, 0.95)
        share = min(first + step * (len(kinds) - 1), cap)
        return _mix(base, self.page, share)

    def light_tint(self, kinds: tuple[str, ...]) -> QColor:
        """Background for annotations still awaiting a verdict: halfway to the page."""
        return _mix(self.tint(kinds), self.page, 0.55 if self.dark else 0.62)


def is_dark(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()  # type: ignore[union-attr]
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128  # type: ignore[union-attr]


def _dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#26282b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1d1f21"),
        (roles.AlternateBase, "#2a2d30"),
        (roles.Text, "#e8e8e8"),
        (roles.Button, "#303336"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.ToolTipBase, "#303336"),
        (roles.ToolTipText, "#f0f0f0"),
        (roles.Highlight, "#3d6fa8"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7fb3ff"),
        (roles.PlaceholderText, "#8c8c8c"),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return p


THEMES = {"light": "&Light", "dark": "&Dark", "system": "&System"}


def apply_palette(app: QApplication, theme: str | None = None) -> bool:
    """Light, dark, or what the system asks for ("system", the default); returns whether
    the palette is dark. ``None`` keeps the theme chosen last (the system changed)."""
    theme = theme or str(app.property("kursk_theme") or "system")
    if theme not in THEMES:
        theme = "system"
    app.setProperty("kursk_theme", theme)
    dark = theme == "dark" or (
        theme == "system" and app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    if dark:
        app.setPalette(_dark_palette())
    elif app.property("kursk_dark_palette"):
        app.setPalette(app.style().standardPalette())  # back from dark
    # (Light at start: the style's own palette is already in place.)
    app.setProperty("kursk_dark_palette", dark)
    return dark


def highlight_colours(palette: QPalette) -> HighlightColours:
    page = palette.color(QPalette.ColorRole.Base)
    return HighlightColours(dark=page.lightness() < 128, page=page)
