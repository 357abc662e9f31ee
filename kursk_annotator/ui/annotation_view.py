"""The Annotations table view, which paints the rows on screen in one Python call per
paint (``AnnotationTable.paintEvent``, ``CellPainter``).

QTableView paints cell by cell through its item delegate, and the stock delegate asks the
model for seven roles per cell: with the model in Python that is ~500 calls from C++ into
Python for the ~60 cells on screen, plus each text laid out (and elided) again at every
paint. The table was the costliest panel to repaint after each new annotation (about 7 ms,
more than the reader). Here each text is elided once for its column's width and kept
laid out (QStaticText), and the rows are drawn from the model's tuples directly.

Selected rows are filled with the highlight colour as Fusion draws them; rows whose
look depends on more of their state (the current row's focus frame, hovering, a selection
in another style) are left to QTableView and the stock delegate. What the cells show is
what the model's ``data()`` answers; ``data()`` stays the source for those rows, tooltips,
accessibility and tests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QRegion,
    QStaticText,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QHeaderView,
    QScrollBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSlider,
    QStyleOptionViewItem,
    QTableView,
)

from kursk_annotator.ui.annotation_model import REJECTED_COLOUR, AnnotationTableModel, swatch
from kursk_annotator.ui.article_state import AnnotationRow

_ALL_BUT_GROOVE = QStyle.SubControl(
    QStyle.SubControl.SC_All.value & ~QStyle.SubControl.SC_ScrollBarGroove.value
)
_CACHE_LIMIT = 4000  # elided texts kept (a screenful is ~60); cleared when exceeded


class CellPainter:
    """Draws the cells of an ``AnnotationTableModel`` row as ``view``'s style lays them out."""

    def __init__(self, model: AnnotationTableModel, view: QAbstractItemView) -> None:
        self._model = model
        self._view = view
        # (text, width, height) -> the text elided to that width; once drawn twice, laid
        # out, with its offset from the cell's top.
        self._texts: dict[tuple[str, int, int], str | tuple[QStaticText, int]] = {}
        self._geometry: dict[int, tuple[int, int, int, QRect]] = {}  # by cell height
        self._icons: dict[tuple[str, int, int], QIcon] = {}

    def _icon(self, kind: str, size: QSize) -> QIcon:
        """The kind's swatch as the stock delegate makes it of a colour."""
        key = (kind, size.width(), size.height())
        icon = self._icons.get(key)
        if icon is None:
            pixmap = QPixmap(size)
            pixmap.fill(swatch(kind))
            icon = self._icons[key] = QIcon(pixmap)
        return icon

    def forget_layout(self) -> None:
        """The font or the style changed: lay the texts and the cell geometry out again."""
        self._texts.clear()
        self._geometry.clear()

    def _cell_geometry(
        self, option: QStyleOptionViewItem, height: int
    ) -> tuple[int, int, int, QRect]:
        """Left inset of the text, with and without the swatch, right inset, and the
        swatch's rectangle, in a cell at (0, 0): as the style lays a cell out."""
        geometry = self._geometry.get(height)
        if geometry is None:
            view, style = self._view, self._view.style()
            probe = QStyleOptionViewItem(option)
            probe.rect = QRect(0, 0, 400, height)
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
            geometry = self._geometry[height] = (
                plain.left() + margin,
                text.left() + margin,
                400 - 1 - plain.right() + margin,
                square,
            )
        return geometry

    def draw_row(
        self,
        painter: QPainter,
        a: AnnotationRow,
        y: int,
        height: int,
        columns: list[tuple[int, int, int]],
        option: QStyleOptionViewItem,
        metrics: QFontMetrics,
        font: QFont,
        colour: QColor,
        highlight: QBrush | None = None,
    ) -> None:
        """Draw row ``a``'s cells at ``y``: ``columns`` holds (column, x, width) of each
        cell; ``option`` is the view's item option (for the style's geometry), ``colour``
        the text's (rejected annotations are greyed). A selected row has its cells filled
        with ``highlight`` and ``colour`` is the highlighted text's."""
        model, texts = self._model, self._texts
        plain_left, deco_left, right, square = self._cell_geometry(option, height)
        painter.setPen(REJECTED_COLOUR if a.status == "rejected" and not highlight else colour)
        shown = model.texts(a)
        for col, x, cell_width in columns:
            if highlight is not None:
                painter.fillRect(x, y, cell_width, height, highlight)
            if col == model.KIND:
                if highlight is None:
                    painter.fillRect(square.translated(x, y), swatch(a.kind))
                else:  # as the style draws a selected item's icon
                    self._icon(a.kind, square.size()).paint(
                        painter,
                        square.translated(x, y),
                        Qt.AlignmentFlag.AlignCenter,
                        QIcon.Mode.Selected,
                        QIcon.State.Off,
                    )
                left = deco_left
            else:
                left = plain_left
            text = shown[col]
            if not text:
                continue  # nothing to draw (most notes)
            width = cell_width - left - right
            # By text: kinds, analysts and statuses repeat down the table, so a row
            # never seen before (scrolled to after a new annotation) mostly costs its quote.
            key = (text, width, height)
            laid = texts.get(key)
            if laid is None:  # first seen: elided and drawn (a QStaticText costs twice that)
                if len(texts) > _CACHE_LIMIT:
                    texts.clear()
                elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
                texts[key] = elided
                # Where the QStaticText below puts it: its top, plus the ascent.
                top = y + (height - metrics.height()) // 2
                painter.drawText(x + left, top + metrics.ascent(), elided)
                continue
            if isinstance(laid, str):  # seen again: worth laying out once and for all
                static = QStaticText(laid)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(painter.transform(), font)
                laid = texts[key] = (static, (height - int(static.size().height())) // 2)
            painter.drawStaticText(x + left, y + laid[1], laid[0])


class RowSelectionHeader(QHeaderView):
    """The table's column header, repainted on a selection change only when what it shows
    changes. With whole rows selected every column is highlighted as long as some row is
    selected, so a selection moving from row to row (every new annotation) changes nothing
    here; QHeaderView would repaint all of it each time."""

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        model = self.selectionModel()
        moved = (
            not deselected.isEmpty()
            and model is not None
            and model.hasSelection()
            and model.model() is not None
            and model.model().rowCount() > 1  # one row selected is its whole column
        )
        if not moved:
            super().selectionChanged(selected, deselected)


class SteadyScrollBar(QScrollBar):
    """A scroll bar repainted only when what it shows changes: a row more or less among
    10,000 moves its slider by a fraction of a pixel, and QScrollBar repaints on every
    change of range or value (about 0.4 ms in Fusion, at every tag and every undo)."""

    _shown: tuple | None = None
    _groove: tuple[tuple, QPixmap] | None = None  # (what it was drawn for, the groove)

    def _look(self) -> tuple:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        slider = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            self,
        )
        at_start, at_end = self.value() == self.minimum(), self.value() == self.maximum()
        return (slider, at_start, at_end, self.minimum() == self.maximum())

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        look = self._look()
        if look != self._shown:
            self._shown = look
            super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._shown = self._look()
        style = self.style()
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        behind = self._background()
        if (
            behind is None
            or style.name().lower() != "fusion"
            or style.styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, option, self)
            or self.underMouse()  # hovered or pressed: QScrollBar knows which part
            or self.isSliderDown()
        ):
            super().paintEvent(event)
            return
        # Fusion fills the groove with a gradient made again at each paint, two thirds of
        # the bar's time (0.4 ms of 0.6), though only the slider moves: the groove is
        # drawn once for the bar's size, state and palette, the rest over it as Qt does.
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, self._groove_pixmap(option, behind))
            option.subControls = _ALL_BUT_GROOVE
            style.drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, option, painter, self)
        finally:
            painter.end()

    def _background(self) -> QColor | None:
        """The plain colour behind the bar (its box, filled: see AnnotationTable), which
        shows through the groove's edge; None when it is not known."""
        parent = self.parentWidget()
        if parent is None or not parent.autoFillBackground():
            return None
        brush = parent.palette().brush(parent.backgroundRole())
        return brush.color() if brush.style() == Qt.BrushStyle.SolidPattern else None

    def _groove_pixmap(self, option: QStyleOptionSlider, behind: QColor) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (
            option.rect.size(),
            option.state,
            option.direction,
            option.palette.cacheKey(),
            behind.rgba(),
            ratio,
        )
        if self._groove is None or self._groove[0] != key:
            pixmap = QPixmap(option.rect.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(behind)  # the groove's edge is drawn over it, as over the box
            groove = QStyleOptionSlider(option)
            groove.subControls = QStyle.SubControl.SC_ScrollBarGroove
            painter = QPainter(pixmap)
            try:
                self.style().drawComplexControl(
                    QStyle.ComplexControl.CC_ScrollBar, groove, painter, self
                )
            finally:
                painter.end()
            self._groove = (key, pixmap)
        return self._groove[1]


class AnnotationTable(QTableView):
    """A QTableView of an ``AnnotationTableModel`` that draws its rows itself, but for
    those whose look needs the style's full drawing (see ``_special_rows``)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.cells: CellPainter | None = None
        stock = self.horizontalHeader()
        header = RowSelectionHeader(Qt.Orientation.Horizontal, self)
        header.setSectionsClickable(stock.sectionsClickable())
        header.setHighlightSections(stock.highlightSections())
        self.setHorizontalHeader(header)
        self.setVerticalScrollBar(SteadyScrollBar(Qt.Orientation.Vertical, self))
        # The scroll bar moves with every new row; filled, its box is opaque, so the
        # dock, the panel and the window behind it are not painted again each time.
        container = self.verticalScrollBar().parentWidget()
        if container is not None and container is not self:
            container.setAutoFillBackground(True)

    def setModel(self, model: object) -> None:
        super().setModel(model)
        self.cells = CellPainter(model, self) if isinstance(model, AnnotationTableModel) else None
        if model is not None:
            # Rows laid out at once, not on a timer: that would paint the table a second
            # time, just after its first paint with the article's rows.
            model.modelReset.connect(self.doItemsLayout)

    def changeEvent(self, event: QEvent) -> None:
        if self.cells is not None and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self.cells.forget_layout()
        super().changeEvent(event)

    def _draws_rows_itself(self) -> bool:
        """What the fast path reproduces: one solid grid, left to right, all enabled,
        the stock delegate, no spans, no alternating colours."""
        return (
            self.cells is not None
            and self.showGrid()
            and self.gridStyle() == Qt.PenStyle.SolidLine
            and self.isLeftToRight()
            and self.isEnabled()
            and not self.alternatingRowColors()
            and type(self.itemDelegate()) is QStyledItemDelegate
            and self.rowSpan(0, 0) == 1
            and not self.horizontalHeader().isHidden()
        )

    def _special_rows(self) -> tuple[set[int], set[int]]:
        """Selected rows to draw highlighted here, and rows left to QTableView: the
        current row while the table has the focus (its focus frame), the one under the
        mouse where the style draws hovering, and the selected ones in a style other
        than Fusion (whose selection is a plain fill of the highlight colour)."""
        selection = self.selectionModel()
        selected = {row for r in selection.selection() for row in range(r.top(), r.bottom() + 1)}
        left_to_qt = set()
        if self.hasFocus() or self.viewport().hasFocus():
            left_to_qt.add(selection.currentIndex().row())
        viewport = self.viewport()
        if viewport.testAttribute(Qt.WidgetAttribute.WA_Hover) and viewport.underMouse():
            left_to_qt.add(self.rowAt(viewport.mapFromGlobal(QCursor.pos()).y()))
        if self.style().name().lower() != "fusion":
            left_to_qt |= selected
        return selected - left_to_qt, left_to_qt

    def paintEvent(self, event: QPaintEvent) -> None:
        cells = self.cells
        model = self.model()
        dirty = event.region().boundingRect()
        first = self.rowAt(dirty.top())
        if cells is None or first < 0 or not self._draws_rows_itself():
            super().paintEvent(event)
            return
        last = self.rowAt(dirty.bottom())
        if last < 0:
            last = model.rowCount() - 1
        header = self.horizontalHeader()
        columns = [
            (col, self.columnViewportPosition(col), self.columnWidth(col) - 1)
            for col in (header.logicalIndex(v) for v in range(header.count()))
            if not header.isSectionHidden(col)
        ]
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        metrics, font = option.fontMetrics, option.font
        # The colour group QTableView gives an enabled cell, and the style its selection.
        palette = option.palette
        colour = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text)
        selected, left_to_qt = self._special_rows()
        if selected:
            active = option.state & QStyle.StateFlag.State_Active
            group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
            highlight = palette.brush(group, QPalette.ColorRole.Highlight)
            highlighted = palette.color(group, QPalette.ColorRole.HighlightedText)
        others = QRegion()
        width = self.viewport().width()
        lines = []
        painter = QPainter(self.viewport())
        try:
            for row in range(first, last + 1):
                y = self.rowViewportPosition(row)
                height = self.rowHeight(row) - 1  # less the grid line
                if row in left_to_qt:
                    others += QRect(0, y, width, height + 1)
                    continue
                # A selected row: the highlighted text's colour on the highlight.
                pen, fill = (highlighted, highlight) if row in selected else (colour, None)
                a = model.annotation(row)
                cells.draw_row(painter, a, y, height, columns, option, metrics, font, pen, fill)
                lines.append(y + height)
            # The grid, as QTableView draws it (the rows left to it get theirs there).
            # Solid lines one pixel wide (see _draws_rows_itself): filled as rectangles, the
            # same pixels, where a pen's lines go through the stroker (a tenth of the table's
            # paint after each new annotation).
            grid = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
            grid_colour = QColor.fromRgba(grid & 0xFFFFFFFF)
            for y in lines:
                painter.fillRect(dirty.left(), y, dirty.width(), 1, grid_colour)
            for _col, x, cell_width in columns:
                painter.fillRect(x + cell_width, dirty.top(), 1, dirty.height(), grid_colour)
        finally:
            painter.end()
        if not others.isEmpty():
            super().paintEvent(QPaintEvent(others))
