"""Ranking settings, word classes, and the kind-aware BM25F statistics."""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pytest

from searchlib import Ranking, SearchEngine, SearchlibError, SettingsError
from searchlib._morph import lemma, word_class
from searchlib._query import parse_query
from searchlib._schema import build_schema
from searchlib._scoring import log_length
from tests.conftest import CORPUS


def test_defaults_and_validation() -> None:
    ranking = Ranking()
    assert (ranking.stems, ranking.prefixes, ranking.lemmas, ranking.words) == (1.0, 1.0, 1.0, 0.3)
    assert (ranking.names, ranking.other_words, ranking.pairs) == (1.5, 0.7, 0.5)
    assert (ranking.coordination, ranking.k1, ranking.b) == (0.1, 1.0, 0.75)
    assert ranking.log_lengths and not Ranking(log_lengths=False).log_lengths
    for bad in ({"stems": -1}, {"pairs": "much"}, {"b": 1.5}, {"k1": True}):
        with pytest.raises(SettingsError):  # a searchlib error, and a ValueError
            Ranking(**bad)  # type: ignore[arg-type]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ranking.stems = 2  # type: ignore[misc]


def test_engine_rejects_a_bad_ranking(tmp_path: Path) -> None:
    with pytest.raises(SearchlibError, match="searchlib.Ranking"):
        SearchEngine(CORPUS, tmp_path / "ix", ranking={"stems": 1})  # type: ignore[arg-type]


def test_word_classes_and_lemmas() -> None:
    assert word_class("москва") == "name" and word_class("лавров") == "name"
    assert word_class("коридор") == "noun"
    assert word_class("подчеркнула") == "other" and word_class("средний") == "other"
    assert word_class("soft") == "unknown"
    assert lemma("людей") == "человек" and lemma("шёл".replace("ё", "е")) == "идти"


def test_weights_reach_the_query() -> None:
    schema = build_schema()
    text = str(parse_query("роль подчеркнула Лаврина", schema))
    assert "text:рол " in text or "text:рол |" in text  # a noun: weight 1
    assert "text:подчеркнул^0.7" in text  # a verb
    assert "text:лаврин^1.5" in text  # a capitalised word after the first: a name
    plain = str(
        parse_query("роль подчеркнула", schema, ranking=Ranking(word_classes=False, pairs=0))
    )
    assert "^0.7" not in plain and '"' not in plain
    lean = str(parse_query("роль молодёжи", schema, ranking=Ranking(prefixes=0, lemmas=0, words=0)))
    assert "prefix:" not in lean and "lemma:" not in lean and "words:" not in lean


def test_question_words_are_dropped_unless_they_are_all_there_is() -> None:
    schema = build_schema()
    assert "сколько" not in str(parse_query("Сколько стран в ОТГ?", schema))
    kept = str(parse_query("Сколько стран?", schema, ranking=Ranking(question_words=False)))
    assert "сколько" in kept
    assert "котор" in str(parse_query("который", schema))


def test_ranking_changes_results_and_applies_per_engine(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    default = SearchEngine(CORPUS, index)
    plain = SearchEngine(CORPUS, index, ranking=Ranking(prefixes=0, lemmas=0, words=0))
    assert plain.ranking != default.ranking
    # Only the prefix match finds `Молодёжная` for `молодёжь`.
    assert {h.paragraph for h in default.search("молодёжь")} > {
        h.paragraph for h in plain.search("молодёжь")
    }
    default.close()
    plain.close()


def test_quotes_do_not_change_paragraph_statistics(tmp_path: Path) -> None:
    # The same paragraph text scores the same whether or not the corpus has quotes.
    with_quote = [
        {"id": "a", "text": "Он сказал: «Интеграция важна для региона»."},
        {"id": "b", "text": "Текст."},
    ]
    without = [
        {"id": "a", "text": "Он сказал: Интеграция важна для региона."},
        {"id": "b", "text": "Текст."},
    ]
    one = SearchEngine.from_documents(with_quote, tmp_path / "one")
    two = SearchEngine.from_documents(without, tmp_path / "two")
    assert one.info().quotes == 1 and two.info().quotes == 0
    score_one = one.search("интеграция региона", kind="paragraph").hits[0].score
    score_two = two.search("интеграция региона", kind="paragraph").hits[0].score
    assert score_one == pytest.approx(score_two)
    one.close()
    two.close()


def test_lengths_above_the_average_count_logarithmically(tmp_path: Path) -> None:
    """A long passage among short paragraphs is penalised as avg x (1 + ln(length / avg))."""
    short = [{"id": f"s{i}", "text": f"Короткий абзац номер {i} о погоде."} for i in range(30)]
    filler = " ".join(f"слово{i}" for i in range(300))
    docs = [
        *short,
        {"id": "long", "text": f"Долгий отчёт о бюджете. {filler}"},
        {"id": "short", "text": "Бюджет утвердили вчера вечером, без споров."},
    ]
    scores = {}
    for log_lengths in (False, True):
        engine = SearchEngine.from_documents(
            docs, tmp_path / f"ix-{log_lengths}", ranking=Ranking(log_lengths=log_lengths)
        )
        with engine:
            for fast in (True, False):  # the numpy ranker and Whoosh's agree
                engine._queries.fast = fast
                hits = engine.search("бюджет", kind="paragraph").hits
                scores[log_lengths, fast] = {h.id: h.score for h in hits}
    for fast in (True, False):
        linear, logarithmic = scores[False, fast], scores[True, fast]
        assert set(linear) == set(logarithmic) == {"long", "short"}
        assert logarithmic["long"] > linear["long"]  # penalised less
        assert logarithmic["short"] == pytest.approx(linear["short"])  # below the average
    assert scores[True, True] == pytest.approx(scores[True, False], rel=1e-6)


def test_log_length() -> None:
    assert log_length(5.0, 10.0) == 5.0 and log_length(10.0, 10.0) == 10.0
    assert log_length(20.0, 10.0) == pytest.approx(10.0 * (1 + math.log(2)))
    assert log_length(1000.0, 10.0) < 60.0  # 100 times the average counts as 5.6 times
