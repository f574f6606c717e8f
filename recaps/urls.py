"""Every URL of the site comes from here. A URL is a path inside the site
("/teams/atalanta/"), without the base URL; `output_file` maps it to a file."""
from __future__ import annotations

from .model import Article, Competition, Team, Tie
from .rules import Season

HOME = "/"
ARTICLES = "/articles/"
TEAMS = "/teams/"
TIES = "/ties/"
COMPETITIONS = "/competitions/"
FEED = "/feed.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
NOT_FOUND = "/404.html"
STATIC = "/static/"


def article(item: Article) -> str:
    return article_at(item.slug)


def article_at(slug: str) -> str:
    """The URL of the recap whose slug is `slug`."""
    return f"/articles/{slug}/"


def team(item: Team) -> str:
    return f"/teams/{item.slug}/"


def tie(item: Tie) -> str:
    return f"/ties/{item.id}/"


def competition(item: Competition) -> str:
    return f"/competitions/{item.slug}/"


def competition_season(item: Competition, season: Season) -> str:
    return f"/competitions/{item.slug}/{season}/"


def data(name: str) -> str:
    return f"/data/{name}.json"


def page(index_url: str, number: int) -> str:
    """Page `number` (1-based) of a paginated index."""
    return index_url if number == 1 else f"{index_url}page/{number}/"


def output_file(url: str) -> str:
    """The file, relative to the output folder, that serves `url` (as a POSIX path): the one
    place a URL becomes a file (`write.target_file` puts it in a folder).

    >>> output_file("/teams/atalanta/"), output_file("/feed.xml"), output_file("/a//b/./")
    ('teams/atalanta/index.html', 'feed.xml', 'a/b/index.html')
    """
    relative = url.lstrip("/")
    relative = relative + "index.html" if url.endswith("/") else relative
    if "//" in relative or "/." in relative or relative.startswith("."):  # as pathlib normalises it
        return "/".join(part for part in relative.split("/") if part not in ("", "."))
    return relative


def link(base_path: str, url: str) -> str:
    """The href for `url` on a site served under `base_path` ('/' or '/repo/')."""
    return base_path + url.lstrip("/")


def absolute(origin: str, base_path: str, url: str) -> str:
    """A full URL when the site's origin is known, else a path-absolute one."""
    return origin + link(base_path, url)
