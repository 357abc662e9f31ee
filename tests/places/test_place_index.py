"""Places across the library: mentions in the texts, reports, status, conflicts, dossier."""

from __future__ import annotations

import pytest

from kursk_annotator.core.errors import NotFoundError
from kursk_annotator.core.importers import NewArticle
from kursk_annotator.core.places.dossier import place_dossier, sentence_bounds
from kursk_annotator.core.places.index import build_index
from kursk_annotator.core.workspace import Workspace


def test_mentions_count_the_texts_not_only_the_tags(sample_workspace: Workspace) -> None:
    index = build_index(sample_workspace)
    oblast = index.find("Kursk Oblast")
    assert oblast is not None
    assert len(oblast.tags) == 3  # what the old Places table counted
    assert oblast.mention_count >= 20  # "Kursk region" is all over the texts
    assert oblast.report_count == 5
    # "Kursk Oblast" is a mention of the oblast, never also one of the city.
    city = index.find("Kursk")
    assert city is not None and city is not oblast
    spans = {(m.article_id, m.start) for m in oblast.mentions}
    assert not spans & {(m.article_id, m.start) for m in city.mentions}
    # The rejected "Read more" tag is no place.
    assert index.find("Read more") is None


def test_the_name_of_an_offensive_is_no_mention_of_the_city(workspace: Workspace) -> None:
    """ "The Kursk Offensive Operation began" does not speak of the city of Kursk; "fighting
    in Kursk" does. Tags stay what the analyst made them."""
    text = (
        "The Kursk Offensive Operation of the Defense Forces began on August 6. "
        "Their fighters are still fighting in Kursk. The Kursk operation goes on, and so "
        "does the Pokrovsk direction. Troops were seen in Pokrovsk."
    )
    workspace.articles.add(NewArticle(title="Operations", text=text))
    index = build_index(workspace, untagged=True)
    kursk, pokrovsk = index.find("Kursk"), index.find("Pokrovsk")
    assert kursk is not None and pokrovsk is not None
    assert [m.text for m in kursk.mentions] == ["Kursk"]
    assert text[kursk.mentions[0].start - 12 : kursk.mentions[0].start] == "fighting in "
    assert len(pokrovsk.mentions) == 1 and text[pokrovsk.mentions[0].end] == "."


def test_a_place_is_found_by_any_spelling(sample_workspace: Workspace) -> None:
    index = build_index(sample_workspace)
    assert index.find("kursk region") is index.find("Kursk Oblast")
    assert index.find("Kursk city") is index.find("Kursk")


def test_conflicting_coordinates_are_flagged_not_merged(workspace: Workspace) -> None:
    article = workspace.articles.add(
        NewArticle(title="Near the border", text="Troops entered Sudzha. Sudzha was shelled.")
    )
    me = workspace.analyst
    other = workspace.analysts.ensure("Mark Davies")
    text = workspace.annotations.article_text(article.id)
    first = text.index("Sudzha")
    second = text.index("Sudzha", first + 1)
    workspace.annotations.create(
        article.id, "place", first, first + 6, me,
        attributes={"canonical_name": "Sudzha", "latitude": 51.19, "longitude": 35.27},
    )  # fmt: skip
    workspace.annotations.create(
        article.id, "place", second, second + 6, other,
        attributes={"canonical_name": "Sudzha", "latitude": 51.50, "longitude": 36.00},
    )  # fmt: skip
    place = build_index(workspace).find("Sudzha")
    assert place is not None
    assert place.conflict
    assert sorted((c.latitude, c.longitude) for c in place.coordinates) == [
        (51.19, 35.27),
        (51.5, 36.0),
    ]
    assert place.as_json()["coordinate_conflict"] is True
    # A second tag at the same spot (within 2 km) is agreement, not conflict.
    workspace.annotations.update(
        place.tags[1].id, other, attributes={"canonical_name": "Sudzha", "latitude": 51.195,
                                             "longitude": 35.271}
    )  # fmt: skip
    assert not build_index(workspace).find("Sudzha").conflict


def test_status_follows_the_least_settled_tag(sample_workspace: Workspace) -> None:
    ws = sample_workspace
    sudzha = build_index(ws).find("Sudzha")
    assert sudzha.status == "pending"
    reviewer = ws.analysts.ensure("Reviewer")
    for tag in sudzha.tags:
        if tag.status != "accepted":
            ws.reviews.review(tag.id, reviewer, "accept", "")
    assert build_index(ws).find("Sudzha").status == "accepted"
    ws.reviews.review(sudzha.tags[0].id, reviewer, "request_changes", "check the district")
    assert build_index(ws).find("Sudzha").status == "changes_requested"


def test_dossier_lists_every_mention_newest_first_with_figures(
    sample_workspace: Workspace,
) -> None:
    dossier = place_dossier(sample_workspace, "sudzha")
    entries = dossier.entries
    assert len(entries) == dossier.place.mention_count
    dated = [e.article.published for e in entries if e.article.published]
    assert dated == sorted(dated, reverse=True)
    assert entries[0].article.published is not None  # undated reports come last
    untagged = [e for e in entries if not e.annotation_ids]
    assert untagged, "names in the text that nobody tagged belong in the dossier"
    held = next(e for e in entries if "500 square kilometers" in e.sentence)
    assert any("500 square kilometers" in f.quote for f in held.figures)
    assert "Sudzha" in held.sentence and held.sentence.endswith(".")


def test_unknown_place_suggests_close_names(sample_workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'Sudzha'"):
        place_dossier(sample_workspace, "Sudja")


def test_sentence_bounds() -> None:
    text = "First one. Troops reached Sudzha on Monday! Then more.\nNew line here"
    start = text.index("Sudzha")
    s, e = sentence_bounds(text, start, start + 6)
    assert text[s:e] == "Troops reached Sudzha on Monday!"


def test_gazetteer_names_and_case_forms_count_as_mentions(workspace: Workspace) -> None:
    article = workspace.articles.add(
        NewArticle(
            title="Бои у Суджи",
            text="Бои у Суджи продолжаются. Sudzha was shelled. Troops left Korenevo.",
        )
    )
    text = workspace.annotations.article_text(article.id)
    at = text.index("Sudzha")
    workspace.annotations.create(
        article.id, "place", at, at + 6, workspace.analyst,
        attributes={"canonical_name": "Sudzha"},
    )  # fmt: skip
    index = build_index(workspace)
    sudzha = index.find("Суджа")
    assert sudzha is not None and sudzha.name == "Sudzha"
    assert sorted(m.text for m in sudzha.mentions) == ["Sudzha", "Суджи"]
    assert sudzha.position is not None  # from the gazetteer: the tag gave none
    korenevo = index.find("Korenevo")
    assert korenevo is not None and korenevo.status == "untagged" and not korenevo.tags
    assert build_index(workspace, untagged=False).find("Korenevo") is None
