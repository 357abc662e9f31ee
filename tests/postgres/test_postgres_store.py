"""Opening a server store: only a team store at this app's schema opens; nothing else is
changed by an ordinary command."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.store import _alembic_config, head_revision, open_store
from kursk_annotator.core.team import admin

pytestmark = pytest.mark.postgres


def _revision(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as con:
            if not sa.inspect(con).has_table("alembic_version"):
                return None
            return con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        engine.dispose()


def test_an_empty_server_database_is_not_set_up_by_an_ordinary_command(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="team init"):
        open_store(postgres_url)
    assert _revision(postgres_url) is None


def test_older_server_schema_is_refused_untouched(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as con:
        command.upgrade(_alembic_config(con), "0003_orphans")
    engine.dispose()
    with pytest.raises(StoreError, match=r"older schema.*team upgrade") as info:
        open_store(postgres_url)
    assert "\n" not in str(info.value)
    assert _revision(postgres_url) == "0003_orphans"


def test_newer_postgres_schema_is_refused_untouched(postgres_url: str) -> None:
    admin.init(postgres_url)
    engine = sa.create_engine(postgres_url)
    with engine.begin() as con:
        con.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    engine.dispose()
    with pytest.raises(StoreError, match="newer version"):
        open_store(postgres_url)
    assert _revision(postgres_url) == "ffff_future"
    assert head_revision() != "ffff_future"


def test_unreachable_server_is_one_line(postgres_server: str) -> None:
    with pytest.raises(StoreError, match="cannot reach the database server") as info:
        open_store("postgresql+psycopg://kursk:wrong@127.0.0.1:1/nothing")
    assert "\n" not in str(info.value)
