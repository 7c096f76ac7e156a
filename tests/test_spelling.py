"""Typos, wrong layout, did-you-mean and completion, against real indexes."""

from __future__ import annotations

import gzip
import json
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import QueryError, SearchEngine
from searchlib._spelling import display_forms, edit_distance, max_edits
from searchlib.analysis import normalize_word
from tests.conftest import SHARED


def test_edit_distance_counts_a_transposition_as_one() -> None:
    assert edit_distance("карабахкой", "карабахской") == 1
    assert edit_distance("интегарция", "интеграция") == 1
    assert edit_distance("интегарция", "интеграции") == 2
    assert edit_distance("", "абв") == 3 and edit_distance("абв", "абв") == 0


@given(st.text(max_size=8), st.text(max_size=8))
def test_edit_distance_is_a_distance(a: str, b: str) -> None:
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert edit_distance(a, b) <= max(len(a), len(b))


def test_max_edits() -> None:
    assert [max_edits("а" * n) for n in (3, 4, 7, 8, 12)] == [0, 1, 1, 2, 2]


def test_display_forms() -> None:
    assert display_forms(["Москва, Москва", "москва молодёжь"]) == {
        "москва": "Москва",
        "молодежь": "молодёжь",
    }


def test_display_forms_keep_acronyms_and_inner_capitals_not_a_headlines_capitals() -> None:
    assert display_forms(["ОТГ и НАТО", "саммит ОТГ", "iPhone и айфон", "ОТГ"]) == {
        "отг": "ОТГ",
        "нато": "НАТО",
        "iphone": "iPhone",
    }
    # (capitals beside another way of writing win only where they are most of it, and
    # only an abbreviation's or an unknown word's: not a dateline's `МОСКВА`)
    assert display_forms(["Москва", "МОСКВА"]) == {"москва": "Москва"}
    assert display_forms(["МОСКВА, 5 мая", "МОСКВА, 6 мая", "Москва"]) == {"москва": "Москва"}
    assert display_forms(["НАТО и НАТО", "Нато"]) == {"нато": "НАТО"}
    assert display_forms(["ВНИМАНИЕ", "внимание", "внимание"]) == {}
    # (only in capitals: as the text writes it, `ТАСС` as `ФИФА`, though the dictionary
    # has no abbreviation of them)
    assert display_forms(["ТАСС и ФИФА", "ПЁТР"]) == {
        "тасс": "ТАСС",
        "фифа": "ФИФА",
        "петр": "ПЁТР",
    }
    assert display_forms([unicodedata.normalize("NFD", "Café Café")]) == {"café": "Café"}
    assert display_forms(["В Москве", "Я сказал", "я"]) == {"москве": "Москве"}
    # (text in decomposed Unicode, NFD: shown composed)
    nfd = unicodedata.normalize("NFD", "Сергей и Йошкар и Й")
    assert display_forms([nfd]) == {"сергей": "Сергей", "йошкар": "Йошкар"}


def test_acronyms_complete_and_correct_as_written(engine: SearchEngine) -> None:
    assert engine.complete("ОТ")[0] == "ОТГ" and engine.complete("baq") == ["BAQ"]
    assert engine.search("ОТГГ саммит").suggestion == "ОТГ саммит"
    assert engine.search("jnu").corrected_query == "ОТГ"  # (the wrong layout, shown as written)
    assert engine.search("vjkjl`;m").corrected_query == "молодёжь"  # (its typed ё kept)
    # (a hyphen is the same key in both layouts)
    assert engine.search("rekmnehyj-zpsrjdjuj").corrected_query == "культурно-языкового"


def test_a_prefix_with_a_hyphen_completes_hyphenated_words(engine: SearchEngine) -> None:
    assert engine.complete("культурно-") == ["культурно-языкового"]
    assert engine.complete("Касым-Ж") == engine.complete("касым-") == ["Касым-Жомарт"]
    assert engine.complete("культурно-х") == engine.complete("-") == []
    assert engine.complete("культурно--") == engine.complete("нет-такого") == []


def test_hyphenated_completions_follow_the_index(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "Он уехал в Санкт-Петербург, потом в Санкт-Петербург снова."},
        {"id": "b", "text": "Сине-зелёное море и санкт-петербургский вокзал."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        assert engine.complete("санкт-п") == ["Санкт-Петербург", "санкт-петербургский"]
        assert engine.complete("сине-зеле") == ["Сине-зелёное"]  # (ё folded, as written)
        engine.remove("a")
        assert engine.complete("санкт-п") == ["санкт-петербургский"]
    marked = [
        {"id": "a", "text": "Город Санкт-Петербу\u0301рг и Ве\u0301рхне-Волжский."},
        {"id": "b", "text": unicodedata.normalize("NFD", "Нью-Йорк и Йошкар-Ола.")},
        {"id": "c", "text": "Франко-германо-российский союз, хе-хе-хе."},
    ]
    with SearchEngine.from_documents(marked, tmp_path / "marked") as engine:
        # (stress marks and decomposed letters inside, shown composed and unmarked)
        assert engine.complete("санкт-") == ["Санкт-Петербург"]
        assert engine.complete("верхне-") == ["Верхне-Волжский"]
        assert engine.complete("нью-й") == ["Нью-Йорк"] and engine.complete("йошкар-") == [
            "Йошкар-Ола"
        ]
        # (whole hyphenated words only: not the middle of a longer one)
        assert engine.complete("германо-") == [] and engine.complete("хе-") == ["хе-хе-хе"]
        assert engine.complete("франко-") == ["Франко-германо-российский"]
    datelines = [
        {"id": "a", "text": "Нью-Йорк. " + "Слово за слово. " * 26_000},  # (400,000+ chars)
        {"id": "b", "text": "НЬЮ-ЙОРК, 1 мая. НЬЮ-ЙОРК, 2 мая. Нью-Джерси и Нью-Йорк."},
        {"id": "c", "text": unicodedata.normalize("NFD", "Café-бар и Café-бар.")},
    ]
    with SearchEngine.from_documents(datelines, tmp_path / "datelines") as engine:
        # (a paragraph too long to read is skipped, not the end of reading; capitals
        # shown only where a word is written no other way)
        assert engine.complete("нью-") == ["Нью-Йорк", "Нью-Джерси"]
        assert engine.complete("café-") == ["Café-бар"]  # (its accent kept)
    agencies = [
        {"id": "a", "text": "ИТАР-ТАСС сообщает. ИТАР-ТАСС. ИТАР-ТАСС. COVID-19, COVID-19."},
        {"id": "b", "text": "Итар-Тасс пишет о Covid-19. ТАСС, ТАСС и Тасс."},
    ]
    with SearchEngine.from_documents(agencies, tmp_path / "agencies") as engine:
        # (capitals where they are most of it and every part may be written so)
        assert engine.complete("итар-") == ["ИТАР-ТАСС"]
        assert engine.complete("covid-") == ["COVID-19"]
        assert engine.complete("тас") == ["ТАСС"]  # (an organisation's name)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="культрно-яКасымЖ ", min_size=1, max_size=12))
def test_hyphenated_completions_start_with_the_prefix(engine: SearchEngine, prefix: str) -> None:
    for word in engine.complete(prefix):
        assert normalize_word(word).startswith(prefix.strip().lower().replace("ё", "е"))


def test_typos_are_matched_below_exact_words(engine: SearchEngine) -> None:
    results = engine.search("Карабахкой войны")
    assert results.hits[0].paragraph == 14
    assert results.suggestion == "Карабахской войны" and results.corrected_query is None
    assert "Карабахской" in results.hits[0].snippet.plain("*") or results.hits[0].matches
    swapped = engine.search("интегарция тюркского")
    assert swapped.suggestion == "интеграции тюркского"
    assert {h.paragraph for h in engine.search("интеграции тюркского")} <= {
        h.paragraph for h in swapped
    }


def test_a_title_questions_words_are_corrected_and_its_phrases_taken_as_typed(
    engine: SearchEngine,
) -> None:
    results = engine.search("Карабахкой войны «Средний коридор»")
    assert results.suggestion == "Карабахской войны «Средний коридор»"
    assert results.hits[0].paragraph == 14
    assert engine.search('"Среднй коридор" войны').suggestion is None
    # A word outside the quotes is corrected, the same word inside a phrase is not.
    both = engine.search("Карабахкой «Карабахкой войны»")
    assert both.suggestion == "Карабахской «Карабахкой войны»"
    # (So too where the query's `й` is `и` and a combining breve: the suggestion is NFC.)
    decomposed = engine.search("Карабахкои\u0306 «Карабахкои\u0306 войны»")
    assert decomposed.suggestion == "Карабахской «Карабахкой войны»"


def test_a_query_valid_as_typed_is_never_corrected(engine: SearchEngine) -> None:
    for query in ("Средний коридор", "молодёжь", "Касым-Жомарт", "soft power", "XII"):
        results = engine.search(query)
        assert results.corrected_query is None and results.suggestion is None, query


def test_a_common_word_the_index_lacks_is_no_typo(engine: SearchEngine) -> None:
    # `алмазы` (diamonds) is one letter from the article's `Алматы`, but a word of the
    # language, typed as meant: no suggestion (its prefix still matches, below exact words).
    assert engine.search("алмазы").suggestion is None
    assert engine._vocabulary().corrections("алмазы") == []
    # A misspelt name is corrected, though the dictionary lists it as a name's variant.
    assert engine.search("Аностасия Лаврина").suggestion == "Анастасия Лаврина"
    assert engine._vocabulary().corrections("интегарции") == ["интеграции"]


def test_a_word_of_a_title_only_is_known(tmp_path: Path) -> None:
    """A word the index holds only in a record's title is never corrected, and a word
    typed in the wrong layout is read as it (`руддщ` found nothing)."""
    records = [
        {"id": "a1", "title": "Hello world", "text": "Программа печатает приветствие."},
        {"id": "a2", "title": "Спорт", "text": "Футбольный клуб выиграл матч."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        layout = engine.search("руддщ")
        assert layout.corrected_query == "hello" and [h.id for h in layout] == ["a1"]
        assert engine.search("Cgjhn").corrected_query == "Спорт"
        for text in ("hello", "Спорт"):
            typed = engine.search(text)
            assert typed.corrected_query is None and typed.suggestion is None and typed.total


def test_wrong_keyboard_layout(engine: SearchEngine) -> None:
    results = engine.search("vjkjl`;m")
    assert results.corrected_query == "молодёжь"
    assert results.hits and results.suggestion is None
    assert [h.id for h in results] == [h.id for h in engine.search("молодёжь")]
    both = engine.search("rfhf,f[crfz djqyf")
    assert both.corrected_query == "карабахская война" and both.hits[0].paragraph == 14
    # A word the index does not know in either layout stays as typed.
    assert engine.search("ghbdtn").corrected_query is None


def test_a_capital_e_typed_in_the_wrong_layout(engine: SearchEngine) -> None:
    # Shift and the э key type `"`: a query opening with `Э` starts with a quote mark.
    results = engine.search('"rjyjvbrf cnhfys')
    assert results.corrected_query == "Экономика страны"
    assert [h.id for h in results] == [h.id for h in engine.search("Экономика страны")]
    # `Это`, though `то` (a stop word) is known too; a quote mark where no Э-word is.
    assert engine.search('"nj ghjtrn').corrected_query == "Это проект"
    assert engine.search('"djqyf cnhfys').corrected_query == "война страны"
    # A quoted word is quoted: taken as typed.
    assert engine.search('"rjyjvbrf"').corrected_query is None


def test_syntax_queries_are_not_corrected(engine: SearchEngine) -> None:
    results = engine.search('"Карабахкой войны"')
    assert results.suggestion is None and results.total == 0
    assert engine.search("Карабахкой~").hits[0].paragraph == 14


def test_case_and_yo_never_matter(engine: SearchEngine) -> None:
    ids = [h.id for h in engine.search("МОЛОДЕЖЬ")]
    assert (
        ids
        == [h.id for h in engine.search("молодёжь")]
        == [h.id for h in engine.search("Молодежь")]
    )


def test_phrases_with_morphology_and_proximity(engine: SearchEngine) -> None:
    assert [h.paragraph for h in engine.search('"среднего коридора"')] == [10]
    assert engine.search('"средний объединяет"').total == 0
    assert [h.paragraph for h in engine.search('"средний объединяет"~2')] == [10]


def test_completion(engine: SearchEngine) -> None:
    assert set(engine.complete("моло")) == {"Молодёжная", "молодым", "молодёжи", "молодёжным"}
    assert engine.complete("Каз") == ["Казахстан", "Казахстана"]
    assert engine.complete("КАЗ") == engine.complete("каз")
    assert engine.complete("молодеж") == engine.complete("молодёж")
    assert len(engine.complete("т", limit=3)) == 3
    assert engine.complete("щщщ") == [] and engine.complete("  ") == []
    for bad in ({"limit": 0}, {"limit": "3"}):
        with pytest.raises(QueryError):
            engine.complete("т", **bad)  # type: ignore[arg-type]
    with pytest.raises(QueryError):
        engine.complete(5)  # type: ignore[arg-type]


def _misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("аеиоу") + word[i + 1 :]


def test_generated_misspellings_of_a_real_vocabulary(tmp_path: Path) -> None:
    """Misspell frequent words of DaNetQA and report how many come back as meant."""
    corpus = SHARED / "data" / "danetqa" / "corpus.jsonl.gz"
    if not corpus.exists():
        pytest.skip("../shared/data/danetqa is not present")
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for _, line in zip(range(300), fh, strict=False)]
    engine = SearchEngine.from_documents(records, tmp_path / "ix")
    vocabulary = engine._vocabulary()
    rng = random.Random(7)
    reader = engine._searcher().reader()
    words = [w.decode() if isinstance(w, bytes) else w for w in reader.lexicon("words")]
    words = [w for w in words if w.isalpha() and len(w) >= 6 and vocabulary.frequency(w) >= 3]
    right = tried = 0
    for word in rng.sample(words, min(200, len(words))):
        typo = _misspell(word, rng)
        if vocabulary.known(typo):
            continue  # the "typo" is itself a word of the index: nothing to correct
        tried += 1
        right += vocabulary.corrections(typo)[:1] == [word]
    share = right / tried
    print(
        f"\nmisspellings corrected to the intended word (first suggestion): {right}/{tried} = {share:.0%}"
    )
    assert tried >= 100 and share >= 0.6
    engine.close()


def test_the_typo_table_and_whoosh_automaton_agree(engine: SearchEngine) -> None:
    from searchlib._spelling import Vocabulary

    table = engine._vocabulary()
    automaton = Vocabulary(engine._current().arrays(), spelling=None)
    for typo in ("карабахкой", "интегарции", "азербайжан", "молдежи", "тюрксого", "коридр"):
        fast, slow = table.corrections(typo), automaton.corrections(typo)
        # The best correction is the same; at two edits the table may miss
        # some farther candidates (two letters missing), never adds wrong ones.
        assert fast[:1] == slow[:1] and set(fast) <= set(slow), typo


def test_completion_table_and_whoosh_term_file_agree(engine: SearchEngine) -> None:
    from searchlib._spelling import Vocabulary

    table = engine._vocabulary()
    state = engine._current()
    forms = engine._keeper.store.display_forms(state.manifest)
    whoosh = Vocabulary(state.arrays(), forms, spelling=None)
    for prefix in ("т", "ка", "моло", "интегр", "сред", "2", "щщ"):
        for limit in (1, 3, 10, 50):
            assert table.complete(prefix, limit=limit) == whoosh.complete(prefix, limit=limit)


def test_completion_follows_updates(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "Самарканд принимает саммит."}]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        assert engine.complete("сам") == ["Самарканд", "саммит"]
        engine.add([{"id": "b", "text": "Самолёты и самокаты."}])
        assert set(engine.complete("сам")) == {"Самарканд", "саммит", "Самолёты", "самокаты"}
        engine.remove("a")
        assert set(engine.complete("сам")) == {"Самолёты", "самокаты"}
        engine.optimize()
        assert set(engine.complete("сам")) == {"Самолёты", "самокаты"}


def test_completions_kept_after_an_update_are_of_that_state_and_copied(tmp_path: Path) -> None:
    """After an update (no fresh typo table) completions come from the term dictionary and
    are kept for that state of the index: asked again, the same; a caller's changes to a
    list it got do not reach the next caller; the next update is completed afresh."""
    records = [{"id": "a", "text": "Самарканд принимает саммит."}]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        engine.add([{"id": "b", "text": "Самолёты и самокаты."}])
        first = engine.complete("с")
        assert set(first) == {"Самарканд", "саммит", "Самолёты", "самокаты"}
        first.clear()
        assert engine.complete("с") == engine.complete("с") != []
        engine.add([{"id": "c", "text": "Самовар."}])
        assert "самовар" in {w.lower() for w in engine.complete("с")}
        engine.remove("b")  # (a kept answer holding its words must not outlive it)
        assert not {"Самолёты", "самокаты"} & set(engine.complete("с"))
        engine.optimize()
        assert set(engine.complete("с")) == {"Самарканд", "саммит", "Самовар"}


def _py_hash(codes: list[int]) -> int:
    """The variants' hash, as documented: sum of c[i] * 1000003**(n-1-i) mod 2**32."""
    value = 0
    for code in codes:
        value = (value * 1_000_003 + code) & 0xFFFFFFFF
    return value


def _py_deletions(codes: list[int]) -> list[list[int]]:
    return [codes[:j] + codes[j + 1 :] for j in range(len(codes))]


@given(st.lists(st.text(alphabet="аеёжиклмнопрабв1z", min_size=1, max_size=12), max_size=30))
def test_the_table_hashes_are_the_typo_side_hashes(words: list[str]) -> None:
    """The table (numpy, all words at once) files each word under itself and its deletions."""
    from searchlib._spelling import _table_keys

    words = sorted(set(words))
    hashes, owners = _table_keys(words)
    expected = set()
    for number, word in enumerate(words):
        if len(word) >= 3 and any(ch.isalpha() for ch in word):
            codes = [ord(ch) for ch in word]
            variants = [codes, *_py_deletions(codes)]
            expected |= {(_py_hash(v), number) for v in variants}
    assert set(zip(hashes.tolist(), owners.tolist(), strict=True)) == expected
    assert len(hashes) == len(expected) and list(hashes) == sorted(hashes)


@given(st.text(alphabet="аеёжиклмнопрабв1z\U0001f600", max_size=14), st.integers(1, 2))
def test_a_typos_look_up_keys_are_its_variants_hashes(word: str, edits: int) -> None:
    """The typo side (numpy): itself, its deletions; at two edits, two deletions and swaps."""
    from searchlib._spelling import _variant_hashes

    codes = [ord(ch) for ch in word]
    variants = [codes, *_py_deletions(codes)]
    if edits > 1:
        variants += [twice for once in _py_deletions(codes) for twice in _py_deletions(once)]
        for i in range(len(codes) - 1):
            swapped = [*codes[:i], codes[i + 1], codes[i], *codes[i + 2 :]]
            variants += [swapped, *_py_deletions(swapped)]
    assert sorted(set(_variant_hashes(word, edits).tolist())) == sorted(
        {_py_hash(v) for v in variants}
    )


def _osa_distance(a: str, b: str) -> int:
    """The textbook optimal string alignment distance: the whole table, nothing trimmed."""
    table = [[i + j if not i or not j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@settings(max_examples=500)
@given(st.text("абв", max_size=9), st.text("абв", max_size=9), st.none() | st.integers(0, 3))
def test_edit_distance_with_common_ends_trimmed_is_the_textbook_distance(
    a: str, b: str, limit: int | None
) -> None:
    """edit_distance leaves out a common beginning and end (few letters: many are common)."""
    full = _osa_distance(a, b)
    assert edit_distance(a, b, limit) == (full if limit is None else min(full, limit + 1))


@given(st.text("абвгде", max_size=9), st.text("абвгде", max_size=9), st.integers(0, 3))
def test_a_limited_edit_distance_is_the_distance_up_to_the_limit(
    a: str, b: str, limit: int
) -> None:
    full = edit_distance(a, b)
    assert edit_distance(a, b, limit) == min(full, limit + 1)


@settings(max_examples=300)
@given(
    st.lists(st.text(alphabet="абв1", min_size=1, max_size=6), max_size=40),
    st.text(alphabet="абв", min_size=2, max_size=7),  # (few letters: many typos find words)
    st.integers(1, 2),
)
def test_typo_candidates_are_the_words_filed_under_its_keys(
    words: list[str], typo: str, edits: int
) -> None:
    """Every known word filed under one of the typo's look-up keys, with its frequency,
    in word order (the look-up follows only the keys it finds: most find none)."""
    import numpy as np

    from searchlib._spelling import SpellingIndex, _table_keys, _variant_hashes

    words = sorted(set(words))
    frequencies = np.arange(1, len(words) + 1, dtype=np.uint32) * 7 % 5
    index = SpellingIndex(words, np.stack(_table_keys(words)), frequencies)
    wanted = set(_variant_hashes(typo, edits).tolist())
    expected = {}
    for number, word in enumerate(words):
        codes = [ord(ch) for ch in word]
        filed = {_py_hash(v) for v in [codes, *_py_deletions(codes)]}
        if len(word) >= 3 and any(ch.isalpha() for ch in word) and filed & wanted:
            expected[word] = int(frequencies[number])
    assert list(index.candidates(typo, edits).items()) == list(expected.items())


@given(st.lists(st.integers(0, 2**32 - 1), max_size=300), st.lists(st.integers(0, 2**32 - 1)))
def test_the_key_filter_passes_every_key_of_the_table(keys: list[int], others: list[int]) -> None:
    """candidates() looks up only the variants whose bit is set: every key's is, and
    a hash whose bit is clear is no key."""
    import numpy as np

    from searchlib._spelling import _FILTER_BITS_PER_KEY, _key_filter

    hashes = np.array(sorted(keys), dtype=np.uint32)
    bitmap, shift = _key_filter(hashes)
    assert len(bitmap) * 8 >= max(8, len(keys) * _FILTER_BITS_PER_KEY)

    def passes(h: int) -> bool:
        at = h >> int(shift)
        return bool(bitmap[at >> 3] >> (at & 7) & 1)

    assert all(passes(h) for h in keys)
    set_bits = {h >> int(shift) for h in keys}
    assert all(passes(h) == (h >> int(shift) in set_bits) for h in others)


def test_typo_candidates_follow_a_long_run_of_equal_keys() -> None:
    """A key many words are filed under (`аб`: a deletion of each `аб?`) is read to its end,
    past the few keys that candidates() reads at first."""
    import numpy as np

    from searchlib._spelling import SpellingIndex, _table_keys

    words = sorted({"аб" + letter for letter in "вгдежзийклмнопрст"} | {"ааа", "яяя"})
    index = SpellingIndex(words, np.stack(_table_keys(words)), np.ones(len(words), np.uint32))
    assert sorted(index.candidates("абя", 1)) == [w for w in words if w.startswith("аб")]


def test_layout_answers_are_kept_and_stay_the_same(engine: SearchEngine) -> None:
    vocabulary = engine._vocabulary()
    tokens = ["vjkjl`;m", "rfhf,f[crfz", "ghbdtn", "руддщ", "молодёжь", "Карабахкой", "1812", "—"]
    first = [vocabulary.layout_fix(t) for t in tokens]
    assert first == [vocabulary._layout_fix(t) for t in tokens]
    assert first == [vocabulary.layout_fix(t) for t in tokens]  # (now from the kept answers)
    assert first[:2] == ["молодёжь", "карабахская"] and first[2:] == [None] * 6


@given(st.lists(st.text(max_size=6)))
def test_words_are_normalised_together_as_one_by_one(words: list[str]) -> None:
    """The display forms' one-pass folding gives normalize_word's answer for each word
    (line breaks in words included: they take the word-by-word way)."""
    from searchlib._spelling import _normalized
    from searchlib.analysis import normalize_word

    assert _normalized(words) == [normalize_word(w) for w in words]


def test_words_with_final_sigma_stress_marks_and_eszett_fold_as_alone() -> None:
    from searchlib._spelling import _normalized
    from searchlib.analysis import normalize_word

    words = ["ΟΔΟΣ", "Вы\u0301ставка", "Straße", "Ёлка", "\u0301а", "ǅ", "x\u00ad", "İ", "ﬁ"]
    assert _normalized(words) == [normalize_word(w) for w in words]
