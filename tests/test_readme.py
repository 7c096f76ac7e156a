"""The README's query examples do what it says on the bundled article (issue 15, item 12)."""

from __future__ import annotations

import re

import pytest

from searchlib import SearchEngine
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")

# (as written in the README, the query, what the README promises)
SEARCHES = [
    ("`интеграц*`", "интеграц*", None),
    ("`инт*ции`", "инт*ции", None),
    ("`Карабахкой~`", "Карабахкой~", None),
    ("`byntuhfwbz`", "byntuhfwbz", "интеграция"),
    ("``vjkjl`;m``", "vjkjl`;m", "молодёжь"),
    ("`«средний коридор»`", "«средний коридор»", None),
    ("`speaker:Лаврина`", "speaker:Лаврина", None),
]


@pytest.mark.parametrize(("written", "query", "corrected"), SEARCHES)
def test_readme_query_examples_find_something_on_the_bundled_article(
    engine: SearchEngine, written: str, query: str, corrected: str | None
) -> None:
    assert written in README
    results = engine.search(query)
    assert results.total > 0, query
    assert results.corrected_query == corrected


def test_readme_completion_example_completes_on_the_bundled_article(engine: SearchEngine) -> None:
    assert "(`тюр` → `тюркского`, `тюркские`…)" in README
    assert engine.complete("тюр")[:2] == ["тюркского", "тюркские"]


def test_readme_has_no_examples_that_find_nothing_on_the_bundled_article() -> None:
    for dead in ("`ghbdtn`", "`моск`", "`инт*ция`", "`vjkjl`;m`"):
        # (As a code span of its own: ``vjkjl`;m`` holds the broken one.)
        assert re.search(f"(?<!`){re.escape(dead)}(?!`)", README) is None, dead
