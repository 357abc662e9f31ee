"""A process killed mid-burst loses nothing whose write had returned, and corrupts nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

WRITER = """
import sys
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
ws = Workspace(open_store(sys.argv[1]), "Writer")
me = ws.analyst
n = 0
while True:
    start = n % 900
    a = ws.annotations.create(1, "claim", start, start + 5, me, note=f"burst {n}")
    print(a.id, flush=True)  # printed only after the commit returned
    n += 1
"""


def test_sigkill_during_burst_keeps_every_returned_write(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    ws = Workspace(open_store(str(db)), "Setup")
    ws.articles.add(NewArticle(text="word " * 200, title="Burst target"))
    ws.close()

    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    returned: list[int] = []
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while len(returned) < 300 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        returned.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(returned) >= 300, "the writer stopped early"

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in con.execute("SELECT id FROM annotation")}
        history = {
            row[0] for row in con.execute("SELECT entity_id FROM history WHERE entity='annotation'")
        }
    con.close()
    assert set(returned) <= stored
    assert set(returned) <= history
    # The store opens normally afterwards.
    reopened = open_store(str(db))
    reopened.close()
