"""Names in a paragraph: runs of capitalised words read as people, in their cases.

:func:`read_mentions` finds the person-name candidates of a text outside its
quoted regions (:class:`Skip`): each run of capitalised words is read by the
name analysis (``names``) and, where that cannot tell, by the person-name
model (``ner``, at most :data:`MODEL_READINGS` times a paragraph, see
:class:`ModelBudget`).  A :class:`Mention` is one naming in the text; a
:class:`Person` is someone the article names, as the registry keeps them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from searchlib._morph import likeliest_tag, parses, word_class
from searchlib._speech.names import (
    CASES,
    PARTICLES,
    VOWELS,
    NameReading,
    a_surname_forms,
    analyse_word,
    fold,
    from_dictionary,
    guess_given,
    guess_surname,
    hyphenated_surname,
    is_common_word,
    particle_surname,
    prefix_guess_only,
)
from searchlib._speech.ner import person_spans
from searchlib._stopwords import RUSSIAN_STOP_WORDS

__all__ = [
    "ALL_CASES",
    "CAPITALISED_RE",
    "GENITIVE_ENDINGS",
    "JOINED_RE",
    "LONE_CAPITALISED_RE",
    "NEXT_LOWER_WORD_RE",
    "POSSESSIVE_BEFORE_RE",
    "PREPOSITIONS",
    "WORD_RE",
    "Mention",
    "ModelBudget",
    "NameParse",
    "Person",
    "Skip",
    "described_after",
    "described_before",
    "last_word",
    "parse_run",
    "person_noun",
    "read_mentions",
    "relative_of_a_person",
    "same_given",
    "text_start_of",
    "tokens_before",
    "verb_agrees",
    "word_gender",
]


Span = tuple[int, int]
PREPOSITIONS = frozenset(
    """
    в во из под над к ко от до у с со на за при о об обо по про для без через
    между перед против среди после вместо кроме около вокруг ради возле
    """.split()
)

WORD_RE = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
#: What joins two names into a list: `и` or a comma.
JOINED_RE = re.compile(r"\s*(?:и|,)\s*")


@attrs.define
class Person:
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
    # What those roles were of, or where from (`итальянского премьера`): see ClauseInfo.
    said_context: set[str] = attrs.field(factory=set)
    # The sentence where a mention stood joined by `и` to a name no rule read (`Трамп и
    # Путин провели…`), and that name's gender if its word tells it: a pronoun or role
    # of that gender after it may be that name's.
    beside_unread: tuple[int, str | None] = (-1, None)
    # The sentence where the latest mention was a relative clause's, about a person a noun
    # of that gender names (`видео с мужчиной, которого раскритиковал Кадыров`): a
    # pronoun of that gender after it is as likely that person's.
    in_relative: tuple[int, str | None] = (-1, None)


@attrs.frozen
class NameParse:
    given: str | None
    patronymic: str | None
    surname: str
    gender: str | None
    cases: frozenset[str]
    initial: str | None = None  # a given name's initial written before a surname (`В.Юсуфов`)

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)


def nominative_as_written(mention: Mention) -> NameParse | None:
    """A given name and surname read as written in the nominative, where none of the
    lexicon's readings is one and the sentence puts the name in it (after a role noun in
    the nominative and what it is of): `лидер партии Джордже Симион` (`Джордже` reads
    only as `Джордж`'s prepositional).  (Not as a verb's subject: `Юрию Бойко грозит`,
    `Ирине Шейк досталась` are datives the verb governs.)  Only two words, of a surname
    every reading has as written, and none a genitive (a genitive may be whom the noun
    before the name is of); else None."""
    if len(mention.words) != 2 or not mention.parses:
        return None
    given, surname = mention.words
    if any(
        p.surname != surname or p.given is None or p.patronymic or "gen" in p.cases
        for p in mention.parses
    ):
        return None
    return NameParse(given, None, surname, None, frozenset({"nom"}))


def _a_surname_nominative(words: Sequence[str], parses: Sequence[NameParse]) -> NameParse | None:
    """A man's given name that may be in the nominative and an `-а` surname that every
    reading takes for a man's genitive (`Кошта` as `Кошт`'s, after `Антониу`, a given
    name of every case), read in the nominative too: the surname as written, of either
    gender (`Мишель Обама`).  (Not a typical Russian surname, `Петрова`: a man's
    genitive or a woman's nominative, both read already.)  The caller asks it only where
    no person's noun stands before the name: `Помощник Джо Байдена заявил` is the
    helper's, `Байдена` a genitive."""
    if len(words) != 2 or not parses:
        return None
    surname = words[1]
    if (
        len(surname) <= 3
        or not surname.endswith("а")
        or surname.endswith("ича")  # (`Павловича`: a patronymic's genitive)
        or _TYPICAL_SURNAME_RE.search(surname)
    ):
        return None
    if not any(
        r.role == "given" and r.gender == "m" and "nom" in r.cases for r in analyse_word(words[0])
    ):
        return None  # (`Федора Павловича`, `Альберта Эйнштейна`: the given name's genitive)
    if any(
        p.surname != surname[:-1] or p.given is None or p.patronymic or not p.cases <= _GEN_ACC
        for p in parses
    ):
        return None
    return NameParse(parses[0].given, None, surname, None, frozenset({"nom"}))


_GEN_ACC = frozenset({"gen", "acc"})
_NOM = frozenset({"nom"})


class Mention(NamedTuple):  # (a tuple: made for every capitalised word a paragraph reads)
    words: tuple[str, ...]
    span: Span
    parses: tuple[NameParse, ...]
    sentence_initial: bool
    after_preposition: bool
    # A lone word read only as a known person's surname (`Байден` after `Джо Байден`).
    known_only: bool = False
    # A lone word opening a sentence that reads as its subject, a person's surname (see
    # `_subject_surname`: `Песков ответил…`, not `Ростов победил…`).
    confirmed: bool = False
    # In a relative clause (`Сидоров, которого раскритиковал Кадыров, ответил`): its
    # subject there, not the sentence's.
    relative: bool = False


ALL_CASES = frozenset(CASES)


def _combine(readings: Sequence[Sequence[NameReading]]) -> list[NameParse]:
    """Consistent (same gender, shared case) combinations of per-word readings."""
    parses: list[NameParse] = []
    if len(readings) == 1:  # (one word, most runs: its surname readings, as the loop has them)
        parses = [
            NameParse(None, None, r.nominative, r.gender, cases)
            for r in readings[0]
            if r.role == "surname" and (cases := ALL_CASES & r.cases)
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
        cases = ALL_CASES
        for r in combo:
            cases &= r.cases
        if not cases:
            continue
        given = " ".join(r.nominative for r in combo if r.role == "given") or None
        patronymic = next((r.nominative for r in combo if r.role == "patronymic"), None)
        parses.append(
            NameParse(
                given, patronymic, combo[-1].nominative, genders.pop() if genders else None, cases
            )
        )
    return list(dict.fromkeys(parses))


@functools.lru_cache(maxsize=1 << 14)
def parse_run(words: tuple[str, ...]) -> tuple[int, tuple[NameParse, ...]]:
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
                readings[-1] = _oblique_consonant(words[-1], readings[-1], words[-2], readings[-2])
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
    be the genitive of one, `Нарендры Моди`.)  Other endings and given names: see
    :func:`_oblique_a_form`."""
    form = None
    if len(word) > 3 and _OBLIQUE_A_RE.search(word):
        declined = any(
            r.role == "given" and "gen" in r.cases and r.nominative != before
            for r in before_readings
        )
        if declined:
            form = NameReading(word[:-1] + "а", "surname", None, frozenset({"gen"}))
    form = form or _oblique_a_form(word, before, before_readings)
    return readings if form is None else _instead_as_written(word, readings, form)


def _instead_as_written(
    word: str, readings: tuple[NameReading, ...], form: NameReading
) -> tuple[NameReading, ...]:
    """``readings`` with ``form`` read in its cases instead of the reading of ``word`` as
    written in any case (none: ``readings`` as they are); in none at all where no
    nominative ends as ``word`` does (`Кошты`, `Гарсии`: see :func:`_oblique_a_form`)."""
    as_written = [r for r in readings if r.nominative == word and r.cases == ALL_CASES]
    if not as_written:
        return readings
    if _NO_NOMINATIVE_RE.search(word):
        return (form, *(r for r in readings if r not in as_written))
    return (
        form,
        *(
            attrs.evolve(r, cases=ALL_CASES - form.cases) if r in as_written else r
            for r in readings
        ),
    )


#: Endings no nominative of a surname has: an `-ия` surname's oblique cases, an `-а`
#: surname's genitive in `-ы` after a consonant (`Гарсии`, `Кошты`).
_NO_NOMINATIVE_RE = re.compile(r"(?:ии|ию|ией|[^аеёиоуыэюяйь]ы)$")


def _oblique_a_form(
    word: str, before: str, before_readings: Sequence[NameReading]
) -> NameReading | None:
    """The `-ия` or `-а` surname a word ending as its oblique case does is a form of, where no
    nominative ends so (`-ии`, `-ию`, `-ией`, `-ы` after a consonant), after a given name
    that shows no case (`по словам Хосе Гарсии`: `Гарсия`), or in `-у` after a given name
    in the accusative (`цитирует Марину Силву`: `Силва`): before, the name as written
    (`Хосе Гарсии`) was taken for the person.  (Not `-у` after a given name that shows
    no case, `Жоау Лоуренсу`, a Portuguese nominative, nor `-и` after a consonant,
    `Марио Драги`.)"""
    given = [r for r in before_readings if r.role == "given"]
    if len(word) <= 4 or not given:
        return None
    if _NO_NOMINATIVE_RE.search(word):
        if not all(r.cases == ALL_CASES for r in given):
            return None  # (after a declined one, `_oblique_a` reads the genitive)
    elif word[-1] == "у" and word[-2] not in _SOFT:
        if not any("acc" in r.cases and r.nominative != before for r in given):
            return None
    else:
        return None
    if word.endswith(("ии", "ию", "ией")):
        stem = word[: -3 if word.endswith("ией") else -2]
        return NameReading(stem + "ия", "surname", None, _IA_CASES[word[len(stem) :]])
    return NameReading(word[:-1] + "а", "surname", None, _A_CASES[word[-1]])


_SOFT = VOWELS + "йь"
_IA_CASES = {
    "ии": frozenset({"gen", "dat", "prep"}),
    "ию": frozenset({"acc"}),
    "ией": frozenset({"ins"}),
}
_A_CASES = {"у": frozenset({"acc"}), "ы": frozenset({"gen"})}


# How a man's consonant-final surname ends in the dative (`-у`; `-ю` of an `-ль` or `-й`
# stem: `Боррелю`, `Милею`; not other `-ю`, `Нурдбю`, a nominative) or the prepositional
# (`-е`), and what it ends with in the nominative then.
_OBLIQUE_CONSONANT_RE = re.compile(
    r"(?:(?P<hard>[бвгджзклмнпрстфхцчшщ])у|(?P<soft>л)ю|(?P<vowel>[аеиоуэюя])ю"
    r"|(?P<prep_vowel>[аеиоуэюя])е|(?P<prep>[бвгджзклмнпрстфхцчшщ])е)$"
)


#: Surnames that end in `-у` in the nominative, undeclined, and in which a consonant-final
#: surname's dative hardly ever ends: Romanian `-ску` (`Бэсеску`, `Ауреску`), Turkish
#: `-оглу` (`Давутоглу`, `Кылычдароглу`).  (Not `-ру`, `-су`, `-жу`: `Болсонару`, `Гросу`,
#: `Араужу` end so, but so do `Шрёдеру`, `Санчесу`: both readings stand there.)
_TYPICAL_UNDECLINED_RE = re.compile(r"(?:ску|глу)$")


def _oblique_consonant(
    word: str,
    readings: Sequence[NameReading],
    before: str,
    before_readings: Sequence[NameReading],
) -> tuple[NameReading, ...]:
    """A surname read as written in any case after a given name, ending as a consonant-final
    man's surname does in the dative (`Йенсу Столтенбергу`, `Жозепу Боррелю`, `Хавьеру
    Милею`) or the prepositional (`о Йенсе Столтенберге`), is also that surname's form
    (`Столтенберг`, `Боррель`, `Милей`): before, the name as written, `Йенс
    Столтенбергу`, was taken for the person.

    Where the dictionary's likeliest reading of the word is that surname's form (`Трампу`,
    `Эрдогане`) and the given name may be in that case, only that reading (not after
    `Жуан`, nominative only: `Жуан Лоуренсу`).  Else both readings stand, and a name
    read two ways is no one until a surname alone says which (see
    :meth:`~searchlib._speech.registry.Registry._fuller`): a surname may end in `-у` in
    the nominative (`Игорю Гросу`, `Жаиру Болсонару`; Romanian `-ску` and Turkish
    `-оглу` stay as written), and the prepositional's `-е` ends foreign nominatives
    too (`о Марке Рютте`; `Моне` the dictionary knows as undeclined).  The
    prepositional only after a given name that shows it (`Йенсе`): `Джузеппе Конте`,
    read two ways, would be lost wherever it is the subject.
    """
    found = _OBLIQUE_CONSONANT_RE.search(word) if len(word) > 4 else None
    if found is None:
        return tuple(readings)
    as_written = [r for r in readings if r.nominative == word and r.cases == ALL_CASES]
    if not as_written or _undeclined_surname(word):
        return tuple(readings)
    kind = found.lastgroup
    case = "prep" if kind in ("prep", "prep_vowel") else "dat"
    stem = word[:-1] + {"soft": "ь", "vowel": "й", "prep_vowel": "й"}.get(kind or "", "")
    form = NameReading(stem, "surname", "m", frozenset({case}))
    # (Not pymorphy3's guesses for words its dictionary lacks: `Мирзазаде`, an undeclined
    # `-заде`, it guesses to be `Мирзазад`'s prepositional.)
    likeliest = next(iter(parses(fold(word))), None)
    known = (
        likeliest is not None
        and likeliest.is_known
        and likeliest.tag.case == ("loct" if case == "prep" else "datv")
        and likeliest.normal_form == fold(stem)
        and bool(likeliest.tag.grammemes & {"Surn", "Name"})
    )
    if known and any(r.role == "given" and case in r.cases for r in before_readings):
        # (The dictionary's: no surname written so at all.  Not after a given name that
        # is in no such case: `Жуан Лоуренсу`, in the nominative.)
        return (form, *(r for r in readings if r not in as_written))
    if case == "prep" and not any(
        r.role == "given" and "prep" in r.cases and r.nominative != before for r in before_readings
    ):
        return tuple(readings)  # (`Джузеппе Конте`: `-е` ends foreign nominatives too)
    if not known and _TYPICAL_UNDECLINED_RE.search(word):
        return tuple(readings)  # (`Траяну Бэсеску`, `Ахмету Давутоглу`)
    return (*readings, form)  # (two readings: no one until a surname alone says which)


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
CAPITALISED_RE = re.compile(
    r"[А-ЯЁ](?:(?<![А-ЯЁа-яё-].)|(?<=[^А-ЯЁа-яё](?:аль|эль|ибн)-.)|(?<=[^А-ЯЁа-яё]а[сшдтрзн]-.)"
    r"|(?<=^(?:аль|эль|ибн)-.)|(?<=^а[сшдтрзн]-.))"
    r"(?:(?:(?<=М)а?к|(?<=Д)[иеаую]|(?<=Л)[ае]|(?<=Ф)иц|(?<=В)ан)"
    r"[А-ЯЁ]|['’][А-ЯЁ])?"
    r"[а-яё]+"
    r"(?:-[А-ЯЁ][а-яё]+)*(?![А-ЯЁа-яё]|-[А-ЯЁа-яё])"
)
# The lower-case particle of an Arabic name joined to it by a hyphen (`аль-Эриан`,
# `эль-Барадеи`, `ас-Сиси`, `ибн-Сауд`; as `CAPITALISED_RE` lets a capital follow them),
# where it ends.  (Capitalised, `Аль-Джазира`, `Аль-Каида`, it is a name of a thing.)
_HYPHEN_PARTICLE_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:аль|эль|ибн|а[сшдтрзн])-\Z")
# A French `д'` before a capital, not ending a word (`Жанна д'Арк`, `Жискар д'Эстен`).
_APOSTROPHES = frozenset("'’")
_FRENCH_D_RE = re.compile(r"(?<![А-ЯЁа-яё-])д['’]")  # (not `Кот-д'Ивуара`, a place)
# The last word of a text, read backwards (searched for forwards, `(\w+)\s*$` tries every
# position of the text): with its hyphenated parts (`пресс-служба`), or without.
_LAST_WORD_RE = re.compile(r"\s*(\w+)")
_LAST_HYPHENATED_RE = re.compile(r"\s*(\w+(?:-\w+)*)")


def last_word(text: str, *, hyphenated: bool = False) -> str | None:
    """The word ``text`` ends with, before any whitespace, or None if it ends otherwise."""
    word = (_LAST_HYPHENATED_RE if hyphenated else _LAST_WORD_RE).match(text[::-1])
    return word.group(1)[::-1] if word else None


#: A relative clause opened before a name and not closed (`…, которого раскритиковал `,
#: `…, с которым встретился `, `…, чья мать `): a comma, the relative word, no comma,
#: sentence end, colon, dash or quote mark since.
_RELATIVE_OPEN_RE = re.compile(
    r",\s*(?:[а-яё]{1,4}\s+)?(?:котор|чь[иейяюёмх])[а-яё]*\s[^,.!?…;:—–«»\"„“]*$", re.IGNORECASE
)


def relative_of_a_person(text: str, at: int) -> str | None:
    """The gender (`m`, `f`) of the noun for one person that a relative clause holding the
    word at ``at`` is about (`с мужчиной, которого раскритиковал Кадыров`: `m`); None where
    the clause is about something else, several people or a name."""
    opened = _RELATIVE_OPEN_RE.search(text, max(0, at - 120), at)
    if opened is None:
        return None
    before = tokens_before(text, opened.start(), 1)
    if not before or not before[-1].islower():
        return None
    tag = likeliest_tag(fold(before[-1]))
    if tag.POS != "NOUN" or tag.animacy != "anim" or tag.number != "sing":
        return None
    return {"masc": "m", "femn": "f"}.get(str(tag.gender))


def _in_relative_clause(text: str, at: int) -> bool:
    """Is the word at ``at`` in a relative clause opened before it (:data:`_RELATIVE_OPEN_RE`,
    within 120 characters)?"""
    start = max(0, at - 120)
    if text.rfind("котор", start, at) < 0 and text.rfind("чь", start, at) < 0:
        return False  # (most names: no relative word before them)
    return _RELATIVE_OPEN_RE.search(text, start, at) is not None


# A sentence's end before a word; not an initial's dot (`— сказал С. Семак`, `В.В. Путин`:
# a capital letter alone before it).
_AFTER_SENTENCE_END_RE = re.compile(r"(?:[!?…]|(?<![^А-ЯЁа-яё][А-ЯЁ])(?<!^[А-ЯЁ])\.)\s+$")


def described_before(text: str, start: int) -> bool:
    """Is the word at ``start`` in apposition to a noun in the nominative before it, past
    words in the genitive (`житель Курска Владимир`, `местный житель Сергей`), other
    than a kinship noun?"""
    for word in reversed(tokens_before(text, start, 3)):
        if word[:1] in '«"':
            return False
        tag = likeliest_tag(fold(word))
        if tag.POS == "NOUN" and tag.case in ("nomn", None):  # (`такси`: not declined)
            return fold(word) not in _KINSHIP
        if tag.case != "gent":
            return False
    return False


def described_after(text: str, end: int) -> bool:
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


def _person_described_after(text: str, end: int) -> bool:
    """Is the word ending at ``end`` followed by a comma and a noun for a person in the
    nominative (`Бен Родс, советник президента`; not `Москва, столица России`, nor a noun
    that describes a state or a company as often, `Коста Рика, член ООН`)?"""
    after = _PERSON_NOUN_AFTER_RE.match(text, end)
    if after is None or after.group(1) in _NOT_ONLY_PEOPLE:
        return False
    tag = likeliest_tag(after.group(1))
    return bool(tag.POS == "NOUN" and tag.case == "nomn" and tag.animacy == "anim")


#: Nouns for a person that describe states, organisations and companies as well.
_NOT_ONLY_PEOPLE = frozenset(
    """
    член участник участница союзник союзница партнер партнёр сосед соседка лидер
    победитель победительница владелец владелица собственник акционер кредитор должник
    спонсор заказчик поставщик покупатель продавец производитель оператор клиент
    резидент учредитель инвестор конкурент соперник противник оппонент основатель
    организатор хозяин хозяйка наследник наследница преемник обладатель обладательница
    чемпион чемпионка финалист финалистка фаворит аутсайдер новичок дебютант
    """.split()
)


_PERSON_NOUN_AFTER_RE = re.compile(r",\s+([а-яё]+(?:-[а-яё]+)?)(?![а-яё-])")


_KINSHIP = frozenset(
    "брат сестра сын дочь дочка отец мать муж жена дед бабушка внук внучка дядя тетя"
    " племянник племянница".split()
)
# A possessive pronoun and a noun right before a name: someone described by another
# (`Ее соперница Анна Иванова`, `его агент Иван Петров`).
POSSESSIVE_BEFORE_RE = re.compile(r"(?<![а-яёА-ЯЁ])(?:[ЕеЁё]е|[Ее]го|[Ии]х)\s+[а-яё]+\s+$")
# A capitalised word no capitalised word follows (a name of one word: `Житель Курска
# Владимир рассказал`; not `Владимир Путин`).
LONE_CAPITALISED_RE = re.compile(r"(?<![А-ЯЁа-яё-])([А-ЯЁ][а-яё]+)(?![\w-])(?!\s+[А-ЯЁ])")


@functools.lru_cache(maxsize=1 << 14)
def _lone_surname(word: str) -> tuple[NameParse, ...]:
    """``word`` read as a surname alone, as if after a given name (`Байден`), or as a
    form of an `-а` surname (`Обама`, `Обамы`, `Чайку`: see
    :func:`~searchlib._speech.names.a_surname_forms`)."""
    readings = [r for r in analyse_word(word, after_given=True) if r.role == "surname"]
    readings += [
        form
        for form in a_surname_forms(word)
        if not any(r.nominative == form.nominative and form.cases <= r.cases for r in readings)
    ]
    return tuple(_combine([readings]))


@functools.lru_cache(maxsize=1 << 12)
def _initialled_surname(word: str) -> tuple[NameParse, ...]:
    """``word`` read as a surname after initials (`Ю.Чайка`, `С. Железняк`): as a name the
    model tagged is (:func:`~searchlib._speech.names.guess_surname`)."""
    return tuple(_combine([[r for r in guess_surname(word) if r.role == "surname"]]))


# Initials right before a word (`Ю.Чайка`, `Ю. Чайка`, `В.В. Путин`), not a word's last letter.
_INITIALS_BEFORE_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:[А-ЯЁ]\.\s?){1,2}\Z")
# A monarch's or a pope's ordinal right after the name (`Карл III`, `Елизаветы II`, `Иоанн
# Павел II`): part of the name.  (Not an order's class or a century: `Серафима Саровского II
# степени`, `Петра I века`… are read by the words after.)
_REGNAL_RE = re.compile(
    r" ((?:X{0,3})(?:IX|IV|V?I{0,3}))(?![\w-])(?!\s+(?:степен|век|класс|созыв|съезд|тысячелет))"
)
# `Римский` of `Папа Римский` (`Папы Римского Франциска`, `Римский папа`): the title's, no name.
_ROMAN_TITLE_RE = re.compile(r"Римск(?:ий|ого|ому|им|ом)")
_POPE = r"ап(?:а|ы|е|у|ой)"  # (`Папа` in every case but its first letter)
_POPE_BEFORE_RE = re.compile(rf"(?<![А-ЯЁа-яё])[Пп]{_POPE}\s+\Z")
_POPE_AFTER_RE = re.compile(rf"\s+[Пп]{_POPE}(?![А-ЯЁа-яё])")
_POPE_RE = re.compile(rf"П{_POPE}")
# The title right before a name (`Папа Франциск`, `Папы Римского Бенедикта XVI`): a pope's.
_POPE_TITLE_BEFORE_RE = re.compile(rf"(?<![А-ЯЁа-яё])[Пп]{_POPE}(?:\s+[Рр]имск[а-я]+)?\s+\Z")
# What makes a capitalised `Папа` a title: `Римский` or a name after it.  (Spaces of any
# kind between the words, as the other title patterns allow: news text has no-break ones.)
_NAME_OR_TITLE_AFTER_RE = re.compile(r"\s+[А-ЯЁ][а-яё]")


@functools.lru_cache(maxsize=1 << 14)
def _guessed_run(words: tuple[str, ...]) -> tuple[NameParse, ...]:
    """Parses of a run the model tags as a person's name, read beyond the lexicon.

    Words before the last are given names (or a patronymic), the last one the
    surname; a given name the lexicon cannot read gets the readings the
    dictionary has (`Аси`: `Ася` in the genitive), or those its ending allows
    (`Юргена`: `Юрген` in the genitive; `Абэ`: not declined) where the
    dictionary has none that fit; where the dictionary's give no nominative,
    the ending's nominative too (`— сказал Дани Алвес`: the dictionary knows
    `Дани` only as `Даня`'s genitive).
    """
    found: list[NameParse] = []
    for dictionary in (True, False):
        readings = _run_readings(words, dictionary=dictionary)
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
    if not found and len(words) == 2 and words[0][-1:] in VOWELS:
        # No reading agrees: a given name ending in a vowel may be one not declined, as
        # Finnish, Portuguese, Japanese and African ones are (`— сказал Ханну Йортикка`:
        # `Ханну` read only as `Ханн`'s dative or `Ханна`'s accusative left it a surname
        # alone).  (Two words only: in a longer run the words before may be another's
        # name, `Представитель генсека ООН Антониу Гутерриша Педру Кошта`.)
        readings = _run_readings(words, dictionary=False)
        readings[0].append(NameReading(words[0], "given", None, ALL_CASES))
        found = _combine(readings)
    return tuple(dict.fromkeys(found))


def _run_readings(words: tuple[str, ...], *, dictionary: bool) -> list[list[NameReading]]:
    """Each word's readings in a run read beyond the lexicon (see :func:`_guessed_run`):
    the last a surname, the others given names, by the dictionary's readings where
    ``dictionary`` allows and it has some, else by their endings."""
    readings: list[list[NameReading]] = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            surname = guess_surname(word)
            if i:  # (`Йенсу Столтенбергу`: see _oblique_consonant; `Хосе Гарсии`: _oblique_a_form)
                surname = list(_oblique_consonant(word, surname, words[i - 1], readings[-1]))
                form = _oblique_a_form(word, words[i - 1], readings[-1])
                if form is not None:
                    surname = list(_instead_as_written(word, tuple(surname), form))
                if any("ins" in r.cases and r.nominative != words[i - 1] for r in readings[-1]):
                    # (`— заявил Гэвин Ньюсом`: an `-ом` surname as written may be a
                    # nominative; not after a given name read as an instrumental, `с
                    # кинокритиком Джином Сискелом`; `Артем Дзюба` is no `Арт`'s)
                    surname = [r for r in surname if not (r.nominative == word and r.cases == _NOM)]
            readings.append(surname)
        else:
            known = [r for r in analyse_word(word) if r.role in ("given", "patronymic")]
            readings.append(known or guess_given(word, dictionary=dictionary))
    return readings


def read_by_endings(mention: Mention, case: str) -> list[NameParse]:
    """A full name its sentence puts in ``case`` read by its words' endings alone, where no
    reading of the lexicon's or the dictionary's is in that case: `По мнению аналитика
    Юханнеса Рибера Нурдбю` (the dictionary knows `Юханнеса` only as a woman's name in
    the nominative) is `Юханнес Рибер Нурдбю`'s genitive.  Only a run of two or more
    words no lexicon reads in full."""
    words = mention.words
    if len(words) < 2 or parse_run(words)[1]:
        return []
    return [p for p in _combine(_run_readings(words, dictionary=False)) if case in p.cases]


@functools.lru_cache(maxsize=1 << 14)
def _lone_given(word: str) -> tuple[NameParse, ...]:
    """A known given name on its own (`Андрей`, `Ольги`): a person named by it alone."""
    readings = [
        NameReading(r.nominative, "surname", r.gender, r.cases)
        for r in analyse_word(word)
        if r.role == "given"
    ]
    return tuple(_combine([readings])) if readings else ()


#: The short names of ministries and federal agencies (`Минцифры`, `Минобрнауки`,
#: `Роспотребнадзора`, `Ростехнадзор`) and of the `Роском…` ones (`Роскомнадзор`, the
#: `Роскомсвобода` project): no part of a person's name, though the name model may read
#: them with the name after them, or alone (`По информации же Роскомсвободы, «…»`).
_INSTITUTION_RE = re.compile(
    r"(?:Мин(?:фин|оборон|обрнаук|просвещ|здрав|цифр|эконом|промторг|транс|энерго|сельхоз"
    r"|юст|труд|культ|природ|строй|спорт|вост|кавказ|чс|иностр|регион|связ|комсвяз|нац)"
    r"|Рос(?:стат|космос|атом|нефт|гвард|потребнадзор|ком|сельхознадзор|здравнадзор"
    r"|реестр|авиаци|морречфлот|архив|молодеж|туризм|технадзор|рыболовств|недр|финмониторинг"
    r"|алкогол|транснадзор|аккредитац|гидромет|имуществ|тех|сет))[а-яё]*$",
    re.IGNORECASE,
)


def _past_surname(words: Sequence[str], first: int) -> int:
    """Where a name the model sees from ``words[first]`` to the last word really starts,
    when it ends in an oblique case: past a word of it that ends as a Russian man's
    surname and that the name lexicon reads so in the nominative, not as a given name
    (`— сказал Лавров Блинкену`, `Сергей Лавров Энтони Блинкену`: the speaker, then
    whom he spoke to, which the model reads as one name).  Not where the last word is a
    surname the dictionary knows as undeclined and the word before none it knows as a
    surname (`— сказал Беньямин Нетаньяху`: its `-у` is no case's; it gave `Беньямин`;
    but `— сказал Путин Нетаньяху`).  Nor at the short name of a ministry or an agency
    the model read with it (`глава Минцифры Максут Шадаев`), nor at a surname in an
    oblique case before the name (`перед Макаровым Максименко`: see
    :func:`_oblique_surname_only`)."""
    while first < len(words) - 1 and _INSTITUTION_RE.match(words[first]):
        first += 1
    while first < len(words) - 1 and _oblique_surname_only(words[first]):
        first += 1  # (`В извинении перед Макаровым Максименко отметил`: who spoke is after)
    if len(words) - first < 2 or not _OBLIQUE_NAME_END_RE.search(words[-1]):
        return first  # (the name the model sees ends in its nominative, as most do)
    if _undeclined_surname(words[-1]) and not _dictionary_surname(words[-2]):
        return first
    # (An `-ом` may be a foreign surname's nominative, `Гэвин Ньюсом`: split there only
    # past a surname the dictionary knows, `Лавров Блинкеном`, not one only its ending
    # makes one, `Гэвин`.)
    instrumental = words[-1].endswith("ом")
    for i in range(len(words) - 2, first - 1, -1):
        if not _MANS_SURNAME_RE.search(words[i]):
            continue
        if instrumental and not _dictionary_surname(words[i]):
            continue
        readings = analyse_word(words[i])
        if any(r.role == "surname" and "nom" in r.cases for r in readings) and not any(
            r.role == "given" for r in readings
        ):
            return i + 1
    return first


def _oblique_surname_only(word: str) -> bool:
    """Does the name lexicon read ``word`` only as a Russian surname in an oblique case
    (`Макаровым`, `Петрову`), never a given name nor a nominative: no name's first word?"""
    if not _OBLIQUE_SURNAME_RE.search(word):
        return False
    readings = analyse_word(word)
    return bool(readings) and all(r.role == "surname" and "nom" not in r.cases for r in readings)


#: How a Russian surname in an oblique case ends (`Макаровым`, `Лаврову`, `Путиной`).
_OBLIQUE_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|ой|е|ых|ыми)$")


def _dictionary_surname(word: str) -> bool:
    """Does the dictionary itself know ``word`` as a surname in the nominative (`Лавров`,
    `Путин`; not `Гэвин`, which only its ending makes one)?"""
    return any(
        p.is_known and "Surn" in p.tag.grammemes and p.tag.case == "nomn"
        for p in parses(fold(word))
    )


def _undeclined_surname(word: str) -> bool:
    """Does the dictionary know ``word`` as a surname or name that is not declined
    (`Нетаньяху`, `Шойгу`)?"""
    return any(
        "Fixd" in p.tag.grammemes and p.tag.grammemes & {"Surn", "Name"} for p in parses(fold(word))
    )


#: A Russian man's surname in the nominative, of five letters or more (`Лавров`,
#: `Собянин`; not `Дин`, nor a woman's `Корина`, where a foreign name in `-у` follows).
_MANS_SURNAME_RE = re.compile(r"^\w{2,}(?:ов|ев|ёв|ин|ын|ский|цкий)$")


#: Armenian and Georgian surnames (`Тосунян`, `Саакашвили`, `Гахокидзе`), in any case.
_CAUCASIAN_SURNAME_RE = re.compile(r"(?:ян|янц|швили|дзе)(?:а|у|ом|е)?$")


def _unknown_given_before(before: str, surname: str) -> bool:
    """Is ``before``, read by the lexicon only as a Russian surname (`Гарегин`, a man's
    name of the `-ин` type), rather an unknown given name, the Armenian or Georgian
    ``surname`` after it being the name's own (`Гарегин Тосунян`)?  Two surnames in a row
    name two people only in a list, and never so."""
    if not _MANS_SURNAME_RE.match(before) or not _CAUCASIAN_SURNAME_RE.search(surname):
        return False
    if _MANS_SURNAME_RE.match(surname):
        return False
    readings = analyse_word(before)
    return bool(readings) and all(r.role == "surname" for r in readings)


#: How a name in the dative or instrumental ends (`Блинкену`, `Путину`, `Ивановой`).
_OBLIQUE_NAME_END_RE = re.compile(r"(?:у|ю|ой|ом|ым|им)$")


@functools.lru_cache(maxsize=1 << 14)
def _given_and_patronymic(words: tuple[str, ...]) -> tuple[NameParse, ...]:
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


class ModelBudget:
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
    after = NEXT_LOWER_WORD_RE.match(text, word.end())
    return after is not None and verb_agrees(after.group(1), gender)


def verb_agrees(word: str, gender: str) -> bool:
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


NEXT_LOWER_WORD_RE = re.compile(r"\s+([а-яё]+)(?=[\s,.;:!?…»\")]|$)")


def _names_a_thing(text: str, word: re.Match[str]) -> bool:
    """Is a lone capitalised adjective-type word the first of an organisation's or a
    place's name, an adjective after it (`Королевского технологического института`,
    `Московского государственного университета`), or an adjective of the noun after
    it (`— заявил Белгородский губернатор Вячеслав Гладков`, `— писал Яснополянский
    мудрец`), rather than a surname?"""
    if not word.group().endswith(_ADJECTIVE_ENDINGS):  # (most names: not looked up)
        return False
    after = NEXT_LOWER_WORD_RE.match(text, word.end())
    if after is None:
        return False
    following = likeliest_tag(after.group(1))
    if following.POS not in ("ADJF", "PRTF", "NOUN"):
        return False
    own = likeliest_tag(word.group().lower())
    if own.POS not in ("ADJF", "PRTF"):
        return False
    if following.POS != "NOUN":
        # An adjective after it agrees with it in case and number in some reading of each
        # (`Королевского технологического`; not `— цитирует Коморовского польская
        # газета`, a surname's accusative before the subject).
        theirs = {
            (p.tag.case, p.tag.number)
            for p in parses(after.group(1))
            if p.tag.POS in ("ADJF", "PRTF")
        }
        return any(
            p.tag.POS in ("ADJF", "PRTF") and (p.tag.case, p.tag.number) in theirs
            for p in parses(word.group().lower())
        )
    # A noun after it must agree with one of its readings (`Зеленский журналистам` is a
    # surname; `Германо-Российского музея` agrees in its masculine reading, not in the
    # neuter one pymorphy3 likes best).
    return any(
        p.tag.POS in ("ADJF", "PRTF")
        and all(
            getattr(p.tag, name) == getattr(following, name)
            for name in ("case", "number", "gender")
        )
        for p in parses(word.group().lower())
    )


_ADJECTIVE_ENDINGS = tuple(
    "ий ый ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ей их ых ыми ими".split()
)


def _model_name_start(
    text: str, run: Sequence[re.Match[str]], last: int, budget: ModelBudget
) -> int | None:
    """Index in ``run`` where a person name the model finds, ending with ``run[last]``, starts."""
    key = tuple(m.group() for m in run[max(0, last - 3) : last + 1])
    verdicts = budget.verdicts
    known = verdicts.get(key)
    if known is None:
        if not budget.spend():
            return None  # the paragraph has had its share of the model: the rules alone
        known = 0
        (offset, window_end), spans = _person_spans_around(text, run[last].start())
        for span_start, span_end in _spaced_spans_joined(text[offset:window_end], spans):
            if offset + span_start <= run[last].start() and run[last].end() <= offset + span_end:
                first = last
                while first > 0 and run[first - 1].start() >= offset + span_start:
                    first -= 1
                known = last - first + 1
                break
        if known:  # (a name is a name; a word the model passed over may be one elsewhere)
            verdicts[key] = known
    return last - known + 1 if known else None


def _spaced_spans_joined(text: str, spans: Sequence[Span]) -> list[Span]:
    """The model's person spans of ``text``, two words it tags as names of their own with
    only spaces between them joined into one.

    The model sometimes tags each word of a foreign name as a name of its own
    (`— заявила Кайя Каллас`: `Кайя`, `Каллас`).  Two people are written so where
    the first is the second's genitive (`адвокат Темерханова Мусаев`, `советник
    Трампа Миллер`, `представитель Нетаньяху Мирон`): joined only where the first
    word may be a nominative (pymorphy3 reads it so, and, where it reads it as a
    genitive too, no person's noun stands before it) or the second is a Russian
    surname's genitive (`Юсупа Темерханова`, one person's name the model split), the
    first does not end as a Russian surname or an adjective does, and the first span is
    one word, the second one word too or a given name in the nominative and the rest of
    a name that does not repeat the first word (`Нейл` and `Патрик Харрис`; not
    `Алексея Навального Олег…`, nor `Менеджер Хьюстон Патриша Хьюстон`, whose manager).
    """
    joined: list[Span] = []
    for start, end in spans:
        if joined and _ONLY_SPACES_RE.fullmatch(text, joined[-1][1], start):
            first_start, first_end = joined[-1]
            first = text[first_start:first_end]
            if (
                _ONE_WORD_RE.fullmatch(first)
                and (
                    _ONE_WORD_RE.fullmatch(text, start, end)
                    or (
                        _opens_with_given_name(text, start, end)
                        and fold(first) not in map(fold, text[start:end].split())
                        and _no_governing_word_before(text, first_start)
                    )
                )
                and not _TYPICAL_SURNAME_RE.search(first)
                and not first.endswith(_ADJECTIVE_ENDINGS)
                and (
                    _may_open_a_name(text, first_start, first)
                    or _GENITIVE_SURNAME_RE.fullmatch(text, start, end) is not None
                )
            ):
                joined[-1] = (first_start, end)
                continue
        joined.append((start, end))
    return joined


def _no_governing_word_before(text: str, start: int) -> bool:
    """Is the word before ``start`` neither a preposition nor a noun in an oblique case, either
    of which would make the name at ``start`` another's (`у Кличко Ирина Пустовойтенко`,
    `адвокат семьи Кеннеди Роберт Шапиро`), as a verb or a noun in the nominative does not
    (`— заявил актер Нейл Патрик Харрис`)?"""
    before = _LAST_LOWER_WORD_RE.search(text, 0, start)
    if before is None:
        return True
    word = before.group(1)
    if word in PREPOSITIONS:
        return False
    tag = likeliest_tag(word)
    return not (tag.POS == "NOUN" and tag.case != "nomn")


def _opens_with_given_name(text: str, start: int, end: int) -> bool:
    """Does a span of two or three words open with a given name in the nominative, as the
    lexicon or the dictionary knows it (`Патрик Харрис` after `Нейл`: one American name,
    `Нейл Патрик Харрис`)?"""
    words = text[start:end].split()
    if not 2 <= len(words) <= 3:
        return False
    if any(r.role == "given" and "nom" in r.cases for r in analyse_word(words[0])):
        return True
    return any("Name" in p.tag.grammemes and p.tag.case == "nomn" for p in parses(fold(words[0])))


def _may_open_a_name(text: str, start: int, word: str) -> bool:
    """May ``word`` (at ``start``) be a nominative given name, not a genitive some person's
    noun before it governs (`советник Трампа`, `представитель Нетаньяху`)?"""
    cases = {str(p.tag.case) for p in parses(fold(word))}
    if "nomn" not in cases:
        return False  # (`Трампа`, `Макрона`: genitives only)
    if "gent" not in cases:
        return True  # (`Кайя`)
    before = _LAST_LOWER_WORD_RE.search(text, 0, start)
    return before is None or not person_noun(before.group(1))


_LAST_LOWER_WORD_RE = re.compile(r"([а-яё]+)\s+$")
#: A Russian surname's genitive, the whole span (`Темерханова`): the word before it, a
#: genitive too, is its given name (`адвокат Юсупа Темерханова Мурад Мусаев`).
_GENITIVE_SURNAME_RE = re.compile(r"[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын)а")


_ONLY_SPACES_RE = re.compile(r"[^\S\n]+")
_ONE_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


# (`--`: the dash of typewritten and digitised texts.)
_DIALOGUE_DASH_RE = re.compile(r"(?:^|[.!?…]\s*|\n\s*)(?:--|[—–-])\s*$")


_NON_SPACE_RE = re.compile(r"\S")


def text_start_of(text: str) -> int:
    """``len(text) - len(text.lstrip())``, without copying the text."""
    first = _NON_SPACE_RE.search(text)
    return first.start() if first else len(text)


def _opens_sentence(text: str, position: int) -> bool:
    """Does the word at ``position`` open a sentence (or a line of dialogue)?"""
    before = text[max(0, position - 8) : position]
    return (
        position <= text_start_of(text)
        or bool(_AFTER_SENTENCE_END_RE.search(before))
        or bool(_DIALOGUE_DASH_RE.search(before))
    )


class Skip:
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

    def within(self, start: int, end: int, *, around: bool = True) -> Skip:
        """The spans that overlap ``start:end`` (without ``around``: less any containing it)."""
        spans = self._overlapping(start, end)
        if not around:
            spans = [s for s in spans if not (s[0] <= start and end <= s[1])]
        return Skip(spans)

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


def word_gender(word: str) -> str | None:
    """The gender (`m`, `f`) a capitalised word tells as a name in the nominative: the
    lexicon's nominative readings (`Набиуллина`: a woman), else the dictionary's surname
    (`Меркель`); None where neither tells (`Трамп`, `Мурашко`)."""
    told = {r.gender for r in analyse_word(word) if "nom" in r.cases} - {None}
    if len(told) == 1:
        return told.pop()
    if told:
        return None
    gender = _surname_gender(fold(word))
    return {"masc": "m", "femn": "f"}.get(gender or "")


def _owners_genitive(text: str, start: int, word: str) -> bool:
    """Is ``word`` (at ``start``), the first of a name the model found, the genitive of
    whose the person noun before it, in the nominative, is (`сын Байдена Хантер`, `жена
    Макрона Брижит`): no given name the lexicon knows (`адвоката Ивана Петрова` is one
    man), a genitive and never a nominative to pymorphy3?"""
    if not word.endswith(GENITIVE_ENDINGS) or any(r.role == "given" for r in analyse_word(word)):
        return False  # (`прокурор Крэйг Уоткинс`: pymorphy3 guesses `Крэйг` a genitive)
    cases = {str(p.tag.case) for p in parses(fold(word))}
    if "nomn" in cases or "gent" not in cases:
        return False
    # (The word before, as every word before a name is looked for, within 40 characters;
    # a person noun in the nominative: `адвоката Эмманюэля Гейяра`, both genitives, is the
    # lawyer himself.)
    before = _LAST_LOWER_WORD_RE.search(text, max(0, start - 40), start)
    return (
        before is not None
        and person_noun(before.group(1))
        and likeliest_tag(fold(before.group(1))).case == "nomn"
    )


#: How a name in the genitive ends (`Байдена`, `Макрона`, `Кошты`, `Гарсии`).
GENITIVE_ENDINGS = ("а", "я", "и", "ы")


def person_noun(word: str) -> bool:
    """Is ``word`` most likely a noun for a person (`помощник`, `советник`, `жена`), whose
    genitive a name after it may be?"""
    tag = likeliest_tag(fold(word))
    return bool(tag.POS == "NOUN" and tag.animacy == "anim")


#: The words right before a name, back to a punctuation mark, the nearest last.
_WORDS_BEFORE_RE = re.compile(r"(?:[А-ЯЁа-яёA-Za-z-]+\s+){1,4}\Z")
_CHAIN_WORD_RE = re.compile(r"[А-ЯЁа-яёA-Za-z-]+")


def _of_a_person_before(before: str) -> bool:
    """Does a noun for a person in the genitive singular stand before a name, past the
    words of what that person is of (`Представитель генсека ООН Антониу Гутерриша
    заявил`: the name is `генсека`'s, in the genitive, the speaker its holder's helper)?
    A noun that may be a nominative (`премьер-министр Португалии Антониу Кошта`) is the
    name's own role; one in another case (`— заявил журналистам в Брюсселе Антониу
    Кошта`, `перед студентами университета`) is whom a verb addresses; and the name may
    follow a verb or a preposition as its subject (an independent review's probes)."""
    words = _WORDS_BEFORE_RE.search(before)
    if words is None:
        return False
    for word in reversed(_CHAIN_WORD_RE.findall(words.group())):
        folded = fold(word)
        if folded in PREPOSITIONS:
            return False
        if person_noun(word):
            found = parses(folded)
            return not any(p.tag.case == "nomn" for p in found) and any(
                p.tag.case == "gent" and p.tag.number == "sing" for p in found
            )
        if likeliest_tag(folded).POS in ("VERB", "GRND", "INFN"):
            return False
    return False


def _heads_genitive(text: str, word: re.Match[str]) -> bool:
    """Is ``word`` a noun for a thing opening the sentence (`Оптимизм Чилингарова
    разделил…`, `Позицию Петрова поддержал…`), so that a name right after it is its
    genitive?  (A noun for a person stands beside the name: `Горничная Лизка`.)"""
    if not _opens_sentence(text, word.start()) or not is_common_word(word.group()):
        return False
    folded = fold(word.group())
    return word_class(folded) == "noun" and likeliest_tag(folded).animacy == "inan"


def _with_ordinal(parse: NameParse, given: Sequence[NameReading], number: str) -> str:
    """A monarch's or pope's name read as ``parse``, its last word and the ordinal
    ``number``; a second given name in the case of the first (`Иоанна Павла II`: `Павел`,
    not `Павла`), ``given`` being the lexicon's given-name readings of that word."""
    if parse.given:
        forms = {r.nominative for r in given if r.cases & parse.cases}
        if len(forms) == 1:
            return f"{forms.pop()} {number}"
    return f"{parse.surname} {number}"


#: A noun for a settlement or a territory, in the genitive, right before a word (`мэр
#: города Немуро`, `префектуры Хоккайдо`, `провинции Лимпопо`): that word names the place.
_PLACE_NOUN_BEFORE_RE = re.compile(
    r"(?<![а-яё])(?:города|городка|поселка|посёлка|села|деревни|станицы|аула|района|округа"
    r"|области|края|провинции|префектуры|штата|графства|кантона|департамента|коммуны"
    r"|муниципалитета|уезда|острова|островов|атолла|эмирата|княжества|республики|региона"
    r"|столицы)\s+$"  # (in lower case: `Доминиканской Республики Данило Медина` is a name's)
)
#: The ending of a place's name that is not declined (`Немуро`, `Хоккайдо`, `Лимпопо`,
#: `Сочи`, `Баку`): a declined one would be in the genitive after the noun.
_UNDECLINED_END_RE = re.compile(r"[оиуэеюё]$")


def _place_named_first(text: str, head: int, word: str) -> bool:
    """Does the capitalised ``word`` at ``head``, a name's first word, name a place: right
    after a noun for a settlement or territory, not declined, and no given name the lexicon
    knows (`мэру города Елене Лапушкиной` names no town)?"""
    return (
        _UNDECLINED_END_RE.search(word) is not None
        and _PLACE_NOUN_BEFORE_RE.search(text, max(0, head - 20), head) is not None
        and not any(r.role == "given" for r in analyse_word(word))
    )


#: What says that a place or body is named after the person whose name follows (`им.`,
#: `имени`), and the initials of that name (`им. С. Есенина`).
_NAMED_AFTER_RE = re.compile(
    r"(?<![А-ЯЁа-яё])(?:им\.|имени)\s*(?:[А-ЯЁ]\.\s*){0,2}$", re.IGNORECASE
)


def read_mentions(
    text: str,
    start: int,
    end: int,
    skip: Skip,
    budget: ModelBudget,
    *,
    model: bool = False,
) -> list[Mention]:
    """Person-name candidates in ``text[start:end]`` outside the ``skip`` spans.

    Names are runs of capitalised words with only spaces between them.  With
    ``model``, the name model reads the runs the lexicon cannot (it costs a
    few milliseconds a sentence: the speaker's clauses ask, a whole paragraph
    does only for runs of two or more capitalised words), as long as the
    paragraph's ``budget`` lasts.
    """
    # (Each stretch between skipped spans searched on its own: they open and close with quote
    # marks, which no word takes in, so the words are those found in all of ``start:end``.)
    tokens = [m for gap in skip.gaps(start, end) for m in CAPITALISED_RE.finditer(text, *gap)]
    mentions: list[Mention] = []
    run: list[re.Match[str]] = []
    text_start = text_start_of(text)

    def mention(first: int, last: int, parses: Sequence[NameParse], known_only: bool) -> None:
        if first < last and _place_named_first(text, heads[first], written[first]):
            # `мэр города Немуро Кошта`, `губернатор префектуры Хоккайдо Судзуки`: the
            # place's name, then the person's surname (`Немуро Кошта` was a wrong name)
            parses = [attrs.evolve(p, given=None) for p in parses if not p.patronymic]
            first += 1
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
        previous_word = last_word(before)
        if last == first + 1:
            # `— сказал Антониу Кошта`, `Антониу Кошта прибыл`: `Кошта` read only as `Кошт`'s
            # genitive gave the man as `Антониу Кошт`, or nobody.
            nominative = _a_surname_nominative(written[first : last + 1], parses)
            if (
                nominative is not None
                and not (previous_word and person_noun(previous_word))
                and not _of_a_person_before(before)
            ):
                parses = [*parses, nominative]
        governed = bool(previous_word and fold(previous_word) in PREPOSITIONS)
        if not governed and mentions and mentions[-1].after_preposition:
            # A name joined to one a preposition takes is taken by it too (`об Аврааме и
            # Сарре`, `между Карлсеном и Карякиным`): an object, as that one is.
            governed = bool(JOINED_RE.fullmatch(text, mentions[-1].span[1], head))
        end = run[last].end()
        regnal = False
        if last == len(run) - 1 and not any(p.patronymic for p in parses):
            ordinal = _REGNAL_RE.match(text, end)
            if ordinal is not None and ordinal.group(1):  # `Карл III`: the ordinal is the name's
                number = ordinal.group(1)
                given = [r for r in analyse_word(written[last]) if r.role == "given"]
                # (of the gender a given name the lexicon knows says: `Карл`, `Елизавета`)
                told = {r.gender for r in given}
                gender = told.pop() if len(told) == 1 else None
                parses = [
                    attrs.evolve(
                        p, surname=_with_ordinal(p, given, number), gender=p.gender or gender
                    )
                    for p in parses
                ]
                end, regnal = ordinal.end(), True
        titled = bool(_POPE_TITLE_BEFORE_RE.search(before))
        if titled:  # `Папа Франциск`: a pope, a man, named here whether the lexicon knows him
            parses = [attrs.evolve(p, gender=p.gender or "m") for p in parses]
            known_only = False
        initial = head <= text_start or bool(_AFTER_SENTENCE_END_RE.search(before[-8:]))
        # (A name with an ordinal or a pope's title is a person wherever it stands.)
        confirmed = (
            regnal
            or titled
            or (
                initial
                and first == last == 0
                and not known_only
                and _subject_surname(text, run[last])
            )
        )
        mentions.append(
            Mention(
                words=tuple(written[first : last + 1]),
                span=(head, end),
                parses=tuple(parses),
                sentence_initial=initial and first == 0,
                after_preposition=governed,
                known_only=known_only,
                confirmed=confirmed,
                relative=not initial and _in_relative_clause(text, head),
            )
        )

    def past_opening_word(first: int | None) -> int | None:
        """A dictionary word opening the sentence is no given name (`Ранее Макаревич`,
        `Горничная Лизка`; for `Оптимизм Чилингарова` see `_heads_genitive`)."""
        if (
            first == 0
            and _opens_sentence(text, heads[0])
            and _common(written[0])
            and not prefix_guess_only(written[0])  # (`Паникос Димитриадис, председатель`)
        ):
            return 1
        return first

    def flush() -> None:
        words = list(written)
        before_name = False
        while words:
            if _INSTITUTION_RE.match(words[-1]):
                words.pop()  # (`Минцифры`: no name, whatever the model or the lexicon says)
                continue
            first, parses = parse_run(tuple(words))
            if (
                parses
                and 0 < first == len(words) - 1
                and _unknown_given_before(words[first - 1], words[first])
                and past_opening_word(first - 1) == first - 1
            ):
                # `Гарегин Тосунян`: an Armenian or Georgian surname after a word the
                # lexicon reads only as a Russian surname is that word's given name
                guessed = _guessed_run(tuple(words[first - 1 :]))
                if guessed:
                    first, parses = first - 1, guessed
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
            if (
                model_first is not None
                and model_first < len(words) - 1
                and _owners_genitive(text, heads[model_first], words[model_first])
            ):
                model_first += 1  # `— сказал сын Байдена Хантер`: whose son, then who he is
            if model_first is not None and model_first >= len(words):
                model_first = None
            if model_first is not None:
                guessed = _guessed_run(tuple(words[model_first:]))
                if guessed:
                    mention(model_first, len(words) - 1, guessed, known_only=False)
                    del words[model_first:]
                    before_name = True
                    continue
            # Two words in no dictionary that the model passed over, a person described
            # right after them (`Бен Родс, заместитель советника Обамы, отметил:`): a
            # given name and a surname.
            if (
                asked
                and len(words) >= 2
                and not _common(words[-1])
                and not _common(words[-2])
                and past_opening_word(len(words) - 2) == len(words) - 2
                and _person_described_after(text, run[len(words) - 1].end())
            ):
                guessed = _guessed_run(tuple(words[-2:]))
                if guessed:
                    mention(len(words) - 2, len(words) - 1, guessed, known_only=False)
                    del words[-2:]
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
    namesake: re.Match[str] | None = None  # (the last word of a namesake's, see below)
    for token in tokens:
        start = token.start()
        found = token.group()  # (`word`, below, is the name's word from its particle)
        if _NAMED_AFTER_RE.search(text, max(0, start - 16), start) or (
            namesake is not None
            and not text[namesake.end() : start].strip()
            and _genitive_only(found)
        ):
            # `драмтеатра им. Пушкина Петр Аникин`, `РГУ им. С. Есенина Алексея Зимина`,
            # `больницы имени Льва Толстого`: whose name a body bears, no one's here
            flush()
            namesake = token
            continue
        namesake = None
        if (
            _ROMAN_TITLE_RE.fullmatch(found)
            and (
                _POPE_BEFORE_RE.search(text, max(0, start - 8), start)
                or _POPE_AFTER_RE.match(text, token.end())
            )
        ) or (_POPE_RE.fullmatch(found) and _NAME_OR_TITLE_AFTER_RE.match(text, token.end())):
            # `Папа Римский Франциск`, `Зеленский Папе Римскому`, `Папа Франциск`: the title's
            # words, not a name's
            continue
        if text[start - 1 : start] == "-":  # `— сказал аль-Эриан`: one word from `аль`
            particle = _HYPHEN_PARTICLE_RE.search(text, max(0, start - 4), start)
            assert particle is not None  # (CAPITALISED_RE took the capital after one)
            start = particle.start()
        elif text[start - 1 : start] in _APOSTROPHES and _FRENCH_D_RE.match(text, start - 2):
            start -= 2  # `Жанна д'Арк`: one word from `д'` (its name's, see hyphenated_surname)
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


def _genitive_only(word: str) -> bool:
    """Does the name lexicon read ``word`` only in the genitive (or accusative), and as no
    given name, as the rest of a namesake's name is (`имени Льва Толстого`; not `им. С.
    Есенина Алексея Зимина`, whose given name starts another's)?"""
    readings = analyse_word(word)
    return bool(readings) and all(
        "gen" in r.cases and "nom" not in r.cases and r.role != "given" for r in readings
    )


def _common(word: str) -> bool:
    """:func:`is_common_word` of a word of a name (one with particles is none, nor is a
    particle: `Ле Пен`, `Де Голль` opening a sentence)."""
    return " " not in word and fold(word) not in PARTICLES and is_common_word(word)


def same_given(a: str, b: str) -> bool:
    """`Реджеп` and `Реджеп Тайип`: the shorter given name is part of the longer one."""
    left, right = a.split(), b.split()
    shorter, longer = sorted((left, right), key=len)
    return all(word in longer for word in shorter)


# A word or a quoted name (see tokens_before).
_TOKEN_RE = re.compile(r"«[^«»]{1,60}»|\"[^\"]{1,60}\"|[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def tokens_before(text: str, start: int, limit: int = 8) -> list[str]:
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
