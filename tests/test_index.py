"""The on-disk index: atomic builds, fingerprints, refusing foreign folders, damage."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from searchlib import IndexConflictError, IndexCorruptedError, SearchEngine, SearchIndexError
from searchlib._index import (
    FORMAT,
    MANIFEST,
    IndexDocument,
    IndexStore,
    _vocabulary,
    fingerprint,
    rebuild_advice,
)
from searchlib._jsonl import documents_to_articles
from searchlib._schema import build_schema
from searchlib._sources import article_documents
from tests.conftest import run_cli, run_in_threads


def _docs(n: int = 3) -> list[IndexDocument]:
    return [
        IndexDocument(
            id=f"a#p{i}", kind="paragraph", article="a", paragraph=i, text=f"Текст номер {i}"
        )
        for i in range(1, n + 1)
    ]


def _builds(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name.startswith(("build-", "tmp-")))


def test_build_writes_a_manifest_and_one_build(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "ix")
    manifest = store.build(_docs(), source={"kind": "test"}, fingerprint="f1")
    data = json.loads((tmp_path / "ix" / MANIFEST).read_text(encoding="utf-8"))
    assert data["library"] == "searchlib" and data["build"] == manifest.build
    assert data["counts"] == {"paragraph": 3}
    assert _builds(tmp_path / "ix") == [manifest.build]
    ix = store.open(manifest)
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 3


def test_superseded_builds_are_kept_for_a_grace_period(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    first = store.build(_docs(), source={}, fingerprint="1")
    second = store.build(_docs(), source={}, fingerprint="2")
    # Readers in other processes may still be opening the previous build.
    assert _builds(tmp_path) == sorted([first.build, second.build])
    marker = tmp_path / first.build / ".superseded"
    old = marker.stat().st_mtime - 3600
    os.utime(marker, (old, old))
    third = store.build(_docs(), source={}, fingerprint="3")
    assert _builds(tmp_path) == sorted([second.build, third.build])
    assert store.read_manifest() == third


def test_a_failed_build_leaves_the_old_index_and_no_debris(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    good = store.build(_docs(), source={}, fingerprint="good")

    def exploding() -> object:
        yield from _docs(2)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.build(exploding(), source={}, fingerprint="bad")  # type: ignore[arg-type]
    assert store.read_manifest() == good
    assert _builds(tmp_path) == [good.build]
    with store.open(good).searcher() as searcher:
        assert searcher.doc_count() == 3


def test_refuses_to_write_into_a_folder_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_text("precious")
    with pytest.raises(SearchIndexError, match="not a searchlib index folder"):
        IndexStore(tmp_path).build(_docs(), source={}, fingerprint="x")
    assert (tmp_path / "thesis.docx").read_text() == "precious"


def test_a_readme_is_allowed_in_the_index_folder(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("build output")
    IndexStore(tmp_path).build(_docs(), source={}, fingerprint="x")
    assert (tmp_path / "README.md").exists()


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SearchIndexError, match="cannot create the index folder"):
        IndexStore(blocker / "ix").build(_docs(), source={}, fingerprint="x")
    # The index named is a file (a corpus or JSONL file named as the index): said so.
    for attempt in (
        lambda: IndexStore(blocker).build(_docs(), source={}, fingerprint="x"),
        lambda: IndexStore(blocker).read_manifest(),
    ):
        with pytest.raises(SearchIndexError, match="is a file, not a folder: an index is a"):
            attempt()
    assert blocker.read_text() == "x"


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"library": "other"}', f'{{"library": "searchlib", "format": {FORMAT}}}'],
)
def test_damaged_manifest(tmp_path: Path, content: str) -> None:
    (tmp_path / MANIFEST).write_text(content)
    with pytest.raises(IndexCorruptedError, match="index build --force"):
        IndexStore(tmp_path).read_manifest()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"kind": "jsonl", "path": "/data/news.jsonl"}, "--index /ix --jsonl /data/news.jsonl`"),
        ({"kind": "corpus", "path": "/data/articles"}, "--index /ix --corpus /data/articles`"),
        ({"kind": "corpus", "path": "/site/corpus", "bundled": True}, "--force --index /ix`"),
        ({"kind": "documents", "records": 3}, "cannot rebuild on its own"),
        ({"kind": "edited", "edited_from": "jsonl"}, "cannot rebuild on its own"),
        (None, "adding the `--corpus DIR` or `--jsonl FILE`"),
    ],
)
def test_rebuild_advice_names_what_the_index_was_built_from(
    source: dict[str, object] | None, expected: str
) -> None:
    advice = rebuild_advice(Path("/ix"), source)
    assert expected in advice and "searchlib index build --force --index /ix" in advice


def test_missing_build_folder_is_corruption(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    manifest = store.build(_docs(), source={}, fingerprint="x")
    import shutil

    shutil.rmtree(tmp_path / manifest.build)
    with pytest.raises(IndexCorruptedError, match="incomplete"):
        store.open(manifest)


def test_truncated_whoosh_files_are_corruption(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    manifest = store.build(_docs(), source={}, fingerprint="x")
    for toc in (tmp_path / manifest.build).glob("*.toc"):
        toc.write_bytes(toc.read_bytes()[:10])
    with pytest.raises(IndexCorruptedError, match=str(tmp_path)):
        store.open(manifest)


def test_fingerprint_depends_on_content_only() -> None:
    assert fingerprint({"a.txt": "1", "b.txt": "2"}) == fingerprint({"b.txt": "2", "a.txt": "1"})
    assert fingerprint({"a.txt": "1"}) != fingerprint({"a.txt": "2"})
    assert fingerprint({"a.txt": "1"}) != fingerprint({"b.txt": "1"})


def test_concurrent_builds_in_threads_leave_one_valid_index(tmp_path: Path) -> None:
    run_in_threads(lambda: IndexStore(tmp_path).build(_docs(), source={}, fingerprint="x"), 4)
    store = IndexStore(tmp_path)
    manifest = store.read_manifest()
    assert manifest is not None
    with store.open(manifest).searcher() as searcher:
        assert searcher.doc_count() == 3


def test_engine_reuses_a_fresh_index_and_rebuilds_a_stale_one(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "ix"
    with SearchEngine(corpus_copy, index) as engine:
        first = engine.info()
    assert first.rebuilt
    with SearchEngine(corpus_copy, index) as engine:
        assert not engine.info().rebuilt and engine.info().build == first.build
    # Touching a file without changing it does not rebuild.
    article = corpus_copy / "otg-summit-baku.txt"
    article.write_bytes(article.read_bytes())
    with SearchEngine(corpus_copy, index) as engine:
        assert engine.info().build == first.build
    # Changing the text does.
    article.write_text(
        article.read_text(encoding="utf-8") + "Новый абзац про Самарканд.\n", encoding="utf-8"
    )
    with SearchEngine(corpus_copy, index) as engine:
        info = engine.info()
        assert info.rebuilt and info.build != first.build and info.paragraphs == 15
        assert engine.search("Самарканд").total == 1
    # So do metadata changes and new articles.
    (corpus_copy / "second.txt").write_text("Ещё одна статья.", encoding="utf-8")
    with SearchEngine(corpus_copy, index) as engine:
        assert engine.info().paragraphs == 16


def test_corpus_error_during_rebuild_keeps_the_old_index(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "ix"
    with SearchEngine(corpus_copy, index) as engine:
        build = engine.info().build
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe broken")
    from searchlib import CorpusError

    with pytest.raises(CorpusError, match="broken.txt"):
        SearchEngine(corpus_copy, index)
    assert IndexStore(index).read_manifest().build == build  # type: ignore[union-attr]


def _reformat(index: Path, format_: int) -> None:
    """Make the index's manifest say it was written in format ``format_``."""
    manifest = index / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "format": format_}), encoding="utf-8")


@pytest.mark.parametrize(("format_", "age"), [(2, "an earlier"), (99, "a later")])
def test_an_index_from_another_format_is_rebuilt_or_named(
    tmp_path: Path, format_: int, age: str
) -> None:
    from tests.conftest import CORPUS

    index = tmp_path / "ix"
    SearchEngine(CORPUS, index).close()
    _reformat(index, format_)
    with pytest.raises(SearchIndexError, match=f"written by {age} version of searchlib"):
        SearchEngine.open(index)
    with SearchEngine(CORPUS, index) as engine:  # its corpus at hand: rebuilt from it
        assert engine.info().rebuilt and engine.search("интеграция").total > 0
    assert IndexStore(index).read_manifest().format == FORMAT  # type: ignore[union-attr]


def test_a_collection_in_an_earlier_format_is_not_replaced(tmp_path: Path) -> None:
    """An index of records cannot be rebuilt from a corpus: refused, and left as it was."""
    from tests.conftest import CORPUS

    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "d1", "text": "Казань"}], index).close()
    _reformat(index, 2)
    before = (index / MANIFEST).read_bytes()
    with pytest.raises(IndexConflictError, match="made with SearchEngine.from_documents"):
        SearchEngine(CORPUS, index)
    with pytest.raises(SearchIndexError, match="cannot rebuild on its own"):
        SearchEngine.open(index)
    assert (index / MANIFEST).read_bytes() == before


def test_vocabulary_counts_every_segment(tmp_path: Path) -> None:
    # An index of several segments: each word's documents are summed over them.
    from whoosh.writing import SegmentWriter

    from searchlib._codec import SearchlibCodec

    records = [
        {"id": f"r{n}", "text": f"Москва строит метро. {'Казань' if n % 2 else 'Ёлка'} растёт {n}"}
        for n in range(6)
    ]
    docs = [d.fields() for a in documents_to_articles(records) for d in article_documents(a)]
    counts = {}
    for name, commits in (("one", [docs]), ("two", [docs[:3], docs[3:]])):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        for part in commits:
            writer = SegmentWriter(ix, codec=SearchlibCodec())
            for fields in part:
                writer.add_document(**fields)
            writer.commit(merge=False)
        assert len(ix._read_toc().segments) == len(commits)
        counts[name] = _vocabulary(ix)
    assert counts["two"] == counts["one"]
    assert counts["two"]["москва"] == 6 and counts["two"]["казань"] == 3
    assert counts["two"]["елка"] == 3


def _tamper(index: Path, **changes: object) -> None:
    """Replace entries of the index's manifest (``source`` entries with ``source_<key>``)."""
    manifest = index / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key.startswith("source_"):
            data["source"][key.removeprefix("source_")] = value
        else:
            data[key] = value
    manifest.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("changes", "damage"),
    [
        ({"source_files": ["otg-summit-baku.txt"]}, "its source files are list, not an object"),
        ({"source_files": {"otg-summit-baku.txt": [1, 2]}}, "the record of corpus file"),
        ({"source_files": {"a.txt": {"sha256": 5}}}, "the record of corpus file 'a.txt'"),
        ({"source_path": ["/x"]}, "its source path is list, not a string"),
        ({"source": ["corpus"]}, "its source is list, not an object"),
        ({"generation": 1e400}, "cannot convert float infinity to integer"),
        ({"counts": {"paragraph": -1e400}}, "cannot convert float infinity"),
    ],
    ids=["files-list", "file-record", "file-hash", "path", "source", "generation", "counts"],
)
def test_a_manifest_of_the_wrong_shape_is_corrupted_and_repair_rebuilds(
    corpus_copy: Path, tmp_path: Path, changes: dict[str, object], damage: str
) -> None:
    index = tmp_path / "ix"
    SearchEngine(corpus_copy, index).close()
    _tamper(index, **changes)
    for open_it in (
        lambda: SearchEngine(corpus_copy, index),
        lambda: SearchEngine.open(index),
        lambda: SearchEngine(corpus_copy, index, auto_build=False),
    ):
        with pytest.raises(IndexCorruptedError, match=re.escape(damage)) as info:
            open_it()
        assert "searchlib index build --force" in str(info.value)
    with SearchEngine(corpus_copy, index, repair=True) as engine:
        assert engine.info().rebuilt and engine.search("интеграция").total > 0
    manifest = IndexStore(index).read_manifest()
    assert manifest is not None and isinstance(manifest.source["files"], dict)
    with SearchEngine(corpus_copy, index) as engine:  # whole again: kept as it is
        assert not engine.info().rebuilt
    _tamper(index, source_files=[])
    out = run_cli("search", "интеграция", "--corpus", str(corpus_copy), "--index", str(index))
    assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
    assert "is damaged (its source files are list" in out.stderr
    # A manifest that cannot be read at all says nothing of its source: the advice
    # names the corpus given (it said to add the --corpus the command already had).
    (index / MANIFEST).write_text("garbage", encoding="utf-8")
    out = run_cli("search", "интеграция", "--corpus", str(corpus_copy), "--index", str(index))
    assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
    assert f"--force --index {index} --corpus {corpus_copy}`" in out.stderr
    # Building with the corpus named is what the advice asks for, --force or not.
    built = run_cli("index", "build", "--corpus", str(corpus_copy), "--index", str(index))
    assert built.returncode == 0, built.stderr


def test_a_manifest_nested_too_deeply_is_corrupted(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)
    with pytest.raises(IndexCorruptedError, match=r"damaged \(nested too deeply to read\)"):
        IndexStore(tmp_path).read_manifest()


def test_a_corpus_folder_whose_name_is_not_utf8_builds_and_reopens(tmp_path: Path) -> None:
    """Its path is kept in the manifest (as \\udcxx escapes), not reported as damage."""
    folder = os.fsencode(tmp_path) + b"/" + "новости".encode("cp1251")
    os.mkdir(folder)
    with open(folder + b"/a.txt", "w", encoding="utf-8") as out:
        out.write("Бюджет принят.")
    corpus = Path(os.fsdecode(folder))
    with SearchEngine(corpus, tmp_path / "ix") as engine:
        assert engine.search("бюджет").total == 1
    with SearchEngine(corpus, tmp_path / "ix") as again:
        assert again.info().rebuilt is False and again.search("бюджет").total == 1
