"""The overlay fixture cases (tests/fixtures/{invalid,odd}/<case>/ with an overlay.txt), each
built on top of a site already built from valid/:

- an invalid case exits 1, prints exactly its expected.txt (each line `path:line: message`,
  naming a file of the project), no traceback, and leaves the previous site byte for byte;
- an odd case builds, warns exactly what its expected.txt lists beyond what valid/ warns
  (nothing, if the file is empty), and no page, feed or data file holds script or a
  dangerous URL.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.promises import all_agree
from tests.sites.test_fixture_sites import FIXTURES, OVERLAY, PROBLEM, copy_fixture, lay_over, run_build  # noqa: F401

pytestmark = pytest.mark.slow


def overlay_cases(kind: str) -> list[str]:
    return sorted(path.name for path in (FIXTURES / kind).iterdir() if (path / OVERLAY).is_file())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.fixture
def built_valid(copy_fixture, run_build):  # noqa: F811
    project = copy_fixture("valid")
    first = run_build(project)
    assert first.code == 0, first.stderr
    return project, first


def expected_lines(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


# --------------------------------------------------------------------------- invalid

@pytest.mark.parametrize("case", overlay_cases("invalid"))
def test_invalid_case_on_a_built_site_fails_naming_file_and_line(case, built_valid, run_build):  # noqa: F811
    project, _ = built_valid
    before = snapshot(project / "site")
    lay_over(FIXTURES / "invalid" / case, project)

    result = run_build(project)

    assert result.code == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = expected_lines(FIXTURES / "invalid" / case)
    assert expected and all_agree(result.errors, expected), "\n".join(result.errors)
    for line in result.errors:
        assert (project / PROBLEM.match(line)["path"]).exists(), line
    assert snapshot(project / "site") == before
    assert [path.name for path in project.iterdir() if path.name.startswith(".site.")
            and not path.name.endswith((".lock", ".staging"))] == [], "a moved-aside site was left behind"


# --------------------------------------------------------------------------- odd but fine

SAFE_SCHEMES = ("http", "https", "mailto")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background",
                  "cite", "content"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "svg", "math"}
OWN_SCRIPTS = re.compile(r"(^|/)static/search\.js$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def dangerous_url(value: str) -> bool:
    """A URL a browser would run or render as a document of its own (as browsers read it)."""
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    scheme = _SCHEME.match(squeezed)
    return scheme is not None and scheme.group(1) not in SAFE_SCHEMES


class LiveParts(HTMLParser):
    """Collects what in a page could run: scripts that are not data, handlers, dangerous URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.data_script = False
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") == "application/ld+json":
                self.data_script = True
            elif not (attributes.get("type") == "module" and OWN_SCRIPTS.search(attributes.get("src") or "")):
                self.found.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            elif name in URL_ATTRIBUTES and value and name != "content" and dangerous_url(value):
                self.found.append(f"{tag} {name}={value!r}")
            elif name == "content" and value and re.search(r"url\s*=\s*javascript", value, re.IGNORECASE):
                self.found.append(f"{tag} content={value!r}")

    def handle_endtag(self, tag):
        if tag == "script" and self.data_script:
            self.data_script = False
            self.found.extend(json_urls(json.loads("".join(self.data))))
            self.data = []

    def handle_data(self, data):
        if self.data_script:
            self.data.append(data)


def json_urls(value) -> list[str]:
    """The dangerous URLs among a JSON document's strings."""
    if isinstance(value, dict):
        return [found for item in value.values() for found in json_urls(item)]
    if isinstance(value, list):
        return [found for item in value for found in json_urls(item)]
    return [value] if isinstance(value, str) and dangerous_url(value) and ":" in value.split()[0] else []


def live_parts(site: Path) -> dict[str, list[str]]:
    """Every output file's runnable parts, by path (Pagefind's own bundle left out)."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative.startswith("pagefind/"):
            continue
        if path.suffix in (".html", ".xml"):
            parser = LiveParts()
            text = path.read_text(encoding="utf-8")
            parser.feed(text)
            if path.suffix == ".xml":  # an Atom <content type="html"> is HTML, escaped once
                for content in re.findall(r"<content[^>]*>(.*?)</content>", text, re.DOTALL):
                    parser.feed(content.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                                .replace("&amp;", "&"))
            parser.close()
            problems = parser.found
        elif path.suffix == ".json":
            problems = json_urls(json.loads(path.read_text(encoding="utf-8")))
        else:
            continue
        if problems:
            found[relative] = problems
    return found


def test_the_scan_finds_what_it_looks_for(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<p onclick="x()"><a href=" java\tscript:alert(1)">a</a><img src="data:x"><script>1</script>'
                    '<script type="application/ld+json">{"url": "vbscript:x"}</script><iframe></iframe>'
                    '<script type="module" src="/static/search.js"></script><a href="https://a/">ok</a></p>')
    assert live_parts(tmp_path) == {"index.html": [
        "p onclick=", "a href=' java\\tscript:alert(1)'", "img src='data:x'", "<script []>", "vbscript:x", "<iframe>"]}


@pytest.mark.parametrize("case", overlay_cases("odd"))
def test_odd_case_builds_with_its_hints_and_nothing_runnable(case, built_valid, run_build):  # noqa: F811
    project, first = built_valid
    lay_over(FIXTURES / "odd" / case, project)

    result = run_build(project)

    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    known = set(first.warnings)
    assert all_agree([line for line in result.warnings if line not in known],
                     expected_lines(FIXTURES / "odd" / case)), "\n".join(result.warnings)
    assert live_parts(project / "site") == {}


def built_odd(case: str, built_valid, run_build) -> Path:  # noqa: F811
    project, _ = built_valid
    lay_over(FIXTURES / "odd" / case, project)
    assert run_build(project).code == 0
    return project / "site"


def test_hostile_fields_are_shown_as_written(built_valid, run_build):  # noqa: F811
    site = built_odd("hostile-fields", built_valid, run_build)
    page = (site / "articles" / "x" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; {% raw %}" in page  # not evaluated, not markup
    assert "&lt;svg onload=alert(7)&gt;" in page and "&lt;iframe" in page
    team, = [team for team in json.loads((site / "data" / "teams.json").read_text()) if "FC" in team["name"]]
    assert team["name"] == "<script>alert(1)</script> FC"  # data keeps the text; it is not markup there


def test_dangerous_body_links_keep_their_text(built_valid, run_build):  # noqa: F811
    site = built_odd("body-dangerous-links", built_valid, run_build)
    page = (site / "articles" / "x" / "index.html").read_text(encoding="utf-8")
    assert all(f">{text}</a>" in page for text in "abefr")
    assert '<a href="#">f</a>' in page  # &#x6A;avascript: is javascript: to a browser
    assert "&lt;javascript:alert(3)&gt;" in page  # not an autolink: text


def test_a_folder_named_like_an_article_holds_a_recap(built_valid, run_build):  # noqa: F811
    site = built_odd("folder-named-like-an-article", built_valid, run_build)
    assert (site / "articles" / "inside" / "index.html").is_file() and not (site / "articles" / "extra").exists()


def test_allow_html_keeps_ordinary_html_and_nothing_runnable(built_valid, run_build):  # noqa: F811
    site = built_odd("allow-html-hostile", built_valid, run_build)
    page = (site / "articles" / "x" / "index.html").read_text(encoding="utf-8")
    assert "<p>Lookman <strong>scored</strong> twice.</p>" in page
    assert '<img src="/static/goal.jpg" alt="The goal"><figcaption>The second goal</figcaption>' in page
    assert "<td>Atalanta</td>" in page and "<summary>Line-ups</summary>" in page
    assert '<a href="https://www.uefa.com/">UEFA</a>' in page and "<a>a</a>" in page
    assert "alert(" not in page and "evil.example" not in page and "display:none" not in page
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "Lookman" in feed and "alert(" not in feed
