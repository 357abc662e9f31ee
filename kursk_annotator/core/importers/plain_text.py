"""Plain text and Markdown, in any common encoding.

Order of decisions, most certain first: a byte-order mark; strict UTF-8; UTF-8 that is
mostly valid (a few bad bytes are replaced with U+FFFD and counted, not fatal); Cyrillic
single-byte encodings (Windows-1251, KOI8-R/U), which a general detector confuses on
short texts; then charset-normalizer for everything else. The encoding chosen and any
replacements are reported in the article's ``normalisation`` note.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# Signatures of binary formats people save under a text extension by mistake.
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document: rename it to .pdf"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a .docx): rename it to its real extension"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file: save it as .docx"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "gzip-compressed data: unpack it first"),
    (b"\x7fELF", "a program, not text"),
)

# Enough text to recognise a language's letters; more only costs time on big files.
_SAMPLE_BYTES = 256 * 1024

# Share of bad bytes among non-ASCII characters up to which UTF-8 counts as "mostly valid".
_MAX_BAD_UTF8_SHARE = 0.2

# Share of the whole file up to which stray bad bytes in otherwise ASCII/UTF-8 text are
# replaced rather than taken as a sign of a legacy encoding (1 in 1,000 bytes).
_MAX_STRAY_SHARE = 0.001

# The commonest letters of Russian and Ukrainian prose: right decodings of Cyrillic
# text have most letters here, wrong ones (or other scripts) scatter across the alphabet.
# Lower case only: prose is mostly lower case, and a wrong code page swaps the cases.
_COMMON_CYRILLIC = set("оеаинтсрвлкмдпуія")
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_TEXT_PUNCTUATION = set("«»—–“”„‘’…№•\u00a0")


def _replacements(text: str, original: str = "") -> int:
    return text.count("\ufffd") - original.count("\ufffd")


def _bad_note(count: int) -> str:
    plural = "s" if count != 1 else ""
    return f"{count} invalid byte sequence{plural} replaced with U+FFFD"


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode as UTF-8 with replacement if bad bytes are a small minority: of the
    non-ASCII characters, or (for text that is nearly all ASCII, where a legacy code page
    would turn one stray byte into mojibake like "Ã(") of the whole file."""
    text = data.decode("utf-8", errors="replace")
    strict_part = data.decode("utf-8", errors="ignore")
    bad = _replacements(text, strict_part)
    # Continuation bytes of valid multi-byte characters: at least one per such character.
    good = len(strict_part.encode("utf-8")) - len(strict_part)
    if good and bad <= _MAX_BAD_UTF8_SHARE * (good + bad):
        return text, bad
    if bad <= 1 + len(data) * _MAX_STRAY_SHARE:
        return text, bad
    return None


def _cyrillic_guess(data: bytes) -> tuple[str, str] | None:
    """(text, encoding label) if the bytes read as Russian or Ukrainian in a legacy code page."""
    sample = data[:_SAMPLE_BYTES]
    best: tuple[float, str] | None = None
    for codec in ("cp1251", "koi8_u"):
        text = sample.decode(codec, errors="replace")
        high = [ch for ch in text if ord(ch) > 127]
        letters = [ch for ch in high if "\u0400" <= ch <= "\u04ff"]
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        punctuation = sum(ch in _TEXT_PUNCTUATION for ch in high)
        if not letters or len(letters) + punctuation < 0.9 * len(high) or latin > len(letters):
            continue
        score = sum(ch in _COMMON_CYRILLIC for ch in letters) / len(letters)
        if score >= 0.45 and (best is None or score > best[0]):
            best = (score, codec)
    if best is None:
        return None
    # KOI8-U is KOI8-R plus the Ukrainian letters, so it decodes both.
    text = data.decode(best[1], errors="replace")
    if best[1] == "cp1251":
        return text, "windows-1251"
    return text, "koi8-u" if _UKRAINIAN_ONLY & set(text) else "koi8-r"


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (some Windows tools do): NULs on one side."""
    sample = data[:_SAMPLE_BYTES]
    if len(data) % 2 or len(sample) < 16:
        return None
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, label, nuls, others in (
        ("utf-16-le", "UTF-16LE", odd, even),
        ("utf-16-be", "UTF-16BE", even, odd),
    ):
        # Spaces, digits and Latin letters put a NUL in every high byte.
        if nuls > 0.1 * pairs and others <= 0.01 * nuls:
            try:
                return data.decode(codec), f"decoded as {label} (no byte-order mark; detected)"
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode bytes of unknown encoding; return (text, note on what was done or None)."""
    if not data.strip():
        raise UserError("the file is empty or holds only whitespace: nothing to import")
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            note = f"decoded as {label} (byte-order mark)"
            bad = _replacements(text)
            return text, note + (f"; {_bad_note(bad)}" if bad else "")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UserError(f"this is {what}")
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise UserError("binary data, not text (NUL bytes): check that this is a text file")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        return text, f"decoded as UTF-8; {_bad_note(bad)}"
    cyrillic = _cyrillic_guess(data)
    if cyrillic is not None:
        text, label = cyrillic
        return text, f"decoded as {label} (detected)"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UserError("binary data or unknown encoding: save the file as UTF-8 text")
    return str(best), f"decoded as {encoding_label(best.encoding)} (detected)"


def encoding_label(codec: str) -> str:
    """The name people know an encoding by (windows-1251, not Python's cp1251)."""
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    return name.replace("_", "-")


def check_text(text: str, what: str = "the file") -> str:
    """Refuse text that is empty or mostly control characters (binary data)."""
    if not text.strip():
        raise UserError(f"{what} holds only whitespace: nothing to import")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(sample) // 200):
        raise UserError("binary data, not text (control characters): check the file")
    most, count = Counter(sample).most_common(1)[0]
    if most == "\ufffd" and count > len(sample) // 4:
        raise UserError("binary data or unknown encoding: save the file as UTF-8 text")
    return text


def read_text_article(data: bytes) -> NewArticle:
    text, note = decode_text(data)
    return NewArticle(text=check_text(text), normalisation=note)


def read_markdown_article(data: bytes) -> NewArticle:
    text, note = decode_text(data)
    title = None
    match = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    if match:
        title = match.group(1)
    return NewArticle(text=check_text(text), title=title, normalisation=note)
