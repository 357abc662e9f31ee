"""The comparison: per measure, statements ordered by as-of, and what they amount to.

A pure function of the annotations (plus the articles' dates and outlets and the actor
and measure records), so the CLI, the Figures view and the briefing say the same thing.

- A **report** is one article's report of a statement (``reports.py``): annotations of
  one span by several analysts are one report, and so are two mentions of one statement
  in one article.
- A **statement** (``statements.py``) is one claimant's figure at one time: reports by
  the same claimant for the same measure with overlapping as-of windows and compatible
  intervals are one statement (or reports the analyst linked by giving them the same
  ``statement`` key).
- Verdicts (``verdicts.py``): **echo** (one statement, several reports: counted once),
  **disagreement** (statements whose windows overlap and whose intervals do not),
  **agreement** (independent claimants, overlapping windows, compatible intervals:
  confirmations are counted in claimants, never articles), **change** (statements at
  different times, as a series).

A verdict's words are written when something reads them (the Figures view shows one
measure at a time); which verdicts there are is decided at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kursk_annotator.core.cycle_collection import without_cycle_collection
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND
from kursk_annotator.core.evidence.registry import ActorInfo, MeasureInfo, NameIndex
from kursk_annotator.core.evidence.reports import (
    ArticleRef,
    Report,
    ReportBuilder,
    attach_unnamed,
    span_clusters,
)
from kursk_annotator.core.evidence.statements import Statement, group_statements
from kursk_annotator.core.evidence.units import BASE_UNIT, dimension_of
from kursk_annotator.core.evidence.verdicts import VERDICT_KINDS, Verdict, verdicts_for
from kursk_annotator.core.records import AnnotationInfo

__all__ = [
    "VERDICT_KINDS",
    "ArticleRef",
    "MeasureComparison",
    "Report",
    "Statement",
    "Verdict",
    "build_reports",
    "compare",
    "compare_measure",
    "comparison_order",
    "group_statements",
    "verdicts_for",
]

UNRECORDED = "What these figures count was not recorded"


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


# --- reports per measure ----------------------------------------------------------------


def build_reports(
    figures: Iterable[AnnotationInfo],
    claims: Iterable[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
    measures: NameIndex[MeasureInfo],
    band: float = DEFAULT_BAND,
) -> dict[str | None, MeasureComparison]:
    """Reports per measure: overlapping tags of one span by several analysts merged."""
    builder = ReportBuilder(claims, articles, actors, measures, band)
    measure_key = builder.measure_key
    per_article: dict[int, dict[str, list[AnnotationInfo]]] = {}
    keys: dict[str, str | None] = {}
    comparisons: dict[str | None, MeasureComparison] = {}
    for a in figures:
        key, norm = measure_key(a.attributes.get("counts"))
        groups = per_article.get(a.article_id)
        if groups is None:
            groups = per_article[a.article_id] = {}
        items = groups.get(norm)
        if items is None:
            groups[norm] = [a]
        else:
            items.append(a)
        if norm not in keys:
            keys[norm] = key
        if key not in comparisons:
            record = measures.get(key) if key else None
            unit = record.unit if record else str(a.attributes.get("unit") or "")
            dimension = record.dimension if record else (dimension_of(unit) or "other count")
            comparisons[key] = MeasureComparison(
                key, dimension, unit or BASE_UNIT.get(dimension, "")
            )
    report = builder.report
    for groups in per_article.values():
        unnamed = groups.pop("", None)
        named = {norm: span_clusters(items) for norm, items in groups.items()}
        alone = span_clusters(unnamed) if unnamed else []
        if named and alone:
            alone = attach_unnamed(named, alone)
        for norm, clusters in named.items():
            comparison = comparisons[keys[norm]]
            unit, append = comparison.unit, comparison.reports.append
            for cluster in clusters:
                append(report(cluster, unit))
        if alone:
            comparison = comparisons[None]
            for cluster in alone:
                comparison.reports.append(report(cluster, comparison.unit))
    return {key: c for key, c in comparisons.items() if c.reports}


def _report_order(r: Report) -> tuple:
    window = r.window
    if window is None:
        return (True, date.max, r.article_id, r.start)
    return (False, window.start, r.article_id, r.start)


def comparison_order(c: MeasureComparison) -> tuple:
    return (c.measure is None, -len(c.claimants), -len(c.reports), (c.measure or "").casefold())


def compare(
    figures: Iterable[AnnotationInfo],
    claims: Iterable[AnnotationInfo],
    articles: Mapping[int, ArticleRef],
    actors: NameIndex[ActorInfo],
    measures: NameIndex[MeasureInfo],
    band: float = DEFAULT_BAND,
) -> list[MeasureComparison]:
    """Every measure's reports, statements and verdicts; compared measures first."""
    with without_cycle_collection():
        comparisons = build_reports(figures, claims, articles, actors, measures, band)
        for comparison in comparisons.values():
            compare_measure(comparison)
        return sorted(comparisons.values(), key=comparison_order)


def compare_measure(comparison: MeasureComparison) -> MeasureComparison:
    """One measure's statements and verdicts from its reports (in place)."""
    comparison.reports.sort(key=_report_order)
    comparison.statements = group_statements(comparison.reports)
    merged = sum(len(s.reports) for s in comparison.statements)
    if merged != len(comparison.reports):  # one article's mentions became one report
        comparison.reports = sorted(
            (r for s in comparison.statements for r in s.reports), key=_report_order
        )
    comparison.verdicts = verdicts_for(comparison)
    return comparison
