"""Place suggestions from the gazetteer, with coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from kursk_annotator.core.gazetteer import Gazetteer, Place

# Small patterns used in loops, compiled once.
_RX1 = regex.compile(r"\s*(?:oblasts|regions|provinces)$", regex.I)

# "Kursk offensive", "Kharkiv operation": the event, not the place.

_EVENT_AFTER = regex.compile(
    r"[\s-]+(?:offensive|operation|incursion|counteroffensive|counter-offensive|campaign|"
    r"salient|accord|accords|agreement|format|talks|process|summit|protocol|declaration|"
    r"time|people['’]s\s+republics?)(?![\p{L}])"
    r"|(?:\s+and\s+\p{Lu}[\p{L}]+)\s+people['’]s\s+republics(?![\p{L}])",
    regex.I,
)
# A capital standing for its government: "Moscow was forced", "Kyiv's forces".
_METONYMY_AFTER = regex.compile(
    r"(?:['’]s\s+(?:government|forces|troops|army|military|officials|leadership|"
    r"allies|demands|position|decision|plan|offer|envoy|representatives)|"
    r"\s+(?:was|is|has|had|will|would|could|should|says|said|wants|claims|claimed|denies|"
    r"denied|insists|accused|announced|refused|agreed|sent|launched|must|may|might|launches|"
    r"holds|held|still|controls|controlled|continues|continued|warns|warned|responded|"
    r"retaliated|hopes|believes|expects|seeks|sought|rejected|rejects|signed|threatened|"
    r"threatens|demands|demanded|accuses|denies|says|claims|wants|plans|planned)\b)",
    regex.I,
)


@dataclass(frozen=True, slots=True)
class FoundPlace:
    start: int
    end: int
    confidence: float
    attributes: dict[str, Any]


_METONYMY_BEFORE = regex.compile(r"(?:according to|quoted by|cited by)\s+$", regex.I)
# "region of Kursk", "Kursk and Sumy regions", "Kursk, Bryansk, and Belgorod Oblasts":
# the regions, not the cities.
_REGION_BEFORE = regex.compile(r"(?:region|oblast|province)\s+of\s+$", regex.I)
_REGIONS_AFTER = regex.compile(r"\s+(?:regions|oblasts|provinces)(?![\p{L}])", regex.I)
_LIST_JOIN = regex.compile(r"(?:,\s*|\s+)(?:and\s+|or\s+)?$", regex.I)


def _region_named(place: Place, gazetteer: Gazetteer) -> Place | None:
    for suffix in (" region", " Oblast"):
        region = gazetteer.resolve(place.canonical_name + suffix)
        if region is not None and region.feature_type == "region":
            return region
    return None


def _regions_in_lists(text: str, mentions: list, gazetteer: Gazetteer) -> dict[int, Place]:
    """Index of each mention that a plural "regions" after a list makes a region."""
    out: dict[int, Place] = {}
    for index, mention in enumerate(mentions):
        after = _REGIONS_AFTER.match(text, mention.end, mention.end + 12)
        tail = _RX1.match(mention.quote)
        if not after and not tail:
            continue
        chain = [index]
        while chain[0] > 0:
            previous = mentions[chain[0] - 1]
            gap = text[previous.end : mentions[chain[0]].start]
            if len(gap) > 8 or not _LIST_JOIN.fullmatch((gap.strip() and gap) or gap):
                break
            chain.insert(0, chain[0] - 1)
        for member in chain:
            region = _region_named(mentions[member].place, gazetteer)
            if region is not None:
                out[member] = region
    return out


def find_places(text: str, gazetteer: Gazetteer) -> list[FoundPlace]:
    found: list[FoundPlace] = []
    mentions = gazetteer.find_mentions(text)
    regions = _regions_in_lists(text, mentions, gazetteer)
    for index, mention in enumerate(mentions):
        place = regions.get(index, mention.place)
        if mention.quote.isupper() and len(mention.quote) > 3:
            continue  # a dateline ("KYIV, Aug 14 (Reuters)") or a shouted headline
        if index not in regions and _REGION_BEFORE.search(
            text[max(0, mention.start - 20) : mention.start]
        ):
            place = _region_named(place, gazetteer) or place
        if _EVENT_AFTER.match(text, mention.end, mention.end + 60):
            continue
        if place.feature_type == "capital" and _METONYMY_BEFORE.search(
            text, max(0, mention.start - 16), mention.start
        ):
            continue  # "according to Kyiv": the government speaks
        if place.feature_type == "capital" and _METONYMY_AFTER.match(
            text, mention.end, mention.end + 40
        ):
            continue
        confidence = 0.9 if place.theatre or place.feature_type != "village" else 0.7
        if mention.ambiguous:
            confidence = 0.5
        attributes: dict[str, Any] = {
            "canonical_name": place.canonical_name,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "feature_type": place.feature_type,
            "gazetteer_id": place.id,
        }
        if mention.ambiguous:
            attributes["ambiguous"] = True
        found.append(FoundPlace(mention.start, mention.end, confidence, attributes))
    return found
