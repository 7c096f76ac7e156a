"""Who said it: speaker attribution for the quotes of one article.

The rules live here, applied in the order the text is read; what they read
lives beside them: ``mentions`` (the names in a paragraph), ``roles`` (role
nouns and what they imply), ``registry`` (the people named so far) and
``clauses`` (the sentence around a quote: its subject, verb and objects).

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
settle: a missing speaker is better than a wrong one.  (An impersonal
attribution naming a person's text, `— говорится в телеграмме Путина`, gives
that person.)

The cost is linear in a paragraph's length: quoted regions are looked up by
bisection, people from the most recently named (by surname, and no further
back than :data:`registry._REGISTRY_WINDOW`), and the name model reads a paragraph at
most :data:`mentions._MODEL_READINGS` times.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence

import attrs

from searchlib._morph import abbreviation, in_dictionary, lemma, likeliest_tag, parses
from searchlib._speech.clauses import (
    IMPERSONAL_PART_RE,
    NAMES_ONLY,
    OWNER_NOUNS,
    PARENTHESES,
    QUOTING_RE,
    SENTENCE_END_RE,
    SUBJECT_PRONOUN_RE,
    WORDS_OF_RE,
    ClauseInfo,
    after_attributed,
    clause_gender,
    clause_info,
    comma_parts,
    find_antecedent,
    goes_on_the_main_verb,
    last_coordinate,
    main_parts,
    named_speaker,
    relative_clause,
    role_of_another,
    role_since,
    subject_verb,
)
from searchlib._speech.mentions import (
    CAPITALISED_RE,
    NEXT_LOWER_WORD_RE,
    PREPOSITIONS,
    WORD_RE,
    Mention,
    ModelBudget,
    Person,
    Skip,
    Span,
    parse_run,
    read_mentions,
    relative_of_a_person,
    text_start_of,
    verb_agrees,
    word_gender,
)
from searchlib._speech.names import (
    PERSON_GRAMMEMES,
    PLACE_GRAMMEMES,
    TAG_GENDERS,
    VOWELS,
    analyse_word,
    fold,
    from_dictionary,
    is_capitalised,
    is_common_word,
)
from searchlib._speech.quotes import (
    ABOUT_PATTERN,
    ACCORDING_NOUNS,
    CASE_ENDING,
    FULL_NAME_PATTERN,
    SPEECH_VERBS,
    LeadIn,
    QuoteMatch,
    find_quotes,
    governing_verb,
    has_quote_marks,
    opening_attribution,
    paragraphs_quoted_across,
    quoted_regions,
    reported_lead_in,
    speech_verb,
    statement_made,
)
from searchlib._speech.registry import (
    PendingRole,
    Registry,
    note_alias,
    reported_clauses,
)
from searchlib._speech.roles import (
    ACCORDING_GENITIVE_RE,
    NO_PERSON_STEMS,
    ROLE_FORMS,
    ROLE_STEMS,
    ROLE_WORD_SET,
    Roles,
    as_said_gender,
    case_after_role,
    finite_verb,
    oblique_name_roles,
    role_subject,
    roles_of,
    said_by,
    with_implied,
    woman_named,
)
from searchlib._stemmer import stem_russian
from searchlib._stopwords import RUSSIAN_STOP_WORDS

__all__ = ["AttributedQuote", "attribute_article"]


def _referred(
    registry: Registry,
    info: ClauseInfo,
    besides: Collection[Person] = (),
    *,
    after_quote: bool = False,
) -> Person | None:
    gender = clause_gender(info)
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
        if (
            person is not None
            and info.role in _GENERIC_ROLES
            and (_subject_since(registry, person, gender, info.role) or _source_speaking(registry))
        ):
            # A generic role (`политик`, `эксперт`) may be anyone's: the subject named since,
            # in this sentence or the two before, as much as the one introduced with it
            # (`… был председатель правительства Виктор Кокшаров.` `Председатель Высшего
            # совета партии Борис Грызлов сообщил… «…», - отметил политик`), or an unnamed
            # source just speaking (`Один из собеседников Forbes в правительстве назвал …
            # «…», - пояснил чиновник`).
            return None
        return person
    if info.pronoun_gender is not None:
        if any(m.sentence_initial and fold(m.words[0]) in ("он", "она") for m in info.named):
            # A pronoun opening the sentence points back, past the objects named after it
            # (`Он также выразил Бордюгову поддержку и призвал … «…»`: not Бордюгов).
            besides = [*besides, *registry.objects_in(registry.where)]
        besides = [*besides, *_objects_beside_noun_subject(registry, gender)]
        pending = registry.pending
        if gender is not None and _unnamed_role_subject(registry, registry.where - 1, gender):
            # (`Прокурор района встретился с Жаном Дюпоном. «…», — сказал он`: the
            # prosecutor's words, most likely, and nobody named him: not Дюпон)
            return None
        if after_quote and (
            registry.unnamed_speaker_at in (registry.where, registry.where - 1)
            or (
                pending is not None
                and pending.person is None
                and pending.quotes
                and pending.where in (registry.where, registry.where - 1)
            )
        ):
            # The unnamed speaker of the quote just before goes on, in the attribution after
            # a quote (`«…», - заявил агентству представитель прокуратуры. «…», - добавил он`,
            # `— сообщил врач команды. «…», — сказал он`): no one named.  (Not `По его
            # словам`: `— сказал пресс-секретарь российского лидера` may be Песков, named
            # with another role.)
            return None
        person = registry.recent(gender=gender, role=None, besides=besides, untold=after_quote)
        if person is not None and not person.subject and _unread_subject(registry, person, gender):
            return None
        if person is not None and _unread_subject_since(registry, person, gender):
            return None  # (`Андрей рассказывает, что … «…», — рассказывает он`: not Путин)
        if person is not None and _beside_unread(person, gender):
            return None  # (`Трамп и Путин провели разговор. «…», — сказал он`: either)
        if person is not None and _named_in_relative(person, gender):
            return None
        if person is not None and (pending := role_of_another(registry, person)) is not None:
            # The pronoun is that role's, whoever was introduced with it, or nobody known.
            return registry.recent(gender=gender, role=pending.head, besides=besides)
        return person
    return None


_OPENING_RE = re.compile(r"[\s—–-]*")
_AND_RE = re.compile(r"\s+и\s+")


def _note_beside_unread(
    registry: Registry,
    text: str,
    last: tuple[Mention, Person | None] | None,
    mention: Mention,
    person: Person | None,
) -> None:
    """Note a person named joined by `и` to a capitalised word no rule read as anyone,
    before or after (`Трамп и Путин провели разговор`, `Путин и Трамп`: `Трамп`, a
    surname alone, is read only once the article has named him in full).  A pronoun or
    role after that sentence may be either's, where the word's gender allows (see
    :func:`_beside_unread`).  (Not a comma: as often a clause's end, `Проходя мимо
    Швабрина, Гринев остановился`, or an apposition, `Жена Григория, Марфа Игнатьевна`.)
    ``last`` and ``mention``, each with its person: the mention before, none where a
    quote's attribution has read it already, and this one."""
    if last is None or not _AND_RE.fullmatch(text, last[0].span[1], mention.span[0]):
        return
    (other, other_person) = last
    if other_person is not None and person is None:
        unread, read = mention, other_person
    elif other_person is None and person is not None:
        unread, read = other, person
    else:
        return
    if len(unread.words) != 1:
        return
    word = unread.words[0]
    if is_common_word(word) or fold(word) in ROLE_WORD_SET:
        return  # (`Президент и Путин`, `Москва и Петров`: no one unread)
    read.beside_unread = (registry.where, word_gender(word))


def _named_in_relative(person: Person | None, gender: str | None) -> bool:
    """Was ``person`` last named in a relative clause about someone a noun of ``gender``
    names, a pronoun's (`видео с мужчиной, которого раскритиковал Кадыров. Он попросил
    прощения «…»`: the man's as likely as Кадыров's; see
    :func:`~searchlib._speech.mentions.relative_of_a_person`)?"""
    return (
        person is not None and gender is not None and person.in_relative == (person.where, gender)
    )


def _beside_unread(person: Person, gender: str | None) -> bool:
    """Was ``person`` last named joined to an unread name (see :func:`_note_beside_unread`)
    whose gender does not rule out ``gender``'s pronoun or verb (`Путин и Меркель
    обсудили газ. «…», — сказал он` is Путин's)?"""
    where, unread_gender = person.beside_unread
    return where == person.where and (gender is None or unread_gender in (None, gender))


def _unread_subject_since(registry: Registry, person: Person, gender: str | None) -> bool:
    """Does a sentence after the one that last named ``person``, up to this one (three at
    most), open with a capitalised word no rule read as anyone and a verb of ``gender``
    right after it (`Андрей рассказывает, что…`: a given name alone, which is read only
    where a quote's speaker is named)?  The pronoun is then more likely that subject's,
    whom the rules do not know, than ``person``'s: nobody known."""
    if gender not in ("m", "f"):
        return False
    verb_gender = "masc" if gender == "m" else "femn"
    subjects = {p.where for p in registry.latest() if p.subject}
    own = {fold(w) for w in person.name.split()}
    for where in range(max(person.where + 1, registry.where - 2), registry.where + 1):
        opening = None if where in subjects else _opening_word(registry, where)
        if opening is None:
            continue
        word, after = opening
        if fold(word) in own or word_gender(word) not in (None, gender):
            continue  # (`Ллойд отметил` of Эндрю Ллойд; `Сабурова отмечает`: a woman)
        if not _may_be_a_name(word):
            continue  # (`Самарчанка обратилась…`: a noun for a person, no name)
        if verb_agrees(after, verb_gender):
            return True
    return False


def _may_be_a_name(word: str) -> bool:
    """May a capitalised word no rule read be a person's name: pymorphy3's likeliest reading
    a given name, surname or patronymic (`Андрей`, `Пугачев`), or, for a word its
    dictionary lacks, no noun for a living being (`Мерц`; not `Самарчанка`, whose ending
    makes it a woman of Samara)?"""
    folded = fold(word)
    tag = likeliest_tag(folded)
    if _NAME_GRAMMEMES & tag.grammemes:
        return True
    return not in_dictionary(folded) and not (tag.POS == "NOUN" and tag.animacy == "anim")


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _unread_subject(registry: Registry, person: Person, gender: str | None) -> bool:
    """Does the sentence that named ``person`` as an object open with a capitalised word
    no rule read as anyone, a verb of ``gender`` right after it (`Трамп поговорил с
    Джоном Болтоном. «…», — заявил он`: `Трамп`, a surname alone, is its subject)?  The
    pronoun may then be that subject's as much as the object's: nobody known."""
    if gender not in ("m", "f"):
        return False
    opening = _opening_word(registry, person.where)
    if opening is None or any(p.where == person.where and p.subject for p in registry.latest()):
        return False
    return verb_agrees(opening[1], "masc" if gender == "m" else "femn")


def _opening_word(registry: Registry, where: int) -> tuple[str, str] | None:
    """(the capitalised word opening sentence ``where``, the lower-case word right after
    it), where the first is no dictionary word (`Это был дом…`, `Князь`, `Она`); else None."""
    sentence = registry.sentences.get(where)
    if sentence is None:
        return None
    text, start, end, _, _ = sentence
    opening = _OPENING_RE.match(text, start, end)  # (always: it may match nothing)
    first = CAPITALISED_RE.match(text, opening.end() if opening else start)
    if first is None or is_common_word(first.group()):
        return None
    after = NEXT_LOWER_WORD_RE.match(text, first.end())
    return None if after is None else (first.group(), after.group(1))


def _subject_since(registry: Registry, person: Person, gender: str | None, role: str) -> bool:
    """Was someone else of ``gender`` named as a subject after ``person``, in this sentence
    or the two before (`Грызлов сообщил… Он напомнил… «…», - отметил политик`), who may
    have ``role`` too: introduced with no role or with it, or with another where ``person``
    was named before the previous sentence of another paragraph (not `Генеральный директор
    Павел Ливинский… С ним выступил и министр Николай Шульгинов. «…», — сказал
    топ-менеджер`)?"""
    stale = person.where < registry.paragraph - 1
    return any(
        p is not person
        and p.subject
        and p.where > person.where
        and p.where >= registry.where - 2
        and (gender is None or p.gender in (None, gender))
        and (stale or not p.roles or role in p.roles)
        for p in registry.latest()
    )


def _unnamed_pronoun(registry: Registry, info: ClauseInfo) -> bool:
    """Is the clause's pronoun someone unnamed: a source speaking (see
    :func:`_source_speaking`) or a person the sentence before brought in unnamed (see
    :func:`_unnamed_before`)?  Then it is no one named, nor the previous quote's speaker."""
    return info.pronoun_gender is not None and (
        _source_speaking(registry) or _unnamed_before(registry, clause_gender(info))
    )


def _unnamed_before(registry: Registry, gender: str | None) -> bool:
    """Is a pronoun of ``gender`` here the unnamed person the sentence before is about
    (`По факту поджога был задержан 27-летний житель села. Он сказал, что…`), with
    nobody named there or since, and no role waiting (roles find their people)?"""
    before = registry.where - 1
    if gender not in ("m", "f") or before < 0 or registry.named_since(before):
        return False
    pending = registry.pending
    if pending is not None and pending.where >= before:
        return False
    return _unnamed_subject_of(registry, before) == (gender, True)


def _unnamed_role_subject(registry: Registry, where: int, gender: str) -> bool:
    """Does sentence ``where`` open with a role noun as its subject that no one known
    holds, its verb in the past singular of ``gender``, and name people only as its
    objects (`Прокурор района встретился с Жаном Дюпоном`, `Психолог поговорила с
    Сашей Ивановой`): the unnamed role's holder, whom a pronoun of that gender after it
    most likely means, not those objects?

    Not a journalist's role (`Корреспондент ТАСС встретился с Ким Чоль Су. «…», —
    рассказал он`: the one interviewed speaks), nor where a pronoun there keeps someone
    named before in view (`Король принял его во дворце. Он заявил…`).
    """
    sentence = registry.sentences.get(where)
    if sentence is None:
        return False
    text, start, end = sentence[0], sentence[1], sentence[2]
    stretch = text[start:end]
    opening = role_subject(text, start + len(stretch) - len(stretch.lstrip()))
    if opening is None or _INTERVIEWER_ROLES & opening[1].nouns:
        return False
    if not registry.objects_in(where) or registry.subject_named_in(where):
        return False
    if _OBLIQUE_PERSONAL_RE.search(text, start, end):
        return False
    # (The role's verb, the first, of the pronoun's gender, and no other verb of it after:
    # `Министр встретился с фермером Николаем Дьяченко, который рассказал…`, `Тренер
    # похвалил Дениса Макарова, а тот поблагодарил…`: the one named acts too.)
    verbs = [g for _, g in registry.past_singulars(where)]
    if verbs[:1] != [gender] or verbs.count(gender) > 1:
        return False
    head, roles = opening
    return registry.recent(gender=None, role=head, context=roles.context) is None


#: Roles of people who interview others (see :func:`_unnamed_role_subject`).
_INTERVIEWER_ROLES = frozenset({"журналист", "журналистк", "блогер"})


def _objects_beside_noun_subject(registry: Registry, gender: str | None) -> list[Person]:
    """The people named as objects in the sentence before, where its subject is a noun
    for a person of ``gender`` before its verb, someone named before (`Жительница Самары
    Ирина Хакимова … Самарчанка обратилась к мэру города Елене Лапушкиной. «…», —
    написала она`: not Лапушкина): a pronoun of that gender here is that subject."""
    before = registry.where - 1
    if gender not in ("m", "f") or before < 0:
        return []
    named_before = (gender, False)  # (a person noun before its verb, of that gender)
    return (
        registry.objects_in(before) if _unnamed_subject_of(registry, before) == named_before else []
    )


#: A personal or possessive pronoun in an oblique case (`его`, `ему`, `с ним`, `ее сын`):
#: someone named before, still in view.
_OBLIQUE_PERSONAL_RE = re.compile(
    r"(?<![а-яёА-ЯЁ-])(?:[Ее]го|[Ее][её]|[Ее]му|[Ее]й|[Нн]его|[Нн]ему|[Нн][её]м|[Нн]ей|[Нн]е[её]"
    r"|[Нн]им|[Нн]ими|[Нн]их|[Ии]м|[Ии]х)(?![а-яё-])"
)


def _unnamed_subject_of(registry: Registry, where: int) -> tuple[str, bool] | None:
    """The person sentence ``where`` has for its subject by a noun, not a name (see
    :func:`_unnamed_subject`), or None; read once, when a pronoun asks."""
    found = registry.unnamed_subjects
    if where not in found:
        sentence = registry.sentences.get(where)
        found[where] = _unnamed_subject(*sentence) if sentence is not None else None
    return found[where]


def _unnamed_subject(
    text: str, start: int, end: int, reported: int, skip: Skip
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
    words = WORD_RE.finditer(text, start, min(end, reported))
    # (A subject stands among a sentence's first words: the rest are not read, each word
    # costing a morphological analysis.)
    for m in itertools.islice(words, _SUBJECT_WITHIN):
        if skip.within(m.start(), m.end()).spans:
            continue
        word = m.group()
        if word[:1].isupper() and m.start() > start:
            return None  # (a name, or a title: not about an unnamed person)
        folded = fold(word)
        if folded in PREPOSITIONS:
            continue
        if folded in ROLE_WORD_SET or stem_russian(folded) in ROLE_STEMS:
            return None  # (a role: see PendingRole)
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
            gender = TAG_GENDERS.get(str(tag.gender))
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
    return not PLACE_GRAMMEMES & tag.grammemes and (
        bool(PERSON_GRAMMEMES & tag.grammemes) or not is_common_word(word)
    )


#: Grammemes of a name (of a person, place or organisation): no unnamed person.
_NAME_GRAMMEMES = PERSON_GRAMMEMES | PLACE_GRAMMEMES


def _source_speaking(registry: Registry) -> bool:
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
    return not any(p.subject and p.where >= since for p in registry.latest())


@attrs.frozen
class AttributedQuote:
    """A quote found in a paragraph, with its resolved speaker (or None)."""

    parts: tuple[Span, ...]
    speaker: str | None


# `Слова Сагдеева из интервью: «…»`: a lead-in opening with the words' noun.
_WORDS_LEAD_RE = re.compile(
    r"\s*(?:слова|цитата|цитаты|высказывание|заявление|ответ|реплика|обращение)\s+[А-ЯЁ]"
)


def _lead_in_case(text: str, lead_in: LeadIn) -> str:
    """`По словам Сергея Лаврова, «…»`, `Слова Лаврова:`, `ТАСС приводит слова Эрдогана:`
    name the speaker in the genitive, `Радио цитирует директора музея Йорга Морре:` in
    the accusative (from the verb on: see :func:`_past_quoting_verb`), other lead-ins in
    the nominative."""
    clause = text[lead_in.span[0] : lead_in.span[1]]
    if _WORDS_LEAD_RE.match(clause[:1].lower() + clause[1:]):
        return "gen"
    quoting = QUOTING_RE.search(clause)
    if quoting is not None:  # `ТАСС приводит слова Эрдогана:`, as after a quote
        words_of = _words_quoted(clause, quoting.end(), len(clause))
        # (not `Песков передал слова Путина и добавил:`: the quote is what he added)
        goes_on = any(
            likeliest_tag(m.group(1)).POS == "VERB"
            # (`слова Эрдогана, который, в частности, отметил:` is still his)
            and "котор" not in clause[(words_of or quoting).end() : m.start()].lower()
            for m in _SECOND_VERB_RE.finditer(clause.lower(), (words_of or quoting).end())
        )
        if words_of is not None and not goes_on:
            return "gen"
        if (
            words_of is None
            and not goes_on
            and _CITES_RE.match(quoting.group())
            # (a finite verb with its object after it: not `Процитировав Ушинского,
            # министр добавил:`, nor `Вот что говорит Илон Маск, цитирую:`)
            and likeliest_tag(quoting.group().lower()).POS in ("VERB", "INFN")
            and WORD_RE.search(clause, quoting.end()) is not None
            # (not in a relative clause: `По словам Влада Филата, которого цитирует
            # «Интерфакс», …` names him in the genitive)
            and "котор" not in clause[clause.rfind(",", 0, quoting.start()) + 1 : quoting.start()]
            and not ACCORDING_GENITIVE_RE.search(clause.lower())
        ):
            return "acc"  # `Газета цитирует Пушкина:` (not `приводит пример:`, `передал:`)
    if ACCORDING_GENITIVE_RE.search(clause.lower()):
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
        and not (PREPOSITIONS - {"от"}).intersection(WORD_RE.findall(ending.group().lower()))
        and not _POSSESSIVE_BEFORE_NOUN_RE.search(clause, 0, ending.start() + 1)
        and not any(
            likeliest_tag(w).POS == "VERB"
            for w in WORD_RE.findall(clause[: ending.start()].lower())
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
    opening = " ".join(WORD_RE.findall(text[start:comma].lower().replace("ё", "е")))
    if opening not in PARENTHESES:
        return lead_in
    for part_start, part_end in comma_parts(text, (comma + 1, end))[1:]:
        words = WORD_RE.findall(text[part_start:part_end].lower().replace("ё", "е"))
        aside = not words or words[0].startswith("котор")
        if (
            not aside
            and not SPEECH_VERBS.keys().isdisjoint(words)
            and CAPITALISED_RE.search(text, part_start, part_end)
        ):
            # `С одной стороны, Иванов прав, признал Петров:`, `…, Путин, как заявил
            # Песков, «…»`: the verb's part names who, not the first after the
            # parenthesis (a relative clause's verb does not, `, которого процитировало
            # РИА Новости,`, nor a verb with no name, `…, пообещал «…»`)
            return lead_in
    return attrs.evolve(lead_in, span=(comma + 1, end))


def _quotes_a_person(text: str, span: Span) -> bool:
    """Does the object of a quoting verb, ``text[span]`` (past the verb), name one person:
    a name (`цитирует Марию Захарову`), or a role that names its person after it
    (`цитирует директора музея Йорга Морре`), maybe after the outlet (`цитирует ТАСС
    министра…`) and adjectives (`бывшего посла`)?  Not a thing (`Коран`, `записку`,
    `пресс-службу губернатора …`), a person no role names (`человека, знающего Ивана
    Петрова`, `бывшую жену актера …`), a role whose name after it may be its client's
    (`адвоката Ивана Петрова`), nor two (`министра … и начальника Генштаба …`)."""
    if _JOINED_OBJECT_RE.search(text, *span):
        return False
    written = WORD_RE.findall(text, *span)
    for i, word in enumerate(written):
        if word.isupper() and len(word) > 1:
            continue  # an outlet's letters: `Как цитирует ТАСС Дмитрия Пескова`, `РИА Новости`
        folded = fold(word)
        if is_capitalised(word):
            following = fold(written[i + 1]) if i + 1 < len(written) else ""
            if following[:1].islower() and (
                _quoted_role(following) is not None
                or likeliest_tag(following).POS in ("ADJF", "PRTF")
            ):
                continue  # the outlet quoting: `Как цитирует ТАСС министра …`
            return not _thing(folded)
        role = _quoted_role(folded)
        if role is not None:
            return role.removeprefix("экс-") not in _SIDE_ROLES
        if likeliest_tag(folded).POS not in ("ADJF", "PRTF"):
            return False
    return False


def _quoted_role(word: str) -> str | None:
    """The role stem of a role noun in the accusative (`директора`, `главу`, `посла`: a
    vowel dropped), or None."""
    role = ROLE_FORMS["acc"].get(word)
    if role is None and (dictionary_form := lemma(word)) in ROLE_WORD_SET:
        role = stem_russian(dictionary_form)
    return role


#: A second object joined to a quoting verb's first (`цитирует министра обороны Сергея
#: Шойгу и начальника Генштаба Валерия Герасимова`): words of several.
_JOINED_OBJECT_RE = re.compile(r"\sи\s+(?:[а-яё-]+\s+){0,3}[А-ЯЁ]")


def _thing(word: str) -> bool:
    """Is a capitalised word one the dictionary knows only as a thing (`Коран`,
    `Библию`), no person's name?"""
    readings = [p for p in parses(word) if from_dictionary(p)]
    return bool(readings) and all(
        "inan" in p.tag and not (PERSON_GRAMMEMES & p.tag.grammemes) for p in readings
    )


def _past_quoting_verb(text: str, lead_in: LeadIn) -> LeadIn:
    """The lead-in from its quoting verb to the first comma after it, where whom it quotes
    is named in the accusative (`Радиостанция цитирует директора музея Йорга Морре:`;
    the subject before the verb is the outlet quoting, not the speaker; what follows a
    comma describes someone, `цитирует эксперта, критикующего министра …`)."""
    quoting = QUOTING_RE.search(text, *lead_in.span)
    if quoting is None:  # (not so: the case was read off the same clause)
        return lead_in
    comma = text.find(",", quoting.end(), lead_in.span[1])
    return attrs.evolve(lead_in, span=(quoting.end(), lead_in.span[1] if comma < 0 else comma))


def _from_according(text: str, lead_in: LeadIn) -> LeadIn:
    """The lead-in from its last `по словам` (`по мнению`…) on, where the speaker is named:
    `Однако, по словам Лунева, «…»`, `Сурков, по мнению Железняка, — один из «…»` (their
    first parts, where a lead-in's subject is, are `Однако` and the one spoken of)."""
    start, end = lead_in.span
    last = None
    for found in ACCORDING_GENITIVE_RE.finditer(text[start:end].lower()):
        last = found
    if last is None or not last.start():
        return lead_in
    if any(speech_verb(w) for w in WORD_RE.findall(text, start + last.end(), end)):
        return lead_in  # `Путин, по словам Пескова, сказал:`: an aside; the verb's subject
    return attrs.evolve(lead_in, span=(start + last.start(), end))


# A lead-in opening with whose words it gives, by a pronoun: `По его словам, …`.
_ACCORDING_PRONOUN_RE = re.compile(
    r"\s*[Пп]о\s+(?:его|ее|её|их)\s+(?:словам|мнению|оценке|данным|сведениям)\s*,"
)


def _spoken_of(
    registry: Registry, text: str, lead_in: LeadIn, skip: Skip, budget: ModelBudget
) -> list[Person]:
    """The known people a `по словам X` lead-in names in the nominative after that part:
    whom the words are about (`По мнению эксперта, Иванов «…»`, `По его словам, Иванов
    «…»`), not who says them."""
    start, end = lead_in.span
    comma = text.find(",", start, end)
    if comma < 0 or any(
        speech_verb(w) or (w.endswith("в") and speech_verb(w[:-1] + "л"))
        for w in WORD_RE.findall(text, comma, end)
    ):
        # (`По его словам, Иванов заявил: «…»`, `По данным следствия, Хендрикс связался с
        # осведомителем, сообщив, что «…»`: Иванов's, Хендрикс's words, as told)
        return []
    found = []
    for mention in read_mentions(text, comma + 1, end, skip, budget):
        if mention.after_preposition:
            continue
        nominative = [p for p in mention.parses if "nom" in p.cases]
        person = registry.match(nominative) if nominative else None
        if person is not None:
            found.append(person)
    return found


def _named_with_last_verb(
    text: str, lead_in: LeadIn, skip: Skip, budget: ModelBudget
) -> LeadIn | None:
    """A `по словам X` lead-in whose last speech verb, in another part, has a name in the
    nominative before it (`По словам Пескова, Путин заявил:`: Путин's words, as Песков
    tells them): the lead-in from that part on; None otherwise (`По словам Басса, его
    ведомство признаёт, что «…»`: Басс's words)."""
    parts = comma_parts(text, lead_in.span)
    part_words = [WORD_RE.findall(text[a:b].lower().replace("ё", "е")) for a, b in parts]
    main = main_parts(part_words, lead_in=True)
    index, first, end = main[0]
    if index == 0 and len(parts) > 1:
        # A verb naming what the words call something in the last part, after a name
        # (`По словам Пескова, Путин назвал встречу «полезной»`): that name's words; or,
        # before a colon, any verb after a name (`По её словам, Набиуллина завершила
        # выступление прогнозом: «…»`: the governor's words, not the deputy's).
        index = len(parts) - 1
        words = part_words[index]
        first, end = 0, next((i for i, w in enumerate(words) if i and governing_verb(w)), None)
        if end is None and lead_in.kind == "colon":
            end = next((i for i, w in enumerate(words) if i and finite_verb(w)), None)
    if index == 0 or first != 0 or end is None or end == NAMES_ONLY:
        return None  # (no speech verb after the first part, or no words before it)
    if ACCORDING_GENITIVE_RE.search(" ".join(part_words[index])):
        return None
    start = parts[index][0]
    verb = list(WORD_RE.finditer(text, *parts[index]))[end].start()
    if not any(
        "nom" in p.cases and not m.after_preposition
        for m in read_mentions(text, start, verb, skip, budget, model=True)
        for p in m.parses
    ):
        return None
    return attrs.evolve(lead_in, span=(start, lead_in.span[1]))


def _said_in_that_clause(
    registry: Registry, text: str, lead_in: LeadIn, skip: Skip, budget: ModelBudget
) -> LeadIn | None:
    """A lead-in whose `, что` clause has a speech verb, or one naming what the words call
    something, of its own, a name in the nominative before it (`Захарова сообщила, что
    Лавров назвал переговоры «…»`, `Песков напомнил, что Путин называл ситуацию «…»`): the
    lead-in from that clause on, whose subject said the words; None otherwise (`Песков
    заявил, что встреча была «…»`: Песков's)."""
    # (The last `, что` before the quote: not one a clause before it opens, `опроверг
    # информацию о том, что Венедиктов предлагал …, и заявил, что «…»`.)
    ends = [m.end() for m in _THAT_AFTER_RE.finditer(text, *lead_in.span)]
    if not ends:
        return None
    start = ends[-1]
    if _THAT_CLAUSE_END_RE.search(text, start, lead_in.span[1]):
        return None  # (not one clause up to the quote: `, что Нарины возвратился; она сказала:`)
    verb = next(
        (
            word
            for k, word in enumerate(WORD_RE.finditer(text, start, lead_in.span[1]))
            if k and _says_or_names(word.group().lower())
        ),
        None,
    )
    if verb is None or any(
        w.lower() in _PERSONAL_PRONOUNS for w in WORD_RE.findall(text, start, verb.start())
    ):
        return None  # (`когда я сказал, что Федя честный, он заявил:`: the pronoun's verb)
    before = [fold(w) for w in WORD_RE.findall(text, lead_in.span[0], start)]
    clause = ["что", *(fold(w) for w in WORD_RE.findall(text, start, verb.end()))]
    if goes_on_the_main_verb(before, clause, len(clause) - 1):
        return None  # (`Порошенко заявил, что Путин ненавидит Украину и предупредил:`)
    subjects = [
        m
        for m in read_mentions(text, start, verb.start(), skip, budget, model=True)
        if not m.after_preposition and any("nom" in p.cases for p in m.parses)
    ]
    subject = subjects[0] if subjects else None
    if subject is None or "," in text[start : subject.span[0]]:
        return None  # (`, что приезжает …, и Катя … сказала`: another clause's subject)
    first = analyse_word(subject.words[0]) if len(subject.words) > 1 else ()
    if first and all(r.role == "surname" for r in first):
        return None  # (`что Лаврова Блинкен назвал`: a surname's object, then the subject)
    tag = likeliest_tag(verb.group().lower())
    if (tag.number == "plur" and len(subjects) < 2) or (
        tag.gender in TAG_GENDERS
        and all(
            p.gender not in (None, TAG_GENDERS[tag.gender])
            for p in subject.parses
            if "nom" in p.cases
        )
    ):
        # (`что Лаврова назвали «…»`: the verb's object, and no subject; a plural verb
        # needs several names, `что Лавров и Вучич назвали`, who are nobody one)
        return None
    # The one who tells it, named before `, что`, is known as the subject there: `— добавила
    # она` after it is hers.
    told = clause_info(text, (lead_in.span[0], start), skip, budget, case="nom", lead_in=True)
    named_speaker(registry, text, told, case="nom", lead_in=True)
    return attrs.evolve(lead_in, span=(start, lead_in.span[1]))


def _says_or_names(word: str) -> bool:
    """Is a lower-case ``word`` a speech verb of one person (`заявил`, `сказала`) or a verb
    naming what the words call something (`назвал`): one whose subject said them?"""
    return speech_verb(word) in ("m", "f") or governing_verb(word)


#: What ends a clause for :func:`_said_in_that_clause`: a sentence's end, a semicolon, a
#: colon, a quote mark.
_THAT_CLAUSE_END_RE = re.compile(r"[.!?…;:«»\"„“”]")
#: Subject pronouns: a verb after one is its own clause's, not the name's before it.
_PERSONAL_PRONOUNS = frozenset("я ты он она оно мы вы они".split())


# A second verb in a lead-in: `… слова Путина и добавил`, `…, а затем заявила`.
_SECOND_VERB_RE = re.compile(
    r"(?:\bи|,)\s+(?:(?:а|затем|потом|тут|же|также|еще|ещё|от|себя)\s+)*"
    r"([а-яё]+(?:л|ла|ли|ет|ит|ут|ют|ат|ят)(?:ся|сь)?)\b"
)  # (a candidate: pymorphy3 says whether it is a verb, not `генерала`)
_PASSING_ON_RE = re.compile(r"переда", re.IGNORECASE)  # `передает`: someone's words only
_CITES_RE = re.compile(r"(?:про)?цитир", re.IGNORECASE)  # `цитирует`: whose words it names
_RELATIVE_RE = re.compile(r"котор\w+|чь\w+", re.IGNORECASE)
_QUOTING_WITHIN = 4  # words from the attribution's start: `которого цитирует РБК` is not it


def _words_quoted(text: str, start: int, end: int) -> re.Match[str] | None:
    """A noun for someone's words within three words after a quoting verb ending at
    ``start`` (`приводит РИА слова`, `цитирует заявление`), before ``end``; or None."""
    words_of = WORDS_OF_RE.search(text, start, end)
    if words_of and len(WORD_RE.findall(text[start : words_of.start()])) <= 3:
        return words_of
    return None


#: A text someone wrote or said, as an impersonal attribution names it: `говорится в
#: телеграмме`, `сказано в обращении`, `отмечается в заявлении`.
_DOCUMENT_RE = re.compile(
    r"(?<![а-яё])(?:в|во)\s+(?:[а-яё]+(?:ом|ем|ой|ей)\s+)?"  # (`в официальном заявлении`)
    r"(?:(?:телеграмм|колонк|стать|книг|записк|запис|реч|открытк|комментари)[еи]"
    r"|(?:письм|обращени|послани|заявлени|сообщени|поздравлени|приветстви|соболезновани|интервью"
    r"|выступлени|блог|микроблог|дневник|пост|твит|доклад|завещани|мемуар)(?:е|ах|и)?)"
    r"(?![а-яё])",
    re.IGNORECASE,
)


def _document_author(
    registry: Registry, text: str, attribution: ClauseInfo, span: Span
) -> Person | None:
    """The person whose text an impersonal attribution names, in the genitive right after
    it (`— говорится в телеграмме Путина`, `— сказано в обращении главы МИД Сергея
    Лаврова`); None for an institution's (`— говорится в заявлении МИД`) or none named."""
    document = _DOCUMENT_RE.search(text, *span)
    if document is None:
        return None
    first = next((m for m in attribution.named if m.span[0] >= document.end()), None)
    if first is None:
        return None
    between = WORD_RE.findall(text, document.end(), first.span[0])
    if not all(map(_describes_author, between)):
        # (Only roles and what they are of: `в обращении главы МИД Сергея Лаврова`; not
        # `в заявлении защиты Навального`, `в письме на имя Путина`, `театра имени Вахтангова`)
        return None
    if between and stem_russian(fold(between[-1])) in NO_PERSON_STEMS | OWNER_NOUNS:
        return None  # `в заявлении пресс-службы Зеленского`: the service's, not his
    if between and not _apposed(between[-1]) and likeliest_tag(fold(between[-1])).POS == "NOUN":
        # Right before the name, a role it is in apposition to (`главы МИД Сергея Лаврова`,
        # `президента Путина`); another noun owns it (`соперника Трампа`, `охранника
        # Путина`, `преемника Назарбаева`: theirs).
        return None
    if len(first.words) == 1:
        if not (registry.match(first.parses) or _dictionary_person(first.words[0])):
            return None  # `в заявлении Нацфронта`: a word alone is someone known, or no one
        after = NEXT_LOWER_WORD_RE.match(text, first.span[1])
        if after is not None and likeliest_tag(after.group(1)).case == "gent":
            return None  # `в докладе Римского клуба`: a word of a name of a thing
    return named_speaker(registry, text, attribution, case="gen", after=document.end(), author=True)


#: Words that say what a text is (`телеграмма соболезнования`, `письмо поддержки`).
_WHAT_TEXT = ("соболезновани", "поздравлени", "приветстви", "благодарност", "поддержк")


_HONORIFICS = ("господин", "госпож", "мистер", "миссис", "мисс", "сэр", "леди")


def _describes_author(word: str) -> bool:
    """May ``word`` stand between a text's noun and its author's name: a role or another
    noun for one person, an adjective, or a capitalised word (what a role is of: `главы
    МИД России`)?"""
    if word[:1].isupper():
        return True
    folded = fold(word)
    if folded in PREPOSITIONS:
        return False
    if folded.startswith(_WHAT_TEXT):
        return True  # `в телеграмме соболезнования президента Владимира Путина`
    if folded.startswith(_HONORIFICS):
        return True  # `в письме госпожи Мэй`
    tag = likeliest_tag(folded)
    if tag.POS == "NOUN" and tag.number == "plur":
        return False  # `в заявлении юристов Трампа`: theirs
    if _role_form(folded):
        return True
    if not any(p.tag.case == "gent" for p in parses(folded)):
        return False  # `в телеграмме соболезнования родным Михаила Горбачева`: to them
    if tag.POS == "NOUN" and tag.animacy == "anim":
        return True  # (a person's noun, `посла США`, a role that no list has in this case)
    return tag.POS in ("ADJF", "PRTF")


def _apposed(word: str) -> bool:
    """May ``word`` stand right before an author's name, in apposition to it: a capitalised
    word (`МИД`), an honorific (`госпожи Мэй`) or a role noun (`президента Путина`)?"""
    if word[:1].isupper():
        return True
    folded = fold(word)
    return folded.startswith(_HONORIFICS) or _role_form(folded)


def _role_form(folded: str) -> bool:
    """Is ``folded`` a role noun in a case the role lists have (`главы`, `президента`)?"""
    return any(folded in forms for forms in ROLE_FORMS.values())


def _dictionary_person(word: str) -> bool:
    """Does OpenCorpora's dictionary know ``word`` as a surname or a given name (`Путина`,
    `Зеленского`; not `Нацфронта`)?"""
    return any(
        from_dictionary(p) and PERSON_GRAMMEMES & p.tag.grammemes for p in parses(fold(word))
    )


def _attribution_case(text: str, span: Span) -> tuple[str, int]:
    """The case the speaker is named in after the attribution's verb, and where to look from.

    Only when the attribution starts with its quoting verb: `— сказал Михаил
    Федотов, слова которого приводит РИА «Новости»` names him in the nominative.
    """
    head = WORD_RE.findall(text[span[0] : span[1]])[:_QUOTING_WITHIN]
    at = next((i for i, w in enumerate(head) if QUOTING_RE.fullmatch(w)), None)
    if at is None or _RELATIVE_RE.fullmatch(head[at - 1] if at else ""):
        return "nom", span[0]  # `— намекнул Товпинец, которого цитирует РБК`: the nominative
    quoting = QUOTING_RE.search(text, span[0], span[1])
    assert quoting is not None
    words_of = _words_quoted(text, quoting.end(), span[1])
    if words_of is not None:
        return "gen", words_of.end()
    if _PASSING_ON_RE.match(quoting.group()):
        return "nom", span[0]  # `— передает ТАСС`, `— передает корреспондент`
    return "acc", quoting.end()


#: Spaces other than the plain one, each read as one plain space (the same length: every
#: offset stays the text's).  News typesetting puts no-break spaces after short words and
#: dashes (`По\u00a0словам`, `—\u00a0сказал`), which the patterns' plain spaces missed.
#: (Searched for first: ``str.translate`` of every paragraph with quote marks cost the
#: 20,000-paragraph build 0.22 s.)
_OTHER_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _plain_spaces(text: str) -> str:
    """``text`` with its other spaces (:data:`_OTHER_SPACE_RE`) as plain ones, a surname in
    capitals after a given name written as a name (:func:`_surname_in_capitals`), a
    surname's `-младший`, `-старший` set apart by a space (`Петр Тодоровский-младший`
    gave `Петр`: the name ends at the surname, the rules read it as `Петр Тодоровский`),
    and a closing `»` typed as `«` before an attribution's comma and dash."""
    if _OTHER_SPACE_RE.search(text):
        text = _OTHER_SPACE_RE.sub(" ", text)
    if _CAPITALS_RE.search(text):
        text = _SURNAME_IN_CAPITALS_RE.sub(_surname_in_capitals, text)
    if "-младш" in text or "-старш" in text:
        text = _GENERATION_RE.sub(r"\1 \2", text)
    if ("«," in text or "« ," in text) and text.count("«") > text.count("»"):
        # A closing mark typed as an opening one before the attribution (`…Хангаласского
        # улуса«, — рассказал глава республики`): no quote opens before a comma.
        text = _MISTYPED_CLOSING_RE.sub("»", text)
    return text


_MISTYPED_CLOSING_RE = re.compile(r"«(?= ?,\s*[—–-]\s)")


#: A capitalised word and its generation (`Тодоровский-младший`, `Буша-старшего`).
_GENERATION_RE = re.compile(r"([А-ЯЁ][а-яё]+)-((?:младш|старш)[а-яё]{2,4})(?![А-ЯЁа-яё-])")


#: A word in capitals of four letters or more (looked for first: few paragraphs have one).
_CAPITALS_RE = re.compile(r"[А-ЯЁ]{4}")
#: A capitalised word or one in capitals, a space and a word in capitals: `Илья ФРИДМАН`,
#: `ВЛАДИМИР ПУТИН`, `Анна ПАВЛОВА-ГРИНЕВА`.
_SURNAME_IN_CAPITALS_RE = re.compile(
    r"(?<![А-ЯЁа-яё-])([А-ЯЁ](?:[а-яё]+|[А-ЯЁ]+) )([А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?)(?![А-ЯЁа-яё-])"
)


def _surname_in_capitals(match: re.Match[str]) -> str:
    """`Илья ФРИДМАН` as `Илья Фридман`, `ВЛАДИМИР ПУТИН` as `Владимир Путин` (the same
    length): interviews' headlines and bylines write the surname, or the whole name, in
    capitals (`Илья ФРИДМАН: «…»` gave the speaker `Илья`, `Герман ГРЕФ` `Герман`).
    Only after a given name the lexicon knows, and a word of four letters or more with a
    vowel (not an abbreviation the dictionary knows: `НАТО`, `ЦСКА`)."""
    given, word = match.groups()
    if len(word) < 4 or not any(letter in VOWELS for letter in word.lower()):
        return match.group()
    given = given[0] + given[1:].lower()
    if not any(r.role == "given" for r in analyse_word(given.rstrip())):
        return match.group()
    if abbreviation(word.lower()):
        return match.group()  # (`НАТО`: an organisation, whatever stands before it)
    return given + "-".join(part.capitalize() for part in word.split("-"))


def _composed(text: str) -> tuple[str, list[int] | None]:
    """``text`` composed (NFC: `й`, `ё` as one letter each, as the rules and the name
    lexicon read them), and where each offset of it lies in ``text`` (one more for its
    end); None where ``text`` is composed already, as almost every text is.

    Text in decomposed form (NFD: `и` and a combining breve) read `Сергей Лавров` as
    `Сергеи` with a mark after it, and names with `ё` not at all.  Each letter is
    composed with the marks that follow it, so every offset of the composed text
    maps back to a letter's start in ``text``.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    combining = unicodedata.combining
    pieces: list[str] = []
    where: list[int] = []
    start, size = 0, len(text)
    while start < size:
        end = start + 1
        while end < size and combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[start:end])
        pieces.append(piece)
        where += [start] * len(piece)
        start = end
    where.append(size)
    return "".join(pieces), where


def _decomposed_back(
    result: list[list[AttributedQuote]], maps: Sequence[list[int] | None]
) -> list[list[AttributedQuote]]:
    """``result`` with the offsets of each paragraph composed by :func:`_composed` put back
    on the paragraph as given."""
    return [
        quotes if where is None else _placed(quotes, where.__getitem__)
        for quotes, where in zip(result, maps, strict=True)
    ]


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
    composed = [_composed(paragraph) for paragraph in paragraphs]
    maps = [where for _, where in composed]
    paragraphs = [text for text, _ in composed]
    texts, shifts, goes_on = paragraphs_quoted_across(list(map(_plain_spaces, paragraphs)))
    found = [
        find_quotes(
            text,
            previous_paragraph=previous,
            runs_on=goes_on[i],
            continued=i > 0 and goes_on[i - 1],
            headline=i == 0 and len(texts) > 1,
        )
        for i, (text, previous) in enumerate(zip(texts, [None, *texts[:-1]], strict=True))
    ]
    if not any(found):
        return [[] for _ in paragraphs]  # quoted names and titles only: no speakers to find
    registry = Registry()
    verdicts: dict[tuple[str, ...], int] = {}  # (see ModelBudget)
    result: list[list[AttributedQuote]] = []
    roles_said: list[tuple[ClauseInfo, list[Person]]] = []
    previous_text: str | None = None
    previous_speaker: Person | None = None
    after_last_quote = ""  # the previous paragraph's text after its last quote
    sentences = 0  # sentences in the paragraphs before this one
    paragraph_starts = [0]  # the first sentence of each paragraph, as read
    following = [*texts[1:], None]
    for text, quotes, next_text in zip(texts, found, following, strict=True):
        skip = Skip(quoted_regions(text))
        budget = ModelBudget(verdicts)
        registry.paragraph = sentences
        registry.read(text)
        pending = registry.pending
        if pending is not None:
            # (A role in an article's opening lines waits for its person a few paragraphs:
            # `Украинский министр иностранных дел в беседе с VG: «…»`, the minister named
            # after the dateline; any other, only in its own paragraph.)
            made_in = bisect.bisect_right(paragraph_starts, pending.where) - 1
            if made_in >= _OPENING_PARAGRAPHS or len(result) > made_in + _HEADLINE_ROLE_PARAGRAPHS:
                registry.pending = None
            elif len(result) > 1:
                # (Past where it waited before, for the headline's: only a person introduced
                # with the role, `судья заявила, что «…»` then `…: Илья Васильевич, …` is no
                # judge.)
                pending.named_only = True
        # In an article's last paragraph, the names past its last quote matter only to a
        # role waiting for its person: they are read only then (see _later_mentions).
        cut = len(text) if next_text is not None else max((q.region[1] for q in quotes), default=0)
        events: list[tuple[int, int, object]] = [
            (m.span[0], 0, m) for m in read_mentions(text, 0, cut, skip, budget)
        ]
        events += [(q.region[0], 1, q) for q in quotes]
        events.sort(key=_EVENT_ORDER)
        breaks = [m.end() for m in SENTENCE_END_RE.finditer(text)]
        reported = reported_clauses(text, breaks)
        registry.read_sentences(text, breaks, sentences, skip, reported)
        for number, (start, end) in enumerate(
            itertools.pairwise([text_start_of(text), *breaks, len(text)])
        ):
            registry.sentences[sentences + number] = (
                text,
                start,
                end,
                reported.get(number, len(text)),
                skip,
            )
        attributed: list[AttributedQuote] = []
        consumed: set[Span] = set()
        last_mention: tuple[Mention, Person | None] | None = None
        starts = iter(enumerate([text_start_of(text), *breaks]))
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
                sentence_end = registry.sentences[registry.where][2]
                if registry.interviewing:  # (an interview on record: most texts have none)
                    source = _outlet_as_source(text, next_start[1], sentence_end)
                    if source is not None:  # (`«Интерфакс» пишет, что…`: its interviewees)
                        registry.interviewed_by(source)
                if (opening := role_subject(text, next_start[1])) is not None:
                    head, roles = opening
                    known = registry.recent(gender=None, role=head, context=roles.context)
                    if known is not None and not _others_at_hand(
                        registry, known, events, next_start[1], sentence_end
                    ):
                        # (`Глава МИД России добавил, что… «…», — уточнил он`: the one known
                        # with that role is the sentence's subject, not the person named last)
                        registry.touch(known)
                    elif not _waiting_for(registry.pending, head, roles.context):
                        registry.pending = PendingRole(*opening, registry.where, opening=True)
                next_start = next(starts, None)
            registry.where = sentences + bisect.bisect_right(breaks, position)
            if isinstance(event, Mention):
                if len(attributed) >= _RESOLVED_QUOTES:
                    continue  # (no quote of the paragraph will be read: nor its names)
                if event.span not in consumed:
                    person = None
                    if event.known_only and not registry.may_know(event):
                        # A lone word read only as a known person's surname, and nobody
                        # known by it (69% of the mentions on the 104,253 paragraphs:
                        # `Вдруг`, `Он`): it names no one, whatever its case, roles or
                        # source, so those are not read.
                        registry.pass_over(event)
                    else:
                        case, gender = subject_verb(text, event)
                        if case is None and (as_said := as_said_gender(text, event.span[0])):
                            # (`Как отметила И. Кутаева, …`: the clause's subject, its verb's
                            # gender: `Кутаева`, not `Кутаев`'s genitive)
                            case, gender = "nom", as_said
                        role_case = case_after_role(text, event.span[0])
                        if (
                            role_case not in (None, "nom")
                            and not any(role_case in p.cases for p in event.parses)
                            and _verb_next(text, event.span[1])
                        ):
                            # (`с поста главы правительства Ахмед Куреи объявил`: the name,
                            # in no case the role's would be, is its verb's subject; a
                            # nominative role's is that subject anyway)
                            role_case = None
                        person = registry.register(
                            event,
                            case=role_case or case,
                            roles=_own_roles(text, event),
                            gender=gender,
                            verb_gender=gender or _lone_verb_gender(text, event),
                            said=said_by(registry, text, event.span[0]),
                            woman=woman_named(text, event.span[0]),
                        )
                        note_alias(registry, text, event, person)
                        if person is not None:
                            outlet = _speaks_to_outlet_next(text, event.span[1])
                            if outlet is None and (role_case or case) in (None, "nom"):
                                outlet = _told_outlet_before(
                                    text, event.span[0], registry.sentences[registry.where][1]
                                )
                            if outlet is not None:  # (`Иванов рассказал РБК`)
                                registry.interviewed(person, outlet)
                    if person is not None and event.relative:
                        about = relative_of_a_person(text, event.span[0])
                        if about is not None:
                            person.in_relative = (registry.where, about)
                    _note_beside_unread(registry, text, last_mention, event, person)
                    last_mention = (event, person)
                else:
                    last_mention = None  # (read by a quote's attribution: not unread)
                _fill_pending(registry)
                continue
            assert isinstance(event, QuoteMatch)
            quotes_left -= 1
            if event.unattributed or len(attributed) >= _RESOLVED_QUOTES:
                # (No one's words the text says: the speakers go on.  Or a paragraph past
                # its share of the speaker rules: kept as quotes, whose no one can tell.)
                attributed.append(AttributedQuote(event.parts, None))
                continue
            roles_said.clear()
            # (What the text says between the previous quote and this one, its lead-in
            # left out: see _still_speaking.)
            said_from = event.region[0]
            if event.lead_in is not None and event.lead_in.kind != "previous-paragraph":
                said_from = min(said_from, event.lead_in.span[0])
            since_quote = (
                text[max(attributed[-1].parts[-1][1], said_from - _SINCE_QUOTE_CHARS) : said_from]
                if attributed
                else f"{after_last_quote} {text[:said_from]}"[-_SINCE_QUOTE_CHARS:]
            )
            told, speaker = _told_next(registry, text, previous_text, event, next_text, budget)
            if not told and _cut_at_attribution(text, event, next_text):
                told = True  # (the speaker named in a line of its own: not read, no one)
            if not told:
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
                    since_quote,
                ) or _signed(registry, text, event, next_text, budget)
            if speaker is not None and (
                _speaks_as_other_gender(text, event, speaker)
                or _declines_the_speaker(text, event, speaker)
            ):
                speaker = None  # (`«…», — сказала Собчак.` then `«Я с вами не согласен…»`)
            outlet = _spoke_to_outlet(text, previous_text, event)
            if outlet is not None:  # (for `— добавил собеседник издания`; None: a source)
                registry.interviewed(speaker, outlet)
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
                subject = role_subject(text, breaks[at - 1] if at else text_start_of(text))
                opened = subject is not None and subject[0] == said.role
                if pending is None or pending.person is not None or pending.where != registry.where:
                    pending = registry.pending = PendingRole(
                        said.role,
                        with_implied(said.role, said.role_context),
                        registry.where,
                        opening=opened,
                    )
                if said.role in pending.roles.nouns:
                    pending.gender = pending.gender or clause_gender(said)
                    pending.quotes.append((attributed, len(attributed)))
                    pending.not_them += spoken_of
                    pending.not_them += registry.named_in(
                        [text[start:end] for start, end in event.parts]
                    )
            previous_speaker = speaker
            attributed.append(AttributedQuote(event.parts, speaker.name if speaker else None))
            _fill_pending(registry)
        result.append(attributed)
        after_last_quote = text[attributed[-1].parts[-1][1] :] if attributed else text
        previous_text = text
        sentences += len(breaks) + 1
        paragraph_starts.append(sentences)
    result = _pull_quote(_headline_repeated(result, texts), texts)
    result = _as_spelled(_across_paragraphs(result, shifts, goes_on), paragraphs)
    return _decomposed_back(result, maps) if any(w is not None for w in maps) else result


def _own_roles(text: str, mention: Mention) -> Roles:
    """The roles before a name that are its own: for one every reading puts in the genitive
    and none in the nominative, not those of a role noun in the nominative heading its
    description (see :func:`oblique_name_roles`)."""
    roles = roles_of(text, mention.span)
    parses = mention.parses
    if not parses or any("nom" in p.cases or "gen" not in p.cases for p in parses):
        return roles
    return oblique_name_roles(text, mention.span[0], roles)


def _cut_at_attribution(text: str, quote: QuoteMatch, next_text: str | None) -> bool:
    """Does the paragraph end within ``quote``'s attribution, with no mark ending a
    sentence, and the next go on in lower case?  Text broken into lines at a width
    (`…Минпромторгу", - уточнил` / `пресс-секретарь таможни Павел Тулупов.`) names the
    speaker in the next line: the verb alone is no one's it knows (not the speaker
    before, `Алексей Кузьмин`, a wrong name)."""
    return (
        quote.attribution is not None
        and next_text is not None
        and not text[quote.attribution[1] :].strip()
        and text.rstrip()[-1:].isalpha()
        and next_text.lstrip()[:1].islower()
    )


def _may_be_subject(registry: Registry, mention: Mention) -> bool:
    """Can ``mention`` name a sentence's subject: in the nominative, after no preposition,
    and a lone surname only as a known person's (not `за слова Трампа`, whose `Трампа` is
    no woman's nominative where a Трамп is known)?"""
    if mention.after_preposition:
        return False
    nominative = [parse for parse in mention.parses if "nom" in parse.cases]
    if not nominative:
        return False
    return not mention.known_only or registry.match(nominative) is not None


def _others_at_hand(
    registry: Registry,
    known: Person,
    events: Sequence[tuple[int, int, object]],
    start: int,
    stop: int,
) -> bool:
    """For a sentence (at ``start``) opening with a role ``known`` holds: does it name
    someone who may be its subject (`Министр здравоохранения Михаил Мурашко …`), or did
    the sentence before, in its paragraph, have another subject, who may hold the role too
    (`Владимир Путин провел совещание. Президент был недоволен.`)?  Then the role is not
    ``known``'s for sure.  (``stop``: where the sentence ends.)"""
    first = bisect.bisect_left(events, start, key=_EVENT_POSITION)
    last = bisect.bisect_left(events, stop, key=_EVENT_POSITION)
    if any(
        isinstance(event, Mention) and _may_be_subject(registry, event)
        for _, _, event in events[first:last]
    ):
        return True
    since = max(registry.where - 1, registry.paragraph)  # (of this paragraph)
    return any(p is not known and p.subject and p.where >= since for p in registry.latest())


#: How many quotes of one paragraph the speaker rules read; the rest are kept, with no
#: speaker.  Real paragraphs hold at most 22 (of 107,624 texts: novels, MuSeRC and
#: DaNetQA); 14,630 in one of 340,000 characters with no sentence end (`Он сказал:
#: «слово1» Он сказал: «слово2» …`) took 6 s, each quote's clause reading the names of
#: the 1,500 characters before it (2.5 ms a quote there, 0.5 ms in a novel).
_RESOLVED_QUOTES = 200

#: The text since the quote before that :func:`_still_speaking` reads, at most (the
#: sentences before the quote: a long narrative paragraph is not read whole).
_SINCE_QUOTE_CHARS = 1000

#: `, что` opening a reported clause.
_THAT_AFTER_RE = re.compile(r",\s*(?:что|чтобы)(?![а-яё])")


def _lone_verb_gender(text: str, mention: Mention) -> str | None:
    """The gender of the singular past tense right after a lone word (`Обама заявил`):
    which of the people known by that surname it may be (`Мишель Обама` is no
    `заявил`'s); None for a name of more words (see ``subject_verb``) or no such verb."""
    if len(mention.words) > 1:
        return None
    word = NEXT_LOWER_WORD_RE.match(text, mention.span[1])
    if word is None:
        return None
    tag = likeliest_tag(word.group(1))
    if tag.POS != "VERB" or tag.tense != "past" or tag.number != "sing":
        return None
    return TAG_GENDERS.get(tag.gender)


def _verb_next(text: str, at: int) -> bool:
    """Is the word right after ``at`` (in lower case) a verb?"""
    word = NEXT_LOWER_WORD_RE.match(text, at)
    return word is not None and likeliest_tag(word.group(1)).POS == "VERB"


def _across_paragraphs(
    result: list[list[AttributedQuote]], shifts: Sequence[int], goes_on: Sequence[bool]
) -> list[list[AttributedQuote]]:
    """``result`` with each quote that runs on into the next paragraph given the speaker
    of its part there (or the part there the speaker of this one), and each paragraph's
    offsets as its text has them (see :func:`~searchlib._speech.quotes.paragraphs_quoted_across`).
    """
    result = [list(quotes) for quotes in result]
    links = [i for i, on in enumerate(goes_on) if on and result[i] and result[i + 1]]
    for i in reversed(links):  # (the speaker named where the quote closes, back to its start)
        if result[i][-1].speaker is None and result[i + 1][0].speaker is not None:
            result[i][-1] = AttributedQuote(result[i][-1].parts, result[i + 1][0].speaker)
    for i in links:  # (and one named where it opens, on to its end)
        if result[i + 1][0].speaker is None and result[i][-1].speaker is not None:
            result[i + 1][0] = AttributedQuote(result[i + 1][0].parts, result[i][-1].speaker)
    for i, shift in enumerate(shifts):
        if shift:
            # (A part read from the opening mark added at the paragraph's start, as one
            # running on from the paragraph before is, `«…` then `…» … »`, starts there.)
            result[i] = _placed(result[i], _shifted_back(shift))
    return result


#: A headline's quote needs this many content words (see :func:`_headline_repeated`):
#: one (`«популистский»`) is as often another's word for the same thing.
_HEADLINE_QUOTE_WORDS = 2
_CONTENT_WORD_RE = re.compile(r"[А-ЯЁа-яёA-Za-z]{3,}")


def _content_stems(text: str, parts: Sequence[tuple[int, int]]) -> set[str]:
    """The stems of a quote's words of three letters or more, stop words left out."""
    words = (fold(w) for start, end in parts for w in _CONTENT_WORD_RE.findall(text, start, end))
    return {stem_russian(w) for w in words if w not in RUSSIAN_STOP_WORDS}


#: The longest first paragraph read as a headline (see :func:`_headline`).
_HEADLINE_CHARS = 300


def _headline(text: str) -> bool:
    """Does an article's first paragraph read as its headline: short, no full stop at its end
    (`Дик Адвокат: «Мне пришлось многое поменять в команде»`; not a first paragraph of
    text, `Рябков прокомментировал заявление Блинкена: «Это неприемлемо».`)?"""
    stripped = text.rstrip()
    return len(stripped) <= _HEADLINE_CHARS and not stripped.endswith(".")


def _headline_repeated(
    result: list[list[AttributedQuote]], texts: Sequence[str]
) -> list[list[AttributedQuote]]:
    """``result`` with a headline's quote and a later quote repeating it given one speaker,
    the one either has.

    A news headline quotes words that the article quotes again, with who said them
    (`… отменить ЕГЭ, так как эта «система себя не оправдала»` over `он заявил, что
    «ЕГЭ, как сама система, себя не оправдала…»`), or names who said them where the
    article says only `— цитирует голландца сайт «Вести»` (`Дик Адвокат: «Мне
    пришлось многое поменять в команде»`).  A later quote repeats the headline's when
    it holds every content word of it (two at least); where later quotes that do are
    given different people, or the headline's quote is another's, nothing changes; nor
    where the first paragraph is text, not a headline (see :func:`_headline`).
    """
    if len(texts) < 2 or not result[0] or not _headline(texts[0]):
        return result
    later = [
        (i, n, _content_stems(texts[i], quote.parts))
        for i in range(1, len(texts))
        for n, quote in enumerate(result[i])
    ]
    if not later:
        return result
    result = [list(quotes) for quotes in result]
    for h, headline in enumerate(result[0]):
        wanted = _content_stems(texts[0], headline.parts)
        if len(wanted) < _HEADLINE_QUOTE_WORDS:
            continue
        repeats = [(i, n) for i, n, stems in later if wanted <= stems]
        speakers = {result[i][n].speaker for i, n in repeats} | {headline.speaker}
        speakers.discard(None)
        if len(speakers) != 1:
            continue  # (no one named, or two people: left as read)
        [speaker] = speakers
        result[0][h] = AttributedQuote(headline.parts, speaker)
        for i, n in repeats:
            result[i][n] = AttributedQuote(result[i][n].parts, speaker)
    return result


#: A headline naming whose comment the article is: `Алексей Багаряков – об эффективности
#: мэров` (group 1: the name).
_HEADLINE_ABOUT_RE = re.compile(rf"({FULL_NAME_PATTERN})\s*[—–-]\s*{ABOUT_PATTERN}")
#: A paragraph opening by saying whose the words before it were: `Так ответил…`, `Об этом
#: заявил…`, `Такое мнение высказал…`, `С таким заявлением выступил…`.
_SAID_SO_RE = re.compile(
    r"\s*(?:Так|Об этом|Эт(?:о|и|у|от)|Так(?:ое|ие|ую|ой)|С (?:таким|этим|такими|этими))\s"
)
#: A paragraph that is one quote and nothing else (a closing stop after it at most).
_WHOLE_QUOTE_RE = re.compile(r"\s*[«\"„“][^\n]*[»\"“”][.!?…]*\s*")


def _pull_quote(
    result: list[list[AttributedQuote]], texts: Sequence[str]
) -> list[list[AttributedQuote]]:
    """``result`` with the quote of no one that is the whole paragraph after a headline
    given the headline's one person: an interview's or a comment's pull quote, under
    `Светлана Бронникова: «…»` (a quote of hers) or `Алексей Багаряков – об
    эффективности мэров` (a name, a dash and what the person speaks about)."""
    if len(texts) < 2 or len(result[1]) != 1 or result[1][0].speaker is not None:
        return result
    if not _headline(texts[0]) or not _WHOLE_QUOTE_RE.fullmatch(texts[1]):
        return result
    if len(texts) > 2 and _SAID_SO_RE.match(texts[2]):
        return result  # (`Так ответил … депутат Михаил Матвеев.`: the paragraph after says)
    speakers = {quote.speaker for quote in result[0]}
    speaker: str
    if len(speakers) == 1 and None not in speakers:
        speaker = next(name for name in speakers if name is not None)
    else:
        about = _HEADLINE_ABOUT_RE.match(texts[0])
        if result[0] or about is None:
            return result
        first, parses_ = parse_run(tuple(about.group(1).split()))
        named = {p.full for p in parses_ if p.given and "nom" in p.cases}
        if first != 0 or len(named) != 1:
            return result
        [speaker] = named
    surname = stem_russian(fold(speaker.split()[-1]))
    if any(stem_russian(fold(w)) == surname for w in WORD_RE.findall(texts[1])):
        return result  # (`Анатолий Чубайс — о приватизации` over `«Чубайс должен…»`: of him)
    result = [list(quotes) for quotes in result]
    result[1][0] = AttributedQuote(result[1][0].parts, speaker)
    return result


def _shifted_back(shift: int) -> Callable[[int], int]:
    """An offset of a paragraph read with ``shift`` marks added at its start, as its own
    text has it (one at an added mark: the start)."""
    return lambda at: max(0, at - shift)


def _placed(quotes: list[AttributedQuote], place: Callable[[int], int]) -> list[AttributedQuote]:
    """``quotes`` with each offset of their parts put where ``place`` says."""
    return [
        AttributedQuote(tuple((place(s), place(e)) for s, e in q.parts), q.speaker) for q in quotes
    ]


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
_EVENT_POSITION = operator.itemgetter(0)


def _role_waits(registry: Registry) -> bool:
    """Do quotes wait for the person a role names (see :class:`PendingRole`)?"""
    return registry.pending is not None and bool(registry.pending.quotes)


def _later_mentions(
    events: list[tuple[int, int, object]],
    text: str,
    cut: int,
    skip: Skip,
    budget: ModelBudget,
    registry: Registry,
) -> Iterator[tuple[int, int, object]]:
    """``events``, then the mentions of ``text[cut:]`` if a role still waits for its person
    when they are reached (``cut`` is past the last quote of an article's last paragraph).

    A generator on purpose: whether a role waits is known only once the loop
    over ``events`` has handled them all (a list made up front would decide
    too early).
    """
    yield from events
    if cut < len(text) and _role_waits(registry):
        later = read_mentions(text, cut, len(text), skip, budget)
        yield from sorted(((m.span[0], 0, m) for m in later), key=_EVENT_ORDER)


#: A role in an article's first lines (headline, dateline, lede) waits for its person
#: through this many paragraphs after its own.
_HEADLINE_ROLE_PARAGRAPHS = 4
_OPENING_PARAGRAPHS = 3


def _waiting_for(pending: PendingRole | None, head: str, context: frozenset[str]) -> bool:
    """Do quotes of a role wait for its person, a sentence opening with that role (``head``,
    of ``context``) maybe naming it?  Then the waiting role stays, for the name to claim:
    `«…», — заявил губернатор Курской области.` then `Губернатор Курской области Алексей
    Смирнов …` (a new role there, cancelled by the name in its own sentence, gave the
    quote None).  Only where the sentence says what the role is of, and nothing the
    waiting role did not say: `— заявил министр обороны.` then `Министр обороны
    Белоруссии …`, `— заявил адвокат.` then `Адвокат потерпевшей …`, `Президент назвал …`
    then `Президент Франции …` may well be another (an independent review's probes: 18
    wrong names when any sentence opening with the role could claim it)."""
    return (
        pending is not None
        and pending.person is None
        and bool(pending.quotes)
        and head in pending.roles.nouns
        and bool(context)
        and context <= pending.roles.context
    )


def _fill_pending(registry: Registry) -> None:
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


def _lead_in_speaker(
    registry: Registry,
    text: str,
    quote: QuoteMatch,
    skip: Skip,
    budget: ModelBudget,
    reporter: Person,
) -> tuple[bool, Person | None]:
    """Whether a quote's lead-in in its own paragraph says who said it, with a speech verb
    or one naming what the words call something, and who: `Путин заявил:`, `Путин назвал
    ситуацию`, `Путин заявил, что Россия` (then an attribution after the quote names
    ``reporter``, who passes the words on: `— сообщил Песков`).  A subject pronoun or role
    there is the person it refers to, not the reporter (`Он назвал ситуацию «…», сообщил
    Песков`: the one named before, or nobody known); several people, a body or an unnamed
    source there are nobody (`Журналисты назвали …`, `Минздрав рекомендовал …`).  False
    where the lead-in says nothing of whose the words are (no subject, `по словам` or a
    quoting verb, a relative clause, words heard or perceived).
    """
    lead_in = quote.lead_in or reported_lead_in(text, quote)
    if lead_in is None or lead_in.kind == "previous-paragraph":
        return False, None
    lead_in = after_attributed(text, lead_in, skip)
    if _HEARD_FROM_RE.search(text, *lead_in.span) or _PERCEIVED_RE.search(text, *lead_in.span):
        return False, None
    lead_in = _past_parenthesis(text, last_coordinate(text, lead_in))
    if relative_clause(text, lead_in) is not None or _lead_in_case(text, lead_in) != "nom":
        return False, None
    lead_in = _said_in_that_clause(registry, text, lead_in, skip, budget) or lead_in
    words = [w.lower() for w in WORD_RE.findall(text, *lead_in.span)]
    verbs = [i for i, w in enumerate(words) if _says_or_names(w)]
    if not verbs:
        return False, None
    if all(likeliest_tag(words[i]).number == "plur" for i in verbs):
        # `Журналисты назвали происходящее «цирком»`: several people; not a verb with no
        # subject, `Москвичей призвали «…», сообщил мэр`: his office's call, as he says.
        return (
            any(
                (tag := likeliest_tag(w)).number == "plur" and tag.case == "nomn"
                for w in words[: verbs[0]]
            ),
            None,
        )
    lead = clause_info(text, lead_in.span, skip, budget, case="nom", lead_in=True)
    if lead.verb_gender in ("n", "impersonal"):
        return False, None
    if lead.several or lead.no_person:
        return True, None
    named = named_speaker(registry, text, lead, case="nom", lead_in=True)
    if named is not None:
        return True, named
    if lead.pronoun_gender is not None or lead.role is not None:
        person = _referred(registry, lead, [reporter])
        return True, None if person is reporter else person
    return False, None


def _told_in_its_paragraph(quote: QuoteMatch) -> bool:
    """Does ``quote``'s own paragraph say whose words it is: an attribution, an
    interruption, a lead-in there (not the paragraph before taken as its lead-in)?"""
    return (
        quote.attribution is not None
        or quote.interruption is not None
        or (quote.lead_in is not None and quote.lead_in.kind != "previous-paragraph")
    )


def _declines_the_speaker(text: str, quote: QuoteMatch, speaker: Person) -> bool:
    """Does a quote that a pronoun attributes name ``speaker`` in an oblique case (`он …
    просит суд «не выносить обвинительный приговор Лебедеву…»`, given to Лебедев)?
    Then the pronoun stands for someone else.  (Not where the speaker is named or read
    from the context: people do speak of themselves by name, `узнает, каково идти на
    Троекурова!`, `решили убить простого солдата Кервьеля`.)"""
    lead_in = quote.lead_in
    if lead_in is not None and lead_in.kind == "previous-paragraph":
        return False  # (its span is the paragraph before's: not looked into)
    told = lead_in.span if lead_in is not None else quote.attribution
    if told is None or not _PRONOUN_SUBJECT_RE.search(text, *told):
        return False
    surname = speaker.surname
    if _names_surname(text, told, surname):
        return False  # (`— заявил Иван Петров, когда он вышел`: named, the pronoun another's)
    for start, end in quote.parts:
        words = CAPITALISED_RE.findall(text, start, end)
        for i, word in enumerate(words):
            if word == surname or not _surname_form(word, surname):
                continue
            given = [r for r in analyse_word(words[i - 1]) if r.role == "given"] if i else []
            if (
                given
                and speaker.given
                and all(r.nominative != speaker.given.split()[0] for r in given)
            ):
                continue  # (`«Я горжусь Андреем Петровым», — сказал он`: his son)
            return True
    return False


def _surname_form(word: str, surname: str) -> bool:
    """Is ``word`` ``surname`` in an oblique case (`Лебедеву` of `Лебедев`)?"""
    return any(
        r.role == "surname" and r.nominative == surname and "nom" not in r.cases
        for r in analyse_word(word, after_given=True)
    )


def _names_surname(text: str, span: Span, surname: str) -> bool:
    """Does ``text[span]`` name ``surname``, in any case?"""
    return any(
        word == surname or _surname_form(word, surname)
        for word in CAPITALISED_RE.findall(text, *span)
    )


_PRONOUN_SUBJECT_RE = re.compile(r"(?<![А-ЯЁа-яё])(?:[Оо]н|[Оо]на)(?![А-ЯЁа-яё])")


def _speaks_as_other_gender(text: str, quote: QuoteMatch, speaker: Person) -> bool:
    """Does a quote whose speaker only its context gives (no attribution of its own, no
    lead-in in its paragraph) speak of itself in the other gender than ``speaker``'s: `Я
    с вами категорически не согласен` for a woman, `я сама пришла` for a man?  Then it
    is another's turn in a dialogue, or a text someone reads (`Коврин прочел:` then
    Таня's letter), not the previous speaker going on."""
    if speaker.gender not in ("m", "f") or _told_in_its_paragraph(quote):
        return False
    genders = {_first_person_gender(text[start:end]) for start, end in quote.parts}
    genders.discard(None)
    return len(genders) == 1 and speaker.gender not in genders


def _first_person_gender(speech: str) -> str | None:
    """The gender speech gives its speaker, where each `я` it has is followed in its clause
    by a past tense or a short adjective that shows one (`я был`, `Я рада`, `я сама`), and
    they agree; else None."""
    if not _I_RE.search(speech):
        return None  # (most quotes)
    found = set()
    # (Each sentence up to a colon: after one, someone else's words it reports, `Жена мне
    # сказала: я больше так не могла`.)
    own = " ".join(sentence.split(":")[0] for sentence in _SENTENCE_PARTS_RE.split(speech))
    for clause in _CLAUSE_PARTS_RE.split(own):
        words = [w.lower() for w in WORD_RE.findall(clause)]
        for i, word in enumerate(words):
            if word != "я":
                continue
            for after in words[i + 1 : i + 1 + _I_VERB_WITHIN]:
                if after in _SELF_GENDERS:
                    found.add(_SELF_GENDERS[after])
                    break
                tag = likeliest_tag(after)
                if tag.POS in ("VERB", "ADJS"):
                    if tag.gender in TAG_GENDERS and (tag.POS == "ADJS" or tag.tense == "past"):
                        found.add(TAG_GENDERS[tag.gender])
                    break
    return found.pop() if len(found) == 1 else None


_I_RE = re.compile(r"(?<![а-яё])[яЯ](?![а-яё])")
_SENTENCE_PARTS_RE = re.compile(r"[.!?…]")
_CLAUSE_PARTS_RE = re.compile(r"[,;—–()]")  # (colons split off before: see above)
#: Words after `я` a verb or short adjective that shows a gender may be, at most.
_I_VERB_WITHIN = 6
_SELF_GENDERS = {"сам": "m", "сама": "f"}


def _told_next(
    registry: Registry,
    text: str,
    previous_text: str | None,
    quote: QuoteMatch,
    next_text: str | None,
    budget: ModelBudget,
) -> tuple[bool, Person | None]:
    """Whether the next paragraph opens by naming whose words a quote ending this one with
    no attribution are, and whose: `«…».` then `Об этом RT рассказал политолог Иван
    Петров.`, `Такое мнение высказал …`, as one paragraph's next sentence does (see
    :func:`opening_attribution`).  A person named there settles it, before the quote is
    read as the previous speaker's going on or the previous paragraph's subject's
    (unless that paragraph ends with a colon: `Песков сообщил:`).  No person there
    (`Об этом сообщает ТАСС`), or a role or a pronoun alone, does not: the other rules
    read the quote (False).
    """
    if next_text is None or _told_in_its_paragraph(quote) or text[quote.region[1] :].strip(" ."):
        return False, None
    span = opening_attribution(next_text)
    if span is None:
        return False, None
    if quote.lead_in is not None and (previous_text or "").rstrip().endswith(":"):
        return False, None
    info = clause_info(next_text, span, Skip(quoted_regions(next_text)), budget)
    if info.verb_gender == "impersonal" and not info.several:
        # `Об этом говорится в заявлении Путина`: the text's author, if a person
        author = _document_author(registry, next_text, info, span)
        return author is not None, author
    if info.several or info.verb_gender == "n":
        return False, None
    made = statement_made(next_text, span[0])
    named = named_speaker(registry, next_text, info, case="nom", after=made or 0)
    return named is not None, named


def _signed(
    registry: Registry, text: str, quote: QuoteMatch, next_text: str | None, budget: ModelBudget
) -> Person | None:
    """The person a signature paragraph names, for a quote that ends its paragraph unattributed."""
    if next_text is None or quote.attribution is not None or text[quote.region[1] :].strip(" ."):
        return None
    signature = _SIGNATURE_RE.fullmatch(next_text)
    if signature is None:
        return None
    start, end = signature.span(1)
    named = read_mentions(next_text, start, end, Skip([]), budget, model=True)
    if len(named) != 1 or named[0].span != (start, end) or len(named[0].words) < 2:
        return None
    return registry.register(named[0], case="nom", speaker_position=True)


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


#: A verb of answering (`— ответил он`, `— парировала она`).
_ANSWERED_RE = re.compile(r"(?<![а-яё])(?:ответил[аи]?|отвечает|парировал[аи]?)(?![а-яё])", re.I)
#: A verb of asking someone (`спросил Лаврова`, `поинтересовалась у`, `задал вопрос`).
_ASKING_RE = re.compile(
    r"(?<![а-яё])(?:спросил[аи]?|поинтересовал(?:ся|ась|ись)|задал[аи]?\s+(?:[а-яё]+\s+)?вопрос"
    r"|обратил(?:ся|ась|ись)\s+с\s+вопросом)(?![а-яё])",
    re.I,
)


def _answering(registry: Registry, text: str, span: Span, attribution: ClauseInfo) -> Person | None:
    """The person asked in the sentence before, where a pronoun's attribution answers
    (`Журналист Би-би-си Стив Розенберг спросил Сергея Лаврова о санкциях. «…», —
    ответил он`: Лавров, not the journalist): the one person named there as an object,
    of the pronoun's gender; else None."""
    gender = attribution.pronoun_gender
    if gender is None or attribution.role is not None or not _ANSWERED_RE.search(text, *span):
        return None
    before = registry.sentences.get(registry.where - 1)
    if before is None:
        return None
    sentence, start, end, _, skip = before
    if not any(_ASKING_RE.search(sentence, *gap) for gap in skip.gaps(start, end)):
        return None
    asked = [p for p in registry.objects_in(registry.where - 1) if p.gender in (gender, None)]
    return asked[0] if len(asked) == 1 else None


def _asked_one_unnamed(registry: Registry, attribution: ClauseInfo) -> bool:
    """Did the sentence before ask someone of the pronoun's gender it does not name, whom
    the pronoun's attribution may be the reply of (`Федор Бондарчук … спросил режиссера,
    собирался ли он снимать в России. «Не было такого…», — рассказал он`: the director,
    not the one asking)?  Then the pronoun is no one known."""
    gender = attribution.pronoun_gender
    if gender not in ("m", "f") or attribution.role is not None:
        return False
    before = registry.sentences.get(registry.where - 1)
    if before is None:
        return False
    sentence, start, end, _, skip = before
    asking = next(
        (m for gap in skip.gaps(start, end) if (m := _ASKING_RE.search(sentence, *gap))), None
    )
    if asking is None:
        return False
    if any(p.gender in (gender, None) for p in registry.objects_in(registry.where - 1)):
        return False  # (one named: see _answering)
    asked = _ASKED_OBJECT_RE.match(sentence, asking.end())
    if asked is None:
        return False
    grammemes = likeliest_tag(asked.group(1)).grammemes
    return (
        bool(grammemes & {"NOUN", "NPRO"})
        and "sing" in grammemes
        and bool(grammemes & {"accs", "gent", "datv"})
        and bool(grammemes & {"masc" if gender == "m" else "femn", "ms-f"})
    )


#: The word after a verb of asking that says whom it asks (`спросил режиссера`,
#: `поинтересовался у него`, `задала вопрос министру`).
_ASKED_OBJECT_RE = re.compile(r"\s+(?:у\s+)?([а-яё]+)(?![а-яё-])")


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
        likeliest_tag(w).POS == "VERB" for w in WORD_RE.findall(asked.group(1).lower())
    ):
        return False
    first = quote.parts[0][0]
    return (
        len(WORD_RE.findall(text, first, last)) >= _QUESTION_WORDS
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


#: An indefinite word before a role noun: someone unnamed (`один высокопоставленный
#: дипломат`, `одна из сотрудниц`, `некий чиновник`).
_INDEFINITE_RE = re.compile(
    r"(?<![А-ЯЁа-яё])(?:[оО]дин|[оО]дна|[оО]дного|[оО]дну|[оО]дной|[нН]еки[йм]|[нН]екая"
    r"|[нН]екоего|[нН]екой)(?![А-ЯЁа-яё])"
)
#: A `собеседник` (`собеседница`) of an outlet: the role a role reading gives them.
_INTERVIEWEE = frozenset(map(stem_russian, ("собеседник", "собеседница")))
#: An outlet's name: quoted (`«Известиям»`), an abbreviation (`РБК`, `RT`), or one of the
#: agencies written without quotes.
_OUTLET = (
    r"(?:[«\"„][^«»\"„“”]{1,40}[»\"“”]|(?<![\w-])(?:[A-Z]{2,}|[А-ЯЁ]{2,6})(?![\w-])"
    r"|РИА\s+Новост\w*|Интерфакс\w*)"
)
#: A media noun, the outlet's kind only (`изданию`, `собеседник агентства`).
_MEDIA_NOUNS = "издани|агентств|газет|журнал|телеканал|портал|радиостанци|корреспондент"
#: Those in the dative, to whom one speaks (`рассказал изданию`).
_MEDIA_DATIVES = "изданию|агентству|газете|телеканалу|радиостанции|порталу|журналу|корреспонденту"
#: An outlet's name as a plain capitalised word, where only an outlet's may stand (after
#: `собеседник` ending an attribution, after `корреспондентом`: `Лайфа`, `Фонтанки`).
_OUTLET_WORD = r"[А-ЯЁ][а-яё]+(?![\w-])"
#: What follows `собеседник` where only the outlet names the interviewee (group 1: its name).
_OF_OUTLET = rf"(?:\s+(?:(?:{_MEDIA_NOUNS})[а-яё]*|({_OUTLET}|{_OUTLET_WORD})))?"
#: An interviewee named by the outlet alone (`— отметил собеседник издания`, `собеседница
#: «Известий»`; group 1: the outlet's name), not a source the words around make anonymous
#: (`собеседник агентства в правительстве`, `собеседник, знакомый с ситуацией`).
_OUTLETS_INTERVIEWEE_RE = re.compile(rf"[сС]обеседни(?:к|ца){_OF_OUTLET}\s*[.,;!?]?\s*$")
#: Words that tell a person spoke to an outlet: `в беседе с`, `в интервью`, a dative
#: media noun (`рассказал изданию`); group 1: the outlet's name after them, if one.
_TO_OUTLET_RE = re.compile(
    rf"(?<![а-яё])(?:[вВ]\s+(?:беседе|разговоре)\s+с|[вВ]\s+интервью|[вВ]\s+комментарии"
    rf"|{_MEDIA_DATIVES})(?![а-яё])(?:\s+(?:[а-яё]+\s+)?({_OUTLET}"
    rf"|(?<=корреспондентом ){_OUTLET_WORD}|(?<=корреспонденту ){_OUTLET_WORD}))?"
)
#: An outlet right after a word (`рассказал РБК`, `сообщил «Известиям»`, `пояснил RT`),
#: or past a pronoun or an adverb (`сказал он «Известиям»`, `рассказал также ТАСС`).
_WORD_THEN_OUTLET_RE = re.compile(
    rf"([а-яё]+)\s+(?:(?:он|она|также|еще|ещё|позже|затем)\s+)?({_OUTLET})"
)
#: An outlet right before a word (`Об этом РБК рассказал`, `«Известиям» сообщила`).
_OUTLET_THEN_WORD_RE = re.compile(rf"({_OUTLET})\s+([а-яё]+)")


#: Where a sentence or clause ends (not the dot inside `«Ленты.ру»`).
_CLAUSE_END_RE = re.compile(r"[.!?;…](?=\s|$)")


#: What any of those patterns needs: a quote mark, two capitals, or one of their words.
_OUTLET_HINT_RE = re.compile(
    rf"[«\"„]|[A-ZА-ЯЁ]{{2}}|нтерфакс|РИА|{_MEDIA_DATIVES}|беседе|разговоре|интервью|комментарии"
)


def _outlet_key(name: str | None) -> str:
    """What tells two mentions of an outlet as one: its name's first word, folded and
    stemmed (`«Известиям»` and `«Известий»`; `РИА Новости`: `риа`); "" for none named."""
    if not name:
        return ""
    words = WORD_RE.findall(name) or re.findall(r"[A-Za-z]+", name)
    return stem_russian(fold(words[0])) if words else ""


def _told_an_outlet(text: str, span: Span) -> str | None:
    """The outlet the clause ``text[span]`` says its speaker spoke to (`— рассказал РБК
    директор…`, `В беседе с «Известиями» он отметил:`), as :func:`_outlet_key` gives it
    ("" where only a media noun names it); None where it says no such thing.  Who did is
    the `собеседник издания` of a later attribution."""
    clause = text[span[0] : span[1]]
    if _OUTLET_HINT_RE.search(clause) is None:
        return None  # (most clauses: one search instead of three)
    told = _TO_OUTLET_RE.search(clause)
    if told is not None:
        return _outlet_key(told.group(1))
    for m in _WORD_THEN_OUTLET_RE.finditer(clause):
        if speech_verb(m.group(1)) is not None:
            return _outlet_key(m.group(2))
    for m in _OUTLET_THEN_WORD_RE.finditer(clause):
        if speech_verb(m.group(2)) is not None:
            return _outlet_key(m.group(1))
    return None


#: Right after a name: `в интервью`, `в беседе с` and the outlet, if named.
_INTERVIEW_NEXT_RE = re.compile(
    rf"\s+в\s+(?:интервью|беседе\s+с|разговоре\s+с)(?![а-яё])(?:\s+({_OUTLET}))?"
)
#: Right after a name: its verb, perhaps after an adverb (`Иванов также рассказал`).
_NEXT_VERB_RE = re.compile(r"\s+(?:[а-яё]+\s+)?([а-яё]+)\s+")
#: Right after a verb: whom it speaks to, an outlet named (group 1) or a media noun.
_ADDRESSEE_RE = re.compile(rf"(?:({_OUTLET})|(?:{_MEDIA_DATIVES})(?![а-яё]))")


def _speaks_to_outlet_next(text: str, end: int) -> str | None:
    """The outlet the words right after a name (ending at ``end``) say that person spoke to
    (`Иванов рассказал РБК`, `Петрова сообщила изданию`, `Орлов в интервью ТАСС`), as
    :func:`_told_an_outlet` gives it; None where they do not."""
    interview = _INTERVIEW_NEXT_RE.match(text, end)
    if interview is not None:
        return _outlet_key(interview.group(1))
    verb = _NEXT_VERB_RE.match(text, end)
    if verb is None or speech_verb(verb.group(1)) is None:
        return None
    addressee = _ADDRESSEE_RE.match(text, verb.end())
    return None if addressee is None else _outlet_key(addressee.group(1))


#: A quoted name right after a point (`— сказал он «Известиям»`).
_QUOTED_AFTER_RE = re.compile(r"\s*[«\"„][^«»\"„“”]{1,40}[»\"“”]")
#: What ends a clause before a name: its words are another clause's (`Как сообщил ТАСС,
#: Путин подписал…`: the agency spoke, not to it).
_CLAUSE_MARK_RE = re.compile(r"[,;:—–()]")


#: An outlet named as the source of what follows: `«Интерфакс» пишет`, `сообщает ТАСС`.
_SOURCE_VERBS = r"(?:пишет|пишут|сообщает|сообщил[ао]?|передает|передаёт|информирует)"
_OUTLET_AS_SOURCE_RE = re.compile(
    rf"({_OUTLET})\s+{_SOURCE_VERBS}(?![а-яё])|(?<![а-яё]){_SOURCE_VERBS}\s+({_OUTLET})"
)


def _outlet_as_source(text: str, start: int, stop: int) -> str | None:
    """The outlet (see :func:`_outlet_key`) the sentence ``text[start:stop]`` names as the
    source of what it reports (`«Интерфакс» пишет, что…`), or None."""
    if _OUTLET_HINT_RE.search(text, start, stop) is None:
        return None  # (most sentences)
    source = _OUTLET_AS_SOURCE_RE.search(text, start, stop)
    return None if source is None else _outlet_key(source.group(1) or source.group(2))


def _told_outlet_before(text: str, start: int, sentence_start: int) -> str | None:
    """The outlet the clause before a name (starting at ``start``) says it spoke to, the
    name its subject (`Об этом «Известиям» рассказал депутат Андрей Исаев`, `Как рассказал
    ТАСС депутат …,`, `В беседе с РБК глава …`), as :func:`_told_an_outlet` gives it; None
    where it says no such thing.  ``sentence_start``: where the name's sentence starts."""
    opening = max(sentence_start, start - _CLAUSE_BEFORE_CHARS)
    marks = list(_CLAUSE_MARK_RE.finditer(text, opening, start))
    clause_start = marks[-1].end() if marks else opening
    return _told_an_outlet(text, (clause_start, start))


#: How far back :func:`_told_outlet_before` reads (a hostile sentence of 16,000 clauses
#: must not be read again for each of its names).
_CLAUSE_BEFORE_CHARS = 200


def _spoke_to_outlet(text: str, previous_text: str | None, quote: QuoteMatch) -> str | None:
    """The outlet the quote's attribution or lead-in says its speaker spoke to (see
    :func:`_told_an_outlet`), or None."""
    if quote.attribution is not None:
        start, end = quote.attribution
        named = _QUOTED_AFTER_RE.match(text, end)  # (the attribution stops before it:
        told = _told_an_outlet(text, (start, named.end() if named else end))  # `«Известиям»`)
        if told is not None:
            return told
    lead_in = quote.lead_in
    if lead_in is None:
        return None
    source = previous_text if lead_in.kind == "previous-paragraph" else text
    return None if source is None else _told_an_outlet(source, lead_in.span)


#: An outlet's interviewee as a lead-in's subject, its verb next (group 2; group 1: the
#: outlet's name): `Собеседник агентства пообещал «…»`, `собеседник «Известий» отметил:`.
_INTERVIEWEE_SUBJECT_RE = re.compile(
    rf"(?<![А-ЯЁа-яё])[сС]обеседни(?:к|ца){_OF_OUTLET}\s+([а-яё]+)"
)


#: An outlet's interviewee whose words a lead-in gives (group 1: the outlet's name): `По
#: словам собеседника издания,`, `по мнению собеседницы «Известий»,`.
_INTERVIEWEE_WORDS_RE = re.compile(
    r"(?<![А-ЯЁа-яё])[Пп]о\s+(?:словам|мнению|оценке|данным)\s+собеседни(?:ка|цы)"
    rf"{_OF_OUTLET}\s*,?\s*$"
)


def _interviewee_subject(text: str, span: Span, *, according: bool = False) -> str | None:
    """The outlet (see :func:`_outlet_key`) whose interviewee is the subject of the lead-in
    ``text[span]``, named by the outlet alone and right before its speech verb (or, with
    ``according``, whose words it gives: `По словам собеседника издания,`); None where
    none is (`собеседник агентства в правительстве сообщил`: a source)."""
    if according:
        words_of = _INTERVIEWEE_WORDS_RE.search(text, *span)
        return None if words_of is None else _outlet_key(words_of.group(1))
    subject = _INTERVIEWEE_SUBJECT_RE.search(text, *span)
    if subject is None:
        return None
    verb = subject.group(2)
    if speech_verb(verb) is None and not governing_verb(verb):
        return None
    return _outlet_key(subject.group(1))


def _interviewee(
    registry: Registry, text: str, quote: QuoteMatch, info: ClauseInfo
) -> Person | None:
    """The person who spoke to the outlet, for `— отметил собеседник издания`: the one the
    article last said spoke to an outlet (see :meth:`Registry.interviewee`), if the
    attribution names the interviewee by the outlet alone; None otherwise (an unnamed
    source)."""
    if info.role not in _INTERVIEWEE or info.several or quote.attribution is None:
        return None
    # (to its sentence's end: the attribution stops before a quoted name, `собеседник
    # «Известий»`)
    start, end = quote.attribution
    stop = _CLAUSE_END_RE.search(text, end)
    named = _OUTLETS_INTERVIEWEE_RE.search(text, start, stop.start() if stop else len(text))
    if named is None:
        return None
    return registry.interviewee(clause_gender(info), _outlet_key(named.group(1)))


# A document the words are in, named in a lead-in (`в сообщении`, `в письме`, `в тексте`).
# (Case forms only: not `в текстильной отрасли`, `в письменном виде`.)
_IN_A_DOCUMENT_RE = re.compile(
    r"(?<![а-яё])[Вв]\s+(?:(?:сообщени|письм|документ|обращени|текст|листовк|послани|записк"
    rf"|резолюци|постановлени|телеграмм){CASE_ENDING}|докладе|отчете|отчёте)(?![а-яё])"
)


#: A verb recalling someone's words, the noun for them and whose they are, then what they
#: said (`вспомнил недавние слова президента, что`, `напомнила высказывание Путина о
#: том, что`): group 1 whose.
_RECALLED_WORDS_RE = re.compile(
    r"(?<![а-яё])(?:вспомн|напомн|привел|привёл|привела|привели|процитир|повторил)[а-яё]*"
    r"\s+(?:[а-яё]+\s+)?(?:слова|высказывани[ея]|заявлени[ея]|фразу|утверждени[ея])"
    r"\s+((?:[А-ЯЁа-яё-]+\s+){0,3}?[А-ЯЁа-яё-]+)\s*,?\s*(?:что|о\s+том,?\s+что)(?![а-яё])",
    re.IGNORECASE,
)


def _resolve(
    registry: Registry,
    text: str,
    previous_text: str | None,
    quote: QuoteMatch,
    skip: Skip,
    previous_speaker: Person | None,
    consumed: set[Span],
    budget: ModelBudget,
    roles_said: list[tuple[ClauseInfo, list[Person]]],
    since_quote: str = "",
) -> Person | None:
    """The speaker of ``quote``, or None; then ``roles_said`` gets the role nouns naming
    the speaker (`— добавил президент`) that settled nothing, with the people the words
    are about (who are not that role: see :func:`_spoken_of`).  ``since_quote``: the text
    since the quote before (see :func:`_still_speaking`)."""
    attribution = None
    if quote.interruption is not None:
        # `«Первое, — сказал Эрдоган. — Второе», — цитирует его слова пресс-служба`: the
        # interruption names the speaker where the attribution after the quote may not.
        start, end = quote.interruption
        outside = skip.within(start, end, around=False)
        inside = clause_info(text, quote.interruption, outside, budget)
        consumed.update(m.span for m in inside.named)
        if not inside.several and not inside.no_person:
            named = named_speaker(registry, text, inside, case="nom")
            if named is not None:
                return named
    if quote.attribution is not None:
        # An interruption's attribution sits inside the quoted region: unskip it.
        start, end = quote.attribution
        outside = skip.within(start, end, around=False)
        case, after = _attribution_case(text, quote.attribution)
        made = statement_made(text, start)
        if made is not None:  # (`Такую оценку действиям Байдена дал Трамп`: after its verb)
            after = max(after, made)
        attribution = clause_info(
            text, quote.attribution, outside, budget, case=case, whole=case != "nom"
        )
        # (Only names that could be its speaker are the attribution's: another, in a case
        # the speaker's is not, is read as any name is, with its role, for later quotes:
        # `— сообщил Абэ в беседе с министром Сергеем Лавровым.` then `— ответил министр`.)
        consumed.update(
            m.span
            for m in attribution.named
            if any(case in p.cases for p in m.parses) or registry.by_alias(m)
        )
        quoting = case != "nom"  # `— цитируют «Вести» заявление Путина`: the verb is the media's
        if not quoting and attribution.verb_gender == "impersonal" and not attribution.several:
            # `— говорится в телеграмме Путина`: the author of the text named
            return _document_author(registry, text, attribution, quote.attribution)
        if not quoting and (attribution.several or attribution.verb_gender == "n"):
            return None  # `— сообщило ведомство`
        named = named_speaker(registry, text, attribution, case=case, after=after)
        if named is not None:
            if not quoting:
                # `Путин назвал ситуацию «напряженной», сообщил Песков`: the words are
                # the lead-in's speaker's, whom the attribution's person reports.
                told, speaker = _lead_in_speaker(registry, text, quote, skip, budget, named)
                return speaker if told else named
            return named
        if attribution.role in _INTERVIEWEE:
            interviewee = _interviewee(registry, text, quote, attribution)
            if interviewee is not None:
                return interviewee  # `— отметил собеседник издания`, who spoke to it
        answering = _answering(registry, text, quote.attribution, attribution)
        if answering is not None:
            return answering  # `Журналист … спросил Сергея Лаврова … — ответил он`: Лавров
        if _asked_one_unnamed(registry, attribution):
            return None  # `Бондарчук спросил режиссера, … «…», — рассказал он`: not Бондарчук
        if attribution.no_person and quote.lead_in is None:
            if attribution.verb_gender in ("m", "f"):  # (one unnamed person or body)
                registry.unnamed_speaker_at = registry.where
            return None  # (with a lead-in, `Песков назвал … «…», передает ТАСС`: his words)
        if attribution.role is not None and _INDEFINITE_RE.search(text, *quote.attribution):
            # `— заметил один высокопоставленный европейский дипломат`: someone unnamed,
            # not a diplomat named paragraphs before
            if attribution.verb_gender in ("m", "f"):
                registry.unnamed_speaker_at = registry.where
            return None
    lead = None
    spoken_of: list[Person] = []  # (`По мнению эксперта, Иванов «…»`: not the speaker)
    if quote.lead_in is not None:
        source = previous_text if quote.lead_in.kind == "previous-paragraph" else text
        if source is not None:
            lead_skip = Skip(quoted_regions(source)) if source is not text else skip
            lead_in = after_attributed(source, quote.lead_in, lead_skip)
            heard = _HEARD_FROM_RE.search(source, *lead_in.span)
            if heard is not None:
                if heard.group(2):
                    return None  # `услышала от него: «…»`: his words, not hers
                # `услышала от Петрова:`: Петров's, or (no name read there) no one's known
                lead = clause_info(source, heard.span(1), lead_skip, budget, case="gen")
                return named_speaker(registry, source, lead, case="gen", source=True)
            last_part = source.rfind(",", *lead_in.span) + 1 or lead_in.span[0]
            if _PERCEIVED_RE.search(source, last_part, lead_in.span[1]) and not any(
                map(speech_verb, WORD_RE.findall(source, *lead_in.span))
            ):
                return None  # `И слышит Рымвид: «…»`: who hears it, not who says it
            if source is text and _asked(text, quote, last_part, lead_in.span[1]):
                return None  # `Усик ответил на вопрос одного из зрителей: «…?»`: the asker's
            if IMPERSONAL_PART_RE.match(source, last_part, lead_in.span[1]) and not _whose_words(
                source[slice(*lead_in.span)].lower()
            ):
                return None  # `…, надо только не забывать приговаривать: «…»`: anyone
            lead_in = _past_parenthesis(source, last_coordinate(source, lead_in))
            relative = relative_clause(source, lead_in)
            if relative is not None:
                if relative.speaker == "antecedent":  # `с Лукашенко, который заявил:`
                    return find_antecedent(registry, source, lead_in, relative, lead_skip, budget)
                if relative.speaker == "nobody":  # `журналистам, которые спросили:`
                    return None
                # `о решении, которое Лавров назвал «…»`: the relative clause's own subject,
                # named there, or a pronoun (`которые он назвал`); a role there is nobody
                # known (`после инцидента, в ходе которого начальник назвал его «рабом»`
                # is no later-named person's)
                lead_in = attrs.evolve(lead_in, span=(relative.end, lead_in.span[1]))
                own = clause_info(source, lead_in.span, lead_skip, budget, lead_in=True)
                if own.several or (not own.named and own.pronoun_gender is None):
                    return None
            case = _lead_in_case(source, lead_in)
            recalled = _RECALLED_WORDS_RE.search(source, *lead_in.span) if case == "nom" else None
            if recalled is not None:
                # `Костусев вспомнил слова президента, что … «…»`: the words recalled are
                # whose the noun says (a person named there, or no one known), not his
                whose = clause_info(source, recalled.span(1), lead_skip, budget, case="gen")
                return named_speaker(registry, source, whose, case="gen", source=True)
            if (
                case == "nom"
                and lead_in.kind == "colon"
                and _ACCORDING_PRONOUN_RE.match(source, lead_in.span[0])
            ):
                # `По её словам, Набиуллина завершила выступление прогнозом: «…»`: the
                # words of the one named after the pronoun's, as with a name's genitive
                lead_in = _named_with_last_verb(source, lead_in, lead_skip, budget) or lead_in
            if case == "gen" and _IN_A_DOCUMENT_RE.search(source, *lead_in.span):
                # `По словам эксперта, в сообщении была такая фраза: «…»`: a document's
                # words, which the one named passes on (a RuCoCo text gave them to him)
                return None
            if case == "nom":
                # `Захарова сообщила, что Лавров назвал переговоры «…»`: Лавров's words
                lead_in = (
                    _said_in_that_clause(registry, source, lead_in, lead_skip, budget) or lead_in
                )
            if case == "gen":
                besides = _named_with_last_verb(source, lead_in, lead_skip, budget)
                if besides is not None:  # `По словам Пескова, Путин заявил:`: Путин's words
                    lead_in, case = besides, "nom"
                else:
                    lead_in = _from_according(source, lead_in)
                    spoken_of = _spoken_of(registry, source, lead_in, lead_skip, budget)
            elif case == "acc":
                # (who quotes is not who is quoted: `Песков процитировал президента:`)
                quoting_start = lead_in.span[0]
                lead_in = _past_quoting_verb(source, lead_in)
                if not _quotes_a_person(source, lead_in.span):
                    return None  # `процитировал Коран:`, `цитирует жалобу жителей на …:`
                spoken_of = registry.named_in([source[quoting_start : lead_in.span[0]]])
            lead = clause_info(
                source,
                lead_in.span,
                lead_skip,
                budget,
                case=case,
                lead_in=True,
                whole=case == "acc",
            )
            if lead.pronoun_gender is not None and case == "nom":
                # (`он пояснил, что Путин «…»`: whom the words are about, not the pronoun;
                # not a name before `что`, `На вопрос, не заметил ли он…, Максимов ответил`)
                pronoun = SUBJECT_PRONOUN_RE.search(source, *lead_in.span)
                that = pronoun and _THAT_AFTER_RE.search(source, pronoun.end(), lead_in.span[1])
                reported = source[that.end() : lead_in.span[1]] if that else ""
                if reported and not any(
                    # (not a name with a verb of its own saying it: `он добавил, что Лавров
                    # назвал санкции «…»` is Лавров's)
                    speech_verb(w) or governing_verb(w)
                    for w in WORD_RE.findall(reported.lower())
                ):
                    spoken_of = [*spoken_of, *registry.named_in([reported])]
            if case == "nom" and _ACCORDING_PRONOUN_RE.match(source, lead_in.span[0]):
                spoken_of = _spoken_of(registry, source, lead_in, lead_skip, budget)
            if lead.verb_gender == "impersonal" and case == "nom" and not lead.several:
                # `В телеграмме Путина говорится:`: the author of the text named, if a person
                return _document_author(registry, source, lead, lead_in.span)
            if lead.verb_gender == "n" and case == "nom":
                return None
            if lead.several:
                return None
            if lead.role in _INTERVIEWEE:
                outlet = _interviewee_subject(source, lead_in.span, according=case == "gen")
                if outlet is not None:  # `Собеседник агентства пообещал «…»`: who spoke to it
                    return registry.interviewee(clause_gender(lead), outlet)
            named = named_speaker(registry, source, lead, case=case, lead_in=True)
            said = clause_gender(attribution) if attribution is not None else None
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
            person = _referred(registry, info, not_them, after_quote=info is attribution)
            if person is not None:
                return person
            if _still_speaking(
                registry, previous_speaker, info, since_quote
            ) and not _named_in_relative(previous_speaker, info.pronoun_gender):
                person = previous_speaker
            else:
                person = _said_before(registry, info) or _introduced_bare(
                    registry, info, since_quote
                )
            if person is not None and person in not_them:
                person = None
            if person is not None:
                if info.role is not None:
                    person.said_roles.update(with_implied(info.role, frozenset()).nouns)
                    person.said_context |= info.role_context | info.role_origin
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


def _introduced_bare(registry: Registry, info: ClauseInfo, since_quote: str = "") -> Person | None:
    """`Иван Петров провёл урок. «…», — напутствовал предприниматель`: a role that nobody
    was introduced with goes to the person named last, when that person was introduced
    with no role at all (or the role is a generic one, see :data:`_GENERIC_ROLES`),
    named as a subject in this sentence or one of the two before (of the same
    paragraph: a news item's `Об этом сообщает …` often stands between), nobody else
    of that gender was named there, and the text since the quote before (``since_quote``)
    gives the role to no one else (`Абэ встретился с мэром города Немуро Сюнскэ
    Хасэгавой. «…», — сказал мэр`, a name the rules could not read)."""
    if info.role is None or info.several or info.role in _SIDE_ROLES or info.related:
        return None  # (`По словам знакомого с ним бизнесмена`: not him)
    if _role_named_in(info.role, since_quote):
        return None
    if _source_speaking(registry):
        return None  # (`Но чиновник, пожелавший сохранить анонимность, уверен: «…»`)
    gender = clause_gender(info)
    if registry.recent(gender=gender, role=info.role) is not None:
        return None  # someone has that role (and was not chosen): not a bare name's
    recent = [
        p
        for p in itertools.islice(registry.latest(), 4)
        if p.where >= registry.where - 2 and (gender is None or p.gender in (None, gender))
    ]
    fitting = [p for p in recent if p.where >= registry.paragraph]
    if not fitting and info.role in _EXPERT_ROLES:
        # An expert's role may name the one person the paragraph before introduced (`…
        # заявил руководитель центра Павел Ковтонюк.` then `«…», — сказал эксперт`): news
        # agencies quote experts so; or, further back, the one person of that gender the
        # article has named at all (`Вице-президент АТОР … Илья Уманский сообщил…`, a
        # paragraph of his views, then `«…», — оценил эксперт`).
        fitting = recent or _the_one_named(registry, gender)
    if len(fitting) != 1:
        return None
    person = fitting[0]
    if not person.subject or _beside_unread(person, gender):
        return None  # (`Трамп и Путин провели…`: the role may be the unread name's)
    if info.role in _EXPERT_ROLES and not person.roles.isdisjoint(_OFFICE_ROLES):
        return None  # (`Президент Владимир Путин провел совещание. «…», — считает эксперт`)
    if info.role in person.said_roles and _said_of_another(person, info):
        return None  # (see _said_before)
    # (A generic role may name again someone introduced with another one: `дизайн-директор
    # «Октавы» Владимир Шипилов. «…», — сказал топ-менеджер`.)
    return person if not person.roles or info.role in _GENERIC_ROLES else None


def _the_one_named(registry: Registry, gender: str | None) -> list[Person]:
    """The one person of ``gender`` (if told) the article has named so far, as a list, if
    introduced with a role (a commentator described, not a bare name, more often the one
    the news is about); or none, where it has named more."""
    named = [p for p in registry.latest() if gender is None or p.gender in (None, gender)]
    return named if len(named) == 1 and named[0].roles else []


#: Generic roles of an expert quoted for a comment (see :func:`_introduced_bare`).
_EXPERT_ROLES = frozenset(stem_russian(w) for w in "эксперт аналитик специалист".split())
#: Offices whose holder news do not call an expert (a former one may be: `экс-министр`).
_OFFICE_ROLES = frozenset(
    stem_russian(w)
    for w in """
    президент премьер премьер-министр вице-премьер министр замминистра губернатор мэр
    спикер канцлер
    """.split()
)

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


def _said_before(registry: Registry, info: ClauseInfo) -> Person | None:
    """`Любимов рассказал… — цитирует РБК режиссера. … — заметил режиссер`: a role that
    already named a speaker not introduced with it names them again, while nobody else of
    that gender has been named since."""
    if info.role is None or info.several:
        return None
    gender = clause_gender(info)
    for person in registry.latest():
        if gender is None or person.gender in (None, gender):
            return (
                person
                if info.role in person.said_roles and not _said_of_another(person, info)
                else None
            )
    return None


def _said_of_another(person: Person, info: ClauseInfo) -> bool:
    """Was ``info``'s role said of ``person`` as one of another place or body than ``info``
    says (`— цитирует NEWSru.com итальянского премьера`, then `— заключил глава
    российского правительства`: not the Italian)?"""
    return _of_another(info.role_origin, person.said_context)


def _of_another(context: Collection[str], known: Collection[str]) -> bool:
    """Is a role of ``context`` (stems) one of something else than a person's, ``known``:
    no stem of one begins as one of the other does (`росс` and `итал`; not `украинск` and
    `украин`, `автоваз` and `автозавод`, which may name one thing)?"""
    if not context or not known:
        return False
    return {s[:_SAME_START] for s in context}.isdisjoint(s[:_SAME_START] for s in known)


#: The letters two context stems share when they may name one thing (see _of_another).
_SAME_START = 4


def _still_speaking(
    registry: Registry, previous: Person | None, info: ClauseInfo, since_quote: str = ""
) -> bool:
    """`«…», — сказал Мутко. … «…», — добавил министр`: a role or pronoun that fits no one
    introduced that way, or a speech verb with no subject (`И добавил: «…»`), goes to the
    previous quote's speaker, when that is the person
    mentioned last (as a subject) and nothing contradicts it (the gender, a role that
    person was introduced with, or the role given to another since the quote before,
    ``since_quote``: `— отметил Абэ на встрече с мэром города Немуро. «…», — сказал мэр`,
    a name the rules could not read, is not Абэ's)."""
    if previous is None or info.several:
        return False
    if info.role is None and info.pronoun_gender is None and not info.subjectless:
        return False
    if registry.last_named is not previous:
        return False  # someone was named since: `С ним согласился Левин. «…», — заявил депутат`
    if not previous.subject:
        return False  # named since, as an object: `Глава партии обвинил Петрова. «…»`
    if _source_speaking(registry):
        return False  # `Один из собеседников назвал решение … «…», — пояснил чиновник`
    if info.subjectless and role_since(registry, previous) is not None:
        return False  # `— сказал Песков. Министр обороны провёл совещание. И добавил:`
    if info.pronoun_gender is not None and role_of_another(registry, previous) is not None:
        # `— заявил председатель совета Рогов. Президент и сам … «…», — добавил он`: the
        # role's (as :func:`_referred` reads the pronoun), not the chairman's.
        return False
    gender = clause_gender(info)
    if gender is not None and previous.gender not in (None, gender):
        return False
    if info.role is None:
        return True
    if previous.roles:
        # (the role the speaker was introduced with, of what it was of, not another's:
        # `Премьер-министр Италии …` then `— заключил глава российского правительства`;
        # or, for one holding no office, what news call any commentator: `директор фонда
        # Юрий Рогулёв … — отметил эксперт`)
        if _of_another(info.role_origin, previous.context):
            return False
        return info.role in previous.roles or (
            info.role in _EXPERT_ROLES and previous.roles.isdisjoint(_OFFICE_ROLES)
        )
    return not _role_named_in(info.role, since_quote)


def _role_named_in(role: str, text: str) -> bool:
    """Does ``text`` name the role ``role`` (a stem), or one that implies it (`мэром` for a
    `чиновник`), in an oblique case: another's, met or spoken of (`на встрече с мэром`)?
    (In the nominative it may be the subject named again, `Великий режиссёр встретится…`,
    which pending roles see to.)"""
    if not text:
        return False
    nominative = ROLE_FORMS["nom"]
    for word in WORD_RE.findall(text.lower()):
        word = word.replace("ё", "е")
        if word in nominative:
            continue
        stem = stem_russian(word)
        if stem in ROLE_STEMS and (stem == role or role in with_implied(stem, frozenset()).nouns):
            return True
    return False
