"""Team pages stay light on a big site: results grouped by season, paged by
whole seasons at /teams/<slug>/page/N/, each result and recap on exactly one
page, every page linked and checked by `python build.py check`."""
import shutil
from pathlib import Path

from recaps.cli import main
from recaps.errors import Problems
from recaps.pipeline import Timings, assemble_site, configure, plan_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
SEASONS = {"2021-22": 3, "2022-23": 1, "2023-24": 2, "2024-25": 1}  # Milan v Napoli league games a season


def league_game(season: str, number: int) -> str:
    year = int(season[:4])
    return f"""---
title: Milan v Napoli, {season} game {number}
date: {year}-{9 + number:02d}-05
competition: Serie A
season: {season}
matches:
  - home: Milan
    away: Napoli
    score: {number}-1
---
Game {number} of {season}.
"""


def project(folder: Path, per_page: int) -> Path:
    shutil.copytree(FIXTURE / "content", folder / "content")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "static", folder / "static")
    articles = folder / "content" / "articles"
    for season, games in SEASONS.items():
        for number in range(1, games + 1):
            (articles / f"milan-napoli-{season}-{number}.md").write_text(league_game(season, number),
                                                                          encoding="utf-8")
    (articles / "milan-mentioned.md").write_text(
        "---\ntitle: Milan in the news\ndate: 2022-12-01\nteams: [Milan]\n---\nA mention only.\n",
        encoding="utf-8")
    (folder / "config.yaml").write_text(f"title: Paged\nbase_url: https://example.net/recaps/\n"
                                        f"per_page: {per_page}\n", encoding="utf-8")
    return folder / "config.yaml"


def team_pages(config: Path, slug: str) -> list:
    problems = Problems()
    site_config = configure(config, problems)
    pages = plan_site(assemble_site(site_config, problems, Timings()), site_config, problems, Timings())
    return [page for page in pages if page.template == "team.html" and page.url.startswith(f"/teams/{slug}/")]


def test_a_long_team_page_is_paged_by_whole_seasons_newest_first(tmp_path):
    pages = team_pages(project(tmp_path, per_page=3), "napoli")
    assert [page.url for page in pages] == ["/teams/napoli/", "/teams/napoli/page/2/", "/teams/napoli/page/3/"]
    seasons = [sorted({str(row.match.season) for row in page.view["matches"]}, reverse=True) for page in pages]
    assert seasons == [["2024-25", "2023-24"], ["2022-23"], ["2021-22"]]  # 3, then 1 (+3 would be 4), then 3
    slugs = [[card.slug for card in page.view["articles"]] for page in pages]
    assert slugs[0] == ["milan-napoli-2024-25-1", "milan-napoli-2023-24-2", "milan-napoli-2023-24-1"]
    assert [pages[2].view["pagination"][key] for key in ("number", "count", "previous", "next")] == \
        [3, 3, "/teams/napoli/page/2/", None]
    assert all(page.view["record"].played == 7 for page in pages)  # the whole record on every page


def test_a_mention_goes_with_the_page_whose_dates_hold_it(tmp_path):
    pages = team_pages(project(tmp_path, per_page=3), "milan")
    where = [page.url for page in pages if "milan-mentioned" in {card.slug for card in page.view["articles"]}]
    matches = [row.match for page in pages for row in page.view["matches"]]
    assert len(matches) == len({match.id for match in matches})  # each result on one page only
    assert where == [next(page.url for page in pages
                          if any(str(row.match.season) == "2022-23" for row in page.view["matches"]))]


def test_a_short_team_page_is_one_page_without_a_pager(tmp_path):
    pages = team_pages(project(tmp_path, per_page=20), "napoli")
    assert [page.url for page in pages] == ["/teams/napoli/"]
    assert len(pages[0].view["matches"]) == 7


def test_the_paged_site_passes_the_link_check_and_shows_the_pager(tmp_path, capsys):
    config = project(tmp_path, per_page=3)
    assert main(["check", "--config", str(config)]) == 0
    assert main(["--config", str(config), "--out", str(tmp_path / "site")]) == 0
    second = (tmp_path / "site" / "teams" / "napoli" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'href="/recaps/teams/napoli/"' in second and 'href="/recaps/teams/napoli/page/3/"' in second
    assert "<title>Napoli · Page 2 · Paged</title>" in second
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.net/recaps/teams/napoli/page/3/" in sitemap


def test_a_club_only_mentioned_shows_the_recaps_that_mention_it_and_no_record(tmp_path):
    config = project(tmp_path, per_page=20)
    (tmp_path / "content" / "articles" / "lazio-mentioned.md").write_text(
        "---\ntitle: Lazio watch the derby\ndate: 2023-01-10\nteams: [Lazio, Milan]\n---\nA mention only.\n",
        encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site")]) == 0
    mentioned = (tmp_path / "site" / "teams" / "lazio" / "index.html").read_text(encoding="utf-8")
    played = (tmp_path / "site" / "teams" / "milan" / "index.html").read_text(encoding="utf-8")
    assert 'class="stats"' not in mentioned and 'id="record-heading"' not in mentioned
    assert "No match of Lazio has been reported." in mentioned
    assert '>Mentioned in</h2>' in mentioned and 'href="/recaps/articles/lazio-mentioned/"' in mentioned
    assert 'class="stats"' in played and '>Also mentioned in</h2>' in played and "No match of" not in played


def test_a_club_only_mentioned_is_listed_with_the_teams_but_not_on_the_home_page(tmp_path):
    config = project(tmp_path, per_page=20)
    (tmp_path / "content" / "articles" / "lazio-mentioned.md").write_text(
        "---\ntitle: Lazio watch the derby\ndate: 2023-01-10\nteams: [Lazio, Milan]\n---\nA mention only.\n",
        encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site")]) == 0
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    teams = (tmp_path / "site" / "teams" / "index.html").read_text(encoding="utf-8")
    home_teams = home[home.index('class="team-grid'):]
    assert 'href="/recaps/teams/milan/"' in home_teams and "/teams/lazio/" not in home_teams
    assert 'href="/recaps/teams/lazio/"' in teams
