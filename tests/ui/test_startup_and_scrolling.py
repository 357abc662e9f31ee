"""The window shows before the store opens; highlights follow the text into view."""

from __future__ import annotations

import re
import sys

from PySide6.QtGui import QTextCursor

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from tests.ui.conftest import background_at


def test_window_shows_first_and_fills_when_the_store_is_attached(
    qtbot, sample_workspace, settings_path
):
    window = MainWindow(None, Settings.at(settings_path))
    qtbot.addWidget(window)
    window.show()
    assert window.counts_label.text() == "Opening the store…"
    assert window.library.proxy.rowCount() == 0
    with qtbot.waitSignal(window.workspace_attached) as attached:
        window.attach_workspace(sample_workspace)
    assert attached.args == [sample_workspace]
    assert window.library.proxy.rowCount() == 5
    assert window.state.article is not None
    assert window.annotations.status_box.count() == 6  # "not rejected", "all", four statuses
    assert window.inspector.editor("claim", "credibility").count() > 1


def test_the_ui_loads_without_the_database_libraries():
    """The first window needs Qt only; SQLAlchemy and friends load after it shows."""
    import subprocess

    code = (
        "import sys, kursk_annotator.ui.app, kursk_annotator.cli\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'pydantic') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_gui_arguments_take_the_short_path_and_commands_the_full_one():
    from kursk_annotator.cli import _gui_only

    args = _gui_only(["--db", "x.sqlite", "--analyst", "Olena"])
    assert (args.db, args.analyst) == ("x.sqlite", "Olena")
    assert _gui_only([]) is not None
    assert _gui_only(["articles"]) is None
    assert _gui_only(["--db"]) is None  # the full parser explains the missing value
    assert _gui_only(["--version"]) is None


def test_spans_far_down_are_highlighted_when_scrolled_into_view(qtbot, make_window, workspace):
    lines = [f"Line {i} about the front near Sudzha and Korenevo." for i in range(3000)]
    text = "\n".join(lines) + "\n"
    article = workspace.articles.add(NewArticle(text=text, title="Long"))
    start = text.index("Korenevo", text.index("Line 2990"))
    workspace.annotations.create(article.id, "place", start, start + 8, workspace.analyst)
    window = make_window(workspace)
    window.open_article(article.id)
    window.reader.viewport().repaint()
    painted_before = len(window.reader.highlighter._painted)
    assert painted_before == 0  # nothing of it is in view yet
    cursor = window.reader.textCursor()
    cursor.setPosition(window.state.utf16.to_utf16(start))
    window.reader.setTextCursor(cursor)
    window.reader.ensureCursorVisible()
    assert background_at(window, start) is not None
    assert background_at(window, start - 3) is None
    assert window.reader.highlighter._painted == {2990}


def test_a_filter_change_repaints_blocks_already_shown(qtbot, window):
    from PySide6.QtCore import Qt

    from tests.ui.conftest import select_text

    select_text(window, "Kyiv")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    position = window.state.text.index("Kyiv")
    assert background_at(window, position) is not None
    window.tagging.set_kind_shown("place", False)
    assert background_at(window, position) is None
    window.reader.moveCursor(QTextCursor.MoveOperation.Start)
    window.tagging.set_kind_shown("place", True)
    assert background_at(window, position) is not None


def test_run_paints_the_window_then_opens_the_store(qtbot, sample_db, monkeypatch):
    """The real start: window first, store after its first paint, Ctrl+Q quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from kursk_annotator.ui import app as app_module

    order: list[str] = []
    attach = MainWindow.attach_workspace

    def attach_and_note(self, workspace, **kwargs):
        order.append("store")
        attach(self, workspace, **kwargs)

    monkeypatch.setattr(MainWindow, "attach_workspace", attach_and_note)
    monkeypatch.setattr(
        app_module, "Settings", lambda: Settings.at(str(sample_db) + ".settings.ini")
    )
    seen: dict[str, int] = {}

    def check() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next((w for w in windows if w.isVisible() and w.state.workspace), None)
        if window is None:
            QTimer.singleShot(20, check)
            return
        seen["articles"] = window.library.proxy.rowCount()
        window.actions_by_name["quit"].trigger()

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):
            painted = event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow)
            if painted and "paint" not in order:
                order.append("paint")
            return False

    spy = PaintSpy()
    QApplication.instance().installEventFilter(spy)
    QTimer.singleShot(0, check)
    try:
        assert app_module.run(str(sample_db), "Test Analyst") == 0
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert order == ["paint", "store"] and seen["articles"] == 5


def test_run_shows_the_articles_before_the_tools_are_made(qtbot, sample_db, monkeypatch):
    """At start the library and the first article are painted first; the review, map,
    figures and suggestion tools (and the suggestion process) come after that paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from kursk_annotator.ui import app as app_module

    monkeypatch.setattr(
        app_module, "Settings", lambda: Settings.at(str(sample_db) + ".settings.ini")
    )
    seen: dict[str, object] = {}

    class FirstDataPaint(QObject):
        def __init__(self, window: MainWindow) -> None:
            super().__init__(window)
            self.window = window

        def eventFilter(self, watched, event):
            w = self.window
            if event.type() == QEvent.Type.Paint and "painted" not in seen and w.state.article:
                seen["painted"] = {
                    "articles": w.library.proxy.rowCount(),
                    "text": bool(w.reader.toPlainText()),
                    "rows": w.annotations.table.model().rowCount(),
                    "tools": w.features,
                    "review menu": "review_queue" in w.actions_by_name,
                }
            return False

    class Watched(MainWindow):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.spy = FirstDataPaint(self)
            self.reader.viewport().installEventFilter(self.spy)
            self.workspace_attached.connect(lambda _ws: finish(self))

    monkeypatch.setattr(app_module, "MainWindow", Watched)

    def finish(window: MainWindow) -> None:
        seen["tools"] = window.review_tools is not None and window.suggestion_tools is not None
        QTimer.singleShot(0, window.actions_by_name["quit"].trigger)

    assert app_module.run(str(sample_db), "Test Analyst") == 0
    first = seen["painted"]
    assert first["articles"] == 5 and first["text"] and first["rows"] > 0
    assert first["tools"] is None and not first["review menu"]
    assert seen["tools"] is True


PAINT_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from kursk_annotator.ui import main_window

attach = main_window.MainWindow.attach_workspace

class DataPaint(QObject):
    def eventFilter(self, watched, event):
        w = self.parent()
        if event.type() == QEvent.Type.Paint and w.state.article and not hasattr(self, "seen"):
            self.seen = True
            loaded = [m for m in ("sqlalchemy", "sqlmodel", "pydantic") if m in sys.modules]
            print("DATA", w.library.proxy.rowCount(), len(w.state.annotations), loaded)
        return False

def watch(self, workspace, **kwargs):
    if not hasattr(self, "probe"):
        self.probe = DataPaint(self)
        self.reader.viewport().installEventFilter(self.probe)
        self.workspace_attached.connect(lambda _w: done(self))
    attach(self, workspace, **kwargs)

def done(window):
    counts = window.library.model.count_source([window.state.article.id])
    print("READY", type(window.state.workspace).__name__, window.workspace.analyst.name,
          sum(counts[window.state.article.id].values()) > 0, flush=True)
    QTimer.singleShot(0, QApplication.instance().quit)

main_window.MainWindow.attach_workspace = watch
from kursk_annotator.ui import crash
install = crash.install_crash_reporter

def report_too(*args, **kwargs):
    reporter = install(*args, **kwargs)
    def hook(kind, value, tb):
        print("CRASH", kind.__name__, value, flush=True)
        QApplication.instance().exit(9)
    sys.excepthook = hook
    return reporter

crash.install_crash_reporter = report_too
from kursk_annotator.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_known_store_shows_its_data_before_the_database_libraries_load(sample_db, tmp_path):
    """A store opened before (checked, current, the analyst known) is shown from a first
    look with sqlite3 alone; SQLAlchemy and the rest load once it is on screen, and the
    window then works through the store's services."""
    import subprocess

    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace

    ws = Workspace(open_store(str(sample_db)), "Olena Kovalchuk")
    ws.switch_analyst("Olena Kovalchuk")
    ws.close()
    done = subprocess.run(
        [sys.executable, "-c", PAINT_PROBE, "--db", str(sample_db), "--analyst", "Olena Kovalchuk"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and "CRASH" not in done.stdout, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("DATA 5 ") and lines[0].endswith(" []"), done.stdout
    assert int(lines[0].split()[2]) > 0  # the first article's annotations
    assert lines[1] == "READY Workspace Olena Kovalchuk True", done.stdout


def test_after_first_paint_runs_once(qtbot):
    from PySide6.QtWidgets import QWidget

    from kursk_annotator.ui.app import AfterFirstPaint

    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[int] = []
    AfterFirstPaint(widget, lambda: calls.append(1), fallback_ms=50)
    widget.show()
    qtbot.waitUntil(lambda: calls == [1])
    widget.repaint()
    qtbot.wait(80)
    assert calls == [1]


def test_a_store_that_cannot_be_opened_is_explained_in_one_line(
    qtbot, tmp_path, monkeypatch, capsys
):
    from kursk_annotator.ui import app as app_module

    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    shown: list[str] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    monkeypatch.setattr(app_module, "Settings", lambda: Settings.at(tmp_path / "s.ini"))
    code = app_module.run(str(bad), "Test Analyst")
    assert code != 0
    assert len(shown) == 1 and "\n" not in shown[0] and "not a SQLite database" in shown[0]
    assert "Traceback" not in capsys.readouterr().err
    assert bad.read_text() == "not a database"  # left as it was


def _known_to(sample_db, name: str = "Test Analyst") -> None:
    """The store opened before by ``name``: the app shows it from a first look."""
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace

    ws = Workspace(open_store(str(sample_db)), name)
    ws.switch_analyst(name)
    ws.close()


def _main_window() -> MainWindow | None:
    from PySide6.QtWidgets import QApplication

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return next((w for w in windows if w.isVisible() and w.state.article), None)


def test_a_tag_made_while_the_store_opens_waits_for_it_and_is_stored(qtbot, sample_db, monkeypatch):
    """The data shows before the store is open for work (it opens beside the window); a
    tag made in that moment waits for the store, is stored and shown, and the tools
    still come."""
    from PySide6.QtCore import QTimer

    from kursk_annotator.core.first_look import FirstLook
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui import app as app_module
    from tests.ui.conftest import select_text

    _known_to(sample_db)
    monkeypatch.setattr(
        app_module, "Settings", lambda: Settings.at(str(sample_db) + ".settings.ini")
    )
    seen: dict[str, object] = {}

    def tag_while_opening() -> None:
        w = _main_window()
        look = w.state.workspace if w is not None else None
        if not isinstance(look, FirstLook) or look.open_for_work is None:
            QTimer.singleShot(1, tag_while_opening)  # not yet opening beside the window
            return
        seen["quote"] = quote = re.search(r"\b[A-Z][a-z]{4,}\b", w.state.text).group()
        select_text(w, quote)
        info = w.tagging.tag("place")
        seen["tagged"] = (info is not None and info.kind, w.state.workspace is look)
        seen["table"] = w.annotations.table.model().rowCount()
        wait_for_tools(w)

    def wait_for_tools(w: MainWindow) -> None:
        if w.features is None:
            QTimer.singleShot(5, lambda: wait_for_tools(w))
            return
        seen["workspace"] = type(w.state.workspace).__name__
        w.actions_by_name["quit"].trigger()

    QTimer.singleShot(0, tag_while_opening)
    assert app_module.run(str(sample_db), "Test Analyst") == 0
    # Tagged while the window still showed the first look, and stored through the store.
    assert seen["tagged"] == ("place", True)
    assert seen["workspace"] == "Workspace"
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    try:
        mine = [a for a in ws.annotations.list() if a.analyst == "Test Analyst"]
        assert [(a.kind, a.quote) for a in mine] == [("place", seen["quote"])]
    finally:
        ws.close()


def test_quitting_while_the_tools_are_installed_loses_nothing(qtbot, sample_db, monkeypatch):
    """The tools come one per turn of the event loop after the data; Quit in the middle
    closes the app cleanly: the window's layout and last article are kept, the rest of
    the tools are not made, and the store is left whole."""
    from PySide6.QtCore import QTimer

    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui import app as app_module
    from kursk_annotator.ui import settings as keys

    _known_to(sample_db)
    settings_file = str(sample_db) + ".settings.ini"
    monkeypatch.setattr(app_module, "Settings", lambda: Settings.at(settings_file))
    seen: dict[str, object] = {}

    def quit_midway() -> None:
        w = _main_window()
        installing = w is not None and isinstance(w.state.workspace, Workspace)
        if not installing or "action_map" not in w.actions_by_name:
            QTimer.singleShot(0, quit_midway)  # until the store is open and a tool is in
            return
        seen["review menu"] = "review_queue" in w.actions_by_name
        seen["window"] = w
        w.actions_by_name["quit"].trigger()

    QTimer.singleShot(0, quit_midway)
    assert app_module.run(str(sample_db), "Test Analyst") == 0
    window = seen["window"]
    assert seen["review menu"] is False  # quit before the last tool was installed
    assert window.features is None and window.review_tools is None  # and none came after
    stored = Settings.at(settings_file)
    assert not stored.get(keys.WINDOW_STATE).isEmpty()
    assert stored.get(keys.LAST_ARTICLE) == window.state.article.id
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    try:
        assert len(ws.articles.list()) == 5
    finally:
        ws.close()


def test_the_window_answers_between_the_steps_that_install_the_tools(
    qtbot, sample_workspace, settings_path
):
    """attach_rest_in_steps installs one tool per turn of the event loop: events that
    arrive meanwhile (a repaint, a key) are handled between the steps, not after all."""
    from PySide6.QtCore import QTimer

    window = MainWindow(None, Settings.at(settings_path))
    qtbot.addWidget(window)
    window.show()
    window.attach_workspace(sample_workspace, rest_later=True)
    turns: list[bool] = []
    ticker = QTimer(window, interval=0)
    ticker.timeout.connect(lambda: turns.append(window.features is None))
    ticker.start()
    done: list[bool] = []
    with qtbot.waitSignal(window.workspace_attached):
        window.attach_rest_in_steps(sample_workspace, then=lambda: done.append(True))
        assert window.features is None  # nothing installed in the call itself
    ticker.stop()
    qtbot.waitUntil(lambda: done == [True])
    # The event loop turned many times while the tools were being installed.
    assert turns.count(True) >= 5
    assert window.review_tools is not None and window.suggestion_tools is not None
    assert "review_queue" in window.actions_by_name and "action_map" in window.actions_by_name


def test_a_store_refused_while_it_opens_beside_the_window_is_explained_in_one_line(
    qtbot, sample_db, monkeypatch, capsys
):
    """The store is replaced by something that is not a database after its first look
    was shown: opening it for work (on the pool thread) refuses it, and the app says so
    in one line and ends, as a refusal at start does."""
    from PySide6.QtCore import QTimer

    from kursk_annotator.core.first_look import FirstLook
    from kursk_annotator.ui import app as app_module

    _known_to(sample_db)
    monkeypatch.setattr(
        app_module, "Settings", lambda: Settings.at(str(sample_db) + ".settings.ini")
    )
    shown: list[str] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )

    def spoil_once_shown() -> None:
        w = _main_window()
        if w is None or not isinstance(w.state.workspace, FirstLook):
            QTimer.singleShot(0, spoil_once_shown)
            return
        sample_db.write_bytes(b"not a database any more")

    QTimer.singleShot(0, spoil_once_shown)
    code = app_module.run(str(sample_db), "Test Analyst")
    assert code != 0
    assert len(shown) == 1 and "\n" not in shown[0] and "not a SQLite database" in shown[0]
    err = capsys.readouterr().err
    assert "kursk-annotator: error:" in err and "Traceback" not in err


def test_another_store_attached_while_the_tools_install_gets_them_once(
    qtbot, sample_workspace, workspace, settings_path
):
    """A store attached while the first one's tools are still being installed (say a
    team store connected at once) finishes the same installation: every tool once, on
    the store now shown, and the first store's remaining steps stop."""
    window = MainWindow(None, Settings.at(settings_path))
    qtbot.addWidget(window)
    window.show()
    window.attach_workspace(sample_workspace, rest_later=True)
    window.attach_rest_in_steps(sample_workspace)
    qtbot.waitUntil(lambda: "action_map" in window.actions_by_name)  # partly installed
    assert window.features is None
    with qtbot.waitSignal(window.workspace_attached) as attached:
        window.attach_workspace(workspace)  # no error: nothing is declared twice
    assert attached.args == [workspace]
    assert window.features is not None and window.state.workspace is workspace
    qtbot.wait(50)  # the first store's chain, had it gone on, would fail here
    assert window.review_tools is not None and window.state.workspace is workspace
