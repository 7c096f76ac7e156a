"""Running one search on one build: the query understood once, ranked, hits with snippets.

A :class:`QueryRunner` holds what a search needs besides the index: the
schema, the ranking and the snippet length.  :meth:`QueryRunner.search`
takes a query from text to a page of :class:`~searchlib.Hit`: cleaned,
checked for syntax, corrected and parsed once (:meth:`understand`), its
wildcards, fuzzy words and ranges expanded against the build within the
search's :class:`~searchlib._budget.Budget`, ranked (see
:mod:`searchlib._rankers`), and given lazy snippets.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

import attrs
import numpy as np
from whoosh import query as wq

from searchlib._budget import Budget
from searchlib._builds import _Build
from searchlib._errors import QueryError, shown_value
from searchlib._models import KINDS, Hit, Quote, SearchResults
from searchlib._query import (
    _CHUNK_RE,
    MAX_EDITS,
    MAX_QUERY_CHARS,
    ParsedQuery,
    clean,
    has_quoted_text,
    highlight_terms,
    is_phrase,
    named_articles,
    parse_plain,
    parse_query,
    plain_chunks,
    query_words,
    speaker_terms,
    split_clauses,
    syntax_text,
    title_chunks,
    typed_spans,
    with_clauses,
)
from searchlib._rankers import RANKERS, Ranker
from searchlib._ranking import Ranking
from searchlib._snippets import Highlighter
from searchlib._spelling import Vocabulary
from searchlib.analysis import normalize_word

__all__ = ["MAX_EDITS", "QueryRunner", "well_formed"]


def well_formed(text: Any) -> Any:
    """``text`` with lone surrogates (not Unicode text: bad decoding) as U+FFFD; else as is."""
    if not isinstance(text, str):
        return text  # the caller's type check reports it
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


_DIGITS_RE = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """A key ordering ids as a reader would: `a2` before `a10`, `9` before `10`.

    (Numbers compared by their digits, not converted: an id may have thousands.)
    """
    key = []
    for i, piece in enumerate(_DIGITS_RE.split(text)):
        if i % 2:
            digits = piece.lstrip("0")
            key.append((0, len(digits), digits, piece))
        elif piece:
            key.append((1, 0, piece, ""))
    return tuple(key)


def _stored_quote(fields: dict[str, Any]) -> Quote:
    """A quote as its index document stores it (a ValueError if the fields do not fit)."""
    try:
        parts = tuple((int(start), int(end)) for start, end in fields["parts"])
        return Quote(
            id=fields["id"],
            article=fields["article"],
            paragraph=int(fields["paragraph"]),
            number=int(fields["quote"]),
            text=fields["body"],
            speaker=fields.get("speaker"),
            span=(parts[0][0], parts[-1][1]) if parts else (0, 0),
            parts=parts,
        )
    except KeyError as exc:
        raise ValueError(f"a quote has no stored field {exc}") from exc
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a quote's stored fields do not fit: {exc}") from exc


def _restore_case(typed: str, replacement: str) -> str:
    """``replacement`` for the typed word, keeping a capital the user typed."""
    if not replacement:
        return typed
    if typed[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class QueryRunner:
    """What a search needs besides the index: the schema, the ranking, the snippet length.

    Each search is ranked by the first of :data:`~searchlib._rankers.RANKERS`
    that takes its query.  Stateless between searches: one serves every
    thread of an engine.
    """

    def __init__(self, schema: Any, ranking: Ranking, snippet_chars: int) -> None:
        self._schema = schema
        self._ranking = ranking
        self._snippet_chars = snippet_chars
        self._rankers: tuple[Ranker, ...] = RANKERS

    @property
    def fast(self) -> bool:
        """Rank with numpy where it can (True), or always with Whoosh (the tests compare)."""
        return self._rankers == RANKERS

    @fast.setter
    def fast(self, fast: bool) -> None:
        self._rankers = RANKERS if fast else RANKERS[1:]

    def parse(self, query: str) -> ParsedQuery:
        """How ``query`` is understood (the Whoosh query behind ``search``)."""
        parsed = parse_query(well_formed(query), self._schema, ranking=self._ranking)
        syntax = parsed.query if parsed.syntax and parsed.query is not None else None
        for leaf in syntax.leaves() if syntax is not None else ():
            if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_EDITS:
                raise QueryError(
                    f"{leaf.text}~{leaf.maxdist}: at most {MAX_EDITS} edits are allowed"
                )
        return parsed

    def filter(self, kind: str | None, speaker: str | None, article: object) -> Any:
        """The filter of ``search``'s ``kind``, ``speaker`` and ``article`` (None: none;
        the values as the caller gave them: checked here)."""
        parts: list[Any] = []
        if kind is not None:
            if kind not in KINDS:
                raise QueryError(f"kind must be one of {', '.join(KINDS)}, not {kind!r:.100}")
            parts.append(wq.Term("kind", kind))
        if speaker is not None:
            if not isinstance(speaker, str):
                raise QueryError(f"speaker must be a string, not {type(speaker).__name__}")
            parts.extend(speaker_terms(speaker[:200]))
        if article is not None:
            if not isinstance(article, str) or not article:
                raise QueryError(f"article must be a non-empty string, not {article!r:.200}")
            parts.append(wq.Term("article", article))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def quotes(self, state: _Build, speaker: str | None, article: object) -> list[Quote]:
        """The quotes of the build ``state``, filtered as ``search(kind="quote",
        speaker=..., article=...)`` filters (arguments checked), in reading order:
        by article id (its numbers by value: `2` before `10`), paragraph, quote.

        (Not in the documents' order: an update writes its new documents before
        the segments it merges.)
        """
        wanted = self.filter("quote", speaker, article)
        arrays = state.arrays()
        admitted = arrays.mask(wanted)
        if admitted is None:  # (not met: terms and prefixes; kept for a future field)
            admitted = np.zeros(arrays.size, dtype=bool)
            admitted[sorted(state.searcher().docs_for_query(wanted))] = True
        found = [
            _stored_quote(arrays.stored(docnum))
            for docnum in np.flatnonzero(admitted & arrays.live).tolist()
        ]
        if not found and article is not None and not self._holds_article(state, article):
            raise QueryError(
                _no_article(article, "; a listing without an article shows the quoted ones")
            )
        return sorted(found, key=lambda q: (_natural(q.article), q.paragraph, q.number))

    @staticmethod
    def _holds_article(state: _Build, article: object) -> bool:
        """Does the build ``state`` hold a live document of ``article``?"""
        arrays = state.arrays()
        return bool(arrays.live[arrays.term_docs("article", article)].any())

    def search(
        self,
        state: _Build,
        query: Any,
        *,
        limit: int,
        page: int,
        kind: str | None,
        speaker: str | None,
        article: object,
        budget: Budget,
    ) -> SearchResults:
        """One page of hits for ``query`` on the build ``state`` (arguments already checked).

        The query is understood once (:meth:`understand`), its wildcards,
        fuzzy words and ranges bound to the build, then ranked and given
        snippets; ``budget`` bounds the work and says what was cut.
        """
        parsed, corrected, suggestion = self.understand(query, state.vocabulary(), budget)
        if parsed.syntax and not parsed.empty:
            arrays, reader = state.arrays(), state.searcher().reader()
            parsed = attrs.evolve(
                parsed,
                query=budget.bound(parsed.query, arrays, reader),
                filter=budget.bound(parsed.filter, arrays, reader),
            )
        filters = [f for f in (self.filter(kind, speaker, article), parsed.filter) if f is not None]
        filter_query = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)
        if parsed.empty:
            return SearchResults(
                query=query, parsed_query="", total=0, page=page, limit=limit, hits=()
            )
        # (`kind:quote` in the query asks for one kind as ``kind=`` does: not collapsed.
        # Only query syntax can say so: a plain query's Whoosh form is not made to ask.)
        collapse = (
            kind is None
            and state.manifest.counts.get("quote", 0) > 0
            and not (parsed.syntax and (_pins_kind(parsed.query) or _pins_kind(parsed.filter)))
        )
        total, hits = self._run(state, parsed, filter_query, limit, page, collapse, budget)
        if total == 0:
            # An article named that the index lacks is a mistake, not a search that found
            # nothing: as ``article=`` says, so does ``article:ID``.
            named = [article] if article is not None else []
            if parsed.syntax:
                named += named_articles(parsed)
            for wanted in named:
                if not self._holds_article(state, wanted):
                    raise QueryError(_no_article(wanted))
        return SearchResults(  # (made once: attrs.evolve of a made one cost 2 us more)
            query=query,
            parsed_query=parsed.__str__,  # (made on first use: most callers never read it)
            total=total,
            page=page,
            limit=limit,
            hits=hits,
            corrected_query=corrected,
            suggestion=suggestion,
            partial=budget.partial,
            partial_reason=budget.reason,
        )

    def understand(
        self, query: Any, vocabulary: Vocabulary, budget: Budget
    ) -> tuple[ParsedQuery, str | None, str | None]:
        """The query as it will be searched: (parsed, corrected query, suggestion).

        Query syntax is parsed as typed.  Plain words are checked once:
        a word the index knows is never changed; words typed in the wrong
        keyboard layout are replaced (the results say so: ``corrected_query``);
        unknown words also match known words within an edit or two, below
        exact matches, and the best of those make the ``suggestion``.  The
        query is cleaned and cut into words once, and parsed once.
        """
        if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
            return self.parse(query), None, None  # (which says what is wrong with it)
        reading = self._read(query)
        if reading.parsed is not None:
            return reading.parsed, None, None
        if not reading.chunks:
            return ParsedQuery(query, None, False), None, None  # nothing to search for
        corrected = None
        text = query
        if not reading.title:  # (a question with quoted titles was typed in the right layout)
            tokens = query.split()
            fixed = _layout_fixed(tokens, vocabulary, clauses=reading.clauses is not None)
            if fixed != tokens:
                corrected = text = " ".join(fixed)
                reading = self._read(text)
                if reading.parsed is not None:  # the other layout made query syntax
                    return reading.parsed, corrected, None
        chunks = reading.chunks
        corrections: dict[str, list[str]] = {}
        for _start, word in chunks:
            if budget.expired():  # (a long query of unknown words: correct no more)
                budget.out_of_time()
                break
            if is_phrase(word):
                continue  # (a quoted phrase is taken as typed)
            normal = normalize_word(word)
            if normal in corrections or not query_words(word) or vocabulary.known(normal):
                continue
            corrections[normal] = vocabulary.corrections(normal)
        corrections = {w: c for w, c in corrections.items() if c}
        parsed = parse_plain(text, chunks, ranking=self._ranking, corrections=corrections or None)
        if reading.clauses is not None:  # (filters and exclusions beside the words)
            if parsed.empty:  # (stop words beside them: the clauses alone, as parse() has it)
                return self.parse(text), corrected, None
            parsed = with_clauses(parsed, reading.clauses, self._schema, self._ranking)
        if not corrections:
            return parsed, corrected, None
        # Made on the cleaned text: a quoted phrase is taken as typed, its words stay as
        # they are (so do a filter's and an exclusion's: only the words were corrected).
        phrases = typed_spans(reading.cleaned)

        def replacement(match: re.Match[str]) -> str:
            if any(start <= match.start() < end for start, end in phrases):
                return match.group()
            fix = corrections.get(normalize_word(match.group()), [""])[0]
            return _restore_case(match.group(), vocabulary.display(fix))

        suggestion = _CHUNK_RE.sub(replacement, reading.cleaned)
        return parsed, corrected, suggestion if suggestion != reading.cleaned else None

    def _read(self, text: str) -> _Reading:
        """``text`` parsed, if it is query syntax Whoosh reads; else its plain words."""
        cleaned = clean(text)
        marked = syntax_text(cleaned)
        if marked is not None:
            chunks = title_chunks(marked, self._ranking)
            if chunks is not None:  # (with no pair of quote marks, no title: plain words)
                return _Reading(None, chunks, has_quoted_text(marked), cleaned, None)
            split = split_clauses(marked, self._ranking)
            if split is not None:
                return _Reading(None, split[0], False, cleaned, split[1])
            parsed = self.parse(text)
            if parsed.syntax:  # (unless Whoosh could not parse it: plain words then)
                return _Reading(parsed, [], False, cleaned, None)
        return _Reading(None, plain_chunks(cleaned, self._ranking), False, cleaned, None)

    def _run(
        self,
        state: _Build,
        parsed: ParsedQuery,
        filter_query: Any,
        limit: int,
        page: int,
        collapse: bool,
        budget: Budget,
    ) -> tuple[int, tuple[Hit, ...]]:
        """(total, the page's hits) of ``parsed`` on the build ``state``."""
        start, wanted = (page - 1) * limit, page * limit
        searcher = state.searcher()
        arrays = state.arrays()
        for ranker in self._rankers:
            ranked = ranker.rank(state, parsed, filter_query, wanted, collapse, budget)
            if ranked is not None:
                break
        else:  # (the last ranker takes any query)
            raise AssertionError("no ranker took the query")
        total, top, matched_quotes = ranked
        terms = highlight_terms(parsed, searcher.reader())
        highlighter = Highlighter(terms, lemma_forms=arrays.lemma_forms(terms["lemma"]))
        hits = []
        # (Records may have titles, which their quotes show: any build but a folder of
        # articles, whose paragraphs have none.)
        titled = state.manifest.source.get("kind") != "corpus"
        for docnum, score in top[start:wanted]:
            fields = arrays.stored(docnum)
            quotes = matched_quotes(docnum)
            text_value = fields.get("body", "")
            title = fields.get("title")
            if title is None and titled and fields["kind"] == "quote":
                title = arrays.record_title(fields["article"])
            hits.append(
                Hit(
                    id=fields["id"],
                    kind=fields["kind"],
                    article=fields["article"],
                    paragraph=int(fields["paragraph"]),
                    quote=fields.get("quote"),
                    speaker=fields.get("speaker"),
                    score=score,
                    text=text_value,
                    snippet=functools.partial(
                        highlighter.snippet, text_value, max_chars=self._snippet_chars
                    ),
                    matched_quotes=tuple(arrays.stored(d)["id"] for d in quotes),
                    title=title,
                )
            )
        return total, tuple(hits)


class _Reading(NamedTuple):
    """A query read once (see ``QueryRunner._read``)."""

    parsed: ParsedQuery | None  # query syntax, as Whoosh's parser took it; None: words
    chunks: list[tuple[int, str]]  # the plain words (and a title question's phrases)
    title: bool  # a title question (see :func:`~searchlib._query.title_chunks`)
    cleaned: str  # the query cleaned
    clauses: str | None  # filters and exclusions beside the words (see split_clauses)


#: Tokens of a query with clauses that are not words to switch the layout of.
_CLAUSE_TOKEN_RE = re.compile(r"[:]|^-|^(?:NOT|AND|OR)$")
_QUOTE_MARK_RE = re.compile(r'["«»„“”]')


def _layout_fixed(tokens: list[str], vocabulary: Vocabulary, *, clauses: bool) -> list[str]:
    """``tokens`` with those typed in the wrong keyboard layout read in the other; beside
    filters and exclusions (``clauses``), only the words (not `kind:quote`, `-слово`)."""
    if not clauses:
        return [vocabulary.layout_fix(t) or t for t in tokens]
    fixed = []
    quoted = False  # (inside a quoted value or phrase: `speaker:"Анна Мария Петрова"`)
    for i, token in enumerate(tokens):
        marks = len(_QUOTE_MARK_RE.findall(token))
        clause = quoted or marks or _CLAUSE_TOKEN_RE.search(token) or (i and tokens[i - 1] == "NOT")
        fixed.append(token if clause else vocabulary.layout_fix(token) or token)
        if marks % 2:
            quoted = not quoted
    return fixed


def _no_article(article: object, more: str = "") -> str:
    """The message for an article filter the index holds no article of."""
    return (
        f"no article {shown_value(article, 200)} in the index (an article's id is its file"
        f" name without .txt, or its record's id){more}"
    )


def _pins_kind(q: Any) -> bool:
    """Does query ``q`` keep one kind of document only: a ``kind:`` term or pattern, or
    its negation, that every match must meet (`kind:quote`, `слово AND kind:quote`,
    `слово NOT kind:paragraph`, `слово kind:quot*`)?  Not one in an ``OR``."""
    if q is None:
        return False
    if isinstance(q, wq.Not):
        return _kind_leaf(q.query)
    if isinstance(q, wq.AndNot):
        return _pins_kind(q.a) or _kind_leaf(q.b)
    if isinstance(q, wq.And):
        return any(_pins_kind(sub) for sub in q.subqueries)
    return _kind_leaf(q)


def _kind_leaf(q: Any) -> bool:
    return bool(q.is_leaf() and getattr(q, "fieldname", None) == "kind")
