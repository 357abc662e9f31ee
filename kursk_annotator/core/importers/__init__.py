"""Turn files into articles: each importer reads one format into a NewArticle.

``read_source`` picks the importer by file extension; every failure is a UserError with
a one-line reason, and nothing is stored until the whole file has been read.
"""

from __future__ import annotations

from pathlib import Path

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import plain_text
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.text import bytes_hash

# Generous: a long report is a few MB of text; anything far larger is a mistake.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

IMPORTERS = {
    ".txt": plain_text.read_text_article,
    ".text": plain_text.read_text_article,
    ".md": plain_text.read_markdown_article,
    ".markdown": plain_text.read_markdown_article,
}


def supported_extensions() -> list[str]:
    return sorted(IMPORTERS)


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> NewArticle:
    """Read ``path`` into a NewArticle with provenance, or raise UserError."""
    if not path.exists():
        raise UserError("file not found: check the path")
    if path.is_dir():
        raise UserError("is a folder: give the files inside it")
    reader = IMPORTERS.get(path.suffix.lower())
    if reader is None:
        raise UserError(
            f"unsupported file type {path.suffix or '(none)'!r}: "
            f"import one of {', '.join(supported_extensions())}"
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise UserError(f"file is {size // 1048576} MB, over the {max_bytes // 1048576} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the file ({exc.strerror})") from None
    article = reader(data)
    article.source_name = path.name
    article.source_format = path.suffix.lower().lstrip(".")
    article.source_size = len(data)
    article.source_hash = bytes_hash(data)
    return article
