"""Review rules in the core: verdicts, threads, requests for changes, adoption, history."""

from __future__ import annotations

from itertools import pairwise

import pytest

from kursk_annotator.core.errors import NotFoundError, PermissionDenied


def test_verdicts_set_status_and_nobody_reviews_their_own(scenario) -> None:
    ws, olena, mark = scenario.ws, scenario.olena, scenario.mark
    ws.reviews.review(scenario.o_figure.id, mark, "accept", "matches the source")
    assert ws.annotations.get(scenario.o_figure.id).status == "accepted"
    ws.reviews.review(scenario.m_place.id, olena, "reject")
    assert ws.annotations.get(scenario.m_place.id).status == "rejected"
    with pytest.raises(PermissionDenied, match="is your own"):
        ws.reviews.review(scenario.o_place.id, olena, "accept")
    assert ws.annotations.get(scenario.o_place.id).status == "pending"
    with pytest.raises(PermissionDenied, match="only its author can change it"):
        ws.annotations.update(scenario.o_place.id, mark, note="mine now")
    with pytest.raises(PermissionDenied):
        ws.annotations.delete(scenario.o_place.id, mark)


def test_request_for_changes_reaches_the_author_with_a_threaded_answer(scenario) -> None:
    ws, olena, mark = scenario.ws, scenario.olena, scenario.mark
    request = ws.reviews.review(
        scenario.o_figure.id, mark, "request_changes", "Give the value_max too"
    )
    assert [(a.id, r.text) for a, r in ws.reviews.change_requests_for(olena)] == [
        (scenario.o_figure.id, "Give the value_max too")
    ]
    assert ws.reviews.change_requests_for(mark) == []
    answer = ws.reviews.reply(scenario.o_figure.id, olena, "It is a point estimate", request.id)
    assert answer.parent_id == request.id and answer.verdict == "comment"
    ws.reviews.reply(scenario.o_figure.id, mark, "Fine", answer.id)
    thread = ws.reviews.thread(scenario.o_figure.id)
    assert [(e.analyst, e.verdict, e.parent_id) for e in thread] == [
        ("Mark Davies", "request_changes", None),
        ("Olena Kovalchuk", "comment", request.id),
        ("Mark Davies", "comment", answer.id),
    ]
    # Once accepted, the request is no longer waiting for Olena.
    ws.reviews.review(scenario.o_figure.id, mark, "accept")
    assert ws.reviews.change_requests_for(olena) == []
    with pytest.raises(NotFoundError, match="no thread entry"):
        ws.reviews.reply(scenario.o_place.id, mark, "wrong thread", request.id)


def test_adopt_accepts_one_side_and_rejects_the_other(scenario) -> None:
    ws = scenario.ws
    reviewer = ws.analysts.ensure("Reviewer")
    ws.reviews.adopt(scenario.o_figure.id, reviewer, [scenario.m_figure.id])
    assert ws.annotations.get(scenario.o_figure.id).status == "accepted"
    assert ws.annotations.get(scenario.m_figure.id).status == "rejected"
    [reason] = ws.reviews.thread(scenario.m_figure.id)
    assert reason.text == f"annotation {scenario.o_figure.id} adopted instead"


def test_adopting_ones_own_annotation_changes_nothing(scenario) -> None:
    ws = scenario.ws
    with pytest.raises(PermissionDenied, match="is your own"):
        ws.reviews.adopt(scenario.m_figure.id, scenario.olena, [scenario.o_figure.id])
    assert ws.annotations.get(scenario.m_figure.id).status == "pending"
    assert ws.annotations.get(scenario.o_figure.id).status == "pending"


def test_every_change_of_an_annotation_is_in_its_history(scenario) -> None:
    ws, olena, mark = scenario.ws, scenario.olena, scenario.mark
    ann = scenario.o_place
    ws.annotations.update(ann.id, olena, note="check spelling")
    ws.reviews.review(ann.id, mark, "request_changes", "Sudzha or Sudja?")
    ws.annotations.update(ann.id, olena, attributes={"canonical_name": "Sudzha (Suja)"})
    ws.reviews.review(ann.id, mark, "accept")
    ws.annotations.delete(ann.id, olena)
    ws.annotations.restore(ann.id, olena)
    entries = ws.history.for_entity("annotation", ann.id)
    assert [(e.action, e.analyst) for e in entries] == [
        ("create", "Olena Kovalchuk"),
        ("update", "Olena Kovalchuk"),
        ("review", "Mark Davies"),
        ("status", "Mark Davies"),
        ("update", "Olena Kovalchuk"),
        ("review", "Mark Davies"),
        ("status", "Mark Davies"),
        ("delete", "Olena Kovalchuk"),
        ("restore", "Olena Kovalchuk"),
    ]
    assert entries[1].before["note"] == "" and entries[1].after["note"] == "check spelling"
    assert entries[3].after == {"status": "changes_requested"}
    assert all(a.at <= b.at for a, b in pairwise(entries))
