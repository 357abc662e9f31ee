"""Quit like File -> Quit when the system asks the app to end (SIGTERM at logout or from
``kill``, Ctrl+C in the terminal that started it).

Python runs its signal handlers only between bytecodes, and Qt's event loop is C++ that
may wait for minutes: without help the request waits for the next mouse move, or the
default handler ends the process at once, leaving the suggestion process's semaphores
behind and the window's layout unsaved. The signal's byte is written to a pipe (a socket
pair on Windows, where the wake-up must be a socket) that the event loop watches, so the
handler runs at once and closes the windows the usual way (every edit is already stored;
closing saves the layout and ends the helpers).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import socket

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnTermination(QObject):
    """Installed for the life of the event loop; ``restore()`` puts back what was there."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: list[int] = []
        self._reader, self._writer = _wake_up_pair()
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous: dict[int, Callable | int | None] = {
            number: signal.signal(number, self._note) for number in _SIGNALS
        }
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._quit)

    def _note(self, number: int, _frame: object) -> None:
        self.received.append(number)  # the work is done in _quit, on the event loop

    def _quit(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.read(64)
        if self.received:
            self.app.closeAllWindows()
            self.app.quit()

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        self._reader.close()
        self._writer.close()


def _wake_up_pair() -> tuple[IO[bytes] | _SocketEnd, _PipeEnd | socket.socket]:
    """Both ends non-blocking: a pipe where there are pipes (no ``socket`` import, about
    10 ms of start-up), else a socket pair. Python writes the signal's byte to the
    second end by its number; the event loop reads the first."""
    if os.name == "posix":
        read_fd, write_fd = os.pipe()
        for fd in (read_fd, write_fd):
            os.set_blocking(fd, False)
        return os.fdopen(read_fd, "rb", buffering=0), _PipeEnd(write_fd)
    import socket

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    return _SocketEnd(reader), writer


class _PipeEnd:
    """The pipe's writing end, known by its number only (``signal.set_wakeup_fd``)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def close(self) -> None:
        os.close(self._fd)


class _SocketEnd:
    """A socket read as the pipe's reading end is."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def read(self, size: int) -> bytes:
        return self._sock.recv(size)

    def fileno(self) -> int:
        return self._sock.fileno()

    def close(self) -> None:
        self._sock.close()
