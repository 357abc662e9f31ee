"""Values PostgreSQL refuses are refused on SQLite too, in one line, before anything is
stored; what one store keeps, the other keeps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

BAD = [
    ("url", {"url": "https://example.org/" + "u" * 2000}, "more than the 2,000"),
    ("outlet", {"outlet": "o" * 201}, "more than the 200"),
    ("nul", {"author": "Jane\x00Doe"}, "NUL character"),
    ("size", {"source_size": 2**31}, "outside the range"),
    ("surrogate", {"title": "bad \udcff title"}, "not valid Unicode"),
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_workspace(request: pytest.FixtureRequest, tmp_path) -> Iterator[Workspace]:
    if request.param == "sqlite":
        ws = Workspace(open_store(str(tmp_path / "s.sqlite")), "Olena Kovalchuk")
    else:
        team = request.getfixturevalue("team")
        ws = Workspace(open_store(team.url(team.olena)))
    yield ws
    ws.close()


@pytest.mark.parametrize(("case", "fields", "message"), BAD, ids=[b[0] for b in BAD])
def test_values_one_store_cannot_keep_are_refused_by_both(
    any_workspace: Workspace, case: str, fields: dict, message: str
) -> None:
    new = NewArticle(text=f"Article about Sudzha ({case}).", title="Sudzha")
    for key, value in fields.items():
        setattr(new, key, value)
    with pytest.raises(UserError, match=message) as info:
        any_workspace.articles.add(new, any_workspace.analyst)
    assert "\n" not in str(info.value)
    assert any_workspace.articles.list() == []


def test_nul_in_a_note_and_bad_numbers_in_attributes_are_refused_by_both(
    any_workspace: Workspace,
) -> None:
    ws = any_workspace
    article = ws.articles.add(NewArticle(text="Sudzha was taken.", title="T"), ws.analyst)
    with pytest.raises(UserError, match="NUL"):
        ws.annotations.create(article.id, "place", 0, 6, ws.analyst, note="a\x00b")
    with pytest.raises(UserError, match="outside the range"):
        ws.annotations.create(article.id, "figure", 0, 6, ws.analyst, attributes={"value": 10**30})
    with pytest.raises(UserError, match=r"finite|not a number"):
        ws.annotations.create(
            article.id, "figure", 0, 6, ws.analyst, attributes={"value": float("nan")}
        )
    assert ws.annotations.list() == []
    kept = ws.annotations.create(article.id, "place", 0, 6, ws.analyst, note="ordinary — ✓ 😀")
    assert kept.note == "ordinary — ✓ 😀"
