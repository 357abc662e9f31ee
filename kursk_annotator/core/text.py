"""Article text: normalisation, content hashes, and code-point <-> UTF-16 offsets.

The store keeps every article's text NFC-normalised with ``\\n`` line endings, and
every offset is a Python code-point offset into that text. Qt counts UTF-16 code units
instead, so characters outside the Basic Multilingual Plane (emoji, some CJK, maths
letters) take two Qt positions but one Python position. :class:`Utf16Map` is the one
place where the two are converted; the UI must not do its own arithmetic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import count, repeat
from operator import add, methodcaller
from typing import Any

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
NORMALISATION_NOTE = "Unicode NFC; CRLF and CR line endings to LF; byte-order mark removed"
_START = methodcaller("start")
# From this length on, astral characters are found with the ``regex`` package: four
# times faster than ``re`` over a text holding any (11 against 45 ms for 10 MB), but
# 20 ms to import, which short texts and the first window need not pay.
LONG_TEXT = 200_000


def _astral_pattern(length: int) -> Any:
    if length < LONG_TEXT:
        return _ASTRAL
    import regex

    return regex.compile("[\U00010000-\U0010ffff]")


def normalise_text(text: str) -> str:
    """Return ``text`` as stored: NFC, ``\\n`` line endings, no byte-order mark."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:  # no store keeps NUL (PostgreSQL refuses it): shown as U+FFFD
        text = text.replace("\x00", "\ufffd")
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text; equal texts are duplicates."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def bytes_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Utf16Map:
    """Converts between Python code-point offsets and UTF-16 offsets of one text.

    Built once per text in O(n); each conversion is O(log k) for k astral characters,
    and O(1) when the text has none (the common case).
    """

    __slots__ = ("_astral", "_astral_u16", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        # Code-point positions of astral characters, and their UTF-16 positions.
        # A regex scan runs in C: ~3 ms for 1 MB, where a Python loop over it takes ~50.
        pattern = _astral_pattern(len(text)) if not text.isascii() else None
        self._astral = list(map(_START, pattern.finditer(text))) if pattern else []
        self._astral_u16 = list(map(add, self._astral, count()))
        self.length = len(text)
        self.length_utf16 = len(text) + len(self._astral)

    @property
    def astral_positions(self) -> list[int]:
        """Code-point positions of the characters that take two UTF-16 units."""
        return self._astral

    def to_utf16_sorted(self, offsets: list[int]) -> list[int]:
        """:meth:`to_utf16` of every offset of an ascending list, in one pass.

        Between two astral characters every offset moves by the same amount, so each
        stretch is one list comprehension instead of a call and a bisection per offset
        (line starts and annotation starts of a 10 MB article: 100,000s of them).
        """
        astral = self._astral
        if not astral:
            return list(offsets)
        out: list[int] = []
        lo = 0
        for shift, position in enumerate(astral):
            # Offsets up to and including this astral character have ``shift`` before them.
            hi = bisect_right(offsets, position, lo)
            out.extend([o + shift for o in offsets[lo:hi]] if shift else offsets[lo:hi])
            lo = hi
        shift = len(astral)
        out.extend([o + shift for o in offsets[lo:]])
        return out

    def to_utf16_all(self, offsets: list[int]) -> list[int]:
        """:meth:`to_utf16` of every offset of a list in any order.

        One bisection per offset, but mapped in C: no Python-level call per offset
        (the ends of an article's spans: about 2 ms for 100,000 where a loop takes 30).
        """
        astral = self._astral
        if not astral:
            return list(offsets)
        return list(map(add, offsets, map(bisect_left, repeat(astral), offsets)))

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset`` (0..len(text))."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position``.

        A position in the middle of a surrogate pair (which Qt can report while a
        cursor moves) rounds down to the start of that character.
        """
        if not self._astral:
            return position
        # Number of astral characters that end at or before ``position``.
        starts = self._astral_u16
        n = bisect_right(starts, position - 2)
        if n < len(starts) and starts[n] == position - 1:
            return position - n - 1  # inside a surrogate pair
        return position - n
