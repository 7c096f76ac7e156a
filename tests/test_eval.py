"""Evaluation: metrics checked against hand-computed values, input files, the whole loop."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from searchlib import EvaluationError, SearchEngine, evaluate
from searchlib._eval import (
    ndcg_at,
    read_qrels,
    read_queries,
    recall_at,
    reciprocal_rank,
    score_runs,
)


def test_reciprocal_rank() -> None:
    assert reciprocal_rank(["a", "b", "c"], {"b": 1}) == 0.5
    assert reciprocal_rank(["a", "b", "c"], {"a": 1, "c": 1}) == 1.0
    assert reciprocal_rank(["x"] * 10 + ["a"], {"a": 1}) == 0.0  # rank 11: past the cut
    assert reciprocal_rank([], {"a": 1}) == 0.0
    assert reciprocal_rank(["a"], {"a": 0}) == 0.0  # judged not relevant


def test_ndcg_by_hand() -> None:
    # One relevant document at rank 3: DCG = 1/log2(4) = 0.5, ideal DCG = 1.
    assert ndcg_at(["x", "y", "a"], {"a": 1}) == pytest.approx(0.5)
    # Two relevant (rel 2 and 1) at ranks 2 and 1:
    # DCG = 1/log2(2) + 2/log2(3); ideal = 2/log2(2) + 1/log2(3).
    dcg = 1 + 2 / math.log2(3)
    ideal = 2 + 1 / math.log2(3)
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) == pytest.approx(dcg / ideal)
    # The ideal ranking counts judged documents that were not retrieved.
    assert ndcg_at(["a"], {"a": 1, "b": 1}) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert ndcg_at(["a"], {}) == 0.0


def test_recall_by_hand() -> None:
    relevant = {"a": 1, "b": 1, "c": 0}
    assert recall_at(["a", "x", "b"], relevant, 1) == 0.5
    assert recall_at(["a", "x", "b"], relevant, 3) == 1.0
    assert recall_at(["x"], relevant, 100) == 0.0


def test_score_runs_averages_judged_queries_only() -> None:
    runs = {"q1": ["a", "b"], "q2": ["x", "c"], "q3": ["z"]}
    qrels = {"q1": {"a": 1}, "q2": {"c": 1}, "q3": {"z": 0}}
    report = score_runs(runs, qrels, [10.0, 20.0, 30.0, 40.0])
    assert report.queries == 2
    assert report.mrr_at_10 == pytest.approx((1 + 0.5) / 2)
    assert report.recall_at_1 == pytest.approx(0.5)
    assert report.recall_at_10 == 1.0
    assert report.latency_ms_mean == 25.0 and report.latency_ms_p95 == 40.0
    data = report.to_dict()
    assert list(data) == [
        "queries",
        "refused",
        "mrr@10",
        "ndcg@10",
        "recall@1",
        "recall@10",
        "recall@100",
        "latency_ms_mean",
        "latency_ms_p95",
    ]


def test_read_queries_and_qrels(tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "text": "один"}\n\n{"id": "q2", "text": "два"}\n', encoding="utf-8"
    )
    assert read_queries(queries) == [("q1", "один"), ("q2", "два")]
    numbered = tmp_path / "n.jsonl"
    numbered.write_text('{"id": 3, "text": "три"}\n', encoding="utf-8")
    assert read_queries(numbered) == [("3", "три")]  # (as records' integer ids)
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\td1\t1\nq1\td2\t0\nq2 0 d3 2\n", encoding="utf-8")
    assert read_qrels(qrels) == {"q1": {"d1": 1, "d2": 0}, "q2": {"d3": 2}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{bad", "line 1: invalid JSON"),
        ('{"text": "x"}', 'no "id"'),
        ('{"id": "q"}', 'no "text"'),
        ('{"id": "q", "text": "a"}\n{"id": "q", "text": "b"}', "line 2: duplicate query id"),
        ("", "holds no queries"),
    ],
)
def test_bad_queries_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_queries(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("q1\td1\n", "line 1: expected"),
        ("q1\td1\tyes\n", "not an integer"),
        ("", "no judgments"),
        ("q1\td1\t1" + "0" * 400 + "\n", "line 1: relevance 1000.* out of range"),
        ("q1\td1\t-2000000\n", "out of range"),
    ],
)
def test_bad_qrels_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "qrels.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_qrels(path)
    with pytest.raises(EvaluationError, match="cannot read"):
        read_qrels(tmp_path / "missing.tsv")


def test_evaluate_runs_queries_as_searches(tmp_path: Path) -> None:
    records = [
        {"id": "d1", "text": "Средний коридор объединяет экономические интересы региона."},
        {"id": "d2", "text": '"Молодёжная дипломатия важна", — сказала эксперт Анна Петрова.'},
        {"id": "d3", "text": "Карабахская война показала единство тюркского мира."},
    ]
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        report = evaluate(
            engine,
            [
                ("q1", "Что объединяет Средний коридор?"),
                ("q2", "молодёжная дипломатия"),
                ("q3", "единство в войне"),
                ("q4", "ничего такого нет"),
                ("q5", ""),
                ("q6", "коридор~5"),  # (refused by the search: counted, scored as nothing)
            ],
            {
                "q1": {"d1": 1},
                "q2": {"d2": 1},
                "q3": {"d3": 1},
                "q4": {"d1": 1},
                "q5": {"d2": 1},
                "q6": {"d1": 1},
            },
        )
    # q2 matches the quote and its record: it counts once, for d2.
    assert (report.queries, report.refused) == (6, 1)
    assert report.to_dict()["refused"] == 1
    assert report.mrr_at_10 == pytest.approx(3 / 6)
    assert report.recall_at_100 == pytest.approx(3 / 6)
    assert report.latency_ms_mean > 0


def test_evaluate_takes_files_and_rejects_what_it_cannot_use(tmp_path: Path) -> None:
    records = [{"id": "d1", "text": "Средний коридор объединяет регион."}]
    queries, qrels = tmp_path / "q.jsonl", tmp_path / "qrels.tsv"
    queries.write_text('{"id": "q1", "text": "Средний коридор"}\n', encoding="utf-8")
    qrels.write_text("q1\td1\t1\n", encoding="utf-8")
    with SearchEngine.from_documents(records, tmp_path / "ix") as engine:
        for q, r in ((queries, qrels), (str(queries), str(qrels))):
            report = evaluate(engine, q, r)
            assert (report.queries, report.mrr_at_10) == (1, 1.0)
        pairs = (p for p in [("q1", "Средний коридор")])  # any iterable of pairs
        assert evaluate(engine, pairs, {"q1": {"d1": 1}}).mrr_at_10 == 1.0
        for bad_queries, bad_qrels, message in (
            (["q1"], {"q1": {"d1": 1}}, "queries must be"),
            ([("q1", 5)], {"q1": {"d1": 1}}, "queries must be"),
            (None, {"q1": {"d1": 1}}, "queries must be"),
            ([("q1", "x")], [("q1", "d1")], "qrels must be"),
            ([("q1", "x")], {"q1": {"d1": "yes"}}, "qrels must be"),
        ):
            with pytest.raises(EvaluationError, match=message):
                evaluate(engine, bad_queries, bad_qrels)  # type: ignore[arg-type]
        with pytest.raises(EvaluationError, match="cannot read"):
            evaluate(engine, tmp_path / "missing.jsonl", qrels)
        with pytest.raises(EvaluationError, match="relevance an integer from"):
            evaluate(engine, [("q1", "x")], {"q1": {"d1": 10**400}})
        for depth in (0, "5", 10**6, True, 2.5, 10**5000):
            with pytest.raises(EvaluationError, match="depth"):
                evaluate(engine, queries, qrels, depth=depth)  # type: ignore[arg-type]
        assert evaluate(engine, queries, qrels, depth=1).mrr_at_10 == 1.0
        # An integer id is its digits, as everywhere else (`remove(5)`, `"id": 5`).
        with SearchEngine.from_documents(
            [{"id": 3, "text": "Средний коридор"}], tmp_path / "n"
        ) as numbered:
            assert evaluate(numbered, [(1, "коридор")], {1: {3: 1}}).mrr_at_10 == 1.0
            assert evaluate(numbered, [("1", "коридор")], {"1": {"3": 1}}).mrr_at_10 == 1.0
        for pairs_, judged, message in (
            ([(10**5000, "x")], {"q1": {"d1": 1}}, "no record or query has an id that long"),
            ([("q1", "x")], {"q1": {10**5000: 1}}, "no record or query has an id that long"),
            ([(1, "x"), ("1", "y")], {"1": {"d1": 1}}, "queries must have distinct ids"),
            ([("1", "x")], {1: {"d1": 1}, "1": {"d2": 1}}, "each query and record once"),
            ([("1", "x")], {"1": {3: 1, "3": 0}}, "each query and record once"),
        ):
            with pytest.raises(EvaluationError, match=message):
                evaluate(engine, pairs_, judged)  # type: ignore[arg-type]
        for bad in ({"q1": {True: 1}}, {"q1": {"d1": True}}, {None: {"d1": 1}}, {"q1": {2.5: 1}}):
            with pytest.raises(EvaluationError, match="ids strings or integers"):
                evaluate(engine, [("q1", "x")], bad)  # type: ignore[arg-type]
        # Files that do not belong together: every metric would be 0.
        with pytest.raises(EvaluationError, match="none of the 1 queries has a relevant"):
            evaluate(engine, queries, {"other": {"d1": 1}})
        # No queries at all: nothing judged either (an all-zero report before).
        for no_queries, judged in (([], {}), ({}, {"q1": {"d1": 1}}), ([], {"q1": {"d1": 1}})):
            with pytest.raises(EvaluationError, match="no queries to evaluate"):
                evaluate(engine, no_queries, judged)  # type: ignore[arg-type]


def test_files_that_are_not_regular_files_are_refused_not_read(tmp_path: Path) -> None:
    """A FIFO would hang the reading for ever; a device never ends."""
    fifo = tmp_path / "q.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "zero.tsv").symlink_to("/dev/zero")
    for read, path in (
        (read_queries, fifo),
        (read_qrels, fifo),
        (read_qrels, tmp_path / "zero.tsv"),
    ):
        with pytest.raises(EvaluationError, match="not a regular file"):
            read(path)  # type: ignore[operator]


def test_lines_break_at_line_breaks_only(tmp_path: Path) -> None:
    """U+2028 and U+0085 inside a JSON string are no line breaks (as in JSONL collections)."""
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "q1", "text": "кошка\u2028диван\u0085стол"}\r\n{"id": "q2", "text": "x"}\n',
        encoding="utf-8",
    )
    assert read_queries(path) == [("q1", "кошка\u2028диван\u0085стол"), ("q2", "x")]


def test_qrels_with_old_mac_line_breaks_are_read(tmp_path: Path) -> None:
    path = tmp_path / "qrels.tsv"
    path.write_bytes(b"q1\td1\t1\rq1\td2\t0\rq2\td3\t2")
    assert read_qrels(path) == {"q1": {"d1": 1, "d2": 0}, "q2": {"d3": 2}}


def test_public_exports() -> None:
    import searchlib

    assert json.dumps(
        searchlib.EvalReport(
            queries=1,
            mrr_at_10=1,
            ndcg_at_10=1,
            recall_at_1=1,
            recall_at_10=1,
            recall_at_100=1,
            latency_ms_mean=1,
            latency_ms_p95=1,
        ).to_dict()
    )
