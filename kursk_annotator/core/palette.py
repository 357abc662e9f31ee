"""Colour helpers shared by the app and the Word export.

The kinds' own colours are declared with the kinds (``core.kinds``: Paul Tol's "light"
scheme, distinct for readers with the common kinds of colour blindness, light enough for
black text and for print). The GUI and the briefing use the same values so a reader who
knows one knows the other. Qt-free: plain ``#RRGGBB`` strings.
"""

from __future__ import annotations

from kursk_annotator.core import kinds
from kursk_annotator.core.kinds import NEUTRAL_COLOUR

__all__ = ["NEUTRAL_COLOUR", "TEXT_ON_COLOUR", "hex_digits", "kind_colour", "rgb"]

TEXT_ON_COLOUR = "#000000"


def kind_colour(kind: str) -> str:
    """``#RRGGBB`` of ``kind``; pale grey for a kind this version does not know."""
    return kinds.colour(kind)


def hex_digits(colour: str) -> str:
    """``"#77AADD"`` -> ``"77AADD"``, the form Word's XML attributes take."""
    return colour.lstrip("#").upper()


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#77AADD"`` -> ``(119, 170, 221)``."""
    digits = hex_digits(colour)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
