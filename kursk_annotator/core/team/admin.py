"""What a team admin does over the administrator's URL: create the store, add analysts
(each a login role of their own), list and disable them, upgrade the schema.

The administrator's role owns the tables; analysts' logins never do (row-level security
does not bind a table's owner), and a login that is a superuser or may bypass row-level
security is refused as an analyst.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from kursk_annotator.core.errors import StoreError, UserError
from kursk_annotator.core.models import utcnow
from kursk_annotator.core.names import check_confusable, normalise_name
from kursk_annotator.core.services.analysts import ANALYST_COLOURS, initials_for
from kursk_annotator.core.store import _make_engine, head_revision, resolve_db_url
from kursk_annotator.core.team import schema, security

ENV_PG_DUMP = "KURSK_ANNOTATOR_PG_DUMP"
LOGIN_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_.-")


@dataclass(frozen=True, slots=True)
class TeamMember:
    login: str
    name: str
    admin: bool
    disabled: bool

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login,
            "name": self.name,
            "admin": self.admin,
            "disabled": self.disabled,
        }


def admin_engine(db: str | None) -> Engine:
    url, _ = resolve_db_url(db)
    if not url.startswith("postgresql"):
        raise UserError(
            "team commands need a PostgreSQL server: give --db postgresql+psycopg://ADMIN@HOST/DB"
        )
    engine = _make_engine(url)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise schema.server_error(engine.url, exc) from None
    return engine


def _check_admin(con: sa.Connection) -> None:
    """The tables must belong to this connection's role (or it is a superuser)."""
    owner_or_super = con.exec_driver_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).scalar()
    if not owner_or_super:
        raise UserError(
            "this login may not manage a team (it needs CREATEROLE or superuser): "
            "give the administrator's URL with --db"
        )


def init(db: str | None) -> str:
    """Create the store's schema and rights; return a one-line report."""
    engine = admin_engine(db)
    try:
        with engine.begin() as con:
            _check_admin(con)
            has_tables, revision = schema.server_revision(con)
            if revision is None and has_tables:
                raise StoreError(
                    "this database holds tables of another program: "
                    "create an empty database for the team store"
                )
            if revision is not None and revision != head_revision():
                raise StoreError(
                    f"this database already holds a store with an older schema ({revision}): "
                    "upgrade it with 'kursk-annotator team upgrade --db ADMIN_URL'"
                )
            schema._check_revision("this database", has_tables, revision)
            schema.migrate_and_secure(con)
    finally:
        engine.dispose()
    return (
        f"team store ready at {engine.url.render_as_string(hide_password=True)} "
        f"(schema {head_revision()}); add analysts with 'team add-analyst LOGIN --name NAME'"
    )


def _team_engine(db: str | None) -> Engine:
    engine = admin_engine(db)
    with engine.connect() as con:
        try:
            schema.check_server_schema(con)
        except StoreError:
            engine.dispose()
            raise
    return engine


def _check_login_name(login: str) -> str:
    if not login or len(login) > 63 or set(login) - LOGIN_CHARS or login.startswith("kursk_"):
        raise UserError(
            f"{login!r} cannot be a login: use up to 63 lower-case letters, digits, '_', '.' "
            "or '-', not starting with 'kursk_'"
        )
    return login


def read_password_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(
            f"cannot read password file {path} ({exc.strerror}): check the path"
        ) from None
    password = text.rstrip("\r\n")
    if not password or "\n" in password:
        raise UserError(f"password file {path} must hold the password on one line")
    return password


def _scram_verifier(con: sa.Connection, login: str, password: str) -> str:
    """The password as the server stores it (SCRAM), computed here: the clear password
    never travels in an SQL statement, so it cannot end up in a server log."""
    raw = con.connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    return pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()


def add_analyst(
    db: str | None,
    login: str,
    name: str,
    admin: bool = False,
    password: str | None = None,
) -> TeamMember:
    login = _check_login_name(login)
    name = normalise_name(name, "analyst name")
    engine = _team_engine(db)
    try:
        with engine.begin() as con:
            _check_admin(con)
            role = con.exec_driver_sql(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %(r)s", {"r": login}
            ).first()
            if role is not None and (role[0] or role[1]):
                raise UserError(
                    f"login {login} is a superuser or bypasses row-level security: "
                    "an analyst needs a plain login of their own"
                )
            owns = con.exec_driver_sql(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = %(r)s",
                {"r": login},
            ).scalar()
            if owns:
                raise UserError(
                    f"login {login} owns tables of this store: an analyst needs a login "
                    "that owns nothing"
                )
            taken = con.exec_driver_sql(
                "SELECT login, name FROM analyst WHERE login = %(l)s OR name = %(n)s",
                {"l": login, "n": name},
            ).first()
            if taken is not None:
                raise UserError(
                    f"{'login ' + login if taken[0] == login else 'the name ' + repr(name)} "
                    "is already a team member: see 'team list'"
                )
            names = [r[0] for r in con.exec_driver_sql("SELECT name FROM analyst")]
            check_confusable(name, names, "analyst name")
            options = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT"
            if password is not None:
                verifier = _scram_verifier(con, login, password).replace("'", "''")
                options += f" PASSWORD '{verifier}'"
            if role is None:
                con.exec_driver_sql(f'CREATE ROLE "{login}" {options}')
            else:
                con.exec_driver_sql(f'ALTER ROLE "{login}" {options}')
            groups = ["kursk_analyst", "kursk_reviewer"] + (["kursk_admin"] if admin else [])
            con.exec_driver_sql(f'GRANT {", ".join(groups)} TO "{login}"')
            count = con.exec_driver_sql("SELECT count(*) FROM analyst").scalar() or 0
            con.exec_driver_sql(
                "INSERT INTO analyst (name, initials, colour, created_at, login) "
                "VALUES (%(n)s, %(i)s, %(c)s, %(t)s, %(l)s)",
                {
                    "n": name,
                    "i": initials_for(name)[:8],
                    "c": ANALYST_COLOURS[count % len(ANALYST_COLOURS)],
                    "t": utcnow(),
                    "l": login,
                },
            )
    finally:
        engine.dispose()
    return TeamMember(login, name, admin, False)


def members(db: str | None) -> list[TeamMember]:
    engine = _team_engine(db)
    try:
        with engine.connect() as con:
            rows = con.exec_driver_sql(
                "SELECT a.login, a.name, pg_has_role(a.login, 'kursk_admin', 'MEMBER'), "
                "a.disabled_at IS NOT NULL OR NOT r.rolcanlogin "
                "FROM analyst a JOIN pg_roles r ON r.rolname = a.login ORDER BY a.login"
            ).all()
    finally:
        engine.dispose()
    return [TeamMember(*row) for row in rows]


def disable(db: str | None, login: str) -> TeamMember:
    engine = _team_engine(db)
    try:
        with engine.begin() as con:
            _check_admin(con)
            row = con.exec_driver_sql(
                "SELECT name FROM analyst WHERE login = %(l)s", {"l": login}
            ).first()
            if row is None:
                raise UserError(f"no team member with login {login}: see 'team list'")
            con.exec_driver_sql(
                "UPDATE analyst SET disabled_at = %(t)s "
                "WHERE login = %(l)s AND disabled_at IS NULL",
                {"t": utcnow(), "l": login},
            )
            con.exec_driver_sql(f'ALTER ROLE "{login}" NOLOGIN')
            # Open sessions end too: a disabled analyst changes nothing from now on.
            con.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %(l)s",
                {"l": login},
            )
    finally:
        engine.dispose()
    return TeamMember(login, row[0], False, True)


def _pg_dump() -> str:
    explicit = os.environ.get(ENV_PG_DUMP)
    if explicit is not None:
        found = explicit if Path(explicit).is_file() else None
    else:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
        found = candidates[-1] if candidates else shutil.which("pg_dump")
    if not found:
        raise UserError(
            "pg_dump is not installed, so no backup can be taken before the upgrade: "
            "install the PostgreSQL client tools (apt-get install postgresql-client); "
            "nothing was changed"
        )
    return found


def backup(engine: Engine, folder: Path, revision: str) -> Path:
    """A pg_dump (custom format) of the whole database, taken before any change."""
    pg_dump = _pg_dump()
    folder.mkdir(parents=True, exist_ok=True)
    url = engine.url
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = folder / f"{url.database}.backup-{stamp}-{revision}.dump"
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # only in the child's environment
    from kursk_annotator.core.atomic_file import atomic_path

    # Dumped into a temporary file renamed into place when complete: a killed or failed
    # pg_dump never leaves a partial file that looks like a backup.
    with atomic_path(target) as temp:
        args = [pg_dump, "--format=custom", "--file", str(temp), "--dbname", str(url.database)]
        for flag, value in (
            ("--host", url.host),
            ("--port", url.port),
            ("--username", url.username),
        ):
            if value:
                args += [flag, str(value)]
        service = url.query.get("service")
        if service:
            args[args.index("--dbname") + 1] = f"service={service} dbname={url.database or ''}"
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            reason = " ".join(done.stderr.split())[:300]
            raise UserError(
                f"pg_dump failed ({reason}): nothing was changed; fix that and try again"
            )
    return target


def upgrade(db: str | None, backup_dir: Path) -> str:
    engine = admin_engine(db)
    try:
        with engine.connect() as con:
            _check_admin(con)
            has_tables, revision = schema.server_revision(con)
            if revision is None:
                raise StoreError(
                    "this database holds no Kursk Annotator store: create one with 'team init'"
                )
            schema._check_revision("this database", has_tables, revision)  # newer: refused
            version = security.installed_version(con)
        if revision == head_revision() and version == security.SECURITY_VERSION:
            return f"team store is current (schema {revision}): nothing to do"
        dump = backup(engine, backup_dir, revision)
        with engine.begin() as con:
            schema.migrate_and_secure(con)
    finally:
        engine.dispose()
    return f"team store upgraded from {revision} to {head_revision()}; backup in {dump}"
