"""SearchEngine: the public contract; it checks arguments and hands the work on.

Keeping the index in line with its source and every change to it is
:class:`~searchlib._freshness.IndexKeeper`'s; following the current build
across writers and repairing damage :class:`~searchlib._builds.CurrentBuild`'s;
running a search :class:`~searchlib._searching.QueryRunner`'s.

Thread safety: one engine can serve many threads at once.  They share one
Whoosh searcher and one set of memory-mapped arrays a build (searchlib's
segments are read without file positions, so sharing is safe); a search
takes the current build when it starts, and the next search after a
rebuild takes the new one.  Builds and reloads are serialised by a lock.
Several processes can share one index folder: builds never modify the index
a reader has open (see ``_index``).
"""

from __future__ import annotations

import numbers
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from searchlib._budget import DEFAULT_MAX_EXPANSIONS, DEFAULT_TIMEOUT, Budget
from searchlib._builds import CurrentBuild, _Build
from searchlib._errors import (
    IndexCorruptedError,
    QueryError,
    SearchIndexError,
    SearchlibError,
    SettingsError,
    shown_value,
)
from searchlib._freshness import IndexKeeper
from searchlib._index import (
    DEFAULT_LOCK_TIMEOUT,
    FORMAT,
    MANIFEST,
    IndexDocument,
    IndexStarted,
    IndexStore,
    Manifest,
    current_analysis,
    rebuild_advice,
)
from searchlib._jsonl import documents_to_articles, int_id
from searchlib._models import Article, IndexInfo, Quote, SearchResults
from searchlib._paths import bundled_corpus, default_index_dir
from searchlib._query import (
    MAX_QUERY_CHARS,
    ParsedQuery,
)
from searchlib._ranking import Ranking
from searchlib._schema import build_schema
from searchlib._scoring import FieldStatsBM25F, build_weighting
from searchlib._searching import QueryRunner, well_formed
from searchlib._settings import check, check_path, procs_to_use
from searchlib._snippets import DEFAULT_SNIPPET_CHARS
from searchlib._sources import (
    _Source,
    addable_file,
    documents_to_add,
    foreign,
    records_refusal,
)
from searchlib._spelling import Vocabulary

__all__ = ["SearchEngine"]


class SearchEngine:
    """Russian full-text search over a corpus of articles or a JSONL collection.

    >>> with SearchEngine() as engine:                      # doctest: +SKIP
    ...     results = engine.search("интеграция тюркского мира")
    ...     for hit in results:
    ...         print(hit.paragraph, hit.speaker, hit.snippet.plain("*"))

    ``corpus`` is a folder of ``.txt`` articles, one ``.txt`` file, or a JSONL
    collection (``.jsonl``, ``.ndjson``, either gzipped as ``.gz``: one ``{"id",
    "title", "text"}`` record a line); by default the article bundled with searchlib.  ``index``
    is the folder of the on-disk index; by default ``index/`` in a searchlib
    checkout, else a per-user cache folder (see docs/indexes.md).  The index is
    built on first use and rebuilt when the corpus, the analyzer or the
    schema changed; with ``auto_build=False`` an existing index is used as it
    is and a missing one is an error.  An index that the corpus cannot
    rebuild is never replaced: one of records (:meth:`from_documents`,
    ``searchlib index add`` on a new folder) or edited with :meth:`add` /
    :meth:`remove` (unless built from a corpus and opened with it again),
    or, when ``corpus`` is not given, the index of another corpus.  That
    raises :class:`~searchlib.IndexConflictError`, naming what the index holds
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

    #: Largest page size (``limit``) that :meth:`search` and :meth:`complete` accept.
    MAX_LIMIT: ClassVar[int] = 1000

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
        self._keeper.procs = procs_to_use(procs)
        check(repair=repair, rebuild=rebuild, auto_build=auto_build, progress=progress)
        self._keeper.progress = progress
        if index is not None and not source.chosen and not rebuild:
            self._refuse_orphans(index_path)
        if repair:
            self._builds.repair = self._rebuild
        if rebuild:
            self._builds.load(self._sync(force=True))
            return
        try:
            self._builds.load(self._sync() if auto_build else self._as_it_is())
        except IndexCorruptedError:
            if not repair or self._unknown_holding():
                raise
            # Opted in: rebuild a damaged index from the corpus.
            self._builds.load(self._sync(force=True))

    def _as_it_is(self) -> Manifest:
        """The index's manifest, for ``auto_build=False``: no build, but no other source's
        index either (see :func:`~searchlib._sources.foreign`)."""
        source = self._source
        assert source is not None
        manifest = self._existing(
            f"build it with `searchlib index build --index {self._index_path}{source.option}`"
            " or open with auto_build=True"
        )
        refused = foreign(source, manifest, self._index_path)
        if refused is not None:
            raise refused
        return manifest

    def _refuse_orphans(self, index_path: Path) -> None:
        """A folder named as the index, with builds but no manifest, and no corpus named: it
        may hold a collection with no source to be rebuilt from, which building the
        bundled article there would replace (and garbage collection then delete)."""
        orphans = self._keeper.store.settled_orphans()
        if orphans:
            raise IndexCorruptedError(
                f"the index in {index_path} has lost its manifest ({MANIFEST}) but holds"
                f" {len(orphans)} build folder(s) ({orphans[0]}…): what it holds is unknown,"
                " so nothing is built over it; move the folder aside if it holds a"
                " collection you need, rebuild a corpus's index by naming the corpus, or"
                f" replace it (`searchlib index build --force --index {index_path}`)",
                path=index_path,
            )

    def _unknown_holding(self) -> bool:
        """Is what the index folder holds unknown (its manifest there but unreadable) while
        no corpus was named?  Then a repair would build the bundled article over what may
        be a collection that has no source to be rebuilt from: it is not made."""
        store = self._keeper.store
        return (
            self._source is not None
            and not self._source.chosen
            and store.manifest_path.exists()
            and store.read_manifest_quietly() is None
        )

    def _existing(self, advice: str | None = None) -> Manifest:
        manifest = self._keeper.store.read_manifest()
        if manifest is None:
            self._refuse_orphans(self._index_path)  # (builds left without a manifest)
            raise SearchIndexError(
                f"no index in {self._index_path}; "
                + (
                    advice
                    or f"build it with `searchlib index build --index {self._index_path}`"
                    " or open with auto_build=True"
                ),
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
        store = IndexStore(index_path, lock_timeout=float(lock_timeout))
        self._keeper = IndexKeeper(store, source)
        self._lock = threading.RLock()  # (builds, reloads and edits, one at a time)
        self._builds = CurrentBuild(store, self._weighting, self._lock)
        self._closed = False
        self._last_build_rebuilt = False
        self._articles: tuple[Article, ...] | None = None
        schema = build_schema()
        self._queries = QueryRunner(schema, self._ranking, snippet_chars)
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
        engine._keeper.progress = progress
        manifest = engine._existing(
            f"build one there first: SearchEngine(corpus, {str(engine._index_path)!r}) or"
            f" SearchEngine.from_documents(records, {str(engine._index_path)!r})"
            f" (`searchlib index build --index {engine._index_path} --corpus DIR` or"
            " `--jsonl FILE`)"
        )
        if manifest.format == FORMAT and manifest.analysis != current_analysis():
            # (Another storage format is named as such when the build is read.)
            # Its terms are not what this version's queries ask for (a speaker filter would
            # silently find nothing): refused, with the way to rebuild it.
            raise SearchIndexError(
                f"the index in {engine._index_path} was written by another version of"
                " searchlib (its analysis or layout differs), which this one cannot search"
                f" correctly; {rebuild_advice(engine._index_path, manifest.source)}",
                path=engine._index_path,
            )
        engine._builds.load(manifest)
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
        rebuild: bool = False,
        add: bool = False,
    ) -> SearchEngine:
        """Index records (``{"id", "text", "title"?}``) as a collection and open the result.

        ``documents`` is an iterable of records, or the path of an article
        (``.txt``) or a JSONL file whose documents start the collection.  Each record
        becomes one paragraph-kind document, as with a JSONL collection; the
        index is then managed with :meth:`add` and :meth:`remove`, never
        rebuilt from a source.  Bad records raise
        :class:`~searchlib.CorpusError` and leave any existing index in
        ``index`` as it was.  Records replace a collection of records in
        ``index`` (calling this again); an index of a corpus or a JSONL
        file only with ``rebuild=True`` (else
        :class:`~searchlib.IndexConflictError`).  With ``add=True`` they are
        added to what ``index`` holds (as :meth:`add` adds them) and start a
        collection only where there is no index: what ``searchlib index add
        FILE`` does.  Starting one is checked again under the writer lock, so
        processes adding at once to a new folder each keep their documents.

        >>> docs = [{"id": "d1", "text": "Средний коридор объединяет регион"}]
        >>> engine = SearchEngine.from_documents(docs, tmp / "ix")  # doctest: +SKIP
        """
        check(rebuild=rebuild, add=add)
        if add and rebuild:
            raise SettingsError(
                "add=True keeps what the index holds and rebuild=True replaces it: give one"
            )
        options: dict[str, Any] = {
            "snippet_chars": snippet_chars,
            "ranking": ranking,
            "progress": progress,
            "lock_timeout": lock_timeout,
            "timeout": timeout,
            "max_expansions": max_expansions,
        }
        if not add:
            return cls._started(documents, index, options, rebuild=rebuild)
        if not isinstance(documents, str | os.PathLike):
            documents = list(documents)  # (read again if another writer starts the index first)
        store = IndexStore(check_path(index, "index"), lock_timeout=lock_timeout)
        if not store.manifest_path.exists() and not store.settled_orphans():
            try:
                return cls._started(documents, index, options, new=True)
            except IndexStarted:
                pass  # another writer started an index there meanwhile: add to it
        engine = cls.open(index, **options)  # (refuses a damaged, lost or unreadable index)
        try:
            engine.add(documents)
        except BaseException:
            engine.close()
            raise
        return engine

    @classmethod
    def _started(
        cls,
        documents: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
        index: str | os.PathLike[str],
        options: Mapping[str, Any],
        *,
        rebuild: bool = False,
        new: bool = False,
    ) -> SearchEngine:
        """A collection of ``documents`` in ``index`` (see :meth:`from_documents`); ``new``:
        only where no index is, else :class:`IndexStarted` (checked again before it is made
        current)."""
        if isinstance(documents, str | os.PathLike):
            engine = cls._new_collection(
                documents,
                index,
                progress=options["progress"],
                lock_timeout=options["lock_timeout"],
                snippet_chars=options["snippet_chars"],
                ranking=options["ranking"],
                rebuild=rebuild,
                new=new,
            )
            engine._limits(options["timeout"], options["max_expansions"])
            return engine
        engine = cls.__new__(cls)
        engine._setup(
            None,
            check_path(index, "index"),
            options["snippet_chars"],
            options["ranking"],
            options["lock_timeout"],
        )
        engine._limits(options["timeout"], options["max_expansions"])
        engine._keeper.progress = options["progress"]
        articles = tuple(documents_to_articles(documents))
        with engine._lock:
            if not rebuild and not new:
                held = engine._keeper.store.read_manifest_quietly()
                refused = records_refusal(held, engine._index_path)
                if refused is not None:
                    raise refused
            manifest = engine._keeper.build_records(articles, new=new)
            engine._articles = articles
            engine._last_build_rebuilt = True
            engine._builds.load(manifest)
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
        rebuild: bool = False,
        new: bool = False,
    ) -> SearchEngine:
        """A new index holding an article file's or a JSONL file's documents, as a collection.

        ``searchlib index add FILE`` on a folder without an index: the index
        is then managed with add/remove (like one made by
        :meth:`from_documents`), not kept in step with the file, so opening
        it later with a corpus never replaces it silently.  ``new``: only where no
        index is (see :meth:`_started`).
        """
        file = addable_file(check_path(path, "the file to add"))
        engine = cls.__new__(cls)
        engine._setup(
            _Source(file, collection=True),
            check_path(index, "index"),
            snippet_chars,
            ranking,
            lock_timeout,
        )
        engine._keeper.progress = progress
        with engine._lock:
            if new:  # (only where no index is: see from_documents)
                engine._builds.load(engine._keeper.build(new=True))
                engine._last_build_rebuilt = True
            else:
                engine._builds.load(engine._sync(force=rebuild))
        return engine

    # -- properties ---------------------------------------------------------------

    @property
    def corpus_path(self) -> Path | None:
        """The corpus folder or collection file the index mirrors (None for :meth:`open` /
        :meth:`from_documents`, a file's records included: such an index is a collection,
        not kept in step with the file)."""
        source = self._source
        return source.path if source is not None and not source.collection else None

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
                        "this engine has no corpus to read articles from (opened from an index"
                        " alone, or a collection edited since): its quotes are in the index,"
                        " engine.quotes() lists them"
                    )
                self._articles = tuple(self._source.articles())
            return self._articles

    def info(self) -> IndexInfo:
        """What the current index holds."""
        with self._lock:
            manifest = self._builds.state.manifest
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
        """Bring the index in line with the source (see :meth:`IndexKeeper.sync`)."""
        manifest, changed = self._keeper.sync(force=force)
        if changed:
            self._last_build_rebuilt = True
            self._articles = None
        return manifest

    def _rebuild(self) -> Manifest:
        """Rebuild a damaged index from its source (an engine opened with ``repair=True``)."""
        return self._sync(force=True)

    def build(self, *, force: bool = False) -> IndexInfo:
        """Bring the index up to date with the corpus (rebuild it all with ``force=True``).

        An index whose files fail their checksums is not up to date: it is
        rebuilt (opening an engine only rebuilds one with ``repair=True``).
        """
        self._check_open()
        check(force=force)
        if self._source is None:
            raise SearchlibError(
                "this engine has no corpus to build from (it was opened with open() or"
                " from_documents()); open it with SearchEngine(corpus, index) instead"
            )
        with self._lock:
            manifest = self._sync(force=force)
            if not force:
                try:
                    self._keeper.store.check_contents(manifest)
                except IndexCorruptedError:
                    manifest = self._sync(force=True)
            self._builds.load(manifest)
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
        ids, documents = documents_to_add(source)
        return self._edit(f"add {len(ids)}", ids, documents, optimize=False)

    def remove(self, *ids: str | int) -> IndexInfo:
        """Remove articles or records (and their quotes) by id.

        An integer id stands for its digits, as a record's integer id was
        indexed (``remove(5)`` is ``remove("5")``).  Raises
        :class:`~searchlib.QueryError` for an id the index does not hold (or
        that is neither a string nor an integer); nothing is removed then.
        """
        self._check_open()
        if not ids:
            raise QueryError("give the id of at least one article or record to remove")
        wanted = [_id_text(i) for i in ids]
        state = self._current()
        missing = [i for i in wanted if not state.holds(i)]
        if missing:
            raise QueryError(f"no article or record with id {missing[0]!r:.200} in the index")
        return self._edit(f"remove {len(wanted)}", wanted, [], optimize=False)

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
            self._builds.repair_or_raise(self._builds.state, exc)
            with self._lock:
                return self.info()

    def _edit(
        self, what: str, remove: list[str], documents: list[IndexDocument], *, optimize: bool
    ) -> IndexInfo:
        # Writers take turns on the index lock; this engine's own lock is held
        # only to switch builds, so its readers never wait for a write.
        try:
            updated = self._keeper.edit(what, remove, documents, optimize=optimize)
        except IndexCorruptedError as exc:
            if optimize:
                raise  # (optimize() repairs on its own: a rebuilt index is optimized)
            # With repair=True and a source: rebuild it, then make the edit on the rebuilt index.
            self._builds.repair_or_raise(self._builds.state, exc)
            updated = self._keeper.edit(what, remove, documents, optimize=optimize)
        with self._lock:
            self._articles = None
            self._builds.load(updated)
            return self.info()

    def _check_open(self) -> None:
        if self._closed:
            raise SearchlibError("this SearchEngine is closed; open a new one")

    def _current(self) -> _Build:
        """The current build, reopened if another writer replaced it (see :class:`CurrentBuild`)."""
        return self._builds.current()

    def _searcher(self) -> Any:
        """The Whoosh searcher of the current build (shared by all threads)."""
        return self._current().searcher()

    def _weighting(self, manifest: Manifest) -> FieldStatsBM25F:
        ranking = self._ranking
        return build_weighting(
            manifest.counts, b=ranking.b, k1=ranking.k1, log_lengths=ranking.log_lengths
        )

    def close(self) -> None:
        """Release open index files.  Searching a closed engine raises SearchlibError."""
        with self._lock:
            self._closed = True
            self._builds.close()

    def __enter__(self) -> SearchEngine:
        self._check_open()  # (`with engine:` after close() would fail only at the first call)
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
        article: str | int | None = None,
    ) -> SearchResults:
        """Search the corpus; returns one page of hits, best first.

        ``query`` is plain words (`роль молодёжи в интеграции`) or Whoosh
        query syntax (see docs/queries.md).  ``kind`` keeps only paragraphs or only
        quotes; ``speaker`` keeps quotes by that person (and the paragraphs
        holding them): `Лаврина`, `Анастасия Лаврина` and `Лавриной` all work;
        ``article`` keeps one article (a record's integer id as its digits: `5`).
        By default a quote and the paragraph that contains it come back as one hit.

        Raises :class:`~searchlib.QueryError` for a query or parameter that
        cannot be searched.  An empty query gives no hits.
        """
        self._check_open()
        for name, value, top in (("limit", limit, self.MAX_LIMIT), ("page", page, None)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise QueryError(f"{name} must be a positive integer, not {shown_value(value)}")
            if top is not None and value > top:
                raise QueryError(f"{name} must be at most {top}, not {shown_value(value)}")
        query, speaker, article = (well_formed(v) for v in (query, speaker, _as_id(article)))
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
            self._check_open()  # (closed by another thread meanwhile: its readers with it)
            if self._builds.damaged(state, exc):  # (IndexCorruptedError) repaired: search again
                return self.search(
                    query, limit=limit, page=page, kind=kind, speaker=speaker, article=article
                )
            raise QueryError(f"cannot search {query!r:.200}: {type(exc).__name__}: {exc}") from exc

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
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 1 <= limit <= self.MAX_LIMIT
        ):
            raise QueryError(
                f"limit must be an integer from 1 to {self.MAX_LIMIT}, not {shown_value(limit)}"
            )
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

    def quotes(
        self, *, speaker: str | None = None, article: str | int | None = None
    ) -> list[Quote]:
        """The quotes in the index, with their speakers, by article id (its numbers by
        value: `2` before `10`), paragraph and quote.

        Read from the index, as :meth:`speakers` is: quick, and it works on an
        engine opened from an index alone or a collection made with
        :meth:`add` (:attr:`articles` parses the corpus again).  ``speaker``
        and ``article`` filter as :meth:`search`'s do: `Лаврова` finds
        Сергей Лавров's quotes.  An ``article`` the index does not hold is a
        :class:`~searchlib.QueryError` (a mistyped id would look like no quotes).

        >>> [q.speaker for q in engine.quotes(speaker="Лавриной")][:1]  # doctest: +SKIP
        ['Анастасия Лаврина']
        """
        self._check_open()
        speaker, article = well_formed(speaker), well_formed(_as_id(article))
        state = self._current()
        try:
            return self._queries.quotes(state, speaker, article)
        except SearchlibError:
            raise
        except Exception as exc:  # damaged bytes, or fields the build did not store
            self._check_open()  # (closed by another thread meanwhile)
            if self._builds.damaged(state, exc):  # (IndexCorruptedError) repaired: read again
                return self.quotes(speaker=speaker, article=article)
            # (Whole files, fields missing: a build older than the quotes' stored places.)
            advice = rebuild_advice(self._index_path, state.manifest.source)
            raise SearchIndexError(
                f"cannot list the quotes of the index in {self._index_path} ({exc}): it was"
                f" built by an older searchlib; {advice}",
                path=self._index_path,
            ) from exc


def _as_id(value: Any) -> Any:
    """An article filter's value: a record's integer id as the text it was indexed under
    (as :meth:`SearchEngine.remove` takes it), anything else as it is (checked later)."""
    if not isinstance(value, bool) and isinstance(value, numbers.Integral):
        return _id_text(value)
    return value


def _id_text(rid: object) -> str:
    """An id given to :meth:`SearchEngine.remove` as the text it was indexed under."""
    if isinstance(rid, str):
        return rid
    if not isinstance(rid, bool) and isinstance(rid, numbers.Integral):
        text = int_id(int(rid))
        if text is None:  # (no record had so many digits)
            raise QueryError("no article or record has an id that long; pass ids as text")
        return text
    hint = " (pass them one by one: remove(*ids))" if isinstance(rid, list | tuple | set) else ""
    raise QueryError(
        f"the ids to remove must be strings or integers, not {type(rid).__name__}{hint}"
    )
