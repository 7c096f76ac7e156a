"""The people an article has named so far, looked up from the most recently named.

:class:`Registry` keeps them by surname and by alias, with what the speaker
rules ask of the sentences read so far (which point back with a pronoun,
which give an unnamed source's words) and a role waiting for its person
(:class:`PendingRole`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from searchlib._morph import likeliest_tag
from searchlib._speech.mentions import (
    ALL_CASES,
    CAPITALISED_RE,
    LONE_CAPITALISED_RE,
    POSSESSIVE_BEFORE_RE,
    PREPOSITIONS,
    WORD_RE,
    Mention,
    ModelBudget,
    NameParse,
    Person,
    Skip,
    described_after,
    described_before,
    last_word,
    nominative_as_written,
    read_by_endings,
    read_mentions,
    same_given,
)
from searchlib._speech.names import (
    TAG_GENDERS,
    analyse_word,
    fold,
    guess_surname,
    is_common_word,
)
from searchlib._speech.quotes import (
    governing_verb,
    speech_verb,
)
from searchlib._speech.roles import (
    OBLIQUE_ROLE_CASES,
    PLACE_HEAD,
    PLACE_HEAD_ROLES,
    REPRESENTATIVE,
    ROLE_WORD_SET,
    Roles,
)
from searchlib._stemmer import stem_russian

if TYPE_CHECKING:
    from searchlib._speech.speakers import (
        AttributedQuote,
    )

__all__ = [
    "SUBJECT_PRONOUN_RE",
    "PendingRole",
    "Registry",
    "anonymous_sentences",
    "note_alias",
    "pointing_sentences",
    "reported_clauses",
]


# A pronoun, a role noun or a surname refers to one of this many people named most
# recently: real articles name far fewer (36 at most on the development texts, the one
# referred to among the 33 latest), and a hostile one naming thousands must not have
# each mention compared with all of them.
_REGISTRY_WINDOW = 64


#: `и`, `также`, `тоже` right before a name: someone besides (`сделал и Медведев`).
_ALSO_BEFORE_RE = re.compile(r"(?<![а-яё])(?:и|также|тоже)\s+\Z", re.IGNORECASE)
#: Words right after a name that make it another than the one spoken of before: `Депутат
#: Госдумы Ярослав Нилов, в свою очередь, поддержал…`, `…, напротив, …`, `…, со своей
#: стороны, …`.  (Not `также`: `Губернатор … Алексей Смирнов также сообщил` goes on.)
_ANOTHER_AFTER_RE = re.compile(
    r",?\s+(?:в\s+свою\s+очередь|со\s+своей\s+стороны|напротив)(?![а-яё])",
    re.IGNORECASE,
)


#: Readings of full names read two ways kept for :meth:`Registry._fuller`, at most (an
#: article naming thousands of such people must not make each lone surname read them all).
_UNSETTLED_MAX = 256


#: How a Russian-type woman's surname ends (`Петрова`, `Ильина`).
_RUSSIAN_FEMININE_ENDINGS = ("ова", "ева", "ёва", "ина", "ына")


def _may_be(parse: NameParse, person: Person) -> bool:
    """Can a name read as ``parse`` be ``person`` (the surname, no other given name or gender)?"""
    return (
        parse.surname == person.surname
        and not (parse.given and person.given and not same_given(parse.given, person.given))
        # (`В.Юсуфов` is the son Виталий, not the father Игорь the article also names)
        and not (parse.initial and person.given and fold(person.given[:1]) != parse.initial)
        and not (parse.gender and person.gender and parse.gender != person.gender)
    )


@attrs.define
class PendingRole:
    """A role that is a sentence's subject with no name (`Российский президент назвал встречу
    «хорошей»`), waiting for the person the next sentence names as its subject."""

    head: str  # the role noun's stem
    roles: Roles  # with the roles it implies, and what it is of
    where: int  # its sentence
    passed: bool = False  # the next sentence's subject was not the one
    opening: bool = False  # the noun opened its sentence (not `по мнению артиста`)
    # The quotes it said, unresolved: (their paragraph's quotes, index).
    quotes: list[tuple[list[AttributedQuote], int]] = attrs.Factory(list)
    # People its words were about (`По мнению автора петиции, Зюганов «…»`): not the role.
    not_them: list[Person] = attrs.Factory(list)
    person: Person | None = None  # who claimed it
    # Waiting past the paragraph after its own (an article's opening role): only a person
    # introduced with the role claims it, not the next sentence's subject.
    named_only: bool = False
    # The gender its verb said (`— заявила судья`: a woman's role; a masculine verb may be
    # a woman's, `— сказал министр` of a minister named Татьяна later).
    gender: str | None = None


#: A word that may be a verb's past singular (`поговорил`, `поговорила`, `вызвался`).
_PAST_SINGULAR_RE = re.compile(r"(?<![а-яё])[а-яё]+(?:л|ла|лся|лась)(?![а-яё])", re.IGNORECASE)
#: A word that may be a verb's past plural (`подписали`, `встретились`).
_PAST_PLURAL_RE = re.compile(r"(?<![а-яё])[а-яё]+(?:ли|лись)(?![а-яё])", re.IGNORECASE)
#: A subject pronoun of one person (`он`, `она`).
SUBJECT_PRONOUN_RE = re.compile(r"(?<![\w-])(?:[оО]н|[оО]на)(?![\w-])")
#: A personal pronoun that points back at a person (`Она попросила…`, `с ним`, `ей`).
_POINTING_RE = re.compile(
    r"(?<![а-яёА-ЯЁ-])(?:[оО]н|[оО]на|[оО]ни|ним|него|нему|нем|нём|ней|нее|неё|ними|них|ему|ей)"
    r"(?![а-яё-])"
)


#: What opens a clause reporting what the subject said or thought (`заявил, что он…`).
_REPORTED_CLAUSE_RE = re.compile(r",\s+(?:что|чтобы)(?![а-яё])")


def reported_clauses(text: str, breaks: Sequence[int]) -> dict[int, int]:
    """Sentence of ``text`` (``breaks``: where each next one starts) -> where its first
    reported clause (`, что`) opens; found once for a paragraph (linear in it)."""
    reported: dict[int, int] = {}
    for m in _REPORTED_CLAUSE_RE.finditer(text):
        reported.setdefault(bisect.bisect_right(breaks, m.start()), m.start())
    return reported


def pointing_sentences(
    text: str, breaks: Sequence[int], first: int, reported: dict[int, int]
) -> Iterator[int]:
    """The sentences of ``text`` (numbered from ``first``; ``breaks``: where each next one
    starts) with a personal pronoun pointing back at someone: not one in a clause the
    sentence's subject reports (`Ф.Фийон заявил, что правительство он будет формировать`:
    the subject again; ``reported``: see :func:`reported_clauses`)."""
    for m in _POINTING_RE.finditer(text):
        at = bisect.bisect_right(breaks, m.start())
        if reported.get(at, len(text)) > m.start():
            yield first + at


#: An unnamed source as a sentence's speaker (`источник в правительстве`, `собеседник
#: издания`, `один из участников встречи`), not after a preposition (`со ссылкой на источник`).
_ANONYMOUS_RE = re.compile(
    r"(?<![А-ЯЁа-яё-])(?:[Ии]сточник|[Сс]обеседни(?:к|ца)|[Оо]чевид(?:ец|ица)"
    r"|[Оо]д(?:ин|на) из|(?P<role>[Пп]редставител(?:ь|ьница)|[Сс]отрудни(?:к|ца))"
    # `по словам собеседника агентства`: the sentence gives the source's words
    r"|(?<=[Пп]о словам )(?P<words_of>источника|собеседни(?:ка|цы)|очевид(?:ца|ицы)"
    r"|(?P<role_of>представител(?:я|ьницы)|сотрудни(?:ка|цы)))"
    # `чиновник, пожелавший сохранить анонимность, уверен`: whoever it is, unnamed
    r"|(?P<unnamed>(?:пожелавш|попросивш)(?:ий|ая|ие|его|ей)\s+(?:сохранить\s+анонимность"
    r"|остаться\s+(?:неназванн|неизвестн|анонимн)[а-яё]+"
    r"|не\s+называть\s+(?:сво[её]\s+|его\s+|ее\s+|её\s+)?(?:имя|имени|фамилию))"
    r"|на\s+условиях\s+анонимности))(?![а-яё-])"
)
#: Where a role's description ends, before a name would follow it.
_DESCRIPTION_END_RE = re.compile(r"[,.;:!?()«»\"—–]")


def _unnamed_role(text: str, end: int) -> bool:
    """Does the description of a role noun ending at ``end`` name nobody (`представитель
    Москомстройинвеста заявил`; not `представитель МИД Мария Захарова`, `сотрудник ФСБ
    Петров`)?  Names that only a known person's could be are none."""
    stop = _DESCRIPTION_END_RE.search(text, end, end + 80)
    limit = stop.start() if stop else min(len(text), end + 80)
    return all(m.known_only for m in read_mentions(text, end, limit, Skip([]), ModelBudget({})))


def _of_people(text: str, start: int) -> bool:
    """Is the first noun from ``start`` (of `один из …`) one of people (`участников`,
    `молодых людей`; not `томов`)?"""
    for word in WORD_RE.findall(text, start, start + 40)[:3]:
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


def anonymous_sentences(
    text: str, breaks: Sequence[int], first: int, skip: Skip, reported: dict[int, int]
) -> Iterator[tuple[int, bool]]:
    """The sentences of ``text`` (numbered from ``first``) whose speech verb an unnamed
    source says (`Впрочем, источник в администрации заверил, что…`, `Это подтвердил «Ъ»
    один из участников встречи`; a verb of a statement too, `назвал решение …`; an
    unnamed `представитель` or `сотрудник`), whose words `по словам источника` gives, or
    whose subject asked not to be named, whatever the verb (`чиновник, пожелавший
    сохранить анонимность, уверен`): a pronoun after them is that source's, nobody known.
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
        if (m.group("role") or m.group("role_of")) and not _unnamed_role(text, m.end()):
            continue  # (`представитель МИД Мария Захарова заявил`: named)
        before = last_word(text[max(start, m.start() - 20) : m.start()])
        if before is not None and fold(before) in PREPOSITIONS:
            continue
        read.add(at)
        end = breaks[at] if at < len(breaks) else len(text)
        goes_on = _GOES_ON_RE.match(text, end) is not None
        if (
            (
                m.group("words_of") is not None  # (`По словам собеседника агентства, …`)
                or m.group("unnamed") is not None
                or any(
                    speech_verb(w) or governing_verb(w)  # (`назвал решение …`: said so too)
                    for w in WORD_RE.findall(text[start:end].lower())
                )
            )
            or (
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
            )
        ):
            yield first + at, False
            if goes_on:
                yield first + at + 1, True  # `По его словам, …`: the source goes on


#: A press secretary speaks for what they are the secretary of: a `представитель` of the
#: same thing (`пресс-секретарь ФБР Трэйси Бэллинджер … Представитель ФБР отметила`).
_PRESS_ROLES = frozenset(map(stem_russian, ("пресс-секретарь", "пресс-атташе")))


#: How a lone word a person's surname is likely ends: a Russian `-ов`/`-ин` surname's
#: forms, a Ukrainian, Georgian or Armenian one (not declined).
_LONE_SURNAME_RE = re.compile(
    r"(?:ов|ев|ин|ын)[а-я]{0,2}$|(?:енко|дзе|швили)$|[^аеёиоуыэюя]ян(?:ц|а|у|ом|е)?$"
)


def _speaks_for(role: str, context: frozenset[str], person: Person) -> bool:
    """Is ``person`` the ``role`` of ``context`` by being its press secretary?  Only where
    both say what of, and the same (not `пресс-секретарь президента Дмитрий Песков` for
    `представитель МИД`)."""
    return (
        role == REPRESENTATIVE
        and bool(context)
        and bool(person.context & context)
        and not _PRESS_ROLES.isdisjoint(person.roles)
    )


class _Sentences(NamedTuple):
    """A paragraph's sentences, as :meth:`Registry.read_sentences` takes them."""

    text: str
    breaks: Sequence[int]
    first: int
    skip: Skip
    reported: dict[int, int]


class _Interview(NamedTuple):
    """The last one said to speak to an outlet (see :meth:`Registry.interviewee`)."""

    person: Person | None  # (None: an unnamed source, or an outlet's interviewee unnamed)
    outlet: str  # its key, "" where only a media noun named it
    where: int  # the sentence
    paragraph: int  # how many paragraphs had been read then


#: How many paragraphs back an interview may be for a `собеседник издания` to be its person.
_INTERVIEW_PARAGRAPHS = 3
#: A list going on after a name: `Дэвид Дэвис и его заместитель`.
_AND_NEXT_RE = re.compile(r"\s+и\s")


class Registry:
    """The people an article has named so far, looked up from the most recently named."""

    def __init__(self) -> None:
        # Most recently named last (a person named again moves to the end), in all and by surname.
        self._recent: dict[int, Person] = {}
        self._by_surname: dict[str, dict[int, Person]] = {}
        self._aliases: dict[str, Person] = {}  # a pseudonym's forms -> its person
        self._written: dict[str, Person] = {}  # a surname that names its person as written
        # Full names read two ways and so registered as no one (`на статью Тео Зоммера`:
        # `Тео Зоммер` in the genitive or `Тео Зоммера` undeclined): see _fuller.
        self._unsettled: list[NameParse] = []
        # Roles given a lone surname the rules did not take for a person (`Синоптик
        # Вильфанд призвал…` in a headline): the person later named in full by that
        # surname holds them too (surname -> roles).
        self._lone_roles: dict[str, set[str]] = {}
        self._clock = 0
        self.where = 0  # the article's sentence number being read
        self.paragraph = 0  # the sentence number the paragraph being read starts with
        self.pending: PendingRole | None = None
        # Sentences that point back at someone with a pronoun (`Вместе с ним был…`): see
        # the property.
        self._pointing: set[int] = set()
        # Given names written alone (no surname by them) after a description of their own
        # (`житель Курска Владимир`): name -> where first, as (paragraph, offset).
        self.described_given: dict[str, tuple[int, int]] = {}
        self._texts: list[tuple[int, str]] = []  # (paragraph, text) read so far
        self._scanned = 0  # of them, those whose given names are noted
        # Sentences whose speaker is an unnamed source (`Источник … заверил, что…`), and
        # those that go on with its words (`По его словам, Кононенко не удалось…`): see
        # the properties.
        self._anonymous: set[int] = set()
        self._going_on: set[int] = set()
        # Paragraphs not yet searched for those sentences (see :meth:`read_sentences`).
        self._unread_pointing: list[_Sentences] = []
        self._unread_sources: list[_Sentences] = []
        # Each sentence read: (its paragraph's text, start, end, where a reported clause
        # opens, the paragraph's quoted regions), for :func:`_unnamed_subject`.
        self.sentences: dict[int, tuple[str, int, int, int, Skip]] = {}
        # Of those, what :func:`_unnamed_subject_of` found, when a pronoun asked.
        self.unnamed_subjects: dict[int, tuple[str, bool] | None] = {}
        # The sentence of the last quote said by someone unnamed (`— заявил представитель
        # прокуратуры`): a pronoun right after it goes on with that speaker.
        self.unnamed_speaker_at = -2
        self._interview: _Interview | None = None  # (see :meth:`interviewee`)

    def named_since(self, where: int) -> bool:
        """Was anyone named (or said a quote) in sentence ``where`` or since?"""
        latest = next(self._latest(self._recent), None)
        return latest is not None and latest.where >= where

    def _latest(self, people: dict[int, Person]) -> Iterator[Person]:
        """The most recently named of ``people``, latest first, up to the window."""
        return itertools.islice(reversed(people.values()), _REGISTRY_WINDOW)

    def latest(self) -> Iterator[Person]:
        """Everyone named, most recently named first, up to the window."""
        return self._latest(self._recent)

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
    def last_named(self) -> Person | None:
        """The person named most recently."""
        return next(reversed(self._recent.values()), None)

    def touch(self, person: Person, *, subject: bool = True) -> Person:
        self._clock += 1
        person.seen = self._clock
        person.where = self.where
        person.subject = subject
        for people in (self._recent, self._by_surname.setdefault(person.surname, {})):
            people.pop(id(person), None)
            people[id(person)] = person
        return person

    def add_alias(self, word: str, person: Person) -> None:
        """`Децл` names ``person`` from now on (in any case its ending allows)."""
        for key in _alias_forms(word):
            self._aliases[key] = person

    def by_alias(self, mention: Mention) -> Person | None:
        """The person a lone word names as a pseudonym, if it is one."""
        if not (self._aliases or self._written) or len(mention.words) != 1:
            return None
        word = mention.words[0]
        return self._written.get(word) or next(
            (p for k in _alias_forms(word) if (p := self._aliases.get(k))), None
        )

    def may_know(self, mention: Mention) -> bool:
        """Could ``mention`` name someone already named: by a surname one of its parses
        has, or as a pseudonym?  (If not, neither :meth:`match` nor :meth:`by_alias`
        finds anyone for it, whatever its case.)"""
        by_surname = self._by_surname
        return any(p.surname in by_surname for p in mention.parses) or (
            self.by_alias(mention) is not None
        )

    def match(self, parses: Sequence[NameParse], gender: str | None = None) -> Person | None:
        """The known person a mention refers to (most recent if several; of ``gender``, a
        verb's, if one is: `Позднее Рено сказала` is Джанет Рено, not her brother Роберт
        named since)."""
        best: Person | None = None
        # (`Яровой` read as `Ярова`'s oblique case is also `Яровая`'s, an adjective-type
        # surname's: someone known by it, `Ирина Яровая … По словам Яровой`.)
        adjective_type = [
            attrs.evolve(parse, surname=parse.surname[:-1] + "ая")
            for parse in parses
            if parse.gender == "f"
            and "nom" not in parse.cases
            and parse.surname.endswith(_RUSSIAN_FEMININE_ENDINGS)
            and parse.surname[:-1] + "ая" in self._by_surname
        ]
        if adjective_type:
            parses = [*parses, *adjective_type]
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
        self, mention: Mention, parses: Sequence[NameParse], gender: str | None
    ) -> Person | None:
        """The one known person a lone given name names (`— сказал в этой беседе Андрей`
        after `Андрей Варичев`); None where nobody or several people have that name.

        (A given name alone is read with the name where the surname goes: see
        :func:`_lone_given`.)
        """
        if len(mention.words) != 1:
            return None
        word = mention.words[0]
        readings = analyse_word(word)
        # A word the lexicon cannot read at all may be a given name the model read in a
        # full name before (`— рассказал Андреа` after `Андреа Падована`): as written.
        unlisted = not readings
        written = {word} if unlisted else {r.nominative for r in readings if r.role == "given"}
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
        if unlisted:
            # (Its given name the lexicon cannot read either, written as here: a name
            # the model read whole, not a namesake's.)
            given = person.given.split()[0] if person.given else ""
            return person if fold(given) in names and not analyse_word(given) else None
        # Only someone named in full: a surname (or patronymic) read as one, not two given
        # names in a row (`Пьер, Наташа`) nor a place (`Марья Ростов`).
        readings = analyse_word(person.surname, after_given=True)
        if not readings or any(r.role == "given" for r in readings):
            return None
        return person

    def read(self, text: str) -> None:
        """Take the paragraph about to be read (its given names are noted when asked)."""
        self._texts.append((self.paragraph, text))

    def read_sentences(
        self, text: str, breaks: Sequence[int], first: int, skip: Skip, reported: dict[int, int]
    ) -> None:
        """Take a paragraph's sentences (numbered from ``first``; ``breaks``: where each next
        one starts; ``skip``: its quoted regions; ``reported``: see
        :func:`reported_clauses`), to be searched for :attr:`pointing` and
        :attr:`anonymous` when those are asked.  (Most articles never ask for
        the first, a third for the second; both searches read the whole
        paragraph: searching every one up front cost the quote and speaker
        stage about 5% of its time on the 104,253 paragraphs, measured.)"""
        sentences = _Sentences(text, breaks, first, skip, reported)
        self._unread_pointing.append(sentences)
        self._unread_sources.append(sentences)

    @property
    def pointing(self) -> set[int]:
        """The sentences read so far that point back at someone with a pronoun (see
        :func:`pointing_sentences`)."""
        for s in self._unread_pointing:
            self._pointing.update(pointing_sentences(s.text, s.breaks, s.first, s.reported))
        self._unread_pointing.clear()
        return self._pointing

    def _read_sources(self) -> None:
        """Search the paragraphs taken since for :attr:`anonymous` and :attr:`going_on`."""
        for s in self._unread_sources:
            for sentence, going_on in anonymous_sentences(
                s.text, s.breaks, s.first, s.skip, s.reported
            ):
                self._anonymous.add(sentence)
                if going_on:
                    self._going_on.add(sentence)
        self._unread_sources.clear()

    @property
    def anonymous(self) -> set[int]:
        """The sentences read so far whose speaker is an unnamed source (see
        :func:`anonymous_sentences`)."""
        self._read_sources()
        return self._anonymous

    @property
    def going_on(self) -> set[int]:
        """Of the sentences read so far, those that go on with an unnamed source's words."""
        self._read_sources()
        return self._going_on

    def _note_given_alone(self) -> None:
        """Note the given names the paragraphs read so far write alone after a description
        of their own (see :meth:`by_given_name`): a noun in the nominative, past words
        in the genitive, not one of kinship (`младший брат Пётр` may be Пётр Завьялов).
        Each paragraph once, and only in articles that ask (noting every paragraph up
        front cost the 20,000-paragraph build 0.1 s)."""
        while self._scanned < len(self._texts):
            paragraph, text = self._texts[self._scanned]
            self._scanned += 1
            for match in LONE_CAPITALISED_RE.finditer(text):
                word = match.group(1)
                readings = [r for r in analyse_word(word) if r.role == "given" and "nom" in r.cases]
                if not readings or not (
                    described_before(text, match.start(1)) or described_after(text, match.end(1))
                ):
                    continue  # (`Адвокат Петра`: whose lawyer, not a Пётр described)
                for reading in readings:
                    self.described_given.setdefault(
                        fold(reading.nominative), (paragraph, match.start(1))
                    )

    def objects_in(self, where: int) -> list[Person]:
        """The people last named in sentence ``where``, not as its subject."""
        found = []
        for person in self._latest(self._recent):
            if person.where < where:
                break
            if person.where == where and not person.subject:
                found.append(person)
        return found

    def named_in(self, texts: Sequence[str]) -> list[Person]:
        """The known people whose surname (in any case: by its stem) ``texts`` hold: whom
        a quote is about (`«Бутина стремилась …», — постановил прокурор`)."""
        stems = {
            stem_russian(fold(word)) for text in texts for word in CAPITALISED_RE.findall(text)
        }
        if not stems:
            return []
        return [
            person
            for person in self._latest(self._recent)
            if stem_russian(fold(person.surname)) in stems
        ]

    def _claim(self, mention: Mention, person: Person | None, roles: Roles | None) -> None:
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
        if pending.gender == "f" and person.gender == "m":
            return  # `«…», — заявила судья. Судья Иван Петров …`: not the woman who spoke
        if self._texts and POSSESSIVE_BEFORE_RE.search(
            self._texts[-1][1], max(0, mention.span[0] - 40), mention.span[0]
        ):
            return  # `«…», — сказала теннисистка. Ее соперница Анна Иванова …`: another
        if self._texts and _ALSO_BEFORE_RE.search(
            self._texts[-1][1], max(0, mention.span[0] - 12), mention.span[0]
        ):
            return  # `«…», — заявил глава МИД. Подобное заявление сделал и Медведев`: another
        if self._texts and _AND_NEXT_RE.match(self._texts[-1][1], mention.span[1]):
            return  # (`подали в отставку Дэвид Дэвис и его заместитель …`: one of several)
        if self._texts and _ANOTHER_AFTER_RE.match(self._texts[-1][1], mention.span[1]):
            return  # (`«…», — заявил депутат. Депутат Госдумы Нилов, в свою очередь, …`)
        wanted = pending.roles
        # What the role is of, both said: one says more than the other, or the same
        # (`министр иностранных дел России` is not `министр иностранных дел Турции`).
        fits = (
            not wanted.context
            or not person.context
            or wanted.context <= person.context
            or person.context <= wanted.context
        )
        if roles is not None and pending.head in roles.nouns:
            pass  # introduced with that role
        elif (
            self.where == pending.where + 1
            and person.subject
            and not pending.passed
            and not pending.named_only
        ):
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

    def pass_over(self, mention: Mention) -> None:
        """What :meth:`register` does with a mention that names no one (see :meth:`may_know`):
        it may end a pending role's wait (see :meth:`_claim`)."""
        self._claim(mention, None, None)

    def register(
        self,
        mention: Mention,
        *,
        case: str | None = None,
        roles: Roles | None = None,
        gender: str | None = None,
        verb_gender: str | None = None,
        speaker_position: bool = False,
        said: bool = False,
        woman: bool = False,
    ) -> Person | None:
        """Record a mention; returns its person, or None when it is not clearly one.

        ``gender`` is what the clause says of the person's, ``verb_gender`` what its verb
        does (which of two people of one surname it is: see :meth:`match`); where neither
        says, ``woman`` does: a woman's role noun in the nominative describes the name
        (`актриса Мако Акисино`: see :func:`~searchlib._speech.roles.woman_named`).
        ``said``: the mention is whose words the sentence gives (`по словам Лесина`), so
        that person counts as a subject there.
        """
        woman = woman and gender is None
        person = self._register(
            mention,
            case=case,
            roles=roles,
            gender="f" if woman else gender,
            verb_gender=verb_gender,
            speaker_position=speaker_position,
            said=said,
            woman_by_role=woman,
        )
        self._claim(mention, person, roles)
        return person

    def _register(
        self,
        mention: Mention,
        *,
        case: str | None,
        roles: Roles | None,
        gender: str | None,
        verb_gender: str | None,
        speaker_position: bool,
        said: bool,
        woman_by_role: bool = False,
    ) -> Person | None:
        parses = [p for p in mention.parses if case is None or case in p.cases]
        if not parses and case == "nom":
            as_written = nominative_as_written(mention)
            parses = [as_written] if as_written is not None else []
        elif not parses and case is not None:
            parses = read_by_endings(mention, case)
            if not parses and case in OBLIQUE_ROLE_CASES:
                # (A role noun's case read nothing: as if it were not known, `Журналисту
                # Ярмо Мякеля` read both ways, for a later surname to settle.)
                parses = list(mention.parses)
        subject = (
            said
            or speaker_position
            or (
                not mention.after_preposition
                and any("nom" in p.cases for p in parses)
                # (The subject of a relative clause, where the sentence has named its own:
                # `Сидоров, которого раскритиковал Кадыров, ответил…` is Сидоров's.  Not
                # where it has not: `…о Наполеоне, которого Калломейцев величал молодцом.`)
                and not (mention.relative and self.subject_named_in(self.where))
            )
        )
        alias = self.by_alias(mention)
        if alias is not None:
            return self.touch(alias, subject=subject)
        told = verb_gender if verb_gender in ("m", "f") else None
        person = self.match(
            parses if case is not None else mention.parses, told
        ) or self.by_given_name(mention, parses, told)
        if (
            person is not None
            and len(mention.words) == 1
            and told is not None
            and person.gender not in (None, told)
            and person.surname
            not in {r.nominative for r in analyse_word(mention.words[0], after_given=True)}
        ):
            # A lone word read as a form of an `-а` surname (see ``a_surname_forms``) whose
            # verb is of the other gender than the person's: someone else (`Мишель Обама
            # выступила … Обама заявил`, `Юлия Чайка … Чайка заявил`).
            person = None
        if person is not None:
            if subject and not (said or speaker_position):
                # A subject only by a reading that is this person's: `от должности
                # М.Кузовлева` is Кузовлев's genitive, not the nominative of a Кузовлева.
                subject = any("nom" in p.cases and _may_be(p, person) for p in parses)
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
                and (speaker_position or woman_by_role)
                and len(mention.words) > 1
                and not any(r.role == "given" for w in mention.words for r in analyse_word(w))
            ):
                # A name in full right after its verb is its subject, whatever the endings
                # of a foreign name suggest (`— заявила Мао Нин`: `-ин` reads as a man's
                # Russian surname): read as written, not declined, of the verb's gender;
                # so is one right after a woman's role noun (`актриса Мако Акисино`).
                # (Not where a given name the lexicon knows says otherwise: `— заявил
                # Урсула фон дер Ляйен` is no one.)
                written = " ".join(mention.words)
                agreeing = [
                    attrs.evolve(p, gender=gender)
                    for p in parses
                    if "nom" in p.cases and p.full == written
                ]
            parses = agreeing
        if (
            len({p.full for p in parses}) > 1
            and case not in (None, "nom")
            and case not in OBLIQUE_ROLE_CASES
        ):
            # (Not a role noun's dative: `вице-премьеру Ицхаку Шамиру` is read both ways, as
            # `Йенсу Столтенбергу` is, for a later surname to settle.)
            parses = _undeclined_if_foreign(parses, mention)
        if len({p.full for p in parses}) != 1:
            if len(mention.words) > 1 and len(self._unsettled) < _UNSETTLED_MAX:
                self._unsettled += [p for p in parses if p.given]
            return None
        parse = parses[0]
        single = len(mention.words) == 1
        if single and fold(mention.words[0]) in ROLE_WORD_SET:
            return None  # `церемонии Папа подчеркнул`: a title, the name model's PER or not
        if single and not speaker_position and not mention.confirmed:
            # A lone capitalised word is a person only in a clear position, or where the
            # name model says so.  (Asked before the dictionary below, which costs 0.1 ms
            # a new word: 15% fewer words to look up.)
            if mention.sentence_initial or mention.after_preposition:
                return None
            # (A Russian `-ов`/`-ин` surname's forms, or a Ukrainian, Georgian or Armenian
            # one, not declined: `майор Мельниченко рассказал`, `Премьер Армении Пашинян`.)
            if not _LONE_SURNAME_RE.search(mention.words[0]):
                if roles is not None and roles.nouns and case in (None, "nom"):
                    for surname in {p.surname for p in parses if "nom" in p.cases}:
                        self._lone_roles.setdefault(surname, set()).update(roles.nouns)
                return None
        clear = speaker_position and not mention.sentence_initial  # `— сказал Токаев`
        if single and not clear and is_common_word(mention.words[0]):
            return None  # `Слова спорщиков`: an ordinary word, not a name
        genders = {p.gender for p in parses} - {None}
        if single and parse.given is None:
            parse = self._fuller(parse, gender) or parse
        if gender not in ("m", "f"):
            if len(genders) == 1:
                gender = genders.pop()
            elif subject and (mention.sentence_initial or (roles is not None and roles.nouns)):
                # (A name of no gender told, opening its sentence or after its role, takes
                # its own verb's: `Премьер Армении Пашинян выступил`, then `— подчеркнул
                # он`; not after another noun, whose genitive it may be: `Дочь Мельниченко
                # рассказала`.)
                gender = told
            else:
                gender = None
        person = Person(
            name=parse.full,
            surname=parse.surname,
            given=parse.given,
            gender=gender,
            roles=set(roles.nouns if roles else ()) | self._lone_roles.get(parse.surname, set()),
            context=set(roles.context if roles else ()),
            seen=0,
        )
        if person.gender == "m" and person.surname.endswith("ой") and person.given:
            alone = analyse_word(person.surname)
            if alone and not any(r.gender != "f" and "nom" in r.cases for r in alone):
                # A man's adjective-type surname that alone reads only as a woman's oblique
                # case (`Андрей Луговой`: `Луговой` is `Лугова`'s) names him when written
                # alone too: `— сказал Луговой`, `Луговой отметил:`.
                # (As written only: `Кошевого` is his genitive, no `— поделилась` subject.)
                self._written.setdefault(person.surname, person)
        return self.touch(person, subject=subject)

    def _fuller(self, parse: NameParse, gender: str | None) -> NameParse | None:
        """The one full name an earlier mention read two ways may be, whose surname a lone
        one (``parse``) now names: `— пишет Зоммер` after `на статью Тео Зоммера` (`Тео
        Зоммер`'s genitive or `Тео Зоммера` undeclined, and so no one) is Тео Зоммер; after
        `журналисту Ярмо Мякеля`, `— отмечает Мякеля` is Ярмо Мякеля.  None where no such
        reading, or several full names, fit."""
        found = {
            q.full: q
            for q in self._unsettled
            if q.surname == parse.surname
            and not (gender in ("m", "f") and q.gender not in (None, gender))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def interviewed(self, person: Person | None, outlet: str) -> None:
        """Note that ``person`` (None: an unnamed source) spoke to ``outlet`` (its key, ""
        where only a media noun named it) in the sentence being read."""
        self._interview = _Interview(person, outlet, self.where, len(self._texts))

    @property
    def interviewing(self) -> bool:
        """Is a person on record as the last to speak to an outlet (see :meth:`interviewee`)?"""
        return self._interview is not None and self._interview.person is not None

    def interviewed_by(self, outlet: str) -> None:
        """Note that ``outlet`` is named as the source of what follows (`«Интерфакс» пишет,
        что…`): unless it is the one the last interviewee spoke to, its own interviewee,
        unnamed, is whom a `собеседник агентства` now means."""
        if self._interview is not None and self._interview.outlet == outlet:
            return
        self._interview = _Interview(None, outlet, self.where, len(self._texts))

    def interviewee(self, gender: str | None, outlet: str) -> Person | None:
        """Whom `— добавил собеседник издания` means: the person the article last said
        spoke to an outlet, in this paragraph or the three before, of that outlet where both
        name it (`собеседник «Известий»` is no one who spoke to РБК) and of ``gender``
        where told; nobody where that was an unnamed source or one has spoken since
        (`Источник РБК в Минфине рассказал…`)."""
        if self._interview is None:
            return None
        person, told, where, paragraph = self._interview
        if person is None or (outlet and told and outlet != told):
            return None
        if len(self._texts) - paragraph > _INTERVIEW_PARAGRAPHS:
            return None  # (further back, another may be speaking now)
        if gender is not None and person.gender not in (None, gender):
            return None
        if any(where < s < self.where for s in self.anonymous):
            return None
        return person

    def _another_of_gender_in(self, where: int, gender: str, person: Person) -> bool:
        """Does sentence ``where``, outside its quotes, tell of someone of ``gender`` the
        rules may not have read, besides ``person``: a subject pronoun of that gender
        (`Он посылает к Энею Меркурия: «…»`) or a verb in its past singular
        (`Министр поговорил с Нгози Оби`, `Поговорив с Мишель Дюбуа, полицейский
        составил протокол`), unless ``person`` is the sentence's subject named after
        that verb, the sentence's first and only one of it (`Японскую сторону
        представляла Юми Сато`)?  A subject of a verb in the past plural (`Юми Сато и
        ее коллега Кэнта Ямада подписали`) or whose first verb is of the other gender
        (`Посол Акира Муто передал`) leaves the pronoun to another too."""
        found = self.sentences.get(where)
        if found is None:
            return True  # (nothing to tell by: someone may be)
        text, start, end, _, skip = found
        for gap in skip.gaps(start, end):
            for pronoun in SUBJECT_PRONOUN_RE.finditer(text, *gap):
                if (pronoun.group().lower() == "она") == (gender == "f"):
                    return True
        if person.subject and self._past_plural_in(where):
            return True  # (`Юми Сато и ее коллега Кэнта Ямада подписали …`: either)
        verbs = self.past_singulars(where)
        genders = [g for _, g in verbs]
        if person.subject and verbs:
            if genders[0] != gender:
                return True  # (`Посол Акира Муто передал …`: a man, whatever the pronoun)
            if self._named_after(where, person, verbs[0][0]):
                return genders.count(gender) > 1
        return gender in genders

    def _past_plural_in(self, where: int) -> bool:
        """Does sentence ``where``, outside its quotes, hold a verb in the past plural
        (`подписали`, `провели`): a subject of several people?"""
        text, start, end, _, skip = self.sentences[where]
        for gap in skip.gaps(start, end):
            for word in _PAST_PLURAL_RE.findall(text, *gap):
                tag = likeliest_tag(word.lower())
                if tag.POS == "VERB" and "plur" in tag:
                    return True
        return False

    def _named_after(self, where: int, person: Person, verb: int) -> bool:
        """Is ``person`` named in sentence ``where`` only after its verb at ``verb``
        (`администрацию Гонконга возглавляла Кэрри Лам`): the subject whose gender that
        verb tells, not the genitive of a noun before it (`Дочь Мельниченко
        рассказала`)?  (Found by the surname's first letters, which no case changes.)"""
        text, start, end, _, _ = self.sentences[where]
        stem = person.surname[:4]
        return text.find(stem, verb, end) >= 0 and text.rfind(stem, start, verb) < 0

    def past_singulars(self, where: int) -> list[tuple[int, str]]:
        """(where, gender: `m`, `f`) of each verb in the past singular of sentence
        ``where``, outside its quotes, in their order (`Министр встретился с …, который
        рассказал`: `m`, `m`)."""
        found = self.sentences.get(where)
        if found is None:
            return []
        text, start, end, _, skip = found
        verbs: list[tuple[int, str]] = []
        for gap in skip.gaps(start, end):
            for word in _PAST_SINGULAR_RE.finditer(text, *gap):
                tag = likeliest_tag(word.group().lower())
                if tag.POS == "VERB" and "past" in tag and "sing" in tag:
                    gender = TAG_GENDERS.get(str(tag.gender))
                    if gender is not None:
                        verbs.append((word.start(), gender))
        return verbs

    def _fitting(
        self,
        gender: str | None,
        role: str | None,
        context: frozenset[str],
        besides: Collection[Person],
    ) -> list[Person]:
        """The people :meth:`recent` may choose from, most recently named first."""
        return [
            p
            for p in self._latest(self._recent)
            if p not in besides
            # (A role's person of a gender nothing told fits its verb's: `пресс-секретарь
            # ФБР Трэйси Бэллинджер … Представитель ФБР отметила`.)
            and (gender is None or p.gender == gender or (role is not None and p.gender is None))
            and (role is None or role in p.roles or _speaks_for(role, context, p))
            and not (context and p.context and not context & p.context)
            # A role noun, the subject, is not someone this sentence names as an object
            # (`Президент поставил задачу спасти президента Украины Ивана Петренко`).
            and not (role is not None and p.where == self.where and not p.subject)
        ]

    def recent(
        self,
        *,
        gender: str | None,
        role: str | None,
        context: frozenset[str] = frozenset(),
        besides: Collection[Person] = (),
        untold: bool = False,
    ) -> Person | None:
        """The most recently named person with this gender and (if given) role.

        A role said of something (`глава ВТБ`) does not fit a person whose
        role was of something else (`глава Сбербанка Герман Греф`).

        Two such people named in the same or neighbouring sentences (`Лавров
        встретился с Фиданом`) leave the choice to the one that was a subject
        (in this paragraph, if the other was in the one before), or to nobody
        if that does not settle it.  Without a role, nobody either when the
        subject of this or the sentence before, named since, is of a gender
        nothing told.  ``besides``: people it cannot be (`По его словам, Иванов
        «…»`: not Иванов, whom the words are about).  With ``untold`` (a pronoun after
        the quote), a pronoun nobody of its gender fits may be the one person of no
        gender told named in the sentence before (see :meth:`_another_of_gender_in`).
        """
        if gender is None and role is None:
            return None
        fitting = self._fitting(gender, role, context, besides)
        if not fitting and role in PLACE_HEAD_ROLES:
            # (`глава Коми Владимир Уйба … — добавил глава региона`, `Харьковский городской
            # голова Игорь Терехов … — заявил мэр города`: the head of a place named, where
            # nobody was introduced as its governor or mayor.)
            fitting = self._fitting(gender, PLACE_HEAD, context, besides)
        if role is not None and gender is not None:
            # (Those the gender is known of first: a person of no gender told fits a role
            # only where nobody of its verb's gender does.)
            fitting = [p for p in fitting if p.gender == gender] or fitting
        if not fitting and untold and role is None and gender is not None:
            # A pronoun nobody of its gender was named for: the one person of no gender
            # told named in the sentence before, if only one was (`Журналисты поговорили
            # с Юми Исикавой. «…», — рассказала она`).
            candidates = [
                p
                for p in self._latest(self._recent)
                if p not in besides and p.gender is None and p.where == self.where - 1
            ]
            if len(candidates) == 1 and not self._another_of_gender_in(
                self.where - 1, gender, candidates[0]
            ):
                return candidates[0]
        if not fitting:
            return None
        latest = fitting[0]  # (most recently named first)
        if role is None and any(
            p.gender is None
            and p.subject
            and p.where >= self.where - 1
            and (p.seen > latest.seen or p.where >= latest.where)
            for p in self._latest(self._recent)
        ):
            # The subject of this or the sentence before, named since or in the same
            # sentence, whose gender neither the name nor a speech verb told (`Мисси
            # Эллиотт … поддержала девушку. «…», — сообщила она`; `Лидер партии Джордже
            # Симион и премьер Марчел Чолаку провели переговоры`), may be the one: nobody
            # known.  (The verbs of a narrative
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


def _undeclined_if_foreign(parses: list[NameParse], mention: Mention) -> list[NameParse]:
    """Of a name's readings in an oblique case, those with the surname as written, where
    it ends in a vowel that no Russian nominative of a man's or woman's surname declines
    to in that case (`слова председателя совета Ханзуэли Лоозли`: not the genitive of a
    `Лоозла`), a given name before it declined if a reading does so (`Дали Грибаускайте`
    is `Даля`'s); else all of them."""
    if len(mention.words) < 2 or not mention.words[-1].endswith(_UNDECLINED_ENDINGS):
        return parses  # (a given name alone declines: `По словам Иванки`)
    # (The surname as written; a given name before it may decline: `Дали Грибаускайте`.)
    kept = [p for p in parses if p.surname == mention.words[-1]]
    declined = [p for p in kept if not p.cases >= ALL_CASES]
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


def note_alias(registry: Registry, text: str, mention: Mention, person: Person | None) -> None:
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
