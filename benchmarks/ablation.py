"""What each ranking signal is worth: searchlib's Ranking with one signal changed at a time.

    python benchmarks/ablation.py [--data DIR] [--sets muserc,danetqa]

Runs every development query of each collection through ``searchlib.evaluate``
for the default :class:`searchlib.Ranking`, for a plain-BM25 baseline (stems
only, no extras) and for the default with one signal switched off or changed,
and prints MRR@10 and nDCG@10 as a Markdown table.  The ranking is applied
at query time, so one index per collection serves every variant.  This is
the script behind the README's "Ranking" table; use it to check a new idea
against the development queries before changing a default.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import attrs

import searchlib
from searchlib._eval import read_qrels, read_queries

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEFAULT = searchlib.Ranking()
BASELINE = attrs.evolve(
    DEFAULT,
    prefixes=0,
    lemmas=0,
    words=0,
    names=1,
    word_classes=False,
    pairs=0,
    coordination=0,
    question_words=False,
    k1=1.2,
)
VARIANTS: list[tuple[str, searchlib.Ranking]] = [
    ("default", DEFAULT),
    ("baseline: stems only, BM25 k1=1.2", BASELINE),
    ("no 4-letter prefixes", attrs.evolve(DEFAULT, prefixes=0)),
    ("no lemmas", attrs.evolve(DEFAULT, lemmas=0)),
    ("no word classes (names still by capital letter)", attrs.evolve(DEFAULT, word_classes=False)),
    ("no exact-word match", attrs.evolve(DEFAULT, words=0)),
    ("no name boost", attrs.evolve(DEFAULT, names=1)),
    ("no adjacent pairs", attrs.evolve(DEFAULT, pairs=0)),
    ("question words kept", attrs.evolve(DEFAULT, question_words=False)),
    ("no coordination", attrs.evolve(DEFAULT, coordination=0)),
    ("coordination 1.0", attrs.evolve(DEFAULT, coordination=1)),
    ("k1 1.2", attrs.evolve(DEFAULT, k1=1.2)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default="muserc,danetqa")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data}")
        return 0
    names = [s for s in args.sets.split(",") if s]
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="ablation-") as tmp:
        for name in names:
            folder = args.data / name
            queries = read_queries(folder / "queries-dev.jsonl")
            qrels = read_qrels(folder / "qrels-dev.tsv")
            index = Path(tmp) / name
            for label, ranking in VARIANTS:
                with searchlib.SearchEngine(
                    folder / "corpus.jsonl.gz", index, ranking=ranking
                ) as e:
                    report = searchlib.evaluate(e, queries, qrels)
                scores.setdefault(label, {})[name] = (report.mrr_at_10, report.ndcg_at_10)
                print(f"{name}: {label}: {report.mrr_at_10:.4f}", file=sys.stderr, flush=True)
    header = " | ".join(f"{n} MRR@10 | {n} nDCG@10" for n in names)
    print(f"| ranking | {header} |")
    print("|---|" + "---:|" * (2 * len(names)))
    for label, _ in VARIANTS:
        cells = " | ".join(f"{scores[label][n][0]:.4f} | {scores[label][n][1]:.4f}" for n in names)
        print(f"| {label} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
