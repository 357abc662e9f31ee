"""Two analysts tagging the same article: the starting point of review scenarios."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kursk_annotator.core.models import Analyst
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace

TEXT = (
    "Kursk, 6 February 2025.\n\n"
    "The General Staff said Russia lost about 40 thousand people in the Kursk region. "
    "Reports put the number of North Korean soldiers at 12,000 😀 near Sudzha and Berdin.\n"
)
URL = "https://example.org/general-staff-kursk"


@dataclass
class Scenario:
    ws: Workspace
    article_id: int
    olena: Analyst
    mark: Analyst
    o_figure: AnnotationInfo
    o_place: AnnotationInfo
    o_claim: AnnotationInfo
    m_figure: AnnotationInfo
    m_place: AnnotationInfo


@pytest.fixture
def scenario(workspace: Workspace) -> Scenario:
    ws = workspace
    article = ws.articles.add(NewArticle(text=TEXT, title="General Staff on Kursk", url=URL))
    olena = ws.analysts.ensure("Olena Kovalchuk")
    mark = ws.analysts.ensure("Mark Davies")
    a = ws.annotations
    o_figure = a.create_from_quote(
        article.id, "figure", "about 40 thousand people", olena,
        note="General Staff figure", attributes={"value": 40000, "qualifier": "approximately"},
    )  # fmt: skip
    o_place = a.create_from_quote(
        article.id, "place", "Sudzha", olena, attributes={"canonical_name": "Sudzha"}
    )
    o_claim = a.create_from_quote(
        article.id, "claim", "The General Staff said Russia lost about 40 thousand people", olena,
        attributes={"attributed_to": "General Staff", "side": "Ukraine"},
    )  # fmt: skip
    m_figure = a.create_from_quote(article.id, "figure", "40 thousand people", mark)
    m_place = a.create_from_quote(article.id, "place", "Berdin", mark)
    return Scenario(ws, article.id, olena, mark, o_figure, o_place, o_claim, m_figure, m_place)


def run_cli(db: Path, *args: str, analyst: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``kursk-annotator --db DB [--analyst NAME] ARGS`` as a user would."""
    command = [sys.executable, "-m", "kursk_annotator", "--db", str(db)]
    if analyst:
        command += ["--analyst", analyst]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
