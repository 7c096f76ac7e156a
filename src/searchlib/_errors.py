"""The exception hierarchy: every failure searchlib reports is a SearchlibError."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CorpusError",
    "EvaluationError",
    "IndexConflictError",
    "IndexCorruptedError",
    "QueryError",
    "SearchIndexError",
    "SearchlibError",
    "SettingsError",
    "shown_value",
]


def shown_value(value: object, limit: int = 100) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters: an argument may be a
    10 MB string, or an integer too long for ``repr`` at all (over 4,300 digits).

    >>> shown_value(10**5000)
    'an integer of 5001 digits'
    >>> shown_value("x" * 200, limit=8)
    "'xxxxxx…"
    """
    try:
        text = repr(value)
    except ValueError:  # (an integer of more digits than Python converts)
        if isinstance(value, int):
            sign = "a negative" if value < 0 else "an"
            return f"{sign} integer of {_digits(value)} digits"
        return f"a {type(value).__name__}"
    except Exception:  # (a repr that fails: its type must do)
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _digits(value: int) -> int:
    """How many decimal digits ``value`` has, without converting it to text."""
    value = abs(value)
    digits = max(1, int(value.bit_length() * 0.3010299956639812))  # (the count, or one less)
    return digits + 1 if value >= 10**digits else digits


class SearchlibError(Exception):
    """Base class of every error searchlib raises on purpose.

    The message says what was wrong and what to do about it, so an
    application can show ``str(error)`` to its user as is.
    """


class CorpusError(SearchlibError):
    """A corpus file or folder cannot be used (missing, unreadable, not UTF-8, empty...).

    ``path`` names the offending file or folder.  Nothing is indexed when
    this is raised: an existing index stays as it was.
    """

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class SearchIndexError(SearchlibError):
    """The on-disk index cannot be created, opened or replaced.

    ``path`` names the index folder.
    """

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class IndexConflictError(SearchIndexError):
    """The index folder holds something the given corpus would replace: nothing was changed.

    An index of records, a collection edited with add/remove, or (when no
    corpus was named) another corpus.  Search it as it is with
    ``SearchEngine.open(path)``, name its own corpus, or replace it with
    ``rebuild=True``; the message says which.  ``source`` is the corpus folder
    or JSONL file the index records it was built from (None for a collection,
    or an index edited since).
    """

    def __init__(
        self, message: str, *, path: str | Path | None = None, source: str | Path | None = None
    ) -> None:
        super().__init__(message, path=path)
        self.source = Path(source) if source is not None else None


class IndexCorruptedError(SearchIndexError):
    """Index files are missing or damaged.  Rebuild with ``searchlib index build --force``."""


class QueryError(SearchlibError, ValueError):
    """A search request is invalid: bad query syntax or a bad parameter (limit, page, kind...)."""


class SettingsError(SearchlibError, ValueError):
    """A setting that cannot be used: an argument of ``SearchEngine`` (paths, limits,
    timeouts, flags) or a field of ``Ranking``.  The message says what it must be."""


class EvaluationError(SearchlibError):
    """A queries or judgments (qrels) file for evaluation cannot be used; the message says where."""
