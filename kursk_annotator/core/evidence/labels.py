"""Figures in words: "about 1,300 km²", "over 1,000 km²", "200–999 km²"."""

from __future__ import annotations

from typing import Any

from kursk_annotator.core.evidence.quantities import VAGUE_WORDS, Interval

QUALIFIER_WORDS = {
    "approximately": "about",
    "almost": "almost",
    "over": "over",
    "at least": "at least",
    "up to": "up to",
    "under": "under",
}


def number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if abs(value) >= 100:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def interval_words(interval: Interval, unit: str = "") -> str:
    """An interval as a reader says it: "1,170–1,430 km²", "over 1,000 km²"."""
    tail = f" {unit}" if unit else ""
    if interval.high is None:
        return f"at least {number(interval.low)}{tail}"
    if interval.low == interval.high:
        return f"{number(interval.low)}{tail}"
    if interval.low == 0:
        return f"up to {number(interval.high)}{tail}"
    return f"{number(interval.low)}–{number(interval.high)}{tail}"


def figure_words(attrs: dict[str, Any], interval: Interval | None, unit: str = "") -> str:
    """A figure as its source put it: qualifier, value (or range) and unit."""
    unit = unit or str(attrs.get("unit") or "")
    value = attrs.get("value")
    if value is None:
        if interval is None:
            return ""
        for word, (low, high) in VAGUE_WORDS.items():
            if (interval.low, interval.high) == (low, high):  # "thousands", read as 2,000-9,999
                return f"{word} ({interval_words(interval, unit)})"
        return interval_words(interval, unit)
    text = number(value)
    if attrs.get("value_max") is not None:
        text = f"{text}–{number(attrs['value_max'])}"
    qualifier = QUALIFIER_WORDS.get(str(attrs.get("qualifier") or ""), "")
    return " ".join(p for p in (qualifier, text, unit) if p)
