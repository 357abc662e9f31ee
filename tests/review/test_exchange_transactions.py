"""Each exchange file is stored in one transaction, through the services; a verdict and
the status it causes are stored together; history entries have one shape everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from kursk_annotator.core.exchange.importer import import_annotations
from kursk_annotator.core.exchange.orphans import list_orphans
from kursk_annotator.core.exchange.w3c import export_annotations, write_annotations
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

from .conftest import TEXT, URL


@pytest.fixture
def fresh(tmp_path: Path) -> Workspace:
    ws = Workspace(open_store(str(tmp_path / "fresh.sqlite")), "Importer")
    yield ws
    ws.close()


def _refuse(ws: Workspace, table: str, event: str = "INSERT") -> None:
    """A real failure half-way through a write (what a full disk or a lost server does)."""
    with ws.store.engine.begin() as con:
        con.execute(
            sa.text(
                f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        )


def _shared_file(scenario, tmp_path: Path) -> Path:
    path = tmp_path / "shared.jsonld"
    collection = export_annotations(scenario.ws)
    # One more annotation whose article the other store lacks: it becomes an orphan.
    stray = dict(collection["first"]["items"][0])
    stray["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    stray["target"] = dict(stray["target"], source="https://example.org/elsewhere")
    stray["target"].pop("kursk:contentHash")
    collection["first"]["items"].append(stray)
    write_annotations(path, collection)
    return path


def test_a_file_goes_in_whole_or_not_at_all(scenario, fresh, tmp_path) -> None:
    path = _shared_file(scenario, tmp_path)
    fresh.articles.add(NewArticle(text=TEXT, title="General Staff on Kursk", url=URL))
    _refuse(fresh, "orphan")  # the last write of the file fails
    with pytest.raises(sa.exc.DBAPIError, match="refused by the test"):
        import_annotations(fresh, path)
    assert fresh.annotations.list() == []
    with fresh.store.engine.connect() as con:
        assert (
            con.execute(
                sa.text("SELECT count(*) FROM history WHERE entity = 'annotation'")
            ).scalar()
            == 0
        )
        con.execute(sa.text("DROP TRIGGER refuse_orphan"))
        con.commit()
    report = import_annotations(fresh, path)
    assert (report.anchored, report.orphaned) == (5, 1)
    assert len(fresh.annotations.list()) == 5 and len(list_orphans(fresh)) == 1


def test_imported_annotations_have_the_same_history_shape_as_created_ones(
    scenario, fresh, tmp_path
) -> None:
    path = _shared_file(scenario, tmp_path)
    fresh.articles.add(NewArticle(text=TEXT, title="General Staff on Kursk", url=URL))
    import_annotations(fresh, path)
    original = scenario.ws.history.for_entity("annotation", scenario.o_figure.id)[0]
    (copy,) = [a for a in fresh.annotations.list() if a.uid == scenario.o_figure.uid]
    (imported,) = fresh.history.for_entity("annotation", copy.id)
    assert (original.action, imported.action) == ("create", "import")
    assert imported.analyst == "Importer"
    provenance = ("anchored", "author", "creator", "status_in_file")
    extra = {k: imported.after.pop(k) for k in provenance}
    assert extra == {
        "anchored": "position",
        "author": "Importer",
        "creator": "Olena Kovalchuk",
        "status_in_file": "pending",
    }
    assert imported.after == original.after  # the same shape as any created annotation


def test_a_verdict_is_never_stored_without_its_status(scenario) -> None:
    ws = scenario.ws
    _refuse(ws, "annotation", "UPDATE")  # the status change fails
    with pytest.raises(sa.exc.DBAPIError, match="refused by the test"):
        ws.reviews.review(scenario.m_figure.id, scenario.olena, "accept", "matches")
    assert ws.reviews.thread(scenario.m_figure.id) == []
    assert ws.annotations.get(scenario.m_figure.id).status == "pending"
    actions = [h.action for h in ws.history.for_entity("annotation", scenario.m_figure.id)]
    assert actions == ["create"]


def test_a_verdict_and_its_status_land_together(scenario) -> None:
    ws = scenario.ws
    ws.reviews.review(scenario.m_figure.id, scenario.olena, "reject", "not in the text")
    assert ws.annotations.get(scenario.m_figure.id).status == "rejected"
    actions = [h.action for h in ws.history.for_entity("annotation", scenario.m_figure.id)]
    assert actions == ["create", "review", "status"]
