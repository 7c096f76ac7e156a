"""Choosing snippet fragments: where a hit's text matched, cut at sentence boundaries.

A word matches when its stem is one of the query's stems (so the query
`интеграция` marks `интеграции`), when the whole word is one the query
matched exactly (or a prefix, wildcard or fuzzy term expanded to), or when
its first four letters are a query word's (the prefix match), or its
dictionary form is (the lemma match: `люди` for `человек`).  The marks are on
the original text, never on stems.  Parts of a hyphenated word that both
match are marked as one (`культурно-языкового`).

Fragments are whole sentences, best first by the number of distinct query
words they contain, then re-ordered as in the text; a sentence too long for
the budget is cut to a window around its matches, at word boundaries.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping

from searchlib._models import Snippet, Span
from searchlib._morph import forms, lemma
from searchlib._schema import PREFIX_LENGTH
from searchlib._stopwords import RUSSIAN_STOP_WORDS
from searchlib._text import sentence_spans
from searchlib.analysis import MAX_TOKEN_CHARS, WORD_RE, normalize_word, stem

__all__ = ["DEFAULT_SNIPPET_CHARS", "make_snippet", "match_spans"]

#: Default length budget of a snippet's fragments, in characters.
DEFAULT_SNIPPET_CHARS = 240

_JOINERS = set("-\u2010\u2011'\u2019\u02bc")


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


def match_spans(text: str, terms: Mapping[str, Collection[str]]) -> list[tuple[Span, str]]:
    """Spans of matching words in ``text``, with the stem (or word) each matched as.

    A word that shares only its first four letters with the query's words
    (`интересы` for `интеграция`: the prefix match, a ranking signal) is
    marked only when nothing else in the text matched: a reader would take
    it for a mistake.  A lemma match is looked up only for words among the
    lemmas' forms (cheap); when that finds nothing, every word's lemma is.
    """
    stems = terms.get("text", ())
    words = terms.get("words", ())
    prefixes = terms.get("prefix", ())
    lemmas = terms.get("lemma", ())
    if not stems and not words and not prefixes and not lemmas:
        return []
    candidates = _lemma_forms(frozenset(lemmas)) if lemmas else frozenset()
    marks = _match(text, stems, words, prefixes, lemmas, candidates)
    if lemmas and all(weak for *_, weak in marks):
        marks = _match(text, stems, words, prefixes, lemmas, None)
    strong = [(span, key) for span, key, weak in marks if not weak]
    found = strong or [(span, key) for span, key, _ in marks]
    # Join the matched parts of one hyphenated word into one mark.
    merged: list[tuple[Span, str]] = []
    for span, key in found:
        if merged:
            (start, end), previous = merged[-1]
            gap = text[end : span[0]]
            if gap and all(ch in _JOINERS for ch in gap):
                merged[-1] = ((start, span[1]), previous + " " + key)
                continue
        merged.append((span, key))
    return merged


def _match(
    text: str,
    stems: Collection[str],
    words: Collection[str],
    prefixes: Collection[str],
    lemmas: Collection[str],
    candidates: Collection[str] | None,
) -> list[tuple[Span, str, bool]]:
    """Matching words of ``text``: (span, key, weak: a prefix match alone).

    ``candidates``: the only words to check lemmas of (None: all).
    """
    found: list[tuple[Span, str, bool]] = []
    # The index's tokenizer pattern, used directly: the same words, less overhead.
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        if end - start > MAX_TOKEN_CHARS:
            continue
        keys = _keys(match.group())
        if keys is None:
            continue
        word, key, prefix = keys
        if key in stems:
            found.append(((start, end), key, False))
        elif word in words:
            found.append(((start, end), word, False))
        elif lemmas and (candidates is None or word in candidates) and lemma(word) in lemmas:
            found.append(((start, end), lemma(word), False))
        elif prefix in prefixes:
            found.append(((start, end), prefix, not _related(word, words)))
    return found


def _related(word: str, words: Collection[str]) -> bool:
    """Does ``word`` share more than the prefix match's letters with one of ``words``?"""
    stem_part = word[: PREFIX_LENGTH + 1]
    return len(stem_part) > PREFIX_LENGTH and any(w.startswith(stem_part) for w in words)


def _window(text: str, start: int, end: int, matches: list[Span], budget: int) -> Span:
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
    if lo > start:
        cut = text.find(" ", lo, min(hi, lo + 30))
        if cut != -1:
            lo = cut + 1
    if hi < end:
        cut = text.rfind(" ", max(lo, hi - 30), hi)
        if cut != -1:
            hi = cut
    while hi > lo and text[hi - 1] in " ,;:—–-":
        hi -= 1
    return lo, hi


def make_snippet(
    text: str, terms: Mapping[str, Collection[str]], *, max_chars: int = DEFAULT_SNIPPET_CHARS
) -> Snippet:
    """The :class:`Snippet` of ``text`` for the query terms ``terms`` (by field)."""
    found = match_spans(text, terms)
    matches = [span for span, _ in found]
    if not text:
        return Snippet(text=text, fragments=(), matches=())
    if len(text) <= max_chars:
        return Snippet(text=text, fragments=((0, len(text)),), matches=tuple(matches))
    sentences = sentence_spans(text) or [(0, len(text))]
    scored = []
    for index, (start, end) in enumerate(sentences):
        keys = {key for span, key in found if start <= span[0] < end}
        hits = sum(1 for span, _ in found if start <= span[0] < end)
        scored.append((-len(keys), -hits, index))
    scored.sort()
    chosen: list[Span] = []
    used = 0
    for neg_keys, _neg_hits, index in scored:
        start, end = sentences[index]
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
    return Snippet(text=text, fragments=tuple(chosen), matches=tuple(matches))
