"""``kursk-annotator import``: every format, one line per file, exit 1 if any failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursk_annotator.cli import main
from tests.importers.builders import make_docx, make_encrypted_pdf, make_pdf, write

TEXT = "Russian forces retook Sudzha, the ministry said on 13 March 2025.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_mixed_import_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    files = [
        write(tmp_path / "a.txt", TEXT),
        write(tmp_path / "b.pdf", make_pdf([["From the PDF text layer."]])),
        write(tmp_path / "c.docx", make_docx(["From the Word document."])),
        write(tmp_path / "d.html", "<html><body><p>From the saved page.</p></body></html>"),
        write(tmp_path / "locked.pdf", make_encrypted_pdf([["Secret."]])),
        write(tmp_path / "again.txt", TEXT),
    ]
    code, out, err = run(capsys, "--db", db, "import", *map(str, files), "--json")
    assert code == 1
    assert err == ""
    results = json.loads(out)
    assert [r["result"] for r in results] == [
        "imported",
        "imported",
        "imported",
        "imported",
        "failed",
        "duplicate",
    ]
    assert [r.get("format") for r in results[:4]] == ["txt", "pdf", "docx", "html"]
    assert "encrypted" in results[4]["reason"]
    assert results[5]["article_id"] == results[0]["article_id"]

    code, out, _ = run(capsys, "--db", db, "articles", "--json")
    assert len(json.loads(out)) == 4


def test_human_lines_and_exit_zero_when_all_go_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite")
    path = write(tmp_path / "a.txt", TEXT)
    code, out, _ = run(capsys, "--db", db, "import", str(path))
    assert code == 0
    assert out.startswith(f"imported {path} -> article 1: Russian forces retook Sudzha")
    code, out, _ = run(capsys, "--db", db, "import", str(path))
    assert code == 0  # a duplicate is not a failure
    assert out.strip() == f"duplicate {path}: same text as article 1, not imported again"


def test_overrides_for_a_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    path = write(tmp_path / "a.txt", TEXT)
    code, _, _ = run(
        capsys,
        "--db",
        db,
        "import",
        str(path),
        "--title",
        "Sudzha retaken",
        "--outlet",
        "TASS",
        "--date",
        "2025-03-13",
        "--url",
        "https://example.com/s",
        "--language",
        "en",
    )
    assert code == 0
    _, out, _ = run(capsys, "--db", db, "show", "1", "--json")
    shown = json.loads(out)
    assert (shown["title"], shown["outlet"], shown["published"]) == (
        "Sudzha retaken",
        "TASS",
        "2025-03-13",
    )
    assert shown["source_name"] == "a.txt"


def test_max_size_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    big = write(tmp_path / "big.txt", TEXT * 40_000)  # about 2.5 MB
    small = write(tmp_path / "small.txt", "Short note about Berdin.")
    code, out, _ = run(capsys, "--db", db, "import", str(big), str(small), "--max-size", "1")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"failed {big}: file is 2.5 MB, over the 1.0 MB import limit"
    assert lines[1].startswith(f"imported {small}")


def test_bad_date_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", TEXT)
    code, _, err = run(
        capsys, "--db", str(tmp_path / "x.sqlite"), "import", str(path), "--date", "13/03/2025"
    )
    assert code == 2
    assert (
        err.strip()
        == "kursk-annotator: error: --date '13/03/2025' is not a date: write it as YYYY-MM-DD"
    )
