"""Import W3C Web Annotations: match the article, re-anchor, keep orphans, skip duplicates.

Each annotation's uid comes from its ``id`` (``urn:uuid:`` IRIs keep their UUID), so a
second import of the same file finds every annotation already stored and adds nothing.
An annotation whose article we lack, or whose quote cannot be found any more, is stored
as an :class:`~kursk_annotator.core.orphans.Orphan`; a later import promotes it once it
anchors (say, after the article was imported).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kursk_annotator.core import kinds
from kursk_annotator.core.anchoring import Selector, selector_for
from kursk_annotator.core.attributes import validate_attributes
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import STATUSES, Annotation, Article, utcnow
from kursk_annotator.core.orphans import (
    REASON_AMBIGUOUS,
    REASON_NOT_FOUND,
    REASON_UNKNOWN_ARTICLE,
    Orphan,
)
from kursk_annotator.core.reanchor import reanchor
from kursk_annotator.core.services import history
from kursk_annotator.core.w3c import (
    URN_UUID,
    parse_datetime,
    read_annotations,
    types_of,
    uid_from_iri,
)

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace


@dataclass
class ImportReport:
    anchored: int = 0  # at their stored position
    reanchored: int = 0  # found by quote or fuzzy match elsewhere
    orphaned: int = 0  # kept aside: quote not found, or article unknown
    duplicates: int = 0  # already in this store (same uid)
    unknown_articles: Counter[str] = field(default_factory=Counter)  # source -> annotations
    invalid: list[str] = field(default_factory=list)  # one line per unreadable annotation
    methods: Counter[str] = field(default_factory=Counter)  # how each one anchored

    def as_json(self) -> dict[str, Any]:
        return {
            "anchored": self.anchored,
            "reanchored": self.reanchored,
            "orphaned": self.orphaned,
            "duplicates": self.duplicates,
            "unknown_articles": dict(self.unknown_articles),
            "invalid": list(self.invalid),
            "methods": dict(self.methods),
        }


@dataclass
class _Parsed:
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


def _parse(node: dict[str, Any]) -> _Parsed:
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
    return _Parsed(
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


class _Articles:
    """Our articles, findable by uid, content hash and URL."""

    def __init__(self, ws: Workspace) -> None:
        c = Article.__table__.c  # type: ignore[attr-defined]
        with ws.store.session() as session:
            rows = session.execute(sa.select(c.id, c.uid, c.url, c.content_hash)).all()
        self.by_uid = {uid: i for i, uid, _, _ in rows}
        self.by_hash = {h: i for i, _, _, h in rows}
        self.by_url = {url: i for i, _, url, _ in rows if url}

    def find(self, p: _Parsed) -> int | None:
        if p.source.lower().startswith(URN_UUID):
            found = self.by_uid.get(uid_from_iri(p.source))
            if found is not None:
                return found
        if p.content_hash and p.content_hash in self.by_hash:
            return self.by_hash[p.content_hash]
        return self.by_url.get(p.source)


def import_annotations(ws: Workspace, path: Path) -> ImportReport:
    """Import a W3C Web Annotation file into the store; see the module docstring."""
    nodes = read_annotations(path)
    report = ImportReport()
    articles = _Articles(ws)
    a = Annotation.__table__.c  # type: ignore[attr-defined]
    o = Orphan.__table__.c  # type: ignore[attr-defined]
    with ws.store.session() as session:
        stored = set(session.execute(sa.select(a.uid)).scalars())
        orphans = dict(session.execute(sa.select(o.uid, o.id)).all())
    # The importer is the author of what they import: a file's "creator" and
    # "kursk:status" are claims anyone can write, so the creator is kept as provenance
    # (in the import's history entry) and every imported annotation starts pending.
    author = ws.analyst
    for node in nodes:
        try:
            p = _parse(node)
        except UserError as exc:
            report.invalid.append(str(exc))
            continue
        if p.uid in stored:
            report.duplicates += 1
            continue
        # Foreign files may name the creator by a long IRI: keep what fits.
        creator = " ".join(p.creator.split())[:120] if p.creator else author.name
        article_id = articles.find(p)
        if article_id is None:
            report.unknown_articles[p.source] += 1
            if p.uid in orphans:
                report.duplicates += 1
            else:
                orphans[p.uid] = _store_orphan(ws, p, None, REASON_UNKNOWN_ARTICLE, creator)
                report.orphaned += 1
            continue
        text = ws.annotations.article_text(article_id)
        reason = REASON_NOT_FOUND
        if p.selector is not None:
            anchor = reanchor(text, p.selector)
            if anchor.reason == "ambiguous":
                reason = REASON_AMBIGUOUS
            span = (anchor.start, anchor.end) if anchor.anchored else None
            method = anchor.method
        else:
            start, end = p.position_only or (0, 0)
            span = (start, end) if end <= len(text) else None
            method = "position" if span else "orphan"
        report.methods[method] += 1
        if span is None:
            if p.uid in orphans:
                report.duplicates += 1
            else:
                orphans[p.uid] = _store_orphan(ws, p, article_id, reason, creator)
                report.orphaned += 1
            continue
        _store_annotation(
            ws, p, article_id, text, span, author, creator, method, orphans.get(p.uid)
        )
        stored.add(p.uid)
        if method == "position":
            report.anchored += 1
        else:
            report.reanchored += 1
    return report


def _store_annotation(
    ws: Workspace,
    p: _Parsed,
    article_id: int,
    text: str,
    span: tuple[int, int],
    author: Any,
    creator: str,
    method: str,
    orphan_id: int | None,
) -> None:
    """Insert with the annotation's own uid and times, and its history, in one transaction."""
    sel = selector_for(text, *span)
    now = utcnow()
    row = Annotation(
        uid=p.uid,
        article_id=article_id,
        kind=p.kind,
        start_offset=sel.start,
        end_offset=sel.end,
        quote=sel.quote,
        prefix=sel.prefix,
        suffix=sel.suffix,
        note=p.note,
        attributes=p.attributes,
        analyst_id=author.id,
        created_at=p.created or now,
        updated_at=p.modified or p.created or now,
        status="pending",
        version=1,
    )
    with ws.store.transaction() as session:
        session.add(row)
        session.flush()
        if orphan_id is not None:  # it anchors now: it is no longer an orphan
            session.execute(sa.delete(Orphan.__table__).where(Orphan.__table__.c.id == orphan_id))  # type: ignore[attr-defined]
        history.record(
            session,
            "annotation",
            row.id or 0,
            "import",
            ws.analyst.id,
            after={
                "kind": row.kind,
                "start": row.start_offset,
                "end": row.end_offset,
                "quote": row.quote,
                "note": row.note,
                "attributes": row.attributes,
                "status": row.status,
                "anchored": method,
                "author": author.name,
                "creator": creator,
                "status_in_file": p.status,
            },
            provenance=True,
        )


def _store_orphan(
    ws: Workspace, p: _Parsed, article_id: int | None, reason: str, creator: str
) -> int:
    sel = p.selector
    start, end = (sel.start, sel.end) if sel else (p.position_only or (None, None))
    orphan = Orphan(
        uid=p.uid,
        article_id=article_id,
        source=p.source[:2000],
        reason=reason,
        kind=p.kind,
        start_offset=start if start is not None and start >= 0 else None,
        end_offset=end if end is not None and end >= 0 else None,
        quote=sel.quote if sel else "",
        prefix=sel.prefix if sel else "",
        suffix=sel.suffix if sel else "",
        note=p.note,
        creator=creator,
        payload=json.loads(json.dumps(p.raw)),
    )
    with ws.store.transaction() as session:
        session.add(orphan)
        session.flush()
        return orphan.id or 0


def list_orphans(ws: Workspace, article_id: int | None = None) -> list[Orphan]:
    """The orphans a reviewer should look at, oldest import first."""
    with ws.store.session() as session:
        query = sa.select(Orphan).order_by(Orphan.__table__.c.id)  # type: ignore[attr-defined]
        if article_id is not None:
            query = query.where(Orphan.__table__.c.article_id == article_id)  # type: ignore[attr-defined]
        return list(session.execute(query).scalars())


def orphan_json(orphan: Orphan) -> dict[str, Any]:
    from kursk_annotator.core.records import iso

    return {
        "id": orphan.id,
        "uid": orphan.uid,
        "article_id": orphan.article_id,
        "source": orphan.source,
        "reason": orphan.reason,
        "kind": orphan.kind,
        "start": orphan.start_offset,
        "end": orphan.end_offset,
        "quote": orphan.quote,
        "prefix": orphan.prefix,
        "suffix": orphan.suffix,
        "note": orphan.note,
        "creator": orphan.creator,
        "imported": iso(orphan.imported_at),
    }
