"""The map scene drawn with QPainter: the map panel's renderer.

Same scene, same layout (``core.geo.scene.screen_items``) and same drawing order as the
briefing's Pillow renderer. The base map is turned into QPainterPaths once (in world
units) and drawn through a transform with cosmetic pens, so a frame of a pan costs a
transform change, not a re-projection of the theatre's 15,000 points.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)

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
    Marker,
    ScreenItems,
    ScreenMarker,
    marker_at,
    screen_items,
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


_SPRITES: dict[tuple, QPixmap] = {}


def _sprite(
    r: float, colour: str, conflict: bool, focused: bool, s: float, ratio: float
) -> QPixmap:
    """A marker drawn once into a small pixmap: blitting it is many times faster than
    rasterising an antialiased circle, which matters with thousands of markers a frame."""
    key = (round(r * 4) / 4, colour, conflict, focused, s, ratio)
    sprite = _SPRITES.get(key)
    if sprite is not None:
        return sprite
    extent = r + 3 * s + 2 * s + 1  # the conflict ring and its pen stay inside
    size = max(1, round(2 * extent * ratio))
    sprite = QPixmap(size, size)
    sprite.setDevicePixelRatio(ratio)
    sprite.fill(Qt.GlobalColor.transparent)
    p = QPainter(sprite)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    centre = QPointF(size / ratio / 2, size / ratio / 2)
    if conflict:
        p.setPen(QPen(QColor(CONFLICT_COLOUR), 2 * s))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(centre, r + 3 * s, r + 3 * s)
    p.setPen(QPen(QColor("#000000"), 2.5 * s) if focused else QPen(QColor(MARKER_OUTLINE), 1.5 * s))
    p.setBrush(QBrush(QColor(colour)))
    p.drawEllipse(centre, r, r)
    p.end()
    _SPRITES[key] = sprite
    return sprite


def paint_base(painter: QPainter, scene: MapScene, view: View) -> None:
    """Sea, land, lakes, rivers and the border lines: what only moves when the view
    moves."""
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
    world = painter.transform()  # world units -> device pixels, whatever came before
    for layer in ("rivers", "regions", "coast", "borders"):
        colour, width, dashed = LINE_STYLES[layer]
        width *= view.size
        if width > 1.2 and not dashed:
            _wide_line(painter, paths[layer], QColor(colour), width, world)
            continue
        pen = QPen(QColor(colour), width)
        pen.setCosmetic(True)  # widths in pixels, whatever the zoom
        if dashed:
            pen.setDashPattern([4.0, 3.0])
        painter.setPen(pen)
        painter.drawPath(paths[layer])
    painter.restore()


def _wide_line(
    painter: QPainter, path: QPainterPath, colour: QColor, width: float, world: QTransform
) -> None:
    """A line ``width`` pixels wide as a one-pixel line drawn four times, shifted by
    half the extra width left, right, up and down: Qt's antialiased stroker takes 25-35
    ms for the state borders at 1.8 px, its one-pixel line about 0.3 ms a pass, and the
    two look the same on screen."""
    pen = QPen(colour, 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    d = (width - 1.0) / 2
    for dx, dy in ((-d, 0.0), (d, 0.0), (0.0, -d), (0.0, d)):
        painter.setTransform(world * QTransform.fromTranslate(dx, dy))
        painter.drawPath(path)
    painter.setTransform(world)


class SceneCache:
    """The whole map (base, towns, markers, labels) painted once into a pixmap a quarter
    of a view larger on every side, with the layout it was painted from.

    A frame of a pan is then one blit; the scene is laid out and painted again only when
    the view leaves the cached area or changes scale, size or places. Labels keep their
    places while the map moves, as on a paper map slid under a window.

    New content (other places, scale or size) is first painted for the view alone, which
    is what must appear at once (2.25 times less to lay out and paint); :meth:`enlarge`
    adds the margin a moment later, before the user pans (the canvas calls it when idle).
    """

    def __init__(self) -> None:
        self.pixmap: QPixmap | None = None
        self.cached: View | None = None
        self.items: ScreenItems | None = None
        self.key: tuple | None = None
        self.has_margin = False

    def origin(self, view: View) -> tuple[float, float]:
        """Where the cached canvas's top-left corner falls in ``view`` (whole pixels)."""
        assert self.cached is not None
        x, y = view.to_screen(*self.cached.to_world(0, 0))
        return round(x), round(y)

    def _covers(self, view: View) -> bool:
        x, y = self.origin(view)
        c = self.cached
        return x <= 0 and y <= 0 and x + c.width >= view.width and y + c.height >= view.height

    def _paint(self, scene: MapScene, view: View, ratio: float, margin: bool) -> None:
        mx, my = (view.width // 4, view.height // 4) if margin else (0, 0)
        cached = replace(view, width=view.width + 2 * mx, height=view.height + 2 * my)
        items = screen_items(scene, cached)
        pixmap = QPixmap(round(cached.width * ratio), round(cached.height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        p = QPainter(pixmap)
        paint_base(p, scene, cached)
        paint_overlay(p, cached, items)
        p.end()
        self.pixmap, self.cached, self.items, self.has_margin = pixmap, cached, items, margin

    def ensure(self, scene: MapScene, view: View, ratio: float, version: int) -> ScreenItems:
        key = (version, id(scene.base), view.scale, view.size, view.width, view.height, ratio)
        if self.pixmap is None or key != self.key:
            self._paint(scene, view, ratio, margin=False)
            self.key = key
        elif not self._covers(view):  # panned out of the painted area: panning goes on
            self._paint(scene, view, ratio, margin=True)
        assert self.items is not None
        return self.items

    def enlarge(self, scene: MapScene, view: View, ratio: float, version: int) -> None:
        """Paint the margin around the view now (idle time), so a pan starts with it."""
        self.ensure(scene, view, ratio, version)
        if not self.has_margin:
            self._paint(scene, view, ratio, margin=True)

    def draw(self, painter: QPainter, scene: MapScene, view: View, version: int) -> None:
        self.ensure(scene, view, painter.device().devicePixelRatioF(), version)
        x, y = self.origin(view)
        painter.drawPixmap(QPointF(x, y), self.pixmap)

    def marker_at(self, view: View, px: float, py: float) -> Marker | None:
        if self.items is None:
            return None
        x, y = self.origin(view)
        return marker_at(self.items, px - x, py - y)

    def where(self, view: View, key: str) -> ScreenMarker | None:
        """A place's marker as drawn in ``view`` (None when not drawn)."""
        if self.items is None:
            return None
        x, y = self.origin(view)
        for sm in self.items.markers:
            if sm.marker.key == key:
                return replace(sm, x=sm.x + x, y=sm.y + y)
        return None


def paint_focus(painter: QPainter, sm: ScreenMarker, s: float) -> None:
    """The hovered or chosen place, drawn again on top with a dark outline."""
    ratio = painter.device().devicePixelRatioF()
    m = sm.marker
    sprite = _sprite(sm.r, m.colour, m.conflict, True, s, ratio)
    half = sprite.width() / ratio / 2
    painter.drawPixmap(QPointF(sm.x - half, sm.y - half), sprite)


def paint_map(
    painter: QPainter,
    scene: MapScene,
    view: View,
    items: ScreenItems,
    hovered: str | None = None,
    chosen: str | None = None,
) -> None:
    """Everything at once, without a cache (a still picture)."""
    paint_base(painter, scene, view)
    paint_overlay(painter, view, items, hovered, chosen)


def paint_overlay(
    painter: QPainter,
    view: View,
    items: ScreenItems,
    hovered: str | None = None,
    chosen: str | None = None,
) -> None:
    """Towns, markers and labels: laid out afresh for every frame."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    s = view.size
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(TOWN_COLOUR))
    r = 2.2 * s
    for x, y in items.towns:
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    ratio = painter.device().devicePixelRatioF()
    # Thousands of markers share a handful of sprites: look each up once per frame.
    sprites: dict[tuple, tuple[QPixmap, float]] = {}
    focus = (hovered, chosen)
    draw = painter.drawPixmap
    for sm in items.markers:
        m = sm.marker
        key = (sm.r, m.status, m.conflict, m.key in focus)
        found = sprites.get(key)
        if found is None:
            sprite = _sprite(sm.r, m.colour, m.conflict, key[3], s, ratio)
            found = sprites[key] = (sprite, sprite.width() / ratio / 2)
        sprite, half = found
        draw(QPointF(sm.x - half, sm.y - half), sprite)
    fonts: dict[tuple[str, float], QFont] = {}
    for label in items.labels:
        font = fonts.get((label.kind, label.size))
        if font is None:
            font = fonts[(label.kind, label.size)] = QFont("DejaVu Sans")
            font.setPixelSize(max(6, round(label.size)))
            font.setBold(label.kind in ("place", "country"))
            if label.kind == "country":
                font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        painter.setFont(font)
        baseline = (
            label.y + painter.fontMetrics().ascent() / 2 - painter.fontMetrics().descent() / 2
        )
        if label.kind in ("place", "town"):
            # A white halo (the text drawn around itself: glyphs are cached, outlines
            # of text paths are not) keeps names legible over lines.
            painter.setPen(QColor("#FFFFFF"))
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                painter.drawText(QPointF(label.x + dx * s, baseline + dy * s), label.text)
        painter.setPen(QColor(label.colour))
        painter.drawText(QPointF(label.x, baseline), label.text)
