"""Setting up a team store with the ``team`` commands, as the README shows, and every
bad connection answered with one line and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import make_url

from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.store import _alembic_config, head_revision, open_store
from kursk_annotator.core.workspace import open_workspace
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres


def run(
    *args: str, db: str, ok: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "kursk_annotator", *args, "--db", db],
        capture_output=True,
        text=True,
        env=environ,
        timeout=180,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if ok:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("kursk-annotator: error: ")
    return result


def _as(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(False)


def _psql(url: str, sql: str) -> None:
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        con.execute(sql)


def test_team_set_up_from_the_command_line(postgres_url: str, tmp_path: Path) -> None:
    suffix = postgres_url[-6:]
    ada, ben = f"ada_{suffix}", f"ben_{suffix}"
    assert "team store ready" in run("team", "init", db=postgres_url).stdout
    pw = tmp_path / "ada.pw"
    pw.write_text("ada secret\n")
    added = run(
        "team",
        "add-analyst",
        ada,
        "--name",
        "Ada Lovelace",
        "--admin",
        "--password-file",
        str(pw),
        db=postgres_url,
    ).stdout
    assert f"added as login {ada}" in added
    (tmp_path / "ben.pw").write_text("ben secret")
    run(
        "team",
        "add-analyst",
        ben,
        "--name",
        "Ben Okri",
        "--password-file",
        str(tmp_path / "ben.pw"),
        db=postgres_url,
    )
    again = run("team", "add-analyst", ben, "--name", "Ben", db=postgres_url, ok=False)
    assert "already a team member" in again.stderr
    listed = json.loads(run("team", "list", "--json", db=postgres_url).stdout)
    assert listed == [
        {"login": ada, "name": "Ada Lovelace", "admin": True, "disabled": False},
        {"login": ben, "name": "Ben Okri", "admin": False, "disabled": False},
    ]
    # The password is stored as a SCRAM verifier, never as written.
    with psycopg.connect(postgres_url.replace("+psycopg", "")) as con:
        stored = con.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (ada,)
        ).fetchone()[0]
        owners = con.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname='public'")
        assert {r[0] for r in owners} == {"kursk"}
        rls = con.execute(
            "SELECT bool_and(relrowsecurity) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
        ).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "ada secret" not in stored
    assert rls is True
    ada_url = _as(postgres_url, ada, "ada secret")
    assert "no articles yet" in run("articles", db=ada_url).stdout
    # Disabled: the login no longer connects; one line says so.
    assert "disabled" in run("team", "disable", ben, db=postgres_url).stdout
    refused = run("articles", db=_as(postgres_url, ben, "ben secret"), ok=False)
    assert f"login {ben} is disabled" in refused.stderr
    assert json.loads(run("team", "list", "--json", db=postgres_url).stdout)[1]["disabled"]
    # Team commands need the administrator.
    not_admin = run("team", "add-analyst", "eve", "--name", "Eve", db=ada_url, ok=False)
    assert "may not manage a team" in not_admin.stderr


def test_bad_connections_are_one_line_and_write_nothing(team: Team) -> None:
    wrong = run("articles", db=team.url(team.olena, "not-her-password"), ok=False)
    assert f"wrong or missing password for login {team.olena}" in wrong.stderr
    away = run("articles", db="postgresql+psycopg://someone:pw@127.0.0.1:1/team", ok=False)
    assert "cannot reach the database server at 127.0.0.1:1" in away.stderr
    # A login the server knows, but that is not an analyst of this store.
    stray = f"stray_{team.olena[-6:]}"
    _psql(team.admin_url, f"CREATE ROLE {stray} LOGIN PASSWORD 'pw' IN ROLE kursk_analyst")
    lost = run("articles", db=team.url(stray, "pw"), ok=False)
    assert f"login {stray} is not an analyst of this team store" in lost.stderr
    assert "team add-analyst" in lost.stderr
    # A login outside the team groups may not even connect to the database.
    outsider = f"outsider_{team.olena[-6:]}"
    _psql(team.admin_url, f"CREATE ROLE {outsider} LOGIN PASSWORD 'pw'")
    assert "may not connect" in run("articles", db=team.url(outsider, "pw"), ok=False).stderr
    with psycopg.connect(team.admin_url.replace("+psycopg", "")) as con:
        assert con.execute("SELECT count(*) FROM analyst").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM history").fetchone() == (0,)


def test_credentials_from_a_service_file_and_password_file(team: Team, tmp_path: Path) -> None:
    url = make_url(team.admin_url)
    service = tmp_path / "pg_service.conf"
    service.write_text(
        f"[kursk-team]\nhost={url.host}\nport={url.port}\ndbname={url.database}\nuser={team.mark}\n"
    )
    passfile = tmp_path / "pgpass"
    passfile.write_text(
        f"{url.host}:{url.port}:{url.database}:{team.mark}:{team.password[team.mark]}\n"
    )
    passfile.chmod(0o600)
    env = {"PGSERVICEFILE": str(service), "PGPASSFILE": str(passfile)}
    out = run("articles", db="postgresql+psycopg:///?service=kursk-team", env=env).stdout
    assert "no articles yet" in out


def test_upgrade_backs_up_with_pg_dump_then_migrates(postgres_url: str, tmp_path: Path) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as con:
        command.upgrade(_alembic_config(con), "0003_orphans")
        con.exec_driver_sql(
            "INSERT INTO analyst (name, initials, colour, created_at) "
            "VALUES ('Old Hand', 'OH', '#4477AA', now())"
        )
    engine.dispose()
    older = run("articles", db=postgres_url, ok=False)
    assert "older schema" in older.stderr and "team upgrade" in older.stderr
    missing = run(
        "team",
        "upgrade",
        "--backup-dir",
        str(tmp_path),
        db=postgres_url,
        ok=False,
        env={"KURSK_ANNOTATOR_PG_DUMP": str(tmp_path / "no-pg_dump")},
    )
    assert "pg_dump is not installed" in missing.stderr
    assert not list(tmp_path.glob("*.dump"))
    with pytest.raises(StoreError, match="older schema"):
        open_store(postgres_url)
    done = run("team", "upgrade", "--backup-dir", str(tmp_path), db=postgres_url).stdout
    assert f"upgraded from 0003_orphans to {head_revision()}" in done
    (dump,) = tmp_path.glob("*.dump")
    pg_restore = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_restore"))[-1]
    listing = subprocess.run(
        [pg_restore, "--list", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public analyst" in listing
    assert "is current" in run("team", "upgrade", db=postgres_url).stdout
    open_store(postgres_url).close()


def test_admin_url_without_analyst_record_opens_no_workspace(team: Team) -> None:
    with pytest.raises(StoreError, match="not an analyst of this team store"):
        open_workspace(team.admin_url)
