"""The Annotations table paints its cells itself (one Python call per cell, texts laid out
once): it must look exactly as Qt's stock item delegate draws the model's data."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTableView

from kursk_annotator.ui.annotation_delegate import AnnotationDelegate
from kursk_annotator.ui.annotation_model import AnnotationTableModel
from kursk_annotator.ui.annotation_table import AnnotationPanel
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState

ROWS = [
    AnnotationRow(1, "claim", 0, 6, "Olena Kovalchuk", "pending", "Sudzha", ""),
    AnnotationRow(
        2,
        "figure",
        10,
        90,
        "Mark Davies",
        "changes_requested",
        "12,000 North Korean soldiers\nwere deployed near Sudzha, the ministry said on Monday",
        "check the number\nagainst the ministry's briefing",
    ),
    AnnotationRow(3, "place", 100, 112, "Olena Kovalchuk", "rejected", "Kursk Oblast", "no"),
    AnnotationRow(4, "claim", 120, 130, "Mark Davies", "accepted", "Кременчук 🙂", ""),
    *(
        AnnotationRow(10 + i, "place", 200 + i, 210 + i, "Mark Davies", "pending", "Kyiv", "")
        for i in range(20)
    ),
]


def grab(panel: AnnotationPanel) -> QImage:
    QApplication.processEvents()
    return panel.table.viewport().grab().toImage()


def stock_look(panel: AnnotationPanel) -> QImage:
    delegate = panel.table.itemDelegate()
    panel.table.setItemDelegate(QStyledItemDelegate(panel.table))
    try:
        return grab(panel)
    finally:
        panel.table.setItemDelegate(delegate)


def test_cells_look_as_the_stock_delegate_draws_them(qtbot):
    panel = AnnotationPanel(ArticleState(None))
    qtbot.addWidget(panel)
    panel.resize(520, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.model.set_rows(ROWS)
    panel.table.selectRow(1)
    for focused in (False, True):
        if focused:
            panel.table.setFocus()
            qtbot.waitUntil(panel.table.hasFocus)
        # Twice: texts seen for the first time and texts laid out before take two paths.
        for _ in range(2):
            assert grab(panel) == stock_look(panel)
    # Narrower columns: texts elided again, as the stock delegate elides them.
    panel.table.setColumnWidth(AnnotationTableModel.ANALYST, 60)
    panel.resize(420, 300)
    for _ in range(2):
        assert grab(panel) == stock_look(panel)
    # A row changed in place (its status, greyed when rejected) is drawn anew.
    panel.model.update_row(ROWS[0]._replace(status="rejected", note="duplicate"))
    assert grab(panel) == stock_look(panel)


def test_painting_asks_the_model_for_no_roles_beyond_the_selected_row(qtbot):
    """The stock delegate makes seven calls into Python per cell for its roles; the table
    paints ~60 cells after every new annotation."""
    asked: list[int] = []

    class CountingModel(AnnotationTableModel):
        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
            asked.append(index.row())
            return super().data(index, role)

    model = CountingModel()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    AnnotationDelegate(model, table).watch_selection()
    table.resize(520, 300)
    table.show()
    qtbot.waitExposed(table)
    model.set_rows(ROWS)
    table.selectRow(2)
    QApplication.processEvents()
    asked.clear()
    table.viewport().repaint()
    assert asked  # the selected row's cells still go through the stock delegate
    assert set(asked) == {2}
    assert model.index(2, 0).data(Qt.ItemDataRole.DisplayRole) == "Place"
