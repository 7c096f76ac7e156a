"""Person names found by a neural model: Natasha's news NER (slovnet, navec), loaded on first use.

The speaker rules read a name from a lexicon of given names and the regular
surname types; a name outside both (`Юрген Клинсман`, `Саеб Эрекат`, `Синдзо
Абэ`) is invisible to them, and so is the difference between a person and a
company or a place written the same way.  The model tags person spans (PER)
in any text: the speaker module asks it about capitalised words the lexicon
cannot read, one sentence at a time, and only in articles with quotes.

The model files ship inside the ``natasha`` wheel (``natasha/data``: the
navec news embeddings, 25 MB, and the slovnet NER model, 2.3 MB); they are
read from there without importing ``natasha`` itself (which would import
pymorphy2).  Loading takes about 0.2 s, once per process (only the
embeddings' codes are read: see :func:`_codes_only`); searching never loads
it.  Where the files cannot be found or loaded, :func:`person_spans`
answers nothing and the rules work alone.

The model's matrices are small: numpy's BLAS spreading each product over
every core costs more than it saves, and far more on a busy machine (2.5 ms
a reading on one thread against 6-14 ms on two cores, measured while other
processes ran).  Each reading runs with BLAS limited to one thread
(threadpoolctl; other threads of the process doing BLAS in those few
milliseconds are limited too).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import tarfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["available", "person_spans"]

_EMBEDDINGS = Path("emb") / "navec_news_v1_1B_250K_300d_100q.tar"
_MODEL = Path("model") / "slovnet_ner_news_v1.tar"
_lock = threading.Lock()  # one tagging at a time: the model keeps no per-call state we trust


def _data_dir() -> Path | None:
    """``natasha/data`` of the installed natasha wheel, found without importing it."""
    try:
        spec = importlib.util.find_spec("natasha")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.cache
def _tagger() -> Any:
    """The loaded slovnet NER tagger, or None when the model or its libraries are missing."""
    data = _data_dir()
    if data is None or not (data / _EMBEDDINGS).is_file() or not (data / _MODEL).is_file():
        return None
    try:
        from navec import Navec  # type: ignore[import-untyped]  # noqa: PLC0415 (lazy: heavy)
        from slovnet import NER  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        return None
    try:
        tagger = NER.load(str(data / _MODEL))
        try:
            embeddings = _codes_only(data / _EMBEDDINGS)
        except Exception:  # (navec's layout changed: its own, slower loader)
            embeddings = Navec.load(str(data / _EMBEDDINGS))
        tagger.navec(embeddings)
    except Exception:  # a damaged or incompatible model file: work without it
        return None
    return tagger


def _codes_only(path: Path) -> Any:
    """The navec embeddings as the tagger reads them: their id and quantised codes.

    ``Navec.load`` also reads the 250,000-word vocabulary and precomputes
    norms and code products for word similarity (0.4 s, most of the model's
    loading, measured); tagging uses neither (slovnet keeps its own
    vocabulary and takes only the indexes and codes).
    """
    from navec import Navec  # noqa: PLC0415 (lazy: heavy)
    from navec.meta import Meta  # type: ignore[import-untyped]  # noqa: PLC0415
    from navec.pq import PQ  # type: ignore[import-untyped]  # noqa: PLC0415

    class Codes(PQ):  # type: ignore[misc]
        def precompute(self) -> None:
            """(Nothing: the similarity tables are never used here.)"""

    with tarfile.open(path) as tar:
        meta_file, codes_file = tar.extractfile("meta.json"), tar.extractfile("pq.bin")
        if meta_file is None or codes_file is None:  # (members that are not files)
            raise ValueError(f"{path}: not a navec archive")
        meta = Meta.from_file(meta_file)
        codes = Codes.from_file(codes_file)
    return Navec(meta, None, codes)


@functools.cache
def _one_blas_thread() -> Callable[[], contextlib.AbstractContextManager[Any]]:
    """A context in which numpy's BLAS uses one thread (made once: finding the libraries
    costs over a millisecond, entering the context microseconds)."""
    try:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:  # (a dependency; without it the model is slower, not wrong)
        return contextlib.nullcontext
    try:
        controller = ThreadpoolController()
    except Exception:  # a BLAS threadpoolctl cannot read: slower, not wrong
        return contextlib.nullcontext

    def one_thread() -> contextlib.AbstractContextManager[Any]:
        try:
            return controller.limit(limits=1, user_api="blas")  # type: ignore[no-any-return]
        except Exception:  # (as above)
            return contextlib.nullcontext()

    return one_thread


def available() -> bool:
    """Can person names be tagged (is the model installed and loadable)?"""
    with _lock:
        return _tagger() is not None


@functools.lru_cache(maxsize=1 << 12)
def person_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each person name the model finds in ``text`` (a sentence or two).

    >>> person_spans("— заявил лорд Смит-Джонс, глава комитета.")  # doctest: +SKIP
    ((14, 24),)
    """
    if not text.strip():
        return ()
    with _lock:
        tagger = _tagger()
        if tagger is None:
            return ()
        try:
            with _one_blas_thread()():
                markup = tagger(text)
        except Exception:  # the model failing on odd input costs names, not the build
            return ()
    return tuple((span.start, span.stop) for span in markup.spans if span.type == "PER")
