"""Word documents (.docx): paragraphs, headings and tables in document order.

A .docx is a ZIP of XML parts, and a hostile one can be a zip bomb (a few KB that inflate
to gigabytes), a corrupt archive, or XML declaring entities (external ones read local
files; nested ones expand exponentially). So the archive is inspected first, from its
central directory and before anything is inflated: member count, declared sizes and
compression ratios; then each XML part is read (bounded by the checked sizes, as
zipfile never inflates past a member's declared size) and refused if it declares a
DOCTYPE. Only then does python-docx parse it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle

MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
# XML compresses well (30:1 is common for document.xml), bombs reach 1000:1 and beyond.
MAX_RATIO = 200
# Small members may have any ratio: their inflated size is harmless.
RATIO_EXEMPT_BYTES = 1024 * 1024

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_DOCTYPE_UTF16 = ("<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def check_archive(data: bytes) -> None:
    """Refuse corrupt archives, zip bombs and XML with entity declarations; raise UserError."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError("this is an old Word 97-2003 .doc file: save it as .docx and import that")
    if not data.startswith(b"PK"):
        raise UserError("not a Word .docx file (not a ZIP archive): check the file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UserError(
            "the .docx archive is corrupt or truncated: save it again in Word"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UserError(f"the .docx holds {len(members)} parts: refused as a possible zip bomb")
        names = {m.filename for m in members}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise UserError("not a Word document: the archive has no word/document.xml")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise UserError("the .docx inflates to too much data: refused as a zip bomb")
            ratio = member.file_size // max(member.compress_size, 1)
            if member.file_size > RATIO_EXEMPT_BYTES and ratio > MAX_RATIO:
                raise UserError(
                    f"a part of the .docx is compressed {ratio}:1: refused as a zip bomb"
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _check_xml_part(archive, member)


def _check_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    try:
        content = archive.read(member)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        reason = "unsupported compression" if isinstance(exc, NotImplementedError) else "corrupt"
        raise UserError(
            f"the .docx archive is {reason} ({member.filename}): save it again in Word"
        ) from None
    if _DOCTYPE.search(content) or any(marker in content for marker in _DOCTYPE_UTF16):
        raise UserError(
            "the .docx declares XML entities (a DOCTYPE), which Word never writes: "
            "refused as unsafe (XML external entities)"
        )


def _block_texts(doc: object) -> Iterator[str]:
    """Paragraphs and table rows of the body, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in doc.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_rows(block)


def _table_rows(table: object) -> Iterator[str]:
    # One line per row, cells separated by " | "; merged cells repeat in python-docx, so
    # consecutive repeats of the same cell are shown once.
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            yield " | ".join(cells)


def _first_heading(doc: object) -> str | None:
    for paragraph in doc.paragraphs:  # type: ignore[attr-defined]
        style = paragraph.style.name if paragraph.style is not None else ""
        if (style == "Title" or style.startswith("Heading")) and paragraph.text.strip():
            return paragraph.text.strip()
    return None


def read_docx_article(data: bytes) -> NewArticle:
    check_archive(data)
    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
        lines = [" ".join(text.split()) for text in _block_texts(doc)]
        props = doc.core_properties
        title = (props.title or "").strip() or _first_heading(doc)
        author = (props.author or "").strip() or None
        language = (props.language or "").strip()[:2].lower() or None
    except UserError:
        raise
    except Exception as exc:  # python-docx reports damage with many exception types
        raise UserError(
            f"cannot read the Word document ({type(exc).__name__}): save it again in Word"
        ) from None
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise UserError("the Word document has no text")
    return NewArticle(
        text=text,
        title=title,
        author=author,
        language=language,
        normalisation="paragraphs, headings and table rows (cells joined by ' | ') as lines",
    )
