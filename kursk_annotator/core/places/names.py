"""The names a canonical place goes by, and where they occur in a text.

Tagged quotes teach the spellings analysts saw ("Sumy and Kharkiv regions"); the shared
gazetteer (``core.gazetteer``) finds the names and case forms it knows, and this matcher
the tagged spellings it does not. Matching is one regular expression over all names,
longest first, so "Kursk Oblast" is one mention of the oblast, not also one of the city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_OBLAST = re.compile(r"^(?P<stem>.+?) (?:Oblast|oblast|region|Region|province)$")


def norm_name(value: str) -> str:
    """The key two spellings of one place share: spaces collapsed, case folded."""
    return " ".join(value.split()).casefold()


def spelled_variants(name: str) -> set[str]:
    """Spellings English news uses for the same oblast: "Kursk Oblast" ~ "Kursk region"."""
    name = " ".join(name.split())
    out = {name}
    m = _OBLAST.match(name)
    if m:
        stem = m["stem"]
        out |= {f"{stem} Oblast", f"{stem} oblast", f"{stem} region", f"{stem} province"}
    return out


# Nouns that make a place's name the name of an event: "the Kursk offensive", "the Kursk
# operation", "the Pokrovsk direction" speak of a campaign or a front, not of the city.
_EVENT_AFTER = re.compile(
    r"[ \t]+(?:counter-?)?(?:offensive|operation|incursion|counterattack|campaign|"
    r"direction|axis|salient|front|raid)s?\b",
    re.I,
)


def names_an_event(text: str, end: int) -> bool:
    """Whether the place name ending at ``end`` is part of an event's name (the word after
    it is "offensive", "operation", "direction"...): no mention of the place itself."""
    return _EVENT_AFTER.match(text, end) is not None


# A word that can start a place name: a capital letter, then letters, digits, inner
# hyphens and apostrophes ("Bolshoye", "Kup'iansk", "Ivano-Frankivsk").
_CAPITAL_WORD = re.compile(r"(?<![\w'’-])(?=[^\W\d_])\w+(?:[-'’]\w+)*")
_NEXT_WORD = re.compile(r"[ \t]+\w+(?:[-'’]\w+)*")


class NameMatcher:
    """Finds every name of every place in a text: (start, end, place key).

    Names are looked up word by word (a dictionary of first words, then the longest name
    that fits), not with one alternation of thousands of names: the time grows with the
    text, not with the number of places.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        owner: dict[str, str] = {}
        longest: dict[str, int] = {}
        for name, key in names:
            words = name.split()
            if len(" ".join(words)) < 3 or not words[0][:1].isupper():
                continue
            norm = " ".join(words).casefold()
            owner.setdefault(norm, key)
            first = words[0].casefold()
            longest[first] = max(longest.get(first, 0), len(words))
        self._owner = owner
        self._longest = longest

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        if not self._owner:
            return
        resume = 0
        for word in _CAPITAL_WORD.finditer(text):
            start = word.start()
            if start < resume or not text[start].isupper():
                continue
            most = self._longest.get(word.group().casefold(), 0)
            if not most:
                continue
            ends = [word.end()]
            while len(ends) < most:
                nxt = _NEXT_WORD.match(text, ends[-1])
                if nxt is None:
                    break
                ends.append(nxt.end())
            for end in reversed(ends):
                key = self._owner.get(" ".join(text[start:end].split()).casefold())
                if key is not None:
                    yield start, end, key
                    resume = end
                    break
