"""Start the desktop application: the window, then the data, then the rest.

1. The window is shown before the database libraries (SQLAlchemy, SQLModel, pydantic:
   about 0.7 s of imports on a quiet 2-core machine) are loaded.
2. Once it has painted, a local store is checked (damaged, foreign or newer stores are
   refused here, before anything is shown) and its library and first article are read
   with sqlite3 alone (``core.first_look``) and painted.
3. Then the store is opened for work on a pool thread (the libraries load there, with
   the Qt-free modules the tools import, so the window answers meanwhile; a migration,
   when due, runs before step 2 instead) and the window goes on with it; an action
   that needs the store in that moment waits for it.
4. The inspector's forms, the review, map, figures and suggestion tools and the
   suggestion process follow, one per turn of the event loop (no step holds the GUI
   thread for long).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar, cast

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
    from kursk_annotator.ui.tasks import Task

log = logging.getLogger(__name__)
T = TypeVar("T")

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

    # The log file is opened once the data shows (logging.handlers and what it imports
    # take about 12 ms); an error before that opens it first (the crash reporter).
    configure_logging(verbose, file=False)
    app = application()
    settings = Settings()
    apply_palette(app, settings.get(keys.THEME))  # before the first paint
    window = MainWindow(None, settings)
    # An error nobody caught is logged and shown with the log's path, never silent.
    reporter = install_crash_reporter(
        None, parent=lambda: window, log_later=lambda: configure_logging(verbose)
    )
    window.show()
    exit_code = 0

    def fail(exc: UserError) -> None:
        nonlocal exit_code
        print(f"kursk-annotator: error: {for_cli(exc)}", file=sys.stderr)
        # Behind the message, the window no longer says it is opening the store.
        window.statusBar().showMessage("The store could not be opened")
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
                reporter.open_log()  # opening may back up and migrate: that is logged
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
        AfterFirstPaint(window, lambda: (reporter.open_log(), then()))

    def open_for_work(look: FirstLook, name: str) -> None:
        # On a pool thread: the libraries load there, so the window keeps answering.
        # Whatever the analyst does meanwhile that the first look cannot answer (a tag,
        # a verdict) waits for the store there, as it waited for the GUI thread before.
        def opened(workspace: Workspace | None, error: BaseException | None) -> None:
            look.open_for_work = None
            look.close()
            if error is not None:
                fail(error if isinstance(error, UserError) else UserError(str(error)))
                return
            assert workspace is not None
            if window.state.workspace is not look:  # another store was attached meanwhile
                workspace.close()
                return
            window.take_workspace(workspace)
            finish(workspace)

        opening = OpeningBeside(db, name, opened)
        look.open_for_work = opening.result
        pending.append(opening)

    def finish(workspace: Workspace) -> None:
        # One feature per turn of the event loop: input and paints come in between.
        window.attach_rest_in_steps(workspace, then=functools.partial(settled, workspace))

    def settled(workspace: Workspace) -> None:
        freeze_long_lived()
        # A daily copy of a local store, taken off the GUI thread (nothing to show).
        from kursk_annotator.core.backups import start_routine_backup
        from kursk_annotator.ui.tasks import run_task

        start_routine_backup(workspace.store.path)
        # What the Figures view and the map load when first shown, loaded meanwhile.
        idle.append(
            run_task(
                lambda _task: _without_pauses(load_views),
                lambda _result, _error: None,
                name="loading the views' modules",
            )
        )

    pending: list[OpeningBeside] = []
    idle: list[Task] = []
    # The window is on screen while the store (and its libraries) load.
    AfterFirstPaint(window, open_store)
    termination = QuitOnTermination(app)  # SIGTERM and Ctrl+C close it as Quit does
    try:
        code = app.exec()
    finally:
        termination.restore()
    for task in idle:  # no Python work on a pool thread while the interpreter ends
        task.wait()
    for opening in pending:  # quit while the store was opening: close it once open
        workspace = opening.wait()
        if workspace is not None and workspace is not window.state.workspace:
            workspace.close()
    if window.state.workspace is not None:
        window.state.workspace.close()
    return exit_code or code


class OpeningBeside:
    """The store being opened for work on a pool thread (imports and all), with the Qt-free
    modules the features import (``ui.feature_menus.PRELOADED``) loaded there too.

    ``done(workspace, error)`` runs on the GUI thread once it is open; ``result()``
    waits for it on the spot (for an analyst's action that needs the store) and returns
    the workspace or raises the error."""

    def __init__(
        self,
        db: str | None,
        name: str,
        done: Callable[[Workspace | None, BaseException | None], None],
    ) -> None:
        import threading

        from kursk_annotator.ui.tasks import run_task

        self._outcome: tuple[Workspace | None, BaseException | None] = (None, None)
        self._opened = threading.Event()  # set once open (or refused), before preloading
        self.task = run_task(
            lambda _task: _without_pauses(lambda: self._open(db, name)),
            done,
            name="opening the store",
        )

    def _open(self, db: str | None, name: str) -> Workspace:
        try:
            workspace = open_for(db, name)
        except BaseException as exc:
            self._outcome = (None, exc)
            self._opened.set()
            raise
        self._outcome = (workspace, None)
        self._opened.set()
        from kursk_annotator.ui.feature_menus import PRELOADED

        preload(PRELOADED)
        return workspace

    def wait(self) -> Workspace | None:
        self.task.wait()
        return self._outcome[0]

    def result(self) -> Workspace:
        self._opened.wait()
        workspace, error = self._outcome
        if error is not None:
            if isinstance(error, UserError):
                raise error
            raise UserError(f"the store could not be opened: {error}") from error
        assert workspace is not None
        return workspace


def _without_pauses(work: Callable[[], T]) -> T:
    """``work`` (on a pool thread) with the cycle collector off: its full passes over
    everything imports make (40-100 ms each) hold the GIL, so the GUI thread would wait
    them out. What was made is then frozen out of later passes (as at the end of
    start-up, ``freeze_long_lived``)."""
    import gc

    from kursk_annotator.core.cycle_collection import without_cycle_collection

    with without_cycle_collection():
        result = work()
        gc.freeze()
    return result


def load_views() -> None:
    """What the Figures view and the map load when first shown (on a pool thread, once
    the tools are installed): their modules, and the map's base layers projected (about
    100 ms, cached for the map panel)."""
    from kursk_annotator.ui.feature_menus import PRELOADED_WHEN_IDLE

    preload(PRELOADED_WHEN_IDLE)
    with contextlib.suppress(Exception):  # the map panel projects them when shown
        from kursk_annotator.core.geo.scene import build_scene

        build_scene([])


def preload(modules: Iterable[str]) -> None:
    """Import Qt-free modules the window will need (on a pool thread), so the GUI thread
    finds them loaded. A failure is left for the code that imports the module to report."""
    import importlib

    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # reported by the code that imports it
            log.debug("preloading %s failed", module, exc_info=True)
