"""Logging is configured once: a rotating file in the user log folder; --verbose adds
debug messages and echoes them on stderr."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def _log(home: Path) -> Path:
    return home / ".local" / "state" / "kursk-annotator" / "log" / "kursk-annotator.log"


def test_commands_log_to_the_user_log_folder_quietly(
    cli: Run, private_user_dirs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.sqlite"
    done = cli("articles", db=db)
    assert done.stderr == ""
    logged = _log(private_user_dirs).read_text(encoding="utf-8")
    assert f"opened {db}" in logged and "DEBUG" not in logged


def test_verbose_echoes_debug_messages_on_stderr(
    cli: Run, private_user_dirs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.sqlite"
    done = cli("--verbose", "articles", db=db)
    assert "kursk-annotator: DEBUG: command articles" in done.stderr
    assert "DEBUG" in _log(private_user_dirs).read_text(encoding="utf-8")
    # Accepted after the command too, like --db.
    again = cli("articles", "--verbose", db=db)
    assert "DEBUG: command articles" in again.stderr
