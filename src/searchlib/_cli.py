"""The ``searchlib`` command: a thin layer over SearchEngine.

    searchlib search QUERY [--kind paragraph|quote] [--speaker NAME] [--article ID]
                           [--limit N] [--page N] [--corpus DIR] [--index DIR] [--json]
    searchlib index build [--corpus DIR] [--index DIR] [--force] [--json]
    searchlib quotes [--speaker NAME] [--corpus DIR] [--json]

Exit status: 0 on success (also with no hits), 2 for a usage or query error,
1 for any other error; errors are one line on stderr, never a traceback
(set ``SEARCHLIB_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from searchlib import __version__
from searchlib._corpus import load_corpus
from searchlib._engine import MAX_LIMIT, SearchEngine
from searchlib._errors import QueryError, SearchlibError
from searchlib._models import Hit, SearchResults
from searchlib._paths import bundled_corpus
from searchlib.analysis import terms

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="searchlib",
        description="Russian full-text search over news articles: paragraphs, quotes, speakers.",
    )
    parser.add_argument("--version", action="version", version=f"searchlib {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--corpus", metavar="DIR", help="folder of .txt articles (default: the bundled article)"
        )
        p.add_argument("--index", metavar="DIR", help="index folder (default: see README)")
        p.add_argument("--json", action="store_true", help="print one JSON object")

    search = commands.add_parser(
        "search", help="search the corpus", description="Search the corpus."
    )
    search.add_argument("query", metavar="QUERY", help="plain words or query syntax")
    search.add_argument(
        "--kind", choices=("paragraph", "quote"), help="only paragraphs or only quotes"
    )
    search.add_argument("--speaker", metavar="NAME", help="only quotes by this person")
    search.add_argument("--article", metavar="ID", help="only this article")
    search.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="hits per page (default 10)"
    )
    search.add_argument(
        "--page", type=_positive, default=1, metavar="N", help="page number (default 1)"
    )
    search.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (default: when stdout is a terminal)",
    )
    common(search)

    index = commands.add_parser("index", help="manage the index", description="Manage the index.")
    index_commands = index.add_subparsers(
        dest="index_command", metavar="ACTION", parser_class=_Parser
    )
    build = index_commands.add_parser(
        "build",
        help="build the index (only if stale, unless --force)",
        description="Build the index if it is missing or stale.",
    )
    build.add_argument("--force", action="store_true", help="rebuild even if the index is fresh")
    common(build)

    quotes = commands.add_parser(
        "quotes",
        help="list the quotes found in the corpus and their speakers",
        description="List the quotes found in the corpus, with their speakers.",
    )
    quotes.add_argument("--speaker", metavar="NAME", help="only quotes by this person")
    quotes.add_argument(
        "--corpus", metavar="DIR", help="folder of .txt articles (default: the bundled article)"
    )
    quotes.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _hit_header(rank: int, hit: Hit) -> str:
    where = f"{hit.article}, абзац {hit.paragraph}"
    if hit.kind == "quote":
        where += f", цитата {hit.quote}"
    if hit.speaker:
        where += f" — {hit.speaker}"
    return f"{rank}. {where}  ({hit.score:.2f})"


def _print_results(results: SearchResults, color: bool, out: TextIO) -> None:
    if results.total == 0:
        print(f"По запросу «{results.query}» ничего не найдено.", file=out)
        return
    noun = _plural(results.total, "результат", "результата", "результатов")
    print(
        f"Найдено {results.total} {noun} по запросу «{results.query}»"
        f" (страница {results.page} из {results.pages})",
        file=out,
    )
    start = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, start=start + 1):
        header = _hit_header(rank, hit)
        snippet = hit.snippet.ansi() if color else hit.snippet.plain()
        if hit.kind == "quote":
            snippet = f"«{snippet}»"
        print(file=out)
        print(f"\x1b[1m{header}\x1b[0m" if color else header, file=out)
        print(f"   {snippet}", file=out)
    if results.page > results.pages:
        print(f"\nСтраница {results.page} пуста: всего страниц {results.pages}.", file=out)


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    if args.limit > MAX_LIMIT:
        raise _UsageError(f"searchlib search: --limit must be at most {MAX_LIMIT}")
    with SearchEngine(args.corpus, args.index) as engine:
        results = engine.search(
            args.query,
            limit=args.limit,
            page=args.page,
            kind=args.kind,
            speaker=args.speaker,
            article=args.article,
        )
    if args.json:
        json.dump(results.to_dict(), out, ensure_ascii=False)
        out.write("\n")
    else:
        _print_results(results, _use_color(args.color, out), out)
    return EXIT_OK


def _cmd_index_build(args: argparse.Namespace, out: TextIO) -> int:
    with SearchEngine(args.corpus, args.index) as engine:
        info = engine.build(force=args.force)
    if args.json:
        payload: dict[str, Any] = {
            "index": str(info.path),
            "corpus": str(info.corpus),
            "build": info.build,
            "paragraphs": info.paragraphs,
            "quotes": info.quotes,
            "rebuilt": info.rebuilt,
        }
        json.dump(payload, out, ensure_ascii=False)
        out.write("\n")
    else:
        state = "собран" if info.rebuilt else "актуален, пересборка не нужна"
        paragraphs = _plural(info.paragraphs, "абзац", "абзаца", "абзацев")
        quotes = _plural(info.quotes, "цитата", "цитаты", "цитат")
        print(
            f"Индекс {state}: {info.paragraphs} {paragraphs}, {info.quotes} {quotes} — {info.path}",
            file=out,
        )
    return EXIT_OK


def _cmd_quotes(args: argparse.Namespace, out: TextIO) -> int:
    corpus = load_corpus(Path(args.corpus) if args.corpus else bundled_corpus())
    wanted = set(terms(args.speaker)) if args.speaker else None
    if wanted is not None and not wanted:
        raise QueryError(f"speaker {args.speaker!r} has no searchable words: give a name")
    quotes = [
        q
        for a in corpus
        for q in a.quotes
        if wanted is None or (q.speaker and wanted <= set(terms(q.speaker)))
    ]
    if args.json:
        payload = {
            "quotes": [
                {
                    "id": q.id,
                    "article": q.article,
                    "paragraph": q.paragraph,
                    "quote": q.number,
                    "speaker": q.speaker,
                    "text": q.text,
                }
                for q in quotes
            ]
        }
        json.dump(payload, out, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    for q in quotes:
        print(f"{q.id} — {q.speaker or 'говорящий не установлен'}\n   «{q.text}»", file=out)
    if not quotes:
        print("Цитат не найдено.", file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise _UsageError(
                "searchlib: choose a command: search, index, quotes (see searchlib --help)"
            )
        if args.command == "index" and args.index_command is None:
            raise _UsageError(
                "searchlib index: choose an action: build (see searchlib index --help)"
            )
        handler = {"search": _cmd_search, "quotes": _cmd_quotes}.get(args.command, _cmd_index_build)
        return handler(args, sys.stdout)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except QueryError as exc:
        print(f"searchlib: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SearchlibError as exc:
        print(f"searchlib: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("searchlib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`searchlib search … | head`): not an error.
        # Point stdout at devnull so the flush at exit does not fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line, keep the traceback for debugging
        if os.environ.get("SEARCHLIB_DEBUG"):
            traceback.print_exc()
        print(
            f"searchlib: internal error: {type(exc).__name__}: {exc}"
            " (set SEARCHLIB_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR
