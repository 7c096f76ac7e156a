"""Keyboard-layout conversion."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchlib._keyboard import LATIN_KEYS, to_cyrillic, to_latin, wrong_layout_candidates


def test_every_key_including_punctuation_keys() -> None:
    assert to_cyrillic("ghbdtn") == "привет"
    assert to_cyrillic(";',.[]`") == "жэбюхъё"
    assert to_cyrillic('Ghbdtn: "{}<>~') == "ПриветЖ ЭХЪБЮЁ"
    assert to_latin("руддщ цщкдв") == "hello world"


def test_candidates() -> None:
    assert wrong_layout_candidates("vjkjl`;m") == ("молодёжь",)
    assert wrong_layout_candidates("rfhf,f[crfz") == ("карабахская",)
    assert wrong_layout_candidates("руддщ") == ("hello",)
    assert wrong_layout_candidates("ghbdtn?") == ("привет",)
    # (a hyphen is the same key in both layouts: a hyphenated word reads as one)
    assert wrong_layout_candidates("rekmnehyj-zpsrjdjuj") == ("культурно-языкового",)
    assert wrong_layout_candidates("soft-power") == ("ыщае-зщцук",)
    # (a minus before a word is an exclusion, whatever key its first letter is on)
    assert wrong_layout_candidates("ghbdtn-") == ("привет-",)  # (typed halfway through)
    for token in ("2024", "мир2", "!!!", "-", "--", '""', "-,fre", "--rfpf[cnfy"):
        assert wrong_layout_candidates(token) == ()


def test_a_lone_leading_double_quote_may_be_a_capital_e() -> None:
    # Shift and the э key type `"` in the English layout: `"rjyjvbrf` is `Экономика`
    # (a quote mark typed in the Russian layout is `@` here); then a quote mark.
    assert wrong_layout_candidates('"rjyjvbrf') == ("Экономика", "кономика")
    assert wrong_layout_candidates('("nj?') == ("Это", "то")
    # A quoted word, and two quote marks, are quote marks.
    assert wrong_layout_candidates('"rjyjvbrf"') == ("кономика",)
    assert wrong_layout_candidates('""nj') == ("то",)


@given(st.text(alphabet=sorted(LATIN_KEYS), min_size=1))
def test_round_trip(text: str) -> None:
    assert to_latin(to_cyrillic(text)) == text
