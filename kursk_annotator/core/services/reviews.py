"""Reviews: verdicts and comment threads on annotations, with their effect on status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from kursk_annotator.core.errors import NotFoundError, PermissionDenied, UserError
from kursk_annotator.core.models import VERDICTS, Analyst, Annotation, Review, utcnow
from kursk_annotator.core.records import AnnotationInfo, iso
from kursk_annotator.core.services import history
from kursk_annotator.core.services.annotations import AnnotationService
from kursk_annotator.core.store import Store

VERDICT_STATUS = {
    "accept": "accepted",
    "reject": "rejected",
    "request_changes": "changes_requested",
}


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    id: int
    annotation_id: int
    analyst: str
    verdict: str
    text: str
    parent_id: int | None
    created: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "annotation_id": self.annotation_id,
            "analyst": self.analyst,
            "verdict": self.verdict,
            "text": self.text,
            "parent_id": self.parent_id,
            "created": iso(self.created),
        }


class ReviewService:
    def __init__(self, store: Store, annotations: AnnotationService) -> None:
        self.store = store
        self.annotations = annotations

    def review(
        self,
        annotation_id: int,
        actor: Analyst,
        verdict: str,
        text: str = "",
        parent_id: int | None = None,
    ) -> ReviewInfo:
        """Add a verdict (accept / reject / request_changes) or a comment to a thread."""
        if verdict not in VERDICTS:
            raise UserError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
        with self.store.session() as session:
            annotation = session.get(Annotation, annotation_id)
            if annotation is None or annotation.deleted_at is not None:
                raise NotFoundError(f"no annotation with id {annotation_id}: check its number")
            if verdict != "comment" and annotation.analyst_id == actor.id:
                raise PermissionDenied(
                    f"annotation {annotation_id} is your own: another analyst must review it"
                )
            if verdict == "comment" and not text.strip():
                raise UserError("the comment is empty: write some text")
            review = Review(
                annotation_id=annotation_id,
                analyst_id=actor.id or 0,
                verdict=verdict,
                text=text,
                parent_id=parent_id,
                created_at=utcnow(),
            )
            session.add(review)
            session.flush()
            history.record(
                session,
                "annotation",
                annotation_id,
                "review",
                actor.id,
                after={"verdict": verdict, "text": text, "review_id": review.id},
            )
            created = review.created_at
            review_id = review.id
            session.expunge(annotation)
            if verdict in VERDICT_STATUS:
                # In the same transaction: a verdict is never stored without its status.
                self.annotations.change_status(
                    session, annotation_id, actor, VERDICT_STATUS[verdict]
                )
            session.commit()
        return ReviewInfo(
            review_id or 0, annotation_id, actor.name, verdict, text, parent_id, created
        )

    def thread(self, annotation_id: int) -> list[ReviewInfo]:
        with self.store.session() as session:
            rows = session.exec(
                select(Review, Analyst.name)
                .join(Analyst, col(Review.analyst_id) == col(Analyst.id))
                .where(Review.annotation_id == annotation_id)
                .order_by(col(Review.id))
            ).all()
        return [
            ReviewInfo(
                r.id or 0, r.annotation_id, name, r.verdict, r.text, r.parent_id, r.created_at
            )
            for r, name in rows
        ]

    def threads(self, annotation_ids: Iterable[int]) -> dict[int, list[ReviewInfo]]:
        """The threads of many annotations in a few queries (exports): id -> entries in
        the order they were written; annotations with no entry are left out."""
        ids = sorted(set(annotation_ids))
        found: dict[int, list[ReviewInfo]] = {}
        with self.store.session() as session:
            for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
                rows = session.exec(
                    select(Review, Analyst.name)
                    .join(Analyst, col(Review.analyst_id) == col(Analyst.id))
                    .where(col(Review.annotation_id).in_(ids[i : i + 500]))
                    .order_by(col(Review.id))
                ).all()
                for r, name in rows:
                    found.setdefault(r.annotation_id, []).append(
                        ReviewInfo(
                            r.id or 0,
                            r.annotation_id,
                            name,
                            r.verdict,
                            r.text,
                            r.parent_id,
                            r.created_at,
                        )
                    )
        return found

    # --- threads, requests for changes, adoption (review queue and compare view) -----

    def reply(self, annotation_id: int, actor: Analyst, text: str, parent_id: int) -> ReviewInfo:
        """Answer one entry of an annotation's thread (the author may reply too)."""
        with self.store.session() as session:
            parent = session.get(Review, parent_id)
        if parent is None or parent.annotation_id != annotation_id:
            raise NotFoundError(
                f"no thread entry {parent_id} on annotation {annotation_id}: "
                "reply to an entry listed under that annotation"
            )
        return self.review(annotation_id, actor, "comment", text, parent_id=parent_id)

    def change_requests_for(self, author: Analyst) -> list[tuple[AnnotationInfo, ReviewInfo]]:
        """``author``'s live annotations whose last verdict asks for changes, with that verdict."""
        mine = self.annotations.list(analysts=[author.name], statuses=["changes_requested"])
        result = []
        for annotation in mine:
            requests = [r for r in self.thread(annotation.id) if r.verdict == "request_changes"]
            if requests:
                result.append((annotation, requests[-1]))
        return result

    def adopt(
        self, annotation_id: int, actor: Analyst, instead_of: Sequence[int] = (), text: str = ""
    ) -> ReviewInfo:
        """Accept one analyst's annotation and reject the competing ones in one action."""
        if annotation_id in instead_of:
            raise UserError("an annotation cannot be adopted instead of itself")
        # Check every annotation first, so a refusal leaves nothing half done.
        for involved in (annotation_id, *instead_of):
            if self.annotations.get(involved).analyst_id == actor.id:
                raise PermissionDenied(
                    f"annotation {involved} is your own: another analyst must review it"
                )
        accepted = self.review(annotation_id, actor, "accept", text)
        for other in instead_of:
            if self.annotations.get(other).status != "rejected":
                self.review(other, actor, "reject", f"annotation {annotation_id} adopted instead")
        return accepted
