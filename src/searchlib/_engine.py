"""SearchEngine: open a corpus and its index, keep the index fresh, answer searches.

Thread safety: one engine can serve many threads at once.  Whoosh searchers
are not meant to be shared between threads, so each thread gets its own,
opened on first use and reopened when the index has been rebuilt; builds
and reloads are serialised by a lock.  Several processes can share one index
folder: builds never modify the index a reader has open (see ``_index``).
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from whoosh import query as wq
from whoosh import scoring, sorting

from searchlib._corpus import CorpusFile, corpus_files, load_corpus
from searchlib._errors import QueryError, SearchIndexError, SearchlibError
from searchlib._index import IndexDocument, IndexStore, Manifest, fingerprint
from searchlib._models import KINDS, Article, Hit, SearchResults
from searchlib._paths import bundled_corpus, default_index_dir
from searchlib._query import ParsedQuery, highlight_terms, parse_query
from searchlib._schema import build_schema
from searchlib._snippets import DEFAULT_SNIPPET_CHARS, make_snippet
from searchlib.analysis import terms as analyze

__all__ = ["MAX_LIMIT", "IndexInfo", "SearchEngine", "article_documents"]

#: Largest page size ``search()`` accepts.
MAX_LIMIT = 1000
#: BM25F parameters (see the README's relevance notes).
BM25_B = 0.75
BM25_K1 = 1.2
#: Fuzzy terms further than this many edits are refused (they get very slow).
MAX_EDITS = 2


@attrs.frozen(kw_only=True)
class IndexInfo:
    """What an index holds and where it lives."""

    path: Path
    corpus: Path
    build: str
    fingerprint: str
    paragraphs: int
    quotes: int
    rebuilt: bool  # True when this engine built the index it serves (on opening or in build())

    @property
    def documents(self) -> int:
        return self.paragraphs + self.quotes


def article_documents(article: Article) -> Iterator[IndexDocument]:
    """The index documents of an article: each paragraph, then each of its quotes."""
    for paragraph in article.paragraphs:
        yield IndexDocument(
            id=paragraph.id,
            kind="paragraph",
            article=article.id,
            paragraph=paragraph.number,
            text=paragraph.text,
            speaker=", ".join(paragraph.speakers) or None,
        )
        for quote in paragraph.quotes:
            yield IndexDocument(
                id=quote.id,
                kind="quote",
                article=article.id,
                paragraph=paragraph.number,
                quote=quote.number,
                text=quote.text,
                speaker=quote.speaker,
            )


def _source(corpus: Path, files: Sequence[CorpusFile], hashes: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": "corpus",
        "path": str(corpus.resolve()),
        "files": {
            f.relative: {"size": f.size, "mtime_ns": f.mtime_ns, "sha256": hashes[f.relative]}
            for f in files
        },
    }


class SearchEngine:
    """Russian full-text search over a corpus of articles.

    >>> with SearchEngine() as engine:                      # doctest: +SKIP
    ...     results = engine.search("интеграция тюркского мира")
    ...     for hit in results:
    ...         print(hit.paragraph, hit.speaker, hit.snippet.plain("*"))

    ``corpus`` is a folder of ``.txt`` articles (or one ``.txt`` file); by
    default the article bundled with searchlib.  ``index`` is the folder of
    the on-disk index; by default ``index/`` in a searchlib checkout, else a
    per-user cache folder (see the README).  The index is built on first use
    and rebuilt when the corpus, the analyzer or the schema changed; with
    ``auto_build=False`` an existing index is used as it is and a missing one
    is an error.  ``snippet_chars`` is the length budget of each snippet.

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
    ) -> None:
        if (
            not isinstance(snippet_chars, int)
            or isinstance(snippet_chars, bool)
            or snippet_chars < 20
        ):
            raise SearchlibError(
                f"snippet_chars must be an integer of at least 20, not {snippet_chars!r}"
            )
        self._corpus = Path(corpus) if corpus is not None else bundled_corpus()
        self._index_path = (
            Path(index)
            if index is not None
            else default_index_dir(Path(corpus) if corpus is not None else None)
        )
        self._store = IndexStore(self._index_path)
        self._schema = build_schema()
        self._snippet_chars = snippet_chars
        self._lock = threading.RLock()
        self._local = threading.local()
        self._searchers: weakref.WeakSet[Any] = weakref.WeakSet()
        self._closed = False
        self._ix: Any = None
        self._manifest: Manifest | None = None
        self._token: tuple[int, int, int] | None = None
        self._last_build_rebuilt = False
        self._articles: tuple[Article, ...] | None = None
        manifest = self._fresh_manifest()
        if manifest is None:
            if not auto_build:
                raise SearchIndexError(
                    f"no index in {self._index_path}; build it with `searchlib index build"
                    f" --index {self._index_path}` or open with auto_build=True",
                    path=self._index_path,
                )
            manifest = self._build()
        self._load(manifest)

    # -- properties ---------------------------------------------------------------

    @property
    def corpus_path(self) -> Path:
        return self._corpus

    @property
    def index_path(self) -> Path:
        return self._index_path

    @property
    def articles(self) -> tuple[Article, ...]:
        """The corpus's articles, parsed (paragraphs, quotes, speakers)."""
        with self._lock:
            if self._articles is None:
                self._articles = load_corpus(self._corpus)
            return self._articles

    def info(self) -> IndexInfo:
        """What the current index holds."""
        with self._lock:
            manifest = self._manifest
            assert manifest is not None
            return IndexInfo(
                path=self._index_path,
                corpus=self._corpus,
                build=manifest.build,
                fingerprint=manifest.fingerprint,
                paragraphs=manifest.counts.get("paragraph", 0),
                quotes=manifest.counts.get("quote", 0),
                rebuilt=self._last_build_rebuilt,
            )

    # -- index lifecycle ----------------------------------------------------------

    def _fresh_manifest(self) -> Manifest | None:
        """The manifest if the index exists and matches the corpus, else None."""
        manifest = self._store.read_manifest()
        files = corpus_files(self._corpus)
        if manifest is None:
            return None
        recorded = manifest.source.get("files") or {}
        if manifest.source.get("kind") == "corpus" and set(recorded) == {f.relative for f in files}:
            same_stats = all(
                recorded[f.relative].get("size") == f.size
                and recorded[f.relative].get("mtime_ns") == f.mtime_ns
                for f in files
            )
            hashes = {name: str(rec.get("sha256")) for name, rec in recorded.items()}
            if same_stats and fingerprint(hashes) == manifest.fingerprint:
                return manifest
        hashes = {f.relative: f.sha256() for f in files}
        if fingerprint(hashes) != manifest.fingerprint:
            return None
        return self._store.update_source(manifest, _source(self._corpus, files, hashes))

    def _build(self) -> Manifest:
        files = corpus_files(self._corpus)
        hashes = {f.relative: f.sha256() for f in files}
        articles = load_corpus(self._corpus)  # every corpus error surfaces before writing
        documents = [doc for article in articles for doc in article_documents(article)]
        manifest = self._store.build(
            documents, source=_source(self._corpus, files, hashes), fingerprint=fingerprint(hashes)
        )
        self._articles = articles
        self._last_build_rebuilt = True
        return manifest

    def _load(self, manifest: Manifest) -> None:
        ix = self._store.open(manifest)
        self._ix, self._manifest = ix, manifest
        self._token = self._store.manifest_stat()

    def build(self, *, force: bool = False) -> IndexInfo:
        """Bring the index up to date with the corpus (rebuild it all with ``force=True``)."""
        self._check_open()
        with self._lock:
            manifest = None if force else self._fresh_manifest()
            if manifest is None:
                self._articles = None
                manifest = self._build()
            self._load(manifest)
            return self.info()

    def _check_open(self) -> None:
        if self._closed:
            raise SearchlibError("this SearchEngine is closed; open a new one")

    def _searcher(self) -> Any:
        token = self._store.manifest_stat()
        if token != self._token:
            with self._lock:
                if token != self._token:
                    manifest = self._store.read_manifest()
                    if manifest is not None and (
                        self._manifest is None or manifest.build != self._manifest.build
                    ):
                        self._load(manifest)
                    self._token = token
        build = self._manifest.build if self._manifest else ""
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is None or local.build != build:
            if searcher is not None:
                searcher.close()
            searcher = self._ix.searcher(weighting=scoring.BM25F(B=BM25_B, K1=BM25_K1))
            local.searcher, local.build = searcher, build
            with self._lock:
                self._searchers.add(searcher)
        return searcher

    def close(self) -> None:
        """Release open index files.  Searching a closed engine raises SearchlibError."""
        with self._lock:
            self._closed = True
            for searcher in list(self._searchers):
                # Closing must not fail on a half-closed reader.
                with contextlib.suppress(Exception):
                    searcher.close()
            self._searchers = weakref.WeakSet()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return (
            f"<SearchEngine corpus={str(self._corpus)!r} index={str(self._index_path)!r} {state}>"
        )

    # -- searching ----------------------------------------------------------------

    def parse(self, query: str) -> ParsedQuery:
        """How ``query`` is understood (the Whoosh query behind ``search``)."""
        parsed = parse_query(query, self._schema)
        for leaf in parsed.query.leaves() if parsed.query is not None else ():
            if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_EDITS:
                raise QueryError(
                    f"{leaf.text}~{leaf.maxdist}: at most {MAX_EDITS} edits are allowed"
                )
        return parsed

    def _filter(self, kind: str | None, speaker: str | None, article: str | None) -> Any:
        parts: list[Any] = []
        if kind is not None:
            if kind not in KINDS:
                raise QueryError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            parts.append(wq.Term("kind", kind))
        if speaker is not None:
            if not isinstance(speaker, str):
                raise QueryError(f"speaker must be a string, not {type(speaker).__name__}")
            words = analyze(speaker[:200])
            if not words:
                raise QueryError(f"speaker {speaker!r} has no searchable words: give a name")
            parts.extend(wq.Term("speaker", w) for w in dict.fromkeys(words))
        if article is not None:
            if not isinstance(article, str) or not article:
                raise QueryError(f"article must be a non-empty string, not {article!r}")
            parts.append(wq.Term("article", article))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

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
        query syntax (see the README).  ``kind`` keeps only paragraphs or only
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
        parsed = self.parse(query)
        filters = [
            f for f in (self._filter(kind, speaker, article), parsed.filter) if f is not None
        ]
        filter_query = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)
        if parsed.query is None:
            return SearchResults(
                query=query, parsed_query="", total=0, page=page, limit=limit, hits=()
            )
        searcher = self._searcher()
        collapse = kind is None and (
            self._manifest is not None and self._manifest.counts.get("quote", 0) > 0
        )
        try:
            return self._run(searcher, query, parsed, filter_query, limit, page, collapse)
        except SearchlibError:
            raise
        except Exception as exc:  # a Whoosh failure on a query it accepted
            raise QueryError(f"cannot search {query!r}: {type(exc).__name__}: {exc}") from exc

    def _run(
        self,
        searcher: Any,
        text: str,
        parsed: ParsedQuery,
        filter_query: Any,
        limit: int,
        page: int,
        collapse: bool,
    ) -> SearchResults:
        wanted = page * limit
        if collapse:
            results = searcher.search(
                parsed.query,
                limit=wanted,
                filter=filter_query,
                collapse=sorting.FieldFacet("group"),
                collapse_limit=1,
            )
            matching = set(
                searcher.docs_for_query(
                    parsed.query if filter_query is None else wq.And([parsed.query, filter_query])
                )
            )
            groups = searcher.reader().column_reader("group")
            total = len({groups[docnum] for docnum in matching})
        else:
            results = searcher.search(parsed.query, limit=wanted, filter=filter_query)
            matching = set()
            total = len(results)
        terms = highlight_terms(parsed, searcher.reader())
        hits = []
        for rank in range((page - 1) * limit, min(wanted, results.scored_length())):
            docnum = results.docnum(rank)
            fields = searcher.stored_fields(docnum)
            matched_quotes: tuple[str, ...] = ()
            if collapse:
                group = wq.And([wq.Term("group", groups[docnum]), wq.Term("kind", "quote")])
                quote_docs = sorted(set(searcher.docs_for_query(group)) & matching)
                matched_quotes = tuple(searcher.stored_fields(d)["id"] for d in quote_docs)
            text_value = fields.get("text", "")
            hits.append(
                Hit(
                    id=fields["id"],
                    kind=fields["kind"],
                    article=fields["article"],
                    paragraph=int(fields["paragraph"]),
                    quote=fields.get("quote"),
                    speaker=fields.get("speaker"),
                    score=float(results.score(rank)),
                    text=text_value,
                    snippet=make_snippet(text_value, terms, max_chars=self._snippet_chars),
                    matched_quotes=matched_quotes,
                )
            )
        return SearchResults(
            query=text,
            parsed_query=str(parsed),
            total=total,
            page=page,
            limit=limit,
            hits=tuple(hits),
        )
