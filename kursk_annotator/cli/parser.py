"""The argument parser: global options, and one subparser per command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from kursk_annotator import __version__

# Every command, in the order --help lists them: its module (under kursk_annotator.cli;
# "" for the basic commands declared in this file) and its line in --help. Only the module
# of the command being run is imported, so a command pays for nothing the others need;
# tests/cli/test_parser.py holds this table to what the modules declare.
COMMANDS: dict[str, tuple[str, str]] = {
    "articles": ("", "list the articles"),
    "show": ("", "print an article's metadata and text"),
    "annotate": ("", "tag a span of an article"),
    "annotations": ("", "list annotations"),
    "export-table": ("", "write annotations as a table: CSV or XLSX (by the file's extension)"),
    "load-samples": ("", "load the sample articles and annotations"),
    "import": ("import_commands", "import articles from files"),
    "export-docx": (
        "export_commands",
        "write a Word briefing: tables of claims, figures, places and the annotated texts",
    ),
    "export-annotations": ("review_commands", "write annotations as W3C Web Annotation JSON-LD"),
    "import-annotations": (
        "review_commands",
        "read W3C Web Annotations, re-anchoring them in our articles",
    ),
    "review": ("review_commands", "accept, reject or question an annotation, or comment"),
    "thread": ("review_commands", "show an annotation's review thread"),
    "requests": ("review_commands", "requests for changes to your annotations"),
    "agreement": ("review_commands", "compare two analysts on an article"),
    "history": ("review_commands", "every change of an annotation"),
    "orphans": ("review_commands", "imported annotations not anchored"),
    "places": ("place_commands", "canonical places with coordinates, mention and report counts"),
    "place": (
        "place_commands",
        "one place's dossier: every mention, newest first, with claims and figures",
    ),
    "suggest": (
        "suggest_commands",
        "figures, places and claims proposed in an article; --accept stores them",
    ),
    "install-desktop": (
        "desktop_commands",
        "add Kursk Annotator to the desktop's application menu (Linux)",
    ),
    "team": (
        "team_commands",
        "set up a team store on PostgreSQL (with the administrator's --db URL)",
    ),
    "check": ("store_commands", "run the full integrity check of the store"),
    "recover": (
        "store_commands",
        "write a new store from what can still be read of a damaged one",
    ),
    "backups": ("store_commands", "list the store's routine backups"),
    "restore": (
        "store_commands",
        "put a backup back in place of the store (the current state is backed up first)",
    ),
    "figures": (
        "evidence_commands",
        "figures per measure: reports by as-of, and verdicts (disagreement, change, ...)",
    ),
    "speakers": ("evidence_commands", "claims by speaker, as statements"),
    "actors": ("evidence_commands", "list, merge or rename actors"),
    "measures": ("evidence_commands", "list or merge measures"),
    "grade": ("evidence_commands", "set an actor's or outlet's reliability grade (A-F)"),
}
# The modules whose register() takes the parent with --db only (no --analyst).
_DB_ONLY_MODULES = ("team_commands", "store_commands")


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


def build_parser(command: str | None = None) -> OneLineParser:
    """The parser, every command listed; ``command`` (if any) declared in full.

    The others are listed by name and help only: parse once to learn the command
    (:func:`parse_command_line` does both passes).
    """
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
    wanted = COMMANDS[command][0] if command in COMMANDS else None
    for name, (module, help_line) in COMMANDS.items():
        if name in sub.choices:
            continue  # declared by its module's register() with an earlier command
        if module != wanted or (not module and name != command):
            sub.add_parser(name, help=help_line, add_help=False)
        elif not module:
            _register_basic(sub, name, common, db_only)
        else:
            register = importlib.import_module(f"kursk_annotator.cli.{module}").register
            register(sub, db_only if module in _DB_ONLY_MODULES else common)
    return parser


def parse_command_line(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``: once with every command listed by name (which one is it?), then
    with that command's module imported and its options declared."""
    args, _rest = build_parser().parse_known_args(argv)
    if args.command is None:
        return build_parser().parse_args(argv)  # unknown options are refused here
    return build_parser(args.command).parse_args(argv)


def _register_basic(
    sub: argparse._SubParsersAction,
    name: str,
    common: argparse.ArgumentParser,
    db_only: argparse.ArgumentParser,
) -> None:
    """Declare one of articles, show, annotate, annotations, export-table, load-samples
    (one at a time: annotate's options load the kinds' attribute models)."""
    from kursk_annotator.cli import commands

    help_line = COMMANDS[name][1]
    if name == "articles":
        p = sub.add_parser("articles", parents=[common], help=help_line)
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=commands.cmd_articles)
    elif name == "show":
        p = sub.add_parser("show", parents=[common], help=help_line)
        p.add_argument("article_id", type=_positive_int, metavar="ARTICLE_ID")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=commands.cmd_show)
    elif name == "annotate":
        from kursk_annotator.cli.attribute_options import add_attribute_options
        from kursk_annotator.core import kinds

        p = sub.add_parser("annotate", parents=[common], help=help_line)
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
    elif name == "annotations":
        # Here --analyst filters (it names whose annotations to list), as users expect.
        p = sub.add_parser("annotations", parents=[db_only, _annotation_filters()], help=help_line)
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=commands.cmd_annotations)
    elif name == "export-table":
        # The same filters as 'annotations', written as a table for a spreadsheet.
        p = sub.add_parser(
            "export-table",
            parents=[db_only, _annotation_filters()],
            help=help_line,
            description="One row per annotation with every attribute, its review status and "
            "latest verdict. Takes the filters of 'annotations'.",
        )
        p.add_argument("output", metavar="OUT.csv|OUT.xlsx", help="the file to write (replaced)")
        p.set_defaults(handler=commands.cmd_export_table)
    elif name == "load-samples":
        p = sub.add_parser("load-samples", parents=[common], help=help_line)
        p.set_defaults(handler=commands.cmd_load_samples)


def _annotation_filters() -> argparse.ArgumentParser:
    """The filters of 'annotations', shared by every command that takes a set of them."""
    from kursk_annotator.core import kinds

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
        help="only annotations of this review status (repeatable; without it every "
        "status, rejected ones too, which the app's default filter hides)",
    )
    return p
