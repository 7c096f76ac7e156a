"""The query layer: a user's query string -> a Whoosh query, and the terms to highlight.

Two kinds of input:

* Plain words, the usual case (`Какова роль молодёжи в интеграции?`): every
  word is analysed like the text (stems, ``ё``, stop words), a hyphenated
  word becomes a phrase of its parts, and the words are OR'ed with a
  coordination factor: a document needs one of them, and documents that
  match more of them rank first.  Punctuation, ``?`` included, is ignored.
* Query syntax, recognised by its operators: ``"фраза"`` (also «…»),
  ``AND`` / ``OR`` / ``NOT``, ``field:value`` (``speaker:``, ``kind:``,
  ``article:``, ``paragraph:``, ``title:``, ``text:``), ``слово*``,
  ``слово~`` (typos), ``слово^2``, parentheses.  Plain words inside it are
  OR'ed like above.  ``?`` is never a wildcard: questions end with it.

Prefix, wildcard and fuzzy terms run against the ``words`` field (whole,
normalised words), because stems cannot be matched by prefix or by edit
distance.  Nothing here raises Whoosh's exceptions: a query Whoosh cannot
parse is searched as plain words, and a field value that cannot be right
(`paragraph:abc`) raises :class:`~searchlib.QueryError`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.matching import Matcher

from searchlib._errors import QueryError
from searchlib.analysis import normalize_word

__all__ = [
    "COORDINATION",
    "MAX_QUERY_CHARS",
    "CoordinatedOr",
    "ParsedQuery",
    "highlight_terms",
    "parse_query",
]

#: Longer query strings are refused with a QueryError.
MAX_QUERY_CHARS = 1000
#: Exponent of the coordination factor ``(matched / query words) ** COORDINATION``.
COORDINATION = 1.0

_FIELDS = ("text", "title", "speaker", "kind", "article", "paragraph", "id")
_QUOTES_RE = re.compile("[«»„“”]")
_SYNTAX_RE = re.compile(
    r'"|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|(?<![\w])(?:' + "|".join(_FIELDS) + r"):(?=\S)"
    r"|\w\*|\*\w|\w~|\^\d|[()]"
)
_JOINERS = "-\u2010\u2011'\u2019\u02bc."
_CHUNK_RE = re.compile(rf"[^\W_]+(?:[{re.escape(_JOINERS)}\u0300-\u036f\u00ad][^\W_]+)*")


class _CoordMatcher(Matcher):
    """Union of per-word matchers; score = sum of their scores x coordination factor."""

    def __init__(
        self, children: list[Any], total: int, exponent: float, boost: float = 1.0
    ) -> None:
        self._children = children
        self._total = total
        self._exponent = exponent
        self._boost = boost

    def _active(self) -> list[Any]:
        return [c for c in self._children if c.is_active()]

    def is_active(self) -> bool:
        return any(c.is_active() for c in self._children)

    def reset(self) -> None:
        for c in self._children:
            c.reset()

    def children(self) -> Iterator[Any]:
        return iter(self._children)

    def is_leaf(self) -> bool:
        return False

    def copy(self) -> _CoordMatcher:
        return _CoordMatcher(
            [c.copy() for c in self._children], self._total, self._exponent, self._boost
        )

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self._children), default=0)

    def supports_block_quality(self) -> bool:
        return False

    def supports(self, astype: str) -> bool:
        return False

    def id(self) -> int:
        return int(min(c.id() for c in self._children if c.is_active()))

    def next(self) -> bool:
        current = self.id()
        for c in self._children:
            if c.is_active() and c.id() == current:
                c.next()
        return False

    def skip_to(self, target: int) -> None:
        for c in self._children:
            if c.is_active() and c.id() < target:
                c.skip_to(target)

    def weight(self) -> float:
        current = self.id()
        return float(sum(c.weight() for c in self._children if c.is_active() and c.id() == current))

    def factor(self, matched: int) -> float:
        return float((matched / self._total) ** self._exponent) if self._total else 1.0

    def score(self) -> float:
        current = self.id()
        total = 0.0
        matched = 0
        for c in self._children:
            if c.is_active() and c.id() == current:
                total += c.score()
                matched += 1
        return total * self.factor(matched) * self._boost

    def max_quality(self) -> float:
        return float(sum(c.max_quality() for c in self._active())) * self._boost

    def block_quality(self) -> float:
        return self.max_quality()


class CoordinatedOr(query.Or):
    """``Or`` whose score favours documents matching more of its subqueries.

    Each subquery is one query word (or phrase); a document's BM25F score is
    multiplied by ``(matched / len(subqueries)) ** exponent``.
    """

    JOINT = " OR "

    def __init__(
        self, subqueries: list[Any], boost: float = 1.0, exponent: float = COORDINATION
    ) -> None:
        super().__init__(subqueries, boost=boost)
        self.exponent = exponent

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and getattr(other, "exponent", None) == self.exponent

    __hash__ = query.Or.__hash__

    def apply(self, fn: Any) -> CoordinatedOr:
        return CoordinatedOr([fn(q) for q in self.subqueries], self.boost, self.exponent)

    def normalize(self) -> Any:
        subqueries = [q.normalize() for q in self.subqueries]
        subqueries = [q for q in dict.fromkeys(subqueries) if q is not query.NullQuery]
        if not subqueries:
            return query.NullQuery
        if len(subqueries) == 1:
            return subqueries[0]
        return CoordinatedOr(subqueries, self.boost, self.exponent)

    def simplify(self, ixreader: Any) -> Any:
        return CoordinatedOr(
            [q.simplify(ixreader) for q in self.subqueries], self.boost, self.exponent
        )

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        children = [q.matcher(searcher, context) for q in subs]
        return _CoordMatcher(children, len(subs), self.exponent, self.boost)


# --- Parsing ----------------------------------------------------------------------


class _NoQuestionMarkWildcards(qparser.WildcardPlugin):
    """Only ``*`` is a wildcard; ``?`` ends questions."""

    qmarks = ""
    expr = r"(?P<text>[*])"


@attrs.frozen
class ParsedQuery:
    """A user's query as searchlib understood it.

    ``query`` scores documents (None: nothing to search for); ``filter``, when
    not None, restricts them without scoring (`kind:quote` in a query).
    """

    text: str
    query: Any
    syntax: bool  # parsed as query syntax rather than plain words
    filter: Any = None

    def __str__(self) -> str:
        if self.query is None:
            return ""
        return str(self.query) + ("" if self.filter is None else f" FILTER {self.filter}")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Control characters (NUL included) are never meaningful in a query.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)


def _plain(text: str, schema: Schema, exponent: float) -> Any:
    """Plain words: one subquery per word (a phrase for a hyphenated one)."""
    analyzer = schema["text"].analyzer
    concepts: list[Any] = []
    for chunk in _CHUNK_RE.findall(text):
        stems = [t.text for t in analyzer(chunk, mode="query")]
        if len(stems) == 1:
            concepts.append(query.Term("text", stems[0]))
        elif len(stems) > 1:
            concepts.append(query.Phrase("text", stems))
    concepts = list(dict.fromkeys(concepts))
    if not concepts:
        return None
    if len(concepts) == 1:
        return concepts[0]
    return CoordinatedOr(concepts, exponent=exponent)


class _Parser(qparser.QueryParser):
    """Whoosh's parser, with prefix, wildcard and fuzzy terms taken verbatim.

    Whoosh runs a prefix or fuzzy term through the field's analyzer, which
    would stem it; stems cannot be matched by prefix or edit distance, so
    these terms go, normalised but unstemmed, to the ``words`` field.
    """

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: Any,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        if isinstance(termclass, type) and issubclass(
            termclass, (query.Prefix, query.Wildcard, query.FuzzyTerm)
        ):
            field = "words" if fieldname == "text" else fieldname
            return termclass(field, normalize_word(text), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def _parser(schema: Schema) -> _Parser:
    parser = _Parser("text", schema, group=qparser.OrGroup)
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(_NoQuestionMarkWildcards())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def _errors(q: Any) -> list[str]:
    found = []
    error = getattr(q, "error", None)
    if error:
        found.append(str(error))
    for child in q.children():
        found.extend(_errors(child))
    return found


#: Fields whose terms restrict the results rather than add to the score.
_FILTER_FIELDS = frozenset({"kind", "article", "paragraph", "id", "speaker"})
_EXPLICIT_OR_RE = re.compile(r"\bOR\b")


def _field_of(q: Any) -> str | None:
    field = q.fieldname if q.is_leaf() or isinstance(q, query.Phrase) else q.field()
    return None if field is None else str(field)


def _top_level(q: Any, text: str, exponent: float) -> tuple[Any, Any]:
    """Give the implicit top-level OR its meaning for people: (query, filter).

    ``интеграция NOT Казахстан`` excludes, ``kind:quote молодёжь`` filters
    (the filter is returned apart: it restricts without scoring), and the
    remaining words are coordinated.  An explicit ``OR`` keeps Whoosh's plain
    meaning.
    """
    if type(q) is not query.Or or _EXPLICIT_OR_RE.search(text):
        return q, None
    negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
    rest = [s for s in q.subqueries if not isinstance(s, query.Not)]
    required = [s for s in rest if _field_of(s) in _FILTER_FIELDS]
    optional = [s for s in rest if _field_of(s) not in _FILTER_FIELDS]
    positive: Any = None
    if len(optional) > 1:
        positive = CoordinatedOr(optional, exponent=exponent)
    elif optional:
        positive = optional[0]
    constraint = None
    if required:
        constraint = required[0] if len(required) == 1 else query.And(required)
        if positive is None:
            positive, constraint = constraint, None
    if negative:
        excluded = negative[0] if len(negative) == 1 else query.Or(negative)
        positive = query.Not(excluded) if positive is None else query.AndNot(positive, excluded)
    return positive, constraint


def parse_query(text: str, schema: Schema, *, exponent: float = COORDINATION) -> ParsedQuery:
    """Turn a user's query string into a :class:`ParsedQuery` (query None: search nothing).

    >>> from searchlib._schema import build_schema
    >>> str(parse_query("Интеграции тюркского мира?", build_schema()))
    '(text:интеграц OR text:тюркск OR text:мир)'
    """
    if not isinstance(text, str):
        raise QueryError(f"the query must be a string, not {type(text).__name__}")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS}): shorten it"
        )
    cleaned = _clean(text)
    if not cleaned.strip():
        return ParsedQuery(text, None, False)
    syntax_text = _QUOTES_RE.sub('"', cleaned)
    if _SYNTAX_RE.search(syntax_text):
        try:
            parsed = _parser(schema).parse(syntax_text)
        except Exception:  # Whoosh's parser can fail in many ways; fall back to words
            parsed = None
        if parsed is not None:
            errors = _errors(parsed)
            if errors:
                raise QueryError(f"cannot search {text!r}: {errors[0]}")
            positive, constraint = _top_level(parsed.normalize(), syntax_text, exponent)
            positive = positive.normalize() if positive is not None else query.NullQuery
            if positive is query.NullQuery:
                return ParsedQuery(text, None, True)
            constraint = constraint.normalize() if constraint is not None else None
            return ParsedQuery(text, positive, True, constraint)
    return ParsedQuery(text, _plain(cleaned, schema, exponent), False)


def _positive_leaves(q: Any) -> Iterator[Any]:
    """Leaf queries that make a document match (not those under NOT)."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf() or isinstance(q, query.Phrase):
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


def highlight_terms(parsed: ParsedQuery, reader: Any) -> dict[str, set[str]]:
    """Index terms to mark in snippets, by field: ``{"text": {stems}, "words": {words}}``."""
    terms: dict[str, set[str]] = {"text": set(), "words": set()}
    if parsed.query is None:
        return terms
    for leaf in _positive_leaves(parsed.query):
        if isinstance(leaf, query.Phrase):
            if leaf.fieldname in terms:
                terms[leaf.fieldname].update(leaf.words)
            continue
        try:
            found: Iterable[tuple[str, Any]] = leaf.existing_terms(
                reader, phrases=True, expand=True
            )
        except Exception:  # a leaf Whoosh cannot expand has nothing to highlight
            continue
        for field, value in found:
            if field in terms:
                terms[field].add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return terms
