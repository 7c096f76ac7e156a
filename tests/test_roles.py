"""Role nouns (searchlib._speech.roles): the attribution patterns they are read with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

_ACCORDING_CLAUSE = st.lists(
    st.sampled_from(
        ["по ", "ПО ", "По", "словам", "мнению", "данным", " ", ",", "а", "_", "1", "\n", "п"]
    ),
    max_size=8,
).map("".join)


@given(_ACCORDING_CLAUSE)
def test_according_to_in_the_genitive_is_found_where_the_boundary_pattern_found_it(
    clause: str,
) -> None:
    """`\\bпо словам`, looked for with its letters first (the regex engine skips to them):
    the same match as the pattern opening with the boundary."""
    import re

    from searchlib._speech.quotes import ACCORDING_NOUNS
    from searchlib._speech.roles import ACCORDING_GENITIVE_RE

    genitive = re.compile(rf"\bпо (?:{ACCORDING_NOUNS})\b")
    found, expected = ACCORDING_GENITIVE_RE.search(clause), genitive.search(clause)
    assert (found and found.span()) == (expected and expected.span())
