"""The page plan: every file of the site as a planned output (a URL, what
renders it, and its view), pages and data files alike.

A view holds only what its output shows: model values, `ArticleCard`s and
`MatchRow`s, never the whole `Site` or `SiteIndex`. That makes a view small
enough to hand to a worker process, and makes its key (`dependencies`)
complete: an output whose view, template and config did not change renders to
the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .config import Config
from .feeds import Feed, feeds_of
from .model import Article, Match, Site, Team, Tie
from .rules import Season
from .output import JsonItem, article_data, match_data, team_data, tie_data
from .structured import lastmod
from .views import (ArticleCard, MatchRow, Recaps, Record, Records, Results, SiteIndex, bracket, final,
                    plain_card)


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


def _most_covered(results: Results, recaps: Recaps, count: int) -> tuple[Team, ...]:
    """The teams with the most recaps, in name order: the home page's team strip. A club only
    mentioned (no match of its reported) has no record to show there."""
    playing = (team for team in results.teams.values() if team.slug in results.team_matches)
    ranked = sorted(playing, key=lambda t: (-len(recaps.by_team.get(t.slug, [])), t.slug))
    return tuple(sorted(ranked[:count], key=lambda t: t.slug))


def plan(site: Site, config: Config, index: SiteIndex | None = None) -> list[Page]:
    """Every output of the site: HTML pages, then feeds, data files, sitemap and the small files.
    Each is made by a function of the values it shows alone."""
    index = index or SiteIndex.build(site)
    results, recaps, records = index.results, index.recaps, index.records
    pages = _list_pages(recaps, results, config.per_page, config.home_latest)
    pages += [_article_page(article, results) for article in site.articles]
    pages += _team_pages_of(results, recaps, records, config.per_page)
    pages += [_tie_page(tie, recaps) for tie in results.ties.values()]
    pages += _competition_pages(results)
    sitemap = [(page.url, lastmod(_shown_articles(page.view))) for page in pages if page.url.endswith("/")]
    pages.append(_not_found_page())
    pages += [_feed_page(feed.url, feed.page, feed.title, feed.subtitle,
                         tuple(site.article_by_slug[card.slug] for card in feed.articles))
              for feed in _feeds(results, recaps, config.title, config.description)]
    published = frozenset(recaps.by_slug)  # what matches.json and ties.json need of the recaps: their URLs
    pages += [
        _data_page("ties", [JsonItem(tie_data(tie, published)) for tie in results.ties.values()]),
        _data_page("matches", [JsonItem(match_data(match, results.ties, published, results.teams))
                               for match in results.matches.values()]),
        _data_page("teams", [JsonItem(team_data(team, records.record(team))) for team in results.teams.values()]),
        _data_page("articles", [JsonItem(article_data(article, results.teams, results.matches, results.ties))
                                for article in site.articles]),
        Page(urls.SITEMAP, "sitemap", {"pages": sorted(sitemap)}),
        Page(urls.ROBOTS, "robots", {"sitemap": urls.SITEMAP}),
        _text_page("/.nojekyll", ""),
    ]
    if config.cname:
        pages.append(_text_page("/CNAME", config.cname + "\n"))
    return pages


def _text_page(url: str, text: str) -> Page:
    return Page(url, "text", {"text": text})


def _not_found_page() -> Page:
    return Page(urls.NOT_FOUND, "404.html", {})


def _feed_page(url: str, page: str, title: str, subtitle: str, articles: tuple) -> Page:
    return Page(url, "atom", {"feed": Feed(url, page, title, subtitle, articles)})


def _data_page(name: str, items: list[JsonItem]) -> Page:
    """An open data file, joined from its entries (`output.JsonItem`)."""
    return Page(urls.data(name), "json-items", {"items": items})


def _shown_articles(view: dict) -> list:
    """The recaps (articles or their cards) a page's view shows: what dates its lastmod."""
    shown = [view["article"]] if "article" in view else []
    for key in ("articles", "latest"):
        shown.extend(view.get(key, ()))
    for recaps in view.get("leg_recaps", ()):
        shown.extend(recaps)
    return shown


def _team_pages(team: Team, per_page: int, matches: tuple[Match, ...], match_ties: tuple[Tie | None, ...],
                cards: tuple[ArticleCard, ...], ties: tuple[Tie, ...], record: Record) -> tuple[Page, ...]:
    """A team's page, paged by season when its results are many: `/teams/<slug>/` holds the
    newest seasons, `/teams/<slug>/page/2/` the ones before, each page whole seasons of about
    `per_page` results (one season is never split), with that page's ties and recaps. A recap
    goes with the newest season of the team's matches it reports; one that only mentions the
    team goes with the page whose dates hold its date. Every page shows the whole record.

    `matches` are the team's, newest first, with the tie of each; `cards` those of the recaps
    that name the team; `ties` the team's, newest first; `record` its record over `matches`."""
    tie_of = dict(zip([match.id for match in matches], match_ties))
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
    reporters = {slug for match in matches for slug in match.articles}
    articles: list[list[ArticleCard]] = [[] for _ in groups]
    for card in cards:
        reported = [match for match in card.matches if team.slug in (match.home.slug, match.away.slug)]
        if reported:
            number = page_of[max(match.season for match in reported)]
        elif card.date is None:
            number = len(groups) - 1
        else:
            number = next((n for n, start in enumerate(since) if start is None or card.date >= start),
                          len(groups) - 1)
        articles[number].append(card)
    pages = []
    for number, seasons in enumerate(groups):
        on_page = set(seasons)
        shown_cards = articles[number]
        pages.append(Page(urls.page(urls.team(team), number + 1), "team.html", {
            "team": team, "record": record,
            "matches": [MatchRow(match, tie_of[match.id]) for match in matches
                        if len(groups) == 1 or match.season in on_page],
            "ties": [tie for tie in ties if len(groups) == 1 or tie.season in on_page],
            "articles": shown_cards,
            "reported": sorted(reporters & {card.slug for card in shown_cards}),
            "pagination": _pager(urls.team(team), number + 1, len(groups)),
        }))
    return tuple(pages)


def _list_pages(recaps: Recaps, results: Results, per_page: int, latest: int) -> list[Page]:
    """The home page, the recaps' and the ties' indexes, and the teams' page."""
    ties = results.ties_newest
    pages = [Page(urls.HOME, "home.html", {
        "latest": list(recaps.cards[:latest]),
        "in_progress": [tie for tie in ties if tie.result.status == "in_progress"],
        "decided": [tie for tie in ties if tie.result.status == "decided"][:latest],
        "teams": list(_most_covered(results, recaps, 24))})]
    for index_url, template, key, items in ((urls.ARTICLES, "articles.html", "articles", recaps.cards),
                                            (urls.TIES, "ties.html", "ties", ties)):
        for number, count, shown in _paginate(items, per_page):
            pages.append(Page(urls.page(index_url, number), template,
                              {key: list(shown), "pagination": _pager(index_url, number, count)}))
    pages.append(Page(urls.TEAMS, "teams.html", {"teams": list(results.teams.values())}))
    return pages


def _article_page(article: Article, results: Results) -> Page:
    matches = [results.matches[match_id] for match_id in article.matches]
    return Page(urls.article(article), "article.html", {
        "article": article, "matches": [MatchRow(match, results.tie_of(match)) for match in matches],
        "teams": [results.teams[slug] for slug in article.teams if slug in results.teams],
    }, article.lang)


def _team_pages_of(results: Results, recaps: Recaps, records: Records, per_page: int) -> list[Page]:
    pages = []
    for team in results.teams.values():
        matches = tuple(results.team_matches.get(team.slug, ()))
        pages += _team_pages(team, per_page, matches, results.ties_of(matches),
                             tuple(recaps.by_team.get(team.slug, ())), tuple(results.team_ties.get(team.slug, ())),
                             records.record(team))
    return pages


def _tie_page(tie: Tie, recaps: Recaps) -> Page:
    """The tie's page: the cards of every recap on it, and those (without scores) of each leg's."""
    return Page(urls.tie(tie), "tie.html", {
        "tie": tie, "articles": recaps.of_tie(tie),
        "leg_recaps": [[plain_card(card) for card in recaps.of_match(match)] if match else [] for match in tie.legs]})


def _competition_pages(results: Results) -> list[Page]:
    """Each competition's page and its seasons', and the competitions' page."""
    pages, competitions = [], []
    for competition in results.competitions.values():
        seasons = sorted(results.seasons.get(competition.slug, {}), reverse=True)
        competitions.append((competition, seasons))
        by_season = {season: results.stage_groups(competition.slug, season) for season in seasons}
        pages.append(Page(urls.competition(competition), "competition.html", {
            "competition": competition, "seasons": seasons,
            "finals": {season: final(by_season[season]) for season in seasons}}))
        for season in seasons:
            stages = by_season[season]
            pages.append(Page(urls.competition_season(competition, season), "competition_season.html", {
                "competition": competition, "season": season, "stages": stages, "bracket": bracket(stages)}))
    pages.append(Page(urls.COMPETITIONS, "competitions.html", {"competitions": competitions}))
    return pages


def _feeds(results: Results, recaps: Recaps, title: str, description: str) -> list[Feed]:
    """The site's feeds, each of the cards of its entries (see `feeds.feeds_of`)."""
    reported = ((card, (match.competition.slug for match in card.matches)) for card in recaps.cards)
    return feeds_of(results.teams, results.competitions, reported, title, description)
