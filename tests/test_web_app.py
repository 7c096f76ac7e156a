"""examples/web_app.py over real HTTP on localhost, and in headless Chromium where installed.

The Chromium test saves a screenshot of the results page; set
``SEARCHLIB_SCREENSHOT=/path/page.png`` to keep it where you can look at it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import REPO, bundled_plus, subprocess_env

APP = REPO / "examples" / "web_app.py"


@contextlib.contextmanager
def _serving(*args: str) -> Iterator[str]:
    """examples/web_app.py with ``args`` on a free port; yields its address."""
    process = subprocess.Popen(
        [sys.executable, str(APP), *args, "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=subprocess_env(),
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"http://[\d.]+:\d+/", line)
    assert match, (line, process.stderr.read() if process.poll() is not None else "")
    try:
        yield match.group()
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example app on a free port, over a corpus with the bundled article and some HTML."""
    folder = tmp_path_factory.mktemp("web")
    corpus = bundled_plus(
        folder, "html.txt", 'Эксперт вставила <script>alert("x")</script> в текст про интеграцию.\n'
    )
    with _serving("--corpus", str(corpus), "--index", str(folder / "ix")) as address:
        yield address


def test_a_collection_is_served_from_its_index_alone(tmp_path: Path) -> None:
    """`--index DIR` on a collection of records serves it (it is never replaced)."""
    from searchlib import SearchEngine

    records = [{"id": "d1", "text": "Саммит в Баку прошёл в Москве."}]
    SearchEngine.from_documents(records, tmp_path / "ix").close()
    with _serving("--index", str(tmp_path / "ix")) as address:
        status, _, body = get(address + "api/search?" + urlencode({"q": "Москва"}))
    assert status == 200 and [h["id"] for h in json.loads(body)["hits"]] == ["d1"]


def get(url: str) -> tuple[int, str, str]:
    """(status, content type, body) of a GET; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_search_page_shows_highlighted_snippets(site: str) -> None:
    status, kind, page = get(site + "?" + urlencode({"q": "интеграция тюркского мира"}))
    assert status == 200 and kind.startswith("text/html")
    assert "<mark>" in page and 'id="total"' in page
    assert 'value="интеграция тюркского мира"' in page
    assert "Анастасия Лаврина" in page  # the speaker filter lists who was quoted


def test_filters_and_pagination(site: str) -> None:
    _, _, quotes = get(site + "?" + urlencode({"q": "интеграция", "kind": "quote"}))
    assert "цитата" in quotes and ", абзац " not in quotes
    query = {"q": "интеграция", "speaker": "Анастасия Лаврина", "kind": "quote"}
    _, _, by_speaker = get(site + "?" + urlencode(query))
    assert by_speaker.count('class="hit"') >= 1 and "· Анастасия Лаврина" in by_speaker
    _, _, data = get(site + "api/search?" + urlencode({"q": "интеграция", "limit": 2}))
    first = json.loads(data)
    assert first["total"] > 2 and len(first["hits"]) == 2
    _, _, data = get(site + "api/search?" + urlencode({"q": "интеграция", "limit": 2, "page": 2}))
    second = json.loads(data)
    assert {h["id"] for h in second["hits"]}.isdisjoint(h["id"] for h in first["hits"])
    _, _, paged = get(site + "?" + urlencode({"q": "интеграция молодёжь регион мир"}))
    assert 'rel="next"' in paged and 'aria-current="page">1<' in paged
    _, _, page2 = get(site + "?" + urlencode({"q": "интеграция молодёжь регион мир", "page": 2}))
    assert 'rel="prev"' in page2 and 'aria-current="page">2<' in page2


def test_json_endpoint_matches_the_cli_shape(site: str) -> None:
    status, kind, body = get(site + "api/search?" + urlencode({"q": "средний коридор"}))
    assert status == 200 and kind.startswith("application/json")
    data = json.loads(body)
    assert {"query", "total", "hits", "suggestion", "corrected_query"} <= set(data)
    hit = data["hits"][0]
    assert isinstance(hit["score"], float) and "<mark>" in hit["snippet"]
    status, _, body = get(site + "api/complete?" + urlencode({"q": "интегр"}))
    assert status == 200 and "интеграции" in json.loads(body)
    assert get(site + "healthz")[:1] == (200,)


def test_hostile_requests_get_clear_errors_and_escaped_pages(site: str) -> None:
    status, _, page = get(site + "?" + urlencode({"q": '<script>alert("x")</script>'}))
    assert status == 200 and "<script>" not in page and "&lt;script&gt;" in page
    for params, message in (
        ({"q": "мир", "page": "0"}, "page"),
        ({"q": "мир", "page": "abc"}, "page"),
        ({"q": "мир", "kind": "bogus"}, "kind"),
        ({"q": "мир", "limit": "100000"}, "limit"),
        ({"q": "а" * 5000}, "too long"),
    ):
        status, kind, body = get(site + "api/search?" + urlencode(params))
        assert status == 400 and message in json.loads(body)["error"], params
        status, kind, body = get(site + "?" + urlencode(params))
        assert status == 400 and kind.startswith("text/html") and message in body
    assert get(site + "nope")[0] == 404
    assert get(site + "?q=%00%FF%FE(((")[0] in (200, 400)
    request = urllib.request.Request(site, data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 405


def test_many_concurrent_requests(site: str) -> None:
    errors: list[BaseException] = []
    queries = ["интеграция", "средний коридор", "роль молодёжи", "Лаврина", "ghbdtn", "саммит"]

    def client(n: int) -> None:
        try:
            for i in range(8):
                q = queries[(n + i) % len(queries)]
                status, _, body = get(site + "api/search?" + urlencode({"q": q}))
                assert status == 200 and json.loads(body)["query"] == q
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[0]
    assert not any(t.is_alive() for t in threads)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_in_headless_chromium_with_a_screenshot(site: str, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (apt install chromium); HTTP tests cover the app")
    url = site + "?" + urlencode({"q": "интеграция молодёжь", "kind": ""})
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    dom = subprocess.run(
        [browser, *flags, profile, "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<mark>" in dom.stdout and 'class="hit"' in dom.stdout
    shot = Path(os.environ.get("SEARCHLIB_SCREENSHOT") or tmp_path / "search-page.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    taken = subprocess.run(
        [browser, *flags, profile, f"--screenshot={shot}", "--window-size=1100,1300", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert taken.returncode == 0 and shot.stat().st_size > 10_000, taken.stderr[-2000:]
    print(f"\nscreenshot of the search page: {shot}")
