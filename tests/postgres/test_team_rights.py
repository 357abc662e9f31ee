"""A team store: analysts are database logins and PostgreSQL enforces their rights.

Two real login roles connect; each forbidden act is tried with plain SQL (psycopg as
that login) and through the app (services, and the CLI in a subprocess).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa

from kursk_annotator.core.errors import PermissionDenied, StoreError, UserError
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres

TEXT = (
    "Ukraine's General Staff said 12,000 North Korean soldiers were deployed near Sudzha "
    "in the Kursk region, while Russia's defence ministry reported fighting at Berdin."
)


def cli(*args: str, db: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "kursk_annotator", "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if ok:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1, result.stderr
    return result


@pytest.fixture
def olena(team: Team) -> Iterator[Workspace]:
    ws = Workspace(open_store(team.url(team.olena)))
    yield ws
    ws.close()


@pytest.fixture
def mark(team: Team) -> Iterator[Workspace]:
    ws = Workspace(open_store(team.url(team.mark)))
    yield ws
    ws.close()


def _article(ws: Workspace) -> int:
    return ws.articles.add(NewArticle(text=TEXT, title="Kursk"), ws.analyst).id or 0


def _history(team: Team, annotation_id: int) -> list[tuple[str, str | None]]:
    with psycopg.connect(team.dsn(team.mark)) as con:
        return con.execute(
            "SELECT h.action, a.login FROM history h LEFT JOIN analyst a ON a.id = h.analyst_id "
            "WHERE h.entity = 'annotation' AND h.entity_id = %s ORDER BY h.id",
            (annotation_id,),
        ).fetchall()


def test_identity_is_the_login(team: Team, olena: Workspace, mark: Workspace) -> None:
    assert olena.analyst.name == "Olena Kovalchuk" and olena.analyst.login == team.olena
    assert mark.analyst.name == "Mark Davies"
    article = _article(olena)
    made = cli(
        "annotate", str(article), "--kind", "place", "--quote", "Sudzha", db=team.url(team.olena)
    )
    assert "Olena Kovalchuk" in made.stdout
    # Claiming another name is refused, with one line, and writes nothing.
    claimed = cli(
        "--analyst",
        "Mark Davies",
        "annotate",
        str(article),
        "--kind",
        "place",
        "--quote",
        "Berdin",
        db=team.url(team.olena),
        ok=False,
    )
    assert "--analyst does not apply to a team store" in claimed.stderr
    assert [a.quote for a in mark.annotations.list()] == ["Sudzha"]
    with pytest.raises(UserError, match="team store"):
        olena.switch_analyst("Mark Davies")


def test_plain_sql_cannot_forge_or_touch_others_work(
    team: Team, olena: Workspace, mark: Workspace
) -> None:
    article = _article(olena)
    hers = olena.annotations.create(article, "place", 84, 90, olena.analyst)
    his = mark.annotations.create(article, "place", 146, 152, mark.analyst)
    mark_id, olena_id = mark.analyst.id, olena.analyst.id
    with psycopg.connect(team.dsn(team.olena), autocommit=True) as con:
        # Insert an annotation "by" Mark, or one already accepted: refused.
        for analyst_id, status in ((mark_id, "pending"), (olena_id, "accepted")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                con.execute(
                    "INSERT INTO annotation (uid, article_id, kind, start_offset, end_offset, "
                    "quote, prefix, suffix, note, attributes, analyst_id, created_at, "
                    "updated_at, status, version) VALUES (md5(random()::text), %s, 'place', "
                    "0, 7, 'Ukraine', '', '', '', '{}', %s, now(), now(), %s, 1)",
                    (article, analyst_id, status),
                )
        # Mark's annotation: invisible to UPDATE and DELETE.
        assert (
            con.execute("UPDATE annotation SET note = 'x' WHERE id = %s", (his.id,)).rowcount == 0
        )
        assert con.execute("DELETE FROM annotation WHERE id = %s", (his.id,)).rowcount == 0
        # Her own: she cannot give it away, nor accept it.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE annotation SET analyst_id = %s WHERE id = %s", (mark_id, hers.id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only through a verdict"):
            con.execute("UPDATE annotation SET status = 'accepted' WHERE id = %s", (hers.id,))
        # Review her own, or review as Mark: refused.
        for reviewer, target in ((olena_id, hers.id), (mark_id, hers.id), (mark_id, his.id)):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(
                    "INSERT INTO review (annotation_id, analyst_id, verdict, text, created_at) "
                    "VALUES (%s, %s, 'accept', '', now())",
                    (target, reviewer),
                )
        # History: no changes, no deletes, no switching its trigger off, no forged entries.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("DELETE FROM history")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE history SET analyst_id = %s", (mark_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="owner"):
            con.execute("ALTER TABLE history DISABLE TRIGGER ALL")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(
                "INSERT INTO history (entity, entity_id, action, analyst_id, at) "
                "VALUES ('annotation', %s, 'update', %s, now())",
                (his.id, mark_id),
            )
        # Nor can she make herself someone else, or create objects to play tricks with.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE analyst SET login = 'x' WHERE id = %s", (mark_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("CREATE TEMP TABLE t (x int)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("CREATE TABLE public.t (x int)")
        # A plain-SQL change of her own work is allowed, versioned and recorded as hers.
        con.execute("UPDATE annotation SET note = 'by hand' WHERE id = %s", (hers.id,))
    assert mark.annotations.get(his.id).note == "" and not mark.annotations.get(his.id).deleted
    after = olena.annotations.get(hers.id)
    assert after.note == "by hand" and after.version == hers.version + 1
    assert after.status == "pending"
    assert _history(team, hers.id) == [("create", team.olena), ("update", team.olena)]
    assert _history(team, his.id) == [("create", team.mark)]


def test_the_app_refuses_the_same_acts_first(team: Team, olena: Workspace, mark: Workspace) -> None:
    article = _article(olena)
    hers = olena.annotations.create(article, "place", 84, 90, olena.analyst)
    with pytest.raises(PermissionDenied, match="only its author"):
        mark.annotations.update(hers.id, mark.analyst, note="mine now")
    with pytest.raises(PermissionDenied, match="only its author"):
        mark.annotations.delete(hers.id, mark.analyst)
    own = cli("review", str(hers.id), "--accept", db=team.url(team.olena), ok=False)
    assert "your own" in own.stderr
    # Mark reviews it: verdict and status together, history written by the database.
    cli("review", str(hers.id), "--accept", db=team.url(team.mark))
    assert olena.annotations.get(hers.id).status == "accepted"
    assert _history(team, hers.id) == [
        ("create", team.olena),
        ("review", team.mark),
        ("status", team.mark),
    ]
    # Past the app's own checks, the database still says no, and the CLI says it in one line.
    with (
        pytest.raises(StoreError, match="your login may not do it"),
        mark.store.transaction() as session,
    ):
        session.execute(
            sa.text(
                "INSERT INTO review (annotation_id, analyst_id, verdict, text, created_at) "
                "VALUES (:a, :o, 'reject', '', now())"
            ),
            {"a": hers.id, "o": olena.analyst.id},
        )


def test_an_import_cannot_forge_author_or_status(
    team: Team, olena: Workspace, mark: Workspace, tmp_path
) -> None:
    import json

    article = olena.articles.add(
        NewArticle(text=TEXT, title="Kursk", url="https://example.org/kursk"), olena.analyst
    )
    forged = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:3f1c1c3e-0d5b-4a7e-9a57-1b0f0a9b7c11",
        "type": "Annotation",
        "creator": {"type": "Person", "name": "Olena Kovalchuk"},
        "kursk:status": "accepted",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "place"}],
        "target": {
            "source": "https://example.org/kursk",
            "selector": {"type": "TextQuoteSelector", "exact": "Berdin"},
        },
    }
    path = tmp_path / "forged.jsonld"
    path.write_text(json.dumps(forged), encoding="utf-8")
    cli("import-annotations", str(path), db=team.url(team.mark))
    [made] = mark.annotations.list(article_id=article.id)
    assert (made.analyst, made.status, made.version) == ("Mark Davies", "pending", 1)
    entries = mark.history.for_entity("annotation", made.id)
    assert [(e.action, e.analyst) for e in entries] == [
        ("create", "Mark Davies"),
        ("import", "Mark Davies"),
    ]
    assert entries[1].after["creator"] == "Olena Kovalchuk"
    assert entries[1].after["status_in_file"] == "accepted"
