"""Figures read as intervals, units converted, as-of dates with their precision."""

from __future__ import annotations

from datetime import date

import pytest

from kursk_annotator.core.attributes import validate_attributes
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.asof import as_of_from_text, parse_as_of
from kursk_annotator.core.evidence.quantities import Interval, interval_of, parse_quantity
from kursk_annotator.core.evidence.units import check_unit_fits, convert


@pytest.mark.parametrize(
    ("quote", "low", "high", "unit"),
    [
        ("12,000 North Korean troops", 12000, 12000, "troops"),
        ("about 40 thousand people", 36000, 44000, "people"),
        ("around 1,300 sq km", 1170, 1430, "km²"),
        ("over 1 000 km²", 1000, None, "km²"),
        ("more than 16 thousand were killed", 16000, None, None),
        ("up to 24 hours", 0, 24, "h"),
        ("hundreds of square kilometers", 200, 999, "km²"),
        ("thousands of North Korean soldiers", 2000, 9999, "troops"),
        ("dozens of drones", 24, 99, "drones"),
        ("11,000 to 12,000 troops", 11000, 12000, "troops"),
        ("10–12 thousand soldiers", 10000, 12000, "troops"),
        ("около 40 тысяч человек", 36000, 44000, "people"),
        # One figure given in two units: where both readings meet, in km².
        ("almost 500 sq miles (around 1,300 sq km)", 1170, 1294.99, "km²"),
    ],
)
def test_quotes_read_as_intervals(quote: str, low: float, high: float | None, unit: str) -> None:
    attrs = parse_quantity(quote)
    interval = interval_of(attrs)
    assert interval is not None
    assert interval.low == pytest.approx(low)
    assert (interval.high is None) == (high is None)
    if high is not None:
        assert interval.high == pytest.approx(high)
    assert attrs.get("unit") == unit


def test_hundreds_is_not_one_hundred() -> None:
    attrs = parse_quantity("hundreds of square kilometers")
    assert "value" not in attrs and (attrs["low"], attrs["high"]) == (200, 999)


def test_band_is_a_setting() -> None:
    attrs = parse_quantity("about 1,000 km²")
    assert interval_of(attrs, band=0.2) == Interval(800, 1200)


def test_units_convert_within_a_dimension_only() -> None:
    assert convert(500, "sq mi", "km²") == pytest.approx(1294.99, abs=0.01)
    assert convert(10, "mi", "km") == pytest.approx(16.09, abs=0.01)
    with pytest.raises(UserError, match=r"measures length.*area"):
        check_unit_fits("km", "area", "territory held")


def test_as_of_precision_and_windows() -> None:
    assert parse_as_of("2024-08").start == date(2024, 8, 1)
    assert parse_as_of("2024-08").end == date(2024, 8, 31)
    assert parse_as_of("2025").label == "2025"
    window = parse_as_of("2024-08-12/2024-08-31")
    assert window.overlaps(parse_as_of("2024-08"))
    assert not window.overlaps(parse_as_of("2025-01"))


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("As of February 5, the enemy in the Kursk region lost", date(2025, 2, 6), "2025-02-05"),
        ("captured 11 settlements by 7 August", date(2025, 1, 5), "2024-08-07"),
        ("launched the attack on Sunday morning", date(2025, 1, 6), "2025-01-05"),
        ("In October, it became known", date(2025, 2, 6), "2024-10"),
        ("nothing about time here", date(2025, 2, 6), None),
    ],
)
def test_as_of_phrases_against_the_article_date(
    text: str, published: date, expected: str | None
) -> None:
    assert as_of_from_text(text, published) == expected


@pytest.mark.parametrize(
    ("attrs", "message"),
    [
        ({"as_of": "2025-02-30"}, "not a real date"),
        ({"as_of": "2025-03/2025-01"}, "ends before it starts"),
        ({"low": 500, "high": 400}, "low .500. is above its high .400."),
        ({"credibility": 7}, "credibility must be one of"),
    ],
)
def test_bad_evidence_attributes_are_refused(attrs: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        validate_attributes("figure", attrs)


def test_credibility_grades_map_onto_words() -> None:
    assert validate_attributes("claim", {"credibility": 2})["credibility"] == "probable"
    assert validate_attributes("figure", {"credibility": "6"})["credibility"] == "unknown"
