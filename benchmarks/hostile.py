"""Hostile-input figures (issue 15): heavy queries, and quote finding on huge paragraphs.

    python benchmarks/hostile.py                 # DaNetQA (2,771 paragraphs) and 104,253
    python benchmarks/hostile.py --sizes 2771    # only the small collection
    python benchmarks/hostile.py --json

For each collection, each query of issue 15's item 2 is searched once on a
warm engine with the default limits (a 0.5 s time budget, 100 index words per
wildcard, fuzzy word or range) and once without them; reported: seconds,
hits, and whether the results were marked partial; the first and third
again with a speaker filter and an article filter.  The collections are
DaNetQA's passages and the first 104,253 paragraphs of ru-classics-pd from
``../shared/data`` (skipped with a message where it is absent).  Then
``parse_article`` on paragraphs of about 340 KB made of short quotes of
several shapes (issue 15, item 5).  Timings are of one run on this machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

QUERIES = [
    "*а* *о* *е* *и* *н* *т* *с* *р* *в* *л*",
    "б." * 399 + "б",
    " ".join(f"{c}*" for c in "абвгдежзийклмнопрстуфхцчшщэюя"),
    "*а*",
    " ".join(
        f"{w}~2"
        for w in "москва россия правительство человек работа государство история страна"
        " решение вопрос".split()
    ),
    "text:[а TO я]",
    '"сказал человек"~99999999',
]

SHAPES = {
    "short quotes, attributed": '"Да{i}," — сказал он.',
    "«ёлочки», a named speaker": "«Да{i}», — сказал Иван Петров.",
    "reported speech": "Он назвал решение «безрассудным{i}».",
    "bare quotes": '"слово{i}"',
}


def collection(size: int, folder: Path) -> Path | None:
    """A JSONL file of ``size`` paragraphs: DaNetQA's passages for its size, else ru-classics."""
    source = DATA / "danetqa" / "corpus.jsonl.gz"
    if size > 2771:
        source = DATA / "ru-classics-pd" / "corpus.jsonl.gz"
    if not source.exists():
        return None
    target = folder / f"c{size}.jsonl"
    with gzip.open(source, "rt", encoding="utf-8") as src, target.open("w") as out:
        for n, line in enumerate(src):
            if n >= size:
                break
            out.write(line)
    return target


def time_queries(corpus: Path, index: Path) -> list[dict[str, Any]]:
    from searchlib import SearchEngine

    rows = []
    bounded = SearchEngine(corpus, index)
    unbounded = SearchEngine.open(index, timeout=None, max_expansions=10_000)
    for engine in (bounded, unbounded):
        engine.search("тест")
    # The heaviest queries again with a filter: a speaker's, and one article's (the
    # collection's first record).
    with corpus.open(encoding="utf-8") as fh:
        first = json.loads(fh.readline())["id"]
    speakers = bounded.speakers()
    filters: list[dict[str, Any]] = [{}]
    filters += [{"speaker": speakers[0][0]}] if speakers else []
    filters += [{"article": str(first)}]
    runs = [(q, {}) for q in QUERIES] + [(q, f) for q in QUERIES[:3:2] for f in filters[1:]]
    for query, options in runs:
        shown = query if len(query) < 60 else query[:57] + "..."
        shown += "".join(f" ({key}={value})" for key, value in options.items())
        row: dict[str, Any] = {"query": shown}
        for name, engine in (("bounded", bounded), ("unbounded", unbounded)):
            started = time.perf_counter()
            results = engine.search(query, **options)
            row[name] = {
                "seconds": round(time.perf_counter() - started, 3),
                "total": results.total,
                "partial": results.partial,
            }
        rows.append(row)
    bounded.close()
    unbounded.close()
    return rows


def time_quotes() -> list[dict[str, Any]]:
    from searchlib._corpus import parse_article

    rows = []
    for name, shape in SHAPES.items():
        count, text = 0, []
        size = 0
        while size < 340_000:
            piece = shape.format(i=count)
            text.append(piece)
            size += len(piece.encode("utf-8")) + 1
            count += 1
        paragraph = " ".join(text)
        started = time.perf_counter()
        article = parse_article("huge", paragraph)
        rows.append(
            {
                "shape": name,
                "kib": round(len(paragraph.encode("utf-8")) / 1024),
                "quotes": len(article.quotes),
                "seconds": round(time.perf_counter() - started, 3),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2771, 104253])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"queries": {}, "quotes": time_quotes()}
    folder = Path(tempfile.mkdtemp(prefix="searchlib-hostile-"))
    try:
        for size in args.sizes:
            corpus = collection(size, folder)
            if corpus is None:
                print(f"skipped {size}: no corpus in {DATA}", file=sys.stderr)
                continue
            report["queries"][size] = time_queries(corpus, folder / f"ix{size}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for size, rows in report["queries"].items():
        print(f"\n{size} paragraphs: seconds (hits, partial?) with the limits | without")
        for row in rows:
            b, u = row["bounded"], row["unbounded"]
            print(
                f"  {b['seconds']:6.2f} ({b['total']}, {'partial' if b['partial'] else 'whole'})"
                f" | {u['seconds']:6.2f} ({u['total']})  {row['query']}"
            )
    print("\nparse_article on one paragraph of about 340 KB:")
    for row in report["quotes"]:
        print(
            f"  {row['seconds']:6.2f} s  {row['kib']} KiB, {row['quotes']} quotes  {row['shape']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
