"""Sentence boundaries."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from searchlib import _text
from searchlib._text import first_sentence, sentence_spans, sentences_at


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Первое. Второе! Третье? Четвёртое…", ["Первое.", "Второе!", "Третье?", "Четвёртое…"]),
        ("Он приехал в г. Москва. Потом уехал.", ["Он приехал в г. Москва.", "Потом уехал."]),
        ("Выступил С. Лавров. Всё.", ["Выступил С. Лавров.", "Всё."]),
        ("Рост на 5 млн. Рублей нет.", ["Рост на 5 млн. Рублей нет."]),
        ("Цитата: «Нет». — Сказал он.", ["Цитата: «Нет».", "— Сказал он."]),
        ("строчные. буквы не делят", ["строчные. буквы не делят"]),
        ("  пробелы  ", ["пробелы"]),
        ("", []),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@given(st.text())
def test_spans_are_ordered_trimmed_and_cover_all_words(text: str) -> None:
    spans = sentence_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())


_ABBREVIATIONS_SEEN = ("г", "гг", "т", "е", "млн", "просп", "им", "ул")


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """The rule spelt out step by step (the module does it in one pattern)."""
    import re

    ends = re.finditer(r"[.!?…]+[\"»“”’)\]]*(?=\s+[\"«„“(\[—–\-A-ZА-ЯЁ0-9])", text)
    spans, start = [], 0
    for match in ends:
        run = match.group().rstrip('"»“”’)]')
        if run == ".":
            word = re.search(r"(\w+)\.$", text[: match.start() + 1])
            if word and (
                (len(word.group(1)) == 1 and word.group(1).isupper())
                # (every abbreviation the module knows: pieces join into others, `С` + `т`)
                or word.group(1).lower() in _text.ABBREVIATIONS
            ):
                continue
        spans.append((start, match.end()))
        start = match.end()
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


_PIECES = st.sampled_from(
    ' |  |\n|.|!|?|…|...|?!|. |! |.» |?) |»|«|"|)|—|-|5|Т|С|A|a|слово|Слово|Г|Млн|x5г|ёж'.split("|")
    + list(_ABBREVIATIONS_SEEN)
    + [word + ". " for word in _ABBREVIATIONS_SEEN]
)


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("Ст. «")  # (found by hypothesis: `С` and `т` made `ст`, an abbreviation)
def test_sentence_spans_follow_the_rule(text: str) -> None:
    assert sentence_spans(text) == _reference_spans(text)


@settings(max_examples=500)
@given(
    st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80),
    st.sampled_from([1, 2, 3, 5, 8, 200]),
)
def test_sentences_at_finds_the_sentences_of_the_whole_split(text: str, look_back: int) -> None:
    """Scanning only around words finds the sentences that splitting all the text finds,
    for each word alone and for all at once, also when a sentence starts further back
    than the first look (``look_back``) or that look starts inside a sentence's end."""
    positions = [at for at, char in enumerate(text) if char.isalnum()]
    spans = sentence_spans(text)
    expected = [next(s for s in spans if s[0] <= at < s[1]) for at in positions]
    with mock.patch.object(_text, "_LOOK_BACK", look_back):
        assert sentences_at(text, positions) == expected
        assert [sentences_at(text, [at])[0] for at in positions] == expected


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80))
def test_the_first_sentence_is_the_first_of_the_whole_split(text: str) -> None:
    spans = sentence_spans(text)
    assert first_sentence(text) == (spans[0] if spans else None)
