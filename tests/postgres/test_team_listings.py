"""The command line's reads and the streamed W3C export on a team store (PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursk_annotator.core import listings
from kursk_annotator.core.exchange.w3c import export_annotations, export_to_file
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres


def test_listings_and_streamed_export_on_a_team_store(team: Team, tmp_path: Path) -> None:
    ws = Workspace(open_store(team.url(team.olena)))
    try:
        article = ws.articles.add(
            NewArticle(title="Border", text="Shelling near Sudzha. Kursk region quiet."),
            ws.analyst,
        )
        ws.annotations.create(article.id, "place", 14, 20, ws.analyst, note="ü 😀")
        ws.annotations.create(article.id, "claim", 22, 40, ws.analyst)
        (info,) = listings.list_articles(ws.store)
        assert info.title == "Border" and info.counts == {"claim": 1, "figure": 0, "place": 1}
        row = listings.article_row(ws.store, article.id)
        assert row.text == ws.articles.get(article.id).text
        streamed = list(listings.stream_annotations(ws.store, article_id=article.id))
        assert streamed == ws.annotations.list(article_id=article.id)
        out = tmp_path / "team.jsonld"
        assert export_to_file(ws, out) == 2
        written, built = json.loads(out.read_text("utf-8")), export_annotations(ws)
        assert written["first"]["items"] == built["first"]["items"]
    finally:
        ws.close()


def test_reader_rows_of_each_article_on_a_team_store(team: Team) -> None:
    """The reader's query is compiled once and bound per article: each article gets its
    own rows, in text order, with the analyst's name."""
    ws = Workspace(open_store(team.url(team.olena)))
    try:
        first = ws.articles.add(NewArticle(title="A", text="Shelling near Sudzha."), ws.analyst)
        second = ws.articles.add(NewArticle(title="B", text="Quiet in Kursk today."), ws.analyst)
        late = ws.annotations.create(first.id, "place", 14, 20, ws.analyst, note="ü 😀").id
        early = ws.annotations.create(first.id, "claim", 0, 8, ws.analyst).id
        other = ws.annotations.create(second.id, "place", 9, 14, ws.analyst).id
        name = ws.analyst.name
        assert ws.annotations.list_rows(first.id) == [
            (early, "claim", 0, 8, name, "pending", "Shelling", ""),
            (late, "place", 14, 20, name, "pending", "Sudzha", "ü 😀"),
        ]
        assert ws.annotations.list_rows(second.id) == [
            (other, "place", 9, 14, name, "pending", "Kursk", "")
        ]
        # A long article's two parts (ui/article_state.py), and its counts meanwhile.
        assert ws.annotations.list_rows(first.id, starts_in=(0, 10)) == [
            (early, "claim", 0, 8, name, "pending", "Shelling", "")
        ]
        assert [r[0] for r in ws.annotations.list_rows(first.id, starts_in=(10, 2**31 - 1))] == [
            late
        ]
        assert ws.annotations.kind_status_counts(first.id) == {
            ("claim", "pending"): 1,
            ("place", "pending"): 1,
        }
    finally:
        ws.close()
