"""Start the desktop application: palette, analyst name, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from kursk_annotator import APP_NAME
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.analysts import ENV_ANALYST, default_analyst_name
from kursk_annotator.core.workspace import open_workspace
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.dialogs import AnalystNameDialog
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from kursk_annotator.ui.theme import apply_palette


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_NAME)
        app.setApplicationDisplayName(APP_NAME)
    assert isinstance(app, QApplication)
    apply_palette(app)
    # Follow the system when it switches between light and dark while we run.
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app))
    return app


def choose_analyst(explicit: str | None, settings: Settings, ask: bool = True) -> str | None:
    """--analyst, else $KURSK_ANNOTATOR_ANALYST, else the stored name, else ask once.

    Returns None when the user cancels the first-start question.
    """
    name = explicit or os.environ.get(ENV_ANALYST) or settings.get(keys.ANALYST_NAME)
    if name:
        return name
    if not ask:
        return default_analyst_name()
    dialog = AnalystNameDialog(default_analyst_name())
    if not dialog.exec():
        return None
    settings.set(keys.ANALYST_NAME, dialog.value())
    return dialog.value()


def build_window(
    db: str | None = None, analyst: str | None = None, settings: Settings | None = None
) -> MainWindow | None:
    """The main window over the store ``db``, or None when the user declined to start."""
    settings = settings or Settings()
    name = choose_analyst(analyst, settings)
    if name is None:
        return None
    workspace = open_workspace(db, name)
    workspace.switch_analyst(workspace.analyst_name)  # store the name, check it is valid
    return MainWindow(workspace, settings)


def run(db: str | None = None, analyst: str | None = None) -> int:
    app = application()
    try:
        window = build_window(db, analyst)
    except UserError as exc:
        print(f"kursk-annotator: error: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return exc.exit_code
    if window is None:
        return 0
    window.show()
    code = app.exec()
    window.workspace.close()
    return code
