"""Who said it: speaker attribution for the quotes of one article.

All the rules live here, applied in the order the text is read:

1. A person named in the attribution wins (`— сказал глава МИД Сергей Лавров`).
2. Else a person named in the lead-in (`Об этом рассказала ... Анастасия
   Лаврина:` or `По словам Сергея Лаврова, «…»`).
3. Else a pronoun or role noun (`она`, `он`, `эксперт`, `политолог`) in the
   attribution, then in the lead-in, refers to the most recently named person
   who fits: the gender shown by the pronoun or the verb (`добавила`) must
   match, and a role noun must be one that person was introduced with.
4. A quote that continues one just attributed (`«…», — сказал он. — «…»`)
   has the same speaker.

Names are reported in the nominative, in the fullest form the article gives
(`Анастасия Лаврина`, also when later written `Анастасии Лавриной`).  Press
services, unnamed sources and plural speakers (`— сообщили в пресс-службе`,
`— заявил источник`, `— сказали они`) give ``None``, as does every case the
rules cannot settle: a missing speaker is better than a wrong one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

from searchlib._names import CASES, NameReading, analyse_word, fold, is_capitalised
from searchlib._quotes import (
    QUOTE_MARKS_RE,
    LeadIn,
    QuoteMatch,
    find_quotes,
    quoted_regions,
    speech_verb,
)
from searchlib._stemmer import stem_russian

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
    """.split()
_ROLE_STEMS = frozenset(stem_russian(w) for w in _ROLE_WORDS)

# Attributions to institutions and unnamed people: never a person's name.
_NO_PERSON_STEMS = frozenset(
    stem_russian(w)
    for w in """
    пресс-служба источник источники сообщение заявление ведомство министерство
    правительство администрация агентство организация компания аппарат канцелярия штаб
    посольство представительство издание газета телеканал собеседник очевидец
    """.split()
)
_PREPOSITIONS = frozenset(
    """
    в во из под над к ко от до у с со на за при о об обо по про для без через
    """.split()
)

_WORD_RE = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
_SENTENCE_BREAK_RE = re.compile(r"[.!?…]\s+$|^\s*$")


@attrs.define
class _Person:
    name: str  # nominative, fullest form seen
    surname: str
    given: str | None
    gender: str | None
    roles: set[str]
    seen: int


@attrs.frozen
class _NameParse:
    given: str | None
    patronymic: str | None
    surname: str
    gender: str | None
    cases: frozenset[str]

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)


@attrs.frozen
class _Mention:
    words: tuple[str, ...]
    span: Span
    parses: tuple[_NameParse, ...]
    sentence_initial: bool
    after_preposition: bool


def _combine(readings: Sequence[Sequence[NameReading]]) -> list[_NameParse]:
    """Consistent (same gender, shared case) combinations of per-word readings."""
    parses: list[_NameParse] = []
    for combo in itertools.product(*readings):
        roles = [r.role for r in combo]
        if roles[-1] != "surname" or "surname" in roles[:-1]:
            continue
        if "patronymic" in roles and roles.index("patronymic") != len(roles) - 2:
            continue
        genders = {r.gender for r in combo if r.gender is not None}
        if len(genders) > 1:
            continue
        cases = frozenset(CASES)
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


def _parse_run(words: Sequence[str]) -> tuple[int, list[_NameParse]]:
    """The longest name at the end of a run of capitalised words: (first word index, parses)."""
    n = len(words)
    for first in range(max(0, n - 4), n):
        readings = []
        for i in range(first, n):
            after_given = i > first and any(r.role == "given" for r in analyse_word(words[i - 1]))
            readings.append(analyse_word(words[i], after_given=after_given))
        if all(readings):
            parses = _combine(readings)
            if parses:
                return first, parses
    return n, []


def _mentions(text: str, start: int, end: int, skip: Sequence[Span]) -> list[_Mention]:
    """Person-name candidates in ``text[start:end]`` outside the ``skip`` spans."""
    tokens = [
        m
        for m in _WORD_RE.finditer(text, start, end)
        if not any(s <= m.start() < e for s, e in skip)
    ]
    mentions: list[_Mention] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        words = [m.group() for m in run]
        while words:
            first, parses = _parse_run(words)
            if not parses:
                words.pop()
                continue
            head = run[first]
            before = text[: head.start()]
            previous_word = re.search(r"(\w+)\s*$", before)
            mentions.append(
                _Mention(
                    words=tuple(words[first:]),
                    span=(head.start(), run[len(words) - 1].end()),
                    parses=tuple(parses),
                    sentence_initial=bool(_SENTENCE_BREAK_RE.search(before)) and first == 0,
                    after_preposition=bool(
                        previous_word and fold(previous_word.group(1)) in _PREPOSITIONS
                    ),
                )
            )
            del words[first:]
        run.clear()

    for token in tokens:
        if run and (
            not is_capitalised(token.group()) or text[run[-1].end() : token.start()].strip()
        ):
            flush()
        if is_capitalised(token.group()):
            run.append(token)
    flush()
    mentions.sort(key=lambda m: m.span)
    return mentions


class _Registry:
    """The people an article has named so far, most recent last."""

    def __init__(self) -> None:
        self.persons: list[_Person] = []
        self._clock = 0

    def touch(self, person: _Person) -> _Person:
        self._clock += 1
        person.seen = self._clock
        return person

    def match(self, parses: Sequence[_NameParse]) -> _Person | None:
        """The known person a mention refers to (most recent if several)."""
        best: _Person | None = None
        for person in self.persons:
            for parse in parses:
                if parse.surname != person.surname:
                    continue
                if parse.given and person.given and parse.given != person.given:
                    continue
                if parse.gender and person.gender and parse.gender != person.gender:
                    continue
                if best is None or person.seen > best.seen:
                    best = person
        return best

    def register(
        self,
        mention: _Mention,
        *,
        case: str | None = None,
        roles: set[str] | None = None,
        gender: str | None = None,
        speaker_position: bool = False,
    ) -> _Person | None:
        """Record a mention; returns its person, or None when it is not clearly one."""
        person = self.match(mention.parses)
        if person is not None:
            if person.given is None:
                full = [p for p in mention.parses if p.surname == person.surname and p.given]
                if len({p.full for p in full}) == 1:
                    person.given, person.name = full[0].given, full[0].full
            if person.gender is None and gender in ("m", "f"):
                person.gender = gender
            person.roles |= roles or set()
            return self.touch(person)
        parses = [p for p in mention.parses if case is None or case in p.cases]
        if gender in ("m", "f"):
            parses = [p for p in parses if p.gender in (None, gender)]
        if len({p.full for p in parses}) != 1:
            return None
        parse = parses[0]
        single = len(mention.words) == 1
        if single and not speaker_position:
            # A lone capitalised word is a person only in a clear position.
            if mention.sentence_initial or mention.after_preposition:
                return None
            if not re.search(r"(?:ов|ев|ин|ын)[а-я]{0,2}$", mention.words[0]):
                return None
        genders = {p.gender for p in parses} - {None}
        person = _Person(
            name=parse.full,
            surname=parse.surname,
            given=parse.given,
            gender=gender
            if gender in ("m", "f")
            else (genders.pop() if len(genders) == 1 else None),
            roles=set(roles or ()),
            seen=0,
        )
        self.persons.append(person)
        return self.touch(person)

    def recent(self, *, gender: str | None, role: str | None) -> _Person | None:
        """The most recently named person with this gender and (if given) role."""
        for person in sorted(self.persons, key=lambda p: -p.seen):
            if gender is not None and person.gender != gender:
                continue
            if role is not None and role not in person.roles:
                continue
            if gender is None and role is None:
                return None
            return person
        return None


def _roles_before(text: str, start: int, limit: int = 8) -> set[str]:
    """Role nouns in the words just before ``start``, back to the previous punctuation."""
    window = re.split(r"[.!?…;:()\"«»,]|\s[—–]\s", text[:start])[-1]
    words = _WORD_RE.findall(window)[-limit:]
    return {stem_russian(fold(w)) for w in words} & _ROLE_STEMS


@attrs.frozen
class _ClauseInfo:
    named: tuple[_Mention, ...]
    pronoun_gender: str | None
    verb_gender: str | None
    role: str | None
    no_person: bool  # plural, impersonal, press service, unnamed source


def _clause_info(text: str, span: Span, skip: Sequence[Span]) -> _ClauseInfo:
    clause = text[span[0] : span[1]]
    words = [fold(w) for w in _WORD_RE.findall(clause)]
    verb_gender = next((g for w in words if (g := speech_verb(w))), None)
    pronoun_gender = None
    for i, w in enumerate(words):
        if w in ("он", "она"):
            pronoun_gender = "m" if w == "он" else "f"
            break
        if w in ("они",):
            verb_gender = "pl"
            break
        if (
            w in ("его", "ее")
            and i + 1 < len(words)
            and words[i + 1] in ("словам", "мнению", "оценке")
        ):
            pronoun_gender = "m" if w == "его" else "f"
            break
    role = next((stem_russian(w) for w in words if stem_russian(w) in _ROLE_STEMS), None)
    stems = {stem_russian(w) for w in words}
    no_person = verb_gender in ("pl", "impersonal") or bool(stems & _NO_PERSON_STEMS)
    comma = clause.find(",")
    main_end = span[1] if comma < 0 else span[0] + comma
    named = tuple(_mentions(text, span[0], main_end, skip))
    return _ClauseInfo(named, pronoun_gender, verb_gender, role, no_person)


def _gender(info: _ClauseInfo) -> str | None:
    if info.pronoun_gender:
        return info.pronoun_gender
    return info.verb_gender if info.verb_gender in ("m", "f") else None


def _named_speaker(
    registry: _Registry, text: str, info: _ClauseInfo, *, case: str
) -> _Person | None:
    """The person named as the speaker in a clause: the first name in ``case``.

    Only the main part of the clause counts (up to its first comma), and a
    name after a preposition (`с Лукашенко`) is an object, not the speaker.
    """
    for mention in info.named:
        if mention.after_preposition:
            continue
        if not any(case in p.cases for p in mention.parses):
            continue
        return registry.register(
            mention,
            case=case,
            roles=_roles_before(text, mention.span[0]),
            gender=_gender(info),
            speaker_position=True,
        )
    return None


def _referred(registry: _Registry, info: _ClauseInfo) -> _Person | None:
    gender = _gender(info)
    if info.role is not None:
        return registry.recent(gender=gender, role=info.role)
    if info.pronoun_gender is not None:
        return registry.recent(gender=gender, role=None)
    return None


@attrs.frozen
class AttributedQuote:
    """A quote found in a paragraph, with its resolved speaker (or None)."""

    parts: tuple[Span, ...]
    speaker: str | None


def _lead_in_case(text: str, lead_in: LeadIn) -> str:
    """`По словам Сергея Лаврова, «…»` names the speaker in the genitive, else the nominative."""
    clause = text[lead_in.span[0] : lead_in.span[1]].lower()
    according = re.search(r"\bпо (?:словам|мнению|оценке|заявлению|данным)\b", clause)
    return "gen" if according else "nom"


def attribute_article(paragraphs: Sequence[str]) -> list[list[AttributedQuote]]:
    """Quotes and speakers for each paragraph of one article, in order.

    >>> result = attribute_article([
    ...     "Об этом рассказала политолог Анастасия Лаврина:",
    ...     '"Интеграция — это потребность стран региона", — отметила она.',
    ... ])
    >>> result[1][0].speaker
    'Анастасия Лаврина'
    """
    if not any(QUOTE_MARKS_RE.search(text) for text in paragraphs):
        return [[] for _ in paragraphs]  # no quote marks, no quotes: skip the name search
    registry = _Registry()
    result: list[list[AttributedQuote]] = []
    previous_text: str | None = None
    previous_speaker: _Person | None = None
    for text in paragraphs:
        quotes = find_quotes(text, previous_paragraph=previous_text)
        skip = quoted_regions(text)
        events: list[tuple[int, int, object]] = [
            (m.span[0], 0, m) for m in _mentions(text, 0, len(text), skip)
        ]
        events += [(q.region[0], 1, q) for q in quotes]
        attributed: list[AttributedQuote] = []
        consumed: set[Span] = set()
        for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(event, _Mention):
                if event.span not in consumed:
                    registry.register(event, roles=_roles_before(text, event.span[0]))
                continue
            assert isinstance(event, QuoteMatch)
            speaker = _resolve(
                registry, text, previous_text, event, skip, previous_speaker, consumed
            )
            if speaker is not None:
                registry.touch(speaker)
            previous_speaker = speaker
            attributed.append(AttributedQuote(event.parts, speaker.name if speaker else None))
        result.append(attributed)
        previous_text = text
    return result


def _resolve(
    registry: _Registry,
    text: str,
    previous_text: str | None,
    quote: QuoteMatch,
    skip: Sequence[Span],
    previous_speaker: _Person | None,
    consumed: set[Span],
) -> _Person | None:
    attribution = None
    if quote.attribution is not None:
        # An interruption's attribution sits inside the quoted region: unskip it.
        start, end = quote.attribution
        outside = [s for s in skip if not (s[0] <= start and end <= s[1])]
        attribution = _clause_info(text, quote.attribution, outside)
        consumed.update(m.span for m in attribution.named)
        named = _named_speaker(registry, text, attribution, case="nom")
        if named is not None:
            return named
        if attribution.no_person:
            return None
    lead = None
    if quote.lead_in is not None:
        source = previous_text if quote.lead_in.kind == "previous-paragraph" else text
        if source is not None:
            lead_skip = quoted_regions(source) if source is not text else skip
            lead = _clause_info(source, quote.lead_in.span, lead_skip)
            named = _named_speaker(
                registry, source, lead, case=_lead_in_case(source, quote.lead_in)
            )
            said = _gender(attribution) if attribution is not None else None
            if named is not None and (said is None or named.gender in (None, said)):
                return named
    if quote.continues_previous and quote.attribution is None:
        return previous_speaker
    for info in (attribution, lead):
        if info is not None:
            if info.no_person:
                return None
            person = _referred(registry, info)
            if person is not None:
                return person
    return None
