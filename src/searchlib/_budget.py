"""Bounded work per search: a time budget, and wildcards, fuzzy words and ranges capped.

A query such as `*а* *о* *е*` or `text:[а TO я]` matches most words of an
index; Whoosh expands each into every matching term and scores them all,
which took tens of seconds on 2,771 paragraphs.  Here each such term is
expanded once, against the build being searched, to at most
``max_expansions`` index terms (the most frequent; for a fuzzy word the
closest, then the most frequent), as Lucene's ``maxExpansions`` does; and a
search stops collecting when its time budget runs out.  Either way the
results are kept and marked partial, never turned into an error.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import collectors, matching
from whoosh import query as wq

from searchlib._fastsearch import _key
from searchlib._spelling import edit_distance

if TYPE_CHECKING:
    from searchlib._codec import SegmentTerms
    from searchlib._fastsearch import ArrayIndex

__all__ = ["DEFAULT_MAX_EXPANSIONS", "DEFAULT_TIMEOUT", "Budget", "DeadlineCollector"]

#: Seconds a search may spend before it stops and returns what it has found.
DEFAULT_TIMEOUT = 0.5
#: Index terms a wildcard, prefix, fuzzy word or range stands for, at most.
DEFAULT_MAX_EXPANSIONS = 100
_CHECK_EVERY = 256  # documents collected between two looks at the clock


class Budget:
    """What one search may spend, and what it had to leave out (one per search)."""

    def __init__(self, timeout: float | None, max_expansions: int) -> None:
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.timeout = timeout
        self.max_expansions = max_expansions
        self.reasons: list[str] = []
        #: Did the time run out (not only a wildcard's words cut)?
        self.timed_out = False

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def cut(self, reason: str) -> None:
        """Record that the results leave something out, and why."""
        if reason not in self.reasons:
            self.reasons.append(reason)

    def out_of_time(self) -> None:
        self.timed_out = True
        self.cut(f"the search ran out of its time budget ({self.timeout:g} s)")

    @property
    def partial(self) -> bool:
        return bool(self.reasons)

    @property
    def reason(self) -> str | None:
        return "; ".join(self.reasons) or None

    def bound(self, q: Any, arrays: ArrayIndex, reader: Any, *, excluded: bool = False) -> Any:
        """``q`` with every wildcard, prefix, fuzzy word and range expanded (capped), and its
        phrases matched over the arrays when Whoosh's matchers ask (``excluded``: what
        ``q`` matches is excluded, inside a ``NOT``)."""
        if q is None:
            return None
        if type(q) is wq.Every and q.fieldname is not None:
            # `*` (every document with a word): Whoosh unions the postings of every term
            # of the field, 2 s on 2,771 paragraphs; every document holds words.
            return wq.Every(boost=q.boost)
        if isinstance(q, wq.MultiTerm) and not isinstance(q, Expanded):
            return self._expand(q, arrays, reader)
        if type(q) is wq.Phrase and _positional(reader, q.fieldname):
            return MatchedPhrase(q, arrays, self, excluded=excluded)
        if q.is_leaf():
            return q
        if isinstance(q, wq.Not):
            return q.apply(lambda sub: self.bound(sub, arrays, reader, excluded=not excluded))
        if isinstance(q, wq.AndNot):
            bound = wq.AndNot(
                self.bound(q.a, arrays, reader, excluded=excluded),
                self.bound(q.b, arrays, reader, excluded=not excluded),
            )
            bound.boost = q.boost
            return bound
        return q.apply(lambda sub: self.bound(sub, arrays, reader, excluded=excluded))

    def _expand(self, q: Any, arrays: ArrayIndex, reader: Any) -> Any:
        if self.expired():
            self.out_of_time()
            return Expanded(q, [], arrays)
        field, limit = q.fieldname, self.max_expansions
        cut = False
        if isinstance(q, wq.Prefix):
            key = _key(q.text)
            terms, cut = arrays.expansions(
                field, lambda t: np.arange(*t.prefix_range(field, key), dtype=np.int64), limit
            )
        elif type(q) is wq.Wildcard and "?" not in q.text:
            pattern = _key(q.text)
            terms, cut = arrays.expansions(field, lambda t: t.glob(field, pattern), limit)
        elif type(q) is wq.TermRange:
            low = None if q.start in ("", None) else _key(q.start)
            high = None if q.end in ("\uffff", None) else _key(q.end)

            def select(t: SegmentTerms) -> np.ndarray:
                first, end = t.term_range(
                    field, low, high, low_open=q.startexcl, high_open=q.endexcl
                )
                return np.arange(first, end, dtype=np.int64)

            terms, cut = arrays.expansions(field, select, limit)
        elif type(q) is wq.FuzzyTerm:
            terms, cut = self._fuzzy(q, arrays)
        else:  # another kind of term set: Whoosh's own expansion, cut at the limit
            found = list(itertools.islice(q._btexts(reader), limit + 1))
            terms, cut = found[:limit], len(found) > limit
        if cut:
            self.cut(
                f"{q} matches more than {limit} index words:"
                f" the {limit} most frequent were searched"
            )
        return Expanded(q, terms, arrays)

    def _fuzzy(self, q: Any, arrays: ArrayIndex) -> tuple[list[bytes], bool]:
        """Terms within the fuzzy word's edits: the closest first, then the most frequent."""
        text = q.text if isinstance(q.text, str) else q.text.decode("utf-8")
        found = arrays.terms_within(q.fieldname, text, q.maxdist, q.prefixlength)
        ranked = sorted(
            found,
            key=lambda w: (edit_distance(text, w), -arrays.doc_frequency(q.fieldname, w), w),
        )
        kept = ranked[: self.max_expansions]
        return sorted(w.encode("utf-8") for w in kept), len(found) > len(kept)

    def docs(self, docs: Iterator[int]) -> Iterator[int]:
        """``docs``, stopped (and the search marked partial) when the time runs out."""
        for count, docnum in enumerate(docs, start=1):
            if not count % _CHECK_EVERY and self.expired():
                self.out_of_time()
                return
            yield docnum


class Expanded(wq.MultiTerm):  # type: ignore[misc]  # (Whoosh is untyped)
    """A wildcard, prefix, fuzzy word or range, already expanded to a fixed list of terms.

    It is shown, compared and highlighted as the original.  Its matcher
    serves documents and scores computed at once with numpy from the
    build's arrays (the sum of the terms' BM25F scores, times the boost, as
    Whoosh's union of term matchers gives them), not a binary tree of a
    hundred term matchers stepped one document at a time in Python.
    """

    def __init__(self, original: Any, terms: list[bytes], arrays: ArrayIndex) -> None:
        self.original = original
        self.fieldname = original.fieldname
        self.text = getattr(original, "text", "")
        self.boost = original.boost
        self.constantscore = getattr(original, "constantscore", False)
        self.terms = tuple(terms)
        self._arrays = arrays
        self._scored: tuple[np.ndarray, np.ndarray] | None = None
        #: The only documents wanted (a search's filter, as a mask over the build), or None:
        #: its matcher then serves only those (see ``WhooshRanker``).
        self.within: np.ndarray | None = None

    def _btexts(self, ixreader: Any) -> Iterator[bytes]:
        return iter(self.terms)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self._scored is None:  # (for the whole build, once: each segment takes its part)
            self._scored = self._arrays.union(self.fieldname, self.terms)
        return _segment_matcher(searcher, *self._scored, self.within, self.boost)

    def __str__(self) -> str:
        return str(self.original)

    def __repr__(self) -> str:
        return f"Expanded({self.original!r}, {len(self.terms)} terms)"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Expanded)
            and self.original == other.original
            and self.terms == other.terms
        )

    def __hash__(self) -> int:
        return hash((self.original, self.terms))

    def normalize(self) -> Any:
        return self

    def simplify(self, ixreader: Any) -> Any:
        return self

    def estimate_size(self, ixreader: Any) -> int:
        return sum(ixreader.doc_frequency(self.fieldname, t) for t in self.terms)


def _positional(reader: Any, fieldname: str) -> bool:
    """Does the schema keep positions for ``fieldname`` (a phrase in a field that does not
    is left to Whoosh, which says so)?"""
    schema = reader.schema
    return fieldname in schema and bool(schema[fieldname].format.supports("positions"))


class MatchedPhrase(wq.Phrase):  # type: ignore[misc]  # (Whoosh is untyped)
    """A phrase matched over the build's arrays, within the search's time budget, when
    Whoosh's matchers ask for it.

    Whoosh's own phrase matcher steps through spans in Python with no look at
    the clock: excluded (`-"слово слово слово слово слово"`) over 4,000
    documents of one word repeated, it took 28 s.  This one serves the
    documents and scores :meth:`ArrayIndex.phrase_matches` finds (Whoosh's
    scores, to rounding), once, on the first ask (the arrays' ranking may
    take the query itself and never ask), and is shown, compared and
    highlighted as the phrase it was made from.  Stopped at the deadline, an
    ``excluded`` one (inside a ``NOT``) serves every document: what it
    would have excluded is not known, and the results keep too few rather
    than documents it excludes.
    """

    def __init__(
        self, original: Any, arrays: ArrayIndex, budget: Budget, *, excluded: bool = False
    ) -> None:
        super().__init__(
            original.fieldname,
            original.words,
            slop=original.slop,
            boost=original.boost,
            char_ranges=original.char_ranges,
        )
        self._arrays, self._budget, self._excluded = arrays, budget, excluded
        self._matched: tuple[np.ndarray, np.ndarray] | None = None

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self._matched is None:  # (for the whole build, once: each segment takes its part)
            docs, scores = self._arrays.phrase_matches(self, self._budget)
            if self._excluded and self._budget.timed_out:
                docs = np.flatnonzero(self._arrays.live).astype(np.int64)
                scores = np.ones(len(docs), dtype=np.float64)
            self._matched = docs, scores  # (scores before the boost)
        return _segment_matcher(searcher, *self._matched, None, self.boost)

    def normalize(self) -> Any:
        return self  # (its documents are found: made again, it would lose them)

    def simplify(self, ixreader: Any) -> Any:
        return self

    def replace(self, fieldname: str, oldtext: Any, newtext: Any) -> Any:
        return self


def _segment_matcher(
    searcher: Any, docs: np.ndarray, scores: np.ndarray, within: np.ndarray | None, boost: float
) -> Any:
    """A matcher of the build's ``docs`` (ascending) and ``scores`` (times ``boost``) that
    fall in ``searcher``'s segment (all of them for the build's one searcher), only those
    ``within`` allows."""
    if within is not None:
        keep = within[docs]
        docs, scores = docs[keep], scores[keep]
    offset = 0
    parent = searcher.parent() if searcher.parent is not None else None
    if parent is not None:
        offset = parent._offset_for_subsearcher(searcher) or 0
    first, end = np.searchsorted(docs, [offset, offset + searcher.doc_count_all()]).tolist()
    if first >= end:
        return matching.NullMatcher()
    weights = scores[first:end] * boost
    return _Scored((docs[first:end] - offset).tolist(), weights.tolist(), float(weights.max()))


class _Scored(matching.ListMatcher):  # type: ignore[misc]
    """Whoosh's list matcher with its best score known (its own takes a max of the list
    at every call, which a union of matchers makes for every document: quadratic)."""

    def __init__(self, ids: list[int], weights: list[float], best: float) -> None:
        super().__init__(ids, weights=weights)
        self._best = best

    def copy(self) -> _Scored:
        copied = _Scored(self._ids, self._weights, self._best)
        copied._i = self._i
        return copied

    def max_quality(self) -> float:
        return self._best

    def block_max_weight(self) -> float:
        return self._best


class DeadlineCollector(collectors.WrappingCollector):  # type: ignore[misc]
    """Collects as ``child`` does until the budget's time runs out, then stops.

    What was collected stays: ``results()`` are the best documents found so
    far (Whoosh's ``TimeLimitCollector`` does the same with a timer thread
    and SIGALRM, neither of which a library may use inside someone's server).
    Put it inside a ``FilterCollector``, which filters in its own loop.  The
    total is ``collected``, never Whoosh's ``count()``: the child collects every
    match (see ``WhooshRanker``) unless the time runs out.
    """

    def __init__(self, child: Any, budget: Budget) -> None:
        self.child = child
        self.budget = budget
        #: Documents collected (past any filter around this collector).
        self.collected = 0

    def matches(self) -> Iterator[int]:
        return self.budget.docs(self.child.matches())

    def collect(self, sub_docnum: int) -> Any:
        self.collected += 1
        return self.child.collect(sub_docnum)
