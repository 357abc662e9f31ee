"""The article being read: its text, its annotations, and the filter on them.

Every view (reader, table, inspector, status bar, library counts) listens to this one
object, so a stored change reaches each of them exactly once and incrementally.

A long article with thousands of annotations is read in parts: the rows starting in its
first screens (``FIRST_VIEW``) come with the text and are shown at once (``loaded``); once
that first view has been painted, the rest follows in text order, about ``REST_STEP`` rows
per turn of the event loop (``extended``), so the window answers the user meanwhile. Its
counts come from the store until then, so what the status bar and the library say never
depends on how much has been read. Anything that needs every row (a filter, a jump to an
annotation, a stored change) reads the rest at once first (:meth:`ArticleState.complete`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core import reader_rows
from kursk_annotator.core.cycle_collection import without_cycle_collection
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo, ArticleInfo
from kursk_annotator.core.text import Utf16Map

if TYPE_CHECKING:  # importing the store's libraries waits until the window is shown
    from kursk_annotator.core.workspace import Workspace

ONLY_ME = "\x00me"  # analyst filter value meaning "the current analyst"
REFRESH_LIMIT = 500  # more changed annotations than this: read the article afresh
# An article with more annotations than this is read in parts: first the rows that start
# in its first FIRST_VIEW code points (a few screens of text), then the rest, REST_STEP rows
# or so at a time. Reading 10,000 rows costs as much as laying out 1 MB of text; the first
# screen needs a few dozen.
SPLIT_ABOVE = 2_000
FIRST_VIEW = 20_000
REST_STEP = 5_000
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


def _span_for(span: int, rows: int) -> int:
    """Code points whose rows come to about REST_STEP, judged by the last part read."""
    return max(FIRST_VIEW, span * REST_STEP // max(rows, 1))


class _Counted(NamedTuple):
    """Annotations of one kind and status, as the filter sees them (no analyst or id:
    an article is counted this way only under a filter that asks for neither)."""

    kind: str
    status: str
    id: int = 0
    analyst: str = ""


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
    # A part of the rows an article's first view left out is read: list of AnnotationRow,
    # new to ``annotations``, in text order, after every row read before.
    extended = Signal(object)
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
        # Where the rows not yet read start (an article opened in parts), or None.
        self.rest_from: int | None = None
        self._rest_span = 0  # code points of text whose rows the next part reads
        self._loads = 0  # articles loaded: a part still to read belongs to the last one
        self._total = 0  # live annotations of an article not all read (else len(annotations))
        # Starts reading the rest once the first view is on screen (the window sets it to
        # wait for the reader's paint); by default on the next turn of the event loop.
        self.defer_rest: Callable[[Callable[[], None]], None] = self._next_turn

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
        self.rest_from = None
        self._loads += 1
        groups = None
        if article is None or self.workspace is None:
            self.article = None
            self.text, self.annotations = "", {}
        else:
            service = self.workspace.annotations
            self.text = service.article_text(article.id)
            if len(self.text) > FIRST_VIEW and self._counted_without_rows():
                groups = service.kind_status_counts(article.id)
                if sum(groups.values()) <= SPLIT_ABOVE:
                    groups = None
            if groups is None:
                rows = service.list_rows(article.id, _new_row)
            else:
                rows = service.list_rows(article.id, _new_row, starts_in=(0, FIRST_VIEW))
                self.rest_from = FIRST_VIEW
                self._rest_span = _span_for(FIRST_VIEW, len(rows))
            self.annotations = dict(zip(map(_ID, rows), rows, strict=True))
        self.utf16 = Utf16Map(self.text)
        if groups is None:
            self._recount()
        else:
            self._count_groups(groups)
        self.loaded.emit()
        self.counts_changed.emit(self.counts())
        self.selected.emit(None)
        if self.rest_from is not None:
            self.defer_rest(partial(self._read_on, self._loads))

    def _counted_without_rows(self) -> bool:
        """Whether the filter's count can be had from counts per kind and status (an
        analyst filter or a map selection needs the rows themselves)."""
        return not self.filter.analyst and self.filter.only is None

    def _next_turn(self, run: Callable[[], None]) -> None:
        QTimer.singleShot(0, self, run)

    def _read_on(self, load: int) -> None:
        """Read the next part of the rest, then ask for the part after it."""
        if load != self._loads or self.rest_from is None:
            return  # another article was opened meanwhile, or the rest read already
        try:
            self._read_rest(self._rest_span)
        except UserError as exc:  # the store out of reach: read when next needed
            self.error.emit(str(exc))
            return
        if self.rest_from is not None:
            self._next_turn(partial(self._read_on, load))

    @property
    def complete_now(self) -> bool:
        """Whether every row of the open article has been read."""
        return self.rest_from is None

    def complete(self, leave_out: int | None = None) -> None:
        """Read every row not read yet (none left: nothing to do) and hand them to the
        views. Rows stored since the first view are read too; ``leave_out`` (a change
        about to be applied) is not taken from the store. A store out of reach is said
        in one line (``error``), and the rest read when next needed."""
        if self.rest_from is None:
            return
        try:
            self._read_rest(None, leave_out)
        except UserError as exc:
            self.error.emit(str(exc))

    def _read_rest(self, span: int | None, leave_out: int | None = None) -> None:
        """Read the rows starting in the next ``span`` code points (None: to the end)."""
        first = self.rest_from
        if first is None or self.article is None or self.workspace is None:
            self.rest_from = None
            return
        end = reader_rows.END_OF_TEXT
        if span is not None and first + span < len(self.text):
            end = first + span
        with without_cycle_collection():
            rows = self.workspace.annotations.list_rows(
                self.article.id, _new_row, starts_in=(first, end)
            )
            # Read: what the views ask from here on is there. Every row held starts before
            # ``first`` (a stored change reads the rest before it is applied), so the rows
            # stay in text order; one held already would be an edit made elsewhere.
            self.rest_from = None if end == reader_rows.END_OF_TEXT else end
            have = self.annotations
            new = [r for r in rows if r.id not in have and r.id != leave_out]
            have.update(zip(map(_ID, new), new, strict=True))
            if self.rest_from is None:
                self._recount()  # every row read: counted from the rows again
            else:
                self._rest_span = _span_for(end - first, len(rows))
            self.extended.emit(new)
        if self.rest_from is None:
            self.counts_changed.emit(self.counts())

    def refresh(self, article: ArticleInfo) -> None:
        """Read the open article again after the store changed behind the window's back
        (a verdict in the review queue, an import): only the differences reach the views,
        so the reader keeps its place and repaints the lines that changed."""
        if self.workspace is None or self.article is None or article.id != self.article.id:
            self.load(article)
            return
        self.complete()  # the differences are those of every row
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
        return self.visible_of(self.annotations.values())

    def visible_of(self, rows: Iterable[AnnotationRow]) -> list[AnnotationRow]:
        """Those of ``rows`` the filter lets through, in their order."""
        # The usual cases first: 10,000 calls of accepts() cost a few milliseconds.
        if self.filter.shows_everything:
            return list(rows)
        if self.filter.only_hides_rejected:
            if not self._rejected:  # the usual article: nothing to leave out
                return list(rows)
            return [a for a in rows if a.status != "rejected"]
        me, accepts = self.me, self.filter.accepts
        return [a for a in rows if accepts(a, me)]

    def set_filter(self, flt: AnnotationFilter, notify: bool = True) -> None:
        """Show what ``flt`` lets through (notify=False: before anything is shown)."""
        self.complete()  # counted and shown from the rows themselves
        self.filter = flt
        self._recount()
        if notify:
            self.filter_changed.emit()

    def counts(self) -> dict[str, int]:
        """Live annotations per kind, as the library counts them (rejected ones aside)."""
        return dict(self._counts)

    @property
    def total(self) -> int:
        """Live annotations of the article, read or not (rejected ones included)."""
        return len(self.annotations) if self.rest_from is None else self._total

    def _count_groups(self, groups: dict[tuple[str, str], int]) -> None:
        """The counts from the store's counts per (kind, status), for an article whose
        rows are not all read (the filter is one _counted_without_rows accepts)."""
        counts = dict.fromkeys(kind_registry.names(), 0)
        rejected = visible = 0
        me, accepts = self.me, self.filter.accepts
        for (kind, status), n in groups.items():
            if status == "rejected":
                rejected += n
            else:
                counts[kind] = counts.get(kind, 0) + n
            if accepts(_Counted(kind, status), me):
                visible += n
        self._counts, self._rejected = counts, rejected
        self._total = sum(groups.values())
        self.visible_count = visible

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
        if self.rest_from is not None:
            # The rest read first, so the change is counted once and reaches every view
            # as an addition, an edit or a removal (a row not read yet is not taken from
            # the store: the change brings it).
            self.complete(leave_out=None if info.id in self.annotations else info.id)
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
            self.complete()  # it may be further on in a long article
            if annotation_id not in self.annotations:
                annotation_id = None
        self.selected_id = annotation_id
        self.selected.emit(self.annotations.get(annotation_id) if annotation_id else None)

    @property
    def selected_annotation(self) -> AnnotationRow | None:
        return self.annotations.get(self.selected_id) if self.selected_id else None
