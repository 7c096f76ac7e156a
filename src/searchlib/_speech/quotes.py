"""Finding quoted speech in a paragraph: quote marks, attributions, lead-ins.

This module is about the *shape* of direct speech in Russian news text; who
the speaker is gets decided in :mod:`searchlib._speech.speakers`.

Quote marks: ``"…"``, ``«…»``, ``„…“``, ``“…”`` (and ``‹…›``), nested or not.
Straight quotes are paired by context (an opening one follows a space, a
closing one precedes a space or punctuation), which also handles the
`"Мы работаем с "Газпромом"", - сказал он` style of nesting.

A quoted stretch counts as speech only when something says so:

* an attribution after it: `«…», — отметила она.`, `"…" - сказал Песков.`,
  `«…», заявил он.`, `«…». Об этом сообщил Песков.`, `«…». Такое заявление
  сделал Лавров.`, `«…», — считают
  аналитики.` (a short quoted name inside it, `— считает аналитик «Финама»
  Алексей Коренев`, does not end it);
* an interruption inside it: `«Первое, — сказал он. — Второе»`;
* a lead-in before it: `Песков заявил: «…»`, `По словам Лаврова, «…»`,
  `По данным источника, «…»`, `Как отмечается в докладе, «…»`, `Он отметил,
  что «…»`, or a previous paragraph ending with a colon;
* a sentence of its own after a sentence ending by saying whose words it
  reports (`…, объясняет Сплидбёль. «…».`: see :func:`_sentence_before`);
* continuing a quote just attributed: `«…», — сказал он. — «…»`;
* a fragment of reported speech, the sentence's speech verb before it: at
  its clause's end (`Он назвал решение «ошибкой».`), or mid-clause in lower
  case as that verb's own object (`потребовал «срочно» пересмотреть`,
  `заявил о «двойных стандартах» в…`, `выразил «полную солидарность» с…`,
  `назвал «полным бредом» заявления…`, and four words or more right inside its
  own `что` clause: `сказал, что власти «не будут вмешиваться…» в этом деле`).

Quoted names and titles (`«Газпром»`, `«Война и мир»`) have none of these, or
are too short for a lead-in alone, and are not speech.

A paragraph is read in time linear in its length, however many quotes it
has: the clauses around them are looked up in lists made once for it
(:class:`_Clauses`), and a hostile paragraph cannot make each quote read it
all.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal, NamedTuple

import attrs

from searchlib._morph import has_common_reading, likeliest_tag
from searchlib._speech.names import PERSON_GRAMMEMES
from searchlib._text import ABBREVIATIONS

__all__ = [
    "ABOUT_PATTERN",
    "ACCORDING_NOUNS",
    "CASE_ENDING",
    "FULL_NAME_PATTERN",
    "QUOTE_MARKS_RE",
    "RELATIVE_OPENING_RE",
    "SPEECH_VERBS",
    "LeadIn",
    "QuoteMatch",
    "find_quotes",
    "governing_verb",
    "has_quote_marks",
    "literal_alternation",
    "opening_attribution",
    "paragraphs_quoted_across",
    "part_of_speech",
    "quoted_regions",
    "reported_lead_in",
    "speech_verb",
    "statement_by_several",
    "statement_made",
]

Span = tuple[int, int]


_Trie = dict[str, "_Trie"]  # a letter -> the words' rest; "" -> {}: a word ends here


def literal_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words`` (literally), written as a trie.

    `(?:глав|губернатор|…)` makes the regex engine try each word at each
    position of the text searched, with no shortcut when it ignores case:
    `г(?:лав|убернатор)` tries the shared letters once.

    >>> literal_alternation(["мэр", "мид", "министр", "мин"])
    'м(?:и(?:д|н(?:истр)?)|эр)'
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [re.escape(char) + pattern(rest) for char, rest in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) > 1:
            grouped = f"(?:{'|'.join(branches)})"
            return grouped + "?" if "" in node else grouped
        return f"(?:{branches[0]})?" if "" in node else branches[0]

    return pattern(trie)


#: A noun stem's case ending, if any, in the lists of nouns here and in the speaker rules
#: (`журнал`: `журнала`, `журналом`…): a word that only begins as one of them is another
#: word (`журналиста`, `банкира`, `командующего` are people, not `журнал`, `банк`,
#: `команда`; `принципиально` no `принцип`, `приказчик` no `приказ`, `словно` no `слово`,
#: `в текстильной отрасли` no `в тексте`).
CASE_ENDING = (
    "(?:"
    + literal_alternation(
        """
    а я у ю о е и ы ь й ом ем ой ей ою ею ов ев ам ям ами ями ах ях
    ий ия ию ие ии ием иям иями иях ье ья ьи ью
    """.split()
    )
    + ")?"
)


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
    постановил задал повторил повторял отшутился обвинил упрекнул обосновал
    предположил посчитал расценил доложил намекнул дополнил разъяснил
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
    повторяет обвиняет упрекает предлагает требует призывает просит
    допускает намекает
    """.split()
_IMPERSONAL = [
    *"говорится сообщается отмечается подчеркивается указывается".split(),
    *"говорилось сообщалось отмечалось подчеркивалось указывалось".split(),
    *"сказано отмечено указано подчеркнуто заявлено".split(),  # `», — сказано в обращении`
]
_SHORT_ADJ = {
    "уверен": "m",
    "уверена": "f",
    "уверены": "pl",
    "убежден": "m",
    "убеждена": "f",
    "убеждены": "pl",
    "согласен": "m",
    "согласна": "f",
    "согласны": "pl",
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
#: Perfective gerunds of the speech verbs (`пояснив`, `отметив`, `добавив`): `…, пояснив,
#: что в Кремле «…»` reports the sentence's subject's words (see :func:`_reported`).
_SPEECH_GERUNDS = frozenset(verb[:-1] + "в" for verb in _PAST if verb.endswith("л"))
_MATCHED = operator.itemgetter(0)  # a match's text
#: Speech verb forms (lower case, ``ё`` as ``е``) and the gender each shows: see
#: :func:`speech_verb`, which folds a word first.
SPEECH_VERBS: Mapping[str, VerbGender] = _VERBS
_WORD_RE = re.compile(r"[А-Яа-яЁёA-Za-z-]+")


def speech_verb(word: str) -> VerbGender | None:
    """The grammatical gender a speech verb form shows, or None if it is not one.

    >>> speech_verb("отметила"), speech_verb("сказал"), speech_verb("говорит")
    ('f', 'm', '?')
    """
    return _VERBS.get(word.casefold().replace("ё", "е"))


def _has_speech_verb(text: str, *, within: int = 6, span: Span | None = None) -> bool:
    """Is one of the first ``within`` words of ``text`` (or of its ``span``) a speech verb?

    Only those words are read, however long the clause.
    """
    start, end = span if span is not None else (0, len(text))
    words = itertools.islice(_WORD_RE.finditer(text, start, end), within)
    return any(map(speech_verb, map(_MATCHED, words)))


# --- Quote marks ----------------------------------------------------------------

_OPENERS = {"«": "»", "„": "“", "‹": "›"}
_QUOTE_MARKS = '"«»„“”‹›'
#: Every quote mark the parser knows.
QUOTE_MARKS_RE = re.compile(f"[{_QUOTE_MARKS}]")


def _positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order.

    What ``[m.start() for m in re.finditer(f"[{chars}]", text)]`` gives, in
    two thirds of its time or less on long paragraphs: a string search for
    each character skips straight to it, a regex's character class reads
    every character.
    """
    found = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def has_quote_marks(text: str) -> bool:
    """Does ``text`` hold a quote mark (:data:`QUOTE_MARKS_RE`)?

    Asked of every paragraph a build reads, most of which hold none: a string
    search for each mark takes half the time of the regex's search (measured
    on the 104,253-paragraph corpus).
    """
    return (
        '"' in text
        or "«" in text
        or "»" in text
        or "„" in text
        or "“" in text
        or "”" in text
        or "‹" in text
        or "›" in text
    )


_SPACE_BEFORE = set(" \t\n\r\u00a0([{«„“—–-:/")
_SPACE_AFTER = set(" \t\n\r\u00a0,.;:!?…)]}»”“-—–/")


class _Region(NamedTuple):  # (a tuple: made for every quote of every paragraph with marks)
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    depth: int
    shared_close: bool = False  # the closing mark also closes a nested quote
    shared_open: bool = False  # the opening mark also opens a nested quote


class _OpenMarks:
    """The stack of quote marks still open, with the depths of each kind of mark.

    A closing mark closes the innermost open mark it fits, and a straight
    quote asks whether one is open: looked up by kind, not by scanning the
    stack, which a hostile text of unclosed marks makes as long as itself.
    """

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []  # (expected closing mark, index)
        self._depths: dict[str, list[int]] = {}  # expected closing mark -> depths, innermost last

    def push(self, closing: str, index: int) -> None:
        self._depths.setdefault(closing, []).append(len(self.stack))
        self.stack.append((closing, index))

    def is_open(self, closing: str) -> bool:
        return bool(self._depths.get(closing))

    def close(self, expected: tuple[str, ...]) -> tuple[int, int] | None:
        """Close the innermost mark expecting one of ``expected`` (and all inside it).

        Returns its (index, depth), or None when none is open.
        """
        if len(expected) == 1:  # (most marks)
            depths = self._depths.get(expected[0])
            depth = depths[-1] if depths else None
        else:
            depth = max((d[-1] for c in expected if (d := self._depths.get(c))), default=None)
        if depth is None:
            return None
        opened = self.stack[depth][1]
        del self.stack[depth:]
        for depths in self._depths.values():
            while depths and depths[-1] >= depth:
                depths.pop()
        return opened, depth


@functools.lru_cache(maxsize=64)
def _pair_marks(text: str) -> tuple[_Region, ...]:
    """Pair quote marks into regions, innermost first; unpaired marks are ignored.

    Kept for the paragraphs read last: :func:`find_quotes` and
    :func:`quoted_regions` both pair a paragraph's marks.
    """
    marks = _OpenMarks()
    regions: list[_Region] = []
    stray: list[int] = []  # closing marks that closed nothing

    def close_to(expected: tuple[str, ...], index: int) -> None:
        closed = marks.close(expected)
        if closed is not None:
            regions.append(_Region(closed[0], index, closed[1]))
        else:
            stray.append(index)

    length = len(text)
    for i in _positions(text, _QUOTE_MARKS):  # (QUOTE_MARKS_RE's matches)
        ch = text[i]
        if ch == '"':  # (the commonest mark, asked first)
            before = i == 0 or text[i - 1] in _SPACE_BEFORE
            after = i + 1 == length or text[i + 1] in _SPACE_AFTER
            opening = (before and not after) or (before == after and not marks.is_open('"'))
            if opening and after and i + 1 < length and text[i + 1].isspace():
                continue  # `" Лидер партии…`: a stray mark, spaced on both sides, opens nothing
            if opening:
                marks.push('"', i)
            else:
                close_to(('"',), i)
        elif ch in _OPENERS:
            marks.push(_OPENERS[ch], i)
        elif ch in "»›":
            close_to((ch,), i)
        elif ch == "“":
            if marks.is_open("“"):
                close_to(("“",), i)
            else:
                marks.push("”", i)
        else:  # "”"
            close_to(("”", "“"), i)
    regions.extend(_repair_unclosed(text, marks.stack, regions))
    regions.extend(_repair_shared_open(text, stray, regions))
    return tuple(regions)


def _repair_unclosed(
    text: str,
    unclosed: list[tuple[str, int]],
    regions: list[_Region],
) -> list[_Region]:
    """`«Мы работаем с «Газпромом», — сказал он.`: the inner closing mark closes both."""
    repaired: list[_Region] = []
    if not unclosed:
        return repaired
    closing, opened = unclosed[0]
    inner = [r for r in regions if r.open > opened and text[r.close] == closing]
    clauses = _Clauses(text)
    for region in sorted(inner, key=lambda r: -r.close):
        if _attribution_after(text, region.close, clauses) is not None:
            repaired.append(_Region(opened, region.close, 0, shared_close=True))
            break
    return repaired


# Where a quote can open a clause: `«Сколково» должен…`, `По их мнению, "Школа" ставит…`.
_CLAUSE_OPENING_RE = re.compile(r"(?:^|[.!?…:,]|\s[—–-])\s*$")


def _repair_shared_open(text: str, stray: list[int], regions: list[_Region]) -> list[_Region]:
    """`«Сколково» должен стать «стреляющим» брендом», — сказал он.`: one mark opens two quotes.

    A closing mark that closed nothing, ending a sentence (a dash or comma
    attribution, or the paragraph, follows it), closes a quote opened by the
    mark of the latest short capitalised name (`«Сколково»`) before it that
    opens a clause, with no other stray mark between them.
    """
    repaired: list[_Region] = []
    if not stray:
        return repaired  # (the usual case)
    outer = sorted((r for r in regions if r.depth == 0), key=lambda r: r.open)
    opens = [r.open for r in outer]
    since = -1  # the previous stray mark
    for close in stray:
        if _SENTENCE_ENDS_AFTER_RE.match(text, close + 1):
            # (The names opened between the previous stray mark and this one: each region
            # is looked at for one stray mark at most, whatever their numbers.)
            between = outer[bisect.bisect_right(opens, since) : bisect.bisect_left(opens, close)]
            for name in reversed([r for r in between if r.close < close]):
                content = text[name.open + 1 : name.close]
                if (
                    _OPENERS.get(text[name.open], text[name.open]) == text[close]
                    and content[:1].isupper()
                    and _word_count(content) <= 4
                    and _CLAUSE_OPENING_RE.search(text[max(0, name.open - 4) : name.open])
                    and _word_count(text[name.close + 1 : close]) >= 3
                ):
                    repaired.append(_Region(name.open, close, 0, shared_open=True))
                    break
        since = close
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
# (A long dash with no space after it, then a lower-case word, too: `»,—сказал`, as some
# sites set it; and a hyphen so set after a space: `», -сказал`.)
_ATTR_DASH_RE = re.compile(rf"[,.!?…]*\s*(?:{_DASH}\s+|[—–](?=[а-яё])|(?<=\s)-(?=[а-яё]))")
# (Not a clause a conjunction opens: `чтобы «Британия не спряталась в раковину», а
# продолжила лидировать` goes on with the quote's own subject.)
_ATTR_COMMA_RE = re.compile(r",\s+(?!(?:а|но|и|или|либо|однако|зато|причем|причём)\s)")
# The next sentence as the attribution: `«…». Об этом сообщил Песков.`, `«…». Такое заявление
# сделал Лавров.`, `«…». С таким заявлением выступила Захарова.` (see _STATEMENT_MADE_RE).
_ATTR_ETOM_RE = re.compile(
    r"[.!?…]?\s+(?=Об этом\s|(?:Так(?:ое|ие|ую|ой)|Эт(?:о|и|у|от)|Соответствующ(?:ее|ие|ую|ий))"
    r" [а-яё]+ |С (?:таким|этим|такими|этими) )"
)
# `[!?…:;«"„“]`, or a dot (a dot inside a word is no end: `— цитирует infox.ru директора…`,
# `Lenta.ru`), or a comma and a dash.  Written as one character class first, then what
# each character needs: the regex engine skips straight to the candidates (half the time
# of the plain alternatives, which it tries at every position).
_CLAUSE_END_RE = re.compile(
    rf"[!?…:;«\"„“.,](?:(?<=[!?…:;«\"„“])|(?<=\.)(?!\w)|(?<=,)\s*{_DASH}\s)"
)
# After a closing mark: the paragraph's end, or a dash or comma attribution.
# (One `\s*` only before what must follow: `\s*,?\s*` read a long run of spaces in
# quadratic time.)
_SENTENCE_ENDS_AFTER_RE = re.compile(rf"\s*(?:$|,\s*{_DASH}\s|{_DASH}\s|,\s)")


# A short quoted name inside an attribution: `— считает аналитик «Финама» Алексей Коренев`,
# `— цитирует «Лента.ру» пресс-секретаря…` (a dot inside a word, as in a site's name).
_NAME_CHAR = r"(?:[^«»\"„“.!?…]|\.(?=\w))"
_QUOTED_NAME_RE = re.compile(
    rf"(?:«{_NAME_CHAR}{{1,40}}»|\"{_NAME_CHAR}{{1,40}}\"|„{_NAME_CHAR}{{1,40}}“)(?=\s+\w)"
)


_INITIAL_RE = re.compile(
    r"(?<![^\s.])[А-ЯЁ]\.(?:\s*[А-ЯЁ]\.)?\s*(?<=[\s.])([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)"
    r"(?P<end>\s*(?:[.,!?;:…»\"]|$))?"
)


_NAME_WORD_BEFORE_RE = re.compile(r"[А-ЯЁ][а-яё]+ \Z")
_NEXT_WORD_RE = re.compile(r"\s+([а-яё]+)")


def _initial_dot(text: str, at: int) -> bool:
    """Is the dot at ``at`` an initial's, a surname after it (`С. Сквярнялис`, `В.В. Путин`,
    `В. В. Путин`), rather than a sentence's end after a one-letter word (`матча группы С.
    Нападающий …`: an ordinary word follows)?  A dictionary word ending the clause is a
    surname there (`— заявил Ю. Чайка.`)."""
    initial = _INITIAL_RE.match(text, at - 1) if at >= 1 else None
    if initial is None:
        return False
    if initial.group("end") is None and _NAME_WORD_BEFORE_RE.search(text, max(0, at - 40), at - 1):
        # A name's last letter, then a sentence whose subject is a name (`— сказал Ван И.
        # Лавров согласился`); a middle initial goes on with its name (`— сказал Джордж Х.
        # Буш на встрече`).
        after = _NEXT_WORD_RE.match(text, initial.end(1))
        if after is not None and likeliest_tag(after.group(1).lower()).POS == "VERB":
            return False
    word = initial.group(1).lower()
    return (
        bool(PERSON_GRAMMEMES & likeliest_tag(word).grammemes)
        or not has_common_reading(word)
        or initial.group("end") is not None
    )


def _abbreviation_dot(text: str, at: int) -> bool:
    """Is the dot at ``at`` an abbreviation's inside a clause, a word in lower case after
    it (`— заявил в феврале 2016 г. глава МИД Эльмар Мамедьяров`, `— сказал зам. министра`)?"""
    if text[at : at + 1] != ".":
        return False
    word = _WORD_BEFORE_RE.search(text, max(0, at - 8), at)
    return (
        word is not None
        and word.group().islower()
        and word.group() in ABBREVIATIONS
        and _NEXT_WORD_RE.match(text, at + 1) is not None
    )


def _attribution_after(
    text: str, close: int, clauses: _Clauses, *, any_verb: bool = True
) -> Span | None:
    """Span of the attribution clause after the closing mark at ``close``, if there is one.

    ``any_verb``: after `», —`, a verb of no list says who spoke too (see
    :func:`_opens_with_verb`); for speech of a few words only listed verbs do
    (`«святыня», — они звучат`, `«Маленький домик в прерии», — который…`).
    """
    pos = close + 1
    for pattern, within in ((_ATTR_DASH_RE, 6), (_ATTR_ETOM_RE, 4), (_ATTR_COMMA_RE, 2)):
        match = pattern.match(text, pos)
        if not match:
            continue
        start, end = match.end(), clauses.clause_end(match.end())
        for _ in range(3):  # `— сказал С. Сквярнялис`, `В. В. Путин`: the name goes on
            if _initial_dot(text, end):
                end = clauses.clause_end(end + 1)
            elif _abbreviation_dot(text, end):
                # (Not into a clause of its own: `— сказал тренер в 2018 г. капитан
                # команды Игорь Акинфеев с ним согласился.`)
                further = clauses.clause_end(end + 1)
                comma = text.find(",", end + 1, further)
                if any(
                    part_of_speech(w.lower()) == "VERB"
                    for w in _WORD_RE.findall(text, end + 1, further if comma < 0 else comma)
                ):
                    break
                end = further
            else:
                break
        if RELATIVE_OPENING_RE.match(text, start):
            return None  # `"…?" - на который Балмер ответил, что…`: said to him, not by him
        if pattern is _ATTR_ETOM_RE and not text.startswith("Об этом", start):
            # `«…». Такое заявление сделал Лавров.`; not after a word or two (`после
            # "развода". Такое мнение высказала Мэй`: her word in the opinion told, no speech)
            if any_verb and end > start and statement_made(text, start) is not None:
                return start, end
            continue
        if pattern is _ATTR_ETOM_RE:
            within += 2
        if end > start and _has_speech_verb(text, within=within, span=(start, end)):
            return start, end
        if pattern is _ATTR_DASH_RE and end > start and statement_made(text, start) is not None:
            return start, end  # `», — такое заявление сделал Белоусов`
        if (
            any_verb
            and pattern is _ATTR_DASH_RE
            and end > start
            and (
                _SPEECH_PUNCTUATION_RE.match(text, pos)
                or text[close - 1 : close] in ("!", "?", "…")  # (`…скотч!» - поведала`)
            )
            and _opens_with_verb(text, (start, end))
        ):
            return start, end  # `», — рассудила Милова`: a verb of no list
    return None


# Fewer words in a sentence's middle, whoever it closes with, are as often a term or an
# epithet as anyone's words (`"умный" скафандр`, `"черных ящиков"`, `"красной планеты"`:
# 3,521 real news articles).
_CLOSING_FRAGMENT_WORDS = 3
# A document, a sign or an official finding, before a quote: its wording (`Закон запрещает
# «…»`, `Постановление предусматривает «…»`, `На двери висит «…»`, `признана «…»`).
# (Nouns by their stems, read as nouns only: `договорились`, `законно`, `указывает` are not.)
_DOCUMENT_NOUN_RE = re.compile(
    r"(?:закон|законопроект|постановлени|указ|приказ|распоряжени|документ|договор"
    r"|договоренност|соглашени|резолюци|кодекс|устав|регламент|протокол|приговор|вывеск"
    r"|табличк|объявлени|плакат|законодательств|документаци|указани|приказани)"
    rf"{CASE_ENDING}$"
)
_DOCUMENT_VERB_RE = re.compile(r"(?:признан|объявлен|квалифицир|вис[иея]т|глас[ия]т|написан)")
# Words said or claimed, before a quote: whose they are, the sentence tells before it (nouns
# only: not `словно`).
_WORDS_NOUN_RE = re.compile(
    r"(?:слов|словечк|словосочетани|заявлени|обещани|утверждени|высказывани|обвинени)"
    rf"{CASE_ENDING}$"
)
# The rest of a sentence after a quote, with no other quote in it, to its end (not the dot
# of an initial: `, заявил В. Путин.`).
_SENTENCE_REST_RE = re.compile(
    rf"(?:[^.!?…{_QUOTE_MARKS}\n]|(?<=[\s.][А-ЯЁA-Z])\.){{1,240}}?"
    r"(?<![\s.][А-ЯЁA-Z])[.!?…](?=\s|$)"
)
# The clause a sentence closes with, after its last comma: a verb first and up to seven
# words after it (`, заявил Сергей Иванов.`, `, сообщил он журналистам.`, `, заверила министр
# сельского хозяйства Оксана Лут.`, `, заявил вице-премьер Александр Новак.`).
_CLOSING_CLAUSE_RE = re.compile(r",\s+([а-яё]+)(?:\s+(?!-\s)[^\s,;:()—–]+){1,7}[.!?…]$")
# Such a clause before a comma and the word after it, that word a gerund's opening the rest
# of the sentence (`, отметила Натали Нугеред, обратив внимание, что…`).
_GERUND_TAIL_CLAUSE_RE = re.compile(
    r",\s+([а-яё]+)(?:\s+(?!-\s)[^\s,;:()—–]+){1,7}(?=,\s+([а-яё]+)\b)"
)


#: What may stand right before a quote that is its sentence's predicate: a verb, a short
#: adjective or participle, an adverb or comparative, a predicative, a particle (`не`).
_BEFORE_PREDICATE = frozenset({"VERB", "PRTS", "ADJS", "ADVB", "COMP", "PRED", "PRCL"})
_DASH_BEFORE_RE = re.compile(rf"(?:^|\s){_DASH}\s*$")
_PUNCTUATION_BEFORE_RE = re.compile(r"(?:^|[,;(])\s*$")


def _paragraph_word_starts(paragraph: str | None) -> frozenset[str]:
    """The first four letters of each word of a paragraph that holds a quote mark (none for
    another, or none at all): what :func:`_closing_attribution` asks of the paragraph
    before, made once per paragraph (a paragraph of thousands of fragments asks it of
    each)."""
    if paragraph is None or not any(mark in paragraph for mark in _QUOTE_MARKS):
        return frozenset()
    return frozenset(word[:4] for word in _WORD_RE.findall(paragraph.lower()))


def _predicate_position(text: str, open_: int, close: int) -> bool:
    """Is the quote from ``open_`` to ``close`` its sentence's predicate, what someone says
    of something (`Костенко - «никакой не сторонник» Навального`, `остается «сложной, но
    управляемой»`), or a clause of its own after a comma, a semicolon, a bracket or at the
    text's start (`С точки зрения США, «отмена санкций послала бы неверный сигнал»`)?
    Not a phrase a noun or modifier before it names or quotes (`Идея «четырехдневной
    рабочей недели»`, `в стиле «один день из жизни…»`, `Вчерашнее «полное прекращение
    огня»`, `Объявления «сдам квартиру…»`): those are terms, titles and others' words,
    whoever the sentence closes with (an independent review's probes: 13 wrong names
    without this)."""
    before = text[max(0, open_ - 30) : open_]
    if _DASH_BEFORE_RE.search(before):
        return True
    if _PUNCTUATION_BEFORE_RE.search(before):
        return any(
            part_of_speech(w.lower()) == "VERB" for w in _WORD_RE.findall(text, open_, close)
        )
    word = _WORD_BEFORE_MARK_RE.search(before)
    return word is not None and part_of_speech(word.group(1)) in _BEFORE_PREDICATE


def _closing_attribution(
    text: str, open_: int, close: int, clauses: _Clauses, said_before: frozenset[str]
) -> Span | None:
    """The attribution the sentence of the quote from ``open_`` to ``close`` ends with, when
    a speech verb opens its last clause and no other quote stands between (`Решение было
    «безрассудным» по своей сути, заявил Иванов.`); else None.

    Not where the sentence before the quote may say whose the words are: a speech or
    naming verb (`Путин назвал ситуацию «напряженной» в регионе, сообщил Песков.`, whose
    words Песков passes on), a noun of words said or a name's (`Слова Байдена о том, что
    Путин «…»`, `Надпись «…»`), or a capitalised word after its first (`Обещание Дональда
    Трампа «…»`): those are as often the words of someone the sentence names first.  Nor
    a document's, a sign's or a finding's wording (`Закон запрещает «…»`, `висит «…»`,
    `признана «…»`), words after a colon, or words the paragraph before holds, where that
    one has a quote (``said_before``: see :func:`_paragraph_word_starts`).
    """
    # (The closing clause first: most fragments have none, and it costs no morphology.)
    rest = _SENTENCE_REST_RE.match(text, close + 1)
    if rest is None:
        return None
    comma = text.rfind(",", close + 1, rest.end())
    clause = _CLOSING_CLAUSE_RE.match(text, comma, rest.end()) if comma >= 0 else None
    if clause is not None and clause.end() == rest.end() and speech_verb(clause.group(1)):
        said_end = rest.end() - 1
    else:
        clause = _before_gerund_clause(text, close + 1, rest.end())
        if clause is None or not speech_verb(clause.group(1)):
            return None
        said_end = clause.end()
    if _PASSED_ON_RE.match(clause.group(1)) or not _predicate_position(text, open_, close):
        return None  # (`…, пишет газета.`: its words or a term)
    content = _WORD_RE.findall(text, open_ + 1, close)
    if said_before and all(word[:4].lower() in said_before for word in content):
        # The paragraph before, one with a quote, has these words (by their beginnings:
        # `прозвали «танком из Тамбова»`, then `он действительно «танк из Тамбова»`): a
        # phrase set up there, a nickname or another's words repeated, as often as not.
        return None
    end = _stripped_end(text, open_)
    start = clauses.sentence_start(end) if end else 0
    if ":" in text[start:end]:
        return None  # `Глава региона был настроен решительно: школу построят «…»`: his
    for k, token in enumerate(_WORD_RE.findall(text, start, end)):
        folded = token.casefold().replace("ё", "е")
        if folded in _VERBS or _GOVERNING_RE.match(token):
            return None  # (the sentence's own speech verb: its subject's words, passed on)
        if _DOCUMENT_VERB_RE.match(folded) or (
            (
                _WORDS_NOUN_RE.match(folded)
                or _NAMING_NOUN_RE.match(folded)
                or _DOCUMENT_NOUN_RE.match(folded)
            )
            and part_of_speech(folded) == "NOUN"
        ):
            # `Слова Байдена о том, что Путин «…»`, `Надпись «…»`: whose, told; `Закон
            # запрещает «…»`, `Ситуация признана «…»`: a document's wording
            return None
        if k and token[:1].isupper() and not token.isupper():
            # `Обещание Дональда Трампа «…»`: as often the words of one named (or of an
            # organisation or a country: `Планы Минфина были «…»`, `Apple представила «…»`)
            return None
    return clause.start(1), said_end


def _before_gerund_clause(text: str, start: int, end: int) -> re.Match[str] | None:
    """The speech verb's clause (as :data:`_CLOSING_CLAUSE_RE` matches one) that a gerund's
    clause follows to the sentence's ``end`` (`…, отметила Натали Нугеред, обратив
    внимание, что…`, `…, заявил он, добавив, что…`), searched from ``start``; else None."""
    for found in _GERUND_TAIL_CLAUSE_RE.finditer(text, start, end):
        if part_of_speech(found.group(2).casefold()) == "GRND":
            return found
    return None


def opening_attribution(paragraph: str) -> Span | None:
    """The attribution a paragraph opens with, for a quote that ends the paragraph before
    with none: `Об этом сообщил Песков.`, `Такое мнение высказал Лавров.`, `С таким
    заявлением выступила Захарова.` (what the sentence after a quote says in one
    paragraph, :data:`_ATTR_ETOM_RE`, with a speech verb or the statement's); else None.

    >>> paragraph = "Об этом заявил политолог Иван Петров."
    >>> start, end = opening_attribution(paragraph)
    >>> paragraph[start:end]
    'Об этом заявил политолог Иван Петров'
    """
    if not _ATTR_ETOM_RE.match(" " + paragraph[:40]):
        return None  # (most paragraphs: found fast)
    # Read as the sentence after a quote is: `». ` before it, the offsets moved back.
    shifted = ". " + paragraph
    span = _attribution_after(shifted, 0, _Clauses(shifted))
    return None if span is None else (span[0] - 2, span[1] - 2)


#: An attribution of an agency or paper passing words on (`, передает ТАСС`, `, пишет РБК`).
_PASSED_ON_RE = re.compile(
    r"(?:переда(?:[её]т|ют)|сообща(?:ет|ют)|пиш(?:ет|ут)|цитиру(?:ет|ют)|информиру(?:ет|ют))"
    r"(?![а-яё])",
    re.IGNORECASE,
)
#: A relative word opening a clause, with its preposition (`который`, `на которую`, `чьи`):
#: after a quote's dash (`— на который он ответил`, `— которые он назвал`) the clause is
#: about the quote, not its attribution; in a lead-in (`Лавров, который заявил:`) it is
#: about the noun before its comma.  (The one pattern for both: `speakers` reads it too,
#: and group 1, the ending of `котор-`; none for `чей`.)
RELATIVE_OPENING_RE = re.compile(
    r"\s*(?:(?:в\s+ответ\s+на|в|во|на|о|об|обо|про|с|со|к|ко|по|у|от|для|за|при|из|до"
    r"|перед|между|после|через|под|над|без|среди|в\s+ходе|во\s+время|в\s+рамках)\s+)?"
    r"(?:котор(ый|ая|ое|ые|ыя|ого|аго|ой|ому|ую|ым|ом|ых|ыми|ою)"
    r"|чь(?:я|е|ё|и|его|ей|их|им|ими|ю)|чей)"
    r"(?![а-яё-])",
    re.IGNORECASE,
)


#: An attribution that names the statement rather than a speech verb, its subject after it:
#: `— такое заявление сделал Белоусов`, `— с таким заявлением выступила Захарова`.  (Not
#: `— такими словами …`: its object may come first, `— такими словами поздравил Лаврова
#: Шойгу`, or its name be no speaker, `— такими словами Захарова была описана`, or there
#: be no speech at all, `— этими словами начинается роман`; it counts only with a speech
#: verb after it.)
# (Not `подобное`, `аналогичное`: a like statement is another's, `Подобное заявление ранее
# сделал и Блинкен`.)
_STATEMENT_WHICH = r"(?:так(?:ое|ие|ую|ой)|эт(?:о|и|у|от)|соответствующ(?:ее|ие|ую|ий))"
_STATEMENT_NOUN = (
    r"(?:заявлени[ея]|мнение|слова|признание|предупреждение|обещание|оценку|прогноз|вопрос"
    r"|комментарий)"
)
_STATEMENT_MADE_RE = re.compile(
    rf"{_STATEMENT_WHICH} {_STATEMENT_NOUN}"
    # (up to four words between: `в понедельник`, `в беседе с RT`, a pronoun subject; up to
    # three in `С таким заявлением в ответ выступил`)
    r"(?:\s+[^\s.!?…«»\"]+){0,4}?"
    r" (?P<verb>(?:сделал|высказал|озвучил|дал|задал|выразил|изложил)[аи]?"
    r"|произн[её]с(?:л[аи])?)\b"
    r"|с (?:таким|этим|такими|этими) (?:заявлением|словами|призывом|предупреждением"
    r"|обращением)(?:\s+[^\s.!?…«»\"]+){0,3}? (?P<joined>выступил[аи]?|обратил(?:ся|ась|ись))\b",
    re.IGNORECASE,
)
#: `… сделал и Медведев`, `… сделал также Медведев`: someone else said the like before.
_ALSO_RE = re.compile(r"\s+(?:и|также|тоже)(?![а-яё])", re.IGNORECASE)


def statement_by_several(text: str, start: int) -> bool:
    """Does an attribution naming the statement open at ``start`` with a plural verb
    (`Такое заявление сделали Лавров и его турецкий коллега`)?"""
    made = _STATEMENT_MADE_RE.match(text, start)
    if made is None:
        return False
    verb: str = made.group("verb") or made.group("joined")
    return verb.lower().endswith(("ли", "лись"))


def statement_made(text: str, start: int) -> int | None:
    """Where the verb of an attribution naming the statement ends (`такое заявление сделал`,
    see _STATEMENT_MADE_RE), if one opens at ``start`` and its subject is the speaker; else
    None (not `Подобное заявление ранее сделал и Блинкен`)."""
    made = _STATEMENT_MADE_RE.match(text, start)
    if made is None or _ALSO_RE.match(text, made.end()):
        return None
    return made.end()


#: What direct speech puts between its closing mark and the dash (`», —`, `?» —`).
_SPEECH_PUNCTUATION_RE = re.compile(r"[,!?…]")


def _opens_with_verb(text: str, span: Span) -> bool:
    """Does a verb in the past or present tense (:func:`_finite_verb`) open ``text[span]``, after
    pronouns, particles and adverbs only (`— чуть не плакала Анна`, `— она улыбнулась`)?

    After `», —` such a verb says who spoke, listed or not (`рассудила`,
    `вздохнул`, `ушла она от ответа`), as the speech verbs do.
    """
    for word in itertools.islice(_WORD_RE.finditer(text, *span), 3):
        folded = word.group().casefold()
        if _finite_verb(folded):
            return True
        if part_of_speech(folded) not in ("NPRO", "PRCL", "ADVB"):
            return False  # (`который`, a noun: no verb opens the clause)
    return False


def _finite_verb(word: str) -> bool:
    """Is a lower-case ``word`` most likely a verb in the past tense or the present's third
    person (`рассудила`, `усмехается`; not the future's `скажет`)?"""
    tag = likeliest_tag(word)
    return bool(
        tag.POS == "VERB"
        and (tag.tense == "past" or (tag.tense == "pres" and tag.person == "3per"))
    )


# (A dash with no space before it, `…,- сказал адвокат. - …`, or after a long one, as some
# sites set them; a quoted name inside the attribution: `- говорит директор "ХКФ-банка"
# Денис Власов, -`.  The attribution is at most 160 pieces, a character or a quoted name
# each: about 160 characters.)
_INTERRUPTION_RE = re.compile(
    rf"(?<=[,.!?…])\s*(?:{_DASH}\s+|[—–](?=[а-яё]))"
    r"(?P<attr>(?:[^—–«»\"„“]|«[^—–«»]{1,40}»|\"[^—–\"]{1,40}\"){2,160}?)"
    rf"[,.:]\s*(?:{_DASH}\s+|[—–](?=[А-ЯЁа-яё]))"
)


def _interruptions(text: str, start: int, end: int) -> list[tuple[Span, Span]]:
    """(gap, attribution) pairs inside the quoted text ``text[start:end]``."""
    found = []
    for match in _INTERRUPTION_RE.finditer(text, start, end):
        attr = match.span("attr")
        if _inside_inner_quote(text, start, match.start()):
            continue  # (`«Отличный ответ: «…, – сказал Лавров, – …». …», – написал Пушков`)
        if _has_speech_verb(text, within=6, span=attr) or _opens_with_verb(text, attr):
            found.append((match.span(), attr))
    return found


def _inside_inner_quote(text: str, start: int, at: int) -> bool:
    """Is ``at`` inside a quote within the quote whose text starts at ``start``: more `«`
    than `»` between them?  An interruption there is the inner quote's (someone quoted
    quoting another), not the outer one's."""
    if "«" not in text[start:at]:
        return False
    return text.count("«", start, at) > text.count("»", start, at)


@attrs.frozen
class LeadIn:
    """Text before a quote that introduces its speaker.

    ``reported``: a quoted fragment inside reported speech, the sentence's
    speech verb before it (`Он назвал решение «безрассудным»`, `пообещал
    «жёстко ответить»`).
    """

    kind: Literal["colon", "according", "that", "previous-paragraph", "sentence-before", "reported"]
    span: Span  # the lead-in clause, in the paragraph (for "previous-paragraph": in that one)


_TERMINATORS = ".!?…"


#: What may close a sentence after its end mark: quote marks and brackets.
_CLOSERS_RE = re.compile('[»"“”’)\\]]*')


def _closed(text: str, at: int) -> int:
    """Where the closing marks after the mark at ``at`` end (``at + 1`` if none follow)."""
    closers = _CLOSERS_RE.match(text, at + 1)
    return closers.end() if closers else at + 1


def _next_sentence(text: str, at: int) -> int:
    """Where the sentence after the mark at ``at`` (one of ``.!?…``) starts, past its closing
    marks and the whitespace after them; -1 where the mark ends no sentence.

    A mark ends one only with whitespace after it (closing quote marks and
    brackets between allowed: `«Кто ответит?» Затем…`): not a mark inside a
    name or number (`Яндекс.Такси`, `Lenta.ru`, `1.5`), after an initial or an
    abbreviation (`В.Путин`, `В. Путин`, `т. н.`, `2020 г.`), nor one that ends
    the text.  (A space left out, `Иванов.Министр`, joins two sentences: rarer
    in news than names with dots.)

    >>> [_next_sentence(t, t.index(".")) for t in ("Он ушёл. Я", "В.Путин", "Он ушёл.")]
    [9, -1, -1]
    """
    after = _closed(text, at)
    if not text[after : after + 1].isspace():
        return -1
    if text[at] == "." and after == at + 1:
        word = _WORD_BEFORE_RE.search(text, max(0, at - 8), at)
        if word is not None and (len(word.group()) == 1 or word.group().lower() in ABBREVIATIONS):
            return -1  # an initial or an abbreviation: `В. Путин`, `т. н.`, `2020 г.`
    return _spaces_end(text, after)


_WORD_BEFORE_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,7}$")


def _last_sentence_start(text: str) -> int:
    r"""Where the last sentence of ``text`` starts: after its last sentence end
    (:func:`_next_sentence`) and the whitespace after it, or its last line break.

    The mark that ends ``text`` itself ends the last sentence, not one before
    it.  A line break right after a sentence end (whitespace between them
    allowed) starts the sentence after the whitespace that follows it.
    """
    return _Clauses(text)._sentence_start(len(text))  # (the rules live there, cached)


def _stripped_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, reading back over the whitespace only."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# The clauses around a quote, the sentence before it (for a lead-in) and the attribution
# after it, are read whole when short, and longer ones while the paragraph's budget lasts.
# A sentence runs back to the last mark that ends one (see _next_sentence), which can be far
# in a long paragraph of dialogue.  A hostile paragraph of thousands of quotes in one
# endless sentence must not read it all for each quote: past the budget, each reads
# _SHORT_CLAUSE.
_SHORT_CLAUSE = 250  # characters: any clause is read this far
_LONG_CLAUSES = 1_000_000  # characters of longer clauses a paragraph reads in all

_BREAKS = ".!?…\n"  # sentence ends and line breaks
_SPACE_RE = re.compile(r"\s")
_SPACES_RE = re.compile(r"\s+")


def _spaces_end(text: str, pos: int) -> int:
    """Where the whitespace at ``pos`` (if any) ends."""
    spaces = _SPACES_RE.match(text, pos)
    return spaces.end() if spaces else pos


class _Clauses:
    """Where the clauses around one paragraph's quotes start and end, found for all at once.

    The candidate clause ends (as far into the paragraph as a clause asks) and
    sentence ends are listed once and looked up by bisection; a chain of short
    quoted names that clauses run past is followed once.  Searched afresh for
    each quote, a paragraph of many quotes would be read to its start or end
    for each.  A clause asked for twice (the lead-in and the reported speech
    of one quote) is the same both times.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._left = _LONG_CLAUSES
        self._marks: list[int] = []  # where _CLAUSE_END_RE matches, as far as listed yet
        self._more_marks: Iterator[re.Match[str]] | None = None  # the rest, from the first use
        self._all_marks = False  # listed to the paragraph's end
        self._breaks: list[int] | None = None  # sentence ends and line breaks, on first use
        self._through: dict[int, int] = {}  # a clause end mark -> where a clause reaching it ends
        self._sentences: dict[int, int] = {}  # a sentence end -> where the next sentence starts
        self._ends: dict[int, int] = {}  # a clause's start -> its end, as read
        self._starts: dict[int, int] = {}  # a sentence's end -> its start, as read

    def _afford(self, length: int) -> bool:
        """Can a clause this long be read whole (taking it from the budget)?"""
        if length <= _SHORT_CLAUSE:
            return True
        if length > self._left:
            return False
        self._left -= length
        return True

    def clause_end(self, start: int) -> int:
        """Where the clause from ``start`` ends: a sentence end, a colon, a dash-continuation.

        A short quoted name inside it (`аналитик «Финама» Алексей Коренев`)
        does not end it.
        """
        end = self._ends.get(start)
        if end is None:
            end = self._chain_end(start)
            if not self._afford(end - start):
                end = start + _SHORT_CLAUSE
            self._ends[start] = end
        return end

    def _mark_from(self, position: int) -> int:
        """The index in ``_marks`` of the first mark at or after ``position`` (its length if
        none), the marks listed that far first."""
        marks = self._marks
        if not self._all_marks and (not marks or marks[-1] < position):
            if self._more_marks is None:
                self._more_marks = _CLAUSE_END_RE.finditer(self._text)
            for mark in self._more_marks:
                marks.append(mark.start())
                if marks[-1] >= position:
                    break
            else:
                self._all_marks = True
        return bisect.bisect_left(marks, position)

    def _chain_end(self, start: int) -> int:
        text = self._text
        marks, passed = self._marks, []  # (passed: the short quoted names run past)
        at = self._mark_from(start)
        end = len(text)
        while at < len(marks):
            mark = marks[at]
            known = self._through.get(mark)
            if known is not None:
                end = known
                break
            name = _QUOTED_NAME_RE.match(text, mark)
            if name is None or _word_count(name.group()) > 4:
                end = mark
                break
            passed.append(mark)
            at = self._mark_from(name.end())  # (past ``mark``, where the name starts)
        for mark in passed:
            self._through[mark] = end
        return end

    def sentence_start(self, end: int) -> int:
        """Where the sentence ending at ``end`` (after a non-space) starts.

        :func:`_last_sentence_start` of ``text[:end]``, unless too long to read.
        """
        start = self._starts.get(end)
        if start is None:
            start = self._sentence_start(end)
            if not self._afford(end - start):
                start = end - _SHORT_CLAUSE
                if not self._text[start - 1].isspace():  # (not from the middle of a word)
                    space = _SPACE_RE.search(self._text, start, end)
                    start = _spaces_end(self._text, space.start()) if space else start
            self._starts[end] = start
        return start

    def _sentence_start(self, end: int) -> int:
        text = self._text
        if self._breaks is None:
            self._breaks = _positions(text, _BREAKS)
        breaks = self._breaks
        at = bisect.bisect_left(breaks, end) - 1
        # (A mark ending ``text[:end]``, its closing marks after it, ends this sentence.)
        while at >= 0 and text[breaks[at]] != "\n" and _closed(text, breaks[at]) >= end:
            at -= 1
        return 0 if at < 0 else self._start_after(at)

    def _start_after(self, at: int) -> int:
        """Where the sentence after break ``_breaks[at]`` starts (as :func:`_last_sentence_start`
        says: marks that end no sentence are passed over, each once for the paragraph)."""
        assert self._breaks is not None
        text, breaks, known = self._text, self._breaks, self._sentences
        passed = []  # (marks that end no sentence: theirs is the start found further back)
        start = 0
        while at >= 0:
            last = breaks[at]
            found = known.get(last)
            if found is not None:
                start = found
                break
            if text[last] == "\n":
                before = _stripped_end(text, last)
                ended = before > 0 and text[before - 1] in _TERMINATORS
                start = known[last] = _spaces_end(text, last + 1) if ended else last + 1
                break
            start = _next_sentence(text, last)
            if start >= 0:
                known[last] = start
                break
            start = 0
            passed.append(last)
            at -= 1
        for last in passed:
            known[last] = start
        return start


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


# `слухи о том, что`, `данные СМИ о том, что`: what others claim, not the reported words
# of the sentence's speech verb (`Песков прокомментировал слухи о том, что «Путин
# болен»`: not Песков's; `Лавров заявил о том, что «…»` is his).
_CLAIMS_ABOUT_THAT_RE = re.compile(
    r"(?<![а-яё])(?:слух|сообщени|данн|информаци|заявлени|утверждени|публикаци|сведени"
    r"|верси|обвинени|домысл|спекуляци|материал|стать|новост|фейк|вброс|мнени|оценк)"
    r"[а-яё]*(?:\s+[а-яёА-ЯЁA-Za-z-]+){0,2}\s+о\s+том,?\s*что$",
    re.IGNORECASE,
)


def _lead_in(text: str, open_: int, clauses: _Clauses) -> LeadIn | None:
    end = _stripped_end(text, open_)
    if end == 0:
        return None
    clause_start = clauses.sentence_start(end)
    if text[end - 1] == ":":
        return LeadIn("colon", (clause_start, end - 1))
    if text[end - 1] == "," and _ACCORDING_RE.search(" " + text[clause_start:end]):
        return LeadIn("according", (clause_start, end - 1))
    if (
        text.endswith("что", 0, end)
        and not _CLAIMS_ABOUT_THAT_RE.search(text, max(0, end - 60), end)
        and _has_speech_verb(text, within=12, span=(clause_start, end))
    ):
        return LeadIn("that", (clause_start, end))
    return None


# Nouns that a quoted name or title follows: `проект «Сколково»`, `газета «Труд»`.
_TITLE_NOUNS = """
    проект фонд компани корпораци холдинг банк газет журнал издани агентств телеканал
    радиостанци сайт портал фильм сериал книг роман песн альбом спектакл балет опер
    программ передач форум саммит конкурс фестивал акци операци парти движени организаци
    объединени клуб центр театр групп команд закон стать статье премия преми
    бренд марк формат серия цикл рубрик заголовк лозунг девиз
    названи имя имени слоган кампани мероприяти выставк доктрин стратеги концепци реестр
    список списк статус категори звани титул понят термин выражени хэштег тег
    группировк романс оперетт оперетк терминал
    """.split()
# (A noun may have a prefix, `телепроект`, `госпрограмма`, and no other letters before it;
# after it only a case ending, see CASE_ENDING.)
_TITLE_NOUNS_RE = re.compile(
    r"(?:теле|кино|радио|гос|медиа|нефте|агро|авиа|авто|энерго|строй|евро|видео|фото|веб-"
    r"|интернет-|мега|мини|спец|суб)?"
    rf"(?:{literal_alternation(_TITLE_NOUNS)}){CASE_ENDING}$"
)
# (With `ИА`, an information agency's: `слова которого приводит ИА «О чем говорит
# Смоленск»`.)
_COMPANY_FORMS = frozenset("ОАО ЗАО ООО ПАО АО ГУП МУП ФГУП АНО ИА".split())
_SURNAME_END_RE = re.compile(r"(?:ов|ев|ёв|ин|ын|ян|енко|ич|ук|юк|ский|цкий)$")


def _title_noun(word: str) -> bool:
    """Is ``word`` a noun that names things (`проект`, `телепроект`, `ОАО`, `арт-группа`)?

    The whole word, not a part of it: `Баовян` is no `АО` (the company forms are
    whole words in capitals), `Романов` no `роман`; of a hyphenated one, its last part
    (`арт-группы`, `рок-группа`, `бизнес-центр`).
    """
    if word in _COMPANY_FORMS:
        return True
    folded = word.casefold().replace("ё", "е")  # (`статьёй`)
    if word[:1].isupper() and _SURNAME_END_RE.search(folded):
        return False
    if _TITLE_NOUNS_RE.match(folded):
        return True
    return "-" in folded and bool(_TITLE_NOUNS_RE.match(folded.rsplit("-", 1)[1]))


def _according_re(nouns: str) -> re.Pattern[str]:
    """`по словам`, `по его мнению`… for ``nouns``, searched for in " " + a clause (a
    space before `по`, written with the letters first: the regex engine skips straight to
    them)."""
    return re.compile(rf"[пП](?<=\s.)[оО] (?:его |ее |её |их )?(?:{nouns})[\s,]", re.IGNORECASE)


_ACCORDING_WORDS_RE = _according_re(ACCORDING_NOUNS)
# `по словам`, `по мнению`…: a person's words (not `по данным`, `по информации`).
_ACCORDING_TO_PERSON_RE = _according_re(
    "словам|мнению|оценке|оценкам|прогнозу|заявлению|утверждению|признанию|заверению|убеждению"
)
# Verbs whose object a quoted fragment can be without `что`: `назвал встречу «хорошей»`,
# `призвал ООН «ответить…»`, `пообещал «жёстко ответить»`.
_GOVERNING_RE = re.compile(
    r"^(?:назва|называ|охарактеризова|призва|призыва|потребова|требова|пообеща|обеща|предложи"
    r"|предлага|вырази|пригрози|пожела|посоветова|поручи|попроси|заяви|сказа|подчеркну"
    r"|отмети|признал)\w*(?:л|ла|ло|ли|т)$",  # (verb forms, not `требование`)
    re.IGNORECASE,
)


#: Verbs of naming: the fragment right after them is what a thing is called (`Марс называют
#: «красной планетой»`, `его назвали «…»`); not one person's verdict in the past singular
#: (`Медведев назвал «полным бредом» заявления…`).
_NAMING_VERB_RE = re.compile(r"^(?:называ|назва(?!ла?$)|охарактеризова(?!ла?$))", re.IGNORECASE)
#: Verbs of proposing: the fragment right after them names a measure (`предложил «налоговые
#: каникулы» для…`) unless it opens with an infinitive (`предложил «лишать гражданства» тех…`).
_PROPOSING_VERB_RE = re.compile(r"^(?:предлож|предлага)", re.IGNORECASE)


def governing_verb(word: str) -> bool:
    """Is ``word`` a verb form whose object may be a quoted fragment of speech (`назвал
    решение «безрассудным»`, `пообещал «жёстко ответить»`)?"""
    return _GOVERNING_RE.match(word) is not None


# (with a noun that makes the fragment a name or a model: `по образцу «года Арктики»`)
_PREPOSITIONS_PATTERN = (
    r"(?:в|во|на|о|об|для|от|с|со|к|по|при|из|за|под)"
    r"(?:\s+(?:рамках|ходе|составе|пределах|качестве|формате|адрес|честь"
    r"|образцу|примеру|подобию|типу|мотивам|названием|духе|стиле))?"
)
_PREPOSITION_BEFORE_RE = re.compile(rf"(?:^|\s)(\w+)\s+{_PREPOSITIONS_PATTERN}\s*$")
# `встречи в «нормандском формате», Карасин отметил`: an object of the preposition, whatever
# the comma after it leads to.
_AFTER_PREPOSITION_RE = re.compile(rf"(?:^|\s){_PREPOSITIONS_PATTERN}\s*$", re.IGNORECASE)
# `Об этом, как сообщает «Интерфакс», Путин заявил`: the quoted name is the source.
_AS_SAYS_RE = re.compile(r"(?:^|\s)как\s+(\w+)\s*$", re.IGNORECASE)
# After a quoted fragment of reported speech the clause ends, or another fragment follows.
_FRAGMENT_END_RE = re.compile(r"\s*(?:[.,;:!?…)]|$|и\s+[«\"„])")
# Between two quoted names of a list: `«Газпром», «Лукойл»`, `«Газпром» и «Лукойл»`.
_LIST_GAP_RE = re.compile(r"\s*(?:,|,?\s+(?:и|или))\s*")
# What ends a sentence right after a quote (`По словам Лаврова, «Европа едина».`).
_SENTENCE_END_AFTER_RE = re.compile(r"\s*(?:[.!?…]|$)")
# A lead-in that is its sentence's `по словам X` alone: nothing before it, no comma in
# it (not `в Госдуму, по мнению X, пройдут «…», КПРФ, «Новые люди».`, a list's last name).
_OPENING_ACCORDING_RE = re.compile(
    rf"\s*(?:(?:А|И|Но|Однако)\s+)?[Пп]о (?:его |ее |её |их )?(?:{ACCORDING_NOUNS})\b[^,]*"
)
# Or a second verb of the same subject: `назвал решение «ошибкой» и потребовал…`.
_AND_VERB_RE = re.compile(r"\s+и\s+[а-яё]+(?:л|ла|ло|ли|ет|ит|ут|ют|ат|ят)(?:ся|сь)?\b")


#: A lower-case word right before a quote mark (`комплексу «`, `российского «`).
_WORD_BEFORE_MARK_RE = re.compile(r"(?:^|\s)([а-яё]+)\s+$")
#: The stems of verbs of shouting or chanting (not singing: what is sung is a song's title).
_VOICING_RE = re.compile(
    r"(?:за|про|вы|вс)?(?:крича|крикну|кричи|выкрикива|скандирова|скандиру|восклица"
    r"|воскликну|вопи|вопя|ора|шепта|шепну|шепч)[а-яё]*"
)


def _voiced_before(text: str, open_: int) -> bool:
    """Is the word right before the quote at ``open_`` a verb of shouting or chanting (`он
    кричал «…»`, `Болельщики скандировали «…»`; not `вопиющим «…»`, `оранжевые «…»`)?"""
    # (lower-cased: a verb opening the sentence counts, `Кричали «…»`)
    found = _WORD_BEFORE_MARK_RE.search(text[max(0, open_ - 30) : open_].lower())
    if found is None:
        return False
    word = found.group(1)
    return _VOICING_RE.fullmatch(word) is not None and part_of_speech(word) in ("VERB", "GRND")


#: Nouns that end an organisation's name (`Украинская повстанческая армия`, `Правый
#: сектор`, `Исламское государство`), in the nominative.
_ORGANISATION_NOUNS = frozenset(
    """
    армия партия фронт движение союз группировка организация сектор государство бригада
    батальон легион альянс блок
    """.split()
)


def _organisation_name(content: str) -> bool:
    """Is a quote an organisation's name: capitalised, its last word a noun of
    :data:`_ORGANISATION_NOUNS` in lower case, no dash or word that can be a predicate
    (`Россия — великое государство` is a sentence)?"""
    found = _WORD_RE.findall(content)
    if not found or not content[:1].isupper() or found[-1] not in _ORGANISATION_NOUNS:
        return False
    return not (_DASH_INSIDE_RE.search(content) or _has_predicate(content))


_DASH_INSIDE_RE = re.compile(r"\s[—–-]\s")


def _named_by_naming_noun(before: str) -> bool:
    """Is the word right before a quote's opening mark (no colon between) a noun that names
    a text (:data:`_NAMING_NOUN_RE`: `с формулировкой «…»`, `под лозунгом «…»`)?"""
    word = _WORD_BEFORE_MARK_RE.search(before)
    return word is not None and _NAMING_NOUN_RE.match(word.group(1).lower()) is not None


def _named_by_word_before(before: str) -> bool:
    """Is the text ``before`` a quote's opening mark a noun or adjective that makes a short
    capitalised quote a name (`комплексу «Авангард»`, `с российского «Газпрома»`)?"""
    word = _WORD_BEFORE_MARK_RE.search(before)
    return word is not None and part_of_speech(word.group(1)) in ("NOUN", "ADJF", "PRTF")


# Words that introduce a name or a term, not what someone said (`так называемый «закон
# Димы Яковлева»`, `более известный как «…»`, `под названием «…»`, `что означает «земля
# свази»`).
_NAMING_BEFORE_RE = re.compile(
    r"(?:так\s+называем\w+|известн\w*\s*,?\s+как|под\s+(?:названием|именем|лозунгом)"
    r"|прозван\w*|именуем\w+|означа\w+|переводится\s+как|по\s+прозвищу)\s*$"
)
#: The longest quote such words can introduce as a name (a slogan's, a law's).
_NAMING_WORDS = 8


def _after_naming_words(text: str, open_: int) -> bool:
    """Do words that introduce a name or term (see :data:`_NAMING_BEFORE_RE`) stand right
    before ``open_``?"""
    return _NAMING_BEFORE_RE.search(text[max(0, open_ - 40) : open_].lower()) is not None


def _after_title_noun(text: str, open_: int) -> bool:
    """Does a noun that names things (`проект`, `газета`, `реестр`) stand right before ``open_``?"""
    last = _WORD_RE.findall(text[max(0, open_ - 40) : open_])
    end = _stripped_end(text, open_)
    return bool(last) and _title_noun(last[-1]) and not (end > 0 and text[end - 1] in ",:.!?…")


def _reported(
    text: str,
    open_: int,
    close: int,
    content: str,
    words: int,
    after_title: bool,
    clauses: _Clauses,
) -> LeadIn | None:
    """A lead-in for a quoted fragment of reported speech, if the sentence reads as one.

    The sentence before the fragment has a speech verb (or `по словам`,
    `назвал`), the fragment ends its clause (or, in lower case, a second verb
    follows it: `и потребовал`), it is no quoted name (it does
    not follow `проект`, `газета`…; a capitalised one of a few words is a
    name) and it starts in lower case or is several words long.

    ``content`` is the fragment, ``words`` its :func:`_word_count`, and
    ``after_title`` whether :func:`_after_title_noun` holds for it (the caller
    has asked both already).
    """
    if _NAMED_NEXT_RE.match(text, close + 1):
        return None  # (`было «досье Стила». Так называется расследование…`: a name)
    ends_clause = bool(_FRAGMENT_END_RE.match(text, close + 1)) or bool(
        content[:1].islower() and _AND_VERB_RE.match(text, close + 1)
    )
    if not ends_clause and not content[:1].islower():
        return None
    if not content[:1].islower() and words < 4:  # (four words or more look like speech)
        return None
    end = _stripped_end(text, open_)
    if end == 0 or text[end - 1] in ":(" or after_title:
        return None
    if text[end - 1] in _TERMINATORS and not content[:1].islower():
        return None  # it opens a sentence: the one before is not its lead-in (`т. н. «…»` is)
    start = clauses.sentence_start(end)
    clause = text[start:end]
    preposition = _PREPOSITION_BEFORE_RE.search(clause[-40:]) if words <= 3 else None
    if preposition and not speech_verb(preposition.group(1)):
        return None  # `в рамках «большой двадцатки»`: a name, unless `заявил о «…»`
    if ends_clause and _ACCORDING_WORDS_RE.search(" " + clause):
        return LeadIn("reported", (start, end))
    if clause.endswith("что") and _CLAIMS_ABOUT_THAT_RE.search(clause[-60:]):
        return None  # `опровергла сообщения о том, что «…»`: the reports' words
    tokens = _WORD_RE.findall(clause)
    verbs, governing = _VERBS, _GOVERNING_RE.match  # (speech_verb inlined: a long clause
    verb = next(  # without a verb, of which there are many, asks for each of its words)
        (
            i
            for i in range(len(tokens) - 1, -1, -1)
            if (folded := tokens[i].casefold().replace("ё", "е")) in verbs
            or folded in _SPEECH_GERUNDS
            or governing(tokens[i])
        ),
        None,
    )
    if verb is None:
        return None
    # (A gerund's subject is its sentence's: `Он отказался рассказать подробности,
    # пояснив, что в Кремле «никогда не рассказывают…»` gives his words.)
    folded = tokens[verb].casefold().replace("ё", "е")
    speaking = folded in verbs or folded in _SPEECH_GERUNDS
    between = [w.casefold() for w in tokens[verb + 1 :]]
    if not between and tokens[verb].casefold().startswith("повтор"):
        return None  # (`повторил «чудо на льду»`: a feat repeated; `— повторил он` is found)
    if words == 1 and any(part_of_speech(w) == "INFN" for w in between):
        return None  # (`поручил снести «хрущёвки»`: one word, an infinitive's object: a term)
    if not ends_clause:
        # Words of four or more in lower case inside the speech verb's own `что` clause,
        # the clause going on after them (`сказал, что власти «не будут вмешиваться в
        # работу суда» в этом деле`), are what the speaker said, quoted as part of the
        # report.  Fewer are as often a term (`что Россия несет «особую
        # ответственность»`); and not where the clause has a verb of its own before them
        # (`что публика пела «…»`: its subject's), a preposition governs them (`что в
        # рамках «дорожной карты …»`), the `что` is another's (`опроверг сообщения о
        # том, что …`) or the verb denies them (`опроверг, что Кремль «…»`).
        in_that_clause = (
            words >= _REPORTED_MID_WORDS
            and between[:1] == ["что"]
            and len(between) <= _REPORTED_MID_GAP
            and not _DENYING_RE.match(tokens[verb])
            and not _AFTER_PREPOSITION_RE.search(text, max(0, end - 20), end)
            and not any(part_of_speech(w) in ("VERB", "INFN") for w in between[1:])
            and not (len(between) > 1 and _NAMING_NOUN_RE.match(between[-1]))
        )
        governed = (
            speaking
            and (
                _governed_mid_clause(text, close, content, between)
                or (in_that_clause and content[:1].islower())
            )
        ) or (not between and _verbs_own_object(text, close, content, tokens[verb]))
        return LeadIn("reported", (start, end)) if governed else None
    if (
        "что" in between
        or "как" in between
        or len(between) <= 1  # `она говорила «о развитии…»`
        or (_GOVERNING_RE.match(tokens[verb]) and len(between) <= 6)
    ):
        return LeadIn("reported", (start, end))
    return None


#: The next sentence saying what the fragment names: `«досье Стила». Так называется…`.
_NAMED_NEXT_RE = re.compile(r"[^.!?…«»\"]{0,40}[.!?…]\s+(?:Так|Этим\s+словом)\s+назыв")
#: A lower-case fragment inside a speech verb's `что` clause is speech from this many words,
#: at most this many words after the verb (its `что` first).
_REPORTED_MID_WORDS = 4
_REPORTED_MID_GAP = 4
#: A noun that the quote after it names (`вопрос «кто виноват…»`, `лозунг «…»`): a title,
#: not the speaker's words.  (With case endings only: `принципиально`, `понятно`,
#: `призывник` are no such nouns.)
_NAMING_NOUN_RE = re.compile(
    r"(?:вопрос|лозунг|девиз|фраз|выражени|слоган|призыв|надпис|тезис|формул|формулировк"
    r"|термин|"
    rf"понят|принцип|песн|заголовок|заголовк|названи|цитат){CASE_ENDING}$"
)
#: A noun for names ending a colon lead-in, in the nominative or accusative (`новые
#: наименования:`, `названия:`): the short capitalised quotes after it are the names.
_NAMES_COLON_RE = re.compile(
    r"(?<![а-яё])(?:наименовани[яе]|названи[яе]|имена|имя|клички|кличка|кличку|прозвища"
    r"|прозвище)\s*:?\s*$",
    re.IGNORECASE,
)
#: What the noun for names may not follow: it is then what the words are about (`слухи о
#: смене имени: «Это неправда»`, `по поводу имени:`), and they are speech.
_ABOUT_BEFORE_RE = re.compile(
    r"(?<![а-яё])(?:о|об|обо|про|насчет|насчёт|поводу)\s+(?:\w+\s+){0,2}\w+\s*:?\s*$", re.IGNORECASE
)
#: A speech verb denying what its clause says (`опроверг`, `отрицает`, `отверг`).
_DENYING_RE = re.compile(r"(?:опроверг|отрица|отверг)", re.IGNORECASE)


#: Parts of speech that make two words a clause (`ответ будет`, `Кремль доволен`,
#: `вопрос закрыт`, `пока рано`, `ответа нет`).
_PREDICATES = frozenset({"VERB", "ADJS", "PRTS", "PRED", "ADVB"})


def _has_predicate(content: str) -> bool:
    """Does a short fragment hold a word in lower case that can be a clause's predicate, or
    a full adjective after its noun (`ситуация сложная`; not `Солнечный удар`, a title)?"""
    found = _WORD_RE.findall(content)
    kinds = [part_of_speech(w.lower()) for w in found]
    if any(w[:1].islower() and k in _PREDICATES for w, k in zip(found, kinds, strict=True)):
        return True
    return any(
        a == "NOUN" and b == "ADJF" and w[:1].islower()
        for (a, b), w in zip(itertools.pairwise(kinds), found[1:], strict=True)
    )


def _short_speech(text: str, lead_in: LeadIn, close: int, content: str, words: int) -> bool:
    """Is a fragment too short to look like speech (see :func:`_looks_like_speech`) speech
    all the same, by its lead-in (``close``: its closing mark)?

    A fragment in lower case that ends its clause after `по словам X,` (or `по
    мнению`…, a person's words) is, however short (`По словам Лаврова, «ответ
    будет».`); a quoted name is capitalised, or the clause goes on.  Words that
    end the sentence that `по словам X,` opens are the sentence, however they
    begin (`По словам Лаврова, «Европа едина».`): a name alone is no sentence
    (but a list's last one may end it: `В список, по словам источника, вошли
    «…», «Тинькофф Банк».`).  So are two words or more that end it right after
    a speech verb's `что`, the clause reported whole, two of them with a
    predicate (`Песков подчеркнул, что «Кремль доволен».`; not a name given as
    the answer, `ответил, что «Тихий Дон».`).  (Not after `как сказал он,`:
    whose the fragment is, the rules then often misread; `как говорит простой
    народ, "дзызом"` is a word's use.)
    """
    ends_sentence = bool(_SENTENCE_END_AFTER_RE.match(text, close + 1))
    if lead_in.kind == "that":
        return words >= 2 and ends_sentence and (words >= 3 or _has_predicate(content))
    if lead_in.kind != "according":
        return False
    # (the lead-in and its comma: `по его словам,`)
    if not _ACCORDING_TO_PERSON_RE.search(" " + text[lead_in.span[0] : lead_in.span[1] + 1]):
        return False
    if content[:1].islower():
        return bool(_FRAGMENT_END_RE.match(text, close + 1))
    return (
        words >= 2
        and ends_sentence
        and _OPENING_ACCORDING_RE.fullmatch(text, *lead_in.span) is not None
    )


def _titled_name(content: str) -> bool:
    """Is a quote a name that opens with a noun of things or documents, the rest of its
    words capitalised (`закон Димы Яковлева`, `дело ЮКОСа`, `список Магнитского`)?"""
    if not content[:1].islower() or content.islower():
        return False  # (most quotes: not looked at further)
    found = _WORD_RE.findall(content)
    if not 2 <= len(found) <= _NAMING_WORDS or not found[0][:1].islower():
        return False
    if not all(w[:1].isupper() for w in found[1:]):
        return False
    first = found[0].casefold().replace("ё", "е")
    return _title_noun(first) or _DOCUMENT_NOUN_RE.match(first) is not None


def part_of_speech(word: str) -> str:
    """The likeliest part of speech of a lower-case word (pymorphy3's tag)."""
    return str(likeliest_tag(word).POS)


def _governed_mid_clause(text: str, close: int, content: str, between: list[str]) -> bool:
    """Is a lower-case fragment the clause goes on after the speech verb's own object?

    `потребовал «немедленно» восстановить`, `потребовал разработать «новую
    схему» работы`, `заявил о «разделе полномочий» между…`, `сказал, что
    готов «любой ценой» добиться`: right after the verb, its infinitive or
    `о` (two words at least), and before an infinitive unless one of those
    governs it.  Not a quoted modifier (`разработать «зеленую» стратегию`),
    an infinitive's adverbial (`решать «в срок»`), nor a long one.
    """
    words = _WORD_RE.findall(content)
    after = _WORD_RE.match(text, _spaces_end(text, close + 1))
    if not words or len(words) > 6 or after is None:
        return False
    if part_of_speech(words[-1].casefold()) in ("ADJF", "PRTF"):
        return False
    if len(between) == 1 and between[0] in ("о", "об"):
        return len(words) >= 2  # (`вспоминал о «даче»`: a name, or a scare quote)
    if len(between) == 1 and part_of_speech(between[0]) == "INFN":
        return part_of_speech(words[0].casefold()) != "PREP"  # its object, not `«в срок»`
    then_infinitive = part_of_speech(after.group().casefold()) == "INFN"
    return then_infinitive and (not between or (len(between) == 2 and between[0] == "что"))


def _verbs_own_object(text: str, close: int, content: str, verb: str) -> bool:
    """Is a lower-case fragment right after ``verb``, the clause going on, what that verb
    governs and so its subject's words (`пообещал «жёстко ответить» на…`, `выразил
    «полную солидарность» с…`, `назвал «полным бредом» заявления…`)?

    Two words at least, not ending in an adjective (`разработал «зеленую»
    стратегию`) nor opening with a preposition (`поручил «в кратчайшие сроки»
    подготовить`), after a verb that governs a fragment of speech: not one of
    naming but one person's verdict (`Марс называют «красной планетой» из-за…`
    names it), nor of proposing but before an infinitive (`предложил
    «налоговые каникулы» для…` names a measure).
    """
    words = _WORD_RE.findall(content)
    if not 2 <= len(words) <= 6 or _WORD_RE.match(text, _spaces_end(text, close + 1)) is None:
        return False
    if not _GOVERNING_RE.match(verb) or _NAMING_VERB_RE.match(verb):
        return False
    first = part_of_speech(words[0].casefold())
    if first != "INFN" and part_of_speech(words[-1].casefold()) in ("ADJF", "PRTF"):
        return False  # (not `пообещал «сделать все возможное»`: a verb's own phrase)
    if first == "PREP":
        return False  # (`поручил «в кратчайшие сроки» подготовить`: how, not what)
    return not (_PROPOSING_VERB_RE.match(verb) and first != "INFN")


_WORDS_RE = re.compile(r"\w+")
#: How far :func:`_word_count` counts: every caller compares the count with 4 or less.
_COUNTED_WORDS = 5


def _word_count(text: str) -> int:
    """The number of words in ``text``, or :data:`_COUNTED_WORDS` if it has more.

    (A long quote is not read to its end.)
    """
    return len(list(itertools.islice(_WORDS_RE.finditer(text), _COUNTED_WORDS)))


def _looks_like_speech(content: str, words: int) -> bool:
    """Long enough (``words``: its :func:`_word_count`), or sentence-like, to be speech even
    without an attribution."""
    return words >= 3 or bool(re.search(r"[.!?…]\s*$", content))


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
    # Words quoted inside a sentence that says nothing of whose they are (see
    # :func:`_unattributed_words`): speech of no one the text names, which the speaker
    # rules pass over.
    unattributed: bool = False

    @property
    def span(self) -> Span:
        return self.parts[0][0], self.parts[-1][1]


def reported_lead_in(text: str, quote: QuoteMatch) -> LeadIn | None:
    """The lead-in a quote has in its own sentence as a fragment of reported speech
    (`Путин назвал ситуацию «напряженной»`, `Путин заявил, что Россия «готова…»`), read as
    :func:`find_quotes` reads one before an agency's attribution (`, передает ТАСС`); None
    where the sentence does not report it, or the quote has a lead-in or interruption of
    its own.  The speaker rules ask it of a quote whose attribution names a person, who
    may only pass the words on (`…, сообщил Песков`).
    """
    if quote.lead_in is not None or quote.interruption is not None or len(quote.parts) != 1:
        return None
    (start, end), (open_, after) = quote.parts[0], quote.region
    if not 0 <= open_ < start <= end < after <= len(text):
        return None  # (a region another quote's mark opens: not read so)
    content = text[start:end]
    return _reported(
        text,
        open_,
        after - 1,
        content,
        _word_count(content),
        _after_title_noun(text, open_),
        _Clauses(text),
    )


#: The closing mark of each opening mark a quote may run past its paragraph with.
_RUNS_ON = {"«": "»", "„": "“", '"': '"'}
#: At least this many words before a paragraph's end for a quote that runs on past it.
_RUN_ON_WORDS = 3
#: What a quote running on past its paragraph opens after: the paragraph's start, a colon,
#: a dash, or a sentence's end (`…сообщил губернатор Сергей Цивилев. "Мы знаем теперь…`).
_RUN_ON_AFTER = ("", ":", "—", "–", ".", "!", "?", "…")
#: A straight quote mark closing a quote before its attribution: `", - рассказала`.
_STRAIGHT_CLOSING_RE = re.compile(r'"[,.]?\s*[—–-]\s')
#: A quote runs on over at most this many paragraphs after the one it opens in, the
#: last closing it, when those between have no quote mark (see paragraphs_quoted_across).
_RUN_ON_PARAGRAPHS = 4


def _runs_on_from(text: str) -> int | None:
    """Where a quote opens that ``text`` does not close: its last quote mark, opening
    the paragraph or after a colon or a dash (`Лавров заявил: «Мы готовы к
    переговорам.`, the paragraph ending there), with a few words after it; None if
    there is none (`картины «Печки-лавочки» и «Ваш сын и брат.`: a title's mark
    left open)."""
    last = max(text.rfind(mark) for mark in _QUOTE_MARKS)
    if last < 0:
        return None
    if text[last] not in _RUNS_ON or text[:last].rstrip()[-1:] not in _RUN_ON_AFTER:
        return _runs_on_around_pairs(text)
    if text[last] == '"' and not (
        (last == 0 or text[last - 1] in _SPACE_BEFORE)
        and last + 1 < len(text)
        and not text[last + 1].isspace()
    ):
        return None  # (a straight mark that closes, or a stray one)
    if any(r.open <= last <= r.close for r in _pair_marks(text)):
        return None  # (paired after all: see _repair_unclosed)
    return last if _word_count(text[last + 1 :]) >= _RUN_ON_WORDS else None


def _runs_on_around_pairs(text: str) -> int | None:
    """Where a quote opens with a ``«`` that ``text`` does not close, at the paragraph's
    start or after a colon, a dash or a sentence's end, the marks before it and the other
    quotes inside it paired there (`«Именно хорошая реализация моментов позволила
    "Трактору" победить.`, `Валерий Газзаев, главный тренер «Динамо»: «Очень тяжелая
    игра. „Металлург“ неплохо выглядел.`); None if there is none."""
    pairs = _pair_marks(text)
    marks = [m.start() for m in QUOTE_MARKS_RE.finditer(text)]
    at = next((i for i in marks if not any(r.open <= i <= r.close for r in pairs)), None)
    if at is None or text[at] != "«" or text[:at].rstrip()[-1:] not in _RUN_ON_AFTER:
        return None
    # (Every other mark in a pair, before it or inside it: the quote itself goes on.)
    if len(marks) != 1 + 2 * len(pairs):
        return None
    return at if _word_count(text[at + 1 :]) >= _RUN_ON_WORDS else None


def _unpaired_closing(text: str, closing: str) -> int:
    """Where ``closing`` first closes what ``text`` did not open (past quotes paired
    before it: `…диагнозом „Отравление“. Теперь он три дня…».`); -1 if it never does."""
    at = text.find(closing)
    if at < 0 or not QUOTE_MARKS_RE.search(text, 0, at):
        return at  # (the usual case: no mark before it)
    pairs = _pair_marks(text)
    while at >= 0 and any(r.open <= at <= r.close for r in pairs):
        at = text.find(closing, at + 1)
    return at


def _marks_pair_up(text: str) -> bool:
    """Does every quote mark of ``text`` pair with another there (or has it none)?"""
    marks = len(QUOTE_MARKS_RE.findall(text))
    return marks == 0 or 2 * len(_pair_marks(text)) == marks


def paragraphs_quoted_across(
    paragraphs: Sequence[str],
) -> tuple[list[str], list[int], list[bool]]:
    """Quotes that run over several paragraphs, closed where each paragraph ends.

    News sets a long quote as paragraphs that each open with a quote mark
    and only the last closes (`«Мы готовы к переговорам.` / `«Но не на любых
    условиях», — сказал Лавров.`), or that the last closes without
    reopening (`Но не на любых условиях», — сказал Лавров.`).  Returns the
    paragraphs as :func:`find_quotes` should read them: a closing mark added
    at the end of each that a quote runs on from, an opening mark at the
    start of one that closes a quote it does not open; the offset that adds
    to each paragraph's text (1 or 0); and, for each paragraph, whether its
    last quote goes on in the next paragraph (the same speaker's).
    """
    texts = list(paragraphs)
    shifts = [0] * len(texts)
    goes_on = [False] * len(texts)
    for i in range(len(texts) - 1):
        opened = _runs_on_from(paragraphs[i])
        if opened is None:
            continue
        mark = paragraphs[i][opened]
        closing = _RUNS_ON[mark]
        if paragraphs[i + 1].lstrip()[:1] == mark:
            texts[i] += closing  # (the next paragraph reopens it)
            goes_on[i] = True
            continue
        # The paragraph that closes it without reopening, past paragraphs whose quote marks
        # all pair up there, if any (`«Сегодня … праздник.` / `Это вы, студенты,
        # определяете «лицо» университета…` / `…значимых результатов».`), a few at most;
        # a straight mark, which opens as it closes, only before its attribution's dash
        # (`…на этом турнире", - рассказала Свитолина`).
        for k in range(i + 1, min(len(texts), i + 1 + _RUN_ON_PARAGRAPHS)):
            if k < len(texts) - 1 and _marks_pair_up(paragraphs[k]):
                continue
            at = _unpaired_closing(paragraphs[k], closing)
            before = paragraphs[k][: max(at, 0)]
            if (
                at > 0
                and _marks_pair_up(before)
                and _word_count(before) >= _RUN_ON_WORDS
                and (mark != '"' or _STRAIGHT_CLOSING_RE.match(paragraphs[k], at))
            ):
                for j in range(i, k):
                    texts[j] += closing
                    goes_on[j] = True
                for j in range(i + 1, k + 1):
                    texts[j] = mark + texts[j]
                    shifts[j] = 1
            break
    return texts, shifts, goes_on


#: A paragraph wholly in quote marks is speech from this many words (see find_quotes; the
#: most counted).
_WHOLE_PARAGRAPH_WORDS = _COUNTED_WORDS
#: The previous paragraph's last sentence is its lead-in with a speech verb in as many words.
_WHOLE_LEAD_WORDS = 8
#: A verb that quotes another's words or text (`процитировал`, `привел`, `зачитал`).
_QUOTING_VERB_RE = re.compile(
    r"(?<![а-яё])(?:про)?цитир|(?<![а-яё])(?:привел|привела|привели|приводит|зачита)",
    re.IGNORECASE,
)
#: What may follow such a quote to the paragraph's end.
_AFTER_WHOLE = " \t.!?…"
#: A quoted span and its words (`«Известиями»`, `«…», — сказал`).
_QUOTED_SPAN_RE = re.compile(r"[«\"„“]([^«»\"„“”]*)[»\"“”]")
#: A quoted span of this many words reads as words quoted, not a name.
_NAME_WORDS = 4
#: `как говорил`, `как сообщил`: whose words a sentence recalls or passes on.
_AS_SAID_RE = re.compile(r"(?<![А-ЯЁа-яё])[Кк]ак\s+([а-яё]+)")
#: Someone's words named (`слова Шарля де Голля`, `о словах Сталина`, `цитату из Толстого`).
_WORDS_OF_RE = re.compile(
    rf"(?<![А-ЯЁа-яё])(?:слов|высказывани|изречени|фраз|цитат|афоризм){CASE_ENDING}"
    r"\s+(?:из\s+)?[А-ЯЁ]"
)
#: A line of dialogue: a paragraph opening with a dash.
_DIALOGUE_LINE_RE = re.compile(r"\s*[—–-]")


def _narrates(text: str, span: Span) -> bool:
    """Is the sentence ``span`` of ``text`` narrative: not a line of dialogue, nor quoting
    words of its own (a quoted name of a few words is no quote: `поделился с «Известиями»`)?"""
    if _DIALOGUE_LINE_RE.match(text):
        return False
    sentence = text[span[0] : span[1]]
    if any(speech_verb(m.group(1)) for m in _AS_SAID_RE.finditer(sentence)):
        return False  # (`час настал, как говорил Рогачь,`: a saying recalled, not a speaker)
    if _WORDS_OF_RE.search(sentence):
        return False  # (`напомнив слова Шарля де Голля`: another's words recalled)
    marks = len(QUOTE_MARKS_RE.findall(sentence))
    quoted = _QUOTED_SPAN_RE.findall(sentence)
    return marks == 2 * len(quoted) and all(_word_count(q) < _NAME_WORDS for q in quoted)


#: A sentence's end inside a quote, another sentence after it.
_SENTENCE_INSIDE_RE = re.compile(r"[.!?…]\s+[А-ЯЁA-Z«\"]")
#: A verb asking (`спросил`, `поинтересовалась`): what follows answers it, another's words.
#: (Not `спрос`, demand, nor `уточнил`, most often a speaker going on.)
_QUESTION_VERB_RE = re.compile(
    r"(?<![а-яё])(?:пере)?спрос(?:ил|ила|или|ит|ят)(?![а-яё])|(?<![а-яё])поинтересова",
    re.IGNORECASE,
)


#: A quoted question's end (`?»`, `?..»`): what follows the quote answers it.
_QUOTED_QUESTION_RE = re.compile('[?][.…]*[»"“”›]')


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CONTINUATION_RE = re.compile(rf"[,.!?…]*\s*{_DASH}\s+[^«»\"„“]{{2,160}}?[,.:]\s*{_DASH}\s*$")
# `«…», сказал Хоровитц. «…»`: the attribution of the quote before, one sentence, and
# the next quote opens the next sentence (with no attribution of its own: see find_quotes).
_NEXT_SENTENCE_RE = re.compile(
    rf"(?:[,!?…]\s*(?:{_DASH}\s+)?|\s*{_DASH}\s+)[^«»\"„“.!?…]{{2,160}}[.!?…]\s+$"
)
# ... and the quote is its own sentence: nothing of the sentence follows it (not a title
# the sentence goes on about, `«Маленький домик в прерии» вышел в 1935 году`, nor an
# attribution of its own, `», — согласна Зимина`, `» (Джон Смит)`).
_SENTENCE_OVER_RE = re.compile(r"[.!?…]*(?:\s*$|\s+[«\"„“А-ЯЁA-Z])")


def find_quotes(
    text: str,
    *,
    previous_paragraph: str | None = None,
    runs_on: bool = False,
    continued: bool = False,
    headline: bool = False,
) -> list[QuoteMatch]:
    """The quoted speech in ``text``, in order.

    ``previous_paragraph`` lets a paragraph that opens with a quote take the
    previous one as its lead-in when that one ends with a colon, and a
    paragraph that is one quote of sentences take the previous one's last
    sentence when a speech verb opens it (not one quoting another's text).
    ``runs_on``: the quote that ``text`` ends with goes on in the next
    paragraph; ``continued``: the one it opens with went on from the previous
    paragraph (both speech: see :func:`paragraphs_quoted_across`).  ``headline``:
    ``text`` opens an article of several paragraphs, where a line wholly in quote
    marks is a statement the article goes on to report (see :func:`_quoted_headline`).
    """
    clauses = _Clauses(text)
    regions = [r for r in _pair_marks(text) if r.depth == 0]
    shared = {r.open: r.close for r in regions if r.shared_open}
    # (A name whose opening mark opens a longer quote is part of it.)
    regions = [r for r in regions if r.shared_open or r.close > shared.get(r.open, -1)]
    regions.sort(key=lambda r: r.open)
    text_start = len(text) - len(text.lstrip())
    found: list[QuoteMatch] = []
    previous_end: int | None = None
    previous_was_speech = previous_attributed = False
    said_before: frozenset[str] | None = None  # (see _paragraph_word_starts: made when first asked)
    for region in regions:
        start, end = _trim(
            text, region.open + 1 - region.shared_open, region.close + region.shared_close
        )
        if start >= end:
            continue
        gaps = _interruptions(text, start, end)
        content = text[start:end]
        unattributed = False
        words = _word_count(content)
        attribution = _attribution_after(text, region.close, clauses, any_verb=words >= 3)
        if attribution is None and headline and words >= 2 and region.open <= text_start:
            attribution = _headline_attribution(text, region.close, content, clauses)
        voiced = (
            attribution is not None
            and text[region.close + 1 : attribution[0]].strip() == ","
            and _voiced_before(text, region.open)
        )
        if voiced:
            # `он кричал «Аллаху акбар», заявил прокурор`: the shout is the one shouting's,
            # the prosecutor only tells of it (as `Путин назвал её «…», сообщил Песков`);
            # speech, however short, of no one named here (a pronoun before it was read
            # as the prosecutor: no name rather than a wrong one).
            attribution = None
        if attribution is None and gaps:
            attribution = gaps[0][1]
        lead_in = _lead_in(text, region.open, clauses)
        at_start = region.open <= text_start
        if at_start and lead_in is None and previous_paragraph is not None:
            previous = previous_paragraph.rstrip()
            if previous.endswith(":"):
                lead_in = LeadIn("previous-paragraph", _last_sentence(previous))
        between = text[previous_end : region.open] if previous_end is not None else ""
        continues = (
            previous_was_speech
            and (
                bool(_CONTINUATION_RE.match(between))
                or (  # (a sentence of speech, not a name: `«Мечел»`, `«Тотальный диктант»`)
                    previous_attributed
                    and attribution is None
                    and not gaps
                    and words >= 4
                    and '"' not in content  # (straight marks paired wrongly, as likely)
                    and content[:1].isupper()
                    and bool(_NEXT_SENTENCE_RE.match(between))
                    and bool(_SENTENCE_OVER_RE.match(text, region.close + 1))
                )
            )
        )
        before = text[max(0, region.open - 40) : region.open]
        if (
            attribution is not None
            and not gaps
            and not re.search(_DASH, text[region.close + 1 : attribution[0]])
            and (
                # `встречи в «нормандском формате», Карасин отметил`: a preposition's object
                (words <= 4 and _AFTER_PREPOSITION_RE.search(before))
                # `подобным российскому ракетному комплексу «Авангард», сообщил …`: a name
                # in the reported sentence, the attribution that sentence's
                or (words <= 2 and content[:1].isupper() and _named_by_word_before(before))
                # `взяла на себя "Украинская повстанческая армия". Об этом сообщил …`: an
                # organisation's name in the reported sentence
                or (words <= 4 and _organisation_name(content))
                # `присуждена с формулировкой «За создание …». Об этом сообщила …`: a
                # wording, a slogan, an inscription the reported sentence names
                or _named_by_naming_noun(before)
            )
        ):
            attribution = None
        if (
            attribution is None
            and lead_in is None
            and not gaps
            and content[:1].islower()
            and _CLOSING_FRAGMENT_WORDS <= words <= _NAMING_WORDS
            and not (words <= 4 and _AFTER_PREPOSITION_RE.search(before))
        ):
            # `Ситуация остается «сложной, но управляемой» уже второй год, считает
            # Блохин.`: the sentence's closing attribution says whose words its
            # fragment is.
            if said_before is None:
                said_before = _paragraph_word_starts(previous_paragraph)
            attribution = _closing_attribution(
                text, region.open, region.close, clauses, said_before
            )
        as_says = _AS_SAYS_RE.search(before) if "как" in before.lower() else None
        after_title = _after_title_noun(text, region.open)
        if (
            attribution is not None
            and lead_in is None
            and not gaps
            and _PASSED_ON_RE.match(text, attribution[0])
        ):
            # `Песков назвал ситуацию «напряженной», передает ТАСС`: an agency passes on
            # what the sentence's subject said; the lead-in says whose words they are
            # (a relative clause's, `с Лукашенко, который назвал…`: see the speaker rules).
            lead_in = _reported(
                text, region.open, region.close, content, words, after_title, clauses
            )
        if (after_title and words <= 4 and not gaps) or (not gaps and _titled_name(content)):
            # `центр «Сколково». Об этом сообщил…`, `подпишет «закон Димы Яковлева»`: a
            # name, whatever follows
            speech = False
        elif words <= _NAMING_WORDS and not gaps and _after_naming_words(text, region.open):
            speech = False  # `подпишет так называемый «закон Димы Яковлева»`: a name
        elif (
            as_says
            and speech_verb(as_says.group(1))
            and content[:1].isupper()
            and words <= 3
            and not gaps
        ):
            speech = False  # `как сообщает «Интерфакс», Путин заявил`: the source, named
        elif (
            previous_end is not None
            and not previous_was_speech
            and attribution is None
            and not gaps
            and content[:1].isupper()
            and words <= _NAMING_WORDS
            and _LIST_GAP_RE.fullmatch(between)
        ):
            # `вошли «Слово пацана», «Майор Гром», «Мастер и Маргарита».`: the next name of
            # a list of quoted names, whatever precedes the list (`по словам X,`)
            speech = False
        elif attribution is not None or gaps or continues:
            speech = True
        elif (runs_on and region.close == len(text) - 1) or (continued and at_start):
            speech = True  # a quote over several paragraphs: no name runs on so
        elif lead_in is not None:
            said = _has_speech_verb(_lead_in_text(text, previous_paragraph, lead_in), within=40)
            if (
                lead_in.kind == "colon"
                and words <= 3
                and content[:1].isupper()
                and _NAMES_COLON_RE.search(text, max(0, lead_in.span[1] - 40), lead_in.span[1])
                and not _ABOUT_BEFORE_RE.search(text, max(0, lead_in.span[1] - 50), lead_in.span[1])
            ):
                # `предлагают и другие наименования: «Петербургская» и «Северо-Западная»`: the
                # names the noun before the colon asks for, whatever says them
                speech = False
            elif lead_in.kind in ("colon", "previous-paragraph") and said:
                speech = True  # `Она сказала: «Нет».`
            else:
                fragment = _short_speech(text, lead_in, region.close, content, words)
                speech = (_looks_like_speech(content, words) or fragment) and (
                    lead_in.kind not in ("colon", "previous-paragraph") or words >= 4
                )
        else:
            lead_in = _reported(
                text, region.open, region.close, content, words, after_title, clauses
            )
            # A paragraph that is one quote of sentences, as an interview sets its answers
            # (`«Стабильность — ключевое слово года. …»`): speech; the previous paragraph's
            # last sentence is its lead-in where a speech verb opens it (`Министр
            # иностранных дел констатирует, что…`), as one ending with a colon is; so is
            # a narrative one's for a paragraph of one quoted sentence (see _narrates).
            whole = (
                lead_in is None
                and at_start
                and words >= _WHOLE_PARAGRAPH_WORDS
                and not text[region.close + 1 :].strip(_AFTER_WHOLE)
            )
            sentences = whole and _SENTENCE_INSIDE_RE.search(content) is not None
            # (One sentence is a statement only as one, ended: a heading has no full stop.)
            ended = whole and (
                content.rstrip().endswith(tuple(_TERMINATORS))
                or text[region.close + 1 :].lstrip()[:1] in tuple(_TERMINATORS)
            )
            if whole and previous_paragraph is not None:
                previous = previous_paragraph.rstrip()
                last = _last_sentence(previous)
                if (
                    (
                        (
                            _opens_with_speech_verb(previous, last)
                            # (one sentence only after a narrative sentence: after
                            # `«…», — предупреждает Восман.` it is a heading, after a line of
                            # dialogue another's reply)
                            and (sentences or (ended and _narrates(previous, last)))
                        )
                        or (sentences and _says_that(previous, last))
                    )
                    and not _quotes_or_asks(previous, *last)
                    and not _QUOTED_QUESTION_RE.search(previous, *last)
                ):
                    # (not one that quotes another's text, `Адвокат процитировал записку:`,
                    # nor one asking: `«…?» — спросил журналист.` is answered by another)
                    lead_in = LeadIn("previous-paragraph", last)
                elif sentences:
                    # A last sentence that ends by saying whose words it reports (`…,
                    # объясняет Сплидбёль.`): that part of it (its subject is another's).
                    tail = _says_at_end(previous, last)
                    if tail is not None:
                        lead_in = LeadIn("previous-paragraph", tail)
            if not whole and lead_in is None and not at_start:
                lead_in = _sentence_before(text, region.open, region.close, content, words, clauses)
            if (
                lead_in is None
                and at_start
                and previous_paragraph is not None
                and _ends_sentences(text, region.close)
                and (
                    _SENTENCE_INSIDE_RE.search(content) is not None
                    or _words_at_least(content, _WHOLE_CONTINUES_WORDS)
                )
            ):
                # A statement going on after its attributed start (`«…», — сказал Обама.`
                # then `«Но что еще важнее…»`), or an interview's answer after its question
                # (`— Существует ли сегодня диалог между Украиной и Россией?`, `VG: …?`):
                # the one who has been speaking.
                continues = (
                    continues
                    or (
                        not _REJOINDER_RE.search(content)
                        and _ends_with_attributed_quote(previous_paragraph)
                    )
                    or (
                        _INTERVIEW_QUESTION_RE.fullmatch(previous_paragraph.strip()) is not None
                        and not _ANOTHER_ASKED_RE.search(previous_paragraph)
                    )
                )
            quoted_headline = (
                headline
                and lead_in is None
                and at_start
                and _quoted_headline(text, region.close, content, words)
            )
            speech = lead_in is not None or sentences or continues or quoted_headline
            # Words of four or more quoted in lower case inside a sentence that says
            # nothing of whose they are, with a verb of their own (`агентство считает
            # дефолтом ситуацию, когда «заемщик не исполнил долговые обязательства в
            # срок»`), or a quoted sentence of its own: someone's words, the text not
            # saying whose here.  Without a verb they are as often a term or a title
            # (`«миф о добром царе»`).
            unattributed = (
                not speech
                and (
                    _unattributed_words(content, words)
                    or _sentences_of_their_own(text, region.open, region.close, content, words)
                )
                and not _NAMING_NOUN_RE.search(
                    text, max(0, region.open - 20), _stripped_end(text, region.open)
                )
            )
            if unattributed:
                # (Words quoted later in a sentence whose colon lead-in says who speaks:
                # `Шрёдер недавно сказал The Huffington Post: … Путин должен счесть этого
                # человека подходящей кандидатурой — «и указать на него пальцем»`.)
                # (Or whose words the sentence opens by saying it gives: `По словам Путина,
                # эти планы должны «соответствовать духу и принципу» реформы`.)
                lead_in = _colon_earlier(text, region.open, clauses) or _according_earlier(
                    text, region.open, clauses
                )
                unattributed = lead_in is None
            speech = speech or unattributed or lead_in is not None
        if voiced:
            speech = unattributed = True
        previous_end = region.close + 1
        previous_was_speech = speech and not unattributed
        previous_attributed = attribution is not None
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
                unattributed=unattributed,
            )
        )
    return found


#: A sentence that ends by saying whose words it reports: a comma, a speech verb and a
#: name of one to three capitalised words (`…, объясняет Сплидбёль.`, `…, пишет Die Welt.`).
_ENDS_SAYS_NAME_RE = re.compile(r",\s+([а-яё]+)\s+(?:[A-ZА-ЯЁ][\w\-]*\.?\s*){1,3}[.!…]?\s*$")
#: A speech verb between commas inside a quote: its own attribution, another's words
#: (`«Галлюцинации возможны, решил доктор, хотя…»`, `«Вексель ваш, говорит, у меня»`).
_INNER_ATTRIBUTION_RE = re.compile(r",\s+([а-яё]+)(?:\s+[^,]{0,30})?,")
#: Saying and thinking no speech verb is (a narrator's own, a thought) between commas
#: (`«Знаю я, говорю, Никитушка, …»`, `«Неужели это я, думала Наташа, …»`).
_INNER_SAYING = frozenset(
    "говорю думаю скажу отвечаю спрашиваю пишу кричу думал думала подумал подумала думает"
    " думают решил решила".split()
)
#: A dash opening a line of dialogue or an attribution (`-- сказал Филька.`), not one
#: inside a sentence (`передача — прежде всего шоу`).
_DIALOGUE_DASH_RE = re.compile(rf"(?:^\s*|[,!?…]\s*){_DASH}\s")


def _sentence_before(
    text: str, open_: int, close: int, content: str, words: int, clauses: _Clauses
) -> LeadIn | None:
    """The sentence before a quote that is a sentence of its own, as its lead-in, where that
    sentence ends by saying whose words it reports.

    `Санкции бьют по экономике, объясняет Сплидбёль. «В этом году состоятся
    выборы…».`: the quote (five words or more, capitalised) opens a sentence and ends
    it, and the sentence before ends with a comma, a speech verb and a name: its
    words and the quote's are that person's.  A sentence that only has a speech verb
    is not enough: the quote is as often a text or someone else's words it tells of
    (`Иван Петров рассказал, что получил от сына сообщение. «Папа, …»`, `Как сообщил
    Песков, Путин получил письмо от Байдена. «…»`).  Not after a verb that quotes
    another's text (`процитировал`) or asks, nor after a sentence of dialogue or
    quotes, nor a quote that names its own speaker between commas, as novels do
    (`"Неужели это я, думала Наташа, …"`).
    """
    if words < _WHOLE_PARAGRAPH_WORDS or not content[:1].isupper() or '"' in content:
        return None
    end = _stripped_end(text, open_)
    if end == 0 or text[end - 1] not in _TERMINATORS or text[end - 1] == "?":
        return None
    if not _SENTENCE_OVER_RE.match(text, close + 1):
        return None  # (the sentence goes on: a title it is about, or its own attribution)
    if any(
        speech_verb(m.group(1)) or m.group(1) in _INNER_SAYING
        for m in _INNER_ATTRIBUTION_RE.finditer(content)
    ):
        return None
    # (Only the part that says whose words they are: the sentence's own subject is another:
    # `Если Путин сможет …, объясняет Сплидбёль.` gave Путин.)
    tail = _says_at_end(text, (clauses.sentence_start(end), end))
    return LeadIn("sentence-before", tail) if tail is not None else None


#: A paragraph wholly in quote marks after one that ends with attributed speech goes on
#: with that speech if it is sentences, or one sentence of this many words (see
#: :func:`_ends_with_attributed_quote`): in dialogue the reply is most often short.
_WHOLE_CONTINUES_WORDS = 15


#: What marks a quote as another's reply rather than the speaker going on: a question
#: (an interviewer's: `«А не слишком ли это оптимистичный прогноз?»`), `ты` (one speaking
#: to another: `«Ты всегда так поступаешь…»`), or a rejoinder's `А` opening it (`«А я
#: хочу в горы…»`).
_REJOINDER_RE = re.compile(
    r"\?|(?<![а-яёА-ЯЁ])(?:[Тт]ы|[Тт]ебя|[Тт]ебе|[Тт]обой|[Тт]вой|[Тт]воя|[Тт]вое|[Тт]воё|[Тт]вои)"
    r"(?![а-яё])|^\s*А\s"
)


#: An interviewer's question as a paragraph of its own: a dash or the outlet's name and a
#: colon, then a question with no quote in it (`— Насколько важно сохранять санкции?`,
#: `VG: Нет ли у Вас ощущения, что мир забыл об Украине?`).
_INTERVIEW_QUESTION_RE = re.compile(r"(?:[—–-]|[A-ZА-ЯЁ][\w.]{0,20}:)\s*[^«»\"„“”\n]{3,600}\?")


#: A question put to someone else than the one answering so far (`А что думает ваш
#: коллега?`).
_ANOTHER_ASKED_RE = re.compile(r"(?:коллег|партнер|партнёр|собеседник|оппонент)", re.IGNORECASE)


def _words_at_least(text: str, count: int) -> bool:
    """Has ``text`` ``count`` words or more (read no further)?"""
    return len(list(itertools.islice(_WORDS_RE.finditer(text), count))) >= count


def _ends_sentences(text: str, close: int) -> bool:
    """Is the quote closing at ``close`` the whole rest of its paragraph, ending a sentence
    (a terminator before or after its closing mark: not a heading, `«С Россией надо
    говорить на языке силы»`)?"""
    rest = text[close + 1 :]
    if rest.strip(_AFTER_WHOLE):
        return False
    last = text[:close].rstrip()[-1:]
    return any(c in _TERMINATORS for c in rest) or (last != "" and last in _TERMINATORS)


#: A headline's quote without a speaker's or listener's pronoun is speech from this many
#: words.
_HEADLINE_SPEECH_WORDS = 5
#: What makes a headline's quote someone's words, not a title: a verb or a predicative
#: (`«Очень отвлекает»`, `«Нельзя»`), or a speaker's or listener's pronoun (`«С меня
#: самовар»`).
_HEADLINE_PREDICATES = frozenset({"VERB", "INFN", "PRED", "PRTS", "ADJS"})
_SPEAKING_PRONOUNS = frozenset(
    "я меня мне мной мы нас нам нами ты тебя тебе тобой вы вас вам вами мой моя мое моё мои"
    " наш наша наше наши".split()
)
#: A Russian word.
_CYRILLIC_WORD_RE = re.compile("[а-яё]", re.IGNORECASE)
#: A headline's colon (or full stop) after its opening quote (`«С меня самовар»: мэр
#: ответил…`, `«…». Камила Валиева о жизни вне льда`).
_HEADLINE_COLON_RE = re.compile(r"[:.]\s+")
#: Two capitalised words, a given name and a surname (`Камила Валиева`, `Жан-Поль Сартр`).
FULL_NAME_PATTERN = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
#: The preposition of what someone speaks about, after their name in a headline.
ABOUT_PATTERN = r"(?:о|об|обо|про)\s"
#: A full name, perhaps a dash, and what the person speaks about (`Камила Валиева о жизни…`,
#: `Валерий Карпин — о поражении сборной`); group 1: the name.
_NAME_ABOUT_RE = re.compile(rf"({FULL_NAME_PATTERN})(?:\s*[—–-])?\s+{ABOUT_PATTERN}")


def _headline_attribution(text: str, close: int, content: str, clauses: _Clauses) -> Span | None:
    """The clause after a headline's opening quote and a colon, where a speech verb is among
    its first words: `«Мы не планируем повышать налоги»: Силуанов рассказал о бюджете`,
    `«С меня самовар»: мэр Новокузнецка ответил на вопрос…`, the way news sites head
    an article with the words it reports.  Not an organisation's name (`«Газпром»:
    компания сообщила…`), nor a clause that says no one spoke (`«Очень отвлекает»:
    Лаврова сбили с мысли`)."""
    colon = _HEADLINE_COLON_RE.match(text, close + 1)
    if colon is None or _organisation_name(content):
        return None
    words = _WORD_RE.findall(content)
    if not any(w[:1].islower() and _CYRILLIC_WORD_RE.match(w) for w in words):
        return None  # (`"Blue Dali": власти Сочи констатируют…`: a name, in capitals)
    lower = [w.lower() for w in words]
    if len(lower) < 3:
        return None  # (`«Пусть говорят»: Малахов рассказал…`, `«Жди меня»`: a show's title)
    if not any(w in _SPEAKING_PRONOUNS for w in lower) and (
        len(lower) < _HEADLINE_SPEECH_WORDS
        or not any(part_of_speech(w) in _HEADLINE_PREDICATES for w in lower)
    ):
        # A title or a slogan may be a short sentence (`«Москва слезам не верит»: Алентова
        # рассказала…`, `«Сделано в России»: Мишустин рассказал…`; an independent
        # review's probes took 6 of 10 such for speech): words of a speaker's or a
        # listener's pronoun (`«С меня самовар»`), or five words with a verb or a
        # predicative, are someone's.  (`«Мастер и Маргарита»`: no verb, a title.)
        return None
    start = colon.end()
    end = clauses.clause_end(start)
    if end > start and _has_speech_verb(text, within=4, span=(start, end)):
        return start, end
    about = _NAME_ABOUT_RE.match(text, start)
    if about is not None:
        return about.span(1)  # (`«…». Камила Валиева о жизни вне льда`: a full name)
    return None


#: A headline wholly in quote marks is speech from this many words.
_HEADLINE_WORDS = 4
#: ... and at most this many characters (a headline, not a paragraph).
_HEADLINE_LENGTH = 200


def _quoted_headline(text: str, close: int, content: str, words: int) -> bool:
    """Is ``text``, an article's first line, wholly one quote of a sentence, as a headline
    quotes what the article reports (`«Изоляцией Запад толкнет Лукашенко в объятия
    Путина»`)?  Four words or more (``words``: its :func:`_word_count`), no sentence
    inside, nothing after it but a sentence's end; a short name (`«Южный поток»`) is no
    headline's speech."""
    if len(text) > _HEADLINE_LENGTH or text[close + 1 :].strip(_AFTER_WHOLE):
        return False
    return (
        words >= _HEADLINE_WORDS
        and _SENTENCE_INSIDE_RE.search(content) is None
        and '"' not in content
    )


#: Quoted words a sentence does not attribute are speech from this many words ...
_FRAGMENT_WORDS = 4
#: ... with a verb among this many of their first words.
_FRAGMENT_VERB_WITHIN = 12


def _unattributed_words(content: str, words: int) -> bool:
    """Are quoted words that nothing attributes someone's words: four or more (``words``:
    their :func:`_word_count`), opening in lower case, a verb, an infinitive or a gerund
    among their first twelve (`«заемщик не исполнил обязательства»`, `«не выполняя
    политических обязательств»`; not `«развлечений в узком кругу приближенных»`)?"""
    if words < _FRAGMENT_WORDS or not content[:1].islower() or '"' in content:
        return False
    return _has_verb(content)


def _colon_earlier(text: str, open_: int, clauses: _Clauses) -> LeadIn | None:
    """A colon lead-in earlier in the sentence of the quote opening at ``open_``, a speech
    verb among its first words, no other quote between: the quote is part of what it
    introduces."""
    start = clauses.sentence_start(_stripped_end(text, open_))
    colon = text.rfind(":", start, open_)
    if colon < 0 or QUOTE_MARKS_RE.search(text, start, open_):
        return None
    if not _has_speech_verb(text, within=12, span=(start, colon)):
        return None
    if _quotes_or_asks(text, start, colon):
        return None
    return LeadIn("colon", (start, colon))


def _according_earlier(text: str, open_: int, clauses: _Clauses) -> LeadIn | None:
    """The `По словам X,` (`по мнению`, `по оценке`…) opening the sentence of the quote at
    ``open_``, no other quote between: the quote is part of what it says X says."""
    start = clauses.sentence_start(_stripped_end(text, open_))
    if QUOTE_MARKS_RE.search(text, start, open_):
        return None
    opening = _OPENING_ACCORDING_RE.match(text, start, open_)
    if opening is None or text[opening.end() : opening.end() + 1] != ",":
        return None
    return LeadIn("according", (opening.start(), opening.end()))


def _sentences_of_their_own(text: str, open_: int, close: int, content: str, words: int) -> bool:
    """Is a quote that nothing attributes a sentence (or sentences) of its own, someone's
    words: capitalised, five words or more (``words``: its :func:`_word_count`) with a
    verb among its first twelve, opening its paragraph or a sentence and ending one
    (`Как поясняет Die Welt, передача — шоу для избирателей. «Ведь россияне понимают,
    что экономическая ситуация ухудшилась».`)?  Not a title the sentence goes on about
    (`«Маленький домик в прерии» вышел в 1935 году`), nor one with no verb."""
    if words < _WHOLE_PARAGRAPH_WORDS or not content[:1].isupper() or '"' in content:
        return False
    end = _stripped_end(text, open_)
    if end and text[end - 1] not in _TERMINATORS:
        return False
    source = _SOURCE_AFTER_RE.match(text, close + 1)  # (`» (Die Welt, 18.04).`)
    after = source.end() if source else close + 1
    return bool(_SENTENCE_OVER_RE.match(text, after)) and _has_verb(content)


#: A quote's source and date in brackets after it, as a press review cites (`«…» (Die Welt,
#: 18.04).`; not a name alone, `«…» (Джон Смит)`, its speaker's).
_SOURCE_AFTER_RE = re.compile(r"\s*\([^()«»\"\d]{1,40}\d[^()«»\"]{0,20}\)")


def _has_verb(content: str) -> bool:
    """Is a verb, an infinitive or a gerund among the first words of ``content``?"""
    return any(
        part_of_speech(word.casefold()) in ("VERB", "INFN", "GRND")
        for word in itertools.islice(
            map(_MATCHED, _WORD_RE.finditer(content)), _FRAGMENT_VERB_WITHIN
        )
    )


def _ends_with_attributed_quote(paragraph: str) -> bool:
    """Does ``paragraph`` end with a quote and its attribution, and no question (`«…», —
    сказал Обама.`)?  A paragraph wholly in quote marks after it goes on with the same
    speaker's words, as news sets a long statement (`«Но что еще важнее…»`); not
    after a question (`«…?» — спросил журналист`) or a cry: the next quote answers
    it."""
    close = max(paragraph.rfind(mark) for mark in '»"“”›')
    if close < 0 or paragraph[:close].rstrip(".…").endswith(("?", "!")):
        return False  # (a question or a cry: `«Убирайтесь из моего дома!» — закричал он`)
    attribution = _attribution_after(paragraph, close, _Clauses(paragraph))
    if attribution is None or paragraph[attribution[1] :].strip(_AFTER_WHOLE):
        return False
    return _QUESTION_VERB_RE.search(paragraph, *attribution) is None


def _says_at_end(text: str, span: Span) -> Span | None:
    """The part of the sentence ``span`` of ``text`` that ends it by saying whose words it
    reports (`…, объясняет Сплидбёль.`: `объясняет Сплидбёль.`), where it has no quote of
    its own and quotes or asks no one; else None."""
    sentence = text[span[0] : span[1]]
    if QUOTE_MARKS_RE.search(sentence) or _DIALOGUE_DASH_RE.search(sentence):
        return None
    says = _ENDS_SAYS_NAME_RE.search(sentence)
    if says is None or not speech_verb(says.group(1)):
        return None
    if _quotes_or_asks(sentence, 0, len(sentence)):
        return None
    return span[0] + says.start(1), span[1]


def _quotes_or_asks(text: str, start: int, end: int) -> bool:
    """Has ``text[start:end]`` a verb quoting another's text (`процитировал`) or asking
    (`спросил`)?  A quote after it is that text, or an answer: not its subject's words."""
    return bool(
        _QUOTING_VERB_RE.search(text, start, end) or _QUESTION_VERB_RE.search(text, start, end)
    )


#: A verb and the `что` of its clause (`говорит, что`).
_VERB_THAT_RE = re.compile(r"(?<![а-яёА-ЯЁ])([а-яё]+),?\s+что(?![а-яё])")
#: A word opening a subordinate clause (`где`, `когда`, `который`…).
_SUBORDINATE_RE = re.compile(
    r"(?<![а-яё])(?:где|куда|когда|котор\w*|если|пока|чтобы|хотя|поскольку|потому)(?![а-яё])",
    re.IGNORECASE,
)


def _opens_with_speech_verb(text: str, span: Span) -> bool:
    """Is a speech verb among the first :data:`_WHOLE_LEAD_WORDS` words of the sentence
    ``span`` of ``text``, before any word opening a subordinate clause (`Министр
    констатирует, что…`; not `Показали сюжет, где Путин сказал…`)?"""
    subordinate = _SUBORDINATE_RE.search(text, *span)
    main = (span[0], subordinate.start()) if subordinate is not None else span
    return _has_speech_verb(text, within=_WHOLE_LEAD_WORDS, span=main)


def _says_that(text: str, span: Span) -> bool:
    """Does the sentence ``span`` of ``text`` report words with a speech verb and its `что`,
    however far into it (`Главный редактор «Нашей нивы», одной из …, Андрей Скурко
    говорит, что…`), the verb the main clause's (no `где`, `когда`, `который`… before
    it: `сюжет, где Путин сказал, что …, и Петров выключил телевизор` is not Путин's)?"""
    return any(
        speech_verb(m.group(1)) and not _SUBORDINATE_RE.search(text, span[0], m.start())
        for m in _VERB_THAT_RE.finditer(text, *span)
    )


def _lead_in_text(text: str, previous_paragraph: str | None, lead_in: LeadIn) -> str:
    source = previous_paragraph if lead_in.kind == "previous-paragraph" else text
    return (source or "")[lead_in.span[0] : lead_in.span[1]]


def _last_sentence(text: str) -> Span:
    return _last_sentence_start(text), len(text) - 1 if text.endswith(":") else len(text)
