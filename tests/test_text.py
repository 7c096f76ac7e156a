"""Sentence boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib._text import sentence_spans


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
