"""Speed and scale: build, open, query, complete and correct, against stock Whoosh and Tantivy.

    python benchmarks/speed.py                            # 20k and all 104k paragraphs
    python benchmarks/speed.py --sizes 10000 --queries 300 --systems searchlib,whoosh

The corpus is ``../shared/data/ru-classics-pd`` (104,253 paragraphs of
public-domain Russian novels), cut to each size's prefix.  The queries are a
fixed sample of the development questions of MuSeRC and DaNetQA (their words
are about other texts, which is realistic: most words of a query may be rare
or missing).  For each size and system, in one run:

* build time and paragraphs (input records) per second, with one process and
  with all cores (searchlib only), peak resident memory of the building
  process, index size;
* open time on the existing index;
* query latency mean and p50/p95/p99 (ms) over the same queries, with
  snippets (10 hits, every snippet rendered) and without;
* searchlib only: completion latency for word prefixes, the time typo
  correction adds (the same queries with one misspelt word each), and the
  memory 200 threads add that have each searched the shared engine.

Each build, each query pass and the threads run in a child process of their
own, so that memory figures are their own and every query pass meets cold
caches, as a user's first questions do.  The machine's speed drifts between
runs (by a fifth on the 2-core machine of the figures in ``docs/speed.md``),
so builds and query passes are repeated (``--repeat``, 3 by default), the
systems taking turns within each repetition, and the tables give each
figure's median over the repetitions; the ratios against the other systems
give the range of the repetitions' own ratios too, and the JSON keeps every
repetition's figures.  The completion, typo and thread figures are measured
once.  The first lines say which install of searchlib ran (an installed
wheel or a source checkout, and its stemmer).  Prints Markdown tables and,
with ``--json``, writes the raw figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CORPUS = "ru-classics-pd"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_queries(data: Path, count: int, seed: int = 1) -> list[str]:
    texts: list[str] = []
    for name in ("muserc", "danetqa"):
        path = data / name / "queries-dev.jsonl"
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    random.Random(seed).shuffle(texts)
    return texts[:count]


def write_prefix(data: Path, size: int, target: Path) -> int:
    """The first ``size`` records of the corpus as a JSONL file; returns how many."""
    n = 0
    with (
        gzip.open(data / CORPUS / "corpus.jsonl.gz", "rt", encoding="utf-8") as src,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in src:
            if n >= size:
                break
            out.write(line)
            n += 1
    return n


# --- Builders (run in child processes) -------------------------------------------------


def _build_searchlib(corpus: str, index: str, procs: int) -> dict[str, Any]:
    import searchlib

    start = time.perf_counter()
    engine = (
        searchlib.SearchEngine(corpus, index, procs=procs)
        if procs > 1
        else searchlib.SearchEngine(corpus, index)
    )
    seconds = time.perf_counter() - start
    info = engine.info()
    engine.close()
    # Rates count paragraphs, the input records, as for the other systems
    # (searchlib's quotes are extra documents made from them).
    return {"seconds": seconds, "documents": info.paragraphs, "quotes": info.quotes}


def _build_whoosh(corpus: str, index: str, procs: int) -> dict[str, Any]:
    from whoosh import index as whoosh_index
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    start = time.perf_counter()
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=LanguageAnalyzer("ru"), stored=True))
    Path(index).mkdir()
    ix = whoosh_index.create_in(index, schema)
    writer = ix.writer(limitmb=256)
    n = 0
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            writer.add_document(id=record["id"], text=record["text"])
            n += 1
    writer.commit()
    return {"seconds": time.perf_counter() - start, "documents": n}


def _build_tantivy(corpus: str, index: str, procs: int) -> dict[str, Any]:
    import tantivy

    start = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", stored=True, tokenizer_name="ru")
    Path(index).mkdir()
    ix = tantivy.Index(builder.build(), path=index)
    ix.register_tokenizer("ru", _tantivy_analyzer(tantivy))
    writer = ix.writer()
    n = 0
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            writer.add_document(tantivy.Document(id=record["id"], text=record["text"]))
            n += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - start, "documents": n}


def _tantivy_analyzer(tantivy: Any) -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("russian"))
        .filter(tantivy.Filter.stemmer("russian"))
        .build()
    )


BUILDERS: dict[str, Callable[[str, str, int], dict[str, Any]]] = {
    "searchlib": _build_searchlib,
    "whoosh": _build_whoosh,
    "tantivy": _build_tantivy,
}


def peak_rss_mb() -> float:
    """Peak resident memory of this process (or of its largest worker), in MB.

    ``ru_maxrss`` survives ``execve`` on Linux, so a spawned child would
    report its parent's peak; ``VmHWM`` in ``/proc`` is the child's own.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1]) / 1024
    except OSError:
        pass
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, workers)


def _child(name: str, corpus: str, index: str, procs: int, queue: Any) -> None:
    try:
        result = BUILDERS[name](corpus, index, procs)
        result["peak_rss_mb"] = peak_rss_mb()
        queue.put(result)
    except BaseException as exc:  # reported by the parent
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # (peak: not Linux)


def _threads_child(index: str, queries: list[str], count: int, queue: Any) -> None:
    """RSS of one thread that searched ``count`` queries, then of ``count`` threads that each
    searched one of them (with snippets) and are all alive: what a burst of requests costs."""
    try:
        import threading

        import searchlib

        engine = searchlib.SearchEngine.open(index)
        sample = queries[:count]

        def work(query: str) -> None:
            for hit in engine.search(query, limit=10):
                hit.snippet.html()

        for query in sample:  # one thread first: caches hold what they will hold
            work(query)
        one = _rss_mb()
        barrier = threading.Barrier(count + 1)

        def thread(i: int) -> None:
            try:
                work(sample[i % len(sample)])
            finally:
                barrier.wait()  # searched: stay alive until every thread has
                barrier.wait()

        threads = [threading.Thread(target=thread, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        barrier.wait()
        many = _rss_mb()
        barrier.wait()
        for t in threads:
            t.join()
        engine.close()
        queue.put({"threads": count, "one_thread_mb": one, "threads_mb": many})
    except BaseException as exc:  # reported by the parent
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def _in_child(target: Callable[..., None], args: tuple[Any, ...], what: str) -> dict[str, Any]:
    """Run ``target(*args, queue)`` in a fresh (spawned) process; what it put on the queue,
    or RuntimeError naming ``what`` failed."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    if "error" in result:
        raise RuntimeError(f"{what} failed: {result['error']}")
    return result


def threads_in_child(index: Path, queries: list[str], count: int = 200) -> dict[str, Any]:
    result = _in_child(_threads_child, (str(index), queries, count), "threads")
    result["added_mb"] = result["threads_mb"] - result["one_thread_mb"]
    return result


def install_info() -> dict[str, str]:
    """Which searchlib runs: version, installed wheel or source checkout, stemmer, numpy."""
    import numpy

    import searchlib
    from searchlib._stemmer import backend

    location = Path(searchlib.__file__).resolve().parent
    kind = "installed" if "site-packages" in location.parts else "source checkout"
    try:
        import dawg  # noqa: F401

        dictionary = "DAWG2"
    except ImportError:
        dictionary = "dawg-python"
    return {
        "searchlib": searchlib.__version__,
        "install": f"{kind} ({location})",
        "stemmer": backend(),
        "morphology dictionary": dictionary,
        "numpy": numpy.__version__,
    }


def _measure_child(
    name: str, corpus: str, index: str, queries: list[str], extras: bool, queue: Any
) -> None:
    try:
        if name == "searchlib":
            result = measure_searchlib(Path(corpus), Path(index), queries, extras=extras)
        elif name == "whoosh":
            result = measure_whoosh(Path(index), queries)
        else:
            result = measure_tantivy(Path(index), queries)
        queue.put(result)
    except BaseException as exc:  # reported by the parent
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def measure_in_child(
    name: str, corpus: Path, index: Path, queries: list[str], *, extras: bool
) -> dict[str, Any]:
    """One query pass of ``name`` over its index, in a fresh process (cold caches)."""
    args = (name, str(corpus), str(index), queries, extras)
    return _in_child(_measure_child, args, f"{name} queries")


def median_figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over ``runs`` (nested summaries too); other values from
    the first run."""
    merged: dict[str, Any] = {}
    for key, first in runs[0].items():
        values = [run[key] for run in runs if key in run]
        if isinstance(first, bool) or not isinstance(first, (int, float, dict)):
            merged[key] = first
        elif isinstance(first, dict):
            merged[key] = median_figures(values)
        else:
            merged[key] = statistics.median(values)
    return merged


def available(system: str) -> bool:
    """Can ``system`` run here?  (Tantivy is optional: said when skipped.)"""
    if system != "tantivy":
        return True
    try:
        import tantivy  # noqa: F401
    except ImportError:
        print(f"{system}: skipped (pip install tantivy)")
        return False
    return True


def build_in_child(name: str, corpus: Path, index: Path, procs: int = 1) -> dict[str, Any]:
    result = _in_child(_child, (name, str(corpus), str(index), procs), f"{name} build")
    result["index_mb"] = folder_size(index) / 1e6
    result["docs_per_s"] = result["documents"] / result["seconds"]
    return result


# --- Query timing (in this process) -------------------------------------------------------


def time_calls(fn: Callable[[str], object], items: list[str]) -> list[float]:
    for item in items[:20]:  # warm caches and lazily loaded parts
        fn(item)
    latencies = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def summary(latencies: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "mean": statistics.fmean(latencies),
    }


def misspell(query: str, rng: random.Random) -> str:
    words = query.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return query
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def typo_share(engine: Any, count: int = 1000, seed: int = 7) -> dict[str, Any]:
    """Misspell words of the index's vocabulary; how many come back as the intended word?

    Words of 6+ letters found in 3+ documents, one random edit each (a swap,
    a dropped, doubled or replaced letter), first suggestion only.
    """
    rng = random.Random(seed)
    vocabulary = engine._vocabulary()
    reader = engine._searcher().reader()
    words = [w.decode() if isinstance(w, bytes) else w for w in reader.lexicon("words")]
    words = [w for w in words if w.isalpha() and len(w) >= 6 and vocabulary.frequency(w) >= 3]
    right = tried = 0
    for word in rng.sample(words, min(count, len(words))):
        i = rng.randrange(1, len(word) - 1)
        kind = rng.choice(["swap", "drop", "double", "replace"])
        typo = {
            "swap": word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :],
            "drop": word[:i] + word[i + 1 :],
            "double": word[:i] + word[i] + word[i:],
            "replace": word[:i] + rng.choice("аеиоу") + word[i + 1 :],
        }[kind]
        if vocabulary.known(typo):
            continue  # the "typo" is itself a word of the index
        tried += 1
        right += vocabulary.corrections(typo)[:1] == [word]
    return {"tried": tried, "right": right, "share": right / tried if tried else 0.0}


def measure_searchlib(
    corpus: Path, index: Path, queries: list[str], *, extras: bool = True
) -> dict[str, Any]:
    """Open and query timings; with ``extras``, the open with the corpus check, typo and
    completion timings and the share of misspellings corrected too."""
    import searchlib

    start = time.perf_counter()
    engine = searchlib.SearchEngine.open(index)
    open_ms = (time.perf_counter() - start) * 1000

    def with_snippets(q: str) -> None:
        for hit in engine.search(q, limit=10):
            hit.snippet.html()

    def without(q: str) -> None:
        engine.search(q, limit=10)

    result: dict[str, Any] = {
        "open_ms": open_ms,
        "query_snippets": summary(time_calls(with_snippets, queries)),
        "query_plain": summary(time_calls(without, queries)),
    }
    if extras:
        start = time.perf_counter()
        checked = searchlib.SearchEngine(corpus, index)  # compares the corpus with the index
        result["open_checked_ms"] = (time.perf_counter() - start) * 1000
        checked.close()
        rng = random.Random(3)
        typos = [misspell(q, rng) for q in queries]
        prefixes = [w[: rng.randint(2, 5)] for q in queries for w in q.split()[:1] if w.isalpha()]
        result["query_typos"] = summary(time_calls(without, typos))
        result["complete"] = summary(time_calls(engine.complete, prefixes))
        result["typo_share"] = typo_share(engine)
    engine.close()
    return result


def measure_whoosh(index: Path, queries: list[str]) -> dict[str, Any]:
    """Open and query timings of stock Whoosh (BM25F, Whoosh's highlighter)."""
    import re

    from whoosh import index as whoosh_index
    from whoosh import qparser, scoring

    start = time.perf_counter()
    ix = whoosh_index.open_dir(str(index))
    searcher = ix.searcher(weighting=scoring.BM25F())
    open_ms = (time.perf_counter() - start) * 1000
    parser = qparser.QueryParser("text", ix.schema, group=qparser.OrGroup)

    def run(q: str, snippets: bool) -> None:
        hits = searcher.search(parser.parse(" ".join(re.findall(r"[^\W_]+", q))), limit=10)
        if snippets:
            for hit in hits:
                hit.highlights("text")

    result = {
        "open_ms": open_ms,
        "query_snippets": summary(time_calls(lambda q: run(q, True), queries)),
        "query_plain": summary(time_calls(lambda q: run(q, False), queries)),
    }
    searcher.close()
    return result


def measure_tantivy(index: Path, queries: list[str]) -> dict[str, Any]:
    """Open and query timings of Tantivy (its snippet generator)."""
    import re

    import tantivy

    start = time.perf_counter()
    ix = tantivy.Index.open(str(index))
    ix.register_tokenizer("ru", _tantivy_analyzer(tantivy))
    searcher = ix.searcher()
    open_ms = (time.perf_counter() - start) * 1000

    def run(q: str, snippets: bool) -> None:
        words = re.findall(r"[^\W_]+", q)
        if not words:
            return
        query = ix.parse_query(" ".join(words), ["text"])
        hits = searcher.search(query, 10).hits
        if snippets:
            generator = tantivy.SnippetGenerator.create(searcher, query, ix.schema, "text")
            for _score, address in hits:
                generator.snippet_from_doc(searcher.doc(address)).to_html()

    return {
        "open_ms": open_ms,
        "query_snippets": summary(time_calls(lambda q: run(q, True), queries)),
        "query_plain": summary(time_calls(lambda q: run(q, False), queries)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sizes", default="20000,104253")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--systems", default="searchlib,whoosh,tantivy")
    parser.add_argument("--threads", type=int, default=200, help="0: skip the thread memory")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="builds and query passes of each system (medians reported; default 3)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if not (args.data / CORPUS / "corpus.jsonl.gz").exists():
        print(f"skipped: {args.data / CORPUS} is not present")
        return 0
    systems = [s for s in args.systems.split(",") if s]
    queries = load_queries(args.data, args.queries)
    cores = os.cpu_count() or 1
    print(
        f"{platform.machine()}, {cores} cores, Python {platform.python_version()},"
        f" {len(queries)} queries"
    )
    install = install_info()
    print("; ".join(f"{k}: {v}" for k, v in install.items()) + "\n")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="speed-") as tmp_name:
        tmp = Path(tmp_name)
        for size in (int(s) for s in args.sizes.split(",")):
            corpus = tmp / f"corpus-{size}.jsonl"
            n = write_prefix(args.data, size, corpus)
            ran = [s for s in systems if available(s)]
            indexes = {system: tmp / f"{system}-{size}" for system in ran}
            builds: dict[str, list[dict[str, Any]]] = {system: [] for system in ran}
            passes: dict[str, list[dict[str, Any]]] = {system: [] for system in ran}
            for repetition in range(args.repeat):  # (the systems take turns)
                for system in ran:
                    index = indexes[system]
                    target = index if repetition == 0 else tmp / f"{system}-{size}-again"
                    builds[system].append(build_in_child(system, corpus, target))
                    if target != index:
                        shutil.rmtree(target)
            for repetition in range(args.repeat):
                for system in ran:
                    passes[system].append(
                        measure_in_child(
                            system, corpus, indexes[system], queries, extras=repetition == 0
                        )
                    )
            for system in ran:
                index = indexes[system]
                row: dict[str, Any] = {"size": n, "system": system, "repeat": args.repeat}
                row["build"] = median_figures(builds[system])
                row["build_runs"] = builds[system]
                if system == "searchlib" and cores > 1:
                    parallel = tmp / f"{system}-{size}-procs"
                    row["build_all_cores"] = build_in_child(system, corpus, parallel, cores)
                    shutil.rmtree(parallel)
                row.update(median_figures(passes[system]))
                row["query_runs"] = [
                    {key: run[key] for key in ("query_snippets", "query_plain")}
                    for run in passes[system]
                ]
                if system == "searchlib" and args.threads > 0:
                    row["threads"] = threads_in_child(index, queries, args.threads)
                results.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                shutil.rmtree(index)
    print_table(results)
    if args.json:
        figures = {"install": install, "results": results}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


def print_table(results: list[dict[str, Any]]) -> None:
    if results:
        print(f"Medians of {results[0].get('repeat', 1)} builds and query passes per system.\n")
    print(
        "| paragraphs | system | build paragraphs/s (1 core / all) | peak RSS MB | index MB |"
        " open ms | query mean / p50 / p95 / p99 ms (snippets) | mean / p50 ms (no snippets) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        build = r["build"]
        cores = r.get("build_all_cores")
        rate = f"{build['docs_per_s']:.0f}" + (f" / {cores['docs_per_s']:.0f}" if cores else "")
        rss = f"{build['peak_rss_mb']:.0f}" + (f" / {cores['peak_rss_mb']:.0f}" if cores else "")
        q, p = r["query_snippets"], r["query_plain"]
        print(
            f"| {r['size']} | {r['system']} | {rate} | {rss} | {build['index_mb']:.0f} |"
            f" {r['open_ms']:.1f} | {q['mean']:.2f} / {q['p50']:.2f} / {q['p95']:.2f} /"
            f" {q['p99']:.2f} | {p['mean']:.2f} / {p['p50']:.2f} |"
        )
    extra = [r for r in results if r["system"] == "searchlib"]
    if extra:
        print(
            "\n| paragraphs | completion p50 / p95 ms | query p50 ms: clean / one typo |"
            " open with corpus check ms | misspellings corrected | RSS MB: 1 thread / N threads"
            " that searched (added) |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        for r in extra:
            c, clean, typo = r["complete"], r["query_plain"], r["query_typos"]
            share = r["typo_share"]
            threads = r.get("threads")
            memory = (
                f"{threads['one_thread_mb']:.0f} / {threads['threads_mb']:.0f} with"
                f" {threads['threads']} (+{threads['added_mb']:.0f})"
                if threads
                else "-"
            )
            print(
                f"| {r['size']} | {c['p50']:.2f} / {c['p95']:.2f} |"
                f" {clean['p50']:.1f} / {typo['p50']:.1f} | {r['open_checked_ms']:.1f} |"
                f" {share['right']}/{share['tried']} ({share['share']:.0%}) | {memory} |"
            )
    ours = {r["size"]: r for r in results if r["system"] == "searchlib"}
    for other in ("whoosh", "tantivy"):
        theirs = {r["size"]: r for r in results if r["system"] == other}
        if not (theirs and ours):
            continue
        print(f"\nsearchlib against {other} (above 1: searchlib is faster):")
        for size in sorted(set(theirs) & set(ours)):
            t, s = theirs[size], ours[size]
            print(
                f"- {size} paragraphs: build {_ratio(s, t, 'build', 'docs_per_s', faster=1)}"
                f" paragraphs/s on one core; query with snippets:"
                f" mean {_ratio(s, t, 'query_snippets', 'mean')},"
                f" p50 {_ratio(s, t, 'query_snippets', 'p50')}"
            )


def _ratio(
    ours: dict[str, Any], theirs: dict[str, Any], part: str, key: str, faster: int = -1
) -> str:
    """How many times faster searchlib is, from the medians, with the range of the
    repetitions' own ratios (repetition i of one system against repetition i of the other).
    ``faster``: 1 where a larger figure is faster (a rate), -1 where smaller is (a time)."""

    def times(a: float, b: float) -> float:
        return a / b if faster == 1 else b / a

    middle = times(ours[part][key], theirs[part][key])
    runs = "build_runs" if part == "build" else "query_runs"
    pairs = list(zip(ours.get(runs, []), theirs.get(runs, []), strict=False))
    if len(pairs) < 2:
        return f"{middle:.2f}x"
    if part == "build":  # (a build run is the build's figures themselves)
        each = [times(a[key], b[key]) for a, b in pairs]
    else:
        each = [times(a[part][key], b[part][key]) for a, b in pairs]
    return f"{middle:.2f}x ({min(each):.2f}-{max(each):.2f})"


if __name__ == "__main__":
    sys.exit(main())
