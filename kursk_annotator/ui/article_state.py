"""The article being read: its text, its annotations, and the filter on them.

Every view (reader, table, inspector, status bar, library counts) listens to this one
object, so a stored change reaches each of them exactly once and incrementally.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from kursk_annotator.core.records import AnnotationInfo, ArticleInfo
from kursk_annotator.core.text import Utf16Map
from kursk_annotator.core.workspace import Workspace

ONLY_ME = "\x00me"  # analyst filter value meaning "the current analyst"
KIND_ORDER = ("claim", "figure", "place")


@dataclass
class AnnotationFilter:
    kinds: set[str] = field(default_factory=lambda: set(KIND_ORDER))
    analyst: str = ""  # "" everyone, ONLY_ME, or an analyst's name
    status: str = ""  # "" any status

    def accepts(self, info: AnnotationInfo, me: str) -> bool:
        if info.kind not in self.kinds:
            return False
        if self.analyst:
            wanted = me if self.analyst == ONLY_ME else self.analyst
            if info.analyst != wanted:
                return False
        return not self.status or info.status == self.status


class ArticleState(QObject):
    loaded = Signal()  # a new article (or none) is shown
    added = Signal(object)  # AnnotationInfo now live in this article
    changed = Signal(object, object)  # (old AnnotationInfo, new AnnotationInfo)
    removed = Signal(object)  # AnnotationInfo no longer live
    filter_changed = Signal()
    counts_changed = Signal(dict)
    selected = Signal(object)  # AnnotationInfo or None
    error = Signal(str)  # one-line message for the user

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.article: ArticleInfo | None = None
        self.text = ""
        self.utf16 = Utf16Map("")
        self.annotations: dict[int, AnnotationInfo] = {}
        self.filter = AnnotationFilter()
        self.selected_id: int | None = None

    @property
    def me(self) -> str:
        return self.workspace.analyst_name

    def load(self, article: ArticleInfo | None) -> None:
        self.article = article
        self.selected_id = None
        if article is None:
            self.text, self.annotations = "", {}
        else:
            self.text = self.workspace.annotations.article_text(article.id)
            rows = self.workspace.annotations.list(article_id=article.id)
            self.annotations = {a.id: a for a in rows}
        self.utf16 = Utf16Map(self.text)
        self.loaded.emit()
        self.counts_changed.emit(self.counts())
        self.selected.emit(None)

    def visible(self, info: AnnotationInfo) -> bool:
        return self.filter.accepts(info, self.me)

    def visible_annotations(self) -> list[AnnotationInfo]:
        me, accepts = self.me, self.filter.accepts
        return [a for a in self.annotations.values() if accepts(a, me)]

    def set_filter(self, flt: AnnotationFilter) -> None:
        self.filter = flt
        self.filter_changed.emit()

    def counts(self) -> dict[str, int]:
        """Live annotations per kind, as the library counts them (rejected ones aside)."""
        counts = dict.fromkeys(KIND_ORDER, 0)
        for a in self.annotations.values():
            if a.status != "rejected":
                counts[a.kind] = counts.get(a.kind, 0) + 1
        return counts

    def apply(self, info: AnnotationInfo) -> None:
        """Take a stored change into the views."""
        if self.article is None or info.article_id != self.article.id:
            return
        old = self.annotations.get(info.id)
        if info.deleted:
            if old is not None:
                del self.annotations[info.id]
                if self.selected_id == info.id:
                    self.select(None)
                self.removed.emit(old)
        elif old is None:
            self.annotations[info.id] = info
            self.added.emit(info)
        else:
            self.annotations[info.id] = info
            self.changed.emit(old, info)
            if self.selected_id == info.id:
                self.selected.emit(info)
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
    def selected_annotation(self) -> AnnotationInfo | None:
        return self.annotations.get(self.selected_id) if self.selected_id else None
