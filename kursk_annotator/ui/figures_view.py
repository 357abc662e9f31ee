"""The Figures view and the Claims-by-speaker view, docked beside the Annotations panel.

Figures: measure -> its reports by as-of (value or interval, unit, claimant, grade,
source, review status), the verdicts in words, and a small chart of the series. Claims
by speaker: actor -> statements -> their reports. Both follow the window's analyst and
status filters, and a double click (or Enter) on a report opens its span in the reader.
Everything shown comes from ``core.evidence`` (the same comparison as the CLI and the
briefing).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QListWidget,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.ui.article_state import ALL_STATUSES, ONLY_ME
from kursk_annotator.ui.figures_chart import SeriesChart
from kursk_annotator.ui.table_model import RowsTableModel
from kursk_annotator.ui.tasks import BackgroundRefresh

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from kursk_annotator.core.evidence.claims import Speaker
    from kursk_annotator.core.evidence.comparison import MeasureComparison, Report
    from kursk_annotator.core.evidence.service import FiguresOverview
    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.main_window import MainWindow

STATUS_WORDS = {
    "accepted": "accepted",
    "pending": "pending",
    "changes_requested": "changes requested",
    "rejected": "rejected",
}
VERDICT_COLOURS = {
    "disagreement": "#A50021",
    "change": "#1F4E79",
    "agreement": "#2E6B30",
    "echo": "#595959",
}


_paused = False


def pause_collection() -> None:
    """Python's cycle collector paused while the view opens, until it is painted (or a
    second has passed). Opening allocates little and makes no cycles, but a collection
    started by allocation counts would walk every object left from the last comparison
    of the library: a fifth of what opening cost. It runs once the view is shown."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
        QTimer.singleShot(1000, resume_collection)  # whatever happens to the view


def resume_collection() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def filter_arguments(state: ArticleState) -> dict[str, Any]:
    """The window's analyst and status filters as arguments of the evidence reports."""
    from kursk_annotator.core.evidence.service import DEFAULT_STATUSES

    flt = state.filter
    if not flt.status:
        statuses = list(DEFAULT_STATUSES)
    elif flt.status == ALL_STATUSES:
        statuses = ["pending", "accepted", "changes_requested", "rejected"]
    else:
        statuses = [flt.status]
    analysts = None
    if flt.analyst and state.workspace is not None:
        analysts = [state.workspace.analyst_name if flt.analyst == ONLY_ME else flt.analyst]
    return {"statuses": statuses, "analysts": analysts}


class ReportsModel(RowsTableModel["Report"]):
    HEADERS = ("As of", "Value", "Claimant", "Grade", "Source", "Status")

    # Painting a row asks each cell for about seven roles; these three are answered.
    _ROLES = frozenset(
        int(r)
        for r in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
        )
    )

    def __init__(self) -> None:
        super().__init__()
        self.titles: dict[int, str] = {}

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The roles no cell answers are let go before anything else is asked: the
        # first paint asks for hundreds of them.
        if int(role) not in self._ROLES:
            return None
        return super().data(index, role)

    def cell(self, item: Report, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if item.window is None:
                    return "not known"
                return item.window.label + (" (article date)" if item.window.inferred else "")
            if column == 1:
                return item.words
            if column == 2:
                return item.claimant
            if column == 3:
                return (item.grade or "–") + (
                    _credibility_number(item.credibility) if item.credibility else ""
                )
            if column == 4:
                return f"[{item.article_id}] {self.titles.get(item.article_id, '')}"
            if column == 5:
                return STATUS_WORDS.get(item.status, item.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"“{item.quote}” — {', '.join(item.analysts)}"
        if (
            role == Qt.ItemDataRole.FontRole
            and column == 0
            and item.window
            and item.window.inferred
        ):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None


def _credibility_number(word: str) -> str:
    from kursk_annotator.core.attributes import CREDIBILITY_GRADES

    return str(CREDIBILITY_GRADES.get(word, ""))


class VerdictsText(QTextBrowser):
    """The verdicts of a measure in words, scrolling on their own. (A word-wrapped label
    in a scroll area had its long text laid out again and again by the layouts around
    it: a third of what opening the view cost.)"""

    def __init__(self) -> None:
        super().__init__(objectName="figures_verdicts")
        self.setAccessibleName("Verdicts of the measure")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.document().setDocumentMargin(2)
        self._html = ""

    def setText(self, html: str) -> None:
        self._html = html
        self.setHtml(html)

    def text(self) -> str:
        return self._html


class FiguresPanel(QWidget):
    """Measures on the left; the chosen measure's verdicts, chart and reports on the right."""

    report_activated = Signal(int, int)  # article id, annotation id
    shown = Signal()  # a refresh's measures are listed and the first one shown
    compared = Signal()  # ... and every measure is compared

    def __init__(self, state: ArticleState) -> None:
        super().__init__(objectName="figures_panel")
        self.state = state
        self.comparisons: list[MeasureComparison] = []
        self.measures = QListWidget(objectName="figures_measures")
        self.measures.setAccessibleName("Measures")
        self.verdicts = VerdictsText()
        self.chart = SeriesChart()
        self.model = ReportsModel()
        self.table = QTableView(objectName="figures_reports")
        self.table.setAccessibleName("Reports of the measure")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        split = QSplitter(Qt.Orientation.Vertical)
        for part in (self.measures, self.verdicts, self.chart, self.table):
            split.addWidget(part)
        split.setSizes([100, 130, 100, 360])
        split.setStretchFactor(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.measures.currentRowChanged.connect(self._show_measure)
        self._rest = BackgroundRefresh(self, "comparing the figures")
        self._generation = 0
        self._complete = False
        self._overview: FiguresOverview | None = None  # what compares a measure alone
        self._arguments: dict[str, Any] = {}
        self._painted: Callable[[], None] | None = None  # what waits for the first paint
        self._sized = False
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)

    def refresh(self) -> None:
        """Compare again (after an edit, a review or a filter change), keeping the measure.

        Opening lists the measures at once: the database counts each one's figures
        and claimants, and only the first measure's figures are read and compared,
        here on the GUI thread (a few milliseconds whatever the library's size: less
        than handing the work to a thread and painting the view twice). Any other
        measure is compared alone when it is selected. Then every measure is compared
        on a pool thread (``compared``), for the verdicts named in the list; tagging
        and scrolling never wait for it, and refreshes asked for while it runs become
        one more. ``shown`` is emitted once the opening list is painted."""
        from kursk_annotator.core.evidence.service import figures_overview, figures_report

        workspace = self.state.workspace
        if workspace is None:
            return
        arguments = filter_arguments(self.state)
        self._generation += 1
        generation = self._generation

        def compare_all() -> None:
            self._rest.run(
                lambda _task: figures_report(workspace, **arguments),
                lambda result: generation == self._generation and self._show_compared(result),
            )

        if self.comparisons and (self._complete or arguments == self._arguments):
            compare_all()  # what the view shows stays until the new comparison is ready
            return
        self._arguments = arguments
        pause_collection()
        self._show_overview(figures_overview(workspace, **arguments))

        def shown() -> None:
            resume_collection()
            self.shown.emit()
            compare_all()

        # The rest is compared once the opening is painted: a pool thread started before
        # (timers come before paint events here) would hold the interpreter meanwhile.
        self._when_painted(shown)

    def _when_painted(self, then: Callable[[], None]) -> None:
        """``then()`` once the reports' table has been painted (at once when the view
        is not on screen: nothing will be painted then)."""
        viewport = self.table.viewport()
        if not viewport.isVisible():
            QTimer.singleShot(0, self, then)
            return
        if self._painted is None:
            viewport.installEventFilter(self)
        self._painted = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._painted is not None:
            then, self._painted = self._painted, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, then)  # after this paint
        return False

    def _show_overview(self, overview: FiguresOverview) -> None:
        from kursk_annotator.core.cycle_collection import without_cycle_collection
        from kursk_annotator.core.evidence.comparison import MeasureComparison

        self._overview = overview
        self.model.titles = overview.titles
        first = overview.first
        self._complete = False
        with without_cycle_collection():  # a few hundred objects: no collection for them
            self._fill(
                ([first] if first is not None else [])
                + [MeasureComparison(name, "", "") for name in overview.measures[1:]]
            )

    def _show_compared(self, comparisons: list[MeasureComparison]) -> None:
        self._complete = True
        self._overview = None
        self._fill(comparisons)
        self.compared.emit()

    def compared_all(self) -> bool:
        """Whether every measure is compared (the list names each one's verdicts)."""
        return self._complete

    def _compare_alone(self, row: int) -> MeasureComparison:
        """A listed measure not compared yet, compared on its own (as ``figures`` would)."""
        from kursk_annotator.core.evidence.comparison import MeasureComparison
        from kursk_annotator.core.evidence.service import compare_listed

        listed = self.comparisons[row]
        workspace, overview = self.state.workspace, self._overview
        if workspace is None or overview is None:
            return listed
        found = compare_listed(workspace, overview, listed.measure, **self._arguments)
        c = found if found is not None else MeasureComparison(listed.measure, "", "")
        self.comparisons[row] = c
        item = self.measures.item(row)
        if item is not None and c.reports:
            item.setText(self._measure_label(c))
        return c

    def _fill(self, comparisons: list[MeasureComparison]) -> None:
        keep = self.current_measure()
        self.comparisons = comparisons
        self.measures.blockSignals(True)
        self.measures.clear()
        # In one call: the list's rows stand in the order of ``comparisons``, which
        # says which measure each one is.
        self.measures.addItems([self._measure_label(c) for c in self.comparisons])
        self.measures.blockSignals(False)
        names = [c.measure for c in self.comparisons]
        self.measures.setCurrentRow(names.index(keep) if keep in names else 0 if names else -1)
        if not names:
            self._show_measure(-1)

    @staticmethod
    def _measure_label(c: MeasureComparison) -> str:
        kinds = sorted({v.kind for v in c.verdicts})
        label = c.measure or "measure not recorded"
        tail = f"  —  {', '.join(kinds)}" if kinds else ""
        count = f" ({len(c.reports)})" if c.reports else ""  # not read yet: no count
        return f"{label}{count}{tail}"

    def current_measure(self) -> str | None:
        row = self.measures.currentRow()
        return self.comparisons[row].measure if 0 <= row < len(self.comparisons) else None

    def select_measure(self, name: str) -> None:
        for row, c in enumerate(self.comparisons):
            if c.measure == name:
                self.measures.setCurrentRow(row)

    def _show_measure(self, row: int) -> None:
        if not 0 <= row < len(self.comparisons):
            self.verdicts.setText("No figures match the filters.")
            self.chart.set_points([], "")
            self.model.set_rows([])
            return
        from html import escape

        c = self.comparisons[row]
        if not c.reports and not self._complete:
            c = self._compare_alone(row)
        lines = [
            f"<b>{escape(c.measure or 'Measure not recorded')}</b> "
            f"<span style='color:#595959'>({escape(c.dimension)}, {escape(c.unit or '–')})</span>"
        ]
        for v in c.verdicts:
            label, _, rest = v.explanation.partition(": ")
            lines.append(
                f"<span style='color:{VERDICT_COLOURS[v.kind]}'><b>{escape(label)}:</b></span> "
                f"{escape(rest)}"
            )
        if not c.verdicts:
            lines.append("<i>One statement: nothing to compare it with.</i>")
        self.verdicts.setText("<br>".join(lines))
        self.chart.set_points(
            [
                (
                    r.window.start.toordinal(),
                    r.window.end.toordinal(),
                    r.interval.low,
                    r.interval.high,
                    r.claimant,
                )
                for r in c.reports
                if r.window is not None and r.interval is not None
            ],
            c.unit,
        )
        self.model.set_rows(c.reports)
        # Laid out now rather than by the view's own timer after the first paint, which
        # painted the reports a second time.
        self.table.doItemsLayout()
        if not self._sized and c.reports:
            # Fitted once, then left as the analyst sets them: widths that jump with
            # each measure are hard to read, and fitting costs more the more reports.
            self._sized = True
            self._fit_columns()

    def _fit_columns(self, sample: int = 16) -> None:
        """Columns as wide as their title and the first rows' text: measured with the
        font, without asking the view for every cell's size hint (a quarter of what
        opening the view cost)."""
        metrics = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_HeaderMargin) + 8
        rows = self.model.rows()[:sample]
        for column, title in enumerate(self.model.HEADERS):
            texts = [title] + [
                str(self.model.cell(r, column, Qt.ItemDataRole.DisplayRole) or "") for r in rows
            ]
            width = max(metrics.horizontalAdvance(t) for t in texts) + pad
            self.table.setColumnWidth(column, min(width, 400))

    def _activate(self, index: QModelIndex) -> None:
        report = self.model.row_item(index.row())
        self.report_activated.emit(report.article_id, report.id)


class SpeakersPanel(QWidget):
    """Actor -> statements -> reports, with side, grade and dates."""

    report_activated = Signal(int, int)

    def __init__(self, state: ArticleState) -> None:
        super().__init__(objectName="speakers_panel")
        self.state = state
        self.tree = QTreeWidget(objectName="speakers_tree")
        self.tree.setAccessibleName("Claims by speaker")
        self.tree.setHeaderLabels(["Speaker / statement", "Said", "Sources", "Status"])
        self.tree.setUniformRowHeights(True)
        # The speakers' names take what the short columns leave (they were cut to about
        # nine letters, so two "Russian ..." rows looked alike).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemDoubleClicked.connect(self._activate)
        self._refresher = BackgroundRefresh(self, "reading the claims by speaker")

    def refresh(self) -> None:
        from kursk_annotator.core.evidence.service import speakers_report

        workspace = self.state.workspace
        if workspace is None:
            return
        arguments = filter_arguments(self.state)
        self._refresher.run(
            lambda _task: speakers_report(workspace, **arguments), self._show_speakers
        )

    def _show_speakers(self, speakers: list[Speaker]) -> None:
        self.tree.clear()
        for speaker in speakers:
            self.tree.addTopLevelItem(self._speaker_item(speaker))

    @staticmethod
    def _speaker_item(speaker: Speaker) -> QTreeWidgetItem:
        actor = speaker.actor
        facts = [actor.side if actor and actor.side else ", ".join(speaker.sides)]
        if actor and actor.type:
            facts.append(actor.type)
        if actor and actor.grade:
            facts.append(f"reliability {actor.grade}")
        title = speaker.name or "Not attributed"
        facts = [f for f in facts if f]
        if facts:
            title += f" ({', '.join(facts)})"
        n = len(speaker.statements)
        top = QTreeWidgetItem([title, "", f"{n} statement{'s' if n != 1 else ''}", ""])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for statement in speaker.statements:
            first = statement.reports[0]
            articles = sorted({r.article_id for r in statement.reports})
            item = QTreeWidgetItem(
                [
                    f"“{' '.join(first.quote.split())}”",
                    statement.when,
                    ", ".join(f"[{a}]" for a in articles),
                    STATUS_WORDS.get(first.status, first.status),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, (first.article_id, first.id))
            item.setToolTip(0, first.quote)
            for report in statement.reports[1:] if len(statement.reports) > 1 else []:
                child = QTreeWidgetItem(
                    [
                        f"also reported: “{' '.join(report.quote.split())}”",
                        "",
                        f"[{report.article_id}]",
                        STATUS_WORDS.get(report.status, report.status),
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, (report.article_id, report.id))
                item.addChild(child)
            top.addChild(item)
        return top

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target:
            self.report_activated.emit(*target)


def _on_screen(dock: QWidget) -> bool:
    """Whether any of the dock is on screen. A dock tabbed behind another says it is
    visible (Qt keeps tabbed docks shown), but has nothing painted: reading the whole
    library for it on every tag would only compete with the reader."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def _show_dock(window: Any, dock: Any) -> None:
    """Show the view as a tab beside Annotations, given most of the dock area's height."""
    dock.show()
    dock.raise_()

    def resize() -> None:  # once the tab is laid out
        if not dock.isFloating():
            window.resizeDocks([dock], [int(window.height() * 0.65)], Qt.Orientation.Vertical)

    QTimer.singleShot(0, dock, resize)


def install_evidence_views(window: MainWindow) -> tuple[QDockWidget, QDockWidget]:
    """Figures and Claims-by-speaker docks, tabbed beside Annotations, with View actions."""
    from PySide6.QtWidgets import QDockWidget

    from kursk_annotator.ui.actions import ActionSpec

    docks = []
    specs = []
    for title, name, panel_type, shortcut in (
        ("Figures", "figures_dock", FiguresPanel, "Ctrl+Alt+F"),
        ("Claims by Speaker", "speakers_dock", SpeakersPanel, "Ctrl+Alt+S"),
    ):
        panel = panel_type(window.state)
        dock = QDockWidget(title, window, objectName=name)
        dock.setWidget(panel)
        dock.setAccessibleName(title)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.tabifyDockWidget(window.annotations_dock, dock)
        if not window.restoreDockWidget(dock):
            dock.hide()
        panel.report_activated.connect(window.show_annotation)
        pending = QTimer(dock, singleShot=True, interval=0)
        pending.timeout.connect(lambda p=panel, d=dock: _on_screen(d) and p.refresh())

        def later(*_args: object, timer: QTimer = pending) -> None:
            timer.start()

        dock.visibilityChanged.connect(later)
        window.state.filter_changed.connect(later)
        window.state.counts_changed.connect(later)
        specs.append(
            ActionSpec(
                f"view_{name}",
                title,
                "&View",
                lambda w, _c, d=dock: _show_dock(w, d),
                (shortcut,),
                section="evidence",
            )
        )
        docks.append(dock)
    window.action_set.add(specs)
    return docks[0], docks[1]
