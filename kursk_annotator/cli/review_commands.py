"""Review commands: verdicts and threads, agreement, history, W3C exchange, orphans."""

from __future__ import annotations

import argparse
from pathlib import Path

from kursk_annotator.cli.commands import workspace_for
from kursk_annotator.cli.output import annotation_line, one_line, print_json
from kursk_annotator.core import kinds
from kursk_annotator.core.change_summary import field_changes
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import iso


def _id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not an id (ids start at 1)")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    # For export, --analyst filters whose annotations to write (as in 'annotations'),
    # so that subcommand takes --db from this parent and defines its own --analyst.
    db_only = argparse.ArgumentParser(add_help=False)
    db_only.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)

    p = sub.add_parser(
        "export-annotations",
        parents=[db_only],
        help="write annotations as W3C Web Annotation JSON-LD",
    )
    p.add_argument("out", metavar="OUT.jsonld")
    p.add_argument("--article", type=_id, action="append", metavar="ID", help="repeatable")
    p.add_argument(
        "--analyst",
        "--of-analyst",
        dest="of_analyst",
        action="append",
        metavar="NAME",
        help="only this analyst's annotations (repeatable)",
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import-annotations",
        parents=[common],
        help="read W3C Web Annotations, re-anchoring them in our articles",
    )
    p.add_argument("file", metavar="IN.jsonld")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "review", parents=[common], help="accept, reject or question an annotation, or comment"
    )
    p.add_argument("annotation_id", type=_id, metavar="ANNOTATION_ID")
    verdict = p.add_mutually_exclusive_group()
    verdict.add_argument("--accept", dest="verdict", action="store_const", const="accept")
    verdict.add_argument("--reject", dest="verdict", action="store_const", const="reject")
    verdict.add_argument(
        "--request-changes", dest="verdict", action="store_const", const="request_changes"
    )
    p.add_argument("--comment", default="", metavar="TEXT")
    p.add_argument(
        "--reply-to", type=_id, metavar="ENTRY_ID", help="answer this entry of the thread"
    )
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("thread", parents=[common], help="show an annotation's review thread")
    p.add_argument("annotation_id", type=_id, metavar="ANNOTATION_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_thread)

    p = sub.add_parser(
        "requests", parents=[common], help="requests for changes to your annotations"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_requests)

    p = sub.add_parser("agreement", parents=[common], help="compare two analysts on an article")
    p.add_argument("article_id", type=_id, metavar="ARTICLE_ID")
    p.add_argument("--analysts", nargs=2, required=True, metavar=("A", "B"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_agreement)

    p = sub.add_parser("history", parents=[common], help="every change of an annotation")
    p.add_argument("annotation_id", type=_id, metavar="ANNOTATION_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("orphans", parents=[common], help="imported annotations not anchored")
    p.add_argument("--article", type=_id, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_orphans)


def cmd_export(args: argparse.Namespace) -> int:
    from kursk_annotator.core.exchange.w3c import export_to_file

    ws = workspace_for(args)
    out = Path(args.out)
    total = export_to_file(ws, out, args.article, args.of_analyst)
    print(f"wrote {total} annotation(s) to {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kursk_annotator.core.exchange.importer import import_annotations

    report = import_annotations(workspace_for(args), Path(args.file))
    if args.json:
        print_json(report.as_json())
    else:
        print(
            f"anchored {report.anchored}, re-anchored {report.reanchored}, "
            f"orphaned {report.orphaned}, duplicates {report.duplicates}, "
            f"unknown articles {len(report.unknown_articles)}, invalid {len(report.invalid)}"
        )
        for source, count in report.unknown_articles.items():
            print(f"unknown article {source}: {count} annotation(s) kept as orphans")
        for line in report.invalid:
            print(f"invalid: {line}")
        if report.orphaned:
            print("list the orphans with 'kursk-annotator orphans'")
    return 1 if report.invalid else 0


def cmd_review(args: argparse.Namespace) -> int:
    if args.verdict and args.reply_to:
        raise UserError("--reply-to adds a comment: give it without a verdict")
    if not args.verdict and not args.comment.strip():
        raise UserError("give --accept, --reject, --request-changes or --comment TEXT")
    ws = workspace_for(args)
    if args.reply_to:
        entry = ws.reviews.reply(args.annotation_id, ws.analyst, args.comment, args.reply_to)
    else:
        entry = ws.reviews.review(
            args.annotation_id, ws.analyst, args.verdict or "comment", args.comment
        )
    annotation = ws.annotations.get(args.annotation_id)
    print(f"{entry.verdict} by {entry.analyst} (entry {entry.id}); now {annotation.status}")
    print(annotation_line(annotation))
    return 0


def cmd_thread(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    ws.annotations.get(args.annotation_id)
    entries = ws.reviews.thread(args.annotation_id)
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    depth: dict[int, int] = {}
    for e in entries:
        depth[e.id] = depth.get(e.parent_id or 0, -1) + 1 if e.parent_id else 0
        text = f": {one_line(e.text, 80)}" if e.text else ""
        print(f"{'  ' * depth[e.id]}[{e.id}] {iso(e.created)} {e.analyst} {e.verdict}{text}")
    if not entries:
        print("no reviews yet")
    return 0


def cmd_requests(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    found = ws.reviews.change_requests_for(ws.analyst)
    if args.json:
        print_json([{"annotation": a.as_json(), "request": r.as_json()} for a, r in found])
        return 0
    for annotation, request in found:
        print(annotation_line(annotation))
        print(f"    {request.analyst} asks: {one_line(request.text or '(no comment)', 90)}")
    if not found:
        print(f"no requests for changes to {ws.analyst.name}'s annotations")
    return 0


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def cmd_agreement(args: argparse.Namespace) -> int:
    from kursk_annotator.core.agreement import compare_analysts

    ws = workspace_for(args)
    result = compare_analysts(ws, args.article_id, args.analysts[0], args.analysts[1])
    if args.json:
        print_json(result.as_json())
        return 0
    print(f"A = {result.analyst_a} (reference), B = {result.analyst_b}; {result.tokens} tokens")
    print(f"{'kind':<8} {'A':>3} {'B':>3}  exact P/R/F1          overlap P/R/F1        kappa")
    for kind in (*kinds.names(), "overall"):
        ex, ov = result.exact[kind], result.overlap[kind]
        print(
            f"{kind:<8} {ex.a_spans:>3} {ex.b_spans:>3}  "
            f"{_pct(ex.precision)} {_pct(ex.recall)} {_pct(ex.f1)}   "
            f"{_pct(ov.precision)} {_pct(ov.recall)} {_pct(ov.f1)}   {_pct(result.kappa[kind])}"
        )
    labels = {"both": "both", "different_kinds": "kinds differ", "only_a": "only A"}
    for row in result.rows:
        parts = []
        for side, ann in (("A", row.a), ("B", row.b)):
            if ann is not None:
                parts.append(f"{side} #{ann.id} {ann.kind} “{one_line(ann.quote, 40)}”")
        print(
            f"{labels.get(row.category, 'only B'):<13} {row.start:>6}-{row.end:<6} "
            + "  ".join(parts)
        )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    ws.annotations.get(args.annotation_id)
    entries = ws.history.for_entity("annotation", args.annotation_id)
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    for e in entries:
        # Each changed field in full on a line of its own, under the first.
        head = f"{iso(e.at)}  {e.analyst or '-':<18} {e.action:<8} "
        changes = [c.text() for c in field_changes(e.before, e.after)] or [""]
        print(head + changes[0])
        for change in changes[1:]:
            print(" " * len(head) + change)
    return 0


def cmd_orphans(args: argparse.Namespace) -> int:
    from kursk_annotator.core.exchange.orphans import list_orphans, orphan_json

    ws = workspace_for(args)
    found = list_orphans(ws, args.article)
    if args.json:
        print_json([orphan_json(o) for o in found])
        return 0
    for o in found:
        where = f"article {o.article_id}" if o.article_id else o.source
        print(
            f"{o.kind:<6} {o.reason:<16} {one_line(o.creator or '-', 18):<18} {where}: "
            f"“{one_line(o.quote, 60)}”"
        )
    if not found:
        print("no orphans: every imported annotation is anchored")
    return 0
