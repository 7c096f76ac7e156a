"""The on-disk index: build into a fresh folder, sign it, swap it in atomically, open it.

An index folder looks like this::

    index/
      searchlib-index.json     the manifest: which build is current, its
                               fingerprint, the corpus files it was built from
      .searchlib-lock          the writers' inter-process lock
      build-<time>-<random>/   the current Whoosh index (never modified), with
                               searchlib-build.json: its files and their sizes
      build-...                replaced builds, kept a while for readers on them
      tmp-...                  a build being written (or left by a crash)

Every change is a new build: a full build writes a new ``tmp-*`` folder; an
update hard-links the current build's files into one and lets Whoosh apply
the change there.  The folder is signed, renamed to ``build-*``, and the
manifest replaced with ``os.replace`` (an atomic rename), under the lock.  A
reader therefore sees the old index or the new one, never a half-built one,
and a failed or killed writer leaves the old index in place.

The fingerprint covers the corpus files' contents, the analyzer and the
schema; a change to any of them makes the index stale, and the engine
rebuilds it.  Only folders holding a searchlib manifest (or nothing but a
README) are written to: searchlib never deletes files it did not create; and
a build is opened only after its signature checks out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import secrets
import shutil
import struct
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term

from searchlib._errors import IndexCorruptedError, SearchIndexError
from searchlib._fastsearch import NUMPY
from searchlib._files import fsync_dir, fsync_file, replace_text
from searchlib._locking import FileLock
from searchlib._models import KINDS
from searchlib._paths import BUILD_MARKER as _MARKER
from searchlib._paths import BUILD_SIGNATURE as _SIGNATURE
from searchlib._paths import MANIFEST
from searchlib._schema import QUOTE_FIELDS, SCHEMA_VERSION, build_schema
from searchlib._spelling import FormTally, SpellingIndex
from searchlib._writer import merge_segments, write_index
from searchlib.analysis import analyzer_fingerprint

__all__ = [
    "MANIFEST",
    "IndexDocument",
    "IndexStore",
    "Manifest",
    "current_analysis",
    "fingerprint",
    "rebuild_advice",
    "source_option",
]

FORMAT = 2  # 2: signed, copy-on-write builds
_LOCK = ".searchlib-lock"
_DISPLAY_FORMS = "display-forms.json"
_STALE_TMP_SECONDS = 3600  # a tmp-* folder untouched this long was left by a crash
_HEARTBEAT_SECONDS = 60.0  # a running build touches its tmp-* folder this often
# What Whoosh raises when a file's bytes are damaged (sizes intact).
_DAMAGED_DATA = (pickle.UnpicklingError, EOFError, struct.error, zlib.error)
_SUPERSEDED = ".superseded"
_UNSIGNED = {_SIGNATURE, _SUPERSEDED, "MAIN_WRITELOCK"}
# A build that is no longer current stays this long for readers still on it.
_GRACE_SECONDS = 120.0
DEFAULT_LOCK_TIMEOUT = 30.0
# Whoosh's posting buffer per writer process.  Its accounting undercounts
# Python objects: 256 made a 1 GB process on 100k paragraphs.  Measured on
# 30k paragraphs: 64 builds as fast as 128 (82 s) and peaks at 450 MB where
# 256 peaked at 630.
_LIMIT_MB = 64


@attrs.frozen(kw_only=True)
class IndexDocument:
    """One document to index (a paragraph or a quote)."""

    id: str
    kind: str
    article: str
    paragraph: int
    text: str
    quote: int | None = None
    speaker: str | None = None
    title: str | None = None

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "article": self.article,
            "paragraph": self.paragraph,
            "group": f"{self.article}#p{self.paragraph}",
            "body": self.text,
        }
        for field, quote_field in QUOTE_FIELDS.items():
            fields[quote_field if self.kind == "quote" else field] = self.text
        if self.quote is not None:
            fields["quote"] = self.quote
        if self.speaker:
            fields["speaker"] = self.speaker
        if self.title:
            fields["title"] = self.title
        return fields


@attrs.frozen(kw_only=True)
class Manifest:
    """What the manifest file records about the current build."""

    build: str
    fingerprint: str
    source: dict[str, Any]
    counts: dict[str, int]
    created: float
    generation: int = 0  # bumped by every in-place update of the build
    analysis: str = ""  # analyzer and schema the build was made with

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "library": "searchlib",
            "build": self.build,
            "generation": self.generation,
            "fingerprint": self.fingerprint,
            "analyzer": analyzer_fingerprint(),
            "schema": SCHEMA_VERSION,
            "source": self.source,
            "counts": self.counts,
            "created": self.created,
        }


def current_analysis() -> str:
    """The analyzer and schema this version of searchlib builds with (see Manifest.analysis)."""
    return f"{analyzer_fingerprint()}/{SCHEMA_VERSION}"


def fingerprint(files: Mapping[str, str]) -> str:
    """Digest of the corpus (relative path -> sha256), the analyzer and the schema."""
    digest = hashlib.sha256()
    for part in (f"format={FORMAT}", analyzer_fingerprint(), SCHEMA_VERSION):
        digest.update(part.encode() + b"\0")
    for name in sorted(files):
        digest.update(f"{name}\0{files[name]}\0".encode())
    return digest.hexdigest()


#: Seconds a second writer waits for the index lock before giving up.
#: Called with the number of documents indexed so far.
Progress = Callable[[int], object]


def _vocabulary(folder: Path) -> dict[str, int]:
    """Every whole word of the index in ``folder`` -> how many documents hold it.

    Read through plain file reads, not Whoosh's memory map: mapping the terms
    file to walk it once added its size to the build's resident memory (140 MB
    on 30,000 paragraphs) for a third faster read.  Each segment is walked on
    its own: Whoosh's multi-segment reader looks every term up in every
    segment (8 times slower on the two segments of a ``procs=2`` build).
    """
    ix = FileStorage(str(folder), supports_mmap=False).open_index(schema=build_schema())
    counts: dict[str, int] = {}
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            for field in ("words", QUOTE_FIELDS["words"]):
                if field not in leaf.schema or not leaf.field_length(field):
                    continue
                for raw, info in leaf.iter_field(field):
                    word = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                    counts[word] = counts.get(word, 0) + int(info.doc_frequency())
    return counts


def source_option(source: Mapping[str, Any]) -> str | None:
    """The CLI option naming the corpus or JSONL file of a manifest's source record, if any."""
    kind, path = source.get("kind"), source.get("path")
    if kind not in ("corpus", "jsonl") or not path:
        return None
    return f"{'--jsonl' if kind == 'jsonl' else '--corpus'} {path}"


def rebuild_advice(index: Path, source: Mapping[str, Any] | None) -> str:
    """How to rebuild the damaged index in ``index``, given its manifest's source record.

    The command names the corpus or JSONL file the index was built from: a
    bare ``index build --force`` builds the bundled article, which would
    replace a collection instead of rebuilding it.
    """
    command = f"searchlib index build --force --index {index}"
    kind = (source or {}).get("kind")
    option = source_option(source or {})
    if option is not None and not (source or {}).get("bundled"):
        return f"rebuild it from its source with `{command} {option}`"
    if kind in ("documents", "edited"):
        return (
            "it holds a collection made by adding records, which it cannot rebuild on its"
            " own: build it again from its sources (`searchlib index add FILE --index DIR` into"
            f" an empty folder, or `{command} --corpus DIR` / `--jsonl FILE`)"
        )
    if source is None:
        return (
            f"rebuild it with `{command}`, adding the `--corpus DIR` or `--jsonl FILE` it was"
            " built from (without either, the bundled article is built)"
        )
    return f"rebuild it with `{command}`"


def _build_name() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(4)


def _sign(build: Path) -> None:
    """Write the build's signature: that searchlib wrote it, and each file's size.

    Written last, just before the folder becomes a build; checked before
    Whoosh opens (and unpickles from) anything in it.
    """
    files = {}
    for p in sorted(build.iterdir()):
        if p.is_file() and p.name not in _UNSIGNED and not p.name.endswith(".tmp"):
            fsync_file(p)  # on disk before the manifest can name this build
            files[p.name] = p.stat().st_size
    signature = {"library": "searchlib", "format": FORMAT, "files": files}
    replace_text(build / _SIGNATURE, json.dumps(signature, indent=1))


def _heartbeat(folder: Path) -> Callable[[], None]:
    """A function to call often while writing into ``folder``: it touches it now and then.

    Other writers sweep ``tmp-*`` folders untouched for an hour (a crashed
    build's); a long build must not look like one.
    """
    last = time.monotonic()

    def beat() -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= _HEARTBEAT_SECONDS:
            last = now
            with contextlib.suppress(OSError):
                os.utime(folder)

    return beat


def _link_files(source: Path, target: Path) -> None:
    """Hard-link (else copy) the signed files of build ``source`` into ``target``.

    Whoosh never rewrites a file in place (it writes new segments and a new
    table of contents), and searchlib replaces its own files by renaming, so
    the two builds can share the files safely.
    """
    signature = json.loads((source / _SIGNATURE).read_bytes())
    for name in signature["files"]:
        src, dst = source / name, target / name
        if dst.exists():
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)


class IndexStore:
    """One index folder: its manifest, its builds, and swapping them."""

    def __init__(self, path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = path
        self.manifest_path = path / MANIFEST
        self.lock_timeout = lock_timeout

    # -- reading ------------------------------------------------------------------

    def manifest_stat(self) -> tuple[int, int, int] | None:
        """A cheap change token for the manifest: (inode, size, mtime_ns), or None."""
        try:
            st = os.stat(self.manifest_path)
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def read_manifest(self) -> Manifest | None:
        """The current manifest, None when there is no index yet."""
        try:
            raw = self.manifest_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SearchIndexError(
                f"cannot read the index manifest {self.manifest_path}: {exc.strerror or exc}",
                path=self.path,
            ) from exc
        try:
            data = json.loads(raw)
            if data.get("library") != "searchlib":
                raise ValueError("not a searchlib manifest")
            if not isinstance(data.get("format"), int):
                raise ValueError("no format number")
            if data["format"] != FORMAT:
                # Written by another version: treat as stale, rebuild.
                return Manifest(build="", fingerprint="", source={}, counts={}, created=0.0)
            if not data.get("build"):
                raise ValueError("no current build")
            return Manifest(
                build=str(data["build"]),
                fingerprint=str(data["fingerprint"]),
                source=dict(data.get("source") or {}),
                counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()},
                created=float(data.get("created") or 0.0),
                generation=int(data.get("generation") or 0),
                analysis=f"{data.get('analyzer')}/{data.get('schema')}",
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise IndexCorruptedError(
                f"the index manifest {self.manifest_path} is damaged ({exc});"
                f" {rebuild_advice(self.path, None)}",
                path=self.path,
            ) from exc

    def verify(self, manifest: Manifest) -> Path:
        """Check the build's signature and files before anything is unpickled from them.

        Raises :class:`IndexCorruptedError` when the build folder, its
        signature or a signed file is missing (a build without a signature
        may not be searchlib's: it is never opened), or a file's size is not
        the size searchlib wrote (truncated).  Returns the build folder.
        """
        build = self.path / manifest.build
        fix = rebuild_advice(self.path, manifest.source)
        if not manifest.build:  # read_manifest's mark for another version's format
            raise SearchIndexError(
                f"the index in {self.path} was written by another version of searchlib; {fix}",
                path=self.path,
            )
        if not build.is_dir():
            raise IndexCorruptedError(
                f"the index in {self.path} is incomplete (build folder {manifest.build!r} is"
                f" missing); {fix}",
                path=self.path,
            )
        try:
            signature = json.loads((build / _SIGNATURE).read_bytes())
            files = signature["files"]
            if signature.get("library") != "searchlib" or not isinstance(files, dict):
                raise ValueError("not a searchlib signature")
        except FileNotFoundError as exc:
            raise IndexCorruptedError(
                f"{build} has no searchlib signature ({_SIGNATURE}): it was not written by"
                f" searchlib, or by a version before 0.2, and Whoosh would unpickle data from"
                f" it, so it is not opened; {fix}",
                path=self.path,
            ) from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptedError(
                f"the signature of the index build {build} is damaged ({exc}); {fix}",
                path=self.path,
            ) from exc
        for name, size in files.items():
            try:
                actual = (build / name).stat().st_size
            except OSError:
                raise IndexCorruptedError(
                    f"the index file {build / name} is missing; {fix}", path=self.path
                ) from None
            if actual != size:
                raise IndexCorruptedError(
                    f"the index file {build / name} is damaged ({actual} bytes, searchlib wrote"
                    f" {size}); {fix}",
                    path=self.path,
                )
        return build

    def open(self, manifest: Manifest) -> Any:
        """Open the Whoosh index of ``manifest``'s build (after :meth:`verify`)."""
        build = self.verify(manifest)
        try:
            return whoosh_index.open_dir(str(build), schema=build_schema())
        except Exception as exc:  # Whoosh raises many kinds here; all mean a broken index
            raise IndexCorruptedError(
                f"the index in {build} cannot be opened ({type(exc).__name__}: {exc});"
                f" {rebuild_advice(self.path, manifest.source)}",
                path=self.path,
            ) from exc

    # -- writing ------------------------------------------------------------------

    def _check_ours(self) -> None:
        """Refuse to write into a folder that holds files searchlib did not create."""
        if self.manifest_path.exists() or not self.path.exists():
            return
        foreign = [
            p.name
            for p in self.path.iterdir()
            if p.name not in ("README.md", ".gitignore", ".gitkeep", _LOCK, f"{_LOCK}.queue")
            and not p.name.startswith(("build-", "tmp-", f".{MANIFEST}."))
        ]
        if foreign:
            shown = ", ".join(sorted(foreign)[:3]) + ("..." if len(foreign) > 3 else "")
            raise SearchIndexError(
                f"{self.path} is not a searchlib index folder (it holds {shown});"
                " choose an empty or new folder for the index",
                path=self.path,
            )

    def build(
        self,
        documents: Iterable[IndexDocument],
        *,
        source: dict[str, Any],
        fingerprint: str,
        procs: int = 1,
        progress: Progress | None = None,
    ) -> Manifest:
        """Index ``documents`` into a new build and make it current.

        The build is written by :func:`searchlib._writer.write_index`: one
        segment, or with ``procs`` > 1 the segments of that many processes,
        left unmerged (``optimize`` merges them).
        """
        tmp = self._new_tmp()
        with self._discarded_on_failure(tmp):
            ix = whoosh_index.create_in(str(tmp), build_schema())
            counts: dict[str, int] = {}
            tally = FormTally()
            beat = _heartbeat(tmp)

            def fields() -> Iterator[dict[str, Any]]:
                for doc in documents:
                    counts[doc.kind] = counts.get(doc.kind, 0) + 1
                    if doc.kind == "paragraph":
                        tally.add(doc.text)
                    beat()
                    yield doc.fields()

            write_index(ix, fields(), procs=procs, on_document=progress)
            replace_text(tmp / _DISPLAY_FORMS, json.dumps(tally.forms(), ensure_ascii=False))
            ix.close()
            if NUMPY:
                SpellingIndex.build(_vocabulary(tmp), tmp, generation=0)
            manifest = Manifest(
                build="",
                fingerprint=fingerprint,
                source=source,
                counts=counts,
                created=time.time(),
                analysis=current_analysis(),
            )
            # Swap under the lock, so that concurrent writers never remove
            # each other's new build.
            with FileLock(self.path / _LOCK, timeout=self.lock_timeout):
                return self._commit(tmp, manifest)

    @contextlib.contextmanager
    def _discarded_on_failure(
        self, tmp: Path, source: Mapping[str, Any] | None = None
    ) -> Iterator[None]:
        """Remove the unfinished build ``tmp`` if anything fails; OSError -> SearchIndexError.

        ``source``: the source record of the build being updated (for the advice
        when its data turns out damaged).
        """
        try:
            yield
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise SearchIndexError(
                    f"cannot write the index in {self.path}: {exc.strerror or exc}", path=self.path
                ) from exc
            if isinstance(exc, _DAMAGED_DATA):  # Whoosh reading a damaged build to update it
                raise IndexCorruptedError(
                    f"the index in {self.path} is damaged ({type(exc).__name__}: {exc});"
                    f" {rebuild_advice(self.path, source)}",
                    path=self.path,
                ) from exc
            raise

    def _new_tmp(self) -> Path:
        """A fresh ``tmp-*`` folder in the index folder (created, with the build marker)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SearchIndexError(
                f"cannot create the index folder {self.path}: {exc.strerror or exc};"
                " pass a writable folder (--index DIR)",
                path=self.path,
            ) from exc
        self._check_ours()
        tmp = self.path / f"tmp-{_build_name()}"
        try:
            tmp.mkdir()
            (tmp / _MARKER).write_text("searchlib index build\n", encoding="utf-8")
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SearchIndexError(
                f"cannot write the index in {self.path}: {exc.strerror or exc}", path=self.path
            ) from exc
        return tmp

    def _commit(self, tmp: Path, manifest: Manifest) -> Manifest:
        """Sign ``tmp``, rename it to a build and point the manifest at it (hold the lock)."""
        final = self.path / ("build-" + tmp.name.removeprefix("tmp-"))
        _sign(tmp)
        fsync_dir(tmp)
        previous = self.read_manifest_quietly()
        os.rename(tmp, final)
        manifest = attrs.evolve(manifest, build=final.name)
        try:
            self._write_manifest(manifest)
        except BaseException:
            # Interrupted: remove the build only if the manifest did not switch to it.
            current = self.read_manifest_quietly()
            if current is None or current.build != final.name:
                shutil.rmtree(final, ignore_errors=True)
            raise
        if previous is not None and previous.build and previous.build != final.name:
            with contextlib.suppress(OSError):
                (self.path / previous.build / _SUPERSEDED).touch()
        self._collect_garbage(keep={final.name})
        return manifest

    def read_manifest_quietly(self) -> Manifest | None:
        try:
            return self.read_manifest()
        except SearchIndexError:
            return None

    def _write_manifest(self, manifest: Manifest) -> None:
        text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1)
        replace_text(self.manifest_path, text, durable=True)

    def spelling(self, manifest: Manifest) -> SpellingIndex | None:
        """The build's typo-candidate table (None if missing: Whoosh's search is used)."""
        return SpellingIndex.load(self.path / manifest.build)

    def update(
        self,
        *,
        remove: Iterable[str] = (),
        documents: Iterable[IndexDocument] = (),
        source: Callable[[Manifest], tuple[dict[str, Any], str]],
        optimize: bool = False,
        progress: Progress | None = None,
    ) -> Manifest:
        """A new build: the current one without the articles ``remove``, plus ``documents``.

        Copy on write: the current build's files are hard-linked (or copied)
        into a new folder, Whoosh applies the change there, and the manifest
        is switched to it, exactly as a full build is.  A crash at any point
        leaves the old build current and whole.  Writers take turns: the
        whole update holds the index lock (waiting up to ``lock_timeout``
        seconds for it), and starts from the build current at that moment.
        ``source(current)`` gives the new manifest's source record and
        fingerprint; when that fingerprint is the current one (another
        process made the same change first), nothing is written.
        ``optimize`` merges all segments into one and refreshes the spelling
        tables from the whole vocabulary.
        """
        with FileLock(self.path / _LOCK, timeout=self.lock_timeout):
            current = self.read_manifest()
            if current is None or not current.build:
                raise SearchIndexError(f"no index in {self.path} to update", path=self.path)
            self.verify(current)
            new_source, new_fingerprint = source(current)
            if not optimize and new_fingerprint == current.fingerprint:
                return current  # another writer made this very change while we waited
            tmp = self._new_tmp()
            with self._discarded_on_failure(tmp, current.source):
                _link_files(self.path / current.build, tmp)
                ix = whoosh_index.open_dir(str(tmp), schema=build_schema())
                added: dict[str, int] = {}
                tally = FormTally()
                writer = ix.writer(limitmb=_LIMIT_MB)
                try:
                    for article in dict.fromkeys(remove):
                        writer.delete_by_term("article", article)
                    beat = _heartbeat(tmp)
                    for doc in documents:
                        writer.delete_by_term("id", doc.id)
                        writer.add_document(**doc.fields())
                        added[doc.kind] = added.get(doc.kind, 0) + 1
                        if doc.kind == "paragraph":
                            tally.add(doc.text)
                        if progress is not None:
                            progress(sum(added.values()))
                        beat()
                except BaseException:
                    writer.cancel()
                    raise
                if optimize:
                    writer.commit(merge=False)
                    merge_segments(ix)  # streaming: far faster than Whoosh's optimize
                else:
                    writer.commit()
                with ix.searcher() as searcher:
                    # Deleted documents not yet merged away still count in
                    # Whoosh's term statistics; count the live ones.
                    counts = {
                        kind: sum(1 for _ in searcher.docs_for_query(Term("kind", kind)))
                        for kind in KINDS
                    }
                ix.close()
                if optimize and NUMPY:
                    SpellingIndex.build(_vocabulary(tmp), tmp, generation=current.generation + 1)
                forms = {**self.display_forms(current), **tally.forms()}
                replace_text(tmp / _DISPLAY_FORMS, json.dumps(forms, ensure_ascii=False))
                updated = attrs.evolve(
                    current,
                    fingerprint=new_fingerprint,
                    source=new_source,
                    counts={k: v for k, v in counts.items() if v},
                    generation=current.generation + 1,
                )
                return self._commit(tmp, updated)

    def display_forms(self, manifest: Manifest) -> dict[str, str]:
        """The build's table of how words are usually written (empty if missing or damaged)."""
        try:
            data = json.loads((self.path / manifest.build / _DISPLAY_FORMS).read_bytes())
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def update_source(self, manifest: Manifest, source: dict[str, Any]) -> Manifest:
        """Record new file stats for an unchanged build (files touched, content the same)."""
        updated = attrs.evolve(manifest, source=source)
        try:
            with FileLock(self.path / _LOCK, timeout=self.lock_timeout):
                if self.read_manifest_quietly() != manifest:
                    return manifest  # changed meanwhile: leave the newer manifest alone
                self._write_manifest(updated)
        except (OSError, SearchIndexError):
            return manifest  # read-only or busy index folder: the stats are only a shortcut
        return updated

    def _collect_garbage(self, keep: set[str]) -> None:
        """Remove old builds and the temporary folders of crashed builds.

        A build that is no longer current is kept for a grace period, so that
        readers in other processes that have just read the old manifest can
        still open it; a ``tmp-*`` folder, for an hour (another process may be
        building into it).
        """
        now = time.time()
        for entry in self.path.iterdir():
            if entry.name.startswith(f".{MANIFEST}.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):  # left by a writer killed mid-write
                    if now - entry.stat().st_mtime > _STALE_TMP_SECONDS:
                        entry.unlink()
                continue
            if entry.name in keep or not (entry / _MARKER).exists():
                continue
            if entry.name.startswith("build-"):
                marker = entry / _SUPERSEDED
                stamp = marker if marker.exists() else entry / _SIGNATURE
                limit = _GRACE_SECONDS
            elif entry.name.startswith("tmp-"):
                stamp, limit = entry, _STALE_TMP_SECONDS
            else:
                continue
            try:
                age = now - stamp.stat().st_mtime
            except OSError:
                age = float("inf")  # unsigned: a build that never became current
            if age > limit:
                shutil.rmtree(entry, ignore_errors=True)
