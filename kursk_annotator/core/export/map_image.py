"""The map scene drawn with Pillow: the briefing's map page, at print resolution.

Draws the same :class:`~kursk_annotator.core.geo.scene.MapScene` and the same
:func:`screen_items` layout as the app's QPainter renderer, in the same order: sea, land,
lakes, rivers, region lines (dashed), coast, state borders, towns, markers, labels.
"""

from __future__ import annotations

import io
import math
from functools import cache
from itertools import pairwise

from PIL import Image, ImageDraw, ImageFont

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
    screen_items,
)
from kursk_annotator.core.geo.view import View, project

_FONT_FILES = {
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf"),
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf"),
}


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)  # Pillow's own scalable font


def _dashes(points: list[tuple[float, float]], on: float, off: float):
    """Split a polyline into dash segments of ``on`` pixels with ``off`` gaps."""
    carry, drawing = 0.0, True
    for (x0, y0), (x1, y1) in pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while pos < length:
            step = min((on if drawing else off) - carry, length - pos)
            if drawing:
                t0, t1 = pos / length, (pos + step) / length
                yield (
                    (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
                    (
                        x0 + (x1 - x0) * t1,
                        y0 + (y1 - y0) * t1,
                    ),
                )
            pos += step
            carry += step
            if carry >= (on if drawing else off) - 1e-9:
                carry, drawing = 0.0, not drawing


def render_map(scene: MapScene, view: View) -> Image.Image:
    """The scene on a canvas of ``view.width`` x ``view.height`` pixels."""
    image = Image.new("RGB", (view.width, view.height), NO_DATA)
    draw = ImageDraw.Draw(image)
    s = view.size
    west, south, east, north = scene.base.bbox
    (ax, ay), (bx, by) = (
        view.to_screen(*project(west, north)),
        view.to_screen(*project(east, south)),
    )
    draw.rectangle((ax, ay, bx, by), fill=SEA)
    x0w, y0w, x1w, y1w = view.world_rect()

    def visible(path: list[tuple[float, float]]) -> bool:
        xs = [p[0] for p in path]
        ys = [p[1] for p in path]
        return max(xs) >= x0w and min(xs) <= x1w and max(ys) >= y0w and min(ys) <= y1w

    def screen(path):
        return [view.to_screen(x, y) for x, y in path]

    for layer, fill in (("land", LAND), ("lakes", LAKE)):
        for path in scene.areas[layer]:
            if len(path) > 2 and visible(path):
                draw.polygon(screen(path), fill=fill)
    for layer in ("rivers", "regions", "coast", "borders"):
        colour, width, dashed = LINE_STYLES[layer]
        px = max(1, round(width * s))
        for path in scene.lines[layer]:
            if len(path) < 2 or not visible(path):
                continue
            points = screen(path)
            if dashed:
                for a, b in _dashes(points, 4 * s, 3 * s):
                    draw.line([a, b], fill=colour, width=px)
            else:
                draw.line(points, fill=colour, width=px, joint="curve")
    items = screen_items(scene, view)
    r = 2.2 * s
    for x, y in items.towns:
        draw.rectangle((x - r, y - r, x + r, y + r), fill=TOWN_COLOUR)
    outline = max(1, round(1.5 * s))
    for sm in items.markers:
        box = (sm.x - sm.r, sm.y - sm.r, sm.x + sm.r, sm.y + sm.r)
        if sm.marker.conflict:
            g = 3 * s
            draw.ellipse(
                (box[0] - g, box[1] - g, box[2] + g, box[3] + g),
                outline=CONFLICT_COLOUR,
                width=max(1, round(2 * s)),
            )
        draw.ellipse(box, fill=sm.marker.colour, outline=MARKER_OUTLINE, width=outline)
    for label in items.labels:
        bold = label.kind in ("place", "country")
        font = _font(max(6, round(label.size)), bold)
        if label.kind == "place":
            # A white halo keeps a place's number legible over lines and other markers.
            # (FreeType strokes cost several times a plain text: only numbers get one.)
            draw.text(
                (label.x, label.y),
                label.text,
                font=font,
                fill=label.colour,
                anchor="lm",
                stroke_width=max(1, round(0.8 * s)),
                stroke_fill="#FFFFFF",
            )
        else:
            draw.text((label.x, label.y), label.text, font=font, fill=label.colour, anchor="lm")
    return image


def map_png(scene: MapScene, view: View) -> bytes:
    buffer = io.BytesIO()
    render_map(scene, view).save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()
