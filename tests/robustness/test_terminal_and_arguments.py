"""Human output cannot drive the terminal; --json stays exact; undecodable arguments get
one line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kursk_annotator.cli.output import terminal_safe
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from tests.robustness.conftest import Run

HOSTILE_TITLE = "Sudzha \x1b[2J\x1b]0;pwned\x07 report\r\x9b31m"
HOSTILE_NOTE = "checked \u202eefil\u202c by \x1b[31mred\x1b[0m"


def test_terminal_safe_shows_controls_and_bidi_and_keeps_text() -> None:
    assert terminal_safe("a\x1b[31mb") == "a\u241b[31mb"
    assert terminal_safe("x\u202ey") == "x<U+202E>y"
    assert terminal_safe("line\n\tnext — Київ 😀") == "line\n\tnext — Київ 😀"
    assert "\r" not in terminal_safe("over\rwrite") and "\x9b" not in terminal_safe("\x9b")


def test_human_output_is_safe_and_json_is_exact(workspace: Workspace, cli: Run) -> None:
    db = workspace.store.path
    assert db is not None
    article = workspace.articles.add(NewArticle(text="Sudzha was taken.", title=HOSTILE_TITLE))
    workspace.annotations.create(article.id, "place", 0, 6, workspace.analyst, note=HOSTILE_NOTE)
    for command in (("articles",), ("annotations",), ("show", str(article.id))):
        out = cli(*command, db=db).stdout
        assert "\x1b" not in out and "\u202e" not in out and "\r" not in out and "\x9b" not in out
        assert "\u241b" in out  # made visible, not silently dropped
    data = json.loads(cli("annotations", "--json", db=db).stdout)
    assert data[0]["note"] == HOSTILE_NOTE
    assert json.loads(cli("articles", "--json", db=db).stdout)[0]["title"] == HOSTILE_TITLE


@pytest.mark.parametrize("option", ["--note", "--analyst"])
def test_invalid_utf8_argument_is_one_line(workspace: Workspace, cli: Run, option: str) -> None:
    if sys.platform == "win32":
        pytest.skip("Windows passes arguments as UTF-16")
    db = workspace.store.path
    assert db is not None
    article = workspace.articles.add(NewArticle(text="Sudzha was taken.", title="T"))
    args: list[str | bytes] = ["annotate", str(article.id), "--kind", "place", "--quote", "Sudzha"]
    if option == "--note":
        args += [b"--note", b"bad \xff\xfe bytes"]
    else:
        args = [b"--analyst", b"Mark \xc3\x28Davies", *args]
    result = cli(*args, db=db, ok=False)
    assert result.returncode == 2
    assert f"{option} is not valid UTF-8" in result.stderr
    assert workspace.annotations.list() == []


def test_comment_and_title_with_invalid_utf8_are_refused(
    sample_db: Path, cli: Run, tmp_path: Path
) -> None:
    result = cli("review", "1", "--accept", b"--comment", b"\x80\x81", db=sample_db, ok=False)
    assert "--comment is not valid UTF-8" in result.stderr
    text = tmp_path / "a.txt"
    text.write_text("Some article text about Sudzha.", "utf-8")
    result = cli("import", str(text), b"--title", b"T\xff", db=sample_db, ok=False)
    assert "--title is not valid UTF-8" in result.stderr
