"""Small dialogs: the analyst's name at first start, and Preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class AnalystNameDialog(QDialog):
    """Asks who is annotating; the name is stored with every annotation they make."""

    def __init__(self, prefill: str, parent: QWidget | None = None, first_start: bool = True):
        super().__init__(parent)
        self.setWindowTitle("Welcome" if first_start else "Your name")
        intro = QLabel(
            "Your name is stored with every annotation and review you make, "
            "so colleagues can see who tagged what. You can change it later in Preferences."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(prefill)
        self.name.setAccessibleName("Analyst name")
        self.name.selectAll()
        self.problem = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._check)
        form = QFormLayout()
        form.addRow("Your name:", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        name = self.value()
        problem = ""
        if not name:
            problem = "Type a name to continue."
        elif len(name) > 120:
            problem = "Keep the name under 120 characters."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def value(self) -> str:
        return " ".join(self.name.text().split())


class PreferencesDialog(QDialog):
    def __init__(self, analyst: str, snap_whole_words: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.name = QLineEdit(analyst)
        self.name.setAccessibleName("Analyst name")
        self.snap = QCheckBox("Extend selections to whole words when tagging")
        self.snap.setChecked(snap_whole_words)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda _t: self.ok.setEnabled(bool(self.analyst_name())))
        form = QFormLayout(self)
        form.addRow("Your name:", self.name)
        form.addRow("", self.snap)
        form.addRow(buttons)

    def analyst_name(self) -> str:
        return " ".join(self.name.text().split())
