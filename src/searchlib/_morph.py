"""Russian morphology from pymorphy3: lemmas and word classes, cached and thread-safe.

pymorphy3 (a maintained fork of pymorphy2, with OpenCorpora's dictionary)
gives a word's dictionary form (`шёл` -> `идти`, `людей` -> `человек`) where a
stemmer cannot, and its part of speech.  searchlib uses the first for the
``lemma`` field and the second to weigh query words: names most, nouns
normally, other words less.  The analyzer is loaded once, on first use
(about 60 ms and 25 MB); words are looked up once per process.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

import pymorphy3

__all__ = [
    "WordClass",
    "abbreviation",
    "analyzer",
    "forms",
    "has_common_reading",
    "in_dictionary",
    "lemma",
    "likeliest_tag",
    "names_no_one",
    "parses",
    "query_lemma",
    "word_class",
    "written_in_capitals",
]

WordClass = Literal["name", "noun", "other", "unknown"]

_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
_RUSSIAN_RE = re.compile("[а-яё]")
_OTHER_POS = frozenset(
    "VERB INFN ADJF ADJS PRTF PRTS GRND ADVB COMP PRED NPRO NUMR PREP CONJ PRCL INTJ".split()
)


@functools.cache
def analyzer() -> Any:
    """The process's one pymorphy3 ``MorphAnalyzer`` (loaded on first use, read-only after:
    one serves every thread)."""
    return pymorphy3.MorphAnalyzer()


def _is_russian(word: str) -> bool:
    return _RUSSIAN_RE.search(word) is not None


@functools.lru_cache(maxsize=1 << 19)
def lemma(word: str) -> str:
    """Dictionary form of a lower-case word, ``ё`` folded: `людей` -> `человек`.

    The normal form of pymorphy3's most probable dictionary parse (what
    ``analyzer().parse(word)[0].normal_form`` gives, in less than half the
    time: see :func:`_dictionary_lemma`).  Words its dictionary does not know, and
    words without Russian letters, come back unchanged: pymorphy3's guess for
    an unknown word (by analogy with known endings) costs fifteen times a
    dictionary look-up, and it moved neither MuSeRC's nor DaNetQA's
    development figures (MRR@10 ±0.0001) over the word itself.
    """
    if not _is_russian(word):
        return word
    try:
        found = _dictionary_lemma(word)
    except ValueError:  # pymorphy3 fails on letters without a Unicode name (`𗀀а`)
        return word
    return word if found is None else found


def query_lemma(word: str) -> str:
    """:func:`lemma` of a query word, from the parse that :func:`word_class` reads too (cached).

    The same lemma: the normal form of the most probable parse, which is the
    one normal form when the parses agree.  A query word's lemma and class
    take one dictionary look-up and one ranking: 5.9 us instead of 8.9 (the
    3,067 dictionary words of 1,000 development questions).  Index builds
    call :func:`lemma`, which ranks only words whose parses disagree.
    """
    if not _is_russian(word):
        return word
    try:
        found = _best_parse(word)
    except ValueError:  # as in lemma()
        return word
    return word if found is None else found[0]


def _dictionary_lemma(word: str) -> str | None:
    """The normal form (``ё`` folded) of a dictionary word's most probable parse; None: not in it.

    The parses are ranked only when their normal forms differ: of the 80,000
    distinct words of 20,000 paragraphs of novels, 55% have one parse and
    another 30% several parses of one normal form (`недели`: singular
    genitive, plural nominative and accusative of `неделя`).  Ranking every
    word's parses (as :func:`_best_parse` does) took 0.50 s for them, this 0.36 s.
    """
    items = _dictionary_items(word)
    if not items:
        return None
    normal_form = analyzer().dictionary.build_normal_form
    found = {
        normal_form(para_id, index, fixed).replace("ё", "е")
        for fixed, parses in items
        for para_id, index in parses
    }
    if len(found) == 1:
        return str(found.pop())
    best = _ranked(word, items)
    return str(normal_form(*best[:3])).replace("ё", "е")


@functools.lru_cache(maxsize=1 << 16)
def _best_parse(word: str) -> tuple[str, Any] | None:
    """(normal form, ``ё`` folded; tag) of a dictionary word's most probable parse; None: not in it.

    What ``MorphAnalyzer.parse`` returns first for a lower-case dictionary
    word, without building every parse (``tests/test_morph.py`` compares the
    two).  Cached: a query word's lemma (:func:`query_lemma`) and class
    (:func:`word_class`) both come from it, one look-up and one ranking.
    """
    items = _dictionary_items(word)
    if not items:
        return None
    para_id, index, fixed, tag = _ranked(word, items)
    normal_form = analyzer().dictionary.build_normal_form(para_id, index, fixed)
    return str(normal_form).replace("ё", "е"), tag


@functools.lru_cache(maxsize=1 << 14)
def likeliest_tag(word: str) -> Any:
    """The tag of pymorphy3's most probable parse of a lower-case word (guessed from its
    ending when the dictionary lacks it): what ``analyzer().parse(word)[0].tag`` gives,
    kept, for the speech rules, which ask about the same words again and again."""
    return analyzer().parse(word)[0].tag


def parses(word: str) -> list[Any]:
    """pymorphy3's parses of a lower-case ``word``, most probable first; none where
    pymorphy3 fails on it (letters without a Unicode name: `𗀀а`)."""
    try:
        return analyzer().parse(word)  # type: ignore[no-any-return]
    except ValueError:
        return []


def in_dictionary(word: str) -> bool:
    """Does OpenCorpora's dictionary hold a lower-case ``word`` (a look-up, no guessing)?

    Cheap where a full parse is not: an unknown word costs ``MorphAnalyzer.parse``
    its guesses from endings, ten times the look-up.
    """
    try:
        return bool(_dictionary_items(word))
    except ValueError:  # as in lemma()
        return False


@functools.lru_cache(maxsize=1 << 14)
def has_common_reading(word: str) -> bool:
    """Does the dictionary read a lower-case ``word``, in one parse at least, as a common word?

    That is a parse that is no noun naming a person, place or organisation and
    not one of the misspelt or distorted forms OpenCorpora records (`алмазы`,
    `арене`, `украинское`: yes; `азматы`, a given name, `аностасия`, a
    variant of one, and `армении`: no).  The spelling checks take such a word
    as typed as meant (see :mod:`searchlib._spelling`); names are where typos
    are, and the dictionary holds many spellings of them.  (The speech rules'
    :func:`searchlib._speech.names.is_common_word` asks another question: is a
    capitalised word known only as an ordinary word, in every parse.)
    """
    for tag in _dictionary_tags(word):
        common = _common_tags.get(tag)
        if common is None:
            if len(_common_tags) >= 1 << 14:
                _common_tags.clear()
            grammemes = tag.grammemes
            common = _common_tags[tag] = not (
                _MISSPELT & grammemes or (tag.POS == "NOUN" and _PROPER & grammemes)
            )
        if common:
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def names_no_one(word: str) -> bool:
    """Does the dictionary read a lower-case ``word``, in every parse, as the name of a place
    or an organisation or as a common word's plural (`нидерландов`, `саратова`,
    `штатов`), never as one person (not `ростова`, a surname too; not `попов`; not
    `кириллов`, a given name's plural, as surnames made of given names are; nor a word it
    lacks)?  A plural place's name whose other parses are all plurals, a woman's given
    name's too, names no one either (`филиппин`, `афин`: the Philippines', Athens', and the
    plural of `Филиппина`, `Афина`, not a man `Филиппин`; but `нилов`, a man's given
    name's plural, and `кирсанов`, a town in the singular, are still surnames)."""
    tags = _dictionary_tags(word)
    if not tags:
        return False
    if all(
        _PLACE_NAMES & tag.grammemes or (tag.number == "plur" and not _PERSON_NAMES & tag.grammemes)
        for tag in tags
    ):
        return True
    return any(_PLACE_NAMES & tag.grammemes and tag.number == "plur" for tag in tags) and all(
        _PLACE_NAMES & tag.grammemes
        or (tag.number == "plur" and (tag.gender == "femn" or not _PERSON_NAMES & tag.grammemes))
        for tag in tags
    )


#: A noun's grammemes that make it the name of a place or an organisation.
_PLACE_NAMES = frozenset({"Geox", "Orgn"})
#: A noun's grammemes that make it a person's name.
_PERSON_NAMES = frozenset({"Name", "Surn", "Patr"})


def _dictionary_tags(word: str) -> list[Any]:
    """The tags of a lower-case ``word``'s dictionary parses (none for a word the dictionary
    lacks, or one pymorphy3 fails on: letters without a Unicode name)."""
    try:
        items = _dictionary_items(word)
    except ValueError:
        return []
    build_tag = analyzer().dictionary.build_tag_info
    return [build_tag(para_id, index) for _fixed, parses in items for para_id, index in parses]


def written_in_capitals(word: str) -> bool:
    """May a lower-case ``word`` be one that is written in capitals: an abbreviation to the
    dictionary (`нато`, `мид`), an organisation's name (`тасс`, `фифа`: the dictionary
    does not mark them as abbreviations) or a word it does not know (`отг`)?  Capitals of
    a word it reads otherwise (`москва`) beside its other forms are a headline's or a
    dateline's."""
    tags = _dictionary_tags(word)
    return not tags or _abbreviation_tag(tags)


def abbreviation(word: str) -> bool:
    """Does the dictionary read a lower-case ``word`` as an abbreviation or an organisation's
    name (`нато`, `цска`), however else it reads it?"""
    return _abbreviation_tag(_dictionary_tags(word))


def _abbreviation_tag(tags: list[Any]) -> bool:
    return any(_CAPITALS & tag.grammemes for tag in tags)


#: Grammemes of words that may be written in capitals: abbreviations, organisations.
_CAPITALS = frozenset({"Abbr", "Orgn"})


#: OpenCorpora's misspelt (Erro) and distorted (Dist) forms: no parse of a common word.
_MISSPELT = frozenset({"Erro", "Dist"})
#: A noun's grammemes that make it a name: of a person, place, organisation or trademark.
_PROPER = _NAME_TAGS | {"Trad"}
#: Whether each tag seen is a common word's (a few hundred tags).
_common_tags: dict[Any, bool] = {}


def _dictionary_items(word: str) -> list[tuple[str, Any]]:
    """pymorphy3's dictionary entries of ``word``: (the form found, its (paradigm, form)s)."""
    morph = analyzer()
    return morph.dictionary.words.similar_items(word, morph.char_substitutes)  # type: ignore[no-any-return]


def _ranked(word: str, items: list[tuple[str, Any]]) -> tuple[int, int, str, Any]:
    """The most probable of a dictionary word's parses (``items``: ``similar_items``', not none).

    Ranked by P(tag | word), as ``MorphAnalyzer.parse`` ranks them: the first
    of the most probable; the first parse when no probability is known.
    """
    morph = analyzer()
    dictionary = morph.dictionary
    parses = [
        (para_id, index, fixed, dictionary.build_tag_info(para_id, index))
        for fixed, found in items
        for para_id, index in found
    ]
    best = parses[0]
    if morph.prob_estimator is not None and len(parses) > 1:  # (one parse: no question)
        probability_of = morph.prob_estimator.p_t_given_w.prob
        best_probability = 0.0
        for parse in parses:
            probability = probability_of(word, parse[3])
            if probability > best_probability:
                best, best_probability = parse, probability
    return best


@functools.lru_cache(maxsize=1 << 14)
def forms(lemma_: str) -> frozenset[str]:
    """Every form of the word whose dictionary form is ``lemma_`` (lower case, ``ё`` folded).

    `человек` -> {`человек`, `люди`, `людей`, …}: the words that :func:`lemma`
    may map to it, found without analysing each candidate word.  A dictionary
    word's forms are read from its paradigms, as pymorphy3's ``parse`` and
    ``lexeme`` build them, without their tags and parse objects (62 -> 26 us
    a lemma of the words of 1,000 development questions; tests/test_morph.py
    compares the two ways).
    """
    if not _is_russian(lemma_):
        return frozenset((lemma_,))
    found = {lemma_}
    try:
        # (A word of two letters or more, in lower case: pymorphy3's parse then gives
        # the dictionary's parses alone, when it has any.)
        items = _dictionary_items(lemma_) if len(lemma_) > 1 and lemma_ == lemma_.lower() else None
        if items:
            _add_paradigm_forms(lemma_, items, found)
        else:
            for parse in analyzer().parse(lemma_):
                if str(parse.normal_form).replace("ё", "е") == lemma_:
                    found.update(str(form.word).replace("ё", "е") for form in parse.lexeme)
    except ValueError:  # as in lemma()
        pass
    return frozenset(found)


def _add_paradigm_forms(lemma_: str, items: list[tuple[str, Any]], found: set[str]) -> None:
    """Add to ``found`` every form of the paradigms of ``items`` (``lemma_``'s dictionary
    entries) whose normal form is ``lemma_``: the words of those parses' ``lexeme``."""
    dictionary = analyzer().dictionary
    prefixes, suffixes = dictionary.paradigm_prefixes, dictionary.suffixes
    for fixed, parses in items:
        for para_id, index in parses:
            if dictionary.build_normal_form(para_id, index, fixed).replace("ё", "е") != lemma_:
                continue
            paradigm = dictionary.paradigms[para_id]
            stem = dictionary.build_stem(paradigm, index, fixed)
            count = len(paradigm) // 3
            found.update(
                (prefixes[paradigm[2 * count + i]] + stem + suffixes[paradigm[i]]).replace("ё", "е")
                for i in range(count)
            )


@functools.lru_cache(maxsize=1 << 16)
def word_class(word: str) -> WordClass:
    """What kind of word a lower-case query word most likely is (cached: query words recur)."""
    if not _is_russian(word):
        return "unknown"
    try:
        best = _best_parse(word)
        tag = best[1] if best is not None else analyzer().parse(word)[0].tag
    except ValueError:  # as in lemma()
        return "unknown"
    kind = _tag_classes.get(tag)
    if kind is None:
        if len(_tag_classes) >= 1 << 14:
            _tag_classes.clear()
        kind = _tag_classes[tag] = _class_of(tag)
    return kind


#: The class of each tag seen (a few hundred; reading a tag's grammemes costs 0.85 us, this 0.1).
_tag_classes: dict[Any, WordClass] = {}


def _class_of(tag: Any) -> WordClass:
    if _NAME_TAGS & set(tag.grammemes):
        return "name"
    if tag.POS == "NOUN":
        return "noun"
    if tag.POS in _OTHER_POS:
        return "other"
    return "unknown"
