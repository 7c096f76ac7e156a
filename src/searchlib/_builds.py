"""An open build of an index: its Whoosh index and manifest, and what searches read from it.

One :class:`_Build` serves every thread of an engine; its searcher, arrays
and vocabulary are made on first use, and its files are checked against
their checksums before its first use.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from searchlib._fastsearch import ArrayIndex
from searchlib._index import IndexStore, Manifest
from searchlib._scoring import FieldStatsBM25F
from searchlib._spelling import Vocabulary

__all__: list[str] = []


class _Build:
    """An open build: its Whoosh index, its manifest, and its arrays for ranking.

    One serves every thread of an engine: the arrays are read-only views of
    the build's mapped files, made on first use.  Its files' contents are
    checked against their checksums before its first use (:meth:`check`).
    """

    def __init__(
        self, ix: Any, manifest: Manifest, weighting: FieldStatsBM25F, store: IndexStore
    ) -> None:
        self.ix = ix
        self.manifest = manifest
        self.weighting = weighting
        self._store = store
        self._segments = ix._read_toc().segments
        self._arrays: ArrayIndex | None = None
        self._vocabulary: Vocabulary | None = None
        self._searcher: Any = None
        self._lock = threading.RLock()
        self._checked = False

    def check(self) -> None:
        """Check the build's files against their checksums, the first time only.

        Raises :class:`IndexCorruptedError` (and checks again next time) when
        one is damaged.  A file already checked in this process is not read
        again (see :meth:`IndexStore.check_contents`).
        """
        if self._checked:
            return
        with self._lock:
            if not self._checked:
                self._store.check_contents(self.manifest)
                self._checked = True

    def searcher(self) -> Any:
        """The build's Whoosh searcher, shared by every thread.

        Whoosh's own segments keep a file position per reader, which is why a
        searcher is not meant to be shared; searchlib's are memory maps and
        arrays, read without state, so one searcher serves all threads.
        """
        with self._lock:
            if self._searcher is None:
                self._searcher = self.ix.searcher(weighting=self.weighting)
            return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                with contextlib.suppress(Exception):  # closing must not fail on a half-closed one
                    self._searcher.close()

    def arrays(self) -> ArrayIndex:
        with self._lock:
            if self._arrays is None:
                self._arrays = ArrayIndex(self.ix.storage, self._segments, self.weighting)
            return self._arrays

    def vocabulary(self) -> Vocabulary:
        """The build's vocabulary: its typo and completion tables, loaded on first use."""
        with self._lock:
            if self._vocabulary is None:
                manifest = self.manifest
                self._vocabulary = Vocabulary(
                    self.arrays(),
                    self._store.display_forms(manifest),
                    self._store.spelling(manifest),
                    generation=manifest.generation,
                )
            return self._vocabulary
