"""Where an annotation sits in its article's text.

Every annotation stores its span as code-point offsets *and* the quoted text with up
to 32 characters of context either side (a W3C TextQuoteSelector). The offsets are fast;
the quote and context let an annotation be found again when a text changed slightly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kursk_annotator.core.errors import UserError

CONTEXT_CHARS = 32
# Characters trimmed from the ends of a selection before it is tagged.
_TRIM = set(" \t\n\u00a0\u2002\u2003\u2009\u202f.,;:!?\"'“”‘’«»()[]{}—–-…")


@dataclass(frozen=True, slots=True)
class Selector:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def check_span(text: str, start: int, end: int) -> None:
    if start >= end:
        raise UserError(
            f"span {start}-{end} is empty or reversed: the end must come after the start"
        )
    if not (0 <= start < end <= len(text)):
        raise UserError(
            f"span {start}-{end} is outside the article (its text has {len(text)} characters): "
            "give 0 <= start < end <= length"
        )


def selector_for(text: str, start: int, end: int) -> Selector:
    """The selector of ``text[start:end]``, with its context."""
    check_span(text, start, end)
    return Selector(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) exact match of ``quote`` in ``text``."""
    if not quote:
        raise UserError("the quote is empty: give the exact text to annotate")
    if occurrence < 1:
        raise UserError("the occurrence counts from 1: 1 is the first match of the quote")
    quote = unicodedata.normalize("NFC", quote.replace("\r\n", "\n"))
    position = -1
    found = 0
    while found < occurrence:
        position = text.find(quote, position + 1)
        if position < 0:
            if found == 0:
                raise UserError(
                    f"quote {_short(quote)!r} is not in the article: copy it exactly "
                    "(same spelling, punctuation and case) or give its start and end offsets",
                    cli_hint="--start/--end",
                )
            raise UserError(
                f"quote {_short(quote)!r} occurs {found} time(s) in the article, "
                f"not {occurrence}: choose a smaller occurrence",
                cli_hint="--occurrence",
            )
        found += 1
    return position, position + len(quote)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc", "Pc")


def snap_span(text: str, start: int, end: int, whole_words: bool = True) -> tuple[int, int]:
    """Tidy a user's selection: extend to whole words, trim spaces and punctuation.

    Returns ``(start, start)`` when nothing taggable remains.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if whole_words:
        while (
            start > 0
            and start < len(text)
            and _is_word_char(text[start - 1])
            and _is_word_char(text[start])
        ):
            start -= 1
        while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
            end += 1
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _short(quote: str, limit: int = 60) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"
