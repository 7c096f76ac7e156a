"""Role nouns (searchlib._speech.roles): the attribution patterns they are read with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

_ACCORDING_CLAUSE = st.lists(
    st.sampled_from(
        ["по ", "ПО ", "По", "словам", "мнению", "данным", " ", ",", "а", "_", "1", "\n", "п"]
    ),
    max_size=8,
).map("".join)


@given(_ACCORDING_CLAUSE)
def test_according_to_in_the_genitive_is_found_where_the_boundary_pattern_found_it(
    clause: str,
) -> None:
    """`\\bпо словам`, looked for with its letters first (the regex engine skips to them):
    the same match as the pattern opening with the boundary."""
    import re

    from searchlib._speech.quotes import ACCORDING_NOUNS
    from searchlib._speech.roles import ACCORDING_GENITIVE_RE

    genitive = re.compile(rf"\bпо (?:{ACCORDING_NOUNS})\b")
    found, expected = ACCORDING_GENITIVE_RE.search(clause), genitive.search(clause)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("text", "before_comma", "expected"),
    [
        # a verb before the first role, an adjective before the second
        (
            "На мероприятии выступил председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин",
            "председател",
            True,
        ),
        ("Сообщил РИА Новости глава комиссии, депутат Иван Петров", "глав", True),
        # a participle before the second role, an adjective between the verb and the first
        (
            "На саммите выступил президент Казахстана, действующий председатель ОДКБ"
            " Касым-Жомарт Токаев",
            "президент",
            True,
        ),
        (
            "Пресс-конференцию провел главный тренер «Зенита», заслуженный тренер России"
            " Сергей Семак",
            "тренер",
            True,
        ),
        # whose son, not a description of the person named after the comma
        ("Сын министра, генеральный директор компании Иван Петров", "министр", False),
        # a description with no role after the comma, what it is of quoted
        ("Американский актер, звезда сериала «Друзья» Мэтт Леблан", "актер", True),
        ('Американский актер, звезда сериала "Друзья" Мэтт Леблан', "актер", True),
        # (not across a conjunction, a bracket or a verb: another person's role)
        ("В матче играл футболист, а также тренер Иван Петров", "футболист", False),
        ("Выступил актер (звезда сериала) Мэтт Леблан", "актер", False),
        ("Актер ушел, новичок сериала Мэтт Леблан", "актер", False),
    ],
)
def test_a_description_after_a_comma_takes_the_roles_before_it(
    text: str, before_comma: str, expected: bool
) -> None:
    """`председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин`: both roles his."""
    from searchlib._speech.roles import roles_before

    nouns = roles_before(text, text.rindex(" ", 0, text.rindex(" ")) + 1).nouns
    assert (before_comma in nouns) == expected, nouns


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Паникос Димитриадис, председатель Центрального банка, дал интервью.", {"председател"}),
        ("— сказал Иван Петров, министр финансов.", {"министр"}),
        ("Иван Петров, бывший министр финансов, выступил.", {"экс-министр"}),
        ("Иван Петров, Анна Смирнова и другие выступили.", set()),  # (a list of names)
        ("Иван Петров, который выступил первым, сказал", set()),
        ("Иван Петров, министр финансов Олег Сидоров и другие", set()),  # (another's role)
    ],
)
def test_a_description_after_a_name_s_comma_gives_its_roles(text: str, roles: set[str]) -> None:
    from searchlib._speech.roles import roles_after

    name = "Петров" if "Петров" in text else "Димитриадис"
    nouns = roles_after(text, text.index(name) + len(name)).nouns
    assert roles <= nouns if roles else not nouns, nouns


def test_a_woman_s_role_noun_in_the_nominative_tells_her_gender() -> None:
    """`актриса Мако Акисино`, `Принцесса Мако`: a woman; not `Муж теннисистки Алексис
    Оганян` (whose husband), nor `министр` (a woman's or a man's role)."""
    from searchlib._speech.roles import woman_named

    for text, name in (
        ("Японская актриса Мако Акисино объявила о помолвке.", "Мако"),
        ("Принцесса Мако Акисино объявила о помолвке.", "Мако"),
    ):
        assert woman_named(text, text.index(name)), text
    for text, name in (
        ("Муж теннисистки Алексис Оганян считает иначе.", "Алексис"),
        ("Министр Алексис Оганян считает иначе.", "Алексис"),
    ):
        assert not woman_named(text, text.index(name)), text


def test_a_list_of_genitives_is_what_a_role_is_of() -> None:
    """`министра промышленности, науки и технологий России`: the comma is inside the role's
    description; not a list of names (`Петра и Павла`) nor a clause (`который и сказал`)."""
    from searchlib._speech.roles import _listed_genitives, roles_before

    assert _listed_genitives(" науки и технологий России ")
    assert _listed_genitives(" культуры и спорта ")
    for words in (" и технологий ", " науки России ", " Петра и Павла ", " который и сказал "):
        assert not _listed_genitives(words), words
    text = "заместитель министра промышленности, науки и технологий России Сергей Митин"
    roles = roles_before(text, text.index("Сергей"))
    assert {"замминистр", "чиновник"} <= roles.nouns
    assert {"промышлен", "технолог", "росс"} <= roles.context


def test_the_adjectives_of_a_role_s_owner_say_what_it_is_of() -> None:
    """`пресс-секретарь российского лидера`: Russia's, as `лидера России` is; a `глава`
    of a place named is also the head of a place (see PLACE_HEAD)."""
    from searchlib._speech.roles import PLACE_HEAD, roles_before

    text = "пресс-секретарь российского лидера Дмитрий Песков"
    assert roles_before(text, text.index("Дмитрий")).context == {"росс"}
    text = "пресс-секретарь лидера Дмитрий Песков"  # (no adjective: no context)
    assert not roles_before(text, text.index("Дмитрий")).context
    for text, head in (
        ("глава Коми Владимир Уйба", True),
        ("глава Республики Коми Владимир Уйба", True),
        ("глава Харькова Игорь Терехов", True),
        ("глава Сбербанка Герман Греф", False),
        ("глава компании Иван Петров", False),
    ):
        assert (PLACE_HEAD in roles_before(text, text.index(text.split()[-2])).nouns) is head


def test_a_nominative_role_heading_a_genitive_name_is_another_s() -> None:
    from searchlib._speech.roles import oblique_name_roles, roles_before

    for text, expected in (
        ("Адвокат Светланы Прокопьевой", set()),
        ("адвокат журналистки Светланы Прокопьевой", {"журналистк"}),
        ("Министр встретился с министром финансов Иваном Петровым", {"министр"}),
    ):
        start = text.index(text.split()[-2])
        roles = oblique_name_roles(text, start, roles_before(text, start))
        assert expected <= roles.nouns and ("адвокат" not in roles.nouns), text
    assert not oblique_name_roles("Адвокат Светланы Прокопьевой", 8, roles_before("", 0)).nouns


def test_a_participle_role_noun_in_the_genitive() -> None:
    """`нападающий` declines as an adjective: `нападающего` (it was read as `нападающия`)."""
    from searchlib._speech.roles import ROLE_FORMS

    assert "нападающего" in ROLE_FORMS["gen"]
    assert "нападающия" not in ROLE_FORMS["gen"]


def test_a_possessive_opens_the_name_s_own_role() -> None:
    from searchlib._speech.roles import roles_of
    from searchlib._stemmer import stem_russian

    text = "Губернатор об увольнении своего заместителя Константина Полежаева:"
    at = text.index("Константина")
    roles = roles_of(text, (at, len(text) - 1)).nouns
    assert "губернатор" not in roles
    assert stem_russian("заместитель") in roles
