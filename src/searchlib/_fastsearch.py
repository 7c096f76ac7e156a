"""Ranking plain-word queries over a build's arrays with numpy: the search path.

Whoosh scores document at a time: for every candidate document it walks a
tree of Python matcher objects, one per term.  A searchlib plain-word query
has many terms (each word matched by stem, prefix, lemma and exact form, in
paragraphs and in quotes), so that walk would dominate query time.  Here
every term of a query is looked up once per segment (a hash look-up), all
their postings are gathered in one numpy operation and scored at once, with
exactly the BM25F formula of :class:`searchlib._scoring.FieldStatsBM25F`,
the same coordination factor and the same boosts; phrases (the adjacent-pair
bonus, hyphenated words) are matched on the position arrays.  Results equal
Whoosh's own scoring of the same query to floating-point rounding (the tests
compare them).

An :class:`ArrayIndex` holds no per-thread state: one serves every thread
searching a build.  Its postings are views of the build's memory-mapped
files (see :mod:`searchlib._codec`); what it works out from them once (a
segment's ``d x length`` table, the paragraph groups, looked-up terms) is
kept in memory, made under a lock, and only read after.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

import numpy as np
from whoosh import query as wq
from whoosh.codec.base import Automata

from searchlib._codec import (
    SearchlibSegment,
    SegmentDocs,
    SegmentTerms,
    gather_ranges,
    open_segment,
    sorted_unique,
)
from searchlib._query import CoordinatedOr, PlainPlan, WordOr
from searchlib._schema import FILTER_FIELDS, QUOTE_FIELDS
from searchlib._scoring import FieldStatsBM25F, idf

__all__ = ["ArrayIndex", "Ranked", "supported"]

# (total hits, (docnum, score) best first, docnum -> its matched quotes' docnums)
Ranked = tuple[int, list[tuple[int, float]], Callable[[int], list[int]]]
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)
_POSITION_BITS = 32
#: Up to this many bytes ((words, rounded up to 8) x documents), distinct matched words
#: are counted densely.
_DENSE_WORD_COUNT = 8_000_000
#: numpy's population count (numpy 2.0 and later; None before).
_bitwise_count: Callable[[np.ndarray], np.ndarray] | None = getattr(np, "bitwise_count", None)


class Deadline(Protocol):
    """A search's time budget as the scoring reads it (:class:`~searchlib._budget.Budget`)."""

    def expired(self) -> bool: ...

    def out_of_time(self) -> None: ...


def supported(q: Any) -> bool:
    """Can :class:`ArrayIndex` rank this query (plain words: terms, word alternatives, phrases)?

    Not a term of a field that only picks documents (`kind:quote` alone): the
    arrays score words, and found nothing for it.
    """
    if isinstance(q, PlainPlan):
        return True
    if isinstance(q, CoordinatedOr | WordOr):
        return all(supported(s) for s in q.subqueries)
    # (A phrase of either kind: Whoosh's, or one matched for its matchers when they ask.)
    return (type(q) is wq.Term or isinstance(q, wq.Phrase)) and q.fieldname not in FILTER_FIELDS


def _key(text: Any) -> bytes:
    return text if isinstance(text, bytes) else str(text).encode("utf-8")


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sum as Whoosh's ``make_binary_tree`` of intersection matchers adds scores up."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    total: np.ndarray = _tree_sum(parts[:half]) + _tree_sum(parts[half:])
    return total


class _Part:
    """One segment of the build: its arrays, where its documents start, which are deleted."""

    def __init__(self, terms: SegmentTerms, docs: SegmentDocs, base: int, deleted: Any) -> None:
        self.terms = terms
        self.docs = docs
        self.base = base
        self.size = docs.doc_count
        self.deleted = frozenset(deleted)
        self.lengths = docs.file.array("lengths")
        self.rows = {name: row for row, name in enumerate(docs.lengths)}
        # d x (counted) length of each document in each field, as ``lengths`` is laid out:
        # the half of BM25's norm a query does not change (see ArrayIndex._length_terms).
        self.length_terms: np.ndarray | None = None


#: A title not looked up yet (None is a title looked up and not there).
_UNKNOWN = object()
_KEPT_ATOMS = 1 << 16  # query terms an ArrayIndex keeps looked up (about 200 bytes each)


#: One (field, term) of a query, looked up: (its field; (term number, postings start,
#: end) in each segment; ``a`` = idf x (k1 + 1), as a posting scores ``a x tf / (tf + c
#: + d x length)``).  Several leaves of a query may share one (a word's stem in its own
#: term and in the phrases of adjacent words): it is looked up and scored once.  A plain
#: tuple of strings and numbers, which Python's garbage collector stops tracking: the
#: 65,536 an index keeps would otherwise be walked by every full collection of the
#: host process (the 1,000 development questions leave 27,000 behind).
_Atom = tuple[str, tuple[tuple[int, int, int], ...], float]


class ArrayIndex:
    """A build's segments as arrays, ranked with numpy (thread-safe; the index is only read).

    ``segments`` are the build's Whoosh segments (searchlib's format) in
    ``storage``; ``weighting`` gives BM25's k1 and b and the documents each
    field's statistics count.
    """

    def __init__(self, storage: Any, segments: Sequence[Any], weighting: FieldStatsBM25F) -> None:
        self._parts: list[_Part] = []
        base = 0
        for segment in segments:
            if not isinstance(segment, SearchlibSegment):
                raise TypeError("ArrayIndex reads searchlib segments only")
            terms, docs = open_segment(storage, segment)
            self._parts.append(_Part(terms, docs, base, segment.deleted_docs()))
            base += docs.doc_count
        self.size = base
        self._bases = [p.base for p in self._parts]
        self._weighting = weighting
        self._k1 = float(weighting.K1)
        self._b = float(weighting.B)
        self._log_lengths = weighting.log_lengths
        self._field_lengths: dict[str, int] = {}
        for part in self._parts:
            for name, total in part.docs.totals.items():
                self._field_lengths[name] = self._field_lengths.get(name, 0) + total
        # (documents counted, average length, d) of each field with lengths: see _constants_of.
        self._field_constants = {name: self._constants_of(name) for name in self._field_lengths}
        live = np.ones(self.size, dtype=bool)
        for part in self._parts:
            if part.deleted:
                gone = np.fromiter(part.deleted, dtype=np.int64, count=len(part.deleted))
                live[part.base + gone[gone < part.size]] = False
        self.live = live
        self._all_live = bool(live.all())  # (then ranking need not look at ``live``)
        self._lock = threading.Lock()
        self._kept_atoms: dict[tuple[str, bytes], _Atom] = {}
        # The ranges of a term no segment holds (half the terms a query looks up): shared,
        # as is each field's atom of such terms (see _new_atoms).
        self._absent = ((-1, 0, 0),) * len(self._parts)
        self._absent_atoms: dict[str, _Atom] = {
            name: (name, self._absent, idf(total, 0) * (self._k1 + 1))
            for name, (total, _, _) in self._field_constants.items()
        }
        self._kept_forms: dict[str, frozenset[str]] = {}
        self._kept_titles: dict[str, str | None] = {}
        self._groups: np.ndarray | None = None
        self._group_count = 0
        self._quotes: np.ndarray | None = None
        self._speakers: list[tuple[str, int]] | None = None

    # -- documents -----------------------------------------------------------------

    def _locate(self, docnum: int) -> tuple[_Part, int]:
        if not 0 <= docnum < self.size:
            raise IndexError(f"no document {docnum}")
        part = self._parts[bisect.bisect_right(self._bases, docnum) - 1]
        return part, docnum - part.base

    def stored(self, docnum: int) -> dict[str, Any]:
        """The stored fields of document ``docnum``."""
        part, local = self._locate(docnum)
        return part.docs.stored(local)

    def record_title(self, record: str) -> str | None:
        """The title of the live JSONL record ``record`` (None: none, or no such record);
        kept, as a record's quotes ask for it again and again."""
        # (One look-up, not `in` then `[]`: another thread may clear the table between two.)
        kept = self._kept_titles.get(record, _UNKNOWN)
        if kept is not _UNKNOWN:
            return kept  # type: ignore[return-value]
        title = None
        for docnum in self.term_docs("id", record).tolist():
            if self.live[docnum]:
                stored = self.stored(docnum).get("title")
                title = stored if isinstance(stored, str) else None
                break
        if len(self._kept_titles) >= _KEPT_ATOMS:
            self._kept_titles.clear()
        self._kept_titles[record] = title  # (the arrays do not change: any thread may read it)
        return title

    def term_docs(self, field: str, text: Any) -> np.ndarray:
        """The (global) numbers of the documents holding a term, deleted ones included."""
        key = _key(text)
        found = []
        for part in self._parts:
            index = part.terms.find(field, key)
            if index >= 0:
                start, end = part.terms.postings(index)
                found.append(part.terms.docs[start:end].astype(np.int64) + part.base)
        return np.concatenate(found) if found else _EMPTY_IDS

    def contains(self, field: str, text: Any) -> bool:
        """Does any segment hold the term (deleted documents' terms included)?"""
        key = _key(text)
        # (A loop, not any() of a generator; with find's comparison in place, 1.8 -> 1.2 us
        # a word the index holds, 1.4 -> 0.95 one it lacks: known() asks 14 a question.)
        for part in self._parts:  # noqa: SIM110 (see above)
            if part.terms.find(field, key) >= 0:
                return True
        return False

    @property
    def all_live(self) -> bool:
        """No document of the build is deleted (no update has removed or replaced any)."""
        return self._all_live

    def holds_live(self, field: str, text: Any) -> bool:
        """Does a live document hold the term?  (:meth:`contains` counts removed ones too,
        until a merge: a removed word must not be suggested.)"""
        if self._all_live:
            return self.contains(field, text)
        key = _key(text)
        live = self.live
        for part in self._parts:
            index = part.terms.find(field, key)
            if index < 0:
                continue
            start, end = part.terms.postings(index)
            docs = part.terms.docs
            # (A few documents settle it for a frequent word, most of whose are live:
            # completion asks about many such words.)
            for lo, hi in ((start, min(end, start + 64)), (start + 64, end)):
                if lo < hi and live[docs[lo:hi].astype(np.int64) + part.base].any():
                    return True
        return False

    def doc_frequency(self, field: str, text: Any) -> int:
        """Documents holding the term, deleted ones included until a merge (as Whoosh counts)."""
        key = _key(text)
        total = 0
        for part in self._parts:
            index = part.terms.find(field, key)
            if index >= 0:
                start, end = part.terms.postings(index)
                total += end - start
        return total

    def prefixed(self, field: str, prefix: str) -> dict[str, int]:
        """Terms of ``field`` starting with ``prefix`` -> live documents holding each."""
        key = prefix.encode("utf-8")
        found: dict[str, int] = {}
        for part in self._parts:
            first, end = part.terms.prefix_range(field, key)
            for index, raw in enumerate(part.terms.term_texts(first, end), start=first):
                start, stop = part.terms.postings(index)
                count = stop - start
                if part.deleted:
                    local = part.terms.docs[start:stop].tolist()
                    count -= sum(1 for d in local if d in part.deleted)
                if count:
                    word = raw.decode("utf-8")
                    found[word] = found.get(word, 0) + count
        return found

    def expansions(
        self, field: str, select: Callable[[SegmentTerms], np.ndarray], limit: int
    ) -> tuple[list[bytes], bool]:
        """The (at most ``limit``) most frequent terms of ``field`` that ``select`` picks.

        ``select`` gives a segment's matching term numbers (see
        ``SegmentTerms.glob`` and ``term_range``); the second value says
        whether terms were left out.
        """
        counts: dict[bytes, int] = {}
        cut = False
        for part in self._parts:
            if field not in part.terms.fields:
                continue
            numbers = select(part.terms)
            if not len(numbers):
                continue
            docs = part.terms.doc_counts(numbers)
            if len(numbers) > limit:
                cut = True
                best = np.argpartition(-docs, limit - 1)[:limit]
                numbers, docs = numbers[best], docs[best]
            for number, count in zip(numbers.tolist(), docs.tolist(), strict=True):
                term = part.terms.term(number)
                counts[term] = counts.get(term, 0) + count
        if len(counts) > limit:
            cut = True
        ranked = sorted(counts, key=lambda t: (-counts[t], t))[:limit]
        return sorted(ranked), cut

    def union(self, field: str, terms: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """(live documents ascending, summed scores) of the documents holding any of ``terms``.

        Each term scores as a Whoosh ``Term`` of ``field`` would (BM25F); a
        document's score is the sum over the terms it holds, as Whoosh's
        union of term matchers adds them up.  A field that only picks documents
        (`id:d00*`, `article:[a TO k]`) has no lengths to score by: each document
        holding a term scores 1.
        """
        if not self._field_lengths.get(field, 0):
            found = [self.term_docs(field, term) for term in terms]
            if not found:
                return _EMPTY_IDS, _EMPTY_SCORES
            held = sorted_unique(np.concatenate(found))
            held = held[self.live[held]]
            return held, np.ones(len(held), dtype=np.float64)
        atoms = self._atoms([(field, term) for term in terms])
        leaves = [(atoms[field, term], 1.0, 0) for term in terms if (field, term) in atoms]
        docs, scores, _ = self._term_scores(leaves)
        if not len(docs):
            return _EMPTY_IDS, _EMPTY_SCORES
        candidates = sorted_unique(docs)
        summed = np.bincount(np.searchsorted(candidates, docs), weights=scores)
        keep = self.live[candidates]
        return candidates[keep], summed[keep]

    def terms_within(self, field: str, text: str, distance: int, prefix: int = 0) -> set[str]:
        """Terms of ``field`` within ``distance`` edits of ``text`` (Whoosh's automaton)."""
        automata = Automata()
        found: set[str] = set()
        for part in self._parts:
            if field in part.terms.fields:
                cursor = _TextCursor(part.terms, field)
                found.update(automata.terms_within(cursor, text, distance, prefix))
        return found

    def lemma_forms(self, lemmas: Iterable[str]) -> frozenset[str] | None:
        """The words of the index whose lemma is one of ``lemmas``; None: not recorded.

        (Segments written by searchlib's builder record which words have
        which lemma; segments Whoosh's own writer made do not.)
        """
        found: set[str] = set()
        kept = self._kept_forms
        for lemma in lemmas:
            forms = kept.get(lemma)
            if forms is None:
                forms = self._forms_of(lemma)
                if forms is None:
                    return None
                if len(kept) >= _KEPT_ATOMS:
                    kept.clear()
                kept[lemma] = forms  # (lemmas recur in queries; the arrays do not change)
            found.update(forms)
        return frozenset(found)

    def _forms_of(self, lemma: str) -> frozenset[str] | None:
        key = lemma.encode("utf-8")
        found: set[str] = set()
        for number, part in enumerate(self._parts):
            members = part.terms.members
            if members is None:
                return None
            # (The ranking has just looked the lemma up, as a term of its query: its
            # atom says where it is.)
            atom = self._kept_atoms.get((members[0], key))
            index = part.terms.find(members[0], key) if atom is None else atom[1][number][0]
            if index >= 0:
                found.update(map(bytes.decode, part.terms.member_terms(index)))
        return frozenset(found)

    def mask(self, q: Any) -> np.ndarray | None:
        """Which documents a filter query (terms, prefixes, And, Or, Not, AndNot; a
        word's or a speaker's :class:`~searchlib._query.WordOr`) admits; None: not one
        of those."""
        if type(q) is wq.Term:
            admitted = np.zeros(self.size, dtype=bool)
            admitted[self.term_docs(q.fieldname, q.text)] = True
            return admitted
        if type(q) is wq.Prefix:  # (a speaker's word no name rule reads: its stem's words)
            admitted = np.zeros(self.size, dtype=bool)
            key = q.text.encode("utf-8")
            for part in self._parts:
                first, end = part.terms.prefix_range(q.fieldname, key)
                if first < end:  # (a prefix's terms are adjacent, and so are their postings)
                    start, stop = part.terms.postings(first)[0], part.terms.postings(end - 1)[1]
                    admitted[part.terms.docs[start:stop].astype(np.int64) + part.base] = True
            return admitted
        if isinstance(q, wq.Not):
            inner = self.mask(q.query)
            return None if inner is None else ~inner
        if isinstance(q, wq.AndNot):  # (`kind:quote -Казахстан` beside plain words)
            kept, dropped = self.mask(q.a), self.mask(q.b)
            return None if kept is None or dropped is None else kept & ~dropped
        if type(q) in (wq.And, wq.Or, WordOr):
            found = [self.mask(s) for s in q.subqueries]
            masks = [m for m in found if m is not None]
            if not masks or len(masks) < len(found):
                return None
            combined = masks[0]
            for other in masks[1:]:
                combined = combined & other if type(q) is wq.And else combined | other
            return combined
        return None

    def groups(self) -> np.ndarray:
        """Docnum -> a number standing for its paragraph (a paragraph and its quotes share it)."""
        with self._lock:
            if self._groups is None:
                groups = np.full(self.size, -1, dtype=np.int64)
                numbers: dict[bytes, int] = {}
                for part in self._parts:
                    if "group" not in part.terms.fields:
                        continue
                    first, end, _ = part.terms.fields["group"]
                    ids = np.fromiter(
                        (
                            numbers.setdefault(t, len(numbers))
                            for t in part.terms.term_texts(first, end)
                        ),
                        dtype=np.int64,
                        count=end - first,
                    )
                    starts = part.terms.post_starts[first : end + 1].astype(np.int64)
                    docs = part.terms.docs[starts[0] : starts[-1]].astype(np.int64)
                    groups[docs + part.base] = np.repeat(ids, np.diff(starts))
                # A document without a group is a group of its own.
                alone = np.flatnonzero(groups < 0)
                groups[alone] = len(numbers) + np.arange(len(alone))
                self._group_count = len(numbers) + len(alone)
                self._groups = groups
            return self._groups

    def quotes(self) -> np.ndarray:
        """Docnum -> is it a quote?"""
        with self._lock:
            if self._quotes is None:
                quotes = np.zeros(self.size, dtype=bool)
                quotes[self.term_docs("kind", "quote")] = True
                self._quotes = quotes
            return self._quotes

    def speakers(self) -> list[tuple[str, int]]:
        """(name, number of quotes) of everyone quoted in the live documents, most quoted first.

        Read once a build from the quotes' stored fields (a few thousand small
        JSON objects), not by parsing the corpus again.  Names that differ only
        in ``ё`` and case are one person (`Пётр Толстой`, `Петр Толстой`), shown
        as most of their quotes write it (with ``ё`` on a tie).
        """
        quotes = self.quotes()  # (before the lock: it takes it too)
        with self._lock:
            if self._speakers is None:
                spellings: dict[str, dict[str, int]] = {}
                for docnum in np.flatnonzero(quotes & self.live).tolist():
                    name = self.stored(docnum).get("speaker")
                    if name:
                        counts = spellings.setdefault(name.casefold().replace("ё", "е"), {})
                        counts[name] = counts.get(name, 0) + 1
                people = [
                    (
                        max(counts, key=lambda n: (counts[n], "ё" in n.casefold(), n)),
                        sum(counts.values()),
                    )
                    for counts in spellings.values()
                ]
                self._speakers = sorted(people, key=lambda item: (-item[1], item[0]))
            return list(self._speakers)

    # -- scoring -----------------------------------------------------------------------

    def _atoms(self, wanted: Iterable[tuple[str, bytes]]) -> dict[tuple[str, bytes], _Atom]:
        """Look the query's (field, term) pairs up in every segment; set their BM25 constants.

        Terms of fields no document fills (titles, in most collections) are not
        looked up.  Atoms are kept between queries (the arrays do not change,
        and query words recur): a kept atom is only read, by any thread.
        """
        kept = self._kept_atoms
        lengths = self._field_lengths
        atoms: dict[tuple[str, bytes], _Atom] = {}
        missing: list[tuple[str, bytes]] = []
        for pair in dict.fromkeys(wanted):
            atom = kept.get(pair)
            if atom is not None:
                atoms[pair] = atom
            elif lengths.get(pair[0], 0):
                missing.append(pair)
        if missing:
            atoms.update(zip(missing, self._new_atoms(missing), strict=True))
        return atoms

    def _new_atoms(self, missing: Sequence[tuple[str, bytes]]) -> list[_Atom]:
        """The atoms of (field, term) pairs of fields with lengths, looked up and kept.

        A term no segment holds (half the terms a query looks up) gets its field's one
        atom of such terms, made in advance; with one segment, a found term's ranges
        are made straight from its postings.  (With the pairs not checked twice:
        :meth:`_plain_leaves` of the 1,000 development questions, no atom kept,
        115 -> 104 us a question at 20,000 paragraphs.)
        """
        kept = self._kept_atoms
        if len(kept) + len(missing) > _KEPT_ATOMS:
            kept.clear()
        nowhere = self._absent_atoms
        constants = self._field_constants
        scale = self._k1 + 1
        atoms: list[_Atom] = []
        if len(self._parts) == 1:
            terms = self._parts[0].terms
            postings = terms.postings
            # (One term: numpy's call costs more than the one look-up.)
            indexes = terms.find_many(missing) if len(missing) > 1 else [terms.find(*missing[0])]
            for pair, index in zip(missing, indexes, strict=True):
                field = pair[0]
                atom = nowhere[field]
                if index >= 0:
                    start, end = postings(index)
                    if end > start:
                        a = idf(constants[field][0], end - start) * scale
                        atom = (field, ((index, start, end),), a)
                kept[pair] = atom  # (another thread may read it)
                atoms.append(atom)
            return atoms
        founds: list[list[tuple[int, int, int]]] = [[] for _ in missing]
        for part in self._parts:
            postings = part.terms.postings
            for found, index in zip(founds, part.terms.find_many(missing), strict=True):
                if index < 0:
                    found.append((-1, 0, 0))
                else:
                    start, end = postings(index)
                    found.append((index, start, end))
        for pair, found in zip(missing, founds, strict=True):
            field = pair[0]
            frequency = 0
            for _, start, end in found:
                frequency += end - start
            atom = nowhere[field]
            if frequency:
                atom = (field, tuple(found), idf(constants[field][0], frequency) * scale)
            kept[pair] = atom
            atoms.append(atom)
        return atoms

    def _constants_of(self, field: str) -> tuple[int, float, float]:
        """(documents counted, average length, BM25's d = k1 x b / average) of ``field``."""
        total = self._weighting.field_documents.get(field) or self.size or 1
        average = self._field_lengths.get(field, 0) / total or 1
        return total, average, self._k1 * self._b / average

    def _length_terms(self, part: _Part) -> np.ndarray:
        """``d x length`` of each document of ``part`` in each field (long ones counted
        logarithmically with :attr:`Ranking.log_lengths`), laid out as ``part.lengths``.

        A posting's score is ``a x tf / (tf + c + d x length)``, and only ``a`` and
        ``tf`` depend on the term: the rest is one table per segment, made on first
        use (8 bytes a document and field: 8.8 MB for the 10 fields of 104,253 paragraphs
        and their quotes; 6-12% less ranking time there, measured) and then
        only read, by every thread.  The same products as computed per posting, so
        the same scores to the last bit.
        """
        table = part.length_terms
        if table is not None:
            return table
        with self._lock:  # (one table: threads arriving together would each make 8.8 MB)
            if part.length_terms is None:
                part.length_terms = self._new_length_terms(part)
            return part.length_terms

    def _new_length_terms(self, part: _Part) -> np.ndarray:
        """:meth:`_length_terms`, made."""
        rows = []
        for field, row in sorted(part.rows.items(), key=lambda item: item[1]):
            _total, average, d = self._field_constants[field]
            length = part.lengths[row * part.size : (row + 1) * part.size]
            counted = (
                _log_lengths(length, average) if self._log_lengths else length.astype(np.float64)
            )
            counted *= d
            rows.append(counted)
        table = np.concatenate(rows) if rows else np.zeros(0, dtype=np.float64)
        table.flags.writeable = False
        return table

    def _term_scores(
        self, leaves: list[tuple[_Atom, float, int]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(docs, scores, word) of every posting of the leaves (atom, boost, word), all segments.

        Each segment's leaves are read in one Python pass into five columns (not
        one pass a column), and numpy's methods stand in for its Python wrappers
        (numpy calls cost about a microsecond each here).
        """
        docs_out, scores_out, words_out = [], [], []
        c = self._k1 * (1 - self._b)
        for number, part in enumerate(self._parts):
            rows_of = part.rows
            columns = [
                (start, end, rows_of.get(field, -1), a * boost, word)
                for (field, found, a), boost, word in leaves
                for _, start, end in (found[number],)
                if end > start
            ]
            if not columns:
                continue
            starts, ends, rows, weights, words = zip(*columns, strict=True)
            first = np.array(starts, dtype=np.int64)
            last = np.array(ends, dtype=np.int64)
            counts = last - first
            index = gather_ranges(first, last)
            docs = part.terms.docs[index].astype(np.int64)
            tf = part.terms.freqs[index].astype(np.float64)
            del index
            table = self._length_terms(part)
            # a x tf / (tf + c + d x length), in place where it can be: each array here is
            # as long as the postings, and every thread's allocator keeps its peak.
            rows_array = np.array(rows, dtype=np.int64)
            if min(rows) < 0:  # (a field no document of this segment fills: length 0)
                norm = np.zeros(len(docs), dtype=np.float64)
                have = (rows_array >= 0).repeat(counts)
                norm[have] = table[rows_array.repeat(counts)[have] * part.size + docs[have]]
            else:
                at = rows_array.repeat(counts)
                at *= part.size
                at += docs
                norm = table[at]
                del at
            norm += tf + c
            scores = np.array(weights).repeat(counts)
            scores *= tf
            scores /= norm
            del norm, tf
            if part.base:
                docs += part.base
            docs_out.append(docs)
            scores_out.append(scores)
            words_out.append(np.array(words, dtype=np.int64).repeat(counts))
        if not docs_out:
            return _EMPTY_IDS, _EMPTY_SCORES, _EMPTY_IDS
        if len(docs_out) == 1:
            return docs_out[0], scores_out[0], words_out[0]
        return np.concatenate(docs_out), np.concatenate(scores_out), np.concatenate(words_out)

    def _phrase(
        self, phrase: _Phrase, deadline: Deadline | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """A phrase (its words looked up), matched and scored as Whoosh's ``Phrase``
        (``SpanNear2``) does.

        A document matches when the words stand in order, each within
        ``slop`` positions after the one before; its score is the sum of the
        words' scores (summed in the binary tree Whoosh builds), times the
        boost.  Only the positions of documents holding every word are read.
        The work grows with the words times their positions (a phrase of 150
        words over documents of one word repeated read 2 million positions a
        word: seconds): past the ``deadline`` the phrase matches no more
        documents, and the search is marked partial.
        """
        field, words, slop, boost = phrase

        def out_of_time() -> bool:
            if deadline is None or not deadline.expired():
                return False
            deadline.out_of_time()
            return True

        c = self._k1 * (1 - self._b)
        docs_out, scores_out = [], []
        for number, part in enumerate(self._parts):
            terms = part.terms
            if not terms.positional(field) or field not in part.rows:
                continue
            ranges = [atom[1][number] for atom in words]
            if any(end <= start for _, start, end in ranges):
                continue
            common = terms.docs[ranges[0][1] : ranges[0][2]]
            for _, start, end in ranges[1:]:
                common = _intersect(common, terms.docs[start:end])
                if not len(common):
                    break
            if not len(common):
                continue
            keys, found_freqs = [], []
            for index, start, end in ranges:
                if out_of_time():
                    break
                docs = terms.docs[start:end]
                at = docs.searchsorted(common)
                freqs = terms.freqs[start : start + int(at[-1]) + 1].astype(np.int64)
                ends = freqs.cumsum()
                ends += terms.positions_start(index)  # (up to the last needed)
                ends = ends[at]
                chosen = freqs[at]
                positions = terms.positions[gather_ranges(ends - chosen, ends)]
                owner = np.arange(len(common), dtype=np.int64).repeat(chosen)
                keys.append((owner << _POSITION_BITS) | positions.astype(np.int64))
                found_freqs.append(chosen)
            if len(keys) < len(ranges):
                break  # (out of time)
            ends_at = keys[0]
            for following in keys[1:]:
                if out_of_time():
                    ends_at = ends_at[:0]
                    break
                ends_at = _within(ends_at, following, slop)
                if not len(ends_at):
                    break
            if not len(ends_at):
                continue
            matched = sorted_unique(ends_at >> _POSITION_BITS)
            # Scored only where the phrase stands (about a quarter of the documents holding
            # every word, in the development questions).
            table = self._length_terms(part)
            length_term = table[part.rows[field] * part.size + common[matched].astype(np.int64)]
            scores = []
            for atom, chosen in zip(words, found_freqs, strict=True):
                tf = chosen[matched].astype(np.float64)
                scores.append(atom[2] * tf / (tf + c + length_term))
            docs_out.append(common[matched].astype(np.int64) + part.base)
            scores_out.append(_tree_sum(scores) * boost)
        if not docs_out:
            return _EMPTY_IDS, _EMPTY_SCORES
        return np.concatenate(docs_out), np.concatenate(scores_out)

    def phrase_matches(
        self, q: Any, deadline: Deadline | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(live documents, scores) of a Whoosh ``Phrase`` (before its boost), as :meth:`_phrase`
        finds them: for the phrases of queries Whoosh's matchers run (beside a wildcard,
        or excluded: `-"…"`), whose span matchers know no time budget."""
        _, phrases, _, _, _ = self._query_leaves(q)
        if not phrases:
            return _EMPTY_IDS, _EMPTY_SCORES
        [((field, words, slop, _boost), _)] = phrases
        docs, scores = self._phrase((field, words, slop, 1.0), deadline)
        # (Live ones only, as Whoosh's matchers serve them: its NOT steps over a deleted
        # document without catching its child up, and took the next one for a match.)
        keep = self.live[docs]
        return docs[keep], scores[keep]

    def _plain_leaves(
        self, q: PlainPlan
    ) -> tuple[list[tuple[_Atom, float, int]], list[tuple[_Phrase, int]]]:
        """The (atom, boost, word) of each term of ``q`` that some segment holds, and its
        phrases (words looked up) whose every word some segment holds, in
        :meth:`PlainPlan.leaves` order.

        One pass over the words' ways: a term's bytes made once for its field and
        its quote field, kept atoms taken as met, the others looked up together.
        Terms no segment holds, and phrases with such a word, add nothing and are
        left out here: of the 1,000 development questions at 20,000 paragraphs,
        47 -> 25 terms and 7.7 -> 2.7 phrases a question reach the scoring.
        """
        kept = self._kept_atoms
        lengths = self._field_lengths
        absent = self._absent
        leaves: list[Any] = []
        phrases: list[Any] = []
        missing: dict[tuple[str, bytes], None] = {}
        count = len(q.words)
        for number, ways in enumerate((*q.words, *q.extras)):
            word = number if number < count else -1
            for field, tokens, weight in ways:
                quote_field = QUOTE_FIELDS.get(field)
                fields = (field,) if quote_field is None else (field, quote_field)
                if len(tokens) == 1:
                    key = tokens[0].encode("utf-8")
                    for name in fields:
                        if not lengths.get(name, 0):
                            continue  # (not looked up: no document fills the field)
                        pair = (name, key)
                        atom = kept.get(pair)
                        if atom is None:
                            missing[pair] = None
                            leaves.append((pair, weight, word))
                        elif atom[1] is not absent:
                            leaves.append((atom, weight, word))
                    continue
                keys = [t.encode("utf-8") for t in tokens]
                for name in fields:
                    if not lengths.get(name, 0):
                        continue
                    pairs = [(name, key) for key in keys]
                    atoms = [kept.get(pair) for pair in pairs]
                    if None not in atoms:
                        if all(atom[1] is not absent for atom in atoms):  # type: ignore[index]
                            phrases.append(((name, atoms, 1, weight), word))
                    elif all(atom is None or atom[1] is not absent for atom in atoms):
                        # (looked up below; a word known to be absent: no match, nothing to do)
                        for pair, atom in zip(pairs, atoms, strict=True):
                            if atom is None:
                                missing[pair] = None
                        phrases.append(((name, (pairs, atoms), 1, weight), word))
        if missing:  # (a term's pair stands where its atom goes: a pair is 2 long, an atom 3)
            found = dict(zip(missing, self._new_atoms(list(missing)), strict=True))
            leaves = [
                leaf if len(leaf[0]) == 3 else (found[leaf[0]], leaf[1], leaf[2])
                for leaf in leaves
                if len(leaf[0]) == 3 or found[leaf[0]][1] is not absent
            ]
            resolved = []
            for (name, words, slop, weight), word in phrases:
                if type(words) is tuple:  # (pairs, their atoms where kept)
                    pairs, atoms = words
                    words = [
                        found[pair] if atom is None else atom
                        for pair, atom in zip(pairs, atoms, strict=True)
                    ]
                    if any(atom[1] is absent for atom in words):
                        continue
                resolved.append(((name, words, slop, weight), word))
            phrases = resolved
        return leaves, phrases

    def _query_leaves(
        self, q: Any
    ) -> tuple[list[tuple[_Atom, float, int]], list[tuple[_Phrase, int]], int, float | None, float]:
        """:meth:`_plain_leaves` of a Whoosh query :func:`supported` accepts, with the
        rest of :func:`_flatten`: (leaves, phrases, words, exponent, boost)."""
        terms, phrases, words, exponent, outer = _flatten(q)
        wanted = [pair for pair, _, _ in terms]
        wanted += [(phrase[0], key) for phrase, _ in phrases for key in phrase[1]]
        atoms = self._atoms(wanted)
        leaves = [(atoms[pair], boost, word) for pair, boost, word in terms if pair in atoms]
        resolved = []
        for (field, keys, slop, boost), word in phrases:
            found = [atoms[field, key] for key in keys if (field, key) in atoms]
            if len(found) == len(keys):  # (else a word was not looked up: no match)
                resolved.append(((field, found, slop, boost), word))
        return leaves, resolved, words, exponent, outer

    def score(self, q: Any, deadline: Deadline | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(documents, scores) of every document ``q`` matches, documents ascending.

        ``q`` is a :class:`~searchlib._query.PlainPlan` or a Whoosh query
        that :func:`supported` accepts.  Equal to Whoosh's scoring of the same
        query (to rounding); deleted documents included.  Phrases stop matching
        past the ``deadline`` (see :meth:`_phrase`).
        """
        if isinstance(q, PlainPlan):
            leaves, phrases = self._plain_leaves(q)
            words, exponent, outer = len(q.words), q.exponent if q.coordinated else None, 1.0
        else:
            leaves, phrases, words, exponent, outer = self._query_leaves(q)
        docs, scores, word_of = self._term_scores(leaves)
        if phrases:
            parts_docs, parts_scores, parts_words = [docs], [scores], [word_of]
            for phrase, word in phrases:
                found, found_scores = self._phrase(phrase, deadline)
                if len(found):
                    parts_docs.append(found)
                    parts_scores.append(found_scores)
                    parts_words.append(np.full(len(found), word, dtype=np.int64))
            if len(parts_docs) > 1:
                docs = np.concatenate(parts_docs)
                scores = np.concatenate(parts_scores)
                word_of = np.concatenate(parts_words)
        if not len(docs):
            return _EMPTY_IDS, _EMPTY_SCORES
        candidates, where = _candidates(docs, self.size)
        result: np.ndarray = np.bincount(where, weights=scores, minlength=len(candidates))
        if exponent is not None and words:
            matched = _words_matched(where, word_of, len(candidates), words)
            factor = np.where(matched > 0, (matched / words) ** exponent, 1e-6)
            result = result * factor * outer
        return candidates, result

    def rank(
        self,
        q: Any,
        allowed: np.ndarray | None,
        wanted: int,
        collapse: bool,
        deadline: Deadline | None = None,
    ) -> Ranked:
        """The best ``wanted`` hits, the total, and each hit's matched quotes.

        ``allowed`` (a mask over documents) is the filter; with ``collapse``, a
        paragraph and its quotes count as one hit, the best-scoring of them.
        Ties go to the lower document number, as in Whoosh.  ``deadline``: see
        :meth:`score`.
        """
        candidates, scores = self.score(q, deadline)
        if not self._all_live or allowed is not None:
            keep = self.live[candidates]
            if allowed is not None:
                keep &= allowed[candidates]
            candidates, scores = candidates[keep], scores[keep]
        if not collapse:
            top = _best(candidates, scores, wanted)
            return len(candidates), [(int(candidates[i]), float(scores[i])) for i in top], _none
        groups = self.groups()
        candidate_groups = groups[candidates]
        seen = np.zeros(self._group_count, dtype=bool)
        seen[candidate_groups] = True
        total = int(np.count_nonzero(seen))
        take = wanted
        while True:
            top = _best(candidates, scores, take).tolist()
            group_of = candidate_groups[top].tolist()
            best: list[int] = []
            shown: set[int] = set()
            for index, group in zip(top, group_of, strict=True):
                if group not in shown:  # the best-ranked of its paragraph
                    shown.add(group)
                    best.append(index)
            if len(best) >= wanted or len(top) >= len(candidates):
                break
            take *= 4  # quotes of the same paragraphs took places: look further down
        best = best[:wanted]
        seen[:] = False
        seen[candidate_groups[best]] = True
        near = seen[candidate_groups] & self.quotes()[candidates]
        by_group: dict[int, list[int]] = {}
        for group, docnum in zip(
            candidate_groups[near].tolist(), candidates[near].tolist(), strict=True
        ):
            by_group.setdefault(group, []).append(docnum)

        def matched_quotes(docnum: int) -> list[int]:
            return by_group.get(int(groups[docnum]), [])

        return total, [(int(candidates[i]), float(scores[i])) for i in best], matched_quotes


class _TextCursor:
    """A cursor over one field's terms as text, for Whoosh's Levenshtein automata."""

    def __init__(self, terms: SegmentTerms, field: str) -> None:
        self._terms = terms
        self._field = field
        self._end = terms.fields[field][1]
        self._i = terms.fields[field][0]

    def text(self) -> str | None:
        if self._i >= self._end:
            return None
        return self._terms.term(self._i).decode("utf-8")

    def find(self, term: str) -> str | None:
        self._i = self._terms.lower_bound(self._field, term.encode("utf-8"))
        return self.text()


def _candidates(docs: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct documents of postings ``docs``, ascending; where each posting's is).

    Few postings (under 1/128 of the ``size`` documents) are sorted; more are
    marked in a mask over every document, and each candidate's place is written
    at its document in a table read back at the postings' documents.  (Sorting
    and bisecting n postings grows faster than n: at 109,522 documents 6,000
    postings took 0.44 ms that way and 0.05 ms by the mask, 700 took 0.016 and
    0.019 ms; at 21,661 documents 300 took 0.007 ms either way.  The mask's
    running count, used before the table, took 0.40 ms for 8,000 postings at
    109,522 documents; the table 0.06.)
    """
    if len(docs) * 128 < size:
        candidates = sorted_unique(docs)
        return candidates, candidates.searchsorted(docs)
    present = np.zeros(size, dtype=bool)
    present[docs] = True
    candidates = present.nonzero()[0]
    place = np.empty(size, dtype=np.int32)  # (read only where set; int32: postings-long arrays
    # stay at each thread's allocator peak, see _term_scores)
    place[candidates] = np.arange(len(candidates), dtype=np.int32)
    return candidates, place[docs]


def _words_matched(
    where: np.ndarray, word_of: np.ndarray, candidates: int, words: int
) -> np.ndarray:
    """How many distinct words of the query each candidate matched (extras, -1, not counted)."""
    counted = word_of >= 0
    where, word_of = where[counted], word_of[counted]
    # A row of bytes a candidate, one a word; with numpy 2.0 and later, rows padded to
    # 8 bytes are read 8 at a time: counting the set bits of each 8 bytes costs a third
    # of counting nonzero bytes along rows (measured).
    width = words if _bitwise_count is None else (words + 7) // 8 * 8
    if candidates * width <= _DENSE_WORD_COUNT:
        # (Marked through flat offsets: half the time of a two-index assignment.)
        flat = where.astype(np.int64)
        flat *= width
        flat += word_of
        marked = np.zeros(candidates * width, dtype=bool)
        marked[flat] = True
        seen = marked.reshape(candidates, width)
        if _bitwise_count is None:
            counts: np.ndarray = np.count_nonzero(seen, axis=1)
            return counts
        bits = _bitwise_count(seen.view(np.uint64))
        counts = bits[:, 0].astype(np.int64)
        for column in range(1, width // 8):
            counts += bits[:, column]
        return counts
    pairs = sorted_unique(where.astype(np.int64) * words + word_of)
    return np.bincount(pairs // words, minlength=candidates)


def _log_lengths(length: np.ndarray, average: float) -> np.ndarray:
    """:func:`~searchlib._scoring.log_length` of each length of a field (``average``: its)."""
    counted: np.ndarray = length.astype(np.float64)  # (a copy: the caller's lengths stay)
    above = counted > average
    if not above.any():
        return counted
    ratio = np.where(above, counted / average, 1.0)
    np.log(ratio, out=ratio)  # (in place: a row of the segment's d x length table)
    ratio += 1.0
    ratio *= average
    np.copyto(counted, ratio, where=above)
    return counted


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values two ascending arrays of distinct values share (bisection, not a sort)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = b.searchsorted(a)
    at[at == len(b)] = len(b) - 1
    shared: np.ndarray = a[b[at] == a]
    return shared


def _within(ends: np.ndarray, following: np.ndarray, slop: int) -> np.ndarray:
    """The keys of ``following`` 1 to ``slop`` positions after a key of ``ends`` in the
    same document (keys: document << _POSITION_BITS | position, both ascending, distinct).

    Each key is checked against the nearest key before it only (any other is further
    away): the same time whatever the slop, where a pass per step took 50 s for
    `"a b"~10000000` on one article.
    """
    if not len(ends):
        return following[:0]
    before = ends.searchsorted(following) - 1  # (the last of ``ends`` below each key)
    found = before >= 0
    nearest = ends[np.maximum(before, 0)]
    found &= (nearest >> _POSITION_BITS) == (following >> _POSITION_BITS)
    found &= following - nearest <= slop
    within: np.ndarray = following[found]
    return within


def _none(docnum: int) -> list[int]:
    return []


def _best(candidates: np.ndarray, scores: np.ndarray, count: int) -> np.ndarray:
    """Indexes of the ``count`` best (highest score, then lowest docnum), best first."""
    if len(scores) > count:
        threshold = np.partition(scores, len(scores) - count)[len(scores) - count]
        chosen: np.ndarray = (scores >= threshold).nonzero()[0]  # ties at the threshold all come
        order = chosen[np.lexsort((candidates[chosen], -scores[chosen]))]
    else:  # (candidates ascend: a stable sort by score puts ties in docnum order)
        order = np.argsort(-scores, kind="stable")
    return order[:count]


# A phrase as _flatten gives it: (field, its terms, slop, boost), and a term: ((field, term),
# boost, word).
_PhraseLeaf = tuple[str, tuple[bytes, ...], int, float]
_TermLeaf = tuple[tuple[str, bytes], float, int]
# A phrase with its words looked up: (field, their atoms, slop, boost).
_Phrase = tuple[str, list[_Atom], int, float]


def _flatten(
    q: Any,
) -> tuple[list[_TermLeaf], list[tuple[_PhraseLeaf, int]], int, float | None, float]:
    """A Whoosh query's terms and phrases, each with the word it belongs to (-1: an extra).

    (A :class:`~searchlib._query.PlainPlan` is read by :meth:`ArrayIndex._plain_leaves`.)

    Returns (terms, phrases, number of words, coordination exponent or None
    when there is no coordination, the query's boost).
    """
    terms: list[_TermLeaf] = []
    phrases: list[tuple[_PhraseLeaf, int]] = []
    if isinstance(q, CoordinatedOr):
        words, extras = list(q.words), list(q.extras)
        exponent, outer = float(q.exponent), float(q.boost)
    else:
        words, extras, exponent, outer = [q], [], None, 1.0
    for number, part in enumerate([*words, *extras]):
        word = number if number < len(words) else -1
        for leaf, boost in _leaves(part):
            if isinstance(leaf, wq.Phrase):
                keys = tuple(_key(w) for w in leaf.words)
                slop = max(int(leaf.slop), 1)
                phrases.append(((leaf.fieldname, keys, slop, float(leaf.boost) * boost), word))
            else:
                terms.append(((leaf.fieldname, _key(leaf.text)), float(leaf.boost) * boost, word))
    return terms, phrases, len(words), exponent, outer


def _leaves(q: Any, boost: float = 1.0) -> Iterator[tuple[Any, float]]:
    """The terms and phrases of a word query, with the boost of the alternatives around them."""
    if isinstance(q, WordOr):
        for sub in q.subqueries:
            yield from _leaves(sub, boost * float(q.boost))
    else:
        yield q, boost
