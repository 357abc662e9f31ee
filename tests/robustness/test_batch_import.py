"""An article batch import stores each file all-or-nothing and reports each; one bad
file never aborts the batch, on SQLite or PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.robustness.conftest import Run

GOOD = "Ukrainian forces held positions near Sudzha in Kursk Oblast, officials said."


def _files(folder: Path) -> list[Path]:
    first = folder / "first.txt"
    first.write_text(GOOD, "utf-8")
    # A saved page whose author line is far longer than a store keeps (PostgreSQL used to
    # abort the whole batch on it with a traceback; SQLite kept it).
    bad = folder / "bad.html"
    bad.write_text(
        "<html><head><title>Kursk</title>"
        f'<meta name="author" content="{"Very Long Byline " * 20}"></head>'
        "<body><article><p>" + "Berdin was retaken after heavy fighting. " * 5 + "</p>"
        "</article></body></html>",
        "utf-8",
    )
    last = folder / "last.md"
    last.write_text("# Makhnovka\n\nThe village of Makhnovka changed hands twice.\n", "utf-8")
    return [first, bad, last]


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_one_bad_file_is_reported_and_the_others_go_in(
    store: str, tmp_path: Path, cli: Run, request: pytest.FixtureRequest
) -> None:
    if store == "sqlite":
        db = str(tmp_path / "s.sqlite")
        argv = ["--db", db]
    else:
        team = request.getfixturevalue("team")
        db = team.url(team.olena)
        argv = ["--db", db]
    files = _files(tmp_path)
    result = cli(*argv, "import", "--json", *map(str, files), ok=None)
    assert result.returncode == 1, result.stderr  # some failed, the others went in
    outcomes = {Path(o["file"]).name: o for o in json.loads(result.stdout)}
    assert outcomes["first.txt"]["result"] == "imported"
    assert outcomes["last.md"]["result"] == "imported"
    assert outcomes["bad.html"]["result"] == "failed"
    assert "author" in outcomes["bad.html"]["reason"]
    ws = Workspace(open_store(db))
    titles = sorted(a.title for a in ws.articles.list())
    ws.close()
    assert len(titles) == 2 and "Makhnovka" in titles


def test_a_broken_pdf_is_one_line_and_names_no_library_class(tmp_path: Path, cli: Run) -> None:
    """pypdf's own complaints ("EOF marker not found") do not reach the terminal beside
    the one line, and the line says what to do, not which exception was raised."""
    broken = tmp_path / "trunc.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    result = cli("--db", str(tmp_path / "s.sqlite"), "import", str(broken), ok=None)
    assert result.returncode == 1
    said = (result.stdout + result.stderr).strip().splitlines()
    assert said == [f"failed {broken}: the PDF is corrupt or truncated: download or save it "
                    "again, or import its text"]  # fmt: skip
