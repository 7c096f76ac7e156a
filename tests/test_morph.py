"""pymorphy3 lemmas and word classes, and their guard against pymorphy3's own failures."""

from __future__ import annotations

from searchlib._morph import lemma, word_class


def test_lemmas_and_word_classes() -> None:
    assert lemma("людей") == "человек"
    assert lemma("шёл") == "идти"
    assert lemma("summit") == "summit"  # no Russian letters: unchanged
    assert word_class("лавриной") == "name"
    assert word_class("интеграции") == "noun"
    assert word_class("быстро") == "other"


def test_letters_pymorphy3_cannot_name_do_not_break_analysis() -> None:
    # pymorphy3 calls unicodedata.name(), which raises for some letters
    # (found by the hostile-corpus fuzzing); the word is kept as it is.
    word = "\U00017000а"
    assert lemma(word) == word
    assert word_class(word) == "unknown"
