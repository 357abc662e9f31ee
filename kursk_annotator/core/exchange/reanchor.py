"""Find an annotation again in a text that may have changed since it was made.

The strategy is Hypothesis's, in order of trust:

1. **position** – the stored offsets still hold the stored quote;
2. **quote** – the exact quote occurs elsewhere; when it occurs more than once, the stored
   prefix/suffix (and then closeness to the old position) choose the occurrence;
3. **fuzzy** – the quote matches after ignoring case, whitespace and punctuation, or
   (failing that) rapidfuzz finds a close enough alignment that tolerates small edits;
4. **orphan** – nothing trustworthy was found; the caller keeps the annotation aside
   instead of dropping it or pinning it to the wrong words. A quote that occurs several
   times is placed only where its prefix and suffix agree, or near its old position;
   otherwise it is an orphan with the reason "ambiguous" (a guess among repeated
   headings or figures would put the analyst's words on someone else's sentence).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from kursk_annotator.core.anchoring import Selector, snap_span

Method = Literal["position", "quote", "fuzzy", "orphan"]

# A fuzzy match must score at least this (0-100, rapidfuzz ratio of the aligned window).
FUZZY_CUTOFF = 85.0
# Below this many significant characters a fuzzy match is more likely chance than a find.
FUZZY_MIN_CHARS = 5


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a selector landed: offsets (``None`` for an orphan), how, and how well (0-100)."""

    start: int | None
    end: int | None
    method: Method
    score: float = 100.0
    reason: str = ""  # for an orphan: "ambiguous" when several places fit equally

    @property
    def anchored(self) -> bool:
        return self.method != "orphan"


ORPHAN = Anchor(None, None, "orphan", 0.0)
AMBIGUOUS = Anchor(None, None, "orphan", 0.0, "ambiguous")

# Among repeated quotes, one this close to the old start (code points) counts as "near its
# old position": small edits before a quote move it less; larger ones change its context.
NEAR = 200


def reanchor(text: str, selector: Selector, fuzzy_cutoff: float = FUZZY_CUTOFF) -> Anchor:
    """Anchor ``selector`` (start, end, quote, prefix, suffix) in ``text``."""
    quote = selector.quote
    if not quote:
        return ORPHAN
    if 0 <= selector.start < selector.end <= len(text) and (
        text[selector.start : selector.end] == quote
    ):
        return Anchor(selector.start, selector.end, "position")
    # A find whose surroundings no longer look like the stored context is kept only as a
    # fallback: the same figure quoted again further down must not capture an annotation
    # whose own sentence was merely edited.
    fallback: Anchor | None = None
    found, ambiguous = _exact(text, selector)
    if found is not None:
        fallback = Anchor(found, found + len(quote), "quote")
        if _in_context(text, fallback, selector):
            return fallback
    loose, loose_ambiguous = _loose_match(text, selector)
    ambiguous = ambiguous or loose_ambiguous
    if loose is not None:
        if _in_context(text, loose, selector):
            return loose
        fallback = fallback or loose
    aligned = _aligned(text, selector, fuzzy_cutoff)
    if aligned is not None and (
        _in_context(text, aligned, selector) or (fallback is None and not ambiguous)
    ):
        return aligned
    return fallback or (AMBIGUOUS if ambiguous else ORPHAN)


def _in_context(text: str, anchor: Anchor, selector: Selector) -> bool:
    wanted = 100.0 * (bool(selector.prefix) + bool(selector.suffix))
    start, end = anchor.start or 0, anchor.end or 0
    return _context_score(text, start, end, selector.prefix, selector.suffix) >= wanted * 0.6


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, position = [], haystack.find(needle)
    while position >= 0:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around ``start:end`` matches the stored context (0-200)."""
    score = 0.0
    if prefix:
        score += fuzz.ratio(prefix, text[max(0, start - len(prefix)) : start])
    if suffix:
        score += fuzz.ratio(suffix, text[end : end + len(suffix)])
    return score


def _choose(
    text: str, candidates: list[int], length: int, selector: Selector
) -> tuple[int | None, bool]:
    """The one occurrence to use, and whether several fitted equally (ambiguous).

    One occurrence is used as it is. Among several, the one whose context agrees best is
    used if no other agrees as well; otherwise the one nearest the old position, if it is
    near and nearer than any other; otherwise none.
    """
    if not candidates:
        return None, False
    if len(candidates) == 1:
        return candidates[0], False
    wanted = 100.0 * (bool(selector.prefix) + bool(selector.suffix))
    if wanted:
        scored = [
            (_context_score(text, s, s + length, selector.prefix, selector.suffix), s)
            for s in candidates
        ]
        agreeing = [(score, s) for score, s in scored if score >= wanted * 0.6]
        if agreeing:
            top = max(score for score, _ in agreeing)
            best = [s for score, s in agreeing if score >= top - 1e-6]
            if len(best) == 1:
                return best[0], False
            candidates = best
    by_distance = sorted(candidates, key=lambda s: abs(s - selector.start))
    nearest = by_distance[0]
    distance = abs(nearest - selector.start)
    if distance <= NEAR and abs(by_distance[1] - selector.start) > distance:
        return nearest, False
    return None, True


def _exact(text: str, selector: Selector) -> tuple[int | None, bool]:
    return _choose(text, _occurrences(text, selector.quote), len(selector.quote), selector)


@lru_cache(maxsize=8)  # an import re-anchors many quotes in the same few texts
def _loose(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased with every run of spaces and punctuation turned into one space.

    Returns the loose text and, for each of its characters, the offset in ``text`` it came
    from, so a match in the loose text maps back to original offsets.
    """
    chars: list[str] = []
    origin: list[int] = []
    gap = False
    for i, ch in enumerate(text):
        if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"):
            if gap and chars:
                chars.append(" ")
                origin.append(i - 1)
            chars.append(ch.casefold()[0])
            origin.append(i)
            gap = False
        else:
            gap = True
    return "".join(chars), origin


def _to_original(text: str, origin: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Map a loose ``start:end`` back to ``text`` and tidy its edges to whole words."""
    if end <= start:
        return None
    lo, hi = snap_span(text, origin[start], origin[end - 1] + 1)
    return (lo, hi) if hi > lo else None


def _loose_match(text: str, selector: Selector) -> tuple[Anchor | None, bool]:
    """The quote with the same words but other spacing, punctuation or case (and whether
    it occurs in several places that fit equally)."""
    loose_text, origin = _loose(text)
    loose_quote = _loose(selector.quote)[0]
    if not loose_quote or not loose_text:
        return None, False
    hits = _occurrences(loose_text, loose_quote)
    if not hits:
        return None, False
    loose_sel = Selector(
        _nearest_loose(origin, selector.start),
        0,
        loose_quote,
        _loose(selector.prefix)[0],
        _loose(selector.suffix)[0],
    )
    start, ambiguous = _choose(loose_text, hits, len(loose_quote), loose_sel)
    if start is None:
        return None, ambiguous
    span = _to_original(text, origin, start, start + len(loose_quote))
    return (Anchor(span[0], span[1], "fuzzy", 100.0) if span else None), False


def _aligned(text: str, selector: Selector, cutoff: float) -> Anchor | None:
    """The quote after small edits: rapidfuzz's best alignment, near the context first."""
    loose_text, origin = _loose(text)
    loose_quote = _loose(selector.quote)[0]
    if len(loose_quote.replace(" ", "")) < FUZZY_MIN_CHARS or not loose_text:
        return None
    window = _context_window(loose_text, selector)
    offset = window[0] if window else 0
    region = loose_text[window[0] : window[1]] if window else loose_text
    found = fuzz.partial_ratio_alignment(loose_quote, region, score_cutoff=cutoff)
    if found is None and window:
        offset, region = 0, loose_text
        found = fuzz.partial_ratio_alignment(loose_quote, region, score_cutoff=cutoff)
    if found is None:
        return None
    span = _to_original(text, origin, offset + found.dest_start, offset + found.dest_end)
    if span is None:
        return None
    # The whole-word span must still resemble the quote (snapping can widen it a lot).
    score = fuzz.ratio(_loose(text[span[0] : span[1]])[0], loose_quote)
    if score < cutoff:
        return None
    return Anchor(span[0], span[1], "fuzzy", round(score, 1))


def _nearest_loose(origin: list[int], offset: int) -> int:
    return bisect_left(origin, offset)


def _context_window(loose_text: str, selector: Selector) -> tuple[int, int] | None:
    """The part of the text where quote and context together align best, if they do."""
    loose_prefix = _loose(selector.prefix)[0][-24:]
    loose_suffix = _loose(selector.suffix)[0][:24]
    if not (loose_prefix or loose_suffix):
        return None
    needle = " ".join(p for p in (loose_prefix, _loose(selector.quote)[0], loose_suffix) if p)
    found = fuzz.partial_ratio_alignment(needle, loose_text, score_cutoff=70)
    if found is None:
        return None
    slack = 8
    return max(0, found.dest_start - slack), min(len(loose_text), found.dest_end + slack)
