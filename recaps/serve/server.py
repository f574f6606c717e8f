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

Every request must name, in its Host header, an address the server was started
on (`AllowedHosts`): a page on another site that has its own name resolve to
this machine (DNS rebinding) sends that name, and gets 403 instead of the
preview. The reload WebSocket also refuses a handshake from any other origin.
"""
from __future__ import annotations

import html
import ipaddress
import mimetypes
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
EVERY_ADDRESS = ("0.0.0.0", "::", "")  # --host values that listen on all of the machine's addresses


@dataclass(frozen=True)
class AllowedHosts:
    """The Host header values the preview answers: `names` at `port` (any port when None),
    and, when it listens on every address, any IP address of this machine's own."""

    names: frozenset[str]  # lower case; IPv6 addresses without brackets
    port: int | None = None
    own_addresses: bool = False

    def allows(self, host_header: str) -> bool:
        found = split_host(host_header)
        if found is None or self.port is not None and found[1] != self.port:
            return False
        return found[0] in self.names or self.own_addresses and is_own_address(found[0])

    def shown(self) -> str:
        """The allowed values for a message, in a stable order: '127.0.0.1:8000, [::1]:8000 or localhost:8000'."""
        port = "" if self.port is None else f":{self.port}"
        values = [f"[{name}]{port}" if ":" in name else f"{name}{port}" for name in sorted(self.names)]
        if self.own_addresses:
            values.append(f"this machine's own addresses{port}")
        return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


LOOPBACK = AllowedHosts(frozenset(LOOPBACK_NAMES))


def preview_url(bind_host: str, port: int, base_path: str) -> str:
    """The address to open for a preview listening on `bind_host`: a loopback one for every
    address, an IPv6 address in brackets.

    >>> preview_url("::1", 8000, "/recaps/"), preview_url("0.0.0.0", 8000, "/")
    ('http://[::1]:8000/recaps/', 'http://127.0.0.1:8000/')
    """
    host = "127.0.0.1" if bind_host in ("0.0.0.0", "::", "") else bind_host
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{base_path}"


def allowed_hosts(bind_host: str, port: int) -> AllowedHosts:
    """What the preview started with `--host bind_host` on `port` answers to.

    >>> allowed_hosts("127.0.0.1", 8000).shown()
    '127.0.0.1:8000, [::1]:8000 or localhost:8000'
    """
    host = bind_host.strip("[]").lower()
    if host in EVERY_ADDRESS:
        machine = socket.gethostname().lower()  # no DNS lookup: a machine without a network must not wait
        names = {*LOOPBACK_NAMES, machine, f"{machine.partition('.')[0]}.local"}
        return AllowedHosts(frozenset(names), port, own_addresses=True)
    if host == "localhost" or _is_loopback(host):
        return AllowedHosts(frozenset({*LOOPBACK_NAMES, host}), port)
    return AllowedHosts(frozenset({host}), port)


def split_host(host_header: str) -> tuple[str, int] | None:
    """(name, port) of a Host header, the port 80 when it names none; None if it is not one.

    >>> split_host("LocalHost:8000"), split_host("[::1]"), split_host("evil.example/x")
    (('localhost', 8000), ('::1', 80), None)
    """
    parts = urlsplit("//" + host_header)
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or "@" in parts.netloc or parts.path or parts.query or parts.fragment:
        return None
    return parts.hostname, 80 if port is None else port


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_own_address(name: str) -> bool:
    """Whether `name` is an IP address of one of this machine's interfaces: one a socket can be bound to."""
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if address.is_unspecified or address.is_multicast:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


class PreviewState:
    """What the handlers serve: the preview folder, or the error page while the build is broken,
    to requests for the hosts in `allowed` (by default the loopback names, on any port)."""

    def __init__(self, folder: Path, base_path: str, lock: threading.Lock, allowed: AllowedHosts = LOOPBACK):
        self.folder = folder.resolve()
        self.base_path = base_path
        self.lock = lock  # held by the builder while it changes the folder
        self.allowed = allowed
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


class ForItsOwnHost:
    """A handler that answers only requests whose Host is one the preview was started on: 403 for others."""

    state: PreviewState

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def refusal(self) -> str | None:
        """Why this request gets 403, or None."""
        if not self.state.allowed.allows(self.request.host):
            return (f"This preview answers only requests for {self.state.allowed.shown()}: "
                    "open it at the address `serve` printed.\n")
        return None

    def prepare(self) -> None:
        if (why := self.refusal()) is not None:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(why)


class PreviewHandler(ForItsOwnHost, web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

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


class ReloadSocket(ForItsOwnHost, LiveReloadHandler):
    """livereload's WebSocket, for pages of the preview's own origin only, telling a browser
    that connects with a stale page to reload."""

    def refusal(self) -> str | None:
        origin = self.request.headers.get("Origin")  # browsers always send it; other clients have no page behind
        if origin is not None and not self.check_origin(origin):
            return "The reload channel accepts only pages of this preview.\n"
        return super().refusal()

    def check_origin(self, origin: str) -> bool:
        """Whether `origin` is the preview's own: the very host the handshake asked for."""
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == self.request.host.lower()

    def on_message(self, message) -> None:
        super().on_message(message)
        if self in LiveReloadHandler.waiters:
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


class ReloadScript(ForItsOwnHost, LiveReloadJSHandler):
    """livereload.js, for the preview's own hosts."""


def application(state: PreviewState) -> web.Application:
    return web.Application([
        (r"/livereload", ReloadSocket, {"state": state}),
        (r"/livereload\.js", ReloadScript, {"state": state}),
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
