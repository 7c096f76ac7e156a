"""Writing files so that a reader sees the old content or the new, never a part of either.

Write under a temporary name beside the target, then ``os.replace`` it into
place (an atomic rename).  Replacing, not rewriting, also matters because a
build's files may be hard links shared with the previous build.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

__all__ = ["fsync_dir", "fsync_file", "replace_file", "replace_text"]


def replace_file(path: Path, write: Callable[[Path], object], *, durable: bool = False) -> None:
    """Write ``path`` through ``write(temporary path)`` and rename it into place.

    ``durable`` flushes the new file to disk before the rename and the folder
    after it, for files whose loss would break the index (the manifest).
    Temporary names are ``.<name>.<random>.tmp``.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write(tmp)
        if durable:
            fsync_file(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    if durable:
        fsync_dir(path.parent)


def replace_text(path: Path, text: str, *, durable: bool = False) -> None:
    """:func:`replace_file` for UTF-8 text."""
    replace_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), durable=durable)


def fsync_file(path: Path) -> None:
    """Flush a file's data to disk (where the file system supports it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # not supported here (some file systems): the rename order still holds
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (renames) to disk; POSIX only, best effort."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
