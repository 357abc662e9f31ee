"""Read a figure's value, unit and qualifier from its quoted text.

Used to prefill a new figure annotation ("about 40 thousand people" -> 40000,
qualifier "approximately"); the analyst can always correct what it guessed.
"""

from __future__ import annotations

import re
from typing import Any

_QUALIFIER_WORDS = {
    "approximately": "approximately",
    "about": "approximately",
    "around": "approximately",
    "roughly": "approximately",
    "some": "approximately",
    "almost": "approximately",
    "nearly": "approximately",
    "~": "approximately",
    "at least": "at least",
    "up to": "up to",
    "over": "over",
    "more than": "over",
    "above": "over",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
}
_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9}
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "hundreds": 100,
    "thousands": 1000,
}
_UNITS = {
    "sq km": "km²",
    "square kilometers": "km²",
    "square kilometres": "km²",
    "km²": "km²",
    "km2": "km²",
    "sq miles": "sq mi",
    "square miles": "sq mi",
    "kilometers": "km",
    "kilometres": "km",
    "km": "km",
    "miles": "mi",
    "hours": "h",
    "%": "%",
    "percent": "%",
}

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+(?:\.\d+)?)")


def parse_figure(quote: str) -> dict[str, Any]:
    """Best-effort value/unit/qualifier for ``quote``; keys absent when unknown."""
    text = quote.strip()
    lower = text.lower()
    out: dict[str, Any] = {}
    for word in sorted(_QUALIFIER_WORDS, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lower) or (word == "~" and "~" in lower):
            out["qualifier"] = _QUALIFIER_WORDS[word]
            break
    match = _NUMBER.search(text)
    rest = lower
    if match:
        value = float(re.sub(r"[ ,\u00a0\u202f]", "", match.group(1)))
        rest = lower[match.end() :].lstrip()
        mult = re.match(r"(thousand|million|billion|k|m)\b", rest)
        if mult:
            value *= _MULTIPLIERS[mult.group(1)]
            rest = rest[mult.end() :].lstrip()
        out["value"] = int(value) if value.is_integer() else value
    else:
        for word, number in _WORD_NUMBERS.items():
            if re.search(rf"\b{word}\b", lower):
                out["value"] = number
                rest = lower.split(word, 1)[1].lstrip()
                break
    for name in sorted(_UNITS, key=len, reverse=True):
        if rest.startswith(name):
            out["unit"] = _UNITS[name]
            break
    return out
