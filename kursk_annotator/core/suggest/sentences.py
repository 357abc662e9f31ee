"""Sentences and quotations of an article, as code point spans.

Linear in the text's length (a 1 MB article without a full stop is one long sentence,
not a slow one): one regex pass for boundaries, one for quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? or … followed by space and a capital, digit or opening quote,
# or at a blank line / line break (headlines, list items).
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’»)]*\s+(?=["'“‘«(]?[\w])|\n+""")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "vs",
        "approx",
        "est",
        "sen",
        "rep",
        "gov",
        "pres",
        "prof",
        "inc",
        "corp",
        "co",
        "ltd",
        "т.е",
        "г",
        "ул",
        "им",
        "тыс",
        "млн",
        "млрд",
    ]
)
_QUOTE = re.compile(r"[\"“«„]([^\"“”«»„\n]{3,2000}?)[\"”»“]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` with surrounding white space trimmed."""
    spans: list[Span] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.group().strip(" \t") == "" or "\n" not in boundary.group():
            before = text[max(start, boundary.start() - 12) : boundary.start()]
            word = re.search(r"([\w.]+)\.[\"'”’»)]*$", before)
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "Kim J. Un", "U. S."
        _add(text, start, boundary.start(), spans)
        start = boundary.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def quotations(text: str) -> list[Span]:
    """Spans of quoted passages, quotation marks included."""
    return [Span(m.start(), m.end()) for m in _QUOTE.finditer(text)]
