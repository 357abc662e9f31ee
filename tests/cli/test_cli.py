"""The command line, end to end through subprocesses, as a user types it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_load_samples_then_list_articles(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    out = cli("load-samples", db=db).stdout
    assert "5 articles added" in out
    again = cli("load-samples", db=db).stdout
    assert "0 articles added (5 already there)" in again and "0 annotations added" in again
    articles = json.loads(cli("articles", "--json", db=db).stdout)
    assert len(articles) == 5
    assert {a["title"] for a in articles} >= {
        "Ukraine launches new offensive in Russia's Kursk region"
    }
    first = articles[0]
    assert set(first) >= {"id", "title", "outlet", "published", "language", "annotations"}
    assert sum(first["annotations"].values()) > 0


def test_show_prints_the_stored_text(cli: Run, sample_db: Path) -> None:
    shown = json.loads(cli("show", "2", "--json", db=sample_db).stdout)
    seed = Path(__file__).parents[2] / "sample_data/articles/new-offensive-kursk-2025-01-05.txt"
    assert shown["text"] == seed.read_text(encoding="utf-8")
    assert shown["published"] == "2025-01-05"
    human = cli("show", "2", db=sample_db).stdout
    assert "title:" in human and "Ukraine has launched a new offensive" in human


def test_annotate_by_quote_and_by_offsets(cli: Run, sample_db: Path) -> None:
    made = json.loads(
        cli(
            "--analyst",
            "Kim",
            "annotate",
            "4",
            "--kind",
            "figure",
            "--quote",
            "386 artillery systems",
            "--counts",
            "Russian artillery systems destroyed",
            "--json",
            db=sample_db,
        ).stdout
    )
    assert made["quote"] == "386 artillery systems" and made["analyst"] == "Kim"
    assert (
        made["attributes"]
        == {"value": 386, "counts": "Russian artillery systems destroyed"}
        | {"unit": made["attributes"].get("unit")}
        if "unit" in made["attributes"]
        else True
    )
    assert made["attributes"]["value"] == 386
    assert set(made) >= {
        "id",
        "article_id",
        "kind",
        "start",
        "end",
        "quote",
        "note",
        "attributes",
        "analyst",
        "status",
        "created",
        "updated",
    }
    by_offset = json.loads(
        cli(
            "annotate",
            "4",
            "--kind",
            "place",
            "--start",
            str(made["start"]),
            "--end",
            str(made["start"] + 3),
            "--canonical-name",
            "X",
            "--json",
            db=sample_db,
        ).stdout
    )
    assert by_offset["quote"] == "386"
    listed = json.loads(
        cli("annotations", "--article", "4", "--analyst", "Kim", "--json", db=sample_db).stdout
    )
    assert [a["id"] for a in listed] == [made["id"]]


def test_annotation_filters(cli: Run, sample_db: Path) -> None:
    rows = json.loads(
        cli("annotations", "--kind", "place", "--status", "rejected", "--json", db=sample_db).stdout
    )
    assert rows and all(r["kind"] == "place" and r["status"] == "rejected" for r in rows)


def test_import_text_and_markdown(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "imp.sqlite"
    (tmp_path / "a.txt").write_text("Report from Sudzha.\r\nSecond line.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Berdin update\n\nFighting near Berdin.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    (tmp_path / "empty.txt").write_text("   \n")
    result = cli("import", "a.txt", "b.md", "bad.txt", "empty.txt", "missing.txt", db=db, ok=False)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("imported a.txt -> article 1")
    assert lines[1].startswith("imported b.md -> article 2: Berdin update")
    assert lines[2].startswith("failed bad.txt: binary data")
    assert lines[3].startswith("failed empty.txt:")
    assert lines[4].startswith("failed missing.txt: file not found")
    again = cli("import", "a.txt", "--json", db=db)
    assert json.loads(again.stdout) == [{"file": "a.txt", "result": "duplicate", "article_id": 1}]
    articles = json.loads(cli("articles", "--json", db=db).stdout)
    assert [a["title"] for a in articles] == ["Report from Sudzha.", "Berdin update"]
    text = json.loads(cli("show", "1", "--json", db=db).stdout)["text"]
    assert text == "Report from Sudzha.\nSecond line."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["annotate", "2", "--kind", "claim", "--quote", "not in this text"],
            "is not in the article",
        ),
        (
            ["annotate", "2", "--kind", "claim", "--start", "5", "--end", "999999"],
            "outside the article",
        ),
        (["annotate", "2", "--kind", "claim", "--start", "5"], "--start needs --end"),
        (["annotate", "2", "--kind", "claim", "--start", "20", "--end", "10"], "reversed"),
        (
            ["annotate", "2", "--kind", "place", "--quote", "Kursk", "--lat", "200", "--lon", "1"],
            "latitude must be between -90 and 90",
        ),
        (
            ["annotate", "2", "--kind", "figure", "--quote", "Kursk", "--value", "nan"],
            "finite number",
        ),
        (
            ["--analyst", "", "annotate", "2", "--kind", "claim", "--quote", "Kursk"],
            "--analyst is empty",
        ),
        (["--db", "", "articles"], "--db is empty"),
        (["annotate", "99", "--kind", "claim", "--quote", "x"], "no article with id 99"),
        (
            ["annotate", "2", "--kind", "claim", "--quote", "Kursk", "--unit", "km"],
            "applies to a figure",
        ),
        (
            ["annotate", "2", "--kind", "figure", "--quote", "Kursk", "--qualifier", "lots"],
            "qualifier",
        ),
        (["annotate", "2", "--kind", "opinion", "--quote", "x"], "invalid choice"),
        (["annotate", "two", "--kind", "claim", "--quote", "x"], "not a whole number"),
        (["show", "42"], "no article with id 42"),
        (["annotations", "--article", "42"], "no article with id 42"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_database_alone(
    cli: Run, sample_db: Path, args: list[str], message: str
) -> None:
    before = _digest(sample_db)
    result = cli(*args, db=sample_db, ok=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert _digest(sample_db) == before


def test_corrupt_and_newer_databases_are_refused(cli: Run, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"garbage" * 100)
    result = cli("articles", db=corrupt, ok=False)
    assert result.returncode == 3 and "not a SQLite database" in result.stderr
    assert corrupt.read_bytes() == b"garbage" * 100

    newer = tmp_path / "newer.sqlite"
    cli("articles", db=newer)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.close()
    before = _digest(newer)
    result = cli("load-samples", db=newer, ok=False)
    assert result.returncode == 3 and "newer version" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _digest(newer) == before


def test_cli_never_loads_qt(cli: Run, sample_db: Path, tmp_path: Path) -> None:
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from kursk_annotator.cli import main\n"
        f"db = {str(sample_db)!r}\n"
        "for command in ('articles', 'annotations', 'show'):\n"
        "    main(['--db', db, command] + (['1'] if command == 'show' else []))\n"
        "assert 'PySide6' not in sys.modules, 'the CLI imported Qt'\n"
        "print('qt-free')\n"
    )
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("qt-free")


def test_gui_without_display_explains_itself(cli: Run, tmp_path: Path) -> None:
    result = cli(db=tmp_path / "gui.sqlite", ok=False)
    assert result.returncode != 0
    assert "no display found" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_env_selects_database_and_analyst(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("KURSK_ANNOTATOR_DB", str(db))
    monkeypatch.setenv("KURSK_ANNOTATOR_ANALYST", "Env Person")
    cli("load-samples")
    made = json.loads(
        cli("annotate", "1", "--kind", "place", "--quote", "Kursk Oblast", "--json").stdout
    )
    assert made["analyst"] == "Env Person"
    assert db.exists()
