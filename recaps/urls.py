"""Every URL of the site comes from here. A URL is a path inside the site
("/teams/atalanta/"), without the base URL; `output_path` maps it to a file."""
from __future__ import annotations

from pathlib import PurePosixPath

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


def output_path(url: str) -> PurePosixPath:
    """The file, relative to the output folder, that serves `url`.

    >>> str(output_path("/teams/atalanta/")), str(output_path("/feed.xml"))
    ('teams/atalanta/index.html', 'feed.xml')
    """
    relative = url.lstrip("/")
    return PurePosixPath(relative + "index.html" if url.endswith("/") else relative)


def output_file(url: str) -> str:
    """`output_path(url)` as a str, made without pathlib where it can be (it is asked for every
    output of every build: at 10,000 recaps pathlib alone took a quarter of a second).

    >>> output_file("/teams/atalanta/"), output_file("/feed.xml"), output_file("/a//b/")
    ('teams/atalanta/index.html', 'feed.xml', 'a/b/index.html')
    """
    relative = url.lstrip("/")
    relative = relative + "index.html" if url.endswith("/") else relative
    if "//" in relative or "/." in relative or relative.startswith("."):  # let pathlib normalise those
        return output_path(url).as_posix()
    return relative


def link(base_path: str, url: str) -> str:
    """The href for `url` on a site served under `base_path` ('/' or '/repo/')."""
    return base_path + url.lstrip("/")


def absolute(origin: str, base_path: str, url: str) -> str:
    """A full URL when the site's origin is known, else a path-absolute one."""
    return origin + link(base_path, url)
