"""Figure suggestions: quantities with their qualifier, unit, range and counted noun.


Not figures: dates and years, times, ages, page clutter ("Comments (214)", "6 min
read"), numbered unit names ("80th Air Assault Brigade", "155-я бригада"), model
designators ("Su-34"), list numbering, numbers inside links.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from kursk_annotator.core.suggest.figure_words import (
    _AGE_AFTER,
    _AGE_BEFORE,
    _CLUTTER_AFTER,
    _CLUTTER_BEFORE,
    _CONTAINERS,
    _CURRENCY_BEFORE,
    _CYRILLIC_STOP,
    _DESIGNATOR_BEFORE,
    _EMAIL_SIDE,
    _EMAIL_SIDE_BEFORE,
    _HEAD_NOUNS,
    _LIST_NUMBER,
    _MILITARY_UNITS,
    _MONTHS_OR_TIME,
    _OF,
    _ORDINAL_AFTER,
    _QUALIFIER_BEFORE,
    _RANGE_JOIN,
    _RX1,
    _RX2,
    _RX3,
    _RX4,
    _RX5,
    _RX6,
    _RX7,
    _RX8,
    _RX9,
    _RX10,
    _STOP_WORDS,
    _UNIT_AFTER,
    _URL,
    _WORD,
    CONVERSION_AFTER,
    DURATION,
    FRACTION_AFTER,
    QUALIFIERS_BEFORE,
    UNITS,
)
from kursk_annotator.core.suggest.numbers import (
    ATTACHED,
    MULTIPLIER_AFTER,
    MULTIPLIERS,
    NUMBER,
    SMALL,
    VAGUE,
    as_number,
    digits_value,
    lower_case,
    words_value,
)

_SOURCES = regex.compile(
    r"(?:sources|officials|people|diplomats|источник\p{L}*|джерел\p{L}*)$", regex.I
)
_SOURCES_TOLD = regex.compile(
    r"\s+(?:familiar with [\p{L} ]{0,30}?\s+)?(?:told|said|say|says|confirmed|сообщил\p{L}*|"
    r"повідомил\p{L}*|рассказал\p{L}*|розповіл\p{L}*)(?![\p{L}])",
    regex.I,
)


def _links(text: str) -> list[tuple[int, int]]:
    """Spans of web addresses and e-mail addresses: their digits are no figures."""
    spans = (
        [(m.start(), m.end()) for m in _URL.finditer(text)]
        if "://" in text or "www." in text
        else []
    )
    at = text.find("@")
    while at != -1:
        left = _EMAIL_SIDE_BEFORE.search(text, max(0, at - 64), at)
        right = _EMAIL_SIDE.match(text, at + 1, at + 66)
        if left and right:
            spans.append((left.start(), right.end()))
        at = text.find("@", at + 1)
    return spans


@dataclass(frozen=True, slots=True)
class FoundFigure:
    start: int
    end: int
    confidence: float
    attributes: dict[str, Any]


def _looks_plural_or_head(word: str) -> bool:
    lower = word.lower()
    if lower in _HEAD_NOUNS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _measure_after(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The counted noun phrase right after ``pos`` and where it ends."""
    words: list[tuple[str, int, int]] = []
    cursor = pos
    of = _OF.match(text, cursor, limit)
    if of and of.end() < limit:  # "hundreds of defenders", "units of MLRS"
        cursor = of.end()
    while len(words) < 5:
        match = _WORD.match(text, cursor, limit)
        if match is None or match.end() > limit:
            break
        word = match.group("w")
        lower = word.lower()
        if lower in _STOP_WORDS or lower in _CYRILLIC_STOP:
            if lower == "of" and words and words[-1][0].lower() in _CONTAINERS:
                cursor = match.end()
                continue
            break
        words.append((word, match.start("w"), match.end("w")))
        cursor = match.end()
        if word[0].isalpha() and "\u0400" <= word[0] <= "\u04ff":
            if len(words) >= 2:
                break
            continue
    if not words:
        return None, pos
    if "\u0400" <= words[0][0][0] <= "\u04ff":
        if words[0][0].lower().endswith("ли") and len(words[0][0]) >= 5:
            return None, pos  # a verb in the past plural: "сім отримали поранення"
        end = words[-1][2]
        return text[words[0][1] : end], end
    best = None
    for index, (word, _start, _end) in enumerate(words):
        if _looks_plural_or_head(word):
            best = index
            # "units of automotive equipment": keep going while of-phrases continue
    if best is None:
        # A list item or clause end: "1 plane;", "3 tanks." with a singular noun.
        first_end = words[0][2]
        if len(words) >= 1 and _RX1.match(text[first_end : first_end + 2]):
            return words[0][0], first_end
        return None, pos
    end = words[best][2]
    return text[words[0][1] : end], end


def _excluded(text: str, start: int, end: int, sentence_start: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if _DESIGNATOR_BEFORE.search(before):
        return True
    if _ORDINAL_AFTER.match(after) or _MONTHS_OR_TIME.match(after):
        return True
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return True
    if _RX2.search(before) and not _RX3.search(before[-3:-1]):
        return True  # "14:50", the minutes of a time
    if _RX4.search(before) and _RX5.match(after):
        return True  # "Boy, 7, found alive": an age
    if _CLUTTER_AFTER.match(after) or _CLUTTER_BEFORE.search(before):
        return True
    # "1. ", "2) " at the start of a line
    return bool(_LIST_NUMBER.search(before) and _RX6.match(after))


def find_figures(
    text: str,
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> list[FoundFigure]:
    """Figures in ``text``; numbers inside ``excluded_spans`` (dates) are skipped."""
    blocked = sorted([*excluded_spans, *_links(text)])
    lowered = lower_case(text)
    found: list[FoundFigure] = []
    resume = 0
    block_index = 0
    for match in NUMBER.finditer(lowered):
        start, end = match.span()
        if start < resume:
            continue
        while block_index < len(blocked) and blocked[block_index][1] <= start:
            block_index += 1
        if block_index < len(blocked) and blocked[block_index][0] < end:
            continue
        figure = _figure_at(text, lowered, match)
        if figure is not None:
            conversion = CONVERSION_AFTER.match(text, figure.end, figure.end + 60)
            if conversion:  # "8 km (5 miles)": one figure, stated twice
                figure = FoundFigure(
                    figure.start, conversion.end(), figure.confidence, figure.attributes
                )
            found.append(figure)
            resume = figure.end
    starts = [f.start for f in found]
    for match in _MILITARY_UNITS.finditer(text):
        near = bisect.bisect_left(starts, match.end())
        if near and found[near - 1].end > match.start():
            continue
        qualifier = QUALIFIERS_BEFORE.get(match.group("q").lower())
        found.append(
            FoundFigure(
                match.start(),
                match.end(),
                0.6,
                {"qualifier": qualifier, "measure": match.group("m").lower(), "value": 1},
            )
        )
    found.sort(key=lambda f: f.start)
    return found


def _base_value(text: str, match: regex.Match) -> tuple[float, float | None, bool] | None:
    """(value, value_max, is_vague) of a NUMBER match, before multipliers and ranges."""
    if match.group("vague"):
        low, high = VAGUE[match.group("vague").lower()]
        return low, high, True
    if match.group("digits"):
        value = digits_value(match.group("digits"))
        attached = match.group("attached")
        if attached:
            value *= ATTACHED[attached.lower()]
        return value, None, False
    value = words_value(match.group("words"))
    return (value, None, False) if value is not None else None


def _figure_at(text: str, lowered: str, match: regex.Match) -> FoundFigure | None:
    start, end = match.span()
    if (match.group("digits") or match.group("words")) and _excluded(text, start, end, 0):
        return None
    base = _base_value(text, match)
    if base is None:
        return None
    value, value_max, vague = base
    digits = match.group("digits")
    words = match.group("words")
    if words and FRACTION_AFTER.match(text, end, end + 12):
        return None  # "two-thirds of the population": a fraction
    limit = min(len(text), end + 160)
    # Multiplier: "12 thousand", "40 тысяч", "1.2 million".
    multiplier = 1.0
    mult = MULTIPLIER_AFTER.match(text, end, end + 20) if not vague else None
    if mult and not (mult.group("mult").lower() == "thousands" and digits):
        multiplier = MULTIPLIERS[mult.group("mult").lower()]
        end = mult.end()
    # Range: "11,000 to 12,000", "10–12 thousand", "between 10 and 12".
    join = _RANGE_JOIN.match(text, end, end + 12)
    if join and not vague:
        second_at = join.end()
        if text[second_at : second_at + 1] in _CURRENCY_BEFORE:
            second_at += 1  # "between $12 and $15"
        second = NUMBER.match(lowered, second_at, second_at + 80)
        if second and not second.group("vague"):
            second_base = _base_value(text, second)
            second_end = second.end()
            second_mult = MULTIPLIER_AFTER.match(text, second_end, second_end + 20)
            factor2 = multiplier
            if second_mult:
                factor2 = MULTIPLIERS[second_mult.group("mult").lower()]
                second_end = second_mult.end()
                if multiplier == 1.0:
                    multiplier = factor2  # "10–12 thousand": the multiplier serves both
            if second_base is not None and not _excluded(text, second.start(), second.end(), 0):
                high = second_base[0] * factor2
                if high > value * multiplier:
                    value_max = high
                    end = second_end
    low = value * multiplier
    high_value = value_max
    attributes: dict[str, Any] = {"value": as_number(low)}
    if high_value is not None:
        attributes["value_max"] = as_number(high_value)
    # Year-like bare numbers: "in 2024", "since 2014".
    is_year = bool(digits and _RX7.fullmatch(digits) and multiplier == 1.0 and value_max is None)
    # Currency before: "$1.2 billion".
    unit = None
    dimension = None
    symbol = text[start - 1] if start > 0 else ""
    if symbol in _CURRENCY_BEFORE:
        unit, dimension = _CURRENCY_BEFORE[symbol], "money"
        start -= 1
    unit_match = _UNIT_AFTER.match(text, end, end + 30)
    if unit_match is None and vague:  # "hundreds of square kilometers"
        of = _OF.match(text, end, end + 6)
        unit_match = _UNIT_AFTER.match(text, of.end(), of.end() + 30) if of else None
    if unit_match and unit is None:
        name = unit_match.group("unit").lower()
        # "500 m" is metres, but "m" after a multiplier word is not.
        if not (name == "m" and (multiplier != 1.0 or words)):
            unit, dimension, factor = UNITS[name]
            end = unit_match.end()
            if factor != 1:
                attributes["base_value"] = as_number(low * factor)
                attributes["base_unit"] = {"area": "km²", "distance": "km", "mass": "t"}.get(
                    dimension, unit
                )
                if high_value is not None:
                    attributes["base_value_max"] = as_number(high_value * factor)
    if unit:
        attributes["unit"] = unit
    measure, measure_end = _measure_after(text, end, limit)
    if measure and not (unit and dimension != "money" and measure.lower() in ("of",)):
        attributes["measure"] = measure
        end = measure_end
    elif dimension:
        attributes["measure"] = dimension
    if unit is None and measure and DURATION.match(measure.split()[0]):
        return None  # "over the past 24 hours", "in four months": a duration
    if measure and _SOURCES.search(measure) and _SOURCES_TOLD.match(text, end, end + 60):
        return None  # "two industry sources told Reuters": who speaks, not a count
    has_measure = "measure" in attributes or unit is not None
    if is_year and not has_measure:
        return None
    qualified = bool(_QUALIFIER_BEFORE.search(text[max(0, start - 25) : start]))
    partitive = _RX8.match(text[end : end + 40])
    if words and not has_measure and multiplier == 1.0 and not (qualified or partitive):
        word_list = _RX9.split(words.lower())
        if all(w in SMALL or w in ("and",) for w in word_list):
            return None  # "one of them", "two lost combat capability"
    if (
        words
        and words.lower().strip() in ("one", "один", "одна")
        and multiplier == 1.0
        and unit is None
    ):
        return None
    # Qualifier before: "about 40 thousand", "more than 16 thousand", "около 500".
    before = text[max(0, start - 25) : start]
    qualifier_match = _QUALIFIER_BEFORE.search(before)
    if qualifier_match:
        attributes["qualifier"] = QUALIFIERS_BEFORE[qualifier_match.group("q").lower()]
        start -= len(before) - qualifier_match.start()
    elif value_max is not None and not vague:
        between = _RX10.search(before)
        if between:
            start -= len(before) - between.start()
    elif vague:
        attributes["qualifier"] = "approximately"
    confidence = 0.9 if has_measure else 0.55
    if vague:
        confidence = 0.75 if has_measure else 0.5
    if is_year:
        confidence = 0.5
    return FoundFigure(start, end, confidence, attributes)
