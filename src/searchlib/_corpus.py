"""Reading a corpus: article files -> Article / Paragraph / Quote values.

A corpus is a folder: every ``*.txt`` file in it (subfolders included,
hidden ones skipped) is one article, UTF-8, one paragraph per non-empty line.
Metadata the text does not carry sits beside it in ``<name>.toml``::

    title = "Токаев посетит Баку для участия в саммите ОТГ"
    source = "BAQ.KZ"

A single ``.txt`` file works as a one-article corpus too.  Any bad file (not
UTF-8, empty, unreadable, bad TOML) raises :class:`~searchlib.CorpusError`
naming it, before anything is indexed.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from searchlib._errors import CorpusError
from searchlib._models import Article, Paragraph, Quote
from searchlib._paths import INDEX_FILES
from searchlib._speakers import AttributedQuote, attribute_article

__all__ = [
    "CorpusFile",
    "corpus_files",
    "load_corpus",
    "make_quotes",
    "parse_article",
    "read_article",
]

_META_KEYS = {"title", "source", "url", "published"}


@attrs.frozen
class CorpusFile:
    """A file that makes up the corpus (an article or its metadata) and its identity."""

    path: Path
    relative: str
    size: int
    mtime_ns: int

    def sha256(self) -> str:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError as exc:
            raise CorpusError(
                f"cannot read {self.path}: {exc.strerror or exc}", path=self.path
            ) from exc


def _walk(root: Path) -> Iterator[Path]:
    """The article and metadata files under ``root``, skipping hidden and index folders.

    An index kept inside its corpus folder holds ``.txt`` files of its own
    (the typo table's words): they are not articles.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        if INDEX_FILES.intersection(filenames):
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.endswith((".txt", ".toml")):
                yield Path(dirpath) / name


def corpus_files(corpus: Path) -> list[CorpusFile]:
    """The article and metadata files of a corpus folder (or single file), sorted."""
    if not corpus.exists():
        raise CorpusError(f"corpus not found: {corpus} does not exist", path=corpus)
    if corpus.is_file():
        if corpus.suffix != ".txt":
            raise CorpusError(f"not an article file: {corpus} (expected a .txt file)", path=corpus)
        paths, root = [corpus], corpus.parent
        meta = corpus.with_suffix(".toml")
        if meta.is_file():
            paths.append(meta)
    elif corpus.is_dir():
        paths, root = list(_walk(corpus)), corpus
    else:
        raise CorpusError(f"not a file or folder: {corpus}", path=corpus)
    files = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError as exc:
            raise CorpusError(f"cannot read {path}: {exc.strerror or exc}", path=path) from exc
        files.append(
            CorpusFile(path, path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns)
        )
    files.sort(key=lambda f: f.relative)
    if not any(f.relative.endswith(".txt") for f in files):
        raise CorpusError(
            f"no articles in {corpus}: add UTF-8 .txt files, one paragraph a line", path=corpus
        )
    return files


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path} is not UTF-8 text (bad byte at offset {exc.start}): save it as UTF-8",
            path=path,
        ) from exc
    if not text.strip():
        raise CorpusError(
            f"{path} is empty: an article needs at least one non-empty line", path=path
        )
    return text


def _metadata(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(_decode(path, path.read_bytes()))
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path} is not valid TOML: {exc}", path=path) from exc
    unknown = set(data) - _META_KEYS
    if unknown:
        raise CorpusError(
            f"{path}: unknown metadata key(s) {', '.join(sorted(unknown))};"
            f" allowed: {', '.join(sorted(_META_KEYS))}",
            path=path,
        )
    for key, value in data.items():
        if not isinstance(value, str):
            raise CorpusError(f"{path}: {key} must be a string", path=path)
    return data


def make_quotes(
    text: str,
    attributed: Sequence[AttributedQuote],
    *,
    article: str,
    paragraph: int,
    id_prefix: str,
) -> tuple[Quote, ...]:
    """:class:`Quote` values for the quotes found in one paragraph's ``text``."""
    return tuple(
        Quote(
            id=f"{id_prefix}{k}",
            article=article,
            paragraph=paragraph,
            number=k,
            text=" … ".join(text[s:e] for s, e in q.parts),
            speaker=q.speaker,
            span=(q.parts[0][0], q.parts[-1][1]),
            parts=q.parts,
        )
        for k, q in enumerate(attributed, start=1)
    )


def parse_article(
    article_id: str, text: str, *, title: str | None = None, source: str | None = None
) -> Article:
    """Split ``text`` into paragraphs (non-empty lines) and find their quotes and speakers.

    >>> text = 'Эксперт Анна Петрова:\\n"Рост продолжится", — сказала она.'
    >>> article = parse_article("demo", text)
    >>> [(q.text, q.speaker) for q in article.quotes]
    [('Рост продолжится', 'Анна Петрова')]
    """
    if not isinstance(text, str):
        raise CorpusError(
            f"the text of article {article_id!r} must be a str, not {type(text).__name__}"
            " (decode bytes first: data.decode('utf-8'))"
        )
    text = text.removeprefix("\ufeff")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    attributed = attribute_article(lines)
    paragraphs = []
    for number, (line, quotes) in enumerate(zip(lines, attributed, strict=True), start=1):
        pid = f"{article_id}#p{number}"
        paragraphs.append(
            Paragraph(
                id=pid,
                article=article_id,
                number=number,
                text=line,
                quotes=make_quotes(
                    line, quotes, article=article_id, paragraph=number, id_prefix=f"{pid}.q"
                ),
            )
        )
    return Article(id=article_id, title=title, source=source, paragraphs=tuple(paragraphs))


def _as_path(path: object, what: str) -> Path:
    if isinstance(path, str | os.PathLike):
        return Path(path)
    raise CorpusError(f"{what} must be a path (str or os.PathLike), not {path!r}")


def read_article(path: str | os.PathLike[str], article_id: str | None = None) -> Article:
    """Read one article file (and its ``.toml`` metadata, if any)."""
    path = _as_path(path, "an article")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}", path=path) from exc
    text = _decode(path, data)
    meta_path = path.with_suffix(".toml")
    meta: dict[str, Any] = _metadata(meta_path) if meta_path.is_file() else {}
    return parse_article(
        article_id or path.stem, text, title=meta.get("title"), source=meta.get("source")
    )


def load_corpus(corpus: str | os.PathLike[str]) -> tuple[Article, ...]:
    """Every article of a corpus folder (or the one article of a ``.txt`` file), in path order."""
    files = corpus_files(_as_path(corpus, "a corpus"))
    articles = []
    for f in files:
        if f.relative.endswith(".txt"):
            articles.append(read_article(f.path, f.relative.removesuffix(".txt")))
    return tuple(articles)
