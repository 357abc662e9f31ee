"""``kursk-annotator import FILE...``: one line (or JSON entry) per file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from kursk_annotator.cli.commands import workspace_for
from kursk_annotator.cli.output import one_line, print_json
from kursk_annotator.core.errors import DuplicateError, UserError
from kursk_annotator.core.importers import read_source


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import articles from files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--author")
    p.add_argument("--date", help="publication date, YYYY-MM-DD")
    p.add_argument("--url")
    p.add_argument("--language", help="language code, e.g. en, uk, ru")
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
    if len(args.files) > 1 and any(overrides.values()):
        raise UserError(
            "--title/--outlet/--author/--date/--url/--language apply to one file: import it alone"
        )
    ws = workspace_for(args)
    results = []
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            new = read_source(path)
            for key, value in overrides.items():
                if value is not None:
                    setattr(new, key, value)
            article = ws.articles.add(new, ws.analyst)
            results.append(
                {
                    "file": name,
                    "result": "imported",
                    "article_id": article.id,
                    "title": article.title,
                }
            )
            line = f"imported {name} -> article {article.id}: {one_line(article.title, 60)}"
        except DuplicateError as dup:
            results.append({"file": name, "result": "duplicate", "article_id": dup.existing_id})
            line = f"duplicate {name}: same text as article {dup.existing_id}, not imported again"
        except UserError as exc:
            failed += 1
            results.append({"file": name, "result": "failed", "reason": str(exc)})
            line = f"failed {name}: {exc}"
        if not args.json:
            print(line)
    if args.json:
        print_json(results)
    return 1 if failed else 0
