"""The engine's settings, checked in one place: what each may be, and one error for all.

Every keyword of :class:`~searchlib.SearchEngine`, :meth:`~searchlib.SearchEngine.open`
and :meth:`~searchlib.SearchEngine.from_documents`, and every field of
:class:`~searchlib.Ranking`, is checked against the table below; a value
that cannot be used raises :class:`~searchlib.SettingsError` saying what it
must be (`timeout must be a positive number of seconds (or None: no
limit), not -1`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

from searchlib._errors import SettingsError, shown_value

__all__ = [
    "MAX_EXPANSIONS_LIMIT",
    "MAX_PROCS",
    "check",
    "check_path",
    "check_weight",
    "procs_to_use",
]

#: Largest ``max_expansions`` an engine accepts.
MAX_EXPANSIONS_LIMIT = 10_000
#: Most build processes: more only cost (256 took 2.8 s for 6 paragraphs, 2 took 0.8 s,
#: and 100,000 started 861 processes in 8 s).
MAX_PROCS = 64


def _integer(low: float, high: float = math.inf) -> Callable[[object], bool]:
    def usable(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    return usable


def _number(low: float, high: float = math.inf, *, above: bool = False) -> Callable[[object], bool]:
    """Numbers from ``low`` (or above it) up to ``high`` (infinity and NaN never)."""

    def usable(value: object) -> bool:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        try:
            number = float(value)
        except OverflowError:  # (an integer beyond any float: no number of seconds)
            return False
        return (low < number if above else low <= number) and number <= high and number < math.inf

    return usable


def _optional(rule: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda value: value is None or rule(value)


def _flag(value: object) -> bool:
    return isinstance(value, bool)


def _ranking(value: object) -> bool:
    from searchlib._ranking import Ranking  # noqa: PLC0415 (Ranking checks its fields here)

    return value is None or isinstance(value, Ranking)


#: The largest :class:`~searchlib.Ranking` weight (the defaults are 0.1 to 1.5).
MAX_WEIGHT = 1_000_000

# name -> (is the value usable?, what it must be)
_RULES: dict[str, tuple[Callable[[object], bool], str]] = {
    "snippet_chars": (_integer(20), "an integer of at least 20"),
    "lock_timeout": (_number(0), "a number of seconds (0 or more)"),
    "timeout": (
        _optional(_number(0, above=True)),
        "a positive number of seconds (or None: no limit)",
    ),
    "max_expansions": (
        _integer(1, MAX_EXPANSIONS_LIMIT),
        f"an integer from 1 to {MAX_EXPANSIONS_LIMIT}",
    ),
    "procs": (
        _optional(_integer(1, MAX_PROCS)),
        f"an integer from 1 to {MAX_PROCS} or None (one per core)",
    ),
    "repair": (_flag, "True or False"),
    "rebuild": (_flag, "True or False"),
    "force": (_flag, "True or False"),
    "auto_build": (_flag, "True or False"),
    "add": (_flag, "True or False"),
    "progress": (lambda v: v is None or callable(v), "a function (done, total)"),
    "ranking": (_ranking, "a searchlib.Ranking"),
    # Ranking's fields: its weights, and BM25's b
    # (bounded: a sum of products of weights above this is no finite float)
    "weight": (_number(0, MAX_WEIGHT), f"a number from 0 to {MAX_WEIGHT:,}"),
    "b": (_number(0, 1), "a number between 0 and 1"),
    "word_classes": (_flag, "True or False"),
    "question_words": (_flag, "True or False"),
    "log_lengths": (_flag, "True or False"),
}


def check(**settings: object) -> None:
    """Raise :class:`SettingsError` for the first setting its rule refuses."""
    for name, value in settings.items():
        usable, what = _RULES[name]
        if not usable(value):
            raise SettingsError(f"{name} must be {what}, not {shown_value(value)}")


#: Ranking fields with a rule of their own; the others are weights.
_RANKING_RULES = frozenset({"b", "word_classes", "question_words", "log_lengths"})


def check_weight(name: str, value: object) -> None:
    """A :class:`~searchlib.Ranking` field: a weight is non-negative (``b`` at most 1 as
    well), a switch True or False."""
    usable, what = _RULES[name if name in _RANKING_RULES else "weight"]
    if not usable(value):
        raise SettingsError(f"{name} must be {what}, not {shown_value(value)}")


def check_path(value: object, what: str) -> Path:
    """A path argument (``str`` or ``os.PathLike``), else a :class:`SettingsError` naming it.

    Not an empty one: ``Path("")`` is the current folder, which nobody means by it.
    """
    if isinstance(value, str | os.PathLike):
        try:
            text = os.fspath(value)
        except Exception as exc:  # (a PathLike whose __fspath__ fails)
            raise SettingsError(f"{what} must be a path: {type(exc).__name__}: {exc}") from exc
        if not isinstance(text, str):  # (a PathLike of bytes: a name of unknown encoding)
            raise SettingsError(f"{what} must be a path as text, not {type(text).__name__}")
        if not text:
            raise SettingsError(f"{what} must be a path, not an empty string")
        if "\0" in text:
            raise SettingsError(f"{what} holds a NUL character, which no path can hold")
        return Path(text)
    raise SettingsError(
        f"{what} must be a path (str or os.PathLike), not {shown_value(value, 200)}"
    )


def procs_to_use(procs: int | None) -> int:
    """Processes to build with (checked): ``None`` means one per CPU core (at most
    :data:`MAX_PROCS`)."""
    check(procs=procs)
    return procs if procs is not None else min(os.cpu_count() or 1, MAX_PROCS)
