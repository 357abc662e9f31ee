"""``install-desktop``: a menu entry with the app's icon for the current user (Linux)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "install-desktop",
        help="add Kursk Annotator to the desktop's application menu (Linux)",
        description="Write the .desktop entry, the icons and the AppStream metadata under "
        "$XDG_DATA_HOME (default ~/.local/share). The entry starts this installation.",
    )
    p.add_argument(
        "--data-home", type=Path, metavar="DIR", help="install under DIR instead of $XDG_DATA_HOME"
    )
    p.add_argument("--remove", action="store_true", help="remove what an earlier run wrote")
    p.set_defaults(handler=cmd_install_desktop)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from kursk_annotator.desktop_entry import install, uninstall

    paths = uninstall(args.data_home) if args.remove else install(args.data_home)
    verb = "removed" if args.remove else "wrote"
    for path in paths:
        print(f"{verb} {path}")
    if not paths:
        print("nothing to remove")
    return 0
