"""Shared fixtures: the repository's corpus, temporary index folders, a ready engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import searchlib

# Tests assert behaviour, not speed: no per-example deadlines on a slow, busy machine.
settings.register_profile("searchlib", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("searchlib")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ARTICLE = CORPUS / "otg-summit-baku.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never write to the user's real cache folder from a test."""
    monkeypatch.setenv("SEARCHLIB_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[searchlib.SearchEngine]:
    """One engine over the bundled article, on an index in a temporary folder."""
    index = tmp_path_factory.mktemp("engine") / "index"
    with searchlib.SearchEngine(CORPUS, index) as eng:
        yield eng


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private, writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    """A corpus folder of ``articles`` (file name -> text)."""
    for name, text in articles.items():
        write_article(folder, name, text)
    return folder


def write_article(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def bundled_plus(folder: Path, name: str, text: str) -> Path:
    """A corpus folder in ``folder``: the bundled article and one more article, ``name``."""
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    write_article(corpus, name, text)
    return corpus


def run_in_threads(target: Callable[[], object], count: int, *, timeout: float = 120) -> None:
    """Run ``target`` in ``count`` threads at once; re-raise the first error any of them hit."""
    errors: list[BaseException] = []

    def guarded() -> None:
        try:
            target()
        except BaseException as exc:  # reported in the calling thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    if errors:
        raise errors[0]


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SEARCHLIB_DEBUG", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_cli(
    *args: str, cwd: Path | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m searchlib ARGS`` as a user would, with a generous time bound.

    ``cache`` gives the process a cache folder of its own (SEARCHLIB_CACHE_DIR).
    """
    env = subprocess_env()
    if cache is not None:
        env["SEARCHLIB_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "searchlib", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env=env,
    )
