"""What an index holds decides what may replace it: never a collection, silently.

An index built from records, started with ``searchlib index add`` or edited
with add/remove, and (for the default, the bundled article) an index of any
other corpus, is never replaced by opening it with a corpus: the engine
raises a SearchIndexError naming what the index holds and what to do, and
the index is left exactly as it was.  On the command line, ``search`` and
``complete`` with ``--index DIR`` alone search what DIR holds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from searchlib import (
    IndexConflictError,
    IndexCorruptedError,
    SearchEngine,
    SearchIndexError,
    SettingsError,
)
from searchlib._index import MANIFEST
from tests.conftest import CORPUS, run_cli, write_article

RECORDS = [
    {"id": "msk", "text": "Москва принимает делегации из соседних стран."},
    {"id": "ber", "text": "Берлин готовит выставку современного искусства."},
]


def _jsonl(path: Path, records: list[dict[str, str]] = RECORDS) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _corpus(folder: Path) -> Path:
    write_article(folder, "volga.txt", "Волга впадает в Каспийское море.\nЕё бассейн огромен.")
    return folder


def _snapshot(index: Path) -> tuple[bytes, list[str]]:
    """The manifest's bytes and the index folder's entries: equal means untouched."""
    return (index / MANIFEST).read_bytes(), sorted(p.name for p in index.iterdir())


def _ids(engine: SearchEngine, query: str) -> list[str]:
    return [h.id for h in engine.search(query)]


# -- Python --------------------------------------------------------------------------


def test_records_are_never_replaced_by_a_corpus(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    SearchEngine.from_documents(RECORDS, index).close()
    before = _snapshot(index)
    for corpus in (None, CORPUS, _jsonl(tmp_path / "other.jsonl")):
        with pytest.raises(SearchIndexError) as caught:
            SearchEngine(corpus, index)
        message = str(caught.value)
        assert caught.value.path == index and not isinstance(caught.value, IndexCorruptedError)
        assert "from_documents" in message and "nothing was changed" in message
        assert "SearchEngine.open" in message and "rebuild=True" in message
        assert "index build --force" in message and "\n" not in message
        assert _snapshot(index) == before
    with SearchEngine.open(index) as engine:
        assert _ids(engine, "Москва") == ["msk"]
    with SearchEngine(index=index, rebuild=True) as engine:  # asked for: replaced
        assert engine.search("Москва").total == 0 and engine.info().paragraphs == 14


def test_records_never_replace_the_index_of_a_corpus(tmp_path: Path) -> None:
    """`from_documents` replaced whatever the folder held (the bundled article's index too)."""
    corpus_index, edited, records = tmp_path / "corpus-ix", tmp_path / "edited", tmp_path / "rec"
    SearchEngine(CORPUS, corpus_index).close()
    with SearchEngine(_corpus(tmp_path / "c"), edited) as engine:
        engine.add([{"id": "extra", "text": "Добавленный документ"}])
    for index in (corpus_index, edited):
        before = _snapshot(index)
        with pytest.raises(IndexConflictError) as caught:
            SearchEngine.from_documents(RECORDS, index)
        message = str(caught.value)
        assert "nothing was changed" in message and "rebuild=True" in message
        assert caught.value.path == index and _snapshot(index) == before
    with SearchEngine.from_documents(RECORDS, corpus_index, rebuild=True) as engine:
        assert _ids(engine, "Москва") == ["msk"]  # (asked for: replaced)
    # A collection of records, edited or not, is replaced by records (the call run again).
    with SearchEngine.from_documents(RECORDS, records) as engine:
        engine.add([{"id": "extra", "text": "Добавленный документ"}])
    with SearchEngine.from_documents(RECORDS[:1], records) as engine:
        assert engine.info().paragraphs == 1
    with pytest.raises(SettingsError, match="rebuild must be True or False"):
        SearchEngine.from_documents(RECORDS, records, rebuild="yes")  # type: ignore[arg-type]


def test_the_default_corpus_never_replaces_another_corpus(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "mycorp"), tmp_path / "ix"
    SearchEngine(corpus, index).close()
    before = _snapshot(index)
    with pytest.raises(SearchIndexError, match="holds the corpus .*mycorp.*not the bundled"):
        SearchEngine(index=index)
    with pytest.raises(SearchIndexError, match=r"--corpus \S*mycorp"):  # names its corpus
        SearchEngine(index=index).build()
    assert _snapshot(index) == before
    with SearchEngine(corpus, index) as engine:  # its own corpus: as before
        assert not engine.info().rebuilt and _ids(engine, "Волга") == ["volga#p1"]
    # Naming another corpus explicitly is asking for it: rebuilt from that one.
    with SearchEngine(CORPUS, index) as engine:
        assert engine.info().rebuilt and engine.search("Волга").total == 0


def test_the_default_corpus_never_replaces_a_jsonl_collection(tmp_path: Path) -> None:
    collection, index = _jsonl(tmp_path / "news.jsonl"), tmp_path / "ix"
    SearchEngine(collection, index).close()
    before = _snapshot(index)
    with pytest.raises(SearchIndexError, match=r"JSONL collection .*--jsonl \S*news.jsonl"):
        SearchEngine(index=index)
    assert _snapshot(index) == before
    with SearchEngine(collection, index) as engine:
        assert not engine.info().rebuilt and _ids(engine, "Москва") == ["msk"]


def test_edited_collections_are_never_replaced(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    with SearchEngine.from_documents(RECORDS[:1], index) as engine:
        engine.add(RECORDS[1:])
    before = _snapshot(index)
    for corpus in (None, _jsonl(tmp_path / "same.jsonl")):  # even with the very same records
        with pytest.raises(SearchIndexError, match="edited with add/remove"):
            SearchEngine(corpus, index)
    assert _snapshot(index) == before
    with SearchEngine.open(index) as engine:
        assert engine.info().paragraphs == 2


def test_an_edited_corpus_index_is_not_replaced_by_the_default(tmp_path: Path) -> None:
    corpus, index = _corpus(tmp_path / "c"), tmp_path / "ix"
    with SearchEngine(corpus, index) as engine:
        engine.add(RECORDS)
    before = _snapshot(index)
    with pytest.raises(SearchIndexError, match="edited with add/remove"):
        SearchEngine(index=index)
    assert _snapshot(index) == before
    # Its corpus, named, brings it back in line (the README: edits to a
    # corpus's index last until it is opened with that corpus).
    with SearchEngine(corpus, index) as engine:
        assert engine.search("Москва").total == 0 and engine.search("Волга").total == 1


def test_the_bundled_article_at_any_path_is_the_bundled_article(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    SearchEngine(CORPUS, index).close()
    build = json.loads((index / MANIFEST).read_text("utf-8"))["build"]
    with SearchEngine(index=index) as engine:
        assert engine.info().build == build and not engine.info().rebuilt
    # A copy elsewhere with the same content is the same index: kept.
    copy = tmp_path / "copy"
    shutil.copytree(CORPUS, copy)
    other = tmp_path / "other"
    SearchEngine(copy, other).close()
    with SearchEngine(index=other) as engine:
        assert not engine.info().rebuilt and engine.info().paragraphs == 14
    # An index built by an older release (no "bundled" mark) from the bundled
    # article installed elsewhere, since updated: brought up to date.
    article = copy / "otg-summit-baku.txt"
    article.write_text(article.read_text("utf-8") + "Новый абзац про Самарканд.\n", "utf-8")
    legacy = tmp_path / "legacy"
    SearchEngine(copy, legacy).close()
    data = json.loads((legacy / MANIFEST).read_text("utf-8"))
    del data["source"]["bundled"]
    (legacy / MANIFEST).write_text(json.dumps(data), "utf-8")
    with SearchEngine(index=legacy) as engine:
        assert engine.info().rebuilt and engine.search("Самарканд").total == 0


def test_repair_does_not_replace_a_damaged_collection(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    manifest = SearchEngine.from_documents(RECORDS, index).info()
    shutil.rmtree(index / manifest.build)
    before = _snapshot(index)
    with pytest.raises(SearchIndexError, match="from_documents") as caught:
        SearchEngine(index=index, repair=True)
    assert not isinstance(caught.value, IndexCorruptedError)
    assert _snapshot(index) == before


def test_a_new_collection_never_replaces_an_index(tmp_path: Path) -> None:
    # `index add` on a folder that got an index meanwhile (another process).
    index = tmp_path / "ix"
    SearchEngine(_corpus(tmp_path / "c"), index).close()
    before = _snapshot(index)
    with pytest.raises(IndexConflictError):
        SearchEngine._new_collection(_jsonl(tmp_path / "x.jsonl"), index)
    assert _snapshot(index) == before


# -- the command line ----------------------------------------------------------------


def test_cli_index_alone_searches_what_index_add_made(tmp_path: Path) -> None:
    collection, index = _jsonl(tmp_path / "ok.jsonl"), str(tmp_path / "ix")
    assert run_cli("index", "add", str(collection), "--index", index).returncode == 0
    before = _snapshot(Path(index))
    found = run_cli("search", "Москва", "--index", index, "--json")
    assert found.returncode == 0, found.stderr
    assert [h["id"] for h in json.loads(found.stdout)["hits"]] == ["msk"]
    words = run_cli("complete", "моск", "--index", index)
    assert words.returncode == 0 and words.stdout.split() == ["Москва"]
    # `index build` without a corpus would replace it: refused, in one line.
    build = run_cli("index", "build", "--index", index)
    assert build.returncode == 1 and build.stdout == ""
    assert build.stderr.count("\n") == 1 and "Traceback" not in build.stderr
    assert "index add" in build.stderr and "--force" in build.stderr
    assert _snapshot(Path(index)) == before
    # Another `index add` makes it an edited collection: still searched as it is.
    more = _jsonl(tmp_path / "more.jsonl", [{"id": "spb", "text": "Петербург строит мосты."}])
    assert run_cli("index", "add", str(more), "--index", index).returncode == 0
    both = json.loads(run_cli("search", "Москва OR Петербург", "--index", index, "--json").stdout)
    assert sorted(h["id"] for h in both["hits"]) == ["msk", "spb"]
    # Its first file, named, would drop the second's records: refused too.
    edited = _snapshot(Path(index))
    again = run_cli("search", "Москва", "--jsonl", str(collection), "--index", index)
    assert again.returncode == 1 and "edited with add/remove" in again.stderr
    assert _snapshot(Path(index)) == edited
    # --force replaces it, as asked.
    forced = run_cli("index", "build", "--index", index, "--force", "--json")
    assert forced.returncode == 0 and json.loads(forced.stdout)["paragraphs"] == 14
    assert "ничего не найдено" in run_cli("search", "Москва", "--index", index).stdout


@pytest.mark.parametrize("option", ["--corpus", "--jsonl"])
def test_cli_index_alone_searches_the_corpus_it_was_built_from(tmp_path: Path, option: str) -> None:
    if option == "--corpus":
        source, query = _corpus(tmp_path / "mycorp"), "Волга"
    else:
        source, query = _jsonl(tmp_path / "f.jsonl"), "Москва"
    index = str(tmp_path / "ix")
    # Built by `search` itself as much as by `index build`.
    first = run_cli("search", query, option, str(source), "--index", index, "--json")
    assert first.returncode == 0 and json.loads(first.stdout)["total"] == 1
    before = _snapshot(Path(index))
    for command in ("search", "complete"):
        result = run_cli(command, query, "--index", index, "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data.get("total", len(data.get("completions", []))) == 1
    assert _snapshot(Path(index)) == before
    build = run_cli("index", "build", "--index", index)
    assert build.returncode == 1 and option in build.stderr and "--force" in build.stderr
    assert _snapshot(Path(index)) == before
    # Naming its corpus keeps it in step, as before.
    again = run_cli("index", "build", option, str(source), "--index", index, "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["rebuilt"] is False


def test_cli_index_alone_on_the_bundled_article_or_a_new_folder(tmp_path: Path) -> None:
    index = str(tmp_path / "ix")
    # A folder named with --index that holds no index: refused (a typo built the bundled
    # article there, and searched it), nothing made.
    for command in (["search", "интеграция"], ["complete", "интег"], ["quotes"]):
        refused = run_cli(*command, "--index", index)
        assert refused.returncode == 1 and "no index in" in refused.stderr, refused.stderr
        assert refused.stderr.count("\n") == 1 and not Path(index).exists()
    built = run_cli("index", "build", "--index", index, "--json")  # building it is asked for
    assert built.returncode == 0 and json.loads(built.stdout)["rebuilt"] is True
    found = run_cli("search", "интеграция", "--index", index, "--json")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] > 0
    again = run_cli("index", "build", "--index", index, "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["rebuilt"] is False


def test_cli_default_index_holding_a_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`index add` without --index, then `search`: the collection, not the bundled article."""
    from searchlib._paths import checkout_root

    if checkout_root() is not None:
        pytest.skip("running from a source checkout: the default index is the repository's index/")
    monkeypatch.setenv("SEARCHLIB_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("search", "интеграция", cwd=tmp_path).returncode == 0  # the bundled index
    extra = _jsonl(tmp_path / "ok.jsonl")
    assert run_cli("index", "add", str(extra), cwd=tmp_path).returncode == 0
    found = run_cli("search", "Москва", "--json", cwd=tmp_path)
    assert found.returncode == 0 and [h["id"] for h in json.loads(found.stdout)["hits"]] == ["msk"]
    assert json.loads(run_cli("search", "интеграция", "--json", cwd=tmp_path).stdout)["total"]
