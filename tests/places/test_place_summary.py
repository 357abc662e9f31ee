"""The tagged places at a glance (one aggregate query): what the map shows on opening."""

from __future__ import annotations

from kursk_annotator.core.importers import NewArticle
from kursk_annotator.core.places.index import build_index
from kursk_annotator.core.places.summary import place_summaries
from kursk_annotator.core.workspace import Workspace


def test_summaries_agree_with_the_index_on_every_tagged_place(
    sample_workspace: Workspace,
) -> None:
    full = {r.key: r for r in build_index(sample_workspace).places if r.tags}
    summaries = place_summaries(sample_workspace)
    assert {s.key for s in summaries} == set(full)
    for s in summaries:
        record = full[s.key]
        assert (s.name, s.position, s.conflict, s.status) == (
            record.name,
            record.position,
            record.conflict,
            record.status,
        ), s.name
        assert s.tag_count == len(record.tags)
        # The tags alone: the texts add untagged mentions and the reports naming them.
        assert s.mention_count == sum(1 for m in record.mentions if m.annotation_ids)
        assert s.report_count == len({t.article_id for t in record.tags})
    oblast = next(s for s in summaries if s.name == "Kursk Oblast")
    assert oblast.report_count < full[oblast.key].report_count  # "Kursk region" in texts


def test_conflicting_positions_are_flagged_in_the_summary(workspace: Workspace) -> None:
    article = workspace.articles.add(
        NewArticle(title="Near the border", text="Troops entered Sudzha. Sudzha was shelled.")
    )
    text = workspace.annotations.article_text(article.id)
    first = text.index("Sudzha")
    second = text.index("Sudzha", first + 1)
    other = workspace.analysts.ensure("Mark Davies")
    workspace.annotations.create(
        article.id, "place", first, first + 6, workspace.analyst,
        attributes={"canonical_name": "Sudzha", "latitude": 51.19, "longitude": 35.27},
    )  # fmt: skip
    tag = workspace.annotations.create(
        article.id, "place", second, second + 6, other,
        attributes={"canonical_name": "Sudzha", "latitude": 51.50, "longitude": 36.00},
    )  # fmt: skip
    (sudzha,) = [s for s in place_summaries(workspace) if s.name == "Sudzha"]
    assert sudzha.conflict and sudzha.tag_count == 2 and sudzha.mention_count == 2
    # A rejected tag no longer counts, and with it goes the conflict.
    workspace.reviews.review(tag.id, workspace.analysts.ensure("Reviewer"), "reject", "wrong")
    (sudzha,) = [s for s in place_summaries(workspace) if s.name == "Sudzha"]
    assert not sudzha.conflict and sudzha.tag_count == 1
    assert sudzha.position == (51.19, 35.27)


def test_a_store_without_place_tags_has_no_places(workspace: Workspace) -> None:
    workspace.articles.add(NewArticle(title="Quiet", text="Nothing happened in Sudzha."))
    assert place_summaries(workspace) == []
