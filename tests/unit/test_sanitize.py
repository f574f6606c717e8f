"""`allow_html: true`: the author's HTML is kept where it is ordinary and cleaned of
anything a browser would run (recaps/sanitize.py)."""
import re

import pytest

from recaps.sanitize import clean_html

# Every way we know of to run script from a recap body, each with the text that must survive.
HOSTILE = [
    ("<p>before<script>alert(1)</script>after</p>", "<p>beforeafter</p>"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>kept", "kept"),
    ('<p onclick="alert(1)" onmouseover=alert(2)>text</p>', "<p>text</p>"),
    ('<img src="/crest.png" onerror="alert(1)" alt="crest">', '<img src="/crest.png" alt="crest">'),
    ("<svg onload=alert(1)><circle r=1 /></svg>goal", "goal"),
    ('<iframe src="https://video.example/embed/1"></iframe>after', "after"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', ""),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="java&#09;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" vbscript:msgbox(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "<a>x</a>"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
    ('<blockquote cite="javascript:alert(1)">quote</blockquote>', "<blockquote>quote</blockquote>"),
    ('<form action="javascript:alert(1)"><input type=submit></form>', ""),
    ('<object data="movie.swf"></object><embed src="movie.swf">', ""),
    ('<base href="https://evil.example/">', ""),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ""),
    ('<p style="background:url(javascript:alert(1))">x</p>', "<p>x</p>"),
    ("<style>body{display:none}</style>shown", "shown"),
    ("<!-- <script>alert(1)</script> -->", ""),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ""),
    ('<a href="https://uefa.example/" target="_blank" ping="https://t.example/">l</a>',
     '<a href="https://uefa.example/">l</a>'),
]


@pytest.mark.parametrize("raw, cleaned", HOSTILE, ids=[raw[:40] for raw, _ in HOSTILE])
def test_hostile_html_is_cleaned(raw, cleaned):
    assert clean_html(raw) == cleaned


ORDINARY = [
    "<p>Lookman <strong>scored</strong>, <em>twice</em>.</p>",
    '<figure><img src="/static/goal.jpg" alt="The goal" width="640" height="360">'
    "<figcaption>The second goal</figcaption></figure>",
    "<table><thead><tr><th>Team</th></tr></thead><tbody><tr><td>Atalanta</td></tr></tbody>"
    "<tfoot><tr><td>1</td></tr></tfoot></table>",
    '<p><a href="https://www.uefa.com/">UEFA</a> <a href="/teams/milan/">Milan</a> '
    '<a href="mailto:desk@example.org">desk</a></p>',
    "<details><summary>Line-ups</summary><ul><li>Carnesecchi</li></ul></details>",
    '<p lang="it" title="in Italian">Che partita</p>',
    '<p><abbr title="after extra time">a.e.t.</abbr> <time datetime="2025-02-18">18 February</time></p>',
    "<blockquote><p>{{ 7*7 }}</p></blockquote>",
]


@pytest.mark.parametrize("raw", ORDINARY, ids=range(len(ORDINARY)))
def test_ordinary_html_is_kept_as_written(raw):
    assert clean_html(raw) == raw


def test_table_cells_keep_their_alignment_and_nothing_else_of_style():
    cleaned = clean_html('<table><tr><th style="text-align: right; position: fixed">1</th></tr></table>')
    assert cleaned == '<table><tbody><tr><th style="text-align:right">1</th></tr></tbody></table>'


def test_nothing_runnable_survives_a_mixed_body():
    body = "\n".join(raw for raw, _ in HOSTILE) + "\n" + "\n".join(ORDINARY)
    cleaned = clean_html(body)
    assert not re.search(r"<(script|iframe|svg|object|embed|form|base|meta|style)\b", cleaned, re.IGNORECASE)
    assert not re.search(r"\son\w+\s*=", cleaned, re.IGNORECASE)
    assert not re.search(r"(javascript|vbscript|data):", cleaned.replace("{{", ""), re.IGNORECASE)
    assert "Che partita" in cleaned and "<figcaption>The second goal</figcaption>" in cleaned
