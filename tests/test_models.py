"""Value types: validation, repr, snippet rendering and escaping, JSON forms."""

from __future__ import annotations

import attrs
import pytest

from searchlib import Hit, Paragraph, Quote, SearchResults, Snippet


def _snippet(text: str = "Главный стимул интеграции — потребность") -> Snippet:
    return Snippet(text=text, fragments=((0, len(text)),), matches=((15, 25),))


def test_snippet_formats() -> None:
    s = _snippet()
    assert s.html() == "Главный стимул <mark>интеграции</mark> — потребность"
    assert s.html(tag="b") == "Главный стимул <b>интеграции</b> — потребность"
    assert s.plain() == "Главный стимул интеграции — потребность"
    assert s.plain("**") == "Главный стимул **интеграции** — потребность"
    assert s.plain("[", "]") == "Главный стимул [интеграции] — потребность"
    assert s.ansi() == "Главный стимул \x1b[1;33mинтеграции\x1b[0m — потребность"
    assert str(s) == s.plain()


def test_snippet_html_escapes_everything_but_the_marks() -> None:
    text = '<script>alert("x")</script> & интеграция'
    s = Snippet(text=text, fragments=((0, len(text)),), matches=((8, 13),))
    assert s.html() == (
        "&lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt; &amp; интеграция"
    )
    assert "<script>" not in s.html()


def test_snippet_fragments_and_ellipses() -> None:
    text = "Первое предложение. Второе про интеграцию. Третье. Четвёртое про интеграцию."
    s = Snippet(text=text, fragments=((20, 42), (51, 76)), matches=((31, 41), (65, 75)))
    assert s.plain("*") == "…Второе про *интеграцию*. … Четвёртое про *интеграцию*."
    head = Snippet(text=text, fragments=((0, 19),), matches=())
    assert head.plain() == "Первое предложение.…"


@pytest.mark.parametrize(
    ("fragments", "matches"),
    [(((5, 3),), ()), (((0, 100),), ()), (((0, 5), (3, 8)), ()), (((0, 5),), ((4, 4),))],
)
def test_snippet_rejects_bad_spans(fragments: tuple, matches: tuple) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match="spans"):
        Snippet(text="0123456789", fragments=fragments, matches=matches)


def test_values_are_frozen_and_keyword_only() -> None:
    quote = Quote(
        id="a#p1.q1",
        article="a",
        paragraph=1,
        number=1,
        text="Т",
        speaker=None,
        span=(1, 2),
        parts=((1, 2),),
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quote.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Quote("a#p1.q1", "a", 1, 1, "Т", None, (1, 2), ((1, 2),))  # type: ignore[misc]
    with pytest.raises(ValueError):
        Quote(
            id="x",
            article="a",
            paragraph=0,
            number=1,
            text="Т",
            speaker=None,
            span=(1, 2),
            parts=((1, 2),),
        )
    with pytest.raises(ValueError, match="parts"):
        Quote(
            id="x",
            article="a",
            paragraph=1,
            number=1,
            text="Т",
            speaker=None,
            span=(1, 5),
            parts=((1, 2),),
        )


def test_repr_is_short() -> None:
    paragraph = Paragraph(id="a#p1", article="a", number=1, text="слово " * 100, quotes=())
    text = repr(paragraph)
    assert len(text) < 200 and "<0 quotes>" in text and "..." in text


def _hit(**changes: object) -> Hit:
    values: dict[str, object] = {
        "id": "a#p1",
        "kind": "paragraph",
        "article": "a",
        "paragraph": 1,
        "quote": None,
        "speaker": None,
        "score": 1.23456789,
        "text": "Главный стимул интеграции — потребность",
        "snippet": _snippet(),
    }
    values.update(changes)
    return Hit(**values)  # type: ignore[arg-type]


def test_hit_json_form() -> None:
    data = _hit().to_dict()
    assert data == {
        "id": "a#p1",
        "kind": "paragraph",
        "article": "a",
        "paragraph": 1,
        "quote": None,
        "speaker": None,
        "score": 1.234568,
        "text": "Главный стимул интеграции — потребность",
        "snippet": "Главный стимул <mark>интеграции</mark> — потребность",
        "matches": [[15, 25]],
        "matched_quotes": [],
        "title": None,
    }


def test_results_page_arithmetic_and_sequence_protocol() -> None:
    hits = (_hit(), _hit(id="a#p2", paragraph=2))
    results = SearchResults(query="q", parsed_query="text:q", total=21, page=1, limit=10, hits=hits)
    assert results.pages == 3
    assert len(results) == 2 and list(results) == list(hits) and results[1].paragraph == 2
    assert results.to_dict()["total"] == 21
    assert "<2 hits>" in repr(results)


def test_snippet_marks_and_escapes_each_fragment_alone() -> None:
    """A fragment needing no escape and one needing it; a match cut by a fragment's end,
    matches before and between fragments."""
    text = "a & b. Мир интеграции и мира. <Мир> & мир, «мир». Конец"
    s = Snippet(
        text=text,
        fragments=((7, 20), (30, 48)),
        matches=((0, 1), (7, 10), (11, 21), (31, 34), (38, 41), (44, 47)),
    )
    assert s.html() == (
        "…<mark>Мир</mark> <mark>интеграци</mark> … &lt;<mark>Мир</mark>&gt; &amp; "
        "<mark>мир</mark>, «<mark>мир</mark>»…"
    )
    assert s.plain("[", "]") == "…[Мир] [интеграци] … <[Мир]> & [мир], «[мир]»…"
    bare = Snippet(text=text, fragments=((0, 6), (30, 48)), matches=())
    assert bare.html() == "a &amp; b. … &lt;Мир&gt; &amp; мир, «мир»…"


def test_ansi_snippets_show_the_texts_control_characters_and_plain_keeps_them() -> None:
    text = "x\x1b]0;PWN\x07 \u202eкошка"
    snippet = Snippet(text=text, fragments=((0, len(text)),), matches=((len(text) - 5, len(text)),))
    assert snippet.ansi() == "x\\u001b]0;PWN\\u0007 \\u202e\x1b[1;33mкошка\x1b[0m"
    assert snippet.plain() == text  # (plain text is the text; a terminal needs ansi())
