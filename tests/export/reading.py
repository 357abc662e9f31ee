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


W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def reply_ids(document: Document) -> set[int]:
    """Ids of the comments that are replies (review threads) in commentsExtended.xml."""
    from lxml import etree

    parts = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype.endswith("/commentsExtended")
    ]
    if not parts:
        return set()
    extended = etree.fromstring(parts[0].blob)
    replying = {
        e.get(f"{W15}paraId")
        for e in extended.iter(f"{W15}commentEx")
        if e.get(f"{W15}paraIdParent")
    }
    found = set()
    for comment in document.comments:
        last = comment._comment_elm.findall(qn("w:p"))[-1]
        if last.get(W14_PARA_ID) in replying:
            found.add(comment.comment_id)
    return found


def annotation_comments(document: Document) -> list:
    """The comments of the annotations themselves, without the review replies."""
    replies = reply_ids(document)
    return [c for c in document.comments if c.comment_id not in replies]


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
