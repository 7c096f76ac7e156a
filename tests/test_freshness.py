"""IndexKeeper: keep, update per article, rebuild or edit an index, on real indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchlib import IndexConflictError, SearchEngine
from searchlib._freshness import IndexKeeper
from searchlib._index import IndexDocument, IndexStore
from searchlib._jsonl import documents_to_articles
from searchlib._sources import _Source
from tests.conftest import write_article, write_corpus

ARTICLES = {
    "a.txt": "Средний коридор объединяет Казахстан и Азербайджан.",
    "b.txt": "Молодёжь обсуждает интеграцию тюркского мира.",
    "c.txt": "Фестиваль собрал студентов из разных стран.",
}


def _corpus(folder: Path) -> Path:
    return write_corpus(folder, ARTICLES)


def _record(doc_id: str, text: str) -> IndexDocument:
    return IndexDocument(id=doc_id, kind="paragraph", article=doc_id, paragraph=1, text=text)


def test_sync_builds_then_keeps_then_updates_one_article(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    keeper = IndexKeeper(IndexStore(tmp_path / "ix"), _Source(corpus))
    built, changed = keeper.sync()
    assert changed and built.generation == 0
    kept, changed = keeper.sync()
    assert not changed and kept.build == built.build
    write_article(corpus, "b.txt", "Цифровая платформа объединяет регион.")
    updated, changed = keeper.sync()
    assert changed and updated.generation == 1  # one article re-indexed in place, not rebuilt
    assert updated.fingerprint != built.fingerprint


def test_sync_brings_an_edited_index_back_to_its_corpus(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    keeper = IndexKeeper(IndexStore(tmp_path / "ix"), _Source(corpus))
    built, _ = keeper.sync()
    edited = keeper.edit("add 1", [], [_record("x", "Вишня цветёт.")])
    assert edited.source["kind"] == "edited"
    synced, changed = keeper.sync()  # the corpus is the truth: the edit goes
    assert changed and synced.fingerprint == built.fingerprint


def test_sync_refuses_a_collection_of_records_and_leaves_it(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "ix")
    records = IndexKeeper(store, None).build_records(
        list(documents_to_articles([{"id": "r1", "text": "Вишня цветёт."}]))
    )
    with pytest.raises(IndexConflictError):
        IndexKeeper(store, _Source(_corpus(tmp_path / "c"))).sync()
    assert store.read_manifest() == records
    rebuilt, changed = IndexKeeper(store, _Source(tmp_path / "c")).sync(force=True)
    assert changed and rebuilt.source["kind"] == "corpus"


def test_edit_marks_the_index_as_edited_and_optimize_keeps_its_source(tmp_path: Path) -> None:
    keeper = IndexKeeper(IndexStore(tmp_path / "ix"), _Source(_corpus(tmp_path / "c")))
    built, _ = keeper.sync()
    edited = keeper.edit("remove 1", ["a"], [])
    assert edited.source["kind"] == "edited" and edited.fingerprint != built.fingerprint
    optimized = keeper.edit("optimize", [], [], optimize=True)
    assert optimized.source == edited.source and optimized.fingerprint == edited.fingerprint


def test_progress_is_told_documents_and_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    keeper = IndexKeeper(
        IndexStore(tmp_path / "ix"),
        _Source(_corpus(tmp_path / "c")),
        progress=lambda done, total: seen.append((done, total)),
    )
    keeper.sync()
    assert seen and seen[-1][1] is not None and seen[-1][0] >= 1


def test_a_per_article_plan_made_stale_by_another_writer_becomes_a_rebuild(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    SearchEngine(corpus, index).close()
    planned_on = IndexStore(index).read_manifest()
    assert planned_on is not None
    # Another process adds a record after this opener read the manifest...
    SearchEngine.open(index).add([{"id": "x", "text": "Посторонняя запись про вишню."}])
    (corpus / "b.txt").write_text("Цифровая платформа объединяет регион.", encoding="utf-8")
    keeper = IndexKeeper(IndexStore(index), _Source(corpus))
    files = _Source(corpus).files()
    hashes = {f.relative: f.sha256() for f in files}
    recorded = planned_on.source["files"]
    # ...so the per-article plan made on the old manifest is refused: rebuild instead.
    assert keeper.update_articles(planned_on, files, hashes, recorded) is None
    with SearchEngine(corpus, index) as fresh:
        assert fresh.search("вишню").total == 0  # the corpus is the truth again
        assert fresh.search("цифровая платформа").hits[0].article == "b"
