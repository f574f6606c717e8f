"""Names and scores never overlap: a site whose matches carry the longest notations (extra time
and a shoot-out, two-figure scores, in English and in Italian) between long club names, measured
in Chromium at every width from a small phone to a desktop, with the headline web font and with
it blocked (the fallback faces are wider). Every piece of a name's text must lie inside its row,
clear of every score box, and be what the reader sees at its own place on the screen; and no
score on the page is broken at its dash."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebrowser import BASE, ROOT, built_site, chromium, used_fonts

pytestmark = pytest.mark.browser
WIDTHS = (320, 360, 390, 1280)
FONT_FAMILY = "Barlow Condensed"

TEAMS = """\
- {name: Atlético Madrid, short: ATM, country: ESP}
- {name: Real Madrid, short: RMA, country: ESP}
- {name: Borussia Mönchengladbach, short: BMG, country: GER}
- {name: Paris Saint-Germain, short: PSG, country: FRA}
"""
COMPETITIONS = """\
- name: UEFA Champions League
  stages:
    - {name: Round of 16, names: {it: Ottavi di finale}, knockout: true, legs: 2}
    - {name: Final, names: {it: Finale}, knockout: true, legs: 1}
"""
# (file, language, match): each match reported in both languages, so each notation is shown in both
MATCHES = {
    "first-leg": ("home: Real Madrid\n    away: Atlético Madrid\n    score: 2-1\n    stage: Round of 16\n"
                  "    leg: 1\n    date: 2025-03-04\n"),
    "second-leg": ("home: Atlético Madrid\n    away: Real Madrid\n    score: 1-0\n    aet: 1-0\n"
                   "    pens: 2-4\n    stage: Round of 16\n    leg: 2\n    date: 2025-03-12\n"),
    "final": ("home: Borussia Mönchengladbach\n    away: Paris Saint-Germain\n    score: 2-2\n    aet: 3-3\n"
              "    pens: 10-11\n    stage: Final\n    neutral: true\n    date: 2025-05-31\n"),
}
LANGUAGES = ("en", "it")

# A row that shows names beside scores -> the score boxes inside it.
ROWS = {
    ".result__line": ".result__score",
    ".leg__line": ".leg__score",
    ".scoreboard__line": ".scoreboard__score",
    ".card__scores li": "b",
    ".tie-card__row": ".tie-card__goals",
    ".bracket__team": "b",
}

MEASURE = """(rows) => {
  const problems = [];
  // a glyph's box may pass its line's by a pixel above and below
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5
    && a.top >= b.top - 2 && a.bottom <= b.bottom + 2;
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const span = (rect) => `${Math.round(rect.left)}..${Math.round(rect.right)}`;
  const shown = (rect) => rect.width > 0 && rect.height > 0;
  let measured = 0;
  for (const [rowSelector, scoreSelector] of Object.entries(rows)) {
    for (const row of document.querySelectorAll(rowSelector)) {
      if (!row.getClientRects().length) continue;
      row.scrollIntoView({block: 'center', inline: 'nearest'});  // a bracket's later rounds scroll into view
      const scores = [...row.querySelectorAll(scoreSelector)];
      const scoreBoxes = scores.map((score) => score.getBoundingClientRect()).filter(shown);
      const box = row.getBoundingClientRect();
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || scores.some((score) => score.contains(node))) continue;
        if (node.parentElement.closest('.visually-hidden, [hidden]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const name = node.textContent.trim();
        for (const rect of [...range.getClientRects()].filter(shown)) {
          measured += 1;
          const where = `${rowSelector}: "${name}" at ${span(rect)}`;
          if (!inside(rect, box)) problems.push(`${where} leaves its row (${span(box)})`);
          if (rect.left < -0.5 || rect.right > innerWidth + 0.5) problems.push(`${where} leaves the screen`);
          for (const score of scoreBoxes) {
            if (meet(rect, score)) problems.push(`${where} meets a score at ${span(score)}`);
          }
          const x = (Math.max(rect.left, 0) + Math.min(rect.right, innerWidth)) / 2;
          const y = (rect.top + rect.bottom) / 2;
          if (y >= 0 && y < innerHeight) {
            const seen = document.elementFromPoint(x, y);
            if (!seen || !(seen === node.parentElement || node.parentElement.contains(seen) || seen.contains(node)))
              problems.push(`${where} is covered by ${seen ? seen.className || seen.tagName : 'nothing'}`);
          }
        }
      }
    }
  }
  return {problems, measured};
}"""


# A score broken at its dash reads as two numbers: "3–" at a line's end, "3" on the next.
BROKEN_SCORES = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    for (let at = text.indexOf('\u2013'); at > 0 && at < text.length - 1; at = text.indexOf('\u2013', at + 1)) {
      const range = document.createRange();
      range.setStart(node, at - 1);
      range.setEnd(node, at + 2);
      const lines = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const tops = new Set(lines.map((rect) => Math.round(rect.top)));
      if (tops.size > 1) broken.push(`"${text.slice(Math.max(0, at - 12), at + 12).trim()}" breaks at its dash`);
    }
  }
  return broken;
}"""


def write_project(folder: Path) -> Path:
    """The site: both legs of a tie settled by a shoot-out, and a final with two-figure penalties."""
    content = folder / "content"
    (content / "articles").mkdir(parents=True)
    (content / "teams.yaml").write_text(TEAMS, encoding="utf-8")
    (content / "competitions.yaml").write_text(COMPETITIONS, encoding="utf-8")
    for number, (name, match) in enumerate(MATCHES.items(), start=1):
        for lang in LANGUAGES:
            (content / "articles" / f"{name}-{lang}.md").write_text(
                f"---\ntitle: The {name.replace('-', ' ')} ({lang})\ndate: 2025-06-0{number}\nlang: {lang}\n"
                f"competition: UEFA Champions League\nseason: 2024-25\nmatches:\n  - {match}---\nA report.\n",
                encoding="utf-8")
    config = folder / "config.yaml"
    config.write_text(f"title: Long Scores\nbase_url: /\nlanguage: en\ntemplates_dir: {ROOT / 'templates'}\n"
                      f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    return config


def pages_of(site: Path) -> list[str]:
    """Every page that shows a name beside a score: recaps, teams, ties, the lists and the home page."""
    wanted = ("articles/", "teams/", "ties/", "competitions/")
    return [""] + sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")
                         if path.parent.relative_to(site).as_posix().startswith(wanted))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    config = write_project(folder / "project")
    with built_site(folder / "served", config) as (origin, site), chromium() as browser:
        yield origin, site, browser


@pytest.mark.parametrize("web_font", [True, False], ids=["web-font", "fallback-font"])
@pytest.mark.parametrize("width", WIDTHS)
def test_names_and_scores_never_overlap(served, width, web_font):
    origin, site, browser = served
    context = browser.new_context(viewport={"width": width, "height": 800})
    if not web_font:
        context.route("**/*.woff2", lambda route: route.abort())
    page = context.new_page()
    if web_font:  # in the cache before the first measure, as on a reader's second page
        page.goto(origin + BASE)
        page.evaluate(f"document.fonts.load('700 1em \"{FONT_FAMILY}\"')")
    problems, measured = [], 0
    for path in pages_of(site):
        page.goto(origin + BASE + path)
        page.evaluate("document.fonts.ready")
        if path.startswith("ties/") and path.count("/") > 3:
            assert (FONT_FAMILY in used_fonts(page, ".scoreboard__goals")) == web_font, path
        found = page.evaluate(MEASURE, ROWS)
        problems += [f"/{path} {problem}" for problem in found["problems"] + page.evaluate(BROKEN_SCORES)]
        measured += found["measured"]
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"/{path} scrolls sideways: {wide} px wide")
    context.close()
    assert measured > 100
    assert problems == [], "\n".join(problems)
