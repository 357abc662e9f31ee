"""Read a produced briefing back the way a checker would: python-docx plus its XML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table

# Run children that stand for characters (w:t holds its own text).
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:rPr"): ""}


@dataclass
class Anchor:
    """What one comment range encloses: its text and the shading of each of its runs."""

    text: str = ""
    fills: list[str | None] = field(default_factory=list)
    closed: bool = False


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def heading_texts(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def anchors(document: Document) -> dict[int, Anchor]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd.

    Paragraph ends inside a range count as one newline, so a span crossing paragraphs
    reads back as its quote with blank lines collapsed.
    """
    found: dict[int, Anchor] = {}
    open_ids: list[int] = []
    for p in document.element.body.iter(qn("w:p")):
        for el in p.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:r")):
            if el.tag == qn("w:commentRangeStart"):
                cid = int(el.get(qn("w:id")))
                found[cid] = Anchor()
                open_ids.append(cid)
            elif el.tag == qn("w:commentRangeEnd"):
                cid = int(el.get(qn("w:id")))
                open_ids.remove(cid)
                found[cid].closed = True
            else:
                text = "".join(_RUN_TEXT.get(c.tag, "") or (c.text or "") for c in el)
                if not text:
                    continue
                shd = el.find(f"{qn('w:rPr')}/{qn('w:shd')}")
                fill = shd.get(qn("w:fill")) if shd is not None else None
                for cid in open_ids:
                    found[cid].text += text
                    found[cid].fills.append(fill)
        for cid in open_ids:
            found[cid].text += "\n"
    return found


def collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n\s*\n+", "\n", text)


def table_with_header(document: Document, first_header: str) -> Table:
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return table
    raise AssertionError(f"no table whose first column is {first_header!r}")


def row_texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def part_text(part_element: BaseOxmlElement) -> str:
    """All text of a header or footer."""
    return "".join(t.text or "" for t in part_element.iter(qn("w:t")))
