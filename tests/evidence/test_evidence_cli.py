"""The evidence commands as a user runs them: JSON shapes, and bad input refused with
one line, a non-zero exit and the store unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run, cli  # noqa: F401  (the fixture)

TERRITORY = "territory held by Ukraine in Kursk Oblast"


def _digest(db: Path) -> str:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def test_figures_json_has_reports_and_verdicts(cli: Run, sample_db: Path) -> None:  # noqa: F811
    out = json.loads(cli("figures", "--measure", TERRITORY, "--json", db=sample_db).stdout)
    [measure] = out["measures"]
    assert measure["measure"] == TERRITORY and measure["unit"] == "km²"
    report = measure["reports"][0]
    keys = {"id", "article_id", "quote", "low", "high", "unit", "as_of", "claimant", "status"}
    assert keys <= set(report)
    kinds = {v["kind"] for v in measure["verdicts"]}
    assert "change" in kinds and "disagreement" not in kinds
    for verdict in measure["verdicts"]:
        assert verdict["annotation_ids"] and verdict["explanation"]


def test_annotate_with_claimant_as_of_and_measure(cli: Run, sample_db: Path) -> None:  # noqa: F811
    created = json.loads(
        cli(
            "annotate", "4", "--kind", "figure", "--quote", "386 artillery systems",
            "--claimant", "Ukraine's Defence Intelligence", "--as-of", "2025-02-05",
            "--measure", "Russian artillery systems destroyed", "--json", db=sample_db,
        ).stdout
    )  # fmt: skip
    attrs = created["attributes"]
    assert attrs["claimant"] == "Ukraine's Defence Intelligence" and attrs["as_of"] == "2025-02-05"
    actors = json.loads(cli("actors", "--json", db=sample_db).stdout)
    assert "Ukraine's Defence Intelligence" in {a["name"] for a in actors}  # created on first use


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annotate", "4", "--kind", "figure", "--quote", "689", "--as-of", "2025-02-30"],
         "not a real date"),
        (["annotate", "4", "--kind", "figure", "--quote", "689", "--low", "5", "--high", "4"],
         "low (5) is above its high (4)"),
        (["annotate", "4", "--kind", "figure", "--quote", "689 armored", "--unit", "km",
          "--measure", TERRITORY], "measures length, but measure"),
        (["actors", "merge", "Zelensky", "Volodymyr Zelensky"], "are the same actor"),
        (["measures", "merge", TERRITORY, TERRITORY], "are the same measure"),
        (["grade", "RFE/RL", "Q"], "unknown reliability grade 'Q'"),
        (["grade", "Nobody At All", "B"], "no actor or outlet called"),
    ],
)  # fmt: skip
def test_bad_input_one_line_nonzero_store_unchanged(
    cli: Run,  # noqa: F811
    sample_db: Path,
    args: list[str],
    message: str,
) -> None:
    before = _digest(sample_db)
    result = cli(*args, db=sample_db, ok=False)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kursk-annotator: error: ")
    assert message in lines[0]
    assert _digest(sample_db) == before


def test_merge_and_grade(cli: Run, sample_db: Path) -> None:  # noqa: F811
    cli("grade", "RFE/RL", "b", db=sample_db)
    actors = {a["name"]: a for a in json.loads(cli("actors", "--json", db=sample_db).stdout)}
    assert actors["RFE/RL"]["grade"] == "B"
