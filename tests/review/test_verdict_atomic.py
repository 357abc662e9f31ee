"""A verdict and the status it sets are one transaction: under concurrent reviewers every
verdict reported as stored is stored with its status, and none reported failed is."""

from __future__ import annotations

import threading
from pathlib import Path

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

TEXT = "Sudzha, Berdin, Makhnovka, Kursk and Lgov were named in the report."
VERDICTS = ("accept", "reject", "request_changes")
STATUS = {"accept": "accepted", "reject": "rejected", "request_changes": "changes_requested"}


def test_concurrent_verdicts_are_stored_exactly_when_reported(tmp_path: Path) -> None:
    db = str(tmp_path / "team.sqlite")
    author = Workspace(open_store(db), "Olena Kovalchuk")
    article = author.articles.add(NewArticle(text=TEXT, title="Places"))
    ids = [
        author.annotations.create_from_quote(article.id or 0, "place", q, author.analyst).id
        for q in ("Sudzha", "Berdin", "Makhnovka", "Kursk", "Lgov")
    ]
    reported: list[tuple[int, str]] = []
    failed: list[str] = []
    lock = threading.Lock()

    # Opened here: Alembic's start-up check is not meant to run in several threads.
    reviewers = [Workspace(open_store(db), f"Reviewer {n}") for n in range(3)]

    def reviewer(ws: Workspace, offset: int) -> None:
        try:
            for i in range(30):
                annotation_id = ids[(i + offset) % len(ids)]
                verdict = VERDICTS[(i + offset) % len(VERDICTS)]
                try:
                    ws.reviews.review(annotation_id, ws.analyst, verdict)
                except UserError as exc:
                    with lock:
                        failed.append(str(exc))
                    continue
                with lock:
                    reported.append((annotation_id, verdict))
        finally:
            ws.close()

    threads = [threading.Thread(target=reviewer, args=(ws, n)) for n, ws in enumerate(reviewers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = [(r.annotation_id, r.verdict) for i in ids for r in author.reviews.thread(i)]
    assert sorted(stored) == sorted(reported)
    assert len(stored) + len(failed) == 90
    for annotation_id in ids:
        thread = author.reviews.thread(annotation_id)
        info = author.annotations.get(annotation_id)
        assert info.status == STATUS[thread[-1].verdict]
        history = author.history.for_entity("annotation", annotation_id)
        assert sum(h.action == "review" for h in history) == len(thread)
    author.close()
