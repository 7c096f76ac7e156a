"""One segment's data: each field's terms and postings, and each document's lengths and fields.

A segment is two array files (:mod:`searchlib._codec.files`):

``<segment>.slterms``, the inverted index of every field::

    term_bytes      every term's UTF-8 bytes, fields in name order, terms in byte order
    term_offsets    uint64, terms + 1: where each term's bytes start (and the last ends)
    term_postings   uint64, terms + 1: where each term's postings start in docs/freqs
    term_positions  uint64, terms + 1: where its positions start (positional fields)
    hash_keys       uint32, a term each: CRC-32 of its bytes (seeded by its field), sorted
    hash_terms      uint32: the term number of each hash key
    member_starts, members
                    (optional) for each term of the lemma field, the term numbers
                    of the words that have it as their lemma
    docs, freqs     uint32, one a posting: document numbers (ascending within a term)
                    and how often the term occurs there
    positions       uint32: each posting's word positions, posting after posting

``<segment>.sldocs``, the per-document data::

    lengths         uint32, fields x documents: each scorable field's length in words
    stored_offsets  uint64, documents + 1
    stored          each document's stored fields: one UTF-8 JSON object, its
                    text (``body``) after it in UTF-16-LE or ASCII (see stored_blob)

A term is found through the hash table (a bisection of ``hash_keys``, then
one comparison of bytes), a prefix as a range of terms by binary search over
``term_offsets``; a term's postings and positions are then two slices, and
merging segments concatenates arrays.  Nothing is compressed: the files are mapped,
and a posting list is a slice, not a decoding.
"""

from __future__ import annotations

import bisect
import itertools
import json
import zlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, BinaryIO

import numpy as np

from searchlib._codec.files import ArrayFile, ArrayFileError, write_array_file

__all__ = [
    "DOCS_KIND",
    "TERMS_KIND",
    "FieldPostings",
    "Members",
    "SegmentDocs",
    "SegmentTerms",
    "gather_ranges",
    "merge_segments",
    "sorted_unique",
    "write_docs",
    "write_terms",
]

TERMS_KIND = "searchlib-terms"
DOCS_KIND = "searchlib-docs"
_EMPTY_U32 = np.zeros(0, dtype=np.uint32)
_scan: Any = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # (set in __init__)


def _decode(text: str) -> Any:
    """The JSON value ``text`` holds, as our writers write it (no space around it).

    The decoder's scanner called directly: ``json.loads`` of bytes would guess
    their encoding each time, and ``JSONDecoder.decode`` looks for spaces
    around the value with two regular expressions (1.7 -> 0.8 us for a
    paragraph's fields without its text).
    """
    try:
        value, end = _scan(text, 0)
    except StopIteration as exc:
        raise ValueError(f"no JSON value at {exc.value}") from None
    except RecursionError:  # (damaged bytes can nest brackets past the interpreter's limit)
        raise ValueError("JSON nested too deeply") from None
    if end != len(text):
        raise ValueError(f"more than one JSON value (from {end})")
    return value


def gather_ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The indexes ``start..end`` of every range, concatenated (int64), without a Python loop.

    >>> gather_ranges(np.array([5, 0]), np.array([7, 3])).tolist()
    [5, 6, 0, 1, 2]
    """
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(ends, dtype=np.int64) - starts
    # Each range's first index, made relative to where the range begins in the output.
    # (numpy's methods, not its Python wrappers: this runs a few times a query.)
    shifts = starts - (lengths.cumsum() - lengths)
    gathered: np.ndarray = shifts.repeat(lengths)
    gathered += np.arange(len(gathered), dtype=np.int64)
    return gathered


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (``np.unique`` without its hash table, which costs more)."""
    ordered = values.copy()
    ordered.sort()
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


class FieldPostings:
    """One field's inverted index, ready to write: terms and their postings, in term order.

    ``terms`` are sorted, distinct bytes; ``counts`` how many postings each
    has (its document frequency, at least 1); ``docs`` and ``freqs`` the
    postings, term after term, documents ascending; ``positions`` (positional
    fields only) each posting's ``freq`` positions, ascending.
    """

    __slots__ = ("counts", "docs", "freqs", "name", "positions", "terms")

    def __init__(
        self,
        name: str,
        terms: list[bytes],
        counts: np.ndarray,
        docs: np.ndarray,
        freqs: np.ndarray,
        positions: np.ndarray | None,
    ) -> None:
        self.name = name
        self.terms = terms
        self.counts = np.asarray(counts, dtype=np.int64)
        self.docs = np.asarray(docs, dtype=np.uint32)
        self.freqs = np.asarray(freqs, dtype=np.uint32)
        self.positions = None if positions is None else np.asarray(positions, dtype=np.uint32)
        if len(self.counts) != len(terms) or int(self.counts.sum()) != len(self.docs):
            raise ValueError(f"field {name!r}: terms and postings do not match")
        if len(self.freqs) != len(self.docs):
            raise ValueError(f"field {name!r}: one frequency a posting is needed")

    def term_positions(self) -> np.ndarray:
        """How many positions each term has (0 for a field without positions)."""
        if self.positions is None or not len(self.terms):
            return np.zeros(len(self.terms), dtype=np.int64)
        starts = np.cumsum(self.counts) - self.counts
        totals = np.add.reduceat(self.freqs.astype(np.int64), starts) if len(self.docs) else starts
        return np.asarray(totals, dtype=np.int64)


def _cumulative(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values) + 1, dtype=np.uint64)
    np.cumsum(values, out=out[1:])
    return out


class Members:
    """Which terms of one field stand for which terms of another: lemmas and their words.

    Given as ``lemmas[word] = lemma`` (term bytes), or as ``lemma_of``: for
    each term of ``word_field`` in order, the number of its lemma among the
    terms of ``lemma_field`` (-1: none).  Written with a segment, it lets a
    reader list the words of the index that have a given lemma (highlighting
    `людей` for `человек`) without a morphological analyser.
    """

    __slots__ = ("lemma_field", "lemma_of", "lemmas", "word_field")

    def __init__(
        self,
        lemma_field: str,
        word_field: str,
        lemmas: Mapping[bytes, bytes] | None = None,
        *,
        lemma_of: np.ndarray | None = None,
    ) -> None:
        self.lemma_field = lemma_field
        self.word_field = word_field
        self.lemmas = dict(lemmas or {})
        self.lemma_of = lemma_of


def _members_arrays(
    members: Members, by_name: Mapping[str, FieldPostings], offsets: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """(starts, word term numbers): for each lemma term, the words that have it, as CSR."""
    lemma_terms = by_name[members.lemma_field].terms
    word_terms = by_name[members.word_field].terms
    lemma_of = members.lemma_of
    if lemma_of is None:
        lemma_number = {t: i for i, t in enumerate(lemma_terms)}
        found = (lemma_number.get(members.lemmas.get(word, b""), -1) for word in word_terms)
        lemma_of = np.fromiter(found, dtype=np.int64, count=len(word_terms))
    if len(lemma_of) != len(word_terms):
        raise ValueError("members: one lemma number a word is needed")
    have = np.flatnonzero(lemma_of >= 0)
    order = have[np.argsort(lemma_of[have], kind="stable")]  # words ascending within a lemma
    words = (order + offsets[members.word_field]).astype(np.uint32)
    starts = _cumulative(np.bincount(lemma_of[have], minlength=len(lemma_terms)))
    return starts, words


def write_terms(
    out: BinaryIO, fields: Iterable[FieldPostings], members: Members | None = None
) -> int:
    """Write a segment's inverted index (fields in name order; those without terms left out).

    ``members`` adds the table of which words have which lemma (see :class:`Members`).
    Returns the CRC-32 of the bytes written.
    """
    ordered = sorted((f for f in fields if f.terms), key=lambda f: f.name)
    described: list[list[Any]] = []
    terms: list[bytes] = []
    counts: list[np.ndarray] = []
    position_counts: list[np.ndarray] = []
    for field in ordered:  # (each field's terms sorted and distinct: FieldPostings' contract)
        described.append(
            [field.name, len(terms), len(terms) + len(field.terms), field.positions is not None]
        )
        terms.extend(field.terms)
        counts.append(field.counts)
        position_counts.append(field.term_positions())
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
    hashes = np.fromiter(
        itertools.chain.from_iterable(
            map(zlib.crc32, f.terms, itertools.repeat(_seed(f.name))) for f in ordered
        ),
        dtype=np.uint32,
        count=len(terms),
    )
    by_hash = np.argsort(hashes, kind="stable")
    arrays: dict[str, np.ndarray | list[np.ndarray]] = {
        "term_bytes": np.frombuffer(b"".join(terms), dtype=np.uint8),
        "term_offsets": _cumulative(lengths),
        "term_postings": _cumulative(np.concatenate(counts) if counts else lengths),
        "term_positions": _cumulative(
            np.concatenate(position_counts) if position_counts else lengths
        ),
        "docs": [f.docs for f in ordered] or [_EMPTY_U32],
        "freqs": [f.freqs for f in ordered] or [_EMPTY_U32],
        "positions": [f.positions for f in ordered if f.positions is not None] or [_EMPTY_U32],
        "hash_keys": hashes[by_hash],
        "hash_terms": by_hash.astype(np.uint32),
    }
    meta: dict[str, Any] = {"fields": described}
    by_name = {f.name: f for f in ordered}
    if members is not None and {members.lemma_field, members.word_field} <= set(by_name):
        offsets = {entry[0]: entry[1] for entry in described}
        arrays["member_starts"], arrays["members"] = _members_arrays(members, by_name, offsets)
        meta["members"] = [members.lemma_field, members.word_field]
    return write_array_file(out, TERMS_KIND, meta, arrays).crc32


def _seed(field: str) -> int:
    """The starting CRC of a field's terms in the hash table (terms of two fields differ)."""
    return zlib.crc32(field.encode("utf-8"))


def write_docs(
    out: BinaryIO,
    doc_count: int,
    lengths: Mapping[str, np.ndarray],
    stored_offsets: np.ndarray,
    stored: np.ndarray | Sequence[np.ndarray],
) -> int:
    """Write a segment's per-document data: field lengths and stored fields (see stored_blob).

    ``stored`` may come in pieces (bytes, uint8), written one after the other.
    Returns the CRC-32 of the bytes written.

    A field no document has words in gets no row (as if it were not scorable).
    """
    names = sorted(n for n, row in lengths.items() if np.any(row))
    rows = [np.asarray(lengths[n], dtype=np.uint32) for n in names]
    if any(len(row) != doc_count for row in rows) or len(stored_offsets) != doc_count + 1:
        raise ValueError("per-document arrays must have one entry a document")
    meta = {
        "documents": doc_count,
        "lengths": [
            [name, int(row.sum(dtype=np.int64))] for name, row in zip(names, rows, strict=True)
        ],
    }
    arrays: dict[str, np.ndarray | list[np.ndarray]] = {
        "lengths": rows or [_EMPTY_U32],
        "stored_offsets": np.asarray(stored_offsets, dtype=np.uint64),
        "stored": (
            np.asarray(stored, dtype=np.uint8)
            if isinstance(stored, np.ndarray)
            else [np.asarray(piece, dtype=np.uint8) for piece in stored]
        ),
    }
    return write_array_file(out, DOCS_KIND, meta, arrays).crc32


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: The stored field kept outside the JSON object (see :func:`stored_blob`), and the
#: shortest text worth it.
_BODY = "body"
_BODY_APART_CHARS = 64


def stored_blob(fields: Mapping[str, Any]) -> bytes:
    """One document's stored fields as the ``stored`` array keeps them.

    A JSON object in UTF-8; a text ``body`` of :data:`_BODY_APART_CHARS`
    characters or more follows it instead, after a NUL byte (which no JSON
    text holds) and a tag: ``a`` and the text in ASCII, or ``w`` and the
    text in UTF-16-LE.  Those decode at memory speed, where UTF-8 and the
    JSON string scan cost about 2 ns a character of Russian text (stored
    fields of the hits of 1,000 development questions at 20,000 paragraphs,
    2.8 KB a document on average: see ``docs/speed.md``).  Read back, the
    body comes last among the fields.  Text that is not Unicode (a lone
    surrogate) raises a ``UnicodeEncodeError``, as UTF-8 did.
    """
    body = fields.get(_BODY)
    if type(body) is not str or len(body) < _BODY_APART_CHARS:
        return _dumps(fields).encode("utf-8")
    head = _dumps({k: v for k, v in fields.items() if k != _BODY}).encode("utf-8")
    if body.isascii():
        return head + b"\x00a" + body.encode("ascii")
    return head + b"\x00w" + body.encode("utf-16-le")


def _stored_fields(blob: bytes) -> Any:
    """The fields :func:`stored_blob` wrote (a ValueError where the bytes are not such)."""
    cut = blob.find(b"\x00")
    if cut < 0:
        return _decode(str(blob, "utf-8"))
    value = _decode(str(blob[:cut], "utf-8"))
    tag = blob[cut + 1 : cut + 2]
    if tag == b"w":
        body = str(blob[cut + 2 :], "utf-16-le")
    elif tag == b"a":
        body = str(blob[cut + 2 :], "ascii")
    else:
        raise ValueError("an unknown stored text")
    if not isinstance(value, dict) or _BODY in value:
        raise ValueError("a stored text beside a body")
    value[_BODY] = body
    return value


def encode_stored(fields: Sequence[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, bytes) of documents' stored fields, each as :func:`stored_blob` makes it."""
    blobs = [stored_blob(f) for f in fields]
    offsets = _cumulative(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)))
    return offsets, np.frombuffer(b"".join(blobs), dtype=np.uint8)


def _successor(prefix: bytes) -> bytes | None:
    """The smallest bytes above every bytes starting with ``prefix`` (None: there is none)."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return None
    return stripped[:-1] + bytes((stripped[-1] + 1,))


def _glob_match(term: bytes, pieces: Sequence[bytes]) -> bool:
    """Does ``term`` match the pattern ``b"*".join(pieces)``?  Greedy and linear.

    (With ``*`` the only wildcard, taking each inner piece at its first
    place after the previous one never loses a match.)
    """
    head, tail = pieces[0], pieces[-1]
    if len(term) < len(head) + len(tail) or not term.startswith(head) or not term.endswith(tail):
        return False
    at, stop = len(head), len(term) - len(tail)
    for piece in pieces[1:-1]:
        found = term.find(piece, at, stop)
        if found < 0:
            return False
        at = found + len(piece)
    return True


class SegmentTerms:
    """The inverted index of one segment (read-only; safe to share between threads)."""

    def __init__(self, file: ArrayFile) -> None:
        self.file = file
        fields = file.meta.get("fields")
        if not isinstance(fields, list):
            raise ArrayFileError(f"{file.name}: no field table")
        self.docs = file.array("docs")
        self.freqs = file.array("freqs")
        self.positions = file.array("positions")
        self.post_starts = file.array("term_postings")
        self.pos_starts = file.array("term_positions")
        offsets = file.array("term_offsets")
        self.term_count = len(offsets) - 1
        if (
            self.term_count < 0
            or len(self.post_starts) != len(offsets)
            or len(self.pos_starts) != len(offsets)
            or len(self.freqs) != len(self.docs)
        ):
            raise ArrayFileError(f"{file.name}: its tables do not fit together")
        self.fields: dict[str, tuple[int, int, bool]] = {}
        for entry in fields:
            name, first, end, positional = entry
            if not (isinstance(name, str) and 0 <= first <= end <= self.term_count):
                raise ArrayFileError(f"{file.name}: field table is damaged")
            self.fields[name] = (int(first), int(end), bool(positional))
        if self.term_count:
            last = (int(offsets[-1]), int(self.post_starts[-1]), int(self.pos_starts[-1]))
            if last != (len(file.array("term_bytes")), len(self.docs), len(self.positions)):
                raise ArrayFileError(f"{file.name}: its tables do not fit together")
        if (
            len(file.array("hash_keys")) != self.term_count
            or len(file.array("hash_terms")) != self.term_count
        ):
            raise ArrayFileError(f"{file.name}: its tables do not fit together")
        self.hash_keys = file.array("hash_keys")
        self._hash_keys = file.indexable("hash_keys")
        self._hash_terms = file.indexable("hash_terms")
        self._seeds = {name: _seed(name) for name in self.fields}
        self._offsets = file.indexable("term_offsets")
        self._posts = file.indexable("term_postings")
        self._poses = file.indexable("term_positions")
        self._raw = file.buffer
        self._base = file.offset("term_bytes")
        self.members: tuple[str, str] | None = None
        described = file.meta.get("members")
        if described is not None:
            if (
                not isinstance(described, list)
                or len(described) != 2
                or not all(name in self.fields for name in described)
            ):
                raise ArrayFileError(f"{file.name}: its table of members is damaged")
            first, end, _ = self.fields[described[0]]
            self._member_starts = file.indexable("member_starts")
            self._members = file.array("members")
            if len(self._member_starts) != end - first + 1:
                raise ArrayFileError(f"{file.name}: its table of members does not fit")
            self.members = (str(described[0]), str(described[1]))

    def term(self, index: int) -> bytes:
        """The bytes of term number ``index``."""
        base = self._base
        return bytes(self._raw[base + self._offsets[index] : base + self._offsets[index + 1]])

    def lower_bound(self, field: str, key: bytes) -> int:
        """The first term of ``field`` not below ``key`` (its field's end if none)."""
        lo, hi, _ = self.fields.get(field, (0, 0, False))
        offsets, raw, base = self._offsets, self._raw, self._base
        while lo < hi:
            mid = (lo + hi) >> 1
            if raw[base + offsets[mid] : base + offsets[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, field: str, key: bytes) -> int:
        """Term number of ``key`` in ``field``, or -1 (a hash look-up, then one comparison)."""
        seed = self._seeds.get(field)
        if seed is None:
            return -1
        first, end, _ = self.fields[field]
        wanted = zlib.crc32(key, seed)
        keys = self._hash_keys
        at = bisect.bisect_left(keys, wanted)
        count = self.term_count
        while at < count and keys[at] == wanted:
            index = self._hash_terms[at]
            if first <= index < end:
                # (the term's bytes compared where they lie, not copied by term())
                offsets, base = self._offsets, self._base
                if self._raw[base + offsets[index] : base + offsets[index + 1]] == key:
                    return int(index)
            at += 1
        return -1

    def find_many(self, keys: Sequence[tuple[str, bytes]]) -> list[int]:
        """:meth:`find` of many (field, term) pairs at once: one bisection of the hash table."""
        seeds = self._seeds
        wanted = [zlib.crc32(key, seeds[field]) if field in seeds else -1 for field, key in keys]
        # (The same type as the table's: another would make numpy convert the whole table.)
        probes = np.array([max(h, 0) for h in wanted], dtype=np.uint32)
        at = self.hash_keys.searchsorted(probes).tolist()
        hash_keys, numbers, count = self._hash_keys, self._hash_terms, self.term_count
        offsets, raw, base = self._offsets, self._raw, self._base
        found = []
        for (field, key), hashed, i in zip(keys, wanted, at, strict=True):
            index = -1
            if hashed >= 0:
                first, end, _ = self.fields[field]
                while i < count and hash_keys[i] == hashed:
                    number = numbers[i]
                    if (
                        first <= number < end
                        and raw[base + offsets[number] : base + offsets[number + 1]] == key
                    ):
                        index = int(number)
                        break
                    i += 1
            found.append(index)
        return found

    def prefix_range(self, field: str, prefix: bytes) -> tuple[int, int]:
        """Term numbers ``[first, end)`` of the terms of ``field`` starting with ``prefix``."""
        first = self.lower_bound(field, prefix)
        end = self.fields.get(field, (0, 0, False))[1]
        above = _successor(prefix)
        if above is not None:
            end = min(end, self.lower_bound(field, above))
        return first, max(first, end)

    def glob(self, field: str, pattern: bytes) -> np.ndarray:
        """Term numbers of ``field`` matching ``pattern``, where ``*`` stands for any bytes.

        Linear in the field's term bytes whatever the pattern: the terms
        holding the pattern's longest inner piece are found with numpy in the
        prefix range of its head, and only those are checked in full (a regex
        for `*а*а*а*б` can backtrack for minutes on a long term).
        """
        pieces = pattern.split(b"*")
        if len(pieces) == 1:
            found = self.find(field, pattern)
            return np.array([found] if found >= 0 else [], dtype=np.int64)
        head, inner, tail = pieces[0], [p for p in pieces[1:-1] if p], pieces[-1]
        lo, hi = self.prefix_range(field, head)
        if lo >= hi:
            return np.zeros(0, dtype=np.int64)
        offsets = self.file.array("term_offsets")
        if not inner:
            candidates = np.arange(lo, hi, dtype=np.int64)
        else:
            key = max(inner, key=len)
            start, end = int(offsets[lo]), int(offsets[hi])
            data = np.frombuffer(self._raw, np.uint8, end - start, self._base + start)
            width = len(data) - len(key) + 1
            if width <= 0:
                return np.zeros(0, dtype=np.int64)
            hits = data[:width] == key[0]
            for i in range(1, len(key)):
                hits &= data[i : i + width] == key[i]
            at = np.flatnonzero(hits) + start
            number = np.searchsorted(offsets[lo : hi + 1], at, side="right") - 1 + lo
            inside = at + len(key) <= offsets[number + 1]
            candidates = np.unique(number[inside]).astype(np.int64)
        if not head and not tail and len(inner) == 1:
            return candidates  # `*piece*`: every term holding the piece matches
        kept = [int(n) for n in candidates.tolist() if _glob_match(self.term(int(n)), pieces)]
        return np.array(kept, dtype=np.int64)

    def term_range(
        self, field: str, low: bytes | None, high: bytes | None, *, low_open: bool, high_open: bool
    ) -> tuple[int, int]:
        """Term numbers ``[first, end)`` of the terms of ``field`` from ``low`` to ``high``.

        None is unbounded; ``*_open`` leaves that end out (Whoosh's
        ``startexcl``/``endexcl``).
        """
        first, end, _ = self.fields.get(field, (0, 0, False))
        if low is not None:
            first = self.lower_bound(field, low)
            if low_open and first < end and self.term(first) == low:
                first += 1
        if high is not None:
            stop = self.lower_bound(field, high)
            if not high_open and stop < end and self.term(stop) == high:
                stop += 1
            end = stop
        return first, max(first, end)

    def doc_counts(self, numbers: np.ndarray) -> np.ndarray:
        """How many documents hold each of the terms ``numbers`` (deleted ones included)."""
        starts = self.post_starts
        counts: np.ndarray = starts[numbers + 1].astype(np.int64) - starts[numbers]
        return counts

    def postings(self, index: int) -> tuple[int, int]:
        """``[start, end)`` of term ``index``'s postings in :attr:`docs` and :attr:`freqs`."""
        return self._posts[index], self._posts[index + 1]

    def positions_start(self, index: int) -> int:
        return int(self._poses[index])

    def positional(self, field: str) -> bool:
        return self.fields.get(field, (0, 0, False))[2]

    def member_terms(self, index: int) -> list[bytes]:
        """The words that have term ``index`` (of the members' lemma field) as their lemma."""
        if self.members is None:
            return []
        first = self.fields[self.members[0]][0]
        start, end = self._member_starts[index - first], self._member_starts[index - first + 1]
        offsets, raw, base = self._offsets, self._raw, self._base
        return [
            bytes(raw[base + offsets[i] : base + offsets[i + 1]])
            for i in self._members[start:end].tolist()
        ]

    def lemma_pairs(self) -> dict[bytes, bytes]:
        """word -> lemma for the whole members table (for merging segments)."""
        if self.members is None:
            return {}
        first, end, _ = self.fields[self.members[0]]
        return {w: self.term(i) for i in range(first, end) for w in self.member_terms(i)}

    def term_texts(self, first: int, end: int) -> list[bytes]:
        """The bytes of terms ``first..end`` (for merging and listing)."""
        base, raw = self._base, self._raw
        offsets = self._offsets
        return [bytes(raw[base + offsets[i] : base + offsets[i + 1]]) for i in range(first, end)]

    def field_postings(self, field: str) -> FieldPostings:
        """Everything this segment holds for ``field`` (arrays are views of the file)."""
        first, end, positional = self.fields[field]
        start, stop = int(self.post_starts[first]), int(self.post_starts[end])
        counts = np.diff(self.post_starts[first : end + 1].astype(np.int64))
        positions = None
        if positional:
            positions = self.positions[int(self.pos_starts[first]) : int(self.pos_starts[end])]
        return FieldPostings(
            field,
            self.term_texts(first, end),
            counts,
            self.docs[start:stop],
            self.freqs[start:stop],
            positions,
        )


class SegmentDocs:
    """The per-document data of one segment: lengths and stored fields (read-only)."""

    def __init__(self, file: ArrayFile) -> None:
        self.file = file
        meta = file.meta
        count = meta.get("documents")
        lengths = meta.get("lengths")
        if not isinstance(count, int) or count < 0 or not isinstance(lengths, list):
            raise ArrayFileError(f"{file.name}: damaged header")
        self.doc_count = count
        table = file.array("lengths")
        if len(table) != count * len(lengths):
            raise ArrayFileError(f"{file.name}: the length table does not fit")
        self.lengths: dict[str, np.ndarray] = {}
        self.totals: dict[str, int] = {}
        for row, (name, total) in enumerate(lengths):
            self.lengths[str(name)] = table[row * count : (row + 1) * count]
            self.totals[str(name)] = int(total)
        self.stored_offsets = file.array("stored_offsets")
        self.stored_bytes = file.array("stored")
        if len(self.stored_offsets) != count + 1 or (
            count and int(self.stored_offsets[-1]) != len(self.stored_bytes)
        ):
            raise ArrayFileError(f"{file.name}: the stored fields do not fit")
        self._offsets = file.indexable("stored_offsets")
        self._raw = file.buffer
        self._base = file.offset("stored")

    def stored(self, docnum: int) -> dict[str, Any]:
        """Document ``docnum``'s stored fields."""
        if not 0 <= docnum < self.doc_count:
            raise IndexError(f"no document {docnum} in {self.file.name}")
        start, end = self._offsets[docnum], self._offsets[docnum + 1]
        try:
            value = _stored_fields(self._raw[self._base + start : self._base + end])
        except ValueError as exc:
            raise ArrayFileError(f"{self.file.name}: stored fields of {docnum} damaged") from exc
        if not isinstance(value, dict):
            raise ArrayFileError(f"{self.file.name}: stored fields of {docnum} damaged")
        return value

    def length(self, docnum: int, field: str) -> int:
        row = self.lengths.get(field)
        return 0 if row is None else int(row[docnum])


# --- Merging ---------------------------------------------------------------------------


def _docmaps(
    parts: Sequence[tuple[SegmentTerms, SegmentDocs, Collection[int] | None]],
) -> tuple[list[np.ndarray], int]:
    """For each part, old docnum -> new docnum (-1: deleted), and the merged count."""
    maps = []
    base = 0
    for _terms, docs, deleted in parts:
        keep = np.ones(docs.doc_count, dtype=bool)
        if deleted:
            gone = np.fromiter(deleted, dtype=np.int64, count=len(deleted))
            keep[gone[(gone >= 0) & (gone < docs.doc_count)]] = False
        new = np.full(docs.doc_count, -1, dtype=np.int64)
        new[keep] = base + np.arange(int(keep.sum()), dtype=np.int64)
        base += int(keep.sum())
        maps.append(new)
    return maps, base


def _kept_runs(data: np.ndarray, offsets: np.ndarray, keep: np.ndarray) -> list[np.ndarray]:
    """Views of ``data`` holding the kept documents' bytes, one per run of kept documents.

    (Deletions are few, so the runs are few; no index array a byte long is made.)
    """
    edges = np.flatnonzero(np.diff(np.concatenate(([0], keep.astype(np.int8), [0]))))
    return [
        data[offsets[start] : offsets[end]]
        for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)
    ]


def merge_field(name: str, parts: Sequence[tuple[FieldPostings, np.ndarray]]) -> FieldPostings:
    """One field's postings from several segments (each with its docnum map), as one.

    Postings of deleted documents (mapped to -1) drop out, and so do terms
    left with none.  Parts come in document order, so each term's postings
    are its postings in the first part, then in the second...: every part's
    block of a term is copied to where it goes, with no sort.
    """
    positional = any(p.positions is not None for p, _ in parts)
    terms = sorted(set().union(*(p.terms for p, _ in parts)))
    number = {t: i for i, t in enumerate(terms)}
    counts = np.zeros(len(terms), dtype=np.int64)
    position_counts = np.zeros(len(terms), dtype=np.int64)
    blocks = []
    for postings, docmap in parts:
        if positional and postings.positions is None:
            raise ValueError(f"field {name!r} has positions in some segments only")
        ids = np.fromiter((number[t] for t in postings.terms), np.int64, len(postings.terms))
        part_counts = postings.counts
        new_docs = docmap[postings.docs] if len(postings.docs) else np.zeros(0, np.int64)
        freqs, positions = postings.freqs, postings.positions
        keep = new_docs >= 0
        if not keep.all():
            part_counts = _block_sums(keep, part_counts)
            if positions is not None:
                positions = positions[np.repeat(keep, freqs)]
            new_docs, freqs = new_docs[keep], freqs[keep]
        part_positions = _block_sums(freqs, part_counts) if positional else None
        counts[ids] += part_counts
        if part_positions is not None:
            position_counts[ids] += part_positions
        blocks.append(
            (ids, part_counts, new_docs.astype(np.uint32), freqs, positions, part_positions)
        )
    total = int(counts.sum())
    docs = np.empty(total, dtype=np.uint32)
    all_freqs = np.empty(total, dtype=np.uint32)
    merged_positions = np.empty(int(position_counts.sum()), np.uint32) if positional else None
    filled = np.cumsum(counts) - counts  # where each term's next block goes
    filled_positions = np.cumsum(position_counts) - position_counts
    for ids, part_counts, part_docs, freqs, positions, part_positions in blocks:
        starts = filled[ids]
        _scatter(docs, starts, part_counts, part_docs)
        _scatter(all_freqs, starts, part_counts, freqs)
        filled[ids] += part_counts
        if merged_positions is not None and part_positions is not None:
            starts = filled_positions[ids]
            _scatter(merged_positions, starts, part_positions, positions)
            filled_positions[ids] += part_positions
    used = counts > 0
    kept_terms = [t for t, u in zip(terms, used.tolist(), strict=True) if u]
    return FieldPostings(name, kept_terms, counts[used], docs, all_freqs, merged_positions)


def _block_sums(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Sums of ``values`` over consecutive blocks of ``counts`` items (empty blocks sum to 0)."""
    cumulative = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=cumulative[1:])
    ends = np.cumsum(counts)
    sums: np.ndarray = cumulative[ends] - cumulative[ends - counts]
    return sums


def _scatter(
    out: np.ndarray, starts: np.ndarray, counts: np.ndarray, source: np.ndarray | None
) -> None:
    """Copy consecutive blocks of ``source`` (``counts`` items each) to ``out[start:]``.

    Done a few million items at a time, so the index arrays stay small.
    """
    if source is None or not len(source):
        return
    ends = np.cumsum(counts)
    begins = ends - counts
    first, n = 0, len(counts)
    while first < n:
        last = max(first + 1, int(np.searchsorted(ends, begins[first] + _CHUNK, "right")))
        low, high = int(begins[first]), int(ends[last - 1])
        block_starts = starts[first:last]
        out[gather_ranges(block_starts, block_starts + counts[first:last])] = source[low:high]
        first = last


_CHUNK = 1 << 22  # items copied at a time by _scatter


def merge_segments(
    parts: Sequence[tuple[SegmentTerms, SegmentDocs, Collection[int] | None]],
) -> tuple[
    list[FieldPostings], Members | None, int, dict[str, np.ndarray], np.ndarray, list[np.ndarray]
]:
    """Segments (with their deleted docnums) as one.

    The result is what :func:`write_terms` and :func:`write_docs` take:
    ``(fields, members, doc_count, lengths, stored_offsets, stored_pieces)``
    (the stored bytes as views of the segments' own, in order); the members
    table only when every segment has one.
    """
    maps, count = _docmaps(parts)
    names = sorted(set().union(*(terms.fields for terms, _, _ in parts)))
    fields = []
    for name in names:
        present = [
            (terms.field_postings(name), docmap)
            for (terms, _, _), docmap in zip(parts, maps, strict=True)
            if name in terms.fields
        ]
        fields.append(merge_field(name, present))
    length_names = sorted(set().union(*(docs.lengths for _, docs, _ in parts)))
    lengths = {}
    for name in length_names:
        rows = []
        for (_, docs, _), docmap in zip(parts, maps, strict=True):
            row = docs.lengths.get(name)
            if row is None:
                row = np.zeros(docs.doc_count, dtype=np.uint32)
            rows.append(row[docmap >= 0])
        lengths[name] = np.concatenate(rows) if rows else _EMPTY_U32
    blobs: list[np.ndarray] = []
    sizes = []
    for (_, docs, _), docmap in zip(parts, maps, strict=True):
        keep = docmap >= 0
        offsets = docs.stored_offsets.astype(np.int64)
        sizes.append((offsets[1:] - offsets[:-1])[keep])
        blobs.extend(_kept_runs(docs.stored_bytes, offsets, keep))
    all_sizes = np.concatenate(sizes) if sizes else np.zeros(0, np.int64)
    stored_offsets = _cumulative(all_sizes)
    stored = blobs or [np.zeros(0, np.uint8)]
    members = None
    tables = {terms.members for terms, _, _ in parts}
    if len(tables) == 1 and None not in tables:
        lemma_field, word_field = next(iter(tables))  # type: ignore[misc]
        pairs: dict[bytes, bytes] = {}
        for terms, _, _ in parts:
            pairs.update(terms.lemma_pairs())
        members = Members(lemma_field, word_field, pairs)
    return fields, members, count, lengths, stored_offsets, stored
