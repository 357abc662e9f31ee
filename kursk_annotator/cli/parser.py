"""The argument parser: global options, and one subparser per command."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from kursk_annotator import __version__
from kursk_annotator.cli import (
    commands,
    desktop_commands,
    evidence_commands,
    export_commands,
    import_commands,
    place_commands,
    review_commands,
    store_commands,
    suggest_commands,
    team_commands,
)
from kursk_annotator.cli.attribute_options import add_attribute_options
from kursk_annotator.core import kinds


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points to --help."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return number


def _global_options(parser: argparse.ArgumentParser, default: object, analyst: bool = True) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=False if default is None else default,
        help="log debug messages to stderr and the log file (see README: Logs)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=default,
        help="database file or SQLAlchemy URL (default: $KURSK_ANNOTATOR_DB, else the "
        "store in your user-data folder)",
    )
    if analyst:
        parser.add_argument(
            "--analyst",
            metavar="NAME",
            default=default,
            help="who you are (default: $KURSK_ANNOTATOR_ANALYST, else your OS user name)",
        )


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="kursk-annotator",
        description="Tag claims, figures and places in news articles; review; brief in Word. "
        "With no command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    # Global options are accepted after the command too; SUPPRESS keeps earlier values.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    db_only = argparse.ArgumentParser(add_help=False)
    _global_options(db_only, argparse.SUPPRESS, analyst=False)

    p = sub.add_parser("articles", parents=[common], help="list the articles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=commands.cmd_articles)

    p = sub.add_parser("show", parents=[common], help="print an article's metadata and text")
    p.add_argument("article_id", type=_positive_int, metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=commands.cmd_show)

    p = sub.add_parser("annotate", parents=[common], help="tag a span of an article")
    p.add_argument("article_id", type=_positive_int, metavar="ARTICLE_ID")
    p.add_argument("--kind", required=True, choices=list(kinds.names()))
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", help="the exact text to tag")
    where.add_argument("--start", type=_positive_int, help="start offset (code points)")
    p.add_argument("--end", type=_positive_int, help="end offset (code points, exclusive)")
    p.add_argument(
        "--occurrence", type=_positive_int, default=1, help="which match of --quote (from 1)"
    )
    p.add_argument("--note", default="")
    add_attribute_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=commands.cmd_annotate)

    # Here --analyst filters (it names whose annotations to list), as users expect.
    p = sub.add_parser(
        "annotations", parents=[db_only, _annotation_filters()], help="list annotations"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=commands.cmd_annotations)

    # The same filters as 'annotations', written as a table for a spreadsheet.
    p = sub.add_parser(
        "export-table",
        parents=[db_only, _annotation_filters()],
        help="write annotations as a table: CSV or XLSX (by the file's extension)",
        description="One row per annotation with every attribute, its review status and "
        "latest verdict. Takes the filters of 'annotations'.",
    )
    p.add_argument("output", metavar="OUT.csv|OUT.xlsx", help="the file to write (replaced)")
    p.set_defaults(handler=commands.cmd_export_table)

    p = sub.add_parser(
        "load-samples", parents=[common], help="load the sample articles and annotations"
    )
    p.set_defaults(handler=commands.cmd_load_samples)

    # Commands of the import, export and review features live beside their code.
    import_commands.register(sub, common)
    export_commands.register(sub, common)
    review_commands.register(sub, common)
    place_commands.register(sub, common)
    suggest_commands.register(sub, common)
    desktop_commands.register(sub, common)
    team_commands.register(sub, db_only)
    store_commands.register(sub, db_only)
    evidence_commands.register(sub, common)
    return parser


def _annotation_filters() -> argparse.ArgumentParser:
    """The filters of 'annotations', shared by every command that takes a set of them."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--article", type=_positive_int, metavar="ID")
    p.add_argument(
        "--analyst",
        dest="of_analyst",
        action="append",
        metavar="NAME",
        help="only this analyst's annotations (repeatable)",
    )
    p.add_argument("--kind", action="append", choices=list(kinds.names()))
    p.add_argument(
        "--status",
        action="append",
        choices=["pending", "accepted", "rejected", "changes_requested"],
    )
    return p
