"""A small search site over searchlib, on the standard library alone.

    python examples/web_app.py                        # the bundled article, http://127.0.0.1:8000/
    python examples/web_app.py --jsonl c.jsonl.gz --port 8080
    python examples/web_app.py --port 0               # any free port (the URL is printed)

Pages and endpoints:

* ``/?q=…&kind=…&speaker=…&page=…``: the search page: highlighted snippets,
  kind and speaker filters, pagination, did-you-mean and layout corrections;
* ``/api/search?q=…`` (same parameters, plus ``limit``): the results as JSON,
  the same object as ``searchlib search --json``;
* ``/api/complete?q=…``: completions for search-as-you-type, as a JSON list;
* ``/healthz``: ``ok`` when the index answers.

One :class:`searchlib.SearchEngine` serves every request thread (it is
thread-safe) and picks up index updates made by other processes on its own.
Every piece of text that reaches the page is HTML-escaped; snippets come
from ``Snippet.html()``, which escapes everything but its ``<mark>`` tags.
Bad parameters get a 400 with a message, never a traceback.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import searchlib

PAGE_SIZE = 10
MAX_PAGE = 1000
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
nav a, nav span { margin-right: .6rem; }
"""


class BadRequest(Exception):
    """A parameter that cannot be used; the message is shown to the user."""


def _one(params: Mapping[str, list[str]], name: str, default: str = "") -> str:
    values = params.get(name) or [default]
    return values[0]


def _number(params: Mapping[str, list[str]], name: str, default: int, top: int) -> int:
    raw = _one(params, name, str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise BadRequest(f"{name} must be a whole number from 1 to {top}, not {raw[:20]!r}")
    return int(raw)


def _search_args(params: Mapping[str, list[str]]) -> dict[str, Any]:
    kind = _one(params, "kind") or None
    if kind not in (None, "paragraph", "quote"):
        raise BadRequest("kind must be paragraph or quote")
    return {
        "query": _one(params, "q"),
        "kind": kind,
        "speaker": _one(params, "speaker") or None,
        "page": _number(params, "page", 1, MAX_PAGE),
        "limit": _number(params, "limit", PAGE_SIZE, 100),
    }


class SearchSite:
    """The pages and endpoints, over one shared engine."""

    def __init__(self, engine: searchlib.SearchEngine) -> None:
        self.engine = engine
        self._speakers: list[str] | None = None
        self._lock = threading.Lock()

    def speakers(self) -> list[str]:
        """Everyone quoted in the corpus, for the speaker filter."""
        with self._lock:
            if self._speakers is None:
                try:
                    articles = self.engine.articles
                except searchlib.SearchlibError:  # opened from an index alone
                    articles = ()
                names = {q.speaker for a in articles for q in a.quotes if q.speaker}
                self._speakers = sorted(names)
            return self._speakers

    # -- JSON ------------------------------------------------------------------------

    def api_search(self, params: Mapping[str, list[str]]) -> dict[str, Any]:
        args = _search_args(params)
        query = args.pop("query")
        return self.engine.search(query, **args).to_dict()

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
        except (BadRequest, searchlib.QueryError) as error:
            status = HTTPStatus.BAD_REQUEST
            body = f'<p class="error">{html.escape(str(error))}</p>'
        return status, self._layout(params, body)

    def _layout(self, params: Mapping[str, list[str]], body: str) -> str:
        query, kind, speaker = _one(params, "q"), _one(params, "kind"), _one(params, "speaker")
        kinds = [("", "всё"), ("paragraph", "абзацы"), ("quote", "цитаты")]
        kind_options = "".join(
            f'<option value="{v}"{" selected" if v == kind else ""}>{label}</option>'
            for v, label in kinds
        )
        speaker_options = '<option value="">все спикеры</option>' + "".join(
            f'<option value="{html.escape(name)}"{" selected" if name == speaker else ""}>'
            f"{html.escape(name)}</option>"
            for name in self.speakers()
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
  <button type="submit">Найти</button>
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
        parts.append(f'<p class="meta" id="total">Найдено: {results.total}</p>')
        for hit in results:
            who = f" · {html.escape(hit.speaker)}" if hit.speaker else ""
            kind = "цитата" if hit.kind == "quote" else "абзац"
            title = f"{html.escape(hit.title)} · " if hit.title else ""
            parts.append(
                f'<div class="hit"><div class="meta">{title}{html.escape(hit.article)},'
                f" {kind} {hit.paragraph}{who}</div>"
                f'<div class="snippet">{hit.snippet.html()}</div></div>'
            )
        if results.total and results.page > results.pages:
            parts.append(f'<p class="note">Страница {results.page} пуста.</p>')
        parts.append(self._pager(args | {"query": query}, results))
        return "\n".join(parts)

    def _link(self, args: Mapping[str, Any], **changes: Any) -> str:
        merged = {
            "q": args.get("query", ""),
            "kind": args.get("kind") or "",
            "speaker": args.get("speaker") or "",
            "page": args.get("page", 1),
        } | changes
        return html.escape("/?" + urlencode({k: v for k, v in merged.items() if v}))

    def _pager(self, args: dict[str, Any], results: searchlib.SearchResults) -> str:
        if results.pages <= 1:
            return ""
        links = []
        if results.page > 1:
            links.append(f'<a rel="prev" href="{self._link(args, page=results.page - 1)}">←</a>')
        first = max(1, min(results.page - 4, results.pages - 8))
        for number in range(first, min(results.pages, first + 8) + 1):
            if number == results.page:
                links.append(f'<span aria-current="page">{number}</span>')
            else:
                links.append(f'<a href="{self._link(args, page=number)}">{number}</a>')
        if results.page < results.pages:
            links.append(f'<a rel="next" href="{self._link(args, page=results.page + 1)}">→</a>')
        return f'<nav aria-label="Страницы">{"".join(links)}</nav>'


class Handler(BaseHTTPRequestHandler):
    """GET only; everything else is 405."""

    site: SearchSite  # set on the subclass make_server creates
    server_version = "searchlib-example"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True, max_num_fields=20)
        try:
            if url.path == "/":
                status, page = self.site.page(params)
                self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")
            elif url.path == "/api/search":
                self._json(HTTPStatus.OK, self.site.api_search(params))
            elif url.path == "/api/complete":
                self._json(HTTPStatus.OK, self.site.api_complete(params))
            elif url.path == "/healthz":
                self.site.engine.search("тест", limit=1)
                self._send(HTTPStatus.OK, b"ok\n", "text/plain; charset=utf-8")
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {url.path[:100]}"})
        except (BadRequest, searchlib.QueryError) as error:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(error)})
        except searchlib.SearchlibError as error:  # the index is unusable: say so, once
            self._json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": str(error)})

    def do_POST(self) -> None:
        self._json(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "use GET"})

    def _json(self, status: int, value: object) -> None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(
    engine: searchlib.SearchEngine,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
) -> ThreadingHTTPServer:
    """An HTTP server for ``engine`` (call ``serve_forever()``; port 0 picks a free one)."""
    handler = type("SiteHandler", (Handler,), {"site": SearchSite(engine)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--corpus", metavar="DIR", help="folder of .txt articles (default: bundled)"
    )
    source.add_argument("--jsonl", metavar="FILE", help="a JSONL collection")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: searchlib's)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--quiet", action="store_true", help="no request log")
    args = parser.parse_args(argv)
    try:
        try:
            engine = searchlib.SearchEngine(args.corpus or args.jsonl, args.index)
        except searchlib.IndexConflictError:
            if args.corpus or args.jsonl or not args.index:
                raise
            engine = searchlib.SearchEngine.open(args.index)  # a collection: serve it as it is
        server = make_server(engine, args.host, args.port, quiet=args.quiet)
    except (searchlib.SearchlibError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    host, port = str(server.server_address[0]), int(server.server_address[1])
    print(f"Serving on http://{host}:{port}/  (Ctrl-C stops)", flush=True)
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
