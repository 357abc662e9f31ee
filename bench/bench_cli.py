"""The command line on a large store: start-up of everyday commands, and --json output.

    .venv/bin/python bench/bench_cli.py [--quick] [--scale N]

On the store of ``bench/large_store.py`` (default scale 100: 1,000 articles, 200,000
annotations), each command a fresh process through ``python -m kursk_annotator``,
alternated in the same run with its floor:

- ``articles``, ``show ID`` and ``annotations --article ID`` beside
  ``python -c "import sqlmodel"`` (target: within 1.3x); median of 7 (3 with --quick);
- ``annotations --json`` over the whole store beside a floor that reads the same rows
  with plain ``sqlite3`` and writes the same JSON (target: within 1.2x, memory flat);
  median of 3 (1 with --quick), with each process's peak RSS.

Prints one JSON line per metric: {"metric", "value", "unit", "baseline", "ratio"}.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from large_store import large_store  # noqa: E402
from process_usage import measure  # noqa: E402

# The floor of --json: the same rows read with plain sqlite3, written as the same
# indented JSON built from strings (json's C string encoder) and written in chunks.
FLOOR_JSON = r"""
import json, sqlite3, sys
from json.encoder import encode_basestring as q
con = sqlite3.connect(sys.argv[1])
rows = con.execute(
    "SELECT a.id, a.uid, a.article_id, a.kind, a.start_offset, a.end_offset, a.quote,"
    " a.prefix, a.suffix, a.note, a.attributes, n.name, a.status, a.version,"
    " a.created_at, a.updated_at FROM annotation a JOIN analyst n ON n.id = a.analyst_id"
    " WHERE a.deleted_at IS NULL ORDER BY a.article_id, a.start_offset, a.end_offset, a.id")
def attrs(text):
    d = json.loads(text)
    if not d:
        return "{}"
    return "{\n" + ",\n".join(f"      {q(k)}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in d.items()) + "\n    }"
def stamp(s):
    return q(s[:19].replace(" ", "T") + "Z")
out, parts, size, sep = sys.stdout, [], 0, "[\n  "
for r in rows:
    text = (f"{sep}{{\n    \"id\": {r[0]},\n    \"uid\": {q(r[1])},\n"
            f"    \"article_id\": {r[2]},\n    \"kind\": {q(r[3])},\n"
            f"    \"start\": {r[4]},\n    \"end\": {r[5]},\n    \"quote\": {q(r[6])},\n"
            f"    \"prefix\": {q(r[7])},\n    \"suffix\": {q(r[8])},\n"
            f"    \"note\": {q(r[9])},\n    \"attributes\": {attrs(r[10])},\n"
            f"    \"analyst\": {q(r[11])},\n    \"status\": {q(r[12])},\n"
            f"    \"version\": {r[13]},\n    \"created\": {stamp(r[14])},\n"
            f"    \"updated\": {stamp(r[15])}\n  }}")
    sep = ",\n  "
    parts.append(text)
    size += len(text)
    if size > 1 << 16:
        out.write("".join(parts)); parts, size = [], 0
out.write("".join(parts) + ("[]\n" if sep == "[\n  " else "\n]\n"))
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(CPU ms, peak RSS MiB, wall ms) of ``python args`` in a fresh process."""
    cpu, wall, peak = measure(args, env, timeout=900)
    return cpu * 1000, peak, wall * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", type=int, default=None, choices=(1, 10, 100))
    parser.add_argument("--only", choices=("start", "json"))
    options = parser.parse_args()
    scale = options.scale or (10 if options.quick else 100)
    runs = 3 if options.quick else 7
    db = str(large_store(scale))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules cached
    with tempfile.TemporaryDirectory() as home:
        env.update(HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home, PYTHONPATH=str(ROOT))
        env["KURSK_ANNOTATOR_ANALYST"] = "Bench Analyst"
        middle = str(5 * scale)
        cli = ["-m", "kursk_annotator", "--db", db]
        floor = ["-c", "import sqlmodel"]
        commands = {
            "articles": [*cli, "articles"],
            "show": [*cli, "show", middle],
            "annotations_article": [*cli, "annotations", "--article", middle],
        }
        if options.only != "json":
            for args in (floor, *commands.values()):
                run(args, env)  # warm the file cache and compiled modules
            cpu: dict[str, list[float]] = {"floor": [], **{k: [] for k in commands}}
            wall: dict[str, list[float]] = {"floor": [], **{k: [] for k in commands}}
            for _ in range(runs):
                for name, args in (("floor", floor), *commands.items()):
                    used, _rss, elapsed = run(args, env)
                    cpu[name].append(used)
                    wall[name].append(elapsed)
            for unit, times in (("cpu_ms", cpu), ("wall_ms", wall)):
                base = statistics.median(times["floor"])
                emit(f"import_sqlmodel_floor_{unit}", base, "ms")
                for name in commands:
                    emit(f"cli_{name}_{scale}x_{unit}", statistics.median(times[name]), "ms", base)
        if options.only != "start":
            json_runs = 1 if options.quick else 3
            ours, floors, our_rss, floor_rss, import_rss = [], [], [], [], []
            our_wall, floor_wall = [], []
            for _ in range(json_runs):
                t, r, w = run(["-c", FLOOR_JSON, db], env)
                floors.append(t)
                floor_rss.append(r)
                floor_wall.append(w)
                t, r, w = run([*cli, "annotations", "--json"], env)
                ours.append(t)
                our_rss.append(r)
                our_wall.append(w)
                import_rss.append(run(floor, env)[1])
            base = statistics.median(floors)
            emit(f"cli_annotations_json_{scale}x_cpu_ms", statistics.median(ours), "ms", base)
            emit(
                f"cli_annotations_json_{scale}x_wall_ms",
                statistics.median(our_wall),
                "ms",
                statistics.median(floor_wall),
            )
            emit(f"json_floor_peak_rss_{scale}x", max(floor_rss), "MiB")
            # Memory: against a process that only imports SQLModel (what every command
            # holds before reading a row): the streamed listing adds what it buffers.
            emit(f"cli_annotations_json_peak_rss_{scale}x", max(our_rss), "MiB", max(import_rss))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
