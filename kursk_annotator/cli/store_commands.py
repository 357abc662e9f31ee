"""Store care: ``check``, ``recover``, ``backups`` and ``restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kursk_annotator.cli.output import print_json
from kursk_annotator.core.errors import StoreError


def register(sub: argparse._SubParsersAction, db_only: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[db_only], help="run the full integrity check of the store")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser(
        "recover",
        parents=[db_only],
        help="write a new store from what can still be read of a damaged one",
    )
    p.add_argument("output", metavar="OUT.sqlite", help="the new store (must not exist)")
    p.set_defaults(handler=cmd_recover)
    p = sub.add_parser("backups", parents=[db_only], help="list the store's routine backups")
    p.add_argument("--now", action="store_true", help="take a backup now")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backups)
    p = sub.add_parser(
        "restore",
        parents=[db_only],
        help="put a backup back in place of the store (the current state is backed up first)",
    )
    p.add_argument("file", metavar="FILE", help="a backup listed by 'backups'")
    p.set_defaults(handler=cmd_restore)


def cmd_check(args: argparse.Namespace) -> int:
    from kursk_annotator.core import store_checks
    from kursk_annotator.core.store_repair import check_store, sqlite_file

    path = sqlite_file(getattr(args, "db", None))
    problems = check_store(path)
    if problems:
        print(f"store {path} is damaged:")
        for problem in problems:
            print(f"  {problem}")
        raise StoreError(
            f"the store {path} failed its integrity check: run 'kursk-annotator recover "
            "OUT.sqlite' to save what can be read, or restore a backup"
        )
    store_checks.remember_good(path)
    print(f"store {path}: ok (full integrity and foreign-key checks passed)")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from kursk_annotator.core.store_repair import recover_store, sqlite_file

    report = recover_store(sqlite_file(getattr(args, "db", None)), Path(args.output))
    print(report.summary())
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from kursk_annotator.core.backups import backup_folder, list_backups, take_backup
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.store_repair import sqlite_file

    path = sqlite_file(getattr(args, "db", None))
    if args.now:
        open_store(str(path)).close()  # only a store that opens (whole, current) is copied
        take_backup(path)
    found = list_backups(path)
    if args.json:
        print_json([b.as_json() for b in found])
        return 0
    if not found:
        print(f"no backups yet of {path} (the app takes one a day; 'backups --now' takes one)")
    else:
        print(f"backups of {path} in {backup_folder(path)}, newest first:")
    for b in found:
        print(f"  {b.taken:%Y-%m-%d %H:%M:%S} UTC  {b.size / 1e6:8.1f} MB  {b.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kursk_annotator.core.backups import restore_backup
    from kursk_annotator.core.store_repair import sqlite_file

    path = sqlite_file(getattr(args, "db", None))
    before = restore_backup(path, Path(args.file).expanduser().resolve())
    print(f"restored {path} from {args.file}; its previous state is kept as {before.path}")
    return 0
