"""Hook the review tools into a main window: the queue dock and a Review menu.

The main window needs one call (see :func:`install_review_tools`); everything else
(the queue, the compare view, the history dialog) stays in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.compare_view import CompareView
from kursk_annotator.ui.history_dialog import HistoryDialog
from kursk_annotator.ui.orphans_dialog import OrphansDialog
from kursk_annotator.ui.review_queue import ReviewQueueDock
from kursk_annotator.ui.shortcut_label import SHORTCUT_LABEL
from kursk_annotator.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from kursk_annotator.core.exchange.plan import ImportReport

W3C_FILES = "W3C Web Annotations (*.jsonld *.json);;All files (*)"


@dataclass
class ReviewTools:
    window: QMainWindow
    workspace: Callable[[], Workspace]
    dock: ReviewQueueDock
    menu: QMenu
    actions: dict[str, QAction]
    selected_annotation: Callable[[], int | None] | None = None
    compare: CompareView | None = None
    history: HistoryDialog | None = None
    orphans: OrphansDialog | None = None
    _on_changed: Callable[[], object] = field(default=lambda: None)
    placed: bool = False  # the queue dock has a place (restored, or chosen on first use)

    def refresh(self) -> None:
        """Re-read analysts, articles and the queue (call after the store changed)."""
        self.dock.queue.reload_filters()
        if self.compare is not None:
            self.compare.reload_choices()

    def current_annotation_id(self) -> int | None:
        """The annotation selected in the main window, else the one in the queue."""
        chosen = self.selected_annotation() if self.selected_annotation else None
        if chosen is None and self.dock.isVisible():
            current = self.dock.queue.current()
            chosen = current.id if current else None
        return chosen

    def show_queue(self, requests_to_me: bool = False) -> None:
        self.dock.queue.mine_box.setChecked(requests_to_me)
        if not self.placed:
            self._place_queue()
        self.dock.show()
        self.dock.raise_()
        self.dock.queue.table.setFocus()

    def _place_queue(self) -> None:
        """The first time: a tab beside the Annotations panel, given most of the height.

        Docked on its own, the queue would take its width from the reader and its height
        from the other panels, leaving a narrow text and a table of one or two rows.
        """
        self.placed = True
        window, dock = self.window, self.dock
        beside = window.findChild(QDockWidget, "annotations_dock")
        if beside is not None and beside.isVisible() and not beside.isFloating():
            window.tabifyDockWidget(beside, dock)
            width = max(beside.width(), min(640, int(window.width() * 0.45)))
            height = int(window.height() * 0.62)

            def resize() -> None:  # once the tab is laid out
                window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
                window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

            QTimer.singleShot(0, dock, resize)  # not after the window is gone
            return
        dock.setFloating(True)
        size = QSize(min(960, max(640, window.width() * 2 // 3)), 600)
        dock.resize(size)
        centre = window.geometry().center()
        dock.move(centre.x() - size.width() // 2, centre.y() - size.height() // 2)

    def current_article_id(self) -> int | None:
        """The article open in the window's reader, when the window has one."""
        state = getattr(self.window, "state", None)
        article = getattr(state, "article", None)
        return getattr(article, "id", None)

    def show_compare(self, article_id: int | None = None) -> CompareView:
        """The compare view, on ``article_id`` or else on the article being read."""
        if article_id is None:
            article_id = self.current_article_id()
        if self.compare is None:
            self.compare = CompareView(self.workspace, self.window)
            self.compare.changed.connect(self._changed)
        self.compare.reload_choices(article_id)
        self.compare.show()
        self.compare.raise_()
        return self.compare

    def show_history(self, annotation_id: int | None = None) -> HistoryDialog | None:
        annotation_id = annotation_id or self.current_annotation_id()
        if annotation_id is None:
            self.window.statusBar().showMessage("Select an annotation to see its history", 5000)
            return None
        if self.history is not None:
            self.history.close()
        self.history = HistoryDialog(self.workspace, annotation_id, self.window)
        self.history.show()
        return self.history

    def show_orphans(self) -> OrphansDialog:
        if self.orphans is None:
            self.orphans = OrphansDialog(self.workspace, self.window)
        self.orphans.refresh()
        self.orphans.show()
        return self.orphans

    def import_w3c(
        self,
        path: Path | None = None,
        on_report: Callable[[ImportReport | None], object] | None = None,
    ) -> Task | None:
        """Import a W3C Web Annotation file (asks for it when no path is given) in the
        background; ``on_report`` gets the report (None when the import failed)."""
        from kursk_annotator.core.exchange.importer import import_annotations

        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self.window, "Import W3C Annotations", "", W3C_FILES
            )
            if not name:
                return None
            path = Path(name)
        workspace, chosen = self.workspace(), path
        self.window.statusBar().showMessage(f"Importing {path.name}…")

        def done(report: ImportReport | None, error: BaseException | None) -> None:
            if error is not None or report is None:
                message = (
                    str(error)
                    if isinstance(error, UserError)
                    else (
                        f"importing {chosen.name} failed: {type(error).__name__}: {error} "
                        "(the details are in the log)"
                    )
                )
                self.window.statusBar().showMessage(message, 10000)
                report = None
            else:
                self._imported(chosen, report)
            if on_report is not None:
                on_report(report)

        return run_task(
            lambda _task: import_annotations(workspace, chosen),
            done,
            name=f"importing {path.name}",
            owner=self.window,
        )

    def _imported(self, path: Path, report: ImportReport) -> None:
        unknown = sum(report.unknown_articles.values())
        self.window.statusBar().showMessage(
            f"Imported {path.name}: {report.anchored} anchored, {report.reanchored} re-anchored, "
            f"{report.orphaned} orphaned ({unknown} for articles not here), "
            f"{report.duplicates} already present, {len(report.invalid)} unreadable",
            15000,
        )
        self.refresh()
        self._changed()
        if report.orphaned:
            self.show_orphans()

    def export_w3c(self, path: Path | None = None) -> int | None:
        """Write all live annotations as W3C JSON-LD; returns how many were written."""
        from kursk_annotator.core.exchange.w3c import export_to_file

        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self.window, "Export W3C Annotations", "annotations.jsonld", W3C_FILES
            )
            if not name:
                return None
            path = Path(name)
        try:
            total = export_to_file(self.workspace(), path)  # a batch at a time: flat memory
        except UserError as exc:
            self.window.statusBar().showMessage(str(exc), 10000)
            return None
        self.window.statusBar().showMessage(f"Wrote {total} annotation(s) to {path}", 10000)
        return total

    def _changed(self) -> None:
        self.dock.queue.refresh()
        self._on_changed()


def install_review_tools(
    window: QMainWindow,
    workspace_getter: Callable[[], Workspace],
    on_changed: Callable[[], object],
    selected_annotation: Callable[[], int | None] | None = None,
    open_annotation: Callable[[int, int], object] | None = None,
) -> ReviewTools:
    """Add the review queue dock (hidden until asked for) and a Review menu to ``window``.

    ``on_changed`` runs after a verdict, reply or adoption changed the store;
    ``selected_annotation`` names the annotation the History action shows;
    ``open_annotation(article_id, annotation_id)`` runs on a double click in the queue.
    """
    dock = ReviewQueueDock(workspace_getter, window)
    # Where the user left it last time (the window's saved state), else placed on first use.
    # A queue restored closed and docked is placed again when opened: that may be just
    # where an earlier version put it, squeezed in beside the other panels.
    restored = window.restoreDockWidget(dock)
    if not restored:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
    placed = restored and (dock.isFloating() or not dock.isHidden())
    menu = _review_menu(window)
    tools = ReviewTools(
        window,
        workspace_getter,
        dock,
        menu,
        {},
        selected_annotation,
        _on_changed=on_changed,
        placed=placed,
    )

    def act(name: str, text: str, slot: Callable[[], object], shortcut: str | None) -> QAction:
        action = QAction(text, window, objectName=name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        tools.actions[name] = action
        return action

    act("review_queue", "Review &Queue", tools.show_queue, "F8")
    act("review_requests", "&Requests for Changes to Me", lambda: tools.show_queue(True), None)
    act("review_compare", "&Compare Analysts…", tools.show_compare, "Ctrl+Alt+C")
    act("review_history", "Annotation &History…", tools.show_history, "Ctrl+H")
    menu.addSeparator()
    act("review_orphans", "&Orphaned Annotations…", tools.show_orphans, None)
    act("review_import_w3c", "&Import W3C Annotations…", tools.import_w3c, None)
    act("review_export_w3c", "&Export W3C Annotations…", tools.export_w3c, None)
    # The queue's own keys (A, R, Q, N, P), in the menu and the list of shortcuts; they
    # act while the focus is in the queue (see ReviewQueue).
    menu.addSeparator()
    for name, action in dock.queue.key_actions.items():
        action.setProperty(SHORTCUT_LABEL, f"Review Queue › {action.text()}")
        menu.addAction(action)
        tools.actions[name] = action
    dock.queue.changed.connect(on_changed)
    dock.visibilityChanged.connect(lambda shown: shown and dock.queue.refresh())
    if open_annotation is not None:
        dock.queue.annotation_activated.connect(open_annotation)
        # The reader follows the queue: what a verdict key acts on is what it shows.
        dock.queue.current_changed.connect(open_annotation)
    return tools


def _review_menu(window: QMainWindow) -> QMenu:
    """A Review menu in the menu bar, before Help when there is one (Help stays last)."""
    bar = window.menuBar()
    help_action = next(
        (
            a
            for a in bar.actions()
            if a.menu() is not None
            and (a.menu().objectName() == "help_menu" or a.text().replace("&", "") == "Help")
        ),
        None,
    )
    menu = QMenu("&Review", bar)
    menu.setObjectName("review_menu")
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu
