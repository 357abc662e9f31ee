"""Turn files into articles: each importer reads one format into a NewArticle.

``read_source`` picks the importer by file extension (by content when the extension
says nothing), refuses files over a size limit before reading them, and fills in the
provenance (file name, format, size, SHA-256 of the bytes). Every failure is a
UserError with a one-line reason; nothing is stored here, so a refused file leaves no
partial article behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import html_page, pdf_text, plain_text, word_docx
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.text import bytes_hash

# Generous: a long report is a few MB of text, a PDF with images some tens of MB.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ENV_MAX_MB = "KURSK_ANNOTATOR_MAX_IMPORT_MB"

Reader = Callable[[bytes], NewArticle]

# format name -> reader; the format name is stored as the article's source_format.
READERS: dict[str, Reader] = {
    "txt": plain_text.read_text_article,
    "md": plain_text.read_markdown_article,
    "html": html_page.read_html_article,
    "docx": word_docx.read_docx_article,
    "pdf": pdf_text.read_pdf_article,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

# Kept for callers of the first version of this module.
IMPORTERS = {ext: READERS[fmt] for ext, fmt in EXTENSIONS.items()}


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)


def max_import_bytes() -> int:
    """The size limit: ``$KURSK_ANNOTATOR_MAX_IMPORT_MB`` if set, else the default."""
    configured = os.environ.get(ENV_MAX_MB, "").strip()
    if configured:
        try:
            megabytes = float(configured)
        except ValueError:
            raise UserError(f"{ENV_MAX_MB}={configured!r} is not a number of megabytes") from None
        if megabytes > 0:
            return int(megabytes * 1024 * 1024)
    return DEFAULT_MAX_BYTES


def sniff_format(data: bytes) -> str | None:
    """The format the bytes themselves announce, for files without a known extension."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    return None


def format_for(path: Path, data: bytes) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    sniffed = sniff_format(data)
    if sniffed is not None:
        return sniffed
    if not path.suffix:
        return "txt"
    raise UserError(
        f"unsupported file type {path.suffix!r}: import one of {', '.join(supported_extensions())}"
    )


def _megabytes(size: int) -> str:
    if size < 1048576:
        return f"{max(size / 1024, 0.1):.1f} KB"
    return f"{size / 1048576:.1f} MB"


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing folders, devices and anything over ``max_bytes``."""
    try:
        if not path.exists():
            raise UserError("file not found: check the path")
        if path.is_dir():
            raise UserError("is a folder: give the files inside it")
        if not path.is_file():
            raise UserError("not a regular file (a device or pipe): give a saved file")
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(
                f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} import limit"
            )
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grows while read is still caught.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UserError(f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise UserError(f"file is over the {_megabytes(max_bytes)} import limit")
    return data


def read_source(path: Path, max_bytes: int | None = None) -> NewArticle:
    """Read ``path`` into a NewArticle with provenance, or raise UserError."""
    path = Path(path)
    limit = max_bytes if max_bytes is not None else max_import_bytes()
    data = read_file_bytes(path, limit)
    if not data:
        raise UserError("the file is empty (0 bytes)")
    if not data.strip():
        raise UserError("the file holds only whitespace: nothing to import")
    fmt = format_for(path, data)
    article = READERS[fmt](data)
    article.source_name = path.name
    article.source_format = fmt
    article.source_size = len(data)
    article.source_hash = bytes_hash(data)
    return article
