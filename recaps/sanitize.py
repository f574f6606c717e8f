"""What `allow_html: true` lets through: ordinary HTML, never script.

A body's HTML (Markdown's own and the author's raw HTML) is cleaned by Ammonia (the
`nh3` binding) against an allow-list, so what is not named here is dropped:

- kept: text formatting, headings, lists, quotes, code, tables (with their cell
  alignment), figures and captions, images, links, `<details>`, `<abbr>`, `<time>`;
- dropped with their content: `<script>`, `<style>`;
- dropped, keeping their text: every other element, `<iframe>`, `<object>`, `<embed>`,
  `<svg>`, `<math>`, `<form>`, `<input>`, `<base>` and `<meta>` included (an embedded
  video is linked to, not framed: a frame runs another site's code inside the recap);
- attributes: only the harmless ones listed per element (no `on*=` handlers, no
  `style` beyond a table cell's `text-align`, no `id`, `class` or `target`);
- URLs (`href`, `src`; `cite` is dropped): relative, `http:`, `https:` or `mailto:`; any other
  scheme (`javascript:`, `data:`, `vbscript:`, however spelt) removes the attribute.

>>> clean_html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">a</a></p>')
'<p>Hi <a>a</a></p>'
"""
from __future__ import annotations

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_TAGS = frozenset(nh3.ALLOWED_TAGS | {"tfoot"})
_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
for names in _ATTRIBUTES.values():
    names.discard("cite")  # a URL Ammonia does not check; invisible anyway
_ATTRIBUTES["*"] = {"lang", "title", "dir"}
_ATTRIBUTES["img"] |= {"loading"}
_ATTRIBUTES["time"] = {"datetime"}
_ATTRIBUTES["data"] = {"value"}
_ATTRIBUTES["th"] |= {"style"}
_ATTRIBUTES["td"] |= {"style"}

_CLEANER = nh3.Cleaner(
    tags=set(_TAGS),
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    url_schemes=set(SAFE_SCHEMES),
    filter_style_properties={"text-align"},
    link_rel=None,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """`html` with everything outside the allow-list above removed."""
    return _CLEANER.clean(html)
