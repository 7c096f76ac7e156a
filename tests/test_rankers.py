"""The two rankers behind one interface: numpy over the arrays, and Whoosh's own matchers."""

from __future__ import annotations

import pytest

import searchlib
from searchlib._budget import Budget
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
    return ranker.rank(state, parsed, None, 20, collapse, Budget(None, 100))  # type: ignore[attr-defined]


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


@pytest.mark.parametrize("text", ["молодёжь NOT kind:paragraph", "интегр* NOT kind:paragraph"])
def test_whooshs_matchers_exclude_the_first_match_too(
    engine: searchlib.SearchEngine, text: str
) -> None:
    """The first paragraph that matches is excluded although `kind:paragraph`'s postings
    start before it (Whoosh's AndNot kept it: whoosh-community/whoosh#419)."""
    total, top, _ = _ranked(engine, WhooshRanker(), text, False)  # type: ignore[misc]
    stored = engine._current().arrays().stored
    assert total == len(top) > 0 and {stored(d)["kind"] for d, _ in top} == {"quote"}
