"""Role nouns: who a person is by what they do (`министр`, `пресс-секретарь`, `эксперт`).

The role words and their forms in every case, the general roles each implies
(`политолог` is an `эксперт`, `глава Минфина` a `министр`), what a role is of
(`глава ВТБ` is not `глава Сбербанка`), and the roles a text gives the name
after them (`глава МИД Сергей Лавров`).  Attributions to institutions and
unnamed people (`пресс-служба`, `источник`) are here too: roles of no person.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from searchlib._morph import lemma, likeliest_tag
from searchlib._speech.mentions import (
    CAPITALISED_RE,
    PREPOSITIONS,
    WORD_RE,
    Mention,
    last_word,
    parse_run,
    tokens_before,
)
from searchlib._speech.names import (
    PERSON_GRAMMEMES,
    SURNAME_PREFIXES,
    analyse_word,
    fold,
    is_common_word,
)
from searchlib._speech.quotes import (
    ACCORDING_NOUNS,
    literal_alternation,
    part_of_speech,
    speech_verb,
)
from searchlib._stemmer import stem_russian

if TYPE_CHECKING:
    from searchlib._speech.registry import (
        Registry,
    )

__all__ = [
    "ACCORDING_GENITIVE_RE",
    "CHAIR",
    "DEPUTIES",
    "DEPUTY_MINISTER",
    "HEAD",
    "NO_PERSON_PEOPLE",
    "NO_PERSON_PEOPLE_NOM",
    "NO_PERSON_STEMS",
    "NO_PERSON_WORDS",
    "OBLIQUE_ROLE_CASES",
    "PLACE_HEAD",
    "PLACE_HEAD_ROLES",
    "PREMIER",
    "QUOTED_NAME_AFTER_RE",
    "REPRESENTATIVE",
    "ROLE_FORMS",
    "ROLE_STEMS",
    "ROLE_WORDS",
    "ROLE_WORD_SET",
    "VERB_ENDINGS",
    "Roles",
    "at_last_mark",
    "case_after_role",
    "chairs_government",
    "feminine_role_stems",
    "feminine_roles",
    "finite_verb",
    "generic_context",
    "heads_of",
    "in_oblique_apposition",
    "nominative_only",
    "oblique_name_roles",
    "role_context_of",
    "role_subject",
    "roles_after",
    "roles_before",
    "roles_of",
    "said_by",
    "with_implied",
    "woman_named",
]


# (Not `генерал`, `командир`, `капитан`: in novels the unnamed characters of a scene,
# whom `— сказал генерал` gave the person named last: 8 of 12 wrong, 1 right.)
ROLE_WORDS = """
    эксперт политолог аналитик экономист министр президент премьер премьер-министр глава
    губернатор мэр депутат сенатор спикер председатель директор руководитель представитель
    пресс-секретарь посол дипломат профессор ученый специалист генсек канцлер лидер
    замминистра заммэра замгубернатора замглавы зампредседателя заместитель советник журналист
    журналистка
    корреспондент историк социолог
    юрист адвокат прокурор судья врач тренер писатель писательница бизнесмен
    предприниматель основатель основательница вице-премьер вице-президент помощник аким
    хоким исследователь исследовательница востоковед тюрколог международник актер актриса
    режиссер певец певица спортсмен спортсменка чемпион чемпионка автор ректор декан
    политик чиновник вице-министр вице-губернатор омбудсмен гендиректор начальник
    парламентарий оппозиционер оппозиционерка скульптор создатель создательница дизайнер
    градоначальник обозреватель комментатор телекомментатор музыкант хореограф артист
    артистка композитор блогер
    активист активистка правозащитник правозащитница рэпер исполнитель генпрокурор
    наставник чиновница нападающий полузащитник защитник вратарь голкипер форвард
    футболист хоккеист игрок патриарх митрополит архиепископ епископ протоиерей
    трейдер банкир финансист инвестор миллиардер продюсер сценарист архитектор балерина
    космонавт астронавт раввин имам папа понтифик кардинал конгрессмен топ-менеджер
    примадонна
    собеседник собеседница член секретарь пресс-атташе атташе сопредседатель зампред
    вице-спикер барон баронесса лорд леди принц принцесса король королева шейх эмир султан монарх
    менеджер гимнаст гимнастка велогонщик гонщик теннисист теннисистка
    фигурист фигуристка боксер пловчиха бегун бегунья шахматист шахматистка лыжник
    лыжница биатлонист биатлонистка штангист баскетболист волейболист легкоатлет
    легкоатлетка оратор
    госсекретарь постпред полпред спецпредставитель спецпосланник посланник редактор
    главред академик вирусолог эпидемиолог иммунолог инфекционист главврач психолог
    следователь владелец совладелец синоптик муфтий вице-мэр еврокомиссар еврочиновник
    """.split()
ROLE_STEMS = frozenset(stem_russian(w) for w in ROLE_WORDS)
ROLE_WORD_SET = frozenset(ROLE_WORDS)


@functools.cache
def feminine_roles() -> frozenset[str]:
    """The role nouns only a woman is (`певица`, `журналистка`), with their `экс-` forms.

    (A man's role noun tells no gender: `министр` is a woman too.)
    """
    feminine = {w for w in ROLE_WORDS if likeliest_tag(w).gender == "femn"}
    return frozenset(feminine | {f"экс-{w}" for w in feminine})


@functools.cache
def feminine_role_stems() -> frozenset[str]:
    """The stems of :func:`feminine_roles`, as role readings (:class:`Roles`) give them."""
    return frozenset(map(stem_russian, feminine_roles()))


#: Deputies' roles written as one word, not declined (`замминистра`, `заммэра`).
_DEPUTY_WORDS = frozenset({"замминистра", "заммэра", "замгубернатора", "зампредседателя"})


def _role_forms() -> dict[str, dict[str, str]]:
    """Case -> {folded form: stem} for role nouns in the nominative and the genitive."""
    nom: dict[str, str] = {}
    gen: dict[str, str] = {}
    # The accusative of a person is the genitive (`цитирует губернатора`), but for the
    # nouns in `-а`, `-я` (`цитирует главу региона`, `судью`, `журналистку`).
    acc_own: dict[str, str] = {}
    for word in ROLE_WORDS:
        stem = stem_russian(word)
        nom[word] = stem
        if word.endswith(("а", "я")) and word not in _DEPUTY_WORDS:
            acc_own[word[:-1] + ("у" if word.endswith("а") else "ю")] = stem
        if word.endswith(("е", "и")):
            gen[word] = stem  # (not declined: `атташе`, `леди`)
        elif word.endswith("щий"):
            gen[word[:-2] + "его"] = stem  # `нападающего`: an adjective's genitive
        elif word.endswith("ый"):
            gen[word[:-2] + "ого"] = stem
        elif word.endswith(("ь", "й")):
            gen[word[:-1] + "я"] = stem
        elif word.endswith("я"):
            gen[word if word in _DEPUTY_WORDS else word[:-1] + "и"] = stem  # `судьи`
        elif word.endswith("а"):
            velar = word[-2] in "гкхжшчщ"
            gen[word if word in _DEPUTY_WORDS else word[:-1] + ("и" if velar else "ы")] = stem
        else:
            gen[word + "а"] = stem
    acc = {**gen, **acc_own}
    # `экс-министр`: a role of its own, of one introduced as `экс-министр` or `бывший
    # министр` (not of the minister in office: `Экс-президент Обама … — сказал президент`).
    for forms in (nom, gen, acc):
        forms.update({f"экс-{word}": f"экс-{stem}" for word, stem in list(forms.items())})
    return {"nom": nom, "gen": gen, "acc": acc}


ROLE_FORMS = _role_forms()

# A person introduced with one of these roles also fits the general one:
# `экономист Наталья Зубаревич ... — отметила эксперт`.
_IMPLIED_ROLES: dict[str, frozenset[str]] = {
    stem_russian(general): frozenset(stem_russian(w) for w in specific.split())
    for general, specific in {
        "эксперт": "политолог аналитик экономист социолог историк востоковед тюрколог"
        " международник юрист исследователь исследовательница специалист профессор ученый"
        " академик вирусолог эпидемиолог иммунолог инфекционист психолог",
        "специалист": "политолог аналитик экономист социолог историк востоковед тюрколог"
        " международник исследователь исследовательница ученый тренер наставник"
        " вирусолог эпидемиолог иммунолог инфекционист психолог синоптик",
        "дипломат": "посол мид генсек госсекретарь постпред спецпредставитель спецпосланник"
        " посланник",
        "политик": "депутат сенатор спикер министр премьер премьер-министр президент канцлер"
        " лидер губернатор мэр вице-премьер парламентарий еврокомиссар",
        "парламентарий": "депутат сенатор спикер вице-спикер",
        # (`вице-спикер от ЛДПР Владимир Жириновский … считает депутат`)
        "депутат": "спикер вице-спикер",
        "чиновник": "министр замминистра вице-министр заместитель губернатор мэр аким хоким"
        " полпред вице-мэр еврокомиссар еврочиновник зампред зампредседателя замгубернатора"
        " вице-губернатор заммэра замглавы",
        "еврочиновник": "еврокомиссар",
        "чиновница": "министр замминистра вице-министр заместитель губернатор мэр полпред вице-мэр"
        " зампред зампредседателя замгубернатора вице-губернатор заммэра замглавы",
        "наставник": "тренер",  # `главный тренер ЦСКА Леонид Слуцкий … — добавил наставник`
        # `нападающий «Краснодара» Фёдор Смолов … — отметил футболист`
        # (`защитник` too, though also a defence lawyer: `— сказал футболист` is not one.)
        "футболист": "нападающий полузащитник защитник вратарь голкипер форвард",
        "хоккеист": "нападающий защитник вратарь голкипер форвард",
        "игрок": "нападающий полузащитник защитник вратарь голкипер форвард футболист хоккеист",
        "спортсмен": "футболист хоккеист игрок гимнаст велогонщик гонщик теннисист фигурист"
        " боксер бегун шахматист лыжник биатлонист штангист баскетболист волейболист"
        " легкоатлет",
        "спортсменка": "гимнастка теннисистка фигуристка пловчиха бегунья шахматистка лыжница"
        " биатлонистка легкоатлетка",
        "тренер": "наставник",
        # `Король Великобритании Карл III … — сказал монарх`
        "монарх": "король королева император императрица султан эмир шах царь",
        # (`лидер ЛДПР Владимир Жириновский … по словам главы ЛДПР`)
        "глава": "президент премьер премьер-министр министр губернатор мэр аким хоким"
        " председатель руководитель директор генсек канцлер лидер",
        # (`министр иностранных дел … — отметил руководитель внешнеполитического ведомства`)
        "руководитель": "глава председатель директор гендиректор начальник лидер министр",
        # `генеральный директор «Россетей» Павел Ливинский … — сказал топ-менеджер` (not
        # a `глава` or `председатель`: of a country or a parliament as often)
        "топ-менеджер": "директор гендиректор",
        "премьер": "премьер-министр",
        "премьер-министр": "премьер",  # (`Премьер Денис Шмыгаль … — заявил премьер-министр`)
        "заместитель": "замминистра зампред зампредседателя заммэра замгубернатора замглавы",
        # (`заместитель мэра Москвы Марат Хуснуллин … — цитирует заммэра РИА Новости`)
        "заммэра": "заместитель",
        "замглавы": "заместитель",  # (`— подчеркнула замглавы`)
        # (`зампредседателя комиссии Николай Булаев … по словам зампреда комиссии`)
        "зампред": "зампредседателя",
        "зампредседателя": "зампред",
        "замгубернатора": "заместитель вице-губернатор",
        "лидер": "президент премьер премьер-министр канцлер генсек председатель глава руководитель",
        "понтифик": "папа",  # `Папа Римский Франциск … — подчеркнул понтифик`
        # `Российская певица Алла Пугачева … — написала Примадонна` (a title, not a name)
        "примадонна": "певица",
        # `спортивный телекомментатор Дмитрий Губерниев … — написал журналист`
        "журналист": "телекомментатор комментатор обозреватель корреспондент редактор главред",
        "журналистка": "телекомментатор комментатор обозреватель корреспондент редактор главред",
        "врач": "главврач инфекционист вирусолог эпидемиолог иммунолог",
        "главред": "редактор",  # (`главный редактор «Эха» … — сказал главред`)
        "редактор": "главред",
        "посланник": "спецпосланник",
        "ученый": "академик вирусолог эпидемиолог иммунолог",
        "бизнесмен": "предприниматель миллиардер владелец совладелец",
        "мэр": "градоначальник",
        "градоначальник": "мэр",
        "прокурор": "генпрокурор",
        # `Адвокат Бульбова Сергей Антонов сообщил… — заявил защитник`
        "защитник": "адвокат",
        # `Юрист Иван Петров… — посетовал адвокат`: news name a lawyer either way
        "адвокат": "юрист",
        "юрист": "адвокат",
        "музыкант": "рэпер певец певица исполнитель композитор",
        "предприниматель": "бизнесмен миллиардер",
        "космонавт": "астронавт",
        "астронавт": "космонавт",
        "артист": "актер актриса певец певица",
    }.items()
}

# Attributions to institutions and unnamed people: never a person's name.
NO_PERSON_WORDS = frozenset(
    """
    пресс-служба источник источники сообщение заявление ведомство министерство
    правительство администрация агентство организация компания аппарат канцелярия штаб
    посольство представительство издание газета телеканал собеседник очевидец
    """.split()
)
NO_PERSON_STEMS = frozenset(map(stem_russian, NO_PERSON_WORDS))
# Of those, the people: a subject only in the nominative (`Могерини уверила собеседников,
# что…` is hers; `— сообщил собеседник издания` no one's known).
NO_PERSON_PEOPLE = frozenset(map(stem_russian, "источник собеседник очевидец".split()))
NO_PERSON_PEOPLE_NOM = frozenset("источник источники собеседник собеседники очевидец".split())

#: Prepositions that put a person after them in the accusative (`со ссылкой на
#: пресс-секретаря … Киру Ярмыш`: `Кира`, not `Кир` in the dative).
_ACCUSATIVE_PREPOSITIONS = frozenset("на за про через".split())


@attrs.frozen
class Roles:
    """The roles a person is introduced with, and what they are roles of."""

    nouns: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()  # `глава Сбербанка`: {"сбербанк"}


# Words that say what a role is of without telling which one: `глава государства`.
_GENERIC_CONTEXT = frozenset(
    stem_russian(w)
    for w in """
    государства региона города республики области края ведомства министерства
    правительства компании банка корпорации холдинга организации страны кабинета
    """.split()
)


# Two names of one thing: `генпрокурор РФ` is `генпрокурор России`, `глава Минфина` the
# `министр финансов` (a ministry's short name stands for a word of its full one).
_SAME_CONTEXT = {
    "рф": stem_russian("россии"),
    # (`Кремля`: of Russia, `глава Кремля` its president)
    **{stem_russian(w): stem_russian("россии") for w in "российского российской кремля".split()},
    **{
        stem_russian(short): stem_russian(full)
        for shorts, full in (
            # (`глава внешнеполитического ведомства`, `военного ведомства`: the ministries')
            ("мид внешнеполитического", "иностранных"),
            ("военного", "обороны"),
            ("минфин минфина минфине", "финансов"),
            ("минобороны", "обороны"),
            ("минздрав минздрава", "здравоохранения"),
            ("минюст минюста", "юстиции"),
            ("минэнерго", "энергетики"),
            ("минтранс минтранса", "транспорта"),
            ("минтруд минтруда", "труда"),
            ("минсельхоз минсельхоза", "сельского"),
            ("минкультуры", "культуры"),
            ("минспорт минспорта", "спорта"),
            ("минпросвещения", "просвещения"),
            ("минобрнауки", "науки"),
            ("минэкономразвития", "экономического"),
            ("минпромторг минпромторга", "промышленности"),
            ("минприроды", "природных"),
            ("минстрой минстроя", "строительства"),
            ("минцифры", "цифрового"),
            ("мвд", "внутренних"),
            ("нато", "североатлантического"),  # `генсек НАТО` is the `глава альянса`
            ("альянса альянс", "североатлантического"),
            ("евросоюза евросоюз ес", "европейского"),
            # (`секретарь Совбеза` is the `секретарь Совета безопасности`)
            ("совбез совбеза совбезе", "безопасности"),
            ("совфед совфеда совфеде", "федерации"),
            ("госдума госдумы госдуме", "думы"),
            ("ран", "академии"),
            ("оон", "объединенных"),
            ("цб", "центрального"),
            ("генштаб генштаба генштабе", "генерального"),  # (`Генерального штаба`)
            ("ск скр", "следственного"),
        )
        for short in shorts.split()
    },
}


def generic_context(word: str) -> bool:
    """Does a (folded) word say what a role is of without telling which one (`компании`)?"""
    return stem_russian(word) in _GENERIC_CONTEXT


def role_context_of(words: Sequence[str]) -> frozenset[str]:
    """Stems of the (folded) words after a role noun, up to a preposition: what it is of."""
    context = set()
    for word in words:
        if word in PREPOSITIONS or speech_verb(word) or word in ("он", "она", "они"):
            break
        if finite_verb(word):
            break  # (`Премьер попросил «…»`: the role's verb, not what it is of)
        stem = stem_russian(word)
        context.add(_SAME_CONTEXT.get(stem, stem))
    return frozenset(context - ROLE_STEMS - _GENERIC_CONTEXT)


_NO_ROLES = Roles()
# What a `глава` of these is: `глава государства` the president, `глава правительства` the
# prime minister (by the first 11 letters of the word after it, in any case).
HEAD = stem_russian("глава")
_HEAD_OF = {
    "государства": stem_russian("президент"),
    "правительства": stem_russian("премьер"),  # (not `правительственной комиссии`)
    "кремля": stem_russian("президент"),  # (`глава Кремля`: the Russian president)
    # (`глава региона` is its `губернатор`, no party's `лидер`; `глава города` its `мэр`)
    **dict.fromkeys(("региона", "области", "края"), stem_russian("губернатор")),
    "города": stem_russian("мэр"),
}


# `председатель правительства` is the `премьер`; `заместитель министра` a `замминистра`.
CHAIR, PREMIER = stem_russian("председатель"), stem_russian("премьер")
_MINISTER, DEPUTY_MINISTER = stem_russian("министр"), stem_russian("замминистра")
DEPUTIES = frozenset({stem_russian("заместитель")})
# Prepositions after which a role noun is still the following name's (`вместе с
# премьер-министром X`, `перед президентом X`, `со ссылкой на глав фракций X`); after
# the others it is not (`кандидат в мэры`, `вместо министра`, `при президенте`).
_NAMES_ROLE_AFTER = frozenset("с со перед к ко у от о об на по".split())


def _names_role_after(written: Sequence[str], i: int) -> bool:
    """Is the role noun ``written[i]``, after a preposition, the role of the name after
    these words (`вместе с премьером`; `между президентом`, `против президента США`: with
    only capitalised words between; not `кандидат в мэры`, `вместо министра на форум
    приехал`)?"""
    preposition = written[i - 1].lower()
    if preposition in ("в", "во"):
        return False
    return preposition in _NAMES_ROLE_AFTER or all(w[:1].isupper() for w in written[i + 1 :])


def chairs_government(words: Sequence[str]) -> bool:
    """Do ``words``, right after `председатель`, make it the `премьер` (`правительства`,
    `российского правительства`; not `правительственной комиссии`)?"""
    return "правительства" in words[:2]


def heads_of(words: Sequence[str]) -> list[str]:
    """The roles a `глава` of ``words`` has (`государства`: the `президент`), in their order."""
    return [_HEAD_OF[w] for w in words if w in _HEAD_OF]


#: The role of a `глава` of a place named (`глава Коми`, `глава Харькова`, `глава
#: Республики Коми`): no role noun of its own, see :data:`PLACE_HEAD_ROLES`.
PLACE_HEAD = "глава места"
#: The roles a region's or a city's head is said to have again (`— добавил глава
#: региона`, `— заявил мэр города`), which one introduced as `глава` of a place named may
#: be, where no one introduced with that role is.
PLACE_HEAD_ROLES = frozenset({stem_russian("губернатор"), stem_russian("мэр")})


#: Who heads a body, and the bodies of a government: `Рособрнадзора`, `администрации`,
#: `министерства`, `ведомства`, `департамента`, `управления`.
_HEADS = frozenset(stem_russian(w) for w in "глава руководитель начальник директор".split())
_GOVERNMENT_BODY_RE = re.compile(
    r"(?:рос\w*надзор|администрац|министерств|ведомств|департамент|управлени)"
)
_OFFICIALS = frozenset(stem_russian(w) for w in ("чиновник", "чиновница"))


def _heads_a_place(written: Sequence[str], words: Sequence[str]) -> bool:
    """Is the last `глава` of ``words`` (``written`` as the text has them) the head of a
    place named right after it: a capitalised word the dictionary reads as a place's name
    in the genitive (`Коми`, not declined; `Харькова`), or `Республики`?"""
    at = max((i for i, w in enumerate(words) if stem_russian(w) == HEAD), default=None)
    if at is None or at + 1 >= len(words) or not written[at + 1][:1].isupper():
        return False
    following = words[at + 1]
    if following == "республики":
        return True
    grammemes = likeliest_tag(following).grammemes
    return "Geox" in grammemes and ("gent" in grammemes or "Fixd" in grammemes)


# `председатель комитета Госдумы`, `член Совета Федерации`: a parliamentarian.
_PARLIAMENT_HEADS = frozenset(
    stem_russian(w) for w in "председатель глава член спикер вице-спикер заместитель".split()
)
_PARLIAMENTS = (
    "госдум",
    "думы",
    "думе",
    "парламент",
    "сенат",
    "совфед",
    "меджлис",
    "сейм",
    "кнессет",
)
#: Of them, the chambers of senators, not deputies.
_SENATES = ("сенат", "совфед")
_ROLE_WINDOW_MARKS = r"[.!?…;:()\"«»,]"
_ROLE_WINDOW_RE = re.compile(_ROLE_WINDOW_MARKS + r"|\s[—–]\s")
_ROLE_WINDOW_MARK_RE = re.compile(_ROLE_WINDOW_MARKS)  # (the first alternative alone)
# Every form of a role noun starts with its stem (and `МИД` implies a diplomat).
_ROLE_HINT_RE = re.compile(
    # (`е` as `[её]`: the stems are folded, news may write `режиссёр`, `актёр`)
    literal_alternation(ROLE_STEMS | {"мид"}).replace("е", "[её]"),
    re.IGNORECASE,
)
# How a verb in the past or present tense ends (others are not asked about: see
# roles_before).
VERB_ENDINGS = tuple("л ла ло ли лся лась лось лись ет ит ут ют ат ят тся".split())


def finite_verb(word: str) -> bool:
    """Is a (folded) word most likely a verb in the past or present tense (`завершила`)?
    (Only words ending as such verbs do are looked up.)"""
    return word.endswith(VERB_ENDINGS) and likeliest_tag(word).POS == "VERB"


_AUTHOR, _WRITER = stem_russian("автор"), stem_russian("писатель")
_PERFORMER, _ACTOR = stem_russian("исполнитель"), stem_russian("актер")
_PARTS = frozenset(stem_russian(w) for w in "роли ролей".split())
_BOOKS = frozenset(
    stem_russian(w) for w in "романов романа книг книги повестей повести рассказов стихов".split()
)


# A quoted name (`«Роснефти»`, `"Реала"`: a capitalised word or a few) ...
_QUOTED_NAME_RE = re.compile(
    r"«([A-ZА-ЯЁ0-9][\w-]*(?: [\w-]+){0,3})»|\"([A-ZА-ЯЁ0-9][\w-]*(?: [\w-]+){0,3})\""
)
QUOTED_NAME_AFTER_RE = re.compile(rf"\s*(?:{_QUOTED_NAME_RE.pattern})")
# ... or an abbreviation in brackets (`(ФМС)`) ending the text before a name, after a
# lower-case word: part of a role's description (`тренер мадридского «Реала»`,
# `службы (ФМС) России`), not a name's own (`Антон Силуанов (ЕР) и депутат`).
_NAME_IN_DESCRIPTION_RE = re.compile(
    r"(?<=[\w»\")] )(?:\(([A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё0-9-]{0,11})\)|"
    + _QUOTED_NAME_RE.pattern
    + r")\Z"
)


@functools.lru_cache(maxsize=1 << 10)
def _role_window(text: str, start: int) -> tuple[str, bool]:
    """The words just before ``start``, back to the previous punctuation (160 characters at
    most), and whether a role noun may be among them (:data:`_ROLE_HINT_RE`).

    Asked for again and again for one name (its case, its roles; as a
    mention, as a speaker): kept.  The window is what follows the last
    :data:`_ROLE_WINDOW_RE` match.  A punctuation mark is always a match of
    its own (no dash between spaces holds one), so only the text after the
    last mark, found by reading backwards, needs splitting: 1.1 µs a window
    instead of 3.2 (measured on the 104,253-paragraph corpus).
    """
    head, tail = at_last_mark(text[max(0, start - 160) : start])
    pieces = [tail]
    if head[-1:] in (")", "»", '"') and _of_something(tail):
        # `Главный тренер мадридского «Реала» Сантьяго Солари`, `партии "Народный фронт"
        # (ПНФ) Джаббара Савалана`, `проектов (DARPA) Министерства обороны США Регина
        # Дуган`: quoted names and brackets after a lower-case word, with only what they
        # are of between them and the name, are words of its description, not where it
        # ends (not `Антон Силуанов (ЕР) и депутат`, nor `группы «Король и Шут»`).
        while head[-1:] in (")", "»", '"'):
            inside = _NAME_IN_DESCRIPTION_RE.search(head)
            if inside is None:
                break
            before = last_word(head[: inside.start()])
            if before is not None and not _describes(before):
                break  # (after a name: `Силуанов (ЕР)`)
            name = " ".join(filter(None, inside.groups()))
            head, between = at_last_mark(head[: inside.start()])
            # (A name holding a role word is no role: `группы «Король и Шут»`.)
            pieces[:0] = [between, "" if _role_word(name) else name]
    if head.endswith(",") and _listed_genitives(tail):
        # `заместитель министра промышленности, науки и технологий России Сергей Митин`:
        # a comma inside what the role is of, a list of genitives ending in `и …`.
        before = last_word(head[:-1])
        if before is not None and before.islower() and likeliest_tag(before).case == "gent":
            head, between = at_last_mark(head[:-1])
            pieces[:0] = [between]
    window = _ROLE_WINDOW_RE.split(" ".join(pieces))[-1]
    return window, _ROLE_HINT_RE.search(window) is not None


def _listed_genitives(words: str) -> bool:
    """Are ``words`` the end of a list of genitives (`науки и технологий России`, `культуры
    и спорта`): words in lower case in the genitive, `и` before the last of them, and
    capitalised words after?"""
    found = WORD_RE.findall(words)
    lower = [w for w in found if not w[:1].isupper()]
    if "и" not in lower[1:-1] or found[: len(lower)] != lower:
        return False
    return all(w == "и" or likeliest_tag(w).case == "gent" for w in lower)


def at_last_mark(window: str) -> tuple[str, str]:
    """``window`` cut after its last :data:`_ROLE_WINDOW_MARK_RE` mark: (up to the mark,
    what follows it); ("", window) if it has none."""
    mark = _ROLE_WINDOW_MARK_RE.search(window[::-1])
    if mark is None:
        return "", window
    cut = len(window) - mark.start()
    return window[:cut], window[cut:]


def _of_something(words: str) -> bool:
    """Are ``words`` only capitalised words and words in the genitive (`России`,
    `Министерства обороны США`: what a description is of), not a name and `и`?"""
    return (
        all(w[:1].isupper() or likeliest_tag(w).case == "gent" for w in WORD_RE.findall(words))
        and " и " not in f" {words} "
    )


def _describes(word: str) -> bool:
    """Can ``word``, before a quoted name or a bracket, be a word of a description (`группы
    «Ленинград»`, `Глава «Роснефти»`, `ООО «Газпром добыча»`) rather than a person's name
    (`Силуанов (ЕР)`)?"""
    if word.islower() or word.isupper():
        return True
    folded = fold(word)
    return stem_russian(folded) in ROLE_STEMS or is_common_word(word)


def _role_word(words: str) -> bool:
    """Is any word of ``words`` a role noun (`«Король и Шут»`)?"""
    return any(stem_russian(fold(w)) in ROLE_STEMS for w in WORD_RE.findall(words))


# `генеральный прокурор` is the `генпрокурор`, `генеральный директор` a `гендиректор`.
_GENERAL_ROLES = tuple(
    (stem_russian(role), stem_russian(short))
    for role, short in (("прокурор", "генпрокурор"), ("директор", "гендиректор"))
)


#: A description after a name, from its comma to the next mark (`Иван Петров, министр
#: финансов, заявил`; `— сказал Иван Петров, министр финансов.`).
_APPOSITION_RE = re.compile(r",\s+([^,.;:!?()«»\"“”„—–]{1,120}?)(?=\s*[,.;:!?()«»\"“”„—–]|$)")


def roles_after(text: str, end: int, limit: int = 8) -> Roles:
    """Role nouns in a description right after the name ending at ``end``: a comma, then
    words opening with a role noun in the nominative (or an adjective and one), up to the
    next mark (`Паникос Димитриадис, председатель Центрального банка, заявил`; not
    `Иван Петров, Анна Смирнова`, nor `Петров, который…`).  What :func:`roles_before`
    reads where a role goes before the name."""
    match = _APPOSITION_RE.match(text, end)
    if match is None or not _opens_with_role(WORD_RE.findall(match.group(1))[:2]):
        return _NO_ROLES
    return _roles_in_window(text, match.end(1), limit)


def roles_of(text: str, span: tuple[int, int]) -> Roles:
    """The roles describing the name at ``span``: before it (:func:`roles_before`), else in a
    description after its comma (:func:`roles_after`)."""
    roles = roles_before(text, span[0])
    if roles.nouns and _NAMES_JOINED_RE.match(text, span[1]) and _plural_role_before(text, span[0]):
        # `встречи министров иностранных дел России и Украины Сергея Лаврова и Андрея
        # Сибиги`: a role in the plural shared by a list, what it is of among them: not
        # one name's (a wrong name where `глава МИД Украины` then spoke).
        return _NO_ROLES
    return roles if roles.nouns else roles_after(text, span[1])


#: Another name joined to one by `и` (`Сергея Лаврова и Андрея Сибиги`).
_NAMES_JOINED_RE = re.compile(r"\s+и\s+[А-ЯЁ]")


def _plural_role_before(text: str, start: int) -> bool:
    """Is the last role noun before ``start`` in its window (see :func:`_role_window`) in the
    plural (`министров`)?"""
    words = _window_words(text, start)
    last = next((w for w in reversed(words) if stem_russian(w) in ROLE_STEMS), None)
    return last is not None and likeliest_tag(last).number == "plur"


def _window_words(text: str, start: int) -> list[str]:
    """The (folded) words of the role window before ``start`` (see :func:`_role_window`)."""
    window, _ = _role_window(text, start)
    return [fold(w) for w in WORD_RE.findall(window)]


#: Possessives before a role noun naming whose role it is (`своего заместителя`).
_POSSESSIVES = frozenset("своего своей свою своему своим своем своём его ее её их".split())


def oblique_name_roles(text: str, start: int, roles: Roles) -> Roles:
    """``roles``, the roles before a name at ``start`` that no reading puts in the
    nominative, as far as they are its own.

    A role noun in the nominative heading the description is another's, whose
    the name is (`Адвокат Светланы Прокопьевой`, `адвокат осужденной … журналистки
    Светланы Прокопьевой`: the lawyer is someone else, a wrong name where `— сказал
    адвокат` followed); the role the name holds is the one in the genitive nearest
    before it, if any (`журналистки`, `президента России Владимира Путина`).  A role
    in an oblique case is the name's, in that case (`с министром финансов Иваном
    Петровым`): kept.
    """
    if not roles.nouns:
        return roles
    words = _window_words(text, start)
    verbs = [i for i, w in enumerate(words) if finite_verb(w)]
    if verbs:  # (not past a verb, as roles_before: `Министр встретился с министром …`)
        words = words[verbs[-1] + 1 :]
    found = [w for w in words if stem_russian(w) in ROLE_STEMS]
    if not found or found[0] not in ROLE_FORMS["nom"] or found[0] in ROLE_FORMS["gen"]:
        return roles  # (no role noun in the nominative heads it: its roles are its own)
    last = found[-1]
    if len(found) == 1 or last not in ROLE_FORMS["gen"] or last in ROLE_FORMS["nom"]:
        return _NO_ROLES
    return with_implied(stem_russian(last), roles.context)


def roles_before(text: str, start: int, limit: int = 8) -> Roles:
    """Role nouns in the words just before ``start``, back to the previous punctuation.

    The general roles they imply come along (`политолог` is also an `эксперт`),
    and `глава Минфина` or `глава МИД` is a `министр`.  A description opening
    with a role right after a comma takes the roles before that comma too
    (`глава конкурсной комиссии, депутат Константин Изместьев`), as does one
    with no role opening with a noun (`Американский актер, звезда сериала
    «Друзья» Мэтт Леблан`).
    """
    roles = _roles_in_window(text, start, limit)
    if not roles.nouns and "," not in text[max(0, start - _DESCRIPTION_CHARS) : start]:
        return roles  # (most names: no role, no comma before them)
    head, tail = at_last_mark(text[max(0, start - 160) : start])
    opening_words = WORD_RE.findall(tail, 0, 80)[:2]
    comma = start - len(tail) - 1
    if not roles.nouns:
        # With no role after the comma, a noun describing the name, quoted names of what
        # it is of allowed (`Американский актер, звезда сериала «Друзья» Мэтт Леблан`).
        comma = text.rfind(",", max(0, start - _DESCRIPTION_CHARS), start)
        between = text[comma + 1 : start]
        if comma < 0 or _DESCRIPTION_BREAK_RE.search(between):
            return roles
        if not _describes_alone(WORD_RE.findall(between)):
            return roles
    elif not head.endswith(",") or not _opens_with_role(opening_words):
        return roles
    if _LIST_GOES_ON_RE.match(text, start):
        return roles  # `министр образования, ректор МГУ Иван Петров и директор …`: a list
    part = _role_window(text, comma)[0]  # (quoted names of what a role is of kept)
    opening = [fold(w) for w in WORD_RE.findall(part)]
    # (The part before the comma a description of its own: opening with a role noun,
    # past a verb and what it governs, `сообщил РИА Новости глава комиссии`; not `Сын
    # министра`, whose role is another's.)
    heads = [i for i, w in enumerate(opening) if w in ROLE_FORMS["nom"]]
    if not heads:
        return roles
    lead = opening[: heads[0]]
    if _SUBORDINATE_RE.match(part) or _FULL_NAME_RE.search(part):
        # (`Как заявил президент, министр обороны Андрей Белоусов…`: a clause of its own;
        # `присутствовали председатель правительства Михаил Мишустин, первый вице-премьер
        # Денис Мантуров`: the role is the name's before the comma.)
        return roles
    # (Or a verb right before the role, whatever comes before it: `На мероприятии выступил
    # председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин`.)
    bare = list(lead)
    while bare and _adjective_nominative(likeliest_tag(bare[-1]).grammemes):
        bare.pop()  # (`провел главный тренер «Зенита»`: the verb, past the role's adjective)
    if not (bare and likeliest_tag(bare[-1]).POS == "VERB") and any(
        not _capitalised_in(part, w) and likeliest_tag(w).POS != "VERB" for w in lead
    ):
        return roles
    if not roles.nouns and any(likeliest_tag(w).POS in _CLAUSE_VERBS for w in lead):
        # (With no role after the comma, only a description opening its sentence: after a
        # verb the two are as often two people, `Мероприятие открыл министр культуры,
        # гость праздника Иван Петров вручил награды`.)
        return roles
    before = _roles_in_window(text, comma, limit)
    if not before.nouns:
        return roles
    return Roles(roles.nouns | before.nouns, roles.context | before.context)


#: A subordinate clause's opening (`Как заявил президент,`, `Когда выступал министр,`,
#: `После того как выступил мэр,`): its role is its own subject, no description of a name.
_SUBORDINATE_RE = re.compile(
    r"\s*(?:(?:[А-ЯЁа-яё]+\s+){0,3}(?:как|когда|пока|если|хотя|чтобы|где|едва|раз)"
    r"|(?:после|до|перед)\s+тем?,?\s+как|так\s+как|потому\s+что)(?![а-яё])",
    re.IGNORECASE,
)
#: Two capitalised words in a row: a person's name in full (`Михаил Мишустин`).
_FULL_NAME_RE = re.compile(r"(?<![А-ЯЁа-яё-])[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?![а-яё])")


def _genitive_adjective(word: str) -> bool:
    """Is a (folded) word most likely an adjective in the genitive (`российского`)?"""
    tag = likeliest_tag(word)
    return bool(tag.POS == "ADJF" and tag.case == "gent")


def _adjective_nominative(grammemes: frozenset[str]) -> bool:
    """An adjective or a participle in the nominative (`генеральный`, `действующий`)?"""
    return "nomn" in grammemes and ("ADJF" in grammemes or "PRTF" in grammemes)


def _opens_with_role(words: Sequence[str]) -> bool:
    """Do ``words`` open with a role noun in the nominative, or an adjective or a participle
    and one (`генеральный секретарь`, `действующий председатель`)?"""
    if not words:
        return False
    first = fold(words[0])
    if first in ROLE_FORMS["nom"]:
        return True
    return (
        len(words) > 1
        and fold(words[1]) in ROLE_FORMS["nom"]
        and _adjective_nominative(likeliest_tag(first).grammemes)
    )


#: How far before a name a comma opening its description may be, where it holds no role.
_DESCRIPTION_CHARS = 80
#: What ends a description between a comma and a name, but quote marks (around what it is
#: of: `звезда сериала «Друзья»`).
_DESCRIPTION_BREAK_RE = re.compile(r"[.!?…;:()]|\s[—–]\s")


#: Parts of speech that make words a clause of their own, not a description.
_CLAUSE_VERBS = frozenset({"VERB", "INFN", "GRND", "PRTS"})


def _describes_alone(words: Sequence[str]) -> bool:
    """Are ``words`` (between a comma and a name) one person's description: opening in
    lower case with a common noun in the nominative singular (`звезда`, `владелец`), or
    an adjective and one, and holding no verb and no `и` of a list (not `свидетели и
    потерпевший`, `гости праздника встретили`)?"""
    if not words or not words[0].islower():
        return False
    if any(fold(w) in ("и", "а", "или") for w in words):
        return False
    if any(likeliest_tag(fold(w)).POS in _CLAUSE_VERBS for w in words if w.islower()):
        return False
    for word in words[:2]:
        tag = likeliest_tag(fold(word))
        if tag.POS == "NOUN":
            return (
                "nomn" in tag.grammemes
                and "sing" in tag.grammemes
                and not PERSON_GRAMMEMES & tag.grammemes
            )
        if not _adjective_nominative(tag.grammemes):
            return False
    return False


def _capitalised_in(text: str, folded: str) -> bool:
    """Is the word ``folded`` (lower-cased) written capitalised in ``text`` (a name)?"""
    return any(fold(w) == folded and w[:1].isupper() for w in WORD_RE.findall(text))


# A name a list goes on after (`Иван Петров и директор школы Анна Смирнова`).
_LIST_GOES_ON_RE = re.compile(r"[А-ЯЁа-яё-]*(?:\s+[А-ЯЁ][а-яё-]*)*\s*,?\s+и\s+[а-яё]")


REPRESENTATIVE = stem_russian("представитель")
#: The adjectives that make a `представитель` an envoy (their first 8 letters), and which.
_ENVOYS = {"постоянн": stem_russian("постпред"), "полномоч": stem_russian("полпред")}


def _compound_role(word: str) -> str | None:
    """The role of a hyphenated compound no list holds (`специалист-инфекционист`: the
    `инфекционист`; `врач-терапевт`: the `врач`; `рок-музыкант`: the `музыкант`), or
    None.  (`вице-председатель Госдумы` is a `председатель` here, whose implied roles
    let `— сказала депутат` find her; so `вице-канцлер` is a `канцлер`: a rule that
    read it as no role lost 13 such speakers of an independent review.  The
    attribution's reading of compounds asks more: see ``clauses._compound_role_at``.)"""
    if "-" not in word:
        return None
    first, _, last = word.rpartition("-")
    for part in (last, first):
        stem = stem_russian(part)
        if stem in ROLE_STEMS:
            return stem
    return None


def _roles_in_window(text: str, start: int, limit: int) -> Roles:
    """:func:`roles_before` of the words back to the previous punctuation only."""
    window, hint = _role_window(text, start)
    if not hint:
        return _NO_ROLES  # the usual case, found fast
    written = WORD_RE.findall(window)[-limit:]
    words = [fold(w) for w in written]
    # Not past a verb: its subject's roles are not the name's (`Президент назвал
    # Мелендес «…»`; `… назначил министром Кармен Мелендес`: `министр` still is).
    verbs = [i for i, w in enumerate(words) if finite_verb(w)]
    if verbs:
        written, words = written[verbs[-1] + 1 :], words[verbs[-1] + 1 :]
    # Not past another person's name in full either: the roles before it are that
    # person's (`предложил президенту РФ Владимиру Путину глава Минсельхоза Александр
    # Ткачев`: Ткачев is no `президент`).  Not a name in the genitive, whose the role is
    # (`Пресс-секретарь президента России Владимира Путина Дмитрий Песков`).
    named = [
        i
        for i in range(len(written) - 1)
        if written[i][:1].isupper()
        and written[i + 1][:1].isupper()
        and written[i + 1][1:2].islower()
        and (given := [r for r in analyse_word(written[i]) if r.role == "given"])
        and not any("gen" in r.cases for r in given)
    ]
    if named:
        written, words = written[named[-1] + 2 :], words[named[-1] + 2 :]
    # Not past a possessive opening the name's own role: the roles before it are its
    # owner's (`Губернатор об увольнении своего заместителя Константина Полежаева`: the
    # deputy's role, not the governor's).
    owned = [
        i
        for i in range(len(words) - 1)
        if words[i] in _POSSESSIVES and stem_russian(words[i + 1]) in ROLE_STEMS
    ]
    if owned:
        written, words = written[owned[-1] + 1 :], words[owned[-1] + 1 :]
    # Nor past a role a preposition governs where a role noun in the nominative follows:
    # that one heads the name's description (`на совещании у президента глава делегации
    # Владимир Мединский` is no `президент`).
    governed = _governed_role_before_head(words)
    if governed is not None:
        written, words = written[governed + 1 :], words[governed + 1 :]
    # `экс-министр`, `бывший министр`: a former holder's roles, each of its own (see the end)
    former = any(w.startswith(("экс-", "бывш")) for w in words)
    words = [w.removeprefix("экс-") for w in words]
    roles: set[str] = set()
    headed = False
    for i, word in enumerate(words):
        stem = stem_russian(word)
        if stem not in ROLE_STEMS and stem != "мид":
            compound = _compound_role(word)
            if compound is None:
                continue
            stem = compound
        if stem == REPRESENTATIVE and i > 0 and words[i - 1][:8] in _ENVOYS:
            # `Постоянный представитель России при ООН` is a `постпред`, `полномочный
            # представитель президента` a `полпред`
            roles.add(_ENVOYS[words[i - 1][:8]])
        if i > 0 and words[i - 1] in PREPOSITIONS and not _names_role_after(written, i):
            continue  # `кандидат в мэры`, `вместо министра …`, `при президенте по …`
        if headed and word in ROLE_FORMS["gen"] and word not in ROLE_FORMS["nom"]:
            if stem == _MINISTER and roles & DEPUTIES:
                roles.add(DEPUTY_MINISTER)  # `заместитель министра` is a `замминистра`
            continue  # `заместитель министра`, `помощник президента`: whose, not what
        if stem == CHAIR and chairs_government(words[i + 1 :]):
            roles.add(PREMIER)  # `председатель правительства` is the `премьер`
        roles.add(stem)
        headed = stem != "мид"
    if roles & _PARLIAMENT_HEADS and any(w.startswith(_PARLIAMENTS) for w in words):
        # `председатель комитета Госдумы`: a member of the parliament; a `депутат` too
        # where it is one of deputies (`Вице-спикер Госдумы Петр Толстой … — считает
        # депутат`), not of senators (`член Совфеда` is a `сенатор`)
        roles.add(stem_russian("парламентарий"))
        if not any(w.startswith(_SENATES) for w in words):
            roles.add(stem_russian("депутат"))
    if "глав" in roles and any(
        (w.startswith(("мин", "мид")) and not w.startswith("минск")) or w.startswith("ведомств")
        for w in words
    ):
        roles.add(stem_russian("министр"))  # `глава МИД`, `глава военного ведомства`
    if not roles.isdisjoint(_HEADS) and any(_GOVERNMENT_BODY_RE.match(w) for w in words):
        # `врио главы Рособрнадзора Анзор Музаев … — ответил чиновник`: the head of a
        # government body is an official
        roles |= _OFFICIALS
    if HEAD in roles:
        roles.update(heads_of(words))  # `глава государства` is the `президент`
        if _heads_a_place(written, words):
            roles.add(PLACE_HEAD)
    for general, short in _GENERAL_ROLES:
        if general in roles and any(w.startswith("генеральн") for w in words):
            roles.add(short)  # `генеральный прокурор` is the `генпрокурор`
    roles |= {general for general, specific in _IMPLIED_ROLES.items() if roles & specific}
    roles.discard("мид")
    last = max((i for i, w in enumerate(words) if stem_russian(w) in ROLE_STEMS), default=None)
    context = role_context_of(words[last + 1 :]) if last is not None else frozenset()
    if last and words[last] in ROLE_FORMS["gen"] and words[last] not in ROLE_FORMS["nom"]:
        # The role in the genitive is whose (`пресс-секретарь российского лидера`): its
        # adjectives say what of, as the words after it would (`лидера России`).
        first = last
        while first and _genitive_adjective(words[first - 1]):
            first -= 1
        context |= role_context_of(words[first:last])
    if _AUTHOR in roles and context & _BOOKS:
        roles.add(_WRITER)  # `автор шпионских романов` is a `писатель`
    if _PERFORMER in roles and context & _PARTS:
        roles.add(_ACTOR)  # `исполнитель главной роли` is an `актер`
    if former:  # (not the one in office: `Экс-президент Обама … — сказал президент`)
        roles = {f"экс-{role}" for role in roles}
    return Roles(frozenset(roles), context)


_ROLE_OPENING_RE = re.compile(r"\s*([А-ЯЁ][а-яё]+(?:-[а-яё]+)*)(?:\s+([а-яё]+(?:-[а-яё]+)*))?")
_CAPITALISED_AFTER_RE = re.compile(rf"(?:\s+(?:{SURNAME_PREFIXES}[А-ЯЁ]|[А-ЯЁ])[а-яё]+)*")


def role_subject(text: str, start: int) -> tuple[str, Roles] | None:
    """The roles of a sentence at ``start`` that opens with a role noun in the nominative,
    perhaps after an adjective and before capitalised words (`Российский президент`,
    `Президент России`): the noun's stem and the roles; else None."""
    opening = _ROLE_OPENING_RE.match(text, start)
    if opening is None:
        return None
    nominative = ROLE_FORMS["nom"]
    if (head := nominative.get(fold(opening[1]))) is not None:
        end = opening.end(1)
    elif (
        opening[2] is not None
        and opening[2] in nominative
        and part_of_speech(fold(opening[1])) == "ADJF"
    ):
        head, end = nominative[opening[2]], opening.end(2)
    else:
        return None
    roles = roles_before(text, _CAPITALISED_AFTER_RE.match(text, end).end())  # type: ignore[union-attr]
    return (head, roles) if head in roles.nouns else None


def woman_named(text: str, start: int) -> bool:
    """Does a woman's role noun in the nominative (:func:`feminine_roles`) describe the name
    at ``start``, back to the previous punctuation (`Японская актриса Мако Акисино`; not
    `Муж теннисистки Алексис Оганян`, whose husband)?"""
    window, hint = _role_window(text, start)
    if not hint:
        return False  # (no role noun's stem there: most names, found fast)
    feminine = feminine_roles()
    return any(fold(word) in feminine for word in WORD_RE.findall(window))


def with_implied(role: str, context: frozenset[str]) -> Roles:
    """A role noun's stem with the general roles it implies."""
    implied = {general for general, specific in _IMPLIED_ROLES.items() if role in specific}
    return Roles(frozenset({role} | implied), context)


def case_after_role(text: str, start: int) -> str | None:
    """The case a name's introduction puts it in, where it shows: else None.

    `директора института Евгения Минченко`, `по мнению Евгения Минченко`: a
    role noun in the genitive, or `по мнению`, before a name (back to the
    previous punctuation) puts the name in the genitive, so `Евгения` is
    `Евгений`, not `Евгения`; one in the nominative with what it is of
    (`президент Финляндии Саули Ниинистё`) in the nominative.
    """
    window, hint = _role_window(text, start)
    if not hint and "по " not in window.lower():
        # (The usual case, found fast; or `со ссылкой на Киру Ярмыш`: Кира, not Кир.)
        return "acc" if _WITH_REFERENCE_TO_RE.search(window) else None
    words = [fold(w) for w in WORD_RE.findall(window)]
    # The first role noun heads the name's description (`пресс-секретарь президента
    # Дмитрий Песков`: `президента` only modifies it); not across a verb (`На посту
    # премьер-министра останется Франсуа Фийон`: the verb's subject).
    governed = _governed_role_before_head(words)
    for i, word in enumerate(words):
        if governed is not None and i <= governed:
            continue  # (`у президента глава делегации Владимир Мединский`: see _roles_in_window)
        if word in ROLE_FORMS["nom"]:
            # A role noun in the nominative and what it is of (`президент Финляндии`) put
            # the name after them in it (`В саммите поучаствует президент Финляндии Саули
            # Ниинистё`: not `Сауля`'s genitive).  Not right before the name, whose first
            # word may be what the role is of (`Историк Наполеона Тьер`); nor across a
            # verb (`Президент наградил Ивана Петрова`), nor a role noun not declined
            # (`атташе`).
            if (
                i == len(words) - 1
                or word in ROLE_FORMS["gen"]
                or any(w in ROLE_FORMS["gen"] for w in words[i + 1 :])
                or _verb_among(words[i + 1 :])
            ):
                # (Nor past a role in the genitive, whose the name may be: `Пресс-секретарь
                # президента Белоруссии Александра Лукашенко Наталья Эйсмонт`.)
                return None
            return "nom"
        oblique = _OBLIQUE_ROLE_CASE.get(str(likeliest_tag(word).case))
        if oblique is not None and word not in ROLE_FORMS["gen"] and lemma(word) in ROLE_WORD_SET:
            # A role noun in the dative, instrumental or locative puts the name after it in
            # that case (`задала президенту Финляндии Саули Ниинистё`), not across a verb.
            if _verb_among(words[i + 1 :]):
                return None
            return oblique
        if word in ROLE_FORMS["gen"]:
            if _verb_among(words[i + 1 :]):
                return None
            acting = (
                i > 0 and words[i - 1] in _ACTING and not (i > 1 and words[i - 2] in PREPOSITIONS)
            ) or (
                i == 0
                and (
                    before := _ACTING_BEFORE_RE.search(
                        text, max(0, start - len(window) - 12), start - len(window)
                    )
                )
                is not None
                and (before.group(1) or "").lower() not in PREPOSITIONS
            )
            if acting:
                # `и.о. министра энергетики Юрий Продан`, `врио губернатора … Александр
                # Хинштейн`: the acting one, whose name the sentence puts in its case (the
                # role's genitive is `и.о.`'s); not after a preposition, which puts the
                # whole in its own (`с врио мэра Москвы Сергеем Собяниным`)
                return None
            # (The accusative after `на`, `про`… : `со ссылкой на пресс-секретаря Киру Ярмыш`.)
            return "acc" if i and words[i - 1] in _ACCUSATIVE_PREPOSITIONS else "gen"
    if ACCORDING_GENITIVE_RE.search(window.lower()):
        return "gen"
    return None


#: Words making the role after them, in the genitive, the name's acting one (`врио
#: губернатора`, `исполняющий обязанности министра`), and `и.о.` before a role.
_ACTING = frozenset({"врио", "обязанности"})
_ACTING_BEFORE_RE = re.compile(
    r"(?:(?<![А-ЯЁа-яё])([А-ЯЁа-яё]+)\s+)?(?<![А-ЯЁа-яё])[иИ]\.\s?о\.\s*$"
)  # (group 1: the word before, a preposition or not)
_WITH_REFERENCE_TO_RE = re.compile(r"(?:^|\s)ссылкой\s+на\s*$", re.IGNORECASE)


def _governed_role_before_head(words: Sequence[str]) -> int | None:
    """Where the last role noun a preposition governs is among ``words`` (folded), when a
    role noun only in the nominative follows it (`у президента глава делегации`): the
    words up to there say where or with whom, the later role is the name's; else None."""
    found = None
    for i in range(1, len(words)):
        if (
            words[i - 1] in PREPOSITIONS
            and stem_russian(words[i]) in ROLE_STEMS
            and any(w in ROLE_FORMS["nom"] and w not in ROLE_FORMS["gen"] for w in words[i + 1 :])
        ):
            found = i
    return found


def _verb_among(words: Sequence[str]) -> bool:
    """Is one of ``words`` (lower case) most likely a verb?  A role noun's case does not
    reach across one: `Президент наградил Ивана Петрова`."""
    return any(likeliest_tag(w).POS == "VERB" for w in words)


#: pymorphy3's oblique cases a role noun may put a name after it in (not the genitive,
#: whose role nouns are what another role is of: `помощник министра Иван Петров`), as the
#: name readings write them.
_OBLIQUE_ROLE_CASE = {"datv": "dat", "ablt": "ins", "loct": "prep"}
_OBLIQUE_ROLE_CASES = frozenset(_OBLIQUE_ROLE_CASE)
#: The same cases, as the name readings write them (see :func:`case_after_role`).
OBLIQUE_ROLE_CASES = frozenset(_OBLIQUE_ROLE_CASE.values())


def nominative_only(mention: Mention) -> bool:
    """Does the name lexicon read ``mention`` in full, and only in the nominative
    (`Владимир Путин`: `После переговоров с президентом Франции Владимир Путин
    заявил` is his; not a model's guess, `Соной Ованнисян`)?"""
    first, parses = parse_run(mention.words)
    return first == 0 and bool(parses) and all(p.cases == {"nom"} for p in parses)


def in_oblique_apposition(text: str, start: int) -> bool:
    """Does the name at ``start`` follow a preposition's role noun in the instrumental,
    dative or locative, past only words in the genitive (`с главным менеджером фестиваля
    «Ереванские перспективы» Соной Ованнисян`)?  Then it is in that case, whatever its
    own endings (or a dictionary's rare name, `Соной`) say: no speaker.  (Not past the
    genitive `министра` in `помощник министра Иван Петров`; nor after a role with no
    preposition: `— пояснил журналистам Иванишвили`, `— сказал корреспонденту Петров`,
    `назначенный министром Иван Петров` name the speaker.)"""
    if _ROLE_HINT_RE.search(text, max(0, start - 160), start) is None:
        return False  # (most names: no role noun before them)
    tokens = tokens_before(text, start)
    while tokens:
        token = tokens.pop()
        if token[0] in '«"':
            continue  # a quoted name, as in the genitive (`фестиваля «Ереванские перспективы»`)
        tag = likeliest_tag(token.lower())
        if tag.case == "gent":
            continue
        if not (
            tag.case in _OBLIQUE_ROLE_CASES
            and tag.POS == "NOUN"
            and tag.number == "sing"
            and lemma(token.lower()) in ROLE_WORD_SET  # (by its lemma: `им` stems as `имам`)
        ):
            return False
        case = tag.case
        while tokens:  # its adjectives, then the preposition
            tag = likeliest_tag(tokens.pop().lower())
            if tag.POS not in ("ADJF", "PRTF") or tag.case != case:
                return bool(tag.POS == "PREP")
        return False
    return False


# Whose words a sentence gives, named in the genitive or accusative: `по словам Лесина`,
# `по мнению главы холдинга Лесина`, `цитирует РБК Лесина`, `приводит слова Лесина`.
_SAID_BY_RE = re.compile(
    rf"(?:^|\s)(?:(?:по|со)\s+(?:{ACCORDING_NOUNS}|слов)|со\s+ссылкой\s+на|(?:про)?цитир\w*"
    # `— такова оценка специалиста по России Флемминга Сплидбёля`: his words just given
    r"|приводит|передает|таков[аоы]?\s+(?:оценка|мнение|позиция|вывод|прогноз))\s",
    re.IGNORECASE,
)


# An outlet passing words on, in the clause before `со ссылкой на` (`сообщает`,
# `передаёт`, `пишут`, `сообщил`, `написала`…).
_PASSED_ON_BEFORE_RE = re.compile(
    r"(?<![а-яё])(?:сообща|сообщи|переда|пиш|написа|информиру|цитиру)[а-яё]*\s", re.IGNORECASE
)


#: A name's initials right before its surname (`И. `, `И.`, `А.Б.`).
_INITIALS_BEFORE_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:[А-ЯЁ]\.\s?){1,2}$")
#: `Как отметила И. Кутаева, …`: a singular speech verb after `как` (group 1), its subject
#: next, whose words the sentence gives.
_AS_SAID_BY_RE = re.compile(r"(?:^|\s)как\s+([а-яё]+)\s", re.IGNORECASE)


def _as_said_by(window: str) -> re.Match[str] | None:
    """`как отметил`, `как заявила` in ``window``: the match, or None (not `как известно`,
    `как говорят`: no one's, or several people's)."""
    found = _AS_SAID_BY_RE.search(window)
    if found is None or speech_verb(found.group(1)) not in ("m", "f", "?"):
        return None
    return found


def _past_initials(text: str, start: int) -> int:
    """Where the name at ``start`` begins with its initials, if any (`И. Кутаева`,
    `И.Кутаева`)."""
    initials = _INITIALS_BEFORE_RE.search(text, max(0, start - 8), start)
    return start if initials is None else initials.start()


def as_said_gender(text: str, start: int) -> str | None:
    """The gender of the speech verb after `как` right before the name at ``start`` (past
    its initials), whose subject the name is: `Как отметила И. Кутаева,` -> `f`; else
    None (`Как сообщил ТАСС`: whatever follows is read as usual)."""
    start = _past_initials(text, start)
    found = _AS_SAID_RIGHT_BEFORE_RE.search(text, max(0, start - 30), start)
    if found is None:
        return None
    gender = speech_verb(found.group(1))
    return gender if gender in ("m", "f") else None


#: `как отметила ` right before a name: group 1 the verb.
_AS_SAID_RIGHT_BEFORE_RE = re.compile(r"(?<![А-ЯЁа-яё])[Кк]ак\s+([а-яё]+)\s+$")


def said_by(registry: Registry, text: str, start: int) -> bool:
    """Does an attribution construction (back to the previous punctuation) introduce the
    name at ``start``, so that the sentence gives that person's words?  (`со ссылкой на
    X` only where no person is the sentence's subject so far: `сообщает ТАСС со ссылкой
    на Смирнову`, not `Депутат Петров со ссылкой на министра Сидорова заявил`.)"""
    # (`Как отметила И. Кутаева`, `И.Кутаева`: the window before the initials)
    window, _hint = _role_window(text, _past_initials(text, start))
    said = _SAID_BY_RE.search(window) or _as_said_by(window)
    if said is None:
        return False
    # The first name after it: `по словам Лесина` holds for Лесин, not for a later name;
    # but names after a role noun are what the role is of (`со ссылкой на пресс-секретаря
    # Фонда борьбы с коррупцией (ФБК) Киру Ярмыш`).
    # (Not a capitalised dictionary word: `такова оценка сотрудника Датского института …
    # Флемминга Сплидбёля`, `специалиста по России`.)
    other = next(
        (m for m in CAPITALISED_RE.finditer(window, said.end()) if not is_common_word(m.group())),
        None,
    )
    if other is not None and not any(
        fold(w) in ROLE_FORMS["gen"] for w in WORD_RE.findall(window, said.end(), other.start())
    ):
        return False
    if "ссылк" not in said.group():
        return True
    at = start - len(window) + said.start()  # (the window ends at ``start``)
    if _PASSED_ON_BEFORE_RE.search(text, max(0, at - 60), at):
        return True  # `передаёт РИА Новости со ссылкой на X`: an outlet's source
    return not registry.subject_named_in(registry.where)


# (`\bпо`, written with the letters first: the regex engine skips straight to them)
ACCORDING_GENITIVE_RE = re.compile(rf"по(?<!\wпо) (?:{ACCORDING_NOUNS})\b")
