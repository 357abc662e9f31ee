"""Core error messages fit both front ends: the GUI shows them as they are, the command
line adds the option to use (``cli_hint``). ``what: what to do``, no GUI-only words, no
command-line option a GUI user could not give."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kursk_annotator.core.anchoring import find_quote
from kursk_annotator.core.errors import UserError, for_cli
from tests.cli.conftest import Run

CORE = Path(__file__).resolve().parents[2] / "kursk_annotator" / "core"
# Messages about commands only the command line has (team administration, recovering a
# damaged file): their options are what the user must type.
COMMAND_LINE_ONLY = {"team/admin.py", "store_repair.py"}
GUI_WORDS = re.compile(r"\b(click|double-click|menu|button|dialog|tick|Ctrl\+)", re.I)
OPTION = re.compile(r"(?<![\w'-])--[a-z][\w-]*")


def _raised_messages() -> list[tuple[str, int, str]]:
    """(file, line, message text) of every ``raise SomethingError("...")`` in the core."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        name = path.relative_to(CORE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if not isinstance(call, ast.Call) or not call.args:
                continue
            parts = [
                n.value
                for n in ast.walk(call.args[0])
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            if parts:
                found.append((name, node.lineno, "".join(parts)))
    return found


def test_core_messages_say_what_to_do_in_words_for_both_front_ends() -> None:
    messages = _raised_messages()
    assert len(messages) > 50  # the scan sees the core's errors
    wrong = []
    for name, line, text in messages:
        if GUI_WORDS.search(text):
            wrong.append(f"{name}:{line}: GUI word in {text!r}")
        if name in COMMAND_LINE_ONLY:
            continue
        for option in OPTION.findall(text):
            # Allowed: the option itself is what is wrong ("--db is empty", which the GUI
            # is started with too), or a whole command someone is asked to run.
            if not text.startswith(option) and "'kursk-annotator " not in text:
                wrong.append(f"{name}:{line}: {option} in {text!r} (use cli_hint)")
    assert wrong == []


def test_the_command_line_adds_its_hint_and_the_gui_shows_the_message_alone() -> None:
    with pytest.raises(UserError) as raised:
        find_quote("Sudzha is quiet.", "Kursk")
    error = raised.value
    assert str(error).endswith("or give its start and end offsets")
    assert for_cli(error) == f"{error} (--start/--end)"
    assert for_cli(UserError("no article with id 4: list them with articles")) == (
        "no article with id 4: list them with articles"
    )


def test_the_command_line_prints_the_option_to_use(cli: Run, sample_db: Path) -> None:
    result = cli("annotate", "2", "--kind", "claim", "--quote", "nowhere", db=sample_db, ok=False)
    assert result.stderr.strip().endswith(
        "(same spelling, punctuation and case) or give its start and end offsets (--start/--end)"
    )
    assert result.stderr.startswith("kursk-annotator: error: quote 'nowhere' is not in")
