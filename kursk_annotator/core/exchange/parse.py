"""One W3C Annotation node -> a ParsedAnnotation (kind, selector, note, attributes, creator).

Each annotation's uid comes from its ``id`` (``urn:uuid:`` IRIs keep their UUID), so a
second import of the same file finds every annotation already stored. A node that cannot
be used raises a UserError whose message names it and says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kursk_annotator.core import kinds
from kursk_annotator.core.anchoring import Selector
from kursk_annotator.core.attributes import validate_attributes
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.exchange.w3c import parse_datetime, types_of, uid_from_iri
from kursk_annotator.core.models import STATUSES


@dataclass
class ParsedAnnotation:
    """One W3C Annotation as read from a file, checked but not yet anchored or stored."""

    uid: str
    source: str
    content_hash: str | None
    kind: str
    note: str
    selector: Selector | None
    position_only: tuple[int, int] | None
    attributes: dict[str, Any]
    status: str
    version: int
    creator: str | None
    initials: str | None
    created: Any
    modified: Any
    raw: dict[str, Any]


def _bodies(node: dict[str, Any]) -> list[dict[str, Any]]:
    body = node.get("body", [])
    items = body if isinstance(body, list) else [body]
    return [b for b in items if isinstance(b, dict)]


def parse_annotation(node: dict[str, Any]) -> ParsedAnnotation:
    """Read one Annotation object, or raise UserError saying what is missing."""
    iri = node.get("id") or node.get("@id")
    if not isinstance(iri, str) or not iri:
        raise UserError("an annotation has no id")
    target = node.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if not isinstance(target, dict):
        raise UserError(f"{iri}: its target has no selector (a bare IRI cannot be anchored)")
    source = target.get("source")
    if not isinstance(source, str) or not source:
        raise UserError(f"{iri}: its target has no source")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote_sel = next((s for s in selectors if "TextQuoteSelector" in types_of(s)), None)
    pos_sel = next((s for s in selectors if "TextPositionSelector" in types_of(s)), None)
    start = end = -1
    if pos_sel is not None:
        start, end = pos_sel.get("start"), pos_sel.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise UserError(f"{iri}: its TextPositionSelector needs 0 <= start < end")
    selector = position_only = None
    if quote_sel is not None and isinstance(quote_sel.get("exact"), str) and quote_sel["exact"]:
        selector = Selector(
            start, end, quote_sel["exact"], quote_sel.get("prefix", ""), quote_sel.get("suffix", "")
        )
    elif pos_sel is not None:
        position_only = (start, end)
    else:
        raise UserError(f"{iri}: its target has neither a TextQuoteSelector nor a position")
    kind = next((b.get("value") for b in _bodies(node) if b.get("purpose") == "tagging"), None)
    if kind is None:
        raise UserError(f"{iri}: no body with purpose 'tagging' names its kind")
    if kinds.find(kind) is None:
        known = ", ".join(kinds.names())
        raise UserError(f"{iri}: its tagging body {kind!r} is not one of {known}")
    note = "\n\n".join(
        b["value"]
        for b in _bodies(node)
        if b.get("purpose") == "commenting" and isinstance(b.get("value"), str)
    )
    attributes = node.get("kursk:attributes") or {}
    try:
        attributes = validate_attributes(kind, attributes if isinstance(attributes, dict) else {})
    except UserError as exc:
        raise UserError(f"{iri}: {exc}") from None
    status = node.get("kursk:status")
    version = node.get("kursk:version")
    creator = node.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    name = initials = None
    if isinstance(creator, dict):
        name = creator.get("name") or creator.get("nickname")
        initials = creator.get("nickname")
    elif isinstance(creator, str):
        name = creator
    return ParsedAnnotation(
        uid=uid_from_iri(iri),
        source=source,
        content_hash=target.get("kursk:contentHash"),
        kind=kind,
        note=note,
        selector=selector,
        position_only=position_only,
        attributes=attributes,
        status=status if status in STATUSES else "pending",
        version=version if isinstance(version, int) and version > 0 else 1,
        creator=name if isinstance(name, str) and name.strip() else None,
        initials=initials[:8] if isinstance(initials, str) and initials.strip() else None,
        created=parse_datetime(node.get("created")),
        modified=parse_datetime(node.get("modified")),
        raw=node,
    )
