"""File → Connect to Team Store: host, database and login; the password is kept in the
system keyring (through ``keyring``) when the analyst asks, else asked for each time.
It is never written to the settings or to any file by this app."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.ui import settings as keys

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui.main_window import MainWindow

KEYRING_SERVICE = "kursk-annotator team store"


def team_url(host: str, port: int, database: str, login: str, password: str | None) -> str:
    from sqlalchemy.engine import URL

    return URL.create(
        "postgresql+psycopg",
        username=login,
        password=password or None,
        host=host,
        port=port,
        database=database,
    ).render_as_string(hide_password=False)


def keyring_key(host: str, port: int, database: str, login: str) -> str:
    return f"{login}@{host}:{port}/{database}"


def kept_password(key: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, key)
    except (ImportError, KeyringError, RuntimeError):
        return None


def keep_password(key: str, password: str | None) -> str:
    """Store (or, with None, forget) the password; a one-line note on what happened."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError
    except ImportError:
        return "The password was not kept: the keyring package is not installed."
    try:
        if password:
            keyring.set_password(KEYRING_SERVICE, key, password)
            return "Password kept in the system keyring."
        with contextlib.suppress(PasswordDeleteError):  # nothing kept: nothing to forget
            keyring.delete_password(KEYRING_SERVICE, key)
        return "Password not kept: you will be asked for it next time."
    except (KeyringError, RuntimeError) as exc:
        return f"The password was not kept: no system keyring is available ({exc})."


class TeamConnectDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("team_connect_dialog")
        self.setWindowTitle("Connect to Team Store")
        self.window_ = window
        self.workspace: Workspace | None = None
        self.note = ""
        server = window.settings.get(keys.TEAM_SERVER)
        host, _, rest = server.partition(":")
        port, _, database = rest.partition("/")
        self.host = QLineEdit(host or "localhost", objectName="team_host")
        self.port = QSpinBox(objectName="team_port")
        self.port.setRange(1, 65535)
        self.port.setValue(int(port) if port.isdigit() else 5432)
        self.database = QLineEdit(database or "kursk", objectName="team_database")
        self.login = QLineEdit(window.settings.get(keys.TEAM_LOGIN), objectName="team_login")
        self.password = QLineEdit(objectName="team_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("Keep the password in the system keyring", objectName="team_keep")
        for widget, name in (
            (self.host, "Server host"),
            (self.port, "Server port"),
            (self.database, "Database"),
            (self.login, "Login"),
            (self.password, "Password"),
        ):
            widget.setAccessibleName(name)
        saved = kept_password(self._key())
        if saved:
            self.password.setPlaceholderText("kept in the system keyring")
            self.keep.setChecked(True)
        self.problem = QLabel(objectName="team_problem", wordWrap=True)
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow("Host:", self.host)
        form.addRow("Port:", self.port)
        form.addRow("Database:", self.database)
        form.addRow("Login:", self.login)
        form.addRow("Password:", self.password)
        form.addRow("", self.keep)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        buttons.accepted.connect(self.connect_store)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your login is who you are on the team store: your annotations and verdicts are "
            "stored under it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _key(self) -> str:
        return keyring_key(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.login.text().strip(),
        )

    def connect_store(self) -> None:
        from kursk_annotator.core.errors import UserError
        from kursk_annotator.core.workspace import open_workspace

        host, database = self.host.text().strip(), self.database.text().strip()
        login = self.login.text().strip()
        if not (host and database and login):
            self.problem.setText("Give the host, the database and your login.")
            return
        password = self.password.text() or kept_password(self._key())
        url = team_url(host, self.port.value(), database, login, password)
        try:
            workspace = open_workspace(url)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        if not workspace.store.team:
            workspace.close()
            self.problem.setText("That database is not a team store.")
            return
        self.note = keep_password(self._key(), password if self.keep.isChecked() else None)
        settings = self.window_.settings
        settings.set(keys.TEAM_SERVER, f"{host}:{self.port.value()}/{database}")
        settings.set(keys.TEAM_LOGIN, login)
        self.workspace = workspace
        self.accept()


def connect_to_team_store(window: MainWindow) -> None:
    """Ask for the team store, then show it in this window."""
    dialog = TeamConnectDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workspace is None:
        return
    old = window.state.workspace
    window.attach_workspace(dialog.workspace)
    if old is not None and old is not dialog.workspace:
        old.close()
    store = dialog.workspace.store.describe()
    window.statusBar().showMessage(f"Connected to {store} as {dialog.workspace.analyst_name}. "
                                   f"{dialog.note}", 10000)  # fmt: skip
