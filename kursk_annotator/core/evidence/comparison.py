"""The comparison: per measure, statements ordered by as-of, and what they amount to.

A pure function of the annotations (plus the articles' dates and outlets and the actor
and measure records), so the CLI, the Figures view and the briefing say the same thing.

- A **report** is one article's mention of a figure; annotations of one span by several
  analysts are one report.
- A **statement** is one claimant's figure at one time: reports by the same claimant for
  the same measure with overlapping as-of windows and compatible intervals are one
  statement (or reports the analyst linked by giving them the same ``statement`` key).
- Verdicts: **echo** (one statement, several reports: counted once), **disagreement**
  (statements whose windows overlap and whose intervals do not), **agreement**
  (independent claimants, overlapping windows, compatible intervals: confirmations are
  counted in claimants, never articles), **change** (statements at different times, as a
  series).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.asof import Window, day_window, parse_as_of
from kursk_annotator.core.evidence.labels import figure_words, interval_words
from kursk_annotator.core.evidence.models import norm_name
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND, Interval, interval_of
from kursk_annotator.core.evidence.registry import ActorInfo, MeasureInfo, NameIndex
from kursk_annotator.core.evidence.units import BASE_UNIT, dimension_of
from kursk_annotator.core.records import AnnotationInfo

VERDICT_KINDS = ("disagreement", "change", "echo", "agreement")
_STATUS_RANK = {"accepted": 0, "pending": 1, "changes_requested": 2, "rejected": 3}
UNRECORDED = "What these figures count was not recorded"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What the comparison needs of an article."""

    id: int
    published: date | None
    outlet: str | None
    title: str = ""


@dataclass(slots=True)
class Report:
    id: int  # the annotation shown for this report
    annotation_ids: list[int]
    article_id: int
    quote: str
    start: int
    interval: Interval | None  # in the measure's unit
    unit: str
    attrs: dict[str, Any]  # the shown annotation's attributes
    given_interval: Interval | None  # in the unit the source gave
    window: Window | None
    claimant: str
    claimant_how: str  # "given", "speaker", "outlet", "unknown"
    grade: str | None
    credibility: str | None
    status: str
    analysts: list[str]
    statement_key: str | None
    _words: str | None = None

    @property
    def words(self) -> str:
        """The figure as its source put it, with its value in the measure's unit when the
        source used another ("500 sq mi (≈ 1,295 km²)"); worded on first use."""
        if self._words is None:
            words = figure_words(self.attrs, self.given_interval)
            if self.interval is not None and self.interval != self.given_interval:
                words = f"{words} (≈ {interval_words(self.interval, self.unit)})"
            self._words = words
        return self._words

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "annotation_ids": self.annotation_ids,
            "article_id": self.article_id,
            "quote": self.quote,
            "value": self.words,
            "low": _num(self.interval.low) if self.interval else None,
            "high": _num(self.interval.high) if self.interval else None,
            "unit": self.unit,
            "as_of": self.window.text if self.window else None,
            "as_of_inferred": self.window.inferred if self.window else False,
            "claimant": self.claimant,
            "claimant_from": self.claimant_how,
            "grade": self.grade,
            "credibility": self.credibility,
            "status": self.status,
            "analysts": self.analysts,
        }


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
            "low": _num(self.interval.low) if self.interval else None,
            "high": _num(self.interval.high) if self.interval else None,
            "report_ids": [r.id for r in self.reports],
            "article_ids": sorted({r.article_id for r in self.reports}),
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str
    annotation_ids: list[int]
    explanation: str
    statements: tuple[int, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "annotation_ids": self.annotation_ids,
            "explanation": self.explanation,
        }


@dataclass(slots=True)
class MeasureComparison:
    measure: str | None  # None: figures whose measure nobody recorded
    dimension: str
    unit: str
    reports: list[Report] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def claimants(self) -> list[str]:
        return list(dict.fromkeys(s.claimant for s in self.statements))

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "dimension": self.dimension,
            "unit": self.unit,
            "reports": [r.as_json() for r in self.reports],
            "statements": [s.as_json() for s in self.statements],
            "verdicts": [v.as_json() for v in self.verdicts],
        }


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value.is_integer() else value


# --- building reports ----------------------------------------------------------------

_window_cache: dict[str, Window] = {}


def _window(attrs: Mapping[str, Any], article: ArticleRef | None) -> Window | None:
    text = attrs.get("as_of")
    if text:
        found = _window_cache.get(text)
        if found is None:
            try:
                found = _window_cache[text] = parse_as_of(text)
            except UserError:
                found = None
        if found is not None:
            return found
    if article is not None and article.published is not None:
        return day_window(article.published, inferred=True)
    return None


def _claim_spans(claims: Iterable[AnnotationInfo]) -> dict[int, list[tuple[int, int, str]]]:
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for c in claims:
        who = c.attributes.get("attributed_to")
        if who:
            spans[c.article_id].append((c.start, c.end, who))
    return spans


def _claimant(
    attrs: Mapping[str, Any],
    a: AnnotationInfo,
    article: ArticleRef | None,
    claim_spans: dict[int, list[tuple[int, int, str]]],
) -> tuple[str, str]:
    """Who asserts a figure: given, else the speaker of an enclosing claim, else the outlet."""
    if attrs.get("claimant"):
        return str(attrs["claimant"]), "given"
    for start, end, who in claim_spans.get(a.article_id, ()):
        if start <= a.start and a.end <= end:
            return who, "speaker"
    if article is not None and article.outlet:
        return article.outlet, "outlet"
    # Each article's unnamed outlet is its own claimant: never one "unknown" for all.
    return f"unnamed outlet of article {a.article_id}", "unknown"


def span_clusters(items: list[AnnotationInfo]) -> list[list[AnnotationInfo]]:
    """Annotations of one article whose spans overlap (a chain of overlaps), in text order:
    several analysts' tags of one span are one report, never several."""
    items.sort(key=lambda x: (x.start, x.end, x.id))
    clusters: list[list[AnnotationInfo]] = []
    end = -1
    for a in items:
        if clusters and a.start < end:
            clusters[-1].append(a)
            end = max(end, a.end)
        else:
            clusters.append([a])
            end = a.end
    return clusters


def attach_unnamed(
    named: dict[str, list[list[AnnotationInfo]]], unnamed: list[list[AnnotationInfo]]
) -> list[list[AnnotationInfo]]:
    """Tags that leave a name out (no measure, no speaker) join the one named report of
    the same article their span overlaps: an analyst who left the field empty tagged the
    same figure or claim, not another one. Returns the clusters left on their own."""
    alone = []
    for cluster in unnamed:
        start = min(a.start for a in cluster)
        end = max(a.end for a in cluster)
        hits = [
            other
            for clusters in named.values()
            for other in clusters
            if min(a.start for a in other) < end and start < max(a.end for a in other)
        ]
        if len(hits) == 1:
            hits[0].extend(cluster)
        else:
            alone.append(cluster)
    return alone


def _measure_key(name: Any, measures: NameIndex[MeasureInfo]) -> str | None:
    record = measures.get(name) if name else None
    return record.name if record else (" ".join(str(name).split()) if name else None)


def build_reports(
    figures: Iterable[AnnotationInfo],
    claims: Iterable[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
    measures: NameIndex[MeasureInfo],
    band: float = DEFAULT_BAND,
) -> dict[str | None, MeasureComparison]:
    """Reports per measure: overlapping tags of one span by several analysts merged."""
    claim_spans = _claim_spans(claims)
    per_article: dict[int, dict[str, list[AnnotationInfo]]] = defaultdict(dict)
    keys: dict[str, str | None] = {}
    comparisons: dict[str | None, MeasureComparison] = {}
    for a in figures:
        key = _measure_key(a.attributes.get("counts"), measures)
        norm = norm_name(key) if key else ""
        per_article[a.article_id].setdefault(norm, []).append(a)
        if norm not in keys:
            keys[norm] = key
        if key not in comparisons:
            record = measures.get(key) if key else None
            unit = record.unit if record else str(a.attributes.get("unit") or "")
            dimension = record.dimension if record else (dimension_of(unit) or "other count")
            comparisons[key] = MeasureComparison(
                key, dimension, unit or BASE_UNIT.get(dimension, "")
            )
    for groups in per_article.values():
        named = {norm: span_clusters(items) for norm, items in groups.items() if norm}
        unnamed = span_clusters(groups[""]) if "" in groups else []
        if named:
            unnamed = attach_unnamed(named, unnamed)
        for norm, clusters in named.items():
            for cluster in clusters:
                _add_report(cluster, comparisons[keys[norm]], articles, actors, claim_spans, band)
        for cluster in unnamed:
            _add_report(cluster, comparisons[None], articles, actors, claim_spans, band)
    return {key: c for key, c in comparisons.items() if c.reports}


def _first(cluster: list[AnnotationInfo], name: str) -> Any:
    """An attribute of the report: the first tag of the span that gives it."""
    return next((a.attributes[name] for a in cluster if a.attributes.get(name)), None)


def _add_report(
    cluster: list[AnnotationInfo],
    comparison: MeasureComparison,
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
    claim_spans: dict[int, list[tuple[int, int, str]]],
    band: float,
) -> None:
    cluster.sort(key=lambda a: (_STATUS_RANK.get(a.status, 9), -len(a.attributes), a.id))
    best = cluster[0]
    attrs = best.attributes
    article = articles.get(best.article_id)
    given_unit = str(attrs.get("unit") or "")
    interval = interval_of(attrs, band)
    target = comparison.unit
    given_interval = interval
    if interval is not None and given_unit and target and given_unit != target:
        interval = interval.converted(given_unit, target)
    # A claimant or as-of one analyst gave and another left out belongs to the report.
    claimant = _first(cluster, "claimant")
    if claimant and not attrs.get("claimant"):
        who, how = str(claimant), "given"
    else:
        who, how = _claimant(attrs, best, article, claim_spans)
    as_of = _first(cluster, "as_of")
    actor = actors.get(who)
    comparison.reports.append(
        Report(
            id=best.id,
            annotation_ids=sorted(a.id for a in cluster),
            article_id=best.article_id,
            quote=best.quote,
            start=best.start,
            interval=interval,
            unit=target or given_unit,
            attrs=attrs,
            given_interval=given_interval,
            window=_window({"as_of": as_of} if as_of else attrs, article),
            claimant=actor.name if actor else who,
            claimant_how=how,
            grade=actor.grade if actor else None,
            credibility=(str(c) if (c := _first(cluster, "credibility")) else None),
            status=best.status,
            analysts=sorted({a.analyst for a in cluster}),
            statement_key=(str(k) if (k := _first(cluster, "statement")) else None),
        )
    )


# --- statements and verdicts -----------------------------------------------------------


def _compatible(a: Report, b: Report, guessed_dates: bool = True) -> bool:
    """Two reports of one claimant (the caller groups by claimant) that can be one statement.
    Without ``guessed_dates``, a date inferred from the article does not keep them apart."""
    dated = a.window is not None and b.window is not None
    if dated and not guessed_dates and (a.window.inferred or b.window.inferred):  # type: ignore[union-attr]
        dated = False
    if dated and not a.window.overlaps(b.window):  # type: ignore[union-attr]
        return False
    if a.interval is None or b.interval is None:
        return a.interval is None and b.interval is None and a.words == b.words
    return a.interval.overlaps(b.interval)


_NAMED = ("given", "speaker")  # a claimant someone named, not the outlet by default


def _join_outlet_defaults(
    reports: list[Report], root: Callable[[int], int], parent: list[int]
) -> None:
    """A figure whose claimant is only its outlet (nobody named one) is the statement of
    a named claimant in the same article with which it is compatible: the article
    repeats that claimant's figure, so the outlet is no second, independent claimant.
    The article's date, guessed for a mention that gives none, does not keep them apart."""
    named: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.claimant_how in _NAMED:
            named[r.article_id].append(i)
    if not named:
        return
    for i, r in enumerate(reports):
        if r.claimant_how in _NAMED or r.statement_key:
            continue
        for j in named.get(r.article_id, ()):
            if not reports[j].statement_key and _compatible(r, reports[j], guessed_dates=False):
                parent[root(i)] = root(j)
                break


def _one_per_article(members: list[Report]) -> list[Report]:
    """One report per article: an article that gives a statement twice (a headline and
    the text, or two analysts tagging two mentions) reports it once."""
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
        best = min(
            same, key=lambda r: (r.claimant_how not in _NAMED, _STATUS_RANK.get(r.status, 9))
        )
        out.append(
            replace(
                best,
                annotation_ids=sorted(i for r in same for i in r.annotation_ids),
                analysts=sorted({a for r in same for a in r.analysts}),
                credibility=best.credibility
                or next((r.credibility for r in same if r.credibility), None),
                status=min((r.status for r in same), key=lambda x: _STATUS_RANK.get(x, 9)),
            )
        )
    return out


def group_statements(reports: list[Report]) -> list[Statement]:
    """Reports into statements: linked by hand (same key), else automatically."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    by_claimant: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.statement_key:
            first = by_key.setdefault(r.statement_key, i)
            parent[root(i)] = root(first)
        else:
            by_claimant[norm_name(r.claimant)].append(i)
    for members in by_claimant.values():
        # Sweep in order of as-of: a report is compared only with those whose window is
        # still open when it starts (and with undated ones), not with every other report.
        undated = [i for i in members if reports[i].window is None]
        dated = sorted(
            (i for i in members if reports[i].window is not None),
            key=lambda i: reports[i].window.start,  # type: ignore[union-attr]
        )
        active: list[int] = []
        for i in dated:
            start = reports[i].window.start  # type: ignore[union-attr]
            active = [j for j in active if reports[j].window.end >= start]  # type: ignore[union-attr]
            for j in active:
                if root(i) != root(j) and _compatible(reports[i], reports[j]):
                    parent[root(i)] = root(j)
            active.append(i)
        for n, i in enumerate(undated):
            for j in undated[:n] + dated:
                if root(i) != root(j) and _compatible(reports[i], reports[j]):
                    parent[root(i)] = root(j)
    _join_outlet_defaults(reports, root, parent)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[root(i)].append(r)
    statements = []
    for members in groups.values():
        members.sort(key=lambda r: (r.article_id, r.start))
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
                norm_name(lead.claimant),
                _one_per_article(members),
                window,
                interval,
                lead.grade,
            )
        )
    statements.sort(
        key=lambda s: (s.window is None, s.window.start if s.window else date.max, s.claimant)
    )
    for n, s in enumerate(statements, start=1):
        s.number = n
    return statements


def _say(s: Statement) -> str:
    return f"{s.claimant}: {s.words} ({s.when})"


def _time_groups(statements: list[Statement]) -> list[list[Statement]]:
    dated = sorted(
        (s for s in statements if s.window is not None),
        key=lambda s: (s.window.start, s.window.end),
    )
    groups: list[list[Statement]] = []
    end: date | None = None
    for s in dated:
        assert s.window is not None
        if groups and end is not None and s.window.start <= end:
            groups[-1].append(s)
            end = max(end, s.window.end)
        else:
            groups.append([s])
            end = s.window.end
    return groups


def _ids(statements: Iterable[Statement]) -> list[int]:
    return sorted({i for s in statements for i in s.annotation_ids})


def _group_when(group: list[Statement]) -> str:
    windows = [s.window for s in group if s.window is not None]
    start = min(w.start for w in windows)
    end = max(w.end for w in windows)
    if len({w.text for w in windows}) == 1:
        return windows[0].label
    if start.day == 1 and (end + timedelta(days=1)).day == 1:  # whole months
        return Window(start, end, f"{start:%Y-%m}/{end:%Y-%m}").label
    return Window(start, end, f"{start.isoformat()}/{end.isoformat()}").label


def verdicts_for(comparison: MeasureComparison) -> list[Verdict]:
    if comparison.measure is None:
        return []  # figures of unknown measures are not compared with one another
    out: list[Verdict] = []
    for s in comparison.statements:
        if len(s.reports) > 1:  # one report per article (group_statements)
            where = ", ".join(f"article {r.article_id}" for r in s.reports)
            out.append(
                Verdict(
                    "echo",
                    s.annotation_ids,
                    f"Echo: {_say(s)} is one statement, reported in {len(s.reports)} "
                    f"articles ({where}); it counts once.",
                    (s.number,),
                )
            )
    groups = _time_groups(comparison.statements)
    group_by = {s.number: s for s in comparison.statements}
    for group in groups:
        when = _group_when(group)
        clashes = _clashes(group)
        if clashes:
            numbers = dict.fromkeys(n for pair in clashes for n in pair)
            involved = [s for s in group if s.number in numbers]
            same = all(group_by[a].key == group_by[b].key for a, b in clashes)
            who = "the same claimant gives incompatible values" if same else "incompatible values"
            if len(clashes) == 1:
                a, b = clashes[0]
                said = f"{_say(group_by[a])} vs {_say(group_by[b])}"
            else:
                said = (
                    "; ".join(_say(s) for s in involved) + f" ({len(clashes)} incompatible pairs)"
                )
            out.append(
                Verdict(
                    "disagreement",
                    _ids(involved),
                    f"Disagreement as of {when} ({who}): {said}.",
                    tuple(s.number for s in involved),
                )
            )
            continue
        claimants = list(dict.fromkeys(s.claimant for s in group))
        if len(claimants) > 1:
            values = "; ".join(_say(s) for s in group)
            out.append(
                Verdict(
                    "agreement",
                    _ids(group),
                    f"Agreement as of {when}: {len(claimants)} independent claimants give "
                    f"compatible values — {values}.",
                    tuple(s.number for s in group),
                )
            )
    if len(groups) > 1:
        steps = []
        changed = False
        for n, group in enumerate(groups):
            values = " / ".join(dict.fromkeys(s.words for s in group))
            steps.append(f"{values} ({_group_when(group)})")
            if n and not _any_overlap(groups[n - 1], group):
                changed = True
        head = "Changed" if changed else "Over time (values compatible)"
        claimed = ", ".join(dict.fromkeys(s.claimant for g in groups for s in g))
        out.append(
            Verdict(
                "change",
                _ids(s for g in groups for s in g),
                f"{head}: {' → '.join(steps)}. Values at different times are a change "
                f"over time, not a disagreement (claimed by {claimed}).",
                tuple(s.number for g in groups for s in g),
            )
        )
    order = {k: i for i, k in enumerate(("disagreement", "change", "agreement", "echo"))}
    return sorted(out, key=lambda v: order[v.kind])


def _clashes(group: list[Statement]) -> list[tuple[int, int]]:
    """Pairs of statements whose windows overlap and whose intervals do not."""
    inf = float("inf")
    rows = [
        (
            s.window.start,
            s.window.end,
            s.interval.low,
            inf if s.interval.high is None else s.interval.high,
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


def _any_overlap(a: list[Statement], b: list[Statement]) -> bool:
    return any(
        x.interval is not None and y.interval is not None and x.interval.overlaps(y.interval)
        for x in a
        for y in b
    )


def _report_order(r: Report) -> tuple:
    return (r.window is None, r.window.start if r.window else date.max, r.article_id, r.start)


def compare(
    figures: Iterable[AnnotationInfo],
    claims: Iterable[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
    measures: NameIndex[MeasureInfo],
    band: float = DEFAULT_BAND,
) -> list[MeasureComparison]:
    """Every measure's reports, statements and verdicts; compared measures first."""
    comparisons = build_reports(figures, claims, articles, actors, measures, band)
    for comparison in comparisons.values():
        comparison.reports.sort(key=_report_order)
        comparison.statements = group_statements(comparison.reports)
        merged = sum(len(s.reports) for s in comparison.statements)
        if merged != len(comparison.reports):  # one article's mentions became one report
            comparison.reports = sorted(
                (r for s in comparison.statements for r in s.reports), key=_report_order
            )
        comparison.verdicts = verdicts_for(comparison)
    return sorted(
        comparisons.values(),
        key=lambda c: (
            c.measure is None,
            -len(c.claimants),
            -len(c.reports),
            (c.measure or "").casefold(),
        ),
    )
