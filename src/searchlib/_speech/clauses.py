"""Reading the sentence around a quote: its clauses, their subject, verb and objects.

:func:`clause_info` reads an attribution or lead-in clause (who is its subject,
by name, pronoun or role noun; which verb; who are only objects), and
:func:`relative_clause` whose words a relative clause gives (`с Лукашенко,
который заявил`); the rest are the small readings they share.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

import attrs

from searchlib._morph import likeliest_tag, parses
from searchlib._speech.mentions import (
    GENITIVE_ENDINGS,
    JOINED_RE,
    NEXT_LOWER_WORD_RE,
    PREPOSITIONS,
    WORD_RE,
    Mention,
    ModelBudget,
    Person,
    Skip,
    Span,
    last_word,
    person_noun,
    read_mentions,
    tokens_before,
    verb_agrees,
)
from searchlib._speech.names import (
    PERSON_GRAMMEMES,
    PLACE_GRAMMEMES,
    TAG_GENDERS,
    VOWELS,
    analyse_word,
    fold,
    fold_all,
    is_common_word,
)
from searchlib._speech.quotes import (
    RELATIVE_OPENING_RE,
    SPEECH_VERBS,
    LeadIn,
    governing_verb,
    literal_alternation,
    part_of_speech,
    speech_verb,
    statement_by_several,
)
from searchlib._speech.registry import (
    SUBJECT_PRONOUN_RE,
    PendingRole,
    Registry,
    note_alias,
)
from searchlib._speech.roles import (
    CHAIR,
    DEPUTIES,
    DEPUTY_MINISTER,
    HEAD,
    NO_PERSON_PEOPLE,
    NO_PERSON_PEOPLE_NOM,
    NO_PERSON_STEMS,
    NO_PERSON_WORDS,
    PREMIER,
    QUOTED_NAME_AFTER_RE,
    ROLE_FORMS,
    ROLE_STEMS,
    Roles,
    at_last_mark,
    chairs_government,
    feminine_role_stems,
    feminine_roles,
    finite_verb,
    generic_context,
    heads_of,
    in_oblique_apposition,
    nominative_only,
    role_context_of,
    roles_before,
    roles_of,
    woman_named,
)
from searchlib._stemmer import stem_russian

__all__ = [
    "IMPERSONAL_PART_RE",
    "NAMES_ONLY",
    "OWNER_NOUNS",
    "PARENTHESES",
    "QUOTING_RE",
    "SENTENCE_END_RE",
    "SUBJECT_PRONOUN_RE",
    "WORDS_OF_RE",
    "ClauseInfo",
    "after_attributed",
    "clause_gender",
    "clause_info",
    "comma_parts",
    "find_antecedent",
    "goes_on_the_main_verb",
    "last_coordinate",
    "main_parts",
    "named_speaker",
    "relative_clause",
    "role_of_another",
    "role_since",
    "subject_verb",
]


@attrs.frozen
class ClauseInfo:
    named: tuple[Mention, ...]
    pronoun_gender: str | None
    verb_gender: str | None
    role: str | None
    role_context: frozenset[str]  # `глава ВТБ`: {"втб"}
    no_person: bool  # plural, impersonal, press service, unnamed source
    several: bool  # several speakers: a plural verb, or `Путин и Си Цзиньпин`
    subjectless: bool = False  # a speech verb alone: `И добавил:`
    # Its role is said of someone else, by a pronoun: `знакомого с ним бизнесмена`.
    related: bool = False
    # Where the role is from, by the adjectives before it: `итальянского премьера`.
    role_origin: frozenset[str] = frozenset()


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


def comma_parts(text: str, span: Span, marks: str = ",") -> list[Span]:
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
        and stem_russian(word) not in ROLE_STEMS
        and not _PROPER_GRAMMEMES & tag.grammemes
        and tag.animacy != "anim"
    )


def _describes_one(
    words: Sequence[str], roles: Mapping[str, str], *, verb_ends: bool = False
) -> bool:
    """Is a comma part a role's description of the speaker named before it or in it
    (`первый зампред думского комитета … Андрей Красов`): a role noun first, or after
    an adjective, and no verb (not `а прокурор Иван Петров с ним не согласился`)?  With
    ``verb_ends``, one with a verb after it instead (a lead-in's subject and its verb)."""
    if not words or not (
        words[0] in roles
        or (len(words) > 1 and words[1] in roles and likeliest_tag(words[0]).POS == "ADJF")
    ):
        return False
    has_verb = any(map(finite_verb, words[1:]))
    return has_verb if verb_ends else not has_verb


def _ends_with_person_noun(words: Sequence[str]) -> bool:
    """Is the last of a clause part's (folded) words a noun for a person in the nominative
    (`тележурналист`, `правозащитник`; likeliest reading)?"""
    if not words:
        return False
    tag = likeliest_tag(words[-1])
    return bool(tag.POS == "NOUN" and tag.animacy == "anim" and tag.case == "nomn")


def _roles_in_a_row(
    part_words: Sequence[Sequence[str]], *, lead_in: bool = False
) -> list[tuple[int, int, int | None]]:
    """The parts after the first that go on describing one person, roles in a row, each
    opening with one (`— пояснил автор законопроекта, первый зампред комитета Андрей
    Красов`: the speaker named last; the first may be any noun for a person: `— отметил
    тележурналист, член …`; or a first role no list holds: `— заявил «Коммерсанту»
    завкафедрой права МФТИ, экс-лидер … Борис Надеждин`), as :func:`main_parts` has them.
    In a ``lead_in`` (the first part a role's), the last of them has the verb, the name
    before it (`Депутат Госдумы, профессор РАН Александр Мажуга поздравил студентов:`)."""
    roles = ROLE_FORMS["nom"]
    if len(part_words) < 2:
        return []
    if lead_in:
        if roles.keys().isdisjoint(part_words[0]):
            return []
    elif not (
        not roles.keys().isdisjoint(part_words[0])
        or _ends_with_person_noun(part_words[0])
        or _describes_one(part_words[1], roles)
    ):
        return []
    found: list[tuple[int, int, int | None]] = []
    index = 1
    while index < len(part_words) and _describes_one(part_words[index], roles):
        found.append((index, 0, None))
        index += 1
    if (
        lead_in
        and index < len(part_words)
        and _describes_one(part_words[index], roles, verb_ends=True)
    ):
        words = part_words[index]
        verb = next(i for i, w in enumerate(words) if i and finite_verb(w))
        found.append((index, 0, verb))
    return found


def _asked_of_another(words: Sequence[str], pronoun: str) -> bool:
    """Is a lead-in's first part a clause of time or condition that speaks of someone else
    by an object pronoun of the subject pronoun's gender (`Когда судья Владимир Усов
    предложил ему выступить, он возразил:`: `он` is whom `ему` stands for, not the judge)?"""
    if not words or words[0] not in _SUBORDINATORS:
        return False
    objects = _MASCULINE_OBJECTS if pronoun == "он" else _FEMININE_OBJECTS
    return not objects.isdisjoint(words[1:])


#: What opens a clause of time or condition (`когда`, `если`, `пока`, `после того как`).
_SUBORDINATORS = frozenset("когда если пока хотя едва после как".split())
#: A man's and a woman's object pronouns in the dative (or after `о`): not a possessive,
#: as `его` and `ее` may be (`Когда Иванова спросили о его планах, он ответил:`).
_MASCULINE_OBJECTS = frozenset("ему нему нем нём".split())
_FEMININE_OBJECTS = frozenset("ей ней".split())


def main_parts(
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
    end of :data:`NAMES_ONLY` is a part where only names count.
    """
    main: list[tuple[int, int, int | None]] = [(0, 0, None)]
    if not lead_in:
        if (
            len(part_words) > 2
            and len(part_words[0]) <= 2
            and " ".join(part_words[1]) in PARENTHESES
        ):
            main.append((2, 0, None))  # `— отметил, в свою очередь, глава … Браверман`
        main += _roles_in_a_row(part_words)
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
        main_verb = _main_verb_gone_on(part_words, with_verb, verb)
        if main_verb is not None:
            # (`Порошенко заявил, что Путин ненавидит Украину и предупредил:`: the names
            # before the first verb's)
            return [(main_verb[0], 0, main_verb[1])]
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
        roles = ROLE_FORMS["nom"]
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
            main = [(with_verb, pronoun, None)]
            if not _asked_of_another(part_words[0], words[pronoun]):
                main.append((0, 0, NAMES_ONLY))
            if earlier is not None:
                main.append((earlier, 0, NAMES_ONLY))
            return main
        main = [(with_verb, 0, verb)] if verb else []
        cut_off = (
            _cut_off_subject(part_words, with_verb) or _described_subject(part_words, with_verb)
            if not verb
            else None
        )
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
        # (`Цензора он именовал …, газету называл «…»`: the first part's subject; or roles
        # in a row before it, `Депутат Госдумы, профессор РАН Александр Мажуга поздравил
        # студентов с праздником:`)
        return main + _roles_in_a_row(part_words, lead_in=True)
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


def _main_verb_gone_on(
    part_words: Sequence[Sequence[str]], with_verb: int, verb: int
) -> tuple[int, int] | None:
    """(part, word) of the speech verb a lead-in's last one goes on (see
    :func:`goes_on_the_main_verb`), before the `что` clause that verb ends; else None."""
    before = [w for part in part_words[:with_verb] for w in part]
    if not goes_on_the_main_verb(before, part_words[with_verb], verb):
        return None
    return next(
        (
            (i, j)
            for i, part in enumerate(part_words[:with_verb])
            for j, w in enumerate(part)
            if w in SPEECH_VERBS and likeliest_tag(w).tense == "past"
        ),
        None,
    )


def goes_on_the_main_verb(before: Sequence[str], words: Sequence[str], verb: int) -> bool:
    """Is the speech verb ``words[verb]`` of a `что` clause (its folded ``words``, `что`
    first) after `и` the second of a speech verb in the past before the clause (its words
    ``before``), not the clause's: in the past too, after a verb of the clause in the
    present (`Порошенко заявил, что Путин ненавидит Украину и предупредил, что «…»`; not
    `заявил, что Путин провел совещание и поручил`, where the tenses leave it the clause
    subject's)?"""
    if not words or words[0] != "что" or verb < 2 or words[verb - 1] != "и":
        return False
    if likeliest_tag(words[verb]).tense != "past":
        return False
    if not any(w in SPEECH_VERBS and likeliest_tag(w).tense == "past" for w in before):
        return False
    return any(
        (tag := likeliest_tag(w)).POS == "VERB" and tag.tense == "pres" for w in words[1 : verb - 1]
    )


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
    return end if not ROLE_FORMS["nom"].keys().isdisjoint(part_words[end][:3]) else None


@functools.lru_cache(maxsize=1 << 12)
def _may_be_participle(word: str) -> bool:
    """Can a (folded) word be a full participle (`посвященного`, `прошедшего`)?"""
    return any(p.tag.POS == "PRTF" for p in parses(word))


def _cut_off_subject(part_words: Sequence[Sequence[str]], with_verb: int) -> int | None:
    """The part holding a speech verb's subject cut off from it by gerund phrases, after
    a connective (`…, а затем Путин, отвечая на вопросы журналистов, сказал:`) or after
    an opening `как` clause (`Как сообщила газета, Мария Захарова, комментируя
    ситуацию, заявила, что …`): a part of no verb right before those phrases, opening
    with the connective; None if there is none."""
    i = with_verb - 1
    while i > 0 and part_words[i] and part_of_speech(part_words[i][0]) == "GRND":
        i -= 1
    if i == with_verb - 1 or i <= 0:
        return None  # (no gerund phrase between, or back at the first part)
    words = part_words[i]
    after_as = i == 1 and part_words[0][:1] == ["как"] and bool(words)
    if not after_as and (
        len(words) < 2 or not (words[0] in _CONNECTIVES or words[:2] == ["после", "чего"])
    ):
        return None
    return None if any(part_of_speech(w) == "VERB" for w in words) else i


def _described_subject(part_words: Sequence[Sequence[str]], with_verb: int) -> int | None:
    """The part holding a speech verb's subject cut off from it by descriptions of that
    subject (`…, когда Игорь Лебедев, вице-спикер парламента и чиновник футбольной
    ассоциации, написал:`): the part right before parts that each open with a role (see
    :func:`_describes_one`), the verb's part opening with the verb; None if there is
    none, or it is the first part (read anyway)."""
    roles = ROLE_FORMS["nom"]
    i = with_verb
    while i > 1 and _describes_one(part_words[i - 1], roles):
        i -= 1
    return i - 1 if i < with_verb and i - 1 > 0 else None


#: Parenthetical words an attribution may put between its verb and its speaker.
PARENTHESES = frozenset(
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
#: Parenthetical words a lead-in may set between commas before its subject (`но,
#: например, пресс-секретарь … Песков, комментируя …, заявил:`), besides
#: :data:`PARENTHESES`.
_ASIDES = PARENTHESES | frozenset(
    {
        "например",
        "правда",
        "кстати",
        "конечно",
        "наверное",
        "видимо",
        "по-видимому",
        "к сожалению",
        "к счастью",
        "разумеется",
        "безусловно",
        "напротив",
    }
)


def _joined_asides(
    parts: list[Span], part_words: list[list[str]]
) -> tuple[list[Span], list[list[str]]]:
    """A lead-in's comma parts with those that are only an aside (`например`, `правда`),
    or a connective before one, joined to the part after them, as if written without
    the commas (`но, например, Песков` reads as `но например Песков`)."""
    if len(parts) < 3 or not any(" ".join(w) in _ASIDES for w in part_words[:-1]):
        return parts, part_words
    joined_parts: list[Span] = []
    joined_words: list[list[str]] = []
    waiting_start: int | None = None  # where the asides waiting for their part start
    waiting: list[str] = []  # their words
    last = len(parts) - 1
    for i, ((start, end), words) in enumerate(zip(parts, part_words, strict=True)):
        # (A connective alone goes with an aside after it: `но, например, Песков`, not
        # with anything else: `И, вспоминая Гобуна, размышляла:` is hers.  Not the first
        # part: `С одной стороны, Иванов прав, признал Петров:` is Петров's.)
        if 0 < i < last and (
            " ".join(words) in _ASIDES
            or (
                len(words) == 1
                and words[0] in _CONNECTIVES
                and " ".join(part_words[i + 1]) in _ASIDES
            )
        ):
            waiting_start = start if waiting_start is None else waiting_start
            waiting.extend(words)
            continue
        if waiting_start is not None:
            start, words = waiting_start, waiting + words
            waiting_start, waiting = None, []
        joined_parts.append((start, end))
        joined_words.append(words)
    return joined_parts, joined_words


def _joined_lists(
    text: str, parts: list[Span], part_words: list[list[str]]
) -> tuple[list[Span], list[list[str]]]:
    """A clause's comma parts with one that goes on a list of genitives from the part before
    joined to it: one description, not two parts (`Уполномоченный МИД по вопросам прав
    человека, демократии и верховенства права Константин Долгов назвал`; see
    :func:`_goes_on_a_list`)."""
    if len(parts) < 2 or not any(map(_goes_on_a_list_hint, part_words[1:])):
        return parts, part_words
    joined_parts, joined_words = [parts[0]], [part_words[0]]
    for (start, end), words in zip(parts[1:], part_words[1:], strict=True):
        if _goes_on_a_list(text, start, end, joined_words[-1], words):
            joined_parts[-1] = (joined_parts[-1][0], end)
            joined_words[-1] = [*joined_words[-1], *words]
        else:
            joined_parts.append((start, end))
            joined_words.append(words)
    return joined_parts, joined_words


def _goes_on_a_list_hint(words: Sequence[str]) -> bool:
    """Can a part (its folded words) go on a list at all: `и` among its first words?"""
    return "и" in words[1:4]


def _goes_on_a_list(
    text: str, start: int, end: int, before: Sequence[str], words: Sequence[str]
) -> bool:
    """Does the part from ``start`` to ``end`` go on a list of genitives the part before
    ends (its folded ``words`` and those of the part ``before``): the part before ending
    in a genitive, this one opening with words in the genitive in lower case, `и` among
    them, up to a capitalised word (`…прав человека, демократии и верховенства права
    Константин Долгов`)?"""
    if not before or not _goes_on_a_list_hint(words):
        return False
    written = WORD_RE.findall(text, start, end)
    capital = next((i for i, w in enumerate(written) if w[:1].isupper()), None)
    if capital is None or capital < 3:
        return False
    listed = [fold(w) for w in written[:capital]]
    if listed[-1] == "и" or "и" not in listed:
        return False
    return all(w == "и" or likeliest_tag(w).case == "gent" for w in [before[-1], *listed])


#: Words that join a clause to the one before it (`после чего`, `а затем`).
_CONNECTIVES = frozenset("а и но после чего затем потом тогда также тут же".split())
#: A part of a clause read for names only (see :func:`main_parts`).
NAMES_ONLY = -1
#: Subject pronouns (folded) of a speech verb.
_SUBJECTS = frozenset({"он", "она", "они"})


def _reported_subject(words: list[str], at: int, verb_gender: str | None) -> bool:
    """Is the pronoun ``words[at]``, right after a `что`, the subject of what a lead-in
    reports, whom the words are about rather than who says them?  So where the quote
    is its predicate (no verb after it: `Прокуратура заявила, что он «…»`, `обвинил
    Петрова в том, что он «…»`) and the speech verb is another's: of the other gender
    (`сказала, что он, мол, «…»`), or with a noun before `что`, its subject (`Суд
    решил, что он «…»`).  Not `пригрозил, что он пойдет …, и ответил: «…»` (a verb of
    its own), nor `Заявил, что он «готов»` (the speaker's own subject)."""
    gender = _PRONOUN_GENDERS.get(words[at])
    # (`что он`, `что хотя он`: the pronoun opens what is reported)
    that = next((j for j in (at - 1, at - 2) if j >= 0 and words[j] == "что"), None)
    if gender is None or that is None:
        return False
    if any(likeliest_tag(w).POS == "VERB" for w in words[at + 1 :]):
        return False
    if verb_gender in ("m", "f") and gender != verb_gender:
        return True
    # (A common noun: a name's gender is what the pronoun tells, `Клинтон признаётся, что
    # она «…»`, where the verb shows none.)
    return any(map(SPEECH_VERBS.get, words[:that])) and any(
        (tag := likeliest_tag(w)).POS == "NOUN" and PERSON_GRAMMEMES.isdisjoint(tag.grammemes)
        for w in words[:that]
    )


_PRONOUN_GENDERS = {"он": "m", "она": "f", "они": "pl"}
#: First-person subjects: the narrator, or the speakers themselves.
_FIRST_PERSON = frozenset({"я", "мы"})


#: News agencies and outlets written as a word (lower case, `ё` folded): after a quoting
#: verb's role, the one quoting, not what the role is of (`— цитирует министра ТАСС`, `—
#: приводит слова тренера РИА Новости`).
_OUTLET_WORDS = frozenset(
    """тасс итар-тасс риа рбк интерфакс прайм regnum rt bbc cnn afp ap nhk reuters bloomberg
    sputnik""".split()
)


#: Nouns for the outlet that quotes, after whose words it gives (`— приводит слова
#: режиссёра агентство`): not what the role is of.
_OUTLET_NOUNS = frozenset(
    stem_russian(w)
    for w in "агентство издание газета телеканал радиостанция журнал портал сайт".split()
)


def _before_outlet(words: list[str], *, institutions: bool) -> list[str]:
    """``words`` (after a role noun) up to an outlet named after them, and the adjectives
    before it (`официальный сайт`); with ``institutions``, up to any institution's noun
    too (`— цитирует главу банка ВТБ агентство Bloomberg`)."""
    end = next(
        (
            i
            for i, w in enumerate(words)
            if w in _OUTLET_WORDS
            or (stem := stem_russian(w)) in _OUTLET_NOUNS
            or (institutions and stem in NO_PERSON_STEMS)
        ),
        len(words),
    )
    while end < len(words) and end > 0 and likeliest_tag(words[end - 1]).POS == "ADJF":
        end -= 1
    return words[:end]


def clause_info(
    text: str,
    span: Span,
    skip: Skip,
    budget: ModelBudget,
    *,
    case: str = "nom",
    lead_in: bool = False,
    whole: bool = False,
) -> ClauseInfo:
    """What a clause says of its speaker.  ``whole``: names anywhere in it count, not only
    in its main part (`— цитирует infox.ru директора по стратегии Philips в России, на
    Украине и в Казахстане Елену Сябренко`)."""
    # Each part's words read once (no word of the clause takes in a comma), and folded
    # as the part is: its words are Cyrillic, which ``lower`` folds as ``casefold``, and
    # no other letter lowers to a Cyrillic one or a hyphen (checked for every code point).
    parts = comma_parts(text, span)
    part_words = [
        WORD_RE.findall(text[start:end].lower().replace("ё", "е")) for start, end in parts
    ]
    if lead_in:
        parts, part_words = _joined_asides(parts, part_words)
    parts, part_words = _joined_lists(text, parts, part_words)
    words = [w for part in part_words for w in part]
    # Where the speaker may be named: (the part, the stretch of it) in the text.
    main: list[tuple[Span, Span]] = []
    if whole:
        main, main_words = [(span, span)], words
    else:
        main_words = []
        for i, first, end in main_parts(part_words, lead_in=lead_in):
            part = parts[i]
            if end == NAMES_ONLY or (first == 0 and end is None):
                main.append((part, part))
            else:  # (its words found in the text as in the folded part)
                found = list(WORD_RE.finditer(text, *part))
                stretch = (
                    found[first].start() if first else part[0],
                    found[end].start() if end is not None else part[1],
                )
                main.append((part, stretch))
            if end != NAMES_ONLY:
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
    if verb_gender is None and statement_by_several(text, span[0]):
        verb_gender = "pl"  # `Такое заявление сделали Лавров и его турецкий коллега Фидан`
    pronoun_gender = None
    whose_words = False  # (the pronoun says whose words the clause passes on)
    # A sentence of a speech verb alone (`И добавил: «…»`, `Также отметила:`): the
    # previous quote's speaker goes on (see _still_speaking).
    subjectless = (
        lead_in and verb_gender in ("m", "f") and bool(_SUBJECTLESS_RE.fullmatch(text, *span))
    )
    reporting = lead_in and "что" in words
    # `— возмущался я, хотя было очевидно, что она скучала`: the narrator speaks, no one
    # named; a pronoun further on is another clause's.
    narrator = not lead_in and not _FIRST_PERSON.isdisjoint(words[:2])
    for i in itertools.compress(
        itertools.count(), map(_PRONOUNS.__contains__, [] if narrator else words)
    ):
        w = words[i]
        if reporting and _reported_subject(words, i, verb_gender):
            continue  # `Прокуратура заявила, что он «…»`: whom the words are about
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
            or (i > 0 and QUOTING_RE.fullmatch(words[i - 1]))
            or (following == "слова" and any(map(QUOTING_RE.fullmatch, words[:i])))
        ):
            pronoun_gender = "m" if w == "его" else "f"
            whose_words = True
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
    forms = ROLE_FORMS.get(case, ROLE_FORMS["nom"])
    at = (
        None
        if forms.keys().isdisjoint(main_words)  # (most clauses)
        else next(i for i, w in enumerate(main_words) if w in forms)
    )
    role = forms[main_words[at]] if at is not None else None
    if at is None and any("-" in w for w in main_words):
        at, role = _compound_role_at(main_words, forms)
    if role is not None and at is not None:
        # `— сказал бывший министр`, as `— сказал экс-министр`: a former holder's role
        former = role.startswith("экс-") or (at > 0 and main_words[at - 1].startswith("бывш"))
        role = role.removeprefix("экс-")
        if role == HEAD:
            # `— сказал глава государства`, `— заключил глава российского правительства`
            role = next(iter(heads_of(main_words[at + 1 : at + 3])), role)
        elif role == CHAIR and chairs_government(main_words[at + 1 :]):
            role = PREMIER  # `— заявил председатель правительства`
        elif role in DEPUTIES and main_words[at + 1 : at + 2] == ["министра"]:
            role = DEPUTY_MINISTER  # `— пояснил заместитель министра финансов`
        role = f"экс-{role}" if former else role
    described = main_words[at + 1 :] if at is not None else []
    if case in ("acc", "gen"):
        # (After a quoting verb the outlet that quotes may follow what the role is of:
        # `— цитирует главу банка ВТБ агентство Bloomberg`, `— приводит слова министра
        # ТАСС`, `слова режиссёра агентство`, `— цитирует тренера официальный сайт
        # «Нефтехимика»`: the outlet's adjectives are no more the role's.)
        described = _before_outlet(described, institutions=case == "acc")
    role_context = role_context_of(described)
    generic = at is not None and at == len(main_words) - 2 and generic_context(main_words[-1])
    if (
        at is not None
        and (at == len(main_words) - 1 or generic)
        and text[span[0] : span[1]].rstrip().lower().replace("ё", "е").endswith(main_words[-1])
    ):
        # (`— сказал тренер «Спартака»`: the clause ends at the quoted name it is of; and
        # `— сказал глава компании «Роснефть»`: at the name of what a generic word is)
        quoted = QUOTED_NAME_AFTER_RE.match(text, span[1])
        of = WORD_RE.findall(fold(quoted.group(1) or quoted.group(2))) if quoted else []
        # (Not an outlet: `— сказал министр «Известиям»`; after a generic word the name
        # is in apposition, in the nominative.)
        cases = ("gent", "nomn") if generic else ("gent",)
        if of and any(p.tag.case in cases for p in parses(of[0])):
            role_context = role_context_of(of)
            if generic:
                # (A name in the nominative is also what its genitive's stem is, where the
                # stemmer cuts the two apart: `газпром` -> `газпр`, `газпрома` -> `газпром`.)
                role_context |= {w for w in of if len(w) >= 4}
    # Only the main part counts: a lead-in's institution after its speech verb is what
    # was said (`пояснил, что его ведомство…`), and so is an attribution's after its
    # comma (`— заявил глава Сбербанка, отметив, что финансовая организация…`); one
    # with `свой` is an object (`своего собеседника назвал`); where the
    # media quote someone, one in the nominative quotes (`передает слова судьи издание`).
    # What a role is of is no speaker: `— отметил глава ведомства` is the head, a person,
    # as is `глава внешнеполитического ведомства` (its noun past an adjective).
    of_role = main_words[at + 1] if at is not None and at + 1 < len(main_words) else None
    if (
        of_role is not None
        and at is not None
        and at + 2 < len(main_words)
        and likeliest_tag(of_role).POS == "ADJF"
    ):
        of_role = main_words[at + 2]
    # (The subject: the role, or else a subject pronoun: `— говорит он в беседе с газетой`.)
    subject_at = (
        at
        if at is not None
        else next((i for i, w in enumerate(main_words) if w in ("он", "она")), None)
    )
    adverbial = (
        next(
            (j for j in range(subject_at + 1, len(main_words)) if main_words[j] in PREPOSITIONS),
            None,
        )
        if subject_at is not None and case == "nom"
        else None
    )
    # (An agency's verb in the neuter passing on his words is no one's: `— привело его
    # слова РИА Новости`.)
    no_person = (verb_gender in ("n", "pl", "impersonal") and not whose_words) or (
        not NO_PERSON_STEMS.isdisjoint(map(stem_russian, main_words))  # (most name none)
        and any(
            stem_russian(w) in NO_PERSON_STEMS
            and not (i and main_words[i - 1] in _SVOI)
            and not (case != "nom" and w in NO_PERSON_WORDS)
            and not (
                case == "nom"
                and stem_russian(w) in NO_PERSON_PEOPLE
                and w not in NO_PERSON_PEOPLE_NOM
            )
            and not (w == of_role and w not in NO_PERSON_WORDS)
            and not ((at is None or i < at) and _not_the_verbs(w, verb_gender))
            # (Nor one in a phrase a preposition opens after a role in the nominative or a
            # pronoun, its subject: `— сказал министр в прямом эфире телеканала "Россия"`.)
            and not (adverbial is not None and i > adverbial)
            for i, w in enumerate(main_words)
        )
    )
    named = _main_mentions(text, main, skip, budget)
    if pronoun_gender is not None and named and case == "nom":
        # `— сказала она позже Шварценбаху`: the pronoun is the subject, a name after it
        # in its part of the clause an object (whose case a foreign name does not show),
        # and so is one right before it (`Выдвижение Романовича он назвал «…»`; not
        # `Митя вспомнил … и как он хотел:`, the name with a verb of its own); not one
        # past a comma (`Пока он отсутствовал, Петр Смирнов заявил:`).
        named = tuple(
            m
            for m in named
            if not any(
                start <= m.span[0] <= end
                and (
                    SUBJECT_PRONOUN_RE.search(text, start, m.span[0])
                    or _PRONOUN_NEXT_RE.match(text, m.span[1], end)
                )
                for (start, end), _stretch in main
            )
        )
    if (
        lead_in
        and case == "nom"
        and pronoun_gender is None
        and named
        and main
        and main[0][0][0] == span[0]
    ):
        # `Юноша клянется в преданности «халифу» аль-Багдади, утверждает, что «…»`: a noun
        # for a person opening the lead-in, its verb right after it, is the subject, and
        # the verb after a name past it, joined by a comma or `и` (`в любви Шойгу и
        # заявил`), is that subject's second: the name is an object (whose case an
        # indeclinable name does not show), no speaker.  (Only there: a name past the
        # verb may start a clause of its own, `Журналист спросил о санкциях и тут же
        # Песков, не задумываясь, ответил`, four independent reviews found; nor where a
        # pronoun is the subject: the names are whom it may stand for.)
        part = main[0][0]
        verb_end = _own_subject_verb_end(text, part)
        if verb_end is not None:
            objects: set[Span] = set()
            for m in reversed(named):  # (with the names joined to it: `Шойгу и Герасимова и`)
                if verb_end <= m.span[0] < part[1] and (
                    _second_verb_next(text, m.span[1])
                    or any(
                        o[0] >= m.span[1] and JOINED_RE.fullmatch(text, m.span[1], o[0])
                        for o in objects
                    )
                ):
                    objects.add(m.span)
            named = tuple(m for m in named if m.span not in objects)
    # Two people joined are several speakers (`Путин и Си Цзиньпин заявили`), not where
    # a preposition takes them (`— сказал Карпов о матче между Карлсеном и Карякиным`).
    # (Two names joined after a verb's object, `назвал убийства Калашникова и Бузины «…»`,
    # are whose that object is: neither speaks.)
    # (Only after a name that may be the subject, before them: `Петр Порошенко назвал …`;
    # else the pair's being two names is all that keeps `назвал аресты Яшина и Кара-Мурзы
    # в интервью Дудю адвокат` from a name, a review found.)
    joined_objects = {
        m.span
        for i, (a, b) in enumerate(itertools.pairwise(named))
        if JOINED_RE.fullmatch(text, a.span[1], b.span[0])
        and _genitives_of_an_object(text, a, b)
        and any(len(n.words) > 1 and any("nom" in p.cases for p in n.parses) for n in named[:i])
        for m in (a, b)
    }
    if joined_objects:
        named = tuple(m for m in named if m.span not in joined_objects)
    joined = any(
        not a.known_only
        and not b.known_only
        and not a.after_preposition
        and JOINED_RE.fullmatch(text, a.span[1], b.span[0])
        for a, b in itertools.pairwise(named)
    )
    several = verb_gender == "pl" or joined
    related = role is not None and not _OBLIQUE_PRONOUNS.isdisjoint(main_words)
    return ClauseInfo(
        named,
        pronoun_gender,
        verb_gender,
        role,
        role_context,
        no_person,
        several,
        subjectless,
        related,
        _role_origin(main_words, at) if role is not None and at is not None else frozenset(),
    )


def _role_origin(words: Sequence[str], at: int) -> frozenset[str]:
    """The stems of the place adjectives (`-ский`, `-цкий`; not `-ический`) next to the role
    noun at ``words[at]``, the two words before it or after it: `итальянского премьера`
    -> {`итальянск`}, `глава российского правительства` -> {`росс`} (as
    :func:`~searchlib._speech.roles.role_context_of` names it)."""
    found = [
        word
        for side in (reversed(words[max(0, at - 2) : at]), words[at + 1 : at + 3])
        for word in itertools.takewhile(lambda w: likeliest_tag(w).POS == "ADJF", side)
        if (stem := stem_russian(word)).endswith(("ск", "цк")) and not stem.endswith("ическ")
    ]
    return role_context_of(found) if found else frozenset()


#: A comma or an `и` right after a name, then (past adverbs and particles) a lower-case
#: word: the verb if any (group 1 the joining mark, group 2 the word).
_SECOND_VERB_RE = re.compile(
    r"\s*(,|\s+и)\s+(?:(?:тут|же|затем|потом|также|тоже|сразу|вновь|снова|еще|ещё)\s+)*([а-яё]+)"
)


#: What follows a speech verb that goes on to what is said: a comma, a colon, `что`.
_SAID_NEXT_RE = re.compile(r"\s*(?:[,:]|что(?![а-яё]))")


def _second_verb_next(text: str, start: int) -> bool:
    """Does a verb joined by a comma or `и` follow a name ending at ``start`` (`…
    аль-Багдади, утверждает`, `… Шойгу и тут же заявил`): the sentence's subject's
    second verb, the name its first verb's object?"""
    found = _SECOND_VERB_RE.match(text, start)
    if found is None:
        return False
    # (A speech verb of the third person or the past, in the singular: not a parenthetical
    # word, `Собянин, кажется, растерялся`, `Греф, говорят, пообещал`, `думаю`.)
    word = found.group(2)
    tag = likeliest_tag(word)
    if not (
        tag.POS == "VERB"
        and tag.mood == "indc"
        and tag.number == "sing"
        and tag.person in (None, "3per")
        and (speech_verb(word) or word in SPEECH_VERBS)
    ):
        return False
    # (After a comma, the verb must go on to what is said, `, утверждает, что`: not an
    # aside crediting a source, `Песков, сообщает ТАСС, ответил`, a sixth review found.)
    return found.group(1) != "," or bool(_SAID_NEXT_RE.match(text, found.end()))


#: A word of a part's opening (see :func:`_own_subject_verb_end`).
_FIRST_WORDS_RE = re.compile(r"[А-ЯЁа-яё]+(?![\w-])")


def _own_subject_verb_end(text: str, part: Span) -> int | None:
    """Where the verb ends that follows a noun for a person in the nominative opening
    ``part`` (after adjectives in the nominative, if any: `Юноша клянется`, `Пожилой
    мужчина выступил`), the noun the subject of the verb; None where the part does not
    open so."""
    words = list(itertools.islice(_FIRST_WORDS_RE.finditer(text, *part), 4))
    if not words or text[part[0] : words[0].start()].strip():
        return None
    for at in range(min(3, len(words) - 1)):  # (the noun's place: after 0-2 adjectives)
        written = words[at].group()
        folded = fold(written)
        noun = likeliest_tag(folded)
        readings = parses(folded)
        if noun.POS == "NOUN":
            if written[:1].isupper() and (
                not is_common_word(written)
                or any(not _PROPER_GRAMMEMES.isdisjoint(p.tag.grammemes) for p in readings)
            ):
                return None  # (`Шойгу позвонил Остин`, `Орёл посетил Мишустин`: a name)
            if any(p.tag.case == "accs" for p in readings):
                return None  # (`Маэстро поздравил с юбилеем Владимир Путин`: an object)
            break
        if not any(p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in readings):
            return None
    else:
        return None
    if noun.animacy != "anim" or noun.case != "nomn":
        return None
    verb = words[at + 1]
    if text[words[at].end() : verb.start()].strip():
        return None  # (`Мужчина, поблагодарив…`: a comma; `Глава «…»`)
    tag = likeliest_tag(fold(verb.group()))
    if tag.POS != "VERB" or tag.mood != "indc":
        return None
    return verb.end()


def _genitives_of_an_object(text: str, a: Mention, b: Mention) -> bool:
    """Are two names joined by `и` the genitives of a verb's object before them, the
    second a genitive only (`назвал убийства Калашникова и Бузины «…»`: whose murders)?
    Only a noun for a thing right after the verb: not words (`по словам Путина и Си
    Цзиньпина`, `в заявлении …`), nor a person's noun (`по словам матери Ивана и Сергея
    Петровых`): an independent review's probes."""
    if (
        not any("gen" in p.cases for p in a.parses)
        or any("nom" in p.cases for p in b.parses)
        or not any("gen" in p.cases for p in b.parses)
    ):
        return False
    before = _VERB_AND_NOUN_BEFORE_RE.search(text, max(0, a.span[0] - 60), a.span[0])
    if before is None:
        return False
    verb, noun = (likeliest_tag(fold(word)) for word in before.groups())
    return bool(verb.POS == "VERB" and noun.POS == "NOUN" and noun.animacy == "inan")


#: The two lower-case words right before a name, spaces only between.
_VERB_AND_NOUN_BEFORE_RE = re.compile(r"(?<![\w-])([а-яё]+)\s+([а-яё]+)\s+\Z")


#: pymorphy3's genders of a singular noun, as a past tense's (`сказал`, `сказала`, `сказало`).
_NOUN_GENDERS: dict[str | None, str] = {**TAG_GENDERS, "neut": "n"}


def _not_the_verbs(word: str, verb_gender: str | None) -> bool:
    """Is ``word``, an institution's noun (`правительства`, `газете`), of another gender
    than the clause's singular past tense, so not its subject?  (`На заседании
    правительства мэр сказал, что…`: the government would have `сказало`; `— заявил в
    интервью газете министр`.)"""
    if verb_gender not in ("m", "f"):
        return False
    tag = likeliest_tag(word)
    gender = _NOUN_GENDERS.get(str(tag.gender))
    return tag.number == "sing" and gender is not None and gender != verb_gender


#: Personal pronouns in the oblique cases after a preposition (`знакомого с ним`).
_OBLIQUE_PRONOUNS = frozenset("ним ней него нее нему нем".split())


def _main_mentions(
    text: str, main: Sequence[tuple[Span, Span]], skip: Skip, budget: ModelBudget
) -> tuple[Mention, ...]:
    """The names in the stretches of ``main``, in their order, each once (each part read
    once: a lead-in's verb part may come twice, before its verb and after it)."""
    read: dict[Span, list[Mention]] = {}
    named: dict[Span, Mention] = {}
    for part, (start, end) in main:
        found = read.get(part)
        if found is None:
            found = read[part] = read_mentions(text, *part, skip, budget, model=True)
        for mention in found:
            if start <= mention.span[0] and mention.span[1] <= end:
                named.setdefault(mention.span, mention)
    return tuple(named.values())


_PRONOUN_NEXT_RE = re.compile(r"\s+(?:он|она)(?![\w-])")


def clause_gender(info: ClauseInfo) -> str | None:
    if info.pronoun_gender:
        return info.pronoun_gender
    if info.verb_gender in ("m", "f"):
        return info.verb_gender
    # (A woman's role noun tells her gender where no verb does: `твит певицы …:`; a man's
    # does not, `министр` is a woman too.)
    return "f" if info.role is not None and info.role in feminine_roles() else None


def _woman_in_a_mans_role(mention: Mention, roles: Roles) -> bool:
    """Is ``mention`` a woman's name in full after a role noun of the masculine, which a
    masculine verb agrees with (`— сказал вице-премьер Татьяна Голикова`, `— заявил
    председатель ЦБ Эльвира Набиуллина`)?"""
    # (Its readings in the nominative: `Валентина`, `Джорджа` are a man's genitive too.)
    named = [p for p in mention.parses if "nom" in p.cases]
    return (
        len(mention.words) > 1
        and bool(named)
        and all(p.gender == "f" and p.given for p in named)
        and any(noun not in feminine_role_stems() for noun in roles.nouns)
    )


# Nouns a name in the genitive can depend on: `пресс-служба Порошенко`, `помощник Клинтон`
# (`дочери`, `матери` too: their other forms stem apart from `дочь`, `мать`).
OWNER_NOUNS = frozenset(
    stem_russian(w)
    for w in """
    помощник помощница советник советница пресс-секретарь представитель заместитель
    жена муж супруг супруга сын дочь дочери брат сестра мать матери отец вдова сторонник
    сторонница соратник сотрудник сотрудница
    кузен кузина племянник племянница внук внучка дядя тетя тётя бабушка дедушка
    адвокат охрана окружение штаб семья администрация канцелярия офис
    друг подруга сосед соседка знакомый знакомая коллега товарищ
    """.split()
)


# A surname ending as a Slavic man's genitive (`Младича`, `Петрова`, `Ильина`).
_SLAVIC_GENITIVE_RE = re.compile(r"(?:ич|ов|ев|ёв|ин|ын)а$")


def _owned_by(text: str, mention: Mention) -> bool:
    """Is the name the genitive of a noun right before it (a press service, a helper…)?

    Only where its form allows the genitive: `пресс-секретарь Дмитрий Песков`
    is the press secretary himself.
    """
    window = text[max(0, mention.span[0] - 60) : mention.span[0]]
    previous = last_word(window, hyphenated=True)
    if previous is None:
        return False
    if WORDS_OF_RE.fullmatch(previous):
        return False  # `— цитирует заявление Мутко`: the speaker's own words
    stem = stem_russian(fold(previous))
    if stem not in NO_PERSON_STEMS and stem not in OWNER_NOUNS:
        # (Past one adjective or participle: `слова матери задержанного Ивана Петрова`.)
        tag = likeliest_tag(fold(previous))
        if (
            len(mention.words) == 1
            and previous.islower()
            and tag.POS == "NOUN"
            and tag.animacy == "inan"
            and stem not in _SPEECH_NOUN_STEMS  # (`признание Трампа:`: his words)
            and tag.case in ("nomn", "accs")  # (one form for a thing: `взгляд`)
            # (not a preposition's, an adverbial: `В то же время Маисурадзе отметил`,
            # `На этот вопрос Селифан ничего не отвечал`;
            # nor a verb's object: `— оценивает ситуацию Лиухто`)
            and not any(
                fold(w) in PREPOSITIONS or likeliest_tag(fold(w)).POS == "VERB"
                for w in tokens_before(window, window.rstrip().rfind(previous), 3)
            )
        ):
            # (A thing's noun in the nominative right before a lone name: `Вдруг взгляд
            # Наполеона падает на меня:` is Наполеон's look, not a `Наполеона`'s words.)
            return _genitive_as_written(mention)
        if tag.POS not in ("ADJF", "PRTF") or tag.case != "gent":
            return False
        before = last_word(window[: window.rstrip().rfind(previous)], hyphenated=True)
        if before is None or stem_russian(fold(before)) not in OWNER_NOUNS:
            return False
    return _genitive_as_written(mention)


#: Nouns for what someone says: a name after one is whose words they are (`Еще одно
#: признание Трампа: «…»`, `На вопрос Медведева, «…»`), not a thing's owner.
_SPEECH_NOUN_STEMS = frozenset(
    stem_russian(w)
    for w in """
    слово слова заявление признание мнение оценка ответ реплика высказывание обещание
    утверждение обращение выступление цитата комментарий позиция версия прогноз тезис
    совет призыв просьба предупреждение вывод интервью речь фраза вопрос рассказ
    объяснение напоминание предложение требование обвинение шутка письмо послание
    """.split()
)


def _only_oblique(word: str) -> bool:
    """Does ``word`` end as a genitive does and pymorphy3 read it in some case but never
    in the nominative (`Трампа`, `Макрона`; not `Крэйг`, which it reads so too)?"""
    if not word.endswith(GENITIVE_ENDINGS):
        return False
    cases = {str(p.tag.case) for p in parses(fold(word))}
    return bool(cases) and "nomn" not in cases and "None" not in cases


def _after_person_noun(text: str, mention: Mention) -> bool:
    """Does a noun for a person, no name, stand right before ``mention`` (`спецпосланник
    Трампа`, `Супруга Макрона`)?"""
    previous = _WORD_BEFORE_RE.search(text, max(0, mention.span[0] - 40), mention.span[0])
    if previous is None:
        return False
    tag = likeliest_tag(fold(previous.group(1)))
    return bool(tag.POS == "NOUN" and tag.animacy == "anim" and not _NAME_GRAMMEMES & tag.grammemes)


_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([А-ЯЁа-яё][а-яё]+(?:-[а-яё]+)?)\s+$")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _genitive_as_written(mention: Mention) -> bool:
    """May ``mention`` be a genitive as written, not only by a guess at a foreign name's
    endings (`Ивана Петрова`, `Небойши Влаича`; not `Небойша Влаич`, `Франсиско Морейра`)?"""
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


_PROPER_GRAMMEMES = PERSON_GRAMMEMES | PLACE_GRAMMEMES | {"Abbr"}


def _of_genitive_person(text: str, mention: Mention) -> bool:
    """Is the name in apposition to a person noun in the genitive before it, past what that
    one is of (`помощник губернатора Петербурга Александра Беглова`, `адвокат бизнесмена
    Евгения Пригожина`): that person's name, in the genitive, not the speaker's?

    Only a name whose form shows the genitive (`заместитель губернатора Олег Чемезов` is
    the deputy; `Мишель Дюпон`, not declined, may be either), and not one read so only
    by a guess at a foreign name's endings.
    """
    window = text[max(0, mention.span[0] - 80) : mention.span[0]]
    words = WORD_RE.findall(window[_CLAUSE_BREAK_RE.search(window).end() :])  # type: ignore[union-attr]
    skipped = 0
    while words and skipped < _COMPLEMENT_WORDS:
        # What the person is of (`Петербурга`, `Белоруссии`, `США`, `по делам молодежи`)
        word = fold(words[-1])
        if word in ROLE_FORMS["gen"] or not _complement_word(words[-1], word):
            break
        words.pop()
        skipped += 1
    if len(words) < 2 or fold(words[-2]) in PREPOSITIONS:
        # (A noun whose person it is, and the head noun before it: not a preposition's
        # object, `лакей от княгини Бетси`, whose words the text may be.)
        return False
    word = fold(words[-1])
    tag = likeliest_tag(word)
    if word in ROLE_FORMS["nom"] or tag.number == "plur":
        return False  # (`Один из хронистов Хосе де Акоста`: one of them, in the nominative)
    if word not in ROLE_FORMS["gen"] and not (
        tag.POS == "NOUN"
        and tag.animacy == "anim"
        and tag.case == "gent"
        and not _PROPER_GRAMMEMES & tag.grammemes
    ):
        return False
    # (A form that shows the genitive: not an indeclinable name, `пресс-секретарь
    # президента Франции Мишель Дюпон`, which may be either, nor a man's genitive with a
    # surname ending in a consonant as written, which a man's would decline: `пресс-
    # секретарь политика Кира Ярмыш` is a woman, not a `Кир Ярмыш`.)
    last = mention.words[-1]
    return any(
        "gen" in p.cases
        and "nom" not in p.cases
        and (p.surname != last or last[-1:].lower() in VOWELS)
        for p in mention.parses
    ) and _genitive_as_written(mention)


def _complement_word(written: str, word: str) -> bool:
    """May ``written`` (``word`` folded) be part of what a person noun is of: a genitive, an
    abbreviation, a preposition (`губернатора Петербурга`, `президента США`, `по делам`)?"""
    if written.isupper() and len(written) > 1:
        return True
    tag = likeliest_tag(word)
    return tag.case == "gent" and tag.POS in ("NOUN", "ADJF") and tag.animacy != "anim"


#: Where the words before a name stop counting (punctuation, a dash, a quote mark).
_CLAUSE_BREAK_RE = re.compile(r"(?:.*[,;:.!?—–«»\"„“()])?", re.DOTALL)
#: How many words of what a person is of may stand between the person noun and a name.
_COMPLEMENT_WORDS = 3


# A given name ending in `-и` after a consonant: a foreign nominative as often as a
# genitive (`Дани`, `Ники`, `Тони`; not `Мии`, `Марии`).
_FOREIGN_NOMINATIVE_RE = re.compile(r"[^аеёиоуыэюяАЕЁИОУЫЭЮЯ]и$")


def _whose_person(text: str, mention: Mention) -> bool:
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
    previous = last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
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


def _object_of_verb(text: str, mention: Mention) -> bool:
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


def _object_after_subject(text: str, mention: Mention) -> bool:
    """Is the name right after a verb that takes a person as its object, with words of
    the sentence before the verb (its subject: `Президент назвал Мелендес «солдатом
    отечества»`, `Министр поблагодарил Ивана Петрова`)?  Then it is the object."""
    verb = _person_verb_before(text, mention.span[0])
    if verb is None:
        return False
    before = at_last_mark(text[max(0, verb - 80) : verb])[1]
    words = WORD_RE.findall(before)
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
    word = last_word(window)
    if word is None or not _PERSON_OBJECT_VERB_RE.fullmatch(word):
        return None
    return start - len(window) + len(window.rstrip()) - len(word)


def _words_of(text: str, mention: Mention) -> bool:
    """Is the name the genitive of a noun for someone's words right before it (`слова
    Блинкена`, `заявление Макрона`)?  (Where the speaker is in the nominative, that
    person is whose words the speaker answered; after `— цитирует` they are the quote's.)"""
    start = mention.span[0]
    if WORDS_OF_RE.search(text, max(0, start - 16), start) is None:
        return False  # (most names: no such noun just before them)
    previous = last_word(text[max(0, start - 40) : start])
    return (
        previous is not None
        and bool(WORDS_OF_RE.fullmatch(previous))
        and any("gen" in p.cases for p in mention.parses)
    )


def named_speaker(
    registry: Registry,
    text: str,
    info: ClauseInfo,
    *,
    case: str,
    after: int = 0,
    source: bool = False,
    lead_in: bool = False,
    author: bool = False,
) -> Person | None:
    """The person named as the speaker in a clause: the first name in ``case``.

    Only the main part of the clause counts (up to its first comma), and a
    name after a preposition (`с Лукашенко`) is an object, not the speaker,
    unless the clause is the words' ``source`` (`от Петрова`, see :data:`_HEARD_FROM_RE`).
    In a ``lead_in``, not a person object of its verb (see :func:`_object_of_verb`).
    With ``author``, a name right at ``after`` is the author of the text named before
    it (`в заявлении Зеленского`), not whose service or staff it is.
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
        if (
            case == "nom"
            and len(mention.words) == 1
            and following is not None
            and not text[mention.span[1] : following.span[0]].strip()
            and any("gen" in p.cases for p in mention.parses)
            and any("nom" in p.cases for p in following.parses)
            and _only_oblique(mention.words[0])
            and _after_person_noun(text, mention)
        ):
            # `— сказал спецпосланник Трампа Уиткофф`: whose envoy (a genitive's form only),
            # then who he is, the speaker; not `прокурор Крэйг Уоткинс`
            continue
        # (The author's name right after the text's noun is theirs, not someone's it is.)
        authored = author and not text[after : mention.span[0]].strip()
        if (not authored and _owned_by(text, mention)) or (
            lead_in and case == "nom" and _whose_person(text, mention)
        ):
            continue  # `пресс-службу Порошенко`, `помощник Хиллари Клинтон`: not the speaker
        if case == "nom" and _of_genitive_person(text, mention):
            continue  # `— заявил помощник губернатора Александра Беглова`: the governor
        if (
            case == "nom"
            and in_oblique_apposition(text, mention.span[0])
            and not nominative_only(mention)
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
            and not _known_subject(registry, text, mention, clause_gender(info))
        ):
            continue  # `Слова Сагдеева`: an ordinary word opening the sentence
        if _oblique_known(registry, mention, case, clause_gender(info)):
            continue  # `Оптимизм Рогожина разделил Зимин`: Рогожин's genitive, not a Рогожина
        roles = roles_of(text, mention.span)
        gender = clause_gender(info)
        # (a verb of no gender, `признаётся`: the pronoun's, `Клинтон признаётся, что она…`)
        verb_gender = info.verb_gender if info.verb_gender in ("m", "f") else gender
        if gender == "m" and case == "nom" and _woman_in_a_mans_role(mention, roles):
            gender = verb_gender = "f"  # `— сказал вице-премьер Татьяна Голикова`: the role's verb
        person = registry.register(
            mention,
            case=case,
            roles=roles,
            gender=gender,
            verb_gender=verb_gender,
            speaker_position=True,
            woman=woman_named(text, mention.span[0]),
        )
        note_alias(registry, text, mention, person)
        if person is not None or not mention.known_only:
            return person
    return None


_OBLIQUE_ADJECTIVE_ENDINGS = tuple("ого его ому ему ым им ых их ыми ими ую юю".split())


#: A description between commas right after a name, opening in lower case (`, советник
#: Медведева,`).
_APPOSITION_RE = re.compile(
    r"(?:,\s+[а-яё](?:[^,.;:!?«»\"()]|«[^«»\"\n,.;:!?]{1,40}»){0,120}){1,3},"
)
#: A name's spelling in parentheses right after it: `Пекка Вильякайнен (Pekka Viljakainen)`.
_PARENTHESES_AFTER_RE = re.compile(r"\s*\([^()\n]{1,80}\)")
#: `, которая`, `, с которой`, `, о котором`: a relative pronoun of a woman (group 1) or a
#: man (a preposition may come first; not the plural's, `которым` too, nor `которое`).
_RELATIVE_AFTER_RE = re.compile(
    r",\s+(?:[а-яё]{1,3}\s+)?котор(?:(ая|ой|ую|ою)|(?:ый|ого|ому|ом))(?![а-яё])"
)


def subject_verb(text: str, mention: Mention) -> tuple[str | None, str | None]:
    """(case, gender) a name in full shows as the subject of the singular verb right after
    it (`Федерика Могерини выступила`, `Хулуси Акар выразил`), not after a noun for a
    thing whose it is: `nom` where it has other readings too (not the genitive of a
    `Могерина`), and the past tense's gender where the name does not tell it;
    (None, None) where no such verb follows.  (Not a lone word: in novels `Пушкина
    прислала`-like readings mislead.)"""
    if len(mention.words) < 2 or not any("nom" in p.cases for p in mention.parses):
        return None, None
    previous = last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
    noun_before = False  # (a noun whose genitive the name may be, and whose verb the verb)
    if previous is not None and not (len(previous) > 1 and previous.isupper()):
        # (Not an organisation's initials, what a role before them is of: `Генеральный
        # директор ВТО Нгози Оконджо-Ивеала призвала`, `генсек НАТО Йенс Столтенберг`.)
        tag = likeliest_tag(fold(previous))
        if tag.POS == "NOUN" and tag.animacy == "inan" and tag.case == "nomn":
            return None, None  # `Доклад Хенни Энгельс вызвал споры`: the noun's verb
        # (Only a noun that may be a subject, in the nominative, or the accusative it often
        # shares: a genitive's verb is not its own, `Премьер-министр Японии Сигэру Исиба
        # пообещал`.)
        noun_before = tag.POS == "NOUN" and tag.case in ("nomn", "accs")
    first = fold(mention.words[0])
    if first.endswith(_OBLIQUE_ADJECTIVE_ENDINGS) and likeliest_tag(first).POS == "ADJF":
        return None, None  # `На вопросы Сербицкого Георг отвечал`: two people's names
    # (Past the name's spelling in parentheses: `Пекка Вильякайнен (Pekka Viljakainen)`.)
    parenthesis = _PARENTHESES_AFTER_RE.match(text, mention.span[1])
    end = parenthesis.end() if parenthesis is not None else mention.span[1]
    after = NEXT_LOWER_WORD_RE.match(text, end)
    if after is None:
        # (Past a description between commas, or up to three: `Пекка Вильякайнен,
        # советник Медведева, рассказал`, `…, советник президента фонда «Сколково»,
        # финский бизнесмен, получивший …, обращает`.)
        described = _APPOSITION_RE.match(text, end)
        if described is not None:
            after = NEXT_LOWER_WORD_RE.match(text, described.end())
    if after is None:
        # A relative pronoun of the name's gender right after it (`Пэрис Хилтон, с которой
        # дружит…`): the gender, where the name tells none.
        # (Not after a noun, whose the pronoun may be: `жена Юргена Клинсмана, которая`.)
        relative = _RELATIVE_AFTER_RE.match(text, end)
        if relative is not None and {p.gender for p in mention.parses} & {None} and not noun_before:
            return None, "f" if relative.group(1) else "m"
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
        # that is a woman's too; or a reading of it tells none, a given name in no list
        # read from its ending, and no noun before it whose genitive it may be and whose
        # verb it is: `Эвелин Фаркас, ведущий специалист Пентагона, ушла`, not `Подруга
        # Дэни Рота рассказала`.)
        guessed = None in told and not noun_before
        if told <= {None} or guessed or (said in told and len(told - {None}) > 1):
            gender = said
    return case, gender


def _known_subject(registry: Registry, text: str, mention: Mention, gender: str | None) -> bool:
    """Is an ordinary word opening a sentence the surname of a person the article named,
    followed by a verb that agrees with that person (`Алексей Шило заявил: «…». Шило
    сообщил также: «…»`; or named so alone, after a speech verb: `— отметила
    Скульская. … Скульская сказала: «…»`), and of the clause's ``gender`` (not
    `Медынская показалась…; он подумал:`)?"""
    person = registry.match(mention.parses, gender if gender in ("m", "f") else None)
    if person is None or person.surname != mention.words[0]:
        return False  # (named before as written: not a form of the word read as a name)
    if gender in ("m", "f") and person.gender not in (None, gender):
        return False
    after = NEXT_LOWER_WORD_RE.match(text, mention.span[1])
    for _ in range(2):  # (past an adverb or two: `Рено часто говорила:`)
        if after is None or likeliest_tag(after.group(1)).POS != "ADVB":
            break
        after = NEXT_LOWER_WORD_RE.match(text, after.end())
    genders = {"m": ("masc",), "f": ("femn",)}.get(person.gender or "", ("masc", "femn"))
    return after is not None and any(verb_agrees(after.group(1), g) for g in genders)


def _oblique_known(registry: Registry, mention: Mention, case: str, gender: str | None) -> bool:
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


def role_since(registry: Registry, person: Person) -> PendingRole | None:
    """The role a sentence since ``person`` was last named (this one or the one before)
    opened with, naming nobody (see :class:`PendingRole`); or None."""
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


def role_of_another(registry: Registry, person: Person) -> PendingRole | None:
    """The role a sentence since ``person`` was last named opened with (see
    :func:`role_since`), where ``person`` was introduced with other roles: a pronoun
    after it is that role's, not ``person``'s (`Глава ФАС Игорь Артемьев… Представитель
    «Трансаэро» также отметил… «…», — отметил он`).  (A person introduced with no role
    may be the one the role describes again: `Путин провёл совещание. Президент был
    недоволен.`; and so, wrongly, `Путин провёл переговоры с Эрдоганом. Турецкий лидер…`.)"""
    pending = role_since(registry, person)
    if pending is not None and person.roles and pending.head not in person.roles:
        return pending
    return None


# `— цитирует ТАСС министра Михаила Мурашко`, `— передает Reuters слова Эрдогана`.
QUOTING_RE = re.compile(
    r"\b(?:про)?цитир\w*|\bприв(?:одит|одят|ел|ела|ело|ели|одится|одятся)\b"
    # (`передаёт` written with `ё` too; `привело`, `передало`: an agency's)
    r"|\bпереда(?:[её]т|ют|л|ла|ло|ли|[её]тся|ются)\b",
    re.IGNORECASE,
)
# `— цитирует ТАСС заявление Мутко`, `— приводит РИА слова Эрдогана`: the speaker's words.
WORDS_OF_RE = re.compile(
    r"\b(?:слова|заявление|обращение|выступление|высказывание|ответ|реплику|мнение)\b",
    re.IGNORECASE,
)


SENTENCE_END_RE = re.compile(r"[.!?…][.!?…]*\s+(?![\sа-яё])")  # (not `+`: see CAPITALISED_RE)


_ATTRIBUTED_RE = re.compile(r"[,.!?…]*\s*[—–-]\s")


def _continues_sentence(text: str, start: int, end: int) -> bool:
    """Does an attribution go on, in the same sentence, to another quote of its speaker:
    a participle (`— отметил он, подчеркнув, что «…»`) or a second speech verb (`— сказал
    он и добавил: «…»`), with no sentence end between?"""
    stretch = text[start:end]
    if SENTENCE_END_RE.search(stretch.rstrip(' «»"„“”:') + " "):
        return False  # `— объяснила она. «…»`
    words = fold_all(WORD_RE.findall(stretch))
    return any(
        part_of_speech(w) == "GRND" or (previous == "и" and speech_verb(w))
        for previous, w in itertools.pairwise(["", *words])
    )


IMPERSONAL_PART_RE = re.compile(
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
        speech_verb(w) or governing_verb(w) for w in WORD_RE.findall(text[start:end].lower())
    )


def _nominative_role(words: str) -> bool:
    """Are lower-case ``words`` a role in the nominative, with no preposition (`депутат-
    единоросс`, `глава региона`; not `губернатору`, `также с канцлером`)?"""
    folded = [fold(w) for w in WORD_RE.findall(words)]
    if any(w in PREPOSITIONS or w == "также" for w in folded):
        return False
    nominative = ROLE_FORMS["nom"]
    return any(w in nominative or any(h in nominative for h in w.split("-")) for w in folded)


def last_coordinate(text: str, lead_in: LeadIn) -> LeadIn:
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


def relative_clause(text: str, lead_in: LeadIn) -> _Relative | None:
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
    parts = comma_parts(text, (start, end), ",;")  # (semicolons too)
    folded = [WORD_RE.findall(text[a:b].lower().replace("ё", "е")) for a, b in parts]

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
    opening = len(WORD_RE.findall(found.group(0)))  # (the relative word, a preposition)
    between = WORD_RE.findall(text, found.end(), part_end)[: verb - opening]
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
    if bare and ending in ("ого", "аго", "ой") and QUOTING_RE.match(words[verb]):
        # (the media quote the noun before it: `Лавров, которого цитирует ТАСС:`)
        if not WORDS_OF_RE.search(text, found.end(), part_end):
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


def _compound_role_at(
    words: Sequence[str], forms: Mapping[str, str]
) -> tuple[int | None, str | None]:
    """(index, role) of the first hyphenated compound of ``words`` one of whose two parts is
    a role noun in ``forms`` and the other a noun for a person too (`комментатора-
    функционера`: the commentator; `шеф-редактор`: the editor), the last part first; else
    (None, None).  Not a prefix or a thing's noun that makes it another role
    (`вице-канцлер`, `экс-вице-канцлер`, `бизнес-тренер`, `президент-элект`)."""
    for i, word in enumerate(words):
        first, hyphen, last = word.rpartition("-")
        if not hyphen or "-" in first:
            continue
        for part, other in ((last, first), (first, last)):
            if part in forms and person_noun(other):
                return i, forms[part]
    return None, None


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
    if fold(previous) in PREPOSITIONS:
        return False
    if len(word) > 1 and word.isupper():
        return True  # an organisation's letters, whatever their case (`которого ИГ называет`)
    # (A name's readings first: pymorphy3 reads `Песков` as the genitive of `песок`.)
    agrees = (None, gender) if gender in ("m", "f") else (None, "m", "f")
    if any("nom" in r.cases and r.gender in agrees for r in analyse_word(word)):
        return True
    tag = likeliest_tag(folded)
    return bool("nomn" in tag and TAG_GENDERS.get(tag.gender) in agrees)


def find_antecedent(
    registry: Registry,
    text: str,
    lead_in: LeadIn,
    relative: _Relative,
    skip: Skip,
    budget: ModelBudget,
) -> Person | None:
    """The person a relative word stands for: the name that ends the part before its
    comma (`с Александром Лукашенко, который`), of its gender; None where no name ends
    it (`с президентом Белоруссии, который`), the name is someone's (`помощник Путина,
    который`: the helper), or it depends on a noun (`с делегацией Токаева, которая`:
    the delegation; not a role, `министр Сергей Лавров`, nor someone's words, `слова
    Зеленского, который`)."""
    comma = relative.start - 1
    before = text.rfind(",", lead_in.span[0], comma) + 1 or lead_in.span[0]
    mentions = read_mentions(text, before, comma, skip, budget, model=True)
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
        roles=roles_before(text, last.span[0]),
        gender=gender,
        speaker_position=True,
        woman=woman_named(text, last.span[0]),
    )


def _depends_on_noun(text: str, mention: Mention) -> bool:
    """Is the name the genitive of the common noun right before it (`делегацией
    Токаева`), not a role's apposition (`министр Лавров`) or someone's words?"""
    previous = last_word(text[max(0, mention.span[0] - 40) : mention.span[0]])
    if previous is None or not previous.islower() or WORDS_OF_RE.fullmatch(previous):
        return False
    word = fold(previous)
    if any(word in forms for forms in ROLE_FORMS.values()):
        return False
    return likeliest_tag(word).POS == "NOUN" and any("gen" in p.cases for p in mention.parses)


def after_attributed(text: str, lead_in: LeadIn, skip: Skip) -> LeadIn:
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
