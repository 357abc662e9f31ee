"""The ``kursk-annotator`` command: the GUI with no subcommand, otherwise a CLI command.

Every command but the GUI runs without a display and never imports PySide6. Errors the
user can act on print one line to stderr and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from kursk_annotator.core.errors import UserError, for_cli


def _plain_gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``--db X`` / ``--db=X`` / ``--analyst X`` / ``--analyst=X`` and nothing else, read
    without building a parser (argparse's messages load gettext and locale); anything
    else (abbreviations, values that look like options...) is left to argparse."""
    values: dict[str, str | None] = {"db": None, "analyst": None}
    verbose = False
    i = 0
    while i < len(argv):
        if argv[i] == "--verbose":
            verbose = True
            i += 1
            continue
        name, eq, value = argv[i].partition("=")
        key = name[2:] if name in ("--db", "--analyst") else None
        if key is None:
            return None
        if not eq:
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                return None
            i += 1
            value = argv[i]
        values[key] = value
        i += 1
    return argparse.Namespace(**values, verbose=verbose)


def _gui_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """--db/--analyst and nothing else: the GUI, started before the commands (and the
    database libraries they import) are loaded, so its window shows sooner."""
    plain = _plain_gui_args(sys.argv[1:] if argv is None else argv)
    if plain is not None:
        return plain
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--db")
    quick.add_argument("--analyst")
    quick.add_argument("--verbose", action="store_true")
    try:
        args, rest = quick.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    return None if rest else args


def _refuse_undecodable(argv: Sequence[str]) -> None:
    """Arguments that were not valid UTF-8 (Python keeps such bytes as lone surrogates,
    which no store, file or terminal accepts) are refused before anything is done."""
    import os

    for i, arg in enumerate(argv):
        # File names may be any bytes on POSIX: those are left to the file system.
        if (i and argv[i - 1] == "--db") or os.path.lexists(arg):
            continue
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            option = argv[i - 1] if i and argv[i - 1].startswith("--") else f"argument {i + 1}"
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            print(
                f"kursk-annotator: error: {option} is not valid UTF-8 text ({shown!r}): "
                "write it in UTF-8 (check your terminal's or script's encoding)",
                file=sys.stderr,
            )
            raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    gui_args = _gui_only(argv)
    if gui_args is not None:
        try:
            from kursk_annotator.cli.gui_launch import launch_gui

            return launch_gui(gui_args)
        except UserError as exc:
            print(f"kursk-annotator: error: {for_cli(exc)}", file=sys.stderr)
            return exc.exit_code
    from kursk_annotator.cli.parser import parse_command_line

    _refuse_undecodable(sys.argv[1:] if argv is None else argv)
    args = parse_command_line(argv)
    from kursk_annotator.cli.output import make_terminal_safe
    from kursk_annotator.logs import configure_logging

    make_terminal_safe(bool(getattr(args, "json", False)))
    configure_logging(verbose=bool(getattr(args, "verbose", False)))
    logging.getLogger(__name__).debug("command %s", args.command or "gui")
    try:
        if args.command is None:
            from kursk_annotator.cli.gui_launch import launch_gui

            return launch_gui(args)
        return int(args.handler(args) or 0)
    except UserError as exc:
        logging.getLogger(__name__).info("refused: %s", exc)
        print(f"kursk-annotator: error: {for_cli(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kursk-annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # The store failed under us: a team store's refusal (row-level security) or a
        # lost server; a SQLite store locked past the wait, on a full disk, read-only or
        # damaged. One line, never a traceback; the transaction was rolled back.
        import sqlite3

        from sqlalchemy.exc import DBAPIError

        from kursk_annotator.core.team.schema import database_refusal

        refusal = database_refusal(exc)
        if (
            refusal is None
            and isinstance(exc, DBAPIError)
            and isinstance(getattr(exc, "orig", None), sqlite3.Error)
        ):
            from kursk_annotator.core.store import resolve_db_url
            from kursk_annotator.core.store_checks import sqlite_error

            url, _ = resolve_db_url(getattr(args, "db", None))
            refusal = sqlite_error(url.removeprefix("sqlite:///"), exc)
        if refusal is None:
            logging.getLogger(__name__).exception("unexpected error")
            raise
        print(f"kursk-annotator: error: {for_cli(refusal)}", file=sys.stderr)
        return refusal.exit_code
