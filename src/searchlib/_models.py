"""The value types: articles, paragraphs, quotes, snippets, hits and result pages.

All are frozen, keyword-only attrs classes: safe to share between threads,
hashable, and with a ``repr`` short enough to read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

__all__ = [
    "Article",
    "Hit",
    "IndexInfo",
    "Kind",
    "Paragraph",
    "Quote",
    "SearchResults",
    "Snippet",
    "Span",
]

Kind = Literal["paragraph", "quote"]
KINDS: tuple[Kind, ...] = ("paragraph", "quote")
#: ``(start, end)`` character offsets, end exclusive, as in ``text[start:end]``.
Span = tuple[int, int]


#: Characters a terminal acts on instead of showing: C0 controls but tab and line break
#: (escape sequences, carriage returns), DEL, C1 controls, and the bidirectional
#: overrides and isolates that reorder what follows them on the line; and lone
#: surrogates (a command-line argument's undecodable bytes), which no UTF-8 output holds.
_TERMINAL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with each character a terminal would act on written out as ``\\uXXXX``.

    Indexed text may hold escape sequences (`\\x1b]0;…` retitles a window); a
    snippet for a terminal must show them, not run them.  (Also valid inside a
    JSON string, where it stands for the same character.)

    >>> terminal_safe("a\\x1b[31mb\\u202ec")
    'a\\\\u001b[31mb\\\\u202ec'
    """
    return _TERMINAL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _short(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _spans_ok(name: str, spans: tuple[Span, ...], length: int) -> None:
    last = 0
    for start, end in spans:
        if not (last <= start < end <= length):
            raise ValueError(
                f"{name}: {spans!r} are not ordered, non-empty spans within 0..{length}"
            )
        last = end


@attrs.frozen(kw_only=True)
class Quote:
    """Quoted speech inside a paragraph, with who said it.

    ``text`` excludes the quote marks and the attribution (`— отметила она`);
    an interrupted quote (`«Первое, — сказал он. — Второе»`) has one entry in
    ``parts`` per piece, and its ``text`` joins them with ``" … "``.
    ``span`` runs from the start of the first part to the end of the last,
    in the paragraph's text.  ``speaker`` is the speaker's name in the
    nominative (`Анастасия Лаврина`), or None when the text does not say
    clearly who it is (a press service, an unnamed source...).
    """

    id: str
    article: str
    paragraph: int = attrs.field(validator=attrs.validators.ge(1))
    number: int = attrs.field(validator=attrs.validators.ge(1))
    text: str = attrs.field(repr=_short)
    speaker: str | None
    span: Span
    parts: tuple[Span, ...] = attrs.field(repr=False)

    @parts.validator
    def _check_parts(self, attribute: Any, parts: tuple[Span, ...]) -> None:
        if not parts or parts[0][0] != self.span[0] or parts[-1][1] != self.span[1]:
            raise ValueError(f"parts {parts!r} must start and end with span {self.span!r}")


@attrs.frozen(kw_only=True)
class Paragraph:
    """One paragraph (one non-empty line of the article file), numbered from 1."""

    id: str
    article: str
    number: int = attrs.field(validator=attrs.validators.ge(1))
    text: str = attrs.field(repr=_short)
    quotes: tuple[Quote, ...] = attrs.field(default=(), repr=lambda q: f"<{len(q)} quotes>")

    @property
    def speakers(self) -> tuple[str, ...]:
        """Distinct named speakers of the paragraph's quotes, in order."""
        return tuple(dict.fromkeys(q.speaker for q in self.quotes if q.speaker))


@attrs.frozen(kw_only=True)
class Article:
    """An article: its id (the file name without ``.txt``), metadata and paragraphs."""

    id: str
    title: str | None = None
    source: str | None = None
    paragraphs: tuple[Paragraph, ...] = attrs.field(
        default=(), repr=lambda p: f"<{len(p)} paragraphs>"
    )

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(q for p in self.paragraphs for q in p.quotes)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@attrs.frozen(kw_only=True)
class Snippet:
    """The best fragments of a hit's text, with the matched words marked.

    ``fragments`` and ``matches`` are offsets into ``text`` (the hit's full
    text), so an application can render them its own way; the methods below
    render the usual forms.  Fragments are joined with `` … ``, and an
    ellipsis marks text cut at either end.

    >>> s = Snippet(text="Главный стимул интеграции", fragments=((0, 25),), matches=((15, 25),))
    >>> s.html()
    'Главный стимул <mark>интеграции</mark>'
    >>> s.plain("**")
    'Главный стимул **интеграции**'
    """

    text: str = attrs.field(repr=_short)
    fragments: tuple[Span, ...]
    matches: tuple[Span, ...]

    def __attrs_post_init__(self) -> None:
        _spans_ok("fragments", self.fragments, len(self.text))
        _spans_ok("matches", self.matches, len(self.text))

    def _render(self, escape: Any, before: str, after: str, ellipsis: str) -> str:
        # ``escape`` (``html.escape`` or ``str``) acts on each character alone and only
        # lengthens: a fragment it leaves as long as it was needs no escaping, and its
        # pieces go in as they are (one call a fragment, not two a match and one more;
        # 92% of fragments).  The spans are ordered (checked above): the matches before
        # a fragment are passed over once.  (html() of the hits of 1,000 development
        # questions: 0.038 -> 0.035 ms a query.)
        text, matches = self.text, self.matches
        pieces: list[str] = []
        first = 0  # (the first match that may end inside the fragment)
        for index, (start, end) in enumerate(self.fragments):
            if index:
                pieces.append(f" {ellipsis} ")
            elif start:
                pieces.append(ellipsis)
            while first < len(matches) and matches[first][1] <= start:
                first += 1
            whole = text[start:end]
            escaped = escape(whole)
            verbatim = len(escaped) == len(whole)
            cursor = start
            for m_start, m_end in matches[first:]:
                if m_start >= end:
                    break
                m_start, m_end = max(m_start, start), min(m_end, end)
                if verbatim:
                    pieces += (text[cursor:m_start], before, text[m_start:m_end], after)
                else:
                    pieces.append(escape(text[cursor:m_start]))
                    pieces.append(before + escape(text[m_start:m_end]) + after)
                cursor = m_end
            if cursor == start:
                pieces.append(escaped)
            else:
                pieces.append(text[cursor:end] if verbatim else escape(text[cursor:end]))
        if self.fragments and self.fragments[-1][1] < len(text.rstrip()):
            pieces.append(ellipsis)
        return "".join(pieces)

    def html(self, *, tag: str = "mark") -> str:
        """HTML: matches in ``<mark>…</mark>``, every other character escaped."""
        return self._render(html.escape, f"<{tag}>", f"</{tag}>", "…")

    def plain(self, marker: str = "", end_marker: str | None = None) -> str:
        """Plain text, matches between ``marker`` and ``end_marker`` (default: the same)."""
        return self._render(str, marker, marker if end_marker is None else end_marker, "…")

    def ansi(self, *, style: str = "1;33") -> str:
        """For terminals: matches in bold yellow (or another SGR ``style``); control
        characters of the text shown as ``\\uXXXX`` (see :func:`terminal_safe`)."""
        return self._render(terminal_safe, f"\x1b[{style}m", "\x1b[0m", "…")

    def __str__(self) -> str:
        return self.plain()


@attrs.frozen(kw_only=True)
class Hit:
    """One search result.

    ``kind`` is ``"paragraph"`` or ``"quote"``; ``paragraph`` is the number
    of the paragraph (of the quote's paragraph, for a quote) and ``quote`` the
    quote's number in it.  ``speaker`` is the quote's speaker; for a
    paragraph, the speaker of the quotes it contains (names joined with
    ``", "`` when there are several), else None.  When a quote and the
    paragraph around it both match, the results show one hit, and
    ``matched_quotes`` lists the ids of the quotes inside it that matched.
    ``title`` is the record's title in a JSONL collection.
    """

    id: str
    kind: Kind
    article: str
    paragraph: int
    quote: int | None
    speaker: str | None
    score: float
    text: str = attrs.field(repr=_short)
    # A Snippet, or a function that makes one: snippets are built on first
    # use, so a search whose hits are not all shown does not pay for them.
    _snippet: Snippet | Callable[[], Snippet] = attrs.field(alias="snippet", repr=False, eq=False)
    matched_quotes: tuple[str, ...] = ()
    title: str | None = None

    @property
    def snippet(self) -> Snippet:
        """The highlighted fragments of ``text`` (built on first access)."""
        value = self._snippet
        if not isinstance(value, Snippet):
            value = value()
            object.__setattr__(self, "_snippet", value)
        return value

    @property
    def matches(self) -> tuple[Span, ...]:
        """Offsets of the matched words in ``text``."""
        return self.snippet.matches

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the CLI prints (snippet in HTML)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "article": self.article,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "speaker": self.speaker,
            "score": round(self.score, 6),
            "text": self.text,
            "snippet": self.snippet.html(),
            "matches": [list(m) for m in self.matches],
            "matched_quotes": list(self.matched_quotes),
            "title": self.title,
        }


@attrs.frozen(kw_only=True)
class SearchResults:
    """One page of results: ``total`` hits in all, ``hits`` on this page, best first.

    ``parsed_query`` shows how the query was understood (the Whoosh query),
    for debugging relevance.  ``corrected_query`` is set when the query was
    typed in the wrong keyboard layout and these are the results for the
    corrected one (`ghbdtn` -> `привет`); ``suggestion`` is a did-you-mean
    query when words of the query are unknown to the index and close to known
    ones (their matches are already in the results, ranked below exact ones).
    ``partial`` is True when the search was cut short to bound its work (a
    wildcard, fuzzy word or range matched more index words than are searched,
    or the search ran out of its time budget): the hits are real matches, but
    not all of them, and ``total`` counts only those found; ``partial_reason``
    says what was cut.
    """

    query: str
    # A string, or a function that makes one: made on first use.
    _parsed_query: str | Callable[[], str] = attrs.field(alias="parsed_query", repr=False, eq=False)
    total: int
    page: int
    limit: int
    hits: tuple[Hit, ...] = attrs.field(repr=lambda h: f"<{len(h)} hits>")
    corrected_query: str | None = None
    suggestion: str | None = None
    partial: bool = False
    partial_reason: str | None = None

    @property
    def parsed_query(self) -> str:
        """How the query was understood: the Whoosh query searched, as text."""
        value = self._parsed_query
        if not isinstance(value, str):
            value = value()
            object.__setattr__(self, "_parsed_query", value)
        return value

    @property
    def pages(self) -> int:
        """Number of pages at this ``limit``."""
        return (self.total + self.limit - 1) // self.limit

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> Hit:
        return self.hits[index]

    def to_dict(self) -> dict[str, Any]:
        """The CLI's ``--json`` object."""
        return {
            "query": self.query,
            "parsed_query": self.parsed_query,
            "total": self.total,
            "page": self.page,
            "limit": self.limit,
            "corrected_query": self.corrected_query,
            "suggestion": self.suggestion,
            "partial": self.partial,
            "partial_reason": self.partial_reason,
            "hits": [hit.to_dict() for hit in self.hits],
        }


@attrs.frozen(kw_only=True)
class IndexInfo:
    """What an index holds and where it lives."""

    path: Path
    corpus: Path | None
    build: str
    fingerprint: str
    paragraphs: int
    quotes: int
    rebuilt: bool  # True when this engine built the index it serves (on opening or in build())

    @property
    def documents(self) -> int:
        return self.paragraphs + self.quotes
