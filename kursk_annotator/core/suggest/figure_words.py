"""Vocabulary and patterns of the figure finder: qualifiers, units, clutter, stop words."""

from __future__ import annotations

import regex

# Small patterns used in loops, compiled once.
_RX1 = regex.compile(r"\s*(?:[;,.:\n]|$)")
_RX2 = regex.compile(r"\d[:.]$")
_RX3 = regex.compile(r"\d[.]$")
_RX4 = regex.compile(r"\p{Lu}\p{L}*,\s?$")
_RX5 = regex.compile(r",")
_RX6 = regex.compile(r"[.)]\s")
_RX7 = regex.compile(r"(?:1[89]|20|21)\d\d")
_RX8 = regex.compile(r"\s+of\s+(?:the|these|those|them|its|their)\s+\p{L}+s\b")
_RX9 = regex.compile(r"[\s-]+")
_RX10 = regex.compile(r"(?:between|from|від|от)\s+$", regex.I)

QUALIFIERS_BEFORE = {
    "approximately": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "some": "approximately", "almost": "approximately",
    "nearly": "approximately", "an estimated": "approximately", "estimated": "approximately",
    "~": "approximately", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "up to": "up to", "as many as": "up to", "over": "over",
    "more than": "over", "above": "over", "in excess of": "over", "upwards of": "over",
    "under": "under", "less than": "under", "fewer than": "under", "below": "under",
    "almost all": "approximately",
    "около": "approximately", "примерно": "approximately", "почти": "approximately",
    "порядка": "approximately", "приблизительно": "approximately", "более": "over",
    "свыше": "over", "больше": "over", "менее": "under", "меньше": "under", "до": "up to",
    "не менее": "at least", "по меньшей мере": "at least", "не более": "up to",
    "близько": "approximately", "майже": "approximately", "приблизно": "approximately",
    "понад": "over", "більше": "over", "менше": "under", "щонайменше": "at least",
    "принаймні": "at least", "не менше": "at least",
}  # fmt: skip
_QUALIFIER_BEFORE = regex.compile(
    r"(?<![\p{L}])(?P<q>"
    + "|".join(regex.escape(q) for q in sorted(QUALIFIERS_BEFORE, key=len, reverse=True))
    + r")\s+(?:of\s+)?$",
    regex.IGNORECASE,
)
# Canonical unit, its dimension (proposed as the measure when no counted noun follows),
# and the factor to the dimension's base unit.
UNITS: dict[str, tuple[str, str, float]] = {
    "sq km": ("km²", "area", 1), "sq. km": ("km²", "area", 1), "km²": ("km²", "area", 1),
    "km2": ("km²", "area", 1), "square kilometers": ("km²", "area", 1),
    "square kilometres": ("km²", "area", 1), "square kilometer": ("km²", "area", 1),
    "square kilometre": ("km²", "area", 1), "sq miles": ("sq mi", "area", 2.589988),
    "sq mi": ("sq mi", "area", 2.589988), "square miles": ("sq mi", "area", 2.589988),
    "square mile": ("sq mi", "area", 2.589988), "hectares": ("ha", "area", 0.01),
    "kilometers": ("km", "distance", 1), "kilometres": ("km", "distance", 1),
    "kilometer": ("km", "distance", 1), "kilometre": ("km", "distance", 1),
    "km": ("km", "distance", 1), "miles": ("mi", "distance", 1.609344),
    "mile": ("mi", "distance", 1.609344), "metres": ("m", "distance", 0.001),
    "meters": ("m", "distance", 0.001), "m": ("m", "distance", 0.001),
    "%": ("%", "percentage", 1), "percent": ("%", "percentage", 1),
    "percentage points": ("percentage points", "percentage", 1),
    "percentage point": ("percentage points", "percentage", 1),
    "процентных пункта": ("percentage points", "percentage", 1),
    "процентных пунктов": ("percentage points", "percentage", 1),
    "процентного пункта": ("percentage points", "percentage", 1),
    "відсоткових пункти": ("percentage points", "percentage", 1),
    "відсоткових пунктів": ("percentage points", "percentage", 1),
    "відсоткового пункту": ("percentage points", "percentage", 1),
    "per cent": ("%", "percentage", 1), "tonnes": ("t", "mass", 1), "tons": ("t", "mass", 1),
    "dollars": ("USD", "money", 1), "euros": ("EUR", "money", 1),
    "rubles": ("RUB", "money", 1), "roubles": ("RUB", "money", 1),
    "hryvnias": ("UAH", "money", 1), "hryvnia": ("UAH", "money", 1),
    "кв. км": ("km²", "area", 1), "кв км": ("km²", "area", 1), "км²": ("km²", "area", 1),
    "квадратных километров": ("km²", "area", 1), "квадратних кілометрів": ("km²", "area", 1),
    "км": ("km", "distance", 1), "километров": ("km", "distance", 1),
    "кілометрів": ("km", "distance", 1), "процентов": ("%", "percentage", 1),
    "процентів": ("%", "percentage", 1), "відсотків": ("%", "percentage", 1),
    "гектаров": ("ha", "area", 0.01), "гектарів": ("ha", "area", 0.01),
    "долларов": ("USD", "money", 1), "доларів": ("USD", "money", 1),
    "рублей": ("RUB", "money", 1), "гривен": ("UAH", "money", 1), "гривень": ("UAH", "money", 1),
}  # fmt: skip
_UNIT_AFTER = regex.compile(
    r"\s*(?P<unit>"
    + "|".join(regex.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![\p{L}\d²])",
    regex.IGNORECASE,
)
_CURRENCY_BEFORE = {"$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_RANGE_JOIN = regex.compile(r"\s*(?:to|-|–|—|and|or|до|або|или)\s*", regex.IGNORECASE)
_MONTHS_OR_TIME = regex.compile(
    r"\s*(?::\d\d|(?:a\.m\.|p\.m\.|am|pm|gmt|utc|cet|est|o'clock|h)(?![\p{L}]))", regex.I
)
_ORDINAL_AFTER = regex.compile(
    r"(?:st|nd|rd|th|-?(?:й|я|го|ї|ий|ая|ой|ого|ої|ом|му|е|те))(?![\p{L}])", regex.I
)
_AGE_AFTER = regex.compile(
    r"(?:-|\s)years?(?:-|\s)old|\s+years\s+of\s+age|\s+and\s+(?:older|over|above|under)\b"
    r"|-?(?:летн|річн)\p{L}*",
    regex.I,
)
_AGE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:aged|age of|age|older than|younger than|over the age of|under the age of|"
    r"в возрасте|у віці)\s+$",
    regex.I,
)
# A number of hours, days, months, years: a duration or a reporting period ("over the
# past 24 hours", "the lowest in four months"), not a figure.
DURATION = regex.compile(
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|"
    r"час(?:а|ов)?|суток|сутки|дн(?:я|ей)|день|недел[иья]|месяц(?:а|ев)?|лет|год(?:а|ин[иу]?)?|"
    r"доб[аи]?|діб|дн(?:і|ів)|тижн(?:і|ів)|тиждень|місяц(?:і|ів|ь)|рок(?:и|ів)|рік)$",
    regex.I,
)
# "two-thirds", "one third", "three quarters": a fraction, not a count.
FRACTION_AFTER = regex.compile(
    r"[\s-](?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?|halves)(?![\p{L}])", regex.I
)
# A conversion in brackets belongs to the figure before it: "8 km (5 miles)",
# "8.8 trillion roubles ($86bn)".
CONVERSION_AFTER = regex.compile(
    r"\s*\((?:about |around |some |roughly |nearly |almost |~)?[$€£₴₽]?\d[\d,.\u00a0 ]*"
    r"(?:k|m|mn|bn|tn|million|billion|trillion)?\s*(?:[\p{L}²%]+\.?\s?){0,3}\)",
    regex.I,
)
_CLUTTER_AFTER = regex.compile(
    r"\s*(?:min(?:ute)?s?\s+read|(?:hours?|minutes?|mins?|days?)\s+ago|photos?\b|/\d+"
    r"|\s+of\s+\d+\s+(?:photos|images))",
    regex.I,
)
_CLUTTER_BEFORE = regex.compile(
    r"(?:comments?|replies|shares?|views?|likes?|photo|image|page|no\.|#|№|number|"
    r"article|chapter|section|part|resolution|flight|unit|route|highway|hill|height|"
    r"building|room|tel\.?|phone|paragraph|item|step)\s*[(:]?\s*$"
    r"|(?:photo|image|slide|picture)\s+\d+\s*(?:of|/)\s*$",
    regex.I,
)
_DESIGNATOR_BEFORE = regex.compile(r"[\p{L}][-‑]?$")
_LIST_NUMBER = regex.compile(r"(?:^|\n)[ \t]*$")
_URL = regex.compile(r"(?:https?://|www\.)\S+")
_EMAIL_SIDE = regex.compile(r"[\w.+-]{1,64}")
_EMAIL_SIDE_BEFORE = regex.compile(r"[\w.+-]{1,64}$")


_STOP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "for",
        "since",
        "as",
        "that",
        "which",
        "who",
        "whom",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "this",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "my",
        "per",
        "than",
        "each",
        "while",
        "during",
        "after",
        "before",
        "into",
        "over",
        "under",
        "near",
        "across",
        "along",
        "between",
        "including",
        "among",
        "against",
        "according",
        "about",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "not",
        "no",
        "so",
        "if",
        "then",
        "there",
        "here",
        "when",
        "where",
        "what",
        "how",
        "also",
        "all",
        "only",
        "just",
        "more",
        "most",
        "some",
        "such",
        "other",
        "another",
        "same",
        "both",
        "either",
        "neither",
        "every",
        "whose",
        "did",
        "do",
        "does",
        "said",
        "say",
        "says",
        "reported",
        "told",
    ]
)
_CYRILLIC_STOP = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "из",
        "что",
        "как",
        "а",
        "но",
        "за",
        "от",
        "до",
        "к",
        "у",
        "о",
        "об",
        "не",
        "были",
        "был",
        "была",
        "было",
        "это",
        "который",
        "которые",
        "которых",
        "также",
        "уже",
        "ещё",
        "еще",
        "та",
        "й",
        "та",
        "і",
        "у",
        "з",
        "із",
        "що",
        "як",
        "але",
        "від",
        "до",
        "до",
        "про",
        "це",
        "які",
    ]
)
_HEAD_NOUNS = frozenset(
    [
        "people",
        "men",
        "women",
        "children",
        "personnel",
        "equipment",
        "infantry",
        "artillery",
        "staff",
        "military",
        "police",
        "aircraft",
        "ammunition",
        "territory",
        "land",
        "ground",
        "armor",
        "armour",
        "fuel",
        "hardware",
        "matériel",
        "materiel",
    ]
)
_CONTAINERS = frozenset(
    [
        "units",
        "pieces",
        "items",
        "tons",
        "tonnes",
        "rounds",
        "types",
        "kinds",
        "square",
        "kilometers",
        "kilometres",
        "kilometres",
        "sq",
        "km",
    ]
)
# Words of the counted noun stay on the number's line ("Photo 3 of 12\nRescuers").
_WORD = regex.compile(r"[ \t\u00a0]+(?P<w>[\p{L}][\p{L}'’-]*)")
_OF = regex.compile(r"[ \t\u00a0]+of(?![\p{L}])", regex.I)
_MILITARY_UNITS = regex.compile(
    r"(?<![\p{L}])(?P<q>up to|about|almost|nearly|more than|over|at least)\s+"
    r"(?:a|an|one)\s+(?P<m>battalion|brigade|regiment|company|division|platoon)s?(?![\p{L}])",
    regex.I,
)
