"""Start the desktop application: the window first, then the store, then the data.

The window is shown before the database libraries (SQLAlchemy, SQLModel, Alembic:
about a second of imports on a busy 2-core machine) are loaded, so the analyst sees the
app at once; the library fills in as soon as the store is open.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kursk_annotator import APP_NAME
from kursk_annotator.core.errors import UserError, for_cli
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.icons import install_app_icon
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.termination import QuitOnTermination
from kursk_annotator.ui.theme import apply_palette

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

# core.services.analysts.ENV_ANALYST, spelled here to avoid importing the store early.
ENV_ANALYST = "KURSK_ANNOTATOR_ANALYST"


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_NAME)
        app.setApplicationDisplayName(APP_NAME)
    assert isinstance(app, QApplication)
    install_app_icon(app)
    apply_palette(app)
    if not app.property("kursk_follows_scheme"):
        # Follow the system when it switches between light and dark while we run.
        # (apply_palette() with no theme keeps the one chosen in View -> Theme.)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app))
        app.setProperty("kursk_follows_scheme", True)
    return app


def choose_analyst(
    explicit: str | None, settings: Settings, ask: bool = True, parent: QWidget | None = None
) -> str | None:
    """--analyst, else $KURSK_ANNOTATOR_ANALYST, else the stored name, else ask once.

    Returns None when the user cancels the first-start question.
    """
    name = explicit or os.environ.get(ENV_ANALYST) or settings.get(keys.ANALYST_NAME)
    if name:
        return name
    from kursk_annotator.core.services.analysts import default_analyst_name

    if not ask:
        return default_analyst_name()
    from kursk_annotator.ui.dialogs import AnalystNameDialog

    dialog = AnalystNameDialog(default_analyst_name(), parent)
    if not dialog.exec():
        return None
    settings.set(keys.ANALYST_NAME, dialog.value())
    return dialog.value()


def open_for(db: str | None, name: str) -> Workspace:
    from kursk_annotator.core.workspace import open_workspace

    workspace = open_workspace(db, name)
    workspace.switch_analyst(workspace.analyst_name)  # store the name, check it is valid
    return workspace


def build_window(
    db: str | None = None, analyst: str | None = None, settings: Settings | None = None
) -> MainWindow | None:
    """The main window over the store ``db``, or None when the user declined to start."""
    settings = settings or Settings()
    name = choose_analyst(analyst, settings)
    if name is None:
        return None
    return MainWindow(open_for(db, name), settings)


def freeze_long_lived() -> None:
    """Keep what start-up made (modules, widgets, the store's tables: about 200,000
    objects) out of the garbage collector's full passes from now on.

    Opening a long article makes tens of thousands of rows that live on, and those
    trigger a full pass now and then; over everything start-up made, one took 100-380 ms
    on the GUI thread (bench/bench_reader.py). Frozen, a pass covers what came after.
    No collection first: it would hold up the first paint of the data by as much.
    """
    import gc

    gc.freeze()


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, right after ``widget`` is first painted (or after
    ``fallback_ms`` if it never is, say on a minimised start)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int = 1000):
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._fire)  # once this paint has reached the screen
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def run(db: str | None = None, analyst: str | None = None, verbose: bool = False) -> int:
    from kursk_annotator.logs import configure_logging
    from kursk_annotator.ui.crash import install_crash_reporter

    log_file = configure_logging(verbose)
    app = application()
    settings = Settings()
    apply_palette(app, settings.get(keys.THEME))  # before the first paint
    window = MainWindow(None, settings)
    # An error nobody caught is logged and shown with the log's path, never silent.
    install_crash_reporter(log_file, parent=lambda: window)
    window.show()
    exit_code = 0

    def open_store() -> None:
        nonlocal exit_code
        try:
            name = choose_analyst(analyst, settings, parent=window)
            if name is None:
                window.close()  # the last window: the event loop ends
                return
            workspace = open_for(db, name)
            window.attach_workspace(workspace)
            freeze_long_lived()
            # A daily copy of a local store, taken off the GUI thread (nothing to show).
            from kursk_annotator.core.backups import start_routine_backup

            start_routine_backup(workspace.store.path)
        except UserError as exc:
            print(f"kursk-annotator: error: {for_cli(exc)}", file=sys.stderr)
            QMessageBox.critical(window, APP_NAME, str(exc))
            exit_code = exc.exit_code
            window.close()

    # The window is on screen while the store (and its libraries) load.
    AfterFirstPaint(window, open_store)
    termination = QuitOnTermination(app)  # SIGTERM and Ctrl+C close it as Quit does
    try:
        code = app.exec()
    finally:
        termination.restore()
    if window.state.workspace is not None:
        window.state.workspace.close()
    return exit_code or code
