"""Where a build's documents come from: a corpus folder or file, or a JSONL collection.

A :class:`_Source` lists the corpus's files (for the index's fingerprint),
reads its articles and turns them into index documents; the helpers below
say which corpus an index's manifest names, and :func:`refusal` which
indexes a source may replace (never a collection, nor another corpus's
index unless the user named the source).
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from searchlib._corpus import (
    CorpusFile,
    corpus_files,
    load_corpus,
    read_article,
    shown,
    unicode_problem,
)
from searchlib._errors import CorpusError, IndexConflictError
from searchlib._index import IndexDocument, Manifest, source_option
from searchlib._jsonl import collection_bytes, documents_to_articles, is_jsonl, read_jsonl
from searchlib._models import Article
from searchlib._paths import bundled_corpus, checkout_root, signed_builds
from searchlib._settings import check_path

__all__ = [
    "addable_file",
    "article_documents",
    "documents_to_add",
    "foreign",
    "records_refusal",
    "refusal",
]


def article_documents(article: Article, *, titled: bool = False) -> Iterator[IndexDocument]:
    """The index documents of an article: each paragraph, then each of its quotes.

    ``titled`` indexes the article's title with each paragraph (JSONL records,
    where the record is the paragraph).
    """
    for paragraph in article.paragraphs:
        yield IndexDocument(
            id=paragraph.id,
            kind="paragraph",
            article=article.id,
            paragraph=paragraph.number,
            text=paragraph.text,
            speaker=", ".join(paragraph.speakers) or None,
            title=article.title if titled else None,
        )
        for quote in paragraph.quotes:
            yield IndexDocument(
                id=quote.id,
                kind="quote",
                article=article.id,
                paragraph=paragraph.number,
                quote=quote.number,
                parts=quote.parts,
                text=quote.text,
                speaker=quote.speaker,
            )


def addable_file(path: Path) -> Path:
    """``path``, if it is a file that can be added (an article or a JSONL collection)."""
    if not is_jsonl(path) and path.suffix != ".txt":
        raise CorpusError(
            f"cannot add {path}: give an article (.txt) or a JSONL collection", path=path
        )
    return path


def documents_to_add(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
) -> tuple[list[str], list[IndexDocument]]:
    """What :meth:`SearchEngine.add` adds: (the ids it replaces, the index documents).

    ``source`` is an article file (``.txt``: its id is the file name), a
    JSONL collection, or records ``{"id", "text", "title"?}``.
    """
    if isinstance(source, str | os.PathLike):
        path = addable_file(check_path(source, "the file to add"))
        if is_jsonl(path):
            articles, titled = list(read_jsonl(path)), True
        else:
            articles, titled = [read_article(path)], False
    else:
        articles, titled = list(documents_to_articles(source)), True
    documents = [d for a in articles for d in article_documents(a, titled=titled)]
    return [a.id for a in articles], documents


def _count_lines(path: Path) -> int:
    """Lines of a (possibly gzipped) JSONL file: its records, near enough for progress.

    Counted a block at a time: a line may be as long as the file (a hostile one is
    not held whole).
    """
    lines, last = 0, b"\n"
    try:
        with collection_bytes(path) as fh:
            while block := fh.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except (OSError, EOFError, gzip.BadGzipFile, CorpusError):
        return 0
    return lines + (last != b"\n")


class _Source:
    """Where an engine's documents come from: a folder of articles or a JSONL collection.

    ``chosen``: the user named it (not the default, the bundled article).
    ``collection``: the build starts a collection managed with add/remove
    (``searchlib index add`` on a new folder), not a mirror of the file.
    """

    def __init__(self, path: Path, *, chosen: bool = True, collection: bool = False) -> None:
        self.path = path
        self.kind = "jsonl" if is_jsonl(path) else "corpus"
        self.chosen = chosen
        self.collection = collection
        self.bundled = self.kind == "corpus" and _is_bundled_path(path)

    def files(self) -> list[CorpusFile]:
        if self.kind == "corpus":
            return corpus_files(self.path)
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise CorpusError(
                f"collection not found: cannot read {shown(self.path)} ({exc.strerror or exc})",
                path=self.path,
            ) from exc
        if unicode_problem(self.path.name) is not None:  # (as an article file's, see _corpus)
            raise CorpusError(
                f"the name of {shown(self.path)} is not UTF-8 (written in another encoding,"
                " such as cp1251): the index could not record it; rename it in UTF-8",
                path=self.path,
            )
        return [CorpusFile(self.path, self.path.name, stat.st_size, stat.st_mtime_ns)]

    def articles(self) -> Iterator[Article]:
        if self.kind == "jsonl":
            return read_jsonl(self.path)
        return iter(load_corpus(self.path))

    def count(self) -> int:
        """How many documents a build will index (for progress reports)."""
        if self.kind == "jsonl":
            return _count_lines(self.path)
        return sum(1 + len(p.quotes) for a in load_corpus(self.path) for p in a.paragraphs)

    def documents(self) -> Iterator[IndexDocument]:
        for article in self.articles():
            yield from article_documents(article, titled=self.kind == "jsonl")

    @property
    def record_kind(self) -> str:
        """The manifest's source kind for a build of this source."""
        return "documents" if self.collection else self.kind

    def describe(self, files: Sequence[CorpusFile], hashes: dict[str, str]) -> dict[str, Any]:
        described: dict[str, Any] = {"kind": self.record_kind, "path": str(self.path.resolve())}
        if self.collection:
            described["from"] = self.kind
        if self.kind == "corpus":
            described["bundled"] = self.bundled
        described["files"] = {
            f.relative: {"size": f.size, "mtime_ns": f.mtime_ns, "sha256": hashes[f.relative]}
            for f in files
        }
        return described

    @property
    def option(self) -> str:
        """The command line's option naming this source, after a space (none for the
        bundled article: a command without one builds it)."""
        return "" if self.bundled else f" --{self.kind} {self.path}"

    def name(self) -> str:
        """This source, for messages."""
        if self.bundled and not self.chosen:
            return "the bundled article"
        what = "JSONL collection" if self.kind == "jsonl" else "corpus"
        return f"the {what} {self.path}"


def _same_path(a: Path | str | None, b: Path) -> bool:
    if a is None:
        return False
    try:
        return Path(a).resolve() == b.resolve()
    except (OSError, ValueError):
        return False


def _is_bundled_path(path: Path | str | None) -> bool:
    """Is ``path`` the bundled article's folder (packaged, or a checkout's ``corpus/``)?"""
    if _same_path(path, bundled_corpus()):
        return True
    root = checkout_root()
    return root is not None and _same_path(path, root / "corpus")


def _holdings(source: Mapping[str, Any]) -> str:
    """What an index built from manifest source record ``source`` holds, for messages."""
    kind = source.get("kind")
    path = source.get("path")
    if kind == "corpus":
        if source.get("bundled"):
            return "the bundled article"
        return f"the corpus {path}" if path else "a corpus (its path not recorded)"
    if kind == "jsonl":
        return f"the JSONL collection {path}" if path else "a JSONL collection"
    if kind == "documents":
        if path:
            return f"a collection started from {path} with `searchlib index add`"
        records = source.get("records")
        count = f" of {records} records" if isinstance(records, int) else ""
        return f"a collection{count} made with SearchEngine.from_documents"
    if kind == "edited":
        edited_from = source.get("edited_from")
        if edited_from == "corpus" and source.get("bundled"):
            return "the bundled article edited with add/remove"
        if path and edited_from in ("corpus", "jsonl"):
            what = "JSONL collection" if edited_from == "jsonl" else "corpus"
            return f"the {what} {path} edited with add/remove"
        return "a collection edited with add/remove"
    return "documents searchlib cannot rebuild from a corpus"


def refusal(
    source: _Source, manifest: Manifest, files: Sequence[CorpusFile], index: Path
) -> IndexConflictError | None:
    """The error to raise if building ``source`` would replace what the index in ``index`` holds.

    The source may replace an index built from it (the same path, or, for
    the bundled article, any copy of it: the path changes with the
    installation), and any index built from a corpus or JSONL file (also
    one edited since) when the user named the source: that is asking for
    it.  Never, unless the content is the same: an index built from
    records (``from_documents``, ``searchlib index add`` on a new folder)
    or such a collection edited with add/remove, and, for the default
    bundled article, an index of any other corpus.  A manifest of another
    format (unreadable by this version) may be replaced, as before.
    """
    held = manifest.source
    kind = held.get("kind")
    mirrors = ("corpus", "jsonl")
    if not manifest.build:
        if source.chosen or not signed_builds(index):
            return None
        # (A manifest of another version that names no build, beside builds searchlib
        # wrote: what they hold is unknown, and may be a collection with no source.)
        return IndexConflictError(
            f"the index in {index} has a manifest that names no build, beside build folders"
            " searchlib wrote: what it holds is unknown, so nothing was changed; move the"
            " folder aside if it holds a collection you need, name the corpus to rebuild"
            f" it from, or replace it (`searchlib index build --force --index {index}`)",
            path=index,
        )
    if not source.collection:
        if kind in mirrors:
            if source.chosen or (kind == source.kind and _same_path(held.get("path"), source.path)):
                return None
            if source.bundled and kind == "corpus" and _held_bundled(held, files):
                return None
        elif kind == "edited" and held.get("edited_from") in mirrors:
            if source.chosen:
                return None  # a corpus index edited: the corpus brings it back in line
            # The bundled article's own index edited (`SearchEngine().remove(…)`): the
            # default engine brings it back in line, as a named corpus does its own.
            its_own = held.get("bundled") is True or _same_path(held.get("path"), source.path)
            if source.bundled and held.get("edited_from") == "corpus" and its_own:
                return None
    target = source.name()
    option = source_option(held)

    own = ""
    if option is not None:
        own = (
            f"; rebuild it from its own source with SearchEngine({str(held['path'])!r}, index)"
            f" (`searchlib index build --index {index} {option}`)"
        )
    # (The way that loses what the index holds comes last, and says so.)
    return IndexConflictError(
        f"the index in {index} holds {_holdings(held)}, not {target}; building {target}"
        f" there would replace it, so nothing was changed. Search it as it is with"
        f" SearchEngine.open({str(index)!r}) (on the command line: --index {index} without"
        f" --corpus or --jsonl){own}; or replace what it holds with {target}, which loses it,"
        f" with rebuild=True (`searchlib index build --force --index {index}{source.option}`)",
        path=index,
        source=held["path"] if option is not None else None,
    )


def foreign(source: _Source, manifest: Manifest, index: Path) -> IndexConflictError | None:
    """The error to raise when an index used as it is (``auto_build=False``) is not
    ``source``'s: an index of the source, current or not, is used as it is; one of
    another corpus or a collection is not searched as if it were the source's.

    The source's index is one built from its path, or from files of the same names
    and contents elsewhere (the corpus moved with its index, or the bundled article
    installed elsewhere); one edited with add/remove since is the source's too when
    it was edited from the source's path (an index edited before searchlib recorded
    that path is taken as any source's of the kind it was edited from).  A manifest
    naming no build is left to opening, which says what is wrong with it.
    """
    held = manifest.source
    kind = held.get("kind")
    if not manifest.build or source.collection:
        return None
    if kind == "edited" and held.get("edited_from") == source.kind:
        if held.get("path") is None or _same_path(held.get("path"), source.path):
            return None
    elif kind == source.kind:
        if _same_path(held.get("path"), source.path) or _same_files(held, source):
            return None
        if source.bundled and held.get("bundled") is True:
            return None  # (the bundled article of another installation)
    target = source.name()
    return IndexConflictError(
        f"the index in {index} holds {_holdings(held)}, not {target}; with auto_build=False"
        f" an index is used as it is, but only its own source's, so it was not opened."
        f" Search it as it is with SearchEngine.open({str(index)!r}) (on the command line:"
        f" --index {index} without --corpus or --jsonl), or build {target}'s index in another"
        f" folder (`searchlib index build --index OTHER{source.option}`)",
        path=index,
        source=held.get("path") if kind in ("corpus", "jsonl") else None,
    )


def _same_files(held: Mapping[str, Any], source: _Source) -> bool:
    """Does ``source`` hold the files an index records (``held``: its manifest's source),
    by name, size and content?"""
    recorded = held.get("files")
    if not isinstance(recorded, dict):
        return False
    try:
        files = source.files()
    except CorpusError:
        return False
    if {f.relative for f in files} != set(recorded):
        return False
    for f in files:
        rec = recorded[f.relative]
        if not isinstance(rec, dict) or rec.get("size") != f.size:
            return False
    return all(recorded[f.relative].get("sha256") == f.sha256() for f in files)


def records_refusal(manifest: Manifest | None, index: Path) -> IndexConflictError | None:
    """The error to raise if records (``from_documents``) would replace what ``index`` holds.

    They may replace a collection of records, also one edited since (calling
    ``from_documents`` again on the same folder: an app rebuilding from its
    own store); never an index of a corpus or a JSONL file (the bundled
    article's too), also one edited since.  A damaged or unreadable manifest
    may be replaced.
    """
    if manifest is None or not manifest.build:
        return None
    held = manifest.source
    kind = held.get("edited_from") if held.get("kind") == "edited" else held.get("kind")
    if kind not in ("corpus", "jsonl"):
        return None
    return IndexConflictError(
        f"the index in {index} holds {_holdings(held)}; indexing these records"
        f" there would replace it, so nothing was changed. Give from_documents another"
        f" folder, search it as it is with SearchEngine.open({str(index)!r}), or replace it"
        " with from_documents(..., rebuild=True)",
        path=index,
        source=held.get("path") if held.get("kind") in ("corpus", "jsonl") else None,
    )


def _held_bundled(held: Mapping[str, Any], files: Sequence[CorpusFile]) -> bool:
    """Was the index (``held``: its manifest's source) built from the bundled article?"""
    if "bundled" in held:
        return held["bundled"] is True
    if _is_bundled_path(held.get("path")):
        return True
    # Written before manifests said so: the bundled article's files, at any path.
    recorded = held.get("files")
    return isinstance(recorded, dict) and set(recorded) == {f.relative for f in files}
