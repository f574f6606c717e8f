"""The outputs beside the HTML pages: open data JSON, Atom feeds, sitemap,
robots.txt, CNAME. Each has a view (made here, planned in `pages`) and a format that
turns the view into bytes (`FORMATS`)."""
from __future__ import annotations

import json

from . import urls
from .config import Config
from .feeds import atom
from .structured import sitemap_xml
from .model import Match, Site, Tie
from .views import Records


def _score(score) -> str | None:
    return None if score is None else f"{score.home}-{score.away}"


def _json(items: list) -> bytes:
    return (json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def json_item(item: dict) -> str:
    """`item` as it stands in the list `_json` writes: a run of recaps encodes its entries of
    articles.json once (JSON's encoder is Python code when it indents: 0.6 s for 10,000 entries),
    and the file is joined from them (`_json_joined`)."""
    return " " + json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")


def _json_joined(items: list[str]) -> bytes:
    """What `_json` writes for the list whose items `json_item` encoded (a string JSON encodes
    holds no raw newline, so every newline in an item is indentation)."""
    return (("[\n" + ",\n".join(items) + "\n]" if items else "[]") + "\n").encode("utf-8")


def _article_urls(site: Site, match: Match) -> list[str]:
    return [urls.article(site.article_by_slug[slug]) for slug in match.articles if slug in site.article_by_slug]


def match_url(site: Site, match: Match) -> str:
    """A match has no page of its own: its tie's page, else its first recap."""
    if match.tie_id:
        return urls.tie(site.ties[match.tie_id])
    recaps = _article_urls(site, match)
    return recaps[0] if recaps else urls.HOME


def _leg(site: Site, number: int, match: Match) -> dict:
    return {"leg": number, "home": match.home.name, "away": match.away.name, "score": _score(match.score),
            "aet": _score(match.aet), "pens": _score(match.pens), "date": match.date.isoformat(),
            "venue": match.venue or None, "neutral": match.neutral, "articles": _article_urls(site, match)}


def _tie(site: Site, tie: Tie) -> dict:
    result = tie.result
    return {
        "id": tie.id, "url": urls.tie(tie), "competition": tie.competition.name, "season": str(tie.season),
        "stage": tie.stage.name, "team1": tie.team1.name, "team2": tie.team2.name, "legs_total": tie.legs_needed,
        "legs": [_leg(site, number, match) for number, match in enumerate(tie.legs, 1) if match],
        "aggregate": _score(result.aggregate), "winner": result.winner, "decided_by": result.decided_by,
        "status": result.status,
    }


def _events(site: Site, events) -> list[dict]:
    return [{"team": site.teams[e.team].name if e.team in site.teams else e.team, "player": e.player,
             "minute": e.minute or None, "kind": e.kind} for e in events]


def _match(site: Site, match: Match) -> dict:
    return {
        "id": match.id, "url": match_url(site, match), "competition": match.competition.name,
        "season": str(match.season), "stage": match.stage.name if match.stage else None, "leg": match.leg,
        "home": match.home.name, "away": match.away.name, "score": _score(match.score),
        "aet": _score(match.aet), "pens": _score(match.pens), "date": match.date.isoformat(),
        "venue": match.venue or None, "neutral": match.neutral,
        "tie": urls.tie(site.ties[match.tie_id]) if match.tie_id else None,
        "articles": _article_urls(site, match),
        "goals": _events(site, match.goals),
        "cards": _events(site, match.cards),
    }


def ties_data(site: Site) -> list[dict]:
    return [_tie(site, tie) for tie in site.ties.values()]


def matches_data(site: Site) -> list[dict]:
    return [_match(site, match) for match in site.matches.values()]


def teams_data(site: Site, records: Records) -> list[dict]:
    teams = []
    for team in site.teams.values():
        record = records.record(team)
        teams.append({"url": urls.team(team), "slug": team.slug, "name": team.name, "short": team.short or None,
                      "country": team.country or None, "known": team.known,
                      "record": {"played": record.played, "won": record.won, "drawn": record.drawn,
                                 "lost": record.lost, "goals_for": record.goals_for,
                                 "goals_against": record.goals_against}})
    return teams


def articles_data(site: Site) -> list[dict]:
    return [article_data(article, site) for article in site.articles]


def article_data(article, site) -> dict:
    """The article's entry of articles.json; `site`: what has the site's teams, matches and ties
    by key (a `Site`, or a `views.Results`)."""
    return {
        "url": urls.article(article), "slug": article.slug, "title": article.title,
        "date": article.date.isoformat() if article.date else None, "lang": article.lang,
        "summary": article.summary or None, "author": article.author or None, "draft": article.draft,
        "teams": [site.teams[slug].name for slug in article.teams if slug in site.teams],
        "matches": list(article.matches),
        "ties": sorted({urls.tie(site.ties[site.matches[m].tie_id]) for m in article.matches
                        if site.matches[m].tie_id}),
    }


def _robots(view: dict, config: Config) -> bytes:
    sitemap_url = urls.absolute(config.origin, config.base_path, view["sitemap"])
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()


def _atom(view: dict, config: Config, markdown) -> bytes:
    return atom(view["feed"], config, lambda article: str(markdown(article.body)))


# The outputs that are not Jinja templates: format name -> render(view, config, markdown) -> bytes,
# where `markdown` is the site's Markdown renderer (each body converted once, cached).
FORMATS = {
    "json": lambda view, config, markdown: _json(view["items"]),
    "json-items": lambda view, config, markdown: _json_joined(view["items"]),
    "sitemap": lambda view, config, markdown: sitemap_xml(view["pages"], config),
    "robots": lambda view, config, markdown: _robots(view, config),
    "text": lambda view, config, markdown: view["text"].encode("utf-8"),
    "atom": _atom,
}
# Formats whose views are plain data, fingerprinted as they are (an Atom view holds model values).
PLAIN_FORMATS = frozenset({"json", "json-items", "sitemap", "robots", "text"})
