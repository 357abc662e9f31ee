"""Reports: each article's mention of a figure, with its claimant, as-of and interval.

The first step of the comparison (``comparison.py``). Several analysts' tags of one span
are one report; a tag that leaves the measure out joins the one named tag its span
overlaps. Everything a report needs that repeats across figures (a measure's record, an
actor, an as-of window, an article's date) is looked up once per distinct value, and a
report's words are made only when something shows them: the comparison of a large
library builds many reports and words few of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.evidence.asof import Window, day_window, parse_as_of
from kursk_annotator.core.evidence.labels import figure_words, interval_words
from kursk_annotator.core.evidence.models import norm_name
from kursk_annotator.core.evidence.quantities import DEFAULT_BAND, Interval, interval_of
from kursk_annotator.core.evidence.registry import ActorInfo, MeasureInfo, NameIndex
from kursk_annotator.core.evidence.units import UNITS
from kursk_annotator.core.records import AnnotationInfo

STATUS_RANK = {"accepted": 0, "pending": 1, "changes_requested": 2, "rejected": 3}


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
    key: str = ""  # the claimant's name as names are matched (norm_name)

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
            "low": num(self.interval.low) if self.interval else None,
            "high": num(self.interval.high) if self.interval else None,
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


def num(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value.is_integer() else value


_window_cache: dict[str, Window | None] = {}


def as_of_window(text: str) -> Window | None:
    """The window of a stored as-of value, None when it does not read (parsed once)."""
    try:
        return _window_cache[text]
    except KeyError:
        try:
            found: Window | None = parse_as_of(text)
        except UserError:
            found = None
        if len(_window_cache) < 100_000:
            _window_cache[text] = found
        return found


def article_window(article: ArticleRef | None) -> Window | None:
    """The article's date, as the inferred as-of of what it reports."""
    if article is not None and article.published is not None:
        return day_window(article.published, inferred=True)
    return None


def _window(attrs: Mapping[str, Any], article: ArticleRef | None) -> Window | None:
    text = attrs.get("as_of")
    if text:
        found = as_of_window(text)
        if found is not None:
            return found
    return article_window(article)


def _claim_spans(claims: Iterable[AnnotationInfo]) -> dict[int, list[tuple[int, int, str]]]:
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for c in claims:
        who = c.attributes.get("attributed_to")
        if who:
            spans[c.article_id].append((c.start, c.end, who))
    return spans


# The claimant of a figure nobody named in an article whose outlet is not known.
UNKNOWN_OUTLET = "unnamed outlet of article "


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
    return f"{UNKNOWN_OUTLET}{a.article_id}", "unknown"


def _span_order(x: AnnotationInfo) -> tuple[int, int, int]:
    return (x.start, x.end, x.id)


def span_clusters(items: list[AnnotationInfo]) -> list[list[AnnotationInfo]]:
    """Annotations of one article whose spans overlap (a chain of overlaps), in text order:
    several analysts' tags of one span are one report, never several."""
    if len(items) == 1:
        return [items]
    items.sort(key=_span_order)
    clusters: list[list[AnnotationInfo]] = []
    end = -1
    for a in items:
        if clusters and a.start < end:
            clusters[-1].append(a)
            if a.end > end:
                end = a.end
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


def _best_order(a: AnnotationInfo) -> tuple[int, int, int]:
    return (STATUS_RANK.get(a.status, 9), -len(a.attributes), a.id)


def _first(cluster: list[AnnotationInfo], name: str) -> Any:
    """An attribute of the report: the first tag of the span that gives it."""
    return next((a.attributes[name] for a in cluster if a.attributes.get(name)), None)


class ReportBuilder:
    """Makes the reports of one comparison: every lookup that repeats across figures (a
    measure or actor by name, an as-of window, an article's date, a unit conversion)
    is done once per distinct value."""

    def __init__(
        self,
        claims: Iterable[AnnotationInfo],
        articles: Mapping[int, ArticleRef],
        actors: NameIndex[ActorInfo],
        measures: NameIndex[MeasureInfo],
        band: float = DEFAULT_BAND,
    ) -> None:
        self.claim_spans = _claim_spans(claims)
        self.articles = articles
        self.actors = actors
        self.measures = measures
        self.band = band
        self._measure_keys: dict[Any, tuple[str | None, str]] = {}
        self._actor: dict[str, tuple[str, str | None, str]] = {}
        self._article_window: dict[int, Window | None] = {}
        self._factor: dict[tuple[str, str], float | None] = {}
        self._interval: dict[tuple[Any, Any], Interval | None] = {}

    def measure_key(self, name: Any) -> tuple[str | None, str]:
        """(the measure's name, its matching key); (None, "") when none is recorded."""
        try:
            return self._measure_keys[name]
        except KeyError:
            pass
        except TypeError:  # an unhashable value: looked up every time
            return self._measure_key(name)
        found = self._measure_keys[name] = self._measure_key(name)
        return found

    def _measure_key(self, name: Any) -> tuple[str | None, str]:
        record = self.measures.get(name) if name else None
        key = record.name if record else (" ".join(str(name).split()) if name else None)
        norm = norm_name(key) if key else ""
        return (key, norm) if norm else (None, "")

    def actor(self, who: str) -> tuple[str, str | None, str]:
        """(canonical name, grade, matching key) of a claimant as named."""
        try:
            return self._actor[who]
        except KeyError:
            actor = self.actors.get(who)
            name = actor.name if actor else who
            found = self._actor[who] = (name, actor.grade if actor else None, norm_name(name))
            return found

    def window(self, attrs: Mapping[str, Any], article_id: int) -> Window | None:
        text = attrs.get("as_of")
        if text:
            found = as_of_window(text)
            if found is not None:
                return found
        try:
            return self._article_window[article_id]
        except KeyError:
            found = self._article_window[article_id] = article_window(self.articles.get(article_id))
            return found

    def interval(self, attrs: Mapping[str, Any]) -> Interval | None:
        """``interval_of(attrs)``, made once per distinct value and qualifier."""
        if "low" in attrs or "high" in attrs or "value_max" in attrs:
            return interval_of(attrs, self.band)
        value = attrs.get("value")
        if value is None:
            return None
        key = (value, attrs.get("qualifier"))
        try:
            return self._interval[key]
        except KeyError:
            found = self._interval[key] = interval_of(attrs, self.band)
            return found
        except TypeError:  # an unhashable value
            return interval_of(attrs, self.band)

    def converted(self, interval: Interval, unit: str, target: str) -> Interval:
        try:
            factor = self._factor[(unit, target)]
        except KeyError:
            source, goal = UNITS.get(unit), UNITS.get(target)
            factor = None
            if source is not None and goal is not None and source[0] == goal[0]:
                factor = source[1] / goal[1]
            self._factor[(unit, target)] = factor
        if factor is None:
            return interval
        # The same arithmetic as units.convert, so values are bit for bit the same.
        high = None if interval.high is None else interval.high * UNITS[unit][1] / UNITS[target][1]
        return Interval(interval.low * UNITS[unit][1] / UNITS[target][1], high)

    def report(self, cluster: list[AnnotationInfo], unit_of_measure: str) -> Report:
        """The report of one span's tags, its values in the measure's unit."""
        if len(cluster) > 1:
            cluster.sort(key=_best_order)
        best = cluster[0]
        attrs = best.attributes
        given_unit = str(attrs.get("unit") or "")
        interval = given_interval = self.interval(attrs)
        if (
            interval is not None
            and given_unit
            and unit_of_measure
            and given_unit != unit_of_measure
        ):
            interval = self.converted(interval, given_unit, unit_of_measure)
        if len(cluster) == 1:
            claimant = attrs.get("claimant")
            if claimant:
                who, how = str(claimant), "given"
            else:
                who, how = _claimant(
                    attrs, best, self.articles.get(best.article_id), self.claim_spans
                )
            window = self.window(attrs, best.article_id)
            credibility = attrs.get("credibility")
            statement = attrs.get("statement")
            analysts = [best.analyst]
            ids = [best.id]
        else:
            # A claimant or as-of one analyst gave and another left out belongs to the report.
            claimant = _first(cluster, "claimant")
            if claimant and not attrs.get("claimant"):
                who, how = str(claimant), "given"
            else:
                who, how = _claimant(
                    attrs, best, self.articles.get(best.article_id), self.claim_spans
                )
            as_of = _first(cluster, "as_of")
            window = self.window({"as_of": as_of} if as_of else attrs, best.article_id)
            credibility = _first(cluster, "credibility")
            statement = _first(cluster, "statement")
            analysts = sorted({a.analyst for a in cluster})
            ids = sorted(a.id for a in cluster)
        name, grade, key = self.actor(who)
        return Report(
            best.id,
            ids,
            best.article_id,
            best.quote,
            best.start,
            interval,
            unit_of_measure or given_unit,
            attrs,
            given_interval,
            window,
            name,
            how,
            grade,
            str(credibility) if credibility else None,
            best.status,
            analysts,
            str(statement) if statement else None,
            None,
            key,
        )
