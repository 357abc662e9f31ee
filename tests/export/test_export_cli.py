"""``kursk-annotator export-docx`` end to end, in a subprocess as a user runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.export.conftest import Run
from tests.export.reading import annotation_comments, heading_texts, open_docx, part_text


@pytest.fixture
def db(sample_db: Path) -> Path:
    """A store holding the samples (loaded once per session, copied per test)."""
    return sample_db


def test_export_docx_writes_the_briefing(run_cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    run_cli("--db", str(db), "load-samples")
    out = tmp_path / "briefing.docx"
    result = run_cli(
        "--db",
        str(db),
        "--analyst",
        "Olena Kovalchuk",
        "export-docx",
        str(out),
        "--title",
        "Kursk: figures in dispute",
        "--marking",
        "UNCLASSIFIED — FOR TRAINING",
    )
    assert result.stdout.startswith(f"wrote {out}: 5 article(s), 132 annotation(s)")
    document = open_docx(out)
    assert document.core_properties.title == "Kursk: figures in dispute"
    assert document.core_properties.author == "Olena Kovalchuk"  # who exports, not a filter
    assert part_text(document.sections[0].header._element) == "UNCLASSIFIED — FOR TRAINING"
    assert len(annotation_comments(document)) == 132


def test_filters_choose_articles_kinds_status_and_analysts(
    run_cli: Run, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "filtered.docx"
    result = run_cli(
        "export-docx",
        str(out),
        "--db",
        str(db),
        "--article",
        "2",
        "--article",
        "3",
        "--kind",
        "claim",
        "--status",
        "pending",
        "--analyst",
        "Mark Davies",
        "--json",
    )
    report = json.loads(result.stdout)
    listed = run_cli(
        "annotations", "--db", str(db), "--analyst", "Mark Davies", "--kind", "claim", "--json"
    )
    want = [
        a
        for a in json.loads(listed.stdout)
        if a["article_id"] in (2, 3) and a["status"] in ("pending", "changes_requested")
    ]
    assert report["annotations"] == len(want) == 9
    assert report["articles"] == 2
    document = open_docx(out)
    assert {c.author for c in annotation_comments(document)} == {"Mark Davies"}
    assert heading_texts(document, 2)[0].startswith("[1] Ukraine launches new offensive")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out.txt"], "out.txt is not a .docx file name: end it in .docx"),
        (["nowhere/out.docx"], "does not exist: create it or choose another"),
        (["out.docx", "--article", "42"], "no article with id 42"),
        (["out.docx", "--analyst", "Nobody"], "no analyst called 'Nobody'"),
        (
            ["out.docx", "--kind", "place", "--status", "accepted", "--analyst", "Mark Davies"],
            "nothing to export: no annotations match",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run_cli: Run, db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli("--db", str(db), "export-docx", *args, ok=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kursk-annotator: error: ")
    assert message in lines[0]
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*.tmp"))


def test_a_bad_choice_is_a_usage_error(run_cli: Run, db: Path) -> None:
    result = run_cli("--db", str(db), "export-docx", "b.docx", "--status", "maybe", ok=False)
    assert result.returncode == 2
    assert "invalid choice: 'maybe'" in result.stderr


def _soffice_convert(source: Path, fmt: str, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    return folder / f"{source.stem}.{fmt}"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_comments_and_converts_to_pdf(
    run_cli: Run, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.docx"
    run_cli("--db", str(db), "export-docx", str(out), "--marking", "UNCLASSIFIED — FOR TRAINING")
    pdf = _soffice_convert(out, "pdf", tmp_path)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Disagreement as of October – November 2024" in text
        assert "UNCLASSIFIED — FOR TRAINING" in text
        assert "Page 2 of" in text
    # LibreOffice keeps every comment with its range (its PDF export just omits them).
    odt = _soffice_convert(out, "odt", tmp_path)
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode("utf-8")
    every = len(open_docx(out).comments)  # the annotations' and the review replies
    assert every > 132
    assert len(re.findall(r"<office:annotation[ >]", content)) == every
    assert content.count("<office:annotation-end") == every
