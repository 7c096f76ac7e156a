"""Incremental updates, optimize, progress, multi-process builds, and the fast scoring path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from searchlib import CorpusError, QueryError, SearchEngine, SearchlibError
from searchlib._index import IndexStore
from tests.conftest import CORPUS, run_cli, write_article, write_corpus

ARTICLES = {
    "a.txt": "Саммит в Баку открылся. Лидеры обсудили Средний коридор.",
    "b.txt": "Молодёжная дипломатия формирует новую элиту региона.",
    "c.txt": "Карабахская война показала единство тюркского мира.",
    "d.txt": "Алматы получил статус столицы тюркского мира.",
}


def _corpus(folder: Path) -> Path:
    return write_corpus(folder, ARTICLES)


def test_changing_one_article_reindexes_only_that_article(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    with SearchEngine(corpus, index) as engine:
        first = IndexStore(index).read_manifest()
    assert first is not None and first.generation == 0
    (corpus / "b.txt").write_text("Цифровая платформа объединяет регион.", encoding="utf-8")
    with SearchEngine(corpus, index) as engine:
        after = IndexStore(index).read_manifest()
        # An update (copy on write: a new build folder), not a rebuild.
        assert after is not None and after.generation == 1 and after.created == first.created
        assert engine.info().rebuilt
        assert engine.search("цифровая платформа").hits[0].article == "b"
        assert engine.search("молодёжная дипломатия").total == 0
        assert engine.search("Карабахская война").hits[0].article == "c"
    # A new article and a deleted one are incremental too.
    write_article(corpus, "e.txt", "Самарканд принимает гостей саммита.")
    (corpus / "d.txt").unlink()
    with SearchEngine(corpus, index) as engine:
        manifest = IndexStore(index).read_manifest()
        assert manifest is not None and manifest.created == first.created
        assert engine.search("Самарканд").hits[0].article == "e"
        assert engine.search("Алматы").total == 0
        assert engine.info().paragraphs == 4
    # Unchanged: nothing is written.
    with SearchEngine(corpus, index) as engine:
        assert not engine.info().rebuilt
        assert IndexStore(index).read_manifest() == manifest


def test_changing_most_articles_rebuilds(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    SearchEngine(corpus, index).close()
    first = IndexStore(index).read_manifest()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text("Новый текст про Ташкент.", encoding="utf-8")
    with SearchEngine(corpus, index) as engine:
        manifest = IndexStore(index).read_manifest()
        assert manifest is not None and first is not None and manifest.build != first.build
        assert engine.search("Ташкент").total == 3


def test_add_remove_optimize(tmp_path: Path) -> None:
    records = [{"id": "r1", "text": "Средний коридор объединяет регион."}]
    index = tmp_path / "ix"
    engine = SearchEngine.from_documents(records, index)
    build = engine.info().build
    reader_engine = SearchEngine.open(index)  # another engine on the same index
    info = engine.add([{"id": "r2", "title": "Баку", "text": "Саммит в Баку."}])
    assert info.paragraphs == 2 and info.build != build
    assert [h.id for h in reader_engine.search("саммит")] == ["r2"]  # sees the update
    engine.add([{"id": "r1", "text": "Замена: молодёжная дипломатия."}])  # replaces by id
    assert engine.search("коридор").total == 0 and engine.search("дипломатия").total == 1
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "r3", "text": "Карабахская война."}, ensure_ascii=False))
    engine.add(jsonl)
    article = write_article(
        tmp_path / "arts", "otg.txt", (CORPUS / "otg-summit-baku.txt").read_text("utf-8")
    )
    info = engine.add(article)
    assert info.quotes == 5 and engine.search("Лаврина", kind="quote").total >= 0
    info = engine.remove("r3", "otg")
    assert (info.paragraphs, info.quotes) == (2, 0)
    assert engine.search("Карабахская").total == 0
    optimized = engine.optimize()
    assert optimized.paragraphs == 2
    assert len(list(engine._searcher().reader().leaf_readers())) == 1
    with pytest.raises(QueryError, match="no article or record"):
        engine.remove("nope")
    with pytest.raises(QueryError):
        engine.remove()
    with pytest.raises(CorpusError, match="give an article"):
        engine.add(tmp_path / "x.csv")
    with pytest.raises(CorpusError, match="duplicate id"):
        engine.add([{"id": "z", "text": "a"}, {"id": "z", "text": "b"}])
    engine.close()
    reader_engine.close()


def test_edits_to_a_corpus_index_are_undone_by_the_corpus(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    with SearchEngine(corpus, index) as engine:
        engine.add([{"id": "extra", "text": "Лишний документ про Ташкент."}])
        assert engine.search("Ташкент").total == 1
    with SearchEngine(corpus, index) as engine:
        assert engine.search("Ташкент").total == 0  # the index mirrors its corpus again


def test_progress_reports(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    with SearchEngine(CORPUS, tmp_path / "ix", progress=lambda d, t: seen.append((d, t))):
        pass
    assert seen and seen[-1] == (19, 19)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(SearchlibError, match="progress"):
        SearchEngine(CORPUS, tmp_path / "ix2", progress="yes")  # type: ignore[arg-type]


def test_multi_process_build_finds_the_same(tmp_path: Path) -> None:
    one = SearchEngine(CORPUS, tmp_path / "one")
    two = SearchEngine(CORPUS, tmp_path / "two", procs=2)
    for query in ("интеграция тюркского мира", "Средний коридор", "молодёжь"):
        assert [h.id for h in one.search(query)] == [h.id for h in two.search(query)]
    with pytest.raises(SearchlibError, match="procs"):
        SearchEngine(CORPUS, tmp_path / "three", procs=0)
    one.close()
    two.close()


QUERIES = [
    "интеграция тюркского мира",
    "Какова роль молодёжи?",
    "Средний коридор Китай Европа",
    "Карабахкой войны",
    "культурно-языкового объединения",
    "Лаврина",
    "экономика продовольственная безопасность",
]


@pytest.mark.parametrize("kind", [None, "quote", "paragraph"])
def test_fast_scoring_equals_whoosh_scoring(engine: SearchEngine, kind: str | None) -> None:
    for query in QUERIES:
        engine._queries.fast = True
        fast = engine.search(query, limit=50, kind=kind)
        engine._queries.fast = False
        slow = engine.search(query, limit=50, kind=kind)
        engine._queries.fast = True
        assert fast.total == slow.total, query
        assert {h.id: round(h.score, 9) for h in fast} == {h.id: round(h.score, 9) for h in slow}
        assert [h.matched_quotes for h in fast] == [h.matched_quotes for h in slow] or len(
            {h.score for h in fast}
        ) < len(fast.hits)


def test_a_removed_id_is_gone_before_optimize(tmp_path: Path) -> None:
    """Removed but not yet merged away, it was removed again (a new build each time), and
    a word of the rest scored below 0 (the removed document still counted in its idf)."""
    records = [
        {"id": "d1", "text": "Новый мост через реку."},
        {"id": "d2", "text": "Мост открыли, мост красивый."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        engine.remove("d1")
        build = engine.info().build
        with pytest.raises(QueryError, match="no article or record with id 'd1'"):
            engine.remove("d1")
        assert engine.info().build == build
        [hit] = engine.search("мост")
        assert hit.id == "d2" and hit.score > 0
    again = run_cli("index", "remove", "d1", "--index", str(tmp_path / "ix"))
    assert again.returncode == 2 and "no article or record with id 'd1'" in again.stderr


def test_a_removed_word_is_neither_suggested_nor_completed(tmp_path: Path) -> None:
    """A removed record's words stay in the terms until a merge: typo and layout
    correction steered queries to them (`биткоен` -> `биткоин`), which found nothing."""
    records = [
        {"id": "k", "text": "Криптовалюта биткоин подорожала на бирже."},
        {"id": "o", "text": "Погода в Москве была тёплой, сообщили синоптики."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        assert engine.search("биткоен").suggestion == "биткоин"  # (before: the word is there)
        engine.remove("k")
        for text in ("биткоен", ",bnrjby", "rhbgnjdfk.nf"):  # a typo, two wrong layouts
            found = engine.search(text)
            assert found.suggestion is None and found.corrected_query is None, text
        assert engine.complete("бит") == [] and engine.complete("пог") == ["Погода"]
        assert engine.search("погода").total == 1 and engine.search("синоптеки").suggestion


def test_a_failed_first_build_leaves_no_folder_behind(tmp_path: Path) -> None:
    """`index add` of a bad file into a new folder left that folder, empty."""
    bad = tmp_path / "dup.jsonl"
    bad.write_text('{"id": "x", "text": "а"}\n{"id": "x", "text": "б"}\n', encoding="utf-8")
    added = run_cli("index", "add", str(bad), "--index", str(tmp_path / "new"))
    assert added.returncode == 1 and "duplicate id 'x'" in added.stderr
    with pytest.raises(CorpusError, match="duplicate id"):
        SearchEngine(bad, tmp_path / "new2")
    assert not (tmp_path / "new").exists() and not (tmp_path / "new2").exists()
    kept = tmp_path / "kept"  # a folder that was there stays, even empty
    kept.mkdir()
    with pytest.raises(CorpusError, match="duplicate id"):
        SearchEngine(bad, kept)
    assert kept.is_dir()
    # Parent folders the build created go too, up to the first that was there.
    with pytest.raises(CorpusError, match="duplicate id"):
        SearchEngine(bad, kept / "a" / "b" / "ix")
    assert kept.is_dir() and not (kept / "a").exists()
    deep = run_cli("index", "add", str(bad), "--index", str(tmp_path / "c" / "d" / "ix"))
    assert deep.returncode == 1 and not (tmp_path / "c").exists()


def test_cli_index_add_remove_optimize(tmp_path: Path) -> None:
    run = run_cli
    index = str(tmp_path / "ix")
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        json.dumps({"id": "d1", "text": "Саммит в Баку."}, ensure_ascii=False), "utf-8"
    )
    created = run("index", "add", str(jsonl), "--index", index, "--json")
    assert created.returncode == 0 and json.loads(created.stdout)["paragraphs"] == 1
    assert created.stderr == ""  # no progress bar when stderr is not a terminal
    added = run("index", "add", str(CORPUS / "otg-summit-baku.txt"), "--index", index)
    assert added.returncode == 0 and "15 абзацев, 5 цитат" in added.stdout
    removed = run("index", "remove", "otg-summit-baku", "--index", index, "--json")
    assert json.loads(removed.stdout)["paragraphs"] == 1
    missing = run("index", "remove", "nope", "--index", index)
    assert missing.returncode == 2 and "no article or record" in missing.stderr
    assert run("index", "optimize", "--index", index).returncode == 0
    built = run(
        "index",
        "build",
        "--corpus",
        str(CORPUS),
        "--index",
        str(tmp_path / "b"),
        "--procs",
        "2",
        "--quiet",
        "--json",
    )
    assert built.returncode == 0 and json.loads(built.stdout)["paragraphs"] == 14
    assert run("index", "remove", "--index", index).returncode == 2


def test_fast_scoring_equals_whoosh_after_edits(tmp_path: Path) -> None:
    """Several segments and deleted documents: both paths still agree."""
    engine = SearchEngine.from_documents(
        [
            {"id": f"r{i}", "text": f"Средний коридор номер {i} объединяет регион {i % 3}"}
            for i in range(30)
        ],
        tmp_path / "ix",
    )
    engine.add(CORPUS / "otg-summit-baku.txt")  # merged with the first segment
    engine.add([{"id": "r5", "text": "Коридор заменён новым текстом про регион"}])
    engine.remove("r7", "r8")
    segments = engine._searcher().reader().segments()
    assert len(segments) > 1 and any(s.has_deletions() for s in segments)
    for query in ("средний коридор", "регион 2", "интеграция тюркского мира", "Лаврина"):
        engine._queries.fast = True
        fast = engine.search(query, limit=100)
        engine._queries.fast = False
        slow = engine.search(query, limit=100)
        assert fast.total == slow.total, query
        assert {h.id: round(h.score, 9) for h in fast} == {h.id: round(h.score, 9) for h in slow}
        assert not {"r7", "r8"} & {h.id for h in fast}
    engine.close()


def test_the_same_corpus_change_seen_by_two_processes_is_applied_once(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    SearchEngine(corpus, index).close()
    (corpus / "b.txt").write_text("Цифровая платформа объединяет регион.", encoding="utf-8")
    stale = SearchEngine.open(index)  # opened before the change was indexed
    with SearchEngine(corpus, index):
        applied = IndexStore(index).read_manifest()
        assert applied is not None and applied.generation == 1
    # A second opener that noticed the same change finds it done under the lock.
    with SearchEngine(corpus, index) as second:
        assert IndexStore(index).read_manifest() == applied
        assert second.search("цифровая платформа").hits[0].article == "b"
    store = IndexStore(index)
    again = store.update(
        remove=["b"], documents=[], source=lambda current: (current.source, applied.fingerprint)
    )
    assert again == applied  # nothing written
    assert stale.search("цифровая платформа").hits[0].article == "b"  # the old engine follows
    stale.close()
