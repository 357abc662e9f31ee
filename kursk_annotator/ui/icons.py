"""The application icon, from the PNG sizes in ``resources/icons``.

The PNGs are rendered from the SVG (tools/render_icons.py); reading them needs no SVG
plugin at start-up, and 512 px covers the largest size a desktop asks for."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from kursk_annotator import APP_ID
from kursk_annotator.desktop_entry import ICON_SIZES, icon_png

_icon: QIcon | None = None


def app_icon() -> QIcon:
    """Every stored size, so no window manager has to scale a 512 px image to 16 px.
    Each file is read when a size is asked for (the desktop may ask for none: Wayland
    takes the icon from the desktop entry), not all at start-up."""
    global _icon
    if _icon is None:
        icon = QIcon()
        for size in ICON_SIZES:
            icon.addFile(str(icon_png(size)), QSize(size, size))
        _icon = icon
    return _icon


def install_app_icon(app: QGuiApplication | None = None) -> None:
    """Give the application (so every window and dialog) the icon, once; tell Wayland
    desktops which .desktop entry the windows belong to."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    if app.windowIcon().cacheKey() != app_icon().cacheKey():
        app.setWindowIcon(app_icon())
    if app.desktopFileName() != APP_ID:
        app.setDesktopFileName(APP_ID)
