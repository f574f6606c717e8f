"""Atom feeds for the site, each team and each competition: valid, absolute, with ids that
survive a rebuild and a move to another host."""
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from recaps.errors import Problems
from recaps.feeds import ATOM, Feed, all_feeds, article_id, atom, competition_feed, site_feed, team_feed
from recaps.pipeline import Timings, assemble_site, configure

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.github.io/recaps/"
HOSTILE = '</title><script>alert("x")</script> & ]]> <!-- \u00e8'


def load(base_url: str | None = BASE):
    problems = Problems()
    config = configure(ROOT / "config.yaml", problems, base_url=base_url)
    return config, assemble_site(config, problems, Timings())


@pytest.fixture(scope="module")
def real():
    return load()


def body(article) -> str:
    return f"<p>{article.slug} body</p>"


def parsed(feed: Feed, config) -> feedparser.FeedParserDict:
    document = feedparser.parse(atom(feed, config, body))
    assert not document.bozo, document.get("bozo_exception")
    assert document.version == "atom10"
    return document


def by_url(feeds: list[Feed]) -> dict[str, Feed]:
    return {feed.url: feed for feed in feeds}


def test_every_feed_is_valid_atom_with_absolute_links_under_the_base(real):
    config, site = real
    feeds = all_feeds(site, config)
    assert [feed.url for feed in feeds[:2]] == ["/feed.xml", "/teams/atalanta/feed.xml"]
    assert feeds[-1].url == "/competitions/uefa-champions-league/feed.xml"
    assert len(feeds) == 1 + len(site.teams) + len(site.competitions)
    for feed in feeds:
        document = parsed(feed, config)
        links = {link.rel: link.href for link in document.feed.links}
        assert links == {"self": BASE + feed.url.lstrip("/"), "alternate": BASE + feed.page.lstrip("/")}
        assert document.feed.id.startswith("urn:uuid:") and document.feed.updated_parsed
        for entry in document.entries:
            assert entry.link.startswith(BASE + "articles/") and entry.id.startswith("urn:uuid:")
            assert entry.published_parsed and entry.updated_parsed and entry.author


def test_the_site_feed_has_every_dated_recap_newest_first(real):
    config, site = real
    document = parsed(site_feed(site, config), config)
    assert [entry.link for entry in document.entries] == [
        BASE + "articles/atalanta-bayern-round-of-16-first-leg/",
        BASE + "articles/atalanta-club-brugge-ritorno/",
        BASE + "articles/feyenoord-milan-club-brugge-atalanta-first-legs/"]
    ritorno = document.entries[1]
    assert ritorno.title == site.article_by_slug["atalanta-club-brugge-ritorno"].title
    assert ritorno.content[0].value == "<p>atalanta-club-brugge-ritorno body</p>"
    assert (ritorno.content[0].type, ritorno.content[0].language) == ("text/html", "it")  # the entry's xml:lang
    assert document.feed.updated.startswith("2026-03-10")  # the newest recap's date


def test_a_team_feed_holds_that_teams_recaps_and_no_other(real):
    config, site = real
    feeds = by_url(all_feeds(site, config))
    brugge = parsed(feeds["/teams/club-brugge/feed.xml"], config)
    assert [entry.link.rsplit("/", 2)[1] for entry in brugge.entries] == [
        "atalanta-club-brugge-ritorno", "feyenoord-milan-club-brugge-atalanta-first-legs"]
    assert brugge.feed.title == "Club Brugge \u2013 Calcio Recaps"
    assert {link.rel: link.href for link in brugge.feed.links}["alternate"] == BASE + "teams/club-brugge/"
    milan = parsed(feeds["/teams/milan/feed.xml"], config)
    assert [entry.link.rsplit("/", 2)[1] for entry in milan.entries] == ["feyenoord-milan-club-brugge-atalanta-first-legs"]


def test_a_competition_feed_holds_the_recaps_of_its_matches(real):
    config, site = real
    document = parsed(by_url(all_feeds(site, config))["/competitions/uefa-champions-league/feed.xml"], config)
    assert len(document.entries) == 3
    other = replace(site.competitions["uefa-champions-league"], name="Coppa Italia", slug="coppa-italia")
    assert parsed(competition_feed(other, [], config), config).entries == []


def test_ids_survive_a_rebuild_and_a_move_to_another_host(real):
    config, site = real
    moved_config, moved_site = load("https://recaps.example.org/")
    bare_config, bare_site = load("/")

    def ids(config, site):
        return [(document.feed.id, [entry.id for entry in document.entries])
                for document in (parsed(feed, config) for feed in all_feeds(site, config))]

    assert ids(config, site) == ids(moved_config, moved_site) == ids(bare_config, bare_site)
    every = [entry for _, entries in ids(config, site) for entry in entries]
    assert not any("example" in entry for entry in every)
    article = site.article_by_slug["atalanta-club-brugge-ritorno"]
    assert article_id(article) == article_id(replace(article, title="Renamed", body="Edited"))
    assert article_id(article) != article_id(replace(article, slug="another"))


def test_with_a_bare_path_base_links_are_path_absolute():
    config, site = load("/recaps/")
    document = parsed(site_feed(site, config), config)
    assert document.entries[0].link == "/recaps/articles/atalanta-bayern-round-of-16-first-leg/"


def test_hostile_text_stays_text(real):
    config, site = real
    article = replace(site.article_by_slug["atalanta-club-brugge-ritorno"], title=HOSTILE + "\x0b\x00",
                      summary=HOSTILE, tags=(HOSTILE,), author=HOSTILE)
    feed = team_feed(site.teams["atalanta"], [article], config)
    document = atom(feed, config, lambda a: HOSTILE)
    entry = ET.fromstring(document).find(f"{{{ATOM}}}entry")
    read = {child.tag.split("}")[1]: child for child in entry}
    assert read["title"].text == read["summary"].text == read["content"].text == HOSTILE  # control chars dropped
    assert read["category"].get("term") == HOSTILE and read["author"][0].text == HOSTILE
    assert feedparser.parse(document).entries[0].title == HOSTILE


def test_drafts_without_a_date_are_left_out_and_an_empty_feed_is_valid(real):
    config, site = real
    draft = replace(site.articles[0], slug="undated", date=None, draft=True)
    feed = team_feed(site.teams["atalanta"], [draft], config)
    assert feed.articles == ()
    document = parsed(feed, config)
    assert document.entries == [] and document.feed.updated.startswith("1970-01-01")


def test_the_same_site_gives_the_same_bytes(real):
    config, site = real
    first = [atom(feed, config, body) for feed in all_feeds(site, config)]
    assert first == [atom(feed, config, body) for feed in all_feeds(site, config)]
