"""Choosing snippet fragments: where a hit's text matched, cut at sentence boundaries.

A word matches when its stem is one of the query's stems (so the query
`интеграция` marks `интеграции`), when the whole word is one the query
matched exactly (or a prefix, wildcard or fuzzy term expanded to), or when
its first four letters are a query word's (the prefix match) and it shares
more with the word (`выставочный` for `выставка`, not `интересы` for
`интеграция`), or its dictionary form is (the lemma match: `люди` for
`человек`).  The marks are on
the original text, never on stems.  Parts of a hyphenated word that both
match are marked as one (`культурно-языкового`).

Fragments are whole sentences, best first by the number of distinct query
words they contain, then re-ordered as in the text; a sentence too long for
the budget is cut to a window around its matches, at word boundaries.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np

from searchlib._models import Snippet, Span
from searchlib._morph import forms, lemma
from searchlib._schema import PREFIX_LENGTH
from searchlib._stopwords import RUSSIAN_STOP_WORDS
from searchlib._text import first_sentence, sentence_spans, sentences_at
from searchlib.analysis import MAX_TOKEN_CHARS, WORD_RE, normalize_word, stem

__all__ = ["DEFAULT_SNIPPET_CHARS", "Highlighter", "make_snippet", "match_spans"]

#: Default length budget of a snippet's fragments, in characters.
DEFAULT_SNIPPET_CHARS = 240
#: Matches are looked for in a text's first 50,000 characters only, as Lucene's highlighter
#: does (its ``maxDocCharsToAnalyze``, 50 KiB; Elasticsearch's ``max_analyzed_offset`` is
#: a million): snippets are made after the search, outside its time budget, and a page of
#: 100 hits of 880,000 characters took 4-5 s for `*а*` with a million (43-51 ms a hit; 1 GB
#: for the page's marks in the CLI), 0.2 s with this (7-11 ms a hit).  Texts this long are
#: whole books as one record: the longest of the 104,253 novel paragraphs has 20,339.
MAX_ANALYZED_CHARS = 50_000

_JOINER_CHARS = "-\u2010\u2011'\u2019\u02bc"
_JOINERS = frozenset(_JOINER_CHARS)


@functools.lru_cache(maxsize=1 << 18)
def _keys(token: str) -> tuple[str, str, str] | None:
    """(normalised word, stem, prefix) of a token of the text; None for a stop word."""
    word = normalize_word(token)
    if not word or word in RUSSIAN_STOP_WORDS:
        return None
    return word, stem(word), word[:PREFIX_LENGTH]


@functools.lru_cache(maxsize=256)
def _lemma_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """The words that may have one of ``lemmas`` as their dictionary form."""
    return frozenset().union(*(forms(item) for item in lemmas))


class Highlighter:
    """Finds a query's matches in texts: made once per query, shared by its hits' snippets.

    ``terms`` are the query's index terms by field (see
    :func:`searchlib._query.highlight_terms`).  ``lemma_forms``, when the
    index can list them, are exactly the words of the index whose lemma is
    one of the query's: a word then matches by lemma when it is one of them,
    with no morphological analysis at all.  Without them, the lemmas' forms
    are generated (pymorphy3), and every word's lemma is checked when those
    find nothing.

    What a word of a text matches is decided once per distinct word and kept:
    the hits of one query share most of their words.
    """

    def __init__(
        self,
        terms: Mapping[str, Collection[str]],
        *,
        lemma_forms: Collection[str] | None = None,
    ) -> None:
        self.stems = frozenset(terms.get("text", ()))
        self.words = frozenset(terms.get("words", ()))
        self.prefixes = frozenset(terms.get("prefix", ()))
        self.lemmas = frozenset(terms.get("lemma", ()))
        self.exact = lemma_forms is not None
        if lemma_forms is not None:
            self.forms = frozenset(lemma_forms)
        else:
            self.forms = _lemma_forms(self.lemmas) if self.lemmas else frozenset()
        self.empty = not (self.stems or self.words or self.prefixes or self.lemmas)
        # Words that can match begin as one of the query's terms begins.
        pool = [*self.stems, *self.words, *self.prefixes, *(self.forms if self.lemmas else ())]
        self._starts = None if self.lemmas and not self.exact else _beginnings(pool)
        self._decided = _Decisions(self)
        # (A beginning that another begins with finds only words that one finds: left out.)
        self._beginning_list = _shortest(set().union(*self._starts)) if self._starts else []
        encoded = " ".join(self._beginning_list).encode("cp1251")  # (one call, not one each)
        self._beginning_needles = [b" " + start for start in encoded.split()]
        self._needle_codes: _NeedleCodes | None = None  # (made for the first long text)

    def _classify(self, token: str, candidates: Collection[str] | None) -> tuple[str, bool] | None:
        """(the term ``token`` matched as, weak: by prefix alone) or None."""
        if len(token) > MAX_TOKEN_CHARS:
            return None
        keys = _keys(token)
        if keys is None:
            return None
        word, key, prefix = keys
        if key in self.stems:
            return key, False
        if word in self.words:
            return word, False
        if self.lemmas:
            if self.exact:
                if word in self.forms:
                    return lemma(word), False
            elif (candidates is None or word in candidates) and lemma(word) in self.lemmas:
                return lemma(word), False
        if prefix in self.prefixes:
            return prefix, not _related(word, self.words)
        return None

    def _marks(self, text: str, candidates: Collection[str] | None) -> list[tuple[Span, str, bool]]:
        if candidates is self.forms:  # the first pass: decisions are kept per word
            if self._starts is not None:
                at_beginnings = self._marks_at_beginnings(text)
                if at_beginnings is not None:
                    return at_beginnings
            classes = list(map(self._decided.__getitem__, WORD_RE.findall(text)))
            if not any(classes):
                return []
            # The same pattern again, for the offsets of the words that matched.
            matched = itertools.compress(WORD_RE.finditer(text), classes)
            return [
                (match.span(), decided[0], decided[1])
                for match, decided in zip(matched, filter(None, classes), strict=True)
            ]
        found = [(m.span(), self._classify(m.group(), candidates)) for m in WORD_RE.finditer(text)]
        return [(span, decided[0], decided[1]) for span, decided in found if decided is not None]

    def _marks_at_beginnings(self, text: str) -> list[tuple[Span, str, bool]] | None:
        """Marks of the words that begin as a query term begins (see :meth:`_words_at`);
        None for a text where a word's lower-cased beginning may not be its normalised form's."""
        words = self._words_at(text)
        if words is None:
            return None
        decided_for = self._decided.__getitem__
        marks = []
        for start, end in words:
            decided = decided_for(text[start:end])
            if decided is not None:
                marks.append(((start, end), decided[0], decided[1]))
        return marks

    def _words_at(self, text: str) -> list[Span] | None:
        """Spans of the words that begin as a query term begins, found with ``find``; None
        for a text where a word's lower-cased beginning may not be its normalised form's.

        That is a text with in-word marks or letters that fold to two (see
        ``_RISKY_RE``), or whose lower-casing changes its length (offsets would
        not line up).  Elsewhere a word starts wherever a letter or digit
        follows anything else.  A text all in cp1251 (almost any Russian text)
        is searched in its cp1251 bytes (:func:`_cp1251_words_at`): encoding it
        tells that it has none of those characters but the soft hyphen for less
        than searching for them, and ``bytes.translate`` lower-cases it for less
        than ``str.lower`` (marking the hits of 1,000 development questions:
        0.29 -> 0.22 ms a query).  A long text is searched with numpy
        (:func:`_array_words_at`), which looks at each word's beginning once
        instead of scanning the text once a needle.
        """
        if len(text) >= _ARRAY_SEARCH_CHARS:
            codes = self._needle_codes
            if codes is None:  # (two threads may both make them: the same value)
                codes = self._needle_codes = _NeedleCodes(self._beginning_needles)
            words = _array_words_at(text, codes)
            if words is not None:
                return words
        try:
            encoded = text.encode("cp1251")
        except UnicodeEncodeError:
            return _words_at(text, self._beginning_list)
        return _cp1251_words_at(text, encoded, self._beginning_needles)

    def spans(self, text: str) -> list[tuple[Span, str]]:
        """Spans of matching words in ``text``, with the stem (or word) each matched as.

        A word that shares only its first four letters with the query's words
        (`интересы` for `интеграция`: the prefix match, a ranking signal) is
        never marked, even where nothing else matched: a reader takes it for a
        mistake.  (Words sharing more, `выставочный` for `выставка`, are.)
        """
        if self.empty:
            return []
        marks = self._marks(text, self.forms)
        if self.lemmas and not self.exact and all(weak for *_, weak in marks):
            marks = self._marks(text, None)  # the generated forms missed: check every word
        # Join the matched parts of one hyphenated word into one mark.
        merged: list[tuple[Span, str]] = []
        for span, key, weak in marks:
            if weak:
                continue
            # (Only a word right after a joiner can be the second part: looked at further.)
            if merged and text[span[0] - 1] in _JOINERS:
                (start, end), previous = merged[-1]
                gap = text[end : span[0]]
                if gap and not gap.strip(_JOINER_CHARS):
                    merged[-1] = ((start, span[1]), previous + " " + key)
                    continue
            merged.append((span, key))
        return merged

    def snippet(self, text: str, *, max_chars: int = DEFAULT_SNIPPET_CHARS) -> Snippet:
        """The :class:`Snippet` of ``text``: its best sentences, matches marked (those in
        its first :data:`MAX_ANALYZED_CHARS` characters)."""
        found = self.spans(_analyzed_part(text))
        if not text:
            return Snippet(text=text, fragments=(), matches=())
        matches = tuple([span for span, _ in found])
        if len(text) <= max_chars:
            return Snippet(text=text, fragments=((0, len(text)),), matches=matches)
        # The sentences holding matches, by distinct matched words, then matches, then
        # place in the text (only these sentences are found: see sentences_at; a long
        # text's are kept, see _sentences).  The positions ascend, so the matches of one
        # sentence are next to each other.
        scored: list[tuple[int, int, Span]] = []
        sentence: Span | None = None
        keys: set[str] = set()
        hits = 0
        if _ARRAY_SEARCH_CHARS <= len(text) <= _KEPT_TEXT_CHARS:
            ends, spans = _sentences(text)
            sentences = [spans[bisect.bisect_right(ends, start)] for start, _ in matches]
        else:
            sentences = sentences_at(text, [start for start, _ in matches])
        for at, (_, key) in zip(sentences, found, strict=True):
            if at != sentence:
                if sentence is not None:
                    scored.append((-len(keys), -hits, sentence))
                sentence, keys, hits = at, set(), 0
            keys.add(key)
            hits += 1
        if sentence is not None:
            scored.append((-len(keys), -hits, sentence))
        scored.sort()
        if not scored:  # (no match: the opening sentences)
            scored = [(0, 0, first_sentence(_analyzed_part(text)) or (0, len(text)))]
        chosen: list[Span] = []
        used = 0
        for neg_keys, _neg_hits, (start, end) in scored:
            if chosen and neg_keys == 0:
                break
            length = end - start
            if not chosen and length > max_chars:
                chosen.append(_window(text, start, end, matches, max_chars))
                break
            if used + length > max_chars and chosen:
                continue
            chosen.append((start, end))
            used += length + 3
        chosen.sort()
        return Snippet(text=text, fragments=tuple(chosen), matches=matches)


#: Long texts (from :data:`_ARRAY_SEARCH_CHARS` to this many characters) have what
#: every query reads of them kept, for the last :data:`_KEPT_TEXTS` of them: their
#: sentences (:func:`_sentences`) and their words' beginnings (:func:`_folded_words`).
#: A long paragraph, having many words, is a hit of many queries: of the 1,317 long
#: hits of 1,000 development questions on 20,000 paragraphs of novels, 188 are
#: distinct, and 86% were among the last 256 seen.  (Snippets of those questions, the
#: first time each is asked: 0.51 -> 0.45 ms a query; about 6 MB kept for them, under
#: 30 MB for 256 texts of 20,000 characters.)
_KEPT_TEXT_CHARS = 20_000
_KEPT_TEXTS = 256


@functools.lru_cache(maxsize=_KEPT_TEXTS)
def _sentences(text: str) -> tuple[tuple[int, ...], tuple[Span, ...]]:
    """(the ends of :func:`sentence_spans`, the spans) of a long text: the sentence
    holding a word is the first ending after its start.

    (Splitting the whole text costs 5 ns a character, 1.5 times what
    :func:`sentences_at` scans for a long text's matches, but only once: the
    snippets of the questions of :data:`_KEPT_TEXT_CHARS`, 0.014 ms a query less.)
    """
    spans = tuple(sentence_spans(text))
    return tuple([end for _, end in spans]), spans


def _analyzed_part(text: str) -> str:
    """``text`` up to :data:`MAX_ANALYZED_CHARS`, cut at a space (no word cut in two)."""
    if len(text) <= MAX_ANALYZED_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_ANALYZED_CHARS + 1)
    return text[: cut if cut > 0 else MAX_ANALYZED_CHARS]


#: Characters that may sit inside a word (see analysis.WORD_PATTERN) and letters whose
#: case folding is not one letter for one (`ß` -> `ss`): where a text has any, a word's
#: first letters, lower-cased, may not be its normalised form's.
_RISKY_RE = re.compile(
    "[\u0300-\u036f\u00ad\u200b-\u200d\u2060"
    "\u00df\u1e9e\u017f\ufb00-\ufb06\ufb13-\ufb17\u0149\u01f0\u0390\u03b0\u1e96-\u1e9a]"
)
_WORD_AT = WORD_RE.match


def _words_at(text: str, beginnings: Iterable[str]) -> list[Span] | None:
    """Spans of the words of ``text`` that begin with one of ``beginnings`` (lower-cased,
    `ё` as `е`), in order; None where ``text.lower()`` cannot tell (see
    ``Highlighter._marks_at_beginnings``)."""
    if _RISKY_RE.search(text):
        return None
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    lowered = lowered.replace("ё", "е")
    starts = set()
    for beginning in beginnings:
        at = lowered.find(beginning)
        while at >= 0:
            if not at or not text[at - 1].isalnum():
                starts.add(at)
            at = lowered.find(beginning, at + 1)
    words = []
    for start in sorted(starts):
        word = _WORD_AT(text, start)
        assert word is not None  # a letter or digit begins a word here
        words.append(word.span())
    return words


def _cp1251_words_at(text: str, encoded: bytes, needles: Collection[bytes]) -> list[Span] | None:
    """:func:`_words_at` for a text all in cp1251 (``encoded``), each beginning given as a
    needle: ``b" "`` and the beginning in cp1251 (no needle beginning another's).

    The bytes are folded by ``_FOLD_CP1251``, which leaves only lower-cased
    letters, digits and spaces, and a space is put before the text: a word then
    starts after a space (one ``find`` finds only word starts) and ends at the
    next one.  The folded text being the text one byte to the right, a needle's
    offset there is its word's offset in the text.  A word is found by one
    needle at most, and a needle's next word is looked for after the word: the
    spans need sorting, not sifting for repeats (with the needles that begin
    with another left out, the hits of 1,000 development questions: 0.183 ->
    0.172 ms a query, encoding included).
    """
    if _RISKY_CP1251 in encoded:
        return None
    folded = b" " + encoded.translate(_FOLD_CP1251)
    find = folded.find
    words = []
    for needle in needles:
        at = find(needle)
        while at >= 0:
            space = find(b" ", at + 1)  # (the folded offset of the word's end, + 1)
            if space < 0:
                words.append((at, len(text)))
                break
            words.append((at, space - 1))
            at = find(needle, space)
    if len(needles) > 1:
        words.sort()
    return words


#: Texts at least this long are searched by :func:`_array_words_at` (numpy's fixed cost
#: of about 15 us a text is repaid past about 3,000 characters).
_ARRAY_SEARCH_CHARS = 3000


class _NeedleCodes:
    """A query's needles (``b" "`` and 1 to 3 letters) as :func:`_array_words_at` looks them up.

    ``pairs`` says for each two letters (``first | second << 8``) whether a
    word beginning so is found (1) or is if its third letter is a needle's
    (2), which ``triples`` (each 3-letter needle's four bytes as a
    little-endian number, sorted) tells.
    """

    def __init__(self, needles: Sequence[bytes]) -> None:
        self.pairs = np.zeros(1 << 16, dtype=np.uint8)
        triples = []
        for needle in needles:
            letters = needle[1:]
            if len(letters) == 1:  # (any second byte: a letter, a digit or the space)
                self.pairs[letters[0] + 256 * np.arange(256)] = 1
            elif len(letters) == 2:
                self.pairs[letters[0] | letters[1] << 8] = 1
            elif len(letters) == 3:
                self.pairs[letters[0] | letters[1] << 8] |= 2
                triples.append(int.from_bytes(needle, "little"))
            else:  # (_beginnings makes none: a window holds a space and three letters)
                raise ValueError(f"a needle is a space and 1 to 3 letters, not {needle!r}")
        self.triples = np.array(sorted(triples), dtype=np.uint32)


def _array_words_at(text: str, codes: _NeedleCodes) -> list[Span] | None:
    """:func:`_cp1251_words_at` with numpy, for a long text; None where that would not
    answer (a character cp1251 lacks, or the soft hyphen: the caller's paths decide).

    The text's words are read once (:func:`_folded_words`, kept for the texts
    seen last: 0.042 ms a query less for the snippets of the questions of
    :data:`_KEPT_TEXT_CHARS`) and each word's first two letters looked up in
    ``codes.pairs``; the few that a 3-letter needle begins with are checked by
    their four bytes.
    """
    if len(text) <= _KEPT_TEXT_CHARS:
        words = _folded_words(text)
    else:
        words = _folded_words.__wrapped__(text)
    if words is None:
        return None
    spaces, pairs, windows = words
    kinds = codes.pairs.take(pairs)
    at = kinds.nonzero()[0]
    if len(codes.triples) and len(at):
        keys = windows.take(at)
        triples = codes.triples
        third = triples.take(triples.searchsorted(keys), mode="clip") == keys
        at = at[(kinds.take(at) & 1).astype(bool) | third]
    # (A word ends at the next space: the next of ``spaces``; the last is after the text.)
    return list(zip(spaces.take(at).tolist(), (spaces.take(at + 1) - 1).tolist(), strict=True))


@functools.lru_cache(maxsize=_KEPT_TEXTS)
def _folded_words(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """What :func:`_array_words_at` reads of a long text, the same for every query:
    (the offsets of the spaces of its folded bytes, the two bytes after each, the four
    bytes from each); None for a text it does not search.

    The text's UTF-16 code units are folded by ``_FOLD_UTF16`` into the bytes
    :func:`_cp1251_words_at` searches (a space before them and after).  Each
    space's next two bytes make a ``codes.pairs`` index, its four a 3-letter
    needle's key.  (Texts of 5,000 characters and more among the hits of 1,000
    development questions, about 10,000 characters on average: 113 -> 54 us a text.)
    """
    count = len(text)
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(units) != count:  # (characters past U+FFFF take two: offsets would not line up)
        return None
    folded = np.empty(count + 5, dtype=np.uint8)
    folded[0] = folded[count + 1 :] = _SPACE
    _FOLD_UTF16.take(units, out=folded[1 : count + 1])
    if folded.min() < _SPACE:  # (only the two marks of _FOLD_UTF16 are)
        return None
    spaces = (folded[: count + 2] == _SPACE).nonzero()[0]
    # (Position i's pair is folded[i + 1:i + 3], its window folded[i:i + 4], little-endian.)
    pairs = np.ndarray(shape=(count + 2,), dtype="<u2", buffer=folded, offset=1, strides=(1,))
    windows = np.ndarray(shape=(count + 2,), dtype="<u4", buffer=folded, strides=(1,))
    return spaces, pairs.take(spaces), windows.take(spaces)


def _shortest(beginnings: Iterable[str]) -> list[str]:
    """``beginnings`` but those that begin with another of them, sorted."""
    kept: list[str] = []
    for beginning in sorted(beginnings):  # (what begins with one sorts right after it)
        if not kept or not beginning.startswith(kept[-1]):
            kept.append(beginning)
    return kept


def _cp1251_characters() -> dict[int, str]:
    """Byte -> character of cp1251 (every byte but 0x98 is one)."""
    found = {}
    for byte in range(256):
        try:
            found[byte] = bytes([byte]).decode("cp1251")
        except UnicodeDecodeError:
            continue
    return found


_CP1251 = _cp1251_characters()


def _fold_cp1251(byte: int) -> int:
    """The byte of ``_FOLD_CP1251`` for a byte of cp1251 text."""
    char = _CP1251.get(byte, " ")  # (0x98, no character, is never in an encoded text)
    if not char.isalnum():
        return ord(" ")
    # (Each letter's lower case is one character of cp1251: ``ord`` checks it.)
    return ord(char.lower().replace("ё", "е").encode("cp1251"))


#: ``bytes.translate`` table for cp1251 text: letters lower-cased as ``str.lower`` does,
#: `ё` as `е`, digits kept, a space for anything else (so a word starts after a space).
_FOLD_CP1251 = bytes(map(_fold_cp1251, range(256)))
_SPACE = ord(" ")


def _fold_utf16() -> np.ndarray:
    """UTF-16 code unit -> its cp1251 byte folded by ``_FOLD_CP1251``; 1 for a character
    cp1251 lacks (surrogates included), 2 for the soft hyphen (no fold gives either)."""
    table = np.full(1 << 16, 1, dtype=np.uint8)
    for byte, char in _CP1251.items():
        table[ord(char)] = _FOLD_CP1251[byte]
    table[ord(_CP1251[_RISKY_CP1251[0]])] = 2
    return table


#: The one character of ``_RISKY_RE`` in cp1251, the soft hyphen, as a byte (one: ``in``
#: checks for it, and unpacking more would fail here).
(_RISKY_CP1251,) = (bytes([byte]) for byte, char in _CP1251.items() if _RISKY_RE.match(char))
_FOLD_UTF16 = _fold_utf16()
_CYRILLIC_TERM_RE = re.compile("[а-я0-9]+")
_LATIN_TERM_RE = re.compile("[a-z0-9]+")
_CYRILLIC_TERMS_RE = re.compile("[а-я0-9]+(?: [а-я0-9]+)*")
_Beginnings = tuple[frozenset[str], frozenset[str], frozenset[str]]


def _beginnings(terms: Iterable[str]) -> _Beginnings | None:
    """How the words that may match ``terms`` begin: (3-, 2-, 1-letter beginnings), or None.

    A word matches a stem, a whole word, a prefix or a lemma form only if its
    normalised form begins as that term does (Snowball's stemmers only cut
    endings): with the term's first three letters (Cyrillic), or its first
    letter (Latin: the English stemmer turns `y` into `i`).  None when a term
    has other letters.
    """
    pool = list(terms)
    joined = " ".join(pool)
    if _CYRILLIC_TERMS_RE.fullmatch(joined) and joined.count(" ") == len(pool) - 1:
        # (All Cyrillic, as nearly always: one match for them all, not one or two each,
        # as a query's lemma forms make dozens of terms.  With the needles encoded in
        # one call, Highlighter() for 1,000 development questions: 0.024 -> 0.020 ms.)
        starts = {term[:3] for term in pool}
    else:
        starts = set()
        for term in pool:
            if _CYRILLIC_TERM_RE.fullmatch(term):
                starts.add(term[:3])
            elif _LATIN_TERM_RE.fullmatch(term):
                starts.add(term[:1])
            else:
                return None
    found: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    for start in starts:
        found[3 - len(start)].add(start)
    return frozenset(found[0]), frozenset(found[1]), frozenset(found[2])


class _Decisions(dict[str, "tuple[str, bool] | None"]):
    """Word -> what it matched (see ``Highlighter._classify``), decided on first sight."""

    def __init__(self, highlighter: Highlighter) -> None:
        super().__init__()
        self._highlighter = highlighter

    def __missing__(self, token: str) -> tuple[str, bool] | None:
        highlighter = self._highlighter
        decided = self[token] = highlighter._classify(token, highlighter.forms)
        return decided


def match_spans(text: str, terms: Mapping[str, Collection[str]]) -> list[tuple[Span, str]]:
    """:meth:`Highlighter.spans` of one text (lemma forms generated)."""
    return Highlighter(terms).spans(text)


def _related(word: str, words: Collection[str]) -> bool:
    """Does ``word`` share more than the prefix match's letters with one of ``words``?"""
    stem_part = word[: PREFIX_LENGTH + 1]
    return len(stem_part) > PREFIX_LENGTH and any(w.startswith(stem_part) for w in words)


def _window(text: str, start: int, end: int, matches: Iterable[Span], budget: int) -> Span:
    """A word-aligned piece of ``text[start:end]`` of at most ``budget`` chars around matches."""
    inside = [m for m in matches if start <= m[0] and m[1] <= end]
    if not inside:
        lo, hi = start, min(end, start + budget)
    else:
        # The window starting a little before the first match, as long as the budget.
        first = inside[0][0]
        lo = max(start, first - budget // 5)
        hi = min(end, lo + budget)
        lo = max(start, hi - budget)
    # Cut at whitespace, never past the first match (a line break is whitespace too).
    limit = min(hi, lo + 30, inside[0][0] if inside else hi)
    if lo > start:
        space = _SPACE_RE.search(text, lo, limit)
        if space is not None:
            lo = space.end()
    if hi < end:
        cut = max(text.rfind(c, max(lo, hi - 30), hi) for c in " \n\t")
        if cut > lo:
            hi = cut
    while hi > lo and text[hi - 1] in " ,;:—–-\n\t":
        hi -= 1
    if hi <= lo:  # (nothing word-aligned fits: the plain cut)
        lo, hi = start, min(end, start + budget)
    return lo, hi


_SPACE_RE = re.compile(r"\s+")


def make_snippet(
    text: str, terms: Mapping[str, Collection[str]], *, max_chars: int = DEFAULT_SNIPPET_CHARS
) -> Snippet:
    """The :class:`Snippet` of ``text`` for the query terms ``terms`` (by field)."""
    return Highlighter(terms).snippet(text, max_chars=max_chars)
