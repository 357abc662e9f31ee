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

Replies (the review thread of an annotation) are threaded as Word 2013 and later thread
them: each comment's last paragraph carries a ``w14:paraId``, and the part
``word/commentsExtended.xml`` lists every comment with ``w15:paraIdParent`` naming the
comment a reply answers. A reply's range and reference sit with its parent's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from kursk_annotator.core.export.docx_stream import Spool

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
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
COMMENTS_EXTENDED_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
COMMENTS_EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


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

    def __init__(self, document: Document, spool: Spool | None = None) -> None:
        self._spool = spool  # comments written out there as flushed, not kept in the part
        _ = document.comments  # python-docx creates the comments part when it is missing
        self._root: Element = document.part.part_related_by(RT.COMMENTS).element
        used = [int(v) for v in self._root.xpath("./w:comment/@w:id")]
        self._next_id = max(used, default=-1) + 1
        self._pending: list[str] = []
        self.count = 0
        self._document = document
        # comment id -> the w14:paraId of its last paragraph; replies -> their parent.
        self._para_ids: dict[int, str] = {}
        self._parents: dict[int, int] = {}
        self.replies: dict[int, list[int]] = {}

    def add(
        self,
        author: str,
        initials: str,
        when: datetime | None,
        paragraphs: Sequence[tuple[str, bool]],
        reply_to: int | None = None,
    ) -> int:
        """Add a comment (a reply to comment ``reply_to``); ``paragraphs`` are (text,
        bold) lines. Returns its id."""
        comment_id = self._next_id
        self._next_id += 1
        # paraIds are 8 hex digits below 0x80000000, unique in the document.
        para_id = f"{0x10000000 + comment_id:08X}"
        self._para_ids[comment_id] = para_id
        if reply_to is not None:
            self._parents[comment_id] = reply_to
            self.replies.setdefault(reply_to, []).append(comment_id)
        date = f' w:date="{word_datetime(when)}"' if when is not None else ""
        parts = [
            f'<w:comment w:id="{comment_id}" w:author="{escape(clean_line(author) or "Unknown")}"'
            f'{date} w:initials="{escape(clean_line(initials))}">'
        ]
        lines = list(paragraphs or [("", False)])
        for index, (text, bold) in enumerate(lines):
            ref = f"<w:r>{_REF_PROPS}<w:annotationRef/></w:r>" if index == 0 else ""
            last = index == len(lines) - 1
            pid = f' xmlns:w14="{W14_NS}" w14:paraId="{para_id}"' if last else ""
            parts.append(f"<w:p{pid}>{_PARA_PROPS}{ref}{run_xml(text, bold=bold)}</w:p>")
        parts.append("</w:comment>")
        self._pending.append("".join(parts))
        self.count += 1
        return comment_id

    def start_xml(self, comment_id: int) -> str:
        """Opens the comment's range, and its replies' (they mark the same text)."""
        ids = [comment_id, *self.replies.get(comment_id, ())]
        return "".join(range_start_xml(i) for i in ids)

    def end_xml(self, comment_id: int) -> str:
        ids = [comment_id, *self.replies.get(comment_id, ())]
        return "".join(range_end_xml(i) for i in ids)

    def finish(self) -> None:
        """Flush, and write ``word/commentsExtended.xml`` when any comment has replies
        (Word then shows them as a thread; without the part they are separate)."""
        self.flush()
        if not self._parents:
            return
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        entries = []
        for cid, para_id in self._para_ids.items():
            parent = self._parents.get(cid)
            link = f' w15:paraIdParent="{self._para_ids[parent]}"' if parent is not None else ""
            entries.append(f'<w15:commentEx w15:paraId="{para_id}"{link} w15:done="0"/>')
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w15:commentsEx xmlns:mc="{MC_NS}" xmlns:w15="{W15_NS}" mc:Ignorable="w15">'
            + "".join(entries)
            + "</w15:commentsEx>"
        )
        package = self._document.part.package
        part = Part(
            PackURI("/word/commentsExtended.xml"),
            COMMENTS_EXTENDED_TYPE,
            xml.encode("utf-8"),
            package,
        )
        self._document.part.relate_to(part, COMMENTS_EXTENDED_REL)

    def flush(self) -> None:
        """Parse the comments gathered so far into ``comments.xml``."""
        if self._pending:
            if self._spool is not None:
                self._spool.add_comments("".join(self._pending))
            else:
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
