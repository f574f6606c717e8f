"""What pages show, derived from the model: per-team records, lookups by team
and competition, and the small values a page's view is made of.

Pure. `SiteIndex` is built once per build and used by the page plan only: a
template never sees it (nor the whole `Site`), so everything a page shows is
in its view, and the view's fingerprint says when the page must be rendered
again. `Made` keeps what pure functions made from the same values, from one
plan to the next (the preview's rebuilds)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .model import Article, Match, Site, Team, Tie
from .rules import Season, result_for


# Inputs compared by value; anything else (a frozen model value, a card, a page) by identity.
_VALUE_TYPES = frozenset({str, int, float, bool, type(None), Season, dt.date, dt.datetime})
_CONTAINERS = frozenset({tuple, list, dict, set, frozenset})
_NOT_OBJECTS = _VALUE_TYPES | _CONTAINERS


def _key(value):
    """A hashable key that is equal for two inputs exactly when they are equal values or the very
    same objects (and tuples of such). Mutable containers are refused: they could change."""
    kind = type(value)
    if kind in _VALUE_TYPES:
        return value
    if kind is tuple:
        kinds = set(map(type, value))
        if not kinds & _NOT_OBJECTS:
            return ("ids", *map(id, value))  # the common case, a tuple of model values: at C speed
        if kinds <= _VALUE_TYPES:
            return ("t", *value)
        return ("t", *[item if type(item) in _VALUE_TYPES else _key(item) for item in value])
    if kind in _CONTAINERS:
        raise TypeError(f"an input must be a tuple, not a {kind.__name__}: it could change")
    return ("o", id(value))


class Made:
    """What pure functions made, kept by their inputs: `made(make, *inputs)` is `make(*inputs)`,
    or what that returned for the same inputs in this plan or the one before.

    Inputs are values (strings, numbers, dates, seasons), frozen objects known by identity (model
    values, which assemble keeps from one rebuild to the next when unchanged, cards, pages) and
    tuples of those. Each entry holds its inputs, so no other object can take their ids while it
    exists. `make` must read nothing but its inputs; then what is kept is what it would make again.
    Entries the latest plan did not use are dropped when the next one starts.

    `keep=False`, for a plan no other follows (a build's): nothing is kept, every value is made
    as it is asked for (at 10,000 recaps the keys cost 0.25 s of a 1.6 s plan)."""

    def __init__(self, keep: bool = True):
        self._previous: dict = {}
        self._used: dict = {}
        self._keep = keep
        self.calls = 0  # what the latest plan asked for, and how much of it was made anew
        self.made = 0

    def start(self) -> None:
        """Begin a plan."""
        self._previous, self._used = self._used or self._previous, {}
        self.calls = self.made = 0

    def __call__(self, make, *inputs):
        self.calls += 1
        if not self._keep:
            self.made += 1
            return make(*inputs)
        key = (make, _key(inputs))
        found = self._used.get(key)
        if found is None:
            found = self._previous.pop(key, None)  # taken out: the two plans' keys are not all held at once
            if found is None:
                found = (inputs, make(*inputs))
                self.made += 1
            self._used[key] = found
        return found[1]


@dataclass(frozen=True)
class Record:
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    form: tuple[str, ...] = ()  # last five results, oldest first: W, D or L

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against


def team_record(team: Team, matches: list[Match], form_length: int = 5) -> Record:
    """P W D L GF GA over `matches`, extra time included; a shoot-out is a draw."""
    results, goals_for, goals_against = [], 0, 0
    for match in sorted(matches, key=lambda m: (m.date, m.id)):
        leg = match.as_leg
        results.append(result_for(team.name, leg))
        goals_for += leg.goals(team.name)
        goals_against += leg.goals(match.away.name if match.home.slug == team.slug else match.home.name)
    return Record(played=len(results), won=results.count("W"), drawn=results.count("D"),
                  lost=results.count("L"), goals_for=goals_for, goals_against=goals_against,
                  form=tuple(results[-form_length:]))


@dataclass(frozen=True)
class ArticleCard:
    """What a list of recaps shows of one recap: never its body."""

    slug: str
    title: str
    date: dt.date | None
    lang: str
    summary: str = ""
    draft: bool = False
    matches: tuple[Match, ...] = ()  # the results it reports, for the card's scores


def card(article: Article, matches: tuple[Match, ...] = (), made: Made | None = None) -> ArticleCard:
    """The article's card; with `made`, the card of equal fields and the same matches made before
    (an edit of the body alone leaves its cards, so the lists that show them, as they were)."""
    fields = (article.slug, article.title, article.date, article.lang, article.summary, article.draft, matches)
    return made(ArticleCard, *fields) if made is not None else ArticleCard(*fields)


@dataclass(frozen=True)
class MatchRow:
    """A result as a list shows it, with the tie it belongs to (None: a plain result)."""

    match: Match
    tie: Tie | None = None


@dataclass(frozen=True)
class StageGroup:
    name: str
    ties: tuple[Tie, ...]
    matches: tuple[Match, ...]  # results outside ties (league phase, group stage)


@dataclass
class SiteIndex:
    """Lookups the pages need, computed once."""

    site: Site
    made: Made = field(default_factory=Made, repr=False)
    team_matches: dict[str, list[Match]] = field(default_factory=lambda: defaultdict(list))
    team_ties: dict[str, list[Tie]] = field(default_factory=lambda: defaultdict(list))
    team_articles: dict[str, list[Article]] = field(default_factory=lambda: defaultdict(list))
    seasons: dict[str, dict[Season, list[Match]]] = field(default_factory=dict)  # competition slug ->
    _records: dict[str, Record] = field(default_factory=dict, repr=False)
    _cards: dict[str, ArticleCard] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, site: Site, made: Made | None = None) -> "SiteIndex":
        """The lookups of `site`; `made`: what an earlier plan made, to keep what it can (see `Made`)."""
        index = cls(site, made if made is not None else Made(keep=False))
        index.made.start()
        for match in sorted(site.matches.values(), key=lambda m: (m.date, m.id), reverse=True):
            index.team_matches[match.home.slug].append(match)
            index.team_matches[match.away.slug].append(match)
            index.seasons.setdefault(match.competition.slug, {}).setdefault(match.season, []).append(match)
        for tie in sorted(site.ties.values(), key=lambda t: (t.last_date, t.id), reverse=True):
            index.team_ties[tie.team1.slug].append(tie)
            index.team_ties[tie.team2.slug].append(tie)
        for article in site.articles:
            for slug in article.teams:
                index.team_articles[slug].append(article)
        return index

    def articles_of(self, match: Match) -> list[Article]:
        return [self.site.article_by_slug[slug] for slug in match.articles if slug in self.site.article_by_slug]

    def reported_matches(self, article: Article) -> tuple[Match, ...]:
        return tuple(self.site.matches[match_id] for match_id in article.matches if match_id in self.site.matches)

    def card(self, article: Article) -> ArticleCard:
        """The article's card, with the scores of the matches it reports: one object per article,
        so what is worked out once per value (fingerprints, rendered fragments) is, for cards too."""
        if article.slug not in self._cards:  # slugs are unique in a site (a duplicate is an error)
            self._cards[article.slug] = card(article, self.reported_matches(article), self.made)
        return self._cards[article.slug]

    def plain_card(self, article: Article) -> ArticleCard:
        """The article's card without scores (beside a leg that shows its own)."""
        return card(article, (), self.made)

    def reporters(self, team: Team) -> list[str]:
        """Slugs of the articles that report a match of the team (not only mention it)."""
        return sorted({slug for match in self.team_matches.get(team.slug, []) for slug in match.articles})

    def final(self, groups: list[StageGroup]) -> Tie | None:
        """A season's final: the only tie of its last knockout round, when that round has one."""
        rounds = [group for group in groups if group.ties]
        return rounds[-1].ties[0] if rounds and len(rounds[-1].ties) == 1 else None

    def tie_of(self, match: Match) -> Tie | None:
        return self.site.ties.get(match.tie_id) if match.tie_id else None

    def record(self, team: Team) -> Record:
        """The team's record over every reported match, computed once."""
        if team.slug not in self._records:
            self._records[team.slug] = self.made(team_record, team, tuple(self.team_matches.get(team.slug, ())))
        return self._records[team.slug]

    def rows(self, matches) -> list[MatchRow]:
        return [MatchRow(match, self.tie_of(match)) for match in matches]

    def ties_of(self, matches) -> tuple[Tie | None, ...]:
        """The tie of each match (None: a plain result)."""
        return tuple(self.tie_of(match) for match in matches)

    def tie_articles(self, tie: Tie) -> list[Article]:
        seen = {}
        for match in tie.legs:
            if match:
                for article in self.articles_of(match):
                    seen[article.slug] = article
        return sorted(seen.values(), key=lambda a: (a.date is None, a.date, a.slug))

    def stage_groups(self, competition_slug: str, season: Season) -> list[StageGroup]:
        """Ties and other results of one competition season, by stage in the season's order."""
        matches = tuple(self.seasons.get(competition_slug, {}).get(season, ()))
        return self.made(stage_groups, matches, self.ties_of(matches))


def stage_groups(matches: tuple[Match, ...], ties: tuple[Tie | None, ...]) -> list[StageGroup]:
    """The ties and other results of `matches` (with the tie of each), by stage in the season's order."""
    by_stage: dict[tuple, tuple[list, list]] = {}
    placed: set[tuple] = set()  # (stage, tie id) of the ties placed: a tie's id is its own in a site
    for match, tie in sorted(zip(matches, ties), key=lambda pair: (pair[0].date, pair[0].id)):
        stage = match.stage
        key = (stage.order, stage.name) if stage else (-1, "")
        in_ties, plain = by_stage.setdefault(key, ([], []))
        if tie is None:
            plain.append(match)
        elif (key, tie.id) not in placed:
            placed.add((key, tie.id))
            in_ties.append(tie)
    return [StageGroup(name=name, ties=tuple(in_ties), matches=tuple(plain))
            for (_, name), (in_ties, plain) in sorted(by_stage.items())]


def bracket(groups: list[StageGroup]) -> list[StageGroup]:
    """The knockout rounds of a season, each ordered so that a tie sits beside
    the ties of the previous round that fed it: the final's teams decide the
    semi-finals' order, theirs the quarter-finals', and so on."""
    rounds = [group for group in groups if group.ties]
    for later, earlier in zip(reversed(rounds), list(reversed(rounds))[1:]):
        position = {}
        for index, tie in enumerate(later.ties):
            position[tie.team1.slug] = 2 * index
            position[tie.team2.slug] = 2 * index + 1
        fed = sorted(earlier.ties, key=lambda t: (position.get(t.winner.slug if t.winner else "", len(position)),))
        rounds[rounds.index(earlier)] = StageGroup(earlier.name, tuple(fed), earlier.matches)
    return rounds
