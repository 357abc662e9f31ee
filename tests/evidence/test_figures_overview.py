"""The Figures view's opening: the measures counted by the database, and any one measure
compared alone, exactly as comparing the whole library compares it.

The view lists every measure at once and compares only the one shown (then each one
selected); the list and each measure's reports and verdicts must be what ``figures``
reports, whatever the store holds: a measure tagged under several names, figures that
leave the measure or the claimant out, several analysts, the analyst and status filters.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kursk_annotator.core.evidence.quantities import parse_quantity
from kursk_annotator.core.evidence.service import compare_listed, figures_overview, figures_report
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

TEXTS = [
    "Kyiv said 1,000 km² were held. Moscow said 300 km² were held. "
    "Zelensky said: we took 28 settlements and 1,000 km². Later 74 settlements.",
    "Kyiv said 1,300 km² were held by 12 August. Moscow counted 15 settlements. "
    "Syrskyi said: 500 km² remain, and 64 settlements.",
]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    olena = Workspace(open_store(str(tmp_path / "store.sqlite")), "Olena Kovalchuk")
    mark = Workspace(olena.store, "Mark Davies")
    ids = [
        olena.articles.add(
            NewArticle(text=t, title=f"Article {n}", outlet=f"Outlet {n}",
                       published=date(2024, 8, 10 + 20 * n))
        ).id
        for n, t in enumerate(TEXTS)
    ]  # fmt: skip

    def tag(who: Workspace, n: int, kind: str, quote: str, **attrs: str) -> None:
        start = TEXTS[n].index(quote)
        if kind == "figure":
            attrs = {**parse_quantity(quote), **attrs}
        who.annotations.create(ids[n], kind, start, start + len(quote), who.analyst,
                               attributes=attrs)  # fmt: skip

    # One measure under three names as tagged, one claimant: one claimant, not three.
    tag(olena, 0, "figure", "1,000 km²", counts="territory held", claimant="Kyiv")
    tag(olena, 1, "figure", "1,300 km²", counts="Territory  Held", claimant="Kyiv",
        as_of="2024-08-12")  # fmt: skip
    tag(mark, 0, "figure", "300 km²", counts="area held by Ukraine", claimant="Kyiv")
    # Two claimants, fewer figures: listed first all the same.
    tag(olena, 0, "figure", "28 settlements", counts="settlements", claimant="Zelensky")
    tag(olena, 1, "figure", "15 settlements", counts="settlements", claimant="Moscow")
    # No claimant: the speaker of the claim around it; no measure: the one figure of a
    # measure its span overlaps (tagged by another analyst), or a measure of its own.
    tag(olena, 1, "claim", "Syrskyi said: 500 km² remain, and 64 settlements.",
        attributed_to="Syrskyi")  # fmt: skip
    tag(olena, 1, "figure", "500 km²", counts="territory held")
    tag(olena, 1, "figure", "64 settlements", counts="settlements")
    tag(mark, 1, "figure", "500 km²")
    tag(mark, 1, "figure", "64 settlements")
    tag(mark, 0, "figure", "74 settlements")
    # A name merged into another: the figures tagged with it count for that measure.
    olena.evidence.merge_measures("area held by Ukraine", "territory held")
    yield olena
    olena.close()


FILTERS = [
    {},
    {"analysts": ["Mark Davies"]},
    {"analysts": ["Olena Kovalchuk"]},
    {"statuses": ["pending", "accepted", "changes_requested", "rejected"]},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_each_listed_measure_compared_alone_is_the_full_comparison(ws, filters) -> None:
    full = {c.measure: c.as_json() for c in figures_report(ws, **filters)}
    overview = figures_overview(ws, **filters)
    assert sorted(overview.measures, key=str) == sorted(full, key=str)
    first = overview.measures[0]
    assert overview.first is not None and overview.first.as_json() == full[first]
    for measure in overview.measures:
        alone = compare_listed(ws, overview, measure, **filters)
        assert alone is not None and alone.as_json() == full[measure], measure


def test_measures_are_ordered_by_distinct_claimants_across_their_names(ws) -> None:
    overview = figures_overview(ws)
    assert len(overview.names["territory held"]) == 3  # tagged under three names
    # settlements: Zelensky, Moscow, Syrskyi; territory: Kyiv (under three names) and
    # Syrskyi, two claimants for more figures: listed second.
    assert overview.measures == ["settlements", "territory held", None]
    territory, settlements = (figures_report(ws, measure=m)[0] for m in overview.measures[1::-1])
    assert {r.claimant for r in territory.reports} == {"Kyiv", "Syrskyi"}
    assert len(territory.reports) == 4  # Mark's "500 km²", no measure, joined Olena's
    assert {r.claimant for r in settlements.reports} == {"Zelensky", "Moscow", "Syrskyi"}
    # Without Syrskyi's settlements: two claimants each, and territory has more figures.
    [syrskyi] = [r for r in settlements.reports if r.claimant == "Syrskyi"]
    ws.annotations.delete(syrskyi.id, ws.analyst)
    assert figures_overview(ws).measures == ["territory held", "settlements", None]
