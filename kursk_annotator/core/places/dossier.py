"""The dossier of one place: every mention across the library, newest first, each with
its article's date and outlet, who makes the claim, and the figures and claims tagged in
the same sentence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kursk_annotator.core.errors import NotFoundError
from kursk_annotator.core.places.index import (
    SHOWN_STATUSES,
    PlaceIndex,
    PlaceRecord,
    build_index,
    newest_first,
)
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo, iso
from kursk_annotator.core.workspace import Workspace

# A sentence ends at . ! ? (with closing quotes or brackets) before a space, or a newline.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous end to the next one."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        begin = m.end()
    m = _SENTENCE_END.search(text, end)
    stop = m.end() if m else len(text)
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, stop


def claimant(a: AnnotationInfo) -> str | None:
    """Who asserts a claim or figure (attributes of this and later versions)."""
    for key in ("claimant", "attributed_to", "speaker"):
        value = a.attributes.get(key)
        if value:
            return str(value)
    return None


@dataclass(slots=True)
class DossierEntry:
    article: ArticleInfo
    start: int
    end: int
    text: str
    sentence: str
    annotation_ids: list[int]
    claims: list[AnnotationInfo] = field(default_factory=list)
    figures: list[AnnotationInfo] = field(default_factory=list)

    @property
    def claimants(self) -> list[str]:
        seen: list[str] = []
        for a in (*self.claims, *self.figures):
            who = claimant(a)
            if who and who not in seen:
                seen.append(who)
        return seen

    def as_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article.id,
            "title": self.article.title,
            "outlet": self.article.outlet,
            "published": iso(self.article.published),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "tagged": bool(self.annotation_ids),
            "annotations": list(self.annotation_ids),
            "sentence": self.sentence,
            "claimants": self.claimants,
            "claims": [
                {"id": c.id, "quote": c.quote, "claimant": claimant(c), "status": c.status}
                for c in self.claims
            ],
            "figures": [
                {
                    "id": f.id,
                    "quote": f.quote,
                    "value": f.attributes.get("value"),
                    "value_max": f.attributes.get("value_max"),
                    "unit": f.attributes.get("unit"),
                    "counts": f.attributes.get("counts"),
                    "claimant": claimant(f),
                    "status": f.status,
                }
                for f in self.figures
            ],
        }


@dataclass(slots=True)
class Dossier:
    place: PlaceRecord
    entries: list[DossierEntry]

    def as_json(self) -> dict[str, Any]:
        return {**self.place.as_json(), "dossier": [e.as_json() for e in self.entries]}


def dossier_for(record: PlaceRecord, index: PlaceIndex, workspace: Workspace) -> Dossier:
    article_ids = {m.article_id for m in record.mentions}
    around: dict[int, list[AnnotationInfo]] = defaultdict(list)
    for a in workspace.annotations.list(kinds=["claim", "figure"], statuses=list(SHOWN_STATUSES)):
        if a.article_id in article_ids:
            around[a.article_id].append(a)
    entries: list[DossierEntry] = []
    for m in record.mentions:
        text = workspace.annotations.article_text(m.article_id)
        s0, s1 = sentence_bounds(text, m.start, m.end)
        inside = [a for a in around[m.article_id] if a.start < s1 and s0 < a.end]
        entries.append(
            DossierEntry(
                article=index.articles[m.article_id],
                start=m.start,
                end=m.end,
                text=m.text,
                sentence=" ".join(text[s0:s1].split()),
                annotation_ids=m.annotation_ids,
                claims=[a for a in inside if a.kind == "claim"],
                figures=[a for a in inside if a.kind == "figure"],
            )
        )
    entries.sort(key=lambda e: (*newest_first(e.article), e.article.id, e.start))
    return Dossier(record, entries)


def place_dossier(workspace: Workspace, name: str) -> Dossier:
    """The dossier of the place called ``name`` (any of its spellings), or NotFoundError."""
    index = build_index(workspace)
    record = index.find(name)
    if record is None:
        close = index.suggestions(name)
        hint = (
            f"did you mean {', '.join(repr(n) for n in close)}?"
            if close
            else ("list the places with 'places'")
        )
        raise NotFoundError(f"no place called {name!r}: {hint}")
    return dossier_for(record, index, workspace)
