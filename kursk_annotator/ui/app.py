"""Start the desktop application: the window, then the data, then the rest.

1. The window is shown before the database libraries (SQLAlchemy, SQLModel, pydantic:
   about 0.7 s of imports on a quiet 2-core machine) are loaded.
2. Once it has painted, a local store is checked (damaged, foreign or newer stores are
   refused here, before anything is shown) and its library and first article are read
   with sqlite3 alone (``core.first_look``) and painted.
3. Then the store is opened for work (the libraries load; a migration, when due, runs
   here instead, before step 2) and the window goes on with it; the inspector's forms,
   the review, map, figures and suggestion tools and the suggestion process follow.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kursk_annotator import APP_NAME
from kursk_annotator.core.errors import UserError, for_cli
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.after_paint import AfterFirstPaint
from kursk_annotator.ui.icons import install_app_icon
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.termination import QuitOnTermination
from kursk_annotator.ui.theme import apply_palette

if TYPE_CHECKING:
    from kursk_annotator.core.first_look import FirstLook
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

    def fail(exc: UserError) -> None:
        nonlocal exit_code
        print(f"kursk-annotator: error: {for_cli(exc)}", file=sys.stderr)
        QMessageBox.critical(window, APP_NAME, str(exc))
        exit_code = exc.exit_code
        window.close()

    def open_store() -> None:
        try:
            name = choose_analyst(analyst, settings, parent=window)
            if name is None:
                window.close()  # the last window: the event loop ends
                return
            # A local store is checked, then its library and first article read with
            # sqlite3 alone and shown; the database libraries load after that paint.
            from kursk_annotator.core.first_look import first_look

            look = first_look(db, name)
            if look is None:
                workspace = open_for(db, name)
                window.attach_workspace(workspace, rest_later=True)
                then = functools.partial(finish, workspace)
            else:
                # Duck-typed: the read-only part of a workspace (its services' reads).
                window.attach_workspace(cast("Workspace", look), rest_later=True)
                then = functools.partial(open_for_work, look, name)
        except UserError as exc:
            fail(exc)
            return
        window.update()  # the whole window painted once, with the data in it
        AfterFirstPaint(window, then)

    def open_for_work(look: FirstLook, name: str) -> None:
        try:
            workspace = open_for(db, name)
        except UserError as exc:
            fail(exc)
            return
        finally:
            look.close()
        window.take_workspace(workspace)
        # Input that came meanwhile is handled before the tools are made.
        QTimer.singleShot(0, functools.partial(finish, workspace))

    def finish(workspace: Workspace) -> None:
        try:
            window.attach_rest(workspace)
        except UserError as exc:
            fail(exc)
            return
        freeze_long_lived()
        # A daily copy of a local store, taken off the GUI thread (nothing to show).
        from kursk_annotator.core.backups import start_routine_backup

        start_routine_backup(workspace.store.path)

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
