"""W3C Web Annotation export and import: conformance, round trips, re-anchoring, orphans."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.exchange.importer import import_annotations
from kursk_annotator.core.exchange.orphans import list_orphans
from kursk_annotator.core.exchange.w3c import ANNO_CONTEXT, export_annotations, write_annotations
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

from .conftest import TEXT, URL

XSD_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _items(collection: dict) -> list[dict]:
    return collection["first"]["items"]


@pytest.fixture
def fresh(tmp_path: Path) -> Workspace:
    ws = Workspace(open_store(str(tmp_path / "fresh.sqlite")), "Importer")
    yield ws
    ws.close()


def _comparable(ws: Workspace) -> list[dict]:
    rows = []
    for a in ws.annotations.list():
        data = a.as_json()
        data.pop("id")
        data.pop("article_id")
        data["created"], data["updated"] = a.created, a.updated  # full precision
        rows.append(data)
    return sorted(rows, key=lambda r: r["uid"])


def test_export_meets_the_web_annotation_model_musts(scenario) -> None:
    ws = scenario.ws
    ws.annotations.update(scenario.o_place.id, scenario.olena, note="")
    collection = export_annotations(ws)
    # Collection: @context with the anno context, an IRI, the AnnotationCollection type.
    context = collection["@context"]
    assert context == ANNO_CONTEXT or ANNO_CONTEXT in context
    assert IRI.match(collection["id"]) and collection["type"] == "AnnotationCollection"
    assert collection["total"] == 5
    page = collection["first"]
    assert IRI.match(page["id"]) and page["type"] == "AnnotationPage"
    assert page["partOf"] == collection["id"]
    assert isinstance(page["items"], list) and len(page["items"]) == 5
    text = ws.annotations.article_text(scenario.article_id)
    for item in page["items"]:
        assert item["type"] == "Annotation"
        assert IRI.match(item["id"]) and item["id"].startswith("urn:uuid:")
        uuid.UUID(item["id"].removeprefix("urn:uuid:"))
        assert XSD_DATETIME.match(item["created"]) and XSD_DATETIME.match(item["modified"])
        assert item["creator"]["type"] == "Person" and item["creator"]["name"]
        for body in item["body"]:
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body["purpose"] in ("tagging", "commenting")
        target = item["target"]
        assert IRI.match(target["source"])
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        assert isinstance(quote["exact"], str) and quote["exact"]
        start, end = position["start"], position["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
        # Positions count code points of the NFC text (the emoji before "Sudzha" is one).
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote.get("prefix", ""))
        assert text[end:].startswith(quote.get("suffix", ""))
    place = next(i for i in page["items"] if i["id"].endswith(str(uuid.UUID(scenario.o_place.uid))))
    assert [b["purpose"] for b in place["body"]] == ["tagging"]  # no empty comment body
    assert place["target"]["source"] == URL
    assert place["kursk:attributes"] == {"canonical_name": "Sudzha"}
    figure = next(
        i for i in page["items"] if i["id"].endswith(str(uuid.UUID(scenario.o_figure.uid)))
    )
    assert {b["purpose"]: b["value"] for b in figure["body"]} == {
        "tagging": "figure",
        "commenting": "General Staff figure",
    }
    json.dumps(collection)  # plain JSON all the way down


def test_export_filters_by_article_and_analyst(scenario) -> None:
    only_mark = export_annotations(scenario.ws, [scenario.article_id], ["Mark Davies"])
    assert {i["creator"]["name"] for i in _items(only_mark)} == {"Mark Davies"}
    assert only_mark["total"] == 2
    with pytest.raises(UserError, match="no analyst called 'Nobody'"):
        export_annotations(scenario.ws, None, ["Nobody"])
    scenario.ws.analysts.ensure("Anna New")
    empty = export_annotations(scenario.ws, None, ["Anna New"])
    assert empty["total"] == 0 and "first" not in empty


def test_round_trip_into_a_fresh_store_gives_identical_annotations(
    scenario, fresh, tmp_path
) -> None:
    ws = scenario.ws
    ws.reviews.review(scenario.m_place.id, scenario.olena, "accept")
    ws.annotations.update(scenario.m_figure.id, scenario.mark, note="second look")
    path = tmp_path / "out.jsonld"
    write_annotations(path, export_annotations(ws))
    fresh.articles.add(NewArticle(text=TEXT, title="the same article, imported again"))
    report = import_annotations(fresh, path)
    assert (report.anchored, report.reanchored, report.orphaned, report.duplicates) == (5, 0, 0, 0)
    # The same annotations, but imported by the importer: authored by them, pending, new.
    original = _comparable(ws)
    imported = _comparable(fresh)
    assert {(r["analyst"], r["status"], r["version"]) for r in imported} == {
        ("Importer", "pending", 1)
    }
    ignore = ("analyst", "status", "version", "updated")
    assert [{k: v for k, v in r.items() if k not in ignore} for r in imported] == [
        {k: v for k, v in r.items() if k not in ignore} for r in original
    ]
    # A second import of the same file adds nothing.
    again = import_annotations(fresh, path)
    assert (again.anchored, again.duplicates) == (0, 5)
    assert len(fresh.annotations.list()) == 5
    # The import is in each annotation's own history (its entry names its quote).
    by_uid = {r["uid"]: r for r in original}
    for annotation in fresh.annotations.list():
        [entry] = fresh.history.for_entity("annotation", annotation.id)
        assert entry.action == "import" and entry.analyst == "Importer"
        assert entry.after["anchored"] == "position"
        assert (entry.after["quote"], entry.after["kind"]) == (annotation.quote, annotation.kind)
        # The original creator (and the status the file claimed) stay as provenance.
        assert entry.after["creator"] == by_uid[annotation.uid]["analyst"]
        assert entry.after["status_in_file"] == by_uid[annotation.uid]["status"]


def test_import_into_a_changed_article_re_anchors_and_keeps_orphans(
    scenario, fresh, tmp_path
) -> None:
    path = tmp_path / "out.jsonld"
    write_annotations(path, export_annotations(scenario.ws))
    # Our copy of the article (matched by its URL) gained a sentence and lost the one
    # about North Korean soldiers; spacing and punctuation changed too.
    changed = TEXT.replace("Kursk, 6 February 2025.\n\n", "Kursk, 6 February 2025.\n\nUPDATE.  ")
    changed = changed.replace("about 40 thousand people", "about 40  thousand people")
    changed = re.sub(r"Reports put .*\n", "Fighting continued.\n", changed)
    fresh.articles.add(NewArticle(text=changed, title="edited", url=URL))
    report = import_annotations(fresh, path)
    # figure, claim and Mark's figure re-anchor; Sudzha and Berdin are gone: orphans.
    assert (report.anchored, report.reanchored, report.orphaned) == (0, 3, 2)
    assert report.methods == {"fuzzy": 3, "orphan": 2}
    quotes = sorted(a.quote for a in fresh.annotations.list())
    assert quotes == [
        "40  thousand people",
        "The General Staff said Russia lost about 40  thousand people",
        "about 40  thousand people",
    ]
    orphans = list_orphans(fresh)
    assert sorted((o.quote, o.reason, o.creator) for o in orphans) == [
        ("Berdin", "quote not found", "Mark Davies"),
        ("Sudzha", "quote not found", "Olena Kovalchuk"),
    ]
    # Importing again neither duplicates annotations nor orphans.
    again = import_annotations(fresh, path)
    assert (again.duplicates, again.orphaned) == (5, 0)
    assert len(list_orphans(fresh)) == 2


def test_unknown_articles_are_reported_and_anchor_once_imported(scenario, fresh, tmp_path) -> None:
    path = tmp_path / "out.jsonld"
    write_annotations(path, export_annotations(scenario.ws))
    report = import_annotations(fresh, path)
    assert report.unknown_articles == {URL: 5}
    assert report.orphaned == 5 and fresh.annotations.list() == []
    assert {o.reason for o in list_orphans(fresh)} == {"unknown article"}
    fresh.articles.add(NewArticle(text=TEXT))  # matched by content hash this time
    later = import_annotations(fresh, path)
    assert (later.anchored, later.unknown_articles) == (5, {})
    assert list_orphans(fresh) == []
    assert len(fresh.annotations.list()) == 5


def test_foreign_annotation_without_our_fields_is_imported(fresh, tmp_path) -> None:
    article = fresh.articles.add(NewArticle(text=TEXT, url=URL))
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/AbC123",
        "type": "Annotation",
        "creator": "https://example.org/users/anna",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "place"}],
        "target": {
            "source": URL,
            "selector": {"type": "TextQuoteSelector", "exact": "Berdin", "prefix": "Sudzha and "},
        },
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(foreign), encoding="utf-8")
    report = import_annotations(fresh, path)
    assert (report.reanchored, report.invalid) == (1, [])
    [created] = fresh.annotations.list(article_id=article.id)
    assert (created.kind, created.quote, created.analyst) == ("place", "Berdin", "Importer")
    [entry] = fresh.history.for_entity("annotation", created.id)
    assert entry.after["creator"] == "https://example.org/users/anna"
    assert import_annotations(fresh, path).duplicates == 1


def test_unreadable_annotations_are_listed_not_fatal(fresh, tmp_path) -> None:
    fresh.articles.add(NewArticle(text=TEXT, url=URL))
    good = {
        "id": "urn:uuid:" + str(uuid.uuid4()),
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "place"},
        "target": {"source": URL, "selector": {"type": "TextQuoteSelector", "exact": "Sudzha"}},
    }
    bad_kind = {
        **good,
        "id": "urn:uuid:" + str(uuid.uuid4()),
        "body": {"purpose": "tagging", "value": "weapon"},
    }
    no_selector = {**good, "id": "urn:uuid:" + str(uuid.uuid4()), "target": URL}
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([good, bad_kind, no_selector]), encoding="utf-8")
    report = import_annotations(fresh, path)
    assert report.reanchored == 1
    assert len(report.invalid) == 2
    assert "tagging body 'weapon'" in report.invalid[0]
    assert "no selector" in report.invalid[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON"),
        ('{"type": "Person"}', "holds no W3C annotations"),
        ('{"type": "AnnotationCollection", "first": "https://x/page1"}', "linked, not embedded"),
    ],
)
def test_bad_files_give_one_line_errors(fresh, tmp_path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message) as caught:
        import_annotations(fresh, path)
    assert "\n" not in str(caught.value)
    with pytest.raises(UserError, match="does not exist"):
        import_annotations(fresh, tmp_path / "missing.json")


def test_the_same_orphan_twice_in_one_file_is_kept_once(fresh, tmp_path) -> None:
    fresh.articles.add(NewArticle(text=TEXT, url=URL))
    lost = {
        "id": "urn:uuid:" + str(uuid.uuid4()),
        "type": "Annotation",
        "creator": {"type": "Person", "name": "A" * 300},
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "place"},
        "target": {"source": URL, "selector": {"type": "TextQuoteSelector", "exact": "Pokrovsk"}},
    }
    path = tmp_path / "twice.json"
    path.write_text(json.dumps([lost, lost]), encoding="utf-8")
    report = import_annotations(fresh, path)
    assert (report.orphaned, report.duplicates) == (1, 1)
    [orphan] = list_orphans(fresh)
    assert orphan.creator == "A" * 120  # a name longer than the store keeps is cut, not fatal
