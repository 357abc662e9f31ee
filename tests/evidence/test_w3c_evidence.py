"""A W3C export imported into another store brings its claimants, speakers and measures:
the names become actor and measure records there (new ones created, known ones reused
through their aliases), as when an analyst types them in the inspector or the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.quantities import parse_quantity
from kursk_annotator.core.evidence.service import figures_report, speakers_report
from kursk_annotator.core.exchange.importer import import_annotations
from kursk_annotator.core.exchange.w3c import export_annotations, write_annotations
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

TEXT = (
    "Ukraine's General Staff put Russian losses at about 40 thousand people. "
    "Zelenskyy said: we hold the line."
)


def _article(ws: Workspace) -> int:
    return ws.articles.add(
        NewArticle(text=TEXT, title="Losses", outlet="Daily A", published=date(2025, 2, 6))
    ).id


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    ws = Workspace(open_store(str(tmp_path / "source.sqlite")), "Olena Kovalchuk")
    a = _article(ws)
    quote = "about 40 thousand people"
    ws.annotations.create_from_quote(
        a, "figure", quote, ws.analyst,
        attributes={**parse_quantity(quote), "claimant": "Ukraine's General Staff",
                    "counts": "Russian losses in Kursk", "as_of": "2025-02"},
    )  # fmt: skip
    ws.annotations.create_from_quote(
        a, "claim", "we hold the line", ws.analyst,
        attributes={"attributed_to": "Zelenskyy", "side": "Ukraine"},
    )  # fmt: skip
    path = tmp_path / "export.jsonld"
    write_annotations(path, export_annotations(ws))
    ws.close()
    return path


@pytest.fixture
def target(tmp_path: Path) -> Workspace:
    ws = Workspace(open_store(str(tmp_path / "target.sqlite")), "Mark Davies")
    _article(ws)
    yield ws
    ws.close()


def test_import_creates_the_named_actors_and_measures(exported: Path, target: Workspace) -> None:
    assert target.evidence.actors() == [] and target.evidence.measures() == []
    report = import_annotations(target, exported)
    assert report.anchored == 2
    actors = {a.name: a for a in target.evidence.actors()}
    assert set(actors) == {"Ukraine's General Staff", "Zelenskyy"}
    assert actors["Zelenskyy"].side == "Ukraine"  # as a speaker's first use sets it
    [measure] = target.evidence.measures()
    assert (measure.name, measure.dimension, measure.unit) == (
        "Russian losses in Kursk",
        "people",
        "people",
    )
    # The comparison there resolves the names to those records.
    [comparison] = figures_report(target, measure="Russian losses in Kursk")
    assert comparison.dimension == "people"
    assert comparison.reports[0].claimant == "Ukraine's General Staff"


def test_import_reuses_records_known_under_another_name(exported: Path, target: Workspace) -> None:
    target.evidence.ensure_actor("Zelensky", aliases=["Zelenskyy"], side="Ukraine", grade="B")
    target.evidence.ensure_measure(
        "Russian losses (killed and wounded)",
        aliases=["Russian losses in Kursk"],
        dimension="people",
        unit="people",
    )
    import_annotations(target, exported)
    assert sorted(a.name for a in target.evidence.actors()) == [
        "Ukraine's General Staff",
        "Zelensky",
    ]
    assert [m.name for m in target.evidence.measures()] == ["Russian losses (killed and wounded)"]
    [speaker] = speakers_report(target)
    assert speaker.name == "Zelensky" and speaker.actor.grade == "B"
    [comparison] = figures_report(target)
    assert comparison.measure == "Russian losses (killed and wounded)"


def test_a_unit_of_another_dimension_refuses_the_file_and_stores_nothing(
    exported: Path, target: Workspace
) -> None:
    target.evidence.ensure_measure("Russian losses in Kursk", dimension="area", unit="km²")
    with pytest.raises(UserError, match="Russian losses in Kursk"):
        import_annotations(target, exported)
    assert target.annotations.list() == []
    assert target.evidence.actors() == []
