"""Agreement figures on cases small enough to compute by hand (the arithmetic is below)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kursk_annotator.core.agreement import cohen_kappa, compare, compare_analysts, tokens
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.services.articles import NewArticle

TEXT = "Kyiv said 12,000 troops reached Sudzha near Kursk."
# Tokens (runs of word characters): Kyiv said 12 000 troops reached Sudzha near Kursk = 9.

_NOW = datetime(2025, 1, 1, tzinfo=UTC)
_ids = iter(range(1, 1000))


def ann(kind: str, quote: str, analyst: str, text: str = TEXT) -> AnnotationInfo:
    start = text.index(quote)
    return AnnotationInfo(
        next(_ids), f"u{start}", 1, kind, start, start + len(quote), quote, "", "", "", {},
        1, analyst, "pending", 1, _NOW, _NOW,
    )  # fmt: skip


A = [
    ann("claim", "Kyiv said 12,000 troops reached Sudzha near Kursk", "A"),
    ann("figure", "12,000 troops", "A"),
    ann("place", "Sudzha", "A"),
    ann("place", "Kursk", "A"),
]
B = [
    ann("claim", "Kyiv said 12,000 troops reached Sudzha near Kursk", "B"),  # = A's claim
    ann("figure", "12,000", "B"),  # overlaps A's figure, shorter
    ann("figure", "Sudzha", "B"),  # A's place span, other kind
    ann("place", "Kursk", "B"),  # = A's place
]


def test_tokens_are_runs_of_word_characters() -> None:
    assert [TEXT[s:e] for s, e in tokens(TEXT)] == [
        "Kyiv", "said", "12", "000", "troops", "reached", "Sudzha", "near", "Kursk",
    ]  # fmt: skip


def test_exact_span_scores_per_kind_and_overall() -> None:
    result = compare(TEXT, A, B)
    # claim: A 1, B 1, 1 exact match -> P = 1/1, R = 1/1, F1 = 1
    assert result.exact["claim"].as_json() == pytest.approx(
        {"a_spans": 1, "b_spans": 1, "matched": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    )
    # figure: A 1, B 2, no exact match -> P = 0/2, R = 0/1, F1 = 0
    fig = result.exact["figure"]
    assert (fig.precision, fig.recall, fig.f1) == (0.0, 0.0, 0.0)
    # place: A 2 (Sudzha, Kursk), B 1 (Kursk) -> P = 1/1, R = 1/2, F1 = 2*1/(2+1) = 2/3
    place = result.exact["place"]
    assert (place.precision, place.recall) == (1.0, 0.5)
    assert place.f1 == pytest.approx(2 / 3)
    # overall (micro): matched 1+0+1 = 2 of A 4 and B 4 -> P = R = F1 = 2/4
    overall = result.exact["overall"]
    assert (overall.matched, overall.precision, overall.recall, overall.f1) == (2, 0.5, 0.5, 0.5)


def test_overlap_scores_count_the_shorter_figure() -> None:
    result = compare(TEXT, A, B)
    # figure: "12,000" overlaps "12,000 troops" -> matched 1: P = 1/2, R = 1/1, F1 = 2/3
    fig = result.overlap["figure"]
    assert (fig.matched, fig.precision, fig.recall) == (1, 0.5, 1.0)
    assert fig.f1 == pytest.approx(2 / 3)
    # overall: matched 1+1+1 = 3 of 4 and 4 -> P = R = F1 = 3/4
    assert result.overlap["overall"].f1 == pytest.approx(0.75)


def test_token_kappa_overall_uses_the_narrowest_kind() -> None:
    result = compare(TEXT, A, B)
    # A labels: claim claim figure figure figure claim place claim place
    # B labels: claim claim figure figure claim  claim figure claim place
    # po = 7/9 (all but "troops" and "Sudzha")
    # A counts: claim 4, figure 3, place 2; B counts: claim 5, figure 3, place 1
    # pe = (4*5 + 3*3 + 2*1) / 81 = 31/81
    # kappa = (63/81 - 31/81) / (1 - 31/81) = 32/50 = 0.64
    assert result.tokens == 9
    assert result.kappa["overall"] == pytest.approx(0.64)


def test_token_kappa_per_kind_is_binary() -> None:
    result = compare(TEXT, A, B)
    # figure: A in {12, 000, troops}, B in {12, 000, Sudzha}; po = 7/9
    # pe = (3*3 + 6*6)/81 = 45/81 -> kappa = (63-45)/(81-45) = 18/36 = 0.5
    assert result.kappa["figure"] == pytest.approx(0.5)
    # place: A in {Sudzha, Kursk}, B in {Kursk}; po = 8/9
    # pe = (2*1 + 7*8)/81 = 58/81 -> kappa = (72-58)/(81-58) = 14/23
    assert result.kappa["place"] == pytest.approx(14 / 23)
    # claim: every token inside both claims: pe = 1, kappa undefined
    assert result.kappa["claim"] is None


def test_merged_rows_pair_alike_differing_and_lone_spans() -> None:
    extra_a = ann("place", "Kyiv", "A")
    extra_b = ann("claim", "reached Sudzha", "B")
    rows = compare(TEXT, [*A, extra_a], [*B, extra_b]).rows
    summary = [
        (r.category, r.a.quote if r.a else None, r.b.quote if r.b else None, r.exact) for r in rows
    ]
    claim = "Kyiv said 12,000 troops reached Sudzha near Kursk"
    assert summary == [
        ("only_a", "Kyiv", None, False),  # text order: (start, end)
        ("both", claim, claim, True),
        ("both", "12,000 troops", "12,000", False),
        ("only_b", None, "reached Sudzha", False),
        ("different_kinds", "Sudzha", "Sudzha", True),
        ("both", "Kursk", "Kursk", True),
    ]


def test_one_span_matches_at_most_one_span_of_the_other_analyst() -> None:
    a = [ann("figure", "12,000 troops", "A")]
    b = [ann("figure", "12,000", "B"), ann("figure", "troops", "B")]
    result = compare(TEXT, a, b)
    # one A span, two B spans overlapping it: only one pairs -> P = 1/2, R = 1/1
    assert (result.overlap["figure"].precision, result.overlap["figure"].recall) == (0.5, 1.0)
    assert [r.category for r in result.rows] == ["both", "only_b"]


def test_nothing_to_compare_gives_undefined_figures() -> None:
    result = compare(TEXT, [], [])
    assert result.exact["overall"].precision is None
    assert result.exact["overall"].f1 is None
    assert result.kappa["overall"] is None  # every token "none" for both: pe = 1


def test_cohen_kappa_textbook_example() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    # po = 35/50 = 0.7; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_compare_two_stored_analysts(workspace) -> None:
    article = workspace.articles.add(NewArticle(text=TEXT))
    olena = workspace.analysts.ensure("Olena Kovalchuk")
    mark = workspace.analysts.ensure("Mark Davies")
    for who, items in ((olena, A), (mark, B)):
        for item in items:
            workspace.annotations.create(article.id, item.kind, item.start, item.end, who)
    # a deleted annotation is not counted
    gone = workspace.annotations.create_from_quote(article.id, "place", "Kyiv", mark)
    workspace.annotations.delete(gone.id, mark)
    result = compare_analysts(workspace, article.id, "Olena Kovalchuk", "Mark Davies")
    assert result.kappa["overall"] == pytest.approx(0.64)
    assert result.exact["overall"].b_spans == 4
    with pytest.raises(UserError, match="no analyst called 'Nobody'"):
        compare_analysts(workspace, article.id, "Olena Kovalchuk", "Nobody")
