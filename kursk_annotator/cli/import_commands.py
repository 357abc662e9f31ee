"""``kursk-annotator import FILE...``: one line (or JSON entry) per file.

Every file is tried: a refused file is reported with its reason and the others still go
in; the exit status is 1 if any file failed (duplicates are not failures).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from kursk_annotator.cli.commands import workspace_for
from kursk_annotator.cli.output import one_line, print_json
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import ENV_MAX_MB, max_import_bytes, supported_extensions
from kursk_annotator.core.importers.batch import DUPLICATE, IMPORTED, import_file


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import articles from files",
        description="Import articles from text, Markdown, HTML, Word (.docx) or PDF files "
        f"({', '.join(supported_extensions())}).",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--author")
    p.add_argument("--date", help="publication date, YYYY-MM-DD")
    p.add_argument("--url")
    p.add_argument("--language", help="language code, e.g. en, uk, ru")
    p.add_argument(
        "--max-size",
        type=float,
        metavar="MB",
        help=f"refuse files larger than this (default: ${ENV_MAX_MB}, else 50)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(handler=cmd_import)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--date {value!r} is not a date: write it as YYYY-MM-DD") from None


def cmd_import(args: argparse.Namespace) -> int:
    overrides = {
        "title": args.title,
        "outlet": args.outlet,
        "author": args.author,
        "published": _parse_date(args.date),
        "url": args.url,
        "language": args.language,
    }
    if len(args.files) > 1 and any(v is not None for v in overrides.values()):
        raise UserError(
            "--title/--outlet/--author/--date/--url/--language apply to one file: import it alone"
        )
    if args.max_size is not None and args.max_size <= 0:
        raise UserError("--max-size must be a positive number of megabytes")
    max_bytes = int(args.max_size * 1024 * 1024) if args.max_size else max_import_bytes()
    ws = workspace_for(args)
    outcomes = []
    for name in args.files:
        outcome = import_file(ws, Path(name), overrides, max_bytes)
        outcomes.append(outcome)
        if args.json:
            continue
        if outcome.result == IMPORTED:
            title = one_line(outcome.title or "", 60)
            print(f"imported {name} -> article {outcome.article_id}: {title}")
        elif outcome.result == DUPLICATE:
            print(
                f"duplicate {name}: same text as article {outcome.article_id}, not imported again"
            )
        else:
            print(f"failed {name}: {outcome.reason}")
    if args.json:
        print_json([o.as_json() for o in outcomes])
    return 1 if any(o.result not in (IMPORTED, DUPLICATE) for o in outcomes) else 0
