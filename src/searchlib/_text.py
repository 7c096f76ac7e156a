"""Sentence boundaries in Russian text, for snippets.

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
#: a sentence.  The checks live in the pattern, not in Python: sentences are split
#: for every long hit's snippet (2x faster than a check per full stop, measured).
_END_RE = re.compile(
    r"[.!?…](?:(?<=[!?…])[.!?…]*|[.!?…]+"
    r"|(?<!(?<!\w)[A-ZА-ЯЁÀ-ÖØ-ÞΑ-Ω]\.)" + _not_after(_ABBREVIATIONS) + r")"
    r"[\"»“”’)\]]*(?=(\s+)[\"«„“(\[—–\-A-ZА-ЯЁ0-9])"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, covering all non-space text.

    >>> text = "Первое. Второе предложение! Третье"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Первое.', 'Второе предложение!', 'Третье']
    """
    starts = [len(text) - len(text.lstrip())]
    ends = []
    for match in _END_RE.finditer(text):
        ends.append(match.end())
        starts.append(match.end(1))
    ends.append(len(text.rstrip()))
    return [(start, end) for start, end in zip(starts, ends, strict=True) if start < end]
