"""The briefing section of a kind that has no section of its own: one table of its
annotations with a column per attribute, in source order.

A kind registered in ``core.kinds`` without a ``briefing_section`` gets this table, so a
new kind appears in the briefing before anyone designs its section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kursk_annotator.core.export.briefing_data import BriefingData
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.briefing_tables import heading, note
from kursk_annotator.core.export.docx_tables import Column, Runs, TableWriter
from kursk_annotator.core.export.docx_xml import Element, link_xml

if TYPE_CHECKING:
    from kursk_annotator.core.kinds import KindSpec

QUOTE_LIMIT = 300
WIDTH_CM = 17.0


def _short(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_kind_table(parent: Element, data: BriefingData, *, kind: KindSpec) -> None:
    heading(parent, kind.plural, 1)
    if not data.counts_by_kind().get(kind.name):
        note(parent, f"No {kind.plural.lower()} in this selection.")
        return
    fields = kind.fields()
    fixed = [Column("Source", 1.6), Column("Status", 2.4), Column("By", 1.4)]
    quote_width = 5.0 if fields else WIDTH_CM - sum(c.width_cm for c in fixed)
    rest = WIDTH_CM - quote_width - sum(c.width_cm for c in fixed)
    columns = [Column(kind.label, quote_width)]
    columns += [Column(f.label, rest / len(fields)) for f in fields]
    table = TableWriter(columns + fixed)
    for source, a in data.of_kind(kind.name):  # one article's read at a time
        values = [a.attributes.get(f.name) for f in fields]
        table.add_row(
            [f"“{_short(a.quote)}”"]
            + ["" if v is None else str(v) for v in values]
            + [
                Runs(link_xml(source.bookmark, source.ref)),
                STATUS_LABELS.get(a.status, a.status),
                data.initials.get(a.analyst, a.analyst),
            ]
        )
    table.write(parent)
