"""Query handling: plain words vs syntax, rewriting, bad input never escapes as Whoosh errors."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import QueryError, Ranking, SearchEngine
from searchlib._query import MAX_QUERY_CHARS, CoordinatedOr, ParsedQuery, parse_query
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
        ("интеграция NOT Казахстан", "(text:интеграц ANDNOT text:казахста)"),
        ("Интеграци*", "words:интеграци*"),
        ("инт*ция", "words:инт*ция"),
        ("Карабахкой~", "words:карабахкой~"),
        ("Ёлки~2", "words:елки~2"),
        ("speaker:Лаврина интеграция", "text:интеграц FILTER speaker:лаврин"),
        ("kind:quote молодёжь", "text:молодеж FILTER kind:quote"),
        ("kind:quote", "kind:quote"),
        ("kind:quote молодёжь мир", "(text:молодеж OR text:мир) FILTER kind:quote"),
        ("paragraph:[1 TO 3]", "paragraph:[1 TO 3]"),
        (
            "unknown:field слово",
            '(text:unknown OR text:field OR text:слов OR text:"unknown field" OR text:"field слов")',
        ),
        ("(незакрытая скобка", "(text:незакрыт OR text:скобк)"),
        ('"незакрытая кавычка', "(text:незакрыт OR text:кавычк)"),
        ("", ""),
        ("  \t\n ", ""),
        ("\x00\x01", ""),
    ],
)
def test_parse(text: str, expected: str) -> None:
    assert _parsed(text) == expected


def test_question_mark_is_not_a_wildcard() -> None:
    parsed = parse_query("интеграция? AND мир", SCHEMA)
    assert parsed.syntax and "?" not in str(parsed)


def test_plain_words_are_coordinated() -> None:
    parsed = parse_query("роль молодёжи", SCHEMA)
    assert isinstance(parsed.query, CoordinatedOr) and not parsed.syntax


def test_field_values_that_cannot_be_right_are_query_errors() -> None:
    with pytest.raises(QueryError, match="not a valid number"):
        parse_query("paragraph:abc", SCHEMA)
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


# --- Words and quoted phrases without Whoosh's parser ---------------------------------

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


def _outcome(parse: Callable[[], Any]) -> Any:
    """What a parse gives, compared whole: the query's class, ``repr``, ``str`` and each
    node's characters (which ``==`` and ``repr`` leave out); or the exception's class."""

    def nodes(q: Any) -> list[Any]:
        found = [(type(q), repr(q), getattr(q, "startchar", None), getattr(q, "endchar", None))]
        for child in q.children():
            found += nodes(child)
        return found

    try:
        q = parse()
    except Exception as exc:  # (the two ways must fail alike)
        return type(exc)
    if q is None:
        return None
    if isinstance(q, ParsedQuery):
        return (
            q,
            str(q),
            q.syntax,
            q.plan,
            q.filter,
            nodes(q.query) if q.query is not None else None,
        )
    return (q, str(q), nodes(q))


def _check_quoted(text: str, ranking: Ranking) -> bool:
    """parse_quoted gives what Whoosh's parser gives, whenever it takes ``text``; True: it did."""
    from searchlib._query import _QUOTES_RE, _parser, clean

    parser = _parser(SCHEMA, ranking)
    marked = _QUOTES_RE.sub('"', clean(text))
    fast = _outcome(lambda: parser.parse_quoted(marked))
    if fast is None:
        return False
    assert fast == _outcome(lambda: parser.parse(marked)), marked
    return True


@settings(max_examples=1000, deadline=None)
@given(_QUOTED, _RANKINGS)
def test_words_and_quoted_phrases_parse_as_whoosh_parses_them(text: str, ranking: Ranking) -> None:
    _check_quoted(text, ranking)


@settings(max_examples=300, deadline=None)
@given(_QUOTED, _RANKINGS)
def test_the_quoted_shortcut_changes_no_parsed_query(text: str, ranking: Ranking) -> None:
    """parse_query with the shortcut (which normalises the query once less) and without it."""
    from searchlib._query import _Parser

    fast = _outcome(lambda: parse_query(text, SCHEMA, ranking=ranking))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Parser, "parse_quoted", lambda self, text: None)
        assert fast == _outcome(lambda: parse_query(text, SCHEMA, ranking=ranking))


def test_the_quoted_shortcut_knows_every_plugin_of_the_parser() -> None:
    """parse_quoted stands for Whoosh's parser only while that parser's plugins are the
    ones its syntax check was written for: a plugin added (`+`/`-`, `<`/`>`) must come
    with a look at ``_OTHER_SYNTAX_RE`` and then a change here."""
    from searchlib._query import _parser

    plugins = sorted(type(plugin).__name__ for plugin in _parser(SCHEMA, Ranking()).plugins)
    assert plugins == [
        "BoostPlugin",
        "EveryPlugin",
        "FieldsPlugin",
        "FuzzyTermPlugin",
        "GroupPlugin",
        "OperatorsPlugin",
        "PhrasePlugin",
        "RangePlugin",
        "WhitespacePlugin",
        "_NoQuestionMarkWildcards",
    ]


def test_title_questions_take_the_shortcut() -> None:
    """Real questions with quoted titles, and the development questions where present."""
    from searchlib._query import syntax_text

    questions = [
        "Чем занимаются активисты движения «Наши»?",
        'Какая композиция Эллиотта Смита была номинирована на "Оскар"?',
        'Когда выйдет "Лемми: фильм"?',
        'Почему "Рестлер" и "Чёрный лебедь" - родственные проекты?',
        'Какая картина заняла 2 место в прокате в Америке после"Игры Эндера"?',
        'Упаковку" какого здания Вера Дементьева расценила, как художественную провокацию?',
        'Какой хоккеист подписал контракт с клубом НХЛ "Финикс Койотс"и почему именно он"?',
    ]
    for name in ("muserc", "danetqa"):
        path = SHARED / "data" / name / "queries-dev.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                questions += [json.loads(line)["text"] for line in fh]
    taken = [q for q in questions if syntax_text(q) is not None and _check_quoted(q, Ranking())]
    assert len(taken) >= 7
    from searchlib._query import _Parser

    fast = {q: _outcome(lambda q=q: parse_query(q, SCHEMA)) for q in taken}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Parser, "parse_quoted", lambda self, text: None)
        for q in taken:
            assert fast[q] == _outcome(lambda q=q: parse_query(q, SCHEMA)), q


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
    from searchlib._query import _QUOTES_RE, _SYNTAX_RE, clean, syntax_text

    marked = _QUOTES_RE.sub('"', clean(text))
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
