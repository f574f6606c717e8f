"""The built site's own links, checked before it is published.

Every internal link, asset and `#fragment` on every HTML page must resolve to a
file of the site (or an element id on that page) under the base URL. Pure: it
reads the rendered files and the static folder's URLs, never the disk. A regex
over tags finds the links, fast enough for tens of thousands of pages.

>>> files = {"/": b'<a href="/r/teams/">Teams</a> <a href="#top">up</a>', "/teams/": b"<h1 id=top>T</h1>"}
>>> [p.format() for p in check_links(files, [], "/r/")]
['/: broken fragment #top: no element with id="top" on /']
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from posixpath import normpath
from typing import Iterable, Mapping
from urllib.parse import unquote, urljoin, urlsplit

from . import urls
from .errors import Problem

# Comments, scripts and styles hold no links of ours, and may hold text that looks like tags.
_OPAQUE = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_OPAQUE_STARTS = ("<!--", "<script", "<style", "<SCRIPT", "<STYLE")
# A tag with a link or an id. Attribute values never hold a raw ">": they are escaped.
_TAG = re.compile(r"<[a-zA-Z][^>]*?\s(?:href|src|id|name|HREF|SRC|ID|NAME)\s*=[^>]*>")
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_LINKING = ("href", "src")
_NAMING = ("id", "name")  # `name` on old-style anchors: <a name="x">


@dataclass(frozen=True)
class PageLinks:
    links: tuple[str, ...]  # href and src values, entities decoded, each once, in page order
    ids: frozenset[str]  # what a #fragment may name


def scan(text: str) -> PageLinks:
    """The links and element ids of one HTML page.

    >>> scan('<a href="/x/?a=1&amp;b=2" id=top>x</a><!-- <a href="/no/"> --><img src=/i.png>')
    PageLinks(links=('/x/?a=1&b=2', '/i.png'), ids=frozenset({'top'}))
    """
    if any(start in text for start in _OPAQUE_STARTS):
        text = _OPAQUE.sub("", text)
    links, ids = {}, set()
    for tag in _TAG.findall(text):
        for name, double, single, bare in _ATTRIBUTE.findall(tag):
            name = name.lower()
            if name in _LINKING or name in _NAMING:
                value = double or single or bare
                value = html.unescape(value) if "&" in value else value
                if name in _LINKING:
                    links[value] = None
                else:
                    ids.add(value)
    return PageLinks(tuple(links), frozenset(ids))


def is_page(url: str) -> bool:
    return url.endswith(("/", ".html"))


class _Site:
    """The site as the checker sees it: its URLs and, lazily, each page's links and ids."""

    def __init__(self, files: Mapping[str, bytes], static: Iterable[str], base_url: str):
        self.files = files
        self.urls = set(files) | set(static)
        parts = urlsplit(base_url)
        self.host = parts.netloc.lower() if parts.scheme else ""  # "" when base_url is a bare path
        path = parts.path.strip("/")
        self.base_path = f"/{path}/" if path else "/"
        self._scanned: dict[str, PageLinks] = {}
        self._verdicts: dict[str, str | None] = {}

    def page(self, url: str) -> PageLinks:
        if url not in self._scanned:
            self._scanned[url] = scan(self.files[url].decode("utf-8", "replace"))
        return self._scanned[url]

    def target(self, url: str) -> str | None:
        """The site URL a served path inside the base path stands for, if the site has it."""
        if url in self.urls:
            return url
        if url.endswith("/index.html") and url[:-len("index.html")] in self.urls:
            return url[:-len("index.html")]
        if not url.endswith("/") and url + "/" in self.urls:  # servers redirect /x to /x/
            return url + "/"
        return None

    def problem(self, page: str, link: str) -> str | None:
        """What is wrong with `link` on `page`, or None if it resolves (or is not ours)."""
        if not link.startswith("/") and "://" not in link:  # relative: its meaning depends on the page
            if page == urls.NOT_FOUND and not link.startswith("#") and not urlsplit(link).scheme:
                return (f"relative link {link} on the 404 page, which is served at every missing URL, "
                        f"so it breaks at other depths: make it start with {self.base_path}")
            return self._check(page, link)
        if link not in self._verdicts:  # path-absolute or full: the same on every page
            self._verdicts[link] = self._check(page, link)
        return self._verdicts[link]

    def _check(self, page: str, link: str) -> str | None:
        parts = urlsplit(link)
        if parts.scheme not in ("", "http", "https") or parts.netloc and parts.netloc.lower() != self.host:
            return None  # mailto:, tel:, another site's page
        if not parts.path:  # "#x" or "?q": this very page
            return self._fragment(page, parts.fragment, link)
        served = unquote(urljoin(self.base_path + page.lstrip("/"), parts.path))
        served = normpath(served) + ("/" if served.endswith("/") and served != "/" else "")
        if served == self.base_path.rstrip("/"):
            served = self.base_path
        if not served.startswith(self.base_path):
            return f"link {link} leaves the site: it is outside the base path {self.base_path}"
        url = "/" + served[len(self.base_path):]
        target = self.target(url)
        if target is None:
            return f"broken link {link}: the site has no page or file at {url}"
        return self._fragment(target, parts.fragment, link)

    def _fragment(self, target: str, fragment: str, link: str) -> str | None:
        if not fragment or not is_page(target) or target not in self.files:
            return None
        name = unquote(fragment)
        if name in self.page(target).ids:
            return None
        return f"broken fragment {link}: no element with id=\"{name}\" on {target}"


def check_links(files: Mapping[str, bytes], static: Iterable[str], base_url: str) -> list[Problem]:
    """Every link on the site's HTML pages that does not resolve, as `page: message` problems.

    `files` maps site URLs ("/teams/atalanta/") to their bytes, `static` lists the
    static folder's URLs ("/static/style.css"), `base_url` is the URL or path the
    site is served from. Each broken link is reported once per page.
    """
    site = _Site(files, static, base_url)
    problems = []
    for page in sorted(url for url in files if is_page(url)):
        for link in site.page(page).links:
            message = site.problem(page, link)
            if message:
                problems.append(Problem(page, 0, message))
    return problems
