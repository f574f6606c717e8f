"""JSON-LD, sharing tags and hreflang links made from the real content and a fixture site."""
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from recaps.errors import Problems
from recaps.pipeline import Timings, assemble_site, configure
from recaps.structured import (article_ld, article_meta, language_links, lastmod, match_ld, meta_html, og_locale,
                               script_json, sitemap_xml, social_meta, team_ld, tie_ld)

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.github.io/recaps/"
BRUGGE_TIE = "uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta"
HOSTILE = '</script><script>alert("x")</script> & <!-- \u2028\u2029 \' é'


def load(config_file: Path, base_url: str | None = BASE):
    problems = Problems()
    config = configure(config_file, problems, base_url=base_url)
    return config, assemble_site(config, problems, Timings())


@pytest.fixture(scope="module")
def real():
    return load(ROOT / "config.yaml")


@pytest.fixture(scope="module")
def fixture_site():
    return load(ROOT / "tests" / "fixtures" / "valid" / "config.yaml", base_url=None)  # its own base_url: /


def roundtrip(value) -> dict:
    """What a search engine reads from the <script> element."""
    return json.loads(script_json(value))


def test_a_decided_two_legged_tie_is_a_sports_event_with_both_teams_and_the_result(real):
    config, site = real
    data = roundtrip(tie_ld(site.ties[BRUGGE_TIE], config))
    assert data["@context"] == "https://schema.org" and data["@type"] == "SportsEvent"
    assert data["homeTeam"] == {"@type": "SportsTeam", "name": "Club Brugge", "url": BASE + "teams/club-brugge/"}
    assert data["awayTeam"] == {"@type": "SportsTeam", "name": "Atalanta", "url": BASE + "teams/atalanta/"}
    assert data["competitor"] == [data["homeTeam"], data["awayTeam"]]
    assert (data["startDate"], data["endDate"]) == ("2025-02-12", "2025-02-18")
    assert data["description"] == "Club Brugge 5\u20132 agg. Atalanta. Club Brugge go through on aggregate, 5\u20132."
    assert data["url"] == BASE + f"ties/{BRUGGE_TIE}/"
    assert data["superEvent"]["url"] == BASE + "competitions/uefa-champions-league/2024-25/"
    assert "location" not in data  # two legs, two grounds: each leg says its own
    legs = data["subEvent"]
    assert [(leg["homeTeam"]["name"], leg["awayTeam"]["name"], leg["startDate"]) for leg in legs] == \
        [("Club Brugge", "Atalanta", "2025-02-12"), ("Atalanta", "Club Brugge", "2025-02-18")]
    assert legs[1]["location"] == {"@type": "Place", "name": "Gewiss Stadium, Bergamo"}
    assert legs[1]["description"].startswith("Atalanta 1\u20133 Club Brugge (UEFA Champions League 2024-25, "
                                              "Knockout phase play-offs, leg 2)")
    assert all("@context" not in leg for leg in legs)


def test_a_tie_in_progress_has_no_end_and_says_so(real):
    config, site = real
    tie = next(tie for tie in site.ties.values() if tie.team1.name == "Feyenoord")
    data = roundtrip(tie_ld(tie, config))
    assert "endDate" not in data and data["startDate"] == "2025-02-12"
    assert data["description"] == "In progress: Feyenoord 1\u20130 Milan after 1 of 2 legs."
    assert len(data["subEvent"]) == 1


def test_a_final_is_one_event_at_its_venue(fixture_site):
    config, site = fixture_site
    final = next(tie for tie in site.ties.values() if tie.stage.name == "Final")
    data = roundtrip(tie_ld(final, config))
    assert data["location"] == {"@type": "Place", "name": "Allianz Arena, Munich"}
    assert data["startDate"] == data["endDate"] == "2025-05-31"
    assert "subEvent" not in data
    assert "(4\u20133 pen.)" in data["description"] and "Bayern München win" in data["description"]
    assert data["url"].startswith("/ties/")  # base_url "/": path-absolute URLs


def test_a_recap_is_a_news_article_about_its_matches(real):
    config, site = real
    article = site.article_by_slug["atalanta-club-brugge-ritorno"]
    matches = [site.matches[match_id] for match_id in article.matches]
    data = roundtrip(article_ld(article, matches, config, ties=site.ties))
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert (data["inLanguage"], data["datePublished"]) == ("it", "2025-02-19")
    assert data["url"] == data["mainEntityOfPage"]["@id"] == BASE + "articles/atalanta-club-brugge-ritorno/"
    assert data["publisher"] == {"@type": "Organization", "name": "Calcio Recaps", "url": BASE}
    assert data["keywords"] == "Champions League, Atalanta"
    [about] = data["about"]
    assert about["@type"] == "SportsEvent" and about["url"] == BASE + f"ties/{BRUGGE_TIE}/"
    assert (about["homeTeam"]["name"], about["awayTeam"]["name"]) == ("Atalanta", "Club Brugge")
    assert about["superEvent"]["url"] == about["url"]


def test_a_match_without_a_tie_points_at_its_recap(fixture_site):
    config, site = fixture_site
    article = site.article_by_slug["milan-club-brugge-league-phase"]
    matches = [site.matches[match_id] for match_id in article.matches]
    [about] = roundtrip(article_ld(article, matches, config, ties=site.ties))["about"]
    assert about["url"] == "/articles/milan-club-brugge-league-phase/" and "superEvent" not in about


def test_a_team_is_a_sports_team(real):
    config, site = real
    data = roundtrip(team_ld(site.teams["club-brugge"], config))
    assert data["@type"] == "SportsTeam" and data["name"] == "Club Brugge"
    assert data["url"] == BASE + "teams/club-brugge/"


def test_hostile_text_stays_text_inside_the_script_element(real):
    config, site = real
    article = replace(site.article_by_slug["atalanta-club-brugge-ritorno"], title=HOSTILE, summary=HOSTILE,
                      author=HOSTILE)
    text = script_json(article_ld(article, [], config))
    assert not any(char in text for char in "<>&\u2028\u2029")
    data = json.loads(text)
    assert data["headline"] == data["description"] == data["author"]["name"] == HOSTILE
    match = next(iter(site.matches.values()))
    hostile_venue = replace(match, venue=HOSTILE)
    assert json.loads(script_json(match_ld(hostile_venue, config)))["location"]["name"] == HOSTILE


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[dict] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append({"tag": tag, **dict(attrs)})


def test_sharing_tags_of_a_recap(real):
    config, site = real
    article = site.article_by_slug["atalanta-club-brugge-ritorno"]
    matches = [site.matches[match_id] for match_id in article.matches]
    meta = {key: content for _, key, content in article_meta(article, matches, config)}
    assert meta["og:type"] == "article" and meta["og:locale"] == "it_IT"
    assert meta["og:url"] == BASE + "articles/atalanta-club-brugge-ritorno/"
    assert meta["og:title"] == meta["twitter:title"] == article.title
    assert meta["og:description"] == meta["twitter:description"] == article.summary
    assert meta["article:published_time"] == "2025-02-19" and meta["article:section"] == "UEFA Champions League"
    assert meta["twitter:card"] == "summary" and meta["og:site_name"] == "Calcio Recaps"
    tags = [content for _, key, content in article_meta(article, matches, config) if key == "article:tag"]
    assert tags == ["Champions League", "Atalanta"]


def test_sharing_tags_escape_what_they_carry(real):
    config, _ = real
    meta = social_meta(title=HOSTILE, description=HOSTILE, url="/teams/atalanta/", config=config, lang="en")
    parser = _Meta()
    parser.feed(meta_html(meta))
    assert [tag["tag"] for tag in parser.tags] == ["meta"] * len(meta)  # nothing broke out of an attribute
    contents = {tag.get("property") or tag.get("name"): tag["content"] for tag in parser.tags}
    assert contents["og:title"] == contents["twitter:description"] == HOSTILE
    assert contents["og:type"] == "website" and "article:published_time" not in contents


@pytest.mark.parametrize("lang, locale", [("en", "en_US"), ("it", "it_IT"), ("it-CH", "it_CH"), ("xx", "xx")])
def test_og_locale(lang, locale):
    assert og_locale(lang) == locale


def test_language_links_list_every_version_and_a_default(real):
    config, _ = real
    links = language_links("/articles/ritorno/", "it", {"en": "/articles/second-leg/"}, config)
    assert links == [("en", BASE + "articles/second-leg/"), ("it", BASE + "articles/ritorno/"),
                     ("x-default", BASE + "articles/second-leg/")]
    assert language_links("/articles/ritorno/", "it", {}, config) == []


def test_script_json_is_deterministic():
    assert script_json({"b": 1, "a": [2, "\u00e8"]}) == '{"a":[2,"\u00e8"],"b":1}'


def test_sitemap_with_lastmod_parses_and_stays_under_the_base(real):
    config, site = real
    brugge = [a for a in site.articles if "club-brugge" in a.teams]
    pages = [("/", lastmod(site.articles)), ("/teams/club-brugge/", lastmod(brugge)), ("/ties/", None)]
    root = ET.fromstring(sitemap_xml(pages, config))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    found = [(url.findtext(f"{namespace}loc"), url.findtext(f"{namespace}lastmod")) for url in root]
    assert found == [(BASE, "2026-03-10"), (BASE + "teams/club-brugge/", "2025-02-19"), (BASE + "ties/", None)]
