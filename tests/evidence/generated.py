"""A generated library of figures for checking the comparison against a recorded result.

Deterministic (a seeded random generator): several analysts tagging one span or only
part of it, second mentions in one article, tags without measure or claimant, claimants
read from enclosing claims or outlets (or neither), aliases of actors and measures,
units to convert, open and vague intervals, as-of days, months, years and ranges,
undated articles, statement keys linking and separating reports, every review status.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kursk_annotator.core.evidence.comparison import ArticleRef
from kursk_annotator.core.evidence.registry import ActorInfo, MeasureInfo, NameIndex
from kursk_annotator.core.records import AnnotationInfo

NOW = datetime(2025, 2, 1, tzinfo=UTC)
ANALYSTS = ("Olena Kovalchuk", "Mark Davies", "Ivan Petrenko")
STATUSES = ("pending", "accepted", "changes_requested", "pending", "accepted")
QUALIFIERS = (None, "approximately", "over", "up to", "almost", "at least", None, None)
AS_OF = (None, None, "2024-08", "2024-09-12", "2024", "2024-08-12/2024-08-31", "2025-01")


def _info(n: int, article: int, kind: str, start: int, end: int, attrs: dict, r) -> Any:
    return AnnotationInfo(
        n, f"u{n}", article, kind, start, end, f"q{n % 13}", "", "", "", attrs,
        1, r.choice(ANALYSTS), r.choice(STATUSES), 1, NOW, NOW,
    )  # fmt: skip


def library(figures: int = 1500, measures: int = 30, seed: int = 10) -> tuple:
    """(figures, claims, articles, actors, measures) as ``compare`` takes them."""
    r = random.Random(seed)
    articles = {
        n: ArticleRef(
            n,
            None if n % 17 == 0 else date(2024, 8, 1) + timedelta(days=3 * n),
            None if n % 11 == 0 else f"Outlet {n % 7}",
            f"Article {n}",
        )
        for n in range(1, 61)
    }
    actors = NameIndex(
        [
            ActorInfo(1, "General Staff", ("Genshtab", "the General Staff"), "Ukraine", None, "C"),
            ActorInfo(2, "Russian Defence Ministry", ("MoD",), "Russia", None, "D"),
            ActorInfo(3, "Outlet 3", (), None, "media", "B"),
        ]
    )
    measure_records = NameIndex(
        [
            MeasureInfo(1, "measure 0", ("territory",), "area", "km²"),
            MeasureInfo(2, "measure 1", ("troops sent",), "people", "people"),
        ]
    )
    claimants = ["General Staff", "Genshtab", "MoD", "ISW", "Seoul", None, None]
    out: list[AnnotationInfo] = []
    claims: list[AnnotationInfo] = []
    n = 0
    for i in range(figures):
        n += 1
        article = r.randint(1, 60)
        start = r.randrange(0, 4000)
        m = r.randrange(measures)
        attrs: dict[str, Any] = {"value": r.choice((10, 12, 500, 1000, 1300, 11000, 12000))}
        if m == 0:
            attrs["unit"] = r.choice(("km²", "sq mi"))
        else:
            attrs["unit"] = r.choice(("troops", "people", "km", ""))
        if r.random() < 0.93:
            attrs["counts"] = r.choice(
                (f"measure {m}", f"Measure  {m}", "territory", "troops sent")
            )
        if who := r.choice(claimants):
            attrs["claimant"] = who
        if q := r.choice(QUALIFIERS):
            attrs["qualifier"] = q
        if r.random() < 0.05:
            attrs["low"], attrs["high"] = 200, 999
        if r.random() < 0.03:
            attrs["value_max"] = attrs["value"] * 2
        if when := r.choice(AS_OF):
            attrs["as_of"] = when
        if r.random() < 0.04:
            attrs["statement"] = f"s{r.randrange(5)}"
        if r.random() < 0.05:
            attrs["credibility"] = r.choice(("probably true", "doubtful"))
        length = r.randint(5, 30)
        out.append(_info(n, article, "figure", start, start + length, attrs, r))
        if r.random() < 0.15:  # a second analyst tags the same span, or part of it
            n += 1
            extra = {k: v for k, v in attrs.items() if r.random() < 0.7}
            shift = r.randint(0, length - 1)
            out.append(_info(n, article, "figure", start + shift, start + length, extra, r))
        if i % 4 == 0:  # a claim that may enclose the figure
            n += 1
            speaker = r.choice(("Zelensky", "Genshtab", "Syrskyi", "MoD"))
            claims.append(
                _info(n, article, "claim", max(0, start - 20), start + 40,
                      {"attributed_to": speaker}, r)
            )  # fmt: skip
    return out, claims, articles, actors, measure_records
