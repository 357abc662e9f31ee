"""What goes into a briefing: the selection (articles, kinds, statuses, analysts) and
the frame (title, handling marking, author), checked once for the GUI and the CLI alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.export.docx_xml import clean_line

DEFAULT_TITLE = "Kursk offensive: annotated briefing"
TITLE_MAX = 200
MARKING_MAX = 120

# Rejected annotations never reach a reader: "all" means everything not rejected.
STATUS_SCOPES: dict[str, tuple[str, ...]] = {
    "all": ("accepted", "pending", "changes_requested"),
    "accepted": ("accepted",),
    "pending": ("pending", "changes_requested"),
}
STATUS_LABELS = {
    "accepted": "accepted",
    "pending": "pending review",
    "changes_requested": "changes requested",
    "rejected": "rejected",
}


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """Empty ``article_ids``, ``kinds`` or ``analysts`` mean "all of them"."""

    article_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    status: str = "all"
    analysts: tuple[str, ...] = ()
    title: str = DEFAULT_TITLE
    marking: str = ""
    author: str = ""

    def checked(self) -> BriefingOptions:
        """These options cleaned (no control characters, no duplicates), or a UserError."""
        if self.status not in STATUS_SCOPES:
            raise UserError(
                f"unknown status scope {self.status!r}: use one of {', '.join(STATUS_SCOPES)}"
            )
        for kind in self.kinds:
            kind_registry.check_kind(kind)
        for article_id in self.article_ids:
            if not isinstance(article_id, int) or article_id < 1:
                raise UserError(f"article id {article_id!r} is not a positive whole number")
        title = clean_line(self.title) or DEFAULT_TITLE
        if len(title) > TITLE_MAX:
            raise UserError(f"the title has {len(title)} characters: keep it within {TITLE_MAX}")
        marking = clean_line(self.marking)
        if len(marking) > MARKING_MAX:
            raise UserError(
                f"the marking has {len(marking)} characters: keep it within {MARKING_MAX}"
            )
        analysts = tuple(dict.fromkeys(" ".join(a.split()) for a in self.analysts if a.strip()))
        return replace(
            self,
            article_ids=tuple(dict.fromkeys(self.article_ids)),
            kinds=tuple(k for k in kind_registry.names() if k in self.kinds),
            analysts=analysts,
            title=title,
            marking=marking,
            author=clean_line(self.author) or "Unknown analyst",
        )

    @property
    def statuses(self) -> tuple[str, ...]:
        return STATUS_SCOPES[self.status]

    @property
    def kinds_or_all(self) -> tuple[str, ...]:
        return self.kinds or kind_registry.names()
