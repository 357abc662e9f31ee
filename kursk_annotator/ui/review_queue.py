"""The review queue: other analysts' annotations, one keystroke per verdict, with threads.

Keys while the queue has focus: N / P (or J / K) next and previous annotation, A accept,
R reject, Q request changes (each takes the text of the comment box along), Enter in the
reply box answers the selected thread entry. The keys are actions (listed under Review in
the menu and in Help -> Keyboard Shortcuts) that work while the focus is in the queue.

The queue follows the document: the row chosen (by click, key or after a verdict) is
announced through ``current_changed`` so the window opens its article, shows and selects
the span and loads the inspector; what A accepts is always what the reader shows.
Review rules (no verdict on one's own work) are the core's; the buttons say so up front.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.models import STATUSES
from kursk_annotator.core.palette import kind_colour
from kursk_annotator.core.records import AnnotationInfo, iso
from kursk_annotator.core.services.annotations import text_position
from kursk_annotator.ui.table_model import Index, RowsTableModel
from kursk_annotator.ui.tasks import Task, run_task
from kursk_annotator.ui.workspace_source import WorkspaceSource, workspace_of

PageFetcher = Callable[[tuple[int, int, int, int] | None], list[AnnotationInfo]]

ALL = ""
STATUS_LABELS = {
    "pending": "Pending",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "changes_requested": "Changes requested",
}
VERDICT_LABELS = {
    "accept": "accepted",
    "reject": "rejected",
    "request_changes": "asked for changes",
    "comment": "commented",
}


def _one_line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReviewQueueModel(RowsTableModel[AnnotationInfo]):
    """Annotations awaiting review, read a page at a time as the table scrolls.

    ``set_source(fetch)`` gives the model a function that returns the page after a
    text position (None: the first); the view asks for the next page (``fetchMore``)
    when it scrolls to the last row read, so a queue of 150,000 costs what 200 cost.
    """

    KIND, QUOTE, ANALYST, STATUS, ARTICLE = range(5)
    HEADERS = ("Kind", "Quote", "Analyst", "Status", "Article")
    PAGE = 200

    def __init__(self) -> None:
        super().__init__()
        self._titles: dict[int, str] = {}
        self._fetch: PageFetcher | None = None
        self._more = False

    def set_rows(
        self, rows: Iterable[AnnotationInfo], titles: dict[int, str] | None = None
    ) -> None:
        with self.resetting():
            self._rows = list(rows)
            self._titles = dict(titles or {})
            self._fetch, self._more = None, False

    def set_source(self, fetch: PageFetcher, titles: dict[int, str]) -> None:
        """Show the first page of ``fetch`` (each call returns at most ``PAGE`` rows)."""
        with self.resetting():
            self._fetch = fetch
            self._titles = titles
            self._rows = fetch(None)
            self._more = len(self._rows) >= self.PAGE

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetch is None or not self._rows:
            return
        rows = self._fetch(text_position(self._rows[-1]))
        self._more = len(rows) >= self.PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def annotation(self, row: int) -> AnnotationInfo:
        return self._rows[row]

    def row_of(self, annotation_id: int) -> int | None:
        """The row of ``annotation_id`` among the rows read so far."""
        return next((i for i, a in enumerate(self._rows) if a.id == annotation_id), None)

    def cell(self, a: AnnotationInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return kinds.label(a.kind)
            if column == self.QUOTE:
                return _one_line(a.quote, 80)
            if column == self.ANALYST:
                return a.analyst
            if column == self.STATUS:
                return STATUS_LABELS.get(a.status, a.status)
            return self._titles.get(a.article_id, f"Article {a.article_id}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.quote + (f"\n\nNote: {a.note}" if a.note else "")
        if role == Qt.ItemDataRole.BackgroundRole and column == self.KIND:
            return QBrush(QColor(kind_colour(a.kind)))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.KIND:
            return QBrush(QColor("#000000"))
        return None


class WrappedTextDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the view's width (a tree view alone sizes
    rows by their longest unwrapped line, so a long comment was cut off)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self.parent()
        assert isinstance(view, QTreeWidget)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 2)
        width = max(view.viewport().width() - indent - margin, 50)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        box = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(width, box.height() + 8)


class ThreadView(QTreeWidget):
    """The review thread: one entry per row, wrapped, replies indented under their entry."""

    def __init__(self) -> None:
        super().__init__(objectName="queue_thread")
        self.setItemDelegate(WrappedTextDelegate(self))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # a new width wraps the comments anew


@dataclass(frozen=True)
class QueueKey:
    """One of the queue's single-key actions (A, R, Q, N, P)."""

    id: str
    text: str
    keys: tuple[str, ...]
    action: QAction
    verdict: bool  # A, R, Q: off for one's own work


class ReviewQueue(QWidget):
    """Filters, the queue, the verdict keys, and the selected annotation's thread."""

    changed = Signal()  # an annotation's status or thread changed
    annotation_activated = Signal(int, int)  # article id, annotation id (double click)
    current_changed = Signal(int, int)  # article id, annotation id: the reviewer moved on

    def __init__(self, source: WorkspaceSource) -> None:
        super().__init__()
        self.setObjectName("review_queue")
        self.source = source
        self.model = ReviewQueueModel()

        self.analyst_box = QComboBox(objectName="queue_analyst")
        self.kind_box = QComboBox(objectName="queue_kind")
        self.status_box = QComboBox(objectName="queue_status")
        self.article_box = QComboBox(objectName="queue_article")
        self.mine_box = QCheckBox("Requests to me", objectName="queue_requests_to_me")
        self.mine_box.setToolTip("Your annotations on which a reviewer asked for changes")
        self._status_before_mine: object = "pending"
        self._refreshing = False  # a re-read keeps the row: the reader is not moved
        self.kind_box.addItem("All kinds", ALL)
        for kind in kinds.all_kinds():
            self.kind_box.addItem(kind.label, kind.name)
        self.status_box.addItem("All statuses", ALL)
        for status in STATUSES:
            self.status_box.addItem(STATUS_LABELS[status], status)
        self.status_box.setCurrentIndex(self.status_box.findData("pending"))
        filters = QHBoxLayout()
        for box in (self.analyst_box, self.kind_box, self.status_box, self.article_box):
            box.setAccessibleName(box.objectName().replace("queue_", "Filter by "))
            # Long article titles must not make the dock (and so the window) wider.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            # Room for the choice that says "everything" ("All analysts" read "All analyst").
            box.setMinimumContentsLength(5 if box is self.article_box else 12)
            filters.addWidget(box, 2 if box is self.article_box else 1)
        filters.addWidget(self.mine_box)
        self.count_label = QLabel(objectName="queue_count")
        self.count_label.setAccessibleName("Annotations in the queue")
        filters.addWidget(self.count_label)
        self._stale = True
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self._show_count)
        self._count_generation = 0
        self.count_task: Task | None = None  # the count being made, if any

        self.table = QTableView(objectName="queue_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line per annotation: more of the queue in view
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ReviewQueueModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        for column in (ReviewQueueModel.KIND, ReviewQueueModel.ANALYST, ReviewQueueModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fit the columns to the rows in view, not to every row read (each row read
        # costs a call into Python per column and role).
        header.setResizeContentsPrecision(0)
        self.table.setAccessibleName("Annotations to review")
        # The quote in its context, the note and attributes: what a verdict is about.
        self.detail = QLabel(objectName="queue_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("Selected annotation")

        self.comment = QLineEdit(objectName="queue_comment")
        self.comment.setPlaceholderText("Optional comment, sent with the verdict")
        self.accept_button = QPushButton("&Accept (A)", objectName="queue_accept")
        self.reject_button = QPushButton("&Reject (R)", objectName="queue_reject")
        self.request_button = QPushButton("Re&quest changes (Q)", objectName="queue_request")
        verdicts = QHBoxLayout()
        verdicts.addWidget(self.comment, 1)
        for button in (self.accept_button, self.reject_button, self.request_button):
            verdicts.addWidget(button)

        # One entry per row: who, what and when on the first line, the comment in full
        # below it, wrapped to the width; replies indented under what they answer.
        self.thread = ThreadView()
        self.thread.setColumnCount(1)
        self.thread.setHeaderHidden(True)
        self.thread.setWordWrap(True)
        self.thread.setUniformRowHeights(False)
        self.thread.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thread.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.thread.header().setStretchLastSection(True)
        self.thread.setAccessibleName("Review thread")
        self.reply = QLineEdit(objectName="queue_reply")
        self.reply.setPlaceholderText("Reply to the selected entry (Enter)")
        self.message = QLabel(objectName="queue_message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Review message")

        thread_box = QWidget()
        thread_layout = QVBoxLayout(thread_box)
        thread_layout.setContentsMargins(0, 0, 0, 0)
        thread_layout.addWidget(self.detail)
        thread_layout.addWidget(self.thread, 1)
        thread_layout.addWidget(self.reply)
        # The queue gets most of the height; the thread as much as its entries need.
        self.thread.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.thread.setMinimumHeight(self.fontMetrics().height() * 3)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, objectName="queue_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(thread_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(verdicts)
        layout.addWidget(self.message)

        self.accept_button.clicked.connect(lambda: self.give_verdict("accept"))
        self.reject_button.clicked.connect(lambda: self.give_verdict("reject"))
        self.request_button.clicked.connect(lambda: self.give_verdict("request_changes"))
        self.reply.returnPressed.connect(self.send_reply)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        self.table.doubleClicked.connect(self._activate)
        for box in (self.analyst_box, self.kind_box, self.status_box, self.article_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.mine_box.toggled.connect(self._requests_to_me)
        self.keys: list[QueueKey] = []  # the main window lists them in its Review menu
        for name, text, keys, verdict, slot in (
            ("queue_next", "Next in Queue", ("N", "J"), False, self.next),
            ("queue_previous", "Previous in Queue", ("P", "K"), False, self.previous),
            ("queue_accept", "Accept", ("A",), True, lambda: self.give_verdict("accept")),
            ("queue_reject", "Reject", ("R",), True, lambda: self.give_verdict("reject")),
            (
                "queue_request",
                "Request Changes",
                ("Q",),
                True,
                lambda: self.give_verdict("request_changes"),
            ),
        ):
            action = QAction(text, self, objectName=name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            # Only while the focus is in the queue: A typed elsewhere is not a verdict.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
            self.keys.append(QueueKey(name, text, keys, action, verdict))
        self.reload_filters()

    # --- filling ----------------------------------------------------------------------

    def reload_filters(self) -> None:
        """Re-read analysts and articles (after an import, say), keeping the choices."""
        ws = workspace_of(self.source)
        for box, items, everything in (
            (self.analyst_box, [(a.name, a.name) for a in ws.analysts.all()], "All analysts"),
            (
                self.article_box,
                [(title, i) for i, title in ws.articles.titles().items()],
                "All articles",
            ),
        ):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, ALL)
            for label, data in items:
                box.addItem(_one_line(label, 50), data)
            found = box.findData(chosen)
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
        self.refresh()

    def _requests_to_me(self, on: bool) -> None:
        """The author's own annotations sent back: their status is "Changes requested",
        and the status and analyst filters say so instead of showing stale choices."""
        for box in (self.status_box, self.analyst_box):
            box.blockSignals(True)
        if on:
            self._status_before_mine = self.status_box.currentData()
            self.status_box.setCurrentIndex(self.status_box.findData("changes_requested"))
            self.analyst_box.setCurrentIndex(max(self.analyst_box.findData(self._me()), 0))
        else:
            self.status_box.setCurrentIndex(
                max(self.status_box.findData(self._status_before_mine), 0)
            )
            self.analyst_box.setCurrentIndex(0)
        for box in (self.status_box, self.analyst_box):
            box.setEnabled(not on)
            box.blockSignals(False)
        self.refresh()
        self._follow()

    def _me(self) -> str:
        return workspace_of(self.source).analyst_name

    def refresh(self) -> None:
        """Re-read the queue for the current filters, keeping the selection where possible."""
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False
        self._update_buttons()

    def filters(self) -> dict[str, Any]:
        """The queue's filters as the core's ``AnnotationService.page``/``count`` take them."""
        ws = workspace_of(self.source)
        article = self.article_box.currentData()
        chosen: dict[str, Any] = {"article_id": None if article == ALL else article}
        if self.mine_box.isChecked():
            # The author's own annotations a reviewer asked to change.
            chosen.update(
                analysts=[ws.analyst_name], statuses=["changes_requested"], change_requested=True
            )
            return chosen
        analyst, kind, status = (
            self.analyst_box.currentData(),
            self.kind_box.currentData(),
            self.status_box.currentData(),
        )
        chosen.update(
            analysts=[analyst] if analyst != ALL else None,
            kinds=[kind] if kind != ALL else None,
            statuses=[status] if status != ALL else None,
            not_by=ws.analyst_name,  # one reviews others' work
        )
        return chosen

    def _refresh(self) -> None:
        """Only the first page is read here; the count follows once the queue is shown
        (counting reads every matching row: 60 ms at 150,000). A hidden queue reads
        nothing until it is shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        ws = workspace_of(self.source)
        current = self.current()
        filters = self.filters()
        service = ws.annotations
        # In reading order (article, then place in the text), a page at a time.
        self.model.set_source(
            lambda after: service.page(after, ReviewQueueModel.PAGE, **filters),
            ws.articles.titles(),
        )
        row = self.model.row_of(current.id) if current else None
        self.select_row(row if row is not None else 0)
        self.count_label.setText("")
        self._count_timer.start()

    def _show_count(self) -> None:
        """Count the queue on a pool thread: the SQL aggregate reads every matching row
        (60 ms and more at 150,000), and SQLite lets the GUI thread run meanwhile. Only
        the latest count is shown; one for filters changed since is dropped."""
        service, filters = workspace_of(self.source).annotations, self.filters()
        self._count_generation += 1
        generation = self._count_generation

        def done(total: object, error: BaseException | None) -> None:
            if generation != self._count_generation:
                return  # the filters or the store changed: a newer count follows
            self.count_task = None
            if error is not None or not isinstance(total, int):
                self.count_label.setText("")
                return
            self.count_label.setText(f"{total:,} to review" if total != 1 else "1 to review")

        self.count_task = run_task(
            lambda _task: service.count(**filters), done, name="counting the queue", owner=self
        )

    # --- navigation -------------------------------------------------------------------

    def current(self) -> AnnotationInfo | None:
        index = self.table.currentIndex()
        return self.model.annotation(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.table.setCurrentIndex(QModelIndex())
            self._show_thread()
            return
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()  # N at the last row read: read the next page
        row = max(0, min(row, self.model.rowCount() - 1))
        self.table.setCurrentIndex(self.model.index(row, ReviewQueueModel.QUOTE))
        self.table.scrollTo(self.table.currentIndex())

    def next(self) -> None:
        self.select_row(self.table.currentIndex().row() + 1)

    def previous(self) -> None:
        self.select_row(max(0, self.table.currentIndex().row() - 1))

    def _row_changed(self) -> None:
        self._show_thread()
        self._update_buttons()
        if not self._refreshing:
            self._follow()

    def _follow(self) -> None:
        """Tell the window to show the current annotation where it is in its article."""
        target = self.current()
        if target is not None and self.isVisible():
            self.current_changed.emit(target.article_id, target.id)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()  # read when first shown: a hidden queue costs nothing at start
        self._follow()  # opening the queue shows its current annotation in the reader

    def _update_buttons(self) -> None:
        """No verdict on one's own work: the buttons (and A, R, Q) are off for it."""
        target = self.current()
        own = target is not None and target.analyst == self._me()
        enabled = target is not None and not own
        for button in (self.accept_button, self.reject_button, self.request_button):
            button.setEnabled(enabled)
            button.setToolTip(
                "Your own annotation: another analyst reviews it; reply in the thread below"
                if own
                else ""
            )
        for key in self.keys:
            if key.verdict:
                key.action.setEnabled(enabled)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            a = self.model.annotation(index.row())
            self.annotation_activated.emit(a.article_id, a.id)

    # --- verdicts and threads ---------------------------------------------------------

    def give_verdict(self, verdict: str) -> bool:
        """Review the selected annotation; on success move on to the next one."""
        target = self.current()
        if target is None:
            self.message.setText("Nothing selected to review.")
            return False
        ws = workspace_of(self.source)
        row = self.table.currentIndex().row()
        try:
            ws.reviews.review(target.id, ws.analyst, verdict, self.comment.text().strip())
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.comment.clear()
        self.message.setText(
            f"#{target.id} {VERDICT_LABELS[verdict]}: “{_one_line(target.quote, 50)}”"
        )
        self.refresh()
        # The reviewed row may have left the queue (filtered by status): stay in place.
        self._refreshing = True  # one move, announced once below
        try:
            if self.model.row_of(target.id) is not None:
                self.select_row(row + 1)
            else:
                self.select_row(row)
        finally:
            self._refreshing = False
        self.changed.emit()  # the window repaints the reviewed annotation...
        self._follow()  # ...then shows the next one, as a click on its row would
        return True

    def send_reply(self) -> bool:
        target = self.current()
        text = self.reply.text().strip()
        if target is None or not text:
            return False
        ws = workspace_of(self.source)
        item = self.thread.currentItem()
        parent_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        try:
            if parent_id:
                ws.reviews.reply(target.id, ws.analyst, text, parent_id)
            else:
                ws.reviews.review(target.id, ws.analyst, "comment", text)
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.reply.clear()
        self._show_thread()
        self.changed.emit()
        return True

    def _show_thread(self) -> None:
        self.thread.clear()
        target = self.current()
        self.detail.setText(_detail_html(target) if target else "Nothing to review here.")
        if target is None:
            return
        items: dict[int, QTreeWidgetItem] = {}
        for entry in workspace_of(self.source).reviews.thread(target.id):
            when = (iso(entry.created) or "")[:16].replace("T", " ")
            head = f"{entry.analyst} {VERDICT_LABELS[entry.verdict]} · {when}"
            item = QTreeWidgetItem([head + (f"\n{entry.text}" if entry.text else "")])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, head + ": " + entry.text)
            parent = items.get(entry.parent_id or 0)
            if parent is not None:
                parent.addChild(item)
            else:
                self.thread.addTopLevelItem(item)
            items[entry.id] = item
        self.thread.expandAll()
        self._fit_thread()

    def thread_content_height(self) -> int:
        """The height every entry of the thread needs at the present width."""
        self.thread.doItemsLayout()
        height, item = 0, self.thread.topLevelItem(0)
        while item is not None:
            height += self.thread.visualItemRect(item).height()
            item = self.thread.itemBelow(item)
        return height + 2 * self.thread.frameWidth()

    def _fit_thread(self) -> None:
        """Grow the thread with its entries (up to half the queue), never cut one off;
        no entries, no thread (the reply box below still starts one)."""
        self.thread.setVisible(self.thread.topLevelItemCount() > 0)
        lines = self.fontMetrics().height()
        cap = max(lines * 6, self.height() // 2)
        needed = min(max(self.thread_content_height(), lines * 3), cap)
        self.thread.setMinimumHeight(needed)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_thread()  # wrapped comments take more lines when narrower


def _detail_html(a: AnnotationInfo) -> str:
    context = (
        f"…{html.escape(a.prefix)}<b>{html.escape(a.quote)}</b>{html.escape(a.suffix)}…"
    ).replace("\n", " ")
    lines = [
        f"<b>{kinds.label(a.kind)}</b> #{a.id} by {html.escape(a.analyst)}, "
        f"{STATUS_LABELS.get(a.status, a.status).lower()}",
        context,
    ]
    if a.attributes:
        attrs = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in a.attributes.items())
        lines.append(html.escape(attrs))
    if a.note:
        lines.append(f"<i>Note:</i> {html.escape(a.note)}")
    return "<br>".join(lines)


class ReviewQueueDock(QDockWidget):
    def __init__(self, source: WorkspaceSource, parent: QWidget | None = None):
        super().__init__("Review Queue", parent, objectName="review_queue_dock")
        self.queue = ReviewQueue(source)
        self.setWidget(self.queue)
        self.setAccessibleName("Review Queue")
