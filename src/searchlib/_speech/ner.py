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
pymorphy2).  Loading takes about 0.1 s, once per process (the embeddings'
codes are memory-mapped, not read: see :func:`_codes_only`; the vocabularies
made faster: see :func:`_load_model`); searching never loads it.  Where the
files cannot be found or loaded, :func:`person_spans` answers nothing and the
rules work alone.

The model's matrices are small: numpy's BLAS spreading each product over
every core costs more than it saves, and far more on a busy machine (2.5 ms
a reading on one thread against 6-14 ms on two cores, measured while other
processes ran).  Each reading runs with BLAS limited to one thread
(threadpoolctl; other threads of the process doing BLAS in those few
milliseconds are limited too), and goes through :class:`_Network`, which
computes what slovnet computes without its machinery for batches.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import importlib.util
import tarfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["available", "person_spans"]

_EMBEDDINGS = Path("emb") / "navec_news_v1_1B_250K_300d_100q.tar"
_MODEL = Path("model") / "slovnet_ner_news_v1.tar"
# Words whose first-layer products the network keeps (3 KB each, up to 24 MB): the
# 104,253 novel paragraphs' readings have 3,043 different words.
_PROJECTED_WORDS = 1 << 13
# Words whose ids (word and shape) the network keeps: a dict entry of about 150 bytes each.
_KNOWN_WORDS = 1 << 16
# One tagging at a time: slovnet keeps no per-call state we trust, and the network's stores
# of word ids and first-layer products (see _Network) are shared by every reading.
_lock = threading.Lock()


def _data_dir() -> Path | None:
    """``natasha/data`` of the installed natasha wheel, found without importing it."""
    try:
        spec = importlib.util.find_spec("natasha")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


Spans = tuple[tuple[int, int], ...]


@functools.cache
def _tagger() -> Callable[[str], Spans] | None:
    """The loaded model, as text -> its person spans; None when the model or its libraries
    are missing."""
    data = _data_dir()
    if data is None or not (data / _EMBEDDINGS).is_file() or not (data / _MODEL).is_file():
        return None
    try:
        from navec import Navec  # type: ignore[import-untyped]  # noqa: PLC0415 (lazy: heavy)
        from slovnet import NER  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        return None
    try:
        try:
            tagger = _load_model(data / _MODEL)
        except Exception:  # (slovnet's layout changed: its own, slower loader)
            tagger = NER.load(str(data / _MODEL))
        try:
            embeddings = _codes_only(data / _EMBEDDINGS)
        except Exception:  # (navec's layout changed: its own, slower loader)
            embeddings = Navec.load(str(data / _EMBEDDINGS))
        tagger.navec(embeddings)
    except Exception:  # a damaged or incompatible model file: work without it
        return None
    try:
        return _Network(tagger)
    except Exception:  # (slovnet's layout changed: its own, slower tagging)
        return lambda text: _people(tagger(text).spans)


class _Network:
    """slovnet's NER model run on one text: slovnet's layers, without its batch machinery.

    slovnet tags texts in batches: it pads them to one length, masks the
    padding after each layer, pads each convolution's input with ``np.pad``
    and decodes the batch's tags together.  For the one text a reading has,
    that machinery is a third of the cost.  Here each convolution is one
    matrix product of the layer's input with the weights of every kernel
    position side by side (reordered once, at load), whose parts are then
    added shifted by their position: the same terms as slovnet's, grouped by
    kernel position.  The first layer's product depends on one word only, so
    it is kept per word (:data:`_PROJECTED_WORDS` of them): three words in
    four of a reading were read before, and that product is two thirds of
    the arithmetic.  Each word's is computed alone, so it has the same bits
    whatever was read before (in any process of a ``procs`` build).  With
    the word ids kept too, and the tags turned into spans directly, a
    reading of the 104,253 novel paragraphs' 1,057 takes 0.30-0.42 ms
    against 0.45-0.56 (timed alone, alternating, on a noisy machine).  The
    products add the same terms in another order than slovnet's, so a score
    may differ in its last bits (at most 1.8e-5 on those readings, as
    slovnet's own batches of 8 differ from its batches of one); the names
    were the same on every reading, and a test holds them to slovnet's.
    Tokens are razdel's (slovnet's tokeniser), found in the text and turned
    into spans as slovnet's ``BIOMarkup`` does.
    """

    def __init__(self, tagger: Any) -> None:
        import numpy as np  # noqa: PLC0415 (loaded with the model anyway)
        from razdel import tokenize  # type: ignore[import-untyped]  # noqa: PLC0415
        from slovnet.shape import word_shape  # type: ignore[import-untyped]  # noqa: PLC0415

        infer = tagger.infer
        model = infer.model
        self._tokenize: Callable[[str], Any] = tokenize
        self._word_shape: Callable[[str], str] = word_shape
        self._words_vocab = infer.encoder.words_vocab
        self._shapes_vocab = infer.encoder.shapes_vocab
        self._known_ids: dict[str, tuple[int, int]] = {}
        self._tag_names: list[str] = infer.decoder.tags_vocab.items
        word, shape = model.emb.word, model.emb.shape
        self._word_indexes, self._word_codes = word.indexes.array, word.codes.array
        self._qdims, self._shapes = word.qdims, shape.weight.array
        # Per layer: the convolution's weights as one (channels, kernel x out) matrix, the
        # kernel positions side by side (slovnet's weights are out, channel, position), its
        # padding, then the batch norm.
        self._layers = []
        for layer in model.encoder.layers:
            weight = layer.conv.weight.array  # (out, channels, kernel)
            _, channels, kernel = weight.shape
            padding = layer.conv.padding
            if kernel != 2 * padding + 1:  # (a layer that changes the length: slovnet's own)
                raise ValueError("a convolution that does not keep the text's length")
            self._layers.append(
                (
                    np.ascontiguousarray(weight.transpose(1, 2, 0).reshape(channels, -1)),
                    kernel,
                    padding,
                    layer.conv.bias.array,
                    layer.norm.mean.array,
                    layer.norm.std.array,
                    layer.norm.weight.array,
                    layer.norm.bias.array,
                )
            )
        first, kernel = self._layers[0][:2]
        self._projected: dict[tuple[int, int], int] = {}  # (word, shape) ids -> row
        self._projections = np.empty(
            (_PROJECTED_WORDS, kernel, first.shape[1] // kernel), dtype=first.dtype
        )
        self._projection = model.head.proj.weight.array, model.head.proj.bias.array
        self._transitions = model.head.crf.transitions.array

    def _words(self, text: str) -> list[str]:
        """The text's tokens, as slovnet's ``text_words`` reads them."""
        return [token.text for token in self._tokenize(text)]

    def _ids(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Each word's id and shape id, as slovnet's encoder gives them (kept per word)."""
        known = self._known_ids
        if len(known) > _KNOWN_WORDS:
            known.clear()
        word_ids, shape_ids = [], []
        for word in words:
            ids = known.get(word)
            if ids is None:
                ids = known[word] = (
                    self._words_vocab.encode(word.lower()),
                    self._shapes_vocab.encode(self._word_shape(word)),
                )
            word_ids.append(ids[0])
            shape_ids.append(ids[1])
        return word_ids, shape_ids

    def _first_products(self, word_ids: list[int], shape_ids: list[int]) -> Any:
        """Each word's input times the first layer's weights, per kernel position:
        ``(words, kernel, out)``, from :attr:`_projected` where the word was read before."""
        import numpy as np  # noqa: PLC0415

        projected, table = self._projected, self._projections
        keys = list(zip(word_ids, shape_ids, strict=True))
        fresh = [key for key in dict.fromkeys(keys) if key not in projected]
        if len(projected) + len(fresh) > len(table):  # (full: start again)
            projected.clear()
            fresh = list(dict.fromkeys(keys))
            if len(fresh) > len(table):  # (more words than the store holds: not kept)
                return np.stack([self._first_product(*key) for key in keys])
        for key in fresh:
            row = len(projected)
            table[row] = self._first_product(*key)
            projected[key] = row
        return table[[projected[key] for key in keys]]

    def _first_product(self, word_id: int, shape_id: int) -> Any:
        """One word's input times the first layer's weights, ``(kernel, out)`` (alone: the
        same bits whatever else is read)."""
        import numpy as np  # noqa: PLC0415

        weight, kernel = self._layers[0][:2]
        x = np.concatenate(
            (
                self._word_codes[self._qdims, self._word_indexes[word_id]].reshape(-1),
                self._shapes[shape_id],
            )
        )
        return np.matmul(x, weight).reshape(kernel, -1)

    @staticmethod
    def _convolved(
        products: Any, padding: int, bias: Any, mean: Any, std: Any, scale: Any, shift: Any
    ) -> Any:
        """A layer's output from its input's products with each kernel position's weights
        (``(words, kernel, out)``): each position's added shifted, then ReLU and batch norm."""
        n, kernel = products.shape[:2]
        x = products[:, padding].copy()
        for position in range(kernel):
            shift_by = position - padding  # (output i reads input i + shift_by)
            if abs(shift_by) >= n:
                continue  # (a kernel wider than the text: that position reads only padding)
            if shift_by > 0:
                x[: n - shift_by] += products[shift_by:, position]
            elif shift_by < 0:
                x[-shift_by:] += products[: n + shift_by, position]
        x += bias
        x.clip(0, out=x)
        x -= mean
        x /= std
        x *= scale
        x += shift
        return x

    def _scores(self, word_ids: list[int], shape_ids: list[int]) -> Any:
        """Each word's score for each tag: slovnet's ``NER`` model, for a batch of one."""
        import numpy as np  # noqa: PLC0415 (loaded with the model anyway)

        n = len(word_ids)
        _, _, padding, *norm = self._layers[0]
        x = self._convolved(self._first_products(word_ids, shape_ids), padding, *norm)
        for weight, kernel, padding, *norm in self._layers[1:]:
            x = self._convolved(np.matmul(x, weight).reshape(n, kernel, -1), padding, *norm)
        weight, bias = self._projection
        scores = np.matmul(x, weight)
        scores += bias
        return scores

    def _best_tags(self, scores: Any) -> list[int]:
        """The likeliest tag sequence (Viterbi over the CRF's transitions), as slovnet's
        ``CRF.decode`` finds it."""
        best = scores[0]
        history = []
        for emission in scores[1:]:
            paths = best.reshape(-1, 1) + self._transitions + emission.reshape(1, -1)
            history.append(paths.argmax(0))
            best = paths.max(0)  # (the values the argmax picked)
        path = [int(best.argmax())]
        for previous in reversed(history):
            path.append(int(previous[path[-1]]))
        path.reverse()
        return path

    def __call__(self, text: str) -> Spans:
        words = self._words(text)
        if not words:
            return ()
        path = self._best_tags(self._scores(*self._ids(words)))
        return _person_spans_of(text, words, [self._tag_names[tag] for tag in path])


def _person_spans_of(text: str, words: list[str], tags: list[str]) -> Spans:
    """The person spans (PER) of ``text`` its ``words``, tagged in BIO, make, as slovnet's
    ``BIOMarkup.to_span`` makes spans: each word found in the text after the one before,
    B opens a span, I extends it, O closes it."""
    spans: list[tuple[int, int]] = []
    kind: str | None = None
    offset = start = stop = 0
    for word, tag in zip(words, tags, strict=True):
        found = text.find(word, offset)
        offset = found + len(word)
        part, _, of = tag.partition("-")
        if part in ("B", "O"):
            if kind == "PER":
                spans.append((start, stop))
            kind = (of or None) if part == "B" else None
            start = found
        if part in ("B", "I"):
            stop = offset
    if kind == "PER":
        spans.append((start, stop))
    return tuple(spans)


def _people(spans: Any) -> Spans:
    """``(start, end)`` of the person names (PER) among slovnet's tagged spans."""
    return tuple((span.start, span.stop) for span in spans if span.type == "PER")


def _load_model(path: Path) -> Any:
    """slovnet's ``NER.load``, its vocabularies made faster.

    ``NER.load`` maps the model's 250,002 words to their numbers with a dict
    comprehension (60-90 ms, half the model's loading); ``dict(zip(...))``
    makes the same dict (the last number of a repeated word, as the
    comprehension keeps) in 45-55 ms (measured).  Everything else is slovnet's
    own: its pack reader, model, encoder and decoder.
    """
    from slovnet import NER  # noqa: PLC0415 (lazy: heavy)
    from slovnet.const import PAD, SHAPE, TAG, UNK, WORD  # type: ignore[import-untyped]  # noqa: PLC0415
    from slovnet.exec.encoders import TagEncoder  # type: ignore[import-untyped]  # noqa: PLC0415
    from slovnet.exec.infer import NERInfer, TagDecoder  # type: ignore[import-untyped]  # noqa: PLC0415
    from slovnet.exec.model import NER as NERModel  # type: ignore[import-untyped]  # noqa: PLC0415
    from slovnet.exec.pack import Pack, vocab_name  # type: ignore[import-untyped]  # noqa: PLC0415
    from slovnet.vocab import Vocab  # type: ignore[import-untyped]  # noqa: PLC0415

    class Words(Vocab):  # type: ignore[misc]
        def __init__(self, items: list[str]) -> None:  # (Vocab's attributes, made faster)
            self.items = items
            self.item_ids = dict(zip(items, range(len(items)), strict=True))
            self.unk_id = self.item_ids.get(UNK)
            self.pad_id = self.item_ids.get(PAD)

    def vocabulary(pack: Any, name: str) -> Words:
        return Words(gzip.decompress(pack.read(vocab_name(name))).decode("utf-8").splitlines())

    with Pack(str(path)) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(NERModel)
        arrays = dict(pack.load_arrays(model.weights))
        words, shapes, tags = (vocabulary(pack, name) for name in (WORD, SHAPE, TAG))
    infer = NERInfer(model.inject_arrays(arrays), TagEncoder(words, shapes), TagDecoder(tags))
    return NER(infer, infer.encoder.batch_size)


def _codes_only(path: Path) -> Any:
    """The navec embeddings as the tagger reads them: their id and quantised codes, the
    words' code numbers memory-mapped.

    ``Navec.load`` also reads the 250,000-word vocabulary and precomputes
    norms and code products for word similarity (0.4 s, most of the model's
    loading, measured); tagging uses neither (slovnet keeps its own
    vocabulary and takes only the indexes and codes).  The indexes (25 MB,
    100 code numbers a word) are mapped from the archive, where they lie
    uncompressed, not read: a reading touches the few words it looks up, and
    every process shares the pages (reading them cost 20-30 ms and 25 MB a
    process, measured).
    """
    import numpy as np  # noqa: PLC0415 (loaded with the model anyway)
    from navec import Navec  # noqa: PLC0415 (lazy: heavy)
    from navec.meta import Meta  # type: ignore[import-untyped]  # noqa: PLC0415
    from navec.pq import PQ  # type: ignore[import-untyped]  # noqa: PLC0415

    class Codes(PQ):  # type: ignore[misc]
        def precompute(self) -> None:
            """(Nothing: the similarity tables are never used here.)"""

    with tarfile.open(path, "r:") as tar:  # (uncompressed: the offsets are the file's)
        meta_file, member = tar.extractfile("meta.json"), tar.getmember("pq.bin")
        if meta_file is None or not member.isfile():  # (members that are not files)
            raise ValueError(f"{path}: not a navec archive")
        meta = Meta.from_file(meta_file)
    with open(path, "rb") as fh:
        fh.seek(member.offset_data)
        vectors, dim, qdim, centroids = (int(n) for n in np.frombuffer(fh.read(16), np.uint32))
        codes_size = member.size - 16 - vectors * qdim
        if not qdim or dim % qdim or codes_size != qdim * centroids * (dim // qdim) * 4:
            raise ValueError(f"{path}: pq.bin is not laid out as navec writes it")
        fh.seek(member.offset_data + 16 + vectors * qdim)
        codes = np.frombuffer(fh.read(codes_size), np.float32).reshape(qdim, centroids, -1)
    # (A plain array over the map: numpy's memmap subclass made each reading's arithmetic
    # three to five times slower, measured.)
    indexes = np.asarray(
        np.memmap(
            path, dtype=np.uint8, mode="r", offset=member.offset_data + 16, shape=(vectors, qdim)
        )
    )
    return Navec(meta, None, Codes(vectors, dim, qdim, centroids, indexes, codes))


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
def person_spans(text: str) -> Spans:
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
                return tagger(text)
        except Exception:  # the model failing on odd input costs names, not the build
            return ()
