"""Reading the sentence around a quote (searchlib._speech.clauses): how clause parts are folded."""

from __future__ import annotations

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
