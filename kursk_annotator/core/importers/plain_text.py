"""Plain text and Markdown, in any common encoding."""

from __future__ import annotations

import codecs
import re

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode bytes of unknown encoding; return (text, note on what was done or None)."""
    if not data.strip():
        raise UserError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(
                encoding, errors="replace"
            ), f"decoded as {encoding} (byte-order mark)"
    if b"\x00" in data[:4096]:
        raise UserError("binary data, not text (NUL bytes): check that this is a text file")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        bad = data.decode("utf-8", errors="replace")
        if bad.count("\ufffd") > max(8, len(bad) // 100):
            raise UserError("binary data or unknown encoding: save the file as UTF-8 text")
        return bad, "invalid UTF-8 sequences replaced with U+FFFD"
    return str(best), f"decoded as {best.encoding} (detected)"


def _check_text(text: str) -> str:
    if not text.strip():
        raise UserError("the file holds only whitespace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 200):
        raise UserError("binary data, not text (control characters): check the file")
    return text


def read_text_article(data: bytes) -> NewArticle:
    text, note = decode_text(data)
    return NewArticle(text=_check_text(text), normalisation=note)


def read_markdown_article(data: bytes) -> NewArticle:
    text, note = decode_text(data)
    title = None
    match = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    if match:
        title = match.group(1)
    return NewArticle(text=_check_text(text), title=title, normalisation=note)
