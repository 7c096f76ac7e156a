"""SearchEngine on the bundled article: relevance, morphology, filters, paging, threads."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import (
    CorpusError,
    IndexConflictError,
    QueryError,
    SearchEngine,
    SearchIndexError,
    SearchlibError,
    SettingsError,
)
from searchlib._index import _LOCK
from searchlib._locking import FileLock
from searchlib._paths import MANIFEST
from searchlib.analysis import index_words, normalize_word, stem
from tests.conftest import CORPUS, bundled_plus, run_in_threads

# Query (in forms that differ from the text) -> the paragraph a reader wants first.
RELEVANCE = [
    ("официальный визит Токаева в Баку", 1),
    ("саммит Организации тюркских государств", 1),
    ("продовольственная безопасность и климатические изменения", 2),
    ("культурно-языковое объединение", 2),
    ("эксперт по международным отношениям", 3),
    ("роль молодёжи", 5),
    ("молодёжная дипломатия и новая элита", 6),
    ("Алматы столица тюркского мира", 7),
    ("город Шуши", 7),
    ("транспортная логистика и энергетика", 9),
    ("Средний коридор", 10),
    ("цифровая платформа Азербайджана", 10),
    ("логистические хабы", 11),
    ("мягкая сила soft power", 13),
    ("Карабахская война", 14),
    ("единство в кризисный период", 14),
]


@pytest.mark.parametrize(("query", "paragraph"), RELEVANCE)
def test_relevance_expected_paragraph_first(
    engine: SearchEngine, query: str, paragraph: int
) -> None:
    results = engine.search(query)
    assert results.hits, query
    assert results.hits[0].paragraph == paragraph, [
        (h.paragraph, round(h.score, 2)) for h in results
    ]


def test_morphology_finds_other_forms(engine: SearchEngine) -> None:
    # The text says `интеграции`, `интеграция` is nowhere in it.
    results = engine.search("интеграция", limit=50)
    by_stem = ["интеграц" in h.text.lower() for h in results]
    assert sum(by_stem) >= 4
    # Stem matches first; after them only 4-letter-prefix relatives (`интересы`).
    assert by_stem == sorted(by_stem, reverse=True)
    for hit in results:
        marked = [hit.text[s:e].lower() for s, e in hit.matches]
        if "интеграц" in hit.text.lower():
            assert marked and all(word.startswith("интеграц") for word in marked)
            assert "<mark>интеграц" in hit.snippet.html().lower()
        else:  # a prefix relative alone: found, but `интересы` is not marked (issue 15)
            assert marked == []


def test_yo_is_folded_both_ways(engine: SearchEngine) -> None:
    with_yo = engine.search("молодёжь")
    without = engine.search("МОЛОДЕЖЬ")
    assert [h.id for h in with_yo] == [h.id for h in without] and with_yo.total > 0
    # The text says `партнёрами` and `партнеры`: both found from either spelling.
    assert {h.paragraph for h in engine.search("партнёр")} == {
        h.paragraph for h in engine.search("партнер")
    }
    assert {10, 11} <= {h.paragraph for h in engine.search("партнер")}


def test_hyphenated_words_whole_and_by_part(engine: SearchEngine) -> None:
    assert [h.paragraph for h in engine.search("Касым-Жомарт")] == [1]
    assert [h.paragraph for h in engine.search("Жомарт")] == [1]
    whole = engine.search("культурно-языкового")
    assert [h.paragraph for h in whole] == [2]
    assert "<mark>культурно-языкового</mark>" in whole.hits[0].snippet.html()
    # A compound's parts far apart in a text do not match the compound.
    assert engine.search("транспортной-энергетике").total == 0
    assert engine.search("транспортной энергетике").total > 0


def test_hits_carry_everything(engine: SearchEngine) -> None:
    results = engine.search("Средний коридор", kind="quote")
    hit = results.hits[0]
    assert hit.kind == "quote" and hit.paragraph == 10 and hit.quote == 1
    assert hit.speaker == "Анастасия Лаврина" and hit.article == "otg-summit-baku"
    assert hit.id == "otg-summit-baku#p10.q1"
    assert hit.text.startswith("Средний коридор объединяет")
    assert hit.score > 0
    assert hit.snippet.html().startswith("<mark>Средний</mark> <mark>коридор</mark>")
    assert [hit.text[s:e] for s, e in hit.matches] == ["Средний", "коридор"]
    assert "text:средн" in results.parsed_query and "text:коридор" in results.parsed_query


def test_quote_and_its_paragraph_are_one_hit(engine: SearchEngine) -> None:
    results = engine.search("Средний коридор")
    assert results.total == 1 and results.hits[0].paragraph == 10
    assert results.hits[0].matched_quotes == ("otg-summit-baku#p10.q1",)
    # Asking for one kind returns that kind only, uncollapsed.
    assert [h.kind for h in engine.search("Средний коридор", kind="paragraph")] == ["paragraph"]
    quotes = engine.search("Средний коридор", kind="quote")
    assert [h.id for h in quotes] == ["otg-summit-baku#p10.q1"] and quotes.hits[
        0
    ].matched_quotes == ()


def test_paragraph_hit_names_the_quotes_that_matched_inside_it(engine: SearchEngine) -> None:
    # `Лаврина` is not in the quote, `интеграции` is: the paragraph wins and says which quote matched.
    hit = next(h for h in engine.search("интеграции стимул отметила") if h.paragraph == 4)
    assert hit.kind == "paragraph" and hit.matched_quotes == ("otg-summit-baku#p4.q1",)
    assert hit.speaker == "Анастасия Лаврина"


@pytest.mark.parametrize(
    "query",
    ["Казахстан Азербайджан партнеры", "экономические цифровые проекты", "тюркский мир регион"],
)
def test_coordination_more_matched_words_rank_first(engine: SearchEngine, query: str) -> None:
    from searchlib.analysis import terms

    wanted = set(terms(query))
    matched = [len(wanted & set(terms(h.text))) for h in engine.search(query, limit=50)]
    assert matched == sorted(matched, reverse=True) and matched[0] == len(wanted)


def test_query_syntax(engine: SearchEngine) -> None:
    assert [h.paragraph for h in engine.search('"средний коридор"')] == [10]
    assert engine.search('"коридор средний"').total == 0
    both = engine.search("Казахстан AND молодёжь")
    assert both.total == 0 or all("азахстан" in h.text for h in both)
    no_kz = engine.search("интеграция NOT Казахстан")
    assert no_kz.total > 0 and all("Казахстан" not in h.text for h in no_kz)
    prefixed = {h.paragraph for h in engine.search("интеграц*")}
    assert prefixed == {h.paragraph for h in engine.search("интеграция") if "интеграц" in h.text}
    assert [h.paragraph for h in engine.search("Карабахкой~")] == [14]
    assert all(h.kind == "quote" for h in engine.search("kind:quote интеграция"))
    assert {h.paragraph for h in engine.search("paragraph:[1 TO 2] ОТГ")} == {1, 2}
    assert all(h.speaker == "Анастасия Лаврина" for h in engine.search("speaker:Лавриной регион"))


def test_a_minus_excludes_as_not_does(engine: SearchEngine) -> None:
    minus = engine.search("интеграция -Казахстан", limit=50)
    assert minus.total > 0 and all("Казахстан" not in h.text for h in minus)
    assert [h.id for h in minus] == [
        h.id for h in engine.search("интеграция NOT Казахстан", limit=50)
    ]
    assert {h.id for h in minus} < {h.id for h in engine.search("интеграция", limit=50)}
    quotes = engine.search("молодёжь -kind:paragraph", limit=50)
    assert quotes.total == len(quotes.hits) > 0 and {h.kind for h in quotes} == {"quote"}
    assert {h.kind for h in engine.search("молодёжь -kind:quote", limit=50)} == {"paragraph"}
    # Whoosh's own AndNot kept a first match that the excluded clause starts before
    # (whoosh-community/whoosh#419): `Лаврина NOT kind:paragraph` found one paragraph.
    assert engine.search("Лаврина NOT kind:paragraph").total == 0
    # An excluded word's first four letters are a ranking signal, not the word: words
    # that share only them stay (`политику`, `политического` for `-политолог`).
    kept = engine.search("мира -политолог", limit=50)
    assert all("политолог" not in h.text.lower() for h in kept)
    assert any("полити" in h.text for h in kept)


_WORDS = ["интеграция", "молодёжь", "Казахстан", "саммит", "Баку", "тюркского", "регион"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.sampled_from(_WORDS)), min_size=1, max_size=5),
    st.sampled_from(["paragraph", "quote"]),
)
def test_no_hit_holds_a_word_its_query_excludes(
    engine: SearchEngine, words: list[tuple[bool, str]], kind: str
) -> None:
    text = " ".join(("-" if excluded else "") + word for excluded, word in words)
    excluded_stems = {stem(normalize_word(word)) for excluded, word in words if excluded}
    for hit in engine.search(text, kind=kind, limit=100):
        assert excluded_stems.isdisjoint(stem(w) for w, _ in index_words(hit.text))


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(
        [
            "kind:quote",
            "kind:paragraph",
            "article:otg-summit-baku",
            "экономика OR мир",
            "экономика AND мир",
            "интегр* NOT Казахстан",
            "молодёжь -kind:paragraph",
            "интеграция",
            "paragraph:[1 TO 6]",
        ]
    ),
    st.sampled_from([None, "paragraph", "quote"]),
    st.sampled_from([None, "Лаврина"]),
    st.integers(1, 12),
)
def test_total_is_the_number_of_hits_whatever_the_limit(
    engine: SearchEngine, text: str, kind: str | None, speaker: str | None, limit: int
) -> None:
    """(A filter-only or boolean query with ``kind=`` counted the documents before the
    filter: `kind:quote` with kind="paragraph" said 5 and showed none.)"""
    everything = engine.search(text, kind=kind, speaker=speaker, limit=100)
    assert everything.total == len(everything.hits)
    shown = engine.search(text, kind=kind, speaker=speaker, limit=limit)
    assert shown.total == everything.total and shown.hits == everything.hits[:limit]


def test_a_typo_alone_is_ranked_by_its_correction(engine: SearchEngine) -> None:
    """A document matching a typo's correction matches the word: `Азирбайджан` ranks as
    `Азербайджан` does, at half the score (all of them scored 0 in an arbitrary order)."""
    typed, meant = engine.search("Азирбайджан"), engine.search("Азербайджан")
    assert typed.suggestion == "Азербайджан" and typed.total == meant.total > 1
    assert [h.id for h in typed] == [h.id for h in meant]
    assert [h.score for h in typed] == pytest.approx([h.score / 2 for h in meant])
    # A word as typed still leads a correction: the index's own spelling first.
    both = engine.search("Азирбайджан Азербайджана")
    assert both.hits[0].score > typed.hits[0].score


@pytest.mark.parametrize(
    ("inline", "words", "given"),
    [
        ("цыфровой kind:quote", "цыфровой", {"kind": "quote"}),
        ("byntuhfwbz kind:quote", "byntuhfwbz", {"kind": "quote"}),
        ("kind:quote молодёжь мир", "молодёжь мир", {"kind": "quote"}),
        ("speaker:Лаврина молодёжь", "молодёжь", {"speaker": "Лаврина"}),
        ("молодёжь article:otg-summit-baku", "молодёжь", {"article": "otg-summit-baku"}),
        # (Where the clause stands does not matter: the first word still opens the query.)
        ("kind:paragraph Интеграция молодёжи", "Интеграция молодёжи", {"kind": "paragraph"}),
        ("-Казахстан Интеграция молодёжи", "Интеграция молодёжи -Казахстан", {}),
    ],
)
def test_words_beside_inline_filters_are_read_as_with_the_filters_given_apart(
    engine: SearchEngine, inline: str, words: str, given: dict[str, str]
) -> None:
    """`цыфровой kind:quote` went to Whoosh's parser as typed: no typo correction, no
    layout switch, no adjacent pairs; it is `цыфровой` with kind="quote" now."""
    found, expected = engine.search(inline), engine.search(words, **given)  # type: ignore[arg-type]
    assert found.total == expected.total > 0
    assert [(h.id, h.score) for h in found] == [(h.id, h.score) for h in expected]
    assert (found.corrected_query is None) == (expected.corrected_query is None)
    assert (found.suggestion is None) == (expected.suggestion is None)


def test_stop_words_beside_clauses_leave_the_clauses_alone(engine: SearchEngine) -> None:
    """`и kind:quote` found nothing (an empty plan of words, restricted by the clause)."""
    for text, alone in (
        ("и kind:quote", "kind:quote"),
        ("что kind:quote", "kind:quote"),
        ("kind:quote и", "kind:quote"),
        ("и -Казахстан", "-Казахстан"),
        ("в speaker:Лаврина", "speaker:Лаврина"),
    ):
        found, expected = engine.search(text, limit=50), engine.search(alone, limit=50)
        assert found.total == expected.total > 0, text
        assert [h.id for h in found] == [h.id for h in expected], text


def test_a_typo_beside_an_exclusion_is_corrected_and_the_exclusion_kept(
    engine: SearchEngine,
) -> None:
    found = engine.search("цыфровой -Казахстан")
    assert found.suggestion == "цифровой -Казахстан" and found.total > 0
    assert all("Казахстан" not in h.text for h in found)
    # Only the words are corrected: a filter's or an exclusion's value stays as typed.
    assert engine.search("цыфровой -цыфровой").suggestion == "цифровой -цыфровой"
    assert engine.search("цыфровой speaker:цыфровой").suggestion == "цифровой speaker:цыфровой"


def test_a_boost_at_a_questions_end_is_a_boost(engine: SearchEngine) -> None:
    """`коридор^2?` searched the phrase "коридор 2" and found nothing, silently."""
    expected = [(h.id, h.score) for h in engine.search("коридор^2")]
    assert expected
    for text in ("коридор^2?", "коридор^2!", "коридор^2.", "(коридор^2),"):
        assert [(h.id, h.score) for h in engine.search(text)] == expected, text
    assert engine.search('"коридор^2?"').total == 0  # (a phrase's text is taken as typed)


def test_a_prefix_of_ids_or_articles_is_matched_as_written(tmp_path: Path) -> None:
    """`article:News*` was lower-cased, so it found `news-2` and not `News-1`."""
    records = [{"id": "News-1", "text": "мир"}, {"id": "news-2", "text": "мир"}]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        for text, ids in (
            ("article:News*", ["News-1"]),
            ("id:News*", ["News-1"]),
            ("id:news*", ["news-2"]),
            ("мир -id:News*", ["news-2"]),
            ("id:N*s-?", ["News-1"]),
        ):
            assert [h.id for h in engine.search(text)] == ids, text


def test_words_in_a_quoted_value_keep_their_layout(engine: SearchEngine) -> None:
    """Beside a filter, the layout switch read tokens inside quoted values and phrases."""
    for text in (
        'speaker:"Анастасия kfdhbyf Лаврина" интеграция',
        'интеграция NOT "средний rjhbljh ghjtrn"',
        '"столицы n.hrcrjuj мира" kind:paragraph',
    ):
        assert engine.search(text).corrected_query is None, text
    assert engine.search("byntuhfwbz kind:quote").corrected_query == "интеграция kind:quote"


def test_groups_keep_their_exclusions_beside_an_or(engine: SearchEngine) -> None:
    """`(интеграция -Казахстан) OR коридор` dropped коридор's paragraph: Whoosh's OR took
    the group's clauses in, and its exclusion with them."""
    for text, reversed_ in (
        ("(интеграция -Казахстан) OR коридор", "коридор OR (интеграция -Казахстан)"),
        ("(-Казахстан) OR коридор", "коридор OR (-Казахстан)"),
    ):
        found = {h.id for h in engine.search(text, limit=50)}
        assert found == {h.id for h in engine.search(reversed_, limit=50)}, text
        assert {h.id for h in engine.search("коридор")} <= found
    alone = {h.id for h in engine.search("-Казахстан", limit=50)}
    assert alone < {h.id for h in engine.search("(-Казахстан) OR коридор", limit=50)}


def test_an_inline_speaker_with_no_words_is_a_query_error(engine: SearchEngine) -> None:
    """`интеграция speaker:???` was searched without the filter, silently."""
    with pytest.raises(QueryError, match="has no searchable words"):
        engine.search("интеграция speaker:???")


def test_a_speaker_is_found_by_any_form_of_their_name(tmp_path: Path) -> None:
    """Speakers are stored in the nominative; `speaker=` and `speaker:` take any case."""
    records = [
        {"id": "a", "text": "«Мы готовы к диалогу», — заявил министр Сергей Лавров."},
        {"id": "b", "text": "«Бюджет сбалансирован», — сказала Анастасия Лаврина."},
        {"id": "c", "text": "«Налоги не вырастут», — сказал министр финансов Антон Силуанов."},
        # (a hyphenated name needs both halves: not Корсаков's nor Римский's quote)
        {"id": "d", "text": "«Музыка вечна», — сказал Николай Римский-Корсаков."},
        {"id": "e", "text": "«Музыка сложна», — сказал Юрий Корсаков."},
        {"id": "f", "text": "«Музыка проста», — сказал Лев Римский."},
    ]
    engine = SearchEngine.from_documents(records, tmp_path / "ix")
    for typed in ("speaker:Римский-Корсаков", 'speaker:"Римского-Корсакова"'):
        assert [h.speaker for h in engine.search(typed)] == ["Николай Римский-Корсаков"], typed
    found = engine.search("музыка", speaker="Римского-Корсакова")
    assert [h.speaker for h in found] == ["Николай Римский-Корсаков"]
    everything = "готовы OR бюджет OR налоги"
    for name, speaker in [
        ("Лаврова", "Сергей Лавров"),
        ("Сергея Лаврова", "Сергей Лавров"),
        ("лавров", "Сергей Лавров"),
        ("Лавриной", "Анастасия Лаврина"),
        ("Силуанова", "Антон Силуанов"),
        ("Антону Силуанову", "Антон Силуанов"),
    ]:
        found = engine.search(everything, speaker=name)
        assert [h.speaker for h in found] == [speaker], name
        last = name.split()[-1]
        for typed in (
            f"({everything}) AND speaker:{last}",
            f"speaker:{last}",  # (its stems were each required: nothing found)
            f"готовы бюджет налоги speaker:{last}",  # (without OR: the speaker filters)
            f'speaker:"{name}"',  # (a phrase on a field without positions: an error)
            f'готовы бюджет налоги speaker:"{name}"',
        ):
            assert [h.speaker for h in engine.search(typed)] == [speaker], typed
    assert engine.search(everything, speaker="Ивана Петрова").total == 0
    assert engine.search('speaker:"Ивана Петрова"').total == 0
    with pytest.raises(QueryError):
        engine.search(everything, speaker="—")


def test_filters(engine: SearchEngine) -> None:
    for name in ("Лаврина", "Анастасия Лаврина", "Лавриной", "лаврина"):
        results = engine.search("регион", speaker=name)
        assert results.total > 0 and all(h.speaker == "Анастасия Лаврина" for h in results), name
    assert engine.search("регион", speaker="Токаев").total == 0
    assert engine.search("регион", article="otg-summit-baku").total > 0
    with pytest.raises(QueryError, match="no article 'no-such-article' in the index"):
        engine.search("регион", article="no-such-article")  # (as quotes(article=) says)
    for text in ("article:no-such-article", "регион article:no-such-article"):  # (as article=)
        with pytest.raises(QueryError, match="no article 'no-such-article' in the index"):
            engine.search(text)
    assert engine.search("регион -article:no-such-article").total > 0
    assert engine.search("article:no-such-article OR article:otg-summit-baku").total > 0
    assert engine.search("квантовая гравитация", article="otg-summit-baku").total == 0
    quotes = engine.search("тюркского мира", kind="quote")
    assert quotes.total > 0 and all(h.kind == "quote" for h in quotes)


def test_a_query_of_filter_fields_alone_finds_their_documents(engine: SearchEngine) -> None:
    """`kind:quote` alone found nothing (the arrays score words; these fields hold none)."""
    quotes = engine.search("kind:quote", limit=100)
    assert quotes.total == 5 and all(h.kind == "quote" for h in quotes)
    assert engine.search("article:otg-summit-baku", limit=100).total == 14
    third = engine.search("paragraph:3")
    assert [h.paragraph for h in third] == [3] and third.parsed_query == "paragraph:3"
    both = engine.search("kind:paragraph AND paragraph:3")
    assert both.total == 1 and both.parsed_query == "(kind:paragraph AND paragraph:3)"
    assert engine.search("регион paragraph:4").parsed_query.endswith("FILTER paragraph:4")


def test_kind_in_the_query_keeps_hits_apart_as_the_kind_argument_does(tmp_path: Path) -> None:
    """`kind:quote` in the query gives each quote as a hit of its own, as `kind="quote"`
    does (two quotes of one paragraph were one hit, naming itself as matched)."""
    records = [
        {
            "id": "d1",
            "title": "Кошки и люди",
            "text": "«Кошка спит», — сказала Анна Петрова. «Кошка ест», — добавила она.",
        }
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        for found in (
            engine.search("кошка kind:quote"),
            engine.search("кошка AND kind:quote"),
            engine.search("кошка NOT kind:paragraph"),
            engine.search("кошка kind:quot*"),
            engine.search("кошка", kind="quote"),
        ):
            assert [(h.id, h.matched_quotes) for h in found] == [("d1#q1", ()), ("d1#q2", ())]
            # A quote's hit shows its record's title, as the record's own hit does.
            assert [h.title for h in found] == ["Кошки и люди"] * 2
        both = engine.search("кошка")  # (collapsed: the best of the paragraph and its quotes)
        assert [h.title for h in both] == ["Кошки и люди"]
        assert set(both.hits[0].matched_quotes) == {"d1#q1", "d1#q2"}
        either = engine.search("кошка OR kind:quote")  # (not every match is a quote)
        assert len(either.hits) == 1
    # A title with no word to index is a title all the same.
    untitled = [{"id": "d2", "title": "…", "text": "«Кошка ушла», — сказал он."}]
    with SearchEngine.from_documents(untitled, tmp_path / "ix2") as engine:
        assert [h.title for h in engine.search("кошка", kind="quote")] == ["…"]


def test_pagination(engine: SearchEngine) -> None:
    everything = engine.search("тюркский мир регион интеграция", limit=100)
    assert everything.total == len(everything.hits) > 4
    pages = [engine.search("тюркский мир регион интеграция", limit=2, page=p) for p in range(1, 20)]
    ids = [h.id for page in pages for h in page]
    assert ids == [h.id for h in everything]
    assert pages[0].pages == (everything.total + 1) // 2
    assert all(p.total == everything.total for p in pages)
    assert pages[-1].hits == ()


def test_empty_and_stop_word_queries_find_nothing(engine: SearchEngine) -> None:
    for query in ("", "   ", "и в на", "?!"):
        results = engine.search(query)
        assert results.total == 0 and results.hits == () and results.parsed_query == ""


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 10_000}, "at most"),
        ({"limit": "5"}, "limit"),
        ({"page": 0}, "page"),
        ({"page": True}, "page"),
        ({"kind": "article"}, "kind"),
        ({"speaker": "и"}, "no searchable words"),
        ({"speaker": 5}, "speaker"),
        ({"article": ""}, "article"),
    ],
)
def test_bad_parameters_are_query_errors(engine: SearchEngine, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(QueryError, match=message):
        engine.search("регион", **kwargs)


def test_bad_queries_are_query_errors(engine: SearchEngine) -> None:
    with pytest.raises(QueryError):
        engine.search("paragraph:abc")
    with pytest.raises(QueryError, match="at most 2 edits"):
        engine.search("слово~5")
    with pytest.raises(QueryError, match="too long"):
        engine.search("слово " * 1000)


def test_shared_between_threads(engine: SearchEngine) -> None:
    queries = [q for q, _ in RELEVANCE]
    expected = {q: [h.id for h in engine.search(q)] for q in queries}

    def work() -> None:
        for _ in range(3):
            for q in queries:
                assert [h.id for h in engine.search(q)] == expected[q]

    run_in_threads(work, 6)


def test_searchers_follow_a_rebuild_from_another_engine(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "ix"
    reader = SearchEngine(corpus_copy, index)
    assert reader.search("Самарканд").total == 0
    (corpus_copy / "extra.txt").write_text("Саммит в Самарканде.", encoding="utf-8")
    with SearchEngine(corpus_copy, index) as writer:
        assert writer.info().rebuilt
    assert reader.search("Самарканд").total == 1
    reader.close()


def test_an_engine_closed_during_a_search_says_it_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that meets readers another thread closed says the engine is closed (it
    said `QueryError: … ReaderClosed`: a web app answered 400, bad query)."""
    engine = SearchEngine(CORPUS, tmp_path / "ix")
    runner = engine._queries
    search, quotes = runner.search, runner.quotes

    def closed_first(run: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            engine.close()  # (as another thread may, between the check and the reading)
            return run(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(runner, "search", closed_first(search))
    monkeypatch.setattr(runner, "quotes", closed_first(quotes))
    with pytest.raises(SearchlibError, match="closed") as raised:
        engine.search("мир~ инт*", speaker="Лаврина")
    assert not isinstance(raised.value, QueryError)
    with pytest.raises(SearchlibError, match="closed") as raised:
        engine.quotes(speaker="Лаврина")
    assert not isinstance(raised.value, QueryError)


def test_context_manager_and_close(tmp_path: Path) -> None:
    with SearchEngine(CORPUS, tmp_path / "ix") as engine:
        assert engine.search("регион").total > 0
        assert "open" in repr(engine)
    with pytest.raises(SearchlibError, match="closed"):
        engine.search("регион")
    with pytest.raises(SearchlibError, match="closed"):
        engine.build()
    with pytest.raises(SearchlibError, match="closed"), engine:  # (not at the first call)
        pass


def test_build_force_and_info(tmp_path: Path) -> None:
    with SearchEngine(CORPUS, tmp_path / "ix") as engine:
        assert engine.info().rebuilt  # built on opening
    with SearchEngine(CORPUS, tmp_path / "ix") as engine:
        info = engine.info()
        assert (info.paragraphs, info.quotes, info.documents) == (14, 5, 19)
        assert not info.rebuilt and not engine.build().rebuilt
        forced = engine.build(force=True)
        assert forced.rebuilt and forced.build != info.build
        assert engine.search("регион").total > 0


def test_auto_build_false_needs_an_existing_index(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no index"):
        SearchEngine(CORPUS, tmp_path / "ix", auto_build=False)
    SearchEngine(CORPUS, tmp_path / "ix").close()
    with SearchEngine(CORPUS, tmp_path / "ix", auto_build=False) as engine:
        assert engine.search("регион").total > 0


def test_auto_build_false_opens_only_the_named_sources_index(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Бюджет вырос на пять процентов.\n", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=f"--index {tmp_path / 'ix'} --corpus {news}"):
        SearchEngine(news, tmp_path / "ix", auto_build=False)  # (the command builds news)
    SearchEngine(CORPUS, tmp_path / "ix").close()  # the bundled article's index
    with pytest.raises(IndexConflictError, match="holds the bundled article, not the corpus"):
        SearchEngine(news, tmp_path / "ix", auto_build=False)
    SearchEngine(news, tmp_path / "own").close()
    (news / "a.txt").write_text("Бюджет вырос.\nНалоги снижены.\n", encoding="utf-8")
    with SearchEngine(news, tmp_path / "own", auto_build=False) as engine:  # stale: as it is
        assert engine.info().paragraphs == 1 and engine.search("бюджет").total == 1
        engine.add([{"id": "r", "text": "Бюджет утверждён."}])
    with SearchEngine(news, tmp_path / "own", auto_build=False) as engine:  # edited from it
        assert engine.search("бюджет").total == 2
    with pytest.raises(IndexConflictError, match="not the bundled article"):
        SearchEngine(index=tmp_path / "own", auto_build=False)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Яблоки.\n", encoding="utf-8")
    with pytest.raises(IndexConflictError, match=f"the corpus {news} edited with add/remove"):
        SearchEngine(other, tmp_path / "own", auto_build=False)  # (edited, but news's)
    SearchEngine.from_documents([{"id": "r", "text": "Снег."}], tmp_path / "records").close()
    with pytest.raises(IndexConflictError, match="made with SearchEngine.from_documents"):
        SearchEngine(news, tmp_path / "records", auto_build=False)
    SearchEngine(other, tmp_path / "of-other").close()
    with pytest.raises(IndexConflictError) as raised:
        SearchEngine(news, tmp_path / "of-other", auto_build=False)
    assert raised.value.source == other.resolve()  # (what the index was built from)
    with pytest.raises(IndexConflictError) as raised:
        SearchEngine.from_documents([{"id": "r", "text": "Снег."}], tmp_path / "of-other")
    assert raised.value.source == other.resolve()


def test_the_default_engine_brings_its_own_edited_index_back_to_the_bundled_article(
    tmp_path: Path,
) -> None:
    # (`SearchEngine().remove(…)` on the bundled article's index: the next default engine
    # rebuilds it, as a named corpus does its own; it was refused as another's until
    # `searchlib index build --force`.)
    with SearchEngine(index=tmp_path / "ix") as engine:
        [article] = engine.articles
        assert engine.remove(article.id).paragraphs == 0
    with SearchEngine(index=tmp_path / "ix", auto_build=False) as engine:  # as it is
        assert engine.info().paragraphs == 0
    with SearchEngine(index=tmp_path / "ix") as engine:
        assert engine.info().rebuilt and engine.info().paragraphs == 14
        engine.add([{"id": "r", "text": "Бюджет утверждён."}])
    with SearchEngine(index=tmp_path / "ix") as engine:
        assert engine.info().paragraphs == 14 and engine.search("бюджет").total == 0
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Бюджет вырос.\n", encoding="utf-8")
    with SearchEngine(news, tmp_path / "own") as engine:
        engine.add([{"id": "r", "text": "Бюджет утверждён."}])
    with pytest.raises(IndexConflictError, match=f"the corpus {news} edited with add/remove"):
        SearchEngine(index=tmp_path / "own")  # (another corpus's, edited: not the default's)


def test_auto_build_false_opens_the_index_of_its_corpus_moved_with_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "news").mkdir(parents=True)
    (project / "news" / "a.txt").write_text("Бюджет вырос.\n", encoding="utf-8")
    SearchEngine(project / "news", project / "ix").close()
    deployed = tmp_path / "deployed"
    project.rename(deployed)
    with SearchEngine(deployed / "news", deployed / "ix", auto_build=False) as engine:
        assert engine.search("бюджет").total == 1
        engine.add([{"id": "r", "text": "Бюджет принят."}])  # (edited from its new place)
    with SearchEngine(deployed / "news", deployed / "ix", auto_build=False) as engine:
        assert engine.search("бюджет").total == 2
    SearchEngine(deployed / "news", deployed / "ix").close()  # (back in line with it)
    copied = tmp_path / "copied"
    shutil.copytree(deployed, copied)
    (copied / "news" / "a.txt").write_text("Бюджет упал.\n", encoding="utf-8")  # (another)
    with pytest.raises(IndexConflictError, match="not the corpus"):
        SearchEngine(copied / "news", copied / "ix", auto_build=False)


def test_articles_are_parsed(engine: SearchEngine) -> None:
    [article] = engine.articles
    assert len(article.paragraphs) == 14 and len(article.quotes) == 5


def test_snippet_chars_is_validated(tmp_path: Path) -> None:
    with pytest.raises(SearchlibError, match="snippet_chars"):
        SearchEngine(CORPUS, tmp_path / "ix", snippet_chars=5)


def test_default_corpus_and_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from searchlib._paths import checkout_root

    monkeypatch.setenv("SEARCHLIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    if checkout_root() is not None:
        pytest.skip("running from a source checkout: the default index is the repository's index/")
    with SearchEngine() as engine:
        assert engine.info().paragraphs == 14
        assert engine.index_path == tmp_path / "cache" / "index"


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    """The bundled article and a second one with quotes by the same expert."""
    folder = tmp_path_factory.mktemp("two")
    corpus = bundled_plus(
        folder,
        "second.txt",
        "Политолог Анастасия Лаврина рассказала об интеграции тюркского мира.\n"
        '"Интеграция региона идёт быстро, а Средний коридор растёт", — отметила она.\n'
        "Средний коридор связывает Китай и Европу через регион.\n"
        '"Молодёжь региона — главный ресурс интеграции", — добавила эксперт.\n',
    )
    with SearchEngine(corpus, folder / "index") as eng:
        yield eng


COLLAPSE_CASES = [
    ("интеграция", {"speaker": "Лаврина"}),
    ("интеграция региона", {"article": "second"}),
    ("Средний коридор", {}),
    ("интеграц*", {"speaker": "Лаврина"}),
    ("интеграция OR коридор", {"speaker": "Лаврина"}),
    ("Средний AND коридор", {"speaker": "Лаврина"}),
    ("paragraph:[1 TO 5] интеграция", {}),
    ("speaker:Лаврина регион", {}),
    ("регион интеграция молодёжь", {}),
]


@pytest.mark.parametrize("fast", [True, False], ids=["numpy", "whoosh"])
@pytest.mark.parametrize(("query", "filters"), COLLAPSE_CASES)
def test_one_hit_per_paragraph_and_pages_partition_the_ranking(
    two_articles: SearchEngine, fast: bool, query: str, filters: dict[str, str]
) -> None:
    """With filters and query syntax too, on both ranking paths: a quote and its
    paragraph are one hit, ``total`` counts hits, and pages split one ranking."""
    engine = two_articles
    engine._queries.fast = fast
    try:
        everything = engine.search(query, limit=100, **filters)
        groups = [(h.article, h.paragraph) for h in everything]
        assert len(groups) == len(set(groups)), groups
        assert everything.total == len(everything.hits) > 0
        pages = [engine.search(query, limit=2, page=p, **filters) for p in range(1, 12)]
        assert [h.id for page in pages for h in page] == [h.id for h in everything]
        assert all(page.total == everything.total for page in pages)
    finally:
        engine._queries.fast = True


def test_bad_argument_types_are_searchlib_errors(tmp_path: Path) -> None:
    from searchlib import CorpusError

    for call in (
        lambda: SearchEngine(123, tmp_path / "a"),  # type: ignore[arg-type]
        lambda: SearchEngine(CORPUS, 4.5),  # type: ignore[arg-type]
        lambda: SearchEngine.open(None),  # type: ignore[arg-type]
        lambda: SearchEngine.from_documents([], ["ix"]),  # type: ignore[arg-type]
    ):
        with pytest.raises(SearchlibError, match="must be a path"):
            call()
    for documents in (None, 7, {"id": "d1", "text": "Москва"}):
        with pytest.raises(CorpusError, match="iterable of records"):
            SearchEngine.from_documents(documents, tmp_path / "b")  # type: ignore[arg-type]
    with pytest.raises(CorpusError, match="give an article"):  # a str is a file's path
        SearchEngine.from_documents("text", tmp_path / "b")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_removing_an_id_that_is_not_unicode_is_a_query_error(tmp_path: Path) -> None:
    records = [{"id": "d1", "text": "Казань принимает гостей."}, {"id": "d2", "text": "Москва."}]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        build = engine.info().build
        for rid in ("\ud800", "d1\udc80", "\udfff\ud800"):
            with pytest.raises(QueryError, match="no article or record with id") as info:
                engine.remove(rid)
            str(info.value).encode("utf-8")  # the message is printable
        with pytest.raises(QueryError, match="no article or record with id"):
            engine.remove("d1", "\ud800")  # nothing is removed when one id is not held
        assert engine.info().build == build
        assert engine.remove("d1").paragraphs == 1


def test_remove_takes_integer_ids_as_their_digits(tmp_path: Path) -> None:
    records = [{"id": 5, "text": "Саммит в Баку."}, {"id": "6", "text": "Москва."}]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        build = engine.info().build
        for bad, message in (
            ([5], "strings or integers, not list .pass them one by one"),
            (True, "not bool"),
            (5.0, "not float"),
            (10**5000, "no article or record has an id that long"),
            (7, "no article or record with id '7'"),
        ):
            with pytest.raises(QueryError, match=message):
                engine.remove(bad)  # type: ignore[arg-type]
        assert engine.info().build == build  # nothing was removed
        assert engine.remove(5, 6).paragraphs == 0
        assert not engine.search("Баку").hits


def test_a_conflict_names_the_source_in_its_rebuild_command(tmp_path: Path) -> None:
    """The suggested `index build --force` keeps the --corpus it was asked to build."""
    SearchEngine.from_documents([{"id": "r", "text": "запись"}], tmp_path / "ix").close()
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Новость дня.", encoding="utf-8")
    with pytest.raises(IndexConflictError) as caught:
        SearchEngine(corpus, tmp_path / "ix")
    assert f"searchlib index build --force --index {tmp_path / 'ix'} --corpus {corpus}" in str(
        caught.value
    )


def test_phrases_and_hyphenated_words_find_other_forms_of_their_words(tmp_path: Path) -> None:
    """The stemmer cuts `объем`/`объемы` and `канал`/`канале` differently; forms still match."""
    records = [
        {"id": "a", "text": "Объёмы продаж выросли."},
        {"id": "b", "text": "Об этом сообщил телеграм-канал."},
        {"id": "c", "text": "Об этом написали в телеграм-канале «Раньше всех»."},
        {"id": "d", "text": "Продаж стало меньше, объём рынка прежний."},
    ]
    engine = SearchEngine.from_documents(records, tmp_path / "ix")
    assert [h.id for h in engine.search('"объем продаж"')] == ["a"]
    assert [h.id for h in engine.search('"объёмы продаж"')] == ["a"]
    assert engine.search('Где вырос "объем продаж"?').hits[0].id == "a"
    for query in ("телеграм-канал", '"телеграм-канале"', "телеграм-каналы"):
        assert {h.id for h in engine.search(query)} == {"b", "c"}, query
    snippet = engine.search("телеграм-канал")[0].snippet.plain("*")
    assert "*телеграм-канал" in snippet


def test_speakers_are_listed_from_the_index_most_quoted_first(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "«Мы готовы к диалогу», — заявил министр Сергей Лавров."},
        {"id": "b", "text": "«Бюджет сбалансирован», — сказала Анастасия Лаврина."},
        {"id": "c", "text": "«Налоги не вырастут», — сказала Анастасия Лаврина."},
        {"id": "d", "text": "«Всё будет хорошо», — сообщили в пресс-службе."},
    ]
    SearchEngine.from_documents(records, tmp_path / "ix").close()
    with SearchEngine.open(tmp_path / "ix") as engine:  # no corpus at hand
        assert engine.speakers() == [("Анастасия Лаврина", 2), ("Сергей Лавров", 1)]
        engine.remove("c")
        assert engine.speakers() == [("Анастасия Лаврина", 1), ("Сергей Лавров", 1)]
    engine.close()
    with pytest.raises(SearchlibError, match="closed"):
        engine.speakers()


def test_quotes_are_read_from_the_index_as_the_corpus_gives_them(engine: SearchEngine) -> None:
    parsed = [q for a in engine.articles for p in a.paragraphs for q in p.quotes]
    assert len(parsed) == 5 and engine.quotes() == parsed  # (spans and parts too)
    for name in ("Лавриной", "Анастасия Лаврина", "лаврина", "Анастасию"):
        assert engine.quotes(speaker=name) == parsed, name
    assert engine.quotes(speaker="Токаев") == []
    assert engine.quotes(article=parsed[0].article) == parsed
    assert engine.quotes(article=parsed[0].article, speaker="Токаев") == []
    with pytest.raises(QueryError, match="no article 'нет-такой' in the index"):
        engine.quotes(article="нет-такой", speaker="Лаврина")  # (a typo says so: not [])
    with SearchEngine.open(engine.index_path) as alone:  # no corpus at hand
        assert alone.quotes() == parsed


def test_quotes_of_a_collection_follow_its_updates(tmp_path: Path) -> None:
    records = [
        {
            "id": "a",
            "text": "«Мы готовы к диалогу, — заявил министр Сергей Лавров. — Но не к уступкам».",
        },
        {"id": "b", "text": "«Бюджет сбалансирован», — сказала Анастасия Лаврина."},
        {"id": "c", "text": "«Всё будет хорошо», — сообщили в пресс-службе."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        quotes = engine.quotes()
        assert [(q.id, q.speaker) for q in quotes] == [
            ("a#q1", "Сергей Лавров"),
            ("b#q1", "Анастасия Лаврина"),
            ("c#q1", None),
        ]
        interrupted = quotes[0]
        assert len(interrupted.parts) == 2
        assert interrupted.text == "Мы готовы к диалогу, … Но не к уступкам"
        assert [records[0]["text"][s:e] for s, e in interrupted.parts] == [
            "Мы готовы к диалогу,",
            "Но не к уступкам",
        ]
        engine.remove("b")
        engine.add([{"id": "d", "text": "«Налоги не вырастут», — сказала Анастасия Лаврина."}])
        assert [q.id for q in engine.quotes()] == ["a#q1", "c#q1", "d#q1"]
        assert [q.id for q in engine.quotes(speaker="Лавриной")] == ["d#q1"]
        assert [q.id for q in engine.quotes(article="a")] == ["a#q1"]
        engine.add([{"id": "e", "text": "Цитат здесь нет."}])
        assert engine.quotes(article="e") == []  # (an article without quotes: none)
        with pytest.raises(QueryError, match="no article 'b'"):
            engine.quotes(article="b")  # (removed)


def test_quotes_come_in_reading_order_of_their_ids(tmp_path: Path) -> None:
    said = "«Бюджет сбалансирован», — сказала Анастасия Лаврина."
    ids = ["10", "9", "a10", "a2", "2", "1" * 5000]  # (no number conversion of the last)
    records = [{"id": rid, "text": said} for rid in ids]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        order = [q.article for q in engine.quotes()]
    assert order == ["2", "9", "10", "1" * 5000, "a2", "a10"]


def test_quotes_of_an_index_built_before_their_places_were_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older build's quote documents lack ``parts``: a clear error with the way to rebuild."""
    from searchlib._index import IndexDocument

    fields = IndexDocument.fields
    with monkeypatch.context() as patched:  # (the documents an older searchlib wrote)
        patched.setattr(IndexDocument, "fields", lambda d: {**fields(d), "parts": None})
        records = [{"id": "a", "text": "«Бюджет сбалансирован», — сказала Анастасия Лаврина."}]
        SearchEngine.from_documents(records, tmp_path / "ix").close()
    with SearchEngine.open(tmp_path / "ix") as engine:
        assert engine.search("бюджет", kind="quote").total == 1  # (searching still works)
        with pytest.raises(SearchIndexError, match="older searchlib.*index add FILE"):
            engine.quotes()


def test_an_article_filter_takes_a_records_integer_id(tmp_path: Path) -> None:
    """`article=5` is the record indexed from `{"id": 5}`, as `remove(5)` takes it."""
    records = [
        {"id": 5, "text": "«Бюджет сбалансирован», — сказала Анастасия Лаврина."},
        {"id": 50, "text": "«Бюджет дефицитен», — сказал Иван Петров."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        assert [q.id for q in engine.quotes(article=5)] == ["5#q1"]
        assert [h.article for h in engine.search("бюджет", article=50)] == ["50"]
        with pytest.raises(QueryError, match="article must be"):
            engine.quotes(article=True)  # type: ignore[arg-type]


def test_a_speaker_filter_asks_for_whole_names_not_stems(tmp_path: Path) -> None:
    """`Петров` is not `Пётр`, nor `Путиной` a man `Путин` (a stem took them for one);
    a word the name lexicon cannot read matches the indexed words of its stem (of four
    letters or more)."""
    said = {
        "a": "«Бюджет принят», — сказал Пётр Иванов.",
        "b": "«Бюджет не принят», — сказал Иван Петров.",
        "c": "«Может быть», — сказал Роман Путин.",
        "d": "«Конечно», — сказала Вера Путина.",
        "e": "«Мы договорились», — заявил президент Франции Эмманюэль Макрон.",
        "f": "«Я готов», — сказал футболист Дани Алвес.",
        "g": "«Я тоже», — сказал теннисист Даниил Медведев.",
    }
    records = [{"id": rid, "text": text} for rid, text in said.items()]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:

        def by(name: str) -> list[str]:
            return [q.article for q in engine.quotes(speaker=name)]

        assert by("Петров") == ["b"] and by("Петрова") == ["b"] and by("Пётр") == ["a"]
        assert by("Путиной") == ["d"] and by("Путин") == ["c"] and by("Путина") == ["c", "d"]
        assert by("Макрону") == ["e"] and by("Эмманюэлем Макроном") == ["e"]
        # (A stem too short to be a name's matches no other words: `дан` began `Даниил`.)
        assert by("Дани") == ["f"] and by("Алвеса") == ["f"] and by("Даниил") == ["g"]
        assert [h.article for h in engine.search("бюджет", speaker="Петрова")] == ["b"]
        # Marks around a word are no part of it (`Петров.` was read as a word the lexicon
        # cannot read, by its stem: it found Пётр too).
        for typed in ("Петров.", "(Петров)", "Петров~", "«Петрова»", "Петров!?"):
            assert by(typed) == ["b"], typed
        assert by("Путиной,") == ["d"] and by("Макрону.") == ["e"]


def test_an_index_of_another_analysis_is_refused_not_searched_wrongly(tmp_path: Path) -> None:
    """An index whose terms another version made (another schema: the speaker field's
    stems) would silently match nothing: `open` refuses it, saying how to rebuild it."""
    records = [{"id": "a", "text": "«Санкции не работают», — заявил министр Сергей Лавров."}]
    SearchEngine.from_documents(records, tmp_path / "ix").close()
    manifest = tmp_path / "ix" / "searchlib-index.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["schema"] = "6"  # (the layout before whole-word speakers)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        SearchIndexError, match="written by another version of searchlib.*index add FILE"
    ):
        SearchEngine.open(tmp_path / "ix")


def test_quotes_refuse_filters_they_cannot_use(engine: SearchEngine, tmp_path: Path) -> None:
    for bad in (
        {"speaker": ""},
        {"speaker": "и"},
        {"speaker": 5},
        {"article": ""},
        {"article": 3.5},
    ):
        with pytest.raises(QueryError):
            engine.quotes(**bad)  # type: ignore[arg-type]
    closed = SearchEngine(CORPUS, tmp_path / "ix")
    closed.close()
    with pytest.raises(SearchlibError, match="closed"):
        closed.quotes()


def test_speakers_written_with_and_without_yo_are_one_person(tmp_path: Path) -> None:
    # Each article's speakers as it spells them; the list counts them as one person.
    records = [
        {"id": "a", "text": "«Это недопустимо», — сказал вице-спикер Пётр Толстой."},
        {"id": "b", "text": "«Это опасно», — сказал вице-спикер Пётр Толстой."},
        {"id": "c", "text": "«Это неприемлемо», — сказал вице-спикер Петр Толстой."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        assert engine.speakers() == [("Пётр Толстой", 3)]
        by_id = {h.id: h.speaker for h in engine.search("недопустимо опасно неприемлемо")}
        assert by_id == {"a": "Пётр Толстой", "b": "Пётр Толстой", "c": "Петр Толстой"}
        assert engine.search("неприемлемо", speaker="Пётр Толстой").total == 1


def test_from_documents_takes_a_jsonl_or_article_file_as_a_new_collection(tmp_path: Path) -> None:
    collection = tmp_path / "news.jsonl"
    collection.write_text(
        '{"id": "n1", "text": "Бюджет принят."}\n{"id": "n2", "text": "Налоги снижены."}\n',
        encoding="utf-8",
    )
    seen: list[int] = []
    with SearchEngine.from_documents(
        collection, tmp_path / "ix", progress=lambda done, total: seen.append(done), timeout=2.0
    ) as engine:
        assert [h.id for h in engine.search("бюджет")] == ["n1"]
        engine.add([{"id": "n3", "text": "Бюджет исполнен."}])
        assert {h.id for h in engine.search("бюджет")} == {"n1", "n3"}
    with pytest.raises(SearchlibError, match="timeout"):
        SearchEngine.from_documents(collection, tmp_path / "ix2", timeout=-1)
    with pytest.raises(SettingsError, match="give one"):
        SearchEngine.from_documents(collection, tmp_path / "ix2", add=True, rebuild=True)
    with pytest.raises(SettingsError, match="add must be True or False"):
        SearchEngine.from_documents(collection, tmp_path / "ix2", add="yes")  # type: ignore[arg-type]
    with pytest.raises(CorpusError, match="give an article"):
        SearchEngine.from_documents(tmp_path / "notes.md", tmp_path / "ix3")


def test_from_documents_add_starts_a_collection_or_adds_to_the_index(tmp_path: Path) -> None:
    collection = tmp_path / "news.jsonl"
    collection.write_text('{"id": "n1", "text": "Бюджет принят."}\n', encoding="utf-8")
    with SearchEngine.from_documents(collection, tmp_path / "ix", add=True) as engine:
        assert engine.info().rebuilt and [h.id for h in engine.search("бюджет")] == ["n1"]
    records = iter([{"id": "n2", "text": "Бюджет исполнен."}])  # (an iterator: read once)
    with SearchEngine.from_documents(records, tmp_path / "ix", add=True) as engine:
        assert not engine.info().rebuilt
        assert {h.id for h in engine.search("бюджет")} == {"n1", "n2"}
    SearchEngine(CORPUS, tmp_path / "bundled").close()
    with SearchEngine.from_documents(collection, tmp_path / "bundled", add=True) as engine:
        assert engine.info().paragraphs == 15  # (added to the article's 14, as add() does)


def test_from_documents_add_waits_for_a_first_build_being_made_current(tmp_path: Path) -> None:
    """A first build is renamed into place under the writer lock a moment before its
    manifest is written; a writer adding at that moment saw builds and no manifest, a
    lost index, and refused (one of three `index add` processes at once into a new
    folder, now and then).  It waits for the lock and adds to the new index."""
    import threading
    import time

    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "b", "text": "Снег выпал."}], index).close()
    manifest = index / MANIFEST
    held = manifest.read_bytes()
    manifest.unlink()  # (the moment between the rename and the manifest's writing)
    locked = threading.Event()

    def committing_writer() -> None:
        with FileLock(index / _LOCK, timeout=30):
            locked.set()
            time.sleep(0.3)
            manifest.write_bytes(held)

    writer = threading.Thread(target=committing_writer)
    writer.start()
    locked.wait(10)
    try:
        with SearchEngine.from_documents(
            [{"id": "a", "text": "Снег растаял."}], index, add=True
        ) as engine:
            assert {h.id for h in engine.search("снег")} == {"a", "b"}
    finally:
        writer.join()


def test_from_documents_add_keeps_an_index_another_writer_started_meanwhile(
    tmp_path: Path,
) -> None:
    index = tmp_path / "ix"
    started: list[int] = []

    def another_writer(done: int, total: int | None) -> None:
        # While this build runs, another writer starts an index in the same new folder.
        if not started:
            started.append(done)
            SearchEngine.from_documents([{"id": "b", "text": "Снег выпал."}], index).close()

    mine = [{"id": "a", "text": "Снег растаял."}]
    with SearchEngine.from_documents(mine, index, add=True, progress=another_writer) as engine:
        assert {h.id for h in engine.search("снег")} == {"a", "b"}
        assert not engine.info().rebuilt  # (added to the other writer's index)
    assert len([p for p in index.iterdir() if p.name.startswith(("build-", "tmp-"))]) >= 1
    assert not [p for p in index.iterdir() if p.name.startswith("tmp-")]  # (its own build gone)
