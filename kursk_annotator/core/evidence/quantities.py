"""Quantities as intervals: what a figure's words allow its value to be.

"12,000" is [12000, 12000]; "about 1,300" a band around it (±10 % by default);
"over 1,000" is [1000, ∞); "up to 24" is [0, 24]; "almost 500" just below 500;
"hundreds" is [200, 999]; "11,000 to 12,000" a range. Comparing intervals, never bare
numbers, is what keeps "over 1,000 km²" from disagreeing with "about 1,300 km²".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from kursk_annotator.core.evidence.units import convert, dimension_of

DEFAULT_BAND = 0.10  # "about 1,300" is 1,170-1,430 unless the analyst sets another band

# Vague quantity words and the intervals an analyst reads them as.
VAGUE_WORDS: dict[str, tuple[float, float]] = {
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2_000_000, 9_999_999),
}


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval; ``high`` None means unbounded above."""

    low: float
    high: float | None

    def overlaps(self, other: Interval) -> bool:
        high_a = math.inf if self.high is None else self.high
        high_b = math.inf if other.high is None else other.high
        return self.low <= high_b and other.low <= high_a

    def intersect(self, other: Interval) -> Interval | None:
        if not self.overlaps(other):
            return None
        highs = [h for h in (self.high, other.high) if h is not None]
        return Interval(max(self.low, other.low), min(highs) if highs else None)

    def converted(self, unit: str | None, target: str | None) -> Interval:
        high = None if self.high is None else convert(self.high, unit, target)
        return Interval(convert(self.low, unit, target), high)


def interval_of(attrs: dict[str, Any], band: float = DEFAULT_BAND) -> Interval | None:
    """The interval a figure's attributes stand for, or None when it has no number.

    Explicit ``low``/``high`` (read from vague words, or set by the analyst) win;
    otherwise value, value_max and qualifier give it.
    """
    low, high = attrs.get("low"), attrs.get("high")
    if low is not None or high is not None:
        return Interval(float(low or 0), None if high is None else float(high))
    value = attrs.get("value")
    if value is None:
        return None
    value = float(value)
    top = attrs.get("value_max")
    if top is not None:
        return Interval(value, float(top))
    qualifier = attrs.get("qualifier") or "exact"
    if qualifier == "approximately":
        return Interval(value * (1 - band), value * (1 + band))
    if qualifier in ("over", "at least"):
        return Interval(value, None)
    if qualifier in ("up to", "under"):
        return Interval(0.0, value)
    if qualifier == "almost":
        return Interval(value * (1 - band), value)
    return Interval(value, value)


# --- reading a quantity from a quote -----------------------------------------------

_QUALIFIERS = {
    "approximately": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "some": "approximately", "an estimated": "approximately",
    "estimated": "approximately", "~": "approximately", "circa": "approximately",
    "almost": "almost", "nearly": "almost", "just under": "almost",
    "at least": "at least", "no fewer than": "at least", "up to": "up to",
    "as many as": "up to", "over": "over", "more than": "over", "above": "over",
    "in excess of": "over", "under": "under", "less than": "under", "fewer than": "under",
    "below": "under", "within": "up to", "около": "approximately", "почти": "almost",
    "более": "over", "свыше": "over", "до": "up to",
}  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(w) for w in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")(?![\w])"
)
_MULTIPLIERS = {
    "thousand": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тыс.": 1e3, "тыс": 1e3,
    "million": 1e6, "mln": 1e6, "billion": 1e9,
}  # fmt: skip
_ATTACHED = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000,
}  # fmt: skip
_UNITS = {
    "sq km": "km²", "square kilometers": "km²", "square kilometres": "km²", "km²": "km²",
    "km2": "km²", "sq. km": "km²", "кв. км": "km²", "sq miles": "sq mi", "sq mi": "sq mi",
    "square miles": "sq mi", "hectares": "ha", "kilometers": "km", "kilometres": "km",
    "km": "km", "miles": "mi", "metres": "m", "meters": "m", "m": "m", "hours": "h",
    "days": "days", "weeks": "weeks", "months": "months", "years": "years", "%": "%",
    "percent": "%", "per cent": "%", "people": "people", "persons": "people",
    "troops": "troops", "soldiers": "troops", "servicemen": "troops", "fighters": "troops",
    "infantry": "troops", "occupiers": "people", "officers": "officers", "generals": "generals",
    "tanks": "tanks", "vehicles": "vehicles", "settlements": "settlements",
    "villages": "villages", "prisoners": "prisoners", "drones": "drones", "uavs": "drones",
    "systems": "systems", "helicopters": "helicopters", "plane": "aircraft",
    "planes": "aircraft", "aircraft": "aircraft", "units": "units", "clashes": "clashes",
    "conflicts": "clashes", "brigades": "brigades", "battalions": "battalions",
    "человек": "people", "солдат": "troops",
}  # fmt: skip
_UNIT_NAMES = sorted(_UNITS, key=len, reverse=True)
_UNIT_LOOKAHEAD_WORDS = 3
_NUM = r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = "|".join(re.escape(m) for m in sorted(_MULTIPLIERS, key=len, reverse=True))
_RANGE = re.compile(
    rf"(?<![\w.])(?:between\s+)?({_NUM})\s*(?:({_MULT})\s*)?(?:-|–|—|to|and)\s*({_NUM})"
    rf"(?:\s*({_MULT})\b|(k|mn|bn|m)(?![\w²]))?",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?<![\w.])({_NUM})(?:(k|mn|bn|m)(?![\w²])|\s*({_MULT})(?![\w]))?")


def _number(text: str) -> float:
    return float(re.sub(r"[ ,\u00a0\u202f]", "", text))


def _unit_at(text: str) -> str | None:
    for name in _UNIT_NAMES:
        if re.match(rf"{re.escape(name)}(?![\w²])", text):
            return _UNITS[name]
    return None


def _find_unit(rest: str) -> str | None:
    position = 0
    rest = rest.lstrip(" )")
    for _ in range(_UNIT_LOOKAHEAD_WORDS + 1):
        unit = _unit_at(rest[position:])
        if unit:
            return unit
        word = re.match(r"[^\s()]+\s*", rest[position:])
        if not word or word.group().startswith(("(",)):
            return None
        position += word.end()
    return None


def _clean(value: float) -> int | float:
    value = round(value, 2)
    return int(value) if float(value).is_integer() else value


@dataclass(slots=True)
class _Reading:
    start: int
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str | None
    interval: Interval | None


def _readings(lower: str) -> list[_Reading]:
    found: list[_Reading] = []
    taken: list[tuple[int, int]] = []

    def qualifier_before(start: int) -> str | None:
        window = lower[max(0, start - 24) : start]
        hits = list(_QUALIFIER_RE.finditer(window))
        return _QUALIFIERS[hits[-1].group(1)] if hits else None

    for m in _RANGE.finditer(lower):
        mult_low = m.group(2) or m.group(4) or ""
        mult_high = m.group(4) or m.group(5) or ""
        factor_high = _MULTIPLIERS.get(mult_high, _ATTACHED.get(mult_high, 1.0))
        factor_low = _MULTIPLIERS.get(mult_low, factor_high)
        low, high = _number(m.group(1)) * factor_low, _number(m.group(3)) * factor_high
        if high < low:
            continue
        unit = _find_unit(lower[m.end() :])
        found.append(_Reading(m.start(), low, high, unit, None, Interval(low, high)))
        taken.append(m.span())
    for m in _SINGLE.finditer(lower):
        if any(a <= m.start() < b for a, b in taken):
            continue
        suffix = m.group(2) or m.group(3)
        value = _number(m.group(1)) * _MULTIPLIERS.get(suffix or "", _ATTACHED.get(suffix or "", 1))
        rest = lower[m.end() :]
        found.append(
            _Reading(m.start(), value, None, _find_unit(rest), qualifier_before(m.start()), None)
        )
    if not found:
        for word, (low, high) in sorted(VAGUE_WORDS.items(), key=lambda w: -len(w[0])):
            hit = re.search(rf"\b{word}\b", lower)
            if hit:
                unit = _find_unit(re.sub(r"^\s*of\s+", "", lower[hit.end() :]))
                found.append(_Reading(hit.start(), None, None, unit, None, Interval(low, high)))
                break
    if not found:
        for word, number in sorted(_WORD_NUMBERS.items(), key=lambda w: -len(w[0])):
            hit = re.search(rf"\b{word}\b", lower)
            if hit:
                unit = _find_unit(lower[hit.end() :])
                found.append(
                    _Reading(hit.start(), number, None, unit, qualifier_before(hit.start()), None)
                )
                break
    return sorted(found, key=lambda r: r.start)


def parse_quantity(quote: str, band: float = DEFAULT_BAND) -> dict[str, Any]:
    """Figure attributes read from a quote: value, value_max, unit, qualifier, low/high.

    ``low``/``high`` are given when the words say more than value and qualifier can
    ("hundreds", "almost 500 sq miles (around 1,300 sq km)"); keys are absent when unknown.
    A figure given in two units of one dimension is one figure: its interval is where
    both readings meet, in the unit given last (usually the metric one in brackets).
    """
    quote = quote.strip().lower()
    readings = _readings(quote)
    if not readings:
        return {}
    first = readings[0]
    chosen = first
    combined: Interval | None = None
    if len(readings) > 1:
        second = readings[1]
        dim = dimension_of(first.unit)
        between = quote[first.start : second.start]
        restated = "(" in between or " or " in between or "/" in between
        if restated and dim and dim == dimension_of(second.unit) and first.unit != second.unit:
            chosen = second
            a = _interval(first, band).converted(first.unit, second.unit)
            b = _interval(second, band)
            combined = a.intersect(b) or b
    out: dict[str, Any] = {}
    if chosen.value is not None:
        out["value"] = _clean(chosen.value)
    if chosen.value_max is not None:
        out["value_max"] = _clean(chosen.value_max)
    if chosen.unit:
        out["unit"] = chosen.unit
    if chosen.qualifier:
        out["qualifier"] = chosen.qualifier
    explicit = combined or (chosen.interval if chosen.value is None else None)
    if explicit is not None:
        out["low"] = _clean(explicit.low)
        if explicit.high is not None:
            out["high"] = _clean(explicit.high)
    return out


def _interval(reading: _Reading, band: float) -> Interval:
    if reading.interval is not None:
        return reading.interval
    attrs: dict[str, Any] = {"value": reading.value, "qualifier": reading.qualifier}
    return interval_of(attrs, band) or Interval(0, None)
