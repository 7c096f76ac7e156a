"""Relevance benchmark: searchlib against stock Russian search setups, in one run.

    python benchmarks/relevance.py                 # every collection with queries, every system
    python benchmarks/relevance.py --sets muserc --systems searchlib,whoosh
    python benchmarks/relevance.py --systems searchlib,lucene,lucene-b04 --distractors 0,20000,100000

For each collection in ``../shared/data`` that has development queries
(MuSeRC, DaNetQA), every system indexes the whole corpus and answers every
judged query; the metrics are searchlib's own (``searchlib._eval``, trec_eval
definitions) and the output is a Markdown table for the README.

``--distractors`` (comma-separated counts, default ``0``) runs each collection
once per count: its own passages plus the first N paragraphs of
``ru-classics-pd`` (ids prefixed ``distractor:``, titles kept; 0 is the
collection alone), the same queries and judgments; the rows are labelled
``muserc +20000`` and so on.  Every system indexes the same documents (for
searchlib, a combined JSONL file written to a temporary folder).  Without
``ru-classics-pd`` those rows are skipped with a message.

The peers are configured the way their users would configure them for
Russian, with natural-language questions as OR queries (punctuation removed:
a raw `?` is a wildcard in some of them, and AND grouping scores near zero):

* whoosh    — Whoosh's own ``LanguageAnalyzer("ru")``, ``QueryParser`` with ``OrGroup``, BM25F;
* fts5      — SQLite FTS5, ``unicode61 remove_diacritics 2`` tokenizer (no stemming), ``bm25()``;
* postgres  — ``to_tsvector('russian', …)``, an OR'ed ``to_tsquery``, ``ts_rank``;
* tantivy   — tantivy-py, simple tokenizer, lower case, Russian stop words and stemmer;
* xapian    — Xapian, Russian stemmer (STEM_SOME) and stop words, BM25;
* bm25s     — bm25s with its Russian stop words and PyStemmer's Russian stemmer;
* lucene    — Lucene as Elasticsearch's users meet it: ``RussianAnalyzer``, ``BM25Similarity``
  at its defaults (k1 1.2, b 0.75), the question as ``QueryBuilder.createBooleanQuery(…,
  SHOULD)`` (an ES ``match`` query); ``benchmarks/lucene/LuceneBench.java``;
* lucene-b04 — the same with k1 0.9, b 0.4.

Peers come from ``pip install searchlib[bench]``; one that is not installed
(Xapian has no PyPI package; PostgreSQL needs a server: ``$SEARCHLIB_BENCH_PG``
as a connection string, or ``initdb``/``pg_ctl`` on PATH for a throwaway
cluster) is skipped with a message.  Lucene needs ``java`` and ``javac`` on
PATH and the Lucene jars (core and analyzers-common) in ``/usr/share/java``
(Debian: ``apt-get install liblucene8-java``) or in ``$SEARCHLIB_BENCH_LUCENE``;
the program is compiled into a temporary folder and runs as one long-lived
process per system, so its ms/query is the round trip through the pipe (query
out, ids back), JIT warm-up included.  The Lucene version used is printed
above the table: Lucene 8's Russian Snowball stemmer does not fold ё into е
(Lucene 9's does), so with Debian's Lucene 8 ``ёлка`` and ``елка`` are different
words.  Nothing here is part of the library.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import functools
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import searchlib
from searchlib._eval import EvalReport, ranked_records, read_qrels, read_queries, run_queries
from searchlib._stopwords import RUSSIAN_STOP_WORDS

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD_RE = re.compile(r"[^\W_]+")
DEPTH = 100
DISTRACTORS = "ru-classics-pd"
DISTRACTOR_PREFIX = "distractor:"
LUCENE_SOURCE = Path(__file__).resolve().parent / "lucene" / "LuceneBench.java"
LUCENE_JAR_DIR = Path("/usr/share/java")
# Jar names, most specific first: Debian's liblucene8-java has lucene-core-8.7.0.jar and
# lucene-analyzers-common-8.7.0.jar (Lucene 8.8.1 inside); Lucene 9 renamed the second.
LUCENE_JARS = (
    ("lucene8-core", "lucene-core"),
    ("lucene8-analyzers-common", "lucene-analyzers-common", "lucene-analysis-common"),
)
LUCENE_INSTALL = "apt-get install liblucene8-java"

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


def load_distractors(data: Path, count: int) -> Docs | None:
    """The first ``count`` paragraphs of ru-classics-pd, ids prefixed; None where it is absent."""
    path = data / DISTRACTORS / "corpus.jsonl.gz"
    if not path.exists():
        return None
    docs: Docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= count:
                break
            if line.strip():
                doc = json.loads(line)
                docs.append({**doc, "id": DISTRACTOR_PREFIX + doc["id"]})
    return docs


def write_jsonl(docs: Docs, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def doc_text(doc: dict[str, str]) -> str:
    return f"{doc.get('title') or ''}\n{doc['text']}"


# --- Systems: each builds its index and returns a search function ------------------------
# Each takes the JSONL file that holds the documents (only searchlib reads it), the documents
# themselves and a temporary folder of its own.


@contextlib.contextmanager
def system_searchlib(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    engine = searchlib.SearchEngine(corpus, tmp / "searchlib")
    try:
        yield lambda q: ranked_records(engine.search(q, limit=DEPTH).hits)
    finally:
        engine.close()


@contextlib.contextmanager
def system_whoosh(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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
def system_fts5(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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
def system_postgres(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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
def system_tantivy(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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
def system_xapian(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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
def system_bm25s(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
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


@dataclass(frozen=True)
class Lucene:
    """LuceneBench compiled against the Lucene jars found here."""

    java: str
    classpath: str
    jars: tuple[Path, ...]
    version: str  # org.apache.lucene.util.Version.LATEST
    folds_yo: bool  # does RussianAnalyzer give ёлка and елка the same terms?
    java_version: str

    def describe(self) -> str:
        yo = "folds ё into е" if self.folds_yo else "does not fold ё into е"
        jars = ", ".join(str(jar) for jar in self.jars)
        return f"Lucene {self.version} ({jars}; its RussianAnalyzer {yo}), {self.java_version}"


def _find_jar(folder: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        if (folder / f"{name}.jar").is_file():
            return folder / f"{name}.jar"
        versioned = sorted(folder.glob(f"{name}-[0-9]*.jar"))
        if versioned:
            return versioned[-1]
    return None


@functools.cache
def _lucene() -> Lucene | str:
    """LuceneBench compiled into a temporary folder (removed at exit), or why it cannot be."""
    java, javac = shutil.which("java"), shutil.which("javac")
    if not (java and javac):
        return (
            "no java and javac on PATH for Lucene (a JDK 11 or later: apt-get install"
            f" default-jdk-headless): {LUCENE_INSTALL}"
        )
    folder = Path(os.environ.get("SEARCHLIB_BENCH_LUCENE") or LUCENE_JAR_DIR)
    jars = [_find_jar(folder, names) for names in LUCENE_JARS]
    if None in jars:
        return (
            f"no Lucene jars (lucene-core and lucene-analyzers-common) in {folder}"
            f" (or $SEARCHLIB_BENCH_LUCENE): {LUCENE_INSTALL}"
        )
    found = tuple(jar for jar in jars if jar is not None)
    classes = Path(tempfile.mkdtemp(prefix="bench-lucene-classes-"))
    atexit.register(shutil.rmtree, classes, ignore_errors=True)
    classpath = os.pathsep.join(str(jar) for jar in found)
    try:
        subprocess.run(
            [javac, "-nowarn", "-cp", classpath, "-d", str(classes), str(LUCENE_SOURCE)],
            check=True,
            capture_output=True,
            text=True,
        )
        classpath = os.pathsep.join([str(classes), classpath])
        answer = subprocess.run(
            [java, "-cp", classpath, "LuceneBench", "--version"],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        ).stdout.split()
        java_version = subprocess.run(
            [java, "-version"], check=True, capture_output=True, text=True
        ).stderr
    except subprocess.CalledProcessError as exc:
        tail = " ".join((exc.stderr or "").strip().splitlines()[-3:])
        return f"LuceneBench does not build or run with {classpath} ({tail}): {LUCENE_INSTALL}"
    except OSError as exc:
        return f"Java does not run ({exc}): {LUCENE_INSTALL}"
    if len(answer) != 2:
        return f"LuceneBench --version answered {answer!r}"
    return Lucene(
        java=java,
        classpath=classpath,
        jars=found,
        version=answer[0],
        folds_yo=answer[1] == "folds-yo",
        java_version=(java_version.splitlines() or ["Java ?"])[0].strip(),
    )


def lucene_setup() -> Lucene:
    """The compiled LuceneBench; Skip where Java or the jars are missing."""
    lucene = _lucene()
    if isinstance(lucene, str):
        raise Skip(lucene)
    return lucene


TSV_BREAK_RE = re.compile(r"[\t\n\r]")


@contextlib.contextmanager
def _lucene_system(docs: Docs, tmp: Path, k1: float, b: float) -> Iterator[Search]:
    """One LuceneBench process: it indexes ``docs``, then answers queries through a pipe."""
    lucene = lucene_setup()
    tsv = tmp / "docs.tsv"
    with tsv.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(
                f"{TSV_BREAK_RE.sub(' ', doc['id'])}\t{TSV_BREAK_RE.sub(' ', doc_text(doc))}\n"
            )
    command = [lucene.java, "-cp", lucene.classpath, "LuceneBench"]
    command += [str(tsv), str(tmp / "index"), str(k1), str(b)]
    with (tmp / "lucene.log").open("w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            encoding="utf-8",
        )
        stdin, stdout = proc.stdin, proc.stdout
        assert stdin is not None and stdout is not None

        def failure() -> str:
            proc.wait()
            log.seek(0)
            tail = " ".join(log.read().strip().splitlines()[-3:])
            return f"LuceneBench exited with {proc.returncode}: {tail}"

        try:
            ready = stdout.readline().split()
            if ready[:1] != ["ready"]:
                raise Skip(failure())
            if int(ready[1]) != len(docs):
                raise RuntimeError(f"LuceneBench indexed {ready[1]} documents of {len(docs)}")

            def search(q: str) -> list[str]:
                stdin.write(" ".join(words(q)) + "\n")
                stdin.flush()
                line = stdout.readline()
                if not line.endswith("\n"):
                    raise RuntimeError(failure())
                line = line[:-1]
                return line.split("\t") if line else []

            yield search
        finally:
            with contextlib.suppress(OSError):
                stdin.close()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextlib.contextmanager
def system_lucene(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    with _lucene_system(docs, tmp, k1=1.2, b=0.75) as search:  # BM25Similarity's defaults
        yield search


@contextlib.contextmanager
def system_lucene_b04(corpus: Path, docs: Docs, tmp: Path) -> Iterator[Search]:
    with _lucene_system(docs, tmp, k1=0.9, b=0.4) as search:
        yield search


SYSTEMS: dict[str, Callable[[Path, Docs, Path], contextlib.AbstractContextManager[Search]]] = {
    "searchlib": system_searchlib,
    "whoosh": system_whoosh,
    "fts5": system_fts5,
    "postgres": system_postgres,
    "tantivy": system_tantivy,
    "xapian": system_xapian,
    "bm25s": system_bm25s,
    "lucene": system_lucene,
    "lucene-b04": system_lucene_b04,
}
LUCENE_SYSTEMS = {"lucene", "lucene-b04"}


def run_system(
    name: str,
    corpus: Path,
    docs: Docs,
    queries: list[tuple[str, str]],
    qrels: dict[str, dict[str, int]],
) -> EvalReport:
    with (
        tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp,
        SYSTEMS[name](corpus, docs, Path(tmp)) as search,
    ):
        return run_queries(search, queries, qrels)


def row(*cells: object) -> str:
    """A table row of the ten columns."""
    return "| " + " | ".join(str(c) for c in [*cells, *[""] * (10 - len(cells))]) + " |"


def parse_counts(text: str) -> list[int]:
    try:
        counts = [int(c) for c in text.split(",") if c.strip()]
    except ValueError:
        counts = [-1]
    if not counts or min(counts) < 0:
        raise argparse.ArgumentTypeError(f"expected counts like 0,20000,100000, got {text!r}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--sets", default="muserc,danetqa", help="collections, comma-separated")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument(
        "--distractors",
        type=parse_counts,
        default=[0],
        help=f"paragraphs of {DISTRACTORS} added to each collection, comma-separated counts"
        " (0: the collection alone; default 0)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data} (see ../shared/data/README.md)")
        return 0
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    counts: list[int] = args.distractors
    distractors = load_distractors(args.data, max(counts)) if max(counts) else []
    results: list[dict[str, Any]] = []
    print(
        f"searchlib {searchlib.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    lucene_version = None
    if LUCENE_SYSTEMS & set(systems):
        with contextlib.suppress(Skip):  # the rows say why
            lucene = lucene_setup()
            lucene_version = lucene.version
            print(lucene.describe())
    print()
    print(
        row(
            "collection",
            "docs",
            "system",
            "queries",
            "MRR@10",
            "nDCG@10",
            "R@1",
            "R@10",
            "R@100",
            "ms/query",
        )
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in [s for s in args.sets.split(",") if s]:
        folder = args.data / name
        if not (folder / "queries-dev.jsonl").exists():
            print(row(name, "—", "—", f"skipped: no development queries in {folder}"))
            continue
        own, queries, qrels = load(folder)
        for count in counts:
            label = f"{name} +{count}" if count else name
            if count and distractors is None:
                where = args.data / DISTRACTORS / "corpus.jsonl.gz"
                print(
                    row(label, "—", "—", f"skipped: no distractor paragraphs at {where}"),
                    flush=True,
                )
                continue
            added = (distractors or [])[:count]
            if count > len(added):
                label = f"{name} +{len(added)}"  # all there are
            docs = own + added
            with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
                corpus = (
                    write_jsonl(docs, Path(tmp) / "corpus.jsonl")
                    if added
                    else folder / "corpus.jsonl.gz"
                )
                for system in systems:
                    try:
                        report = run_system(system, corpus, docs, queries, qrels)
                    except Skip as skip:
                        print(row(label, len(docs), system, f"skipped: {skip}"), flush=True)
                        continue
                    found = report.to_dict()
                    extra = {"lucene": lucene_version} if system in LUCENE_SYSTEMS else {}
                    results.append(
                        {
                            "collection": name,
                            "distractors": len(added),
                            "docs": len(docs),
                            "system": system,
                            **found,
                            **extra,
                        }
                    )
                    print(
                        row(
                            label,
                            len(docs),
                            system,
                            found["queries"],
                            f"{found['mrr@10']:.3f}",
                            f"{found['ndcg@10']:.3f}",
                            f"{found['recall@1']:.3f}",
                            f"{found['recall@10']:.3f}",
                            f"{found['recall@100']:.3f}",
                            f"{found['latency_ms_mean']:.1f}",
                        ),
                        flush=True,
                    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
