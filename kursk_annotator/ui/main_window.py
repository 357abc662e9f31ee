"""The main window: Library | Reader | Annotations + Inspector, menus, status bar.

Features declare their actions to ``action_set`` (ui.actions) and use the window's
``state`` (the workspace, the open article, the selection), ``reload_library()`` (call it
after changing the store behind the window's back), ``open_article(id)`` and
``show_annotation(article_id, annotation_id)``. Those that import the database libraries
(SQLAlchemy, python-docx...) are installed once the store is open (``attach_rest``, or
``attach_rest_in_steps``: one per turn of the event loop) and ``workspace_attached`` is
emitted once they are: the first window is then shown without waiting for those imports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator import APP_NAME
from kursk_annotator.core import kinds
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.after_paint import AfterFirstPaint
from kursk_annotator.ui.annotation_table import AnnotationPanel
from kursk_annotator.ui.article_state import AnnotationFilter, ArticleState
from kursk_annotator.ui.icons import install_app_icon
from kursk_annotator.ui.inspector import Inspector
from kursk_annotator.ui.library import ID_ROLE as LIBRARY_ID_ROLE
from kursk_annotator.ui.library import LibraryPanel
from kursk_annotator.ui.menus import build_menus
from kursk_annotator.ui.reader_view import ReaderView
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.steady_label import SteadyLabelHost
from kursk_annotator.ui.steady_scroll import SteadyScrollArea
from kursk_annotator.ui.tagging import Tagging
from kursk_annotator.ui.theme_menu import apply_saved_theme

if TYPE_CHECKING:  # the store's libraries load after the window is shown
    from datetime import date

    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui.feature_menus import FeatureInstall, Features
    from kursk_annotator.ui.find_bar import FindBar
    from kursk_annotator.ui.live_updates import LiveUpdates
    from kursk_annotator.ui.map_tools import MapTools
    from kursk_annotator.ui.review_tools import ReviewTools
    from kursk_annotator.ui.suggestion_tools import SuggestionTools

# A long article's other rows wait for its first view to be painted; a window that is not
# painted (minimised) reads them after this long.
REST_FALLBACK_MS = 200
# The open article's counts in the Library follow this long after the last change.
LIBRARY_COUNTS_MS = 250


class ReaderPane(QWidget):
    """The article header (title, outlet, date, URL) above the text and the find bar."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__()
        self.title = QLabel(wordWrap=True, objectName="article_title")
        self.title.setAccessibleName("Article title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(wordWrap=True, objectName="article_meta")
        self.meta.setAccessibleName("Article outlet, date and address")
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        header = QVBoxLayout()
        header.setContentsMargins(24, 12, 24, 8)
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.meta)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(reader, 1)

    def show_header(self, title: str, outlet: str | None, day: date | None, url: str | None):
        from html import escape  # not needed for the first window

        self.title.setText(title)
        parts = [escape(outlet or "Unknown outlet"), day.isoformat() if day else "no date"]
        if url:
            parts.append(f"<a href='{escape(url, quote=True)}'>{escape(url)}</a>")
        self.meta.setText(" · ".join(parts))


class MainWindow(QMainWindow):
    """The window; give it a workspace now, or show it first and attach_workspace() later."""

    # The Workspace, once the store is open and the features that need it are installed.
    workspace_attached = Signal(object)

    def __init__(self, workspace: Workspace | None, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")
        install_app_icon()  # the application's: every dialog shows it too
        self.state = ArticleState(workspace)
        self.state.resolve_conflict = self._resolve_conflict
        self.undo_stack = QUndoStack(self)

        self.reader = ReaderView(self.state)
        # A long article's other rows are read once its first view is on screen.
        self.state.defer_rest = self._after_reader_paint
        self._find_bar: FindBar | None = None  # built on first use (Ctrl+F)
        self.reader_pane = ReaderPane(self.reader)
        self.setCentralWidget(self.reader_pane)
        self.library = LibraryPanel()
        self.annotations = AnnotationPanel(self.state)
        self.inspector = Inspector(self.state, self.undo_stack)
        self.library_dock = self._dock("Library", "library_dock", self.library, left=True)
        self.annotations_dock = self._dock("Annotations", "annotations_dock", self.annotations)
        # Scrolls when squeezed (a 768-pixel screen with the review queue open) instead of
        # taking the height the other panels need.
        # A new annotation's text lays the Inspector out; its scroll area follows only
        # when the Inspector's size constraints change (ui/steady_scroll.py).
        inspector_scroll = SteadyScrollArea(objectName="inspector_scroll")
        inspector_scroll.setWidget(self.inspector)
        inspector_scroll.setWidgetResizable(True)
        inspector_scroll.setFrameShape(QFrame.Shape.NoFrame)
        inspector_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inspector_dock = self._dock("Inspector", "inspector_dock", inspector_scroll)
        self.tagging = Tagging(self)

        self.counts_label = QLabel(objectName="status_counts")
        self.counts_label.setAccessibleName("Annotation counts")
        self.analyst_label = QLabel(objectName="status_analyst")
        self.analyst_label.setAccessibleName("Current analyst")
        self.statusBar().addWidget(SteadyLabelHost(self.counts_label), 1)
        self.statusBar().addPermanentWidget(self.analyst_label)

        # Every action declared once (ui.actions); features add theirs to action_set.
        self.action_set = build_menus(self)
        # The declared actions by id: the same dict the action set fills.
        self.actions_by_name = self.action_set.actions
        self.tagging.sync_filter_actions()
        apply_saved_theme(self.settings)

        self.library.article_chosen.connect(self.open_article)
        # Enter (or a double click) on a row: on to the text, for the keyboard-only flow.
        self.annotations.table.activated.connect(lambda _i: self.reader.setFocus())
        self.annotations.table.doubleClicked.connect(lambda _i: self.reader.setFocus())
        # A row chosen in the table: show (and select) its span in the reader.
        self.annotations.row_chosen.connect(lambda row: self.reader.show_span(row.start, row.end))
        self.state.counts_changed.connect(self._show_counts)
        # The Library's counts follow a pause in tagging (see _show_counts).
        self._library_counts: dict[int, dict[str, int]] = {}
        self._library_timer = QTimer(self, singleShot=True, interval=LIBRARY_COUNTS_MS)
        self._library_timer.timeout.connect(self._show_library_counts)
        self.state.error.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.state.filter_changed.connect(self._filter_changed)
        self.state.selected.connect(lambda _row: self.action_set.update_enabled())
        self.state.loaded.connect(self.action_set.update_enabled)
        self.state.changed_elsewhere.connect(self._show_change_elsewhere)
        self.inspector.history_requested.connect(self.show_history)
        self.reader.zoom_changed.connect(lambda z: self.settings.set(keys.ZOOM, z))
        self.reader.customContextMenuRequested.connect(self.tagging.context_menu)
        self.library.sort_box.currentIndexChanged.connect(
            lambda _i: self.settings.set(keys.LIBRARY_SORT, self.library.sort_key())
        )
        self._restore_layout()
        self.action_set.update_enabled()
        self.features: Features | None = None  # installed with the first store
        self._feature_install: FeatureInstall | None = None
        self.live: LiveUpdates | None = None
        self._closing = False
        if workspace is not None:
            self.attach_workspace(workspace)
        else:
            self.counts_label.setText("Opening the store…")

    @property
    def find_bar(self) -> FindBar:
        """The find bar above the text, made the first time it is needed."""
        if self._find_bar is None:
            from kursk_annotator.ui.find_bar import FindBar

            self._find_bar = FindBar(self.reader)
            self._find_bar.hide()
            layout = self.reader_pane.layout()
            layout.insertWidget(layout.indexOf(self.reader), self._find_bar)
        return self._find_bar

    @property
    def workspace(self) -> Workspace:
        assert self.state.workspace is not None, "attach_workspace() first"
        return self.state.workspace

    def attach_workspace(self, workspace: Workspace, rest_later: bool = False) -> None:
        """Show the store's articles (the window may already be on screen).

        The library, the first article (text, highlights, annotation table) and the
        analyst come first, then the rest (:meth:`attach_rest`): at once, or, with
        ``rest_later``, when the caller calls it (the app: once the data has been
        painted, so the analyst sees the article while the rest is made).
        """
        self.state.workspace = workspace
        self.library.workspace = workspace
        self._library_timer.stop()  # counts waiting for the store shown before: theirs
        self._library_counts.clear()
        self.annotations.attach()
        self.show_analyst()
        self.library.reload()
        last = self.settings.get(keys.LAST_ARTICLE)
        if last and self.library.model.article(last) is not None:
            self.open_article(last)
        else:
            self._open_first()
        self.reader.setFocus()
        if not rest_later:
            self.attach_rest(workspace)

    def take_workspace(self, workspace: Workspace) -> None:
        """The store opened for work in place of the first look the window shows
        (``core.first_look``): the same rows, from now on read and written through the
        store's services. Nothing is read again but the analysts' list."""
        self.state.workspace = workspace
        self.library.workspace = workspace
        self.library.model.count_source = workspace.articles.counts
        self.annotations.fill_analysts()
        self.show_analyst()

    def attach_rest(self, workspace: Workspace) -> None:
        """The inspector's forms, live updates (a team store) and the review, map,
        figures and suggestion tools (the suggestion process starts with the first
        article's suggestions), then ``workspace_attached``."""
        for step in self._rest_steps(workspace):
            step()

    def attach_rest_in_steps(
        self, workspace: Workspace, then: Callable[[], None] | None = None
    ) -> None:
        """What :meth:`attach_rest` does, one step per turn of the event loop, so the
        window answers input and repaints between the steps (each takes tens of
        milliseconds; together several hundred). ``then`` runs after the last one. A
        step that finds another store attached, or the window closed, ends the chain."""
        steps = [*self._rest_steps(workspace), *([then] if then is not None else [])]

        def run(index: int) -> None:
            if self.state.workspace is not workspace or self._closing:
                return
            steps[index]()
            if index + 1 < len(steps):
                QTimer.singleShot(0, self, lambda: run(index + 1))

        QTimer.singleShot(0, self, lambda: run(0))

    def _rest_steps(self, workspace: Workspace) -> list[Callable[[], None]]:
        if self.state.workspace is not workspace:
            return []  # another store was attached meanwhile

        def forms_and_live_updates() -> None:
            self.inspector.build_forms()
            if workspace.store.team:  # colleagues' work appears as it is stored
                from kursk_annotator.ui.live_updates import LiveUpdates

                if self.live is not None:
                    self.live.stop()
                self.live = LiveUpdates(self)

        def attached() -> None:
            if install is not None:
                self.features = install.result()
            self.action_set.update_enabled()
            self.workspace_attached.emit(workspace)

        install = None
        if self.features is None:  # once, on the first store
            from kursk_annotator.ui.feature_menus import FeatureInstall

            # One installation, also when another store comes before it is complete.
            install = self._feature_install = self._feature_install or FeatureInstall(self)
        return [forms_and_live_updates, *(install.steps() if install else []), attached]

    @property
    def review_tools(self) -> ReviewTools | None:
        return self.features.review if self.features is not None else None

    @property
    def map_tools(self) -> MapTools | None:
        return self.features.map if self.features is not None else None

    @property
    def suggestion_tools(self) -> SuggestionTools | None:
        return self.features.suggestions if self.features is not None else None

    @property
    def figures_dock(self) -> QDockWidget | None:
        return self.features.figures_dock if self.features is not None else None

    @property
    def speakers_dock(self) -> QDockWidget | None:
        return self.features.speakers_dock if self.features is not None else None

    def show_history(self, annotation_id: int) -> None:
        """The annotation's history (the review tools come with the store)."""
        if self.review_tools is None:
            self.statusBar().showMessage("The history is available once the store is open", 5000)
            return
        self.review_tools.show_history(annotation_id)

    def _dock(self, title: str, name: str, widget: QWidget, left: bool = False) -> QDockWidget:
        dock = QDockWidget(title, self, objectName=name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        area = (
            Qt.DockWidgetArea.LeftDockWidgetArea if left else Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(area, dock)
        return dock

    # --- articles ------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        info = self.library.model.article(article_id)
        if info is None:
            return
        if self.library.current_id() != article_id:
            self.library.select(article_id, emit=False)
        self.state.load(info)
        self.reader_pane.show_header(info.title, info.outlet, info.published, info.url)
        self.setWindowTitle(f"{info.title} — {APP_NAME}")
        self.settings.set(keys.LAST_ARTICLE, article_id)

    def _after_reader_paint(self, run: Callable[[], None]) -> None:
        AfterFirstPaint(self.reader.viewport(), run, fallback_ms=REST_FALLBACK_MS)

    def show_annotation(self, article_id: int, annotation_id: int) -> None:
        """Open the annotation's article, select its span in view and load the inspector
        (the review queue follows the document this way; focus stays where it is)."""
        if self.state.article is None or self.state.article.id != article_id:
            self.open_article(article_id)
        self.state.select(annotation_id)
        info = self.state.annotations.get(annotation_id)
        if info is not None:
            self.reader.show_span(info.start, info.end)

    def _show_change_elsewhere(self, article_id: int, annotation_id: int) -> None:
        """Undo/redo of an edit made in another article: go there, so the user sees it."""
        self.library.reload()
        self.open_article(article_id)
        self.state.select(annotation_id)
        info = self.state.selected_annotation
        if info is not None:
            self.reader.show_span(info.start, info.end)

    def reload_library(self) -> None:
        """Re-read articles and annotations after the store changed outside this window."""
        self.library.reload()
        self.annotations.fill_analysts()
        if self.features is not None:
            if self.features.map.dock.isVisible():
                self.features.map.refresh()  # places, counts and statuses follow the store
            self.features.review.refresh()
        current = self.state.article
        info = self.library.model.article(current.id) if current is not None else None
        if info is not None:
            # The same article: only what changed is repainted, the reading place stays.
            self.state.refresh(info)
            # A reply leaves the annotation as it was but not its review thread.
            self.inspector.show_annotation(self.state.selected_annotation)
            self.reader_pane.show_header(info.title, info.outlet, info.published, info.url)
            self.setWindowTitle(f"{info.title} — {APP_NAME}")
        else:
            self._open_first()

    def _open_first(self) -> None:
        if self.library.proxy.rowCount():
            self.open_article(self.library.proxy.index(0, 0).data(LIBRARY_ID_ROLE))
        else:
            self.state.load(None)
            self.reader_pane.show_header("No articles yet", None, None, None)

    # --- status, filters, settings ---------------------------------------------------

    def _resolve_conflict(self, label: str, mine: dict, theirs: object) -> object:
        from kursk_annotator.ui.conflict_dialog import ask_conflict

        return ask_conflict(self, label, mine, theirs)  # type: ignore[arg-type]

    def _show_counts(self, counts: dict[str, int]) -> None:
        if self.state.article is None:
            self.counts_label.setText("No article open")
            return
        shown = self.state.visible_count
        total = self.state.total
        parts = [f"{k.plural}: {counts.get(k.name, 0)}" for k in kinds.all_kinds()]
        if shown == total:
            hidden = ""
        elif self.state.filter.only_hides_rejected:
            hidden = f" · {total - shown} rejected, not shown"
        else:
            hidden = f" · {total - shown} hidden by filters"
        self.counts_label.setText("   ".join(parts) + hidden)
        # The status bar says the new counts at once; the article's row in the Library
        # follows once tagging pauses: repainting that row (three lines laid out again)
        # was a fourteenth of each tag's work, and a burst of tags changes it once.
        self._library_counts[self.state.article.id] = counts
        self._library_timer.start()

    def _show_library_counts(self) -> None:
        pending, self._library_counts = self._library_counts, {}
        for article_id, counts in pending.items():
            self.library.model.set_counts(article_id, counts)

    def show_analyst(self) -> None:
        self.analyst_label.setText(f"Analyst: {self.workspace.analyst_name}")

    def _filter_changed(self) -> None:
        flt = self.state.filter
        self.settings.set(keys.HIDDEN_KINDS, [k for k in kinds.names() if k not in flt.kinds])
        self.settings.set(keys.ANALYST_FILTER, flt.analyst)
        self.settings.set(keys.STATUS_FILTER, flt.status)
        self.tagging.sync_filter_actions()
        self._show_counts(self.state.counts())

    def fit_to_screen(self) -> None:
        """The first size: 1440 x 900 at most, within the screen's available area (less
        task bars and panels; 1366 x 768 included), centred on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1440, 900)
            return
        area = screen.availableGeometry()
        # Room for the window frame and title bar, which resize() does not count.
        width = min(1440, area.width() - 16)
        height = min(900, area.height() - 40)
        self.resize(width, height)
        self.move(
            area.x() + (area.width() - width) // 2, area.y() + (area.height() - height - 30) // 2
        )

    def geometry_fits(self) -> bool:
        """Whether the window lies within the available area of one of the screens."""
        frame = self.geometry()
        return any(s.availableGeometry().contains(frame) for s in QGuiApplication.screens())

    def _restore_layout(self) -> None:
        s = self.settings
        self.fit_to_screen()
        saved = s.get(keys.GEOMETRY)
        # A saved place is used only where it still fits (a smaller or unplugged screen
        # would otherwise leave the window partly out of reach).
        if not saved.isEmpty() and not (self.restoreGeometry(saved) and self.geometry_fits()):
            self.fit_to_screen()
        if not s.get(keys.WINDOW_STATE).isEmpty():
            self.restoreState(s.get(keys.WINDOW_STATE))
        else:
            self.resizeDocks(
                [self.library_dock, self.annotations_dock], [270, 500], Qt.Orientation.Horizontal
            )
        self.reader.set_zoom(s.get(keys.ZOOM))
        self.library.set_sort(s.get(keys.LIBRARY_SORT))
        hidden = set(s.get(keys.HIDDEN_KINDS))
        # Nothing is shown yet: set the filter quietly and only update its controls.
        self.state.set_filter(
            AnnotationFilter(
                kinds={k for k in kinds.names() if k not in hidden},
                analyst=s.get(keys.ANALYST_FILTER),
                status=s.get(keys.STATUS_FILTER),
            ),
            notify=False,
        )
        self.tagging.sync_filter_actions()
        self.annotations.show_filter()

    def save_settings(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True  # features still to be installed are not
        if self.state.workspace is not None:
            self.inspector.show_annotation(None)  # stores a note still being typed
        if self.live is not None:
            self.live.stop()
        self.save_settings()
        super().closeEvent(event)

    def focus(self, widget: QWidget) -> None:
        for dock in (self.library_dock, self.annotations_dock, self.inspector_dock):
            if dock.isAncestorOf(widget) and not dock.isVisible():
                dock.show()
        widget.setFocus()
