"""Speaker attribution on varied Russian news sentences, not only the bundled article.

A wrong name is worse than None: the `None` rows are as important as the named ones.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib._speakers import attribute_article

CASES = [
    # A named person in the attribution wins.
    (
        ["«Мы готовы к диалогу», — заявил пресс-секретарь президента Дмитрий Песков."],
        ["Дмитрий Песков"],
    ),
    (
        ["«Решение принято», — сказал глава МИД России Сергей Лавров, комментируя итоги."],
        ["Сергей Лавров"],
    ),
    (["«Мы не планируем повышать ставки», — сказал Сергей Шойгу."], ["Сергей Шойгу"]),
    (["“We are ready”, — сказал Дональд Трамп."], ["Дональд Трамп"]),
    (["„Это важное решение“, — отметил министр финансов Антон Силуанов."], ["Антон Силуанов"]),
    (["«Мы работаем с «Газпромом», — сказал глава компании Алексей Миллер."], ["Алексей Миллер"]),
    (["«Кремль не комментирует слухи». Об этом заявил Дмитрий Песков."], ["Дмитрий Песков"]),
    (["«Переговоры идут», — сказал Путин на встрече с Александром Лукашенко."], ["Путин"]),
    # Names in oblique cases, reported in the nominative.
    (
        ["По словам Сергея Лаврова, «западные страны должны уважать интересы региона»."],
        ["Сергей Лавров"],
    ),
    (
        ["По мнению политолога Анны Ивановой, «выборы пройдут спокойно и без сюрпризов»."],
        ["Анна Иванова"],
    ),
    (["Как отметил Владимир Путин, «экономика адаптировалась к санкциям»."], ["Владимир Путин"]),
    (["Лавров заявил, что «ответ будет симметричным и очень быстрым»."], ["Лавров"]),
    (["Об этом заявил Песков: «Кремль не комментирует слухи о переговорах»."], ["Песков"]),
    # Pronouns and role nouns refer back to the latest person who fits.
    (
        [
            "Глава МИД России Сергей Лавров провел переговоры.",
            "«Мы обсудили все вопросы», — сказал он.",
        ],
        ["Сергей Лавров"],
    ),
    (
        ["Мария Захарова прокомментировала слова Блинкена.", '"Это провокация", - сказала она.'],
        ["Мария Захарова"],
    ),
    (
        [
            "Эксперт Иван Петров считает, что рынок вырастет.",
            "«Рост составит 10%», — добавил эксперт.",
        ],
        ["Иван Петров"],
    ),
    (
        [
            "Президент Казахстана Касым-Жомарт Токаев встретился с Владимиром Путиным.",
            "«Наши страны — стратегические партнеры», — подчеркнул Токаев.",
        ],
        ["Касым-Жомарт Токаев"],
    ),
    # Several speakers in one article.
    (
        [
            "Министр Антон Силуанов и глава ЦБ Эльвира Набиуллина выступили на форуме.",
            "«Бюджет сбалансирован», — сказал Силуанов.",
            "«Инфляция замедляется», — отметила Набиуллина.",
            "«Ставка останется высокой», — добавила она.",
            "«Дефицита не будет», — заверил он.",
        ],
        ["Антон Силуанов", "Эльвира Набиуллина", "Эльвира Набиуллина", "Антон Силуанов"],
    ),
    # Interrupted quote and continuation keep the speaker.
    (["«Это первая часть, — сказал Песков. — А это вторая часть заявления»."], ["Песков"]),
    (
        ["«Первое», — сказала Мария Захарова. — «Второе и третье»."],
        ["Мария Захарова", "Мария Захарова"],
    ),
    # No person: press services, unnamed sources, plural or unknown speakers.
    (["«Компания «Газпром» продолжит поставки газа в Европу», — сообщили в пресс-службе."], [None]),
    (["«Ситуация под контролем», — заявил источник агентства."], [None]),
    (["«Переговоры продолжатся», — говорится в заявлении МИД."], [None]),
    (["«Всё будет хорошо», — сказали они."], [None]),
    (["«Рост составит 10%», — сказала она."], [None]),  # nobody named before
    (
        ["Мария Захарова прокомментировала слова Блинкена.", '"Это провокация", - сказал он.'],
        [None],
    ),
    (
        [
            "Эксперт Иван Петров считает, что рынок вырастет.",
            "«Рост составит 10%», — добавил министр.",
        ],
        [None],
    ),
    (["«Мы готовы», — сказал представитель компании."], [None]),
    # The lead-in names Лавров, but `сказала она` is a woman: the latest woman named.
    (
        ["Лавров встретился с Марией Захаровой: «Обсудили планы», — сказала она."],
        ["Мария Захарова"],
    ),
]


@pytest.mark.parametrize(("paragraphs", "speakers"), CASES)
def test_speakers(paragraphs: list[str], speakers: list[str | None]) -> None:
    found = [q.speaker for quotes in attribute_article(paragraphs) for q in quotes]
    assert found == speakers


def test_bundled_article(article_paragraphs: list[str]) -> None:
    result = attribute_article(article_paragraphs)
    located = [(n, q.speaker) for n, quotes in enumerate(result, start=1) for q in quotes]
    assert located == [(n, "Анастасия Лаврина") for n in (4, 6, 8, 10, 13)]


@pytest.fixture
def article_paragraphs() -> list[str]:
    from tests.conftest import ARTICLE

    return [
        line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


_WORDS = st.sampled_from(
    "«Мы готовы» — сказал сказала отметила она он эксперт Сергей Лавров Лаврова Анастасии "
    'Лавриной По словам пресс-служба : , . " „ “ Газпром министр Иван'.split()
)


@settings(max_examples=200)
@given(st.lists(st.lists(_WORDS, max_size=20).map(" ".join), max_size=5))
def test_any_paragraphs_attribute_without_error(paragraphs: list[str]) -> None:
    result = attribute_article(paragraphs)
    assert len(result) == len(paragraphs)
    known = " ".join(paragraphs)
    for quotes in result:
        for quote in quotes:
            # A speaker's surname always comes from the text, never invented.
            if quote.speaker is not None:
                assert quote.speaker.split()[-1][:4] in known
