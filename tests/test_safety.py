"""Safe to embed: concurrent readers and writers, crashes, corruption, foreign index folders.

Real threads, real processes, real SIGKILLs, real Whoosh indexes in
temporary folders; every wait is bounded.  ``SEARCHLIB_CRASH_TRIALS`` runs
more kill points than the default (the README reports such a run).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from searchlib import (
    IndexConflictError,
    IndexCorruptedError,
    QueryError,
    SearchEngine,
    SearchIndexError,
    SearchlibError,
)
from searchlib._index import MANIFEST, IndexStore
from tests.conftest import CORPUS, REPO, run_cli, subprocess_env

BATCH = 5
# More readers and batches than the default: SEARCHLIB_STRESS_READERS, SEARCHLIB_STRESS_BATCHES.
READERS = int(os.environ.get("SEARCHLIB_STRESS_READERS", "6"))
BATCHES = int(os.environ.get("SEARCHLIB_STRESS_BATCHES", "8"))


def _records(prefix: str, count: int, word: str) -> list[dict[str, str]]:
    return [
        {"id": f"{prefix}-{i}", "text": f"{word.capitalize()} и средний коридор, запись {i}."}
        for i in range(count)
    ]


def _ids(engine: SearchEngine) -> list[str]:
    searcher = engine._searcher()
    return [fields["id"] for fields in searcher.all_stored_fields()]


def _batches_whole(ids: list[str]) -> bool:
    """Every update batch (ids ``u<n>-<batch>-<k>``) is all there or not there at all."""
    sizes: dict[str, int] = {}
    for i in ids:
        if i.startswith("u"):
            batch = i.rsplit("-", 1)[0]
            sizes[batch] = sizes.get(batch, 0) + 1
    return all(size == BATCH for size in sizes.values())


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**subprocess_env(), "PYTHONPATH": str(REPO)},
    )


# -- concurrency ------------------------------------------------------------------------

WRITER = """
import sys
from searchlib import SearchEngine
index, batches = sys.argv[1], int(sys.argv[2])
with SearchEngine.open(index, lock_timeout=60) as engine:
    for b in range(batches):
        engine.add([{"id": f"uP-{b}-{k}", "text": f"Гамма и средний коридор {k}."}
                    for k in range(5)])
print("ok")
"""


def test_readers_never_see_half_an_update_while_a_thread_and_a_process_write(
    tmp_path: Path,
) -> None:
    index = tmp_path / "ix"
    SearchEngine.from_documents(_records("base", 20, "альфа"), index).close()
    shared = SearchEngine.open(index)  # one engine shared by every reader thread
    writer_engine = SearchEngine.open(index)  # a second engine on the same index
    stop = threading.Event()
    errors: list[BaseException] = []
    seen: list[int] = []

    def reader() -> None:
        try:
            last = 0
            while not stop.is_set():
                results = shared.search("средний коридор", limit=100)
                # Base records plus whole batches of BATCH: never a part of one.
                assert (results.total - 20) % BATCH == 0, results.total
                assert results.total >= last  # a thread never goes back in time
                last = results.total
                assert shared.search("альфа").total == 20
                seen.append(results.total)
        except BaseException as exc:
            errors.append(exc)
            stop.set()

    def thread_writer() -> None:
        try:
            for b in range(BATCHES):
                writer_engine.add(_records(f"uT-{b}", BATCH, "бета"))
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in readers:
        thread.start()
    process = _python(WRITER, str(index), str(BATCHES))
    writer = threading.Thread(target=thread_writer)
    writer.start()
    try:
        out, err = process.communicate(timeout=180)
        writer.join(timeout=180)
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
    assert not errors, errors[0]
    assert process.returncode == 0 and out.strip() == "ok", err
    assert not writer.is_alive() and not any(t.is_alive() for t in readers)
    # No update was lost: the writers took turns, each starting from the other's result.
    final = shared.search("средний коридор", limit=1)
    assert final.total == 20 + 2 * BATCHES * BATCH
    assert shared.search("бета").total == BATCHES * BATCH
    assert shared.search("гамма").total == BATCHES * BATCH
    assert shared.info().paragraphs == 20 + 2 * BATCHES * BATCH
    print(f"\n{READERS} reader threads ran {len(seen)} searches during {2 * BATCHES} updates")
    assert len(seen) > 10 and len(set(seen)) > 1  # the readers really ran during the updates
    shared.close()
    writer_engine.close()


HOLDER = """
import sys, time
from pathlib import Path
from searchlib._locking import FileLock
with FileLock(Path(sys.argv[1]) / ".searchlib-lock"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_writer_waits_for_the_lock_bounded_and_configurable(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    SearchEngine.from_documents(_records("base", 3, "альфа"), index).close()
    holder = _python(HOLDER, str(index), "3")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        impatient = SearchEngine.open(index, lock_timeout=0.2)
        started = time.monotonic()
        with pytest.raises(SearchIndexError, match="index lock"):
            impatient.add(_records("x", 1, "бета"))
        assert time.monotonic() - started < 2.5  # gave up after its timeout, not the holder's
        assert impatient.search("бета").total == 0  # and changed nothing
        patient = SearchEngine.open(index, lock_timeout=60)
        patient.add(_records("y", 1, "бета"))  # waits for the holder, then writes
        assert patient.search("бета").total == 1
    finally:
        holder.kill()
        holder.communicate(timeout=30)


def test_a_lock_held_by_a_killed_process_is_recovered(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    SearchEngine.from_documents(_records("base", 3, "альфа"), index).close()
    holder = _python(HOLDER, str(index), "600")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    with SearchEngine.open(index, lock_timeout=5) as engine:
        engine.add(_records("z", 2, "бета"))
        assert engine.search("бета").total == 2


def test_lock_timeout_is_validated(tmp_path: Path) -> None:
    for bad in (-1, float("inf"), "10", True):
        with pytest.raises(SearchlibError, match="lock_timeout"):
            SearchEngine(CORPUS, tmp_path / "ix", lock_timeout=bad)  # type: ignore[arg-type]


# -- crash safety ---------------------------------------------------------------------

CRASHER = """
import sys
from searchlib import SearchEngine
index, mode, trial = sys.argv[1], sys.argv[2], sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
if mode == "build":
    records = [{"id": f"b{trial}-{i}", "text": f"Документ {i}: средний коридор, саммит в Баку."}
               for i in range(150)]
    SearchEngine.from_documents(records, index).close()
elif mode == "update":
    with SearchEngine.open(index) as engine:
        for b in range(1000):
            engine.add([{"id": f"u{trial}-{b}-{k}", "text": f"Пакет {b}: средний коридор."}
                        for k in range(5)])
            if b % 3 == 2:
                engine.remove(*[f"u{trial}-{b - 1}-{k}" for k in range(5)])
else:
    with SearchEngine.open(index) as engine:
        engine.optimize()
print("done", flush=True)
"""


def _run_crasher(index: Path, mode: str, trial: int, kill_after: float | None) -> float:
    """Run one write in a child process; SIGKILL it ``kill_after`` seconds in.

    Returns how long the write ran, or -1 when it was killed.
    """
    child = _python(CRASHER, str(index), mode, str(trial))
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    started = time.monotonic()
    child.stdin.write("go\n")
    child.stdin.flush()
    if kill_after is None:
        child.communicate(timeout=180)
        return time.monotonic() - started
    try:
        child.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    _out, err = child.communicate(timeout=60)
    if child.returncode == -signal.SIGKILL:
        return -1.0
    assert child.returncode == 0, err
    return time.monotonic() - started


def _check_whole(index: Path) -> int:
    """The index opens, answers, and holds the old or the new state, never a mix."""
    with SearchEngine.open(index) as engine:
        ids = _ids(engine)
        info = engine.info()
        assert info.paragraphs == len(ids)  # the manifest and the build agree
        assert engine.search("средний коридор", limit=1).total == len(ids)
        builds = {i.split("-")[0] for i in ids if i.startswith("b")}
        assert len(builds) == 1  # documents of exactly one full build
        assert sum(1 for i in ids if i.startswith("b")) == 150
        assert _batches_whole(ids)
        return len(ids)


def test_sigkill_at_any_moment_of_a_build_or_update_leaves_a_whole_index(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    durations = {"build": _run_crasher(index, "build", 0, None)}
    _check_whole(index)
    trials = int(os.environ.get("SEARCHLIB_CRASH_TRIALS", "18"))
    rng = random.Random(6)
    durations["update"] = 2.0  # updates loop until killed
    durations["optimize"] = _run_crasher(index, "optimize", 0, None)
    modes = ["build", "update", "optimize"]
    killed = 0
    per_mode = dict.fromkeys(modes, 0)
    for trial in range(1, trials + 1):
        mode = modes[trial % 3]
        kill_after = rng.uniform(0, durations[mode] * 1.1)
        if _run_crasher(index, mode, trial, kill_after) < 0:
            killed += 1
            per_mode[mode] += 1
        _check_whole(index)
    print(f"\n{trials} writes, {killed} killed mid-way {per_mode}; the index held after each")
    # The writers after each crash worked too (each trial wrote on top of the last).
    _run_crasher(index, "optimize", 0, None)
    assert _check_whole(index) >= 150
    leftovers = [p.name for p in index.iterdir() if p.name.startswith("tmp-")]
    assert len(leftovers) <= trials  # crashed builds' folders, swept after an hour
    assert killed >= trials // 2  # most writes were cut short (a few finished first)


# -- corruption -------------------------------------------------------------------------


def _built(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "ix"
    SearchEngine(corpus, index).close()
    return corpus, index


def _build_folder(index: Path) -> Path:
    manifest = IndexStore(index).read_manifest()
    assert manifest is not None
    return index / manifest.build


def _truncate_segment(index: Path) -> None:
    segment = next(_build_folder(index).glob("*.slterms"))
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def _delete_toc(index: Path) -> None:
    for toc in _build_folder(index).glob("*.toc"):
        toc.unlink()


def _delete_segment(index: Path) -> None:
    next(_build_folder(index).glob("*.slterms")).unlink()


def _truncate_manifest(index: Path) -> None:
    manifest = index / "searchlib-index.json"
    manifest.write_bytes(manifest.read_bytes()[:40])


def _delete_build(index: Path) -> None:
    shutil.rmtree(_build_folder(index))


DAMAGE = [_truncate_segment, _delete_toc, _delete_segment, _truncate_manifest, _delete_build]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_damaged_index_files_are_index_corrupted_errors(tmp_path: Path, damage: object) -> None:
    corpus, index = _built(tmp_path)
    damage(index)  # type: ignore[operator]
    for opener in (lambda: SearchEngine.open(index), lambda: SearchEngine(corpus, index)):
        with pytest.raises(IndexCorruptedError) as caught:
            opener()
        assert str(index) in str(caught.value) and "index build --force" in str(caught.value)
        assert caught.value.path == index
    # The opt-in repair rebuilds from the corpus.
    with SearchEngine(corpus, index, repair=True) as engine:
        assert engine.info().rebuilt
        assert engine.search("интеграция тюркского мира").total > 0
    with SearchEngine(corpus, index) as engine:  # and the repaired index is fine afterwards
        assert not engine.info().rebuilt


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_cli_reports_corruption_in_one_line_and_build_force_recovers(
    tmp_path: Path, damage: object
) -> None:
    corpus, index = _built(tmp_path)
    damage(index)  # type: ignore[operator]
    broken = run_cli("search", "интеграция", "--corpus", str(corpus), "--index", str(index))
    assert broken.returncode == 1 and broken.stdout == ""
    assert broken.stderr.count("\n") == 1 and "index build --force" in broken.stderr
    assert "Traceback" not in broken.stderr
    fixed = run_cli("index", "build", "--force", "--corpus", str(corpus), "--index", str(index))
    assert fixed.returncode == 0, fixed.stderr
    again = run_cli("search", "интеграция", "--corpus", str(corpus), "--index", str(index))
    assert again.returncode == 0 and "интеграц" in again.stdout.lower()


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_corruption_advice_rebuilds_a_collection_not_the_bundled_article(
    tmp_path: Path, damage: object
) -> None:
    # A bare `index build --force` builds the bundled article: the advice for
    # a damaged JSONL collection must name the collection instead.
    collection = tmp_path / "news.jsonl"
    collection.write_text(
        json.dumps({"id": "msk", "text": "Москва строит новые станции метро."}, ensure_ascii=False)
        + "\n",
        "utf-8",
    )
    index = tmp_path / "ix"
    SearchEngine(collection, index).close()
    damage(index)  # type: ignore[operator]
    broken = run_cli("search", "метро", "--index", str(index))
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1, broken.stderr
    if damage is _truncate_manifest:  # what it was built from is unknown: say what to add
        assert "--jsonl FILE" in broken.stderr
    else:
        assert f"--force --index {index} --jsonl {collection}" in broken.stderr
    fixed = run_cli("index", "build", "--force", "--index", str(index), "--jsonl", str(collection))
    assert fixed.returncode == 0, fixed.stderr
    found = run_cli("search", "метро", "--index", str(index), "--json")
    assert [h["id"] for h in json.loads(found.stdout)["hits"]] == ["msk"]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_index_build_with_its_corpus_rebuilds_any_damage(tmp_path: Path, damage: object) -> None:
    """Building with the corpus named is what was asked: damage of any kind (cut short,
    missing, a damaged manifest) is rebuilt without --force."""
    corpus, index = _built(tmp_path)
    damage(index)  # type: ignore[operator]
    built = run_cli("index", "build", "--corpus", str(corpus), "--index", str(index), "--json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["rebuilt"] is True
    found = run_cli("search", "интеграция", "--corpus", str(corpus), "--index", str(index))
    assert found.returncode == 0 and "Найдено" in found.stdout


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_index_build_without_a_corpus_never_replaces_a_damaged_collection(
    tmp_path: Path, damage: object
) -> None:
    """Without a corpus named, `index build` reports the damage: with the manifest damaged,
    what the folder holds is unknown, and the bundled article must not replace it."""
    collection = tmp_path / "news.jsonl"
    record = {"id": "msk", "text": "Москва строит новые станции метро."}
    collection.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    index = tmp_path / "ix"
    SearchEngine(collection, index).close()
    damage(index)  # type: ignore[operator]
    refused = run_cli("index", "build", "--index", str(index))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    fixed = run_cli("index", "build", "--index", str(index), "--jsonl", str(collection))
    assert fixed.returncode == 0, fixed.stderr
    found = run_cli("search", "метро", "--index", str(index), "--json")
    assert [h["id"] for h in json.loads(found.stdout)["hits"]] == ["msk"]


def test_repair_without_a_corpus_never_replaces_what_an_unreadable_manifest_hides(
    tmp_path: Path,
) -> None:
    """A collection made with from_documents has no source to be rebuilt from: with its
    manifest unreadable, `repair=True` and `search --repair` with no corpus named refuse
    rather than build the bundled article over it (which garbage collection would then
    delete); naming the corpus repairs."""
    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "a", "text": "Кошка спит на диване."}], index).close()
    builds = sorted(p.name for p in index.iterdir() if p.name.startswith("build-"))
    (index / MANIFEST).write_text("garbage", encoding="utf-8")
    with pytest.raises(IndexCorruptedError, match="is damaged"):
        SearchEngine(index=index, repair=True)
    refused = run_cli("search", "кошка", "--index", str(index), "--repair")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert (index / MANIFEST).read_text(encoding="utf-8") == "garbage"
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("build-")) == builds
    with SearchEngine(CORPUS, index, repair=True) as engine:  # a corpus named: rebuilt from it
        assert engine.info().rebuilt and engine.search("интеграция").total > 0


def test_a_folder_that_lost_its_manifest_is_not_built_over_without_a_corpus(
    tmp_path: Path,
) -> None:
    """Builds and no manifest: what the folder holds is unknown (a collection has no source
    to be rebuilt from); the bundled article is built there only when asked (--force)."""
    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "a", "text": "Кошка спит на диване."}], index).close()
    (index / MANIFEST).unlink()
    with pytest.raises(IndexCorruptedError, match="has lost its manifest"):
        SearchEngine(index=index)
    refused = run_cli("index", "build", "--index", str(index))
    assert refused.returncode == 1 and "--force" in refused.stderr, refused.stderr
    assert not (index / MANIFEST).exists()
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "m1", "text": "Ещё одна запись."}\n', encoding="utf-8")
    for command in (
        ["search", "кошка"],
        ["complete", "кош"],
        ["quotes"],
        ["index", "add", str(more)],
        ["index", "remove", "a"],
        ["index", "optimize"],
        ["search", "кошка", "--repair"],
    ):
        said = run_cli(*command, "--index", str(index))
        assert said.returncode == 1 and "has lost its manifest" in said.stderr, (command, said)
    assert not (index / MANIFEST).exists()
    with pytest.raises(IndexCorruptedError, match="has lost its manifest"):
        SearchEngine.open(index)
    forced = run_cli("index", "build", "--force", "--index", str(index))
    assert forced.returncode == 0, forced.stderr
    with SearchEngine(index=index) as engine:
        assert engine.search("интеграция").total > 0


def test_a_manifest_naming_no_build_beside_builds_is_not_built_over(tmp_path: Path) -> None:
    """An earlier version's manifest that names no build: the builds beside it may be a
    collection; without a corpus named nothing replaces them."""
    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "a", "text": "Кошка спит на диване."}], index).close()
    builds = sorted(p.name for p in index.iterdir() if p.name.startswith("build-"))
    (index / MANIFEST).write_text('{"library": "searchlib", "format": 2}', encoding="utf-8")
    with pytest.raises(SearchlibError, match="names no build"):
        SearchEngine(index=index)
    for command in (["search", "кошка"], ["complete", "кош"], ["index", "build"]):
        said = run_cli(*command, "--index", str(index))
        assert said.returncode == 1, (command, said)
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("build-")) == builds


def test_cli_search_repair_rebuilds_a_damaged_index(tmp_path: Path) -> None:
    corpus, index = _built(tmp_path)
    _truncate_segment(index)
    result = run_cli(
        "search", "интеграция", "--corpus", str(corpus), "--index", str(index), "--repair", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] > 0


def test_cli_search_repair_without_the_corpus_rebuilds_from_the_one_the_index_records(
    tmp_path: Path,
) -> None:
    corpus, index = tmp_path / "news", tmp_path / "ix"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Бюджет вырос.\nНалоги снижены.\n", encoding="utf-8")
    SearchEngine(corpus, index).close()
    _truncate_segment(index)
    assert run_cli("search", "бюджет", "--index", str(index)).returncode == 1
    result = run_cli("search", "бюджет", "--index", str(index), "--repair", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 1
    with pytest.raises(IndexConflictError) as raised:
        SearchEngine(index=index)  # (the bundled article would replace it: refused)
    assert raised.value.source == corpus.resolve() and raised.value.path == index
    # A whole index is searched as it is, --repair or not (not brought in line with a
    # corpus changed since, nor refused when the corpus cannot be read).
    (corpus / "a.txt").write_text("Налоги снижены.\n", encoding="utf-8")
    stale = run_cli("search", "бюджет", "--index", str(index), "--repair", "--json")
    assert stale.returncode == 0 and json.loads(stale.stdout)["total"] == 1, stale.stderr
    (corpus / "a.txt").unlink()
    gone = run_cli("search", "бюджет", "--index", str(index), "--repair", "--json")
    assert gone.returncode == 0 and json.loads(gone.stdout)["total"] == 1, gone.stderr


def test_a_damaged_index_does_not_stop_an_engine_that_has_it_open(tmp_path: Path) -> None:
    # Files already open stay readable; a damaged build is reported at the next open.
    corpus, index = _built(tmp_path)
    with SearchEngine(corpus, index) as engine:
        assert engine.search("интеграция").total > 0
        _delete_segment(index)
        assert engine.search("интеграция").total > 0
    with pytest.raises(IndexCorruptedError):
        SearchEngine.open(index)


# -- foreign and untrusted folders -----------------------------------------------------


def test_a_build_without_a_searchlib_signature_is_not_opened(tmp_path: Path) -> None:
    corpus, index = _built(tmp_path)
    (_build_folder(index) / "searchlib-build.json").unlink()
    with pytest.raises(IndexCorruptedError, match="not written by searchlib"):
        SearchEngine.open(index)  # never unpickled from
    # Repairing or rebuilding replaces it (the folder still holds searchlib's manifest).
    with SearchEngine(corpus, index, repair=True) as engine:
        assert engine.info().rebuilt and engine.search("интеграция").total > 0


def test_a_plain_whoosh_index_is_never_opened_or_overwritten(tmp_path: Path) -> None:
    from whoosh import fields
    from whoosh import index as whoosh_index

    folder = tmp_path / "whoosh"
    folder.mkdir()
    whoosh_index.create_in(str(folder), fields.Schema(text=fields.TEXT))
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(SearchIndexError, match="no index"):
        SearchEngine.open(folder)
    with pytest.raises(SearchIndexError, match="not a searchlib index folder"):
        SearchEngine(CORPUS, folder)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_signature_that_lies_about_sizes_is_corruption(tmp_path: Path) -> None:
    _corpus, index = _built(tmp_path)
    signature = _build_folder(index) / "searchlib-build.json"
    data = json.loads(signature.read_text())
    name = next(iter(data["files"]))
    data["files"][name] += 1
    signature.write_text(json.dumps(data))
    with pytest.raises(IndexCorruptedError, match="damaged"):
        SearchEngine.open(index)


def test_a_read_only_index_can_be_searched_not_changed(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    index = tmp_path / "ix"
    SearchEngine.from_documents(_records("base", 3, "альфа"), index).close()
    os.chmod(index, 0o555)
    (index / ".searchlib-lock").chmod(0o444)
    try:
        with SearchEngine.open(index) as engine:
            assert engine.search("альфа").total == 3
            with pytest.raises(SearchIndexError, match="read-only index"):
                engine.add(_records("x", 1, "бета"))
    finally:
        os.chmod(index, 0o755)


def test_a_lock_that_cannot_be_created_is_a_searchlib_error(tmp_path: Path) -> None:
    from searchlib._locking import FileLock

    lock = FileLock(tmp_path / "missing-folder" / ".searchlib-lock")
    with pytest.raises(SearchIndexError, match="cannot lock the index folder"), lock:
        pass


def test_an_interrupt_after_the_manifest_switch_keeps_the_new_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import searchlib._files as files_module

    index = tmp_path / "ix"
    SearchEngine.from_documents(_records("base", 3, "альфа"), index).close()
    flush_folder = files_module.fsync_dir

    def interrupted(path: Path) -> None:
        if path == index:  # the flush of the index folder just after os.replace
            raise KeyboardInterrupt  # switched the manifest: Ctrl-C there
        flush_folder(path)

    monkeypatch.setattr(files_module, "fsync_dir", interrupted)
    with pytest.raises(KeyboardInterrupt):
        SearchEngine.open(index).add(_records("x", 2, "бета"))
    monkeypatch.undo()
    with SearchEngine.open(index) as engine:  # the manifest names a build that exists
        assert engine.search("бета").total == 2  # the switch had happened: the new build
        assert engine.search("альфа").total == 3


def test_damaged_bytes_found_by_an_update_are_index_corruption(tmp_path: Path) -> None:
    corpus, index = _built(tmp_path)
    segment = max(_build_folder(index).glob("*.sl*"), key=lambda p: p.stat().st_size)
    segment.write_bytes(b"\0" * segment.stat().st_size)  # same size: the signature holds
    (corpus / "otg-summit-baku.txt").write_text(
        (CORPUS / "otg-summit-baku.txt").read_text(encoding="utf-8") + "Новый абзац.\n",
        encoding="utf-8",
    )
    shutil.copy(corpus / "otg-summit-baku.txt", corpus / "second.txt")
    for opener in (lambda: SearchEngine.open(index).add(_records("x", 1, "бета")),):
        with pytest.raises(IndexCorruptedError, match="index build --force"):
            opener()
    with SearchEngine(corpus, index, repair=True) as engine:
        assert engine.search("новый абзац").total > 0


def test_lone_surrogates_never_escape_as_unicode_errors(tmp_path: Path) -> None:
    with SearchEngine.from_documents(_records("base", 3, "привет"), tmp_path / "ix") as engine:
        engine.add(_records("more", 1, "пример"))  # completion now reads Whoosh's term file
        for text in ("при\ud800", "\udfff", "a\ud83d"):
            assert engine.complete(text) == []
            engine.search(text)
            with contextlib.suppress(QueryError):  # no searchable name is a QueryError
                engine.search("привет", speaker=text, article=text)
            with pytest.raises(QueryError, match="no article"):  # (none has that id)
                engine.search("привет", article=text)


# -- worker processes of a killed build --------------------------------------------------

BUILDER = """
import sys
from searchlib import SearchEngine
print("building", flush=True)
SearchEngine(sys.argv[1], sys.argv[2], procs=2).close()
print("built", flush=True)
"""


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state, ppid...), or None."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _running(pid: int) -> bool:
    """Is process ``pid`` alive (a zombie left for a parent that never reaps it is not)?"""
    stat = _proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def _children(pid: int) -> set[int]:
    """The running processes whose parent is ``pid`` (from /proc: there is no psutil)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _proc_stat(int(entry.name))
            if stat is not None and stat[1] == str(pid) and stat[0] not in ("Z", "X"):
                found.add(int(entry.name))
    return found


def _paragraphs(path: Path, count: int, seed: int) -> None:
    """A JSONL collection of ``count`` paragraphs of words of the bundled article."""
    words = (CORPUS / "otg-summit-baku.txt").read_text(encoding="utf-8").split()
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(rng.choices(words, k=60))
            out.write(json.dumps({"id": f"p{seed}-{i}", "text": text}, ensure_ascii=False) + "\n")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes in /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    old, big, index = tmp_path / "old.jsonl", tmp_path / "big.jsonl", tmp_path / "ix"
    _paragraphs(old, 30, 1)
    SearchEngine(old, index).close()
    _paragraphs(big, 20_000, 2)  # a build of a few seconds with two processes
    builder = _python(BUILDER, str(big), str(index))
    workers: set[int] = set()
    try:
        assert builder.stdout is not None and builder.stdout.readline().strip() == "building"
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and builder.poll() is None:
            workers = _children(builder.pid)
            time.sleep(0.02)
        assert len(workers) >= 2, "the build's worker processes never started"
        time.sleep(0.3)  # they are indexing batches now
        builder.send_signal(signal.SIGKILL)
        # (Not communicate(): orphaned workers would hold its output pipes open for ever.)
        assert builder.wait(timeout=60) == -signal.SIGKILL
        deadline = time.monotonic() + 30
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = sorted(w for w in workers if _running(w))
        assert not left, f"worker processes {left} outlived their parent"
    finally:
        with contextlib.suppress(ProcessLookupError):
            builder.kill()
        for worker in workers:
            if _running(worker):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker, signal.SIGKILL)
        builder.communicate(timeout=60)
    with SearchEngine.open(index) as engine:  # the old build, whole (killed mid-build)
        assert engine.info().paragraphs == 30
        assert len(_ids(engine)) == 30


# -- content checksums ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus and its index (every file signed with its CRC-32), for tests to copy."""
    folder = tmp_path_factory.mktemp("signed")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    SearchEngine(corpus, folder / "ix").close()
    return corpus, folder / "ix"


def _copy(signed: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """(corpus, a copy of its index): new files, never read by this process yet."""
    corpus, index = signed
    shutil.copytree(index, tmp_path / "ix")
    return corpus, tmp_path / "ix"


SIGNED = [
    ".slterms",
    ".sldocs",
    ".toc",
    "display-forms.json",
    "spelling-keys.npy",
    "spelling-frequencies.npy",
    "spelling-words.txt",
]


def _index_file(index: Path, suffix: str) -> Path:
    return next(p for p in _build_folder(index).iterdir() if p.name.endswith(suffix))


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    """Write ``data`` over the file's bytes at ``offset``, in place (same file, same size)."""
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(data)


def _zero_middle(path: Path, count: int = 16) -> None:
    """Zero ``count`` bytes in the middle of a file (from its first byte there not zero yet)."""
    data = path.read_bytes()
    middle = len(data) // 2
    at = next((i for i in range(middle, len(data)) if data[i]), None)
    if at is None:
        at = next(i for i in range(len(data)) if data[i])
    _overwrite(path, at, bytes(len(data[at : at + count])))
    assert path.read_bytes() != data and len(path.read_bytes()) == len(data)


def _zero_stored_fields(index: Path) -> Path:
    """Zero every document's stored fields: reading any hit's text fails (sizes intact)."""
    from searchlib._codec.files import ArrayFile

    docs = _index_file(index, ".sldocs")
    layout = ArrayFile(docs.read_bytes(), docs.name, "searchlib-docs")
    time.sleep(0.05)  # (a new modification time, however coarse the file system's clock)
    _overwrite(docs, layout.offset("stored"), bytes(len(layout.array("stored"))))
    return docs


@pytest.mark.parametrize("operation", ["search", "add", "optimize"])
@pytest.mark.parametrize("suffix", SIGNED)
def test_zeroed_bytes_in_the_middle_of_any_index_file_are_index_corruption(
    signed: tuple[Path, Path], tmp_path: Path, suffix: str, operation: str
) -> None:
    corpus, index = _copy(signed, tmp_path)
    damaged = _index_file(index, suffix)
    _zero_middle(damaged)  # sizes intact: the open's checks pass, only the contents differ
    build = _build_folder(index)
    openers = [lambda: SearchEngine.open(index)]
    if operation == "search":
        openers.append(lambda: SearchEngine(corpus, index))
    for opener in openers:
        with pytest.raises(IndexCorruptedError) as caught:
            engine = opener()  # (the table of contents is checked here, the rest on first use)
            if operation == "search":
                engine.search("интеграция тюркского мира")
            elif operation == "add":
                engine.add(_records("x", 1, "бета"))
            else:
                engine.optimize()
        message = str(caught.value)
        assert damaged.name in message and "damaged" in message, message
        assert "index build --force" in message and "repair=True" in message
        assert caught.value.path == index
    assert _build_folder(index) == build  # nothing was built over it


def test_a_flipped_byte_in_a_stored_field_is_caught(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = _copy(signed, tmp_path)
    docs = _index_file(index, ".sldocs")
    word = "тюркского".encode("utf-16-le")  # (a paragraph's text is stored in UTF-16)
    at = docs.read_bytes().index(word) + word.index("к".encode("utf-16-le"))
    _overwrite(docs, at, b"\x3b")  # к -> л: still UTF-16, the same size
    with SearchEngine.open(index) as engine, pytest.raises(IndexCorruptedError, match="sldocs"):
        engine.search("интеграция тюркского мира")  # was served as "тюрлского"
    with SearchEngine(corpus, index, repair=True) as engine:
        hits = engine.search("интеграция тюркского мира", limit=100).hits
        assert engine.info().rebuilt
        assert any("тюркского" in h.text for h in hits)
        assert not any("тюрлского" in h.text for h in hits)


def test_damage_found_by_a_search_is_index_corruption_not_a_bad_query(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    _corpus, index = _copy(signed, tmp_path)
    with SearchEngine.open(index) as engine:
        assert engine.search("интеграция тюркского мира").total > 0  # checked and read
        docs = _zero_stored_fields(index)  # damaged under the open engine
        with pytest.raises(IndexCorruptedError, match=docs.name):
            engine.search("интеграция тюркского мира")


def test_repair_rebuilds_after_damage_made_while_the_engine_is_open(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = _copy(signed, tmp_path)
    with SearchEngine(corpus, index, repair=True) as engine:
        assert not engine.info().rebuilt
        # Damaged after the open, before the first search reads the build.
        _zero_middle(_index_file(index, ".slterms"))
        assert engine.search("интеграция тюркского мира").total > 0
        assert engine.info().rebuilt
        first = engine.info().build
        # Damaged after searches have read the (new) build: found when reading fails.
        assert engine.search("интеграция тюркского мира").total > 0
        _zero_stored_fields(index)
        results = engine.search("интеграция тюркского мира")
        assert results.total > 0 and all(h.text for h in results.hits)
        assert engine.info().build != first
        assert engine.complete("интегр")
    with SearchEngine(corpus, index) as engine:  # and the repaired index is whole
        assert not engine.info().rebuilt
        assert engine.search("интеграция тюркского мира").total > 0


def test_optimize_with_repair_rebuilds_a_damaged_index(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = _copy(signed, tmp_path)
    _zero_middle(_index_file(index, ".sldocs"))
    with SearchEngine(corpus, index, repair=True) as engine:
        info = engine.optimize()
        assert info.rebuilt
        assert engine.search("интеграция тюркского мира").total > 0


def test_each_index_file_is_checked_once_not_on_every_search(
    signed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import searchlib._index as index_module

    _corpus, index = _copy(signed, tmp_path)
    reads: list[str] = []
    crc = index_module._file_crc

    def counted(path: Path) -> int:
        reads.append(path.name)
        return crc(path)

    monkeypatch.setattr(index_module, "_file_crc", counted)
    signature = json.loads((_build_folder(index) / "searchlib-build.json").read_text())
    files = sorted(signature["crc32"])
    assert files == sorted(signature["files"])
    engine = SearchEngine.open(index)
    assert reads == [n for n in files if n.endswith(".toc")]  # opening stays quick
    for _ in range(5):
        assert engine.search("интеграция тюркского мира").total > 0
        assert engine.complete("интегр")
    assert sorted(reads) == files  # each file once, at the first search
    with SearchEngine.open(index) as other:  # another engine of the process: read already
        assert other.search("саммит").total > 0
    assert sorted(reads) == files
    engine.close()


def test_signatures_hold_each_files_crc_after_a_build_an_update_and_an_optimize(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    import zlib

    _corpus, index = _copy(signed, tmp_path)

    def check() -> None:
        build = _build_folder(index)
        signature = json.loads((build / "searchlib-build.json").read_text())
        assert set(signature["crc32"]) == set(signature["files"])
        for name, crc in signature["crc32"].items():
            assert crc == zlib.crc32((build / name).read_bytes()), name

    check()
    with SearchEngine.open(index) as engine:
        engine.add(_records("x", 3, "бета"))
        check()
        engine.remove("x-1")
        check()
        engine.optimize()
        check()
        assert engine.search("бета").total == 2


def test_an_index_signed_without_checksums_opens_and_is_signed_by_its_next_update(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    _corpus, index = _copy(signed, tmp_path)
    signature = _build_folder(index) / "searchlib-build.json"
    data = json.loads(signature.read_text())
    del data["crc32"]  # as written before there were checksums
    signature.write_text(json.dumps(data))
    with SearchEngine.open(index) as engine:
        assert engine.search("интеграция тюркского мира").total > 0
        engine.add(_records("x", 1, "бета"))
        assert engine.search("бета").total == 1
    data = json.loads((_build_folder(index) / "searchlib-build.json").read_text())
    assert set(data["crc32"]) == set(data["files"])


def test_cli_search_repair_rebuilds_an_index_with_damaged_contents(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = _copy(signed, tmp_path)
    damaged = _index_file(index, ".slterms")
    _zero_middle(damaged)
    broken = run_cli("search", "интеграция", "--corpus", str(corpus), "--index", str(index))
    assert broken.returncode == 1 and broken.stdout == "" and "Traceback" not in broken.stderr
    assert broken.stderr.count("\n") == 1 and damaged.name in broken.stderr
    assert "--repair" in broken.stderr and "index build --force" in broken.stderr
    fixed = run_cli(
        "search", "интеграция", "--corpus", str(corpus), "--index", str(index), "--repair", "--json"
    )
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(fixed.stdout)["total"] > 0


def test_index_build_rebuilds_an_index_whose_contents_are_damaged(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    """`searchlib index build` (no --force) does not call a damaged index up to date."""
    corpus, index = _copy(signed, tmp_path)
    _zero_middle(_index_file(index, ".slterms"))
    built = run_cli("index", "build", "--corpus", str(corpus), "--index", str(index), "--json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["rebuilt"] is True
    found = run_cli("search", "интеграция", "--corpus", str(corpus), "--index", str(index))
    assert found.returncode == 0 and "Найдено" in found.stdout
    fresh = run_cli("index", "build", "--corpus", str(corpus), "--index", str(index), "--json")
    assert json.loads(fresh.stdout)["rebuilt"] is False


def test_add_with_repair_rebuilds_a_damaged_index_then_adds(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = _copy(signed, tmp_path)
    _zero_middle(_index_file(index, ".slterms"))
    with SearchEngine(corpus, index) as plain, pytest.raises(IndexCorruptedError):
        plain.add([{"id": "new", "text": "Совершенно новая запись о вулканах."}])
    with SearchEngine(corpus, index, repair=True) as engine:
        info = engine.add([{"id": "new", "text": "Совершенно новая запись о вулканах."}])
        assert info.paragraphs > 1
        assert [h.id for h in engine.search("вулканах")] == ["new"]
        assert engine.search("интеграция тюркского мира").total > 0
