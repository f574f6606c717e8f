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
from .model import Match, Site, Team
from .rules import Season
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


def _team_pages(team: Team, index: SiteIndex, per_page: int) -> list[Page]:
    """A team's page, paged by season when its results are many: `/teams/<slug>/` holds the
    newest seasons, `/teams/<slug>/page/2/` the ones before, each page whole seasons of about
    `per_page` results (one season is never split), with that page's ties and recaps. A recap
    goes with the newest season of the team's matches it reports; one that only mentions the
    team goes with the page whose dates hold its date. Every page shows the whole record."""
    matches = index.team_matches.get(team.slug, [])  # newest first
    by_season: dict[Season, list[Match]] = {}
    for match in matches:
        by_season.setdefault(match.season, []).append(match)
    groups: list[list[Season]] = []  # the seasons of each page, newest first
    shown = 0
    for season in sorted(by_season, reverse=True):
        if not groups or (shown and shown + len(by_season[season]) > per_page):
            groups.append([])
            shown = 0
        groups[-1].append(season)
        shown += len(by_season[season])
    groups = groups or [[]]
    page_of = {season: number for number, seasons in enumerate(groups) for season in seasons}
    since = [min(match.date for season in seasons for match in by_season[season]) if seasons else None
             for seasons in groups]  # a page holds the dates from its oldest match on (page 1: all later)
    reporters = set(index.reporters(team))
    articles: list[list] = [[] for _ in groups]
    for article in index.team_articles.get(team.slug, []):
        reported = [match for match in index.reported_matches(article)
                    if team.slug in (match.home.slug, match.away.slug)]
        if reported:
            number = page_of[max(match.season for match in reported)]
        elif article.date is None:
            number = len(groups) - 1
        else:
            number = next((n for n, start in enumerate(since) if start is None or article.date >= start),
                          len(groups) - 1)
        articles[number].append(article)
    ties = index.team_ties.get(team.slug, [])
    pages = []
    for number, seasons in enumerate(groups):
        on_page = set(seasons)
        shown_articles = articles[number]
        pages.append(Page(urls.page(urls.team(team), number + 1), "team.html", {
            "team": team, "record": index.record(team),
            "matches": index.rows(match for match in matches if len(groups) == 1 or match.season in on_page),
            "ties": [tie for tie in ties if len(groups) == 1 or tie.season in on_page],
            "articles": [index.card(article) for article in shown_articles],
            "reported": sorted(reporters & {article.slug for article in shown_articles}),
            "pagination": _pager(urls.team(team), number + 1, len(groups)),
        }))
    return pages


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
        pages.extend(_team_pages(team, index, config.per_page))

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
