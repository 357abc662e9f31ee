"""Several analysts tagging one figure or claim never make it look confirmed or repeated.

One article is one report of a statement: two analysts' tags of one span, a second
mention of the figure in the same article, or a tag that leaves the claimant out are
the same report, not an echo and not a second, independent claimant. The command line,
the Figures view and the briefing read the same comparison, so all three say so."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kursk_annotator.core.evidence.quantities import parse_quantity
from kursk_annotator.core.evidence.service import figures_report, speakers_report
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import Store, open_store
from kursk_annotator.core.workspace import Workspace
from tests.cli.conftest import Run, cli  # noqa: F401  (the fixture)

TEXT_A = (
    "The General Staff reported 44 combat clashes on Sunday. "
    "Of the 44 clashes, most were repelled, Zelensky said: we hold the line."
)
TEXT_B = "Kyiv's General Staff counted 44 combat clashes on Sunday."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "team.sqlite"


@pytest.fixture
def two_analysts(db: Path) -> tuple[Store, Workspace, Workspace, int]:
    store = open_store(str(db))
    olena, mark = Workspace(store, "Olena Kovalchuk"), Workspace(store, "Mark Davies")
    a = olena.articles.add(
        NewArticle(text=TEXT_A, title="Clashes", outlet="Daily A", published=date(2025, 1, 6))
    ).id

    def figure(ws: Workspace, quote: str, **attrs: str) -> None:
        start = TEXT_A.index(quote)
        ws.annotations.create(
            a, "figure", start, start + len(quote), ws.analyst,
            attributes={**parse_quantity(quote), "counts": "clashes", **attrs},
        )  # fmt: skip

    # Olena names the claimant and the date; Mark tags the same span without them, and
    # the second mention of the figure in the same article.
    figure(olena, "44 combat clashes", claimant="General Staff", as_of="2025-01-05")
    figure(mark, "44 combat clashes")
    figure(mark, "44 clashes")
    yield store, olena, mark, a
    store.close()


def test_one_figure_tagged_by_two_analysts_is_one_report(two_analysts) -> None:
    _store, olena, _mark, _a = two_analysts
    [clashes] = figures_report(olena, measure="clashes")
    [report] = clashes.reports
    assert len(report.annotation_ids) == 3
    assert report.analysts == ["Mark Davies", "Olena Kovalchuk"]
    assert report.claimant == "General Staff"
    assert report.window is not None and report.window.text == "2025-01-05"
    assert [s.claimant for s in clashes.statements] == ["General Staff"]
    # Neither "reported 2 times" nor the outlet agreeing with the General Staff.
    assert clashes.verdicts == []


def test_an_echo_counts_articles_and_confirmation_counts_claimants(two_analysts) -> None:
    _store, olena, _mark, _a = two_analysts
    b = olena.articles.add(
        NewArticle(text=TEXT_B, title="Counted", outlet="Daily B", published=date(2025, 1, 6))
    ).id
    olena.annotations.create_from_quote(
        b, "figure", "44 combat clashes", olena.analyst,
        attributes={**parse_quantity("44 clashes"), "counts": "clashes",
                    "claimant": "General Staff", "as_of": "2025-01-05"},
    )  # fmt: skip
    [clashes] = figures_report(olena, measure="clashes")
    assert [r.article_id for r in clashes.reports] == [1, b]
    [echo] = clashes.verdicts
    assert echo.kind == "echo"
    assert "reported in 2 articles (article 1, article 2); it counts once" in echo.explanation
    assert len(echo.annotation_ids) == 4
    assert clashes.claimants == ["General Staff"]


def test_command_line_and_briefing_agree(two_analysts, db: Path, cli: Run, tmp_path) -> None:  # noqa: F811
    from kursk_annotator.core.export.briefing_docx import export_briefing
    from kursk_annotator.core.export.briefing_options import BriefingOptions
    from tests.export.reading import open_docx, row_texts, table_with_header

    _store, olena, _mark, _a = two_analysts
    out = json.loads(cli("figures", "--measure", "clashes", "--json", db=db).stdout)
    [measure] = out["measures"]
    assert len(measure["reports"]) == 1 and len(measure["statements"]) == 1
    assert measure["verdicts"] == []
    path = tmp_path / "briefing.docx"
    export_briefing(olena, BriefingOptions(title="t", author="Olena Kovalchuk"), path)
    rows = row_texts(table_with_header(open_docx(path), "Figure as quoted"))
    assert any(r[0].startswith("clashes") and r[0].endswith("— 1 report, 1 claimant") for r in rows)
    assert not any(r[0].startswith(("Echo", "Agreement")) for r in rows)


def test_one_remark_tagged_under_two_aliases_is_one_claim(two_analysts) -> None:
    store, olena, mark, a = two_analysts
    quote = "we hold the line"
    olena.annotations.create_from_quote(
        a, "claim", quote, olena.analyst, attributes={"attributed_to": "Zelensky"}
    )
    mark.annotations.create_from_quote(
        a, "claim", quote, mark.analyst, attributes={"attributed_to": "Zelenskyy"}
    )
    olena.evidence.merge_actors("Zelenskyy", "Zelensky")
    third = Workspace(store, "Ivan Petrenko")
    third.annotations.create_from_quote(a, "claim", "we hold the line", third.analyst)
    [speaker] = speakers_report(olena)
    assert speaker.name == "Zelensky"
    [statement] = speaker.statements
    [report] = statement.reports
    assert len(report.annotation_ids) == 3
    assert report.analysts == ["Ivan Petrenko", "Mark Davies", "Olena Kovalchuk"]


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_figures_view_shows_one_report(qtbot, two_analysts) -> None:
    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.figures_view import FiguresPanel

    _store, olena, _mark, _a = two_analysts
    panel = FiguresPanel(ArticleState(olena))
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: len(panel.comparisons) > 0)
    assert panel.measures.item(0).text() == "clashes (1)"
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "General Staff"
    assert "Echo" not in panel.verdicts.text() and "Agreement" not in panel.verdicts.text()
