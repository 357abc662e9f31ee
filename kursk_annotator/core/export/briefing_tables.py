"""The briefing's tables: summary counts, key figures, claims, places, and the Sources list.

Every source reference ("[2]") links to that source's entry in the Sources list at the
end of the document, which in turn links to the annotated text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from kursk_annotator.core.export.annotated_text import format_coordinates
from kursk_annotator.core.export.briefing_data import BriefingData, Source
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.docx_tables import TABLE_FONT_PT, Column, TableWriter
from kursk_annotator.core.export.docx_xml import (
    Bookmarks,
    Element,
    add_internal_link,
    add_paragraph,
    add_run,
    add_text_paragraph,
)
from kursk_annotator.core.palette import KIND_PLURALS, kind_colour

DISAGREE_COLOUR = "#A50021"
MUTED_COLOUR = "#595959"
QUOTE_LIMIT = 600


def heading(parent: Element, text: str, level: int = 1, page_break: bool = False) -> Element:
    p = add_paragraph(parent, f"Heading{level}", keep_next=True, page_break_before=page_break)
    add_run(p, text)
    return p


def note(parent: Element, text: str) -> Element:
    p = add_paragraph(parent, space_before_pt=3, space_after_pt=6)
    add_run(p, text, italic=True, colour=MUTED_COLOUR, size_pt=9)
    return p


def _refs(sources: list[Source]) -> Callable[[Element], None]:
    def fill(p: Element) -> None:
        for i, source in enumerate(sources):
            if i:
                add_run(p, ", ", size_pt=TABLE_FONT_PT)
            add_internal_link(p, source.bookmark, source.ref, size_pt=TABLE_FONT_PT)

    return fill


def _short(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> Callable[[Element], None]:
    def fill(p: Element) -> None:
        add_run(p, f"“{_short(text)}”", size_pt=TABLE_FONT_PT)

    return fill


def write_summary(parent: Element, data: BriefingData) -> None:
    heading(parent, "Summary", 1, page_break=True)
    kinds = data.options.kinds_or_all
    by_kind = data.counts_by_kind()
    statuses: dict[str, Counter[str]] = {k: Counter() for k in kinds}
    for a in data.annotations:
        statuses.setdefault(a.kind, Counter())[a.status] += 1
    total = sum(by_kind.values())
    add_text_paragraph(
        parent,
        f"{total:,} annotation{'s' if total != 1 else ''} from {len(data.sections)} "
        f"source{'s' if len(data.sections) != 1 else ''}: "
        + ", ".join(f"{by_kind.get(k, 0):,} {KIND_PLURALS[k].lower()}" for k in kinds)
        + ".",
    )
    table = TableWriter(
        parent,
        [
            Column("Kind", 3.6),
            Column("Annotations", 3.0, "right"),
            Column("Accepted", 3.0, "right"),
            Column("Pending review", 3.4, "right"),
            Column("Changes requested", 4.0, "right"),
        ],
    )
    for kind in kinds:
        counts = statuses.get(kind, Counter())

        def swatch(p: Element, kind: str = kind) -> None:
            add_run(p, f" {KIND_PLURALS[kind]} ", fill=kind_colour(kind), size_pt=TABLE_FONT_PT)

        table.add_row(
            [
                swatch,
                f"{by_kind.get(kind, 0):,}",
                f"{counts['accepted']:,}",
                f"{counts['pending']:,}",
                f"{counts['changes_requested']:,}",
            ]
        )
    add_paragraph(parent, space_after_pt=6)
    table = TableWriter(
        parent,
        [Column("Source", 8.6)]
        + [Column(KIND_PLURALS[k], 2.1, "right") for k in kinds]
        + [Column("Total", 8.4 - 2.1 * len(kinds), "right")],
    )
    for source, counts in data.counts_by_source():

        def name(p: Element, source: Source = source) -> None:
            add_internal_link(p, source.bookmark, source.ref, size_pt=TABLE_FONT_PT)
            add_run(p, f" {_short(source.label, 140)}", size_pt=TABLE_FONT_PT)

        table.add_row(
            [name] + [f"{counts.get(k, 0):,}" for k in kinds] + [f"{sum(counts.values()):,}"]
        )
    table.add_row(
        ["All sources"] + [f"{by_kind.get(k, 0):,}" for k in kinds] + [f"{total:,}"],
        bold=True,
    )


def write_figures(parent: Element, data: BriefingData) -> None:
    heading(parent, "Key figures", 1)
    if not data.figures:
        note(parent, "No figures in this selection.")
        return
    note(
        parent,
        "Figures are grouped by what they count, so that sources giving different numbers "
        "for the same thing stand side by side. Duplicate tags of one span are merged; "
        "“By” gives the analysts' initials.",
    )
    table = TableWriter(
        parent,
        [
            Column("Figure as quoted", 5.0),
            Column("Value", 1.9, "right"),
            Column("Unit", 2.0),
            Column("Qualifier", 2.6),
            Column("Source", 1.6),
            Column("Date", 2.2),
            Column("By", 1.7),
        ],
    )
    for group in data.figures:
        parts: list[tuple[str, dict[str, object]]] = [
            (group.counts or "What these figures count was not recorded", {"bold": True})
        ]
        n = group.source_count
        if group.counts and group.disagree:
            parts.append(
                (
                    f" — sources disagree: {' / '.join(group.values)}",
                    {"bold": True, "colour": DISAGREE_COLOUR},
                )
            )
            parts.append((f" ({n} source{'s' if n != 1 else ''})", {}))
        elif group.counts and n > 1 and group.values:
            parts.append((f" — {n} sources agree: {group.values[0]}", {}))
        table.add_group_row(parts)
        for row in group.rows:
            table.add_row(
                [
                    _quoted(row.quote),
                    row.value,
                    row.unit,
                    row.qualifier,
                    _refs([row.source]),
                    row.source.date,
                    " ".join(row.analysts),
                ]
            )


def write_claims(parent: Element, data: BriefingData) -> None:
    heading(parent, "Claims", 1)
    if not data.claims:
        note(parent, "No claims in this selection.")
        return
    note(parent, "Claims are grouped by who makes them; credibility is the analyst's rating.")
    table = TableWriter(
        parent,
        [
            Column("Claim", 8.5),
            Column("Source", 1.6),
            Column("Credibility", 2.5),
            Column("Status", 2.7),
            Column("By", 1.7),
        ],
    )
    for group in data.claims:
        n = len(group.rows)
        parts: list[tuple[str, dict[str, object]]] = [
            (group.speaker or "Not attributed", {"bold": True})
        ]
        if group.sides:
            parts.append((f" ({', '.join(group.sides)})", {}))
        parts.append((f" — {n} claim{'s' if n != 1 else ''}", {"colour": MUTED_COLOUR}))
        table.add_group_row(parts)
        for row in group.rows:
            table.add_row(
                [
                    _quoted(row.claim),
                    _refs([row.source]),
                    row.credibility,
                    STATUS_LABELS.get(row.status, row.status),
                    " ".join(row.analysts),
                ]
            )


def write_places(parent: Element, data: BriefingData) -> None:
    heading(parent, "Places", 1)
    if not data.places:
        note(parent, "No places in this selection.")
        return
    table = TableWriter(
        parent,
        [
            Column("Place", 5.6),
            Column("Mentions", 2.0, "right"),
            Column("Sources", 4.4),
            Column("Coordinates", 5.0),
        ],
    )
    for row in data.places:
        table.add_row(
            [
                row.name,
                f"{row.mentions:,}",
                _refs(row.sources),
                format_coordinates(*row.coordinates) if row.coordinates else "not known",
            ]
        )


def write_source_list(parent: Element, data: BriefingData, bookmarks: Bookmarks) -> None:
    heading(parent, "Sources", 1, page_break=True)
    for section in data.sections:
        source, article = section.source, section.source.article
        p = add_paragraph(parent, space_after_pt=6)
        add_run(p, f"{source.ref} ", bold=True)
        if source.outlet:
            add_run(p, f"{source.outlet}. ")
        add_run(p, f"“{article.title}”. ", italic=True)
        add_run(p, f"{article.author + '. ' if article.author else ''}")
        add_run(p, f"{source.date if article.published else 'Date not stated'}. ")
        if article.url:
            add_run(p, article.url + ". ", colour="#1F4E79")
        elif article.source_name:
            add_run(p, f"Imported from {article.source_name}. ", colour=MUTED_COLOUR)
        add_internal_link(p, f"text_{source.number}", "Annotated text")
        add_run(p, f" ({len(section.annotations):,} annotations).", colour=MUTED_COLOUR)
        bookmarks.wrap(p, source.bookmark)
