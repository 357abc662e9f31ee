"""What a suggestion is: a proposed annotation the analyst has not accepted yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUGGESTION_KINDS = ("figure", "place", "claim")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A span of the article proposed as an annotation of ``kind``.

    ``start``/``end`` are code point offsets into the article text (end exclusive);
    ``quote`` is exactly ``text[start:end]``. ``attributes`` uses the keys of the
    stable JSON (figures: value, value_max, unit, qualifier, measure, as_of; places:
    canonical_name, latitude, longitude; claims: attributed_to, side, as_of), absent
    when unknown.
    """

    kind: str
    start: int
    end: int
    quote: str
    confidence: float
    attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int, int]:
        """What a rejection remembers: the same kind over the same span."""
        return (self.kind, self.start, self.end)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "confidence": round(self.confidence, 2),
            "attributes": dict(self.attributes),
        }
