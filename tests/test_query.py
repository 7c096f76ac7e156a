"""Query handling: plain words vs syntax, rewriting, bad input never escapes as Whoosh errors."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import QueryError, Ranking, SearchEngine
from searchlib._query import MAX_QUERY_CHARS, CoordinatedOr, is_syntax, parse_query
from searchlib._schema import build_schema
from searchlib.analysis import index_words
from tests.conftest import SHARED

SCHEMA = build_schema()


def _parsed(text: str) -> str:
    """The parsed query with each word shown by its stem match only, boosts left out."""
    shown = re.sub(
        r' \| (?:prefix|words|title|lemma|quote_\w+):(?:"[^"]*"|[^ )|]+)',
        "",
        str(parse_query(text, SCHEMA)),
    )
    shown = re.sub(r"\^[0-9.]+", "", shown)
    return re.sub(r"\(((?:text|words):(?:[^ ()|\"]+|\"[^\"]+\"))\)", r"\1", shown)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Интеграции тюркского мира?",
            '(text:интеграц OR text:тюркск OR text:мир OR text:"интеграц тюркск" OR text:"тюркск мир")',
        ),
        ("Какова роль молодёжи?", '(text:рол OR text:молодеж OR text:"рол молодеж")'),
        ("кто?", ""),
        ("культурно-языкового", 'text:"культурн языков"'),
        ("Что? Где? Когда?", ""),  # only stop words and punctuation
        ('"средний коридор"', 'text:"средн коридор"'),
        ("«Средний коридор»", 'text:"средн коридор"'),
        ("интеграция AND Казахстан", "(text:интеграц AND text:казахста)"),
        ("интеграция OR Казахстан", "(text:интеграц OR text:казахста)"),
        ("интеграция NOT Казахстан", "text:интеграц FILTER NOT text:казахста"),
        ("Интеграци*", "words:интеграци*"),
        ("инт*ция", "words:инт*ция"),
        ("Карабахкой~", "words:карабахкой~"),
        ("Ёлки~2", "words:елки~2"),
        ("speaker:Лаврина интеграция", "text:интеграц FILTER (speaker:лаврин | speaker:лаврина)"),
        ("kind:quote молодёжь", "text:молодеж FILTER kind:quote"),
        ("kind:quote", "kind:quote"),
        (
            "kind:quote молодёжь мир",
            '(text:молодеж OR text:мир OR text:"молодеж мир") FILTER kind:quote',
        ),
        ("paragraph:[1 TO 3]", "paragraph:[1 TO 3]"),
        (
            "unknown:field слово",
            '(text:unknown OR text:field OR text:слов OR text:"unknown field" OR text:"field слов")',
        ),
        ("(незакрытая скобка", "(text:незакрыт OR text:скобк)"),
        ('"незакрытая кавычка', '(text:незакрыт OR text:кавычк OR text:"незакрыт кавычк")'),
        ("", ""),
        ("  \t\n ", ""),
        ("\x00\x01", ""),
    ],
)
def test_parse(text: str, expected: str) -> None:
    assert _parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("интеграция -Казахстан", "text:интеграц FILTER NOT text:казахста"),
        ('интеграция -"средний коридор"', 'text:интеграц FILTER NOT text:"средн коридор"'),
        ("интеграция -«средний коридор»", 'text:интеграц FILTER NOT text:"средн коридор"'),
        ("интеграция -kind:quote", "text:интеграц FILTER NOT kind:quote"),
        ("-Казахстан", "NOT text:казахста"),
        ("-мир -война", "NOT (text:мир OR text:войн)"),
        # A group's minus is the group's; NOT excludes beside an explicit OR too.
        ("(мир -война) Толстой", "((text:мир ANDNOT text:войн) OR text:толст)"),
        ("мир (Толстой -Гоголь)", "(text:мир OR (text:толст ANDNOT text:гогол))"),
        ("мир OR Толстой -война", "((text:мир OR text:толст) ANDNOT text:войн)"),
        ("мир OR Толстой NOT война", "((text:мир OR text:толст) ANDNOT text:войн)"),
        # Not exclusions: a hyphen in a word, a dash between spaces, a number, a phrase's.
        ("мир - война", '(text:мир OR text:войн OR text:"мир войн")'),
        ("мир -5", '(text:мир OR text:5 OR text:"мир 5")'),
        ('"мир -война"', 'text:"мир войн"'),
    ],
)
def test_a_minus_before_a_word_excludes_it(text: str, expected: str) -> None:
    assert _parsed(text) == expected


def test_an_excluded_word_is_not_matched_by_its_first_letters() -> None:
    for text in (
        "мира -политолог",
        "мира NOT политолог",
        "мира ANDNOT политолог",
        "(мира -политолог)",
        "мир* -политолог",
        "-политолог",
    ):
        parsed = str(parse_query(text, SCHEMA))
        kept, excluded = re.split(" ANDNOT | FILTER NOT |^NOT ", parsed)
        assert "prefix:" not in excluded and "text:политолог" in excluded
        assert "мир" in kept or not kept


@pytest.mark.parametrize("text", ["министр^1e10", "министр^2x", "министр^" + "9" * 30, "а^2x, б"])
def test_a_boost_that_is_not_a_number_is_a_query_error(text: str) -> None:
    """Whoosh would search `министр^1e10` as the phrase "министр 1e10": nothing, silently."""
    with pytest.raises(QueryError, match=r"a boost is a number from 0 to 1,000,000 after \^"):
        parse_query(text, SCHEMA)


@pytest.mark.parametrize(
    "text",
    ["интеграция~2.5", "интеграция~-1", "интеграция~1e3", '"средний коридор"~-2', '"а б"~x', "а~~"],
)
def test_a_likeness_that_is_not_a_whole_number_is_a_query_error(text: str) -> None:
    """Whoosh searched `интеграция~2.5` as `интеграция~2` and the word `5`."""
    with pytest.raises(QueryError, match="after ~ comes a whole number"):
        parse_query(text, SCHEMA)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("мир~10", "мир~10: at most 2 edits"),  # (Whoosh read `~1` and the word `0`)
        ("мир~02", "мир~02: at most 2 edits"),
        ("мир~7", "мир~7: at most 2 edits"),
        ("мир~" + "9" * 30, "at most 2 edits"),
        ("мир~1/4", "from 1 to the word's 3"),  # (an IndexError's text before)
        ("мир~2/0", "from 1 to the word's 3"),  # (Whoosh searched `мир~` and the word `0`)
        ("мир~0", "1 or 2 edits"),  # (Whoosh read `~0` as `~`)
        ("мир~1^2", "a fuzzy word takes no boost"),  # (Whoosh searched `мир~` and `2`)
        ("мир~2/" + "9" * 30, "how many first letters must match"),
    ],
)
def test_a_likeness_beyond_its_limits_is_a_query_error(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_query(text, SCHEMA)


def test_likenesses_that_are_whole_numbers_are_taken() -> None:
    assert "words:интеграция~2" in str(parse_query("интеграция~2 мир", SCHEMA))
    for text in ("интеграция~", "(интеграция~)", "интеграция~1/2", '"а б"~2', '"а~б"~2'):
        parse_query(text, SCHEMA)
    # A boost after it, a question's end, a word after it (Whoosh reads two words).
    for text in ('"средний коридор"~2^3', "мир~2?", "Москва~Петербург"):
        parse_query(text, SCHEMA)


def test_boosts_that_are_numbers_are_taken() -> None:
    assert "министр^2.0" in str(parse_query("министр^2 мир", SCHEMA))
    assert "министр^0.5" in str(parse_query("(министр^0.5)", SCHEMA))
    assert "министр^1000000" in str(parse_query("министр^1000000", SCHEMA))
    for text in ('"министр^1e10"', "министр^abc"):  # a phrase's text; no boost at all
        parse_query(text, SCHEMA)
    for text in ("площадь 100 м^2?", "сколько будет 2^10?", "министр^5.", "министр^2,"):
        parse_query(text, SCHEMA)  # (a question's or a sentence's end is no part of it)


def test_question_mark_is_not_a_wildcard() -> None:
    parsed = parse_query("интеграция? AND мир", SCHEMA)
    assert parsed.syntax and "?" not in str(parsed)


def test_plain_words_are_coordinated() -> None:
    parsed = parse_query("роль молодёжи", SCHEMA)
    assert isinstance(parsed.query, CoordinatedOr) and not parsed.syntax


def test_field_values_that_cannot_be_right_are_query_errors() -> None:
    for text in ("paragraph:abc", "paragraph:2147483648", "paragraph:1.5", "paragraph:[1 TO 3"):
        with pytest.raises(QueryError, match=r"not a valid number; paragraph: takes a whole"):
            parse_query(text, SCHEMA)  # (and says what it takes)
    for text in ("kind:foo", "интеграция kind:article", "NOT kind:bar слово", "kind:x* слово"):
        with pytest.raises(QueryError, match="kind must be one of paragraph, quote"):
            parse_query(text, SCHEMA)
    for text in ("kind:quote слово", "kind:q* слово", "kind:par*graph слово"):
        assert parse_query(text, SCHEMA).syntax


def test_query_length_cap() -> None:
    parse_query("слово " * (MAX_QUERY_CHARS // 6), SCHEMA)
    with pytest.raises(QueryError, match="too long"):
        parse_query("а" * (MAX_QUERY_CHARS + 1), SCHEMA)


def test_non_string_query() -> None:
    with pytest.raises(QueryError, match="must be a string"):
        parse_query(42, SCHEMA)  # type: ignore[arg-type]


_SYNTAX = st.sampled_from(
    [
        '"',
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "*",
        "?",
        "~",
        "^",
        ":",
        "AND",
        "OR",
        "NOT",
        "ANDNOT",
        "TO",
        "text:",
        "speaker:",
        "kind:",
        "paragraph:",
        "article:",
        "title:",
        "words:",
        "\\",
        "/",
        "-",
        "+",
        "!",
        "~9",
        "^x",
        "*:*",
        "интеграция",
        "мир",
        "Ё",
        " ",
        "\x00",
        "'",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=120),
        st.lists(_SYNTAX, max_size=25).map("".join),
        st.lists(_SYNTAX, max_size=25).map(" ".join),
    )
)
def test_any_query_parses_or_raises_query_error(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse_query(text, SCHEMA)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_SYNTAX, max_size=15).map(" ".join)))
def test_any_query_searches_or_raises_query_error(engine: SearchEngine, text: str) -> None:
    try:
        results = engine.search(text)
    except QueryError:
        return
    assert results.total >= len(results.hits)
    for hit in results:
        assert hit.snippet.text == hit.text


@settings(max_examples=300)
@given(st.text(st.sampled_from(list("аеиоу ёЁжЖ-'.,!? \u0301\u00adАБВabc123«»—")), max_size=40))
def test_cached_query_terms_are_the_fields_analyzers(text: str) -> None:
    """_derived_terms' cached shortcut gives exactly what each field's analyzer gives."""
    from searchlib._query import _derived_terms, query_words
    from searchlib._schema import DERIVED_FIELDS

    for field in ("text", "words", "prefix", "lemma", "title", "quote_text", "quote_lemma"):
        expected = [t.text for t in SCHEMA[field].analyzer(text, mode="query")]
        kind = DERIVED_FIELDS["text" if field == "title" else field]
        assert list(_derived_terms(text)[kind]) == expected, field
    assert list(query_words(text)) == [word for word, _ in index_words(text)]


# --- Title questions: words and quoted phrases as a plan ----------------------------------

_WORDS_AND_QUOTES = st.sampled_from(
    [
        *("Оскар", "Наши", "фильм", "Голодные", "игры", "Адская", "комедия", "Чёрный", "лебедь"),
        *(
            "объем",
            "продаж",
            "культурно-языкового",
            "телеграм-канал",
            "Н.А.",
            "Тэффи",
            "по-арабски",
        ),
        *("кто", "Какая", "в", "и", "не", "на", "Gangnam", "Style", "PSY", "2012", "WBC", "ноябрь"),
        *('"', '"', '"', "«", "»", "„", "“", "”", " ", " ", " ", "  ", "\t", "\u00a0", "\u2003"),
        *("?", "?", ",", ".", "!", "-", "—", "'", ";", "\n", "\x00", "\u0301", "ORLOV", "Notre"),
    ]
)
#: Other syntax: texts with these outside quotes are left to Whoosh's parser.
_OTHER_SYNTAX = st.sampled_from(
    [
        *(":", "(", ")", "[", "]", "{", "}", "*", "~", "~2", "^2", "AND", "OR", "NOT", "TO"),
        *("REQUIRE", "ANDNOT", "kind:quote", "text:", "*:*", "3:2", "[1 TO 3]"),
    ]
)
_QUOTED = st.one_of(
    st.lists(_WORDS_AND_QUOTES, max_size=24),
    st.lists(st.one_of(_WORDS_AND_QUOTES, _OTHER_SYNTAX), max_size=24),
).map("".join)
_RANKINGS = st.sampled_from(
    [Ranking(), Ranking(word_classes=False, question_words=False, pairs=0.0, words=0.0)]
)


def _title_questions() -> list[str]:
    """Real questions with quoted titles, and the development questions' where present."""
    questions = [
        "Чем занимаются активисты движения «Наши»?",
        'Какая композиция Эллиотта Смита была номинирована на "Оскар"?',
        'Когда выйдет "Лемми: фильм"?',
        'Почему "Рестлер" и "Чёрный лебедь" - родственные проекты?',
        'Какая картина заняла 2 место в прокате в Америке после"Игры Эндера"?',
        'Упаковку" какого здания Вера Дементьева расценила, как художественную провокацию?',
        'Какой хоккеист подписал контракт с клубом НХЛ "Финикс Койотс"и почему именно он"?',
        'Кто, обращаясь к Федеральному собранию, сказал: "российский народ вновь доказал"?',
    ]
    for name in ("muserc", "danetqa"):
        path = SHARED / "data" / name / "queries-dev.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                questions += [json.loads(line)["text"] for line in fh]
    return [q for q in questions if is_syntax(q)]


def test_title_questions_are_plain_words_with_phrases() -> None:
    """Words and quoted phrases alone are a plan (not Whoosh's parser): a quoted phrase of
    several words is one word, matched as a phrase in any case; other syntax is parsed."""
    parsed = parse_query('Сколько серий в сериале "Объём продаж"?', SCHEMA)
    assert not parsed.syntax and parsed.plan is not None
    assert len(parsed.plan.words) == 3  # серий, сериале, the phrase
    phrase = parsed.plan.words[2]
    assert {(field, terms) for field, terms, _ in phrase} == {
        ("text", ("объ", "продаж")),
        ("text", ("объем", "продаж")),
        ("title", ("объ", "продаж")),
    }
    # The words outside the quotes are paired as plain words are, the phrase with them too.
    assert (("text", ("сериал", "объ"), 0.5),) in parsed.plan.extras
    titles = _title_questions()
    assert len(titles) >= 8
    planned = [q for q in titles if parse_query(q, SCHEMA).plan is not None]
    assert len(planned) >= 0.9 * len(titles)  # (the rest have other syntax: `(`, `*`...)
    for text in ('"средний объединяет"~2', 'text:слово "фраза"', '"a b" AND c', "(«Наши»)"):
        assert parse_query(text, SCHEMA).syntax, text


def test_a_quoted_single_word_is_the_word() -> None:
    quoted = parse_query("Кто снял фильм «Борат»?", SCHEMA)
    assert quoted.plan == parse_query("Кто снял фильм Борат?", SCHEMA).plan
    assert parse_query('Кто написал "не верю"?', SCHEMA).plan == (
        parse_query("Кто написал не верю?", SCHEMA).plan
    )


@settings(max_examples=1000, deadline=None)
@given(_QUOTED, _RANKINGS)
def test_title_chunks_are_words_and_phrases_of_the_query(text: str, ranking: Ranking) -> None:
    """Each chunk stands where it was typed and is a word or a phrase of several words;
    a text with other syntax outside its quotes is left to Whoosh's parser."""
    from searchlib._query import (
        _OTHER_SYNTAX_RE,
        _QUOTED_RE,
        clean,
        is_phrase,
        query_words,
        syntax_text,
        title_chunks,
    )

    marked = syntax_text(clean(text))
    if marked is None:
        return
    chunks = title_chunks(marked, ranking)
    outside = _QUOTED_RE.sub('"', marked)  # (a mark, not a space: `""AND` is a word)
    assert (chunks is None) == bool(_OTHER_SYNTAX_RE.search(outside))
    for start, chunk in chunks or ():
        assert marked[start : start + len(chunk)] == chunk
        assert not is_phrase(chunk) or len(query_words(chunk)) > 1
    if chunks is not None:  # every word of the text, in order, but question words
        from searchlib._query import _CHUNK_RE, QUESTION_WORDS, normalize_word

        def content(words: list[str]) -> list[str]:
            return [w for w in words if normalize_word(w) not in QUESTION_WORDS]

        found = [w for _, chunk in chunks for w in _CHUNK_RE.findall(chunk)]
        assert content(found) == content(_CHUNK_RE.findall(marked))
    if chunks is not None:  # (other syntax may be a QueryError: `kind:x`)
        parsed = parse_query(text, SCHEMA, ranking=ranking)
        assert not parsed.syntax and (parsed.plan is not None or parsed.empty)


@settings(max_examples=500)
@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(_SYNTAX, max_size=8).map("".join),
        st.lists(st.one_of(_SYNTAX, _WORDS_AND_QUOTES), max_size=12).map(" ".join),
    )
)
def test_the_syntax_hint_misses_no_syntax(text: str) -> None:
    """syntax_text looks for query syntax only where its hint finds something: the same
    answer as looking everywhere."""
    from searchlib._query import _SYNTAX_RE, _marked, clean, syntax_text

    marked = _marked(clean(text))
    assert syntax_text(clean(text)) == (marked if _SYNTAX_RE.search(marked) else None)


def _ways_by_loop(word: str, ranking: Ranking, boost: float) -> tuple[Any, ...]:
    """_word_ways as it was written first: one loop over the fields, each weight rounded."""
    from searchlib._query import _derived_terms, phrase_variants

    terms = _derived_terms(word)
    stems = terms["stem"]
    if not stems:
        return ()
    compound = len(stems) > 1
    ways: list[Any] = []
    if compound and ranking.stems > 0:
        stem_weight = round(ranking.stems * boost, 6)
        ways.extend(("text", v, stem_weight) for v in phrase_variants(terms["word"]) if v != stems)
    whole: tuple[str, ...] = ()
    for field, tokens, weight in (
        ("text", stems, ranking.stems),
        ("prefix", whole if compound else terms["prefix"], ranking.prefixes),
        ("lemma", whole if compound else terms["lemma"], ranking.lemmas),
        ("words", whole if compound else terms["word"], ranking.words),
        ("title", stems, ranking.title),
    ):
        if weight > 0 and tokens:
            ways.append((field, tokens, round(weight * boost, 6)))
    return tuple(ways)


@settings(max_examples=300)
@given(
    st.sampled_from(["Москвы", "в", "культурно-языкового", "телеграм-канал", "Н.А.", "x1", "—"]),
    st.builds(
        Ranking,
        stems=st.sampled_from([0.0, 1.0, 0.7]),
        prefixes=st.sampled_from([0.0, 1.0]),
        lemmas=st.sampled_from([0.0, 0.3]),
        words=st.sampled_from([0.0, 0.3]),
        title=st.sampled_from([0.0, 1.0]),
    ),
    st.sampled_from([1.0, 1.5, 0.7, 0.35, 0.75, 1e-9]),
)
def test_a_words_ways_are_the_fields_looped_over(word: str, ranking: Ranking, boost: float) -> None:
    from searchlib._query import _word_ways

    assert _word_ways(word, ranking, boost) == _ways_by_loop(word, ranking, boost)


def test_a_mirrored_term_or_phrase_is_its_copy_on_the_quote_field() -> None:
    import copy

    from whoosh import query

    from searchlib._query import _mirror

    term = query.Term("text", "мир", boost=1.5)
    term.startchar, term.endchar = 3, 6
    phrase = query.Phrase("lemma", ["мир", "труд"], slop=2, boost=0.5, char_ranges=[(0, 3)])
    for leaf, field in ((term, "quote_text"), (phrase, "quote_lemma")):
        expected = copy.copy(leaf)
        expected.fieldname = field
        mirrored = _mirror(leaf)
        assert type(mirrored) is type(leaf) and vars(mirrored) == vars(expected)
        assert mirrored is not leaf and leaf.fieldname != field


def test_a_speaker_of_no_searchable_words_is_a_short_clear_error() -> None:
    """A 5,000-letter name was echoed whole (a 10 KB error), its reason untold."""
    from searchlib import QueryError
    from searchlib._query import speaker_terms

    for name in ("и", "Я" * 100, "Я" * 5000):
        with pytest.raises(QueryError, match="has no searchable words") as info:
            speaker_terms(name)
        assert len(str(info.value)) < 200 and "over 64 letters" in str(info.value)
    assert speaker_terms("Я" * 60)  # (a long word, but a word)
