"""Standard Word comments written in constant time each.

python-docx 1.2's ``Document.add_comment`` finds the next free comment id by reading
the ``w:id`` of every comment already in ``comments.xml`` (an XPath plus an ``int()``
per comment) on each call, so adding n comments costs O(n²): about 88 % of the run time
at 2,000 comments, and about 64 s for 10,000. Here the ids are kept in a counter and the
``w:comment`` elements are appended with lxml, producing exactly the markup Word writes
itself (and python-docx would): a ``w:comment`` in ``word/comments.xml`` with author,
initials and date, whose first paragraph starts with ``w:annotationRef``; in the text,
``w:commentRangeStart`` before the first annotated run, ``w:commentRangeEnd`` after the
last, then a run holding ``w:commentReference``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from kursk_annotator.core.export.docx_xml import (
    W_ID,
    W_NS,
    W_VAL,
    Element,
    add_paragraph,
    add_run,
    clean_line,
    w,
    word_datetime,
)

_COMMENT = w("comment")
_AUTHOR, _INITIALS, _DATE = w("author"), w("initials"), w("date")
_RANGE_START, _RANGE_END = w("commentRangeStart"), w("commentRangeEnd")
_REFERENCE = w("commentReference")
_R, _RPR, _RSTYLE = w("r"), w("rPr"), w("rStyle")

# Word's own styles for comment text and the reference mark; python-docx's template
# lacks them, so they are added (Word would otherwise fall back to body text size).
COMMENT_STYLES_XML = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="CommentText">'
    '<w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="60"/></w:pPr>'
    '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference">'
    '<w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    "</w:styles>"
)


def add_comment_styles(document: Document) -> None:
    """Give the document Word's comment styles if it lacks them."""
    styles = document.styles.element
    present = {s.get(w("styleId")) for s in styles.iterfind(w("style"))}
    for style in etree.fromstring(COMMENT_STYLES_XML):
        if style.get(w("styleId")) not in present:
            styles.append(style)


class CommentWriter:
    """Appends comments to a document's ``comments.xml``, keeping the next id itself."""

    def __init__(self, document: Document) -> None:
        _ = document.comments  # python-docx creates the comments part when it is missing
        self._root: Element = document.part.part_related_by(RT.COMMENTS).element
        used = [int(v) for v in self._root.xpath("./w:comment/@w:id")]
        self._next_id = max(used, default=-1) + 1
        self.count = 0

    def add(
        self,
        author: str,
        initials: str,
        when: datetime | None,
        paragraphs: Sequence[tuple[str, bool]],
    ) -> int:
        """Add a comment; ``paragraphs`` are (text, bold) lines. Returns its id."""
        comment_id = self._next_id
        self._next_id += 1
        attrs = {W_ID: str(comment_id), _AUTHOR: clean_line(author) or "Unknown"}
        if when is not None:
            attrs[_DATE] = word_datetime(when)
        attrs[_INITIALS] = clean_line(initials)
        comment = etree.SubElement(self._root, _COMMENT, attrs)
        for index, (text, bold) in enumerate(paragraphs or [("", False)]):
            p = add_paragraph(comment, "CommentText")
            if index == 0:
                ref = etree.SubElement(p, _R)
                etree.SubElement(etree.SubElement(ref, _RPR), _RSTYLE, {W_VAL: "CommentReference"})
                etree.SubElement(ref, w("annotationRef"))
            add_run(p, text, bold=bold)
        self.count += 1
        return comment_id


def mark_start(paragraph: Element, comment_id: int) -> None:
    """Open comment ``comment_id``'s range at the current end of ``paragraph``."""
    etree.SubElement(paragraph, _RANGE_START, {W_ID: str(comment_id)})


def mark_end(paragraph: Element, comment_id: int) -> None:
    """Close the range and place the comment's reference mark right after it."""
    cid = str(comment_id)
    etree.SubElement(paragraph, _RANGE_END, {W_ID: cid})
    ref = etree.SubElement(paragraph, _R)
    etree.SubElement(etree.SubElement(ref, _RPR), _RSTYLE, {W_VAL: "CommentReference"})
    etree.SubElement(ref, _REFERENCE, {W_ID: cid})
