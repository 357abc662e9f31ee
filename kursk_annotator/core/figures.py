"""Read a figure's value, unit and qualifier from its quoted text.

Used to prefill a new figure annotation ("about 40 thousand people" -> 40000 people,
qualifier "approximately"); the analyst can always correct what it guessed.
"""

from __future__ import annotations

import re
from typing import Any

_QUALIFIER_WORDS = {
    "approximately": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "some": "approximately", "almost": "approximately",
    "nearly": "approximately", "an estimated": "approximately", "~": "approximately",
    "at least": "at least", "up to": "up to", "as many as": "up to", "over": "over",
    "more than": "over", "above": "over", "in excess of": "over", "under": "under",
    "less than": "under", "fewer than": "under", "below": "under",
}  # fmt: skip
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# Short forms count only when attached to the number ("12k", "1.5m", "2bn"): "500 m" is
# five hundred metres, not half a billion.
_ATTACHED_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "hundreds": 100,
    "thousands": 1000,
}  # fmt: skip
_UNITS = {
    "sq km": "km²", "square kilometers": "km²", "square kilometres": "km²", "km²": "km²",
    "km2": "km²", "sq miles": "sq mi", "square miles": "sq mi", "kilometers": "km",
    "kilometres": "km", "km": "km", "miles": "mi", "metres": "m", "meters": "m", "m": "m",
    "hours": "h", "days": "days", "%": "%", "percent": "%",
    # Counted things: the unit a number of them is read in.
    "people": "people", "persons": "people", "troops": "troops", "soldiers": "troops",
    "servicemen": "troops", "fighters": "troops", "officers": "officers", "tanks": "tanks",
    "vehicles": "vehicles", "settlements": "settlements", "villages": "villages",
    "prisoners": "prisoners", "drones": "drones", "uavs": "drones",
}  # fmt: skip
_UNIT_NAMES = sorted(_UNITS, key=len, reverse=True)
# How many words after the number may describe the counted thing before its noun
# ("12 thousand North Korean soldiers": two words, then the unit).
_UNIT_LOOKAHEAD_WORDS = 3

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+(?:\.\d+)?)")


def _unit_at(text: str) -> str | None:
    for name in _UNIT_NAMES:
        if re.match(rf"{re.escape(name)}(?![\w²])", text):
            return _UNITS[name]
    return None


def _find_unit(rest: str) -> str | None:
    """The unit right after the number, or after a few describing words."""
    position = 0
    for _ in range(_UNIT_LOOKAHEAD_WORDS + 1):
        unit = _unit_at(rest[position:])
        if unit:
            return unit
        word = re.match(r"[^\s]+\s*", rest[position:])
        if not word:
            return None
        position += word.end()
    return None


def parse_figure(quote: str) -> dict[str, Any]:
    """Best-effort value/unit/qualifier for ``quote``; keys absent when unknown."""
    text = quote.strip()
    lower = text.lower()
    out: dict[str, Any] = {}
    for word in sorted(_QUALIFIER_WORDS, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lower):
            out["qualifier"] = _QUALIFIER_WORDS[word]
            break
    match = _NUMBER.search(text)
    rest = lower
    if match:
        value = float(re.sub(r"[ ,\u00a0\u202f]", "", match.group(1)))
        rest = lower[match.end() :]
        attached = re.match(r"(k|mn|m|bn)(?![\w²])", rest)
        spelled = re.match(r"\s*(thousand|million|billion)\b", rest)
        if attached:
            value *= _ATTACHED_MULTIPLIERS[attached.group(1)]
            rest = rest[attached.end() :]
        elif spelled:
            value *= _MULTIPLIERS[spelled.group(1)]
            rest = rest[spelled.end() :]
        out["value"] = int(value) if value.is_integer() else value
    else:
        for word, number in _WORD_NUMBERS.items():
            found = re.search(rf"\b{word}\b", lower)
            if found:
                out["value"] = number
                rest = lower[found.end() :]
                break
    unit = _find_unit(rest.lstrip()) if "value" in out else None
    if unit:
        out["unit"] = unit
    return out
