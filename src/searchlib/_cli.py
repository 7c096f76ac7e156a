"""The ``searchlib`` command: a thin layer over SearchEngine.

    searchlib search QUERY... [--kind paragraph|quote] [--speaker NAME] [--article ID]
                           [--limit N] [--page N] [--corpus DIR | --jsonl FILE]
                           [--index DIR] [--repair] [--json]
    searchlib index build [--corpus DIR | --jsonl FILE] [--index DIR] [--force]
                          [--procs N] [--quiet] [--lock-timeout S] [--json]
    searchlib index add FILE | remove ID... | optimize [--index DIR] [--lock-timeout S]
    searchlib eval (--jsonl FILE | --index DIR) --queries FILE --qrels FILE [--json]
    searchlib complete PREFIX [--limit N] [--corpus DIR | --jsonl FILE] [--index DIR] [--json]
    searchlib quotes [--speaker NAME] [--article ID] [--limit N] [--corpus DIR | --jsonl FILE]
                     [--index DIR] [--repair] [--json]

Without --corpus or --jsonl, ``search``, ``complete`` and ``quotes`` read what the
index folder holds (another corpus, a collection made with ``index add``), as
it is; the bundled article when it holds that or nothing yet.  No command
replaces an index holding something else unless asked (``index build
--force``, or naming the corpus to build).

Exit status: 0 on success (also with no hits), 2 for a usage or query error,
1 for any other error; errors are one line on stderr, never a traceback
(set ``SEARCHLIB_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import inspect
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO

from searchlib import (
    Hit,
    IndexConflictError,
    IndexCorruptedError,
    IndexInfo,
    QueryError,
    SearchEngine,
    SearchIndexError,
    SearchlibError,
    SearchResults,
    __version__,
    evaluate,
)
from searchlib._eval import read_qrels, read_queries  # (checked before a build)
from searchlib._index import MANIFEST  # (is there an index to add to, or a new collection?)
from searchlib._jsonl import is_jsonl
from searchlib._models import terminal_safe  # (what a terminal would act on, shown)
from searchlib._paths import default_index_dir
from searchlib._settings import MAX_PROCS, check

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

# The library's own defaults, shown in --help and used when an option is not given.
_DEFAULTS = inspect.signature(SearchEngine).parameters
DEFAULT_TIMEOUT: float = _DEFAULTS["timeout"].default
DEFAULT_LOCK_TIMEOUT: float = _DEFAULTS["lock_timeout"].default
MAX_LIMIT = SearchEngine.MAX_LIMIT


class _UsageError(Exception):
    pass


class _OutputError(Exception):
    """stdout cannot be written (closed, disk full...): reported in one line, exit 1."""


class _Output:
    """stdout for the commands: a failed write is an :class:`_OutputError`, not a bug.

    A reader that went away (``| head``) stays a ``BrokenPipeError``: not an error.
    """

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream
        self.changed = False  # an index command made its change (said if the output fails)

    def _target(self) -> IO[str]:
        if self._stream is None:
            raise _OutputError("standard output is closed")
        return self._stream

    def write(self, text: str) -> int:
        """Write ``text`` with the characters a terminal would act on shown as ``\\uXXXX``
        (the indexed text may hold escape sequences; in JSON the same escape stands for
        the same character)."""
        return self.write_styled(terminal_safe(text))

    def write_styled(self, text: str) -> int:
        """Write ``text`` as it is: searchlib's own colours (its data made safe already)."""
        stream = self._target()
        try:
            return stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed
            raise _OutputError(_reason(exc)) from exc

    def flush(self) -> None:
        stream = self._target()
        try:
            stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _OutputError(_reason(exc)) from exc

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


#: The longest error line shown (a message may quote a 10 MB id).
_MAX_REPORT_CHARS = 1000


def _write_json(out: _Output, value: object) -> None:
    """``value`` as one line of JSON, written at once (``json.dump`` writes a piece at a
    time: 28 MB of hits took 8 s that way)."""
    out.write(json.dumps(value, ensure_ascii=False) + "\n")


def _report(message: str) -> None:
    """One line on stderr, if there is a stderr to write to (line breaks and control
    characters in what the message quotes shown as escapes; a very long one cut)."""
    stream = sys.stderr
    if stream is None:  # started with stderr closed: the exit status must do
        return
    line = terminal_safe(message).replace("\n", "\\n").replace("\t", " ")
    if len(line) > _MAX_REPORT_CHARS:
        line = line[: _MAX_REPORT_CHARS - 1] + "…"
    with contextlib.suppress(OSError, ValueError):
        print(line, file=stream, flush=True)


#: Marks a search's argument that starts with a minus and a letter of no option (`-министр`,
#: `-«средний коридор»`): argparse would take it for an unknown option.  Put before it
#: while parsing, taken off after.
_KEPT = "\ue000"
_DASH_WORD_RE = re.compile(r'-(?:[^\W\d_A-Za-z]|["«„“(])')


def _dash_words_kept(argv: Sequence[str] | None) -> list[str]:
    """``argv`` (the process's when None) with a search's `-слово` arguments marked as
    words (`searchlib search бюджет -министр` excludes министр, as in the query syntax).
    Latin ones stay options (`-h`, `-hello`: use the quotes or `--`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "search":
        return args
    return [_KEPT + a if isinstance(a, str) and _DASH_WORD_RE.match(a) else a for a in args]


_NUMBER_RE = re.compile(r"-\.?\d")


def _query_words(extra: list[str]) -> tuple[list[str], list[str]]:
    """(the query's words, what is left unknown) of the arguments argparse left over after
    a search's options: words, `-слово` (marked), `-5`, a lone `-`, and all after `--`."""
    words: list[str] = []
    unknown: list[str] = []
    for i, arg in enumerate(extra):
        if arg == "--":
            words += extra[i + 1 :]
            break
        word = arg.startswith(_KEPT) or not arg.startswith("-") or arg == "-"
        (words if word or _NUMBER_RE.match(arg) else unknown).append(arg)
    return words, unknown


def _unmarked(value: Any) -> Any:
    """``value`` without :data:`_KEPT` before it (a list: each of its items)."""
    if isinstance(value, list):
        return [_unmarked(v) for v in value]
    return value.removeprefix(_KEPT) if isinstance(value, str) else value


def _unmark(args: argparse.Namespace) -> None:
    """Take :data:`_KEPT` off every argument it was put before."""
    for name, value in vars(args).items():
        setattr(args, name, _unmarked(value))


def _dash_word_hint(prog: str) -> str:
    """How to pass a query word that starts with a minus and a Latin letter."""
    return (
        "; a query word that starts with - goes inside the quoted query, or last,"
        f" after the options and --: `{prog} [options] -- -word`"
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        message = message.replace(_KEPT, "").replace("\\ue000", "")  # (see _dash_words_kept)
        if "ignored explicit argument" in message and self.prog.endswith(("search", "complete")):
            # (`searchlib search -hello`: read as -h with a value)
            message += _dash_word_hint(self.prog)
        elif "required: QUERY" in message or "required: PREFIX" in message:
            # (`searchlib search -министр`: taken for an option, the query is missing)
            what = "query" if "QUERY" in message else "prefix"
            message += (
                f"; a {what} that starts with - goes last, after the options and --:"
                f" `{self.prog} [options] -- -слово`"
                if what == "prefix"
                else "; a query word that starts with - and a Latin letter goes inside the"
                f" quoted query, or last, after the options and --: `{self.prog} [options]"
                " -- -word` (a Cyrillic one needs neither)"
            )
        elif ("required: ID" in message or "required: FILE" in message) and any(
            a.startswith("-") and a not in self._option_string_actions for a in _GIVEN.get()
        ):
            # (`searchlib index remove -minus`: taken for an option, the id is missing)
            message += _dash_name_hint(self.prog, "an id" if "ID" in message else "a file name")
        elif (option := _OPTION_WITHOUT_VALUE_RE.match(message)) is not None and _dash_after(
            option[1]
        ):
            # (`--article -minus`: the value taken for an option)
            message += f"; a value that starts with - is given with =: `{option[1]}=-value`"
        raise _UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


#: The arguments the command line was given (for the hints of :meth:`_Parser.error`).
_GIVEN: contextvars.ContextVar[Sequence[str]] = contextvars.ContextVar("given", default=())


def _dash_after(option: str) -> bool:
    """Was ``option`` given followed by something that starts with a minus?"""
    given = list(_GIVEN.get())
    return any(
        a == option and i + 1 < len(given) and given[i + 1].startswith("-")
        for i, a in enumerate(given)
    )


def _dash_name_hint(prog: str, what: str) -> str:
    """How to pass an id or a file name that starts with a minus."""
    return (
        f"; {what} that starts with - goes last, after the options and --:"
        f" `{prog} [options] -- -name`"
    )


#: argparse's message for an option whose value is missing: `argument --article: expected…`.
_OPTION_WITHOUT_VALUE_RE = re.compile(r"argument (--[\w-]+)(?:/-\w)?: expected one argument")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _path(text: str) -> str:
    if not text:  # (`Path("")` is the current folder: nobody means it by an empty value)
        raise argparse.ArgumentTypeError("expected a path, got an empty string")
    return text


def _jsonl_path(text: str) -> str:
    """A ``--jsonl`` value: the flag says what the file is, so its name must say it too (a
    `.txt` file or a folder was read as articles, quietly)."""
    _path(text)
    if not is_jsonl(Path(text)):
        raise argparse.ArgumentTypeError(
            f"expected a JSONL file (.jsonl, .jsonl.gz, .ndjson or .ndjson.gz), got {text!r};"
            " a folder or .txt file of articles goes with --corpus"
        )
    return text


def _procs(text: str) -> int:
    value = _positive(text)
    try:
        check(procs=value)  # (the library's rule, refused here for argparse's exit 2)
    except SearchlibError as exc:
        raise argparse.ArgumentTypeError(
            f"expected 1 to {MAX_PROCS} processes, got {text!r}"
        ) from exc
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}")
    return value


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="searchlib",
        description="Russian full-text search over news articles: paragraphs, quotes, speakers.",
    )
    parser.add_argument("--version", action="version", version=f"searchlib {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def source(p: argparse.ArgumentParser, default: str = "the bundled article") -> None:
        group = p.add_mutually_exclusive_group()
        group.add_argument(
            "--corpus",
            type=_path,
            metavar="DIR",
            help=f"folder of .txt articles (default: {default})",
        )
        group.add_argument(
            "--jsonl",
            type=_jsonl_path,
            metavar="FILE",
            help='JSONL file (.jsonl, .jsonl.gz, .ndjson, .ndjson.gz), one {"id", "title",'
            ' "text"} a line',
        )

    def lock_timeout(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lock-timeout",
            type=_seconds,
            default=DEFAULT_LOCK_TIMEOUT,
            metavar="S",
            help=f"wait up to S seconds for another writer (default {DEFAULT_LOCK_TIMEOUT:g})",
        )

    def common(p: argparse.ArgumentParser, default: str = "the bundled article") -> None:
        source(p, default)
        p.add_argument(
            "--index", type=_path, metavar="DIR", help="index folder (default: see docs/indexes.md)"
        )
        p.add_argument("--json", action="store_true", help="print one JSON object")

    search = commands.add_parser(
        "search", help="search the corpus", description="Search the corpus."
    )
    search.add_argument(
        "query",
        metavar="QUERY",
        nargs="+",
        help="plain words or query syntax (several arguments are one query: no quotes needed)",
    )
    search.add_argument(
        "--kind", choices=("paragraph", "quote"), help="only paragraphs or only quotes"
    )
    search.add_argument(
        "--speaker", metavar="NAME", help="only quotes by this person and their paragraphs"
    )
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
    search.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"stop after S seconds and show what was found (default {DEFAULT_TIMEOUT:g}; 0: none)",
    )
    search.add_argument("--repair", action="store_true", help="rebuild the index if it is damaged")
    common(search, "what the index holds; the bundled article if it has no index")

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
    build.add_argument(
        "--procs",
        type=_procs,
        default=1,
        metavar="N",
        help=f"build with N processes, 1 to {MAX_PROCS} (default 1)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    lock_timeout(build)
    common(build)

    def index_only(
        p: argparse.ArgumentParser, default: str = "default: see docs/indexes.md"
    ) -> None:
        lock_timeout(p)
        p.add_argument("--index", type=_path, metavar="DIR", help=f"index folder ({default})")
        p.add_argument("--json", action="store_true", help="print one JSON object")

    add = index_commands.add_parser(
        "add",
        help="add or replace articles or JSONL records, without a rebuild",
        description="Add an article (.txt) or the records of a JSONL file to the index,"
        " replacing documents with the same id.",
    )
    add.add_argument("file", type=_path, metavar="FILE")
    add.add_argument("--quiet", action="store_true", help="no progress bar")
    index_only(add, "required; a new folder starts a collection")
    remove = index_commands.add_parser(
        "remove",
        help="remove articles or records by id",
        description="Remove articles or records (and their quotes) from the index by id.",
    )
    remove.add_argument("ids", metavar="ID", nargs="+")
    index_only(remove, "required")
    optimize = index_commands.add_parser(
        "optimize",
        help="merge the index into one segment",
        description="Merge the index's segments into one and refresh its spelling tables.",
    )
    index_only(optimize)

    quotes = commands.add_parser(
        "quotes",
        help="list the quotes found in the corpus and their speakers",
        description="List the quotes in the index, with their speakers, by article, paragraph"
        " and quote. With --index alone, the index as it is (an error if it has none).",
    )
    quotes.add_argument("--speaker", metavar="NAME", help="only quotes by this person")
    quotes.add_argument("--article", metavar="ID", help="only this article")
    quotes.add_argument(
        "--limit", type=_positive, metavar="N", help="only the first N (default: all)"
    )
    quotes.add_argument("--repair", action="store_true", help="rebuild the index if it is damaged")
    common(quotes, "what the index holds; the bundled article if it has no index")

    evaluate = commands.add_parser(
        "eval",
        help="measure ranking quality on judged queries",
        description="Run judged queries as searches; report MRR@10, nDCG@10, recall, latency.",
    )
    evaluate.add_argument(
        "--jsonl",
        type=_jsonl_path,
        metavar="FILE",
        help="the JSONL collection (its index built or refreshed as search does); without it,"
        " the index in --index DIR as it is (a collection made with index add)",
    )
    evaluate.add_argument(
        "--queries", metavar="FILE", required=True, help='queries, JSONL: {"id", "text"} a line'
    )
    evaluate.add_argument(
        "--qrels",
        metavar="FILE",
        required=True,
        help="judgments: query_id<TAB>doc_id<TAB>relevance",
    )
    evaluate.add_argument(
        "--index", type=_path, metavar="DIR", help="index folder (default: see docs/indexes.md)"
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")

    complete = commands.add_parser(
        "complete",
        help="words of the index starting with a prefix (search-as-you-type)",
        description="List words of the index that start with PREFIX, most frequent first.",
    )
    complete.add_argument("prefix", metavar="PREFIX")
    complete.add_argument("--limit", type=_positive, default=10, metavar="N", help="(default 10)")
    common(complete, "what the index holds; the bundled article if it has no index")
    return parser


def _corpus(args: argparse.Namespace) -> str | None:
    jsonl: str | None = getattr(args, "jsonl", None)
    corpus: str | None = getattr(args, "corpus", None)
    return jsonl if jsonl is not None else corpus


def _engine(
    args: argparse.Namespace, *, repair: bool = False, timeout: float | None = DEFAULT_TIMEOUT
) -> SearchEngine:
    """The engine ``search`` and ``complete`` ask: the corpus given, else what the index holds.

    Without --corpus or --jsonl the bundled article is searched (its index
    built or refreshed as needed), unless the index folder holds something
    else (another corpus, a collection made or edited with ``index add``):
    then that is searched, as it is, never replaced.  A folder named with
    --index that holds no index yet is refused, as ``quotes`` refuses it: a
    mistyped name built the bundled article there.
    """
    corpus = _corpus(args)
    if corpus is None and args.index is not None:
        _refuse_missing_index(Path(args.index), searching=True)
    try:
        return SearchEngine(corpus, args.index, repair=repair, timeout=timeout)
    except IndexConflictError as exc:
        if corpus is not None or exc.path is None:
            raise
        if repair and exc.source is not None and exc.source.exists():
            # (--repair without --corpus: the source the index records rebuilds it if damaged;
            # a whole index is searched as it is, as without --repair)
            return SearchEngine(
                exc.source, exc.path, auto_build=False, repair=True, timeout=timeout
            )
        return SearchEngine.open(exc.path, timeout=timeout)


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _use_color(choice: str, stream: _Output) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


_LINE_BREAKS_RE = re.compile("[\r\n\u2028\u2029]+")


def _one_line(text: str) -> str:
    """``text`` with its line breaks as spaces: a hit is one header line and one text line
    (a record's line breaks printed as they are could make lines that look like hits)."""
    return _LINE_BREAKS_RE.sub(" ", text)


def _hit_header(rank: int, hit: Hit) -> str:
    """`1. статья, абзац 4, цитата 1 — Максим Петров`: a name only where the match is a quote
    (and a record's title after its id: `1. d1 «Кошки и люди», абзац 1`).

    A paragraph matched outside its quotes is not labelled with their
    speakers (it would read as if that person said it).
    """
    where = f"{hit.article}, абзац {hit.paragraph}"
    if hit.title:  # (a JSONL record's: what `title:` matched, shown)
        title = _one_line(hit.title)
        title = title if len(title) <= 80 else title[:79] + "…"
        where = f"{hit.article} «{title}», абзац {hit.paragraph}"
    if hit.kind == "quote":
        where += f", цитата {hit.quote}"
        if hit.speaker:
            where += f" — {hit.speaker}"
    elif hit.matched_quotes:
        where += ", совпадение в цитате"
        if hit.speaker and ", " not in hit.speaker:
            where += f" — {hit.speaker}"
    return f"{rank}. {where}  ({hit.score:.2f})"


def _partial_note(results: SearchResults) -> str:
    why = (
        "поиск прерван по времени"
        if "time budget" in (results.partial_reason or "")
        else "слово с * или ~ подходит к слишком многим словам, искали по самым частым"
    )
    return f"Показаны не все результаты: {why}. Уточните запрос."


def _print_results(results: SearchResults, color: bool, out: _Output) -> None:
    if results.partial:
        print(_partial_note(results), file=out)
    if results.corrected_query:
        print(f"Показаны результаты по запросу «{results.corrected_query}»", file=out)
    if results.suggestion:
        print(f"Возможно, вы имели в виду: «{results.suggestion}»", file=out)
    if results.total == 0:
        if not results.parsed_query:  # (no word to search for: not the collection's fault)
            print(
                f"В запросе «{results.query}» нет слов для поиска: только знаки"
                " или служебные слова."
                if results.query.strip()
                else "Запрос пуст: искать нечего.",
                file=out,
            )
            return
        print(f"По запросу «{results.query}» ничего не найдено.", file=out)
        return
    noun = _plural(results.total, "результат", "результата", "результатов")
    shown = results.corrected_query or results.query
    if results.page > results.pages:
        print(
            f"Найдено {results.total} {noun} по запросу «{shown}», но страницы {results.page}"
            f" нет: всего страниц {results.pages}.",
            file=out,
        )
        return
    print(
        f"Найдено {results.total} {noun} по запросу «{shown}»"
        f" (страница {results.page} из {results.pages})",
        file=out,
    )
    start = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, start=start + 1):
        header = _hit_header(rank, hit)
        snippet = _one_line(hit.snippet.ansi() if color else hit.snippet.plain())
        if hit.kind == "quote":
            snippet = f"«{snippet}»"
        print(file=out)
        if color:  # (ansi() shows the text's own control characters as escapes)
            out.write_styled(f"\x1b[1m{terminal_safe(header)}\x1b[0m\n   {snippet}\n")
        else:
            print(header, file=out)
            print(f"   {snippet}", file=out)


def _cmd_search(args: argparse.Namespace, out: _Output) -> int:
    if args.limit > MAX_LIMIT:
        raise _UsageError(f"searchlib search: --limit must be at most {MAX_LIMIT}")
    with _engine(args, repair=args.repair, timeout=args.timeout or None) as engine:
        bundled = engine.corpus_path is not None and _corpus(args) is None
        results = engine.search(
            " ".join(args.query),
            limit=args.limit,
            page=args.page,
            kind=args.kind,
            speaker=args.speaker,
            article=args.article,
        )
    if args.json:
        _write_json(out, results.to_dict())
    else:
        _print_results(results, _use_color(args.color, out), out)
        if bundled and results.total == 0 and results.parsed_query:
            print(
                "(Искали во встроенной статье. Свою коллекцию ищите с --corpus ПАПКА"
                " или --jsonl ФАЙЛ, как при её сборке.)",
                file=out,
            )
    return EXIT_OK


class _ProgressBar:
    """Count, rate and time left on stderr, redrawn in place; silent unless a terminal."""

    def __init__(self, label: str, stream: TextIO | None, *, quiet: bool) -> None:
        self._label = label
        self._stream = stream
        try:
            self._active = not quiet and stream is not None and stream.isatty()
        except (OSError, ValueError):
            self._active = False
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if not self._active or (now - self._last < 0.2 and done != total):
            return
        self._last = now
        rate = done / max(now - self._start, 1e-9)
        line = f"{self._label}: {done}"
        if total:
            left = max(total - done, 0) / rate if rate else 0
            line += f"/{total} ({100 * done // total}%), {rate:.0f} док/с, осталось {left:.0f} с"
        else:
            line += f", {rate:.0f} док/с"
        self._draw("\r" + line.ljust(70))
        self._drawn = True

    def _draw(self, text: str) -> None:
        assert self._stream is not None
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self._active = False  # the terminal went away: the bar is only a courtesy

    def close(self) -> None:
        if self._drawn and self._active:
            self._draw("\n")

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _print_info(info: IndexInfo, args: argparse.Namespace, out: _Output, done: str) -> None:
    if args.json:
        payload: dict[str, Any] = {
            "index": str(info.path),
            "corpus": None if info.corpus is None else str(info.corpus),
            "build": info.build,
            "paragraphs": info.paragraphs,
            "quotes": info.quotes,
            "rebuilt": info.rebuilt,
        }
        _write_json(out, payload)
        return
    paragraphs = _plural(info.paragraphs, "абзац", "абзаца", "абзацев")
    quotes = _plural(info.quotes, "цитата", "цитаты", "цитат")
    print(
        f"Индекс {done}: {info.paragraphs} {paragraphs}, {info.quotes} {quotes} — {info.path}",
        file=out,
    )


def _edited_index(args: argparse.Namespace, command: str) -> Path:
    """The index ``index add``/``remove`` change: only one named with --index.

    The default index is the bundled article's, rebuilt from it whenever it
    changes: records added there would be mixed into the example, and the
    README's first steps would then refuse to replace the mixed index.
    """
    if not args.index:
        raise _UsageError(
            f"searchlib index {command}: name the index to change with --index DIR"
            " (a new folder starts a collection); the default index holds the bundled"
            " article and is not edited"
        )
    return Path(args.index)


def _no_index(path: Path, *, searching: bool = False) -> SearchIndexError:
    """The error for a folder named with --index that holds no index (the command line's
    way to build one; ``searching``: and the ways to search without it)."""
    return SearchIndexError(
        f"no index in {path}: build one there first (`searchlib index build --index {path}"
        " --corpus DIR`, or --jsonl FILE)"
        + (
            ", name the corpus to search, or leave out --index to search the bundled article"
            if searching
            else ""
        ),
        path=path,
    )


def _open(index: str | Path, *, searching: bool = False, **options: Any) -> SearchEngine:
    """``SearchEngine.open``, with the command line's advice where the folder holds no
    index (its own names the Python calls); ``searching``: see :func:`_no_index`."""
    path = Path(index)
    _refuse_missing_index(path, searching=searching)
    return SearchEngine.open(path, **options)


def _refuse_missing_index(path: Path, *, searching: bool = False) -> None:
    """Raise :func:`_no_index`'s error for a folder named with --index that holds no index
    (open()'s for one holding builds but no manifest); nothing where it holds one."""
    try:
        missing = not (path / MANIFEST).exists()
        a_file = missing and path.exists() and not path.is_dir()
    except (OSError, ValueError):  # (a name the system refuses: opening it says so)
        missing = a_file = False
    if missing:
        if a_file:
            SearchEngine.open(path).close()  # (open() says that an index is a folder)
        _refuse_lost_index(path)  # (builds without a manifest: said so)
        raise _no_index(path, searching=searching)


def _refuse_lost_index(path: Path) -> None:
    """Raise ``open()``'s error for a folder holding builds but no manifest (what it holds is
    unknown: a new collection there would replace it); nothing for a new or empty folder."""
    try:
        SearchEngine.open(path).close()
    except IndexCorruptedError:
        raise
    except SearchlibError:
        return  # (no index there: a new collection may start)


def _cmd_index_add(args: argparse.Namespace, out: _Output) -> int:
    path = _edited_index(args, "add")
    with (
        _ProgressBar("Индексация", sys.stderr, quiet=args.quiet) as bar,
        # (Added to the index there, or, with none, the file starts a new collection: one
        # step, so that processes adding at once to a new folder each keep their records.)
        SearchEngine.from_documents(
            args.file, path, add=True, progress=bar, lock_timeout=args.lock_timeout
        ) as engine,
    ):
        info = engine.info()
    out.changed = True
    _print_info(info, args, out, "собран" if info.rebuilt else "обновлён")
    return EXIT_OK


def _cmd_index_remove(args: argparse.Namespace, out: _Output) -> int:
    with _open(_edited_index(args, "remove"), lock_timeout=args.lock_timeout) as engine:
        info = engine.remove(*args.ids)
    out.changed = True
    _print_info(info, args, out, "обновлён")
    return EXIT_OK


def _cmd_index_optimize(args: argparse.Namespace, out: _Output) -> int:
    index = args.index or default_index_dir()
    with _open(index, lock_timeout=args.lock_timeout) as engine:
        info = engine.optimize()
    out.changed = True
    _print_info(info, args, out, "оптимизирован")
    return EXIT_OK


def _cmd_index_build(args: argparse.Namespace, out: _Output) -> int:
    with (
        _ProgressBar("Индексация", sys.stderr, quiet=args.quiet) as bar,
        SearchEngine(
            _corpus(args),
            args.index,
            procs=args.procs,
            progress=bar,
            rebuild=args.force,
            # (A corpus named is what was asked for: a damaged index is rebuilt from it,
            # however damaged.  Not without one: a folder whose manifest is damaged may
            # hold a collection, which the bundled article must not replace.)
            repair=_corpus(args) is not None,
            lock_timeout=args.lock_timeout,
        ) as engine,
    ):
        info = engine.build()  # (also checks the files' contents: damage is rebuilt)
    out.changed = info.rebuilt
    _print_info(info, args, out, "собран" if info.rebuilt else "актуален, пересборка не нужна")
    corpus = _corpus(args)
    if corpus is not None and not args.json and info.corpus is not None:
        again = f" --index {args.index}" if args.index else ""
        option = "--jsonl" if getattr(args, "jsonl", None) else "--corpus"
        print(f"Искать в нём: searchlib search ЗАПРОС {option} {corpus}{again}", file=out)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace, out: _Output) -> int:
    if args.jsonl is None and args.index is None:
        raise _UsageError(
            "searchlib eval: give the collection (--jsonl FILE) or an index to evaluate as it"
            " is (--index DIR)"
        )
    queries = read_queries(Path(args.queries))  # (bad files are reported before any build)
    qrels = read_qrels(Path(args.qrels))
    engine = (
        SearchEngine(args.jsonl, args.index)
        if args.jsonl is not None
        else _open(args.index)  # (a collection: searched as it is, as search does)
    )
    with engine:
        report = evaluate(engine, queries, qrels)
    data = report.to_dict()
    if report.refused and not args.json:
        print(
            f"({report.refused} of the queries were refused by the search, as QueryError:"
            " scored as finding nothing)",
            file=sys.stderr,
        )
    if args.json:
        _write_json(out, data)
        return EXIT_OK
    width = max(len(k) for k in data)
    for key, value in data.items():
        print(f"{key:<{width}}  {value}", file=out)
    return EXIT_OK


def _cmd_complete(args: argparse.Namespace, out: _Output) -> int:
    if args.limit > MAX_LIMIT:
        raise _UsageError(f"searchlib complete: --limit must be at most {MAX_LIMIT}")
    with _engine(args) as engine:
        words = engine.complete(args.prefix, limit=args.limit)
    if args.json:
        _write_json(out, {"prefix": args.prefix, "completions": words})
    else:
        for word in words:
            print(word, file=out)
    return EXIT_OK


def _cmd_quotes(args: argparse.Namespace, out: _Output) -> int:
    # A listing of a named index reads it as it is: a mistyped folder is an error, not a
    # new index of the bundled article (as `search` would build there).
    opened = (
        _open(args.index, searching=True)
        if args.index is not None and _corpus(args) is None and not args.repair
        else _engine(args, repair=args.repair)
    )
    with opened as engine:
        found = engine.quotes(speaker=args.speaker, article=args.article)
    quotes = found if args.limit is None else found[: args.limit]
    if args.json:
        payload = {
            "total": len(found),
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
            ],
        }
        _write_json(out, payload)
        return EXIT_OK
    for q in quotes:
        print(
            f"{q.id} — {q.speaker or 'говорящий не установлен'}\n   «{_one_line(q.text)}»",
            file=out,
        )
    if not quotes:
        print("Цитат не найдено.", file=out)
    elif len(quotes) < len(found):
        print(f"Показаны {len(quotes)} из {len(found)} (--limit).", file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")
    parser = _build_parser()
    out = _Output(None)
    try:
        given = _dash_words_kept(argv)
        _GIVEN.set(given)
        args, extra = parser.parse_known_args(given)
        if args.command == "search" and extra:
            # Words after an option (`search интеграция --kind quote молодёжь`) are the
            # query's too: argparse ends a positional at the first option.
            words, extra = _query_words(extra)
            args.query = [*args.query, *words]
        _unmark(args)
        extra = _unmarked(extra)
        if extra:  # name the command whose options these are not
            prog = " ".join(
                [
                    "searchlib",
                    *(p for p in (args.command, getattr(args, "index_command", None)) if p),
                ]
            )
            dashed = any(e.startswith("-") for e in extra)
            hint = (
                _dash_word_hint(prog)
                if args.command in ("search", "complete") and dashed
                else _dash_name_hint(prog, "an id or a file name")
                if args.command == "index" and dashed
                else ""
            )
            raise _UsageError(
                f"{prog}: unrecognized arguments: {' '.join(extra)}{hint} (see {prog} --help)"
            )
        if args.command is None:
            raise _UsageError(
                "searchlib: choose a command: search, index, eval, complete, quotes"
                " (see searchlib --help)"
            )
        if args.command == "index" and args.index_command is None:
            raise _UsageError(
                "searchlib index: choose an action: build, add, remove, optimize"
                " (see searchlib index --help)"
            )
        handlers = {
            "search": _cmd_search,
            "quotes": _cmd_quotes,
            "eval": _cmd_eval,
            "complete": _cmd_complete,
            "build": _cmd_index_build,
            "add": _cmd_index_add,
            "remove": _cmd_index_remove,
            "optimize": _cmd_index_optimize,
        }
        handler = handlers[args.index_command if args.command == "index" else args.command]
        out = _Output(sys.stdout)
        if sys.stdout is None:  # nowhere to put the answer: say so before doing anything
            raise _OutputError("standard output is closed")
        status = handler(args, out)
        out.flush()  # a full disk shows here, while it can still be reported
        return status
    except _UsageError as exc:
        _report(str(exc))
        return EXIT_USAGE
    except QueryError as exc:
        _report(f"searchlib: {exc}")
        return EXIT_USAGE
    except SearchlibError as exc:
        _report(f"searchlib: {exc}")
        return EXIT_ERROR
    except _OutputError as exc:
        # (After an index change, the change is made: a script must not take the exit
        # status for "nothing changed".)
        done = " (the index was changed all the same)" if out.changed else ""
        _report(f"searchlib: cannot write the output: {exc}{done}")
        _discard_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        _report("searchlib: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`searchlib search … | head`): not an error.
        _discard_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line, keep the traceback for debugging
        if os.environ.get("SEARCHLIB_DEBUG") and sys.stderr is not None:
            traceback.print_exc()
        _report(
            f"searchlib: internal error: {type(exc).__name__}: {exc}"
            " (set SEARCHLIB_DEBUG=1 for details, and please report it)"
        )
        return EXIT_ERROR


def _discard_stdout() -> None:
    """Point stdout at devnull, so that the flush at exit does not fail (and complain) again."""
    if sys.stdout is None:
        return
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
