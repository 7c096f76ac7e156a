"""examples/web_app.py over real HTTP on localhost, and in headless Chromium where installed.

The app runs as a subprocess, as a user would run it; the server's pool and
queue are also driven in-process, with a handler the test holds up.  Nothing
asserts speed: waits are generous, for a slow, busy two-core machine.  The
Chromium test saves a screenshot of the results page; set
``SEARCHLIB_SCREENSHOT=/path/page.png`` to keep it where you can look at it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pytest

import searchlib
from tests.conftest import REPO, bundled_plus, run_in_threads, subprocess_env, write_article

APP = REPO / "examples" / "web_app.py"


#: A paragraph whose matched words can be outside its quote: the name must not label them.
KAZAN = (
    "Министр Максим Петров прибыл в Казань на переговоры о мостах."
    " «Мы довольны итогами встречи», — сказал Максим Петров журналистам.\n"
)
CYRILLIC = re.compile("[А-Яа-яЁё]")


@contextlib.contextmanager
def _server(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """examples/web_app.py with ``args`` on a free port; yields its address and process."""
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
        yield match.group(), process
    finally:
        process.terminate()
        process.communicate(timeout=30)


@contextlib.contextmanager
def _serving(*args: str) -> Iterator[str]:
    """examples/web_app.py with ``args`` on a free port; yields its address."""
    with _server(*args) as (address, _):
        yield address


@pytest.fixture(scope="module")
def web_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(corpus, index): the bundled article, one with HTML in it and one with a quote."""
    folder = tmp_path_factory.mktemp("web")
    corpus = bundled_plus(
        folder, "html.txt", 'Эксперт вставила <script>alert("x")</script> в текст про интеграцию.\n'
    )
    write_article(corpus, "kazan.txt", KAZAN)
    return corpus, folder / "ix"


@pytest.fixture(scope="module")
def site(web_folder: tuple[Path, Path]) -> Iterator[str]:
    """The example app on a free port, over ``web_folder``."""
    corpus, index = web_folder
    with _serving("--corpus", str(corpus), "--index", str(index)) as address:
        yield address


@pytest.fixture(scope="module")
def pooled(site: str, web_folder: tuple[Path, Path]) -> Iterator[tuple[str, int]]:
    """A second app over the same index (built by ``site``): 4 workers, a 3 s request timeout.

    Yields its address and process id, to watch its memory and threads.
    """
    corpus, index = web_folder
    args = ("--corpus", str(corpus), "--index", str(index), "--workers", "4")
    with _server(*args, "--request-timeout", "3") as (address, process):
        yield address, process.pid


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
    assert _labels(quotes) and all(", цитата " in label for label in _labels(quotes))
    query = {"q": "интеграция", "speaker": "Анастасия Лаврина", "kind": "quote"}
    _, _, by_speaker = get(site + "?" + urlencode(query))
    assert by_speaker.count('class="hit"') >= 1 and "— Анастасия Лаврина" in by_speaker
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
        ({"q": "мир", "page": "0"}, "Номер страницы"),
        ({"q": "мир", "page": "abc"}, "Номер страницы"),
        ({"q": "мир", "kind": "bogus"}, "абзацы"),
        ({"q": "мир", "limit": "100000"}, "Число результатов"),
        ({"q": "а" * 5000}, "Слишком длинный"),
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


#: Raw query strings (not encoded here) that no search may run on: (query string, words said).
BAD_PARAMETERS = [
    ("q=мир&page=²", "Номер страницы"),  # passes str.isdigit(), fails int()
    ("q=мир&limit=³", "Число результатов"),
    ("q=мир&page=٣", "Номер страницы"),  # an Arabic-Indic three: int() takes it
    ("q=мир&page=" + "9" * 5000, "Номер страницы"),  # past int()'s digit limit
    ("q=мир&page=99999999999999999999", "Номер страницы"),
    ("q=мир&page=-1", "Номер страницы"),
    ("q=мир&limit=0", "Число результатов"),
    ("q=мир&kind=bogus", "абзацы"),
    ("q=мир&" + "&".join(f"f{n}=1" for n in range(25)), "Слишком много параметров"),
    ("q=%zz", "%-последовательность"),
    ("q=%D0", "UTF-8"),  # half a letter
    ("q=%ED%A0%80", "UTF-8"),  # a lone surrogate
    ("q=%FF%FE", "UTF-8"),
    ("q=" + "ж" * 3000, "Слишком длинный адрес"),  # 18,000 characters encoded
    ("q=" + "x" * 1001, "Запрос слишком длинный"),  # the library's limit, in Russian
    ("q=мир~5", "правок"),  # the library's error, in Russian
    ("q=мир^1e10", "Вес слова"),
    ("q=мир~2.5", "целое число"),
    ("q=мир~1/99", "первых букв"),
    ("q=мир~1^2", "не бывает веса"),
    ("q=мир~0", "от 1 до 2 правок"),
    ("q=мир speaker:???", "спикера"),
    ("q=мир&speaker=!!!", "спикера"),
]


@pytest.mark.parametrize(("query", "words"), BAD_PARAMETERS, ids=lambda v: str(v)[:24])
def test_bad_parameters_get_a_russian_400_page(site: str, query: str, words: str) -> None:
    """HTML with the form for ``/``, ``{"error": …}`` for the API: in Russian, never a traceback."""
    encoded = quote(query, safe="=&%")
    status, kind, page = get(site + "?" + encoded)
    assert status == 400 and kind.startswith("text/html"), (query[:40], page[-500:])
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', page)
    assert error and words in error.group(1) and CYRILLIC.search(error.group(1))
    assert "<form" in page and "Traceback" not in page
    status, kind, body = get(site + "api/search?" + encoded)
    assert status == 400 and kind.startswith("application/json"), (query[:40], body[-500:])
    message = json.loads(body)["error"]
    assert words in message and CYRILLIC.search(message) and "must" not in message


def test_library_errors_are_shown_in_russian_with_the_original_folded(site: str) -> None:
    status, _, page = get(site + "?" + urlencode({"q": "paragraph:abc"}))
    assert status == 400 and "Подробности" in page and "not a valid number" in page
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', page)
    assert error and CYRILLIC.search(error.group(1)) and "valid" not in error.group(1)
    status, _, body = get(site + "api/search?" + urlencode({"q": "мир~5"}))
    data = json.loads(body)
    assert status == 400 and "правок" in data["error"] and "edits" in data["detail"]
    status, _, body = get(site + "api/search?" + urlencode({"q": "paragraph:1~"}))
    data = json.loads(body)
    assert status == 400 and "Номер абзаца ищется точно" in data["error"]


def _exchange(address: str, request: bytes, timeout: float = 60) -> bytes:
    """Send raw ``request`` bytes; the whole answer, until the server closes."""
    url = urlsplit(address)
    with socket.create_connection((url.hostname or "", url.port or 80), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65_536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_blank_lines_sent_apart_are_no_request(site: str) -> None:
    """Two blank lines and nothing else get a 400 however they arrive (one at a time, the
    request waited for its timeout)."""
    url = urlsplit(site)
    with socket.create_connection((url.hostname or "", url.port or 80), timeout=60) as sock:
        sock.sendall(b"\r\n")
        time.sleep(0.2)
        sock.sendall(b"\r\n")
        answer = b"".join(iter(lambda: sock.recv(65_536), b""))
    assert answer.split(b" ")[1] == b"400", answer[:200]


def test_malformed_requests_get_russian_answers_not_resets(site: str) -> None:
    for request, status in (
        (b"GET /?q=\xd0\xbc\xd0\xb8\xd1\x80 HTTP/1.0\r\n\r\n", b"200"),  # raw UTF-8: fine
        (b"GET /?q=\xff\xfe HTTP/1.0\r\n\r\n", b"400"),  # raw bytes that are not UTF-8
        (b"GET /api/search?q=\xff HTTP/1.0\r\n\r\n", b"400"),
        (b"NONSENSE\r\n\r\n", b"400"),
        (b"GET / HTTP/9.9\r\n\r\n", b"505"),
        (b"PUT /api/search HTTP/1.0\r\n\r\n", b"405"),
        (b"BREW / HTTP/1.0\r\n\r\n", b"405"),  # (any other method, with its Allow)
        (b"TRACE / HTTP/1.0\r\n\r\n", b"405"),
        (b"get / HTTP/1.0\r\n\r\n", b"405"),
        (b"\r\n\r\n", b"400"),  # blank lines only (the connection was closed unanswered)
        (b"\r\nGET /healthz HTTP/1.0\r\n\r\n", b"200"),  # (a blank line before: ignored)
        (b"\r\n\r\nGET /?q=%D0%BC%D0%B8%D1%80 HTTP/1.0\r\n\r\n", b"200"),
        (b"\n\nGET /api/search?q=%D0%BC%D0%B8%D1%80 HTTP/1.0\r\n\r\n", b"200"),
        (b" \r\nGET /healthz HTTP/1.0\r\n\r\n", b"200"),  # (a line of a space: closed)
        (b"GET / HTTP/1.0\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", b"431"),
        (b"GET /api/search?q=" + b"a" * 70_000 + b" HTTP/1.0\r\n\r\n", b"414"),
    ):
        answer = _exchange(site, request)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.split(b" ")[1] == status, (request[:40], answer[:300])
        if status != b"200":
            text = body.decode("utf-8")
            assert CYRILLIC.search(text) and "Traceback" not in text, (request[:40], text[:300])
            if b"/api/" in request:
                assert CYRILLIC.search(json.loads(text)["error"])
        if status == b"405":
            assert b"\r\nAllow: GET, HEAD" in head, request[:40]
        assert b"Python" not in head  # (the Server header named the Python version)


def test_many_concurrent_requests(site: str) -> None:
    queries = ["интеграция", "средний коридор", "роль молодёжи", "Лаврина", "ghbdtn", "саммит"]
    numbers = itertools.count()

    def client() -> None:
        n = next(numbers)
        for i in range(8):
            q = queries[(n + i) % len(queries)]
            status, _, body = get(site + "api/search?" + urlencode({"q": q}))
            assert status == 200 and json.loads(body)["query"] == q

    run_in_threads(client, 8, timeout=120)


def test_two_hundred_concurrent_clients_all_get_answers(site: str) -> None:
    """200 clients at once: every one is answered 200 (a 1024 backlog, a queue, no resets)."""
    count = 200
    start = threading.Barrier(count)
    statuses: list[int] = []
    numbers = itertools.count()

    def client() -> None:
        n = next(numbers)
        start.wait(timeout=120)
        q = ("интеграция", "средний коридор", "роль молодёжи", "Лаврина")[n % 4]
        status, _, body = get(site + "api/search?" + urlencode({"q": q}))
        assert json.loads(body)["query"] == q
        statuses.append(status)

    run_in_threads(client, count, timeout=300)
    assert statuses == [200] * count


def _status(pid: int, field: str) -> int:
    """A number from /proc/PID/status (VmRSS in kB, Threads...)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def _needs_proc(pid: int) -> None:
    if not Path(f"/proc/{pid}/status").exists():
        pytest.skip("needs /proc (Linux) to watch the server's memory and threads")


def test_slow_clients_cannot_starve_healthz(pooled: tuple[str, int]) -> None:
    """Half-sent requests hold no worker and no thread; they are cut off after the timeout."""
    address, pid = pooled
    _needs_proc(pid)
    url = urlsplit(address)
    try:
        import resource

        files = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except ImportError:
        files = 1024
    count = max(50, min(1000, files - 200))
    slow: list[socket.socket] = []
    try:
        for _ in range(count):  # slowloris: a request line and a header, never the blank line
            sock = socket.create_connection((url.hostname or "", url.port or 80), timeout=60)
            sock.sendall(b"GET /?q=%D0%BC%D0%B8%D1%80 HTTP/1.1\r\nHost: example\r\n")
            slow.append(sock)
        for _ in range(3):
            assert get(address + "healthz") == (200, "text/plain; charset=utf-8", "ok\n")
        status, _, body = get(address + "api/search?" + urlencode({"q": "интеграция"}))
        assert status == 200 and json.loads(body)["total"] > 0
        threads = _status(pid, "Threads")
        # (4 workers, the health worker, the main and event-loop threads and one spare)
        assert threads <= 4 + 5, f"{threads} threads for {count} slow clients"
        answers: dict[str, int] = {}
        for sock in slow:  # each is answered 408 (or closed) after its 3 s: none is kept
            try:
                data = _read_all(sock)
            except ConnectionResetError:
                data = b"(reset)"
            first = data.split(b"\r\n", 1)[0].decode("latin-1") or "(closed)"
            answers[first] = answers.get(first, 0) + 1
        assert set(answers) <= {"HTTP/1.0 408 Request Timeout", "(closed)", "(reset)"}, answers
        assert answers.get("HTTP/1.0 408 Request Timeout", 0) >= count // 2, answers
    finally:
        for sock in slow:
            sock.close()
    assert get(address + "healthz")[0] == 200


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65_536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_memory_stays_flat_over_a_thousand_requests(pooled: tuple[str, int]) -> None:
    """1,000 requests (8 clients at once) add under 100 MB to the idle server, and no threads.

    Idle is measured before any search: the speaker filter is read from the
    index (it once parsed the corpus and loaded the name model: +85 MB).
    """
    address, pid = pooled
    _needs_proc(pid)
    idle = _status(pid, "VmRSS")
    requests = [
        "?" + urlencode({"q": "интеграция молодёжь", "page": 2}),
        "?" + urlencode({"q": "средний коридор", "kind": "quote"}),
        "?" + urlencode({"q": "мир", "speaker": "Анастасия Лаврина"}),
        "api/search?" + urlencode({"q": "ghbdtn"}),
        "api/search?" + urlencode({"q": "интеграцыя", "limit": 50}),
        "api/search?" + urlencode({"q": "мир~5"}),  # a 400
        "api/complete?" + urlencode({"q": "интегр"}),
        "?" + quote("q=мир&page=²", safe="=&"),  # a 400
        "healthz",
        "nope",
    ]
    for path in requests * 2:  # warm-up: the speaker list, spelling, completions are loaded once
        get(address + path)
    warm, threads = _status(pid, "VmRSS"), _status(pid, "Threads")
    numbers = itertools.count()

    def client() -> None:
        n = next(numbers)
        for i in range(125):
            status, _, _ = get(address + requests[(n + i) % len(requests)])
            assert status in (200, 400, 404), status

    run_in_threads(client, 8, timeout=600)
    after = _status(pid, "VmRSS")
    print(
        f"\nserver RSS: {idle / 1024:.0f} MB idle, {warm / 1024:.0f} MB warm,"
        f" {after / 1024:.0f} MB after 1,000 more"
    )
    assert after - idle < 100 * 1024, (idle, after)
    assert after - warm < 50 * 1024, (warm, after)
    assert _status(pid, "Threads") <= threads


def _web_app() -> ModuleType:
    """examples/web_app.py, imported (it is not a package module)."""
    found = sys.modules.get("searchlib_web_app")
    if found is not None:
        return found
    spec = importlib.util.spec_from_file_location("searchlib_web_app", APP)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _in_thread(app: ModuleType, handler: type, **options: Any) -> tuple[Any, str]:
    """A quiet PooledHTTPServer of ``handler`` serving in a thread, and its address."""
    server = app.PooledHTTPServer(("127.0.0.1", 0), handler, **options)
    server.quiet = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_healthz_has_a_worker_of_its_own_and_late_requests_get_503() -> None:
    """A busy worker: `/healthz` is answered meanwhile (it waited 36 s behind 600 searches);
    a request that waited in the queue past ``queue_timeout`` gets a 503, not a late page."""
    app = _web_app()
    started, release = threading.Event(), threading.Event()

    class Held(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/healthz":
                started.set()
                release.wait(120)
            body = b"ok\n" if self.path == "/healthz" else b"done"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server, address = _in_thread(app, Held, workers=1, queue_size=4, queue_timeout=0.2)
    results: dict[str, bytes] = {}

    def ask(name: str) -> None:
        results[name] = _exchange(address, f"GET /{name} HTTP/1.0\r\n\r\n".encode(), timeout=120)

    first, second = threading.Thread(target=ask, args=("first",)), None
    try:
        first.start()
        assert started.wait(60)  # the one worker is busy with the first
        second = threading.Thread(target=ask, args=("second",))
        second.start()
        for _ in range(600):  # the second waits in the queue
            if server._queue.qsize():
                break
            threading.Event().wait(0.1)
        health = _exchange(address, b"GET /healthz HTTP/1.0\r\n\r\n", timeout=60)
        assert health.startswith(b"HTTP/1.0 200") and health.endswith(b"ok\n")
        assert "first" not in results  # (answered while the worker was still busy)
        threading.Event().wait(0.5)  # the second has now waited past its 0.2 s
    finally:
        release.set()
        first.join(120)
        if second is not None:
            second.join(120)
        server.shutdown()
        server.server_close()
    assert results["first"].endswith(b"done")
    head = results["second"].partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.0 503") and b"Retry-After:" in head


def test_a_full_queue_gets_an_immediate_russian_503() -> None:
    """One worker, a queue of one: a third request is refused at once, not kept waiting."""
    app = _web_app()
    started, release = threading.Event(), threading.Event()

    class Held(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            started.set()
            release.wait(120)
            self.send_response(200)
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"done")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server, address = _in_thread(app, Held, workers=1, queue_size=1)
    results: dict[str, bytes] = {}

    def held(name: str) -> None:
        results[name] = _exchange(address, b"GET /held HTTP/1.0\r\n\r\n", timeout=120)

    first = threading.Thread(target=held, args=("first",))
    second = threading.Thread(target=held, args=("second",))
    try:
        first.start()
        assert started.wait(60)  # the worker is busy with the first
        second.start()
        for _ in range(600):  # the second waits in the queue
            if server._queue.full():
                break
            threading.Event().wait(0.1)
        assert server._queue.full()
        page = _exchange(address, b"GET /?q=x HTTP/1.0\r\n\r\n")  # before any is released
        head, _, body = page.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 503") and b"Retry-After:" in head
        assert "перегружен" in body.decode("utf-8") and b"text/html" in head
        api = _exchange(address, b"GET /api/search?q=x HTTP/1.0\r\n\r\n")
        head, _, body = api.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 503") and "перегружен" in json.loads(body)["error"]
    finally:
        release.set()
        first.join(120)
        second.join(120)
        server.shutdown()
        server.server_close()
    assert results["first"].endswith(b"done") and results["second"].endswith(b"done")


def test_the_oldest_slow_clients_make_room_for_new_ones() -> None:
    """At most ``max_waiting`` half-sent requests are kept: the oldest get a 408 at once."""
    app = _web_app()

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = app.PooledHTTPServer(
        ("127.0.0.1", 0), Ok, workers=2, request_timeout=600, max_waiting=8
    )
    server.quiet = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    slow: list[socket.socket] = []
    try:
        for _ in range(20):
            sock = socket.create_connection(("127.0.0.1", port), timeout=60)
            sock.sendall(b"GET / HTTP/1.0\r\n")
            slow.append(sock)
        answer = _exchange(f"http://127.0.0.1:{port}/", b"GET / HTTP/1.0\r\n\r\n")
        assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(b"ok")
        for sock in slow[:12]:  # long before their 600 s are up
            assert _read_all(sock).startswith(b"HTTP/1.0 408 ")
    finally:
        for sock in slow:
            sock.close()
        server.shutdown()
        server.server_close()


def test_connections_waiting_leave_open_files_for_every_queue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The connections waiting for their head leave room, within the open-files limit,
    for the queued searches, their workers and the health probes' queue and worker."""
    if sys.platform == "win32":
        pytest.skip("no open-files limit to read on Windows")
    import resource

    app = _web_app()
    monkeypatch.setattr(resource, "getrlimit", lambda _kind: (600, 600))
    server = app.PooledHTTPServer(
        ("127.0.0.1", 0), BaseHTTPRequestHandler, workers=3, queue_size=40
    )
    try:
        held = 40 + 3 + app.HEALTH_QUEUE + 1
        assert 16 <= server.max_waiting <= 600 - held - 128
    finally:
        server.server_close()


def _labels(page: str) -> list[str]:
    """The label above each hit on a results page."""
    return re.findall(r'<div class="hit"><div class="meta">(.*?)</div>', page)


def test_pages_keep_the_page_size_and_the_speaker_asked_for(site: str) -> None:
    status, _, body = get(site + "?" + urlencode({"q": "интеграция регион", "limit": 2}))
    assert status == 200
    links = re.findall(r'href="(/\?[^"]*page=\d+[^"]*)"', body)
    assert links and all("limit=2" in link for link in links), links
    _, _, past = get(site + "?" + urlencode({"q": "интеграция регион", "limit": 2, "page": 99}))
    last = re.search(r"всего страниц (\d+)", past)
    assert last is not None
    back = re.search(r'rel="prev" href="([^"]*)"', past)
    assert back is not None and f"page={last.group(1)}" in back.group(1)  # (to the last)
    # A new search from the form keeps the page size too (a hidden field); a bad or the
    # default size is not kept.
    assert '<input type="hidden" name="limit" value="2">' in body
    for limit in ("10", "0", "²", "101"):
        _, _, other = get(site + "?" + urlencode({"q": "интеграция", "limit": limit}))
        assert 'name="limit"' not in other, limit
    _, _, typed = get(site + "?" + urlencode({"q": "молодёжи", "speaker": "лаврина"}))
    assert '<option value="лаврина" selected>лаврина</option>' in typed


def test_a_busy_port_is_a_one_line_error(tmp_path: Path) -> None:
    from searchlib import SearchEngine

    SearchEngine(index=tmp_path / "ix").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = subprocess.run(
            [sys.executable, str(APP), "--port", port, "--index", str(tmp_path / "ix")],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=subprocess_env(),
            timeout=300,
        )
    assert busy.returncode == 1 and busy.stderr.startswith("error: ")
    assert "Traceback" not in busy.stderr and busy.stderr.count("\n") == 1, busy.stderr
    assert "no index" not in busy.stderr, busy.stderr  # (the port's error, not the folder's)
    # A folder with no index is an error too (as on the command line), not a new index of
    # the bundled article under a mistyped name.
    missing = subprocess.run(
        [sys.executable, str(APP), "--port", "0", "--index", str(tmp_path / "typo")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=subprocess_env(),
        timeout=300,
    )
    assert missing.returncode == 1 and missing.stderr.startswith(
        f"error: no index in {tmp_path / 'typo'}"
    ), missing.stderr
    assert missing.stderr.count("\n") == 1 and not (tmp_path / "typo").exists()
    bad = subprocess.run(
        [sys.executable, str(APP), "--port", "99999"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=subprocess_env(),
        timeout=300,
    )
    assert bad.returncode == 2 and "expected a port from 0 to 65535" in bad.stderr


def test_paragraph_hits_are_not_labelled_with_a_speaker(site: str) -> None:
    """Words outside a quote are the article's, not the speaker's: no name next to them."""
    _, _, data = get(site + "api/search?" + urlencode({"q": "мостах"}))
    (hit,) = json.loads(data)["hits"]
    assert hit["speaker"] == "Максим Петров" and hit["matched_quotes"] == []  # the trap is set
    status, _, page = get(site + "?" + urlencode({"q": "мостах"}))
    assert status == 200 and _labels(page) == ["kazan, абзац 1"]
    # the quote matched: the label says so, and whose quote it is
    _, _, page = get(site + "?" + urlencode({"q": "итогами встречи"}))
    assert "kazan, абзац 1, совпадение в цитате — Максим Петров" in _labels(page)
    for label in _labels(page):  # a name only ever follows a quote
        assert " — " not in label or "цитат" in label.split(" — ")[0], label


def test_quote_hits_name_their_paragraph_quote_and_speaker(site: str) -> None:
    _, _, page = get(site + "?" + urlencode({"q": "итогами встречи", "kind": "quote"}))
    assert _labels(page) == ["kazan, абзац 1, цитата 1 — Максим Петров"]
    assert re.search(r'<div class="snippet">«.*<mark>итогами</mark>.*»</div>', page)
    _, _, page = get(site + "?" + urlencode({"q": "интеграция", "kind": "quote"}))
    labels = _labels(page)
    assert labels and all(
        re.fullmatch(r"otg-summit-baku, абзац \d+, цитата \d+ — Анастасия Лаврина", label)
        for label in labels
    ), labels


def test_partial_results_get_a_russian_note(site: str, engine: searchlib.SearchEngine) -> None:
    _, _, page = get(site + "?" + urlencode({"q": "интеграция"}))
    assert "показаны не все" not in page
    _, _, body = get(site + "api/search?" + urlencode({"q": "интеграция"}))
    assert json.loads(body)["partial"] is False
    app = _web_app()
    # A wildcard standing for more words than one engine searches, and a time budget
    # that has always run out: real partial results, as a heavy query gets them.
    with searchlib.SearchEngine.open(engine.index_path, max_expansions=1) as capped:
        cut = app.SearchSite(capped)
        status, page = cut.page({"q": ["*а*"]})
        assert status == 200 and 'class="hit"' in page
        assert "Запрос оказался слишком тяжёлым: показаны не все результаты." in page
        assert "слишком многим словам" in page
        assert cut.api_search({"q": ["*а*"]})["partial"] is True
    with searchlib.SearchEngine.open(engine.index_path, timeout=1e-9) as hurried:
        page = app.SearchSite(hurried).page({"q": ["интегр*"]})[1]
        assert "Поиск прерван по времени." in page


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
