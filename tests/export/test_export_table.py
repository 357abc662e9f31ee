"""Annotations as CSV and XLSX: every attribute, review status and latest verdict, with
the filters of 'annotations', from the command line and from File -> Export Table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_xlsx(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_has_a_row_per_annotation_with_the_filters_of_annotations(
    run_cli, sample_db: Path, tmp_path: Path
) -> None:
    args = ["--db", str(sample_db)]
    filters = ["--kind", "figure", "--status", "pending"]
    out = tmp_path / "figures.csv"
    done = run_cli("export-table", str(out), *filters, *args)
    listed = json.loads(run_cli("annotations", "--json", *filters, *args).stdout)
    rows = read_csv(out)
    assert done.stdout.strip() == f"wrote {len(listed)} annotations to {out}"
    assert [int(r["id"]) for r in rows] == [a["id"] for a in listed]
    assert {r["kind"] for r in rows} == {"figure"} and {r["status"] for r in rows} == {"pending"}
    by_id = {int(r["id"]): r for r in rows}
    for a in listed:  # every attribute, in its own column
        for key, value in a["attributes"].items():
            assert by_id[a["id"]][key] == str(value)


def test_xlsx_carries_review_status_and_the_latest_verdict(
    run_cli, workspace: Workspace, tmp_path: Path
) -> None:
    ws = workspace
    article = ws.articles.add(NewArticle(text="=SUM(A1) troops: 12,000 near Sudzha.", title="T"))
    olena, mark = ws.analysts.ensure("Olena Kovalchuk"), ws.analysts.ensure("Mark Davies")
    fig = ws.annotations.create_from_quote(
        article.id, "figure", "12,000", olena, attributes={"value": 12000, "unit": "troops"}
    )
    formula = ws.annotations.create_from_quote(article.id, "claim", "=SUM(A1) troops", olena)
    ws.reviews.review(fig.id, mark, "request_changes", "which date?")
    ws.reviews.review(fig.id, olena, "comment", "6 February")
    ws.reviews.review(fig.id, mark, "accept", "fine now")
    out = tmp_path / "table.xlsx"
    run_cli("export-table", str(out), "--db", str(ws.store.path))
    rows = {r["id"]: r for r in read_xlsx(out)}
    assert rows[fig.id]["status"] == "accepted"
    assert rows[fig.id]["latest_verdict"] == "accepted"
    assert rows[fig.id]["latest_verdict_by"] == "Mark Davies"
    assert rows[fig.id]["latest_verdict_comment"] == "fine now"
    assert rows[fig.id]["review_entries"] == 3
    assert rows[fig.id]["value"] == 12000 and rows[fig.id]["unit"] == "troops"
    assert rows[formula.id]["quote"] == "=SUM(A1) troops"  # text, never a formula
    assert rows[formula.id]["latest_verdict"] is None


def test_a_wrong_name_is_one_line_and_an_old_file_stays(run_cli, sample_db, tmp_path) -> None:
    bad = run_cli("export-table", "out.txt", "--db", str(sample_db), ok=False)
    assert bad.returncode != 0
    assert bad.stderr.strip().splitlines() == [
        "kursk-annotator: error: cannot tell the table format of 'out.txt': "
        "name the file .csv or .xlsx"
    ]
    folder = tmp_path / "table.csv"
    folder.mkdir()
    refused = run_cli("export-table", str(folder), "--db", str(sample_db), ok=False)
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
