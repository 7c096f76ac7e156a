"""Rankers: the best hits of a parsed query on one build, two ways behind one interface.

:class:`ArrayRanker` scores plain words, phrases and their alternatives over
the build's arrays with numpy (every plain-word query, and most query
syntax, less what a ``NOT`` of words or filters excludes); :class:`WhooshRanker`
runs Whoosh's own matchers and collectors, for any query (wildcards, ranges,
other NOTs...).  Both return a
:data:`~searchlib._fastsearch.Ranked`: (total hits, [(document, score)] best
first with ties by document number, the matched quotes of a hit), and
collapse a paragraph and its quotes into one hit the same way.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from whoosh import collectors
from whoosh import query as wq
from whoosh.collectors import FilterCollector

from searchlib._budget import Budget, DeadlineCollector, Expanded
from searchlib._builds import _Build
from searchlib._codec import sorted_unique
from searchlib._fastsearch import Ranked, supported
from searchlib._query import ParsedQuery

__all__ = ["RANKERS", "ArrayRanker", "Ranker", "WhooshRanker"]


class Ranker(Protocol):
    def rank(
        self,
        state: _Build,
        parsed: ParsedQuery,
        filter_query: Any,
        wanted: int,
        collapse: bool,
        budget: Budget,
    ) -> Ranked | None:
        """The best ``wanted`` hits of ``parsed`` within ``filter_query``; None: not this query.

        With ``collapse``, a paragraph and its quotes count as one hit.
        """


class ArrayRanker:
    """Ranking over the build's arrays with numpy (:class:`~searchlib._fastsearch.ArrayIndex`)."""

    def rank(
        self,
        state: _Build,
        parsed: ParsedQuery,
        filter_query: Any,
        wanted: int,
        collapse: bool,
        budget: Budget,
    ) -> Ranked | None:
        query = parsed.plan if parsed.plan is not None else parsed.query
        excluded = None
        if isinstance(query, wq.AndNot) and supported(query.a):  # (`слово -другое`)
            excluded = state.arrays().mask(query.b)
            if excluded is not None:  # (else Whoosh's matchers take it all)
                query = query.a
        if not supported(query):
            return None
        arrays = state.arrays()
        allowed = None
        if filter_query is not None:
            allowed = arrays.mask(filter_query)
            if allowed is None:  # (a filter the arrays cannot read: Whoosh finds its documents)
                allowed = np.zeros(arrays.size, dtype=bool)
                found = state.searcher().docs_for_query(filter_query)
                allowed[list(budget.docs(found))] = True
        if excluded is not None:
            allowed = ~excluded if allowed is None else allowed & ~excluded
        return arrays.rank(query, allowed, wanted, collapse, budget)


class WhooshRanker:
    """Ranking with Whoosh's own matchers and collectors: any query."""

    def rank(
        self,
        state: _Build,
        parsed: ParsedQuery,
        filter_query: Any,
        wanted: int,
        collapse: bool,
        budget: Budget,
    ) -> Ranked:
        """The best hits by Whoosh's scoring of ``parsed.query``.

        Hits come best first, ties by document number (Whoosh's order, and the
        fast path's).  Collapsing a quote into its paragraph's hit is done here,
        not by Whoosh: its ``collapse=`` is skipped when a filter is given.
        Collecting stops when the budget's time runs out (the best found so
        far are kept).
        """
        searcher, arrays = state.searcher(), state.arrays()
        allowed = None if filter_query is None else arrays.mask(filter_query)
        if allowed is not None:
            # A filter the arrays read (a speaker, an article, a kind) also narrows the
            # wildcards' and ranges' matchers to its documents: Whoosh then steps through
            # those alone, not through every match to drop most (`а* б* … я*` with a
            # speaker found nothing in its 0.5 s at 104,253 paragraphs).  Any query's
            # matches within the filter stay the same, with the same scores.
            for leaf in parsed.query.leaves():
                if isinstance(leaf, Expanded):
                    leaf.within = allowed

        def search(limit: int) -> tuple[Any, int]:
            """Whoosh's results for the best ``limit``, and the total (of those found)."""
            # Every match is collected: Whoosh's pruning of what cannot beat the best held
            # (its matchers' replace(minscore), block quality) trusts its union matchers'
            # best possible score, which is wrong once some of them are spent: `(… OR дом*)
            # AND кот` lost hits of the best 3 it found among the best 100, and its count
            # skipped the pruned (`("слово слово" OR конец29*) AND слово`: 50 of 300).  The
            # time budget bounds the collecting instead.
            top = collectors.TopCollector(limit=limit, usequality=False, replace=0)
            deadline = DeadlineCollector(top, budget)
            collector = deadline
            if filter_query is not None:
                collector = FilterCollector(deadline, filter_query)
            searcher.search_with_collector(parsed.query, collector)
            return collector.results(), deadline.collected

        if not collapse:
            results, total = search(wanted)
            top = [
                (results.docnum(r), float(results.score(r))) for r in range(results.scored_length())
            ]
            return total, top, lambda docnum: []
        groups = arrays.groups()
        limit = wanted
        while True:
            results, _collected = search(limit)  # (counted below)
            scored = results.scored_length()
            seen: set[int] = set()
            top = []
            for r in range(scored):
                docnum = results.docnum(r)
                group = int(groups[docnum])
                if group not in seen:
                    seen.add(group)
                    top.append((docnum, float(results.score(r))))
            if len(top) >= wanted or scored < limit or budget.expired():
                break
            limit *= 4  # quotes took places: look further down
        matching = _matching(
            state, parsed.query, allowed, filter_query, budget, [d for d, _ in top]
        )
        quotes = arrays.quotes()

        def matched_quotes(docnum: int) -> list[int]:
            same = matching[groups[matching] == groups[docnum]]
            return [int(d) for d in same if quotes[d]]

        return len(sorted_unique(groups[matching])), top[:wanted], matched_quotes


def _matching(
    state: _Build,
    query: Any,
    allowed: np.ndarray | None,
    filter_query: Any,
    budget: Budget,
    shown: list[int],
) -> np.ndarray:
    """The documents matching ``query`` within ``filter_query`` (``allowed``: its mask, where
    the arrays read it), sorted: for the total and the matched quotes of the ``shown``
    hits, counted while the budget's time lasts.

    The filter is applied to the query's documents as a mask: Whoosh's ``And`` of the
    two yields only the few documents both hold and skips through the others between
    two looks at the clock (0.7 s past a spent budget for 28 prefixes and a speaker, at
    20,000 paragraphs).  When the time is spent, what was counted and the shown hits are.
    """
    shown_docs = np.array(sorted(shown), dtype=np.int64)
    searcher = state.searcher()
    found = np.fromiter(budget.docs(searcher.docs_for_query(query)), dtype=np.int64)
    if filter_query is not None and len(found):
        if allowed is None:  # (a filter the arrays cannot read: Whoosh finds its documents)
            allowed = np.zeros(state.arrays().size, dtype=bool)
            allowed[list(budget.docs(searcher.docs_for_query(filter_query)))] = True
        found = found[allowed[found]]
    if budget.partial:
        found = np.concatenate([found, shown_docs])
    return sorted_unique(found)


#: The rankers a search tries, in order: the first that takes the query ranks it.
RANKERS: tuple[Ranker, ...] = (ArrayRanker(), WhooshRanker())
