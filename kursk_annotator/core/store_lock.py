"""A lock beside a SQLite store, held while its schema is created or migrated.

Three processes opening an old store at once must not each run the migration: the first
takes the lock and migrates, the others wait for it and then find the store current.
The lock is ``flock`` on ``STORE.lock`` (released by the kernel if the holder dies, so
a killed process never leaves the store locked); the file itself stays, empty.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from kursk_annotator.core.errors import StoreError


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


@contextlib.contextmanager
def migration_lock(store: Path) -> Iterator[None]:
    """Hold the store's migration lock (waiting for another holder to finish)."""
    try:
        fd = os.open(lock_path(store), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise StoreError(
            f"cannot create the lock file beside {store} ({exc.strerror}): make the folder writable"
        ) from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows: SQLite's own locking serialises the migration
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
