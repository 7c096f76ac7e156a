"""JSONL collections: records, gzip, validation with line numbers, engines over them."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import searchlib._jsonl as jsonl_module
from searchlib import CorpusError, SearchEngine, SearchlibError
from searchlib._jsonl import is_jsonl, iter_records, read_jsonl
from tests.conftest import run_cli
from tests.test_corpus import _finishes

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
        (
            ['{"id": 1.5, "text": "x"}'],
            'line 1: the record\'s "id" must be a string or an integer, not float',
        ),
        (['{"id": true, "text": "x"}'], "not bool"),
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
    with pytest.raises(CorpusError, match=r"not UTF-8 text \(line 1\); save the collection"):
        list(read_jsonl(bad))
    # (the line that is not UTF-8, though text is decoded a block at a time)
    bad.write_bytes(b'{"id": "a", "text": "\xd1\x81"}\n{"id": "b", "text": "\xff"}\n')
    with pytest.raises(CorpusError, match=r"\(line 2\)"):
        list(read_jsonl(bad))
    bad.write_bytes(gzip.compress(b'{"id": "a", "text": "x"}\n'))
    with pytest.raises(CorpusError, match="gzip-compressed: name it .jsonl.gz"):
        list(read_jsonl(bad))
    bad.write_bytes('{"id": "a", "text": "снег"}\n'.encode("utf-16"))
    with pytest.raises(CorpusError, match="it is UTF-16: save the collection as UTF-8"):
        list(read_jsonl(bad))
    bad.write_bytes('{"id": "a", "text": "снег"}\n'.encode("utf-32"))
    with pytest.raises(CorpusError, match="it is UTF-32: save the collection as UTF-8"):
        list(read_jsonl(bad))
    packed = tmp_path / "e.jsonl.gz"
    packed.write_bytes(gzip.compress('{"id": "a", "text": "снег"}\n'.encode("utf-16")))
    with pytest.raises(CorpusError, match="it is UTF-16"):
        list(read_jsonl(packed))
    # (lines end as the reader ends them: CR alone too)
    bad.write_bytes(b'{"id": "a", "text": "x"}\r{"id": "b", "text": "y"}\r\n"\xff"\r')
    with pytest.raises(CorpusError, match=r"\(line 3\)"):
        list(read_jsonl(bad))
    broken = tmp_path / "d.jsonl.gz"
    broken.write_bytes(b"this is not gzip")
    with pytest.raises(CorpusError, match="cannot read"):
        list(read_jsonl(broken))
    with pytest.raises(CorpusError, match="not found"):
        list(read_jsonl(tmp_path / "missing.jsonl"))


def test_a_gzip_bomb_is_refused_not_read_for_a_minute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzipped collection that expands over 100 times its size is no collection (300 KB
    of newlines gzipped: 300 MB of blank lines, a minute of reading for one record)."""
    from searchlib import SearchEngine, _jsonl

    monkeypatch.setattr(_jsonl, "_EXPANDING_FROM", 1 << 20)  # (the floor: 16 MB)
    bomb = tmp_path / "nl.jsonl.gz"
    bomb.write_bytes(gzip.compress(b'{"id": "a", "text": "x"}\n' + b"\n" * (4 << 20), 9))
    assert bomb.stat().st_size * 100 < 4 << 20
    with pytest.raises(CorpusError, match="expands more than 100 times its size when gunzipped"):
        list(read_jsonl(bomb))
    with pytest.raises(CorpusError, match="expands more than 100 times"):
        SearchEngine(bomb, tmp_path / "ix")
    assert not (tmp_path / "ix").exists()  # (nothing half-built)
    # A collection compressed as text compresses (3-4 times) is read whole.
    text = "".join(
        f'{{"id": "r{i}", "text": "Бюджет вырос на {i} процентов."}}\n' for i in range(40_000)
    )
    plain = tmp_path / "ok.jsonl.gz"
    plain.write_bytes(gzip.compress(text.encode("utf-8")))
    assert len(list(read_jsonl(plain))) == 40_000


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([b"ab", b"\xd1\x81", b"\xff", b"\xd1", b""]),
            st.sampled_from([b"\n", b"\r", b"\r\n"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_the_line_that_is_not_utf8_is_found_across_blocks(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[bytes, bytes]], block: int
) -> None:
    """Read a few bytes at a time (a CR LF or a character may be cut between blocks), the
    first line that is not UTF-8 is the one a line-by-line reading finds."""
    path = tmp_path_factory.mktemp("lines") / "c.jsonl"
    data = b"".join(text + end for text, end in lines)
    path.write_bytes(data)
    expected = None
    for number, text in enumerate(re.split(rb"\r\n|\r|\n", data), start=1):
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            expected = number
            break
    with mock.patch.object(jsonl_module, "_BLOCK", block):
        assert jsonl_module._first_undecodable_line(path) == expected


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
        with pytest.raises(SearchlibError, match=r"no corpus to read articles from.*quotes\(\)"):
            _ = engine.articles
        assert {q.article for q in engine.quotes()} == {"d3"}  # (read from the index)
    with pytest.raises(CorpusError, match="document 2: duplicate id"):
        SearchEngine.from_documents([RECORDS[0], RECORDS[0]], tmp_path / "ix2")
    with pytest.raises(SearchlibError, match="no index"):
        SearchEngine.open(tmp_path / "nothing")


# -- hostile records (issue 15): every failure is a CorpusError naming the line -------------


def _refused(path: Path, message: str, tmp_path: Path) -> None:
    """Building and adding ``path`` both raise CorpusError(message); nothing is indexed."""
    with pytest.raises(CorpusError, match=message) as info:
        SearchEngine(path, tmp_path / "ix")
    assert info.value.path == path
    assert not (tmp_path / "ix" / "searchlib-index.json").exists()
    with SearchEngine.from_documents(RECORDS, tmp_path / "other") as engine:
        build = engine.info().build
        with pytest.raises(CorpusError, match=message):
            engine.add(path)
        assert engine.info().build == build


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_a_corpus_error(tmp_path: Path, depth: int) -> None:
    deep = '{"id": "a", "text": "Текст", "extra": ' + "[" * depth + "]" * depth + "}"
    path = write_jsonl(tmp_path / "c.jsonl", [], raw=[json.dumps(RECORDS[0]), deep])
    _refused(path, r"c\.jsonl, line 2: JSON nested too deeply to read", tmp_path)
    out = run_cli("index", "build", "--jsonl", str(path), "--index", str(tmp_path / "ix"))
    assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
    assert "line 2: JSON nested too deeply" in out.stderr


def test_a_huge_integer_id_is_a_corpus_error(tmp_path: Path) -> None:
    huge = "7" * 5000
    path = write_jsonl(tmp_path / "c.jsonl", [], raw=['{"id": ' + huge + ', "text": "Текст"}'])
    _refused(path, r"line 1: a number too long to read \(more than \d+ digits\)", tmp_path)
    with pytest.raises(CorpusError, match=r'document 1: the record\'s "id" is a number too long'):
        SearchEngine.from_documents([{"id": 7 * 10**5000, "text": "Текст"}], tmp_path / "ix")
    # Numbers that Python converts stay ids, as before.
    path.write_text('{"id": ' + "7" * 300 + ', "text": "Текст"}\n', encoding="utf-8")
    assert [r[0] for r in iter_records(path)] == ["7" * 300]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ('{"id": "a\\udc80", "text": "Текст"}', r"the id 'a\\udc80' is not Unicode text"),
        ('{"id": "a", "text": "Те\\ud800кст"}', r"the \"text\" of record 'a' is not Unicode"),
        ('{"id": "a", "text": "Текст", "title": "\\udfff"}', r"the \"title\" of record 'a'"),
    ],
    ids=["id", "text", "title"],
)
def test_lone_surrogates_in_records_are_corpus_errors(
    tmp_path: Path, record: str, message: str
) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [], raw=[record])
    _refused(path, "line 1: " + message, tmp_path)
    decoded = json.loads(record)
    with pytest.raises(CorpusError, match="document 1: " + message) as info:
        SearchEngine.from_documents([decoded], tmp_path / "ix2")
    str(info.value).encode("utf-8")  # the message itself is printable
    assert not (tmp_path / "ix2").exists()
    with SearchEngine.from_documents(RECORDS, tmp_path / "more") as engine:
        with pytest.raises(CorpusError, match="document 1: " + message):
            engine.add([decoded])
        assert engine.info().paragraphs == 3


@pytest.mark.parametrize("rid", ["a#q1", "a#q12", "a#p1", "a#p2.q1"])
def test_record_ids_cannot_collide_with_quote_ids(tmp_path: Path, rid: str) -> None:
    quoted = {"id": "a", "text": '"Бюджет сбалансирован", — сказал министр Антон Силуанов.'}
    other = {"id": rid, "text": "Совсем другой текст о логистике."}
    path = write_jsonl(tmp_path / "c.jsonl", [quoted, other])
    message = rf"line 2: the id '{re.escape(rid)}' ends like the ids searchlib gives quotes"
    _refused(path, message, tmp_path)
    with pytest.raises(CorpusError, match="document 2: the id"):
        SearchEngine.from_documents([quoted, other], tmp_path / "ix")
    # Adding it later cannot replace the quote of record "a" either.
    with SearchEngine.from_documents([quoted], tmp_path / "ix") as engine:
        assert [h.id for h in engine.search("бюджет", kind="quote")] == ["a#q1"]
        with pytest.raises(CorpusError, match="ends like the ids searchlib gives"):
            engine.add([other])
        assert [h.id for h in engine.search("бюджет", kind="quote")] == ["a#q1"]


@pytest.mark.parametrize("rid", ["a\nb", "a\tb", "\x00", "a\x85", "a\u2028b"])
def test_record_ids_with_control_characters_are_refused(tmp_path: Path, rid: str) -> None:
    """Ids are shown one to a line (`a\nb` split the CLI's hit line in two)."""
    path = write_jsonl(
        tmp_path / "c.jsonl", [{"id": "ok", "text": "Текст."}, {"id": rid, "text": "Ещё."}]
    )
    _refused(path, r"line 2: the id .* holds a control character \(U\+", tmp_path)
    with SearchEngine.from_documents([{"id": "ok", "text": "Текст."}], tmp_path / "ix") as engine:
        with pytest.raises(CorpusError, match="document 1: the id .* holds a control character"):
            engine.add([{"id": rid, "text": "Ещё."}])
        assert engine.info().paragraphs == 1


def test_ids_with_a_hash_that_cannot_collide_are_kept(tmp_path: Path) -> None:
    records = [
        {"id": rid, "text": f"Запись номер {n} о логистике."}
        for n, rid in enumerate(["a#1", "a#q", "a#qq1", "a#p1x", "#q1a", "a#Q1", "q1"], start=1)
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        ids = {h.id for h in engine.search("логистика", limit=20)}
        assert ids == {r["id"] for r in records}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_collection_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "c.jsonl"
    os.mkfifo(fifo)
    error = _finishes(
        lambda: _refused(fifo, r"c\.jsonl is a FIFO \(named pipe\), not a regular file", tmp_path),
        fifo,
    )
    if error is not None:
        raise error
    error = _finishes(lambda: list(read_jsonl(fifo)), fifo)
    assert isinstance(error, CorpusError), repr(error)
    assert "a JSONL collection must be a regular file" in str(error)
