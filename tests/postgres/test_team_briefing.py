"""A Word briefing from a team store (PostgreSQL): its parts read on one snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import anchors, annotation_comments, open_docx
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres


def test_briefing_of_a_team_store_has_every_annotation_as_a_comment(
    team: Team, tmp_path: Path
) -> None:
    ws = Workspace(open_store(team.url(team.olena)))
    try:
        text = "About 2,000 troops moved near Sudzha, officials said. Kursk region quiet."
        for title in ("Border", "Region"):
            article = ws.articles.add(NewArticle(title=title, text=f"{text} ({title})"), ws.analyst)
            ws.annotations.create(
                article.id, "figure", 0, 18, ws.analyst, attributes={"counts": "troops"}
            )
            ws.annotations.create(article.id, "place", 30, 36, ws.analyst)
            claim = ws.annotations.create(
                article.id, "claim", 38, 53, ws.analyst, attributes={"attributed_to": "Kyiv"}
            )
        ws.reviews.review(claim.id, ws.analyst, "comment", "which officials?")
        out = tmp_path / "team.docx"
        result = export_briefing(ws, BriefingOptions(author="Olena"), out)
        assert result.annotations == 6 and result.comments == 7
        document = open_docx(out)
        spans = anchors(document)
        quotes = [spans[c.comment_id].text for c in annotation_comments(document)]
        assert quotes == ["About 2,000 troops", "Sudzha", "officials said."] * 2
    finally:
        ws.close()
