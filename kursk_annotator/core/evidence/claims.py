"""Claims by speaker: each speaker's statements, each with the reports that carry it.

One post by Andriy Yermak quoted by two outlets is one statement with two reports, not
two claims. Reports of one speaker are one statement when the analyst linked them (same
``statement`` key), or when their dates do not rule it out and one quote contains the
other's words (fuzzy, so "Russia is getting what it deserves" matches "Kursk region,
good news: Russia is getting what it deserves.").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import regex
from rapidfuzz import fuzz

from kursk_annotator.core.evidence.asof import Window
from kursk_annotator.core.evidence.models import norm_name
from kursk_annotator.core.evidence.registry import ActorInfo, NameIndex
from kursk_annotator.core.evidence.reports import (
    STATUS_RANK,
    ArticleRef,
    _window,
    attach_unnamed,
    span_clusters,
)
from kursk_annotator.core.records import AnnotationInfo

SAME_WORDS = 85  # rapidfuzz partial ratio from which two quotes carry the same words
NOT_ATTRIBUTED = "Not attributed"


@dataclass(slots=True)
class ClaimReport:
    id: int
    annotation_ids: list[int]
    article_id: int
    quote: str
    start: int
    window: Window | None
    credibility: list[str]
    status: str
    analysts: list[str]
    sides: list[str]
    statement_key: str | None


@dataclass(slots=True)
class ClaimStatement:
    reports: list[ClaimReport]
    window: Window | None

    @property
    def when(self) -> str:
        if self.window is None:
            return "date not known"
        return self.window.label + (" (article date)" if self.window.inferred else "")

    @property
    def annotation_ids(self) -> list[int]:
        return sorted(i for r in self.reports for i in r.annotation_ids)


@dataclass(slots=True)
class Speaker:
    name: str | None  # None: claims nobody attributed
    actor: ActorInfo | None
    sides: list[str] = field(default_factory=list)
    statements: list[ClaimStatement] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        return sum(len(s.reports) for s in self.statements)

    def as_json(self) -> dict[str, Any]:
        return {
            "speaker": self.name,
            "side": self.actor.side
            if self.actor and self.actor.side
            else ", ".join(self.sides) or None,
            "type": self.actor.type if self.actor else None,
            "grade": self.actor.grade if self.actor else None,
            "statements": [
                {
                    "as_of": s.window.text if s.window else None,
                    "annotation_ids": s.annotation_ids,
                    "reports": [
                        {
                            "id": r.id,
                            "article_id": r.article_id,
                            "quote": r.quote,
                            "status": r.status,
                        }
                        for r in s.reports
                    ],
                }
                for s in self.statements
            ],
        }


def _reports(
    claims: list[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
) -> list[ClaimReport]:
    """One report per span of an article and speaker: tags of one remark by several
    analysts, under any alias of the speaker or with the speaker left out by one of
    them, are one report."""
    per_article: dict[int, dict[str, list[AnnotationInfo]]] = defaultdict(dict)
    for c in claims:
        said_by = c.attributes.get("attributed_to")
        actor = actors.get(said_by)
        key = norm_name(actor.name if actor else said_by) if said_by else ""
        per_article[c.article_id].setdefault(key, []).append(c)
    out = []
    for groups in per_article.values():
        named = {key: span_clusters(items) for key, items in groups.items() if key}
        unnamed = span_clusters(groups[""]) if "" in groups else []
        if named:
            unnamed = attach_unnamed(named, unnamed)
        for cluster in [c for clusters in named.values() for c in clusters] + unnamed:
            cluster.sort(key=lambda x: (STATUS_RANK.get(x.status, 9), -len(x.attributes), x.id))
            best = next((x for x in cluster if x.attributes.get("attributed_to")), cluster[0])
            out.append(
                ClaimReport(
                    id=best.id,
                    annotation_ids=sorted(x.id for x in cluster),
                    article_id=best.article_id,
                    quote=best.quote,
                    start=best.start,
                    window=_window(best.attributes, articles.get(best.article_id)),
                    credibility=list(
                        dict.fromkeys(
                            str(x.attributes["credibility"])
                            for x in cluster
                            if x.attributes.get("credibility")
                        )
                    ),
                    status=best.status,
                    analysts=sorted({x.analyst for x in cluster}),
                    sides=list(
                        dict.fromkeys(
                            x.attributes["side"] for x in cluster if x.attributes.get("side")
                        )
                    ),
                    statement_key=next(
                        (
                            str(x.attributes["statement"])
                            for x in cluster
                            if x.attributes.get("statement")
                        ),
                        None,
                    ),
                )
            )
    return out


def _same(a: ClaimReport, b: ClaimReport) -> bool:
    return _same_folded(a, a.quote.casefold(), b, b.quote.casefold())


def _same_folded(a: ClaimReport, a_quote: str, b: ClaimReport, b_quote: str) -> bool:
    """``_same`` given the quotes casefolded."""
    if a.statement_key or b.statement_key:
        return a.statement_key == b.statement_key
    if a.article_id == b.article_id:
        return False  # two claims in one article are two things said
    dated = a.window and b.window and not a.window.inferred and not b.window.inferred
    if dated and not a.window.overlaps(b.window):  # type: ignore[union-attr]
        return False
    if a_quote and b_quote and (a_quote in b_quote or b_quote in a_quote):
        return True  # one quote inside the other: a partial ratio of 100
    return fuzz.partial_ratio(a_quote, b_quote) >= SAME_WORDS


def _signature(report: ClaimReport, quote: str) -> tuple[Any, ...]:
    """What ``_same`` reads of the report it compares with, its article aside (a
    statement never holds two reports of one article): reports alike in these give
    the same answer, so a statement is compared once per distinct one."""
    window = report.window if report.window and not report.window.inferred else None
    return (report.statement_key, quote, window)


_WORD = regex.compile(r"[\p{L}\p{N}]{3,}")
RARE_WORDS = 3  # a quote is looked for under its rarest words...
CANDIDATES = 64  # ...in at most this many of the latest statements that share one


def _words(quote: str) -> set[str]:
    return set(_WORD.findall(quote.casefold()))


def group_statements(reports: Iterable[ClaimReport]) -> list[list[ClaimReport]]:
    """One speaker's reports grouped into statements, each report joining the first
    statement all of whose reports it matches (``_same``), in article order.

    Comparing each report with every statement grows with the square of a speaker's
    claims (a year of one ministry's claims took minutes). Two quotes match when the
    shorter one's words are in the longer one, rarest words included, so a report is
    compared only with statements whose first quote has one of the report's rarest
    words, or whose rarest words the report has: the latest ``CANDIDATES`` of them.
    Linked reports go straight to their statement. A statement echoed by hundreds of
    articles mostly repeats a few quotes: a report is compared with each distinct quote
    (and date) of it once, not with every report."""
    ordered = sorted(reports, key=lambda r: (r.article_id, r.start))
    folded = [r.quote.casefold() for r in ordered]
    words = [_words(r.quote) for r in ordered]
    frequency: dict[str, int] = defaultdict(int)
    for found in words:
        for word in found:
            frequency[word] += 1
    statements: list[list[ClaimReport]] = []
    linked: dict[str, int] = {}  # statement key -> its statement
    having: dict[str, list[int]] = defaultdict(list)  # word -> statements whose first has it
    rarest: dict[str, list[int]] = defaultdict(list)  # word -> ... has it among its rarest
    articles: list[set[int]] = []
    # Per statement, one report (and its folded quote) per distinct signature.
    distinct: list[dict[tuple[Any, ...], tuple[ClaimReport, str]]] = []
    for report, quote, found in zip(ordered, folded, words, strict=True):
        if report.statement_key:
            at = linked.get(report.statement_key)
            if at is None:
                linked[report.statement_key] = len(statements)
                statements.append([report])
                articles.append(set())
                distinct.append({_signature(report, quote): (report, quote)})
            else:
                statements[at].append(report)
                distinct[at].setdefault(_signature(report, quote), (report, quote))
            continue
        rare = sorted(found, key=lambda w: (frequency[w], w))[:RARE_WORDS]
        if rare:
            found_in = {i for w in rare for i in having[w]}
            found_in.update(i for w in found for i in rarest.get(w, ()))
            candidates = sorted(found_in)[-CANDIDATES:]
        else:  # no word of three letters: compare with the latest statements
            candidates = range(max(0, len(statements) - CANDIDATES), len(statements))
        for i in candidates:
            group = statements[i]
            if report.article_id in articles[i]:
                continue  # two claims in one article are two things said
            if all(_same_folded(report, quote, o, q) for o, q in distinct[i].values()):
                group.append(report)
                articles[i].add(report.article_id)
                distinct[i].setdefault(_signature(report, quote), (report, quote))
                break
        else:
            statements.append([report])
            articles.append({report.article_id})
            distinct.append({_signature(report, quote): (report, quote)})
            for word in found:
                having[word].append(len(statements) - 1)
            for word in rare:
                rarest[word].append(len(statements) - 1)
    return statements


def claims_by_speaker(
    claims: Iterable[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
) -> list[Speaker]:
    """Speakers under their canonical names, each with statements in date order."""
    speakers: dict[str, Speaker] = {}
    per_speaker: dict[str, list[ClaimReport]] = defaultdict(list)
    claims = list(claims)
    by_id = {c.id: c for c in claims}
    for report in _reports(claims, articles, actors):
        said_by = by_id[report.id].attributes.get("attributed_to")
        actor = actors.get(said_by)
        name = actor.name if actor else (" ".join(str(said_by).split()) if said_by else None)
        key = norm_name(name) if name else ""
        speaker = speakers.setdefault(key, Speaker(name, actor))
        for side in report.sides:
            if side not in speaker.sides:
                speaker.sides.append(side)
        per_speaker[key].append(report)
    for key, reports in per_speaker.items():
        for group in group_statements(reports):
            given = [r.window for r in group if r.window and not r.window.inferred]
            windows = given or [r.window for r in group if r.window]
            window = min(windows, key=lambda w: (w.end - w.start, w.start)) if windows else None
            speakers[key].statements.append(ClaimStatement(group, window))
        speakers[key].statements.sort(
            key=lambda s: (s.window is None, s.window.start if s.window else date.max)
        )
    return sorted(
        speakers.values(),
        key=lambda s: (s.name is None, -len(s.statements), (s.name or "").casefold()),
    )
