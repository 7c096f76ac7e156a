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
