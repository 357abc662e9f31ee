"""The briefing's map page: drawn by the map scene at print resolution, places numbered,
the Places table as its legend; conflicting coordinates shown, not merged."""

from __future__ import annotations

import io
from pathlib import Path

from docx.oxml.ns import qn
from PIL import Image

from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.export.briefing_places import MAP_WIDTH_CM, PRINT_DPI
from kursk_annotator.core.geo.scene import LINE_STYLES, STATUS_COLOURS
from kursk_annotator.core.importers import NewArticle
from kursk_annotator.core.palette import rgb
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import open_docx, row_texts, table_with_header


def _map_picture(path: Path) -> Image.Image:
    document = open_docx(path)
    places = next(p for p in document.paragraphs if p.text == "Places")
    following = places._p.getnext()
    blip = following.find(f".//{qn('a:blip')}")
    assert blip is not None, "the map picture follows the Places heading"
    part = document.part.related_parts[blip.get(qn("r:embed"))]
    return Image.open(io.BytesIO(part.blob))


def test_map_page_is_printed_at_300_dpi_with_numbered_places(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.docx"
    export_briefing(sample_workspace, BriefingOptions(), out)
    picture = _map_picture(out)
    assert picture.width == round(MAP_WIDTH_CM / 2.54 * PRINT_DPI)
    # Pending places are drawn in the pending colour, somewhere on the map.
    colours = {c for _n, c in picture.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert rgb(STATUS_COLOURS["pending"]) in colours
    assert rgb(LINE_STYLES["rivers"][0]) in colours  # the rivers, drawn as in the app
    rows = row_texts(table_with_header(open_docx(out), "No."))
    numbers = [r[0] for r in rows[1:] if r[0]]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) >= 8


def test_conflicting_coordinates_are_shown_side_by_side(
    workspace: Workspace, tmp_path: Path
) -> None:
    article = workspace.articles.add(
        NewArticle(title="Two maps", text="Shelling near Berdin. Later Berdin was retaken.")
    )
    text = workspace.annotations.article_text(article.id)
    one = text.index("Berdin")
    two = text.index("Berdin", one + 1)
    other = workspace.analysts.ensure("Mark Davies")
    for start, who, lat in ((one, workspace.analyst, 51.30), (two, other, 51.60)):
        workspace.annotations.create(
            article.id, "place", start, start + 6, who,
            attributes={"canonical_name": "Berdin", "latitude": lat, "longitude": 35.10},
        )  # fmt: skip
    out = tmp_path / "conflict.docx"
    export_briefing(workspace, BriefingOptions(), out)
    rows = row_texts(table_with_header(open_docx(out), "No."))
    berdin = next(r for r in rows if r[1] == "Berdin")
    assert berdin[5].startswith("Conflicting positions: ")
    assert "51.3000° N" in berdin[5] and "51.6000° N" in berdin[5]
    assert "Mark Davies" in berdin[5] and "Test Analyst" in berdin[5]
    key = next(p.text for p in open_docx(out).paragraphs if p.text.startswith("Key:"))
    assert "sources disagree on the position" in key


def test_no_map_without_coordinates(workspace: Workspace, tmp_path: Path) -> None:
    article = workspace.articles.add(NewArticle(title="Vague", text="Somewhere called Xyzzyville."))
    text = workspace.annotations.article_text(article.id)
    at = text.index("Xyzzyville")
    workspace.annotations.create(article.id, "place", at, at + 10, workspace.analyst)
    out = tmp_path / "vague.docx"
    export_briefing(workspace, BriefingOptions(), out)
    document = open_docx(out)
    assert not document.inline_shapes
    rows = row_texts(table_with_header(document, "No."))
    assert rows[1][1] == "Xyzzyville" and rows[1][5] == "not known"
