"""The Annotations panel: filters above a sortable table of the article's annotations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.ui.annotation_model import ID_ROLE, AnnotationTableModel
from kursk_annotator.ui.annotation_view import AnnotationTable
from kursk_annotator.ui.article_state import (
    ONLY_ME,
    STATUS_CHOICES,
    AnnotationFilter,
    AnnotationRow,
    ArticleState,
)


class AnnotationPanel(QWidget):
    """Filters (kind, analyst, status) above the table; rows follow the reader's selection."""

    row_chosen = Signal(object)  # AnnotationRow the user picked in the table

    def __init__(self, state: ArticleState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = AnnotationTableModel()

        self.kind_box = QComboBox(accessibleName="Filter annotations by kind")
        self.kind_box.addItem("All kinds", "")
        for kind in kinds.all_kinds():
            self.kind_box.addItem(kind.label, kind.name)
        self.analyst_box = QComboBox(accessibleName="Filter annotations by analyst")
        self.status_box = QComboBox(accessibleName="Filter annotations by status")
        for value, label in STATUS_CHOICES:
            self.status_box.addItem(label, value)
        self.fill_analysts()  # "All analysts" and "Only mine" now, names once the store opens

        self.table = AnnotationTable(accessibleName="Annotations of this article")
        self.table.setObjectName("annotation_table")
        self.table.setModel(self.model)
        # Unsorted (text order) until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # Always there: a scroll bar that appears with the first long article resizes
        # the rows already painted, which are then painted again (at every open).
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
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
        state.extended.connect(self._on_extended)
        state.added.connect(self._added)
        state.changed.connect(self._changed)
        state.removed.connect(self._removed)
        state.filter_changed.connect(self._on_filter_changed)
        state.selected.connect(self._on_selected)

    def attach(self) -> None:
        """Fill the choices that come from the store, once it is open."""
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
            kinds={kind} if kind else set(kinds.names()),
            analyst=self.analyst_box.currentData() or "",
            status=self.status_box.currentData() or "",
            # A place chosen on the map stays chosen when kinds or analysts change.
            only=self.state.filter.only,
            only_label=self.state.filter.only_label,
        )
        self.state.set_filter(flt)

    def _on_filter_changed(self) -> None:
        self.show_filter()
        self.model.set_rows(self.state.visible_annotations())
        self._on_selected(self.state.selected_annotation)

    def _on_extended(self, rows: list[AnnotationRow]) -> None:
        """A part of a long article's other rows is read: listed below the rows shown."""
        with self._sync():
            self.model.extend_rows(self.state.visible_of(rows))

    def show_filter(self) -> None:
        """Set the three boxes to the current filter."""
        flt = self.state.filter
        self._show_value(self.kind_box, next(iter(flt.kinds)) if len(flt.kinds) == 1 else "")
        if 1 < len(flt.kinds) < len(kinds.names()):
            self.kind_box.setCurrentIndex(-1)  # some kinds: set from the View menu
        self._show_value(self.analyst_box, flt.analyst)
        self._show_value(self.status_box, flt.status)

    # Rows come and go under the view: when the current row goes, Qt makes a neighbour
    # current, which is not the user choosing it (the selection is the state's to change).

    def _added(self, row: AnnotationRow) -> None:
        if self.state.visible(row):
            with self._sync():
                self.model.add_row(row)

    def _changed(self, _old: AnnotationRow, new: AnnotationRow) -> None:
        with self._sync():
            if self.state.visible(new):
                self.model.update_row(new)  # adds it when it was hidden before
            else:
                self.model.remove_row(new.id)

    def _removed(self, info: AnnotationRow) -> None:
        with self._sync():
            self.model.remove_row(info.id)

    @contextmanager
    def _sync(self) -> Iterator[None]:
        syncing, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = syncing

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.state.select(current.data(ID_ROLE))
        row = self.state.selected_annotation
        if row is not None:
            self.row_chosen.emit(row)

    def _on_selected(self, info: AnnotationRow | None) -> None:
        selection = self.table.selectionModel()
        with self._sync():
            row = self.model.row_of(info.id) if info is not None else None
            if row is None:
                selection.clearSelection()
                # No current row either: when a current row goes (undoing a tag), Qt
                # makes its neighbour current, and that neighbour got selected.
                selection.clearCurrentIndex()
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
