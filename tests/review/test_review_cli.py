"""The review commands as a user runs them: two analysts, one store, subprocesses."""

from __future__ import annotations

import json

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

from .conftest import TEXT, URL, run_cli

OLENA, MARK = "Olena Kovalchuk", "Mark Davies"


def test_two_analysts_review_round_from_the_command_line(scenario) -> None:
    db = scenario.ws.store.path
    ann = scenario.o_figure.id
    refused = run_cli(db, "review", str(ann), "--accept", analyst=OLENA)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"kursk-annotator: error: annotation {ann} is your own: another analyst must review it"
    ]
    asked = run_cli(
        db, "review", str(ann), "--request-changes", "--comment", "add a range", analyst=MARK
    )
    assert asked.returncode == 0, asked.stderr
    assert "now changes_requested" in asked.stdout
    waiting = json.loads(run_cli(db, "requests", "--json", analyst=OLENA).stdout)
    assert [(w["annotation"]["id"], w["request"]["text"]) for w in waiting] == [
        (ann, "add a range")
    ]
    request_id = waiting[0]["request"]["id"]
    replied = run_cli(
        db, "review", str(ann), "--reply-to", str(request_id), "--comment", "done", analyst=OLENA
    )
    assert replied.returncode == 0, replied.stderr
    assert run_cli(db, "review", str(ann), "--accept", analyst=MARK).returncode == 0
    thread = run_cli(db, "thread", str(ann)).stdout.splitlines()
    assert "Mark Davies request_changes: add a range" in thread[0]
    assert thread[1].startswith("  [") and "Olena Kovalchuk comment: done" in thread[1]
    history = json.loads(run_cli(db, "history", str(ann), "--json").stdout)
    assert [(h["action"], h["analyst"]) for h in history] == [
        ("create", OLENA),
        ("review", MARK),
        ("status", MARK),
        ("review", OLENA),
        ("review", MARK),
        ("status", MARK),
    ]
    text = run_cli(db, "history", str(ann)).stdout
    assert "status: changes_requested → accepted" in text


def test_review_usage_errors_are_one_line(scenario) -> None:
    db = scenario.ws.store.path
    for args, message in (
        (["review", "999", "--accept"], "no annotation with id 999"),
        (["review", str(scenario.m_place.id)], "give --accept, --reject"),
        (["history", "999"], "no annotation with id 999"),
        (["agreement", "1", "--analysts", OLENA, "Nobody"], "no analyst called 'Nobody'"),
    ):
        result = run_cli(db, *args, analyst=OLENA)
        assert result.returncode == 2
        [line] = result.stderr.strip().splitlines()
        assert message in line and "Traceback" not in result.stderr


def test_agreement_from_the_command_line(scenario) -> None:
    db = scenario.ws.store.path
    result = run_cli(db, "agreement", str(scenario.article_id), "--analysts", OLENA, MARK, "--json")
    data = json.loads(result.stdout)
    # Olena: figure, place, claim; Mark: figure (inside Olena's), place (elsewhere).
    # exact: no span equal -> matched 0; overlap: the two figures -> 1 of A 3 and B 2.
    assert data["exact"]["overall"]["matched"] == 0
    assert data["overlap"]["overall"] == {
        "a_spans": 3, "b_spans": 2, "matched": 1, "precision": 0.5, "recall": 1 / 3, "f1": 0.4,
    }  # fmt: skip
    assert [r["category"] for r in data["rows"]] == ["only_a", "both", "only_a", "only_b"]
    table = run_cli(db, "agreement", str(scenario.article_id), "--analysts", OLENA, MARK).stdout
    assert "overall" in table and "only B" in table


def test_export_import_and_orphans_from_the_command_line(scenario, tmp_path) -> None:
    db = scenario.ws.store.path
    out = tmp_path / "mark.jsonld"
    written = run_cli(db, "export-annotations", str(out), "--analyst", MARK)
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"wrote 2 annotation(s) to {out}"
    assert {i["creator"]["name"] for i in json.loads(out.read_text())["first"]["items"]} == {MARK}
    other = tmp_path / "other.sqlite"
    imported = run_cli(other, "import-annotations", str(out))
    assert imported.returncode == 0
    assert imported.stdout.splitlines()[0] == (
        "anchored 0, re-anchored 0, orphaned 2, duplicates 0, unknown articles 1, invalid 0"
    )
    assert "https://example.org/general-staff-kursk: 2 annotation(s)" in imported.stdout
    orphans = json.loads(run_cli(other, "orphans", "--json").stdout)
    assert sorted((o["quote"], o["reason"]) for o in orphans) == [
        ("40 thousand people", "unknown article"),
        ("Berdin", "unknown article"),
    ]
    # After importing the article itself, the same file anchors both; nothing is doubled.
    ws = Workspace(open_store(str(other)), "Importer")

    ws.articles.add(NewArticle(text=TEXT, url=URL))
    ws.close()
    again = json.loads(run_cli(other, "import-annotations", str(out), "--json").stdout)
    assert (again["anchored"], again["orphaned"], again["duplicates"]) == (2, 0, 0)
    assert run_cli(other, "orphans").stdout.startswith("no orphans")
    bad = tmp_path / "bad.jsonld"
    bad.write_text("[1, 2", encoding="utf-8")
    failed = run_cli(other, "import-annotations", str(bad))
    assert failed.returncode == 2 and "is not JSON" in failed.stderr
