"""A real PostgreSQL server for the tests that need one, started from the system's binaries.

Skips when PostgreSQL is not installed (``.ci/run`` installs it). ``KURSK_TEST_POSTGRES_URL``
points the tests at an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PASSWORD = "kursk-test-password"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb and the server refuse to run as root; use the postgres system account.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL (without database name) of a running server."""
    if url := os.environ.get("KURSK_TEST_POSTGRES_URL"):
        yield url.rstrip("/")
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="kursk-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
        shutil.chown(pwfile, "postgres")
    subprocess.run(
        _as_postgres_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "kursk",
                "--pwfile",
                str(pwfile),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres_user(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(root / "log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield f"postgresql+psycopg://kursk:{PASSWORD}@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the server for one test."""
    import psycopg

    name = f"kursk_{uuid.uuid4().hex[:10]}"
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


class Team:
    """A team store on the test server with two analysts, each a real login role."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy.engine import make_url

        from kursk_annotator.core.team import admin

        self.admin_url = admin_url
        admin.init(admin_url)
        suffix = uuid.uuid4().hex[:6]
        self.olena, self.mark = f"olena_{suffix}", f"mark_{suffix}"
        self.password = {self.olena: "olena-pw-" + suffix, self.mark: "mark-pw-" + suffix}
        admin.add_analyst(
            admin_url, self.olena, "Olena Kovalchuk", password=self.password[self.olena]
        )
        admin.add_analyst(admin_url, self.mark, "Mark Davies", password=self.password[self.mark])
        self._url = make_url(admin_url)

    def url(self, login: str, password: str | None = None) -> str:
        """The SQLAlchemy URL with which ``login`` connects."""
        pw = self.password.get(login, "") if password is None else password
        return self._url.set(username=login, password=pw).render_as_string(hide_password=False)

    def dsn(self, login: str) -> str:
        """The same for plain psycopg (no SQLAlchemy driver prefix)."""
        return self.url(login).replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def team(postgres_url: str) -> Team:
    return Team(postgres_url)
