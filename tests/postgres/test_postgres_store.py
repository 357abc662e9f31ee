"""The same store and services on a real PostgreSQL server (the team set-up)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kursk_annotator.core.errors import PermissionDenied, StoreError
from kursk_annotator.core.samples import load_samples
from kursk_annotator.core.store import head_revision, open_store
from kursk_annotator.core.workspace import Workspace

pytestmark = pytest.mark.postgres


def test_migrations_samples_and_services_on_postgres(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert store.created and not store.is_sqlite
    report = load_samples(store)
    assert report.articles_added == 5 and report.annotations_added > 50
    ws = Workspace(store, "Olena Kovalchuk")
    troops = [
        a
        for a in ws.annotations.list(kinds=["figure"])
        if a.attributes.get("counts") == "North Korean troops deployed"
    ]
    assert {a.attributes["value"] for a in troops} == {10000, 11000, 12000}
    mine = ws.annotations.list(analysts=["Olena Kovalchuk"])[0]
    updated = ws.annotations.update(mine.id, ws.analyst, expected_version=mine.version, note="pg")
    assert updated.note == "pg" and updated.version == mine.version + 1
    other = ws.annotations.list(analysts=["Mark Davies"])[0]
    with pytest.raises(PermissionDenied):
        ws.annotations.delete(other.id, ws.analyst)
    with store.engine.begin() as con, pytest.raises(sa.exc.DBAPIError, match="append-only"):
        con.exec_driver_sql("DELETE FROM history")
    store.close()
    # Reopening finds the schema current and the data in place; loading again adds nothing.
    again = open_store(postgres_url)
    assert not again.created
    assert load_samples(again).annotations_added == 0
    again.close()


def test_newer_postgres_schema_is_refused_untouched(postgres_url: str) -> None:
    open_store(postgres_url).close()
    engine = sa.create_engine(postgres_url)
    with engine.begin() as con:
        con.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    with pytest.raises(StoreError, match="newer version"):
        open_store(postgres_url)
    with engine.connect() as con:
        assert (
            con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "ffff_future"
        )
    engine.dispose()
    assert head_revision() != "ffff_future"


def test_unreachable_server_is_one_line(postgres_server: str) -> None:
    with pytest.raises(StoreError, match="cannot open database") as info:
        open_store("postgresql+psycopg://kursk:wrong@127.0.0.1:1/nothing")
    assert "\n" not in str(info.value)
