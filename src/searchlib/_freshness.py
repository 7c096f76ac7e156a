"""Keeping an index in line with its source: keep it, re-index changed articles, or rebuild.

An :class:`IndexKeeper` holds one engine's index folder and the source it
is built from (a corpus folder or file, a JSONL collection, or none for an
index opened alone) and makes every change to the index: builds, the
per-article updates of a corpus folder, and edits (add, remove, optimize).
It decides, never searches; the engine opens what it returns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from searchlib._corpus import CorpusFile, read_article
from searchlib._index import IndexDocument, IndexStore, Manifest, current_analysis, fingerprint
from searchlib._models import Article
from searchlib._sources import _Source, article_documents, refusal

__all__ = ["IndexKeeper"]

Progress = Callable[[int, int | None], object]


class _StalePlan(Exception):
    """The index changed under a per-article update plan: rebuild instead."""


class IndexKeeper:
    """Makes every change to one index folder, from its source or from given documents.

    ``source`` is None for an index opened alone (:meth:`SearchEngine.open`,
    :meth:`SearchEngine.from_documents`): it can be edited, not rebuilt.
    ``progress(done, total)`` is told how many documents were indexed.
    """

    def __init__(
        self,
        store: IndexStore,
        source: _Source | None,
        *,
        procs: int = 1,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.source = source
        self.procs = procs
        self.progress = progress

    def sync(self, *, force: bool = False) -> tuple[Manifest, bool]:
        """Bring the index in line with the source: (manifest, whether the index changed).

        Unchanged files (same size and time, else same content) keep the
        index.  Changed, added or removed articles of a corpus folder are
        re-indexed on their own, in place; anything else (a JSONL file, a new
        analyzer or layout, more than half the articles) rebuilds.  An index
        the source would replace without being its source (see
        :func:`~searchlib._sources.refusal`) raises :class:`IndexConflictError` and is left alone;
        ``force`` rebuilds whatever the index holds.
        """
        assert self.source is not None
        source, store = self.source, self.store
        named = {"kind": source.kind, "path": str(source.path)} if source.chosen else None
        manifest = None if force else store.read_manifest(named=named)
        files = source.files()
        if manifest is None:
            return self.build(files), True
        refused = refusal(source, manifest, files, store.path)
        recorded = manifest.source.get("files") or {}
        if refused is not None and not recorded:
            raise refused  # nothing to compare: it cannot hold what the source would build
        same_kind = manifest.source.get("kind") == source.record_kind
        hashes = {}
        for f in files:
            rec = recorded.get(f.relative) if same_kind else None
            same = rec is not None and (rec.get("size"), rec.get("mtime_ns")) == (
                f.size,
                f.mtime_ns,
            )
            hashes[f.relative] = str(rec["sha256"]) if same and rec else f.sha256()
        if fingerprint(hashes) == manifest.fingerprint:
            # The index holds exactly what a build would make: keep it.
            stats_changed = any(
                (recorded.get(f.relative) or {}).get("mtime_ns") != f.mtime_ns for f in files
            )
            if same_kind and (set(recorded) != set(hashes) or stats_changed):
                return store.update_source(manifest, source.describe(files, hashes)), False
            return manifest, False
        if refused is not None:
            same_content = {
                name: str((rec or {}).get("sha256")) for name, rec in recorded.items()
            } == hashes
            # Only the analyzer or layout changed since the build: rebuilding loses nothing.
            if not (same_content and same_kind):
                raise refused
        if same_kind and source.kind == "corpus" and manifest.analysis == current_analysis():
            updated = self.update_articles(manifest, files, hashes, recorded)
            if updated is not None:
                return updated, True
        return self.build(files), True

    def update_articles(
        self,
        manifest: Manifest,
        files: Sequence[CorpusFile],
        hashes: dict[str, str],
        recorded: Mapping[str, Any],
    ) -> Manifest | None:
        """Re-index only the articles whose files changed; None when a rebuild is better."""
        assert self.source is not None
        old = {name: str(rec.get("sha256")) for name, rec in recorded.items()}
        changed = {name for name in set(old) | set(hashes) if old.get(name) != hashes.get(name)}
        articles = {name.rsplit(".", 1)[0] for name in changed}
        total = sum(1 for name in hashes if name.endswith(".txt"))
        if len(articles) * 2 > max(total, 1):
            return None
        documents: list[IndexDocument] = []
        by_name = {f.relative: f for f in files}
        for article in sorted(articles):
            text_file = by_name.get(f"{article}.txt")
            if text_file is not None:
                documents.extend(article_documents(read_article(text_file.path, article)))
        described = (self.source.describe(files, hashes), fingerprint(hashes))
        planned_on = (manifest.build, manifest.generation)

        def describe(current: Manifest) -> tuple[dict[str, Any], str]:
            # Changed by another writer since the plan was made (and not into
            # what we want): the per-article plan may be wrong; rebuild instead.
            if (current.build, current.generation) != planned_on and (
                current.fingerprint != described[1]
            ):
                raise _StalePlan
            return described

        try:
            return self.store.update(
                remove=articles,
                documents=documents,
                source=describe,
                progress=self._progress_of(len(documents)),
            )
        except _StalePlan:
            return None

    def build(self, files: Sequence[CorpusFile] | None = None, *, new: bool = False) -> Manifest:
        """Build the whole index from the source (its ``files``, listed again if not given);
        ``new``: only where no index is (see :meth:`IndexStore.build`)."""
        assert self.source is not None
        files = self.source.files() if files is None else files
        hashes = {f.relative: f.sha256() for f in files}
        total = self.source.count() if self.progress is not None else None
        return self.store.build(
            self.source.documents(),
            source=self.source.describe(files, hashes),
            fingerprint=fingerprint(hashes),
            procs=self.procs,
            progress=self._progress_of(total),
            new=new,
        )

    def build_records(self, articles: Sequence[Article], *, new: bool = False) -> Manifest:
        """Build the index of a collection of records (:meth:`SearchEngine.from_documents`);
        ``new``: only where no index is."""
        digest = hashlib.sha256()
        for article in articles:
            for part in (article.id, article.title or "", article.text):
                digest.update(part.encode("utf-8") + b"\0")
        return self.store.build(
            (d for a in articles for d in article_documents(a, titled=True)),
            source={"kind": "documents", "records": len(articles)},
            fingerprint=fingerprint({"documents": digest.hexdigest()}),
            progress=self._progress_of(len(articles)),
            new=new,
        )

    def edit(
        self,
        what: str,
        remove: Iterable[str],
        documents: Sequence[IndexDocument],
        *,
        optimize: bool = False,
    ) -> Manifest:
        """Remove articles or records by id and add ``documents`` (or merge segments).

        The index is then marked as edited (its source no longer rebuilds
        it silently), except by ``optimize``, which changes no document.
        """
        removed = list(remove)

        def describe(current: Manifest) -> tuple[dict[str, Any], str]:
            if optimize:
                return dict(current.source), current.fingerprint
            edited_from = current.source.get("edited_from") or current.source.get("kind")
            mark = hashlib.sha256(f"{current.fingerprint}\0{what}\0{removed}".encode())
            for doc in documents:
                mark.update(f"{doc.id}\0{doc.text}".encode())
            edited: dict[str, Any] = {"kind": "edited", "edited_from": edited_from}
            # Whose index it was: the corpus this engine opened it with (a project moved
            # with its index is at a new path), else the path the index recorded.
            source = self.source
            if source is not None and source.chosen and not source.collection:
                edited["path"] = str(source.path.resolve())
            elif isinstance(current.source.get("path"), str):
                edited["path"] = current.source["path"]
            if current.source.get("bundled") is True:
                edited["bundled"] = True  # (the default engine's own: it rebuilds it)
            return edited, mark.hexdigest()

        return self.store.update(
            remove=removed,
            documents=documents,
            source=describe,
            optimize=optimize,
            progress=self._progress_of(len(documents)),
        )

    def _progress_of(self, total: int | None) -> Callable[[int], object] | None:
        report = self.progress
        if report is None:
            return None
        return lambda done: report(done, total)
