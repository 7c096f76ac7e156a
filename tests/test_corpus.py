"""Reading corpora: the bundled article, more articles, metadata, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib import CorpusError, load_corpus, parse_article, read_article
from searchlib._corpus import corpus_files
from tests.conftest import ARTICLE, CORPUS, SHARED, write_article


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
        with pytest.raises(CorpusError, match="must be a path"):
            load_corpus(bad)  # type: ignore[arg-type]
        with pytest.raises(CorpusError, match="must be a path"):
            read_article(bad)  # type: ignore[arg-type]
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
