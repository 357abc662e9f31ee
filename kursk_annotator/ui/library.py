"""The Library dock: every article with outlet, date and counts per kind; search; sort."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.records import ArticleInfo

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex
CountSource = Callable[[list[int]], dict[int, dict[str, int]]]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3
COUNT_BATCH = 60  # rows counted in one query: more than a screenful


def counts_text(counts: dict[str, int]) -> str:
    return (
        f"{counts.get('claim', 0)} claims · {counts.get('figure', 0)} figures · "
        f"{counts.get('place', 0)} places"
    )


class LibraryModel(QAbstractListModel):
    """The articles; counts per kind are read for the rows shown, when first shown.

    Counting every article's annotations reads the whole store (0.1 s at 200,000);
    ``count_source(ids)`` (the core's ``ArticleService.counts``) counts the few a view
    paints, by index. Rows given with counts keep them.
    """

    def __init__(self, count_source: CountSource | None = None) -> None:
        super().__init__()
        self._rows: list[ArticleInfo] = []
        self._row_of: dict[int, int] = {}
        self._counts: dict[int, dict[str, int]] = {}
        self._sort_key = "date"
        self.count_source = count_source

    def set_rows(self, rows: list[ArticleInfo]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=_SORT_KEYS[self._sort_key])
        self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        self._counts = {a.id: dict(a.counts) for a in self._rows if a.counts}
        self.endResetModel()

    def sort_by(self, key: str) -> None:
        """Order the rows by "date" (newest first, undated last) or "title".

        Sorted here in one ``list.sort``: a sorting proxy asks ``data()`` from Python for
        every comparison (11,000 calls, 0.3 s, for 1,000 articles).
        """
        self._sort_key = key if key in _SORT_KEYS else "date"
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() else None for i in persistent]
        self._rows.sort(key=_SORT_KEYS[self._sort_key])
        self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(self._row_of[i], 0) if i in self._row_of else QModelIndex() for i in ids],
        )
        self.layoutChanged.emit()

    def set_counts(self, article_id: int, counts: dict[str, int]) -> None:
        row = self._row_of.get(article_id)
        if row is not None and self._counts.get(article_id) != counts:
            self._counts[article_id] = dict(counts)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def counts(self, article_id: int) -> dict[str, int]:
        """The article's counts per kind, read from the store the first time, with those
        of the rows after it that are not known yet: a view paints a screenful of rows,
        and one query for them all costs what one query for a single row costs."""
        known = self._counts.get(article_id)
        if known is None:
            if self.count_source is None:
                return {}
            row = self._row_of.get(article_id, 0)
            ids = [article_id] + [
                a.id for a in self._rows[row + 1 : row + COUNT_BATCH] if a.id not in self._counts
            ]
            found = self.count_source(ids)
            for i in ids:
                self._counts[i] = found.get(i, {})
            known = self._counts[article_id]
        return known

    def row(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def article(self, article_id: int) -> ArticleInfo | None:
        row = self._row_of.get(article_id)
        if row is None:
            return None
        info = self._rows[row]
        counts = self._counts.get(article_id)
        return info if counts is None or counts == info.counts else _with_counts(info, counts)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = a.published.isoformat() if a.published else "no date"
            counts = counts_text(self.counts(a.id))
            return f"{a.title}\n{a.outlet or 'Unknown outlet'} · {when}\n{counts}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{a.title}\n{a.url or ''}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{a.title}, {a.outlet or 'unknown outlet'}, {counts_text(self.counts(a.id))}"
        if role == ID_ROLE:
            return a.id
        if role == DATE_ROLE:
            # Newest first when sorted ascending: undated articles go last.
            return -(a.published or date.min).toordinal()
        if role == TITLE_ROLE:
            return a.title.casefold()
        return None


_SORT_KEYS: dict[str, Callable[[ArticleInfo], Any]] = {
    # Newest first; undated articles last; ties by id (the order they were stored).
    "date": lambda a: (-(a.published or date.min).toordinal(), a.id),
    "title": lambda a: (a.title.casefold(), a.id),
}


def _with_counts(info: ArticleInfo, counts: dict[str, int]) -> ArticleInfo:
    from dataclasses import replace

    return replace(info, counts=dict(counts))


class LibraryProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.matching: set[int] | None = None  # None: no search

    def set_matching(self, ids: set[int] | None) -> None:
        if ids is None and self.matching is None:
            return  # no search before or now: nothing to filter again
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.matching = ids
            self.endFilterChange()
        else:
            self.matching = ids
            self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self.matching is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(ID_ROLE) in self.matching


class ArticleList(QListView):
    """The Library's list: an article whose counts change repaints its own row.

    QListView answers any change of data by laying its items out again and repainting
    the whole list (every tag changes the open article's counts: the list was one of
    the costliest panels of a tag). Its items all have one size (uniform, never wrapped),
    so a changed row is repainted alone, as QAbstractItemView does it (editors and
    accessibility told as before).
    """

    def dataChanged(
        self,
        top_left: _Index,
        bottom_right: _Index,
        roles: Sequence[int] = (),
    ) -> None:
        if self.uniformItemSizes() and not self.wordWrap():
            QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))
        else:
            super().dataChanged(top_left, bottom_right, list(roles))


class LibraryPanel(QWidget):
    article_chosen = Signal(int)

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self._quiet = False  # select() without announcing the choice
        self.model = LibraryModel()
        self.proxy = LibraryProxy()
        self.proxy.setSourceModel(self.model)  # the search filter; the model sorts itself
        self.place_ids: set[int] | None = None  # see set_place_filter
        self.search = QLineEdit(placeholderText="Search title, outlet, text…")
        self.search.setAccessibleName("Search the library")
        self.search.setClearButtonEnabled(True)
        self.sort_box = QComboBox(accessibleName="Sort the library")
        self.sort_box.addItem("Newest first", "date")
        self.sort_box.addItem("Title A–Z", "title")
        self.list = ArticleList(accessibleName="Articles")
        self.list.setObjectName("library_list")
        self.list.setModel(self.proxy)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list)
        # Search after a short pause in typing, not on every key.
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.sort_box.currentIndexChanged.connect(lambda _i: self._sort())
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self._sort()

    def reload(self) -> None:
        if self.workspace is None:
            return
        current = self.current_id()
        self.model.count_source = self.workspace.articles.counts
        self.model.set_rows(self.workspace.articles.list(light=True))
        self.apply_search()
        if current is not None:
            self.select(current, emit=False)

    def apply_search(self) -> None:
        words = self.search.text().strip()
        if self.workspace is None:
            return
        matching = self.workspace.articles.search(words) if words else None
        if self.place_ids is not None:  # a place chosen on the map narrows the list too
            matching = self.place_ids if matching is None else matching & self.place_ids
        self.proxy.set_matching(matching)

    def set_place_filter(self, article_ids: set[int] | None) -> None:
        """Only the articles that mention a place (None: every article)."""
        self.place_ids = article_ids
        self.apply_search()

    def set_sort(self, key: str) -> None:
        self.sort_box.setCurrentIndex(max(self.sort_box.findData(key), 0))

    def sort_key(self) -> str:
        return self.sort_box.currentData()

    def _sort(self) -> None:
        self.model.sort_by(self.sort_key())

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, article_id: int, emit: bool = True) -> bool:
        """Make ``article_id`` the current, selected and visible row.

        With ``emit=False`` (the window follows an article opened elsewhere) nothing is
        announced, but the view still updates: its own signals are never blocked, or the
        highlight would stay on the article read before. An article the search hides
        leaves no row selected rather than the wrong one."""
        self._quiet = not emit
        try:
            row = self.model.row(article_id)  # found by id, not by asking every row
            index = (
                self.proxy.mapFromSource(self.model.index(row, 0))
                if row is not None
                else QModelIndex()
            )
            if index.isValid():
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return True
            self.list.selectionModel().clear()
            return False
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.article_chosen.emit(current.data(ID_ROLE))
