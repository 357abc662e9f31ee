"""Verdicts on one measure's statements: disagreement, change, agreement, echo.

Which verdicts there are is decided at once; a verdict's words and annotation ids are
made when something reads them (the Figures view shows one measure at a time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from kursk_annotator.core.evidence.asof import Window
from kursk_annotator.core.evidence.reports import UNKNOWN_OUTLET
from kursk_annotator.core.evidence.statements import Statement

if TYPE_CHECKING:
    from kursk_annotator.core.evidence.comparison import MeasureComparison

VERDICT_KINDS = ("disagreement", "change", "echo", "agreement")
_INF = float("inf")
UNJUDGED = "F"  # Admiralty source grade: reliability cannot be judged


class Verdict:
    """A verdict on some statements of a measure; its annotation ids and words are
    worked out on first use (``annotation_ids`` and ``explanation`` may be given as
    functions that make them)."""

    __slots__ = ("_ids", "_words", "kind", "statements")

    def __init__(
        self,
        kind: str,
        annotation_ids: list[int] | Callable[[], list[int]],
        explanation: str | Callable[[], str],
        statements: tuple[int, ...] = (),
    ) -> None:
        self.kind = kind
        self.statements = statements
        self._ids = annotation_ids
        self._words = explanation

    @property
    def annotation_ids(self) -> list[int]:
        if callable(self._ids):
            self._ids = self._ids()
        return self._ids

    @property
    def explanation(self) -> str:
        if callable(self._words):
            self._words = self._words()
        return self._words

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.as_json() == other.as_json() and self.statements == other.statements

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Verdict({self.kind!r}, {self.annotation_ids!r}, {self.explanation!r})"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "annotation_ids": self.annotation_ids,
            "explanation": self.explanation,
        }


def _say(s: Statement) -> str:
    return f"{s.claimant}: {s.words} ({s.when})"


def _time_groups(statements: list[Statement]) -> list[list[Statement]]:
    """Statements whose as-of windows chain into overlap, in order of as-of."""
    dated = [
        (s.window.start, s.window.end, n, s)
        for n, s in enumerate(statements)
        if s.window is not None
    ]
    dated.sort(key=lambda t: (t[0], t[1], t[2]))
    groups: list[list[Statement]] = []
    end: date | None = None
    for start, stop, _n, s in dated:
        if groups and end is not None and start <= end:
            groups[-1].append(s)
            if stop > end:
                end = stop
        else:
            groups.append([s])
            end = stop
    return groups


def _ids(statements: Iterable[Statement]) -> list[int]:
    return sorted({i for s in statements for r in s.reports for i in r.annotation_ids})


def _group_when(group: list[Statement]) -> str:
    windows = [s.window for s in group if s.window is not None]
    start = min(w.start for w in windows)
    end = max(w.end for w in windows)
    if len({w.text for w in windows}) == 1:
        return windows[0].label
    if start.day == 1 and (end + timedelta(days=1)).day == 1:  # whole months
        return Window(start, end, f"{start:%Y-%m}/{end:%Y-%m}").label
    return Window(start, end, f"{start.isoformat()}/{end.isoformat()}").label


def _echo_words(s: Statement) -> Callable[[], str]:
    def words() -> str:
        where = ", ".join(f"article {r.article_id}" for r in s.reports)
        return (
            f"Echo: {_say(s)} is one statement, reported in {len(s.reports)} "
            f"articles ({where}); it counts once."
        )

    return words


def _disagreement_words(group: list[Statement], involved: list[Statement]) -> Callable[[], str]:
    def words() -> str:
        clashes = _clashes(group)
        by_number = {s.number: s for s in group}
        same = all(by_number[a].key == by_number[b].key for a, b in clashes)
        who = "the same claimant gives incompatible values" if same else "incompatible values"
        if len(clashes) == 1:
            a, b = clashes[0]
            said = f"{_say(by_number[a])} vs {_say(by_number[b])}"
        else:
            said = "; ".join(_say(s) for s in involved) + f" ({len(clashes)} incompatible pairs)"
        return f"Disagreement as of {_group_when(group)} ({who}): {said}."

    return words


def _agreement_words(
    group: list[Statement], judged: list[Statement], claimants: int
) -> Callable[[], str]:
    def words() -> str:
        values = "; ".join(_say(s) for s in judged)
        said = (
            f"Agreement as of {_group_when(group)}: {claimants} independent claimants give "
            f"compatible values — {values}."
        )
        others = [s for s in group if not _judged(s)]
        if others:
            said += (
                " Also compatible, not counted as confirmation (a source whose reliability "
                f"cannot be judged): {'; '.join(_say(s) for s in others)}."
            )
        return said

    return words


def _judged(s: Statement) -> bool:
    """A claimant that can confirm another: one whose reliability can be judged (not
    graded F: an unnamed outlet, unattributed reports, "sources"), named by someone or
    an outlet that names itself. An echo of anyone could hide behind the others."""
    return s.grade != UNJUDGED and not s.claimant.startswith(UNKNOWN_OUTLET)


def _change_words(groups: list[list[Statement]]) -> Callable[[], str]:
    def words() -> str:
        steps = []
        for group in groups:
            values = " / ".join(dict.fromkeys(s.words for s in group))
            steps.append(f"{values} ({_group_when(group)})")
        head = _change_head(groups)
        claimed = ", ".join(dict.fromkeys(s.claimant for g in groups for s in g))
        return (
            f"{head}: {' → '.join(steps)}. Values at different times are a change "
            f"over time, not a disagreement (claimed by {claimed})."
        )

    return words


def _ids_of(statements: list[Statement]) -> Callable[[], list[int]]:
    return lambda: _ids(statements)


def verdicts_for(comparison: MeasureComparison) -> list[Verdict]:
    if comparison.measure is None:
        return []  # figures of unknown measures are not compared with one another
    disagreements: list[Verdict] = []
    agreements: list[Verdict] = []
    echoes: list[Verdict] = []
    for s in comparison.statements:
        if len(s.reports) > 1:  # one report per article (group_statements)
            echoes.append(Verdict("echo", _ids_of([s]), _echo_words(s), (s.number,)))
    groups = _time_groups(comparison.statements)
    for group in groups:
        if len(group) == 1:
            continue  # one statement: nothing to clash or agree with
        numbers = _clashing(group)
        if numbers:
            involved = [s for s in group if s.number in numbers]
            disagreements.append(
                Verdict(
                    "disagreement",
                    _ids_of(involved),
                    _disagreement_words(group, involved),
                    tuple(s.number for s in involved),
                )
            )
            continue
        # Confirmation is counted in claimants who can confirm: two unnamed sources
        # beside one named are not three independent claimants.
        judged = [s for s in group if _judged(s)]
        claimants = len(dict.fromkeys(s.claimant for s in judged))
        if claimants > 1:
            agreements.append(
                Verdict(
                    "agreement",
                    _ids_of(judged),
                    _agreement_words(group, judged, claimants),
                    tuple(s.number for s in judged),
                )
            )
    changes: list[Verdict] = []
    if len(groups) > 1:
        every = [s for g in groups for s in g]
        changes.append(
            Verdict("change", _ids_of(every), _change_words(groups), tuple(s.number for s in every))
        )
    return disagreements + changes + agreements + echoes


def _clashing(group: list[Statement]) -> set[int]:
    """The statements that clash with some other: their windows overlap and their
    intervals do not (the pairs themselves are listed only for the words)."""
    rows = [
        (
            s.window.start,
            s.window.end,
            s.interval.low,
            _INF if s.interval.high is None else s.interval.high,
            s.number,
        )
        for s in group
        if s.window is not None and s.interval is not None
    ]
    if len(rows) < 2:
        return set()
    top_low = max(r[2] for r in rows)
    least_high = min(r[3] for r in rows)
    if top_low <= least_high:
        return set()  # every interval holds a common value: nothing can clash
    rows.sort()
    out = set()
    for start, end, low, high, number in rows:
        if top_low <= high and least_high >= low:
            continue  # overlaps every other interval
        for other_start, other_end, other_low, other_high, other in rows:
            if other_start > end:
                break  # sorted by start: no later window overlaps this one
            if other_end >= start and other != number and (other_low > high or low > other_high):
                out.add(number)
                break
    return out


def _clashes(group: list[Statement]) -> list[tuple[int, int]]:
    """Pairs of statements whose windows overlap and whose intervals do not."""
    rows = [
        (
            s.window.start,
            s.window.end,
            s.interval.low,
            _INF if s.interval.high is None else s.interval.high,
            s.number,
        )
        for s in group
        if s.window is not None and s.interval is not None
    ]
    rows.sort()
    out = []
    for n, (_start, end, low, high, number) in enumerate(rows):
        for other_start, _other_end, other_low, other_high, other in rows[n + 1 :]:
            if other_start > end:
                break  # sorted by start: no later window overlaps this one
            if other_low > high or low > other_high:
                out.append((number, other))
    return out


def _change_head(groups: list[list[Statement]]) -> str:
    """What the series amounts to, said only where it is true of every value.

    "Changed": some step between two times whose values each agree among themselves
    have no value in common. "Values compatible": one value fits every statement of
    each step. Otherwise (values at one time disagree: the disagreement says so) the
    series is told as it is, without a word on it."""
    steps = list(pairwise(groups))
    if any(not _common(a + b) and _common(a) and _common(b) for a, b in steps):
        return "Changed"
    if all(_common(a + b) for a, b in steps):
        return "Over time (values compatible)"
    return "Over time"


def _common(group: list[Statement]) -> bool:
    """Whether one value lies in every interval of ``group`` (those with values)."""
    intervals = [s.interval for s in group if s.interval is not None]
    if not intervals:
        return False
    low = max(i.low for i in intervals)
    high = min(_INF if i.high is None else i.high for i in intervals)
    return low <= high
