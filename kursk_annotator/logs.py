"""Logging, configured once per process: a rotating file in the user log folder.

The GUI and the CLI call :func:`configure_logging` at start; ``--verbose`` adds debug
messages to the file and echoes them on stderr. Without it the terminal shows nothing
from logging (a command's own output and its one-line errors are printed, not logged),
and the file keeps INFO and above: enough to tell what the app did before a crash.
Qt-free, so the core and the CLI can use it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "kursk-annotator.log"
ENV_LOG_DIR = "KURSK_ANNOTATOR_LOG_DIR"  # another folder for the log (tests, portable use)
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_configured: Path | None = None


def log_dir() -> Path:
    """The user log folder (``~/.local/state/kursk-annotator/log`` on Linux)."""
    configured = os.environ.get(ENV_LOG_DIR)
    if configured:
        return Path(configured)
    from platformdirs import user_log_path

    return user_log_path("kursk-annotator", appauthor=False)


def log_path() -> Path:
    return log_dir() / LOG_NAME


def configure_logging(verbose: bool = False, file: bool = True) -> Path | None:
    """Send the package's log records to the rotating file (once; later calls may only
    turn verbosity up). Returns the file's path, or None when it cannot be written (the
    app then runs without a log file rather than not at all). With ``file=False`` only
    the verbosity is set now (the app opens the file once its window shows data)."""
    global _configured
    root = logging.getLogger("kursk_annotator")
    if verbose:
        root.setLevel(logging.DEBUG)
        if not any(getattr(h, "_kursk_stderr", False) for h in root.handlers):
            echo = logging.StreamHandler()
            echo.setFormatter(logging.Formatter("kursk-annotator: %(levelname)s: %(message)s"))
            echo._kursk_stderr = True  # type: ignore[attr-defined]
            root.addHandler(echo)
    if _configured is not None:
        return _configured
    if not verbose:
        root.setLevel(logging.INFO)
    if not file:
        return None
    from logging.handlers import RotatingFileHandler  # with socket, pickle: about 12 ms

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    _configured = path
    return path
