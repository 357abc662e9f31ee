import pytest

from kursk_annotator.core.figures import parse_figure


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "about 40 thousand people",
            {"value": 40000, "unit": "people", "qualifier": "approximately"},
        ),
        ("12,000 North Korean troops", {"value": 12000, "unit": "troops"}),
        ("12 thousand North Korean soldiers", {"value": 12000, "unit": "troops"}),
        ("about 500 m", {"value": 500, "unit": "m", "qualifier": "approximately"}),
        ("a bridge 12 m wide", {"value": 12, "unit": "m"}),
        ("$1.5m in aid", {"value": 1500000}),
        ("12k drones", {"value": 12000, "unit": "drones"}),
        ("over 1 000 km²", {"value": 1000, "unit": "km²", "qualifier": "over"}),
        ("around 1,300 sq km", {"value": 1300, "unit": "km²", "qualifier": "approximately"}),
        (
            "approximately 500 square kilometers",
            {"value": 500, "unit": "km²", "qualifier": "approximately"},
        ),
        ("more than 16 thousand were killed", {"value": 16000, "qualifier": "over"}),
        ("twelve armoured combat vehicles", {"value": 12, "unit": "vehicles"}),
        ("hundreds of prisoners of war", {"unit": "prisoners", "low": 200, "high": 999}),
        ("no number here", {}),
    ],
)
def test_parse_figure(quote: str, expected: dict) -> None:
    assert parse_figure(quote) == expected
