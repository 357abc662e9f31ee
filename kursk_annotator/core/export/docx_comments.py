"""Standard Word comments written in constant time each.

python-docx 1.2's ``Document.add_comment`` finds the next free comment id by reading
the ``w:id`` of every comment already in ``comments.xml`` (an XPath plus an ``int()``
per comment) on each call, so adding n comments costs O(n²): about 88 % of the run time
at 2,000 comments, and about 64 s for 10,000. Here the ids are kept in a counter and the
``w:comment`` elements are written as XML text and parsed in one go per article,
producing exactly the markup Word writes
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
    W_NS,
    Element,
    append_xml,
    clean_line,
    escape,
    run_xml,
    w,
    word_datetime,
)

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
_REF_PROPS = '<w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
_PARA_PROPS = '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'


def add_comment_styles(document: Document) -> None:
    """Give the document Word's comment styles if it lacks them."""
    styles = document.styles.element
    present = {s.get(w("styleId")) for s in styles.iterfind(w("style"))}
    for style in etree.fromstring(COMMENT_STYLES_XML):
        if style.get(w("styleId")) not in present:
            styles.append(style)


class CommentWriter:
    """Collects comments for a document's ``comments.xml``, keeping the next id itself.

    Comments are gathered as XML text and parsed into the part by ``flush`` (called
    per article, and before saving).
    """

    def __init__(self, document: Document) -> None:
        _ = document.comments  # python-docx creates the comments part when it is missing
        self._root: Element = document.part.part_related_by(RT.COMMENTS).element
        used = [int(v) for v in self._root.xpath("./w:comment/@w:id")]
        self._next_id = max(used, default=-1) + 1
        self._pending: list[str] = []
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
        date = f' w:date="{word_datetime(when)}"' if when is not None else ""
        parts = [
            f'<w:comment w:id="{comment_id}" w:author="{escape(clean_line(author) or "Unknown")}"'
            f'{date} w:initials="{escape(clean_line(initials))}">'
        ]
        for index, (text, bold) in enumerate(paragraphs or [("", False)]):
            ref = f"<w:r>{_REF_PROPS}<w:annotationRef/></w:r>" if index == 0 else ""
            parts.append(f"<w:p>{_PARA_PROPS}{ref}{run_xml(text, bold=bold)}</w:p>")
        parts.append("</w:comment>")
        self._pending.append("".join(parts))
        self.count += 1
        return comment_id

    def flush(self) -> None:
        """Parse the comments gathered so far into ``comments.xml``."""
        if self._pending:
            append_xml(self._root, "".join(self._pending))
            self._pending.clear()


def range_start_xml(comment_id: int) -> str:
    """Opens comment ``comment_id``'s range (before the first annotated run)."""
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def range_end_xml(comment_id: int) -> str:
    """Closes the range, with the comment's reference mark right after it."""
    return (
        f'<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r>{_REF_PROPS}<w:commentReference w:id="{comment_id}"/></w:r>'
    )
