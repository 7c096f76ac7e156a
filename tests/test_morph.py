"""pymorphy3 lemmas and word classes, and their guard against pymorphy3's own failures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchlib._morph import (
    analyzer,
    has_common_reading,
    in_dictionary,
    lemma,
    likeliest_tag,
    names_no_one,
    query_lemma,
    word_class,
)


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


def _forms_by_parse(lemma_: str) -> frozenset[str]:
    """forms() as pymorphy3's parse() and lexeme give them (the way forms() skips)."""
    from searchlib._morph import analyzer

    found = {lemma_}
    try:
        for parse in analyzer().parse(lemma_):
            if str(parse.normal_form).replace("ё", "е") == lemma_:
                found.update(str(form.word).replace("ё", "е") for form in parse.lexeme)
    except ValueError:
        pass
    return frozenset(found)


def test_forms_read_from_the_paradigms_are_the_lexemes_forms() -> None:
    from searchlib._morph import forms
    from searchlib.analysis import index_words
    from tests.conftest import ARTICLE

    words = {w for w, _ in index_words(ARTICLE.read_text(encoding="utf-8"))}
    words |= {"человек", "люди", "идти", "стать", "сталь", "еж", "ёж", "ель", "все", "я", "а"}
    words |= {"Москва", "ПУТИН", "по-арабски", "кто-то", "телеграм", "\U00017000а", "summit"}
    for word in sorted(words | {query_lemma(w) for w in words}):
        if any("а" <= c <= "я" or c == "ё" for c in word.lower()):
            assert forms.__wrapped__(word) == _forms_by_parse(word), word


@given(st.text("аеёиокнлрстзжшщьъыяюэпбвмгдхцчфуйАЕЁКx-'\u0301", max_size=10))
def test_forms_of_any_word_are_the_lexemes_forms(word: str) -> None:
    from searchlib._morph import forms

    if any("а" <= c <= "я" or c == "ё" for c in word):
        assert forms.__wrapped__(word) == _forms_by_parse(word)


def test_in_dictionary_looks_up_without_guessing() -> None:
    assert in_dictionary("луговой") and in_dictionary("людей")
    assert not in_dictionary("абырвалг")  # (a full parse would guess it a noun)
    assert not in_dictionary("𗀀а")  # letters without a Unicode name: no error


def test_common_readings_are_dictionary_parses_that_are_no_names() -> None:
    assert (
        has_common_reading("алмазы")
        and has_common_reading("квантовый")
        and has_common_reading("арене")
    )
    assert has_common_reading("путина")  # (a noun too: the fishing season)
    assert has_common_reading("украинское")  # (an adjective of a place is a common word)
    # Names (the dictionary lists many spellings of them) and unknown words are not.
    for word in (
        "азматы",
        "аностасия",
        "плиева",
        "москве",
        "армении",
        "интегарция",
        "абырвалг",
        "",
    ):
        assert not has_common_reading(word), word
    assert not has_common_reading("𗀀а")  # letters without a Unicode name: no error


def test_likeliest_tag_is_the_first_parse_s_tag() -> None:
    for word in ("заявила", "губернатор", "белгородский", "абырвалг"):
        assert likeliest_tag(word) == analyzer().parse(word)[0].tag


def test_written_in_capitals_tells_abbreviations_from_shouted_words() -> None:
    from searchlib._morph import written_in_capitals

    assert all(written_in_capitals(w) for w in ("нато", "мид", "отг", "тасс"))
    assert not written_in_capitals("москва") and not written_in_capitals("внимание")


def test_names_no_one() -> None:
    """Every dictionary parse a place's or an organisation's name, or a plural: not a
    surname too, nor a word the dictionary lacks."""
    assert names_no_one("нидерландов")
    assert names_no_one("саратов")
    assert names_no_one("штатов")  # (`Соединенных Штатов`)
    assert not names_no_one("кириллов")  # (a given name's plural, and a surname)
    assert not names_no_one("попов")  # (`поп`'s plural, and a surname)
    assert not names_no_one("ростов")  # (a surname too)
    assert not names_no_one("петров")
    assert not names_no_one("стол")
    assert not names_no_one("зюзюкинск")  # (not in the dictionary)
    # A plural place's name whose other parses are plurals of a woman's given name.
    assert names_no_one("филиппин")  # (`Филиппины`; `Филиппина`'s plural)
    assert names_no_one("афин")
    assert not names_no_one("кирсанов")  # (a town in the singular, and a surname)
    assert not names_no_one("нилов")  # (`Нилы` a place, `Нил`'s plural: a surname too)
