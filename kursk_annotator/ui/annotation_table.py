"""The Annotations panel: a sortable, filterable table of the article's annotations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.ui.article_state import (
    KIND_ORDER,
    ONLY_ME,
    AnnotationFilter,
    AnnotationRow,
    ArticleState,
)
from kursk_annotator.ui.theme import KIND_COLOURS, KIND_LABELS

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


_ROLES_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        SORT_ROLE,
        ID_ROLE,
    }
)
_SWATCHES = {kind: QColor(colour) for kind, colour in KIND_COLOURS.items()}
_REJECTED = QBrush(QColor("#888888"))


class AnnotationTableModel(QAbstractTableModel):
    KIND, QUOTE, ANALYST, STATUS, NOTE = range(5)
    HEADERS = ("Kind", "Quote", "Analyst", "Status", "Note")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AnnotationRow] = []
        self._row_of: dict[int, int] | None = {}

    def set_rows(self, rows: list[AnnotationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        self.endResetModel()

    def add_row(self, info: AnnotationRow) -> None:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(info)
        if self._row_of is not None:
            self._row_of[info.id] = n
        self.endInsertRows()

    def update_row(self, info: AnnotationRow) -> None:
        row = self._rows_by_id().get(info.id)
        if row is None:
            self.add_row(info)
            return
        self._rows[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def remove_row(self, annotation_id: int) -> None:
        row = self._rows_by_id().get(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = None  # rebuilt when next needed, not on every removal
        self.endRemoveRows()

    def row_of(self, annotation_id: int) -> int | None:
        return self._rows_by_id().get(annotation_id)

    def _rows_by_id(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        return self._row_of

    def annotation(self, row: int) -> AnnotationRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks each cell for about eight roles; answer the unused ones first.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        a = self._rows[row]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.KIND:
                return KIND_LABELS[a.kind]
            if col == self.QUOTE:
                return " ".join(a.quote.split())
            if col == self.ANALYST:
                return a.analyst
            if col == self.STATUS:
                return a.status.replace("_", " ")
            if col == self.NOTE:
                return a.note.split("\n", 1)[0]
        elif role == SORT_ROLE:
            keys = (KIND_ORDER.index(a.kind), a.quote.casefold(), a.analyst, a.status, a.note)
            return keys[col] if col != self.QUOTE else a.start
        elif role == ID_ROLE:
            return a.id
        elif role == Qt.ItemDataRole.ToolTipRole and col in (self.QUOTE, self.NOTE):
            return a.quote if col == self.QUOTE else a.note or None
        elif role == Qt.ItemDataRole.DecorationRole and col == self.KIND:
            return _SWATCHES[a.kind]
        elif role == Qt.ItemDataRole.ForegroundRole and a.status == "rejected":
            return _REJECTED
        return None


class AnnotationSortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE values. The model itself holds only the rows the filter shows:
    asking Python about each of 10,000 rows on every open costs more than a frame."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)


class AnnotationPanel(QWidget):
    """Filters (kind, analyst, status) above the table; rows follow the reader's selection."""

    row_chosen = Signal(object)  # AnnotationRow the user picked in the table

    def __init__(self, state: ArticleState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = AnnotationTableModel()
        self.proxy = AnnotationSortProxy()
        self.proxy.setSourceModel(self.model)

        self.kind_box = QComboBox(accessibleName="Filter annotations by kind")
        self.kind_box.addItem("All kinds", "")
        for kind in KIND_ORDER:
            self.kind_box.addItem(KIND_LABELS[kind], kind)
        self.analyst_box = QComboBox(accessibleName="Filter annotations by analyst")
        self.status_box = QComboBox(accessibleName="Filter annotations by status")
        self.status_box.addItem("Any status", "")
        self.fill_analysts()  # "All analysts" and "Only mine" now, names once the store opens

        self.table = QTableView(accessibleName="Annotations of this article")
        self.table.setObjectName("annotation_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The quote takes what the dock has left; the other columns keep their widths.
        header.setSectionResizeMode(AnnotationTableModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col, width in ((0, 70), (2, 110), (3, 80), (4, 70)):
            self.table.setColumnWidth(col, width)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for box in (self.kind_box, self.analyst_box, self.status_box):
            filters.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self._syncing = False
        self.kind_box.activated.connect(self._filters_edited)
        self.analyst_box.activated.connect(self._filters_edited)
        self.status_box.activated.connect(self._filters_edited)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        state.loaded.connect(lambda: self.model.set_rows(state.visible_annotations()))
        state.added.connect(self._added)
        state.changed.connect(self._changed)
        state.removed.connect(lambda info: self.model.remove_row(info.id))
        state.filter_changed.connect(self._on_filter_changed)
        state.selected.connect(self._on_selected)

    def attach(self) -> None:
        """Fill the choices that come from the store, once it is open."""
        from kursk_annotator.core.models import STATUSES

        if self.status_box.count() == 1:
            for status in STATUSES:
                self.status_box.addItem(status.replace("_", " ").capitalize(), status)
        self.fill_analysts()
        self._on_filter_changed()

    def fill_analysts(self) -> None:
        current = self.analyst_box.currentData()
        self.analyst_box.clear()
        self.analyst_box.addItem("All analysts", "")
        self.analyst_box.addItem("Only mine", ONLY_ME)
        if self.state.workspace is not None:
            for analyst in self.state.workspace.analysts.all():
                self.analyst_box.addItem(analyst.name, analyst.name)
        self._show_value(self.analyst_box, current or self.state.filter.analyst)

    @staticmethod
    def _show_value(box: QComboBox, value: str) -> None:
        i = box.findData(value)
        box.setCurrentIndex(max(i, 0))

    def _filters_edited(self) -> None:
        kind = self.kind_box.currentData()
        flt = AnnotationFilter(
            kinds={kind} if kind else set(KIND_ORDER),
            analyst=self.analyst_box.currentData() or "",
            status=self.status_box.currentData() or "",
        )
        self.state.set_filter(flt)

    def _on_filter_changed(self) -> None:
        self.show_filter()
        self.model.set_rows(self.state.visible_annotations())
        self._on_selected(self.state.selected_annotation)

    def show_filter(self) -> None:
        """Set the three boxes to the current filter."""
        flt = self.state.filter
        self._show_value(self.kind_box, next(iter(flt.kinds)) if len(flt.kinds) == 1 else "")
        if len(flt.kinds) == 2:
            self.kind_box.setCurrentIndex(-1)  # two kinds: set from the View menu
        self._show_value(self.analyst_box, flt.analyst)
        self._show_value(self.status_box, flt.status)

    def _added(self, row: AnnotationRow) -> None:
        if self.state.visible(row):
            self.model.add_row(row)

    def _changed(self, _old: AnnotationRow, new: AnnotationRow) -> None:
        if self.state.visible(new):
            self.model.update_row(new)  # adds it when it was hidden before
        else:
            self.model.remove_row(new.id)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.state.select(current.data(ID_ROLE))
        row = self.state.selected_annotation
        if row is not None:
            self.row_chosen.emit(row)

    def _on_selected(self, info: AnnotationRow | None) -> None:
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            row = self.model.row_of(info.id) if info is not None else None
            proxy_index = (
                self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
            )
            if proxy_index is None or not proxy_index.isValid():
                selection.clearSelection()
                return
            selection.setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(proxy_index)
        finally:
            self._syncing = False
