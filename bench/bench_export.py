"""Word briefing export speed, beside python-docx's own add_comment, in the same run.

    .venv/bin/python bench/bench_export.py [--articles 100] [--per-article 100] [--bare 1000]
    .venv/bin/python bench/run.py export          # the same, through the benchmark runner

Builds a store in a temporary folder with ``AnnotationService.bulk_create`` (100
articles carrying 10,000 annotations by default, some of them crossing each other), then
times ``export_briefing`` end to end: reading the store, the tables, every annotation as
a highlighted run with its Word comment, and the atomic save. For scale it times a bare
python-docx script calling ``Document.add_comment`` on 1,000 runs, and our comment writer
doing the same 1,000 comments. Prints one JSON line per metric:
``{"metric", "value", "unit", "baseline", "ratio"}`` where ratio = value / baseline.
The target: the 10,000-annotation export within 5 s.

    .venv/bin/python bench/bench_export.py --scaled [--sizes 10,100,1000]

Exports at growing size (10, 100 and 1,000 articles of 100 annotations: 1,000, 10,000
and 100,000 annotations), each a fresh process through the command line
(``export-docx`` and ``export-annotations``): CPU time, wall time and peak memory (the
process's own high-water mark, VmHWM), beside a floor process that only imports what the
exports import (python-docx, SQLModel), and the growth exponent k (time ~ size^k, from
the smallest to the largest, and between the two largest), with the load average after
each export. The target: <= 400 MiB at 100,000 annotations, k about 1.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from metrics import emit  # bench/ is on sys.path when a script runs
from process_usage import measure

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

TARGET_S = 5.0
PLACES = ("Sudzha", "Korenevo", "Glushkovo", "Berdin", "Makhnovka", "Kursk Oblast")


def build_store(folder: Path, articles: int, per_article: int) -> Workspace:
    """``articles`` articles, each with ``per_article`` sentences and one annotation each."""
    ws = Workspace(open_store(str(folder / "bench.sqlite")), "Bench Reviewer")
    authors = [ws.analysts.ensure("Olena Kovalchuk", "OK"), ws.analysts.ensure("Mark Davies", "MD")]
    for n in range(articles):
        sentences, items, offset = [], [], 0
        for i in range(per_article):
            troops = 1000 + 37 * i + n
            place = PLACES[(i + n) % len(PLACES)]
            sentence = (
                f"On day {i + 1} of report {n + 1}, about {troops:,} troops moved near {place} "
                "while officials said the line held."
            )
            kind = ("figure", "place", "claim")[i % 3]
            if kind == "figure":
                start = sentence.index("about")
                end = sentence.index(" troops") + len(" troops")
                attrs = {"value": troops, "unit": "troops", "counts": f"troops near {place}"}
            elif kind == "place":
                start = sentence.index(place)
                end = start + len(place)
                attrs = {"canonical_name": place}
            else:
                start = sentence.index("officials")
                end = len(sentence)
                if i % 10 == 2 and i + 1 < per_article:
                    end += 20  # crosses into the next sentence's figure
                attrs = {"attributed_to": f"Official {i % 7}", "credibility": "possible"}
            items.append(
                {
                    "kind": kind,
                    "start": offset + start,
                    "end": offset + end,
                    "attributes": attrs,
                    "note": "checked against the wire copy" if i % 5 == 0 else "",
                    "status": "accepted" if i % 4 == 0 else "pending",
                }
            )
            sentences.append(sentence)
            # Four sentences to a paragraph.
            offset += len(sentence) + (2 if i % 4 == 3 else 1)
        text = "".join(
            s + ("\n\n" if i % 4 == 3 else " ") for i, s in enumerate(sentences)
        ).rstrip()
        article = ws.articles.add(
            NewArticle(
                text=text,
                title=f"Bench report {n + 1}",
                outlet="Bench Wire",
                published=date(2025, 1, 1 + n % 28),
            )
        )
        ws.annotations.bulk_create(article.id or 0, items, authors[n % 2])
    return ws


def bare_python_docx(folder: Path, count: int) -> float:
    """What a plain python-docx script does: one paragraph of runs, add_comment on each."""
    import docx

    began = time.perf_counter()
    document = docx.Document()
    paragraph = document.add_paragraph()
    runs = [paragraph.add_run(f"word {i} ") for i in range(count)]
    for i, run in enumerate(runs):
        document.add_comment(run, text=f"comment {i}", author="Olena Kovalchuk", initials="OK")
    document.save(str(folder / "bare.docx"))
    return time.perf_counter() - began


def our_comments(folder: Path, count: int) -> float:
    """The same 1,000 comments on 1,000 runs through our comment writer."""
    import docx

    from kursk_annotator.core.export.docx_comments import (
        CommentWriter,
        range_end_xml,
        range_start_xml,
    )
    from kursk_annotator.core.export.docx_xml import append_xml, paragraph_xml, plain_run_xml

    began = time.perf_counter()
    document = docx.Document()
    writer = CommentWriter(document)
    parts = []
    for i in range(count):
        cid = writer.add("Olena Kovalchuk", "OK", None, [(f"comment {i}", False)])
        parts.append(range_start_xml(cid) + plain_run_xml(f"word {i} ") + range_end_xml(cid))
    body = document.element.body
    sect_pr = body.sectPr  # section properties stay the body's last child
    body.remove(sect_pr)
    append_xml(body, paragraph_xml("".join(parts)))
    body.append(sect_pr)
    writer.flush()
    document.save(str(folder / "ours.docx"))
    return time.perf_counter() - began


def probe(args: list[str]) -> tuple[float, float, float]:
    """(CPU s, wall s, peak RSS MiB) of ``python args`` in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return measure(args, env, timeout=3600)


def scaled(sizes: list[int]) -> None:
    """export-docx and export-annotations at each size: time, memory, growth."""
    floor = ["-c", "import docx, sqlmodel, lxml.etree"]
    results: dict[str, list[tuple[int, float, float, float]]] = {"docx": [], "w3c": []}
    with tempfile.TemporaryDirectory(prefix="kursk-bench-") as tmp:
        for articles in sizes:
            folder = Path(tmp) / str(articles)
            folder.mkdir()
            ws = build_store(folder, articles, 100)
            ws.close()
            db = str(folder / "bench.sqlite")
            total = articles * 100
            cli = ["-m", "kursk_annotator", "--db", db, "--analyst", "Bench Reviewer"]
            base_cpu, _wall, base_rss = probe(floor)
            for name, command in (
                ("docx", [*cli, "export-docx", str(folder / "b.docx")]),
                ("w3c", [*cli, "export-annotations", str(folder / "a.jsonld")]),
            ):
                cpu, wall, rss = probe(command)
                results[name].append((total, cpu, wall, rss))
                emit(f"export_{name}_{total}_cpu", cpu, "s")
                emit(f"export_{name}_{total}_wall", wall, "s")
                emit(f"export_{name}_{total}_peak_rss", rss, "MiB", base_rss)
                emit(f"load_average_after_{name}_{total}", os.getloadavg()[0], "")
            emit(f"import_floor_{total}_cpu", base_cpu, "s")
            (folder / "bench.sqlite").unlink()
    for name, rows in results.items():
        (n0, cpu0, _w0, _r0), (n1, cpu1, _w1, _r1) = rows[0], rows[-1]
        if n1 > n0:
            emit(f"export_{name}_growth_k_cpu", math.log(cpu1 / cpu0) / math.log(n1 / n0), "")
        # Between the two largest sizes, where the fixed cost of starting a process
        # (about 1 s of imports) no longer hides how the work itself grows.
        if len(rows) > 2:
            (n0, cpu0, _w0, _r0), (n1, cpu1, _w1, _r1) = rows[-2], rows[-1]
            k = math.log(cpu1 / cpu0) / math.log(n1 / n0)
            emit(f"export_{name}_growth_k_cpu_{n0}_{n1}", k, "")
    emit("load_average_1min", os.getloadavg()[0], "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=100)
    parser.add_argument("--bare", type=int, default=1000, help="comments for the bare script")
    parser.add_argument("--quick", action="store_true", help="10 articles x 20, a smoke test")
    parser.add_argument("--scaled", action="store_true", help="exports at growing size")
    parser.add_argument("--sizes", default="10,100,1000", help="articles (x 100 annotations)")
    args = parser.parse_args()
    if args.scaled:
        scaled([int(n) for n in args.sizes.split(",")])
        return 0
    if args.quick:
        args.articles, args.per_article, args.bare = 10, 20, 200
    with tempfile.TemporaryDirectory(prefix="kursk-bench-") as tmp:
        folder = Path(tmp)
        import docx  # noqa: F401 - imported once up front, so no timing below pays for it

        bare = bare_python_docx(folder, args.bare)
        emit(f"python_docx_add_comment_{args.bare}", bare, "s")
        ours = our_comments(folder, args.bare)
        emit(f"comment_writer_{args.bare}", ours, "s", round(bare, 4))

        began = time.perf_counter()
        ws = build_store(folder, args.articles, args.per_article)
        emit("bench_store_build", time.perf_counter() - began, "s")
        total = args.articles * args.per_article
        options = BriefingOptions(marking="UNCLASSIFIED — FOR TRAINING", author="Bench Reviewer")
        out = folder / "briefing.docx"
        result = export_briefing(ws, options, out)
        assert result.comments == total, (result.comments, total)
        emit(f"export_docx_{total}_annotations", result.seconds, "s", TARGET_S)
        emit("export_docx_file_size", out.stat().st_size / 1e6, "MB")
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
