"""pymorphy3 lemmas and word classes, and their guard against pymorphy3's own failures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchlib._morph import lemma, query_lemma, word_class


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
    assert query_lemma(word) == word
    assert word_class(word) == "unknown"


def test_the_dictionary_shortcut_gives_the_first_parse_normal_form() -> None:
    """lemma() skips pymorphy3's parse() for dictionary words: the same lemmas, every time.

    Both of its ways are compared: parses of one normal form taken as they
    are (`недели`), parses of several ranked (`стали`: `стать` or `сталь`);
    so is the one parse that query words' lemmas and classes share.
    """
    from searchlib._morph import _best_parse, _dictionary_lemma, analyzer
    from searchlib.analysis import index_words
    from tests.conftest import ARTICLE, SHARED

    texts = [ARTICLE.read_text(encoding="utf-8")]
    corpus = SHARED / "data" / "danetqa" / "corpus.jsonl.gz"
    if corpus.exists():
        import gzip
        import json

        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(400), fh, strict=False)]
    words = {w for text in texts for w, _ in index_words(text) if any("а" <= c <= "я" for c in w)}
    words |= {"людей", "шел", "стали", "ежи", "еж", "все", "пила", "мыла", "ели", "дома"}
    words |= {"недели", "стекла", "печь", "ёж"}
    compared = ranked = 0
    for word in sorted(words):
        found = _dictionary_lemma(word)
        best = _best_parse(word)
        assert (found is None) == (best is None), word
        assert query_lemma(word) == lemma(word), word
        if found is not None and best is not None:
            compared += 1
            parses = analyzer().parse(word)
            first = parses[0]
            assert found == best[0] == first.normal_form.replace("ё", "е"), word
            assert best[1] == first.tag, word
            ranked += len({p.normal_form for p in parses if p.is_known}) > 1
    assert compared > 200
    assert ranked > 10


@given(st.text("аеёиокнлрстзжшщьъыяюэпбвмгдхцчфуйABCxyz-'0\u0301", max_size=12))
def test_a_query_words_lemma_is_the_index_lemma(word: str) -> None:
    """query_lemma (sharing word_class's parse) gives what lemma gives, dictionary or not."""
    assert query_lemma(word) == lemma(word)
    assert query_lemma(word) == lemma.__wrapped__(word)  # (what index builds call)
