"""Run every suggester over an article and attach the as-of date of figures and claims."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from datetime import date

from kursk_annotator.core.gazetteer import Gazetteer, load_gazetteer
from kursk_annotator.core.suggest.claims import Actor, find_claims
from kursk_annotator.core.suggest.dates import DateMention, article_date_in_text, find_dates
from kursk_annotator.core.suggest.figures import find_figures
from kursk_annotator.core.suggest.model import SUGGESTION_KINDS, Suggestion
from kursk_annotator.core.suggest.places import find_places
from kursk_annotator.core.suggest.sentences import Span, quotations, sentences

# How far back an "As of February 5," heading still dates the figures after it (a list
# of losses under one heading), in characters.
_AS_OF_REACH = 600
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = (".", "!", "?", '"', "”", "»", "'")


def suggest(
    text: str,
    *,
    article_date: date | None = None,
    kinds: Iterable[str] | None = None,
    actors: Sequence[Actor] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Suggestion]:
    """Suggestions for ``text`` in text order.

    ``article_date`` resolves relative dates ("on Sunday"); when None a dateline at the
    start of the text is used if there is one. ``kinds`` limits what is suggested
    (default: figure, place, claim). ``actors`` are the known speakers for claims.
    """
    wanted = set(SUGGESTION_KINDS if kinds is None else kinds)
    if not text or not wanted:
        return []
    article_date = article_date or article_date_in_text(text)
    dates = find_dates(text, article_date)
    spans = sentences(text)
    dated = _Dates(text, spans, dates)
    out: list[Suggestion] = []
    if "figure" in wanted:
        for figure in find_figures(text, [(d.start, d.end) for d in dates]):
            attributes = dict(figure.attributes)
            as_of = dated.for_span(figure.start, figure.end)
            if as_of:
                attributes["as_of"] = as_of
            out.append(
                _make(text, "figure", figure.start, figure.end, figure.confidence, attributes)
            )
    if "place" in wanted:
        for place in find_places(text, gazetteer or load_gazetteer()):
            out.append(
                _make(text, "place", place.start, place.end, place.confidence, place.attributes)
            )
    claims = []
    if "claim" in wanted or "figure" in wanted:
        claims = find_claims(text, spans, quotations(text), actors)
    if "figure" in wanted and claims:
        _add_claimants(out, claims)
    if "claim" in wanted:
        for claim in claims:
            attributes = dict(claim.attributes)
            as_of = dated.for_span(claim.start, claim.end)
            if as_of:
                attributes["as_of"] = as_of
            out.append(_make(text, "claim", claim.start, claim.end, claim.confidence, attributes))
    zones = _clutter_zones(text)
    if zones:
        zone_starts = [lo for lo, _hi in zones]

        def in_zone(position: int) -> bool:
            index = bisect.bisect_right(zone_starts, position) - 1
            return index >= 0 and position < zones[index][1]

        out = [s for s in out if not in_zone(s.start)]
    out.sort(key=lambda s: (s.start, s.end, s.kind))
    return out


def _add_claimants(out: list[Suggestion], claims) -> None:
    """A figure inside an attributed statement is that speaker's claim."""
    starts = [c.start for c in claims]
    for index, figure in enumerate(out):
        if figure.kind != "figure":
            continue
        at = bisect.bisect_right(starts, figure.start) - 1
        if at >= 0 and claims[at].end >= figure.end:
            attributes = {**figure.attributes, "claimant": claims[at].attributes["attributed_to"]}
            out[index] = Suggestion(
                figure.kind, figure.start, figure.end, figure.quote, figure.confidence, attributes
            )


# Link lists pasted with the article ("Read more:", "Related:"): other stories' headlines.
_CLUTTER_HEADING = re.compile(
    r"^[ \t]*(?:read more|related(?: articles| stories)?|see also|more on this|most read|"
    r"recommended|you may also like|more from|читайте также|читайте також|по теме)"
    r"[^\n]{0,20}:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _clutter_zones(text: str) -> list[tuple[int, int]]:
    zones = []
    for heading in _CLUTTER_HEADING.finditer(text):
        blank = _BLANK_LINE.search(text, heading.end())
        zones.append((heading.start(), blank.start() if blank else len(text)))
    return zones


def _make(text: str, kind: str, start: int, end: int, confidence: float, attributes) -> Suggestion:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Suggestion(kind, start, end, text[start:end], confidence, attributes)


class _Dates:
    """Dates and sentence starts indexed for bisect: as-of look-ups stay O(log n)."""

    def __init__(self, text: str, spans: Sequence[Span], dates: Sequence[DateMention]) -> None:
        self.text = text
        self.spans = spans
        self.span_starts = [s.start for s in spans]
        self.dates = [d for d in dates if d.value]
        self.date_starts = [d.start for d in self.dates]
        self.as_of = [d for d in self.dates if d.as_of]
        self.as_of_starts = [d.start for d in self.as_of]

    def _sentence_ends_between(self, lo: int, hi: int) -> bool:
        for gap in _PARAGRAPH_BREAK.finditer(self.text, lo, hi):
            if self.text[lo : gap.start()].rstrip().endswith(_SENTENCE_END):
                return True
        return False

    def for_span(self, start: int, end: int) -> str | None:
        """The date the text gives for a figure or claim: a date in its sentence (the
        nearest), else an "as of"/"by" date shortly before it."""
        index = bisect.bisect_right(self.span_starts, start) - 1
        sentence = self.spans[index] if index >= 0 else None
        lo = sentence.start if sentence else start
        hi = max(sentence.end if sentence else end, end)
        first = bisect.bisect_left(self.date_starts, lo)
        last = bisect.bisect_right(self.date_starts, hi)
        inside = [d for d in self.dates[first:last] if d.end <= hi and not d.since]
        if inside:
            return min(inside, key=lambda d: (not d.as_of, abs(d.start - start))).value
        before = bisect.bisect_left(self.as_of_starts, start) - 1
        if before >= 0:
            earlier = self.as_of[before]
            # An "as of" date carries to the rest of its paragraph and into a list it
            # introduces ("As of February 5, the enemy lost:"), never past a paragraph
            # that ends a sentence: the next paragraph is another report.
            if earlier.start >= start - _AS_OF_REACH and not self._sentence_ends_between(
                earlier.end, start
            ):
                return earlier.value
        return None
