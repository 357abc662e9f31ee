"""Statements: reports of one claimant's figure at one time, grouped.

Reports by the same claimant for the same measure whose as-of windows overlap and whose
intervals are compatible are one statement (or reports the analyst linked by giving
them the same ``statement`` key). A statement keeps one report per article, and a
figure whose claimant is only its outlet joins a compatible statement of a claimant
named in the same article: taggers never make an echo or a second claimant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kursk_annotator.core.evidence.asof import Window
from kursk_annotator.core.evidence.models import norm_name
from kursk_annotator.core.evidence.quantities import Interval
from kursk_annotator.core.evidence.reports import STATUS_RANK, Report, num

_INF = float("inf")


@dataclass(slots=True)
class Statement:
    number: int
    claimant: str
    key: str  # the claimant's name as names are matched
    reports: list[Report]
    window: Window | None
    interval: Interval | None
    grade: str | None

    @property
    def words(self) -> str:
        return self.reports[0].words

    @property
    def annotation_ids(self) -> list[int]:
        return sorted(i for r in self.reports for i in r.annotation_ids)

    @property
    def when(self) -> str:
        if self.window is None:
            return "date unknown"
        return self.window.label + (" (article date)" if self.window.inferred else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.number,
            "claimant": self.claimant,
            "as_of": self.window.text if self.window else None,
            "low": num(self.interval.low) if self.interval else None,
            "high": num(self.interval.high) if self.interval else None,
            "report_ids": [r.id for r in self.reports],
            "article_ids": sorted({r.article_id for r in self.reports}),
        }


_NAMED = ("given", "speaker")  # a claimant someone named, not the outlet by default


def _compatible(a: Report, b: Report, guessed_dates: bool = True) -> bool:
    """Two reports of one claimant (the caller groups by claimant) that can be one statement.
    Without ``guessed_dates``, a date inferred from the article does not keep them apart."""
    wa, wb = a.window, b.window
    if (
        wa is not None
        and wb is not None
        and (guessed_dates or not (wa.inferred or wb.inferred))
        and (wa.start > wb.end or wb.start > wa.end)
    ):
        return False
    ia, ib = a.interval, b.interval
    if ia is None or ib is None:
        return ia is None and ib is None and a.words == b.words
    return ia.low <= (_INF if ib.high is None else ib.high) and ib.low <= (
        _INF if ia.high is None else ia.high
    )


def _join_outlet_defaults(
    reports: list[Report], root: Callable[[int], int], parent: list[int]
) -> None:
    """A figure whose claimant is only its outlet (nobody named one) is the statement of
    a named claimant in the same article with which it is compatible: the article
    repeats that claimant's figure, so the outlet is no second, independent claimant.
    The article's date, guessed for a mention that gives none, does not keep them apart."""
    named: dict[int, list[int]] = {}
    defaults = []
    for i, r in enumerate(reports):
        if r.claimant_how in _NAMED:
            named.setdefault(r.article_id, []).append(i)
        elif not r.statement_key:
            defaults.append(i)
    if not named or not defaults:
        return
    for i in defaults:
        r = reports[i]
        for j in named.get(r.article_id, ()):
            if not reports[j].statement_key and _compatible(r, reports[j], guessed_dates=False):
                parent[root(i)] = root(j)
                break


def _one_per_article(members: list[Report]) -> list[Report]:
    """One report per article: an article that gives a statement twice (a headline and
    the text, or two analysts tagging two mentions) reports it once."""
    if len(members) == 1:
        return members
    by_article: dict[int, list[Report]] = {}
    for r in members:
        by_article.setdefault(r.article_id, []).append(r)
    if len(by_article) == len(members):
        return members
    out = []
    for same in by_article.values():
        if len(same) == 1:
            out.append(same[0])
            continue
        best = min(same, key=lambda r: (r.claimant_how not in _NAMED, STATUS_RANK.get(r.status, 9)))
        out.append(
            replace(
                best,
                annotation_ids=sorted(i for r in same for i in r.annotation_ids),
                analysts=sorted({a for r in same for a in r.analysts}),
                credibility=best.credibility
                or next((r.credibility for r in same if r.credibility), None),
                status=min((r.status for r in same), key=lambda x: STATUS_RANK.get(x, 9)),
            )
        )
    return out


def _sweep(
    reports: list[Report], members: list[int], root: Callable[[int], int], parent: list[int]
) -> None:
    """Join one claimant's compatible reports. In order of as-of: a report is compared
    only with those whose window is still open when it starts (and with undated ones),
    not with every other report."""
    undated = []
    dated = []
    for i in members:
        window = reports[i].window
        if window is None:
            undated.append(i)
        else:
            dated.append((window.start, i))
    dated.sort(key=lambda t: t[0])
    active: list[tuple[date, int]] = []  # (window end, report)
    for start, i in dated:
        if active:
            active = [t for t in active if t[0] >= start]
            r = reports[i]
            for _end, j in active:
                if _compatible(r, reports[j]):
                    a, b = root(i), root(j)
                    if a != b:
                        parent[a] = b
        active.append((reports[i].window.end, i))  # type: ignore[union-attr]
    if undated:
        in_order = [i for _start, i in dated]
        for n, i in enumerate(undated):
            for j in undated[:n] + in_order:
                a, b = root(i), root(j)
                if a != b and _compatible(reports[i], reports[j]):
                    parent[a] = b


def _statement_order(s: Statement) -> tuple:
    return (s.window is None, s.window.start if s.window else date.max, s.claimant)


def _member_order(r: Report) -> tuple[int, int]:
    return (r.article_id, r.start)


def group_statements(reports: list[Report]) -> list[Statement]:
    """Reports into statements: linked by hand (same key), else automatically."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    by_claimant: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        if r.statement_key:
            first = by_key.setdefault(r.statement_key, i)
            parent[root(i)] = root(first)
        else:
            key = r.key or norm_name(r.claimant)
            members = by_claimant.get(key)
            if members is None:
                by_claimant[key] = [i]
            else:
                members.append(i)
    for members in by_claimant.values():
        if len(members) > 1:
            _sweep(reports, members, root, parent)
    _join_outlet_defaults(reports, root, parent)
    groups: dict[int, list[Report]] = {}
    if parent == list(range(len(reports))):  # nothing joined: a statement per report
        groups = {i: [r] for i, r in enumerate(reports)}
    else:
        for i, r in enumerate(reports):
            top = root(i)
            group = groups.get(top)
            if group is None:
                groups[top] = [r]
            else:
                group.append(r)
    statements = []
    for members in groups.values():
        if len(members) == 1:
            [lead] = members
            statements.append(
                Statement(
                    0,
                    lead.claimant,
                    lead.key or norm_name(lead.claimant),
                    members,
                    lead.window,
                    lead.interval,
                    lead.grade,
                )
            )
            continue
        members.sort(key=_member_order)
        given = [r.window for r in members if r.window is not None and not r.window.inferred]
        windows = given or [r.window for r in members if r.window is not None]
        window = min(windows, key=lambda w: (w.end - w.start, w.start)) if windows else None
        interval: Interval | None = None
        for r in members:
            if r.interval is not None:
                interval = (
                    r.interval if interval is None else (interval.intersect(r.interval) or interval)
                )
        lead = next((r for r in members if r.claimant_how in _NAMED), members[0])
        statements.append(
            Statement(
                0,
                lead.claimant,
                lead.key or norm_name(lead.claimant),
                _one_per_article(members),
                window,
                interval,
                lead.grade,
            )
        )
    statements.sort(key=_statement_order)
    for n, s in enumerate(statements, start=1):
        s.number = n
    return statements
