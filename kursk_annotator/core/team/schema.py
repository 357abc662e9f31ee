"""The schema of a team store: checked on every open, changed only by ``team`` commands.

An ordinary command never migrates a server: an older schema (or older rights) is
refused with a pointer to ``team upgrade``, a newer one with a pointer to a newer app,
and nothing is changed either way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.schema_version import _alembic_config, _check_revision, head_revision
from kursk_annotator.core.team import security

UPGRADE_HINT = "ask a team admin to run 'kursk-annotator team upgrade --db ADMIN_URL'"


def server_revision(con: sa.Connection) -> tuple[bool, str | None]:
    """(has any tables, alembic revision or None)."""
    has_tables = bool(sa.inspect(con).get_table_names())
    return has_tables, MigrationContext.configure(con).get_current_revision()


def check_server_schema(con: sa.Connection) -> None:
    """Raise unless the server holds a current team store."""
    where = con.engine.url.render_as_string(hide_password=True)
    has_tables, revision = server_revision(con)
    if revision is None and not has_tables:
        raise StoreError(
            f"{where} holds no Kursk Annotator store yet: "
            "a team admin creates it with 'kursk-annotator team init --db ADMIN_URL'"
        )
    _check_revision(where, has_tables, revision)  # foreign or newer: refused
    if revision != head_revision():
        raise StoreError(
            f"{where} has an older schema ({revision}, this app needs {head_revision()}): "
            f"{UPGRADE_HINT}; nothing was changed"
        )
    version = security.installed_version(con)
    if version is None or version < security.SECURITY_VERSION:
        raise StoreError(
            f"{where} is not set up with this app's team rights: {UPGRADE_HINT}; "
            "nothing was changed"
        )
    if version > security.SECURITY_VERSION:
        raise StoreError(
            f"{where} was set up by a newer version of Kursk Annotator (team rights "
            f"{version}): upgrade Kursk Annotator to open it; nothing was changed"
        )


def migrate_and_secure(con: sa.Connection) -> None:
    """Bring the schema to head and (re)install the rights, in the caller's transaction."""
    command.upgrade(_alembic_config(con), "head")
    security.install(con)


def server_error(url: URL, exc: DBAPIError) -> StoreError:
    """One line for a failed connection or open, naming the likely cause."""
    reason = " ".join(str(getattr(exc, "orig", exc)).split())
    login = url.username or "your login"
    place = f"{url.host or 'the server'}:{url.port or 5432}"
    where = url.render_as_string(hide_password=True)
    low = reason.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return StoreError(
            f"wrong or missing password for login {login} on {place}: check the password "
            "in the URL, the service file or the password file"
        )
    if "not permitted to log in" in low:
        return StoreError(f"login {login} is disabled on {place}: ask a team admin")
    if f'role "{login}" does not exist' in reason:
        return StoreError(
            f"there is no login {login} on {place}: ask a team admin to run "
            f"'kursk-annotator team add-analyst {login} --name \"Full Name\"'"
        )
    if "permission denied for database" in low:
        return StoreError(
            f"login {login} may not connect to {where}: ask a team admin to add you to the team"
        )
    if "does not exist" in low and "database" in low:
        return StoreError(f"there is no database {url.database!r} on {place}: check the URL")
    if any(
        cause in low
        for cause in (
            "connection refused",
            "could not translate host name",
            "timeout expired",
            "no route to host",
            "network is unreachable",
            "name or service not known",
        )
    ):
        return StoreError(
            f"cannot reach the database server at {place}: check the host and port "
            "and that PostgreSQL is running there"
        )
    return StoreError(
        f"cannot open database {where} ({reason[:200]}): check the URL, "
        "that the server is running and that you may connect"
    )


def database_refusal(exc: BaseException) -> StoreError | None:
    """One line for a server's refusal or a lost connection in the middle of a command
    (the app's own checks usually answer first; the database is the last line)."""
    if not isinstance(exc, DBAPIError):
        return None
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None) or ""
    primary = getattr(getattr(orig, "diag", None), "message_primary", None)
    message = " ".join(str(primary or orig).split())
    if state == "42501" or "row-level security" in message:
        return StoreError(
            f"the team store refused this ({message[:200]}): your login may not do it"
        )
    if state.startswith("08") or exc.connection_invalidated:
        return StoreError(
            f"lost the connection to the team store ({message[:200]}): "
            "nothing more was written; try again when the server is back"
        )
    return None
