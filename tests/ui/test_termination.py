"""The app asked to end by the system (SIGTERM at logout, ``kill``; SIGINT from Ctrl+C)
closes as File -> Quit does: exit status 0, nothing on stderr about leaked resources,
no suggestion process left behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_termination_request_quits_cleanly(sample_db: Path, tmp_path: Path, number) -> None:
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    app = subprocess.Popen(
        [sys.executable, "-m", "kursk_annotator", "--db", str(sample_db), "--analyst", "Test"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Up with an article shown: its suggestions are computed in a child process.
        deadline = time.monotonic() + 120
        while not _children(app.pid):
            assert app.poll() is None, app.stderr.read()
            assert time.monotonic() < deadline, "the suggestion process never started"
            time.sleep(0.2)
        children = _children(app.pid)
        app.send_signal(number)
        assert app.wait(timeout=60) == 0
        stderr = app.stderr.read()
        assert "Traceback" not in stderr and "leaked" not in stderr, stderr
        deadline = time.monotonic() + 10
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
