"""Query handling: plain words vs syntax, rewriting, bad input never escapes as Whoosh errors."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import QueryError, SearchEngine
from searchlib._query import MAX_QUERY_CHARS, CoordinatedOr, parse_query
from searchlib._schema import build_schema

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
    """_tokens' cached shortcut gives exactly what each field's analyzer gives."""
    from searchlib._query import _tokens

    for field in ("text", "words", "prefix", "lemma", "title", "quote_text", "quote_lemma"):
        expected = [t.text for t in SCHEMA[field].analyzer(text, mode="query")]
        assert _tokens(SCHEMA, field, text) == expected, field
