"""README.md and docs/ stay true: their examples work, links resolve, the API and CLI are covered.

Query examples are run on the bundled article (issue 15, item 12: examples
that found nothing there misled new users).
"""

from __future__ import annotations

import gzip
import json
import re
import shlex
from pathlib import Path

import pytest

from searchlib import SearchEngine
from tests.conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in (REPO / "docs").glob("*.md")}
QUERIES = DOCS["queries.md"]
ALL_TEXT = README + "".join(DOCS.values())

# (as written in the README, the query, what the README promises)
SEARCHES = [
    ("`интеграц*`", "интеграц*", None),
    ("`инт*ции`", "инт*ции", None),
    ("`Карабахкой~`", "Карабахкой~", None),
    ("`byntuhfwbz`", "byntuhfwbz", "интеграция"),
    ("``vjkjl`;m``", "vjkjl`;m", "молодёжь"),
    ("`«средний коридор»`", "«средний коридор»", None),
    ("`speaker:Лаврина`", "speaker:Лаврина", None),
]


@pytest.mark.parametrize(("written", "query", "corrected"), SEARCHES)
def test_readme_query_examples_find_something_on_the_bundled_article(
    engine: SearchEngine, written: str, query: str, corrected: str | None
) -> None:
    assert written in QUERIES
    results = engine.search(query)
    assert results.total > 0, query
    assert results.corrected_query == corrected


def test_readme_completion_example_completes_on_the_bundled_article(engine: SearchEngine) -> None:
    assert "(`тюр` → `тюркского`, `тюркские`…)" in DOCS["python-api.md"]
    assert engine.complete("тюр")[:2] == ["тюркского", "тюркские"]


def test_docs_have_no_examples_that_find_nothing_on_the_bundled_article() -> None:
    for dead in ("`ghbdtn`", "`моск`", "`инт*ция`", "`vjkjl`;m`"):
        # (As a code span of its own: ``vjkjl`;m`` holds the broken one.)
        assert re.search(f"(?<!`){re.escape(dead)}(?!`)", ALL_TEXT) is None, dead


def test_the_readme_is_short_and_its_links_resolve() -> None:
    assert len(README) < 12_000
    for page, text in [("README.md", README), *((f"docs/{n}", t) for n, t in DOCS.items())]:
        base = REPO if page == "README.md" else REPO / "docs"
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
            assert (base / target).exists(), (page, target)


def test_every_public_name_is_documented() -> None:
    import searchlib

    api = DOCS["python-api.md"]
    missing = [name for name in searchlib.__all__ if name not in api]
    assert not missing


def test_every_cli_command_and_option_is_documented() -> None:
    import argparse

    from searchlib._cli import _build_parser

    page = DOCS["command-line.md"]
    pending: list[argparse.ArgumentParser] = [_build_parser()]
    seen = 0
    while pending:
        parser = pending.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    assert re.search(rf"searchlib (index )?{name}\b", page), name
                    pending.append(sub)
            for option in action.option_strings:
                if option.startswith("--") and option not in ("--help", "--version"):
                    assert option in page, (parser.prog, option)
                    seen += 1
    assert seen > 20


def test_the_readme_python_example_runs(tmp_path: Path) -> None:
    block = re.search(r"```python\n(import searchlib.*?)```", README, re.S)
    assert block is not None
    code = block.group(1)
    assert "SearchEngine()" in code
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # (the bundled article, as a user runs it)
    assert namespace["results"].total > 0  # type: ignore[attr-defined]
    assert namespace["quotes"].total > 0  # type: ignore[attr-defined]
    said = namespace["said"]
    assert isinstance(said, list) and len(said) == 5
    assert {q.speaker for q in said} == {"Анастасия Лаврина"}


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


_NEWS = (
    "Министр иностранных дел Сергей Лавров прокомментировал санкции.\n"
    '"Санкции не сработают", — заявил Лавров.\n'
    "Правительство обсудило бюджет на следующий год.\n"
)


def _example_files(folder: Path) -> None:
    """The files the examples name, made up: news/, docs.jsonl.gz, news.jsonl.gz, more.jsonl."""
    (folder / "news").mkdir()
    (folder / "news" / "mid.txt").write_text(_NEWS, encoding="utf-8")
    records = [{"id": "d1", "text": "Бюджет на следующий год принят."}]
    for name in ("docs.jsonl.gz", "news.jsonl.gz"):
        with gzip.open(folder / name, "wt", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (folder / "more.jsonl").write_text(
        '{"id": "d18", "text": "Ещё одна запись о бюджете."}\n', encoding="utf-8"
    )


def test_every_python_example_in_the_readme_and_docs_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's blocks run in order, in one namespace, in a folder with the files they name."""
    _example_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    pages = [("README.md", README), *sorted(DOCS.items())]
    ran = 0
    for page, text in pages:
        namespace: dict[str, object] = {"records": [{"id": "d17", "text": "Запись о бюджете."}]}
        for block in _blocks(text, "python"):
            exec(compile(block, page, "exec"), namespace)  # (as a user pastes them)
            ran += 1
    assert ran >= 4


def test_the_readme_command_line_tour_runs(tmp_path: Path) -> None:
    _example_files(tmp_path)
    [tour] = [b for b in _blocks(README, "sh") if "searchlib index build --corpus" in b]
    outputs = []
    for line in tour.strip().splitlines():
        command = shlex.split(line.split("  #")[0])
        assert command[0] == "searchlib"
        done = run_cli(*command[1:], cwd=tmp_path, cache=tmp_path / "cache")
        assert done.returncode == 0, (line, done.stderr)
        outputs.append(done.stdout)
    built, found, quotes_json, listed, completed = outputs
    assert "Искать в нём: searchlib search ЗАПРОС --corpus news/" in built
    assert "Найдено" in found
    hits = json.loads(quotes_json)["hits"]
    assert hits and all(h["speaker"] == "Сергей Лавров" for h in hits)
    assert "Сергей Лавров" in listed
    assert "тюркского" in completed


def test_the_readme_sample_output_is_what_the_search_prints() -> None:
    """The scores shown went stale for days unnoticed (7.45 for 7.48)."""
    block = re.search(r"```\n\$ python3 -m searchlib search (.+?)\n(.*?)```", README, re.S)
    assert block is not None
    query, shown = shlex.split(block.group(1))[0], block.group(2)
    printed = run_cli("search", query, "--color", "never")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == shown.strip()
