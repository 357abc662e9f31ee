"""The first window fits the screen; a saved place is used only where it fits; View ->
Theme switches between light, dark and the system's choice, and is remembered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.settings import Settings

REPO = Path(__file__).resolve().parents[2]

# Start the window on a screen of a given size (Qt's offscreen platform reads the screens
# from a file), optionally resize and move it, and report where it is.
PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from kursk_annotator.core.workspace import open_workspace
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
app = QApplication([])
window = MainWindow(open_workspace(sys.argv[1], "Test Analyst"), Settings.at(sys.argv[2]))
window.show()
app.processEvents()
if len(sys.argv) > 3:
    x, y, w, h = map(int, sys.argv[3].split(","))
    window.setGeometry(x, y, w, h)
    app.processEvents()
g = window.geometry()
a = window.screen().availableGeometry()
print(json.dumps({"window": [g.x(), g.y(), g.width(), g.height()],
                  "frame": [window.frameGeometry().width(), window.frameGeometry().height()],
                  "available": [a.x(), a.y(), a.width(), a.height()]}))
window.close()
"""


def probe(tmp_path: Path, db: Path, width: int, height: int, place: str = "") -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
        )
    )  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    args = [sys.executable, "-c", PROBE, str(db), str(tmp_path / "settings.ini")]
    done = subprocess.run(
        [*args, *([place] if place else [])], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(window: list[int], available: list[int]) -> bool:
    x, y, w, h = window
    ax, ay, aw, ah = available
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.slow
def test_first_window_fits_a_1366x768_screen_and_a_saved_place_only_where_it_fits(
    tmp_path: Path, sample_db: Path
) -> None:
    small = probe(tmp_path, sample_db, 1366, 768)
    assert inside(small["window"], small["available"])
    assert small["window"][2] >= 1300 and small["window"][3] >= 700  # and uses the room
    # Saved on a large screen at a size the small one cannot hold: not restored there.
    large = probe(tmp_path, sample_db, 1920, 1200, place="40,40,1800,1100")
    assert large["window"] == [40, 40, 1800, 1100]
    back = probe(tmp_path, sample_db, 1366, 768)
    assert inside(back["window"], back["available"])
    # A saved place that fits is where the window comes back.
    probe(tmp_path, sample_db, 1366, 768, place="100,60,1000,600")
    again = probe(tmp_path, sample_db, 1366, 768)
    assert again["window"] == [100, 60, 1000, 600]


def window_colour() -> int:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness()


def test_view_theme_menu_switches_and_is_remembered(
    qtbot, make_window, sample_workspace, settings_path
) -> None:
    window = make_window(sample_workspace)
    try:
        assert window.action_set["theme_system"].isChecked()
        # View (Alt+V) -> Theme (T) -> Dark (D), by keyboard as a user would.
        qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
        qtbot.waitUntil(
            lambda: (
                QApplication.activePopupWidget() is not None
                and QApplication.activePopupWidget().objectName() == "theme_menu"
            )
        )
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D)
        qtbot.waitUntil(lambda: window_colour() < 128)
        assert window.action_set["theme_dark"].isChecked()
        assert Settings.at(settings_path).get(keys.THEME) == "dark"
        # The reader's highlights follow: text on a dark page.
        qtbot.waitUntil(
            lambda: window.reader.palette().color(QPalette.ColorRole.Base).lightness() < 128
        )
        window.close()

        again = make_window(sample_workspace)
        assert again.action_set["theme_dark"].isChecked() and window_colour() < 128
        again.action_set["theme_light"].trigger()
        assert window_colour() > 128
        assert Settings.at(settings_path).get(keys.THEME) == "light"
    finally:
        window.action_set["theme_system"].trigger()  # the next tests start as they expect
