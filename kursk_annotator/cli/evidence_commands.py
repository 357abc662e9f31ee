"""Evidence commands: figures compared per measure, claims by speaker, actors, measures,
grades. JSON output is stable and documented in the README."""

from __future__ import annotations

import argparse

from kursk_annotator.cli.commands import workspace_for
from kursk_annotator.cli.output import one_line, print_json
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.workspace import open_workspace

STATUSES = ["pending", "accepted", "rejected", "changes_requested"]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db_only = argparse.ArgumentParser(add_help=False)
    db_only.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)

    p = sub.add_parser(
        "figures",
        parents=[db_only],
        help="figures per measure: reports by as-of, and verdicts (disagreement, change, ...)",
    )
    p.add_argument("--measure", metavar="NAME", help="only this measure (name or alias)")
    p.add_argument("--article", type=int, metavar="ID", help="only measures this article reports")
    p.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="review statuses to include (repeatable; default: all but rejected)",
    )
    p.add_argument("--analyst", dest="of_analyst", action="append", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_figures)

    p = sub.add_parser("speakers", parents=[db_only], help="claims by speaker, as statements")
    p.add_argument("--status", action="append", choices=STATUSES)
    p.add_argument("--analyst", dest="of_analyst", action="append", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_speakers)

    p = sub.add_parser("actors", parents=[common], help="list, merge or rename actors")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_actors)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("merge", parents=[common], help="merge actor A into actor B")
    q.add_argument("source", metavar="A")
    q.add_argument("target", metavar="B")
    q.set_defaults(handler=cmd_actors_merge)
    q = actions.add_parser("rename", parents=[common], help="rename an actor (old name kept)")
    q.add_argument("old", metavar="OLD")
    q.add_argument("new", metavar="NEW")
    q.set_defaults(handler=cmd_actors_rename)

    p = sub.add_parser("measures", parents=[common], help="list or merge measures")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_measures)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("merge", parents=[common], help="merge measure A into measure B")
    q.add_argument("source", metavar="A")
    q.add_argument("target", metavar="B")
    q.set_defaults(handler=cmd_measures_merge)

    p = sub.add_parser(
        "grade", parents=[common], help="set an actor's or outlet's reliability grade (A-F)"
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("grade", metavar="A-F")
    p.set_defaults(handler=cmd_grade)


def cmd_figures(args: argparse.Namespace) -> int:
    from kursk_annotator.core.evidence.service import DEFAULT_STATUSES, figures_report

    ws = open_workspace(args.db)
    result = figures_report(
        ws,
        measure=args.measure,
        article_id=args.article,
        statuses=args.status or DEFAULT_STATUSES,
        analysts=args.of_analyst,
    )
    if args.json:
        print_json({"measures": [c.as_json() for c in result]})
        return 0
    if not result:
        print("no figures match")
    for c in result:
        print(f"{c.measure or 'measure not recorded'}  [{c.dimension}, {c.unit or '-'}]")
        for v in c.verdicts:
            print(f"  {v.kind.upper()}: {v.explanation}")
        for r in c.reports:
            when = (r.window.text + ("*" if r.window.inferred else "")) if r.window else "-"
            grade = f" [{r.grade}]" if r.grade else ""
            print(
                f"    #{r.id:<5} art {r.article_id:<3} {when:<22} {one_line(r.words, 34):<34} "
                f"{one_line(r.claimant, 30)}{grade}  {r.status}"
            )
    return 0


def cmd_speakers(args: argparse.Namespace) -> int:
    from kursk_annotator.core.evidence.service import DEFAULT_STATUSES, speakers_report

    ws = open_workspace(args.db)
    result = speakers_report(ws, statuses=args.status or DEFAULT_STATUSES, analysts=args.of_analyst)
    if args.json:
        print_json({"speakers": [s.as_json() for s in result]})
        return 0
    for s in result:
        print(s.name or "Not attributed")
        for st in s.statements:
            print(f"  {st.when}: “{one_line(st.reports[0].quote, 70)}”")
            for r in st.reports:
                print(f"      #{r.id:<5} art {r.article_id:<3} {r.status}")
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    actors = open_workspace(args.db).evidence.actors()
    if args.json:
        print_json([a.as_json() for a in actors])
        return 0
    for a in actors:
        aliases = f"  (also: {', '.join(a.aliases)})" if a.aliases else ""
        print(
            f"{a.id:>4}  {a.grade or '-'}  {one_line(a.name, 44):<44}  {a.side or '-':<12} "
            f"{a.type or '-':<12}{one_line(aliases, 80)}"
        )
    return 0


def cmd_measures(args: argparse.Namespace) -> int:
    measures = open_workspace(args.db).evidence.measures()
    if args.json:
        print_json([m.as_json() for m in measures])
        return 0
    for m in measures:
        aliases = f"  (also: {', '.join(m.aliases)})" if m.aliases else ""
        print(f"{m.id:>4}  {one_line(m.name, 50):<50}  {m.dimension:<12} {m.unit or '-'}{aliases}")
    return 0


def cmd_actors_merge(args: argparse.Namespace) -> int:
    return _merge(args, "actor")


def cmd_actors_rename(args: argparse.Namespace) -> int:
    ws = workspace_for(args)
    ws.evidence.actor(args.old)
    renamed = ws.evidence.rename_actor(args.old, args.new, ws.analyst)
    print(f"renamed {args.old!r} to {renamed.name!r}")
    return 0


def cmd_measures_merge(args: argparse.Namespace) -> int:
    return _merge(args, "measure")


def _merge(args: argparse.Namespace, noun: str) -> int:
    """Merge record SOURCE into TARGET (its names become TARGET's aliases)."""
    ws = workspace_for(args)
    find = ws.evidence.actor if noun == "actor" else ws.evidence.measure
    merge = ws.evidence.merge_actors if noun == "actor" else ws.evidence.merge_measures
    _check_two(args.source, args.target, noun, find)
    merged = merge(args.source, args.target, ws.analyst)
    print(f"merged {args.source!r} into {merged.name!r} (also: {', '.join(merged.aliases)})")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from kursk_annotator.core.evidence.registry import check_grade

    ws = workspace_for(args)
    grade = check_grade(args.grade)  # before anything is written (the analyst row too)
    ws.evidence.check_actor_or_outlet(args.name)
    actor = ws.evidence.grade(args.name, grade, ws.analyst)
    print(f"{actor.name}: reliability {actor.grade}")
    return 0


def _check_two(source: str, target: str, what: str, lookup) -> None:  # type: ignore[no-untyped-def]
    """Refuse before anything is written (even the analyst's own row)."""
    a, b = lookup(source), lookup(target)
    if a.id == b.id:
        raise UserError(
            f"{source!r} and {target!r} are the same {what} ({b.name}): "
            f"name two different {what}s to merge"
        )
