"""Stemming: identical with and without PyStemmer, cached, thread-safe."""

from __future__ import annotations

import importlib
import re
import threading

from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.russian_stemmer import RussianStemmer

from searchlib import _stemmer
from tests.conftest import ARTICLE, run_in_threads

# snowballstemmer's own pure-Python stemmers, whether or not PyStemmer is installed.
_PURE = {"russian": RussianStemmer, "english": EnglishStemmer}


def _vocabulary() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8").lower().replace("ё", "е")
    words = set(re.findall(r"[а-я]+", text))
    # Inflected forms the article does not have, to cover more endings.
    for base in ("интеграц", "молодеж", "государств", "сотрудничеств", "президент", "лаврин"):
        for ending in ("", "а", "ы", "и", "е", "у", "ой", "ей", "ами", "ях", "ию", "ия", "ого"):
            words.add(base + ending)
    return sorted(words)


def test_pure_python_and_pystemmer_give_identical_russian_stems() -> None:
    import Stemmer as stemmer_module  # a dependency of searchlib

    c_stemmer = stemmer_module.Stemmer("russian")
    pure = _PURE["russian"]()
    vocabulary = _vocabulary()
    assert len(vocabulary) > 300
    assert [pure.stemWord(w) for w in vocabulary] == [c_stemmer.stemWord(w) for w in vocabulary]
    assert [_stemmer.stem_russian(w) for w in vocabulary] == [pure.stemWord(w) for w in vocabulary]


def test_pure_python_and_pystemmer_give_identical_english_stems() -> None:
    import Stemmer as stemmer_module  # a dependency of searchlib

    words = ["power", "powers", "running", "organization", "generously", "soft", "media"]
    pure = _PURE["english"]()
    assert [pure.stemWord(w) for w in words] == stemmer_module.Stemmer("english").stemWords(words)
    assert [_stemmer.stem_english(w) for w in words] == [pure.stemWord(w) for w in words]


def test_backend_reports_the_stemmer_in_use() -> None:
    try:
        importlib.import_module("Stemmer")
    except ImportError:
        assert _stemmer.backend() == "snowballstemmer"
    else:
        assert _stemmer.backend() == "PyStemmer"


def test_stems_are_cached() -> None:
    _stemmer.stem_russian.cache_clear()
    _stemmer.stem_russian("интеграции")
    _stemmer.stem_russian("интеграции")
    info = _stemmer.stem_russian.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    assert info.maxsize == _stemmer.CACHE_SIZE


def test_the_stemmers_keep_no_second_cache_of_their_own() -> None:
    """PyStemmer's internal cache is off: the LRU caches above it keep the stems."""
    for language in ("russian", "english"):
        stemmer = _stemmer._thread_stemmer(language)
        assert getattr(stemmer, "maxCacheSize", 0) == 0
    assert _stemmer.stem_words(["интеграции", "интеграция"], "russian") == ["интеграц"] * 2


def test_each_thread_has_its_own_stemmer_and_results_agree() -> None:
    _stemmer.stem_russian.cache_clear()
    vocabulary = _vocabulary()
    expected = [_PURE["russian"]().stemWord(w) for w in vocabulary]
    seen: dict[int, object] = {}
    results: list[list[str]] = []

    def work() -> None:
        seen[threading.get_ident()] = _stemmer._thread_stemmer("russian")
        results.append([_stemmer.stem_russian(w) for w in vocabulary])

    run_in_threads(work, 6)
    assert len(results) == 6 and all(r == expected for r in results)
    assert len({id(s) for s in seen.values()}) == len(seen)
