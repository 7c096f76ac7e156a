"""Queries as people type them: wrong keyboard layout, typos, did-you-mean, completion.

Everything here is decided against the index's own vocabulary (the ``words``
field: whole, normalised words), so a word that occurs in the indexed text is
never "corrected":

* a word unknown to the index whose other-layout reading is known was typed
  with the wrong layout (`ghbdtn` -> `привет`);
* an unknown word of 4+ letters is matched to known words within one edit
  (two from 8 letters; a transposition is one edit), most frequent first;
* completion lists known words starting with a prefix, most frequent first,
  in their usual written form (`москва` -> `Москва`, `молодежь` -> `молодёжь`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from searchlib._layout import wrong_layout_candidates
from searchlib._morph import lemma
from searchlib._schema import QUOTE_FIELDS
from searchlib._stopwords import QUESTION_WORDS, RUSSIAN_STOP_WORDS
from searchlib.analysis import normalize_word, stem

__all__ = ["FormTally", "Vocabulary", "display_forms", "edit_distance", "max_edits"]

_WORD_FIELDS = ("words", QUOTE_FIELDS["words"])
_WORD_RE = re.compile(r"[^\W_]+")
_LETTERS_RE = re.compile(r"[^\W\d_]")


def max_edits(word: str) -> int:
    """Edits allowed when correcting ``word``: 0 below 4 letters, 1 from 4, 2 from 8."""
    n = len(word)
    return 2 if n >= 8 else 1 if n >= 4 else 0


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a transposition is one edit)."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The index vocabulary behind one searcher (use it from that searcher's thread)."""

    def __init__(self, reader: Any, display_forms: dict[str, str] | None = None) -> None:
        self._reader = reader
        self._display = display_forms or {}

    def frequency(self, word: str) -> int:
        """Documents holding the normalised ``word``."""
        return sum(int(self._reader.doc_frequency(f, word)) for f in _WORD_FIELDS)

    def known(self, word: str) -> bool:
        """Does the index hold ``word`` (normalised) as a word, a stem or a lemma?

        Stop words count as known: they are left out of the index on purpose.
        """
        if word in RUSSIAN_STOP_WORDS or word in QUESTION_WORDS:
            return True
        reader = self._reader
        if any((f, word) in reader for f in _WORD_FIELDS):
            return True
        if any((f, stem(word)) in reader for f in ("text", QUOTE_FIELDS["text"])):
            return True
        return any((f, lemma(word)) in reader for f in ("lemma", QUOTE_FIELDS["lemma"]))

    def corrections(self, word: str, *, limit: int = 3) -> list[str]:
        """Known words within :func:`max_edits` of ``word``: closest, then most frequent."""
        edits = max_edits(word)
        if not edits or not _LETTERS_RE.search(word):
            return []
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
                try:
                    if distance == 0:
                        if (field, text) in self._reader:
                            found.add(text)
                    else:
                        found.update(self._reader.terms_within(field, text, distance, prefix))
                except KeyError:  # a field with no terms at all
                    continue
        found.discard(word)
        ranked = sorted(
            (w for w in found if edit_distance(word, w) <= edits),
            key=lambda w: (edit_distance(word, w), -self.frequency(w), w),
        )
        return ranked[:limit]

    def layout_fix(self, token: str) -> str | None:
        """The other-layout reading of ``token`` when the index knows it and not ``token``."""
        converted = wrong_layout_candidates(token)
        if converted is None or len(_LETTERS_RE.findall(converted)) < 2:
            return None
        words = [normalize_word(w) for w in _WORD_RE.findall(token)]
        if words and all(self.known(w) for w in words):
            return None
        fixed = [normalize_word(w) for w in _WORD_RE.findall(converted)]
        if fixed and all(self.known(w) for w in fixed):
            return converted
        return None

    def display(self, word: str) -> str:
        """How ``word`` (normalised) is usually written in the text."""
        return self._display.get(word, word)

    def complete(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Known words starting with ``prefix``, most frequent first, as usually written."""
        start = normalize_word(prefix.strip())
        if not start:
            return []
        counts: dict[str, int] = {}
        for field in _WORD_FIELDS:
            try:
                terms: Iterable[bytes] = self._reader.expand_prefix(field, start)
                for raw in terms:
                    word = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                    counts[word] = counts.get(word, 0) + int(
                        self._reader.doc_frequency(field, word)
                    )
            except KeyError:
                continue
        ranked = sorted(counts, key=lambda w: (-counts[w], w))[:limit]
        return [self.display(w) for w in ranked]


class FormTally:
    """Counts written forms of words, to learn how each is usually written."""

    def __init__(self) -> None:
        self._surfaces: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self._surfaces.update(_WORD_RE.findall(text))

    def forms(self) -> dict[str, str]:
        """Normalised word -> its most frequent written form, where that differs."""
        tallies: dict[str, Counter[str]] = {}
        for surface, count in self._surfaces.items():
            capital = surface[:1].isupper() and not surface.isupper()
            written = surface if capital else surface.lower()
            tallies.setdefault(normalize_word(surface), Counter())[written] += count
        result: dict[str, str] = {}
        for folded, forms in tallies.items():
            best = max(forms.items(), key=lambda item: (item[1], item[0]))[0]
            if best != folded and normalize_word(best) == folded:
                result[folded] = best
        return result


def display_forms(texts: Iterable[str]) -> dict[str, str]:
    """Normalised word -> its most frequent written form, where that differs (ё, capitals).

    >>> display_forms(["Москва и молодёжь.", "В Москве молодёжь, Москва", "москва"])
    {'москва': 'Москва', 'молодежь': 'молодёжь', 'москве': 'Москве'}
    """
    tally = FormTally()
    for text in texts:
        tally.add(text)
    return tally.forms()
