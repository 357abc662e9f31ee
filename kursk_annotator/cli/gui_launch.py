"""Start the GUI from the command line, with a clear message where no display exists."""

from __future__ import annotations

import argparse
import os
import sys

from kursk_annotator.core.errors import UserError


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


def launch_gui(args: argparse.Namespace) -> int:
    if not _has_display():
        raise UserError(
            "no display found: start the GUI in a desktop session, or set "
            "QT_QPA_PLATFORM=offscreen to run headless (CLI commands need no display)"
        )
    try:
        from kursk_annotator.ui.app import run
    except ImportError as exc:
        raise UserError(
            f"cannot load Qt ({exc}): install the system libraries listed in the README "
            "(libgl1 libegl1 libxkbcommon0 libfontconfig1 ...)"
        ) from None
    return run(db=args.db, analyst=args.analyst, verbose=bool(getattr(args, "verbose", False)))
