"""searchlib's storage format is a Whoosh codec: Whoosh opens, searches and writes it as its own.

A built index is opened with ``whoosh.index.open_dir`` and searched with
Whoosh's own searcher and query objects; what it finds must be what
searchlib's array ranking finds, with the same scores where the scoring is
the same (BM25F over the same statistics), and what Whoosh's default codec
finds for the same documents.  The array files refuse damage they can see.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.qparser import QueryParser

from searchlib import SearchEngine
from searchlib._codec import ArrayFileError, SearchlibSegment, open_segment
from searchlib._codec.files import ArrayFile, open_array_file
from searchlib._codec.segment import _stored_fields, stored_blob
from searchlib._fastsearch import _POSITION_BITS, ArrayIndex, _candidates, _within
from searchlib._index import IndexStore
from searchlib._schema import build_schema
from searchlib._scoring import FieldStatsBM25F, log_length

from .conftest import ARTICLE, CORPUS

TEXTS = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
EXTRA = [
    "Ёлка, «Газпром» и 16-летие: XII саммит ОТГ в Баку.",
    "Средний коридор объединяет регион; коридор растёт, коридоры строятся.",
    "Президент сказал: «Мы готовы к интеграции», — и добавил, что интеграция идёт.",
    "Экономика Казахстана и Азербайджана: рост, торговля, транзит.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An index of records, then the bundled article added and a record removed (the
    update's merge leaves one segment, with one deleted document)."""
    folder = tmp_path_factory.mktemp("codec") / "ix"
    records = [{"id": f"r{n}", "text": text} for n, text in enumerate(EXTRA * 5)]
    engine = SearchEngine.from_documents(records, folder)
    engine.add(CORPUS / "otg-summit-baku.txt")
    engine.remove("r3")
    engine.close()
    manifest = IndexStore(folder).read_manifest()
    assert manifest is not None
    return folder / manifest.build


def _terms(ix: Any, field: str) -> list[str]:
    with ix.reader() as reader:
        return [t.decode("utf-8") for t in reader.lexicon(field)]


def test_whoosh_opens_a_searchlib_build(built: Path) -> None:
    ix = whoosh_index.open_dir(str(built))
    segments = ix._read_toc().segments
    assert segments and all(isinstance(s, SearchlibSegment) for s in segments)
    with ix.searcher() as searcher:
        assert searcher.doc_count() > 0
        results = searcher.search(QueryParser("text", ix.schema).parse("коридор"))
        assert len(results) > 0
        assert all("коридор" in hit["body"].lower() for hit in results)


def _random_query(rng: random.Random, stems: list[str], words: list[str]) -> Any:
    """A random term, phrase, prefix, fuzzy term or boolean combination of them."""
    kind = rng.choice(["term", "phrase", "and", "or", "not", "prefix", "fuzzy", "andmaybe"])
    if kind == "term":
        return wq.Term("text", rng.choice(stems))
    if kind == "phrase":
        return wq.Phrase("text", rng.sample(stems, 2), slop=rng.choice([1, 2, 4]))
    if kind == "prefix":
        return wq.Prefix("words", rng.choice(words)[:3])
    if kind == "fuzzy":
        return wq.FuzzyTerm("words", rng.choice(words), maxdist=1)
    left, right = wq.Term("text", rng.choice(stems)), wq.Term("text", rng.choice(stems))
    if kind == "and":
        return wq.And([left, right])
    if kind == "or":
        return wq.Or([left, right, wq.Term("prefix", rng.choice(words)[:4])])
    if kind == "not":
        return wq.AndNot(wq.Or([left, right]), wq.Term("text", rng.choice(stems)))
    return wq.AndMaybe(left, right)


def test_whooshs_searcher_finds_what_whooshs_own_codec_finds(built: Path, tmp_path: Path) -> None:
    """The same documents indexed with Whoosh's default codec: the same hits for any query."""
    ix = whoosh_index.open_dir(str(built))
    reference_folder = tmp_path / "w3"
    reference_folder.mkdir()
    reference = whoosh_index.create_in(str(reference_folder), build_schema())
    writer = reference.writer()
    with ix.searcher() as searcher:
        for _docnum, fields in searcher.reader().iter_docs():
            body = fields["body"]
            kind = fields["kind"]
            document = {
                "id": fields["id"],
                "kind": kind,
                "article": fields["article"],
                "paragraph": fields["paragraph"],
                "body": body,
            }
            prefix = "quote_" if kind == "quote" else ""
            for field in ("text", "words", "prefix", "lemma"):
                document[prefix + field] = body
            writer.add_document(**document)
    writer.commit()
    rng = random.Random(5)
    stems, words = _terms(ix, "text"), _terms(ix, "words")
    for _ in range(150):
        q = _random_query(rng, stems, words)
        # Term frequencies: no field lengths (Whoosh's codec keeps them to a byte,
        # searchlib's exactly) and no statistics (the reference has no deleted documents).
        with (
            ix.searcher(weighting=scoring.Frequency()) as ours,
            reference.searcher(weighting=scoring.Frequency()) as theirs,
        ):
            mine = {ours.stored_fields(h.docnum)["id"]: h.score for h in ours.search(q, limit=None)}
            other = {
                theirs.stored_fields(h.docnum)["id"]: h.score for h in theirs.search(q, limit=None)
            }
        assert set(mine) == set(other), q
        for key, score in mine.items():
            assert score == pytest.approx(other[key]), q


def test_whooshs_searcher_and_the_array_ranking_agree(built: Path) -> None:
    """Random term, phrase and boolean queries: Whoosh's matchers on the codec and the arrays."""
    ix = whoosh_index.open_dir(str(built))
    segments = ix._read_toc().segments
    weighting = FieldStatsBM25F(B=0.75, K1=1.2, field_documents={})
    arrays = ArrayIndex(ix.storage, segments, weighting)
    rng = random.Random(11)
    stems = _terms(ix, "text")
    with ix.searcher(weighting=weighting) as searcher:
        for _ in range(300):
            words = rng.sample(stems, rng.choice([2, 2, 3]))
            q = rng.choice(
                [
                    wq.Term("text", words[0]),
                    # (slops up to any size: matched in the same time whatever the slop)
                    wq.Phrase("text", words, slop=rng.choice([1, 2, 3, 7, 40, 10**8])),
                    wq.Or([wq.Term("text", words[0]), wq.Term("text", words[1])]),
                ]
            )
            if isinstance(q, wq.Or):
                from searchlib._query import WordOr

                q = WordOr(q.subqueries)
            expected = {
                h.docnum: h.score for h in searcher.search(q, limit=None) if arrays.live[h.docnum]
            }
            docs, scores = arrays.score(q)
            live = arrays.live[docs]
            found = dict(zip(docs[live].tolist(), scores[live].tolist(), strict=True))
            assert set(found) == set(expected), q
            for docnum, score in found.items():
                assert score == pytest.approx(expected[docnum]), q


@pytest.mark.parametrize("log_lengths", [False, True], ids=["lengths", "log-lengths"])
def test_array_scores_are_bm25_of_each_posting(built: Path, log_lengths: bool) -> None:
    """The per-segment table of ``d x length`` gives each posting BM25's own score."""
    ix = whoosh_index.open_dir(str(built))
    segments = ix._read_toc().segments
    k1, b = 1.2, 0.75
    weighting = FieldStatsBM25F(B=b, K1=k1, field_documents={}, log_lengths=log_lengths)
    arrays = ArrayIndex(ix.storage, segments, weighting)
    with ix.reader() as reader:
        size = reader.doc_count_all()
        average = reader.field_length("text") / size
        for stem in _terms(ix, "text")[::7]:
            docs, scores = arrays.score(wq.Term("text", stem))
            live = arrays.live[docs]
            found = dict(zip(docs[live].tolist(), scores[live].tolist(), strict=True))
            postings = dict(reader.postings("text", stem).items_as("frequency"))  # (live ones)
            assert set(found) == set(postings), stem
            # (Deleted documents still count in a term's frequency until a merge, as in Whoosh.)
            idf = math.log(size / (reader.doc_frequency("text", stem) + 1)) + 1
            for docnum, tf in postings.items():
                length = reader.doc_field_length(docnum, "text")
                counted = log_length(length, average) if log_lengths else length
                expected = idf * (k1 + 1) * tf / (tf + k1 * (1 - b) + k1 * b / average * counted)
                assert found[docnum] == pytest.approx(expected, rel=1e-12), stem


def test_threads_arriving_together_share_one_length_table(built: Path) -> None:
    """The ``d x length`` table is made once per segment, whichever threads ask first."""
    import threading

    ix = whoosh_index.open_dir(str(built))
    weighting = FieldStatsBM25F(B=0.75, K1=1.2, field_documents={}, log_lengths=True)
    arrays = ArrayIndex(ix.storage, ix._read_toc().segments, weighting)
    part = arrays._parts[0]
    start = threading.Barrier(16)
    tables: list[Any] = []

    def ask() -> None:
        start.wait()
        tables.append(arrays._length_terms(part))

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tables) == 16 and all(table is tables[0] for table in tables)
    assert not tables[0].flags.writeable


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=60))
def test_candidates_by_sort_and_by_mask_agree(docs: list[int]) -> None:
    """Few postings are sorted, many marked in a mask: the same candidates either way."""
    postings = np.array(docs, dtype=np.int64)
    for size in (10**6, 31):  # (few postings among a million documents, many among 31)
        candidates, where = _candidates(postings, size)
        assert candidates.tolist() == sorted(set(docs))
        assert candidates[where].tolist() == docs


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 20), st.data())
def test_distinct_words_matched_are_counted_alike_every_way(words: int, data: Any) -> None:
    """Dense (bit counts, or nonzero bytes on numpy before 2.0) and sparse counting agree."""
    from searchlib import _fastsearch

    candidates = data.draw(st.integers(1, 40))
    pairs = data.draw(
        st.lists(st.tuples(st.integers(0, candidates - 1), st.integers(-1, words - 1)))
    )
    where = np.array([w for w, _ in pairs], dtype=np.int64)
    word_of = np.array([o for _, o in pairs], dtype=np.int64)
    expected = [len({o for w, o in pairs if w == c and o >= 0}) for c in range(candidates)]
    dense = _fastsearch._words_matched(where, word_of, candidates, words)
    assert dense.tolist() == expected
    bitwise_count, limit = _fastsearch._bitwise_count, _fastsearch._DENSE_WORD_COUNT
    try:
        _fastsearch._bitwise_count = None
        assert _fastsearch._words_matched(where, word_of, candidates, words).tolist() == expected
        _fastsearch._DENSE_WORD_COUNT = 0
        assert _fastsearch._words_matched(where, word_of, candidates, words).tolist() == expected
    finally:
        _fastsearch._bitwise_count, _fastsearch._DENSE_WORD_COUNT = bitwise_count, limit


def test_terms_kept_between_queries_score_as_when_first_looked_up(built: Path) -> None:
    """An ArrayIndex keeps looked-up terms: later queries sharing them score as a fresh one does."""
    ix = whoosh_index.open_dir(str(built))
    segments = ix._read_toc().segments
    weighting = FieldStatsBM25F(B=0.75, K1=1.2, field_documents={})
    stems = _terms(ix, "text")[:12]
    from searchlib._query import WordOr

    queries = [
        WordOr([wq.Term("text", a), wq.Term("words", b), wq.Phrase("text", [a, b], slop=2)])
        for a, b in zip(stems, stems[1:] + stems[:1], strict=True)
    ]
    warm = ArrayIndex(ix.storage, segments, weighting)
    first = [warm.score(q) for q in queries]
    again = [warm.score(q) for q in reversed(queries)][::-1]
    for q, (docs, scores), (docs2, scores2) in zip(queries, first, again, strict=True):
        fresh_docs, fresh_scores = ArrayIndex(ix.storage, segments, weighting).score(q)
        assert docs.tolist() == docs2.tolist() == fresh_docs.tolist(), q
        assert scores.tolist() == scores2.tolist() == fresh_scores.tolist(), q


def test_prefix_and_fuzzy_expansion_walk_the_term_dictionary(built: Path) -> None:
    ix = whoosh_index.open_dir(str(built))
    words = _terms(ix, "words")
    assert words == sorted(words)  # the dictionary is in byte order, as Whoosh expects
    with ix.reader() as reader:
        assert list(reader.expand_prefix("words", "коридор")) == [
            w.encode() for w in words if w.startswith("коридор")
        ]
        within = set(reader.terms_within("words", "каридор", 1))
        assert "коридор" in within


def test_the_lemma_table_lists_words_with_their_lemma(built: Path) -> None:
    from searchlib._morph import lemma

    ix = whoosh_index.open_dir(str(built))
    for segment in ix._read_toc().segments:
        terms, _docs = open_segment(ix.storage, segment)
        assert terms.members == ("lemma", "words")
        pairs = terms.lemma_pairs()
        assert pairs
        for word, word_lemma in pairs.items():
            assert lemma(word.decode()) == word_lemma.decode()


def test_threads_and_builds_share_one_map_of_a_file(built: Path) -> None:
    ix = whoosh_index.open_dir(str(built))
    segment = ix._read_toc().segments[0]
    name = segment.make_filename(".slterms")
    assert open_array_file(ix.storage, name, "searchlib-terms") is open_array_file(
        ix.storage, name, "searchlib-terms"
    )


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_damaged_or_foreign_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(ArrayFileError):
        ArrayFile(data, "x", "searchlib-terms")


def test_a_truncated_or_zeroed_array_file_is_refused(built: Path) -> None:
    ix = whoosh_index.open_dir(str(built))
    segment = ix._read_toc().segments[0]
    raw = (built / segment.make_filename(".slterms")).read_bytes()
    for damaged in (raw[: len(raw) // 2], b"\0" * len(raw), raw[:-1]):
        with pytest.raises(ArrayFileError):
            ArrayFile(damaged, "x", "searchlib-terms")
    assert np.asarray(ArrayFile(raw, "x", "searchlib-terms").array("docs")).size > 0


_POSTING_SETS = st.lists(  # a part: term -> {doc: freq}, over a few terms and documents
    st.dictionaries(
        st.sampled_from([b"a", b"b", b"c", b"d"]),
        st.dictionaries(st.integers(0, 5), st.integers(1, 3), min_size=1),
        max_size=4,
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(parts=_POSTING_SETS, data=st.data())
def test_merging_fields_copies_each_terms_postings_in_document_order(
    parts: list[dict[bytes, dict[int, int]]], data: st.DataObject
) -> None:
    """merge_field equals merging by hand: renumbered documents, deletions dropped, positions kept."""
    from searchlib._codec.segment import FieldPostings, merge_field

    given_parts = []
    expected: dict[bytes, list[tuple[int, int, list[int]]]] = {}
    base = 0
    for part in parts:
        deleted = data.draw(st.sets(st.integers(0, 5)))
        docmap = np.full(6, -1, dtype=np.int64)
        for doc in range(6):
            if doc not in deleted:
                docmap[doc] = base
                base += 1
        terms = sorted(part)
        counts, docs, freqs, positions = [], [], [], []
        for term in terms:
            counts.append(len(part[term]))
            for doc in sorted(part[term]):
                freq = part[term][doc]
                spots = [doc * 10 + i for i in range(freq)]
                docs.append(doc)
                freqs.append(freq)
                positions.extend(spots)
                if docmap[doc] >= 0:
                    expected.setdefault(term, []).append((int(docmap[doc]), freq, spots))
        given_parts.append(
            (
                FieldPostings(
                    "f",
                    terms,
                    np.array(counts),
                    np.array(docs),
                    np.array(freqs),
                    np.array(positions),
                ),
                docmap,
            )
        )
    from searchlib._codec import segment

    chunk = segment._CHUNK
    segment._CHUNK = data.draw(st.sampled_from([1, 2, 5, chunk]))  # copies in small pieces too
    try:
        merged = merge_field("f", given_parts)
    finally:
        segment._CHUNK = chunk
    assert merged.terms == sorted(expected)
    at = spot = 0
    for term, count in zip(merged.terms, merged.counts.tolist(), strict=True):
        got = []
        for _ in range(count):
            freq = int(merged.freqs[at])
            assert merged.positions is not None
            got.append((int(merged.docs[at]), freq, merged.positions[spot : spot + freq].tolist()))
            at, spot = at + 1, spot + freq
        assert got == expected[term]
    assert at == len(merged.docs)


def test_an_array_file_reports_the_size_and_crc_of_the_bytes_it_wrote() -> None:
    import io
    import zlib

    from searchlib._codec.files import write_array_file

    out = io.BytesIO()
    arrays = {
        "a": np.arange(1000, dtype=np.uint32),
        "b": [np.zeros(3, np.uint8), np.ones(70, np.uint8)],
    }
    written = write_array_file(out, "test", {"x": 1}, arrays)
    data = out.getvalue()
    assert written.size == len(data) and written.crc32 == zlib.crc32(data)
    opened = ArrayFile(data, "test", "test")
    assert opened.array("b").tolist() == [0, 0, 0] + [1] * 70


def test_plain_plans_score_as_their_whoosh_queries_cold_and_kept(built: Path) -> None:
    """A PlainPlan's own pass over its ways (terms no segment holds and phrases that cannot
    match left out) scores as its Whoosh query does through _flatten, to the last bit,
    whether its terms are new, kept from earlier queries, or some of each."""
    from searchlib._query import parse_plain, plain_words

    ix = whoosh_index.open_dir(str(built))
    segments = ix._read_toc().segments
    weighting = FieldStatsBM25F(B=0.75, K1=1.2, field_documents={})
    texts = [
        "средний коридор",
        "коридоры Казахстана и Азербайджана растут",
        "интеграция тюркского мира",
        "Средний коридор, телеграм-канал и несуществующееслово",
        "газпром елка саммит Баку",
    ]
    plans = [parse_plain(text, plain_words(text)).plan for text in texts]
    warm = ArrayIndex(ix.storage, segments, weighting)
    for plan in plans:
        assert plan is not None
        expected = ArrayIndex(ix.storage, segments, weighting).score(plan.query())
        for arrays in (ArrayIndex(ix.storage, segments, weighting), warm, warm):
            docs, scores = arrays.score(plan)
            assert len(docs) and docs.tolist() == expected[0].tolist(), plan
            assert scores.tolist() == expected[1].tolist(), plan
        leaves, phrases = warm._plain_leaves(plan)  # (in the order of plan.leaves())
        kept = warm._kept_atoms  # (terms of fields no document fills are not looked up)
        held = {pair for pair, atom in kept.items() if atom[1] is not warm._absent}
        assert [(atom[0], boost, word) for atom, boost, word in leaves] == [
            (field, boost, word)
            for word, field, tokens, boost in plan.leaves()
            if len(tokens) == 1 and (field, tokens[0].encode()) in held
        ]
        assert [(p[0], p[3], word) for p, word in phrases] == [
            (field, boost, word)
            for word, field, tokens, boost in plan.leaves()
            if len(tokens) > 1 and all((field, t.encode()) in held for t in tokens)
        ]


_KEYS = st.sets(st.tuples(st.integers(0, 3), st.integers(0, 60)), max_size=40)


@given(ends=_KEYS, following=_KEYS, slop=st.sampled_from([1, 2, 3, 7, 50, 10**8]))
@settings(max_examples=300, deadline=None)
def test_phrase_steps_are_the_keys_within_slop_after_one_of_the_same_document(
    ends: set[tuple[int, int]], following: set[tuple[int, int]], slop: int
) -> None:
    """`_within` (nearest key before, any slop in one pass) is its definition, brute force."""

    def keys(pairs: set[tuple[int, int]]) -> np.ndarray:
        return np.array(sorted((d << _POSITION_BITS) | p for d, p in pairs), dtype=np.int64)

    expected = sorted(
        (d << _POSITION_BITS) | p
        for d, p in following
        if any(e_d == d and 1 <= p - e_p <= slop for e_d, e_p in ends)
    )
    assert _within(keys(ends), keys(following), slop).tolist() == expected


_FIELD_VALUES = st.one_of(st.none(), st.integers(-(2**40), 2**40), st.text(max_size=30))
_BODIES = st.one_of(
    st.text(max_size=200),
    st.text(alphabet="абвгдеёжз ,.«»—", min_size=60, max_size=300),
    st.text(alphabet=st.characters(codec="ascii"), min_size=60, max_size=300),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=60, max_size=300),
)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.dictionaries(st.sampled_from(["id", "kind", "title", "quote"]), _FIELD_VALUES),
    body=st.one_of(st.none(), _BODIES, st.integers()),
)
def test_stored_fields_read_back_as_written(fields: dict[str, Any], body: Any) -> None:
    """A document's fields come back as they went in, its text kept apart or not."""
    if body is not None:
        fields = {**fields, "body": body}
    blob = stored_blob(fields)
    assert _stored_fields(blob) == fields
    apart = isinstance(body, str) and len(body) >= 64
    assert (b"\x00" in blob) == apart  # (a NUL byte in JSON is always escaped)


def test_stored_fields_of_the_earlier_layout_are_still_read() -> None:
    """Fields written as one JSON object (format 3, and short texts now) read as before."""
    fields = {"id": "a#p1", "kind": "paragraph", "body": "Интеграция — это потребность. " * 5}
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert _stored_fields(blob) == fields


@pytest.mark.parametrize(
    "blob",
    [
        b'{"id":"a"}\x00x' + "текст".encode("utf-16-le"),  # an unknown tag
        b'{"id":"a"}\x00w' + "текст".encode("utf-16-le")[:-1],  # half a UTF-16 unit
        b'{"id":"a"}\x00a\xd0\xb0',  # "ASCII" that is not
        b'{"id":"a","body":"x"}\x00wx\x00',  # a text beside a body
        b'["a"]\x00wx\x00',  # fields that are no object
        b'{"id":"a"} ',  # more after the object
        b'{"id":"a"',  # cut short
        b"",
        b'{"id":"a"}\x00',  # a NUL with no tag
        b'{"id":"a"}\x00w' + "\ud800".encode("utf-16-le", "surrogatepass"),  # no Unicode
        b"[" * 100_000,  # nested past the interpreter's limit
    ],
)
def test_damaged_stored_fields_are_a_value_error(blob: bytes) -> None:
    with pytest.raises(ValueError):
        _stored_fields(blob)


def test_a_stored_text_that_is_not_unicode_is_refused_as_utf8_refused_it() -> None:
    """A lone surrogate (searchlib's inputs refuse them; Whoosh's writer may pass one on)
    is an encoding error, long text or short, not a text that comes back changed."""
    for body in ("x" * 70 + "\ud800", "x\ud800"):
        with pytest.raises(UnicodeEncodeError):
            stored_blob({"id": "a", "body": body})
    pair = "x" * 70 + "\ud83d\ude00"  # (two lone halves: not the character they would make)
    with pytest.raises(UnicodeEncodeError):
        stored_blob({"id": "a", "body": pair})
