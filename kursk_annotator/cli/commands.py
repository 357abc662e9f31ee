"""The basic CLI commands: articles, show, annotate, annotations, load-samples.

Each opens the workspace and calls the same services as the GUI.
"""

from __future__ import annotations

import argparse
import sys

from kursk_annotator.cli.output import annotation_line, one_line, print_json
from kursk_annotator.core import kinds, listings
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import iso
from kursk_annotator.core.workspace import Workspace, open_workspace

# Reading commands (articles, show, annotations) go through core.listings: they never
# define the ORM classes or the attribute models, which the writing commands import.


def workspace_for(args: argparse.Namespace) -> Workspace:
    """The workspace named by the global --db and --analyst options."""
    ws = open_workspace(getattr(args, "db", None), getattr(args, "analyst", None))
    ws.store.on_wait = _say_waiting
    return ws


def _say_waiting() -> None:
    print(
        "kursk-annotator: waiting for the store: another program is writing to it "
        "(giving up after 5 s)",
        file=sys.stderr,
        flush=True,
    )


def cmd_articles(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    if args.json:
        print_json([a.as_json() for a in listings.list_articles(ws.store)])
        return 0
    # The lines show no text length or source: the light listing skips reading the texts.
    counts = listings.kind_counts(ws.store)
    articles = listings.list_articles(ws.store, light=True)
    if not articles:
        print("no articles yet: import some with 'kursk-annotator import FILE...'")
    keys = [(k.key, k.name) for k in kinds.all_kinds()]
    lines = []
    for a in articles:
        per_kind = counts.get(a.id, {})
        shown = " ".join(f"{key}{per_kind.get(name, 0)}" for key, name in keys)
        lines.append(
            f"{a.id:>4}  {iso(a.published) or '':<10}  {one_line(a.outlet or '-', 18):<18}  "
            f"{shown:<14}  {one_line(a.title, 70)}\n"
        )
    sys.stdout.write("".join(lines))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    article = listings.article_row(ws.store, args.article_id)
    meta = {
        "id": article.id,
        "uid": article.uid,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": iso(article.published),
        "language": article.language,
        "length": len(article.text),
        "content_hash": article.content_hash,
        "source_name": article.source_name,
        "source_format": article.source_format,
        "source_size": article.source_size,
        "source_hash": article.source_hash,
        "normalisation": article.normalisation,
        "imported_at": iso(article.imported_at),
    }
    if args.json:
        print_json({**meta, "text": article.text})
        return 0
    for key, value in meta.items():
        if value is not None:
            print(f"{key + ':':<15} {value}")
    print()
    print(article.text)
    return 0


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _attributes(args: argparse.Namespace) -> dict[str, object]:
    """The attribute options given, checked against the kind being tagged."""
    attributes: dict[str, object] = {}
    wrong: dict[str, list[str]] = {}  # the kind an option belongs to -> options given
    from kursk_annotator.cli.attribute_options import attribute_options

    for option, (name, owners) in attribute_options().items():
        value = getattr(args, f"attr_{name}", None)
        if value is None:
            continue
        if any(k.name == args.kind for k in owners):
            attributes[name] = value
        else:
            wrong.setdefault(" or ".join(_a(k.name) for k in owners), []).append(option)
    for owner, given in wrong.items():
        verb = "applies" if len(given) == 1 else "apply"
        raise UserError(f"{', '.join(given)} {verb} to {owner}, not {_a(args.kind)}")
    return attributes


def cmd_annotate(args: argparse.Namespace) -> int:
    from kursk_annotator.core.anchoring import check_span, find_quote
    from kursk_annotator.core.attributes import validate_attributes

    attributes = _attributes(args)
    if args.start is not None and args.end is None:
        raise UserError("--start needs --end")
    if args.quote is not None and args.end is not None:
        raise UserError("give --quote or --start/--end, not both")
    ws = workspace_for(args)
    service = ws.annotations
    text = service.article_text(args.article_id)  # a clear error for an unknown id
    # Locate and check the span before anything is written (the analyst row included).
    if args.quote is not None:
        start, end = find_quote(text, args.quote, args.occurrence)
    else:
        start, end = args.start, args.end
        check_span(text, start, end)
    # What the quote says (a figure's value, unit and interval), unless given as options;
    # the analyst's own numbers replace the interval read from the words.
    read = kinds.get(args.kind).read_quote(text[start:end])
    if any(k in attributes for k in ("value", "value_max", "low", "high")):
        read.pop("low", None)
        read.pop("high", None)
    attributes = {**read, **attributes}
    if "as_of" in {f.name for f in kinds.get(args.kind).fields()} and "as_of" not in attributes:
        # When the figure holds (or the claim was said), from the sentence around it.
        from kursk_annotator.core.evidence.asof import as_of_from_text, sentence_around

        published = ws.articles.get(args.article_id).published
        found = as_of_from_text(sentence_around(text, start, end), published)
        if found:
            attributes["as_of"] = found
    attributes = validate_attributes(args.kind, attributes)
    ws.evidence.check_references(args.kind, attributes)  # nothing written if refused
    created = service.create(
        args.article_id, args.kind, start, end, ws.analyst, note=args.note, attributes=attributes
    )
    if args.json:
        print_json(created.as_json())
    else:
        print(annotation_line(created))
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    ws = open_workspace(args.db)
    ws.store.on_wait = _say_waiting
    if args.article is not None:
        listings.article_row(ws.store, args.article, text=False)  # one line if unknown
    # Read and written a batch at a time: a whole store's listing never sits in memory.
    filters = {
        "article_id": args.article,
        "analysts": args.of_analyst,
        "kinds": args.kind,
        "statuses": args.status,
    }
    if args.json and ws.store.is_sqlite:
        # The driver's rows written as JSON text: no records, no result processing.
        from kursk_annotator.cli.json_stream import annotation_json, write_json_items

        rows = listings.raw_annotation_rows(ws.store, **filters)
        write_json_items(map(annotation_json, rows), sys.stdout)
        return 0
    found = listings.stream_annotations(ws.store, **filters)
    if args.json:
        print_json(a.as_json() for a in found)
        return 0
    shown = 0
    for a in found:
        print(annotation_line(a))
        shown += 1
    if not shown:
        print("no annotations match")
    return 0


def cmd_export_table(args: argparse.Namespace) -> int:
    from kursk_annotator.core.export.table_export import TableFilter, export_table

    ws = open_workspace(args.db)
    flt = TableFilter(
        article_id=args.article,
        analysts=args.of_analyst or (),
        kinds=args.kind or (),
        statuses=args.status or (),
    )
    count = export_table(ws, args.output, flt)
    print(f"wrote {count:,} annotation{'s' if count != 1 else ''} to {args.output}")
    return 0


def cmd_load_samples(args: argparse.Namespace) -> int:
    from kursk_annotator.core.samples import load_samples

    ws = workspace_for(args)
    report = load_samples(ws.store)
    print(
        f"sample data in {ws.store.describe()}: {report.articles_added} articles added "
        f"({report.articles_present} already there), {report.annotations_added} annotations added "
        f"({report.annotations_present} already there), {report.reviews_added} reviews added"
    )
    return 0
