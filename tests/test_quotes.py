"""Finding quoted speech: quote marks, attributions, lead-ins, names in quotes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib._speech import quotes as quotes_module
from searchlib._speech.quotes import (
    find_quotes,
    opening_attribution,
    quoted_regions,
    reported_lead_in,
    speech_verb,
)
from searchlib._speech.speakers import _RESOLVED_QUOTES
from searchlib._text import ABBREVIATIONS


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
        # the next sentence naming the statement (`Такое заявление сделал`, `С таким
        # заявлением выступил`), after a quote of three words or more
        (
            "«Мы готовы к переговорам». Такое заявление сделал глава МИД Сергей Лавров.",
            ["Мы готовы к переговорам"],
        ),
        (
            "«Цены не вырастут». С таким заявлением выступила глава ЦБ.",
            ["Цены не вырастут"],
        ),
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
        # An attribution naming the statement: `— такое заявление сделал X`.
        (
            "«Мы не будем отступать», — такое заявление сделал министр Андрей Белоусов.",
            ["Мы не будем отступать"],
        ),
        ("«Мы не отступим» — с таким заявлением выступила Захарова.", ["Мы не отступим"]),
        ("«Мы не отступим», — такими словами он ответил.", ["Мы не отступим"]),  # (a verb)
        # A short fragment in lower case ending its clause after `по словам X,`.
        ("По словам Сергея Лаврова, «ответ будет».", ["ответ будет"]),
        (
            "Путин провел совещание. По его словам, «экономика адаптировалась».",
            ["экономика адаптировалась"],
        ),
        # Two words or more that end the sentence right after a speech verb's `что`.
        ("Песков подчеркнул, что «Кремль доволен».", ["Кремль доволен"]),
        ("Лавров заявил, что «ответ будет».", ["ответ будет"]),
        ("Министр признал, что «ситуация сложная».", ["ситуация сложная"]),
        # Capitalised words that end the sentence after `по словам X,`: the sentence.
        ("По словам Лаврова, «Европа едина».", ["Европа едина"]),
        ("По словам Касым-Жомарта Токаева, «Казахстан готов».", ["Казахстан готов"]),
        ("Но по словам Пескова, «Никаких комментариев».", ["Никаких комментариев"]),
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
        # A quote opening with a quoted name, one mark for both; a stray mark after a
        # longer quote closes nothing.
        (
            "«Ромашка» будет лучшим заводом региона и образцом для всех», — сказал губернатор.",
            ["«Ромашка» будет лучшим заводом региона и образцом для всех"],
        ),
        (
            'По их словам, "Радуга" изменит подход к обучению детей."',
            ['"Радуга" изменит подход к обучению детей.'],
        ),
        (
            "Компания «Ромашка» открыла цех. «Радуга» и «Заря» тоже открыли», — сказал он.",
            ["«Радуга» и «Заря» тоже открыли"],
        ),
        (
            '"Мы завершили работу над проектом", - сказал он. Об этом сообщили позже."',
            ["Мы завершили работу над проектом"],
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
        "Лавров упомянул статью в журнале «Огонек».",
        "Лавров упомянул лидера группировки «Исламское государство».",
        # (a hyphenated noun of things by its last part; a name opening with such a noun)
        "Как сообщают представители арт-группы «Война», суд оставил решение без изменения.",
        "Путин заявил, что подпишет «закона Димы Яковлева», поступивший к нему.",
        # (short capitalised quotes after a noun for names and a colon are the names)
        "Станции метро предлагают и другие наименования: «Петербургская» и «Северо-Западная».",
        "Песков сказал, что формулировка «прекращение огня на всей линии фронта» отсутствует.",
        "Законодательство запрещает «пропаганду насилия среди несовершеннолетних» в любой"
        " форме, напомнил депутат Иван Петров.",
        'Компания "Газпром" — крупнейший экспортёр газа.',
        "Лидеры рейтинга: «Газпром», «Лукойл» и «Роснефть».",
        "Лавров заявил, что «Газпром» продолжит поставки.",
        # (a name after `по словам X,` where the sentence goes on)
        "По словам Лаврова, «Газпром» выполнит обязательства.",
        "Лавров заявил, что «Единая Россия» победит на выборах.",
        "По словам Лаврова, «Газпром», как и прежде, выполнит обязательства.",
        # (a list's last name in a sentence that has `по словам X,` in it, not before it)
        "По мнению политолога Алексея Макаркина, в Госдуму пройдут «Единая Россия», КПРФ,"
        " ЛДПР, «Новые люди».",
        "В санкционный список, по словам источника, вошли «Газпромбанк», «Тинькофф Банк».",
        "Лучшим фильмом, по мнению жюри, признан «Анора», а лучшим сериалом, по мнению"
        " зрителей, «Слово пацана».",
        # (two words with no predicate after `что`: a name given as the answer)
        "Никита Михалков сказал, что «Солнечный удар».",
        "На вопрос о любимой книге Владимир Путин ответил, что «Тихий Дон».",
        # (what reports claim, not the words of the sentence's speech verb)
        "Дмитрий Песков прокомментировал слухи о том, что «Путин серьезно болен».",
        "Мария Захарова опровергла сообщения о том, что «посольство закрыто».",
        # (the names of a list of quoted names, the last one too)
        "В шорт-лист, по словам организаторов премии, вошли «Слово пацана», «Майор Гром»,"
        " «Мастер и Маргарита».",
        "Главными открытиями сезона, по мнению критиков, стали «Слово пацана» и «Король и Шут».",
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
        # the source after `как сообщает`, an object of a preposition, `в рамках «…»`
        "Решение, как передает «Коммерсантъ», губернатор подписал вчера.",
        "Рассуждая о поставках по «северному маршруту», Орлов заметил, что сроки сдвинутся.",
        "Орлов сказал, что обмен опытом продолжится в рамках «школы мэров».",
        # a stray closing mark after a name that opens no clause; a name before `и ушел`
        "Акции «Ромашки» выросли на пять процентов за день».",
        "Министр назвал компанию «Вектор» и ушел.",
        # a fragment after a preposition and a noun that make it a model or a name
        "Он призвал провести Морской год по образцу «года Балтики».",
        "Мэр предложил построить парк в духе «старой Москвы».",
        "Губернатор призвал открыть фестиваль под названием «Летний город».",
        # mid-clause: a quoted modifier, a fragment after `по словам`, a name, a long one
        "Министр потребовал разработать «зеленую» программу развития.",
        "Депутат заявил о «зеленой» экономике будущего.",
        "Она вспоминала о «даче» и о детстве.",
        "Он обещал решать «в срок» все вопросы жильцов.",
        "По словам Орлова, город ждут «жаркие» выходные.",
        "По словам эксперта, «Газпром» потерял долю рынка.",
        "«Все счастливые семьи похожи друг на друга», — этими словами начинается роман.",
        "По данным Минфина, «дефицит».",
        "«Лицо российской дипломатии», — такими словами Мария Захарова была описана в Forbes.",
        "Она смотрела, как говорит простой народ, «дзызом».",
        "Директор рассказал о «Ромашке» подробнее.",
        # (A relative clause after it is about the quoted name: factRuEval.)
        "Оно производит разгонные блоки «Бриз-М», которые называют в числе главных причин аварий.",
        # a short name after a noun or adjective, the attribution after it the reported
        # sentence's (Lenta.ru, 2018)
        "Ни одна страна не располагает оружием, подобным российскому гиперзвуковому"
        " ракетному комплексу «Авангард», сообщил «Звезде» эксперт Константин Сивков.",
        "«Нафтогаз Украины» обратился в суды с исками о взыскании долга с российского"
        " «Газпрома», заявил представитель компании Юрий Витренко.",
        # an organisation's name ending the reported sentence (RuCoCo)
        "Ответственность за убийства взяла на себя «Украинская повстанческая армия». Об"
        " этом сообщил политолог Владимир Фесенко.",
        "Ответственность взяла на себя «Украинская повстанческая армия», сообщил политолог.",
        # a wording or a slogan a noun names, the attribution the sentence's (Wikinews)
        "Премия присуждена Бобу Дилану с формулировкой «За создание новой поэтической"
        " выразительности». Об этом сообщила секретарь Шведской академии Сара Даниус.",
        "Митинг прошел под лозунгом «Свободу узникам совести», сообщил организатор.",
        # words that introduce a name or a term (Russian Wikinews, in sentences of our own)
        "Президент заявил, что подпишет так называемый «закон о защите детей».",
        "Законопроект, более известный как «закон о детях», принят в первом чтении.",
        "Страну переименовали в Эсватини, что на языке свати означает «земля свази».",
        "Инвестора прозвали «Оракулом из Омахи» за точные прогнозы.",
        "Митинг прошёл под лозунгом «Свободу узникам совести».",
        # a feat repeated, not words (`— повторил он` and `повторил: «…»` are speech)
        "Хоккеист Иван Петров повторил «чудо на льду».",
        "Команда Ивана Петрова повторяет «успех Лестера».",
        # one word, the object of an infinitive a governing verb takes: a term
        "Президент поручил мэру снести «хрущёвки».",
        "Депутаты отказались изучать такую бесполезную «идею».",
        # what a thing is called, right after a verb of naming, the clause going on
        "Марс называют «красной планетой» из-за красноватого оттенка поверхности.",
        "Гепатит C называют «ласковый убийца» из-за способности маскироваться.",
        # a word of an opinion the next sentence names: no speech
        "Министры ушли до «развода». Такое мнение высказала премьер-министр Тереза Мэй.",
        # a clause a conjunction opens after the quote's comma is no attribution, however
        # its verb reads (`продолжила`, `жалуется`)
        "Каждый хочет, чтобы с ним обошлись «справедливо», и жалуется на несправедливость.",
        "Он уверял, что пишет «Мемуары ночной птицы», и объяснял это всем.",
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
        # (a person's noun that begins as a noun of things does is no such noun: `журналиста`
        # is no `журнал`, `командующего` no `команда`)
        ("Порошенко назвал убийство журналиста «провокацией».", ["провокацией"]),
        ("Лавров назвал действия командующего «провокацией».", ["провокацией"]),
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
        # (mid-clause, two words or more right after a verb that governs its object)
        (
            "Он выразил «безоговорочную солидарность» с союзниками.",
            ["безоговорочную солидарность"],
        ),
        ("Президент пообещал «жёстко ответить» на атаку.", ["жёстко ответить"]),
        # (after a verb of proposing, only one that opens with an infinitive: the other
        # names a measure)
        ("Спикер предложил «лишать гражданства» тех, кто уехал.", ["лишать гражданства"]),
        ("Министр предложил «налоговые каникулы» для малого бизнеса.", []),
        # (after a verb of naming, one person's verdict in the past singular: not a name
        # given, `Марс называют «красной планетой» из-за…`)
        (
            "Медведев назвал «полным бредом» заявления европейских политиков.",
            ["полным бредом"],
        ),
        ("Его называли «отцом народов» за жестокость.", []),
        # (the next sentence saying what it names: a name)
        (
            "Сенатор напомнил, что источником было «досье Стила». Так называется"
            " расследование о связях Трампа с Россией.",
            [],
        ),
        # (a verb's own phrase may end in an adjective, a modifier may not)
        (
            "Кисида пообещал «сделать все возможное» для возвращения граждан.",
            ["сделать все возможное"],
        ),
        # (or a second verb follows)
        (
            "Глава региона назвал решение «поспешным шагом» и потребовал его отменить.",
            ["поспешным шагом"],
        ),
        ("По словам Лаврова, переговоры «зашли в тупик».", ["зашли в тупик"]),
        # (the sentence's closing attribution says whose its fragment of three words or
        # more is, with no speech or naming verb before it, nor a paper passing it on)
        (
            "Решение было «безрассудным и преступным» по своей сути, заявил Сергей Иванов.",
            ["безрассудным и преступным"],
        ),
        (
            "Костенко - «никакой не сторонник» Навального, настаивает Волков.",
            ["никакой не сторонник"],
        ),
        ("Первый «умный» скафандр доставлен на орбиту, сообщил Иван Петров.", []),
        # (only as the sentence's predicate: a phrase a noun or modifier before it names is
        # a term, a title or another's words)
        ("Вчерашнее «полное прекращение огня по всей линии» продержалось сутки, сообщил Коц.", []),
        (
            "С точки зрения США, «отмена санкций послала бы неверный сигнал» хунте, пояснил"
            " Кэмпбелл.",
            ["отмена санкций послала бы неверный сигнал"],
        ),
        ("Год будет годом «очень большого долга», когда придется платить, пишет газета.", []),
        ("Путин назвал ситуацию «крайне напряженной» в регионе, сообщил Песков.", []),
        ("Переговоры в «нормандском формате» продолжатся в марте, сообщил Песков.", []),
        # (a preposition and a noun right after the speech verb govern no name)
        ("Он заявил о необходимости «срочно провести выборы».", ["срочно провести выборы"]),
        ("Нуланд рассказала, что говорила «о развитии того задела».", ["о развитии того задела"]),
        # (mid-clause, the speech verb's own object: right after it, its infinitive or `о`)
        ("Министр потребовал «срочно» пересмотреть тарифы.", ["срочно"]),
        (
            "Губернатор потребовал подготовить «понятный план» развития области.",
            ["понятный план"],
        ),
        (
            "Депутат заявил о «двойных стандартах» в отношении малого бизнеса.",
            ["двойных стандартах"],
        ),
        (
            "Мэр сказал, что намерен «при первой возможности» расширить программу.",
            ["при первой возможности"],
        ),
        # (mid-clause inside the speech verb's `что` clause: four words or more; fewer are
        # as often a term)
        (
            "Он сказал, что власти «не будут вмешиваться в работу суда» в этом деле.",
            ["не будут вмешиваться в работу суда"],
        ),
        # (an adverb that begins as a naming noun does, `принципиально`, is no `принцип`)
        (
            "Министр заявил, что принципиально «не пойдет ни на какие уступки» в этом вопросе.",
            ["не пойдет ни на какие уступки"],
        ),
        ("Он заявил, что лозунг «Россия для русских навсегда» неприемлем.", []),
        ("Он добавил, что Россия несет «особую ответственность» за соглашения.", []),
        ("Министр сообщил, что компания запустила «зеленый коридор» для грузов.", []),
        # (not inside a speech verb's clause: a narrative sentence's; nor another's words:
        # the verb denies them, the `что` is a report's, the clause has a verb of its own,
        # or a preposition governs them; see
        # test_words_no_one_is_said_to_say_are_no_one_s for those with a verb)
        ("Петров рассказал, что публика пела «ой, то не вечер, то не вечер» до утра.", []),
        ("Петров сказал, что вопрос «кто виноват и что делать дальше» не решен.", []),
        (
            "Губернатор сообщил, что в рамках «дорожной карты по развитию туризма» работы"
            " начнутся летом.",
            [],
        ),
    ],
)
def test_partial_quotes_in_reported_speech_are_speech(text: str, expected: list[str]) -> None:
    """A fragment quoted inside reported speech: the sentence's verb comes before it."""
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An article's first line wholly one quoted sentence of four words or more: a
        # headline quoting what the article reports ...
        ("«Изоляцией Запад толкнет Лукашенко в объятия Путина»", ["Изоляцией Запад толкнет"]),
        ("«Россия без Путина и Европа без санкций»", ["Россия без Путина"]),
        ('"Братья, вас разводят на вражду!"', ["Братья, вас разводят"]),
        # ... not a name, a line going on after the quote, sentences, or a paragraph.
        ("«Южный поток»", []),
        ("«Путин хочет войти в историю» — мнение эстонских политиков", []),
        ("«Мы готовы. Мы ждем».", []),
        ("«" + "Мы готовы к переговорам с любыми партнерами, " * 5 + "»", []),
    ],
)
def test_a_quoted_headline_is_speech(text: str, expected: list[str]) -> None:
    found = [text[q.span[0] : q.span[1]] for q in find_quotes(text, headline=True)]
    assert len(found) == len(expected)
    assert all(quote.startswith(start) for quote, start in zip(found, expected, strict=True))
    # (Not a headline, one paragraph or not the first: found only as a sentence of its own
    # with a verb, no one's.)
    assert all(q.unattributed for q in find_quotes(text))


def test_previous_paragraph_ending_with_a_colon_is_a_lead_in() -> None:
    quotes = find_quotes(
        "«Рост продолжится в следующем году»", previous_paragraph="Эксперт отметила:"
    )
    assert len(quotes) == 1
    assert quotes[0].lead_in is not None and quotes[0].lead_in.kind == "previous-paragraph"
    # (After a sentence with no speech verb: no lead-in; a sentence of its own, no one's.)
    [quote] = find_quotes(
        "«Рост продолжится в следующем году»", previous_paragraph="Эксперт посетила выставку."
    )
    assert quote.lead_in is None and quote.unattributed


@pytest.mark.parametrize(
    ("previous", "lead_in"),
    [
        # A narrative sentence opening with a speech verb presents the one quoted sentence
        # that is the next paragraph, as it does a quote of several.
        ("Своим мнением с «Известиями» поделился экономист Сергей Смирнов.", True),
        ("Эксперт отметила.", True),
        # Not after a line of dialogue or a sentence quoting words of its own (the
        # paragraph is a reply, or a heading), nor one recalling whose words it passes on.
        ("«Россия может проверить это», — предупреждает Восман.", False),
        ('"Надеюсь, что этого не будет," отвечал Граф, "имение останется в семье."', False),
        ("-- А знаешь ли, ты напрасно погорячился! Мне Митенька рассказал все.", False),
        ("Час настал, час благоприятный, как говорил Рогачь, настоящему владельцу.", False),
        ("Высказался и Эмманюэль Макрон, напомнивший слова Шарля де Голля.", False),
        ("Напомнил о словах Иосифа Сталина историк Николай Сванидзе.", False),
    ],
)
def test_one_quoted_sentence_after_a_sentence_presenting_it(previous: str, lead_in: bool) -> None:
    [quote] = find_quotes("«Рост продолжится в следующем году».", previous_paragraph=previous)
    assert (quote.lead_in is not None) == lead_in
    if lead_in:
        assert quote.lead_in is not None and quote.lead_in.kind == "previous-paragraph"
    # (A sentence with no full stop is a heading: no lead-in.)
    [heading] = find_quotes("«Рост продолжится в следующем году»", previous_paragraph=previous)
    assert heading.lead_in is None


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
        (
            "«Сутки есть», — цитирует «Лента.ру» пресс-секретаря Людмилу Зенькович.",
            "цитирует «Лента.ру» пресс-секретаря Людмилу Зенькович",
        ),
        # A long quoted stretch is not a name: the clause ends at it.
        ("«Да», — сказал он «и это все, что я могу сказать сейчас» вчера.", "сказал он "),
        # Nor does an initial's dot (`С. Сквярнялис`); a sentence's full stop does.
        (
            "«Мотивы важны», — сказал С. Сквярнялис журналистам. Потом он ушел.",
            "сказал С. Сквярнялис журналистам",
        ),
    ],
)
def test_attribution_runs_past_a_quoted_name(text: str, attribution: str) -> None:
    [quote, *_] = find_quotes(text)
    assert quote.attribution is not None
    assert text[quote.attribution[0] : quote.attribution[1]] == attribution


@pytest.mark.parametrize(
    "text",
    [
        # Words the sentence does not give to its subject (a narrative's `что` clause, a
        # denial, a report's `что`, a verb too far from the words) are found as no one's.
        "Известно, что власти «не будут вмешиваться в работу суда» в этом деле.",
        "Песков опроверг, что Кремль «ведет тайные переговоры с Вашингтоном» о них.",
        "Силуанов опроверг сообщения о том, что ведомство «готовит повышение налогов для"
        " среднего класса» в следующем году.",
        "Министр потребовал «срочно пересмотреть тарифы, снизить налоги, увеличить выплаты,"
        " открыть» новые центры.",
    ],
)
def test_words_no_one_is_said_to_say_are_no_one_s(text: str) -> None:
    [quote] = find_quotes(text)
    assert quote.unattributed and quote.lead_in is None and quote.attribution is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Words of four or more quoted in lower case, with a verb of their own, in a
        # sentence that says nothing of whose they are: someone's words ...
        (
            "Агентство считает дефолтом ситуацию, когда «заемщик не исполнил долговые"
            " обязательства в срок».",
            True,
        ),
        (
            "Киев давно нарушает соглашения, «не выполняя политических обязательств».",
            True,
        ),
        ("Brexit может «стимулировать другие популистские движения в Европе».", True),
        # A quoted sentence of its own, capitalised, five words or more with a verb ...
        ("Министр приехал в Москву. «Мы будем строить новые дороги везде».", True),
        (
            "Передача — шоу для избирателей. «Ведь россияне понимают, что экономическая"
            " ситуация ухудшилась».",
            True,
        ),
        # ... not without a verb (a term, a title), fewer words, nor a title the sentence
        # goes on about or a capitalised name inside it.
        # (a source in brackets after it, as a press review cites, is no title's sentence)
        (
            "Немецкая пресса обсуждает убийство. «Считается, что преступление призвано"
            " углубить раскол общества» (Die Welt, 18.04).",
            True,
        ),
        ("Он прочитал книгу. «Война и мир в эпоху больших перемен».", False),
        ("«Маленький домик в прерии стоит у реки» вышел в 1935 году.", False),
        ("Он прочитал. «Мы готовы строить».", False),
        ("Это миф о «развлечениях в узком кругу приближенных».", False),
        ("Власти ввели «желтый уровень опасности» в регионе.", False),
        ("Депутаты приняли «закон о платформах» в первом чтении.", False),
        ("Фильм «Война и мир начинается сегодня» вышел в прокат.", False),
    ],
)
def test_unattributed_quoted_words_with_a_verb_are_speech(text: str, found: bool) -> None:
    quotes = find_quotes(text)
    assert bool(quotes) is found
    assert all(q.unattributed and q.attribution is None and q.lead_in is None for q in quotes)


def test_a_clause_a_conjunction_opens_is_no_attribution() -> None:
    text = (
        "Ричард Морнингстар отметил, что будет важно, чтобы «Британия не спряталась в"
        " раковину», а продолжила лидировать в Европе."
    )
    [quote] = find_quotes(text)
    assert quote.attribution is None
    assert quote.lead_in is not None and quote.lead_in.kind == "reported"


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


def _reference_sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts, read back one character at a time."""
    for at in range(len(text) - 1, -1, -1):
        if text[at] == "\n":
            before = text[:at].rstrip()
            if before and before[-1] in ".!?…":
                return len(text) - len(text[at:].lstrip())
            return at + 1
        if text[at] in ".!?…":
            after = at + 1
            while text[after : after + 1] in ("»", '"', "“", "”", "’", ")", "]") and after < len(
                text
            ):
                after += 1
            word = re.search(r"(?<![^\W\d_])[^\W\d_]{1,7}$", text[max(0, at - 8) : at])
            short = word is not None and (
                len(word.group()) == 1 or word.group().lower() in ABBREVIATIONS
            )
            if text[after : after + 1].isspace() and not (
                text[at] == "." and after == at + 1 and short
            ):
                return len(text) - len(text[after:].lstrip())
    return 0


@given(st.text(alphabet="абВ .!?…\n\t,:1»)", max_size=40))
def test_the_last_sentence_starts_after_the_last_sentence_end(text: str) -> None:
    """_last_sentence_start, on stripped text, as reading back one character at a time says."""
    from searchlib._speech.quotes import _last_sentence_start

    text = text.rstrip()
    assert _last_sentence_start(text) == _reference_sentence_start(text)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Он ушёл. Потом", "Потом"),
        ("Он ушёл.Потом", "Он"),  # (a space left out: one sentence)
        ("Встреча с В.Путиным", "Встреча"),  # an initial
        ("Он ушёл. Встреча с В.В.Путиным", "Встреча"),
        ("Он ушёл. Сайт kremlin.ru и Яндекс.Такси", "Сайт"),
        ("Он ушёл. Рост в 1.5 раза", "Рост"),
        ("Он ушёл. Мэр г.Москва", "Мэр"),  # an abbreviation
        ("Он ушёл. Он сказал.", "Он сказал"),  # (the text's own end)
        ("Он спросил: «Кто ответит?» Затем министр", "Затем"),  # (closing marks between)
        ("Он ушёл. Встреча с В. В. Путиным", "Встреча"),  # initials and abbreviations
        ("Он ушёл. Ответ на т. н. провокации 2020 г. Затем", "Ответ"),
        ("Он ушёл. Он спросил: «Кто?»", "Он спросил"),
        ("Он ушёл.\n  Потом", "Потом"),
        ("Он ушёл\nПотом", "Потом"),
    ],
)
def test_a_sentence_starts_after_a_mark_that_ends_one(text: str, start: str) -> None:
    from searchlib._speech.quotes import _last_sentence_start

    assert _last_sentence_start(text) == text.index(start)


def test_a_long_paragraph_of_quotes_gives_every_quote() -> None:
    paragraph = "«Да», — сказал он. " * 2000  # 40 KB of short attributed quotes
    assert len(find_quotes(paragraph)) == 2000


def _old_pairs(text: str) -> list[tuple[int, int, int]]:
    """The quote-mark pairing as it was, scanning the stack (for the property below)."""
    from searchlib._speech.quotes import _OPENERS, _SPACE_AFTER, _SPACE_BEFORE, QUOTE_MARKS_RE

    stack: list[tuple[str, int]] = []
    regions: list[tuple[int, int, int]] = []

    def close_to(expected: set[str], index: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] in expected:
                regions.append((stack[depth][1], index, depth))
                del stack[depth:]
                return True
        return False

    for match in QUOTE_MARKS_RE.finditer(text):
        i, ch = match.start(), match.group()
        if ch in _OPENERS:
            stack.append((_OPENERS[ch], i))
        elif ch in "»›":
            close_to({ch}, i)
        elif ch == "“":
            if not close_to({"“"}, i):
                stack.append(("”", i))
        elif ch == "”":
            close_to({"”", "“"}, i)
        elif ch == '"':
            before = i == 0 or text[i - 1] in _SPACE_BEFORE
            after = i + 1 == len(text) or text[i + 1] in _SPACE_AFTER
            has_open = any(mark == '"' for mark, _ in stack)
            opening = (before and not after) or (before == after and not has_open)
            if opening and after and i + 1 < len(text) and text[i + 1].isspace():
                continue
            if opening:
                stack.append(('"', i))
            else:
                close_to({'"'}, i)
    return regions


def _old_clause_end(text: str, start: int) -> int:
    """Where a clause ended as it was found, searching from its start (for the property below)."""
    import re

    from searchlib._speech.quotes import _CLAUSE_END_RE, _QUOTED_NAME_RE

    pos = start
    while True:
        match = _CLAUSE_END_RE.search(text, pos)
        if match is None:
            return len(text)
        name = _QUOTED_NAME_RE.match(text, match.start())
        if name is None or len(re.findall(r"\w+", name.group())) > 4:
            return match.start()
        pos = name.end()


_CLAUSE_TEXT = st.text(alphabet=st.sampled_from(list('«»„“"  ,.:;!?…—-абОбэтом\n')), max_size=60)


@given(_CLAUSE_TEXT)
def test_quote_marks_pair_as_the_stack_scan_paired_them(text: str) -> None:
    """The open marks are looked up by kind now, not by scanning the stack: the same pairs."""
    from searchlib._speech.quotes import _pair_marks

    new = [
        (r.open, r.close, r.depth)
        for r in _pair_marks(text)
        if not (r.shared_close or r.shared_open)
    ]
    assert new == _old_pairs(text)


@given(_CLAUSE_TEXT)
def test_clause_ends_found_once_are_those_of_a_search_from_each_start(text: str) -> None:
    """One paragraph's clause ends are listed once and looked up: the same ends as searching."""
    from searchlib._speech.quotes import _Clauses

    clauses = _Clauses(text)
    for start in range(len(text) + 1):
        assert clauses.clause_end(start) == _old_clause_end(text, start), start


@given(st.text(alphabet="абВ .!?…\n\t,:«»1)", max_size=60))
def test_sentence_starts_found_once_are_those_of_each_prefix(text: str) -> None:
    """One paragraph's sentence ends are listed once and looked up: the same starts as reading
    each prefix (which ends with a non-space: callers strip it)."""
    from searchlib._speech.quotes import _Clauses, _last_sentence_start

    clauses = _Clauses(text)
    for end in range(1, len(text) + 1):
        if not text[end - 1].isspace():
            assert clauses.sentence_start(end) == _last_sentence_start(text[:end]), end


def test_literal_alternation_matches_the_plain_alternation() -> None:
    import re

    from searchlib._speech.quotes import literal_alternation

    words = ["глав", "глава", "губернатор", "мэр", "мид", "министр", "мин", "a.b", "АО", "ОАО"]
    trie = re.compile(literal_alternation(words), re.IGNORECASE)
    plain = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    for text in ["Главный", "министерство", "зао", "минск", "мэрия", "ab", "a.b", "тест", ""]:
        assert bool(trie.search(text)) == bool(plain.search(text)), text


# One paragraph of about 340,000 characters, as a hostile or careless user could submit:
# a piece repeated, numbered; how many quotes each piece gives and who says them (None:
# nobody; ...: the first by Иван Петров, then some by nobody, past the look-back budget).
_HOSTILE = [
    pytest.param('"Да{i}," — сказал он.', 1, None, id="attributed"),
    pytest.param("«Да{i}», — сказал Иван Петров.", 1, "Иван Петров", id="named"),
    pytest.param("Он назвал решение «безрассудным{i}».", 1, None, id="reported"),
    pytest.param("«Он сказал: „Да{i}“», — отметил Иван Петров.", 1, "Иван Петров", id="nested"),
    pytest.param("Иван Петров сказал: «Да{i}»,", 1, ..., id="one-endless-sentence"),
    pytest.param("«Да{i}» Об этом сказал «Газпром»", 1, None, id="past-quoted-names"),
    pytest.param("«Да{i} — сказал он.", 0, None, id="never-closed"),
    pytest.param("«{i} ”{i}", 0, None, id="closing-nothing-open"),
    # (an independent review's, 2026-12-07: 6 s and 1 s at 340 KB)
    pytest.param("Он сказал: «слово{i}»", 1, None, id="colon-lead-ins-endless"),
    pytest.param("«а{i}»", 0, None, id="one-letter-quotes"),
]


@pytest.mark.parametrize(("piece", "quotes", "speaker"), _HOSTILE)
def test_quote_finding_is_linear_in_paragraph_length(
    piece: str, quotes: int, speaker: object
) -> None:
    """Quotes and speakers of a 340,000-character paragraph in seconds, not minutes.

    Scanning the paragraph from its start for each quote took 30 s to two
    minutes on such paragraphs; linear, it takes about a second (the bound
    allows for a slow, busy machine).
    """
    import time

    from searchlib._corpus import parse_article

    pieces = 340_000 // len(piece.format(i=1000))
    paragraph = " ".join(piece.format(i=i) for i in range(pieces))
    start = time.perf_counter()
    article = parse_article("hostile", paragraph)
    seconds = time.perf_counter() - start
    assert seconds < 15, f"{seconds:.1f} s"
    assert len(article.paragraphs) == 1
    assert len(article.quotes) == pieces * quotes
    # (The speaker rules read a paragraph's first quotes only; the rest have no speaker.)
    read, left = article.quotes[:_RESOLVED_QUOTES], article.quotes[_RESOLVED_QUOTES:]
    assert {q.speaker for q in left} <= {None}
    speakers = {q.speaker for q in read}
    if speaker is ...:
        assert speakers <= {"Иван Петров", None}
        assert article.quotes[0].speaker == "Иван Петров"
    elif quotes:
        assert speakers == {speaker}


def test_a_lead_in_of_many_speech_verbs_is_read_in_linear_time() -> None:
    """A 320,000-character lead-in of speech verbs and commas before `, но X заявил:`: the
    check whether the `но` clause is part of what was said took minutes on it (a pattern
    retried from every verb); it takes well under a second."""
    import time

    from searchlib._corpus import parse_article

    text = "Иван Петров сказал, " * 16_000 + "но Сергей Сидоров заявил: «Мы не согласны с этим»."
    start = time.perf_counter()
    article = parse_article("hostile", text)
    seconds = time.perf_counter() - start
    assert seconds < 15, f"{seconds:.1f} s"
    assert [q.speaker for q in article.quotes] == ["Сергей Сидоров"]


_MARKED_TEXT = st.text(alphabet=st.sampled_from(list('«»„“”‹›"  .!?…\nабАБ,-')), max_size=40)


@given(_MARKED_TEXT)
def test_quote_marks_are_found_by_string_search_as_by_the_pattern(text: str) -> None:
    """has_quote_marks and the marks' positions are QUOTE_MARKS_RE's, and the sentence ends'
    positions those of a character class, found by a string search a character."""
    import re

    from searchlib._speech.quotes import (
        _BREAKS,
        _QUOTE_MARKS,
        QUOTE_MARKS_RE,
        _positions,
        has_quote_marks,
    )

    assert has_quote_marks(text) == bool(QUOTE_MARKS_RE.search(text))
    assert _positions(text, _QUOTE_MARKS) == [m.start() for m in QUOTE_MARKS_RE.finditer(text)]
    breaks = re.compile(r"[.!?…\n]")
    assert _positions(text, _BREAKS) == [m.start() for m in breaks.finditer(text)]


@given(st.text(alphabet=st.sampled_from(list("аб1_ ,.-\n")), max_size=40))
def test_words_are_counted_as_far_as_they_are_compared(text: str) -> None:
    """_word_count stops at five: every caller compares it with four or less."""
    import re

    from searchlib._speech.quotes import _COUNTED_WORDS, _word_count

    assert _word_count(text) == min(len(re.findall(r"\w+", text)), _COUNTED_WORDS)


_ACCORDING_CLAUSE = st.lists(
    st.sampled_from(
        [
            *("по ", "ПО ", "пᲂ ", "По", "словам", "мнению", "его ", "ЕЁ ", " "),
            *(",", "а", "\n", "\t", "п", "о", "данным,", "1"),
        ]
    ),
    max_size=8,
).map("".join)


@given(_ACCORDING_CLAUSE)
def test_according_to_is_found_as_the_pattern_opening_with_its_space_found_it(
    clause: str,
) -> None:
    """`по словам` in a clause (read with a space before it), looked for with its letters
    first (the regex engine skips to them): the clauses the pattern opening with `(?:^|\\s)`
    found."""
    import re

    from searchlib._speech.quotes import _ACCORDING_WORDS_RE, ACCORDING_NOUNS

    words = re.compile(
        rf"(?:^|\s)по (?:его |ее |её |их )?(?:{ACCORDING_NOUNS})[\s,]", re.IGNORECASE
    )
    assert bool(_ACCORDING_WORDS_RE.search(" " + clause)) == bool(words.search(" " + clause))


@pytest.mark.parametrize(
    "text",
    [
        "Генри теперь коробит от таких слов, как «слава» или «святыня», — они звучат фальшиво.",
        "Он готовит ужин по её любимой книге «Маленький домик в прерии», — который их отравил.",
        "Иван Петров ушёл. «Газпром» — крупнейшая компания страны.",
    ],
)
def test_a_verb_of_no_list_after_a_quoted_name_makes_no_speech(text: str) -> None:
    """`», —` and a verb of no list make speech of a sentence, not of a word or a title
    (nor of a clause a relative pronoun opens)."""
    assert find_quotes(text) == []


def test_a_fragment_opening_a_sentence_is_no_reported_speech() -> None:
    """The sentence before a quote is not its lead-in when the quote opens a sentence of its
    own: `— объяснила Панова. «…»` is not a fragment of Панова's reported speech (a
    sentence ending `, объясняет Панова.` is a lead-in of another kind: see
    test_speakers)."""
    text = "Об этом рассказала Панова. «Компания работает без редакции и без редакторов»."
    assert [q.lead_in for q in find_quotes(text)] in ([], [None])


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        # initials go on with their name, one or two, with a space or without
        ("«Россия выполнит все обязательства», — заявил В.В. Путин.", "заявил В.В. Путин"),
        ("«Россия выполнит все обязательства», — заявил В. В. Путин.", "заявил В. В. Путин"),
        ("«Прокуратура проведет проверку», — заявил Ю. Чайка.", "заявил Ю. Чайка"),
        ("«Мы победим», — сказал Джордж Х. Буш на встрече.", "сказал Джордж Х. Буш на встрече"),
        # a name's last letter, then a sentence of its own (`Ван И.`, then `Лавров согласился`)
        ("«Мы против гегемонизма», — сказал Ван И. Лавров согласился.", "сказал Ван И"),
    ],
)
def test_an_attribution_goes_on_past_initials(text: str, attribution: str) -> None:
    [quote] = find_quotes(text)
    assert quote.attribution is not None
    assert text[quote.attribution[0] : quote.attribution[1]] == attribution


_PARAGRAPH = st.lists(
    st.sampled_from(
        ["«", "»", '"', "„", "“", "Мы", "готовы", "к", "переговорам", ":", "—", " ", "."]
    ),
    max_size=16,
).map("".join)


@given(st.lists(_PARAGRAPH, max_size=5))
def test_quotes_across_paragraphs_only_add_marks_at_the_ends(paragraphs: list[str]) -> None:
    """Each paragraph comes back as it was, with at most an opening mark before it (its
    offset 1) and a closing mark after it; only a paragraph that goes on has one added."""
    from searchlib._speech.quotes import paragraphs_quoted_across

    texts, shifts, goes_on = paragraphs_quoted_across(paragraphs)
    assert len(texts) == len(shifts) == len(goes_on) == len(paragraphs)
    for text, shift, on, original in zip(texts, shifts, goes_on, paragraphs, strict=True):
        added = len(text) - len(original) - shift
        assert text[shift : shift + len(original)] == original
        assert added == (1 if on else 0) and shift in (0, 1)
    assert not goes_on or not goes_on[-1]


@pytest.mark.parametrize(
    ("paragraphs", "goes_on", "shifts"),
    [
        # Each paragraph reopens the quote; the last closes it.
        (["«Мы готовы к переговорам.", "«Но не на любых условиях», — сказал он."], [1, 0], [0, 0]),
        # The last closes it without reopening: an opening mark is read before it.
        (
            ["Он заявил: «Мы готовы к переговорам.", "Но не на любых условиях», — сказал он."],
            [1, 0],
            [0, 1],
        ),
        # A title's mark left open, and a paragraph that does not go on with it: nothing.
        (["Фильмы «Печки-лавочки» и «Ваш сын и брат.", "«Это так», — сказал он."], [0, 0], [0, 0]),
        (["«Мы готовы к переговорам.", "Так сказал он."], [0, 0], [0, 0]),
        (["«Мы готовы.", "«Но не на любых условиях», — сказал он."], [0, 0], [0, 0]),  # (2 words)
        # Past paragraphs whose marks all pair up there, to the one that closes it.
        (
            [
                "Он заявил: «Мы готовы к переговорам.",
                "Это вы, студенты, определяете «лицо» университета.",
                "Без условий и без спешки.",
                "Но не на любых условиях», — сказал он.",
            ],
            [1, 1, 1, 0],
            [0, 1, 1, 1],
        ),
        # A quote opening the paragraph with other quotes paired inside it runs on too.
        (
            [
                '«Нельзя пропускать три шайбы. Именно реализация позволила "Трактору" победить.',
                "Проигрывать никогда не приятно», - цитирует игрока «Р-Спорт».",
            ],
            [1, 0],
            [0, 1],
        ),
        # After a name and its role, past a quoted name of its own, and closed past a
        # quote paired inside the last paragraph.
        (
            [
                "Валерий Газзаев, главный тренер «Динамо»: «Очень тяжелая игра. „Металлург“"
                " неплохо выглядел.",
                "Его госпитализировали с диагнозом „Отравление“. Теперь он три дня"
                " будет на больничном».",
            ],
            [1, 0],
            [0, 1],
        ),
        # A quote opening after a sentence's end runs on too.
        (
            [
                'Об этом сообщил губернатор Сергей Цивилев. "Мы знаем теперь, что это взрыв.',
                'Причина взрыва - отдельный вопрос", - сказал Цивилев в эфире.',
            ],
            [1, 0],
            [0, 1],
        ),
        # A straight mark, opening as it closes, is closed only before its attribution's
        # dash; else nothing runs on.
        (
            [
                '"Без сомнения, здорово завоевать ещё один титул.',
                'Очень радостно одержать победу на этом турнире", - рассказала Свитолина.',
            ],
            [1, 0],
            [0, 1],
        ),
        (
            ['"Без сомнения, здорово завоевать ещё один титул.', 'Это был "Тур" года" и всё.'],
            [0, 0],
            [0, 0],
        ),
        # Not past one with a mark of its own left open, nor past more than four.
        (
            ["Он заявил: «Мы готовы к переговорам.", "Фильм «Ваш сын и брат.", "Все так»."],
            [0, 0, 0],
            [0, 0, 0],
        ),
        (
            [
                "Он заявил: «Мы готовы к переговорам.",
                *["Без условий и без спешки."] * 4,
                "Но не на любых условиях», — сказал он.",
            ],
            [0] * 6,
            [0] * 6,
        ),
    ],
)
def test_a_quote_runs_on_into_the_next_paragraph_that_reopens_or_closes_it(
    paragraphs: list[str], goes_on: list[int], shifts: list[int]
) -> None:
    from searchlib._speech.quotes import paragraphs_quoted_across

    _texts, found_shifts, found_on = paragraphs_quoted_across(paragraphs)
    assert (list(map(int, found_on)), found_shifts) == (goes_on, shifts)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A paragraph that is one quote of sentences: speech.
        ("«Стабильность — ключевое слово года. В Дании мы ужесточили правила».", True),
        ("«Наши отношения важны. Но условия сотрудничества ухудшаются!»", True),
        # Not one sentence alone, nor a quote the paragraph goes on after.
        ("«Стабильность — ключевое слово года и нашей стратегии в Дании».", False),
        ("«Стабильность — ключевое слово года. Это так» — лозунг партии на плакатах.", False),
    ],
)
def test_a_paragraph_that_is_one_quote_of_sentences_is_speech(text: str, found: bool) -> None:
    assert bool(find_quotes(text)) is found


def test_an_abbreviation_dot_inside_an_attribution() -> None:
    """`— заявил в 2016 г. глава МИД`: the dot of `г.` before a word in lower case; not one
    before a capital, nor a word that is no abbreviation."""
    from searchlib._speech.quotes import _abbreviation_dot

    text = "— заявил в 2016 г. глава МИД"
    assert _abbreviation_dot(text, text.index("г.") + 1)
    other = "— заявил в 2016 г. Мамедьяров"
    assert not _abbreviation_dot(other, other.index("г.") + 1)
    ended = "— заявил министр. глава"
    assert not _abbreviation_dot(ended, ended.index("."))


def test_the_attribution_a_paragraph_opens_with() -> None:
    """What the sentence after a quote says in one paragraph (`Об этом сообщил Песков.`),
    opening the next one; nothing for a paragraph that opens otherwise or names no speech."""
    for paragraph, expected in (
        ("Об этом заявил политолог Иван Петров.", "Об этом заявил политолог Иван Петров"),
        ("Такое мнение высказал Лавров.", "Такое мнение высказал Лавров"),
        (
            "С таким заявлением в ответ выступила Мария Захарова.",
            "С таким заявлением в ответ выступила Мария Захарова",
        ),
    ):
        span = opening_attribution(paragraph)
        assert span is not None and paragraph[span[0] : span[1]] == expected
    for paragraph in ("Об этом думали все.", "Лавров заявил это вчера.", "", "Об этом"):
        assert opening_attribution(paragraph) is None


def test_the_lead_in_a_fragment_of_reported_speech_has_in_its_sentence() -> None:
    """`Путин назвал ситуацию «…», сообщил Песков`: the sentence before the fragment is
    its lead-in, as before `, передает ТАСС`; none for a sentence that reports nothing,
    nor for a quote with a lead-in of its own."""
    text = "Путин назвал ситуацию «крайне напряженной», сообщил Дмитрий Песков."
    [quote] = find_quotes(text)
    lead_in = reported_lead_in(text, quote)
    assert lead_in is not None and text[slice(*lead_in.span)] == "Путин назвал ситуацию"
    text = "Лавров прилетел в Минск. «Переговоры зашли в тупик», заявил Иван Петров."
    [quote] = find_quotes(text)
    assert reported_lead_in(text, quote) is None
    text = "Путин заявил: «Мы готовы», — сообщил Дмитрий Песков."
    [quote] = find_quotes(text)
    assert quote.lead_in is not None and reported_lead_in(text, quote) is None


@pytest.mark.parametrize(
    ("pattern", "forms", "others"),
    [
        ("_TITLE_NOUNS_RE", ["журнал", "журнала", "журналами", "телепроекта"], ["журналиста"]),
        ("_NAMING_NOUN_RE", ["формулировка", "формулировкой"], ["формулирует"]),
        ("_DOCUMENT_NOUN_RE", ["законодательство", "указанием", "документацию"], ["указатель"]),
        ("_TITLE_NOUNS_RE", ["банк", "банками", "команда", "командой"], ["банкира", "командир"]),
        ("_NAMING_NOUN_RE", ["принцип", "принципом", "понятиями"], ["принципиально", "понятно"]),
        ("_DOCUMENT_NOUN_RE", ["приказ", "приказом", "законопроекта"], ["приказчик", "указатель"]),
        ("_WORDS_NOUN_RE", ["слово", "словами", "заявлением"], ["словно", "словарь"]),
    ],
)
def test_lists_of_nouns_match_their_case_forms_only(
    pattern: str, forms: list[str], others: list[str]
) -> None:
    """A word that only begins as a listed noun is another word: `журналиста` is a person,
    no `журнал`, after which a quote is a title."""
    regex = getattr(quotes_module, pattern)
    assert [w for w in forms if not regex.match(w)] == []
    assert [w for w in others if regex.match(w)] == []


def test_a_question_after_a_colon_is_still_speech() -> None:
    """`вопрос:` is no noun for names: what follows is asked."""
    assert _texts("Путин задал вопрос: «Кто виноват?»") == ["Кто виноват?"]


def test_a_noun_of_things_is_found_with_its_yo() -> None:
    """`статьёй` is `статья`'s instrumental (the lists are written with `е`)."""
    assert quotes_module._title_noun("статьёй")
    assert not quotes_module._title_noun("журналистом")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("Украинская повстанческая армия", True),
        ("Правый сектор", True),
        ("Исламское государство", True),
        ("Россия — великое государство", False),  # (a dash: a sentence)
        ("партия", False),  # (in lower case: a word, not a name)
        ("Армия готова к бою", False),  # (its last word is no organisation's noun)
    ],
)
def test_an_organisation_s_name_is_capitalised_and_ends_in_its_noun(
    content: str, name: bool
) -> None:
    from searchlib._speech.quotes import _organisation_name

    assert _organisation_name(content) == name
