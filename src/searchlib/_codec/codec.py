"""searchlib's storage format behind Whoosh's codec API: Whoosh reads and writes it as its own.

:class:`SearchlibCodec` is a ``whoosh.codec.base.Codec``.  A segment it
writes (:class:`SearchlibSegment`) is listed in the index's table of
contents like any Whoosh segment, so ``whoosh.index.open_dir`` opens a
searchlib build, and Whoosh's searcher, query objects, parser, term
expansion (prefixes, wildcards, fuzzy terms) and ``SegmentWriter`` work on
it unchanged: they reach the data through the readers and writers here.

Import path: the table of contents pickles the segment and codec classes
by name (``searchlib._codec.codec.SearchlibSegment``); moving them makes
existing indexes unopenable.

Supported field formats are Whoosh's ``Existence`` (ID fields),
``Frequency`` and ``Positions`` (TEXT fields): no boosts, vectors, separate
spelling fields or columns (sortable fields).  searchlib's own schema needs
none of them, and the writer says so plainly if a schema does.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from whoosh.codec import base
from whoosh.formats import Existence, Frequency, Positions
from whoosh.index import TOC, clean_files
from whoosh.matching import LeafMatcher, ReadTooFar
from whoosh.reading import TermInfo, TermNotFound
from whoosh.system import emptybytes, pack_uint

from searchlib._codec.files import open_array_file
from searchlib._codec.segment import (
    DOCS_KIND,
    TERMS_KIND,
    FieldPostings,
    SegmentDocs,
    SegmentTerms,
    encode_stored,
    write_docs,
    write_terms,
)

__all__ = ["DOCS_EXT", "TERMS_EXT", "SearchlibCodec", "SearchlibSegment", "open_segment"]

TERMS_EXT = ".slterms"
DOCS_EXT = ".sldocs"
_FORMATS = (Existence, Frequency, Positions)


class SearchlibCodec(base.Codec):  # type: ignore[misc]
    """Whoosh codec for searchlib's segments: flat arrays, memory-mapped (stateless)."""

    length_stats = False  # field lengths live in the per-document file

    def per_document_writer(self, storage: Any, segment: Any) -> _PerDocWriter:
        return _PerDocWriter(storage, segment)

    def field_writer(self, storage: Any, segment: Any) -> _FieldWriter:
        return _FieldWriter(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        raise NotImplementedError("searchlib segments are written a field at a time")

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        raise NotImplementedError("searchlib segments are read through terms_reader()")

    def terms_reader(self, storage: Any, segment: Any) -> _TermsReader:
        terms, docs = open_segment(storage, segment)
        return _TermsReader(terms, docs)

    def per_document_reader(self, storage: Any, segment: Any) -> _PerDocReader:
        return _PerDocReader(open_segment(storage, segment)[1], segment)

    def new_segment(self, storage: Any, indexname: str) -> SearchlibSegment:
        return SearchlibSegment(indexname)

    def supports_columns(self) -> bool:
        return False


class SearchlibSegment(base.Segment):  # type: ignore[misc]
    """A segment in searchlib's format: two files, never assembled into a compound file.

    Deleted documents are kept here (and so in the table of contents), as
    Whoosh's own segments keep them, and so is the CRC-32 of each file,
    computed as it was written (the build's signature records them: see
    ``searchlib._index``; segments written before there were checksums have none).
    """

    def __init__(self, indexname: str, doccount: int = 0, segid: str | None = None) -> None:
        self.indexname = indexname
        self.segid = self._random_id() if segid is None else segid
        self._doccount = doccount
        self._deleted: set[int] | None = None
        self.compound = False
        self.checksums: dict[str, int] = {}  # file extension -> CRC-32 of its bytes

    def set_checksum(self, ext: str, crc: int) -> None:
        """Record the CRC-32 of the segment's file ``ext`` (just written)."""
        self.__dict__.setdefault("checksums", {})[ext] = crc

    def file_checksums(self) -> dict[str, int]:
        """File name -> CRC-32 of its bytes as written (empty when they were not recorded)."""
        recorded: dict[str, int] = self.__dict__.get("checksums") or {}
        return {self.make_filename(ext): crc for ext, crc in recorded.items()}

    def codec(self, **kwargs: Any) -> SearchlibCodec:
        return SearchlibCodec()

    def should_assemble(self) -> bool:
        return False  # separate files, each mapped as it is

    def set_doc_count(self, doccount: int) -> None:
        self._doccount = doccount

    def doc_count_all(self) -> int:
        return self._doccount

    def deleted_count(self) -> int:
        return 0 if self._deleted is None else len(self._deleted)

    def deleted_docs(self) -> Any:
        return iter(()) if self._deleted is None else iter(sorted(self._deleted))

    def delete_document(self, docnum: int, delete: bool = True) -> None:
        if delete:
            if self._deleted is None:
                self._deleted = set()
            self._deleted.add(docnum)
        elif self._deleted is not None:
            self._deleted.discard(docnum)

    def is_deleted(self, docnum: int) -> bool:
        return self._deleted is not None and docnum in self._deleted

    def deleted_set(self) -> frozenset[int]:
        return frozenset(self._deleted or ())


def open_segment(storage: Any, segment: Any) -> tuple[SegmentTerms, SegmentDocs]:
    """The two files of ``segment`` in ``storage``, mapped and parsed once per process."""
    terms_file = open_array_file(storage, segment.make_filename(TERMS_EXT), TERMS_KIND)
    docs_file = open_array_file(storage, segment.make_filename(DOCS_EXT), DOCS_KIND)
    if terms_file.parsed is None:
        terms_file.parsed = SegmentTerms(terms_file)
    if docs_file.parsed is None:
        docs_file.parsed = SegmentDocs(docs_file)
    return terms_file.parsed, docs_file.parsed


# --- Writing (Whoosh's SegmentWriter calls these) ---------------------------------------


def _check_field(name: str, field: Any) -> None:
    if type(field.format) not in _FORMATS:
        raise ValueError(
            f"field {name!r}: searchlib's storage format keeps Existence, Frequency and"
            f" Positions postings, not {type(field.format).__name__}"
        )
    if field.vector or field.separate_spelling():
        raise ValueError(f"field {name!r}: term vectors and spelling fields are not supported")


class _PerDocWriter(base.PerDocumentWriter):  # type: ignore[misc]
    def __init__(self, storage: Any, segment: Any) -> None:
        self._storage = storage
        self._segment = segment
        self._stored: list[dict[str, Any]] = []
        self._lengths: dict[str, dict[int, int]] = {}
        self._docnum = -1
        self._current: dict[str, Any] = {}
        self.is_closed = False

    def start_doc(self, docnum: int) -> None:
        if docnum != len(self._stored):
            raise ValueError(f"documents must come in order: got {docnum}, not {len(self._stored)}")
        self._docnum = docnum
        self._current = {}
        self._stored.append(self._current)

    def add_field(self, fieldname: str, fieldobj: Any, value: Any, length: int) -> None:
        if value is not None:
            self._current[fieldname] = value
        if length:
            self._lengths.setdefault(fieldname, {})[self._docnum] = length

    def add_column_value(self, fieldname: str, columnobj: Any, value: Any) -> None:
        raise ValueError(
            f"field {fieldname!r}: searchlib's storage format has no columns (sortable fields)"
        )

    def add_vector_items(self, fieldname: str, fieldobj: Any, items: Any) -> None:
        raise ValueError(f"field {fieldname!r}: term vectors are not supported")

    def finish_doc(self) -> None:
        self._current = {}

    def cancel_doc(self) -> None:
        self._stored.pop()
        for lengths in self._lengths.values():
            lengths.pop(self._docnum, None)

    def close(self) -> None:
        count = len(self._stored)
        lengths = {}
        for name, values in self._lengths.items():
            row = np.zeros(count, dtype=np.uint32)
            if values:
                row[np.fromiter(values, np.int64)] = np.fromiter(values.values(), np.int64)
            lengths[name] = row
        try:
            offsets, blob = encode_stored(self._stored)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"stored fields must be JSON values (str, int, ...): {exc}") from exc
        with self._segment.create_file(self._storage, DOCS_EXT) as out:
            self._segment.set_checksum(DOCS_EXT, write_docs(out, count, lengths, offsets, blob))
        self.is_closed = True


class _FieldWriter(base.FieldWriter):  # type: ignore[misc]
    def __init__(self, storage: Any, segment: Any) -> None:
        self._storage = storage
        self._segment = segment
        self._fields: list[FieldPostings] = []
        self._name: str | None = None
        self._format: Any = None
        self._terms: list[bytes] = []
        self._counts: list[int] = []
        self._docs: list[int] = []
        self._freqs: list[int] = []
        self._positions: list[int] | None = None
        self.is_closed = False

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        _check_field(fieldname, fieldobj)
        self._name, self._format = fieldname, fieldobj.format
        self._terms, self._counts, self._docs, self._freqs = [], [], [], []
        self._positions = [] if type(fieldobj.format) is Positions else None

    def start_term(self, text: bytes) -> None:
        if self._name is None:
            raise ValueError("start_term before start_field")
        self._terms.append(bytes(text))
        self._counts.append(0)

    def add(self, docnum: int, weight: float, vbytes: bytes, length: int) -> None:
        fmt = self._format
        if type(fmt) is Positions:
            positions = fmt.decode_positions(vbytes)
            assert self._positions is not None
            self._positions.extend(positions)
            freq = len(positions)
        elif type(fmt) is Frequency:
            freq = fmt.decode_frequency(vbytes)
        else:
            freq = 1
        if weight != freq:
            raise ValueError(
                f"field {self._name!r}: boosts (weights other than counts) are not kept"
            )
        self._docs.append(docnum)
        self._freqs.append(freq)
        self._counts[-1] += 1

    def finish_term(self) -> None:
        pass

    def finish_field(self) -> None:
        if self._name is None:
            raise ValueError("finish_field before start_field")
        positions = None if self._positions is None else np.array(self._positions, np.uint32)
        self._fields.append(
            FieldPostings(
                self._name,
                self._terms,
                np.array(self._counts, dtype=np.int64),
                np.array(self._docs, dtype=np.uint32),
                np.array(self._freqs, dtype=np.uint32),
                positions,
            )
        )
        self._name = None

    def add_spell_word(self, fieldname: str, text: str) -> None:
        raise ValueError(f"field {fieldname!r}: spelling fields are not supported")

    def close(self) -> None:
        with self._segment.create_file(self._storage, TERMS_EXT) as out:
            self._segment.set_checksum(TERMS_EXT, write_terms(out, self._fields))
        self.is_closed = True


# --- Reading -----------------------------------------------------------------------------


class _TermInfo(TermInfo):  # type: ignore[misc]
    """A term's statistics, computed from its postings when asked."""

    def __init__(self, terms: SegmentTerms, docs: SegmentDocs, field: str, index: int) -> None:
        self._start, self._end = terms.postings(index)
        self._segment_terms = terms
        self._segment_docs = docs
        self._field = field

    def _ids(self) -> np.ndarray:
        return self._segment_terms.docs[self._start : self._end]

    def _freqs(self) -> np.ndarray:
        return self._segment_terms.freqs[self._start : self._end]

    def weight(self) -> float:
        return float(self._freqs().sum(dtype=np.int64))

    def doc_frequency(self) -> int:
        return int(self._end - self._start)

    def _lengths(self) -> np.ndarray:
        row = self._segment_docs.lengths.get(self._field)
        if row is None or self._end == self._start:
            return np.zeros(0, dtype=np.uint32)
        lengths: np.ndarray = row[self._ids()]
        return lengths

    def min_length(self) -> int:
        lengths = self._lengths()
        return int(lengths.min()) if len(lengths) else 0

    def max_length(self) -> int:
        lengths = self._lengths()
        return int(lengths.max()) if len(lengths) else 0

    def max_weight(self) -> float:
        freqs = self._freqs()
        return float(freqs.max()) if len(freqs) else 0.0

    def min_id(self) -> int | None:
        return int(self._ids()[0]) if self._end > self._start else None

    def max_id(self) -> int:
        return int(self._ids()[-1]) if self._end > self._start else 0


class _Matcher(LeafMatcher):  # type: ignore[misc]
    """One term's postings as a Whoosh matcher (for Whoosh's own searching)."""

    def __init__(
        self,
        terms: SegmentTerms,
        index: int,
        format_: Any,
        term: Any,
        scorer: Any,
        terminfo: _TermInfo,
    ) -> None:
        start, end = terms.postings(index)
        self._terms = terms
        self._index = index
        self._ids: list[int] = terms.docs[start:end].tolist()
        self._freqs: list[int] = terms.freqs[start:end].tolist()
        self._starts: list[int] | None = None
        self._i = 0
        self.format = format_
        self._term = term
        self.scorer = scorer
        self._terminfo = terminfo

    def copy(self) -> _Matcher:
        other = _Matcher.__new__(_Matcher)
        other.__dict__.update(self.__dict__)
        return other

    def is_active(self) -> bool:
        return self._i < len(self._ids)

    def reset(self) -> None:
        self._i = 0

    def id(self) -> int:
        return self._ids[self._i]

    def all_ids(self) -> Iterator[int]:
        return iter(self._ids[self._i :])

    def next(self) -> bool:
        self._i += 1
        return False

    def skip_to(self, target: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        if target > self._ids[self._i]:
            self._i = bisect.bisect_left(self._ids, target, self._i)

    def weight(self) -> float:
        return float(self._freqs[self._i])

    def _positions(self) -> list[int]:
        if self._starts is None:
            base = self._terms.positions_start(self._index)
            ends = np.cumsum(np.array(self._freqs, dtype=np.int64)) + base
            self._starts = [base, *ends.tolist()]
        start, end = self._starts[self._i], self._starts[self._i + 1]
        return self._terms.positions[start:end].tolist()  # type: ignore[no-any-return]

    def value(self) -> bytes:
        fmt = self.format
        if type(fmt) is Positions:
            return fmt.encode(self._positions())  # type: ignore[no-any-return]
        if type(fmt) is Frequency:
            return pack_uint(self._freqs[self._i])  # type: ignore[no-any-return]
        return emptybytes  # type: ignore[no-any-return]

    def value_as(self, astype: str) -> Any:
        if astype == "positions" and type(self.format) is Positions:
            return self._positions()
        if astype == "frequency":
            return self._freqs[self._i]
        if astype == "weight":
            return float(self._freqs[self._i])
        return super().value_as(astype)

    def supports_block_quality(self) -> bool:
        return self.scorer is not None and bool(self.scorer.supports_block_quality())

    def block_quality(self) -> float:
        return float(self.scorer.block_quality(self))

    def skip_to_quality(self, minquality: float) -> int:
        # The whole list is one block.
        if self.block_quality() <= minquality:
            self._i = len(self._ids)
            return 1
        return 0

    def block_min_id(self) -> int:
        return self._ids[0]

    def block_max_id(self) -> int:
        return self._ids[-1]

    def block_min_length(self) -> int:
        return self._terminfo.min_length()

    def block_max_length(self) -> int:
        return self._terminfo.max_length()

    def block_max_weight(self) -> float:
        return self._terminfo.max_weight()


class _Cursor(base.FieldCursor):  # type: ignore[misc]
    """Walks one field's terms in order (Whoosh's fuzzy and range searches use it)."""

    def __init__(self, terms: SegmentTerms, docs: SegmentDocs, field: str, fieldobj: Any) -> None:
        self._terms = terms
        self._docs = docs
        self._field = field
        self._fieldobj = fieldobj
        self._first, self._end, _ = terms.fields.get(field, (0, 0, False))
        self._i = self._first

    def first(self) -> Any:
        self._i = self._first
        return self.text()

    def find(self, term: Any) -> Any:
        key = term if isinstance(term, bytes) else self._fieldobj.to_bytes(term)
        self._i = self._terms.lower_bound(self._field, key)
        return self.text()

    def next(self) -> Any:
        if self._i < self._end:
            self._i += 1
        return self.text()

    def text(self) -> Any:
        if self._i >= self._end:
            return None
        return self._fieldobj.from_bytes(self._terms.term(self._i))

    def term_info(self) -> _TermInfo | None:
        if self._i >= self._end:
            return None
        return _TermInfo(self._terms, self._docs, self._field, self._i)

    def is_valid(self) -> bool:
        return self._i < self._end


class _TermsReader(base.TermsReader):  # type: ignore[misc]
    def __init__(self, terms: SegmentTerms, docs: SegmentDocs) -> None:
        self._terms = terms
        self._docs = docs

    def _index(self, fieldname: str, text: bytes) -> int:
        index = self._terms.find(fieldname, text)
        if index < 0:
            raise TermNotFound(f"{fieldname}:{text!r}")
        return index

    def __contains__(self, term: Any) -> bool:
        fieldname, text = term
        return self._terms.find(fieldname, text) >= 0

    def cursor(self, fieldname: str, fieldobj: Any) -> _Cursor:
        return _Cursor(self._terms, self._docs, fieldname, fieldobj)

    def indexed_field_names(self) -> list[str]:
        return list(self._terms.fields)

    def _keys_from(self, fieldname: str | None, prefix: bytes) -> Iterator[tuple[str, int]]:
        started = fieldname is None
        for name, (first, end, _) in self._terms.fields.items():
            if not started:
                if name < fieldname:  # type: ignore[operator]
                    continue
                started = True
                if name == fieldname:
                    first = self._terms.lower_bound(name, prefix)
            for index in range(first, end):
                yield name, index

    def terms(self) -> Iterator[tuple[str, bytes]]:
        return ((n, self._terms.term(i)) for n, i in self._keys_from(None, b""))

    def terms_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[str, bytes]]:
        return ((n, self._terms.term(i)) for n, i in self._keys_from(fieldname, prefix))

    def items(self) -> Iterator[tuple[tuple[str, bytes], _TermInfo]]:
        return (
            ((n, self._terms.term(i)), _TermInfo(self._terms, self._docs, n, i))
            for n, i in self._keys_from(None, b"")
        )

    def items_from(
        self, fieldname: str, prefix: bytes
    ) -> Iterator[tuple[tuple[str, bytes], _TermInfo]]:
        return (
            ((n, self._terms.term(i)), _TermInfo(self._terms, self._docs, n, i))
            for n, i in self._keys_from(fieldname, prefix)
        )

    def term_info(self, fieldname: str, text: bytes) -> _TermInfo:
        return _TermInfo(self._terms, self._docs, fieldname, self._index(fieldname, text))

    def frequency(self, fieldname: str, text: bytes) -> float:
        index = self._terms.find(fieldname, text)
        if index < 0:
            raise KeyError(text)
        return _TermInfo(self._terms, self._docs, fieldname, index).weight()

    def doc_frequency(self, fieldname: str, text: bytes) -> int:
        index = self._terms.find(fieldname, text)
        if index < 0:
            raise KeyError(text)
        start, end = self._terms.postings(index)
        return int(end - start)

    def matcher(self, fieldname: str, text: bytes, format_: Any, scorer: Any = None) -> _Matcher:
        index = self._index(fieldname, text)
        info = _TermInfo(self._terms, self._docs, fieldname, index)
        return _Matcher(self._terms, index, format_, (fieldname, text), scorer, info)

    def close(self) -> None:
        pass  # the files are shared; the map goes with its last reader


class _PerDocReader(base.PerDocumentReader):  # type: ignore[misc]
    def __init__(self, docs: SegmentDocs, segment: Any) -> None:
        self._docs = docs
        self._segment = segment
        self.is_closed = False

    def close(self) -> None:
        self.is_closed = True

    def doc_count(self) -> int:
        return int(self._docs.doc_count - self._segment.deleted_count())

    def doc_count_all(self) -> int:
        return self._docs.doc_count

    def has_deletions(self) -> bool:
        return bool(self._segment.has_deletions())

    def is_deleted(self, docnum: int) -> bool:
        return bool(self._segment.is_deleted(docnum))

    def deleted_docs(self) -> Any:
        return self._segment.deleted_docs()

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if not 0 <= docnum < self._docs.doc_count:
            raise IndexError(f"no document {docnum} in this segment")
        return self._docs.length(docnum, fieldname) or default

    def field_length(self, fieldname: str) -> int:
        return self._docs.totals.get(fieldname, 0)

    def _row(self, fieldname: str) -> np.ndarray:
        row = self._docs.lengths.get(fieldname)
        if row is None:
            return np.zeros(0, dtype=np.uint32)
        return row[row > 0]

    def min_field_length(self, fieldname: str) -> int:
        row = self._row(fieldname)
        return int(row.min()) if len(row) else 0

    def max_field_length(self, fieldname: str) -> int:
        row = self._row(fieldname)
        return int(row.max()) if len(row) else 0

    def stored_fields(self, docnum: int) -> dict[str, Any]:
        return self._docs.stored(docnum)


# --- A whole index's table of contents ------------------------------------------------


def index_segments(ix: Any) -> list[Any]:
    """The segments of a Whoosh index's current table of contents.

    (Whoosh reads it with a private method; this is the one place that calls it.)
    """
    return list(ix._read_toc().segments)


def write_toc(ix: Any, segments: Sequence[Any]) -> None:
    """Make ``segments`` the index's segments (a new table of contents), drop other files."""
    info = ix._read_toc()
    generation = info.generation + 1
    TOC(info.schema, list(segments), generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, list(segments))
