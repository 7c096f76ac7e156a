"""Queries as people type them: wrong keyboard layout, typos, did-you-mean, completion.

Everything here is decided against the index's own vocabulary (the ``words``
field: whole, normalised words), so a word that occurs in the indexed text is
never "corrected":

* a word unknown to the index whose other-layout reading is known was typed
  with the wrong layout (`ghbdtn` -> `привет`);
* an unknown word of 4+ letters is matched to known words within one edit
  (two from 8 letters; a transposition is one edit), most frequent first;
* but a common word of the Russian dictionary (pymorphy3's; not a name) is
  neither: it was typed as meant, and the index just lacks it (`алмазы` is
  not a typo of `алматы`, nor Latin typed in the Russian layout);
* completion lists known words starting with a prefix, most frequent first,
  in their usual written form (`москва` -> `Москва`, `молодежь` -> `молодёжь`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from searchlib._codec import sorted_unique
from searchlib._files import replace_file, replace_text
from searchlib._keyboard import wrong_layout_candidates
from searchlib._morph import has_common_reading, query_lemma, written_in_capitals
from searchlib._schema import QUOTE_FIELDS
from searchlib._stopwords import QUESTION_WORDS, RUSSIAN_STOP_WORDS
from searchlib.analysis import _DROP_RE, WORD_PATTERN, WORD_RE, normalize_word, stem

if TYPE_CHECKING:
    from searchlib._fastsearch import ArrayIndex

__all__ = [
    "FormTally",
    "SpellingIndex",
    "Vocabulary",
    "display_forms",
    "edit_distance",
    "max_edits",
]

_WORD_FIELDS = ("words", QUOTE_FIELDS["words"])
_QUOTE_WORDS, _QUOTE_TEXT, _QUOTE_LEMMA = (QUOTE_FIELDS[f] for f in ("words", "text", "lemma"))
_WORD_RE = re.compile(r"[^\W_]+")
_LETTERS_RE = re.compile(r"[^\W\d_]")
_GENERATION = "#generation "
_KNOWN_CACHE = 1 << 16  # words whose known() answer a Vocabulary keeps
_CORRECTIONS_CACHE = 1 << 14  # words whose corrections() a Vocabulary keeps
_COMPLETIONS_CACHE = 1 << 12  # prefixes whose complete() a Vocabulary keeps (see there),
_COMPLETIONS_WORDS = 1 << 15  # and the words of their answers, at most
_LAYOUT_CACHE = 1 << 14  # tokens whose layout_fix() a Vocabulary keeps...
_LAYOUT_KEPT_CHARS = 64  # ...of at most this many characters


#: Words longer than this are not corrected: no Russian word is, and the look-up's cost
#: grows with the cube of the length (a hostile 800-letter "word" took 36 s).
MAX_CORRECTED_CHARS = 32


def max_edits(word: str) -> int:
    """Edits allowed when correcting ``word``: 0 below 4 letters, 1 from 4, 2 from 8
    (0 beyond :data:`MAX_CORRECTED_CHARS`)."""
    n = len(word)
    if n > MAX_CORRECTED_CHARS:
        return 0
    return 2 if n >= 8 else 1 if n >= 4 else 0


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a transposition is one edit).

    With ``limit``, any distance above it comes back as ``limit + 1``, and
    only the cells within ``limit`` of the diagonal are computed (a typo's
    candidates are checked against one or two edits).
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    # A common beginning and end change no distance (a transposition across
    # their edge would swap two equal letters), so the table is made for the
    # letters between, a typo's few: a candidate of a 10-letter typo is
    # checked in 2.5-9 us instead of 18.
    start = 0
    shortest = min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if start or end:
        a, b = a[start : len(a) - end], b[start : len(b) - end]
        if not a or not b:
            distance = len(a) + len(b)
            return distance if limit is None or distance <= limit else limit + 1
    width = max(len(a), len(b)) if limit is None else limit
    beyond = len(a) + len(b) + 1  # more than any distance: a cell outside the band
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [beyond] * (len(b) + 1)
        if i <= width:
            current[0] = i
        for j in range(max(1, i - width), min(len(b), i + width) + 1):
            cb = b[j - 1]
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    distance = previous[-1]
    return distance if limit is None or distance <= limit else limit + 1


#: The base of the variants' polynomial hash (a prime), arithmetic modulo 2**32: a string
#: of code points c hashes to sum of c[i] * BASE**(n-1-i) mod 2**32.
_BASE = 1_000_003
_MASK = 0xFFFFFFFF


@functools.lru_cache(maxsize=128)
def _powers(length: int) -> np.ndarray:
    """BASE**(length-1-i) mod 2**32 for each i (uint32)."""
    return np.array([pow(_BASE, length - 1 - k, 1 << 32) for k in range(length)], np.uint32)


@functools.lru_cache(maxsize=128)
def _deletion_columns(length: int) -> np.ndarray:
    """(length, length - 1) column indexes: row j is every column but j."""
    columns = np.arange(length)
    return np.array([np.delete(columns, j) for j in range(length)]).reshape(length, length - 1)


def _delete_one(rows: np.ndarray) -> np.ndarray:
    """Every row with each of its letters deleted in turn, as rows."""
    count, length = rows.shape
    if not length:
        return rows[:0]
    return rows[:, _deletion_columns(length)].reshape(count * length, length - 1)


def _variant_hashes(word: str, edits: int) -> np.ndarray:
    """Hashes of the variants of a typo to look up (see :meth:`SpellingIndex.candidates`).

    The typo and its one-letter deletions; at two edits also its two-letter
    deletions, and each neighbour swap with its deletions (the symmetric
    deletions alone would miss `интегарция`).  In variant order, repeats left
    (the look-up collects the words it finds as a set), uint32.
    Computed as one product of :func:`_variant_weights` and the word's code
    points: 3.5x faster than building each variant (28 -> 8 us a word), and
    in uint32, whose sums wrap modulo 2**32 as the hash does (7.4 -> 5.6 us).
    A typo's first correction, in 1,000 development questions at 20,000
    paragraphs: 163 -> 127 us (0.04 ms a query; 4 alternating runs).
    """
    codes = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)
    return _variant_weights(len(codes), edits) @ codes


@functools.lru_cache(maxsize=64)
def _variant_weights(length: int, edits: int) -> np.ndarray:
    """(variants, length) uint32: row v times a word's code points is the hash of variant v.

    A variant (the word, a neighbour swap, a deletion of one of those, a
    two-letter deletion of the word) takes letters from fixed positions, so
    its hash (see :data:`_BASE`) is linear in the code points: BASE**(its
    length-1-i) mod 2**32 stands in the column of its i-th letter.  (uint32
    products and sums wrap modulo 2**32: the hash is exact.)  Made once a
    length and kept: 0.2-0.4 ms at 8-12 letters, 1.3 ms and 256 KB at 32.
    """
    own = np.arange(length, dtype=np.int64)[None, :]
    rows = own
    if edits > 1 and length > 1:
        at = np.arange(length - 1)
        swaps = np.repeat(own, len(at), axis=0)
        swaps[at, at], swaps[at, at + 1] = at + 1, at
        rows = np.vstack([own, swaps])
    parts = [rows, _delete_one(rows)]
    if edits > 1:
        parts.append(_delete_one(_delete_one(own)))
    blocks = []
    for positions in parts:  # (repeated variants are left: their hashes are made distinct)
        block = np.zeros((len(positions), length), dtype=np.uint32)
        block[np.arange(len(positions))[:, None], positions] = _powers(positions.shape[1])
        blocks.append(block)
    return np.vstack(blocks)


def _table_keys(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hash, word number) of each word and of its one-letter deletions, with numpy.

    The same hashes as :func:`_variant_hashes` gives the typo side, computed for all
    words of a length at once, in O(length) a word; each pair once.
    """
    keys_parts: list[np.ndarray] = [np.zeros(0, dtype=np.uint64)]
    by_length: dict[int, list[int]] = {}
    for number, word in enumerate(words):
        if len(word) >= 3 and _LETTERS_RE.search(word):
            by_length.setdefault(len(word), []).append(number)
    base = np.uint64(_BASE)
    mask = np.uint64(_MASK)
    for length, numbers in by_length.items():
        raw = "".join(words[i] for i in numbers).encode("utf-32-le")
        codes = np.frombuffer(raw, dtype=np.uint32).reshape(len(numbers), length).astype(np.uint64)
        powers = [np.uint64(pow(_BASE, k, 1 << 32)) for k in range(length)]
        suffix = np.zeros((len(numbers), length + 1), dtype=np.uint64)
        for j in range(length - 1, -1, -1):
            suffix[:, j] = (codes[:, j] * powers[length - 1 - j] + suffix[:, j + 1]) & mask
        prefix = np.zeros(len(numbers), dtype=np.uint64)
        owner = np.array(numbers, dtype=np.uint64) << np.uint64(32)
        for j in range(length):
            deleted = (prefix * powers[length - 1 - j] + suffix[:, j + 1]) & mask
            keys_parts.append(owner | deleted)
            prefix = (prefix * base + codes[:, j]) & mask
        keys_parts.append(owner | prefix)  # the whole word
    pairs = sorted_unique(np.concatenate(keys_parts))
    hashes = (pairs & mask).astype(np.uint32)
    owners = (pairs >> np.uint64(32)).astype(np.uint32)
    order = np.argsort(hashes, kind="stable")  # by hash; owners ascending within
    return hashes[order], owners[order]


#: Bits of a spelling table's filter (see :func:`_key_filter`) per key, at least.
_FILTER_BITS_PER_KEY = 8


def _key_filter(hashes: np.ndarray) -> tuple[np.ndarray, np.uint32]:
    """(bitmap, shift): bit ``h >> shift`` of ``bitmap`` (uint8, little-endian bits) is set
    for each hash ``h`` of ``hashes`` (uint32).

    A power of two of bits, at least :data:`_FILTER_BITS_PER_KEY` a key: 1 MB
    at 20,000 paragraphs, 2 MB at 104,253, with 5-7% of the bits set; made in
    10-30 ms, on a build's first typo.
    """
    bits = min(32, max(3, (len(hashes) * _FILTER_BITS_PER_KEY - 1).bit_length()))
    shift = np.uint32(32 - bits)
    positions = hashes >> shift
    bitmap = np.zeros(1 << (bits - 3), dtype=np.uint8)
    np.bitwise_or.at(
        bitmap,
        positions >> np.uint32(3),
        np.left_shift(np.uint8(1), (positions & np.uint32(7)).astype(np.uint8)),
    )
    return bitmap, shift


def _save_array(path: Path, *, array: Any) -> None:
    with path.open("wb") as fh:  # a file object: np.save would add ".npy" to a bare name
        np.save(fh, array)


class SpellingIndex:
    """Known words by their one-letter deletions, for fast typo candidates (needs numpy).

    Whoosh finds words within an edit distance by walking its term file with
    a Levenshtein automaton: about 15 ms a word on 10,000 paragraphs, and it
    counts a transposition as two edits.  This is the symmetric-delete method
    instead: every known word is filed under itself and each string one
    deletion away; a typo's own deletions (two levels of them for 8+ letter
    words, plus those of its neighbour-swapped forms) look up candidates,
    which :func:`edit_distance` then checks.  At two edits it finds most
    typos, not all: two substitutions, or two letters missing, can escape it.  Keys
    are 32-bit polynomial hashes in a sorted array (computed with numpy for
    the whole vocabulary), so the table is compact and loads mapped.
    """

    WORDS = "spelling-words.txt"
    KEYS = "spelling-keys.npy"
    FREQUENCIES = "spelling-frequencies.npy"

    def __init__(
        self, words: list[str], keys: Any, frequencies: Any = None, generation: int = 0
    ) -> None:
        self.words = words  # every known word, sorted
        self._keys = keys  # 2 x n uint32: hash of a variant, index of its word
        self._frequencies = frequencies  # documents holding each word
        self.generation = generation  # the index generation the table was made for
        self._filter: tuple[np.ndarray, np.uint32] | None = None  # made on first use

    @classmethod
    def build(cls, frequencies: Mapping[str, int], folder: Path, *, generation: int = 0) -> None:
        """Write the tables of ``frequencies`` (normalised word -> documents) into ``folder``."""
        vocabulary = sorted(frequencies)
        hashes, owners = _table_keys(vocabulary)
        table = np.stack([hashes, owners])
        counts = np.array([frequencies[w] for w in vocabulary], dtype=np.uint32)
        header = f"{_GENERATION}{generation}"
        # Each file is written under a new name and renamed into place: the
        # old files may be hard links shared with the previous build.
        for name, array_ in ((cls.KEYS, table), (cls.FREQUENCIES, counts)):
            replace_file(folder / name, functools.partial(_save_array, array=array_))
        replace_text(folder / cls.WORDS, "\n".join([header, *vocabulary]))

    @classmethod
    def load(cls, folder: Path) -> SpellingIndex | None:
        """The tables written by :meth:`build`, or None (missing or damaged)."""
        try:
            header, *words = (folder / cls.WORDS).read_text(encoding="utf-8").split("\n")
            # Plain views of the maps: numpy's memmap class costs on every slice.
            keys = np.load(folder / cls.KEYS, mmap_mode="r").view(np.ndarray)
            frequencies = np.load(folder / cls.FREQUENCIES, mmap_mode="r").view(np.ndarray)
            generation = int(header.removeprefix(_GENERATION))
        except (OSError, ValueError):
            return None
        if keys.ndim != 2 or keys.shape[0] != 2 or frequencies.shape != (len(words),):
            return None
        return cls(words, keys, frequencies, generation)

    def complete(self, prefix: str, count: int) -> list[str]:
        """Up to ``count`` known words starting with ``prefix``, most frequent first."""
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        if hi - lo > count:
            # The count-th largest frequency; ties at it go in word order.
            counts = np.asarray(self._frequencies[lo:hi])
            threshold = np.partition(counts, len(counts) - count)[len(counts) - count]
            above = np.flatnonzero(counts > threshold)
            tied = np.flatnonzero(counts == threshold)[: count - len(above)]
            chosen = (lo + np.concatenate([above, tied])).tolist()
        else:
            chosen = list(range(lo, hi))
        frequency = self._frequencies
        chosen.sort(key=lambda i: (-int(frequency[i]), self.words[i]))
        return [self.words[i] for i in chosen]

    def candidates(self, word: str, edits: int) -> dict[str, int]:
        """Known words that may be within ``edits`` of ``word`` (to be checked) -> documents."""
        keys, owners = self._keys
        if not len(keys):
            return {}
        key_filter = self._filter
        if key_filter is None:  # (threads may both make it: the same)
            key_filter = self._filter = _key_filter(keys)
        bitmap, shift = key_filter
        # Of a typo's 90-300 variants (repeats left: the words found are a set), only
        # those whose bit is set in the filter, 5-10, are searched for; few of them are
        # keys (0.6 a typo at 20,000 paragraphs), and only those are read.  Searching
        # every variant, the reads missing the processor's caches, took 39 us of a
        # typo's 73 in searches of 1,000 development questions at 20,000 paragraphs;
        # now a typo takes 53 us (corrections: 0.095 -> 0.067 ms a query; 0.096 ->
        # 0.066 at 104,253 paragraphs).
        wanted = _variant_hashes(word, edits)
        at = wanted >> shift
        wanted = wanted[((bitmap[at >> np.uint32(3)] >> (at & np.uint32(7))) & 1).astype(bool)]
        if not len(wanted):
            return {}
        starts = keys.searchsorted(wanted).tolist()  # (the method: numpy's function wraps it)
        count = len(keys)
        hits = {
            h: start
            for h, start in zip(wanted.tolist(), starts, strict=True)
            if start < count and keys[start] == h
        }
        if not hits:
            return {}
        ends = keys.searchsorted(np.fromiter(hits, np.uint32, len(hits)), side="right").tolist()
        found = sorted(
            {
                n
                for start, end in zip(hits.values(), ends, strict=True)
                for n in owners[start:end].tolist()
            }
        )
        counts = self._frequencies[found].tolist()
        return {self.words[n]: int(c) for n, c in zip(found, counts, strict=True)}


class Vocabulary:
    """The vocabulary of one build of the index: what is known, corrections, completion.

    Shared by every thread searching the build (its answers are cached in a
    dict, which threads may share).
    """

    def __init__(
        self,
        arrays: ArrayIndex,
        display_forms: dict[str, str] | None = None,
        spelling: SpellingIndex | None = None,
        *,
        generation: int = 0,
    ) -> None:
        self._arrays = arrays
        self._display = display_forms or {}
        self._spelling = spelling
        self._generation = generation  # the index's; the tables may be older
        self._known: dict[str, bool] = {}  # answers of known(): query words recur
        self._corrections: dict[tuple[str, int], tuple[str, ...]] = {}
        self._layout: dict[str, str | None] = {}  # answers of layout_fix(): tokens recur
        self._completions: dict[tuple[str, int], tuple[str, ...]] = {}
        self._completed_words = 0  # in the answers kept (a budget: kept memory stays small)

    def frequency(self, word: str) -> int:
        """Documents holding the normalised ``word``."""
        return sum(self._arrays.doc_frequency(f, word) for f in _WORD_FIELDS)

    def known(self, word: str) -> bool:
        """Does the index hold ``word`` (normalised) as a word, a stem or a lemma (of a text or
        a title)?

        Stop words count as known: they are left out of the index on purpose.
        """
        answer = self._known.get(word)
        if answer is None:
            if len(self._known) >= _KNOWN_CACHE:
                self._known.clear()
            answer = self._known[word] = self._look_up(word)
        return answer

    def _look_up(self, word: str) -> bool:
        if word in RUSSIAN_STOP_WORDS or word in QUESTION_WORDS:
            return True
        if self._holds(word):
            return True
        contains = self._arrays.holds_live  # (a word only removed documents held is unknown)
        stemmed = stem(word)
        if contains("text", stemmed) or contains(_QUOTE_TEXT, stemmed):
            return True
        found = query_lemma(word)  # (a query word's: its class, wanted too, shares the parse)
        if contains("lemma", found) or contains(_QUOTE_LEMMA, found):
            return True
        # A word of a record's title only (`Hello world`): known too, not a typo nor a
        # word typed in the wrong layout (`руддщ` is `hello`).
        return contains("title", stemmed)

    def corrections(self, word: str, *, limit: int = 3) -> list[str]:
        """Known words within :func:`max_edits` of ``word``: closest, then most frequent.

        Answers are kept (a build's vocabulary does not change; typos recur).
        """
        key = (word, limit)
        found = self._corrections.get(key)
        if found is None:
            if len(self._corrections) >= _CORRECTIONS_CACHE:
                self._corrections.clear()
            found = self._corrections[key] = self._find_corrections(word, limit)
        return list(found)

    def _find_corrections(self, word: str, limit: int) -> tuple[str, ...]:
        edits = max_edits(word)
        if not edits or not _LETTERS_RE.search(word) or has_common_reading(word):
            return ()  # (a word of the language the index lacks is no typo: see the module)
        spelling = self._spelling
        frequencies: Mapping[str, int]
        if spelling is None:
            found = self._candidates_by_automaton(word, edits)
            frequencies = {w: self.frequency(w) for w in found}
        else:
            table = spelling.candidates(word, edits)
            if spelling.generation == self._generation:
                frequencies = table  # made from this very state of the index
            else:  # updated since: the index says which words it holds, and how often
                frequencies = {w: self.frequency(w) for w in table if self._holds(w)}
        ranked = []
        for candidate, frequency in frequencies.items():
            if candidate != word:
                distance = edit_distance(word, candidate, edits)
                if distance <= edits:
                    ranked.append((distance, -frequency, candidate))
        ranked.sort()
        return tuple(candidate for _, _, candidate in ranked[:limit])

    def _holds(self, word: str) -> bool:
        """Does a live document hold ``word`` as a word?  (Not a removed one: after
        ``remove`` the term stays until a merge, and must not be suggested.)"""
        contains = self._arrays.holds_live
        return contains("words", word) or contains(_QUOTE_WORDS, word)

    def _candidates_by_automaton(self, word: str, edits: int) -> set[str]:
        """Whoosh's Levenshtein automata over the term dictionary (without the typo table)."""
        # Whoosh's automaton counts a transposition as two edits: look up each
        # word with two neighbouring letters swapped too, with one edit fewer.
        searches = [(word, edits, 0)]
        for i in range(len(word) - 1):
            if word[i] != word[i + 1]:
                swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                searches.append((swapped, edits - 1, min(i, 1)))
        found: set[str] = set()
        for field in _WORD_FIELDS:
            for text, distance, prefix in searches:
                if distance == 0:
                    if self._arrays.contains(field, text):
                        found.add(text)
                else:
                    found.update(self._arrays.terms_within(field, text, distance, prefix))
        return found

    def layout_fix(self, token: str) -> str | None:
        """The other-layout reading of ``token`` when the index knows it and not ``token``.

        Answers are kept, as :meth:`known`'s are.
        """
        fix = self._layout.get(token, "")  # ("": not asked yet; a reading has letters)
        if fix == "":
            fix = self._layout_fix(token)
            if len(token) <= _LAYOUT_KEPT_CHARS:  # (a long one is no word: not worth its room)
                if len(self._layout) >= _LAYOUT_CACHE:
                    self._layout.clear()
                self._layout[token] = fix
        return fix

    def _layout_fix(self, token: str) -> str | None:
        words = [normalize_word(w) for w in _WORD_RE.findall(token)]
        if words and all(self.known(w) or has_common_reading(w) for w in words):
            return None  # (checked first: the usual case, and answers are kept)
        for converted in wrong_layout_candidates(token):
            if len(_LETTERS_RE.findall(converted)) < 2:
                continue
            fixed = [normalize_word(w) for w in _WORD_RE.findall(converted)]
            if fixed and all(self.known(w) for w in fixed):
                # A word typed in lower case is shown as the text writes it (`jnu` -> `ОТГ`).
                return _WORD_RE.sub(lambda m: self._as_written(m[0]), converted)
        return None

    def _as_written(self, typed: str) -> str:
        """A word typed in lower case as the text usually writes it (`отг` -> `ОТГ`), where
        the text writes it otherwise; else as typed (`молодёжь`, its `ё` kept)."""
        if not typed.islower():
            return typed
        word = normalize_word(typed)
        shown = self.display(word)
        return typed if shown == word else shown

    def display(self, word: str) -> str:
        """How ``word`` (normalised) is usually written in the text."""
        return self._display.get(word, word)

    def complete(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Known words starting with ``prefix``, most frequent first, as usually written.

        A prefix with a hyphen completes hyphenated words (`санкт-п` ->
        `Санкт-Петербург`): see :meth:`_compounds`.
        """
        typed = prefix.strip()
        compound = _JOINER_RE.search(typed) is not None
        start = typed.lower() if compound else normalize_word(typed)
        if not start:
            return []
        spelling = self._spelling
        if not compound and spelling is not None and spelling.generation == self._generation:
            # The table was made from this very state of the index.
            return [self.display(w) for w in spelling.complete(start, limit)]
        # Updated since, or a compound: ask the index, and keep the answer for this state of
        # the index (a one-letter prefix reads every term it begins: 30 ms at 20,000
        # paragraphs, and an application completes as each letter is typed).
        key = (start, limit)
        found = self._completions.get(key)
        if found is None:
            found = self._compounds(typed, limit) if compound else self._completed(start, limit)
            if (
                len(self._completions) >= _COMPLETIONS_CACHE
                or self._completed_words + len(found) > _COMPLETIONS_WORDS
            ):
                self._completions.clear()
                self._completed_words = 0
            self._completions[key] = found
            self._completed_words += len(found)
        return list(found)

    def _completed(self, start: str, limit: int) -> tuple[str, ...]:
        """:meth:`complete` from the term dictionary (slower on short prefixes)."""
        counts: dict[str, int] = {}
        for field in _WORD_FIELDS:
            for word, frequency in self._arrays.prefixed(field, start).items():
                counts[word] = counts.get(word, 0) + frequency
        ranked: Iterable[str] = sorted(counts, key=lambda w: (-counts[w], w))
        if not self._arrays.all_live:  # (removed documents' words stay in the terms till a merge)
            ranked = filter(self._holds, ranked)
        return tuple(self.display(w) for w in itertools.islice(ranked, limit))

    def _compounds(self, typed: str, limit: int) -> tuple[str, ...]:
        """Hyphenated words starting with ``typed`` (`Касым-Ж` -> `Касым-Жомарт`), most
        frequent first, as most often written.

        The index holds the parts of a hyphenated word as words of their own; the
        compounds are read from the texts of the live paragraphs holding the first
        part, the first :data:`_COMPOUND_DOCS` of them and at most
        :data:`_COMPOUND_CHARS` characters (a word no paragraph holds, or a stop word
        the index leaves out, completes nothing).  Only whole hyphenated words count
        (`германо-российский` in `франко-германо-российский` is none).
        """
        parts = _JOINER_RE.split(typed)
        head = [normalize_word(part) for part in parts[:-1]]
        tail = normalize_word(parts[-1])
        if not all(head) or (parts[-1] and not tail):
            return ()
        wanted = "-".join([*head, tail])
        lead = "-".join(head) + "-"
        docs = self._arrays.term_docs("words", head[0])
        docs = docs[self._arrays.live[docs]][:_COMPOUND_DOCS]
        counts: Counter[str] = Counter()
        written: dict[str, Counter[str]] = {}
        budget = _COMPOUND_CHARS
        for docnum in docs.tolist():
            text = self._arrays.stored(docnum).get("body")
            if not isinstance(text, str):
                continue
            if len(text) > budget:
                continue  # (too long for what is left to read: the next may not be)
            budget -= len(text)
            folded = _folded(text)
            at = folded.find(lead)
            if at < 0:  # (most paragraphs: the first part alone)
                continue
            for match in _compounds_at(text, folded, lead, at):
                word = "-".join(normalize_word(p) for p in _JOINER_RE.split(match[0]))
                if word.startswith(wanted):
                    counts[word] += 1
                    shown = _DROP_RE.sub("", unicodedata.normalize("NFC", match[0]))
                    written.setdefault(word, Counter())[shown] += 1
        ranked = sorted(counts, key=lambda w: (-counts[w], w))[:limit]
        return tuple(_as_usually_written(word, written[word]) for word in ranked)


def _as_usually_written(word: str, forms: Counter[str]) -> str:
    """How a hyphenated ``word`` (folded) is shown, of its written ``forms``: as
    :meth:`FormTally.forms` shows a word (capitals where they are most of it and every
    part may be written so, `ИТАР-ТАСС`, `COVID-19`; not a dateline's `НЬЮ-ЙОРК`)."""
    capitals = Counter({f: n for f, n in forms.items() if f.isupper()})
    other = forms - capitals
    return _shown_form(
        capitals.total(),
        other.total(),
        capitals.most_common(1)[0][0] if capitals else None,
        other.most_common(1)[0][0] if other else None,
        lambda: all(written_in_capitals(part) for part in word.split("-")),
    )


def _shown_form(
    capitals: int,
    other: int,
    best_capitals: str | None,
    best_other: str | None,
    may_be_capitals: Callable[[], bool],
) -> str:
    """Which of a word's two likeliest written forms it is shown in: ``best_capitals``, the
    likeliest in capitals (``capitals`` of them written), or ``best_other``, the likeliest
    other (``other`` written).  Capitals where the word is written no other way, or in
    capitals more often than otherwise and ``may_be_capitals()`` (an abbreviation's, an
    organisation's name, a word the dictionary lacks); else the other."""
    if best_capitals is None or (best_other is not None and capitals <= other):
        assert best_other is not None
        return best_other
    if best_other is None or may_be_capitals():
        return best_capitals
    return best_other  # (a dateline's `МОСКВА` beside `Москва`)


def _folded(text: str) -> str:
    """``text`` folded (:func:`_fold`), hyphens as ``-``: where a hyphenated word's folded
    parts can be looked for."""
    folded = _fold(text)
    if "\u2010" in folded or "\u2011" in folded:
        folded = folded.replace("\u2010", "-").replace("\u2011", "-")
    return folded


def _compounds_at(text: str, folded: str, lead: str, at: int) -> Iterator[re.Match[str]]:
    """The hyphenated words of ``text`` that begin where its ``folded`` form holds ``lead``
    (first found at ``at``).  Where folding kept every offset (almost always), only
    those places are read, and only a word that begins there counts (not the middle
    of a longer one); elsewhere every hyphenated word is."""
    if len(folded) != len(text):
        yield from _COMPOUND_RE.finditer(text)
        return
    while at >= 0:
        before = text[at - 1 : at]
        inside = before.isalnum() or (
            _JOINER_RE.fullmatch(before) is not None and text[at - 2 : at - 1].isalnum()
        )
        match = None if inside else _COMPOUND_RE.match(text, at)
        if match is not None:
            yield match
        at = folded.find(lead, at + 1)


#: A hyphen joining the parts of a word (`Санкт-Петербург`, also U+2010 and U+2011).
_JOINER_RE = re.compile("[-\u2010\u2011]")
#: A hyphenated word as written: words (stress marks and other in-word marks in them)
#: joined by hyphens.
_COMPOUND_RE = re.compile(f"{WORD_PATTERN}(?:[-\u2010\u2011]{WORD_PATTERN})+")
#: Paragraphs, and characters, read for the completions of a hyphenated prefix, at most.
_COMPOUND_DOCS = 400
_COMPOUND_CHARS = 400_000


class FormTally:
    """Counts written forms of words, to learn how each is usually written."""

    def __init__(self) -> None:
        self._surfaces: Counter[str] = Counter()

    def add(self, text: str) -> None:
        """Count the written forms of the words of ``text``."""
        self._surfaces.update(WORD_RE.findall(text))

    def add_counts(self, counts: Mapping[str, int]) -> None:
        """Add written forms already counted (the index builder counts them as it tokenises)."""
        self._surfaces.update(counts)

    def forms(self) -> dict[str, str]:
        """Normalised word -> its most frequent written form, where that differs.

        Forms are kept as written (`Москва`, `iPhone`, `ОТГ`).  Where a word is written
        both in capitals (two letters or more) and otherwise, the capitals are how it
        is written only where they are more than all other forms together and the
        dictionary reads it as an abbreviation or not at all (`НАТО`, `ОТГ`): a
        dateline's `МОСКВА` never beats `Москва`.  (Capitals were all folded to lower
        case: `ОТГ` completed as `отг`.)  A one-letter word is written in lower case.
        """
        written_counts: dict[str, int] = {}
        # (Forms in decomposed Unicode, NFD, are shown composed: checked for all at once.)
        composed = unicodedata.is_normalized("NFC", "".join(self._surfaces))
        for surface, count in self._surfaces.items():
            written = surface if composed else unicodedata.normalize("NFC", surface)
            if not written.isalnum():  # (stress marks, soft hyphens: after NFC, `Café` kept)
                written = _DROP_RE.sub("", written)
            if len(written) == 1:
                written = written.lower()  # (a capital alone opens a sentence: `В`, `Я`)
            written_counts[written] = written_counts.get(written, 0) + count
        # folded -> [count in capitals, count otherwise, best in capitals, best otherwise]
        tallies: dict[str, list[Any]] = {}
        writtens = list(written_counts)
        for written, folded in zip(writtens, _normalized(writtens), strict=True):
            count = written_counts[written]
            tally = tallies.get(folded)
            if tally is None:
                tally = tallies[folded] = [0, 0, None, None]
            side = 0 if len(written) > 1 and written.isupper() else 1
            tally[side] += count
            known = tally[side + 2]
            if known is None or (count, written) > known:
                tally[side + 2] = (count, written)
        forms = {}
        for folded, (capitals, other, best_capitals, best_other) in tallies.items():
            written = _shown_form(
                capitals,
                other,
                best_capitals and best_capitals[1],
                best_other and best_other[1],
                functools.partial(written_in_capitals, folded),
            )
            if written != folded:
                forms[folded] = written
        return forms


def _normalized(words: list[str]) -> list[str]:
    """:func:`~searchlib.analysis.normalize_word` of each of ``words``, in one pass over
    their text joined by line breaks.

    Each of its steps acts on each character alone (NFC composes nothing with a
    line break, which no fold makes or removes), so the joined text folds to the
    folded words joined; one call a step instead of four a word (a build's
    display forms, 87,000 written forms at 20,000 paragraphs: 0.16 -> 0.06 s).
    """
    joined = "\n".join(words)
    if joined.count("\n") != max(len(words) - 1, 0):  # (a word with a line break in it)
        return [normalize_word(w) for w in words]
    return _fold(joined).split("\n") if words else []


def _fold(text: str) -> str:
    """``text`` folded as :func:`~searchlib.analysis.normalize_word` folds a word (NFC,
    stress marks and invisible characters dropped, case folded, ``ё`` as ``е``), each
    character on its own: a text's offsets stay its words' where no character folds to
    two or none."""
    if text.isascii():
        return text.lower()
    return _DROP_RE.sub("", unicodedata.normalize("NFC", text)).casefold().replace("ё", "е")


def display_forms(texts: Iterable[str]) -> dict[str, str]:
    """Normalised word -> its most frequent written form, where that differs (ё, capitals).

    >>> display_forms(["Москва и молодёжь.", "В Москве молодёжь, Москва", "москва"])
    {'москва': 'Москва', 'молодежь': 'молодёжь', 'москве': 'Москве'}
    """
    tally = FormTally()
    for text in texts:
        tally.add(text)
    return tally.forms()
