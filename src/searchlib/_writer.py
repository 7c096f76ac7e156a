"""Building searchlib segments: each text analysed once, whole batches inverted with numpy.

Whoosh's own ``SegmentWriter`` runs every field's analyzer on its own and
sends every posting through Python objects one at a time.  A searchlib
document has its text in four fields (stems, words, 4-letter prefixes,
lemmas), so :class:`SegmentBuilder` instead:

* tokenises a text once, into codes: each distinct surface form (`Москвы`) is
  normalised once and given the number of its word (`москвы`), or a mark for
  a stop word; the codes of all documents go into one array;
* maps each distinct word to its stem, prefix and lemma once, when the
  segment is written (stems in one call into the stemmer);
* inverts each field at once: the tokens' term numbers are sorted (stably:
  documents stay in order) and cut into postings, term frequencies and
  positions with a few numpy operations.

The result is exactly what Whoosh's ``SegmentWriter`` writes through
:class:`searchlib._codec.SearchlibCodec` for the same documents
(``tests/test_writer.py`` compares them), in a fraction of the time.

:func:`write_index` builds a whole index: segments of bounded size (memory
stays bounded), merged into one at the end, or built by ``procs`` worker
processes.  :func:`update_index` applies deletions and additions to an
existing index; :func:`merge_segments` merges its segments (``optimize``).
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import queue
import re
import signal
import sys
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import numpy as np
from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions

from searchlib._codec import (
    FieldPostings,
    Members,
    SearchlibSegment,
    gather_ranges,
    index_segments,
    open_segment,
    stored_blob,
    write_docs,
    write_terms,
    write_toc,
)
from searchlib._codec import merge_segments as merge_arrays
from searchlib._codec.codec import DOCS_EXT, TERMS_EXT
from searchlib._errors import SearchIndexError
from searchlib._morph import lemma
from searchlib._schema import DERIVED_FIELDS, PREFIX_LENGTH
from searchlib._stopwords import RUSSIAN_STOP_WORDS
from searchlib.analysis import _INWORD, MAX_TOKEN_CHARS, WORD_RE, normalize_word, stem_all

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "SegmentBuilder",
    "merge_segments",
    "update_index",
    "write_index",
]

#: Tokens a builder keeps in memory before it writes a segment (about 40 bytes each at the peak).
DEFAULT_MAX_TOKENS = 8_000_000
_BATCH = 200  # documents sent to a worker process at a time
_POLL = 0.5  # seconds between checks that worker processes are alive
# Codes of tokens that are not words of the index.
_STOP, _EMPTY, _LONG = -1, -2, -3
_GENERIC_CACHE = 50_000  # analysed values of other text fields kept per builder
_TERM_CACHE = 2_000_000  # words whose stems and lemmas a build keeps for its next segments
_lemma: Callable[[str], str] = lemma.__wrapped__
_findall = WORD_RE.findall
_find_plain = re.compile(r"\w+").findall
_marked = re.compile(f"[_{_INWORD}]").search
_Term = TypeVar("_Term", str, bytes)


class _Surfaces(dict[str, int]):
    """Surface form (`Москвы`) -> its number; :attr:`codes` maps that to its word's code.

    A word's code is its number in :attr:`words` (normalised words, numbered
    as first seen: a segment's words are its keys), or a mark: a stop word,
    no letters left.  A too-long token gets no number (it is -1) and is not
    kept: hostile text could hold any number of them.  Each distinct surface
    form is normalised once; the dict does the rest at C speed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: dict[str, int] = {}
        self.forms: list[str] = []
        self.codes = array("i")

    def __missing__(self, surface: str) -> int:
        if len(surface) > MAX_TOKEN_CHARS:
            return -1
        # Cached: the display forms (FormTally) normalise the same forms again, and
        # take 0.39 s instead of 0.55 s at 104,000 paragraphs when they are known.
        word = normalize_word(surface)
        if not word:
            code = _EMPTY
        elif word in RUSSIAN_STOP_WORDS:
            code = _STOP
        else:
            code = self.words.setdefault(word, len(self.words))
        number = self[surface] = len(self.forms)
        self.forms.append(surface)
        self.codes.append(code)
        return number


class _TermCache:
    """Stems and lemmas of words, for a whole build (its segments share them), computed in bulk.

    A segment's own words are stemmed and lemmatised as lists; they become
    dicts (word -> stem, word -> lemma) only when another segment comes:
    most builds have one, and making dicts of its 210,000 words (at 104,000
    paragraphs) and reading them back cost 0.25 s.
    """

    def __init__(self) -> None:
        self._stems: dict[str, str] = {}
        self._lemmas: dict[str, str] = {}
        self._last: tuple[Sequence[str], list[str], Sequence[str], list[str]] | None = None

    def terms(self, words: Sequence[str], ordered: Sequence[str]) -> tuple[list[str], list[str]]:
        """The stems of ``words`` and the lemmas of ``ordered`` (the same words, sorted).

        Lemmas are looked up in sorted order: neighbours share the paths of
        pymorphy3's dictionary through memory, and the 80,000 words of 20,000
        paragraphs take 0.30 s instead of 0.37 s.  (Stems are faster in the
        order the words came: their strings lie together in memory.)
        """
        stems, lemmas = self._stems, self._lemmas
        if self._last is not None:  # the previous segment's words
            last_words, last_stems, last_ordered, last_lemmas = self._last
            self._last = None
            if len(stems) + len(last_words) > _TERM_CACHE:
                stems.clear()
                lemmas.clear()
            stems.update(zip(last_words, last_stems, strict=True))
            lemmas.update(zip(last_ordered, last_lemmas, strict=True))
        if not stems:
            word_stems = stem_all(list(words))
            word_lemmas = [_lemma(w) for w in ordered]
            self._last = (words, word_stems, ordered, word_lemmas)
            return word_stems, word_lemmas
        missing = [w for w in words if w not in stems]
        stems.update(zip(missing, stem_all(missing), strict=True))
        lemmas.update([(w, _lemma(w)) for w in ordered if w not in lemmas])
        return [stems[w] for w in words], [lemmas[w] for w in ordered]


class _Plan(NamedTuple):
    """What adding a value of one field takes (see ``SegmentBuilder.add``)."""

    name: str
    stored: bool
    indexed: bool
    derived: bool  # analysed the searchlib way (DERIVED_FIELDS)
    identifier: bool  # an ID field: the whole value is its one term
    field: Any  # the Whoosh field
    # Where a value's item goes, and where its document goes (None where they do
    # not apply: typed Any so that the hot loop of add() has no checks).
    texts: Any  # derived fields: which text (run of tokens) it is
    terms: Any  # identifier values: the term
    values: Any  # other values: their postings (cached, _Postings)


#: A value's postings in a field Whoosh analyses: (terms, their frequencies,
#: their positions one after another (None: the field keeps none), length).
_Postings = tuple[list[bytes], "array[int]", "array[int] | None", int]


class _Generic:
    """Values of an indexed field that is not a derived text field (ids, numbers, titles...).

    An identifier value (a string in an ID field) is one term, once: its term
    is kept.  Any other value is analysed once (see ``SegmentBuilder._analyse``)
    and its postings kept by reference: a document's value costs two appends,
    however many terms it has (a paragraph number has eight), and its
    postings are made for all documents at once when the segment is written.
    """

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.term_docs = array("I")
        self.values: list[_Postings] = []
        self.value_docs = array("I")


def _value_postings(
    values: list[_Postings], value_docs: np.ndarray, positional: bool
) -> tuple[list[bytes], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The postings of analysed values (one a document), all at once.

    Returns (the terms of the distinct values; each posting's place among
    them, document and frequency; the positions of each posting in turn
    (empty without ``positional``); each value's length).  Values are told
    apart by identity: equal values share their cached postings.
    """
    first: dict[int, int] = {}
    slots = np.fromiter(
        map(first.setdefault, map(id, values), range(len(values))), np.int64, len(values)
    )
    firsts = list(first.values())
    distinct = [values[i] for i in firsts]
    number = np.empty(len(values), dtype=np.int64)
    number[firsts] = np.arange(len(distinct))
    which = number[slots]  # each value's number among the distinct ones
    sizes = np.fromiter((len(v[0]) for v in distinct), np.int64, len(distinct))
    ends = np.cumsum(sizes)
    flat_freqs = array("I")
    flat_positions = array("I")
    for _terms, value_freqs, value_positions, _length in distinct:
        flat_freqs += value_freqs
        if positional and value_positions is not None:
            flat_positions += value_positions
    index = gather_ranges((ends - sizes)[which], ends[which])
    freqs = np.frombuffer(flat_freqs, dtype=np.uint32)
    positions = np.zeros(0, dtype=np.uint32)
    if positional:
        position_ends = np.cumsum(freqs, dtype=np.int64)
        positions = np.frombuffer(flat_positions, dtype=np.uint32)[
            gather_ranges((position_ends - freqs)[index], position_ends[index])
        ]
    lengths = np.fromiter((v[3] for v in distinct), np.int64, len(distinct))[which]
    terms = list(itertools.chain.from_iterable(v[0] for v in distinct))
    docs = np.repeat(value_docs, sizes[which])
    return terms, index, docs, freqs[index], positions, lengths


def _by_term(term_ids: np.ndarray, term_count: int) -> np.ndarray:
    """The stable order of ``term_ids`` (below ``term_count``), 16 bits at a time.

    numpy sorts 16-bit keys stably by radix, in linear time: by the low half
    of each number, then stably by the high half.  Four times as fast as
    sorting (term, document) pairs (12 ms instead of 52 ms for 1,000,000
    tokens), and the order is the same: the tokens come in document order.
    """
    if term_count <= 1 << 16:
        return np.argsort(term_ids.astype(np.uint16), kind="stable")
    order = np.argsort((term_ids & 0xFFFF).astype(np.uint16), kind="stable")
    return order[np.argsort((term_ids >> 16).astype(np.uint16)[order], kind="stable")]


def _invert(
    term_ids: np.ndarray, docs: np.ndarray, positions: np.ndarray | None, term_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Tokens (in document order, positions ascending) -> postings.

    Returns (used term numbers, postings per used term, docs, freqs, positions).
    A stable sort by term keeps each term's tokens in document order, and
    each document's positions in order.
    """
    if not len(term_ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, None if positions is None else empty
    order = _by_term(term_ids, term_count)
    terms_sorted = term_ids[order]
    docs_sorted = docs[order]
    positions_sorted = None if positions is None else positions[order]
    del order
    n = len(terms_sorted)
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(terms_sorted[1:], terms_sorted[:-1], out=new[1:])
    new[1:] |= docs_sorted[1:] != docs_sorted[:-1]
    starts = np.flatnonzero(new)
    del new
    freqs = np.diff(np.append(starts, n)).astype(np.uint32)
    counts = np.bincount(terms_sorted[starts], minlength=term_count)
    used = np.flatnonzero(counts)
    return used, counts[used], docs_sorted[starts], freqs, positions_sorted


class SegmentBuilder:
    """Collects documents (Whoosh field mappings) and writes them as one segment.

    Use it like Whoosh's writer: :meth:`add` each document's fields, then
    :meth:`write` into a storage.  Fields named in
    ``searchlib._schema.DERIVED_FIELDS`` are analysed the searchlib way (one
    tokenisation for all of a text's fields); every other field by its own
    Whoosh analyzer, once per distinct value.
    """

    def __init__(self, schema: Any, *, term_cache: _TermCache | None = None) -> None:
        self.schema = schema
        for name, field in schema.items():
            if field.vector or field.separate_spelling() or field.column_type:
                raise ValueError(
                    f"field {name!r}: term vectors, spelling fields and columns are not supported"
                )
        self._derived = {n: k for n, k in DERIVED_FIELDS.items() if n in schema}
        self._positional = {
            n for n, f in schema.items() if f.indexed and type(f.format) is Positions
        }
        self._surfaces = _Surfaces()
        self._surface_number = self._surfaces.__getitem__
        self._terms = term_cache if term_cache is not None else _TermCache()
        self._codes: list[int] = []  # each token's surface number (a list: extended faster)
        self._bounds = array("q", [0])  # run r is _codes[_bounds[r]:_bounds[r + 1]]
        self._runs: dict[str, tuple[array[int], array[int]]] = {}  # field -> (docs, runs)
        self._generic: dict[str, _Generic] = {}
        self._postings = 0  # of the values of self._generic (their terms are counted apart)
        self._plans = {name: self._plan(name, field) for name, field in schema.items()}
        # What writing found: each kind's vocabulary, and the terms each field used.
        self._vocabularies_made: dict[str, tuple[list[str], np.ndarray]] = {}
        self._used: dict[str, np.ndarray] = {}
        self._analysed: dict[tuple[str, Any], _Postings] = {}
        self._stored: list[bytes] = []  # each document's stored fields (see stored_blob)
        #: Written forms of the words of paragraph texts -> how often (see FormTally).
        self.surface_counts: dict[str, int] = {}

    def _plan(self, name: str, field: Any) -> _Plan:
        indexed = bool(field.indexed)
        derived = name in self._derived and indexed
        texts = terms = values = None
        if derived:
            docs, runs = self._runs.setdefault(name, (array("I"), array("I")))
            texts = (runs, docs)
        elif indexed:
            generic = self._generic[name] = _Generic()
            terms = (generic.terms, generic.term_docs)
            values = (generic.values, generic.value_docs)
        identifier = indexed and isinstance(field.analyzer, IDTokenizer)
        return _Plan(
            name, bool(field.stored), indexed, derived, identifier, field, texts, terms, values
        )

    @property
    def doc_count(self) -> int:
        return len(self._stored)

    @property
    def tokens(self) -> int:
        """Tokens held so far (the memory a builder takes grows with them)."""
        return len(self._codes) + sum(len(g.terms) for g in self._generic.values()) + self._postings

    # -- adding documents ----------------------------------------------------------

    def add(self, fields: Mapping[str, Any]) -> None:
        """Add one document: ``{field name: value}``, as ``IndexWriter.add_document`` takes."""
        plans = self._plans
        docnum = len(self._stored)
        stored: dict[str, Any] = {}
        runs: dict[str, int] = {}  # text -> run, within this document
        added: list[tuple[tuple[Any, Any], Any]] = []  # ((where it goes, its documents), item)
        postings = 0
        try:
            for name, value in fields.items():
                if value is None:
                    continue
                plan = plans.get(name)
                if plan is None:
                    raise ValueError(f"no field named {name!r} in the index schema")
                if plan.stored:
                    stored[name] = value
                if plan.derived:
                    if not isinstance(value, str):
                        raise ValueError(f"{name}: {value!r} is not a string")
                    run = runs.get(value)
                    if run is None:
                        run = runs[value] = self._tokenise(value)
                    added.append((plan.texts, run))
                elif plan.identifier and isinstance(value, str):
                    added.append((plan.terms, value.encode("utf-8")))
                elif plan.indexed:
                    found = self._analyse(plan, value)
                    postings += len(found[0])
                    added.append((plan.values, found))
        except Exception:
            if runs:  # forget the texts of this document tokenised so far
                first = min(runs.values())
                del self._codes[self._bounds[first] :]
                del self._bounds[first + 1 :]
            raise
        for (items, docs), item in added:
            items.append(item)
            docs.append(docnum)
        self._postings += postings
        self._stored.append(stored_blob(stored))

    def _tokenise(self, text: str) -> int:
        self._codes += map(self._surface_number, _tokens(text))
        self._bounds.append(len(self._codes))
        return len(self._bounds) - 2

    def _analyse(self, plan: _Plan, value: Any) -> _Postings:
        """The postings of a value of a field Whoosh analyses (cached)."""
        name = plan.name
        key = (name, value if isinstance(value, str | int) else repr(value))
        found = self._analysed.get(key)
        if found is None:
            fmt = plan.field.format
            positional = name in self._positional
            terms: list[bytes] = []
            freqs = array("I")
            positions = array("I") if positional else None
            for btext, freq, weight, vbytes in plan.field.index(value):
                if weight != freq:
                    raise ValueError(f"field {name!r}: boosts are not kept")
                terms.append(btext)
                freqs.append(freq)
                if positions is not None:
                    positions.extend(fmt.decode_positions(vbytes))
            if len(self._analysed) >= _GENERIC_CACHE:
                self._analysed.clear()
            found = self._analysed[key] = (terms, freqs, positions, sum(freqs))
        return found

    # -- writing the segment ----------------------------------------------------------

    def _vocabularies(self) -> dict[str, tuple[list[str], np.ndarray]]:
        """For each kind of derived term: (its terms, sorted; word number -> term number)."""
        words = list(self._surfaces.words)
        ranked_words = _ranked_distinct(words)
        ordered, places = ranked_words
        stems, lemmas = self._terms.terms(words, ordered)
        lemma_terms, lemma_numbers = _ranked(lemmas)  # (of the words in sorted order)
        return {
            "stem": _ranked(stems),
            "word": ranked_words,
            "prefix": _ranked([w[:PREFIX_LENGTH] for w in words]),
            "lemma": (lemma_terms, lemma_numbers[places]),
        }

    def _token_table(self, surfaces: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The words of all texts: (their codes, their positions, where each text's start).

        ``surfaces``: each token's surface number.  Stop words and too-long
        tokens are dropped here.  Too-long tokens take no position; stop
        words take none either, but shift the words after them back (Whoosh's
        stop filter renumbers positions).
        """
        # (A too-long token's number, -1, picks the mark appended last.)
        codes = np.append(np.frombuffer(self._surfaces.codes, dtype=np.int32), _LONG)[surfaces]
        bounds = np.frombuffer(self._bounds, dtype=np.int64)
        is_word = codes >= 0
        placed = np.zeros(len(codes) + 1, dtype=np.int32)  # tokens with a position, so far
        np.cumsum(is_word | (codes == _EMPTY), dtype=np.int32, out=placed[1:])
        words = np.flatnonzero(is_word)
        run_words = np.zeros(len(bounds), dtype=np.int64)
        np.cumsum(np.diff(np.searchsorted(words, bounds)), out=run_words[1:])
        run_of = np.repeat(
            np.arange(len(bounds) - 1, dtype=np.int32), np.diff(run_words)
        )  # the text each word is in
        positions = placed[words] - placed[bounds[:-1]][run_of]
        return codes[words], positions, run_words

    def _count_surfaces(self, surfaces: np.ndarray) -> None:
        """Count the written forms of the words of paragraph texts (the ``text`` field's)."""
        if "text" not in self._runs:
            return
        bounds = np.frombuffer(self._bounds, dtype=np.int64)
        runs = np.frombuffer(self._runs["text"][1], dtype=np.uint32).astype(np.int64)
        surfaces = surfaces[gather_ranges(bounds[runs], bounds[runs + 1])]
        counts = np.bincount(surfaces[surfaces >= 0], minlength=len(self._surfaces.forms))
        counts[np.frombuffer(self._surfaces.codes, dtype=np.int32) < 0] = 0  # stop words
        forms = self._surfaces.forms
        counted = np.flatnonzero(counts)
        self.surface_counts = dict(
            zip([forms[i] for i in counted.tolist()], counts[counted].tolist(), strict=True)
        )

    def _derived_fields(self, lengths: dict[str, np.ndarray]) -> Iterator[FieldPostings]:
        if not self._runs:
            return
        surfaces = np.array(self._codes, dtype=np.int32)
        self._codes = []
        codes, position, run_words = self._token_table(surfaces)
        self._count_surfaces(surfaces)
        del surfaces  # (the table above holds what is needed of it)
        self._surfaces.clear()
        words_per_run = np.diff(run_words)
        vocabularies = self._vocabularies_made = self._vocabularies()
        encoded: dict[str, list[bytes]] = {}
        for name in sorted(self._runs):
            docs_list, run_list = self._runs[name]
            docs = np.frombuffer(docs_list, dtype=np.uint32)
            runs = np.frombuffer(run_list, dtype=np.uint32).astype(np.int64)
            if self.schema[name].scorable:
                row = np.zeros(self.doc_count, dtype=np.uint32)
                row[docs] = words_per_run[runs]
                lengths[name] = row
            index = gather_ranges(run_words[runs], run_words[runs + 1])
            kind = self._derived[name]
            vocabulary, mapping = vocabularies[kind]
            term_ids = mapping[codes[index]]
            positions = position[index] if name in self._positional else None
            del index
            token_docs = np.repeat(docs, words_per_run[runs])
            used, counts, post_docs, freqs, post_positions = _invert(
                term_ids, token_docs, positions, len(vocabulary)
            )
            self._used[name] = used
            del term_ids, token_docs, positions
            if kind not in encoded:
                encoded[kind] = list(map(str.encode, vocabulary))
            terms = encoded[kind]
            if len(used) < len(terms):
                terms = list(map(terms.__getitem__, used.tolist()))
            yield FieldPostings(name, terms, counts, post_docs, freqs, post_positions)

    def _generic_fields(self, lengths: dict[str, np.ndarray]) -> Iterator[FieldPostings]:
        for name in sorted(self._generic):
            generic = self._generic[name]
            positional = name in self._positional
            terms = generic.terms  # identifier values: each one term, frequency 1 at position 1
            places = np.arange(len(terms))
            docs = np.frombuffer(generic.term_docs, dtype=np.uint32)
            freqs = np.ones(len(terms), dtype=np.uint32)
            positions = freqs
            if generic.values:
                value_docs = np.frombuffer(generic.value_docs, dtype=np.uint32)
                value_terms, index, more_docs, more_freqs, more_positions, value_lengths = (
                    _value_postings(generic.values, value_docs, positional)
                )
                if self.schema[name].scorable:
                    row = np.zeros(self.doc_count, dtype=np.uint32)
                    row[value_docs] = value_lengths
                    lengths[name] = row
                places = np.concatenate([places, len(terms) + index])
                terms = terms + value_terms
                docs = np.concatenate([docs, more_docs])
                freqs = np.concatenate([freqs, more_freqs])
                if positional:
                    positions = np.concatenate([positions, more_positions])
            vocabulary, numbers = _ranked(terms)
            term_ids = numbers[places]
            order = np.arange(len(docs))
            if len(generic.terms) and len(generic.values):  # (each part's documents ascend)
                order = np.argsort(docs, kind="stable")
            order = order[_by_term(term_ids[order], len(vocabulary))]
            if positional:
                ends = np.cumsum(freqs, dtype=np.int64)
                positions = positions[gather_ranges((ends - freqs)[order], ends[order])]
            counts = np.bincount(term_ids, minlength=len(vocabulary))
            yield FieldPostings(
                name,
                vocabulary,
                counts,
                docs[order],
                freqs[order],
                positions if positional else None,
            )

    def _members(self) -> Members | None:
        """Which words have which lemma (the lemma and words fields of paragraphs)."""
        used = self._used
        if "lemma" not in used or "words" not in used:
            return None
        vocabularies = self._vocabularies_made
        lemma_by_word = np.full(len(vocabularies["word"][0]), -1, dtype=np.int64)
        lemma_by_word[vocabularies["word"][1]] = vocabularies["lemma"][1]
        lemmas = lemma_by_word[used["words"]]  # of each word of the field, in order
        lemma_used = used["lemma"]
        at = np.minimum(np.searchsorted(lemma_used, lemmas), max(len(lemma_used) - 1, 0))
        found = (lemmas >= 0) & (lemma_used[at] == lemmas) if len(lemma_used) else lemmas < 0
        return Members("lemma", "words", lemma_of=np.where(found, at, -1))

    def write(self, storage: Any, indexname: str) -> SearchlibSegment:
        """Write the documents added so far as a new segment of ``storage``; returns it.

        A builder writes once: what it held is released as it is written.
        """
        count = self.doc_count
        segment = SearchlibSegment(indexname)
        lengths: dict[str, np.ndarray] = {}
        try:
            fields = [*self._derived_fields(lengths), *self._generic_fields(lengths)]
            with segment.create_file(storage, TERMS_EXT) as out:
                segment.set_checksum(TERMS_EXT, write_terms(out, fields, self._members()))
            del fields
            offsets = _cumulative_sizes(self._stored)
            stored = np.frombuffer(b"".join(self._stored), dtype=np.uint8)
            self._stored = []
            with segment.create_file(storage, DOCS_EXT) as out:
                segment.set_checksum(DOCS_EXT, write_docs(out, count, lengths, offsets, stored))
        except BaseException:
            _delete_segment(storage, segment)
            raise
        segment.set_doc_count(count)
        return segment


def _tokens(text: str) -> list[str]:
    """The tokens ``WORD_RE`` finds in ``text``.

    Where a text has no underscore and no in-word mark (stress, soft hyphen...),
    they are the runs of word characters, which ``\\w+`` finds 15% faster (0.70 s
    instead of 0.82 s for 104,000 paragraphs, the check included).
    """
    return _findall(text) if _marked(text) else _find_plain(text)


def _ranked_distinct(values: Sequence[_Term]) -> tuple[list[_Term], np.ndarray]:
    """(``values``, all distinct, sorted; the place of each in that order).

    For a segment's words: 0.17 s instead of 0.31 s for 210,000 of them, when
    made as for values that repeat (a set, sorted, and a dict of places).
    """
    count = len(values)
    order = sorted(range(count), key=values.__getitem__)
    places = np.empty(count, dtype=np.int32)
    places[order] = np.arange(count, dtype=np.int32)
    return list(map(values.__getitem__, order)), places


def _ranked(values: Sequence[_Term]) -> tuple[list[_Term], np.ndarray]:
    """(the distinct ``values``, sorted; the number of each value among them).

    Each value is looked up once, in a dict of the first place of each, and
    the distinct values are sorted in the order they came: a fifth less time
    than sorting a set and mapping each value through a dict of its number
    (0.07 s instead of 0.09 s for the stems of 210,000 words; a set hands the
    sort its strings in hash order, scattered through memory).
    """
    first: dict[_Term, int] = {}
    firsts = np.fromiter(
        map(first.setdefault, values, range(len(values))), dtype=np.int64, count=len(values)
    )
    distinct, places = _ranked_distinct(list(first))
    number = np.empty(len(values), dtype=np.int32)
    number[np.fromiter(first.values(), dtype=np.int64, count=len(distinct))] = places
    return distinct, number[firsts]


def _cumulative_sizes(blobs: Sequence[bytes]) -> np.ndarray:
    offsets = np.zeros(len(blobs) + 1, dtype=np.uint64)
    np.cumsum(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)), out=offsets[1:])
    return offsets


def _delete_segment(storage: Any, segment: Any) -> None:
    for ext in (TERMS_EXT, DOCS_EXT):
        with contextlib.suppress(OSError):
            storage.delete_file(segment.make_filename(ext))


# --- Whole indexes -----------------------------------------------------------------------


def merge_into_one(storage: Any, indexname: str, segments: Sequence[Any]) -> Any:
    """One new segment holding the live documents of ``segments`` (their files stay)."""
    parts = []
    for segment in segments:
        terms, docs = open_segment(storage, segment)
        parts.append((terms, docs, set(segment.deleted_docs())))
    fields, members, count, lengths, offsets, stored = merge_arrays(parts)
    merged = SearchlibSegment(indexname)
    try:
        with merged.create_file(storage, TERMS_EXT) as out:
            merged.set_checksum(TERMS_EXT, write_terms(out, fields, members))
        with merged.create_file(storage, DOCS_EXT) as out:
            merged.set_checksum(DOCS_EXT, write_docs(out, count, lengths, offsets, stored))
    except BaseException:
        _delete_segment(storage, merged)
        raise
    merged.set_doc_count(count)
    return merged


def _index_batches(
    ix: Any,
    batches: Iterable[Sequence[Mapping[str, Any]]],
    max_tokens: int,
    surfaces: Counter[str],
) -> list[Any]:
    """Write ``batches`` of documents into new segments (no table of contents); returns them.

    The written forms of paragraph words are counted into ``surfaces``.
    """
    segments = []
    schema = ix.schema
    cache = _TermCache()
    builder = SegmentBuilder(schema, term_cache=cache)
    try:
        for batch in batches:
            for fields in batch:
                builder.add(fields)
            if builder.tokens >= max_tokens:
                segments.append(builder.write(ix.storage, ix.indexname))
                surfaces.update(builder.surface_counts)
                builder = SegmentBuilder(schema, term_cache=cache)
        if builder.doc_count:
            segments.append(builder.write(ix.storage, ix.indexname))
            surfaces.update(builder.surface_counts)
    except BaseException:
        for segment in segments:
            _delete_segment(ix.storage, segment)
        raise
    return segments


_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _follow_parent() -> None:
    """End this worker process when the process that started it dies.

    A killed build (SIGKILL, OOM killer) cannot stop its workers, and they
    would wait for batches for ever.  On Linux the kernel kills the worker
    (``prctl(PR_SET_PDEATHSIG, SIGKILL)``: sent when the thread that started
    it ends, and the build's thread waits for its workers); everywhere, a
    daemon thread waits for the parent's end (multiprocessing's sentinel of
    the parent, else polling ``os.getppid()``) and ends the process.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    parent = multiprocessing.parent_process()
    if parent is not None and not parent.is_alive():  # died before prctl took effect
        os._exit(1)
    threading.Thread(
        target=_await_parent, args=(parent,), name="searchlib-parent", daemon=True
    ).start()


def _await_parent(parent: Any) -> None:
    """Wait for the parent process to end (``parent``: multiprocessing's), then exit at once."""
    if parent is not None:
        with contextlib.suppress(Exception):
            parent.join()  # returns when the parent's sentinel closes: it died
            os._exit(1)
    original = os.getppid()
    while os.getppid() == original:
        time.sleep(_POLL)
    os._exit(1)


def _worker(index_dir: str, indexname: str, max_tokens: int, jobs: Any, results: Any) -> None:
    """A worker process of :func:`write_index`: index batches from ``jobs`` into segments.

    It ends with its parent, however the parent ends (see :func:`_follow_parent`).
    """
    _follow_parent()
    try:
        ix = FileStorage(index_dir).open_index(indexname)
        surfaces: Counter[str] = Counter()
        segments = _index_batches(ix, iter(jobs.get, None), max_tokens, surfaces)
        results.put(("ok", (segments, surfaces)))
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))


class _Workers:
    """``procs`` worker processes indexing batches of documents into segments of one index."""

    def __init__(self, ix: Any, procs: int, max_tokens: int) -> None:
        context = multiprocessing.get_context()
        self._jobs = context.Queue(procs * 2)
        self._results = context.Queue()
        self._processes = [
            context.Process(
                target=_worker,
                args=(ix.storage.folder, ix.indexname, max_tokens, self._jobs, self._results),
                daemon=True,
            )
            for _ in range(procs)
        ]
        self._segments: list[Any] = []
        self.surfaces: Counter[str] = Counter()
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
        segments, surfaces = payload
        self._segments.extend(segments)
        self.surfaces.update(surfaces)
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
    max_tokens: int = DEFAULT_MAX_TOKENS,
    on_document: Callable[[int], object] | None = None,
) -> Counter[str]:
    """Index ``documents`` (field mappings) into the empty index ``ix``, as one segment.

    A segment is written every ``max_tokens`` tokens (bounding memory), and
    they are merged into one at the end.  ``procs`` > 1 analyses and writes
    in that many worker processes, whose segments are merged the same way.
    ``on_document(count)`` is called as documents are taken (for progress).
    Returns how often each written form of a paragraph word occurred (see
    :class:`searchlib._spelling.FormTally`).
    """
    if index_segments(ix):
        raise ValueError("write_index builds a new index: this one already has segments")
    batches = _batches(documents, on_document)
    surfaces: Counter[str] = Counter()
    if procs <= 1:
        segments = _index_batches(ix, batches, max_tokens, surfaces)
    else:
        workers = _Workers(ix, procs, max_tokens)
        try:
            for batch in batches:
                workers.send(batch)
            segments = workers.finish()
        except BaseException:
            workers.stop()
            raise
        surfaces = workers.surfaces
    if len(segments) > 1:
        segments = [merge_into_one(ix.storage, ix.indexname, segments)]
    write_toc(ix, segments)
    return surfaces


def _delete_where(ix: Any, segments: Sequence[Any], field: str, values: Iterable[str]) -> None:
    """Mark deleted, in ``segments``, every document whose ``field`` is one of ``values``."""
    keys = [v.encode("utf-8") for v in values]
    for segment in segments:
        terms, _docs = open_segment(ix.storage, segment)
        for key in keys:
            index = terms.find(field, key)
            if index >= 0:
                start, end = terms.postings(index)
                for docnum in terms.docs[start:end].tolist():
                    segment.delete_document(docnum)


def _small_merge(segments: list[Any], new: Any) -> tuple[list[Any], list[Any]]:
    """Which segments to merge with a new one: (kept as they are, merged).

    Smallest first, a segment joins while it is no more than four times the
    documents gathered so far: segment sizes grow geometrically, so an index
    keeps a handful of segments however many updates it takes.
    """
    merged = [new]
    total = new.doc_count()
    kept = []
    for segment in sorted(segments, key=lambda s: s.doc_count_all()):
        if segment.doc_count_all() <= 4 * max(total, 1) or not segment.doc_count():
            merged.append(segment)
            total += segment.doc_count()
        else:
            kept.append(segment)
    return kept, merged


def update_index(
    ix: Any,
    *,
    remove: Mapping[str, Iterable[str]],
    documents: Iterable[Mapping[str, Any]] = (),
    optimize: bool = False,
    on_document: Callable[[int], object] | None = None,
) -> Counter[str]:
    """Delete documents, add ``documents`` and commit a new table of contents.

    ``remove`` maps a field to values: documents holding one are deleted
    (``{"article": ["a1"], "id": [...]}``).  Small segments are merged with
    the new one; ``optimize`` merges them all into one.  Returns the written
    forms of the added paragraphs' words, counted.
    """
    segments = index_segments(ix)
    foreign = [s for s in segments if not isinstance(s, SearchlibSegment)]
    if foreign:
        raise SearchIndexError(
            "this index holds segments in another format (written by Whoosh's own"
            " writer?); rebuild it with `searchlib index build --force`"
        )
    for field, values in remove.items():
        _delete_where(ix, segments, field, values)
    builder = SegmentBuilder(ix.schema)
    for done, fields in enumerate(documents, start=1):
        builder.add(fields)
        if on_document is not None:
            on_document(done)
    new = builder.write(ix.storage, ix.indexname) if builder.doc_count else None
    surfaces = Counter(builder.surface_counts)
    live = [s for s in segments if s.doc_count()]
    if optimize:
        pool = live + ([new] if new is not None else [])
        whole = len(pool) == 1 and not pool[0].has_deletions()
        final = pool if whole or not pool else [merge_into_one(ix.storage, ix.indexname, pool)]
    elif new is not None:
        kept, merging = _small_merge(live, new)
        if len(merging) > 1:
            merging = [merge_into_one(ix.storage, ix.indexname, merging)]
        final = kept + merging
    else:
        final = live
    write_toc(ix, final)
    return surfaces


def merge_segments(ix: Any) -> None:
    """Merge all of the index's segments into one (deleted documents drop out)."""
    update_index(ix, remove={}, optimize=True)
