"""The query layer: a user's query string -> a Whoosh query, and the terms to highlight.

Two kinds of input:

* Plain words, the usual case (`Какова роль молодёжи в интеграции?`): every
  word is analysed like the text (stems, ``ё``, stop words) and matched
  several ways at once — by stem, by 4-letter prefix, by exact form (see
  :class:`~searchlib.Ranking`); a hyphenated word must match as a phrase of
  its parts.  The words are OR'ed with a coordination factor: a document
  needs one of them, and documents that match more of them rank first.
  Question words and punctuation (``?`` included) are ignored.
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

import copy
import fnmatch
import functools
import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from whoosh import fields, qparser, query
from whoosh.fields import Schema
from whoosh.matching import AndNotMatcher, Matcher
from whoosh.qparser import syntax

from searchlib._errors import QueryError, shown_value
from searchlib._models import KINDS
from searchlib._morph import WordClass, forms, query_lemma, word_class
from searchlib._ranking import Ranking
from searchlib._schema import PREFIX_LENGTH, QUOTE_FIELDS
from searchlib._stopwords import QUESTION_WORDS
from searchlib.analysis import MAX_TOKEN_CHARS, index_words, normalize_word, stem
from searchlib.analysis import terms as analyze

__all__ = [
    "MAX_EDITS",
    "MAX_QUERY_CHARS",
    "CoordinatedOr",
    "ParsedQuery",
    "PlainPlan",
    "WordOr",
    "clean",
    "highlight_terms",
    "is_syntax",
    "name_forms",
    "named_articles",
    "no_speaker_words",
    "parse_plain",
    "parse_query",
    "plain_chunks",
    "plain_words",
    "query_words",
    "split_clauses",
    "syntax_text",
    "typed_spans",
    "with_clauses",
]

#: Longer query strings are refused with a QueryError.
MAX_QUERY_CHARS = 1000
_DEFAULT_RANKING = Ranking()

_FIELDS = ("text", "title", "speaker", "kind", "article", "paragraph", "id")
_PREFIX_FIELD = "prefix"  # (a word's first letters: see _schema)
_VERBATIM_FIELDS = frozenset({"id", "article"})  # (IDs: their terms as written)
_QUOTES_RE = re.compile("[«»„“”]")
_SYNTAX_RE = re.compile(
    r'"|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|(?<![\w])(?:' + "|".join(_FIELDS) + r"):(?=\S)"
    r"|\w\*|\*\w|\w~|\^\d|[()]"
)
#: Something every match of :data:`_SYNTAX_RE` holds (a quote mark before it is made ``"``),
#: or a minus that may exclude (:data:`_EXCLUDE_RE`).
_SYNTAX_HINT_RE = re.compile(r'[«»„“”"*~^():-]|AND|OR|NOT')
#: A minus that excludes what follows, as in web search engines (`бюджет -саммит`,
#: `-kind:quote`, `-"средний коридор"`, `-(а OR б)`): at the start or after white space
#: or `(`, right before a letter, a quote mark or `(`; not in a quoted phrase (the first
#: branch skips those).  A hyphen in a word (`телеграм-канал`), a dash between spaces and
#: a negative number (`-5`) are not exclusions.
_MINUS = r'-(?=[^\W\d_]|["(])'
_EXCLUDE_RE = re.compile(r'"[^"]*"|(?<![^\s(])' + _MINUS)
_JOINERS = "-\u2010\u2011'\u2019\u02bc."
_CHUNK_RE = re.compile(rf"[^\W_]+(?:[{re.escape(_JOINERS)}\u0300-\u036f\u00ad][^\W_]+)*")
#: What starts as a boost (`слово^2`, `^0.5`, `^1e10`): its text up to white space or `)`,
#: less the punctuation ending a sentence (`м^2?`); the first branch skips quoted phrases,
#: where `^` is a character like any other.
_BOOST_RE = re.compile(r'"[^"]*"|\^(?=\.?\d)(?P<value>[^\s)]*?)[?!.,;:…]*(?=$|[\s)])')
#: A boost (not in a quoted phrase) with a sentence's end right after it (`коридор^2?`).
_BOOST_END_RE = re.compile(r'("[^"]*"|\^\d*(?:\.\d+)?)([?!.,;:…]*)(?=$|[\s)])')
#: A boost as Whoosh reads one; anything else after `^` would become words of a phrase.
_BOOST_VALUE_RE = re.compile(r"[0-9]*(?:\.[0-9]+)?")
MAX_BOOST = 1_000_000
#: What follows a `~` after a word or phrase, up to white space, `)` or a boost's `^`,
#: less the punctuation ending a sentence (quoted phrases skipped, as in :data:`_BOOST_RE`):
#: a whole number (`слово~2`, `"а б"~3^2`), nothing, or after a word Whoosh's `~N/P`
#: (edits, then letters that must match first) or a word (`Москва~Петербург`: Whoosh
#: reads two words).
_LIKENESS_RE = re.compile(
    r'"[^"]*"(?:~(?P<slop>[^\s)^]*?)[?!.,;:…]*(?=$|[\s)^]))?'
    r"|(?<=\w)~(?P<value>[^\s)^]*?)[?!.,;:…]*(?=$|[\s)^])"
)
_LIKENESS_VALUE_RE = re.compile(r"\d*(?:/\d+)?|[^\W\d_].*")
_SLOP_RE = re.compile(r"[0-9]+")
_EDITS_RE = re.compile(r"(?P<edits>[0-9]*)(?:/(?P<first>[0-9]+))?")
_WORD_BEFORE_RE = re.compile(r"[^\s()\"~^:]+$")
#: Edits a fuzzy word (`слово~2`) may allow: more match almost anything.
MAX_EDITS = 2
#: A quoted phrase (Whoosh's pattern, less the ``~slop`` that needs a ``~``).
_QUOTED_RE = re.compile(r'"(?P<text>.*?)"')
#: What may start Whoosh syntax other than a phrase in the words between phrases: its
#: other operators (upper case, between white space, as Whoosh takes them) and a field's
#: name before ``:``
#: (`сказал:` is a word; Whoosh takes an unknown field's name for one too).
_OTHER_SYNTAX_RE = re.compile(
    r"[()\[\]{}^*~]|(?<!\S)(?:AND|OR|NOT|ANDNOT|ANDMAYBE|REQUIRE)(?!\S)|(?<![\w])(?:"
    + "|".join(_FIELDS)
    + r"):"
)


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
        """``(matched / words) ** exponent``; a document matched only by extras
        (typo corrections, pairs) gets a millionth: below every exact match."""
        if not self._total:
            return 1.0
        return float((matched / self._total) ** self._exponent) if matched else 1e-6

    def score(self) -> float:
        current = self.id()
        total = 0.0
        matched = 0
        for index, c in enumerate(self._children):
            if c.is_active() and c.id() == current:
                total += c.score()
                matched += index < self._total
        return total * self.factor(matched) * self._boost

    def max_quality(self) -> float:
        return float(sum(c.max_quality() for c in self._active())) * self._boost

    def block_quality(self) -> float:
        return self.max_quality()


class AndNot(query.AndNot):
    """Whoosh's ``AndNot`` (the matches of ``a`` that ``b`` lacks), with its first match right.

    Whoosh's matcher keeps a first match of ``a`` that ``b`` also holds when
    ``b``'s first match comes before it (whoosh-community/whoosh#419, still
    in Whoosh-Reloaded 2.7.5): `Лаврина NOT kind:paragraph` found a paragraph.
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(scored, excluded)


class _AndNotMatcher(AndNotMatcher):
    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # (Whoosh's: only when both start on one document)

    def _find_next(self) -> Any:
        if not self.a.is_active():  # (after skip_to_quality: nothing left to check)
            return False
        return super()._find_next()


class CoordinatedOr(query.Or):
    """``Or`` whose score favours documents matching more of its words.

    ``subqueries`` are the query's words (each an OR of the ways it can
    match); ``extras`` add to the score without counting as words (the
    adjacent-pair phrases).  A document's summed score is multiplied by
    ``(matched words / words) ** exponent``.
    """

    JOINT = " OR "

    def __init__(
        self,
        subqueries: list[Any],
        boost: float = 1.0,
        exponent: float = _DEFAULT_RANKING.coordination,
        extras: list[Any] | None = None,
    ) -> None:
        self.words = list(subqueries)
        self.extras = list(extras or ())
        super().__init__(self.words + self.extras, boost=boost)
        self.exponent = exponent

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, CoordinatedOr)
            and self.words == other.words
            and self.extras == other.extras
            and self.exponent == other.exponent
            and self.boost == other.boost
        )

    __hash__ = query.Or.__hash__

    def _rebuild(self, words: list[Any], extras: list[Any]) -> Any:
        words = [q for q in dict.fromkeys(words) if q is not query.NullQuery]
        extras = [q for q in dict.fromkeys(extras) if q is not query.NullQuery]
        if not words:
            return query.NullQuery
        if len(words) == 1 and not extras:
            return words[0]
        return CoordinatedOr(words, self.boost, self.exponent, extras)

    def apply(self, fn: Any) -> Any:
        return self._rebuild([fn(q) for q in self.words], [fn(q) for q in self.extras])

    def normalize(self) -> Any:
        return self._rebuild(
            [q.normalize() for q in self.words], [q.normalize() for q in self.extras]
        )

    def simplify(self, ixreader: Any) -> Any:
        return self._rebuild(
            [q.simplify(ixreader) for q in self.words], [q.simplify(ixreader) for q in self.extras]
        )

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        children = [q.matcher(searcher, context) for q in self.words + self.extras]
        return _CoordMatcher(children, len(self.words), self.exponent, self.boost)


# --- Parsing ----------------------------------------------------------------------


class _NoQuestionMarkWildcards(qparser.WildcardPlugin):
    """Only ``*`` is a wildcard; ``?`` ends questions."""

    qmarks = ""
    expr = r"(?P<text>[*])"


@attrs.frozen(slots=False)
class ParsedQuery:
    """A user's query as searchlib understood it.

    ``plan`` is a plain-word query as the ranker takes it (None for query
    syntax); ``query`` scores documents as Whoosh objects (None: nothing to
    search for; made from the plan on first use); ``filter``, when not None,
    restricts them without scoring (`kind:quote` in a query).
    """

    text: str
    _query: Any = attrs.field(alias="query")
    syntax: bool  # parsed as query syntax rather than plain words
    filter: Any = None
    plan: PlainPlan | None = None

    @functools.cached_property
    def query(self) -> Any:
        return self.plan.query() if self.plan is not None else self._query

    @property
    def empty(self) -> bool:
        """Nothing to search for (an empty query, stop words only...)."""
        return self.plan is None and self._query is None

    def __str__(self) -> str:
        if self.empty:
            return ""
        shown = str(self.query.accept(_readable))
        return shown + ("" if self.filter is None else f" FILTER {self.filter.accept(_readable)}")


def _readable(node: Any) -> Any:
    """A term of a number field as its number (`paragraph:3`, not Whoosh's bytes)."""
    if isinstance(node, query.Term) and isinstance(node.text, bytes):
        try:
            number = _NUMBER_FIELD.from_bytes(node.text)
        except Exception:  # (bytes of another field: shown as they are)
            return node
        return query.Term(node.fieldname, str(number), boost=node.boost)
    return node


_NUMBER_FIELD = fields.NUMERIC(int)  # (the schema's `paragraph`: decodes its terms)


#: Control characters (NUL included: Unicode's Cc) and lone surrogates (Cs).
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """NFC; control characters and lone surrogates (never meant in a query) as spaces."""
    return _CONTROL_RE.sub(" ", unicodedata.normalize("NFC", text))


class WordOr(query.compound.CompoundQuery):
    """The ways one query word can match (stem, prefix, exact form...), scores summed.

    A class of its own so that Whoosh's ``Or.normalize`` does not flatten it
    into the surrounding query, where each way would count as a word.
    """

    JOINT = " | "

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return query.Or(self.subqueries, boost=self.boost).matcher(searcher, context)


@functools.lru_cache(maxsize=1 << 16)
def _derived_terms(text: str) -> dict[str, tuple[str, ...]]:
    """A query word's terms in each derived field (see ``_schema.DERIVED_FIELDS``), cached.

    The same as running each field's analyzer: they all start from
    :func:`~searchlib.analysis.index_words` (a test compares them); the
    lemma is :func:`~searchlib._morph.query_lemma`, which shares its parse
    with the word's class.
    """
    words = tuple([word for word, _pos in index_words(text)])  # (lists and map: 3.2 -> 2.8 us)
    return {
        "stem": tuple(map(stem, words)),
        "word": words,
        "prefix": tuple([w[:PREFIX_LENGTH] for w in words]),
        "lemma": tuple(map(query_lemma, words)),
    }


def query_words(chunk: str) -> tuple[str, ...]:
    """The normalised words of a query word that are not stop words (`культурно-языкового`: two).

    What :func:`~searchlib.analysis.index_words` gives, from the cache that
    the plan's terms come from.
    """
    return _derived_terms(chunk)["word"]


# One way a word matches: (field, its terms there, weight).
_Way = tuple[str, tuple[str, ...], float]

#: Stem sequences a phrase is searched as, at most (its words' other forms).
MAX_PHRASE_VARIANTS = 8


@functools.lru_cache(maxsize=1 << 14)
def _form_stems(word: str) -> tuple[str, ...]:
    """The stems of every form of a (normalised) word, its own first.

    The stemmer cuts some forms of a word differently (`объем` -> `объ`,
    `объемы` -> `объем`; `канал` -> `кана`, `канале` -> `канал`): a phrase
    or a hyphenated word made of one form's stems misses the others.
    """
    own = stem(word)
    lexeme = forms(query_lemma(word))
    if word not in lexeme:  # (a guessed lemma: `телеграм` is not a form of `телеграмма`)
        return (own,)
    # (Endings change, beginnings do not: pymorphy's lexemes also hold forms
    # such as `поязыковее` of `языковой`, which are no help.)
    others = {s for s in map(stem, lexeme) if s[:3] == own[:3]}
    others.discard(own)
    return (own, *sorted(others))


def phrase_variants(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The stem sequences a phrase of ``words`` (normalised) matches: every form of each word.

    The words' own stems come first; at most :data:`MAX_PHRASE_VARIANTS`.

    >>> phrase_variants(["объем", "продаж"])
    [('объ', 'продаж'), ('объем', 'продаж')]
    """
    choices = [_form_stems(word) for word in words]
    return list(itertools.islice(itertools.product(*choices), MAX_PHRASE_VARIANTS))


def _word_ways(word: str, ranking: Ranking, boost: float = 1.0) -> tuple[_Way, ...]:
    """The ways a query word matches, as :class:`Ranking` weighs them: stem, prefix, form, title.

    A hyphenated word must match as a phrase of its parts' stems; its parts
    are not matched one by one.  Empty for a stop word.  (Every field here
    is derived: :func:`_derived_terms` has all of them, one cached look-up.)
    """
    terms = _derived_terms(word)
    stems = terms["stem"]
    if not stems:
        return ()
    stem_weight, prefix_weight, lemma_weight, word_weight, title_weight = _way_weights(
        ranking, boost
    )
    ways: list[_Way] = []
    if len(stems) > 1:
        # A compound matches as a phrase, its parts' other forms too
        # (`телеграм-канал` finds `телеграм-канале`); it has no whole-word ways.
        if ranking.stems > 0:
            ways.extend(
                ("text", variant, stem_weight)
                for variant in phrase_variants(terms["word"])
                if variant != stems
            )
            ways.append(("text", stems, stem_weight))
    else:  # (each way spelt out, not looped over, weights kept: 2.3 -> 0.75 us a word)
        if ranking.stems > 0:
            ways.append(("text", stems, stem_weight))
        if ranking.prefixes > 0:
            ways.append(("prefix", terms["prefix"], prefix_weight))
        if ranking.lemmas > 0:
            ways.append(("lemma", terms["lemma"], lemma_weight))
        if ranking.words > 0:
            ways.append(("words", terms["word"], word_weight))
    if ranking.title > 0:
        ways.append(("title", stems, title_weight))
    return tuple(ways)


_Weights = tuple[float, float, float, float, float]


@functools.lru_cache(maxsize=1024)
def _way_weights(ranking: Ranking, boost: float) -> _Weights:
    """The weights of a word's ways (stem, prefix, lemma, form, title) at ``boost``, rounded.

    Kept: five ``round`` calls cost 1 us, a look-up 0.4, and boosts are few
    (a word's class, times a correction's weight).
    """
    weights = (ranking.stems, ranking.prefixes, ranking.lemmas, ranking.words, ranking.title)
    stems, prefixes, lemmas, words, title = (round(weight * boost, 6) for weight in weights)
    return stems, prefixes, lemmas, words, title


def _leaf(field: str, tokens: Sequence[str], weight: float) -> Any:
    if len(tokens) == 1:
        return query.Term(field, tokens[0], boost=weight)
    return query.Phrase(field, list(tokens), boost=weight)


def _ways_query(ways: Sequence[_Way], *, mirror: bool) -> Any:
    """The query of a word's ways (None: none).  ``mirror`` adds each way on quote fields
    beside it, as :func:`_with_quote_fields` would."""
    leaves: list[Any] = []
    for field, tokens, weight in ways:
        leaves.append(_leaf(field, tokens, weight))
        quote_field = QUOTE_FIELDS.get(field) if mirror else None
        if quote_field is not None:
            leaves.append(_leaf(quote_field, tokens, weight))
    if not leaves:
        return None
    if len(leaves) == 1:
        return leaves[0]
    return WordOr(leaves)


def _word_query(word: str, ranking: Ranking, boost: float = 1.0) -> Any:
    """One query word, matched every way :class:`Ranking` weighs (see :func:`_word_ways`).

    Returns None for a stop word.
    """
    return _ways_query(_word_ways(word, ranking, boost), mirror=False)


@attrs.frozen
class PlainPlan:
    """A plain-word query as the ranker and the snippets take it: the ways each word matches.

    ``words`` count for coordination (the share of the query's words a
    document matches; a typo's corrections are ways of its word, at a lower
    weight); ``extras`` (adjacent pairs) only add to the score.  A way is
    (field, terms, weight): a term, or a phrase of several; quotes have
    fields of their own, so each way is matched on the paragraph field and on
    its quote field.  :meth:`query` is the same as
    Whoosh query objects, for Whoosh's own searcher and for display.
    """

    words: tuple[tuple[_Way, ...], ...]
    extras: tuple[tuple[_Way, ...], ...]
    exponent: float

    @property
    def coordinated(self) -> bool:
        """Is the score scaled by the share of words matched (more than one word or extras)?"""
        return len(self.words) > 1 or bool(self.extras)

    def query(self) -> Any:
        """The plan as a Whoosh query (what Whoosh's searcher scores the same way)."""
        queries = [_ways_query(ways, mirror=True) for ways in self.words]
        if not self.coordinated:
            return queries[0]
        extras = [_ways_query(ways, mirror=True) for ways in self.extras]
        return CoordinatedOr(queries, exponent=self.exponent, extras=extras)

    def leaves(self) -> Iterator[tuple[int, str, tuple[str, ...], float]]:
        """(word number, or -1 for an extra; field; terms; weight) of every term and phrase.

        In the order of :meth:`query`'s leaves: each way, then its quote field's.
        """
        for number, ways in enumerate((*self.words, *self.extras)):
            word = number if number < len(self.words) else -1
            for field, tokens, weight in ways:
                yield word, field, tokens, weight
                quote_field = QUOTE_FIELDS.get(field)
                if quote_field is not None:
                    yield word, quote_field, tokens, weight


def _word_weight(chunk: str, start: int | None, ranking: Ranking) -> float:
    """How much a query word counts, by its class: names most, nouns 1, other words less.

    ``start`` is the word's offset in the query, when known: a capitalised word
    that does not open the query is most likely a name.
    """
    if start is not None and start > 0 and chunk[0].isupper():
        return ranking.names
    if not ranking.word_classes:
        return 1.0
    kind = _chunk_class(chunk)
    if kind == "name":
        return ranking.names
    return ranking.other_words if kind == "other" else 1.0


@functools.lru_cache(maxsize=1 << 14)
def _chunk_class(chunk: str) -> WordClass:
    """:func:`~searchlib._morph.word_class` of a query word as typed (cached: words recur)."""
    return word_class(normalize_word(chunk))


#: Weight of a typo correction relative to the word as typed: below any exact match.
CORRECTION_WEIGHT = 0.5


def plain_words(text: str, ranking: Ranking = _DEFAULT_RANKING) -> list[tuple[int, str]]:
    """The words a plain query searches for, with their offsets (question words dropped)."""
    return plain_chunks(clean(text), ranking)


def plain_chunks(cleaned: str, ranking: Ranking = _DEFAULT_RANKING) -> list[tuple[int, str]]:
    """:func:`plain_words` of a query already :func:`clean`ed."""
    chunks = [(m.start(), m.group()) for m in _CHUNK_RE.finditer(cleaned)]
    if ranking.question_words:
        content = [c for c in chunks if normalize_word(c[1]) not in QUESTION_WORDS]
        chunks = content or chunks  # a query of question words only is searched as is
    return chunks


def title_chunks(marked: str, ranking: Ranking = _DEFAULT_RANKING) -> list[tuple[int, str]] | None:
    """The chunks of a title question, or None for a query with other syntax.

    A title question is words and quoted phrases alone (`Кто снял фильм
    «Борат»?`, `Сколько серий в сериале "Ходячие мертвецы"?`): plain words
    where a quoted phrase of several words is one word, matched as a phrase
    in any grammatical case (as a hyphenated word is), and a quoted single
    word a word.  ``marked`` is the cleaned query with its quote marks made
    ``"`` (:func:`syntax_text`).  The chunks are :func:`plain_chunks`',
    a phrase's text (from its first word to its last) standing for the phrase
    (see :func:`is_phrase`).
    """
    chunks: list[tuple[int, str]] = []
    at = 0
    for match in (*_QUOTED_RE.finditer(marked), None):
        end = len(marked) if match is None else match.start()
        other = _OTHER_SYNTAX_RE.search(marked, at)  # (the marks around seen: `""AND` is a word)
        if other is not None and other.start() < end:
            return None
        chunks += [(m.start(), m.group()) for m in _CHUNK_RE.finditer(marked, at, end)]
        if match is None:
            break
        words = list(_CHUNK_RE.finditer(marked, *match.span("text")))
        if words and len(query_words(marked[words[0].start() : words[-1].end()])) > 1:
            chunks.append((words[0].start(), marked[words[0].start() : words[-1].end()]))
        else:  # (a word, or stop words alone)
            chunks += [(m.start(), m.group()) for m in words]
        at = match.end()
    if ranking.question_words:
        content = [c for c in chunks if normalize_word(c[1]) not in QUESTION_WORDS]
        chunks = content or chunks
    return chunks


_FILTER_CLAUSE = (
    r'(?:kind|speaker|article|id|paragraph):(?:"[^"]*"|\[[^\]]*\]|\{[^}]*\}|[^\s()"\[\]{}]+)'
)


def _clause_re(negation: str) -> re.Pattern[str]:
    """:data:`_CLAUSE_RE`, with ``negation`` the pattern of what makes a clause exclude."""
    return re.compile(
        rf"(?<![^\s,;])(?P<clause>(?:{negation})?"
        + _FILTER_CLAUSE
        + rf'|(?:{negation})(?:"[^"]*"|[^\s()"\[\]{{}}:*~^]+))(?!\S)|"[^"]*"'
    )


#: A filter or an exclusion standing among plain words (after a space, a comma or a
#: semicolon), in a marked query (see :func:`syntax_text`): `kind:quote`,
#: `speaker:"Сергея Лаврова"`, `paragraph:[1 TO 3]`, `NOT Казахстан`, `NOT "средний
#: коридор"` (a minus made NOT), `NOT kind:quote`.  The last branch skips quoted
#: phrases, where these are words.
_CLAUSE_RE = _clause_re(r"NOT\s+")


def split_clauses(
    marked: str, ranking: Ranking = _DEFAULT_RANKING
) -> tuple[list[tuple[int, str]], str] | None:
    """Plain words among filters and exclusions: (their chunks, the clauses' text), or None.

    `цифровой kind:quote -Казахстан` is the words `цифровой`, planned,
    corrected and coordinated as a plain query is, and the clauses `kind:quote
    NOT Казахстан`, which restrict without scoring (as ``kind=`` does).  None:
    no such clause, other syntax beside them, or no plain word.  The chunks
    are :func:`title_chunks`' of ``marked`` with the clauses blanked out (the
    same offsets).
    """
    clauses = [m.span("clause") for m in _CLAUSE_RE.finditer(marked) if m.group("clause")]
    if not clauses:
        return None
    blanked = list(marked)
    for start, end in clauses:
        blanked[start:end] = " " * (end - start)
    words = "".join(blanked)
    chunks = title_chunks(words, ranking)
    if not chunks:
        return None
    if not words[: chunks[0][0]].strip():  # (the first word opens the query, after the
        chunks[0] = (0, chunks[0][1])  # clauses: not taken for a name, see _word_weight)
    return chunks, " ".join(marked[start:end] for start, end in clauses)


#: :data:`_CLAUSE_RE` on a cleaned query, whose excluding minuses are still minuses.
_TYPED_CLAUSE_RE = _clause_re(r"NOT\s+|" + _MINUS)


def typed_spans(cleaned: str) -> list[tuple[int, int]]:
    """Where the quoted phrases (of several words), filters and exclusions of a cleaned
    query are: the words a suggestion leaves as typed (quote marks included)."""
    marked = _QUOTES_RE.sub('"', cleaned)
    return [
        m.span()
        for m in _TYPED_CLAUSE_RE.finditer(marked)
        # (a quoted single word is a word, corrected as one: see title_chunks)
        if m.group("clause") or len(_CHUNK_RE.findall(m.group())) > 1
    ]


def has_quoted_text(marked: str) -> bool:
    """Does ``marked`` (see :func:`title_chunks`) hold a pair of quote marks?"""
    return _QUOTED_RE.search(marked) is not None


def is_phrase(chunk: str) -> bool:
    """Is the chunk a quoted phrase of a title question (see :func:`title_chunks`)?"""
    return _CHUNK_RE.fullmatch(chunk) is None


def parse_plain(
    text: str,
    chunks: Sequence[tuple[int, str]],
    *,
    ranking: Ranking = _DEFAULT_RANKING,
    corrections: Mapping[str, Sequence[str]] | None = None,
) -> ParsedQuery:
    """``text`` as plain words, given its :func:`plain_chunks` (the engine has them already)."""
    return ParsedQuery(text, None, False, plan=_plain(chunks, ranking, corrections))


def _plain(
    chunks: Sequence[tuple[int, str]],
    ranking: Ranking,
    corrections: Mapping[str, Sequence[str]] | None = None,
) -> PlainPlan | None:
    """Plain words: one subquery per word, adjacent-pair phrases, coordination.

    ``corrections`` maps a normalised word the index does not know to known
    words it may be a typo of; they match too, at :data:`CORRECTION_WEIGHT`.
    """
    words: dict[tuple[_Way, ...], None] = {}  # each word's ways, once (equal ways: one word)
    stem_runs: list[tuple[str, ...]] = []
    for start, chunk in chunks:
        fixes = corrections.get(normalize_word(chunk), ()) if corrections else ()
        if not fixes and not _derived_terms(chunk)["stem"]:
            continue  # (a stop word: no ways, so no weight to look up)
        weight = _word_weight(chunk, start, ranking)
        ways = _word_ways(chunk, ranking, weight)
        # A typo's corrections are more ways of its word, at a lower weight: a
        # document with the word as typed keeps the lead, and one with only a
        # correction still counts as matching the word (`Азирбайджан` alone found
        # its documents with a score of 0, none matching a word as typed).
        for fix in fixes:
            ways += _word_ways(fix, ranking, weight * CORRECTION_WEIGHT)
        if not ways:
            continue
        words[ways] = None
        stem_runs.append(_derived_terms(chunk)["stem"])
    if not words:
        return None
    pairs: list[tuple[_Way, ...]] = []
    if ranking.pairs > 0:
        for left, right in itertools.pairwise(stem_runs):
            if left and right and left[-1] != right[0]:
                pairs.append((("text", (left[-1], right[0]), ranking.pairs),))
    return PlainPlan(
        words=tuple(words),
        extras=tuple(dict.fromkeys(pairs)),
        exponent=ranking.coordination,
    )


class _Parser(qparser.QueryParser):
    """Whoosh's parser, with prefix, wildcard and fuzzy terms taken verbatim.

    Whoosh runs a prefix or fuzzy term through the field's analyzer, which
    would stem it; stems cannot be matched by prefix or edit distance, so
    these terms go, normalised but unstemmed, to the ``words`` field.
    """

    ranking: Ranking = _DEFAULT_RANKING
    source = ""

    def parse(self, text: str, normalize: bool = True, debug: bool = False) -> Any:
        self.source = text
        return super().parse(text, normalize, debug)

    def phrase(
        self,
        fieldname: str,
        words: list[str],
        slop: int = 1,
        boost: float = 1.0,
        char_ranges: list[tuple[int | None, int | None]] | None = None,
    ) -> Any:
        """A quoted single word (`"Вашингтона"`) is a word, matched every way a word is.

        A phrase of several words matches any forms of them
        (`"объем продаж"` finds `Объёмы продаж`): one phrase per sequence of
        stems (:func:`phrase_variants`).
        """
        if fieldname == "text" and len(words) == 1 and char_ranges:
            start, end = char_ranges[0]
            if start is not None and end is not None:
                return self._word(self.source[start:end], boost)
        if fieldname == "speaker":  # `speaker:"Сергей Лавров"`: the name, as `speaker=` takes it
            spans = [
                self.source[a:b] for a, b in char_ranges or () if a is not None and b is not None
            ]
            return self._speaker(" ".join(spans) or " ".join(words))
        original = query.Phrase(fieldname, words, slop=slop, boost=boost, char_ranges=char_ranges)
        if fieldname not in ("text", "title") or not char_ranges:
            return original
        spans = [self.source[a:b] for a, b in char_ranges if a is not None and b is not None]
        source_words = [w for span in spans for w, _ in index_words(span)]
        if len(source_words) != len(words):
            return original
        variants = [v for v in phrase_variants(source_words) if list(v) != list(words)]
        if not variants:
            return original
        return query.Or(
            [original]
            + [query.Phrase(fieldname, list(v), slop=slop, boost=boost) for v in variants]
        )

    def _word(self, text: str, boost: float) -> Any:
        if self.ranking.question_words and normalize_word(text) in QUESTION_WORDS:
            return None
        weight = boost * _word_weight(text, None, self.ranking)
        return _word_query(text, self.ranking, weight)

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
            # (An id or article is matched as written: `article:News*` is not `news*`.)
            value = text if fieldname in _VERBATIM_FIELDS else normalize_word(text)
            return termclass(field, value, boost=boost)
        if fieldname == "text" and termclass is query.Term and tokenize:
            return self._word(text, boost)
        if fieldname == "speaker" and termclass is query.Term and tokenize:
            return self._speaker(text)  # `speaker:Лаврова` finds `Сергей Лавров`, as `speaker=`
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)

    @staticmethod
    def _speaker(name: str) -> Any:
        """A speaker's name in the query syntax: every word in any form (a query that
        says what is wrong, if no word is one to search, as ``speaker=`` says)."""
        try:
            parts = speaker_terms(name)
        except QueryError as exc:  # (`speaker:???` was left out, silently)
            return query.qcore.error_query(str(exc))
        return parts[0] if len(parts) == 1 else query.And(parts)


def name_forms(speaker: str) -> list[tuple[frozenset[str], str | None]]:
    """For each word of a speaker's name: every nominative it can be a form of, as the
    ``speaker`` field indexes words (`Лаврова`: `лавров`, `лаврова`; `Лавриной`:
    `лаврина`, `лавриной`), and for a word the name lexicon cannot read, its stem of
    four letters or more, to match indexed words by (`Макрону`: `макрон`, for
    `Макрон`; `Дани` is `дани` alone); words with none (stop words) left out.

    Whole words where the lexicon reads the word: a stem would take `Петров` for `Пётр`
    and `Путиной` for a man `Путин`."""
    from searchlib._speech.names import analyse_word, nominative_forms  # noqa: PLC0415 (lazy)

    found = []
    # (Each half of a hyphenated name is a word of it: `Римский-Корсаков` needs both.)
    for typed in speaker.replace("-", " ").split():
        # (Marks around a word are no part of the name: `Лавров.` is `Лавров`, whole.)
        word = _NAME_EDGE_RE.sub("", typed)
        whole = {
            term
            for form in sorted(nominative_forms(word))
            for term in analyze(form, stem=False)
            if term
        }
        if not whole:
            continue
        known = bool(analyse_word(word[:1].upper() + word[1:]))
        stems = [] if known else analyze(word)
        # (A stem of three letters is no name's: `Дани`'s `дан` began `Даниил` too.)
        prefix = stems[0] if stems and len(stems[0]) >= _MIN_NAME_STEM else None
        found.append((frozenset(whole), prefix))
    return found


#: The shortest stem a speaker filter's unread word matches indexed words by.
_MIN_NAME_STEM = 4
#: What a speaker filter's word is stripped of at its ends: anything but letters and digits.
_NAME_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")


def speaker_terms(speaker: str) -> list[Any]:
    """A query per word of a speaker's name, matching any form of it.

    Speakers are indexed in the nominative (`Сергей Лавров`); `Лаврова`,
    `Ивана Петрова` or `Лавриной` find them too: each word matches every
    nominative it can be a form of, and a word the name lexicon cannot read
    any indexed word of its stem (see :func:`name_forms`).
    """
    parts: list[Any] = []
    for whole, stem_prefix in name_forms(speaker):
        terms: list[Any] = [query.Term("speaker", w) for w in sorted(whole)]
        if stem_prefix is not None:
            terms.append(query.Prefix("speaker", stem_prefix))
        # (A WordOr, not an Or: Whoosh would merge an Or into the query around it, where
        # `speaker:Лаврова`'s forms `лавров` and `лаврова` were each required.)
        parts.append(terms[0] if len(terms) == 1 else WordOr(terms))
    if not parts:
        raise QueryError(no_speaker_words(speaker))
    return parts


def no_speaker_words(speaker: str) -> str:
    """The error for a speaker filter with no word to search: the value shown cut short
    (a 10 KB name was echoed whole), and why a long word is none."""
    shown = speaker if len(speaker) <= 60 else speaker[:60] + "…"
    return (
        f"speaker {shown!r} has no searchable words (stop words, and words over"
        f" {MAX_TOKEN_CHARS} letters, are none): give a name"
    )


_parsers = threading.local()


def _parser(schema: Schema, ranking: Ranking) -> _Parser:
    """This thread's parser for ``schema`` and ``ranking`` (a parser keeps state while it parses).

    Making one costs more than most parses; each thread keeps its last few.
    """
    cache: dict[tuple[int, Ranking], tuple[Schema, _Parser]] | None = getattr(
        _parsers, "cache", None
    )
    if cache is None:
        cache = _parsers.cache = {}
    found = cache.get((id(schema), ranking))
    if found is not None and found[0] is schema:
        return found[1]
    parser = _new_parser(schema, ranking)
    if len(cache) >= 8:
        cache.clear()
    cache[id(schema), ranking] = (schema, parser)
    return parser


class _Parenthesized(syntax.OrGroup):
    """The parser's groups (the query's, and each in parentheses): a class of their own, so
    that an ``OR`` beside a group in parentheses does not take its clauses in."""


class _OrOperator(syntax.InfixOperator):
    """Whoosh's ``OR``, which appends the clause on its right to an ``OR`` group on its left
    (``a OR b OR c`` as one group), but not to a group in parentheses: in
    `(интеграция -Казахстан) OR коридор` the exclusion is the group's."""

    def replace_self(self, parser: Any, group: Any, position: int) -> int:
        if 0 < position < len(group) - 1 and type(group[position - 1]) is not self.grouptype:
            left, right = group[position - 1], group[position + 1]
            group[position - 1 : position + 2] = [self.grouptype([left, right])]
            return position
        return int(super().replace_self(parser, group, position))


def _operators() -> Any:
    """Whoosh's operators, in its order and with its patterns, ``OR`` as :class:`_OrOperator`."""
    tag = qparser.OperatorsPlugin.OpTagger
    return qparser.OperatorsPlugin(
        ops=[
            (tag(r"(^|(?<=(\s|[()])))NOT(?=\s)", syntax.NotGroup, syntax.PrefixOperator), 0),
            (tag(r"(?<=\s)AND(?=\s)", syntax.AndGroup), 0),
            (tag(r"(?<=\s)OR(?=\s)", syntax.OrGroup, _OrOperator), 0),
            (tag(r"(?<=\s)ANDNOT(?=\s)", syntax.AndNotGroup), -5),
            (tag(r"(?<=\s)ANDMAYBE(?=\s)", syntax.AndMaybeGroup), -5),
            (tag(r"(^|(?<=\s))REQUIRE(?=\s)", syntax.RequireGroup), 0),
        ],
        clean=True,
    )


def _new_parser(schema: Schema, ranking: Ranking) -> _Parser:
    parser = _Parser("text", schema, group=_Parenthesized)
    parser.replace_plugin(_operators())
    parser.ranking = ranking
    parser.phraseclass = parser.phrase
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(_NoQuestionMarkWildcards())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def _check_kinds(q: Any) -> None:
    """``kind:`` takes ``paragraph`` or ``quote`` (or a pattern matching one), as ``kind=`` does;
    ``paragraph:`` a number, not a fuzzy one (``paragraph:1~``).

    Queries on ``kind`` without a text (``kind:*``, ranges) find what they find.
    """
    text = getattr(q, "text", None) if getattr(q, "fieldname", None) == "kind" else None
    if text is not None and q.is_leaf():
        value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if type(q) is query.Term:
            ok = value in KINDS
        elif isinstance(q, query.Prefix):
            ok = any(kind.startswith(value) for kind in KINDS)
        elif isinstance(q, query.Wildcard):
            ok = any(fnmatch.fnmatchcase(kind, value) for kind in KINDS)
        else:
            ok = True  # fuzzy and other terms: let them find what they find
        if not ok:
            raise QueryError(f"kind must be one of {', '.join(KINDS)}, not {value!r}")
    if isinstance(q, query.FuzzyTerm) and q.fieldname == "paragraph":
        raise QueryError(
            "paragraph numbers are not matched by likeness (~): give a number or a range"
            " (paragraph:3, paragraph:[2 TO 5])"
        )
    for child in q.children():
        _check_kinds(child)


def _check_likeness(text: str, marked: str) -> None:
    """What follows `~` is a whole number (`интеграция~2.5` searched `интеграция~2` and
    the word `5`, without a word)."""
    for match in _LIKENESS_RE.finditer(marked):
        value, slop = match.group("value"), match.group("slop")
        if slop is not None:  # a phrase's: positions, a whole number
            bad = slop if slop and not _SLOP_RE.fullmatch(slop) else None
        else:  # a word's: edits, or a word after it (`Москва~Петербург`)
            bad = value if value is not None and not _LIKENESS_VALUE_RE.fullmatch(value) else None
        if bad is None and value:
            _check_edits(text, marked[: match.start()], value)
        if slop is None and value is not None and marked[match.end() : match.end() + 1] == "^":
            word = _WORD_BEFORE_RE.search(marked[: match.start()])
            shown = (word.group() if word else "") + marked[match.start() : match.end() + 1]
            raise QueryError(
                f"{shown}…: a fuzzy word takes no boost (Whoosh reads neither): write"
                " слово~1 or слово^2"
            )
        if bad is not None:
            raise QueryError(
                f"cannot search {shown_value(text, 200)}: after ~ comes a whole number, of"
                f' edits after a word (слово~1, слово~2) or of positions after a phrase ("а б"~2),'
                f" not ~{bad[:40]}"
            )


def _check_edits(text: str, before: str, value: str) -> None:
    """`слово~N/P`: N edits at most :data:`MAX_EDITS` (Whoosh reads one digit: `~10` was
    `~1` and the word `0`), P first letters at most the word's."""
    found = _EDITS_RE.fullmatch(value)
    if found is None:
        return  # (a word after the `~`: `Москва~Петербург`)
    word = _WORD_BEFORE_RE.search(before)
    shown = (word.group() if word else "") + "~" + value[:40]
    edits, first = found.group("edits"), found.group("first")
    if edits and (len(edits) > 1 or int(edits) > MAX_EDITS):
        raise QueryError(f"{shown}: at most {MAX_EDITS} edits are allowed")
    if edits and int(edits) == 0:  # (Whoosh read `~0` as `~`, one edit)
        raise QueryError(f"{shown}: a fuzzy word allows 1 or {MAX_EDITS} edits (слово~ is 1)")
    if first is not None and (
        len(first) > 4 or int(first) == 0 or (word and int(first) > len(word.group()))
    ):
        raise QueryError(
            f"{shown}: after / comes how many first letters must match, from 1 to the word's"
            f" {len(word.group()) if word else 0}"
        )


def _check_boosts(text: str, marked: str) -> None:
    """Each boost is a number up to :data:`MAX_BOOST` (`министр^1e10` would search the
    phrase "министр 1e10", and find nothing, without a word)."""
    for match in _BOOST_RE.finditer(marked):
        value = match.group("value")
        if value is None:
            continue  # (a quoted phrase)
        if not _BOOST_VALUE_RE.fullmatch(value) or float(value) > MAX_BOOST:
            raise QueryError(
                f"cannot search {shown_value(text, 200)}: a boost is a number from 0 to"
                f" {MAX_BOOST:,} after ^ (слово^2, слово^0.5), not ^{value[:40]}"
            )


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


def _top_level(q: Any, text: str, ranking: Ranking) -> tuple[Any, Any]:
    """Give the parser's implicit top-level OR its meaning for people: (query, filter).

    ``интеграция NOT Казахстан`` excludes, ``kind:quote молодёжь`` filters
    (the filter is returned apart: it restricts without scoring), and the
    remaining words are coordinated.  An explicit ``OR`` keeps Whoosh's plain
    meaning for the rest.  ``NOT`` (or a minus) excludes from its group, at every
    level (:func:`_excluding`).
    """
    if type(q) is not query.Or:
        return _excluding(q).normalize(), None
    # (Groups' exclusions are made before Whoosh's normalising merges nested ORs: in
    # `(мир -война) Толстой` the minus is the group's.  The top's NOTs are taken apart here.)
    q = q.apply(_excluding).normalize()
    if type(q) is not query.Or:
        return q, None
    negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
    rest = [s for s in q.subqueries if not isinstance(s, query.Not)]
    if _EXPLICIT_OR_RE.search(text):
        if not negative:
            return q, None
        kept = rest[0] if len(rest) == 1 else query.Or(rest, boost=q.boost) if rest else None
        return _without(kept, negative), None
    required = [s for s in rest if _field_of(s) in _FILTER_FIELDS]
    optional = [s for s in rest if _field_of(s) not in _FILTER_FIELDS]
    positive: Any = None
    if len(optional) > 1:
        positive = CoordinatedOr(optional, exponent=ranking.coordination)
    elif optional:
        positive = optional[0]
    constraint = None
    if required:
        constraint = required[0] if len(required) == 1 else query.And(required)
        if positive is None:
            positive, constraint = constraint, None
    return _without(positive, negative), constraint


def _without(kept: Any, negative: list[Any]) -> Any:
    """``kept`` without what any of ``negative`` matches (everything but it, if no ``kept``).

    An excluded word is matched every way but by its first four letters (a
    ranking signal: `-политолог` would drop `политика`); by its stem too, as
    Lucene's and Elasticsearch's Russian analysis exclude (`-Петров` drops
    `Петр`, of the same stem).
    """
    if not negative:
        return kept
    negative = [_no_prefix_ways(q) for q in negative]
    excluded = negative[0] if len(negative) == 1 else query.Or(negative)
    return query.Not(excluded) if kept is None else AndNot(kept, excluded)


def _no_prefix_ways(q: Any) -> Any:
    """``q`` without its words' prefix ways (see :func:`_without`)."""
    if isinstance(q, WordOr):
        ways = [w for w in q.subqueries if getattr(w, "fieldname", None) != _PREFIX_FIELD]
        return WordOr(ways, boost=q.boost) if ways else q
    if q.is_leaf() or isinstance(q, query.Phrase):
        return q
    return q.apply(_no_prefix_ways)


def _excluding(q: Any) -> Any:
    """``q`` with each group's NOT clauses made exclusions, as people mean them.

    `(а NOT б)` is а without б: Whoosh would read "а, or anything without
    б" (an OR of the inverse).  A group of NOT clauses alone
    excludes each (`-а -б`: neither).  Whoosh's own ``AndNot`` becomes
    :class:`AndNot`.
    """
    if q.is_leaf() or isinstance(q, query.Phrase):
        return q
    q = q.apply(_excluding)
    if type(q) is query.AndNot:
        return AndNot(q.a, _no_prefix_ways(q.b))
    if type(q) is query.Not:  # (`-политолог` alone, or beside plain words as a filter)
        return query.Not(_no_prefix_ways(q.query), boost=q.boost)
    if type(q) is not query.Or and type(q) is not query.And:
        return q
    negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
    if not negative:
        return q
    rest = [s for s in q.subqueries if not isinstance(s, query.Not)]
    # (A group of exclusions alone is every document but those, as a clause of its own:
    # `(-Казахстан) OR коридор` is not коридор without Казахстан.)
    kept = rest[0] if len(rest) == 1 else type(q)(rest, boost=q.boost) if rest else query.Every()
    return _without(kept, negative)


def _mirror(leaf: Any) -> Any:
    """The same clause on the quote documents' field, or None for other fields."""
    quote_field = QUOTE_FIELDS.get(getattr(leaf, "fieldname", None) or "")
    if quote_field is None:
        return None
    if type(leaf) is query.Term or type(leaf) is query.Phrase:
        # What copy.copy makes of them (plain attributes), in a fifth of its time.
        mirrored = object.__new__(type(leaf))
        mirrored.__dict__.update(leaf.__dict__)
    else:
        mirrored = copy.copy(leaf)
    mirrored.fieldname = quote_field
    return mirrored


def _with_quote_fields(q: Any) -> Any:
    """Let every clause on a paragraph field also match quotes, through their fields."""
    if isinstance(q, WordOr):
        ways: list[Any] = []
        for way in q.subqueries:
            ways.append(way)
            mirrored = _mirror(way)
            if mirrored is not None:
                ways.append(mirrored)
        return WordOr(ways, boost=q.boost)
    if q.is_leaf() or isinstance(q, query.Phrase):
        mirrored = _mirror(q)
        return q if mirrored is None else WordOr([q, mirrored])
    return q.apply(_with_quote_fields)


def is_syntax(text: str) -> bool:
    """Does ``text`` use query syntax (quotes, operators, ``field:``, ``*``...)?

    Such a query is parsed by Whoosh's parser (falling back to plain words
    when it cannot be); anything else is plain words.
    """
    return syntax_text(clean(text)) is not None


def syntax_text(cleaned: str) -> str | None:
    """The cleaned query with its quote marks made ``"`` and its excluding minuses ``NOT``
    (:data:`_EXCLUDE_RE`), if it uses query syntax, else None."""
    if _SYNTAX_HINT_RE.search(cleaned) is None:  # (most queries: 6.3 -> 0.8 us)
        return None
    text = _marked(cleaned)
    return text if _SYNTAX_RE.search(text) else None


def _marked(cleaned: str) -> str:
    """``cleaned`` with its quote marks made ``"``, its excluding minuses ``NOT``, and the
    punctuation right after a boost made spaces (`коридор^2?`: Whoosh reads a boost only
    before a space or `)`)."""
    text = _QUOTES_RE.sub('"', cleaned)
    if "-" in text:
        text = _EXCLUDE_RE.sub(_exclusion, text)
    if "^" in text:
        text = _BOOST_END_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    return text


def _exclusion(match: re.Match[str]) -> str:
    found = match.group()
    return "NOT " if found == "-" else found  # (a quoted phrase stays as it is)


def parse_query(
    text: str,
    schema: Schema,
    *,
    ranking: Ranking = _DEFAULT_RANKING,
    corrections: Mapping[str, Sequence[str]] | None = None,
) -> ParsedQuery:
    """Turn a user's query string into a :class:`ParsedQuery` (query None: search nothing).

    >>> from searchlib._schema import build_schema
    >>> str(parse_query("культурно-языкового?", build_schema()))
    '(text:"культурн языков" | quote_text:"культурн языков" | title:"культурн языков")'
    """
    if not isinstance(text, str):
        raise QueryError(f"the query must be a string, not {type(text).__name__}")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS}): shorten it"
        )
    cleaned = clean(text)
    if not cleaned.strip():
        return ParsedQuery(text, None, False)
    marked = syntax_text(cleaned)
    if marked is not None:
        chunks = title_chunks(marked, ranking)
        if chunks is not None:  # (plain words and phrases: a plan, not Whoosh's parser)
            return parse_plain(text, chunks, ranking=ranking, corrections=corrections)
        split = split_clauses(marked, ranking)
        if split is not None:  # (plain words among filters and exclusions)
            chunks, clauses = split
            parsed = parse_plain(text, chunks, ranking=ranking, corrections=corrections)
            if not parsed.empty:
                return with_clauses(parsed, clauses, schema, ranking)
        found = _parse_syntax(text, marked, schema, ranking)
        if found is not None:
            return found
    return parse_plain(
        text, plain_chunks(cleaned, ranking), ranking=ranking, corrections=corrections
    )


def with_clauses(
    parsed: ParsedQuery, clauses: str, schema: Schema, ranking: Ranking
) -> ParsedQuery:
    """``parsed`` (plain words) restricted by ``clauses`` (see :func:`split_clauses`)."""
    restriction = _parse_syntax(parsed.text, clauses, schema, ranking)
    if restriction is None or restriction.empty:
        return parsed
    parts = [q for q in (restriction.query, restriction.filter) if q is not None]
    return attrs.evolve(
        parsed, syntax=True, filter=parts[0] if len(parts) == 1 else query.And(parts)
    )


def _parse_syntax(text: str, marked: str, schema: Schema, ranking: Ranking) -> ParsedQuery | None:
    """``marked`` by Whoosh's parser, given its meaning for people (None: Whoosh could not)."""
    _check_boosts(text, marked)
    _check_likeness(text, marked)
    try:
        parsed = _parser(schema, ranking).parse(marked, normalize=False)
    except Exception:  # Whoosh's parser can fail in many ways; fall back to words
        return None
    errors = _errors(parsed)
    if errors:
        advice = ""
        if "is not a valid number" in errors[0]:  # (the only numeric field)
            advice = (
                "; paragraph: takes a whole number, up to 2,147,483,647, or a range"
                " (paragraph:3, paragraph:[2 TO 5])"
            )
        raise QueryError(f"cannot search {shown_value(text, 200)}: {errors[0]}{advice}")
    _check_kinds(parsed)
    positive, constraint = _top_level(parsed, marked, ranking)
    positive = query.NullQuery if positive is None else positive.normalize()
    if positive is query.NullQuery:
        return ParsedQuery(text, None, True)
    constraint = constraint.normalize() if constraint is not None else None
    return ParsedQuery(text, _with_quote_fields(positive), True, constraint)


def _positive_leaves(q: Any) -> Iterator[Any]:
    """Leaf queries that make a document match (not those under NOT), in order."""
    pending = [q]
    while pending:
        q = pending.pop()
        kind = type(q)
        if kind is query.Term or kind is query.Phrase:
            yield q
        elif isinstance(q, query.Not):
            continue
        elif isinstance(q, query.AndNot):
            pending.append(q.a)
        elif q.is_leaf() or isinstance(q, query.Phrase):
            yield q
        else:
            pending.extend(reversed(list(q.children())))


def named_articles(parsed: ParsedQuery) -> list[str]:
    """The articles the query's ``article:ID`` terms name (not under NOT; not patterns)."""
    found = []
    for q in (parsed.query, parsed.filter):
        for leaf in _positive_leaves(q) if q is not None else ():
            if type(leaf) is query.Term and leaf.fieldname == "article":
                text = leaf.text
                found.append(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return found


def highlight_terms(parsed: ParsedQuery, reader: Any) -> dict[str, set[str]]:
    """Index terms to mark in snippets, by field: stems, whole words and prefixes."""
    terms: dict[str, set[str]] = {"text": set(), "words": set(), "prefix": set(), "lemma": set()}
    base = {quote: field for field, quote in QUOTE_FIELDS.items()}
    if parsed.plan is not None:
        for ways in (*parsed.plan.words, *parsed.plan.extras):
            for field, tokens, _weight in ways:
                if field in terms:
                    terms[field].update(tokens)
        return terms
    if parsed.query is None:
        return terms
    for leaf in _positive_leaves(parsed.query):
        if isinstance(leaf, query.Phrase):
            field = base.get(leaf.fieldname, leaf.fieldname)
            if field in terms:
                terms[field].update(leaf.words)
            continue
        if type(leaf) is query.Term:
            # A term marks its own text: no need to ask the index whether it
            # occurs (where it does not, no text can match it).
            field = base.get(leaf.fieldname, leaf.fieldname)
            if field in terms:
                text = leaf.text
                terms[field].add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
            continue
        try:
            found: Iterable[tuple[str, Any]] = leaf.existing_terms(
                reader, phrases=True, expand=True
            )
        except Exception:  # a leaf Whoosh cannot expand has nothing to highlight
            continue
        for found_field, value in found:
            field = base.get(found_field, found_field)
            if field in terms:
                terms[field].add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return terms
