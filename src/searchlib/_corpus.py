"""Reading a corpus: article files -> Article / Paragraph / Quote values.

A corpus is a folder: every ``*.txt`` file in it (subfolders included,
hidden ones skipped) is one article, UTF-8, one paragraph per non-empty line.
Metadata the text does not carry sits beside it in ``<name>.toml``::

    title = "Токаев посетит Баку для участия в саммите ОТГ"
    source = "BAQ.KZ"

A single ``.txt`` file works as a one-article corpus too.  Any bad file (not
UTF-8, empty, unreadable, bad TOML, a name that is not UTF-8, not a regular
file: a FIFO, a device or a link to one; larger than :data:`MAX_ARTICLE_BYTES`)
raises :class:`~searchlib.CorpusError` naming it, before anything is indexed.
Files are opened without blocking and checked before they are read, so a
FIFO named like an article can never hang a build.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from searchlib._errors import CorpusError
from searchlib._models import Article, Paragraph, Quote
from searchlib._paths import INDEX_FILES, bundled_corpus

if TYPE_CHECKING:
    from searchlib._speech import AttributedQuote

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_METADATA_BYTES",
    "CorpusFile",
    "control_problem",
    "corpus_files",
    "id_problem",
    "load_corpus",
    "make_quotes",
    "open_regular",
    "parse_article",
    "read_article",
    "read_regular",
    "shown",
    "unicode_problem",
]

_META_KEYS = {"title", "source", "url", "published"}
#: The largest article file read (64 MiB, about 30 million Cyrillic letters): a larger
#: one raises CorpusError instead of filling the memory.  Split such a text into articles.
MAX_ARTICLE_BYTES = 64 * 2**20
#: The largest metadata (``.toml``) file read: a few short strings are expected.
MAX_METADATA_BYTES = 2**20
_MIB = 2**20


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` for a message: bytes of a name that is not UTF-8 shown as ``\\xNN``.

    Python gives such bytes as lone surrogates, which no UTF-8 stream (a
    log, a terminal, a web page) can write: a message must never hold one.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def unicode_problem(text: str) -> str | None:
    """What makes ``text`` not Unicode text (a lone surrogate, and where), or None.

    Lone surrogates come from bad decoding (``errors="surrogateescape"``, a
    name that is not UTF-8) or from JSON escapes such as ``"\\ud800"``: they
    cannot be written as UTF-8, so nothing holding one can be indexed.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate ({text[exc.start]!a}) at character {exc.start}"
    return None


_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # (line separators too)


def id_problem(article_id: str) -> str | None:
    """What makes ``article_id`` no id (not Unicode text, or a control character: ids are
    shown one to a line, and `new\nline` split the CLI's output), or None."""
    return unicode_problem(article_id) or control_problem(article_id)


def control_problem(text: str) -> str | None:
    """The first control character of ``text`` (line separators included), and where;
    or None."""
    control = _CONTROL_RE.search(text)
    if control is None:
        return None
    return f"a control character (U+{ord(control.group()):04X}) at character {control.start()}"


def _check_file_name(name: str, path: Path) -> None:
    """A :class:`CorpusError` for a file ``name`` (its article id) that :func:`id_problem`
    refuses: ids are shown one to a line."""
    problem = id_problem(name)
    if problem is not None:
        raise CorpusError(
            f"the name of {name!r} holds {problem}: an article id is shown on one line;"
            " rename the file",
            path=path,
        )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _check_regular(
    path: Path, st: os.stat_result, what: str, limit: int | None, fix: str | None = None
) -> None:
    """CorpusError unless ``st`` (of ``path``) is a regular file of at most ``limit`` bytes.

    ``fix`` says what to do about another kind of file (a corpus's: remove or rename it).
    """
    if not stat.S_ISREG(st.st_mode):
        link = " (through a symbolic link)" if path.is_symlink() else ""
        if fix is None:
            fix = (
                "remove it or rename it so that it does not end in"
                f" {path.suffix or 'its extension'}"
            )
        raise CorpusError(
            f"{shown(path)} is {_kind(st.st_mode)}{link}, not a regular file: {what} must be"
            f" a regular file; {fix}",
            path=path,
        )
    if limit is not None and st.st_size > limit:
        raise CorpusError(
            f"{shown(path)} is too large ({st.st_size / _MIB:.1f} MiB): {what} may be at most"
            f" {limit / _MIB:g} MiB; split it into smaller files",
            path=path,
        )


def open_regular(
    path: Path, what: str = "a corpus file", limit: int | None = None, fix: str | None = None
) -> io.BufferedReader:
    """``path`` opened for reading in binary, if it is a regular file; else CorpusError.

    A FIFO, a device or a folder (or a link to one) is refused before it is
    opened, and again after, on the open file (it may have been swapped
    meanwhile): it is opened without blocking, so the check never waits for
    a writer.  ``limit`` refuses a larger file; ``fix`` is what the error advises for
    another kind of file (see :func:`_check_regular`).
    """
    try:
        _check_regular(path, path.stat(), what, limit, fix)
        fd = os.open(
            path,
            os.O_RDONLY
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_BINARY", 0)
            | getattr(os, "O_CLOEXEC", 0),
        )
    except OSError as exc:
        raise CorpusError(f"cannot read {shown(path)}: {exc.strerror or exc}", path=path) from exc
    except ValueError as exc:  # (a NUL in the path)
        raise CorpusError(f"cannot read {shown(path)}: {exc}", path=path) from exc
    try:
        _check_regular(path, os.fstat(fd), what, limit, fix)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, what: str, limit: int, fix: str | None = None) -> bytes:
    """The bytes of regular file ``path``, at most ``limit`` of them (else CorpusError)."""
    with open_regular(path, what, limit, fix) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise CorpusError(
                f"cannot read {shown(path)}: {exc.strerror or exc}", path=path
            ) from exc
    if len(data) > limit:  # it grew since it was checked
        raise CorpusError(
            f"{shown(path)} is too large: {what} may be at most {limit / _MIB:g} MiB;"
            " split it into smaller files",
            path=path,
        )
    return data


@attrs.frozen
class CorpusFile:
    """A file that makes up the corpus (an article or its metadata) and its identity."""

    path: Path
    relative: str
    size: int
    mtime_ns: int

    def sha256(self) -> str:
        """The file's SHA-256, read a block at a time (CorpusError if it cannot be read)."""
        with open_regular(self.path) as fh:
            try:
                return hashlib.file_digest(fh, "sha256").hexdigest()
            except OSError as exc:
                raise CorpusError(
                    f"cannot read {shown(self.path)}: {exc.strerror or exc}", path=self.path
                ) from exc


def _walk(root: Path) -> Iterator[Path]:
    """The article and metadata files under ``root``, skipping hidden and index folders.

    An index kept inside its corpus folder holds ``.txt`` files of its own
    (the typo table's words): they are not articles.  A folder that cannot be
    listed is a :class:`CorpusError` (its articles would be left out unseen).
    """

    def unreadable(exc: OSError) -> None:
        folder = exc.filename if exc.filename is not None else root
        raise CorpusError(
            f"cannot read the folder {shown(folder)} ({exc.strerror or exc}): its articles"
            " would be left out; make it readable, or move it out of the corpus",
            path=Path(folder),
        ) from exc

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        if INDEX_FILES.intersection(filenames):
            dirnames[:] = []
            continue
        # (`lost+found`, a file system's, is no article folder: root's, often unreadable)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "lost+found")
        for name in sorted(filenames):
            if not name.startswith(".") and name.endswith((".txt", ".toml")):
                yield Path(dirpath) / name


def corpus_files(corpus: Path) -> list[CorpusFile]:
    """The article and metadata files of a corpus folder (or single file), sorted."""
    if not corpus.exists():
        raise CorpusError(f"corpus not found: {shown(corpus)} does not exist", path=corpus)
    if corpus.is_file():
        if corpus.suffix != ".txt":
            raise CorpusError(
                f"not an article file: {shown(corpus)} (expected a .txt file)", path=corpus
            )
        paths, root = [corpus], corpus.parent
        meta = corpus.with_suffix(".toml")
        if _has_metadata(meta):
            paths.append(meta)
    elif corpus.is_dir():
        paths, root = list(_walk(corpus)), corpus
    else:
        raise CorpusError(f"not a file or folder: {shown(corpus)}", path=corpus)
    files = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        if unicode_problem(relative) is not None:
            raise CorpusError(
                f"the name of {shown(path)} is not UTF-8 (written in another encoding, such"
                " as cp1251): its article id could not be stored; rename it in UTF-8"
                " (for example with `convmv -f cp1251 -t utf-8 --notest`)",
                path=path,
            )
        _check_file_name(relative, path)
        try:
            st = path.stat()
        except OSError as exc:
            raise CorpusError(
                f"cannot read {shown(path)}: {exc.strerror or exc}", path=path
            ) from exc
        is_article = path.suffix == ".txt"
        _check_regular(
            path,
            st,
            "an article" if is_article else "a metadata file",
            MAX_ARTICLE_BYTES if is_article else MAX_METADATA_BYTES,
        )
        files.append(CorpusFile(path, relative, st.st_size, st.st_mtime_ns))
    files.sort(key=lambda f: f.relative)
    if not any(f.relative.endswith(".txt") for f in files):
        raise CorpusError(
            f"no articles in {shown(corpus)}: add UTF-8 .txt files, one paragraph a line",
            path=corpus,
        )
    return files


def _decode(path: Path, data: bytes, *, empty_ok: bool = False) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{shown(path)} is not UTF-8 text (bad byte at offset {exc.start}): save it as UTF-8",
            path=path,
        ) from exc
    if not text.strip() and not empty_ok:
        raise CorpusError(
            f"{shown(path)} is empty: an article needs at least one non-empty line", path=path
        )
    return text


def _has_metadata(path: Path) -> bool:
    """Is there something named ``path`` (the ``.toml`` beside an article) to read?

    Anything but a folder counts: a FIFO or a broken link is then refused by
    name, not ignored.
    """
    return os.path.lexists(path) and not path.is_dir()


def _metadata(path: Path) -> dict[str, str]:
    # (An empty file is TOML with no keys: no metadata, as a file of comments is.)
    text = _decode(path, read_regular(path, "a metadata file", MAX_METADATA_BYTES), empty_ok=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{shown(path)} is not valid TOML: {exc}", path=path) from exc
    except RecursionError as exc:
        raise CorpusError(
            f"{shown(path)}: arrays or tables nested too deeply to read; metadata is a few"
            f" strings ({', '.join(sorted(_META_KEYS))})",
            path=path,
        ) from exc
    except ValueError as exc:  # an integer with more digits than Python converts
        raise CorpusError(
            f"{shown(path)}: a number too long to read (more than"
            f" {sys.get_int_max_str_digits()} digits); metadata is a few strings",
            path=path,
        ) from exc
    unknown = set(data) - _META_KEYS
    if unknown:
        raise CorpusError(
            f"{shown(path)}: unknown metadata key(s) {', '.join(sorted(unknown))};"
            f" allowed: {', '.join(sorted(_META_KEYS))}",
            path=path,
        )
    for key, value in data.items():
        if not isinstance(value, str):
            raise CorpusError(f"{shown(path)}: {key} must be a string", path=path)
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
    from searchlib._speech import attribute_article  # noqa: PLC0415 (lazy: search-only apps never need it)

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
    """Read one article file (and its ``.toml`` metadata, if any).

    The id is ``article_id``, by default the file name without ``.txt``.
    Raises :class:`~searchlib.CorpusError` for a file that is not a regular
    file, larger than :data:`MAX_ARTICLE_BYTES`, not UTF-8 or empty, and for
    an id that is not Unicode text (a file name in another encoding).
    """
    path = _as_path(path, "an article")
    if article_id is None:
        article_id = path.stem
        if unicode_problem(article_id) is not None:
            raise CorpusError(
                f"the name of {shown(path)} is not UTF-8 (written in another encoding, such as"
                " cp1251): it cannot be an article id; rename the file in UTF-8",
                path=path,
            )
        _check_file_name(article_id, path)
    else:
        problem = id_problem(article_id)
        if problem is not None:
            raise CorpusError(
                f"the article id {article_id!a} of {shown(path)} is no id ({problem})",
                path=path,
            )
    text = _decode(path, read_regular(path, "an article", MAX_ARTICLE_BYTES))
    meta_path = path.with_suffix(".toml")
    meta: dict[str, Any] = _metadata(meta_path) if _has_metadata(meta_path) else {}
    return parse_article(
        article_id or path.stem, text, title=meta.get("title"), source=meta.get("source")
    )


def load_corpus(corpus: str | os.PathLike[str] | None = None) -> tuple[Article, ...]:
    """Every article of a corpus, parsed (paragraphs, quotes, speakers), without indexing it.

    ``corpus`` is what :class:`~searchlib.SearchEngine` takes: a folder of
    ``.txt`` articles (in path order), one ``.txt`` file, or a JSONL collection
    (each record an article of one paragraph); by default the bundled article.
    """
    from searchlib._jsonl import is_jsonl, read_jsonl  # noqa: PLC0415 (it imports this module)

    path = bundled_corpus() if corpus is None else _as_path(corpus, "a corpus")
    if is_jsonl(path):
        return tuple(read_jsonl(path))
    files = corpus_files(path)
    articles = []
    for f in files:
        if f.relative.endswith(".txt"):
            articles.append(read_article(f.path, f.relative.removesuffix(".txt")))
    return tuple(articles)
