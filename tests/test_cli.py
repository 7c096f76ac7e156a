"""The command line, run as a real subprocess: output, JSON contract, exit codes, errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, run_cli, subprocess_env, write_article

run = run_cli


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("cli") / "index")


def test_search_prints_readable_results(index_dir: str) -> None:
    result = run("search", "роль молодёжи", "--corpus", str(CORPUS), "--index", index_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Найдено 4 результата по запросу «роль молодёжи»")
    assert "otg-summit-baku, абзац 5" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stderr == ""


def test_a_minus_in_the_query_excludes(index_dir: str) -> None:
    where = ("--corpus", str(CORPUS), "--index", index_dir, "--json")
    found = run("search", "интеграция -Казахстан", *where)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits and all("Казахстан" not in h["text"] for h in hits)
    quotes = run("search", "--kind", "quote", *where, "--", "-Казахстан")
    assert quotes.returncode == 0, quotes.stderr
    hits = json.loads(quotes.stdout)["hits"]
    assert hits and all(h["kind"] == "quote" and "Казахстан" not in h["text"] for h in hits)
    bad = run("search", "министр^1e10", "--corpus", str(CORPUS), "--index", index_dir)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "a boost is a number" in bad.stderr


def test_a_query_of_several_arguments_is_one_query(index_dir: str) -> None:
    """`searchlib search роль молодёжи` (no quotes) was an error; `-слово` an option."""
    where = ("--corpus", str(CORPUS), "--index", index_dir, "--json")
    joined = json.loads(run("search", "роль молодёжи", *where).stdout)
    apart = run("search", "роль", "молодёжи", *where)
    assert apart.returncode == 0, apart.stderr
    assert json.loads(apart.stdout) == joined and joined["total"] > 0
    excluded = run("search", "интеграция", "-Казахстан", *where)
    assert excluded.returncode == 0, excluded.stderr
    data = json.loads(excluded.stdout)
    assert data["query"] == "интеграция -Казахстан" and data["hits"]
    assert all("Казахстан" not in h["text"] for h in data["hits"])
    alone = run("search", "-Казахстан", "--kind", "quote", *where)
    assert alone.returncode == 0 and json.loads(alone.stdout)["query"] == "-Казахстан"
    # Words after an option are the query's too (argparse ends a positional at an option).
    split = run("search", "роль", "--limit", "5", "молодёжи", *where)
    assert split.returncode == 0, split.stderr
    assert json.loads(split.stdout)["query"] == "роль молодёжи"
    mixed = run("search", "интеграция", "--kind", "quote", "-Казахстан", *where)
    assert mixed.returncode == 0 and json.loads(mixed.stdout)["query"] == "интеграция -Казахстан"
    # After the words, `--` still ends the options; `-5` and a lone `-` are words.
    ended = run("search", *where, "интеграция", "--kind", "quote", "--", "-hello")
    assert ended.returncode == 0, ended.stderr
    assert json.loads(ended.stdout)["query"] == "интеграция -hello"
    for tail, query in (
        (["молодёжи", "-5"], "роль молодёжи -5"),
        (["-", "молодёжи"], "роль - молодёжи"),
    ):
        mixed = run("search", "роль", "--limit", "5", *tail, *where)
        assert mixed.returncode == 0 and json.loads(mixed.stdout)["query"] == query
    # A word kept from being an option is shown as typed where it is a wrong value.
    wrong = run("search", "--limit", "-Казахстан", "интеграция", *where)
    assert wrong.returncode == 2 and "got '-Казахстан'" in wrong.stderr
    assert "\ue000" not in wrong.stderr and "\\ue000" not in wrong.stderr


def test_colour_on_request(index_dir: str) -> None:
    result = run(
        "search", "молодёжи", "--index", index_dir, "--corpus", str(CORPUS), "--color", "always"
    )
    assert "\x1b[1;33m" in result.stdout


def test_json_output_contract(index_dir: str) -> None:
    result = run(
        "search",
        "интеграция",
        "--json",
        "--limit",
        "3",
        "--corpus",
        str(CORPUS),
        "--index",
        index_dir,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "интеграция" and isinstance(data["total"], int) and data["total"] >= 3
    assert len(data["hits"]) == 3
    types = {
        "id": str,
        "kind": str,
        "article": str,
        "paragraph": int,
        "score": float,
        "text": str,
        "snippet": str,
    }
    for hit in data["hits"]:
        for key, kind in types.items():
            assert isinstance(hit[key], kind), key
        assert hit["kind"] in ("paragraph", "quote")
        assert hit["speaker"] is None or isinstance(hit["speaker"], str)
        assert "<mark>" in hit["snippet"]
    assert result.stdout.count("\n") == 1  # exactly one JSON object


def test_filters_and_paging(index_dir: str) -> None:
    common = ["--corpus", str(CORPUS), "--index", index_dir, "--json"]
    quotes = json.loads(run("search", "тюркского мира", "--kind", "quote", *common).stdout)
    assert quotes["hits"] and all(h["kind"] == "quote" for h in quotes["hits"])
    by = json.loads(run("search", "регион", "--speaker", "Лавриной", *common).stdout)
    assert by["hits"] and all(h["speaker"] == "Анастасия Лаврина" for h in by["hits"])
    page2 = json.loads(
        run("search", "тюркского мира", "--limit", "2", "--page", "2", *common).stdout
    )
    assert page2["page"] == 2 and len(page2["hits"]) <= 2
    past = run(
        "search", "тюркского мира", "--page", "50", "--corpus", str(CORPUS), "--index", index_dir
    )
    assert past.returncode == 0 and "страницы 50 нет: всего страниц 1." in past.stdout
    assert "из 1)" not in past.stdout  # not "page 50 of 1"


def test_zero_hits_is_success(index_dir: str) -> None:
    result = run("search", "квантовая гравитация", "--corpus", str(CORPUS), "--index", index_dir)
    assert result.returncode == 0 and "ничего не найдено" in result.stdout
    data = json.loads(
        run("search", "", "--json", "--corpus", str(CORPUS), "--index", index_dir).stdout
    )
    assert data["total"] == 0 and data["hits"] == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search", "x", "--limit", "0"], 2, "--limit"),
        (["search", "x", "--limit", "abc"], 2, "--limit"),
        (["search", "x", "--kind", "article"], 2, "--kind"),
        (["search", "paragraph:abc"], 2, "not a valid number"),
        (["search", "kind:foo интеграция"], 2, "kind must be one of"),
        (["search", "слово~7"], 2, "at most 2 edits"),
        (["search", "x", "--speaker", "и"], 2, "no searchable words"),
        (["search"], 2, "QUERY"),
        (["search", "-hello"], 2, "goes inside the quoted query, or last, after the options"),
        (["search", "мир", "-world"], 2, "goes inside the quoted query, or last, after the op"),
        (["complete", "-ми"], 2, "a prefix that starts with - goes last"),
        (["index", "remove", "-minus", "--index", "x"], 2, "an id that starts with - goes last"),
        (["index", "add", "-m.txt", "--index", "x"], 2, "a file name that starts with - goes"),
        (["search", "x", "--article", "-minus"], 2, "given with =: `--article=-value`"),
        (["quotes", "--speaker", "-x"], 2, "given with =: `--speaker=-value`"),
        # (the command line's way to build it, not the Python calls open() names)
        (["quotes", "--index", "/no/such/ix"], 1, "build one there first (`searchlib index"),
        (["index", "optimize", "--index", "/no/such/ix"], 1, "(`searchlib index build --index"),
        (["index", "remove", "a", "--index", "/no/such/ix"], 1, "(`searchlib index build"),
        (["search", "paragraph:1~"], 2, "not matched by likeness"),
        ([], 2, "choose a command"),
        (["index"], 2, "choose an action"),
        (["frobnicate"], 2, "invalid choice"),
        (["search", "x", "--corpus", "/no/such/folder"], 1, "does not exist"),
        (["index", "build", "--procs", "100000"], 2, "expected 1 to 64 processes"),
        # (`Path("")` is the current folder: it was indexed, or searched as an index)
        (["search", "x", "--corpus", ""], 2, "expected a path, got an empty string"),
        (["search", "x", "--jsonl", ""], 2, "expected a path, got an empty string"),
        (["search", "x", "--index", ""], 2, "expected a path, got an empty string"),
        (["index", "add", ""], 2, "expected a path, got an empty string"),
        # (the flag decides: a .txt file or a folder given to it was read as articles)
        (["search", "x", "--jsonl", "docs.data"], 2, "expected a JSONL file"),
        (["search", "x", "--jsonl", str(CORPUS)], 2, "goes with --corpus"),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(
    index_dir: str, args: list[str], code: int, message: str
) -> None:
    if "--corpus" not in args and args[:1] == ["search"]:
        args = [*args, "--corpus", str(CORPUS), "--index", index_dir]
    result = run(*args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "SearchEngine" not in result.stderr  # (Python's advice is not the command line's)
    assert result.stdout == ""


def test_minus_hints_only_where_a_minus_was_given(tmp_path: Path) -> None:
    for args in (["search", "мир", "--article"], ["index", "remove", "--index", "ix"]):
        said = run(*args)
        assert said.returncode == 2 and "starts with -" not in said.stderr, said.stderr
    extra = run("index", "remove", "--index", str(tmp_path / "ix"), "a", "-x")
    assert extra.returncode == 2 and "unrecognized arguments: -x" in extra.stderr
    assert "an id or a file name that starts with - goes last" in extra.stderr


def test_bad_corpus_file_is_named(tmp_path: Path) -> None:
    write_article(tmp_path / "c", "bad.txt", b"\xff\xfe\xfa")
    result = run("index", "build", "--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "ix"))
    assert result.returncode == 1 and "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert not (tmp_path / "ix").exists() or not any((tmp_path / "ix").glob("build-*"))


def test_a_source_named_in_another_encoding(tmp_path: Path) -> None:
    """A folder whose name is not UTF-8 gets a default index of its own; a JSONL file so
    named is refused in one line (its name goes into the index's records)."""
    folder = tmp_path / os.fsdecode(b"d\xffir")
    write_article(folder, "a.txt", "Бюджет региона вырос на треть.")
    found = run_cli("search", "бюджет", "--corpus", str(folder), cache=tmp_path / "cache")
    assert found.returncode == 0 and "Бюджет региона" in found.stdout, found.stderr
    collection = tmp_path / os.fsdecode(b"d\xff.jsonl")
    collection.write_text('{"id": "1", "text": "Бюджет региона"}\n', encoding="utf-8")
    for index in ([], ["--index", str(tmp_path / "ix")]):
        refused = run_cli(
            "search", "бюджет", "--jsonl", str(collection), *index, cache=tmp_path / "cache"
        )
        assert refused.returncode == 1 and "d\\xff.jsonl is not UTF-8" in refused.stderr
        assert refused.stderr.count("\n") == 1 and refused.stdout == ""


def _as_unprivileged(args: list[str]) -> list[str] | None:
    """``args`` run without root's power to read any folder (None: no way to drop it)."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", *args]


@pytest.mark.parametrize("locked", ["sub", "."], ids=["a sub-folder", "the corpus"])
# (`lost+found`, a file system's own, root's and unreadable, is passed over: see test_corpus)
def test_a_folder_that_cannot_be_read_is_named(tmp_path: Path, locked: str) -> None:
    """Its articles were left out unseen (or the corpus called empty)."""
    corpus = tmp_path / "c"
    write_article(corpus, "a.txt", "Бюджет региона вырос.")
    write_article(corpus / "sub", "b.txt", "Налоги выросли.")
    build = ["index", "build", "--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    command = _as_unprivileged([sys.executable, "-m", "searchlib", *build])
    if command is None:
        pytest.skip("running as root without setpriv: every folder is readable")
    (corpus / locked).chmod(0)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=120, env=subprocess_env()
        )
    finally:
        (corpus / locked).chmod(0o755)
    folder = corpus / "sub" if locked == "sub" else corpus
    assert result.returncode == 1, result.stdout
    assert f"cannot read the folder {folder} (" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_foreign_index_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("do not touch")
    result = run("search", "x", "--corpus", str(CORPUS), "--index", str(tmp_path))
    assert result.returncode == 1 and "not a searchlib index folder" in result.stderr
    assert (tmp_path / "mine.txt").read_text() == "do not touch"


def test_index_build(tmp_path: Path) -> None:
    index = str(tmp_path / "ix")
    first = run("index", "build", "--corpus", str(CORPUS), "--index", index)
    assert first.returncode == 0 and first.stdout.startswith("Индекс собран: 14 абзацев, 5 цитат")
    again = run("index", "build", "--corpus", str(CORPUS), "--index", index, "--json")
    assert json.loads(again.stdout)["rebuilt"] is False
    forced = run("index", "build", "--corpus", str(CORPUS), "--index", index, "--force", "--json")
    data = json.loads(forced.stdout)
    assert data["rebuilt"] is True and (data["paragraphs"], data["quotes"]) == (14, 5)


def test_quotes_command() -> None:
    result = run("quotes", "--corpus", str(CORPUS), "--json")
    quotes = json.loads(result.stdout)["quotes"]
    assert [(q["paragraph"], q["speaker"]) for q in quotes] == [
        (n, "Анастасия Лаврина") for n in (4, 6, 8, 10, 13)
    ]
    text = run("quotes", "--corpus", str(CORPUS), "--speaker", "Токаев").stdout
    assert text.strip() == "Цитат не найдено."


def test_console_script_and_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == "searchlib 0.1.0"
    script = Path(sys.executable).parent / "searchlib"
    if not script.exists():
        pytest.skip("the searchlib console script is not installed in this environment")
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "searchlib 0.1.0"


def test_broken_pipe_is_not_an_error(index_dir: str) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "searchlib",
            "search",
            "тюркского мира регион",
            "--limit",
            "20",
            "--corpus",
            str(CORPUS),
            "--index",
            index_dir,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    proc.wait(timeout=120)
    assert b"Traceback" not in proc.stderr.read()


def _example(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python examples/search.py ARGS`` with a cache folder of its own."""
    return subprocess.run(
        [sys.executable, str(REPO / "examples" / "search.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=tmp_path,
        env={**subprocess_env(), "SEARCHLIB_CACHE_DIR": str(tmp_path / "cache")},
    )


def test_example_script_runs(tmp_path: Path) -> None:
    result = _example(tmp_path, "роль молодёжи")
    assert result.returncode == 0, result.stderr
    assert "'роль молодёжи': 4 found" in result.stdout
    assert "*молодёжи*" in result.stdout
    assert "otg-summit-baku#p4.q1: Анастасия Лаврина" in result.stdout
    # (a paragraph's hit is nobody's words: no speaker beside it, a note of the quote)
    assert "[paragraph 6, matched in a quote]" in result.stdout
    assert "[paragraph 6 —" not in result.stdout
    dashed = _example(tmp_path, "--", "-x")
    assert dashed.returncode == 0 and dashed.stdout.startswith("\n'-x': ")
    # `python examples/search.py | head`: the reader leaves early, no traceback.
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "examples" / "search.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**subprocess_env(), "SEARCHLIB_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert b"Traceback" not in proc.stderr.read()
    helped = subprocess.Popen(  # (`--help | head -1` too)
        [sys.executable, str(REPO / "examples" / "search.py"), "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=subprocess_env(),
    )
    assert helped.stdout is not None and helped.stderr is not None
    helped.stdout.read(10)
    helped.stdout.close()
    assert helped.wait(timeout=120) == 0
    assert b"Traceback" not in helped.stderr.read()


def _collection(tmp_path: Path) -> tuple[Path, Path, Path]:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {"id": "d1", "text": "Средний коридор объединяет экономические интересы региона."},
                {"id": "d2", "text": "Молодёжная дипломатия формирует новую элиту."},
            ]
        ),
        encoding="utf-8",
    )
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "text": "Что объединяет коридор?"}\n{"id": "q2", "text": "элита"}\n',
        encoding="utf-8",
    )
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\td1\t1\nq2\td2\t1\n", encoding="utf-8")
    return corpus, queries, qrels


def test_jsonl_collections_from_the_cli(tmp_path: Path) -> None:
    corpus, _, _ = _collection(tmp_path)
    index = str(tmp_path / "ix")
    built = json.loads(
        run("index", "build", "--jsonl", str(corpus), "--index", index, "--json").stdout
    )
    assert (built["paragraphs"], built["quotes"], built["rebuilt"]) == (2, 0, True)
    found = json.loads(
        run("search", "элита", "--jsonl", str(corpus), "--index", index, "--json").stdout
    )
    assert [h["id"] for h in found["hits"]] == ["d2"]
    both = run("search", "x", "--jsonl", str(corpus), "--corpus", str(CORPUS))
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_eval_command(tmp_path: Path) -> None:
    corpus, queries, qrels = _collection(tmp_path)
    args = ["eval", "--jsonl", str(corpus), "--queries", str(queries), "--qrels", str(qrels)]
    result = run(*args, "--index", str(tmp_path / "ix"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "queries",
        "refused",
        "mrr@10",
        "ndcg@10",
        "recall@1",
        "recall@10",
        "recall@100",
        "latency_ms_mean",
        "latency_ms_p95",
    }
    assert data["queries"] == 2 and data["mrr@10"] == 1.0 and data["recall@1"] == 1.0
    table = run(*args, "--index", str(tmp_path / "ix"))
    assert table.returncode == 0 and "mrr@10" in table.stdout and "1.0" in table.stdout
    # Judgments of other queries: an error, not a row of zeros.
    kept = qrels.read_text(encoding="utf-8")
    qrels.write_text("other\td1\t1\n", encoding="utf-8")
    unrelated = run(*args, "--index", str(tmp_path / "ix"))
    assert unrelated.returncode == 1 and "none of the 2 queries" in unrelated.stderr
    # A query the search refuses is scored as finding nothing, and said so.
    qrels.write_text(kept, encoding="utf-8")
    queries.write_text(
        queries.read_text(encoding="utf-8") + '{"id": "q3", "text": "элита~5"}\n',
        encoding="utf-8",
    )
    qrels.write_text(kept + "q3\td2\t1\n", encoding="utf-8")
    refused = run(*args, "--index", str(tmp_path / "ix"))
    assert refused.returncode == 0 and "1 of the queries were refused" in refused.stderr
    qrels.write_text("q1\td1\n", encoding="utf-8")
    bad = run(*args, "--index", str(tmp_path / "ix"))
    assert bad.returncode == 1 and "line 1" in bad.stderr and bad.stderr.count("\n") == 1
    missing = run("eval", "--jsonl", str(corpus))
    assert missing.returncode == 2 and "--queries" in missing.stderr


def test_eval_takes_a_collection_as_it_is(tmp_path: Path) -> None:
    """A collection made with `index add` had no --jsonl to give: it could not be evaluated."""
    corpus, queries, qrels = _collection(tmp_path)
    collection = str(tmp_path / "collection")
    assert run("index", "add", str(corpus), "--index", collection).returncode == 0
    judged = ["--queries", str(queries), "--qrels", str(qrels), "--json"]
    result = run("eval", "--index", collection, *judged)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mrr@10"] == 1.0
    neither = run("eval", *judged)
    assert neither.returncode == 2 and "--jsonl FILE" in neither.stderr
    absent = run("eval", "--index", str(tmp_path / "nothing"), *judged)
    assert absent.returncode == 1 and "no index in" in absent.stderr


def test_corrections_and_suggestions_on_the_cli(index_dir: str) -> None:
    common = ["--corpus", str(CORPUS), "--index", index_dir]
    layout = run("search", "vjkjl`;m", *common)
    assert layout.returncode == 0
    assert layout.stdout.splitlines()[0] == "Показаны результаты по запросу «молодёжь»"
    typo = run("search", "Карабахкой войны", *common)
    assert typo.stdout.splitlines()[0] == "Возможно, вы имели в виду: «Карабахской войны»"
    data = json.loads(run("search", "Карабахкой войны", "--json", *common).stdout)
    assert data["suggestion"] == "Карабахской войны" and data["corrected_query"] is None
    plain = json.loads(run("search", "Средний коридор", "--json", *common).stdout)
    assert plain["suggestion"] is None and plain["corrected_query"] is None


def test_complete_command(index_dir: str) -> None:
    common = ["--corpus", str(CORPUS), "--index", index_dir]
    result = run("complete", "Каз", *common)
    assert result.returncode == 0 and result.stdout.split() == ["Казахстан", "Казахстана"]
    data = json.loads(run("complete", "моло", "--limit", "2", "--json", *common).stdout)
    assert data["prefix"] == "моло" and len(data["completions"]) == 2
    assert run("complete", "x", "--limit", "0", *common).returncode == 2
    assert run("complete", *common).returncode == 2


def test_quotes_take_a_speaker_in_any_form_of_the_name(tmp_path: Path) -> None:
    """`quotes --speaker` takes the name as `search --speaker` does: any case of it."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "s.txt").write_text(
        "Лавров о санкциях\n\n«Санкции не работают», — заявил министр Сергей Лавров.\n",
        encoding="utf-8",
    )
    for speaker in ("Сергея Лаврова", "Лавров", "Лаврова", "Сергей"):
        result = run("quotes", "--corpus", str(folder), "--speaker", speaker, "--json")
        assert result.returncode == 0, result.stderr
        assert [q["speaker"] for q in json.loads(result.stdout)["quotes"]] == ["Сергей Лавров"]
    none = run("quotes", "--corpus", str(folder), "--speaker", "Ивана Петрова")
    assert none.returncode == 0 and "Цитат не найдено." in none.stdout


def test_index_add_at_once_into_a_new_folder_keeps_every_file(tmp_path: Path) -> None:
    """Processes adding at once to a folder without an index: one starts the collection,
    the others add to it (none replaces another's)."""
    index = tmp_path / "ix"
    files = []
    for i in range(3):
        files.append(tmp_path / f"r{i}.jsonl")
        files[-1].write_text(f'{{"id": "x{i}", "text": "снег {i}"}}\n', encoding="utf-8")
    command = [sys.executable, "-m", "searchlib", "index", "add", "--index", str(index), "--quiet"]
    runs = [
        subprocess.Popen([*command, str(f)], env=subprocess_env(), stderr=subprocess.PIPE)
        for f in files
    ]
    errors = [process.communicate(timeout=300)[1] for process in runs]
    assert [p.returncode for p in runs] == [0, 0, 0], errors  # (what a refusal said)
    found = json.loads(run("search", "снег", "--index", str(index), "--json").stdout)
    assert sorted(h["article"] for h in found["hits"]) == ["x0", "x1", "x2"]


def test_quotes_of_an_index_made_with_index_add(tmp_path: Path) -> None:
    """`quotes --index` lists a collection's quotes from the index, as `search` reads it."""
    records = tmp_path / "news.jsonl"
    lines = [
        {"id": "n1", "text": "«Санкции не работают», — заявил министр Сергей Лавров."},
        {"id": "n2", "text": "«Всё будет хорошо», — сообщили в пресс-службе."},
    ]
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    index = str(tmp_path / "ix")
    added = run("index", "add", str(records), "--index", index, "--quiet", "--json")
    assert added.returncode == 0, added.stderr
    # (A collection: it mirrors no corpus, the file's records are its own; the engine's
    # `corpus` was the file, which opening the index later did not give.)
    assert json.loads(added.stdout)["corpus"] is None
    listed = json.loads(run("quotes", "--index", index, "--json").stdout)["quotes"]
    assert [(q["id"], q["speaker"]) for q in listed] == [
        ("n1#q1", "Сергей Лавров"),
        ("n2#q1", None),
    ]
    one = run("quotes", "--index", index, "--article", "n2")
    assert one.returncode == 0 and one.stdout.startswith("n2#q1 — говорящий не установлен")
    by = run("quotes", "--index", index, "--speaker", "Лаврова", "--json")
    assert [q["id"] for q in json.loads(by.stdout)["quotes"]] == ["n1#q1"]
    bad = run("quotes", "--index", index, "--article", "")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "article" in bad.stderr
    typo = run("quotes", "--index", index, "--article", "n3")
    assert typo.returncode == 2 and typo.stdout == ""
    assert typo.stderr.count("\n") == 1 and "no article 'n3' in the index" in typo.stderr
    first = run("quotes", "--index", index, "--limit", "1", "--json")
    assert json.loads(first.stdout) == {"total": 2, "quotes": [listed[0]]}
    shown = run("quotes", "--index", index, "--limit", "1").stdout
    assert shown.startswith("n1#q1 — Сергей Лавров") and "Показаны 1 из 2" in shown
    for limit in ("0", "-1", "два"):
        refused = run("quotes", "--index", index, "--limit", limit)
        assert refused.returncode == 2 and "--limit" in refused.stderr


def test_quotes_of_a_folder_with_no_index_is_an_error(tmp_path: Path) -> None:
    """`quotes --index DIR` lists that index as it is: a mistyped folder builds nothing."""
    missing = tmp_path / "colll"
    result = run("quotes", "--index", str(missing), "--speaker", "Петров")
    assert result.returncode == 1 and result.stdout == ""
    assert "no index in" in result.stderr and result.stderr.count("\n") == 1
    assert not missing.exists()


def test_a_file_named_as_the_index_is_said_to_be_no_folder(tmp_path: Path) -> None:
    """`--index docs.jsonl` (the corpus named as the index): one line that says so."""
    data = tmp_path / "docs.jsonl"
    data.write_text('{"id": "a", "text": "Бюджет вырос."}\n', encoding="utf-8")
    for args in (
        ("search", "бюджет", "--index", str(data)),
        ("index", "add", str(data), "--index", str(data)),
        ("index", "build", "--index", str(data)),
    ):
        result = run(*args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"{data} is a file, not a folder: an index is a folder" in result.stderr
    assert data.read_text(encoding="utf-8") == '{"id": "a", "text": "Бюджет вырос."}\n'


def test_quotes_with_an_empty_speaker_is_a_usage_error() -> None:
    for speaker in ("", "и"):
        result = run("quotes", "--corpus", str(CORPUS), "--speaker", speaker)
        assert result.returncode == 2 and result.stdout == ""
        assert "no searchable words" in result.stderr and result.stderr.count("\n") == 1
    searched = run("search", "x", "--corpus", str(CORPUS), "--speaker", "")
    assert searched.returncode == 2 and "no searchable words" in searched.stderr


def _shell(command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m searchlib ARGS`` with ``command`` applied to it by /bin/sh (redirections)."""
    if not Path("/bin/sh").exists():
        pytest.skip("needs a POSIX shell")
    return subprocess.run(
        ["/bin/sh", "-c", f'"$@" {command}', "sh", sys.executable, "-m", "searchlib", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=subprocess_env(),
    )


@pytest.mark.parametrize("json_output", [False, True], ids=["text", "json"])
def test_closed_stdout_is_a_one_line_error(index_dir: str, json_output: bool) -> None:
    args = ["search", "интеграция", "--corpus", str(CORPUS), "--index", index_dir]
    result = _shell(">&-", *args, *(["--json"] if json_output else []))
    assert result.returncode == 1, result.stderr
    assert result.stderr == "searchlib: cannot write the output: standard output is closed\n"


def _to_a_full_disk(*args: str) -> subprocess.CompletedProcess[str]:
    """``searchlib ARGS`` with its output going to /dev/full (skipped where there is none)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "searchlib", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            timeout=120,
            env=subprocess_env(),
        )


@pytest.mark.parametrize(
    "args",
    [
        ["search", "интеграция"],
        ["search", "интеграция", "--json"],
        ["complete", "инт"],
        ["index", "build"],
    ],
    ids="-".join,
)
def test_a_full_disk_is_a_one_line_error(index_dir: str, args: list[str]) -> None:
    result = _to_a_full_disk(*args, "--corpus", str(CORPUS), "--index", index_dir)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("searchlib: cannot write the output: ")
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    # Nothing changed here (the index is up to date): nothing claimed.
    assert "the index was changed" not in result.stderr


def test_a_full_disk_after_an_index_change_says_it_was_made(tmp_path: Path) -> None:
    """The status alone said "failed" after `index remove` had removed the record."""
    from searchlib import SearchEngine

    index = tmp_path / "ix"
    SearchEngine.from_documents([{"id": "d1", "text": "а"}, {"id": "d2", "text": "б"}], index)
    result = _to_a_full_disk("index", "remove", "d2", "--index", str(index))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.endswith("(the index was changed all the same)\n")
    assert SearchEngine.open(index).info().paragraphs == 1


def test_closed_stderr_still_gives_the_exit_status(index_dir: str) -> None:
    bad = _shell("2>&-", "search", "x", "--limit", "0")
    assert bad.returncode == 2 and bad.stdout == ""
    good = _shell("2>&-", "search", "интеграция", "--corpus", str(CORPUS), "--index", index_dir)
    assert good.returncode == 0 and good.stdout.startswith("Найдено")


@pytest.mark.parametrize(
    ("argv", "prog"),
    [
        (["search", "x", "--bogus"], "searchlib search"),
        (["index", "build", "--bogus", "1"], "searchlib index build"),
        (["complete", "мос", "--nope"], "searchlib complete"),
        (["--bogus"], "searchlib"),
    ],
)
def test_unknown_options_name_the_command_they_were_given_to(argv: list[str], prog: str) -> None:
    result = run(*argv)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{prog}: unrecognized arguments: ")
    assert result.stderr.count("\n") == 1 and f"(see {prog} --help)" in result.stderr


def _cli_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI run from ``folder`` (not a checkout), with its own cache folder."""
    return run(*args, cwd=folder, cache=folder / "cache")


def test_index_add_and_remove_without_index_refuse_to_edit_the_default_index(
    tmp_path: Path,
) -> None:
    article = write_article(tmp_path / "mine", "a.txt", "Бюджет принят.")
    for args in (["index", "add", str(article)], ["index", "remove", "a"]):
        result = _cli_in(tmp_path, *args)
        assert result.returncode == 2, result
        assert "--index DIR" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "cache").exists()  # no default index was made or changed
    # The README's first steps still work afterwards.
    searched = _cli_in(tmp_path, "search", "интеграция")
    assert searched.returncode == 0 and "Найдено" in searched.stdout


def test_after_building_a_corpus_the_cli_says_how_to_search_it(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Дефицит бюджета вырос.")
    built = _cli_in(tmp_path, "index", "build", "--corpus", str(corpus))
    assert built.returncode == 0, built.stderr
    assert f"searchlib search ЗАПРОС --corpus {corpus}" in built.stdout
    found = _cli_in(tmp_path, "search", "бюджет", "--corpus", str(corpus))
    assert "Найдено 1 результат" in found.stdout
    # Without --corpus the bundled article is searched: nothing found, and a hint why.
    bundled = _cli_in(tmp_path, "search", "дефицит")
    assert "ничего не найдено" in bundled.stdout
    assert "встроенной статье" in bundled.stdout and "--corpus" in bundled.stdout
    # A query with no word to search for says so, and blames no collection.
    for query, said in (("?!…", "нет слов для поиска"), ("и в на", "нет слов"), (" ", "пуст")):
        nothing = _cli_in(tmp_path, "search", query)
        assert nothing.returncode == 0 and said in nothing.stdout, nothing.stdout
        assert (
            "встроенной статье" not in nothing.stdout and "ничего не найдено" not in nothing.stdout
        )


def test_paragraph_hits_are_not_labelled_with_the_speaker_of_their_quotes(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "c"
    write_article(
        corpus,
        "a.txt",
        'Министр Максим Петров выступил на форуме о бюджете. "Мы справимся", — сказал он.',
    )
    outside = run("search", "форуме", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert outside.returncode == 0, outside.stderr
    header = outside.stdout.splitlines()[2]
    assert "абзац 1" in header and "Петров" not in header
    inside = run("search", "справимся", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    header = inside.stdout.splitlines()[2]
    assert "совпадение в цитате — Максим Петров" in header or "цитата 1 — Максим Петров" in header


def test_a_search_cut_by_its_time_budget_says_so(index_dir: str) -> None:
    args = ["search", "*гра* OR *тюрк*", "--corpus", str(CORPUS), "--index", index_dir]
    result = run(*args, "--timeout", "0.000001")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Показаны не все результаты: поиск прерван по времени")
    data = json.loads(run(*args, "--timeout", "0.000001", "--json").stdout)
    assert data["partial"] is True and "time budget" in data["partial_reason"]
    full = json.loads(run(*args, "--timeout", "0", "--json").stdout)
    assert full["partial"] is False and full["total"] > 0
    bad = run(*args, "--timeout", "-1")
    assert bad.returncode == 2 and "seconds" in bad.stderr


def test_control_characters_of_indexed_text_are_shown_not_run(tmp_path: Path) -> None:
    """Escape sequences in a record (`ESC ]0;…` retitles the window, `ESC [31m` colours,
    U+202E reverses the line) are printed as `\\uXXXX`, with colour or without; JSON
    output still decodes to the very text."""
    text = "\x1b]0;PWN\x07 \x1b[31m министр сказал \u202eвсё\x9b"
    collection = tmp_path / "esc.jsonl"
    collection.write_text(json.dumps({"id": "e1", "text": text}) + "\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    for color in ("never", "always"):
        shown = run(
            "search", "сказал", "--jsonl", str(collection), "--index", index, "--color", color
        )
        assert shown.returncode == 0, shown.stderr
        assert "\\u001b]0;PWN\\u0007" in shown.stdout and "\\u202e" in shown.stdout
        assert (
            "\x07" not in shown.stdout
            and "\u202e" not in shown.stdout
            and "\x9b" not in shown.stdout
        )
        assert ("\x1b[" in shown.stdout) == (color == "always")  # (searchlib's own colours)
    data = run("search", "сказал", "--jsonl", str(collection), "--index", index, "--json")
    assert json.loads(data.stdout)["hits"][0]["text"] == text


def test_a_records_line_breaks_cannot_make_lines_that_look_like_hits(tmp_path: Path) -> None:
    record = {
        "id": "r1",
        "title": "Кошки\n\n2. r9 «Официально», абзац 1  (9.99)\n   Подделка",
        "text": "Кошка спит.\r\n\u20283. r8, абзац 1  (9.00)\n   фальшивка",
    }
    collection = tmp_path / "forge.jsonl"
    collection.write_text(json.dumps(record) + "\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    shown = run("search", "кошка", "--jsonl", str(collection), "--index", index, "--color", "never")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert [line for line in lines if line[:3] in ("1. ", "2. ", "3. ")] == [lines[2]]
    assert len(lines) == 4  # the count, a blank line, the hit's header and its text
    quotes = run("quotes", "--jsonl", str(collection), "--index", index)
    assert quotes.returncode == 0 and "\u2028" not in quotes.stdout


def test_an_index_name_too_long_for_the_system_is_an_error_not_a_crash(tmp_path: Path) -> None:
    for command in (["search", "x"], ["complete", "x"]):
        long = run(*command, "--index", str(tmp_path / ("a" * 5000)))
        assert long.returncode == 1 and "internal error" not in long.stderr, long.stderr


def test_errors_stay_on_one_line_and_short(tmp_path: Path) -> None:
    """A path with a line break, an id of 100,000 characters: one line, at most 1,000."""
    broken = run("search", "x", "--corpus", str(tmp_path / "no\npe"))
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1, broken.stderr
    assert "no\\npe" in broken.stderr
    index = str(tmp_path / "ix")
    assert (
        run(
            "index", "add", str(write_article(tmp_path / "c", "a.txt", "Текст.")), "--index", index
        ).returncode
        == 0
    )
    long = run("index", "remove", "y" * 100_000, "--index", index)
    assert long.returncode == 2 and long.stderr.count("\n") == 1
    assert len(long.stderr) < 400  # (the message quotes the id's start only)


def test_an_argument_that_is_not_utf8_comes_back_as_valid_utf8(tmp_path: Path) -> None:
    """A command line's undecodable byte (a lone surrogate in Python) is written as
    `\\udcff`: the output stays UTF-8 and its JSON decodes to the argument."""
    index = str(tmp_path / "ix")
    assert run("index", "build", "--corpus", str(CORPUS), "--index", index).returncode == 0
    env = subprocess_env()
    raw = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"searchlib",
            b"complete",
            b"\xff",
            b"--index",
            index.encode(),
            b"--json",
        ],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert raw.returncode == 0, raw.stderr
    data = json.loads(raw.stdout.decode("utf-8"))  # (strict: no byte 0xFF in it)
    assert data["prefix"] == "\udcff" and data["completions"] == []
