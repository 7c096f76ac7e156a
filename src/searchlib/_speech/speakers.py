"""Who said it: speaker attribution for the quotes of one article.

All the rules live here, applied in the order the text is read:

1. A person named in the attribution wins (`— сказал глава МИД Сергей Лавров`),
   in the nominative, or in the case its verb asks for (`— цитирует ТАСС
   министра Михаила Мурашко`, `— приводит РБК слова Дмитрия Пескова`).
2. Else a person named in the lead-in (`Об этом рассказала ... Анастасия
   Лаврина:`, `По словам Сергея Лаврова, «…»`, `Слова Лаврова:`, `Отвечая на
   вопрос, Песков сказал: «…»`; after a quote it holds, `«…», — сказал он,
   добавив, что «…»`), or for a quote ending its paragraph unattributed, in a
   signature line after it (`— Татьяна Иванова, пресс-секретарь управления`).
3. Else a pronoun or role noun (`она`, `он`, `эксперт`, `политолог`) in the
   attribution, then in the lead-in, refers to the most recently named person
   who fits: the gender shown by the pronoun or the verb (`добавила`) must
   match, and a role noun must be one that person was introduced with, or
   one it implies (`политолог` is an `эксперт`, `глава Минфина` a `министр`),
   and of the same thing (`глава ВТБ` is not `глава Сбербанка`).  Two people
   who fit, named in the same or neighbouring sentences, leave the choice to
   the one that was a subject there (`Лавров встретился с Фиданом`; in this
   paragraph, if the other was in the one before), or to nobody.  A role noun
   never goes to someone its own sentence names only as an object (`Президент
   поставил задачу спасти президента Украины …`).
   A role that no one fits, the subject of a sentence naming nobody (`Российский
   президент назвал встречу «хорошей»`, a headline's `Президент: «…»`), waits for
   its person: one the paragraph introduces later with that role, or the next
   sentence's subject (`— добавил Путин`) if introduced with no other role.
   A role that settled a speaker not introduced with it (`Любимов рассказал … —
   цитирует РБК режиссера`) names them again while nobody else of that gender
   has been named since.
4. A quote that continues one just attributed (`«…», — сказал он. — «…»`)
   has the same speaker.

Names are reported in the nominative, in the fullest form the article gives
(`Анастасия Лаврина`, also when later written `Анастасии Лавриной`; `Джордж
Х. Кинг`).  A pseudonym given with a name (`Кирилл Толмацкий, известный под
псевдонимом Децл`, `Василия Вакуленко (Басты)`) names that person.  A lone
word the name analysis cannot read alone (`Байден`) counts only as a person
the article has already named.  Press services, unnamed sources, plural and
several speakers (`— сообщили в пресс-службе`, `— заявил источник`, `—
сказали они`, `— заявили Алиев и Токаев`), impersonal attributions (`—
говорится в заявлении`) give ``None``, as does every case the rules cannot
settle: a missing speaker is better than a wrong one.

The cost is linear in a paragraph's length: quoted regions are looked up by
bisection, people from the most recently named (by surname, and no further
back than :data:`_REGISTRY_WINDOW`), and the name model reads a paragraph at
most :data:`_MODEL_READINGS` times.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Literal, NamedTuple

import attrs

from searchlib._morph import lemma, likeliest_tag, parses, word_class
from searchlib._speech.names import (
    CASES,
    PARTICLES,
    SURNAME_PREFIXES,
    TAG_GENDERS,
    NameReading,
    analyse_word,
    fold,
    fold_all,
    from_dictionary,
    guess_given,
    guess_surname,
    hyphenated_surname,
    is_common_word,
    particle_surname,
)
from searchlib._speech.ner import person_spans
from searchlib._speech.quotes import (
    ACCORDING_NOUNS,
    RELATIVE_OPENING_RE,
    SPEECH_VERBS,
    LeadIn,
    QuoteMatch,
    find_quotes,
    governing_verb,
    has_quote_marks,
    literal_alternation,
    part_of_speech,
    quoted_regions,
    speech_verb,
)
from searchlib._stemmer import stem_russian
from searchlib._stopwords import RUSSIAN_STOP_WORDS

__all__ = ["AttributedQuote", "attribute_article"]

Span = tuple[int, int]

_ROLE_WORDS = """
    эксперт политолог аналитик экономист министр президент премьер премьер-министр глава
    губернатор мэр депутат сенатор спикер председатель директор руководитель представитель
    пресс-секретарь посол дипломат профессор ученый специалист генсек канцлер лидер
    замминистра заместитель советник журналист журналистка корреспондент историк социолог
    юрист адвокат прокурор судья врач тренер писатель писательница бизнесмен
    предприниматель основатель основательница вице-премьер вице-президент помощник аким
    хоким исследователь исследовательница востоковед тюрколог международник актер актриса
    режиссер певец певица спортсмен спортсменка чемпион чемпионка автор ректор декан
    политик чиновник вице-министр вице-губернатор омбудсмен гендиректор начальник
    парламентарий оппозиционер оппозиционерка скульптор создатель создательница дизайнер
    градоначальник обозреватель комментатор телекомментатор музыкант хореограф артист
    артистка композитор блогер
    активист активистка правозащитник правозащитница рэпер исполнитель генпрокурор
    наставник чиновница нападающий полузащитник вратарь голкипер форвард
    футболист хоккеист игрок патриарх митрополит архиепископ епископ протоиерей
    трейдер банкир финансист инвестор миллиардер продюсер сценарист архитектор балерина
    космонавт астронавт раввин имам папа понтифик кардинал конгрессмен топ-менеджер
    собеседник собеседница член секретарь пресс-атташе атташе сопредседатель зампред
    вице-спикер барон баронесса лорд леди принц принцесса король королева шейх эмир султан
    менеджер гимнаст гимнастка велогонщик гонщик теннисист теннисистка
    фигурист фигуристка боксер пловчиха бегун бегунья шахматист шахматистка лыжник
    лыжница биатлонист биатлонистка штангист баскетболист волейболист легкоатлет
    легкоатлетка оратор
    """.split()
_ROLE_STEMS = frozenset(stem_russian(w) for w in _ROLE_WORDS)
_ROLE_WORD_SET = frozenset(_ROLE_WORDS)


def _role_forms() -> dict[str, dict[str, str]]:
    """Case -> {folded form: stem} for role nouns in the nominative and the genitive."""
    nom: dict[str, str] = {}
    gen: dict[str, str] = {}
    for word in _ROLE_WORDS:
        stem = stem_russian(word)
        nom[word] = stem
        if word.endswith(("е", "и")):
            gen[word] = stem  # (not declined: `атташе`, `леди`)
        elif word.endswith("ый"):
            gen[word[:-2] + "ого"] = stem
        elif word.endswith(("ь", "й")):
            gen[word[:-1] + "я"] = stem
        elif word.endswith("я"):
            gen[word[:-1] + "и"] = stem  # `судьи`
        elif word.endswith("а"):
            velar = word[-2] in "гкхжшчщ"
            gen[word if word == "замминистра" else word[:-1] + ("и" if velar else "ы")] = stem
        else:
            gen[word + "а"] = stem
    # `экс-министр`: a role of its own, of one introduced as `экс-министр` or `бывший
    # министр` (not of the minister in office: `Экс-президент Обама … — сказал президент`).
    nom.update({f"экс-{word}": f"экс-{stem}" for word, stem in nom.items()})
    gen.update({f"экс-{word}": f"экс-{stem}" for word, stem in gen.items()})
    return {"nom": nom, "gen": gen, "acc": dict(gen)}


_ROLE_FORMS = _role_forms()

# A person introduced with one of these roles also fits the general one:
# `экономист Наталья Зубаревич ... — отметила эксперт`.
_IMPLIED_ROLES: dict[str, frozenset[str]] = {
    stem_russian(general): frozenset(stem_russian(w) for w in specific.split())
    for general, specific in {
        "эксперт": "политолог аналитик экономист социолог историк востоковед тюрколог"
        " международник юрист исследователь исследовательница специалист профессор ученый",
        "специалист": "политолог аналитик экономист социолог историк востоковед тюрколог"
        " международник исследователь исследовательница ученый тренер наставник",
        "дипломат": "посол мид генсек",
        "политик": "депутат сенатор спикер министр премьер премьер-министр президент канцлер"
        " лидер губернатор мэр вице-премьер парламентарий",
        "парламентарий": "депутат сенатор спикер",
        "чиновник": "министр замминистра вице-министр заместитель губернатор мэр аким хоким",
        "чиновница": "министр замминистра вице-министр заместитель губернатор мэр",
        "наставник": "тренер",  # `главный тренер ЦСКА Леонид Слуцкий … — добавил наставник`
        # `нападающий «Краснодара» Фёдор Смолов … — отметил футболист`
        # (Not `защитник`: also a defence lawyer.)
        "футболист": "нападающий полузащитник вратарь голкипер форвард",
        "хоккеист": "нападающий вратарь голкипер форвард",
        "игрок": "нападающий полузащитник вратарь голкипер форвард футболист хоккеист",
        "спортсмен": "футболист хоккеист игрок гимнаст велогонщик гонщик теннисист фигурист"
        " боксер бегун шахматист лыжник биатлонист штангист баскетболист волейболист"
        " легкоатлет",
        "спортсменка": "гимнастка теннисистка фигуристка пловчиха бегунья шахматистка лыжница"
        " биатлонистка легкоатлетка",
        "тренер": "наставник",
        "глава": "президент премьер премьер-министр министр губернатор мэр аким хоким"
        " председатель руководитель директор генсек канцлер",
        "руководитель": "глава председатель директор гендиректор начальник",
        # `генеральный директор «Россетей» Павел Ливинский … — сказал топ-менеджер` (not
        # a `глава` or `председатель`: of a country or a parliament as often)
        "топ-менеджер": "директор гендиректор",
        "премьер": "премьер-министр",
        "заместитель": "замминистра зампред",
        "лидер": "президент премьер премьер-министр канцлер генсек председатель",
        "понтифик": "папа",  # `Папа Римский Франциск … — подчеркнул понтифик`
        # `спортивный телекомментатор Дмитрий Губерниев … — написал журналист`
        "журналист": "телекомментатор комментатор обозреватель корреспондент",
        "журналистка": "телекомментатор комментатор обозреватель корреспондент",
        "мэр": "градоначальник",
        "градоначальник": "мэр",
        "прокурор": "генпрокурор",
        "музыкант": "рэпер певец певица исполнитель композитор",
        "бизнесмен": "предприниматель миллиардер",
        "предприниматель": "бизнесмен миллиардер",
        "космонавт": "астронавт",
        "астронавт": "космонавт",
        "артист": "актер актриса певец певица",
    }.items()
}

# Attributions to institutions and unnamed people: never a person's name.
_NO_PERSON_WORDS = frozenset(
    """
    пресс-служба источник источники сообщение заявление ведомство министерство
    правительство администрация агентство организация компания аппарат канцелярия штаб
    посольство представительство издание газета телеканал собеседник очевидец
    """.split()
)
_NO_PERSON_STEMS = frozenset(map(stem_russian, _NO_PERSON_WORDS))
# Of those, the people: a subject only in the nominative (`Могерини уверила собеседников,
# что…` is hers; `— сообщил собеседник издания` no one's known).
_NO_PERSON_PEOPLE = frozenset(map(stem_russian, "источник собеседник очевидец".split()))
_NO_PERSON_PEOPLE_NOM = frozenset("источник источники собеседник собеседники очевидец".split())
_PREPOSITIONS = frozenset(
    """
    в во из под над к ко от до у с со на за при о об обо по про для без через
    между перед против среди после вместо кроме около вокруг ради возле
    """.split()
)

#: Prepositions that put a person after them in the accusative (`со ссылкой на
#: пресс-секретаря … Киру Ярмыш`: `Кира`, not `Кир` in the dative).
_ACCUSATIVE_PREPOSITIONS = frozenset("на за про через".split())

_WORD_RE = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
#: What joins two names into a list: `и` or a comma.
_JOINED_RE = re.compile(r"\s*(?:и|,)\s*")


@attrs.define
class _Person:
    name: str  # nominative, fullest form seen
    surname: str
    given: str | None
    gender: str | None
    roles: set[str]
    context: set[str]  # what the roles are of: `Сбербанка`, `МИД России`
    seen: int
    where: int = -1  # the article's sentence number of the latest mention
    subject: bool = False  # the latest mention could be the subject of its sentence
    # Roles that named this person as a speaker, with no introduction (`— цитирует РБК режиссера`)
    said_roles: set[str] = attrs.field(factory=set)


@attrs.frozen
class _NameParse:
    given: str | None
    patronymic: str | None
    surname: str
    gender: str | None
    cases: frozenset[str]
    initial: str | None = None  # a given name's initial written before a surname (`В.Юсуфов`)

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)


class _Mention(NamedTuple):  # (a tuple: made for every capitalised word a paragraph reads)
    words: tuple[str, ...]
    span: Span
    parses: tuple[_NameParse, ...]
    sentence_initial: bool
    after_preposition: bool
    # A lone word read only as a known person's surname (`Байден` after `Джо Байден`).
    known_only: bool = False
    # A lone word opening a sentence that reads as its subject, a person's surname (see
    # `_subject_surname`: `Песков ответил…`, not `Ростов победил…`).
    confirmed: bool = False


_ALL_CASES = frozenset(CASES)


def _combine(readings: Sequence[Sequence[NameReading]]) -> list[_NameParse]:
    """Consistent (same gender, shared case) combinations of per-word readings."""
    parses: list[_NameParse] = []
    if len(readings) == 1:  # (one word, most runs: its surname readings, as the loop has them)
        parses = [
            _NameParse(None, None, r.nominative, r.gender, cases)
            for r in readings[0]
            if r.role == "surname" and (cases := _ALL_CASES & r.cases)
        ]
        return list(dict.fromkeys(parses))
    for combo in itertools.product(*readings):
        roles = [r.role for r in combo]
        if roles[-1] != "surname" or "surname" in roles[:-1]:
            continue
        if "patronymic" in roles:
            # Only `Владимир Владимирович Путин`: a patronymic follows a given name.
            at = roles.index("patronymic")
            if at != len(roles) - 2 or at == 0 or roles[at - 1] != "given":
                continue
        genders = {r.gender for r in combo if r.gender is not None}
        if len(genders) > 1:
            continue
        cases = _ALL_CASES
        for r in combo:
            cases &= r.cases
        if not cases:
            continue
        given = " ".join(r.nominative for r in combo if r.role == "given") or None
        patronymic = next((r.nominative for r in combo if r.role == "patronymic"), None)
        parses.append(
            _NameParse(
                given, patronymic, combo[-1].nominative, genders.pop() if genders else None, cases
            )
        )
    return list(dict.fromkeys(parses))


@functools.lru_cache(maxsize=1 << 14)
def _parse_run(words: tuple[str, ...]) -> tuple[int, tuple[_NameParse, ...]]:
    """The longest name at the end of a run of capitalised words: (first word index, parses)."""
    n = len(words)
    for first in range(max(0, n - 4), n):
        readings = []
        for i in range(first, n):
            after_given = i > first and any(r.role == "given" for r in analyse_word(words[i - 1]))
            readings.append(analyse_word(words[i], after_given=after_given))
        if all(readings):
            if n - first > 1:
                readings[-1] = _oblique_a(words[-1], readings[-1], words[-2], readings[-2])
            parses = _combine(readings)
            if parses:
                return first, tuple(parses)
    return n, ()


# An `-а` surname's genitive: `-и` after a velar or a hissing consonant, `-ы` after another.
_OBLIQUE_A_RE = re.compile(r"(?:(?<![сц])[гк]и|[хжшчщ]и|[бвдзлмпрстфц]ы)$")
# (Not `-ски`, `-цки`, `-ны`: Polish nominatives, `Роберта Левандовски`.)


def _oblique_a(
    word: str,
    readings: tuple[NameReading, ...],
    before: str,
    before_readings: Sequence[NameReading],
) -> tuple[NameReading, ...]:
    """A surname read as written in any case after a given name in the genitive, which the
    given name shows by its ending (`Евгения Маталыги`, `Юрия Чайки`), is an `-а` surname's
    genitive (`Маталыга`, `Чайка`): that reading, not the one as written, in the genitive.
    (Not after a given name that shows no case, `Марио Драги`; nor where the ending cannot
    be the genitive of one, `Нарендры Моди`.)"""
    if len(word) <= 3 or not _OBLIQUE_A_RE.search(word):
        return readings
    as_written = [r for r in readings if r.nominative == word and r.cases == frozenset(CASES)]
    declined = any(
        r.role == "given" and "gen" in r.cases and r.nominative != before for r in before_readings
    )
    if not as_written or not declined:
        return readings
    others = frozenset(CASES) - {"gen"}
    return (
        NameReading(word[:-1] + "а", "surname", None, frozenset({"gen"})),
        *(attrs.evolve(r, cases=others) if r in as_written else r for r in readings),
    )


# Lower-case particles inside foreign names (`Урсула фон дер Ляйен`, `Абдель Азиз бен
# Салман`) open the surname after them, one word of the name with it.  (A name next to
# one that is not read so is only part of a name: left out.)
_PARTICLES = "|".join(sorted(PARTICLES, key=len, reverse=True))
_PARTICLE_AFTER_RE = re.compile(rf"\s+(?:(?:{_PARTICLES})\s+)+[А-ЯЁ]")
_PARTICLE_BEFORE_RE = re.compile(rf"(?:^|\s)(?:{_PARTICLES})\s+$")
# Particles between two words of a name (`Урсула фон дер Ляйен`), or before its first
# (`— сказала фон дер Ляйен`, `Фон дер Ляйен заявила`).  (`Марин Ле Пен`, a capitalised
# particle and a space only, is read as any run of capitalised words.)
_PARTICLE_GAP_RE = re.compile(rf" (?:(?:{_PARTICLES}) )+")
_LEADING_PARTICLES_RE = re.compile(rf"(?<![\w-])(?:(?:{_PARTICLES}) )+$")


_TYPICAL_SURNAME_RE = re.compile(
    r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ою)?$|(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую)$"
    r"|(?:енко|дзе|швили)$"
)


# What may stand between the words of a name: spaces, or a middle initial (`Джордж Х. Кинг`).
_IN_NAME_GAP_RE = re.compile(r"\s+(?:((?:[А-ЯЁ]\.\s*){1,2})(?<=\s))?")
# A capitalised word, not part of a longer one (`О’Рейли` is one, and so are `ДиКаприо`,
# `МакГрегор`, `ЛаБаф`, `ФицДжеральд`: a capital after the prefixes of such surnames, `Мак`,
# `Ди`, `Ла`, `Фиц`, `Ван`…, as names.is_capitalised has them; without them the word was
# invisible, and `— сказал Леонардо ДиКаприо` gave `Леонардо`; not brands, `МосБиржа`,
# `ТикТок`).  (Its look-behind, the letter before the capital, comes after the capital: a
# pattern that opens with a character class lets the regex engine skip straight to the
# candidates; opening with the look-behind, it tries every position, which took nearly
# twice as long on the 104,253-paragraph corpus.)
_CAPITALISED_RE = re.compile(
    r"[А-ЯЁ](?:(?<![А-ЯЁа-яё-].)|(?<=[^А-ЯЁа-яё](?:аль|эль|ибн)-.)|(?<=[^А-ЯЁа-яё]а[сшдтрзн]-.)"
    r"|(?<=^(?:аль|эль|ибн)-.)|(?<=^а[сшдтрзн]-.))"
    r"(?:(?:(?<=М)а?к|(?<=Д)[иеаую]|(?<=Л)[ае]|(?<=Ф)иц|(?<=В)ан)"
    r"[А-ЯЁ]|['’][А-ЯЁ])?"
    r"[а-яё]+"
    r"(?:-[А-ЯЁ][а-яё]+)*(?![А-ЯЁа-яё]|-[А-ЯЁа-яё])"
)
# The lower-case particle of an Arabic name joined to it by a hyphen (`аль-Эриан`,
# `эль-Барадеи`, `ас-Сиси`, `ибн-Сауд`; as `_CAPITALISED_RE` lets a capital follow them),
# where it ends.  (Capitalised, `Аль-Джазира`, `Аль-Каида`, it is a name of a thing.)
_HYPHEN_PARTICLE_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:аль|эль|ибн|а[сшдтрзн])-\Z")
# The last word of a text, read backwards (searched for forwards, `(\w+)\s*$` tries every
# position of the text): with its hyphenated parts (`пресс-служба`), or without.
_LAST_WORD_RE = re.compile(r"\s*(\w+)")
_LAST_HYPHENATED_RE = re.compile(r"\s*(\w+(?:-\w+)*)")


def _last_word(text: str, *, hyphenated: bool = False) -> str | None:
    """The word ``text`` ends with, before any whitespace, or None if it ends otherwise."""
    word = (_LAST_HYPHENATED_RE if hyphenated else _LAST_WORD_RE).match(text[::-1])
    return word.group(1)[::-1] if word else None


_AFTER_SENTENCE_END_RE = re.compile(r"[.!?…]\s+$")


def _described(text: str, start: int) -> bool:
    """Is the word at ``start`` in apposition to a noun in the nominative before it, past
    words in the genitive (`житель Курска Владимир`, `местный житель Сергей`), other
    than a kinship noun?"""
    for word in reversed(_tokens_before(text, start, 3)):
        if word[:1] in '«"':
            return False
        tag = likeliest_tag(fold(word))
        if tag.POS == "NOUN" and tag.case in ("nomn", None):  # (`такси`: not declined)
            return fold(word) not in _KINSHIP
        if tag.case != "gent":
            return False
    return False


def _described_after(text: str, end: int) -> bool:
    """Does a description of its own follow the word ending at ``end`` (`Татьяна, мать
    троих детей`, `Сергей, живущий по соседству`, `Вячеслав из Твери`)?"""
    after = _DESCRIBED_AFTER_RE.match(text, end)
    if after is None:
        return False
    if after.group(1) is None:
        return True  # `из Твери`
    tag = likeliest_tag(after.group(1))
    return bool((tag.POS == "NOUN" and tag.case == "nomn") or tag.POS == "PRTF")


_DESCRIBED_AFTER_RE = re.compile(r",\s+([а-яё]+)|\s+из\s+[А-ЯЁ]")


_KINSHIP = frozenset(
    "брат сестра сын дочь дочка отец мать муж жена дед бабушка внук внучка дядя тетя"
    " племянник племянница".split()
)
# A possessive pronoun and a noun right before a name: someone described by another
# (`Ее соперница Анна Иванова`, `его агент Иван Петров`).
_POSSESSIVE_BEFORE_RE = re.compile(r"(?<![а-яёА-ЯЁ])(?:[ЕеЁё]е|[Ее]го|[Ии]х)\s+[а-яё]+\s+$")
# A capitalised word no capitalised word follows (a name of one word: `Житель Курска
# Владимир рассказал`; not `Владимир Путин`).
_LONE_CAPITALISED_RE = re.compile(r"(?<![А-ЯЁа-яё-])([А-ЯЁ][а-яё]+)(?![\w-])(?!\s+[А-ЯЁ])")


@functools.lru_cache(maxsize=1 << 14)
def _lone_surname(word: str) -> tuple[_NameParse, ...]:
    """``word`` read as a surname alone, as if after a given name (`Байден`)."""
    readings = analyse_word(word, after_given=True)
    return tuple(_combine([[r for r in readings if r.role == "surname"]]))


@functools.lru_cache(maxsize=1 << 12)
def _initialled_surname(word: str) -> tuple[_NameParse, ...]:
    """``word`` read as a surname after initials (`Ю.Чайка`, `С. Железняк`): as a name the
    model tagged is (:func:`~searchlib._speech.names.guess_surname`)."""
    return tuple(_combine([[r for r in guess_surname(word) if r.role == "surname"]]))


# Initials right before a word (`Ю.Чайка`, `Ю. Чайка`, `В.В. Путин`), not a word's last letter.
_INITIALS_BEFORE_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:[А-ЯЁ]\.\s?){1,2}\Z")


@functools.lru_cache(maxsize=1 << 14)
def _guessed_run(words: tuple[str, ...]) -> tuple[_NameParse, ...]:
    """Parses of a run the model tags as a person's name, read beyond the lexicon.

    Words before the last are given names (or a patronymic), the last one the
    surname; a given name the lexicon cannot read gets the readings the
    dictionary has (`Аси`: `Ася` in the genitive), or those its ending allows
    (`Юргена`: `Юрген` in the genitive; `Абэ`: not declined) where the
    dictionary has none that fit; where the dictionary's give no nominative,
    the ending's nominative too (`— сказал Дани Алвес`: the dictionary knows
    `Дани` only as `Даня`'s genitive).
    """
    found: list[_NameParse] = []
    for dictionary in (True, False):
        readings: list[list[NameReading]] = []
        for i, word in enumerate(words):
            if i == len(words) - 1:
                readings.append(guess_surname(word))
            else:
                known = [r for r in analyse_word(word) if r.role in ("given", "patronymic")]
                readings.append(known or guess_given(word, dictionary=dictionary))
        if not found:
            found = _combine(readings)
        elif not any("nom" in parse.cases for parse in found):
            # The dictionary's readings give no nominative: the ending's nominative, if
            # another name (`— сказал Дани Алвес`: `Дани` is also `Даня`'s genitive).
            names = {(parse.given, parse.patronymic, parse.surname) for parse in found}
            found += [
                attrs.evolve(parse, cases=frozenset({"nom"}))
                for parse in _combine(readings)
                if "nom" in parse.cases
                and (parse.given, parse.patronymic, parse.surname) not in names
            ]
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=1 << 14)
def _lone_given(word: str) -> tuple[_NameParse, ...]:
    """A known given name on its own (`Андрей`, `Ольги`): a person named by it alone."""
    readings = [
        NameReading(r.nominative, "surname", r.gender, r.cases)
        for r in analyse_word(word)
        if r.role == "given"
    ]
    return tuple(_combine([readings])) if readings else ()


def _past_surname(words: Sequence[str], first: int) -> int:
    """Where a name the model sees from ``words[first]`` to the last word really starts,
    when it ends in an oblique case: past a word of it that ends as a Russian man's
    surname and that the name lexicon reads so in the nominative, not as a given name
    (`— сказал Лавров Блинкену`, `Сергей Лавров Энтони Блинкену`: the speaker, then
    whom he spoke to, which the model reads as one name)."""
    if len(words) - first < 2 or not _OBLIQUE_NAME_END_RE.search(words[-1]):
        return first  # (the name the model sees ends in its nominative, as most do)
    for i in range(len(words) - 2, first - 1, -1):
        if not _MANS_SURNAME_RE.search(words[i]):
            continue
        readings = analyse_word(words[i])
        if any(r.role == "surname" and "nom" in r.cases for r in readings) and not any(
            r.role == "given" for r in readings
        ):
            return i + 1
    return first


#: A Russian man's surname in the nominative, of five letters or more (`Лавров`,
#: `Собянин`; not `Дин`, nor a woman's `Корина`, where a foreign name in `-у` follows).
_MANS_SURNAME_RE = re.compile(r"^\w{2,}(?:ов|ев|ёв|ин|ын|ский|цкий)$")


#: How a name in the dative or instrumental ends (`Блинкену`, `Путину`, `Ивановой`).
_OBLIQUE_NAME_END_RE = re.compile(r"(?:у|ю|ой|ом|ым|им)$")


@functools.lru_cache(maxsize=1 << 14)
def _given_and_patronymic(words: tuple[str, ...]) -> tuple[_NameParse, ...]:
    """`Иван Федорович`, `Катерины Ивановны`: a person named without a surname.

    The patronymic stands where the surname would (it tells people apart the same way).
    """
    if len(words) != 2:
        return ()
    patronymic = [r for r in analyse_word(words[1]) if r.role == "patronymic"]
    if not patronymic:
        return ()
    # Before a patronymic, an unknown word is a given name (`Лизавета Прокофьевна`).
    given = [r for r in analyse_word(words[0]) if r.role == "given"] or guess_given(words[0])
    as_surname = [NameReading(r.nominative, "surname", r.gender, r.cases) for r in patronymic]
    return tuple(_combine([given, as_surname])) if given and as_surname else ()


_SENTENCE_BOUNDARY_RE = re.compile(r"[.!?…]\s+(?=[А-ЯЁA-Z«\"„—–-])")


# Characters of the sentence the model reads on each side of a name.  A reading's cost
# grows with its words.  40 each side gives the same speakers as every wider window
# tried (60 before and 120 after at first, then 40 before and 80 after) on every text
# we have: the development set, 200 unlabelled news texts, the 104,253 paragraphs of
# novels, the MuSeRC and DaNetQA passages.  It reads a third fewer characters than 40
# and 80 did (model time for the novels' 730 readings 0.95 -> 0.72 s).  30 each side
# changed 2 speakers of the MuSeRC passages, one to a made-up name; 20 changed 11.
_CONTEXT = 40


def _person_spans_around(text: str, position: int) -> tuple[tuple[int, int], Sequence[Span]]:
    """Part of the sentence of ``text`` around ``position``, and the person names the model
    finds in it (a window of whole words, :data:`_CONTEXT` characters each side: the model's
    cost grows with its input, and a name is told by its neighbours)."""
    start = 0
    for boundary in _SENTENCE_BOUNDARY_RE.finditer(text, max(0, position - _CONTEXT), position):
        start = boundary.end()
    if start < position - _CONTEXT:  # (from a word's start; no space there: mid-word)
        space = text.find(" ", position - _CONTEXT, position)
        start = space + 1 if space >= 0 else position - _CONTEXT
    following = _SENTENCE_BOUNDARY_RE.search(text, position, position + _CONTEXT)
    end = following.start() + 1 if following else min(len(text), position + _CONTEXT)
    if end < len(text):
        space = text.rfind(" ", position, end)
        end = space if space > position else end
    return (start, end), person_spans(text[start:end])


# How many times the name model may read a sentence of one paragraph.  A reading costs
# about 2 ms; real paragraphs take at most 14 (on the development texts), and a hostile
# one of thousands of unknown names must not take seconds.
_MODEL_READINGS = 64


class _ModelBudget:
    """The name model readings one paragraph has left (see :data:`_MODEL_READINGS`), and
    what the model found in its article.

    ``verdicts``: runs of capitalised words the model found to end in a person's
    name (words -> how many of the last ones are the name), shared by one
    article's paragraphs: names recur in an article.  Not beyond it: the
    model reads a run in its sentence, and a run it took for a name in one
    article (`глава Госкопредпринимательства признал`) must not be one in
    every article after it, nor an article's speakers depend on what was read
    before it.
    """

    def __init__(self, verdicts: dict[tuple[str, ...], int]) -> None:
        self.left = _MODEL_READINGS
        self.verdicts = verdicts

    def spend(self) -> bool:
        """Take one reading, if any is left."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def _subject_surname(text: str, word: re.Match[str]) -> bool:
    """Is a lone capitalised word opening a sentence its subject, a person's surname?

    `Песков ответил…`, `Зеленская заявила…`: OpenCorpora's dictionary knows the
    word as a surname and as no place or organisation (`Ростов победил` is a
    city's team), and a verb follows that agrees with it: a past tense of the
    surname's gender, or a present one.  (The name model often misses a lone
    surname opening a sentence.)
    """
    gender = _surname_gender(word.group().lower())
    if gender is None:
        return False
    after = _NEXT_LOWER_WORD_RE.match(text, word.end())
    return after is not None and _verb_agrees(after.group(1), gender)


def _verb_agrees(word: str, gender: str) -> bool:
    """Is a lower-case ``word`` most likely a singular verb a subject of ``gender`` takes
    (`ответил` for `masc`, `заявила` for `femn`, `говорит` for either)?"""
    tag = likeliest_tag(word)
    if tag.POS != "VERB" or tag.number != "sing":
        return False
    if tag.tense == "past":
        return str(tag.gender) == gender
    return bool(tag.tense == "pres" and tag.person == "3per")


@functools.lru_cache(maxsize=1 << 12)
def _surname_gender(word: str) -> str | None:
    """pymorphy3's gender (`masc`, `femn`) of a lower-case word its dictionary knows as a
    singular nominative surname and never as a place or an organisation; else None."""
    readings = parses(word)
    if any({"Geox", "Orgn"} & p.tag.grammemes for p in readings):
        return None
    genders = {
        str(p.tag.gender)
        for p in readings
        if "Surn" in p.tag.grammemes
        and p.tag.case == "nomn"
        and p.tag.number == "sing"
        and from_dictionary(p)
    } & {"masc", "femn"}
    return genders.pop() if len(genders) == 1 else None


_NEXT_LOWER_WORD_RE = re.compile(r"\s+([а-яё]+)(?=[\s,.;:!?…»\")]|$)")


def _names_a_thing(text: str, word: re.Match[str]) -> bool:
    """Is a lone capitalised adjective-type word the first of an organisation's or a
    place's name, an adjective after it (`Королевского технологического института`,
    `Московского государственного университета`), or an adjective of the noun after
    it (`— заявил Белгородский губернатор Вячеслав Гладков`, `— писал Яснополянский
    мудрец`), rather than a surname?"""
    if not word.group().endswith(_ADJECTIVE_ENDINGS):  # (most names: not looked up)
        return False
    after = _NEXT_LOWER_WORD_RE.match(text, word.end())
    if after is None:
        return False
    following = likeliest_tag(after.group(1))
    if following.POS not in ("ADJF", "PRTF", "NOUN"):
        return False
    own = likeliest_tag(word.group().lower())
    if own.POS not in ("ADJF", "PRTF"):
        return False
    # (A noun after it must agree with it: `Зеленский журналистам` is a surname.)
    return following.POS != "NOUN" or all(
        getattr(own, name) == getattr(following, name) for name in ("case", "number", "gender")
    )


_ADJECTIVE_ENDINGS = tuple(
    "ий ый ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ей их ых ыми ими".split()
)


def _model_name_start(
    text: str, run: Sequence[re.Match[str]], last: int, budget: _ModelBudget
) -> int | None:
    """Index in ``run`` where a person name the model finds, ending with ``run[last]``, starts."""
    key = tuple(m.group() for m in run[max(0, last - 3) : last + 1])
    verdicts = budget.verdicts
    known = verdicts.get(key)
    if known is None:
        if not budget.spend():
            return None  # the paragraph has had its share of the model: the rules alone
        known = 0
        (offset, _end), spans = _person_spans_around(text, run[last].start())
        for span_start, span_end in spans:
            if offset + span_start <= run[last].start() and run[last].end() <= offset + span_end:
                first = last
                while first > 0 and run[first - 1].start() >= offset + span_start:
                    first -= 1
                known = last - first + 1
                break
        if known:  # (a name is a name; a word the model passed over may be one elsewhere)
            verdicts[key] = known
    return last - known + 1 if known else None


# (`--`: the dash of typewritten and digitised texts.)
_DIALOGUE_DASH_RE = re.compile(r"(?:^|[.!?…]\s*|\n\s*)(?:--|[—–-])\s*$")


_NON_SPACE_RE = re.compile(r"\S")


def _text_start(text: str) -> int:
    """``len(text) - len(text.lstrip())``, without copying the text."""
    first = _NON_SPACE_RE.search(text)
    return first.start() if first else len(text)


def _opens_sentence(text: str, position: int) -> bool:
    """Does the word at ``position`` open a sentence (or a line of dialogue)?"""
    before = text[max(0, position - 8) : position]
    return (
        position <= _text_start(text)
        or bool(_AFTER_SENTENCE_END_RE.search(before))
        or bool(_DIALOGUE_DASH_RE.search(before))
    )


class _Skip:
    """Spans whose words are no names (the quoted regions of a paragraph), sorted and disjoint.

    Looked up by bisection: a clause near a quote must not scan every quoted
    region of a long paragraph.
    """

    __slots__ = ("_ends", "_starts", "spans")

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        self._starts = [start for start, _ in self.spans]
        self._ends = [end for _, end in self.spans]

    def _overlapping(self, start: int, end: int) -> list[Span]:
        """The spans that overlap ``start:end``."""
        first = bisect.bisect_right(self._ends, start)  # the first ending after start
        last = bisect.bisect_left(self._starts, end)  # the first starting at end or later
        return self.spans[first:last]

    def within(self, start: int, end: int, *, around: bool = True) -> _Skip:
        """The spans that overlap ``start:end`` (without ``around``: less any containing it)."""
        spans = self._overlapping(start, end)
        if not around:
            spans = [s for s in spans if not (s[0] <= start and end <= s[1])]
        return _Skip(spans)

    def gaps(self, start: int, end: int) -> list[Span]:
        """The stretches of ``start:end`` outside the spans."""
        gaps = []
        for skip_start, skip_end in self._overlapping(start, end):
            if skip_start > start:
                gaps.append((start, skip_start))
            start = max(start, skip_end)
        if start < end:
            gaps.append((start, end))
        return gaps


def _heads_genitive(text: str, word: re.Match[str]) -> bool:
    """Is ``word`` a noun for a thing opening the sentence (`Оптимизм Чилингарова
    разделил…`, `Позицию Петрова поддержал…`), so that a name right after it is its
    genitive?  (A noun for a person stands beside the name: `Горничная Лизка`.)"""
    if not _opens_sentence(text, word.start()) or not is_common_word(word.group()):
        return False
    folded = fold(word.group())
    return word_class(folded) == "noun" and likeliest_tag(folded).animacy == "inan"


def _mentions(
    text: str,
    start: int,
    end: int,
    skip: _Skip,
    budget: _ModelBudget,
    *,
    model: bool = False,
) -> list[_Mention]:
    """Person-name candidates in ``text[start:end]`` outside the ``skip`` spans.

    Names are runs of capitalised words with only spaces between them.  With
    ``model``, the name model reads the runs the lexicon cannot (it costs a
    few milliseconds a sentence: the speaker's clauses ask, a whole paragraph
    does only for runs of two or more capitalised words), as long as the
    paragraph's ``budget`` lasts.
    """
    # (Each stretch between skipped spans searched on its own: they open and close with quote
    # marks, which no word takes in, so the words are those found in all of ``start:end``.)
    tokens = [m for gap in skip.gaps(start, end) for m in _CAPITALISED_RE.finditer(text, *gap)]
    mentions: list[_Mention] = []
    run: list[re.Match[str]] = []
    text_start = _text_start(text)

    def mention(first: int, last: int, parses: Sequence[_NameParse], known_only: bool) -> None:
        head = heads[first]
        if first == 1 and _heads_genitive(text, run[0]):
            parses = [p for p in parses if "gen" in p.cases]  # `Оптимизм Чилингарова`
            if not parses:
                return
        before = text[max(0, head - 40) : head]
        if _PARTICLE_BEFORE_RE.search(before[-12:]) or _PARTICLE_AFTER_RE.match(
            text, run[last].end()
        ):
            return
        if first == last and _names_a_thing(text, run[last]):
            return  # `сайт Королевского технологического института`
        initials = (
            " ".join(
                gap.group(1).replace(" ", "")
                for m, n in itertools.pairwise(run[first : last + 1])
                if (gap := _IN_NAME_GAP_RE.fullmatch(text, m.end(), n.start())) and gap.group(1)
            )
            if last > first
            else ""  # (a lone word, most mentions, has no gap)
        )
        if initials:  # `Джордж Х. Кинг`: the initial goes with the given name
            parses = [
                attrs.evolve(p, given=f"{p.given} {initials}")
                for p in parses
                if p.given and not p.patronymic
            ]
            if not parses:
                return
        if text[head - 1 : head] in (".", " ") and not any(p.given for p in parses):
            dots = _INITIALS_BEFORE_RE.search(text, max(0, head - 6), head)
            if dots is not None:  # `В.Юсуфов`, `В. В. Путин`: the given name's initial
                letter = fold(dots.group()[:1])
                parses = [attrs.evolve(p, initial=letter) for p in parses]
        previous_word = _last_word(before)
        governed = bool(previous_word and fold(previous_word) in _PREPOSITIONS)
        if not governed and mentions and mentions[-1].after_preposition:
            # A name joined to one a preposition takes is taken by it too (`об Аврааме и
            # Сарре`, `между Карлсеном и Карякиным`): an object, as that one is.
            governed = bool(_JOINED_RE.fullmatch(text, mentions[-1].span[1], head))
        initial = head <= text_start or bool(_AFTER_SENTENCE_END_RE.search(before[-8:]))
        confirmed = (
            initial and first == last == 0 and not known_only and _subject_surname(text, run[last])
        )
        mentions.append(
            _Mention(
                words=tuple(written[first : last + 1]),
                span=(head, run[last].end()),
                parses=tuple(parses),
                sentence_initial=initial and first == 0,
                after_preposition=governed,
                known_only=known_only,
                confirmed=confirmed,
            )
        )

    def past_opening_word(first: int | None) -> int | None:
        """A dictionary word opening the sentence is no given name (`Ранее Макаревич`,
        `Горничная Лизка`; for `Оптимизм Чилингарова` see `_heads_genitive`)."""
        if first == 0 and _opens_sentence(text, heads[0]) and _common(written[0]):
            return 1
        return first

    def flush() -> None:
        words = list(written)
        before_name = False
        while words:
            first, parses = _parse_run(tuple(words))
            if (
                parses
                and first > 0
                and (model or len(words) > 1)
                and not any(r.role == "given" for r in analyse_word(words[first - 1]))
                and past_opening_word(first - 1) == first - 1
            ):
                # An unknown word right before the name (`Филип Вуянович`, `Роальд
                # Зиннурович Сагдеев`): the model says whether it is part of it.  (Not
                # a dictionary word opening the sentence, `Вдруг Наташа`: whatever the
                # model said, it would not be taken.)
                wider = past_opening_word(_model_name_start(text, run, len(words) - 1, budget))
                if wider is not None:
                    wider = _past_surname(words, wider)
                if wider is not None and wider < first:
                    guessed = _guessed_run(tuple(words[wider:]))
                    if guessed:
                        first, parses = wider, guessed
            if parses:
                # A lone word right before a name is more likely an unknown given
                # name (`Деян Станкович`) than a name of its own (`Путин Лукашенко`).
                weak = first == len(words) - 1 and not _TYPICAL_SURNAME_RE.search(words[-1])
                if not (before_name and weak):
                    mention(first, len(words) - 1, parses, known_only=False)
                del words[first:]
                before_name = True
                continue
            # No name the lexicon reads ends here.  A given name and a patronymic
            # (`Иван Федорович`) name a person without a surname.
            named = _given_and_patronymic(tuple(words[-2:])) if len(words) > 1 else ()
            if named and past_opening_word(len(words) - 2) == len(words) - 2:
                mention(len(words) - 2, len(words) - 1, named, known_only=False)
                del words[-2:]
                before_name = True
                continue
            # A known given name alone, where the speaker is named (`— сказал Андрей`).
            lone_given = _lone_given(words[-1]) if model and len(words) == 1 else ()
            if lone_given:
                mention(0, 0, lone_given, known_only=False)
                del words[:]
                continue
            # The model may still see a name (not in a lone stop word, `По`, nor in a
            # dictionary word capitalised because it opens a sentence: `Отец`, `Это`).
            asked = (model or len(words) > 1) and not (
                len(words) == 1
                and (
                    len(words[0]) < 3
                    or fold(words[0]) in RUSSIAN_STOP_WORDS
                    or (_opens_sentence(text, heads[0]) and _common(words[0]))
                )
            )
            model_first = (
                past_opening_word(_model_name_start(text, run, len(words) - 1, budget))
                if asked
                else None
            )
            if model_first is not None:
                model_first = _past_surname(words, model_first)
            if model_first is not None and model_first >= len(words):
                model_first = None
            if model_first is not None:
                guessed = _guessed_run(tuple(words[model_first:]))
                if guessed:
                    mention(model_first, len(words) - 1, guessed, known_only=False)
                    del words[model_first:]
                    before_name = True
                    continue
            # The last word may still be a known person's surname (after initials, any
            # surname's nominative: `Ю.Чайка заверил`, where `Чайка` alone reads as
            # `Чайк`'s genitive).
            lone = (
                _initialled_surname(words[-1])
                if _INITIALS_BEFORE_RE.search(
                    text, max(0, heads[len(words) - 1] - 6), heads[len(words) - 1]
                )
                else _lone_surname(words[-1])
            )
            if lone:
                mention(len(words) - 1, len(words) - 1, lone, known_only=True)
            words.pop()
        run.clear()
        heads.clear()
        written.clear()

    # The run's words as matched, where each starts (particles included) and its text.
    heads: list[int] = []
    written: list[str] = []
    for token in tokens:
        start = token.start()
        if text[start - 1 : start] == "-":  # `— сказал аль-Эриан`: one word from `аль`
            particle = _HYPHEN_PARTICLE_RE.search(text, max(0, start - 4), start)
            assert particle is not None  # (_CAPITALISED_RE took the capital after one)
            start = particle.start()
        if run and not _IN_NAME_GAP_RE.fullmatch(text, run[-1].end(), start):
            if not _PARTICLE_GAP_RE.fullmatch(text, run[-1].end(), start):
                flush()
            elif run[-1].group().lower() in PARTICLES and len(run) == 1:
                start = heads.pop()  # `Фон дер Ляйен` opening a sentence: one word
                run.pop()
                written.pop()
            else:
                start = run[-1].end() + 1  # `Урсула фон дер Ляйен`: one word from `фон`
        if not run and text[start - 1 : start] == " ":
            previous = text[max(0, start - 6) : start - 1].rsplit(" ", 1)[-1]
            before = (
                _LEADING_PARTICLES_RE.search(text, max(0, start - 20), start)
                if previous in PARTICLES  # (a set look-up first: most words have none)
                else None
            )
            if before is not None:
                start = before.start()  # `— сказала фон дер Ляйен`
        word = text[start : token.end()]
        if (
            start != token.start()
            and particle_surname(word) is None
            and not hyphenated_surname(word)
        ):
            start, word = token.start(), token.group()
        run.append(token)
        heads.append(start)
        written.append(word)
    flush()
    mentions.sort(key=lambda m: m.span)
    return mentions


def _common(word: str) -> bool:
    """:func:`is_common_word` of a word of a name (one with particles is none, nor is a
    particle: `Ле Пен`, `Де Голль` opening a sentence)."""
    return " " not in word and fold(word) not in PARTICLES and is_common_word(word)


def _same_given(a: str, b: str) -> bool:
    """`Реджеп` and `Реджеп Тайип`: the shorter given name is part of the longer one."""
    left, right = a.split(), b.split()
    shorter, longer = sorted((left, right), key=len)
    return all(word in longer for word in shorter)


# A pronoun, a role noun or a surname refers to one of this many people named most
# recently: real articles name far fewer (36 at most on the development texts, the one
# referred to among the 33 latest), and a hostile one naming thousands must not have
# each mention compared with all of them.
_REGISTRY_WINDOW = 64


def _may_be(parse: _NameParse, person: _Person) -> bool:
    """Can a name read as ``parse`` be ``person`` (the surname, no other given name or gender)?"""
    return (
        parse.surname == person.surname
        and not (parse.given and person.given and not _same_given(parse.given, person.given))
        # (`В.Юсуфов` is the son Виталий, not the father Игорь the article also names)
        and not (parse.initial and person.given and fold(person.given[:1]) != parse.initial)
        and not (parse.gender and person.gender and parse.gender != person.gender)
    )


@attrs.define
class _PendingRole:
    """A role that is a sentence's subject with no name (`Российский президент назвал встречу
    «хорошей»`), waiting for the person the next sentence names as its subject."""

    head: str  # the role noun's stem
    roles: _Roles  # with the roles it implies, and what it is of
    where: int  # its sentence
    passed: bool = False  # the next sentence's subject was not the one
    opening: bool = False  # the noun opened its sentence (not `по мнению артиста`)
    # The quotes it said, unresolved: (their paragraph's quotes, index).
    quotes: list[tuple[list[AttributedQuote], int]] = attrs.Factory(list)
    # People its words were about (`По мнению автора петиции, Зюганов «…»`): not the role.
    not_them: list[_Person] = attrs.Factory(list)
    person: _Person | None = None  # who claimed it


#: A personal pronoun that points back at a person (`Она попросила…`, `с ним`, `ей`).
_POINTING_RE = re.compile(
    r"(?<![а-яёА-ЯЁ-])(?:[оО]н|[оО]на|[оО]ни|ним|него|нему|нем|нём|ней|нее|неё|ними|них|ему|ей)"
    r"(?![а-яё-])"
)


#: What opens a clause reporting what the subject said or thought (`заявил, что он…`).
_REPORTED_CLAUSE_RE = re.compile(r",\s+(?:что|чтобы)(?![а-яё])")


def _reported_clauses(text: str, breaks: Sequence[int]) -> dict[int, int]:
    """Sentence of ``text`` (``breaks``: where each next one starts) -> where its first
    reported clause (`, что`) opens; found once for a paragraph (linear in it)."""
    reported: dict[int, int] = {}
    for m in _REPORTED_CLAUSE_RE.finditer(text):
        reported.setdefault(bisect.bisect_right(breaks, m.start()), m.start())
    return reported


def _pointing_sentences(
    text: str, breaks: Sequence[int], first: int, reported: dict[int, int]
) -> Iterator[int]:
    """The sentences of ``text`` (numbered from ``first``; ``breaks``: where each next one
    starts) with a personal pronoun pointing back at someone: not one in a clause the
    sentence's subject reports (`Ф.Фийон заявил, что правительство он будет формировать`:
    the subject again; ``reported``: see :func:`_reported_clauses`)."""
    for m in _POINTING_RE.finditer(text):
        at = bisect.bisect_right(breaks, m.start())
        if reported.get(at, len(text)) > m.start():
            yield first + at


#: An unnamed source as a sentence's speaker (`источник в правительстве`, `собеседник
#: издания`, `один из участников встречи`), not after a preposition (`со ссылкой на источник`).
_ANONYMOUS_RE = re.compile(
    r"(?<![А-ЯЁа-яё-])(?:[Ии]сточник|[Сс]обеседни(?:к|ца)|[Оо]чевид(?:ец|ица)"
    r"|[Оо]д(?:ин|на) из)(?![а-яё-])"
)


def _of_people(text: str, start: int) -> bool:
    """Is the first noun from ``start`` (of `один из …`) one of people (`участников`,
    `молодых людей`; not `томов`)?"""
    for word in _WORD_RE.findall(text, start, start + 40)[:3]:
        tag = likeliest_tag(word.lower())
        if tag.POS == "NOUN":
            return tag.animacy == "anim"  # type: ignore[no-any-return]
    return False


#: What follows a source of information (`источник издания`, `источник в правительстве`,
#: `источник, близкий к…`, `источник РБК`), not of a thing (`источник возгорания`).
_SOURCE_OF_WORDS_RE = re.compile(
    r",?\s+(?:(?:издания|газеты|агентства|телеканала|портала|журнала|радиостанции|в|во|из"
    r"|среди|близкий|знакомый|осведомленный|осведомлённый)(?![а-яё])|[А-ЯЁA-Z«\"])"
)
#: A man's words going on (`По его словам`, `Он …`): of a source, `источник`, a man's noun.
_HIS_WORDS_RE = re.compile(r"\s*(?:По его (?:словам|мнению|оценке|данным)|Он\s)")
#: A sentence that goes on with the last one's speaker (`По его словам, …`, `Он добавил…`).
_GOES_ON_RE = re.compile(r"\s*(?:По (?:его|ее|её|их) (?:словам|мнению|оценке|данным)|Он[аи]?\s)")


def _anonymous_sentences(
    text: str, breaks: Sequence[int], first: int, skip: _Skip, reported: dict[int, int]
) -> Iterator[tuple[int, bool]]:
    """The sentences of ``text`` (numbered from ``first``) whose speech verb an unnamed
    source says (`Впрочем, источник в администрации заверил, что…`, `Это подтвердил «Ъ»
    один из участников встречи`): a pronoun after them is that source's, nobody known.
    Not in quoted words (``skip``), nor `один из` things (`один из пяти томов`), nor in
    what someone reports (`Лавров сообщил, что источник утечки найден`: ``reported``).  Yields
    (sentence, whether it only goes on with the source's words: `По его словам, …`).
    Each sentence is read for a speech verb once, however many sources it names (linear
    in the paragraph: `benchmarks/quotes_scale.py`)."""
    read: set[int] = set()
    for m in _ANONYMOUS_RE.finditer(text):
        at = bisect.bisect_right(breaks, m.start())
        if at in read or reported.get(at, len(text)) < m.start():
            continue  # (`Лавров сообщил, что источник утечки найден`: what he said)
        start = breaks[at - 1] if at else 0
        if skip.within(m.start(), m.end()).spans:
            continue
        if m.group().lower().startswith(("один", "одна")) and not _of_people(text, m.end()):
            continue
        before = _last_word(text[max(start, m.start() - 20) : m.start()])
        if before is not None and fold(before) in _PREPOSITIONS:
            continue
        read.add(at)
        end = breaks[at] if at < len(breaks) else len(text)
        goes_on = _GOES_ON_RE.match(text, end) is not None
        if any(speech_verb(w) for w in _WORD_RE.findall(text[start:end].lower())) or (
            # (A source opening its sentence, then a man's words: `Источник издания с этой
            # версией не согласен. По его словам, …`; not `Источник возгорания не
            # установлен.`, a thing, nor before `Она …`.)
            goes_on
            and not text[start : m.start()].strip()
            and _HIS_WORDS_RE.match(text, end) is not None
            and (
                not m.group().lower().startswith("источник")
                or _SOURCE_OF_WORDS_RE.match(text, m.end()) is not None
            )
        ):
            yield first + at, False
            if goes_on:
                yield first + at + 1, True  # `По его словам, …`: the source goes on


class _Registry:
    """The people an article has named so far, looked up from the most recently named."""

    def __init__(self) -> None:
        # Most recently named last (a person named again moves to the end), in all and by surname.
        self._recent: dict[int, _Person] = {}
        self._by_surname: dict[str, dict[int, _Person]] = {}
        self._aliases: dict[str, _Person] = {}  # a pseudonym's forms -> its person
        self._clock = 0
        self.where = 0  # the article's sentence number being read
        self.paragraph = 0  # the sentence number the paragraph being read starts with
        self.pending: _PendingRole | None = None
        # Sentences that point back at someone with a pronoun (`Вместе с ним был…`).
        self.pointing: set[int] = set()
        # Given names written alone (no surname by them) after a description of their own
        # (`житель Курска Владимир`): name -> where first, as (paragraph, offset).
        self.described_given: dict[str, tuple[int, int]] = {}
        self._texts: list[tuple[int, str]] = []  # (paragraph, text) read so far
        self._scanned = 0  # of them, those whose given names are noted
        # Sentences whose speaker is an unnamed source (`Источник … заверил, что…`), and
        # those that go on with its words (`По его словам, Кононенко не удалось…`).
        self.anonymous: set[int] = set()
        self.going_on: set[int] = set()
        # Each sentence read: (its paragraph's text, start, end, where a reported clause
        # opens, the paragraph's quoted regions), for :func:`_unnamed_subject`.
        self.sentences: dict[int, tuple[str, int, int, int, _Skip]] = {}
        self._unnamed: dict[int, tuple[str, bool] | None] = {}

    def unnamed_subject(self, where: int) -> tuple[str, bool] | None:
        """The person sentence ``where`` has for its subject by a noun, not a name (see
        :func:`_unnamed_subject`), or None; read once, when a pronoun asks."""
        if where not in self._unnamed:
            found = self.sentences.get(where)
            self._unnamed[where] = _unnamed_subject(*found) if found is not None else None
        return self._unnamed[where]

    def named_since(self, where: int) -> bool:
        """Was anyone named (or said a quote) in sentence ``where`` or since?"""
        latest = next(self._latest(self._recent), None)
        return latest is not None and latest.where >= where

    def _latest(self, people: dict[int, _Person]) -> Iterator[_Person]:
        """The most recently named of ``people``, latest first, up to the window."""
        return itertools.islice(reversed(people.values()), _REGISTRY_WINDOW)

    def subject_named_in(self, where: int) -> bool:
        """Was someone named as a subject in sentence ``where`` (the latest sentences' people
        only are read: they are the most recently named)?"""
        for person in self._latest(self._recent):
            if person.where < where:
                return False
            if person.subject and person.where == where:
                return True
        return False

    @property
    def last_named(self) -> _Person | None:
        """The person named most recently."""
        return next(reversed(self._recent.values()), None)

    def touch(self, person: _Person, *, subject: bool = True) -> _Person:
        self._clock += 1
        person.seen = self._clock
        person.where = self.where
        person.subject = subject
        for people in (self._recent, self._by_surname.setdefault(person.surname, {})):
            people.pop(id(person), None)
            people[id(person)] = person
        return person

    def add_alias(self, word: str, person: _Person) -> None:
        """`Децл` names ``person`` from now on (in any case its ending allows)."""
        for key in _alias_forms(word):
            self._aliases[key] = person

    def by_alias(self, mention: _Mention) -> _Person | None:
        """The person a lone word names as a pseudonym, if it is one."""
        if not self._aliases or len(mention.words) != 1:
            return None
        return next(
            (p for k in _alias_forms(mention.words[0]) if (p := self._aliases.get(k))), None
        )

    def may_know(self, mention: _Mention) -> bool:
        """Could ``mention`` name someone already named: by a surname one of its parses
        has, or as a pseudonym?  (If not, neither :meth:`match` nor :meth:`by_alias`
        finds anyone for it, whatever its case.)"""
        by_surname = self._by_surname
        return any(p.surname in by_surname for p in mention.parses) or (
            self.by_alias(mention) is not None
        )

    def match(self, parses: Sequence[_NameParse], gender: str | None = None) -> _Person | None:
        """The known person a mention refers to (most recent if several; of ``gender``, a
        verb's, if one is: `Позднее Рено сказала` is Джанет Рено, not her brother Роберт
        named since)."""
        best: _Person | None = None
        for surname in {parse.surname for parse in parses}:
            found = [
                person
                for person in self._latest(self._by_surname.get(surname, {}))
                if any(_may_be(parse, person) for parse in parses)
            ]
            agreeing = [p for p in found if p.gender in (None, gender)] if gender else []
            # (None agreeing: the latest still, whose gender a name's ending may have misled.)
            chosen = agreeing or found
            latest = chosen[0] if chosen else None
            if latest is not None and (best is None or latest.seen > best.seen):
                best = latest
        return best

    def by_given_name(
        self, mention: _Mention, parses: Sequence[_NameParse], gender: str | None
    ) -> _Person | None:
        """The one known person a lone given name names (`— сказал в этой беседе Андрей`
        after `Андрей Варичев`); None where nobody or several people have that name.

        (A given name alone is read with the name where the surname goes: see
        :func:`_lone_given`.)
        """
        if len(mention.words) != 1:
            return None
        written = {r.nominative for r in analyse_word(mention.words[0]) if r.role == "given"}
        names = {fold(p.surname) for p in parses if p.given is None and p.surname in written}
        if not names:
            return None
        self._note_given_alone()
        here = (self.paragraph, mention.span[0])
        if any(self.described_given.get(name, (here[0] + 1, 0)) <= here for name in names):
            # Someone described and known by the given name alone (`Житель Курска
            # Владимир рассказал… — говорит Владимир`, `— радуется местный житель
            # Сергей`): not the namesake named in full (Владимир Путин).
            return None
        found = {
            id(person): person
            for person in self._latest(self._recent)
            if person.given is not None
            and fold(person.given.split()[0]) in names
            and fold(person.surname) not in names
            and (gender is None or person.gender in (None, gender))
        }
        if len(found) != 1:
            return None
        [person] = found.values()
        # Only someone named in full: a surname (or patronymic) read as one, not two given
        # names in a row (`Пьер, Наташа`) nor a place (`Марья Ростов`).
        readings = analyse_word(person.surname, after_given=True)
        if not readings or any(r.role == "given" for r in readings):
            return None
        return person

    def read(self, text: str) -> None:
        """Take the paragraph about to be read (its given names are noted when asked)."""
        self._texts.append((self.paragraph, text))

    def _note_given_alone(self) -> None:
        """Note the given names the paragraphs read so far write alone after a description
        of their own (see :meth:`by_given_name`): a noun in the nominative, past words
        in the genitive, not one of kinship (`младший брат Пётр` may be Пётр Завьялов).
        Each paragraph once, and only in articles that ask (noting every paragraph up
        front cost the 20,000-paragraph build 0.1 s)."""
        while self._scanned < len(self._texts):
            paragraph, text = self._texts[self._scanned]
            self._scanned += 1
            for match in _LONE_CAPITALISED_RE.finditer(text):
                word = match.group(1)
                readings = [r for r in analyse_word(word) if r.role == "given" and "nom" in r.cases]
                if not readings or not (
                    _described(text, match.start(1)) or _described_after(text, match.end(1))
                ):
                    continue  # (`Адвокат Петра`: whose lawyer, not a Пётр described)
                for reading in readings:
                    self.described_given.setdefault(
                        fold(reading.nominative), (paragraph, match.start(1))
                    )

    def objects_in(self, where: int) -> list[_Person]:
        """The people last named in sentence ``where``, not as its subject."""
        found = []
        for person in self._latest(self._recent):
            if person.where < where:
                break
            if person.where == where and not person.subject:
                found.append(person)
        return found

    def named_in(self, texts: Sequence[str]) -> list[_Person]:
        """The known people whose surname (in any case: by its stem) ``texts`` hold: whom
        a quote is about (`«Бутина стремилась …», — постановил прокурор`)."""
        stems = {
            stem_russian(fold(word)) for text in texts for word in _CAPITALISED_RE.findall(text)
        }
        if not stems:
            return []
        return [
            person
            for person in self._latest(self._recent)
            if stem_russian(fold(person.surname)) in stems
        ]

    def _claim(self, mention: _Mention, person: _Person | None, roles: _Roles | None) -> None:
        """Give a pending role to the person it turns out to be: one this paragraph
        introduces later with that role (`… — заявил генпрокурор Юрий Чайка`), or the
        first person the next sentence names as its subject, if introduced with no other
        role.  A name in the role's own sentence cancels it."""
        pending = self.pending
        if pending is None or pending.person is not None:
            return
        if self.where == pending.where:
            if person is not None or not mention.sentence_initial:
                self.pending = None  # `Президент Путин заявил`: the role came with a name
            return  # (else the role noun itself, read as a possible name)
        if person is None or person in pending.not_them:
            return
        if self._texts and _POSSESSIVE_BEFORE_RE.search(
            self._texts[-1][1], max(0, mention.span[0] - 40), mention.span[0]
        ):
            return  # `«…», — сказала теннисистка. Ее соперница Анна Иванова …`: another
        wanted = pending.roles
        fits = not (wanted.context and person.context and not wanted.context & person.context)
        if roles is not None and pending.head in roles.nouns:
            pass  # introduced with that role
        elif self.where == pending.where + 1 and person.subject and not pending.passed:
            pending.passed = True  # (only the first subject)
            fits = fits and (not person.roles or wanted.nouns <= person.roles)
        else:
            return  # an object (`встретился с Петровым`), or too far for a bare name
        if fits:
            person.roles |= wanted.nouns
            person.context |= wanted.context
            pending.person = person
        else:
            self.pending = None

    def pass_over(self, mention: _Mention) -> None:
        """What :meth:`register` does with a mention that names no one (see :meth:`may_know`):
        it may end a pending role's wait (see :meth:`_claim`)."""
        self._claim(mention, None, None)

    def register(
        self,
        mention: _Mention,
        *,
        case: str | None = None,
        roles: _Roles | None = None,
        gender: str | None = None,
        verb_gender: str | None = None,
        speaker_position: bool = False,
        said: bool = False,
    ) -> _Person | None:
        """Record a mention; returns its person, or None when it is not clearly one.

        ``gender`` is what the clause says of the person's, ``verb_gender`` what its verb
        does (which of two people of one surname it is: see :meth:`match`).  ``said``: the
        mention is whose words the sentence gives (`по словам Лесина`), so that person
        counts as a subject there.
        """
        person = self._register(
            mention,
            case=case,
            roles=roles,
            gender=gender,
            verb_gender=verb_gender,
            speaker_position=speaker_position,
            said=said,
        )
        self._claim(mention, person, roles)
        return person

    def _register(
        self,
        mention: _Mention,
        *,
        case: str | None,
        roles: _Roles | None,
        gender: str | None,
        verb_gender: str | None,
        speaker_position: bool,
        said: bool,
    ) -> _Person | None:
        parses = [p for p in mention.parses if case is None or case in p.cases]
        subject = (
            said
            or speaker_position
            or (not mention.after_preposition and any("nom" in p.cases for p in parses))
        )
        alias = self.by_alias(mention)
        if alias is not None:
            return self.touch(alias, subject=subject)
        told = verb_gender if verb_gender in ("m", "f") else None
        person = self.match(
            parses if case is not None else mention.parses, told
        ) or self.by_given_name(mention, parses, told)
        if person is not None:
            full = [p for p in mention.parses if p.surname == person.surname and p.given]
            if len({p.full for p in full}) == 1 and len(full[0].full) > len(person.name):
                # The fullest form seen: `Эрдоган`, then `Реджеп Тайип Эрдоган`.
                person.given, person.name = full[0].given, full[0].full
            if person.gender is None and gender in ("m", "f"):
                person.gender = gender
            if roles is not None:
                person.roles |= roles.nouns
                person.context |= roles.context
            return self.touch(person, subject=subject)
        if mention.known_only:
            return None
        if gender in ("m", "f"):
            agreeing = [p for p in parses if p.gender in (None, gender)]
            if (
                not agreeing
                and speaker_position
                and len(mention.words) > 1
                and not any(r.role == "given" for w in mention.words for r in analyse_word(w))
            ):
                # A name in full right after its verb is its subject, whatever the endings
                # of a foreign name suggest (`— заявила Мао Нин`: `-ин` reads as a man's
                # Russian surname): read as written, not declined, of the verb's gender.
                # (Not where a given name the lexicon knows says otherwise: `— заявил
                # Урсула фон дер Ляйен` is no one.)
                written = " ".join(mention.words)
                agreeing = [
                    attrs.evolve(p, gender=gender)
                    for p in parses
                    if "nom" in p.cases and p.full == written
                ]
            parses = agreeing
        if len({p.full for p in parses}) > 1 and case not in (None, "nom"):
            parses = _undeclined_if_foreign(parses, mention)
        if len({p.full for p in parses}) != 1:
            return None
        parse = parses[0]
        single = len(mention.words) == 1
        if single and fold(mention.words[0]) in _ROLE_WORD_SET:
            return None  # `церемонии Папа подчеркнул`: a title, the name model's PER or not
        if single and not speaker_position and not mention.confirmed:
            # A lone capitalised word is a person only in a clear position, or where the
            # name model says so.  (Asked before the dictionary below, which costs 0.1 ms
            # a new word: 15% fewer words to look up.)
            if mention.sentence_initial or mention.after_preposition:
                return None
            if not re.search(r"(?:ов|ев|ин|ын)[а-я]{0,2}$", mention.words[0]):
                return None
        clear = speaker_position and not mention.sentence_initial  # `— сказал Токаев`
        if single and not clear and is_common_word(mention.words[0]):
            return None  # `Слова спорщиков`: an ordinary word, not a name
        genders = {p.gender for p in parses} - {None}
        person = _Person(
            name=parse.full,
            surname=parse.surname,
            given=parse.given,
            gender=gender
            if gender in ("m", "f")
            else (genders.pop() if len(genders) == 1 else None),
            roles=set(roles.nouns if roles else ()),
            context=set(roles.context if roles else ()),
            seen=0,
        )
        return self.touch(person, subject=subject)

    def recent(
        self,
        *,
        gender: str | None,
        role: str | None,
        context: frozenset[str] = frozenset(),
        besides: Collection[_Person] = (),
    ) -> _Person | None:
        """The most recently named person with this gender and (if given) role.

        A role said of something (`глава ВТБ`) does not fit a person whose
        role was of something else (`глава Сбербанка Герман Греф`).

        Two such people named in the same or neighbouring sentences (`Лавров
        встретился с Фиданом`) leave the choice to the one that was a subject
        (in this paragraph, if the other was in the one before), or to nobody
        if that does not settle it.  Without a role, nobody either when the
        subject of this or the sentence before, named since, is of a gender
        nothing told.  ``besides``: people it cannot be (`По его словам, Иванов
        «…»`: not Иванов, whom the words are about).
        """
        if gender is None and role is None:
            return None
        fitting = [
            p
            for p in self._latest(self._recent)
            if p not in besides
            and (gender is None or p.gender == gender)
            and (role is None or role in p.roles)
            and not (context and p.context and not context & p.context)
            # A role noun, the subject, is not someone this sentence names as an object
            # (`Президент поставил задачу спасти президента Украины Ивана Петренко`).
            and not (role is not None and p.where == self.where and not p.subject)
        ]
        if not fitting:
            return None
        latest = fitting[0]  # (most recently named first)
        if role is None and any(
            p.gender is None and p.subject and p.where >= self.where - 1 and p.seen > latest.seen
            for p in self._latest(self._recent)
        ):
            # The subject of this or the sentence before, named since, whose gender neither
            # the name nor a speech verb told (`Мисси Эллиотт … поддержала девушку. «…», —
            # сообщила она`), may be the one: nobody known.  (The verbs of a narrative
            # sentence are not read for it: a right name may so become nobody, not another.)
            return None
        rivals = [p for p in fitting if p.where >= latest.where - 1]
        if len(rivals) == 1:
            return latest
        if (
            role is None
            and latest.subject
            and latest.where == self.where - 1
            and latest.where not in self.pointing
            and not any(p.subject and p.where == latest.where for p in rivals if p is not latest)
        ):
            # A pronoun for the one subject of the sentence before (`13 декабря замглавы
            # МИД Сергей Рябков упрекнул США… Он заявил, что…`), the rivals further back;
            # not where that sentence points back at someone with a pronoun (`Вместе с
            # ним был вице-губернатор Николай Линченко. «…», — сказал он`: either of them;
            # `Она попросила коллег принять Лошак…`: she, named before).
            return latest
        subjects = [p for p in rivals if p.subject]
        if len(subjects) > 1 and latest.where >= self.paragraph:
            # This paragraph's subject goes on, not the previous one's (`… прибыл Медведев.
            # Он отметил…`).
            subjects = [p for p in subjects if p.where >= self.paragraph]
        return subjects[0] if len(subjects) == 1 else None


def _undeclined_if_foreign(parses: list[_NameParse], mention: _Mention) -> list[_NameParse]:
    """Of a name's readings in an oblique case, those with the surname as written, where
    it ends in a vowel that no Russian nominative of a man's or woman's surname declines
    to in that case (`слова председателя совета Ханзуэли Лоозли`: not the genitive of a
    `Лоозла`), a given name before it declined if a reading does so (`Дали Грибаускайте`
    is `Даля`'s); else all of them."""
    if len(mention.words) < 2 or not mention.words[-1].endswith(_UNDECLINED_ENDINGS):
        return parses  # (a given name alone declines: `По словам Иванки`)
    # (The surname as written; a given name before it may decline: `Дали Грибаускайте`.)
    kept = [p for p in parses if p.surname == mention.words[-1]]
    declined = [p for p in kept if not p.cases >= _ALL_CASES]
    if len({p.full for p in declined}) == 1:
        kept = declined
    return kept or parses


#: Last letters of a foreign surname read as written in every case (`Лоозли`, `Шойгу`).
_UNDECLINED_ENDINGS = tuple("иуюоеэ")


def _alias_forms(word: str) -> set[str]:
    """A pseudonym as written and the nominatives its ending allows (`Басты`: `Баста`)."""
    return {word} | {r.nominative for r in guess_surname(word)}


# A pseudonym after a name: `Кирилл Толмацкий, известный под псевдонимом Децл`,
# `Василия Вакуленко (Басты)`.
_ALIAS_RE = re.compile(
    r",?\s+(?:также\s+)?известн\w*\s+(?:также\s+|больше\s+)?"
    r"(?:под\s+(?:псевдонимом|прозвищем|именем)|как)\s+([А-ЯЁ][а-яё]+)(?![\w-])"
    r"|\s*\(([А-ЯЁ][а-яё]+)\)"
)


def _note_alias(registry: _Registry, text: str, mention: _Mention, person: _Person | None) -> None:
    """Record the pseudonym right after a person's name, if one is given.

    A word in parentheses counts only if it is no dictionary word (`(Москва)` is a place).
    """
    alias = _ALIAS_RE.match(text, mention.span[1]) if person is not None else None
    if alias is None or person is None:
        return
    word = alias.group(1) or alias.group(2)
    if alias.group(2) and is_common_word(word):
        return
    registry.add_alias(word, person)


@attrs.frozen
class _Roles:
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
    **{stem_russian(w): stem_russian("россии") for w in "российского российской".split()},
    **{
        stem_russian(short): stem_russian(full)
        for shorts, full in (
            ("мид", "иностранных"),
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
        )
        for short in shorts.split()
    },
}


def _role_context(words: Sequence[str]) -> frozenset[str]:
    """Stems of the (folded) words after a role noun, up to a preposition: what it is of."""
    context = set()
    for word in words:
        if word in _PREPOSITIONS or speech_verb(word) or word in ("он", "она", "они"):
            break
        stem = stem_russian(word)
        context.add(_SAME_CONTEXT.get(stem, stem))
    return frozenset(context - _ROLE_STEMS - _GENERIC_CONTEXT)


_NO_ROLES = _Roles()
# What a `глава` of these is: `глава государства` the president, `глава правительства` the
# prime minister (by the first 11 letters of the word after it, in any case).
_HEAD = stem_russian("глава")
_HEAD_OF = {
    "государства": stem_russian("президент"),
    "правительства": stem_russian("премьер"),  # (not `правительственной комиссии`)
}


# `председатель правительства` is the `премьер`; `заместитель министра` a `замминистра`.
_CHAIR, _PREMIER = stem_russian("председатель"), stem_russian("премьер")
_MINISTER, _DEPUTY_MINISTER = stem_russian("министр"), stem_russian("замминистра")
_DEPUTIES = frozenset({stem_russian("заместитель")})
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


def _chairs_government(words: Sequence[str]) -> bool:
    """Do ``words``, right after `председатель`, make it the `премьер` (`правительства`,
    `российского правительства`; not `правительственной комиссии`)?"""
    return "правительства" in words[:2]


def _heads_of(words: Sequence[str]) -> list[str]:
    """The roles a `глава` of ``words`` has (`государства`: the `президент`), in their order."""
    return [_HEAD_OF[w] for w in words if w in _HEAD_OF]


# `председатель комитета Госдумы`, `член Совета Федерации`: a parliamentarian.
_PARLIAMENT_HEADS = frozenset(stem_russian(w) for w in "председатель глава член спикер".split())
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
_ROLE_WINDOW_MARKS = r"[.!?…;:()\"«»,]"
_ROLE_WINDOW_RE = re.compile(_ROLE_WINDOW_MARKS + r"|\s[—–]\s")
_ROLE_WINDOW_MARK_RE = re.compile(_ROLE_WINDOW_MARKS)  # (the first alternative alone)
# Every form of a role noun starts with its stem (and `МИД` implies a diplomat).
_ROLE_HINT_RE = re.compile(literal_alternation(_ROLE_STEMS | {"мид"}), re.IGNORECASE)
# How a verb in the past or present tense ends (others are not asked about: see
# _roles_before).
_VERB_ENDINGS = tuple("л ла ло ли лся лась лось лись ет ит ут ют ат ят тся".split())


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
_QUOTED_NAME_AFTER_RE = re.compile(rf"\s*(?:{_QUOTED_NAME_RE.pattern})")
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
    head, tail = _at_last_mark(text[max(0, start - 160) : start])
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
            before = _last_word(head[: inside.start()])
            if before is not None and not _describes(before):
                break  # (after a name: `Силуанов (ЕР)`)
            name = " ".join(filter(None, inside.groups()))
            head, between = _at_last_mark(head[: inside.start()])
            # (A name holding a role word is no role: `группы «Король и Шут»`.)
            pieces[:0] = [between, "" if _role_word(name) else name]
    window = _ROLE_WINDOW_RE.split(" ".join(pieces))[-1]
    return window, _ROLE_HINT_RE.search(window) is not None


def _at_last_mark(window: str) -> tuple[str, str]:
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
        all(w[:1].isupper() or likeliest_tag(w).case == "gent" for w in _WORD_RE.findall(words))
        and " и " not in f" {words} "
    )


def _describes(word: str) -> bool:
    """Can ``word``, before a quoted name or a bracket, be a word of a description (`группы
    «Ленинград»`, `Глава «Роснефти»`, `ООО «Газпром добыча»`) rather than a person's name
    (`Силуанов (ЕР)`)?"""
    if word.islower() or word.isupper():
        return True
    folded = fold(word)
    return stem_russian(folded) in _ROLE_STEMS or is_common_word(word)


def _role_word(words: str) -> bool:
    """Is any word of ``words`` a role noun (`«Король и Шут»`)?"""
    return any(stem_russian(fold(w)) in _ROLE_STEMS for w in _WORD_RE.findall(words))


# `генеральный прокурор` is the `генпрокурор`, `генеральный директор` a `гендиректор`.
_GENERAL_ROLES = tuple(
    (stem_russian(role), stem_russian(short))
    for role, short in (("прокурор", "генпрокурор"), ("директор", "гендиректор"))
)


def _roles_before(text: str, start: int, limit: int = 8) -> _Roles:
    """Role nouns in the words just before ``start``, back to the previous punctuation.

    The general roles they imply come along (`политолог` is also an `эксперт`),
    and `глава Минфина` or `глава МИД` is a `министр`.  A description opening
    with a role right after a comma takes the roles before that comma too
    (`глава конкурсной комиссии, депутат Константин Изместьев`).
    """
    roles = _roles_in_window(text, start, limit)
    if not roles.nouns:
        return roles
    head, tail = _at_last_mark(text[max(0, start - 160) : start])
    first = _WORD_RE.match(tail.lstrip())
    if not head.endswith(",") or first is None or fold(first.group()) not in _ROLE_FORMS["nom"]:
        return roles
    if _LIST_GOES_ON_RE.match(text, start):
        return roles  # `министр образования, ректор МГУ Иван Петров и директор …`: a list
    comma = start - len(tail) - 1
    part = _role_window(text, comma)[0]  # (quoted names of what a role is of kept)
    opening = [fold(w) for w in _WORD_RE.findall(part)]
    # (The part before the comma a description of its own: opening with a role noun,
    # past a verb and what it governs, `сообщил РИА Новости глава комиссии`; not `Сын
    # министра`, whose role is another's.)
    heads = [i for i, w in enumerate(opening) if w in _ROLE_FORMS["nom"]]
    if not heads or any(
        not _capitalised_in(part, w) and likeliest_tag(w).POS != "VERB" for w in opening[: heads[0]]
    ):
        return roles
    before = _roles_in_window(text, comma, limit)
    if not before.nouns:
        return roles
    return _Roles(roles.nouns | before.nouns, roles.context | before.context)


def _capitalised_in(text: str, folded: str) -> bool:
    """Is the word ``folded`` (lower-cased) written capitalised in ``text`` (a name)?"""
    return any(fold(w) == folded and w[:1].isupper() for w in _WORD_RE.findall(text))


# A name a list goes on after (`Иван Петров и директор школы Анна Смирнова`).
_LIST_GOES_ON_RE = re.compile(r"[А-ЯЁа-яё-]*(?:\s+[А-ЯЁ][а-яё-]*)*\s*,?\s+и\s+[а-яё]")


def _roles_in_window(text: str, start: int, limit: int) -> _Roles:
    """:func:`_roles_before` of the words back to the previous punctuation only."""
    window, hint = _role_window(text, start)
    if not hint:
        return _NO_ROLES  # the usual case, found fast
    written = _WORD_RE.findall(window)[-limit:]
    words = [fold(w) for w in written]
    # Not past a verb: its subject's roles are not the name's (`Президент назвал
    # Мелендес «…»`; `… назначил министром Кармен Мелендес`: `министр` still is).
    verbs = [
        i
        for i, w in enumerate(words)
        if w.endswith(_VERB_ENDINGS) and likeliest_tag(w).POS == "VERB"
    ]
    if verbs:
        written, words = written[verbs[-1] + 1 :], words[verbs[-1] + 1 :]
    # `экс-министр`, `бывший министр`: a former holder's roles, each of its own (see the end)
    former = any(w.startswith(("экс-", "бывш")) for w in words)
    words = [w.removeprefix("экс-") for w in words]
    roles: set[str] = set()
    headed = False
    for i, word in enumerate(words):
        stem = stem_russian(word)
        if stem not in _ROLE_STEMS and stem != "мид":
            continue
        if i > 0 and words[i - 1] in _PREPOSITIONS and not _names_role_after(written, i):
            continue  # `кандидат в мэры`, `вместо министра …`, `при президенте по …`
        if headed and word in _ROLE_FORMS["gen"] and word not in _ROLE_FORMS["nom"]:
            if stem == _MINISTER and roles & _DEPUTIES:
                roles.add(_DEPUTY_MINISTER)  # `заместитель министра` is a `замминистра`
            continue  # `заместитель министра`, `помощник президента`: whose, not what
        if stem == _CHAIR and _chairs_government(words[i + 1 :]):
            roles.add(_PREMIER)  # `председатель правительства` is the `премьер`
        roles.add(stem)
        headed = stem != "мид"
    if roles & _PARLIAMENT_HEADS and any(w.startswith(_PARLIAMENTS) for w in words):
        roles.add(stem_russian("парламентарий"))  # `председатель комитета Госдумы`
    if "глав" in roles and any(
        (w.startswith(("мин", "мид")) and not w.startswith("минск")) or w.startswith("ведомств")
        for w in words
    ):
        roles.add(stem_russian("министр"))  # `глава МИД`, `глава военного ведомства`
    if _HEAD in roles:
        roles.update(_heads_of(words))  # `глава государства` is the `президент`
    for general, short in _GENERAL_ROLES:
        if general in roles and any(w.startswith("генеральн") for w in words):
            roles.add(short)  # `генеральный прокурор` is the `генпрокурор`
    roles |= {general for general, specific in _IMPLIED_ROLES.items() if roles & specific}
    roles.discard("мид")
    last = max((i for i, w in enumerate(words) if stem_russian(w) in _ROLE_STEMS), default=None)
    context = _role_context(words[last + 1 :]) if last is not None else frozenset()
    if _AUTHOR in roles and context & _BOOKS:
        roles.add(_WRITER)  # `автор шпионских романов` is a `писатель`
    if _PERFORMER in roles and context & _PARTS:
        roles.add(_ACTOR)  # `исполнитель главной роли` is an `актер`
    if former:  # (not the one in office: `Экс-президент Обама … — сказал президент`)
        roles = {f"экс-{role}" for role in roles}
    return _Roles(frozenset(roles), context)


_ROLE_OPENING_RE = re.compile(r"\s*([А-ЯЁ][а-яё]+(?:-[а-яё]+)*)(?:\s+([а-яё]+(?:-[а-яё]+)*))?")
_CAPITALISED_AFTER_RE = re.compile(rf"(?:\s+(?:{SURNAME_PREFIXES}[А-ЯЁ]|[А-ЯЁ])[а-яё]+)*")


def _role_subject(text: str, start: int) -> tuple[str, _Roles] | None:
    """The roles of a sentence at ``start`` that opens with a role noun in the nominative,
    perhaps after an adjective and before capitalised words (`Российский президент`,
    `Президент России`): the noun's stem and the roles; else None."""
    opening = _ROLE_OPENING_RE.match(text, start)
    if opening is None:
        return None
    nominative = _ROLE_FORMS["nom"]
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
    roles = _roles_before(text, _CAPITALISED_AFTER_RE.match(text, end).end())  # type: ignore[union-attr]
    return (head, roles) if head in roles.nouns else None


def _implied(role: str, context: frozenset[str]) -> _Roles:
    """A role noun's stem with the general roles it implies."""
    implied = {general for general, specific in _IMPLIED_ROLES.items() if role in specific}
    return _Roles(frozenset({role} | implied), context)


def _case_after_role(text: str, start: int) -> str | None:
    """The case a name's introduction puts it in, where it shows: else None.

    `директора института Евгения Минченко`, `по мнению Евгения Минченко`: a
    role noun in the genitive, or `по мнению`, before a name (back to the
    previous punctuation) puts the name in the genitive, so `Евгения` is
    `Евгений`, not `Евгения`.
    """
    window, hint = _role_window(text, start)
    if not hint and "по " not in window.lower():
        # (The usual case, found fast; or `со ссылкой на Киру Ярмыш`: Кира, not Кир.)
        return "acc" if _WITH_REFERENCE_TO_RE.search(window) else None
    words = [fold(w) for w in _WORD_RE.findall(window)]
    # The first role noun heads the name's description (`пресс-секретарь президента
    # Дмитрий Песков`: `президента` only modifies it); not across a verb (`На посту
    # премьер-министра останется Франсуа Фийон`: the verb's subject).
    for i, word in enumerate(words):
        if word in _ROLE_FORMS["nom"]:
            return None
        if word in _ROLE_FORMS["gen"]:
            if any(likeliest_tag(w).POS == "VERB" for w in words[i + 1 :]):
                return None
            # (The accusative after `на`, `про`… : `со ссылкой на пресс-секретаря Киру Ярмыш`.)
            return "acc" if i and words[i - 1] in _ACCUSATIVE_PREPOSITIONS else "gen"
    if _ACCORDING_GENITIVE_RE.search(window.lower()):
        return "gen"
    return None


_WITH_REFERENCE_TO_RE = re.compile(r"(?:^|\s)ссылкой\s+на\s*$", re.IGNORECASE)

#: pymorphy3's oblique cases a role noun may put a name after it in (not the genitive,
#: whose role nouns are what another role is of: `помощник министра Иван Петров`).
_OBLIQUE_ROLE_CASES = frozenset({"ablt", "datv", "loct"})
# A word or a quoted name (see _tokens_before).
_TOKEN_RE = re.compile(r"«[^«»]{1,60}»|\"[^\"]{1,60}\"|[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def _tokens_before(text: str, start: int, limit: int = 8) -> list[str]:
    """Up to ``limit`` words (or quoted names) right before ``start``, in order, with only
    spaces between them and it (read forwards over the 160 characters before: a
    pattern anchored at their end would be tried at each of them)."""
    window = text[max(0, start - 160) : start]
    found = list(_TOKEN_RE.finditer(window))
    tokens: list[str] = []
    end = len(window)
    for match in reversed(found):
        if window[match.end() : end].strip() or len(tokens) == limit:
            break
        tokens.append(match.group())
        end = match.start()
    tokens.reverse()
    return tokens


def _nominative_only(mention: _Mention) -> bool:
    """Does the name lexicon read ``mention`` in full, and only in the nominative
    (`Владимир Путин`: `После переговоров с президентом Франции Владимир Путин
    заявил` is his; not a model's guess, `Соной Ованнисян`)?"""
    first, parses = _parse_run(mention.words)
    return first == 0 and bool(parses) and all(p.cases == {"nom"} for p in parses)


def _in_oblique_apposition(text: str, start: int) -> bool:
    """Does the name at ``start`` follow a preposition's role noun in the instrumental,
    dative or locative, past only words in the genitive (`с главным менеджером фестиваля
    «Ереванские перспективы» Соной Ованнисян`)?  Then it is in that case, whatever its
    own endings (or a dictionary's rare name, `Соной`) say: no speaker.  (Not past the
    genitive `министра` in `помощник министра Иван Петров`; nor after a role with no
    preposition: `— пояснил журналистам Иванишвили`, `— сказал корреспонденту Петров`,
    `назначенный министром Иван Петров` name the speaker.)"""
    if _ROLE_HINT_RE.search(text, max(0, start - 160), start) is None:
        return False  # (most names: no role noun before them)
    tokens = _tokens_before(text, start)
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
            and lemma(token.lower()) in _ROLE_WORD_SET  # (by its lemma: `им` stems as `имам`)
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
    r"|приводит|передает)\s",
    re.IGNORECASE,
)


# An outlet passing words on, in the clause before `со ссылкой на` (`сообщает`,
# `передаёт`, `пишут`, `сообщил`, `написала`…).
_PASSED_ON_BEFORE_RE = re.compile(
    r"(?<![а-яё])(?:сообща|сообщи|переда|пиш|написа|информиру|цитиру)[а-яё]*\s", re.IGNORECASE
)


def _said_by(registry: _Registry, text: str, start: int) -> bool:
    """Does an attribution construction (back to the previous punctuation) introduce the
    name at ``start``, so that the sentence gives that person's words?  (`со ссылкой на
    X` only where no person is the sentence's subject so far: `сообщает ТАСС со ссылкой
    на Смирнову`, not `Депутат Петров со ссылкой на министра Сидорова заявил`.)"""
    window, _hint = _role_window(text, start)
    said = _SAID_BY_RE.search(window)
    if said is None:
        return False
    # The first name after it: `по словам Лесина` holds for Лесин, not for a later name;
    # but names after a role noun are what the role is of (`со ссылкой на пресс-секретаря
    # Фонда борьбы с коррупцией (ФБК) Киру Ярмыш`).
    other = _CAPITALISED_RE.search(window, said.end())
    if other is not None and not any(
        fold(w) in _ROLE_FORMS["gen"] for w in _WORD_RE.findall(window, said.end(), other.start())
    ):
        return False
    if "ссылк" not in said.group():
        return True
    at = start - len(window) + said.start()  # (the window ends at ``start``)
    if _PASSED_ON_BEFORE_RE.search(text, max(0, at - 60), at):
        return True  # `передаёт РИА Новости со ссылкой на X`: an outlet's source
    return not registry.subject_named_in(registry.where)


@attrs.frozen
class _ClauseInfo:
    named: tuple[_Mention, ...]
    pronoun_gender: str | None
    verb_gender: str | None
    role: str | None
    role_context: frozenset[str]  # `глава ВТБ`: {"втб"}
    no_person: bool  # plural, impersonal, press service, unnamed source
    several: bool  # several speakers: a plural verb, or `Путин и Си Цзиньпин`
    subjectless: bool = False  # a speech verb alone: `И добавил:`
    # Its role is said of someone else, by a pronoun: `знакомого с ним бизнесмена`.
    related: bool = False


_PRONOUNS = frozenset({"он", "она", "они", "его", "ее"})
# A sentence of a speech verb and no subject: `И добавил`, `Также отметила`, `Затем
# добавил` (capitalised: a sentence of its own, not the end of one cut at `Yahoo!`).
_SUBJECTLESS_RE = re.compile(
    r"\s*(?:И|А|Также|Ещё|Еще|Затем|Потом|Позже|Позднее|При этом|Кроме того,?)"
    r"(?:\s+(?:также|ещё|еще|затем|потом|тут же))?\s+[а-яё]+\s*"
)
# An attribution or a lead-in of a speech verb alone (group 2), perhaps after `и`, `а`
# (group 1) and adverbs, and before a reported clause: `— и добавил, что`.
_VERB_ALONE_RE = re.compile(
    r"[\s—–-]*((?:и|а)\s+)?(?:(?:также|ещё|еще|затем|потом|тут же)\s+)*([а-яё]+)"
    r"\s*(?:,\s*(?:что|чтобы)(?![а-яё]).*|[.:]?\s*)",
    re.DOTALL,
)
# `свой` (folded), which never belongs to the subject: `своего собеседника`.
_SVOI = frozenset(
    "свой своя свое свои своего своей своему свою своим своем своих своими своею".split()
)  # those that tell of the speaker


def _comma_parts(text: str, span: Span, marks: str = ",") -> list[Span]:
    """The parts of a clause between its ``marks`` (commas; left out)."""
    parts: list[Span] = []
    start = span[0]
    for mark in _marks_re(marks).finditer(text, *span):
        parts.append((start, mark.start()))
        start = mark.end()
    parts.append((start, span[1]))
    return parts


@functools.cache
def _marks_re(marks: str) -> re.Pattern[str]:
    """Any one of ``marks``."""
    return re.compile(f"[{re.escape(marks)}]")


def _opens_relative(words: Sequence[str]) -> bool:
    """Do a part's (folded) words open with a relative word (`который…`, `с которым…`)?"""
    return bool(words) and (
        words[0].startswith("котор") or (len(words) > 1 and words[1].startswith("котор"))
    )


def _adverbial_word(word: str) -> bool:
    """Can a (folded) word of an opening part be no subject: not a verb, a role, a name, a
    pronoun or a noun for a person (`несколько дней назад`, `вчера вечером`)?"""
    tag = likeliest_tag(word)
    return (
        tag.POS not in ("VERB", "NPRO")
        and stem_russian(word) not in _ROLE_STEMS
        and not _PROPER_GRAMMEMES & tag.grammemes
        and tag.animacy != "anim"
    )


def _describes_one(words: Sequence[str], roles: Mapping[str, str]) -> bool:
    """Is a comma part a role's description of the speaker named before it or in it
    (`первый зампред думского комитета … Андрей Красов`): a role noun first, or after
    an adjective, and no verb (not `а прокурор Иван Петров с ним не согласился`)?"""
    if not words or not (
        words[0] in roles
        or (len(words) > 1 and words[1] in roles and likeliest_tag(words[0]).POS == "ADJF")
    ):
        return False
    return not any(w.endswith(_VERB_ENDINGS) and likeliest_tag(w).POS == "VERB" for w in words[1:])


def _main_parts(
    part_words: Sequence[Sequence[str]], *, lead_in: bool
) -> list[tuple[int, int, int | None]]:
    """Where the speaker can be named in a clause: its first comma-separated part.

    A lead-in has it in the part with its last speech verb instead, when that
    is a later part: named before that verb (`Путин заявил о…, после чего
    Песков сказал:`), or else in the first part (`Путин, выступая на форуме,
    сказал Шойгу:`), or in the part of the speech verb before (`— сказала
    Баймакова, но спросила себя:`), or else after the verb (`Отвечая на
    вопрос, заявил Лавров:`); a subject pronoun before the verb is its subject (`о книге
    доктора Зауэрбенгеля (он так и сказал:`), names before it in its part are
    not (the first part's may be whom it stands for: `это мой Тишка, он
    говорит мне шепотом:`).  A part
    opening with `который` is passed over: its speech verb is not the one
    saying the quote where the speaker rules kept the main clause (`заявил
    журналистам, которые спросили его о…:`).  Or else, after an adverbial
    part, in the part with the verb whose object the fragment is, before that
    verb (`Описывая ситуацию в блоге, Алексашенко назвал Илиева «наглой
    рожей»`; not `Подумав, редактор предлагает Мелоуну «…»`'s object, nor a
    relative clause's subject).  Given the (folded) words of each part, returns
    (index, first word, end word: None, the last) of those parts, in order; an
    end of :data:`_NAMES_ONLY` is a part where only names count.
    """
    main: list[tuple[int, int, int | None]] = [(0, 0, None)]
    if not lead_in:
        if (
            len(part_words) > 2
            and len(part_words[0]) <= 2
            and " ".join(part_words[1]) in _PARENTHESES
        ):
            main.append((2, 0, None))  # `— отметил, в свою очередь, глава … Браверман`
        roles = _ROLE_FORMS["nom"]
        if not roles.keys().isdisjoint(part_words[0]):
            # `— пояснил автор законопроекта, первый зампред комитета Андрей Красов`: roles
            # in a row, each part opening with one, describe one speaker, named last.
            index = 1
            while index < len(part_words) and _describes_one(part_words[index], roles):
                main.append((index, 0, None))
                index += 1
        after = _past_participle_parts(part_words)
        if after is not None:
            # `— сказал в ходе круглого стола, посвященного …, прошедшего …, глава финской
            # компании Пекка Вельяканнен`: the subject after what describes the event
            main.append((after, 0, None))
        return main
    with_verb = next(
        (
            i
            for i in range(len(part_words) - 1, -1, -1)
            if not SPEECH_VERBS.keys().isdisjoint(part_words[i])
            and not _opens_relative(part_words[i])
        ),
        None,
    )
    if with_verb is not None:
        if with_verb == 0:
            return main
        words = part_words[with_verb]
        verb = max(i for i, word in enumerate(words) if word in SPEECH_VERBS)
        earlier = next(  # (`— сказала Баймакова, но спросила себя:`: one subject)
            (
                i
                for i in range(with_verb - 1, 0, -1)
                if not SPEECH_VERBS.keys().isdisjoint(part_words[i])
                and not _opens_relative(part_words[i])
                and part_words[i][0] != "как"  # (`Блинкен, как сообщил Лавров, сказал:`)
            ),
            None,
        )
        roles = _ROLE_FORMS["nom"]
        if not roles.keys().isdisjoint(words[:verb]):
            return [(with_verb, 0, verb)]  # `…, а министр сказал:`: the role is its subject
        if set(words[:verb]) <= _CONNECTIVES and not roles.keys().isdisjoint(
            words[verb + 1 : verb + 3]
        ):
            # `…, после чего заявил пресс-секретарь Дмитрий Песков:`, `…, после чего
            # заявил белорусский лидер:`: the subject after the verb
            return [(with_verb, verb, None)]
        pronoun = next((i for i in range(verb - 1, -1, -1) if words[i] in _SUBJECTS), None)
        if pronoun is not None:
            # Whom the pronoun stands for may be named at the lead-in's start or with the
            # speech verb before (`— сказал Клим, а когда брат ушел, он напомнил себе:`);
            # only names count there (`В эфире телеканала…, он выразил мнение`: the
            # channel says nothing of the speaker).
            main = [(with_verb, pronoun, None), (0, 0, _NAMES_ONLY)]
            if earlier is not None:
                main.append((earlier, 0, _NAMES_ONLY))
            return main
        main = [(with_verb, 0, verb)] if verb else []
        cut_off = _cut_off_subject(part_words, with_verb) if not verb else None
        if cut_off is not None:
            main.append((cut_off, 0, None))
        main.append((0, 0, None))
        if earlier is not None:
            main.append((earlier, 0, None))
        if all(_SUBJECTS.isdisjoint(w) for w in part_words[:with_verb]):
            # (Not after a subject pronoun: `то он, собрав все силы…, спросил Маршалка:`.)
            main.append((with_verb, verb, None))
        return main
    adverbial = (  # a short first part of no verb, name or role before the gerund's
        # (`Несколько дней назад, выступая в ландтаге, Шефер назвал …`; not `Путин,
        # комментируя санкции, решение Байдена назвал «…»`: the subject)
        len(part_words) > 2
        and 0 < len(part_words[0]) <= 4
        and part_words[1]
        and part_of_speech(part_words[1][0]) == "GRND"
        and all(_adverbial_word(w) for w in part_words[0])
    )
    if not adverbial and (not part_words[0] or part_of_speech(part_words[0][0]) != "GRND"):
        return main  # (`Цензора он именовал …, газету называл «…»`: the first part's subject)
    for i, words in enumerate(part_words):
        governing = next((j for j, word in enumerate(words) if governing_verb(word)), None)
        if governing is not None:
            if (
                i != 0
                and governing != 0  # (nothing before the verb: nothing to add)
                and not any(word.startswith("котор") for word in words[:governing])
            ):
                # (Only there: the adverbial part's names are its objects, `Отвечая на
                # вопрос о назначении Сергея Шойгу, Дмитрий Медведев назвал его «…»`.)
                return [(i, 0, governing)]
            break
    return main


def _past_participle_parts(part_words: Sequence[Sequence[str]]) -> int | None:
    """The part after a run of parts that open with a participle or `который`, which
    describe something the first part names, if a role noun in the nominative is among
    its first three words (`глава финской компании`); else None.  (Not `сказал
    квартальный, услышавший …, с какою бросился Чартков`: the subject was before.)"""
    end = 1
    while (
        end < len(part_words)
        and part_words[end]
        and (_opens_relative(part_words[end]) or _may_be_participle(part_words[end][0]))
    ):
        end += 1
    if not 1 < end < len(part_words):
        return None
    return end if not _ROLE_FORMS["nom"].keys().isdisjoint(part_words[end][:3]) else None


@functools.lru_cache(maxsize=1 << 12)
def _may_be_participle(word: str) -> bool:
    """Can a (folded) word be a full participle (`посвященного`, `прошедшего`)?"""
    return any(p.tag.POS == "PRTF" for p in parses(word))


def _cut_off_subject(part_words: Sequence[Sequence[str]], with_verb: int) -> int | None:
    """The part holding a speech verb's subject cut off from it by gerund phrases, after
    a connective (`…, а затем Путин, отвечая на вопросы журналистов, сказал:`): a part
    of a connective and no verb, right before those phrases; None if there is none."""
    i = with_verb - 1
    while i > 0 and part_words[i] and part_of_speech(part_words[i][0]) == "GRND":
        i -= 1
    if i == with_verb - 1 or i <= 0:
        return None  # (no gerund phrase between, or back at the first part)
    words = part_words[i]
    if len(words) < 2 or not (words[0] in _CONNECTIVES or words[:2] == ["после", "чего"]):
        return None
    return None if any(part_of_speech(w) == "VERB" for w in words) else i


#: Parenthetical words an attribution may put between its verb and its speaker.
_PARENTHESES = frozenset(
    {
        "в свою очередь",
        "в частности",
        "при этом",
        "кроме того",
        "впрочем",
        "однако",
        "также",
        "в том числе",
        "в ответ",
        "со своей стороны",
        "с другой стороны",
        "с одной стороны",
        "тем не менее",
        "между тем",
    }
)
#: Words that join a clause to the one before it (`после чего`, `а затем`).
_CONNECTIVES = frozenset("а и но после чего затем потом тогда также тут же".split())
#: A part of a clause read for names only (see :func:`_main_parts`).
_NAMES_ONLY = -1
#: Subject pronouns (folded) of a speech verb.
_SUBJECTS = frozenset({"он", "она", "они"})


def _clause_info(
    text: str,
    span: Span,
    skip: _Skip,
    budget: _ModelBudget,
    *,
    case: str = "nom",
    lead_in: bool = False,
    whole: bool = False,
) -> _ClauseInfo:
    """What a clause says of its speaker.  ``whole``: names anywhere in it count, not only
    in its main part (`— цитирует infox.ru директора по стратегии Philips в России, на
    Украине и в Казахстане Елену Сябренко`)."""
    # Each part's words read once (no word of the clause takes in a comma), and folded
    # as the part is: its words are Cyrillic, which ``lower`` folds as ``casefold``, and
    # no other letter lowers to a Cyrillic one or a hyphen (checked for every code point).
    parts = _comma_parts(text, span)
    part_words = [
        _WORD_RE.findall(text[start:end].lower().replace("ё", "е")) for start, end in parts
    ]
    words = [w for part in part_words for w in part]
    # Where the speaker may be named: (the part, the stretch of it) in the text.
    main: list[tuple[Span, Span]] = []
    if whole:
        main, main_words = [(span, span)], words
    else:
        main_words = []
        for i, first, end in _main_parts(part_words, lead_in=lead_in):
            part = parts[i]
            if end == _NAMES_ONLY or (first == 0 and end is None):
                main.append((part, part))
            else:  # (its words found in the text as in the folded part)
                found = list(_WORD_RE.finditer(text, *part))
                stretch = (
                    found[first].start() if first else part[0],
                    found[end].start() if end is not None else part[1],
                )
                main.append((part, stretch))
            if end != _NAMES_ONLY:
                main_words += part_words[i][first:end]
    # (A lead-in's last speech verb is the one saying the quote: `После того как Лавров
    # заявил о санкциях, Захарова уточнила:`.)
    said = (
        (w for part in reversed(part_words) if not _opens_relative(part) for w in reversed(part))
        if lead_in
        else iter(())
    )
    # (None there: the first speech verb's, `женщина, которых называют пигалицами,
    # взявши ребенка, вскрикнула:`, people in general, no one in particular.)
    verb_gender = next(filter(None, map(SPEECH_VERBS.get, said)), None) or next(
        filter(None, map(SPEECH_VERBS.get, words)), None
    )
    pronoun_gender = None
    # A sentence of a speech verb alone (`И добавил: «…»`, `Также отметила:`): the
    # previous quote's speaker goes on (see _still_speaking).
    subjectless = (
        lead_in and verb_gender in ("m", "f") and bool(_SUBJECTLESS_RE.fullmatch(text, *span))
    )
    for i in itertools.compress(itertools.count(), map(_PRONOUNS.__contains__, words)):
        w = words[i]
        if w in ("он", "она"):
            pronoun_gender = "m" if w == "он" else "f"
            break
        if w in ("они",):
            verb_gender = "pl"
            break
        # `по его словам`, `— приводит его «Росбалт»`, `— приводит агентство его слова`
        # (whose words are quoted; not `вспомнив ее слова, он спросил`).
        following = words[i + 1] if i + 1 < len(words) else ""
        if w in ("его", "ее") and (
            following in ("словам", "мнению", "оценке")
            or (i > 0 and _QUOTING_RE.fullmatch(words[i - 1]))
            or (following == "слова" and any(map(_QUOTING_RE.fullmatch, words[:i])))
        ):
            pronoun_gender = "m" if w == "его" else "f"
            break
    if pronoun_gender is None and not subjectless and verb_gender in ("m", "f"):
        alone = _VERB_ALONE_RE.fullmatch(text[span[0] : span[1]].lower())
        if (
            alone is not None
            and alone.group(2) in SPEECH_VERBS
            and (alone.group(1) or not lead_in)
            and text[span[1] : span[1] + 1] not in ("?", "!")  # (`— сказал?uestlove`: a name)
        ):
            # A speech verb alone after a quote (`«…», — и добавил, что «…»`): its
            # subject is understood, as a pronoun of the verb's gender would be.  (Not
            # `— сказал, смеясь, лакей`, whose subject follows; nor a lead-in of a verb
            # alone, `написал:`, whose subject may be a name not read before it.)
            pronoun_gender = verb_gender
    forms = _ROLE_FORMS.get(case, _ROLE_FORMS["nom"])
    at = (
        None
        if forms.keys().isdisjoint(main_words)  # (most clauses)
        else next(i for i, w in enumerate(main_words) if w in forms)
    )
    role = forms[main_words[at]] if at is not None else None
    if role is not None and at is not None:
        # `— сказал бывший министр`, as `— сказал экс-министр`: a former holder's role
        former = role.startswith("экс-") or (at > 0 and main_words[at - 1].startswith("бывш"))
        role = role.removeprefix("экс-")
        if role == _HEAD:
            # `— сказал глава государства`, `— заключил глава российского правительства`
            role = next(iter(_heads_of(main_words[at + 1 : at + 3])), role)
        elif role == _CHAIR and _chairs_government(main_words[at + 1 :]):
            role = _PREMIER  # `— заявил председатель правительства`
        elif role in _DEPUTIES and main_words[at + 1 : at + 2] == ["министра"]:
            role = _DEPUTY_MINISTER  # `— пояснил заместитель министра финансов`
        role = f"экс-{role}" if former else role
    role_context = _role_context(main_words[at + 1 :]) if at is not None else frozenset()
    if (
        at is not None
        and at == len(main_words) - 1
        and text[span[0] : span[1]].rstrip().lower().replace("ё", "е").endswith(main_words[at])
    ):
        # (`— сказал тренер «Спартака»`: the clause ends at the quoted name it is of)
        quoted = _QUOTED_NAME_AFTER_RE.match(text, span[1])
        of = _WORD_RE.findall(fold(quoted.group(1) or quoted.group(2))) if quoted else []
        if of and any(p.tag.case == "gent" for p in parses(of[0])):
            role_context = _role_context(of)  # (not an outlet: `— сказал министр «Известиям»`)
    # Only the main part counts: a lead-in's institution after its speech verb is what
    # was said (`пояснил, что его ведомство…`), and so is an attribution's after its
    # comma (`— заявил глава Сбербанка, отметив, что финансовая организация…`); one
    # with `свой` is an object (`своего собеседника назвал`); where the
    # media quote someone, one in the nominative quotes (`передает слова судьи издание`).
    # What a role is of is no speaker: `— отметил глава ведомства` is the head, a person.
    # (Only the word right after the role: `— заключил глава российского правительства`
    # after an Italian premier's quote would fall back on him, see _still_speaking.)
    of_role = main_words[at + 1] if at is not None and at + 1 < len(main_words) else None
    no_person = verb_gender in ("n", "pl", "impersonal") or (
        not _NO_PERSON_STEMS.isdisjoint(map(stem_russian, main_words))  # (most name none)
        and any(
            stem_russian(w) in _NO_PERSON_STEMS
            and not (i and main_words[i - 1] in _SVOI)
            and not (case != "nom" and w in _NO_PERSON_WORDS)
            and not (
                case == "nom"
                and stem_russian(w) in _NO_PERSON_PEOPLE
                and w not in _NO_PERSON_PEOPLE_NOM
            )
            and not (w == of_role and w not in _NO_PERSON_WORDS)
            for i, w in enumerate(main_words)
        )
    )
    named = _main_mentions(text, main, skip, budget)
    if pronoun_gender is not None and named and case == "nom":
        # `— сказала она позже Шварценбаху`: the pronoun is the subject, a name after it
        # in its part of the clause an object (whose case a foreign name does not show);
        # not one after a comma (`Пока он отсутствовал, Петр Смирнов заявил:`).
        named = tuple(
            m
            for m in named
            if not any(
                start <= m.span[0] <= end and _SUBJECT_PRONOUN_RE.search(text, start, m.span[0])
                for (start, end), _stretch in main
            )
        )
    # Two people joined are several speakers (`Путин и Си Цзиньпин заявили`), not where
    # a preposition takes them (`— сказал Карпов о матче между Карлсеном и Карякиным`).
    joined = any(
        not a.known_only
        and not b.known_only
        and not a.after_preposition
        and _JOINED_RE.fullmatch(text, a.span[1], b.span[0])
        for a, b in itertools.pairwise(named)
    )
    several = verb_gender == "pl" or joined
    related = role is not None and not _OBLIQUE_PRONOUNS.isdisjoint(main_words)
    return _ClauseInfo(
        named,
        pronoun_gender,
        verb_gender,
        role,
        role_context,
        no_person,
        several,
        subjectless,
        related,
    )


#: Personal pronouns in the oblique cases after a preposition (`знакомого с ним`).
_OBLIQUE_PRONOUNS = frozenset("ним ней него нее нему нем".split())


def _main_mentions(
    text: str, main: Sequence[tuple[Span, Span]], skip: _Skip, budget: _ModelBudget
) -> tuple[_Mention, ...]:
    """The names in the stretches of ``main``, in their order, each once (each part read
    once: a lead-in's verb part may come twice, before its verb and after it)."""
    read: dict[Span, list[_Mention]] = {}
    named: dict[Span, _Mention] = {}
    for part, (start, end) in main:
        found = read.get(part)
        if found is None:
            found = read[part] = _mentions(text, *part, skip, budget, model=True)
        for mention in found:
            if start <= mention.span[0] and mention.span[1] <= end:
                named.setdefault(mention.span, mention)
    return tuple(named.values())


_SUBJECT_PRONOUN_RE = re.compile(r"(?<![\w-])(?:[оО]н|[оО]на)(?![\w-])")


def _gender(info: _ClauseInfo) -> str | None:
    if info.pronoun_gender:
        return info.pronoun_gender
    if info.verb_gender in ("m", "f"):
        return info.verb_gender
    # (A woman's role noun tells her gender where no verb does: `твит певицы …:`; a man's
    # does not, `министр` is a woman too.)
    return "f" if info.role is not None and info.role in _feminine_roles() else None


@functools.cache
def _feminine_roles() -> frozenset[str]:
    """The role nouns only a woman is (`певица`, `журналистка`), with their `экс-` forms."""
    feminine = {w for w in _ROLE_WORDS if likeliest_tag(w).gender == "femn"}
    return frozenset(feminine | {f"экс-{w}" for w in feminine})


# Nouns a name in the genitive can depend on: `пресс-служба Порошенко`, `помощник Клинтон`
# (`дочери`, `матери` too: their other forms stem apart from `дочь`, `мать`).
_OWNER_NOUNS = frozenset(
    stem_russian(w)
    for w in """
    помощник помощница советник советница пресс-секретарь представитель заместитель
    жена муж сын дочь дочери брат сестра мать матери отец вдова сторонник сторонница соратник
    кузен кузина племянник племянница внук внучка дядя тетя тётя бабушка дедушка
    адвокат охрана окружение штаб семья администрация канцелярия офис
    друг подруга сосед соседка знакомый знакомая коллега товарищ
    """.split()
)


# A surname ending as a Slavic man's genitive (`Младича`, `Петрова`, `Ильина`).
_SLAVIC_GENITIVE_RE = re.compile(r"(?:ич|ов|ев|ёв|ин|ын)а$")


def _owned_by(text: str, mention: _Mention) -> bool:
    """Is the name the genitive of a noun right before it (a press service, a helper…)?

    Only where its form allows the genitive: `пресс-секретарь Дмитрий Песков`
    is the press secretary himself.
    """
    window = text[max(0, mention.span[0] - 60) : mention.span[0]]
    previous = _last_word(window, hyphenated=True)
    if previous is None:
        return False
    if _WORDS_OF_RE.fullmatch(previous):
        return False  # `— цитирует заявление Мутко`: the speaker's own words
    stem = stem_russian(fold(previous))
    if stem not in _NO_PERSON_STEMS and stem not in _OWNER_NOUNS:
        # (Past one adjective or participle: `слова матери задержанного Ивана Петрова`.)
        tag = likeliest_tag(fold(previous))
        if tag.POS not in ("ADJF", "PRTF") or tag.case != "gent":
            return False
        before = _last_word(window[: window.rstrip().rfind(previous)], hyphenated=True)
        if before is None or stem_russian(fold(before)) not in _OWNER_NOUNS:
            return False
    genitive = [p for p in mention.parses if "gen" in p.cases]
    if not genitive:
        return False
    written = " ".join(mention.words)
    # A name no lexicon reads, a nominative as written and a genitive only by a guess at
    # its endings: `адвокат Небойша Влаич` is the lawyer (not a `Небойш Влаич`'s).
    guessed = (
        len(mention.words) > 1  # (`пресс-секретарь Зинчука`: his, a lone word)
        # (as written, a man's surname ending in a consonant or a given name no genitive
        # ends like: `адвокат Франсиско Морейра`; `адвокат Небойши Влаича` is his)
        and (
            mention.words[-1][-1:].lower() not in "аеёиоуыэюяьй"
            or (
                mention.words[0][-1:].lower() not in "аяыи"
                and not _SLAVIC_GENITIVE_RE.search(mention.words[-1])
            )
        )
        and any(p.full == written and "nom" in p.cases for p in mention.parses)
        and all(p.full != written for p in genitive)
        and not any(analyse_word(w) for w in mention.words)
    )
    return not guessed


_PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


# A given name ending in `-и` after a consonant: a foreign nominative as often as a
# genitive (`Дани`, `Ники`, `Тони`; not `Мии`, `Марии`).
_FOREIGN_NOMINATIVE_RE = re.compile(r"[^аеёиоуыэюяАЕЁИОУЫЭЮЯ]и$")


def _whose_person(text: str, mention: _Mention) -> bool:
    """Is a full name the genitive of a noun for a person right before it, read as a
    known name only in the genitive (its nominative readings guesses of unknown gender)?
    `Менеджер Мии Фэрроу сказал`: the manager of Мия Фэрроу, as `Менеджер Ивана Петрова
    сказал` is Иван Петров's; not `Менеджер Иван Петров сказал`, nor `Футболист Дани
    Алвес сказал` (`Даня`'s genitive to the lexicon).  (Asked of a lead-in's
    subject only: after its verb, `— сказал защитник Дани Алвес`, the name is the man's.)"""
    known = [p for p in mention.parses if p.gender is not None or "nom" not in p.cases]
    if len(mention.words) < 2 or not known:
        return False
    if any("nom" in p.cases or "gen" not in p.cases for p in known):
        return False
    if _FOREIGN_NOMINATIVE_RE.search(mention.words[0]):
        return False  # (`Футболист Дани Алвес сказал`: `Даня`'s genitive to the lexicon)
    previous = _last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
    if previous is None:
        return False
    tag = likeliest_tag(fold(previous))
    return (
        tag.POS == "NOUN"
        and tag.animacy == "anim"
        and tag.case == "nomn"
        and not _PROPER_GRAMMEMES & tag.grammemes
    )


# Verbs whose object is a person (`спросил Байдена`, `назвал Байдена «…»`).
_PERSON_OBJECT_VERB_RE = re.compile(
    r"(?:спроси|назва|раскритикова|поблагодари|поздрави|упрекну|обвини|поддержа"
    r"|процитирова|призва|попроси|предупреди|похвали|осуди|охарактеризова)(?:л|ла|ли)",
    re.IGNORECASE,
)


def _object_of_verb(text: str, mention: _Mention) -> bool:
    """Is a lone surname right after a verb that takes a person as its object, and read
    in the nominative only as written (`спросил Байдена`: `Байден`'s accusative, not a
    woman `Байдена`; `назвал Захарову`: no question)?"""
    if len(mention.words) != 1 or _person_verb_before(text, mention.span[0]) is None:
        return False
    nominative = [p for p in mention.parses if "nom" in p.cases]
    return (
        bool(nominative)
        and all(p.gender is None for p in nominative)
        and any(p.gender == "m" and "acc" in p.cases for p in mention.parses)
    )


def _object_after_subject(text: str, mention: _Mention) -> bool:
    """Is the name right after a verb that takes a person as its object, with words of
    the sentence before the verb (its subject: `Президент назвал Мелендес «солдатом
    отечества»`, `Министр поблагодарил Ивана Петрова`)?  Then it is the object."""
    verb = _person_verb_before(text, mention.span[0])
    if verb is None:
        return False
    before = _at_last_mark(text[max(0, verb - 80) : verb])[1]
    words = _WORD_RE.findall(before)
    if not words:
        return False
    # (Not where the word before the verb is its object, put first: `Болельщиков
    # поблагодарил Иван Петров:` is Петров thanking them.)
    last = words[-1]
    tag = likeliest_tag(fold(last))
    return bool(tag.case == "nomn" or (last[:1].isupper() and tag.case is None))


def _person_verb_before(text: str, start: int) -> int | None:
    """Where a verb that takes a person as its object (:data:`_PERSON_OBJECT_VERB_RE`)
    stands right before ``start`` (`назвал Байдена`), or None."""
    window = text[max(0, start - 30) : start]
    word = _last_word(window)
    if word is None or not _PERSON_OBJECT_VERB_RE.fullmatch(word):
        return None
    return start - len(window) + len(window.rstrip()) - len(word)


def _words_of(text: str, mention: _Mention) -> bool:
    """Is the name the genitive of a noun for someone's words right before it (`слова
    Блинкена`, `заявление Макрона`)?  (Where the speaker is in the nominative, that
    person is whose words the speaker answered; after `— цитирует` they are the quote's.)"""
    start = mention.span[0]
    if _WORDS_OF_RE.search(text, max(0, start - 16), start) is None:
        return False  # (most names: no such noun just before them)
    previous = _last_word(text[max(0, start - 40) : start])
    return (
        previous is not None
        and bool(_WORDS_OF_RE.fullmatch(previous))
        and any("gen" in p.cases for p in mention.parses)
    )


def _named_speaker(
    registry: _Registry,
    text: str,
    info: _ClauseInfo,
    *,
    case: str,
    after: int = 0,
    source: bool = False,
    lead_in: bool = False,
) -> _Person | None:
    """The person named as the speaker in a clause: the first name in ``case``.

    Only the main part of the clause counts (up to its first comma), and a
    name after a preposition (`с Лукашенко`) is an object, not the speaker,
    unless the clause is the words' ``source`` (`от Петрова`, see :data:`_HEARD_FROM_RE`).
    In a ``lead_in``, not a person object of its verb (see :func:`_object_of_verb`).
    """
    for i, mention in enumerate(info.named):
        following = info.named[i + 1] if i + 1 < len(info.named) else None
        if (mention.after_preposition and not source) or mention.span[0] < after:
            continue
        if not any(case in p.cases for p in mention.parses) and not registry.by_alias(mention):
            continue
        if (
            len(mention.words) == 1
            and following is not None
            and len(following.words) > 1
            and not text[mention.span[1] : following.span[0]].strip()
            and stem_russian(fold(mention.words[0])) == stem_russian(fold(following.words[-1]))
        ):
            continue  # `Супруга Трампа Мелания Трамп заявила`: whose wife, then who she is
        if _owned_by(text, mention) or (lead_in and case == "nom" and _whose_person(text, mention)):
            continue  # `пресс-службу Порошенко`, `помощник Хиллари Клинтон`: not the speaker
        if (
            case == "nom"
            and _in_oblique_apposition(text, mention.span[0])
            and not _nominative_only(mention)
        ):
            continue  # `— заявил музыкант … с главным менеджером фестиваля Соной Ованнисян`
        if case == "nom" and _words_of(text, mention):
            continue  # `Рябков прокомментировал заявление Блинкена:`: whose words were meant
        if lead_in and case == "nom" and _object_of_verb(text, mention):
            continue  # `Корреспондент спросил Байдена:`: the man asked, not a `Байдена`
        if lead_in and case == "nom" and _object_after_subject(text, mention):
            continue  # `Президент назвал Мелендес «…»`: the woman named, not the speaker
        if (
            len(mention.words) == 1
            and mention.sentence_initial
            and is_common_word(mention.words[0])
            and not registry.by_alias(mention)
            and not _known_subject(registry, text, mention, _gender(info))
        ):
            continue  # `Слова Сагдеева`: an ordinary word opening the sentence
        if _oblique_known(registry, mention, case, _gender(info)):
            continue  # `Оптимизм Рогожина разделил Зимин`: Рогожин's genitive, not a Рогожина
        person = registry.register(
            mention,
            case=case,
            roles=_roles_before(text, mention.span[0]),
            gender=_gender(info),
            # (a verb of no gender, `признаётся`: the pronoun's, `Клинтон признаётся, что она…`)
            verb_gender=info.verb_gender if info.verb_gender in ("m", "f") else _gender(info),
            speaker_position=True,
        )
        _note_alias(registry, text, mention, person)
        if person is not None or not mention.known_only:
            return person
    return None


_OBLIQUE_ADJECTIVE_ENDINGS = tuple("ого его ому ему ым им ых их ыми ими ую юю".split())


def _subject_verb(text: str, mention: _Mention) -> tuple[str | None, str | None]:
    """(case, gender) a name in full shows as the subject of the singular verb right after
    it (`Федерика Могерини выступила`, `Хулуси Акар выразил`), not after a noun for a
    thing whose it is: `nom` where it has other readings too (not the genitive of a
    `Могерина`), and the past tense's gender where the name does not tell it;
    (None, None) where no such verb follows.  (Not a lone word: in novels `Пушкина
    прислала`-like readings mislead.)"""
    if len(mention.words) < 2 or not any("nom" in p.cases for p in mention.parses):
        return None, None
    previous = _last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
    if previous is not None:
        tag = likeliest_tag(fold(previous))
        if tag.POS == "NOUN" and tag.animacy == "inan" and tag.case == "nomn":
            return None, None  # `Доклад Хенни Энгельс вызвал споры`: the noun's verb
    first = fold(mention.words[0])
    if first.endswith(_OBLIQUE_ADJECTIVE_ENDINGS) and likeliest_tag(first).POS == "ADJF":
        return None, None  # `На вопросы Сербицкого Георг отвечал`: two people's names
    after = _NEXT_LOWER_WORD_RE.match(text, mention.span[1])
    if after is None:
        return None, None
    tag = likeliest_tag(after.group(1))
    if tag.POS != "VERB" or tag.number != "sing":
        return None, None
    case = "nom" if len({p.full for p in mention.parses}) > 1 else None
    told = {p.gender for p in mention.parses}
    gender = None
    if tag.tense == "past":
        said = TAG_GENDERS.get(tag.gender)
        # (Where the name tells no gender, or either: `Срджа Попович сказал`, a `-ович`
        # that is a woman's too.)
        if told <= {None} or (said in told and len(told - {None}) > 1):
            gender = said
    return case, gender


def _known_subject(registry: _Registry, text: str, mention: _Mention, gender: str | None) -> bool:
    """Is an ordinary word opening a sentence the surname of a person the article named,
    followed by a verb that agrees with that person (`Алексей Шило заявил: «…». Шило
    сообщил также: «…»`), and of the clause's ``gender`` (not `Медынская показалась…;
    он подумал:`)?"""
    person = registry.match(mention.parses, gender if gender in ("m", "f") else None)
    if person is None or person.given is None or person.surname != mention.words[0]:
        return False  # (named in full before: not the word itself, read as a name)
    if gender in ("m", "f") and person.gender not in (None, gender):
        return False
    after = _NEXT_LOWER_WORD_RE.match(text, mention.span[1])
    for _ in range(2):  # (past an adverb or two: `Рено часто говорила:`)
        if after is None or likeliest_tag(after.group(1)).POS != "ADVB":
            break
        after = _NEXT_LOWER_WORD_RE.match(text, after.end())
    genders = {"m": ("masc",), "f": ("femn",)}.get(person.gender or "", ("masc", "femn"))
    return after is not None and any(_verb_agrees(after.group(1), g) for g in genders)


def _oblique_known(registry: _Registry, mention: _Mention, case: str, gender: str | None) -> bool:
    """Is a lone surname that reads in ``case`` (`Рогожина`) rather a known person's name in
    another case (Рогожин's genitive), with nobody known by its reading in ``case`` (and
    no verb's gender against it: `Рогожина заявила`)?"""
    if len(mention.words) != 1 or registry.by_alias(mention):
        return False
    own = [p for p in mention.parses if case in p.cases]
    other = [
        p for p in mention.parses if case not in p.cases and p.gender in (None, gender or p.gender)
    ]
    return bool(other) and registry.match(own) is None and registry.match(other) is not None


def _role_since(registry: _Registry, person: _Person) -> _PendingRole | None:
    """The role a sentence since ``person`` was last named (this one or the one before)
    opened with, naming nobody (see :class:`_PendingRole`); or None."""
    pending = registry.pending
    if (
        pending is not None
        and pending.person is None
        # (A sentence's subject, not a quote's unnamed speaker, unless the role opened the
        # sentence: `Менеджер Мии Фэрроу сказал, что «…». «…», — добавил он`.)
        and (pending.opening or not pending.quotes)
        and pending.where >= registry.where - 1
        and pending.where > person.where
    ):
        return pending
    return None


def _role_of_another(registry: _Registry, person: _Person) -> _PendingRole | None:
    """The role a sentence since ``person`` was last named opened with (see
    :func:`_role_since`), where ``person`` was introduced with other roles: a pronoun
    after it is that role's, not ``person``'s (`Глава ФАС Игорь Артемьев… Представитель
    «Трансаэро» также отметил… «…», — отметил он`).  (A person introduced with no role
    may be the one the role describes again: `Путин провёл совещание. Президент был
    недоволен.`; and so, wrongly, `Путин провёл переговоры с Эрдоганом. Турецкий лидер…`.)"""
    pending = _role_since(registry, person)
    if pending is not None and person.roles and pending.head not in person.roles:
        return pending
    return None


def _referred(
    registry: _Registry, info: _ClauseInfo, besides: Collection[_Person] = ()
) -> _Person | None:
    gender = _gender(info)
    if info.role is not None:
        person = registry.recent(
            gender=gender, role=info.role, context=info.role_context, besides=besides
        )
        if person is None and info.role.startswith("экс-"):
            # No former one named: the one in office then (`министр иностранных дел
            # Кевин Радд ушел в отставку … — заявил экс-глава МИД`).
            person = registry.recent(
                gender=gender, role=info.role[4:], context=info.role_context, besides=besides
            )
        return person
    if info.pronoun_gender is not None:
        if any(m.sentence_initial and fold(m.words[0]) in ("он", "она") for m in info.named):
            # A pronoun opening the sentence points back, past the objects named after it
            # (`Он также выразил Бордюгову поддержку и призвал … «…»`: not Бордюгов).
            besides = [*besides, *registry.objects_in(registry.where)]
        besides = [*besides, *_objects_beside_noun_subject(registry, gender)]
        person = registry.recent(gender=gender, role=None, besides=besides)
        if person is not None and (pending := _role_of_another(registry, person)) is not None:
            # The pronoun is that role's, whoever was introduced with it, or nobody known.
            return registry.recent(gender=gender, role=pending.head, besides=besides)
        return person
    return None


def _unnamed_pronoun(registry: _Registry, info: _ClauseInfo) -> bool:
    """Is the clause's pronoun someone unnamed: a source speaking (see
    :func:`_source_speaking`) or a person the sentence before brought in unnamed (see
    :func:`_unnamed_before`)?  Then it is no one named, nor the previous quote's speaker."""
    return info.pronoun_gender is not None and (
        _source_speaking(registry) or _unnamed_before(registry, _gender(info))
    )


def _unnamed_before(registry: _Registry, gender: str | None) -> bool:
    """Is a pronoun of ``gender`` here the unnamed person the sentence before is about
    (`По факту поджога был задержан 27-летний житель села. Он сказал, что…`), with
    nobody named there or since, and no role waiting (roles find their people)?"""
    before = registry.where - 1
    if gender not in ("m", "f") or before < 0 or registry.named_since(before):
        return False
    pending = registry.pending
    if pending is not None and pending.where >= before:
        return False
    return registry.unnamed_subject(before) == (gender, True)


def _objects_beside_noun_subject(registry: _Registry, gender: str | None) -> list[_Person]:
    """The people named as objects in the sentence before, where its subject is a noun
    for a person of ``gender`` before its verb, someone named before (`Жительница Самары
    Ирина Хакимова … Самарчанка обратилась к мэру города Елене Лапушкиной. «…», —
    написала она`: not Лапушкина): a pronoun of that gender here is that subject."""
    before = registry.where - 1
    if gender not in ("m", "f") or before < 0:
        return []
    named_before = (gender, False)  # (a person noun before its verb, of that gender)
    return registry.objects_in(before) if registry.unnamed_subject(before) == named_before else []


#: A personal or possessive pronoun in an oblique case (`его`, `ему`, `с ним`, `ее сын`):
#: someone named before, still in view.
_OBLIQUE_PERSONAL_RE = re.compile(
    r"(?<![а-яёА-ЯЁ-])(?:[Ее]го|[Ее][её]|[Ее]му|[Ее]й|[Нн]его|[Нн]ему|[Нн][её]м|[Нн]ей|[Нн]е[её]"
    r"|[Нн]им|[Нн]ими|[Нн]их|[Ии]м|[Ии]х)(?![а-яё-])"
)

#: pymorphy3's genders of a noun, as the speaker rules write them.
_NOUN_GENDERS = {"masc": "m", "femn": "f"}


def _unnamed_subject(
    text: str, start: int, end: int, reported: int, skip: _Skip
) -> tuple[str, bool] | None:
    """(gender, new) of the person a sentence (``text[start:end]``) has for its subject
    by a noun: the first noun for a person in the nominative singular among its first
    :data:`_SUBJECT_WITHIN` words, outside quotes and before what the sentence reports
    (``reported``: `, что`), with no capitalised word (a name) and no role before it;
    else None.  ``new``: it stands after its verb (`был задержан 27-летний житель`),
    someone new to the text, as a subject after its verb is in Russian, and neither a
    name after it nor a pronoun in the sentence (`его встретил учитель`) keeps someone
    else in view; else someone named before (`Женщина взяла ребенка на руки`)."""
    verb = False
    words = _WORD_RE.finditer(text, start, min(end, reported))
    # (A subject stands among a sentence's first words: the rest are not read, each word
    # costing a morphological analysis.)
    for m in itertools.islice(words, _SUBJECT_WITHIN):
        if skip.within(m.start(), m.end()).spans:
            continue
        word = m.group()
        if word[:1].isupper() and m.start() > start:
            return None  # (a name, or a title: not about an unnamed person)
        folded = fold(word)
        if folded in _PREPOSITIONS:
            continue
        if folded in _ROLE_WORD_SET or stem_russian(folded) in _ROLE_STEMS:
            return None  # (a role: see _PendingRole)
        tag = likeliest_tag(folded)
        if tag.POS != "NOUN":
            verb = verb or tag.POS in ("VERB", "PRTS")
            continue
        if (
            tag.animacy == "anim"
            and tag.case == "nomn"
            and tag.number == "sing"
            and _NAME_GRAMMEMES.isdisjoint(tag.grammemes)
        ):
            gender = _NOUN_GENDERS.get(str(tag.gender))
            if gender is None:
                return None
            if not verb:
                return gender, False  # (before its verb: someone the text named before)
            if any(map(_may_name, _CAPITALISED_WORD_RE.findall(text, m.end(), end))):
                return None  # (a name after it, `оказала Ирина`, may be whom a pronoun means)
            if _OBLIQUE_PERSONAL_RE.search(text, start, end):
                return None  # (`Во дворе его встретил учитель. Он пообещал…`: the one met)
            return gender, True
    return None


_CAPITALISED_WORD_RE = re.compile(r"(?<![А-ЯЁа-яё-])[А-ЯЁ][а-яё]+")
#: Words of a sentence read for its subject by :func:`_unnamed_subject`.
_SUBJECT_WITHIN = 10


def _may_name(word: str) -> bool:
    """May a capitalised word be (part of) a person's name: one pymorphy3 takes for a name
    most likely, or knows no common reading of (`Ирина`, `Шабашкин`; not `Киевской`,
    `Москвы`, which the name lexicon would read as surnames)?"""
    tag = likeliest_tag(fold(word))
    return not _PLACE_GRAMMEMES & tag.grammemes and (
        bool(_PERSON_GRAMMEMES & tag.grammemes) or not is_common_word(word)
    )


_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
_PLACE_GRAMMEMES = frozenset({"Geox", "Orgn", "Trad"})
#: Grammemes of a name (of a person, place or organisation): no unnamed person.
_NAME_GRAMMEMES = _PERSON_GRAMMEMES | _PLACE_GRAMMEMES


def _source_speaking(registry: _Registry) -> bool:
    """Is a pronoun here an unnamed source's: one spoke in this sentence or the one before
    (or went on there: `Источник заверил… По его словам, … «…», — добавил он`), and no
    person was named as a subject in that sentence or since (`Как сообщил источник,
    Сергей Лавров встретился…`: his), nor a role?"""
    where = registry.where
    spoke = next((s for s in (where, where - 1) if s in registry.anonymous), None)
    if spoke is None:
        return False
    pending = registry.pending
    if pending is not None and pending.where > spoke:
        return False
    # (Named in the source's own sentence, a subject is the pronoun's; named where the
    # source goes on, `По его мнению, Кононенко не удалось…`, it is what the source said.)
    since = spoke + 1 if spoke in registry.going_on else spoke
    return not any(p.subject and p.where >= since for p in registry._recent.values())


@attrs.frozen
class AttributedQuote:
    """A quote found in a paragraph, with its resolved speaker (or None)."""

    parts: tuple[Span, ...]
    speaker: str | None


# (`\bпо`, written with the letters first: the regex engine skips straight to them)
_ACCORDING_GENITIVE_RE = re.compile(rf"по(?<!\wпо) (?:{ACCORDING_NOUNS})\b")


# `Слова Сагдеева из интервью: «…»`: a lead-in opening with the words' noun.
_WORDS_LEAD_RE = re.compile(
    r"\s*(?:слова|цитата|цитаты|высказывание|заявление|ответ|реплика|обращение)\s+[А-ЯЁ]"
)


def _lead_in_case(text: str, lead_in: LeadIn) -> str:
    """`По словам Сергея Лаврова, «…»`, `Слова Лаврова:`, `ТАСС приводит слова Эрдогана:`
    name the speaker in the genitive, other lead-ins in the nominative."""
    clause = text[lead_in.span[0] : lead_in.span[1]]
    if _WORDS_LEAD_RE.match(clause[:1].lower() + clause[1:]):
        return "gen"
    quoting = _QUOTING_RE.search(clause)
    if quoting is not None:  # `ТАСС приводит слова Эрдогана:`, as after a quote
        words_of = _words_quoted(clause, quoting.end(), len(clause))
        if (
            words_of is not None
            # (not `Песков передал слова Путина и добавил:`: the quote is what he added)
            and not any(
                likeliest_tag(m.group(1)).POS == "VERB"
                # (`слова Эрдогана, который, в частности, отметил:` is still his)
                and "котор" not in clause[words_of.end() : m.start()].lower()
                for m in _SECOND_VERB_RE.finditer(clause.lower(), words_of.end())
            )
        ):
            return "gen"
    if _ACCORDING_GENITIVE_RE.search(clause.lower()):
        return "gen"
    return "gen" if _ends_with_whose_words(clause) else "nom"


def _ends_with_whose_words(clause: str) -> bool:
    """Does a lead-in end with a noun for someone's words and the name of whose they are,
    no verb before them (`Еще одно признание Трампа:`, `А твит певицы Рианы:`, `Твит
    Илона Маска:`)?  Not where a possessive says whose (`Его ответ на заявление
    Пескова:`, his words about Песков) or a preposition takes the name (`по поводу
    Зеленского`; `Цитата дня от Владимира Жириновского:` is his)."""
    # (The clause's first letter lowered: `Твит Илона Маска:`, `Ответ пресс-секретаря …:`.)
    ending = _WORDS_NOUN_END_RE.search(clause[:1].lower() + clause[1:])
    return (
        ending is not None
        and not (_PREPOSITIONS - {"от"}).intersection(_WORD_RE.findall(ending.group().lower()))
        and not _POSSESSIVE_BEFORE_NOUN_RE.search(clause, 0, ending.start() + 1)
        and not any(
            likeliest_tag(w).POS == "VERB"
            for w in _WORD_RE.findall(clause[: ending.start()].lower())
        )
    )


#: A possessive right before the noun for someone's words (`Его ответ`): they are his.
_POSSESSIVE_BEFORE_NOUN_RE = re.compile(
    r"(?<![а-яё])(?:его|ее|её|их|свой|свое|своё|своя)\s+\S*$", re.I
)
#: A lead-in that ends with a noun for someone's words and a name, maybe a role between
#: (`признание Трампа`, `твит певицы Рианы`): the name is whose words they are.
_WORDS_NOUN_END_RE = re.compile(
    r"(?<![а-яё])(?:слова|цитата|цитаты|высказывание|заявление|ответ|реплика|обращение"
    r"|признание|твит|пост|комментарий|мнение)(?:\s+[а-яё-]+){0,3}"
    r"(?:\s+[А-ЯЁ][а-яё-]+){1,3}\s*$"
)


def _past_parenthesis(text: str, lead_in: LeadIn) -> LeadIn:
    """The lead-in past a parenthesis opening it (`В свою очередь, глава инициативы Мустафа
    Баргути назвал решение «…»`: the first part, where a lead-in's subject is, would be
    `В свою очередь`)."""
    start, end = lead_in.span
    comma = text.find(",", start, end)
    if comma < 0:
        return lead_in
    opening = " ".join(_WORD_RE.findall(text[start:comma].lower().replace("ё", "е")))
    if opening not in _PARENTHESES:
        return lead_in
    for part_start, part_end in _comma_parts(text, (comma + 1, end))[1:]:
        words = _WORD_RE.findall(text[part_start:part_end].lower().replace("ё", "е"))
        aside = not words or words[0].startswith("котор")
        if (
            not aside
            and not SPEECH_VERBS.keys().isdisjoint(words)
            and _CAPITALISED_RE.search(text, part_start, part_end)
        ):
            # `С одной стороны, Иванов прав, признал Петров:`, `…, Путин, как заявил
            # Песков, «…»`: the verb's part names who, not the first after the
            # parenthesis (a relative clause's verb does not, `, которого процитировало
            # РИА Новости,`, nor a verb with no name, `…, пообещал «…»`)
            return lead_in
    return attrs.evolve(lead_in, span=(comma + 1, end))


def _from_according(text: str, lead_in: LeadIn) -> LeadIn:
    """The lead-in from its last `по словам` (`по мнению`…) on, where the speaker is named:
    `Однако, по словам Лунева, «…»`, `Сурков, по мнению Железняка, — один из «…»` (their
    first parts, where a lead-in's subject is, are `Однако` and the one spoken of)."""
    start, end = lead_in.span
    last = None
    for found in _ACCORDING_GENITIVE_RE.finditer(text[start:end].lower()):
        last = found
    if last is None or not last.start():
        return lead_in
    if any(speech_verb(w) for w in _WORD_RE.findall(text, start + last.end(), end)):
        return lead_in  # `Путин, по словам Пескова, сказал:`: an aside; the verb's subject
    return attrs.evolve(lead_in, span=(start + last.start(), end))


# A lead-in opening with whose words it gives, by a pronoun: `По его словам, …`.
_ACCORDING_PRONOUN_RE = re.compile(
    r"\s*[Пп]о\s+(?:его|ее|её|их)\s+(?:словам|мнению|оценке|данным|сведениям)\s*,"
)


def _spoken_of(
    registry: _Registry, text: str, lead_in: LeadIn, skip: _Skip, budget: _ModelBudget
) -> list[_Person]:
    """The known people a `по словам X` lead-in names in the nominative after that part:
    whom the words are about (`По мнению эксперта, Иванов «…»`, `По его словам, Иванов
    «…»`), not who says them."""
    start, end = lead_in.span
    comma = text.find(",", start, end)
    if comma < 0 or any(
        speech_verb(w) or (w.endswith("в") and speech_verb(w[:-1] + "л"))
        for w in _WORD_RE.findall(text, comma, end)
    ):
        # (`По его словам, Иванов заявил: «…»`, `По данным следствия, Хендрикс связался с
        # осведомителем, сообщив, что «…»`: Иванов's, Хендрикс's words, as told)
        return []
    found = []
    for mention in _mentions(text, comma + 1, end, skip, budget):
        if mention.after_preposition:
            continue
        nominative = [p for p in mention.parses if "nom" in p.cases]
        person = registry.match(nominative) if nominative else None
        if person is not None:
            found.append(person)
    return found


def _named_with_last_verb(
    text: str, lead_in: LeadIn, skip: _Skip, budget: _ModelBudget
) -> LeadIn | None:
    """A `по словам X` lead-in whose last speech verb, in another part, has a name in the
    nominative before it (`По словам Пескова, Путин заявил:`: Путин's words, as Песков
    tells them): the lead-in from that part on; None otherwise (`По словам Басса, его
    ведомство признаёт, что «…»`: Басс's words)."""
    parts = _comma_parts(text, lead_in.span)
    part_words = [_WORD_RE.findall(text[a:b].lower().replace("ё", "е")) for a, b in parts]
    main = _main_parts(part_words, lead_in=True)
    index, first, end = main[0]
    if index == 0 or first != 0 or end is None or end == _NAMES_ONLY:
        return None  # (no speech verb after the first part, or no words before it)
    if _ACCORDING_GENITIVE_RE.search(" ".join(part_words[index])):
        return None
    start = parts[index][0]
    verb = list(_WORD_RE.finditer(text, *parts[index]))[end].start()
    if not any(
        "nom" in p.cases and not m.after_preposition
        for m in _mentions(text, start, verb, skip, budget, model=True)
        for p in m.parses
    ):
        return None
    return attrs.evolve(lead_in, span=(start, lead_in.span[1]))


# A second verb in a lead-in: `… слова Путина и добавил`, `…, а затем заявила`.
_SECOND_VERB_RE = re.compile(
    r"(?:\bи|,)\s+(?:(?:а|затем|потом|тут|же|также|еще|ещё|от|себя)\s+)*"
    r"([а-яё]+(?:л|ла|ли|ет|ит|ут|ют|ат|ят)(?:ся|сь)?)\b"
)  # (a candidate: pymorphy3 says whether it is a verb, not `генерала`)
# `— цитирует ТАСС министра Михаила Мурашко`, `— передает Reuters слова Эрдогана`.
_QUOTING_RE = re.compile(
    r"\b(?:про)?цитир\w*|\bприв(?:одит|одят|ел|ела|ели|одится|одятся)\b"
    r"|\bпереда(?:ет|ют|л|ла|ли|ется|ются)\b",
    re.IGNORECASE,
)
_PASSING_ON_RE = re.compile(r"переда", re.IGNORECASE)  # `передает`: someone's words only
# `— цитирует ТАСС заявление Мутко`, `— приводит РИА слова Эрдогана`: the speaker's words.
_WORDS_OF_RE = re.compile(
    r"\b(?:слова|заявление|обращение|выступление|высказывание|ответ|реплику|мнение)\b",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"котор\w+|чь\w+", re.IGNORECASE)
_QUOTING_WITHIN = 4  # words from the attribution's start: `которого цитирует РБК` is not it


def _words_quoted(text: str, start: int, end: int) -> re.Match[str] | None:
    """A noun for someone's words within three words after a quoting verb ending at
    ``start`` (`приводит РИА слова`, `цитирует заявление`), before ``end``; or None."""
    words_of = _WORDS_OF_RE.search(text, start, end)
    if words_of and len(_WORD_RE.findall(text[start : words_of.start()])) <= 3:
        return words_of
    return None


def _attribution_case(text: str, span: Span) -> tuple[str, int]:
    """The case the speaker is named in after the attribution's verb, and where to look from.

    Only when the attribution starts with its quoting verb: `— сказал Михаил
    Федотов, слова которого приводит РИА «Новости»` names him in the nominative.
    """
    head = _WORD_RE.findall(text[span[0] : span[1]])[:_QUOTING_WITHIN]
    at = next((i for i, w in enumerate(head) if _QUOTING_RE.fullmatch(w)), None)
    if at is None or _RELATIVE_RE.fullmatch(head[at - 1] if at else ""):
        return "nom", span[0]  # `— намекнул Товпинец, которого цитирует РБК`: the nominative
    quoting = _QUOTING_RE.search(text, span[0], span[1])
    assert quoting is not None
    words_of = _words_quoted(text, quoting.end(), span[1])
    if words_of is not None:
        return "gen", words_of.end()
    if _PASSING_ON_RE.match(quoting.group()):
        return "nom", span[0]  # `— передает ТАСС`, `— передает корреспондент`
    return "acc", quoting.end()


_SENTENCE_END_RE = re.compile(r"[.!?…][.!?…]*\s+(?![\sа-яё])")  # (not `+`: see _CAPITALISED_RE)


def attribute_article(paragraphs: Sequence[str]) -> list[list[AttributedQuote]]:
    """Quotes and speakers for each paragraph of one article, in order.

    >>> result = attribute_article([
    ...     "Об этом рассказала политолог Анастасия Лаврина:",
    ...     '"Интеграция — это потребность стран региона", — отметила она.',
    ... ])
    >>> result[1][0].speaker
    'Анастасия Лаврина'
    """
    if not any(map(has_quote_marks, paragraphs)):
        return [[] for _ in paragraphs]  # no quote marks, no quotes: skip the name search
    found = [
        find_quotes(text, previous_paragraph=previous)
        for text, previous in zip(paragraphs, [None, *paragraphs[:-1]], strict=True)
    ]
    if not any(found):
        return [[] for _ in paragraphs]  # quoted names and titles only: no speakers to find
    registry = _Registry()
    verdicts: dict[tuple[str, ...], int] = {}  # (see _ModelBudget)
    result: list[list[AttributedQuote]] = []
    roles_said: list[tuple[_ClauseInfo, list[_Person]]] = []
    previous_text: str | None = None
    previous_speaker: _Person | None = None
    sentences = 0  # sentences in the paragraphs before this one
    following = [*paragraphs[1:], None]
    for text, quotes, next_text in zip(paragraphs, found, following, strict=True):
        skip = _Skip(quoted_regions(text))
        budget = _ModelBudget(verdicts)
        registry.paragraph = sentences
        registry.read(text)
        if len(result) > 1:
            registry.pending = None  # (a headline's role, though, may be named next)
        # In an article's last paragraph, the names past its last quote matter only to a
        # role waiting for its person: they are read only then (see _later_mentions).
        cut = len(text) if next_text is not None else max((q.region[1] for q in quotes), default=0)
        events: list[tuple[int, int, object]] = [
            (m.span[0], 0, m) for m in _mentions(text, 0, cut, skip, budget)
        ]
        events += [(q.region[0], 1, q) for q in quotes]
        events.sort(key=_EVENT_ORDER)
        breaks = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        reported = _reported_clauses(text, breaks)
        registry.pointing.update(_pointing_sentences(text, breaks, sentences, reported))
        for number, (start, end) in enumerate(
            itertools.pairwise([_text_start(text), *breaks, len(text)])
        ):
            registry.sentences[sentences + number] = (
                text,
                start,
                end,
                reported.get(number, len(text)),
                skip,
            )
        for sentence, going_on in _anonymous_sentences(text, breaks, sentences, skip, reported):
            registry.anonymous.add(sentence)
            if going_on:
                registry.going_on.add(sentence)
        attributed: list[AttributedQuote] = []
        consumed: set[Span] = set()
        starts = iter(enumerate([_text_start(text), *breaks]))
        next_start = next(starts, None)
        quotes_left = len(quotes)
        for position, _, event in _later_mentions(events, text, cut, skip, budget, registry):
            if not quotes_left and next_text is None and not _role_waits(registry):
                # Past the article's last quote, with no quote waiting for a role's person,
                # what the text names changes no speaker (29% of the names on the 104,253
                # one-paragraph articles; they were not even read, see _later_mentions).
                break
            while next_start is not None and next_start[1] <= position:
                registry.where = sentences + next_start[0]
                if (opening := _role_subject(text, next_start[1])) is not None:
                    registry.pending = _PendingRole(*opening, registry.where, opening=True)
                next_start = next(starts, None)
            registry.where = sentences + bisect.bisect_right(breaks, position)
            if isinstance(event, _Mention):
                if event.span not in consumed:
                    if event.known_only and not registry.may_know(event):
                        # A lone word read only as a known person's surname, and nobody
                        # known by it (69% of the mentions on the 104,253 paragraphs:
                        # `Вдруг`, `Он`): it names no one, whatever its case, roles or
                        # source, so those are not read.
                        registry.pass_over(event)
                    else:
                        case, gender = _subject_verb(text, event)
                        person = registry.register(
                            event,
                            case=_case_after_role(text, event.span[0]) or case,
                            roles=_roles_before(text, event.span[0]),
                            gender=gender,
                            verb_gender=gender,
                            said=_said_by(registry, text, event.span[0]),
                        )
                        _note_alias(registry, text, event, person)
                _fill_pending(registry)
                continue
            assert isinstance(event, QuoteMatch)
            quotes_left -= 1
            roles_said.clear()
            speaker = _resolve(
                registry,
                text,
                previous_text,
                event,
                skip,
                previous_speaker,
                consumed,
                budget,
                roles_said,
            ) or _signed(registry, text, event, next_text, budget)
            if speaker is not None:
                registry.touch(speaker)
            if speaker is None and roles_said:
                # `Президент назвал встречу «хорошей»`, `«…», — сказал президент`: for the
                # person named later with that role.
                said, spoken_of = roles_said[0]
                assert said.role is not None
                pending = registry.pending
                said_at = event.region[0] if event.attribution is None else event.attribution[0]
                at = bisect.bisect_right(breaks, said_at)
                if event.attribution is not None:
                    registry.where = sentences + at
                subject = _role_subject(text, breaks[at - 1] if at else _text_start(text))
                opened = subject is not None and subject[0] == said.role
                if pending is None or pending.person is not None or pending.where != registry.where:
                    pending = registry.pending = _PendingRole(
                        said.role,
                        _implied(said.role, said.role_context),
                        registry.where,
                        opening=opened,
                    )
                if said.role in pending.roles.nouns:
                    pending.quotes.append((attributed, len(attributed)))
                    pending.not_them += spoken_of
                    pending.not_them += registry.named_in(
                        [text[start:end] for start, end in event.parts]
                    )
            previous_speaker = speaker
            attributed.append(AttributedQuote(event.parts, speaker.name if speaker else None))
            _fill_pending(registry)
        result.append(attributed)
        previous_text = text
        sentences += len(breaks) + 1
    return _as_spelled(result, paragraphs)


#: A capitalised word written with ``ё`` (`Пётр`, `Королёв`).
_YO_WORD_RE = re.compile(r"[А-ЯЁ][а-яё]*[Ёё][а-яё]*")


def _as_spelled(
    result: list[list[AttributedQuote]], paragraphs: Sequence[str]
) -> list[list[AttributedQuote]]:
    """The speakers' names with the ``ё`` the article writes in them (`Пётр Толстой`).

    Names are read and compared with ``ё`` folded, and the lexicon writes given
    names without it (`Петр`); a word of a name the article writes with ``ё``
    is written so (only where it does: `Петра Толстого` alone gives `Петр`).
    """
    spelled: dict[str, str] = {}
    for text in paragraphs:
        if "ё" in text or "Ё" in text:
            for word in _YO_WORD_RE.findall(text):
                spelled.setdefault(fold(word), word)
    if not spelled:
        return result

    def respell(name: str) -> str:
        return " ".join(spelled.get(fold(word), word) for word in name.split(" "))

    return [
        [
            AttributedQuote(quote.parts, respell(quote.speaker)) if quote.speaker else quote
            for quote in quotes
        ]
        for quotes in result
    ]


#: Events of a paragraph (position, 0 for a mention or 1 for a quote, what): in text order,
#: a mention before a quote at the same place.
_EVENT_ORDER = operator.itemgetter(0, 1)


def _role_waits(registry: _Registry) -> bool:
    """Do quotes wait for the person a role names (see :class:`_PendingRole`)?"""
    return registry.pending is not None and bool(registry.pending.quotes)


def _later_mentions(
    events: list[tuple[int, int, object]],
    text: str,
    cut: int,
    skip: _Skip,
    budget: _ModelBudget,
    registry: _Registry,
) -> Iterator[tuple[int, int, object]]:
    """``events``, then the mentions of ``text[cut:]`` if a role still waits for its person
    when they are reached (``cut`` is past the last quote of an article's last paragraph).

    A generator on purpose: whether a role waits is known only once the loop
    over ``events`` has handled them all (a list made up front would decide
    too early).
    """
    yield from events
    if cut < len(text) and _role_waits(registry):
        later = _mentions(text, cut, len(text), skip, budget)
        yield from sorted(((m.span[0], 0, m) for m in later), key=_EVENT_ORDER)


def _fill_pending(registry: _Registry) -> None:
    """Give the quotes of a pending role to the person who claimed it (then forget it)."""
    pending = registry.pending
    if pending is None or pending.person is None:
        return
    for quotes, i in pending.quotes:
        quotes[i] = attrs.evolve(quotes[i], speaker=pending.person.name)
    registry.pending = None


# A paragraph signing the quote that ends the one before: `— Татьяна Иванова, пресс-секретарь
# управления` (a name, then a description in lower case, as one line without a sentence end).
_SIGNATURE_RE = re.compile(r"[—–]\s*([^,.!?…«»\"]{3,60}?)\s*(?:$|,\s+(?=[а-яё])[^.!?…«»\"]*\.?$)")


def _signed(
    registry: _Registry, text: str, quote: QuoteMatch, next_text: str | None, budget: _ModelBudget
) -> _Person | None:
    """The person a signature paragraph names, for a quote that ends its paragraph unattributed."""
    if next_text is None or quote.attribution is not None or text[quote.region[1] :].strip(" ."):
        return None
    signature = _SIGNATURE_RE.fullmatch(next_text)
    if signature is None:
        return None
    start, end = signature.span(1)
    named = _mentions(next_text, start, end, _Skip([]), budget, model=True)
    if len(named) != 1 or named[0].span != (start, end) or len(named[0].words) < 2:
        return None
    return registry.register(named[0], case="nom", speaker_position=True)


_ATTRIBUTED_RE = re.compile(r"[,.!?…]*\s*[—–-]\s")


def _continues_sentence(text: str, start: int, end: int) -> bool:
    """Does an attribution go on, in the same sentence, to another quote of its speaker:
    a participle (`— отметил он, подчеркнув, что «…»`) or a second speech verb (`— сказал
    он и добавил: «…»`), with no sentence end between?"""
    stretch = text[start:end]
    if _SENTENCE_END_RE.search(stretch.rstrip(' «»"„“”:') + " "):
        return False  # `— объяснила она. «…»`
    words = fold_all(_WORD_RE.findall(stretch))
    return any(
        part_of_speech(w) == "GRND" or (previous == "и" and speech_verb(w))
        for previous, w in itertools.pairwise(["", *words])
    )


# A lead-in ending in whom the words were heard from: a pronoun (`услышала от него:`), or
# a name in the genitive (`услышала от Петрова:`).
_HEARD_FROM_RE = re.compile(
    r"\b(?:у?слыша|узна)[а-яё]*\s+(от\s+(?:(него|нее|неё|них)"
    r"|(?:[а-яё-]+\s+){0,3}[А-ЯЁ][а-яё-]*(?:\s+[А-ЯЁ][а-яё-]*){0,3}))\s*,?\s*$"
)  # (the name ends the lead-in: not `узнал от Шойгу о ходе учений и заявил:`)
# A verb of hearing or seeing in a lead-in's last part: its subject perceives the quote (`И
# слышит Рымвид:`, `он увидел вывеску:`, `первое, что он обнаруживает на улице:`).
_PERCEIVED_RE = re.compile(
    r"(?<![а-яё])(?:у?слыш(?:ит|ат|ал|ала|али|у)|увидел[аи]?|обнаруживает)(?![а-яё])",
    re.IGNORECASE,
)  # (not `видит`, `обнаружил`: `Греф видит ситуацию так:`, `обнаружил недоделки:`)
#: A lead-in ending with the question someone answered (`ответил на вопрос журналиста`):
#: a quote after it that ends with a question mark is that question, not the answer.
_QUESTION_ASKED_RE = re.compile(r"(?<![а-яё])на\s+вопросы?((?:\s+[^\s,.!?;:«»\"]+){0,6})\s*$", re.I)
#: How a rhetorical question opens (`А разве…?`, `Почему бы и нет?`): an answer, not a question.
_RHETORICAL_RE = re.compile(
    r"\s*(?:а\s+)?(?:разве|неужели|почему\s+бы|а\s+вы|а\s+как|а\s+что|кто\s+же)(?![а-яё])", re.I
)
#: Words a question that someone answered has at least (a rhetorical one is short).
_QUESTION_WORDS = 8


def _asked(text: str, quote: QuoteMatch, start: int, end: int) -> bool:
    """Is ``quote`` the question a lead-in ending ``text[start:end]`` says was answered
    (`Усик ответил на вопрос одного из зрителей: «…, какими будут действия Александра?»`)?
    Only a question of several words, not opening as a rhetorical one does, after `на
    вопрос …` with no verb after it (`На вопрос журналистов Памфилова ответила:` gives the
    answer)."""
    last = quote.parts[-1][1]
    if text[last - 1 : last] != "?":
        return False
    asked = _QUESTION_ASKED_RE.search(text, start, end)
    if asked is None or any(
        likeliest_tag(w).POS == "VERB" for w in _WORD_RE.findall(asked.group(1).lower())
    ):
        return False
    first = quote.parts[0][0]
    return (
        len(_WORD_RE.findall(text, first, last)) >= _QUESTION_WORDS
        and _RHETORICAL_RE.match(text, first) is None
    )


# A lead-in's last part that says what one must or may say, no one in particular (`…, надо
# только не забывать приговаривать:`), unless the lead-in says whose words they are (`По
# его словам, нужно понимать одно:`).
_WHOSE_WORDS_RE = re.compile(rf"\bпо (?:(?:его|ее|её|их) )?(?:{ACCORDING_NOUNS})\b")
_AS_SAID_RE = re.compile(r"(?<![а-яё])как\s+([а-яё]+)")


def _whose_words(lead_in: str) -> bool:
    """Does a (lower-case) lead-in say whose words follow: `по словам`, `по его мнению`,
    `как отметил Медведев,` (then `необходимо «…»` is his, not anyone's; not `как
    говорится`, `как говорят в народе`)?"""
    if _WHOSE_WORDS_RE.search(lead_in):
        return True
    return any(speech_verb(m.group(1)) in ("m", "f") for m in _AS_SAID_RE.finditer(lead_in))


_IMPERSONAL_PART_RE = re.compile(
    r"\s*(?:(?:и|но|а|однако)\s+)?(?:надо|нужно|можно|следует|стоит|необходимо|нельзя"
    r"|принято)(?![а-яё])",
    re.IGNORECASE,
)
# A clause of its own, with its own subject, after a comma and `но`, `а`, `однако`; and
# any clause after a comma (and `и`) that opens with a subject.
_COORDINATE_RE = re.compile(
    r",\s+(?:но|а(?!\s+не\b)|однако|в\s+ответ(?!\s+на\b)|(?P<answer>в\s+ответ\s+на\s+[а-яё]+))"
    r"\s+(?=[А-ЯЁ][а-яё]|(?:он|она|они)\b"
    # (or a role before a name: `…, а депутат-единоросс Александр Хинштейн назвал его «…»`)
    r"|(?P<role>(?:[а-яё]+(?:-[а-яё]+)*\s+){1,3})[А-ЯЁ][а-яё])"
)
_SUBJECT_CLAUSE_RE = re.compile(r",\s+(?:и\s+)?(?=[А-ЯЁ][а-яё]|(?:он|она|они)\b)")


# A speech verb, and `, что`/`, чтобы`/`, как` after it: what follows is what was said.
# (Two searches, each linear: one pattern spanning both retried the gap from every verb,
# and 8,000 `сказал,` took seconds.)
_SPEECH_VERB_WORD_RE = re.compile(rf"(?<![а-яё])(?:{literal_alternation(SPEECH_VERBS)})(?![а-яё])")
_THAT_CLAUSE_RE = re.compile(r",\s*(?:что|чтобы|как)(?![а-яё])")


def _reports(text: str) -> bool:
    """Does (lower-case) ``text``, a lead-in (one sentence: the quotes layer found where it
    starts, past initials and abbreviations, `В. Путин`, `т. д.`), have a speech verb and
    `, что` (`, чтобы`, `, как`) after it (`заявил, что Киев готов`)?"""
    verb = _SPEECH_VERB_WORD_RE.search(text)
    return verb is not None and _THAT_CLAUSE_RE.search(text, verb.end()) is not None


def _governs_after(text: str, start: int, end: int) -> bool:
    """Is there a speech verb, or one that governs a quoted fragment, between ``start`` and
    ``end`` (`назвал`, `заявил`)?"""
    return any(
        speech_verb(w) or governing_verb(w) for w in _WORD_RE.findall(text[start:end].lower())
    )


def _nominative_role(words: str) -> bool:
    """Are lower-case ``words`` a role in the nominative, with no preposition (`депутат-
    единоросс`, `глава региона`; not `губернатору`, `также с канцлером`)?"""
    folded = [fold(w) for w in _WORD_RE.findall(words)]
    if any(w in _PREPOSITIONS or w == "также" for w in folded):
        return False
    nominative = _ROLE_FORMS["nom"]
    return any(w in nominative or any(h in nominative for h in w.split("-")) for w in folded)


def _last_coordinate(text: str, lead_in: LeadIn) -> LeadIn:
    """The lead-in from its last clause of its own (`Рита взволнована: она верит, что
    …, но Манфред скептически встречает её рассказ: «…»`: Манфред's words, not Рита's),
    unless another clause with a subject follows it (`…, но Туробоев снова прикрывал её
    плечи, и Самгин видел, что это нравится ей, она весело жмурилась и просила:`) or it
    is part of what a speech verb before it reports (`заявил, что …, но …:`)."""
    start, end = lead_in.span
    found = _COORDINATE_RE.finditer(text, start, end)
    last = next(
        reversed(
            [
                m
                for m in found
                # (`в ответ на критику` only before a role: `…, в ответ на это министр
                # Пётр Колесников назвал…`; not `, в ответ на вопрос Анны Петровой, сказал`)
                if (m["role"] is None and m["answer"] is None)
                or (m["role"] is not None and _nominative_role(m["role"]))
            ]
        ),
        None,
    )
    if (
        last is None
        or _SUBJECT_CLAUSE_RE.search(text, last.end(), end)
        # (`Зеленский заявил, что Киев готов, но Москва должна сделать шаг:`: what he said;
        # not `…сообщила, что он уйдёт, в ответ Онищенко назвал её «…»`, an answer, nor
        # `…заявил, что мэр уйдёт, а мэр Игорь Лапин назвал его слова «…»`, a role's
        # clause with a verb of its own that says the quote)
        or (
            " ответ" not in last.group()
            and not (last["role"] is not None and _governs_after(text, last.end(), end))
            and _reports(text[start : last.start()].lower())
        )
    ):
        return lead_in
    return attrs.evolve(lead_in, span=(last.end(), end))


#: Words a lead-in's relative clause may have after its speech verb, to be the clause that
#: says the quote when the main clause has a speech verb too (`, который заявил
#: журналистам:`; not `Путин заявил журналистам, которые спросили его о переговорах:`).
_RELATIVE_VERB_TAIL = 2
#: Parts after a speech verb that only introduce what was said (`, который заявил, что «…»`).
_THAT_WORDS = frozenset({"что", "чтобы", "как"})
_SUBJECT_PRONOUNS = frozenset("я ты он она оно мы вы они тот та".split())


class _Relative(NamedTuple):
    start: int  # the part's start (after its comma)
    end: int  # the relative word's end
    # Whose words: "antecedent", the name before the comma (`с Лукашенко, который
    # заявил:`); "own", the clause's own subject (`которое Лавров назвал`); "nobody"
    # (`журналистам, которые спросили:`).
    speaker: Literal["antecedent", "own", "nobody"]
    gender: str | None  # the antecedent's: "m", "f"


def _relative_clause(text: str, lead_in: LeadIn) -> _Relative | None:
    """The relative clause of a lead-in whose verb says the quote, or None.

    `Путин встретился с Лукашенко, который заявил: «…»` and `…с Лукашенко,
    который назвал переговоры «…»` are Лукашенко's words, `о решении, которое
    Лавров назвал «…»` Лавров's, `о встрече, которую эксперты назвали «…»` the
    experts', not the main clause's subject's.  The clause is the lead-in's
    last part (past `, что`), with its last verb (a speech verb; for a quoted
    fragment, any verb governing it) and at most :data:`_RELATIVE_VERB_TAIL`
    words after it where a colon or `что` introduces the quote and the main
    clause has a speech verb too.  None also where the clause has no subject
    of its own and its relative word is no subject (`Лавров дал интервью, в
    котором заявил:`, `Путин вспомнил Горбачева, которого назвал «…»`): the
    main clause's subject says it.
    """
    if lead_in.kind == "according":
        return None
    start, end = lead_in.span
    lowered = text[start:end].lower()
    if "котор" not in lowered and "чь" not in lowered and "чей" not in lowered:
        return None  # (most lead-ins)
    parts = _comma_parts(text, (start, end), ",;")  # (semicolons too)
    folded = [_WORD_RE.findall(text[a:b].lower().replace("ё", "е")) for a, b in parts]

    def verbs_of(words: list[str]) -> list[int]:
        return [
            i
            for i, word in enumerate(words)
            if word in SPEECH_VERBS or (lead_in.kind == "reported" and governing_verb(word))
        ]

    said = next((i for i in range(len(parts) - 1, 0, -1) if verbs_of(folded[i])), None)
    if said is None:
        return None
    if said < len(parts) - 1:
        # What follows the verb's part must be what was said: `, который рассказывал мне,
        # что, когда…`, `, которая ничего не говорила, разве только вот что:`; not a clause
        # of its own (`Лавров, которому Блинкен сказал о санкциях, лишь улыбнулся:`).
        after = folded[said + 1]
        closing = said + 1 == len(parts) - 1 and bool(after) and after[-1] in _THAT_WORDS
        if not after or (after[0] not in _THAT_WORDS and not closing):
            return None
    words = folded[said]
    part_start, part_end = parts[said]
    found = RELATIVE_OPENING_RE.match(text, part_start, part_end)
    if found is None:
        # `, который, выступая перед журналистами, заявил:`: a relative word alone in its
        # part, a parenthesis, then the clause's verb.
        alone = next(
            (
                i
                for i in (said - 1, said - 2)
                if i > 0 and len(folded[i]) == 1 and _opens_relative(folded[i])
            ),
            None,
        )
        if alone is None:
            return None
        part_start = parts[alone][0]
        words = [w for part in folded[alone : said + 1] for w in part]
        found = RELATIVE_OPENING_RE.match(text, part_start, part_end)
        said = alone
    if found is None:
        return None
    verbs = verbs_of(words)
    verb = verbs[-1]
    if (
        lead_in.kind != "reported"
        and len(words) - 1 - verb > _RELATIVE_VERB_TAIL
        and any(not SPEECH_VERBS.keys().isdisjoint(w) for w in folded[:said])
    ):
        return None
    opening = len(_WORD_RE.findall(found.group(0)))  # (the relative word, a preposition)
    between = _WORD_RE.findall(text, found.end(), part_end)[: verb - opening]
    verb_gender = _verb_gender(words[verb])
    if any(
        _subject_word(w, between[i - 1] if i else "", verb_gender) for i, w in enumerate(between)
    ):  # (`которую тот назвал`, `которую эксперты назвали`, `в котором Зеленский написал`)
        return _Relative(part_start, found.end(), "own", None)
    if found.group(1) is None:  # `чей`: only a subject of its own (`чьи слова Песков назвал`)
        return None
    ending, bare = found.group(1).lower(), opening == 1
    if bare and ending == "ое" and verb_gender is None and words[verb].endswith(("ет", "ит")):
        verb_gender = "n"  # (`заявление, которое гласит:`: the statement says it)
    if bare and ending in ("ого", "аго", "ой") and _QUOTING_RE.match(words[verb]):
        # (the media quote the noun before it: `Лавров, которого цитирует ТАСС:`)
        if not _WORDS_OF_RE.search(text, found.end(), part_end):
            return _Relative(part_start, found.end(), "antecedent", _GENDERS.get(ending))
        return None
    if bare and ending in ("ый", "ая") and verb_gender in (None, _GENDERS[ending]):
        return _Relative(part_start, found.end(), "antecedent", _GENDERS[ending])
    if (bare and ending in ("ые", "ыя", "ое") and verb_gender == {"ое": "n"}.get(ending, "pl")) or (
        verb_gender == "pl" and ending not in ("ый", "ая")
    ):
        # `журналистам, которые спросили:`; people in general, `которого называют «…»`
        return _Relative(part_start, found.end(), "nobody", None)
    return None


_GENDERS = {"ый": "m", "ая": "f", "ого": "m", "аго": "m", "ой": "f"}


def _verb_gender(word: str) -> str | None:
    """A (folded) verb form's gender or number: "m", "f", "n", "pl"; None: not told."""
    known = SPEECH_VERBS.get(word)
    if known in ("m", "f", "n", "pl"):
        return known
    stem = word.removesuffix("ся").removesuffix("сь")
    if stem.endswith(("ли", "ют", "ят", "ут", "ат")):
        return "pl"
    if stem.endswith("ла"):
        return "f"
    if stem.endswith("ло"):
        return "n"
    if stem.endswith("л"):
        return "m"
    return None


def _subject_word(word: str, previous: str, gender: str | None) -> bool:
    """Is a word (as written) a clause's subject: a subject pronoun, or likeliest a noun in
    the nominative (capitalised: a name, read in the nominative, `Зеленский`, `Запад`,
    not after a preposition, nor of another ``gender`` than the verb's: `который Путина
    назвал`)?"""
    folded = fold(word)
    if folded in _SUBJECT_PRONOUNS:
        return True
    if word.islower():
        tag = likeliest_tag(folded)
        return bool(tag.POS == "NOUN" and "nomn" in tag)
    if fold(previous) in _PREPOSITIONS:
        return False
    # (A name's readings first: pymorphy3 reads `Песков` as the genitive of `песок`.)
    agrees = (None, gender) if gender in ("m", "f") else (None, "m", "f")
    if any("nom" in r.cases and r.gender in agrees for r in analyse_word(word)):
        return True
    tag = likeliest_tag(folded)
    return bool("nomn" in tag and TAG_GENDERS.get(tag.gender) in agrees)


def _antecedent(
    registry: _Registry,
    text: str,
    lead_in: LeadIn,
    relative: _Relative,
    skip: _Skip,
    budget: _ModelBudget,
) -> _Person | None:
    """The person a relative word stands for: the name that ends the part before its
    comma (`с Александром Лукашенко, который`), of its gender; None where no name ends
    it (`с президентом Белоруссии, который`), the name is someone's (`помощник Путина,
    который`: the helper), or it depends on a noun (`с делегацией Токаева, которая`:
    the delegation; not a role, `министр Сергей Лавров`, nor someone's words, `слова
    Зеленского, который`)."""
    comma = relative.start - 1
    before = text.rfind(",", lead_in.span[0], comma) + 1 or lead_in.span[0]
    mentions = _mentions(text, before, comma, skip, budget, model=True)
    if not mentions or text[mentions[-1].span[1] : comma].strip():
        return None
    last = mentions[-1]
    if _owned_by(text, last) or _depends_on_noun(text, last):
        return None
    gender = relative.gender
    if not any(p.gender in (None, gender) for p in last.parses):
        return None  # (`с Макроном, которая`: not him)
    # Read in a case of a parse of the relative word's gender, where one has it (`слова
    # Эрдогана, который`: the genitive of `Эрдоган`, not a nominative `Эрдогана`).
    cases = sorted(c for p in last.parses if p.gender == gender for c in p.cases)
    return registry.register(
        last,
        case=next((c for c in cases if c != "nom"), cases[0]) if cases else None,
        roles=_roles_before(text, last.span[0]),
        gender=gender,
        speaker_position=True,
    )


def _depends_on_noun(text: str, mention: _Mention) -> bool:
    """Is the name the genitive of the common noun right before it (`делегацией
    Токаева`), not a role's apposition (`министр Лавров`) or someone's words?"""
    previous = _last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
    if previous is None or not previous.islower() or _WORDS_OF_RE.fullmatch(previous):
        return False
    word = fold(previous)
    if any(word in forms for forms in _ROLE_FORMS.values()):
        return False
    return likeliest_tag(word).POS == "NOUN" and any("gen" in p.cases for p in mention.parses)


def _after_attributed(text: str, lead_in: LeadIn, skip: _Skip) -> LeadIn:
    """`«…», — отметил он, подчеркнув, что «…»`: a lead-in starts after a quote it holds
    that has its own attribution (its words are not the lead-in's), when that attribution
    goes on to the lead-in in the same sentence (see `_continues_sentence`)."""
    start, end = lead_in.span
    for _quoted_start, quoted_end in reversed(skip.within(start, end).spans):
        if start < quoted_end <= end and _ATTRIBUTED_RE.match(text, quoted_end):
            if _continues_sentence(text, quoted_end, end):
                return attrs.evolve(lead_in, span=(quoted_end, end))
            break
    return lead_in


def _resolve(
    registry: _Registry,
    text: str,
    previous_text: str | None,
    quote: QuoteMatch,
    skip: _Skip,
    previous_speaker: _Person | None,
    consumed: set[Span],
    budget: _ModelBudget,
    roles_said: list[tuple[_ClauseInfo, list[_Person]]],
) -> _Person | None:
    """The speaker of ``quote``, or None; then ``roles_said`` gets the role nouns naming
    the speaker (`— добавил президент`) that settled nothing, with the people the words
    are about (who are not that role: see :func:`_spoken_of`)."""
    attribution = None
    if quote.interruption is not None:
        # `«Первое, — сказал Эрдоган. — Второе», — цитирует его слова пресс-служба`: the
        # interruption names the speaker where the attribution after the quote may not.
        start, end = quote.interruption
        outside = skip.within(start, end, around=False)
        inside = _clause_info(text, quote.interruption, outside, budget)
        consumed.update(m.span for m in inside.named)
        if not inside.several and not inside.no_person:
            named = _named_speaker(registry, text, inside, case="nom")
            if named is not None:
                return named
    if quote.attribution is not None:
        # An interruption's attribution sits inside the quoted region: unskip it.
        start, end = quote.attribution
        outside = skip.within(start, end, around=False)
        case, after = _attribution_case(text, quote.attribution)
        attribution = _clause_info(
            text, quote.attribution, outside, budget, case=case, whole=case != "nom"
        )
        consumed.update(m.span for m in attribution.named)
        quoting = case != "nom"  # `— цитируют «Вести» заявление Путина`: the verb is the media's
        if not quoting and (attribution.several or attribution.verb_gender in ("n", "impersonal")):
            return None  # `— говорится в телеграмме Путина`, `— сообщило ведомство`
        named = _named_speaker(registry, text, attribution, case=case, after=after)
        if named is not None:
            return named
        if attribution.no_person and quote.lead_in is None:
            return None  # (with a lead-in, `Песков назвал … «…», передает ТАСС`: his words)
    lead = None
    spoken_of: list[_Person] = []  # (`По мнению эксперта, Иванов «…»`: not the speaker)
    if quote.lead_in is not None:
        source = previous_text if quote.lead_in.kind == "previous-paragraph" else text
        if source is not None:
            lead_skip = _Skip(quoted_regions(source)) if source is not text else skip
            lead_in = _after_attributed(source, quote.lead_in, lead_skip)
            heard = _HEARD_FROM_RE.search(source, *lead_in.span)
            if heard is not None:
                if heard.group(2):
                    return None  # `услышала от него: «…»`: his words, not hers
                # `услышала от Петрова:`: Петров's, or (no name read there) no one's known
                lead = _clause_info(source, heard.span(1), lead_skip, budget, case="gen")
                return _named_speaker(registry, source, lead, case="gen", source=True)
            last_part = source.rfind(",", *lead_in.span) + 1 or lead_in.span[0]
            if _PERCEIVED_RE.search(source, last_part, lead_in.span[1]) and not any(
                map(speech_verb, _WORD_RE.findall(source, *lead_in.span))
            ):
                return None  # `И слышит Рымвид: «…»`: who hears it, not who says it
            if source is text and _asked(text, quote, last_part, lead_in.span[1]):
                return None  # `Усик ответил на вопрос одного из зрителей: «…?»`: the asker's
            if _IMPERSONAL_PART_RE.match(source, last_part, lead_in.span[1]) and not _whose_words(
                source[slice(*lead_in.span)].lower()
            ):
                return None  # `…, надо только не забывать приговаривать: «…»`: anyone
            lead_in = _past_parenthesis(source, _last_coordinate(source, lead_in))
            relative = _relative_clause(source, lead_in)
            if relative is not None:
                if relative.speaker == "antecedent":  # `с Лукашенко, который заявил:`
                    return _antecedent(registry, source, lead_in, relative, lead_skip, budget)
                if relative.speaker == "nobody":  # `журналистам, которые спросили:`
                    return None
                # `о решении, которое Лавров назвал «…»`: the relative clause's own subject,
                # named there, or a pronoun (`которые он назвал`); a role there is nobody
                # known (`после инцидента, в ходе которого начальник назвал его «рабом»`
                # is no later-named person's)
                lead_in = attrs.evolve(lead_in, span=(relative.end, lead_in.span[1]))
                own = _clause_info(source, lead_in.span, lead_skip, budget, lead_in=True)
                if own.several or (not own.named and own.pronoun_gender is None):
                    return None
            case = _lead_in_case(source, lead_in)
            if case == "gen":
                besides = _named_with_last_verb(source, lead_in, lead_skip, budget)
                if besides is not None:  # `По словам Пескова, Путин заявил:`: Путин's words
                    lead_in, case = besides, "nom"
                else:
                    lead_in = _from_according(source, lead_in)
                    spoken_of = _spoken_of(registry, source, lead_in, lead_skip, budget)
            lead = _clause_info(source, lead_in.span, lead_skip, budget, case=case, lead_in=True)
            if case == "nom" and _ACCORDING_PRONOUN_RE.match(source, lead_in.span[0]):
                spoken_of = _spoken_of(registry, source, lead_in, lead_skip, budget)
            if lead.verb_gender in ("n", "impersonal") and case == "nom":
                return None  # `Захарова заявила…, а в докладе Лаврова говорится:`: no one
            if lead.several:
                return None
            named = _named_speaker(registry, source, lead, case=case, lead_in=True)
            said = _gender(attribution) if attribution is not None else None
            if named is not None and (said is None or named.gender in (None, said)):
                return named
            if (
                case == "gen"
                and attribution is None
                and _ends_with_whose_words(source[lead_in.span[0] : lead_in.span[1]])
                and not all(m.known_only for m in lead.named)
            ):
                return None  # `А твит певицы Рианы:`: a name not read, but a name: not another
    if quote.continues_previous and quote.attribution is None:
        return previous_speaker
    for info in (attribution, lead):
        if info is not None:
            if info.no_person:
                return None
            not_them = spoken_of if info is lead else []
            if info.role is None and _unnamed_pronoun(registry, info):
                # Nobody named, nor the previous speaker (`Источник … По его словам, …
                # Он считает, что «…»`).
                return None
            person = _referred(registry, info, not_them)
            if person is not None:
                return person
            if _still_speaking(registry, previous_speaker, info):
                person = previous_speaker
            else:
                person = _said_before(registry, info) or _introduced_bare(registry, info)
            if person is not None and person in not_them:
                person = None
            if person is not None:
                if info.role is not None:
                    person.said_roles.update(_implied(info.role, frozenset()).nouns)
                return person
            if info.role is not None and not info.several:
                roles_said.append((info, not_them))
    return None


# Roles that often belong to someone beside the person an article is about
# (`Иванов попал в больницу. «…», — сказал врач`): never guessed for a bare name.
_SIDE_ROLES = frozenset(
    stem_russian(w)
    for w in """
    врач адвокат юрист судья прокурор тренер журналист журналистка корреспондент
    представитель помощник заместитель советник пресс-секретарь обозреватель автор
    барон баронесса лорд леди принц принцесса король королева шейх эмир султан
    """.split()
)


def _introduced_bare(registry: _Registry, info: _ClauseInfo) -> _Person | None:
    """`Иван Петров провёл урок. «…», — напутствовал предприниматель`: a role that nobody
    was introduced with goes to the person named last, when that person was introduced
    with no role at all (or the role is a generic one, see :data:`_GENERIC_ROLES`),
    named as a subject in this sentence or one of the two before (of the same
    paragraph: a news item's `Об этом сообщает …` often stands between), and nobody else
    of that gender was named there."""
    if info.role is None or info.several or info.role in _SIDE_ROLES or info.related:
        return None  # (`По словам знакомого с ним бизнесмена`: not him)
    gender = _gender(info)
    if registry.recent(gender=gender, role=info.role) is not None:
        return None  # someone has that role (and was not chosen): not a bare name's
    recent = [
        p
        for p in itertools.islice(reversed(registry._recent.values()), 4)
        if p.where >= registry.where - 2 and (gender is None or p.gender in (None, gender))
    ]
    fitting = [p for p in recent if p.where >= registry.paragraph]
    if not fitting and info.role in _EXPERT_ROLES:
        # An expert's role may name the one person the paragraph before introduced (`…
        # заявил руководитель центра Павел Ковтонюк.` then `«…», — сказал эксперт`): news
        # agencies quote experts so.
        fitting = recent
    if len(fitting) != 1:
        return None
    person = fitting[0]
    if not person.subject:
        return None
    # (A generic role may name again someone introduced with another one: `дизайн-директор
    # «Октавы» Владимир Шипилов. «…», — сказал топ-менеджер`.)
    return person if not person.roles or info.role in _GENERIC_ROLES else None


#: Generic roles of an expert quoted for a comment (see :func:`_introduced_bare`).
_EXPERT_ROLES = frozenset(stem_russian(w) for w in "эксперт аналитик специалист".split())

# Roles that news use to name again, by what they do in general, someone introduced with
# another role (`— сказал топ-менеджер`, `— признался аргентинский специалист`).
_GENERIC_ROLES = frozenset(
    stem_russian(w)
    for w in """
    эксперт специалист собеседник собеседница топ-менеджер чиновник чиновница политик
    аналитик исследователь исследовательница ученый бизнесмен предприниматель спортсмен
    спортсменка чемпион чемпионка
    """.split()
)


def _said_before(registry: _Registry, info: _ClauseInfo) -> _Person | None:
    """`Любимов рассказал… — цитирует РБК режиссера. … — заметил режиссер`: a role that
    already named a speaker not introduced with it names them again, while nobody else of
    that gender has been named since."""
    if info.role is None or info.several:
        return None
    gender = _gender(info)
    for person in registry._latest(registry._recent):
        if gender is None or person.gender in (None, gender):
            return person if info.role in person.said_roles else None
    return None


def _still_speaking(registry: _Registry, previous: _Person | None, info: _ClauseInfo) -> bool:
    """`«…», — сказал Мутко. … «…», — добавил министр`: a role or pronoun that fits no one
    introduced that way, or a speech verb with no subject (`И добавил: «…»`), goes to the
    previous quote's speaker, when that is the person
    mentioned last (as a subject) and nothing contradicts it (the gender, a role that
    person was introduced with)."""
    if previous is None or info.several:
        return False
    if info.role is None and info.pronoun_gender is None and not info.subjectless:
        return False
    if registry.last_named is not previous:
        return False  # someone was named since: `С ним согласился Левин. «…», — заявил депутат`
    if not previous.subject:
        return False  # named since, as an object: `Глава партии обвинил Петрова. «…»`
    if info.subjectless and _role_since(registry, previous) is not None:
        return False  # `— сказал Песков. Министр обороны провёл совещание. И добавил:`
    if info.pronoun_gender is not None and _role_of_another(registry, previous) is not None:
        # `— заявил председатель совета Рогов. Президент и сам … «…», — добавил он`: the
        # role's (as :func:`_referred` reads the pronoun), not the chairman's.
        return False
    gender = _gender(info)
    if gender is not None and previous.gender not in (None, gender):
        return False
    return info.role is None or not previous.roles or info.role in previous.roles
