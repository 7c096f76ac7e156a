"""JSONL collections: records, gzip, validation with line numbers, engines over them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from searchlib import CorpusError, SearchEngine, SearchlibError
from searchlib._jsonl import is_jsonl, iter_records, read_jsonl

RECORDS = [
    {
        "id": "d1",
        "title": "Саммит в Баку",
        "text": "Лидеры тюркских государств обсудили Средний коридор.",
    },
    {"id": "d2", "text": "Экономика Казахстана растёт за счёт логистики и энергетики."},
    {
        "id": "d3",
        "title": "",
        "text": 'Министр Антон Силуанов выступил. "Бюджет сбалансирован", — сказал он.',
    },
]


def write_jsonl(path: Path, records: list[object], *, raw: list[str] | None = None) -> Path:
    lines = raw if raw is not None else [json.dumps(r, ensure_ascii=False) for r in records]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def test_is_jsonl() -> None:
    assert is_jsonl(Path("a.jsonl")) and is_jsonl(Path("a.JSONL.gz")) and is_jsonl(Path("a.ndjson"))
    assert not is_jsonl(Path("corpus")) and not is_jsonl(Path("a.txt"))


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_records_become_one_paragraph_articles(tmp_path: Path, name: str) -> None:
    articles = list(read_jsonl(write_jsonl(tmp_path / name, RECORDS)))
    assert [a.id for a in articles] == ["d1", "d2", "d3"]
    assert articles[0].title == "Саммит в Баку" and articles[1].title is None
    [paragraph] = articles[2].paragraphs
    assert paragraph.id == "d3" and paragraph.number == 1
    [quote] = paragraph.quotes
    assert (quote.id, quote.text, quote.speaker) == (
        "d3#q1",
        "Бюджет сбалансирован",
        "Антон Силуанов",
    )


def test_blank_lines_bom_and_numeric_ids(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '\ufeff{"id": 7, "text": "Семь"}\n\n  \n{"id": "8", "text": "Восемь"}\n', encoding="utf-8"
    )
    assert [r[0] for r in iter_records(path)] == ["7", "8"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "text": "x"}', "{not json"], "line 2: invalid JSON"),
        (['{"id": "a", "text": "x"}', '{"text": "y"}'], 'line 2: the record has no "id"'),
        (['{"id": "a", "text": "x"}', '{"id": "a", "text": "y"}'], "line 2: duplicate id 'a'"),
        (['{"id": "a", "text": "  "}'], "line 1: record 'a' has no \"text\""),
        (['{"id": "a"}'], "line 1: record 'a' has no \"text\""),
        (['{"id": "a", "text": 5}'], "line 1: record 'a' has no \"text\""),
        (['{"id": "a", "text": "x", "title": 3}'], "title"),
        (["[1, 2]"], "line 1: expected a JSON object"),
        ([""], "holds no records"),
    ],
)
def test_bad_records_name_the_line(tmp_path: Path, lines: list[str], message: str) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [], raw=lines)
    with pytest.raises(CorpusError, match=message) as info:
        list(read_jsonl(path))
    assert info.value.path == path


def test_not_utf8_and_broken_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "c.jsonl"
    bad.write_bytes(b'{"id": "a", "text": "\xff"}\n')
    with pytest.raises(CorpusError, match="not UTF-8"):
        list(read_jsonl(bad))
    broken = tmp_path / "d.jsonl.gz"
    broken.write_bytes(b"this is not gzip")
    with pytest.raises(CorpusError, match="cannot read"):
        list(read_jsonl(broken))
    with pytest.raises(CorpusError, match="not found"):
        list(read_jsonl(tmp_path / "missing.jsonl"))


def test_engine_over_a_collection(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl.gz", RECORDS)
    with SearchEngine(path, tmp_path / "ix") as engine:
        info = engine.info()
        assert (info.paragraphs, info.quotes) == (3, 1)
        hits = engine.search("средний коридор").hits
        assert [h.id for h in hits][:1] == ["d1"] and hits[0].article == "d1"
        assert hits[0].title == "Саммит в Баку"
        # The title is searchable.
        assert [h.id for h in engine.search("саммит")] == ["d1"]
        assert [h.article for h in engine.search("бюджет", kind="quote")] == ["d3"]
        assert [a.id for a in engine.articles] == ["d1", "d2", "d3"]
    # A changed collection is re-indexed.
    write_jsonl(path, [*RECORDS, {"id": "d4", "text": "Самарканд принимает гостей."}])
    with SearchEngine(path, tmp_path / "ix") as engine:
        assert engine.info().rebuilt and engine.search("Самарканд").hits[0].id == "d4"


def test_a_bad_record_leaves_the_old_index(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS)
    with SearchEngine(path, tmp_path / "ix") as engine:
        build = engine.info().build
    write_jsonl(path, [*RECORDS, {"id": "d1", "text": "повтор"}])
    with pytest.raises(CorpusError, match="line 4: duplicate id 'd1'"):
        SearchEngine(path, tmp_path / "ix")
    with SearchEngine.open(tmp_path / "ix") as engine:
        assert engine.info().build == build and engine.search("коридор").total == 1


def test_from_documents_and_open(tmp_path: Path) -> None:
    with SearchEngine.from_documents(RECORDS, tmp_path / "ix") as engine:
        assert engine.info().rebuilt and engine.corpus_path is None
        assert [h.id for h in engine.search("логистика")] == ["d2"]
        assert len(engine.articles) == 3
        with pytest.raises(SearchlibError, match="no corpus to build from"):
            engine.build()
    with SearchEngine.open(tmp_path / "ix") as engine:
        assert [h.id for h in engine.search("логистика")] == ["d2"]
        with pytest.raises(SearchlibError, match="articles are not at hand"):
            _ = engine.articles
    with pytest.raises(CorpusError, match="document 2: duplicate id"):
        SearchEngine.from_documents([RECORDS[0], RECORDS[0]], tmp_path / "ix2")
    with pytest.raises(SearchlibError, match="no index"):
        SearchEngine.open(tmp_path / "nothing")
