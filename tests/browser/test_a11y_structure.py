"""A page's structure, on every page of the real site: one h1, headings that never skip a level
(an index of cards goes h1 -> h2, not h1 -> h3), and landmarks a screen reader can tell apart
(no two regions of one kind with the same name: axe-core's landmark-unique). The moderate rules
too: test_a11y.py holds axe-core to no serious or critical violation, this file to none of these."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from recaps.cli import main
from tests.sitebrowser import AXE, BASE, built_site, chromium, require

ROOT = Path(__file__).resolve().parents[2]
STRUCTURE_RULES = ["heading-order", "page-has-heading-one", "landmark-unique", "landmark-one-main",
                   "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
                   "region"]


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_problems(html: str) -> list[str]:
    """What is wrong with a page's outline: not one h1, or a heading deeper than the one before allows."""
    parser = _Headings()
    parser.feed(html)
    levels = parser.levels
    problems = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1"]
    problems += [f"h{before} -> h{after}" for before, after in zip(levels, levels[1:]) if after > before + 1]
    return problems


def test_the_outline_check_finds_what_it_should():
    assert heading_problems("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2><h3>e</h3>") == []
    assert heading_problems("<h1>a</h1><h3>b</h3>") == ["h1 -> h3"]
    assert heading_problems("<h2>a</h2>") == ["0 h1"]
    assert heading_problems("<h1>a</h1><h2>b</h2><h1>c</h1>") == ["2 h1"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """Every HTML page of the real content/ (English) and of the same content as an Italian site."""
    out = tmp_path_factory.mktemp("outline")
    found = {}
    for language in ("en", "it"):
        config = out / f"config-{language}.yaml"
        text = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("language: en", f"language: {language}")
        config.write_text(text.replace("content_dir: content", f"content_dir: {ROOT / 'content'}")
                          .replace("templates_dir: templates", f"templates_dir: {ROOT / 'templates'}")
                          .replace("static_dir: static", f"static_dir: {ROOT / 'static'}"), encoding="utf-8")
        site = out / language
        assert main(["--config", str(config), "--out", str(site), "--base-url", BASE]) == 0
        found.update({f"{language}:{path.relative_to(site).as_posix()}": path.read_text(encoding="utf-8")
                      for path in sorted(site.rglob("*.html")) if "pagefind" not in path.parts})
    return found


def test_every_page_has_one_h1_and_headings_in_order(pages):
    assert len(pages) >= 40
    assert {name: problems for name, html in pages.items() if (problems := heading_problems(html))} == {}


@pytest.mark.browser
def test_axe_finds_no_structure_violation_on_any_page(tmp_path):
    require(AXE.is_file(), "axe-core", "npm ci --prefix .ci")
    with built_site(tmp_path) as (origin, site), chromium() as browser:
        paths = sorted(("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
                       if p.name == "index.html" else p.relative_to(site).as_posix()
                       for p in site.rglob("*.html") if "pagefind" not in p.parts)
        page = browser.new_page()
        found = {}
        for path in paths:
            page.goto(origin + BASE + path)
            page.add_script_tag(path=str(AXE))
            results = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})",
                                    STRUCTURE_RULES)
            lines = [f"{rule['id']}: {node['target']}" for rule in results["violations"] for node in rule["nodes"]]
            if lines:
                found[path] = lines
        assert len(paths) >= 20
        assert found == {}
