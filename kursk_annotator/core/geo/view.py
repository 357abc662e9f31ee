"""Projection and view: lon/lat -> world units -> pixels, with pan and zoom.

The theatre (22-45°E, 44-57°N) is small enough for an equirectangular projection with its
standard parallel at 50.5°N: distances east-west and north-south agree within about 10 %
across the whole box, shapes look as analysts know them, and projecting is one multiply
(fast enough to redo for 2,000 markers on every frame of a pan).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

STANDARD_PARALLEL = 50.5
_K = math.cos(math.radians(STANDARD_PARALLEL))
MIN_SCALE, MAX_SCALE = 8.0, 4000.0  # pixels per world unit (≈ per degree of latitude)


def project(lon: float, lat: float) -> tuple[float, float]:
    """World units: x grows east, y grows north (one unit is a degree of latitude)."""
    return lon * _K, lat


def unproject(x: float, y: float) -> tuple[float, float]:
    return x / _K, y


@dataclass(frozen=True, slots=True)
class View:
    """What part of the world a canvas of ``width`` x ``height`` pixels shows.

    ``size`` multiplies every marker radius, line width and font size: 1 on screen,
    the print resolution over 96 dpi on the briefing's map page.
    """

    cx: float
    cy: float
    scale: float
    width: int
    height: int
    size: float = 1.0

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.cx) * self.scale + self.width / 2, (self.cy - y) * self.scale + (
            self.height / 2
        )

    def to_world(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.width / 2) / self.scale + self.cx, self.cy - (
            py - self.height / 2
        ) / self.scale

    def lonlat_at(self, px: float, py: float) -> tuple[float, float]:
        return unproject(*self.to_world(px, py))

    def world_rect(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in world units of what is visible."""
        x0, y1 = self.to_world(0, 0)
        x1, y0 = self.to_world(self.width, self.height)
        return x0, y0, x1, y1

    def panned(self, dx: float, dy: float) -> View:
        """Move the map by (dx, dy) pixels, as a drag does."""
        return replace(self, cx=self.cx - dx / self.scale, cy=self.cy + dy / self.scale)

    def zoomed(self, factor: float, px: float | None = None, py: float | None = None) -> View:
        """Zoom by ``factor`` keeping the world point under (px, py) where it is."""
        px = self.width / 2 if px is None else px
        py = self.height / 2 if py is None else py
        wx, wy = self.to_world(px, py)
        scale = min(MAX_SCALE, max(MIN_SCALE, self.scale * factor))
        moved = replace(self, scale=scale)
        nx, ny = moved.to_world(px, py)
        return replace(moved, cx=moved.cx + wx - nx, cy=moved.cy + wy - ny)

    def resized(self, width: int, height: int) -> View:
        return replace(self, width=max(1, width), height=max(1, height))


def fit_view(
    lonlat_box: tuple[float, float, float, float],
    width: int,
    height: int,
    margin: float = 0.06,
    size: float = 1.0,
) -> View:
    """The view that shows (west, south, east, north) whole, centred, with a margin."""
    west, south, east, north = lonlat_box
    x0, y0 = project(west, south)
    x1, y1 = project(east, north)
    w, h = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    scale = min(width / w, height / h) * (1 - 2 * margin)
    scale = min(MAX_SCALE, max(MIN_SCALE, scale))
    return View((x0 + x1) / 2, (y0 + y1) / 2, scale, max(1, width), max(1, height), size)


def places_box(
    points: list[tuple[float, float]], pad: float = 1.2
) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) around lon/lat points, padded by ``pad`` degrees."""
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons) - pad, min(lats) - pad * 0.7, max(lons) + pad, max(lats) + pad * 0.7
