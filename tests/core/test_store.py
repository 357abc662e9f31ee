"""Opening stores: creation, migrations with backups, and refusals that leave files untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.store import _alembic_config, head_revision, open_store, resolve_db_url
from kursk_annotator.core.workspace import Workspace, open_workspace


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_is_wal_with_foreign_keys_at_head(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "new.sqlite"))
    assert store.created
    with store.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (
            con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == head_revision()
        )
    store.close()
    again = open_store(str(tmp_path / "new.sqlite"))
    assert not again.created and again.backups == []
    again.close()


def test_migrated_schema_matches_the_models(store) -> None:
    # The one index on expressions (0009, SQLite only) is not in the models, and
    # SQLAlchemy cannot reflect it: the next test checks it.
    with (
        warnings.catch_warnings(),
        store.engine.connect() as con,
    ):
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        diff = compare_metadata(MigrationContext.configure(con), SQLModel.metadata)
    assert diff == []


def test_figures_are_counted_per_measure_from_the_index_alone(store) -> None:
    """The Figures view opens on figures and claimants counted per measure: from the
    expression index, without reading a figure's row (its JSON attributes) except
    once per measure, for the measure's name."""
    import sqlalchemy as sa

    from kursk_annotator.core.evidence.reading import _A, _attribute, _claimant_key, _figures

    measure = _attribute(store, "counts")
    query = sa.select(
        measure, sa.func.count(), sa.func.count(sa.distinct(_claimant_key(store)))
    ).group_by(measure)
    query = _figures(query, ["pending", "accepted"], None)
    with store.engine.connect() as con:
        compiled = query.compile(dialect=con.dialect, compile_kwargs={"literal_binds": True})
        plan = con.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
        program = con.exec_driver_sql(f"EXPLAIN {compiled}").all()
        [root] = con.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'annotation'"
        ).one()
    assert "ix_annotation_figure_measure" in " ".join(str(row[-1]) for row in plan)
    assert "GROUP BY" not in " ".join(str(row[-1]) for row in plan)  # in the index's order
    # The table's row is read for the attributes only (once per measure, after its last
    # figure; newer SQLite reads even that from the index): status, deletion date,
    # article and claimant all come from the index.
    [table] = {r[2] for r in program if r[1] == "OpenRead" and r[3] == root}
    read = {r[3] for r in program if r[1] == "Column" and r[2] == table}
    assert read <= {list(_A.keys()).index("attributes")}


def test_round_trip_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "round.sqlite"
    ws = Workspace(open_store(str(path)), "Olena")
    article = ws.articles.add(_new("Ukraine holds 😀 Sudzha and Berdin."))
    created = ws.annotations.create_from_quote(
        article.id, "place", "Sudzha", ws.analyst, attributes={"canonical_name": "Sudzha"}
    )
    ws.close()
    ws2 = Workspace(open_store(str(path)), "Olena")
    [again] = ws2.annotations.list(article_id=article.id)
    assert again == created
    assert again.quote == "Sudzha" and again.prefix == "Ukraine holds 😀 "
    assert again.attributes == {"canonical_name": "Sudzha"}
    ws2.close()


def test_upgrade_from_first_schema_backs_up_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as con:
        command.upgrade(_alembic_config(con), "0001_initial")
        con.exec_driver_sql(
            "INSERT INTO article (uid, title, text, content_hash, imported_at) "
            "VALUES ('u1', 'Old article', 'Old text', 'h1', '2025-01-01 00:00:00')"
        )
    engine.dispose()
    before = _digest(path)

    store = open_store(str(path))

    assert len(store.backups) == 1
    backup = store.backups[0]
    assert backup.parent == tmp_path and "0001_initial" in backup.name
    with sqlite3.connect(backup) as con:  # the backup is the old database, complete
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
        assert con.execute("SELECT title FROM article").fetchall() == [("Old article",)]
    with store.engine.connect() as con:
        assert (
            con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == head_revision()
        )
        assert con.exec_driver_sql("SELECT title FROM article").scalar() == "Old article"
    assert _digest(path) != before
    store.close()


def test_newer_schema_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_store(str(path)).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.close()
    before = _digest(path)
    with pytest.raises(StoreError, match=r"newer version of Kursk Annotator.*not changed"):
        open_store(str(path))
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.backup-*"))


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 10, b"SQLite format 3\x00" + b"\xff" * 2000],
    ids=["text-file", "damaged-sqlite"],
)
def test_corrupt_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    assert "\n" not in str(info.value)
    assert "backup" in str(info.value) or "another file" in str(info.value)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-app.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE recipes (name TEXT)")
    con.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="not a Kursk Annotator store"):
        open_store(str(path))
    assert _digest(path) == before


def test_foreign_database_beside_a_migration_lock_is_refused_once_the_lock_is_free(
    tmp_path: Path,
) -> None:
    # Tables without a revision beside a lock file may be a store another process is
    # creating: it is judged under the lock, and still refused when it is foreign.
    from kursk_annotator.core.store_lock import lock_path

    path = tmp_path / "other-app.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE recipes (name TEXT)")
    con.close()
    lock_path(path).touch()
    before = _digest(path)
    with pytest.raises(StoreError, match="not a Kursk Annotator store"):
        open_store(str(path))
    assert _digest(path) == before


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nowhere" / "x.sqlite"))


def test_env_variable_and_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KURSK_ANNOTATOR_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_url(None) == (f"sqlite:///{tmp_path / 'env.sqlite'}", False)
    assert resolve_db_url("sqlite:///x.db") == ("sqlite:///x.db", False)
    monkeypatch.delenv("KURSK_ANNOTATOR_DB")
    url, is_default = resolve_db_url(None)
    assert is_default and url.endswith("annotations.sqlite")
    with pytest.raises(StoreError, match="cannot read database URL"):
        resolve_db_url("postgresql+psycopg://user@host:notaport/db")


def test_default_store_starts_with_the_samples(private_user_dirs: Path) -> None:
    ws = open_workspace()
    assert ws.store.is_default
    assert str(ws.store.path).startswith(str(private_user_dirs))
    assert len(ws.articles.list()) == 5
    assert len(ws.annotations.list()) > 50
    ws.close()
    # A second start neither duplicates the samples nor re-creates them.
    ws = open_workspace()
    assert len(ws.articles.list()) == 5
    ws.close()


def test_history_is_append_only(workspace: Workspace) -> None:
    article = workspace.articles.add(_new("Text about Sudzha."))
    workspace.annotations.create_from_quote(article.id, "place", "Sudzha", workspace.analyst)
    with (
        workspace.store.engine.begin() as con,
        pytest.raises(sa.exc.DatabaseError, match="append-only"),
    ):
        con.exec_driver_sql("UPDATE history SET action = 'forged'")
    with (
        workspace.store.engine.begin() as con,
        pytest.raises(sa.exc.DatabaseError, match="append-only"),
    ):
        con.exec_driver_sql("DELETE FROM history")


def _new(text: str):
    from kursk_annotator.core.services.articles import NewArticle

    return NewArticle(text=text, title="T")
