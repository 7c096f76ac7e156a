"""Name readings: given names, surnames and their cases, nominative forms."""

from __future__ import annotations

import pytest

from searchlib._names import analyse_word, is_capitalised


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
