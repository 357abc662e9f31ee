"""The first look at a store (what the window shows before the store opens for work):
the same rows as the services, the same refusals as opening, read-only."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kursk_annotator.core.errors import StoreError, UserError
from kursk_annotator.core.first_look import first_look
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.robustness.test_store_faults import _damage_one_page, _old_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_reads_what_the_services_read(sample_db: Path) -> None:
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    ws.switch_analyst("Test Analyst")
    ws.close()
    look = first_look(str(sample_db), "Test Analyst")
    assert look is not None
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    try:
        articles = ws.articles.list(light=True)
        assert look.list(light=True) == articles
        ids = [a.id for a in articles]
        assert look.counts(ids[:2]) == ws.articles.counts(ids[:2])
        assert look.counts() == ws.articles.counts()
        for article_id in ids:
            assert look.article_text(article_id) == ws.annotations.article_text(article_id)
            assert look.list_rows(article_id) == ws.annotations.list_rows(article_id)
            assert look.list_rows(article_id, list) == ws.annotations.list_rows(article_id, list)
            part = (40, 900)
            assert look.list_rows(article_id, starts_in=part) == ws.annotations.list_rows(
                article_id, starts_in=part
            )
            counts = ws.annotations.kind_status_counts(article_id)
            assert look.kind_status_counts(article_id) == counts
        assert [a.name for a in look.all()] == [a.name for a in ws.analysts.all()]
        assert look.analyst_name == "Test Analyst" and not look.store.team
    finally:
        look.close()
        ws.close()


def test_it_reads_only(sample_db: Path) -> None:
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    ws.switch_analyst("Test Analyst")
    ws.close()
    look = first_look(str(sample_db), "Test Analyst")
    assert look is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        look._con.execute("DELETE FROM annotation")
    # Anything else asked of it in the moment before the store opens is one line.
    with pytest.raises(UserError, match="still opening"):
        look.search("Kursk")
    assert getattr(look, "evidence", None) is None
    look.close()


def test_what_it_cannot_answer_goes_to_the_store_opened_for_work(sample_db: Path) -> None:
    """While the store opens beside the window, a write asked of the first look is made
    by the opened store (asked for once it is needed); the look's own reads stay its."""
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    ws.switch_analyst("Test Analyst")
    ws.close()
    look = first_look(str(sample_db), "Test Analyst")
    assert look is not None
    opened: list[Workspace] = []

    def open_for_work() -> Workspace:
        if not opened:
            opened.append(Workspace(open_store(str(sample_db)), "Test Analyst"))
        return opened[0]

    look.open_for_work = open_for_work
    try:
        article = look.articles.list()[0]
        assert not opened  # reads need no store
        text = look.annotations.article_text(article.id)
        made = look.annotations.create(article.id, "claim", 0, 5, look.analyst)
        assert len(opened) == 1 and made.quote == text[:5]
        assert made.id in [row[0] for row in look.annotations.list_rows(article.id)]
        assert look.reviews is opened[0].reviews  # any other service: the open store's
    finally:
        look.close()
        for workspace in opened:
            workspace.close()


def test_stores_it_cannot_vouch_for_are_left_to_opening(tmp_path: Path, sample_db: Path):
    assert first_look(None, "Test Analyst") is None  # no default store yet: made by opening
    assert first_look("postgresql+psycopg://u@h/db", "Test Analyst") is None
    assert first_look(str(tmp_path / "new.sqlite"), "Test Analyst") is None
    old = _old_store(tmp_path / "old.sqlite")
    before = _digest(old)
    assert first_look(str(old), "Old Analyst") is None  # a migration is due
    assert _digest(old) == before
    # A name not among the analysts yet: opening checks it against the others.
    assert first_look(str(sample_db), "Someone New") is None


def test_damaged_foreign_and_newer_stores_are_refused_untouched(tmp_path: Path, sample_db):
    _damage_one_page(sample_db)
    before = _digest(sample_db)
    with pytest.raises(StoreError, match="is damaged"):
        first_look(str(sample_db), "Test Analyst")
    assert _digest(sample_db) == before

    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="not a SQLite database"):
        first_look(str(text), "Test Analyst")

    newer = tmp_path / "newer.sqlite"
    open_store(str(newer)).close()
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    with pytest.raises(StoreError, match="newer version"):
        first_look(str(newer), "Test Analyst")


def test_the_default_store_gets_a_first_look_once_its_samples_are_in() -> None:
    from kursk_annotator.core import first_look as module
    from kursk_annotator.core.store import default_db_path

    assert module.default_db_path() == default_db_path()
    from kursk_annotator.core.workspace import open_workspace

    ws = open_workspace(None, "Test Analyst")  # the first start: the sample corpus
    ws.switch_analyst("Test Analyst")
    marker = default_db_path().with_name(default_db_path().name + ".samples-pending")
    marker.write_text("loading")  # as if the first start had been cut short
    assert first_look(None, "Test Analyst") is None
    marker.unlink()
    look = first_look(None, "Test Analyst")
    assert look is not None and len(look.list()) == 5
    assert look.list() == ws.articles.list(light=True)
    look.close()
    ws.close()


def test_it_is_called_as_the_services_are_called() -> None:
    """The window reads a first look through the services' methods: same parameters."""
    import inspect

    from kursk_annotator.core.first_look import FirstLook
    from kursk_annotator.core.services.analysts import AnalystService
    from kursk_annotator.core.services.annotations import AnnotationService
    from kursk_annotator.core.services.articles import ArticleService

    for service, names in (
        (ArticleService, ("list", "counts")),
        (AnnotationService, ("article_text", "list_rows", "kind_status_counts")),
        (AnalystService, ("all",)),
    ):
        for name in names:
            theirs = inspect.signature(getattr(service, name)).parameters
            ours = inspect.signature(getattr(FirstLook, name)).parameters
            assert list(ours) == list(theirs), (service.__name__, name)
