"""Default locations: the bundled corpus, the checkout's index/, the per-user cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from searchlib import _paths
from tests.conftest import ARTICLE, REPO


def test_bundled_corpus_holds_the_article() -> None:
    bundled = _paths.bundled_corpus()
    assert (bundled / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()


def test_cache_dir_honours_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEARCHLIB_CACHE_DIR", str(tmp_path / "c"))
    assert _paths.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("SEARCHLIB_CACHE_DIR")
    monkeypatch.setattr(_paths.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _paths.cache_dir() == tmp_path / "xdg" / "searchlib"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _paths.cache_dir() == Path.home() / ".cache" / "searchlib"
    monkeypatch.setattr(_paths.sys, "platform", "darwin")
    assert _paths.cache_dir() == Path.home() / "Library" / "Caches" / "searchlib"
    monkeypatch.setattr(_paths.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert _paths.cache_dir() == tmp_path / "local" / "searchlib" / "Cache"


def test_checkout_is_recognised_from_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)
    assert _paths.checkout_root() == REPO
    assert _paths.default_index_dir() == REPO / "index"


def test_outside_a_checkout_the_index_goes_to_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEARCHLIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_paths, "_PACKAGE", tmp_path / "site-packages" / "searchlib")
    assert _paths.checkout_root() is None
    assert _paths.default_index_dir() == tmp_path / "cache" / "index"
    other = tmp_path / "my corpus"
    folder = _paths.default_index_dir(other)
    assert folder.parent == tmp_path / "cache" / "indexes" and folder.name.startswith("my corpus-")
    assert folder == _paths.default_index_dir(other)  # stable
    assert folder != _paths.default_index_dir(tmp_path / "another")
    # A folder whose name is not UTF-8 (`d\xffir` on Linux) gets a folder of its own too.
    odd = _paths.default_index_dir(tmp_path / os.fsdecode(b"d\xffir"))
    assert odd.name.startswith("corpus-") and odd != _paths.default_index_dir(tmp_path / "dir")
    odd.name.encode("utf-8")
