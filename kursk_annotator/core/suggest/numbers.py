"""Numbers as news writes them: digits, words, multipliers, ranges and vague quantities.


English words ("twelve", "a thousand", "one hundred and twenty"), digits with any
thousands separator ("1,164", "1 000", "12 000"), decimal points and commas ("1.2
million", "1,2 млн"), attached multipliers ("12k", "2bn"), Russian and Ukrainian
multipliers ("40 тысяч", "12 тис.", "1,2 млн") and vague quantities ("hundreds",
"tens of thousands", "dozens", "сотни", "тисячі").
"""

from __future__ import annotations

import regex

# Small patterns used in loops, compiled once.
_RX1 = regex.compile(r"[\u00a0\u202f\u2009 ]")
_RX2 = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_RX3 = regex.compile(r"[\s-]+")

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    # Russian and Ukrainian (nominative and the forms that follow prepositions)
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "дві": 2, "двох": 2,
    "три": 3, "трех": 3, "трёх": 3, "трьох": 3, "четыре": 4, "чотири": 4, "пять": 5,
    "п'ять": 5, "шесть": 6, "шість": 6, "семь": 7, "сім": 7, "восемь": 8, "вісім": 8,
    "девять": 9, "дев'ять": 9, "десять": 10, "двадцать": 20, "двадцять": 20,
    "тридцать": 30, "тридцять": 30, "сорок": 40, "пятьдесят": 50, "п'ятдесят": 50,
    "сто": 100, "двести": 200, "двісті": 200, "триста": 300,
    # collective numerals: "двое военных", "троє бійців"
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "двоє": 2, "троє": 3, "п'ятеро": 5,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
DOZEN = {"dozen": 12}
# Multipliers after a number, in any of the three languages.
MULTIPLIERS = {
    "hundred": 100, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
    "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bln": 1e9, "trn": 1e12, "тысяча": 1e3,
    "тысячи": 1e3, "тысяч": 1e3,
    "тыс": 1e3, "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3, "тис": 1e3, "миллион": 1e6,
    "миллиона": 1e6, "миллионов": 1e6, "мільйон": 1e6, "мільйона": 1e6, "мільйонів": 1e6,
    "млн": 1e6, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "мільярд": 1e9,
    "мільярда": 1e9, "мільярдів": 1e9, "млрд": 1e9, "триллион": 1e12, "триллиона": 1e12,
    "триллионов": 1e12, "трильйон": 1e12, "трильйона": 1e12, "трильйонів": 1e12, "трлн": 1e12,
}  # fmt: skip
ATTACHED = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
# Vague quantities: the interval they stand for (low, high).
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2e6, 9.99e6),
    "several dozen": (24, 99), "several hundred": (200, 999), "several thousand": (2_000, 9_999),
    "a few dozen": (24, 60), "a few hundred": (200, 500), "a few thousand": (2_000, 5_000),
    "десятки": (20, 99), "сотни": (200, 999), "тысячи": (2_000, 9_999),
    "десятки тысяч": (20_000, 99_999), "сотни тысяч": (200_000, 999_999),
    "сотні": (200, 999), "тисячі": (2_000, 9_999), "десятки тисяч": (20_000, 99_999),
    "сотні тисяч": (200_000, 999_999), "несколько сотен": (200, 999),
    "несколько тысяч": (2_000, 9_999), "кілька сотень": (200, 999),
    "кілька тисяч": (2_000, 9_999),
}  # fmt: skip


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_NUM = _alternation([*SMALL, *SCALES, *DOZEN])
_DIGITS = (
    r"(?P<digits>\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009|\x20(?=\d{3}(?!\d)))\d{3})+(?:\.\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
# The shared look-behind comes first: positions inside a word or number fail at once.
NUMBER = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{N}}])(?:
    (?P<vague>(?:{_alternation(VAGUE)})(?![\p{{L}}]))
  | (?<![.,])(?:{_DIGITS})(?P<attached>k|mn|bn|tn|m)?(?![\p{{L}}\p{{N}}])
  | (?P<words>(?:(?:an?|one)\s+(?:hundred|thousand|million|billion|trillion|dozen)
        |{_WORD_NUM})(?:(?:\s+and\s+|\s+|-)(?:{_WORD_NUM}))*(?![\p{{L}}]))
    )""",
    regex.VERBOSE,  # run over lower_case(text): much faster than a case-insensitive pattern
)
MULTIPLIER_AFTER = regex.compile(
    rf"\s*(?P<mult>{_alternation(MULTIPLIERS)})\.?(?![\p{{L}}])", regex.IGNORECASE
)


_LOWER = {
    ord(c): ord(c.lower())
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐ"
}


def lower_case(text: str) -> str:
    """``text`` with Latin and Cyrillic capitals lowered and every offset kept
    (``str.lower`` turns some letters into two code points)."""
    lowered = text.lower()  # fast; the same length unless a letter grew (İ -> i̇)
    return lowered if len(lowered) == len(text) else text.translate(_LOWER)


def digits_value(text: str) -> float:
    """The value of a digit string as news writes it ("1,164", "1 000", "1,2", "1.5")."""
    compact = _RX1.sub("", text)
    if _RX2.fullmatch(compact):
        return float(compact.replace(",", ""))
    return float(compact.replace(",", "."))


def words_value(text: str) -> float | None:
    """The value of number words ("one hundred and twenty", "a thousand", "twelve")."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _RX3.split(text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = current or 1
            continue
        if word in SMALL:
            current += SMALL[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def as_number(value: float) -> int | float:
    """12000.0 -> 12000; 1.5 stays 1.5 (JSON shows what the text said)."""
    return int(value) if float(value).is_integer() else round(value, 6)
