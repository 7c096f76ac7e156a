"""The two rankers behind one interface: numpy over the arrays, and Whoosh's own matchers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

import searchlib
import searchlib._rankers as rankers_module
from searchlib._budget import Budget
from searchlib._query import WordOr, parse_query
from searchlib._rankers import RANKERS, ArrayRanker, WhooshRanker

QUERIES = [
    "интеграция тюркского мира",
    "молодёжь регион",
    '"средний коридор"',
    "Лаврина",
    "молодёжь -регион",
    "интеграция NOT (Казахстан OR kind:quote)",
]


def _ranked(engine: searchlib.SearchEngine, ranker: object, text: str, collapse: bool) -> object:
    state = engine._current()
    parsed, _, _ = engine._queries.understand(text, state.vocabulary(), Budget(None, 100))
    return ranker.rank(state, parsed, parsed.filter, 20, collapse, Budget(None, 100))  # type: ignore[attr-defined]


@pytest.mark.parametrize("collapse", [True, False], ids=["collapsed", "every-document"])
@pytest.mark.parametrize("text", QUERIES)
def test_both_rankers_agree_on_plain_words_phrases_and_exclusions(
    engine: searchlib.SearchEngine, text: str, collapse: bool
) -> None:
    fast = _ranked(engine, ArrayRanker(), text, collapse)
    slow = _ranked(engine, WhooshRanker(), text, collapse)
    assert fast is not None and slow is not None
    (fast_total, fast_top, fast_quotes), (slow_total, slow_top, slow_quotes) = fast, slow  # type: ignore[misc]
    assert fast_total == slow_total > 0
    assert [d for d, _ in fast_top] == [d for d, _ in slow_top]
    assert [s for _, s in fast_top] == pytest.approx([s for _, s in slow_top], rel=1e-6)
    assert [sorted(fast_quotes(d)) for d, _ in fast_top] == [
        sorted(slow_quotes(d)) for d, _ in slow_top
    ]


def test_the_array_ranker_declines_what_it_cannot_score_and_whoosh_takes_it(
    engine: searchlib.SearchEngine,
) -> None:
    assert _ranked(engine, ArrayRanker(), "интегр* NOT Казахстан", True) is None
    total, top, _ = _ranked(engine, WhooshRanker(), "интегр* NOT Казахстан", True)  # type: ignore[misc]
    assert total == len(top) > 0
    assert isinstance(RANKERS[0], ArrayRanker) and isinstance(RANKERS[-1], WhooshRanker)


@pytest.mark.parametrize(
    "text", ["(молодёжь OR регион) NOT kind:paragraph", "интегр* NOT kind:paragraph"]
)
def test_whooshs_matchers_exclude_the_first_match_too(
    engine: searchlib.SearchEngine, text: str
) -> None:
    """The first paragraph that matches is excluded although `kind:paragraph`'s postings
    start before it (Whoosh's AndNot kept it: whoosh-community/whoosh#419)."""
    total, top, _ = _ranked(engine, WhooshRanker(), text, False)  # type: ignore[misc]
    stored = engine._current().arrays().stored
    assert total == len(top) > 0 and {stored(d)["kind"] for d, _ in top} == {"quote"}


_CLAUSES = [
    "интеграция",
    "молодёжь",
    "Казахстан",
    "Баку",
    "Лаврина",
    "kind:quote",
    "kind:paragraph",
]
_CLAUSE = st.tuples(st.sampled_from(["", "", "-", "NOT "]), st.sampled_from(_CLAUSES)).map("".join)
_GROUPED = st.one_of(
    _CLAUSE, st.lists(_CLAUSE, min_size=1, max_size=3).map(lambda c: "(" + " ".join(c) + ")")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_GROUPED, st.sampled_from(["AND", "OR"])), min_size=1, max_size=6))
def test_boolean_queries_match_what_their_sets_say(
    engine: searchlib.SearchEngine, parts: list[str]
) -> None:
    """Whoosh's matchers over the codec give each parsed query exactly the documents that
    set algebra over its clauses' documents gives (Whoosh's AndNot did not)."""
    searcher = engine._current().searcher()
    everything = set(range(searcher.doc_count_all()))

    def documents(q: Any) -> set[int]:
        if isinstance(q, wq.Not):
            return everything - documents(q.query)
        if isinstance(q, wq.AndNot):
            return documents(q.a) - documents(q.b)
        if isinstance(q, wq.And):
            return everything.intersection(*(documents(sub) for sub in q.subqueries))
        if isinstance(q, wq.Or | WordOr):
            return set().union(*(documents(sub) for sub in q.subqueries))
        return set(searcher.docs_for_query(q))  # a term or phrase: its postings

    try:
        parsed = parse_query(" ".join(parts), searcher.schema)
    except searchlib.QueryError:
        return  # (`kind:quote AND` and the like)
    if parsed.query is None:
        return
    q = parsed.query if parsed.filter is None else wq.And([parsed.query, parsed.filter])
    assert set(searcher.docs_for_query(q)) == documents(q)


FILTERED = ["интегр* молод*", "*ция", "мир~ инт*", "text:[а TO м] регион", "рег* -Казахстан*"]


@pytest.mark.parametrize("text", FILTERED)
def test_a_filter_narrows_wildcards_to_its_documents_with_the_same_results(
    engine: searchlib.SearchEngine, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A speaker, article or kind filter narrows expanded wildcards' matchers to its
    documents (Whoosh stepped through every match to drop most): the same hits, scores
    and totals as without that narrowing."""
    filters: list[dict[str, Any]] = [
        {"speaker": "Лаврина"},
        {"article": "otg-summit-baku"},
        {"kind": "quote"},
    ]

    def results() -> list[object]:
        found = []
        for options in filters:
            got = engine.search(text, limit=50, **options)
            found.append((got.total, [(h.id, round(h.score, 9)) for h in got.hits]))
        return found

    narrowed = results()
    monkeypatch.setattr(rankers_module, "Expanded", type("NotExpanded", (), {}))
    assert narrowed == results()
