"""Suggestions against a real store: open ones, accepting, rejections remembered."""

from __future__ import annotations

import json
from datetime import date

from kursk_annotator.core.services.articles import NewArticle

TEXT = (
    "Russia's defence ministry said on Sunday that 12 thousand soldiers were near Sudzha. "
    "About 2,000 residents remain in Korenevo, according to local officials."
)


def _article(workspace):
    return workspace.articles.add(
        NewArticle(text=TEXT, title="Test", published=date(2025, 2, 6)), workspace.analyst
    )


def test_accept_stores_pending_annotations_with_proposed_attributes(workspace):
    article = _article(workspace)
    service = workspace.suggestions
    found = service.open_for(article.id, workspace.analyst)
    assert {s.kind for s in found} == {"figure", "place", "claim"}
    figure = next(s for s in found if s.quote.startswith("12 thousand"))
    assert service.accept(article.id, workspace.analyst, [figure]) == 1
    (stored,) = workspace.annotations.list(article_id=article.id)
    assert (stored.kind, stored.status, stored.quote) == ("figure", "pending", figure.quote)
    assert stored.attributes["value"] == 12000
    assert stored.attributes.get("counts", stored.attributes.get("measure")) == "soldiers"
    # An accepted suggestion is not proposed again; the others still are.
    again = service.open_for(article.id, workspace.analyst)
    assert figure.key not in {s.key for s in again}
    assert len(again) == len(found) - 1


def test_rejection_is_remembered_per_article_and_analyst(workspace):
    article = _article(workspace)
    service = workspace.suggestions
    place = next(s for s in service.open_for(article.id, workspace.analyst) if s.kind == "place")
    service.reject(article.id, workspace.analyst, place)
    service.reject(article.id, workspace.analyst, place)  # twice is once
    assert place.key not in {s.key for s in service.open_for(article.id, workspace.analyst)}
    other = workspace.analysts.ensure("Other Analyst")
    assert place.key in {s.key for s in service.open_for(article.id, other)}
    assert service.forget_rejections(article.id, workspace.analyst) == 1
    assert place.key in {s.key for s in service.open_for(article.id, workspace.analyst)}


def test_edited_attributes_replace_the_proposed_ones(workspace):
    article = _article(workspace)
    service = workspace.suggestions
    claim = next(s for s in service.open_for(article.id, workspace.analyst) if s.kind == "claim")
    service.accept(article.id, workspace.analyst, [claim], {"attributed_to": "MoD of Russia"})
    (stored,) = workspace.annotations.list(article_id=article.id)
    assert stored.attributes["attributed_to"] == "MoD of Russia"


def test_cli_suggest_lists_json_and_accepts(cli, sample_db):
    listed = cli("suggest", "4", "--json", "--kind", "figure", db=sample_db)
    items = json.loads(listed.stdout)
    assert items and all(i["kind"] == "figure" for i in items)
    assert set(items[0]) == {"kind", "start", "end", "quote", "confidence", "attributes"}
    first = next(i for i in items if i["quote"] == "about 40 thousand people")
    assert first["attributes"]["value"] == 40000
    accepted = cli("suggest", "4", "--accept", "--kind", "figure", "--min-confidence", "0.8",
                   db=sample_db)  # fmt: skip
    count = int(accepted.stdout.split()[1])
    assert count == sum(1 for i in items if i["confidence"] >= 0.8)
    left = json.loads(cli("suggest", "4", "--json", "--kind", "figure", db=sample_db).stdout)
    assert all(i["confidence"] < 0.8 for i in left)
    mine = json.loads(cli("annotations", "--article", "4", "--kind", "figure", "--status",
                          "pending", "--json", db=sample_db).stdout)  # fmt: skip
    assert sum(a["analyst"] == "Test Analyst" for a in mine) == count


def test_cli_suggest_bad_input_is_one_line(cli, sample_db):
    for args in (["suggest", "99"], ["suggest", "4", "--min-confidence", "2"]):
        result = cli(*args, db=sample_db, ok=False)
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1 and "error:" in result.stderr


def test_speaker_matched_to_the_store_actors_and_figure_claimant(workspace):
    workspace.evidence.ensure_actor(
        "Ministry of Defence of Russia", aliases=["Russia's defence ministry"], side="Russia"
    )
    article = _article(workspace)
    found = workspace.suggestions.open_for(article.id, workspace.analyst)
    claim = next(s for s in found if s.kind == "claim" and "defence ministry" in s.quote)
    assert claim.attributes["attributed_to"] == "Ministry of Defence of Russia"
    assert claim.attributes["side"] == "Russia"
    figure = next(s for s in found if s.quote.startswith("12 thousand"))
    assert figure.attributes["claimant"] == "Ministry of Defence of Russia"
    assert workspace.suggestions.accept(article.id, workspace.analyst, [figure]) == 1
    (stored,) = workspace.annotations.list(article_id=article.id)
    assert stored.attributes["claimant"] == "Ministry of Defence of Russia"
