"""Export commands (Word briefings, W3C annotations)."""

from __future__ import annotations

import argparse

from kursk_annotator.cli.commands import workspace_for
from kursk_annotator.cli.output import print_json
from kursk_annotator.core import kinds


def _article_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an article id") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not an article id (they start at 1)")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    # Not parented on ``common``: here --analyst filters whose annotations go in (as for
    # 'annotations'); who is exporting comes from the global --analyst before the command.
    p = sub.add_parser(
        "export-docx",
        help="write a Word briefing: tables of claims, figures, places and the annotated texts",
        description="Write a Word (.docx) briefing. Rejected annotations are never included; "
        "the author is the global --analyst (given before the command).",
    )
    p.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="database file or SQLAlchemy URL",
    )
    p.add_argument(
        "output", metavar="OUT.docx", help="the Word file to write (replaced if present)"
    )
    p.add_argument(
        "--article",
        dest="articles",
        action="append",
        type=_article_id,
        metavar="ID",
        help="only this article (repeatable; default: all)",
    )
    p.add_argument(
        "--kind",
        dest="kinds",
        action="append",
        choices=list(kinds.names()),
        help="only this kind (repeatable; default: all)",
    )
    p.add_argument(
        "--status",
        choices=["accepted", "pending", "all"],
        default="all",
        help="accepted only, pending review (incl. changes requested), or all but rejected "
        "(default: all)",
    )
    p.add_argument(
        "--analyst",
        dest="of_analyst",
        action="append",
        metavar="NAME",
        help="only this analyst's annotations (repeatable; default: everyone's)",
    )
    p.add_argument("--title", help="the briefing's title")
    p.add_argument(
        "--marking",
        default="",
        help='handling line for every page header and footer, e.g. "UNCLASSIFIED — FOR TRAINING"',
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_export_docx)


def cmd_export_docx(args: argparse.Namespace) -> int:
    from kursk_annotator.core.export.briefing_docx import check_target, export_briefing
    from kursk_annotator.core.export.briefing_options import DEFAULT_TITLE, BriefingOptions

    check_target(args.output)  # a bad file name fails before the store is opened
    ws = workspace_for(args)
    options = BriefingOptions(
        article_ids=tuple(args.articles or ()),
        kinds=tuple(args.kinds or ()),
        status=args.status,
        analysts=tuple(args.of_analyst or ()),
        title=args.title if args.title is not None else DEFAULT_TITLE,
        marking=args.marking,
        author=ws.analyst_name,
    )
    result = export_briefing(ws, options, args.output)
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "articles": result.articles,
                "annotations": result.annotations,
                "comments": result.comments,
                "seconds": round(result.seconds, 3),
            }
        )
    else:
        print(
            f"wrote {result.path}: {result.articles} article(s), {result.annotations} "
            f"annotation(s) as highlighted comments, in {result.seconds:.1f} s"
        )
    return 0
