"""An inter-process file lock, for the short critical sections of index writers.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows.  The operating
system releases the lock when its holder dies, so a crashed writer never
leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from searchlib._errors import SearchIndexError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


__all__ = ["FileLock"]


class FileLock:
    """``with FileLock(path, timeout=30): ...`` — waits up to ``timeout`` seconds.

    Taking turns fairly: a waiter first takes a second lock, ``path.queue``,
    and holds it while it waits for ``path``.  A holder that releases
    ``path`` and wants it again must get in the queue too, behind the waiter,
    so a process that writes in a loop cannot starve another one.
    """

    def __init__(self, path: Path, *, timeout: float = 60.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        deadline = time.monotonic() + self.timeout
        queue = self._acquire(self.path.with_name(self.path.name + ".queue"), deadline)
        try:
            self._fd = self._acquire(self.path, deadline)
        finally:
            _release(queue)
        return self

    def _acquire(self, path: Path, deadline: float) -> int:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SearchIndexError(
                f"cannot lock the index folder {path.parent} for writing:"
                f" {exc.strerror or exc}; a read-only index can be searched, not changed",
                path=path.parent,
            ) from exc
        delay = 0.002
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise SearchIndexError(
                    f"another process has held the index lock {self.path} for over"
                    f" {self.timeout:g} s; try again when it is done",
                    path=path.parent,
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        return fd

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            _release(fd)


def _release(fd: int) -> None:
    _unlock(fd)
    os.close(fd)
