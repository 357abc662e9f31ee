"""Tables for the briefing: fixed column widths, a repeating header row, light horizontal
rules, and full-width group rows.

Fixed widths (``w:tblLayout fixed`` plus ``w:tblGrid``) make Word and LibreOffice lay the
table out the same way, instead of each guessing widths from the content. Rows are
collected as XML text and parsed once when the table is written.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from kursk_annotator.core.export.docx_xml import (
    Element,
    append_xml,
    has_rtl,
    is_rtl_run,
    paragraph_props_xml,
    plain_run_xml,
    run_xml,
)

TWIPS_PER_CM = 567
HEADER_FILL = "44546A"
GROUP_FILL = "E7EAEE"
RULE_COLOUR = "BFBFBF"
TABLE_TEXT_STYLE = "TableText"  # 9 pt, no spacing: defined in briefing_docx._styles
SPILL_ROWS = 2000  # rows a table of a spooled briefing keeps in memory before writing them out


class Runs(str):
    """Run XML already built (links, shading), as opposed to plain cell text."""


Cell = str | Runs


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width_cm: float
    align: str | None = None  # "right" for numbers

    @property
    def twips(self) -> int:
        return round(self.width_cm * TWIPS_PER_CM)


class TableWriter:
    """Collects rows of one table; ``write`` appends the finished ``w:tbl`` to a parent."""

    def __init__(self, columns: Sequence[Column]) -> None:
        from kursk_annotator.core.export.docx_stream import spooling_active

        self.columns = list(columns)
        self.total = sum(c.twips for c in self.columns)
        self.rows = 0
        self._xml: list[str] = [self._properties()]
        # In a briefing spooled to disk, long tables keep their rows on disk too.
        self._overflow: IO[bytes] | None = None
        self._spill = spooling_active()
        self._ppr = [paragraph_props_xml(TABLE_TEXT_STYLE, align=c.align) for c in self.columns]
        self._header()

    def _properties(self) -> str:
        rules = "".join(
            f'<w:{edge} w:val="single" w:sz="{size}" w:space="0" w:color="{RULE_COLOUR}"/>'
            for edge, size in (("top", 8), ("bottom", 8), ("insideH", 4))
        )
        margins = "".join(
            f'<w:{side} w:w="{width}" w:type="dxa"/>'
            for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85))
        )
        grid = "".join(f'<w:gridCol w:w="{c.twips}"/>' for c in self.columns)
        # Schema order in tblPr: tblW, tblBorders, tblLayout, tblCellMar, tblLook.
        return (
            f'<w:tblPr><w:tblW w:w="{self.total}" w:type="dxa"/>'
            f'<w:tblBorders>{rules}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:noHBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )

    @staticmethod
    def _tc(twips: int, content: str, fill: str | None = None, span: int = 1) -> str:
        # Schema order in tcPr: tcW, gridSpan, shd.
        props = f'<w:tcW w:w="{twips}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if fill:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"

    def _header(self) -> None:
        cells = "".join(
            self._tc(
                col.twips,
                f"<w:p>{paragraph_props_xml(TABLE_TEXT_STYLE, align=col.align, keep_next=True)}"
                f"{run_xml(col.title, bold=True, colour='FFFFFF')}</w:p>",
                HEADER_FILL,
            )
            for col in self.columns
        )
        self._xml.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")

    def add_row(self, cells: Sequence[Cell], bold: bool = False) -> None:
        """One row: plain text cells, or ``Runs`` for cells with links or shading."""
        parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
        for col, ppr, value in zip(self.columns, self._ppr, cells, strict=True):
            if isinstance(value, Runs):
                runs = str(value)
            elif not value:
                runs = ""
            else:
                rtl = has_rtl(value) and is_rtl_run(value)
                runs = run_xml(value, bold=bold, rtl=rtl) if bold or rtl else plain_run_xml(value)
            parts.append(self._tc(col.twips, f"<w:p>{ppr}{runs}</w:p>"))
        parts.append("</w:tr>")
        self._xml.append("".join(parts))
        self.rows += 1
        self._check_size()

    def _check_size(self) -> None:
        if self._spill and len(self._xml) >= SPILL_ROWS:
            if self._overflow is None:
                self._overflow = tempfile.TemporaryFile()  # noqa: SIM115 (closed in write)
            self._overflow.write("".join(self._xml).encode("utf-8"))
            self._xml = []

    def add_group_row(self, runs: str) -> None:
        """A full-width shaded row introducing a group (``runs`` is run XML)."""
        ppr = paragraph_props_xml(TABLE_TEXT_STYLE, space_before_pt=2, keep_next=True)
        cell = self._tc(self.total, f"<w:p>{ppr}{runs}</w:p>", GROUP_FILL, len(self.columns))
        self._xml.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>")
        self.rows += 1
        self._check_size()

    def write(self, parent: Element) -> Element | None:
        """Append the table to ``parent``. In a briefing's body being spooled to disk the
        rows go there as text, never parsed (100,000 rows as a tree take gigabytes); the
        table is then not returned."""
        from kursk_annotator.core.export.docx_stream import spool_for

        spool = spool_for(parent)
        overflow, self._overflow = self._overflow, None
        head = ""
        if overflow is not None:
            with overflow:
                overflow.seek(0)
                if spool is not None:  # the rows stay on disk: copied, never held whole
                    spool.add_body_xml(parent, ["<w:tbl>"])
                    shutil.copyfileobj(overflow, spool.body, 1 << 20)
                    spool.add_body_xml(parent, [*self._xml, "</w:tbl>"])
                    self._xml = []
                    return None
                head = overflow.read().decode("utf-8")
        if spool is not None:
            spool.add_body_xml(parent, ["<w:tbl>", head, *self._xml, "</w:tbl>"])
            self._xml = []
            return None
        return append_xml(parent, "<w:tbl>" + head + "".join(self._xml) + "</w:tbl>")[0]
