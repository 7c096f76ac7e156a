"""Reading JSONL document collections: one record a line -> one-paragraph articles.

A record is ``{"id": str, "title": str (optional), "text": str}``; other keys
are ignored.  Files may be gzip-compressed (``.gz``).  Each record becomes an
:class:`~searchlib.Article` with a single paragraph whose id is the record's
id, so search hits map straight back to the collection; quotes inside the
text are found as in articles (ids ``<record id>#q<k>``).

Bad input raises :class:`~searchlib.CorpusError` with the file and line
number: invalid JSON, a missing or duplicate id, a record without text.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from searchlib._corpus import make_quotes
from searchlib._errors import CorpusError
from searchlib._models import Article, Paragraph
from searchlib._speakers import attribute_article

__all__ = ["is_jsonl", "iter_records", "json_lines", "read_jsonl", "record_article"]


def is_jsonl(path: Path) -> bool:
    """Does ``path`` name a JSONL collection (``.jsonl``, ``.jsonl.gz``, ``.ndjson``)?"""
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def _open(path: Path) -> IO[str]:
    try:
        if path.name.lower().endswith(".gz"):
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}", path=path) from exc


def _check(
    record: Any, where: str, path: Path | None, seen: set[str]
) -> tuple[str, str, str | None]:
    if not isinstance(record, Mapping):
        raise CorpusError(
            f"{where}: expected a JSON object, got {type(record).__name__}", path=path
        )
    rid = record.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        raise CorpusError(f'{where}: the record has no "id" (a non-empty string)', path=path)
    if rid in seen:
        raise CorpusError(f"{where}: duplicate id {rid!r}", path=path)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f'{where}: record {rid!r} has no "text" (a non-empty string)', path=path)
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise CorpusError(f'{where}: record {rid!r} has a "title" that is not a string', path=path)
    seen.add(rid)
    return rid, text, title or None


def json_lines(
    lines: Iterable[str], source: Path, error: Callable[[str], Exception]
) -> Iterator[tuple[str, Any]]:
    """``(where, value)`` for each non-blank line of JSON; ``error(message)`` for a bad one."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{where}: invalid JSON ({exc.msg})") from exc


def iter_records(path: Path) -> Iterator[tuple[str, str, str | None]]:
    """``(id, text, title)`` of each record, validated, in file order."""
    if not path.is_file():
        raise CorpusError(f"collection not found: {path} is not a file", path=path)
    seen: set[str] = set()
    where = f"{path}, line 1"
    with _open(path) as fh:
        try:
            for where, record in json_lines(fh, path, lambda m: CorpusError(m, path=path)):
                yield _check(record, where, path, seen)
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"{path}: not UTF-8 text (after {where}); save the collection as UTF-8",
                path=path,
            ) from exc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise CorpusError(f"cannot read {path}: {exc}", path=path) from exc
    if not seen:
        raise CorpusError(f"{path} holds no records: one JSON object a line is expected", path=path)


def record_article(rid: str, text: str, title: str | None = None) -> Article:
    """One record as a one-paragraph article, quotes and speakers included."""
    text = text.strip()
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
