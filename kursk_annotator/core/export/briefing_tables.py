"""The briefing's tables: summary counts, key figures, claims, places, and the Sources list.

Every source reference ("[2]") links to that source's entry in the Sources list at the
end of the document, which in turn links to the annotated text.
"""

from __future__ import annotations

from collections import Counter

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.export.annotated_text import format_coordinates
from kursk_annotator.core.export.briefing_data import BriefingData, Source
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.docx_tables import Column, Runs, TableWriter
from kursk_annotator.core.export.docx_xml import (
    Bookmarks,
    Element,
    append_xml,
    link_xml,
    paragraph_xml,
    plain_run_xml,
    run_xml,
)
from kursk_annotator.core.palette import kind_colour

DISAGREE_COLOUR = "#A50021"
MUTED_COLOUR = "#595959"
QUOTE_LIMIT = 600


def heading(parent: Element, text: str, level: int = 1, page_break: bool = False) -> Element:
    xml = paragraph_xml(
        plain_run_xml(text), f"Heading{level}", keep_next=True, page_break_before=page_break
    )
    return append_xml(parent, xml)[0]


def note(parent: Element, text: str, keep_next: bool = True) -> Element:
    """A muted explanation; kept on the page with what follows (a heading's note stays
    with the heading and the table after it)."""
    run = run_xml(text, italic=True, colour=MUTED_COLOUR, size_pt=9)
    xml = paragraph_xml(run, space_before_pt=3, space_after_pt=6, keep_next=keep_next)
    return append_xml(parent, xml)[0]


def status_label(status: str) -> str:
    """The review status as every table of the briefing writes it ("Pending review")."""
    label = STATUS_LABELS.get(status, status.replace("_", " "))
    return label[:1].upper() + label[1:]


def analyst_key(data: BriefingData, analysts: set[str]) -> str:
    """The initials of ``analysts`` (names) spelt out, "By: MD Mark Davies · OK Olena
    Kovalchuk": initials alone can read as words ("OK" is Olena Kovalchuk, not approval)."""
    names = {data.initials.get(name, name): name for name in analysts}
    return "By: " + " · ".join(f"{i} {names[i]}" for i in sorted(names)) if names else ""


def write_analyst_key(parent: Element, data: BriefingData, kind: str) -> None:
    """The key to the "By" column of the table of ``kind``, under the table."""
    key = analyst_key(data, data.analysts_of(kind))
    if key:
        note(parent, key, keep_next=False)


def _refs(sources: list[Source]) -> Runs:
    return Runs(plain_run_xml(", ").join(link_xml(s.bookmark, s.ref) for s in sources))


def _short(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> str:
    return f"“{_short(text)}”"


def write_summary(parent: Element, data: BriefingData) -> None:
    heading(parent, "Summary", 1, page_break=True)
    kinds = data.options.kinds_or_all
    by_kind = data.counts_by_kind()
    statuses = data.counts_by_status()
    total = sum(by_kind.values())
    n = len(data.sections)
    sentence = (
        f"{total:,} annotation{'s' if total != 1 else ''} from {n} source{'s' if n != 1 else ''}: "
        + ", ".join(f"{by_kind.get(k, 0):,} {kind_registry.plural(k).lower()}" for k in kinds)
        + "."
    )
    append_xml(parent, paragraph_xml(plain_run_xml(sentence), keep_next=True))
    table = TableWriter(
        [
            Column("Kind", 3.6),
            Column("Annotations", 3.0, "right"),
            Column("Accepted", 3.0, "right"),
            Column("Pending review", 3.4, "right"),
            Column("Changes requested", 4.0, "right"),
        ]
    )
    for kind in kinds:
        counts = statuses.get(kind, Counter())
        table.add_row(
            [
                Runs(run_xml(f" {kind_registry.plural(kind)} ", fill=kind_colour(kind))),
                f"{by_kind.get(kind, 0):,}",
                f"{counts['accepted']:,}",
                f"{counts['pending']:,}",
                f"{counts['changes_requested']:,}",
            ]
        )
    table.write(parent)
    append_xml(parent, paragraph_xml("", space_after_pt=6))
    table = TableWriter(
        # 17 cm across: a column per kind and the total, the rest for the source's name.
        [Column("Source", 17.0 - 2.1 * (len(kinds) + 1))]
        + [Column(kind_registry.plural(k), 2.1, "right") for k in kinds]
        + [Column("Total", 2.1, "right")]
    )
    for source, counts in data.counts_by_source():
        name = Runs(
            link_xml(source.bookmark, source.ref) + plain_run_xml(f" {_short(source.label, 140)}")
        )
        table.add_row(
            [name] + [f"{counts.get(k, 0):,}" for k in kinds] + [f"{sum(counts.values()):,}"]
        )
    table.add_row(
        ["All sources"] + [f"{by_kind.get(k, 0):,}" for k in kinds] + [f"{total:,}"],
        bold=True,
    )
    table.write(parent)


def write_places(parent: Element, data: BriefingData, document: object = None) -> None:
    """The map page (places numbered, drawn at print resolution) and the Places table,
    which is the map's legend: grouped by canonical place, mentions counted in the texts."""
    from kursk_annotator.core.export.briefing_places import (
        MAP_HEIGHT_CM,
        MAP_WIDTH_CM,
        add_picture,
        map_image,
    )
    from kursk_annotator.core.geo.scene import CONFLICT_COLOUR, STATUS_COLOURS
    from kursk_annotator.core.geo.scene import STATUS_LABELS as MAP_STATUS

    png = map_image(data.places) if document is not None else None
    # With a map the section starts a page: the map and its legend table read together.
    heading(parent, "Places", 1, page_break=png is not None)
    if png is not None:
        add_picture(document, parent, png, MAP_WIDTH_CM, MAP_HEIGHT_CM)
        key = [run_xml("Key: ", bold=True, size_pt=9)]
        shown = {row.details.status for row in data.places if row.details and row.coordinates}
        for status, colour in STATUS_COLOURS.items():
            if status in shown:
                key.append(run_xml("● ", colour=colour, size_pt=11))
                key.append(run_xml(f"{MAP_STATUS[status]}   ", size_pt=9))
        if any(row.conflict for row in data.places):
            key.append(run_xml("◯ ", colour=CONFLICT_COLOUR, size_pt=11, bold=True))
            key.append(run_xml("sources disagree on the position   ", size_pt=9))
        key.append(
            run_xml(
                "Circle size: number of reports. Numbers refer to the table below. "
                "Map: Natural Earth; towns: GeoNames.",
                size_pt=9,
                colour=MUTED_COLOUR,
            )
        )
        append_xml(parent, paragraph_xml("".join(key), space_before_pt=4, space_after_pt=8))
    if data.places:
        note(
            parent,
            "Mentions: every time a source names the place (any spelling the gazetteer "
            "knows, tagged or not); Tagged: how many of them analysts tagged.",
        )
    else:
        note(parent, "No places in this selection.")
        return
    table = TableWriter(
        [
            Column("No.", 1.0, "right"),
            Column("Place", 3.6),
            Column("Mentions", 2.1, "right"),
            Column("Tagged", 1.7, "right"),
            Column("Sources", 2.6),
            Column("Coordinates", 4.1),
            Column("Review", 1.9),
        ]
    )
    for row in data.places:
        details = row.details
        table.add_row(
            [
                str(row.number) if row.number else "",
                row.name,
                f"{row.mentions:,}",
                f"{details.tagged:,}" if details else "",
                _refs(row.sources),
                _coordinates_cell(row),
                MAP_STATUS.get(details.status, details.status) if details else "",
            ]
        )
    table.write(parent)
    if any(row.coordinates is None for row in data.places):
        note(parent, "Places without a number have no coordinates yet and are not on the map.")


def _coordinates_cell(row) -> str | Runs:
    if row.coordinates is None:
        return "not known"
    if not row.conflict or row.details is None:
        return format_coordinates(*row.coordinates)
    runs = [run_xml("Conflicting positions: ", bold=True, colour=DISAGREE_COLOUR)]
    for n, (lat, lon, who) in enumerate(row.details.positions):
        if n:
            runs.append(plain_run_xml("; "))
        runs.append(plain_run_xml(f"{format_coordinates(lat, lon)} ({who})"))
    return Runs("".join(runs))


def write_source_list(parent: Element, data: BriefingData, bookmarks: Bookmarks) -> None:
    heading(parent, "Sources", 1, page_break=True)
    for section in data.sections:
        source, article = section.source, section.source.article
        runs = [run_xml(f"{source.ref} ", bold=True)]
        if source.outlet:
            runs.append(plain_run_xml(f"{source.outlet}. "))
        runs.append(run_xml(f"“{article.title}”. ", italic=True))
        if article.author:
            runs.append(plain_run_xml(f"{article.author}. "))
        runs.append(plain_run_xml(f"{source.date if article.published else 'Date not stated'}. "))
        if article.url:
            runs.append(run_xml(article.url + ". ", colour="#1F4E79"))
        elif article.source_name:
            runs.append(run_xml(f"Imported from {article.source_name}. ", colour=MUTED_COLOUR))
        runs.append(link_xml(f"text_{source.number}", "Annotated text"))
        count = section.count
        runs.append(
            run_xml(f" ({count:,} annotation{'s' if count != 1 else ''}).", colour=MUTED_COLOUR)
        )
        p = append_xml(parent, paragraph_xml("".join(runs), space_after_pt=6))[0]
        bookmarks.wrap(p, source.bookmark)
