"""Sentence boundaries in Russian text, for snippets.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or
brackets) followed by whitespace and something that can start a sentence:
an upper-case letter, a digit, an opening quote or a dash.  Abbreviations
(`т. е.`, `г.`, `млн.`) and initials (`С. Лавров`) do not end sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["ABBREVIATIONS", "first_sentence", "sentence_spans", "sentences_at"]

#: Words a full stop after which ends no sentence (`г.`, `т. е.`, `млн.`), lower-cased.
ABBREVIATIONS = frozenset(
    """
    г гг в вв т е д п др пр им ул пер пл просп наб стр см ср св тыс млн млрд трлн руб коп
    долл евро тел рис табл гл ч ст кв корп обл р н э нач ок напр англ рус лат проф акад
    доц канд ген полк подп лейт кап мин зам зав пос дер с ж
    """.split()
)


def _not_after(words: frozenset[str]) -> str:
    """Look-behinds refusing a full stop right after one of ``words`` (any case).

    (One per word length: a look-behind must have one width.)
    """
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(word)
    return "".join(rf"(?<!(?<!\w)(?i:{'|'.join(same)})\.)" for _, same in sorted(by_length.items()))


#: A sentence's end: ``.!?…`` (a single full stop not after an abbreviation or an
#: initial), closing quotes or brackets, then whitespace (group 1) and what can start
#: a sentence.  Only from the first mark of a run: where it fails, every later mark
#: would fail at the same place (20,000 dots took 5.5 s that way; the check follows the
#: mark, as one before it would cost ``re`` its fast scan for marks: 3x the time).  The
#: checks live in the pattern, not in Python: sentences are split for every long hit's
#: snippet (2x faster than a check per full stop, measured).
_END_RE = re.compile(
    r"[.!?…](?<![.!?…][.!?…])(?:(?<=[!?…])[.!?…]*|[.!?…]+"
    r"|(?<!(?<!\w)[A-ZА-ЯЁÀ-ÖØ-ÞΑ-Ω]\.)" + _not_after(ABBREVIATIONS) + r")"
    r"[\"»“”’)\]]*(?=(\s+)[\"«„“(\[—–\-A-ZА-ЯЁ0-9])"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, covering all non-space text.

    >>> text = "Первое. Второе предложение! Третье"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Первое.', 'Второе предложение!', 'Третье']
    """
    return list(_spans(text))


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of :func:`sentence_spans`, found as they are asked for."""
    start = len(text) - len(text.lstrip())
    for match in _END_RE.finditer(text):
        if start < match.end():
            yield start, match.end()
        start = match.end(1)
    end = len(text.rstrip())
    if start < end:
        yield start, end


def first_sentence(text: str) -> tuple[int, int] | None:
    """``sentence_spans(text)[0]`` (None: no sentence), found without splitting the rest.

    (The opening of a hit with no match to show: 4,000 characters on average among
    those of 1,000 development questions, whose first sentence is a tenth of that.)

    >>> first_sentence("  Первое. Второе предложение!")
    (2, 9)
    """
    return next(_spans(text), None)


#: The characters a sentence end (an ``_END_RE`` match) is made of: a scan for ends may
#: start anywhere else, and it finds what a scan of the whole text finds from there on.
_END_CHARS = frozenset('.!?…"»“”’)]')
#: How far before a word the scan for its sentence's start begins (widened when a
#: sentence is longer).
_LOOK_BACK = 200


def sentences_at(text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """The sentence of :func:`sentence_spans` holding each of ``positions``.

    ``positions`` are ascending offsets of letters or digits (the starts of
    words).  Only the text around them is scanned: a snippet shows the
    sentences of a hit's matches, which hold a quarter of a long hit's text,
    and scanning for sentence ends costs about 8 ns a character.  (The long
    hits of 1,000 development questions on 20,000 paragraphs of novels: 0.11
    ms a query splitting them whole, 0.08 keeping the last 256 texts' splits,
    0.056 this way.)

    >>> text = "Первое. Второе предложение! Третье"
    >>> [text[s:e] for s, e in sentences_at(text, [0, 15, 28])]
    ['Первое.', 'Второе предложение!', 'Третье']
    """
    found = []
    # Ends at or after ``floor`` are still to be found; ``floor_start`` is where the
    # sentence in progress at ``floor`` starts (``floor`` is 0 or the previous
    # sentence's end, just before whitespace: no end is made of what is there).
    floor, floor_start = 0, len(text) - len(text.lstrip())
    sentence = (0, 0)
    for position in positions:
        if position < sentence[1]:
            found.append(sentence)
            continue
        look_back = _LOOK_BACK
        while True:
            scan = max(floor, position - look_back)
            while scan > floor and text[scan] in _END_CHARS:  # (not inside an end)
                scan -= 1
            start = floor_start if scan == floor else -1
            ending = None  # (the first end past ``position``: its sentence's)
            for match in _END_RE.finditer(text, scan):
                if match.start() > position:
                    ending = match
                    break
                start = match.end(1)
            if start >= 0:
                break
            look_back *= 4  # the sentence starts further back
        if ending is None:  # the last sentence
            sentence = (start, len(text.rstrip()))
        else:
            sentence = (start, ending.end())
            floor, floor_start = ending.end(), ending.end(1)
        found.append(sentence)
    return found
