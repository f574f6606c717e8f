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
from .feeds import Feed, feeds_of
from .model import Article, Competition, Match, Site, Team, Tie
from .rules import Season
from .output import JsonItem, article_data, match_data, team_data, tie_data
from .structured import lastmod
from .views import (ArticleCard, Made, MatchRow, Recaps, Record, Records, Results, SiteIndex, StageGroup, bracket,
                    final, plain_card, runs)


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
    """The teams with the most recaps, in name order: the home page's team strip."""
    ranked = sorted(results.teams.values(), key=lambda t: (-len(recaps.by_team.get(t.slug, [])), t.slug))
    return tuple(sorted(ranked[:count], key=lambda t: t.slug))


@dataclass(frozen=True, eq=False)
class _Part:
    """A part of the plan (`views.Made.part`): its outputs, and the sitemap's entries of its pages."""

    pages: tuple[Page, ...]
    entries: tuple[tuple, ...] = ()  # (URL, lastmod) of each HTML page
    items: tuple[JsonItem, ...] = ()  # the entries of articles.json, for a run of recaps (`output.JsonItem`)


def _part(made: Made, pages, items: tuple = ()) -> _Part:
    pages = tuple(pages)
    return _Part(pages, tuple((page.url, made(_lastmod, page)) for page in pages if page.url.endswith("/")), items)


def plan(site: Site, config: Config, index: SiteIndex | None = None) -> list[Page]:
    """Every output of the site: HTML pages, then feeds, data files, sitemap and the small files.

    Each output is made by a function of the values it shows alone (`index.made`, see
    `views.Made`), and the outputs in parts made of whole collections (`Made.part`), so a
    rebuild whose index carries the last plan's `Made` makes again only the parts and outputs of
    values that changed, and keeps the very `Page` objects of the others."""
    index = index or SiteIndex.build(site)
    made, results, recaps = index.made, index.results, index.recaps
    records = index.records
    recap_parts = [made.part(_article_part, run, results) for run in runs(site.articles)]
    parts = [made.part(_lists_part, recaps, results, config.per_page, config.home_latest), *recap_parts,
             made.part(_team_part, results, recaps, records, config.per_page),
             made.part(_tie_part, results, recaps), made.part(_competition_part, results)]
    pages = [page for part in parts for page in part.pages]
    pages.append(made(_not_found_page))
    by_slug = site.article_by_slug
    pages.extend(made(_feed_page, feed.url, feed.page, feed.title, feed.subtitle,
                      tuple(by_slug[card.slug] for card in feed.articles))
                 for feed in made.part(_feeds, results, recaps, config.title, config.description))
    published = tuple(recaps.by_slug)  # what matches.json and ties.json need of the recaps: their URLs
    pages.extend([
        made(_data_page, "ties", made.part(_tie_items, results, published)),
        made(_data_page, "matches", made.part(_match_items, results, published)),
        made(_data_page, "teams", made.part(_team_items, results, records)),
        made(_articles_data_page, *recap_parts),
        made(_sitemap_page, *zip(*[entry for part in parts for entry in part.entries])),
        made(_robots_page),
        made(_text_page, "/.nojekyll", ""),
    ])
    if config.cname:
        pages.append(made(_text_page, "/CNAME", config.cname + "\n"))
    return pages


def _robots_page() -> Page:
    return Page(urls.ROBOTS, "robots", {"sitemap": urls.SITEMAP})


def _text_page(url: str, text: str) -> Page:
    return Page(url, "text", {"text": text})


def _not_found_page() -> Page:
    return Page(urls.NOT_FOUND, "404.html", {})


def _lastmod(page: Page):
    return lastmod(_shown_articles(page.view))


def _feed_page(url: str, page: str, title: str, subtitle: str, articles: tuple) -> Page:
    return Page(url, "atom", {"feed": Feed(url, page, title, subtitle, articles)})


def _sitemap_page(page_urls: tuple[str, ...], lastmods: tuple) -> Page:
    """The sitemap, made from its entries' values (not the parts': an edit that leaves every
    entry as it was leaves it as it was)."""
    return Page(urls.SITEMAP, "sitemap", {"pages": sorted(zip(page_urls, lastmods))})


def _data_page(name: str, items: tuple[JsonItem, ...]) -> Page:
    """An open data file, joined from its entries (`output.JsonItem`)."""
    return Page(urls.data(name), "json-items", {"items": list(items)})


def _articles_data_page(*parts: _Part) -> Page:
    return _data_page("articles", tuple(item for part in parts for item in part.items))


# The entries of the open data files, each made (`views.Made.memo`) from the values it shows alone,
# and encoded when first written: at 10,000 recaps a preview rebuild after a score edit encodes one
# match and one tie again, not 10,000 and 5,000 of them.

def _match_items(made: Made, results: Results, published: tuple[str, ...]) -> tuple[JsonItem, ...]:
    published, made = frozenset(published), made.memo("matches.json")
    made.start()
    return tuple(made(_match_item, match, results.tie_of(match),
                      tuple(slug for slug in match.articles if slug in published),
                      tuple(results.teams[slug] for slug in dict.fromkeys(event.team for event in (*match.goals,
                                                                                                 *match.cards))
                            if slug in results.teams))
                 for match in results.matches.values())


def _match_item(match: Match, tie: Tie | None, published: tuple[str, ...], teams: tuple[Team, ...]) -> JsonItem:
    return JsonItem(match_data(_item_site(ties=(tie,) if tie else (), published=published, teams=teams), match))


def _tie_items(made: Made, results: Results, published: tuple[str, ...]) -> tuple[JsonItem, ...]:
    published, made = frozenset(published), made.memo("ties.json")
    made.start()
    return tuple(made(_tie_item, tie, tuple(slug for match in tie.legs if match for slug in match.articles
                                            if slug in published))
                 for tie in results.ties.values())


def _tie_item(tie: Tie, published: tuple[str, ...]) -> JsonItem:
    return JsonItem(tie_data(_item_site(published=published), tie))


def _team_items(made: Made, results: Results, records: Records) -> tuple[JsonItem, ...]:
    made = made.memo("teams.json")
    made.start()
    return tuple(made(_team_item, team, records.record(team)) for team in results.teams.values())


def _team_item(team: Team, record: Record) -> JsonItem:
    return JsonItem(team_data(team, record))


def _item_site(ties: tuple[Tie, ...] = (), published: tuple[str, ...] = (), teams: tuple[Team, ...] = (),
               matches: tuple[Match, ...] = ()) -> Site:
    """A site of these values alone, for an entry of an open data file: the rest is a stand-in that
    fails loudly when read; its `article_by_slug` says only which recaps are published."""
    return Site(articles=_ABSENT, teams={team.slug: team for team in teams}, competitions=_ABSENT,
                matches={match.id: match for match in matches}, ties={tie.id: tie for tie in ties},
                article_by_slug=dict.fromkeys(published))


class _Absent:
    """A value a function made from given inputs alone must not read."""

    def __getattr__(self, name):
        if name.startswith("__"):  # what tools ask of any object (doctest's __wrapped__, copy's hooks)
            raise AttributeError(name)
        raise TypeError("read a value that is not among the inputs")

    def _refuse(self, *args):
        raise TypeError("read a value that is not among the inputs")

    __iter__ = __len__ = __getitem__ = __contains__ = __bool__ = _refuse


_ABSENT = _Absent()


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
    tie_of = dict(zip(map(id, matches), match_ties))
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
            "matches": [MatchRow(match, tie_of[id(match)]) for match in matches
                        if len(groups) == 1 or match.season in on_page],
            "ties": [tie for tie in ties if len(groups) == 1 or tie.season in on_page],
            "articles": shown_cards,
            "reported": sorted(reporters & {card.slug for card in shown_cards}),
            "pagination": _pager(urls.team(team), number + 1, len(groups)),
        }))
    return tuple(pages)


def _home_page(latest: tuple, in_progress: tuple, decided: tuple, teams: tuple) -> Page:
    return Page(urls.HOME, "home.html", {"latest": list(latest), "in_progress": list(in_progress),
                                         "decided": list(decided), "teams": list(teams)})


def _index_page(index_url: str, template: str, key: str, number: int, count: int, items: tuple) -> Page:
    """Page `number` of `count` of a paginated index (the recaps, the ties)."""
    return Page(urls.page(index_url, number), template, {key: list(items),
                                                         "pagination": _pager(index_url, number, count)})


def _teams_page(teams: tuple) -> Page:
    return Page(urls.TEAMS, "teams.html", {"teams": list(teams)})


def _article_page(article: Article, matches: tuple[Match, ...], match_ties: tuple[Tie | None, ...],
                  teams: tuple[Team, ...]) -> Page:
    return Page(urls.article(article), "article.html", {
        "article": article, "matches": [MatchRow(match, tie) for match, tie in zip(matches, match_ties)],
        "teams": list(teams),
    }, article.lang)


def _tie_page(tie: Tie, cards: tuple[ArticleCard, ...], leg_cards: tuple[tuple[ArticleCard, ...], ...]) -> Page:
    """The tie's page: the cards of every recap on it, and those (without scores) of each leg's."""
    return Page(urls.tie(tie), "tie.html", {"tie": tie, "articles": list(cards),
                                            "leg_recaps": [list(leg) for leg in leg_cards]})


def _competition_page(competition: Competition, seasons: tuple[Season, ...], finals: tuple[Tie | None, ...]) -> Page:
    return Page(urls.competition(competition), "competition.html", {
        "competition": competition, "seasons": list(seasons), "finals": dict(zip(seasons, finals))})


def _season_page(competition: Competition, season: Season, stages: tuple[StageGroup, ...]) -> Page:
    return Page(urls.competition_season(competition, season), "competition_season.html", {
        "competition": competition, "season": season, "stages": list(stages), "bracket": bracket(list(stages)),
    })


def _competitions_page(competitions: tuple) -> Page:
    return Page(urls.COMPETITIONS, "competitions.html",
                {"competitions": [(competition, list(seasons)) for competition, seasons in competitions]})


def _lists_part(made: Made, recaps: Recaps, results: Results, per_page: int, latest: int) -> _Part:
    """The home page, the recaps' and the ties' indexes, and the teams' page."""
    ties = results.ties_newest
    pages = [made(_home_page, recaps.cards[:latest], tuple(tie for tie in ties if tie.result.status == "in_progress"),
                  tuple(tie for tie in ties if tie.result.status == "decided")[:latest],
                  _most_covered(results, recaps, 24))]
    for number, count, items in _paginate(recaps.cards, per_page):
        pages.append(made(_index_page, urls.ARTICLES, "articles.html", "articles", number, count, items))
    for number, count, items in _paginate(ties, per_page):
        pages.append(made(_index_page, urls.TIES, "ties.html", "ties", number, count, items))
    pages.append(made(_teams_page, tuple(results.teams.values())))
    return _part(made, pages)


def _article_part(made: Made, articles: tuple[Article, ...], results: Results) -> _Part:
    """The pages of a run of recaps, and their entries of articles.json."""
    pages, items = [], []
    for article in articles:
        matches = tuple(results.matches[match_id] for match_id in article.matches)
        ties = results.ties_of(matches)
        teams = tuple(results.teams[slug] for slug in article.teams if slug in results.teams)
        pages.append(made(_article_page, article, matches, ties, teams))
        items.append(made(_article_item, article, matches, tuple(tie for tie in ties if tie), teams))
    return _part(made, pages, tuple(items))


def _article_item(article: Article, matches: tuple[Match, ...], ties: tuple[Tie, ...],
                  teams: tuple[Team, ...]) -> JsonItem:
    return JsonItem(article_data(article, _item_site(matches=matches, ties=ties, teams=teams)))


def _team_part(made: Made, results: Results, recaps: Recaps, records: Records, per_page: int) -> _Part:
    pages = []
    for team in results.teams.values():
        matches = tuple(results.team_matches.get(team.slug, ()))
        pages.extend(made(_team_pages, team, per_page, matches, results.ties_of(matches),
                          tuple(recaps.by_team.get(team.slug, ())), tuple(results.team_ties.get(team.slug, ())),
                          records.record(team)))
    return _part(made, pages)


def _tie_part(made: Made, results: Results, recaps: Recaps) -> _Part:
    return _part(made, [made(_tie_page, tie, tuple(recaps.of_tie(tie)),
                             tuple(tuple(plain_card(card, made) for card in recaps.of_match(match)) if match else ()
                                   for match in tie.legs))
                        for tie in results.ties.values()])


def _competition_part(made: Made, results: Results) -> _Part:
    """Each competition's page and its seasons', and the competitions' page."""
    pages, competitions = [], []
    for competition in results.competitions.values():
        seasons = tuple(sorted(results.seasons.get(competition.slug, {}), reverse=True))
        competitions.append((competition, seasons))
        by_season = {season: results.stage_groups(made, competition.slug, season) for season in seasons}
        pages.append(made(_competition_page, competition, seasons, tuple(final(by_season[season]) for season in seasons)))
        for season in seasons:
            pages.append(made(_season_page, competition, season, tuple(by_season[season])))
    pages.append(made(_competitions_page, tuple(competitions)))
    return _part(made, pages)


def _feeds(made: Made, results: Results, recaps: Recaps, title: str, description: str) -> tuple[Feed, ...]:
    """The site's feeds, each of the cards of its entries (see `feeds.feeds_of`)."""
    reported = ((card, (match.competition.slug for match in card.matches)) for card in recaps.cards)
    return tuple(feeds_of(results.teams, results.competitions, reported, title, description))
