"""Read a figure's value, unit, qualifier and interval from its quoted text.

Used to prefill a new figure annotation ("about 40 thousand people" -> 40000 people,
qualifier "approximately"; "hundreds of prisoners" -> 200-999 prisoners); the analyst can
always correct what it guessed. The reading itself lives in ``evidence.quantities``.
"""

from __future__ import annotations

from typing import Any

from kursk_annotator.core.evidence.quantities import parse_quantity


def parse_figure(quote: str) -> dict[str, Any]:
    """Best-effort value/unit/qualifier (and low/high for vague words) for ``quote``."""
    return parse_quantity(quote)
