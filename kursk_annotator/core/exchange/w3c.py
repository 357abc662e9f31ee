"""Exchange annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

Export writes one AnnotationCollection whose single embedded AnnotationPage lists one
Annotation per span:

* ``id`` ``urn:uuid:`` + our stable uid, ``type`` Annotation, ``motivation`` tagging,
  ``created`` / ``modified`` (xsd:dateTime in UTC), ``creator`` (a Person with name and
  initials as nickname);
* ``body``: a TextualBody with purpose ``tagging`` whose value is the kind, and, when there
  is a note, a TextualBody with purpose ``commenting``;
* ``target``: ``source`` is the article's URL, else ``urn:uuid:`` + the article's uid, with
  a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (code points of
  the NFC text, as the model requires); ``kursk:contentHash`` and ``kursk:title`` help
  another store recognise the article;
* our own fields in the ``kursk:`` namespace: ``kursk:attributes`` (a JSON literal),
  ``kursk:status`` and ``kursk:version``.

Import (``exchange.importer``) matches each target to an article by uid, content hash or
URL, re-anchors it (``exchange.reanchor``), and keeps what cannot be anchored as an orphan
(``exchange.orphans``).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import utcnow
from kursk_annotator.core.records import AnnotationInfo

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "urn:x-kursk-annotator:"
CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {"kursk": NS, "kursk:attributes": {"@type": "@json"}},
]
URN_UUID = "urn:uuid:"


def urn_for(uid: str) -> str:
    """``urn:uuid:`` IRI of one of our 32-hex-digit uids."""
    return URN_UUID + str(uuid.UUID(hex=uid))


def uid_from_iri(iri: str) -> str:
    """Our uid for an annotation IRI: the UUID itself, else a stable UUID5 of the IRI."""
    if iri.lower().startswith(URN_UUID):
        try:
            return uuid.UUID(iri[len(URN_UUID) :]).hex
        except ValueError:
            pass
    return uuid.uuid5(uuid.NAMESPACE_URL, iri).hex


def xsd_datetime(value: datetime) -> str:
    """xsd:dateTime in UTC with its ``Z``; microseconds kept so a round trip is exact."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --- export ------------------------------------------------------------------------


def annotation_json(
    a: AnnotationInfo, article: dict[str, Any], initials: dict[str, str]
) -> dict[str, Any]:
    """One Annotation (without @context: the collection carries it)."""
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": a.quote}
    if a.prefix:
        quote_selector["prefix"] = a.prefix
    if a.suffix:
        quote_selector["suffix"] = a.suffix
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": a.kind, "format": "text/plain"}
    ]
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": a.note,
                "format": "text/plain",
            }
        )
    creator: dict[str, Any] = {"type": "Person", "name": a.analyst}
    if initials.get(a.analyst):
        creator["nickname"] = initials[a.analyst]
    return {
        "id": urn_for(a.uid),
        "type": "Annotation",
        "motivation": "tagging",
        "created": xsd_datetime(a.created),
        "modified": xsd_datetime(a.updated),
        "creator": creator,
        "body": body,
        "target": {
            "source": article["source"],
            "selector": [
                quote_selector,
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
            "kursk:contentHash": article["content_hash"],
            "kursk:title": article["title"],
        },
        "kursk:attributes": a.attributes,
        "kursk:status": a.status,
        "kursk:version": a.version,
    }


def export_annotations(
    ws: Workspace,
    article_ids: list[int] | None = None,
    analysts: list[str] | None = None,
) -> dict[str, Any]:
    """An AnnotationCollection of the live annotations, optionally of some articles/analysts."""
    articles = {}
    for article_id in article_ids or []:
        ws.articles.get(article_id)  # a clear error for an unknown id
    for name in analysts or []:
        ws.analysts.find(name)
    found: list[AnnotationInfo] = []
    for article_id in article_ids or [None]:  # type: ignore[list-item]
        found += ws.annotations.list(article_id=article_id, analysts=analysts or None)
    initials = {a.name: a.initials for a in ws.analysts.all()}
    items = []
    for a in found:
        if a.article_id not in articles:
            articles[a.article_id] = _article_ref(ws.articles.get(a.article_id))
        items.append(annotation_json(a, articles[a.article_id], initials))
    return _collection(len(items), items)


def _article_ref(article: Any) -> dict[str, Any]:
    """What an exported annotation says of its article (a record or a listing row)."""
    return {
        "source": article.url or urn_for(article.uid),
        "content_hash": article.content_hash,
        "title": article.title,
    }


def _collection(total: int, items: list[Any]) -> dict[str, Any]:
    """The AnnotationCollection of ``total`` annotations, ``items`` on its one page."""
    collection_id = URN_UUID + str(uuid.uuid4())
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Kursk Annotator annotations",
        "generated": xsd_datetime(utcnow()),
        "total": total,
    }
    if total:
        collection["first"] = {
            "id": URN_UUID + str(uuid.uuid4()),
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
    return collection


def write_annotations(path: Path, collection: dict[str, Any]) -> None:
    """Write atomically: an interrupted export leaves the previous file as it was."""
    from kursk_annotator.core.atomic_file import write_text_atomic

    write_text_atomic(path, json.dumps(collection, ensure_ascii=False, indent=2) + "\n")


# Where the items go in the collection's text (a string no annotation can hold: NUL).
_ITEMS_MARK = "\x00items\x00"


def export_to_file(
    ws: Workspace,
    path: Path,
    article_ids: list[int] | None = None,
    analysts: list[str] | None = None,
) -> int:
    """:func:`export_annotations` written to ``path`` as :func:`write_annotations` would
    write it, read and written a batch at a time: memory stays flat however many
    annotations there are. Atomic; returns how many were written."""
    from kursk_annotator.core import listings
    from kursk_annotator.core.atomic_file import atomic_write
    from kursk_annotator.core.json_text import encode

    for article_id in article_ids or []:
        listings.article_row(ws.store, article_id, text=False)  # a clear error if unknown
    for name in analysts or []:
        ws.analysts.find(name)
    initials = {a.name: a.initials for a in ws.analysts.all()}
    articles: dict[int, dict[str, Any]] = {}
    selections = [
        {"article_id": article_id, "analysts": analysts or None}
        for article_id in article_ids or [None]  # type: ignore[list-item]
    ]
    with listings.snapshot(ws.store) as con:
        total = sum(listings.count_annotations(con, **chosen) for chosen in selections)
        collection = _collection(total, [_ITEMS_MARK])
        head, _mark, tail = encode(collection).partition(encode(_ITEMS_MARK))
        written = 0
        with atomic_write(path, "w") as out:
            out.write(head)
            parts: list[str] = []
            for chosen in selections:
                for a in listings.annotations_in(con, **chosen):
                    if a.article_id not in articles:
                        row = listings.article_row(ws.store, a.article_id, text=False)
                        articles[a.article_id] = _article_ref(row)
                    item = annotation_json(a, articles[a.article_id], initials)
                    parts.append((",\n      " if written else "") + encode(item, "      "))
                    written += 1
                    if len(parts) >= 500:
                        out.write("".join(parts))
                        parts = []
            if written != total:  # not within one snapshot; never keep a wrong total
                raise UserError("the store changed during the export: export again")
            out.write("".join(parts))
            out.write(tail + "\n")
    return written


# --- reading a file ----------------------------------------------------------------


def types_of(node: dict[str, Any]) -> set[str]:
    value = node.get("type", node.get("@type", []))
    return {value} if isinstance(value, str) else set(value)


def annotations_in(data: Any) -> list[dict[str, Any]]:
    """The Annotation objects of a collection, a page, a list or a single annotation."""
    if isinstance(data, list):
        out = []
        for item in data:
            out += annotations_in(item)
        return out
    if not isinstance(data, dict):
        raise UserError("the file holds no W3C annotations: expected a JSON object or list")
    kinds = types_of(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationPage" in kinds:
        return annotations_in(data.get("items", []))
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if first is None:
            return []
        if not isinstance(first, dict):
            raise UserError(
                "the collection's pages are linked, not embedded: save them in one file"
            )
        out = annotations_in(first)
        page = first
        while isinstance(page.get("next"), dict):
            page = page["next"]
            out += annotations_in(page)
        return out
    raise UserError(
        "the file holds no W3C annotations: expected an Annotation, AnnotationPage "
        "or AnnotationCollection"
    )


def read_annotations(path: Path) -> list[dict[str, Any]]:
    """The annotation nodes of a file, after the whole file passed validation
    (``core.w3c_validate``): a malformed file is refused in one line, nothing stored."""
    from kursk_annotator.core.w3c_validate import check_w3c_file

    return annotations_in(check_w3c_file(path))
