"""Search the bundled news article with searchlib: the first thing to read.

    python examples/search.py                     # a few example queries
    python examples/search.py "роль молодёжи"     # your own query

The first run builds the index (a fraction of a second); later runs reuse it.
"""

from __future__ import annotations

import os
import sys

import searchlib

EXAMPLES = [
    "интеграция тюркского мира",  # the text says «интеграции»: stems match
    '"средний коридор"',  # a phrase, in any grammatical case
    "роль молодёжи",  # ё or е, either way
]


def show(engine: searchlib.SearchEngine, query: str) -> None:
    results = engine.search(query, limit=3)
    print(f"\n{query!r}: {results.total} found (parsed as {results.parsed_query})")
    for hit in results:
        print(f"  [{where(hit)}] score {hit.score:.2f}")
        print(f"    {hit.snippet.plain('*')}")


def where(hit: searchlib.Hit) -> str:
    """Where a hit is; a speaker only for a quote (a paragraph's hit is nobody's words,
    though it holds quotes: `matched in a quote` says the match was in one)."""
    if hit.kind == "quote":
        who = f" — {hit.speaker}" if hit.speaker else ""
        return f"quote {hit.paragraph}.{hit.quote}{who}"
    inside = ", matched in a quote" if hit.matched_quotes else ""
    return f"paragraph {hit.paragraph}{inside}"


def main() -> int:
    args = sys.argv[1:]
    wants_help = args in (["-h"], ["--help"])
    if args[:1] == ["--"]:  # (`-- -word`: what follows is the query, as on the command line)
        args = args[1:]
    queries = [" ".join(args)] if args else EXAMPLES
    try:
        if wants_help:
            print(__doc__)
            return 0
        with searchlib.SearchEngine() as engine:  # the bundled article, the default index
            for query in queries:
                show(engine, query)
            print("\nQuotes and who said them:")
            for quote in engine.quotes():  # (read from the index, not parsed again)
                print(f"  {quote.id}: {quote.speaker or 'speaker unknown'}")
    except searchlib.SearchlibError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python examples/search.py | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (no error at exit)
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
