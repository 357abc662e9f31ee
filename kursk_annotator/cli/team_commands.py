"""``team``: set up and manage a team store on PostgreSQL (run with the admin's URL)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kursk_annotator.cli.output import print_json
from kursk_annotator.core.errors import UserError


def register(sub: argparse._SubParsersAction, db_only: argparse.ArgumentParser) -> None:
    team = sub.add_parser(
        "team",
        parents=[db_only],
        help="set up a team store on PostgreSQL (with the administrator's --db URL)",
    )
    tsub = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)
    p = tsub.add_parser("init", parents=[db_only], help="create the schema, group roles and rights")
    p.set_defaults(handler=cmd_init)
    p = tsub.add_parser(
        "add-analyst", parents=[db_only], help="create a login role tied to an analyst"
    )
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--name", required=True, help="the analyst's full name")
    p.add_argument("--admin", action="store_true", help="may also delete articles")
    p.add_argument(
        "--password-file",
        metavar="FILE",
        help="file holding the login's password on one line (else asked for, "
        "or none when not at a terminal)",
    )
    p.set_defaults(handler=cmd_add_analyst)
    p = tsub.add_parser("list", parents=[db_only], help="list the team's analysts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = tsub.add_parser("disable", parents=[db_only], help="stop a login from connecting")
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(handler=cmd_disable)
    p = tsub.add_parser(
        "upgrade", parents=[db_only], help="back up with pg_dump, then upgrade the schema"
    )
    p.add_argument(
        "--backup-dir",
        metavar="DIR",
        default=".",
        help="where the pg_dump backup is written (default: the current folder)",
    )
    p.set_defaults(handler=cmd_upgrade)


def _db(args: argparse.Namespace) -> str | None:
    return getattr(args, "db", None)


def cmd_init(args: argparse.Namespace) -> int:
    from kursk_annotator.core.team import admin

    print(admin.init(_db(args)))
    return 0


def cmd_add_analyst(args: argparse.Namespace) -> int:
    from kursk_annotator.core.team import admin

    password = None
    if args.password_file:
        password = admin.read_password_file(args.password_file)
    elif sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.login} (empty: none): ") or None
    member = admin.add_analyst(_db(args), args.login, args.name, args.admin, password)
    note = "" if password else " (no password set: connect with another method)"
    print(f"analyst {member.name} added as login {member.login}{note}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from kursk_annotator.core.team import admin

    found = admin.members(_db(args))
    if args.json:
        print_json([m.as_json() for m in found])
        return 0
    if not found:
        print("no analysts yet: add them with 'team add-analyst LOGIN --name NAME'")
    for m in found:
        flags = ", ".join(f for f, on in (("admin", m.admin), ("disabled", m.disabled)) if on)
        print(f"{m.login:<24} {m.name:<30} {flags}")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    from kursk_annotator.core.team import admin

    member = admin.disable(_db(args), args.login)
    print(f"login {member.login} ({member.name}) disabled: it can no longer connect")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from kursk_annotator.core.team import admin

    folder = Path(args.backup_dir)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is not a folder: give --backup-dir a folder")
    print(admin.upgrade(_db(args), folder))
    return 0
