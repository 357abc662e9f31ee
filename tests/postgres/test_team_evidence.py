"""Figures on a team store: the comparison's narrow reads (driver rows, JSON attributes,
dates) give what the full annotation records give."""

from __future__ import annotations

from datetime import date

import pytest

from kursk_annotator.core.evidence.quantities import parse_quantity
from kursk_annotator.core.evidence.service import (
    compare_annotations,
    figures_overview,
    figures_report,
    speakers_report,
)
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.postgres.conftest import Team

pytestmark = pytest.mark.postgres


def test_figures_on_a_team_store(team: Team) -> None:
    ws = Workspace(open_store(team.url(team.olena)))
    try:
        texts = (
            "Kyiv held about 1,300 sq km in August. Zelensky said: we hold the line.",
            "Kyiv still holds approximately 500 sq km, Zelensky said: we hold the line.",
        )
        for n, text in enumerate(texts):
            article = ws.articles.add(
                NewArticle(title=f"Front {n}", text=text, outlet=f"Daily {n}",
                           published=date(2024 + n, 9 - 8 * n, 1)),
                ws.analyst,
            ).id  # fmt: skip
            quote = "about 1,300 sq km" if n == 0 else "approximately 500 sq km"
            ws.annotations.create_from_quote(
                article, "figure", quote, ws.analyst,
                attributes={**parse_quantity(quote), "counts": "territory held",
                            "claimant": "Kyiv"},
            )  # fmt: skip
            ws.annotations.create_from_quote(
                article, "claim", "we hold the line", ws.analyst,
                attributes={"attributed_to": "Zelensky"},
            )  # fmt: skip
        report = figures_report(ws)
        full = compare_annotations(ws, ws.annotations.list(kinds=["figure", "claim"]))
        assert [c.as_json() for c in report] == [c.as_json() for c in full]
        [territory] = report
        assert [v.kind for v in territory.verdicts] == ["change"]
        assert territory.reports[0].window.inferred  # the article's date, read as a date
        overview = figures_overview(ws)
        assert overview.measures == ["territory held"]
        assert overview.first.as_json() == territory.as_json()
        [speaker] = speakers_report(ws)
        assert speaker.name == "Zelensky" and len(speaker.statements) == 1
    finally:
        ws.close()
