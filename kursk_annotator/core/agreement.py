"""How far two analysts agree on one article.

Analyst A is the reference, B is compared with it:

* **Span matching.** Exact: same start, end and kind. Overlap: same kind and at least one
  shared character. Matching is one-to-one (an A span pairs with at most one B span), so
  precision = matched / B's spans and recall = matched / A's spans, per kind and overall
  (micro-averaged: sums of matches and spans over the kinds). A figure that is undefined
  (nothing to divide by) is ``None``, shown as "—".
* **Cohen's kappa over tokens.** A token is a maximal run of word characters (Python's
  ``\\w``, Unicode-aware): "12,000 North-Korean troops" has the tokens 12, 000, North,
  Korean, troops. Spaces and punctuation are not tokens. Overall, a token's label for an
  analyst is the kind of the *narrowest* of their annotations touching it (so a figure
  inside a claim counts as figure), or "none"; per kind, the label is "in a span of that
  kind" or not (nested kinds are judged separately). kappa = (po - pe) / (1 - pe); it is
  ``None`` when pe = 1 (both analysts put every token in one and the same class).
* **Merged list.** Pairs both analysts' annotations: ``both`` (same kind, same or
  overlapping span), ``different_kinds`` (the same stretch of text — exactly, or overlapping
  by at least half of the union — tagged with another kind), ``only_a``, ``only_b``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

Category = Literal["both", "different_kinds", "only_a", "only_b"]
TOKEN = re.compile(r"\w+")
NONE_LABEL = "none"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class Scores:
    """Span agreement of B against reference A for one kind (or all kinds)."""

    a_spans: int
    b_spans: int
    matched: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.b_spans)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.a_spans)

    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written with counts: 2m / (|A| + |B|), defined unless both are empty.
        return _ratio(2 * self.matched, self.a_spans + self.b_spans)

    def as_json(self) -> dict[str, Any]:
        return {
            "a_spans": self.a_spans,
            "b_spans": self.b_spans,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    category: Category
    a: AnnotationInfo | None
    b: AnnotationInfo | None

    @property
    def start(self) -> int:
        return min(x.start for x in (self.a, self.b) if x is not None)

    @property
    def end(self) -> int:
        return max(x.end for x in (self.a, self.b) if x is not None)

    @property
    def exact(self) -> bool:
        """Both sides cover exactly the same characters."""
        return (
            self.a is not None
            and self.b is not None
            and (self.a.start, self.a.end) == (self.b.start, self.b.end)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "a": _brief(self.a),
            "b": _brief(self.b),
        }


def _brief(a: AnnotationInfo | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"id": a.id, "kind": a.kind, "start": a.start, "end": a.end, "quote": a.quote}


@dataclass(frozen=True, slots=True)
class Agreement:
    analyst_a: str
    analyst_b: str
    exact: dict[str, Scores]  # per kind and "overall"
    overlap: dict[str, Scores]
    kappa: dict[str, float | None]  # per kind and "overall"
    tokens: int
    rows: list[ComparisonRow] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "analyst_a": self.analyst_a,
            "analyst_b": self.analyst_b,
            "tokens": self.tokens,
            "exact": {k: v.as_json() for k, v in self.exact.items()},
            "overlap": {k: v.as_json() for k, v in self.overlap.items()},
            "kappa": dict(self.kappa),
            "rows": [r.as_json() for r in self.rows],
        }


def _overlap(x: AnnotationInfo, y: AnnotationInfo) -> int:
    return max(0, min(x.end, y.end) - max(x.start, y.start))


def _union(x: AnnotationInfo, y: AnnotationInfo) -> int:
    return max(x.end, y.end) - min(x.start, y.start)


def _candidates(
    a: Sequence[AnnotationInfo], b: Sequence[AnnotationInfo], exact: bool
) -> Iterator[tuple[AnnotationInfo, AnnotationInfo]]:
    """Pairs that share at least one character (or the very same span, if ``exact``).

    B is sorted by start once; for each A span only the B spans starting between
    ``a.start - longest B span`` and ``a.end`` can overlap it, so thousands of
    annotations per analyst do not cost a full cross product.
    """
    if exact:
        by_span: dict[tuple[int, int], list[AnnotationInfo]] = {}
        for y in b:
            by_span.setdefault((y.start, y.end), []).append(y)
        for x in a:
            for y in by_span.get((x.start, x.end), ()):
                yield x, y
        return
    ordered = sorted(b, key=lambda y: y.start)
    starts = [y.start for y in ordered]
    longest = max((y.end - y.start for y in ordered), default=0)
    for x in a:
        for i in range(bisect_left(starts, x.start - longest), bisect_left(starts, x.end)):
            if ordered[i].end > x.start:
                yield x, ordered[i]


def _pairs(
    a: Sequence[AnnotationInfo], b: Sequence[AnnotationInfo], same_kind: bool, exact: bool
) -> list[tuple[AnnotationInfo, AnnotationInfo]]:
    """One-to-one pairs, the largest overlaps first (ties: text order)."""
    candidates = []
    for x, y in _candidates(a, b, exact):
        if (x.kind == y.kind) != same_kind:
            continue
        shared = _overlap(x, y)
        if exact or same_kind or 2 * shared >= _union(x, y):
            candidates.append((shared, x.start, y.start, x, y))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3].id, c[4].id))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for *_, x, y in candidates:
        if x.id in used_a or y.id in used_b:
            continue
        used_a.add(x.id)
        used_b.add(y.id)
        pairs.append((x, y))
    return pairs


def span_scores(
    a: Sequence[AnnotationInfo], b: Sequence[AnnotationInfo], exact: bool
) -> dict[str, Scores]:
    """Precision/recall/F1 per kind and ``overall`` (B against reference A)."""
    result: dict[str, Scores] = {}
    totals = [0, 0, 0]
    for kind in kinds.names():
        ak = [x for x in a if x.kind == kind]
        bk = [y for y in b if y.kind == kind]
        matched = len(_pairs(ak, bk, same_kind=True, exact=exact))
        result[kind] = Scores(len(ak), len(bk), matched)
        for i, n in enumerate((len(ak), len(bk), matched)):
            totals[i] += n
    result["overall"] = Scores(*totals)
    return result


def tokens(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every token: maximal runs of word characters."""
    return [m.span() for m in TOKEN.finditer(text)]


def _labels(spans: list[tuple[int, int]], annotations: Sequence[AnnotationInfo]) -> list[str]:
    """Overall label per token: the kind of the narrowest annotation touching it."""
    labels = [NONE_LABEL] * len(spans)
    width = [0] * len(spans)
    starts = [s for s, _ in spans]
    for ann in annotations:
        # Tokens touching [ann.start, ann.end): those starting before its end and ending after
        # its start; tokens do not overlap, so a bisect on the starts finds them.
        lo = max(0, bisect_right(starts, ann.start) - 1)
        hi = bisect_left(starts, ann.end)
        size = ann.end - ann.start
        for i in range(lo, hi):
            if spans[i][1] <= ann.start:
                continue
            if labels[i] == NONE_LABEL or size < width[i]:
                labels[i], width[i] = ann.kind, size
    return labels


def cohen_kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long label sequences (``None`` when undefined)."""
    n = len(labels_a)
    if n == 0 or n != len(labels_b):
        return None
    observed = sum(x == y for x, y in zip(labels_a, labels_b, strict=True)) / n
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def token_kappa(
    text: str, a: Sequence[AnnotationInfo], b: Sequence[AnnotationInfo]
) -> tuple[dict[str, float | None], int]:
    """Kappa overall and per kind (binary), and the number of tokens."""
    spans = tokens(text)
    result: dict[str, float | None] = {}
    for kind in kinds.names():
        la = _labels(spans, [x for x in a if x.kind == kind])
        lb = _labels(spans, [y for y in b if y.kind == kind])
        result[kind] = cohen_kappa(la, lb)  # labels are just kind or "none": binary
    result["overall"] = cohen_kappa(_labels(spans, a), _labels(spans, b))
    return result, len(spans)


def merged_rows(a: Sequence[AnnotationInfo], b: Sequence[AnnotationInfo]) -> list[ComparisonRow]:
    """Both analysts' annotations paired into rows, in text order."""
    rows: list[ComparisonRow] = []
    same = _pairs(a, b, same_kind=True, exact=True)
    used_a = {x.id for x, _ in same}
    used_b = {y.id for _, y in same}
    rest_a = [x for x in a if x.id not in used_a]
    rest_b = [y for y in b if y.id not in used_b]
    same += _pairs(rest_a, rest_b, same_kind=True, exact=False)
    rows += [ComparisonRow("both", x, y) for x, y in same]
    used_a = {x.id for x, _ in same}
    used_b = {y.id for _, y in same}
    rest_a = [x for x in a if x.id not in used_a]
    rest_b = [y for y in b if y.id not in used_b]
    other = _pairs(rest_a, rest_b, same_kind=False, exact=False)
    rows += [ComparisonRow("different_kinds", x, y) for x, y in other]
    used_a |= {x.id for x, _ in other}
    used_b |= {y.id for _, y in other}
    rows += [ComparisonRow("only_a", x, None) for x in a if x.id not in used_a]
    rows += [ComparisonRow("only_b", None, y) for y in b if y.id not in used_b]
    rows.sort(key=lambda r: (r.start, r.end, r.a.id if r.a else 0, r.b.id if r.b else 0))
    return rows


def compare(
    text: str,
    a: Sequence[AnnotationInfo],
    b: Sequence[AnnotationInfo],
    analyst_a: str = "A",
    analyst_b: str = "B",
) -> Agreement:
    """All agreement figures and the merged list for one article's text."""
    kappa, n_tokens = token_kappa(text, a, b)
    return Agreement(
        analyst_a=analyst_a,
        analyst_b=analyst_b,
        exact=span_scores(a, b, exact=True),
        overlap=span_scores(a, b, exact=False),
        kappa=kappa,
        tokens=n_tokens,
        rows=merged_rows(a, b),
    )


def compare_analysts(
    workspace: Workspace, article_id: int, analyst_a: str, analyst_b: str
) -> Agreement:
    """Compare two analysts' live (not deleted) annotations on one stored article."""
    if analyst_a == analyst_b:
        raise UserError("compare two different analysts: give two names")
    for name in (analyst_a, analyst_b):
        workspace.analysts.find(name)  # a clear error for a misspelt name
    text = workspace.annotations.article_text(article_id)
    a = workspace.annotations.list(article_id=article_id, analysts=[analyst_a])
    b = workspace.annotations.list(article_id=article_id, analysts=[analyst_b])
    return compare(text, a, b, analyst_a, analyst_b)
