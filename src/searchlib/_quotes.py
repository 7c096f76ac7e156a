"""Finding quoted speech in a paragraph: quote marks, attributions, lead-ins.

This module is about the *shape* of direct speech in Russian news text; who
the speaker is gets decided in :mod:`searchlib._speakers`.

Quote marks: ``"…"``, ``«…»``, ``„…“``, ``“…”`` (and ``‹…›``), nested or not.
Straight quotes are paired by context (an opening one follows a space, a
closing one precedes a space or punctuation), which also handles the
`"Мы работаем с "Газпромом"", - сказал он` style of nesting.

A quoted stretch counts as speech only when something says so:

* an attribution after it: `«…», — отметила она.`, `"…" - сказал Песков.`,
  `«…», заявил он.`, `«…». Об этом сообщил Песков.`, `«…», — считают
  аналитики.` (a short quoted name inside it, `— считает аналитик «Финама»
  Алексей Коренев`, does not end it);
* an interruption inside it: `«Первое, — сказал он. — Второе»`;
* a lead-in before it: `Песков заявил: «…»`, `По словам Лаврова, «…»`,
  `По данным источника, «…»`, `Как отмечается в докладе, «…»`, `Он отметил,
  что «…»`, or a previous paragraph ending with a colon;
* continuing a quote just attributed: `«…», — сказал он. — «…»`.

Quoted names and titles (`«Газпром»`, `«Война и мир»`) have none of these, or
are too short for a lead-in alone, and are not speech.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

__all__ = [
    "ACCORDING_NOUNS",
    "QUOTE_MARKS_RE",
    "LeadIn",
    "QuoteMatch",
    "find_quotes",
    "quoted_regions",
    "speech_verb",
]

Span = tuple[int, int]

# --- Speech verbs -------------------------------------------------------------

# Past tense, masculine form; a trailing "ся" marks a reflexive verb.
_PAST = """
    сказал отметил заявил подчеркнул добавил пояснил сообщил рассказал уточнил признал
    заметил указал написал ответил продолжил заключил объяснил напомнил предупредил
    призвал констатировал резюмировал выразил высказал высказался поделился акцентировал
    обратил прокомментировал заверил выделил подытожил посетовал пожаловался признался
    отреагировал парировал возразил процитировал цитировал уверял считал полагал говорил
    отмечал подчеркивал добавлял заявлял пояснял рассказывал сообщал утверждал настаивал
    спросил поинтересовался предложил пообещал объявил воскликнул допустил оценил
    сформулировал описал охарактеризовал убеждал рассуждал размышлял вспоминал вспомнил
    уточнял объяснял отвечал признавал замечал указывал писал сетовал жаловался
    прогнозировал предсказал подтвердил отрезал пошутил посоветовал потребовал пригрозил
    раскритиковал поблагодарил извинился обещал предупреждал напоминал заверял уверил
    анонсировал передал привел шутил возмутился удивился усмехнулся обратился напутствовал
    постановил
    """.split()
_IRREGULAR_PAST = {
    "опроверг": "m",
    "опровергла": "f",
    "опровергло": "n",
    "опровергли": "pl",
    "счел": "m",
    "сочла": "f",
    "сочло": "n",
    "сочли": "pl",
}
# Present tense, third person singular; the plural is formed from it.
_PRESENT = """
    говорит считает отмечает подчеркивает полагает пишет рассказывает добавляет поясняет
    заявляет утверждает уверяет признает уточняет сообщает цитирует прогнозирует
    предупреждает напоминает объясняет заверяет обещает настаивает вспоминает отвечает
    спрашивает возражает предсказывает констатирует комментирует передает информирует
    приводит признается делится жалуется интересуется заключает опровергает называет
    """.split()
_IMPERSONAL = ["говорится", "сообщается", "отмечается", "подчеркивается", "указывается"]
_SHORT_ADJ = {
    "уверен": "m",
    "уверена": "f",
    "уверены": "pl",
    "убежден": "m",
    "убеждена": "f",
    "убеждены": "pl",
}

VerbGender = Literal["m", "f", "n", "pl", "?", "impersonal"]


def _present_plural(verb: str) -> str:
    """`считает` -> `считают`, `пишет` -> `пишут`, `говорит` -> `говорят`, `делится` -> `делятся`.

    Good enough for the verbs listed here, not for every Russian verb.
    """
    reflexive = verb.endswith("ся")
    stem = verb[:-2] if reflexive else verb  # признает(ся)
    before, vowel = stem[:-2], stem[-2]
    if vowel == "е":
        ending = "ют" if before[-1] in "аеиоуыэюя" else "ут"
    else:
        ending = "ат" if before[-1] in "жшчщ" else "ят"
    return before + ending + ("ся" if reflexive else "")


def _build_verbs() -> dict[str, VerbGender]:
    verbs: dict[str, VerbGender] = {}
    for verb in _PAST:
        if verb.endswith("ся"):
            base = verb[:-3]  # поделился -> подели
            verbs[verb] = "m"
            verbs[base + "лось"] = "n"
            verbs[base + "лась"] = "f"
            verbs[base + "лись"] = "pl"
        else:
            verbs[verb] = "m"
            verbs[verb + "а"] = "f"
            verbs[verb + "о"] = "n"  # `сообщило ведомство`
            verbs[verb + "и"] = "pl"
    for verb in _PRESENT:
        verbs.setdefault(verb, "?")
        verbs.setdefault(_present_plural(verb), "pl")
    verbs.update(_IRREGULAR_PAST)  # type: ignore[arg-type]
    for verb in _IMPERSONAL:
        verbs[verb] = "impersonal"
    verbs.update(_SHORT_ADJ)  # type: ignore[arg-type]
    return verbs


_VERBS = _build_verbs()
_WORD_RE = re.compile(r"[А-Яа-яЁёA-Za-z-]+")


def speech_verb(word: str) -> VerbGender | None:
    """The grammatical gender a speech verb form shows, or None if it is not one.

    >>> speech_verb("отметила"), speech_verb("сказал"), speech_verb("говорит")
    ('f', 'm', '?')
    """
    return _VERBS.get(word.casefold().replace("ё", "е"))


def _has_speech_verb(clause: str, *, within: int = 6) -> bool:
    words = _WORD_RE.findall(clause)[:within]
    return any(speech_verb(w) for w in words)


# --- Quote marks ----------------------------------------------------------------

_OPENERS = {"«": "»", "„": "“", "‹": "›"}
#: Every quote mark the parser knows.
QUOTE_MARKS_RE = re.compile('[«»„“”‹›"]')
_SPACE_BEFORE = set(" \t\n\r\u00a0([{«„“—–-:/")
_SPACE_AFTER = set(" \t\n\r\u00a0,.;:!?…)]}»”“-—–/")


@attrs.frozen
class _Region:
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    depth: int
    shared_close: bool = False  # the closing mark also closes a nested quote


def _pair_marks(text: str) -> list[_Region]:
    """Pair quote marks into regions, innermost first; unpaired marks are ignored."""
    stack: list[tuple[str, int]] = []  # (expected closing mark, index)
    regions: list[_Region] = []

    def close_to(expected: set[str], index: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] in expected:
                opened = stack[depth][1]
                del stack[depth:]
                regions.append(_Region(opened, index, depth))
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
                continue  # `" Лидер партии…`: a stray mark, spaced on both sides, opens nothing
            if opening:
                stack.append(('"', i))
            else:
                close_to({'"'}, i)
    regions.extend(_repair_unclosed(text, stack, regions))
    return regions


def _repair_unclosed(
    text: str, unclosed: list[tuple[str, int]], regions: list[_Region]
) -> list[_Region]:
    """`«Мы работаем с «Газпромом», — сказал он.`: the inner closing mark closes both."""
    repaired: list[_Region] = []
    if not unclosed:
        return repaired
    closing, opened = unclosed[0]
    inner = [r for r in regions if r.open > opened and text[r.close] == closing]
    for region in sorted(inner, key=lambda r: -r.close):
        if _attribution_after(text, region.close) is not None:
            repaired.append(_Region(opened, region.close, 0, shared_close=True))
            break
    return repaired


def quoted_regions(text: str) -> list[Span]:
    """Spans (marks included) of the outermost quoted stretches, speech or not."""
    regions = _pair_marks(text)
    spans = sorted((r.open, r.close + 1) for r in regions)
    outer: list[Span] = []
    for start, end in spans:
        if outer and start < outer[-1][1]:
            if end > outer[-1][1]:
                outer[-1] = (outer[-1][0], end)
            continue
        outer.append((start, end))
    return outer


# --- Attributions and lead-ins ---------------------------------------------------

_DASH = r"(?:—|–|-{1,2})"
_ATTR_DASH_RE = re.compile(rf"[,.!?…]*\s*{_DASH}\s+")
_ATTR_COMMA_RE = re.compile(r",\s+")
_ATTR_ETOM_RE = re.compile(r"[.!?…]?\s+(?=Об этом\s)")
# (A dot inside a word is no end: `— цитирует infox.ru директора…`, `Lenta.ru`.)
_CLAUSE_END_RE = re.compile(rf"[!?…:;]|\.(?!\w)|,\s*{_DASH}\s|[«\"„“]")


# A short quoted name inside an attribution: `— считает аналитик «Финама» Алексей Коренев`.
_QUOTED_NAME_RE = re.compile(
    r"(?:«[^«»\"„“.!?…]{1,40}»|\"[^«»\"„“.!?…]{1,40}\"|„[^«»\"„“.!?…]{1,40}“)(?=\s+\w)"
)


def _clause(text: str, start: int) -> Span:
    """From ``start`` to the end of the clause (sentence end, colon, a dash-continuation).

    A short quoted name inside it (`аналитик «Финама» Алексей Коренев`) does
    not end it.
    """
    pos = start
    while True:
        match = _CLAUSE_END_RE.search(text, pos)
        if match is None:
            return start, len(text)
        name = _QUOTED_NAME_RE.match(text, match.start())
        if name is None or _word_count(name.group()) > 4:
            return start, match.start()
        pos = name.end()


def _attribution_after(text: str, close: int) -> Span | None:
    """Span of the attribution clause after the closing mark at ``close``, if there is one."""
    pos = close + 1
    for pattern, within in ((_ATTR_DASH_RE, 6), (_ATTR_ETOM_RE, 4), (_ATTR_COMMA_RE, 2)):
        match = pattern.match(text, pos)
        if not match:
            continue
        start, end = _clause(text, match.end())
        if pattern is _ATTR_ETOM_RE:
            within += 2
        if end > start and _has_speech_verb(text[start:end], within=within):
            return start, end
    return None


_INTERRUPTION_RE = re.compile(
    rf"(?<=[,.!?…])\s+{_DASH}\s+(?P<attr>[^—–«»\"„“]{{2,160}}?)[,.:]\s*{_DASH}\s+"
)


def _interruptions(text: str, start: int, end: int) -> list[tuple[Span, Span]]:
    """(gap, attribution) pairs inside the quoted text ``text[start:end]``."""
    found = []
    for match in _INTERRUPTION_RE.finditer(text, start, end):
        attr = match.span("attr")
        if _has_speech_verb(text[attr[0] : attr[1]], within=6):
            found.append((match.span(), attr))
    return found


@attrs.frozen
class LeadIn:
    """Text before a quote that introduces its speaker.

    ``reported``: a quoted fragment inside reported speech, the sentence's
    speech verb before it (`Он назвал решение «безрассудным»`, `пообещал
    «жёстко ответить»`).
    """

    kind: Literal["colon", "according", "that", "previous-paragraph", "reported"]
    span: Span  # the lead-in clause, in the paragraph (for "previous-paragraph": in that one)


_TERMINATORS = ".!?…"


def _last_sentence_start(text: str) -> int:
    r"""Where the last sentence of ``text`` starts (after its last sentence end or line break).

    For a text without trailing whitespace (callers strip it), the end of the
    first match of ``(?:^|[.!?…]\s+|\n)(?=[^.!?…\n]*$)``, without that
    pattern's cost: its look-ahead scans to the end of the text at every
    sentence end, quadratic in long paragraphs of many quotes.
    """
    last = max(text.rfind(ch) for ch in (*_TERMINATORS, "\n"))
    if last < 0:
        return 0
    after = last + 1
    while after < len(text) and text[after].isspace():
        after += 1  # the whitespace after the last sentence end or line break
    if text[last] != "\n":
        return after if after > last + 1 else 0  # a sentence end needs whitespace after it
    # A line break may sit in the whitespace after a sentence end: that ends the sentence.
    before = last
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before > 0 and text[before - 1] in _TERMINATORS:
        return after
    return last + 1


#: The nouns of `по словам X` / `по мнению X`…: a lead-in naming its speaker in the genitive.
ACCORDING_NOUNS = (
    "словам|мнению|оценке|оценкам|заявлению|данным|информации|сведениям"
    "|утверждению|признанию|заверению|прогнозу|убеждению"
)
_ACCORDING_RE = re.compile(
    rf"(?:^|\s)(?:по (?:его |ее |её |их )?(?:{ACCORDING_NOUNS})"
    r"|как (?:\w+ )?(?:\w+л[аи]?|\w+ет|\w+ит|\w+[юуя]т|\w+тся))(?:\s|,)",
    re.IGNORECASE,
)


def _lead_in(text: str, open_: int) -> LeadIn | None:
    before = text[:open_].rstrip()
    if not before:
        return None
    clause_start = _last_sentence_start(before)
    clause = before[clause_start:]
    if before.endswith(":"):
        return LeadIn("colon", (clause_start, len(before) - 1))
    if before.endswith(",") and _ACCORDING_RE.search(" " + clause):
        return LeadIn("according", (clause_start, len(before) - 1))
    if before.endswith("что") and _has_speech_verb(clause, within=12):
        return LeadIn("that", (clause_start, len(before)))
    return None


# Nouns that a quoted name or title follows: `проект «Сколково»`, `газета «Труд»`.
_TITLE_NOUNS_RE = re.compile(
    r"(?:проект|фонд|компани|корпораци|холдинг|банк|газет|журнал|издани|агентств|телеканал"
    r"|радиостанци|сайт|портал|фильм|сериал|книг|роман|песн|альбом|спектакл|балет|опер"
    r"|программ|передач|форум|саммит|конкурс|фестивал|акци|операци|парти|движени|организаци"
    r"|объединени|клуб|центр|театр|групп|команд|закон|стать|статье|премия|преми|ОАО|ЗАО|ООО"
    r"|ПАО|АО|ГУП|МУП|ФГУП|бренд|марк|формат|серия|цикл|рубрик|заголовк|лозунг|девиз"
    r"|названи|имя|имени|слоган|кампани|мероприяти|выставк|доктрин|стратеги|концепци|реестр"
    r"|список|списк|статус|категори|звани|титул|понят|термин|выражени|хэштег|тег)\w*$",
    re.IGNORECASE,
)
_ACCORDING_WORDS_RE = re.compile(
    rf"(?:^|\s)по (?:его |ее |её |их )?(?:{ACCORDING_NOUNS})[\s,]", re.IGNORECASE
)
# Verbs whose object a quoted fragment can be without `что`: `назвал встречу «хорошей»`,
# `призвал ООН «ответить…»`, `пообещал «жёстко ответить»`.
_GOVERNING_RE = re.compile(
    r"^(?:назва|называ|охарактеризова|призва|призыва|потребова|требова|пообеща|обеща|предложи"
    r"|предлага|вырази|пригрози|пожела|посоветова|поручи|попроси|заяви|сказа|подчеркну"
    r"|отмети|признал)\w*(?:л|ла|ло|ли|т)$",  # (verb forms, not `требование`)
    re.IGNORECASE,
)
_PREPOSITION_BEFORE_RE = re.compile(
    r"(?:^|\s)(\w+)\s+(?:в|во|на|о|об|для|от|с|со|к|по|при|из|за)\s*$"
)
# After a quoted fragment of reported speech the clause ends, or another fragment follows.
_FRAGMENT_END_RE = re.compile(r"\s*(?:[.,;:!?…)]|$|и\s+[«\"„])")


def _after_title_noun(text: str, open_: int) -> bool:
    """Does a noun that names things (`проект`, `газета`, `реестр`) stand right before ``open_``?"""
    last = _WORD_RE.findall(text[max(0, open_ - 40) : open_])
    return (
        bool(last)
        and bool(_TITLE_NOUNS_RE.search(last[-1]))
        and not text[:open_].rstrip().endswith((",", ":"))
    )


def _reported(text: str, open_: int, close: int, content: str) -> LeadIn | None:
    """A lead-in for a quoted fragment of reported speech, if the sentence reads as one.

    The sentence before the fragment has a speech verb (or `по словам`,
    `назвал`), the fragment ends its clause, it is no quoted name (it does
    not follow `проект`, `газета`…; a capitalised one of a few words is a
    name) and it starts in lower case or is several words long.
    """
    if not _FRAGMENT_END_RE.match(text, close + 1):
        return None
    words = _word_count(content)
    if not content[:1].islower() and (words < 4 or not _looks_like_speech(content)):
        return None
    before = text[:open_].rstrip()
    if not before or before.endswith((":", "(")) or _after_title_noun(text, open_):
        return None
    start = _last_sentence_start(before)
    clause = before[start:]
    preposition = _PREPOSITION_BEFORE_RE.search(clause[-40:])
    if preposition and words <= 3 and not speech_verb(preposition.group(1)):
        return None  # `в рамках «большой двадцатки»`: a name, unless `заявил о «…»`
    if _ACCORDING_WORDS_RE.search(" " + clause):
        return LeadIn("reported", (start, len(before)))
    tokens = _WORD_RE.findall(clause)
    verb = next(
        (
            i
            for i in range(len(tokens) - 1, -1, -1)
            if speech_verb(tokens[i]) or _GOVERNING_RE.match(tokens[i])
        ),
        None,
    )
    if verb is None:
        return None
    between = [w.casefold() for w in tokens[verb + 1 :]]
    if (
        "что" in between
        or "как" in between
        or len(between) <= 1  # `она говорила «о развитии…»`
        or (_GOVERNING_RE.match(tokens[verb]) and len(between) <= 6)
    ):
        return LeadIn("reported", (start, len(before)))
    return None


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _looks_like_speech(content: str) -> bool:
    """Long enough, or sentence-like, to be speech even without an attribution."""
    return _word_count(content) >= 3 or bool(re.search(r"[.!?…]\s*$", content))


@attrs.frozen
class QuoteMatch:
    """One piece of quoted speech found in a paragraph."""

    parts: tuple[Span, ...]  # the speech, without marks and interruptions
    region: Span  # from the opening to past the closing mark
    attribution: Span | None  # attribution clause after the quote (or its interruption)
    lead_in: LeadIn | None
    continues_previous: bool  # `«…», — сказал он. — «…»`: same speaker as the quote before
    at_paragraph_start: bool
    # `«Первое, — сказал он. — Второе», — цитирует слова X пресс-служба`: the interruption's
    # attribution, where the quote also has one after it.
    interruption: Span | None = None

    @property
    def span(self) -> Span:
        return self.parts[0][0], self.parts[-1][1]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CONTINUATION_RE = re.compile(rf"[,.!?…]*\s*{_DASH}\s+[^«»\"„“]{{2,160}}?[,.:]\s*{_DASH}\s*$")


def find_quotes(text: str, *, previous_paragraph: str | None = None) -> list[QuoteMatch]:
    """The quoted speech in ``text``, in order.

    ``previous_paragraph`` lets a paragraph that opens with a quote take the
    previous one as its lead-in when that one ends with a colon.
    """
    regions = [r for r in _pair_marks(text) if r.depth == 0]
    regions.sort(key=lambda r: r.open)
    found: list[QuoteMatch] = []
    previous_end: int | None = None
    previous_was_speech = False
    for region in regions:
        start, end = _trim(text, region.open + 1, region.close + region.shared_close)
        if start >= end:
            continue
        gaps = _interruptions(text, start, end)
        attribution = _attribution_after(text, region.close)
        if attribution is None and gaps:
            attribution = gaps[0][1]
        lead_in = _lead_in(text, region.open)
        at_start = not text[: region.open].strip()
        if at_start and lead_in is None and previous_paragraph is not None:
            previous = previous_paragraph.rstrip()
            if previous.endswith(":"):
                lead_in = LeadIn("previous-paragraph", _last_sentence(previous))
        continues = (
            previous_end is not None
            and previous_was_speech
            and bool(_CONTINUATION_RE.match(text[previous_end : region.open]))
        )
        content = text[start:end]
        if _after_title_noun(text, region.open) and _word_count(content) <= 4 and not gaps:
            speech = False  # `центр «Сколково». Об этом сообщил…`: a name, whatever follows
        elif attribution is not None or gaps or continues:
            speech = True
        elif lead_in is not None:
            said = _has_speech_verb(_lead_in_text(text, previous_paragraph, lead_in), within=40)
            if lead_in.kind in ("colon", "previous-paragraph") and said:
                speech = True  # `Она сказала: «Нет».`
            else:
                speech = _looks_like_speech(content) and (
                    lead_in.kind not in ("colon", "previous-paragraph") or _word_count(content) >= 4
                )
        else:
            lead_in = _reported(text, region.open, region.close, content)
            speech = lead_in is not None
        previous_end = region.close + 1
        previous_was_speech = speech
        if not speech:
            continue
        parts: list[Span] = []
        cursor = start
        for gap, _attr in gaps:
            parts.append(_trim(text, cursor, gap[0]))
            cursor = gap[1]
        parts.append(_trim(text, cursor, end))
        parts = [p for p in parts if p[0] < p[1]]
        if not parts:
            continue
        found.append(
            QuoteMatch(
                parts=tuple(parts),
                region=(region.open, region.close + 1),
                attribution=attribution,
                lead_in=lead_in,
                continues_previous=continues,
                at_paragraph_start=at_start,
                interruption=gaps[0][1] if gaps and attribution != gaps[0][1] else None,
            )
        )
    return found


def _lead_in_text(text: str, previous_paragraph: str | None, lead_in: LeadIn) -> str:
    source = previous_paragraph if lead_in.kind == "previous-paragraph" else text
    return (source or "")[lead_in.span[0] : lead_in.span[1]]


def _last_sentence(text: str) -> Span:
    return _last_sentence_start(text), len(text) - 1 if text.endswith(":") else len(text)
