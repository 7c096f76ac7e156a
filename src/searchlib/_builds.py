"""The open build of an index that searches read, and following it as writers replace it.

One :class:`_Build` serves every thread of an engine; its searcher, arrays
and vocabulary are made on first use, and its files are checked against
their checksums before its first use.  :class:`CurrentBuild` hands each
search the engine's current build: it reopens the index when another
writer (in any thread or process) has replaced it, and turns damage found
while reading into :class:`~searchlib.IndexCorruptedError` or a repair.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from searchlib._codec import index_segments
from searchlib._errors import IndexCorruptedError, SearchIndexError
from searchlib._fastsearch import ArrayIndex
from searchlib._index import IndexStore, Manifest, rebuild_advice
from searchlib._scoring import FieldStatsBM25F
from searchlib._spelling import Vocabulary

__all__ = ["CurrentBuild"]


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
        self._segments = index_segments(ix)
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

    def holds(self, article_id: object) -> bool:
        """Does the build hold an article or record ``article_id`` (not removed)?

        An id that is not a string, or not Unicode text (a lone surrogate: no
        stored id can be one), is not held.  (The term's document frequency
        counts documents removed but not yet merged away: an id removed once
        was removed again, with a new build, until ``optimize``.)
        """
        if not isinstance(article_id, str):
            return False
        try:
            article_id.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return next(iter(self.searcher().document_numbers(article=article_id)), None) is not None

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


class CurrentBuild:
    """The build an engine's searches read, shared by its threads, followed across writers.

    ``lock`` is the engine's: loading a build and rebuilding the index are
    serialised with its other writes.  ``weighting(manifest)`` makes a
    build's scoring; ``repair``, when set, rebuilds the index from its
    source and returns the new manifest (an engine opened with
    ``repair=True``).
    """

    def __init__(
        self,
        store: IndexStore,
        weighting: Callable[[Manifest], FieldStatsBM25F],
        lock: threading.RLock,
    ) -> None:
        self._store = store
        self._weighting = weighting
        self._lock = lock
        self._builds: weakref.WeakSet[_Build] = weakref.WeakSet()
        # The open build, replaced in one assignment so that searches can
        # read it without the lock; the manifest's change token it was read at.
        self.state: _Build
        self._token: tuple[int, int, int] | None = None
        self.repair: Callable[[], Manifest] | None = None

    @property
    def path(self) -> Path:
        return self._store.path

    def load(self, manifest: Manifest) -> None:
        """Open ``manifest``'s build, or a newer one if the manifest has moved on since.

        The change token is taken before the manifest is read again, so a
        commit by another process after this point is seen by the next search.
        """
        with self._lock:
            for attempt in range(5):
                token = self._store.manifest_stat()
                latest = self._store.read_manifest_quietly()
                if latest is not None and latest.build and latest != manifest:
                    manifest = latest
                try:
                    ix = self._store.open(manifest)
                    break
                except IndexCorruptedError:
                    # Another process may have replaced the build as we opened
                    # it: follow the manifest, but only while it keeps changing.
                    if attempt == 4 or self._store.manifest_stat() == token:
                        raise
            self.state = _Build(ix, manifest, self._weighting(manifest), self._store)
            self._builds.add(self.state)
            self._token = token

    def current(self, *, retry: bool = True, repair: bool = True) -> _Build:
        """The current build, opened (reopened when another writer has replaced it).

        A search takes it once and works on it alone: it sees the index before
        an update or after it, never a mixture.  A build's files are checked
        against their checksums before its first use.  A build that is
        damaged, or vanished, is followed to a newer one if another writer
        has replaced it meanwhile; else it raises :class:`IndexCorruptedError`,
        or, with :attr:`repair` set, the index is rebuilt from its source (once).
        """
        token = self._store.manifest_stat()
        state = self.state
        try:
            if token != self._token:
                self._follow(token)
            state = self.state
            state.check()
            try:
                state.searcher()
            except Exception as exc:  # the build vanished or broke under us
                raise IndexCorruptedError(
                    f"the index in {self.path} cannot be read"
                    f" ({type(exc).__name__}: {exc});"
                    f" {rebuild_advice(self.path, state.manifest.source)}",
                    path=self.path,
                ) from exc
        except IndexCorruptedError as exc:
            if retry and (self._store.manifest_stat() != token or self.state is not state):
                with self._lock:
                    self._token = None  # replaced meanwhile: read the manifest again
                return self.current(retry=False, repair=repair)
            if not repair:
                raise
            self.repair_or_raise(state, exc)
            return self.current(retry=False, repair=False)
        return state

    def _follow(self, token: tuple[int, int, int] | None) -> None:
        """Load the build the manifest names now, if another writer has changed it."""
        with self._lock:
            if token != self._token:
                try:
                    manifest = self._store.read_manifest()
                except SearchIndexError:
                    manifest = None  # unreadable now: keep answering from the open build
                    token = None  # and look again next time
                # Every change makes a new build folder: its name tells.
                if manifest is not None and manifest.build != self.state.manifest.build:
                    self.load(manifest)
                self._token = token

    def repair_or_raise(self, state: _Build, error: IndexCorruptedError) -> None:
        """Rebuild the index in place of the damaged build ``state``, or raise ``error``.

        Only with :attr:`repair` set; when another thread has already moved
        the engine off ``state``, nothing more is done.
        """
        if self.repair is None:
            raise error
        with self._lock:
            if self.state is state:
                self.load(self.repair())

    def damaged(self, state: _Build, exc: BaseException) -> bool:
        """After ``exc`` was raised reading ``state``: was it damage, now repaired?

        The build's files are checked again (see :meth:`IndexStore.damage`).
        Damaged, :class:`IndexCorruptedError` is raised, or, with
        :attr:`repair` set, the index is rebuilt and True returned (search
        again); False when they are whole: ``exc`` is not about damage.
        """
        error = self._store.damage(state.manifest, exc)
        if error is None:
            return False
        error.__cause__ = exc
        self.repair_or_raise(state, error)
        return True

    def close(self) -> None:
        """Close every build this engine opened (searches still running keep theirs)."""
        with self._lock:
            for build in list(self._builds):
                build.close()
            self._builds = weakref.WeakSet()
