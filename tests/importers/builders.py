"""Builders for the test input files: tiny PDFs written by hand, .docx by python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, or image-only pages if empty.

    An empty page list item draws a filled rectangle and no text: what a scan looks like
    to a text extractor (no text layer).
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree exists
    page_tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        if lines:
            ops = ["BT", "/F1 12 Tf", "14 TL", "72 740 Td"]
            for line in lines:
                ops.append(f"({_pdf_escape(line)}) Tj T*")
            ops.append("ET")
        else:
            ops = ["0.5 g", "72 72 400 600 re f"]
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (page_tree, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = None
    if title:
        info = add(b"<< /Title (%s) /Author (Test Desk) >>" % _pdf_escape(title).encode("latin-1"))
    return _write_pdf(objects, catalog, info)


def _write_pdf(objects: list[bytes], catalog: int, info: int | None = None) -> bytes:
    """Objects numbered from 1, a cross-reference table and a trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def make_pdf_bomb(inflated_mb: int = 100) -> bytes:
    """A one-page PDF whose content stream is ~100 KB deflated and ``inflated_mb`` inflated."""
    import zlib

    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _write_pdf(objects, 1)


def make_encrypted_pdf(pages: list[list[str]], password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    writer.encrypt(user_password=password, owner_password="owner-" + password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    paragraphs: list[str],
    heading: str | None = None,
    table: list[list[str]] | None = None,
    title: str | None = None,
    author: str | None = None,
    language: str | None = None,
) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = author or ""
    props.title = title or ""
    if language:
        props.language = language
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("After the table.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewrite_docx(
    data: bytes,
    replace: dict[str, bytes],
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Copy a .docx archive, replacing some members' bytes and adding others."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path
