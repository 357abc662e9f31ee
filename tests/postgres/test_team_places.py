"""Places on a team store: the map's quick read of the tags agrees with the full index."""

from __future__ import annotations

import pytest

from kursk_annotator.core.places.index import build_index
from kursk_annotator.core.places.summary import place_summaries
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres


def test_place_summaries_on_a_team_store(team: Team) -> None:
    ws = Workspace(open_store(team.url(team.olena)))
    try:
        article = ws.articles.add(
            NewArticle(title="Border", text="Shelling near Sudzha. Sudzha and Kursk region."),
            ws.analyst,
        )
        text = ws.annotations.article_text(article.id)
        first = text.index("Sudzha")
        second = text.index("Sudzha", first + 1)
        for start, lat in ((first, 51.19), (second, 51.6)):
            ws.annotations.create(
                article.id, "place", start, start + 6, ws.analyst,
                attributes={"canonical_name": "Sudzha", "latitude": lat, "longitude": 35.27},
            )  # fmt: skip
        (sudzha,) = [s for s in place_summaries(ws) if s.name == "Sudzha"]
        record = build_index(ws).find("Sudzha")
        assert sudzha.key == record.key and sudzha.position == record.position
        assert sudzha.conflict and record.conflict
        assert sudzha.tag_count == 2 and sudzha.status == "pending"
    finally:
        ws.close()
