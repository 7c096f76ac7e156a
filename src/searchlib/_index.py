"""The on-disk index: build into a fresh folder, sign it, swap it in atomically, open it.

An index folder looks like this::

    index/
      searchlib-index.json     the manifest: which build is current, its
                               fingerprint, the corpus files it was built from
      .searchlib-lock          the writers' inter-process lock
      build-<time>-<random>/   the current Whoosh index (never modified), with
                               searchlib-build.json: its files, their sizes
                               and the CRC-32 of their contents
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

The signature's checksums are checked lazily, so that opening stays quick:
the table of contents (which Whoosh unpickles) when the build is opened,
every other file before the build is first read (the engine's first search
on it, or an update), once per file in a process (see
:meth:`IndexStore.check_contents`).  Builds signed before there were
checksums are checked by their sizes alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import pickle
import secrets
import shutil
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from whoosh import index as whoosh_index
from whoosh.reading import TermNotFound

from searchlib._codec import (
    FORMAT_ERRORS,
    ArrayFileError,
    SearchlibSegment,
    index_segments,
    open_segment,
)
from searchlib._errors import IndexCorruptedError, SearchIndexError
from searchlib._files import fsync_dir, fsync_file, replace_text
from searchlib._locking import FileLock
from searchlib._models import KINDS
from searchlib._paths import BUILD_MARKER as _MARKER
from searchlib._paths import BUILD_SIGNATURE as _SIGNATURE
from searchlib._paths import MANIFEST, signed_builds
from searchlib._schema import QUOTE_FIELDS, SCHEMA_VERSION, build_schema
from searchlib._spelling import FormTally, SpellingIndex
from searchlib._writer import update_index, write_index
from searchlib.analysis import analyzer_fingerprint

__all__ = [
    "MANIFEST",
    "IndexDocument",
    "IndexStarted",
    "IndexStore",
    "Manifest",
    "current_analysis",
    "fingerprint",
    "rebuild_advice",
    "source_option",
]

#: 2: signed, copy-on-write builds; 3: searchlib's own storage format (searchlib._codec);
#: 4: a document's text stored apart from its other fields (see _codec.segment.stored_blob).
FORMAT = 4
_LOCK = ".searchlib-lock"
_DISPLAY_FORMS = "display-forms.json"
_STALE_TMP_SECONDS = 3600  # a tmp-* folder untouched this long was left by a crash
_HEARTBEAT_SECONDS = 60.0  # a running build touches its tmp-* folder this often
# What Whoosh raises when a file's bytes are damaged (sizes intact).
_DAMAGED_DATA = (
    pickle.UnpicklingError,
    EOFError,
    struct.error,
    zlib.error,
    TermNotFound,
    *FORMAT_ERRORS,
)
# Of those, what only damaged bytes raise (not a query Whoosh fails on).
_DAMAGE_SIGNS = (pickle.UnpicklingError, EOFError, struct.error, zlib.error, ArrayFileError)
# (device, inode, size, mtime, CRC-32) of the files whose contents were checked in
# this process: each is read once, however many engines and builds share it.
_checked: set[tuple[int, int, int, int, int]] = set()
_checked_lock = threading.Lock()
_CHECKED_MAX = 100_000  # forgotten (and checked again when used) beyond this
_SUPERSEDED = ".superseded"
_UNSIGNED = {_SIGNATURE, _SUPERSEDED, "MAIN_WRITELOCK"}
# A build that is no longer current stays this long for readers still on it.
_GRACE_SECONDS = 120.0
DEFAULT_LOCK_TIMEOUT = 30.0


@attrs.frozen(kw_only=True)
class IndexDocument:
    """One document to index (a paragraph or a quote)."""

    id: str
    kind: str
    article: str
    paragraph: int
    text: str
    quote: int | None = None
    parts: tuple[tuple[int, int], ...] | None = None  # a quote's pieces in its paragraph
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
        if self.parts is not None:
            fields["parts"] = [list(part) for part in self.parts]
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
    analysis: str = ""  # analyzer, schema and storage format the build was made with
    format: int = FORMAT  # the index format of the folder (FORMAT: this version's)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
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
    """The analyzer, schema and format this version builds with (see Manifest.analysis)."""
    return _analysis(analyzer_fingerprint(), SCHEMA_VERSION, FORMAT)


def _analysis(analyzer: object, schema: object, format_: object) -> str:
    return f"{analyzer}/{schema}/{format_}"


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


def _vocabulary(ix: Any) -> dict[str, int]:
    """Every whole word of the index ``ix`` -> how many documents hold it (deleted ones too).

    Read from the arrays of each segment's ``words`` fields: no term objects.
    """
    counts: dict[str, int] = {}
    for segment in index_segments(ix):
        terms, _docs = open_segment(ix.storage, segment)
        for field in ("words", QUOTE_FIELDS["words"]):
            if field not in terms.fields:
                continue
            first, end, _ = terms.fields[field]
            frequencies = np.diff(terms.post_starts[first : end + 1].astype(np.int64)).tolist()
            for raw, frequency in zip(terms.term_texts(first, end), frequencies, strict=True):
                word = raw.decode("utf-8")
                counts[word] = counts.get(word, 0) + frequency
    return counts


def _live_counts(ix: Any) -> dict[str, int]:
    """Live (not deleted) documents of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    for segment in index_segments(ix):
        terms, _docs = open_segment(ix.storage, segment)
        deleted = set(segment.deleted_docs())
        for kind in KINDS:
            index = terms.find("kind", kind.encode("utf-8"))
            if index >= 0:
                start, end = terms.postings(index)
                docs = terms.docs[start:end].tolist()
                counts[kind] += len(docs) - sum(1 for d in docs if d in deleted)
    return {k: v for k, v in counts.items() if v}


def _other_format(data: Mapping[str, Any], format_: int) -> Manifest:
    """The manifest of an index in another version's format: what it holds, as far as it says.

    Such an index is never opened; knowing its source lets the engine
    rebuild it from that source, or refuse to replace a collection it cannot
    rebuild (see ``SearchEngine``), instead of losing it silently.
    """
    try:
        source = _source_record(data.get("source"))
    except ValueError:
        source = {}  # damaged: known to hold nothing then (such an index is only replaced)
    build = data.get("build")
    return Manifest(
        build=build if isinstance(build, str) else "",
        fingerprint="",
        source=source,
        counts={},
        created=0.0,
        analysis=_analysis(data.get("analyzer"), data.get("schema"), format_),
        format=format_,
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _source_record(value: object) -> dict[str, Any]:
    """A manifest's source record, its shape checked: ValueError says what is wrong.

    The engine compares it with the corpus (``files``: relative path ->
    ``{"size", "mtime_ns", "sha256"}``) and names its path in messages.
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"its source is {type(value).__name__}, not an object")
    for key in ("kind", "path", "from", "edited_from"):
        if value.get(key) is not None and not isinstance(value[key], str):
            raise ValueError(f"its source {key} is {type(value[key]).__name__}, not a string")
    files = value.get("files")
    if files is None:
        return dict(value)
    if not isinstance(files, dict):
        raise ValueError(f"its source files are {type(files).__name__}, not an object")
    for name, record in files.items():
        if not (
            isinstance(record, dict)
            and isinstance(record.get("sha256"), str)
            and all(_is_int(record.get(k, 0)) for k in ("size", "mtime_ns"))
        ):
            raise ValueError(
                f"the record of corpus file {name!r} is not a file's size, time and hash"
            )
    return dict(value)


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
            " built from (without either, the bundled article is built); a collection made"
            " with from_documents or `index add` has no such source: move the folder aside"
            " to keep its build, and add its records again into a new folder"
        )
    return f"rebuild it with `{command}`"


def _build_name() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(4)


def _damage_advice(index: Path, source: Mapping[str, Any] | None) -> str:
    """:func:`rebuild_advice`, and for an index of a corpus, how to have it rebuilt when needed."""
    fix = rebuild_advice(index, source)
    option = source_option(source or {})
    if option is not None:
        # (With its source named: an engine or command given only the index cannot rebuild.)
        fix += (
            " (or let searchlib rebuild it when it finds damage: repair=True with the"
            f" source given, `--repair {option}`)"
        )
    return fix


def _file_crc(path: Path) -> int:
    """The CRC-32 of a file's bytes (read through a memory map: nothing is copied)."""
    with open(path, "rb") as fh:
        if not os.fstat(fh.fileno()).st_size:
            return 0
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return zlib.crc32(data)


def _remember_checked(key: tuple[int, int, int, int, int]) -> None:
    """Note that the file of ``key`` (device, inode, size, mtime, CRC-32) holds what it should."""
    with _checked_lock:
        if len(_checked) >= _CHECKED_MAX:
            _checked.clear()
        _checked.add(key)


def _segment_checksums(ix: Any) -> dict[str, int]:
    """File name -> CRC-32 as written, of the segment files of index ``ix`` that recorded one."""
    known: dict[str, int] = {}
    for segment in index_segments(ix):
        if isinstance(segment, SearchlibSegment):
            known.update(segment.file_checksums())
    return known


def _sign(build: Path, known: Mapping[str, int] | None = None) -> None:
    """Write the build's signature: that searchlib wrote it, each file's size and CRC-32.

    Written last, just before the folder becomes a build; checked before
    Whoosh opens (and unpickles from) anything in it.  ``known``: checksums
    computed as files were written (segments), or carried over from the
    build whose files were linked in; the other files are read for theirs.
    """
    files = {}
    checksums = {}
    for p in sorted(build.iterdir()):
        if p.is_file() and p.name not in _UNSIGNED and not p.name.endswith(".tmp"):
            fsync_file(p)  # on disk before the manifest can name this build
            files[p.name] = p.stat().st_size
            crc = (known or {}).get(p.name)
            checksums[p.name] = _file_crc(p) if crc is None else crc
    # "files" stays name -> size, as earlier versions read it; they ignore "crc32".
    signature = {"library": "searchlib", "format": FORMAT, "files": files, "crc32": checksums}
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


def _link_files(source: Path, target: Path) -> Callable[[], dict[str, int]]:
    """Hard-link (else copy) the signed files of build ``source`` into ``target``.

    Whoosh never rewrites a file in place (it writes new segments and a new
    table of contents), and searchlib replaces its own files by renaming, so
    the two builds can share the files safely.  Returns a function giving,
    when called, the checksums of ``source``'s signature for the linked files
    that are still the same files in ``target`` (not replaced since).
    """
    signature = json.loads((source / _SIGNATURE).read_bytes())
    checksums = signature.get("crc32")
    linked: dict[str, tuple[int, int, int]] = {}
    for name in signature["files"]:
        src, dst = source / name, target / name
        if dst.exists():
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
            continue
        crc = checksums.get(name) if isinstance(checksums, dict) else None
        if isinstance(crc, int):
            st = dst.stat()
            linked[name] = (st.st_dev, st.st_ino, crc)

    def still_linked() -> dict[str, int]:
        known = {}
        for name, (device, inode, crc) in linked.items():
            with contextlib.suppress(OSError):
                st = (target / name).stat()
                if (st.st_dev, st.st_ino) == (device, inode):
                    known[name] = crc
        return known

    return still_linked


class IndexStarted(Exception):
    """A build meant to start a new index found one another writer made meanwhile
    (``IndexStore.build(new=True)``); nothing was changed."""


def _is_file(path: Path) -> bool:
    """Is ``path`` a file (not a folder)?  False where the system cannot say (a name too
    long for it: the error being reported says so)."""
    try:
        return path.is_file()
    except OSError:
        return False


class IndexStore:
    """One index folder: its manifest, its builds, and swapping them."""

    def __init__(self, path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = path
        self.manifest_path = path / MANIFEST
        self.lock_timeout = lock_timeout
        self._made_folders: list[Path] = []  # folders the last build created, deepest first

    # -- reading ------------------------------------------------------------------

    def manifest_stat(self) -> tuple[int, int, int] | None:
        """A cheap change token for the manifest: (inode, size, mtime_ns), or None."""
        try:
            st = os.stat(self.manifest_path)
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def read_manifest(self, *, named: Mapping[str, Any] | None = None) -> Manifest | None:
        """The current manifest, None when there is no index yet.

        ``named``: the source record (kind, path) of the corpus the user named,
        for the advice of a damaged manifest (which cannot say what it held).
        """
        try:
            raw = self.manifest_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            if _is_file(self.path):
                raise self._not_a_folder() from exc
            raise SearchIndexError(
                f"cannot read the index manifest {self.manifest_path}: {exc.strerror or exc}",
                path=self.path,
            ) from exc
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("library") != "searchlib":
                raise ValueError("not a searchlib manifest")
            format_ = data.get("format")
            if not isinstance(format_, int) or isinstance(format_, bool):
                raise ValueError("no format number")
        except RecursionError as exc:
            raise IndexCorruptedError(
                f"the index manifest {self.manifest_path} is damaged (nested too deeply to read);"
                f" {rebuild_advice(self.path, named)}",
                path=self.path,
            ) from exc
        except ValueError as exc:
            raise IndexCorruptedError(
                f"the index manifest {self.manifest_path} is damaged ({exc});"
                f" {rebuild_advice(self.path, named)}",
                path=self.path,
            ) from exc
        if format_ != FORMAT:
            return _other_format(data, format_)
        try:
            if not data.get("build"):
                raise ValueError("no current build")
            source = _source_record(data.get("source"))
            return Manifest(
                build=str(data["build"]),
                fingerprint=str(data["fingerprint"]),
                source=source,
                counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()},
                created=float(data.get("created") or 0.0),
                generation=int(data.get("generation") or 0),
                analysis=_analysis(data.get("analyzer"), data.get("schema"), format_),
            )
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
            raise IndexCorruptedError(
                f"the index manifest {self.manifest_path} is damaged ({exc});"
                f" {rebuild_advice(self.path, named)}",
                path=self.path,
            ) from exc

    def verify(self, manifest: Manifest) -> Path:
        """Check the build's signature and files before anything is unpickled from them.

        Raises :class:`IndexCorruptedError` when the build folder, its
        signature or a signed file is missing (a build without a signature
        may not be searchlib's: it is never opened), a file's size is not
        the size searchlib wrote (truncated), or the table of contents (which
        Whoosh unpickles) is not the bytes searchlib signed.  The other files'
        contents are left to :meth:`check_contents`.  Returns the build folder.
        """
        build, files, checksums = self._signature(manifest)
        fix = _damage_advice(self.path, manifest.source)
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
        tables = {name: crc for name, crc in checksums.items() if name.endswith(".toc")}
        self._check_files(build, tables, manifest.source, force=False)
        return build

    def _signature(self, manifest: Manifest) -> tuple[Path, dict[str, int], dict[str, int]]:
        """(build folder, file -> size, file -> CRC-32) of ``manifest``'s build, from its signature.

        Builds signed before there were checksums have none (an empty dict).
        """
        build = self.path / manifest.build
        fix = rebuild_advice(self.path, manifest.source)
        if manifest.format != FORMAT:
            age = "an earlier" if manifest.format < FORMAT else "a later"
            raise SearchIndexError(
                f"the index in {self.path} was written by {age} version of searchlib, in a"
                f" storage format this version does not read (format {manifest.format}, this"
                f" version's is {FORMAT}); {fix}",
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
            checksums = signature.get("crc32", {})
            if (
                signature.get("library") != "searchlib"
                or not isinstance(files, dict)
                or not isinstance(checksums, dict)
            ):
                raise ValueError("not a searchlib signature")
            for name, value in (*files.items(), *checksums.items()):
                if (
                    not isinstance(value, int)
                    or isinstance(value, bool)
                    or name in ("", ".", "..")
                    or any(c in name for c in ("/", "\\", "\0"))
                ):
                    raise ValueError(f"bad entry for {name!r}")
        except FileNotFoundError as exc:
            raise IndexCorruptedError(
                f"{build} has no searchlib signature ({_SIGNATURE}): it was not written by"
                f" searchlib, or by a version before 0.2, and Whoosh would unpickle data from"
                f" it, so it is not opened; {fix}",
                path=self.path,
            ) from exc
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise IndexCorruptedError(
                f"the signature of the index build {build} is damaged ({exc}); {fix}",
                path=self.path,
            ) from exc
        return build, files, checksums

    def check_contents(self, manifest: Manifest, *, force: bool = False) -> None:
        """Check the contents of every file of ``manifest``'s build against its signature.

        Raises :class:`IndexCorruptedError` naming the first file whose bytes
        are not those searchlib wrote (or that is missing).  Each file is read
        once in a process (about 30 ms for 100 MB in the page cache): after
        that a file found whole costs a ``stat`` (one changed in place since
        is read again); ``force`` reads every file again.  A build signed
        before there were checksums passes.
        """
        build, _files, checksums = self._signature(manifest)
        self._check_files(build, checksums, manifest.source, force=force)

    def _check_files(
        self,
        build: Path,
        checksums: Mapping[str, int],
        source: Mapping[str, Any] | None,
        *,
        force: bool,
    ) -> None:
        for name, expected in checksums.items():
            path = build / name
            try:
                st = path.stat()
                key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, expected)
                if not force and key in _checked:
                    continue
                actual = _file_crc(path)
            except OSError as exc:
                raise IndexCorruptedError(
                    f"the index file {path} cannot be read ({exc.strerror or exc});"
                    f" {_damage_advice(self.path, source)}",
                    path=self.path,
                ) from exc
            if actual == expected:
                _remember_checked(key)
                continue
            with _checked_lock:
                _checked.discard(key)
            raise IndexCorruptedError(
                f"the index file {path} is damaged (its contents are not what searchlib wrote:"
                f" CRC-32 {actual:08x}, not {expected:08x}); {_damage_advice(self.path, source)}",
                path=self.path,
            )

    def damage(self, manifest: Manifest, error: BaseException) -> IndexCorruptedError | None:
        """The :class:`IndexCorruptedError` behind ``error``, raised reading ``manifest``'s build.

        The build's files are checked again (read again when ``error`` is one
        that only damaged bytes raise, else only those changed since they were
        checked); None when they are whole.  A build without checksums is
        taken to be damaged when ``error`` is one that only damaged bytes raise.
        """
        signs = isinstance(error, _DAMAGE_SIGNS)
        try:
            build, _files, checksums = self._signature(manifest)
            self._check_files(build, checksums, manifest.source, force=signs)
        except IndexCorruptedError as found:
            return found
        except SearchIndexError:
            return None
        if checksums or not signs:
            return None
        return IndexCorruptedError(
            f"the index in {self.path} is damaged ({type(error).__name__}: {error});"
            f" {_damage_advice(self.path, manifest.source)}",
            path=self.path,
        )

    def open(self, manifest: Manifest) -> Any:
        """Open the Whoosh index of ``manifest``'s build (after :meth:`verify`)."""
        build = self.verify(manifest)
        try:
            ix = whoosh_index.open_dir(str(build), schema=build_schema())
            segments = index_segments(ix)
            for segment in segments:
                if not isinstance(segment, SearchlibSegment):
                    raise ValueError(f"segment {segment.segment_id()} is not in searchlib's format")
                open_segment(ix.storage, segment)  # checks each file's tables
        except Exception as exc:  # Whoosh raises many kinds here; all mean a broken index
            raise IndexCorruptedError(
                f"the index in {build} cannot be opened ({type(exc).__name__}: {exc});"
                f" {rebuild_advice(self.path, manifest.source)}",
                path=self.path,
            ) from exc
        return ix

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
        new: bool = False,
    ) -> Manifest:
        """Index ``documents`` into a new build and make it current.

        The build is written by :func:`searchlib._writer.write_index` (with
        ``procs`` processes), as one segment.  ``new``: only where the folder
        has no manifest, checked before and again under the lock as the build
        is made current; else :class:`IndexStarted`, and nothing changes.
        """
        if new and self.manifest_path.exists():
            raise IndexStarted
        tmp = self._new_tmp()
        with self._discarded_on_failure(tmp):
            ix = whoosh_index.create_in(str(tmp), build_schema())
            counts: dict[str, int] = {}
            tally = FormTally()
            beat = _heartbeat(tmp)

            def fields() -> Iterator[dict[str, Any]]:
                for doc in documents:
                    counts[doc.kind] = counts.get(doc.kind, 0) + 1
                    beat()
                    yield doc.fields()

            tally.add_counts(write_index(ix, fields(), procs=procs, on_document=progress))
            replace_text(tmp / _DISPLAY_FORMS, json.dumps(tally.forms(), ensure_ascii=False))
            SpellingIndex.build(_vocabulary(ix), tmp, generation=0)
            written = _segment_checksums(ix)
            ix.close()
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
                if new and self.manifest_path.exists():
                    raise IndexStarted  # (another writer's; this build is removed)
                return self._commit(tmp, manifest, written)

    @contextlib.contextmanager
    def _discarded_on_failure(self, tmp: Path, current: Manifest | None = None) -> Iterator[None]:
        """Remove the unfinished build ``tmp`` if anything fails; OSError -> SearchIndexError.

        ``current``: the manifest of the build being updated (its files are
        checked again when reading them failed, to name a damaged one; its
        source record gives the advice).
        """
        try:
            yield
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            # Folders this build created (the index folder and its missing parents), now
            # empty, go too (a failed `index add` left them); one holding anything stays.
            for folder in self._made_folders:
                try:
                    folder.rmdir()
                except OSError:
                    break
            if isinstance(exc, OSError):
                raise SearchIndexError(
                    f"cannot write the index in {self.path}: {exc.strerror or exc}", path=self.path
                ) from exc
            if isinstance(exc, _DAMAGED_DATA):  # Whoosh reading a damaged build to update it
                found = self.damage(current, exc) if current is not None else None
                if found is not None:
                    raise found from exc
                source = current.source if current is not None else None
                raise IndexCorruptedError(
                    f"the index in {self.path} is damaged ({type(exc).__name__}: {exc});"
                    f" {_damage_advice(self.path, source)}",
                    path=self.path,
                ) from exc
            raise

    def _not_a_folder(self) -> SearchIndexError:
        """The error for an index path that is a file: an index is a folder."""
        return SearchIndexError(
            f"{self.path} is a file, not a folder: an index is a folder of its own (a new or empty"
            " one to build in); a corpus or JSONL file is the corpus, named before it:"
            " SearchEngine(corpus, index) (`--jsonl FILE --index DIR`)",
            path=self.path,
        )

    def _new_tmp(self) -> Path:
        """A fresh ``tmp-*`` folder in the index folder (created, with the build marker)."""
        try:
            # (Removed again, where empty, if the build fails.)
            self._made_folders = [p for p in (self.path, *self.path.parents) if not p.exists()]
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if _is_file(self.path):
                raise self._not_a_folder() from exc
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

    def _commit(self, tmp: Path, manifest: Manifest, known: Mapping[str, int]) -> Manifest:
        """Sign ``tmp``, rename it to a build and point the manifest at it (hold the lock).

        ``known``: checksums of its files computed as they were written (see :func:`_sign`).
        """
        final = self.path / ("build-" + tmp.name.removeprefix("tmp-"))
        _sign(tmp, known)
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

    def orphaned_builds(self) -> list[str]:
        """Builds searchlib wrote in the folder while it has no manifest (one deleted, or a
        first build stopped before its manifest was written): what the folder holds is
        then unknown."""
        try:
            if self.manifest_path.exists():
                return []
        except (OSError, ValueError):  # (a name the system refuses: opening it says so)
            return []
        return signed_builds(self.path)

    def settled_orphans(self) -> list[str]:
        """:meth:`orphaned_builds`, looked at again once a writer at work is done.

        A first build is renamed into place under the writer lock a moment
        before its manifest is written: a process looking then saw builds and no
        manifest, a lost index (one of three `index add` processes at once into a
        new folder refused, now and then).  Builds without a manifest are
        looked at again under the lock; a folder that cannot be locked
        (read-only), or a lock held too long, leaves them as found.
        """
        orphans = self.orphaned_builds()
        if not orphans:
            return orphans
        try:
            with FileLock(self.path / _LOCK, timeout=self.lock_timeout):
                return self.orphaned_builds()
        except SearchIndexError:
            return orphans

    def read_manifest_quietly(self) -> Manifest | None:
        try:
            return self.read_manifest()
        except SearchIndexError:
            return None

    def _write_manifest(self, manifest: Manifest) -> None:
        # (ASCII escapes: a corpus path that is not UTF-8 holds lone surrogates,
        # which cannot be written as UTF-8 but read back from \udcxx exactly.)
        text = json.dumps(manifest.to_json(), ensure_ascii=True, indent=1)
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
            self.check_contents(current)  # (read once in a process: a stat per file after)
            new_source, new_fingerprint = source(current)
            if not optimize and new_fingerprint == current.fingerprint:
                return current  # another writer made this very change while we waited
            tmp = self._new_tmp()
            with self._discarded_on_failure(tmp, current):
                linked = _link_files(self.path / current.build, tmp)
                ix = whoosh_index.open_dir(str(tmp), schema=build_schema())
                added: dict[str, int] = {}
                tally = FormTally()
                beat = _heartbeat(tmp)
                removed = list(dict.fromkeys(remove))
                pending = list(documents)

                def fields() -> Iterator[dict[str, Any]]:
                    for doc in pending:
                        added[doc.kind] = added.get(doc.kind, 0) + 1
                        beat()
                        yield doc.fields()

                surfaces = update_index(
                    ix,
                    remove={"article": removed, "id": [d.id for d in pending]},
                    documents=fields(),
                    optimize=optimize,
                    on_document=progress,
                )
                tally.add_counts(surfaces)
                counts = _live_counts(ix)
                if optimize:
                    SpellingIndex.build(_vocabulary(ix), tmp, generation=current.generation + 1)
                written = _segment_checksums(ix)
                ix.close()
                forms = {**self.display_forms(current), **tally.forms()}
                replace_text(tmp / _DISPLAY_FORMS, json.dumps(forms, ensure_ascii=False))
                updated = attrs.evolve(
                    current,
                    fingerprint=new_fingerprint,
                    source=new_source,
                    counts=counts,
                    generation=current.generation + 1,
                )
                return self._commit(tmp, updated, {**linked(), **written})

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
