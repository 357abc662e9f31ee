"""Suggestions: precision and recall per kind on the labelled sets, and speed.

    .venv/bin/python bench/bench_suggest.py [--quick] [--details]

Labelled sets (rules in docs/suggestion-labels.md): tests/suggest_labels/samples.json
(the five sample articles), tests/suggest_labels/wire.json (short wire-style
fragments written apart from the rules) and tests/suggest_labels/news.json (five news
stories not about Kursk, in different styles and languages, labelled before the
suggesters ran on them, then used to fix general weaknesses) and
tests/suggest_labels/heldout.json (four more stories, labelled after the last change of
the rules and not used to change them). A suggestion matches a label of its kind when
their spans overlap (each used once). Attributes are checked on matched pairs: a
figure's value, a place within 0.05 degrees, a claim's speaker (the same name, ignoring
case, "the" and one containing the other).

Speed: a 10 KB and a 1 MB article (sample text repeated), median of 5 runs (3 with
--quick), beside a floor measured in the same run (one regex pass over the same text);
the gazetteer's load time and added memory in a fresh process.
Prints one JSON line per metric: {"metric", "value", "unit", "baseline", "ratio"}.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kursk_annotator.core.suggest import suggest  # noqa: E402

LABEL_SETS = {
    "samples": ROOT / "tests" / "suggest_labels" / "samples.json",
    "wire": ROOT / "tests" / "suggest_labels" / "wire.json",
    "news": ROOT / "tests" / "suggest_labels" / "news.json",
    "heldout": ROOT / "tests" / "suggest_labels" / "heldout.json",
}
KINDS = {"figures": "figure", "places": "place", "claims": "claim"}


def gold_spans(text: str, label: dict) -> list[tuple[int, int]]:
    """Every span a label names: each occurrence of ctx (or q), then q inside it."""
    context = label.get("ctx") or label["q"]
    spans = []
    for match in re.finditer(re.escape(context), text):
        inner = text.find(label["q"], match.start(), match.end())
        if inner != -1:
            spans.append((inner, inner + len(label["q"])))
    if not spans:
        raise SystemExit(f"label not found in text: {label}")
    return spans


def _speaker_key(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name.lower())
    return " ".join(w for w in re.findall(r"\w+", name) if w != "the")


def attribute_ok(kind: str, label: dict, attributes: dict) -> bool | None:
    """Whether the suggestion's attribute agrees with the label; None: not checked."""
    if kind == "figure":
        if label.get("value") is None:
            return None
        value = attributes.get("value")
        return value is not None and abs(value - label["value"]) <= 1e-6 * abs(label["value"])
    if kind == "place":
        if label.get("lat") is None:
            return None
        lat, lon = attributes.get("latitude"), attributes.get("longitude")
        return (
            lat is not None and abs(lat - label["lat"]) <= 0.05 and abs(lon - label["lon"]) <= 0.05
        )
    want = _speaker_key(label["speaker"])
    got = _speaker_key(attributes.get("attributed_to") or "")
    return bool(got) and (want in got or got in want)


def evaluate(label_file: Path, details: bool) -> dict[str, dict[str, float]]:
    data = json.loads(label_file.read_text(encoding="utf-8"))
    totals = {k: {"gold": 0, "pred": 0, "hit_gold": 0, "hit_pred": 0, "attr": 0, "attr_n": 0}
              for k in KINDS.values()}  # fmt: skip
    for article in data["articles"]:
        text = article.get("text")
        if text is None:
            text = (ROOT / article["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(article["date"]) if article.get("date") else None
        found = suggest(text, article_date=published)
        for key, kind in KINDS.items():
            golds = [(span, label) for label in article[key] for span in gold_spans(text, label)]
            golds = list({span: (span, label) for span, label in golds}.values())
            preds = [s for s in found if s.kind == kind]
            used: set[int] = set()
            total = totals[kind]
            total["gold"] += len(golds)
            total["pred"] += len(preds)
            for (start, end), label in golds:
                match = next(
                    (i for i, s in enumerate(preds)
                     if i not in used and s.start < end and start < s.end),
                    None,
                )  # fmt: skip
                if match is None:
                    if details:
                        print(f"  MISSED {kind}: {text[start:end]!r}", file=sys.stderr)
                    continue
                used.add(match)
                total["hit_gold"] += 1
                ok = attribute_ok(kind, label, preds[match].attributes)
                if ok is not None:
                    total["attr_n"] += 1
                    total["attr"] += int(ok)
                    if details and not ok:
                        print(
                            f"  WRONG {kind}: {text[start:end]!r} {preds[match].attributes}",
                            file=sys.stderr,
                        )
            total["hit_pred"] += len(used)
            if details:
                for i, s in enumerate(preds):
                    if i not in used:
                        print(f"  EXTRA {kind}: {s.quote[:80]!r}", file=sys.stderr)
    return totals


def report(name: str, totals: dict[str, dict[str, float]]) -> None:
    for kind, t in totals.items():
        precision = t["hit_pred"] / t["pred"] if t["pred"] else 0.0
        recall = t["hit_gold"] / t["gold"] if t["gold"] else 0.0
        emit(f"suggest.{name}.{kind}.precision", precision, "ratio")
        emit(f"suggest.{name}.{kind}.recall", recall, "ratio")
        if t["attr_n"]:
            emit(f"suggest.{name}.{kind}.attribute_right", t["attr"] / t["attr_n"], "ratio")
        emit(f"suggest.{name}.{kind}.labels", t["gold"], "count")


def _median_seconds(function, runs: int, clock=time.perf_counter) -> float:
    times = []
    for _ in range(runs):
        started = clock()
        function()
        times.append(clock() - started)
    return statistics.median(times)


def speed(runs: int) -> None:
    corpus = "\n\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "sample_data" / "articles").glob("*.txt"))
    )
    suggest("warm-up: Sudzha, 12 thousand soldiers, the ministry said.")  # gazetteer loaded
    floor = re.compile(r"\w+")
    for label, size in (("10KB", 10_000), ("1MB", 1_000_000)):
        text = (corpus * (size // len(corpus) + 1))[:size]
        seconds = _median_seconds(lambda t=text: suggest(t, article_date=date(2025, 2, 6)), runs)
        baseline = _median_seconds(lambda t=text: floor.findall(t), runs)
        emit(f"suggest.time_{label}", seconds * 1000, "ms", baseline * 1000)
        # CPU time as well: on a shared machine the wall clock also counts other work.
        cpu = _median_seconds(
            lambda t=text: suggest(t, article_date=date(2025, 2, 6)), runs, time.process_time
        )
        cpu_floor = _median_seconds(lambda t=text: floor.findall(t), runs, time.process_time)
        emit(f"suggest.cpu_{label}", cpu * 1000, "ms", cpu_floor * 1000)
    probe = (
        "import time, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096\n"
        "import regex, kursk_annotator.core.resources\n"
        "before = rss(); started = time.perf_counter(); cpu = time.process_time()\n"
        "from kursk_annotator.core.gazetteer import load_gazetteer\n"
        "g = load_gazetteer()\n"
        "print(time.perf_counter() - started, rss() - before, len(g), time.process_time() - cpu)\n"
    )
    loads, memory, cpus = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        ).stdout.split()
        loads.append(float(out[0]))
        memory.append(int(out[1]))
        cpus.append(float(out[3]))
    emit("gazetteer.load_time", statistics.median(loads) * 1000, "ms")
    emit("gazetteer.load_cpu", statistics.median(cpus) * 1000, "ms")
    emit("gazetteer.memory", statistics.median(memory) / 1e6, "MB")
    emit("gazetteer.places", int(out[2]), "count")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 5")
    parser.add_argument("--details", action="store_true", help="misses and extras to stderr")
    parser.add_argument("--no-speed", action="store_true", help="quality only")
    parser.add_argument("--set", choices=sorted(LABEL_SETS), help="one labelled set only")
    args = parser.parse_args()
    for name, path in LABEL_SETS.items():
        if args.set in (None, name):
            report(name, evaluate(path, args.details))
    if not args.no_speed:
        speed(3 if args.quick else 5)


if __name__ == "__main__":
    main()
