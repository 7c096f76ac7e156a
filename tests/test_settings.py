"""Settings are checked in one place: every unusable one is a SettingsError saying what it must be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from searchlib import Ranking, SearchEngine, SearchlibError, SettingsError, evaluate
from tests.conftest import CORPUS

BAD_ENGINE_SETTINGS = [
    ({"snippet_chars": 5}, "snippet_chars must be an integer of at least 20"),
    ({"snippet_chars": True}, "snippet_chars must be an integer"),
    ({"lock_timeout": -1}, "lock_timeout must be a number of seconds"),
    ({"lock_timeout": float("nan")}, "lock_timeout"),
    ({"timeout": 0}, "timeout must be a positive number of seconds"),
    ({"timeout": float("inf")}, "timeout"),
    ({"timeout": "1"}, "timeout"),
    ({"timeout": 10**5000}, "not an integer of 5001 digits"),
    ({"lock_timeout": -(10**5000)}, "not a negative integer of 5001 digits"),
    ({"max_expansions": 0}, "max_expansions must be an integer from 1 to 10000"),
    ({"max_expansions": 10_001}, "max_expansions"),
    ({"procs": 0}, "procs must be an integer from 1 to 64 or None"),
    ({"procs": 65}, "procs must be an integer from 1 to 64 or None"),
    ({"repair": "yes"}, "repair must be True or False"),
    ({"rebuild": 1}, "rebuild must be True or False"),
    ({"auto_build": None}, "auto_build must be True or False"),
    ({"progress": 5}, "progress must be a function"),
    ({"ranking": {"stems": 1}}, "ranking must be a searchlib.Ranking"),
]


@pytest.mark.parametrize(("settings", "message"), BAD_ENGINE_SETTINGS)
def test_a_bad_engine_setting_is_a_settings_error_that_says_what_it_must_be(
    tmp_path: Path, settings: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message) as caught:
        SearchEngine(CORPUS, tmp_path / "ix", **settings)  # type: ignore[arg-type]
    assert isinstance(caught.value, SearchlibError) and isinstance(caught.value, ValueError)
    assert not (tmp_path / "ix").exists()  # refused before anything was written


def test_open_and_from_documents_check_the_same_settings(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="timeout"):
        SearchEngine.open(tmp_path / "ix", timeout=-1)
    with pytest.raises(SettingsError, match="max_expansions"):
        SearchEngine.from_documents(
            [{"id": "a", "text": "текст"}], tmp_path / "ix", max_expansions=0
        )
    with pytest.raises(SettingsError, match="index must be a path"):
        SearchEngine.open(7)  # type: ignore[arg-type]


def test_a_path_that_no_file_can_have_is_refused(tmp_path: Path) -> None:
    """A NUL inside, or a PathLike of bytes: a SettingsError, not Python's ValueError."""

    class BytesPath(os.PathLike[bytes]):
        def __fspath__(self) -> bytes:
            return b"/tmp/somewhere"

    documents = [{"id": "a", "text": "текст"}]
    for call, message in (
        (lambda: SearchEngine(index="a\0b"), "index holds a NUL character"),
        (lambda: SearchEngine.open("a\0b"), "index holds a NUL"),
        (lambda: SearchEngine.from_documents(documents, "a\0b"), "index holds a NUL"),
        (lambda: SearchEngine("a\0b.jsonl", tmp_path / "ix"), "corpus holds a NUL"),
        (lambda: SearchEngine.from_documents("a\0b.jsonl", tmp_path / "ix"), "holds a NUL"),
        (lambda: SearchEngine(BytesPath(), tmp_path / "ix"), "corpus must be a path as text"),
        (lambda: SearchEngine.open(BytesPath()), "index must be a path as text"),
    ):
        with pytest.raises(SettingsError, match=message):
            call()
    with SearchEngine.from_documents(documents, tmp_path / "ix") as engine:
        with pytest.raises(SettingsError, match="the file to add holds a NUL"):
            engine.add("a\0b.jsonl")
        with pytest.raises(SettingsError, match="the queries file holds a NUL"):
            evaluate(engine, "q\0.jsonl", {"q": {"a": 1}})
        with pytest.raises(SettingsError, match="force must be True or False"):
            engine.build(force="yes")  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix"]


def test_an_empty_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`Path("")` is the current folder: it was indexed as a corpus, or opened as an index."""
    monkeypatch.chdir(tmp_path)
    for call in (
        lambda: SearchEngine(""),
        lambda: SearchEngine(CORPUS, ""),
        lambda: SearchEngine.open(""),
        lambda: SearchEngine.from_documents([{"id": "a", "text": "текст"}], ""),
    ):
        with pytest.raises(SettingsError, match="must be a path, not an empty string"):
            call()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"stems": -1}, "stems must be a number from 0 to 1,000,000"),
        ({"k1": True}, "k1 must be a number from 0"),
        ({"names": 1e160}, "names must be a number from 0 to 1,000,000"),
        ({"pairs": float("nan")}, "pairs"),
        ({"b": 1.5}, "b must be a number between 0 and 1"),
        ({"log_lengths": "no"}, "log_lengths must be True or False"),
        ({"word_classes": 1}, "word_classes must be True or False"),
    ],
)
def test_a_bad_ranking_field_is_a_settings_error(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Ranking(**fields)  # type: ignore[arg-type]
