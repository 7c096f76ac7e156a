"""Relevance benchmark: searchlib against stock Russian search setups, in one run.

    python benchmarks/relevance.py                 # every collection with queries, every system
    python benchmarks/relevance.py --sets muserc --systems searchlib,whoosh

For each collection in ``../shared/data`` that has development queries
(MuSeRC, DaNetQA), every system indexes the whole corpus and answers every
judged query; the metrics are searchlib's own (``searchlib._eval``, trec_eval
definitions) and the output is a Markdown table for the README.

The peers are configured the way their users would configure them for
Russian, with natural-language questions as OR queries (punctuation removed:
a raw `?` is a wildcard in some of them, and AND grouping scores near zero):

* whoosh    — Whoosh's own ``LanguageAnalyzer("ru")``, ``QueryParser`` with ``OrGroup``, BM25F;
* fts5      — SQLite FTS5, ``unicode61 remove_diacritics 2`` tokenizer (no stemming), ``bm25()``;
* postgres  — ``to_tsvector('russian', …)``, an OR'ed ``to_tsquery``, ``ts_rank``;
* tantivy   — tantivy-py, simple tokenizer, lower case, Russian stop words and stemmer;
* xapian    — Xapian, Russian stemmer (STEM_SOME) and stop words, BM25;
* bm25s     — bm25s with its Russian stop words and PyStemmer's Russian stemmer.

Peers come from ``pip install searchlib[bench]``; one that is not installed
(Xapian has no PyPI package; PostgreSQL needs a server: ``$SEARCHLIB_BENCH_PG``
as a connection string, or ``initdb``/``pg_ctl`` on PATH for a throwaway
cluster) is skipped with a message.  Nothing here is part of the library.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import searchlib
from searchlib._eval import EvalReport, ranked_records, read_qrels, read_queries, run_queries
from searchlib._stopwords import RUSSIAN_STOP_WORDS

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD_RE = re.compile(r"[^\W_]+")
DEPTH = 100

Docs = list[dict[str, str]]
Search = Callable[[str], list[str]]


class Skip(Exception):
    """A system that cannot run here; the message says why."""


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def load(folder: Path) -> tuple[Docs, list[tuple[str, str]], dict[str, dict[str, int]]]:
    with gzip.open(folder / "corpus.jsonl.gz", "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs, read_queries(folder / "queries-dev.jsonl"), read_qrels(folder / "qrels-dev.tsv")


def doc_text(doc: dict[str, str]) -> str:
    return f"{doc.get('title') or ''}\n{doc['text']}"


# --- Systems: each builds its index and returns a search function ------------------------


@contextlib.contextmanager
def system_searchlib(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    engine = searchlib.SearchEngine(folder / "corpus.jsonl.gz", tmp / "searchlib")
    try:
        yield lambda q: ranked_records(engine.search(q, limit=DEPTH).hits)
    finally:
        engine.close()


@contextlib.contextmanager
def system_whoosh(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    from whoosh import index, qparser, scoring
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=LanguageAnalyzer("ru")))
    (tmp / "whoosh").mkdir()
    ix = index.create_in(str(tmp / "whoosh"), schema)
    with ix.writer(limitmb=256) as writer:
        for doc in docs:
            writer.add_document(id=doc["id"], text=doc_text(doc))
    parser = qparser.QueryParser("text", schema, group=qparser.OrGroup)
    searcher = ix.searcher(weighting=scoring.BM25F())
    try:

        def search(q: str) -> list[str]:
            hits = searcher.search(parser.parse(" ".join(words(q))), limit=DEPTH)
            return [hit["id"] for hit in hits]

        yield search
    finally:
        searcher.close()


@contextlib.contextmanager
def system_fts5(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text,"
            " tokenize='unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as exc:
        raise Skip(f"SQLite has no FTS5 ({exc})") from exc
    db.executemany("INSERT INTO docs VALUES (?, ?)", [(d["id"], doc_text(d)) for d in docs])

    def search(q: str) -> list[str]:
        terms = [f'"{w.lower()}"' for w in words(q)]
        if not terms:
            return []
        rows = db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (" OR ".join(terms), DEPTH),
        )
        return [row[0] for row in rows]

    try:
        yield search
    finally:
        db.close()


@contextlib.contextmanager
def _postgres(tmp: Path) -> Iterator[str]:
    dsn = os.environ.get("SEARCHLIB_BENCH_PG")
    if dsn:
        yield dsn
        return
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        raise Skip("no PostgreSQL: set SEARCHLIB_BENCH_PG or put initdb and pg_ctl on PATH")
    data = tmp / "pgdata"
    data.mkdir()
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if not shutil.which("runuser"):
            raise Skip("running as root and no runuser to start PostgreSQL as another user")
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(tmp, "postgres")
        shutil.chown(data, "postgres")
    run = lambda *cmd: subprocess.run([*prefix, *cmd], check=True, capture_output=True)  # noqa: E731
    try:
        run(initdb, "-D", str(data), "-A", "trust", "-U", "bench", "--no-sync")
        run(
            pg_ctl,
            "-D",
            str(data),
            "-w",
            "-o",
            f"-k {tmp} -h '' -F",
            "-l",
            str(tmp / "pg.log"),
            "start",
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        raise Skip(f"could not start a PostgreSQL cluster ({exc})") from exc
    try:
        yield f"host={tmp} user=bench dbname=postgres"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            run(pg_ctl, "-D", str(data), "-w", "-m", "fast", "stop")


@contextlib.contextmanager
def system_postgres(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    try:
        import psycopg
    except ImportError as exc:
        raise Skip("psycopg is not installed (pip install searchlib[bench])") from exc
    with _postgres(tmp) as dsn, psycopg.connect(dsn, autocommit=True) as db:
        db.execute("DROP TABLE IF EXISTS bench_docs")
        db.execute("CREATE TABLE bench_docs (id text, tsv tsvector)")
        with db.cursor() as cur:
            cur.executemany(
                "INSERT INTO bench_docs VALUES (%s, to_tsvector('russian', %s))",
                [(d["id"], doc_text(d)) for d in docs],
            )
        db.execute("CREATE INDEX ON bench_docs USING gin (tsv)")

        def search(q: str) -> list[str]:
            terms = words(q)
            if not terms:
                return []
            rows = db.execute(
                "SELECT id FROM bench_docs, to_tsquery('russian', %s) AS q"
                " WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT %s",
                (" | ".join(terms), DEPTH),
            ).fetchall()
            return [row[0] for row in rows]

        yield search


@contextlib.contextmanager
def system_tantivy(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    try:
        import tantivy
    except ImportError as exc:
        raise Skip("tantivy is not installed (pip install searchlib[bench])") from exc
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("russian"))
        .filter(tantivy.Filter.stemmer("russian"))
        .build()
    )
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", stored=False, tokenizer_name="ru")
    index = tantivy.Index(builder.build())
    index.register_tokenizer("ru", analyzer)
    writer = index.writer()
    for doc in docs:
        writer.add_document(tantivy.Document(id=doc["id"], text=doc_text(doc)))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def search(q: str) -> list[str]:
        terms = words(q)
        if not terms:
            return []
        query = index.parse_query(" ".join(terms), ["text"])
        hits = searcher.search(query, DEPTH).hits
        return [searcher.doc(address)["id"][0] for _score, address in hits]

    yield search


def _debian_xapian() -> Any:
    """Xapian has no PyPI package; Debian's python3-xapian works for a CPython of the same minor."""
    import importlib.machinery
    import importlib.util

    folder = "/usr/lib/python3/dist-packages"
    spec = importlib.machinery.PathFinder.find_spec("xapian", [folder])
    if spec is None or spec.loader is None:
        raise Skip(
            "Xapian's Python bindings are not installed (not on PyPI; Debian: python3-xapian)"
        )
    try:
        module = importlib.util.module_from_spec(spec)
        sys.modules["xapian"] = module
        spec.loader.exec_module(module)
    except ImportError as exc:
        sys.modules.pop("xapian", None)
        raise Skip(f"Debian's python3-xapian does not load in this Python ({exc})") from exc
    return module


@contextlib.contextmanager
def system_xapian(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    try:
        import xapian
    except ImportError:
        xapian = _debian_xapian()
    db = xapian.WritableDatabase(str(tmp / "xapian"), xapian.DB_CREATE_OR_OVERWRITE)
    stemmer = xapian.Stem("russian")
    stopper = xapian.SimpleStopper()
    for word in RUSSIAN_STOP_WORDS:
        stopper.add(word)
    generator = xapian.TermGenerator()
    generator.set_stemmer(stemmer)
    generator.set_stopper(stopper)
    for doc in docs:
        xdoc = xapian.Document()
        generator.set_document(xdoc)
        generator.index_text(doc_text(doc))
        xdoc.set_data(doc["id"])
        db.add_document(xdoc)
    db.commit()
    parser = xapian.QueryParser()
    parser.set_stemmer(stemmer)
    parser.set_stopper(stopper)
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)

    def search(q: str) -> list[str]:
        enquire.set_query(parser.parse_query(" ".join(words(q))))
        return [match.document.get_data().decode() for match in enquire.get_mset(0, DEPTH)]

    yield search


@contextlib.contextmanager
def system_bm25s(folder: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    try:
        import bm25s
        import Stemmer
    except ImportError as exc:
        raise Skip("bm25s or PyStemmer is not installed (pip install searchlib[bench])") from exc
    stemmer = Stemmer.Stemmer("russian")
    corpus = bm25s.tokenize(
        [doc_text(d) for d in docs], stopwords="ru", stemmer=stemmer, show_progress=False
    )
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    ids = [d["id"] for d in docs]

    def search(q: str) -> list[str]:
        tokens = bm25s.tokenize(
            [" ".join(words(q))], stopwords="ru", stemmer=stemmer, show_progress=False
        )
        if not tokens.vocab:
            return []
        results, scores = retriever.retrieve(tokens, k=min(DEPTH, len(ids)), show_progress=False)
        return [ids[i] for i, s in zip(results[0], scores[0], strict=True) if s > 0]

    yield search


SYSTEMS: dict[str, Callable[[Path, Docs, Path], contextlib.AbstractContextManager[Search]]] = {
    "searchlib": system_searchlib,
    "whoosh": system_whoosh,
    "fts5": system_fts5,
    "postgres": system_postgres,
    "tantivy": system_tantivy,
    "xapian": system_xapian,
    "bm25s": system_bm25s,
}


def run_system(
    name: str,
    folder: Path,
    docs: Docs,
    queries: list[tuple[str, str]],
    qrels: dict[str, dict[str, int]],
) -> EvalReport:
    with (
        tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp,
        SYSTEMS[name](folder, docs, Path(tmp)) as search,
    ):
        return run_queries(search, queries, qrels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--sets", default="muserc,danetqa", help="collections, comma-separated")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data} (see ../shared/data/README.md)")
        return 0
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    results: list[dict[str, Any]] = []
    print(
        f"searchlib {searchlib.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores\n"
    )
    print("| collection | system | queries | MRR@10 | nDCG@10 | R@1 | R@10 | R@100 | ms/query |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in [s for s in args.sets.split(",") if s]:
        folder = args.data / name
        if not (folder / "queries-dev.jsonl").exists():
            print(f"| {name} | — | skipped: no development queries in {folder} | | | | | | |")
            continue
        docs, queries, qrels = load(folder)
        for system in systems:
            try:
                report = run_system(system, folder, docs, queries, qrels)
            except Skip as skip:
                print(f"| {name} | {system} | skipped: {skip} | | | | | | |", flush=True)
                continue
            row = report.to_dict()
            results.append({"collection": name, "system": system, **row})
            print(
                f"| {name} | {system} | {row['queries']} | {row['mrr@10']:.3f} | {row['ndcg@10']:.3f}"
                f" | {row['recall@1']:.3f} | {row['recall@10']:.3f} | {row['recall@100']:.3f}"
                f" | {row['latency_ms_mean']:.1f} |",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
