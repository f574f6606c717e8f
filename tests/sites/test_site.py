"""The real content/, built as a user builds it: pages, links, open data, determinism."""
import hashlib
import json
from pathlib import Path

import pytest

from recaps.cli import main
from tests.sitecheck import broken_links, links_of, reachable

ROOT = Path(__file__).resolve().parents[2]
BRUGGE_TIE = "/ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/"


def build(out: Path, *extra: str) -> None:
    assert main(["--config", str(ROOT / "config.yaml"), "--out", str(out), *extra]) == 0


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build(out)
    return out


def data(site: Path, name: str) -> list:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def page(site: Path, url: str) -> str:
    return (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def test_club_brugge_through_5_2_on_aggregate(site):
    ties = {tie["url"]: tie for tie in data(site, "ties")}
    tie = ties[BRUGGE_TIE]
    assert (tie["team1"], tie["team2"], tie["aggregate"], tie["winner"], tie["decided_by"], tie["status"]) == \
        ("Club Brugge", "Atalanta", "5-2", "Club Brugge", "aggregate", "decided")
    assert [(leg["home"], leg["score"], leg["date"]) for leg in tie["legs"]] == \
        [("Club Brugge", "2-1", "2025-02-12"), ("Atalanta", "1-3", "2025-02-18")]
    assert tie["legs"][1]["articles"] == ["/articles/atalanta-club-brugge-ritorno/"]
    html = page(site, BRUGGE_TIE)
    assert "5\u20132 agg." in html and "Club Brugge go through on aggregate" in html


def test_other_ties_in_progress_with_their_first_legs(site):
    ties = {(tie["team1"], tie["team2"]): tie for tie in data(site, "ties")}
    for pair, score in ((("Feyenoord", "Milan"), "1-0"), (("Atalanta", "Bayern München"), "1-6")):
        tie = ties[pair]
        assert (tie["status"], tie["aggregate"], tie["winner"], tie["decided_by"]) == \
            ("in_progress", None, None, None)
        assert [leg["score"] for leg in tie["legs"]] == [score]
        assert "second leg is still to be reported" in page(site, tie["url"])


def test_every_data_object_has_its_page(site):
    for name in ("ties", "teams", "articles"):
        for item in data(site, name):
            assert item["url"].startswith("/") and (site / item["url"].lstrip("/") / "index.html").is_file()
    for match in data(site, "matches"):
        assert (site / match["url"].lstrip("/") / "index.html").is_file()


def test_no_broken_links_and_every_page_reachable_from_home(site):
    assert broken_links(site) == []
    pages = {path for path in site.rglob("*.html") if path.name != "404.html"}
    assert pages - reachable(site) == set()


def test_under_a_project_subpath(tmp_path):
    out = tmp_path / "site"
    build(out, "--base-url", "https://user.github.io/recaps/")
    assert broken_links(out, "/recaps/") == []
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://user.github.io/recaps/">' in home
    assert "<loc>https://user.github.io/recaps/ties/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    not_found = (out / "404.html").read_text(encoding="utf-8")
    assert all(link.startswith(("/recaps/", "https://user.github.io/recaps/", "#")) for link in links_of(not_found))


def test_italian_article_has_lang_and_italian_dates(site):
    html = page(site, "/articles/atalanta-club-brugge-ritorno/")
    assert '<html lang="it">' in html
    assert "19 febbraio 2025" in html and "18 febbraio 2025" in html
    assert '<html lang="en">' in page(site, "/articles/feyenoord-milan-club-brugge-atalanta-first-legs/")


def test_team_page_record(site):
    teams = {team["name"]: team for team in data(site, "teams")}
    assert teams["Atalanta"]["record"] == {"played": 3, "won": 0, "drawn": 0, "lost": 3, "goals_for": 3,
                                           "goals_against": 11}
    html = page(site, "/teams/atalanta/")
    assert BRUGGE_TIE in html and "/articles/atalanta-club-brugge-ritorno/" in html


def test_github_pages_files(site):
    assert (site / ".nojekyll").is_file() and (site / "404.html").is_file()
    assert (site / "robots.txt").read_text().startswith("User-agent: *")
    assert (site / "feed.xml").read_text(encoding="utf-8").count("<entry") == 3


def _digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    build(again)
    assert _digest(again) == _digest(site)
