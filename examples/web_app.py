"""A small search site over searchlib, on the standard library alone.

    python examples/web_app.py                        # the bundled article, http://127.0.0.1:8000/
    python examples/web_app.py --jsonl c.jsonl.gz --port 8080
    python examples/web_app.py --index DIR            # an index as it is (a collection)
    python examples/web_app.py --port 0               # any free port (the URL is printed)
    python examples/web_app.py --workers 16 --queue 512 --backlog 1024

Pages and endpoints:

* ``/?q=…&kind=…&speaker=…&page=…``: the search page: highlighted snippets,
  kind and speaker filters, pagination, did-you-mean and layout corrections;
* ``/api/search?q=…`` (same parameters, plus ``limit``): the results as JSON,
  the same object as ``searchlib search --json`` (with ``partial``);
* ``/api/complete?q=…``: completions for search-as-you-type, as a JSON list;
* ``/healthz``: ``ok`` when the index answers.

Under load and hostile clients.  The server does not start a thread per
request.  One thread accepts connections (the listen backlog is
``--backlog``, 1024 by default) and reads each request's head without
blocking, so a client that sends its request slowly, or never finishes it,
holds no worker: it has ``--request-timeout`` seconds (10) to send the whole
head, then gets a 408 and is closed; when too many such clients are
waiting, the oldest is dropped first.  Only complete requests go to a
bounded queue (``--queue``, 256), served by a fixed pool of ``--workers``
threads (8); the same timeout bounds each write to a client that does not
read.  When the queue is full, the request gets an immediate 503 (in
Russian, with ``Retry-After``) instead of waiting without bound, and one that
waited in the queue more than 10 seconds gets a 503 rather than an answer its
client has given up on.  ``/healthz`` has a queue and a worker of its own, so
it answers under a flood of searches too (it waited 36 s behind 600 heavy
ones); memory stays flat under a flood of half-sent requests.

Everything the user sees is in Russian: labels, notes and errors.  The
library's errors (English :class:`searchlib.QueryError` messages) are shown
as a Russian sentence, the original under «Подробности»; the JSON errors are
``{"error": "<Russian>", "detail": "<original>"}``.  Every bad parameter
(non-ASCII digits, huge numbers, too many fields, bad percent-encoding or
UTF-8, an overlong query string, an unknown kind) gets a 400 with a message:
an HTML page for ``/``, JSON for ``/api/…``; never a traceback or a dropped
connection.  Results are labelled as ``searchlib search`` labels them: a
quote with its paragraph, number and speaker (``абзац 6, цитата 1 —
Анастасия Лаврина``); a paragraph never with a speaker as if that person
said it, unless a quote inside it matched, and then the label says so
(``абзац 4, совпадение в цитате — Анастасия Лаврина``).  Results cut short
(``SearchResults.partial``: a time budget, a wildcard matching too many
words) carry a note saying so.

One :class:`searchlib.SearchEngine` serves every worker thread (it is
thread-safe) and picks up index updates made by other processes on its own.
Every piece of text that reaches the page is HTML-escaped; snippets come
from ``Snippet.html()``, which escapes everything but its ``<mark>`` tags.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import html
import io
import json
import queue
import re
import selectors
import socket
import sys
import threading
import time
import traceback
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, cast
from urllib.parse import parse_qs, urlencode, urlsplit

if sys.platform != "win32":
    import resource

import searchlib

PAGE_SIZE = 10
MAX_LIMIT = 100  # hits a page, at most
MAX_PAGE = 1000
MAX_FIELDS = 20  # parameters in one query string
MAX_QUERY_STRING = 16_384  # characters of the (percent-encoded) query string
MAX_HEAD = 65_536  # bytes of a request's head (request line and headers)

WORKERS = 8
QUEUE_SIZE = 256
BACKLOG = 1024
REQUEST_TIMEOUT = 10.0  # seconds to send a request's head; and per write of the answer
QUEUE_TIMEOUT = 10.0  # seconds a request may wait for a worker: later, a 503 (its client gave up)
HEALTH_QUEUE = 16  # `/healthz` probes waiting for their own worker
_HEALTH_RE = re.compile(rb"(?:GET|HEAD) /healthz(?:\?[^ ]*)? HTTP/")
MAX_WAITING = 1000  # connections still sending their request head, at most

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; }
form { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: 1rem; }
input[type=search] { flex: 1 1 20rem; font-size: 1.1rem; padding: .4rem .6rem; }
select, button { font-size: 1rem; padding: .3rem .5rem; }
.hit { margin: 1.2rem 0; }
.meta { color: #5f6368; font-size: .85rem; }
mark { background: #ffe58a; padding: 0 .1em; }
.note { background: #f1f3f4; padding: .4rem .7rem; border-radius: .3rem; }
.error { background: #fde7e9; padding: .4rem .7rem; border-radius: .3rem; }
details { color: #5f6368; font-size: .85rem; }
nav a, nav span { margin-right: .6rem; }
"""

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    ),
)

#: What the user is told for each error status (the library's own words go under «Подробности»).
STATUS_MESSAGES = {
    400: "Неверный запрос.",
    404: "Такой страницы нет.",
    405: "Этот метод не поддерживается: используйте GET.",
    408: "Запрос не пришёл целиком вовремя: попробуйте ещё раз.",
    413: "Запрос слишком большой.",
    414: "Слишком длинный адрес запроса.",
    431: "Слишком длинные заголовки запроса.",
    500: "Внутренняя ошибка сервера: попробуйте позже.",
    501: "Этот метод не поддерживается: используйте GET.",
    503: "Сервер перегружен: повторите запрос через несколько секунд.",
    505: "Эта версия HTTP не поддерживается.",
}
PARTIAL_NOTE = "Запрос оказался слишком тяжёлым: показаны не все результаты."
UNAVAILABLE = "Поиск сейчас недоступен: индекс не отвечает. Попробуйте позже."

_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only: not ², ³ or ٣


class BadRequest(Exception):
    """A parameter that cannot be used: ``message`` (Russian) is shown, ``detail`` under it."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


# -- parameters ----------------------------------------------------------------------


def parse_target(target: str) -> tuple[str, dict[str, list[str]]]:
    """The path and parameters of a request target (as ``http.server`` decoded it, latin-1).

    Raises :class:`BadRequest` (in Russian) for anything that cannot be read:
    bytes that are not UTF-8 (lone surrogates such as ``%ED%A0%80`` included),
    ``%`` not followed by two hex digits, an overlong query string or too
    many parameters.
    """
    try:
        text = target.encode("latin-1").decode("utf-8")
        url = urlsplit(text)
    except (UnicodeError, ValueError) as error:
        raise BadRequest("Адрес запроса не в кодировке UTF-8.", str(error)) from None
    query = url.query
    if len(query) > MAX_QUERY_STRING:
        raise BadRequest(
            f"Слишком длинный адрес запроса: параметры занимают {len(query)} символов,"
            f" можно не больше {MAX_QUERY_STRING}. Сократите запрос."
        )
    if _BAD_PERCENT.search(query):
        raise BadRequest(
            "В адресе запроса неверная %-последовательность: после «%» нужны две"
            " шестнадцатеричные цифры."
        )
    try:
        params = parse_qs(query, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError as error:
        raise BadRequest("Параметры запроса не в кодировке UTF-8.", str(error)) from None
    except ValueError as error:  # max_num_fields
        raise BadRequest(
            f"Слишком много параметров в запросе: можно не больше {MAX_FIELDS}.", str(error)
        ) from None
    return url.path, params


def _one(params: Mapping[str, list[str]], name: str, default: str = "") -> str:
    values = params.get(name) or [default]
    return values[0]


_NUMBER_NAMES = {
    "page": "Номер страницы должен",
    "limit": "Число результатов на странице должно",
}


def _number(params: Mapping[str, list[str]], name: str, default: int, top: int) -> int:
    raw = _one(params, name) or str(default)
    if not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= top:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        subject = _NUMBER_NAMES.get(name, f"Параметр {name} должен")
        raise BadRequest(
            f"{subject} быть целым числом от 1 до {top}, а не «{shown}».",
            f"{name} must be a whole number from 1 to {top}",
        )
    return int(raw)


def _search_args(params: Mapping[str, list[str]]) -> dict[str, Any]:
    kind = _one(params, "kind") or None
    if kind not in (None, "paragraph", "quote"):
        shown = kind if len(kind) <= 20 else kind[:20] + "…"
        raise BadRequest(
            f"Искать можно абзацы (kind=paragraph) или цитаты (kind=quote), а не «{shown}».",
            "kind must be paragraph or quote",
        )
    return {
        "query": _one(params, "q"),
        "kind": kind,
        "speaker": _one(params, "speaker") or None,
        "page": _number(params, "page", 1, MAX_PAGE),
        "limit": _number(params, "limit", PAGE_SIZE, MAX_LIMIT),
    }


_QUERY_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"too long \((\d+) characters; at most (\d+)\)"),
        r"Запрос слишком длинный (\1 симв.): сократите его до \2 символов.",
    ),
    (re.compile(r"prefix is too long"), "Начало слова слишком длинное."),
    (
        re.compile(r"at most (\d+) edits are allowed"),
        r"В нечётком поиске (слово~N) можно допустить не больше \1 правок.",
    ),
    (
        re.compile(r"speaker .* has no searchable words"),
        "В имени спикера нет слов, по которым можно искать: укажите имя.",
    ),
    (
        re.compile(r"^kind must be"),
        "Искать можно абзацы (kind:paragraph) или цитаты (kind:quote).",
    ),
    (
        re.compile(r"^(limit|page) must"),
        "Номер страницы и число результатов должны быть целыми числами от 1.",
    ),
    (
        re.compile(r"is not a valid number"),
        "В запросе по номеру нужна цифра: например, paragraph:3.",
    ),
    (
        re.compile(r"not matched by likeness"),
        "Номер абзаца ищется точно: paragraph:3 или paragraph:[2 TO 5].",
    ),
    (
        re.compile(r"after / comes how many first letters must match, from 1 to the word's (\d+)"),
        r"После / — сколько первых букв слова должны совпасть: от 1 до \1.",
    ),
    (
        re.compile(r"a fuzzy word takes no boost"),
        "У нечёткого слова (слово~1) не бывает веса (слово^2): оставьте одно из двух.",
    ),
    (
        re.compile(r"a fuzzy word allows 1 or (\d+) edits"),
        r"В нечётком поиске (слово~N) допускается от 1 до \1 правок.",
    ),
    (
        re.compile(r"after ~ comes a whole number"),
        'После ~ нужно целое число: правок для слова (слово~1) или позиций для фразы ("а б"~2).',
    ),
    (
        re.compile(r"a boost is a number from 0 to ([\d,]+)"),
        "Вес слова (слово^2, слово^0.5) — число от 0 до 1 000 000.",
    ),
    (
        re.compile(r"^no article "),
        "Такой статьи в индексе нет.",
    ),
    (
        re.compile(r"^cannot search"),
        "Не удалось разобрать запрос: проверьте скобки, кавычки и операторы.",
    ),
)


def russian(error: searchlib.QueryError) -> str:
    """A Russian sentence for one of the library's (English) query errors."""
    text = str(error)
    for pattern, template in _QUERY_ERRORS:
        found = pattern.search(text)
        if found:
            return found.expand(template)
    return "Такой запрос выполнить нельзя: измените его."


def partial_note(results: searchlib.SearchResults) -> str:
    """What to tell the user when the search was cut short, and why (as ``searchlib search``)."""
    reason = results.partial_reason or ""
    note = PARTIAL_NOTE
    if "time budget" in reason:
        note += " Поиск прерван по времени."
    if "index words" in reason:
        note += " Слово с * или ~ подходит к слишком многим словам: искали по самым частым."
    return note + " Уточните запрос."


def _noun(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def hit_label(hit: searchlib.Hit) -> str:
    """Where a hit is and whose words it holds (HTML), in the words of ``searchlib search``.

    A quote: ``абзац 6, цитата 1 — Анастасия Лаврина``.  A paragraph is
    never labelled with a name as if its words were that person's: only when
    a quote inside it matched does the label say so, ``абзац 4, совпадение в
    цитате — Анастасия Лаврина`` (the name when the paragraph quotes one person).
    """
    where = f"{html.escape(hit.article)}, абзац {hit.paragraph}"
    if hit.title:
        where = f"{html.escape(hit.title)} · {where}"
    if hit.kind == "quote":
        where += ", цитата" + (f" {hit.quote}" if hit.quote else "")
        if hit.speaker:
            where += f" — {html.escape(hit.speaker)}"
    elif hit.matched_quotes:
        where += ", совпадение в цитате"
        if hit.speaker and ", " not in hit.speaker:  # one speaker: whose quote it is
            where += f" — {html.escape(hit.speaker)}"
    return where


# -- pages -----------------------------------------------------------------------------


class SearchSite:
    """The pages and endpoints, over one shared engine."""

    def __init__(self, engine: searchlib.SearchEngine) -> None:
        self.engine = engine

    def speakers(self) -> list[str]:
        """Everyone quoted in the index, for the speaker filter (read from the index
        once a build: neither the corpus nor the name model is loaded for it)."""
        return sorted(name for name, _count in self.engine.speakers())

    # -- JSON ------------------------------------------------------------------------

    def api_search(self, params: Mapping[str, list[str]]) -> dict[str, Any]:
        args = _search_args(params)
        query = args.pop("query")
        results = self.engine.search(query, **args)
        return results.to_dict()

    def api_complete(self, params: Mapping[str, list[str]]) -> list[str]:
        limit = _number(params, "limit", 10, 50)
        return self.engine.complete(_one(params, "q"), limit=limit)

    # -- HTML ------------------------------------------------------------------------

    def page(self, params: Mapping[str, list[str]]) -> tuple[int, str]:
        """The search page: (status, HTML)."""
        status, body, query = HTTPStatus.OK, "", _one(params, "q")
        try:
            args = _search_args(params)
            if query.strip():
                body = self._results(args)
        except BadRequest as error:
            status, body = HTTPStatus.BAD_REQUEST, error_html(error.message, error.detail)
        except searchlib.QueryError as error:
            status, body = HTTPStatus.BAD_REQUEST, error_html(russian(error), str(error))
        return status, self.layout(params, body)

    def layout(self, params: Mapping[str, list[str]], body: str) -> str:
        """The page around ``body``: the search form, with ``params`` filled in."""
        query, kind, speaker = _one(params, "q"), _one(params, "kind"), _one(params, "speaker")
        kinds = [("", "всё"), ("paragraph", "абзацы"), ("quote", "цитаты")]
        kind_options = "".join(
            f'<option value="{v}"{" selected" if v == kind else ""}>{label}</option>'
            for v, label in kinds
        )
        names = self.speakers()
        if speaker and speaker not in names:
            # A speaker asked for as typed (`лаврина`, or no one quoted): kept selected, so
            # the form sends the same filter again.
            names = [speaker, *names]
        # A page size asked for stays with a new search from the form, as with the pages
        # (a bad one is not kept: the page says what was wrong with it).
        try:
            limit = _number(params, "limit", PAGE_SIZE, MAX_LIMIT)
        except BadRequest:
            limit = PAGE_SIZE
        kept = (
            f'\n  <input type="hidden" name="limit" value="{limit}">' if limit != PAGE_SIZE else ""
        )
        speaker_options = '<option value="">все спикеры</option>' + "".join(
            f'<option value="{html.escape(name)}"{" selected" if name == speaker else ""}>'
            f"{html.escape(name)}</option>"
            for name in names
        )
        return f"""<!doctype html>
<html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(query) + " — " if query else ""}Поиск</title>
<style>{STYLE}</style></head>
<body>
<h1>Поиск</h1>
<form method="get" action="/" role="search">
  <input type="search" name="q" value="{html.escape(query)}" placeholder="Например: роль молодёжи"
         aria-label="Запрос" autofocus>
  <select name="kind" aria-label="Что искать">{kind_options}</select>
  <select name="speaker" aria-label="Кто сказал">{speaker_options}</select>
  <button type="submit">Найти</button>{kept}
</form>
{body}
</body></html>
"""

    def _results(self, args: dict[str, Any]) -> str:
        query = args.pop("query")
        results = self.engine.search(query, **args)
        parts = []
        if results.corrected_query:
            parts.append(
                f'<p class="note">Показаны результаты по запросу'
                f" «{html.escape(results.corrected_query)}»</p>"
            )
        if results.suggestion:
            link = self._link(args, q=results.suggestion, page=1)
            parts.append(
                f'<p class="note">Возможно, вы имели в виду: <a href="{link}">'
                f"«{html.escape(results.suggestion)}»</a></p>"
            )
        if results.partial:
            parts.append(f'<p class="note" id="partial">{partial_note(results)}</p>')
        if results.total:
            noun = _noun(results.total, "результат", "результата", "результатов")
            parts.append(f'<p class="meta" id="total">Найдено: {results.total} {noun}</p>')
        else:
            shown = html.escape(results.corrected_query or query)
            parts.append(f'<p class="meta" id="total">По запросу «{shown}» ничего не найдено.</p>')
        for hit in results:
            snippet = hit.snippet.html()
            if hit.kind == "quote":
                snippet = f"«{snippet}»"
            parts.append(
                f'<div class="hit"><div class="meta">{hit_label(hit)}</div>'
                f'<div class="snippet">{snippet}</div></div>'
            )
        if results.total and results.page > results.pages:
            parts.append(
                f'<p class="note">Страница {results.page} пуста: всего страниц {results.pages}.</p>'
            )
        parts.append(self._pager(args | {"query": query}, results))
        return "\n".join(parts)

    def _link(self, args: Mapping[str, Any], **changes: Any) -> str:
        merged = {
            "q": args.get("query", ""),
            "kind": args.get("kind") or "",
            "speaker": args.get("speaker") or "",
            "page": args.get("page", 1),
            # (a page size asked for stays with the pages: page 2 of 100 is hits 101-200)
            "limit": args.get("limit") if args.get("limit") != PAGE_SIZE else None,
        } | changes
        return html.escape("/?" + urlencode({k: v for k, v in merged.items() if v}))

    def _pager(self, args: dict[str, Any], results: searchlib.SearchResults) -> str:
        if results.pages <= 1:
            return ""
        links = []
        if results.page > 1:
            previous = min(results.page - 1, results.pages)  # (past the last: back to it)
            links.append(
                f'<a rel="prev" href="{self._link(args, page=previous)}"'
                ' aria-label="Предыдущая страница">←</a>'
            )
        first = max(1, min(results.page - 4, results.pages - 8))
        for number in range(first, min(results.pages, first + 8) + 1):
            if number == results.page:
                links.append(f'<span aria-current="page">{number}</span>')
            else:
                links.append(f'<a href="{self._link(args, page=number)}">{number}</a>')
        if results.page < results.pages:
            links.append(
                f'<a rel="next" href="{self._link(args, page=results.page + 1)}"'
                ' aria-label="Следующая страница">→</a>'
            )
        return f'<nav aria-label="Страницы">{"".join(links)}</nav>'


def error_html(message: str, detail: str | None = None) -> str:
    """An error for the page: the Russian ``message``, the original ``detail`` folded under it."""
    shown = f'<p class="error" role="alert">{html.escape(message)}</p>'
    if detail and detail != message:
        shown += (
            f"<details><summary>Подробности</summary><code>{html.escape(detail)}</code></details>"
        )
    return shown


def _bare_page(message: str) -> str:
    """A page with no search form, for errors answered before a worker sees the request."""
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Поиск: ошибка</title>'
        f'</head><body><p role="alert">{html.escape(message)}</p>'
        '<p><a href="/">К поиску</a></p></body></html>\n'
    )


def canned_response(status: int, head: bytes = b"") -> bytes:
    """A whole HTTP/1.0 error response, for the server to send without a handler.

    JSON when the request (as far as ``head`` shows it) was for ``/api/…``, else HTML.
    """
    message = STATUS_MESSAGES.get(status, STATUS_MESSAGES[500])
    target = head.split(b"\n", 1)[0].split(b" ")[1:2]
    if target and target[0].startswith(b"/api/"):
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        kind = "application/json; charset=utf-8"
    else:
        body = _bare_page(message).encode("utf-8")
        kind = "text/html; charset=utf-8"
    lines = [
        f"HTTP/1.0 {status} {HTTPStatus(status).phrase}",
        f"Content-Type: {kind}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in SECURITY_HEADERS),
    ]
    if status == HTTPStatus.SERVICE_UNAVAILABLE:
        lines.append("Retry-After: 2")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# -- requests --------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD; other methods get 405.  Every answer, errors included, is in Russian."""

    site: SearchSite  # set on the subclass make_server creates
    server_version = "searchlib-example"
    sys_version = ""  # (the `Server` header named the Python version)
    default_request_version = "HTTP/1.0"  # garbage is answered with a status line too

    def do_GET(self) -> None:
        status, body, kind = self._answer()
        self._send(status, body, kind)

    def do_HEAD(self) -> None:
        self.do_GET()  # _send leaves the body out

    def do_POST(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, STATUS_MESSAGES[405])

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = do_POST

    def __getattr__(self, name: str) -> Any:
        """Any other method (`PROPFIND`, a lowercase `get`) is a 405 too, not a 501."""
        if name.startswith("do_"):
            return self.do_POST
        raise AttributeError(name)

    def _wants_json(self) -> bool:
        return str(getattr(self, "path", "")).startswith("/api/")

    def _answer(self) -> tuple[int, bytes, str]:
        """(status, body, content type) for this GET; never raises."""
        path = "/api/" if self._wants_json() else "/"
        params: dict[str, list[str]] = {}
        try:
            path, params = parse_target(self.path)
            if path == "/":
                status, page = self.site.page(params)
                return status, page.encode("utf-8"), "text/html; charset=utf-8"
            if path == "/api/search":
                return self._as_json(HTTPStatus.OK, self.site.api_search(params))
            if path == "/api/complete":
                return self._as_json(HTTPStatus.OK, self.site.api_complete(params))
            if path == "/healthz":
                self.site.engine.search("тест", limit=1)
                return HTTPStatus.OK, b"ok\n", "text/plain; charset=utf-8"
            return self._failure(path, params, HTTPStatus.NOT_FOUND, STATUS_MESSAGES[404])
        except BadRequest as error:
            return self._failure(path, params, 400, error.message, error.detail)
        except searchlib.QueryError as error:
            return self._failure(path, params, 400, russian(error), str(error))
        except searchlib.SearchlibError as error:  # the index is unusable: say so
            return self._failure(path, params, 503, UNAVAILABLE, str(error))
        except (
            Exception
        ):  # a bug: a 500 for the user, the traceback (even with --quiet) for the log
            sys.stderr.write(traceback.format_exc())
            return self._failure(path, params, 500, STATUS_MESSAGES[500])

    def _failure(
        self,
        path: str,
        params: Mapping[str, list[str]],
        status: int,
        message: str,
        detail: str | None = None,
    ) -> tuple[int, bytes, str]:
        if path.startswith("/api/"):
            value = {"error": message} | ({"detail": detail} if detail else {})
            return self._as_json(status, value)
        if path == "/healthz":
            return status, f"{message}\n".encode(), "text/plain; charset=utf-8"
        try:
            page = self.site.layout(params, error_html(message, detail))
        except Exception:  # the page itself failed (no speakers): the bare error then
            page = _bare_page(message)
        return status, page.encode("utf-8"), "text/html; charset=utf-8"

    @staticmethod
    def _as_json(status: int, value: object) -> tuple[int, bytes, str]:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        return status, body, "application/json; charset=utf-8"

    def _error(self, status: int, message: str, detail: str | None = None) -> None:
        path = "/api/" if self._wants_json() else "/"
        self._send(*self._failure(path, {}, status, message, detail))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """``http.server``'s own errors (bad request line, 414, 431, 501...), in Russian."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        text = STATUS_MESSAGES.get(
            code, STATUS_MESSAGES[400] if code < 500 else STATUS_MESSAGES[500]
        )
        self._error(code, text, message)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET, HEAD")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


# -- the server ------------------------------------------------------------------------


class _Connection:
    """An accepted socket whose request head was read already: ``makefile("rb")`` replays it.

    The head is the whole request for a GET (HTTP/1.0: one request per connection).
    """

    def __init__(self, sock: socket.socket, head: bytes) -> None:
        self.sock = sock
        self.head = head

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "r" in mode:
            return io.BytesIO(self.head)
        return cast(Any, self.sock).makefile(mode, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


#: Complete requests waiting for a worker: (socket, address, head, when queued); None stops one.
_Requests = queue.Queue[tuple[socket.socket, Any, bytes, float] | None]


class _Waiting:
    """A connection still sending its request head."""

    __slots__ = ("address", "blank_lines", "deadline", "head", "sock")

    def __init__(self, sock: socket.socket, address: Any, deadline: float) -> None:
        self.sock = sock
        self.address = address
        self.deadline = deadline
        self.head = bytearray()
        self.blank_lines = 0  # before the request line, however they arrived


_LISTENER, _WAKE = object(), object()


def _max_waiting(reserved: int) -> int:
    """How many connections may wait for their head: within the open-files limit."""
    soft = 512  # Windows: select() watches at most 512 sockets
    if sys.platform != "win32":
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft == resource.RLIM_INFINITY:
            return MAX_WAITING
    return max(16, min(MAX_WAITING, soft - reserved - 128))


class PooledHTTPServer(HTTPServer):
    """An HTTP server with a fixed pool of worker threads and a bounded queue.

    ``serve_forever()`` runs an event loop in the calling thread: it accepts
    connections and reads request heads without blocking (``request_timeout``
    seconds each, then a 408; at most ``max_waiting`` at once, the oldest
    dropped first).  Complete requests go to a queue of ``queue_size``
    served by ``workers`` threads; a request that finds the queue full gets
    an immediate 503.  ``shutdown()`` stops the loop; ``server_close()``
    stops the workers too.
    """

    quiet = False

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        *,
        workers: int = WORKERS,
        queue_size: int = QUEUE_SIZE,
        backlog: int = BACKLOG,
        request_timeout: float = REQUEST_TIMEOUT,
        max_waiting: int | None = None,
        queue_timeout: float = QUEUE_TIMEOUT,
    ) -> None:
        if workers < 1 or queue_size < 1 or backlog < 1 or request_timeout <= 0:
            raise ValueError("workers, queue_size, backlog and request_timeout must be positive")
        self.request_queue_size = backlog  # the listen() backlog, used by server_activate
        super().__init__(address, handler)
        self.workers = workers
        self.request_timeout = request_timeout
        self.queue_timeout = queue_timeout
        # (Open files held by queued requests and their workers, the health probe's too.)
        self.max_waiting = max_waiting or _max_waiting(queue_size + workers + HEALTH_QUEUE + 1)
        self._queue: _Requests = queue.Queue(queue_size)
        # `/healthz` has a queue and a worker of its own: behind searches, a probe waited 36 s.
        self._health: _Requests = queue.Queue(HEALTH_QUEUE)
        self._waiting: dict[socket.socket, _Waiting] = {}  # oldest first
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        self._threads = [
            threading.Thread(target=self._work, args=(requests,), name=name, daemon=True)
            for requests, name in [
                *((self._queue, f"web-worker-{n}") for n in range(workers)),
                (self._health, "web-health"),
            ]
        ]
        for thread in self._threads:
            thread.start()

    # -- the event loop (accepting, reading heads) -----------------------------------

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stop.clear()
        self._stopped.clear()
        self.socket.setblocking(False)
        self._selector.register(self.socket, selectors.EVENT_READ, _LISTENER)
        self._selector.register(self._wake_r, selectors.EVENT_READ, _WAKE)
        try:
            while not self._stop.is_set():
                timeout = poll_interval
                if self._waiting:
                    oldest = next(iter(self._waiting.values()))
                    timeout = min(timeout, max(0.0, oldest.deadline - time.monotonic()))
                for key, _ in self._selector.select(timeout):
                    if key.data is _LISTENER:
                        self._accept()
                    elif key.data is _WAKE:
                        self._drain_wake()
                    else:
                        self._read(key.data)
                self._expire()
                self.service_actions()
        finally:
            self._selector.unregister(self.socket)
            self._selector.unregister(self._wake_r)
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (from another thread) and wait until it has."""
        self._stop.set()
        self._wake()
        self._stopped.wait()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # full (the loop is awake anyway) or closed
            self._wake_w.send(b"x")

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(512):
                pass
        except OSError:
            pass

    def _accept(self) -> None:
        for _ in range(64):  # then let the loop read what the others sent
            try:
                sock, address = self.socket.accept()
            except BlockingIOError:
                return
            except OSError as error:
                if error.errno in (errno.EMFILE, errno.ENFILE):  # out of files: free one
                    if self._waiting:
                        self._refuse(next(iter(self._waiting.values())), 503)
                    else:
                        time.sleep(0.05)
                return
            if not self.verify_request(sock, address):
                sock.close()
                continue
            if len(self._waiting) >= self.max_waiting:
                self._refuse(next(iter(self._waiting.values())), 408)
            sock.setblocking(False)
            waiting = _Waiting(sock, address, time.monotonic() + self.request_timeout)
            self._waiting[sock] = waiting
            self._selector.register(sock, selectors.EVENT_READ, waiting)

    def _read(self, waiting: _Waiting) -> None:
        if waiting.sock not in self._waiting:  # refused earlier in this round
            return
        try:
            data = waiting.sock.recv(16_384)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client gave up
            self._forget(waiting)
            waiting.sock.close()
            return
        start = max(0, len(waiting.head) - 3)
        waiting.head += data
        if waiting.head and waiting.head[0] in b" \t\r\n":
            # Blank lines (and spaces) before the request line are ignored, as RFC 9112
            # asks (the standard handler took an empty first line for no request and
            # closed the connection unanswered); two lines or more of nothing else, in one
            # write or several, are no request: a 400.
            blank = len(waiting.head) - len(waiting.head.lstrip(b" \t\r\n"))
            waiting.blank_lines += waiting.head.count(b"\n", 0, blank)
            if blank == len(waiting.head) and waiting.blank_lines >= 2:
                self._refuse(waiting, 400)
                return
            del waiting.head[:blank]
            start = 0
        ends = [waiting.head.find(end, start) for end in (b"\r\n\r\n", b"\n\n")]
        end = min((e for e in ends if e >= 0), default=len(waiting.head))
        if end > MAX_HEAD:  # a request line, or headers, out of all measure
            self._refuse(waiting, 414 if b"\n" not in waiting.head[:MAX_HEAD] else 431)
        elif end < len(waiting.head):
            self._dispatch(waiting)

    def _dispatch(self, waiting: _Waiting) -> None:
        self._forget(waiting)
        sock = waiting.sock
        head = bytes(waiting.head)
        queue_for = self._health if _HEALTH_RE.match(head) else self._queue
        try:
            sock.settimeout(self.request_timeout)  # blocking, with a timeout per write
            queue_for.put_nowait((sock, waiting.address, head, time.monotonic()))
        except queue.Full:
            self._refuse(waiting, 503)
        except OSError:
            sock.close()

    def _expire(self) -> None:
        now = time.monotonic()
        while self._waiting:
            oldest = next(iter(self._waiting.values()))
            if oldest.deadline > now:
                break
            self._refuse(oldest, 408)

    def _forget(self, waiting: _Waiting) -> None:
        if self._waiting.pop(waiting.sock, None) is not None:
            self._selector.unregister(waiting.sock)

    def _refuse(self, waiting: _Waiting, status: int, why: str = "not queued") -> None:
        """Answer ``status`` at once, without a worker (best effort), and close."""
        self._forget(waiting)
        sock = waiting.sock
        try:
            sock.setblocking(False)
            sock.send(canned_response(status, bytes(waiting.head)))
            sock.shutdown(socket.SHUT_WR)
            for _ in range(16):  # what was sent meanwhile: unread, it would make the close a reset
                if not sock.recv(65_536):
                    break
        except OSError:
            pass
        sock.close()
        if not self.quiet:
            host = waiting.address[0] if isinstance(waiting.address, tuple) else waiting.address
            sys.stderr.write(f"{host} - - {status} {HTTPStatus(status).phrase} ({why})\n")

    # -- the workers -------------------------------------------------------------------

    def _work(self, requests: _Requests) -> None:
        while True:
            item = requests.get()
            if item is None:
                return
            sock, address, head, queued = item
            if time.monotonic() - queued > self.queue_timeout:
                # Waited longer than its client likely did: a 503, not a late answer.
                late = _Waiting(sock, address, 0.0)
                late.head += head
                self._refuse(late, 503, why="waited too long")
                continue
            request = cast(Any, _Connection(sock, head))
            try:
                self.finish_request(request, address)
            except OSError:  # the client went away, or stopped reading
                pass
            except Exception:
                self.handle_error(request, address)
            finally:
                self.shutdown_request(request)

    def shutdown_request(self, request: Any) -> None:
        """Close after the answer; read what the client sent meanwhile, so the close is no reset."""
        try:
            request.shutdown(socket.SHUT_WR)
            request.setblocking(False)
            for _ in range(16):
                if not request.recv(65_536):
                    break
        except OSError:
            pass
        self.close_request(request)

    def server_close(self) -> None:
        super().server_close()
        if not hasattr(self, "_queue"):  # (the address could not be bound: nothing started)
            return
        for requests in (self._queue, self._health):
            while True:  # requests never started: closed
                try:
                    item = requests.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].close()
        for _ in range(self.workers):
            try:
                self._queue.put(None, timeout=1)
            except queue.Full:
                break
        with contextlib.suppress(queue.Full):
            self._health.put(None, timeout=1)
        for thread in self._threads:
            thread.join(timeout=1)
        for waiting in list(self._waiting.values()):
            self._forget(waiting)
            waiting.sock.close()
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()


def make_server(
    engine: searchlib.SearchEngine,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    workers: int = WORKERS,
    queue_size: int = QUEUE_SIZE,
    backlog: int = BACKLOG,
    request_timeout: float = REQUEST_TIMEOUT,
) -> PooledHTTPServer:
    """An HTTP server for ``engine`` (call ``serve_forever()``; port 0 picks a free one)."""
    handler = type("SiteHandler", (Handler,), {"site": SearchSite(engine)})
    server = PooledHTTPServer(
        (host, port),
        handler,
        workers=workers,
        queue_size=queue_size,
        backlog=backlog,
        request_timeout=request_timeout,
    )
    server.quiet = quiet
    return server


def _port(text: str) -> int:
    """A TCP port for ``--port``: 0 (any free one) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {value}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--corpus", metavar="DIR", help="folder of .txt articles (default: bundled)"
    )
    source.add_argument("--jsonl", metavar="FILE", help="a JSONL collection")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: searchlib's)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_port, default=8000)
    parser.add_argument(
        "--workers", type=_positive, default=WORKERS, help=f"worker threads (default {WORKERS})"
    )
    parser.add_argument(
        "--queue",
        type=_positive,
        default=QUEUE_SIZE,
        help=f"requests waiting for a worker; more get a 503 (default {QUEUE_SIZE})",
    )
    parser.add_argument(
        "--backlog", type=_positive, default=BACKLOG, help=f"listen backlog (default {BACKLOG})"
    )
    parser.add_argument(
        "--request-timeout",
        type=_seconds,
        default=REQUEST_TIMEOUT,
        metavar="S",
        help=f"seconds to send a request, and per write (default {REQUEST_TIMEOUT:g})",
    )
    parser.add_argument("--quiet", action="store_true", help="no request log")
    args = parser.parse_args(argv)
    try:
        if args.index and not (args.corpus or args.jsonl):
            # What the folder holds, as it is (a collection, a corpus's index), as the
            # command line's search does; a folder with no index is an error, not a new
            # index of the bundled article under a mistyped name.
            engine = searchlib.SearchEngine.open(args.index)
        else:
            engine = searchlib.SearchEngine(args.corpus or args.jsonl, args.index)
        server = make_server(
            engine,
            args.host,
            args.port,
            quiet=args.quiet,
            workers=args.workers,
            queue_size=args.queue,
            backlog=args.backlog,
            request_timeout=args.request_timeout,
        )
    except (searchlib.SearchlibError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    host, port = str(server.server_address[0]), int(server.server_address[1])
    print(f"Serving on http://{host}:{port}/  ({args.workers} workers; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
