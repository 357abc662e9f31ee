"""Tables for the briefing, built with lxml: fixed column widths, a repeating header row,
light horizontal rules, and full-width group rows.

Fixed widths (``w:tblLayout fixed`` plus ``w:tblGrid``) make Word and LibreOffice lay the
table out the same way, instead of each guessing widths from the content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from kursk_annotator.core.export.docx_xml import W_VAL, Element, add_paragraph, add_run, w

TWIPS_PER_CM = 567
HEADER_FILL = "#44546A"
GROUP_FILL = "#E7EAEE"
RULE_COLOUR = "BFBFBF"
TABLE_FONT_PT = 9

Cell = str | Callable[[Element], None]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width_cm: float
    align: str | None = None  # "right" for numbers

    @property
    def twips(self) -> int:
        return round(self.width_cm * TWIPS_PER_CM)


class TableWriter:
    """Appends rows to one ``w:tbl``; cells are text or a function filling the paragraph."""

    def __init__(self, parent: Element, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.tbl = etree.SubElement(parent, w("tbl"))
        self._properties()
        grid = etree.SubElement(self.tbl, w("tblGrid"))
        for col in self.columns:
            etree.SubElement(grid, w("gridCol"), {w("w"): str(col.twips)})
        self.rows = 0
        self._header()

    def _properties(self) -> None:
        tblpr = etree.SubElement(self.tbl, w("tblPr"))
        total = sum(c.twips for c in self.columns)
        # Schema order: tblW, tblBorders, tblLayout, tblCellMar, tblLook.
        etree.SubElement(tblpr, w("tblW"), {w("w"): str(total), w("type"): "dxa"})
        borders = etree.SubElement(tblpr, w("tblBorders"))
        for edge, size in (("top", "8"), ("bottom", "8"), ("insideH", "4")):
            etree.SubElement(
                borders,
                w(edge),
                {W_VAL: "single", w("sz"): size, w("space"): "0", w("color"): RULE_COLOUR},
            )
        etree.SubElement(tblpr, w("tblLayout"), {w("type"): "fixed"})
        margins = etree.SubElement(tblpr, w("tblCellMar"))
        for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
            etree.SubElement(margins, w(side), {w("w"): str(width), w("type"): "dxa"})
        etree.SubElement(
            tblpr,
            w("tblLook"),
            {w("val"): "04A0", w("firstRow"): "1", w("lastRow"): "0", w("noHBand"): "1"},
        )

    def _row(self, header: bool = False) -> Element:
        tr = etree.SubElement(self.tbl, w("tr"))
        trpr = etree.SubElement(tr, w("trPr"))
        etree.SubElement(trpr, w("cantSplit"))
        if header:
            etree.SubElement(trpr, w("tblHeader"))
        return tr

    def _cell(self, tr: Element, twips: int, fill: str | None = None, span: int = 1) -> Element:
        tc = etree.SubElement(tr, w("tc"))
        tcpr = etree.SubElement(tc, w("tcPr"))
        # Schema order: tcW, gridSpan, shd.
        etree.SubElement(tcpr, w("tcW"), {w("w"): str(twips), w("type"): "dxa"})
        if span > 1:
            etree.SubElement(tcpr, w("gridSpan"), {W_VAL: str(span)})
        if fill:
            etree.SubElement(
                tcpr, w("shd"), {W_VAL: "clear", w("color"): "auto", w("fill"): fill.lstrip("#")}
            )
        return tc

    def _header(self) -> None:
        tr = self._row(header=True)
        for col in self.columns:
            tc = self._cell(tr, col.twips, HEADER_FILL)
            p = add_paragraph(tc, align=col.align, space_after_pt=0, keep_next=True)
            add_run(p, col.title, bold=True, colour="#FFFFFF", size_pt=TABLE_FONT_PT)

    def add_row(self, cells: Sequence[Cell], fill: str | None = None, bold: bool = False) -> None:
        tr = self._row()
        for col, value in zip(self.columns, cells, strict=True):
            tc = self._cell(tr, col.twips, fill)
            p = add_paragraph(tc, align=col.align, space_after_pt=0)
            if callable(value):
                value(p)
            elif value:
                add_run(p, value, bold=bold, size_pt=TABLE_FONT_PT)
        self.rows += 1

    def add_group_row(self, parts: Sequence[tuple[str, dict[str, object]]]) -> None:
        """A full-width row introducing a group: ``parts`` are (text, run options)."""
        tr = self._row()
        tc = self._cell(tr, sum(c.twips for c in self.columns), GROUP_FILL, len(self.columns))
        p = add_paragraph(tc, space_before_pt=2, space_after_pt=0, keep_next=True)
        for text, options in parts:
            add_run(p, text, **{"size_pt": TABLE_FONT_PT, **options})  # type: ignore[arg-type]
        self.rows += 1
