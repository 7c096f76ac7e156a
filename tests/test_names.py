"""Name readings: given names, surnames and their cases, nominative forms."""

from __future__ import annotations

import pytest

from searchlib._speech.mentions import ALL_CASES
from searchlib._speech.names import analyse_word, is_capitalised, is_common_word


def _readings(word: str, after_given: bool = False) -> set[tuple[str, str, str | None]]:
    return {(r.nominative, r.role, r.gender) for r in analyse_word(word, after_given=after_given)}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Сергея", ("Сергей", "given", "m")),
        ("Анастасии", ("Анастасия", "given", "f")),
        ("Ильхама", ("Ильхам", "given", "m")),
        ("Касым-Жомарта", ("Касым-Жомарт", "given", "m")),
        ("Лавриной", ("Лаврина", "surname", "f")),
        ("Лаврова", ("Лавров", "surname", "m")),
        ("Лаврова", ("Лаврова", "surname", "f")),
        ("Токаеву", ("Токаев", "surname", "m")),
        ("Зеленского", ("Зеленский", "surname", "m")),
        ("Захаровой", ("Захарова", "surname", "f")),
        ("Владимировича", ("Владимирович", "patronymic", "m")),
        ("Пашиняна", ("Пашинян", "surname", "m")),
        ("Шевченко", ("Шевченко", "surname", None)),
        # The lexicon: Russian, Central Asian, Caucasian, foreign given names.
        ("Льва", ("Лев", "given", "m")),
        ("Павла", ("Павел", "given", "m")),
        ("Эллы", ("Элла", "given", "f")),
        ("Ербола", ("Ербол", "given", "m")),
        ("Си", ("Си", "given", "m")),
        # Adjective-type surnames: -ский/-цкий always, `Донской` as the dictionary knows it.
        ("Зеленском", ("Зеленский", "surname", "m")),
        ("Достоевской", ("Достоевская", "surname", "f")),
        ("Донской", ("Донской", "surname", "m")),
        ("Трубецкого", ("Трубецкой", "surname", "m")),
        # Patronymics, and -ович/-евич surnames from no known given name.
        ("Сергеевич", ("Сергеевич", "patronymic", "m")),
        ("Юрьевича", ("Юрьевич", "patronymic", "m")),
        ("Ильича", ("Ильич", "patronymic", "m")),
        ("Зубаревич", ("Зубаревич", "surname", "f")),
        ("Абрамовича", ("Абрамович", "surname", "m")),
    ],
)
def test_readings(word: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in _readings(word)


def test_cases_are_reported() -> None:
    [reading] = [r for r in analyse_word("Лавриной") if r.role == "surname"]
    assert reading.cases == {"gen", "dat", "ins", "prep"}
    assert {"gen", "acc"} <= next(r for r in analyse_word("Сергея")).cases


@pytest.mark.parametrize(
    "word", ["Киев", "Украина", "Казахстана", "МИД", "Газпром", "лавров", "Президент"]
)
def test_places_organisations_and_common_words_are_not_names(word: str) -> None:
    assert analyse_word(word) == ()


def test_foreign_and_indeclinable_surnames_need_a_given_name_before_them() -> None:
    assert analyse_word("Трамп") == ()
    assert ("Трамп", "surname", None) in _readings("Трамп", after_given=True)
    assert ("Эрдоган", "surname", "m") in _readings("Эрдогана", after_given=True)
    assert ("Шойгу", "surname", None) in _readings("Шойгу", after_given=True)
    # An indeclinable name is never "de-declined" into a wrong stem.
    assert all(r.nominative == "Шойгу" for r in analyse_word("Шойгу", after_given=True))


def test_is_capitalised() -> None:
    assert is_capitalised("Лаврина") and is_capitalised("Касым-Жомарт")
    assert not is_capitalised("МИД") and not is_capitalised("лаврина") and not is_capitalised("Ё")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # Plain adjectives after a given name: `Алексей Навальный`, `Лев Толстой`.
        ("Навальный", ("Навальный", "surname", "m")),
        ("Навального", ("Навальный", "surname", "m")),
        ("Навальной", ("Навальная", "surname", "f")),
        ("Навальную", ("Навальная", "surname", "f")),
        ("Толстой", ("Толстой", "surname", "m")),
        ("Толстой", ("Толстая", "surname", "f")),
        ("Толстого", ("Толстой", "surname", "m")),  # the dictionary knows it
        ("Горький", ("Горький", "surname", "m")),
        # `-ой`, read as `Лугова`'s oblique forms, is also a man's adjective-type surname
        # where the dictionary reads the word as a man's nominative: `Андрей Луговой`.
        ("Луговой", ("Луговой", "surname", "m")),
        ("Луговой", ("Лугова", "surname", "f")),
        # Foreign surnames: soft-sign and -ей final, instrumental forms.
        ("Боррель", ("Боррель", "surname", None)),
        ("Милей", ("Милей", "surname", None)),
        ("Фиданом", ("Фидан", "surname", "m")),
        ("Вальстром", ("Вальстром", "surname", None)),  # (Swedish `-ström`: no instrumental)
        ("Гогоберидзе", ("Гогоберидзе", "surname", None)),
    ],
)
def test_readings_after_a_given_name(word: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in _readings(word, after_given=True)


@pytest.mark.parametrize(
    ("word", "after_given", "wrong"),
    [
        # A given name is not also a surname.
        ("Лев", True, ("Лев", "surname", "m")),
        ("Марина", False, ("Марина", "surname", "f")),
        ("Валентина", True, ("Валентин", "surname", "m")),
        # A declined adjective is not indeclinable.
        ("Навального", True, ("Навального", "surname", None)),
        ("Навальную", True, ("Навальную", "surname", None)),
        # A region is not a man: `губернатор Курской области`.
        ("Курской", True, ("Курской", "surname", "m")),
        # A form of an unknown surname is a woman's only: `Аси Мелкумовой`.
        ("Мелкумовой", True, ("Мелкумовой", "surname", "m")),
        # An unknown -ого form could be -ый or -ой: neither is taken alone.
        ("Белого", False, ("Белый", "surname", "m")),
        # An instrumental is not a nominative: `с Хаканом Фиданом`.
        ("Фиданом", True, ("Фиданом", "surname", None)),
        # A patronymic of a known given name is not a surname.
        ("Сергеевич", True, ("Сергеевич", "surname", "m")),
    ],
)
def test_no_wrong_readings(
    word: str, after_given: bool, wrong: tuple[str, str, str | None]
) -> None:
    assert wrong not in _readings(word, after_given=after_given)


def test_an_unknown_adjective_form_stays_ambiguous() -> None:
    # `Белого`: `Белый` or `Белой`; only the article's own nominative can tell.
    assert {r.nominative for r in analyse_word("Белого", after_given=True)} == {"Белый", "Белой"}
    # `Лугового`: a form of the adjective `луговой`, whose `-ый` form is no word.
    assert {r.nominative for r in analyse_word("Лугового", after_given=True)} == {"Луговой"}


def test_an_ova_form_the_dictionary_also_reads_as_an_adjective_type_surname_is_ambiguous() -> None:
    # `Ирины Яровой`: `Яровая`'s or `Ярова`'s oblique case (OpenCorpora knows both); only the
    # article's nominative can tell, and `Ирина Ярова` would be a wrong name.
    for after_given in (False, True):
        female = {
            r.nominative for r in analyse_word("Яровой", after_given=after_given) if r.gender == "f"
        }
        assert female == {"Ярова", "Яровая"}
    assert ("Яровой", "m") in {
        (r.nominative, r.gender) for r in analyse_word("Яровой", after_given=True)
    }
    # Where it knows the `-ов` surname only, the reading stays one.
    for word in ("Петровой", "Громовой", "Поповой"):
        assert {r.nominative for r in analyse_word(word)} == {word[:-2] + "а"}


def test_common_words_are_not_names_but_common_surnames_are() -> None:
    assert is_common_word("Хозяин") and is_common_word("Слова") and is_common_word("Увидев")
    assert not is_common_word("Песков") and not is_common_word("Лавров")
    assert not is_common_word("Лаврина")  # not in the dictionary at all


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Аси", {("Ася", "f", "gen")}),  # (`Аси Мелкумовой`, not `Аси Мелкумова`)
        ("Максом", {("Макс", "m", "ins")}),
        ("Франца", {("Франц", "m", "gen"), ("Франц", "m", "acc")}),
        # Both, the rest of the name decides (`Влада Филата`: Влад in the genitive).
        ("Влада", {("Влад", "m", "gen"), ("Влад", "m", "acc"), ("Влада", "f", "nom")}),
        # An indeclinable name is no form of a rare one (`Оливья`).
        ("Оливье", {("Оливье", "m", case) for case in ("nom", "gen", "dat", "acc", "ins", "prep")}),
    ],
)
def test_a_given_name_in_no_list_is_declined_as_the_dictionary_says(
    word: str, expected: set[tuple[str, str, str]]
) -> None:
    from searchlib._speech.names import guess_given

    found = {(r.nominative, r.gender, case) for r in guess_given(word) for case in r.cases}
    assert found == expected


def test_a_given_name_the_dictionary_lacks_is_read_from_its_ending() -> None:
    from searchlib._speech.names import guess_given

    assert {(r.nominative, tuple(sorted(r.cases))) for r in guess_given("Наттавута")} == {
        ("Наттавут", ("acc", "gen")),
        ("Наттавута", ("nom",)),
    }
    assert guess_given("Аси", dictionary=False)[0].nominative == "Аси"
    # (three letters too: `шерифа Эда Гонзалеса` is `Эд Гонзалес`, not `Эда`)
    assert {
        (r.nominative, tuple(sorted(r.cases))) for r in guess_given("Эда", dictionary=False)
    } == {
        ("Эд", ("acc", "gen")),
        ("Эда", ("nom",)),
    }
    # `-ии`: an `-ия` name's genitive, dative or locative, of either sex (`Мия`, `Гия`).
    for word in ("Мии", "Гии"):
        readings = guess_given(word, dictionary=False)
        assert {(r.nominative, r.gender, tuple(sorted(r.cases))) for r in readings} == {
            (word[:-1] + "я", None, ("dat", "gen", "prep"))
        }
    # A vowel and `и`: a vowel-and-`я` name's oblique case (`Тэцуи Куроды`: `Тэцуя`) or a name
    # not declined; the article's nominative tells.  Not a short part (`Жан-Луи`, `Юи`).
    assert {(r.nominative, r.cases == ALL_CASES) for r in guess_given("Тэцуи")} == {
        ("Тэцуя", False),
        ("Тэцуи", True),
    }
    for word in ("Жан-Луи", "Юи", "Каори"):
        assert {r.nominative for r in guess_given(word)} == {word}


def test_a_given_name_ending_in_om_or_em_is_a_man_s_instrumental_or_nominative() -> None:
    """`Сабриэлем` (`с Сабриэлем Матиасом`) is `Сабриэл`'s instrumental; `Салем` may be the
    nominative too.  Not a woman's name, not indeclinable: the surname's case decides."""
    from searchlib._speech.names import guess_given

    for word, stem in (("Сабриэлем", "Сабриэл"), ("Салем", "Сал")):
        readings = {(r.nominative, r.gender, tuple(sorted(r.cases))) for r in guess_given(word)}
        assert readings == {(stem, "m", ("ins",)), (word, "m", ("nom",))}
    # (A vowel before the ending is no instrumental ending: `Хоем` is no `Хо`'s.)
    assert {r.nominative for r in guess_given("Хоем", dictionary=False)} == {"Хоем"}
    # Both parts of a hyphenated one are declined (`с Фостеном-Арканжем Туадерой`); a
    # first part that is no instrumental stays as written (`с Жан-Полем`).
    for word, stem in (("Фостеном-Арканжем", "Фостен-Арканж"), ("Жан-Полем", "Жан-Поль")):
        found = {(r.nominative, tuple(sorted(r.cases))) for r in guess_given(word)}
        assert (stem, ("ins",)) in found, word


def test_a_name_with_an_apostrophe_is_one_word() -> None:
    """`О’Рейли`, `О'Нил`: Irish names keep their apostrophe and are read as one word."""
    assert is_capitalised("О’Рейли") and is_capitalised("О'Нил")
    assert not is_capitalised("О’") and not is_capitalised("’Рейли")


def test_a_name_with_a_capital_after_a_short_prefix_is_one_word() -> None:
    """`ДиКаприо`, `МакГрегор`, `ЛаБаф`; not a capital after one letter (`ВКонтакте`)
    or more than three (`ТелеграмКанал`), nor capitals only."""
    for word in ("ДиКаприо", "МакГрегор", "ЛаБаф", "МакКартни"):
        assert is_capitalised(word), word
    for word in ("ВКонтакте", "ТелеграмКанал", "ДИКАПРИО", "диКаприо", "ДиКаприО"):
        assert not is_capitalised(word), word


def test_a_given_name_ending_in_a_soft_sign_or_short_i_is_a_man_s_nominative() -> None:
    """`Эмманюэль`, `Юй` as written; not a woman's instrumental (`Марианной`)."""
    from searchlib._speech.names import guess_given

    for word in ("Эмманюэль", "Юй"):
        readings = {(r.nominative, r.gender, tuple(sorted(r.cases))) for r in guess_given(word)}
        assert (word, "m", ("nom",)) in readings
    assert all(r.gender != "m" for r in guess_given("Марианной", dictionary=False))


def test_a_surname_opened_by_particles_is_one_undeclined_surname() -> None:
    from searchlib._speech.names import particle_surname

    reading = particle_surname("фон дер Ляйен")
    assert reading is not None and reading.role == "surname" and len(reading.cases) == 6
    assert particle_surname("Фон дер Ляйен") == reading  # (opening a sentence)
    assert analyse_word("фон дер Ляйен") == (reading,)
    assert particle_surname("де Петр") is None  # (`де`, `they say`, before a given name)
    assert particle_surname("Ляйен") is None and particle_surname("фон дер") is None


def test_a_surname_joined_to_an_arabic_particle_is_declined_as_the_word_after_it() -> None:
    from searchlib._speech.names import hyphenated_surname

    assert {r.nominative for r in hyphenated_surname("аль-Эриан")} == {"аль-Эриан"}
    genitive = hyphenated_surname("аль-Эриана")  # (`по словам аль-Эриана`)
    assert genitive and all(r.nominative == "аль-Эриан" and "gen" in r.cases for r in genitive)
    assert [r.nominative for r in analyse_word("эль-Барадеи")] == ["эль-Барадеи"]
    assert analyse_word("ас-Сиси") == hyphenated_surname("ас-Сиси") != ()
    # Capitalised, it names a thing (`Аль-Джазира`); other prefixes are no particles.
    assert hyphenated_surname("Аль-Джазира") == () and hyphenated_surname("экс-Мэр") == ()
    assert hyphenated_surname("аль-") == () and hyphenated_surname("аль-джазира") == ()


def test_two_given_names_of_one_gender_joined_by_a_hyphen_are_a_given_name() -> None:
    assert _readings("Жан-Франсуа") == {("Жан-Франсуа", "given", "m")}
    [reading] = analyse_word("Анны-Марии")  # (both declined: the second's case)
    assert (reading.nominative, reading.gender, reading.cases) == ("Анна-Мария", "f", {"gen"})
    # Names of two genders, three parts, a part in lower case or in no list: no reading.
    assert analyse_word("Жан-Мари") == analyse_word("Анна-Мария-Луиза") == ()
    assert analyse_word("Жан-франсуа") == analyse_word("Жан-Зюзюк") == ()


def test_a_surname_in_no_list_ending_in_a_vowel_and_ya_is_a_genitive() -> None:
    """`Цоя` is `Цой`'s genitive, `Хемингуэя` `Хемингуэй`'s (or a nominative as written:
    `Коррея`)."""
    from searchlib._speech.names import guess_surname

    for word, nominative in (("Цоя", "Цой"), ("Хемингуэя", "Хемингуэй")):
        assert [(r.nominative, sorted(r.cases)) for r in guess_surname(word)] == [
            (nominative, ["acc", "gen"]),
            (word, ["nom"]),
        ]


def test_a_surname_written_as_a_man_s_given_name_in_an_oblique_case() -> None:
    """`Мишеля` (`по словам Шарля Мишеля`) is `Мишель` in the genitive or accusative, the
    word as written in the other cases; so is a given name the model takes for a whole
    name (`Андрея`: `Андрей`)."""
    from searchlib._speech.names import guess_surname

    for word, nominative in (("Мишеля", "Мишель"), ("Андрея", "Андрей")):
        readings = {(r.nominative, frozenset(r.cases)) for r in guess_surname(word)}
        assert (nominative, frozenset({"gen", "acc"})) in readings
        assert (word, frozenset({"nom", "dat", "ins", "prep"})) in readings


def test_a_name_read_as_an_instrumental_alone_is_also_the_dictionarys_nominative() -> None:
    """`Хаким` ends as `Хакой`'s instrumental would; the dictionary has the name `Хаким` in
    the nominative, so that is a reading too.  `Толстым`, no name in the dictionary, and
    `Горьким` are instrumentals alone."""
    from searchlib._speech.names import guess_surname

    readings = guess_surname("Хаким")
    assert ("Хаким", ["nom"]) in [(r.nominative, sorted(r.cases)) for r in readings]
    for word in ("Толстым", "Горьким"):
        assert all(r.cases == {"ins"} for r in guess_surname(word)), word


def test_a_foreign_om_surname_is_also_a_nominative_as_written() -> None:
    """`Ньюсом`, `Сэндом` end as `Ньюс`'s, `Сэнд`'s instrumentals would; a model-tagged
    surname so ending is also the nominative as written (`— заявил Гэвин Ньюсом`)."""
    from searchlib._speech.names import guess_surname

    for word in ("Ньюсом", "Сэндом"):
        readings = {(r.nominative, frozenset(r.cases)) for r in guess_surname(word)}
        assert (word, frozenset({"nom"})) in readings, word
        assert (word[:-2], frozenset({"ins"})) in readings, word


def test_an_a_surname_s_genitive_in_y_is_no_nominative_as_written() -> None:
    """`Виталины`, `Мнангагвы` end as no name does in the nominative: each is an `-а`
    surname's genitive only (the word as written in every case made `Виталины` a
    subject and `Мнангагвы` a second name of the same man)."""
    from searchlib._speech.names import guess_surname

    for word, nominative in (
        ("Виталины", "Виталина"),
        ("Мнангагвы", "Мнангагва"),
        ("Мариолы", "Мариола"),
        ("Лютгарды", "Лютгарда"),
    ):
        readings = [(r.nominative, sorted(r.cases)) for r in guess_surname(word)]
        assert readings == [(nominative, ["gen"])], word
    # (A Turkic surname ends so in the nominative: `Момышулы`, `Сатыбалды`.)
    for word in ("Момышулы", "Сатыбалды", "Назаркызы"):
        assert "nom" in {c for r in guess_surname(word) if r.nominative == word for c in r.cases}


def test_an_oy_word_no_adjective_is_a_form_of_is_an_a_surname_s_instrumental() -> None:
    """`с Фумио Кисидой`, `с Сюнскэ Хасэгавой`: the instrumental of `Кисида`, not a woman's
    `Кисидая` nor a man's `Кисидой` (each a wrong name); an adjective's form keeps both
    readings (`Татьяной Толстой`, `Львом Толстым`), and a short word too (`Тхой`)."""
    from searchlib._speech.names import guess_surname

    for word, nominative in (
        ("Кисидой", "Кисида"),
        ("Хасэгавой", "Хасэгава"),
        ("Мнангагвой", "Мнангагва"),
        ("Коштой", "Кошта"),
        ("Чайкой", "Чайка"),
        ("Хакамадой", "Хакамада"),
    ):
        for readings in (analyse_word(word, after_given=True), guess_surname(word)):
            assert [(r.nominative, r.gender) for r in readings] == [(nominative, None)], word
            assert "ins" in readings[0].cases, word
    assert {r.nominative for r in analyse_word("Толстой", after_given=True)} == {
        "Толстой",
        "Толстая",
    }
    assert {r.nominative for r in analyse_word("Белой", after_given=True)} == {"Белой", "Белая"}
    assert {r.nominative for r in analyse_word("Тхой", after_given=True)} == {"Тхой", "Тхая"}


def test_a_french_d_joins_the_surname_it_opens() -> None:
    """`д'Арк`, `д'Эстена`: read as the word after the particle is, the particle kept."""
    from searchlib._speech.names import hyphenated_surname

    assert {r.nominative for r in hyphenated_surname("д'Арк")} == {"д'Арк"}
    assert "д’Эстен" in {r.nominative for r in hyphenated_surname("д’Эстена")}
    assert hyphenated_surname("Д'Арк") == ()  # (capitalised: `CAPITALISED_RE` reads it whole)


def test_an_institution_noun_is_no_surname_whatever_a_model_says() -> None:
    """`глава Госкопредпринимательства признал`: the name model took the noun for a person
    (MuSeRC); no surname ends as the nouns in `-ство` do."""
    from searchlib._speech.names import guess_surname

    for word in ("Госкопредпринимательства", "Агентству", "Казначейством"):
        assert guess_surname(word) == [], word
    assert guess_surname("Чайку")  # (an `-а` surname's oblique case still reads)


def test_a_surname_forms() -> None:
    """An `-а` surname's nominative as written, and the nominative of its oblique cases."""
    from searchlib._speech.names import a_surname_forms

    def read(word: str) -> list[tuple[str, list[str]]]:
        return [(r.nominative, sorted(r.cases)) for r in a_surname_forms(word)]

    assert read("Обама") == [("Обама", ["nom"])]
    assert read("Обамы") == [("Обама", ["gen"])]
    assert read("Чайки") == [("Чайка", ["gen"])]
    assert read("Обаме") == [("Обама", ["dat", "prep"])]
    assert read("Гаврилу") == [("Гаврила", ["acc"])]
    assert read("Обамой") == [("Обама", ["dat", "gen", "ins"])]
    # Not an ending of the `-а` declension (`Кличко`, `Абэ`, `Путин`), nor one after a
    # vowel (`Гаяу`), nor a short word, nor a word in lower case.
    for word in ("Кличко", "Абэ", "Путин", "Гаяу", "Ира", "обама"):
        assert a_surname_forms(word) == [], word
    assert all(r.gender is None and r.role == "surname" for r in a_surname_forms("Обаму"))


def test_prefix_guess_only() -> None:
    """`Паникос` is `пан` + `икос` to pymorphy3, a guess; `Мегапродюсер` a prefix and a whole
    word; `Петров` and `Слова` are in the dictionary."""
    from searchlib._speech.names import prefix_guess_only

    assert prefix_guess_only("Паникос")
    for word in ("Мегапродюсер", "Экоактивистка", "Суперагент", "Петров", "Слова"):
        assert not prefix_guess_only(word), word


def test_a_double_surname_declines_both_parts() -> None:
    """`Салтыкова-Щедрина`, `Римского-Корсакова` (`по словам Николая Римского-Корсакова`)
    are `Салтыков-Щедрин`'s, `Римский-Корсаков`'s genitive, not `Римского-Корсаков`'s."""
    for word, nominative in (
        ("Салтыкова-Щедрина", "Салтыков-Щедрин"),
        ("Римского-Корсакова", "Римский-Корсаков"),
        ("Петрова-Водкина", "Петров-Водкин"),
    ):
        readings = {(r.nominative, r.gender) for r in analyse_word(word, after_given=True)}
        assert (nominative, "m") in readings
    assert {r.nominative for r in analyse_word("Римский-Корсаков", after_given=True)} == {
        "Римский-Корсаков"
    }


def test_a_surname_after_particles_declines_its_last_word() -> None:
    """`Отто фон Бисмарка` is `фон Бисмарк`'s genitive; `фон дер Ляйен` is not declined."""
    readings = {(r.nominative, frozenset(r.cases)) for r in analyse_word("фон Бисмарка")}
    assert ("фон Бисмарк", frozenset({"gen", "acc"})) in readings
    assert ("фон Бисмарка", frozenset({"nom", "dat", "ins", "prep"})) in readings
    assert [r.nominative for r in analyse_word("фон дер Ляйен")] == ["фон дер Ляйен"]


def test_a_word_known_only_as_a_place_is_no_surname_alone() -> None:
    """`Нидерландов`, `Саратова` are places' forms to the dictionary, and so are the
    nominatives they would be surnames' forms of; `Билибина` is `Билибин`'s genitive, a
    surname the dictionary knows, though it reads the word itself only as a place's."""
    assert analyse_word("Нидерландов") == ()
    assert analyse_word("Саратова") == ()
    assert analyse_word("Штатов") == ()
    assert analyse_word("Кириллов")  # (`Кирилл`'s plural to the dictionary: a surname)
    assert analyse_word("Филиппин") == ()  # (the Philippines', or `Филиппина`'s plural)
    assert analyse_word("Афин") == ()
    assert ("Билибин", "m") in {(r.nominative, r.gender) for r in analyse_word("Билибина")}
    assert analyse_word("Петрова")
