"""As-of dates: when a figure holds or a claim was made, with its precision.

Stored as text in an annotation's attributes: ``2025-02-05`` (a day), ``2025-02`` (a
month), ``2025`` (a year) or ``START/END`` with either side any of those. A window is
the span of days it covers; two figures hold "at the same time" when their windows
overlap. Phrases in the text ("as of February 5", "by 7 August", "on Sunday") are read
against the article's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kursk_annotator.core.errors import UserError

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date
    text: str  # as stored: "2025-02-05", "2024-08", "2024-08-12/2024-08-31"
    inferred: bool = False

    def overlaps(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        """Words for a reader: "5 February 2025", "August 2024", "12–31 August 2024"."""
        return _label(self.text)


@lru_cache(maxsize=4096)
def _label(text: str) -> str:
    parts = text.split("/")
    if len(parts) == 1:
        return _part_label(parts[0])
    a, b = (_part_label(p) for p in parts)
    first, second = a.rsplit(" ", 1), b.rsplit(" ", 1)
    if len(first) == 2 and len(second) == 2 and first[1] == second[1]:  # one year
        a = first[0]
        if a.split(" ")[-1] == second[0].split(" ")[-1] and a.split(" ")[0].isdigit():
            return f"{a.split(' ')[0]}–{second[0]} {second[1]}"  # 12–31 August 2024
    return f"{a} – {b}"


@lru_cache(maxsize=4096)
def _part_label(part: str) -> str:
    pieces = part.split("-")
    if len(pieces) == 1:
        return pieces[0]
    month = calendar.month_name[int(pieces[1])]
    if len(pieces) == 2:
        return f"{month} {pieces[0]}"
    return f"{int(pieces[2])} {month} {pieces[0]}"


def _bad(text: str, why: str) -> UserError:
    return UserError(
        f"as-of {text!r} {why}: give a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range START/END"
    )


def _part(text: str) -> tuple[date, date]:
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not m:
        raise _bad(text, "is not a date")
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise _bad(text, "is not a real date") from None


def parse_as_of(text: str, inferred: bool = False) -> Window:
    """The window of a stored as-of value, or a UserError saying what is wrong."""
    raw = text.strip()
    if not raw:
        raise _bad(text, "is empty")
    parts = raw.split("/")
    if len(parts) > 2:
        raise _bad(text, "has more than one '/'")
    start, end = _part(parts[0])
    if len(parts) == 2:
        start2, end = _part(parts[1])
        if start2 < start:
            raise _bad(text, "ends before it starts")
    canonical = "/".join(_canonical(p) for p in parts)
    return Window(start, end, canonical, inferred)


def _canonical(part: str) -> str:
    pieces = [int(p) for p in part.strip().split("-")]
    return "-".join([f"{pieces[0]:04d}"] + [f"{p:02d}" for p in pieces[1:]])


def check_as_of(text: str) -> str:
    """The canonical stored form of an as-of value (validated)."""
    return parse_as_of(text).text


def day_window(day: date, inferred: bool = False) -> Window:
    return Window(day, day, day.isoformat(), inferred)


# --- phrases in the text -----------------------------------------------------------

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?:as of|by|on|since|until|from|late on|early on|at)?\s*"
    rf"(?:(\d{{1,2}})\s+({_MONTH_RE})\.?|({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|by|since|as of|early|late|mid-?)\s+({_MONTH_RE})(?:\s+(\d{{4}}))?\b", re.I
)
_WEEKDAY = re.compile(r"\b(?:on|last|this)\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _latest_not_after(month: int, day: int | None, published: date) -> tuple[int, int, int | None]:
    year = published.year
    if (month, day or 1) > (published.month, published.day):
        year -= 1
    return year, month, day


def as_of_from_text(text: str, published: date | None) -> str | None:
    """An as-of value read from a phrase of ``text`` ("as of February 5"), or None.

    Dates without a year are the latest such date not after the article's date;
    a weekday ("on Sunday") is the latest such day on or before it.
    """
    m = _DAY_MONTH.search(text)
    if m:
        day = int(m.group(1) or m.group(4))
        month = _MONTHS[(m.group(2) or m.group(3)).lower()]
        if m.group(5):
            year = int(m.group(5))
        elif published is not None:
            year, month, _ = _latest_not_after(month, day, published)
        else:
            return None
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    m = _MONTH_ONLY.search(text)
    if m:
        month = _MONTHS[m.group(1).lower()]
        if m.group(2):
            return f"{int(m.group(2)):04d}-{month:02d}"
        if published is not None:
            year, month, _ = _latest_not_after(month, None, published)
            return f"{year:04d}-{month:02d}"
        return None
    m = _WEEKDAY.search(text)
    if m and published is not None:
        back = (published.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
        return (published - timedelta(days=back)).isoformat()
    return None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``, where as-of phrases live."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1]
