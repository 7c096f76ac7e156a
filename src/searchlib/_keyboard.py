"""Keyboard layouts: a word typed with the wrong layout switched on, and back.

`ghbdtn` is `привет` typed on a Russian ЙЦУКЕН keyboard left in the English
QWERTY layout; `руддщ` is `hello` typed the other way.  The keys that carry
punctuation in one layout and letters in the other count too:
``;`` ``'`` ``,`` ``.`` ``[`` ``]`` `````` are ж э б ю х ъ ё.

These are pure conversions; whether a converted word is what was meant is
decided against the index vocabulary (:mod:`searchlib._spelling`).
"""

from __future__ import annotations

__all__ = ["LATIN_KEYS", "to_cyrillic", "to_latin", "wrong_layout_candidates"]

_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
_LATIN_SHIFT = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>~'
_CYRILLIC_SHIFT = "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"

_TO_CYRILLIC = str.maketrans(_LATIN + _LATIN_SHIFT, _CYRILLIC + _CYRILLIC_SHIFT)
_TO_LATIN = str.maketrans(_CYRILLIC + _CYRILLIC_SHIFT, _LATIN + _LATIN_SHIFT)

#: Characters a word typed in the Latin layout may consist of.
LATIN_KEYS = frozenset(_LATIN + _LATIN_SHIFT)
_CYRILLIC_KEYS = frozenset(_CYRILLIC + _CYRILLIC_SHIFT)


def to_cyrillic(text: str) -> str:
    """``text`` as typed in the Russian layout: ``to_cyrillic("ghbdtn") == "привет"``."""
    return text.translate(_TO_CYRILLIC)


def to_latin(text: str) -> str:
    """``text`` as typed in the English layout: ``to_latin("руддщ") == "hello"``."""
    return text.translate(_TO_LATIN)


def wrong_layout_candidates(token: str) -> tuple[str, ...]:
    """The other-layout readings of a whitespace-separated token, likeliest first (none: it
    cannot be one).

    A token made only of Latin-layout keys (letters and ``;',.[]```) reads as
    Cyrillic; a token of Cyrillic letters only reads as Latin.  Leading and
    trailing sentence punctuation that no key maps is left alone.  A lone
    leading ``"`` is first the capital ``Э`` it is on the Russian layout (a
    quote mark there is Shift and 2, which types ``@`` here: `"nj` -> `Это`),
    then a quote mark.

    >>> wrong_layout_candidates("ghbdtn"), wrong_layout_candidates("ce[fhm")
    (('привет',), ('сухарь',))
    >>> wrong_layout_candidates('"nj')
    ('Это', 'то')
    >>> wrong_layout_candidates("руддщ")
    ('hello',)
    >>> wrong_layout_candidates("2024"), wrong_layout_candidates("rekmnehyj-zpsrjdjuj")
    ((), ('культурно-языкового',))
    """
    core = token.strip('!?"()«»')
    if not core:
        return ()
    # (A hyphen is the same key in both layouts: `rekmnehyj-zpsrjdjuj` is
    # `культурно-языкового`.)
    if core[0] == "-":  # (`-слово`: an exclusion, not a word)
        return ()
    if all(ch in LATIN_KEYS or ch == "-" for ch in core) and any(ch.isalpha() for ch in core):
        inner = token.strip("!?()«»")  # (`"word"`: a quoted word, no Э)
        if inner[:1] == '"' and inner[1:] == core:
            return to_cyrillic(inner), to_cyrillic(core)
        return (to_cyrillic(core),)
    if all(ch in _CYRILLIC_KEYS or ch == "-" for ch in core) and any(ch.isalpha() for ch in core):
        return (to_latin(core),)
    return ()
