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


class NameMatcher:
    """Finds every name of every place in a text: (start, end, place key)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        owner: dict[str, str] = {}
        for name, key in names:
            name = " ".join(name.split())
            if len(name) >= 3:
                owner.setdefault(name.casefold(), key)
        self._owner = owner
        ordered = sorted(owner, key=lambda n: (-len(n), n))
        pattern = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
        # Word boundaries that also hold next to Cyrillic letters and apostrophes.
        self._re = (
            re.compile(rf"(?<![\w’'])(?:{pattern})(?![\w])", re.IGNORECASE) if ordered else None
        )

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self._re is None:
            return
        for m in self._re.finditer(text):
            found = m.group(0)
            # Place names are proper nouns: "kursk" in a URL slug or lowercase prose is not one.
            if not found[0].isupper():
                continue
            key = self._owner.get(" ".join(found.split()).casefold())
            if key is not None:
                yield m.start(), m.end(), key
