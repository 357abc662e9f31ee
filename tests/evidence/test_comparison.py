"""The comparison on hand-made cases: disagreement, change, echo, agreement."""

from __future__ import annotations

from datetime import date

from kursk_annotator.core.evidence.service import figures_report, speakers_report
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace


def _article(ws: Workspace, text: str, published: date | None, outlet: str | None) -> int:
    return ws.articles.add(
        NewArticle(text=text, title=text[:30], outlet=outlet, published=published)
    ).id


def _figure(ws: Workspace, article: int, quote: str, **attrs: object) -> int:
    from kursk_annotator.core.evidence.quantities import parse_quantity

    return ws.annotations.create_from_quote(
        article, "figure", quote, ws.analyst, attributes={**parse_quantity(quote), **attrs}
    ).id


def _verdicts(ws: Workspace, measure: str) -> dict[str, list]:
    [comparison] = figures_report(ws, measure=measure)
    out: dict[str, list] = {}
    for v in comparison.verdicts:
        out.setdefault(v.kind, []).append(v)
    return out


def test_values_at_different_times_are_a_change_not_a_disagreement(workspace: Workspace) -> None:
    a = _article(workspace, "They held about 1,300 sq km in August.", date(2024, 9, 1), "Daily A")
    b = _article(
        workspace, "Kyiv still holds approximately 500 sq km.", date(2025, 1, 6), "Daily B"
    )
    first = _figure(workspace, a, "about 1,300 sq km", counts="territory held", claimant="Kyiv",
                    as_of="2024-08")  # fmt: skip
    second = _figure(workspace, b, "approximately 500 sq km", counts="territory held",
                     claimant="Daily B")  # fmt: skip
    verdicts = _verdicts(workspace, "territory held")
    assert set(verdicts) == {"change"}
    [change] = verdicts["change"]
    assert change.annotation_ids == sorted([first, second])
    assert change.explanation.startswith(
        "Changed: about 1,300 km² (August 2024) → about 500 km² (6 January 2025)"
    )


def test_incompatible_values_of_two_claimants_at_one_time_disagree(workspace: Workspace) -> None:
    a = _article(workspace, "Seoul says 12,000 troops arrived.", date(2024, 11, 1), "Daily A")
    b = _article(workspace, "Kyiv says 10,000 troops arrived.", date(2024, 11, 2), "Daily B")
    one = _figure(workspace, a, "12,000 troops", counts="troops sent", claimant="Seoul",
                  as_of="2024-11")  # fmt: skip
    two = _figure(workspace, b, "10,000 troops", counts="troops sent", claimant="Kyiv",
                  as_of="2024-11")  # fmt: skip
    verdicts = _verdicts(workspace, "troops sent")
    assert set(verdicts) == {"disagreement"}
    assert verdicts["disagreement"][0].annotation_ids == sorted([one, two])
    assert "Seoul: 12,000 troops" in verdicts["disagreement"][0].explanation


def test_one_statement_in_two_articles_is_an_echo_and_no_confirmation(workspace: Workspace) -> None:
    a = _article(
        workspace, "The General Staff said about 40 thousand people.", date(2025, 2, 6), "A"
    )
    b = _article(
        workspace, "Losses of about 40 thousand people, the staff said.", date(2025, 2, 6), "B"
    )
    for article in (a, b):
        _figure(workspace, article, "about 40 thousand people", counts="losses",
                claimant="General Staff")  # fmt: skip
    [comparison] = figures_report(workspace, measure="losses")
    assert len(comparison.statements) == 1
    assert [v.kind for v in comparison.verdicts] == ["echo"]  # not an agreement of two
    assert "counts once" in comparison.verdicts[0].explanation


def test_independent_claimants_with_compatible_values_agree(workspace: Workspace) -> None:
    a = _article(workspace, "Kyiv: over 1,000 sq km held.", date(2024, 8, 20), "A")
    b = _article(workspace, "Analysts: around 1,100 sq km held.", date(2024, 8, 21), "B")
    _figure(workspace, a, "over 1,000 sq km", counts="area", claimant="Kyiv", as_of="2024-08")
    _figure(workspace, b, "around 1,100 sq km", counts="area", claimant="ISW", as_of="2024-08")
    verdicts = _verdicts(workspace, "area")
    assert set(verdicts) == {"agreement"}
    assert "2 independent claimants" in verdicts["agreement"][0].explanation


def test_sources_whose_reliability_cannot_be_judged_confirm_nothing(
    workspace: Workspace,
) -> None:
    """Unattributed reports and an outlet nobody named may give the same value as a named
    claimant, but they are not independent confirmation: an echo could hide behind them."""
    workspace.evidence.ensure_actor("unattributed reports", type="other", grade="F")
    a = _article(workspace, "Kyiv: about 11,000 troops in Kursk.", date(2025, 1, 10), "A")
    b = _article(workspace, "Reports speak of some 11,000 troops.", date(2025, 1, 11), "B")
    c = _article(workspace, "About 11,000 troops are there.", date(2025, 1, 12), None)
    _figure(workspace, a, "about 11,000 troops", counts="troops", claimant="Kyiv", as_of="2025-01")
    _figure(workspace, b, "some 11,000 troops", counts="troops", claimant="unattributed reports",
            as_of="2025-01")  # fmt: skip
    _figure(workspace, c, "About 11,000 troops", counts="troops", as_of="2025-01")  # no outlet
    assert "agreement" not in _verdicts(workspace, "troops")  # one claimant who can confirm
    d = _article(workspace, "Seoul: about 11,500 troops.", date(2025, 1, 13), "D")
    seoul = _figure(workspace, d, "about 11,500 troops", counts="troops", claimant="Seoul",
                    as_of="2025-01")  # fmt: skip
    [agreement] = _verdicts(workspace, "troops")["agreement"]
    assert agreement.explanation.startswith("Agreement as of January 2025: 2 independent")
    assert "Kyiv: about 11,000 troops" in agreement.explanation
    assert "Seoul: about 11,500 troops" in agreement.explanation
    # The others are named as compatible, and said not to count.
    counted, _, others = agreement.explanation.partition("not counted as confirmation")
    assert "unattributed reports" not in counted and "unnamed outlet" not in counted
    assert "unattributed reports: about 11,000 troops" in others
    assert f"unnamed outlet of article {c}" in others
    assert seoul in agreement.annotation_ids and len(agreement.annotation_ids) == 2


def test_a_series_is_called_compatible_only_when_its_values_are(workspace: Workspace) -> None:
    """A time whose values disagree makes no "values compatible" series, even where some
    value of it fits the next time's (the briefing said both until now)."""
    a = _article(workspace, "Seoul: 12,000 troops in November.", date(2024, 11, 5), "A")
    b = _article(workspace, "Kyiv: 10,000 troops in November.", date(2024, 11, 6), "B")
    c = _article(workspace, "Seoul: about 12,000 troops now.", date(2025, 1, 6), "C")
    _figure(workspace, a, "12,000 troops", counts="troops", claimant="Seoul", as_of="2024-11")
    _figure(workspace, b, "10,000 troops", counts="troops", claimant="Kyiv", as_of="2024-11")
    _figure(workspace, c, "about 12,000 troops", counts="troops", claimant="Seoul",
            as_of="2025-01")  # fmt: skip
    verdicts = _verdicts(workspace, "troops")
    assert "disagreement" in verdicts
    [change] = verdicts["change"]
    assert change.explanation.startswith("Over time: ")
    assert "10,000 troops / 12,000 troops (November 2024) → about 12,000 troops" in (
        change.explanation
    )
    # One value fitting every statement of each step: compatible.
    b2 = _article(workspace, "Kyiv: 11,900 troops in January.", date(2025, 1, 7), "B")
    _figure(workspace, b2, "11,900 troops", counts="later troops", claimant="Kyiv",
            as_of="2024-11")  # fmt: skip
    _figure(workspace, c, "about 12,000 troops", counts="later troops", claimant="Seoul",
            as_of="2025-01")  # fmt: skip
    [later] = _verdicts(workspace, "later troops")["change"]
    assert later.explanation.startswith("Over time (values compatible): 11,900 troops")


def test_aliases_make_one_claimant_and_one_speaker(workspace: Workspace) -> None:
    a = _article(workspace, "Zelensky said: we hold the line.", date(2025, 1, 5), "A")
    b = _article(workspace, "Zelenskyy said: we hold the line today.", date(2025, 1, 5), "B")
    workspace.annotations.create_from_quote(
        a, "claim", "we hold the line", workspace.analyst, attributes={"attributed_to": "Zelensky"}
    )
    workspace.annotations.create_from_quote(
        b, "claim", "we hold the line today", workspace.analyst,
        attributes={"attributed_to": "Zelenskyy"},
    )  # fmt: skip
    workspace.evidence.merge_actors("Zelenskyy", "Zelensky")
    [speaker] = speakers_report(workspace)
    assert speaker.name == "Zelensky"
    # One remark reported by two outlets is one statement with two reports.
    assert [len(s.reports) for s in speaker.statements] == [2]


def test_manual_link_and_unlink_of_statements(workspace: Workspace) -> None:
    a = _article(workspace, "Kyiv: 44 clashes today.", date(2025, 1, 5), "A")
    b = _article(workspace, "Kyiv counted 44 clashes.", date(2025, 1, 5), "B")
    _figure(workspace, a, "44 clashes", counts="clashes", claimant="Kyiv", statement="s1")
    _figure(workspace, b, "44 clashes", counts="clashes", claimant="Kyiv", statement="s2")
    [comparison] = figures_report(workspace, measure="clashes")
    assert len(comparison.statements) == 2  # unlinked by hand: two statements
