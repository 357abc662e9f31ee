"""Compare two analysts on one article: agreement figures and the merged list.

The reviewer picks a row and adopts A's or B's annotation (Ctrl+Alt+A / Ctrl+Alt+B): the
chosen one is accepted and its counterpart in the row, if any, rejected — one action,
through the same review service as everywhere else (so nobody adopts their own work).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.agreement import Agreement, ComparisonRow, compare_analysts
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.ui.table_model import RowsTableModel
from kursk_annotator.ui.tasks import Task, run_task
from kursk_annotator.ui.workspace_source import WorkspaceSource, workspace_of

CATEGORY_LABELS = {
    "both": "Both alike",
    "different_kinds": "Kinds differ",
    "only_a": "Only A",
    "only_b": "Only B",
}
# Paul Tol's "light" scheme again: pale enough for black text, distinct when colour-blind.
CATEGORY_COLOURS = {
    "both": "#BBCC33",
    "different_kinds": "#EE8866",
    "only_a": "#77AADD",
    "only_b": "#FFAABB",
}


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AgreementModel(RowsTableModel[tuple[str, ...]]):
    """One row per kind plus overall: span counts, P/R/F1 exact and overlap, kappa."""

    HEADERS = (
        "Kind", "A", "B", "Exact P", "Exact R", "Exact F1",
        "Overlap P", "Overlap R", "Overlap F1", "Kappa",
    )  # fmt: skip

    def set_result(self, result: Agreement | None) -> None:
        rows = []
        for kind in (*kinds.names(), "overall") if result is not None else ():
            ex, ov = result.exact[kind], result.overlap[kind]
            rows.append(
                (
                    kinds.label(kind) if kind != "overall" else "Overall",
                    str(ex.a_spans),
                    str(ex.b_spans),
                    _fmt(ex.precision),
                    _fmt(ex.recall),
                    _fmt(ex.f1),
                    _fmt(ov.precision),
                    _fmt(ov.recall),
                    _fmt(ov.f1),
                    _fmt(result.kappa[kind]),
                )
            )
        self.set_rows(rows)

    def cell(self, item: tuple[str, ...], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return item[column]
        return None


class CompareModel(RowsTableModel[ComparisonRow]):
    """The merged list: one row per pair (or lone annotation) in text order."""

    MATCH, A_KIND, A_QUOTE, B_KIND, B_QUOTE = range(5)
    HEADERS = ("Match", "A kind", "A quote", "B kind", "B quote")

    def comparison(self, row: int) -> ComparisonRow:
        return self._rows[row]

    def cell(self, row: ComparisonRow, column: int, role: int) -> Any:
        a, b = row.a, row.b
        if role == Qt.ItemDataRole.DisplayRole:
            match = CATEGORY_LABELS[row.category]
            if row.category == "both" and not row.exact:
                match += " (overlap)"
            return (
                match,
                kinds.label(a.kind) if a else "",
                _short(a.quote) if a else "",
                kinds.label(b.kind) if b else "",
                _short(b.quote) if b else "",
            )[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == self.MATCH:
            return QBrush(QColor(CATEGORY_COLOURS[row.category]))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MATCH:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            side = a if column in (self.A_KIND, self.A_QUOTE) else b
            if side is not None:
                return f"#{side.id} {side.status}: {side.quote}"
        return None


def _busiest_pair(ws: Any, article_id: int, names: list[str]) -> tuple[str, str]:
    """The two analysts with the most live annotations on the article (then by name),
    then those who tagged none of it; "" where the store has fewer than two."""
    tagged = Counter(row[4] for row in ws.annotations.list_rows(article_id))
    ranked = sorted(tagged, key=lambda name: (-tagged[name], name))
    ranked += [n for n in names if n not in tagged]
    first, second, *_ = [*ranked, "", ""]
    return first, second


class CompareView(QDialog):
    """Non-modal: the reviewer keeps the reader open beside it."""

    changed = Signal()
    computed = Signal()  # the figures and the merged list are shown for the current choice

    def __init__(self, source: WorkspaceSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_view")
        self.setWindowTitle("Compare Analysts")
        self.source = source
        self.result: Agreement | None = None
        self.task: Task | None = None
        self._asked = 0  # which refresh the running comparison answers
        self.article_box = QComboBox(objectName="compare_article")
        self.a_box = QComboBox(objectName="compare_a")
        self.b_box = QComboBox(objectName="compare_b")
        self.figures = AgreementModel()
        self.rows = CompareModel()
        self.figures_view = QTableView(objectName="compare_figures")
        self.figures_view.setModel(self.figures)
        self.figures_view.verticalHeader().hide()
        # Four rows of figures: as tall as they are, the merged list gets the rest.
        self.figures_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.figures_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figures_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Every column in view at the dialog's size: the kind as wide as its label, the
        # figures share the rest (no horizontal scrolling to reach the kappa).
        figures_header = self.figures_view.horizontalHeader()
        figures_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        figures_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        figures_header.setMinimumSectionSize(40)
        self.rows_view = QTableView(objectName="compare_rows")
        self.rows_view.setModel(self.rows)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in (CompareModel.A_QUOTE, CompareModel.B_QUOTE):
            self.rows_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.adopt_a_button = QPushButton("Adopt &A's", objectName="compare_adopt_a")
        self.adopt_b_button = QPushButton("Adopt &B's", objectName="compare_adopt_b")
        self.adopt_a_button.setToolTip("Accept A's annotation in this row, reject B's (Ctrl+Alt+A)")
        self.adopt_b_button.setToolTip("Accept B's annotation in this row, reject A's (Ctrl+Alt+B)")
        self.summary = QLabel(objectName="compare_summary")
        self.message = QLabel(objectName="compare_message")
        self.message.setWordWrap(True)

        pick = QHBoxLayout()
        for label, box in (("Article", self.article_box), ("A", self.a_box), ("B", self.b_box)):
            caption = QLabel(label)
            caption.setBuddy(box)
            box.setAccessibleName(f"Analyst {label}" if len(label) == 1 else label)
            pick.addWidget(caption)
            pick.addWidget(box, 2 if box is self.article_box else 1)
        adopt = QHBoxLayout()
        adopt.addWidget(self.summary, 1)
        adopt.addWidget(self.adopt_a_button)
        adopt.addWidget(self.adopt_b_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.figures_view)
        layout.addWidget(self.rows_view, 1)
        layout.addLayout(adopt)
        layout.addWidget(self.message)
        layout.addWidget(close)

        for box in (self.article_box, self.a_box, self.b_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.adopt_a_button.clicked.connect(lambda: self.adopt("a"))
        self.adopt_b_button.clicked.connect(lambda: self.adopt("b"))
        self.rows_view.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        QShortcut(QKeySequence("Ctrl+Alt+A"), self, lambda: self.adopt("a"))
        QShortcut(QKeySequence("Ctrl+Alt+B"), self, lambda: self.adopt("b"))
        self.resize(980, 640)
        self._paired = False  # the default pair of analysts is chosen once, for an article
        self.reload_choices()

    def reload_choices(self, article_id: int | None = None) -> None:
        ws = workspace_of(self.source)
        names = [a.name for a in ws.analysts.all()]
        chosen = (
            article_id if article_id is not None else self.article_box.currentData(),
            self.a_box.currentText(),
            self.b_box.currentText(),
        )
        if not self._paired and chosen[0] is not None:
            # First shown: the two analysts who tagged the article most, not the first
            # two names (often someone who tagged nothing there: an empty comparison).
            self._paired = True
            chosen = (chosen[0], *_busiest_pair(ws, chosen[0], names))
        for box in (self.article_box, self.a_box, self.b_box):
            box.blockSignals(True)
            box.clear()
        for article_id, title in ws.articles.titles().items():
            self.article_box.addItem(_short(title, 60), article_id)
        self.a_box.addItems(names)
        self.b_box.addItems(names)
        self.article_box.setCurrentIndex(max(0, self.article_box.findData(chosen[0])))
        self.a_box.setCurrentIndex(max(0, self.a_box.findText(chosen[1])))
        b_default = self.b_box.findText(chosen[2])
        if b_default < 0 or chosen[2] == self.a_box.currentText():
            b_default = 1 if self.a_box.currentIndex() == 0 and len(names) > 1 else 0
        self.b_box.setCurrentIndex(b_default)
        for box in (self.article_box, self.a_box, self.b_box):
            box.blockSignals(False)
        self.refresh()

    def choose(self, article_id: int, analyst_a: str, analyst_b: str) -> None:
        for box, value in ((self.a_box, analyst_a), (self.b_box, analyst_b)):
            box.blockSignals(True)
            box.setCurrentIndex(box.findText(value))
            box.blockSignals(False)
        self.article_box.setCurrentIndex(self.article_box.findData(article_id))
        self.refresh()

    @property
    def computing(self) -> bool:
        return self.task is not None

    def refresh(self, message: str = "") -> None:
        """Compare the chosen analysts in the background; ``message`` shows once done."""
        ws = workspace_of(self.source)
        article_id = self.article_box.currentData()
        a, b = self.a_box.currentText(), self.b_box.currentText()
        self._asked += 1
        asked = self._asked
        if message:
            self.message.setText(message)
        if article_id is not None and a and b and a != b:
            self.summary.setText("Comparing…")

            def done(result: Agreement | None, error: BaseException | None) -> None:
                if asked != self._asked:
                    return  # the choice changed meanwhile: a newer comparison runs
                self.task = None
                if error is not None:
                    self._show(
                        None,
                        str(error)
                        if isinstance(error, UserError)
                        else (f"comparing failed: {type(error).__name__}: {error}"),
                    )
                else:
                    self._show(result, message)

            self.task = run_task(
                lambda _task: compare_analysts(ws, article_id, a, b),
                done,
                name="the comparison",
                owner=self,
            )
            return
        self.task = None
        self._show(None, "Choose two different analysts." if a == b else message)

    def _show(self, result: Agreement | None, message: str) -> None:
        selected = self.rows_view.currentIndex().row()
        self.result = result
        self.message.setText(message)
        self.figures.set_result(self.result)
        self.rows.set_rows(self.result.rows if self.result else [])
        if self.result is not None:
            counts = {k: 0 for k in CATEGORY_LABELS}
            for row in self.result.rows:
                counts[row.category] += 1
            self.summary.setText(
                "   ".join(f"{CATEGORY_LABELS[k]}: {n}" for k, n in counts.items())
                + f"   ({self.result.tokens} tokens)"
            )
        else:
            self.summary.clear()
        if self.rows.rowCount():
            self.rows_view.selectRow(max(0, min(selected, self.rows.rowCount() - 1)))
        self._buttons()
        self.computed.emit()

    def current_row(self) -> ComparisonRow | None:
        index = self.rows_view.currentIndex()
        return self.rows.comparison(index.row()) if index.isValid() else None

    def _buttons(self) -> None:
        row = self.current_row()
        self.adopt_a_button.setEnabled(row is not None and row.a is not None)
        self.adopt_b_button.setEnabled(row is not None and row.b is not None)

    def adopt(self, side: str) -> bool:
        """Accept this row's annotation of ``side`` ("a" or "b"), reject the other one."""
        row = self.current_row()
        chosen: AnnotationInfo | None = None
        other: AnnotationInfo | None = None
        if row is not None:
            chosen, other = (row.a, row.b) if side == "a" else (row.b, row.a)
        if chosen is None:
            self.message.setText("This row has no annotation on that side to adopt.")
            return False
        ws = workspace_of(self.source)
        try:
            ws.reviews.adopt(chosen.id, ws.analyst, [other.id] if other else [])
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.refresh(f"Adopted #{chosen.id} “{_short(chosen.quote, 50)}”.")
        self.changed.emit()
        return True
