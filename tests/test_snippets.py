"""Snippets: stem matches marked on the original text, fragments at sentence boundaries."""

from __future__ import annotations

import unicodedata
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import SearchEngine
from searchlib._snippets import make_snippet, match_spans
from searchlib.analysis import terms
from tests.conftest import ARTICLE

SUPPLETIVE = (
    "Люди шли домой; лучше всего людей видно было, когда он шёл мимо. Сталь стали"
    " дороже, и стали говорить о хороших людях."
)


def _marked(text: str, query: str, **kwargs: int) -> str:
    return make_snippet(text, {"text": set(terms(query))}, **kwargs).plain("[", "]")


def test_stemmed_forms_are_marked_in_the_original_text() -> None:
    assert _marked("Главный стимул интеграции — это потребность", "интеграция") == (
        "Главный стимул [интеграции] — это потребность"
    )
    assert _marked("Молодёжная дипломатия", "МОЛОДЕЖНЫЙ") == "[Молодёжная] дипломатия"


def test_stop_words_are_never_marked() -> None:
    assert _marked("Мир и в мире", "мир и в") == "[Мир] и в [мире]"


def test_hyphenated_parts_are_marked_as_one_word() -> None:
    assert _marked("из культурно-языкового объединения", "культурно-языкового") == (
        "из [культурно-языкового] объединения"
    )
    assert _marked("из культурно-языкового объединения", "языкового") == (
        "из культурно-[языкового] объединения"
    )


def test_a_mark_takes_in_the_combining_marks_after_its_word() -> None:
    # (A stress accent on a word's last letter; a decomposed `й`: `и` and a breve.)
    assert _marked("Это слова\u0301 и дела", "слова") == "Это [слова\u0301] и дела"
    nfd = unicodedata.normalize("NFD", "Наш край богат")
    assert _marked(nfd, "край") == "Наш [" + nfd[4:9] + "] богат"
    assert match_spans(nfd, {"text": set(terms("край"))})[0][0] == (4, 9)


def test_words_field_matches_mark_whole_words() -> None:
    snippet = make_snippet("Карабахской войны", {"words": {"карабахской"}})
    assert snippet.plain("[", "]") == "[Карабахской] войны"


def test_long_text_is_cut_to_the_best_sentences() -> None:
    filler = "Это предложение ни о чём не говорит и занимает место. " * 6
    text = filler + "Средний коридор объединяет интересы региона. " + filler
    snippet = make_snippet(text, {"text": set(terms("средний коридор"))}, max_chars=120)
    assert snippet.plain("[", "]") == "…[Средний] [коридор] объединяет интересы региона.…"
    assert snippet.matches == ((324, 331), (332, 339))


def test_a_long_sentence_is_windowed_at_word_boundaries() -> None:
    text = "слово " * 80 + "интеграции " + "слово " * 80
    snippet = make_snippet(text.strip(), {"text": {"интеграц"}}, max_chars=100)
    [(start, end)] = snippet.fragments
    assert end - start <= 100
    assert "[интеграции]" in snippet.plain("[", "]")
    assert text[start - 1] == " " and text[end] == " "


def test_no_match_gives_the_opening_sentences() -> None:
    text = "Первое предложение. " * 30
    snippet = make_snippet(text.strip(), {"text": set()}, max_chars=60)
    assert snippet.fragments[0][0] == 0 and snippet.matches == ()


def test_matches_are_looked_for_in_the_first_50_000_characters_only() -> None:
    """A huge paragraph's snippet reads its opening (22 MB took 3 s outside any budget)."""
    from searchlib import _snippets

    head = "Средний коридор. " + "Слова без совпадений. " * (_snippets.MAX_ANALYZED_CHARS // 22)
    text = head + "Коридор в самом конце."
    snippet = make_snippet(text, {"text": set(terms("коридор"))}, max_chars=80)
    assert snippet.matches == ((8, 15),)  # (the one beyond the first 50,000 is not read)
    assert snippet.fragments == ((0, 16),)
    assert all(end <= _snippets.MAX_ANALYZED_CHARS for _, end in snippet.matches)
    many = make_snippet(text, {"text": set(terms("совпадений"))}, max_chars=40)
    assert len(many.matches) == _snippets.MAX_ANALYZED_CHARS // 22  # (each read, none past)
    assert many.matches[-1][1] <= _snippets.MAX_ANALYZED_CHARS


def test_match_spans_report_the_term_each_word_matched() -> None:
    found = match_spans("Интеграция и интеграции", {"text": {"интеграц"}})
    assert found == [((0, 10), "интеграц"), ((13, 23), "интеграц")]


@given(st.text(max_size=600), st.lists(st.text(min_size=1, max_size=8), max_size=4))
def test_any_text_and_terms_give_a_valid_snippet(text: str, words: list[str]) -> None:
    snippet = make_snippet(text, {"text": set(words), "words": set(words)}, max_chars=80)
    assert snippet.text == text
    for start, end in snippet.fragments:
        assert 0 <= start < end <= len(text)
    assert "<" not in snippet.html().replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize(
    "lemmas",
    [{"человек"}, {"идти", "хороший"}, {"интеграция", "мир", "регион"}, {"стать"}, {"сталь"}],
)
def test_lemma_candidates_find_what_checking_every_word_finds(lemmas: set[str]) -> None:
    """match_spans looks up lemmas only for the lemmas' own forms: the same marks."""
    from searchlib._snippets import Highlighter

    texts = [*ARTICLE.read_text(encoding="utf-8").splitlines(), SUPPLETIVE]
    highlighter = Highlighter({"lemma": lemmas})
    for text in texts:
        assert highlighter._marks(text, highlighter.forms) == highlighter._marks(text, None)


def test_the_index_lists_the_words_of_a_lemma(tmp_path: Path) -> None:
    """The lemma forms an index records mark what generating them and checking every word marks."""
    from searchlib import SearchEngine
    from searchlib._morph import lemma
    from searchlib._snippets import Highlighter

    texts = [*ARTICLE.read_text(encoding="utf-8").splitlines(), SUPPLETIVE]
    records = [{"id": f"t{n}", "text": text} for n, text in enumerate(texts)]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        arrays = engine._vocabulary()._arrays
        for lemmas in ({"человек"}, {"идти", "хороший"}, {"сталь", "стать"}, {"нет-такого"}):
            forms = arrays.lemma_forms(lemmas)
            assert forms is not None
            assert all(lemma(w) in lemmas for w in forms)
            exact = Highlighter({"lemma": lemmas}, lemma_forms=forms)
            every_word = Highlighter({"lemma": lemmas})
            for text in texts:
                assert exact._marks(text, exact.forms) == every_word._marks(text, None)


def test_a_bare_prefix_match_never_highlights_an_unrelated_word() -> None:
    """`интересы` shares only `инте` with `интеграция`: never marked (issue 15, item 10)."""
    query = {"text": {"интеграц"}, "words": {"интеграция"}, "prefix": {"инте"}}
    both = make_snippet("Интересы региона и интеграция тюркского мира", query)
    assert both.plain("[", "]") == "Интересы региона и [интеграция] тюркского мира"
    alone = make_snippet("Экономические интересы региона", query)
    assert alone.plain("[", "]") == "Экономические интересы региона"
    # A longer shared beginning is a relative, marked as before: выставка ~ выставочный.
    relative = {"text": {"выставк"}, "words": {"выставка"}, "prefix": {"выст"}}
    marked = make_snippet("Выставочный центр и выступление", relative).plain("[", "]")
    assert marked == "[Выставочный] центр и выступление"


_QUERY_LETTERS = "аеёоилмнстркЕЁАОМ19"
_LETTERS = _QUERY_LETTERS + "abyzSYß\u0301\u00ad"
_QUERY_WORDS = st.text(st.sampled_from(list(_QUERY_LETTERS)), min_size=1, max_size=9)
_WORDS = st.text(st.sampled_from(list(_LETTERS)), min_size=1, max_size=9)


@settings(max_examples=400)
@given(
    st.lists(st.one_of(_QUERY_WORDS, _WORDS), min_size=1, max_size=6),
    st.lists(st.one_of(_WORDS, st.sampled_from([" ", ", ", ". ", "-", "\u2060"])), max_size=40),
)
def test_the_beginnings_filter_finds_what_checking_every_word_finds(
    query: list[str], pieces: list[str]
) -> None:
    """Words are decided on only where a query term's beginning starts a word: the same marks."""
    from searchlib._snippets import Highlighter
    from searchlib.analysis import normalize_word, stem

    words = {normalize_word(w) for w in query} - {""}
    terms = {
        "text": {stem(w) for w in words},
        "words": words,
        "prefix": {w[:4] for w in words},
    }
    text = " ".join(pieces)
    fast = Highlighter(terms)
    slow = Highlighter(terms)
    slow._starts = None
    assert fast._marks(text, fast.forms) == slow._marks(text, slow.forms)


#: Every character of cp1251 (the soft hyphen, an in-word mark, sends a text to checking
#: every word), and some that sit next to words more often.
_CP1251_CHARS = [bytes([byte]).decode("cp1251") for byte in range(256) if byte != 0x98]
_CP1251_PIECES = st.text(st.sampled_from(_CP1251_CHARS), max_size=6) | st.sampled_from(
    [" ", "_", "\xa0", "µ", "№", "-", "'", "\xad", "5"]
)


@settings(max_examples=400)
@given(st.lists(_QUERY_WORDS, min_size=1, max_size=4), st.data())
def test_a_cp1251_text_is_searched_as_bytes_with_the_same_words_found(
    query: list[str], data: st.DataObject
) -> None:
    """The words found in a cp1251 text's folded bytes are those found in its lower-cased
    text, and their marks those checking every word gives."""
    from searchlib._snippets import (
        Highlighter,
        _array_words_at,
        _cp1251_words_at,
        _NeedleCodes,
        _words_at,
    )
    from searchlib.analysis import normalize_word, stem

    words = {normalize_word(w) for w in query}
    terms = {"text": {stem(w) for w in words}, "words": words, "prefix": {w[:4] for w in words}}
    # The query's words (in any case), other words, and what may stand next to them.
    pieces = st.sampled_from([*query, *(w.upper() for w in query)])
    text = "".join(data.draw(st.lists(pieces | _QUERY_WORDS | _CP1251_PIECES, max_size=30)))
    fast = Highlighter(terms)
    assert fast._starts is not None
    needles, beginnings = fast._beginning_needles, fast._beginning_list
    words = _words_at(text, beginnings)
    assert _cp1251_words_at(text, text.encode("cp1251"), needles) == words
    # The numpy search of long texts finds the same words, or leaves the text to these.
    found = _array_words_at(text, _NeedleCodes(needles))
    assert found == words or (found is None and "\xad" in text)
    slow = Highlighter(terms)
    slow._starts = None
    assert fast._marks(text, fast.forms) == slow._marks(text, slow.forms)


def _marks_both_ways(text: str, query: dict[str, set[str]]) -> tuple[Any, list[Any], list[Any]]:
    """(the highlighter, its marks of ``text`` by the beginnings filter, by checking every word)."""
    from searchlib._snippets import Highlighter

    fast = Highlighter(query)
    assert fast._starts is not None
    slow = Highlighter(query)
    slow._starts = None
    return fast, fast._marks(text, fast.forms), slow._marks(text, slow.forms)


@pytest.mark.parametrize(
    "extra", ["", "\xad", "é", "\U0001f600", "\ud800", "ß", "Ё", "юЯ", "1ab", "b"]
)
def test_a_long_text_is_marked_as_checking_every_word_marks(extra: str) -> None:
    """Texts past _ARRAY_SEARCH_CHARS are searched with numpy; any character in them,
    including those that send a text to the other ways, gives the same marks."""
    from searchlib._snippets import _ARRAY_SEARCH_CHARS, _array_words_at, _NeedleCodes

    text = ARTICLE.read_text(encoding="utf-8")
    text = (text + " " + extra + "Интеграция ин-т b1 ab Bab ") * (
        _ARRAY_SEARCH_CHARS // len(text) + 1
    )
    assert len(text) >= _ARRAY_SEARCH_CHARS
    query = {
        "text": set(terms("Интеграция тюркского мира 2024 ёлка Юрий")),
        "words": {"b1", "ab", "ин"},
        "prefix": {"инте"},
    }
    fast, marks, slow_marks = _marks_both_ways(text, query)
    assert marks and marks == slow_marks
    used = _array_words_at(text, fast._needle_codes or _NeedleCodes(fast._beginning_needles))
    assert (used is None) == (extra in {"\xad", "é", "\U0001f600", "\ud800", "ß"})


def test_a_sentence_far_longer_than_the_first_look_back_is_found_whole() -> None:
    """A match's sentence starting far before it (the scan for its start is widened)."""
    long_sentence = "Начало " + "слово " * 300 + "интеграции конец."
    text = "Первое предложение. " + long_sentence + " Другое предложение. " * 20
    snippet = make_snippet(text, {"text": {"интеграц"}}, max_chars=2000)
    start = text.index(long_sentence)
    assert snippet.fragments == ((start, start + len(long_sentence)),)


def test_the_beginnings_filter_is_used_on_ordinary_text() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    query = {"text": set(terms("Интеграция тюркского мира 2024")), "prefix": {"инте"}}
    _, marks, slow_marks = _marks_both_ways(text, query)
    assert marks and marks == slow_marks


def test_a_window_cut_at_a_line_break_keeps_its_match(tmp_path: Path) -> None:
    """A snippet window never cuts past its first match (a line break counts as a space)."""
    records = [{"id": "a", "text": "ab в! г.… регион\nелки — x1\nрегионы — интересы, Мирный"}]
    engine = SearchEngine.from_documents(records, tmp_path / "ix", snippet_chars=20)
    with engine:
        snippet = engine.search("елки").hits[0].snippet
    assert snippet.fragments and all(end > start for start, end in snippet.fragments)
    assert "<mark>елки</mark>" in snippet.html()


_Spans = list[tuple[tuple[int, int], str]]


def _fast_and_slow_spans(text: str, query: dict[str, set[str]]) -> tuple[_Spans, _Spans]:
    """Highlighter.spans of ``text`` found by the beginnings filter, and checking every word."""
    from searchlib._snippets import Highlighter

    fast = Highlighter(query)
    assert fast._starts is not None
    slow = Highlighter(query)
    slow._starts = None
    return fast.spans(text), slow.spans(text)


def test_a_beginning_another_begins_with_is_not_searched_for_again() -> None:
    """`ин` finds every word `инт` finds: one needle, the same words and marks."""
    from searchlib._snippets import Highlighter, _cp1251_words_at, _words_at

    query = {"text": {"ин", "интеграц", "мир"}, "words": {"интеграция"}}
    highlighter = Highlighter(query)
    assert highlighter._beginning_needles == [" ин".encode("cp1251"), " мир".encode("cp1251")]
    text = "Ин, интеграции и Интеграция; инь-ян, мира. Мирный ин-т"
    words = _cp1251_words_at(text, text.encode("cp1251"), highlighter._beginning_needles)
    assert words == _words_at(text, ["ин", "инт", "мир"])
    fast, slow = _fast_and_slow_spans(text, query)
    assert fast == slow
    assert [text[start:end] for (start, end), _ in fast] == [
        "Ин",
        "интеграции",
        "Интеграция",
        "инь",
        "мира",
        "ин",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Интегра\xadция и интеграции мира",  # (the soft hyphen: every word checked)
        "Интеграции ħ мира и ☃ интеграция",  # (not cp1251: the lower-cased text searched)
        "Интеграции И\u0301нтеграции мира",  # (an in-word mark)
        "",
    ],
)
def test_texts_the_bytes_cannot_tell_are_marked_as_when_every_word_is_checked(text: str) -> None:
    fast, slow = _fast_and_slow_spans(text, {"text": {"интеграц", "мир"}})
    assert fast == slow


def test_many_needles_mark_what_checking_every_word_marks() -> None:
    """30 query words, 30 beginnings: each word found in either case, none that only begins so."""
    query_words = {"".join(letters) + "ов" for letters in product("бвгдж", "аоу", "рл")}
    query = {"words": query_words}
    others = [word[:3] + "ище" for word in query_words]
    text = " ".join(sorted(query_words) + [w.upper() for w in query_words] + others)
    fast, slow = _fast_and_slow_spans(text, query)
    assert fast == slow
    assert len(fast) == 2 * len(query_words) == 60


def test_many_found_words_and_many_dots_are_handled() -> None:
    """10,000 words the needle finds but that do not match, 20,000 full stops (quadratic-looking)."""
    text = "инт " * 10_000 + "интеграции"
    fast, slow = _fast_and_slow_spans(text, {"text": {"интеграц"}})
    assert fast == slow == [((40_000, 40_010), "интеграц")]
    dots = "Интеграция" + "." * 20_000 + " Мир интеграции"
    snippet = make_snippet(dots, {"text": {"интеграц"}}, max_chars=100)
    assert snippet.matches == ((0, 10), (20_015, 20_025))
    assert "<mark>Интеграция</mark>" in snippet.html()


def test_needle_codes_take_beginnings_of_one_to_three_letters_only() -> None:
    """A longer beginning would not fit the four-byte windows: refused, not misread."""
    from searchlib._snippets import _NeedleCodes

    codes = _NeedleCodes([b" a", b" bc", " инт".encode("cp1251")])
    assert len(codes.triples) == 1 and codes.pairs[ord("a") + 256 * ord("z")] == 1
    with pytest.raises(ValueError, match="1 to 3 letters"):
        _NeedleCodes([b" abcd"])
    with pytest.raises(ValueError, match="1 to 3 letters"):
        _NeedleCodes([b" "])


@pytest.mark.parametrize("query", ["Интеграция тюркского мира", "2024 год", "т. е. г. С. Лавров"])
def test_a_long_text_kept_between_queries_gives_the_snippet_made_afresh(
    query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long text's sentences and words' beginnings are kept (see _KEPT_TEXTS): its
    snippet, made once or again, is the one made without them."""
    from searchlib import _snippets
    from searchlib._snippets import _ARRAY_SEARCH_CHARS, _KEPT_TEXT_CHARS, Highlighter

    article = ARTICLE.read_text(encoding="utf-8")
    text = (article + " Т. е. в 2024 г. С. Лавров сказал… «Интеграция!» ") * (
        _ARRAY_SEARCH_CHARS // len(article) + 1
    )
    assert _ARRAY_SEARCH_CHARS <= len(text) <= _KEPT_TEXT_CHARS
    query_terms = {"text": set(terms(query)), "prefix": {w[:4] for w in terms(query)}}
    kept = [Highlighter(query_terms).snippet(text, max_chars=n) for n in (120, 240, 240, 600)]
    monkeypatch.setattr(_snippets, "_KEPT_TEXT_CHARS", 0)
    afresh = [Highlighter(query_terms).snippet(text, max_chars=n) for n in (120, 240, 240, 600)]
    assert kept == afresh
    assert all(s.matches for s in kept)
