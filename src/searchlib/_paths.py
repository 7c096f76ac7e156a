"""Default locations: the bundled corpus and where the default index goes.

* The bundled article ships inside the package (``searchlib/corpus``); in a
  source checkout the repository's ``corpus/`` folder is used.
* The default index is the repository's ``index/`` folder when searchlib runs
  from a checkout (the package is imported from ``src/``, or the current
  directory is a searchlib checkout); otherwise a per-user cache folder:
  ``$SEARCHLIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/searchlib`` or
  ``~/.cache/searchlib`` on Linux, ``~/Library/Caches/searchlib`` on macOS,
  ``%LOCALAPPDATA%\\searchlib\\Cache`` on Windows.  Its ``index/`` subfolder
  holds the bundled corpus's index; ``indexes/<name>-<hash>/`` one per other
  corpus folder.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

__all__ = [
    "BUILD_MARKER",
    "BUILD_SIGNATURE",
    "INDEX_FILES",
    "MANIFEST",
    "bundled_corpus",
    "cache_dir",
    "checkout_root",
    "default_index_dir",
    "signed_builds",
]

#: An index folder's manifest (which build is current).
MANIFEST = "searchlib-index.json"
#: A build folder's signature (its files and their sizes) and its in-progress marker.
BUILD_SIGNATURE = "searchlib-build.json"
BUILD_MARKER = ".searchlib-build"
#: Files that make a folder an index or a build of one: corpus scans skip such folders.
INDEX_FILES = frozenset({MANIFEST, BUILD_SIGNATURE, BUILD_MARKER})

_PACKAGE = Path(__file__).resolve().parent


def signed_builds(folder: Path) -> list[str]:
    """The build folders searchlib wrote in an index folder (none where it cannot be read)."""
    try:
        return sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.name.startswith("build-") and (entry / BUILD_MARKER).exists()
        )
    except (OSError, ValueError):  # (a name the system refuses: opening it says so)
        return []


def _is_checkout(root: Path) -> bool:
    try:
        pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return (
        'name = "searchlib"' in pyproject
        and (root / "index").is_dir()
        and (root / "corpus").is_dir()
    )


def checkout_root() -> Path | None:
    """The searchlib source checkout at hand, if any."""
    source_root = _PACKAGE.parent.parent  # src/searchlib -> repository root
    if _PACKAGE.parent.name == "src" and _is_checkout(source_root):
        return source_root
    cwd = Path.cwd()
    return cwd if _is_checkout(cwd) else None


def bundled_corpus() -> Path:
    """The folder holding the bundled article."""
    packaged = _PACKAGE / "corpus"
    if packaged.is_dir():
        return packaged
    source = _PACKAGE.parent.parent / "corpus"
    if source.is_dir():
        return source
    return packaged  # missing: the caller reports it as a CorpusError


def cache_dir() -> Path:
    """searchlib's per-user cache folder (not created here)."""
    override = os.environ.get("SEARCHLIB_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "searchlib" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "searchlib"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "searchlib"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def default_index_dir(corpus: Path | None = None) -> Path:
    """Where the index of ``corpus`` (default: the bundled one) goes when no folder is given."""
    root = checkout_root()
    bundled = (
        corpus is None
        or _same(corpus, bundled_corpus())
        or (root is not None and _same(corpus, root / "corpus"))
    )
    if bundled:
        return root / "index" if root is not None else cache_dir() / "index"
    assert corpus is not None
    resolved = corpus.resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]  # (any bytes of a name)
    name = resolved.name
    if not name or not _is_utf8(name):
        name = "corpus"  # (`d\udcffir`, a non-UTF-8 folder name: the digest tells them apart)
    return cache_dir() / "indexes" / f"{name}-{digest}"


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
