"""Date expressions in news text and the calendar date they name.

Finds "February 5", "5 February 2025", "Feb. 5", "on Sunday", "yesterday", "the day
before", "in October", ISO and dotted dates, and their Russian and Ukrainian forms
("5 февраля", "5 лютого", "в воскресенье", "вчора"), resolved against the article's
date. An expression that names no real day ("February 30") resolves to nothing.
The result is an ISO string at the precision the text gives: "2025-02-05", "2024-10".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kursk_annotator.core.suggest.numbers import lower_case

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan январь января январе січень січня",
        "february feb февраль февраля феврале лютий лютого",
        "march mar март марта марте березень березня",
        "april apr апрель апреля апреле квітень квітня",
        "may май мая мае травень травня",
        "june jun июнь июня июне червень червня",
        "july jul июль июля июле липень липня",
        "august aug август августа августе серпень серпня",
        "september sep sept сентябрь сентября сентябре вересень вересня",
        "october oct октябрь октября октябре жовтень жовтня",
        "november nov ноябрь ноября ноябре листопад листопада",
        "december dec декабрь декабря декабре грудень грудня",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "monday понедельник понеділок понеділка",
        "tuesday вторник вівторок вівторка",
        "wednesday среду среда середу середа",
        "thursday четверг четвер четверга",
        "friday пятницу пятница п'ятницю п'ятниця",
        "saturday субботу суббота суботу субота",
        "sunday воскресенье неділю неділя",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number

_RELATIVE = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "the day before": -1,
    "сегодня": 0, "вчера": -1, "завтра": 1, "сьогодні": 0, "вчора": -1, "учора": -1,
}  # fmt: skip

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_REL = "|".join(sorted(_RELATIVE, key=len, reverse=True))
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"

# One look-behind before the alternation: positions inside a word fail at once.
DATE_PATTERN = re.compile(
    r"(?<![\w])(?:"
    + "|".join(
        (
            rf"(?P<md>\b(?P<m1>{_MONTH})\.?\s+{_DAY.format('d1')}(?!\d)(?:,?\s+{_YEAR.format('y1')})?)",
            rf"(?P<dm>\b{_DAY.format('d2')}\s+(?P<m2>{_MONTH})\b\.?(?:,?\s+{_YEAR.format('y2')}(?:\s*(?:г\.|года|року|р\.))?)?)",
            rf"(?P<my>\b(?:in\s+|в\s+|у\s+)?(?P<m3>{_MONTH})\b(?:\s+(?:of\s+)?{_YEAR.format('y3')})?)",
            rf"(?P<iso>\b{_YEAR.format('y4')}-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)\b)",
            rf"(?P<dot>\b(?P<d5>[0-3]?\d)\.(?P<m5>[01]?\d)\.{_YEAR.format('y5')}\b)",
            rf"(?P<wd>\b(?:on\s+|в\s+|во\s+|у\s+)?(?P<w>{_WEEKDAY})\b)",
            rf"(?P<rel>\b(?P<r>{_REL})\b)",
        )
    )
    + ")",
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str | None  # ISO date or year-month; None when the text names no real day
    as_of: bool  # introduced by "as of", "by", "until": the date a figure holds at
    # Introduced by "since"/"from" (с, з): the start of the period a cumulative figure
    # counts from, never the date it holds at ("killed since February 2022").
    since: bool = False


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:  # February 30, month 13
        return None


def _year_for(month: int, day: int | None, article: date | None) -> int | None:
    """The year of a month (and day) given without one: the latest not after the
    article's date (news reports what has happened), else the article's year."""
    if article is None:
        return None
    year = article.year
    try:
        if date(year, month, day or 1) > article + timedelta(days=31):
            return year - 1
    except ValueError:
        return year
    return year


def resolve(match: re.Match[str], article: date | None, original: str) -> str | None:
    """The ISO date a DATE_PATTERN match (over the lower-cased ``original``) names."""
    group = match.lastgroup
    g = match.group
    for name in ("m1", "m2", "m3", "w"):
        word = g(name) if group in ("md", "dm", "my", "wd") else None
        if word and word.isascii() and original[match.start(name)].islower():
            return None  # English months and weekdays are capitalised: "may", "march"
    if group == "md" or group == "dm":
        n = "1" if group == "md" else "2"
        month = _MONTHS[g("m" + n).lower().rstrip(".")]
        day = int(g("d" + n))
        year = int(g("y" + n)) if g("y" + n) else _year_for(month, day, article)
        return _iso(year, month, day)
    if group == "my":
        month = _MONTHS[g("m3").lower()]
        if g("y3"):
            return _iso(int(g("y3")), month, None)
        if not g("my").lower().startswith(("in", "в", "у")) or month == 5:
            return None  # a bare "May" or "march" is too often not a date
        return _iso(_year_for(month, None, article), month, None)
    if group == "iso":
        return _iso(int(g("y4")), int(g("m4")), int(g("d4")))
    if group == "dot":
        return _iso(int(g("y5")), int(g("m5")), int(g("d5")))
    if article is None:
        return None
    if group == "wd":
        weekday = _WEEKDAYS[g("w").lower()]
        back = (article.weekday() - weekday) % 7
        return (article - timedelta(days=back)).isoformat()
    if group == "rel":
        return (article + timedelta(days=_RELATIVE[g("r").lower()])).isoformat()
    return None


_AS_OF_BEFORE = re.compile(
    r"(?:as of|as at|by|until|through|на|по состоянию на|станом на)\s+$", re.I
)
_SINCE_BEFORE = re.compile(r"(?:^|\W)(?:since|from|с|з|від|со)\s+$", re.I)


def find_dates(text: str, article: date | None) -> list[DateMention]:
    """Every date expression in ``text``; ``value`` None where it names no real day
    (or no year can be given), so its numbers are still not taken for figures."""
    found: list[DateMention] = []
    # Matching a lower-cased copy is several times faster than a case-insensitive
    # pattern; the table keeps every offset (str.lower can lengthen some letters).
    for match in DATE_PATTERN.finditer(lower_case(text)):
        value = resolve(match, article, text)
        if value is None and match.lastgroup in ("my", "wd", "rel"):
            continue
        before = text[max(0, match.start() - 20) : match.start()]
        since = bool(_SINCE_BEFORE.search(before))
        as_of = not since and bool(_AS_OF_BEFORE.search(before))
        found.append(DateMention(match.start(), match.end(), value, as_of, since))
    return found


def article_date_in_text(text: str) -> date | None:
    """A dateline at the very start ("date 2025-02-06", "5 February 2025 —"), if any."""
    head = text[:120]
    for match in DATE_PATTERN.finditer(lower_case(head)):
        if match.lastgroup in ("iso", "dot") or (
            match.lastgroup in ("md", "dm") and (match.group("y1") or match.group("y2"))
        ):
            value = resolve(match, None, head)
            if value and len(value) == 10:
                return date.fromisoformat(value)
    return None
