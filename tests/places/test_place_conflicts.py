"""Two analysts put one place in different spots: every view flags it, none merges it;
the place's mentions count the times a text names it without a tag."""

from __future__ import annotations

import json
from pathlib import Path

from kursk_annotator.core.importers import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.cli.conftest import Run

TEXT = "Troops entered Sudzha. Sudzha was shelled. Residents left Sudzha overnight."


def _disputed_store(path: Path) -> None:
    ws = Workspace(open_store(str(path)), "Olena Kovalchuk")
    try:
        olena = ws.analysts.ensure("Olena Kovalchuk")
        mark = ws.analysts.ensure("Mark Davies")
        article = ws.articles.add(NewArticle(title="Near the border", text=TEXT), olena)
        first = TEXT.index("Sudzha")
        second = TEXT.index("Sudzha", first + 1)
        ws.annotations.create(
            article.id, "place", first, first + 6, olena,
            attributes={"canonical_name": "Sudzha", "latitude": 51.19, "longitude": 35.27},
        )  # fmt: skip
        ws.annotations.create(
            article.id, "place", second, second + 6, mark,
            attributes={"canonical_name": "Sudzha", "latitude": 51.50, "longitude": 36.00},
        )  # fmt: skip
    finally:
        ws.close()


def test_the_command_line_flags_conflicting_positions(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "disputed.sqlite"
    _disputed_store(db)
    listing = cli("places", db=db).stdout
    line = next(row for row in listing.splitlines() if row.startswith("Sudzha"))
    assert "CONFLICT (2 positions)" in line
    dossier = cli("place", "Sudzha", db=db).stdout
    assert "position 51.1900, 35.2700 given by Olena Kovalchuk" in dossier
    assert "position 51.5000, 36.0000 given by Mark Davies" in dossier
    data = json.loads(cli("place", "Sudzha", "--json", db=db).stdout)
    assert data["coordinate_conflict"] is True
    assert sorted((c["latitude"], c["analysts"]) for c in data["coordinates"]) == [
        (51.19, ["Olena Kovalchuk"]),
        (51.5, ["Mark Davies"]),
    ]
    # Three times named, twice tagged: the untagged mention counts and is in the dossier.
    assert (data["mentions"], data["tagged_mentions"]) == (3, 2)
    assert [e["tagged"] for e in data["dossier"]].count(False) == 1
