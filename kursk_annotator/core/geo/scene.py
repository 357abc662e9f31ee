"""The map scene: everything the map shows, as plain primitives both renderers draw.

A scene holds the base map in world units (projected once) and the place markers. For a
given :class:`View`, :func:`screen_items` culls what is off the canvas, sizes markers,
and places labels so they do not overlap. The app's map panel paints the result with
QPainter (``ui/map_painter.py``), the briefing's map page with Pillow
(``core/export/map_image.py``): the same scene and the same layout, so the printed map
shows what the analyst saw.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from kursk_annotator.core.geo.basemap import BaseMap, load_basemap
from kursk_annotator.core.geo.view import View, project

Point = tuple[float, float]

# Colours (#RRGGBB), line widths and font sizes in logical pixels (View.size scales them).
NO_DATA = "#E6E6E3"  # outside the theatre box the base map has no data
SEA = "#D7E5F0"
LAND = "#F5F2EA"
LAKE = "#D7E5F0"
LINE_STYLES: dict[str, tuple[str, float, bool]] = {  # layer: colour, width, dashed
    "rivers": ("#7BA7CE", 0.9, False),
    "coast": ("#8DA9BF", 0.9, False),
    "regions": ("#B2A897", 0.8, True),
    "borders": ("#6B5F55", 1.8, False),
}
TOWN_COLOUR = "#5A5A5A"
LABEL_COLOURS = {
    "country": "#8A7F75",
    "region": "#9A9083",
    "river": "#4F86B8",
    "town": "#4A4A4A",
    "place": "#111111",
}
LABEL_SIZES = {"country": 15.0, "region": 10.0, "river": 9.0, "town": 10.0, "place": 11.0}
# Review status of a place's tags -> marker colour (Paul Tol's bright scheme).
STATUS_COLOURS = {
    "accepted": "#228833",
    "pending": "#4477AA",
    "changes_requested": "#EE6677",
    "untagged": "#BBBBBB",
}
STATUS_LABELS = {
    "accepted": "accepted",
    "pending": "pending review",
    "changes_requested": "changes requested",
    "untagged": "named in texts, not tagged",
}
CONFLICT_COLOUR = "#AA3377"
MARKER_OUTLINE = "#FFFFFF"
MAX_PLACE_LABELS = 150  # names for the most reported visible places; hover shows the rest
# A printed place's number is drawn even where it overlaps, for this many places (the
# most reported); past that a map is a cloud of digits and the legend table serves.
FORCED_NUMBERS = 120


@dataclass(frozen=True, slots=True)
class Marker:
    """A place on the map. ``number`` is its number in the briefing's legend table."""

    key: str
    name: str
    lon: float
    lat: float
    reports: int = 1
    mentions: int = 0
    status: str = "pending"
    conflict: bool = False
    number: int | None = None
    # Grows with the square root of the reports, so area tracks the count. Computed once:
    # every layout of a frame reads it for every marker.
    radius: float = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "radius", min(20.0, 4.0 + 2.4 * math.sqrt(max(0, self.reports))))

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.status, STATUS_COLOURS["pending"])


@dataclass(slots=True)
class MapScene:
    base: BaseMap
    areas: dict[str, list[list[Point]]]  # world units: "land", "lakes"
    lines: dict[str, list[list[Point]]]  # world units: "rivers", "coast", "regions", "borders"
    markers: list[Marker] = field(default_factory=list)
    marker_xy: list[Point] = field(default_factory=list)
    # Each marker's place in the order names are given (most reported first), so a
    # layout picks its labelled places without sorting its markers again.
    marker_rank: list[int] = field(default_factory=list)
    town_xy: list[Point] = field(default_factory=list)
    label_xy: list[Point] = field(default_factory=list)


def _projected(paths: list[list[tuple[float, float]]]) -> list[list[Point]]:
    return [[project(lon, lat) for lon, lat in path] for path in paths]


_BASE_CACHE: dict[int, tuple[dict, dict, list[Point], list[Point]]] = {}


def build_scene(markers: list[Marker], base: BaseMap | None = None) -> MapScene:
    """The scene of ``markers`` over the theatre map (the base is projected once)."""
    base = base or load_basemap()
    cached = _BASE_CACHE.get(id(base))
    if cached is None:
        areas = {k: _projected(base.layers[k]) for k in ("land", "lakes")}
        lines = {k: _projected(base.layers[k]) for k in LINE_STYLES}
        towns = [project(t.lon, t.lat) for t in base.towns]
        labels = [project(a.lon, a.lat) for a in base.labels]
        cached = _BASE_CACHE[id(base)] = (areas, lines, towns, labels)
    areas, lines, towns, labels = cached
    # Big markers first, so small ones stay visible (and clickable) on top.
    ordered = sorted(markers, key=lambda m: (-m.radius, m.name.casefold()))
    by_weight = sorted(range(len(ordered)), key=lambda i: (-ordered[i].reports, ordered[i].name))
    rank = [0] * len(ordered)
    for n, i in enumerate(by_weight):
        rank[i] = n
    return MapScene(
        base=base,
        areas=areas,
        lines=lines,
        markers=ordered,
        marker_xy=[project(m.lon, m.lat) for m in ordered],
        marker_rank=rank,
        town_xy=towns,
        label_xy=labels,
    )


@dataclass(slots=True)  # not frozen: thousands are made per layout, and frozen inits are slow
class ScreenMarker:
    marker: Marker
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class ScreenLabel:
    text: str
    x: float  # left edge of the text
    y: float  # baseline-centre: the text's vertical middle
    size: float
    colour: str
    kind: str  # "country", "region", "town", "place"


@dataclass(slots=True)
class ScreenItems:
    markers: list[ScreenMarker]
    towns: list[Point]
    labels: list[ScreenLabel]


def text_width(text: str, size: float, kind: str = "town") -> float:
    """A font-independent estimate of the width of ``text``: both renderers use a sans
    font of about this average advance, so collision tests hold for both."""
    factor = 0.66 if kind == "country" else 0.56
    return len(text) * size * factor


class _Occupied:
    """Rectangles already covered by labels and markers, bucketed in a coarse grid.

    Runs for every frame of a pan (thousands of tests): plain loops, no generators."""

    def __init__(self, cell: float = 64.0) -> None:
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def free(self, rect: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = rect
        c = self.cell
        grid = self.grid
        for gx in range(int(x0 // c), int(x1 // c) + 1):
            for gy in range(int(y0 // c), int(y1 // c) + 1):
                bucket = grid.get((gx, gy))
                if bucket:
                    for a0, b0, a1, b1 in bucket:
                        if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                            return False
        return True

    def take(self, rect: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = rect
        c = self.cell
        grid = self.grid
        for gx in range(int(x0 // c), int(x1 // c) + 1):
            for gy in range(int(y0 // c), int(y1 // c) + 1):
                bucket = grid.get((gx, gy))
                if bucket is None:
                    grid[(gx, gy)] = [rect]
                else:
                    bucket.append(rect)


def screen_items(scene: MapScene, view: View, place_labels: bool = True) -> ScreenItems:
    """Markers, towns and labels of ``scene`` as they fall on ``view``'s canvas."""
    s = view.size
    w, h = view.width, view.height
    pad = 24 * s
    to_screen = view.to_screen
    # view.to_screen inlined: px = x * k + ox, py = oy - y * k (thousands a frame).
    k = view.scale
    ox, oy = w / 2 - view.cx * k, h / 2 + view.cy * k
    x_lo, x_hi, y_lo, y_hi = -pad, w + pad, -pad, h + pad
    markers: list[ScreenMarker] = []
    ranks: list[int] = []
    occupied = _Occupied(64 * s)
    cell, grid = occupied.cell, occupied.grid
    for m, (x, y), rank in zip(scene.markers, scene.marker_xy, scene.marker_rank, strict=True):
        px = x * k + ox
        py = oy - y * k
        if x_lo <= px <= x_hi and y_lo <= py <= y_hi:
            r = m.radius * s
            markers.append(ScreenMarker(m, px, py, r))
            ranks.append(rank)
            # Labels keep clear of every marker (_Occupied.take, inlined).
            rect = (px - r, py - r, px + r, py + r)
            for gx in range(int(rect[0] // cell), int(rect[2] // cell) + 1):
                for gy in range(int(rect[1] // cell), int(rect[3] // cell) + 1):
                    bucket = grid.get((gx, gy))
                    if bucket is None:
                        grid[(gx, gy)] = [rect]
                    else:
                        bucket.append(rect)
    labels: list[ScreenLabel] = []

    def place(text: str, x: float, y: float, kind: str, centred: bool, force: bool = False) -> bool:
        size = LABEL_SIZES[kind] * s
        tw, th = text_width(text, size, kind), size * 1.25
        left = x - tw / 2 if centred else x
        rect = (left, y - th / 2, left + tw, y + th / 2)
        if rect[2] < 0 or rect[0] > w or rect[3] < 0 or rect[1] > h:
            return False
        if not force and not occupied.free(rect):
            return False
        occupied.take(rect)
        labels.append(ScreenLabel(text, left, y, size, LABEL_COLOURS[kind], kind))
        return True

    forced = [0]

    def place_beside(sm: ScreenMarker, text: str) -> bool:
        """Right of the marker, else left, above or below; a number (the print's link to
        its legend table) goes right of its marker even when nothing else is free."""
        gap = 3 * s
        tw = text_width(text, LABEL_SIZES["place"] * s, "place")
        th = LABEL_SIZES["place"] * s * 1.25
        spots = (
            (sm.x + sm.r + gap, sm.y),
            (sm.x - sm.r - gap - tw, sm.y),
            (sm.x - tw / 2, sm.y - sm.r - gap - th / 2),
            (sm.x - tw / 2, sm.y + sm.r + gap + th / 2),
        )
        for x, y in spots:
            if place(text, x, y, "place", centred=False):
                return True
        if sm.marker.number is not None and forced[0] < FORCED_NUMBERS:
            forced[0] += 1
            return place(text, *spots[0], "place", centred=False, force=True)
        return False

    if place_labels:
        # The most reported places get their names first; the rest show on hover.
        for i in heapq.nsmallest(MAX_PLACE_LABELS, range(len(markers)), key=ranks.__getitem__):
            sm = markers[i]
            place_beside(sm, sm.marker.name if sm.marker.number is None else f"{sm.marker.number}")
    for a, (x, y) in zip(scene.base.labels, scene.label_xy, strict=True):
        if a.kind == "country":
            place(a.name, *to_screen(x, y), "country", centred=True)
    regions_fit = view.scale >= 60
    for kind in ("region", "river"):
        for a, (x, y) in zip(scene.base.labels, scene.label_xy, strict=True):
            if a.kind == kind and regions_fit:
                place(a.name, *to_screen(x, y), kind, centred=True)
    towns: list[Point] = []
    # Fewer towns when zoomed out: a population floor that falls as the scale grows.
    floor = 1_000_000 if view.scale < 40 else 250_000 if view.scale < 90 else 0
    for t, (x, y) in zip(scene.base.towns, scene.town_xy, strict=True):
        if t.population < floor:
            continue
        px, py = to_screen(x, y)
        if not (0 <= px <= w and 0 <= py <= h):
            continue
        r = 2.2 * s
        dot = (px - r, py - r, px + r, py + r)
        # A town is shown with its name or not at all: unnamed dots only puzzle readers.
        if occupied.free(dot) and place(t.name, px + 4 * s, py, "town", centred=False):
            towns.append((px, py))
            occupied.take(dot)
    return ScreenItems(markers, towns, labels)


def marker_at(items: ScreenItems, px: float, py: float, slack: float = 3.0) -> Marker | None:
    """The topmost marker under (px, py): the last drawn, i.e. the smallest."""
    for sm in reversed(items.markers):
        if (px - sm.x) ** 2 + (py - sm.y) ** 2 <= (sm.r + slack) ** 2:
            return sm.marker
    return None
