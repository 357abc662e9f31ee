"""The Annotations table paints its plain rows itself (one Python call per paint, texts
laid out once): it must look exactly as QTableView and the stock delegate draw them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTableView

from kursk_annotator.ui.annotation_model import AnnotationTableModel
from kursk_annotator.ui.annotation_table import AnnotationPanel
from kursk_annotator.ui.annotation_view import AnnotationTable
from kursk_annotator.ui.article_state import AnnotationRow, ArticleState
from tests.ui.conftest import settle, watching

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


class StockDelegate(QStyledItemDelegate):
    """Qt's delegate under another name: the table then paints every cell through it."""


def stock_look(panel: AnnotationPanel) -> QImage:
    delegate = panel.table.itemDelegate()
    panel.table.setItemDelegate(StockDelegate(panel.table))
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
    table = AnnotationTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.resize(520, 300)
    table.show()
    qtbot.waitExposed(table)
    model.set_rows(ROWS)
    table.selectRow(2)
    QApplication.processEvents()
    asked.clear()
    table.viewport().repaint()
    # At most the current row, for its focus frame, goes through the stock delegate.
    assert set(asked) <= {2}
    assert model.index(2, 0).data(Qt.ItemDataRole.DisplayRole) == "Place"


def test_opening_a_long_article_paints_the_table_once(qtbot, make_window, workspace):
    """The table is painted once with the article's rows: not again when its scroll bar
    appears, nor when its rows are laid out after that first paint."""
    from kursk_annotator.core.services.articles import NewArticle

    text = "\n".join(f"Line {i}: shelling near Sudzha again." for i in range(200))
    note = workspace.articles.add(NewArticle(text="A short note.", title="Note"))
    long = workspace.articles.add(NewArticle(text=text, title="Long"))
    spans = [{"kind": "place", "start": text.index(f"Line {i}:") + 17, "end": 0} for i in range(80)]
    for span in spans:
        span["end"] = span["start"] + len("Sudzha")
    workspace.annotations.bulk_create(long.id, spans, workspace.analyst)
    window = make_window(workspace)
    window.resize(1400, 900)  # room for the table to show some rows
    window.annotations_dock.raise_()  # the tab in front of the docks it shares room with
    window.open_article(note.id)
    settle()
    viewport = window.annotations.table.viewport()
    width = viewport.width()
    with watching(viewport) as paints:
        window.open_article(long.id)
        settle()
    assert window.annotations.model.rowCount() == 80
    assert window.annotations.table.verticalScrollBar().maximum() > 0  # it does scroll
    assert viewport.width() == width
    assert paints.count == 1


def test_the_header_is_repainted_only_when_its_highlight_changes(qtbot, window):
    """Selected rows highlight every column's title; moving the selection from one row to
    another (each new annotation) leaves the header as it is, unpainted."""
    from tests.ui.conftest import select_text

    window.resize(1400, 900)
    window.annotations_dock.raise_()
    for quote in ("Sudzha", "Kursk Oblast", "Kyiv"):
        select_text(window, quote)
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
    ids = sorted(window.state.annotations)
    steps = []
    with watching(window.annotations.table.horizontalHeader().viewport()) as paints:
        for chosen in (None, ids[0], ids[1], ids[2], None):
            settle()
            paints.clear()
            window.state.select(chosen)
            settle()
            steps.append(paints.count)
    assert steps == [1, 1, 0, 0, 1]  # plain, highlighted, kept, kept, plain again


def test_the_scroll_bar_is_repainted_only_when_its_slider_moves(qtbot):
    """A row more among thousands moves the slider by a fraction of a pixel: nothing to
    repaint (every tag and undo did). Scrolling does move it."""
    panel = AnnotationPanel(ArticleState(None))
    qtbot.addWidget(panel)
    panel.resize(520, 300)
    panel.show()
    qtbot.waitExposed(panel)
    rows = [
        AnnotationRow(i, "place", 10 * i, 10 * i + 4, "Mark Davies", "pending", "Kyiv", "")
        for i in range(3000)
    ]
    panel.model.set_rows(rows)
    settle()
    bar = panel.table.verticalScrollBar()
    counts = []
    with watching(bar) as paints:
        for step in ("add", "remove", "scroll"):
            paints.clear()
            if step == "add":
                panel.model.add_row(rows[-1]._replace(id=5000, start=40000, end=40004))
            elif step == "remove":
                panel.model.remove_row(5000)
            else:
                bar.setValue(bar.maximum() // 2)
            settle()
            counts.append(paints.count)
    assert bar.maximum() > 2000
    assert counts == [0, 0, 1]


def test_the_scroll_bar_looks_as_qt_draws_it(qtbot):
    """Its groove is drawn once and kept, the slider drawn over it at each paint: the bar
    must look as QScrollBar draws it, wherever the slider is, and when disabled or in
    another palette."""
    from PySide6.QtGui import QColor, QCursor, QPalette
    from PySide6.QtWidgets import QScrollBar, QWidget

    from kursk_annotator.ui.annotation_view import SteadyScrollBar

    window = QWidget()  # the bars away from the mouse pointer (hovered, Qt draws them)
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.setAutoFillBackground(True)  # as the table's box for its bar
    ours = SteadyScrollBar(Qt.Orientation.Vertical, window)
    qts = QScrollBar(Qt.Orientation.Vertical, window)
    for x, bar in ((300, ours), (350, qts)):
        bar.setGeometry(x, 10, 14, 279)
        bar.setRange(0, 10_000)
        bar.setPageStep(12)
    window.show()
    qtbot.waitExposed(window)
    assert not ours.geometry().contains(window.mapFromGlobal(QCursor.pos()))
    dark = QPalette(QColor("#353535"), QColor("#2a2a2a"))
    looks = []
    for value, enabled, palette in (
        (0, True, None),
        (5_000, True, None),
        (10_000, True, None),
        (2_500, False, None),
        (7_000, True, dark),
        (7_001, True, dark),
    ):
        window.setPalette(palette if palette is not None else QPalette())
        for bar in (ours, qts):
            bar.setValue(value)
            bar.setEnabled(enabled)
        settle()
        mine, theirs = ours.grab().toImage(), qts.grab().toImage()
        assert mine == theirs, (value, enabled, palette is not None)
        assert ours._groove is not None  # drawn from the kept groove
        looks.append(mine)
    assert looks[0] != looks[1] != looks[2]  # the slider did move
    assert looks[3] != looks[1] and looks[4] != looks[1]  # disabled, dark: another look
