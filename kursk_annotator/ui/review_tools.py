"""Hook the review tools into a main window: the queue dock and the Review menu.

The main window needs one call (see :func:`install_review_tools`); the Review menu's
actions are declared in :func:`review_actions`; everything else (the queue, the compare
view, the history dialog) stays in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFileDialog

from kursk_annotator.core.errors import UserError
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.compare_view import CompareView
from kursk_annotator.ui.history_dialog import HistoryDialog
from kursk_annotator.ui.orphans_dialog import OrphansDialog
from kursk_annotator.ui.review_queue import ReviewQueueDock
from kursk_annotator.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from kursk_annotator.core.exchange.plan import ImportReport
    from kursk_annotator.ui.main_window import MainWindow

W3C_FILES = "W3C Web Annotations (*.jsonld *.json);;All files (*)"


@dataclass
class ReviewTools:
    window: MainWindow  # its state holds the workspace, the article and the selection
    dock: ReviewQueueDock
    compare: CompareView | None = None
    history: HistoryDialog | None = None
    orphans: OrphansDialog | None = None
    placed: bool = False  # the queue dock has a place (restored, or chosen on first use)

    def refresh(self) -> None:
        """Re-read analysts, articles and the queue (call after the store changed)."""
        self.dock.queue.reload_filters()
        if self.compare is not None:
            self.compare.reload_choices()

    def current_annotation_id(self) -> int | None:
        """The annotation selected in the main window, else the one in the queue."""
        chosen = self.window.state.selected_id
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
        beside = window.annotations_dock
        if beside.isVisible() and not beside.isFloating():
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
        """The article open in the window's reader, if any."""
        article = self.window.state.article
        return article.id if article is not None else None

    def show_compare(self, article_id: int | None = None) -> CompareView:
        """The compare view, on ``article_id`` or else on the article being read."""
        if article_id is None:
            article_id = self.current_article_id()
        if self.compare is None:
            self.compare = CompareView(self.window.state, self.window)
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
        self.history = HistoryDialog(self.window.state, annotation_id, self.window)
        self.history.show()
        return self.history

    def show_orphans(self) -> OrphansDialog:
        if self.orphans is None:
            self.orphans = OrphansDialog(self.window.state, self.window)
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
        workspace, chosen = self.window.workspace, path
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
            total = export_to_file(self.window.workspace, path)  # a batch at a time: flat memory
        except UserError as exc:
            self.window.statusBar().showMessage(str(exc), 10000)
            return None
        self.window.statusBar().showMessage(f"Wrote {total} annotation(s) to {path}", 10000)
        return total

    def _changed(self) -> None:
        self.dock.queue.refresh()
        self.window.reload_library()


def review_actions(tools: ReviewTools) -> list[ActionSpec]:
    """The Review menu: the queue, comparison, history, W3C exchange, the queue's keys."""
    specs = [
        ActionSpec("review_queue", "Review &Queue", "&Review",
                   lambda _w, _c: tools.show_queue(), ("F8",), section="queue"),
        ActionSpec("review_requests", "&Requests for Changes to Me", "&Review",
                   lambda _w, _c: tools.show_queue(True), section="queue"),
        ActionSpec("review_compare", "&Compare Analysts…", "&Review",
                   lambda _w, _c: tools.show_compare(), ("Ctrl+Alt+C",), section="queue"),
        ActionSpec("review_history", "Annotation &History…", "&Review",
                   lambda _w, _c: tools.show_history(), ("Ctrl+H",), section="queue"),
        ActionSpec("review_orphans", "&Orphaned Annotations…", "&Review",
                   lambda _w, _c: tools.show_orphans(), section="exchange"),
        ActionSpec("review_import_w3c", "&Import W3C Annotations…", "&Review",
                   lambda _w, _c: tools.import_w3c(), section="exchange"),
        ActionSpec("review_export_w3c", "&Export W3C Annotations…", "&Review",
                   lambda _w, _c: tools.export_w3c(), section="exchange"),
    ]  # fmt: skip
    # The queue's own keys (A, R, Q, N, P): made by the queue, which works on its own
    # too; listed here so they are in the menu and the shortcuts list, and act only
    # while the focus is in the queue.
    for key in tools.dock.queue.keys:
        specs.append(
            ActionSpec(
                key.id,
                key.text,
                "&Review",
                lambda _w, _c: None,  # the queue's action runs itself
                key.keys,
                section="queue_keys",
                local_to=("review_queue",),
                listed_as=f"Review Queue › {key.text}",
                make=lambda _w, action=key.action: action,
            )
        )
    return specs


def install_review_tools(window: MainWindow) -> ReviewTools:
    """Add the review queue dock (hidden until asked for) and the Review menu to ``window``.

    The queue and dialogs read the store from the window's state; after a verdict, reply
    or adoption the window's library is read again; the reader follows the queue.
    """
    dock = ReviewQueueDock(window.state, window)
    # Where the user left it last time (the window's saved state), else placed on first use.
    # A queue restored closed and docked is placed again when opened: that may be just
    # where an earlier version put it, squeezed in beside the other panels.
    restored = window.restoreDockWidget(dock)
    if not restored:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
    placed = restored and (dock.isFloating() or not dock.isHidden())
    tools = ReviewTools(window, dock, placed=placed)
    window.action_set.add(review_actions(tools), scopes={"review_queue": dock.queue})
    dock.queue.changed.connect(window.reload_library)
    dock.visibilityChanged.connect(lambda shown: shown and dock.queue.refresh())
    dock.queue.annotation_activated.connect(window.show_annotation)
    # The reader follows the queue: what a verdict key acts on is what it shows.
    dock.queue.current_changed.connect(window.show_annotation)
    return tools
