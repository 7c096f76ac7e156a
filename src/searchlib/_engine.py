"""SearchEngine: open a corpus and its index, keep the index fresh, answer searches.

Thread safety: one engine can serve many threads at once.  They share one
Whoosh searcher and one set of memory-mapped arrays a build (searchlib's
segments are read without file positions, so sharing is safe); a search
takes the current build when it starts, and the next search after a
rebuild takes the new one.  Builds and reloads are serialised by a lock.
Several processes can share one index folder: builds never modify the index
a reader has open (see ``_index``).
"""

from __future__ import annotations

import hashlib
import os
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from searchlib._budget import DEFAULT_MAX_EXPANSIONS, DEFAULT_TIMEOUT, Budget
from searchlib._builds import _Build
from searchlib._corpus import CorpusFile, read_article
from searchlib._errors import (
    CorpusError,
    IndexCorruptedError,
    QueryError,
    SearchIndexError,
    SearchlibError,
)
from searchlib._index import (
    DEFAULT_LOCK_TIMEOUT,
    IndexDocument,
    IndexStore,
    Manifest,
    current_analysis,
    fingerprint,
    rebuild_advice,
)
from searchlib._jsonl import documents_to_articles, is_jsonl, read_jsonl
from searchlib._models import Article, SearchResults
from searchlib._paths import bundled_corpus, default_index_dir
from searchlib._query import (
    MAX_QUERY_CHARS,
    ParsedQuery,
)
from searchlib._ranking import Ranking
from searchlib._schema import QUOTE_FIELDS, build_schema
from searchlib._scoring import FieldStatsBM25F
from searchlib._searching import QueryRunner, well_formed
from searchlib._settings import check, check_path, procs_to_use
from searchlib._snippets import DEFAULT_SNIPPET_CHARS
from searchlib._sources import (
    _Source,
    article_documents,
    refusal,
)
from searchlib._spelling import Vocabulary

__all__ = ["MAX_LIMIT", "IndexInfo", "SearchEngine", "article_documents"]

#: Largest page size ``search()`` accepts.
MAX_LIMIT = 1000


@attrs.frozen(kw_only=True)
class IndexInfo:
    """What an index holds and where it lives."""

    path: Path
    corpus: Path | None
    build: str
    fingerprint: str
    paragraphs: int
    quotes: int
    rebuilt: bool  # True when this engine built the index it serves (on opening or in build())

    @property
    def documents(self) -> int:
        return self.paragraphs + self.quotes


def _held_id(reader: Any, article_id: object) -> bool:
    """Does the index (``reader``) hold an article or record ``article_id``?

    An id that is not a string, or not Unicode text (a lone surrogate: no
    stored id can be one), is not held.
    """
    if not isinstance(article_id, str):
        return False
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return bool(reader.doc_frequency("article", article_id))


class _StalePlan(Exception):
    """The index changed under a per-article update plan: rebuild instead."""


class SearchEngine:
    """Russian full-text search over a corpus of articles or a JSONL collection.

    >>> with SearchEngine() as engine:                      # doctest: +SKIP
    ...     results = engine.search("интеграция тюркского мира")
    ...     for hit in results:
    ...         print(hit.paragraph, hit.speaker, hit.snippet.plain("*"))

    ``corpus`` is a folder of ``.txt`` articles, one ``.txt`` file, or a JSONL
    collection (``.jsonl`` or ``.jsonl.gz``: one ``{"id", "title", "text"}``
    record a line); by default the article bundled with searchlib.  ``index``
    is the folder of the on-disk index; by default ``index/`` in a searchlib
    checkout, else a per-user cache folder (see docs/indexes.md).  The index is
    built on first use and rebuilt when the corpus, the analyzer or the
    schema changed; with ``auto_build=False`` an existing index is used as it
    is and a missing one is an error.  An index that the corpus cannot
    rebuild is never replaced: one of records (:meth:`from_documents`,
    ``searchlib index add`` on a new folder) or edited with :meth:`add` /
    :meth:`remove` (unless built from a corpus and opened with it again),
    or, when ``corpus`` is not given, the index of another corpus.  That
    raises :class:`~searchlib.SearchIndexError`, naming what the index holds
    and the way out (:meth:`open` it, name its corpus, or ``rebuild=True``),
    and leaves the index as it was.  ``procs`` builds with that many
    processes (``None``: one per core); ``progress(done, total)`` is called as
    documents are indexed (``total`` may be None).  ``snippet_chars`` is the length budget
    of each snippet; ``ranking`` tunes the scoring (:class:`~searchlib.Ranking`;
    the defaults are the measured best).  A writer waits up to
    ``lock_timeout`` seconds for another writer (in any thread or process)
    to finish.  A damaged index raises :class:`~searchlib.IndexCorruptedError`
    (missing or truncated files when it is opened, damaged contents when
    they are first read: each file's checksum is checked once); with
    ``repair=True`` it is rebuilt from the corpus instead, whenever the damage
    is found (``rebuild=True`` rebuilds it whatever its state).  See also
    :meth:`open` and :meth:`from_documents`.

    One engine can be shared by any number of threads.  Close it (or use it
    as a context manager) to release its open files.
    """

    def __init__(
        self,
        corpus: str | os.PathLike[str] | None = None,
        index: str | os.PathLike[str] | None = None,
        *,
        auto_build: bool = True,
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
        ranking: Ranking | None = None,
        procs: int | None = 1,
        progress: Callable[[int, int | None], object] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        repair: bool = False,
        rebuild: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_expansions: int = DEFAULT_MAX_EXPANSIONS,
    ) -> None:
        corpus_path = check_path(corpus, "corpus") if corpus is not None else None
        source = (
            _Source(corpus_path)
            if corpus_path is not None
            else _Source(bundled_corpus(), chosen=False)
        )
        index_path = (
            check_path(index, "index") if index is not None else default_index_dir(corpus_path)
        )
        self._setup(source, index_path, snippet_chars, ranking, lock_timeout)
        self._limits(timeout, max_expansions)
        self._procs = procs_to_use(procs)
        check(repair=repair, rebuild=rebuild, auto_build=auto_build, progress=progress)
        self._progress = progress
        self._repair = repair
        if rebuild:
            self._load(self._sync(force=True))
            return
        try:
            self._load(self._sync() if auto_build else self._existing())
        except IndexCorruptedError:
            if not repair:
                raise
            # Opted in: rebuild a damaged index from the corpus.
            self._load(self._sync(force=True))

    def _existing(self) -> Manifest:
        manifest = self._store.read_manifest()
        if manifest is None:
            raise SearchIndexError(
                f"no index in {self._index_path}; build it with `searchlib index build"
                f" --index {self._index_path}` or open with auto_build=True",
                path=self._index_path,
            )
        return manifest

    def _setup(
        self,
        source: _Source | None,
        index_path: Path,
        snippet_chars: int,
        ranking: Ranking | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        check(ranking=ranking, snippet_chars=snippet_chars, lock_timeout=lock_timeout)
        self._ranking = ranking or Ranking()
        self._source = source
        self._index_path = index_path
        self._store = IndexStore(index_path, lock_timeout=float(lock_timeout))
        self._schema = build_schema()
        self._snippet_chars = snippet_chars
        self._lock = threading.RLock()
        self._builds: weakref.WeakSet[_Build] = weakref.WeakSet()
        self._closed = False
        # The open Whoosh index and its manifest, replaced together (one
        # assignment) so that _searcher can read them without the lock.
        self._state: _Build
        self._token: tuple[int, int, int] | None = None
        self._last_build_rebuilt = False
        self._repair = False  # rebuild from the source when damage is found (see _current)
        self._articles: tuple[Article, ...] | None = None
        self._queries = QueryRunner(self._schema, self._ranking, snippet_chars)
        self._timeout: float | None = DEFAULT_TIMEOUT
        self._max_expansions = DEFAULT_MAX_EXPANSIONS

    def _limits(self, timeout: float | None, max_expansions: int) -> None:
        """Check and keep the bounds on each search's work (see :mod:`searchlib._budget`)."""
        check(timeout=timeout, max_expansions=max_expansions)
        self._timeout = None if timeout is None else float(timeout)
        self._max_expansions = max_expansions

    @classmethod
    def open(
        cls,
        index: str | os.PathLike[str],
        *,
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
        ranking: Ranking | None = None,
        progress: Callable[[int, int | None], object] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_expansions: int = DEFAULT_MAX_EXPANSIONS,
    ) -> SearchEngine:
        """Open an existing index as it is, without looking at its corpus.

        For applications that only search: opening is as quick as it gets,
        and the corpus need not be on this machine.  :meth:`build` is not
        available on such an engine; :meth:`add`, :meth:`remove` and
        :meth:`optimize` are (``progress`` reports :meth:`add`).
        """
        engine = cls.__new__(cls)
        engine._setup(None, check_path(index, "index"), snippet_chars, ranking, lock_timeout)
        engine._limits(timeout, max_expansions)
        engine._procs, engine._progress = 1, progress
        manifest = engine._store.read_manifest()
        if manifest is None:
            raise SearchIndexError(
                f"no index in {engine._index_path}; build one first (searchlib index build)",
                path=engine._index_path,
            )
        engine._load(manifest)
        return engine

    @classmethod
    def from_documents(
        cls,
        documents: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
        index: str | os.PathLike[str],
        *,
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
        ranking: Ranking | None = None,
        progress: Callable[[int, int | None], object] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_expansions: int = DEFAULT_MAX_EXPANSIONS,
    ) -> SearchEngine:
        """Index records (``{"id", "text", "title"?}``) as a collection and open the result.

        ``documents`` is an iterable of records, or the path of an article
        (``.txt``) or a JSONL file whose documents start the collection (what
        ``searchlib index add FILE`` does on a new folder).  Each record
        becomes one paragraph-kind document, as with a JSONL collection; the
        index is then managed with :meth:`add` and :meth:`remove`, never
        rebuilt from a source.  Bad records raise
        :class:`~searchlib.CorpusError` and leave any existing index in
        ``index`` as it was.

        >>> docs = [{"id": "d1", "text": "Средний коридор объединяет регион"}]
        >>> engine = SearchEngine.from_documents(docs, tmp / "ix")  # doctest: +SKIP
        """
        if isinstance(documents, str | os.PathLike):
            engine = cls._new_collection(
                documents,
                index,
                progress=progress,
                lock_timeout=lock_timeout,
                snippet_chars=snippet_chars,
                ranking=ranking,
            )
            engine._limits(timeout, max_expansions)
            return engine
        engine = cls.__new__(cls)
        engine._setup(None, check_path(index, "index"), snippet_chars, ranking, lock_timeout)
        engine._limits(timeout, max_expansions)
        engine._procs, engine._progress = 1, progress
        articles = tuple(documents_to_articles(documents))
        digest = hashlib.sha256()
        for article in articles:
            for part in (article.id, article.title or "", article.text):
                digest.update(part.encode("utf-8") + b"\0")
        with engine._lock:
            manifest = engine._store.build(
                (d for a in articles for d in article_documents(a, titled=True)),
                source={"kind": "documents", "records": len(articles)},
                fingerprint=fingerprint({"documents": digest.hexdigest()}),
            )
            engine._articles = articles
            engine._last_build_rebuilt = True
            engine._load(manifest)
        return engine

    @classmethod
    def _new_collection(
        cls,
        path: str | os.PathLike[str],
        index: str | os.PathLike[str],
        *,
        progress: Callable[[int, int | None], object] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
        ranking: Ranking | None = None,
    ) -> SearchEngine:
        """A new index holding an article file's or a JSONL file's documents, as a collection.

        ``searchlib index add FILE`` on a folder without an index: the index
        is then managed with add/remove (like one made by
        :meth:`from_documents`), not kept in step with the file, so opening
        it later with a corpus never replaces it silently.
        """
        file = check_path(path, "the file to add")
        if not is_jsonl(file) and file.suffix != ".txt":
            raise CorpusError(
                f"cannot add {file}: give an article (.txt) or a JSONL collection", path=file
            )
        engine = cls.__new__(cls)
        engine._setup(
            _Source(file, collection=True),
            check_path(index, "index"),
            snippet_chars,
            ranking,
            lock_timeout,
        )
        engine._procs, engine._progress = 1, progress
        with engine._lock:
            engine._load(engine._sync())
        return engine

    # -- properties ---------------------------------------------------------------

    @property
    def corpus_path(self) -> Path | None:
        """The corpus folder or collection file (None for :meth:`open` / :meth:`from_documents`)."""
        return self._source.path if self._source is not None else None

    @property
    def index_path(self) -> Path:
        return self._index_path

    @property
    def ranking(self) -> Ranking:
        return self._ranking

    @property
    def articles(self) -> tuple[Article, ...]:
        """The corpus's articles, parsed (paragraphs, quotes, speakers).

        A JSONL record is an article of one paragraph.
        """
        with self._lock:
            if self._articles is None:
                if self._source is None:
                    raise SearchlibError(
                        "this engine was opened from an index alone: its articles are not at hand"
                    )
                self._articles = tuple(self._source.articles())
            return self._articles

    def info(self) -> IndexInfo:
        """What the current index holds."""
        with self._lock:
            manifest = self._state.manifest
            return IndexInfo(
                path=self._index_path,
                corpus=self.corpus_path,
                build=manifest.build,
                fingerprint=manifest.fingerprint,
                paragraphs=manifest.counts.get("paragraph", 0),
                quotes=manifest.counts.get("quote", 0),
                rebuilt=self._last_build_rebuilt,
            )

    # -- index lifecycle ----------------------------------------------------------

    def _sync(self, *, force: bool = False) -> Manifest:
        """Bring the index in line with the source: keep it, update it, or rebuild it.

        Unchanged files (same size and time, else same content) keep the
        index.  Changed, added or removed articles of a corpus folder are
        re-indexed on their own, in place; anything else (a JSONL file, a new
        analyzer or layout, more than half the articles) rebuilds.  An index
        the source would replace without being its source (see
        :func:`~searchlib._sources.refusal`) raises :class:`IndexConflictError` and is left alone;
        ``force`` rebuilds whatever the index holds.
        """
        assert self._source is not None
        source = self._source
        manifest = None if force else self._store.read_manifest()
        files = source.files()
        if manifest is None:
            return self._build(files)
        refused = refusal(self._source, manifest, files, self._index_path)
        recorded = manifest.source.get("files") or {}
        if refused is not None and not recorded:
            raise refused  # nothing to compare: it cannot hold what the source would build
        same_kind = manifest.source.get("kind") == source.record_kind
        hashes = {}
        for f in files:
            rec = recorded.get(f.relative) if same_kind else None
            same = rec is not None and (rec.get("size"), rec.get("mtime_ns")) == (
                f.size,
                f.mtime_ns,
            )
            hashes[f.relative] = str(rec["sha256"]) if same and rec else f.sha256()
        if fingerprint(hashes) == manifest.fingerprint:
            # The index holds exactly what a build would make: keep it.
            stats_changed = any(
                (recorded.get(f.relative) or {}).get("mtime_ns") != f.mtime_ns for f in files
            )
            if same_kind and (set(recorded) != set(hashes) or stats_changed):
                return self._store.update_source(manifest, source.describe(files, hashes))
            return manifest
        if refused is not None:
            same_content = {
                name: str((rec or {}).get("sha256")) for name, rec in recorded.items()
            } == hashes
            # Only the analyzer or layout changed since the build: rebuilding loses nothing.
            if not (same_content and same_kind):
                raise refused
        if same_kind and source.kind == "corpus" and manifest.analysis == current_analysis():
            updated = self._update_articles(manifest, files, hashes, recorded)
            if updated is not None:
                return updated
        return self._build(files)

    def _update_articles(
        self,
        manifest: Manifest,
        files: Sequence[CorpusFile],
        hashes: dict[str, str],
        recorded: Mapping[str, Any],
    ) -> Manifest | None:
        """Re-index only the articles whose files changed; None when a rebuild is better."""
        assert self._source is not None
        old = {name: str(rec.get("sha256")) for name, rec in recorded.items()}
        changed = {name for name in set(old) | set(hashes) if old.get(name) != hashes.get(name)}
        articles = {name.rsplit(".", 1)[0] for name in changed}
        total = sum(1 for name in hashes if name.endswith(".txt"))
        if len(articles) * 2 > max(total, 1):
            return None
        documents: list[IndexDocument] = []
        by_name = {f.relative: f for f in files}
        for article in sorted(articles):
            text_file = by_name.get(f"{article}.txt")
            if text_file is not None:
                documents.extend(article_documents(read_article(text_file.path, article)))
        described = (self._source.describe(files, hashes), fingerprint(hashes))
        planned_on = (manifest.build, manifest.generation)

        def describe(current: Manifest) -> tuple[dict[str, Any], str]:
            # Changed by another writer since the plan was made (and not into
            # what we want): the per-article plan may be wrong; rebuild instead.
            if (current.build, current.generation) != planned_on and (
                current.fingerprint != described[1]
            ):
                raise _StalePlan
            return described

        try:
            manifest = self._store.update(
                remove=articles,
                documents=documents,
                source=describe,
                progress=self._progress_of(len(documents)),
            )
        except _StalePlan:
            return None
        self._last_build_rebuilt = True
        self._articles = None
        return manifest

    def _build(self, files: Sequence[CorpusFile] | None = None) -> Manifest:
        assert self._source is not None
        files = self._source.files() if files is None else files
        hashes = {f.relative: f.sha256() for f in files}
        total = self._source.count() if self._progress is not None else None
        manifest = self._store.build(
            self._source.documents(),
            source=self._source.describe(files, hashes),
            fingerprint=fingerprint(hashes),
            procs=self._procs,
            progress=self._progress_of(total),
        )
        self._last_build_rebuilt = True
        self._articles = None
        return manifest

    def _progress_of(self, total: int | None) -> Callable[[int], object] | None:
        report = self._progress
        if report is None:
            return None
        return lambda done: report(done, total)

    def _load(self, manifest: Manifest) -> None:
        """Open ``manifest``'s build, or a newer one if the manifest has moved on since.

        The change token is taken before the manifest is read again, so a
        commit by another process after this point is seen by the next search.
        """
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
        self._state = _Build(ix, manifest, self._weighting(manifest), self._store)
        self._builds.add(self._state)
        self._token = token

    def build(self, *, force: bool = False) -> IndexInfo:
        """Bring the index up to date with the corpus (rebuild it all with ``force=True``).

        An index whose files fail their checksums is not up to date: it is
        rebuilt (opening an engine only rebuilds one with ``repair=True``).
        """
        self._check_open()
        if self._source is None:
            raise SearchlibError(
                "this engine has no corpus to build from (it was opened with open() or"
                " from_documents()); open it with SearchEngine(corpus, index) instead"
            )
        with self._lock:
            manifest = self._sync(force=force)
            if not force:
                try:
                    self._store.check_contents(manifest)
                except IndexCorruptedError:
                    manifest = self._sync(force=True)
            self._load(manifest)
            return self.info()

    # -- editing the index ---------------------------------------------------------

    def add(self, source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> IndexInfo:
        """Add articles or records to the index, replacing any with the same id.

        ``source`` is an article file (``.txt``: its id is the file name), a
        JSONL collection, or an iterable of ``{"id", "text", "title"?}``
        records.  Only those documents are indexed: no rebuild.  An index that
        mirrors a corpus (an engine opened with one) is brought back in line
        with it the next time it is opened with that corpus.  A damaged index
        raises :class:`IndexCorruptedError`; with ``repair=True`` (and a
        corpus) it is rebuilt first, and the documents added to that.
        """
        self._check_open()
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            if is_jsonl(path):
                articles, titled = list(read_jsonl(path)), True
            elif path.suffix == ".txt":
                articles, titled = [read_article(path)], False
            else:
                raise CorpusError(
                    f"cannot add {path}: give an article (.txt) or a JSONL collection", path=path
                )
        else:
            articles, titled = list(documents_to_articles(source)), True
        documents = [d for a in articles for d in article_documents(a, titled=titled)]
        return self._edit(
            f"add {len(articles)}", [a.id for a in articles], documents, optimize=False
        )

    def remove(self, *ids: str) -> IndexInfo:
        """Remove articles or records (and their quotes) by id.

        Raises :class:`~searchlib.QueryError` for an id the index does not hold
        (or that is not a string); nothing is removed then.
        """
        self._check_open()
        if not ids:
            raise QueryError("give the id of at least one article or record to remove")
        for i in ids:
            if not isinstance(i, str):
                raise QueryError(f"the ids to remove must be strings, not {type(i).__name__}")
        reader = self._searcher().reader()
        missing = [i for i in ids if not _held_id(reader, i)]
        if missing:
            raise QueryError(f"no article or record with id {missing[0]!r} in the index")
        return self._edit(f"remove {len(ids)}", list(ids), [], optimize=False)

    def optimize(self) -> IndexInfo:
        """Merge the index's segments into one and refresh its spelling tables.

        A damaged index raises :class:`IndexCorruptedError`; on an engine
        opened with ``repair=True`` it is rebuilt from its source instead (a
        rebuilt index is one segment: optimized).
        """
        self._check_open()
        try:
            return self._edit("optimize", [], [], optimize=True)
        except IndexCorruptedError as exc:
            self._repair_or_raise(self._state, exc)
            with self._lock:
                return self.info()

    def _edit(
        self, what: str, remove: list[str], documents: list[IndexDocument], *, optimize: bool
    ) -> IndexInfo:
        def describe(current: Manifest) -> tuple[dict[str, Any], str]:
            if optimize:
                return dict(current.source), current.fingerprint
            edited_from = current.source.get("edited_from") or current.source.get("kind")
            mark = hashlib.sha256(f"{current.fingerprint}\0{what}\0{remove}".encode())
            for doc in documents:
                mark.update(f"{doc.id}\0{doc.text}".encode())
            return {"kind": "edited", "edited_from": edited_from}, mark.hexdigest()

        def update() -> Manifest:
            # Writers take turns on the index lock; this engine's own lock is
            # held only to switch builds, so its readers never wait for a write.
            return self._store.update(
                remove=remove,
                documents=documents,
                source=describe,
                optimize=optimize,
                progress=self._progress_of(len(documents)),
            )

        try:
            updated = update()
        except IndexCorruptedError as exc:
            if optimize:
                raise  # (optimize() repairs on its own: a rebuilt index is optimized)
            # With repair=True and a source: rebuild it, then make the edit on the rebuilt index.
            self._repair_or_raise(self._state, exc)
            updated = update()
        with self._lock:
            self._articles = None
            self._load(updated)
            return self.info()

    def _check_open(self) -> None:
        if self._closed:
            raise SearchlibError("this SearchEngine is closed; open a new one")

    def _current(self, *, retry: bool = True, repair: bool = True) -> _Build:
        """The current build, opened (reopened when another writer has replaced it).

        A search takes it once and works on it alone: it sees the index before
        an update or after it, never a mixture.  A build's files are checked
        against their checksums before its first use.  A build that is
        damaged, or vanished, is followed to a newer one if another writer
        has replaced it meanwhile; else it raises :class:`IndexCorruptedError`,
        or, on an engine opened with ``repair=True``, the index is rebuilt
        from its source (once).
        """
        token = self._store.manifest_stat()
        state = self._state
        try:
            if token != self._token:
                self._follow(token)
            state = self._state
            state.check()
            try:
                state.searcher()
            except Exception as exc:  # the build vanished or broke under us
                raise IndexCorruptedError(
                    f"the index in {self._index_path} cannot be read"
                    f" ({type(exc).__name__}: {exc});"
                    f" {rebuild_advice(self._index_path, state.manifest.source)}",
                    path=self._index_path,
                ) from exc
        except IndexCorruptedError as exc:
            if retry and (self._store.manifest_stat() != token or self._state is not state):
                with self._lock:
                    self._token = None  # replaced meanwhile: read the manifest again
                return self._current(retry=False, repair=repair)
            if not repair:
                raise
            self._repair_or_raise(state, exc)
            return self._current(retry=False, repair=False)
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
                if manifest is not None and manifest.build != self._state.manifest.build:
                    self._load(manifest)
                self._token = token

    def _repair_or_raise(self, state: _Build, error: IndexCorruptedError) -> None:
        """Rebuild the index from its source in place of the damaged build ``state``, or raise.

        Only on an engine opened with ``repair=True`` and a source to build
        from; else ``error`` is raised.  When another thread has already moved
        the engine off ``state``, nothing more is done.
        """
        if not self._repair or self._source is None:
            raise error
        with self._lock:
            if self._state is state:
                self._load(self._sync(force=True))

    def _damaged(self, state: _Build, exc: BaseException) -> bool:
        """After ``exc`` was raised reading ``state``: was it damage, now repaired?

        The build's files are checked again (see :meth:`IndexStore.damage`).
        Damaged, :class:`IndexCorruptedError` is raised, or, with
        ``repair=True``, the index is rebuilt and True returned (search
        again); False when they are whole: ``exc`` is not about damage.
        """
        error = self._store.damage(state.manifest, exc)
        if error is None:
            return False
        error.__cause__ = exc
        self._repair_or_raise(state, error)
        return True

    def _searcher(self) -> Any:
        """The Whoosh searcher of the current build (shared by all threads)."""
        return self._current().searcher()

    def _weighting(self, manifest: Manifest) -> FieldStatsBM25F:
        """BM25F over the build's live document counts per field (see _scoring)."""
        counts = manifest.counts
        paragraphs, quotes = counts.get("paragraph", 0), counts.get("quote", 0)
        documents = dict.fromkeys(("title", *QUOTE_FIELDS), paragraphs)
        documents.update(dict.fromkeys(QUOTE_FIELDS.values(), quotes))
        return FieldStatsBM25F(B=self._ranking.b, K1=self._ranking.k1, field_documents=documents)

    def close(self) -> None:
        """Release open index files.  Searching a closed engine raises SearchlibError."""
        with self._lock:
            self._closed = True
            for build in list(self._builds):
                build.close()
            self._builds = weakref.WeakSet()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        corpus = str(self.corpus_path) if self.corpus_path is not None else None
        return f"<SearchEngine corpus={corpus!r} index={str(self._index_path)!r} {state}>"

    # -- searching ----------------------------------------------------------------

    def parse(self, query: str) -> ParsedQuery:
        """How ``query`` is understood (the Whoosh query behind ``search``)."""
        return self._queries.parse(query)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        page: int = 1,
        kind: str | None = None,
        speaker: str | None = None,
        article: str | None = None,
    ) -> SearchResults:
        """Search the corpus; returns one page of hits, best first.

        ``query`` is plain words (`роль молодёжи в интеграции`) or Whoosh
        query syntax (see docs/queries.md).  ``kind`` keeps only paragraphs or only
        quotes; ``speaker`` keeps quotes by that person (and the paragraphs
        holding them): `Лаврина`, `Анастасия Лаврина` and `Лавриной` all work;
        ``article`` keeps one article.  By default a quote and the paragraph
        that contains it come back as one hit.

        Raises :class:`~searchlib.QueryError` for a query or parameter that
        cannot be searched.  An empty query gives no hits.
        """
        self._check_open()
        for name, value, top in (("limit", limit, MAX_LIMIT), ("page", page, None)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise QueryError(f"{name} must be a positive integer, not {value!r}")
            if top is not None and value > top:
                raise QueryError(f"{name} must be at most {top}, not {value}")
        query, speaker, article = (well_formed(v) for v in (query, speaker, article))
        budget = Budget(self._timeout, self._max_expansions)
        state = self._current()
        try:
            return self._queries.search(
                state,
                query,
                limit=limit,
                page=page,
                kind=kind,
                speaker=speaker,
                article=article,
                budget=budget,
            )
        except SearchlibError:
            raise
        except Exception as exc:  # a Whoosh failure on a query it accepted, or damaged bytes
            if self._damaged(state, exc):  # (IndexCorruptedError) repaired: search the new build
                return self.search(
                    query, limit=limit, page=page, kind=kind, speaker=speaker, article=article
                )
            raise QueryError(f"cannot search {query!r}: {type(exc).__name__}: {exc}") from exc

    def _vocabulary(self) -> Vocabulary:
        """The vocabulary of the current build (see :meth:`_current`)."""
        vocabulary: Vocabulary = self._current().vocabulary()
        return vocabulary

    def complete(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Words of the index starting with ``prefix``, most frequent first, for search-as-you-type.

        Case and ``ё`` do not matter in ``prefix``; words come back as they are
        usually written (`моск` -> `Москва`, `молодеж` -> `молодёжь`).

        >>> engine.complete("интегр")                            # doctest: +SKIP
        ['интеграции', 'интеграция']
        """
        self._check_open()
        if not isinstance(prefix, str):
            raise QueryError(f"the prefix must be a string, not {type(prefix).__name__}")
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit must be an integer from 1 to {MAX_LIMIT}, not {limit!r}")
        if len(prefix) > MAX_QUERY_CHARS:
            raise QueryError(f"the prefix is too long ({len(prefix)} characters)")
        return self._vocabulary().complete(well_formed(prefix), limit=limit)

    def speakers(self) -> list[tuple[str, int]]:
        """Who is quoted in the index, most quoted first: (name, number of quotes).

        Read from the index, not by parsing the corpus (as :attr:`articles`
        would): quick, light, and it works on an engine opened from an index
        alone.  For a speaker filter in a user interface.

        >>> engine.speakers()                                    # doctest: +SKIP
        [('Анастасия Лаврина', 5)]
        """
        self._check_open()
        return self._current().arrays().speakers()
