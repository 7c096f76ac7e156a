"""Cached, thread-safe Snowball stemming (Russian and English) for the analyzer.

``snowballstemmer.stemmer()`` returns PyStemmer's C stemmer when PyStemmer is
installed (a core dependency, so a plain ``pip install searchlib``) and its
own pure-Python one otherwise; both implement the same Snowball algorithms and
give the same stems.  Neither stemmer object is safe to share between threads, so each
thread gets its own, and an LRU cache in front means a word is stemmed once
per process (until the cache, bounded so hostile input cannot grow it without
limit, evicts it).

Nothing here is reachable from the pickled analyzer: filters call the
module-level functions, so an index never stores a stemmer object.
"""

from __future__ import annotations

import functools
import threading
from typing import Protocol

import snowballstemmer

__all__ = ["CACHE_SIZE", "backend", "stem_english", "stem_russian", "stem_words"]

#: Distinct words kept in each stem cache (about 100 bytes each).
CACHE_SIZE = 1 << 19


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


_local = threading.local()


def _thread_stemmer(language: str) -> _Stemmer:
    """The thread's stemmer, PyStemmer's own cache turned off.

    The LRU caches below keep every stem it makes, and builds stem each
    distinct word once and keep the stems themselves: its cache would only
    cost time (it makes ``stemWords`` three times slower on a batch of
    distinct words) and keep 10,000 more lists that Python's collector walks.
    """
    stemmers: dict[str, _Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        if hasattr(stemmer, "maxCacheSize"):  # (PyStemmer's; the pure-Python one has none)
            stemmer.maxCacheSize = 0
        stemmers[language] = stemmer
    return stemmer


@functools.lru_cache(maxsize=CACHE_SIZE)
def stem_russian(word: str) -> str:
    """Snowball Russian stem of a lower-cased word (``интеграции`` -> ``интеграц``)."""
    return _thread_stemmer("russian").stemWord(word)


@functools.lru_cache(maxsize=CACHE_SIZE)
def stem_english(word: str) -> str:
    """Snowball English (Porter2) stem of a lower-cased word (``powers`` -> ``power``)."""
    return _thread_stemmer("english").stemWord(word)


def backend() -> str:
    """``"PyStemmer"`` when the C stemmers are in use, else ``"snowballstemmer"``."""
    module = type(_thread_stemmer("russian")).__module__
    return "PyStemmer" if module.split(".")[0] == "Stemmer" else "snowballstemmer"


def stem_words(words: list[str], language: str) -> list[str]:
    """Stems of many words at once, uncached (one call into the stemmer: index builds)."""
    stemmer = _thread_stemmer(language)
    many = getattr(stemmer, "stemWords", None)
    if many is not None:
        return list(many(words))
    return [stemmer.stemWord(w) for w in words]
