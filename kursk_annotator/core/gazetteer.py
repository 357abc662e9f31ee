"""The offline gazetteer of the theatre: places, their spellings and coordinates.

Data: ``resources/gazetteer/gazetteer.tsv.gz``, built by
``resources/gazetteer/build_gazetteer.py`` from GeoNames (populated places of Ukraine and
of Kursk, Belgorod and Bryansk oblasts, Russia's larger cities, capitals of the countries
involved) plus a curated list of villages, districts and regions. Every entry carries its
English canonical name, Latin transliterations, Russian and Ukrainian names with their
case forms (Суджа, Суджи, Суджу), feature type, coordinates and source.

API (Qt-free, loaded once per process and cached)::

    gazetteer = load_gazetteer()
    gazetteer.lookup("Суджи")          # -> [Place(canonical_name="Sudzha", ...)], best first
    gazetteer.resolve("Pokrovsk")      # -> the best Place or None
    for place in gazetteer: ...        # every entry
    gazetteer.find_mentions(text)      # -> [PlaceMention(start, end, quote, place, ...)]

Names match ignoring case, ё/е and apostrophe style, but a mention in text must start
with a capital letter ("Sumy", not "sumy"). When several places share a spelling the one
whose own name it is wins, then one in the theatre, then the most populous; a mention is
``ambiguous`` when that order cannot tell two candidates apart (several Ivanivka).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.resources import resource_path

GAZETTEER_FILE = ("gazetteer", "gazetteer.tsv.gz")
_COLUMNS = 11
# Words joined into one name in text: letters, inner hyphens and apostrophes
# ("Ivano-Frankivsk", "Kup'iansk", "Nikolayevo-Darino").
_WORD = r"[\p{L}\p{M}]+(?:[-'’ʼ][\p{L}\p{M}]+)*"
# Only capitalised words can start a place name; the regex engine skips the rest.
_CAPITALISED = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’ʼ-])(?=\p{{Lu}}){_WORD}")
_NEXT_WORD = regex.compile(rf" {{1,2}}{_WORD}")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "ё": "е", "Ё": "Е"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str
    canonical_name: str
    feature_type: str  # capital, city, town, village, district, region
    latitude: float
    longitude: float
    country: str  # ISO 3166 alpha-2
    region: str  # oblast (English short name), "" when outside the listed ones
    population: int
    theatre: bool  # in Kursk, Belgorod, Bryansk, Sumy, Kharkiv or Chernihiv oblast
    source: str
    names: tuple[str, ...]  # every spelling and case form recognised, as normalise_name keys


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in text: code point offsets into the text, end exclusive."""

    start: int
    end: int
    quote: str
    place: Place
    ambiguous: bool
    candidates: tuple[Place, ...]


def _word_key(word: str) -> str:
    """normalise_name for a single word (no spaces to collapse)."""
    if word.isascii():  # the common case: no ё and no typographic apostrophe to map
        return word.lower()
    return word.translate(_APOSTROPHES).casefold()


def normalise_name(name: str) -> str:
    """The matching key of a name: case-folded, ё as е, one apostrophe, single spaces."""
    return _SPACES.sub(" ", name.translate(_APOSTROPHES)).strip().casefold()


class Gazetteer:
    """Places indexed by every spelling; see the module docstring."""

    def __init__(self, places: Sequence[Place], *, keys_normalised: bool = False) -> None:
        self._places = tuple(places)
        self._by_id = {p.id: p for p in self._places}
        index: dict[str, list[Place]] = {}
        first_words: dict[str, int] = {}
        for place in self._places:
            names = place.names if keys_normalised else {normalise_name(n) for n in place.names}
            for name in names:
                if name in index:
                    index[name].append(place)
                    continue
                index[name] = [place]
                # The first word of every name, with the most words a name starting with
                # it has: text words that start no name cost one dict look-up.
                first, _, rest = name.partition(" ")
                words = rest.count(" ") + 2 if rest else 1
                if first_words.get(first, 0) < words:
                    first_words[first] = words
        index.pop("", None)
        self._index = index
        self._first_words = first_words
        self._ranked: dict[str, tuple[tuple[Place, ...], bool]] = {}

    def _lookup(self, key: str) -> tuple[tuple[Place, ...], bool] | None:
        found = self._ranked.get(key)
        if found is None:
            candidates = self._index.get(key)
            if candidates is None:
                return None
            found = self._ranked[key] = _rank(key, candidates)
        return found

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def get(self, place_id: str) -> Place | None:
        """The entry with this id ("geonames:486816", "curated:43")."""
        return self._by_id.get(place_id)

    def lookup(self, name: str) -> list[Place]:
        """Every place known by ``name`` (any spelling or case form), best first."""
        found = self._lookup(normalise_name(name))
        return list(found[0]) if found else []

    def resolve(self, name: str) -> Place | None:
        """The place ``name`` most likely means, or None when unknown."""
        found = self._lookup(normalise_name(name))
        return found[0][0] if found else None

    def is_ambiguous(self, name: str) -> bool:
        """True when several places answer to ``name`` and none is clearly meant."""
        found = self._lookup(normalise_name(name))
        return bool(found and found[1])

    def find_mentions(self, text: str) -> list[PlaceMention]:
        """Non-overlapping place names in ``text``, longest match first, in text order."""
        mentions: list[PlaceMention] = []
        resume = 0
        for word in _CAPITALISED.finditer(text):
            start = word.start()
            if start < resume:
                continue
            first_end = word.end()
            most_words = self._first_words.get(_word_key(word.group()), 0)
            if not most_words and text[first_end - 1] == "s" and text[first_end - 2] in "'’":
                first_end -= 2  # "Kurakhove's population": the place without the possessive
                most_words = self._first_words.get(_word_key(text[start:first_end]), 0)
            if not most_words:
                continue
            match = self._longest_match(text, start, first_end, most_words)
            if match is None:
                continue
            end, (candidates, ambiguous) = match
            mentions.append(
                PlaceMention(start, end, text[start:end], candidates[0], ambiguous, candidates)
            )
            resume = end
        return mentions

    def _longest_match(
        self, text: str, start: int, first_end: int, most_words: int
    ) -> tuple[int, tuple[tuple[Place, ...], bool]] | None:
        ends = [first_end]
        # Extend over following words separated by plain spaces only ("Kursk region",
        # not "Kursk, region"), as far as the longest name starting with this word.
        while len(ends) < most_words:
            following = _NEXT_WORD.match(text, ends[-1], ends[-1] + 80)
            if following is None:
                break
            ends.append(following.end())
        for end in reversed(ends):
            found = self._lookup(normalise_name(text[start:end]))
            if found is not None:
                return end, found
        return None


def _rank(key: str, candidates: list[Place]) -> tuple[tuple[Place, ...], bool]:
    """Candidates best first, and whether the best is not clearly the one meant."""

    def order(place: Place) -> tuple[bool, bool, int, str]:
        own_name = normalise_name(place.canonical_name) == key
        return (not own_name, not place.theatre, -place.population, place.id)

    ranked = sorted(candidates, key=order)
    ambiguous = len(ranked) > 1 and order(ranked[0])[:2] == order(ranked[1])[:2]
    # Among equals a far larger town is the usual referent.
    if ambiguous and ranked[0].population >= 20 * max(ranked[1].population, 1):
        ambiguous = False
    return tuple(ranked), ambiguous


def _parse(line: str, source: str, number: int) -> Place:
    cols = line.rstrip("\n").split("\t")
    if len(cols) != _COLUMNS:
        raise UserError(
            f"gazetteer damaged: {source} line {number} has {len(cols)} columns: "
            "rebuild it with resources/gazetteer/build_gazetteer.py"
        )
    return Place(
        id=cols[0],
        canonical_name=cols[1],
        feature_type=cols[2],
        latitude=float(cols[3]),
        longitude=float(cols[4]),
        country=cols[5],
        region=cols[6],
        population=int(cols[7]),
        theatre=cols[8] == "1",
        source=cols[9],
        names=tuple(cols[10].split("|")) if cols[10] else (),
    )


def read_gazetteer(path: Path) -> Gazetteer:
    """A gazetteer from a ``.tsv.gz`` file in the format the build script writes."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise UserError(
            f"cannot read gazetteer {path}: {exc}: rebuild it with "
            "resources/gazetteer/build_gazetteer.py"
        ) from exc
    places = [_parse(line, path.name, n) for n, line in enumerate(lines, 1) if line]
    # The build script writes the names column already normalised.
    return Gazetteer(places, keys_normalised=True)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return read_gazetteer(resource_path(*GAZETTEER_FILE))
