"""Save a python-docx document whose body and comments were spooled as they were built.

A briefing of 1,000 articles and 100,000 annotations is a body of several hundred
thousand XML elements and 100,000 comments: held as one lxml tree it took 2.35 GiB.
Here the briefing's writers still append to python-docx's body element, but after each
section and each article :meth:`Spool.drain` serialises what was appended to a
temporary file and drops it from the tree; comments go to a second temporary file as
they are made. :func:`save_spooled` then writes the package as python-docx's own
``Document.save`` does (same parts in the same order, the same content types and
relationships), copying ``word/document.xml`` and ``word/comments.xml`` into the zip from
the spools a chunk at a time. Memory stays that of one article.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, TYPE_CHECKING, Any

from lxml import etree

from kursk_annotator.core.export.docx_xml import Element

if TYPE_CHECKING:
    from docx.document import Document

_CHUNK = 1 << 20

# The body being spooled while a briefing is built, and its spool (see ``spooling``).
_ACTIVE: ContextVar[tuple[Element, Spool] | None] = ContextVar("docx_spool", default=None)


class Spool:
    """The body's elements and the comments' XML, written out as they are made."""

    def __init__(self) -> None:
        # Closed (and so removed) by close(): the spool is itself a context manager.
        self.body: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.comments: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.body.close()
        self.comments.close()

    def drain(self, body: Element) -> None:
        """Serialise ``body``'s children and drop them (it must not hold the section
        properties: they go last, see :func:`save_spooled`)."""
        # The body serialised whole: its children come out as they would inside the
        # document (namespaces declared on the body's tag, which is cut off). Cleared
        # with no Python references to them, the children are freed at once; removed
        # one by one, lxml would first re-home each subtree (slow for big paragraphs).
        text = etree.tostring(body, encoding="unicode")
        start = text.index(">") + 1
        if text[start - 2] != "/":
            self.body.write(text[start : text.rindex("</")].encode("utf-8"))
        body.clear()

    @staticmethod
    def fragment(element: Element, root: Element) -> str:
        """``element`` serialised alone, less the namespace declarations of ``root``
        (they are in scope where it goes)."""
        text = etree.tostring(element, encoding="unicode")
        end = text.index(">")
        declared = [f' xmlns:{prefix}="{uri}"' for prefix, uri in root.nsmap.items()]
        head = text[:end]
        for declaration in declared:
            head = head.replace(declaration, "")
        return head + text[end:]

    def add_comments(self, xml: str) -> None:
        self.comments.write(xml.encode("utf-8"))

    def add_body_xml(self, body: Element, pieces: Iterable[str]) -> None:
        """Append ``w:`` XML text to the body as it stands: what was appended before
        goes out first, then the text as it is (never parsed into a tree)."""
        self.drain(body)
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                self.body.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        self.body.write("".join(batch).encode("utf-8"))


@contextmanager
def spooling(body: Element, spool: Spool) -> Iterator[None]:
    """While the block runs, large XML appended to ``body`` (tables) may go straight to
    ``spool`` (:func:`spool_for`)."""
    token = _ACTIVE.set((body, spool))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def spooling_active() -> bool:
    """Is a briefing being spooled (in this thread) at all?"""
    return _ACTIVE.get() is not None


def spool_for(parent: Element) -> Spool | None:
    """The spool ``parent`` is written to, if it is the body of a briefing being spooled."""
    active = _ACTIVE.get()
    return active[1] if active is not None and active[0] is parent else None


def _split(xml: bytes, tag: bytes) -> tuple[bytes, bytes]:
    """The part's XML before and after the (empty) element ``tag``'s content."""
    empty = re.search(rb"<" + tag + rb"(\s[^>]*)?/>", xml)
    if empty is not None:
        attrs = empty.group(1) or b""
        return xml[: empty.start()] + b"<" + tag + attrs + b">", b"</" + tag + b">" + xml[
            empty.end() :
        ]
    opened = re.search(rb"<" + tag + rb"(\s[^>]*)?>", xml)
    closed = xml.rindex(b"</" + tag + b">")
    assert opened is not None
    return xml[: opened.end()], xml[closed:]


def save_spooled(document: Document, spool: Spool, out: IO[bytes]) -> None:
    """Write ``document`` as a .docx to ``out``; its body's content and its comments are
    the spool's (the body element holds only the section properties by now)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    document_part = document.part
    body = document.element.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        body.remove(sect_pr)
    spool.drain(body)  # whatever the last step appended
    sect_xml = b""
    if sect_pr is not None:
        sect_xml = Spool.fragment(sect_pr, document.element).encode("utf-8")
    head, tail = _split(document_part.blob, b"w:body")
    comments_part = document_part.part_related_by(RT.COMMENTS)
    comments_head, comments_tail = _split(comments_part.blob, b"w:comments")
    spooled: dict[Any, tuple[bytes, IO[bytes], bytes]] = {
        document_part: (head, spool.body, sect_xml + tail),
        comments_part: (comments_head, spool.comments, comments_tail),
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            if part in spooled:
                first, middle, last = spooled[part]
                size = len(first) + middle.tell() + len(last)
                middle.seek(0)
                with archive.open(
                    part.partname.membername, "w", force_zip64=size > (1 << 31) - 1
                ) as entry:
                    entry.write(first)
                    shutil.copyfileobj(middle, entry, _CHUNK)
                    entry.write(last)
            else:
                archive.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                archive.writestr(part.partname.rels_uri.membername, part.rels.xml)
    if sect_pr is not None:
        body.append(sect_pr)
