"""Reading JSONL document collections: one record a line -> one-paragraph articles.

A record is ``{"id": str, "title": str (optional), "text": str}``; other keys
are ignored.  Files may be gzip-compressed (``.gz``).  Each record becomes an
:class:`~searchlib.Article` with a single paragraph whose id is the record's
id, so search hits map straight back to the collection; quotes inside the
text are found as in articles (ids ``<record id>#q<k>``).

Bad input raises :class:`~searchlib.CorpusError` with the file and line
number: invalid JSON (nested too deeply or with a number too long to read,
too), a missing or duplicate id, a record without text, text that is not
Unicode (a lone surrogate, as from a ``"\\ud800"`` escape), a line longer
than :data:`~searchlib._corpus.MAX_ARTICLE_BYTES` characters, and an id of
the form searchlib gives quotes and paragraphs (``…#q<n>``, ``…#p<n>``,
``…#p<n>.q<k>``), which could collide with one of theirs.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import json
import numbers
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from searchlib._corpus import (
    MAX_ARTICLE_BYTES,
    control_problem,
    make_quotes,
    open_regular,
    shown,
    unicode_problem,
)
from searchlib._errors import CorpusError
from searchlib._models import Article, Paragraph

__all__ = [
    "collection_bytes",
    "int_id",
    "is_jsonl",
    "iter_records",
    "json_lines",
    "read_jsonl",
    "record_article",
    "shown_value",
]


def is_jsonl(path: Path) -> bool:
    """Does ``path`` name a JSONL collection (``.jsonl``, ``.jsonl.gz``, ``.ndjson``)?"""
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


#: The end of the ids searchlib makes for paragraphs (``<article>#p<n>``) and quotes
#: (``<record>#q<n>``, ``<article>#p<n>.q<k>``): a record id of that form could be one of them.
_MADE_ID = re.compile(r"#(?:q[0-9]+|p[0-9]+(?:\.q[0-9]+)?)\Z")


@contextlib.contextmanager
def _open(path: Path) -> Iterator[IO[str]]:
    """The collection's text (gunzipped), if it is a regular file (see ``open_regular``)."""
    with (
        collection_bytes(path) as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
    ):
        yield text


@contextlib.contextmanager
def collection_bytes(path: Path) -> Iterator[IO[bytes]]:
    """The collection's bytes (gunzipped), if it is a regular file (see ``open_regular``)."""
    with contextlib.ExitStack() as stack:
        raw: IO[bytes] = stack.enter_context(open_regular(path, "a JSONL collection"))
        if path.name.lower().endswith(".gz"):
            size = os.fstat(raw.fileno()).st_size
            unzipped = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
            raw = cast(IO[bytes], _Expanding(cast(IO[bytes], unzipped), path, size))
        yield raw


#: How many times its size a gzipped collection may expand, past :data:`_EXPANDING_FROM`
#: bytes: JSON text compresses 3-4 times (the MuSeRC, DaNetQA and novel collections),
#: and 300 KB of newlines gzipped expanded to 300 MB of blank lines, a minute of reading
#: for one record (a gzip bomb: 6 s to refuse now).
_EXPANSION = 100
_EXPANDING_FROM = 16 << 20


class _Expanding(io.BufferedIOBase):
    """A gunzipped stream that stops, with a :class:`CorpusError`, where it has expanded more
    than :data:`_EXPANSION` times the file's size (a gzip bomb, not records)."""

    def __init__(self, stream: IO[bytes], path: Path, size: int) -> None:
        super().__init__()
        self._stream, self._path = stream, path
        self._limit = max(_EXPANDING_FROM, _EXPANSION * size)
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(self._stream.read(-1 if size is None else size))

    def read1(self, size: int = -1) -> bytes:
        return self._counted(self._stream.read1(size))  # type: ignore[attr-defined]

    def _counted(self, block: bytes) -> bytes:
        self._read += len(block)
        if self._read > self._limit:
            raise CorpusError(
                f"{shown(self._path)} expands more than {_EXPANSION} times its size when"
                f" gunzipped (over {self._limit:,} bytes): no JSONL collection does; check"
                " what the file holds",
                path=self._path,
            )
        return block


def _lines(fh: IO[str], path: Path) -> Iterator[str]:
    """The lines of ``fh``; CorpusError for one too long to hold (a file without newlines)."""
    number = 0
    while line := fh.readline(MAX_ARTICLE_BYTES + 1):
        number += 1
        if len(line) > MAX_ARTICLE_BYTES:
            raise CorpusError(
                f"{shown(path)}, line {number}: longer than {MAX_ARTICLE_BYTES:,} characters;"
                " a record is one line of at most that (is this a JSONL file?)",
                path=path,
            )
        yield line


def _check_id(rid: str, where: str, path: Path | None) -> None:
    problem = unicode_problem(rid)
    if problem is not None:
        raise CorpusError(
            f"{where}: the id {rid!a} is not Unicode text ({problem}); fix the id at its source",
            path=path,
        )
    control = control_problem(rid)  # (Unicode text, checked above)
    if control is not None:
        raise CorpusError(
            f"{where}: the id {rid!r:.200} holds {control}: ids are shown one to a line; change it",
            path=path,
        )
    if _MADE_ID.search(rid):
        raise CorpusError(
            f"{where}: the id {rid!r:.200} ends like the ids searchlib gives quotes and paragraphs"
            " (<record id>#q<n>, <article>#p<n>, <article>#p<n>.q<k>), so it could stand for"
            f" one of them; change it (for example {_MADE_ID.sub(_dashed, rid)!r})",
            path=path,
        )


def _dashed(match: re.Match[str]) -> str:
    return "-" + match.group()[1:]


def shown_value(value: object) -> str:
    """A JSON value as a message shows it: its repr, cut at 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def int_id(number: int) -> str | None:
    """The id a record's integer id is kept as (its digits: `5` is the record `"5"`), or
    None for a number of more digits than Python converts (``sys.int_info``)."""
    try:
        return str(number)
    except ValueError:
        return None


def _check(
    record: Any, where: str, path: Path | None, seen: set[str]
) -> tuple[str, str, str | None]:
    if not isinstance(record, Mapping):
        raise CorpusError(
            f"{where}: expected a JSON object, got {type(record).__name__}", path=path
        )
    rid = record.get("id")
    if not isinstance(rid, bool) and isinstance(rid, numbers.Integral):
        rid = int_id(int(rid))  # (numpy's integers too)
        if rid is None:
            raise CorpusError(
                f'{where}: the record\'s "id" is a number too long to be an id; use a string',
                path=path,
            )
    if rid is not None and not isinstance(rid, str):
        raise CorpusError(
            f'{where}: the record\'s "id" must be a string or an integer, not'
            f" {type(rid).__name__} ({shown_value(rid)})",
            path=path,
        )
    if not isinstance(rid, str) or not rid.strip():
        raise CorpusError(f'{where}: the record has no "id" (a non-empty string)', path=path)
    _check_id(rid, where, path)
    if rid in seen:
        raise CorpusError(f"{where}: duplicate id {rid!r:.200}", path=path)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(
            f'{where}: record {rid!r:.200} has no "text" (a non-empty string)', path=path
        )
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise CorpusError(
            f'{where}: record {rid!r:.200} has a "title" that is not a string', path=path
        )
    for name, value in (("text", text), ("title", title)):
        problem = unicode_problem(value) if value is not None else None
        if problem is not None:
            raise CorpusError(
                f'{where}: the "{name}" of record {rid!r:.200} is not Unicode text ({problem});'
                " fix it at its source (or decode with errors='replace')",
                path=path,
            )
    seen.add(rid)
    return rid, text, title or None


def json_lines(
    lines: Iterable[str], source: Path, error: Callable[[str], Exception]
) -> Iterator[tuple[str, Any]]:
    """``(where, value)`` for each non-blank line of JSON; ``error(message)`` for a bad one."""
    name = shown(source)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{where}: invalid JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise error(f"{where}: JSON nested too deeply to read") from exc
        except ValueError as exc:  # a number with more digits than Python converts
            raise error(
                f"{where}: a number too long to read (more than"
                f" {sys.get_int_max_str_digits()} digits)"
                if "digits" in str(exc)
                else f"{where}: invalid JSON ({exc})"
            ) from exc
        yield where, value


def _first_undecodable_line(path: Path) -> int | None:
    """The number of the collection's first line that is not UTF-8 (text is decoded a
    block at a time: the record being read when decoding failed may come before it).

    Read a block at a time (a line may be as long as the file: a hostile one is not
    held whole), lines ending as the reader ends them: CR, LF or CR LF.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, after_cr = 1, False
    try:
        with collection_bytes(path) as stream:
            while block := stream.read(_BLOCK):
                held = len(decoder.getstate()[0])  # (a character's start, from the last block)
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    return line + _line_breaks(block[: max(0, exc.start - held)], after_cr)
                line += _line_breaks(block, after_cr)
                after_cr = block.endswith(b"\r")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line  # (a character cut short at the end of the file)
    except (OSError, EOFError, gzip.BadGzipFile, CorpusError):
        return None
    return None


_BLOCK = 1 << 20  # bytes read at a time where a collection is read as bytes


def _line_breaks(data: bytes, after_cr: bool) -> int:
    """Line ends in ``data`` (CR, LF, or CR LF as one; ``after_cr``: the block before
    ended with a CR, which an LF at the start completes)."""
    count = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return count - 1 if after_cr and data.startswith(b"\n") else count


def _encoding_advice(path: Path) -> str:
    """What to do about a collection that is not UTF-8, from its first bytes: a gzip file
    without ``.gz`` in its name, UTF-16 or UTF-32 (their byte order marks), or another
    encoding."""
    packed = path.name.lower().endswith(".gz")
    try:
        with collection_bytes(path) as stream:  # (a .gz file's: its gunzipped start)
            start = stream.read(4)
    except (OSError, EOFError, gzip.BadGzipFile, CorpusError):
        start = b""
    if start[:2] == b"\x1f\x8b" and not packed:
        return "it is gzip-compressed: name it .jsonl.gz (or .ndjson.gz)"
    if start in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "it is UTF-32: save the collection as UTF-8"
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "it is UTF-16: save the collection as UTF-8"
    return "save the collection as UTF-8"


def iter_records(path: Path) -> Iterator[tuple[str, str, str | None]]:
    """``(id, text, title)`` of each record, validated, in file order.

    The file must be a regular file (a FIFO or a device is refused, not read).
    """
    if not path.exists() or path.is_dir():
        raise CorpusError(f"collection not found: {shown(path)} is not a file", path=path)
    seen: set[str] = set()
    with _open(path) as fh:
        try:
            lines = _lines(fh, path)
            for where, record in json_lines(lines, path, lambda m: CorpusError(m, path=path)):
                yield _check(record, where, path, seen)
        except UnicodeDecodeError as exc:
            line = _first_undecodable_line(path)
            at = f" (line {line})" if line is not None else ""
            raise CorpusError(
                f"{shown(path)}: not UTF-8 text{at}; {_encoding_advice(path)}", path=path
            ) from exc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise CorpusError(f"cannot read {shown(path)}: {exc}", path=path) from exc
    if not seen:
        raise CorpusError(
            f"{shown(path)} holds no records: one JSON object a line is expected", path=path
        )


def record_article(rid: str, text: str, title: str | None = None) -> Article:
    """One record as a one-paragraph article, quotes and speakers included."""
    text = text.strip()
    from searchlib._speech import attribute_article  # noqa: PLC0415 (lazy: search-only apps never need it)

    [quotes] = attribute_article([text])
    paragraph = Paragraph(
        id=rid,
        article=rid,
        number=1,
        text=text,
        quotes=make_quotes(text, quotes, article=rid, paragraph=1, id_prefix=f"{rid}#q"),
    )
    return Article(id=rid, title=title, paragraphs=(paragraph,))


def read_jsonl(path: Path) -> Iterator[Article]:
    """The records of a JSONL collection as articles, validated as they are read."""
    for rid, text, title in iter_records(path):
        yield record_article(rid, text, title)


def documents_to_articles(documents: Iterable[Any]) -> Iterator[Article]:
    """Articles from an iterable of records (mappings with id, text and optional title)."""
    if not isinstance(documents, Iterable) or isinstance(documents, str | bytes | Mapping):
        raise CorpusError(
            'documents must be an iterable of records ({"id", "text", "title"?} mappings),'
            f" not {type(documents).__name__}"
        )
    seen: set[str] = set()
    for number, record in enumerate(documents, start=1):
        rid, text, title = _check(record, f"document {number}", None, seen)
        yield record_article(rid, text, title)
