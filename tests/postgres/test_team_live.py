"""Colleagues' work reaches an open window on a team store as it is stored, without
moving the reading place or the selection; a lost connection shows a banner, blocks
edits, and the window reconnects by itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings
from tests.postgres.conftest import Team
from tests.ui.conftest import select_text

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

PARAGRAPH = (
    "Ukraine's General Staff said 12,000 North Korean soldiers were deployed near Sudzha "
    "in the Kursk region, while Russia's defence ministry reported fighting at Berdin.\n\n"
)
TEXT = PARAGRAPH * 40 + "Makhnovka was retaken, according to Kyiv.\n"


def other_client(team: Team, login: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-m", "kursk_annotator", "--db", team.url(login), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def olena(team: Team) -> Iterator[Workspace]:
    ws = Workspace(open_store(team.url(team.olena)))
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, olena: Workspace, tmp_path: Path) -> MainWindow:
    article = olena.articles.add(NewArticle(text=TEXT, title="Kursk"), olena.analyst)
    win = MainWindow(olena, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_article(article.id or 0)
    return win


def test_a_colleagues_work_reaches_the_open_window_within_a_second(
    qtbot, team: Team, window: MainWindow, olena: Workspace
) -> None:
    state = window.state
    select_text(window, "Sudzha", occurrence=20)
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    mine = state.selected_annotation
    assert mine is not None
    scroll = window.reader.verticalScrollBar()
    place = scroll.value()
    assert place > 0  # reading in the middle of the article
    article = str(state.article.id)
    window.review_tools.show_queue()  # Olena's review queue is open too
    queue = window.review_tools.dock.queue
    assert queue.model.rowCount() == 0
    window.reader.setFocus()
    made = other_client(
        team, team.mark, "annotate", article, "--kind", "place", "--quote", "Makhnovka", "--json"
    )
    started = time.monotonic()
    theirs = json.loads(made)["id"]
    qtbot.waitUntil(
        lambda: theirs in state.annotations and queue.model.row_of(theirs) is not None,
        timeout=1000,
    )
    arrived = time.monotonic() - started
    assert arrived < 1.0
    assert window.annotations.model.rowCount() == 2  # the table lists it too
    # A verdict on my annotation: its status changes in the open window too.
    other_client(team, team.mark, "review", str(mine.id), "--accept")
    qtbot.waitUntil(lambda: state.annotations[mine.id].status == "accepted", timeout=1000)
    assert state.selected_id == mine.id and scroll.value() == place
    assert window.live is not None and window.live.changes_seen >= 2


def test_a_lost_connection_shows_a_banner_blocks_edits_and_comes_back(
    qtbot, team: Team, window: MainWindow
) -> None:
    banner = window.live.banner
    admin = team.admin_url.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'ALTER ROLE "{team.olena}" NOLOGIN')
        con.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (team.olena,),
        )
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "reconnecting" in banner.text()
    select_text(window, "Berdin")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert "edits are blocked" in window.statusBar().currentMessage()
    assert window.state.annotations == {}
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'ALTER ROLE "{team.olena}" LOGIN')
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10000)
    select_text(window, "Berdin")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)
    assert [a.quote for a in window.state.annotations.values()] == ["Berdin"]


def test_connect_to_team_store_from_the_file_menu(qtbot, team: Team, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy.engine import make_url

    own = Workspace(open_store(str(tmp_path / "own.sqlite")), "Olena on her own")
    settings_file = tmp_path / "settings.ini"
    window = MainWindow(own, Settings.at(settings_file))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    url = make_url(team.admin_url)
    answers: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "team_connect_dialog"
        dialog.host.setText(url.host)
        dialog.port.setValue(url.port)
        dialog.database.setText(url.database)
        dialog.login.setText(team.olena)
        dialog.password.setText("wrong")
        dialog.connect_store()
        answers.append(dialog.problem.text())
        dialog.password.setText(team.password[team.olena])
        dialog.keep.setChecked(False)
        dialog.connect_store()

    QTimer.singleShot(0, fill)
    window.actions_by_name["connect_team"].trigger()
    assert answers and answers[0].startswith(f"wrong or missing password for login {team.olena}")
    assert window.workspace.store.team
    assert window.workspace.analyst_name == "Olena Kovalchuk"
    assert window.live is not None
    assert "Connected to" in window.statusBar().currentMessage()
    window.save_settings()
    saved = settings_file.read_text()
    assert team.olena in saved and url.database in saved
    assert team.password[team.olena] not in saved
    window.close()


def test_a_long_article_whose_rest_cannot_be_read_says_so_and_reads_it_later(
    qtbot, team: Team, olena: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long article opens in parts (ui/article_state.py): with the connection lost
    before its rest is read, the window says so in one line and keeps what it shows; once
    the store is back, the rest is read when needed."""
    from kursk_annotator.ui import article_state

    monkeypatch.setattr(article_state, "SPLIT_ABOVE", 5)
    monkeypatch.setattr(article_state, "FIRST_VIEW", 1_000)
    article = olena.articles.add(NewArticle(text=TEXT, title="Kursk"), olena.analyst)
    starts = [i for i in range(len(TEXT)) if TEXT.startswith("Sudzha", i)]
    items = [{"kind": "place", "start": s, "end": s + 6} for s in starts]
    olena.annotations.bulk_create(article.id, items, olena.analyst)
    win = MainWindow(olena, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    admin = team.admin_url.replace("+psycopg", "")
    win.open_article(article.id or 0)
    assert not win.state.complete_now
    shown = len(win.state.annotations)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'ALTER ROLE "{team.olena}" NOLOGIN')
        con.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (team.olena,),
        )
    # The part read next fails: one line, what the window shows stays.
    qtbot.waitUntil(lambda: "is disabled" in win.statusBar().currentMessage(), timeout=5000)
    assert not win.state.complete_now and len(win.state.annotations) == shown
    win.statusBar().clearMessage()
    win.show_annotation(article.id or 0, 10**6)  # a jump needing the rest: one line too
    assert "is disabled" in win.statusBar().currentMessage()
    assert win.state.selected_id is None
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'ALTER ROLE "{team.olena}" LOGIN')
    qtbot.waitUntil(lambda: not win.live.banner.isVisible(), timeout=10000)
    last = olena.annotations.list_rows(article.id)[-1][0]
    win.show_annotation(article.id or 0, last)  # the jump reads the rest first
    assert win.state.complete_now and win.state.selected_id == last
    assert win.annotations.model.rowCount() == len(starts)
