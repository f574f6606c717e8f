"""What pages show, derived from the model: per-team records, lookups by team
and competition, and the small values a page's view is made of.

Pure. `SiteIndex` is built once per build and used by the page plan only: a
template never sees it (nor the whole `Site`), so everything a page shows is
in its view, and the view's fingerprint says when the page must be rendered
again. `Made` keeps what pure functions made from the same values, from one
plan to the next (the preview's rebuilds)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat

from .model import Article, Competition, Match, Site, Team, Tie
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
        self._asked: list[tuple[list, list]] = []  # the value and part keys each part being made asked for
        self.calls = 0  # what the latest plan asked for, and how much of it was made anew
        self.made = 0
        self._memos: dict[str, Made] = {}

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
        if self._asked:
            self._asked[-1][0].append(key)
        return found[1]

    def part(self, make, *inputs):
        """`make(self, *inputs)`: a part of the plan, which asks `self` for the values it is made
        of. When its inputs are those of a part made before, that part is kept whole, with every
        value it asked for, without asking for them again: a plan of parts whose inputs are whole
        collections (a tuple of 10,000 recaps is keyed at C speed) costs what changed, not what
        the site holds."""
        self.calls += 1
        if not self._keep:
            self.made += 1
            return make(self, *inputs)
        key = (make, _key(inputs))
        found = self._used.get(key)
        if found is None:
            found = self._previous.pop(key, None)
            if found is None:
                self._asked.append(([], []))
                try:
                    result = make(self, *inputs)
                finally:
                    values, parts = self._asked.pop()
                found = (inputs, result, tuple(values), tuple(parts))
                self.made += 1
            else:
                self._carry(found[2], found[3])
            self._used[key] = found
        if self._asked:
            self._asked[-1][1].append(key)
        return found[1]

    def memo(self, name: str) -> "Made":
        """A `Made` of its own, kept with this one, for a part that asks for many values (the
        entries of an open data file): the part starts it whenever it is made again, and a part
        kept whole leaves it untouched, so its values are not carried from plan to plan."""
        if not self._keep:
            return Made(keep=False)
        return self._memos.setdefault(name, Made())

    def _carry(self, values: tuple, parts: tuple) -> None:
        """Keep for the next plan the values and parts a part kept whole asked for (and what its
        parts asked for). The values are moved at C speed: a kept part may have asked for 10,000."""
        found = list(map(self._previous.pop, values, repeat(None, len(values))))
        if None in found:  # this plan asked for those already
            self._used.update((key, entry) for key, entry in zip(values, found) if entry is not None)
        else:
            self._used.update(zip(values, found))
        for key in parts:
            entry = self._previous.pop(key, None)
            if entry is not None:
                self._used[key] = entry
                self._carry(entry[2], entry[3])


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
    teams: tuple[str, ...] = ()  # the slugs of the teams it names: what puts it on their pages and feeds


def card(article: Article, matches: tuple[Match, ...] = (), made: Made | None = None) -> ArticleCard:
    """The article's card; with `made`, the card of equal fields and the same matches made before
    (an edit of the body alone leaves its cards, so the lists that show them, as they were)."""
    fields = (article.slug, article.title, article.date, article.lang, article.summary, article.draft, matches,
              article.teams)
    return made(ArticleCard, *fields) if made is not None else ArticleCard(*fields)


def plain_card(card: ArticleCard, made: Made) -> ArticleCard:
    """The card without scores (beside a leg that shows its own); kept while the card is (cards
    of equal fields are one object: `card`)."""
    return made(_plain_card, card)


def _plain_card(card: ArticleCard) -> ArticleCard:
    return ArticleCard(card.slug, card.title, card.date, card.lang, card.summary, card.draft, (), card.teams)


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


RUN = 100  # recaps per part of the plan (see `runs`)


def runs(items: tuple, size: int = RUN) -> list[tuple]:
    """`items` cut into runs of `size`, counted from the last: a recap added first (the newest, as
    recaps are ordered) changes the first run alone, and every other run is the same as before."""
    first = len(items) % size
    return ([items[:first]] if first else []) + [items[start:start + size] for start in range(first, len(items), size)]


class Results:
    """The site's teams, competitions, matches and ties, with the lookups of them that pages need.
    Made by `Made` from those four collections, so a rebuild that keeps all of them (a save of a
    recap's body) keeps this very object, and every part of the plan made from it. Never changed
    once made."""

    def __init__(self, teams: tuple[Team, ...], competitions: tuple[Competition, ...],
                 matches: tuple[Match, ...], ties: tuple[Tie, ...]):
        self.teams = {team.slug: team for team in teams}
        self.competitions = {competition.slug: competition for competition in competitions}
        self.matches = {match.id: match for match in matches}
        self.ties = {tie.id: tie for tie in ties}
        self.team_matches: dict[str, list[Match]] = {}  # newest first
        self.seasons: dict[str, dict[Season, list[Match]]] = {}  # competition slug -> season -> matches
        for match in sorted(matches, key=lambda m: (m.date, m.id), reverse=True):
            self.team_matches.setdefault(match.home.slug, []).append(match)
            self.team_matches.setdefault(match.away.slug, []).append(match)
            self.seasons.setdefault(match.competition.slug, {}).setdefault(match.season, []).append(match)
        self.ties_newest = tuple(sorted(ties, key=lambda t: (t.last_date, t.id), reverse=True))
        self.team_ties: dict[str, list[Tie]] = {}
        for tie in self.ties_newest:
            self.team_ties.setdefault(tie.team1.slug, []).append(tie)
            self.team_ties.setdefault(tie.team2.slug, []).append(tie)

    def reported(self, article: Article) -> tuple[Match, ...]:
        """The matches the article reports."""
        return tuple(self.matches[match_id] for match_id in article.matches if match_id in self.matches)

    def tie_of(self, match: Match) -> Tie | None:
        return self.ties.get(match.tie_id) if match.tie_id else None

    def ties_of(self, matches) -> tuple[Tie | None, ...]:
        """The tie of each match (None: a plain result)."""
        return tuple(self.tie_of(match) for match in matches)

    def stage_groups(self, made: Made, competition_slug: str, season: Season) -> list[StageGroup]:
        """Ties and other results of one competition season, by stage in the season's order."""
        matches = tuple(self.seasons.get(competition_slug, {}).get(season, ()))
        return made(stage_groups, matches, self.ties_of(matches))


class Records:
    """Every team's record over its reported matches. Never changed once made."""

    def __init__(self, made: Made, results: Results):  # made by `Made.part`
        self.by_team = {slug: made(team_record, team, tuple(results.team_matches.get(slug, ())))
                        for slug, team in results.teams.items()}

    def record(self, team: Team) -> Record:
        return self.by_team[team.slug]


def final(groups: list[StageGroup]) -> Tie | None:
    """A season's final: the only tie of its last knockout round, when that round has one."""
    rounds = [group for group in groups if group.ties]
    return rounds[-1].ties[0] if rounds and len(rounds[-1].ties) == 1 else None


def _cards(made: Made, articles: tuple[Article, ...], results: Results) -> tuple[ArticleCard, ...]:
    return tuple(card(article, results.reported(article), made) for article in articles)


class Recaps:
    """The cards of the site's recaps, newest first, with the lookups of them pages need. Made by
    `Made` from the cards, so a rebuild that leaves every card as it was (a save of a body) keeps
    it. Never changed once made."""

    def __init__(self, cards: tuple[ArticleCard, ...]):
        self.cards = cards
        self.by_slug = {card.slug: card for card in cards}
        self.by_team: dict[str, list[ArticleCard]] = {}  # the cards of the recaps that name each team
        for card in cards:
            for slug in card.teams:
                self.by_team.setdefault(slug, []).append(card)

    def of_match(self, match: Match) -> list[ArticleCard]:
        """The cards of the recaps that report `match`."""
        return [self.by_slug[slug] for slug in match.articles if slug in self.by_slug]

    def of_tie(self, tie: Tie) -> list[ArticleCard]:
        """The cards of the recaps that report a leg of `tie`, oldest first."""
        seen = {card.slug: card for match in tie.legs if match for card in self.of_match(match)}
        return sorted(seen.values(), key=lambda c: (c.date is None, c.date, c.slug))


@dataclass
class SiteIndex:
    """What the page plan looks things up in, for one site: its results and its recaps' cards,
    each made by `made` (a part of the plan made from them is kept while they are)."""

    site: Site
    made: Made
    results: Results
    recaps: Recaps

    @classmethod
    def build(cls, site: Site, made: Made | None = None) -> "SiteIndex":
        """The lookups of `site`; `made`: what an earlier plan made, to keep what it can (see `Made`)."""
        made = made if made is not None else Made(keep=False)
        made.start()
        results = made(Results, tuple(site.teams.values()), tuple(site.competitions.values()),
                       tuple(site.matches.values()), tuple(site.ties.values()))
        cards = tuple(chain.from_iterable(made.part(_cards, run, results) for run in runs(site.articles)))
        return cls(site, made, results, made(Recaps, cards))

    @cached_property
    def records(self) -> Records:
        return self.made.part(Records, self.results)


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
