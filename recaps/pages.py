"""The page plan: every page of the site, its template, what it shows and
which source files it depends on (for partial rebuilds in `serve`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .config import Config
from .model import Site
from .views import SiteIndex, bracket, team_record


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    context: dict = field(compare=False, hash=False)
    sources: frozenset[str] = frozenset()  # article files the page shows
    lang: str = ""  # "" = the site's language


def _paginate(index_url: str, items: list, per_page: int):
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


def plan(site: Site, config: Config, index: SiteIndex) -> list[Page]:
    common = {"site": site, "index": index}
    pages: list[Page] = []
    published = [article for article in site.articles]
    ties_newest = sorted(site.ties.values(), key=lambda t: (t.last_date, t.id), reverse=True)
    all_paths = frozenset(article.path for article in site.articles)

    pages.append(Page(urls.HOME, "home.html", {
        **common,
        "latest": published[:config.home_latest],
        "in_progress": [tie for tie in ties_newest if tie.result.status == "in_progress"],
        "decided": [tie for tie in ties_newest if tie.result.status == "decided"][:config.home_latest],
        "teams": _most_covered(site, index, 24),
    }, all_paths))

    for number, count, items in _paginate(urls.ARTICLES, published, config.per_page):
        pages.append(Page(urls.page(urls.ARTICLES, number), "articles.html", {
            **common, "articles": items, "pagination": _pager(urls.ARTICLES, number, count)}, all_paths))
    for number, count, items in _paginate(urls.TIES, ties_newest, config.per_page):
        pages.append(Page(urls.page(urls.TIES, number), "ties.html", {
            **common, "ties": items, "pagination": _pager(urls.TIES, number, count)}, all_paths))
    pages.append(Page(urls.TEAMS, "teams.html", {**common, "teams": list(site.teams.values())}, all_paths))

    for article in site.articles:
        matches = [site.matches[match_id] for match_id in article.matches]
        pages.append(Page(urls.article(article), "article.html", {
            **common, "article": article, "matches": matches,
            "teams": [site.teams[slug] for slug in article.teams if slug in site.teams],
        }, frozenset({article.path} | {s.path for m in matches for s in m.sources}), article.lang))

    for team in site.teams.values():
        matches = index.team_matches.get(team.slug, [])
        articles = index.team_articles.get(team.slug, [])
        pages.append(Page(urls.team(team), "team.html", {
            **common, "team": team, "record": team_record(team, matches), "matches": matches,
            "ties": index.team_ties.get(team.slug, []), "articles": articles,
        }, frozenset(a.path for a in articles)))

    for tie in site.ties.values():
        pages.append(Page(urls.tie(tie), "tie.html", {
            **common, "tie": tie, "articles": index.tie_articles(tie),
        }, frozenset(s.path for m in tie.legs if m for s in m.sources)))

    competitions = []
    for competition in site.competitions.values():
        seasons = sorted(index.seasons.get(competition.slug, {}), reverse=True)
        competitions.append((competition, seasons))
        pages.append(Page(urls.competition(competition), "competition.html", {
            **common, "competition": competition, "seasons": seasons}, all_paths))
        for season in seasons:
            matches = index.seasons[competition.slug][season]
            stages = index.stage_groups(competition.slug, season)
            pages.append(Page(urls.competition_season(competition, season), "competition_season.html", {
                **common, "competition": competition, "season": season,
                "stages": stages, "bracket": bracket(stages),
            }, frozenset(s.path for m in matches for s in m.sources)))
    pages.append(Page(urls.COMPETITIONS, "competitions.html", {**common, "competitions": competitions},
                      all_paths))
    pages.append(Page(urls.NOT_FOUND, "404.html", dict(common)))
    pages.append(Page(urls.FEED, "feed.xml", {**common, "articles": published[:50]}, all_paths))
    return pages
