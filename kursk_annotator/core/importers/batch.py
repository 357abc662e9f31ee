"""Importing many files: one outcome per file, and a bad file never stops the others.

The CLI and the GUI share this. Reading (slow, no database) and storing (fast, in the
store's transaction) are separate steps, so the GUI can read on a worker thread and
store on its own thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from kursk_annotator.core.errors import DuplicateError, UserError
from kursk_annotator.core.importers import read_source
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace

log = logging.getLogger(__name__)

IMPORTED = "imported"
DUPLICATE = "duplicate"
FAILED = "failed"

METADATA_FIELDS = ("title", "outlet", "author", "published", "url", "language")


@dataclass
class ImportOutcome:
    """What happened to one file; ``as_json`` is the CLI's documented shape."""

    file: str
    result: str
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    source_format: str | None = None

    def as_json(self) -> dict[str, Any]:
        """imported: file, result, article_id, title, format; duplicate: file, result,
        article_id (the stored one); failed: file, result, reason."""
        data: dict[str, Any] = {"file": self.file, "result": self.result}
        if self.result == IMPORTED:
            data.update(article_id=self.article_id, title=self.title, format=self.source_format)
        elif self.result == DUPLICATE:
            data["article_id"] = self.article_id
        else:
            data["reason"] = self.reason
        return data


def read_one(path: Path, max_bytes: int | None = None) -> NewArticle | UserError:
    """Read one file; a refusal comes back as the UserError (never raised, never a crash)."""
    try:
        return read_source(path, max_bytes)
    except UserError as exc:
        return exc
    except (MemoryError, RecursionError):
        return UserError("the file is too large or too deeply nested to read")
    except Exception as exc:  # an importer bug must not stop the other files
        log.exception("unexpected failure importing %s", path)
        return UserError(f"could not be read (unexpected {type(exc).__name__})")


def apply_overrides(new: NewArticle, overrides: dict[str, Any] | None) -> NewArticle:
    known = {f.name for f in fields(NewArticle)}
    for key, value in (overrides or {}).items():
        if value is not None and key in known:
            setattr(new, key, value)
    return new


def store_one(
    ws: Workspace, file: str, read: NewArticle | UserError, overrides: dict[str, Any] | None = None
) -> ImportOutcome:
    """Store what ``read_one`` returned (or record its refusal) as one outcome."""
    if isinstance(read, UserError):
        return ImportOutcome(file, FAILED, reason=str(read))
    try:
        article = ws.articles.add(apply_overrides(read, overrides), ws.analyst)
    except DuplicateError as dup:
        return ImportOutcome(
            file,
            DUPLICATE,
            article_id=dup.existing_id,
            reason=f"same text as article {dup.existing_id}",
        )
    except UserError as exc:
        return ImportOutcome(file, FAILED, reason=str(exc))
    except DBAPIError as exc:
        # The file's own transaction was rolled back; the batch goes on with the next.
        log.warning("storing %s failed: %s", file, exc)
        reason = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
        return ImportOutcome(file, FAILED, reason=f"the store refused it ({reason})")
    return ImportOutcome(
        file,
        IMPORTED,
        article_id=article.id,
        title=article.title,
        source_format=article.source_format,
    )


def import_file(
    ws: Workspace,
    path: Path,
    overrides: dict[str, Any] | None = None,
    max_bytes: int | None = None,
) -> ImportOutcome:
    return store_one(ws, str(path), read_one(Path(path), max_bytes), overrides)


@dataclass
class ImportSummary:
    outcomes: list[ImportOutcome]
    cancelled: int = 0  # files not looked at because the user cancelled

    def of(self, result: str) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.result == result]

    @property
    def imported(self) -> list[ImportOutcome]:
        return self.of(IMPORTED)

    @property
    def duplicates(self) -> list[ImportOutcome]:
        return self.of(DUPLICATE)

    @property
    def failed(self) -> list[ImportOutcome]:
        return self.of(FAILED)

    def headline(self) -> str:
        parts = [
            f"{len(self.imported)} imported",
            f"{len(self.duplicates)} duplicate{'s' if len(self.duplicates) != 1 else ''}",
            f"{len(self.failed)} failed",
        ]
        if self.cancelled:
            parts.append(f"{self.cancelled} not imported (cancelled)")
        return ", ".join(parts)
