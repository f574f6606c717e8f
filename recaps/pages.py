"""The page plan: every file of the site as a planned output (a URL, what
renders it, and its view), pages and data files alike.

A view holds only what its output shows: model values, `ArticleCard`s and
`MatchRow`s, never the whole `Site` or `SiteIndex`. That makes a view small
enough to pickle (the fingerprint of a page, a worker process), and makes the
fingerprint complete: an output whose view, template and config did not change
renders to the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .config import Config
from .feeds import all_feeds
from .model import Site
from .output import articles_data, matches_data, teams_data, ties_data
from .structured import lastmod
from .views import SiteIndex, bracket, card


@dataclass(frozen=True)
class Page:
    url: str
    template: str  # a Jinja template (name with an extension), or a format of output.FORMATS
    view: dict = field(compare=False, hash=False)
    lang: str = ""  # "" = the site's language


def _paginate(items: list, per_page: int):
    """Yield (page number, page count, items on it); one page even when empty."""
    count = max(1, -(-len(items) // per_page))
    for number in range(1, count + 1):
        yield number, count, items[(number - 1) * per_page:number * per_page]


def _pager(index_url: str, number: int, count: int) -> dict:
    return {
        "number": number, "count": count,
        "previous": urls.page(index_url, number - 1) if number > 1 else None,
        "next": urls.page(index_url, number + 1) if number < count else None,
    }


def _most_covered(site: Site, index: SiteIndex, count: int) -> list:
    """The teams with the most recaps, in name order: the home page's team strip."""
    ranked = sorted(site.teams.values(), key=lambda t: (-len(index.team_articles.get(t.slug, [])), t.slug))
    return sorted(ranked[:count], key=lambda t: t.slug)


def plan(site: Site, config: Config, index: SiteIndex | None = None) -> list[Page]:
    """Every output of the site: HTML pages, then feeds, data files, sitemap and the small files."""
    index = index or SiteIndex.build(site)
    pages = _html_pages(site, config, index)
    sitemap = [(page.url, lastmod(_shown_articles(page.view))) for page in pages if page.url.endswith("/")]
    pages.extend(Page(feed.url, "atom", {"feed": feed}) for feed in all_feeds(site, config))
    pages.extend([
        Page(urls.data("ties"), "json", {"items": ties_data(site)}),
        Page(urls.data("matches"), "json", {"items": matches_data(site)}),
        Page(urls.data("teams"), "json", {"items": teams_data(site, index)}),
        Page(urls.data("articles"), "json", {"items": articles_data(site)}),
    ])
    pages.append(Page(urls.SITEMAP, "sitemap", {"pages": sorted(sitemap)}))
    pages.append(Page(urls.ROBOTS, "robots", {"sitemap": urls.SITEMAP}))
    pages.append(Page("/.nojekyll", "text", {"text": ""}))
    if config.cname:
        pages.append(Page("/CNAME", "text", {"text": config.cname + "\n"}))
    return pages


def _shown_articles(view: dict) -> list:
    """The recaps (articles or their cards) a page's view shows: what dates its lastmod."""
    shown = [view["article"]] if "article" in view else []
    for key in ("articles", "latest"):
        shown.extend(view.get(key, ()))
    for recaps in view.get("leg_recaps", ()):
        shown.extend(recaps)
    return shown


def _html_pages(site: Site, config: Config, index: SiteIndex) -> list[Page]:
    pages: list[Page] = []
    cards = [index.card(article) for article in site.articles]
    ties_newest = sorted(site.ties.values(), key=lambda t: (t.last_date, t.id), reverse=True)

    pages.append(Page(urls.HOME, "home.html", {
        "latest": cards[:config.home_latest],
        "in_progress": [tie for tie in ties_newest if tie.result.status == "in_progress"],
        "decided": [tie for tie in ties_newest if tie.result.status == "decided"][:config.home_latest],
        "teams": _most_covered(site, index, 24),
    }))

    for number, count, items in _paginate(cards, config.per_page):
        pages.append(Page(urls.page(urls.ARTICLES, number), "articles.html", {
            "articles": items, "pagination": _pager(urls.ARTICLES, number, count)}))
    for number, count, items in _paginate(ties_newest, config.per_page):
        pages.append(Page(urls.page(urls.TIES, number), "ties.html", {
            "ties": items, "pagination": _pager(urls.TIES, number, count)}))
    pages.append(Page(urls.TEAMS, "teams.html", {"teams": list(site.teams.values())}))

    for article in site.articles:
        matches = [site.matches[match_id] for match_id in article.matches]
        pages.append(Page(urls.article(article), "article.html", {
            "article": article, "matches": index.rows(matches),
            "teams": [site.teams[slug] for slug in article.teams if slug in site.teams],
        }, article.lang))

    for team in site.teams.values():
        matches = index.team_matches.get(team.slug, [])
        pages.append(Page(urls.team(team), "team.html", {
            "team": team, "record": index.record(team), "matches": index.rows(matches),
            "ties": index.team_ties.get(team.slug, []),
            "articles": [index.card(article) for article in index.team_articles.get(team.slug, [])],
            "reported": index.reporters(team),
        }))

    for tie in site.ties.values():
        pages.append(Page(urls.tie(tie), "tie.html", {
            "tie": tie, "articles": [index.card(article) for article in index.tie_articles(tie)],
            "leg_recaps": [[card(article) for article in index.articles_of(match)] if match else []
                           for match in tie.legs],
        }))

    competitions = []
    for competition in site.competitions.values():
        seasons = sorted(index.seasons.get(competition.slug, {}), reverse=True)
        competitions.append((competition, seasons))
        by_season = {season: index.stage_groups(competition.slug, season) for season in seasons}
        pages.append(Page(urls.competition(competition), "competition.html", {
            "competition": competition, "seasons": seasons,
            "finals": {season: index.final(stages) for season, stages in by_season.items()}}))
        for season in seasons:
            stages = by_season[season]
            pages.append(Page(urls.competition_season(competition, season), "competition_season.html", {
                "competition": competition, "season": season, "stages": stages, "bracket": bracket(stages),
            }))
    pages.append(Page(urls.COMPETITIONS, "competitions.html", {"competitions": competitions}))
    pages.append(Page(urls.NOT_FOUND, "404.html", {}))
    return pages
