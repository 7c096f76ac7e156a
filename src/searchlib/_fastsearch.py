"""Term-at-a-time scoring with numpy over Whoosh's own postings: the fast path for plain queries.

Whoosh scores document at a time: for every candidate document it walks a
tree of Python matcher objects, one per term.  A searchlib plain-word query
has many terms (each word matched by stem, prefix, lemma and exact form), so
that walk dominates query time.  Here each term's posting list is read once
into arrays and scored in bulk, with exactly the BM25F formula of
:class:`searchlib._scoring.FieldStatsBM25F`, the same coordination factor and
the same boosts; only phrases (the adjacent-pair bonus) are left to Whoosh's
matchers, which visit only the documents holding both words.  Results equal
Whoosh's path to floating-point rounding (the tests compare them).

Needs numpy (``pip install searchlib[fast]``); without it, or for query
syntax, the engine uses Whoosh's matchers.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from searchlib._query import CoordinatedOr, WordOr
from searchlib._scoring import FieldStatsBM25F

np: Any
try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised where numpy is absent
    np = None
NUMPY = np is not None
if NUMPY:
    _BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
    _EMPTY_IDS = np.zeros(0, dtype=np.int64)
    _EMPTY_SCORES = np.zeros(0, dtype=np.float64)

__all__ = ["NUMPY", "FastScorer", "np", "supported"]

# (doc ids, term frequencies, value bytes, document frequency) of one term
_Entry = tuple[Any, Any, list[Any], int]
# (total hits, (docnum, score) best first, docnum -> its matched quotes' docnums)
Ranked = tuple[int, list[tuple[int, float]], Callable[[int], list[int]]]
#: Bytes of decoded postings kept per searcher, i.e. per searching thread
#: (queries over 104,253 paragraphs: p50 16.5 ms with 96 MB, 17.7 ms with 48 MB).
CACHE_BYTES = 96_000_000
# What a posting's positions cost in the cache: a bytes object (measured with
# sys.getsizeof: 46-51 bytes) and its slot in the list.
_VALUE_BYTES = 56


def supported(q: Any) -> bool:
    """Can the fast path score this query (plain words: terms, word alternatives, phrases)?"""
    if isinstance(q, CoordinatedOr | WordOr):
        return all(supported(s) for s in q.subqueries)
    return type(q) in (wq.Term, wq.Phrase)


def _entry_bytes(entry: _Entry) -> int:
    """About what a cached entry holds in memory."""
    ids, weights, values, _frequency = entry
    return int(ids.nbytes) + int(weights.nbytes) + len(values) * _VALUE_BYTES


class FastScorer:
    """Scores plain-word queries over one Whoosh searcher (use from its thread only)."""

    def __init__(self, searcher: Any, weighting: FieldStatsBM25F) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._weighting = weighting
        self._size = int(self._reader.doc_count_all())
        self._leaves = list(self._reader.leaf_readers())
        self._lengths: dict[str, np.ndarray] = {}
        self._groups: np.ndarray | None = None
        self._quotes: np.ndarray | None = None
        self._cache: OrderedDict[tuple[str, Any, bool], _Entry] = OrderedDict()
        self._cached = 0
        schema = self._reader.schema
        # Scored fields no document fills (titles, in most collections): no look-ups.
        self._empty = {
            name
            for name, field in schema.items()
            if field.scorable and not self._reader.field_length(name)
        }
        live = np.ones(self._size, dtype=bool)
        if self._reader.has_deletions():
            live[:] = False
            live[np.fromiter(self._reader.all_doc_ids(), dtype=np.int64)] = True
        self.live = live

    @property
    def size(self) -> int:
        return self._size

    # -- data ------------------------------------------------------------------------

    def _field_lengths(self, field: str) -> np.ndarray:
        lengths = self._lengths.get(field)
        if lengths is None:
            lengths = np.zeros(self._size, dtype=np.float64)
            for leaf, base in self._leaves:
                perdoc = getattr(leaf, "_perdoc", None)
                column = None
                if perdoc is not None:
                    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                count = int(leaf.doc_count_all())
                if column is None:
                    continue
                codes = _length_codes(column)[:count]
                lengths[base : base + len(codes)] = _BYTE_TO_LENGTH[codes]
            self._lengths[field] = lengths
        return lengths

    def _postings(self, field: str, text: Any, *, values: bool = False) -> _Entry:
        """(doc ids, term frequencies, each posting's value bytes if asked, doc frequency).

        The document frequency is Whoosh's (deleted documents count until a
        merge), so scores equal its scorer's.  One term look-up a segment.
        """
        key = (field, text, values)
        cached = self._cache.get(key)
        if cached is None and not values:
            key = (field, text, True)  # read with positions for a phrase: the same postings
            cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        key = (field, text, values)
        ids_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        value_list: list[Any] = []
        frequency = 0
        if field not in self._empty:
            for leaf, base in self._leaves:
                try:
                    matcher = leaf.postings(field, text)
                except TermNotFound:
                    continue
                ids, weights, found = _read_postings(matcher, values=values)
                ids_parts.append(ids + base)
                weight_parts.append(weights)
                value_list.extend(found)
                deleted = leaf.has_deletions()
                frequency += int(leaf.doc_frequency(field, text)) if deleted else len(ids)
        if ids_parts:
            result = (
                np.concatenate(ids_parts),
                np.concatenate(weight_parts),
                value_list,
                frequency,
            )
        else:
            result = (_EMPTY_IDS, _EMPTY_SCORES, value_list, 0)
        if values:  # the positions' entry answers for the plain one: keep one copy
            plain = self._cache.pop((field, text, False), None)
            if plain is not None:
                self._cached -= _entry_bytes(plain)
        self._cache[key] = result
        self._cached += _entry_bytes(result)
        while self._cached > CACHE_BYTES and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached -= _entry_bytes(old)
        return result

    def groups(self) -> np.ndarray:
        """Docnum -> an integer standing for its paragraph (a paragraph and its quotes share it)."""
        if self._groups is None:
            values: list[Any] = []
            for leaf, _base in self._leaves:
                column = leaf.column_reader("group")
                values.extend(column[d] for d in range(int(leaf.doc_count_all())))
            _, codes = np.unique(np.array(values, dtype=object), return_inverse=True)
            self._groups = codes.astype(np.int64)
        return self._groups

    def quotes(self) -> np.ndarray:
        """Docnum -> is it a quote?"""
        if self._quotes is None:
            self._quotes = np.zeros(self._size, dtype=bool)
            self._quotes[self._postings("kind", "quote")[0]] = True
        return self._quotes

    # -- scoring -----------------------------------------------------------------------

    def _bm25(
        self, field: str, text: Any, *, values: bool = False
    ) -> tuple[np.ndarray, np.ndarray, list[Any]]:
        """(doc ids, BM25F scores, values) of one term, as FieldStatsBM25F scores it."""
        ids, tf, found, frequency = self._postings(field, text, values=values)
        if not len(ids):
            return ids, tf, found
        reader = self._reader
        weighting = self._weighting
        total = weighting.field_documents.get(field) or self._size or 1
        idf = math.log(total / (frequency + 1)) + 1
        avgfl = reader.field_length(field) / total or 1
        b, k1 = weighting.B, weighting.K1
        length = self._field_lengths(field)[ids]
        scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        return ids, scores, found

    def _term(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """(doc ids, scores) of a term query: its BM25F score times its boost."""
        ids, scores, _ = self._bm25(q.fieldname, q.text)
        return ids, scores * q.boost

    def _phrase(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """A phrase, matched and scored as Whoosh's ``Phrase`` (``SpanNear2``) does.

        A document matches when the words stand in order, each within
        ``slop`` positions after the one before; its score is the sum of the
        words' scores (summed in the binary tree Whoosh builds), times the
        boost.  Only the documents holding every word are decoded.
        """
        field = q.fieldname
        fmt = self._reader.schema[field].format
        if not fmt.supports("positions") or q.slop < 1:
            return self._whoosh_phrase(q)
        words = [self._bm25(field, w, values=True) for w in q.words]
        common = words[0][0]
        for ids, _, _ in words[1:]:
            common = np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return _EMPTY_IDS, _EMPTY_SCORES
        at = [np.searchsorted(ids, common) for ids, _, _ in words]
        decode = fmt.decode_positions
        slop = q.slop
        keep: list[int] = []
        for k in range(len(common)):
            spans = {(p, p) for p in decode(words[0][2][at[0][k]])}
            for j in range(1, len(words)):
                positions = decode(words[j][2][at[j][k]])
                spans = {(s, p) for s, e in spans for p in positions if 1 <= p - e <= slop}
                if not spans:
                    break
            if spans:
                keep.append(k)
        if not keep:
            return _EMPTY_IDS, _EMPTY_SCORES
        chosen = np.array(keep, dtype=np.int64)
        parts = [scores[index[chosen]] for (_, scores, _), index in zip(words, at, strict=True)]
        return common[chosen], _tree_sum(parts) * q.boost

    def _whoosh_phrase(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """A phrase matched and scored by Whoosh's matchers."""
        matcher = q.matcher(self._searcher, self._searcher.context())
        ids: list[int] = []
        scores: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)

    def _dense(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """(scores, matched) over all documents for a term, phrase or word alternative."""
        scores = np.zeros(self._size, dtype=np.float64)
        matched = np.zeros(self._size, dtype=bool)
        for part in _leaves(q):
            ids, values = self._phrase(part) if isinstance(part, wq.Phrase) else self._term(part)
            scores[ids] += values  # a term's posting ids are unique
            matched[ids] = True
        if isinstance(q, WordOr) and q.boost != 1.0:
            scores *= q.boost
        return scores, matched

    def score(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """(scores, matched) for every document, equal to Whoosh's scoring of ``q``."""
        if not isinstance(q, CoordinatedOr):
            return self._dense(q)
        total = np.zeros(self._size, dtype=np.float64)
        count = np.zeros(self._size, dtype=np.int32)
        any_match = np.zeros(self._size, dtype=bool)
        # The extras (phrases of adjacent words) first: they read their words'
        # postings with positions, which the words' own terms then reuse.  The
        # sums still run in Whoosh's order, words first.
        extras = [self._dense(extra) for extra in q.extras]
        for word in q.words:
            scores, matched = self._dense(word)
            total += scores
            count += matched
            any_match |= matched
        for scores, matched in extras:
            total += scores
            any_match |= matched
        words = len(q.words)
        factor = np.where(count > 0, (count / words) ** q.exponent, 1e-6) if words else 1.0
        return total * factor * q.boost, any_match

    def rank(self, q: Any, allowed: Iterable[int] | None, wanted: int, collapse: bool) -> Ranked:
        """The best ``wanted`` hits, the total, and each hit's matched quotes.

        ``allowed`` (docnums) is the filter; with ``collapse``, a paragraph and
        its quotes count as one hit, the best-scoring of them.
        """
        scores, matched = self.score(q)
        mask = matched & self.live
        if allowed is not None:
            keep = np.zeros(self._size, dtype=bool)
            keep[np.fromiter(allowed, dtype=np.int64)] = True
            mask &= keep
        candidates = np.flatnonzero(mask)
        # Best first; ties by document number, as Whoosh's collector breaks them.
        order = candidates[np.lexsort((candidates, -scores[candidates]))]
        if not collapse:
            top = order[:wanted]
            return len(order), [(int(d), float(scores[d])) for d in top], lambda docnum: []
        groups, is_quote = self.groups(), self.quotes()
        _, first = np.unique(groups[order], return_index=True)
        best = order[np.sort(first)]

        def matched_quotes(docnum: int) -> list[int]:
            same = candidates[groups[candidates] == groups[docnum]]
            return [int(d) for d in same if is_quote[d]]

        return len(best), [(int(d), float(scores[d])) for d in best[:wanted]], matched_quotes


def _leaves(q: Any) -> Iterator[Any]:
    if isinstance(q, WordOr):
        for sub in q.subqueries:
            yield from _leaves(sub)
    else:
        yield q


def _length_codes(column: Any) -> np.ndarray:
    """The one-byte length codes of a lengths column, read at once where possible.

    Whoosh's ``load()`` reads them one ``struct`` call a document (0.4 s on
    100,000 documents); the column is a run of bytes, one a document, with
    the documents past its end at the default, 0.
    """
    try:
        if column._typecode == "B" and column._fixedlen == 1:
            raw = column._dbfile.get(column._basepos, column._count)
            codes = np.zeros(column._doccount, dtype=np.uint8)
            codes[: len(raw)] = np.frombuffer(bytes(raw), dtype=np.uint8)
            return codes
    except AttributeError:  # another column reader: the slow, general way
        pass
    return np.frombuffer(bytes(column.load()), dtype=np.uint8)


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sum as Whoosh's ``make_binary_tree`` of intersection matchers adds scores up."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


def _read_postings(
    matcher: Any, *, values: bool = False
) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """All (doc ids, weights, values if asked) of a leaf matcher, a block at a time where it can.

    For Whoosh's own on-disk matcher the blocks' ids are decoded with numpy:
    each block stores its ids as differences from 0 (the first is the id
    itself), so making the first one relative to the previous block's last
    id (in the block header) turns the whole list into one running sum.
    """
    ids: list[Any] = []
    weights: list[Any] = []
    found: list[Any] = []
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        last = 0
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            block_ids, block_weights, _ = matcher._data
            ids.append(block_ids[0] - last)
            ids.extend(block_ids[1:])
            last = matcher._maxid
            if block_weights is None:
                weights.extend([1.0] * matcher._blocklength)
            elif isinstance(block_weights, float):
                weights.extend([block_weights] * matcher._blocklength)
            else:
                weights.extend(block_weights)
            if values:
                if matcher._values is None:
                    matcher._read_values()
                found.extend(matcher._values)
            matcher._next_block()
        decoded = np.cumsum(np.array(ids, dtype=np.int64))
        # Whoosh reads weights through array("f"): float32, like the writer stored them.
        return decoded, np.array(weights, dtype=np.float32).astype(np.float64), found
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if values:
                if matcher._values is None:
                    matcher._read_values()
                found.extend(matcher._values)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                found.append(matcher.value())
            matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), found
