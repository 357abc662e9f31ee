"""How the Annotations table paints a cell: the style's item panel, a kind swatch and the
text, drawn from the model's rows in one Python call per cell.

The stock QStyledItemDelegate asks the model for seven roles per cell (seven calls from
C++ into Python) and lays the text out again, eliding it, at every paint: the table was
the costliest panel to repaint after each new annotation (about 7 ms for 60 cells, more
than the reader). Here each text is elided once for its column's width
into a QStaticText (its glyphs laid out once). The selected (or current) row, whose look
depends on its state (selection, focus frame, tinted swatch), is left to the stock
delegate.

What the cells show is what the model's ``data()`` answers (text, swatch, the greyed
rejected rows); ``data()`` stays the source for tooltips, accessibility and tests.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kursk_annotator.ui.annotation_model import REJECTED_COLOUR, AnnotationTableModel, swatch

_Index = QModelIndex | QPersistentModelIndex
_CACHE_LIMIT = 4000  # elided texts kept (a screenful is ~60); cleared when exceeded
_TEXT = QPalette.ColorRole.Text


class AnnotationDelegate(QStyledItemDelegate):
    """Paints the cells of an ``AnnotationTableModel`` shown in ``view``."""

    def __init__(self, model: AnnotationTableModel, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._model = model
        self._view = view
        # (text, width) -> the text elided to that width; laid out once drawn twice.
        self._texts: dict[tuple[str, int], str | QStaticText] = {}
        # Rows the style must draw (selected or current): a superset of them, by id.
        self._marked: set[int] = set()
        self._geometry: tuple[int, int, int, QRect] | None = None
        view.setItemDelegate(self)

    def watch_selection(self) -> None:
        """Follow the view's selection model (call after the view's model is set)."""
        selection = self._view.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        selection.currentChanged.connect(self._selection_changed)
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        selection = self._view.selectionModel()
        rows = {i.row() for i in selection.selectedIndexes()}
        current = selection.currentIndex()
        if current.isValid():
            rows.add(current.row())
        model = self._model
        self._marked = {model.annotation(r).id for r in rows if 0 <= r < model.rowCount()}

    def forget_layout(self) -> None:
        """The font or the style changed: lay the texts and the cell geometry out again."""
        self._texts.clear()
        self._geometry = None

    def _cell_geometry(self, option: QStyleOptionViewItem) -> tuple[int, int, int, QRect]:
        """Left inset of the text, with and without the swatch, right inset, and the
        swatch's rectangle, in a cell at (0, 0): as the style lays a cell out."""
        if self._geometry is None:
            view, style = self._view, self._view.style()
            probe = QStyleOptionViewItem(option)
            probe.rect = QRect(0, 0, 400, option.rect.height())
            probe.text = "x"
            probe.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
            plain = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, view)
            size = view.iconSize()
            if not size.isValid():
                side = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
                size = QSize(side, side)
            probe.decorationSize = size
            probe.features = (
                QStyleOptionViewItem.ViewItemFeature.HasDisplay
                | QStyleOptionViewItem.ViewItemFeature.HasDecoration
            )
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, view)
            deco = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, probe, view)
            # The stock delegate draws a colour as a pixmap of decorationSize, centred.
            square = QRect(0, 0, size.width(), size.height())
            square.moveCenter(deco.center())
            # The style insets the text within its rectangle by this much on each side.
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
            self._geometry = (
                plain.left() + margin,
                text.left() + margin,
                400 - 1 - plain.right() + margin,
                square,
            )
        return self._geometry

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        model = self._model
        a = model.annotation(index.row())
        if a.id in self._marked:  # selected or current: the stock look, state and all
            super().paint(painter, option, index)
            return
        col = index.column()
        rect = option.rect
        plain_left, deco_left, right, square = self._cell_geometry(option)
        x, y = rect.x(), rect.y()
        if col == model.KIND:
            painter.fillRect(square.translated(x, y), swatch(a.kind))
            left = deco_left
        else:
            left = plain_left
        width = rect.width() - left - right
        text = model.display(a, col)
        painter.setPen(REJECTED_COLOUR if a.status == "rejected" else option.palette.color(_TEXT))
        # By text: kinds, analysts and statuses repeat down the table, so a row never
        # seen before (scrolled to after a new annotation) mostly costs its quote.
        key = (text, width)
        laid = self._texts.get(key)
        if laid is None:  # first seen: elided and drawn (a QStaticText costs twice that)
            if len(self._texts) > _CACHE_LIMIT:
                self._texts.clear()
            metrics = option.fontMetrics
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._texts[key] = elided
            # Where the QStaticText below puts it: its top, plus the ascent.
            top = y + (rect.height() - metrics.height()) // 2
            painter.drawText(x + left, top + metrics.ascent(), elided)
            return
        if isinstance(laid, str):  # seen again: worth laying out once and for all
            laid = QStaticText(laid)
            laid.setTextFormat(Qt.TextFormat.PlainText)
            laid.prepare(painter.transform(), option.font)
            self._texts[key] = laid
        height = int(laid.size().height())
        painter.drawStaticText(x + left, y + (rect.height() - height) // 2, laid)
