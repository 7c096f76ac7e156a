"""Reading the sentence around a quote (searchlib._speech.clauses): how clause parts are folded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st


def test_no_letter_but_a_cyrillic_one_lowers_into_a_word() -> None:
    """clause_info folds a clause part with ``lower`` before reading its words: Cyrillic
    letters lower as they casefold, and no other code point lowers to a Cyrillic letter or a
    hyphen, so the words are those read first and folded one by one."""
    import sys

    from searchlib._speech.names import fold

    cyrillic = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    cyrillic |= {c.upper() for c in cyrillic}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in cyrillic:
            assert char.lower().replace("ё", "е") == fold(char)
        elif char != "-":
            assert not (set(char.lower()) & (cyrillic | {"-"})), hex(code)


@given(st.text(alphabet=st.sampled_from(list("АаЁёЯя-  İΣσςKẞ,.")), max_size=30))
def test_a_clause_part_lowered_has_the_folded_words(part: str) -> None:
    from searchlib._speech.mentions import WORD_RE
    from searchlib._speech.names import fold_all

    lowered = WORD_RE.findall(part.lower().replace("ё", "е"))
    assert lowered == fold_all(WORD_RE.findall(part))


def test_a_pronoun_opening_what_a_lead_in_reports_is_not_its_subject() -> None:
    """`Прокуратура заявила, что он «…»`: `он` is whom the words are about (a noun before
    `что`, the verb of another gender); not where the pronoun has a verb of its own
    (`что он пойдет`) or the lead-in no subject but its verb (`Заявил, что он «…»`)."""
    from searchlib._speech.clauses import _reported_subject

    def reported(clause: str, gender: str | None) -> bool:
        words = clause.split()
        return _reported_subject(
            words, words.index(next(w for w in words if w in ("он", "она", "они"))), gender
        )

    assert reported("прокуратура заявила что он", "f")
    assert reported("суд обвинил ивана петрова в том что он", "m")
    assert reported("но сказала что он мол", "f")
    assert reported("заявила что хотя он ей", "f")
    assert not reported("заявил что он", "m")
    assert not reported("пригрозил что он пойдет и расскажет", "m")
    assert not reported("петров сказал что вчера вечером он", "m")  # (not right after `что`)
    assert not reported("клинтон признается что она", "?")  # (a name: the pronoun's gender)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        # a list of genitives the comma goes on: one description
        (
            "уполномоченный МИД по вопросам прав человека, демократии и верховенства права"
            " Константин Долгов назвал",
            True,
        ),
        ("Министр культуры, спорта и туризма Иван Петров заявил", True),
        # not a list of people, a clause of its own, or a list with no name after it
        ("Министр культуры, Иван Петров и Анна Смирнова заявили", False),
        ("Министр культуры, который выступал и спорил, Иван Петров", False),
        ("вопросы культуры, спорта и туризма обсуждались", False),
    ],
)
def test_a_comma_inside_a_list_of_genitives_ends_no_part(text: str, joined: bool) -> None:
    from searchlib._speech.clauses import _joined_lists, comma_parts

    parts = comma_parts(text, (0, len(text)))
    words = [text[a:b].lower().split() for a, b in parts]
    joined_parts, _ = _joined_lists(text, parts, [[w.strip(",") for w in p] for p in words])
    assert (len(joined_parts) < len(parts)) == joined


@pytest.mark.parametrize(
    ("before", "clause", "goes_on"),
    [
        # the present in the `что` clause, the past after `и`: the first verb's second
        (
            ["порошенко", "заявил"],
            ["что", "путин", "ненавидит", "украину", "и", "предупредил"],
            True,
        ),
        # (the clause's own verbs in the past: its subject's, as read)
        (["песков", "заявил"], ["что", "путин", "провел", "совещание", "и", "предупредил"], False),
        # (no speech verb in the past before the clause; no `и` before the verb)
        (
            ["песков", "говорит"],
            ["что", "путин", "ненавидит", "украину", "и", "предупредил"],
            False,
        ),
        (["порошенко", "заявил"], ["что", "путин", "ненавидит", "украину", "предупредил"], False),
    ],
)
def test_a_speech_verb_after_and_in_a_that_clause_may_go_on_the_first(
    before: list[str], clause: list[str], goes_on: bool
) -> None:
    from searchlib._speech.clauses import goes_on_the_main_verb

    assert goes_on_the_main_verb(before, clause, len(clause) - 1) == goes_on
