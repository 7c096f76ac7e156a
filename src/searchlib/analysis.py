"""Russian text analysis as a Whoosh analyzer pipeline: tokenizer | filters.

The same analysis runs when the index is built and when a query is parsed,
so a query word matches every inflected form of it in the text::

    >>> from searchlib.analysis import RussianAnalyzer
    >>> [t.text for t in RussianAnalyzer()("Главный стимул интеграции — это Ёлка!")]
    ['главн', 'стимул', 'интеграц', 'эт', 'елк']

The pipeline, each stage a Whoosh component an application can reuse::

    RussianTokenizer()      Unicode words: letters and digits; a hyphen,
                            apostrophe or dot splits a word into parts
                            (`культурно-языкового` -> `культурно`, `языкового`)
    | NormalizeFilter()     NFC, stress marks / soft hyphens / zero-width
                            characters removed, case folded, `ё` -> `е`
    | RussianStopFilter()   Snowball's Russian stop words removed
    | RussianStemFilter()   Snowball Russian stemmer for Cyrillic words,
                            Snowball English stemmer for Latin ones

The index keeps three more analyses of the same text, each ending the
pipeline with another filter instead of the stemmer: none (whole words),
``PrefixFilter(4)`` (4-letter prefixes) and ``LemmaFilter()`` (pymorphy3's
dictionary forms).

Hyphenated compounds stay searchable whole *and* by part: each part is a
token at its own position, and a query word that splits into several tokens
becomes a phrase of them, so `культурно-языкового` finds exactly that
compound while `языкового` alone finds it too.

Stability: Whoosh pickles the schema, analyzers included, into every index.
These classes therefore keep this import path (``searchlib.analysis``) and
hold no state at all: no stemmer objects (PyStemmer's are unpicklable), no
word lists.  Stemming lives in module-level cached functions.  When the
analysis changes, :data:`ANALYZER_VERSION` changes and existing indexes are
rebuilt automatically.

Whoosh's own Russian support (``whoosh.lang``, ``LanguageAnalyzer("ru")``) is
deliberately not used: its stemmer gives wrong stems (`объем` -> `обь`) and
turns Latin letters inside words into Cyrillic.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer

from searchlib._morph import lemma
from searchlib._stemmer import stem_english, stem_russian, stem_words
from searchlib._stopwords import RUSSIAN_STOP_WORDS

__all__ = [
    "ANALYZER_VERSION",
    "MAX_TOKEN_CHARS",
    "LemmaFilter",
    "NormalizeFilter",
    "PrefixFilter",
    "RussianAnalyzer",
    "RussianStemFilter",
    "RussianStopFilter",
    "RussianTokenizer",
    "analyzer_fingerprint",
    "index_words",
    "normalize_word",
    "stem",
    "stem_all",
    "terms",
]

#: Bumped whenever analysis output changes; part of every index's fingerprint.
ANALYZER_VERSION = "5"

#: Longer "words" (hashes, base64, hostile input) are dropped, not indexed.
MAX_TOKEN_CHARS = 64

# Characters that may sit inside a word without splitting it: combining marks
# (stress accents in `Вы́ставочный`), soft hyphen, zero-width (non-)joiners.
_INWORD = "\u0300-\u036f\u00ad\u200b-\u200d\u2060"
#: A token: a letter or digit, then letters, digits and in-word marks, and the combining
#: marks after its last letter (a stress accent, or the breve of a decomposed `й`:
#: `Сергей` in NFD text was read as `сергеи`).
WORD_PATTERN = rf"[^\W_]+(?:[{_INWORD}]+[^\W_]+)*[\u0300-\u036f]*"
WORD_RE = re.compile(WORD_PATTERN)
_DROP_RE = re.compile("[\u0300\u0301\u00ad\u200b-\u200d\u2060]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[a-z]")


@functools.lru_cache(maxsize=1 << 18)
def normalize_word(word: str) -> str:
    """Fold a word the way the index does, without stemming.

    >>> normalize_word("Ёлочки")
    'елочки'
    >>> normalize_word("Вы\u0301ставочный")
    'выставочный'
    """
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFC", word)
    word = _DROP_RE.sub("", word)
    return word.casefold().replace("ё", "е")


def stem_all(words: list[str]) -> list[str]:
    """:func:`stem` of each word, in one stemmer call per language (for index builds)."""
    cyrillic = [bool(_CYRILLIC_RE.search(w)) for w in words]
    russian = [i for i, c in enumerate(cyrillic) if c]
    english = [i for i, c in enumerate(cyrillic) if not c and _LATIN_RE.search(words[i])]
    stems = list(words)
    for indexes, language in ((russian, "russian"), (english, "english")):
        if indexes:
            found = stem_words([words[i] for i in indexes], language)
            for i, found_stem in zip(indexes, found, strict=True):
                stems[i] = found_stem
    return stems


def stem(word: str, *, cache: bool = True) -> str:
    """Stem a normalised word as the index does: `интеграции` -> `интеграц`, `powers` -> `power`.

    ``cache=False`` bypasses the per-process stem cache (the bulk writer keeps
    its own table of the words it indexes).
    """
    if _CYRILLIC_RE.search(word):
        return stem_russian(word) if cache else stem_russian.__wrapped__(word)
    if _LATIN_RE.search(word):
        return stem_english(word) if cache else stem_english.__wrapped__(word)
    return word


class RussianTokenizer(Tokenizer):
    """Splits text into Unicode words (letters and digits) with positions and offsets.

    ``Касым-Жомарт`` gives two tokens, ``XII`` one, ``16-летие`` two, and a
    word longer than :data:`MAX_TOKEN_CHARS` none.
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for match in WORD_RE.finditer(value):
            start, end = match.span()
            if end - start > MAX_TOKEN_CHARS:
                continue
            t.text = match.group()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            pos += 1
            yield t


class NormalizeFilter(Filter):
    """NFC, drops stress marks and invisible characters, folds case and ``ё`` -> ``е``."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = normalize_word(t.text)
            if t.text:
                yield t


class RussianStopFilter(Filter):
    """Removes Russian stop words (see ``searchlib._stopwords`` for the source).

    Positions are renumbered so that a phrase query still matches across a
    removed stop word.  With ``removestops=False`` (Whoosh passes it for some
    query parts) stop words are marked ``stopped`` and kept.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        removed = 0
        for t in tokens:
            if t.text in RUSSIAN_STOP_WORDS:
                if t.removestops:
                    removed += 1
                    continue
                t.stopped = True
            else:
                t.stopped = False
            if removed and t.positions:
                t.pos -= removed
            yield t


class PrefixFilter(Filter):
    """Cuts each word to its first ``length`` letters: a cheap, stemmer-free match key.

    `выставочный` and `выставка` share `выст`: matching on 4-letter prefixes
    beside the stems catches word-formation relatives and misstemmed forms
    (it moved MRR@10 most of all signals measured on the development queries).
    """

    is_morph = True

    def __init__(self, length: int = 4) -> None:
        self.length = length

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        length = self.length
        for t in tokens:
            if not t.stopped:
                t.text = t.text[:length]
            yield t


class LemmaFilter(Filter):
    """Dictionary forms from pymorphy3 (`шёл` -> `идти`), where a stemmer cannot help.

    Cached per process; words without Russian letters pass unchanged.
    """

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = lemma(t.text)
            yield t


class RussianStemFilter(Filter):
    """Snowball stems: Russian for words with Cyrillic letters, English for Latin words.

    Numbers pass unchanged.  Expects normalised (lower-case, ``ё``-folded)
    tokens; stems are cached per process.
    """

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


def RussianAnalyzer(
    *, stem: bool = True, stop: bool = True, prefix: int | None = None, lemma: bool = False
) -> CompositeAnalyzer:
    """The searchlib analyzer: ``RussianTokenizer() | NormalizeFilter() | ...``.

    ``stem=False`` keeps whole (normalised) words, as the ``words`` field of
    the index does for prefix, wildcard and fuzzy queries; ``prefix=4`` cuts
    words to 4 letters instead of stemming (the ``prefix`` field);
    ``lemma=True`` gives dictionary forms instead (the ``lemma`` field);
    ``stop=False`` keeps stop words.  Use it for your own Whoosh fields::

        from whoosh.fields import TEXT
        body = TEXT(analyzer=RussianAnalyzer())
    """
    chain = RussianTokenizer() | NormalizeFilter()
    if stop:
        chain = chain | RussianStopFilter()
    if prefix is not None:
        chain = chain | PrefixFilter(prefix)
    elif lemma:
        chain = chain | LemmaFilter()
    elif stem:
        chain = chain | RussianStemFilter()
    return chain


def index_words(text: str) -> list[tuple[str, int]]:
    """The normalised, non-stop words of ``text`` with their positions, as the index sees them.

    Exactly what ``RussianTokenizer() | NormalizeFilter() | RussianStopFilter()``
    yields (``t.text``, ``t.pos``), without the per-token objects: every field
    of the index maps these words to its terms (stem, prefix, lemma...), so
    the bulk writer computes them once per text.

    >>> index_words("Главный стимул — это Ёлка")
    [('главный', 0), ('стимул', 1), ('это', 2), ('елка', 3)]
    """
    found: list[tuple[str, int]] = []
    pos = removed = 0
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        if end - start > MAX_TOKEN_CHARS:
            continue
        word = normalize_word(match.group())
        pos += 1
        if not word:
            continue
        if word in RUSSIAN_STOP_WORDS:
            removed += 1
            continue
        found.append((word, pos - 1 - removed))
    return found


def terms(text: str, *, stem: bool = True, stop: bool = True) -> list[str]:
    """The index terms of ``text``, in order.

    >>> terms("Средний коридор")
    ['средн', 'коридор']
    """
    return [t.text for t in RussianAnalyzer(stem=stem, stop=stop)(text)]


def analyzer_fingerprint() -> str:
    """A digest of everything that decides analysis output (version, pattern, stop list)."""
    digest = hashlib.sha256()
    for part in (ANALYZER_VERSION, WORD_PATTERN, str(MAX_TOKEN_CHARS), *sorted(RUSSIAN_STOP_WORDS)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]
