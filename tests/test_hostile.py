"""Input from strangers: queries and corpora from hypothesis raise nothing but searchlib errors.

Random Unicode (control characters, NUL, bidi marks, combining marks,
astral characters), unbalanced quotes and brackets, every Whoosh syntax
fragment and field name, deep nesting, huge strings, and HTML in the corpus
and in the query.  Snippets must stay HTML-safe whatever comes in.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from searchlib import CorpusError, QueryError, SearchEngine, SearchlibError
from searchlib._query import MAX_QUERY_CHARS
from searchlib._schema import build_schema
from tests.conftest import run_cli, write_article

_FIELDS = sorted(build_schema().names())
_FRAGMENTS = st.sampled_from(
    [
        *(f"{name}:" for name in _FIELDS),
        *"\"«»„“”()[]{}*?~^:\\/-+!'<>&;",
        "AND",
        "OR",
        "NOT",
        "ANDNOT",
        "ANDMAYBE",
        "TO",
        "*:*",
        "[a TO b]",
        "{1 TO}",
        '"средний коридор"~3',
        "интегр*",
        "интеграция~2",
        "коридор^5",
        "<script>alert(1)</script>",
        "<mark>",
        "&amp;",
        "\x00",
        "\x1b[31m",
        "\u202e",
        "\ufeff",
        "\u0301",
        "😀",
        "\r\n",
        "\t",
        "интеграция",
        "Лаврина",
        "ё",
        " ",
    ]
)
_QUERIES = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.lists(_FRAGMENTS, max_size=30).map("".join),
    st.lists(_FRAGMENTS, max_size=30).map(" ".join),
    st.integers(1, 300).map(lambda n: "(" * n + "интеграция" + ")" * n),
    st.integers(1, 150).map(lambda n: "(NOT " * n + "мир" + ")" * n),
    st.integers(1, 200).map(lambda n: '"' * n + "мир"),
)
_MARK = re.compile(r"</?mark>")
# SEARCHLIB_FUZZ_SCALE=10 runs ten times the examples (the README reports such a run).
_SCALE = max(1, int(os.environ.get("SEARCHLIB_FUZZ_SCALE", "1")))


def _html_safe(html: str) -> bool:
    """Only <mark> tags; every other <, > and & is escaped."""
    rest = _MARK.sub("", html)
    return (
        "<" not in rest and ">" not in rest and not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", rest)
    )


@settings(max_examples=400 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=_QUERIES,
    kind=st.sampled_from([None, "paragraph", "quote", "bogus", ""]),
    speaker=st.one_of(st.none(), st.text(max_size=20), _FRAGMENTS),
    page=st.one_of(st.integers(-2, 5), st.just(10**9)),
    limit=st.one_of(st.integers(-2, 120), st.just(10**9)),
)
def test_hostile_queries_raise_only_searchlib_errors(
    engine: SearchEngine,
    query: str,
    kind: str | None,
    speaker: str | None,
    page: int,
    limit: int,
) -> None:
    try:
        results = engine.search(query, kind=kind, speaker=speaker, page=page, limit=limit)
    except SearchlibError:
        return
    assert results.total >= len(results.hits)
    for hit in results:
        assert _html_safe(hit.snippet.html())
        assert hit.snippet.text in hit.text


@settings(max_examples=200 * _SCALE, deadline=None)
@given(prefix=_QUERIES, limit=st.integers(-1, 60))
def test_hostile_completion_and_parsing(engine: SearchEngine, prefix: str, limit: int) -> None:
    try:
        words = engine.complete(prefix, limit=limit)
    except QueryError:
        pass
    else:
        assert len(words) <= limit
    with contextlib.suppress(QueryError):
        engine.parse(prefix)


@pytest.mark.parametrize(
    "query",
    [
        "а" * (MAX_QUERY_CHARS + 1),
        "интеграция " * 10**6,  # 11 MB
        "(" * 10**5 + "мир" + ")" * 10**5,
        '"' * 10**5,
        "\x00" * 10**4,
    ],
    ids=["over-cap", "11MB", "deep-nesting", "quotes", "NULs"],
)
def test_huge_queries_are_refused(engine: SearchEngine, query: str) -> None:
    with pytest.raises(QueryError, match="too long"):
        engine.search(query)
    with pytest.raises(QueryError, match="too long"):
        engine.complete(query)


def test_the_query_cap_is_generous_for_real_queries(engine: SearchEngine) -> None:
    query = " ".join(["интеграция тюркского мира"] * (MAX_QUERY_CHARS // 26))
    assert len(query) <= MAX_QUERY_CHARS
    assert engine.search(query).total > 0


SCRIPT_ARTICLE = (
    'Эксперт написала <script>alert("x")</script> и <img src=x onerror=alert(1)> прямо в'
    " статье об интеграции & сотрудничестве.\n"
    '"Интеграция <b>важна</b> для региона", — отметила Анастасия Лаврина.\n'
)


def test_html_in_the_corpus_and_the_query_never_reaches_a_page_unescaped(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write_article(corpus, "x.txt", SCRIPT_ARTICLE)
    index = str(tmp_path / "ix")
    with SearchEngine(corpus, index) as engine:
        for query in ("<script>alert", "интеграция <b>", 'onerror=alert(1)>"', "script", "важна"):
            results = engine.search(query)
            assert results.total > 0, query
            for hit in results:
                html = hit.snippet.html()
                assert _html_safe(html), html
                assert "&lt;" in html
    out = run_cli("search", "<script>", "--corpus", str(corpus), "--index", index, "--json")
    assert out.returncode == 0
    hits = json.loads(out.stdout)["hits"]
    assert hits and all(_html_safe(hit["snippet"]) for hit in hits)


_TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        st.sampled_from(
            [
                *'«»"„“”—-–:.,!?\n\r\t\x00\ufeff ',
                "Лаврина",
                "сказала",
                " — отметила она",
                "по словам",
            ]
        ),
    ),
    max_size=60,
).map("".join)


@settings(
    max_examples=40 * _SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=_TEXT)
@example(text="\U00017000А")  # pymorphy3 cannot name this letter: found by a 10x fuzz run
def test_hostile_articles_index_or_raise_corpus_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "c"
    write_article(corpus, "a.txt", text.encode("utf-8", "surrogatepass"))
    try:
        engine = SearchEngine(corpus, folder / "ix")
    except CorpusError:
        assert not (folder / "ix" / "searchlib-index.json").exists()  # nothing half-indexed
        return
    with engine:
        for word in re.findall(r"[^\W_]{3,}", text)[:3]:
            with contextlib.suppress(QueryError):
                engine.search(word)
        for article in engine.articles:
            for paragraph in article.paragraphs:
                for quote in paragraph.quotes:
                    assert quote.text in paragraph.text


_RECORD = st.one_of(
    st.fixed_dictionaries({"id": st.text(max_size=10), "text": _TEXT}),
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.text(max_size=5), st.integers(), st.none()),
            "text": st.one_of(_TEXT, st.integers(), st.none()),
        },
        optional={"title": st.one_of(st.text(max_size=20), st.lists(st.integers()))},
    ),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.lists(st.integers(), max_size=2),
)
_LINES = st.lists(
    st.one_of(_RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)), st.text(max_size=30)),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40 * _SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(lines=_LINES)
def test_hostile_jsonl_indexes_or_raises_corpus_error(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "c.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    try:
        engine = SearchEngine(path, folder / "ix")
    except CorpusError as exc:
        assert "c.jsonl" in str(exc)
        assert not (folder / "ix" / "searchlib-index.json").exists()
        return
    with engine:
        assert engine.info().paragraphs >= 1
