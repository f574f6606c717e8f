"""The preview's web server: the built files of the preview folder, GET and
HEAD only, with the live-reload script injected into every HTML response.

The browser side is the `livereload` package (its livereload.js and its
WebSocket handler). Reloads are sent by us when a rebuild changed something,
never by livereload's own timer-based watcher, so none of its traps apply:
no reload is dropped for coming soon after another, there is no first scan
reporting every file as changed, and nothing polls.

A page loaded just before a rebuild could miss that rebuild's reload (its
WebSocket was not connected yet). Every HTML response therefore carries the
build epoch it was served from in a cookie; a browser that connects with an
older epoch is told to reload at once.
"""
from __future__ import annotations

import html
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web

from ..errors import Problems

EPOCH_COOKIE = "recaps_preview_epoch"
RELOAD_SCRIPT = (
    '<script>(function(){var s=document.createElement("script");'
    'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
    's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    'document.head.appendChild(s);})();</script>'
).encode()


class PreviewState:
    """What the handlers serve: the preview folder, or the error page while the build is broken."""

    def __init__(self, folder: Path, base_path: str, lock: threading.Lock):
        self.folder = folder.resolve()
        self.base_path = base_path
        self.lock = lock  # held by the builder while it changes the folder
        self.epoch = 0  # counts the rebuilds that changed what the browser shows
        self.error_page: bytes | None = None


def inject(page: bytes) -> bytes:
    """The page with the reload script before its closing body tag (or at its end)."""
    at = page.rfind(b"</body>")
    return page + RELOAD_SCRIPT if at < 0 else page[:at] + RELOAD_SCRIPT + page[at:]


def resolve(state: PreviewState, request_path: str) -> tuple[str, Path | str | None]:
    """What a request path names: ("file", path), ("redirect", url) or ("missing", None).

    Only files inside the preview folder are ever named: `..` and `.` segments
    (encoded or not), backslashes and NUL bytes make a request missing.
    """
    path = unquote(request_path)
    if "\\" in path or "\0" in path:
        return "missing", None
    if not path.startswith(state.base_path):
        return ("redirect", state.base_path) if state.base_path.startswith(path.rstrip("/") + "/") \
            else ("missing", None)
    relative = path[len(state.base_path):]
    parts = [part for part in relative.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return "missing", None
    target = state.folder.joinpath(*parts)
    if target.is_dir():
        if relative and not relative.endswith("/"):
            return "redirect", request_path + "/"
        target = target / "index.html"
    try:
        target = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return "missing", None
    if not target.is_relative_to(state.folder) or not target.is_file():
        return "missing", None
    return "file", target


class PreviewHandler(web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-cache")  # revalidated (ETag) on every load

    def get(self, _path: str = "") -> None:
        state = self.state
        with state.lock:
            kind, found = resolve(state, self.request.path)
            epoch, error_page = state.epoch, state.error_page
            content = found.read_bytes() if kind == "file" else None
            if kind == "missing":
                not_found = state.folder / "404.html"
                content = not_found.read_bytes() if not_found.is_file() else b"<h1>Not found</h1>"
        if kind == "redirect":
            self.redirect(found)
            return
        status = 200 if kind == "file" else 404
        content_type = (mimetypes.guess_type(found.name)[0] if kind == "file" else "text/html") \
            or "application/octet-stream"
        if content_type == "text/html":
            if error_page is not None:
                content, status = error_page, 500
            content = inject(content)
            self.set_cookie(EPOCH_COOKIE, str(epoch), path="/", samesite="Strict")
        if content_type.startswith("text/") or content_type in ("application/json", "application/xml"):
            content_type += "; charset=utf-8"
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        if self.request.method == "HEAD":
            self.set_header("Content-Length", str(len(content)))
            return
        self.write(content)

    head = get


class ReloadSocket(LiveReloadHandler):
    """livereload's WebSocket, telling a browser that connects with a stale page to reload."""

    state: PreviewState | None = None

    def on_message(self, message) -> None:
        super().on_message(message)
        if self in LiveReloadHandler.waiters and self.state is not None:
            seen = self.get_cookie(EPOCH_COOKIE)
            if seen is not None and seen != str(self.state.epoch):
                self.send_message(reload_message())


def reload_message() -> dict:
    return {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}


def reload_browsers() -> int:
    """Tell every connected browser to reload; returns how many were told. Runs on the IO loop."""
    told = 0
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(reload_message())
            told += 1
        except Exception:  # a browser that went away meanwhile
            LiveReloadHandler.waiters.discard(waiter)
    return told


def application(state: PreviewState) -> web.Application:
    ReloadSocket.state = state
    return web.Application([
        (r"/livereload", ReloadSocket),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"/(.*)", PreviewHandler, {"state": state}),
    ], log_function=lambda handler: None)  # the terminal shows rebuilds, not requests


def error_page(problems: Problems, title: str, base_path: str) -> bytes:
    """Every problem as `path:line: message`, in a page styled like the site."""
    items = "\n".join(f"<li><code>{html.escape(problem.format())}</code></li>"
                      for problem in problems.sorted() if problem.severity == "error")
    count = len(problems.errors)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · {html.escape(title)}</title>
<link rel="stylesheet" href="{html.escape(base_path)}static/style.css">
</head>
<body>
<header class="masthead"><div class="wrap masthead__inner"><span class="brand">{html.escape(title)}</span></div></header>
<main id="main" class="wrap">
<h1 class="page-title">The preview could not be built</h1>
<p>{count} error{'s' * (count != 1)}. Fix the file{'s' * (count != 1)} and save: this page comes back by itself.</p>
<ul class="build-errors">
{items}
</ul>
</main>
</body>
</html>
""".encode()
