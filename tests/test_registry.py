"""The people an article has named so far (searchlib._speech.registry)."""

from __future__ import annotations


def test_a_lone_surname_nobody_is_known_by_is_passed_over_as_registered() -> None:
    """A known-only mention that no registered surname or pseudonym fits: registering it finds
    no one and changes nothing but a pending role, which passing it over changes alike."""
    from searchlib._speech.mentions import ModelBudget, Skip, read_mentions
    from searchlib._speech.registry import PendingRole, Registry
    from searchlib._speech.roles import with_implied

    text = "Иван Петров пришёл. Он ушёл."
    found = {m.words: m for m in read_mentions(text, 0, len(text), Skip([]), ModelBudget({}))}
    petrov, lone = found[("Иван", "Петров")], found[("Он",)]
    for mention in (lone, lone._replace(sentence_initial=not lone.sentence_initial)):
        for where in (0, 1):
            registered, passed = Registry(), Registry()
            for registry in (registered, passed):
                registry.register(petrov)
                registry.pending = PendingRole(
                    "президент", with_implied("президент", frozenset()), 0
                )
                registry.where = where
            assert mention.known_only and not registered.may_know(mention)
            assert registered.register(mention, case="gen", said=True) is None
            passed.pass_over(mention)
            assert (registered.pending is None) == (passed.pending is None)
            assert [(p.name, p.seen) for p in registered._recent.values()] == [
                (p.name, p.seen) for p in passed._recent.values()
            ]


def test_pronoun_and_source_sentences_found_on_demand_are_those_of_every_paragraph() -> None:
    """Paragraphs taken before the first question are all searched, in any order of
    questions, and a paragraph taken after a question is searched when asked again: the
    sentences of each paragraph as searching it at once finds them."""
    from searchlib._speech.clauses import SENTENCE_END_RE
    from searchlib._speech.mentions import Skip
    from searchlib._speech.quotes import quoted_regions
    from searchlib._speech.registry import (
        Registry,
        anonymous_sentences,
        pointing_sentences,
        reported_clauses,
    )

    paragraphs = [
        "Министр выступил в среду. Вместе с ним был его заместитель.",
        "Источник в администрации заверил, что решение принято. По его словам, всё решено.",
        "«Мы готовы», — сказал он. Собеседник издания добавил, что сроки не изменятся.",
    ]
    read = []
    first = 0
    for text in paragraphs:
        breaks = [m.end() for m in SENTENCE_END_RE.finditer(text)]
        skip, reported = Skip(quoted_regions(text)), reported_clauses(text, breaks)
        read.append((text, breaks, first, skip, reported))
        first += len(breaks) + 1
    pointing = {n for t, b, f, _s, r in read for n in pointing_sentences(t, b, f, r)}
    sources = [x for t, b, f, s, r in read for x in anonymous_sentences(t, b, f, s, r)]
    assert pointing and sources  # (the paragraphs have both kinds)
    for order in (["pointing", "anonymous"], ["going_on", "pointing"], ["anonymous"]):
        registry = Registry()
        for sentences in read[:2]:
            registry.read_sentences(*sentences)
        for name in order:  # (asked between paragraphs too: the third is taken after)
            getattr(registry, name)
        registry.read_sentences(*read[2])
        assert registry.pointing == pointing
        assert registry.anonymous == {n for n, _ in sources}
        assert registry.going_on == {n for n, going_on in sources if going_on}


def test_full_names_read_two_ways_are_kept_for_a_later_surname_within_a_bound() -> None:
    """`на статью Тео Зоммера` registers no one, but a lone `Зоммер` that becomes a new
    person later takes its full name; an article of thousands of such names keeps a
    bounded number of their readings."""
    from searchlib._speech import ner
    from searchlib._speech.mentions import ModelBudget, Skip, read_mentions
    from searchlib._speech.registry import _UNSETTLED_MAX, Registry

    if not ner.available():
        import pytest

        pytest.skip("natasha's model files are not installed")
    text = "Посол отвечает на статью Тео Зоммера."
    [_, mention] = read_mentions(text, 0, len(text), Skip([]), ModelBudget({}), model=True)
    assert len({p.full for p in mention.parses}) == 2
    registry = Registry()
    assert registry.register(mention) is None
    lone = "— пишет Зоммер."
    [surname] = read_mentions(lone, 0, len(lone), Skip([]), ModelBudget({}), model=True)
    person = registry.register(surname, speaker_position=True)
    assert person is not None and person.name == "Тео Зоммер"
    many = Registry()
    for _ in range(1000):
        many.register(mention)
    assert len(many._unsettled) <= _UNSETTLED_MAX + len(mention.parses)
