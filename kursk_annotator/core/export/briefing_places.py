"""The briefing's Places section and its map page.

Rows come from the same place index as the ``places`` command and the map panel: grouped
by canonical place (through the gazetteer), with mentions counted in the texts of the
briefing's sources, not only the tags. Places with coordinates are numbered; the map
page draws them with the app's own map scene at print resolution, and the table below it
is the map's legend.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from kursk_annotator.core.export.briefing_data import BriefingData, PlaceRow, Source
from kursk_annotator.core.geo.scene import Marker, build_scene
from kursk_annotator.core.geo.view import fit_view
from kursk_annotator.core.places.index import build_index
from kursk_annotator.core.workspace import Workspace

PRINT_DPI = 300
MAP_WIDTH_CM, MAP_HEIGHT_CM = 17.0, 12.5
# The smallest stretch of the theatre the map page shows (degrees of longitude, latitude):
# one place alone still appears among the towns and borders around it.
MIN_SPAN = (4.0, 2.6)


@dataclass(slots=True)
class PlaceDetails:
    """What the Places table shows beyond the classic row."""

    reports: int
    tagged: int
    status: str
    positions: list[tuple[float, float, str]] = field(default_factory=list)  # lat, lon, who


def place_rows(workspace: Workspace, data: BriefingData) -> list[PlaceRow]:
    """One row per canonical place tagged in the selection, most mentioned first."""
    options = data.options
    sources = {s.source.article.id: s.source for s in data.sections}
    index = build_index(
        workspace,
        article_ids=list(sources),
        statuses=options.statuses,
        analysts=list(options.analysts) or None,
        untagged=False,
    )
    rows: list[PlaceRow] = []
    number = 0
    for record in index.places:
        position = record.position
        if position is not None:
            number += 1
        rows.append(
            PlaceRow(
                name=record.name,
                mentions=record.mention_count,
                sources=[sources[i] for i in record.article_ids if i in sources],
                coordinates=position,
                number=number if position is not None else None,
                conflict=record.conflict,
                details=PlaceDetails(
                    reports=record.report_count,
                    tagged=sum(1 for m in record.mentions if m.annotation_ids),
                    status=record.status,
                    positions=[
                        (c.latitude, c.longitude, ", ".join(sorted(set(c.analysts))) or c.origin)
                        for c in record.coordinates
                    ],
                ),
            )
        )
    return rows


def map_markers(rows: Sequence[PlaceRow]) -> list[Marker]:
    return [
        Marker(
            key=row.name,
            name=row.name,
            lon=row.coordinates[1],
            lat=row.coordinates[0],
            reports=row.details.reports if row.details else len(row.sources),
            mentions=row.mentions,
            status=row.details.status if row.details else "pending",
            conflict=row.conflict,
            number=row.number,
        )
        for row in rows
        if row.coordinates is not None
    ]


def map_image(rows: Sequence[PlaceRow]) -> bytes | None:
    """The map page's picture (PNG at print resolution), or None with no place to show."""
    from kursk_annotator.core.export.map_image import map_png  # Pillow: only when exporting

    markers = map_markers(rows)
    if not markers:
        return None
    lons = [m.lon for m in markers]
    lats = [m.lat for m in markers]
    west, east = min(lons) - 0.8, max(lons) + 0.8
    south, north = min(lats) - 0.5, max(lats) + 0.5
    if east - west < MIN_SPAN[0]:
        mid = (west + east) / 2
        west, east = mid - MIN_SPAN[0] / 2, mid + MIN_SPAN[0] / 2
    if north - south < MIN_SPAN[1]:
        mid = (south + north) / 2
        south, north = mid - MIN_SPAN[1] / 2, mid + MIN_SPAN[1] / 2
    width = round(MAP_WIDTH_CM / 2.54 * PRINT_DPI)
    height = round(MAP_HEIGHT_CM / 2.54 * PRINT_DPI)
    # Sizes as on a 96 dpi screen, printed at the map's physical size.
    view = fit_view((west, south, east, north), width, height, margin=0.02, size=PRINT_DPI / 96)
    return map_png(build_scene(markers), view)


def add_picture(document, parent, png: bytes, width_cm: float, height_cm: float) -> None:
    """Append a paragraph holding the picture ``png`` (python-docx's own image part)."""
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    inline = document.part.new_pic_inline(io.BytesIO(png), Cm(width_cm), Cm(height_cm))
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    keep = OxmlElement("w:keepNext")
    ppr.append(keep)
    paragraph.append(ppr)
    run = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    run.append(drawing)
    paragraph.append(run)
    parent.append(paragraph)


def sources_of(row: PlaceRow) -> list[Source]:
    return row.sources
