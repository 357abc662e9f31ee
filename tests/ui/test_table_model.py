"""The small table models' common base: headers, row count, cells through cell()."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kursk_annotator.ui.table_model import RowsTableModel

pytestmark = pytest.mark.gui


class Pairs(RowsTableModel[tuple[str, int]]):
    HEADERS = ("Name", "Count")

    def cell(self, item: tuple[str, int], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item[column] if column == 0 else str(item[column])
        return None


def test_rows_headers_and_cells(qtmodeltester) -> None:
    model = Pairs()
    qtmodeltester.check(model, force_py=True)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows(iter([("Sudzha", 3), ("Berdin", 1)]))
    assert resets == [True]
    qtmodeltester.check(model, force_py=True)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table: no children
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.index(1, 1).data() == "1"
    assert model.data(QModelIndex()) is None
    assert model.row_item(0) == ("Sudzha", 3)
    assert model.rows() == [("Sudzha", 3), ("Berdin", 1)]
