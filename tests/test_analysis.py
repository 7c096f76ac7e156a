"""The Russian analyzer pipeline: tokens, normalisation, stop words, stems, pickling."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchlib.analysis import (
    MAX_TOKEN_CHARS,
    NormalizeFilter,
    RussianAnalyzer,
    RussianStemFilter,
    RussianStopFilter,
    RussianTokenizer,
    analyzer_fingerprint,
    normalize_word,
    stem,
    terms,
)
from tests.conftest import run_in_threads


def test_pipeline_is_composed_of_whoosh_components() -> None:
    analyzer = RussianAnalyzer()
    assert [type(item) for item in analyzer.items] == [
        RussianTokenizer,
        NormalizeFilter,
        RussianStopFilter,
        RussianStemFilter,
    ]
    assert [type(i) for i in RussianAnalyzer(stem=False).items][-1] is RussianStopFilter
    assert [type(i) for i in RussianAnalyzer(stop=False, stem=False).items][-1] is NormalizeFilter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("интеграции", ["интеграц"]),
        ("интеграция", ["интеграц"]),
        ("Молодёжь молодежи", ["молодеж", "молодеж"]),
        ("ЁЛКА ёлка Елка", ["елк", "елк", "елк"]),
        ("soft power", ["soft", "power"]),
        ("powers", ["power"]),
        ("XII саммите", ["xii", "самм"]),
        ("16-летие", ["16", "лет"]),
        ("объем", ["объ"]),  # Snowball's stem, not Whoosh's wrong `обь`
        ("и в на по для", []),  # stop words
        ("стандартаdvb", ["стандартаdvb"]),  # Latin letters stay Latin
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_hyphenated_compounds_split_into_parts_with_offsets() -> None:
    text = "Касым-Жомарт из культурно-языкового"
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in RussianAnalyzer(stem=False)(text, positions=True, chars=True)
    ]
    assert tokens == [
        ("касым", 0, 0, 5),
        ("жомарт", 1, 6, 12),
        ("культурно", 2, 16, 25),
        ("языкового", 3, 26, 35),
    ]


def test_stop_words_are_removed_and_positions_renumbered() -> None:
    tokens = [(t.text, t.pos) for t in RussianAnalyzer()("мира в устойчивом", positions=True)]
    assert tokens == [("мир", 0), ("устойчив", 1)]


def test_stop_words_kept_when_whoosh_asks() -> None:
    tokens = [(t.text, t.stopped) for t in RussianAnalyzer()("в мире", removestops=False)]
    assert tokens == [("в", True), ("мир", False)]


def test_normalisation_folds_case_yo_stress_and_invisible_characters() -> None:
    assert normalize_word("Ёлочка") == "елочка"
    assert normalize_word("Вы\u0301ставочный") == "выставочный"
    assert normalize_word("интер\u00adнет") == "интернет"
    assert normalize_word("сло\u200bво") == "слово"
    assert normalize_word("и\u0306од") == "йод"  # NFC keeps й
    assert normalize_word("HELLO") == "hello"
    # A stressed word stays one token and keeps its offsets in the original text.
    [token] = list(RussianAnalyzer()("Вы\u0301ставочный", chars=True))
    assert (token.text, token.startchar, token.endchar) == ("выставочн", 0, 12)


@given(st.text(alphabet="аеийоёЙЁ крАЙ\u0301\u0306\u0308", max_size=40))
def test_decomposed_text_gives_the_terms_of_composed_text(text: str) -> None:
    """NFD text (`й` as `и` and a breve, also at a word's end: `Сергей`) reads as NFC."""
    assert terms(unicodedata.normalize("NFD", text)) == terms(unicodedata.normalize("NFC", text))


def test_a_words_last_combining_mark_is_part_of_it() -> None:
    [token] = list(RussianAnalyzer()("краи\u0306", chars=True))  # (край, decomposed)
    assert (token.text, token.startchar, token.endchar) == ("кра", 0, 5)
    assert terms(unicodedata.normalize("NFD", "Сергей новый")) == ["серг", "нов"]
    assert normalize_word("Сергеи\u0306") == "сергей"


def test_byte_order_mark_is_not_part_of_a_word() -> None:
    assert terms("\ufeffПрезидент") == ["президент"]


def test_overlong_tokens_are_dropped() -> None:
    assert terms("а" * (MAX_TOKEN_CHARS + 1) + " слово") == ["слов"]
    assert terms("б" * MAX_TOKEN_CHARS) != []


def test_tokenize_false_passes_the_value_through() -> None:
    tokens = list(RussianAnalyzer()("Интеграци", tokenize=False))
    assert [t.text for t in tokens] == ["интеграц"]


def test_stem_picks_the_stemmer_by_script() -> None:
    assert stem("интеграции") == "интеграц"
    assert stem("running") == "run"
    assert stem("2024") == "2024"


def test_analyzer_pickles_without_state_and_compares_equal() -> None:
    analyzer = RussianAnalyzer()
    data = pickle.dumps(analyzer)
    assert b"Stemmer" not in data
    assert b"searchlib.analysis" in data
    assert pickle.loads(data) == analyzer
    for component in analyzer.items:
        assert vars(component) == {}


def test_analyzer_works_in_a_whoosh_schema_of_ones_own() -> None:
    schema = Schema(body=TEXT(analyzer=RussianAnalyzer(), stored=True))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(body="Средний коридор объединяет интересы")
    from whoosh.qparser import QueryParser

    with ix.searcher() as searcher:
        hits = searcher.search(QueryParser("body", schema).parse("среднего коридора"))
        assert len(hits) == 1


def test_fingerprint_is_stable_and_short() -> None:
    assert analyzer_fingerprint() == analyzer_fingerprint()
    assert len(analyzer_fingerprint()) == 16


def test_analysis_is_thread_safe() -> None:
    words = [f"интеграции{i % 50} молодёжи слово{i}" for i in range(400)]
    expected = [terms(w) for w in words]
    results: list[list[list[str]]] = []
    run_in_threads(lambda: results.append([terms(w) for w in words]), 8)
    assert len(results) == 8 and all(r == expected for r in results)


@given(st.text())
def test_any_text_analyses_without_error_and_offsets_point_at_the_word(text: str) -> None:
    for token in RussianAnalyzer(stem=False, stop=False)(text, chars=True, positions=True):
        assert 0 <= token.startchar < token.endchar <= len(text)
        assert normalize_word(text[token.startchar : token.endchar]) == token.text
        assert token.text


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Pd", "Zs", "Mn"))))
def test_query_and_index_analysis_agree(text: str) -> None:
    index_terms = [t.text for t in RussianAnalyzer()(text, mode="index")]
    query_terms = [t.text for t in RussianAnalyzer()(text, mode="query")]
    assert index_terms == query_terms


def test_prefix_and_lemma_analyses() -> None:
    prefixes = [t.text for t in RussianAnalyzer(prefix=4)("Выставочный центр и выставка")]
    assert prefixes == ["выст", "цент", "выст"]
    lemmas = [t.text for t in RussianAnalyzer(lemma=True)("Люди шли к ёлкам, soft power 2024")]
    assert lemmas == ["человек", "идти", "елка", "soft", "power", "2024"]
    assert pickle.loads(pickle.dumps(RussianAnalyzer(lemma=True))) == RussianAnalyzer(lemma=True)
