"""Write files so that a reader only ever sees the old file or the complete new one.

Every file the app writes (exports, briefings, tables, backups, recovered stores) goes
through :func:`atomic_write`: the bytes go to a temporary file in the target's folder,
are flushed and fsynced, and the temporary file is renamed over the target (a rename
within one folder is atomic on POSIX and Windows); then the folder itself is fsynced so
the rename survives a power cut. Ctrl-C, SIGKILL or a full disk at any moment leave the
previous file byte-for-byte as it was, and at most a ``.NAME.*.tmp`` file that a killed
process could not remove (the next successful write of the same target removes those).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from kursk_annotator.core.errors import UserError

TEMP_SUFFIX = ".tmp"


def _new_file_mode() -> int:
    """0o666 less the process umask, read without changing it (writers run on threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def os_error_reason(exc: OSError) -> str:
    """A short human reason for an OSError, with what to do."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: free some space and try again"
    if code == errno.EFBIG:
        return "the file is larger than this system allows: write less at a time"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied: choose a folder you may write to"
    if code == errno.EROFS:
        return "the disk is read-only: choose a writable folder"
    if code == errno.ENOENT:
        return "the folder does not exist: create it or choose another"
    if code == errno.EISDIR:
        return "that is a folder: give a file name"
    return f"{exc.strerror or exc}: check the path and try again"


def write_error(target: Path, exc: OSError) -> UserError:
    return UserError(f"cannot write {target}: {os_error_reason(exc)}")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible, nor needed, on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on folders; the rename still holds
        pass
    finally:
        os.close(fd)


STALE_TEMP_SECONDS = 3600


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files a killed earlier writer of ``target`` left behind (an hour
    old at least, so a writer still at work in another process keeps its own)."""
    import time

    prefix = f".{target.name}."
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    keep: Callable[[], bool] | None = None,
    durable: bool = True,
) -> Iterator[IO[Any]]:
    """Yield a file to write ``path``'s new content to; replace ``path`` only on success.

    ``mode`` is ``"wb"`` or ``"w"`` (text, ``encoding`` defaults to UTF-8). If the block
    raises, or ``keep`` (asked after writing, e.g. "was the export not cancelled?")
    returns False, the target is left as it was. OSErrors become one-line UserErrors.
    ``durable=False`` skips the fsyncs (for caches that may be lost, never half-written).
    The new file keeps the permission bits of the file it replaces, or gets what a new
    file would get (mkstemp alone would make it private).
    """
    if mode not in ("wb", "w"):
        raise ValueError("atomic_write writes whole files: mode 'wb' or 'w'")
    target = Path(path)
    if target.is_dir():
        raise UserError(f"cannot write {target}: that is a folder: give a file name")
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise write_error(target, exc) from None
    temp = Path(temp_name)
    try:
        if mode == "w":
            handle: IO[Any] = os.fdopen(fd, "w", encoding=encoding or "utf-8", newline=newline)
        else:
            handle = os.fdopen(fd, "wb")
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if keep is not None and not keep():
            temp.unlink(missing_ok=True)
            return
        try:
            mode_bits = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode_bits = _new_file_mode()
        os.chmod(temp, mode_bits)
        os.replace(temp, target)
        if durable:
            fsync_folder(target.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise write_error(target, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _remove_stale_temps(target)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", durable: bool = True
) -> None:
    with atomic_write(path, "w", encoding=encoding, durable=durable) as handle:
        # Large strings in chunks: one giant write holds a second copy of the encoded bytes.
        for i in range(0, len(text), 1 << 20):
            handle.write(text[i : i + (1 << 20)])


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for a writer that opens files itself (SQLite's
    backup API); on success it is fsynced and renamed over ``path``, else removed."""
    target = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise write_error(target, exc) from None
    temp = Path(temp_name)
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, _new_file_mode())
        os.replace(temp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise write_error(target, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        for extra in ("-journal", "-wal", "-shm", ".lock"):
            Path(f"{temp}{extra}").unlink(missing_ok=True)
