"""``suggest ARTICLE_ID``: figures, places and claims the app proposes, and accepting them."""

from __future__ import annotations

import argparse

from kursk_annotator.cli.output import one_line, print_json

# core.suggest.model.SUGGESTION_KINDS, spelled out: importing the suggesters (their
# patterns and the regex package) would slow every command's start.
KINDS = ("figure", "place", "claim")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser(
        "suggest",
        parents=[common],
        help="figures, places and claims proposed in an article; --accept stores them",
        description="List the suggestions still open for you in an article (not rejected, "
        "not already tagged by you), or with --accept store them as your pending "
        "annotations.",
    )
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.add_argument("--kind", action="append", choices=list(KINDS), help="only this kind")
    p.add_argument(
        "--accept",
        action="store_true",
        help="store the suggestions as your pending annotations and print how many",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="only suggestions with at least this confidence (0 to 1)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suggest)


def _line(s) -> str:
    shown = {k: v for k, v in s.attributes.items() if k in _SHOWN}
    attrs = " ".join(f"{k}={v}" for k, v in shown.items())
    quote = one_line(s.quote, 60)
    return f"{s.start:>6}-{s.end:<6} {s.kind:<7} {s.confidence:.2f}  {quote!r}  {attrs}"


_SHOWN = (
    "value", "value_max", "unit", "qualifier", "measure", "as_of", "canonical_name",
    "latitude", "longitude", "attributed_to", "side",
)  # fmt: skip


def cmd_suggest(args: argparse.Namespace) -> int:
    from kursk_annotator.cli.commands import workspace_for
    from kursk_annotator.core.errors import UserError

    if not 0.0 <= args.min_confidence <= 1.0:
        raise UserError(f"--min-confidence {args.min_confidence:g} is outside 0..1: give 0 to 1")
    if args.article_id < 0:
        raise UserError(f"no article with id {args.article_id}: list them with 'articles'")
    ws = workspace_for(args)
    service = ws.suggestions
    found = service.open_for(args.article_id, ws.analyst if args.accept else _reader(ws), args.kind)
    found = [s for s in found if s.confidence >= args.min_confidence]
    if args.accept:
        stored = service.accept(args.article_id, ws.analyst, found)
        if args.json:
            print_json({"accepted": stored, "analyst": ws.analyst.name})
        else:
            print(f"accepted {stored} suggestions as pending annotations of {ws.analyst.name}")
        return 0
    if args.json:
        print_json([s.as_json() for s in found])
        return 0
    if not found:
        print("no open suggestions in this article")
    for s in found:
        print(_line(s))
    return 0


def _reader(ws):
    """The analyst whose rejections and tags are left out, without creating them
    (listing suggestions writes nothing)."""
    from kursk_annotator.core.errors import UserError
    from kursk_annotator.core.models import Analyst

    if ws.store.team:
        return ws.analyst
    try:
        return ws.analysts.find(ws.analyst_name)
    except UserError:
        return Analyst(id=None, name=ws.analyst_name, initials="")
