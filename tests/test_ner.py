"""The person-name model (searchlib._speech.ner): loaded lazily, read-only, never in the way."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from searchlib._speech import ner as _ner


def test_the_model_finds_people_outside_any_list() -> None:
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    text = "«Это было тяжёлое решение», — сказал Юрген Клинсман, тренер сборной Германии."
    assert [text[a:b] for a, b in _ner.person_spans(text)] == ["Юрген Клинсман"]


def test_companies_and_places_are_not_people() -> None:
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    text = "Об этом сообщает «Газпром»; в Москве и Баку прошли переговоры."
    assert _ner.person_spans(text) == ()


def test_empty_and_odd_input_finds_nobody() -> None:
    assert _ner.person_spans("") == ()
    assert _ner.person_spans("   \n") == ()
    assert isinstance(_ner.person_spans("\x00\udc80 «»—"), tuple)


def test_importing_and_searching_do_not_load_the_model() -> None:
    code = (
        "import sys, searchlib\n"
        "from searchlib._speech import speakers\n"
        "assert 'slovnet' not in sys.modules and 'navec' not in sys.modules, sys.modules.keys()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_the_model_files_the_rules_work_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """No model (another platform, a damaged wheel): names in the lexicon are still found."""
    from searchlib._speech.speakers import attribute_article

    monkeypatch.setattr(_ner, "_data_dir", lambda: None)
    _ner._tagger.cache_clear()
    _ner.person_spans.cache_clear()
    try:
        assert not _ner.available()
        quotes = attribute_article(["«Мы готовы к диалогу», — заявил Дмитрий Песков."])
        assert [q.speaker for q in quotes[0]] == ["Дмитрий Песков"]
    finally:
        monkeypatch.undo()
        _ner._tagger.cache_clear()
        _ner.person_spans.cache_clear()


def test_a_blas_limiter_that_fails_leaves_the_model_working(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """threadpoolctl failing (an unknown BLAS) makes readings slower, never empty."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    import threadpoolctl

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no BLAS here")

    monkeypatch.setattr(threadpoolctl, "ThreadpoolController", broken)
    _ner._one_blas_thread.cache_clear()
    _ner.person_spans.cache_clear()
    try:
        text = "«Решение принято», — сказал Саеб Эрекат журналистам."
        assert [text[a:b] for a, b in _ner.person_spans(text)] == ["Саеб Эрекат"]
    finally:
        _ner._one_blas_thread.cache_clear()
        _ner.person_spans.cache_clear()


_SENTENCES = (
    "«Это было тяжёлое решение», — сказал Юрген Клинсман, тренер сборной Германии.",
    "По словам Саеба Эреката, переговоры в Рамалле зашли в тупик.",
    "Синдзо Абэ и Дональд Трамп встретились в Осаке; «Газпром» промолчал.",
    "— заявил лорд Смит-Джонс, глава комитета.",
    "Путин",
    "...",
    "Hello World, said John Smith on 12 March 2020.",
    "Глава МИД России Сергей Лавров и министр иностранных дел Турции Хакан Фидан провели"
    " переговоры в Анкаре, сообщает ТАСС со ссылкой на пресс-службу ведомства; по итогам"
    " встречи Лавров заявил, что «стороны договорились продолжить консультации», а Фидан"
    " добавил: «Мы ценим этот диалог».",
)


def test_the_lean_loading_tags_as_slovnets_and_navecs_own_loaders_do(tmp_path: Path) -> None:
    """The embeddings are read without navec's vocabulary and similarity tables (0.4 s), their
    code numbers memory-mapped; the model's vocabularies are made faster: the same tags."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    import numpy as np
    from navec import Navec  # type: ignore[import-untyped]
    from slovnet import NER  # type: ignore[import-untyped]

    data = _ner._data_dir()
    assert data is not None
    navec = Navec.load(str(data / _ner._EMBEDDINGS))
    codes = _ner._codes_only(data / _ner._EMBEDDINGS)
    assert isinstance(codes.pq.indexes.base, np.memmap)  # (mapped, not read)
    assert np.array_equal(codes.pq.indexes, navec.pq.indexes)
    assert np.array_equal(codes.pq.codes, navec.pq.codes)
    full = NER.load(str(data / _ner._MODEL)).navec(navec)
    lean = _ner._load_model(data / _ner._MODEL).navec(codes)
    for name in ("words_vocab", "shapes_vocab"):
        ours, theirs = getattr(lean.infer.encoder, name), getattr(full.infer.encoder, name)
        assert ours.items == theirs.items and ours.item_ids == theirs.item_ids
        assert (ours.unk_id, ours.pad_id) == (theirs.unk_id, theirs.pad_id)
    for text in _SENTENCES:
        assert [(s.start, s.stop, s.type) for s in lean(text).spans] == [
            (s.start, s.stop, s.type) for s in full(text).spans
        ]
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w"):
        pass
    with pytest.raises(KeyError, match="meta.json"):
        _ner._codes_only(other)  # (the tagger then falls back to navec's own loader)
    packed = tmp_path / "packed.tar"  # (compressed: its offsets are not the file's)
    with tarfile.open(packed, "w:gz") as tar:
        tar.add(tmp_path / "other.tar", arcname="pq.bin")
    with pytest.raises(tarfile.ReadError):
        _ner._codes_only(packed)


def test_the_network_computes_what_slovnet_computes() -> None:
    """The scores of slovnet's own batches of one (but for the last bits: the products add in
    another order), and the same names."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    import numpy as np
    from slovnet import NER  # type: ignore[import-untyped]

    data = _ner._data_dir()
    assert data is not None
    slovnet = NER.load(str(data / _ner._MODEL)).navec(_ner._codes_only(data / _ner._EMBEDDINGS))
    network = _ner._Network(slovnet)  # (slovnet's own loader: the network computes the same)
    infer = slovnet.infer
    for text in _SENTENCES:
        words = network._words(text)
        batch = next(infer.encoder([words]))
        expected = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)[0]
        scores = network._scores(*network._ids(words))
        assert scores.dtype == expected.dtype
        assert np.allclose(scores, expected, rtol=0, atol=1e-4), text
        assert network._best_tags(scores) == network._best_tags(expected), text
        assert network(text) == tuple(
            (s.start, s.stop) for s in slovnet(text).spans if s.type == "PER"
        )
    assert network("Путин и Си Цзиньпин") != ()


def test_a_store_with_room_keeps_what_it_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a reading's new words take room: one new word beside known ones does not empty
    the store."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    from slovnet import NER

    data = _ner._data_dir()
    assert data is not None
    slovnet = NER.load(str(data / _ner._MODEL)).navec(_ner._codes_only(data / _ner._EMBEDDINGS))
    monkeypatch.setattr(_ner, "_PROJECTED_WORDS", 6)
    network = _ner._Network(slovnet)
    network._scores(*network._ids(["Саеб", "Эрекат", "сказал", "Саеб", "Эрекат"]))
    held = dict(network._projected)
    assert len(held) == 3
    network._scores(*network._ids(["Саеб", "Эрекат", "Саеб", "Эрекат", "заявил"]))
    assert len(network._projected) == 4
    assert all(network._projected[key] == row for key, row in held.items())


def test_a_reading_is_the_same_whatever_was_read_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words' first-layer products are kept between readings (and dropped when the
    store is full): a reading's scores have the same bits in any order, so every process of
    a ``procs`` build tags as one process does."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")
    from slovnet import NER

    data = _ner._data_dir()
    assert data is not None
    slovnet = NER.load(str(data / _ner._MODEL)).navec(_ner._codes_only(data / _ner._EMBEDDINGS))
    texts = [*_SENTENCES, "Саеб Эрекат", "Эрекат", "— сказал он."]
    roomy = _ner._Network(slovnet)
    forward = {text: roomy._scores(*roomy._ids(roomy._words(text))).tolist() for text in texts}
    monkeypatch.setattr(_ner, "_PROJECTED_WORDS", 6)  # (full after a sentence or two)
    cramped = _ner._Network(slovnet)
    for text in reversed(texts):
        assert cramped._scores(*cramped._ids(cramped._words(text))).tolist() == forward[text]
        assert (
            cramped(text)
            == roomy(text)
            == tuple((s.start, s.stop) for s in slovnet(text).spans if s.type == "PER")
        )
    assert len(cramped._projected) <= 6
    for text in texts:  # (read again: products kept are read back, those dropped remade)
        assert cramped._scores(*cramped._ids(cramped._words(text))).tolist() == forward[text]


@pytest.mark.parametrize(
    ("replaced", "network"),
    [
        (("_load_model", "_codes_only"), True),  # (their own, slower loaders)
        (("_Network",), False),  # (slovnet's own, slower tagging)
    ],
)
def test_a_slovnet_or_navec_laid_out_otherwise_tags_all_the_same(
    monkeypatch: pytest.MonkeyPatch, replaced: tuple[str, ...], network: bool
) -> None:
    """Where our faster loading or network does not fit slovnet or navec, theirs: the
    same names."""
    if not _ner.available():
        pytest.skip("natasha's model files are not installed")

    def other_layout(arg: object) -> None:
        raise AttributeError("no such attribute")

    for name in replaced:
        monkeypatch.setattr(_ner, name, other_layout)
    _ner._tagger.cache_clear()
    _ner.person_spans.cache_clear()
    try:
        tagger = _ner._tagger()
        assert tagger is not None
        assert (type(tagger).__name__ == "_Network") is network
        text = "«Решение принято», — сказал Саеб Эрекат журналистам."
        assert [text[a:b] for a, b in _ner.person_spans(text)] == ["Саеб Эрекат"]
    finally:
        monkeypatch.undo()
        _ner._tagger.cache_clear()
        _ner.person_spans.cache_clear()
