"""A recap's Markdown body as safe HTML: raw HTML escaped unless allowed (then
sanitized), link targets checked, and each text converted once (by its digest)."""
from __future__ import annotations

import hashlib
import html
import re
import zlib
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import urls
from .model import Text
from .sanitize import clean_html

_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def safe_link(url: str) -> bool:
    """Whether a link target is harmless: relative, or http(s)/mailto.

    Judged as a browser reads it: entities decoded, whitespace and control
    characters dropped (`&#106;avascript:`, `java\tscript:`).

    >>> safe_link("https://uefa.com"), safe_link("/teams/"), safe_link("&#106;avascript:alert(1)")
    (True, True, False)
    """
    decoded = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    scheme = _SCHEME.match(decoded)
    return scheme is None or scheme.group(1) in _SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    """Drops link and image targets with a scheme such as javascript: or data:, and puts a site
    served under a subpath ('/repo/') before a path-absolute target: a writer's `/teams/atalanta/`
    then works on GitHub Pages' project sites as at a domain root (one already under it stays)."""

    def __init__(self, md, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if not safe_link(value):
                    element.set(attribute, "#")
                elif (self.base_path != "/" and value.startswith("/") and not value.startswith("//")
                      and not value.startswith(self.base_path)):
                    element.set(attribute, urls.link(self.base_path, value))


class MarkdownRenderer:
    """One Markdown converter, reused; raw HTML is escaped unless allowed.

    Each text is converted once: the HTML is kept by the text's hash in
    `converted`, which a build fills from its cache and saves for the next one
    (the settings that change the HTML, `allow_html`, the base path and the code
    version, key the cache file). It is kept packed (`pack`): zlib'd UTF-8 is a
    sixth of the str (a recap with an en dash is two bytes a character), and the
    build and every worker it forks hold all of it (75 MiB as str at 10,000 recaps)."""

    def __init__(self, allow_html: bool, converted: dict[bytes, bytes] | None = None, base_path: str = "/"):
        self.allow_html = allow_html
        self.converted: dict[bytes, bytes] = {} if converted is None else converted
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        if not allow_html:
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_SafeLinks(self._md, base_path), "safe_links", 0)

    def __call__(self, text: str | Text) -> Markup:
        key = text_key(text)
        packed = self.converted.get(key)
        if packed is None:
            packed = self.converted[key] = self.pack(text)
        return Markup(unpack(packed))

    def convert(self, text: str | Text) -> str:
        """The text's HTML, converted now (no lookup)."""
        self._md.reset()
        html = self._md.convert(str(text))
        return clean_html(html) if self.allow_html else html

    def pack(self, text: str | Text) -> bytes:
        """The text's HTML, converted now, as `converted` keeps it."""
        return zlib.compress(self.convert(text).encode("utf-8", "surrogatepass"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


def text_key(text: str | Text) -> bytes:
    """The key a Markdown text's HTML is kept by: a digest of its bytes (a Text carries its own)."""
    if type(text) is Text:
        return text.key
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
