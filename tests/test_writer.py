"""The segment builder writes exactly what Whoosh's own writer writes through searchlib's codec.

Each test indexes the same documents twice in temporary folders: once with
Whoosh's ``SegmentWriter`` (its analyzers, its posting pool) on
:class:`searchlib._codec.SearchlibCodec`, once with ``searchlib._writer``,
and compares the segments array by array (or, where the document order
differs, every term's postings by document id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from searchlib import _writer
from searchlib._codec import SearchlibCodec, open_segment
from searchlib._corpus import load_corpus
from searchlib._jsonl import documents_to_articles
from searchlib._schema import build_schema
from searchlib._sources import article_documents
from searchlib._writer import SegmentBuilder, merge_segments, update_index, write_index
from searchlib.analysis import WORD_RE, RussianAnalyzer, index_words

from .conftest import CORPUS

EXTRA = [
    {"id": "d1", "title": "Ёлки и палки", "text": "Ёлка, «Газпром» и 16-летие: XII саммит ОТГ."},
    {"id": "d2", "text": "«Мы готовы», — сказал он. Культурно-языкового единства нет и не было."},
    {"id": "d3", "text": "Повтор повтор повтор ПОВТОР слово слово " * 30},
    {"id": "d4", "title": "", "text": "Вы\u0301ставочный центр, soft power и 2024 год"},
    {"id": "d5", "text": "а" * 70 + " длинное слово выше не слово, и " + "б" * 65 + " тоже"},
]
ARRAYS = ("term_bytes", "term_offsets", "term_postings", "term_positions", "docs", "freqs")


def _documents() -> list[dict[str, Any]]:
    articles = list(load_corpus(CORPUS))
    docs = [d.fields() for a in articles for d in article_documents(a)]
    for article in documents_to_articles(EXTRA):
        docs.extend(d.fields() for d in article_documents(article, titled=True))
    for n in range(300):
        text = f"Интеграция тюркского мира номер {n} и {n % 7} раз интеграция"
        docs.append(
            {
                "id": f"r{n}",
                "kind": "paragraph",
                "article": f"r{n}",
                "paragraph": 1,
                "group": f"r{n}#p1",
                "body": f"Интеграция номер {n}",
                "text": text,
                "words": text,
                "prefix": text,
                "lemma": text,
            }
        )
    return docs


def _new_index(folder: Path) -> Any:
    folder.mkdir()
    return whoosh_index.create_in(str(folder), build_schema())


def _whoosh_index(folder: Path, docs: list[dict[str, Any]]) -> Any:
    """The documents written by Whoosh's own writer, through searchlib's codec."""
    ix = _new_index(folder)
    writer = SegmentWriter(ix, codec=SearchlibCodec())
    for fields in docs:
        writer.add_document(**fields)
    writer.commit()
    return ix


def _bulk_index(folder: Path, docs: list[dict[str, Any]], **options: Any) -> Any:
    ix = _new_index(folder)
    write_index(ix, iter(docs), **options)
    return whoosh_index.open_dir(str(folder))


def _segment(ix: Any) -> Any:
    (segment,) = ix._read_toc().segments
    return open_segment(ix.storage, segment)


def _assert_same_segment(ours: Any, reference: Any) -> None:
    (terms, docs), (ref_terms, ref_docs) = _segment(ours), _segment(reference)
    assert terms.fields == ref_terms.fields
    for name in (*ARRAYS, "positions", "hash_keys", "hash_terms"):
        assert np.array_equal(terms.file.array(name), ref_terms.file.array(name)), name
    assert docs.doc_count == ref_docs.doc_count
    assert docs.totals == ref_docs.totals
    for field, row in ref_docs.lengths.items():
        assert np.array_equal(docs.lengths[field], row), field
    assert [docs.stored(d) for d in range(docs.doc_count)] == [
        ref_docs.stored(d) for d in range(ref_docs.doc_count)
    ]


def _by_id(ix: Any) -> dict[tuple[str, bytes], dict[str, tuple[float, Any]]]:
    """field, term -> document id -> (weight, positions): postings whatever the document order."""
    with ix.reader() as reader:
        ids = {d: f["id"] for d, f in reader.iter_docs()}
        found: dict[tuple[str, bytes], dict[str, tuple[float, Any]]] = {}
        for field, text in reader.all_terms():
            matcher = reader.postings(field, text)
            positional = reader.schema[field].format.supports("positions")
            postings = {}
            while matcher.is_active():
                value = matcher.value_as("positions") if positional else None
                postings[ids[matcher.id()]] = (matcher.weight(), value)
                matcher.next()
            if postings:
                found[field, text] = postings
        return found


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return _documents()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, docs: list[dict[str, Any]]) -> Any:
    return _whoosh_index(tmp_path_factory.mktemp("whoosh") / "ix", docs)


def test_one_segment_is_whooshs_through_the_codec(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    _assert_same_segment(_bulk_index(tmp_path / "bulk", docs), reference)


def test_segments_merged_at_the_end_are_one_segment_again(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    """A small memory budget writes many segments; merged, they are one index again."""
    ours = _bulk_index(tmp_path / "bulk", docs, max_tokens=500)
    _assert_same_segment(ours, reference)
    # The merge left no segment files behind.
    suffixes = sorted(p.suffix for p in (tmp_path / "bulk").iterdir())
    assert suffixes == [".sldocs", ".slterms", ".toc"]


def test_several_processes_index_the_same_postings(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any
) -> None:
    ours = _bulk_index(tmp_path / "bulk", docs, procs=2, max_tokens=2_000)
    assert len(ours._read_toc().segments) == 1  # merged: cheap with this format
    assert _by_id(ours) == _by_id(reference)
    with ours.reader() as a, reference.reader() as b:
        assert a.doc_count() == b.doc_count()
        for field in build_schema().names():
            assert a.field_length(field) == b.field_length(field)


def test_updates_delete_add_and_merge_as_a_fresh_build(
    tmp_path: Path, docs: list[dict[str, Any]]
) -> None:
    """Deleting, adding and optimizing leave what building the survivors from scratch leaves."""
    ix = _bulk_index(tmp_path / "bulk", docs[:200])
    update_index(ix, remove={}, documents=docs[200:220])
    update_index(ix, remove={"id": ["otg-summit-baku#p4", "r7"], "article": ["d2"]})
    assert len(ix._read_toc().segments) == 2
    assert any(s.has_deletions() for s in ix._read_toc().segments)
    gone = {"otg-summit-baku#p4", "r7"}
    survivors = [d for d in docs[:220] if d["id"] not in gone and d["article"] != "d2"]
    fresh = _bulk_index(tmp_path / "fresh", survivors)
    assert _by_id(ix) == _by_id(fresh)
    merge_segments(ix)
    assert len(ix._read_toc().segments) == 1
    _assert_same_segment(ix, fresh)
    # The files of the merged-away segments are gone.
    assert len(list((tmp_path / "bulk").glob("*.slterms"))) == 1


def test_small_updates_keep_few_segments(tmp_path: Path, docs: list[dict[str, Any]]) -> None:
    ix = _bulk_index(tmp_path / "bulk", docs[:300])
    for n in range(12):
        update_index(ix, remove={}, documents=[docs[300 + n]])
    assert len(ix._read_toc().segments) <= 4
    with ix.reader() as reader:
        assert reader.doc_count() == 312


def test_write_index_refuses_an_index_with_segments(tmp_path: Path, reference: Any) -> None:
    with pytest.raises(ValueError, match="new index"):
        write_index(reference, iter([]))


def test_a_writer_without_documents_leaves_an_empty_index(tmp_path: Path) -> None:
    ours = _bulk_index(tmp_path / "bulk", [])
    with ours.reader() as reader:
        assert reader.doc_count() == 0


def test_builder_refuses_unknown_fields_and_boosts(tmp_path: Path) -> None:
    builder = SegmentBuilder(build_schema())
    with pytest.raises(ValueError, match="no field named"):
        builder.add({"id": "x", "text": "слово", "_boost": 2.0})
    with pytest.raises(ValueError, match="no field named"):
        builder.add({"id": "y", "text": "слово", "no_such_field": "x"})
    with pytest.raises(ValueError, match="not a string"):
        builder.add({"id": "z", "text": 5})
    builder.add({"id": "w", "text": "слово"})
    assert builder.doc_count == 1  # the failed documents left nothing behind
    ix = _new_index(tmp_path / "ix")
    segment = builder.write(ix.storage, ix.indexname)
    terms, docs = open_segment(ix.storage, segment)
    assert docs.doc_count == 1 and terms.find("text", "слов".encode()) >= 0
    assert terms.find("id", b"x") < 0 and terms.find("id", b"w") >= 0


def test_values_of_other_fields_index_as_whoosh_indexes_them(tmp_path: Path) -> None:
    """Numbers, titles and identifiers given as lists (several terms each) among plain ones.

    An ID field takes a string (one term) or a list of them: the builder
    keeps the two apart, and must still give each term its documents in order.
    """
    docs: list[dict[str, Any]] = []
    for n in range(40):
        group: str | list[str] = f"g{n % 5}" if n % 3 else [f"g{n % 5}", f"h{n % 4}", "g0"]
        title = "Ёлки и палки, палки" if n % 2 else f"Заголовок {n % 3}"
        text = f"Слово номер {n}"
        docs.append(
            {"id": f"x{n}", "group": group, "paragraph": n % 6, "title": title, "text": text}
        )
    ours = _bulk_index(tmp_path / "bulk", docs)
    _assert_same_segment(ours, _whoosh_index(tmp_path / "whoosh", docs))


@settings(max_examples=300)
@given(st.text(st.sampled_from(list("аЁz9_ \u0301\u00ad\u200b\u2060-.\U00016a40\u0660\u00b2"))))
def test_tokens_are_the_word_patterns(text: str) -> None:
    assert _writer._tokens(text) == WORD_RE.findall(text)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=200_000), st.integers(min_value=0, max_value=3_000))
def test_terms_are_ordered_as_a_stable_sort_orders_them(term_count: int, size: int) -> None:
    """The radix order of term numbers (16 bits at a time) is numpy's stable sort's."""
    term_ids = np.random.default_rng(size).integers(0, term_count, size).astype(np.int32)
    assert np.array_equal(
        _writer._by_term(term_ids, term_count), np.argsort(term_ids, kind="stable")
    )


@given(st.lists(st.text(max_size=4) | st.sampled_from(["ёлка", "елка", "б"]), max_size=60))
def test_ranked_values_are_numbered_by_their_sorted_order(values: list[str]) -> None:
    terms, numbers = _writer._ranked(values)
    assert terms == sorted(set(values))
    assert [terms[n] for n in numbers.tolist()] == values
    distinct = list(dict.fromkeys(values))
    terms, numbers = _writer._ranked_distinct(distinct)
    assert terms == sorted(distinct)
    assert [terms[n] for n in numbers.tolist()] == distinct


def test_a_full_term_cache_starts_again(
    tmp_path: Path, docs: list[dict[str, Any]], reference: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stems and lemmas kept for later segments are bounded; past the bound, it starts over."""
    monkeypatch.setattr(_writer, "_TERM_CACHE", 50)
    _assert_same_segment(_bulk_index(tmp_path / "bulk", docs, max_tokens=500), reference)


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
@given(st.lists(_TEXT, min_size=1, max_size=6), st.integers(min_value=1, max_value=40))
def test_any_texts_index_as_whoosh_indexes_them(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], budget: int
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
                "title": text[:10] or None,
                "text": text,
                "words": text,
                "prefix": text,
                "lemma": text,
            }
        )
    folder = tmp_path_factory.mktemp("any")
    reference = _whoosh_index(folder / "whoosh", docs)
    ours = _bulk_index(folder / "bulk", docs, max_tokens=budget)
    _assert_same_segment(ours, reference)


def test_a_failing_worker_process_is_a_searchlib_error(tmp_path: Path) -> None:
    """A document a worker cannot index fails the build with a SearchIndexError."""
    from searchlib import SearchIndexError

    ix = _new_index(tmp_path / "ix")
    bad = [{"id": "d1", "text": "слово"}, {"id": "d2", "no_such_field": "x"}]
    with pytest.raises(SearchIndexError, match="indexing process failed"):
        write_index(ix, iter(bad), procs=2)


def test_workers_that_all_fail_stop_the_build_instead_of_hanging(tmp_path: Path) -> None:
    """Every worker failing (a full disk) leaves nobody to take batches: the build must end."""
    import threading

    from searchlib import SearchIndexError

    ix = _new_index(tmp_path / "ix")
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


def _assert_checksums_recorded(ix: Any) -> None:
    """Every segment of ``ix`` records the CRC-32 of both its files, as they are on disk."""
    import zlib

    segments = ix._read_toc().segments
    assert segments
    for segment in segments:
        recorded = segment.file_checksums()
        assert set(recorded) == {segment.make_filename(e) for e in (".slterms", ".sldocs")}
        for name, crc in recorded.items():
            assert crc == zlib.crc32((Path(ix.storage.folder) / name).read_bytes()), name


def test_segments_record_the_checksums_of_their_files_as_written(
    tmp_path: Path, docs: list[dict[str, Any]]
) -> None:
    _assert_checksums_recorded(_whoosh_index(tmp_path / "codec", docs))  # Whoosh's own writer
    _assert_checksums_recorded(_bulk_index(tmp_path / "one", docs))
    _assert_checksums_recorded(_bulk_index(tmp_path / "merged", docs, max_tokens=500))
    _assert_checksums_recorded(_bulk_index(tmp_path / "procs", docs, procs=2))
    ix = _bulk_index(tmp_path / "updated", docs)
    update_index(ix, remove={"id": [docs[0]["id"]]}, documents=iter(docs[:3]))
    _assert_checksums_recorded(whoosh_index.open_dir(str(tmp_path / "updated")))
    merge_segments(ix)
    _assert_checksums_recorded(whoosh_index.open_dir(str(tmp_path / "updated")))
