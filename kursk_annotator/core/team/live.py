"""Colleagues' changes as they happen: the team store's triggers ``NOTIFY kursk_changes``
and a listener on its own connection collects them.

Qt-free and non-blocking: the window polls :meth:`ChangeListener.poll` from a timer.
A lost connection is reported, never raised, and :meth:`poll` reconnects by itself.
"""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

from sqlalchemy.engine import URL

from kursk_annotator.core.team.security import CHANNEL

RETRY_SECONDS = 2.0


def _conninfo(url: URL) -> dict[str, Any]:
    """psycopg.connect() keywords for the same server, login and database."""
    params: dict[str, Any] = {k: v for k, v in url.query.items() if isinstance(v, str)}
    for key, value in (
        ("host", url.host),
        ("port", url.port),
        ("user", url.username),
        ("password", url.password),
        ("dbname", url.database),
    ):
        if value:
            params[key] = str(value)
    params.setdefault("connect_timeout", "5")
    return params


class ChangeListener:
    def __init__(self, url: URL) -> None:
        self._params = _conninfo(url)
        self._conn: Any = None
        self._next_try = 0.0
        self.connected = False
        self.problem = ""  # why the connection is down, one line

    def _connect(self) -> None:
        import psycopg

        self._conn = psycopg.connect(**self._params, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self.connected, self.problem = True, ""

    def poll(self) -> tuple[list[dict[str, Any]], bool]:
        """(changes since the last poll, True when the connection just came back)."""
        import psycopg

        back = False
        if self._conn is None:
            if time.monotonic() < self._next_try:
                return [], False
            try:
                self._connect()
                back = True
            except psycopg.Error as exc:
                self._down(exc)
                return [], False
        changes = []
        try:
            for note in self._conn.notifies(timeout=0, stop_after=1000):
                try:
                    changes.append(json.loads(note.payload))
                except ValueError:
                    continue
            # notifies() only reads what arrived; a cheap query proves the link is alive.
            self._conn.execute("SELECT 1")
        except psycopg.Error as exc:
            self._down(exc)
            return changes, False
        return changes, back

    def _down(self, exc: Exception) -> None:
        self.close()
        self.connected = False
        self.problem = " ".join(str(exc).split())[:200] or type(exc).__name__
        self._next_try = time.monotonic() + RETRY_SECONDS

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # already gone: nothing to release
                self._conn.close()
            self._conn = None
