"""The colours of the three annotation kinds, shared by the app and the Word export.

Paul Tol's "light" scheme: its colours stay distinct for readers with the common kinds
of colour blindness, black text stays legible on each of them, and they stay light enough
to print. The GUI and the briefing use these values so a reader who knows one knows the
other. Qt-free: plain ``#RRGGBB`` strings.
"""

from __future__ import annotations

KIND_COLOURS: dict[str, str] = {
    "claim": "#99DDFF",  # light cyan: claims are long spans, so the palest
    "figure": "#EEDD88",  # light yellow
    "place": "#44BB99",  # mint
}
# Tol's pale grey: group rows in tables, and any kind this version does not know.
NEUTRAL_COLOUR = "#DDDDDD"
KIND_LABELS: dict[str, str] = {"claim": "Claim", "figure": "Figure", "place": "Place"}
KIND_PLURALS: dict[str, str] = {"claim": "Claims", "figure": "Figures", "place": "Places"}
TEXT_ON_COLOUR = "#000000"


def kind_colour(kind: str) -> str:
    """``#RRGGBB`` of ``kind``; pale grey for a kind this version does not know."""
    return KIND_COLOURS.get(kind, NEUTRAL_COLOUR)


def hex_digits(colour: str) -> str:
    """``"#77AADD"`` -> ``"77AADD"``, the form Word's XML attributes take."""
    return colour.lstrip("#").upper()


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#77AADD"`` -> ``(119, 170, 221)``."""
    digits = hex_digits(colour)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
