"""Finding quoted speech: quote marks, attributions, lead-ins, names in quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib._quotes import find_quotes, quoted_regions, speech_verb


def _texts(text: str, previous: str | None = None) -> list[str]:
    return [
        " | ".join(text[s:e] for s, e in q.parts)
        for q in find_quotes(text, previous_paragraph=previous)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Главный стимул интеграции", — отметила она.', ["Главный стимул интеграции"]),
        ('"Молодёжная дипломатия", - сказала она.', ["Молодёжная дипломатия"]),
        ("«Мы готовы к диалогу», — заявил Песков.", ["Мы готовы к диалогу"]),
        ("„Это важное решение“, — отметил министр.", ["Это важное решение"]),
        ("“We are ready”, — сказал он.", ["We are ready"]),
        ("«Мы готовы», заявил он журналистам.", ["Мы готовы"]),
        ("«Ситуация под контролем». Об этом заявил Песков.", ["Ситуация под контролем"]),
        (
            "Он заявил: «Переговоры продолжатся на следующей неделе».",
            ["Переговоры продолжатся на следующей неделе"],
        ),
        ("Она сказала: «Нет».", ["Нет"]),
        (
            "По словам Лаврова, «западные страны должны уважать интересы».",
            ["западные страны должны уважать интересы"],
        ),
        ("Лавров заявил, что «ответ будет симметричным».", ["ответ будет симметричным"]),
        # Interrupted quote: one quote in two parts, the attribution left out.
        (
            "«Это первая часть, — сказал Песков. — А это вторая»",
            ["Это первая часть, | А это вторая"],
        ),
        ('"Первое, - сказал он. - Второе"', ["Первое, | Второе"]),
        # A continuation in its own quote marks.
        ("«Первое», — сказал он. — «Второе и третье».", ["Первое", "Второе и третье"]),
        # Nested quotes, also with the outer closing mark missing.
        (
            "«Компания «Газпром» продолжит поставки», — сообщили в пресс-службе.",
            ["Компания «Газпром» продолжит поставки"],
        ),
        ("«Мы работаем с «Газпромом», — сказал глава компании.", ["Мы работаем с «Газпромом»"]),
        ('"Мы работаем с "Газпромом"", - сказал он.', ['Мы работаем с "Газпромом"']),
        # Speech verbs in the present plural, the neuter, and less common ones.
        ("«Цены вырастут», — прогнозируют аналитики.", ["Цены вырастут"]),
        ("«Рынок ждет коррекции», — считают аналитики.", ["Рынок ждет коррекции"]),
        ("«Удары нанесены по целям», — сообщило ведомство.", ["Удары нанесены по целям"]),
        ("«Граница будет открыта», — передает Reuters слова Эрдогана.", ["Граница будет открыта"]),
        ("«Это фейк», — отрезал Песков.", ["Это фейк"]),
        ("«Я просто делал свою работу», — вспоминает он.", ["Я просто делал свою работу"]),
        ("«Рост продолжится», — прогнозирует банк.", ["Рост продолжится"]),
        # Lead-ins: `по данным`, `как отмечается`, `как пишет`.
        (
            "По данным источника, «сделка будет закрыта до конца года».",
            ["сделка будет закрыта до конца года"],
        ),
        (
            "Как отмечается в докладе Всемирного банка, «рост экономики замедлится».",
            ["рост экономики замедлится"],
        ),
        (
            "Как пишет Bloomberg, «сделка может быть закрыта в марте».",
            ["сделка может быть закрыта в марте"],
        ),
        # A quoted name inside the attribution does not end it.
        ("“Рынок перегрет”, — считает аналитик «Финама» Алексей Коренев.", ["Рынок перегрет"]),
        ("„Мы будем бороться“, — сказал Алексей Навальный.", ["Мы будем бороться"]),
        (
            "«Это решение, — считает экономист Игорь Николаев, — приведет к росту цен».",
            ["Это решение, | приведет к росту цен"],
        ),
    ],
)
def test_speech_is_found(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Акции «Газпрома» выросли, а «Роснефть» подешевела.",
        "Писатель назвал роман «Война и мир» своим любимым.",
        'Компания "Газпром" — крупнейший экспортёр газа.',
        "Лидеры рейтинга: «Газпром», «Лукойл» и «Роснефть».",
        "Лавров заявил, что «Газпром» продолжит поставки.",
        "Закон «О внесении изменений в Федеральный закон об образовании» принят.",
        "Без кавычек, — сказал он.",
        "«Незакрытая кавычка, — сказал он",
        "Акции «Газпрома» и «Сбербанка» выросли на торгах Мосбиржи.",
        "Фильм «Война и мир» покажут на Первом канале.",
        "Об этом пишет газета «Коммерсант» со ссылкой на источники.",
        "Премьера спектакля «Три сестры» состоится в МХТ имени Чехова.",
        "Интервью было опубликовано в газете «Известия», а затем перепечатано изданием "
        "«Ведомости».",
        "Министр прокомментировал ситуацию вокруг «Северного потока».",
        "Фильм «Брат» вышел в прокат в 1997 году, а книга «Мастер и Маргарита» остается "
        "бестселлером.",
        "Завод «Северсталь» и холдинг «Металлоинвест» подписали соглашение.",
        "Компания «Яндекс» сообщила о запуске сервиса «Алиса Про».",
        "Мишустин поручил «в кратчайшие сроки» подготовить предложения.",
        "«Нефтяники», «газовики» и «энергетики» собрались на форуме.",
        "Мы не получали таких запросов, — заявили в Минцифры.",
    ],
)
def test_names_titles_and_scare_quotes_are_not_speech(text: str) -> None:
    assert _texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он назвал ситуацию «катастрофической».", ["катастрофической"]),
        ("Песков назвал эти сообщения «уткой».", ["уткой"]),
        ("Захарова назвала заявление Госдепа «верхом цинизма».", ["верхом цинизма"]),
        (
            "Песков назвал эти публикации «очередной уткой» и «информационным вбросом».",
            ["очередной уткой", "информационным вбросом"],
        ),
        (
            "Премьер-министр Михаил Мишустин поручил, чтобы «все выплаты были произведены"
            " вовремя».",
            ["все выплаты были произведены вовремя"],
        ),
        ("Министр пообещал «жёстко ответить».", ["жёстко ответить"]),
        ("Он выразил «безоговорочную солидарность» с союзниками.", []),  # the clause goes on
        ("По словам Лаврова, переговоры «зашли в тупик».", ["зашли в тупик"]),
        ("Нуланд рассказала, что говорила «о развитии того задела».", ["о развитии того задела"]),
    ],
)
def test_partial_quotes_in_reported_speech_are_speech(text: str, expected: list[str]) -> None:
    """A fragment quoted inside reported speech: the sentence's verb comes before it."""
    assert _texts(text) == expected


def test_previous_paragraph_ending_with_a_colon_is_a_lead_in() -> None:
    quotes = find_quotes(
        "«Рост продолжится в следующем году»", previous_paragraph="Эксперт отметила:"
    )
    assert len(quotes) == 1
    assert quotes[0].lead_in is not None and quotes[0].lead_in.kind == "previous-paragraph"
    assert (
        find_quotes("«Рост продолжится в следующем году»", previous_paragraph="Эксперт отметила.")
        == []
    )


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        (
            "«Рынок перегрет», — считает аналитик «Финама» Алексей Коренев.",
            "считает аналитик «Финама» Алексей Коренев",
        ),
        (
            "«Вопрос решен», — подтвердил представитель «Аэрофлота» Иван Петров.",
            "подтвердил представитель «Аэрофлота» Иван Петров",
        ),
        (
            "«Мы готовы», — рассказал «Интерфаксу» глава банка.",
            "рассказал «Интерфаксу» глава банка",
        ),
        # A long quoted stretch is not a name: the clause ends at it.
        ("«Да», — сказал он «и это все, что я могу сказать сейчас» вчера.", "сказал он "),
    ],
)
def test_attribution_runs_past_a_quoted_name(text: str, attribution: str) -> None:
    [quote, *_] = find_quotes(text)
    assert quote.attribution is not None
    assert text[quote.attribution[0] : quote.attribution[1]] == attribution


def test_attribution_span_excludes_the_speech() -> None:
    text = '"Главный стимул", — отметила она.'
    [quote] = find_quotes(text)
    assert quote.attribution is not None
    assert text[quote.attribution[0] : quote.attribution[1]] == "отметила она"
    assert quote.span == (1, 15) and quote.region == (0, 16)


def test_quoted_regions_cover_names_and_speech() -> None:
    text = "Акции «Газпрома» и «Лукойла»: «Рост», — сказал он."
    assert [text[s:e] for s, e in quoted_regions(text)] == ["«Газпрома»", "«Лукойла»", "«Рост»"]


def test_speech_verbs_know_their_gender() -> None:
    assert speech_verb("отметила") == "f"
    assert speech_verb("сказал") == "m"
    assert speech_verb("поделилась") == "f"
    assert speech_verb("сообщили") == "pl"
    assert speech_verb("говорится") == "impersonal"
    assert speech_verb("сообщило") == "n"
    assert speech_verb("считают") == "pl" and speech_verb("пишут") == "pl"
    assert speech_verb("говорят") == "pl" and speech_verb("делятся") == "pl"
    assert speech_verb("прогнозирует") == "?"
    assert speech_verb("опровергла") == "f"
    assert speech_verb("Подчеркнула") == "f"
    assert speech_verb("стол") is None


_QUOTE_TEXT = st.text(
    alphabet=st.sampled_from(list('«»„“”"‹› ,.:—-–абвгдОнаСказалаотметила')), max_size=80
)


@given(st.one_of(st.text(max_size=200), _QUOTE_TEXT), st.none() | st.text(max_size=50))
def test_any_text_parses_and_parts_are_ordered_spans(text: str, previous: str | None) -> None:
    last = 0
    for quote in find_quotes(text, previous_paragraph=previous):
        assert quote.parts
        for start, end in quote.parts:
            assert last <= start < end <= len(text)
            last = end
        assert quote.region[0] < quote.span[0] and quote.span[1] <= quote.region[1]
    for start, end in quoted_regions(text):
        assert 0 <= start < end <= len(text)


@given(st.text(alphabet="аб .!?…\n\t,:", max_size=40))
def test_the_last_sentence_starts_where_the_old_pattern_said(text: str) -> None:
    """_last_sentence_start replaces a quadratic pattern; on stripped text, the same answer."""
    import re

    from searchlib._quotes import _last_sentence_start

    text = text.rstrip()
    pattern = re.compile(r"(?:^|[.!?…]\s+|\n)(?=[^.!?…\n]*$)")
    match = pattern.search(text)
    assert _last_sentence_start(text) == (match.end() if match else 0)


def test_a_long_paragraph_of_quotes_gives_every_quote() -> None:
    paragraph = "«Да», — сказал он. " * 2000  # 40 KB of short attributed quotes
    assert len(find_quotes(paragraph)) == 2000
