"""Map speed: the map panel with 2,000 places, panning, and the briefing's map page.

    .venv/bin/python bench/bench_map.py [--places 2000] [--quick]
    .venv/bin/python bench/run.py map

Builds a store in a temporary folder with ``--places`` distinct tagged places (ten per
article, each with coordinates in the theatre, a quarter tagged twice by a second
analyst, one in twenty with a conflicting position), then measures, as medians:

* ``map_open_ms``: opening the map as the app does: the tagged places read with one
  query of the tags (``place_summaries``), the panel built, the 2,000 markers set, the
  first frame painted (for the view; the margin for panning follows when idle).
  Baseline: the same panel showing the base map alone. Each repetition starts after a
  garbage collection.
  ``map_open_cpu_ms``: the same in CPU time of the process (steadier on a shared
  machine).
* ``map_records_ms``: what follows in the background: the full records read
  (``build_index``: tags, gazetteer and name matching in every text) and shown in
  place of the summaries (markers set again, a frame painted): about what opening the
  map cost before it opened on the summaries.
* ``map_pan_fps``: frames a second while dragging the map (a frame is a blit of the
  cached map; now and then the view leaves the cached area and the scene is laid out
  and painted again: ``map_pan_slowest_frame_ms``). Baseline: the same with no places.
* ``export_map_page_s``: what the map page adds to a Word export of the sample briefing
  (export with the page minus export without it, same run, medians). Also
  ``map_page_2000_s``: drawing the map page of the 2,000 places alone.

Targets: open <= 200 ms, pan >= 30 frames a second, map page <= 1 s.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from kursk_annotator.core.export import briefing_places
from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.places.index import build_index
from kursk_annotator.core.places.summary import place_summaries
from kursk_annotator.core.samples import load_samples
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.map_panel import MapPanel
from kursk_annotator.ui.workspace_source import FixedWorkspace

PER_ARTICLE = 10


def build_store(folder: Path, places: int) -> Workspace:
    ws = Workspace(open_store(str(folder / "map.sqlite")), "Bench")
    olena = ws.analysts.ensure("Olena Kovalchuk", "OK")
    mark = ws.analysts.ensure("Mark Davies", "MD")
    rng = random.Random(16)
    made = 0
    article_no = 0
    while made < places:
        article_no += 1
        names = [f"Selo {made + i:04d}" for i in range(min(PER_ARTICLE, places - made))]
        sentences = [
            f"Shelling was reported near {name} on day {i + 1}, officials said."
            for i, name in enumerate(names)
        ]
        text = " ".join(sentences) + " Fighting continued in the Kursk region."
        article = ws.articles.add(NewArticle(title=f"Report {article_no}", text=text))
        items = []
        for n, name in enumerate(names):
            start = text.index(name)
            lon, lat = rng.uniform(30.0, 40.0), rng.uniform(47.0, 53.5)
            attrs = {"canonical_name": name, "latitude": lat, "longitude": lon}
            items.append({"kind": "place", "start": start, "end": start + len(name),
                          "attributes": attrs, "analyst": olena})  # fmt: skip
            if n % 4 == 0:
                shifted = dict(attrs)
                if n % 20 == 0:
                    shifted["latitude"] = lat + 0.3  # a conflicting position
                items.append({"kind": "place", "start": start, "end": start + len(name),
                              "attributes": shifted, "analyst": mark})  # fmt: skip
        by_author: dict[int, list] = {}
        for item in items:
            by_author.setdefault(id(item["analyst"]), []).append(item)
        for group in by_author.values():
            author = group[0]["analyst"]
            ws.annotations.bulk_create(
                article.id, [{k: v for k, v in i.items() if k != "analyst"} for i in group], author
            )
        made += len(names)
    return ws


def median_ms(fn, repeat: int) -> float:
    return measure(fn, repeat)[0]


def measure(fn, repeat: int) -> tuple[float, float]:
    """Medians of wall-clock and of this process's CPU milliseconds. On a shared machine
    the CPU time is the steadier of the two: waiting for a core is not counted."""
    times, cpu = [], []
    for _ in range(repeat):
        # Each repetition starts with no garbage left by the last (a panel and its scene):
        # a full collection of the process's ~165,000 objects costs more than the map.
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return statistics.median(times), statistics.median(cpu)


def open_map(app: QApplication, records: list | None, ws: Workspace | None) -> MapPanel:
    panel = MapPanel(FixedWorkspace(ws))
    panel.resize(1000, 700)
    if ws is not None:  # what MapPanel.reload shows before the texts are read
        panel.set_records(place_summaries(ws), complete=False)
    elif records is not None:
        panel.set_records(records)
    panel.show()
    panel.canvas.repaint()  # the first frame, painted now
    app.processEvents()
    return panel


def pan_frames(panel: MapPanel, frames: int) -> list[float]:
    """Seconds per frame of a long drag: 7 pixels a frame, turning every 120 frames, so
    the map also leaves the painted area and is laid out again now and then."""
    canvas = panel.canvas
    times = []
    for i in range(frames):
        began = time.perf_counter()
        step = 7 if (i // 120) % 2 == 0 else -7
        canvas.view = canvas.view.panned(step, step / 2)
        canvas.repaint()
        times.append(time.perf_counter() - began)
    return times


def export_seconds(ws: Workspace, out: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        export_briefing(ws, BriefingOptions(), out)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="200 places, fewer repeats")
    args = parser.parse_args()
    places = 200 if args.quick else args.places
    repeat = 3 if args.quick else 7
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = build_store(folder, places)
        index = build_index(ws)  # warm: the gazetteer and base map load once per process
        assert len([p for p in index.places if p.tags]) >= places
        open_map(app, [], None).close()

        empty, empty_cpu = measure(lambda: open_map(app, [], None).close(), repeat)
        full, full_cpu = measure(lambda: open_map(app, None, ws).close(), repeat)
        emit(f"map_open_ms_{places}_places", full, "ms", empty)
        emit(f"map_open_cpu_ms_{places}_places", full_cpu, "ms", empty_cpu)
        records = build_index(ws).places
        shown = median_ms(lambda: open_map(app, records, None).close(), repeat)
        emit(f"map_show_ms_{places}_places_read", shown, "ms", empty)
        panel = open_map(app, None, ws)

        def full_records() -> None:
            panel.set_records(build_index(ws).places)
            panel.canvas.repaint()

        records_ms, records_cpu = measure(full_records, repeat)
        emit(f"map_records_ms_{places}_places", records_ms, "ms", empty)
        emit(f"map_records_cpu_ms_{places}_places", records_cpu, "ms", empty_cpu)
        panel.close()

        frames = 120 if args.quick else 480
        panel = open_map(app, records, None)
        times = pan_frames(panel, frames)
        panel.close()
        bare = open_map(app, [], None)
        bare_times = pan_frames(bare, frames)
        bare.close()
        emit(
            f"map_pan_fps_{places}_places",
            frames / sum(times),
            "frames/s",
            frames / sum(bare_times),
        )
        emit(
            f"map_pan_slowest_frame_ms_{places}_places",
            max(times) * 1000,
            "ms",
            max(bare_times) * 1000,
        )

        page = median_ms(lambda: briefing_places.map_image(_rows(ws)), 3) / 1000
        emit(f"map_page_{places}_places_s", page, "s")

        samples = Workspace(open_store(str(folder / "samples.sqlite")), "Bench")
        load_samples(samples.store)
        out = folder / "briefing.docx"
        export_seconds(samples, out, 1)  # warm
        with_map = export_seconds(samples, out, repeat)
        real = briefing_places.map_image
        briefing_places.map_image = lambda rows: None
        try:
            without = export_seconds(samples, out, repeat)
        finally:
            briefing_places.map_image = real
        emit("export_map_page_s", with_map - without, "s", without)


def _rows(ws: Workspace) -> list:
    """The Places rows of a briefing over every article of ``ws``."""
    from kursk_annotator.core.export.briefing_data import PlaceRow
    from kursk_annotator.core.export.briefing_places import PlaceDetails

    rows = []
    for n, r in enumerate(p for p in build_index(ws, untagged=False).places if p.position):
        rows.append(
            PlaceRow(
                r.name,
                r.mention_count,
                [],
                r.position,
                n + 1,
                r.conflict,
                PlaceDetails(r.report_count, len(r.tags), r.status),
            )
        )
    return rows


if __name__ == "__main__":
    main()
