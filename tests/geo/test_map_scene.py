"""The theatre map data, the view's pan and zoom, and the scene both renderers draw."""

from __future__ import annotations

from itertools import pairwise

import pytest

from kursk_annotator.core.geo.basemap import load_basemap, map_file
from kursk_annotator.core.geo.scene import Marker, build_scene, marker_at, screen_items
from kursk_annotator.core.geo.view import fit_view, project


def test_the_theatre_map_ships_borders_regions_and_towns() -> None:
    base = load_basemap()
    assert base.bbox == (22.0, 44.0, 45.0, 57.0)
    assert len(base.layers["borders"]) > 5 and len(base.layers["regions"]) > 50
    names = {t.name for t in base.towns}
    assert {"Kursk", "Sumy", "Belgorod", "Kharkiv", "Kyiv"} <= names
    for layer in base.layers.values():
        for path in layer:
            for lon, lat in path:
                assert 22.0 <= lon <= 45.0 and 44.0 <= lat <= 57.0
    assert "Natural Earth" in base.source
    assert (map_file().parent / "SOURCE.md").is_file()


LonLat = tuple[float, float]


def _distance_to_segment(p: LonLat, a: LonLat, b: LonLat) -> float:
    """Plain planar distance in degrees, enough to tell "on the river" from "far from it"."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def test_the_theatre_map_ships_the_rivers_of_the_border_area() -> None:
    base = load_basemap()
    rivers = {a.name: a for a in base.labels if a.kind == "river"}
    assert {"Seym", "Psel", "Vorskla", "Desna", "Dnipro", "Donets", "Oskol"} <= set(rivers)
    segments = [(a, b) for path in base.layers["rivers"] for a, b in pairwise(path)]

    def river_near(lon: float, lat: float) -> bool:
        return any(_distance_to_segment((lon, lat), a, b) < 0.05 for a, b in segments)

    # Kursk lies on the Seym, Sumy on the Psel, Kyiv on the Dnipro, Belgorod on the Donets.
    for lon, lat in ((36.19, 51.73), (34.80, 50.91), (30.52, 50.45), (36.59, 50.60)):
        assert river_near(lon, lat), (lon, lat)
    assert "rivers" in base.source and "public domain" in base.source
    assert "ne_10m_rivers_lake_centerlines" in (map_file().parent / "SOURCE.md").read_text()


def test_river_names_show_when_zoomed_in_to_the_border_area() -> None:
    scene = build_scene([])
    near = screen_items(scene, fit_view((33.5, 50.5, 37.5, 52.3), 1000, 700))
    assert {"Seym", "Psel"} <= {label.text for label in near.labels if label.kind == "river"}
    whole = screen_items(scene, fit_view((22, 44, 45, 57), 600, 400))
    assert not [label for label in whole.labels if label.kind == "river"]  # too small there


def test_zoom_keeps_the_point_under_the_mouse_and_pan_moves_by_pixels() -> None:
    view = fit_view((22, 44, 45, 57), 800, 600)
    before = view.lonlat_at(200, 150)
    zoomed = view.zoomed(2.0, 200, 150)
    assert zoomed.scale == pytest.approx(view.scale * 2)
    assert zoomed.lonlat_at(200, 150) == pytest.approx(before)
    panned = zoomed.panned(50, -20)
    x, y = zoomed.to_screen(*project(*before))
    assert panned.to_screen(*project(*before)) == pytest.approx((x + 50, y - 20))


def test_markers_sized_by_reports_coloured_by_status_and_hit() -> None:
    small = Marker("a", "Berdin", 35.0, 51.0, reports=1, status="accepted")
    big = Marker("b", "Sudzha", 35.27, 51.19, reports=9, status="changes_requested")
    assert big.radius > small.radius
    assert small.colour != big.colour
    scene = build_scene([small, big])
    view = fit_view((33, 50, 37, 52.5), 800, 600)
    items = screen_items(scene, view)
    assert [sm.marker.name for sm in items.markers] == ["Sudzha", "Berdin"]  # big first
    sm = items.markers[1]
    assert marker_at(items, sm.x + 1, sm.y) is small
    assert marker_at(items, 5, 5) is None
    texts = [label.text for label in items.labels]
    assert "Sudzha" in texts and "Berdin" in texts


def test_labels_never_overlap() -> None:
    markers = [
        Marker(str(i), f"Place {i}", 35 + (i % 40) * 0.02, 51 + (i // 40) * 0.02, reports=i % 5)
        for i in range(400)
    ]
    items = screen_items(build_scene(markers), fit_view((34, 50, 37, 52), 900, 700))
    boxes = []
    from kursk_annotator.core.geo.scene import text_width

    for label in items.labels:
        w = text_width(label.text, label.size, label.kind)
        boxes.append(
            (label.x, label.y - label.size * 0.62, label.x + w, label.y + label.size * 0.62)
        )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
