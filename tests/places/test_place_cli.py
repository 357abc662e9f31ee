"""``places`` and ``place NAME`` from the command line, and their JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_places_json_lists_canonical_places_with_counts(cli: Run, sample_db: Path) -> None:
    places = json.loads(cli("places", "--json", db=sample_db).stdout)
    by_name = {p["name"]: p for p in places}
    oblast = by_name["Kursk Oblast"]
    assert oblast["latitude"] == 51.5 and oblast["longitude"] == 36.0
    assert oblast["mentions"] > oblast["tagged_mentions"] >= 2
    assert oblast["reports"] == 5
    assert oblast["coordinate_conflict"] is False
    assert "Kursk region" in oblast["variants"]
    assert by_name["Sumy and Kharkiv oblasts"]["latitude"] is None
    assert set(oblast) >= {
        "name", "latitude", "longitude", "coordinate_conflict", "coordinates", "mentions",
        "tagged_mentions", "reports", "articles", "tags", "status", "variants",
    }  # fmt: skip


def test_places_text_output(cli: Run, sample_db: Path) -> None:
    out = cli("places", db=sample_db).stdout
    assert "Sudzha" in out and "no coordinates" in out


def test_place_json_dossier(cli: Run, sample_db: Path) -> None:
    data = json.loads(cli("place", "Sudzha", "--json", db=sample_db).stdout)
    assert data["name"] == "Sudzha"
    entries = data["dossier"]
    assert len(entries) == data["mentions"]
    assert {"published", "outlet", "title", "sentence", "claimants", "figures", "claims",
            "tagged"} <= set(entries[0])  # fmt: skip
    assert any(not e["tagged"] for e in entries)


def test_place_unknown_is_one_line(cli: Run, sample_db: Path) -> None:
    result = cli("place", "Atlantis", db=sample_db, ok=False)
    assert result.returncode != 0
    assert result.stderr.startswith("kursk-annotator: error: no place called 'Atlantis'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_counts_of_one_read_in_the_singular(cli: Run, sample_db: Path) -> None:
    listing = cli("places", db=sample_db).stdout
    glushkovo = next(line for line in listing.splitlines() if line.startswith("Glushkovo"))
    assert " 1 mention " in glushkovo and " 1 report " in glushkovo
    one = cli("place", "Glushkovo", db=sample_db).stdout.splitlines()[0]
    assert one.startswith("Glushkovo: 1 mention in 1 report, ")
