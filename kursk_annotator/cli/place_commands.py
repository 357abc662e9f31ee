"""``places`` and ``place NAME``: canonical places with counts, and one place's dossier."""

from __future__ import annotations

import argparse

from kursk_annotator.cli.output import one_line, print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser(
        "places",
        parents=[common],
        help="canonical places with coordinates, mention and report counts",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_places)

    p = sub.add_parser(
        "place",
        parents=[common],
        help="one place's dossier: every mention, newest first, with claims and figures",
    )
    p.add_argument("name", metavar="NAME", help="the place's name or any of its spellings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_place)


def _coords(record) -> str:
    pos = record.position
    if pos is None:
        return "no coordinates"
    text = f"{pos[0]:.4f}, {pos[1]:.4f}"
    if record.conflict:
        text += f" CONFLICT ({len(record.coordinates)} positions)"
    return text


def cmd_places(args: argparse.Namespace) -> int:
    from kursk_annotator.cli.commands import workspace_for
    from kursk_annotator.core.places.index import build_index

    index = build_index(workspace_for(args))
    if args.json:
        print_json([p.as_json() for p in index.places])
        return 0
    if not index.places:
        print("no places yet: tag one with 'annotate ID --kind place --quote TEXT'")
    for p in index.places:
        print(
            f"{one_line(p.name, 28):<28}  {_count(p.mention_count, 'mention', 4)}  "
            f"{_count(p.report_count, 'report', 3)}  {p.status:<17}  {_coords(p)}"
        )
    return 0


def _count(n: int, noun: str, width: int = 0) -> str:
    """'1 mention', '5 mentions'; padded so the words of a table line up."""
    words = f"{n:>{width}} {noun}" + ("" if n == 1 else "s")
    return words.ljust(width + len(noun) + 2) if width else words


def cmd_place(args: argparse.Namespace) -> int:
    from kursk_annotator.cli.commands import workspace_for
    from kursk_annotator.core.places.dossier import place_dossier
    from kursk_annotator.core.records import iso

    dossier = place_dossier(workspace_for(args), args.name)
    if args.json:
        print_json(dossier.as_json())
        return 0
    p = dossier.place
    mentions = _count(p.mention_count, "mention")
    print(f"{p.name}: {mentions} in {_count(p.report_count, 'report')}, {_coords(p)}")
    if p.conflict:
        for c in p.coordinates:
            who = ", ".join(sorted(set(c.analysts))) or c.origin
            print(f"  position {c.latitude:.4f}, {c.longitude:.4f} given by {who}")
    for e in dossier.entries:
        source = f"{iso(e.article.published) or 'undated'}  {e.article.outlet or '-'}"
        tag = "tagged" if e.annotation_ids else "named"
        print(f"\n{source}  [{e.article.id}] {one_line(e.article.title, 60)}  ({tag})")
        print(f"  {one_line(e.sentence, 200)}")
        if e.claimants:
            print(f"  claimant: {', '.join(e.claimants)}")
        for f in e.figures:
            print(f"  figure #{f.id}: {one_line(f.quote, 80)}")
        for c in e.claims:
            print(f"  claim #{c.id}: {one_line(c.quote, 80)}")
    return 0
