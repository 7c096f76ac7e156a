"""Reading corpora: the bundled article, more articles, metadata, bad files."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib import CorpusError, SearchEngine, load_corpus, parse_article, read_article
from searchlib._corpus import MAX_ARTICLE_BYTES, MAX_METADATA_BYTES, corpus_files
from tests.conftest import ARTICLE, CORPUS, SHARED, run_cli, write_article


def test_bundled_article_is_the_seed_verbatim() -> None:
    seed = SHARED / "seed" / "article.txt"
    if not seed.exists():
        pytest.skip("../shared/seed/article.txt is not present")
    assert ARTICLE.read_bytes() == seed.read_bytes()


def test_bundled_article_has_14_paragraphs_and_5_quotes_by_one_speaker() -> None:
    [article] = load_corpus(CORPUS)
    assert article.id == "otg-summit-baku"
    assert article.source == "BAQ.KZ"
    assert article.title and "Баку" in article.title
    assert [p.number for p in article.paragraphs] == list(range(1, 15))
    assert [(q.paragraph, q.number, q.speaker) for q in article.quotes] == [
        (n, 1, "Анастасия Лаврина") for n in (4, 6, 8, 10, 13)
    ]
    first = article.quotes[0]
    assert first.text.startswith("Главный стимул интеграции")
    assert first.text.endswith("экономического пространства")
    paragraph = article.paragraphs[3]
    assert paragraph.text[first.span[0] : first.span[1]] == first.text
    assert paragraph.speakers == ("Анастасия Лаврина",)
    assert first.id == "otg-summit-baku#p4.q1" and paragraph.id == "otg-summit-baku#p4"


def test_ids_are_stable_across_reads() -> None:
    ids = [q.id for q in load_corpus(CORPUS)[0].quotes]
    assert ids == [q.id for q in load_corpus(CORPUS)[0].quotes]


def test_paragraphs_are_non_empty_lines_stripped(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.txt", "\ufeffПервый абзац.  \r\n\r\n   \nВторой абзац.\n")
    article = read_article(path)
    assert [p.text for p in article.paragraphs] == ["Первый абзац.", "Второй абзац."]
    assert article.title is None and article.source is None


def test_many_articles_in_nested_folders(tmp_path: Path) -> None:
    write_article(tmp_path, "b.txt", "Текст Б.")
    write_article(tmp_path / "2024", "a.txt", "Текст А.")
    write_article(tmp_path / ".hidden", "c.txt", "Скрытый.")
    write_article(tmp_path, "notes.md", "не статья")
    assert [a.id for a in load_corpus(tmp_path)] == ["2024/a", "b"]


def test_single_file_corpus() -> None:
    [article] = load_corpus(ARTICLE)
    assert article.id == "otg-summit-baku" and len(article.paragraphs) == 14


def test_metadata_sidecar(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.txt", "Текст.")
    (tmp_path / "a.toml").write_text('title = "Заголовок"\nsource = "ТАСС"\n', encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.source) == ("Заголовок", "ТАСС")
    # An empty file (or one of white space) is TOML with no keys: no metadata, not an error
    # about an article's lines.
    for empty in ("", "\n", "  \n\n", "# заметки\n"):
        (tmp_path / "a.toml").write_text(empty, encoding="utf-8")
        article = read_article(path)
        assert (article.title, article.source, article.paragraphs[0].text) == (None, None, "Текст.")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        ("Текст".encode("cp1251"), "not UTF-8"),
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
    ],
)
def test_bad_article_files_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    write_article(tmp_path, "good.txt", "Хороший текст.")
    bad = write_article(tmp_path, "bad.txt", content)
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(tmp_path)
    assert info.value.path == bad
    assert str(bad) in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    with pytest.raises(CorpusError, match="gone.txt"):
        load_corpus(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = write_article(tmp_path, "secret.txt", "Текст.")
    path.chmod(0)
    with pytest.raises(CorpusError, match="secret.txt"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("title = ", "not valid TOML"),
        ("titel = 'x'", "unknown metadata key"),
        ("title = 5", "must be a string"),
    ],
)
def test_bad_metadata(tmp_path: Path, toml: str, message: str) -> None:
    path = write_article(tmp_path, "a.txt", "Текст.")
    (tmp_path / "a.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_article(path)


def test_missing_or_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no articles"):
        load_corpus(tmp_path)
    other = write_article(tmp_path, "x.csv", "a,b")
    with pytest.raises(CorpusError, match="expected a .txt"):
        load_corpus(other)


def test_corpus_files_lists_articles_and_metadata() -> None:
    names = [f.relative for f in corpus_files(CORPUS)]
    assert names == ["otg-summit-baku.toml", "otg-summit-baku.txt"]


@given(st.text(max_size=300))
def test_any_text_parses_into_paragraphs_and_valid_quotes(text: str) -> None:
    article = parse_article("x", text)
    lines = [line.strip() for line in text.removeprefix("\ufeff").splitlines() if line.strip()]
    assert [p.text for p in article.paragraphs] == lines
    for paragraph in article.paragraphs:
        for quote in paragraph.quotes:
            assert paragraph.text[quote.span[0] : quote.span[1]].startswith(
                paragraph.text[quote.parts[0][0] : quote.parts[0][1]]
            )


def test_paths_may_be_strings_and_bad_arguments_are_corpus_errors() -> None:
    assert load_corpus(str(CORPUS)) == load_corpus(CORPUS)
    assert read_article(str(ARTICLE)) == read_article(ARTICLE)
    for bad in (None, 42, [CORPUS]):
        if bad is not None:  # (load_corpus() loads the bundled article)
            with pytest.raises(CorpusError, match="must be a path"):
                load_corpus(bad)  # type: ignore[arg-type]
        with pytest.raises(CorpusError, match="must be a path"):
            read_article(bad)  # type: ignore[arg-type]


def test_load_corpus_reads_the_bundled_article_by_default_and_jsonl_collections(
    tmp_path: Path,
) -> None:
    assert load_corpus() == load_corpus(CORPUS)
    records = tmp_path / "c.jsonl"
    records.write_text(
        '{"id": "r1", "title": "Заголовок", "text": "Первый абзац."}\n'
        '{"id": "r2", "text": "\\"Мы готовы\\", — сказал министр."}\n',
        encoding="utf-8",
    )
    articles = load_corpus(records)
    assert [a.id for a in articles] == ["r1", "r2"]
    assert articles[0].title == "Заголовок" and len(articles[1].paragraphs) == 1
    records.write_text('{"id": "r1"}\n', encoding="utf-8")
    with pytest.raises(CorpusError):
        load_corpus(records)
    with pytest.raises(CorpusError, match=r"must be a str, not bytes .*decode"):
        parse_article("x", "Абзац".encode())  # type: ignore[arg-type]


def test_an_index_kept_inside_its_corpus_folder_is_not_read_as_articles(tmp_path: Path) -> None:
    from searchlib import SearchEngine

    corpus = tmp_path / "corpus"
    write_article(corpus, "one.txt", "Москва строит новые станции метро.\n")
    for _ in range(2):  # the second opening sees the index's own .txt files
        with SearchEngine(corpus, corpus / "idx") as engine:
            assert [h.id for h in engine.search("Москва")] == ["one#p1"]
            assert [a.id for a in engine.articles] == ["one"]
    assert [f.relative for f in corpus_files(corpus)] == ["one.txt"]
    # A folder that is an index holds no articles at all.
    with pytest.raises(CorpusError, match="no articles"):
        corpus_files(corpus / "idx")


# -- hostile files (issue 15): every failure is a CorpusError, nothing hangs ----------------


def _cp1251_name(folder: Path, stem: str) -> Path:
    """A file in ``folder`` whose name is ``stem`` + ``.txt`` in cp1251 bytes (not UTF-8)."""
    raw = os.fsencode(folder) + b"/" + stem.encode("cp1251") + b".txt"
    with open(raw, "wb") as fh:
        fh.write("Текст статьи в правильной кодировке.\n".encode())
    return Path(os.fsdecode(raw))


def _finishes(call: Callable[[], object], fifo: Path, seconds: float = 60) -> BaseException | None:
    """What ``call()`` raised (None if nothing), failing the test if it is still blocked.

    A reader stuck opening ``fifo`` is released afterwards (a writer opens and
    closes it), so a failing test cannot hang the suite.
    """
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    hung = thread.is_alive()
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    thread.join(10)
    assert not hung, f"reading a corpus with the FIFO {fifo.name} hung"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_in_the_corpus_does_not_hang(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    fifo = corpus / "x.txt"
    os.mkfifo(fifo)
    for call in (
        lambda: SearchEngine(corpus, tmp_path / "ix"),
        lambda: load_corpus(corpus),
        lambda: read_article(fifo),
    ):
        error = _finishes(call, fifo)
        assert isinstance(error, CorpusError), repr(error)
        assert "x.txt is a FIFO (named pipe), not a regular file" in str(error)
        assert error.path == fifo
    assert not (tmp_path / "ix" / "searchlib-index.json").exists()
    out = run_cli("index", "build", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "FIFO" in out.stderr, out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_for_metadata_does_not_hang(tmp_path: Path) -> None:
    article = write_article(tmp_path / "c", "a.txt", "Москва строит новые станции метро.\n")
    fifo = tmp_path / "c" / "a.toml"
    os.mkfifo(fifo)
    for call in (lambda: read_article(article), lambda: load_corpus(tmp_path / "c")):
        error = _finishes(call, fifo)
        assert isinstance(error, CorpusError), repr(error)
        assert "a.toml is a FIFO" in str(error) and "a metadata file must be a regular file" in str(
            error
        )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_not_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    (corpus / "x.txt").symlink_to("/dev/zero")
    for call in (
        lambda: SearchEngine(corpus, tmp_path / "ix"),
        lambda: read_article(corpus / "x.txt"),
    ):
        with pytest.raises(
            CorpusError, match=r"x\.txt is a character device \(through a symbolic link\)"
        ):
            call()


def test_an_article_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    huge = corpus / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: takes no room on disk
        fh.truncate(MAX_ARTICLE_BYTES + 1)
    message = r"huge\.txt is too large \(64\.0 MiB\): an article may be at most 64 MiB; split it"
    with pytest.raises(CorpusError, match=message):
        SearchEngine(corpus, tmp_path / "ix")
    with pytest.raises(CorpusError, match=message):
        read_article(huge)
    (corpus / "a.toml").write_text("title = '" + "я" * MAX_METADATA_BYTES + "'\n")
    with pytest.raises(CorpusError, match=r"a\.toml is too large .* at most 1 MiB"):
        read_article(corpus / "a.txt")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs file names of any bytes")
def test_lost_and_found_is_no_article_folder(tmp_path: Path) -> None:
    """A corpus at a file system's root has one, root's and unreadable: it blocked the
    corpus once unreadable folders became errors."""
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    write_article(corpus / "lost+found", "b.txt", "Не статья.\n")
    assert [a.id for a in load_corpus(corpus)] == ["a"]


def test_a_file_name_with_a_control_character_is_a_corpus_error(tmp_path: Path) -> None:
    """Its article id would hold it: `new\nline` split the CLI's hit line in two."""
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    bad = write_article(corpus, "new\nline.txt", "Ещё одна статья.\n")
    for call in (lambda: SearchEngine(corpus, tmp_path / "ix"), lambda: read_article(bad)):
        with pytest.raises(CorpusError, match=r"holds a control character \(U\+000A\)") as info:
            call()
        assert "rename the file" in str(info.value) and info.value.path == bad
    with pytest.raises(CorpusError, match="is no id"):
        read_article(corpus / "a.txt", "a\tb")


def test_a_file_name_that_is_not_utf8_is_a_corpus_error(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    bad = _cp1251_name(corpus, "статья")
    shown = str(corpus) + "/" + r"\xf1\xf2\xe0\xf2\xfc\xff.txt"
    for call in (
        lambda: SearchEngine(corpus, tmp_path / "ix"),
        lambda: load_corpus(corpus),
        lambda: read_article(bad),
    ):
        with pytest.raises(CorpusError, match="is not UTF-8") as info:
            call()
        message = str(info.value)
        assert shown in message and "rename" in message
        message.encode("utf-8")  # printable anywhere: no lone surrogate in the message
        assert info.value.path == bad
    engine = SearchEngine.from_documents([{"id": "d", "text": "Текст."}], tmp_path / "ix2")
    with engine, pytest.raises(CorpusError, match="is not UTF-8"):
        engine.add(bad)
    out = run_cli("search", "метро", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
    assert r"\xf1\xf2" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("title = " + "[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ("title = {" + "a = {" * 20_000 + "}" * 20_001, "nested too deeply"),
        ("title = 1" + "0" * 5000, r"a number too long to read \(more than \d+ digits\)"),
    ],
    ids=["arrays", "inline-tables", "huge-integer"],
)
def test_deeply_nested_metadata_is_a_corpus_error(tmp_path: Path, toml: str, message: str) -> None:
    corpus = tmp_path / "corpus"
    article = write_article(corpus, "a.txt", "Москва строит новые станции метро.\n")
    (corpus / "a.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as info:
        read_article(article)
    assert info.value.path == corpus / "a.toml"
    with pytest.raises(CorpusError, match=message):
        SearchEngine(corpus, tmp_path / "ix")
