"""Render resources/icons/kursk-annotator.svg to the PNG sizes desktops ask for.

Run after changing the SVG: ``python tools/render_icons.py``. Uses Qt's own SVG
renderer, so the PNGs match what the app draws from the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 (fonts, plugins)
    renderer = QSvgRenderer(str(ICONS / "kursk-annotator.svg"))
    if not renderer.isValid():
        print("render_icons: the SVG did not load", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        out = ICONS / f"kursk-annotator-{size}.png"
        image.save(str(out))
        print(out.relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
