"""Writing Whoosh segments fast for searchlib's schema: one analysis a text, blocks of postings.

Whoosh's ``SegmentWriter`` runs every field's analyzer on its own, sends
each posting through a sorting pool (pickled to temporary files in runs and
merged back), and at commit hands the postings one Python call at a time to
the postings writer, reading each document's field length back from disk on
the way.  A searchlib document has its text in four fields (stems, words,
4-letter prefixes, lemmas), so that machinery took most of the build time.

:class:`BulkWriter` is a ``SegmentWriter`` that, instead:

* tokenises a text once (:func:`searchlib.analysis.index_words`) and derives
  the four fields' terms from that one stream of words, mapping each distinct
  word once;
* keeps the postings of each term in memory, in compact arrays;
* merges segments (``commit(mergetype=MERGE_ALL)``) by streaming their
  postings term by term, not through the pool;
* hands postings to Whoosh's own postings writer a block (128 postings) at
  a time, with the block statistics Whoosh computes.

Everything else (stored fields, field lengths, columns, the segment and the
table of contents) is Whoosh's code, and the postings are encoded by Whoosh's
codec: the files are those ``SegmentWriter`` writes, byte for byte
(``tests/test_writer.py`` compares them).

:func:`write_index` builds a whole index with it: memory stays bounded (a
segment is written every ``max_postings`` postings, and they are merged into
one at the end), or ``procs`` processes index in parallel;
:func:`merge_segments` merges an index's segments (``optimize``).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import multiprocessing
import queue
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from searchlib._errors import SearchIndexError
from searchlib._morph import lemma
from searchlib._schema import DERIVED_FIELDS, PREFIX_LENGTH
from searchlib.analysis import index_words, stem

__all__ = ["DEFAULT_MAX_POSTINGS", "MERGE_ALL", "BulkWriter", "merge_segments", "write_index"]

#: Postings a writer keeps in memory before it writes a segment (~20 bytes each).
DEFAULT_MAX_POSTINGS = 12_000_000
_BLOCK = 128  # postings per block: the W3 codec's default ``blocklimit``
_FREQUENCY_BYTES = tuple(pack_uint(n) for n in range(256))
_BATCH = 200  # documents sent to a worker process at a time
_POLL = 0.5  # seconds between checks that worker processes are alive

# Where each kind of derived field finds a word's term in _WordTerms' tuples
# (None: the word itself).
_TERM_AT = {"stem": 0, "prefix": 1, "lemma": 2, "word": None}

# (docnums, weights, value bytes) of some postings of one term.
_Postings = tuple[list[int], list[float], list[Any]]


class _WordTerms(dict[str, tuple[str, str, str]]):
    """word -> (stem, prefix, lemma), computed on first look-up: each distinct word once.

    It bypasses the process-wide stem and lemma caches: a big build would
    fill them with its whole vocabulary, twice over.
    """

    def __missing__(self, word: str) -> tuple[str, str, str]:
        terms = self[word] = (stem(word, cache=False), word[:PREFIX_LENGTH], _lemma(word))
        return terms


_lemma: Callable[[str], str] = lemma.__wrapped__


def _frequency_bytes(freq: int) -> bytes:
    return _FREQUENCY_BYTES[freq] if freq < 256 else bytes(pack_uint(freq))


def _tagged(
    terms: Iterable[Any], source: int, *, encode: bool = False
) -> Iterator[tuple[bytes, int, Any]]:
    """(term bytes, source number, the source's key) for each of a source's sorted terms."""
    for term in terms:
        yield (term.encode("utf-8") if encode else term), source, term


class _Columns:
    """The postings of one field, in document order, as columns (term, doc, weight, value)."""

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.docs = array("I")
        self.weights = array("d")
        self.values: list[bytes] = []
        self._order: list[int] = []

    def add(self, btext: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        self.terms.append(btext)
        self.docs.append(docnum)
        self.weights.append(weight)
        self.values.append(vbytes)

    def runs(self) -> Iterator[tuple[bytes, int, Any]]:
        """(term, 0, (start, end)) for each term in byte order; see :meth:`postings`."""
        terms = self.terms
        # Stable: each term's postings stay in document order.
        order = self._order = sorted(range(len(terms)), key=terms.__getitem__)
        start = 0
        for end in range(1, len(order) + 1):
            if end == len(order) or terms[order[end]] != terms[order[start]]:
                yield terms[order[start]], 0, (start, end)
                start = end

    def postings(self, run: tuple[int, int]) -> _Postings:
        chosen = self._order[run[0] : run[1]]
        return (
            [self.docs[i] for i in chosen],
            [self.weights[i] for i in chosen],
            [self.values[i] for i in chosen],
        )


def _read_all(matcher: Any) -> _Postings:
    """Every posting of a Whoosh leaf matcher: a block at a time where it allows."""
    docs: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            docs.extend(matcher._ids)
            weights.extend(matcher._weights)
            values.extend(matcher._values)
            matcher._next_block()
        return docs, weights, values
    while matcher.is_active():
        docs.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return docs, weights, values


class BulkWriter(SegmentWriter):  # type: ignore[misc]
    """A ``SegmentWriter`` that analyses each text once and writes postings a block at a time.

    Use it like Whoosh's writer (``add_document(**fields)``, ``commit()``,
    ``cancel()``) on an index with searchlib's schema.  The new segment's
    postings stay in memory until commit (:attr:`postings` counts them).
    ``commit(mergetype=MERGE_ALL)`` merges every existing segment into the
    new one, streaming; Whoosh's own merge policies work too.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        schema = self.schema
        for name, field in schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"BulkWriter cannot write field {name!r} (vectors or spelling)")
        # Derived text fields -> where their terms sit in _WordTerms' tuples
        # (see DERIVED_FIELDS); one table maps each distinct word once.
        self._words = _WordTerms()
        self._derived = {
            name: _TERM_AT[kind] for name, kind in DERIVED_FIELDS.items() if name in schema
        }
        self._positional = {
            name for name in self._derived if schema[name].format.supports("positions")
        }
        # field -> term -> postings: (doc, freq) pairs, or for positional
        # fields (doc, freq, position...) runs.
        self._derived_postings: dict[str, dict[str, array[int]]] = {
            name: {} for name in self._derived
        }
        # field -> its postings in document order: every other field (mostly
        # ids, one posting a term: flat columns are the smallest form).
        self._other_postings: dict[str, _Columns] = {}
        # Segments being merged in: (reader, first new docnum, docmap or None).
        self._merging: list[tuple[Any, int, dict[int, int] | None]] = []
        #: Postings held in memory (added documents' only).
        self.postings = 0

    # -- adding documents ----------------------------------------------------------

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        if self._merging:
            raise ValueError("BulkWriter: add documents before merging segments in")
        if any(name.startswith("_") for name in fields):
            raise ValueError("BulkWriter takes no boosts or custom stored values (`_` fields)")
        schema = self.schema
        docnum = self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            streams: dict[str, list[tuple[str, int]]] = {}
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if name in self._derived:
                    if not isinstance(value, str):
                        raise ValueError(f"{name}: {value!r} is not a string")
                    stream = streams.get(value)
                    if stream is None:
                        stream = streams[value] = index_words(value)
                    length = self._add_derived(name, docnum, stream)
                elif field.indexed:
                    scorable = field.scorable
                    columns = self._other_postings.get(name)
                    if columns is None:
                        columns = self._other_postings[name] = _Columns()
                    for btext, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        columns.add(btext, docnum, weight, vbytes)
                        self.postings += 1
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_derived(self, name: str, docnum: int, stream: list[tuple[str, int]]) -> int:
        """Index one field's terms from the word stream; returns the field length."""
        at = self._derived[name]
        words = self._words
        postings = self._derived_postings[name]
        if name in self._positional:
            positions: dict[str, list[int]] = {}
            for word, pos in stream:
                term = word if at is None else words[word][at]
                poses = positions.get(term)
                if poses is None:
                    positions[term] = [pos]
                else:
                    poses.append(pos)
            for term, poses in positions.items():
                run = postings.get(term)
                if run is None:
                    run = postings[term] = array("I")
                run.append(docnum)
                run.append(len(poses))
                run.extend(poses)
            self.postings += len(positions)
        else:
            counts: dict[str, int] = {}
            for word, _pos in stream:
                term = word if at is None else words[word][at]
                counts[term] = counts.get(term, 0) + 1
            for term, freq in counts.items():
                run = postings.get(term)
                if run is None:
                    run = postings[term] = array("I")
                run.append(docnum)
                run.append(freq)
            self.postings += len(counts)
        return len(stream)

    # -- merging segments in ---------------------------------------------------------

    def add_reader(self, reader: Any) -> None:
        """Merge a segment in: its stored fields now, its postings streamed at commit."""
        self._check_state()
        segment = reader.segment()
        # Our own reader: merge policies close theirs before the commit.
        own = SegmentReader(self.storage, self.schema, segment)
        base = self.docnum
        names = set(self.schema.names()) | {
            n for n in own.indexed_field_names() if n in self.schema
        }
        totals = self.perdocwriter._fieldlengths
        before = dict(totals)
        try:
            docmap = self.write_per_doc(names, own)
        except BaseException:
            own.close()
            raise
        if docmap is None:
            # write_per_doc adds each document's length as stored, rounded
            # to one byte; with every document kept, the segment's exact
            # totals are known: keep BM25's average lengths exact.
            for name in names:
                totals[name] = before.get(name, 0) + own.field_length(name)
        self._merging.append((own, base, docmap))
        self._added = True

    # -- writing the segment ---------------------------------------------------------

    def _close_segment(self) -> None:
        """Close the segment's files, and the readers of segments being merged in (cancel too)."""
        try:
            super()._close_segment()
        finally:
            for reader, _base, _docmap in self._merging:
                reader.close()
            self._merging.clear()

    def _flush_segment(self) -> None:
        self._words.clear()  # no more documents: the word table can go
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader()
        try:
            names = {n for n, terms in self._derived_postings.items() if terms}
            names |= set(self._other_postings)
            for reader, _base, _docmap in self._merging:
                names |= {n for n in reader.indexed_field_names() if n in self.schema}
            writer = self.fieldwriter
            for name in sorted(names):
                lengths = self._lengths(lengths_reader, name)
                writer.start_field(name, self.schema[name])
                for btext, (docs, weights, values) in self._field_terms(name):
                    writer.start_term(btext)
                    self._write_blocks(docs, weights, values, lengths)
                    writer.finish_term()
                writer.finish_field()
            writer.close()
        finally:
            lengths_reader.close()
            for reader, _base, _docmap in self._merging:
                reader.close()
            self._merging.clear()

    def _lengths(self, perdoc: Any, name: str) -> Sequence[int]:
        """Docnum -> the field length Whoosh's writer would see for each posting (0: none)."""
        column = perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)
        if column is None:
            return ()
        return [byte_to_length(code) if code else 0 for code in column.load()]

    def _field_terms(self, name: str) -> Iterator[tuple[bytes, _Postings]]:
        """(term, its postings in docnum order) of field ``name``, terms in byte order.

        The new documents' postings come first, then each merged segment's.
        """
        sources: list[Iterator[tuple[bytes, int, Any]]] = []
        derived = self._derived_postings.get(name)
        if derived:
            sources.append(_tagged(sorted(derived), 0, encode=True))
        other = self._other_postings.get(name)
        if other:
            sources.append(other.runs())
        for index, (reader, _base, _docmap) in enumerate(self._merging, start=1):
            if name in reader.indexed_field_names():
                sources.append(_tagged(reader.lexicon(name), index))
        for btext, group in itertools.groupby(heapq.merge(*sources), key=lambda s: s[0]):
            docs: list[int] = []
            weights: list[float] = []
            values: list[Any] = []
            for _btext, index, key in group:
                if index == 0:
                    part = self._pool_postings(name, key)
                else:
                    part = self._segment_postings(index - 1, name, key)
                docs.extend(part[0])
                weights.extend(part[1])
                values.extend(part[2])
            if docs:  # a term whose documents were all deleted is gone
                yield btext, (docs, weights, values)
        if derived:
            derived.clear()
        self._other_postings.pop(name, None)

    def _pool_postings(self, name: str, term: Any) -> _Postings:
        if name not in self._derived:
            return self._other_postings[name].postings(term)
        run = self._derived_postings[name][term]
        docs: list[int] = []
        weights: list[float] = []
        values: list[Any] = []
        # Whoosh's own encoding of a posting's positions (Positions.encode).
        encode = self.schema[name].format.encode if name in self._positional else None
        i, end = 0, len(run)
        while i < end:
            doc, freq = run[i], run[i + 1]
            docs.append(doc)
            weights.append(float(freq))
            if encode is not None:
                values.append(encode(run[i + 2 : i + 2 + freq]))
                i += 2 + freq
            else:
                values.append(_frequency_bytes(freq))
                i += 2
        return docs, weights, values

    def _segment_postings(self, index: int, name: str, btext: bytes) -> _Postings:
        reader, base, docmap = self._merging[index]
        docs, weights, values = _read_all(reader.postings(name, btext))
        if docmap is None:
            return [d + base for d in docs], weights, values
        keep = [i for i, d in enumerate(docs) if d in docmap]  # deleted documents drop out
        return (
            [docmap[docs[i]] for i in keep],
            [weights[i] for i in keep],
            [values[i] for i in keep],
        )

    def _write_blocks(
        self, docs: list[int], weights: list[float], values: list[Any], lengths: Sequence[int]
    ) -> None:
        """Fill Whoosh's postings writer a block at a time, as ``add_posting`` would have.

        Every block but the last is written here; ``finish_term`` writes the last.
        """
        postwriter = self.fieldwriter._postwriter
        known = len(lengths)
        for start in range(0, len(docs), _BLOCK):
            if start:
                postwriter._write_block()
            block = docs[start : start + _BLOCK]
            block_weights = weights[start : start + _BLOCK]
            postwriter._ids = array("I", block)
            postwriter._weights = array("f", block_weights)
            postwriter._values = [v for v in values[start : start + _BLOCK] if v]
            postwriter._maxweight = max(0, *block_weights)
            sizes = [lengths[d] for d in block if d < known and lengths[d]]
            postwriter._minlength = min(sizes) if sizes else None
            postwriter._maxlength = max(sizes, default=0)


def MERGE_ALL(writer: Any, segments: Sequence[Any]) -> list[Any]:
    """Merge policy: every existing segment goes into the new one (like ``OPTIMIZE``)."""
    for segment in segments:
        with SegmentReader(writer.storage, writer.schema, segment) as reader:
            writer.add_reader(reader)
    return []


# --- Building a whole index --------------------------------------------------------------


def _write_toc(ix: Any, segments: Sequence[Any]) -> None:
    """Make ``segments`` the index's segments (a new table of contents)."""
    info = ix._read_toc()
    TOC(info.schema, list(segments), info.generation + 1).write(ix.storage, ix.indexname)


def _index_batches(
    ix: Any, batches: Iterable[Sequence[Mapping[str, Any]]], max_postings: int
) -> list[Any]:
    """Write ``batches`` of documents into new segments (no commit); returns the segments."""
    segments = []
    writer = BulkWriter(ix, _lk=False)
    try:
        for batch in batches:
            for fields in batch:
                writer.add_document(**fields)
            if writer.postings >= max_postings:
                segments.append(writer._finalize_segment())
                writer = BulkWriter(ix, _lk=False)
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
    except BaseException:
        with contextlib.suppress(Exception):
            writer._close_segment()
        raise
    return segments


def _worker(index_dir: str, indexname: str, max_postings: int, jobs: Any, results: Any) -> None:
    """A worker process of :func:`write_index`: index batches from ``jobs`` into segments."""
    try:
        ix = FileStorage(index_dir).open_index(indexname)
        segments = _index_batches(ix, iter(jobs.get, None), max_postings)
        results.put(("ok", segments))
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))


class _Workers:
    """``procs`` worker processes indexing batches of documents into segments of one index."""

    def __init__(self, ix: Any, procs: int, max_postings: int) -> None:
        context = multiprocessing.get_context()
        self._jobs = context.Queue(procs * 2)
        self._results = context.Queue()
        self._processes = [
            context.Process(
                target=_worker,
                args=(ix.storage.folder, ix.indexname, max_postings, self._jobs, self._results),
                daemon=True,
            )
            for _ in range(procs)
        ]
        self._segments: list[Any] = []
        self._pending = procs  # workers yet to report
        for process in self._processes:
            process.start()

    def _check(self) -> None:
        """Raise if a worker died, or reported a failure (it then stops taking batches)."""
        for process in self._processes:
            if process.exitcode not in (None, 0):
                raise SearchIndexError(
                    f"an indexing process died (exit code {process.exitcode}); nothing was"
                    " changed: build again, or with procs=1 (--procs 1)"
                )
        with contextlib.suppress(queue.Empty):
            while True:
                self._take(self._results.get_nowait())

    def _take(self, result: tuple[str, Any]) -> None:
        status, payload = result
        if status != "ok":
            raise SearchIndexError(
                f"an indexing process failed ({payload}); nothing was changed: build"
                " again, or with procs=1 (--procs 1)"
            )
        self._segments.extend(payload)
        self._pending -= 1

    def _put(self, item: Any) -> None:
        while True:
            try:
                self._jobs.put(item, timeout=_POLL)
                return
            except queue.Full:
                self._check()

    def send(self, batch: Sequence[Mapping[str, Any]]) -> None:
        self._put(list(batch))

    def finish(self) -> list[Any]:
        """Wait for the workers; returns their segments (in the order they finished)."""
        for _ in self._processes:
            self._put(None)
        while self._pending:
            try:
                self._take(self._results.get(timeout=_POLL))
            except queue.Empty:
                self._check()
        for process in self._processes:
            process.join()
        return self._segments

    def stop(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _batches(
    documents: Iterable[Mapping[str, Any]], on_document: Callable[[int], object] | None
) -> Iterator[list[Mapping[str, Any]]]:
    batch: list[Mapping[str, Any]] = []
    for done, fields in enumerate(documents, start=1):
        batch.append(fields)
        if on_document is not None:
            on_document(done)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_index(
    ix: Any,
    documents: Iterable[Mapping[str, Any]],
    *,
    procs: int = 1,
    max_postings: int = DEFAULT_MAX_POSTINGS,
    on_document: Callable[[int], object] | None = None,
) -> int:
    """Index ``documents`` (field mappings) into the empty index ``ix``; returns its segment count.

    One process writes a segment every ``max_postings`` postings (bounding
    memory) and merges them into one at the end.  ``procs`` > 1 analyses
    and writes in that many worker processes and leaves their segments
    unmerged: merging costs about as much as writing them again, which would
    undo the gain (``optimize`` merges them when wanted).
    ``on_document(count)`` is called as documents are taken (for progress).
    """
    if ix._read_toc().segments:
        raise ValueError("write_index builds a new index: this one already has segments")
    batches = _batches(documents, on_document)
    if procs <= 1:
        segments = _index_batches(ix, batches, max_postings)
    else:
        workers = _Workers(ix, procs, max_postings)
        try:
            for batch in batches:
                workers.send(batch)
            segments = workers.finish()
        except BaseException:
            workers.stop()
            raise
    _write_toc(ix, segments)
    if len(segments) > 1 and procs <= 1:
        merge_segments(ix)
        segments = ix._read_toc().segments
    ix.storage.temp_storage(f"{ix.indexname}.tmp").destroy()
    return len(segments)


def merge_segments(ix: Any) -> None:
    """Merge all of the index's segments into one (deleted documents drop out)."""
    writer = BulkWriter(ix)
    try:
        writer.commit(mergetype=MERGE_ALL)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
