"""The outputs beside the HTML pages: open data JSON, Atom feeds, sitemap,
robots.txt, CNAME. Each has a view (made here, planned in `pages`) and a format that
turns the view into bytes (`FORMATS`)."""
from __future__ import annotations

import json
from collections.abc import Container, Mapping

from . import urls
from .config import Config
from .feeds import atom
from .structured import sitemap_xml
from .model import Article, Match, Team, Tie
from .views import Record


def _score(score) -> str | None:
    return None if score is None else f"{score.home}-{score.away}"


class JsonItem:
    """An entry of an open data file (a JSON list, one space of indent, sorted keys): its value,
    and its text as it stands in the file. Pickled, so keyed (`dependencies`), as its value."""

    __slots__ = ("value",)

    def __init__(self, value: dict):
        self.value = value

    def __reduce__(self):
        return JsonItem, (self.value,)

    @property
    def text(self) -> str:
        """The entry as it stands in the file: every line indented by one space."""
        return " " + json.dumps(self.value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")


def _json_joined(items: list[JsonItem]) -> bytes:
    """The list of the items' values, as `json.dumps(values, ensure_ascii=False, indent=1,
    sort_keys=True)` writes it, and a newline (a string JSON encodes holds no raw newline, so
    every newline in an item is indentation)."""
    return (("[\n" + ",\n".join(item.text for item in items) + "\n]" if items else "[]") + "\n").encode("utf-8")


def _article_urls(match: Match, published: Container[str]) -> list[str]:
    """The URLs of the published recaps of `match`."""
    return [urls.article_at(slug) for slug in match.articles if slug in published]


def match_url(match: Match, ties: Mapping[str, Tie], published: Container[str]) -> str:
    """A match has no page of its own: its tie's page, else its first recap."""
    if match.tie_id:
        return urls.tie(ties[match.tie_id])
    recaps = _article_urls(match, published)
    return recaps[0] if recaps else urls.HOME


def _leg(number: int, match: Match, published: Container[str]) -> dict:
    return {"leg": number, "home": match.home.name, "away": match.away.name, "score": _score(match.score),
            "aet": _score(match.aet), "pens": _score(match.pens), "date": match.date.isoformat(),
            "venue": match.venue or None, "neutral": match.neutral, "articles": _article_urls(match, published)}


def tie_data(tie: Tie, published: Container[str]) -> dict:
    """The tie's entry of ties.json; `published`: the slugs of the published recaps."""
    result = tie.result
    return {
        "id": tie.id, "url": urls.tie(tie), "competition": tie.competition.name, "season": str(tie.season),
        "stage": tie.stage.name, "team1": tie.team1.name, "team2": tie.team2.name, "legs_total": tie.legs_needed,
        "legs": [_leg(number, match, published) for number, match in enumerate(tie.legs, 1) if match],
        "aggregate": _score(result.aggregate), "winner": result.winner, "decided_by": result.decided_by,
        "status": result.status,
    }


def _events(events, teams: Mapping[str, Team]) -> list[dict]:
    return [{"team": teams[e.team].name if e.team in teams else e.team, "player": e.player,
             "minute": e.minute or None, "kind": e.kind} for e in events]


def match_data(match: Match, ties: Mapping[str, Tie], published: Container[str], teams: Mapping[str, Team]) -> dict:
    """The match's entry of matches.json: `ties` and `teams` by id and slug, `published` the
    slugs of the published recaps."""
    return {
        "id": match.id, "url": match_url(match, ties, published), "competition": match.competition.name,
        "season": str(match.season), "stage": match.stage.name if match.stage else None, "leg": match.leg,
        "home": match.home.name, "away": match.away.name, "score": _score(match.score),
        "aet": _score(match.aet), "pens": _score(match.pens), "date": match.date.isoformat(),
        "venue": match.venue or None, "neutral": match.neutral,
        "tie": urls.tie(ties[match.tie_id]) if match.tie_id else None,
        "articles": _article_urls(match, published),
        "goals": _events(match.goals, teams),
        "cards": _events(match.cards, teams),
    }


def team_data(team: Team, record: Record) -> dict:
    """The team's entry of teams.json."""
    return {"url": urls.team(team), "slug": team.slug, "name": team.name, "short": team.short or None,
            "country": team.country or None, "known": team.known,
            "record": {"played": record.played, "won": record.won, "drawn": record.drawn, "lost": record.lost,
                       "goals_for": record.goals_for, "goals_against": record.goals_against}}


def article_data(article: Article, teams: Mapping[str, Team], matches: Mapping[str, Match],
                 ties: Mapping[str, Tie]) -> dict:
    """The article's entry of articles.json: the site's teams, matches and ties by key."""
    return {
        "url": urls.article(article), "slug": article.slug, "title": article.title,
        "date": article.date.isoformat() if article.date else None, "lang": article.lang,
        "summary": article.summary or None, "author": article.author or None, "draft": article.draft,
        "teams": [teams[slug].name for slug in article.teams if slug in teams],
        "matches": list(article.matches),
        "ties": sorted({urls.tie(ties[matches[m].tie_id]) for m in article.matches if matches[m].tie_id}),
    }


def _robots(view: dict, config: Config) -> bytes:
    sitemap_url = urls.absolute(config.origin, config.base_path, view["sitemap"])
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()


def _atom(view: dict, config: Config, markdown) -> bytes:
    return atom(view["feed"], config, lambda article: str(markdown(article.body)))


# The outputs that are not Jinja templates: format name -> render(view, config, markdown) -> bytes,
# where `markdown` is the site's Markdown renderer (each body converted once, cached).
FORMATS = {
    "json-items": lambda view, config, markdown: _json_joined(view["items"]),
    "sitemap": lambda view, config, markdown: sitemap_xml(view["pages"], config),
    "robots": lambda view, config, markdown: _robots(view, config),
    "text": lambda view, config, markdown: view["text"].encode("utf-8"),
    "atom": _atom,
}
