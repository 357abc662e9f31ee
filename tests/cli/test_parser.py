"""The parser lists every command but imports only the module of the one being run."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from kursk_annotator.cli.parser import COMMANDS, build_parser, parse_command_line
from tests.cli.conftest import Run


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_is_declared_by_its_module_as_the_table_lists_it(command: str) -> None:
    sub = _subcommands(build_parser(command))
    help_lines = {a.dest: a.help for a in sub._choices_actions}
    assert list(help_lines) == list(COMMANDS), "order or names differ from the table"
    assert help_lines[command] == COMMANDS[command][1]
    # Listed-only commands have no -h of their own; declared ones do.
    assert sub.choices[command].add_help
    # Every command the module declares is in the table, under the same module.
    module = COMMANDS[command][0]
    for name, parser in sub.choices.items():
        if parser.add_help:
            assert COMMANDS[name][0] == module, name
            assert module or name == command, "basic commands are declared one at a time"


def test_help_lists_every_command(cli: Run) -> None:
    out = cli("--help").stdout
    for name in COMMANDS:
        assert f"\n    {name}" in out, name


def test_a_commands_own_options_and_errors_still_apply(tmp_path: Path) -> None:
    args = parse_command_line(["--db", "x.sqlite", "annotations", "--article", "3", "--json"])
    assert (args.command, args.article, args.json, args.db) == ("annotations", 3, True, "x.sqlite")
    args = parse_command_line(["show", "7", "--db", "y.sqlite"])
    assert (args.article_id, args.db) == (7, "y.sqlite")
    with pytest.raises(SystemExit):
        parse_command_line(["show", "seven"])
    with pytest.raises(SystemExit):
        parse_command_line(["articles", "--no-such-option"])


def test_reading_commands_define_no_tables_and_load_no_other_command(
    sample_db: Path, tmp_path: Path
) -> None:
    """articles, show and annotations start in about the time of importing SQLModel:
    none of them defines the ORM tables, the attribute or evidence models, or imports
    Alembic or another command's module."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from kursk_annotator.cli import main\n"
        "args = sys.argv[1:]\n"
        "assert main(args) == 0\n"
        "core = ['models', 'attributes', 'evidence.models', 'evidence.registry']\n"
        "cli = ['review_commands', 'export_commands', 'suggest_commands']\n"
        "heavy = ['alembic', *('kursk_annotator.core.' + m for m in core),\n"
        "         *('kursk_annotator.cli.' + m for m in cli)]\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    for command in (["articles"], ["show", "2"], ["annotations", "--article", "2"]):
        done = subprocess.run(
            [sys.executable, str(script), "--db", str(sample_db), *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.strip(), command
