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
import sys
from pathlib import Path
from typing import Any

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
        '"средний коридор"~99999999',
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


# -- hostile collections, records, file names and metadata (issue 15) ----------------------
#
# Whatever comes in, building or adding works or raises a SearchlibError whose message
# can be shown as it is (no lone surrogate in it): never a RecursionError, a ValueError
# from Python's integer limit, a UnicodeEncodeError or an AttributeError.

_SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())
_ANY_CHAR = st.one_of(st.characters(codec="utf-8"), _SURROGATE, st.sampled_from("#pq.0123"))
_JSON_IDS = st.one_of(
    st.text(_ANY_CHAR, max_size=8),
    st.sampled_from(["a", "a#q1", "a#q", "a#p1", "a#p2.q1", "a#1", "#q1", "a#Q1"]),
    st.integers(),
    st.none(),
    st.floats(),
)
_IDS = st.one_of(_JSON_IDS, st.integers(4000, 6000).map(lambda n: 10**n))  # too long for JSON
_HOSTILE_TEXT = st.one_of(
    _TEXT,
    st.text(_ANY_CHAR, max_size=30),
    st.integers(1, 3000).map(lambda n: "(" * n + "мир"),
)
_TITLES = st.one_of(st.text(_ANY_CHAR, max_size=10), st.integers())
_DOCUMENT = st.fixed_dictionaries({"id": _IDS, "text": _HOSTILE_TEXT}, optional={"title": _TITLES})
_JSON_DOCUMENT = st.fixed_dictionaries(
    {"id": _JSON_IDS, "text": _HOSTILE_TEXT}, optional={"title": _TITLES}
)


def _nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


_HOSTILE_LINE = st.one_of(
    # ensure_ascii: lone surrogates become "\udXXX" escapes, as a hostile file has them
    _JSON_DOCUMENT.map(lambda d: json.dumps(d, ensure_ascii=True)),
    _JSON_DOCUMENT.map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.integers(1, 5000).map(lambda n: '{"id": "d", "text": "мир", "x": ' + _nested(n) + "}"),
    st.integers(1, 3000).map(lambda n: _nested(n, '{"a": ', "}").replace("}", "1}", 1)),
    st.integers(4000, 6000).map(lambda n: '{"id": ' + "7" * n + ', "text": "мир"}'),
    st.integers(4000, 6000).map(lambda n: '{"id": "d", "text": "мир", "n": 1' + "0" * n + "}"),
    st.text(max_size=30),
)
_GOOD_LINE = st.builds(
    lambda rid, text: json.dumps({"id": rid, "text": "мир " + text}, ensure_ascii=False),
    st.one_of(st.text(st.characters(codec="utf-8"), min_size=1, max_size=6), st.integers()),
    _TEXT,
)
# Two lines in three are good records: a fair share of collections is indexed, then added to.
_HOSTILE_LINES = st.lists(st.one_of(_GOOD_LINE, _GOOD_LINE, _HOSTILE_LINE), min_size=1, max_size=4)


def _shown_as_is(error: SearchlibError) -> None:
    str(error).encode("utf-8")  # an application can show it: no lone surrogate


@settings(
    max_examples=60 * _SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=_HOSTILE_LINES, more=_HOSTILE_LINES)
@example(lines=['{"id": "d", "text": "мир", "x": ' + _nested(100_000) + "}"], more=["{}"])
@example(lines=['{"id": ' + "7" * 5000 + ', "text": "мир"}'], more=["{}"])
@example(lines=['{"id": "\\udc80", "text": "мир"}'], more=['{"id": "a", "text": "\\ud800"}'])
@example(
    lines=['{"id": "a", "text": "«Привет», — сказал Иван."}', '{"id": "a#q1", "text": "мир"}'],
    more=['{"id": "a#p1", "text": "мир"}'],
)
def test_hostile_jsonl_lines_build_add_or_raise_searchlib_errors(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], more: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("lines")
    path, extra = folder / "c.jsonl", folder / "more.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    extra.write_bytes("\n".join(more).encode("utf-8", "surrogatepass"))
    try:
        engine = SearchEngine(path, folder / "ix")
    except SearchlibError as exc:
        _shown_as_is(exc)
        assert isinstance(exc, CorpusError) and "c.jsonl" in str(exc)
        assert not (folder / "ix" / "searchlib-index.json").exists()
        return
    with engine:
        ids = [h.id for h in engine.search("мир", limit=100)]
        assert len(ids) == len(set(ids))  # no id stands for two documents
        try:
            engine.add(extra)
        except SearchlibError as exc:
            _shown_as_is(exc)


@settings(
    max_examples=40 * _SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    documents=st.lists(_DOCUMENT, min_size=1, max_size=4),
    more=st.lists(_DOCUMENT, max_size=3),
    remove=st.lists(_IDS, min_size=1, max_size=3),
)
@example(
    documents=[{"id": "a", "text": "мир \ud800"}], more=[], remove=["\ud800"]
)  # found by the attacker
def test_hostile_documents_build_add_remove_or_raise_searchlib_errors(
    tmp_path_factory: pytest.TempPathFactory,
    documents: list[dict[str, object]],
    more: list[dict[str, object]],
    remove: list[Any],
) -> None:
    folder = tmp_path_factory.mktemp("documents")
    try:
        engine = SearchEngine.from_documents(documents, folder / "ix")
    except SearchlibError as exc:
        _shown_as_is(exc)
        assert isinstance(exc, CorpusError)
        engine = SearchEngine.from_documents([{"id": "base", "text": "мир"}], folder / "ix")
    with engine:
        try:
            engine.add(more)
        except SearchlibError as exc:
            _shown_as_is(exc)
        try:
            engine.remove(*remove)
        except SearchlibError as exc:
            _shown_as_is(exc)
        assert engine.search("мир").total >= 0


def _toml_value(depth: int, kind: str) -> str:
    if kind == "array":
        return _nested(depth)
    if kind == "table":
        return "{" + "a = {" * depth + "}" * (depth + 1)
    return "1" + "0" * depth


_TOML = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            'title = "Заголовок"',
            'title = "\\ud800"',
            "title = 1979-05-27",
            'title = "x"\ntitle = "y"',
            'source = ["a", ["b"]]',
            "[title]\na = 1",
            "",
        ]
    ),
    st.builds(
        lambda depth, kind: "title = " + _toml_value(depth, kind),
        st.integers(1, 6000),
        st.sampled_from(["array", "table", "integer"]),
    ),
)
_NAME = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs file names of any bytes")
@settings(
    max_examples=40 * _SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(_NAME, min_size=1, max_size=3, unique=True),
    text=_TEXT,
    toml=st.one_of(st.none(), _TOML),
)
@example(names=["статья".encode("cp1251")], text="Мир.", toml=None)
@example(names=[b"a"], text="Мир.", toml="title = " + _nested(100_000))
@example(names=[b"a"], text="Мир.", toml="title = 1" + "0" * 5000)
def test_hostile_file_names_and_metadata_build_or_raise_searchlib_errors(
    tmp_path_factory: pytest.TempPathFactory, names: list[bytes], text: str, toml: str | None
) -> None:
    folder = tmp_path_factory.mktemp("names")
    corpus = folder / "c"
    corpus.mkdir()
    root = os.fsencode(corpus) + b"/"
    for name in names:
        with open(root + name + b".txt", "wb") as fh:
            fh.write(text.encode("utf-8", "surrogatepass"))
        if toml is not None:
            with open(root + name + b".toml", "wb") as fh:
                fh.write(toml.encode("utf-8", "surrogatepass"))
    try:
        engine = SearchEngine(corpus, folder / "ix")
    except SearchlibError as exc:
        _shown_as_is(exc)
        assert isinstance(exc, CorpusError)
        assert not (folder / "ix" / "searchlib-index.json").exists()
        return
    with engine:
        ids = {a.id for a in engine.articles}
        for article_id in ids:
            article_id.encode("utf-8")  # every stored id is Unicode text
        for word in re.findall(r"[^\W_]{3,}", text)[:2]:
            with contextlib.suppress(QueryError):
                engine.search(word)
