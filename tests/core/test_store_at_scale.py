"""Reading a large store a page at a time: pages, counts and light listings agree with
the full listings they stand in for (real SQLite files, several articles and analysts)."""

from __future__ import annotations

import re

import pytest

from kursk_annotator.core.services.annotations import text_position
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace

TEXT = (
    "The General Staff said 12,000 soldiers 🙂 crossed near Sudzha and Berdin, "
    "while the ministry spoke of about 40 thousand people in the Kursk region. "
)


@pytest.fixture
def busy(workspace: Workspace) -> Workspace:
    """Three articles, three analysts, 60 annotations each, some reviewed or deleted."""
    ws = workspace
    analysts = [ws.analysts.ensure(n) for n in ("Olena Kovalchuk", "Mark Davies", "Ilse Brandt")]
    for n in range(3):
        article = ws.articles.add(NewArticle(text=f"Dispatch {n}\n\n" + TEXT * 8, title=f"D{n}"))
        words = [m.span() for m in re.finditer(r"\w+", ws.annotations.article_text(article.id))]
        for who, analyst in enumerate(analysts):
            items = [
                {"kind": ("claim", "figure", "place")[i % 3], "start": s, "end": e}
                for i, (s, e) in enumerate(words[who : who + 60])
            ]
            ws.annotations.bulk_create(article.id, reversed(items), analyst)
    everything = ws.annotations.list()
    for info in everything[::7]:
        ws.annotations.set_status(info.id, analysts[0], "rejected")
    for info in everything[3::11]:
        ws.reviews.review(info.id, analysts[1] if info.analyst_id != analysts[1].id
                          else analysts[2], "request_changes", "source?")  # fmt: skip
    for info in everything[5::13]:
        owner = next(a for a in analysts if a.id == info.analyst_id)
        ws.annotations.delete(info.id, owner)
    return ws


def _all_pages(ws: Workspace, limit: int, **filters) -> list:
    rows, after = [], None
    while True:
        page = ws.annotations.page(after, limit, **filters)
        rows.extend(page)
        if len(page) < limit:
            return rows
        after = text_position(page[-1])


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"statuses": ["pending"], "not_by": "Mark Davies"},
        {"kinds": ["place"], "analysts": ["Ilse Brandt"]},
        {"article_id": 2, "statuses": ["rejected", "changes_requested"]},
        {"analysts": ["Olena Kovalchuk"], "statuses": ["changes_requested"],
         "change_requested": True},
    ],
)  # fmt: skip
def test_pages_walk_the_same_rows_as_the_full_list_and_count_them(busy, filters) -> None:
    me = filters.get("not_by")
    plain = {k: v for k, v in filters.items() if k not in ("not_by", "change_requested")}
    expected = [a for a in busy.annotations.list(**plain) if a.analyst != me]
    if filters.get("change_requested"):
        expected = [
            a for a in expected
            if any(r.verdict == "request_changes" for r in busy.reviews.thread(a.id))
        ]  # fmt: skip
    assert expected, "the filter should leave something to page through"
    assert _all_pages(busy, 17, **filters) == expected
    assert busy.annotations.count(**filters) == len(expected)


def test_a_name_nobody_has_matches_nothing(busy) -> None:
    assert busy.annotations.page(None, 10, analysts=["Nobody"]) == []
    assert busy.annotations.count(analysts=["Nobody"]) == 0
    assert busy.annotations.count(not_by="Nobody") == len(busy.annotations.list())


def test_counts_of_a_few_articles_match_the_full_listing(busy) -> None:
    full = {a.id: a.counts for a in busy.articles.list()}
    assert busy.articles.counts([2]) == {2: full[2]}
    assert busy.articles.counts() == full
    assert busy.articles.counts([999]) == {999: {"claim": 0, "figure": 0, "place": 0}}


def test_light_listing_has_titles_without_counts_or_text_columns(busy) -> None:
    full = busy.articles.list()
    light = busy.articles.list(light=True)
    assert [(a.id, a.title, a.url) for a in light] == [(a.id, a.title, a.url) for a in full]
    assert all(a.counts == {} and a.length is None for a in light)
    assert busy.articles.titles() == {a.id: a.title for a in full}
