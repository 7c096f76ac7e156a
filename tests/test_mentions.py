"""The names in a paragraph (searchlib._speech.mentions): sentence openings, words between quoted
regions, runs of name readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize("dash", ["—", "–", "-", "--"])
def test_a_dialogue_line_opens_a_sentence_whatever_its_dash(dash: str) -> None:
    """`-- Княжна Марья вздохнула`: typewritten and digitised texts write the dash as two
    hyphens; the capitalised dictionary word after it opens a sentence, not a name."""
    from searchlib._speech.mentions import _opens_sentence

    text = f"{dash} Это неправильно, -- сказал он."
    assert _opens_sentence(text, text.index("Это"))
    assert _opens_sentence(f"Он ушёл. {text}", len("Он ушёл. ") + text.index("Это"))
    assert not _opens_sentence("Он видел Это", len("Он видел "))


def test_an_initial_s_dot_ends_no_sentence() -> None:
    """`— сказал С. Семак`, `В.В. Путин`: a capital letter alone before the dot is an
    initial; after a word's last capital (`США.`) a sentence still ends."""
    from searchlib._speech.mentions import _opens_sentence

    for text in ("— сказал С. Семак", "Так считает В.В. Путин", "С. Семак"):
        assert not _opens_sentence(text, text.rindex(" ") + 1), text
    assert _opens_sentence("Санкции ввели США. Иванов", len("Санкции ввели США. "))
    assert _opens_sentence("Он ушёл! Иванов", len("Он ушёл! "))


_SKIP_TEXT = st.text(alphabet=st.sampled_from(list('«»"„“ АбВгДе-.,')), max_size=50)


@given(_SKIP_TEXT, st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_words_between_quoted_regions_are_those_starting_outside_them(
    text: str, start: int, end: int, inside: int
) -> None:
    """read_mentions searches each stretch between skipped quoted regions: the capitalised words
    are those of the whole stretch that do not start inside one (all the paragraph's
    regions, or those a clause at ``inside`` does not sit in)."""
    import bisect

    from searchlib._speech.mentions import CAPITALISED_RE, Skip
    from searchlib._speech.quotes import quoted_regions

    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    regions = Skip(quoted_regions(text))
    for skip in (regions, regions.within(inside, inside + 5, around=False)):
        starts = [s for s, _ in skip.spans]

        def skipped(position: int, skip: Skip = skip, starts: list[int] = starts) -> bool:
            at = bisect.bisect_right(starts, position) - 1
            return at >= 0 and position < skip.spans[at][1]

        expected = [
            m.span() for m in CAPITALISED_RE.finditer(text, start, end) if not skipped(m.start())
        ]
        found = [
            m.span() for gap in skip.gaps(start, end) for m in CAPITALISED_RE.finditer(text, *gap)
        ]
        assert found == expected


@pytest.mark.parametrize(
    "word", ["Байден", "Лаврова", "Толстого", "Шойгу", "Иванович", "Эрдоган", "Москва", "Он"]
)
def test_one_word_combines_as_any_run_does(word: str) -> None:
    """_combine's shortcut for a one-word run gives what the product of readings gives."""
    import itertools

    from searchlib._speech.mentions import NameParse, _combine
    from searchlib._speech.names import CASES, analyse_word

    for readings in (analyse_word(word), analyse_word(word, after_given=True)):
        expected = []
        for (reading,) in itertools.product(readings):
            cases = frozenset(CASES) & reading.cases
            if reading.role == "surname" and cases:
                expected.append(NameParse(None, None, reading.nominative, reading.gender, cases))
        assert _combine([readings]) == list(dict.fromkeys(expected))


def test_a_person_described_after_two_unknown_words() -> None:
    """`Бен Родс, советник президента`: a noun for a person after the comma; not a place's
    description (`столица`), nor a noun that describes states as often (`член ООН`)."""
    from searchlib._speech.mentions import _person_described_after

    assert _person_described_after("Бен Родс, советник президента, отметил", 8)
    assert _person_described_after("Кен Ли, вице-спикер парламента", 6)
    assert not _person_described_after("Сан Марино, столица республики", 10)
    assert not _person_described_after("Кабо Верде, член ООН", 10)
    assert not _person_described_after("Бен Родс отметил", 8)


def test_an_undeclined_word_after_a_place_noun_names_the_place_not_the_person() -> None:
    """`мэр города Немуро Кошта`: `Немуро` is the town (it gave the man as `Немуро Кошта`);
    a given name the lexicon knows stays one (`мэру города Елене Лапушкиной`), and so does
    a word after a capitalised noun, a name's (`Доминиканской Республики Данило Медина`)."""
    from searchlib._speech.mentions import _place_named_first

    text = "заявил мэр города Немуро Кошта"
    assert _place_named_first(text, text.index("Немуро"), "Немуро")
    text = "губернатор префектуры Хоккайдо Судзуки"
    assert _place_named_first(text, text.index("Хоккайдо"), "Хоккайдо")
    text = "обратилась к мэру города Елене Лапушкиной"
    assert not _place_named_first(text, text.index("Елене"), "Елене")
    text = "президент Доминиканской Республики Данило Медина"
    assert not _place_named_first(text, text.index("Данило"), "Данило")
    text = "сказал Сюнскэ Хасэгава"  # (no place noun before it)
    assert not _place_named_first(text, text.index("Сюнскэ"), "Сюнскэ")


def test_an_oblique_russian_surname_starts_no_name_the_model_reads_with_the_next() -> None:
    """`перед Макаровым Максименко`: the model tags both words as one name; `Макаровым`
    (the lexicon's `Макаров` in the instrumental only) is another man, not a given name."""
    from searchlib._speech.mentions import _oblique_surname_only, _past_surname

    assert _oblique_surname_only("Макаровым")
    assert _past_surname(("Макаровым", "Максименко"), 0) == 1
    assert not _oblique_surname_only("Максим")  # (a given name)
    assert not _oblique_surname_only("Петрова")  # (a woman's surname: a nominative too)
    assert _past_surname(("Сергей", "Лавров"), 0) == 0


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("Дональду", "Трампу"), {"Дональд Трамп"}),  # (the dictionary's dative of `Трамп`)
        (("Жуан", "Лоуренсу"), {"Жуан Лоуренсу"}),  # (`Жуан`: a nominative, whatever it says)
        (("Йенсу", "Столтенбергу"), {"Йенс Столтенберг", "Йенс Столтенбергу"}),  # (two ways)
        (("Игорю", "Гросу"), {"Игорь Грос", "Игорь Гросу"}),  # (`Гросу` is a nominative)
        (("Жозепу", "Боррелю"), {"Жозеп Боррель", "Жозеп Боррелю"}),  # (`-ю` of an `-ль` stem)
        (("Хавьеру", "Милею"), {"Хавьер Милей", "Хавьер Милею"}),  # (`-ю` of a `-й` stem)
        (("Сергею", "Шойгу"), {"Сергей Шойгу"}),  # (undeclined, as the dictionary knows)
        (("Джо", "Стармеру"), {"Джо Стармер", "Джо Стармеру"}),
        (("Реджепе", "Эрдогане"), {"Реджеп Эрдоган"}),  # (the dictionary's prepositional)
        (("Йенсе", "Столтенберге"), {"Йенс Столтенберг", "Йенс Столтенберге"}),  # (a guess's)
        (("Айдын", "Мирзазаде"), {"Айдын Мирзазаде"}),  # (no case shown: not read so)
        (("Марке", "Рютте"), {"Марк Рютт", "Марк Рютте"}),  # (`-е` may end a nominative)
        (("Джузеппе", "Конте"), {"Джузеппе Конте", "Джузеппе Конта"}),  # (no case shown)
        (("Жозепом", "Боррелем"), {"Жозеп Боррель"}),  # (`-ем` of a soft stem)
        (("Юханнес", "Нурдбю"), {"Юханнес Нурдбю"}),  # (`-ю` but of `-ль`: a nominative)
        (("Анне", "Шмидт"), {"Анна Шмидт"}),
    ],
)
def test_a_consonant_final_surname_in_an_oblique_case(
    words: tuple[str, ...], expected: set[str]
) -> None:
    """`Йенсу Столтенбергу` may be Йенс Столтенберг's dative, not only a Столтенбергу's
    name in any case; the dictionary settles it where it knows the surname (see
    _oblique_consonant, and names._foreign_consonant for the instrumental)."""
    from searchlib._speech.mentions import _guessed_run, parse_run

    first, parses = parse_run(words)
    if first != 0:  # (a given name the lexicon lacks: the name model's reading of the run)
        parses = _guessed_run(words)
    assert {p.full for p in parses} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("директора Германо-Российского музея", True),  # (agrees in its masculine reading)
        ("сайт Королевского технологического института", True),
        ("— заявил Белгородский губернатор", True),
        ("— сказал Зеленский журналистам", False),  # (a noun that does not agree)
    ],
)
def test_a_capitalised_adjective_before_a_noun_it_agrees_with_names_a_thing(
    text: str, expected: bool
) -> None:
    """`Германо-Российского музея` is a museum's name, not a surname in the genitive
    (pymorphy3 likes the neuter reading best; the masculine one agrees with `музея`)."""
    import re

    from searchlib._speech.mentions import _names_a_thing

    word = re.search(r"[А-ЯЁ][а-яё]*(?:-[А-ЯЁ][а-яё]*)*", text)
    assert word is not None
    assert _names_a_thing(text, word) is expected


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("видео с мужчиной, которого раскритиковал Кадыров", "m"),
        ("встреча с актрисой, которую поздравил Путин", "f"),
        ("видео со свадьбы, которую раскритиковал Кадыров", None),  # (no person)
        ("встреча с журналистами, которых пригласил Путин", None),  # (several)
        ("встреча с Петровым, которого пригласил Путин", None),  # (a name)
        ("Кадыров раскритиковал мужчину", None),  # (no relative clause)
    ],
)
def test_the_person_a_relative_clause_is_about(text: str, gender: str | None) -> None:
    from searchlib._speech.mentions import relative_of_a_person

    at = text.rindex(" ") + 1
    assert relative_of_a_person(text, at) == gender
