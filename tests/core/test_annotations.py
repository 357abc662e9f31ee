"""The annotation service: every change stored, validated, owned, versioned, in history."""

from __future__ import annotations

import pytest

from kursk_annotator.core.errors import (
    ConflictError,
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    UserError,
)
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace

TEXT = (
    "Reports suggest that some 11,000 North Korean troops are deployed in Kursk. "
    "The Russian Defense Ministry reported a repelled assault near Berdin."
)


@pytest.fixture
def article_id(workspace: Workspace) -> int:
    return workspace.articles.add(NewArticle(text=TEXT, title="Sample")).id


def test_create_stores_quote_context_and_attributes(workspace: Workspace, article_id: int) -> None:
    ann = workspace.annotations.create_from_quote(
        article_id,
        "figure",
        "some 11,000 North Korean troops",
        workspace.analyst,
        attributes={
            "value": 11000,
            "unit": "troops",
            "counts": "North Korean troops deployed",
            "qualifier": "approximately",
        },
    )
    assert TEXT[ann.start : ann.end] == "some 11,000 North Korean troops"
    assert ann.prefix == TEXT[max(0, ann.start - 32) : ann.start]
    assert ann.suffix == TEXT[ann.end : ann.end + 32]
    assert ann.attributes["value"] == 11000 and isinstance(ann.attributes["value"], int)
    assert ann.status == "pending" and ann.version == 1 and ann.analyst == "Test Analyst"
    [entry] = workspace.history.for_entity("annotation", ann.id)
    assert entry.action == "create" and entry.after["quote"] == ann.quote
    # The record create() hands back (from the INSERT itself) is the stored one.
    assert workspace.annotations.get(ann.id) == ann
    assert entry.after == {
        "kind": "figure",
        "start": ann.start,
        "end": ann.end,
        "quote": ann.quote,
        "note": "",
        "attributes": ann.attributes,
        "status": "pending",
    }


@pytest.mark.parametrize(
    ("kind", "attributes", "message"),
    [
        ("figure", {"qualifier": "roughly"}, "qualifier must be one of"),
        ("figure", {"value": 10, "value_max": 5}, "value_max must not be below value"),
        ("place", {"latitude": 51.2}, "both latitude and longitude"),
        ("place", {"latitude": 151.2, "longitude": 3}, "latitude"),
        ("claim", {"credibility": "sure"}, "credibility must be one of"),
        ("claim", {"colour": "red"}, "colour"),
        ("opinion", {}, "unknown kind"),
    ],
)
def test_invalid_attributes_are_refused(
    workspace: Workspace, article_id: int, kind: str, attributes: dict, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        workspace.annotations.create(
            article_id, kind, 0, 7, workspace.analyst, attributes=attributes
        )
    assert workspace.annotations.list(article_id=article_id) == []


def test_span_and_quote_errors(workspace: Workspace, article_id: int) -> None:
    with pytest.raises(UserError, match="outside the article"):
        workspace.annotations.create(article_id, "claim", 10, 10_000, workspace.analyst)
    with pytest.raises(UserError, match="empty or reversed"):
        workspace.annotations.create(article_id, "claim", 10, 10, workspace.analyst)
    with pytest.raises(UserError, match="empty or reversed"):
        workspace.annotations.create(article_id, "claim", 20, 10, workspace.analyst)
    with pytest.raises(UserError, match="not in the article"):
        workspace.annotations.create_from_quote(article_id, "place", "Sudzha", workspace.analyst)
    with pytest.raises(UserError, match="occurs 1 time"):
        workspace.annotations.create_from_quote(
            article_id, "place", "Berdin", workspace.analyst, occurrence=2
        )
    with pytest.raises(NotFoundError):
        workspace.annotations.create(999, "claim", 0, 3, workspace.analyst)


def test_update_delete_restore_write_history_and_bump_version(
    workspace: Workspace, article_id: int
) -> None:
    service, me = workspace.annotations, workspace.analyst
    ann = service.create_from_quote(article_id, "claim", "Berdin", me)
    ann = service.update(ann.id, me, expected_version=1, kind="place", note="a village")
    assert (ann.kind, ann.note, ann.version) == ("place", "a village", 2)
    deleted = service.delete(ann.id, me, expected_version=2)
    assert deleted == service.get(ann.id)  # what delete hands back is what is stored
    assert deleted.deleted and deleted.version == 3
    assert service.list(article_id=article_id) == []
    assert service.list(article_id=article_id, include_deleted=True)[0].deleted
    assert service.delete(ann.id, me) == deleted  # deleting again changes nothing
    with pytest.raises(ConflictError, match="changed meanwhile"):
        service.restore(ann.id, me, expected_version=2)
    restored = service.restore(ann.id, me, expected_version=3)
    assert restored == service.get(ann.id) and not restored.deleted and restored.version == 4
    assert [a.id for a in service.list(article_id=article_id)] == [ann.id]
    history = workspace.history.for_entity("annotation", ann.id)
    assert [h.action for h in history] == ["create", "update", "delete", "restore"]
    assert history[2].before["note"] == "a village" and history[2].after is None
    assert history[3].before is None and history[3].after["kind"] == "place"
    update = workspace.history.for_entity("annotation", ann.id)[1]
    assert update.before["kind"] == "claim" and update.after["kind"] == "place"


def test_stale_edit_is_refused(workspace: Workspace, article_id: int) -> None:
    service, me = workspace.annotations, workspace.analyst
    ann = service.create_from_quote(article_id, "claim", "Berdin", me)
    service.update(ann.id, me, expected_version=1, note="first")
    with pytest.raises(ConflictError, match="changed meanwhile"):
        service.update(ann.id, me, expected_version=1, note="second")
    assert service.get(ann.id).note == "first"


def test_only_the_author_may_change_an_annotation(workspace: Workspace, article_id: int) -> None:
    service = workspace.annotations
    olena = workspace.analysts.ensure("Olena Kovalchuk")
    mark = workspace.analysts.ensure("Mark Davies")
    ann = service.create_from_quote(article_id, "place", "Berdin", olena)
    with pytest.raises(PermissionDenied, match="belongs to Olena Kovalchuk"):
        service.update(ann.id, mark, note="mine now")
    with pytest.raises(PermissionDenied):
        service.delete(ann.id, mark)
    assert service.get(ann.id).note == "" and not service.get(ann.id).deleted
    # ...but anyone else may review it, and the verdict sets its status.
    workspace.reviews.review(ann.id, mark, "accept", "Checked on the map")
    assert service.get(ann.id).status == "accepted"
    with pytest.raises(PermissionDenied, match="your own"):
        workspace.reviews.review(ann.id, olena, "accept")


def test_duplicate_article_stores_nothing_new(workspace: Workspace, article_id: int) -> None:
    with pytest.raises(DuplicateError) as info:
        workspace.articles.add(NewArticle(text=TEXT.replace("\n", "\r\n") + "", title="Again"))
    assert info.value.existing_id == article_id
    assert len(workspace.articles.list()) == 1


def test_list_filters(sample_workspace: Workspace) -> None:
    service = sample_workspace.annotations
    marks = service.list(analysts=["Mark Davies"])
    assert marks and {a.analyst for a in marks} == {"Mark Davies"}
    figures = service.list(kinds=["figure"], statuses=["accepted"])
    assert figures and all(a.kind == "figure" and a.status == "accepted" for a in figures)
    per_article = service.list(article_id=1)
    assert [a.start for a in per_article] == sorted(a.start for a in per_article)


def test_samples_compare_troop_figures_across_sources(sample_workspace: Workspace) -> None:
    troops = [
        a
        for a in sample_workspace.annotations.list(kinds=["figure"])
        if a.attributes.get("counts") == "North Korean troops in Kursk Oblast"
    ]
    # "thousands of North Korean soldiers" has an interval (2,000-9,999), not a value.
    assert {a.attributes.get("value") for a in troops} == {10000, 11000, 12000, None}
    assert len({a.article_id for a in troops}) >= 3
    assert {a.analyst for a in troops} == {"Olena Kovalchuk", "Mark Davies"}
    statuses = {a.status for a in sample_workspace.annotations.list()}
    assert {"pending", "accepted", "rejected", "changes_requested"} <= statuses


def test_loading_samples_twice_adds_nothing(sample_workspace: Workspace) -> None:
    from kursk_annotator.core.samples import load_samples

    before = len(sample_workspace.annotations.list(include_deleted=True))
    report = load_samples(sample_workspace.store)
    assert report.articles_added == 0 and report.annotations_added == 0
    assert len(sample_workspace.annotations.list(include_deleted=True)) == before


def test_a_plain_tag_reads_back_as_it_was_handed_back(
    workspace: Workspace, article_id: int
) -> None:
    # A tag naming no actor or measure is stored by its compiled SQL (core/driver_insert):
    # what create() hands back is what reading the store gives, history included.
    ann = workspace.annotations.create_from_quote(
        article_id,
        "figure",
        "some 11,000 North Korean troops",
        workspace.analyst,
        note="Ukrainian intelligence’s figure",
        attributes={"value": 11000, "qualifier": "approximately"},
    )
    stored = workspace.annotations.get(ann.id)
    assert stored == ann
    assert stored.attributes == {"value": 11000, "qualifier": "approximately"}
    assert stored.note == "Ukrainian intelligence’s figure" and stored.version == 1
    assert stored.created == stored.updated and stored.created.utcoffset() is not None
    [entry] = workspace.history.for_entity("annotation", ann.id)
    assert entry.action == "create" and entry.analyst == "Test Analyst"
    assert entry.after is not None and entry.after["note"] == ann.note
    assert entry.after["attributes"] == {"value": 11000, "qualifier": "approximately"}


def test_a_tag_the_store_cannot_keep_is_refused_and_nothing_is_stored(
    workspace: Workspace, article_id: int
) -> None:
    before = workspace.annotations.list(article_id=article_id)
    with pytest.raises(UserError, match="NUL character"):
        workspace.annotations.create(article_id, "claim", 0, 5, workspace.analyst, note="a\x00b")
    assert workspace.annotations.list(article_id=article_id) == before
    assert workspace.history.for_entity("annotation", len(before) + 1) == []


def test_bulk_create_is_one_transaction(workspace: Workspace, article_id: int) -> None:
    items = [{"kind": "claim", "start": 0, "end": 7}, {"kind": "place", "start": 5, "end": 10_000}]
    with pytest.raises(UserError):
        workspace.annotations.bulk_create(article_id, items, workspace.analyst)
    assert workspace.annotations.list(article_id=article_id) == []
    assert workspace.annotations.bulk_create(article_id, items[:1] * 3, workspace.analyst) == 3


def test_reader_rows_in_text_order_share_repeated_strings(
    workspace: Workspace, article_id: int
) -> None:
    """An article's rows for the reader, read a batch at a time: every live annotation in
    text order, deleted ones left out, one string per kind, analyst and status."""
    from collections import namedtuple

    spans = [(80, 86), (0, 7), (20, 26), (0, 7), (50, 60)] * 2_500  # more than a batch
    items = [{"kind": "place", "start": s, "end": e} for s, e in spans]
    workspace.annotations.bulk_create(article_id, items, workspace.analyst)
    gone = workspace.annotations.list(article_id=article_id)[0].id
    workspace.annotations.delete(gone, workspace.analyst)
    Row = namedtuple("Row", "id kind start end analyst status quote note")
    rows = workspace.annotations.list_rows(article_id, Row._make)
    assert len(rows) == len(spans) - 1 and gone not in {r.id for r in rows}
    assert [(r.start, r.end, r.id) for r in rows] == sorted((r.start, r.end, r.id) for r in rows)
    first, last = rows[0], rows[-1]
    assert isinstance(first, Row) and first.quote == TEXT[0:7] and last.quote == TEXT[80:86]
    assert (first.kind, first.analyst, first.status) == ("place", workspace.analyst.name, "pending")
    assert first.kind is last.kind and first.analyst is last.analyst
    assert first.status is last.status
    assert workspace.annotations.list_rows(article_id) == [tuple(r) for r in rows]


def test_reader_rows_of_part_of_an_article_and_its_counts(
    workspace: Workspace, article_id: int
) -> None:
    """A long article's first view reads the rows starting in its first part, the rest
    those from there on: together every live row once, in text order. Its counts per kind
    and status cover every live row, read or not."""
    spans = [(0, 7), (20, 26), (50, 60), (80, 86), (20, 30)]
    statuses = ["pending", "accepted", "rejected", "pending", "pending"]
    kinds = ["place", "place", "claim", "figure", "place"]
    items = [
        {"kind": k, "start": s, "end": e, "status": st}
        for (s, e), k, st in zip(spans, kinds, statuses, strict=True)
    ]
    workspace.annotations.bulk_create(article_id, items, workspace.analyst)
    made = workspace.annotations.list(article_id=article_id)
    gone = next(a.id for a in made if a.start == 80)
    workspace.annotations.delete(gone, workspace.analyst)
    service = workspace.annotations
    first = service.list_rows(article_id, starts_in=(0, 50))
    rest = service.list_rows(article_id, starts_in=(50, 2**31 - 1))
    assert [(r[2], r[3]) for r in first] == [(0, 7), (20, 26), (20, 30)]
    assert [(r[2], r[3]) for r in rest] == [(50, 60)]  # the deleted one left out
    assert first + rest == service.list_rows(article_id)
    assert service.kind_status_counts(article_id) == {
        ("place", "pending"): 2,
        ("place", "accepted"): 1,
        ("claim", "rejected"): 1,
    }
