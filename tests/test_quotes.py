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
        "Он назвал ситуацию «катастрофической».",
        "Лидеры рейтинга: «Газпром», «Лукойл» и «Роснефть».",
        "Лавров заявил, что «Газпром» продолжит поставки.",
        "Закон «О внесении изменений в Федеральный закон об образовании» принят.",
        "Без кавычек, — сказал он.",
        "«Незакрытая кавычка, — сказал он",
    ],
)
def test_names_titles_and_scare_quotes_are_not_speech(text: str) -> None:
    assert _texts(text) == []


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
