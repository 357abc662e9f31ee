"""The offline theatre base map shipped in ``resources/map/theatre.json``.

Made by ``tools/build_map.py`` from Natural Earth 1:10m (public domain: borders, coast,
lakes, rivers) and GeoNames towns (CC BY 4.0); see ``resources/map/SOURCE.md``.
Coordinates are stored as integer thousandths of a degree and decoded once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.resources import resource_path

LonLat = tuple[float, float]
LINE_LAYERS = ("rivers", "coast", "borders", "regions")
AREA_LAYERS = ("land", "lakes")


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    lon: float
    lat: float
    population: int


@dataclass(frozen=True, slots=True)
class AreaLabel:
    name: str
    lon: float
    lat: float
    kind: str  # "country", "region" or "river"


@dataclass(frozen=True, slots=True)
class BaseMap:
    bbox: tuple[float, float, float, float]  # west, south, east, north
    layers: dict[str, list[list[LonLat]]]
    towns: list[Town]
    labels: list[AreaLabel]
    source: str


def map_file() -> Path:
    """Where the theatre map lives (the shipped ``resources/`` folder)."""
    return resource_path("map", "theatre.json")


@cache
def load_basemap() -> BaseMap:
    path = map_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(
            f"the theatre map {path} cannot be read ({exc}): reinstall kursk-annotator"
        ) from None
    scale = float(raw["scale"])

    def decode(flat: list[int]) -> list[LonLat]:
        return [(flat[i] / scale, flat[i + 1] / scale) for i in range(0, len(flat), 2)]

    # A map built without rivers (no source at hand) has none: .get.
    layers = {name: [decode(p) for p in raw.get(name, [])] for name in (*AREA_LAYERS, *LINE_LAYERS)}
    return BaseMap(
        bbox=tuple(raw["bbox"]),  # type: ignore[arg-type]
        layers=layers,
        towns=[Town(t["name"], t["lon"], t["lat"], t["population"]) for t in raw["towns"]],
        labels=[AreaLabel(a["name"], a["lon"], a["lat"], a["kind"]) for a in raw["labels"]],
        source=raw["source"],
    )
