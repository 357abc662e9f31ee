"""The article being read: its text, its annotations, and the filter on them.

Every view (reader, table, inspector, status bar, library counts) listens to this one
object, so a stored change reaches each of them exactly once and incrementally.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import QObject, Signal

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.cycle_collection import without_cycle_collection
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo
from kursk_annotator.core.text import Utf16Map

if TYPE_CHECKING:  # importing the store's libraries waits until the window is shown
    from kursk_annotator.core.workspace import Workspace

ONLY_ME = "\x00me"  # analyst filter value meaning "the current analyst"
REFRESH_LIMIT = 500  # more changed annotations than this: read the article afresh
ALL_STATUSES = "all"  # status filter value showing every status, rejected included
# The status filter's choices, in menu order: "" (the default) leaves rejected ones out.
STATUS_CHOICES = (
    ("", "Not rejected (default)"),
    (ALL_STATUSES, "All statuses"),
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("changes_requested", "Changes requested"),
    ("rejected", "Rejected"),
)


class AnnotationRow(NamedTuple):
    """What the views show of one annotation (the full record: services' get())."""

    id: int
    kind: str
    start: int
    end: int
    analyst: str
    status: str
    quote: str
    note: str

    @classmethod
    def of(cls, info: AnnotationInfo) -> AnnotationRow:
        return cls(
            info.id,
            info.kind,
            info.start,
            info.end,
            info.analyst,
            info.status,
            info.quote,
            info.note,
        )


# Rows made in bulk by C-level calls: ``tuple.__new__`` is what ``_make`` calls, less the
# Python frame around it (10,000 of those were a tenth of an article's opening).
_new_row = partial(tuple.__new__, AnnotationRow)
_ID = itemgetter(0)
_KIND, _STATUS = itemgetter(1), itemgetter(5)


class _Filterable(Protocol):
    id: int
    kind: str
    analyst: str
    status: str


@dataclass
class AnnotationFilter:
    kinds: set[str] = field(default_factory=lambda: set(kind_registry.names()))
    analyst: str = ""  # "" everyone, ONLY_ME, or an analyst's name
    status: str = ""  # "" all but rejected, ALL_STATUSES, or one status
    # Only these annotations (a place chosen on the map: its tags and the claims and
    # figures said in the same sentences); None shows all.
    only: frozenset[int] | None = None
    only_label: str = ""  # what ``only`` is, for the status bar ("Sudzha")

    @property
    def shows_everything(self) -> bool:
        every_kind = self.kinds >= set(kind_registry.names())
        return not self.analyst and self.status == ALL_STATUSES and every_kind and self.only is None

    @property
    def only_hides_rejected(self) -> bool:
        """The default filter: every kind, every analyst, every status but rejected."""
        every_kind = self.kinds >= set(kind_registry.names())
        return not self.analyst and not self.status and every_kind and self.only is None

    def accepts(self, info: _Filterable, me: str) -> bool:
        if info.kind not in self.kinds:
            return False
        if self.only is not None and info.id not in self.only:
            return False
        if self.analyst:
            wanted = me if self.analyst == ONLY_ME else self.analyst
            if info.analyst != wanted:
                return False
        if not self.status:
            return info.status != "rejected"
        return self.status == ALL_STATUSES or info.status == self.status


class ArticleState(QObject):
    loaded = Signal()  # a new article (or none) is shown
    added = Signal(object)  # AnnotationRow now live in this article
    changed = Signal(object, object)  # (old AnnotationRow, new AnnotationRow)
    removed = Signal(object)  # AnnotationRow no longer live
    filter_changed = Signal()
    counts_changed = Signal(dict)
    selected = Signal(object)  # AnnotationRow or None
    error = Signal(str)  # one-line message for the user
    # A stored change (an undo, say) concerns another article: (article id, annotation id).
    changed_elsewhere = Signal(int, int)

    def __init__(self, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.article: ArticleInfo | None = None
        self.text = ""
        self.utf16 = Utf16Map("")
        self.annotations: dict[int, AnnotationRow] = {}
        self.filter = AnnotationFilter()
        self.selected_id: int | None = None
        # The full record of the last stored change: the inspector shows it without a query.
        self.last_change: AnnotationInfo | None = None
        # Kept up to date change by change: recounting 10,000 rows per edit costs a frame.
        self._counts: dict[str, int] = dict.fromkeys(kind_registry.names(), 0)
        self._rejected = 0  # live annotations whose status is "rejected"
        self.visible_count = 0
        # Asked when an edit meets a newer version of the same field (the conflict
        # dialog): (label, my changes, their record) -> (choice, merged note) or None.
        self.resolve_conflict: Callable[..., tuple[str, str | None] | None] | None = None
        # Why edits are refused right now (a team store out of reach), or None.
        self.blocked: str | None = None

    @property
    def me(self) -> str:
        return self.workspace.analyst_name if self.workspace is not None else ""

    def load(self, article: ArticleInfo | None) -> None:
        # Tens of thousands of rows are made here and by the views, none in a reference
        # cycle: the collector's passes over them find nothing (8 % of an open).
        # Not frozen (gc.freeze) afterwards, though the first pass after this visits
        # every new row once (5 ms for 10,000, 50 for 100,000): whatever in a cycle was
        # alive then would never be collected (a suggestion task holding the text: the
        # bench grew by 78 MB over 25 opens).
        with without_cycle_collection():
            self._load(article)

    def _load(self, article: ArticleInfo | None) -> None:
        self.article = article
        self.selected_id = None
        self.last_change = None  # it may be older than what the store now holds
        if article is None or self.workspace is None:
            self.article = None
            self.text, self.annotations = "", {}
        else:
            self.text = self.workspace.annotations.article_text(article.id)
            rows = self.workspace.annotations.list_rows(article.id, _new_row)
            self.annotations = dict(zip(map(_ID, rows), rows, strict=True))
        self.utf16 = Utf16Map(self.text)
        self._recount()
        self.loaded.emit()
        self.counts_changed.emit(self.counts())
        self.selected.emit(None)

    def refresh(self, article: ArticleInfo) -> None:
        """Read the open article again after the store changed behind the window's back
        (a verdict in the review queue, an import): only the differences reach the views,
        so the reader keeps its place and repaints the lines that changed."""
        if self.workspace is None or self.article is None or article.id != self.article.id:
            self.load(article)
            return
        service = self.workspace.annotations
        text = service.article_text(article.id)
        listed = service.list_rows(article.id, _new_row)
        rows = dict(zip(map(_ID, listed), listed, strict=True))
        have = self.annotations
        gone = [a for i, a in have.items() if i not in rows]
        new = [r for i, r in rows.items() if i not in have]
        edited = [(have[i], r) for i, r in rows.items() if i in have and have[i] != r]
        if text != self.text or len(gone) + len(new) + len(edited) > REFRESH_LIMIT:
            selected = self.selected_id
            self.load(article)
            self.select(selected)
            return
        self.article = article
        self.last_change = None  # the inspector reads the selected record again
        if self.selected_id is not None and self.selected_id not in rows:
            self.select(None)
        for old in gone:
            del have[old.id]
            self.removed.emit(old)
        for old, row in edited:
            have[row.id] = row
            self.changed.emit(old, row)
            if row.id == self.selected_id:
                self.selected.emit(row)
        for row in new:
            have[row.id] = row
            self.added.emit(row)
        self._recount()
        self.counts_changed.emit(self.counts())

    def visible(self, info: _Filterable) -> bool:
        return self.filter.accepts(info, self.me)

    def visible_annotations(self) -> list[AnnotationRow]:
        """In text order (the order the store listed them, new ones after)."""
        # The usual cases first: 10,000 calls of accepts() cost a few milliseconds.
        if self.filter.shows_everything:
            return list(self.annotations.values())
        if self.filter.only_hides_rejected:
            if not self._rejected:  # the usual article: nothing to leave out
                return list(self.annotations.values())
            return [a for a in self.annotations.values() if a.status != "rejected"]
        me, accepts = self.me, self.filter.accepts
        return [a for a in self.annotations.values() if accepts(a, me)]

    def set_filter(self, flt: AnnotationFilter, notify: bool = True) -> None:
        """Show what ``flt`` lets through (notify=False: before anything is shown)."""
        self.filter = flt
        self._recount()
        if notify:
            self.filter_changed.emit()

    def counts(self) -> dict[str, int]:
        """Live annotations per kind, as the library counts them (rejected ones aside)."""
        return dict(self._counts)

    def _recount(self) -> None:
        # Counted in C, kinds and statuses apart (no pair made per annotation); the
        # rejected ones, rare, are taken off their kinds afterwards.
        rows = self.annotations.values()
        statuses = Counter(map(_STATUS, rows))
        rejected = statuses.get("rejected", 0)
        pairs = Counter(map(_KIND, rows))
        if rejected:
            pairs.subtract(a.kind for a in rows if a.status == "rejected")
        counts = dict.fromkeys(kind_registry.names(), 0)
        for kind, n in pairs.items():
            if n or kind in counts:
                counts[kind] = n
        self._counts = counts
        self._rejected = rejected
        if self.filter.shows_everything:
            self.visible_count = len(self.annotations)
        elif self.filter.only_hides_rejected:
            self.visible_count = len(self.annotations) - rejected
        else:
            self.visible_count = len(self.visible_annotations())

    def _count(self, row: AnnotationRow, sign: int) -> None:
        if row.status != "rejected":
            self._counts[row.kind] = self._counts.get(row.kind, 0) + sign
        else:
            self._rejected += sign

    def apply(self, info: AnnotationInfo) -> None:
        """Take a stored change into the views."""
        if self.article is None or info.article_id != self.article.id:
            self.changed_elsewhere.emit(info.article_id, info.id)
            return
        self.last_change = info
        old = self.annotations.get(info.id)
        row = AnnotationRow.of(info)
        if old is not None:
            self._count(old, -1)
            self.visible_count -= self.visible(old)
        if not info.deleted:
            self._count(row, 1)
            self.visible_count += self.visible(row)
        if info.deleted:
            if old is not None:
                del self.annotations[info.id]
                if self.selected_id == info.id:
                    self.select(None)
                self.removed.emit(old)
        elif old is None:
            self.annotations[info.id] = row
            self.added.emit(row)
        else:
            self.annotations[info.id] = row
            self.changed.emit(old, row)
            if self.selected_id == info.id:
                self.selected.emit(row)
        if old is None or info.deleted or old.kind != info.kind or old.status != info.status:
            self.counts_changed.emit(self.counts())

    def select(self, annotation_id: int | None) -> None:
        if annotation_id == self.selected_id:
            return
        if annotation_id is not None and annotation_id not in self.annotations:
            annotation_id = None
        self.selected_id = annotation_id
        self.selected.emit(self.annotations.get(annotation_id) if annotation_id else None)

    @property
    def selected_annotation(self) -> AnnotationRow | None:
        return self.annotations.get(self.selected_id) if self.selected_id else None
