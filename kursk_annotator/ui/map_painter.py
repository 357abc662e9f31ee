"""The map scene drawn with QPainter: the map panel's renderer.

Same scene, same layout (``core.geo.scene.screen_items``) and same drawing order as the
briefing's Pillow renderer. The base map is turned into QPainterPaths once (in world
units) and drawn through a transform with cosmetic pens, so a frame of a pan costs a
transform change, not a re-projection of the theatre's 15,000 points.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QTransform

from kursk_annotator.core.geo.scene import (
    CONFLICT_COLOUR,
    LAKE,
    LAND,
    LINE_STYLES,
    MARKER_OUTLINE,
    NO_DATA,
    SEA,
    TOWN_COLOUR,
    MapScene,
    ScreenItems,
)
from kursk_annotator.core.geo.view import View, project

_PATHS: dict[int, dict[str, QPainterPath]] = {}


def _path(paths: list[list[tuple[float, float]]], closed: bool) -> QPainterPath:
    out = QPainterPath()
    for points in paths:
        if len(points) < 2:
            continue
        out.moveTo(*points[0])
        for x, y in points[1:]:
            out.lineTo(x, y)
        if closed:
            out.closeSubpath()
    return out


def base_paths(scene: MapScene) -> dict[str, QPainterPath]:
    """The scene's base layers as world-unit paths, built once per base map."""
    cached = _PATHS.get(id(scene.base))
    if cached is None:
        cached = {k: _path(v, True) for k, v in scene.areas.items()}
        cached.update({k: _path(v, False) for k, v in scene.lines.items()})
        _PATHS[id(scene.base)] = cached
    return cached


def world_transform(view: View) -> QTransform:
    """World units -> widget pixels (y flipped: north is up)."""
    t = QTransform()
    t.translate(view.width / 2, view.height / 2)
    t.scale(view.scale, -view.scale)
    t.translate(-view.cx, -view.cy)
    return t


def paint_map(
    painter: QPainter,
    scene: MapScene,
    view: View,
    items: ScreenItems,
    hovered: str | None = None,
    chosen: str | None = None,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(QRectF(0, 0, view.width, view.height), QColor(NO_DATA))
    west, south, east, north = scene.base.bbox
    a = view.to_screen(*project(west, north))
    b = view.to_screen(*project(east, south))
    painter.fillRect(QRectF(QPointF(*a), QPointF(*b)), QColor(SEA))
    paths = base_paths(scene)
    painter.save()
    painter.setTransform(world_transform(view), True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(LAND))
    painter.drawPath(paths["land"])
    painter.setBrush(QColor(LAKE))
    painter.drawPath(paths["lakes"])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for layer in ("regions", "coast", "borders"):
        colour, width, dashed = LINE_STYLES[layer]
        pen = QPen(QColor(colour), width * view.size)
        pen.setCosmetic(True)  # widths in pixels, whatever the zoom
        if dashed:
            pen.setDashPattern([4.0, 3.0])
        painter.setPen(pen)
        painter.drawPath(paths[layer])
    painter.restore()

    s = view.size
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(TOWN_COLOUR))
    r = 2.2 * s
    for x, y in items.towns:
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    outline = QPen(QColor(MARKER_OUTLINE), 1.5 * s)
    conflict = QPen(QColor(CONFLICT_COLOUR), 2 * s)
    focus = QPen(QColor("#000000"), 2.5 * s)
    for sm in items.markers:
        m = sm.marker
        if m.conflict:
            painter.setPen(conflict)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(sm.x, sm.y), sm.r + 3 * s, sm.r + 3 * s)
        painter.setPen(focus if m.key in (hovered, chosen) else outline)
        painter.setBrush(QBrush(QColor(m.colour)))
        painter.drawEllipse(QPointF(sm.x, sm.y), sm.r, sm.r)
    for label in items.labels:
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(6, round(label.size)))
        font.setBold(label.kind in ("place", "country"))
        if label.kind == "country":
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        painter.setFont(font)
        baseline = (
            label.y + painter.fontMetrics().ascent() / 2 - painter.fontMetrics().descent() / 2
        )
        if label.kind in ("place", "town"):
            halo = QPainterPath()
            halo.addText(QPointF(label.x, baseline), font, label.text)
            painter.setPen(QPen(QColor("#FFFFFF"), 3 * s))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(halo)
        painter.setPen(QColor(label.colour))
        painter.drawText(QPointF(label.x, baseline), label.text)
