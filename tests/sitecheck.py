"""Helpers for tests that read a built site like a crawler does."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def ids_of(html: str) -> set[str]:
    """The element ids a #fragment link may point at."""
    parser = _Links()
    parser.feed(html)
    return parser.ids


def file_for(site: Path, base_path: str, link: str) -> Path | None:
    """The file an internal link points at, or None for an external one."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
        return None
    path = unquote(parts.path)
    assert path.startswith(base_path), f"{link!r} does not start with the base path {base_path!r}"
    relative = path[len(base_path):]
    return site / (relative + "index.html" if relative.endswith("/") or relative == "" else relative)


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link, on every HTML page, whose target file is missing."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in links_of(page.read_text(encoding="utf-8")):
            target = file_for(site, base_path, link)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def reachable(site: Path, base_path: str = "/") -> set[Path]:
    """HTML pages reachable by following links from the home page."""
    seen, queue = set(), [site / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen or page.suffix != ".html" or not page.is_file():
            continue
        seen.add(page)
        for link in links_of(page.read_text(encoding="utf-8")):
            target = file_for(site, base_path, link)
            if target is not None:
                queue.append(target)
    return seen
