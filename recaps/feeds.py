"""Atom feeds: the whole site's, each team's and each competition's. Pure: the model
in, Atom documents (bytes) out.

Ids never come from the host: an entry's is a `urn:uuid:` derived from its article's
slug, a feed's from its own site URL ("/teams/atalanta/feed.xml"), so a rebuild or a
move to another host leaves every id as it was and readers see nothing new. Links
are absolute (path-absolute when base_url is a bare path, as the build warns).

>>> article_id(Article("derby", "x.md", "", None, "en", "", 1))
'urn:uuid:8cbf38d1-5d38-536a-91d0-5824b361dc60'
"""
from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable, Iterable

from . import urls
from .config import Config
from .model import Article, Competition, Site, Team

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50  # entries per feed, newest first
_IDS = uuid.UUID("5d0c52c4-3f4e-4d2a-9a7e-6b1f0e2c8a41")  # Recaps' own namespace for name-based UUIDs
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0


def article_id(article: Article) -> str:
    return f"urn:uuid:{uuid.uuid5(_IDS, 'article/' + article.slug)}"


def feed_id(url: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_IDS, 'feed' + url)}"


def team_feed_url(team: Team) -> str:
    """'/teams/atalanta/feed.xml'."""
    return urls.team(team) + "feed.xml"


def competition_feed_url(competition: Competition) -> str:
    """'/competitions/uefa-champions-league/feed.xml'."""
    return urls.competition(competition) + "feed.xml"


@dataclass(frozen=True)
class Feed:
    url: str  # the feed's site URL
    page: str  # the site URL of the page it follows
    title: str
    subtitle: str
    articles: tuple[Article, ...]  # newest first, dated only, at most LIMIT


def _entries(articles: Iterable[Article]) -> tuple[Article, ...]:
    dated = [article for article in articles if article.date is not None]
    return tuple(sorted(dated, key=lambda a: (a.date, a.slug), reverse=True)[:LIMIT])


def site_feed(site: Site, config: Config) -> Feed:
    return Feed(urls.FEED, urls.HOME, config.title, config.description, _entries(site.articles))


def team_feed(team: Team, articles: Iterable[Article], config: Config) -> Feed:
    """The feed of `articles`, the recaps that name `team` (playing or discussed)."""
    return _team_feed(team, articles, config.title)


def _team_feed(team: Team, articles: Iterable, title: str) -> Feed:
    return Feed(team_feed_url(team), urls.team(team), f"{team.name} \u2013 {title}",
                f"Recaps of {team.name}'s matches", _entries(articles))


def competition_feed(competition: Competition, articles: Iterable[Article], config: Config) -> Feed:
    """The feed of `articles`, the recaps that report a match of `competition`."""
    return _competition_feed(competition, articles, config.title)


def _competition_feed(competition: Competition, articles: Iterable, title: str) -> Feed:
    return Feed(competition_feed_url(competition), urls.competition(competition),
                f"{competition.name} \u2013 {title}", f"Recaps of {competition.name} matches", _entries(articles))


def all_feeds(site: Site, config: Config) -> list[Feed]:
    """The site's feed, then one per team and one per competition, in slug order."""
    reported = ((article, (site.matches[m].competition.slug for m in article.matches if m in site.matches))
                for article in site.articles)
    return feeds_of(site.teams, site.competitions, reported, config.title, config.description)


def feeds_of(teams: dict[str, Team], competitions: dict[str, Competition], recaps: Iterable[tuple[object, Iterable[str]]],
             title: str, description: str) -> list[Feed]:
    """`all_feeds` of `recaps`, newest first: each a recap (an Article, or what has its slug, date
    and teams: an `ArticleCard`) with the slugs of the competitions of the matches it reports.
    Each feed's `articles` are of those recaps."""
    by_team: dict[str, list] = {slug: [] for slug in teams}
    by_competition: dict[str, list] = {slug: [] for slug in competitions}
    everything = []
    for recap, reported in recaps:
        everything.append(recap)
        for slug in recap.teams:
            by_team.setdefault(slug, []).append(recap)
        for slug in dict.fromkeys(reported):
            by_competition.setdefault(slug, []).append(recap)
    return ([Feed(urls.FEED, urls.HOME, title, description, _entries(everything))]
            + [_team_feed(teams[slug], by_team[slug], title) for slug in sorted(teams)]
            + [_competition_feed(competitions[slug], by_competition[slug], title) for slug in sorted(competitions)])


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: _text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _timestamp(value) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def atom(feed: Feed, config: Config, body_html: Callable[[Article], str]) -> bytes:
    """The feed as an Atom 1.0 document. `body_html(article)` gives an article's body
    as HTML (the site's Markdown renderer, ideally cached: an article is in several feeds)."""
    def absolute(url: str) -> str:
        return urls.absolute(config.origin, config.base_path, url)

    root = ET.Element("feed", {"xmlns": ATOM, _XML_LANG: config.language})
    _add(root, "id", feed_id(feed.url))
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    _add(root, "link", rel="self", type="application/atom+xml", href=absolute(feed.url))
    _add(root, "link", rel="alternate", type="text/html", href=absolute(feed.page))
    newest = max((article.date for article in feed.articles), default=None)
    _add(root, "updated", _timestamp(newest) if newest else "1970-01-01T00:00:00Z")
    _add(_add(root, "author"), "name", config.author or config.title)
    _add(root, "generator", "Recaps")
    for article in feed.articles:
        entry = _add(root, "entry", **{_XML_LANG: article.lang})
        _add(entry, "id", article_id(article))
        _add(entry, "title", article.title or article.slug)
        _add(entry, "link", rel="alternate", type="text/html", hreflang=article.lang,
             href=absolute(urls.article(article)))
        _add(entry, "published", _timestamp(article.date))
        _add(entry, "updated", _timestamp(article.date))
        _add(_add(entry, "author"), "name", article.author or config.author or config.title)
        for tag in article.tags:
            _add(entry, "category", term=tag)
        if article.summary:
            _add(entry, "summary", article.summary)
        _add(entry, "content", body_html(article), type="html")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                       xml_declaration=False) + b"\n"
