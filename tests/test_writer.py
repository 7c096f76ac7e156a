"""The bulk writer writes exactly the index Whoosh's own writer writes, faster.

Each test builds the same documents twice in temporary folders, once with
``whoosh``'s ``SegmentWriter`` and once with ``searchlib._writer``, and
compares what is on disk: every file of the segment byte for byte where the
document order is the same, every term's postings by document id where it
is not (several processes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from searchlib._corpus import load_corpus
from searchlib._engine import article_documents
from searchlib._jsonl import documents_to_articles
from searchlib._schema import build_schema
from searchlib._writer import MERGE_ALL, BulkWriter, merge_segments, write_index
from searchlib.analysis import RussianAnalyzer, index_words

from .conftest import CORPUS

EXTRA = [
    {"id": "d1", "title": "Ёлки и палки", "text": "Ёлка, «Газпром» и 16-летие: XII саммит ОТГ."},
    {"id": "d2", "text": "«Мы готовы», — сказал он. Культурно-языкового единства нет и не было."},
    {"id": "d3", "text": "Повтор повтор повтор ПОВТОР слово слово " * 30},
    {"id": "d4", "title": "", "text": "Вы\u0301ставочный центр, soft power и 2024 год"},
]


def _documents() -> list[dict[str, Any]]:
    articles = list(load_corpus(CORPUS))
    docs = [d.fields() for a in articles for d in article_documents(a)]
    for article in documents_to_articles(EXTRA):
        docs.extend(d.fields() for d in article_documents(article, titled=True))
    # Enough documents for terms with several blocks of postings.
    for n in range(300):
        docs.append(
            {
                "id": f"r{n}",
                "kind": "paragraph",
                "article": f"r{n}",
                "paragraph": 1,
                "group": f"r{n}#p1",
                "body": f"Интеграция номер {n}",
                "text": f"Интеграция тюркского мира номер {n} и {n % 7} раз интеграция",
                "words": f"Интеграция тюркского мира номер {n} и {n % 7} раз интеграция",
                "prefix": f"Интеграция тюркского мира номер {n} и {n % 7} раз интеграция",
                "lemma": f"Интеграция тюркского мира номер {n} и {n % 7} раз интеграция",
            }
        )
    return docs


def _whoosh_index(folder: Path, docs: list[dict[str, Any]]) -> Any:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer()
    for fields in docs:
        writer.add_document(**fields)
    writer.commit(optimize=True)
    return ix


def _segment_files(ix: Any) -> dict[str, bytes]:
    """Each file of the index's one segment, by extension, with its bytes."""
    (segment,) = ix._read_toc().segments
    files = segment.open_compound_file(ix.storage)
    return {name.split(".", 1)[1]: files.open_file(name).read() for name in files.list()}


def _merged_files(ix: Any) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """The segment's files but the stored fields, which come as values: a merge rebuilds
    each document's stored dict in set order, so the pickled bytes may differ."""
    files = _segment_files(ix)
    del files["_stored.col"]
    with ix.reader() as reader:
        return files, [fields for _, fields in reader.iter_docs()]


def _by_id(ix: Any) -> dict[tuple[str, bytes], dict[str, tuple[float, Any]]]:
    """field, term -> document id -> (weight, value): postings independent of document order."""
    with ix.reader() as reader:
        ids = {d: f["id"] for d, f in reader.iter_docs()}
        found: dict[tuple[str, bytes], dict[str, tuple[float, Any]]] = {}
        for field, text in reader.all_terms():
            matcher = reader.postings(field, text)
            postings = {}
            while matcher.is_active():
                postings[ids[matcher.id()]] = (matcher.weight(), matcher.value())
                matcher.next()
            found[field, text] = postings
        return found


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return _documents()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, docs: list[dict[str, Any]]) -> Any:
    return _whoosh_index(tmp_path_factory.mktemp("whoosh") / "ix", docs)


def _bulk_index(folder: Path, docs: list[dict[str, Any]], **options: Any) -> Any:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    write_index(ix, iter(docs), **options)
    return whoosh_index.open_dir(str(folder))


def test_one_segment_is_byte_for_byte_whooshs(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    ours = _bulk_index(tmp_path / "bulk", docs)
    expected = _segment_files(reference)
    assert _segment_files(ours) == expected
    assert {"pst", "trm", "_stored.col", "_text_len.col", "group.col"} <= set(expected)


def test_segments_merged_at_the_end_are_byte_for_byte_whooshs(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    """A small memory budget writes many segments; merged, they are one index again."""
    ours = _bulk_index(tmp_path / "bulk", docs, max_postings=2_000)
    assert len(ours._read_toc().segments) == 1
    assert _merged_files(ours) == _merged_files(reference)
    # The merge left no segment files or temporary folders behind.
    assert sorted(p.suffix for p in (tmp_path / "bulk").iterdir()) == ["", ".seg", ".toc"]


def test_several_processes_index_the_same_postings(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    ours = _bulk_index(tmp_path / "bulk", docs, procs=2, max_postings=5_000)
    assert len(ours._read_toc().segments) >= 2  # left unmerged: see write_index
    assert _by_id(ours) == _by_id(reference)
    with ours.reader() as a, reference.reader() as b:
        assert a.doc_count() == b.doc_count()
        assert sorted(f["id"] for _, f in a.iter_docs()) == sorted(
            f["id"] for _, f in b.iter_docs()
        )
        for field in build_schema().names():
            assert a.field_length(field) == b.field_length(field)
    merge_segments(ours)
    ours = whoosh_index.open_dir(str(tmp_path / "bulk"))
    assert len(ours._read_toc().segments) == 1
    assert _by_id(ours) == _by_id(reference)
    with ours.reader() as a, reference.reader() as b:
        for field in build_schema().names():
            assert a.field_length(field) == b.field_length(field)


def test_merging_an_updated_index_drops_deleted_documents(
    tmp_path: Path, docs: list[dict[str, Any]]
) -> None:
    """MERGE_ALL (what optimize uses) on segments with deletions: as Whoosh's OPTIMIZE."""
    results = []
    for name, writer_class in (("whoosh", None), ("bulk", BulkWriter)):
        ix = _whoosh_index(tmp_path / name, docs[:200])
        writer = ix.writer()
        for fields in docs[200:]:
            writer.add_document(**fields)
        writer.commit(merge=False)
        writer = ix.writer()
        writer.delete_by_term("id", "otg-summit-baku#p4")
        writer.delete_by_term("id", "r7")
        writer.commit(merge=False)
        merger = ix.writer() if writer_class is None else writer_class(ix)
        if writer_class is None:
            merger.commit(optimize=True)
        else:
            merger.commit(mergetype=MERGE_ALL)
        results.append(_merged_files(ix))
    assert results[0] == results[1]


def test_write_index_refuses_an_index_with_segments(tmp_path: Path, reference: Any) -> None:
    with pytest.raises(ValueError, match="new index"):
        write_index(reference, iter([]))


def test_a_writer_without_documents_leaves_an_empty_index(tmp_path: Path) -> None:
    ours = _bulk_index(tmp_path / "bulk", [])
    with ours.reader() as reader:
        assert reader.doc_count() == 0
    assert not (tmp_path / "bulk" / "MAIN.tmp").exists()


def test_bulk_writer_refuses_boosts(tmp_path: Path) -> None:
    (tmp_path / "ix").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "ix"), build_schema())
    writer = BulkWriter(ix)
    with pytest.raises(ValueError, match="boosts"):
        writer.add_document(id="x", text="слово", _boost=2.0)
    writer.cancel()


_TEXT = st.text(
    st.sampled_from(list("аеиоу ёЁжЖ-'.,!? \u0301\u00ad\u200bАБВabc123«»\"—\n")), max_size=80
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_index_words_is_the_analyzer_up_to_its_stop_filter(text: str) -> None:
    chain = RussianAnalyzer(stem=False)
    expected = [(t.text, t.pos) for t in chain(text, positions=True, mode="index")]
    assert index_words(text) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_any_texts_index_as_whoosh_indexes_them(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    docs = []
    for n, text in enumerate(texts):
        docs.append(
            {
                "id": f"d{n}",
                "kind": "paragraph",
                "article": "a",
                "paragraph": n + 1,
                "group": f"a#p{n + 1}",
                "body": text,
                "text": text,
                "words": text,
                "prefix": text,
                "lemma": text,
            }
        )
    folder = tmp_path_factory.mktemp("any")
    reference = _whoosh_index(folder / "whoosh", docs)
    ours = _bulk_index(folder / "bulk", docs, max_postings=10)
    assert _merged_files(ours) == _merged_files(reference)


def test_a_failing_worker_process_is_a_searchlib_error(tmp_path: Path) -> None:
    """A document a worker cannot index fails the build with a SearchIndexError."""
    from searchlib import SearchIndexError

    (tmp_path / "ix").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "ix"), build_schema())
    bad = [{"id": "d1", "text": "слово"}, {"id": "d2", "no_such_field": "x"}]
    with pytest.raises(SearchIndexError, match="indexing process failed"):
        write_index(ix, iter(bad), procs=2)


def test_workers_that_all_fail_stop_the_build_instead_of_hanging(tmp_path: Path) -> None:
    """Every worker failing (a full disk) leaves nobody to take batches: the build must end."""
    import threading

    from searchlib import SearchIndexError

    (tmp_path / "ix").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "ix"), build_schema())
    bad = ({"id": f"d{n}", "no_such_field": "x"} for n in range(5_000))
    raised: list[BaseException] = []

    def build() -> None:
        try:
            write_index(ix, bad, procs=2)
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(120)  # generous: the fix answers within a second or two
    assert not thread.is_alive(), "the build hung after its workers failed"
    assert len(raised) == 1 and isinstance(raised[0], SearchIndexError)
    assert "indexing process failed" in str(raised[0])
