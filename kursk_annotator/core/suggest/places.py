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
    r"time|people['’]s\s+republics?|refinery|oil refinery|nuclear power plant|power plant|"
    r"power station|airport|air base|airbase|npp|аэс|аес|нпз)(?![\p{L}])"
    r"|(?:\s+and\s+\p{Lu}[\p{L}]+)\s+people['’]s\s+republics(?![\p{L}])",
    regex.I,
)
# A capital standing for its government: "Moscow was forced", "Kyiv's forces".
_METONYMY_AFTER = regex.compile(
    r"(?:(?:\s+\p{Ll}+ly)?\s+(?:intends|intend|aims|appears|seems|tries|needs|hoped|"
    r"feared|fears|knows|knew|understands|sees|saw|views|regards|prefers|chose|chooses)\b|"
    r"['’]s\s+(?:government|forces|troops|army|military|officials|leadership|"
    r"allies|demands|position|decision|plan|offer|envoy|representatives|income|revenues?|"
    r"budget|economy|exports|imports|war|invasion|aggression|strategy|goals|aims|response|"
    r"policy|partners|sanctions|attacks?|offensive|losses|claims|narrative|propaganda|"
    r"version|stance|refusal|support|request|proposals?|terms|conditions|negotiators|"
    r"delegation|diplomats|ambassador|ministry|central bank|media|intelligence|drones|"
    r"missiles|war effort|side|approach|account|answer|reply|backers|ally)(?![\p{L}])|"
    r"\s+(?:was|is|has|had|will|would|could|should|says|said|wants|claims|claimed|denies|"
    r"denied|insists|accused|announced|refused|agreed|sent|launched|must|may|might|launches|"
    r"holds|held|still|controls|controlled|continues|continued|warns|warned|responded|"
    r"retaliated|hopes|believes|expects|seeks|sought|rejected|rejects|signed|threatened|"
    r"threatens|demands|demanded|accuses|denies|says|claims|wants|plans|planned|did|does|"
    r"didn['’]t|doesn['’]t|declined|declines|disputes|disputed|asked|asks|urged|urges|"
    r"called|calls|pledged|promised|offered|vowed|argued|argues|considers|considered|"
    r"welcomed|welcomes|condemned|condemns|blamed|blames|reported|reports|confirmed|"
    r"confirms|estimated|estimates|stated|states|dismissed|dismisses|ordered|orders)\b)",
    regex.I,
)


@dataclass(frozen=True, slots=True)
class FoundPlace:
    start: int
    end: int
    confidence: float
    attributes: dict[str, Any]


_METONYMY_BEFORE = regex.compile(
    r"(?:according to|quoted by|cited by)\s+$"
    # The government as the object of pressure, cost or persuasion: "pressure Kyiv",
    # "cost Moscow $2 billion", "тиск на Москву".
    r"|(?<![\p{L}])(?:pressure|pressured|pressuring|pressures|cost|costs|costing|urge|urged|"
    r"urges|urging|persuade|persuaded|persuading|convince|convinced|punish|punished|"
    r"punishing|deter|deterred|deterring|isolate|isolated|isolating|warned|warning|"
    r"тиск на|тиску на|давление на|давления на|давить на)\s+$",
    regex.I,
)
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


# "Белгородской, Брянской и Курской областей", "Сумської та Харківської областей": a list
# of region adjectives before a plural "regions" (the gazetteer knows each in the singular).
_CYRILLIC_REGION_LIST = regex.compile(
    r"(?P<list>(?:\p{Lu}\p{Ll}+(?:ской|ськ(?:ої|ій))(?:\s*,\s*(?:и\s+|і\s+|та\s+|й\s+)?"
    r"|\s+(?:и|і|та|й)\s+))+\p{Lu}\p{Ll}+(?:ской|ськ(?:ої|ій)))\s+област(?:ей|ях|ям|ями)(?![\p{L}])"
)
_CAPITAL_WORD = regex.compile(r"\p{Lu}\p{Ll}+")


def _region_lists(text: str, gazetteer: Gazetteer) -> list[FoundPlace]:
    out: list[FoundPlace] = []
    if "област" not in text:
        return out
    for match in _CYRILLIC_REGION_LIST.finditer(text):
        for word in _CAPITAL_WORD.finditer(text, match.start("list"), match.end("list")):
            region = gazetteer.resolve(word.group() + " области") or gazetteer.resolve(
                word.group() + " області"
            )
            if region is not None and region.feature_type == "region":
                out.append(FoundPlace(word.start(), word.end(), 0.8, _attributes(region)))
    return out


def _attributes(place: Place) -> dict[str, Any]:
    return {
        "canonical_name": place.canonical_name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "feature_type": place.feature_type,
        "gazetteer_id": place.id,
    }


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
            text, max(0, mention.start - 24), mention.start
        ):
            continue  # "according to Kyiv": the government speaks
        if place.feature_type == "capital" and _METONYMY_AFTER.match(
            text, mention.end, mention.end + 40
        ):
            continue
        confidence = 0.9 if place.theatre or place.feature_type != "village" else 0.7
        if mention.ambiguous:
            confidence = 0.5
        attributes = _attributes(place)
        if mention.ambiguous:
            attributes["ambiguous"] = True
        found.append(FoundPlace(mention.start, mention.end, confidence, attributes))
    listed = _region_lists(text, gazetteer)
    if listed:
        taken = [(f.start, f.end) for f in found]
        found.extend(f for f in listed if not any(a < f.end and f.start < b for a, b in taken))
        found.sort(key=lambda f: f.start)
    return found
