"""Sentence boundaries in Russian text, for snippets and the quote parser.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or
brackets) followed by whitespace and something that can start a sentence:
an upper-case letter, a digit, an opening quote or a dash.  Abbreviations
(`т. е.`, `г.`, `млн.`) and initials (`С. Лавров`) do not end sentences.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans"]

_ABBREVIATIONS = frozenset(
    """
    г гг в вв т е д п др пр им ул пер пл просп наб стр см ср св тыс млн млрд трлн руб коп
    долл евро тел рис табл гл ч ст кв корп обл р н э нач ок напр англ рус лат проф акад
    доц канд ген полк подп лейт кап мин зам зав пос дер с ж
    """.split()
)

_END_RE = re.compile(r"[.!?…]+[\"»“”’)\]]*(?=\s+[\"«„“(\[—–\-A-ZА-ЯЁ0-9])")
_WORD_BEFORE_RE = re.compile(r"(\w+)\.$")


def _is_abbreviation(text: str, dot_end: int) -> bool:
    """Does the full stop ending at ``dot_end`` close an abbreviation or an initial?"""
    match = _WORD_BEFORE_RE.search(text, max(0, dot_end - 12), dot_end)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: `С. Лавров`
    return word.lower() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, covering all non-space text.

    >>> text = "Первое. Второе предложение! Третье"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Первое.', 'Второе предложение!', 'Третье']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        single_stop = match.group().startswith(".") and len(match.group().rstrip('"»“”’)]')) == 1
        if single_stop and _is_abbreviation(text, match.start() + 1):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed
