"""Relevance evaluation: run judged queries through the engine, score them like trec_eval.

Queries are a JSONL file of ``{"id": str, "text": str}``; judgments (qrels)
are a TSV file of ``query_id<TAB>doc_id<TAB>relevance`` (TREC's four-column
``query_id 0 doc_id relevance`` works too).  Every query runs exactly as a
user's search (``engine.search(text, limit=100)``); a hit counts for the
record it comes from (a quote for its record) and repeated records count
once, at their best rank.

Metrics follow trec_eval: ``recip_rank`` cut at 10 (MRR@10), ``ndcg_cut_10``
(gain = relevance, discount log2(rank + 1), ideal ranking from all judged
relevant documents), ``recall_1/10/100`` (relevant retrieved in the top k
over all relevant).  They are averaged over the queries that have at least
one relevant judgment; a query with no hits scores 0.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from searchlib._corpus import read_regular
from searchlib._errors import CorpusError, EvaluationError, QueryError, shown_value
from searchlib._jsonl import int_id, json_lines
from searchlib._settings import check_path

__all__ = [
    "EvalReport",
    "evaluate",
    "ndcg_at",
    "read_qrels",
    "read_queries",
    "recall_at",
    "reciprocal_rank",
    "run_queries",
]

DEPTH = 100
#: The most hits a query is searched to (a search's own limit).
MAX_DEPTH = 1000
#: Relevance grades are small integers (TREC's -2 to 4, say); beyond this a sum of
#: gains is no longer a finite float.
MAX_GRADE = 1_000_000
#: The largest queries or judgments file read (a real one is a few MB).
_MAX_FILE_BYTES = 256 * 1024 * 1024


def _lines(path: Path, what: str) -> list[str]:
    """The lines of a UTF-8 text file (a regular file: never a FIFO or a device),
    split at line breaks only (`\\n`, `\\r\\n`, `\\r`), as JSONL means them: a U+2028 inside
    a JSON string is no line break."""
    try:
        data = read_regular(
            path, f"the {what} file", _MAX_FILE_BYTES, fix=f"give the {what} in a file of text"
        )
        text = data.decode("utf-8-sig")
    except CorpusError as exc:
        raise EvaluationError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"cannot read the {what} file {path}: {exc}") from exc
    # (A lone `\r` is a line break too: old Mac files; in JSON a raw one is no character.)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def reciprocal_rank(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """1 / rank of the first relevant document in the top ``k``, else 0."""
    for rank, doc in enumerate(ranked[:k], start=1):
        if relevant.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with gain = relevance and discount log2(rank + 1), as trec_eval's ndcg_cut."""
    dcg = sum(
        relevant.get(doc, 0) / math.log2(rank + 1)
        for rank, doc in enumerate(ranked[:k], start=1)
        if relevant.get(doc, 0) > 0
    )
    ideal = sorted((r for r in relevant.values() if r > 0), reverse=True)[:k]
    idcg = sum(rel / math.log2(rank + 1) for rank, rel in enumerate(ideal, start=1))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    """Share of the relevant documents found in the top ``k``."""
    wanted = {doc for doc, rel in relevant.items() if rel > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(ranked[:k])) / len(wanted)


def _percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@attrs.frozen(kw_only=True)
class EvalReport:
    """Averaged metrics over the judged queries, and search latency."""

    queries: int
    mrr_at_10: float
    ndcg_at_10: float
    recall_at_1: float
    recall_at_10: float
    recall_at_100: float
    latency_ms_mean: float
    latency_ms_p95: float
    #: Judged queries the engine refused (a QueryError: `слово~5`, over 1,000 characters),
    #: scored as finding nothing, as for a user.
    refused: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The CLI's ``--json`` object."""
        return {
            "queries": self.queries,
            "refused": self.refused,
            "mrr@10": round(self.mrr_at_10, 4),
            "ndcg@10": round(self.ndcg_at_10, 4),
            "recall@1": round(self.recall_at_1, 4),
            "recall@10": round(self.recall_at_10, 4),
            "recall@100": round(self.recall_at_100, 4),
            "latency_ms_mean": round(self.latency_ms_mean, 2),
            "latency_ms_p95": round(self.latency_ms_p95, 2),
        }


def score_runs(
    runs: Mapping[str, Sequence[str]],
    qrels: Mapping[str, Mapping[str, int]],
    latencies_ms: Sequence[float] = (),
) -> EvalReport:
    """Metrics of ranked document ids per query against the judgments."""
    judged = [q for q in runs if any(r > 0 for r in qrels.get(q, {}).values())]
    n = len(judged)

    def mean(fn: Callable[[Sequence[str], Mapping[str, int]], float]) -> float:
        return sum(fn(runs[q], qrels[q]) for q in judged) / n if n else 0.0

    return EvalReport(
        queries=n,
        mrr_at_10=mean(reciprocal_rank),
        ndcg_at_10=mean(ndcg_at),
        recall_at_1=mean(lambda r, j: recall_at(r, j, 1)),
        recall_at_10=mean(lambda r, j: recall_at(r, j, 10)),
        recall_at_100=mean(lambda r, j: recall_at(r, j, 100)),
        latency_ms_mean=sum(latencies_ms) / len(latencies_ms) if latencies_ms else 0.0,
        latency_ms_p95=_percentile(latencies_ms, 0.95),
    )


def read_queries(path: Path) -> list[tuple[str, str]]:
    """``(id, text)`` of each query in a JSONL file."""
    queries: list[tuple[str, str]] = []
    seen: set[str] = set()
    lines = _lines(path, "queries")
    for where, record in json_lines(lines, path, EvaluationError):
        if not isinstance(record, dict):
            raise EvaluationError(f"{where}: expected a JSON object")
        qid, text = record.get("id"), record.get("text")
        if isinstance(qid, int) and not isinstance(qid, bool):
            qid = int_id(qid)  # (as records' integer ids: `3` is the query "3" of the qrels)
        if not isinstance(qid, str) or not qid:
            raise EvaluationError(f'{where}: the query has no "id" (a non-empty string)')
        if not isinstance(text, str):
            raise EvaluationError(f'{where}: query {qid!r} has no "text" string')
        if qid in seen:
            raise EvaluationError(f"{where}: duplicate query id {qid!r}")
        seen.add(qid)
        queries.append((qid, text))
    if not queries:
        raise EvaluationError(f"{path} holds no queries")
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Judgments: query id -> {doc id: relevance}."""
    qrels: dict[str, dict[str, int]] = {}
    lines = _lines(path, "qrels")
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) == 4:
            parts = [parts[0], parts[2], parts[3]]
        if len(parts) != 3:
            raise EvaluationError(
                f"{path}, line {number}: expected query_id<TAB>doc_id<TAB>relevance"
            )
        qid, doc, rel = (p.strip() for p in parts)
        try:
            relevance = int(rel)
        except ValueError:
            raise EvaluationError(
                f"{path}, line {number}: relevance {rel[:40]!r} is not an integer"
            ) from None
        if abs(relevance) > MAX_GRADE:
            raise EvaluationError(
                f"{path}, line {number}: relevance {rel[:12]}{'…' if len(rel) > 12 else ''} is"
                " out of range: grades are"
                f" integers from -{MAX_GRADE:,} to {MAX_GRADE:,} (0 or 1 usually)"
            )
        if number == 1 and not qid:
            continue
        qrels.setdefault(qid, {})[doc] = relevance
    if not qrels:
        raise EvaluationError(f"{path} holds no judgments")
    return qrels


def ranked_records(hits: Iterable[Any]) -> list[str]:
    """The records hits come from, best first, each once."""
    return list(dict.fromkeys(hit.article for hit in hits))


def evaluate(
    engine: Any,
    queries: str | os.PathLike[str] | Sequence[tuple[str, str]],
    qrels: str | os.PathLike[str] | Mapping[str, Mapping[str, int]],
    *,
    depth: int = DEPTH,
) -> EvalReport:
    """Search every judged query with ``engine`` and score the rankings.

    ``queries``: a JSONL file of ``{"id", "text"}`` or (id, text) pairs;
    ``qrels``: a TSV file of ``query-id  record-id  relevance`` or
    ``{query id: {record id: relevance}}``.

    >>> report = evaluate(engine, "queries.jsonl", "qrels.tsv")  # doctest: +SKIP
    >>> report.mrr_at_10                                          # doctest: +SKIP
    0.91
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise EvaluationError(
            f"depth (how many hits each query is searched to) must be an integer from 1 to"
            f" {MAX_DEPTH}, not {shown_value(depth, 40)}"
        )
    if isinstance(queries, str | os.PathLike):
        queries = read_queries(check_path(queries, "the queries file"))
    if isinstance(qrels, str | os.PathLike):
        qrels = read_qrels(check_path(qrels, "the qrels file"))
    pairs, qrels = _checked(queries, qrels)

    refused = 0

    def search(text: str) -> list[str]:
        nonlocal refused
        try:
            return ranked_records(engine.search(text, limit=depth).hits)
        except QueryError:
            refused += 1
            return []  # a query the engine refuses finds nothing, as for a user

    report = run_queries(search, pairs, qrels)
    return attrs.evolve(report, refused=refused)


def _id(value: object) -> str | None:
    """An id as a string: an integer as its digits (as a record's integer id was indexed);
    None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # (more digits than Python converts)
            raise EvaluationError(
                f"an id is {shown_value(value)}: no record or query has an id that long"
            ) from None
    return value if isinstance(value, str) else None


def _grade(value: object) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_GRADE
    return value if ok else None  # type: ignore[return-value]


def _checked(
    queries: object, qrels: object
) -> tuple[list[tuple[str, str]], dict[str, dict[str, int]]]:
    """(the (id, text) pairs of ``queries``, ``qrels``), integer ids as their digits;
    EvaluationError unless they are (id, text) pairs and id -> id -> int."""
    pairs: list[tuple[str, str]] = []
    read = False
    if isinstance(queries, Iterable) and not isinstance(queries, str):
        for q in queries:
            if not isinstance(q, tuple | list) or len(q) != 2:
                break
            qid, text = _id(q[0]), q[1]
            if qid is None or not isinstance(text, str):
                break
            pairs.append((qid, text))
        else:
            read = True
    if read and len({qid for qid, _ in pairs}) < len(pairs):
        raise EvaluationError(
            "queries must have distinct ids (an integer id is its digits: 1 and '1' are one)"
        )
    if not read:
        raise EvaluationError(
            'queries must be a JSONL file of {"id", "text"} or (id, text) pairs of strings'
            " (an id may be an integer)"
        )
    judgments: dict[str, dict[str, int]] = {}
    if isinstance(qrels, Mapping):
        for qid, judged in qrels.items():
            query_id = _id(qid)
            if query_id is None or not isinstance(judged, Mapping):
                break
            grades = {_id(rid): _grade(r) for rid, r in judged.items()}
            if None in grades or None in grades.values():
                break
            if query_id in judgments or len(grades) < len(judged):
                raise EvaluationError(
                    "qrels must judge each query and record once (an integer id is its"
                    " digits: 1 and '1' are one)"
                )
            judgments[query_id] = grades  # type: ignore[assignment]
        else:
            return pairs, judgments
    raise EvaluationError(
        "qrels must be a TSV file (query-id, record-id, relevance) or"
        " {query id: {record id: relevance}}, ids strings or integers, relevance an integer"
        f" from -{MAX_GRADE:,} to {MAX_GRADE:,}"
    )


def _some(ids: Sequence[str]) -> str:
    """The first few ``ids``, for a message."""
    shown = ", ".join(repr(i) for i in ids[:3])
    return (shown + ", …" if len(ids) > 3 else shown) or "none"


def run_queries(
    search: Callable[[str], Sequence[str]],
    queries: Sequence[tuple[str, str]],
    qrels: Mapping[str, Mapping[str, int]],
) -> EvalReport:
    """Time ``search`` (query text -> ranked record ids) on every judged query and score it.

    No judged query at all is an :class:`~searchlib.EvaluationError` (no queries, or
    files that do not belong together: every metric would be 0).
    """
    if not queries:
        raise EvaluationError(
            "no queries to evaluate: give a JSONL file of queries or (id, text) pairs, at"
            " least one of them judged relevant in the qrels"
        )
    if not any(any(r > 0 for r in qrels.get(q, {}).values()) for q, _ in queries):
        raise EvaluationError(
            f"none of the {len(queries)} queries has a relevant judgment (query ids"
            f" {_some([q for q, _ in queries])}; judged ids {_some(list(qrels))}): check that"
            " the queries and judgments belong together"
        )
    runs: dict[str, Sequence[str]] = {}
    latencies: list[float] = []
    for qid, text in queries:
        if not any(r > 0 for r in qrels.get(qid, {}).values()):
            continue
        start = time.perf_counter()
        runs[qid] = search(text)
        latencies.append((time.perf_counter() - start) * 1000)
    return score_runs(runs, qrels, latencies)
