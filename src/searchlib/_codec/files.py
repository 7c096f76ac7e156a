"""Array files: named flat arrays and a JSON header in one file, mapped read-only.

A segment of searchlib's storage format is two such files (see
:mod:`searchlib._codec`).  The layout is deliberately plain::

    b"SLARRAY1"                       8 bytes: what this is
    array bytes, each 64-byte aligned  little-endian, as the header says
    header                             UTF-8 JSON: {"kind", "version", "meta", "arrays"}
    trailer                            header offset, header length (uint64 LE), b"SLARRAY1"

Nothing is pickled: opening a file parses JSON and checks that every array
lies inside it, and the arrays are views of the file's memory map.  A map is
shared by every reader of the same file in the process (threads, and builds
that hard-link the file), so the index is in memory once, in the operating
system's page cache, however many threads search it.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import sys
import threading
import weakref
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO, NamedTuple

import numpy as np

__all__ = [
    "FORMAT_ERRORS",
    "ArrayFile",
    "ArrayFileError",
    "Written",
    "open_array_file",
    "write_array_file",
]

MAGIC = b"SLARRAY1"
VERSION = 1
_ALIGN = 64
_TRAILER = struct.Struct("<QQ8s")
#: The only array types a file may hold (no objects: nothing is unpickled).
_DTYPES = frozenset({"|u1", "<u2", "<u4", "<u8", "<i4", "<i8", "<f4", "<f8"})
_LITTLE = sys.byteorder == "little"


class ArrayFileError(ValueError):
    """An array file is damaged or is not one (the message says what is wrong)."""


#: What reading a damaged array file can raise (callers turn it into IndexCorruptedError).
FORMAT_ERRORS = (ArrayFileError, OSError, ValueError, KeyError, TypeError, IndexError)


class Written(NamedTuple):
    """What :func:`write_array_file` wrote: the file's size and the CRC-32 of its bytes."""

    size: int
    crc32: int


def write_array_file(
    out: BinaryIO,
    kind: str,
    meta: Mapping[str, Any],
    arrays: Mapping[str, np.ndarray | Sequence[np.ndarray]],
) -> Written:
    """Write ``arrays`` and ``meta`` (JSON-able) to the stream ``out``; returns its size and CRC.

    An array is one-dimensional; it may be given as a sequence of pieces of
    one type, written one after the other (no concatenated copy is made).
    The CRC-32 of the bytes is computed as they are written (the index's
    signature records it: see ``searchlib._index``).
    """
    crc = 0

    def write(data: bytes | memoryview) -> None:
        nonlocal crc
        crc = zlib.crc32(data, crc)
        out.write(data)

    write(MAGIC)
    position = len(MAGIC)
    described: dict[str, list[Any]] = {}
    for name, value in arrays.items():
        pieces = [value] if isinstance(value, np.ndarray) else list(value)
        if not pieces:
            raise ValueError(f"array {name!r} has no pieces (give an empty array)")
        dtypes = {np.asarray(p).dtype.newbyteorder("<").str for p in pieces}
        if len(dtypes) != 1:
            raise ValueError(f"the pieces of array {name!r} differ in type: {sorted(dtypes)}")
        dtype = dtypes.pop()
        if dtype not in _DTYPES:
            raise ValueError(f"array {name!r} has an unsupported type {dtype}")
        padding = -position % _ALIGN
        write(b"\0" * padding)
        position += padding
        count = 0
        for piece in pieces:
            piece = np.asarray(piece)
            if piece.ndim != 1:
                raise ValueError(f"array {name!r} must be one-dimensional, not {piece.shape}")
            piece = np.ascontiguousarray(piece, dtype=piece.dtype.newbyteorder("<"))
            if piece.size:
                write(piece.data.cast("B"))
            count += int(piece.size)
            position += piece.nbytes
        described[name] = [dtype, position - count * np.dtype(dtype).itemsize, count]
    header = json.dumps(
        {"kind": kind, "version": VERSION, "meta": dict(meta), "arrays": described},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    write(header)
    write(_TRAILER.pack(position, len(header), MAGIC))
    return Written(position + len(header) + _TRAILER.size, crc)


class ArrayFile:
    """A file written by :func:`write_array_file`, its arrays read-only views of its bytes."""

    def __init__(self, buffer: mmap.mmap | bytes, name: str, expected_kind: str) -> None:
        self.name = name
        self.buffer = buffer
        #: What a reader made of this file (a parsed table), kept with the file and shared.
        self.parsed: Any = None
        size = len(buffer)
        if size < len(MAGIC) + _TRAILER.size or buffer[: len(MAGIC)] != MAGIC:
            raise ArrayFileError(f"{name} is not a searchlib array file")
        offset, length, magic = _TRAILER.unpack(buffer[size - _TRAILER.size :])
        if magic != MAGIC or offset + length + _TRAILER.size != size:
            raise ArrayFileError(f"{name} is truncated or damaged (its trailer does not fit)")
        try:
            header = json.loads(bytes(buffer[offset : offset + length]).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArrayFileError(f"{name} has a damaged header ({exc})") from exc
        if not isinstance(header, dict) or header.get("kind") != expected_kind:
            raise ArrayFileError(f"{name} is not a {expected_kind} file")
        if header.get("version") != VERSION:
            raise ArrayFileError(
                f"{name} is of array-file version {header.get('version')!r}, this searchlib"
                f" reads version {VERSION}"
            )
        meta, arrays = header.get("meta"), header.get("arrays")
        if not isinstance(meta, dict) or not isinstance(arrays, dict):
            raise ArrayFileError(f"{name} has a damaged header")
        self.meta: dict[str, Any] = meta
        self._arrays: dict[str, tuple[np.dtype[Any], int, int]] = {}
        for key, value in arrays.items():
            if (
                not isinstance(value, list)
                or len(value) != 3
                or value[0] not in _DTYPES
                or not all(isinstance(v, int) and v >= 0 for v in value[1:])
            ):
                raise ArrayFileError(f"{name}: array {key!r} is described wrongly")
            dtype = np.dtype(value[0])
            start, count = value[1], value[2]
            if start + count * dtype.itemsize > offset:
                raise ArrayFileError(f"{name}: array {key!r} lies outside the file")
            self._arrays[key] = (dtype, start, count)

    def __contains__(self, name: str) -> bool:
        return name in self._arrays

    def array(self, name: str) -> np.ndarray:
        """The named array (read-only, shares the file's memory)."""
        try:
            dtype, start, count = self._arrays[name]
        except KeyError:
            raise ArrayFileError(f"{self.name} has no array {name!r}") from None
        return np.frombuffer(self.buffer, dtype=dtype, count=count, offset=start)

    def indexable(self, name: str) -> Any:
        """The named array as a sequence of Python ints, cheap to index one item at a time.

        (A numpy scalar costs several times a list item; a memoryview cast is as
        quick as a list and copies nothing.)
        """
        dtype, start, count = self._arrays[name]
        if _LITTLE and dtype.kind == "u" and dtype.itemsize in (1, 2, 4, 8):
            view = memoryview(self.buffer)[start : start + count * dtype.itemsize]
            if dtype.itemsize == 1:
                return view.cast("B")
            if dtype.itemsize == 2:
                return view.cast("H")
            return view.cast("I") if dtype.itemsize == 4 else view.cast("Q")
        return self.array(name).tolist()

    def offset(self, name: str) -> int:
        """Where the named array starts in :attr:`buffer`."""
        return self._arrays[name][1]


_lock = threading.Lock()
_open: weakref.WeakValueDictionary[tuple[int, int, int, int], ArrayFile] = (
    weakref.WeakValueDictionary()
)


def open_array_file(storage: Any, name: str, kind: str) -> ArrayFile:
    """Open file ``name`` of a Whoosh storage as an :class:`ArrayFile` of ``kind``.

    On a folder (``FileStorage``) the file is memory-mapped, and one map
    serves every reader of that file in the process (keyed by device, inode,
    size and modification time: a hard link of it is the same file); other
    storages are read into memory.
    """
    folder = getattr(storage, "folder", None)
    if folder is None or not getattr(storage, "supports_mmap", False):
        handle = storage.open_file(name)
        try:
            data = bytes(handle.read())
        finally:
            handle.close()
        return ArrayFile(data, name, kind)
    path = os.path.join(folder, name)
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        with _lock:
            found = _open.get(key)
        if found is not None:
            return found
        buffer: mmap.mmap | bytes = (
            mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if st.st_size else b""
        )
    opened = ArrayFile(buffer, path, kind)
    with _lock:
        return _open.setdefault(key, opened)
