"""Claims grouped into statements: the indexed grouping gives the statements that
comparing every report with every statement gives, on the sample store and on a
speaker with hundreds of claims, some of them echoed by other articles."""

from __future__ import annotations

import random
from datetime import date, timedelta

import regex

from kursk_annotator.core.evidence.asof import Window
from kursk_annotator.core.evidence.claims import ClaimReport, _same, group_statements
from kursk_annotator.core.evidence.service import speakers_report
from kursk_annotator.core.workspace import Workspace


def every_pair(reports: list[ClaimReport]) -> list[list[ClaimReport]]:
    """The plain rule: each report joins the first statement it matches entirely."""
    statements: list[list[ClaimReport]] = []
    for report in sorted(reports, key=lambda r: (r.article_id, r.start)):
        for group in statements:
            if all(_same(report, other) for other in group):
                group.append(report)
                break
        else:
            statements.append([report])
    return statements


def ids(statements: list[list[ClaimReport]]) -> list[list[int]]:
    return sorted(sorted(r.id for r in group) for group in statements)


def report(n: int, article: int, quote: str, day: date | None, key: str | None = None):
    window = Window(day, day, day.isoformat()) if day else None
    return ClaimReport(n, [n], article, quote, n, window, [], "pending", [], [], key)


def test_sample_store_statements_are_those_of_every_pair(sample_workspace: Workspace) -> None:
    speakers = speakers_report(sample_workspace)
    assert any(len(s.reports) > 1 for sp in speakers for s in sp.statements)  # an echo
    for speaker in speakers:
        reports = [r for s in speaker.statements for r in s.reports]
        assert ids([s.reports for s in speaker.statements]) == ids(every_pair(reports))


def test_a_busy_speaker_gets_the_statements_of_every_pair(sample_workspace: Workspace) -> None:
    articles = sample_workspace.articles
    text = " ".join(articles.get(a.id).text for a in articles.list())
    sentences = [s for s in regex.split(r"(?<=[.!?])\s+", text) if 20 < len(s) < 240]
    rng = random.Random(7)
    reports, n = [], 0
    for article in range(1, 121):
        for _ in range(4):
            n += 1
            quote = rng.choice(sentences)
            if rng.random() < 0.3:  # an outlet quotes part of it
                words = quote.split()
                quote = " ".join(words[: max(3, len(words) * 2 // 3)])
            day = date(2024, 8, 1) + timedelta(days=rng.randrange(60)) if n % 3 else None
            key = f"k{n % 5}" if n % 17 == 0 else None
            reports.append(report(n, article, quote, day, key))
    expected = ids(every_pair(reports))
    assert len(expected) < len(reports) - 50  # many echoes to find
    assert ids(group_statements(reports)) == expected


def test_a_statement_echoed_by_many_articles_is_grouped_as_every_pair() -> None:
    """Hundreds of articles repeat one remark, some with a few words more (each its own
    quote) or on their own dates: compared once per distinct quote and date, the
    statements are those of comparing every pair."""
    rng = random.Random(11)
    remark = "officials said the line held"
    reports, n = [], 0
    for article in range(1, 301):
        for slot in range(3):
            n += 1
            quote = remark
            if rng.random() < 0.15:  # runs on into the next sentence of its article
                quote += f". On day {slot + 2} of report {article}, about"
            elif rng.random() < 0.1:
                quote = f"the commander said the line would hold until day {slot}"
            day = date(2024, 8, 1) + timedelta(days=rng.randrange(3) * 40) if n % 4 == 0 else None
            reports.append(report(n, article, quote, day))
    expected = ids(every_pair(reports))
    assert max(len(group) for group in expected) > 100  # a statement of many reports
    assert ids(group_statements(reports)) == expected
